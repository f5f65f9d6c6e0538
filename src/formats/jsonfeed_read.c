/*
 * jsonfeed_read.c - the JSON Feed reader (1.0, 1.1) and detection.  The
 * mapping and the reader rules are at the top of jsonfeed.c.
 */
#include "formats/jsonfeed.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const feed_keys[] = {
    "version",  "title", "home_page_url", "feed_url", "description", "user_comment",
    "next_url", "icon",  "favicon",       "author",   "authors",     "language",
    "expired",  "hubs",  "items",         JF_EXT,     NULL};
static const char *const item_keys[] = {
    "id",      "url",   "external_url", "title",          "content_html",  "content_text",
    "summary", "image", "banner_image", "date_published", "date_modified", "author",
    "authors", "tags",  "language",     "attachments",    JF_EXT,          NULL};

static int name_index(const char *const *names, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(names[i], s) == 0)
            return (int)i;
    return -1;
}

static bool in_list(const char *const *list, const char *s)
{
    for (; *list; list++)
        if (strcmp(*list, s) == 0)
            return true;
    return false;
}

/* ================================================================== */
/* Reader                                                             */

struct jr {
    enum fc_status st; /* first failure sticks, as in the writer's struct jb */
    const struct fc_options *opt;
    struct fc_error *err;
    const char *name;
    char where[64]; /* "feed", "items[3]" */
    bool saw_title;
};

static void jr_nomem(struct jr *r)
{
    if (r->st == FC_OK)
        r->st = fc_nomem(r->err);
}

static void jr_warn(struct jr *r, const char *fmt, ...) FC_PRINTF(2, 3);
static void jr_warn(struct jr *r, const char *fmt, ...)
{
    if (r->st != FC_OK)
        return;
    va_list ap;
    va_start(ap, fmt);
    r->st = fc_jf_vwarn(r->opt, r->err, r->name, fmt, ap);
    va_end(ap);
}

static void jr_set(struct jr *r, struct fc_arena *a, const char **field, const char *s)
{
    if (s && fc_set(a, field, s) != FC_OK)
        jr_nomem(r);
}

static const char *type_name(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT:
        return "an object";
    case JSON_ARRAY:
        return "an array";
    case JSON_STRING:
        return "a string";
    case JSON_INTEGER:
        return "an integer";
    case JSON_REAL:
        return "a non-integer number";
    case JSON_TRUE:
    case JSON_FALSE:
        return "a boolean";
    default:
        return "null";
    }
}

static int dump_cb(const char *p, size_t n, void *data)
{
    struct fc_buf *b = data;
    fc_buf_add(b, p, n);
    return b->oom ? -1 : 0;
}

/* v as compact JSON text in the arena; NULL with ENOMEM recorded on
 * failure.  Not json_dumps: jansson ignores a failed key write there (the
 * key goes missing and the call succeeds); the buffer's oom sticks. */
static char *jr_dumps(struct jr *r, struct fc_arena *a, const json_t *v)
{
    struct fc_buf b;
    fc_buf_init(&b);
    char *s = NULL;
    if (json_dump_callback(v, dump_cb, &b, JF_COMPACT) == 0 && !b.oom && b.len)
        s = fc_strdup(a, b.data, b.len);
    fc_buf_free(&b);
    if (!s)
        jr_nomem(r);
    return s;
}

/* Keep a JSON value as an ext (compact JSON text, origin "jsonfeed"). */
static void keep_json(struct jr *r, struct fc_arena *a, struct fc_list *exts, const char *key,
                      const json_t *v)
{
    char *s = jr_dumps(r, a, v);
    struct fc_ext *e = s ? fc_list_add(a, exts, sizeof *e) : NULL;
    if (e) {
        e->kind = FC_EXT_JSON;
        e->origin = "jsonfeed";
        e->name = fc_strdup(a, key, (size_t)-1);
        e->value = s;
    }
    if (!e || !e->name)
        jr_nomem(r);
}

/* An object being read: typed getters keep a mistyped value as an ext. */
struct jin {
    struct jr *r;
    struct fc_arena *a;
    json_t *o;
    struct fc_list *exts;
};

static json_t *in_get(struct jin *in, const char *key, json_type want)
{
    json_t *v = json_object_get(in->o, key);
    if (!v || json_is_null(v))
        return NULL;
    bool ok = json_typeof(v) == want || (want == JSON_TRUE && json_is_boolean(v)) ||
              (want == JSON_REAL && json_is_number(v));
    if (ok)
        return v;
    jr_warn(in->r, "%s.%s is %s; kept as an extension", in->r->where, key, type_name(v));
    keep_json(in->r, in->a, in->exts, key, v);
    return NULL;
}

static void in_str(struct jin *in, const char *key, const char **field)
{
    json_t *v = in_get(in, key, JSON_STRING);
    if (v)
        jr_set(in->r, in->a, field, json_string_value(v));
}

/* Lenient getters for our own `_feedconv` data: mistyped values dropped. */
static json_t *x_get(struct jr *r, json_t *x, const char *key, json_type want)
{
    json_t *v = x ? json_object_get(x, key) : NULL;
    if (!v || json_is_null(v))
        return NULL;
    if (json_typeof(v) == want || (want == JSON_TRUE && json_is_boolean(v)))
        return v;
    jr_warn(r, "%s: \"%s\" is %s; ignored", r->where, key, type_name(v));
    return NULL;
}

static void x_str(struct jr *r, struct fc_arena *a, json_t *x, const char *key, const char **field)
{
    json_t *v = x_get(r, x, key, JSON_STRING);
    if (v)
        jr_set(r, a, field, json_string_value(v));
}

static bool x_true(struct jr *r, json_t *x, const char *key)
{
    json_t *v = x_get(r, x, key, JSON_TRUE);
    return v && json_is_true(v);
}

static int64_t x_int(struct jr *r, json_t *x, const char *key, int64_t dflt)
{
    json_t *v = x_get(r, x, key, JSON_INTEGER);
    return v ? (int64_t)json_integer_value(v) : dflt;
}

static int x_small(struct jr *r, json_t *x, const char *key)
{
    int64_t n = x_int(r, x, key, -1);
    return n >= -1 && n <= 0x7fffffff ? (int)n : -1;
}

static void x_text(struct jr *r, struct fc_arena *a, json_t *x, const char *key, struct fc_text *t)
{
    json_t *o = x_get(r, x, key, JSON_OBJECT);
    if (!o)
        return;
    json_t *ty = x_get(r, o, "type", JSON_STRING);
    int i = ty ? name_index(fc_jf_text_types, 3, json_string_value(ty)) : 0;
    t->type = i > 0 ? (enum fc_text_type)i : FC_TEXT;
    t->value = NULL;
    x_str(r, a, o, "value", &t->value);
}

static void x_person(struct jr *r, struct fc_arena *a, json_t *o, struct fc_person *p)
{
    x_str(r, a, o, "name", &p->name);
    x_str(r, a, o, "email", &p->email);
    x_str(r, a, o, "url", &p->url);
    x_str(r, a, o, "avatar", &p->avatar);
}

