/*
 * wxr_read.c - the WXR reader (see wxr.c for the format and the
 * mapping): the first pass over the input (channel, maps, spool), the
 * look-ups the bodies and the menus need, and the second pass over the
 * spool, which hands each post to wxr_post.c and then to the handler.
 */
#include "formats/wxr.h"

#include <stdio.h>
#include <stdlib.h>

#define ORIGIN "wxr"

bool fc_wxr_grow(void **v, size_t *n, size_t *cap, size_t size)
{
    if (*n < *cap)
        return true;
    size_t nc = *cap ? *cap * 2 : 16;
    void *p = realloc(*v, nc * size);
    if (!p)
        return false;
    *v = p;
    *cap = nc;
    return true;
}

#define GROW(r, arr, n, cap) fc_wxr_grow((void **)&(arr), &(n), &(cap), sizeof *(arr))

/* ---- elements ----------------------------------------------------------------- */

static enum wxr_ns kind_of(const xmlNode *n)
{
    const char *ns = fc_xml_ns(n);
    return ns ? fc_wxr_ns_kind(ns, strlen(ns)) : WXR_NONE;
}

bool fc_wxr_is(const xmlNode *n, enum wxr_ns k, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0 &&
           kind_of(n) == k;
}

static const struct {
    enum wxr_ns ns;
    const char *name;
    enum wxr_field f;
} fields[] = {
    {WXR_NONE, "title", WF_TITLE},
    {WXR_NONE, "link", WF_LINK},
    {WXR_NONE, "pubDate", WF_PUBDATE},
    {WXR_DC, "creator", WF_CREATOR},
    {WXR_NONE, "guid", WF_GUID},
    {WXR_NONE, "description", WF_DESCRIPTION},
    {WXR_CONTENT, "encoded", WF_CONTENT},
    {WXR_EXCERPT, "encoded", WF_EXCERPT},
    {WXR_WP, "post_id", WF_POST_ID},
    {WXR_WP, "post_date", WF_POST_DATE},
    {WXR_WP, "post_date_gmt", WF_POST_DATE_GMT},
    {WXR_WP, "post_modified", WF_MODIFIED},
    {WXR_WP, "post_modified_gmt", WF_MODIFIED_GMT},
    {WXR_WP, "comment_status", WF_COMMENT_STATUS},
    {WXR_WP, "ping_status", WF_PING_STATUS},
    {WXR_WP, "post_name", WF_POST_NAME},
    {WXR_WP, "status", WF_STATUS},
    {WXR_WP, "post_parent", WF_POST_PARENT},
    {WXR_WP, "menu_order", WF_MENU_ORDER},
    {WXR_WP, "post_type", WF_POST_TYPE},
    {WXR_WP, "post_password", WF_PASSWORD},
    {WXR_WP, "is_sticky", WF_STICKY},
    {WXR_WP, "attachment_url", WF_ATTACHMENT_URL},
};

void fc_wxr_classify(struct wxr_item *it, xmlNode *node)
{
    memset(it, 0, sizeof *it);
    it->node = node;
    for (xmlNode *c = fc_xml_first(node); c; c = fc_xml_next(c)) {
        enum wxr_ns k = kind_of(c);
        for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
            if (fields[i].ns == k && strcmp((const char *)c->name, fields[i].name) == 0) {
                if (!it->f[fields[i].f])
                    it->f[fields[i].f] = c;
                break;
            }
        }
    }
}

const char *fc_wxr_text(const struct wxr_reader *r, struct fc_arena *a, const xmlNode *n, bool trim,
                        struct fc_sticky *s)
{
    if (!n)
        return NULL;
    char *t = (char *)fc_xml_text(a, n, trim, s);
    size_t len = t ? strlen(t) : 0;
    /* wxr_cdata() before 1.2 wrote "]" + " " at the end of a value */
    if (!trim && r->old_cdata && len >= 2 && t[len - 1] == ' ' && t[len - 2] == ']')
        t[len - 1] = '\0';
    return t;
}

int64_t fc_wxr_int(const struct wxr_reader *r, const xmlNode *n, struct fc_sticky *s)
{
    int64_t v = 0;
    const char *t = n ? fc_xml_text(r->maps, n, true, s) : NULL;
    return t && fc_parse_int(t, INT64_MIN, INT64_MAX, &v) ? v : 0;
}

static const char *text(struct wxr_reader *r, const xmlNode *n)
{
    return fc_wxr_text(r, r->maps, n, true, &r->s);
}

/* The first wp:<name> child of n. */
static xmlNode *wp_child(const xmlNode *n, const char *name)
{
    for (xmlNode *c = fc_xml_first(n); c; c = fc_xml_next(c))
        if (fc_wxr_is(c, WXR_WP, name))
            return c;
    return NULL;
}

static void keep_ext(struct wxr_reader *r, const xmlNode *n)
{
    fc_xml_to_ext(r->feed->arena, &r->feed->exts, n, ORIGIN, &r->s);
}

void fc_wxr_count(struct wxr_reader *r, const char *what)
{
    for (size_t i = 0; i < r->nskipped; i++) {
        if (strcmp(r->skipped[i].what, what) == 0) {
            r->skipped[i].n++;
            return;
        }
    }
    if (r->nskipped < sizeof r->skipped / sizeof r->skipped[0])
        r->skipped[r->nskipped++] = (struct wxr_count){what, 1};
    else
        r->skipped[r->nskipped - 1].n++; /* "...": the rest under the last name */
}

/* ---- the channel -------------------------------------------------------------- */

static void version(struct wxr_reader *r, const xmlNode *n)
{
    const char *v = text(r, n);
    int64_t major, minor;
    const char *dot = v ? strchr(v, '.') : NULL;
    char maj[16];
    if (!dot || dot == v || (size_t)(dot - v) >= sizeof maj) {
        fc_sticky_fail(&r->s, FC_EFORMAT, fc_xml_line(n), 0,
                       "wp:wxr_version \"%.40s\" is not a version: not a WordPress export",
                       v ? v : "");
        return;
    }
    snprintf(maj, sizeof maj, "%.*s", (int)(dot - v), v);
    if (!fc_parse_int(maj, 0, 999, &major) || !fc_parse_int(dot + 1, 0, 999, &minor) ||
        !(dot[1] >= '0' && dot[1] <= '9') || maj[0] < '0' || maj[0] > '9') {
        fc_sticky_fail(&r->s, FC_EFORMAT, fc_xml_line(n), 0,
                       "wp:wxr_version \"%.40s\" is not a version: not a WordPress export", v);
        return;
    }
    r->major = (int)major;
    r->minor = (int)minor;
    r->old_cdata = major < 1 || (major == 1 && minor < 2);
    if (major > 1 || (major == 1 && minor > 2))
        fc_sticky_warn(&r->s, fc_xml_line(n), 0, "WXR %s is newer than 1.2; read as 1.2", v);
    char fmt[32];
    snprintf(fmt, sizeof fmt, "wxr %d.%d", r->major, r->minor);
    if (!(r->feed->format = fc_strdup(r->feed->arena, fmt, (size_t)-1)))
        fc_sticky_nomem(&r->s);
}

