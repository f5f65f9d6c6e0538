/*
 * jekyll_read.c - a Jekyll 4.3 site's posts as jekyll-feed lists them
 * (tests/test_site_read.c, tests/cli_site_oracle.sh).
 *
 * Posts: every file below D/_posts (D any folder of the site, its path the
 * post's first categories) whose name is DATE-slug.ext (dates loose:
 * 2023-1-2, 99-1-1; a day past the month's end rolls over), and every
 * file below D/_drafts (drafts; the date from the front matter or the name).
 * Names starting with '.', '_', '#' or '~', or ending in '~', are not
 * read, nor .yml / .yaml files.  Other collections, pages (files with
 * front matter) and static files are indexed for {% link %} and the
 * static files listed in the feed's files; they are not posts.
 *
 * Front matter, the defaults of its scopes merged under it:
 *   date       Jekyll's reading (jekyll_date.c), else the file name's
 *              date at midnight in the site's zone; one that cannot be
 *              read: the file name's date, with a warning (Jekyll fails)
 *   title      else the slug titleized ("hello-world" -> Hello World)
 *   slug       else the file name's
 *   categories the folders above _posts, the defaults', the front
 *              matter's (a string split at white space), then category
 *   tags       tag, else tags (a string split at white space)
 *   published  false: a draft (Jekyll leaves it out unless --unpublished)
 *   permalink  the URL (jekyll_url.c); redirect_from: old paths
 *   last_modified_at  the updated date, as jekyll-feed
 * The id is post.id (the URL's folder + the slug), as jekyll-feed's.
 * Order (the feed's): date newest first, then path.
 */
#include "sites/jekyll.h"

#include <stdio.h>
#include <string.h>

/* EntryFilter: names starting with . _ # ~ or ending in ~. */
static bool filtered(const char *name)
{
    size_t n = strlen(name);
    return name[0] == '.' || name[0] == '_' || name[0] == '#' || name[0] == '~' ||
           (n && name[n - 1] == '~');
}

static bool excluded(const struct fc_site *s, const char *rel)
{
    static const char *const builtin[] = {".sass-cache",
                                          ".jekyll-cache",
                                          "gemfiles",
                                          "Gemfile",
                                          "Gemfile.lock",
                                          "node_modules",
                                          "vendor/bundle",
                                          "vendor/cache",
                                          "vendor/gems",
                                          "vendor/ruby",
                                          NULL};
    for (size_t i = 0; builtin[i]; i++) {
        size_t n = strlen(builtin[i]);
        if (!strncmp(rel, builtin[i], n) && (rel[n] == '/' || !rel[n]))
            return true;
    }
    for (size_t i = 0; s->exclude && s->exclude[i]; i++) {
        const char *e = s->exclude[i];
        while (*e == '/')
            e++;
        size_t n = strlen(e);
        while (n && e[n - 1] == '/')
            n--;
        if (n && !strncmp(rel, e, n) && (rel[n] == '/' || !rel[n]))
            return true;
    }
    return false;
}

/* Which collection a file is in: "posts" (drafts too), a collection's
 * label, or NULL for pages and static files. */
static const char *collection_of(const struct fc_site *s, const char *rel, bool *draft)
{
    *draft = false;
    const char *cd = s->content_dir;
    size_t cn = strlen(cd);
    const char *in = rel;
    if (cn) {
        if (strncmp(rel, cd, cn) || rel[cn] != '/')
            return NULL;
        in = rel + cn + 1;
    }
    if (!strncmp(in, "_posts/", 7) || strstr(in, "/_posts/"))
        return "posts";
    if (!strncmp(in, "_drafts/", 8) || strstr(in, "/_drafts/")) {
        *draft = true;
        return "posts";
    }
    for (size_t i = 1; i < s->n_collections; i++) {
        const char *l = s->collections[i].label;
        size_t n = strlen(l);
        if (in[0] == '_' && !strncmp(in + 1, l, n) && in[n + 1] == '/')
            return l;
    }
    return NULL;
}

/* ---- walking --------------------------------------------------------------- */

/* Does text start with front matter (Jekyll: "---" and a line end)? */
static bool has_front_matter(struct fc_site_reader *r, const char *rel)
{
    static const char *const text_ext[] = {
        ".md",  ".markdown", ".mkd",  ".mkdn", ".mdown", ".html", ".htm",  ".xml", ".txt", ".json",
        ".css", ".scss",     ".sass", ".js",   ".csv",   ".yml",  ".yaml", ".svg", NULL};
    const char *dot = strrchr(fc_site_base_name(rel), '.');
    bool text = false;
    for (size_t i = 0; dot && text_ext[i] && !text; i++)
        text = !fc_strcasecmp(dot, text_ext[i]);
    if (!text)
        return false;
    struct fc_buf b;
    fc_buf_init(&b);
    bool fm = false;
    if (!fc_site_read_text(r, rel, &b))
        fm = b.len >= 4 && !strncmp(b.data, "---", 3) &&
             (b.data[3] == '\n' || b.data[3] == '\r' || b.data[3] == ' ');
    fc_buf_free(&b);
    return fm;
}