static void x_persons(struct jr *r, struct fc_arena *a, json_t *x, const char *key,
                      struct fc_list *list)
{
    json_t *arr = x_get(r, x, key, JSON_ARRAY), *v;
    size_t i;
    json_array_foreach(arr, i, v)
    {
        struct fc_person *p = fc_list_add(a, list, sizeof *p);
        if (!p) {
            jr_nomem(r);
            return;
        }
        if (json_is_object(v))
            x_person(r, a, v, p);
    }
}

static void x_tag(struct jr *r, struct fc_arena *a, json_t *o, struct fc_tag *t)
{
    x_str(r, a, o, "term", &t->term);
    x_str(r, a, o, "scheme", &t->scheme);
    x_str(r, a, o, "label", &t->label);
}

static void x_links(struct jr *r, struct fc_arena *a, json_t *x, struct fc_list *list)
{
    json_t *arr = x_get(r, x, "links", JSON_ARRAY), *v;
    size_t i;
    json_array_foreach(arr, i, v)
    {
        struct fc_link *l = json_is_object(v) ? fc_list_add(a, list, sizeof *l) : NULL;
        if (!l) {
            if (json_is_object(v))
                jr_nomem(r);
            continue;
        }
        x_str(r, a, v, "href", &l->href);
        x_str(r, a, v, "rel", &l->rel);
        x_str(r, a, v, "type", &l->type);
        x_str(r, a, v, "hreflang", &l->hreflang);
        x_str(r, a, v, "title", &l->title);
        l->length = x_int(r, v, "length", -1);
    }
}

static struct fc_ext *ext_from_json(struct jr *r, struct fc_arena *a, json_t *v);

static void x_exts(struct jr *r, struct fc_arena *a, json_t *arr, struct fc_list *list)
{
    json_t *v;
    size_t i;
    json_array_foreach(arr, i, v)
    {
        struct fc_ext *e = ext_from_json(r, a, v);
        if (e)
            fc_list_append(list, e);
        if (r->st)
            return;
    }
}

/* The inverse of ext_json (the depth was checked when parsing). */
static struct fc_ext *ext_from_json(struct jr *r, struct fc_arena *a, json_t *v)
{
    if (!json_is_string(v) && !json_is_object(v)) {
        jr_warn(r, "%s: " JF_EXT " extension is %s; ignored", r->where, type_name(v));
        return NULL;
    }
    struct fc_ext *e = fc_alloc(a, sizeof *e);
    if (!e) {
        jr_nomem(r);
        return NULL;
    }
    if (json_is_string(v)) {
        e->kind = FC_EXT_XML;
        jr_set(r, a, &e->value, json_string_value(v));
        return e;
    }
    json_t *kind = x_get(r, v, "kind", JSON_STRING);
    x_str(r, a, v, "name", &e->name);
    x_str(r, a, v, "origin", &e->origin);
    if (kind && strcmp(json_string_value(kind), "json") == 0) {
        e->kind = FC_EXT_JSON;
        json_t *val = json_object_get(v, "value");
        if (val) {
            e->value = jr_dumps(r, a, val);
        } else {
            x_str(r, a, v, "text", &e->value);
        }
        return e;
    }
    e->kind = FC_EXT_XML;
    x_str(r, a, v, "ns", &e->ns);
    x_str(r, a, v, "prefix", &e->prefix);
    x_str(r, a, v, "value", &e->value);
    json_t *attrs = x_get(r, v, "attrs", JSON_ARRAY), *av;
    size_t i;
    json_array_foreach(attrs, i, av)
    {
        struct fc_attr *at = json_is_object(av) ? fc_list_add(a, &e->attrs, sizeof *at) : NULL;
        if (!at)
            continue;
        x_str(r, a, av, "name", &at->name);
        x_str(r, a, av, "ns", &at->ns);
        x_str(r, a, av, "prefix", &at->prefix);
        x_str(r, a, av, "value", &at->value);
    }
    x_exts(r, a, x_get(r, v, "children", JSON_ARRAY), &e->children);
    return e;
}

/* A date: the JSON text parsed, then the _feedconv note applied. */
static void read_time(struct jr *r, struct fc_arena *a, json_t *s, json_t *note, const char *key,
                      struct fc_time *t)
{
    if (s) {
        enum fc_status st = fc_time_parse_keep(a, json_string_value(s), t);
        if (st == FC_EPARSE)
            jr_warn(r, "%s.%s: unparsable date \"%s\"; kept as text", r->where, key,
                    json_string_value(s));
        else if (st != FC_OK)
            jr_nomem(r);
    }
    if (!note || !json_is_object(note))
        return;
    json_t *raw = x_get(r, note, "raw", JSON_STRING);
    if (raw && !fc_time_present(t))
        jr_set(r, a, &t->raw, json_string_value(raw));
    if (t->precision == FC_TIME_NONE)
        return;
    json_t *p = x_get(r, note, "precision", JSON_STRING);
    int i = p ? name_index(fc_jf_precision_names, 7, json_string_value(p)) : -1;
    if (i > 0)
        t->precision = (unsigned char)i;
    json_t *z = x_get(r, note, "zone", JSON_STRING);
    i = z ? name_index(fc_jf_zone_names, 4, json_string_value(z)) : -1;
    if (i >= 0) {
        t->zone = (unsigned char)i;
        if (i == FC_ZONE_NONE)
            t->offset = 0;
    }
}

/* One JSON Feed author object into a person. */
static void read_author(struct jr *r, struct fc_arena *a, json_t *v, struct fc_list *list)
{
    if (!json_is_object(v)) {
        jr_warn(r, "%s: an author is %s; dropped", r->where, type_name(v));
        return;
    }
    struct fc_person *p = fc_alloc(a, sizeof *p);
    if (!p) {
        jr_nomem(r);
        return;
    }
    json_t *x = x_get(r, v, JF_EXT, JSON_OBJECT);
    x_str(r, a, v, "name", &p->name);
    x_str(r, a, v, "url", &p->url);
    x_str(r, a, v, "avatar", &p->avatar);
    x_str(r, a, x, "email", &p->email);
    if (x_true(r, x, "name_absent"))
        p->name = NULL;
    const char *k;
    json_t *kv;
    json_object_foreach(v, k, kv)
    {
        if (strcmp(k, "name") && strcmp(k, "url") && strcmp(k, "avatar") && strcmp(k, JF_EXT))
            jr_warn(r, "%s: author key \"%s\" has no place in the model; dropped", r->where, k);
    }
    if (p->name || p->url || p->avatar || p->email)
        fc_list_append(list, p);
    else
        jr_warn(r, "%s: an author with no name, url or avatar was dropped", r->where);
}

/* authors (1.1), or author (1.0) when there is no authors. */
static void read_authors(struct jin *in, struct fc_list *list)
{
    struct jr *r = in->r;
    json_t *arr = in_get(in, "authors", JSON_ARRAY), *one = json_object_get(in->o, "author");
    json_t *v;
    size_t i;
    json_array_foreach(arr, i, v)
    {
        read_author(r, in->a, v, list);
    }
    if (!one || json_is_null(one))
        return;
    if (!arr) {
        read_author(r, in->a, one, list);
        return;
    }
    const json_t *first = json_array_get(arr, 0);
    if (!first || !json_equal(one, (json_t *)first)) {
        jr_warn(r, "%s: both \"author\" and \"authors\"; author kept as an extension", r->where);
        keep_json(r, in->a, in->exts, "author", one);
    }
}

