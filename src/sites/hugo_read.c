/*
 * hugo_read.c - a Hugo 0.111 site's pages as its home RSS lists them
 * (tests/test_site_read.c, tests/cli_site_oracle.sh).
 *
 * Content: every .md, .markdown, .mdown, .html and .htm file under
 * contentDir; names starting with '.' or '#' or ending in '~' are
 * ignored.  _index.* is a section (known for links, not a post).  A
 * directory with an index.* is a leaf bundle: that file is the page,
 * every other file below it its resources.  Other files are published
 * as they are (feed->files), and so is static/.
 *
 * Front matter (keys case-insensitive):
 *   date       date, else publishDate (pubdate, published), else lastmod
 *              (modified); what Hugo cannot read is no date (a warning)
 *   updated    lastmod (modified), else the date
 *   expires    expiryDate (unpublishdate)
 *   draft      draft (any truthy spelling), published: false
 *   url, slug  the URL (hugo_url.c)
 *   aliases    old paths from the site's root; relative ones from the
 *              parent of the page's URL
 *   taxonomies the configured ones (tags, categories by default); tags
 *              without a scheme, categories "category", others their name
 *   weight     the order's first key
 *   _build     list: never / local: not in the feed (counted, one
 *              warning); render: never: in the feed with no link (as
 *              Hugo's RSS); headless: true on a bundle: neither
 * Order (the RSS's): weight (non-zero first, ascending), date newest
 * first, link title (collated: case and accents second), file path.
 */
#include "sites/hugo.h"

#include <stdio.h>
#include <stdint.h>
#include <string.h>

static const char *const content_ext[] = {".md", ".markdown", ".mdown", ".html", ".htm", NULL};

static bool content_file(const char *name)
{
    const char *dot = strrchr(name, '.');
    for (size_t i = 0; dot && content_ext[i]; i++)
        if (!fc_strcasecmp(dot, content_ext[i]))
            return true;
    return false;
}

static bool ignored(const char *name)
{
    size_t n = strlen(name);
    return name[0] == '#' || (n && name[n - 1] == '~');
}

/* The leaf bundle's index file in dir (site path), NULL when none. */
static const char *bundle_index(struct fc_site_reader *r, const char *dir, char *buf, size_t cap)
{
    for (size_t i = 0; content_ext[i]; i++) {
        snprintf(buf, cap, "%s/index%s", dir, content_ext[i]);
        if (fc_site_exists(r, buf))
            return buf;
    }
    return NULL;
}

/* The path of rel inside the content directory; NULL outside it. */
static const char *in_content(const struct fc_site *s, const char *rel)
{
    size_t n = strlen(s->content_dir);
    if (!n)
        return rel;
    return !strncmp(rel, s->content_dir, n) && rel[n] == '/' ? rel + n + 1 : NULL;
}

static bool skip_dir(const char *rel, void *ctx)
{
    struct fc_site_reader *r = ctx;
    if (ignored(fc_site_base_name(rel)))
        return true;
    char buf[1024];
    const char *idx = bundle_index(r, rel, buf, sizeof buf);
    if (idx)
        fc_site_index(r, idx);
    return idx != NULL;
}

static void content_fn(struct fc_site_reader *r, const char *rel, void *ctx)
{
    (void)ctx;
    const char *b = fc_site_base_name(rel);
    if (ignored(b))
        return;
    if (content_file(b)) {
        fc_site_index(r, rel);
        return;
    }
    const char *c = in_content(&r->site, rel);
    char url[2048];
    snprintf(url, sizeof url, "/%s", c ? c : rel);
    fc_site_add_file(r, rel, url);
}

static void static_fn(struct fc_site_reader *r, const char *rel, void *ctx)
{
    size_t n = strlen((const char *)ctx);
    char url[2048];
    snprintf(url, sizeof url, "/%s", rel + n + 1);
    fc_site_add_file(r, rel, url);
}

static void hugo_walk(struct fc_site_reader *r)
{
    struct fc_site *s = &r->site;
    /* a bundle at the very top: the input is itself a leaf bundle */
    char buf[1024];
    if (*s->content_dir && bundle_index(r, s->content_dir, buf, sizeof buf))
        fc_sticky_warn(&r->st, 0, 0,
                       "%s/index.* makes the whole content one page (Hugo publishes only the "
                       "home page); read as a page",
                       s->content_dir);
    fc_site_walk(r, s->content_dir, skip_dir, content_fn, r);
    const char *st = fc_fm_str(fc_fm_get(s->config, "staticdir"));
    if (!st)
        st = "static";
    if (!s->content_only)
        fc_site_walk(r, st, NULL, static_fn, (void *)st);
}

