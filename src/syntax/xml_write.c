/*
 * xml_write.c - the streaming XML writer of xml_write.h: namespace
 * scoping, text always well-formed UTF-8, fc_ext -> XML.
 */
#include "syntax/xml_write.h"
#include "util/scan.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

/* One UTF-8 sequence at p (n > 0 bytes): its length, 0 when malformed or
 * cut short. */
static size_t utf8_dec(const unsigned char *p, size_t n, uint32_t *cp)
{
    size_t l = fc_utf8_decode(p, n, cp);
    return l == (size_t)-1 ? 0 : l;
}

/* True when s[0..n) is valid UTF-8 without U+FFFE / U+FFFF (not XML
 * characters).  ASCII is skipped eight bytes at a time: the common case. */
static bool xml_chars_ok(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while ((i = fc_scan_ascii(p, i, n)) < n) {
        uint32_t cp;
        size_t l = utf8_dec(p + i, n - i, &cp);
        if (!l || cp == 0xFFFE || cp == 0xFFFF)
            return false;
        i += l;
    }
    return true;
}

static const char *xw_clean(struct fc_xw *w, const char *s, size_t *n)
{
    if (xml_chars_ok(s, *n))
        return s;
    fc_buf_reset(&w->tmp);
    fc_utf8_repair(&w->tmp, s, *n);
    if (w->tmp.oom) {
        w->oom = true;
        *n = 0;
        return "";
    }
    /* U+FFFE / U+FFFF (EF BF BE / EF BF BF) -> U+FFFD (EF BF BD) */
    unsigned char *d = (unsigned char *)w->tmp.data;
    for (size_t i = 0; i + 2 < w->tmp.len; i++)
        if (d[i] == 0xEF && d[i + 1] == 0xBF && (d[i + 2] == 0xBE || d[i + 2] == 0xBF))
            d[i + 2] = 0xBD;
    *n = w->tmp.len;
    return w->tmp.data;
}

static void xw_escape(struct fc_xw *w, const char *s, size_t n, bool attr)
{
    s = xw_clean(w, s, &n);
    fc_xml_escape(w->out, s, n, attr);
}

/* XML 1.0 (fifth edition) NameStartChar and NameChar, ':' excluded. */
static bool name_start(uint32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
           (c >= 0xC0 && c <= 0xD6) || (c >= 0xD8 && c <= 0xF6) || (c >= 0xF8 && c <= 0x2FF) ||
           (c >= 0x370 && c <= 0x37D) || (c >= 0x37F && c <= 0x1FFF) ||
           (c >= 0x200C && c <= 0x200D) || (c >= 0x2070 && c <= 0x218F) ||
           (c >= 0x2C00 && c <= 0x2FEF) || (c >= 0x3001 && c <= 0xD7FF) ||
           (c >= 0xF900 && c <= 0xFDCF) || (c >= 0xFDF0 && c <= 0xFFFD) ||
           (c >= 0x10000 && c <= 0xEFFFF);
}

static bool name_char(uint32_t c)
{
    return name_start(c) || c == '-' || c == '.' || (c >= '0' && c <= '9') || c == 0xB7 ||
           (c >= 0x300 && c <= 0x36F) || (c >= 0x203F && c <= 0x2040);
}

/* True when s is an XML NCName (a name without a colon). */
static bool ncname(const char *s)
{
    if (!s || !*s)
        return false;
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t l = utf8_dec(p + i, n - i, &cp);
        if (!l || !(i == 0 ? name_start(cp) : name_char(cp)))
            return false;
        i += l;
    }
    return true;
}

void fc_xw_init(struct fc_xw *w, struct fc_buf *out, int indent)
{
    memset(w, 0, sizeof *w);
    w->out = out;
    w->indent = indent;
    fc_buf_init(&w->tmp);
}

void fc_xw_free(struct fc_xw *w)
{
    for (size_t i = 0; i < w->nns; i++)
        free(w->ns[i].prefix);
    fc_xml_names_free(&w->names);
    fc_buf_free(&w->tmp);
    free(w->ns);
    w->ns = NULL;
    w->nns = w->ns_cap = 0;
    memset(w->hits, 0, sizeof w->hits);
}

static bool xw_bad(struct fc_xw *w)
{
    if (w->out->oom || w->names.bytes.oom)
        w->oom = true;
    return w->oom;
}

enum fc_status fc_xw_status(struct fc_xw *w, struct fc_error *err)
{
    return xw_bad(w) ? fc_nomem(err) : FC_OK;
}

