/*
 * jsonfeed_write.c - the JSON Feed 1.1 writer (streaming).  The mapping,
 * the `_feedconv` object and the writer rules are at the top of
 * jsonfeed.c.
 *
 * The JSON text is written directly (no jansson tree): one pass per string
 * with a table-driven escaper, constant indentation.  The bytes are what
 * jansson's json_dumps(JSON_INDENT(2) | JSON_PRESERVE_ORDER) printed
 * before (and still prints for the values that go through it: JSON-kind
 * extension values and non-integer numbers): `"` `\` escaped, \b \f \n \r
 * \t short, other controls \u00XX (upper-case hex), "/", DEL, U+2028/2029
 * and all other UTF-8 passed through.  `_feedconv` members are written
 * into side buffers while the item is written and spliced in at its end.
 */
#include "formats/jsonfeed.h"
#include "syntax/json.h"

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

/* The state of writing one document part (the head, an item, the
 * tail).  Warnings go through st; a part rebuilt for what begin() has
 * already warned about sets st.opt to NULL, which silences them. */
struct jf_part {
    struct fc_sticky st;
    struct fc_arena *scratch; /* text versions of HTML titles; made on demand */
    const char *what;         /* "feed" or "item 3", for warnings */
    struct fc_buf *tmp;       /* repaired UTF-8 */
};

static struct fc_arena *part_scratch(struct jf_part *b)
{
    if (!b->scratch && !(b->scratch = fc_arena_new()))
        fc_sticky_nomem(&b->st);
    return b->scratch;
}

/* w[key] = s as a JSON string (nothing when s is NULL); invalid UTF-8 is
 * repaired with a warning. */
static void part_str(struct jf_part *b, struct fc_json_writer *w, const char *key, const char *s)
{
    if (!s)
        return;
    size_t n = strlen(s);
    if (fc_utf8_valid(s, n)) {
        fc_json_str(w, key, s, n);
        return;
    }
    fc_buf_reset(b->tmp);
    fc_utf8_repair(b->tmp, s, n);
    if (b->tmp->oom)
        fc_sticky_nomem(&b->st);
    else
        fc_json_str(w, key, b->tmp->data, b->tmp->len);
    fc_sticky_warn(&b->st, 0, 0, "%s: invalid UTF-8 replaced by U+FFFD", b->what);
}

/* w[key] = v, as jansson prints it at w's depth; takes v. */
static void part_json(struct jf_part *b, struct fc_json_writer *w, const char *key, json_t *v)
{
    if (!v) {
        fc_sticky_nomem(&b->st);
        return;
    }
    fc_json_value(w, key, v);
    json_decref(v);
}

/* A JSON ext's value parsed back; NULL when it is not JSON text (or on
 * ENOMEM, which is recorded). */
static json_t *parse_value(struct jf_part *b, const char *s)
{
    if (!s)
        return NULL;
    json_error_t e;
    bool nomem;
    json_t *v = fc_json_load(s, strlen(s), JSON_DECODE_ANY, &e, &nomem);
    if (nomem)
        fc_sticky_nomem(&b->st);
    return v;
}

/* Side buffers for one object's `_feedconv` members, its dates notes and
 * its exts, one level (x) and two levels (dates, exts) below o. */
struct jside {
    struct fc_json_writer x, dates, exts;
};

static void side_open(struct jside *s, struct fc_buf bufs[3], const struct fc_json_writer *o)
{
    for (int i = 0; i < 3; i++)
        fc_buf_reset(&bufs[i]);
    s->x = (struct fc_json_writer){&bufs[0], 0, o->depth + 1};
    s->dates = (struct fc_json_writer){&bufs[1], 0, o->depth + 2};
    s->exts = (struct fc_json_writer){&bufs[2], 0, o->depth + 2};
}

static void text_json(struct jf_part *b, struct fc_json_writer *w, const char *key,
                      const struct fc_text *t)
{
    size_t m = fc_json_open(w, key, '{');
    part_str(b, w, "type", fc_jf_text_types[t->type <= FC_XHTML ? t->type : 0]);
    part_str(b, w, "value", t->value);
    fc_json_close(w, m, '}', true);
}