/* ---- one page ------------------------------------------------------------ */

/* The first of keys in fm that Hugo reads as a date into *t; a key whose
 * value Hugo cannot read is warned about and skipped, as Hugo does. */
static bool date_of(struct fc_site_reader *r, const struct fc_fm_node *fm, const char *const *keys,
                    struct fc_time *t)
{
    for (size_t i = 0; keys[i]; i++) {
        const struct fc_fm_node *v = fc_fm_get(fm, keys[i]);
        if (!v || (v->type == FC_FM_SCALAR && !fc_fm_str(v)))
            continue;
        if (fc_hugo_time(&r->site, v, t))
            return true;
        if (!(!strcmp(keys[i], "published") && fc_fm_bool(v) != -1))
            fc_site_warn(r, v->line, v->column,
                         "%s: Hugo does not read '%s' as a date (the page has none there)", keys[i],
                         fc_fm_str(v) ? fc_fm_str(v) : "");
    }
    return false;
}

/* Hugo's cast.ToBool: true, "true", yes, on, 1... */
static bool truthy(const struct fc_fm_node *v)
{
    const char *s = fc_fm_str(v);
    return fc_fm_bool(v) == 1 || (s && (!strcmp(s, "1") || !fc_strcasecmp(s, "t")));
}

/* The directories of rel (a content path) that are sections: the top
 * one always, deeper ones with an _index file. */
static const char *sections_of(struct fc_site_reader *r, struct fc_arena *a, const char *crel,
                               size_t dir_len)
{
    struct fc_buf b, probe;
    fc_buf_init(&b);
    fc_buf_init(&probe);
    size_t top = strcspn(crel, "/");
    if (top <= dir_len && dir_len)
        fc_buf_add(&b, crel, top);
    for (size_t i = top + 1; i <= dir_len && dir_len; i++) {
        if (i != dir_len && crel[i] != '/')
            continue;
        bool sec = false;
        for (size_t k = 0; content_ext[k] && !sec; k++) {
            fc_buf_reset(&probe);
            if (*r->site.content_dir)
                fc_buf_printf(&probe, "%s/", r->site.content_dir);
            fc_buf_printf(&probe, "%.*s/_index%s", (int)i, crel, content_ext[k]);
            sec = !probe.oom && fc_site_exists(r, probe.data);
        }
        if (sec) {
            b.len = 0;
            fc_buf_add(&b, crel, i);
        }
    }
    char *out = b.oom || probe.oom ? NULL : fc_strdup(a, fc_buf_cstr(&b), b.len);
    fc_buf_free(&b);
    fc_buf_free(&probe);
    if (!out)
        fc_sticky_nomem(&r->st);
    return out;
}

static void hugo_page(struct fc_site_reader *r, struct fc_site_page *pg)
{
    struct fc_site *s = &r->site;
    struct fc_fm_node *fm = fc_site_lower_keys(pg->a, pg->fm, false);
    if (pg->fm && !fm) {
        fc_sticky_nomem(&r->st);
        return;
    }
    pg->fm = fm;
    const char *crel = in_content(s, pg->rel);
    if (!crel)
        return;
    const char *b = fc_site_base_name(crel);
    bool section = !strncmp(b, "_index.", 7);
    bool bundle = !strncmp(b, "index.", 6);
    size_t dir_len = b > crel ? (size_t)(b - crel - 1) : 0;
    if (bundle && dir_len) { /* the bundle's directory is the page */
        const char *d = crel + dir_len;
        while (d > crel && d[-1] != '/')
            d--;
        dir_len = d > crel ? (size_t)(d - crel - 1) : 0;
    }
    const struct fc_fm_node *build = fc_fm_get(fm, "_build");
    const char *list = fc_fm_str(fc_fm_get(build, "list"));
    const char *render = fc_fm_str(fc_fm_get(build, "render"));
    bool headless = bundle && truthy(fc_fm_get(fm, "headless"));
    bool unlisted =
        headless ||
        (list && (!strcmp(list, "never") || !strcmp(list, "local") || !strcmp(list, "false")));
    bool no_render = headless || (render && (!strcmp(render, "never") || !strcmp(render, "false")));
    static const char *const date_keys[] = {"date",    "publishdate", "pubdate", "published",
                                            "lastmod", "modified",    NULL};
    static const char *const upd_keys[] = {"lastmod", "modified", NULL};
    static const char *const exp_keys[] = {"expirydate", "unpublishdate", NULL};
    date_of(r, fm, date_keys, &pg->date);
    if (!date_of(r, fm, upd_keys, &pg->updated))
        pg->updated = pg->date;
    date_of(r, fm, exp_keys, &pg->expires);
    pg->draft = truthy(fc_fm_get(fm, "draft")) || fc_fm_bool(fc_fm_get(fm, "published")) == 0;
    pg->slug = fc_fm_str(fc_fm_get(fm, "slug"));
    const char *title = fc_fm_str(fc_fm_get(fm, "title"));
    int64_t w;
    if (fc_parse_int(fc_fm_str(fc_fm_get(fm, "weight")), -2147483647, 2147483647, &w))
        pg->weight = (int)w;
    struct fc_site_doc d = {.rel = crel,
                            .slug = section ? NULL : pg->slug,
                            .title = title,
                            .url = fc_fm_str(fc_fm_get(fm, "url")),
                            .date = pg->date};
    d.sections = sections_of(r, pg->a, crel, dir_len);
    if (!d.sections)
        return;
    pg->section = d.sections;
    if (!no_render && !(pg->url = fc_hugo_url(pg->a, s, &d))) {
        fc_sticky_nomem(&r->st);
        return;
    }
    pg->kind = !dir_len && !section ? "page" : NULL;
    pg->templates = true;
    pg->emit = !section && !unlisted;
    if (!section && unlisted && !r->quiet)
        r->unlisted++;
}