void fc_xw_decl(struct fc_xw *w)
{
    fc_buf_puts(w->out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
}

/* The URI prefix p is bound to in scope; NULL when unbound. */
static const char *xw_bound(const struct fc_xw *w, const char *p)
{
    if (strcmp(p, "xml") == 0)
        return FC_NS_XML;
    for (size_t i = w->nns; i-- > 0;)
        if (strcmp(w->ns[i].prefix, p) == 0)
            return w->ns[i].uri;
    return NULL;
}

const char *fc_xw_prefix(struct fc_xw *w, const char *uri, bool allow_default)
{
    for (size_t k = 0; k < sizeof w->hits / sizeof w->hits[0]; k++) {
        const struct fc_xw_hit *h = &w->hits[k];
        if (h->uri == uri && h->allow_default == allow_default && strcmp(w->ns[h->i].uri, uri) == 0)
            return w->ns[h->i].prefix;
    }
    if (strcmp(uri, FC_NS_XML) == 0)
        return "xml";
    for (size_t i = w->nns; i-- > 0;) {
        const char *p = w->ns[i].prefix;
        if (strcmp(w->ns[i].uri, uri) != 0 || (!allow_default && !*p))
            continue;
        const char *now = xw_bound(w, p); /* not shadowed further in */
        if (now && strcmp(now, uri) == 0) {
            w->hits[w->hit_next++ % (sizeof w->hits / sizeof w->hits[0])] =
                (struct fc_xw_hit){uri, i, allow_default};
            return p;
        }
    }
    return NULL;
}

/* Push a declaration for the open element, with copies of the strings
 * (see struct fc_xw_ns); returns it (NULL on oom). */
static struct fc_xw_ns *xw_push_ns(struct fc_xw *w, const char *prefix, const char *uri)
{
    if (w->nns == w->ns_cap) {
        size_t cap = w->ns_cap ? w->ns_cap * 2 : 16;
        struct fc_xw_ns *n = realloc(w->ns, cap * sizeof *n);
        if (!n) {
            w->oom = true;
            return NULL;
        }
        w->ns = n;
        w->ns_cap = cap;
    }
    size_t lp = strlen(prefix), lu = strlen(uri);
    char *block = malloc(lp + lu + 2);
    if (!block) {
        w->oom = true;
        return NULL;
    }
    memcpy(block, prefix, lp + 1);
    memcpy(block + lp + 1, uri, lu + 1);
    struct fc_xw_ns *d = &w->ns[w->nns++];
    memset(w->hits, 0, sizeof w->hits); /* a new declaration may shadow one */
    d->prefix = block;
    d->uri = block + lp + 1;
    d->depth = (unsigned)w->names.n;
    return d;
}

/* Push and write xmlns:p="uri"; the prefix as stored (NULL on oom). */
static const char *xw_add_decl(struct fc_xw *w, const char *p, const char *uri)
{
    struct fc_xw_ns *d = xw_push_ns(w, p, uri);
    if (!d)
        return NULL;
    fc_buf_puts(w->out, *p ? " xmlns:" : " xmlns");
    fc_buf_puts(w->out, p);
    fc_buf_puts(w->out, "=\"");
    xw_escape(w, uri, strlen(uri), true);
    fc_buf_putc(w->out, '"');
    return d->prefix;
}

/* A namespace name an element or attribute may be in (Namespaces in XML
 * 1.0 section 3: nothing is in xmlns's namespace). */
static bool uri_bindable(const char *uri)
{
    return uri && *uri && strcmp(uri, FC_NS_XMLNS) != 0;
}

void fc_xw_declare(struct fc_xw *w, const char *prefix, const char *uri)
{
    if (xw_bad(w) || !w->open)
        return;
    /* xmlns:p="" is not allowed in XML 1.0; xml and xmlns keep theirs. */
    if (*prefix && (!ncname(prefix) || !uri_bindable(uri) || strcmp(prefix, "xml") == 0 ||
                    strcmp(prefix, "xmlns") == 0 || strcmp(uri, FC_NS_XML) == 0))
        return;
    if (!*prefix && (strcmp(uri, FC_NS_XMLNS) == 0 || strcmp(uri, FC_NS_XML) == 0))
        return;
    const char *now = xw_bound(w, prefix);
    if ((now && strcmp(now, uri) == 0) || (!now && !*prefix && !*uri))
        return;
    xw_add_decl(w, prefix, uri);
}

static bool prefix_ok(const char *p)
{
    /* Prefixes beginning with "xml" are reserved. */
    return p && fc_strncasecmp(p, "xml", 3) != 0 && ncname(p);
}

/* A fresh "nsN" not bound in scope, into gen. */
static void xw_gen_prefix(struct fc_xw *w, char gen[16])
{
    do
        snprintf(gen, 16, "ns%u", ++w->gen);
    while (xw_bound(w, gen));
}

const char *fc_xw_ensure_ns(struct fc_xw *w, const char *uri, const char *prefix)
{
    if (xw_bad(w) || !uri_bindable(uri))
        return NULL;
    const char *p = fc_xw_prefix(w, uri, false);
    if (p || !w->open)
        return p;
    char gen[16];
    if (!prefix_ok(prefix) || xw_bound(w, prefix)) {
        xw_gen_prefix(w, gen);
        prefix = gen;
    }
    return xw_add_decl(w, prefix, uri);
}

static void xw_newline(struct fc_xw *w, unsigned level)
{
    if (w->indent <= 0 || w->text_depth != 0)
        return;
    fc_buf_putc(w->out, '\n');
    for (unsigned i = 0; i < level * (unsigned)w->indent; i++)
        fc_buf_putc(w->out, ' ');
}

static void xw_close_tag(struct fc_xw *w)
{
    if (w->open) {
        fc_buf_putc(w->out, '>');
        w->open = false;
    }
}

/* Push the element's qualified name (prefix may be NULL or ""). */
static bool xw_push_name(struct fc_xw *w, const char *prefix, const char *name)
{
    if (!fc_xml_names_push(&w->names, prefix, name, strlen(name), 0)) {
        w->oom = true;
        return false;
    }
    return !xw_bad(w);
}

/* Write "<qname" for a new element whose name was just pushed. */
static void xw_open(struct fc_xw *w)
{
    fc_buf_putc(w->out, '<');
    fc_buf_puts(w->out, fc_xml_names_at(&w->names, w->names.n - 1));
    w->open = true;
}

static void xw_begin(struct fc_xw *w)
{
    xw_close_tag(w);
    if (w->names.n > 0)
        xw_newline(w, (unsigned)w->names.n);
}

void fc_xw_start(struct fc_xw *w, const char *qname)
{
    if (xw_bad(w))
        return;
    xw_begin(w);
    if (xw_push_name(w, NULL, qname))
        xw_open(w);
}

void fc_xw_start_ns(struct fc_xw *w, const char *ns, const char *prefix, const char *name)
{
    if (!ns || !*ns) {
        fc_xw_start(w, name);
        const char *def = xw_bound(w, "");
        if (def && *def)
            fc_xw_declare(w, "", "");
        return;
    }
    if (xw_bad(w))
        return;
    xw_begin(w);
    const char *p = fc_xw_prefix(w, ns, true);
    if (p) {
        if (xw_push_name(w, p, name))
            xw_open(w);
        return;
    }
    /* Declare on this element: the prefix is chosen first since the
     * name is written before the declaration. */
    char gen[16];
    const char *use = prefix;
    if (!prefix_ok(prefix) || xw_bound(w, prefix)) {
        xw_gen_prefix(w, gen);
        use = gen;
    }
    if (!xw_push_name(w, use, name))
        return;
    xw_open(w);
    xw_add_decl(w, use, ns);
}

static void xw_put_attr(struct fc_xw *w, const char *prefix, const char *name, const char *value)
{
    fc_buf_putc(w->out, ' ');
    if (prefix) {
        fc_buf_puts(w->out, prefix);
        fc_buf_putc(w->out, ':');
    }
    fc_buf_puts(w->out, name);
    fc_buf_puts(w->out, "=\"");
    xw_escape(w, value, strlen(value), true);
    fc_buf_putc(w->out, '"');
}

void fc_xw_attr(struct fc_xw *w, const char *qname, const char *value)
{
    if (!value || xw_bad(w) || !w->open)
        return;
    xw_put_attr(w, NULL, qname, value);
}

void fc_xw_attr_ns(struct fc_xw *w, const char *ns, const char *prefix, const char *name,
                   const char *value)
{
    if (!value || xw_bad(w) || !w->open)
        return;
    if (!ns || !*ns) {
        fc_xw_attr(w, name, value);
        return;
    }
    const char *p = fc_xw_ensure_ns(w, ns, prefix);
    if (p)
        xw_put_attr(w, p, name, value);
}

static void xw_mark_text(struct fc_xw *w)
{
    xw_close_tag(w);
    if (w->text_depth == 0)
        w->text_depth = (unsigned)w->names.n;
}

/* The bytes of text s to write: n, or strlen(s) when n is (size_t)-1; 0
 * when there is nothing to write (no s, or after oom). */
static size_t xw_text_len(struct fc_xw *w, const char *s, size_t n)
{
    if (!s || xw_bad(w))
        return 0;
    return n == (size_t)-1 ? strlen(s) : n;
}

void fc_xw_text(struct fc_xw *w, const char *s, size_t n)
{
    if ((n = xw_text_len(w, s, n)) == 0)
        return;
    xw_mark_text(w);
    xw_escape(w, s, n, false);
}

/* No character CDATA cannot carry (controls other than \t \n \r; CDATA
 * has no escapes). */
static bool cdata_safe(const char *s, size_t n)
{
    return fc_scan((const unsigned char *)s, 0, n, FC_SCAN_WS, 1, 1, 1) == n;
}

void fc_xw_cdata(struct fc_xw *w, const char *s, size_t n)
{
    if ((n = xw_text_len(w, s, n)) == 0)
        return;
    s = xw_clean(w, s, &n); /* may point into w->tmp: no fc_xw_text below */
    if (!cdata_safe(s, n)) {
        xw_mark_text(w);
        fc_xml_escape(w->out, s, n, false);
        return;
    }
    xw_mark_text(w);
    fc_buf_add(w->out, "<![CDATA[", 9);
    size_t start = 0;
    const char *q = s;
    while ((q = memchr(q, ']', n - (size_t)(q - s))) != NULL && (size_t)(q - s) + 2 < n) {
        size_t i = (size_t)(q - s);
        if (q[1] == ']' && q[2] == '>') {
            /* "]]>" -> "]]" ends this section, ">" starts the next */
            fc_buf_add(w->out, s + start, i + 2 - start);
            fc_buf_add(w->out, "]]><![CDATA[", 12);
            start = i + 2;
        }
        q++;
    }
    fc_buf_add(w->out, s + start, n - start);
    fc_buf_add(w->out, "]]>", 3);
}

void fc_xw_raw(struct fc_xw *w, const char *s, size_t n)
{
    if (!s || xw_bad(w))
        return;
    if (n == (size_t)-1)
        n = strlen(s);
    xw_mark_text(w);
    fc_buf_add(w->out, s, n);
}

void fc_xw_comment(struct fc_xw *w, const char *s)
{
    if (!s || xw_bad(w))
        return;
    size_t n = strlen(s);
    s = xw_clean(w, s, &n);
    xw_begin(w);
    fc_buf_puts(w->out, "<!--");
    char last = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
            continue; /* not an XML character */
        if (c == '-' && last == '-')
            fc_buf_putc(w->out, ' ');
        fc_buf_putc(w->out, s[i]);
        last = s[i];
    }
    fc_buf_puts(w->out, last == '-' ? " -->" : "-->");
}

