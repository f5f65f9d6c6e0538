/*
 * jsonfeed_write.c - the JSON Feed 1.1 writer (streaming).  The mapping,
 * the `_feedconv` object and the writer rules are at the top of
 * jsonfeed.c.
 */
#include "formats/jsonfeed.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* JSON Feed 1.1: an extension key is "_" then a letter, with no ".". */
static bool is_ext_key(const char *k)
{
    if (k[0] != '_' || !((k[1] >= 'a' && k[1] <= 'z') || (k[1] >= 'A' && k[1] <= 'Z')))
        return false;
    return strchr(k, '.') == NULL;
}

/* ================================================================== */
/* Writer                                                             */

/* A JSON builder: the first failure sticks (FC_ENOMEM, or FC_EWARN in
 * strict mode), so the code building a document checks once. */
struct jb {
    enum fc_status st;
    bool quiet; /* rebuilding what begin() already warned about */
    const struct fc_options *opt;
    struct fc_error *err;
    const char *name;
    struct fc_arena *scratch; /* text versions of HTML titles */
    const char *what;         /* "feed" or "item 3", for warnings */
};

static void jb_nomem(struct jb *b)
{
    if (b->st == FC_OK)
        b->st = fc_nomem(b->err);
}

static void jb_warn(struct jb *b, const char *fmt, ...) FC_PRINTF(2, 3);
static void jb_warn(struct jb *b, const char *fmt, ...)
{
    if (b->quiet || b->st != FC_OK)
        return;
    va_list ap;
    va_start(ap, fmt);
    b->st = fc_jf_vwarn(b->opt, b->err, b->name, fmt, ap);
    va_end(ap);
}

/* A JSON string; invalid UTF-8 is repaired (jansson refuses it). */
static json_t *jb_str(struct jb *b, const char *s)
{
    size_t n = strlen(s);
    if (fc_utf8_valid(s, n)) {
        json_t *v = json_stringn(s, n);
        if (!v)
            jb_nomem(b);
        return v;
    }
    struct fc_buf t;
    fc_buf_init(&t);
    fc_utf8_repair(&t, s, n);
    json_t *v = t.oom ? NULL : json_stringn(fc_buf_cstr(&t), t.len);
    fc_buf_free(&t);
    if (!v)
        jb_nomem(b);
    else
        jb_warn(b, "%s: invalid UTF-8 replaced by U+FFFD", b->what);
    return v;
}

/* obj[key] = v, taking v (NULL means its creation failed). */
static void jb_set(struct jb *b, json_t *obj, const char *key, json_t *v)
{
    if (!v || json_object_set_new(obj, key, v) != 0)
        jb_nomem(b);
}

static void jb_push(struct jb *b, json_t *arr, json_t *v)
{
    if (!v || json_array_append_new(arr, v) != 0)
        jb_nomem(b);
}

static void jb_set_str(struct jb *b, json_t *obj, const char *key, const char *s)
{
    if (s)
        jb_set(b, obj, key, jb_str(b, s));
}

static void jb_set_int(struct jb *b, json_t *obj, const char *key, json_int_t n)
{
    jb_set(b, obj, key, json_integer(n));
}

static void jb_set_true(struct jb *b, json_t *obj, const char *key)
{
    jb_set(b, obj, key, json_true());
}

/* obj[key] = v when v is a non-empty object or array, else drop v. */
static void jb_set_nonempty(struct jb *b, json_t *obj, const char *key, json_t *v)
{
    if (!v) {
        jb_nomem(b);
        return;
    }
    if ((json_is_object(v) && json_object_size(v) == 0) ||
        (json_is_array(v) && json_array_size(v) == 0)) {
        json_decref(v);
        return;
    }
    jb_set(b, obj, key, v);
}

static json_t *text_json(struct jb *b, const struct fc_text *t)
{
    json_t *o = json_object();
    if (!o) {
        jb_nomem(b);
        return NULL;
    }
    jb_set_str(b, o, "type", fc_jf_text_types[t->type <= FC_XHTML ? t->type : 0]);
    jb_set_str(b, o, "value", t->value);
    return o;
}