/* A plain-text key: HTML becomes text, the original goes to x[xkey]. */
static void put_plain(struct jf_part *b, struct fc_json_writer *o, const char *key,
                      struct fc_json_writer *x, const char *xkey, const struct fc_text *t)
{
    if (!t->value)
        return;
    if (t->type == FC_TEXT) {
        part_str(b, o, key, t->value);
        return;
    }
    struct fc_arena *a = part_scratch(b);
    char *plain = a ? fc_html_to_text(a, t->value) : NULL;
    if (!plain) {
        fc_sticky_nomem(&b->st);
        return;
    }
    part_str(b, o, key, plain);
    text_json(b, x, xkey, t);
}

/* A time as JSON Feed wants it (seconds and an offset) into o[key]; what
 * that loses goes to dates[dkey]. */
static void put_time(struct jf_part *b, struct fc_json_writer *o, const char *key,
                     struct fc_json_writer *dates, const char *dkey, const struct fc_time *t)
{
    if (!fc_time_present(t))
        return;
    size_t m;
    if (t->precision == FC_TIME_NONE) {
        m = fc_json_open(dates, dkey, '{');
        part_str(b, dates, "raw", t->raw);
        fc_json_close(dates, m, '}', true);
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
        fc_sticky_warn(&b->st, 0, 0, "%s: %s cannot be written as RFC 3339; kept as text", b->what,
                       key);
        m = fc_json_open(dates, dkey, '{');
        part_str(b, dates, "raw", t->raw);
        fc_json_close(dates, m, '}', false);
        return;
    }
    part_str(b, o, key, buf);
    if (t->precision >= FC_TIME_SECOND && t->zone != FC_ZONE_NONE && t->zone != FC_ZONE_NAME)
        return;
    m = fc_json_open(dates, dkey, '{');
    if (t->precision < FC_TIME_SECOND)
        part_str(b, dates, "precision", fc_jf_precision_names[t->precision]);
    if (t->zone == FC_ZONE_NONE || t->zone == FC_ZONE_NAME)
        part_str(b, dates, "zone", fc_jf_zone_names[t->zone]);
    fc_json_close(dates, m, '}', true);
}

static void person_full(struct jf_part *b, struct fc_json_writer *w, const char *key,
                        const struct fc_person *p)
{
    size_t m = fc_json_open(w, key, '{');
    part_str(b, w, "name", p->name);
    part_str(b, w, "email", p->email);
    part_str(b, w, "url", p->url);
    part_str(b, w, "avatar", p->avatar);
    fc_json_close(w, m, '}', true);
}

/* A JSON Feed author: name/url/avatar, the email in its _feedconv. */
static void author_json(struct jf_part *b, struct fc_json_writer *w, const struct fc_person *p)
{
    size_t m = fc_json_open(w, NULL, '{');
    bool name_absent = false;
    if (p->name) {
        part_str(b, w, "name", p->name);
    } else if (!p->url && !p->avatar) {
        /* The spec needs one of name/url/avatar: the email stands in. */
        part_str(b, w, "name", p->email);
        name_absent = true;
    }
    part_str(b, w, "url", p->url);
    part_str(b, w, "avatar", p->avatar);
    if (name_absent || p->email) {
        size_t mx = fc_json_open(w, JF_EXT, '{');
        if (name_absent)
            fc_json_raw(w, "name_absent", "true");
        part_str(b, w, "email", p->email);
        fc_json_close(w, mx, '}', true);
    }
    fc_json_close(w, m, '}', true);
}

static void put_authors(struct jf_part *b, struct fc_json_writer *o, const struct fc_list *list)
{
    size_t m = fc_json_open(o, "authors", '[');
    for (const struct fc_person *p = list->first; p; p = p->next) {
        if (!p->name && !p->url && !p->avatar && !p->email) {
            fc_sticky_warn(&b->st, 0, 0, "%s: an empty author was dropped", b->what);
            continue;
        }
        author_json(b, o, p);
    }
    fc_json_close(o, m, ']', false);
}

static void persons_full(struct jf_part *b, struct fc_json_writer *w, const char *key,
                         const struct fc_list *list)
{
    size_t m = fc_json_open(w, key, '[');
    for (const struct fc_person *p = list->first; p; p = p->next)
        person_full(b, w, NULL, p);
    fc_json_close(w, m, ']', false);
}