/* The keys with no model field: `_x` quietly, others with a warning. */
static void read_other_keys(struct jin *in, const char *const *known)
{
    const char *k;
    json_t *v;
    json_object_foreach(in->o, k, v)
    {
        if (in_list(known, k))
            continue;
        if (k[0] != '_')
            jr_warn(in->r, "%s: unknown key \"%s\"; kept as an extension", in->r->where, k);
        keep_json(in->r, in->a, in->exts, k, v);
    }
}

static void read_tags(struct jin *in, json_t *x, struct fc_list *list)
{
    struct jr *r = in->r;
    json_t *arr = in_get(in, "tags", JSON_ARRAY), *xt = x_get(r, x, "tags", JSON_ARRAY), *v;
    size_t i, nx = json_array_size(xt);
    char *used = nx ? calloc(nx, 1) : NULL;
    if (nx && !used) {
        jr_nomem(r);
        return;
    }
    json_array_foreach(arr, i, v)
    {
        if (!json_is_string(v)) {
            jr_warn(r, "%s.tags[%zu] is %s; dropped", r->where, i, type_name(v));
            continue;
        }
        struct fc_tag *t = fc_list_add(in->a, list, sizeof *t);
        if (!t) {
            jr_nomem(r);
            break;
        }
        jr_set(r, in->a, &t->term, json_string_value(v));
        /* scheme/label: the first unused _feedconv.tags entry, same term */
        for (size_t j = 0; j < nx; j++) {
            json_t *e = json_array_get(xt, j), *term = json_object_get(e, "term");
            if (!used[j] && json_is_string(term) &&
                strcmp(json_string_value(term), json_string_value(v)) == 0) {
                used[j] = 1;
                x_tag(r, in->a, e, t);
                break;
            }
        }
    }
    for (size_t j = 0; j < nx; j++) { /* tags without a term, or orphans */
        json_t *e = json_array_get(xt, j);
        if (used[j] || !json_is_object(e))
            continue;
        struct fc_tag *t = fc_list_add(in->a, list, sizeof *t);
        if (!t) {
            jr_nomem(r);
            break;
        }
        x_tag(r, in->a, e, t);
    }
    free(used);
}

static void read_attachments(struct jin *in, struct fc_list *list)
{
    struct jr *r = in->r;
    json_t *arr = in_get(in, "attachments", JSON_ARRAY), *v;
    size_t i;
    json_array_foreach(arr, i, v)
    {
        if (!json_is_object(v)) {
            jr_warn(r, "%s.attachments[%zu] is %s; dropped", r->where, i, type_name(v));
            continue;
        }
        struct fc_media *m = fc_list_add(in->a, list, sizeof *m);
        if (!m) {
            jr_nomem(r);
            return;
        }
        m->length = -1;
        m->duration = -1;
        json_t *x = x_get(r, v, JF_EXT, JSON_OBJECT);
        x_str(r, in->a, v, "url", &m->url);
        x_str(r, in->a, v, "mime_type", &m->type);
        x_str(r, in->a, v, "title", &m->title);
        if (x_true(r, x, "type_absent"))
            m->type = NULL;
        json_t *n = json_object_get(v, "size_in_bytes");
        if (json_is_integer(n) && json_integer_value(n) >= 0)
            m->length = json_integer_value(n);
        else if (json_is_real(n) && json_real_value(n) >= 0 && json_real_value(n) < 9e18)
            m->length = (int64_t)json_real_value(n);
        else if (n)
            jr_warn(r, "%s.attachments[%zu].size_in_bytes is not a size; dropped", r->where, i);
        n = json_object_get(v, "duration_in_seconds");
        if (json_is_number(n) && json_number_value(n) >= 0)
            m->duration = json_number_value(n);
        else if (n)
            jr_warn(r, "%s.attachments[%zu].duration_in_seconds is not a duration; dropped",
                    r->where, i);
        if (!m->url)
            jr_warn(r, "%s.attachments[%zu] has no url", r->where, i);
    }
}

static void read_post_x(struct jr *r, struct fc_post *p, json_t *x, json_t *dates)
{
    struct fc_arena *a = p->arena;
    json_t *v = x_get(r, x, "id_is_permalink", JSON_TRUE);
    if (v)
        p->id_is_permalink = json_is_true(v);
    if (x_true(r, x, "id_absent"))
        p->id = NULL;
    if (x_true(r, x, "content_absent"))
        p->content_html = p->content_text = NULL;
    x_text(r, a, x, "title", &p->title);
    x_text(r, a, x, "summary", &p->summary);
    x_str(r, a, x, "content_src", &p->content_src);
    x_str(r, a, x, "content_type", &p->content_type);
    x_persons(r, a, x, "contributors", &p->contributors);
    x_links(r, a, x, &p->links);
    x_str(r, a, x, "comments_url", &p->comments_url);
    p->comment_count = x_int(r, x, "comment_count", -1);
    x_str(r, a, x, "comments_feed", &p->comments_feed);
    json_t *s = x_get(r, x, "source", JSON_OBJECT);
    if (s) {
        p->source = fc_alloc(a, sizeof *p->source);
        if (!p->source) {
            jr_nomem(r);
            return;
        }
        x_str(r, a, s, "title", &p->source->title);
        x_str(r, a, s, "url", &p->source->url);
        x_str(r, a, s, "home_url", &p->source->home_url);
        x_str(r, a, s, "id", &p->source->id);
        read_time(r, a, x_get(r, s, "updated", JSON_STRING),
                  json_object_get(dates, "source_updated"), "source.updated", &p->source->updated);
    }
    x_text(r, a, x, "rights", &p->rights);
    x_str(r, a, x, "base", &p->base);
    x_str(r, a, x, "slug", &p->slug);
    if (x_true(r, x, "draft"))
        p->draft = 1;
    x_exts(r, a, x_get(r, x, "exts", JSON_ARRAY), &p->exts);
}

static void read_post(struct jr *r, json_t *o, struct fc_post *p)
{
    struct jin in = {r, p->arena, o, &p->exts};
    json_t *x = x_get(r, o, JF_EXT, JSON_OBJECT);
    json_t *dates = x_get(r, x, "dates", JSON_OBJECT);
    json_t *id = json_object_get(o, "id");
    if (json_is_number(id)) { /* the spec: coerce numbers to strings */
        p->id = jr_dumps(r, p->arena, id);
    } else {
        in_str(&in, "id", &p->id);
    }
    if (!p->id)
        jr_warn(r, "%s has no id", r->where);
    in_str(&in, "url", &p->url);
    in_str(&in, "external_url", &p->external_url);
    in_str(&in, "title", &p->title.value);
    in_str(&in, "content_html", &p->content_html);
    in_str(&in, "content_text", &p->content_text);
    in_str(&in, "summary", &p->summary.value);
    in_str(&in, "image", &p->image);
    in_str(&in, "banner_image", &p->banner_image);
    read_time(r, p->arena, in_get(&in, "date_published", JSON_STRING),
              json_object_get(dates, "published"), "date_published", &p->published);
    read_time(r, p->arena, in_get(&in, "date_modified", JSON_STRING),
              json_object_get(dates, "updated"), "date_modified", &p->updated);
    read_authors(&in, &p->authors);
    read_tags(&in, x, &p->categories);
    in_str(&in, "language", &p->language);
    read_attachments(&in, &p->attachments);
    read_other_keys(&in, item_keys);
    read_post_x(r, p, x, dates);
}