/* <generator>https://wordpress.org/?v=6.7.1</generator>: the first one
 * (1.0 writes it twice). */
static void generator(struct wxr_reader *r, const xmlNode *n)
{
    struct fc_feed *f = r->feed;
    const char *g = fc_xml_text(f->arena, n, true, &r->s);
    if (!g || r->have_generator)
        return;
    r->have_generator = true;
    const char *q = strstr(g, "?v=");
    if (!q || !strstr(g, "wordpress.org")) {
        f->generator.name = g;
        return;
    }
    f->generator.name = "WordPress";
    f->generator.version = q + 3;
    if (!(f->generator.uri = fc_strdup(f->arena, g, (size_t)(q - g))))
        fc_sticky_nomem(&r->s);
}

static void author(struct wxr_reader *r, const xmlNode *n)
{
    if (!GROW(r, r->authors, r->nauthors, r->capauthors)) {
        fc_sticky_nomem(&r->s);
        return;
    }
    struct wxr_author *a = &r->authors[r->nauthors++];
    r->declared_authors++;
    a->id = fc_wxr_int(r, wp_child(n, "author_id"), &r->s);
    a->login = text(r, wp_child(n, "author_login"));
    a->display = text(r, wp_child(n, "author_display_name"));
    a->email = text(r, wp_child(n, "author_email"));
    struct fc_arena *fa = r->feed->arena;
    struct fc_person *p = fc_list_add(fa, &r->feed->authors, sizeof *p);
    const char *name = a->display ? a->display : a->login;
    if (!p || (name && !(p->name = fc_strdup(fa, name, (size_t)-1))) ||
        (r->keep_private && a->email && !(p->email = fc_strdup(fa, a->email, (size_t)-1))))
        fc_sticky_nomem(&r->s);
}

const struct wxr_author *fc_wxr_author(const struct wxr_reader *r, const char *creator)
{
    for (size_t i = 0; creator && i < r->nauthors; i++)
        if (r->authors[i].login && strcmp(r->authors[i].login, creator) == 0)
            return &r->authors[i];
    return NULL;
}

/* WXR 1.0 has no author list: its dc:creator is a display name (HTML
 * encoded); each one becomes an author of the feed. */
static void creator_author(struct wxr_reader *r, const xmlNode *n)
{
    const char *c = text(r, n);
    if (!c || fc_wxr_author(r, c))
        return;
    if (!GROW(r, r->authors, r->nauthors, r->capauthors)) {
        fc_sticky_nomem(&r->s);
        return;
    }
    struct wxr_author *a = &r->authors[r->nauthors++];
    memset(a, 0, sizeof *a);
    a->login = c;
    a->display = fc_html_to_text(r->maps, c);
    struct fc_person *p = fc_list_add(r->feed->arena, &r->feed->authors, sizeof *p);
    if (!a->display || !p || !(p->name = fc_strdup(r->feed->arena, a->display, (size_t)-1)))
        fc_sticky_nomem(&r->s);
}

/* wp:category / wp:tag / wp:term: a term of a taxonomy. */
static void term(struct wxr_reader *r, const xmlNode *n, const char *taxonomy, const char *slug_el,
                 const char *name_el, const char *parent_el, const char *desc_el)
{
    struct fc_feed *f = r->feed;
    if (!GROW(r, r->terms, r->nterms, r->capterms)) {
        fc_sticky_nomem(&r->s);
        return;
    }
    struct wxr_term *t = &r->terms[r->nterms++];
    memset(t, 0, sizeof *t);
    t->term_id = fc_wxr_int(r, wp_child(n, "term_id"), &r->s);
    t->taxonomy = taxonomy ? taxonomy : text(r, wp_child(n, "term_taxonomy"));
    t->slug = fc_wp_urldecode(r->maps, text(r, wp_child(n, slug_el)));
    t->name = text(r, wp_child(n, name_el));
    t->parent = parent_el ? text(r, wp_child(n, parent_el)) : NULL;
    if (!fc_sticky_ok(&r->s))
        return;
    if (!t->taxonomy)
        t->taxonomy = "";
    if (strcmp(t->taxonomy, "nav_menu") != 0) {
        struct fc_tag *tag = fc_list_add(f->arena, &f->categories, sizeof *tag);
        if (!tag) {
            fc_sticky_nomem(&r->s);
            return;
        }
        const char *term = t->name ? t->name : t->slug;
        if ((term && !(tag->term = fc_strdup(f->arena, term, (size_t)-1))) ||
            !(tag->scheme = fc_strdup(f->arena, t->taxonomy, (size_t)-1)) ||
            (t->slug && !(tag->slug = fc_strdup(f->arena, t->slug, (size_t)-1)))) {
            fc_sticky_nomem(&r->s);
            return;
        }
    }
    /* parents, descriptions and term meta have no place in a tag: the
     * element is kept (its parent fixed to a slug once all are read) */
    if (!t->parent && !wp_child(n, desc_el) && !wp_child(n, "termmeta"))
        return;
    struct fc_ext *e = fc_xml_to_ext(f->arena, &f->exts, n, ORIGIN, &r->s);
    for (struct fc_ext *c = e ? e->children.first : NULL; c && parent_el; c = c->next)
        if (c->name && strcmp(c->name, parent_el) == 0 && c->children.first)
            t->parent_text = c->children.first;
}