static bool person_empty(const struct fc_person *p)
{
    return !p->name && !p->email && !p->url && !p->avatar;
}

static void tag_json(struct jf_part *b, struct fc_json_writer *w, const struct fc_tag *t)
{
    size_t m = fc_json_open(w, NULL, '{');
    part_str(b, w, "term", t->term);
    part_str(b, w, "scheme", t->scheme);
    part_str(b, w, "label", t->label);
    fc_json_close(w, m, '}', true);
}

static void links_json(struct jf_part *b, struct fc_json_writer *w, const struct fc_list *list)
{
    size_t m = fc_json_open(w, "links", '[');
    for (const struct fc_link *l = list->first; l; l = l->next) {
        size_t ml = fc_json_open(w, NULL, '{');
        part_str(b, w, "href", l->href);
        part_str(b, w, "rel", l->rel);
        part_str(b, w, "type", l->type);
        part_str(b, w, "hreflang", l->hreflang);
        part_str(b, w, "title", l->title);
        if (l->length >= 0)
            fc_json_int(w, "length", l->length);
        fc_json_close(w, ml, '}', true);
    }
    fc_json_close(w, m, ']', false);
}

/* One ext as an element of the array w is in. */
static void ext_json(struct jf_part *b, struct fc_json_writer *w, const struct fc_ext *e,
                     unsigned depth)
{
    if (e->kind == FC_EXT_XML && !e->name) {
        part_str(b, w, NULL, e->value ? e->value : "");
        return;
    }
    size_t m = fc_json_open(w, NULL, '{');
    if (e->kind == FC_EXT_JSON) {
        part_str(b, w, "kind", "json");
        part_str(b, w, "name", e->name);
        part_str(b, w, "origin", e->origin);
        json_t *v = parse_value(b, e->value);
        if (v)
            part_json(b, w, "value", v);
        else
            part_str(b, w, "text", e->value);
        fc_json_close(w, m, '}', true);
        return;
    }
    part_str(b, w, "name", e->name);
    part_str(b, w, "ns", e->ns);
    part_str(b, w, "prefix", e->prefix);
    part_str(b, w, "value", e->value);
    part_str(b, w, "origin", e->origin);
    size_t ma = fc_json_open(w, "attrs", '[');
    for (const struct fc_attr *a = e->attrs.first; a; a = a->next) {
        size_t mo = fc_json_open(w, NULL, '{');
        part_str(b, w, "name", a->name);
        part_str(b, w, "ns", a->ns);
        part_str(b, w, "prefix", a->prefix);
        part_str(b, w, "value", a->value);
        fc_json_close(w, mo, '}', true);
    }
    fc_json_close(w, ma, ']', false);
    size_t mk = fc_json_open(w, "children", '[');
    if (depth >= JF_EXT_DEPTH && e->children.first)
        fc_sticky_warn(&b->st, 0, 0,
                       "%s: extension <%s> nested too deep; its children were dropped", b->what,
                       e->name);
    else
        for (const struct fc_ext *c = e->children.first; c; c = c->next)
            ext_json(b, w, c, depth + 1);
    fc_json_close(w, mk, ']', false);
    fc_json_close(w, m, '}', true);
}

/* Was name written into o already (names: the `_x` keys written)? */
static bool name_done(const struct fc_buf *names, const char *name)
{
    const char *const *v = (const void *)names->data;
    for (size_t i = 0; i < names->len / sizeof *v; i++)
        if (strcmp(v[i], name) == 0)
            return true;
    return false;
}

/* JSON Feed's own `_x` objects go back where they came from (the first
 * of a name); every other ext goes to exts, for _feedconv.exts. */
static void put_exts(struct jf_part *b, struct fc_json_writer *o, struct fc_json_writer *exts,
                     const struct fc_list *list)
{
    struct fc_buf names; /* const char *[]: few, a linear search is fine */
    fc_buf_init(&names);
    for (const struct fc_ext *e = list->first; e; e = e->next) {
        if (e->kind == FC_EXT_JSON && e->origin && strcmp(e->origin, "jsonfeed") == 0 && e->name &&
            is_ext_key(e->name) && strcmp(e->name, JF_EXT) != 0 &&
            fc_utf8_valid(e->name, strlen(e->name)) && !name_done(&names, e->name)) {
            json_t *v = parse_value(b, e->value);
            if (v) {
                part_json(b, o, e->name, v);
                fc_buf_add(&names, &e->name, sizeof e->name);
                continue;
            }
        }
        ext_json(b, exts, e, 0);
    }
    if (names.oom)
        fc_sticky_nomem(&b->st);
    fc_buf_free(&names);
}

