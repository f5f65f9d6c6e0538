/*
 * eleventy.c - an Eleventy (2.x, 3.x) site (Eleventy is not in Debian:
 * these rules come from its source).
 *   detect     .eleventy.js, eleventy.config.{js,cjs,mjs}, or a
 *              package.json that depends on @11ty/eleventy
 *   config     the input folder (dir.input, found in the configuration's
 *              text: nothing is run); the feed's title and URL from
 *              _data/metadata.json when there is one (eleventy-base-blog)
 *   content    every .md and .html under the input but node_modules, _site,
 *              _includes, _data, and the README.md at its top
 *   date       date (no offset: UTC), else the first YYYY-MM-DD of the
 *              path (midnight UTC)
 *   URL        permalink (as written; one with template code cannot be
 *              rendered: warned, the default used), else /dir/name/ (the
 *              date kept; dir/name/name.md and dir/index.md are /dir/...)
 *   tags       a list, or one tag (a string is never split); draft: true
 *              (the drafts convention)
 * Bodies are Liquid (markdownTemplateEngine's default) unless
 * templateEngineOverride is md: rendered by the Liquid renderer, which
 * knows no site variables here.
 */
#include "sites/jekyll.h"

#include <stdio.h>
#include <string.h>

static const char *const config_files[] = {".eleventy.js", "eleventy.config.js",
                                           "eleventy.config.cjs", "eleventy.config.mjs", NULL};

static bool read_json(struct fc_site_reader *r, const char *rel, struct fc_fm_node **root)
{
    struct fc_buf text;
    fc_buf_init(&text);
    *root = NULL;
    bool ok = !fc_site_read_text(r, rel, &text) &&
              fc_fm_parse_json(r->feed->arena, fc_buf_cstr(&text), text.len, r->st.file, 0, root,
                               r->st.err) == FC_OK;
    fc_buf_free(&text);
    return ok && *root;
}

static bool eleventy_detect(struct fc_site_reader *r)
{
    for (size_t i = 0; config_files[i]; i++)
        if (fc_site_exists(r, config_files[i]))
            return true;
    if (!fc_site_exists(r, "package.json"))
        return false;
    struct fc_buf text;
    fc_buf_init(&text);
    bool yes = !fc_site_read_text(r, "package.json", &text) &&
               strstr(fc_buf_cstr(&text), "\"@11ty/eleventy\"") != NULL;
    fc_buf_free(&text);
    return yes;
}

/* input: "..." / input: '...' in the configuration's text. */
static const char *input_dir(struct fc_site_reader *r)
{
    for (size_t i = 0; config_files[i]; i++) {
        if (!fc_site_exists(r, config_files[i]))
            continue;
        struct fc_buf text;
        fc_buf_init(&text);
        const char *dir = NULL;
        if (!fc_site_read_text(r, config_files[i], &text)) {
            const char *p = strstr(fc_buf_cstr(&text), "input");
            while (p && *p && !dir) {
                const char *q = p + 5;
                while (*q == ' ' || *q == '"' || *q == '\'')
                    q++;
                if (*q == ':') {
                    q++;
                    while (*q == ' ')
                        q++;
                    if (*q == '"' || *q == '\'') {
                        const char *e = strchr(q + 1, *q);
                        if (e)
                            dir = fc_strdup(r->feed->arena, q + 1, (size_t)(e - q - 1));
                    }
                }
                p = strstr(p + 5, "input");
            }
        }
        fc_buf_free(&text);
        return dir;
    }
    return NULL;
}

static void eleventy_config(struct fc_site_reader *r)
{
    struct fc_site *s = &r->site;
    const char *in = s->content_only ? NULL : input_dir(r);
    while (in && (!strncmp(in, "./", 2) || *in == '/'))
        in += *in == '/' ? 1 : 2;
    s->content_dir = in && strcmp(in, ".") ? in : "";
    struct fc_fm_node *meta = NULL;
    char path[512];
    snprintf(path, sizeof path, "%s%s_data/metadata.json", s->content_dir,
             *s->content_dir ? "/" : "");
    if (!s->content_only && fc_site_exists(r, path) && read_json(r, path, &meta)) {
        s->config = meta;
        s->title = fc_fm_str(fc_fm_get(meta, "title"));
        s->description = fc_fm_str(fc_fm_get(meta, "description"));
        s->language = fc_fm_str(fc_fm_get(meta, "language"));
        s->author = fc_fm_get(meta, "author");
        fc_site_set_base(r, fc_fm_str(fc_fm_get(meta, "url")));
    } else {
        fc_site_set_base(r, NULL);
    }
    if (!fc_sticky_ok(&r->st))
        return;
    fc_site_feed_meta(r);
}

static bool skip_dir(const char *rel, void *ctx)
{
    struct fc_site_reader *r = ctx;
    const char *b = fc_site_base_name(rel);
    const char *in = r->site.content_dir;
    size_t n = strlen(in);
    const char *inner = n && !strncmp(rel, in, n) && rel[n] == '/' ? rel + n + 1 : rel;
    return !strcmp(b, "node_modules") || !strcmp(inner, "_site") || !strcmp(inner, "_includes") ||
           !strcmp(inner, "_data") || !strcmp(b, "_site");
}

static void file_fn(struct fc_site_reader *r, const char *rel, void *ctx)
{
    (void)ctx;
    const char *in = r->site.content_dir;
    size_t n = strlen(in);
    const char *inner = n && !strncmp(rel, in, n) && rel[n] == '/' ? rel + n + 1 : rel;
    const char *dot = strrchr(fc_site_base_name(rel), '.');
    /* Markdown and HTML: both are among Eleventy's template formats (the
     * writer's --body html posts are .html) */
    if (!dot || (fc_strcasecmp(dot, ".md") && fc_strcasecmp(dot, ".html")) ||
        !fc_strcasecmp(inner, "README.md"))
        return;
    fc_site_index(r, rel);
}