/* ---- the post ---------------------------------------------------------------- */

static void terms(struct fc_site_reader *r, struct fc_post *p, const struct fc_fm_node *v,
                  const char *scheme)
{
    if (!v)
        return;
    if (v->type == FC_FM_SEQ) {
        for (size_t i = 0; i < v->n; i++) {
            const char *t = fc_fm_str(v->kids[i]);
            if (t && *t)
                fc_site_add_term(r, p, t, strlen(t), scheme);
        }
    } else if (fc_fm_str(v) && *fc_fm_str(v)) {
        fc_site_add_term(r, p, fc_fm_str(v), strlen(fc_fm_str(v)), scheme);
    }
}

static void aliases(struct fc_site_reader *r, const struct fc_site_page *pg, struct fc_post *p)
{
    const struct fc_fm_node *v = fc_fm_get(pg->fm, "aliases");
    size_t n = v && v->type == FC_FM_SEQ ? v->n : 1;
    for (size_t i = 0; v && i < n; i++) {
        const char *al = fc_fm_str(v->type == FC_FM_SEQ ? v->kids[i] : v);
        if (!al || !*al)
            continue;
        if (al[0] == '/' || strstr(al, "://")) {
            fc_site_add_alias(r, p, al);
            continue;
        }
        /* relative: from the parent of the page's URL directory */
        char base[2048];
        snprintf(base, sizeof base, "%s", pg->url ? pg->url : "/");
        size_t bl = strlen(base);
        while (bl > 1 && base[bl - 1] == '/')
            base[--bl] = '\0';
        char *slash = strrchr(base, '/');
        if (slash)
            slash[1] = '\0';
        char joined[4096];
        snprintf(joined, sizeof joined, "%s%s", base, al);
        char *res = fc_url_resolve(p->arena, "http://h/", joined);
        if (!res)
            fc_sticky_nomem(&r->st);
        else
            fc_site_add_alias(r, p, res + strlen("http://h"));
    }
}

static void hugo_post(struct fc_site_reader *r, const struct fc_site_page *pg, struct fc_post *p)
{
    const struct fc_fm_node *tax = r->site.taxonomies;
    if (tax && tax->type == FC_FM_MAP) {
        for (size_t i = 0; i + 1 < tax->n; i += 2) {
            const char *plural = fc_fm_str(tax->kids[i + 1]);
            if (!plural)
                continue;
            const char *scheme = !strcmp(plural, "tags")         ? NULL
                                 : !strcmp(plural, "categories") ? "category"
                                                                 : plural;
            terms(r, p, fc_fm_get(pg->fm, plural), scheme);
        }
    } else if (!tax) {
        terms(r, p, fc_fm_get(pg->fm, "categories"), "category");
        terms(r, p, fc_fm_get(pg->fm, "tags"), NULL);
    }
    aliases(r, pg, p);
    p->weight = pg->weight;
    p->expires = pg->expires;
}

/* The resources of a leaf bundle: called after hugo_post by the walk. */
struct res_walk {
    struct fc_post *p;
    size_t dir; /* length of the bundle's path + '/' */
    const char *rel_index;
    char url[2048];
};

static void res_fn(struct fc_site_reader *r, const char *rel, void *ctx)
{
    struct res_walk *w = ctx;
    if (!strcmp(rel, w->rel_index) || ignored(fc_site_base_name(rel)))
        return;
    char url[4096];
    snprintf(url, sizeof url, "%s%s", w->url, rel + w->dir);
    fc_site_add_resource(r, w->p, rel, url);
}

