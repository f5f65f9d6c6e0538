/*
 * jsonfeed.c - JSON Feed 1.1 (https://jsonfeed.org/version/1.1), reads 1.0.
 *
 * Reader: the whole document is parsed with jansson (JSON Feed has no
 * streaming parser worth the name, and a feed's items are one array), then
 * pushed through the handler: begin(feed), post() per item, end(feed).
 * Writer: streaming; begin() writes the head and opens "items", post()
 * writes one item, end() closes the array and writes the feed data that is
 * only known at the end (always the `_feedconv` object, plus any native key
 * that first appeared after begin()).  Pretty-printed, 2-space indent, keys
 * in the spec's order, UTF-8 unescaped; same model, same bytes.
 *
 * Mapping (model <-> JSON Feed):
 *   feed.title (text)        title         HTML/XHTML titles: text here,
 *                                          original in _feedconv.title
 *   feed.subtitle            description   (text; HTML as for title)
 *   feed.home_url            home_page_url
 *   feed.feed_url            feed_url
 *   feed.user_comment        user_comment
 *   feed.next_url            next_url
 *   feed.image.url           icon          JSON Feed's icon is the big
 *   feed.icon                favicon       square image (RSS image, Atom
 *                                          logo); favicon is the small one
 *                                          (Atom icon).  Chosen so that
 *                                          RSS <image> survives as `icon`.
 *   feed.authors             authors       (1.0 `author` read as one)
 *   feed.language            language
 *   feed.expired             expired       (-1 absent)
 *   feed.hubs                hubs          (type "WebSub" written when
 *                                          missing, see type_absent)
 *   post.id                  id            (numbers coerced to strings)
 *   post.url, external_url   url, external_url
 *   post.title, summary      title, summary  (plain text; HTML as above)
 *   post.content_html/_text  content_html, content_text
 *   post.image, banner_image image, banner_image
 *   post.published, updated  date_published, date_modified (RFC 3339,
 *                                          offset kept)
 *   post.authors             authors       email in the author's _feedconv
 *   post.categories          tags          (terms; scheme/label in
 *                                          _feedconv.tags)
 *   post.language            language
 *   post.attachments         attachments   url, mime_type, title,
 *                                          size_in_bytes, duration_in_seconds
 *   fc_ext JSON, origin "jsonfeed", key "_x"   "_x": value (as is)
 * Everything else goes into `_feedconv`.
 *
 * The `_feedconv` extension object (on the feed, an item, an author, an
 * attachment or a hub).  Keys are the model's field names; absent fields
 * are not written.  Value shapes:
 *   text    {"type": "text"|"html"|"xhtml", "value": "..."}
 *   person  {"name", "email", "url", "avatar"} (strings)
 *   tag     {"term", "scheme", "label"}       (term may be missing)
 *   link    {"href", "rel", "type", "hreflang", "title", "length"}
 *   time    an RFC 3339 string, with a note in "dates" when lossy
 *   ext     an XML element: {"name", "ns", "prefix", "value", "origin",
 *           "attrs": [{"name", "ns", "prefix", "value"}], "children": [ext]};
 *           a JSON string in a children/exts array is an XML text node;
 *           a JSON ext: {"kind": "json", "name", "origin", "value": JSON}
 *           ("text": "..." instead of "value" when its text was not JSON)
 * Feed:  title, subtitle (text, only when not plain text), title_absent
 *        (true: the written title was synthesised), description_text
 *        (when it differs from the description written), id, rights (text),
 *        published, updated (time), generator {"name", "version", "uri"},
 *        contributors [person], editor, webmaster (person),
 *        categories [tag], image {"title", "link", "description", "width",
 *        "height"}, ttl, docs, cloud {"domain", "port", "path",
 *        "procedure", "protocol"}, skip_hours [0-23], skip_days
 *        ["Monday".."Sunday"], rating, text_input {"title", "description",
 *        "name", "link"}, base, links [link], dates, exts [ext].
 * Item:  id_absent (true: id synthesised), id_is_permalink (bool),
 *        content_absent (true: content copied from the summary), title,
 *        summary (text, only when not plain text), content_src,
 *        content_type, contributors [person], tags [tag] (the tags that
 *        have a scheme or label, or no term), links [link], comments_url,
 *        comment_count, comments_feed, source {"title", "url", "home_url",
 *        "id", "updated"}, rights (text), base, slug, draft, dates, exts.
 * Author: email, name_absent (true: name is a copy of the email).
 * Attachment, hub: type_absent (true: mime_type / type was synthesised).
 * dates: {"published"|"updated"|"source_updated": {"raw": "unparsable
 *        text"} or {"precision": "year"|"month"|"date"|"minute",
 *        "zone": "none"|"name"}}: JSON Feed dates need seconds and an
 *        offset, so a date-only or zone-less time is written completed
 *        (T00:00:00, +00:00) and the note restores the original form.
 *
 * Writer rules: version 1.1; title required (synthesised from the home
 * page or feed URL host, else "Untitled feed", with a warning); item id
 * required: url, else external_url, else "urn:feedconv:" + FNV-1a 64 of
 * title, dates and content (with a warning); an item needs content_html or
 * content_text: the summary is copied (content_absent).  Extension objects
 * `_x` from a JSON Feed are re-emitted; other JSON/XML exts go in
 * `_feedconv.exts`.
 *
 * Reader rules: a document is a JSON Feed when it is an object with a
 * jsonfeed.org version or an "items" array (else FC_EFORMAT at the
 * object's position); bad JSON is FC_EPARSE with jansson's line:column;
 * nesting beyond opt->max_depth is FC_ELIMIT.  A known key of the wrong
 * type is kept as a JSON ext with a warning.  jansson keeps no positions
 * for values, so warnings name the JSON path ("items[3].tags[0]") and
 * posts have line/column 0.
 *
 * Quirks: 1.0 feeds use `author`; some feeds give numeric ids; duplicate
 * keys happen (the last wins, with a warning); a BOM is skipped with a
 * warning.  Unknown keys without `_` are kept as JSON exts, with a warning.
 * Non-integer numbers in extensions are re-printed with 15 significant
 * digits (jansson keeps no number text; 17 would turn 0.1 into
 * 0.10000000000000001).
 */