static void file_fn(struct fc_site_reader *r, const char *rel, void *ctx)
{
    (void)ctx;
    const char *b = fc_site_base_name(rel);
    bool draft;
    const char *col = collection_of(&r->site, rel, &draft);
    if (filtered(b) || excluded(&r->site, rel))
        return;
    if (col) {
        fc_site_index(r, rel);
        return;
    }
    /* a page (front matter) or a static file */
    if (has_front_matter(r, rel)) {
        fc_site_index(r, rel);
        return;
    }
    if (!fc_sticky_ok(&r->st))
        return;
    char url[2048];
    snprintf(url, sizeof url, "/%s", rel);
    fc_site_add_file(r, rel, url);
}

static bool walk_dir(const char *rel, void *ctx)
{
    struct fc_site_reader *r = ctx;
    const char *b = fc_site_base_name(rel);
    if (excluded(&r->site, rel))
        return true;
    if (!filtered(b))
        return false;
    if (!strcmp(b, "_posts") || !strcmp(b, "_drafts"))
        return false;
    bool draft;
    return collection_of(&r->site, rel, &draft) == NULL;
}

static void jekyll_walk(struct fc_site_reader *r)
{
    fc_site_walk(r, "", walk_dir, file_fn, r);
}

/* ---- one document ------------------------------------------------------------ */

/* Terms from a value: a list, or a string split at white space (split:
 * false keeps it whole, as `category`). */
static size_t add_terms(const struct fc_fm_node *v, bool split, const char **out, size_t n,
                        size_t cap, struct fc_arena *a)
{
    if (!v)
        return n;
    if (v->type == FC_FM_SEQ) {
        for (size_t i = 0; i < v->n && n < cap; i++)
            if (fc_fm_str(v->kids[i]))
                out[n++] = fc_fm_str(v->kids[i]);
        return n;
    }
    const char *s = fc_fm_str(v);
    if (!s)
        return n;
    if (!split) {
        if (n < cap)
            out[n++] = s;
        return n;
    }
    while (*s && n < cap) {
        while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
            s++;
        size_t l = strcspn(s, " \t\n\r");
        if (l && !(out[n++] = fc_strdup(a, s, l)))
            return n - 1;
        s += l;
    }
    return n;
}

#define MAX_TERMS 64

static bool has_term(const char **list, size_t n, const char *t)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(list[i], t))
            return true;
    return false;
}

/* The categories: path folders, the defaults', the front matter's, then
 * category (or categories again), each once; the tags: tag, else tags. */
static void categories(struct fc_site_reader *r, struct fc_site_page *pg,
                       const struct fc_fm_node *own, const struct fc_fm_node *dcats)
{
    const char *list[MAX_TERMS];
    size_t n = 0;
    const char *rel = pg->rel;
    const char *cd = r->site.content_dir;
    if (*cd && !strncmp(rel, cd, strlen(cd)) && rel[strlen(cd)] == '/')
        rel += strlen(cd) + 1;
    const char *sp = strstr(rel, "_posts/");
    if (!sp)
        sp = strstr(rel, "_drafts/");
    for (const char *p = rel; sp && p < sp && n < MAX_TERMS;) {
        size_t l = strcspn(p, "/");
        if (l && !(list[n++] = fc_strdup(pg->a, p, l)))
            n--;
        p += l + 1;
    }
    n = add_terms(dcats, true, list, n, MAX_TERMS, pg->a);
    n = add_terms(fc_fm_get(own, "categories"), true, list, n, MAX_TERMS, pg->a);
    const struct fc_fm_node *single = fc_fm_get(pg->fm, "category");
    if (single)
        n = add_terms(single, false, list, n, MAX_TERMS, pg->a);
    else
        n = add_terms(fc_fm_get(pg->fm, "categories"), true, list, n, MAX_TERMS, pg->a);
    const char *tags[MAX_TERMS];
    const struct fc_fm_node *tag = fc_fm_get(pg->fm, "tag");
    size_t nt = tag ? add_terms(tag, false, tags, 0, MAX_TERMS, pg->a)
                    : add_terms(fc_fm_get(pg->fm, "tags"), true, tags, 0, MAX_TERMS, pg->a);
    pg->categories = fc_alloc(pg->a, (n + 1) * sizeof *pg->categories);
    pg->tags = fc_alloc(pg->a, (nt + 1) * sizeof *pg->tags);
    if (!pg->categories || !pg->tags) {
        fc_sticky_nomem(&r->st);
        return;
    }
    for (size_t i = 0; i < n; i++)
        if (!has_term(pg->categories, pg->n_categories, list[i]))
            pg->categories[pg->n_categories++] = list[i];
    for (size_t i = 0; i < nt; i++)
        pg->tags[pg->n_tags++] = tags[i];
}

