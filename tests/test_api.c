/*
 * test_api.c - promises of the public API that span modules: the progress
 * callback of fc_convert (posts in and out, bytes, the last call), the one
 * placeholder title every writer gives a feed without a title, and JSON
 * whose "version" names no JSON Feed being refused.
 */
#include "check.h"
#include "testlib.h"

#include <stdint.h>

static const char rss[] = "<rss version=\"2.0\"><channel><title>T</title>"
                          "<link>https://example.org/</link><description>d</description>"
                          "<item><title>a</title><guid>1</guid></item>"
                          "<item><title>b</title><guid>2</guid></item>"
                          "<item><title>c</title><guid>3</guid></item>"
                          "</channel></rss>";

struct calls {
    unsigned n, done_calls;
    struct fc_progress last;
    int monotonic; /* every count only grows */
};

static void on_progress(void *ctx, const struct fc_progress *p)
{
    struct calls *c = ctx;
    if (c->n && (p->posts_in < c->last.posts_in || p->posts_out < c->last.posts_out ||
                 p->bytes_in < c->last.bytes_in))
        c->monotonic = 0;
    c->n++;
    c->done_calls += p->done != 0;
    c->last = *p;
}

/* fc_convert of rss (len bytes) to `to`, counting the progress calls. */
static enum fc_status convert_counting(const char *doc, size_t len, const char *to, struct calls *c)
{
    struct fc_options opt;
    fc_options_init(&opt);
    opt.progress = on_progress;
    opt.progress_ctx = c;
    struct fc_error err = {0};
    struct fc_input *in = NULL;
    struct fc_output *out = NULL;
    enum fc_status st = fc_input_open_memory(doc, len, "mem", &in, &err);
    if (!st)
        st = fc_output_open_memory(&out, &err);
    if (!st)
        st = fc_convert(in, NULL, out, fc_format_find(to), &opt, &err);
    fc_output_close(out);
    fc_input_close(in);
    return st;
}

static void test_progress(void)
{
    struct calls c = {.monotonic = 1};
    CHECK_INT("progress: converts", convert_counting(rss, sizeof rss - 1, "atom", &c), FC_OK);
    CHECK_INT("progress: a call per post and one at the end", c.n, 4);
    CHECK_INT("progress: the last call says done", c.done_calls, 1);
    CHECK_INT("progress: done is the last call", c.last.done, 1);
    CHECK_INT("progress: posts in", c.last.posts_in, 3);
    CHECK_INT("progress: posts out", c.last.posts_out, 3);
    CHECK_INT("progress: every byte read", c.last.bytes_in, sizeof rss - 1);
    CHECK("progress: counts only grow", c.monotonic);

    /* a failed read still ends with a done call, with what was read */
    struct calls f = {.monotonic = 1};
    const char broken[] = "<rss version=\"2.0\"><channel><title>T</title>"
                          "<item><title>a</title></item><item><title>b";
    CHECK("progress: broken input fails",
          convert_counting(broken, sizeof broken - 1, "jsonfeed", &f) != FC_OK);
    CHECK_INT("progress: broken input, done call", f.done_calls, 1);

    /* no callback: nothing changes (the golden outputs pin the bytes) */
    struct fc_options opt;
    fc_options_init(&opt);
    CHECK("progress: none by default", opt.progress == NULL && opt.progress_ctx == NULL);
}

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
        snprintf(name, sizeof name, "placeholder title \"%s\": rss, marked synthetic",
                 cases[i].title);
        snprintf(want, sizeof want, "fc:synthetic=\"true\">%s</title>", cases[i].title);
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
    test_progress();
    test_placeholder_title();
    test_json_version();
    return CHECK_DONE();
}
