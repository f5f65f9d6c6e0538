/*
 * plain.c - feedconv's own layout (markdown.c): DIR/YYYY-MM-DD-slug.md
 * with DIR/_feed.yml, and any folder of Markdown files that is no
 * generator's site.  Every .md, .markdown and .html file at the top is a
 * post (names starting with '.' or '_' are not); no URL rules: a post's
 * address is what its feedconv: mapping says.  Every other file that is
 * not Markdown, in folders too ('_' ones and public/, resources/,
 * node_modules/ left out), is a static file published at its path.
 *   date       date (any form fc_time_parse reads; floating times stay
 *              floating), else the file name's date
 *   updated    updated, lastmod, modified, last_modified_at, date_modified
 *   draft      draft: true, published: false
 *   terms      tags (scheme none) and categories ("category"): a list, or
 *              a string split at white space and commas
 * Order: newest first, undated last, then the file name.
 */
#include "sites/site.h"

#include <stdio.h>
#include <string.h>

static bool plain_detect(struct fc_site_reader *r)
{
    return fc_site_exists(r, "_feed.yml");
}

static void plain_config(struct fc_site_reader *r)
{
    struct fc_site *s = &r->site;
    struct fc_feed *f = r->feed;
    struct fc_arena *a = f->arena;
    if (!fc_site_exists(r, "_feed.yml"))
        return;
    struct fc_buf text;
    fc_buf_init(&text);
    struct fc_fm_node *c = NULL;
    if (!fc_site_read_text(r, "_feed.yml", &text))
        fc_sticky_set(&r->st, fc_fm_parse(a, FC_FM_YAML, fc_buf_cstr(&text), text.len, r->st.file,
                                          0, &c, r->st.err));
    fc_buf_free(&text);
    if (!fc_sticky_ok(&r->st) || !c || c->type != FC_FM_MAP)
        return;
    s->config = c;
    s->author = fc_fm_get(c, "authors");
    const char *keys[] = {"title", "description", "link", "feed_url", "language", "copyright"};
    const char **fields[] = {&f->title.value, &f->subtitle.value, &f->home_url,
                             &f->feed_url,    &f->language,       &f->rights.value};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        const char *v = fc_fm_str(fc_fm_get(c, keys[i]));
        if (v && fc_set(a, fields[i], v) != FC_OK)
            fc_sticky_nomem(&r->st);
    }
}

static bool markdown_name(const char *dot)
{
    return dot && (!fc_strcasecmp(dot, ".md") || !fc_strcasecmp(dot, ".markdown"));
}

/* Posts at the top; every other file that is not Markdown (images, PDFs,
 * in folders too) is a static file at its own path. */
static void file_fn(struct fc_site_reader *r, const char *rel, void *ctx)
{
    (void)ctx;
    const char *b = fc_site_base_name(rel), *dot = strrchr(b, '.');
    if (b[0] == '_' || (markdown_name(dot) && b != rel))
        return;
    if (b == rel && (markdown_name(dot) || (dot && !fc_strcasecmp(dot, ".html")))) {
        fc_site_index(r, rel);
        return;
    }
    char url[2048];
    snprintf(url, sizeof url, "/%s", rel);
    fc_site_add_file(r, rel, url);
}

/* Folders of no static files: '_' ones and generators' output. */
static bool skip_dir(const char *rel, void *ctx)
{
    (void)ctx;
    static const char *const out[] = {"public", "resources", "node_modules", NULL};
    const char *b = fc_site_base_name(rel);
    if (b[0] == '_')
        return true;
    for (size_t i = 0; out[i]; i++)
        if (!strcmp(b, out[i]))
            return true;
    return false;
}

static void plain_walk(struct fc_site_reader *r)
{
    fc_site_walk(r, "", skip_dir, file_fn, NULL);
}

static void time_of(struct fc_site_reader *r, struct fc_arena *a, const struct fc_fm_node *y,
                    struct fc_time *t)
{
    const char *s = fc_fm_str(y);
    if (!s)
        return;
    enum fc_status st = fc_time_parse_keep(a, s, t);
    if (st == FC_ENOMEM)
        fc_sticky_nomem(&r->st);
    else if (st != FC_OK)
        fc_site_warn(r, y->line, y->column, "unreadable date '%s' kept as text", s);
}

static void plain_page(struct fc_site_reader *r, struct fc_site_page *pg)
{
    const struct fc_fm_node *fm = pg->fm;
    time_of(r, pg->a, fc_fm_get(fm, "date"), &pg->date);
    static const char *const upd[] = {"updated",          "lastmod",       "modified",
                                      "last_modified_at", "date_modified", NULL};
    for (size_t i = 0; upd[i]; i++)
        if (fc_fm_get(fm, upd[i])) {
            time_of(r, pg->a, fc_fm_get(fm, upd[i]), &pg->updated);
            break;
        }
    if (!fc_time_present(&pg->date)) {
        struct fc_time t;
        size_t pre = fc_site_file_date(pg->rel, false, &t);
        if (pre && pg->rel[pre] == '-')
            pg->date = t;
    }
    pg->draft =
        fc_fm_bool(fc_fm_get(fm, "draft")) == 1 || fc_fm_bool(fc_fm_get(fm, "published")) == 0;
    pg->emit = true;
}

/* tags / categories: a list, or a string split at white space and ','. */
static void terms(struct fc_site_reader *r, struct fc_post *p, const struct fc_fm_node *y,
                  const char *scheme)
{
    if (!y)
        return;
    if (y->type == FC_FM_SEQ) {
        for (size_t i = 0; i < y->n; i++) {
            const char *s = fc_fm_str(y->kids[i]);
            if (s && *s)
                fc_site_add_term(r, p, s, strlen(s), scheme);
        }
        return;
    }
    const char *s = fc_fm_str(y);
    while (s && *s) {
        while (*s == ' ' || *s == '\t' || *s == '\n' || *s == ',')
            s++;
        size_t n = strcspn(s, " \t\n");
        if (n && s[n - 1] == ',')
            n--; /* "a, b" is common in hand-written front matter */
        if (n)
            fc_site_add_term(r, p, s, n, scheme);
        s += strcspn(s, " \t\n");
    }
}

static const struct fc_fm_node *either(const struct fc_fm_node *fm, const char *a, const char *b)
{
    const struct fc_fm_node *y = fc_fm_get(fm, a);
    return y ? y : fc_fm_get(fm, b);
}

static void plain_post(struct fc_site_reader *r, const struct fc_site_page *pg, struct fc_post *p)
{
    terms(r, p, either(pg->fm, "categories", "category"), "category");
    terms(r, p, either(pg->fm, "tags", "tag"), NULL);
}

static int plain_cmp(const struct fc_site_entry *a, const struct fc_site_entry *b)
{
    return fc_site_cmp_date(a, b);
}

const struct fc_site_ops fc_site_plain = {
    .gen = FC_MD_PLAIN,
    .name = "plain",
    .detect = plain_detect,
    .config = plain_config,
    .walk = plain_walk,
    .page = plain_page,
    .post = plain_post,
    .body = NULL,
    .cmp = plain_cmp,
    .known = NULL,
};