static void hugo_post_all(struct fc_site_reader *r, const struct fc_site_page *pg,
                          struct fc_post *p)
{
    hugo_post(r, pg, p);
    const char *b = fc_site_base_name(pg->rel);
    if (strncmp(b, "index.", 6) || b == pg->rel || !pg->url)
        return;
    struct res_walk w = {p, (size_t)(b - pg->rel), pg->rel, ""};
    snprintf(w.url, sizeof w.url, "%s", pg->url);
    size_t n = strlen(w.url);
    if (n > 5 && !strcmp(w.url + n - 5, ".html")) /* uglyURLs: /posts/b.html -> /posts/b/ */
        snprintf(w.url + n - 5, sizeof w.url - (n - 5), "/");
    char dir[2048];
    snprintf(dir, sizeof dir, "%.*s", (int)(w.dir - 1), pg->rel);
    fc_site_walk(r, dir, NULL, res_fn, &w);
}

/* ---- order ------------------------------------------------------------------- */

/* A collation key step of a title: letters by their base letter first,
 * then accents, then case (lower first), as the language collation Hugo
 * sorts link titles with; punctuation before digits before letters. */
static int coll_class(uint32_t cp)
{
    if (cp < 0x80 && fc_ascii_alpha((unsigned char)cp))
        return 3;
    if (cp >= '0' && cp <= '9')
        return 2;
    return fc_site_is_word(cp) ? 3 : 1;
}

static int collate(const char *a, const char *b)
{
    const unsigned char *pa = (const unsigned char *)(a ? a : "");
    const unsigned char *pb = (const unsigned char *)(b ? b : "");
    int second = 0, third = 0;
    size_t na = strlen((const char *)pa), nb = strlen((const char *)pb), i = 0, j = 0;
    while (i < na && j < nb) {
        uint32_t ca, cb;
        size_t ka = fc_utf8_decode(pa + i, na - i, &ca), kb = fc_utf8_decode(pb + j, nb - j, &cb);
        if (!ka || ka == (size_t)-1)
            ca = pa[i], ka = 1;
        if (!kb || kb == (size_t)-1)
            cb = pb[j], kb = 1;
        uint32_t ba = fc_site_lower(fc_site_unaccent(ca)), bb = fc_site_lower(fc_site_unaccent(cb));
        int cla = coll_class(ca), clb = coll_class(cb);
        if (cla != clb)
            return cla - clb;
        if (ba != bb)
            return ba < bb ? -1 : 1;
        if (!second && fc_site_lower(ca) != fc_site_lower(cb))
            second = fc_site_lower(ca) < fc_site_lower(cb) ? -1 : 1;
        if (!third && ca != cb)
            third = fc_site_lower(ca) == ca ? -1 : 1;
        i += ka, j += kb;
    }
    if ((i < na) != (j < nb))
        return i < na ? 1 : -1;
    return second ? second : third;
}

static int hugo_cmp(const struct fc_site_entry *a, const struct fc_site_entry *b)
{
    if (a->weight != b->weight) {
        if (!a->weight || !b->weight)
            return a->weight ? -1 : 1;
        return a->weight < b->weight ? -1 : 1;
    }
    int c = fc_site_cmp_date(a, b);
    if (!c)
        c = collate(a->title, b->title);
    return c ? c : strcmp(a->rel, b->rel);
}

/* ---- ref / relref ---------------------------------------------------------- */

/*
 * A content path crel answers to a reference t (case-insensitive, no
 * extension needed, a bundle or section by its directory) in one of
 * three forms: crel itself, crel without its extension, the directory of
 * an index.* or _index.* file.  The last pass of a look-up matches the
 * base name in the same forms (the directory of a base name is "").
 * Each form is a map of lower-cased keys to the first entry (in the
 * index's order) that has it; a look-up takes the first of the forms'
 * answers, as a scan of the entries would.
 */
enum { REF_PATH, REF_STEM, REF_DIR, REF_BASE, REF_BASE_STEM, REF_BASE_DIR, REF_FORMS };
_Static_assert(REF_FORMS <= sizeof((struct fc_site_reader *)0)->refs /
                                sizeof((struct fc_site_reader *)0)->refs[0],
               "one map per form");

/* s[0..n) lower-cased into a (NULL: out of memory). */
static const char *lower_key(struct fc_arena *a, const char *s, size_t n)
{
    char *k = fc_alloc(a, n + 1);
    if (k) {
        for (size_t i = 0; i < n; i++)
            k[i] = (char)fc_ascii_lower((unsigned char)s[i]);
        k[n] = '\0';
    }
    return k;
}