static void read_hubs(struct jin *in, struct fc_list *list)
{
    struct jr *r = in->r;
    json_t *arr = in_get(in, "hubs", JSON_ARRAY), *v;
    size_t i;
    json_array_foreach(arr, i, v)
    {
        if (!json_is_object(v)) {
            jr_warn(r, "feed.hubs[%zu] is %s; dropped", i, type_name(v));
            continue;
        }
        struct fc_hub *h = fc_list_add(in->a, list, sizeof *h);
        if (!h) {
            jr_nomem(r);
            return;
        }
        x_str(r, in->a, v, "type", &h->type);
        x_str(r, in->a, v, "url", &h->url);
        if (x_true(r, x_get(r, v, JF_EXT, JSON_OBJECT), "type_absent"))
            h->type = NULL;
    }
}

static void read_feed_misc(struct jr *r, struct fc_feed *f, json_t *x)
{
    struct fc_arena *a = f->arena;
    json_t *o = x_get(r, x, "generator", JSON_OBJECT), *v;
    x_str(r, a, o, "name", &f->generator.name);
    x_str(r, a, o, "version", &f->generator.version);
    x_str(r, a, o, "uri", &f->generator.uri);
    x_persons(r, a, x, "contributors", &f->contributors);
    if ((o = x_get(r, x, "editor", JSON_OBJECT)))
        x_person(r, a, o, &f->editor);
    if ((o = x_get(r, x, "webmaster", JSON_OBJECT)))
        x_person(r, a, o, &f->webmaster);
    json_t *arr = x_get(r, x, "categories", JSON_ARRAY);
    size_t i;
    json_array_foreach(arr, i, v)
    {
        struct fc_tag *t = json_is_object(v) ? fc_list_add(a, &f->categories, sizeof *t) : NULL;
        if (t)
            x_tag(r, a, v, t);
        else if (json_is_object(v))
            jr_nomem(r);
    }
    if ((o = x_get(r, x, "image", JSON_OBJECT))) {
        x_str(r, a, o, "title", &f->image.title);
        x_str(r, a, o, "link", &f->image.link);
        x_str(r, a, o, "description", &f->image.description);
        f->image.width = x_small(r, o, "width");
        f->image.height = x_small(r, o, "height");
    }
    f->ttl = x_small(r, x, "ttl");
    x_str(r, a, x, "docs", &f->docs);
    if ((o = x_get(r, x, "cloud", JSON_OBJECT))) {
        x_str(r, a, o, "domain", &f->cloud.domain);
        f->cloud.port = x_small(r, o, "port");
        x_str(r, a, o, "path", &f->cloud.path);
        x_str(r, a, o, "procedure", &f->cloud.procedure);
        x_str(r, a, o, "protocol", &f->cloud.protocol);
    }
    json_array_foreach(x_get(r, x, "skip_hours", JSON_ARRAY), i, v)
    {
        if (json_is_integer(v) && json_integer_value(v) >= 0 && json_integer_value(v) < 24)
            f->skip_hours |= UINT32_C(1) << json_integer_value(v);
    }
    json_array_foreach(x_get(r, x, "skip_days", JSON_ARRAY), i, v)
    {
        int d = json_is_string(v) ? name_index(fc_jf_day_names, 7, json_string_value(v)) : -1;
        if (d >= 0)
            f->skip_days |= (uint8_t)(1u << d);
    }
    x_str(r, a, x, "rating", &f->rating);
    if ((o = x_get(r, x, "text_input", JSON_OBJECT))) {
        x_str(r, a, o, "title", &f->text_input.title);
        x_str(r, a, o, "description", &f->text_input.description);
        x_str(r, a, o, "name", &f->text_input.name);
        x_str(r, a, o, "link", &f->text_input.link);
    }
    x_str(r, a, x, "base", &f->base);
    x_links(r, a, x, &f->links);
}

/* Members of the feed object into f: those before "items", then (again)
 * those after it. */
static void read_feed(struct jr *r, json_t *o, struct fc_feed *f)
{
    struct jin in = {r, f->arena, o, &f->exts};
    json_t *x = x_get(r, o, JF_EXT, JSON_OBJECT);
    json_t *dates = x_get(r, x, "dates", JSON_OBJECT);
    in_str(&in, "title", &f->title.value);
    if (f->title.value)
        r->saw_title = true; /* "feed has no title" waits for the end */
    in_str(&in, "home_page_url", &f->home_url);
    in_str(&in, "feed_url", &f->feed_url);
    in_str(&in, "description", &f->subtitle.value);
    in_str(&in, "user_comment", &f->user_comment);
    in_str(&in, "next_url", &f->next_url);
    in_str(&in, "icon", &f->image.url);
    in_str(&in, "favicon", &f->icon);
    read_authors(&in, &f->authors);
    in_str(&in, "language", &f->language);
    json_t *v = in_get(&in, "expired", JSON_TRUE);
    if (v)
        f->expired = json_is_true(v);
    read_hubs(&in, &f->hubs);
    read_other_keys(&in, feed_keys);

    if (x_true(r, x, "title_absent"))
        f->title.value = NULL;
    x_text(r, f->arena, x, "title", &f->title);
    x_text(r, f->arena, x, "subtitle", &f->subtitle);
    x_str(r, f->arena, x, "description_text", &f->description_text);
    x_str(r, f->arena, x, "id", &f->id);
    x_text(r, f->arena, x, "rights", &f->rights);
    read_time(r, f->arena, x_get(r, x, "published", JSON_STRING),
              json_object_get(dates, "published"), "published", &f->published);
    read_time(r, f->arena, x_get(r, x, "updated", JSON_STRING), json_object_get(dates, "updated"),
              "updated", &f->updated);
    read_feed_misc(r, f, x);
    x_exts(r, f->arena, x_get(r, x, "exts", JSON_ARRAY), &f->exts);
}

static bool too_deep(json_t *v, unsigned depth, unsigned max)
{
    if (depth > max)
        return true;
    const char *k;
    json_t *c;
    size_t i;
    if (json_is_object(v)) {
        json_object_foreach(v, k, c)
        {
            if (too_deep(c, depth + 1, max))
                return true;
        }
    } else if (json_is_array(v)) {
        json_array_foreach(v, i, c)
        {
            if (too_deep(c, depth + 1, max))
                return true;
        }
    }
    return false;
}

/* A document that is not an object (so not a feed), parsed whole for the
 * error: jansson's syntax error, or what the document is. */