void fc_xw_end(struct fc_xw *w)
{
    if (xw_bad(w) || w->names.n == 0)
        return;
    unsigned level = (unsigned)w->names.n;
    const char *name = fc_xml_names_at(&w->names, level - 1);
    if (w->open) {
        fc_buf_puts(w->out, "/>");
        w->open = false;
    } else {
        xw_newline(w, level - 1);
        fc_buf_puts(w->out, "</");
        fc_buf_puts(w->out, name);
        fc_buf_putc(w->out, '>');
    }
    if (w->text_depth == level)
        w->text_depth = 0;
    while (w->nns > 0 && w->ns[w->nns - 1].depth == level) {
        free(w->ns[--w->nns].prefix);
        memset(w->hits, 0, sizeof w->hits); /* may name what went */
    }
    fc_xml_names_pop(&w->names);
}

void fc_xw_elem(struct fc_xw *w, const char *qname, const char *text)
{
    if (!text)
        return;
    fc_xw_start(w, qname);
    fc_xw_text(w, text, (size_t)-1);
    fc_xw_end(w);
}

void fc_xw_elem_ns(struct fc_xw *w, const char *ns, const char *prefix, const char *name,
                   const char *text)
{
    if (!text)
        return;
    fc_xw_start_ns(w, ns, prefix, name);
    fc_xw_text(w, text, (size_t)-1);
    fc_xw_end(w);
}

