/*
 * test_api.c - promises of the public API that span modules: the one
 * placeholder title every writer gives a feed without a title, and JSON
 * whose "version" names no JSON Feed being refused.
 */
#include "check.h"
#include "testlib.h"

/* The title each writer gives a feed without one. */
static char *write_untitled(const char *home, const char *to)
{
    struct fc_feed *f = fc_feed_new();
    if (!f)
        return NULL;
    if (home)
        fc_set(f->arena, &f->home_url, home);
    struct fc_options opt;
    fc_options_init(&opt);
    char *s = tl_write_mem(f, fc_format_find(to), &opt, NULL, NULL);
    fc_feed_free(f);
    return s;
}

static void test_placeholder_title(void)
{
    static const struct {
        const char *home, *title;
    } cases[] = {
        {"https://blog.example.org:8080/home/", "blog.example.org"},
        {NULL, "Untitled feed"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char want[128], name[160];
        char *r = write_untitled(cases[i].home, "rss");
        char *a = write_untitled(cases[i].home, "atom");
        char *j = write_untitled(cases[i].home, "jsonfeed");
        snprintf(name, sizeof name, "placeholder title \"%s\": rss", cases[i].title);
        snprintf(want, sizeof want, "<title>%s</title>", cases[i].title);
        CHECK(name, r && strstr(r, want));
        snprintf(name, sizeof name, "placeholder title \"%s\": atom, marked synthetic",
                 cases[i].title);
        snprintf(want, sizeof want, "<title fc:synthetic=\"true\">%s</title>", cases[i].title);
        CHECK(name, a && strstr(a, want));
        snprintf(name, sizeof name, "placeholder title \"%s\": jsonfeed", cases[i].title);
        snprintf(want, sizeof want, "\"title\": \"%s\"", cases[i].title);
        CHECK(name, j && strstr(j, want));
        free(r);
        free(a);
        free(j);
    }
}

static void test_json_version(void)
{
    static const struct {
        const char *doc;
        enum fc_status want;
        const char *name;
    } cases[] = {
        {"{\"version\": \"1.4.2\", \"items\": [{\"id\": \"1\"}]}", FC_EFORMAT,
         "json: a package's version with items: not a feed"},
        {"{\"items\": [], \"version\": 2}", FC_EFORMAT, "json: a number version: not a feed"},
        {"{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": []}", FC_OK,
         "json: a JSON Feed version: read"},
        {"{\"version\": \"http://jsonfeed.org/version/1\", \"items\": []}", FC_OK,
         "json: an http:// JSON Feed version: read"},
        {"{\"title\": \"t\", \"items\": []}", FC_OK, "json: no version but items: read"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct fc_feed *f = NULL;
        struct fc_error err = {0};
        enum fc_status st = tl_read_mem(cases[i].doc, strlen(cases[i].doc), "doc.json",
                                        fc_format_find("jsonfeed"), NULL, &f, &err);
        CHECK_INT(cases[i].name, st, cases[i].want);
        char name[160];
        snprintf(name, sizeof name, "%s (says why, where)", cases[i].name);
        if (cases[i].want == FC_EFORMAT)
            CHECK(name, strstr(err.message, "not a JSON Feed") && err.line == 1);
        fc_feed_free(f);
    }
}

int main(void)
{
    test_placeholder_title();
    test_json_version();
    return CHECK_DONE();
}
