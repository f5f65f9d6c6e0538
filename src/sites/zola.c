/*
 * zola.c - a Zola (0.19-0.21) site read as Zola publishes it (Zola is not
 * in Debian, so these rules come from its source, not from a build).
 *   detect     zola.toml, or config.toml with a top-level base_url
 *   config     base_url (with its path), title, description, author,
 *              taxonomies, [slugify] paths; no time zone: local times
 *              are UTC
 *   content    every .md under content/; _index.md is a section (known,
 *              not a post); a folder's index.md is a page whose other
 *              files are its assets (post resources, beside the page)
 *   static     static/, published at the site's root
 *   date       date (TOML date-time or string; no offset: UTC; a date:
 *              midnight UTC), else a YYYY-MM-DD[THH:MM:SS...] file name
 *              prefix (before '_' or '-'); updated
 *   URL        path (from the root), else the folders (not slugified) +
 *              the slug (front matter slug, the name after the date, the
 *              file's stem or a bundle's folder; slugified by
 *              [slugify] paths: on by default)
 *   terms      [taxonomies]: tags, categories ("category"), others by name
 *   draft, aliases, weight
 * Order (the Atom feed's): newest first, ties by permalink, undated last.
 * Shortcodes: Zola's escapes ("{{", slash-star, x, star-slash, "}}";
 * the same with "{%") are the text without the comment marks; calls to shortcodes
 * (name(args)) need the site's templates: kept as written, one warning
 * each.
 */
#include "sites/site.h"

#include <stdio.h>
#include <string.h>

static bool zola_detect(struct fc_site_reader *r)
{
    if (fc_site_exists(r, "zola.toml"))
        return true;
    if (!fc_site_exists(r, "config.toml"))
        return false;
    struct fc_buf text;
    fc_buf_init(&text);
    bool zola = false;
    if (!fc_site_read_text(r, "config.toml", &text)) {
        /* a top-level base_url (TOML: before any [table]) */
        for (const char *p = fc_buf_cstr(&text); p && *p && *p != '['; p = strchr(p, '\n')) {
            while (*p == '\n' || *p == ' ' || *p == '\t' || *p == '\r')
                p++;
            if (!strncmp(p, "base_url", 8) && (p[8] == ' ' || p[8] == '=' || p[8] == '\t'))
                zola = true;
            if (*p == '[')
                break;
        }
    }
    fc_buf_free(&text);
    return zola;
}

static void zola_config(struct fc_site_reader *r)
{
    struct fc_site *s = &r->site;
    struct fc_feed *f = r->feed;
    struct fc_arena *a = f->arena;
    const char *file = fc_site_exists(r, "zola.toml") ? "zola.toml" : "config.toml";
    s->content_dir = "content";
    s->slugify_paths = "on";
    if (!s->content_only) {
        struct fc_buf text;
        fc_buf_init(&text);
        struct fc_fm_node *c = NULL;
        if (!fc_site_read_text(r, file, &text))
            fc_sticky_set(&r->st, fc_fm_parse(a, FC_FM_TOML, fc_buf_cstr(&text), text.len,
                                              r->st.file, 0, &c, r->st.err));
        fc_buf_free(&text);
        if (!fc_sticky_ok(&r->st))
            return;
        s->config = c;
    }
    const struct fc_fm_node *c = s->config;
    s->title = fc_fm_str(fc_fm_get(c, "title"));
    s->description = fc_fm_str(fc_fm_get(c, "description"));
    s->language = fc_fm_str(fc_fm_get(c, "default_language"));
    s->author = fc_fm_get(c, "author");
    s->taxonomies = fc_fm_get(c, "taxonomies");
    const char *sp = fc_fm_str(fc_fm_get(fc_fm_get(c, "slugify"), "paths"));
    if (sp)
        s->slugify_paths = sp;
    fc_site_set_base(r, fc_fm_str(fc_fm_get(c, "base_url")));
    fc_site_feed_meta(r);
}

static bool skip_dir(const char *rel, void *ctx)
{
    struct fc_site_reader *r = ctx;
    char idx[1024], sec[1024];
    snprintf(idx, sizeof idx, "%s/index.md", rel);
    snprintf(sec, sizeof sec, "%s/_index.md", rel);
    if (fc_site_exists(r, idx) && !fc_site_exists(r, sec)) {
        fc_site_index(r, idx); /* a page with its assets */
        return true;
    }
    return false;
}