/* Put crel's keys for entry i, the forms from `form` on (REF_PATH for
 * the path, REF_BASE for its base name). */
static bool ref_keys(struct fc_site_reader *r, const char *crel, size_t i, int form)
{
    size_t n = strlen(crel);
    const char *b = fc_site_base_name(crel), *dot = strrchr(b, '.');
    size_t stem = dot ? (size_t)(dot - crel) : n;
    bool index = !strncmp(b, "index.", 6) || !strncmp(b, "_index.", 7);
    size_t dl = b > crel ? (size_t)(b - crel - 1) : 0;
    const char *keys[3] = {lower_key(r->idx, crel, n), lower_key(r->idx, crel, stem),
                           index ? lower_key(r->idx, crel, dl) : ""};
    for (int f = 0; f < 3; f++) {
        if (!keys[f])
            return false;
        if (f == 2 && !index)
            continue;
        if (!fc_strmap_add(&r->refs[form + f], keys[f], (void *)(uintptr_t)(i + 1)))
            return false;
    }
    return true;
}

static void hugo_indexed(struct fc_site_reader *r)
{
    for (size_t i = 0; i < r->n; i++) {
        const char *crel = in_content(&r->site, r->entries[i].rel);
        if (crel && r->entries[i].url &&
            (!ref_keys(r, crel, i, REF_PATH) ||
             !ref_keys(r, fc_site_base_name(crel), i, REF_BASE))) {
            fc_sticky_nomem(&r->st);
            return;
        }
    }
}

/* The first entry of forms [form, form + 3) answering to t[0..n). */
static size_t ref_find(const struct fc_site_reader *r, const char *t, size_t n, int form)
{
    char key[4096]; /* output paths are shorter (fc_out_path_ok) */
    if (n >= sizeof key)
        return 0;
    for (size_t i = 0; i < n; i++)
        key[i] = (char)fc_ascii_lower((unsigned char)t[i]);
    key[n] = '\0';
    size_t best = 0;
    for (int f = form; f < form + 3; f++) {
        size_t v = (size_t)(uintptr_t)fc_strmap_get(&r->refs[f], key);
        if (v && (!best || v < best))
            best = v;
    }
    return best;
}

const struct fc_site_entry *fc_hugo_ref(const struct fc_site_reader *r, const char *from,
                                        const char *target)
{
    const struct fc_site *s = &r->site;
    size_t tn = strcspn(target, "#");
    while (tn && target[tn - 1] == '/')
        tn--;
    const char *fc = in_content(s, from);
    char path[2048];
    /* from the page's directory first, then from the content's root */
    for (int pass = 0; pass < 3; pass++) {
        const char *t = target;
        size_t n = tn, i;
        if (pass == 0) {
            if (*target == '/' || !fc)
                continue;
            const char *b = fc_site_base_name(fc);
            snprintf(path, sizeof path, "%.*s%.*s", (int)(b - fc), fc, (int)tn, target);
            t = path, n = strlen(path);
        } else if (pass == 1) {
            while (n && *t == '/')
                t++, n--;
        } else if (strchr(target, '/')) {
            continue;
        }
        if ((i = ref_find(r, t, n, pass < 2 ? REF_PATH : REF_BASE)) != 0)
            return &r->entries[i - 1];
    }
    return NULL;
}

static bool hugo_known(const struct fc_site_reader *r, const char *key)
{
    static const char *const keys[] = {
        "date",          "publishdate", "pubdate",   "lastmod",   "modified", "expirydate",
        "unpublishdate", "draft",       "published", "slug",      "url",      "aliases",
        "weight",        "_build",      "headless",  "linktitle", NULL};
    for (size_t i = 0; keys[i]; i++)
        if (!strcmp(keys[i], key))
            return true;
    const struct fc_fm_node *tax = r->site.taxonomies;
    for (size_t i = 0; tax && tax->type == FC_FM_MAP && i + 1 < tax->n; i += 2)
        if (fc_fm_str(tax->kids[i + 1]) && !strcmp(fc_fm_str(tax->kids[i + 1]), key))
            return true;
    return false;
}

const struct fc_site_ops fc_site_hugo = {
    .gen = FC_MD_HUGO,
    .name = "hugo",
    .detect = fc_hugo_detect,
    .config = fc_hugo_config,
    .walk = hugo_walk,
    .page = hugo_page,
    .post = hugo_post_all,
    .body = fc_hugo_body,
    .cmp = hugo_cmp,
    .known = hugo_known,
    .indexed = hugo_indexed,
};