void fc_xw_finish(struct fc_xw *w)
{
    while (w->names.n > 0 && !xw_bad(w))
        fc_xw_end(w);
    fc_buf_putc(w->out, '\n');
}

/* An extension element or attribute name we can write: an NCName, not in
 * the xmlns namespace, and (attributes in no namespace) not "xmlns". */
static bool ext_name_ok(const char *ns, const char *name, bool attr)
{
    if (!ncname(name) || (ns && strcmp(ns, FC_NS_XMLNS) == 0))
        return false;
    return !attr || (ns && *ns) || strcmp(name, "xmlns") != 0;
}

/* The attribute a is written (name valid, not a repeat of an earlier one:
 * the same namespace and local name). */
static bool ext_attr_ok(const struct fc_ext *e, const struct fc_attr *a)
{
    if (!ext_name_ok(a->ns, a->name, true))
        return false;
    for (const struct fc_attr *b = e->attrs.first; b != a; b = b->next)
        if (b->name && ext_name_ok(b->ns, b->name, true) && strcmp(a->name, b->name) == 0 &&
            fc_xml_ns_eq(a->ns, b->ns))
            return false;
    return true;
}

bool fc_xw_ext(struct fc_xw *w, const struct fc_ext *e)
{
    if (!e || e->kind != FC_EXT_XML)
        return false;
    if (!e->name) {
        fc_xw_text(w, e->value, (size_t)-1);
        return true;
    }
    if (!ext_name_ok(e->ns, e->name, false)) {
        w->dropped++;
        return true;
    }
    fc_xw_start_ns(w, e->ns, e->prefix, e->name);
    for (const struct fc_attr *a = e->attrs.first; a; a = a->next) {
        if (!a->name)
            continue;
        if (ext_attr_ok(e, a))
            fc_xw_attr_ns(w, a->ns, a->prefix, a->name, a->value ? a->value : "");
        else
            w->dropped++;
    }
    for (const struct fc_ext *c = e->children.first; c; c = c->next)
        fc_xw_ext(w, c);
    fc_xw_end(w);
    return true;
}

