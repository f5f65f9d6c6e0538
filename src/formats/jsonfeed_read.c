/*
 * jsonfeed_read.c - the JSON Feed reader (1.0, 1.1).  The
 * mapping and the reader rules are at the top of jsonfeed.c.
 */
#include "formats/jsonfeed.h"
#include "extcodec.h"
#include "syntax/json.h"
#include "util/html_urls.h"
#include "util/media.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const feed_keys[] = {
    "version", "title",   "home_page_url", "feed_url", "description", "user_comment", "next_url",
    "icon",    "favicon", "author",        "authors",  "language",    "expired",      "hubs",
    "items",   JF_EXT,    "_itunes",       "_podcast", NULL};
static const char *const item_keys[] = {"id",
                                        "url",
                                        "external_url",
                                        "title",
                                        "content_html",
                                        "content_text",
                                        "summary",
                                        "image",
                                        "banner_image",
                                        "date_published",
                                        "date_modified",
                                        "author",
                                        "authors",
                                        "tags",
                                        "language",
                                        "attachments",
                                        JF_EXT,
                                        "_itunes",
                                        "_podcast",
                                        "_media",
                                        NULL};

static bool in_list(const char *const *list, const char *s)
{
    for (; *list; list++)
        if (strcmp(*list, s) == 0)
            return true;
    return false;
}

/* ================================================================== */
/* Reader                                                             */

/* The state of reading one streamed document. */
struct jf_reader {
    struct fc_sticky st;
    struct fc_json_scanner s;
    struct fc_handler *h;
    json_t *head, *tail;  /* top-level members before and after "items" */
    struct fc_feed *feed; /* once begin() is called */
    bool dups_ok, version_checked, items_seen, saw_title;
    const char *version; /* the number in the version URL, once checked; NULL: none */
    /* What relative URLs are resolved against (JSON Feed has no
     * xml:base): opt->base_url, else the feed's absolute feed_url. */
    const char *base;
    unsigned long line, col; /* of the document's "{" */
    char where[64];          /* "feed", "items[3]": names values in warnings */
};

static void rd_set(struct jf_reader *r, struct fc_arena *a, const char **field, const char *s)
{
    if (s && fc_set(a, field, s) != FC_OK)
        fc_sticky_nomem(&r->st);
}

/* v as compact JSON text in the arena; NULL with ENOMEM recorded. */
static char *rd_dump(struct jf_reader *r, struct fc_arena *a, const json_t *v)
{
    char *s = fc_json_dump(a, v, FC_JSON_COMPACT);
    if (!s)
        fc_sticky_nomem(&r->st);
    return s;
}

/* Keep a JSON value as an ext (compact JSON text, origin "jsonfeed"). */
static void keep_json(struct jf_reader *r, struct fc_arena *a, struct fc_list *exts,
                      const char *key, const json_t *v)
{
    char *s = rd_dump(r, a, v);
    struct fc_ext *e = s ? fc_list_add(a, exts, sizeof *e) : NULL;
    if (e) {
        e->kind = FC_EXT_JSON;
        e->origin = "jsonfeed";
        e->name = fc_strdup(a, key, (size_t)-1);
        e->value = s;
    }
    if (!e || !e->name)
        fc_sticky_nomem(&r->st);
}

/* An object being read: typed getters keep a mistyped value as an ext;
 * dec reads its `_feedconv` (and, leniently, the JSON Feed objects inside
 * it: authors, attachments, hubs). */
struct jf_object {
    struct jf_reader *r;
    struct fc_arena *a;
    json_t *o;
    struct fc_list *exts;
    json_t *x; /* o's `_feedconv` */
    struct fc_extcodec_dec dec;
};

static void object_open(struct jf_object *in, struct jf_reader *r, struct fc_arena *a, json_t *o,
                        struct fc_list *exts)
{
    *in = (struct jf_object){r, a, o, exts, NULL, {&r->st, a, JF_EXT, r->where, 0, 0, NULL}};
    in->x = fc_extcodec_get(&in->dec, o, JF_EXT, JSON_OBJECT);
    fc_extcodec_dec_begin(&in->dec, in->x);
}

