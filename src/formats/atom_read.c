/*
 * atom_read.c - the Atom reader (1.0, and 0.3).  The
 * mapping, the feedconv namespace and the quirks handled are described at
 * the top of atom.c.
 */
#include "formats/atom.h"
#include "syntax/xml_podcast.h"
#include "util/media.h"

#include <stdio.h>
#include <string.h>

static bool is_space_c(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* A link's attributes as read; len -1 when there is no length. */
struct atom_link {
    const char *href, *rel, *type, *hreflang, *title, *length, *count, *duration, *fctype;
    int64_t len;
};

/* One read.  Failures and warnings go to s, the sticky status: the
 * mapping functions below record there and do nothing once it holds a
 * failure; the walk checks it after each child of the feed. */
struct atom_reader {
    struct fc_xr x;
    struct fc_sticky s;
    const char *ns; /* FC_NS_ATOM or NS_ATOM03 */
    bool v03;
    struct fc_feed *feed;
    const char *feed_base; /* effective base at the feed element */
    /* The document's own URI (opt->base_url, else the self link once
     * seen): the base where no xml:base is in effect. */
    const char *doc_base;
    struct fc_handler *h;
    bool begun;
    struct atom_link home; /* the link home_url came from */
    bool home_html, home_kept;
};

/* A warning at element n's line. */
static void warn_at(struct atom_reader *r, const xmlNode *n, const char *fmt, ...) FC_PRINTF(3, 4);
static void warn_at(struct atom_reader *r, const xmlNode *n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fc_sticky_vwarn(&r->s, n ? fc_xml_line(n) : 0, 0, fmt, ap);
    va_end(ap);
}

/* An element of the document's Atom namespace with local name `name`. */
static bool is_a(const struct atom_reader *r, const xmlNode *n, const char *name)
{
    return fc_xml_is(n, r->ns, name);
}

/* Atom 1.0 name, or its Atom 0.3 synonym in a 0.3 document. */
static bool is_a2(const struct atom_reader *r, const xmlNode *n, const char *name,
                  const char *name03)
{
    return is_a(r, n, name) || (r->v03 && is_a(r, n, name03));
}

/* An element the feedconv writer made up (fc:synthetic="true"). */
static bool is_synthetic(const xmlNode *n)
{
    return fc_xml_synthetic(n, "true");
}

static const char *text_of(struct atom_reader *r, struct fc_arena *a, const xmlNode *n)
{
    return fc_xml_text(a, n, true, &r->s);
}

/* A URI-valued element (id, icon, logo, uri): text resolved against the
 * element's base; base: the base in effect at its parent. */
static const char *uri_of(struct atom_reader *r, struct fc_arena *a, const xmlNode *n,
                          const char *base)
{
    const char *b = fc_xml_base(a, n, base, &r->s);
    const char *text = text_of(r, a, n);
    return fc_xml_resolve(a, b, text, &r->s);
}

/* ---- Base64 (Atom 0.3 mode="base64") ------------------------------ */

static int b64_val(char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+' || c == '-')
        return 62;
    if (c == '/' || c == '_')
        return 63;
    return -1;
}

/* s decoded into the arena; NULL when it is not Base64 of UTF-8 text. */
static const char *b64_decode(struct atom_reader *r, struct fc_arena *a, const char *s)
{
    const char *out = NULL;
    struct fc_buf b;
    fc_buf_init(&b);
    unsigned acc = 0, bits = 0;
    for (; *s; s++) {
        if (is_space_c(*s) || *s == '=')
            continue;
        int v = b64_val(*s);
        if (v < 0) {
            fc_buf_free(&b);
            return NULL;
        }
        acc = (acc << 6) | (unsigned)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            fc_buf_putc(&b, (char)((acc >> bits) & 0xff));
        }
    }
    if (b.oom)
        fc_sticky_nomem(&r->s);
    else if (b.len && fc_utf8_valid(b.data, b.len) && !(out = fc_strdup(a, b.data, b.len)))
        fc_sticky_nomem(&r->s);
    fc_buf_free(&b);
    return out;
}

/* ---- Text constructs ----------------------------------------------- */

/* The XHTML inside n (its xhtml:div wrapper removed when present) as HTML;
 * base: the base in effect at n. */
static const char *xhtml_value(struct atom_reader *r, struct fc_arena *a, const xmlNode *n,
                               const char *base)
{
    const xmlNode *div = fc_xml_first(n);
    if (div && fc_xml_is(div, FC_NS_XHTML, "div") && !fc_xml_next(div)) {
        base = fc_xml_base(a, div, base, &r->s);
        n = div;
    }
    return fc_xml_html(a, n, base, &r->s);
}

/*
 * A text construct or content element: its value, and its kind in *kind.
 * Atom 0.3 modes: escaped -> the text, base64 -> decoded, xml (default)
 * -> markup children serialised (XHTML) or the text.
 */
static const char *read_textish(struct atom_reader *r, struct fc_arena *a, const xmlNode *n,
                                const char *base, enum fc_atom_kind *kind)
{
    const char *type = fc_xml_attr(a, n, NULL, "type", &r->s);
    const char *mode = r->v03 ? fc_xml_attr(a, n, NULL, "mode", &r->s) : NULL;
    const char *b = fc_xml_base(a, n, base, &r->s);
    const char *value = NULL; /* an empty mode="base64" element sets nothing below */
    *kind = fc_atom_text_kind(type);
    if (!fc_sticky_ok(&r->s))
        return NULL;
    if (*kind == TK_OTHER)
        return text_of(r, a, n); /* callers that know media types look first */
    if (r->v03 && streq(mode, "base64")) {
        const char *raw = text_of(r, a, n);
        if (raw && !(value = b64_decode(r, a, raw)) && fc_sticky_ok(&r->s)) {
            value = raw;
            warn_at(r, n, "<%s mode=\"base64\"> is not valid Base64; kept as text",
                    (const char *)n->name);
        }
    } else if (*kind == TK_XHTML || (*kind == TK_HTML && fc_xml_has_elements(n)) ||
               (r->v03 && !streq(mode, "escaped") && fc_xml_has_elements(n))) {
        /* xhtml; 0.3 mode="xml" markup; and type="html" whose markup was
         * left unescaped (seen in the wild): serialised as HTML */
        if (*kind == TK_TEXT)
            *kind = TK_XHTML;
        return xhtml_value(r, a, n, b);
    } else {
        value = text_of(r, a, n);
    }
    return *kind == TK_HTML ? fc_xml_resolve_html(a, b, value, &r->s) : value;
}