/* Parents by slug, then by name (WXR 1.0 writes names), in the taxonomy. */
static void resolve_terms(struct wxr_reader *r)
{
    for (size_t i = 0; i < r->nterms; i++) {
        struct wxr_term *t = &r->terms[i];
        const struct wxr_term *p = NULL;
        if (!t->parent)
            continue;
        for (int by_name = 0; by_name < 2 && !p; by_name++)
            for (size_t k = 0; k < r->nterms && !p; k++) {
                const char *v = by_name ? r->terms[k].name : r->terms[k].slug;
                if (v && strcmp(v, t->parent) == 0 &&
                    strcmp(r->terms[k].taxonomy, t->taxonomy) == 0)
                    p = &r->terms[k];
            }
        if (!p) {
            fc_sticky_warn(&r->s, 0, 0, "%s \"%s\": its parent \"%s\" is not in the export",
                           t->taxonomy, t->slug ? t->slug : "", t->parent);
            continue;
        }
        if (t->parent_text && p->slug && strcmp(t->parent, p->slug) != 0 &&
            !(t->parent_text->value = fc_strdup(r->feed->arena, p->slug, (size_t)-1)))
            fc_sticky_nomem(&r->s);
        t->parent = p->slug;
    }
}

static void channel_child(struct wxr_reader *r, const xmlNode *n)
{
    struct fc_feed *f = r->feed;
    struct fc_arena *a = f->arena;
    enum wxr_ns k = kind_of(n);
    const char *name = (const char *)n->name;
    if (k == WXR_NONE && !strcmp(name, "title") && !f->title.value)
        f->title.value = fc_xml_text(a, n, true, &r->s);
    else if (k == WXR_NONE && !strcmp(name, "link") && !f->home_url)
        f->home_url = fc_xml_text(a, n, true, &r->s);
    else if (k == WXR_NONE && !strcmp(name, "description") && !f->subtitle.value)
        f->subtitle.value = fc_xml_text(a, n, true, &r->s);
    else if (k == WXR_NONE && !strcmp(name, "language") && !f->language)
        f->language = fc_xml_text(a, n, true, &r->s);
    else if (k == WXR_NONE && !strcmp(name, "generator"))
        generator(r, n);
    else if (k == WXR_NONE && !strcmp(name, "pubDate") && !fc_time_present(&f->published)) {
        const char *d = fc_xml_text(a, n, true, &r->s);
        enum fc_status st = d ? fc_time_parse_keep(a, d, &f->published) : FC_OK;
        if (st == FC_EPARSE)
            fc_sticky_warn(&r->s, fc_xml_line(n), 0, "unparsable pubDate kept as text: \"%.100s\"",
                           d);
        else if (st != FC_OK)
            fc_sticky_nomem(&r->s);
    } else if (k == WXR_WP && !strcmp(name, "wxr_version"))
        version(r, n);
    else if (k == WXR_WP && !strcmp(name, "author"))
        author(r, n);
    else if (k == WXR_WP && !strcmp(name, "category"))
        term(r, n, "category", "category_nicename", "cat_name", "category_parent",
             "category_description");
    else if (k == WXR_WP && !strcmp(name, "tag"))
        term(r, n, "post_tag", "tag_slug", "tag_name", NULL, "tag_description");
    else if (k == WXR_WP && !strcmp(name, "term"))
        term(r, n, NULL, "term_slug", "term_name", "term_parent", "term_description");
    else {
        if (k == WXR_WP && !strcmp(name, "base_blog_url"))
            r->base_blog = text(r, n);
        if (!(k == WXR_NONE && !strcmp(name, "generator")))
            keep_ext(r, n);
    }
}

/* ---- the maps ------------------------------------------------------------------- */

/* The meta value of key `key` of item node (the first), as written. */
static const char *meta(struct wxr_reader *r, const xmlNode *item, const char *key)
{
    for (xmlNode *m = fc_xml_first(item); m; m = fc_xml_next(m)) {
        if (!fc_wxr_is(m, WXR_WP, "postmeta"))
            continue;
        const char *k = fc_xml_text(r->maps, wp_child(m, "meta_key"), true, &r->s);
        if (k && strcmp(k, key) == 0)
            return fc_wxr_text(r, r->maps, wp_child(m, "meta_value"), false, &r->s);
    }
    return NULL;
}

struct sizes {
    struct fc_buf b;
    const char *s;
    size_t n;
};

static void size_fn(void *ctx, const char *s, const struct fc_wp_php *key,
                    const struct fc_wp_php *value)
{
    struct sizes *z = ctx;
    struct fc_wp_php file;
    if (key->type == 's' && fc_wp_php_find(s, z->n, value, "file", &file) && file.type == 's' &&
        !memchr(s + file.start, '\n', file.len) && !memchr(s + key->start, ' ', key->len)) {
        fc_buf_add(&z->b, s + key->start, key->len);
        fc_buf_putc(&z->b, ' ');
        fc_buf_add(&z->b, s + file.start, file.len);
        fc_buf_putc(&z->b, '\n');
    }
}

/* _wp_attachment_metadata's sizes as "name file" lines. */
static const char *sizes_of(struct wxr_reader *r, const char *md)
{
    static const char *const key[] = {"sizes"};
    struct fc_wp_php v;
    if (!md || !fc_wp_php_get(md, strlen(md), key, 1, &v) || v.type != 'a')
        return NULL;
    struct sizes z = {{0}, md, strlen(md)};
    fc_buf_init(&z.b);
    fc_wp_php_each(md, z.n, &v, size_fn, &z);
    const char *out = z.b.len ? fc_strdup(r->maps, z.b.data, z.b.len) : NULL;
    if (z.b.oom || (z.b.len && !out))
        fc_sticky_nomem(&r->s);
    fc_buf_free(&z.b);
    return out;
}

/* A URL the export writes from the site root ("/wp-content/...") on the
 * site's URL, as the importer does. */
static const char *site_url(struct wxr_reader *r, const char *u)
{
    const char *base = r->base_blog ? r->base_blog : r->feed->home_url;
    if (!u || u[0] != '/' || u[1] == '/' || !base)
        return u;
    size_t bn = strlen(base);
    while (bn && base[bn - 1] == '/')
        bn--;
    char *o = fc_alloc(r->maps, bn + strlen(u) + 1);
    if (!o) {
        fc_sticky_nomem(&r->s);
        return u;
    }
    memcpy(o, base, bn);
    memcpy(o + bn, u, strlen(u) + 1);
    return o;
}