static void put_media(struct jf_part *b, struct fc_json_writer *o, const struct fc_list *list)
{
    size_t m = fc_json_open(o, "attachments", '[');
    for (const struct fc_media *me = list->first; me; me = me->next) {
        if (!me->url) {
            fc_sticky_warn(&b->st, 0, 0, "%s: an attachment without a URL was dropped", b->what);
            continue;
        }
        size_t ma = fc_json_open(o, NULL, '{');
        part_str(b, o, "url", me->url);
        /* mime_type is required; a generic type stands in and is marked. */
        part_str(b, o, "mime_type", me->type ? me->type : "application/octet-stream");
        part_str(b, o, "title", me->title);
        if (me->length >= 0)
            fc_json_int(o, "size_in_bytes", me->length);
        if (me->duration >= 0 && isfinite(me->duration)) {
            double ip;
            if (modf(me->duration, &ip) == 0.0 && ip < 9e15)
                fc_json_int(o, "duration_in_seconds", (long long)ip);
            else
                part_json(b, o, "duration_in_seconds", json_real(me->duration));
        }
        if (!me->type) {
            size_t mx = fc_json_open(o, JF_EXT, '{');
            fc_json_raw(o, "type_absent", "true");
            fc_json_close(o, mx, '}', true);
        }
        fc_json_close(o, ma, '}', true);
    }
    fc_json_close(o, m, ']', false);
}