static enum fc_status parse_doc(struct jr *r, const char *s, size_t n, unsigned long line,
                                unsigned long col)
{
    json_error_t e;
    memset(&e, 0, sizeof e); /* jansson can fail on ENOMEM without a word */
    json_t *doc = json_loadb(s, n, JSON_DECODE_ANY, &e);
    if (!doc) {
        enum json_error_code c = json_error_code(&e);
        /* jansson can fail on ENOMEM without a word, or call it a syntax
         * error: text that is surely JSON failed for want of memory. */
        if (e.text[0] == '\0' || (c != json_error_stack_overflow && fc_jf_surely_json(s, n)))
            return fc_nomem(r->err);
        enum fc_status code = c == json_error_out_of_memory    ? FC_ENOMEM
                              : c == json_error_stack_overflow ? FC_ELIMIT
                                                               : FC_EPARSE;
        return fc_fail(r->err, code, r->name, e.line > 0 ? (unsigned long)e.line : 0,
                       e.column > 0 ? (unsigned long)e.column : 0, "invalid JSON: %s", e.text);
    }
    enum fc_status st =
        fc_fail(r->err, FC_EFORMAT, r->name, line, col,
                "not a JSON Feed: the document is %s, not an object", type_name(doc));
    json_decref(doc);
    return st;
}

/* ---- the streaming scanner --------------------------------------------
 * The top-level object is walked here, a token at a time, reading the
 * input in chunks; each member's value and each item is cut out by a
 * string-aware bracket count and parsed alone by jansson.  Memory holds
 * one item (at most JS_VALUE_MAX bytes).  Positions are counted as jansson
 * counts them (lines; columns in code points), so its errors inside a
 * value are moved to where the value is in the document. */

#define JS_CHUNK ((size_t)64 << 10)
#define JS_VALUE_MAX ((size_t)64 << 20) /* one member value or item */

struct js {
    struct fc_input *in;
    struct jr *r;
    struct fc_buf b; /* [pos, b.len) not consumed yet */
    size_t pos;
    bool eof, compact;       /* compact: consumed bytes may be dropped */
    size_t total, max;       /* bytes read, opt->max_input */
    unsigned long line, col; /* of b.data[pos]: its line, code points before it on it */
    unsigned max_depth;
    size_t sbytes; /* bytes the strings of the value being cut decode to */
};

/* jansson's column step: ASCII and UTF-8 lead bytes (utf8_check_first). */
static bool js_counts(unsigned char c)
{
    return c < 0x80 || (c >= 0xC2 && c <= 0xF4);
}

/* Read more input; *more = false at the end. */
static enum fc_status js_fill(struct js *s, bool *more)
{
    *more = false;
    if (s->eof)
        return FC_OK;
    if (s->compact && s->pos > 0 && s->pos >= s->b.len / 2) {
        memmove(s->b.data, s->b.data + s->pos, s->b.len - s->pos);
        s->b.len -= s->pos;
        s->pos = 0;
    }
    if (!fc_buf_reserve(&s->b, JS_CHUNK))
        return fc_nomem(s->r->err);
    size_t got = 0;
    enum fc_status st = fc_in_read(s->in, s->b.data + s->b.len, JS_CHUNK, &got, s->r->err);
    if (st)
        return st;
    if (got == 0) {
        s->eof = true;
        return FC_OK;
    }
    s->total += got;
    if (s->total > s->max)
        return fc_fail(s->r->err, FC_ELIMIT, s->r->name, 0, 0, "input larger than %zu bytes",
                       s->max);
    s->b.len += got;
    *more = true;
    return FC_OK;
}

/* Make byte pos + k available; *c = it, or -1 at the end of input. */
static enum fc_status js_at(struct js *s, size_t k, int *c)
{
    while (s->pos + k >= s->b.len) {
        bool more;
        enum fc_status st = js_fill(s, &more);
        if (st)
            return st;
        if (!more) {
            *c = -1;
            return FC_OK;
        }
    }
    *c = (unsigned char)s->b.data[s->pos + k];
    return FC_OK;
}

/* Line and column (jansson's) after the bytes [pos, pos + k). */
static void js_pos_after(const struct js *s, size_t k, unsigned long *line, unsigned long *col)
{
    const char *p = s->b.data + s->pos, *end = p + k, *nl;
    *line = s->line;
    *col = s->col;
    while ((nl = memchr(p, '\n', (size_t)(end - p))) != NULL) {
        ++*line;
        *col = 0;
        p = nl + 1;
    }
    for (; p < end; p++)
        *col += js_counts((unsigned char)*p);
}

static void js_advance(struct js *s, size_t k)
{
    js_pos_after(s, k, &s->line, &s->col);
    s->pos += k;
}

static enum fc_status js_ws(struct js *s)
{
    for (;;) {
        int c;
        enum fc_status st = js_at(s, 0, &c);
        if (st || !(c == ' ' || c == '\t' || c == '\n' || c == '\r'))
            return st;
        js_advance(s, 1);
    }
}

/* The escape at pos + *k (a backslash): past it, and what it decodes to
 * added to s->sbytes.  Bad escapes are jansson's to report. */
static enum fc_status js_escape(struct js *s, size_t *k)
{
    int c, h;
    unsigned cp[2] = {0, 0};
    enum fc_status st = js_at(s, *k + 1, &c);
    if (st || c != 'u') {
        *k += 2;
        s->sbytes++;
        return st;
    }
    for (int u = 0; u < 2; u++) {
        size_t at = *k + 6 * (size_t)u;
        if (u == 1) {
            int b, uu;
            if ((st = js_at(s, at, &b)) || (st = js_at(s, at + 1, &uu)))
                return st;
            if (b != '\\' || uu != 'u')
                break;
        }
        for (size_t i = 2; i < 6; i++) {
            if ((st = js_at(s, at + i, &h)))
                return st;
            int x = h >= '0' && h <= '9'   ? h - '0'
                    : h >= 'a' && h <= 'f' ? h - 'a' + 10
                    : h >= 'A' && h <= 'F' ? h - 'A' + 10
                                           : -1;
            if (x < 0) { /* invalid: jansson fails on it */
                *k += 2;
                return FC_OK;
            }
            cp[u] = cp[u] * 16 + (unsigned)x;
        }
        if (u == 0 && !(cp[0] >= 0xD800 && cp[0] <= 0xDBFF))
            break;
    }
    if (cp[0] >= 0xD800 && cp[0] <= 0xDBFF && cp[1] >= 0xDC00 && cp[1] <= 0xDFFF) {
        *k += 12;
        s->sbytes += 4;
    } else {
        *k += 6;
        s->sbytes += cp[0] < 0x80 ? 1 : cp[0] < 0x800 ? 2 : 3;
    }
    return FC_OK;
}

/* Past the body of a string whose opening quote is at pos + *k - 1;
 * *closed = false when the input ends first. */