static void file_fn(struct fc_site_reader *r, const char *rel, void *ctx)
{
    (void)ctx;
    const char *dot = strrchr(fc_site_base_name(rel), '.');
    if (dot && !fc_strcasecmp(dot, ".md"))
        fc_site_index(r, rel);
}

/* static/: published at the site's root as it is */
static void static_fn(struct fc_site_reader *r, const char *rel, void *ctx)
{
    (void)ctx;
    char url[2048];
    snprintf(url, sizeof url, "%s", rel + strlen("static"));
    fc_site_add_file(r, rel, url);
}

static void zola_walk(struct fc_site_reader *r)
{
    fc_site_walk(r, r->site.content_dir, skip_dir, file_fn, r);
    if (!r->site.content_only)
        fc_site_walk(r, "static", NULL, static_fn, NULL);
}

/* Zola's dated names: YYYY-MM-DD[THH:MM:SS[.frac](Z|+HH:MM)], then an
 * optional space, '_' or '-' and the slug: the longest such prefix that
 * reads as a time. */
static size_t dated(const char *name, struct fc_time *t)
{
    size_t n = fc_site_file_date(name, false, t);
    if (!n || name[n] != 'T')
        return n;
    for (size_t len = strlen(name); len > n; len--) {
        char c = name[len];
        if (c && c != ' ' && c != '_' && c != '-')
            continue;
        char buf[64];
        struct fc_time full;
        snprintf(buf, sizeof buf, "%.*s", (int)len, name);
        if (fc_time_parse(buf, &full) == FC_OK && full.precision >= FC_TIME_SECOND) {
            *t = full;
            return len;
        }
    }
    return n;
}

/* Slugified for paths: "on" (lower-case ASCII, other runs '-'), "safe"
 * (the file system's unsafe characters dropped) or "off". */
static const char *slugify(struct fc_site_reader *r, struct fc_arena *a, const char *s)
{
    const char *mode = r->site.slugify_paths;
    if (!strcmp(mode, "off"))
        return s;
    if (!strcmp(mode, "safe")) {
        struct fc_buf b;
        fc_buf_init(&b);
        for (const char *p = s; *p; p++)
            if (!strchr("<>:\"/\\|?*", *p))
                fc_buf_putc(&b, *p);
        while (b.len && (b.data[b.len - 1] == ' ' || b.data[b.len - 1] == '.'))
            b.len--;
        char *out = b.oom ? NULL : fc_strdup(a, fc_buf_cstr(&b), b.len);
        fc_buf_free(&b);
        return out;
    }
    return fc_jekyll_slugify(a, s, "latin", false);
}

char *fc_zola_url(struct fc_arena *a, const struct fc_site *s, const struct fc_site_doc *d)
{
    (void)s;
    struct fc_buf b;
    fc_buf_init(&b);
    if (d->url && *d->url) {
        const char *p = d->url;
        while (*p == '/')
            p++;
        fc_buf_printf(&b, "/%s", p);
    } else {
        const char *base = fc_site_base_name(d->rel);
        bool bundle = !strncmp(base, "index.", 6);
        const char *dir_end = bundle && base > d->rel ? base - 1 : base;
        if (bundle) /* the bundle's own folder is its name */
            while (dir_end > d->rel && dir_end[-1] != '/')
                dir_end--;
        fc_buf_putc(&b, '/');
        fc_buf_add(&b, d->rel, (size_t)(dir_end - d->rel));
        fc_buf_puts(&b, d->slug ? d->slug : "");
    }
    if (!b.len || b.data[b.len - 1] != '/')
        fc_buf_putc(&b, '/');
    char *out = b.oom ? NULL : fc_strdup(a, fc_buf_cstr(&b), b.len);
    fc_buf_free(&b);
    return out;
}

/* A Zola date: RFC 3339, or the same without an offset (UTC), or a date. */
static bool zola_time(const struct fc_fm_node *v, struct fc_time *t)
{
    const char *s = fc_fm_str(v);
    if (!s || fc_time_parse(s, t) != FC_OK || t->precision < FC_TIME_DATE)
        return false;
    if (t->zone == FC_ZONE_NONE)
        fc_site_localize(NULL, t); /* UTC */
    return true;
}

