/*
 * atom_read.c - the Atom reader (1.0, and 0.3) and detection.  The
 * mapping, the feedconv namespace and the quirks handled are described at
 * the top of atom.c.
 */
#include "formats/atom.h"
#include "util/html_urls.h"

#include <string.h>

static bool is_space_c(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

struct atom_link {
    const char *href, *rel, *type, *hreflang, *title, *length, *count, *duration, *fctype;
    int64_t len;
};

struct atom_reader {
    struct fc_xr x;
    const struct fc_options *opt;
    struct fc_error *err;
    const char *file;
    const char *ns; /* FC_NS_ATOM or NS_ATOM03 */
    bool v03;
    bool resolve; /* honour xml:base */
    struct fc_feed *feed;
    const char *feed_base; /* effective base at the feed element */
    struct fc_handler *h;
    bool begun;
    struct atom_link home; /* the link home_url came from */
    bool home_html, home_kept;
    struct fc_buf html; /* xhtml_value's buffer, reused from post to post */
};

static enum fc_status rwarn(struct atom_reader *r, const xmlNode *n, const char *fmt, ...)
    FC_PRINTF(3, 4);
static enum fc_status rwarn(struct atom_reader *r, const xmlNode *n, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return fc_warn(r->opt, r->err, r->file, n ? fc_xml_line(n) : 0, 0, "%s", msg);
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
    xmlChar *v = xmlGetNsProp(n, BAD_CAST "synthetic", BAD_CAST FC_NS);
    bool yes = v && strcmp((const char *)v, "true") == 0;
    xmlFree(v);
    return yes;
}

/* The base URI in effect at n, given its parent's. */
static enum fc_status elem_base(struct atom_reader *r, struct fc_arena *a, const xmlNode *n,
                                const char *parent, const char **out)
{
    const char *b;
    *out = parent;
    enum fc_status st = fc_xml_attr(a, n, FC_NS_XML, "base", &b, r->err);
    if (st || !b)
        return st;
    if (!r->resolve) {
        *out = b;
        return FC_OK;
    }
    *out = fc_url_resolve(a, parent, b);
    return *out ? FC_OK : fc_nomem(r->err);
}

/* Resolve a reference (NULL stays NULL) against base unless turned off. */
static enum fc_status resolve_ref(struct atom_reader *r, struct fc_arena *a, const char *base,
                                  const char **ref)
{
    if (!*ref || !r->resolve || !base)
        return FC_OK;
    const char *res = fc_url_resolve(a, base, *ref);
    if (!res)
        return fc_nomem(r->err);
    *ref = res;
    return FC_OK;
}

static enum fc_status text_of(struct atom_reader *r, struct fc_arena *a, const xmlNode *n,
                              const char **out)
{
    return fc_xml_text(a, n, true, out, r->err);
}

/* A URI-valued element (id, icon, logo, uri): text resolved against the
 * element's base. */
static enum fc_status uri_of(struct atom_reader *r, struct fc_arena *a, const xmlNode *n,
                             const char *base, const char **out)
{
    const char *b;
    enum fc_status st = elem_base(r, a, n, base, &b);
    if (!st)
        st = text_of(r, a, n, out);
    if (!st)
        st = resolve_ref(r, a, b, out);
    return st;
}

/* ---- HTML: resolve href / src against a base ---------------------- */

/* href / src inside HTML content, against the content's base. */
static enum fc_status html_resolve(struct atom_reader *r, struct fc_arena *a, const char *base,
                                   const char **html)
{
    if (!r->resolve)
        return FC_OK;
    return fc_html_urls_resolve(a, base, *html, html, r->err);
}

/* ---- XHTML -> HTML serialisation ----------------------------------- */

static bool void_element(const char *name)
{
    static const char *const v[] = {"area",  "base",   "br",    "col",  "embed",
                                    "hr",    "img",    "input", "link", "meta",
                                    "param", "source", "track", "wbr",  NULL};
    for (size_t i = 0; v[i]; i++)
        if (strcmp(v[i], name) == 0)
            return true;
    return false;
}

static void esc_text(struct fc_buf *b, const char *s, bool attr)
{
    fc_xml_escape(b, s, strlen(s), attr);
}

struct xhtml_ser {
    struct atom_reader *r;
    struct fc_arena *a;
    struct fc_buf *b;
    enum fc_status st;
};

/*
 * Children of an XHTML element as HTML: local names (no prefixes, no
 * namespace declarations), attributes escaped, void elements as "<br />"
 * and others with an end tag, so the result is valid HTML and well-formed
 * XML.  href/src resolved against the element's base (xml:base applied
 * and, when resolving, dropped).
 */
static void ser_children(struct xhtml_ser *s, const xmlNode *c, const char *base, unsigned depth)
{
    for (; c && s->st == FC_OK; c = c->next) {
        switch (c->type) {
        case XML_TEXT_NODE:
        case XML_CDATA_SECTION_NODE:
            if (c->content)
                esc_text(s->b, (const char *)c->content, false);
            break;
        case XML_ENTITY_REF_NODE:
            fc_buf_printf(s->b, "&%s;", (const char *)c->name);
            break;
        case XML_COMMENT_NODE:
            fc_buf_puts(s->b, "<!--");
            fc_buf_puts(s->b, c->content ? (const char *)c->content : "");
            fc_buf_puts(s->b, "-->");
            break;
        case XML_ELEMENT_NODE: {
            if (depth > 512) {
                s->st = fc_fail(s->r->err, FC_ELIMIT, s->r->file, fc_xml_line(c), 0,
                                "XHTML nested too deeply");
                return;
            }
            const char *nb;
            s->st = elem_base(s->r, s->a, c, base, &nb);
            if (s->st)
                return;
            const char *name = (const char *)c->name;
            fc_buf_putc(s->b, '<');
            fc_buf_puts(s->b, name);
            for (const xmlAttr *at = c->properties; at; at = at->next) {
                const char *an = (const char *)at->name;
                bool xmlns = at->ns && streq((const char *)at->ns->href, FC_NS_XML);
                if (xmlns && strcmp(an, "base") == 0 && s->r->resolve)
                    continue;
                const char *v;
                s->st = fc_xml_attr(s->a, c, at->ns ? (const char *)at->ns->href : NULL, an, &v,
                                    s->r->err);
                if (s->st)
                    return;
                if (!at->ns && (strcmp(an, "href") == 0 || strcmp(an, "src") == 0) && v && *v &&
                    *v != '#') {
                    s->st = resolve_ref(s->r, s->a, nb, &v);
                    if (s->st)
                        return;
                }
                fc_buf_putc(s->b, ' ');
                if (at->ns && at->ns->prefix) {
                    fc_buf_puts(s->b, (const char *)at->ns->prefix);
                    fc_buf_putc(s->b, ':');
                }
                fc_buf_puts(s->b, an);
                fc_buf_puts(s->b, "=\"");
                esc_text(s->b, v ? v : "", true);
                fc_buf_putc(s->b, '"');
            }
            if (!c->children && void_element(name)) {
                fc_buf_puts(s->b, " />");
                break;
            }
            fc_buf_putc(s->b, '>');
            ser_children(s, c->children, nb, depth + 1);
            fc_buf_puts(s->b, "</");
            fc_buf_puts(s->b, name);
            fc_buf_putc(s->b, '>');
            break;
        }
        default:
            break; /* processing instructions */
        }
    }
}

/* The XHTML inside n (its xhtml:div wrapper removed when present). */
static enum fc_status xhtml_value(struct atom_reader *r, struct fc_arena *a, const xmlNode *n,
                                  const char *base, const char **out)
{
    const xmlNode *div = fc_xml_first(n);
    const xmlNode *from = n;
    *out = NULL;
    if (div && fc_xml_is(div, FC_NS_XHTML, "div") && !fc_xml_next(div)) {
        enum fc_status st = elem_base(r, a, div, base, &base);
        if (st)
            return st;
        from = div;
    }
    struct xhtml_ser s = {.r = r, .a = a, .b = &r->html};
    fc_buf_reset(s.b);
    ser_children(&s, from->children, base, 0);
    if (!s.st && s.b->oom)
        s.st = fc_nomem(r->err);
    if (!s.st) {
        size_t i = 0, e = s.b->len;
        while (i < e && is_space_c(s.b->data[i]))
            i++;
        while (e > i && is_space_c(s.b->data[e - 1]))
            e--;
        if (e > i && !(*out = fc_strdup(a, s.b->data + i, e - i)))
            s.st = fc_nomem(r->err);
    }
    return s.st;
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

/* Decode s into the arena; NULL *out when it is not Base64 text. */
static enum fc_status b64_decode(struct atom_reader *r, struct fc_arena *a, const char *s,
                                 const char **out)
{
    *out = NULL;
    struct fc_buf b;
    fc_buf_init(&b);
    unsigned acc = 0, bits = 0;
    for (; *s; s++) {
        if (is_space_c(*s) || *s == '=')
            continue;
        int v = b64_val(*s);
        if (v < 0) {
            fc_buf_free(&b);
            return FC_OK;
        }
        acc = (acc << 6) | (unsigned)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            fc_buf_putc(&b, (char)((acc >> bits) & 0xff));
        }
    }
    enum fc_status st = FC_OK;
    if (b.oom)
        st = fc_nomem(r->err);
    else if (b.len && fc_utf8_valid(b.data, b.len) && !(*out = fc_strdup(a, b.data, b.len)))
        st = fc_nomem(r->err);
    fc_buf_free(&b);
    return st;
}

/* ---- Text constructs ----------------------------------------------- */

/*
 * Read a text construct or content element into (value, kind).  Atom 0.3
 * modes: escaped -> the text, base64 -> decoded, xml (default) -> markup
 * children serialised (XHTML) or the text.
 */
static enum fc_status read_textish(struct atom_reader *r, struct fc_arena *a, const xmlNode *n,
                                   const char *base, enum fc_atom_kind *kind, const char **value)
{
    const char *type, *mode = NULL, *b;
    *value = NULL; /* an empty mode="base64" element sets nothing below */
    enum fc_status st = fc_xml_attr(a, n, NULL, "type", &type, r->err);
    if (!st && r->v03)
        st = fc_xml_attr(a, n, NULL, "mode", &mode, r->err);
    if (!st)
        st = elem_base(r, a, n, base, &b);
    if (st)
        return st;
    *kind = fc_atom_text_kind(type);
    if (*kind == TK_OTHER)
        return text_of(r, a, n, value); /* callers that know media types look first */
    if (r->v03 && streq(mode, "base64")) {
        const char *raw;
        st = text_of(r, a, n, &raw);
        if (!st && raw) {
            st = b64_decode(r, a, raw, value);
            if (!st && !*value) {
                *value = raw;
                st = rwarn(r, n, "<%s mode=\"base64\"> is not valid Base64; kept as text",
                           (const char *)n->name);
            }
        }
    } else if (*kind == TK_XHTML || (*kind == TK_HTML && fc_xml_has_elements(n)) ||
               (r->v03 && !streq(mode, "escaped") && fc_xml_has_elements(n))) {
        /* xhtml; 0.3 mode="xml" markup; and type="html" whose markup was
         * left unescaped (seen in the wild): serialised as HTML */
        if (*kind == TK_TEXT)
            *kind = TK_XHTML;
        return xhtml_value(r, a, n, b, value);
    } else {
        st = text_of(r, a, n, value);
    }
    if (!st && *kind == TK_HTML)
        st = html_resolve(r, a, b, value);
    return st;
}

static enum fc_status read_text(struct atom_reader *r, struct fc_arena *a, const xmlNode *n,
                                const char *base, struct fc_text *t)
{
    if (t->value)
        return rwarn(r, n, "second <%s> ignored", (const char *)n->name);
    enum fc_atom_kind k;
    const char *v;
    enum fc_status st = read_textish(r, a, n, base, &k, &v);
    if (st)
        return st;
    if (k == TK_OTHER) {
        st = rwarn(r, n, "<%s> has an unknown type; read as text", (const char *)n->name);
        k = TK_TEXT;
    }
    t->value = v;
    t->type = k == TK_HTML ? FC_HTML : k == TK_XHTML ? FC_XHTML : FC_TEXT;
    return st;
}

/* ---- Dates --------------------------------------------------------- */

static enum fc_status read_date(struct atom_reader *r, struct fc_arena *a, const xmlNode *n,
                                struct fc_time *t)
{
    if (fc_time_present(t))
        return rwarn(r, n, "second <%s> ignored", (const char *)n->name);
    const char *s, *prec, *zone;
    enum fc_status st = text_of(r, a, n, &s);
    if (!st)
        st = fc_xml_attr(a, n, FC_NS, "precision", &prec, r->err);
    if (!st)
        st = fc_xml_attr(a, n, FC_NS, "zone", &zone, r->err);
    if (st || !s)
        return st;
    st = fc_time_parse_keep(a, s, t);
    if (st == FC_EPARSE)
        return rwarn(r, n, "<%s> \"%s\" is not a date; kept as text", (const char *)n->name, s);
    if (st)
        return fc_nomem(r->err);
    for (int p = FC_TIME_YEAR; p <= FC_TIME_MINUTE; p++)
        if (streq(prec, fc_atom_precision_names[p]) && t->precision > p)
            t->precision = (unsigned char)p;
    if (streq(zone, "floating")) {
        t->zone = FC_ZONE_NONE;
        t->offset = 0;
    }
    return FC_OK;
}

static enum fc_status read_raw_date(struct atom_reader *r, struct fc_arena *a, const xmlNode *n,
                                    struct fc_time *t)
{
    const char *s;
    enum fc_status st = text_of(r, a, n, &s);
    if (st || !s)
        return st;
    memset(t, 0, sizeof *t);
    t->raw = s;
    return FC_OK;
}

/* ---- Persons, categories, generator -------------------------------- */

static enum fc_status read_person(struct atom_reader *r, struct fc_arena *a, const xmlNode *n,
                                  const char *base, struct fc_list *list)
{
    const char *b, *synth;
    enum fc_status st = elem_base(r, a, n, base, &b);
    if (!st)
        st = fc_xml_attr(a, n, FC_NS, "synthetic", &synth, r->err);
    if (st || streq(synth, "true"))
        return st;
    struct fc_person *p = fc_list_add(a, list, sizeof *p);
    if (!p)
        return fc_nomem(r->err);
    for (const xmlNode *c = fc_xml_first(n); c && !st; c = fc_xml_next(c)) {
        if (is_a(r, c, "name"))
            st = text_of(r, a, c, &p->name);
        else if (is_a(r, c, "email") || fc_xml_is(c, FC_NS, "email"))
            st = text_of(r, a, c, &p->email);
        else if (is_a2(r, c, "uri", "url"))
            st = uri_of(r, a, c, b, &p->url);
        else if (fc_xml_is(c, FC_NS, "avatar"))
            st = uri_of(r, a, c, b, &p->avatar);
        else
            st = rwarn(r, c, "<%s> in a person has no place in the model; dropped",
                       (const char *)c->name);
    }
    if (!st && streq(synth, "name"))
        p->name = NULL;
    return st;
}

static enum fc_status read_category(struct atom_reader *r, struct fc_arena *a, const xmlNode *n,
                                    struct fc_list *list)
{
    struct fc_tag *t = fc_list_add(a, list, sizeof *t);
    if (!t)
        return fc_nomem(r->err);
    enum fc_status st = fc_xml_attr(a, n, NULL, "term", &t->term, r->err);
    if (!st)
        st = fc_xml_attr(a, n, NULL, "scheme", &t->scheme, r->err);
    if (!st)
        st = fc_xml_attr(a, n, NULL, "label", &t->label, r->err);
    if (!st && !t->term && r->v03) /* 0.3 had dc:subject; some wrote text */
        st = text_of(r, a, n, &t->term);
    return st;
}

static enum fc_status read_generator(struct atom_reader *r, struct fc_arena *a, const xmlNode *n,
                                     const char *base, struct fc_generator *g)
{
    enum fc_status st = text_of(r, a, n, &g->name);
    if (!st)
        st = fc_xml_attr(a, n, NULL, r->v03 ? "url" : "uri", &g->uri, r->err);
    if (!st)
        st = fc_xml_attr(a, n, NULL, "version", &g->version, r->err);
    if (!st)
        st = resolve_ref(r, a, base, &g->uri);
    return st;
}

/* ---- Links ---------------------------------------------------------- */

static enum fc_status read_link_attrs(struct atom_reader *r, struct fc_arena *a, const xmlNode *n,
                                      const char *base, struct atom_link *l)
{
    const char *b;
    memset(l, 0, sizeof *l);
    l->len = -1;
    enum fc_status st = elem_base(r, a, n, base, &b);
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
    for (size_t i = 0; i < sizeof want / sizeof want[0] && !st; i++)
        st = fc_xml_attr(a, n, want[i].ns, want[i].name, want[i].out, r->err);
    if (st)
        return st;
    for (const xmlAttr *at = n->properties; at && !st; at = at->next) {
        const char *ns = at->ns ? (const char *)at->ns->href : NULL;
        bool known = streq(ns, FC_NS_XML) || streq(ns, FC_NS);
        for (size_t i = 0; i < sizeof want / sizeof want[0] && !known; i++)
            known = streq((const char *)at->name, want[i].name) &&
                    ((!ns && !want[i].ns) || streq(ns, want[i].ns));
        if (!known)
            st = rwarn(r, n, "link attribute %s%s%s has no place in the model; dropped",
                       ns ? ns : "", ns ? " " : "", (const char *)at->name);
    }
    if (!st && fc_xml_first(n))
        st = rwarn(r, n, "child elements of <link> have no place in the model; dropped");
    if (!st && !l->rel)
        l->rel = "alternate";
    /* RFC 4287 4.2.7.2: the IANA registry IRI means the short name */
    static const char iana[] = "http://www.iana.org/assignments/relation/";
    if (!st && strncmp(l->rel, iana, sizeof iana - 1) == 0 && l->rel[sizeof iana - 1])
        l->rel += sizeof iana - 1;
    if (!st && l->type == NULL && l->fctype)
        l->type = l->fctype;
    if (!st && l->length && !fc_parse_int(l->length, 0, INT64_MAX, &l->len))
        st = rwarn(r, n, "link length \"%s\" is not a number; dropped", l->length);
    if (!st)
        st = resolve_ref(r, a, b, &l->href);
    if (!st && !l->href)
        st = rwarn(r, n, "<link> without href ignored");
    return st;
}

static enum fc_status keep_link(struct atom_reader *r, struct fc_arena *a, struct fc_list *links,
                                const struct atom_link *l)
{
    struct fc_link *k = fc_list_add(a, links, sizeof *k);
    if (!k)
        return fc_nomem(r->err);
    k->href = l->href;
    k->rel = l->rel;
    k->type = l->type;
    k->hreflang = l->hreflang;
    k->title = l->title;
    k->length = l->len;
    return FC_OK;
}

/* True when a link mapped to a named field carries more than the writer
 * would write back for that field (`type` is what it writes). */
static bool link_has_more(const struct atom_link *l, const char *type)
{
    if (l->hreflang || l->title || l->len >= 0)
        return true;
    return l->type && !streq(l->type, type);
}

/* Index of the preferred alternate link among n's children. */
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

static enum fc_status read_ext(struct atom_reader *r, struct fc_arena *a, const xmlNode *n,
                               struct fc_list *exts)
{
    return fc_xml_to_ext(a, exts, n, "atom", NULL, r->err);
}

/* fc:json: a JSON-kind extension carried as text. */
static enum fc_status read_json_ext(struct atom_reader *r, struct fc_arena *a, const xmlNode *n,
                                    struct fc_list *exts)
{
    const char *name, *origin, *value;
    enum fc_status st = fc_xml_attr(a, n, NULL, "name", &name, r->err);
    if (!st)
        st = fc_xml_attr(a, n, NULL, "origin", &origin, r->err);
    if (!st)
        st = text_of(r, a, n, &value);
    if (st)
        return st;
    if (!name || !value)
        return rwarn(r, n, "<fc:json> without name or value ignored");
    struct fc_ext *e = fc_list_add(a, exts, sizeof *e);
    if (!e)
        return fc_nomem(r->err);
    e->kind = FC_EXT_JSON;
    e->origin = origin ? origin : "jsonfeed";
    e->name = name;
    e->value = value;
    return FC_OK;
}

static enum fc_status parse_count(struct atom_reader *r, const xmlNode *n, const char *s,
                                  int64_t *out)
{
    if (s && !fc_parse_int(s, 0, INT64_MAX, out))
        return rwarn(r, n, "count \"%s\" is not a number; dropped", s);
    return FC_OK;
}

/* ---- Entry ---------------------------------------------------------- */

struct entry_state {
    int64_t thr_count; /* from a replies link, when no thr:total */
    int64_t thr_total;
    const xmlNode *alt;
};

static enum fc_status entry_link(struct atom_reader *r, struct fc_post *p, const xmlNode *n,
                                 const char *base, struct entry_state *es)
{
    struct fc_arena *a = p->arena;
    struct atom_link l;
    enum fc_status st = read_link_attrs(r, a, n, base, &l);
    if (st || !l.href)
        return st;
    bool more = true;
    if (n == es->alt) {
        p->url = l.href;
        more = link_has_more(&l, "text/html");
    } else if (strcmp(l.rel, "enclosure") == 0) {
        struct fc_media *m = fc_list_add(a, &p->attachments, sizeof *m);
        if (!m)
            return fc_nomem(r->err);
        m->url = l.href;
        m->type = l.type;
        m->length = l.len;
        m->title = l.title;
        m->duration = -1;
        if (l.duration) {
            int64_t d;
            if (fc_parse_int(l.duration, 0, INT64_MAX, &d))
                m->duration = (double)d;
            else
                st = rwarn(r, n, "fc:duration \"%s\" is not a number; dropped", l.duration);
        }
        more = l.hreflang != NULL;
    } else if (strcmp(l.rel, "related") == 0 && !p->external_url) {
        p->external_url = l.href;
        more = link_has_more(&l, NULL);
    } else if (strcmp(l.rel, "replies") == 0) {
        bool html = streq(l.type, "text/html");
        if (html && !p->comments_url) {
            p->comments_url = l.href;
            more = link_has_more(&l, "text/html");
        } else if (!html && !p->comments_feed) {
            p->comments_feed = l.href;
            more = link_has_more(&l, NULL);
        }
        int64_t c = -1;
        if (!st)
            st = parse_count(r, n, l.count, &c);
        if (c >= 0 && es->thr_count < 0)
            es->thr_count = c;
    }
    if (!st && more)
        st = keep_link(r, a, &p->links, &l);
    return st;
}

static enum fc_status read_content(struct atom_reader *r, struct fc_post *p, const xmlNode *n,
                                   const char *base)
{
    struct fc_arena *a = p->arena;
    if (p->content_html || p->content_text || p->content_src)
        return rwarn(r, n, "second <content> ignored");
    const char *type, *src, *b;
    enum fc_status st = fc_xml_attr(a, n, NULL, "type", &type, r->err);
    if (!st)
        st = fc_xml_attr(a, n, NULL, "src", &src, r->err);
    if (!st)
        st = elem_base(r, a, n, base, &b);
    if (st)
        return st;
    if (src) {
        p->content_src = src;
        p->content_type = type;
        return resolve_ref(r, a, b, &p->content_src);
    }
    enum fc_atom_kind k = fc_atom_text_kind(type);
    if (k == TK_OTHER) {
        p->content_type = type;
        if (fc_atom_xml_media(type) && fc_xml_has_elements(n))
            return fc_xml_inner(a, n, &p->content_text, r->err);
        return text_of(r, a, n, &p->content_text);
    }
    const char *v;
    st = read_textish(r, a, n, base, &k, &v);
    if (st)
        return st;
    if (k == TK_TEXT)
        p->content_text = v;
    else
        p->content_html = v;
    return FC_OK;
}

static enum fc_status read_source(struct atom_reader *r, struct fc_post *p, const xmlNode *n,
                                  const char *base)
{
    struct fc_arena *a = p->arena;
    struct fc_source *s = fc_alloc(a, sizeof *s);
    if (!s)
        return fc_nomem(r->err);
    p->source = s;
    const char *b;
    enum fc_status st = elem_base(r, a, n, base, &b);
    const xmlNode *alt = pick_alternate(r, n);
    struct fc_text title = {0};
    for (const xmlNode *c = fc_xml_first(n); c && !st; c = fc_xml_next(c)) {
        if (is_a(r, c, "id")) {
            st = uri_of(r, a, c, b, &s->id);
        } else if (is_a(r, c, "title")) {
            st = read_text(r, a, c, b, &title);
            s->title = title.value;
        } else if (is_a2(r, c, "updated", "modified")) {
            st = read_date(r, a, c, &s->updated);
        } else if (is_a(r, c, "link")) {
            struct atom_link l;
            st = read_link_attrs(r, a, c, b, &l);
            if (!st && l.href && c == alt)
                s->home_url = l.href;
            else if (!st && l.href && strcmp(l.rel, "self") == 0 && !s->url)
                s->url = l.href;
            else if (!st && l.href)
                st = rwarn(r, c, "<source> link rel=\"%s\" has no place in the model; dropped",
                           l.rel);
        } else {
            st = rwarn(r, c, "<source> child <%s> has no place in the model; dropped",
                       (const char *)c->name);
        }
    }
    return st;
}

/* fc: elements at entry level; false when unknown. */
static enum fc_status entry_fc(struct atom_reader *r, struct fc_post *p, const xmlNode *c,
                               const char *base, bool *known)
{
    struct fc_arena *a = p->arena;
    *known = true;
    if (fc_xml_is(c, FC_NS, "slug"))
        return text_of(r, a, c, &p->slug);
    if (fc_xml_is(c, FC_NS, "image"))
        return uri_of(r, a, c, base, &p->image);
    if (fc_xml_is(c, FC_NS, "bannerImage"))
        return uri_of(r, a, c, base, &p->banner_image);
    if (fc_xml_is(c, FC_NS, "contentText"))
        return text_of(r, a, c, &p->content_text);
    if (fc_xml_is(c, FC_NS, "language"))
        return text_of(r, a, c, &p->language);
    if (fc_xml_is(c, FC_NS, "rawPublished"))
        return read_raw_date(r, a, c, &p->published);
    if (fc_xml_is(c, FC_NS, "rawUpdated"))
        return read_raw_date(r, a, c, &p->updated);
    if (fc_xml_is(c, FC_NS, "json"))
        return read_json_ext(r, a, c, &p->exts);
    *known = false;
    return FC_OK;
}

static enum fc_status entry_child(struct atom_reader *r, struct fc_post *p, const xmlNode *c,
                                  const char *base, struct entry_state *es)
{
    struct fc_arena *a = p->arena;
    bool known;
    if (is_synthetic(c))
        return FC_OK;
    if (is_a(r, c, "id")) {
        if (p->id)
            return rwarn(r, c, "second <id> ignored");
        const char *perma;
        enum fc_status st = uri_of(r, a, c, base, &p->id);
        if (!st)
            st = fc_xml_attr(a, c, FC_NS, "isPermaLink", &perma, r->err);
        if (!st && perma)
            p->id_is_permalink = strcmp(perma, "true") == 0;
        return st;
    }
    if (is_a(r, c, "title"))
        return read_text(r, a, c, base, &p->title);
    if (is_a(r, c, "summary"))
        return read_text(r, a, c, base, &p->summary);
    if (is_a2(r, c, "rights", "copyright"))
        return read_text(r, a, c, base, &p->rights);
    if (is_a(r, c, "content"))
        return read_content(r, p, c, base);
    if (is_a2(r, c, "published", "issued"))
        return read_date(r, a, c, &p->published);
    if (is_a2(r, c, "updated", "modified"))
        return read_date(r, a, c, &p->updated);
    if (is_a(r, c, "author"))
        return read_person(r, a, c, base, &p->authors);
    if (is_a(r, c, "contributor"))
        return read_person(r, a, c, base, &p->contributors);
    if (is_a(r, c, "category"))
        return read_category(r, a, c, &p->categories);
    if (is_a(r, c, "link"))
        return entry_link(r, p, c, base, es);
    if (is_a(r, c, "source"))
        return read_source(r, p, c, base);
    if (fc_xml_is(c, NS_THR, "total")) {
        const char *s;
        enum fc_status st = text_of(r, a, c, &s);
        return st ? st : parse_count(r, c, s, &es->thr_total);
    }
    if (fc_xml_is(c, FC_NS_SLASH, "comments") && p->comment_count < 0 && es->thr_total < 0) {
        const char *s;
        enum fc_status st = text_of(r, a, c, &s);
        return st ? st : parse_count(r, c, s, &es->thr_total);
    }
    if (fc_xml_is(c, FC_NS_WFW, "commentRss") && !p->comments_feed)
        return uri_of(r, a, c, base, &p->comments_feed);
    if (fc_xml_is(c, NS_APP, "control")) {
        /* app:draft -> draft; anything else in app:control keeps the whole
         * element as an extension (the writer then writes only that) */
        bool other = false;
        for (const xmlNode *d = fc_xml_first(c); d; d = fc_xml_next(d)) {
            if (!fc_xml_is(d, NS_APP, "draft")) {
                other = true;
                continue;
            }
            const char *s;
            enum fc_status st = text_of(r, a, d, &s);
            if (st)
                return st;
            p->draft = streq(s, "yes");
        }
        return other ? read_ext(r, a, c, &p->exts) : FC_OK;
    }
    enum fc_status st = entry_fc(r, p, c, base, &known);
    if (st || known)
        return st;
    if (fc_xml_ns(c) && streq(fc_xml_ns(c), r->ns) && !r->v03) {
        st = rwarn(r, c, "<%s> is not an Atom 1.0 entry element; kept as an extension",
                   (const char *)c->name);
        if (st)
            return st;
    }
    return read_ext(r, a, c, &p->exts);
}

static enum fc_status build_post(struct atom_reader *r, const xmlNode *n, struct fc_post **out)
{
    struct fc_post *p = fc_post_new();
    *out = p;
    if (!p)
        return fc_nomem(r->err);
    p->line = fc_xml_line(n);
    struct fc_arena *a = p->arena;
    const char *base, *own_base, *lang;
    enum fc_status st = fc_xml_attr(a, n, FC_NS_XML, "base", &own_base, r->err);
    if (!st)
        st = elem_base(r, a, n, r->feed_base, &base);
    if (!st)
        st = fc_xml_attr(a, n, FC_NS_XML, "lang", &lang, r->err);
    if (st)
        return st;
    if (own_base)
        p->base = base;
    if (lang && *lang)
        p->language = lang;
    struct entry_state es = {.thr_count = -1, .thr_total = -1, .alt = pick_alternate(r, n)};
    for (const xmlNode *c = fc_xml_first(n); c && !st; c = fc_xml_next(c))
        st = entry_child(r, p, c, base, &es);
    if (!st && es.thr_total >= 0 && es.thr_count >= 0 && es.thr_total != es.thr_count)
        st = rwarn(r, n, "replies link thr:count %lld differs from thr:total %lld; the total kept",
                   (long long)es.thr_count, (long long)es.thr_total);
    if (!st)
        p->comment_count = es.thr_total >= 0 ? es.thr_total : es.thr_count;
    return st;
}

/* ---- Feed ----------------------------------------------------------- */

static enum fc_status set_int(struct atom_reader *r, const xmlNode *n, const char *s, int64_t min,
                              int64_t max, int *out)
{
    int64_t v;
    if (!s)
        return FC_OK;
    if (!fc_parse_int(s, min, max, &v))
        return rwarn(r, n, "<%s> \"%s\" is not a number; dropped", (const char *)n->name, s);
    *out = (int)v;
    return FC_OK;
}

static enum fc_status read_fc_person(struct atom_reader *r, struct fc_arena *a, const xmlNode *n,
                                     struct fc_person *p)
{
    enum fc_status st = fc_xml_attr(a, n, NULL, "name", &p->name, r->err);
    if (!st)
        st = fc_xml_attr(a, n, NULL, "email", &p->email, r->err);
    if (!st)
        st = fc_xml_attr(a, n, NULL, "uri", &p->url, r->err);
    if (!st)
        st = fc_xml_attr(a, n, NULL, "avatar", &p->avatar, r->err);
    return st;
}

static enum fc_status read_skip(struct atom_reader *r, struct fc_arena *a, const xmlNode *n,
                                bool days)
{
    const char *s;
    enum fc_status st = text_of(r, a, n, &s);
    for (const char *p = s; !st && p && *p;) {
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
            st = rwarn(r, n, "<%s> entry \"%.*s\" not understood; dropped", (const char *)n->name,
                       (int)(e - p), p);
        p = e;
    }
    return st;
}

static enum fc_status feed_fc(struct atom_reader *r, const xmlNode *c, const char *base,
                              bool *known)
{
    struct fc_feed *f = r->feed;
    struct fc_arena *a = f->arena;
    const char *s = NULL;
    enum fc_status st = FC_OK;
    *known = true;
    if (fc_xml_is(c, FC_NS, "published"))
        return read_date(r, a, c, &f->published);
    if (fc_xml_is(c, FC_NS, "rawPublished"))
        return read_raw_date(r, a, c, &f->published);
    if (fc_xml_is(c, FC_NS, "rawUpdated"))
        return read_raw_date(r, a, c, &f->updated);
    if (fc_xml_is(c, FC_NS, "ttl")) {
        st = text_of(r, a, c, &s);
        return st ? st : set_int(r, c, s, 0, INT32_MAX, &f->ttl);
    }
    if (fc_xml_is(c, FC_NS, "docs"))
        return uri_of(r, a, c, base, &f->docs);
    if (fc_xml_is(c, FC_NS, "rating"))
        return text_of(r, a, c, &f->rating);
    if (fc_xml_is(c, FC_NS, "description"))
        return text_of(r, a, c, &f->description_text);
    if (fc_xml_is(c, FC_NS, "userComment"))
        return text_of(r, a, c, &f->user_comment);
    if (fc_xml_is(c, FC_NS, "language"))
        return text_of(r, a, c, &f->language);
    if (fc_xml_is(c, FC_NS, "expired")) {
        st = text_of(r, a, c, &s);
        if (!st && s)
            f->expired = strcmp(s, "true") == 0;
        return st;
    }
    if (fc_xml_is(c, FC_NS, "skipHours"))
        return read_skip(r, a, c, false);
    if (fc_xml_is(c, FC_NS, "skipDays"))
        return read_skip(r, a, c, true);
    if (fc_xml_is(c, FC_NS, "cloud")) {
        struct fc_cloud *cl = &f->cloud;
        st = fc_xml_attr(a, c, NULL, "domain", &cl->domain, r->err);
        if (!st)
            st = fc_xml_attr(a, c, NULL, "path", &cl->path, r->err);
        if (!st)
            st = fc_xml_attr(a, c, NULL, "procedure", &cl->procedure, r->err);
        if (!st)
            st = fc_xml_attr(a, c, NULL, "protocol", &cl->protocol, r->err);
        if (!st)
            st = fc_xml_attr(a, c, NULL, "port", &s, r->err);
        return st ? st : set_int(r, c, s, 0, 65535, &cl->port);
    }
    if (fc_xml_is(c, FC_NS, "textInput")) {
        struct fc_text_input *ti = &f->text_input;
        st = fc_xml_attr(a, c, NULL, "title", &ti->title, r->err);
        if (!st)
            st = fc_xml_attr(a, c, NULL, "description", &ti->description, r->err);
        if (!st)
            st = fc_xml_attr(a, c, NULL, "name", &ti->name, r->err);
        if (!st)
            st = fc_xml_attr(a, c, NULL, "link", &ti->link, r->err);
        return st;
    }
    if (fc_xml_is(c, FC_NS, "image")) {
        struct fc_image *im = &f->image;
        const char *w = NULL, *h = NULL;
        st = fc_xml_attr(a, c, NULL, "title", &im->title, r->err);
        if (!st)
            st = fc_xml_attr(a, c, NULL, "link", &im->link, r->err);
        if (!st)
            st = fc_xml_attr(a, c, NULL, "description", &im->description, r->err);
        if (!st)
            st = fc_xml_attr(a, c, NULL, "width", &w, r->err);
        if (!st)
            st = fc_xml_attr(a, c, NULL, "height", &h, r->err);
        if (!st)
            st = set_int(r, c, w, 0, INT32_MAX, &im->width);
        if (!st)
            st = set_int(r, c, h, 0, INT32_MAX, &im->height);
        return st;
    }
    if (fc_xml_is(c, FC_NS, "editor"))
        return read_fc_person(r, a, c, &f->editor);
    if (fc_xml_is(c, FC_NS, "webmaster"))
        return read_fc_person(r, a, c, &f->webmaster);
    if (fc_xml_is(c, FC_NS, "json"))
        return read_json_ext(r, a, c, &f->exts);
    *known = false;
    return FC_OK;
}

/* Feed links arrive one at a time (streaming), so the preferred alternate
 * (text/html or untyped, else the first) may replace an earlier one, which
 * then moves to `links`. */
static enum fc_status feed_link(struct atom_reader *r, const xmlNode *n, const char *base)
{
    struct fc_feed *f = r->feed;
    struct fc_arena *a = f->arena;
    struct atom_link l;
    enum fc_status st = read_link_attrs(r, a, n, base, &l);
    if (st || !l.href)
        return st;
    bool more = true;
    bool html = !l.type || streq(l.type, "text/html") || streq(l.type, "application/xhtml+xml");
    if (strcmp(l.rel, "alternate") == 0 && (!f->home_url || (html && !r->home_html))) {
        if (f->home_url && !r->home_kept && (st = keep_link(r, a, &f->links, &r->home)))
            return st;
        f->home_url = l.href;
        r->home = l;
        r->home_html = html;
        more = r->home_kept = link_has_more(&l, "text/html");
    } else if (strcmp(l.rel, "self") == 0 && !f->feed_url) {
        f->feed_url = l.href;
        more = link_has_more(&l, "application/atom+xml");
    } else if (strcmp(l.rel, "next") == 0 && !f->next_url) {
        f->next_url = l.href;
        more = link_has_more(&l, NULL);
    } else if (strcmp(l.rel, "hub") == 0) {
        struct fc_hub *hb = fc_list_add(a, &f->hubs, sizeof *hb);
        if (!hb)
            return fc_nomem(r->err);
        hb->url = l.href;
        hb->type = l.type;
        more = l.hreflang || l.title || l.len >= 0;
    }
    return more ? keep_link(r, a, &f->links, &l) : FC_OK;
}

static enum fc_status feed_child(struct atom_reader *r, const xmlNode *c)
{
    struct fc_feed *f = r->feed;
    struct fc_arena *a = f->arena;
    const char *base = r->feed_base;
    bool known;
    if (is_synthetic(c))
        return FC_OK;
    if (is_a(r, c, "id"))
        return f->id ? rwarn(r, c, "second <id> ignored") : uri_of(r, a, c, base, &f->id);
    if (is_a(r, c, "title"))
        return read_text(r, a, c, base, &f->title);
    if (is_a2(r, c, "subtitle", "tagline"))
        return read_text(r, a, c, base, &f->subtitle);
    if (is_a2(r, c, "rights", "copyright"))
        return read_text(r, a, c, base, &f->rights);
    if (is_a2(r, c, "updated", "modified"))
        return read_date(r, a, c, &f->updated);
    if (is_a(r, c, "generator"))
        return read_generator(r, a, c, base, &f->generator);
    if (is_a(r, c, "icon"))
        return uri_of(r, a, c, base, &f->icon);
    if (is_a(r, c, "logo"))
        return uri_of(r, a, c, base, &f->image.url);
    if (is_a(r, c, "author"))
        return read_person(r, a, c, base, &f->authors);
    if (is_a(r, c, "contributor"))
        return read_person(r, a, c, base, &f->contributors);
    if (is_a(r, c, "category"))
        return read_category(r, a, c, &f->categories);
    if (is_a(r, c, "link"))
        return feed_link(r, c, base);
    enum fc_status st = feed_fc(r, c, base, &known);
    if (st || known)
        return st;
    if (streq(fc_xml_ns(c), r->ns) && !r->v03) {
        st = rwarn(r, c, "<%s> is not an Atom 1.0 feed element; kept as an extension",
                   (const char *)c->name);
        if (st)
            return st;
    }
    return read_ext(r, a, c, &f->exts);
}

static enum fc_status emit_post(struct atom_reader *r, const xmlNode *n)
{
    enum fc_status st = FC_OK;
    if (!r->begun) {
        r->begun = true;
        st = r->h->begin(r->h->ctx, r->feed, r->err);
        if (st)
            return st;
    }
    struct fc_post *p;
    st = build_post(r, n, &p);
    if (!st)
        st = r->h->post(r->h->ctx, r->feed, p, r->err);
    fc_post_free(p);
    return st;
}

/* The feed element's own attributes. */
static enum fc_status root_attrs(struct atom_reader *r)
{
    struct fc_feed *f = r->feed;
    const char *base, *lang;
    enum fc_status st = fc_xr_attr(&r->x, f->arena, FC_NS_XML, "base", &base, r->err);
    if (!st)
        st = fc_xr_attr(&r->x, f->arena, FC_NS_XML, "lang", &lang, r->err);
    if (st)
        return st;
    if (base) {
        f->base = base;
        r->feed_base = base; /* the document's own URI is unknown */
    }
    if (lang && *lang)
        f->language = lang;
    return FC_OK;
}

/* The root element: Atom 1.0 or 0.3, feed or entry; else FC_EFORMAT. */
static enum fc_status check_root(struct atom_reader *r, bool *is_entry)
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
        return fc_fail(r->err, FC_EFORMAT, r->file, line, 0,
                       "not an Atom document: <feed> has no namespace (Atom 1.0 uses "
                       "xmlns=\"%s\")",
                       FC_NS_ATOM);
    } else {
        return fc_fail(r->err, FC_EFORMAT, r->file, line, 0,
                       "not an Atom document: the root element is <%s>%s%s%s", name ? name : "?",
                       ns ? " in namespace \"" : "", ns ? ns : "", ns ? "\"" : "");
    }
    return FC_OK;
}