static void put_hubs(struct jf_part *b, struct fc_json_writer *o, const struct fc_list *list)
{
    size_t m = fc_json_open(o, "hubs", '[');
    for (const struct fc_hub *h = list->first; h; h = h->next) {
        if (!h->url) {
            fc_sticky_warn(&b->st, 0, 0, "%s: a hub without a URL was dropped", b->what);
            continue;
        }
        size_t mh = fc_json_open(o, NULL, '{');
        part_str(b, o, "type", h->type ? h->type : "WebSub");
        part_str(b, o, "url", h->url);
        if (!h->type) {
            size_t mx = fc_json_open(o, JF_EXT, '{');
            fc_json_raw(o, "type_absent", "true");
            fc_json_close(o, mx, '}', true);
        }
        fc_json_close(o, mh, '}', true);
    }
    fc_json_close(o, m, ']', false);
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

static void put_feed_misc(struct jf_part *b, struct fc_json_writer *x, const struct fc_feed *f)
{
    size_t m;
    const struct fc_generator *g = &f->generator;
    if (g->name || g->version || g->uri) {
        m = fc_json_open(x, "generator", '{');
        part_str(b, x, "name", g->name);
        part_str(b, x, "version", g->version);
        part_str(b, x, "uri", g->uri);
        fc_json_close(x, m, '}', true);
    }
    persons_full(b, x, "contributors", &f->contributors);
    if (!person_empty(&f->editor))
        person_full(b, x, "editor", &f->editor);
    if (!person_empty(&f->webmaster))
        person_full(b, x, "webmaster", &f->webmaster);
    m = fc_json_open(x, "categories", '[');
    for (const struct fc_tag *t = f->categories.first; t; t = t->next)
        tag_json(b, x, t);
    fc_json_close(x, m, ']', false);
    const struct fc_image *im = &f->image;
    if (im->title || im->link || im->description || im->width >= 0 || im->height >= 0) {
        m = fc_json_open(x, "image", '{');
        part_str(b, x, "title", im->title);
        part_str(b, x, "link", im->link);
        part_str(b, x, "description", im->description);
        if (im->width >= 0)
            fc_json_int(x, "width", im->width);
        if (im->height >= 0)
            fc_json_int(x, "height", im->height);
        fc_json_close(x, m, '}', true);
    }
    if (f->ttl >= 0)
        fc_json_int(x, "ttl", f->ttl);
    part_str(b, x, "docs", f->docs);
    const struct fc_cloud *c = &f->cloud;
    if (c->domain || c->path || c->procedure || c->protocol || c->port >= 0) {
        m = fc_json_open(x, "cloud", '{');
        part_str(b, x, "domain", c->domain);
        if (c->port >= 0)
            fc_json_int(x, "port", c->port);
        part_str(b, x, "path", c->path);
        part_str(b, x, "procedure", c->procedure);
        part_str(b, x, "protocol", c->protocol);
        fc_json_close(x, m, '}', true);
    }
    m = fc_json_open(x, "skip_hours", '[');
    for (int h = 0; h < 24; h++)
        if (f->skip_hours & (UINT32_C(1) << h))
            fc_json_int(x, NULL, h);
    fc_json_close(x, m, ']', false);
    m = fc_json_open(x, "skip_days", '[');
    for (int d = 0; d < 7; d++)
        if (f->skip_days & (1u << d))
            part_str(b, x, NULL, fc_jf_day_names[d]);
    fc_json_close(x, m, ']', false);
    part_str(b, x, "rating", f->rating);
    const struct fc_text_input *ti = &f->text_input;
    if (ti->title || ti->description || ti->name || ti->link) {
        m = fc_json_open(x, "text_input", '{');
        part_str(b, x, "title", ti->title);
        part_str(b, x, "description", ti->description);
        part_str(b, x, "name", ti->name);
        part_str(b, x, "link", ti->link);
        fc_json_close(x, m, '}', true);
    }
    part_str(b, x, "base", f->base);
    links_json(b, x, &f->links);
}

/* The feed's members (without items) into o; `_feedconv` members into
 * s->x (dates and exts spliced in). */
static void feed_json(struct jf_part *b, struct fc_json_writer *o, struct jside *s,
                      const struct fc_feed *f)
{
    part_str(b, o, "version", JF_V11);
    if (f->title.value) {
        put_plain(b, o, "title", &s->x, "title", &f->title);
    } else {
        struct fc_arena *a = part_scratch(b);
        const char *host = a ? url_host(a, f->home_url ? f->home_url : f->feed_url) : NULL;
        part_str(b, o, "title", host ? host : "Untitled feed");
        fc_json_raw(&s->x, "title_absent", "true");
        fc_sticky_warn(&b->st, 0, 0, "feed has no title; wrote \"%s\"",
                       host ? host : "Untitled feed");
    }
    part_str(b, o, "home_page_url", f->home_url);
    part_str(b, o, "feed_url", f->feed_url);
    /* description: the subtitle; JSON Feed's own description when none. */
    if (f->subtitle.value)
        put_plain(b, o, "description", &s->x, "subtitle", &f->subtitle);
    else
        part_str(b, o, "description", f->description_text);
    if (f->description_text && f->subtitle.value &&
        strcmp(f->description_text, f->subtitle.value) != 0)
        part_str(b, &s->x, "description_text", f->description_text);
    part_str(b, o, "user_comment", f->user_comment);
    part_str(b, o, "next_url", f->next_url);
    part_str(b, o, "icon", f->image.url);
    part_str(b, o, "favicon", f->icon);
    put_authors(b, o, &f->authors);
    part_str(b, o, "language", f->language);
    if (f->expired >= 0)
        fc_json_raw(o, "expired", f->expired ? "true" : "false");
    put_hubs(b, o, &f->hubs);
    put_exts(b, o, &s->exts, &f->exts);

    part_str(b, &s->x, "id", f->id);
    if (f->rights.value)
        text_json(b, &s->x, "rights", &f->rights);
    put_time(b, &s->x, "published", &s->dates, "published", &f->published);
    put_time(b, &s->x, "updated", &s->dates, "updated", &f->updated);
    put_feed_misc(b, &s->x, f);
    fc_json_splice(&s->x, "dates", '{', s->dates.buf);
    fc_json_splice(&s->x, "exts", '[', s->exts.buf);
}

static uint64_t fnv1a(uint64_t h, const char *s)
{
    for (; s && *s; s++)
        h = (h ^ (unsigned char)*s) * UINT64_C(1099511628211);
    return (h ^ 0xff) * UINT64_C(1099511628211); /* field separator */
}

/* The id of an item that has none (documented at the top). */
static void put_synth_id(struct jf_part *b, struct fc_json_writer *o, struct fc_json_writer *x,
                         const struct fc_post *p)
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
    part_str(b, o, "id", id);
    fc_json_raw(x, "id_absent", "true");
    fc_sticky_warn(&b->st, 0, 0, "%s has no id; wrote \"%s\"", b->what, id);
}