void fc_xw_declare_ext_ns(struct fc_xw *w, const struct fc_ext *e)
{
    if (!e || e->kind != FC_EXT_XML || !e->name || !ext_name_ok(e->ns, e->name, false))
        return;
    if (e->ns && *e->ns)
        fc_xw_ensure_ns(w, e->ns, e->prefix);
    for (const struct fc_attr *a = e->attrs.first; a; a = a->next)
        if (a->name && a->ns && *a->ns && ext_name_ok(a->ns, a->name, true))
            fc_xw_ensure_ns(w, a->ns, a->prefix);
    for (const struct fc_ext *c = e->children.first; c; c = c->next)
        fc_xw_declare_ext_ns(w, c);
}

/* ------------------------------------------------------------------ */
/* Markup check                                                        */

/* Names a reused parser may have interned before it is renewed (its
 * dictionary only grows; distinct names are few in real feeds). */
#define CHECK_DICT_MAX 4096

void fc_xml_check_init(struct fc_xml_check *c)
{
    memset(c, 0, sizeof *c);
    fc_buf_init(&c->doc);
}

void fc_xml_check_free(struct fc_xml_check *c)
{
    fc_buf_free(&c->doc);
    xmlFreeParserCtxt(c->ctxt);
    c->ctxt = NULL;
}

bool fc_xml_check(struct fc_xml_check *c, const char *s, const char *ns)
{
    struct fc_buf *b = &c->doc;
    fc_buf_reset(b);
    if (ns) {
        fc_buf_puts(b, "<x xmlns=\"");
        fc_xml_escape(b, ns, strlen(ns), true);
        fc_buf_puts(b, "\">");
    } else {
        fc_buf_puts(b, "<x>");
    }
    fc_buf_puts(b, s);
    fc_buf_puts(b, "</x>");
    if (c->ctxt && xmlDictSize(c->ctxt->dict) > CHECK_DICT_MAX) {
        xmlFreeParserCtxt(c->ctxt);
        c->ctxt = NULL;
    }
    if (b->oom || b->len > INT32_MAX || (!c->ctxt && !(c->ctxt = xmlNewParserCtxt()))) {
        c->oom = true;
        return false;
    }
    /* xmlCtxtReadMemory resets the context before each parse */
    xmlDocPtr doc = xmlCtxtReadMemory(c->ctxt, b->data, (int)b->len, NULL, "UTF-8",
                                      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    bool ok = doc && c->ctxt->wellFormed && c->ctxt->nsWellFormed;
    xmlFreeDoc(doc);
    return ok;
}