static void attachment(struct wxr_reader *r, const struct wxr_item *it, int64_t id)
{
    if (!GROW(r, r->atts, r->natts, r->capatts)) {
        fc_sticky_nomem(&r->s);
        return;
    }
    struct fc_wp_attachment *a = &r->atts[r->natts++];
    memset(a, 0, sizeof *a);
    a->id = id;
    a->parent = fc_wxr_int(r, it->f[WF_POST_PARENT], &r->s);
    a->menu_order = (int)fc_wxr_int(r, it->f[WF_MENU_ORDER], &r->s);
    a->url = site_url(r, text(r, it->f[WF_ATTACHMENT_URL]));
    if (!a->url)
        a->url = text(r, it->f[WF_GUID]);
    a->link = text(r, it->f[WF_LINK]);
    a->title = text(r, it->f[WF_TITLE]);
    a->caption = fc_wxr_text(r, r->maps, it->f[WF_EXCERPT], true, &r->s);
    a->alt = meta(r, it->node, "_wp_attachment_image_alt");
    a->sizes = sizes_of(r, meta(r, it->node, "_wp_attachment_metadata"));
    a->mime = fc_wp_mime(a->url);
}

/* The nav_menu category of a menu item: its menu's slug. */
static const char *menu_of(struct wxr_reader *r, const xmlNode *item)
{
    for (xmlNode *c = fc_xml_first(item); c; c = fc_xml_next(c)) {
        if (!fc_wxr_is(c, WXR_NONE, "category"))
            continue;
        const char *d = fc_xml_attr(r->maps, c, NULL, "domain", &r->s);
        if (d && strcmp(d, "nav_menu") == 0)
            return fc_wp_urldecode(r->maps, fc_xml_attr(r->maps, c, NULL, "nicename", &r->s));
    }
    return NULL;
}

/* A serialised array that holds a non-empty string (menu classes). */
static bool php_nonempty(const char *v)
{
    for (const char *p = v; p && (p = strstr(p, "s:")) != NULL; p += 2)
        if (p[2] >= '1' && p[2] <= '9')
            return true;
    return false;
}

static void menu_item(struct wxr_reader *r, const struct wxr_item *it, int64_t id,
                      const char *status)
{
    if (strcmp(status, "draft") == 0 || meta(r, it->node, "_menu_item_orphaned"))
        return; /* not saved, or in no menu: WordPress shows neither */
    if (!GROW(r, r->menus, r->nmenus, r->capmenus)) {
        fc_sticky_nomem(&r->s);
        return;
    }
    struct wxr_menu *m = &r->menus[r->nmenus++];
    memset(m, 0, sizeof *m);
    m->id = id;
    m->line = fc_xml_line(it->node);
    m->order = (int)fc_wxr_int(r, it->f[WF_MENU_ORDER], &r->s);
    m->title = text(r, it->f[WF_TITLE]);
    m->menu = menu_of(r, it->node);
    m->type = meta(r, it->node, "_menu_item_type");
    m->object = meta(r, it->node, "_menu_item_object");
    m->url = meta(r, it->node, "_menu_item_url");
    const char *v = meta(r, it->node, "_menu_item_object_id");
    m->object_id = v && fc_parse_int(v, INT64_MIN, INT64_MAX, &m->object_id) ? m->object_id : 0;
    v = meta(r, it->node, "_menu_item_menu_item_parent");
    m->parent = v && fc_parse_int(v, INT64_MIN, INT64_MAX, &m->parent) ? m->parent : 0;
    const char *target = meta(r, it->node, "_menu_item_target");
    const char *xfn = meta(r, it->node, "_menu_item_xfn");
    const char *attr_title = text(r, it->f[WF_EXCERPT]);
    m->extras = (target && *target) || (xfn && *xfn) || attr_title ||
                php_nonempty(meta(r, it->node, "_menu_item_classes"));
    if (m->extras)
        r->menu_extras++;
}

static bool internal_type(const char *t)
{
    static const char *const types[] = {
        "revision",         "custom_css",       "customize_changeset", "oembed_cache",
        "user_request",     "wp_global_styles", "wp_navigation",       "wp_template",
        "wp_template_part", "wp_font_family",   "wp_font_face",        "wp_block",
    };
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (strcmp(t, types[i]) == 0)
            return true;
    return false;
}

static unsigned long newlines(const char *s, size_t n)
{
    unsigned long k = 0;
    for (const char *p = s; (p = memchr(p, '\n', n - (size_t)(p - s))) != NULL; p++)
        k++;
    return k;
}

static void spool_write(struct wxr_reader *r, const char *p, size_t n)
{
    if (fc_sticky_set(&r->s, fc_spool_write(r->spool, p, n, r->s.err)) == FC_OK)
        r->spool_lines += newlines(p, n);
}

/* The item into the spool, self-contained, and its record. */
static void spool_item(struct wxr_reader *r, xmlNode *node, int64_t id, bool block)
{
    if (!r->spool) {
        if (fc_sticky_set(&r->s, fc_spool_open(&r->spool, r->s.err)) != FC_OK ||
            fc_sticky_set(&r->s, fc_xr_doctype(&r->x, &r->prologue)) != FC_OK)
            return;
        r->spool_lines = 1;
        spool_write(r, r->prologue.data ? r->prologue.data : "", r->prologue.len);
        spool_write(r, "<fc-spool>\n", 11);
    }
    if (!GROW(r, r->recs, r->nrecs, r->caprecs)) {
        fc_sticky_nomem(&r->s);
        return;
    }
    fc_buf_reset(&r->dump);
    unsigned long line = fc_xml_line(node);
    if (fc_sticky_set(&r->s, fc_xml_dump(node, &r->dump)) != FC_OK)
        return;
    struct wxr_rec *rec = &r->recs[r->nrecs++];
    *rec = (struct wxr_rec){id,   fc_spool_size(r->spool), (uint32_t)r->dump.len, block,
                            line, r->spool_lines};
    spool_write(r, r->dump.data, r->dump.len);
    spool_write(r, "\n", 1);
}

/* One item of the first pass. */
static void first_item(struct wxr_reader *r, xmlNode *node)
{
    struct wxr_item it;
    fc_wxr_classify(&it, node);
    const char *type = text(r, it.f[WF_POST_TYPE]);
    const char *status = text(r, it.f[WF_STATUS]);
    int64_t id = fc_wxr_int(r, it.f[WF_POST_ID], &r->s);
    if (!fc_sticky_ok(&r->s))
        return;
    if (!type)
        type = "post";
    if (!status)
        status = "";
    if (!strcmp(type, "attachment")) {
        attachment(r, &it, id);
    } else if (!strcmp(type, "nav_menu_item")) {
        menu_item(r, &it, id, status);
    } else if (internal_type(type)) {
        if (!strcmp(type, "wp_block")) /* kept for core/block references */
            spool_item(r, node, id, true);
        const char *what = fc_strdup(r->maps, type, (size_t)-1);
        if (what)
            fc_wxr_count(r, what);
        else
            fc_sticky_nomem(&r->s);
    } else if (!strcmp(status, "auto-draft")) { /* an editor's unsaved page */
        fc_wxr_count(r, "auto-draft");
    } else if (!strcmp(status, "trash")) {
        r->trashed++;
    } else {
        if (!r->major)
            fc_sticky_fail(&r->s, FC_EFORMAT, fc_xml_line(node), 0,
                           "no wp:wxr_version before the first item: not a WordPress export");
        else if (!r->declared_authors && r->major == 1 && r->minor == 0 && it.f[WF_CREATOR])
            creator_author(r, it.f[WF_CREATOR]);
        spool_item(r, node, id, false);
    }
}