static json_t *in_get(struct jf_object *in, const char *key, json_type want)
{
    json_t *v = json_object_get(in->o, key);
    if (!v || json_is_null(v))
        return NULL;
    bool ok = json_typeof(v) == want || (want == JSON_TRUE && json_is_boolean(v)) ||
              (want == JSON_REAL && json_is_number(v));
    if (ok)
        return v;
    fc_sticky_warn(&in->r->st, 0, 0, "%s.%s is %s; kept as an extension", in->r->where, key,
                   fc_json_type_name(v));
    keep_json(in->r, in->a, in->exts, key, v);
    return NULL;
}

static void in_str(struct jf_object *in, const char *key, const char **field)
{
    json_t *v = in_get(in, key, JSON_STRING);
    if (v)
        rd_set(in->r, in->a, field, json_string_value(v));
}

/* A native date and its `_feedconv.dates` note. */
static void in_time(struct jf_object *in, const char *key, const char *note_key, struct fc_time *t)
{
    json_t *v = in_get(in, key, JSON_STRING);
    fc_extcodec_get_time(&in->dec, json_string_value(v), key, note_key, t);
}

/* One JSON Feed author object into a person. */
static void read_author(struct jf_object *in, json_t *v, struct fc_list *list)
{
    struct jf_reader *r = in->r;
    struct fc_extcodec_dec *d = &in->dec;
    if (!json_is_object(v)) {
        fc_sticky_warn(&r->st, 0, 0, "%s: an author is %s; dropped", r->where,
                       fc_json_type_name(v));
        return;
    }
    struct fc_person *p = fc_alloc(in->a, sizeof *p);
    if (!p) {
        fc_sticky_nomem(&r->st);
        return;
    }
    json_t *x = fc_extcodec_get(d, v, JF_EXT, JSON_OBJECT);
    fc_extcodec_get_str(d, v, "name", &p->name);
    fc_extcodec_get_str(d, v, "url", &p->url);
    fc_extcodec_get_str(d, v, "avatar", &p->avatar);
    fc_extcodec_get_str(d, x, "email", &p->email);
    if (fc_extcodec_get_true(d, x, "name_absent"))
        p->name = NULL;
    const char *k;
    json_t *kv;
    json_object_foreach(v, k, kv)
    {
        if (strcmp(k, "name") && strcmp(k, "url") && strcmp(k, "avatar") && strcmp(k, JF_EXT))
            fc_sticky_warn(&r->st, 0, 0, "%s: author key \"%s\" has no place in the model; dropped",
                           r->where, k);
    }
    if (p->name || p->url || p->avatar || p->email)
        fc_list_append(list, p);
    else
        fc_sticky_warn(&r->st, 0, 0, "%s: an author with no name, url or avatar was dropped",
                       r->where);
}

/* authors (1.1), or author (1.0) when there is no authors. */
static void read_authors(struct jf_object *in, struct fc_list *list)
{
    struct jf_reader *r = in->r;
    json_t *arr = in_get(in, "authors", JSON_ARRAY), *one = json_object_get(in->o, "author");
    json_t *v;
    size_t i;
    json_array_foreach(arr, i, v)
    {
        read_author(in, v, list);
    }
    if (!one || json_is_null(one))
        return;
    if (!arr) {
        read_author(in, one, list);
        return;
    }
    const json_t *first = json_array_get(arr, 0);
    if (!first || !json_equal(one, (json_t *)first)) {
        fc_sticky_warn(&r->st, 0, 0,
                       "%s: both \"author\" and \"authors\"; author kept as an extension",
                       r->where);
        keep_json(r, in->a, in->exts, "author", one);
    }
}

/* The keys with no model field: `_x` quietly, others with a warning. */
static void read_other_keys(struct jf_object *in, const char *const *known)
{
    const char *k;
    json_t *v;
    json_object_foreach(in->o, k, v)
    {
        if (in_list(known, k))
            continue;
        if (k[0] != '_')
            fc_sticky_warn(&in->r->st, 0, 0, "%s: unknown key \"%s\"; kept as an extension",
                           in->r->where, k);
        keep_json(in->r, in->a, in->exts, k, v);
    }
}

/* A new element of list for element i of the array in[key], when it is
 * of JSON type `type` (else dropped with a warning); NULL when dropped,
 * out of memory or after a failure. */