static void put_post_misc(struct jf_part *b, struct fc_json_writer *x, const struct fc_post *p,
                          struct fc_json_writer *dates)
{
    part_str(b, x, "content_src", p->content_src);
    part_str(b, x, "content_type", p->content_type);
    persons_full(b, x, "contributors", &p->contributors);
    size_t m = fc_json_open(x, "tags", '[');
    for (const struct fc_tag *t = p->categories.first; t; t = t->next)
        if (!t->term || t->scheme || t->label)
            tag_json(b, x, t);
    fc_json_close(x, m, ']', false);
    links_json(b, x, &p->links);
    part_str(b, x, "comments_url", p->comments_url);
    if (p->comment_count >= 0)
        fc_json_int(x, "comment_count", p->comment_count);
    part_str(b, x, "comments_feed", p->comments_feed);
    const struct fc_source *s = p->source;
    if (s) {
        m = fc_json_open(x, "source", '{');
        part_str(b, x, "title", s->title);
        part_str(b, x, "url", s->url);
        part_str(b, x, "home_url", s->home_url);
        part_str(b, x, "id", s->id);
        put_time(b, x, "updated", dates, "source_updated", &s->updated);
        fc_json_close(x, m, '}', true);
    }
    if (p->rights.value)
        text_json(b, x, "rights", &p->rights);
    part_str(b, x, "base", p->base);
    part_str(b, x, "slug", p->slug);
    if (p->draft > 0)
        fc_json_raw(x, "draft", "true");
}

/* One item's members into o (an open object). */
static void post_json(struct jf_part *b, struct fc_json_writer *o, struct jside *s,
                      const struct fc_post *p)
{
    struct fc_json_writer *x = &s->x;
    if (p->id)
        part_str(b, o, "id", p->id);
    else
        put_synth_id(b, o, x, p);
    if (p->id_is_permalink >= 0)
        fc_json_raw(x, "id_is_permalink", p->id_is_permalink ? "true" : "false");
    part_str(b, o, "url", p->url);
    part_str(b, o, "external_url", p->external_url);
    put_plain(b, o, "title", x, "title", &p->title);
    part_str(b, o, "content_html", p->content_html);
    part_str(b, o, "content_text", p->content_text);
    if (!p->content_html && !p->content_text) {
        /* One of the two is required: the summary (or nothing) stands in. */
        const struct fc_text *su = &p->summary;
        if (su->value && su->type != FC_TEXT)
            part_str(b, o, "content_html", su->value);
        else
            part_str(b, o, "content_text", su->value ? su->value : "");
        fc_json_raw(x, "content_absent", "true");
    }
    put_plain(b, o, "summary", x, "summary", &p->summary);
    part_str(b, o, "image", p->image);
    part_str(b, o, "banner_image", p->banner_image);
    put_time(b, o, "date_published", &s->dates, "published", &p->published);
    put_time(b, o, "date_modified", &s->dates, "updated", &p->updated);
    put_authors(b, o, &p->authors);
    size_t m = fc_json_open(o, "tags", '[');
    for (const struct fc_tag *t = p->categories.first; t; t = t->next)
        if (t->term)
            part_str(b, o, NULL, t->term);
    fc_json_close(o, m, ']', false);
    part_str(b, o, "language", p->language);
    put_media(b, o, &p->attachments);
    put_exts(b, o, &s->exts, &p->exts);
    put_post_misc(b, x, p, &s->dates);
    fc_json_splice(x, "dates", '{', s->dates.buf);
    fc_json_splice(x, "exts", '[', s->exts.buf);
    fc_json_splice(o, JF_EXT, '{', x->buf);
}

struct jf_writer {
    struct fc_handler h;
    struct fc_output *out;
    struct fc_options opt;
    bool begun;
    struct fc_buf head; /* the feed members begin() wrote, as written */
    unsigned long items;
    struct fc_buf buf;
    struct fc_buf side[3]; /* struct jside */
    struct fc_buf tmp, feed;
};