/* A plain-text key: HTML becomes text, the original goes to x[key]. */
static void put_plain(struct jb *b, json_t *o, const char *key, json_t *x, const char *xkey,
                      const struct fc_text *t)
{
    if (!t->value)
        return;
    if (t->type == FC_TEXT) {
        jb_set_str(b, o, key, t->value);
        return;
    }
    char *plain = fc_html_to_text(b->scratch, t->value);
    if (!plain) {
        jb_nomem(b);
        return;
    }
    jb_set_str(b, o, key, plain);
    jb_set(b, x, xkey, text_json(b, t));
}

/* A time as JSON Feed wants it (seconds and an offset) into o[key]; what
 * that loses goes to dates[dkey]. */
static void put_time(struct jb *b, json_t *o, const char *key, json_t *dates, const char *dkey,
                     const struct fc_time *t)
{
    if (!fc_time_present(t))
        return;
    json_t *note = NULL;
    if (t->precision == FC_TIME_NONE) {
        note = json_object();
        if (note)
            jb_set_str(b, note, "raw", t->raw);
        jb_set(b, dates, dkey, note);
        return;
    }
    struct fc_time n = *t;
    if (n.precision < FC_TIME_SECOND) {
        n.precision = FC_TIME_SECOND;
        n.month = n.month ? n.month : 1;
        n.day = n.day ? n.day : 1;
    }
    if (n.zone == FC_ZONE_NONE || n.zone == FC_ZONE_NAME)
        n.zone = FC_ZONE_OFFSET;
    char buf[48];
    if (fc_time_rfc3339(&n, buf, sizeof buf) == 0) {
        jb_warn(b, "%s: %s cannot be written as RFC 3339; kept as text", b->what, key);
        note = json_object();
        if (note && t->raw)
            jb_set_str(b, note, "raw", t->raw);
        jb_set_nonempty(b, dates, dkey, note);
        return;
    }
    jb_set_str(b, o, key, buf);
    if (t->precision >= FC_TIME_SECOND && t->zone != FC_ZONE_NONE && t->zone != FC_ZONE_NAME)
        return;
    note = json_object();
    if (!note) {
        jb_nomem(b);
        return;
    }
    if (t->precision < FC_TIME_SECOND)
        jb_set_str(b, note, "precision", fc_jf_precision_names[t->precision]);
    if (t->zone == FC_ZONE_NONE || t->zone == FC_ZONE_NAME)
        jb_set_str(b, note, "zone", fc_jf_zone_names[t->zone]);
    jb_set(b, dates, dkey, note);
}

static json_t *person_full(struct jb *b, const struct fc_person *p)
{
    json_t *o = json_object();
    if (!o) {
        jb_nomem(b);
        return NULL;
    }
    jb_set_str(b, o, "name", p->name);
    jb_set_str(b, o, "email", p->email);
    jb_set_str(b, o, "url", p->url);
    jb_set_str(b, o, "avatar", p->avatar);
    return o;
}

/* A JSON Feed author: name/url/avatar, the email in its _feedconv. */
static json_t *author_json(struct jb *b, const struct fc_person *p)
{
    json_t *o = json_object(), *x = json_object();
    if (!o || !x) {
        json_decref(o);
        json_decref(x);
        jb_nomem(b);
        return NULL;
    }
    if (p->name) {
        jb_set_str(b, o, "name", p->name);
    } else if (!p->url && !p->avatar) {
        /* The spec needs one of name/url/avatar: the email stands in. */
        jb_set_str(b, o, "name", p->email);
        jb_set_true(b, x, "name_absent");
    }
    jb_set_str(b, o, "url", p->url);
    jb_set_str(b, o, "avatar", p->avatar);
    jb_set_str(b, x, "email", p->email);
    jb_set_nonempty(b, o, JF_EXT, x);
    return o;
}

static void put_authors(struct jb *b, json_t *o, const struct fc_list *list)
{
    json_t *arr = json_array();
    if (!arr) {
        jb_nomem(b);
        return;
    }
    for (const struct fc_person *p = list->first; p; p = p->next) {
        if (!p->name && !p->url && !p->avatar && !p->email) {
            jb_warn(b, "%s: an empty author was dropped", b->what);
            continue;
        }
        jb_push(b, arr, author_json(b, p));
    }
    jb_set_nonempty(b, o, "authors", arr);
}