static void *list_elem(struct jf_object *in, const char *key, size_t i, json_t *v, json_type type,
                       struct fc_list *list, size_t size)
{
    struct jf_reader *r = in->r;
    if (!fc_sticky_ok(&r->st))
        return NULL;
    if (json_typeof(v) != type) {
        fc_sticky_warn(&r->st, 0, 0, "%s.%s[%zu] is %s; dropped", r->where, key, i,
                       fc_json_type_name(v));
        return NULL;
    }
    return fc_sticky_add(&r->st, in->a, list, size);
}

/* tags, with scheme and label from `_feedconv.tags`: the first unused
 * entry of the same term; entries left (no term, or orphans) are tags. */
static void read_tags(struct jf_object *in, struct fc_list *list)
{
    struct jf_reader *r = in->r;
    json_t *arr = in_get(in, "tags", JSON_ARRAY), *v;
    json_t *xt = fc_extcodec_get(&in->dec, in->x, "tags", JSON_ARRAY);
    size_t i, nx = json_array_size(xt);
    char *used = nx ? calloc(nx, 1) : NULL;
    if (nx && !used) {
        fc_sticky_nomem(&r->st);
        return;
    }
    json_array_foreach(arr, i, v)
    {
        struct fc_tag *t = list_elem(in, "tags", i, v, JSON_STRING, list, sizeof *t);
        if (!t)
            continue;
        rd_set(r, in->a, &t->term, json_string_value(v));
        for (size_t j = 0; j < nx; j++) {
            json_t *e = json_array_get(xt, j), *term = json_object_get(e, "term");
            if (!used[j] && json_is_string(term) &&
                strcmp(json_string_value(term), json_string_value(v)) == 0) {
                used[j] = 1;
                fc_extcodec_get_tag(&in->dec, e, t);
                break;
            }
        }
    }
    for (size_t j = 0; j < nx; j++) {
        json_t *e = json_array_get(xt, j);
        if (used[j] || !json_is_object(e))
            continue;
        struct fc_tag *t = fc_sticky_add(&r->st, in->a, list, sizeof *t);
        if (!t)
            break;
        fc_extcodec_get_tag(&in->dec, e, t);
    }
    free(used);
}

/* Each object of the array in[key] into a new element of list (size
 * bytes) by fn; other values are dropped with a warning. */
static void read_objects(struct jf_object *in, const char *key, struct fc_list *list, size_t size,
                         void (*fn)(struct jf_object *in, json_t *o, size_t i, void *elem))
{
    json_t *arr = in_get(in, key, JSON_ARRAY), *v;
    size_t i;
    json_array_foreach(arr, i, v)
    {
        void *elem = list_elem(in, key, i, v, JSON_OBJECT, list, size);
        if (elem)
            fn(in, v, i, elem);
    }
}

/* attachments[i] */
static void read_attachment(struct jf_object *in, json_t *v, size_t i, void *elem)
{
    struct jf_reader *r = in->r;
    struct fc_extcodec_dec *d = &in->dec;
    struct fc_media *m = elem;
    m->length = -1;
    m->duration = m->bitrate = m->framerate = m->samplingrate = -1;
    m->width = m->height = m->channels = m->is_default = -1;
    json_t *x = fc_extcodec_get(d, v, JF_EXT, JSON_OBJECT);
    fc_extcodec_get_str(d, v, "url", &m->url);
    fc_extcodec_get_str(d, v, "mime_type", &m->type);
    fc_extcodec_get_str(d, v, "title", &m->title);
    bool type_absent = fc_extcodec_get_true(d, x, "type_absent");
    if (type_absent)
        m->type = NULL;
    fc_jf_read_pod_attachment(d, v, m);
    /* mime_type is required: a vague one is bettered from the URL */
    const char *g = fc_media_type_vague(m->type) && !type_absent && m->kind != FC_MEDIA_CONTENT
                        ? fc_media_type_guess(m->url)
                        : NULL;
    if (g) {
        fc_sticky_warn(&r->st, 0, 0,
                       "%s.attachments[%zu] %s mime_type; \"%s\" guessed from its URL", r->where, i,
                       m->type ? "has a vague" : "has no", g);
        m->type = g;
    }
    json_t *n = json_object_get(v, "size_in_bytes");
    if (json_is_integer(n) && json_integer_value(n) >= 0)
        m->length = json_integer_value(n);
    else if (json_is_real(n) && json_real_value(n) >= 0 && json_real_value(n) < 9e18)
        m->length = (int64_t)json_real_value(n);
    else if (n)
        fc_sticky_warn(&r->st, 0, 0, "%s.attachments[%zu].size_in_bytes is not a size; dropped",
                       r->where, i);
    n = json_object_get(v, "duration_in_seconds");
    if (json_is_number(n) && json_number_value(n) >= 0)
        m->duration = json_number_value(n);
    else if (n)
        fc_sticky_warn(&r->st, 0, 0,
                       "%s.attachments[%zu].duration_in_seconds is not a duration; dropped",
                       r->where, i);
    if (!m->url)
        fc_sticky_warn(&r->st, 0, 0, "%s.attachments[%zu] has no url", r->where, i);
}

