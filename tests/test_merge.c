/*
 * test_merge.c - the merge's spill: every post of every fixture (feeds,
 * sites, exports) encoded and decoded gives the same post, field by field
 * (modeldump.h), and encodes to the same bytes again (which covers the
 * fields modeldump does not print: comments, aliases, resources ...).
 * Damaged bytes are refused, never read past.  And fc_convert_many
 * through the API: order, duplicates, sources.
 */
#define _GNU_SOURCE
#include "check.h"
#include "internal.h"
#include "modeldump.h"
#include "testlib.h"

#include <glob.h>
#include <stdlib.h>

static unsigned long posts_checked, fields_seen;

static void quiet(void *ctx, const struct fc_error *w)
{
    (void)ctx, (void)w;
}

static void dump_post(struct bytes *b, const struct fc_post *p)
{
    struct md m = {b, ""};
    md_post(&m, 0, p);
}

/* Every post of the input at path through the codec. */
static void one(const char *path)
{
    struct fc_options o;
    fc_options_init(&o);
    o.warn = quiet;
    o.flags |= FC_OPT_KEEP_PRIVATE;
    struct fc_error err = {0};
    struct fc_input *in = NULL;
    struct fc_feed *f = NULL;
    if (fc_input_open(path, &in, &err) || fc_read(in, NULL, &o, &f, &err)) {
        fc_input_close(in);
        return; /* not a feed (hostile fixtures): nothing to spill */
    }
    fc_input_close(in);
    bool ok = true;
    char why[256] = "";
    for (const struct fc_post_item *it = f->posts.first; it && ok; it = it->next) {
        struct fc_buf a = {0}, b = {0};
        struct fc_post *q = NULL;
        struct bytes da = {0}, db = {0};
        ok = !fc_post_encode(it->post, &a, &err) && !fc_post_decode(a.data, a.len, &q, &err) &&
             !fc_post_encode(q, &b, &err);
        if (!ok) {
            snprintf(why, sizeof why, "%.200s", err.message);
        } else {
            dump_post(&da, it->post);
            dump_post(&db, q);
            fields_seen += (unsigned long)da.len;
            if (da.len != db.len || memcmp(da.p, db.p, da.len) != 0) {
                ok = false;
                snprintf(why, sizeof why, "the model differs");
            } else if (a.len != b.len || memcmp(a.data, b.data, a.len) != 0) {
                ok = false;
                snprintf(why, sizeof why, "re-encoding differs");
            }
            /* Every cut of the bytes is refused: nothing read past them. */
            for (size_t cut = 0; ok && cut < a.len; cut += 1 + a.len / 64) {
                struct fc_post *r = NULL;
                if (fc_post_decode(a.data, cut, &r, &err) == FC_OK) {
                    ok = false;
                    snprintf(why, sizeof why, "%zu of %zu bytes decoded", cut, a.len);
                    fc_post_free(r);
                }
            }
            posts_checked++;
        }
        fc_post_free(q);
        fc_buf_free(&a);
        fc_buf_free(&b);
        free(da.p);
        free(db.p);
    }
    char name[1024];
    snprintf(name, sizeof name, "spill: %s: every post decodes to itself%s%s",
             path + strlen(FC_ROOT) + 1, why[0] ? ": " : "", why);
    CHECK(name, ok);
    fc_feed_free(f);
}

static void each(const char *pattern)
{
    char pat[512];
    snprintf(pat, sizeof pat, "%s/%s", FC_ROOT, pattern);
    glob_t g;
    if (glob(pat, 0, NULL, &g) != 0)
        return;
    for (size_t i = 0; i < g.gl_pathc; i++)
        one(g.gl_pathv[i]);
    globfree(&g);
}

/* The titles of a feed's posts, space-separated, into buf. */
static const char *titles(const struct fc_feed *f, char *buf, size_t cap)
{
    size_t n = 0;
    buf[0] = '\0';
    for (const struct fc_post_item *it = f->posts.first; it; it = it->next)
        n += (size_t)snprintf(buf + n, n < cap ? cap - n : 0, "%s%s", n ? "|" : "",
                              it->post->title.value ? it->post->title.value : "?");
    return buf;
}

static void api_merge(void)
{
    static const char *const names[] = {"a.rss", "b.atom", "c.json"};
    struct fc_input *in[3] = {0};
    struct fc_error err = {0};
    struct fc_options o;
    fc_options_init(&o);
    o.warn = quiet;
    o.limit = 4;
    o.title = "Planet";
    enum fc_status st = FC_OK;
    for (int i = 0; i < 3 && !st; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/fixtures/merge/%s", FC_ROOT, names[i]);
        st = fc_input_open(path, &in[i], &err);
    }
    struct fc_output *out = NULL;
    if (!st)
        st = fc_output_open_memory(&out, &err);
    if (!st)
        st = fc_convert_many(in, NULL, 3, out, fc_format_find("jsonfeed"), &o, &err);
    CHECK_INT("api: fc_convert_many of three feeds", st, FC_OK);
    size_t len = 0;
    const char *text = out ? fc_output_memory(out, &len) : NULL;
    struct fc_input *back = NULL;
    struct fc_feed *f = NULL;
    if (!st && !fc_input_open_memory(text, len, "merged", &back, &err))
        st = fc_read(back, NULL, &o, &f, &err);
    char buf[512];
    CHECK_STR("api: the newest four, each once", f ? titles(f, buf, sizeof buf) : NULL,
              "Beta news|Beta, updated only|Shared post (edited)|Alpha only");
    CHECK_STR("api: the title given", f ? f->title.value : NULL, "Planet");
    const struct fc_post_item *it = f ? f->posts.first : NULL;
    CHECK_STR("api: the source of a post", it && it->post->source ? it->post->source->title : NULL,
              "Beta");
    fc_feed_free(f);
    fc_input_close(back);
    fc_output_close(out);
    for (int i = 0; i < 3; i++)
        fc_input_close(in[i]);
}

int main(void)
{
    each("fixtures/*/input.*");
    each("fixtures/*/*.rss");
    each("fixtures/*/*.atom");
    each("fixtures/merge/*.json");
    each("fixtures/md-*");
    each("fixtures/sites/*");
    each("fixtures/site-write");
    CHECK("spill: the fixtures gave posts to check", posts_checked > 200);
    CHECK("spill: ... with their fields", fields_seen > 100000);
    api_merge();
    return CHECK_DONE();
}