/* A page's URL: permalink, else "/:path/:basename" by the style. */
static const char *page_url(struct fc_site_reader *r, struct fc_site_page *pg)
{
    const char *pl = fc_fm_str(fc_fm_get(pg->fm, "permalink"));
    const char *rel = pg->rel;
    const char *b = fc_site_base_name(rel);
    const char *dot = strrchr(b, '.');
    size_t stem = dot ? (size_t)(dot - b) : strlen(b);
    struct fc_buf u;
    fc_buf_init(&u);
    if (pl) {
        if (*pl != '/')
            fc_buf_putc(&u, '/');
        fc_buf_puts(&u, pl);
    } else {
        fc_buf_putc(&u, '/');
        fc_buf_add(&u, rel, (size_t)(b - rel));
        bool markup = dot && (!fc_strcasecmp(dot, ".md") || !fc_strcasecmp(dot, ".markdown") ||
                              !fc_strcasecmp(dot, ".html") || !fc_strcasecmp(dot, ".htm"));
        const char *style = r->site.permalink_style;
        size_t sl = strlen(style);
        if (stem == 5 && !strncmp(b, "index", 5)) {
            /* "/:path/" */
        } else {
            fc_buf_add(&u, b, stem);
            if (!markup)
                fc_buf_puts(&u, dot ? dot : "");
            else if (!strcmp(style, "pretty") || (sl && style[sl - 1] == '/'))
                fc_buf_putc(&u, '/');
            else if (strcmp(style, "weekdate") &&
                     (!strcmp(style, "date") || !strcmp(style, "ordinal") ||
                      !strcmp(style, "none") ||
                      (sl >= 11 && !strcmp(style + sl - 11, ":output_ext"))))
                fc_buf_puts(&u, ".html");
        }
    }
    const char *out = u.oom ? NULL : fc_strdup(pg->a, fc_buf_cstr(&u), u.len);
    fc_buf_free(&u);
    if (!out)
        fc_sticky_nomem(&r->st);
    return out;
}

/* The date: front matter, else the file name's; *fslug the name's slug. */
static void doc_date(struct fc_site_reader *r, struct fc_site_page *pg, bool post, bool draft,
                     const char **fslug)
{
    const char *b = fc_site_base_name(pg->rel);
    const char *dot = strrchr(b, '.');
    size_t stem = dot && dot != b ? (size_t)(dot - b) : strlen(b);
    struct fc_time fdate;
    size_t pre = fc_site_file_date(b, true, &fdate);
    if (pre && (pre >= stem || b[pre] != '-'))
        pre = 0;
    if (pre)
        pre++; /* the '-' before the slug */
    size_t sl = stem > pre ? stem - pre : 0;
    while (sl && b[pre + sl - 1] == '.')
        sl--; /* trailing dots go (Jekyll's slug rule) */
    *fslug = fc_strdup(pg->a, b + pre, post && !draft && !pre ? stem : sl);
    if (!*fslug)
        fc_sticky_nomem(&r->st);
    const struct fc_fm_node *v = fc_fm_get(pg->fm, "date");
    bool ignored = false;
    if (v && fc_fm_str(v)) {
        if (fc_jekyll_time(&r->site, v, &pg->date, &ignored)) {
            if (ignored)
                fc_site_warn(r, v->line, v->column,
                             "date '%s': Jekyll ignores what follows the time (a zone it does "
                             "not know, or text): read as local time as Jekyll does",
                             fc_fm_str(v));
            return;
        }
        fc_site_warn(r, v->line, v->column,
                     "date '%s' is no date Jekyll reads (it refuses the post): the file name's "
                     "date is used",
                     fc_fm_str(v));
    }
    if (pre) {
        pg->date = fdate;
        fc_site_localize(&r->site, &pg->date);
    }
}