static enum fc_status js_str_body(struct js *s, size_t *k, bool *closed)
{
    *closed = false;
    for (;;) {
        if (s->pos + *k >= s->b.len) {
            int c;
            enum fc_status st = js_at(s, *k, &c);
            if (st || c < 0)
                return st;
        }
        if (*k > JS_VALUE_MAX)
            return FC_ELIMIT;
        /* the hot path: most bytes of a feed are inside strings */
        const char *p = s->b.data + s->pos;
        size_t end = s->b.len - s->pos, i = *k;
        const char *q = memchr(p + i, '"', end - i);
        const char *bs = memchr(p + i, '\\', (size_t)((q ? q : p + end) - (p + i)));
        i = (size_t)((bs ? bs : q ? q : p + end) - p);
        s->sbytes += i - *k;
        *k = i;
        if (i == end)
            continue;
        if (p[i] == '"') {
            ++*k;
            *closed = true;
            return FC_OK;
        }
        enum fc_status st = js_escape(s, k);
        if (st)
            return st;
    }
}

/* Bytes of the string starting at pos (with its quotes) in *n; *n = 0
 * when it does not end (the rest of the input is then available). */
static enum fc_status js_string(struct js *s, size_t *n)
{
    size_t k = 1;
    bool closed;
    s->sbytes = 0;
    enum fc_status st = js_str_body(s, &k, &closed);
    *n = closed ? k : 0;
    return st;
}

static bool js_delim(int c)
{
    return c < 0 || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == ':' ||
           c == '[' || c == ']' || c == '{' || c == '}' || c == '"';
}

/* A syntax error at the token at pos, worded as jansson words it. */
static enum fc_status js_syntax(struct js *s, const char *msg)
{
    int c;
    enum fc_status st = js_at(s, 0, &c);
    if (st)
        return st;
    unsigned long line = s->line, col = s->col;
    if (c < 0)
        return fc_fail(s->r->err, FC_EPARSE, s->r->name, line, col,
                       "invalid JSON: %s near end of file", msg);
    size_t k = 1;
    if (c == '"') {
        if ((st = js_string(s, &k)) == FC_ELIMIT || k == 0)
            k = s->b.len - s->pos;
        else if (st)
            return st;
    } else if (!js_delim(c)) {
        int d = 0;
        while (k <= 20 && (st = js_at(s, k, &d)) == FC_OK && !js_delim(d))
            k++;
        if (st)
            return st;
    }
    js_pos_after(s, k, &line, &col);
    if (k > 20)
        return fc_fail(s->r->err, FC_EPARSE, s->r->name, line, col, "invalid JSON: %s", msg);
    return fc_fail(s->r->err, FC_EPARSE, s->r->name, line, col, "invalid JSON: %s near '%.*s'", msg,
                   (int)k, s->b.data + s->pos);
}

static enum fc_status js_too_big(struct js *s, const char *what)
{
    return fc_fail(s->r->err, FC_ELIMIT, s->r->name, s->line, s->col + 1,
                   "%s is larger than %zu MB; refused", what, JS_VALUE_MAX >> 20);
}

static enum fc_status js_digits(struct js *s, size_t *k)
{
    int c;
    enum fc_status st;
    while ((st = js_at(s, *k, &c)) == FC_OK && c >= '0' && c <= '9')
        ++*k;
    return st;
}

/* The token of a number or a word at pos, cut as jansson's lexer cuts
 * it (the grammar of a number, a run of letters, else one byte), so that
 * what follows it gets jansson's error ("']' expected near 'x'"). */
static enum fc_status js_scalar(struct js *s, int c, size_t *n)
{
    size_t k = 0;
    enum fc_status st = FC_OK;
    if (c == '-' || (c >= '0' && c <= '9')) {
        /* -?digits, then .digits and [eE][+-]?digits when they start */
        if (c == '-')
            k++;
        if ((st = js_digits(s, &k)) || (st = js_at(s, k, &c)))
            return st;
        if (c == '.') {
            k++;
            if ((st = js_digits(s, &k)) || (st = js_at(s, k, &c)))
                return st;
        }
        if (c == 'e' || c == 'E') {
            k++;
            if ((st = js_at(s, k, &c)))
                return st;
            if (c == '+' || c == '-')
                k++;
            if ((st = js_digits(s, &k)))
                return st;
        }
    } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
        while ((st = js_at(s, k, &c)) == FC_OK &&
               ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
            k++;
    } else {
        k = 1;
    }
    *n = k;
    return st;
}

/* The bytes of the value at pos, `depth` levels down (the document is 1),
 * in *n: a string-aware bracket count, or a scalar up to a delimiter.  0
 * when there is no value there; the rest of the input when it does not
 * end (jansson then says why). */
static enum fc_status js_value(struct js *s, unsigned depth, const char *what, size_t *n)
{
    int c;
    enum fc_status st = js_at(s, 0, &c);
    *n = 0;
    if (st || c < 0 || c == ',' || c == ':' || c == ']' || c == '}')
        return st;
    if (c == '"') {
        st = js_string(s, n);
        if (st == FC_ELIMIT)
            return js_too_big(s, what);
        if (!st && *n == 0)
            *n = s->b.len - s->pos;
        return st;
    }
    size_t k = 0;
    if (c != '{' && c != '[') {
        s->sbytes = 0;
        return js_scalar(s, c, n);
    }
    unsigned d = 0;
    s->sbytes = 0;
    for (;;) {
        if (s->pos + k >= s->b.len) {
            if ((st = js_at(s, k, &c)))
                return st;
            if (c < 0) {
                *n = k;
                return FC_OK;
            }
        }
        if (k >= JS_VALUE_MAX)
            return js_too_big(s, what);
        c = (unsigned char)s->b.data[s->pos + k];
        k++;
        if (c == '"') {
            bool closed;
            st = js_str_body(s, &k, &closed);
            if (st == FC_ELIMIT)
                return js_too_big(s, what);
            if (st)
                return st;
            if (!closed) {
                *n = s->b.len - s->pos;
                return FC_OK;
            }
        } else if (c == '{' || c == '[') {
            if (depth - 1 + ++d > s->max_depth) {
                unsigned long line, col;
                js_pos_after(s, k, &line, &col);
                return fc_fail(s->r->err, FC_ELIMIT, s->r->name, line, col,
                               "JSON nested deeper than %u levels", s->max_depth);
            }
        } else if ((c == '}' || c == ']') && --d == 0) {
            *n = k;
            return FC_OK;
        }
    }
}

/* Bytes of the strings and keys in v. */
static size_t str_bytes(json_t *v)
{
    size_t sum = 0, i;
    const char *k;
    json_t *c;
    if (json_is_string(v))
        return json_string_length(v);
    if (json_is_object(v)) {
        json_object_foreach(v, k, c)
        {
            sum += strlen(k) + str_bytes(c);
        }
    } else if (json_is_array(v)) {
        json_array_foreach(v, i, c)
        {
            sum += str_bytes(c);
        }
    }
    return sum;
}

/* Parse the n bytes at pos with jansson; its error positions are moved
 * to the document's.  The first duplicate key of the document is a
 * warning (the last value is kept), as when the document was read whole. */