static json_t *persons_full(struct jb *b, const struct fc_list *list)
{
    json_t *arr = json_array();
    if (!arr) {
        jb_nomem(b);
        return NULL;
    }
    for (const struct fc_person *p = list->first; p; p = p->next)
        jb_push(b, arr, person_full(b, p));
    return arr;
}

static bool person_empty(const struct fc_person *p)
{
    return !p->name && !p->email && !p->url && !p->avatar;
}

static json_t *tag_json(struct jb *b, const struct fc_tag *t)
{
    json_t *o = json_object();
    if (!o) {
        jb_nomem(b);
        return NULL;
    }
    jb_set_str(b, o, "term", t->term);
    jb_set_str(b, o, "scheme", t->scheme);
    jb_set_str(b, o, "label", t->label);
    return o;
}

static json_t *links_json(struct jb *b, const struct fc_list *list)
{
    json_t *arr = json_array();
    if (!arr) {
        jb_nomem(b);
        return NULL;
    }
    for (const struct fc_link *l = list->first; l; l = l->next) {
        json_t *o = json_object();
        if (o) {
            jb_set_str(b, o, "href", l->href);
            jb_set_str(b, o, "rel", l->rel);
            jb_set_str(b, o, "type", l->type);
            jb_set_str(b, o, "hreflang", l->hreflang);
            jb_set_str(b, o, "title", l->title);
            if (l->length >= 0)
                jb_set_int(b, o, "length", l->length);
        }
        jb_push(b, arr, o);
    }
    return arr;
}

/* A JSON ext's value parsed back; NULL when it is not JSON text. */
static json_t *parse_value(const char *s)
{
    json_error_t e;
    return s ? json_loads(s, JSON_DECODE_ANY, &e) : NULL;
}

static json_t *ext_json(struct jb *b, const struct fc_ext *e, unsigned depth)
{
    if (e->kind == FC_EXT_XML && !e->name)
        return jb_str(b, e->value ? e->value : "");
    json_t *o = json_object();
    if (!o) {
        jb_nomem(b);
        return NULL;
    }
    if (e->kind == FC_EXT_JSON) {
        jb_set_str(b, o, "kind", "json");
        jb_set_str(b, o, "name", e->name);
        jb_set_str(b, o, "origin", e->origin);
        json_t *v = parse_value(e->value);
        if (v)
            jb_set(b, o, "value", v);
        else
            jb_set_str(b, o, "text", e->value);
        return o;
    }
    jb_set_str(b, o, "name", e->name);
    jb_set_str(b, o, "ns", e->ns);
    jb_set_str(b, o, "prefix", e->prefix);
    jb_set_str(b, o, "value", e->value);
    jb_set_str(b, o, "origin", e->origin);
    json_t *attrs = json_array(), *kids = json_array();
    if (!attrs || !kids) {
        json_decref(attrs);
        json_decref(kids);
        jb_nomem(b);
        return o;
    }
    for (const struct fc_attr *a = e->attrs.first; a; a = a->next) {
        json_t *ao = json_object();
        if (ao) {
            jb_set_str(b, ao, "name", a->name);
            jb_set_str(b, ao, "ns", a->ns);
            jb_set_str(b, ao, "prefix", a->prefix);
            jb_set_str(b, ao, "value", a->value);
        }
        jb_push(b, attrs, ao);
    }
    if (depth >= JF_EXT_DEPTH && e->children.first)
        jb_warn(b, "%s: extension <%s> nested too deep; its children were dropped", b->what,
                e->name);
    else
        for (const struct fc_ext *c = e->children.first; c; c = c->next)
            jb_push(b, kids, ext_json(b, c, depth + 1));
    jb_set_nonempty(b, o, "attrs", attrs);
    jb_set_nonempty(b, o, "children", kids);
    return o;
}

/* JSON Feed's own `_x` objects go back where they came from; every
 * other ext is returned, for _feedconv.exts. */
