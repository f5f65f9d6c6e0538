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

/* Keep a JSON value as an ext (compact JSON text, origin "jsonfeed"). */
static void keep_json(struct jr *r, struct fc_arena *a, struct fc_list *exts, const char *key,
                      const json_t *v)
{
    char *s = json_dumps(v, JF_COMPACT);
    struct fc_ext *e = s ? fc_list_add(a, exts, sizeof *e) : NULL;
    if (e) {
        e->kind = FC_EXT_JSON;
        e->origin = "jsonfeed";
        e->name = fc_strdup(a, key, (size_t)-1);
        e->value = fc_strdup(a, s, (size_t)-1);
    }
    if (!e || !e->name || !e->value)
        jr_nomem(r);
    free(s);
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
            char *s = json_dumps(val, JF_COMPACT);
            jr_set(r, a, &e->value, s);
            if (!s)
                jr_nomem(r);
            free(s);
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
        char *s = json_dumps(id, JF_COMPACT);
        jr_set(r, p->arena, &p->id, s);
        if (!s)
            jr_nomem(r);
        free(s);
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

static void read_feed(struct jr *r, json_t *o, struct fc_feed *f)
{
    struct jin in = {r, f->arena, o, &f->exts};
    json_t *x = x_get(r, o, JF_EXT, JSON_OBJECT);
    json_t *dates = x_get(r, x, "dates", JSON_OBJECT);
    in_str(&in, "title", &f->title.value);
    if (!f->title.value)
        jr_warn(r, "feed has no title");
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

/* Line and column of byte `off` (1-based; columns count bytes). */
static void position(const char *s, size_t off, unsigned long *line, unsigned long *col)
{
    *line = 1;
    *col = 1;
    for (size_t i = 0; i < off; i++) {
        if (s[i] == '\n') {
            ++*line;
            *col = 1;
        } else {
            ++*col;
        }
    }
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

static enum fc_status parse_doc(struct jr *r, const char *s, size_t n, json_t **root)
{
    json_error_t e;
    size_t flags = JSON_DECODE_ANY | JSON_REJECT_DUPLICATES;
    json_t *doc = json_loadb(s, n, flags, &e);
    if (!doc && json_error_code(&e) == json_error_duplicate_key) {
        /* Kept, as most JSON readers do: the last value wins. */
        enum fc_status st = fc_warn(r->opt, r->err, r->name, (unsigned long)e.line,
                                    (unsigned long)(e.column > 0 ? e.column : 0),
                                    "%s; the last value is kept", e.text);
        if (st)
            return st;
        doc = json_loadb(s, n, JSON_DECODE_ANY, &e);
    }
    if (!doc) {
        enum json_error_code c = json_error_code(&e);
        enum fc_status code = c == json_error_out_of_memory    ? FC_ENOMEM
                              : c == json_error_stack_overflow ? FC_ELIMIT
                                                               : FC_EPARSE;
        return fc_fail(r->err, code, r->name, e.line > 0 ? (unsigned long)e.line : 0,
                       e.column > 0 ? (unsigned long)e.column : 0, "invalid JSON: %s", e.text);
    }
    *root = doc;
    return FC_OK;
}

/* Is this object a JSON Feed?  Sets *version ("1.0", "1.1", ...). */
static enum fc_status check_feed(struct jr *r, json_t *doc, const char *s, size_t n,
                                 const char **version)
{
    size_t off = 0;
    while (off < n && (s[off] == ' ' || s[off] == '\t' || s[off] == '\n' || s[off] == '\r'))
        off++;
    unsigned long line, col;
    position(s, off, &line, &col);
    if (!json_is_object(doc))
        return fc_fail(r->err, FC_EFORMAT, r->name, line, col,
                       "not a JSON Feed: the document is %s, not an object", type_name(doc));
    json_t *v = json_object_get(doc, "version"), *items = json_object_get(doc, "items");
    const char *ver = json_string_value(v);
    bool jf = ver && strncmp(ver, JF_PREFIX, strlen(JF_PREFIX)) == 0;
    if (!jf && !items)
        return fc_fail(r->err, FC_EFORMAT, r->name, line, col,
                       "not a JSON Feed: no \"version\" (%s) and no \"items\"", JF_V11);
    if (items && !json_is_array(items))
        return fc_fail(r->err, FC_EFORMAT, r->name, line, col,
                       "not a JSON Feed: \"items\" is %s, not an array", type_name(items));
    *version = jf ? ver + strlen(JF_PREFIX) : NULL;
    if (!jf)
        jr_warn(r, "\"version\" is not a JSON Feed version URL; read as JSON Feed 1.1");
    else if (strcmp(*version, "1") != 0 && strcmp(*version, "1.1") != 0)
        jr_warn(r, "unknown JSON Feed version \"%s\"; read as 1.1", *version);
    if (!items)
        jr_warn(r, "feed has no \"items\"");
    return r->st;
}

static enum fc_status run_handler(struct jr *r, json_t *doc, const char *version,
                                  struct fc_handler *h)
{
    struct fc_feed *f = fc_feed_new();
    if (!f)
        return fc_nomem(r->err);
    enum fc_status st;
    snprintf(r->where, sizeof r->where, "feed");
    if (fc_set(f->arena, &f->format,
               version && strcmp(version, "1") == 0 ? "jsonfeed 1.0" : "jsonfeed 1.1") != FC_OK)
        jr_nomem(r);
    read_feed(r, doc, f);
    if ((st = r->st) != FC_OK || (st = h->begin(h->ctx, f, r->err)) != FC_OK)
        goto out;
    json_t *items = json_object_get(doc, "items"), *v;
    size_t i;
    json_array_foreach(items, i, v)
    {
        snprintf(r->where, sizeof r->where, "items[%zu]", i);
        if (!json_is_object(v)) {
            jr_warn(r, "%s is %s, not an item; dropped", r->where, type_name(v));
            if ((st = r->st) != FC_OK)
                goto out;
            continue;
        }
        struct fc_post *p = fc_post_new();
        if (!p) {
            st = fc_nomem(r->err);
            goto out;
        }
        read_post(r, v, p);
        st = r->st;
        if (st == FC_OK)
            st = h->post(h->ctx, f, p, r->err);
        fc_post_free(p);
        if (st != FC_OK)
            goto out;
    }
    st = h->end(h->ctx, f, r->err);
out:
    fc_feed_free(f);
    return st;
}

enum fc_status fc_jf_read(struct fc_input *in, struct fc_handler *out, const struct fc_options *opt,
                          struct fc_error *err)
{
    struct fc_options defaults;
    if (!opt) {
        fc_options_init(&defaults);
        opt = &defaults;
    }
    struct jr r = {FC_OK, opt, err, fc_input_name(in), "document"};
    struct fc_buf b;
    fc_buf_init(&b);
    json_t *doc = NULL;
    const char *version = NULL;
    enum fc_status st =
        fc_in_slurp(in, &b, opt->max_input ? opt->max_input : FC_DEFAULT_MAX_INPUT, err);
    if (st)
        goto out;
    const char *s = fc_buf_cstr(&b);
    size_t n = b.len;
    if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
        jr_warn(&r, "a UTF-8 byte-order mark was skipped");
        s += 3;
        n -= 3;
    }
    if ((st = r.st) || (st = parse_doc(&r, s, n, &doc)))
        goto out;
    unsigned max = opt->max_depth ? opt->max_depth : FC_DEFAULT_MAX_DEPTH;
    if (too_deep(doc, 1, max)) {
        st = fc_fail(err, FC_ELIMIT, r.name, 0, 0, "JSON nested deeper than %u levels", max);
        goto out;
    }
    if ((st = check_feed(&r, doc, s, n, &version)))
        goto out;
    st = run_handler(&r, doc, version, out);
out:
    json_decref(doc);
    fc_buf_free(&b);
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
