/*
 * test_roundtrip.c - podcasts and media among the formats, compared model
 * against model, field by field (modeldump.h).  For each podcast fixture
 * (Apple-style, Podcasting 2.0, YouTube Media RSS, SoundCloud-style):
 *
 *  - every format keeps every podcast and media field: the podcast data,
 *    episodes, attachments and Media RSS of the model read from the
 *    fixture are those of the model read back from each format;
 *  - X -> Y -> X gives the same model, whole, for each pair of formats
 *    (X's model: the fixture written as X and read back).
 *
 * On a difference the first differing line is printed: it names the
 * field.
 */
#define _GNU_SOURCE
#include "check.h"
#include "modeldump.h"
#include "testlib.h"

static const char *const fixtures[] = {"podcast-apple", "podcast-20", "podcast-youtube",
                                       "podcast-soundcloud", NULL};
static const char *const formats[] = {"rss", "atom", "jsonfeed", NULL};

static void quiet(void *ctx, const struct fc_error *w)
{
    (void)ctx, (void)w;
}

/* f written as fmt and read back; NULL (with a FAIL) when that fails. */
static struct fc_feed *through(const struct fc_feed *f, const char *fmt, const char *label)
{
    struct fc_options o;
    fc_options_init(&o);
    o.warn = quiet;
    const struct fc_format *ff = fc_format_find(fmt);
    enum fc_status st = FC_OK;
    struct fc_error err = {0};
    char *text = tl_write_mem(f, ff, &o, &st, &err);
    struct fc_feed *g = NULL;
    if (text)
        st = tl_read_mem(text, strlen(text), fmt, ff, &o, &g, &err);
    if (!text || st) {
        printf("FAIL: %s: %s: %s\n", label, fmt, err.message);
        check_failures++;
    }
    free(text);
    return g;
}

static char *dump(const struct fc_feed *f)
{
    struct bytes b = {0};
    md_feed(&b, f);
    return b.p ? b.p : calloc(1, 1);
}

/* The first line where a and b differ, for the failure message. */
static void first_difference(const char *a, const char *b, char *out, size_t cap)
{
    while (*a && *b) {
        size_t na = strcspn(a, "\n"), nb = strcspn(b, "\n");
        if (na != nb || memcmp(a, b, na) != 0) {
            snprintf(out, cap, "want \"%.*s\", got \"%.*s\"", (int)(na > 300 ? 300 : na), a,
                     (int)(nb > 300 ? 300 : nb), b);
            return;
        }
        a += na + (a[na] == '\n');
        b += nb + (b[nb] == '\n');
    }
    snprintf(out, cap, "want \"%.200s\", got \"%.200s\"", *a ? a : "(end)", *b ? b : "(end)");
}

static void same(const char *label, const char *want, const char *got)
{
    if (strcmp(want, got) == 0) {
        printf("PASS: %s\n", label);
        return;
    }
    char why[800];
    first_difference(want, got, why, sizeof why);
    printf("FAIL: %s: %s\n", label, why);
    check_failures++;
}

/* The podcast and media lines of a dump: what every format must keep. */
static char *media_lines(const char *d)
{
    static const char *const keys[] = {"podcast.",       ".attachments[", ".episode.", ".media.",
                                       ".media_groups[", ".image = ",     NULL};
    struct bytes b = {0};
    bytes_str(&b, "");
    for (const char *l = d; *l;) {
        size_t n = strcspn(l, "\n");
        for (size_t i = 0; keys[i]; i++) {
            const char *k = strstr(l, keys[i]);
            if (k && k < l + n) {
                bytes_add(&b, l, n);
                bytes_str(&b, "\n");
                break;
            }
        }
        l += n + (l[n] == '\n');
    }
    return b.p;
}

static void one(const char *name)
{
    char path[512], label[256];
    snprintf(path, sizeof path, "%s/fixtures/%s/input.xml", FC_ROOT, name);
    struct fc_options o;
    fc_options_init(&o);
    o.warn = quiet;
    struct fc_feed *f0 = NULL;
    struct fc_error err = {0};
    snprintf(label, sizeof label, "%s: reads", name);
    CHECK_INT(label, tl_read_path(path, NULL, &o, &f0, &err), FC_OK);
    if (!f0)
        return;
    char *d0 = dump(f0);
    char *m0 = media_lines(d0);
    snprintf(label, sizeof label, "%s: has podcast or media data", name);
    CHECK(label, *m0 != '\0');
    for (size_t x = 0; formats[x]; x++) {
        struct fc_feed *a = through(f0, formats[x], name);
        if (!a)
            continue;
        char *da = dump(a);
        char *ma = media_lines(da);
        snprintf(label, sizeof label, "%s -> %s keeps every podcast and media field", name,
                 formats[x]);
        same(label, m0, ma);
        for (size_t y = 0; formats[y]; y++) {
            if (y == x)
                continue;
            struct fc_feed *b = through(a, formats[y], name);
            struct fc_feed *c = b ? through(b, formats[x], name) : NULL;
            if (c) {
                char *dc = dump(c);
                snprintf(label, sizeof label, "%s as %s -> %s -> %s: the same model", name,
                         formats[x], formats[y], formats[x]);
                same(label, da, dc);
                free(dc);
            }
            fc_feed_free(b);
            fc_feed_free(c);
        }
        free(da);
        free(ma);
        fc_feed_free(a);
    }
    free(d0);
    free(m0);
    fc_feed_free(f0);
}

int main(void)
{
    for (size_t i = 0; fixtures[i]; i++)
        one(fixtures[i]);
    return check_failures ? 1 : 0;
}