static json_t *put_exts(struct jb *b, json_t *o, const struct fc_list *exts)
{
    json_t *arr = json_array();
    if (!arr) {
        jb_nomem(b);
        return NULL;
    }
    for (const struct fc_ext *e = exts->first; e; e = e->next) {
        if (e->kind == FC_EXT_JSON && e->origin && strcmp(e->origin, "jsonfeed") == 0 && e->name &&
            is_ext_key(e->name) && strcmp(e->name, JF_EXT) != 0 && !json_object_get(o, e->name)) {
            json_t *v = parse_value(e->value);
            if (v) {
                jb_set(b, o, e->name, v);
                continue;
            }
        }
        jb_push(b, arr, ext_json(b, e, 0));
    }
    return arr;
}

static void put_media(struct jb *b, json_t *o, const struct fc_list *list)
{
    json_t *arr = json_array();
    if (!arr) {
        jb_nomem(b);
        return;
    }
    for (const struct fc_media *m = list->first; m; m = m->next) {
        if (!m->url) {
            jb_warn(b, "%s: an attachment without a URL was dropped", b->what);
            continue;
        }
        json_t *a = json_object();
        if (!a) {
            jb_nomem(b);
            break;
        }
        jb_set_str(b, a, "url", m->url);
        /* mime_type is required; a generic type stands in and is marked. */
        jb_set_str(b, a, "mime_type", m->type ? m->type : "application/octet-stream");
        jb_set_str(b, a, "title", m->title);
        if (m->length >= 0)
            jb_set_int(b, a, "size_in_bytes", m->length);
        if (m->duration >= 0 && isfinite(m->duration)) {
            double ip;
            if (modf(m->duration, &ip) == 0.0 && ip < 9e15)
                jb_set_int(b, a, "duration_in_seconds", (json_int_t)ip);
            else
                jb_set(b, a, "duration_in_seconds", json_real(m->duration));
        }
        if (!m->type) {
            json_t *x = json_object();
            if (x)
                jb_set_true(b, x, "type_absent");
            jb_set(b, a, JF_EXT, x);
        }
        jb_push(b, arr, a);
    }
    jb_set_nonempty(b, o, "attachments", arr);
}

static void put_hubs(struct jb *b, json_t *o, const struct fc_list *list)
{
    json_t *arr = json_array();
    if (!arr) {
        jb_nomem(b);
        return;
    }
    for (const struct fc_hub *h = list->first; h; h = h->next) {
        if (!h->url) {
            jb_warn(b, "%s: a hub without a URL was dropped", b->what);
            continue;
        }
        json_t *ho = json_object();
        if (!ho) {
            jb_nomem(b);
            break;
        }
        jb_set_str(b, ho, "type", h->type ? h->type : "WebSub");
        jb_set_str(b, ho, "url", h->url);
        if (!h->type) {
            json_t *x = json_object();
            if (x)
                jb_set_true(b, x, "type_absent");
            jb_set(b, ho, JF_EXT, x);
        }
        jb_push(b, arr, ho);
    }
    jb_set_nonempty(b, o, "hubs", arr);
}

/* The host of an absolute URL, for a synthesised title. */
static const char *url_host(struct fc_arena *a, const char *url)
{
    const char *p = url ? strstr(url, "://") : NULL;
    if (!p)
        return NULL;
    p += 3;
    size_t n = strcspn(p, "/?#:");
    return n ? fc_strdup(a, p, n) : NULL;
}