static void part_open(struct jf_part *b, struct jf_writer *w, struct fc_error *err,
                      const char *what)
{
    memset(b, 0, sizeof *b);
    b->st = (struct fc_sticky){FC_OK, &w->opt, err, fc_out_name(w->out)};
    b->what = what;
    b->tmp = &w->tmp;
}

/* Finish a part: the first failure, else ENOMEM when a buffer ran out. */
static enum fc_status part_close(struct jf_part *b, struct jf_writer *w)
{
    fc_arena_free(b->scratch);
    bool oom = w->buf.oom || w->tmp.oom || w->feed.oom || w->head.oom;
    for (int i = 0; i < 3; i++)
        oom = oom || w->side[i].oom;
    if (oom)
        fc_sticky_nomem(&b->st);
    if (!fc_sticky_ok(&b->st)) {
        /* Sticky oom is per buffer: start clean for whoever comes next. */
        fc_buf_free(&w->buf);
        fc_buf_free(&w->tmp);
        fc_buf_free(&w->feed);
        for (int i = 0; i < 3; i++)
            fc_buf_free(&w->side[i]);
    }
    return b->st.st;
}

/* The feed's members into w->feed (depth 1), _feedconv ones in w->side[0]. */
static void write_feed(struct jf_part *b, struct jf_writer *w, const struct fc_feed *f)
{
    fc_buf_reset(&w->feed);
    struct fc_json_writer o = {&w->feed, 0, 1};
    struct jside s;
    side_open(&s, w->side, &o);
    feed_json(b, &o, &s, f);
}

static enum fc_status w_begin(void *ctx, struct fc_feed *feed, struct fc_error *err)
{
    struct jf_writer *w = ctx;
    struct jf_part b;
    if (w->begun)
        return fc_fail(err, FC_EUSAGE, fc_out_name(w->out), 0, 0, "begin() called twice");
    part_open(&b, w, err, "feed");
    write_feed(&b, w, feed); /* _feedconv is written by end(), when it is complete */
    fc_buf_reset(&w->buf);
    fc_buf_putc(&w->buf, '{');
    fc_buf_add(&w->buf, w->feed.data, w->feed.len);
    fc_buf_puts(&w->buf, ",\n  \"items\": [");
    fc_buf_reset(&w->head);
    fc_buf_add(&w->head, w->feed.data, w->feed.len);
    enum fc_status st = part_close(&b, w);
    if (st)
        return st;
    w->begun = true;
    return fc_out_buf(w->out, &w->buf, err);
}

static enum fc_status w_post(void *ctx, struct fc_feed *feed, struct fc_post *post,
                             struct fc_error *err)
{
    struct jf_writer *w = ctx;
    (void)feed;
    if (!w->begun)
        return fc_fail(err, FC_EUSAGE, fc_out_name(w->out), 0, 0, "post() before begin()");
    char what[48];
    snprintf(what, sizeof what, "item %lu", w->items + 1);
    struct jf_part b;
    part_open(&b, w, err, what);
    fc_buf_reset(&w->buf);
    fc_buf_puts(&w->buf, w->items ? ",\n    {" : "\n    {");
    struct fc_json_writer o = {&w->buf, 0, 3};
    struct jside s;
    side_open(&s, w->side, &o);
    post_json(&b, &o, &s, post);
    fc_json_close(&o, 0, '}', true);
    enum fc_status st = part_close(&b, w);
    if (st)
        return st;
    w->items++;
    return fc_out_buf(w->out, &w->buf, err);
}

/* The members of a written object "\n  \"key\": value" (depth 1): a
 * member starts at a newline, two spaces and a quote (deeper lines are
 * indented further, strings hold no raw newline).  key, klen: the
 * escaped key; returns the member's end. */
static size_t next_member(const char *s, size_t n, size_t at, const char **key, size_t *klen)
{
    size_t k = at + 4; /* after "\n  \"" */
    size_t i = k;
    while (i < n && s[i] != '"')
        i += s[i] == '\\' ? 2 : 1;
    *key = s + k;
    *klen = (i < n ? i : n) - k;
    const char *p = s + i;
    for (;;) {
        p = memchr(p, '\n', (size_t)(s + n - p));
        if (!p)
            return n;
        if ((size_t)(s + n - p) >= 4 && p[1] == ' ' && p[2] == ' ' && p[3] == '"')
            break;
        p++;
    }
    size_t end = (size_t)(p - s);
    return end > at && s[end - 1] == ',' ? end - 1 : end;
}