/* What `_feedconv` holds for an item, by the codec's member names, in the
 * order read. */
static const enum fc_extcodec_member item_x[] = {
    FC_XM_TITLE,
    FC_XM_SUMMARY,
    FC_XM_CONTENT_SRC,
    FC_XM_CONTENT_TYPE,
    FC_XM_CONTRIBUTORS,
    FC_XM_LINKS,
    FC_XM_COMMENTS_URL,
    FC_XM_COMMENT_COUNT,
    FC_XM_COMMENTS_FEED,
    FC_XM_SOURCE,
    FC_XM_RIGHTS,
    FC_XM_BASE,
    FC_XM_SLUG,
    FC_XM_DRAFT,
    FC_XM_KIND,
    FC_XM_PARENT_ID,
    FC_XM_WEIGHT,
    FC_XM_PRIVATE_POST,
    FC_XM_STICKY,
    FC_XM_EXPIRES,
    FC_XM_ALIASES,
    FC_XM_COMMENTS,
    FC_XM_EXTS,
    /* what the writer keeps aside: a duplicate id's original, URLs that
     * are not absolute */
    FC_XM_ID,
    FC_XM_URL,
    FC_XM_EXTERNAL_URL,
    FC_XM_BANNER_IMAGE,
};
static const enum fc_extcodec_member item_permalink[] = {FC_XM_ID_IS_PERMALINK};

/* *url resolved against the reader's base (none: as it is). */
static void resolve(struct jf_reader *r, struct fc_arena *a, const char **url)
{
    if (!r->base || !*url || fc_url_is_absolute(*url))
        return;
    const char *u = fc_url_resolve(a, r->base, *url);
    if (!u)
        fc_sticky_nomem(&r->st);
    else
        *url = u;
}

/* The feed's URLs, once its own URL is known (what it says, or
 * opt->base_url). */
static void resolve_feed(struct jf_reader *r, struct fc_feed *f)
{
    if (!r->base && f->feed_url && fc_url_is_absolute(f->feed_url) &&
        !(r->st.opt->flags & FC_OPT_NO_XML_BASE))
        r->base = f->feed_url;
    const char **urls[] = {&f->home_url, &f->next_url, &f->image.url, &f->icon};
    for (size_t i = 0; i < sizeof urls / sizeof urls[0]; i++)
        resolve(r, f->arena, urls[i]);
}

/* A post's URLs, and href / src in its HTML, against the reader's base. */
static void resolve_post(struct jf_reader *r, struct fc_post *p)
{
    if (!r->base || !fc_sticky_ok(&r->st))
        return;
    const char **urls[] = {&p->url, &p->external_url, &p->image, &p->banner_image};
    for (size_t i = 0; i < sizeof urls / sizeof urls[0]; i++)
        resolve(r, p->arena, urls[i]);
    for (struct fc_media *m = p->attachments.first; m; m = m->next)
        resolve(r, p->arena, &m->url);
    if (p->content_html)
        fc_sticky_set(&r->st, fc_html_urls_resolve(p->arena, r->base, p->content_html,
                                                   &p->content_html, r->st.err));
}