static void read_text(struct atom_reader *r, struct fc_arena *a, const xmlNode *n, const char *base,
                      struct fc_text *t)
{
    if (t->value) {
        warn_at(r, n, "second <%s> ignored", (const char *)n->name);
        return;
    }
    enum fc_atom_kind k;
    const char *v = read_textish(r, a, n, base, &k);
    if (!fc_sticky_ok(&r->s))
        return;
    if (k == TK_OTHER) {
        warn_at(r, n, "<%s> has an unknown type; read as text", (const char *)n->name);
        k = TK_TEXT;
    }
    t->value = v;
    t->type = k == TK_HTML ? FC_HTML : k == TK_XHTML ? FC_XHTML : FC_TEXT;
}

/* ---- Dates --------------------------------------------------------- */

static void read_date(struct atom_reader *r, struct fc_arena *a, const xmlNode *n,
                      struct fc_time *t)
{
    if (fc_time_present(t)) {
        warn_at(r, n, "second <%s> ignored", (const char *)n->name);
        return;
    }
    const char *s = text_of(r, a, n);
    const char *prec = fc_xml_attr(a, n, FC_NS, "precision", &r->s);
    const char *zone = fc_xml_attr(a, n, FC_NS, "zone", &r->s);
    if (!fc_sticky_ok(&r->s) || !s)
        return;
    enum fc_status st = fc_time_parse_keep(a, s, t);
    if (st == FC_EPARSE) {
        warn_at(r, n, "<%s> \"%s\" is not a date; kept as text", (const char *)n->name, s);
        return;
    }
    if (st) {
        fc_sticky_nomem(&r->s);
        return;
    }
    for (int p = FC_TIME_YEAR; p <= FC_TIME_MINUTE; p++)
        if (streq(prec, fc_atom_precision_names[p]) && t->precision > p)
            t->precision = (unsigned char)p;
    if (streq(zone, "floating")) {
        t->zone = FC_ZONE_NONE;
        t->offset = 0;
    } else if (streq(zone, "name") && t->zone == FC_ZONE_OFFSET) {
        t->zone = FC_ZONE_NAME;
    }
}

static void read_raw_date(struct atom_reader *r, struct fc_arena *a, const xmlNode *n,
                          struct fc_time *t)
{
    const char *s = text_of(r, a, n);
    if (!s)
        return;
    memset(t, 0, sizeof *t);
    t->raw = s;
}

/* ---- Persons, categories, generator -------------------------------- */

static void read_person(struct atom_reader *r, struct fc_arena *a, const xmlNode *n,
                        const char *base, struct fc_list *list)
{
    const char *b = fc_xml_base(a, n, base, &r->s);
    const char *synth = fc_xml_attr(a, n, FC_NS, "synthetic", &r->s);
    if (!fc_sticky_ok(&r->s) || streq(synth, "true"))
        return;
    struct fc_person *p = fc_sticky_add(&r->s, a, list, sizeof *p);
    if (!p)
        return;
    for (const xmlNode *c = fc_xml_first(n); c && fc_sticky_ok(&r->s); c = fc_xml_next(c)) {
        if (is_a(r, c, "name"))
            p->name = text_of(r, a, c);
        else if (is_a(r, c, "email") || fc_xml_is(c, FC_NS, "email"))
            p->email = text_of(r, a, c);
        else if (is_a2(r, c, "uri", "url"))
            p->url = uri_of(r, a, c, b);
        else if (fc_xml_is(c, FC_NS, "avatar"))
            p->avatar = uri_of(r, a, c, b);
        else
            warn_at(r, c, "<%s> in a person has no place in the model; dropped",
                    (const char *)c->name);
    }
    if (fc_sticky_ok(&r->s) && streq(synth, "name"))
        p->name = NULL;
}

static void read_category(struct atom_reader *r, struct fc_arena *a, const xmlNode *n,
                          struct fc_list *list)
{
    struct fc_tag *t = fc_sticky_add(&r->s, a, list, sizeof *t);
    if (!t)
        return;
    t->term = fc_xml_attr(a, n, NULL, "term", &r->s);
    t->scheme = fc_xml_attr(a, n, NULL, "scheme", &r->s);
    t->label = fc_xml_attr(a, n, NULL, "label", &r->s);
    t->slug = fc_xml_attr(a, n, FC_NS, "slug", &r->s);
    if (!t->term && r->v03) /* 0.3 had dc:subject; some wrote text */
        t->term = text_of(r, a, n);
}

static void read_generator(struct atom_reader *r, struct fc_arena *a, const xmlNode *n,
                           const char *base, struct fc_generator *g)
{
    g->name = text_of(r, a, n);
    g->uri = fc_xml_attr(a, n, NULL, r->v03 ? "url" : "uri", &r->s);
    g->version = fc_xml_attr(a, n, NULL, "version", &r->s);
    g->uri = fc_xml_resolve(a, base, g->uri, &r->s);
}

/* ---- Links ---------------------------------------------------------- */

/* Link n's attributes into *l, warning about the ones the model has no
 * place for; true when there is a link to map (an href, no failure). */