/* ---- look-ups in the spool ----------------------------------------------------- */

static int id_cmp(const void *a, const void *b)
{
    const struct wxr_id *x = a, *y = b;
    if (x->id != y->id)
        return x->id < y->id ? -1 : 1;
    return x->i < y->i ? -1 : x->i > y->i;
}

const struct wxr_rec *fc_wxr_rec(const struct wxr_reader *r, int64_t id)
{
    size_t lo = 0, hi = r->nrecs;
    while (lo < hi) { /* the first record with that id */
        size_t mid = lo + (hi - lo) / 2;
        if (r->by_id[mid].id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return r->by_id && lo < r->nrecs && r->by_id[lo].id == id ? &r->recs[r->by_id[lo].i] : NULL;
}

unsigned long fc_wxr_line(const struct wxr_rec *rec, const xmlNode *n)
{
    unsigned long l = n ? fc_xml_line(n) : 0;
    return l >= rec->spool_line ? rec->line + (l - rec->spool_line) : rec->line;
}

/* Options for reading the spool back: its XML is ours (well-formed, no
 * repairs), bigger than the input when text was escaped, and its
 * warnings were raised when the input was read. */
static struct fc_options spool_options(const struct wxr_reader *r)
{
    struct fc_options o;
    fc_options_copy(&o, r->s.opt);
    o.warn = NULL;
    o.flags &= ~(unsigned)FC_OPT_STRICT;
    o.max_input = (size_t)-1;
    return o;
}

/* What a look-up reads of a spooled item (copies in the arena given). */
struct wxr_brief {
    const char *guid, *link, *title, *content, *type;
    bool html_title;
};

static void fetch(struct wxr_reader *r, const struct wxr_rec *rec, struct fc_arena *a,
                  struct wxr_brief *b, struct fc_sticky *s)
{
    memset(b, 0, sizeof *b);
    size_t n = r->prologue.len + rec->len;
    char *buf = malloc(n ? n : 1);
    struct fc_input *in = NULL;
    struct fc_options o = spool_options(r);
    struct fc_xr x;
    bool open = false, more = false;
    memset(&x, 0, sizeof x);
    if (!buf) {
        fc_sticky_nomem(s);
        return;
    }
    memcpy(buf, r->prologue.data ? r->prologue.data : "", r->prologue.len);
    if (fc_sticky_set(s, fc_spool_read(r->spool, rec->off, buf + r->prologue.len, rec->len,
                                       s->err)) != FC_OK ||
        fc_sticky_set(s, fc_input_open_memory(buf, n, r->file, &in, s->err)) != FC_OK)
        goto out;
    open = fc_sticky_set(s, fc_xr_open(&x, in, &o, s->err)) == FC_OK;
    while (open && fc_sticky_set(s, fc_xr_read(&x, &more, s->err)) == FC_OK && more &&
           fc_xr_type(&x) != XML_READER_TYPE_ELEMENT)
        ;
    xmlNode *node;
    if (open && more && fc_sticky_set(s, fc_xr_expand(&x, &node, s->err)) == FC_OK) {
        struct wxr_item it;
        fc_wxr_classify(&it, node);
        b->guid = fc_wxr_text(r, a, it.f[WF_GUID], true, s);
        b->link = fc_wxr_text(r, a, it.f[WF_LINK], true, s);
        b->title = fc_wxr_text(r, a, it.f[WF_TITLE], true, s);
        b->content = fc_wxr_text(r, a, it.f[WF_CONTENT], false, s);
        b->type = fc_wxr_text(r, a, it.f[WF_POST_TYPE], true, s);
        b->html_title = it.f[WF_MODIFIED] != NULL; /* 5.7+ writes the raw title */
    }
out:
    fc_xr_close(&x);
    fc_input_close(in);
    free(buf);
}

const char *fc_wxr_query_url(const struct wxr_reader *r, struct fc_arena *a, const char *type,
                             int64_t id, struct fc_sticky *s)
{
    const char *base = r->base_blog ? r->base_blog : r->feed->home_url;
    const char *key = type && !strcmp(type, "page") ? "page_id" : "p";
    char tmp[64];
    if (!base)
        return NULL;
    size_t bn = strlen(base);
    while (bn && base[bn - 1] == '/')
        bn--;
    snprintf(tmp, sizeof tmp, "/?%s=%lld", key, (long long)id);
    char *u = fc_alloc(a, bn + strlen(tmp) + 1);
    if (!u) {
        fc_sticky_nomem(s);
        return NULL;
    }
    memcpy(u, base, bn);
    memcpy(u + bn, tmp, strlen(tmp) + 1);
    return u;
}

const char *fc_wxr_guid_of(struct wxr_reader *r, int64_t id, struct fc_sticky *s)
{
    const struct wxr_rec *rec = fc_wxr_rec(r, id);
    if (!rec)
        return NULL;
    size_t i = (size_t)(rec - r->recs);
    if (r->rec_guid && r->rec_guid[i])
        return r->rec_guid[i];
    if (!r->rec_guid && !(r->rec_guid = calloc(r->nrecs, sizeof *r->rec_guid))) {
        fc_sticky_nomem(s);
        return NULL;
    }
    struct wxr_brief b;
    fetch(r, rec, r->maps, &b, s);
    const char *g = fc_wxr_post_id(b.guid, b.link, NULL);
    if (!g) /* the "?p=" address only when it is the one */
        g = fc_wxr_query_url(r, r->maps, b.type, id, s);
    if (!fc_sticky_ok(s))
        return NULL;
    return r->rec_guid[i] = g;
}

/* ---- the site the bodies see ------------------------------------------------------ */

static const struct fc_wp_attachment *site_attachment(void *ctx, int64_t id)
{
    const struct wxr_reader *r = ctx;
    size_t lo = 0, hi = r->natts;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (r->atts[mid].id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < r->natts && r->atts[lo].id == id ? &r->atts[lo] : NULL;
}

static size_t site_children(void *ctx, int64_t parent, const struct fc_wp_attachment **out,
                            size_t cap)
{
    const struct wxr_reader *r = ctx;
    size_t lo = 0, hi = r->natts;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (r->kids[mid]->parent < parent)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t n = 0;
    for (size_t i = lo; i < r->natts && r->kids[i]->parent == parent; i++, n++)
        if (n < cap)
            out[n] = r->kids[i];
    return n;
}

static const char *site_block(void *ctx, int64_t id, struct fc_arena *a, struct fc_sticky *st)
{
    struct wxr_reader *r = ctx;
    const struct wxr_rec *rec = fc_wxr_rec(r, id);
    struct wxr_brief b;
    if (!rec || !rec->block)
        return NULL;
    fetch(r, rec, a, &b, st);
    return b.content ? b.content : "";
}

static int att_cmp(const void *a, const void *b)
{
    const struct fc_wp_attachment *x = a, *y = b;
    return x->id < y->id ? -1 : x->id > y->id;
}

static int kid_cmp(const void *a, const void *b)
{
    const struct fc_wp_attachment *x = *(const struct fc_wp_attachment *const *)a;
    const struct fc_wp_attachment *y = *(const struct fc_wp_attachment *const *)b;
    if (x->parent != y->parent)
        return x->parent < y->parent ? -1 : 1;
    if (x->menu_order != y->menu_order)
        return x->menu_order < y->menu_order ? -1 : 1;
    return x->id < y->id ? -1 : x->id > y->id;
}

static void index_maps(struct wxr_reader *r)
{
    if (r->natts) {
        qsort(r->atts, r->natts, sizeof *r->atts, att_cmp);
        if (!(r->kids = malloc(r->natts * sizeof *r->kids))) {
            fc_sticky_nomem(&r->s);
            return;
        }
        for (size_t i = 0; i < r->natts; i++)
            r->kids[i] = &r->atts[i];
        qsort(r->kids, r->natts, sizeof *r->kids, kid_cmp);
    }
    if (r->nrecs) {
        if (!(r->by_id = malloc(r->nrecs * sizeof *r->by_id))) {
            fc_sticky_nomem(&r->s);
            return;
        }
        for (size_t i = 0; i < r->nrecs; i++)
            r->by_id[i] = (struct wxr_id){r->recs[i].id, i};
        qsort(r->by_id, r->nrecs, sizeof *r->by_id, id_cmp);
    }
}

/* ---- menus -------------------------------------------------------------------------- */

static const char *id_str(struct fc_arena *a, int64_t id)
{
    char tmp[32];
    snprintf(tmp, sizeof tmp, "%lld", (long long)id);
    return fc_strdup(a, tmp, (size_t)-1);
}

/* A term's address with WordPress's default bases: /category/slug/,
 * /tag/slug/, /TAXONOMY/slug/ (the bases are options, not exported). */
static const char *term_url(struct wxr_reader *r, const struct wxr_term *t)
{
    const char *base = r->base_blog ? r->base_blog : r->feed->home_url;
    const char *tax = !strcmp(t->taxonomy, "category")   ? "category"
                      : !strcmp(t->taxonomy, "post_tag") ? "tag"
                                                         : t->taxonomy;
    struct fc_buf b;
    if (!base || !t->slug)
        return NULL;
    fc_buf_init(&b);
    size_t bn = strlen(base);
    while (bn && base[bn - 1] == '/')
        bn--;
    fc_buf_add(&b, base, bn);
    fc_buf_printf(&b, "/%s/%s/", tax, t->slug);
    const char *u = b.oom ? NULL : fc_strdup(r->feed->arena, b.data, b.len);
    fc_buf_free(&b);
    return u;
}

/* A menu item's target: its address, id and title (for an empty label). */
static void menu_target(struct wxr_reader *r, const struct wxr_menu *m, struct fc_menu_item *mi)
{
    struct fc_arena *a = r->feed->arena;
    const char *type = m->type ? m->type : "custom";
    if (!strcmp(type, "post_type")) {
        const struct wxr_rec *rec = fc_wxr_rec(r, m->object_id);
        const struct fc_wp_attachment *att = rec ? NULL : site_attachment(r, m->object_id);
        struct wxr_brief b;
        if (rec) {
            fetch(r, rec, a, &b, &r->s);
            mi->url = b.link;
            mi->post_id = b.guid;
            if (!mi->name && b.title)
                mi->name = b.html_title ? fc_html_to_text(a, b.title) : b.title;
        } else if (att) {
            mi->url = att->link ? att->link : att->url;
            if (!mi->name)
                mi->name = att->title;
        } else {
            fc_sticky_warn(&r->s, m->line, 0,
                           "menu item %lld points to post %lld, which is not in the export",
                           (long long)m->id, (long long)m->object_id);
        }
    } else if (!strcmp(type, "taxonomy")) {
        const struct wxr_term *t = NULL;
        for (size_t i = 0; i < r->nterms && !t; i++)
            if (r->terms[i].term_id == m->object_id &&
                (!m->object || !strcmp(r->terms[i].taxonomy, m->object)))
                t = &r->terms[i];
        if (t) {
            mi->url = term_url(r, t);
            if (!mi->name)
                mi->name = t->name;
        } else {
            fc_sticky_warn(&r->s, m->line, 0,
                           "menu item %lld points to term %lld, which is not in the export",
                           (long long)m->id, (long long)m->object_id);
        }
    } else if (!strcmp(type, "post_type_archive") && m->object) {
        struct wxr_term t = {0, m->object, "", NULL, NULL, NULL};
        const char *u = term_url(r, &t); /* BASE/OBJECT//: trim the empty slug */
        if (u && strlen(u) > 2 && (mi->url = fc_strdup(a, u, strlen(u) - 1)) == NULL)
            fc_sticky_nomem(&r->s);
    } else {
        mi->url = m->url && *m->url ? m->url : NULL;
    }
}

static void resolve_menus(struct wxr_reader *r)
{
    struct fc_feed *f = r->feed;
    for (size_t i = 0; i < r->nmenus && fc_sticky_ok(&r->s); i++) {
        const struct wxr_menu *m = &r->menus[i];
        if (!m->menu) {
            fc_sticky_warn(&r->s, m->line, 0, "menu item %lld is in no menu; left out",
                           (long long)m->id);
            continue;
        }
        struct fc_menu_item *mi = fc_list_add(f->arena, &f->menus, sizeof *mi);
        if (!mi) {
            fc_sticky_nomem(&r->s);
            return;
        }
        mi->menu = fc_strdup(f->arena, m->menu, (size_t)-1);
        mi->id = id_str(f->arena, m->id);
        mi->parent_id = m->parent ? id_str(f->arena, m->parent) : NULL;
        mi->weight = m->order;
        mi->name = m->title ? fc_strdup(f->arena, m->title, (size_t)-1) : NULL;
        if (!mi->menu || !mi->id || (m->parent && !mi->parent_id) || (m->title && !mi->name)) {
            fc_sticky_nomem(&r->s);
            return;
        }
        menu_target(r, m, mi);
        if (mi->url && !(mi->url = fc_strdup(f->arena, mi->url, (size_t)-1)))
            fc_sticky_nomem(&r->s);
        if (mi->name && !(mi->name = fc_strdup(f->arena, mi->name, (size_t)-1)))
            fc_sticky_nomem(&r->s);
        if (!mi->name && fc_sticky_ok(&r->s))
            fc_sticky_warn(&r->s, m->line, 0, "menu item %lld has no label", (long long)m->id);
    }
}

/* ---- the passes ------------------------------------------------------------------------ */

static bool cursor_read(struct wxr_reader *r, struct fc_xr *x, bool *more)
{
    if (!fc_sticky_ok(&r->s))
        return false;
    return fc_sticky_set(&r->s, fc_xr_read(x, more, r->s.err)) == FC_OK;
}

static void first_pass(struct wxr_reader *r)
{
    struct fc_xr *x = &r->x;
    bool more = false, root = false, channel = false;
    unsigned long root_line = 0;
    cursor_read(r, x, &more);
    while (more && fc_sticky_ok(&r->s)) {
        int depth = fc_xr_depth(x);
        xmlNode *n;
        if (fc_xr_type(x) != XML_READER_TYPE_ELEMENT) {
            cursor_read(r, x, &more);
        } else if (!root) {
            root = true;
            root_line = fc_xr_line(x);
            if (!fc_xr_is(x, NULL, "rss"))
                fc_sticky_fail(&r->s, FC_EFORMAT, root_line, 0,
                               "root element <%s> is not <rss>: not a WordPress export",
                               fc_xr_name(x) ? fc_xr_name(x) : "?");
            cursor_read(r, x, &more);
        } else if (depth == 1 && !channel && fc_xr_is(x, NULL, "channel")) {
            channel = true;
            cursor_read(r, x, &more);
        } else if (fc_sticky_set(&r->s, fc_xr_expand(x, &n, r->s.err)) == FC_OK) {
            if (fc_wxr_is(n, WXR_NONE, "item"))
                first_item(r, n);
            else if (depth == 2 && channel)
                channel_child(r, n);
            else
                keep_ext(r, n);
            if (fc_sticky_ok(&r->s))
                fc_sticky_set(&r->s, fc_xr_next(x, &more, r->s.err));
        }
    }
    if (!fc_sticky_ok(&r->s))
        return;
    if (!root)
        fc_sticky_fail(&r->s, FC_EPARSE, 1, 1, "no XML element in the input");
    else if (!channel)
        fc_sticky_fail(&r->s, FC_EFORMAT, root_line, 0, "no <channel>: not a WordPress export");
    else if (!r->major)
        fc_sticky_fail(&r->s, FC_EFORMAT, root_line, 0,
                       "no wp:wxr_version: not a WordPress export (read it as rss?)");
}

/*
 * A post on its way out: its content rendered as WordPress shows it (the
 * costly part: shortcodes, blocks, wpautop), then the post handed on.
 * With fc_options.jobs the rendering runs on the reader's pool (jobs.c),
 * its warnings kept with the post and given when the post goes on; without,
 * the same steps run one after the other, so both say the same in the
 * same order.
 */
struct post_job {
    struct wxr_reader *r;
    struct fc_post *p;
    unsigned long line; /* the item's, for a failure without one */
    struct wxr_body body;
    struct fc_job_warnings warn;
    enum fc_status st;
    struct fc_error err;
};

/* Failures that belong to one item (see rss_read.c). */
static bool item_skippable(const struct wxr_reader *r, enum fc_status st)
{
    return r->s.opt && (r->s.opt->flags & FC_OPT_KEEP_GOING) &&
           (st == FC_ELIMIT || st == FC_EPARSE || st == FC_EFORMAT);
}

static void job_work(void *ctx, void *item)
{
    (void)ctx;
    struct post_job *j = item;
    struct fc_sticky s = {FC_OK, &j->warn.opt, &j->err, j->r->file};
    fc_wxr_render(j->r, &j->body, j->p, &s);
    j->st = s.st;
}

static enum fc_status job_deliver(void *ctx, void *item, struct fc_error *err)
{
    struct wxr_reader *r = ctx;
    struct post_job *j = item;
    if (!fc_job_warnings_give(&j->warn, r->s.opt) && !j->st)
        j->st = fc_nomem(&j->err);
    if (j->st) { /* as a failure of fc_wxr_post (post_item) */
        if (!j->err.file[0] && r->file)
            snprintf(j->err.file, sizeof j->err.file, "%s", r->file);
        if (!j->err.line)
            j->err.line = j->line;
        if (item_skippable(r, j->st))
            return fc_warn(r->s.opt, err, r->s.file, j->err.line, j->err.column, "item skipped: %s",
                           j->err.message);
        *err = j->err;
        return j->st;
    }
    return r->h->post ? r->h->post(r->h->ctx, r->feed, j->p, err) : FC_OK;
}

static void job_release(void *ctx, void *item)
{
    (void)ctx;
    struct post_job *j = item;
    fc_job_warnings_free(&j->warn);
    fc_post_free(j->p);
    free(j);
}

static const struct fc_jobs_ops job_ops = {job_work, job_deliver, job_release};

static void post_item(struct wxr_reader *r, const struct wxr_rec *rec, xmlNode *node)
{
    struct fc_error ierr;
    memset(&ierr, 0, sizeof ierr);
    struct fc_sticky s = {FC_OK, r->s.opt, &ierr, r->s.file};
    struct post_job *j = FC_JOB_NEW(struct post_job, warn);
    if (!j || !(j->p = fc_post_new())) {
        free(j);
        fc_sticky_nomem(&r->s);
        return;
    }
    j->r = r;
    j->line = rec->line;
    j->p->line = rec->line;
    struct wxr_item it;
    fc_wxr_classify(&it, node);
    fc_wxr_post(r, rec, &it, j->p, &j->body, &s);
    if (!fc_sticky_ok(&s)) {
        if (!ierr.file[0] && r->s.file)
            snprintf(ierr.file, sizeof ierr.file, "%s", r->s.file);
        if (!ierr.line)
            ierr.line = rec->line;
        if (item_skippable(r, s.st)) {
            fc_sticky_warn(&r->s, ierr.line, ierr.column, "item skipped: %s", ierr.message);
        } else {
            if (r->s.err)
                *r->s.err = ierr;
            fc_sticky_set(&r->s, s.st);
        }
        job_release(r, j);
        return;
    }
    fc_job_warnings_init(&j->warn, r->s.opt);
    fc_jobs_hand(r->jobs, &job_ops, r, j, &r->s);
}

static void second_pass(struct wxr_reader *r)
{
    struct fc_input *in = NULL;
    struct fc_options o = spool_options(r);
    struct fc_xr x;
    bool more = false, root = false, open = false;
    size_t k = 0;
    memset(&x, 0, sizeof x);
    spool_write(r, "</fc-spool>\n", 12);
    if (!fc_sticky_ok(&r->s) ||
        fc_sticky_set(&r->s, fc_spool_input(r->spool, r->file, &in, r->s.err)) != FC_OK)
        return;
    open = fc_sticky_set(&r->s, fc_xr_open(&x, in, &o, r->s.err)) == FC_OK;
    if (open)
        cursor_read(r, &x, &more);
    while (open && more && fc_sticky_ok(&r->s)) {
        xmlNode *n;
        if (fc_xr_type(&x) != XML_READER_TYPE_ELEMENT) {
            cursor_read(r, &x, &more);
        } else if (!root) {
            root = true;
            cursor_read(r, &x, &more);
        } else if (fc_sticky_set(&r->s, fc_xr_expand(&x, &n, r->s.err)) == FC_OK) {
            if (k < r->nrecs && !r->recs[k].block)
                post_item(r, &r->recs[k], n);
            k++;
            if (fc_sticky_ok(&r->s))
                fc_sticky_set(&r->s, fc_xr_next(&x, &more, r->s.err));
        }
    }
    fc_xr_close(&x);
    fc_input_close(in);
    if (r->jobs)
        fc_jobs_finish(r->jobs, &r->s);
}

/* What was left out, one warning each. */
static void first_pass_warnings(struct wxr_reader *r)
{
    if (r->nskipped) {
        struct fc_buf b;
        unsigned long total = 0;
        fc_buf_init(&b);
        for (size_t i = 0; i < r->nskipped; i++) {
            fc_buf_printf(&b, "%s%s %lu", i ? ", " : "", r->skipped[i].what, r->skipped[i].n);
            total += r->skipped[i].n;
        }
        fc_sticky_warn(&r->s, 0, 0, "%lu item%s of WordPress's own (no content) left out: %s",
                       total, total == 1 ? "" : "s", fc_buf_cstr(&b));
        fc_buf_free(&b);
    }
    if (r->trashed)
        fc_sticky_warn(&r->s, 0, 0, "%lu trashed item%s left out", r->trashed,
                       r->trashed == 1 ? "" : "s");
    if (r->menu_extras)
        fc_sticky_warn(&r->s, 0, 0,
                       "%lu menu item%s: link target, CSS classes, XFN or title attribute have no "
                       "place in the model; dropped",
                       r->menu_extras, r->menu_extras == 1 ? "" : "s");
}

static void reader_free(struct wxr_reader *r)
{
    fc_jobs_free(r->jobs);
    fc_spool_close(r->spool);
    fc_buf_free(&r->prologue);
    fc_buf_free(&r->dump);
    free(r->authors);
    free(r->terms);
    free(r->menus);
    free(r->atts);
    free(r->kids);
    free(r->recs);
    free(r->by_id);
    free(r->rec_guid);
    fc_arena_free(r->maps);
    fc_feed_free(r->feed);
}

enum fc_status fc_wxr_read(struct fc_input *in, struct fc_handler *out,
                           const struct fc_options *opt, struct fc_error *err)
{
    struct fc_options def;
    if (!opt) {
        fc_options_init(&def);
        opt = &def;
    }
    struct wxr_reader r;
    memset(&r, 0, sizeof r);
    r.h = out;
    r.file = fc_input_name(in);
    r.s = (struct fc_sticky){FC_OK, opt, err, r.file};
    r.keep_private = (opt->flags & FC_OPT_KEEP_PRIVATE) != 0;
    r.site = (struct fc_wp_site){&r, site_attachment, site_children, site_block};
    fc_buf_init(&r.prologue);
    fc_buf_init(&r.dump);
    if (!(r.feed = fc_feed_new()) || !(r.maps = fc_arena_new())) {
        reader_free(&r);
        return fc_nomem(err);
    }
    r.feed->is_site = 1;
    /* the contents rendered on threads: the reader warns through the pool */
    if (opt->jobs > 1 &&
        fc_sticky_set(&r.s, fc_jobs_new(opt->jobs, &job_ops, &r, opt, &r.jobs, err)) == FC_OK)
        r.s.opt = fc_jobs_options(r.jobs);
    fc_sticky_set(&r.s, fc_xr_open(&r.x, in, opt, err));
    first_pass(&r);
    fc_xr_close(&r.x); /* the input's parser is done with */
    if (fc_sticky_ok(&r.s)) {
        index_maps(&r);
        resolve_terms(&r);
        resolve_menus(&r);
        first_pass_warnings(&r);
    }
    if (fc_sticky_ok(&r.s) && r.h->begin)
        fc_sticky_set(&r.s, r.h->begin(r.h->ctx, r.feed, err));
    if (fc_sticky_ok(&r.s) && r.spool)
        second_pass(&r);
    if (fc_sticky_ok(&r.s) && r.comments_dropped)
        fc_sticky_warn(&r.s, 0, 0,
                       "%lu comment%s left out: not approved (pending, spam, trash) or not a "
                       "reader's (notes, plugin types)",
                       r.comments_dropped, r.comments_dropped == 1 ? "" : "s");
    if (fc_sticky_ok(&r.s) && r.h->end)
        fc_sticky_set(&r.s, r.h->end(r.h->ctx, r.feed, err));
    enum fc_status st = r.s.st;
    reader_free(&r);
    return st;
}