static enum fc_status js_load(struct js *s, size_t n, bool *dups_ok, json_t **out)
{
    struct jr *r = s->r;
    const char *p = s->b.data + s->pos;
    if ((*out = fc_jf_parse_quick(p, n)) != NULL)
        return FC_OK;
    json_error_t e;
    memset(&e, 0, sizeof e);       /* jansson can fail on ENOMEM without a word */
    bool checked_dups = !*dups_ok; /* then the tree holds every string of the text */
    json_t *v = json_loadb(p, n, JSON_DECODE_ANY | (*dups_ok ? 0 : JSON_REJECT_DUPLICATES), &e);
    unsigned long line = s->line + (e.line > 1 ? (unsigned long)e.line - 1 : 0);
    unsigned long col = e.line > 1 ? (unsigned long)e.column : s->col + (unsigned long)e.column;
    if (!v && json_error_code(&e) == json_error_duplicate_key) {
        *dups_ok = true;
        enum fc_status st =
            fc_warn(r->opt, r->err, r->name, line, col, "%s; the last value is kept", e.text);
        if (st)
            return st;
        memset(&e, 0, sizeof e);
        checked_dups = false;
        v = json_loadb(p, n, JSON_DECODE_ANY, &e);
        line = s->line + (e.line > 1 ? (unsigned long)e.line - 1 : 0);
        col = e.line > 1 ? (unsigned long)e.column : s->col + (unsigned long)e.column;
    }
    if (!v) {
        enum json_error_code c = json_error_code(&e);
        /* ENOMEM can come without a word, or as a syntax error: text that
         * is surely JSON failed for want of memory. */
        if (e.text[0] == '\0' || (c != json_error_stack_overflow && fc_jf_surely_json(p, n)))
            return fc_nomem(r->err);
        enum fc_status code = c == json_error_out_of_memory    ? FC_ENOMEM
                              : c == json_error_stack_overflow ? FC_ELIMIT
                                                               : FC_EPARSE;
        if (e.line <= 0)
            line = col = 0;
        return fc_fail(r->err, code, r->name, line, col, "invalid JSON: %s", e.text);
    }
    /* jansson's lexer drops a byte when growing its token buffer fails
     * and goes on: the strings then come out shorter than the text. */
    if (!checked_dups || str_bytes(v) == s->sbytes) {
        *out = v;
        return FC_OK;
    }
    json_decref(v);
    return fc_nomem(r->err);
}

/* One value (a member's, `depth` levels down) parsed and consumed. */
static enum fc_status js_parse_value(struct js *s, unsigned depth, const char *what, bool *dups_ok,
                                     json_t **v)
{
    size_t n;
    enum fc_status st = js_value(s, depth, what, &n);
    if (st)
        return st;
    if (n == 0)
        return js_syntax(s, "unexpected token");
    if ((st = js_load(s, n, dups_ok, v)))
        return st;
    if (too_deep(*v, depth, s->max_depth)) {
        json_decref(*v);
        *v = NULL;
        return fc_fail(s->r->err, FC_ELIMIT, s->r->name, s->line, s->col + 1,
                       "JSON nested deeper than %u levels", s->max_depth);
    }
    js_advance(s, n);
    return FC_OK;
}

/* The state of reading one streamed document. */
struct jdoc {
    struct js s;
    struct fc_handler *h;
    json_t *head, *tail;  /* top-level members before and after "items" */
    struct fc_feed *feed; /* once begin() is called */
    bool dups_ok, version_checked, items_seen;
    const char *version;     /* after JF_PREFIX, once checked; NULL: not a version URL */
    unsigned long line, col; /* of the document's "{" */
};

/* The version checks of the old whole-document reader. */
static enum fc_status check_version(struct jdoc *d, const json_t *v)
{
    struct jr *r = d->s.r;
    const char *ver = json_string_value(v);
    bool jf = ver && strncmp(ver, JF_PREFIX, strlen(JF_PREFIX)) == 0;
    d->version_checked = true;
    d->version = jf ? ver + strlen(JF_PREFIX) : NULL;
    if (!jf && !d->items_seen)
        return fc_fail(r->err, FC_EFORMAT, r->name, d->line, d->col,
                       "not a JSON Feed: no \"version\" (%s) and no \"items\"", JF_V11);
    const char *version = jf ? ver + strlen(JF_PREFIX) : NULL;
    if (!jf)
        jr_warn(r, "\"version\" is not a JSON Feed version URL; read as JSON Feed 1.1");
    else if (strcmp(version, "1") != 0 && strcmp(version, "1.1") != 0)
        jr_warn(r, "unknown JSON Feed version \"%s\"; read as 1.1", version);
    if (!d->items_seen)
        jr_warn(r, "feed has no \"items\"");
    return r->st;
}

static void set_format(struct jdoc *d)
{
    const char *v = d->version;
    if (fc_set(d->feed->arena, &d->feed->format,
               v && strcmp(v, "1") == 0 ? "jsonfeed 1.0" : "jsonfeed 1.1") != FC_OK)
        jr_nomem(d->s.r);
}

/* The feed from the members seen so far; begin(). */
static enum fc_status start_feed(struct jdoc *d)
{
    struct jr *r = d->s.r;
    json_t *v = json_object_get(d->head, "version");
    enum fc_status st;
    if (!(d->feed = fc_feed_new()))
        return fc_nomem(r->err);
    if (v && !d->version_checked && (st = check_version(d, v)))
        return st;
    set_format(d);
    snprintf(r->where, sizeof r->where, "feed");
    read_feed(r, d->head, d->feed);
    if ((st = r->st))
        return st;
    return d->h->begin(d->h->ctx, d->feed, r->err);
}

/* "items": stream its elements, one post each. */
static enum fc_status read_items(struct jdoc *d)
{
    struct js *s = &d->s;
    struct jr *r = s->r;
    enum fc_status st;
    int c;
    if ((st = js_at(s, 0, &c)))
        return st;
    if (c != '[') {
        json_t *v = NULL;
        if ((st = js_parse_value(s, 2, "\"items\"", &d->dups_ok, &v)))
            return st;
        st = fc_fail(r->err, FC_EFORMAT, r->name, d->line, d->col,
                     "not a JSON Feed: \"items\" is %s, not an array", type_name(v));
        json_decref(v);
        return st;
    }
    if (2 > s->max_depth)
        return fc_fail(r->err, FC_ELIMIT, r->name, s->line, s->col + 1,
                       "JSON nested deeper than %u levels", s->max_depth);
    d->items_seen = true;
    if (!d->feed && (st = start_feed(d)))
        return st;
    js_advance(s, 1);
    if ((st = js_ws(s)) || (st = js_at(s, 0, &c)))
        return st;
    if (c == ']') {
        js_advance(s, 1);
        return FC_OK;
    }
    for (size_t i = 0;; i++) {
        char what[48];
        snprintf(what, sizeof what, "items[%zu]", i);
        json_t *v = NULL;
        if ((st = js_ws(s)) || (st = js_parse_value(s, 3, what, &d->dups_ok, &v)))
            return st;
        snprintf(r->where, sizeof r->where, "%s", what);
        if (!json_is_object(v)) {
            jr_warn(r, "%s is %s, not an item; dropped", r->where, type_name(v));
        } else {
            struct fc_post *p = fc_post_new();
            if (!p) {
                json_decref(v);
                return fc_nomem(r->err);
            }
            read_post(r, v, p);
            st = r->st;
            if (st == FC_OK)
                st = d->h->post(d->h->ctx, d->feed, p, r->err);
            fc_post_free(p);
        }
        json_decref(v);
        if ((st = st ? st : r->st))
            return st;
        if ((st = js_ws(s)) || (st = js_at(s, 0, &c)))
            return st;
        if (c == ']') {
            js_advance(s, 1);
            return FC_OK;
        }
        if (c != ',')
            return js_syntax(s, "']' expected");
        js_advance(s, 1);
    }
}

