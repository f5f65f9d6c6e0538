/*
 * markdown_write.c - the Markdown directory writer (see markdown.c for the
 * layouts and the key mapping): the driver of sites/site_write.h.  A
 * streaming handler: begin() notes the site's base URL, post() writes one
 * post (its file, the files beside it) atomically, pages wait for end(),
 * which writes them in their hierarchy, then the generator's own files,
 * the redirect map and the site's static files.
 */
#include "fetch.h"
#include "sites/site_write.h"
#include "syntax/json.h"
#include "syntax/toml.h"
#include "util/html2md.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The generators in enum fc_md_layout order. */
static const struct fc_sw_gen *const gens[] = {&fc_sw_plain, &fc_sw_hugo, &fc_sw_jekyll,
                                               &fc_sw_eleventy, &fc_sw_zola};

/* ---- the set of names already written ---------------------------------- */

static size_t name_hash(const char *s)
{
    size_t h = 1469598103934665603u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

bool fc_sw_name_taken(const struct fc_sw *w, const char *s)
{
    if (!w->used_cap)
        return false;
    for (size_t i = name_hash(s) & (w->used_cap - 1);; i = (i + 1) & (w->used_cap - 1)) {
        if (!w->used[i])
            return false;
        if (strcmp(w->used[i], s) == 0)
            return true;
    }
}

static void used_put_raw(char **tab, size_t cap, char *s)
{
    for (size_t i = name_hash(s) & (cap - 1);; i = (i + 1) & (cap - 1))
        if (!tab[i]) {
            tab[i] = s;
            return;
        }
}

bool fc_sw_name_take(struct fc_sw *w, const char *s)
{
    if (fc_sw_name_taken(w, s))
        return true;
    if ((w->used_n + 1) * 2 > w->used_cap) {
        size_t nc = w->used_cap ? w->used_cap * 2 : 64;
        char **nt = calloc(nc, sizeof *nt);
        if (!nt)
            return false;
        for (size_t i = 0; i < w->used_cap; i++)
            if (w->used[i])
                used_put_raw(nt, nc, w->used[i]);
        free(w->used);
        w->used = nt;
        w->used_cap = nc;
    }
    size_t n = strlen(s);
    char *copy = malloc(n + 1);
    if (!copy)
        return false;
    memcpy(copy, s, n + 1);
    used_put_raw(w->used, w->used_cap, copy);
    w->used_n++;
    return true;
}

/* ---- small shared helpers ------------------------------------------------ */

void fc_sw_write(struct fc_sw *w, struct fc_sticky *st, const char *rel, const void *p, size_t n)
{
    if (fc_sticky_ok(st))
        fc_sticky_set(st, fc_out_dir_write(w->base.out, rel, p, n, st->err));
}

void fc_sw_write_buf(struct fc_sw *w, struct fc_sticky *st, const char *rel, struct fc_buf *b)
{
    if (b->oom)
        fc_sticky_nomem(st);
    fc_sw_write(w, st, rel, b->data ? b->data : "", b->len);
}

const char *fc_sw_abs_url(const struct fc_sw *w, struct fc_arena *a, const char *path)
{
    if (!w->base_url || !path)
        return path;
    size_t bl = strlen(w->base_url);
    while (*path == '/')
        path++;
    size_t pl = strlen(path);
    char *s = fc_alloc(a, bl + pl + 1);
    if (s) {
        memcpy(s, w->base_url, bl);
        memcpy(s + bl, path, pl + 1);
    }
    return s;
}

static void tree_put(struct fc_extcodec_enc *x, struct fc_extcodec_out *o, const char *key,
                     json_t *v)
{
    if (!v || (key ? json_object_set_new(o->tree, key, v) : json_array_append_new(o->tree, v)))
        fc_sticky_nomem(x->st);
}

json_t *fc_sw_put_array(struct fc_extcodec_enc *x, struct fc_extcodec_out *o, const char *key)
{
    json_t *v = json_array();
    tree_put(x, o, key, json_incref(v));
    json_decref(v);
    return fc_sticky_ok(x->st) ? v : NULL;
}

json_t *fc_sw_put_object(struct fc_extcodec_enc *x, struct fc_extcodec_out *o, const char *key)
{
    json_t *v = json_object();
    tree_put(x, o, key, json_incref(v));
    json_decref(v);
    return fc_sticky_ok(x->st) ? v : NULL;
}

void fc_sw_put_bool(struct fc_extcodec_enc *x, struct fc_extcodec_out *o, const char *key, bool v)
{
    tree_put(x, o, key, json_boolean(v));
}

void fc_sw_put_int(struct fc_extcodec_enc *x, struct fc_extcodec_out *o, const char *key,
                   long long v)
{
    tree_put(x, o, key, json_integer((json_int_t)v));
}

const char *fc_sw_plain_text(struct fc_sticky *st, struct fc_arena *a, const struct fc_text *t,
                             bool *lossy)
{
    *lossy = false;
    if (!t->value || t->type == FC_TEXT)
        return t->value;
    char *s = fc_html_to_text(a, t->value);
    if (!s) {
        fc_sticky_nomem(st);
        return t->value;
    }
    *lossy = strcmp(s, t->value) != 0;
    return s;
}

const char *fc_sw_feed_author(const struct fc_feed *f)
{
    const struct fc_person *p = f->authors.first;
    if (p)
        return p->name ? p->name : p->email;
    return f->editor.name ? f->editor.name : f->editor.email;
}

/* ---- front matter as text ------------------------------------------------ */

void fc_sw_yaml_text(struct fc_sticky *st, const json_t *doc, struct fc_buf *out)
{
    if (fc_yaml_emit_json_quick(doc, out)) { /* libyaml's bytes, without libyaml */
        if (out->oom)
            fc_sticky_nomem(st);
        return;
    }
    struct fc_yaml_emitter m;
    if (!fc_yaml_emit_open(&m, out, false)) {
        fc_sticky_nomem(st);
        return;
    }
    fc_yaml_emit_json(&m, doc);
    if (!fc_yaml_emit_close(&m)) {
        if (m.oom)
            fc_sticky_nomem(st);
        else
            fc_sticky_fail(st, FC_EIO, 0, 0, "cannot write YAML: %s",
                           m.e.problem ? m.e.problem : "emitter error");
    }
}

void fc_sw_front_matter_text(struct fc_sticky *st, const json_t *fm, bool toml, struct fc_buf *out)
{
    if (toml) {
        fc_buf_puts(out, "+++\n");
        if (!fc_toml_emit(fm, out))
            fc_sticky_nomem(st);
        fc_buf_puts(out, "+++\n");
        return;
    }
    fc_buf_puts(out, "---\n");
    if (json_object_size(fm))
        fc_sw_yaml_text(st, fm, out);
    fc_buf_puts(out, "---\n");
}

/* ---- feedconv: what the front matter has no key for ------------------- */

static bool persons_have_more_than_names(const struct fc_list *l)
{
    for (const struct fc_person *p = l->first; p; p = p->next)
        if (!p->name || p->email || p->url || p->avatar)
            return true;
    return false;
}

static bool is_category_scheme(const char *s)
{
    return s && strcmp(s, "category") == 0;
}

static bool categories_need_full(const struct fc_list *l)
{
    for (const struct fc_tag *t = l->first; t; t = t->next)
        if (!t->term || t->label ||
            (t->scheme && !is_category_scheme(t->scheme) && strcmp(t->scheme, "post_tag") &&
             strcmp(t->scheme, "tag")))
            return true;
    return false;
}

static bool from_site(const struct fc_ext *e)
{
    return e->kind == FC_EXT_JSON && e->origin && strcmp(e->origin, FC_MD_ORIGIN) == 0;
}

/* A post's `feedconv:` mapping: the members of fc_md_post_x it has, with
 * this writer's own keys in their places (title_html and summary_type
 * before rights; body: text for a text body, whose text is the body;
 * notes of unparsable dates before exts) and without what the front
 * matter says already (authors with names only, plain categories, the
 * unknown keys read from a site). */
static json_t *post_feedconv(struct fc_extcodec_enc *x, struct fc_arena *a, const struct fc_post *p,
                             bool body_text)
{
    json_t *fc = json_object();
    if (!fc) {
        fc_sticky_nomem(x->st);
        return NULL;
    }
    struct fc_extcodec_out out = fc_extcodec_tree(fc), *o = &out;
    for (size_t i = 0; i < fc_md_post_x_len; i++) {
        enum fc_extcodec_member m = fc_md_post_x[i];
        bool lossy;
        char buf[FC_EXTCODEC_TIME_MAX];
        switch (m) {
        case FC_XM_RIGHTS:
            fc_sw_plain_text(x->st, a, &p->title, &lossy);
            if (lossy)
                fc_extcodec_put_str(x, o, "title_html", p->title.value);
            if (p->summary.value && p->summary.type != FC_TEXT)
                fc_extcodec_put_str(x, o, "summary_type",
                                    fc_extcodec_text_type_name(p->summary.type));
            break;
        case FC_XM_CONTENT_TEXT:
            if (body_text) {
                fc_extcodec_put_str(x, o, "body", "text");
                continue;
            }
            break;
        case FC_XM_AUTHORS:
            if (!persons_have_more_than_names(&p->authors))
                continue;
            break;
        case FC_XM_CATEGORIES:
            if (!categories_need_full(&p->categories))
                continue;
            break;
        case FC_XM_EXTS: /* notes: unparsable dates (date: holds parsed ones) */
            if (p->published.precision == FC_TIME_NONE)
                fc_extcodec_time(x, &p->published, "date", "published", buf);
            if (p->updated.precision == FC_TIME_NONE)
                fc_extcodec_time(x, &p->updated, "updated", "updated", buf);
            fc_extcodec_put_dates(x, o);
            fc_extcodec_put_exts(x, o, &p->exts, from_site);
            continue;
        default:
            break;
        }
        fc_extcodec_put_post(x, o, p, &m, 1);
    }
    return fc;
}

json_t *fc_sw_feed_feedconv(struct fc_extcodec_enc *x, struct fc_arena *a, const struct fc_feed *f,
                            enum fc_md_layout site)
{
    json_t *fc = json_object();
    if (!fc) {
        fc_sticky_nomem(x->st);
        return NULL;
    }
    struct fc_extcodec_out out = fc_extcodec_tree(fc), *o = &out;
    size_t hl = f->home_url ? strlen(f->home_url) : 0;
    for (size_t i = 0; i < fc_md_feed_x_len; i++) {
        enum fc_extcodec_member m = fc_md_feed_x[i];
        bool lossy;
        switch (m) {
        case FC_XM_FEED_URL:
            if (site == FC_MD_PLAIN)
                continue;
            break;
        case FC_XM_HOME_URL: /* hugo's baseURL gains a '/', jekyll's url + baseurl loses one */
            if (!hl ||
                !((site != FC_MD_PLAIN && site != FC_MD_JEKYLL && f->home_url[hl - 1] != '/') ||
                  (site == FC_MD_JEKYLL && f->home_url[hl - 1] == '/')))
                continue;
            break;
        case FC_XM_RIGHTS:
            fc_sw_plain_text(x->st, a, &f->title, &lossy);
            if (lossy)
                fc_extcodec_put_str(x, o, "title_html", f->title.value);
            fc_sw_plain_text(x->st, a, &f->subtitle, &lossy);
            if (lossy)
                fc_extcodec_put_str(x, o, "subtitle_html", f->subtitle.value);
            if (f->rights.type == FC_TEXT)
                continue;
            break;
        case FC_XM_AUTHORS:
            if (!persons_have_more_than_names(&f->authors) &&
                (site == FC_MD_PLAIN || f->authors.count <= 1))
                continue;
            break;
        case FC_XM_EXTS:
            fc_extcodec_put_dates(x, o);
            break;
        default:
            break;
        }
        fc_extcodec_put_feed(x, o, f, &m, 1);
    }
    return fc;
}

void fc_sw_put_names(struct fc_extcodec_enc *x, struct fc_extcodec_out *o, const char *key,
                     const struct fc_list *persons)
{
    if (!persons->count)
        return;
    struct fc_extcodec_out in = fc_extcodec_tree(fc_sw_put_array(x, o, key));
    if (!in.tree)
        return;
    for (const struct fc_person *p = persons->first; p; p = p->next)
        fc_extcodec_put_str(x, &in, NULL, p->name ? p->name : p->email ? p->email : p->url);
}

/* ---- file names ------------------------------------------------------- */

/* The last path segment of a URL, without an extension like .html; NULL
 * when the URL has a query (WordPress ?p=123) or no useful segment. */
static char *url_segment(struct fc_arena *a, const char *url)
{
    if (!url)
        return NULL;
    const char *p = strstr(url, "://");
    p = p ? strchr(p + 3, '/') : url;
    if (!p)
        return NULL;
    size_t end = strcspn(p, "?#");
    if (p[end] == '?')
        return NULL;
    while (end > 0 && p[end - 1] == '/')
        end--;
    size_t start = end;
    while (start > 0 && p[start - 1] != '/')
        start--;
    if (start == end)
        return NULL;
    char *seg = fc_strdup(a, p + start, end - start);
    if (!seg)
        return NULL;
    char *dot = strrchr(seg, '.');
    if (dot && (!strcmp(dot, ".html") || !strcmp(dot, ".htm") || !strcmp(dot, ".php") ||
                !strcmp(dot, ".aspx") || !strcmp(dot, ".md")))
        *dot = '\0';
    if (!*seg || !strcmp(seg, "index"))
        return NULL;
    return seg;
}

static const char *slug_source(struct fc_arena *a, const struct fc_post *p)
{
    if (p->slug && *p->slug)
        return p->slug;
    char *seg = url_segment(a, p->url);
    if (seg)
        return seg;
    if (p->title.value && *p->title.value)
        return p->title.value;
    return p->id;
}

/* Is slug one of the names the generator gives no file? */
static bool no_name(const struct fc_sw_gen *g, const char *slug)
{
    for (size_t i = 0; g->no_name && g->no_name[i]; i++)
        if (strcmp(g->no_name[i], slug) == 0)
            return true;
    return false;
}

static bool post_day(const struct fc_post *p, char day[16])
{
    const struct fc_time *t = p->published.precision != FC_TIME_NONE ? &p->published : &p->updated;
    if (t->precision == FC_TIME_NONE)
        return false;
    snprintf(day, 16, "%04d-%02d-%02d", t->year, t->month, t->day);
    return true;
}

/* A name (key) taken, and the slug it was made of: the first suffix not
 * yet tried for them.  Names are only ever taken, and the name for a
 * suffix depends only on the key's prefix and the slug, so a post whose
 * name and slug are those starts there: linear, where trying "-2",
 * "-3"... each time was quadratic in the posts sharing a title. */
struct slug_next {
    unsigned next;
    char key[]; /* name "\x1f" slug */
};

static struct slug_next *slug_memo(struct fc_sw *w, const char *name, const char *slug)
{
    size_t nl = strlen(name), sl = strlen(slug);
    char *k = malloc(nl + sl + 2);
    if (!k)
        return NULL;
    memcpy(k, name, nl);
    k[nl] = '\x1f';
    memcpy(k + nl + 1, slug, sl + 1);
    struct slug_next *m = fc_strmap_get(&w->slug_next, k);
    if (!m && (m = fc_alloc(w->arena, sizeof *m + nl + sl + 2)) != NULL) {
        m->next = 2;
        memcpy(m->key, k, nl + sl + 2);
        if (!fc_strmap_put(&w->slug_next, m->key, m))
            m = NULL;
    }
    free(k);
    return m;
}

/* Pick the post's unique name and let the generator place it. */
static void post_place(struct fc_sw_post *sp, const char *ext)
{
    struct fc_sticky *st = sp->st;
    struct fc_sw *w = sp->w;
    char *base = fc_slugify(sp->a, slug_source(sp->a, sp->p), FC_MD_SLUG_MAX);
    if (!base) {
        fc_sticky_nomem(st);
        return;
    }
    char day[16] = "";
    bool dated = post_day(sp->p, day);
    if (!dated && !sp->page && !sp->draft && w->site != FC_MD_PLAIN && w->site != FC_MD_HUGO) {
        /* Jekyll's posts are named by their date; Zola leaves an undated
         * page out of a section sorted by date; Eleventy takes the file's
         * time.  The feed's own date is the honest stand-in; 1970 only
         * when it has none either. */
        const struct fc_feed *f = w->feed;
        const struct fc_time *ft = !f                               ? NULL
                                   : fc_time_present(&f->updated)   ? &f->updated
                                   : fc_time_present(&f->published) ? &f->published
                                                                    : NULL;
        if (ft)
            snprintf(day, sizeof day, "%04d-%02d-%02d", ft->year, ft->month, ft->day);
        else
            memcpy(day, "1970-01-01", 11);
        fc_sticky_warn(st, 0, 0, "post '%s' has no date; %c%s needs one: using %s%s", base,
                       w->gen->name[0] - 'a' + 'A', w->gen->name + 1, ft ? "the feed's, " : "",
                       day);
    }
    struct fc_buf key;
    fc_buf_init(&key);
    const char *slug = base;
    struct slug_next *memo = NULL;
    unsigned n;
    for (n = 1; fc_sticky_ok(st); n++) {
        if (n > 1) {
            char suffix[16];
            snprintf(suffix, sizeof suffix, "-%u", n);
            size_t bl = strlen(base), sl = strlen(suffix);
            if (bl + sl > FC_MD_SLUG_MAX)
                bl = FC_MD_SLUG_MAX - sl;
            char *s = fc_alloc(sp->a, bl + sl + 1);
            if (!s) {
                fc_sticky_nomem(st);
                break;
            }
            memcpy(s, base, bl);
            memcpy(s + bl, suffix, sl + 1);
            slug = s;
        }
        fc_buf_reset(&key);
        w->gen->name_key(sp, slug, day, &key);
        if (key.oom)
            fc_sticky_nomem(st);
        else if (!fc_sw_name_taken(w, fc_buf_cstr(&key)) && !no_name(w->gen, slug))
            break;
        else if (n == 1 && !(memo = slug_memo(w, fc_buf_cstr(&key), base)))
            fc_sticky_nomem(st);
        else if (n == 1)
            n = memo->next - 1; /* the names before it are taken */
    }
    if (memo)
        memo->next = n + 1;
    if (fc_sticky_ok(st) && !fc_sw_name_take(w, fc_buf_cstr(&key)))
        fc_sticky_nomem(st);
    fc_buf_free(&key);
    if (!fc_sticky_ok(st))
        return;
    sp->slug = slug;
    if (sp->page) {
        char *pp = fc_alloc(sp->a, strlen(sp->page_parent) + strlen(slug) + 2);
        if (!pp) {
            fc_sticky_nomem(st);
            return;
        }
        snprintf(pp, strlen(sp->page_parent) + strlen(slug) + 2, "%s%s%s", sp->page_parent,
                 *sp->page_parent ? "/" : "", slug);
        sp->page_path = pp;
    }
    sp->write_slug = (sp->p->slug && *sp->p->slug) || slug != base || !sp->p->url;
    w->gen->place(sp, day, ext);
    if (sp->rel.oom)
        fc_sticky_nomem(st);
}

/* ---- the front matter ---------------------------------------------------- */

static void put_terms(struct fc_extcodec_enc *x, struct fc_extcodec_out *o, const char *key,
                      const struct fc_list *tags, bool categories)
{
    size_t n = 0;
    for (const struct fc_tag *t = tags->first; t; t = t->next)
        if (t->term && is_category_scheme(t->scheme) == categories)
            n++;
    if (!n)
        return;
    struct fc_extcodec_out in = fc_extcodec_tree(fc_sw_put_array(x, o, key));
    for (const struct fc_tag *t = tags->first; t && in.tree; t = t->next)
        if (t->term && is_category_scheme(t->scheme) == categories)
            fc_extcodec_put_str(x, &in, NULL, t->term);
}

/* A time as RFC 3339: as written, or (full) with seconds and an offset
 * always, a date at midnight UTC (Eleventy and Zola want that). */
static void put_time(struct fc_extcodec_enc *x, struct fc_extcodec_out *o, const char *key,
                     const struct fc_time *t, bool full)
{
    char buf[48];
    struct fc_time f = *t;
    if (t->precision == FC_TIME_NONE)
        return;
    if (full) {
        if (f.precision < FC_TIME_DATE)
            f.month = f.month ? f.month : 1, f.day = f.day ? f.day : 1;
        if (f.precision < FC_TIME_SECOND)
            f.precision = FC_TIME_SECOND;
        if (f.zone == FC_ZONE_NONE && t->precision <= FC_TIME_DATE)
            f.zone = FC_ZONE_Z, f.offset = 0;
    }
    if (fc_time_rfc3339(&f, buf, sizeof buf))
        fc_extcodec_put_str(x, o, key, buf);
}

/* May an unknown key read from a site come back under its name?  Not
 * the ones the model says already, nor those the target generator
 * publishes by (a Hugo url: would move the post), nor a Jekyll layout
 * the written site does not have. */
static bool keep_key(const struct fc_sw_gen *g, const char *k, const char *value)
{
    static const char *const modelled[] = {"draft", "aliases", "redirect_from", NULL};
    static const char *const layouts[] = {"\"post\"", "\"page\"", "\"default\"", "\"home\"", NULL};
    for (size_t i = 0; modelled[i]; i++)
        if (strcmp(modelled[i], k) == 0)
            return false;
    for (size_t i = 0; g->owned && g->owned[i]; i++)
        if (strcmp(g->owned[i], k) == 0)
            return false;
    if (g == &fc_sw_jekyll && strcmp(k, "layout") == 0) {
        for (size_t i = 0; value && layouts[i]; i++)
            if (strcmp(layouts[i], value) == 0)
                return true;
        return false;
    }
    return true;
}

static void front_matter(struct fc_sw_post *sp, struct fc_extcodec_enc *x)
{
    struct fc_sticky *st = sp->st;
    const struct fc_post *p = sp->p;
    const struct fc_sw_gen *g = sp->w->gen;
    bool full = sp->w->site == FC_MD_ELEVENTY || sp->w->site == FC_MD_ZOLA;
    if (!(sp->fm = json_object())) {
        fc_sticky_nomem(st);
        return;
    }
    struct fc_extcodec_out out = fc_extcodec_tree(sp->fm), *o = &out;
    bool lossy;
    fc_extcodec_put_str(x, o, "title", fc_sw_plain_text(st, sp->a, &p->title, &lossy));
    put_time(x, o, "date", &p->published, full);
    put_time(x, o, g->updated_key, &p->updated, full);
    if (sp->draft && (sp->page || sp->w->site != FC_MD_JEKYLL))
        fc_sw_put_bool(x, o, sp->w->site == FC_MD_JEKYLL ? "published" : "draft",
                       sp->w->site == FC_MD_JEKYLL ? false : true);
    if (sp->write_slug && !sp->page)
        fc_extcodec_put_str(x, o, "slug", sp->slug);
    fc_sw_put_names(x, o, "authors", &p->authors);
    put_terms(x, o, "tags", &p->categories, false);
    put_terms(x, o, "categories", &p->categories, true);
    fc_extcodec_put_str(x, o, g->summary_key, p->summary.value);
    if (g->alias_key && sp->n_aliases) {
        struct fc_extcodec_out in = fc_extcodec_tree(fc_sw_put_array(x, o, g->alias_key));
        for (size_t i = 0; i < sp->n_aliases && in.tree; i++)
            fc_extcodec_put_str(x, &in, NULL, sp->aliases[i]);
    }
    fc_extcodec_put_str(x, o, "guid", p->id);
    static const enum fc_extcodec_member episode[] = {FC_XM_EPISODE};
    fc_extcodec_put_post(x, o, p, episode, 1);
    if (g->keys_early)
        g->keys_early(sp, x, o);
    /* unknown keys read from a site, back under their own names */
    for (const struct fc_ext *e = p->exts.first; e && fc_sticky_ok(st); e = e->next) {
        if (!from_site(e) || !e->name || json_object_get(sp->fm, e->name) ||
            fc_md_known_key(e->name) || !keep_key(g, e->name, e->value))
            continue;
        json_t *v = e->value ? fc_extcodec_json_value(x, e->value) : json_null();
        tree_put(x, o, e->name, v ? v : json_string(e->value));
    }
    json_t *fc = post_feedconv(x, sp->a, p, sp->body_text);
    if (json_object_size(fc))
        tree_put(x, o, FC_MD_KEY, json_incref(fc));
    json_decref(fc);
    if (g->keys_late)
        g->keys_late(sp);
}

/* ---- one post ------------------------------------------------------------ */

static bool is_page(const struct fc_sw *w, const struct fc_post *p)
{
    return w->site != FC_MD_PLAIN && p->kind && strcmp(p->kind, "page") == 0;
}

/* The site's base URL and its parts, from the feed's home page. */
static void site_base(struct fc_sw *w, struct fc_sticky *st, const struct fc_feed *f)
{
    w->begun = true;
    w->feed = f;
    w->sub_path = "/";
    if (f->time_zone && !(w->time_zone = fc_strdup(w->arena, f->time_zone, (size_t)-1)))
        fc_sticky_nomem(st);
    if (f->site_root && !(w->site_root = fc_strdup(w->arena, f->site_root, (size_t)-1)))
        fc_sticky_nomem(st);
    const char *u = f->home_url;
    const char *s = u ? strstr(u, "://") : NULL;
    if (!s || strcspn(u, "?#") < strlen(u))
        return;
    const char *slash = strchr(s + 3, '/');
    size_t ol = slash ? (size_t)(slash - u) : strlen(u);
    const char *path = slash ? slash : "/";
    size_t pl = strlen(path);
    const char *last = strrchr(path, '/');
    if (strchr(last, '.')) /* ".../index.html": the site is its directory */
        pl = (size_t)(last - path) + 1;
    char *origin = fc_strdup(w->arena, u, ol);
    char *sub = fc_alloc(w->arena, pl + 2);
    char *base = fc_alloc(w->arena, ol + pl + 2);
    if (!origin || !sub || !base) {
        fc_sticky_nomem(st);
        return;
    }
    memcpy(sub, path, pl);
    sub[pl] = '\0';
    if (sub[pl - 1] != '/')
        memcpy(sub + pl, "/", 2);
    memcpy(base, u, ol);
    memcpy(base + ol, sub, strlen(sub) + 1);
    w->origin = origin;
    w->sub_path = sub;
    w->base_url = base;
}

/* A body made ahead (fc_writer.prepare): the Markdown of html, or the
 * failure, as fc_html_to_markdown gives them. */
struct body_ahead {
    const char *html; /* the post's, which post_body converts when it is left as it is */
    enum fc_status st;
    struct fc_error err;
    struct fc_buf md;
};

static void *body_prepare(const struct fc_writer *w, const struct fc_post *p)
{
    (void)w;
    if (!p->content_html)
        return NULL;
    struct body_ahead *b = malloc(sizeof *b);
    if (!b)
        return NULL; /* post_body converts it then */
    b->html = p->content_html;
    b->err = (struct fc_error){0};
    fc_buf_init(&b->md);
    b->st = fc_html_to_markdown(b->html, strlen(b->html), &b->md, &b->err);
    return b;
}

static void body_free(void *r)
{
    struct body_ahead *b = r;
    fc_buf_free(&b->md);
    free(b);
}

/* html as Markdown appended to sp->body: made ahead when it could be (the
 * post's images and resources left the HTML as it was), else now. */
static void body_markdown(struct fc_sw_post *sp, const char *html)
{
    const struct body_ahead *b = sp->w->base.prepared;
    if (!b || (html != b->html && strcmp(html, b->html) != 0)) {
        fc_sticky_set(sp->st, fc_html_to_markdown(html, strlen(html), &sp->body, sp->st->err));
    } else if (b->st) {
        *sp->st->err = b->err;
        fc_sticky_set(sp->st, b->st);
    } else {
        fc_buf_add(&sp->body, b->md.data, b->md.len);
        if (b->md.oom)
            fc_sticky_nomem(sp->st);
    }
}

/* The post's body as the generator will read it. */
static void post_body(struct fc_sw_post *sp)
{
    const struct fc_post *p = sp->p;
    const char *html = fc_sw_images_html(sp, fc_sw_resource_html(sp, p->content_html));
    if (html) {
        if (sp->w->body_html)
            fc_buf_puts(&sp->body, html);
        else
            body_markdown(sp, html);
    } else if (p->content_text) {
        sp->body_text = true;
        fc_buf_puts(&sp->body, p->content_text);
    }
    if (sp->body.oom)
        fc_sticky_nomem(sp->st);
    if (strstr(fc_buf_cstr(&sp->body), "<!--more-->"))
        sp->w->has_more = true;
}

/* A body Markdown cannot hold (HTML nested deeper than libxml2's parser
 * goes): the error, naming the post; with FC_OPT_KEEP_GOING a warning,
 * and true: the post is skipped. */
static bool body_failed(struct fc_sw_post *sp)
{
    struct fc_sticky *st = sp->st;
    if (st->st != FC_ELIMIT)
        return false;
    char what[sizeof st->err->message];
    snprintf(what, sizeof what, "%s", st->err->message);
    char where[48] = "";
    if (sp->p->line)
        snprintf(where, sizeof where, " (line %lu of the input)", sp->p->line);
    const char *rel = fc_buf_cstr(&sp->rel);
    if (!(sp->w->base.opt.flags & FC_OPT_KEEP_GOING)) {
        fc_fail(st->err, FC_ELIMIT, st->file, 0, 0, "post '%s'%s: %s", rel, where, what);
        return false;
    }
    st->st = FC_OK;
    fc_sticky_warn(st, 0, 0, "post '%s'%s: %s; skipped", rel, where, what);
    return fc_sticky_ok(st);
}

static enum fc_status write_post(struct fc_sw *w, struct fc_post *p, const char *parent, bool index,
                                 const char **page_path, struct fc_error *err)
{
    struct fc_sticky st = fc_writer_sticky(&w->base, err);
    struct fc_arena *a = fc_arena_new();
    if (!a)
        return fc_nomem(err);
    struct fc_sw_post sp = {.w = w, .st = &st, .a = a, .p = p};
    sp.page = parent != NULL;
    sp.page_parent = parent;
    sp.index = index;
    /* Hugo and Zola publish a bundle's files beside its page */
    sp.bundle =
        (w->site == FC_MD_HUGO || w->site == FC_MD_ZOLA) &&
        ((!sp.page && w->bundles) || (sp.page && w->site == FC_MD_HUGO && (index || w->bundles)));
    sp.draft = p->draft != 0;
    fc_buf_init(&sp.rel);
    fc_buf_init(&sp.body);
    struct fc_buf file;
    fc_buf_init(&file);
    sp.image = p->image;
    /* placed first: the images of a bundle go beside its file */
    post_place(&sp, w->body_html && p->content_html ? ".html" : ".md");
    if (fc_sticky_ok(&st))
        post_body(&sp);
    if (body_failed(&sp))
        goto placed;
    if (fc_sticky_ok(&st))
        fc_sw_addresses(&sp, w->keep_urls && !sp.draft);
    if (fc_sticky_ok(&st) && w->gen->body)
        w->gen->body(&sp);
    if (fc_sticky_ok(&st)) {
        struct fc_extcodec_enc x;
        fc_extcodec_enc_init(&x, &st, fc_buf_cstr(&sp.rel));
        front_matter(&sp, &x);
        fc_extcodec_enc_free(&x);
    }
    if (fc_sticky_ok(&st))
        fc_sw_front_matter_text(&st, sp.fm, w->gen->toml, &file);
    if (sp.body.len) {
        fc_buf_putc(&file, '\n');
        fc_buf_add(&file, sp.body.data, sp.body.len);
        if (sp.body.data[sp.body.len - 1] != '\n')
            fc_buf_putc(&file, '\n');
    }
    if (fc_sticky_ok(&st))
        fc_sw_write_buf(w, &st, fc_buf_cstr(&sp.rel), &file);
    if (fc_sticky_ok(&st) && w->feed)
        fc_sw_note_url(&sp, w->feed);
    if (fc_sticky_ok(&st) && w->gen->post_files)
        w->gen->post_files(&sp);
    if (fc_sticky_ok(&st))
        fc_sw_resource_copy(&sp);
    if (fc_sticky_ok(&st) && !sp.page && !sp.draft)
        w->n_posts++;
    if (p->comments.count)
        w->has_comments = true;
placed: /* a skipped page's pages still go below its path */
    if (fc_sticky_ok(&st) && page_path &&
        !(*page_path = fc_strdup(w->arena, sp.page_path ? sp.page_path : "", (size_t)-1)))
        fc_sticky_nomem(&st);
    json_decref(sp.fm);
    fc_buf_free(&file);
    fc_buf_free(&sp.body);
    fc_buf_free(&sp.rel);
    fc_arena_free(a);
    return st.st;
}

static enum fc_status wr_begin(void *ctx, struct fc_feed *feed, struct fc_error *err)
{
    struct fc_sw *w = ctx;
    struct fc_sticky st = fc_writer_sticky(&w->base, err);
    site_base(w, &st, feed);
    return st.st;
}

static enum fc_status wr_post(void *ctx, struct fc_feed *feed, struct fc_post *p,
                              struct fc_error *err)
{
    struct fc_sw *w = ctx;
    if (!w->begun) {
        enum fc_status st = wr_begin(w, feed, err);
        if (st)
            return st;
    }
    if (!is_page(w, p))
        return write_post(w, p, NULL, false, NULL, err);
    /* pages wait for their parents, with their bodies made ahead */
    if (w->n_pages == w->cap_pages) {
        size_t nc = w->cap_pages ? w->cap_pages * 2 : 16;
        struct fc_post **np = realloc(w->pages, nc * sizeof *np);
        if (!np)
            return fc_nomem(err);
        w->pages = np;
        void **nb = realloc(w->page_bodies, nc * sizeof *nb);
        if (!nb)
            return fc_nomem(err);
        w->page_bodies = nb;
        w->cap_pages = nc;
    }
    w->page_bodies[w->n_pages] = w->base.prepared;
    w->base.prepared = NULL;
    w->pages[w->n_pages++] = fc_post_ref(p);
    return FC_OK;
}

/* ---- pages in their hierarchy ------------------------------------------- */

/*
 * Pages are written parents first: by depth (how many ancestors, n_pages
 * for a page whose parents loop), in the order they came within a depth,
 * each below its parent's path.  Maps keep it linear in the number of
 * pages (an export may hold thousands): ids -> the first page with it,
 * the ids pages name as their parent, ids -> the path written.
 */
struct page_order {
    struct fc_strmap by_id, parents;
    size_t *depth; /* SIZE_MAX: not known yet */
};

/* The index of the first page with id (stored + 1), SIZE_MAX: none. */
static size_t page_index(const struct page_order *po, const char *id)
{
    uintptr_t v = id ? (uintptr_t)fc_strmap_get(&po->by_id, id) : 0;
    return v ? (size_t)v - 1 : SIZE_MAX;
}

/* The depth of every page; stack: room for n_pages indices. */
static void page_depths(const struct fc_sw *w, struct page_order *po, size_t *stack)
{
    size_t n = w->n_pages;
    for (size_t i = 0; i < n; i++) {
        size_t top = 0, k = i, d;
        /* up to a page whose depth is known, the top, or a loop */
        while (k != SIZE_MAX && po->depth[k] == SIZE_MAX) {
            po->depth[k] = SIZE_MAX - 1; /* on the way */
            stack[top++] = k;
            k = page_index(po, w->pages[k]->parent_id);
        }
        if (k == SIZE_MAX)
            d = 0;
        else if (po->depth[k] == SIZE_MAX - 1)
            d = n; /* a loop: as many as the walk up allowed */
        else
            d = po->depth[k] + 1 > n ? n : po->depth[k] + 1;
        while (top) {
            size_t j = stack[--top];
            po->depth[j] = d;
            d = d + 1 > n ? n : d + 1;
        }
    }
}

/* A page's place in the writing order: by depth, then by arrival (a
 * total order, so qsort keeps the pages' order within a depth). */
struct page_rank {
    size_t depth, i;
};

static int rank_cmp(const void *a, const void *b)
{
    const struct page_rank *x = a, *y = b;
    if (x->depth != y->depth)
        return x->depth < y->depth ? -1 : 1;
    return x->i < y->i ? -1 : x->i > y->i;
}

/* Write page p below its parent's path; remember its own. */
static enum fc_status write_page(struct fc_sw *w, struct page_order *po, struct fc_strmap *paths,
                                 struct fc_post *p, struct fc_error *err)
{
    const char *parent = p->parent_id ? fc_strmap_get(paths, p->parent_id) : NULL, *path = NULL;
    bool index = p->id && fc_strmap_get(&po->parents, p->id);
    enum fc_status s = write_post(w, p, parent ? parent : "", index, &path, err);
    if (s || !p->id)
        return s;
    /* "" for none: its children go to the top, as with no parent */
    const char *id = fc_strdup(w->arena, p->id, (size_t)-1);
    return id && fc_strmap_add(paths, id, (void *)(path ? path : "")) ? FC_OK : fc_nomem(err);
}

static enum fc_status write_pages(struct fc_sw *w, struct fc_error *err)
{
    size_t n = w->n_pages;
    if (!n)
        return FC_OK;
    struct page_order po = {0};
    struct fc_strmap paths = {0};
    size_t *stack = malloc(n * sizeof *stack);
    struct page_rank *order = malloc(n * sizeof *order);
    po.depth = malloc(n * sizeof *po.depth);
    enum fc_status s = stack && order && po.depth ? FC_OK : fc_nomem(err);
    for (size_t i = 0; i < n && !s; i++) {
        po.depth[i] = SIZE_MAX;
        const struct fc_post *pg = w->pages[i];
        if ((pg->id && !fc_strmap_add(&po.by_id, pg->id, (void *)(uintptr_t)(i + 1))) ||
            (pg->parent_id && !fc_strmap_add(&po.parents, pg->parent_id, (void *)pg)))
            s = fc_nomem(err);
    }
    if (!s) {
        page_depths(w, &po, stack);
        for (size_t i = 0; i < n; i++)
            order[i] = (struct page_rank){po.depth[i], i};
        qsort(order, n, sizeof *order, rank_cmp);
    }
    for (size_t k = 0; k < n && !s; k++) {
        size_t i = order[k].i;
        w->base.prepared = w->page_bodies[i];
        s = write_page(w, &po, &paths, w->pages[i], err);
        w->base.prepared = NULL;
    }
    fc_strmap_free(&po.by_id);
    fc_strmap_free(&po.parents);
    fc_strmap_free(&paths);
    free(po.depth);
    free(order);
    free(stack);
    return s;
}

/* ---- the end --------------------------------------------------------------- */

/* The site's static files, at the place its generator publishes them. */
static void static_files(struct fc_sw *w, struct fc_sticky *st, const struct fc_feed *f)
{
    struct fc_buf rel;
    fc_buf_init(&rel);
    for (const struct fc_resource *r = f->files.first; r && fc_sticky_ok(st); r = r->next) {
        if (!r->path || !r->url)
            continue;
        fc_buf_reset(&rel);
        const char *u = r->url;
        while (*u == '/')
            u++;
        fc_buf_printf(&rel, "%s%s", fc_sw_static_dir(w), u);
        if (rel.oom)
            fc_sticky_nomem(st);
        else
            fc_sw_copy(w, st, fc_buf_cstr(&rel), r->path);
    }
    fc_buf_free(&rel);
}

static enum fc_status wr_end(void *ctx, struct fc_feed *f, struct fc_error *err)
{
    struct fc_sw *w = ctx;
    struct fc_sticky st = fc_writer_sticky(&w->base, err);
    if (!w->begun)
        site_base(w, &st, f);
    if (fc_sticky_ok(&st))
        fc_sticky_set(&st, write_pages(w, err));
    if (fc_sticky_ok(&st) && w->site_root)
        static_files(w, &st, f);
    if (fc_sticky_ok(&st))
        w->gen->site_files(w, &st, f);
    if (fc_sticky_ok(&st))
        fc_sw_map_write(w, &st, fc_sw_static_dir(w));
    if (fc_sticky_ok(&st))
        fc_sticky_set(&st, fc_sw_images_end(w, err));
    return st.st;
}

static void wr_destroy(void *ctx)
{
    struct fc_sw *w = ctx;
    for (size_t i = 0; i < w->used_cap; i++)
        free(w->used[i]);
    free(w->used);
    for (size_t i = 0; i < w->n_pages; i++) {
        fc_post_free(w->pages[i]);
        if (w->page_bodies[i])
            body_free(w->page_bodies[i]);
    }
    free(w->pages);
    free(w->page_bodies);
    for (size_t i = 0; i < w->n_map; i++) {
        free(w->map[i].from);
        free(w->map[i].to);
    }
    free(w->map);
    fc_strmap_free(&w->map_from);
    fc_strmap_free(&w->slug_next);
    free(w->id_urls);
    fc_fetch_free(w->fetch);
    fc_buf_free(&w->tops);
    fc_arena_free(w->arena);
    free(w);
}

enum fc_status fc_md_open_writer(struct fc_output *out, const struct fc_options *opt,
                                 struct fc_handler **writer, struct fc_error *err)
{
    struct fc_sw *w = calloc(1, sizeof *w);
    if (w && !(w->arena = fc_arena_new())) {
        free(w);
        w = NULL;
    }
    if (w) {
        w->site = fc_md_layout_named(fc_options_get(opt, "markdown", "site"));
        w->gen = gens[w->site];
        /* pages at the top do not take the names of the site's own parts */
        struct fc_buf key;
        fc_buf_init(&key);
        for (size_t i = 0; w->gen->reserved && w->gen->reserved[i]; i++) {
            struct fc_sw_post sp = {.w = w, .page = true, .page_parent = ""};
            fc_buf_reset(&key);
            w->gen->name_key(&sp, w->gen->reserved[i], "", &key);
            if (key.oom || !fc_sw_name_take(w, fc_buf_cstr(&key)))
                key.oom = true;
        }
        if (key.oom) {
            fc_buf_free(&key);
            wr_destroy(w);
            return fc_writer_open(NULL, "markdown", true, out, opt, writer, err);
        }
        fc_buf_free(&key);
        w->bundles = fc_options_bool(opt, "markdown", "bundles");
        w->keep_urls = fc_options_bool(opt, "markdown", "keep-urls");
        w->fetch_images = fc_options_bool(opt, "markdown", "fetch-images");
        w->body_html = strcmp(fc_options_get(opt, "markdown", "body"), "html") == 0;
        if (w->body_html && w->site == FC_MD_ZOLA) {
            /* Zola's pages are the .md files of content/; any other file
             * there is an asset: .html posts would publish nothing */
            wr_destroy(w);
            *writer = NULL;
            return fc_fail(err, FC_EUSAGE, NULL, 0, 0,
                           "--body html: Zola publishes only .md files of content/ as pages; "
                           "a Zola site takes Markdown bodies");
        }
        w->base.h = (struct fc_handler){w, wr_begin, wr_post, wr_end, wr_destroy};
        if (!w->body_html) {
            w->base.prepare = body_prepare;
            w->base.prepared_free = body_free;
        }
    }
    return fc_writer_open(w, "markdown", true, out, opt, writer, err);
}