static void put_feed_misc(struct jb *b, json_t *x, const struct fc_feed *f)
{
    const struct fc_generator *g = &f->generator;
    if (g->name || g->version || g->uri) {
        json_t *o = json_object();
        if (o) {
            jb_set_str(b, o, "name", g->name);
            jb_set_str(b, o, "version", g->version);
            jb_set_str(b, o, "uri", g->uri);
        }
        jb_set(b, x, "generator", o);
    }
    jb_set_nonempty(b, x, "contributors", persons_full(b, &f->contributors));
    if (!person_empty(&f->editor))
        jb_set(b, x, "editor", person_full(b, &f->editor));
    if (!person_empty(&f->webmaster))
        jb_set(b, x, "webmaster", person_full(b, &f->webmaster));
    json_t *cats = json_array();
    for (const struct fc_tag *t = f->categories.first; cats && t; t = t->next)
        jb_push(b, cats, tag_json(b, t));
    jb_set_nonempty(b, x, "categories", cats);
    const struct fc_image *im = &f->image;
    if (im->title || im->link || im->description || im->width >= 0 || im->height >= 0) {
        json_t *o = json_object();
        if (o) {
            jb_set_str(b, o, "title", im->title);
            jb_set_str(b, o, "link", im->link);
            jb_set_str(b, o, "description", im->description);
            if (im->width >= 0)
                jb_set_int(b, o, "width", im->width);
            if (im->height >= 0)
                jb_set_int(b, o, "height", im->height);
        }
        jb_set(b, x, "image", o);
    }
    if (f->ttl >= 0)
        jb_set_int(b, x, "ttl", f->ttl);
    jb_set_str(b, x, "docs", f->docs);
    const struct fc_cloud *c = &f->cloud;
    if (c->domain || c->path || c->procedure || c->protocol || c->port >= 0) {
        json_t *o = json_object();
        if (o) {
            jb_set_str(b, o, "domain", c->domain);
            if (c->port >= 0)
                jb_set_int(b, o, "port", c->port);
            jb_set_str(b, o, "path", c->path);
            jb_set_str(b, o, "procedure", c->procedure);
            jb_set_str(b, o, "protocol", c->protocol);
        }
        jb_set(b, x, "cloud", o);
    }
    json_t *hours = json_array(), *days = json_array();
    for (int h = 0; hours && h < 24; h++)
        if (f->skip_hours & (UINT32_C(1) << h))
            jb_push(b, hours, json_integer(h));
    for (int d = 0; days && d < 7; d++)
        if (f->skip_days & (1u << d))
            jb_push(b, days, json_string(fc_jf_day_names[d]));
    jb_set_nonempty(b, x, "skip_hours", hours);
    jb_set_nonempty(b, x, "skip_days", days);
    jb_set_str(b, x, "rating", f->rating);
    const struct fc_text_input *ti = &f->text_input;
    if (ti->title || ti->description || ti->name || ti->link) {
        json_t *o = json_object();
        if (o) {
            jb_set_str(b, o, "title", ti->title);
            jb_set_str(b, o, "description", ti->description);
            jb_set_str(b, o, "name", ti->name);
            jb_set_str(b, o, "link", ti->link);
        }
        jb_set(b, x, "text_input", o);
    }
    jb_set_str(b, x, "base", f->base);
    jb_set_nonempty(b, x, "links", links_json(b, &f->links));
}

/* The feed object without items; `_feedconv` data goes to x. */
static json_t *feed_json(struct jb *b, const struct fc_feed *f, json_t *x)
{
    json_t *o = json_object(), *dates = json_object();
    if (!o || !dates) {
        json_decref(o);
        json_decref(dates);
        jb_nomem(b);
        return NULL;
    }
    jb_set_str(b, o, "version", JF_V11);
    if (f->title.value) {
        put_plain(b, o, "title", x, "title", &f->title);
    } else {
        const char *host = url_host(b->scratch, f->home_url ? f->home_url : f->feed_url);
        jb_set_str(b, o, "title", host ? host : "Untitled feed");
        jb_set_true(b, x, "title_absent");
        jb_warn(b, "feed has no title; wrote \"%s\"", host ? host : "Untitled feed");
    }
    jb_set_str(b, o, "home_page_url", f->home_url);
    jb_set_str(b, o, "feed_url", f->feed_url);
    /* description: the subtitle; JSON Feed's own description when none. */
    if (f->subtitle.value)
        put_plain(b, o, "description", x, "subtitle", &f->subtitle);
    else
        jb_set_str(b, o, "description", f->description_text);
    if (f->description_text && f->subtitle.value &&
        strcmp(f->description_text, f->subtitle.value) != 0)
        jb_set_str(b, x, "description_text", f->description_text);
    jb_set_str(b, o, "user_comment", f->user_comment);
    jb_set_str(b, o, "next_url", f->next_url);
    jb_set_str(b, o, "icon", f->image.url);
    jb_set_str(b, o, "favicon", f->icon);
    put_authors(b, o, &f->authors);
    jb_set_str(b, o, "language", f->language);
    if (f->expired >= 0)
        jb_set(b, o, "expired", json_boolean(f->expired));
    put_hubs(b, o, &f->hubs);
    json_t *exts = put_exts(b, o, &f->exts);

    jb_set_str(b, x, "id", f->id);
    if (f->rights.value)
        jb_set(b, x, "rights", text_json(b, &f->rights));
    put_time(b, x, "published", dates, "published", &f->published);
    put_time(b, x, "updated", dates, "updated", &f->updated);
    put_feed_misc(b, x, f);
    jb_set_nonempty(b, x, "dates", dates);
    jb_set_nonempty(b, x, "exts", exts);
    return o;
}