static void jekyll_page(struct fc_site_reader *r, struct fc_site_page *pg)
{
    struct fc_site *s = &r->site;
    bool draft;
    const char *col = collection_of(s, pg->rel, &draft);
    const char *b = fc_site_base_name(pg->rel);
    const char *dot = strrchr(b, '.');
    bool post = col && !strcmp(col, "posts");
    if (!dot || dot == b || (post && (!fc_strcasecmp(dot, ".yml") || !fc_strcasecmp(dot, ".yaml"))))
        return;
    const struct fc_fm_node *own = pg->fm, *dcats = NULL;
    pg->fm = fc_jekyll_defaults(r, pg->a, pg->rel, col ? col : "pages", own, &dcats);
    const char *fslug;
    doc_date(r, pg, post, draft, &fslug);
    if (!fslug)
        return;
    struct fc_time fd;
    if (post && !draft && !fc_site_file_date(b, true, &fd))
        return; /* not DATE-slug.ext: not a post */
    if (post && !draft && pg->date.precision == FC_TIME_NONE)
        return;
    pg->slug = fc_fm_str(fc_fm_get(pg->fm, "slug"));
    if (!pg->slug)
        pg->slug = fslug;
    if (!fc_fm_str(fc_fm_get(pg->fm, "title")) && !(pg->title = fc_jekyll_titleize(pg->a, fslug)))
        fc_sticky_nomem(&r->st);
    categories(r, pg, own, dcats);
    if (!fc_sticky_ok(&r->st))
        return;
    if (!col) { /* a page: known for {% link %} */
        pg->url = page_url(r, pg);
        return;
    }
    const char *perm = NULL;
    for (size_t i = 0; i < s->n_collections; i++)
        if (!strcmp(s->collections[i].label, col))
            perm = s->collections[i].permalink;
    struct fc_site_doc d = {.rel = pg->rel,
                            .slug = pg->slug,
                            .url = fc_fm_str(fc_fm_get(pg->fm, "permalink")),
                            .title = fc_fm_str(fc_fm_get(pg->fm, "title")),
                            .date = pg->date,
                            .categories = pg->categories,
                            .n_categories = pg->n_categories,
                            .collection = col};
    fc_site_to_zone(s, &d.date); /* URL dates are the site zone's */
    if (!d.url && perm) {
        struct fc_site tmp = *s;
        tmp.permalink = perm;
        pg->url = fc_jekyll_url(pg->a, &tmp, &d);
    } else {
        pg->url = fc_jekyll_url(pg->a, s, &d);
    }
    if (!pg->url) {
        fc_sticky_nomem(&r->st);
        return;
    }
    if (!post)
        return;
    if (!(pg->id = fc_jekyll_post_id(pg->a, pg->url, pg->slug)))
        fc_sticky_nomem(&r->st);
    const struct fc_fm_node *lm = fc_fm_get(pg->fm, "last_modified_at");
    bool ignored;
    if (lm && !fc_jekyll_time(s, lm, &pg->updated, &ignored))
        fc_site_warn(r, lm->line, lm->column, "last_modified_at '%s' is no date Jekyll reads",
                     fc_fm_str(lm) ? fc_fm_str(lm) : "");
    pg->draft = draft || fc_fm_bool(fc_fm_get(pg->fm, "published")) == 0;
    pg->emit = true;
    pg->templates = fc_fm_bool(fc_fm_get(pg->fm, "render_with_liquid")) != 0;
}

static void jekyll_post(struct fc_site_reader *r, const struct fc_site_page *pg, struct fc_post *p)
{
    for (size_t i = 0; i < pg->n_categories; i++)
        fc_site_add_term(r, p, pg->categories[i], strlen(pg->categories[i]), "category");
    for (size_t i = 0; i < pg->n_tags; i++)
        if (*pg->tags[i])
            fc_site_add_term(r, p, pg->tags[i], strlen(pg->tags[i]), NULL);
    const struct fc_fm_node *rf = fc_fm_get(pg->fm, "redirect_from");
    size_t n = rf && rf->type == FC_FM_SEQ ? rf->n : 1;
    for (size_t i = 0; rf && i < n; i++) {
        const char *from = fc_fm_str(rf->type == FC_FM_SEQ ? rf->kids[i] : rf);
        if (!from || !*from)
            continue;
        if (*from == '/' || strstr(from, "://")) {
            fc_site_add_alias(r, p, from);
        } else {
            char buf[2048];
            snprintf(buf, sizeof buf, "/%s", from);
            fc_site_add_alias(r, p, buf);
        }
    }
}

static int jekyll_cmp(const struct fc_site_entry *a, const struct fc_site_entry *b)
{
    int c = fc_site_cmp_date(a, b);
    return c ? c : strcmp(a->rel, b->rel);
}

static bool jekyll_known(const struct fc_site_reader *r, const char *key)
{
    (void)r;
    static const char *const keys[] = {"date",      "published",     "slug",
                                       "permalink", "redirect_from", "last_modified_at",
                                       "category",  "tag",           NULL};
    for (size_t i = 0; keys[i]; i++)
        if (!strcmp(keys[i], key))
            return true;
    return false;
}

const struct fc_site_ops fc_site_jekyll = {
    .gen = FC_MD_JEKYLL,
    .name = "jekyll",
    .detect = fc_jekyll_detect,
    .config = fc_jekyll_config,
    .walk = jekyll_walk,
    .page = jekyll_page,
    .post = jekyll_post,
    .body = fc_jekyll_body,
    .cmp = jekyll_cmp,
    .known = jekyll_known,
    .indexed = fc_jekyll_indexed,
};