#include "internal.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define JF_PREFIX "https://jsonfeed.org/version/"
#define JF_V11 JF_PREFIX "1.1"
#define JF_EXT "_feedconv"
#define JF_DUMP (JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15))
#define JF_COMPACT (JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENCODE_ANY | JSON_REAL_PRECISION(15))
#define JF_EXT_DEPTH 512u /* XML ext nesting written (the model is trusted, the stack is not) */

static const char *const precision_names[] = {"none",   "year",   "month",   "date",
                                              "minute", "second", "fraction"};
static const char *const zone_names[] = {"none", "offset", "z", "name"};
static const char *const day_names[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                        "Friday", "Saturday", "Sunday"};
static const char *const text_types[] = {"text", "html", "xhtml"};

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

/* JSON Feed 1.1: an extension key is "_" then a letter, with no ".". */
static bool is_ext_key(const char *k)
{
    if (k[0] != '_' || !((k[1] >= 'a' && k[1] <= 'z') || (k[1] >= 'A' && k[1] <= 'Z')))
        return false;
    return strchr(k, '.') == NULL;
}

static enum fc_status vwarn(const struct fc_options *opt, struct fc_error *err, const char *file,
                            const char *fmt, va_list ap)
{
    char msg[400];
    vsnprintf(msg, sizeof msg, fmt, ap);
    return fc_warn(opt, err, file, 0, 0, "%s", msg);
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
    b->st = vwarn(b->opt, b->err, b->name, fmt, ap);
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
    jb_set_str(b, o, "type", text_types[t->type <= FC_XHTML ? t->type : 0]);
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
        jb_set_str(b, note, "precision", precision_names[t->precision]);
    if (t->zone == FC_ZONE_NONE || t->zone == FC_ZONE_NAME)
        jb_set_str(b, note, "zone", zone_names[t->zone]);
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
            jb_push(b, days, json_string(day_names[d]));
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

static enum fc_status jf_open_writer(struct fc_output *out, const struct fc_options *opt,
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

/* ================================================================== */
/* Reader                                                             */

struct jr {
    enum fc_status st; /* first failure sticks, as in struct jb */
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
    r->st = vwarn(r->opt, r->err, r->name, fmt, ap);
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
    int i = ty ? name_index(text_types, 3, json_string_value(ty)) : 0;
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
    int i = p ? name_index(precision_names, 7, json_string_value(p)) : -1;
    if (i > 0)
        t->precision = (unsigned char)i;
    json_t *z = x_get(r, note, "zone", JSON_STRING);
    i = z ? name_index(zone_names, 4, json_string_value(z)) : -1;
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
        int d = json_is_string(v) ? name_index(day_names, 7, json_string_value(v)) : -1;
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

static enum fc_status jf_read(struct fc_input *in, struct fc_handler *out,
                              const struct fc_options *opt, struct fc_error *err)
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

static bool is_ws(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int jf_detect(const unsigned char *head, size_t len)
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

static const char *const jf_aliases[] = {"json", "jf", NULL};
static const char *const jf_extensions[] = {".json", ".jsonfeed", NULL};

const struct fc_format fc_format_jsonfeed = {
    .name = "jsonfeed",
    .description = "JSON Feed 1.1 (reads 1.0)",
    .aliases = jf_aliases,
    .extensions = jf_extensions,
    .caps = FC_CAN_READ | FC_CAN_WRITE,
    .detect = jf_detect,
    .read = jf_read,
    .open_writer = jf_open_writer,
};