static bool read_link_attrs(struct atom_reader *r, struct fc_arena *a, const xmlNode *n,
                            const char *base, struct atom_link *l)
{
    memset(l, 0, sizeof *l);
    l->len = -1;
    const char *b = fc_xml_base(a, n, base, &r->s);
    struct {
        const char *ns, *name;
        const char **out;
    } want[] = {
        {NULL, "href", &l->href},     {NULL, "rel", &l->rel},
        {NULL, "type", &l->type},     {NULL, "hreflang", &l->hreflang},
        {NULL, "title", &l->title},   {NULL, "length", &l->length},
        {NS_THR, "count", &l->count}, {FC_NS, "duration", &l->duration},
        {FC_NS, "type", &l->fctype},
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        *want[i].out = fc_xml_attr(a, n, want[i].ns, want[i].name, &r->s);
    for (const xmlAttr *at = n->properties; at && fc_sticky_ok(&r->s); at = at->next) {
        const char *ns = at->ns ? (const char *)at->ns->href : NULL;
        bool known = streq(ns, FC_NS_XML) || streq(ns, FC_NS);
        for (size_t i = 0; i < sizeof want / sizeof want[0] && !known; i++)
            known = streq((const char *)at->name, want[i].name) &&
                    ((!ns && !want[i].ns) || streq(ns, want[i].ns));
        if (!known)
            warn_at(r, n, "link attribute %s%s%s has no place in the model; dropped", ns ? ns : "",
                    ns ? " " : "", (const char *)at->name);
    }
    if (fc_xml_first(n))
        warn_at(r, n, "child elements of <link> have no place in the model; dropped");
    if (!fc_sticky_ok(&r->s))
        return false;
    if (!l->rel)
        l->rel = "alternate";
    /* RFC 4287 4.2.7.2: the IANA registry IRI means the short name */
    static const char iana[] = "http://www.iana.org/assignments/relation/";
    if (strncmp(l->rel, iana, sizeof iana - 1) == 0 && l->rel[sizeof iana - 1])
        l->rel += sizeof iana - 1;
    if (l->type == NULL && l->fctype)
        l->type = l->fctype;
    if (l->length && !fc_parse_int(l->length, 0, INT64_MAX, &l->len))
        warn_at(r, n, "link length \"%s\" is not a number; dropped", l->length);
    l->href = fc_xml_resolve(a, b, l->href, &r->s);
    if (fc_sticky_ok(&r->s) && !l->href)
        warn_at(r, n, "<link> without href ignored");
    return fc_sticky_ok(&r->s) && l->href;
}

static void keep_link(struct atom_reader *r, struct fc_arena *a, struct fc_list *links,
                      const struct atom_link *l)
{
    if (!fc_sticky_ok(&r->s))
        return;
    struct fc_link *k = fc_sticky_add(&r->s, a, links, sizeof *k);
    if (!k)
        return;
    k->href = l->href;
    k->rel = l->rel;
    k->type = l->type;
    k->hreflang = l->hreflang;
    k->title = l->title;
    k->length = l->len;
}

/* True when a link mapped to a named field carries more than the writer
 * would write back for that field (`type` is what it writes). */
static bool link_has_more(const struct atom_link *l, const char *type)
{
    if (l->hreflang || l->title || l->len >= 0)
        return true;
    return l->type && !streq(l->type, type);
}

/* The preferred alternate link among n's children. */
static const xmlNode *pick_alternate(struct atom_reader *r, const xmlNode *n)
{
    const xmlNode *first = NULL;
    for (const xmlNode *c = fc_xml_first(n); c; c = fc_xml_next(c)) {
        if (!is_a(r, c, "link"))
            continue;
        xmlChar *rel = xmlGetNoNsProp(c, BAD_CAST "rel");
        xmlChar *type = xmlGetNoNsProp(c, BAD_CAST "type");
        xmlChar *href = xmlGetNoNsProp(c, BAD_CAST "href");
        bool alt = href && (!rel || strcmp((const char *)rel, "alternate") == 0);
        bool html = !type || strcmp((const char *)type, "text/html") == 0 ||
                    strcmp((const char *)type, "application/xhtml+xml") == 0;
        xmlFree(rel);
        xmlFree(type);
        xmlFree(href);
        if (alt && html)
            return c;
        if (alt && !first)
            first = c;
    }
    return first;
}

/* ---- Extensions ---------------------------------------------------- */

static void read_ext(struct atom_reader *r, struct fc_arena *a, const xmlNode *n,
                     struct fc_list *exts)
{
    fc_xml_to_ext(a, exts, n, "atom", &r->s);
}

/* fc:json: a JSON-kind extension carried as text. */
static void read_json_ext(struct atom_reader *r, struct fc_arena *a, const xmlNode *n,
                          struct fc_list *exts)
{
    const char *name = fc_xml_attr(a, n, NULL, "name", &r->s);
    const char *origin = fc_xml_attr(a, n, NULL, "origin", &r->s);
    const char *value = text_of(r, a, n);
    if (!fc_sticky_ok(&r->s))
        return;
    if (!name || !value) {
        warn_at(r, n, "<fc:json> without name or value ignored");
        return;
    }
    struct fc_ext *e = fc_sticky_add(&r->s, a, exts, sizeof *e);
    if (!e)
        return;
    e->kind = FC_EXT_JSON;
    e->origin = origin ? origin : "jsonfeed";
    e->name = name;
    e->value = value;
}

static void parse_count(struct atom_reader *r, const xmlNode *n, const char *s, int64_t *out)
{
    if (s && !fc_parse_int(s, 0, INT64_MAX, out))
        warn_at(r, n, "count \"%s\" is not a number; dropped", s);
}

/* ---- Entry ---------------------------------------------------------- */

struct entry_state {
    int64_t thr_count; /* from a replies link, when no thr:total */
    int64_t thr_total;
    const xmlNode *alt;
    struct fc_xml_pod_item pod; /* itunes:*, podcast:*, media:* */
};

/* An enclosure link as an attachment; true when the link has more to
 * keep (hreflang). */
static bool entry_enclosure(struct atom_reader *r, struct fc_post *p, const xmlNode *n,
                            const struct atom_link *l)
{
    struct fc_media *m = fc_media_add(p->arena, &p->attachments);
    if (!m) {
        fc_sticky_nomem(&r->s);
        return false;
    }
    m->url = l->href;
    m->type = l->type;
    m->length = l->len;
    m->title = l->title;
    const char *g = fc_media_type_vague(m->type) ? fc_media_type_guess(m->url) : NULL;
    if (g) {
        warn_at(r, n, "enclosure link %s type; \"%s\" guessed from its URL",
                m->type ? "has a vague" : "has no", g);
        m->type = g;
    }
    if (l->duration) {
        double d;
        if (fc_parse_decimal(l->duration, &d))
            m->duration = d;
        else
            warn_at(r, n, "fc:duration \"%s\" is not a number; dropped", l->duration);
    }
    return l->hreflang != NULL;
}

static void entry_link(struct atom_reader *r, struct fc_post *p, const xmlNode *n, const char *base,
                       struct entry_state *es)
{
    struct fc_arena *a = p->arena;
    struct atom_link l;
    if (!read_link_attrs(r, a, n, base, &l))
        return;
    bool more = true;
    if (n == es->alt) {
        p->url = l.href;
        more = link_has_more(&l, "text/html");
    } else if (strcmp(l.rel, "enclosure") == 0) {
        more = entry_enclosure(r, p, n, &l);
    } else if (strcmp(l.rel, "related") == 0 && !p->external_url) {
        p->external_url = l.href;
        more = link_has_more(&l, NULL);
    } else if (strcmp(l.rel, "replies") == 0) {
        bool html = streq(l.type, "text/html");
        if (html && !p->comments_url) {
            p->comments_url = l.href;
            more = link_has_more(&l, "text/html");
        } else if (!html && !p->comments_feed) {
            p->comments_feed = l.href; /* the writer types it as RSS */
            more = link_has_more(&l, "application/rss+xml");
        }
        int64_t c = -1;
        parse_count(r, n, l.count, &c);
        if (c >= 0 && es->thr_count < 0)
            es->thr_count = c;
    }
    if (more)
        keep_link(r, a, &p->links, &l);
}

static void read_content(struct atom_reader *r, struct fc_post *p, const xmlNode *n,
                         const char *base)
{
    struct fc_arena *a = p->arena;
    if (p->content_html || p->content_text || p->content_src) {
        warn_at(r, n, "second <content> ignored");
        return;
    }
    const char *type = fc_xml_attr(a, n, NULL, "type", &r->s);
    const char *src = fc_xml_attr(a, n, NULL, "src", &r->s);
    const char *b = fc_xml_base(a, n, base, &r->s);
    if (!fc_sticky_ok(&r->s))
        return;
    if (src) {
        p->content_src = fc_xml_resolve(a, b, src, &r->s);
        p->content_type = type;
        return;
    }
    enum fc_atom_kind k = fc_atom_text_kind(type);
    if (k == TK_OTHER) {
        p->content_type = type;
        if (fc_atom_xml_media(type) && fc_xml_has_elements(n))
            p->content_text = fc_xml_inner(a, n, &r->s);
        else
            p->content_text = text_of(r, a, n);
        return;
    }
    const char *v = read_textish(r, a, n, base, &k);
    if (!fc_sticky_ok(&r->s))
        return;
    if (k == TK_TEXT)
        p->content_text = v;
    else
        p->content_html = v;
}

static void read_source(struct atom_reader *r, struct fc_post *p, const xmlNode *n,
                        const char *base)
{
    struct fc_arena *a = p->arena;
    struct fc_source *s = fc_alloc(a, sizeof *s);
    if (!s) {
        fc_sticky_nomem(&r->s);
        return;
    }
    p->source = s;
    const char *b = fc_xml_base(a, n, base, &r->s);
    const xmlNode *alt = pick_alternate(r, n);
    struct fc_text title = {0};
    for (const xmlNode *c = fc_xml_first(n); c && fc_sticky_ok(&r->s); c = fc_xml_next(c)) {
        if (is_a(r, c, "id")) {
            s->id = uri_of(r, a, c, b);
        } else if (is_a(r, c, "title")) {
            read_text(r, a, c, b, &title);
            s->title = title.value;
        } else if (is_a2(r, c, "updated", "modified")) {
            read_date(r, a, c, &s->updated);
        } else if (is_a(r, c, "link")) {
            struct atom_link l;
            if (!read_link_attrs(r, a, c, b, &l))
                continue;
            if (c == alt)
                s->home_url = l.href;
            else if (strcmp(l.rel, "self") == 0 && !s->url)
                s->url = l.href;
            else
                warn_at(r, c, "<source> link rel=\"%s\" has no place in the model; dropped", l.rel);
        } else {
            warn_at(r, c, "<source> child <%s> has no place in the model; dropped",
                    (const char *)c->name);
        }
    }
}

/* fc: elements at entry level; false when c is none of them. */
static bool entry_fc(struct atom_reader *r, struct fc_post *p, const xmlNode *c, const char *base)
{
    struct fc_arena *a = p->arena;
    if (fc_xml_is(c, FC_NS, "slug"))
        p->slug = text_of(r, a, c);
    else if (fc_xml_is(c, FC_NS, "image"))
        p->image = uri_of(r, a, c, base);
    else if (fc_xml_is(c, FC_NS, "bannerImage"))
        p->banner_image = uri_of(r, a, c, base);
    else if (fc_xml_is(c, FC_NS, "contentText"))
        p->content_text = text_of(r, a, c);
    else if (fc_xml_is(c, FC_NS, "language"))
        p->language = text_of(r, a, c);
    else if (fc_xml_is(c, FC_NS, "rawPublished"))
        read_raw_date(r, a, c, &p->published);
    else if (fc_xml_is(c, FC_NS, "rawUpdated"))
        read_raw_date(r, a, c, &p->updated);
    else if (fc_xml_is(c, FC_NS, "json"))
        read_json_ext(r, a, c, &p->exts);
    else if (fc_xml_is(c, FC_NS, "site"))
        fc_extcodec_post_from_json(&r->s, a, "entry", fc_xml_line(c), text_of(r, a, c), p,
                                   fc_atom_site_post, fc_atom_site_post_len);
    else
        return false;
    return true;
}

/* app:control: app:draft -> draft; anything else in it keeps the whole
 * element as an extension (the writer then writes only that). */
static void read_app_control(struct atom_reader *r, struct fc_post *p, const xmlNode *c)
{
    bool other = false;
    for (const xmlNode *d = fc_xml_first(c); d && fc_sticky_ok(&r->s); d = fc_xml_next(d)) {
        if (!fc_xml_is(d, NS_APP, "draft")) {
            other = true;
            continue;
        }
        const char *s = text_of(r, p->arena, d);
        if (fc_sticky_ok(&r->s))
            p->draft = streq(s, "yes");
    }
    if (other)
        read_ext(r, p->arena, c, &p->exts);
}

static void entry_id(struct atom_reader *r, struct fc_post *p, const xmlNode *c, const char *base)
{
    if (p->id) {
        warn_at(r, c, "second <id> ignored");
        return;
    }
    /* an id that is no IRI was written as one, the original beside it */
    p->id = fc_xml_attr(p->arena, c, FC_NS, "original", &r->s);
    if (!p->id)
        p->id = uri_of(r, p->arena, c, base);
    const char *perma = fc_xml_attr(p->arena, c, FC_NS, "isPermaLink", &r->s);
    if (perma)
        p->id_is_permalink = strcmp(perma, "true") == 0;
}

/* Where the metadata atom:feed and atom:entry share goes (RFC 4287
 * 4.1.1, 4.1.2). */
struct atom_meta {
    struct fc_text *title, *rights;
    struct fc_time *updated;
    struct fc_list *authors, *contributors, *categories;
};

/* title, rights, updated, author, contributor or category into m; false
 * when c is none of them. */
static bool read_meta(struct atom_reader *r, struct fc_arena *a, const xmlNode *c, const char *base,
                      const struct atom_meta *m)
{
    if (is_a(r, c, "title"))
        read_text(r, a, c, base, m->title);
    else if (is_a2(r, c, "rights", "copyright"))
        read_text(r, a, c, base, m->rights);
    else if (is_a2(r, c, "updated", "modified"))
        read_date(r, a, c, m->updated);
    else if (is_a(r, c, "author"))
        read_person(r, a, c, base, m->authors);
    else if (is_a(r, c, "contributor"))
        read_person(r, a, c, base, m->contributors);
    else if (is_a(r, c, "category"))
        read_category(r, a, c, m->categories);
    else
        return false;
    return true;
}

static void entry_child(struct atom_reader *r, struct fc_post *p, const xmlNode *c,
                        const char *base, struct entry_state *es)
{
    struct fc_arena *a = p->arena;
    const struct atom_meta meta = {&p->title,   &p->rights,       &p->updated,
                                   &p->authors, &p->contributors, &p->categories};
    if (is_synthetic(c))
        return;
    if (is_a(r, c, "id"))
        entry_id(r, p, c, base);
    else if (read_meta(r, a, c, base, &meta))
        return;
    else if (is_a(r, c, "summary"))
        read_text(r, a, c, base, &p->summary);
    else if (is_a(r, c, "content"))
        read_content(r, p, c, base);
    else if (is_a2(r, c, "published", "issued"))
        read_date(r, a, c, &p->published);
    else if (is_a(r, c, "link"))
        entry_link(r, p, c, base, es);
    else if (is_a(r, c, "source"))
        read_source(r, p, c, base);
    else if (fc_xml_is(c, NS_THR, "total"))
        parse_count(r, c, text_of(r, a, c), &es->thr_total);
    else if (fc_xml_is(c, FC_NS_SLASH, "comments") && p->comment_count < 0 && es->thr_total < 0)
        parse_count(r, c, text_of(r, a, c), &es->thr_total);
    else if (fc_xml_is(c, FC_NS_WFW, "commentRss") && !p->comments_feed)
        p->comments_feed = uri_of(r, a, c, base);
    else if (fc_xml_is(c, NS_APP, "control"))
        read_app_control(r, p, c);
    else if (fc_xml_pod_item_child(&es->pod, c))
        return;
    else if (!entry_fc(r, p, c, base)) {
        if (fc_xml_ns(c) && streq(fc_xml_ns(c), r->ns) && !r->v03)
            warn_at(r, c, "<%s> is not an Atom 1.0 entry element; kept as an extension",
                    (const char *)c->name);
        read_ext(r, a, c, &p->exts);
    }
}

/* Entry n as a post (the caller frees it; NULL without memory). */
static struct fc_post *build_post(struct atom_reader *r, const xmlNode *n)
{
    struct fc_post *p = fc_post_new();
    if (!p) {
        fc_sticky_nomem(&r->s);
        return NULL;
    }
    p->line = fc_xml_line(n);
    struct fc_arena *a = p->arena;
    const char *own_base = fc_xml_attr(a, n, FC_NS_XML, "base", &r->s);
    const char *base = fc_xml_base(a, n, r->feed_base, &r->s);
    const char *lang = fc_xml_attr(a, n, FC_NS_XML, "lang", &r->s);
    if (!fc_sticky_ok(&r->s))
        return p;
    if (own_base)
        p->base = base;
    if (lang && *lang)
        p->language = lang;
    struct entry_state es = {.thr_count = -1, .thr_total = -1, .alt = pick_alternate(r, n)};
    fc_xml_pod_item_begin(&es.pod, &r->s, p, base, "atom");
    for (const xmlNode *c = fc_xml_first(n); c && fc_sticky_ok(&r->s); c = fc_xml_next(c))
        entry_child(r, p, c, base, &es);
    fc_xml_pod_item_end(&es.pod);
    if (es.thr_total >= 0 && es.thr_count >= 0 && es.thr_total != es.thr_count)
        warn_at(r, n, "replies link thr:count %lld differs from thr:total %lld; the total kept",
                (long long)es.thr_count, (long long)es.thr_total);
    if (fc_sticky_ok(&r->s))
        p->comment_count = es.thr_total >= 0 ? es.thr_total : es.thr_count;
    return p;
}

/* ---- Feed ----------------------------------------------------------- */

static void set_int(struct atom_reader *r, const xmlNode *n, const char *s, int64_t min,
                    int64_t max, int *out)
{
    int64_t v;
    if (!s)
        return;
    if (!fc_parse_int(s, min, max, &v)) {
        warn_at(r, n, "<%s> \"%s\" is not a number; dropped", (const char *)n->name, s);
        return;
    }
    *out = (int)v;
}

static void read_skip(struct atom_reader *r, struct fc_arena *a, const xmlNode *n, bool days)
{
    const char *s = text_of(r, a, n);
    for (const char *p = s; fc_sticky_ok(&r->s) && p && *p;) {
        while (*p && is_space_c(*p))
            p++;
        const char *e = p;
        while (*e && !is_space_c(*e))
            e++;
        if (e == p)
            break;
        bool ok = false;
        if (days) {
            for (int d = 0; d < 7; d++)
                if ((size_t)(e - p) == strlen(fc_atom_day_names[d]) &&
                    fc_strncasecmp(p, fc_atom_day_names[d], (size_t)(e - p)) == 0) {
                    r->feed->skip_days |= (uint8_t)(1u << d);
                    ok = true;
                }
        } else {
            int h = 0;
            const char *q = p;
            for (; q < e && *q >= '0' && *q <= '9' && h < 100; q++)
                h = h * 10 + (*q - '0');
            if (q == e && h < 24) {
                r->feed->skip_hours |= (uint32_t)1u << h;
                ok = true;
            }
        }
        if (!ok)
            warn_at(r, n, "<%s> entry \"%.*s\" not understood; dropped", (const char *)n->name,
                    (int)(e - p), p);
        p = e;
    }
}

/* fc:cloud, fc:textInput, fc:image, fc:editor and fc:webmaster: the model
 * structs atom_write.c writes as attributes.  False when c is none. */
static bool feed_fc_attrs(struct atom_reader *r, struct fc_arena *a, const xmlNode *c)
{
    struct fc_feed *f = r->feed;
    struct fc_sticky *s = &r->s;
    if (fc_xml_is(c, FC_NS, "cloud")) {
        f->cloud.domain = fc_xml_attr(a, c, NULL, "domain", s);
        f->cloud.path = fc_xml_attr(a, c, NULL, "path", s);
        f->cloud.procedure = fc_xml_attr(a, c, NULL, "procedure", s);
        f->cloud.protocol = fc_xml_attr(a, c, NULL, "protocol", s);
        set_int(r, c, fc_xml_attr(a, c, NULL, "port", s), 0, 65535, &f->cloud.port);
    } else if (fc_xml_is(c, FC_NS, "textInput")) {
        f->text_input.title = fc_xml_attr(a, c, NULL, "title", s);
        f->text_input.description = fc_xml_attr(a, c, NULL, "description", s);
        f->text_input.name = fc_xml_attr(a, c, NULL, "name", s);
        f->text_input.link = fc_xml_attr(a, c, NULL, "link", s);
    } else if (fc_xml_is(c, FC_NS, "image")) {
        f->image.title = fc_xml_attr(a, c, NULL, "title", s);
        f->image.link = fc_xml_attr(a, c, NULL, "link", s);
        f->image.description = fc_xml_attr(a, c, NULL, "description", s);
        set_int(r, c, fc_xml_attr(a, c, NULL, "width", s), 0, INT32_MAX, &f->image.width);
        set_int(r, c, fc_xml_attr(a, c, NULL, "height", s), 0, INT32_MAX, &f->image.height);
    } else if (fc_xml_is(c, FC_NS, "editor") || fc_xml_is(c, FC_NS, "webmaster")) {
        struct fc_person *p = fc_xml_is(c, FC_NS, "editor") ? &f->editor : &f->webmaster;
        p->name = fc_xml_attr(a, c, NULL, "name", s);
        p->email = fc_xml_attr(a, c, NULL, "email", s);
        p->url = fc_xml_attr(a, c, NULL, "uri", s);
        p->avatar = fc_xml_attr(a, c, NULL, "avatar", s);
    } else {
        return false;
    }
    return true;
}

/* fc: elements at feed level; false when c is none of them. */
static bool feed_fc(struct atom_reader *r, const xmlNode *c, const char *base)
{
    struct fc_feed *f = r->feed;
    struct fc_arena *a = f->arena;
    if (fc_xml_is(c, FC_NS, "published")) {
        read_date(r, a, c, &f->published);
    } else if (fc_xml_is(c, FC_NS, "rawPublished")) {
        read_raw_date(r, a, c, &f->published);
    } else if (fc_xml_is(c, FC_NS, "rawUpdated")) {
        read_raw_date(r, a, c, &f->updated);
    } else if (fc_xml_is(c, FC_NS, "ttl")) {
        set_int(r, c, text_of(r, a, c), 0, INT32_MAX, &f->ttl);
    } else if (fc_xml_is(c, FC_NS, "docs")) {
        f->docs = uri_of(r, a, c, base);
    } else if (fc_xml_is(c, FC_NS, "rating")) {
        f->rating = text_of(r, a, c);
    } else if (fc_xml_is(c, FC_NS, "description")) {
        f->description_text = text_of(r, a, c);
    } else if (fc_xml_is(c, FC_NS, "userComment")) {
        f->user_comment = text_of(r, a, c);
    } else if (fc_xml_is(c, FC_NS, "language")) {
        f->language = text_of(r, a, c);
    } else if (fc_xml_is(c, FC_NS, "expired")) {
        const char *s = text_of(r, a, c);
        if (s)
            f->expired = strcmp(s, "true") == 0;
    } else if (fc_xml_is(c, FC_NS, "skipHours")) {
        read_skip(r, a, c, false);
    } else if (fc_xml_is(c, FC_NS, "skipDays")) {
        read_skip(r, a, c, true);
    } else if (fc_xml_is(c, FC_NS, "json")) {
        read_json_ext(r, a, c, &f->exts);
    } else if (fc_xml_is(c, FC_NS, "site")) {
        fc_extcodec_feed_from_json(&r->s, a, "feed", fc_xml_line(c), text_of(r, a, c), f,
                                   fc_atom_site_feed, fc_atom_site_feed_len);
    } else {
        return feed_fc_attrs(r, a, c);
    }
    return true;
}

/* The document's own URI is known (opt->base_url, or the self link): the
 * base wherever no xml:base is in effect. */
static void doc_base(struct atom_reader *r, const char *uri)
{
    if (r->s.opt && (r->s.opt->flags & FC_OPT_NO_XML_BASE))
        return;
    r->doc_base = uri;
    r->feed_base = r->feed_base ? fc_xml_resolve(r->feed->arena, uri, r->feed_base, &r->s) : uri;
}

/* Feed links arrive one at a time (streaming), so the preferred alternate
 * (text/html or untyped, else the first) may replace an earlier one, which
 * then moves to `links`. */
static void feed_link(struct atom_reader *r, const xmlNode *n, const char *base)
{
    struct fc_feed *f = r->feed;
    struct fc_arena *a = f->arena;
    struct atom_link l;
    if (!read_link_attrs(r, a, n, base, &l))
        return;
    bool more = true;
    bool html = !l.type || streq(l.type, "text/html") || streq(l.type, "application/xhtml+xml");
    if (strcmp(l.rel, "alternate") == 0 && (!f->home_url || (html && !r->home_html))) {
        if (f->home_url && !r->home_kept)
            keep_link(r, a, &f->links, &r->home);
        f->home_url = l.href;
        r->home = l;
        r->home_html = html;
        more = r->home_kept = link_has_more(&l, "text/html");
    } else if (strcmp(l.rel, "self") == 0 && !f->feed_url) {
        f->feed_url = l.href;
        more = link_has_more(&l, "application/atom+xml");
        if (!r->doc_base && fc_url_is_absolute(l.href))
            doc_base(r, l.href); /* the feed's own URL */
    } else if (strcmp(l.rel, "next") == 0 && !f->next_url) {
        f->next_url = l.href;
        more = link_has_more(&l, NULL);
    } else if (strcmp(l.rel, "hub") == 0) {
        struct fc_hub *hb = fc_sticky_add(&r->s, a, &f->hubs, sizeof *hb);
        if (!hb)
            return;
        hb->url = l.href;
        hb->type = l.type;
        more = l.hreflang || l.title || l.len >= 0;
    }
    if (more)
        keep_link(r, a, &f->links, &l);
}

static void feed_child(struct atom_reader *r, const xmlNode *c)
{
    struct fc_feed *f = r->feed;
    struct fc_arena *a = f->arena;
    const char *base = r->feed_base;
    if (!fc_sticky_ok(&r->s) || is_synthetic(c))
        return;
    const struct atom_meta meta = {&f->title,   &f->rights,       &f->updated,
                                   &f->authors, &f->contributors, &f->categories};
    if (is_a(r, c, "id") && f->id)
        warn_at(r, c, "second <id> ignored");
    else if (is_a(r, c, "id"))
        f->id =
            (f->id = fc_xml_attr(a, c, FC_NS, "original", &r->s)) ? f->id : uri_of(r, a, c, base);
    else if (read_meta(r, a, c, base, &meta))
        return;
    else if (is_a2(r, c, "subtitle", "tagline"))
        read_text(r, a, c, base, &f->subtitle);
    else if (is_a(r, c, "published") && !r->v03)
        read_date(r, a, c, &f->published); /* not RFC 4287's, but YouTube's */
    else if (is_a(r, c, "generator"))
        read_generator(r, a, c, base, &f->generator);
    else if (is_a(r, c, "icon"))
        f->icon = uri_of(r, a, c, base);
    else if (is_a(r, c, "logo"))
        f->image.url = uri_of(r, a, c, base);
    else if (is_a(r, c, "link"))
        feed_link(r, c, base);
    else if (fc_xml_pod_feed(&r->s, f, c, base, "atom"))
        return;
    else if (!feed_fc(r, c, base)) {
        if (streq(fc_xml_ns(c), r->ns) && !r->v03)
            warn_at(r, c, "<%s> is not an Atom 1.0 feed element; kept as an extension",
                    (const char *)c->name);
        read_ext(r, a, c, &f->exts);
    }
}

/* The handler's begin(), once, before the first post or at the end. */
static void begin_once(struct atom_reader *r)
{
    if (r->begun || !fc_sticky_ok(&r->s))
        return;
    r->begun = true;
    if (r->doc_base) { /* the self link may follow what it is the base of */
        struct fc_feed *f = r->feed;
        const char **urls[] = {&f->home_url, &f->icon, &f->image.url};
        for (size_t i = 0; i < sizeof urls / sizeof urls[0]; i++)
            *urls[i] = fc_xml_resolve(f->arena, r->feed_base, *urls[i], &r->s);
    }
    fc_sticky_set(&r->s, r->h->begin(r->h->ctx, r->feed, r->s.err));
}

static void emit_post(struct atom_reader *r, const xmlNode *n)
{
    begin_once(r);
    if (!fc_sticky_ok(&r->s))
        return;
    struct fc_post *p = build_post(r, n);
    if (fc_sticky_ok(&r->s))
        fc_sticky_set(&r->s, r->h->post(r->h->ctx, r->feed, p, r->s.err));
    fc_post_free(p);
}

/* The feed element's own attributes. */
static void root_attrs(struct atom_reader *r)
{
    struct fc_feed *f = r->feed;
    const char *base = fc_xr_attr(&r->x, f->arena, FC_NS_XML, "base", &r->s);
    const char *lang = fc_xr_attr(&r->x, f->arena, FC_NS_XML, "lang", &r->s);
    if (base) {
        f->base = base;
        r->feed_base = base;
    }
    if (r->s.opt->base_url)
        doc_base(r, r->s.opt->base_url);
    if (lang && *lang)
        f->language = lang;
}

/* The root element: Atom 1.0 or 0.3, feed or entry; else FC_EFORMAT. */
static void check_root(struct atom_reader *r, bool *is_entry)
{
    const char *ns = fc_xr_ns(&r->x), *name = fc_xr_name(&r->x);
    unsigned long line = fc_xr_line(&r->x);
    *is_entry = streq(name, "entry");
    if (streq(ns, FC_NS_ATOM) && (streq(name, "feed") || *is_entry)) {
        r->ns = FC_NS_ATOM;
        r->feed->format = "atom 1.0";
    } else if (streq(ns, NS_ATOM03) && (streq(name, "feed") || *is_entry)) {
        r->ns = NS_ATOM03;
        r->v03 = true;
        r->feed->format = "atom 0.3";
    } else if (streq(name, "feed") && !ns) {
        fc_sticky_fail(&r->s, FC_EFORMAT, line, 0,
                       "not an Atom document: <feed> has no namespace (Atom 1.0 uses "
                       "xmlns=\"%s\")",
                       FC_NS_ATOM);
    } else {
        fc_sticky_fail(&r->s, FC_EFORMAT, line, 0,
                       "not an Atom document: the root element is <%s>%s%s%s", name ? name : "?",
                       ns ? " in namespace \"" : "", ns ? ns : "", ns ? "\"" : "");
    }
}

/* The cursor's next node; false (and *more unchanged) once r->s holds a
 * failure, the cursor's own included. */
static bool cursor_read(struct atom_reader *r, bool *more)
{
    if (!fc_sticky_ok(&r->s))
        return false;
    return fc_sticky_set(&r->s, fc_xr_read(&r->x, more, r->s.err)) == FC_OK;
}

/* Walk the feed's children: expand each, map it, skip past it. */
static void read_feed_body(struct atom_reader *r)
{
    bool more = true;
    if (!fc_sticky_ok(&r->s) || fc_xr_is_empty(&r->x) || !cursor_read(r, &more))
        return;
    while (more && fc_sticky_ok(&r->s)) {
        int type = fc_xr_type(&r->x), depth = fc_xr_depth(&r->x);
        if (depth == 0 && type == XML_READER_TYPE_END_ELEMENT)
            return;
        if (depth != 1 || type != XML_READER_TYPE_ELEMENT) {
            cursor_read(r, &more);
            continue;
        }
        xmlNode *n;
        if (fc_sticky_set(&r->s, fc_xr_expand(&r->x, &n, r->s.err)) != FC_OK)
            return;
        if (is_a(r, n, "entry")) {
            emit_post(r, n);
        } else {
            if (r->begun)
                warn_at(r, n, "feed element <%s> after the first entry", (const char *)n->name);
            feed_child(r, n);
        }
        if (fc_sticky_ok(&r->s))
            fc_sticky_set(&r->s, fc_xr_next(&r->x, &more, r->s.err));
    }
}

enum fc_status fc_atom_read(struct fc_input *in, struct fc_handler *out,
                            const struct fc_options *opt, struct fc_error *err)
{
    struct fc_options def;
    if (!opt) {
        fc_options_init(&def);
        opt = &def;
    }
    struct atom_reader r = {.h = out};
    r.s = (struct fc_sticky){.opt = opt, .err = err, .file = fc_input_name(in)};
    bool more = true, is_entry = false;
    fc_sticky_set(&r.s, fc_xr_open(&r.x, in, opt, err));
    while (fc_sticky_ok(&r.s) && more && cursor_read(&r, &more))
        if (more && fc_xr_type(&r.x) == XML_READER_TYPE_ELEMENT)
            break;
    if (fc_sticky_ok(&r.s) && !more)
        fc_sticky_fail(&r.s, FC_EFORMAT, 0, 0, "not an Atom document: no root element");
    if (fc_sticky_ok(&r.s) && !(r.feed = fc_feed_new()))
        fc_sticky_nomem(&r.s);
    if (fc_sticky_ok(&r.s))
        check_root(&r, &is_entry);
    if (fc_sticky_ok(&r.s) && is_entry) {
        xmlNode *n;
        if (fc_sticky_set(&r.s, fc_xr_expand(&r.x, &n, err)) == FC_OK)
            emit_post(&r, n);
    } else if (fc_sticky_ok(&r.s)) {
        root_attrs(&r);
        read_feed_body(&r);
    }
    /* Read to the end: errors after the root (junk, truncation) count. */
    while (fc_sticky_ok(&r.s) && more)
        cursor_read(&r, &more);
    begin_once(&r);
    if (fc_sticky_ok(&r.s))
        fc_sticky_set(&r.s, out->end(out->ctx, r.feed, err));
    fc_feed_free(r.feed);
    fc_xr_close(&r.x);
    return r.s.st;
}