static void zola_page(struct fc_site_reader *r, struct fc_site_page *pg)
{
    const char *cd = r->site.content_dir;
    size_t cn = strlen(cd);
    const char *crel = pg->rel;
    if (cn && !strncmp(crel, cd, cn) && crel[cn] == '/')
        crel += cn + 1;
    const char *b = fc_site_base_name(crel);
    const struct fc_fm_node *fm = pg->fm;
    const struct fc_fm_node *v = fc_fm_get(fm, "date");
    if (v && !zola_time(v, &pg->date))
        fc_site_warn(r, v->line, v->column, "date '%s' is no date Zola reads (it refuses the site)",
                     fc_fm_str(v) ? fc_fm_str(v) : "");
    v = fc_fm_get(fm, "updated");
    if (!v || !zola_time(v, &pg->updated))
        pg->updated = pg->date;
    /* the name: a bundle's folder, else the file's stem; a date first */
    const char *name = b;
    size_t nl = strcspn(b, ".");
    if (!strncmp(b, "index.", 6) && b > crel) {
        const char *e = b - 1;
        name = e;
        while (name > crel && name[-1] != '/')
            name--;
        nl = (size_t)(e - name);
    }
    char stem[512];
    snprintf(stem, sizeof stem, "%.*s", (int)nl, name);
    struct fc_time fd;
    size_t pre = dated(stem, &fd);
    const char *fslug = stem;
    if (pre) {
        if (pg->date.precision == FC_TIME_NONE) {
            pg->date = fd;
            if (pg->date.zone == FC_ZONE_NONE)
                fc_site_localize(NULL, &pg->date);
        }
        const char *p = stem + pre;
        if (*p == ' ')
            p++;
        if (*p == '_' || *p == '-')
            fslug = p + 1;
    }
    const char *slug = fc_fm_str(fc_fm_get(fm, "slug"));
    pg->slug = slugify(r, pg->a, slug ? slug : fslug);
    if (!pg->slug) {
        fc_sticky_nomem(&r->st);
        return;
    }
    if (!strcmp(b, "_index.md")) { /* a section */
        struct fc_buf u;
        fc_buf_init(&u);
        fc_buf_putc(&u, '/');
        fc_buf_add(&u, crel, (size_t)(b - crel));
        if (u.oom || !(pg->url = fc_strdup(pg->a, u.data, u.len)))
            fc_sticky_nomem(&r->st);
        fc_buf_free(&u);
        return;
    }
    pg->draft = fc_fm_bool(fc_fm_get(fm, "draft")) == 1;
    int64_t w;
    if (fc_parse_int(fc_fm_str(fc_fm_get(fm, "weight")), -2147483647, 2147483647, &w))
        pg->weight = (int)w;
    struct fc_site_doc d = {.rel = crel, .slug = pg->slug, .url = fc_fm_str(fc_fm_get(fm, "path"))};
    if (!(pg->url = fc_zola_url(pg->a, &r->site, &d)))
        fc_sticky_nomem(&r->st);
    pg->kind = strchr(crel, '/') ? NULL : "page";
    pg->emit = true;
    pg->templates = true;
}

static void zola_post(struct fc_site_reader *r, const struct fc_site_page *pg, struct fc_post *p)
{
    const struct fc_fm_node *tax = fc_fm_get(pg->fm, "taxonomies");
    for (size_t i = 0; tax && tax->type == FC_FM_MAP && i + 1 < tax->n; i += 2) {
        const char *name = fc_fm_str(tax->kids[i]);
        const struct fc_fm_node *v = tax->kids[i + 1];
        if (!name)
            continue;
        const char *scheme = !strcmp(name, "tags")         ? NULL
                             : !strcmp(name, "categories") ? "category"
                                                           : name;
        for (size_t k = 0; v->type == FC_FM_SEQ && k < v->n; k++) {
            const char *t = fc_fm_str(v->kids[k]);
            if (t && *t)
                fc_site_add_term(r, p, t, strlen(t), scheme);
        }
    }
    const struct fc_fm_node *al = fc_fm_get(pg->fm, "aliases");
    for (size_t i = 0; al && al->type == FC_FM_SEQ && i < al->n; i++) {
        const char *u = fc_fm_str(al->kids[i]);
        char buf[2048];
        if (!u || !*u)
            continue;
        snprintf(buf, sizeof buf, "%s%s", *u == '/' ? "" : "/", u);
        fc_site_add_alias(r, p, buf);
    }
    p->weight = pg->weight;
}

/* A page bundle's co-located assets, published beside the page. */
struct asset_walk {
    struct fc_post *p;
    const struct fc_site_page *pg;
    size_t dir; /* length of the bundle's path + '/' */
};