static void read_post(struct jf_reader *r, json_t *o, struct fc_post *p)
{
    struct jf_object in;
    object_open(&in, r, p->arena, o, &p->exts);
    json_t *id = json_object_get(o, "id");
    if (json_is_number(id)) { /* the spec: coerce numbers to strings */
        p->id = rd_dump(r, p->arena, id);
    } else {
        in_str(&in, "id", &p->id);
    }
    if (!p->id)
        fc_sticky_warn(&r->st, 0, 0, "%s has no id", r->where);
    in_str(&in, "url", &p->url);
    in_str(&in, "external_url", &p->external_url);
    in_str(&in, "title", &p->title.value);
    in_str(&in, "content_html", &p->content_html);
    in_str(&in, "content_text", &p->content_text);
    in_str(&in, "summary", &p->summary.value);
    in_str(&in, "image", &p->image);
    in_str(&in, "banner_image", &p->banner_image);
    in_time(&in, "date_published", "published", &p->published);
    in_time(&in, "date_modified", "updated", &p->updated);
    read_authors(&in, &p->authors);
    read_tags(&in, &p->categories);
    in_str(&in, "language", &p->language);
    read_objects(&in, "attachments", &p->attachments, sizeof(struct fc_media), read_attachment);
    read_other_keys(&in, item_keys);
    fc_extcodec_get_post(&in.dec, in.x, p, item_permalink, 1);
    if (fc_extcodec_get_true(&in.dec, in.x, "id_absent"))
        p->id = NULL;
    if (fc_extcodec_get_true(&in.dec, in.x, "content_absent"))
        p->content_html = p->content_text = NULL;
    fc_jf_read_pod_item(&in.dec, o, p);
    fc_extcodec_get_post(&in.dec, in.x, p, item_x, sizeof item_x / sizeof item_x[0]);
    resolve_post(r, p);
}

/* hubs[i] */
static void read_hub(struct jf_object *in, json_t *v, size_t i, void *elem)
{
    struct fc_extcodec_dec *d = &in->dec;
    struct fc_hub *h = elem;
    (void)i;
    fc_extcodec_get_str(d, v, "type", &h->type);
    fc_extcodec_get_str(d, v, "url", &h->url);
    if (fc_extcodec_get_true(d, fc_extcodec_get(d, v, JF_EXT, JSON_OBJECT), "type_absent"))
        h->type = NULL;
}

/* What `_feedconv` holds for the feed, in the order read. */
static const enum fc_extcodec_member feed_x[] = {
    FC_XM_TITLE,
    FC_XM_SUBTITLE,
    FC_XM_DESCRIPTION_TEXT,
    FC_XM_ID,
    FC_XM_RIGHTS,
    FC_XM_PUBLISHED,
    FC_XM_UPDATED,
    FC_XM_GENERATOR,
    FC_XM_CONTRIBUTORS,
    FC_XM_EDITOR,
    FC_XM_WEBMASTER,
    FC_XM_CATEGORIES,
    FC_XM_IMAGE_DETAILS,
    FC_XM_TTL,
    FC_XM_DOCS,
    FC_XM_CLOUD,
    FC_XM_SKIP_HOURS,
    FC_XM_SKIP_DAYS,
    FC_XM_RATING,
    FC_XM_TEXT_INPUT,
    FC_XM_BASE,
    FC_XM_LINKS,
    FC_XM_MENUS,
    FC_XM_TIME_ZONE,
    FC_XM_EXTS,
    /* URLs the writer kept aside, not being absolute */
    FC_XM_HOME_URL,
    FC_XM_FEED_URL,
    FC_XM_NEXT_URL,
    FC_XM_ICON,
};

/* Members of the feed object into f: those before "items", then (again)
 * those after it. */
static void read_feed(struct jf_reader *r, json_t *o, struct fc_feed *f)
{
    struct jf_object in;
    object_open(&in, r, f->arena, o, &f->exts);
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
    read_objects(&in, "hubs", &f->hubs, sizeof(struct fc_hub), read_hub);
    read_other_keys(&in, feed_keys);
    if (fc_extcodec_get_true(&in.dec, in.x, "title_absent"))
        f->title.value = NULL;
    fc_jf_read_pod_feed(&in.dec, o, f);
    fc_extcodec_get_feed(&in.dec, in.x, f, feed_x, sizeof feed_x / sizeof feed_x[0]);
    resolve_feed(r, f);
}

static enum fc_status rd_fail(struct jf_reader *r, enum fc_status code, unsigned long line,
                              unsigned long col, const char *fmt, ...) FC_PRINTF(5, 6);
static enum fc_status rd_fail(struct jf_reader *r, enum fc_status code, unsigned long line,
                              unsigned long col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fc_sticky_vfail(&r->st, code, line, col, fmt, ap);
    va_end(ap);
    return r->st.st;
}

/* A document that is not an object (so not a feed), parsed whole for the
 * error: jansson's syntax error, or what the document is. */
