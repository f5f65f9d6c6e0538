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
#include "util/scan.h"

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
/* JSON text                                                          */

/* Escape of each byte: 0 = as is, 'u' = \u00XX, else the letter after \. */
static const char jw_esc[256] = {
    ['\b'] = 'b', ['\f'] = 'f', ['\n'] = 'n', ['\r'] = 'r', ['\t'] = 't', [0] = 'u',     [1] = 'u',
    [2] = 'u',    [3] = 'u',    [4] = 'u',    [5] = 'u',    [6] = 'u',    [7] = 'u',     [11] = 'u',
    [14] = 'u',   [15] = 'u',   [16] = 'u',   [17] = 'u',   [18] = 'u',   [19] = 'u',    [20] = 'u',
    [21] = 'u',   [22] = 'u',   [23] = 'u',   [24] = 'u',   [25] = 'u',   [26] = 'u',    [27] = 'u',
    [28] = 'u',   [29] = 'u',   [30] = 'u',   [31] = 'u',   ['"'] = '"',  ['\\'] = '\\',
};

/* s[0..n) (valid UTF-8) as the inside of a JSON string. */
static void jw_escape(struct fc_buf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789ABCDEF";
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        size_t j = fc_scan(p, i, n, 0, '"', '\\', '"');
        fc_buf_add(b, s + i, j - i);
        if (j == n)
            break;
        unsigned char c = p[j];
        char e[6] = {'\\', jw_esc[c], '0', '0', hex[c >> 4], hex[c & 15]};
        fc_buf_add(b, e, e[1] == 'u' ? 6 : 2);
        i = j + 1;
    }
}

static const char jw_spaces[] = "                                                                ";

static void jw_indent(struct fc_buf *b, size_t n)
{
    for (; n > sizeof jw_spaces - 1; n -= sizeof jw_spaces - 1)
        fc_buf_add(b, jw_spaces, sizeof jw_spaces - 1);
    fc_buf_add(b, jw_spaces, n);
}

/* One JSON text being written into buf: `depth` containers are open, so
 * members are indented by 2 * depth.  A container is empty while the
 * last byte written is its opening bracket (or nothing was written since
 * start, for a side buffer holding members only). */
struct jw {
    struct fc_buf *buf;
    size_t start;
    unsigned depth;
};

static bool jw_first(const struct jw *w)
{
    const struct fc_buf *b = w->buf;
    if (b->len <= w->start || !b->data)
        return true;
    char c = b->data[b->len - 1];
    return c == '{' || c == '[';
}

/* The separator, newline and indentation of a member, and its key (NULL
 * in an array).  key is trusted to be valid UTF-8. */
static void jw_key(struct jw *w, const char *key)
{
    if (!jw_first(w))
        fc_buf_putc(w->buf, ',');
    fc_buf_putc(w->buf, '\n');
    jw_indent(w->buf, 2 * (size_t)w->depth);
    if (key) {
        fc_buf_putc(w->buf, '"');
        jw_escape(w->buf, key, strlen(key));
        fc_buf_add(w->buf, "\": ", 3);
    }
}

/* Open an object ('{') or array ('['); returns the mark jw_close needs. */
static size_t jw_open(struct jw *w, const char *key, char open)
{
    size_t mark = w->buf->len;
    jw_key(w, key);
    fc_buf_putc(w->buf, open);
    w->depth++;
    return mark;
}

/* Close what jw_open opened; an empty one is dropped (key and all)
 * unless keep_empty. */
static void jw_close(struct jw *w, size_t mark, char close, bool keep_empty)
{
    struct fc_buf *b = w->buf;
    w->depth--;
    if (!b->oom && b->len && b->data[b->len - 1] == (close == '}' ? '{' : '[')) {
        if (keep_empty) {
            fc_buf_putc(b, close);
        } else {
            b->len = mark;
            b->data[mark] = '\0';
        }
        return;
    }
    fc_buf_putc(b, '\n');
    jw_indent(b, 2 * (size_t)w->depth);
    fc_buf_putc(b, close);
}

/* w[key] = the members or elements held in sub (written at depth + 1),
 * when there are any. */