static void asset_fn(struct fc_site_reader *r, const char *rel, void *ctx)
{
    struct asset_walk *w = ctx;
    const char *dot = strrchr(fc_site_base_name(rel), '.');
    if (dot && !fc_strcasecmp(dot, ".md"))
        return; /* the page, or its translations */
    const char *u = w->pg->url;
    size_t n = strlen(u);
    char url[4096];
    snprintf(url, sizeof url, "%s%s%s", u, n && u[n - 1] == '/' ? "" : "/", rel + w->dir);
    fc_site_add_resource(r, w->p, rel, url);
}

static void zola_post_all(struct fc_site_reader *r, const struct fc_site_page *pg,
                          struct fc_post *p)
{
    zola_post(r, pg, p);
    const char *b = fc_site_base_name(pg->rel);
    if (strcmp(b, "index.md") || b == pg->rel || !pg->url)
        return;
    struct asset_walk w = {p, pg, (size_t)(b - pg->rel)};
    char dir[2048];
    snprintf(dir, sizeof dir, "%.*s", (int)(w.dir - 1), pg->rel);
    fc_site_walk(r, dir, NULL, asset_fn, &w);
}

/* Zola's shortcode escapes undone; calls kept with a warning. */
static void zola_body(struct fc_site_reader *r, const struct fc_site_page *pg, const char *s,
                      size_t n, unsigned long line, struct fc_buf *o)
{
    (void)pg;
    for (size_t i = 0; i < n;) {
        bool open2 = i + 1 < n && s[i] == '{' && (s[i + 1] == '{' || s[i + 1] == '%');
        if (!open2) {
            line += s[i] == '\n';
            fc_buf_putc(o, s[i++]);
            continue;
        }
        char close = s[i + 1] == '{' ? '}' : '%';
        size_t p = i + 2;
        while (p < n && s[p] == ' ')
            p++;
        /* an escape: the text without the comment marks */
        if (p + 1 < n && s[p] == '/' && s[p + 1] == '*') {
            const char *end = NULL;
            for (size_t k = p + 2; k + 3 < n + 1 && !end; k++)
                if (s[k] == '*' && s[k + 1] == '/') {
                    size_t q = k + 2;
                    while (q < n && s[q] == ' ')
                        q++;
                    if (q + 1 < n && s[q] == close && s[q + 1] == '}')
                        end = s + k;
                }
            if (end) {
                size_t k = (size_t)(end - s), q = k + 2;
                while (q < n && s[q] == ' ')
                    q++;
                fc_buf_add(o, s + i, 2);
                fc_buf_add(o, s + p + 2, k - p - 2);
                fc_buf_add(o, s + k + 2, q - k - 2);
                fc_buf_add(o, s + q, 2);
                i = q + 2;
                continue;
            }
        }
        /* a call: name( ... ) */
        size_t q = p;
        while (q < n && (fc_ascii_alnum((unsigned char)s[q]) || s[q] == '_'))
            q++;
        while (q < n && s[q] == ' ')
            q++;
        if (q > p && q < n && s[q] == '(' && !(q - p == 3 && !strncmp(s + p, "end", 3)))
            fc_site_warn(r, line, 0,
                         "Zola shortcode '%.*s' needs the site's templates: kept as written",
                         (int)(q - p), s + p);
        fc_buf_add(o, s + i, 2);
        i += 2;
    }
}

static int zola_cmp(const struct fc_site_entry *a, const struct fc_site_entry *b)
{
    int c = fc_site_cmp_date(a, b);
    return c ? c : strcmp(a->url ? a->url : "", b->url ? b->url : "");
}

static bool zola_known(const struct fc_site_reader *r, const char *key)
{
    (void)r;
    static const char *const keys[] = {"date",    "updated",    "draft",  "slug", "path",
                                       "aliases", "taxonomies", "weight", NULL};
    for (size_t i = 0; keys[i]; i++)
        if (!strcmp(keys[i], key))
            return true;
    return false;
}

const struct fc_site_ops fc_site_zola = {
    .gen = FC_MD_ZOLA,
    .name = "zola",
    .detect = zola_detect,
    .config = zola_config,
    .walk = zola_walk,
    .page = zola_page,
    .post = zola_post_all,
    .body = zola_body,
    .cmp = zola_cmp,
    .known = zola_known,
};