static void eleventy_walk(struct fc_site_reader *r)
{
    fc_site_walk(r, r->site.content_dir, skip_dir, file_fn, r);
}

char *fc_eleventy_url(struct fc_arena *a, const struct fc_site *s, const struct fc_site_doc *d)
{
    (void)s;
    struct fc_buf b;
    fc_buf_init(&b);
    if (d->url && *d->url) {
        if (*d->url != '/')
            fc_buf_putc(&b, '/');
        fc_buf_puts(&b, d->url);
        if (b.len > 11 && !strcmp(b.data + b.len - 11, "/index.html"))
            b.len -= 10;
    } else {
        const char *base = fc_site_base_name(d->rel);
        const char *dot = strrchr(base, '.');
        size_t stem = dot ? (size_t)(dot - base) : strlen(base);
        size_t dl = base > d->rel ? (size_t)(base - d->rel - 1) : 0;
        fc_buf_putc(&b, '/');
        fc_buf_add(&b, d->rel, dl);
        /* dir/index.md and dir/name/name.md are the folder's page */
        const char *last = d->rel + dl;
        while (last > d->rel && last[-1] != '/')
            last--;
        bool dup = dl && (size_t)(d->rel + dl - last) == stem && !strncmp(last, base, stem);
        if (!(stem == 5 && !strncmp(base, "index", 5)) && !dup) {
            if (dl)
                fc_buf_putc(&b, '/');
            fc_buf_add(&b, base, stem);
        }
        if (b.data[b.len - 1] != '/')
            fc_buf_putc(&b, '/');
    }
    char *out = b.oom ? NULL : fc_strdup(a, fc_buf_cstr(&b), b.len);
    fc_buf_free(&b);
    return out;
}

static void eleventy_page(struct fc_site_reader *r, struct fc_site_page *pg)
{
    const char *in = r->site.content_dir;
    size_t n = strlen(in);
    const char *inner =
        n && !strncmp(pg->rel, in, n) && pg->rel[n] == '/' ? pg->rel + n + 1 : pg->rel;
    const struct fc_fm_node *fm = pg->fm, *v = fc_fm_get(fm, "date");
    const char *ds = fc_fm_str(v);
    if (ds && (fc_time_parse(ds, &pg->date) != FC_OK || pg->date.precision < FC_TIME_DATE)) {
        fc_site_warn(r, v->line, v->column, "date '%s' is no date Eleventy reads", ds);
        memset(&pg->date, 0, sizeof pg->date);
    }
    for (const char *p = inner; !ds && *p; p++) {
        struct fc_time t;
        if ((p == inner || p[-1] < '0' || p[-1] > '9') && fc_site_file_date(p, false, &t)) {
            pg->date = t;
            break;
        }
    }
    fc_site_localize(NULL, &pg->date); /* no offset: UTC */
    pg->updated = pg->date;
    const char *perm = fc_fm_str(fc_fm_get(fm, "permalink"));
    if (fc_fm_bool(fc_fm_get(fm, "permalink")) == 0)
        return; /* permalink: false: not written */
    if (perm && (strstr(perm, "{{") || strstr(perm, "{%"))) {
        fc_site_warn(r, 0, 0, "permalink '%s' holds template code: the default URL is used", perm);
        perm = NULL;
    }
    struct fc_site_doc d = {.rel = inner, .url = perm};
    if (!(pg->url = fc_eleventy_url(pg->a, &r->site, &d))) {
        fc_sticky_nomem(&r->st);
        return;
    }
    pg->draft = fc_fm_bool(fc_fm_get(fm, "draft")) == 1;
    pg->emit = fc_fm_bool(fc_fm_get(fm, "eleventyExcludeFromCollections")) != 1;
    const char *engine = fc_fm_str(fc_fm_get(fm, "templateEngineOverride"));
    pg->templates = !(engine && !strcmp(engine, "md"));
}

static void eleventy_post(struct fc_site_reader *r, const struct fc_site_page *pg,
                          struct fc_post *p)
{
    const struct fc_fm_node *t = fc_fm_get(pg->fm, "tags");
    size_t n = t && t->type == FC_FM_SEQ ? t->n : 1;
    for (size_t i = 0; t && i < n; i++) {
        const char *s = fc_fm_str(t->type == FC_FM_SEQ ? t->kids[i] : t);
        if (s && *s)
            fc_site_add_term(r, p, s, strlen(s), NULL);
    }
}

static int eleventy_cmp(const struct fc_site_entry *a, const struct fc_site_entry *b)
{
    /* the collection is sorted by date then path; feeds reverse it */
    int c = fc_site_cmp_date(a, b);
    return c ? c : -strcmp(a->rel, b->rel);
}

static bool eleventy_known(const struct fc_site_reader *r, const char *key)
{
    (void)r;
    return !strcmp(key, "date") || !strcmp(key, "permalink") || !strcmp(key, "draft") ||
           !strcmp(key, "templateEngineOverride");
}

const struct fc_site_ops fc_site_eleventy = {
    .gen = FC_MD_ELEVENTY,
    .name = "eleventy",
    .detect = eleventy_detect,
    .config = eleventy_config,
    .walk = eleventy_walk,
    .page = eleventy_page,
    .post = eleventy_post,
    .body = fc_jekyll_body,
    .cmp = eleventy_cmp,
    .known = eleventy_known,
    .indexed = fc_jekyll_indexed, /* its Liquid takes post_url too */
};
