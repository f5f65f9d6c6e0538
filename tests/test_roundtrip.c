/*
 * test_roundtrip.c - podcasts and media among the formats, compared model
 * against model, field by field (modeldump.h).  For each podcast fixture
 * (Apple-style, Podcasting 2.0, YouTube Media RSS, SoundCloud-style):
 *
 *  - every format keeps every podcast and media field: the podcast data,
 *    episodes, attachments and Media RSS of the model read from the
 *    fixture are those of the model read back from each format;
 *  - X -> Y -> X gives the same model, whole, for each pair of formats
 *    (X's model: the fixture written as X and read back);
 *  - Markdown sites (plain, Hugo, Jekyll layouts) keep them too: the
 *    fixture -> site, and X -> site -> X for each format X, give the same
 *    podcast and media data.  A site's post ids, URLs and order are its
 *    own (a Hugo post's id is its URL there; a site lists its posts
 *    newest first), so those comparisons take the posts in date order.
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
static const char *const sites[] = {"plain", "hugo", "jekyll", NULL};

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

/* f written as a Markdown site of layout `site` into a fresh directory
 * and read back; NULL (with a FAIL) when that fails. */
static struct fc_feed *through_site(const struct fc_feed *f, const char *site, const char *label)
{
    struct fc_options o;
    fc_options_init(&o);
    o.warn = quiet;
    tl_markdown_options(&o, site, 0);
    const struct fc_format *md = fc_format_find("markdown");
    char dir[4096] = "";
    struct fc_output *out = NULL;
    struct fc_error err = {0};
    struct fc_feed *g = NULL;
    enum fc_status st = open_out(md, dir, &out, &err);
    if (!st)
        st = fc_write(f, out, md, &o, &err);
    if (!st)
        st = fc_output_commit(out, &err);
    fc_output_close(out);
    if (!st)
        st = tl_read_path(dir, NULL, &o, &g, &err);
    if (dir[0])
        rm_tree(dir);
    if (st) {
        printf("FAIL: %s: markdown (%s): %s\n", label, site, err.message);
        check_failures++;
        fc_feed_free(g);
        g = NULL;
    }
    return g;
}

static int newest_first(const void *a, const void *b)
{
    const struct fc_post *p = (*(struct fc_post_item *const *)a)->post;
    const struct fc_post *q = (*(struct fc_post_item *const *)b)->post;
    int c = fc_time_cmp(&q->published, &p->published);
    return c ? c
             : strcmp(p->title.value ? p->title.value : "", q->title.value ? q->title.value : "");
}

/* f's collected posts put in date order, newest first (then by title). */
static void date_order(struct fc_feed *f)
{
    size_t n = f->posts.count, i = 0;
    struct fc_post_item **v = calloc(n ? n : 1, sizeof *v);
    if (!v)
        return;
    for (struct fc_post_item *it = f->posts.first; it && i < n; it = it->next)
        v[i++] = it;
    qsort(v, i, sizeof *v, newest_first);
    for (size_t k = 0; k + 1 < i; k++)
        v[k]->next = v[k + 1];
    if (i) {
        v[i - 1]->next = NULL;
        f->posts.first = v[0];
        f->posts.last = v[i - 1];
    }
    free(v);
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

/* The podcast and media lines of f, its posts in date order. */
static char *media_lines_by_date(struct fc_feed *f)
{
    date_order(f);
    char *d = dump(f);
    char *m = media_lines(d);
    free(d);
    return m;
}

/* X -> site -> X: a (the fixture as X) through each layout and back to
 * X keeps its podcast and media data. */
static void via_sites(const char *name, const char *x, struct fc_feed *a)
{
    char label[256];
    char *ma = media_lines_by_date(a);
    for (size_t s = 0; sites[s]; s++) {
        struct fc_feed *b = through_site(a, sites[s], name);
        struct fc_feed *c = b ? through(b, x, name) : NULL;
        if (c) {
            char *mc = media_lines_by_date(c);
            snprintf(label, sizeof label,
                     "%s as %s -> markdown (%s) -> %s keeps every podcast and media field", name, x,
                     sites[s], x);
            same(label, ma, mc);
            free(mc);
        }
        fc_feed_free(b);
        fc_feed_free(c);
    }
    free(ma);
}

/* The fixture as each layout of site, read back. */
static void to_sites(const char *name, struct fc_feed *f0)
{
    char label[256];
    char *m0 = media_lines_by_date(f0);
    for (size_t s = 0; sites[s]; s++) {
        struct fc_feed *g = through_site(f0, sites[s], name);
        if (!g)
            continue;
        char *mg = media_lines_by_date(g);
        snprintf(label, sizeof label, "%s -> markdown (%s) keeps every podcast and media field",
                 name, sites[s]);
        same(label, m0, mg);
        free(mg);
        fc_feed_free(g);
    }
    free(m0);
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
        via_sites(name, formats[x], a);
        free(da);
        free(ma);
        fc_feed_free(a);
    }
    to_sites(name, f0);
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