static void jw_splice(struct jw *w, const char *key, char open, const struct fc_buf *sub)
{
    if (sub->len == 0 && !sub->oom)
        return;
    if (sub->oom) {
        w->buf->oom = true;
        return;
    }
    jw_key(w, key);
    fc_buf_putc(w->buf, open);
    fc_buf_add(w->buf, sub->data, sub->len);
    fc_buf_putc(w->buf, '\n');
    jw_indent(w->buf, 2 * (size_t)w->depth);
    fc_buf_putc(w->buf, open == '{' ? '}' : ']');
}

static void jw_raw(struct jw *w, const char *key, const char *s)
{
    jw_key(w, key);
    fc_buf_puts(w->buf, s);
}

static void jw_int(struct jw *w, const char *key, long long n)
{
    char t[32];
    snprintf(t, sizeof t, "%lld", n);
    jw_raw(w, key, t);
}

/* ================================================================== */
/* Writer                                                             */

/* The state of writing one document part: the first failure sticks
 * (FC_ENOMEM, or FC_EWARN in strict mode), so the code checks once. */
struct jb {
    enum fc_status st;
    bool quiet; /* rebuilding what begin() already warned about */
    const struct fc_options *opt;
    struct fc_error *err;
    const char *name;
    struct fc_arena *scratch; /* text versions of HTML titles; made on demand */
    const char *what;         /* "feed" or "item 3", for warnings */
    struct fc_buf *tmp;       /* jansson dumps, repaired UTF-8 */
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

static struct fc_arena *jb_scratch(struct jb *b)
{
    if (!b->scratch && !(b->scratch = fc_arena_new()))
        jb_nomem(b);
    return b->scratch;
}

/* w[key] = s as a JSON string (nothing when s is NULL); invalid UTF-8 is
 * repaired with a warning. */
static void jb_str(struct jb *b, struct jw *w, const char *key, const char *s)
{
    if (!s)
        return;
    size_t n = strlen(s);
    jw_key(w, key);
    fc_buf_putc(w->buf, '"');
    if (fc_utf8_valid(s, n)) {
        jw_escape(w->buf, s, n);
    } else {
        fc_buf_reset(b->tmp);
        fc_utf8_repair(b->tmp, s, n);
        if (b->tmp->oom)
            jb_nomem(b);
        else
            jw_escape(w->buf, b->tmp->data, b->tmp->len);
        jb_warn(b, "%s: invalid UTF-8 replaced by U+FFFD", b->what);
    }
    fc_buf_putc(w->buf, '"');
}

static int dump_cb(const char *p, size_t n, void *data)
{
    struct fc_buf *b = data;
    fc_buf_add(b, p, n);
    return b->oom ? -1 : 0;
}

/* w[key] = v as jansson prints it (re-indented to w's depth); takes v. */
static void jb_json(struct jb *b, struct jw *w, const char *key, json_t *v)
{
    if (!v) {
        jb_nomem(b);
        return;
    }
    fc_buf_reset(b->tmp);
    /* jansson ignores a failed key write, so its status alone is not
     * enough: the buffer's sticky oom catches those. */
    if (json_dump_callback(v, dump_cb, b->tmp, JF_DUMP | JSON_ENCODE_ANY) != 0 || b->tmp->oom) {
        json_decref(v);
        jb_nomem(b);
        return;
    }
    json_decref(v);
    jw_key(w, key);
    const char *s = b->tmp->data, *end = s + b->tmp->len, *nl;
    while (s < end && (nl = memchr(s, '\n', (size_t)(end - s))) != NULL) {
        fc_buf_add(w->buf, s, (size_t)(nl + 1 - s));
        jw_indent(w->buf, 2 * (size_t)w->depth);
        s = nl + 1;
    }
    fc_buf_add(w->buf, s, (size_t)(end - s));
}

/* A JSON ext's value parsed back; NULL when it is not JSON text (or on
 * ENOMEM, which is recorded: jansson may fail without an error text, or
 * call it a syntax error, hence the check of text it failed on). */
static json_t *parse_value(struct jb *b, const char *s)
{
    if (!s)
        return NULL;
    json_error_t e;
    memset(&e, 0, sizeof e);
    json_t *v = json_loads(s, JSON_DECODE_ANY, &e);
    if (!v && (e.text[0] == '\0' || json_error_code(&e) == json_error_out_of_memory ||
               fc_jf_surely_json(s, strlen(s))))
        jb_nomem(b);
    return v;
}

/* Side buffers for one object's `_feedconv` members, its dates notes and
 * its exts, one level (x) and two levels (dates, exts) below o. */
struct jside {
    struct jw x, dates, exts;
};

static void side_open(struct jside *s, struct fc_buf bufs[3], const struct jw *o)
{
    for (int i = 0; i < 3; i++)
        fc_buf_reset(&bufs[i]);
    s->x = (struct jw){&bufs[0], 0, o->depth + 1};
    s->dates = (struct jw){&bufs[1], 0, o->depth + 2};
    s->exts = (struct jw){&bufs[2], 0, o->depth + 2};
}

static void text_json(struct jb *b, struct jw *w, const char *key, const struct fc_text *t)
{
    size_t m = jw_open(w, key, '{');
    jb_str(b, w, "type", fc_jf_text_types[t->type <= FC_XHTML ? t->type : 0]);
    jb_str(b, w, "value", t->value);
    jw_close(w, m, '}', true);
}

/* A plain-text key: HTML becomes text, the original goes to x[xkey]. */
static void put_plain(struct jb *b, struct jw *o, const char *key, struct jw *x, const char *xkey,
                      const struct fc_text *t)
{
    if (!t->value)
        return;
    if (t->type == FC_TEXT) {
        jb_str(b, o, key, t->value);
        return;
    }
    struct fc_arena *a = jb_scratch(b);
    char *plain = a ? fc_html_to_text(a, t->value) : NULL;
    if (!plain) {
        jb_nomem(b);
        return;
    }
    jb_str(b, o, key, plain);
    text_json(b, x, xkey, t);
}

/* A time as JSON Feed wants it (seconds and an offset) into o[key]; what
 * that loses goes to dates[dkey]. */
static void put_time(struct jb *b, struct jw *o, const char *key, struct jw *dates,
                     const char *dkey, const struct fc_time *t)
{
    if (!fc_time_present(t))
        return;
    size_t m;
    if (t->precision == FC_TIME_NONE) {
        m = jw_open(dates, dkey, '{');
        jb_str(b, dates, "raw", t->raw);
        jw_close(dates, m, '}', true);
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
        m = jw_open(dates, dkey, '{');
        jb_str(b, dates, "raw", t->raw);
        jw_close(dates, m, '}', false);
        return;
    }
    jb_str(b, o, key, buf);
    if (t->precision >= FC_TIME_SECOND && t->zone != FC_ZONE_NONE && t->zone != FC_ZONE_NAME)
        return;
    m = jw_open(dates, dkey, '{');
    if (t->precision < FC_TIME_SECOND)
        jb_str(b, dates, "precision", fc_jf_precision_names[t->precision]);
    if (t->zone == FC_ZONE_NONE || t->zone == FC_ZONE_NAME)
        jb_str(b, dates, "zone", fc_jf_zone_names[t->zone]);
    jw_close(dates, m, '}', true);
}

static void person_full(struct jb *b, struct jw *w, const char *key, const struct fc_person *p)
{
    size_t m = jw_open(w, key, '{');
    jb_str(b, w, "name", p->name);
    jb_str(b, w, "email", p->email);
    jb_str(b, w, "url", p->url);
    jb_str(b, w, "avatar", p->avatar);
    jw_close(w, m, '}', true);
}

/* A JSON Feed author: name/url/avatar, the email in its _feedconv. */
static void author_json(struct jb *b, struct jw *w, const struct fc_person *p)
{
    size_t m = jw_open(w, NULL, '{');
    bool name_absent = false;
    if (p->name) {
        jb_str(b, w, "name", p->name);
    } else if (!p->url && !p->avatar) {
        /* The spec needs one of name/url/avatar: the email stands in. */
        jb_str(b, w, "name", p->email);
        name_absent = true;
    }
    jb_str(b, w, "url", p->url);
    jb_str(b, w, "avatar", p->avatar);
    if (name_absent || p->email) {
        size_t mx = jw_open(w, JF_EXT, '{');
        if (name_absent)
            jw_raw(w, "name_absent", "true");
        jb_str(b, w, "email", p->email);
        jw_close(w, mx, '}', true);
    }
    jw_close(w, m, '}', true);
}

static void put_authors(struct jb *b, struct jw *o, const struct fc_list *list)
{
    size_t m = jw_open(o, "authors", '[');
    for (const struct fc_person *p = list->first; p; p = p->next) {
        if (!p->name && !p->url && !p->avatar && !p->email) {
            jb_warn(b, "%s: an empty author was dropped", b->what);
            continue;
        }
        author_json(b, o, p);
    }
    jw_close(o, m, ']', false);
}

static void persons_full(struct jb *b, struct jw *w, const char *key, const struct fc_list *list)
{
    size_t m = jw_open(w, key, '[');
    for (const struct fc_person *p = list->first; p; p = p->next)
        person_full(b, w, NULL, p);
    jw_close(w, m, ']', false);
}

static bool person_empty(const struct fc_person *p)
{
    return !p->name && !p->email && !p->url && !p->avatar;
}

static void tag_json(struct jb *b, struct jw *w, const struct fc_tag *t)
{
    size_t m = jw_open(w, NULL, '{');
    jb_str(b, w, "term", t->term);
    jb_str(b, w, "scheme", t->scheme);
    jb_str(b, w, "label", t->label);
    jw_close(w, m, '}', true);
}

static void links_json(struct jb *b, struct jw *w, const struct fc_list *list)
{
    size_t m = jw_open(w, "links", '[');
    for (const struct fc_link *l = list->first; l; l = l->next) {
        size_t ml = jw_open(w, NULL, '{');
        jb_str(b, w, "href", l->href);
        jb_str(b, w, "rel", l->rel);
        jb_str(b, w, "type", l->type);
        jb_str(b, w, "hreflang", l->hreflang);
        jb_str(b, w, "title", l->title);
        if (l->length >= 0)
            jw_int(w, "length", l->length);
        jw_close(w, ml, '}', true);
    }
    jw_close(w, m, ']', false);
}

/* One ext as an element of the array w is in. */
static void ext_json(struct jb *b, struct jw *w, const struct fc_ext *e, unsigned depth)
{
    if (e->kind == FC_EXT_XML && !e->name) {
        jb_str(b, w, NULL, e->value ? e->value : "");
        return;
    }
    size_t m = jw_open(w, NULL, '{');
    if (e->kind == FC_EXT_JSON) {
        jb_str(b, w, "kind", "json");
        jb_str(b, w, "name", e->name);
        jb_str(b, w, "origin", e->origin);
        json_t *v = parse_value(b, e->value);
        if (v)
            jb_json(b, w, "value", v);
        else
            jb_str(b, w, "text", e->value);
        jw_close(w, m, '}', true);
        return;
    }
    jb_str(b, w, "name", e->name);
    jb_str(b, w, "ns", e->ns);
    jb_str(b, w, "prefix", e->prefix);
    jb_str(b, w, "value", e->value);
    jb_str(b, w, "origin", e->origin);
    size_t ma = jw_open(w, "attrs", '[');
    for (const struct fc_attr *a = e->attrs.first; a; a = a->next) {
        size_t mo = jw_open(w, NULL, '{');
        jb_str(b, w, "name", a->name);
        jb_str(b, w, "ns", a->ns);
        jb_str(b, w, "prefix", a->prefix);
        jb_str(b, w, "value", a->value);
        jw_close(w, mo, '}', true);
    }
    jw_close(w, ma, ']', false);
    size_t mk = jw_open(w, "children", '[');
    if (depth >= JF_EXT_DEPTH && e->children.first)
        jb_warn(b, "%s: extension <%s> nested too deep; its children were dropped", b->what,
                e->name);
    else
        for (const struct fc_ext *c = e->children.first; c; c = c->next)
            ext_json(b, w, c, depth + 1);
    jw_close(w, mk, ']', false);
    jw_close(w, m, '}', true);
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
static void put_exts(struct jb *b, struct jw *o, struct jw *exts, const struct fc_list *list)
{
    struct fc_buf names; /* const char *[]: few, a linear search is fine */
    fc_buf_init(&names);
    for (const struct fc_ext *e = list->first; e; e = e->next) {
        if (e->kind == FC_EXT_JSON && e->origin && strcmp(e->origin, "jsonfeed") == 0 && e->name &&
            is_ext_key(e->name) && strcmp(e->name, JF_EXT) != 0 &&
            fc_utf8_valid(e->name, strlen(e->name)) && !name_done(&names, e->name)) {
            json_t *v = parse_value(b, e->value);
            if (v) {
                jb_json(b, o, e->name, v);
                fc_buf_add(&names, &e->name, sizeof e->name);
                continue;
            }
        }
        ext_json(b, exts, e, 0);
    }
    if (names.oom)
        jb_nomem(b);
    fc_buf_free(&names);
}

static void put_media(struct jb *b, struct jw *o, const struct fc_list *list)
{
    size_t m = jw_open(o, "attachments", '[');
    for (const struct fc_media *me = list->first; me; me = me->next) {
        if (!me->url) {
            jb_warn(b, "%s: an attachment without a URL was dropped", b->what);
            continue;
        }
        size_t ma = jw_open(o, NULL, '{');
        jb_str(b, o, "url", me->url);
        /* mime_type is required; a generic type stands in and is marked. */
        jb_str(b, o, "mime_type", me->type ? me->type : "application/octet-stream");
        jb_str(b, o, "title", me->title);
        if (me->length >= 0)
            jw_int(o, "size_in_bytes", me->length);
        if (me->duration >= 0 && isfinite(me->duration)) {
            double ip;
            if (modf(me->duration, &ip) == 0.0 && ip < 9e15)
                jw_int(o, "duration_in_seconds", (long long)ip);
            else
                jb_json(b, o, "duration_in_seconds", json_real(me->duration));
        }
        if (!me->type) {
            size_t mx = jw_open(o, JF_EXT, '{');
            jw_raw(o, "type_absent", "true");
            jw_close(o, mx, '}', true);
        }
        jw_close(o, ma, '}', true);
    }
    jw_close(o, m, ']', false);
}

static void put_hubs(struct jb *b, struct jw *o, const struct fc_list *list)
{
    size_t m = jw_open(o, "hubs", '[');
    for (const struct fc_hub *h = list->first; h; h = h->next) {
        if (!h->url) {
            jb_warn(b, "%s: a hub without a URL was dropped", b->what);
            continue;
        }
        size_t mh = jw_open(o, NULL, '{');
        jb_str(b, o, "type", h->type ? h->type : "WebSub");
        jb_str(b, o, "url", h->url);
        if (!h->type) {
            size_t mx = jw_open(o, JF_EXT, '{');
            jw_raw(o, "type_absent", "true");
            jw_close(o, mx, '}', true);
        }
        jw_close(o, mh, '}', true);
    }
    jw_close(o, m, ']', false);
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

static void put_feed_misc(struct jb *b, struct jw *x, const struct fc_feed *f)
{
    size_t m;
    const struct fc_generator *g = &f->generator;
    if (g->name || g->version || g->uri) {
        m = jw_open(x, "generator", '{');
        jb_str(b, x, "name", g->name);
        jb_str(b, x, "version", g->version);
        jb_str(b, x, "uri", g->uri);
        jw_close(x, m, '}', true);
    }
    persons_full(b, x, "contributors", &f->contributors);
    if (!person_empty(&f->editor))
        person_full(b, x, "editor", &f->editor);
    if (!person_empty(&f->webmaster))
        person_full(b, x, "webmaster", &f->webmaster);
    m = jw_open(x, "categories", '[');
    for (const struct fc_tag *t = f->categories.first; t; t = t->next)
        tag_json(b, x, t);
    jw_close(x, m, ']', false);
    const struct fc_image *im = &f->image;
    if (im->title || im->link || im->description || im->width >= 0 || im->height >= 0) {
        m = jw_open(x, "image", '{');
        jb_str(b, x, "title", im->title);
        jb_str(b, x, "link", im->link);
        jb_str(b, x, "description", im->description);
        if (im->width >= 0)
            jw_int(x, "width", im->width);
        if (im->height >= 0)
            jw_int(x, "height", im->height);
        jw_close(x, m, '}', true);
    }
    if (f->ttl >= 0)
        jw_int(x, "ttl", f->ttl);
    jb_str(b, x, "docs", f->docs);
    const struct fc_cloud *c = &f->cloud;
    if (c->domain || c->path || c->procedure || c->protocol || c->port >= 0) {
        m = jw_open(x, "cloud", '{');
        jb_str(b, x, "domain", c->domain);
        if (c->port >= 0)
            jw_int(x, "port", c->port);
        jb_str(b, x, "path", c->path);
        jb_str(b, x, "procedure", c->procedure);
        jb_str(b, x, "protocol", c->protocol);
        jw_close(x, m, '}', true);
    }
    m = jw_open(x, "skip_hours", '[');
    for (int h = 0; h < 24; h++)
        if (f->skip_hours & (UINT32_C(1) << h))
            jw_int(x, NULL, h);
    jw_close(x, m, ']', false);
    m = jw_open(x, "skip_days", '[');
    for (int d = 0; d < 7; d++)
        if (f->skip_days & (1u << d))
            jb_str(b, x, NULL, fc_jf_day_names[d]);
    jw_close(x, m, ']', false);
    jb_str(b, x, "rating", f->rating);
    const struct fc_text_input *ti = &f->text_input;
    if (ti->title || ti->description || ti->name || ti->link) {
        m = jw_open(x, "text_input", '{');
        jb_str(b, x, "title", ti->title);
        jb_str(b, x, "description", ti->description);
        jb_str(b, x, "name", ti->name);
        jb_str(b, x, "link", ti->link);
        jw_close(x, m, '}', true);
    }
    jb_str(b, x, "base", f->base);
    links_json(b, x, &f->links);
}

/* The feed's members (without items) into o; `_feedconv` members into
 * s->x (dates and exts spliced in). */
static void feed_json(struct jb *b, struct jw *o, struct jside *s, const struct fc_feed *f)
{
    jb_str(b, o, "version", JF_V11);
    if (f->title.value) {
        put_plain(b, o, "title", &s->x, "title", &f->title);
    } else {
        struct fc_arena *a = jb_scratch(b);
        const char *host = a ? url_host(a, f->home_url ? f->home_url : f->feed_url) : NULL;
        jb_str(b, o, "title", host ? host : "Untitled feed");
        jw_raw(&s->x, "title_absent", "true");
        jb_warn(b, "feed has no title; wrote \"%s\"", host ? host : "Untitled feed");
    }
    jb_str(b, o, "home_page_url", f->home_url);
    jb_str(b, o, "feed_url", f->feed_url);
    /* description: the subtitle; JSON Feed's own description when none. */
    if (f->subtitle.value)
        put_plain(b, o, "description", &s->x, "subtitle", &f->subtitle);
    else
        jb_str(b, o, "description", f->description_text);
    if (f->description_text && f->subtitle.value &&
        strcmp(f->description_text, f->subtitle.value) != 0)
        jb_str(b, &s->x, "description_text", f->description_text);
    jb_str(b, o, "user_comment", f->user_comment);
    jb_str(b, o, "next_url", f->next_url);
    jb_str(b, o, "icon", f->image.url);
    jb_str(b, o, "favicon", f->icon);
    put_authors(b, o, &f->authors);
    jb_str(b, o, "language", f->language);
    if (f->expired >= 0)
        jw_raw(o, "expired", f->expired ? "true" : "false");
    put_hubs(b, o, &f->hubs);
    put_exts(b, o, &s->exts, &f->exts);

    jb_str(b, &s->x, "id", f->id);
    if (f->rights.value)
        text_json(b, &s->x, "rights", &f->rights);
    put_time(b, &s->x, "published", &s->dates, "published", &f->published);
    put_time(b, &s->x, "updated", &s->dates, "updated", &f->updated);
    put_feed_misc(b, &s->x, f);
    jw_splice(&s->x, "dates", '{', s->dates.buf);
    jw_splice(&s->x, "exts", '[', s->exts.buf);
}

static uint64_t fnv1a(uint64_t h, const char *s)
{
    for (; s && *s; s++)
        h = (h ^ (unsigned char)*s) * UINT64_C(1099511628211);
    return (h ^ 0xff) * UINT64_C(1099511628211); /* field separator */
}

/* The id of an item that has none (documented at the top). */
static void put_synth_id(struct jb *b, struct jw *o, struct jw *x, const struct fc_post *p)
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
    jb_str(b, o, "id", id);
    jw_raw(x, "id_absent", "true");
    jb_warn(b, "%s has no id; wrote \"%s\"", b->what, id);
}

static void put_post_misc(struct jb *b, struct jw *x, const struct fc_post *p, struct jw *dates)
{
    jb_str(b, x, "content_src", p->content_src);
    jb_str(b, x, "content_type", p->content_type);
    persons_full(b, x, "contributors", &p->contributors);
    size_t m = jw_open(x, "tags", '[');
    for (const struct fc_tag *t = p->categories.first; t; t = t->next)
        if (!t->term || t->scheme || t->label)
            tag_json(b, x, t);
    jw_close(x, m, ']', false);
    links_json(b, x, &p->links);
    jb_str(b, x, "comments_url", p->comments_url);
    if (p->comment_count >= 0)
        jw_int(x, "comment_count", p->comment_count);
    jb_str(b, x, "comments_feed", p->comments_feed);
    const struct fc_source *s = p->source;
    if (s) {
        m = jw_open(x, "source", '{');
        jb_str(b, x, "title", s->title);
        jb_str(b, x, "url", s->url);
        jb_str(b, x, "home_url", s->home_url);
        jb_str(b, x, "id", s->id);
        put_time(b, x, "updated", dates, "source_updated", &s->updated);
        jw_close(x, m, '}', true);
    }
    if (p->rights.value)
        text_json(b, x, "rights", &p->rights);
    jb_str(b, x, "base", p->base);
    jb_str(b, x, "slug", p->slug);
    if (p->draft > 0)
        jw_raw(x, "draft", "true");
}

/* One item's members into o (an open object). */
static void post_json(struct jb *b, struct jw *o, struct jside *s, const struct fc_post *p)
{
    struct jw *x = &s->x;
    if (p->id)
        jb_str(b, o, "id", p->id);
    else
        put_synth_id(b, o, x, p);
    if (p->id_is_permalink >= 0)
        jw_raw(x, "id_is_permalink", p->id_is_permalink ? "true" : "false");
    jb_str(b, o, "url", p->url);
    jb_str(b, o, "external_url", p->external_url);
    put_plain(b, o, "title", x, "title", &p->title);
    jb_str(b, o, "content_html", p->content_html);
    jb_str(b, o, "content_text", p->content_text);
    if (!p->content_html && !p->content_text) {
        /* One of the two is required: the summary (or nothing) stands in. */
        const struct fc_text *su = &p->summary;
        if (su->value && su->type != FC_TEXT)
            jb_str(b, o, "content_html", su->value);
        else
            jb_str(b, o, "content_text", su->value ? su->value : "");
        jw_raw(x, "content_absent", "true");
    }
    put_plain(b, o, "summary", x, "summary", &p->summary);
    jb_str(b, o, "image", p->image);
    jb_str(b, o, "banner_image", p->banner_image);
    put_time(b, o, "date_published", &s->dates, "published", &p->published);
    put_time(b, o, "date_modified", &s->dates, "updated", &p->updated);
    put_authors(b, o, &p->authors);
    size_t m = jw_open(o, "tags", '[');
    for (const struct fc_tag *t = p->categories.first; t; t = t->next)
        if (t->term)
            jb_str(b, o, NULL, t->term);
    jw_close(o, m, ']', false);
    jb_str(b, o, "language", p->language);
    put_media(b, o, &p->attachments);
    put_exts(b, o, &s->exts, &p->exts);
    put_post_misc(b, x, p, &s->dates);
    jw_splice(x, "dates", '{', s->dates.buf);
    jw_splice(x, "exts", '[', s->exts.buf);
    jw_splice(o, JF_EXT, '{', x->buf);
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

static void jb_open(struct jb *b, struct jf_writer *w, struct fc_error *err, const char *what)
{
    memset(b, 0, sizeof *b);
    b->opt = &w->opt;
    b->err = err;
    b->name = fc_out_name(w->out);
    b->what = what;
    b->tmp = &w->tmp;
}

/* Finish a part: the first failure, else ENOMEM when a buffer ran out. */
static enum fc_status jb_close(struct jb *b, struct jf_writer *w)
{
    fc_arena_free(b->scratch);
    bool oom = w->buf.oom || w->tmp.oom || w->feed.oom || w->head.oom;
    for (int i = 0; i < 3; i++)
        oom = oom || w->side[i].oom;
    if (b->st == FC_OK && oom)
        jb_nomem(b);
    if (b->st != FC_OK) {
        /* Sticky oom is per buffer: start clean for whoever comes next. */
        fc_buf_free(&w->buf);
        fc_buf_free(&w->tmp);
        fc_buf_free(&w->feed);
        for (int i = 0; i < 3; i++)
            fc_buf_free(&w->side[i]);
    }
    return b->st;
}

/* The feed's members into w->feed (depth 1), _feedconv ones in w->side[0]. */
static void write_feed(struct jb *b, struct jf_writer *w, const struct fc_feed *f)
{
    fc_buf_reset(&w->feed);
    struct jw o = {&w->feed, 0, 1};
    struct jside s;
    side_open(&s, w->side, &o);
    feed_json(b, &o, &s, f);
}

static enum fc_status w_begin(void *ctx, struct fc_feed *feed, struct fc_error *err)
{
    struct jf_writer *w = ctx;
    struct jb b;
    if (w->begun)
        return fc_fail(err, FC_EUSAGE, fc_out_name(w->out), 0, 0, "begin() called twice");
    jb_open(&b, w, err, "feed");
    write_feed(&b, w, feed); /* _feedconv is written by end(), when it is complete */
    fc_buf_reset(&w->buf);
    fc_buf_putc(&w->buf, '{');
    fc_buf_add(&w->buf, w->feed.data, w->feed.len);
    fc_buf_puts(&w->buf, ",\n  \"items\": [");
    fc_buf_reset(&w->head);
    fc_buf_add(&w->head, w->feed.data, w->feed.len);
    enum fc_status st = jb_close(&b, w);
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
    struct jb b;
    jb_open(&b, w, err, what);
    fc_buf_reset(&w->buf);
    fc_buf_puts(&w->buf, w->items ? ",\n    {" : "\n    {");
    struct jw o = {&w->buf, 0, 3};
    struct jside s;
    side_open(&s, w->side, &o);
    post_json(&b, &o, &s, post);
    jw_close(&o, 0, '}', true);
    enum fc_status st = jb_close(&b, w);
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
static void feed_tail(struct jb *b, struct jf_writer *w, const struct fc_feed *feed,
                      struct fc_buf *tail)
{
    write_feed(b, w, feed);
    if (w->feed.oom)
        return;
    struct jw t = {tail, 0, 1};
    const char *changed = NULL;
    size_t changed_len = 0;
    const struct fc_buf *f = &w->feed;
    size_t at = 0;
    while (at < f->len) {
        const char *k;
        size_t kl, end = next_member(f->data, f->len, at, &k, &kl), ol;
        const char *old = head_member(&w->head, k, kl, &ol);
        if (!old) {
            if (!jw_first(&t))
                fc_buf_putc(tail, ',');
            fc_buf_add(tail, f->data + at, end - at);
        } else if (!changed && (ol != end - at || memcmp(old, f->data + at, ol) != 0)) {
            changed = k;
            changed_len = kl;
        }
        at = end < f->len && f->data[end] == ',' ? end + 1 : end;
    }
    if (changed) {
        b->quiet = false;
        jb_warn(b, "feed %.*s changed after the first item; the value written first is kept",
                (int)changed_len, changed);
        b->quiet = true;
    }
    jw_splice(&t, JF_EXT, '{', &w->side[0]);
}

static enum fc_status w_end(void *ctx, struct fc_feed *feed, struct fc_error *err)
{
    struct jf_writer *w = ctx;
    if (!w->begun)
        return fc_fail(err, FC_EUSAGE, fc_out_name(w->out), 0, 0, "end() before begin()");
    struct jb b;
    jb_open(&b, w, err, "feed");
    b.quiet = true; /* begin() reported these */
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
        jb_nomem(&b);
    fc_buf_free(&tail);
    enum fc_status st = jb_close(&b, w);
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