static uint64_t fnv1a(uint64_t h, const char *s)
{
    for (; s && *s; s++)
        h = (h ^ (unsigned char)*s) * UINT64_C(1099511628211);
    return (h ^ 0xff) * UINT64_C(1099511628211); /* field separator */
}

/* The id of an item that has none (documented at the top). */
static void put_synth_id(struct jb *b, json_t *o, json_t *x, const struct fc_post *p)
{
    char buf[64];
    const char *id = p->url ? p->url : p->external_url;
    if (!id) {
        char d1[48] = "", d2[48] = "";
        fc_time_rfc3339(&p->published, d1, sizeof d1);
        fc_time_rfc3339(&p->updated, d2, sizeof d2);
        uint64_t h = UINT64_C(14695981039346656037);
        h = fnv1a(h, p->title.value);
        h = fnv1a(h, d1);
        h = fnv1a(h, d2);
        h = fnv1a(h, p->content_html);
        h = fnv1a(h, p->content_text);
        h = fnv1a(h, p->summary.value);
        snprintf(buf, sizeof buf, "urn:feedconv:%016llx", (unsigned long long)h);
        id = buf;
    }
    jb_set_str(b, o, "id", id);
    jb_set_true(b, x, "id_absent");
    jb_warn(b, "%s has no id; wrote \"%s\"", b->what, id);
}

static void put_post_misc(struct jb *b, json_t *x, const struct fc_post *p, json_t *dates)
{
    jb_set_str(b, x, "content_src", p->content_src);
    jb_set_str(b, x, "content_type", p->content_type);
    jb_set_nonempty(b, x, "contributors", persons_full(b, &p->contributors));
    json_t *tags = json_array();
    for (const struct fc_tag *t = p->categories.first; tags && t; t = t->next)
        if (!t->term || t->scheme || t->label)
            jb_push(b, tags, tag_json(b, t));
    jb_set_nonempty(b, x, "tags", tags);
    jb_set_nonempty(b, x, "links", links_json(b, &p->links));
    jb_set_str(b, x, "comments_url", p->comments_url);
    if (p->comment_count >= 0)
        jb_set_int(b, x, "comment_count", p->comment_count);
    jb_set_str(b, x, "comments_feed", p->comments_feed);
    const struct fc_source *s = p->source;
    if (s) {
        json_t *o = json_object();
        if (o) {
            jb_set_str(b, o, "title", s->title);
            jb_set_str(b, o, "url", s->url);
            jb_set_str(b, o, "home_url", s->home_url);
            jb_set_str(b, o, "id", s->id);
            put_time(b, o, "updated", dates, "source_updated", &s->updated);
        }
        jb_set(b, x, "source", o);
    }
    if (p->rights.value)
        jb_set(b, x, "rights", text_json(b, &p->rights));
    jb_set_str(b, x, "base", p->base);
    jb_set_str(b, x, "slug", p->slug);
    if (p->draft > 0)
        jb_set_true(b, x, "draft");
}