static enum fc_status parse_doc(struct jf_reader *r, const char *s, size_t n, unsigned long line,
                                unsigned long col)
{
    json_error_t e;
    bool nomem;
    json_t *doc = fc_json_load(s, n, JSON_DECODE_ANY, &e, &nomem);
    if (!doc) {
        if (nomem) {
            fc_sticky_nomem(&r->st);
            return r->st.st;
        }
        enum json_error_code c = json_error_code(&e);
        return rd_fail(r, c == json_error_stack_overflow ? FC_ELIMIT : FC_EPARSE,
                       e.line > 0 ? (unsigned long)e.line : 0,
                       e.column > 0 ? (unsigned long)e.column : 0, "invalid JSON: %s", e.text);
    }
    rd_fail(r, FC_EFORMAT, line, col, "not a JSON Feed: the document is %s, not an object",
            fc_json_type_name(doc));
    json_decref(doc);
    return r->st.st;
}

/* The number after a jsonfeed.org version URL ("1.1"); NULL when ver is
 * not one.  Some early feeds wrote http:// for https://. */
static const char *version_number(const char *ver)
{
    if (ver && strncmp(ver, "http://", 7) == 0)
        ver += 7;
    else if (ver && strncmp(ver, "https://", 8) == 0)
        ver += 8;
    else
        return NULL;
    static const char site[] = "jsonfeed.org/version/";
    return strncmp(ver, site, sizeof site - 1) == 0 ? ver + sizeof site - 1 : NULL;
}

/* A document is a JSON Feed when its "version" names one, or when it has
 * no "version" but "items"; any other "version" (a package.json's "1.2.0")
 * says that it is some other JSON, whatever else it holds. */
static enum fc_status check_version(struct jf_reader *r, const json_t *v)
{
    const char *ver = json_string_value(v);
    r->version_checked = true;
    r->version = version_number(ver);
    if (v && !r->version)
        return rd_fail(r, FC_EFORMAT, r->line, r->col,
                       "not a JSON Feed: \"version\" is %s%.80s%s, not a JSON Feed version "
                       "(%s)",
                       ver ? "\"" : "", ver ? ver : fc_json_type_name(v), ver ? "\"" : "", JF_V11);
    if (!v && !r->items_seen)
        return rd_fail(r, FC_EFORMAT, r->line, r->col,
                       "not a JSON Feed: no \"version\" (%s) and no \"items\"", JF_V11);
    if (!v)
        fc_sticky_warn(&r->st, 0, 0, "no \"version\"; read as JSON Feed 1.1");
    else if (strcmp(r->version, "1") != 0 && strcmp(r->version, "1.1") != 0)
        fc_sticky_warn(&r->st, 0, 0, "unknown JSON Feed version \"%s\"; read as 1.1", r->version);
    if (!r->items_seen)
        fc_sticky_warn(&r->st, 0, 0, "feed has no \"items\"");
    return r->st.st;
}

static void set_format(struct jf_reader *r)
{
    const char *v = r->version;
    if (fc_set(r->feed->arena, &r->feed->format,
               v && strcmp(v, "1") == 0 ? "jsonfeed 1.0" : "jsonfeed 1.1") != FC_OK)
        fc_sticky_nomem(&r->st);
}

/* The feed from the members seen so far; begin(). */
static enum fc_status start_feed(struct jf_reader *r)
{
    json_t *v = json_object_get(r->head, "version");
    if (!(r->feed = fc_feed_new())) {
        fc_sticky_nomem(&r->st);
        return r->st.st;
    }
    if (v && !r->version_checked && check_version(r, v))
        return r->st.st;
    set_format(r);
    snprintf(r->where, sizeof r->where, "feed");
    read_feed(r, r->head, r->feed);
    if (!fc_sticky_ok(&r->st))
        return r->st.st;
    return fc_sticky_set(&r->st, r->h->begin(r->h->ctx, r->feed, r->st.err));
}

