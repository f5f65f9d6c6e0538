/*
 * markdown_write.c - the Markdown directory writer (see markdown.c for the
 * layouts and the key mapping).  A streaming handler: begin() keeps the
 * feed, post() writes one file atomically, end() writes the layout's
 * configuration with the feed metadata.
 */
#include "formats/markdown.h"
#include "util/html2md.h"

#include <stdlib.h>
#include <string.h>

struct wr {
    struct fc_output *out;
    const struct fc_options *opt;
    enum fc_site site;
    unsigned flags;
    char **used; /* open-addressing set of taken names (lookups only) */
    size_t used_cap, used_n;
    struct fc_handler h;
};

/* ---- the set of names already written ---------------------------------- */

static size_t name_hash(const char *s)
{
    size_t h = 1469598103934665603u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

static bool used_has(const struct wr *w, const char *s)
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

static bool used_put_raw(char **tab, size_t cap, char *s)
{
    for (size_t i = name_hash(s) & (cap - 1);; i = (i + 1) & (cap - 1))
        if (!tab[i]) {
            tab[i] = s;
            return true;
        }
}

static bool used_add(struct wr *w, const char *s)
{
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

/* ---- JSON for the feedconv mapping -------------------------------------- */

/* Builds JSON and remembers whether any allocation failed on the way, so
 * that a value is never silently missing. */
struct jb {
    bool oom;
};

static json_t *jv(struct jb *jb, json_t *v)
{
    if (!v)
        jb->oom = true;
    return v;
}

static json_t *jobj(struct jb *jb)
{
    return jv(jb, json_object());
}

static json_t *jarr(struct jb *jb)
{
    return jv(jb, json_array());
}

static void jput(struct jb *jb, json_t *o, const char *key, json_t *v)
{
    if (!o || !v || json_object_set_new(o, key, v) != 0) {
        jb->oom = true;
        if (!o)
            json_decref(v);
    }
}

static void jpush(struct jb *jb, json_t *a, json_t *v)
{
    if (!a || !v || json_array_append_new(a, v) != 0) {
        jb->oom = true;
        if (!a)
            json_decref(v);
    }
}

static bool jstr(struct jb *jb, json_t *o, const char *key, const char *s)
{
    if (!s)
        return true;
    jput(jb, o, key, jv(jb, json_string(s)));
    return !jb->oom;
}

static json_t *person_json(struct jb *jb, const struct fc_person *p)
{
    json_t *o = jobj(jb);
    if (o && (!jstr(jb, o, "name", p->name) || !jstr(jb, o, "email", p->email) ||
              !jstr(jb, o, "url", p->url) || !jstr(jb, o, "avatar", p->avatar))) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *persons_json(struct jb *jb, const struct fc_list *l)
{
    json_t *a = jarr(jb);
    for (const struct fc_person *p = l->first; a && p; p = p->next)
        jpush(jb, a, person_json(jb, p));
    return a;
}

static json_t *time_json(struct jb *jb, const struct fc_time *t)
{
    char buf[48];
    if (t->raw)
        return jv(jb, json_string(t->raw));
    if (!fc_time_rfc3339(t, buf, sizeof buf))
        return NULL;
    return jv(jb, json_string(buf));
}

static json_t *text_json(struct jb *jb, const struct fc_text *t)
{
    static const char *const types[] = {"text", "html", "xhtml"};
    return jv(jb, json_pack("{s:s, s:s}", "type", types[t->type <= FC_XHTML ? t->type : 0], "value",
                            t->value));
}

static json_t *ext_json(struct jb *jb, const struct fc_ext *e)
{
    if (e->kind == FC_EXT_JSON) {
        json_error_t je;
        json_t *v = e->value ? json_loads(e->value, JSON_DECODE_ANY, &je) : json_null();
        if (!v && json_error_code(&je) == json_error_out_of_memory)
            jb->oom = true;
        json_t *o = jobj(jb);
        if (!o)
            return NULL;
        jput(jb, o, "kind", jv(jb, json_string("json")));
        jstr(jb, o, "name", e->name);
        jstr(jb, o, "origin", e->origin);
        if (v)
            jput(jb, o, "value", v);
        else
            jstr(jb, o, "text", e->value);
        return o;
    }
    if (!e->name) /* an XML text node */
        return jv(jb, json_string(e->value ? e->value : ""));
    json_t *o = jobj(jb);
    if (!o)
        return NULL;
    jstr(jb, o, "name", e->name);
    jstr(jb, o, "ns", e->ns);
    jstr(jb, o, "prefix", e->prefix);
    jstr(jb, o, "value", e->value);
    jstr(jb, o, "origin", e->origin);
    if (e->attrs.count) {
        json_t *a = jarr(jb);
        for (const struct fc_attr *at = e->attrs.first; a && at; at = at->next) {
            json_t *x = jobj(jb);
            if (!x)
                break;
            jstr(jb, x, "name", at->name);
            jstr(jb, x, "ns", at->ns);
            jstr(jb, x, "prefix", at->prefix);
            jstr(jb, x, "value", at->value);
            jpush(jb, a, x);
        }
        jput(jb, o, "attrs", a);
    }
    if (e->children.count) {
        json_t *a = jarr(jb);
        for (const struct fc_ext *k = e->children.first; a && k; k = k->next)
            jpush(jb, a, ext_json(jb, k));
        jput(jb, o, "children", a);
    }
    return o;
}

/* Exts the front matter cannot hold as keys of their own. */
static json_t *exts_json(struct jb *jb, const struct fc_list *l, bool skip_md_json)
{
    json_t *a = jarr(jb);
    for (const struct fc_ext *e = l->first; a && e; e = e->next) {
        if (skip_md_json && e->kind == FC_EXT_JSON && e->origin &&
            strcmp(e->origin, FC_MD_ORIGIN) == 0)
            continue;
        jpush(jb, a, ext_json(jb, e));
    }
    return a;
}

static void jset(struct jb *jb, json_t *o, const char *key, json_t *v)
{
    if (!v)
        return;
    if ((json_is_array(v) && json_array_size(v) == 0) ||
        (json_is_object(v) && json_object_size(v) == 0)) {
        json_decref(v);
        return;
    }
    jput(jb, o, key, v);
}

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

static json_t *categories_json(struct jb *jb, const struct fc_list *l)
{
    json_t *a = jarr(jb);
    for (const struct fc_tag *t = l->first; a && t; t = t->next) {
        json_t *o = jobj(jb);
        if (!o)
            break;
        jstr(jb, o, "term", t->term);
        jstr(jb, o, "scheme", t->scheme);
        jstr(jb, o, "label", t->label);
        jpush(jb, a, o);
    }
    return a;
}

static json_t *links_json(struct jb *jb, const struct fc_list *l)
{
    json_t *a = jarr(jb);
    for (const struct fc_link *k = l->first; a && k; k = k->next) {
        json_t *o = jobj(jb);
        if (!o)
            break;
        jstr(jb, o, "href", k->href);
        jstr(jb, o, "rel", k->rel);
        jstr(jb, o, "type", k->type);
        jstr(jb, o, "hreflang", k->hreflang);
        jstr(jb, o, "title", k->title);
        if (k->length >= 0)
            jput(jb, o, "length", jv(jb, json_integer(k->length)));
        jpush(jb, a, o);
    }
    return a;
}

static void fields_json(struct jb *jb, json_t *o, const void *obj, const struct fc_md_field *f)
{
    for (; f->key; f++)
        jstr(jb, o, f->key, *(const char *const *)((const char *)obj + f->offset));
}

/* Plain text for a title or description; the HTML original when it says
 * more than the text. */
static const char *plain_text(struct fc_arena *a, const struct fc_text *t, bool *lossy)
{
    *lossy = false;
    if (!t->value || t->type == FC_TEXT)
        return t->value;
    char *s = fc_html_to_text(a, t->value);
    *lossy = !s || strcmp(s, t->value) != 0;
    return s ? s : t->value;
}

static json_t *post_feedconv(struct jb *jb, struct fc_arena *a, const struct fc_post *p,
                             bool body_text)
{
    json_t *o = jobj(jb);
    if (!o)
        return NULL;
    fields_json(jb, o, p, fc_md_post_fields);
    if (p->id_is_permalink >= 0)
        jput(jb, o, "id_is_permalink", jv(jb, json_boolean(p->id_is_permalink)));
    if (p->comment_count >= 0)
        jput(jb, o, "comment_count", jv(jb, json_integer(p->comment_count)));
    bool lossy;
    plain_text(a, &p->title, &lossy);
    if (lossy)
        jstr(jb, o, "title_html", p->title.value);
    if (p->summary.value && p->summary.type != FC_TEXT)
        jstr(jb, o, "summary_type", p->summary.type == FC_XHTML ? "xhtml" : "html");
    if (p->rights.value)
        jset(jb, o, "rights", text_json(jb, &p->rights));
    if (body_text)
        jstr(jb, o, "body", "text");
    else if (p->content_text)
        jstr(jb, o, "content_text", p->content_text);
    if (persons_have_more_than_names(&p->authors))
        jset(jb, o, "authors", persons_json(jb, &p->authors));
    jset(jb, o, "contributors", persons_json(jb, &p->contributors));
    if (categories_need_full(&p->categories))
        jset(jb, o, "categories", categories_json(jb, &p->categories));
    json_t *att = jarr(jb);
    for (const struct fc_media *m = p->attachments.first; att && m; m = m->next) {
        json_t *x = jobj(jb);
        if (!x)
            break;
        jstr(jb, x, "url", m->url);
        jstr(jb, x, "type", m->type);
        if (m->length >= 0)
            jput(jb, x, "length", jv(jb, json_integer(m->length)));
        jstr(jb, x, "title", m->title);
        if (m->duration >= 0)
            jput(jb, x, "duration", jv(jb, json_real(m->duration)));
        jpush(jb, att, x);
    }
    jset(jb, o, "attachments", att);
    jset(jb, o, "links", links_json(jb, &p->links));
    if (p->source) {
        json_t *s = jobj(jb);
        if (s) {
            jstr(jb, s, "title", p->source->title);
            jstr(jb, s, "url", p->source->url);
            jstr(jb, s, "home_url", p->source->home_url);
            jstr(jb, s, "id", p->source->id);
            if (fc_time_present(&p->source->updated))
                jset(jb, s, "updated", time_json(jb, &p->source->updated));
        }
        jset(jb, o, "source", s);
    }
    if (p->published.raw)
        jstr(jb, o, "published_raw", p->published.raw);
    if (p->updated.raw)
        jstr(jb, o, "updated_raw", p->updated.raw);
    jset(jb, o, "exts", exts_json(jb, &p->exts, true));
    return o;
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

static bool post_day(const struct fc_post *p, char day[16])
{
    const struct fc_time *t = p->published.precision != FC_TIME_NONE ? &p->published : &p->updated;
    if (t->precision == FC_TIME_NONE)
        return false;
    snprintf(day, 16, "%04d-%02d-%02d", t->year, t->month, t->day);
    return true;
}

/* ---- the post file ----------------------------------------------------- */

static void emit_names(struct fc_yaml_emitter *m, const char *key, const struct fc_list *persons)
{
    if (!persons->count)
        return;
    fc_yaml_emit_plain(m, key);
    fc_yaml_emit_seq(m, false);
    for (const struct fc_person *p = persons->first; p; p = p->next)
        fc_yaml_emit_str(m, p->name ? p->name : p->email ? p->email : p->url);
    fc_yaml_emit_end_seq(m);
}

static void emit_terms(struct fc_yaml_emitter *m, const char *key, const struct fc_list *tags,
                       bool categories)
{
    size_t n = 0;
    for (const struct fc_tag *t = tags->first; t; t = t->next)
        if (t->term && is_category_scheme(t->scheme) == categories)
            n++;
    if (!n)
        return;
    fc_yaml_emit_plain(m, key);
    fc_yaml_emit_seq(m, false);
    for (const struct fc_tag *t = tags->first; t; t = t->next)
        if (t->term && is_category_scheme(t->scheme) == categories)
            fc_yaml_emit_str(m, t->term);
    fc_yaml_emit_end_seq(m);
}

static void emit_time(struct fc_yaml_emitter *m, const char *key, const struct fc_time *t)
{
    char buf[48];
    if (t->precision != FC_TIME_NONE && fc_time_rfc3339(t, buf, sizeof buf))
        fc_yaml_emit_kv(m, key, buf);
}

/* Old links as site paths: aliases / redirect_from. */
static void emit_aliases(struct fc_yaml_emitter *m, struct fc_arena *a, const char *key,
                         const struct fc_post *p)
{
    const char *path = NULL;
    size_t plen = 0;
    if (p->url) {
        const char *s = strstr(p->url, "://");
        s = s ? strchr(s + 3, '/') : NULL;
        if (s) {
            plen = strcspn(s, "#");
            if (plen > 1) /* not just "/" */
                path = s;
        }
    }
    const struct fc_ext *extra = NULL;
    for (const struct fc_ext *e = p->exts.first; e; e = e->next)
        if (e->kind == FC_EXT_JSON && e->origin && !strcmp(e->origin, FC_MD_ORIGIN) && e->name &&
            (!strcmp(e->name, "aliases") || !strcmp(e->name, "redirect_from")))
            extra = e;
    json_t *more = NULL;
    if (extra && extra->value)
        more = json_loads(extra->value, JSON_DECODE_ANY, NULL);
    if (!path && !json_is_array(more)) {
        json_decref(more);
        return;
    }
    fc_yaml_emit_plain(m, key);
    fc_yaml_emit_seq(m, false);
    char *pathz = path ? fc_strdup(a, path, plen) : NULL;
    if (pathz)
        fc_yaml_emit_str(m, pathz);
    size_t i;
    json_t *x;
    json_array_foreach(more, i, x)
    {
        if (json_is_string(x) && (!pathz || strcmp(json_string_value(x), pathz)))
            fc_yaml_emit_str(m, json_string_value(x));
    }
    fc_yaml_emit_end_seq(m);
    json_decref(more);
}

static bool key_written(const char *const *keys, size_t n, const char *k)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(keys[i], k) == 0)
            return true;
    return false;
}

static enum fc_status front_matter(struct wr *w, struct fc_arena *a, const struct fc_post *p,
                                   const char *slug, bool write_slug, bool body_text, bool more,
                                   struct fc_buf *out, struct fc_error *err)
{
    struct fc_yaml_emitter m;
    const char *written[32];
    size_t nw = 0;
#define KEY(k) (written[nw < 32 ? nw++ : 31] = (k))
    if (!fc_yaml_emit_open(&m, out, true))
        return fc_nomem(err);
    fc_yaml_emit_map(&m);
    bool lossy;
    const char *title = plain_text(a, &p->title, &lossy);
    if (title)
        fc_yaml_emit_kv(&m, KEY("title"), title);
    emit_time(&m, KEY("date"), &p->published);
    const char *upd = w->site == FC_SITE_HUGO     ? "lastmod"
                      : w->site == FC_SITE_JEKYLL ? "last_modified_at"
                                                  : "updated";
    emit_time(&m, KEY(upd), &p->updated);
    if (p->draft && w->site != FC_SITE_JEKYLL) {
        fc_yaml_emit_plain(&m, KEY("draft"));
        fc_yaml_emit_plain(&m, "true");
    }
    /* the file name says it; an explicit or de-duplicated slug is kept */
    if (write_slug)
        fc_yaml_emit_kv(&m, KEY("slug"), slug);
    else
        KEY("slug");
    emit_names(&m, KEY("authors"), &p->authors);
    emit_terms(&m, KEY("tags"), &p->categories, false);
    emit_terms(&m, KEY("categories"), &p->categories, true);
    fc_yaml_emit_kv(&m, KEY(w->site == FC_SITE_JEKYLL ? "excerpt" : "summary"), p->summary.value);
    if (w->site != FC_SITE_PLAIN)
        emit_aliases(&m, a, KEY(w->site == FC_SITE_HUGO ? "aliases" : "redirect_from"), p);
    KEY("aliases");
    KEY("redirect_from");
    fc_yaml_emit_kv(&m, KEY("guid"), p->id);
    if (p->image) {
        if (w->site == FC_SITE_HUGO) {
            fc_yaml_emit_plain(&m, KEY("images"));
            fc_yaml_emit_seq(&m, false);
            fc_yaml_emit_str(&m, p->image);
            fc_yaml_emit_end_seq(&m);
        } else {
            fc_yaml_emit_kv(&m, KEY("image"), p->image);
        }
    }
    if (w->site == FC_SITE_JEKYLL) {
        fc_yaml_emit_plain(&m, KEY("render_with_liquid"));
        fc_yaml_emit_plain(&m, "false");
        if (more)
            fc_yaml_emit_kv(&m, KEY("excerpt_separator"), "<!--more-->");
    }
    KEY(FC_MD_KEY);
    /* unknown keys read from a site, back under their own names */
    for (const struct fc_ext *e = p->exts.first; e; e = e->next) {
        if (e->kind != FC_EXT_JSON || !e->origin || strcmp(e->origin, FC_MD_ORIGIN) || !e->name ||
            key_written(written, nw, e->name) || fc_md_known_key(e->name))
            continue;
        json_error_t je;
        json_t *v = json_loads(e->value ? e->value : "null", JSON_DECODE_ANY, &je);
        if (!v && json_error_code(&je) == json_error_out_of_memory) {
            fc_yaml_emit_close(&m);
            return fc_nomem(err);
        }
        fc_yaml_emit_key(&m, e->name);
        if (v)
            fc_yaml_emit_json(&m, v);
        else
            fc_yaml_emit_str(&m, e->value);
        json_decref(v);
    }
#undef KEY
    struct jb jb = {false};
    json_t *fc = post_feedconv(&jb, a, p, body_text);
    if (jb.oom || !fc) {
        json_decref(fc);
        fc_yaml_emit_close(&m);
        return fc_nomem(err);
    }
    if (json_object_size(fc)) {
        fc_yaml_emit_plain(&m, FC_MD_KEY);
        fc_yaml_emit_json(&m, fc);
    }
    json_decref(fc);
    fc_yaml_emit_end_map(&m);
    if (!fc_yaml_emit_close(&m))
        return m.oom ? fc_nomem(err)
                     : fc_fail(err, FC_EIO, fc_out_name(w->out), 0, 0,
                               "cannot write front matter: %s",
                               m.e.problem ? m.e.problem : "YAML emitter error");
    fc_buf_puts(out, "---\n");
    return FC_OK;
}

/* Pick the file for a post: layout directory, date prefix, unique slug. */
static enum fc_status post_path(struct wr *w, struct fc_arena *a, const struct fc_post *p,
                                const char *ext, struct fc_buf *rel, const char **slug_out,
                                bool *renamed, struct fc_error *err)
{
    char *base = fc_slugify(a, slug_source(a, p), FC_MD_SLUG_MAX);
    if (!base)
        return fc_nomem(err);
    char day[16] = "";
    bool dated = post_day(p, day);
    if (w->site == FC_SITE_JEKYLL && !p->draft && !dated) {
        enum fc_status st =
            fc_warn(w->opt, err, fc_out_name(w->out), 0, 0,
                    "post '%s' has no date; Jekyll needs one: using 1970-01-01", base);
        if (st)
            return st;
        memcpy(day, "1970-01-01", 11);
        dated = true;
    }
    struct fc_buf key;
    fc_buf_init(&key);
    const char *slug = base;
    for (unsigned n = 1;; n++) {
        if (n > 1) {
            char suffix[16];
            snprintf(suffix, sizeof suffix, "-%u", n);
            size_t bl = strlen(base), sl = strlen(suffix);
            if (bl + sl > FC_MD_SLUG_MAX)
                bl = FC_MD_SLUG_MAX - sl;
            char *s = fc_alloc(a, bl + sl + 1);
            if (!s) {
                fc_buf_free(&key);
                return fc_nomem(err);
            }
            memcpy(s, base, bl);
            memcpy(s + bl, suffix, sl + 1);
            slug = s;
        }
        fc_buf_reset(&key);
        /* the key is what makes two posts clash in the site */
        if (w->site == FC_SITE_HUGO)
            fc_buf_printf(&key, "%s", slug);
        else if (w->site == FC_SITE_JEKYLL && p->draft)
            fc_buf_printf(&key, "d/%s", slug);
        else
            fc_buf_printf(&key, "%s%s%s", dated ? day : "", dated ? "-" : "", slug);
        if (key.oom) {
            fc_buf_free(&key);
            return fc_nomem(err);
        }
        if (!used_has(w, fc_buf_cstr(&key)))
            break;
    }
    if (!used_add(w, fc_buf_cstr(&key))) {
        fc_buf_free(&key);
        return fc_nomem(err);
    }
    fc_buf_free(&key);
    switch (w->site) {
    case FC_SITE_HUGO:
        if (w->flags & FC_OPT_BUNDLES)
            fc_buf_printf(rel, "content/posts/%s/index%s", slug, ext);
        else
            fc_buf_printf(rel, "content/posts/%s%s", slug, ext);
        break;
    case FC_SITE_JEKYLL:
        if (p->draft)
            fc_buf_printf(rel, "_drafts/%s%s", slug, ext);
        else
            fc_buf_printf(rel, "_posts/%s-%s%s", day, slug, ext);
        break;
    default:
        fc_buf_printf(rel, "%s%s%s%s", dated ? day : "", dated ? "-" : "", slug, ext);
        break;
    }
    *slug_out = slug;
    *renamed = slug != base;
    return rel->oom ? fc_nomem(err) : FC_OK;
}

static enum fc_status wr_begin(void *ctx, struct fc_feed *feed, struct fc_error *err)
{
    (void)ctx;
    (void)feed;
    (void)err;
    return FC_OK;
}

static enum fc_status wr_post(void *ctx, struct fc_feed *feed, struct fc_post *p,
                              struct fc_error *err)
{
    struct wr *w = ctx;
    (void)feed;
    struct fc_arena *a = fc_arena_new();
    if (!a)
        return fc_nomem(err);
    struct fc_buf body, file, rel;
    fc_buf_init(&body);
    fc_buf_init(&file);
    fc_buf_init(&rel);
    enum fc_status st = FC_OK;
    const char *ext = ".md";
    bool body_text = false;
    if (p->content_html) {
        if (w->flags & FC_OPT_BODY_HTML) {
            ext = ".html";
            fc_buf_puts(&body, p->content_html);
        } else {
            st = fc_html_to_markdown(p->content_html, strlen(p->content_html), &body, err);
        }
    } else if (p->content_text) {
        body_text = true;
        fc_buf_puts(&body, p->content_text);
    }
    const char *slug = NULL;
    bool renamed = false;
    if (st == FC_OK)
        st = post_path(w, a, p, ext, &rel, &slug, &renamed, err);
    if (st == FC_OK) {
        bool more = strstr(fc_buf_cstr(&body), "<!--more-->") != NULL;
        bool write_slug = (p->slug && *p->slug) || renamed || !p->url;
        st = front_matter(w, a, p, slug, write_slug, body_text, more, &file, err);
    }
    if (st == FC_OK) {
        if (body.len) {
            fc_buf_putc(&file, '\n');
            fc_buf_add(&file, body.data, body.len);
            if (body.data[body.len - 1] != '\n')
                fc_buf_putc(&file, '\n');
        }
        if (file.oom || body.oom)
            st = fc_nomem(err);
    }
    if (st == FC_OK)
        st = fc_out_dir_write(w->out, fc_buf_cstr(&rel), file.data, file.len, err);
    fc_buf_free(&body);
    fc_buf_free(&file);
    fc_buf_free(&rel);
    fc_arena_free(a);
    return st;
}

/* ---- feed metadata ------------------------------------------------------ */

static json_t *feed_feedconv(struct jb *jb, struct fc_arena *a, const struct fc_feed *f,
                             enum fc_site site)
{
    json_t *o = jobj(jb);
    if (!o)
        return NULL;
    fields_json(jb, o, f, fc_md_feed_fields);
    if (site == FC_SITE_PLAIN)
        json_object_del(o, "feed_url"); /* native in _feed.yml */
    /* hugo's baseURL gains a '/', jekyll's url + baseurl loses one */
    size_t hl = f->home_url ? strlen(f->home_url) : 0;
    if (hl && ((site == FC_SITE_HUGO && f->home_url[hl - 1] != '/') ||
               (site == FC_SITE_JEKYLL && f->home_url[hl - 1] == '/')))
        jstr(jb, o, "home_url", f->home_url);
    bool lossy;
    plain_text(a, &f->title, &lossy);
    if (lossy)
        jstr(jb, o, "title_html", f->title.value);
    plain_text(a, &f->subtitle, &lossy);
    if (lossy)
        jstr(jb, o, "subtitle_html", f->subtitle.value);
    if (f->rights.value && f->rights.type != FC_TEXT)
        jset(jb, o, "rights", text_json(jb, &f->rights));
    if (fc_time_present(&f->published))
        jset(jb, o, "published", time_json(jb, &f->published));
    if (fc_time_present(&f->updated))
        jset(jb, o, "updated", time_json(jb, &f->updated));
    if (f->generator.name || f->generator.uri) {
        json_t *g = jobj(jb);
        if (g) {
            jstr(jb, g, "name", f->generator.name);
            jstr(jb, g, "version", f->generator.version);
            jstr(jb, g, "uri", f->generator.uri);
        }
        jset(jb, o, "generator", g);
    }
    if (persons_have_more_than_names(&f->authors) ||
        (site != FC_SITE_PLAIN && f->authors.count > 1))
        jset(jb, o, "authors", persons_json(jb, &f->authors));
    jset(jb, o, "contributors", persons_json(jb, &f->contributors));
    if (f->editor.name || f->editor.email)
        jset(jb, o, "editor", person_json(jb, &f->editor));
    if (f->webmaster.name || f->webmaster.email)
        jset(jb, o, "webmaster", person_json(jb, &f->webmaster));
    jset(jb, o, "categories", categories_json(jb, &f->categories));
    if (f->image.url) {
        json_t *im = jobj(jb);
        if (im) {
            jstr(jb, im, "url", f->image.url);
            jstr(jb, im, "title", f->image.title);
            jstr(jb, im, "link", f->image.link);
            jstr(jb, im, "description", f->image.description);
            if (f->image.width >= 0)
                jput(jb, im, "width", jv(jb, json_integer(f->image.width)));
            if (f->image.height >= 0)
                jput(jb, im, "height", jv(jb, json_integer(f->image.height)));
        }
        jset(jb, o, "image", im);
    }
    if (f->ttl >= 0)
        jput(jb, o, "ttl", jv(jb, json_integer(f->ttl)));
    if (f->expired >= 0)
        jput(jb, o, "expired", jv(jb, json_boolean(f->expired)));
    json_t *hubs = jarr(jb);
    for (const struct fc_hub *h = f->hubs.first; hubs && h; h = h->next) {
        json_t *x = jobj(jb);
        jstr(jb, x, "type", h->type);
        jstr(jb, x, "url", h->url);
        jpush(jb, hubs, x);
    }
    jset(jb, o, "hubs", hubs);
    if (f->cloud.domain) {
        json_t *c = jobj(jb);
        if (c) {
            jstr(jb, c, "domain", f->cloud.domain);
            if (f->cloud.port >= 0)
                jput(jb, c, "port", jv(jb, json_integer(f->cloud.port)));
            jstr(jb, c, "path", f->cloud.path);
            jstr(jb, c, "procedure", f->cloud.procedure);
            jstr(jb, c, "protocol", f->cloud.protocol);
        }
        jset(jb, o, "cloud", c);
    }
    if (f->skip_hours) {
        json_t *h = jarr(jb);
        for (int i = 0; h && i < 24; i++)
            if (f->skip_hours & (1u << i))
                jpush(jb, h, jv(jb, json_integer(i)));
        jset(jb, o, "skip_hours", h);
    }
    if (f->skip_days) {
        json_t *d = jarr(jb);
        for (int i = 0; d && i < 7; i++)
            if (f->skip_days & (1u << i))
                jpush(jb, d, jv(jb, json_integer(i)));
        jset(jb, o, "skip_days", d);
    }
    if (f->text_input.link || f->text_input.name) {
        json_t *t = jobj(jb);
        if (t) {
            jstr(jb, t, "title", f->text_input.title);
            jstr(jb, t, "description", f->text_input.description);
            jstr(jb, t, "name", f->text_input.name);
            jstr(jb, t, "link", f->text_input.link);
        }
        jset(jb, o, "text_input", t);
    }
    jset(jb, o, "links", links_json(jb, &f->links));
    jset(jb, o, "exts", exts_json(jb, &f->exts, false));
    return o;
}

static void emit_feedconv(struct fc_yaml_emitter *m, json_t *fc)
{
    if (fc && json_object_size(fc)) {
        fc_yaml_emit_plain(m, FC_MD_KEY);
        fc_yaml_emit_json(m, fc);
    }
}

static const char *first_author(const struct fc_feed *f)
{
    const struct fc_person *p = f->authors.first;
    if (p)
        return p->name ? p->name : p->email;
    return f->editor.name ? f->editor.name : f->editor.email;
}

static enum fc_status write_yaml_file(struct wr *w, const char *rel, struct fc_buf *b,
                                      struct fc_yaml_emitter *m, struct fc_error *err)
{
    if (!fc_yaml_emit_close(m))
        return m->oom ? fc_nomem(err)
                      : fc_fail(err, FC_EIO, fc_out_name(w->out), 0, 0,
                                "cannot write %s: YAML emitter error", rel);
    return fc_out_dir_write(w->out, rel, b->data, b->len, err);
}

/* Jekyll wants the site's scheme://host in url and its path in baseurl. */
static void split_url(struct fc_arena *a, const char *u, char **origin, const char **path)
{
    *origin = NULL;
    *path = NULL;
    const char *s = u ? strstr(u, "://") : NULL;
    if (!s)
        return;
    const char *slash = strchr(s + 3, '/');
    if (!slash) {
        *origin = fc_strdup(a, u, (size_t)-1);
        return;
    }
    *origin = fc_strdup(a, u, (size_t)(slash - u));
    size_t n = strlen(slash);
    while (n > 1 && slash[n - 1] == '/')
        n--;
    *path = n > 1 ? slash : NULL;
}

/* A minimal theme, so that the site builds (and shows every post's title,
 * date and tags) before the user picks a real one: `theme:` in hugo.yaml
 * switches it off without touching the site's own layouts/. */
static const char hugo_single[] =
    "<!DOCTYPE html>\n"
    "<html lang=\"{{ site.LanguageCode }}\">\n"
    "<head><meta charset=\"utf-8\"><title>{{ .Title }}</title></head>\n"
    "<body>\n<article>\n<h1>{{ .Title }}</h1>\n"
    "<time datetime=\"{{ .Date.Format \"2006-01-02T15:04:05-07:00\" }}\">"
    "{{ .Date.Format \"2006-01-02T15:04:05-07:00\" }}</time>\n"
    "<ul class=\"tags\">{{ range .Params.tags }}<li>{{ . }}</li>{{ end }}</ul>\n"
    "<ul class=\"categories\">{{ range .Params.categories }}<li>{{ . }}</li>{{ end }}</ul>\n"
    "{{ .Content }}\n</article>\n</body>\n</html>\n";
static const char hugo_list[] =
    "<!DOCTYPE html>\n"
    "<html lang=\"{{ site.LanguageCode }}\">\n"
    "<head><meta charset=\"utf-8\"><title>{{ .Title }}</title></head>\n"
    "<body>\n<h1>{{ .Title }}</h1>\n<ul>\n"
    "{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>\n{{ end }}"
    "</ul>\n</body>\n</html>\n";

static enum fc_status wr_end(void *ctx, struct fc_feed *f, struct fc_error *err)
{
    struct wr *w = ctx;
    struct fc_arena *a = fc_arena_new();
    if (!a)
        return fc_nomem(err);
    struct fc_buf b;
    fc_buf_init(&b);
    struct fc_yaml_emitter m;
    enum fc_status st = FC_OK;
    bool lossy;
    const char *title = plain_text(a, &f->title, &lossy);
    const char *desc = plain_text(a, &f->subtitle, &lossy);
    struct jb jb = {false};
    json_t *fc = feed_feedconv(&jb, a, f, w->site);
    if (jb.oom || !fc) {
        st = fc_nomem(err);
        goto out;
    }
    if (!fc_yaml_emit_open(&m, &b, false)) {
        st = fc_nomem(err);
        goto out;
    }
    fc_yaml_emit_map(&m);
    if (w->site == FC_SITE_HUGO) {
        struct fc_buf base;
        fc_buf_init(&base);
        fc_buf_puts(&base, f->home_url ? f->home_url : "/");
        if (base.len && base.data[base.len - 1] != '/')
            fc_buf_putc(&base, '/');
        fc_yaml_emit_kv(&m, "baseURL", fc_buf_cstr(&base));
        fc_buf_free(&base);
        fc_yaml_emit_kv(&m, "languageCode", f->language);
        fc_yaml_emit_kv(&m, "title", title);
        fc_yaml_emit_kv(&m, "copyright", f->rights.value);
        fc_yaml_emit_kv(&m, "theme", "feedconv");
        fc_yaml_emit_plain(&m, "params");
        fc_yaml_emit_map(&m);
        fc_yaml_emit_kv(&m, "author", first_author(f));
        fc_yaml_emit_kv(&m, "description", desc);
        emit_feedconv(&m, fc);
        fc_yaml_emit_end_map(&m);
        /* without this Hugo replaces raw HTML in bodies with a comment */
        fc_yaml_emit_plain(&m, "markup");
        fc_yaml_emit_map(&m);
        fc_yaml_emit_plain(&m, "goldmark");
        fc_yaml_emit_map(&m);
        fc_yaml_emit_plain(&m, "renderer");
        fc_yaml_emit_map(&m);
        fc_yaml_emit_plain(&m, "unsafe");
        fc_yaml_emit_plain(&m, "true");
        fc_yaml_emit_end_map(&m);
        fc_yaml_emit_end_map(&m);
        fc_yaml_emit_end_map(&m);
        fc_yaml_emit_end_map(&m);
        if ((st = write_yaml_file(w, "hugo.yaml", &b, &m, err)) != FC_OK)
            goto out;
        /* the section page */
        fc_buf_reset(&b);
        if (!fc_yaml_emit_open(&m, &b, true)) {
            st = fc_nomem(err);
            goto out;
        }
        fc_yaml_emit_map(&m);
        fc_yaml_emit_kv(&m, "title", title);
        fc_yaml_emit_kv(&m, "description", desc);
        fc_yaml_emit_end_map(&m);
        if (!fc_yaml_emit_close(&m)) {
            st = m.oom ? fc_nomem(err)
                       : fc_fail(err, FC_EIO, fc_out_name(w->out), 0, 0, "YAML emitter error");
            goto out;
        }
        fc_buf_puts(&b, "---\n");
        st = fc_out_dir_write(w->out, "content/posts/_index.md", b.data, b.len, err);
        if (!st)
            st = fc_out_dir_write(w->out, "themes/feedconv/layouts/_default/single.html",
                                  hugo_single, sizeof hugo_single - 1, err);
        if (!st)
            st = fc_out_dir_write(w->out, "themes/feedconv/layouts/_default/list.html", hugo_list,
                                  sizeof hugo_list - 1, err);
    } else if (w->site == FC_SITE_JEKYLL) {
        char *origin;
        const char *path;
        split_url(a, f->home_url, &origin, &path);
        fc_yaml_emit_kv(&m, "title", title);
        fc_yaml_emit_kv(&m, "description", desc);
        fc_yaml_emit_kv(&m, "url", origin);
        fc_yaml_emit_kv(&m, "baseurl", path);
        fc_yaml_emit_kv(&m, "author", first_author(f));
        fc_yaml_emit_kv(&m, "lang", f->language);
        if (f->rights.value && f->rights.type == FC_TEXT)
            fc_yaml_emit_kv(&m, "copyright", f->rights.value);
        emit_feedconv(&m, fc);
        fc_yaml_emit_end_map(&m);
        st = write_yaml_file(w, "_config.yml", &b, &m, err);
    } else {
        fc_yaml_emit_kv(&m, "title", title);
        fc_yaml_emit_kv(&m, "description", desc);
        fc_yaml_emit_kv(&m, "link", f->home_url);
        fc_yaml_emit_kv(&m, "feed_url", f->feed_url);
        fc_yaml_emit_kv(&m, "language", f->language);
        if (f->rights.value && f->rights.type == FC_TEXT)
            fc_yaml_emit_kv(&m, "copyright", f->rights.value);
        emit_names(&m, "authors", &f->authors);
        emit_feedconv(&m, fc);
        fc_yaml_emit_end_map(&m);
        st = write_yaml_file(w, "_feed.yml", &b, &m, err);
    }
out:
    json_decref(fc);
    fc_buf_free(&b);
    fc_arena_free(a);
    return st;
}

static void wr_destroy(void *ctx)
{
    struct wr *w = ctx;
    if (!w)
        return;
    for (size_t i = 0; i < w->used_cap; i++)
        free(w->used[i]);
    free(w->used);
    free(w); /* the handler lives inside */
}

enum fc_status fc_md_open_writer(struct fc_output *out, const struct fc_options *opt,
                                 struct fc_handler **writer, struct fc_error *err)
{
    *writer = NULL;
    if (!fc_output_is_dir(out))
        return fc_fail(err, FC_EUSAGE, fc_out_name(out), 0, 0,
                       "markdown writes a directory, not a stream: give -o DIR");
    struct wr *w = calloc(1, sizeof *w);
    if (!w)
        return fc_nomem(err);
    struct fc_handler *h = &w->h;
    w->out = out;
    w->opt = opt;
    w->site = opt ? opt->site : FC_SITE_PLAIN;
    w->flags = opt ? opt->flags : 0;
    h->ctx = w;
    h->begin = wr_begin;
    h->post = wr_post;
    h->end = wr_end;
    h->destroy = wr_destroy;
    *writer = h;
    return FC_OK;
}