static json_t *post_json(struct jb *b, const struct fc_post *p)
{
    json_t *o = json_object(), *x = json_object(), *dates = json_object();
    if (!o || !x || !dates) {
        json_decref(o);
        json_decref(x);
        json_decref(dates);
        jb_nomem(b);
        return NULL;
    }
    if (p->id)
        jb_set_str(b, o, "id", p->id);
    else
        put_synth_id(b, o, x, p);
    if (p->id_is_permalink >= 0)
        jb_set(b, x, "id_is_permalink", json_boolean(p->id_is_permalink));
    jb_set_str(b, o, "url", p->url);
    jb_set_str(b, o, "external_url", p->external_url);
    put_plain(b, o, "title", x, "title", &p->title);
    jb_set_str(b, o, "content_html", p->content_html);
    jb_set_str(b, o, "content_text", p->content_text);
    if (!p->content_html && !p->content_text) {
        /* One of the two is required: the summary (or nothing) stands in. */
        const struct fc_text *s = &p->summary;
        if (s->value && s->type != FC_TEXT)
            jb_set_str(b, o, "content_html", s->value);
        else
            jb_set_str(b, o, "content_text", s->value ? s->value : "");
        jb_set_true(b, x, "content_absent");
    }
    put_plain(b, o, "summary", x, "summary", &p->summary);
    jb_set_str(b, o, "image", p->image);
    jb_set_str(b, o, "banner_image", p->banner_image);
    put_time(b, o, "date_published", dates, "published", &p->published);
    put_time(b, o, "date_modified", dates, "updated", &p->updated);
    put_authors(b, o, &p->authors);
    json_t *tags = json_array();
    for (const struct fc_tag *t = p->categories.first; tags && t; t = t->next)
        if (t->term)
            jb_push(b, tags, jb_str(b, t->term));
    jb_set_nonempty(b, o, "tags", tags);
    jb_set_str(b, o, "language", p->language);
    put_media(b, o, &p->attachments);
    json_t *exts = put_exts(b, o, &p->exts);
    put_post_misc(b, x, p, dates);
    jb_set_nonempty(b, x, "dates", dates);
    jb_set_nonempty(b, x, "exts", exts);
    jb_set_nonempty(b, o, JF_EXT, x);
    return o;
}

struct jf_writer {
    struct fc_handler h;
    struct fc_output *out;
    struct fc_options opt;
    json_t *head; /* the feed keys begin() wrote */
    unsigned long items;
    struct fc_buf buf;
};

static enum fc_status jb_open(struct jb *b, struct jf_writer *w, struct fc_error *err,
                              const char *what)
{
    memset(b, 0, sizeof *b);
    b->opt = &w->opt;
    b->err = err;
    b->name = fc_out_name(w->out);
    b->what = what;
    b->scratch = fc_arena_new();
    return b->scratch ? FC_OK : fc_nomem(err);
}

/* Append s with `indent` spaces after each newline. */
static void put_indented(struct fc_buf *out, const char *s, size_t n, unsigned indent)
{
    for (size_t i = 0; i < n; i++) {
        fc_buf_putc(out, s[i]);
        if (s[i] == '\n')
            for (unsigned k = 0; k < indent; k++)
                fc_buf_putc(out, ' ');
    }
}

/* The members of a dumped object "{\n  ...\n}" without its braces. */
static bool dump_members(json_t *o, struct fc_buf *out)
{
    char *s = json_dumps(o, JF_DUMP);
    if (!s)
        return false;
    size_t n = strlen(s);
    if (n >= 4 && s[0] == '{' && s[1] == '\n' && s[n - 1] == '}')
        fc_buf_add(out, s + 2, n - 4);
    free(s);
    return !out->oom;
}

static enum fc_status w_begin(void *ctx, struct fc_feed *feed, struct fc_error *err)
{
    struct jf_writer *w = ctx;
    struct jb b;
    if (w->head)
        return fc_fail(err, FC_EUSAGE, fc_out_name(w->out), 0, 0, "begin() called twice");
    enum fc_status st = jb_open(&b, w, err, "feed");
    if (st)
        return st;
    json_t *x = json_object();
    json_t *o = x ? feed_json(&b, feed, x) : NULL;
    json_decref(x); /* written by end(), when it is complete */
    if (!o)
        jb_nomem(&b);
    if (b.st == FC_OK) {
        fc_buf_putc(&w->buf, '{');
        fc_buf_putc(&w->buf, '\n');
        if (!dump_members(o, &w->buf))
            jb_nomem(&b);
        fc_buf_puts(&w->buf, ",\n  \"items\": [");
        if (w->buf.oom)
            jb_nomem(&b);
    }
    fc_arena_free(b.scratch);
    if (b.st != FC_OK) {
        json_decref(o);
        return b.st;
    }
    w->head = o;
    return fc_out_buf(w->out, &w->buf, err);
}

