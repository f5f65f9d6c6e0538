/*
 * test_media.c - what feeds say about media files (util/media.h): media
 * types guessed from URLs, podcast durations in every form, decimals,
 * BCP 47 language tags; and the podcast namespaces in every spelling seen
 * in feeds (syntax/xml_ns.h).
 */
#include "internal.h"
#include "syntax/xml_ns.h"
#include "util/media.h"

#include "check.h"

#include <stdio.h>
#include <string.h>

static void test_types(void)
{
    CHECK_STR("type: .mp3", fc_media_type_guess("https://x.example/e/1.mp3"), "audio/mpeg");
    CHECK_STR("type: case and query ignored", fc_media_type_guess("https://x.example/1.MP3?u=2#t"),
              "audio/mpeg");
    CHECK_STR("type: .mp4", fc_media_type_guess("https://x.example/v.mp4"), "video/mp4");
    CHECK_STR("type: unknown extension", fc_media_type_guess("https://x.example/a.dat"), NULL);
    CHECK_STR("type: no path", fc_media_type_guess("https://x.example"), NULL);
    CHECK("vague: absent", fc_media_type_vague(NULL));
    CHECK("vague: octet-stream", fc_media_type_vague("application/octet-stream"));
    CHECK("vague: audio/mpeg is not", !fc_media_type_vague("audio/mpeg"));
}

static void test_durations(void)
{
    static const struct {
        const char *in;
        double want; /* -1: refused */
    } cases[] = {
        {"3723", 3723}, {"63.5", 63.5}, {"1:05", 65}, {"01:02:03", 3723}, {"1:02:03.25", 3723.25},
        {" 45 ", 45},   {"0", 0},       {"-5", -1},   {"1:75", -1},       {"ten minutes", -1},
        {"", -1},       {"1::2", -1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char name[96];
        double got = -1;
        bool ok = fc_duration_parse(cases[i].in, &got);
        snprintf(name, sizeof name, "duration \"%s\"", cases[i].in);
        if (cases[i].want < 0)
            CHECK(name, !ok && got == -1);
        else
            CHECK(name, ok && got == cases[i].want);
    }
    char buf[32];
    fc_decimal_format(3723, buf, sizeof buf);
    CHECK_STR("decimal: integer", buf, "3723");
    fc_decimal_format(63.5, buf, sizeof buf);
    CHECK_STR("decimal: fraction", buf, "63.5");
}

static void test_lang(void)
{
    struct fc_arena *a = fc_arena_new();
    if (!a)
        return;
    CHECK_STR("lang: en_US", fc_lang_bcp47(a, "en_US"), "en-US");
    CHECK_STR("lang: en-gb as is", fc_lang_bcp47(a, "en-gb"), "en-gb");
    fc_arena_free(a);
}

static void test_namespaces(void)
{
    static const struct {
        const char *uri;
        enum fc_xml_ns_id want;
    } cases[] = {
        {"http://www.itunes.com/dtds/podcast-1.0.dtd", FC_XNS_ITUNES},
        {"http://www.itunes.com/DTDs/Podcast-1.0.dtd", FC_XNS_ITUNES},
        {"https://www.itunes.com/dtds/podcast-1.0.dtd", FC_XNS_ITUNES},
        {"https://podcastindex.org/namespace/1.0", FC_XNS_PODCAST},
        {"https://podcastindex.org/namespace/1.0/", FC_XNS_PODCAST},
        {"https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/1.0.md",
         FC_XNS_PODCAST},
        {"http://search.yahoo.com/mrss/", FC_XNS_MEDIA},
        {"http://search.yahoo.com/mrss", FC_XNS_MEDIA},
        {"http://purl.org/dc/elements/1.1/", FC_XNS_OTHER},
        {NULL, FC_XNS_OTHER},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char name[160];
        snprintf(name, sizeof name, "namespace %s", cases[i].uri ? cases[i].uri : "(null)");
        CHECK_INT(name, fc_xml_ns_known(cases[i].uri), cases[i].want);
    }
    CHECK_STR("namespace: writers' itunes URI", fc_xml_ns_uri(FC_XNS_ITUNES), FC_NS_ITUNES);
}

int main(void)
{
    test_types();
    test_durations();
    test_lang();
    test_namespaces();
    return CHECK_DONE();
}