/* One element of "items" (pos at it): a post. */
static enum fc_status read_item(struct jf_reader *r, size_t i)
{
    char what[48];
    snprintf(what, sizeof what, "items[%zu]", i);
    json_t *v = NULL;
    if (fc_json_scan_ws(&r->s) || fc_json_scan_parse(&r->s, 3, what, &r->dups_ok, &v))
        return r->st.st;
    snprintf(r->where, sizeof r->where, "%s", what);
    if (!json_is_object(v)) {
        fc_sticky_warn(&r->st, 0, 0, "%s is %s, not an item; dropped", r->where,
                       fc_json_type_name(v));
    } else {
        struct fc_post *p = fc_post_new();
        if (!p)
            fc_sticky_nomem(&r->st);
        else
            read_post(r, v, p);
        if (fc_sticky_ok(&r->st))
            fc_sticky_set(&r->st, r->h->post(r->h->ctx, r->feed, p, r->st.err));
        fc_post_free(p);
    }
    json_decref(v);
    return r->st.st;
}

/* "items": stream its elements, one post each. */
static enum fc_status read_items(struct jf_reader *r)
{
    struct fc_json_scanner *s = &r->s;
    int c;
    if (fc_json_scan_at(s, 0, &c))
        return r->st.st;
    if (c != '[') {
        json_t *v = NULL;
        if (fc_json_scan_parse(s, 2, "\"items\"", &r->dups_ok, &v))
            return r->st.st;
        rd_fail(r, FC_EFORMAT, r->line, r->col, "not a JSON Feed: \"items\" is %s, not an array",
                fc_json_type_name(v));
        json_decref(v);
        return r->st.st;
    }
    if (2 > s->max_depth)
        return fc_json_scan_too_deep(s, s->line, s->col + 1);
    r->items_seen = true;
    if (!r->feed && start_feed(r))
        return r->st.st;
    fc_json_scan_advance(s, 1);
    if (fc_json_scan_ws(s) || fc_json_scan_at(s, 0, &c))
        return r->st.st;
    if (c == ']') {
        fc_json_scan_advance(s, 1);
        return FC_OK;
    }
    for (size_t i = 0;; i++) {
        if (read_item(r, i) || fc_json_scan_ws(s) || fc_json_scan_at(s, 0, &c))
            return r->st.st;
        if (c == ']') {
            fc_json_scan_advance(s, 1);
            return FC_OK;
        }
        if (c != ',')
            return fc_json_scan_syntax(s, "']' expected");
        fc_json_scan_advance(s, 1);
    }
}

/* A second "items", or a key seen before: the first duplicate key of the
 * document is a warning, in jansson's words and at its position (the key
 * token's end); the last value is kept. */
static void check_duplicate(struct jf_reader *r, const char *key, size_t n)
{
    bool items = strcmp(key, "items") == 0;
    if (r->dups_ok || !((items && r->items_seen) || json_object_get(r->head, key) ||
                        json_object_get(r->tail, key)))
        return;
    unsigned long line, col;
    fc_json_scan_pos_after(&r->s, n, &line, &col);
    r->dups_ok = true;
    if (n <= 20)
        fc_sticky_warn(&r->st, line, col,
                       "duplicate object key near '%.*s'; the last value is kept", (int)n,
                       r->s.b.data + r->s.pos);
    else
        fc_sticky_warn(&r->st, line, col, "duplicate object key; the last value is kept");
}

/* One member "key": value of the top-level object (pos at its key). */
static enum fc_status read_member(struct jf_reader *r)
{
    struct fc_json_scanner *s = &r->s;
    size_t n;
    enum fc_status st = fc_json_scan_string(s, &n);
    if (st == FC_ELIMIT)
        return fc_json_scan_too_big(s, "a key");
    if (st)
        return st;
    if (n == 0)
        return fc_json_scan_syntax(s, "string or '}' expected");
    json_t *k = NULL, *v = NULL;
    if (fc_json_scan_load(s, n, &r->dups_ok, &k))
        return r->st.st;
    const char *key = json_string_value(k);
    check_duplicate(r, key, n);
    fc_json_scan_advance(s, n);
    int c;
    if (fc_sticky_ok(&r->st) && !fc_json_scan_ws(s) && !fc_json_scan_at(s, 0, &c) && c != ':')
        fc_json_scan_syntax(s, "':' expected");
    if (fc_sticky_ok(&r->st)) {
        fc_json_scan_advance(s, 1);
        fc_json_scan_ws(s);
    }
    if (fc_sticky_ok(&r->st) && strcmp(key, "items") == 0) {
        read_items(r);
    } else if (fc_sticky_ok(&r->st)) {
        char what[80];
        snprintf(what, sizeof what, "feed.%.60s", key);
        json_t *o = r->items_seen ? r->tail : r->head;
        if (!fc_json_scan_parse(s, 2, what, &r->dups_ok, &v) && json_object_set_new(o, key, v))
            fc_sticky_nomem(&r->st);
    }
    json_decref(k);
    return r->st.st;
}