/* The member of the head with this key: its text, or NULL. */
static const char *head_member(const struct fc_buf *h, const char *key, size_t klen, size_t *len)
{
    size_t at = 0;
    while (at < h->len) {
        const char *k;
        size_t kl, end = next_member(h->data, h->len, at, &k, &kl);
        if (kl == klen && memcmp(k, key, klen) == 0) {
            *len = end - at;
            return h->data + at;
        }
        at = end < h->len && h->data[end] == ',' ? end + 1 : end;
    }
    return NULL;
}

/* Feed keys that appeared after begin() go after "items"; a key whose
 * value changed cannot be rewritten (it was streamed) and is warned about. */
static void feed_tail(struct jf_part *b, struct jf_writer *w, const struct fc_feed *feed,
                      struct fc_buf *tail)
{
    write_feed(b, w, feed);
    if (w->feed.oom)
        return;
    struct fc_json_writer t = {tail, 0, 1};
    const char *changed = NULL;
    size_t changed_len = 0;
    const struct fc_buf *f = &w->feed;
    size_t at = 0;
    while (at < f->len) {
        const char *k;
        size_t kl, end = next_member(f->data, f->len, at, &k, &kl), ol;
        const char *old = head_member(&w->head, k, kl, &ol);
        if (!old) {
            if (!fc_json_first(&t))
                fc_buf_putc(tail, ',');
            fc_buf_add(tail, f->data + at, end - at);
        } else if (!changed && (ol != end - at || memcmp(old, f->data + at, ol) != 0)) {
            changed = k;
            changed_len = kl;
        }
        at = end < f->len && f->data[end] == ',' ? end + 1 : end;
    }
    if (changed) {
        b->st.opt = &w->opt;
        fc_sticky_warn(&b->st, 0, 0,
                       "feed %.*s changed after the first item; the value written first is kept",
                       (int)changed_len, changed);
        b->st.opt = NULL;
    }
    fc_json_splice(&t, JF_EXT, '{', &w->side[0]);
}

static enum fc_status w_end(void *ctx, struct fc_feed *feed, struct fc_error *err)
{
    struct jf_writer *w = ctx;
    if (!w->begun)
        return fc_fail(err, FC_EUSAGE, fc_out_name(w->out), 0, 0, "end() before begin()");
    struct jf_part b;
    part_open(&b, w, err, "feed");
    b.st.opt = NULL; /* begin() reported these */
    struct fc_buf tail;
    fc_buf_init(&tail);
    feed_tail(&b, w, feed, &tail);
    fc_buf_reset(&w->buf);
    fc_buf_puts(&w->buf, w->items ? "\n  ]" : "]");
    if (tail.len) {
        fc_buf_putc(&w->buf, ',');
        fc_buf_add(&w->buf, tail.data, tail.len);
    }
    fc_buf_puts(&w->buf, "\n}\n");
    if (tail.oom)
        fc_sticky_nomem(&b.st);
    fc_buf_free(&tail);
    enum fc_status st = part_close(&b, w);
    if (st)
        return st;
    return fc_out_buf(w->out, &w->buf, err);
}

static void w_destroy(void *ctx)
{
    struct jf_writer *w = ctx;
    if (!w)
        return;
    fc_buf_free(&w->head);
    fc_buf_free(&w->buf);
    fc_buf_free(&w->tmp);
    fc_buf_free(&w->feed);
    for (int i = 0; i < 3; i++)
        fc_buf_free(&w->side[i]);
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
    fc_buf_init(&w->head);
    fc_buf_init(&w->buf);
    fc_buf_init(&w->tmp);
    fc_buf_init(&w->feed);
    for (int i = 0; i < 3; i++)
        fc_buf_init(&w->side[i]);
    w->h.ctx = w;
    w->h.begin = w_begin;
    w->h.post = w_post;
    w->h.end = w_end;
    w->h.destroy = w_destroy;
    *writer = &w->h;
    return FC_OK;
}