/* Walk the feed's children: expand each, map it, skip past it. */
static enum fc_status read_feed_body(struct atom_reader *r)
{
    bool more = true;
    enum fc_status st = FC_OK;
    if (fc_xr_is_empty(&r->x))
        return FC_OK;
    st = fc_xr_read(&r->x, &more, r->err);
    while (!st && more) {
        int type = fc_xr_type(&r->x), depth = fc_xr_depth(&r->x);
        if (depth == 0 && type == XML_READER_TYPE_END_ELEMENT)
            return FC_OK;
        if (depth != 1 || type != XML_READER_TYPE_ELEMENT) {
            st = fc_xr_read(&r->x, &more, r->err);
            continue;
        }
        xmlNode *n;
        st = fc_xr_expand(&r->x, &n, r->err);
        if (st)
            return st;
        if (is_a(r, n, "entry")) {
            st = emit_post(r, n);
        } else {
            if (r->begun) {
                st = rwarn(r, n, "feed element <%s> after the first entry", (const char *)n->name);
                if (st)
                    return st;
            }
            st = feed_child(r, n);
        }
        if (!st)
            st = fc_xr_next(&r->x, &more, r->err);
    }
    return st;
}

enum fc_status fc_atom_read(struct fc_input *in, struct fc_handler *out,
                            const struct fc_options *opt, struct fc_error *err)
{
    struct fc_options def;
    if (!opt) {
        fc_options_init(&def);
        opt = &def;
    }
    struct atom_reader r = {.opt = opt, .err = err, .h = out};
    fc_buf_init(&r.html);
    r.resolve = !(opt->flags & FC_OPT_NO_XML_BASE);
    enum fc_status st = fc_xr_open(&r.x, in, opt, err);
    bool more = true, is_entry = false;
    r.file = r.x.file;
    while (!st && more) {
        st = fc_xr_read(&r.x, &more, err);
        if (!st && more && fc_xr_type(&r.x) == XML_READER_TYPE_ELEMENT)
            break;
    }
    if (!st && !more)
        st = fc_fail(err, FC_EFORMAT, r.file, 0, 0, "not an Atom document: no root element");
    if (!st && !(r.feed = fc_feed_new()))
        st = fc_nomem(err);
    if (!st)
        st = check_root(&r, &is_entry);
    if (!st && !is_entry)
        st = root_attrs(&r);
    if (!st && is_entry) {
        xmlNode *n;
        st = fc_xr_expand(&r.x, &n, err);
        if (!st)
            st = emit_post(&r, n);
    } else if (!st) {
        st = read_feed_body(&r);
    }
    /* Read to the end: errors after the root (junk, truncation) count. */
    while (!st && more)
        st = fc_xr_read(&r.x, &more, err);
    if (!st && !r.begun) {
        r.begun = true;
        st = out->begin(out->ctx, r.feed, err);
    }
    if (!st)
        st = out->end(out->ctx, r.feed, err);
    fc_feed_free(r.feed);
    fc_xr_close(&r.x);
    fc_buf_free(&r.html);
    return st;
}

/* ================================================================== */
/* Detection                                                           */

/* <feed> or <entry> (any prefix) declaring the Atom 1.0 or 0.3 namespace;
 * a <feed> without it bids low so that the reader can say what is wrong. */
int fc_atom_detect(const unsigned char *head, size_t len)
{
    struct fc_xml_sniff root;
    if (!fc_xml_sniff(head, len, &root))
        return 0;
    bool feed = fc_xml_sniff_local(&root, "feed");
    bool entry = fc_xml_sniff_local(&root, "entry");
    if (!feed && !entry)
        return 0;
    if (!fc_xml_sniff_declares(&root, FC_NS_ATOM) && !fc_xml_sniff_declares(&root, NS_ATOM03))
        return feed ? 10 : 0;
    return feed ? 95 : 80;
}