/* The document from its "{" on. */
static enum fc_status read_object(struct jf_reader *r)
{
    struct fc_json_scanner *s = &r->s;
    int c;
    fc_json_scan_advance(s, 1);
    for (bool first = true;; first = false) {
        if (fc_json_scan_ws(s) || fc_json_scan_at(s, 0, &c))
            return r->st.st;
        if (first && c == '}')
            break;
        if (c != '"')
            return fc_json_scan_syntax(s, "string or '}' expected");
        if (read_member(r) || fc_json_scan_ws(s) || fc_json_scan_at(s, 0, &c))
            return r->st.st;
        if (c == '}')
            break;
        if (c != ',')
            return fc_json_scan_syntax(s, "'}' expected");
        fc_json_scan_advance(s, 1);
    }
    fc_json_scan_advance(s, 1);
    if (fc_json_scan_ws(s) || fc_json_scan_at(s, 0, &c))
        return r->st.st;
    if (c >= 0)
        return fc_json_scan_syntax(s, "end of file expected");
    /* Feed data after "items" (JSON's key order is free) goes to end(). */
    if (!r->version_checked) {
        json_t *v = json_object_get(r->tail, "version");
        if (check_version(r, v ? v : json_object_get(r->head, "version")))
            return r->st.st;
        if (r->feed)
            set_format(r);
    }
    if (!r->feed && start_feed(r))
        return r->st.st;
    snprintf(r->where, sizeof r->where, "feed");
    read_feed(r, r->tail, r->feed);
    if (!r->saw_title)
        fc_sticky_warn(&r->st, 0, 0, "feed has no title");
    if (!fc_sticky_ok(&r->st))
        return r->st.st;
    return fc_sticky_set(&r->st, r->h->end(r->h->ctx, r->feed, r->st.err));
}

/* The document up to its "{" (a BOM is skipped with a warning), then the
 * object; anything else is read whole to say what it is. */
static enum fc_status read_doc(struct jf_reader *r)
{
    struct fc_json_scanner *s = &r->s;
    int c0, c1, c2, c;
    if (fc_json_scan_at(s, 0, &c0) || fc_json_scan_at(s, 1, &c1) || fc_json_scan_at(s, 2, &c2))
        return r->st.st;
    if (c0 == 0xEF && c1 == 0xBB && c2 == 0xBF) {
        fc_sticky_warn(&r->st, 0, 0, "a UTF-8 byte-order mark was skipped");
        if (!fc_sticky_ok(&r->st))
            return r->st.st;
        s->pos = 3;
    }
    size_t start = s->pos;
    if (fc_json_scan_ws(s) || fc_json_scan_at(s, 0, &c))
        return r->st.st;
    if (c != '{') {
        if (fc_json_scan_all(s))
            return r->st.st;
        return parse_doc(r, s->b.data + start, s->b.len - start, s->line, s->col + 1);
    }
    r->line = s->line;
    r->col = s->col + 1;
    s->compact = true;
    r->head = json_object();
    r->tail = json_object();
    if (!r->head || !r->tail) {
        fc_sticky_nomem(&r->st);
        return r->st.st;
    }
    return read_object(r);
}

enum fc_status fc_jf_read(struct fc_input *in, struct fc_handler *out, const struct fc_options *opt,
                          struct fc_error *err)
{
    struct fc_options defaults;
    if (!opt) {
        fc_options_init(&defaults);
        opt = &defaults;
    }
    struct jf_reader r = {
        .st = {FC_OK, opt, err, fc_input_name(in)}, .h = out, .where = "document"};
    if (!(opt->flags & FC_OPT_NO_XML_BASE))
        r.base = opt->base_url;
    fc_json_scan_init(&r.s, in, &r.st, opt->max_input ? opt->max_input : FC_DEFAULT_MAX_INPUT,
                      opt->max_depth ? opt->max_depth : FC_DEFAULT_MAX_DEPTH);
    enum fc_status st = read_doc(&r);
    json_decref(r.head);
    json_decref(r.tail);
    fc_feed_free(r.feed);
    fc_json_scan_free(&r.s);
    return st;
}