static enum fc_status w_post(void *ctx, struct fc_feed *feed, struct fc_post *post,
                             struct fc_error *err)
{
    struct jf_writer *w = ctx;
    (void)feed;
    if (!w->head)
        return fc_fail(err, FC_EUSAGE, fc_out_name(w->out), 0, 0, "post() before begin()");
    char what[48];
    snprintf(what, sizeof what, "item %lu", w->items + 1);
    struct jb b;
    enum fc_status st = jb_open(&b, w, err, what);
    if (st)
        return st;
    json_t *o = post_json(&b, post);
    char *s = (o && b.st == FC_OK) ? json_dumps(o, JF_DUMP) : NULL;
    if (b.st == FC_OK && !s)
        jb_nomem(&b);
    if (b.st == FC_OK) {
        fc_buf_puts(&w->buf, w->items ? ",\n    " : "\n    ");
        put_indented(&w->buf, s, strlen(s), 4);
        if (w->buf.oom)
            jb_nomem(&b);
    }
    free(s);
    json_decref(o);
    fc_arena_free(b.scratch);
    if (b.st != FC_OK)
        return b.st;
    w->items++;
    return fc_out_buf(w->out, &w->buf, err);
}

/* Feed keys that appeared after begin() go after "items"; a key whose
 * value changed cannot be rewritten (it was streamed) and is warned about. */
static json_t *feed_tail(struct jb *b, struct jf_writer *w, const struct fc_feed *feed)
{
    json_t *x = json_object(), *tail = json_object();
    json_t *o = (x && tail) ? feed_json(b, feed, x) : NULL;
    if (!o) {
        jb_nomem(b);
        json_decref(x);
        json_decref(tail);
        return NULL;
    }
    const char *key, *changed = NULL;
    json_t *v;
    json_object_foreach(o, key, v)
    {
        json_t *old = json_object_get(w->head, key);
        if (!old)
            jb_set(b, tail, key, json_incref(v));
        else if (!json_equal(old, v))
            changed = changed ? changed : key;
    }
    if (changed) {
        b->quiet = false;
        jb_warn(b, "feed %s changed after the first item; the value written first is kept",
                changed);
        b->quiet = true;
    }
    json_decref(o);
    jb_set_nonempty(b, tail, JF_EXT, x);
    return tail;
}

static enum fc_status w_end(void *ctx, struct fc_feed *feed, struct fc_error *err)
{
    struct jf_writer *w = ctx;
    if (!w->head)
        return fc_fail(err, FC_EUSAGE, fc_out_name(w->out), 0, 0, "end() before begin()");
    struct jb b;
    enum fc_status st = jb_open(&b, w, err, "feed");
    if (st)
        return st;
    b.quiet = true; /* begin() reported these */
    json_t *tail = feed_tail(&b, w, feed);
    if (b.st == FC_OK) {
        fc_buf_puts(&w->buf, w->items ? "\n  ]" : "]");
        if (json_object_size(tail)) {
            fc_buf_puts(&w->buf, ",\n");
            if (!dump_members(tail, &w->buf))
                jb_nomem(&b);
        }
        fc_buf_puts(&w->buf, "\n}\n");
        if (w->buf.oom)
            jb_nomem(&b);
    }
    json_decref(tail);
    fc_arena_free(b.scratch);
    if (b.st != FC_OK)
        return b.st;
    return fc_out_buf(w->out, &w->buf, err);
}

static void w_destroy(void *ctx)
{
    struct jf_writer *w = ctx;
    if (!w)
        return;
    json_decref(w->head);
    fc_buf_free(&w->buf);
    free(w);
}

enum fc_status fc_jf_open_writer(struct fc_output *out, const struct fc_options *opt,
                                 struct fc_handler **writer, struct fc_error *err)
{
    if (fc_output_is_dir(out))
        return fc_fail(err, FC_EUSAGE, fc_out_name(out), 0, 0,
                       "JSON Feed writes one file, not a directory");
    struct jf_writer *w = calloc(1, sizeof *w);
    if (!w)
        return fc_nomem(err);
    w->out = out;
    if (opt)
        w->opt = *opt;
    else
        fc_options_init(&w->opt);
    fc_buf_init(&w->buf);
    w->h.ctx = w;
    w->h.begin = w_begin;
    w->h.post = w_post;
    w->h.end = w_end;
    w->h.destroy = w_destroy;
    *writer = &w->h;
    return FC_OK;
}