/* One member "key": value of the top-level object (pos at its key). */
static enum fc_status read_member(struct jdoc *d)
{
    struct js *s = &d->s;
    struct jr *r = s->r;
    size_t n;
    enum fc_status st = js_string(s, &n);
    if (st == FC_ELIMIT)
        return js_too_big(s, "a key");
    if (st)
        return st;
    if (n == 0)
        return js_syntax(s, "string or '}' expected");
    json_t *k = NULL, *v = NULL;
    if ((st = js_load(s, n, &d->dups_ok, &k)))
        return st;
    const char *key = json_string_value(k);
    bool items = strcmp(key, "items") == 0;
    if (!d->dups_ok && ((items && d->items_seen) || json_object_get(d->head, key) ||
                        json_object_get(d->tail, key))) {
        /* jansson's words and position: the key token's end. */
        unsigned long line, col;
        js_pos_after(s, n, &line, &col);
        d->dups_ok = true;
        if (n <= 20)
            st = fc_warn(r->opt, r->err, r->name, line, col,
                         "duplicate object key near '%.*s'; the last value is kept", (int)n,
                         s->b.data + s->pos);
        else
            st = fc_warn(r->opt, r->err, r->name, line, col,
                         "duplicate object key; the last value is kept");
    }
    js_advance(s, n);
    int c;
    if (!st && !(st = js_ws(s)) && !(st = js_at(s, 0, &c)) && c != ':')
        st = js_syntax(s, "':' expected");
    if (!st) {
        js_advance(s, 1);
        st = js_ws(s);
    }
    if (!st && items) {
        st = read_items(d);
    } else if (!st) {
        char what[80];
        snprintf(what, sizeof what, "feed.%.60s", key);
        st = js_parse_value(s, 2, what, &d->dups_ok, &v);
        json_t *o = d->items_seen ? d->tail : d->head;
        if (!st && json_object_set_new(o, key, v) != 0)
            st = fc_nomem(r->err);
    }
    json_decref(k);
    return st;
}

/* The document from its "{" on. */
static enum fc_status read_object(struct jdoc *d)
{
    struct js *s = &d->s;
    struct jr *r = s->r;
    enum fc_status st;
    int c;
    js_advance(s, 1);
    for (bool first = true;; first = false) {
        if ((st = js_ws(s)) || (st = js_at(s, 0, &c)))
            return st;
        if (first && c == '}')
            break;
        if (c != '"')
            return js_syntax(s, "string or '}' expected");
        if ((st = read_member(d)) || (st = js_ws(s)) || (st = js_at(s, 0, &c)))
            return st;
        if (c == '}')
            break;
        if (c != ',')
            return js_syntax(s, "'}' expected");
        js_advance(s, 1);
    }
    js_advance(s, 1);
    if ((st = js_ws(s)) || (st = js_at(s, 0, &c)))
        return st;
    if (c >= 0)
        return js_syntax(s, "end of file expected");
    /* Feed data after "items" (JSON's key order is free) goes to end(). */
    if (!d->version_checked) {
        json_t *v = json_object_get(d->tail, "version");
        if ((st = check_version(d, v ? v : json_object_get(d->head, "version"))))
            return st;
        if (d->feed)
            set_format(d);
    }
    if (!d->feed && (st = start_feed(d)))
        return st;
    snprintf(r->where, sizeof r->where, "feed");
    read_feed(r, d->tail, d->feed);
    if (!r->saw_title)
        jr_warn(r, "feed has no title");
    if ((st = r->st))
        return st;
    return d->h->end(d->h->ctx, d->feed, r->err);
}

enum fc_status fc_jf_read(struct fc_input *in, struct fc_handler *out, const struct fc_options *opt,
                          struct fc_error *err)
{
    struct fc_options defaults;
    if (!opt) {
        fc_options_init(&defaults);
        opt = &defaults;
    }
    struct jr r = {.opt = opt, .err = err, .name = fc_input_name(in), .where = "document"};
    struct jdoc d = {.h = out};
    struct js *s = &d.s;
    s->in = in;
    s->r = &r;
    fc_buf_init(&s->b);
    s->max = opt->max_input ? opt->max_input : FC_DEFAULT_MAX_INPUT;
    s->max_depth = opt->max_depth ? opt->max_depth : FC_DEFAULT_MAX_DEPTH;
    s->line = 1;
    enum fc_status st;
    int c0, c1, c2, c;
    if ((st = js_at(s, 0, &c0)) || (st = js_at(s, 1, &c1)) || (st = js_at(s, 2, &c2)))
        goto out;
    if (c0 == 0xEF && c1 == 0xBB && c2 == 0xBF) {
        jr_warn(&r, "a UTF-8 byte-order mark was skipped");
        if ((st = r.st))
            goto out;
        s->pos = 3;
    }
    size_t start = s->pos;
    if ((st = js_ws(s)) || (st = js_at(s, 0, &c)))
        goto out;
    if (c != '{') {
        /* Not an object, so not a feed: read it whole to say why. */
        bool more = true;
        while (more)
            if ((st = js_fill(s, &more)))
                goto out;
        st = parse_doc(&r, s->b.data + start, s->b.len - start, s->line, s->col + 1);
        goto out;
    }
    d.line = s->line;
    d.col = s->col + 1;
    s->compact = true;
    d.head = json_object();
    d.tail = json_object();
    if (!d.head || !d.tail)
        st = fc_nomem(err);
    else
        st = read_object(&d);
out:
    json_decref(d.head);
    json_decref(d.tail);
    fc_feed_free(d.feed);
    fc_buf_free(&s->b);
    return st;
}

/* ================================================================== */
/* Detection                                                          */

static bool is_ws(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

int fc_jf_detect(const unsigned char *head, size_t len)
{
    size_t i = 0;
    if (len >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF)
        i = 3;
    while (i < len && is_ws(head[i]))
        i++;
    if (i >= len || head[i] != '{')
        return 0;
    for (i++; i < len && is_ws(head[i]); i++)
        ;
    if (i < len && head[i] != '"' && head[i] != '}')
        return 0;
    static const char key[] = "\"version\"";
    static const char url[] = "\"" JF_PREFIX;
    for (; i + sizeof key - 1 <= len; i++) {
        if (memcmp(head + i, key, sizeof key - 1) != 0)
            continue;
        size_t j = i + sizeof key - 1;
        while (j < len && is_ws(head[j]))
            j++;
        if (j >= len || head[j] != ':')
            continue;
        for (j++; j < len && is_ws(head[j]); j++)
            ;
        if (len - j >= sizeof url - 1 && memcmp(head + j, url, sizeof url - 1) == 0)
            return 95;
    }
    return 20; /* some JSON object */
}
