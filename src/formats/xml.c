/*
 * xml.c - the XML plumbing rss.c and atom.c share: the libxml2 text
 * reader over struct fc_input (safe options, errors with positions), node
 * text and attributes into arenas, XML -> fc_ext, and a small streaming
 * XML writer with namespace scoping.  See xml.h.
 */
#include "formats/xml.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

/* Bytes that user-declared entities may add to one text (no billion laughs
 * through our own tree walks). */
#define ENTITY_BUDGET ((size_t)1 << 20)
#define ENTITY_DEPTH 16

/* ------------------------------------------------------------------ */
/* Reader                                                              */

static int xr_read_cb(void *ctx, char *buf, int len)
{
    struct fc_xr *x = ctx;
    size_t got = 0;
    if (x->io_status != FC_OK || len <= 0)
        return x->io_status != FC_OK ? -1 : 0;
    enum fc_status st = fc_in_read(x->in, buf, (size_t)len, &got, &x->io_err);
    if (st != FC_OK) {
        x->io_status = st;
        return -1;
    }
    x->total += got;
    if (x->total > x->max) {
        x->io_status = fc_fail(&x->io_err, FC_ELIMIT, x->file, 0, 0,
                               "input larger than the limit of %llu bytes", x->max);
        return -1;
    }
    return (int)got;
}

static int xr_close_cb(void *ctx)
{
    (void)ctx; /* the caller closes the fc_input */
    return 0;
}

/* libxml2's message without its trailing newline. */
static void xr_message(const xmlError *e, char *out, size_t cap)
{
    const char *m = e->message ? e->message : "malformed XML";
    size_t n = strlen(m);
    while (n > 0 && (m[n - 1] == '\n' || m[n - 1] == '\r' || m[n - 1] == ' '))
        n--;
    if (n >= cap)
        n = cap - 1;
    memcpy(out, m, n);
    out[n] = '\0';
}

/* Limits libxml2 enforces (depth, sizes, entity loops) are FC_ELIMIT. */
static enum fc_status xr_code(const xmlError *e, const char *msg)
{
    if (e->code == XML_ERR_ENTITY_LOOP || strstr(msg, "Excessive depth") || strstr(msg, "huge") ||
        strstr(msg, "Huge") || strstr(msg, "too long") || strstr(msg, "amplification"))
        return FC_ELIMIT;
    return FC_EPARSE;
}

/* The first fatal error fails the read; lesser errors (undeclared
 * prefixes, odd xmlns URIs) are warnings: real feeds have them. */
static void xr_error_cb(void *ctx, xmlErrorPtr e)
{
    struct fc_xr *x = ctx;
    char msg[400];
    if (!e)
        return;
    xr_message(e, msg, sizeof msg);
    unsigned long line = e->line > 0 ? (unsigned long)e->line : 0;
    unsigned long col = e->int2 > 0 ? (unsigned long)e->int2 : 0;
    if (e->level == XML_ERR_FATAL) {
        if (!x->have_perr) {
            x->have_perr = true;
            x->perr_xml_code = e->code;
            fc_fail(&x->perr, xr_code(e, msg), x->file, line, col, "not well-formed XML: %s", msg);
        }
        return;
    }
    if (x->warn_status == FC_OK) {
        struct fc_error w;
        enum fc_status st = fc_warn(x->opt, &w, x->file, line, col, "%s", msg);
        if (st != FC_OK) {
            x->warn_status = st;
            x->warn_err = w;
        }
    }
}

enum fc_status fc_xr_open(struct fc_xr *x, struct fc_input *in, const struct fc_options *opt,
                          struct fc_error *err)
{
    memset(x, 0, sizeof *x);
    x->in = in;
    x->opt = opt;
    x->file = fc_input_name(in);
    x->max = opt && opt->max_input ? opt->max_input : FC_DEFAULT_MAX_INPUT;
    /* No NOENT, DTDLOAD, DTDATTR or HUGE: see xml.h. */
    int options = XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES;
    x->r = xmlReaderForIO(xr_read_cb, xr_close_cb, x, NULL, NULL, options);
    if (!x->r) {
        if (x->io_status != FC_OK) {
            if (err)
                *err = x->io_err;
            return x->io_status;
        }
        return fc_nomem(err);
    }
    xmlTextReaderSetStructuredErrorHandler(x->r, xr_error_cb, x);
    return FC_OK;
}

void fc_xr_close(struct fc_xr *x)
{
    if (x->r)
        xmlFreeTextReader(x->r);
    x->r = NULL;
}

/* The error behind a failed reader call, most specific first. */
static enum fc_status xr_fail(struct fc_xr *x, struct fc_error *err)
{
    if (x->io_status != FC_OK) {
        if (err)
            *err = x->io_err;
        return x->io_status;
    }
    if (x->have_perr) {
        /* The streaming parser reports a document cut short inside an
         * element as "Extra content at the end"; say what happened. */
        if (x->perr_xml_code == XML_ERR_DOCUMENT_END && xmlTextReaderDepth(x->r) > 0)
            snprintf(x->perr.message, sizeof x->perr.message,
                     "not well-formed XML: the input ends inside an element (truncated?)");
        if (err)
            *err = x->perr;
        return x->perr.code;
    }
    if (x->warn_status != FC_OK) {
        if (err)
            *err = x->warn_err;
        return x->warn_status;
    }
    int line = xmlTextReaderGetParserLineNumber(x->r);
    int col = xmlTextReaderGetParserColumnNumber(x->r);
    return fc_fail(err, FC_EPARSE, x->file, line > 0 ? (unsigned long)line : 0,
                   col > 0 ? (unsigned long)col : 0, "malformed XML");
}

static enum fc_status xr_after(struct fc_xr *x, int ret, bool *more, struct fc_error *err)
{
    *more = false;
    if (ret < 0 || x->io_status != FC_OK || x->have_perr || x->warn_status != FC_OK)
        return xr_fail(x, err);
    *more = ret == 1;
    return FC_OK;
}

enum fc_status fc_xr_read(struct fc_xr *x, bool *more, struct fc_error *err)
{
    return xr_after(x, xmlTextReaderRead(x->r), more, err);
}

enum fc_status fc_xr_next(struct fc_xr *x, bool *more, struct fc_error *err)
{
    return xr_after(x, xmlTextReaderNext(x->r), more, err);
}

enum fc_status fc_xr_expand(struct fc_xr *x, xmlNode **node, struct fc_error *err)
{
    *node = xmlTextReaderExpand(x->r);
    if (!*node || x->io_status != FC_OK || x->have_perr || x->warn_status != FC_OK) {
        *node = NULL;
        return xr_fail(x, err);
    }
    return FC_OK;
}

int fc_xr_type(struct fc_xr *x)
{
    return xmlTextReaderNodeType(x->r);
}

int fc_xr_depth(struct fc_xr *x)
{
    return xmlTextReaderDepth(x->r);
}

const char *fc_xr_name(struct fc_xr *x)
{
    return (const char *)xmlTextReaderConstLocalName(x->r);
}

const char *fc_xr_ns(struct fc_xr *x)
{
    return (const char *)xmlTextReaderConstNamespaceUri(x->r);
}

static bool ns_eq(const char *a, const char *b)
{
    if (!a || !*a)
        return !b || !*b;
    return b && strcmp(a, b) == 0;
}

bool fc_xr_is(struct fc_xr *x, const char *ns, const char *name)
{
    const char *n = fc_xr_name(x);
    return fc_xr_type(x) == XML_READER_TYPE_ELEMENT && n && strcmp(n, name) == 0 &&
           ns_eq(ns, fc_xr_ns(x));
}

enum fc_status fc_xr_attr(struct fc_xr *x, struct fc_arena *a, const char *ns, const char *name,
                          const char **out, struct fc_error *err)
{
    xmlChar *v = ns ? xmlTextReaderGetAttributeNs(x->r, BAD_CAST name, BAD_CAST ns)
                    : xmlTextReaderGetAttribute(x->r, BAD_CAST name);
    *out = NULL;
    if (!v)
        return FC_OK;
    *out = fc_strdup(a, (const char *)v, (size_t)-1);
    xmlFree(v);
    return *out ? FC_OK : fc_nomem(err);
}

unsigned long fc_xr_line(struct fc_xr *x)
{
    xmlNode *n = xmlTextReaderCurrentNode(x->r);
    return n ? fc_xml_line(n) : 0;
}

/* ------------------------------------------------------------------ */
/* Node helpers                                                        */

bool fc_xml_is(const xmlNode *n, const char *ns, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0 &&
           ns_eq(ns, fc_xml_ns(n));
}

const char *fc_xml_ns(const xmlNode *n)
{
    return n && n->ns && n->ns->href ? (const char *)n->ns->href : NULL;
}

unsigned long fc_xml_line(const xmlNode *n)
{
    long l = xmlGetLineNo(n);
    return l > 0 ? (unsigned long)l : 0;
}

static xmlNode *first_elem(xmlNode *c)
{
    while (c && c->type != XML_ELEMENT_NODE)
        c = c->next;
    return c;
}

xmlNode *fc_xml_first(const xmlNode *n)
{
    return n ? first_elem(n->children) : NULL;
}

xmlNode *fc_xml_next(const xmlNode *n)
{
    return n ? first_elem(n->next) : NULL;
}

bool fc_xml_has_elements(const xmlNode *n)
{
    return fc_xml_first(n) != NULL;
}

struct text_walk {
    struct fc_buf *b;
    size_t entity_bytes; /* added through entity expansion */
    unsigned entity_depth;
    bool limit;
};

static void text_walk(struct text_walk *t, const xmlNode *first);

/* An entity reference: its parsed children (or its replacement text when
 * libxml2 kept none), within the budget. */
static void text_entity(struct text_walk *t, const xmlNode *ref)
{
    const xmlEntity *ent = (const xmlEntity *)ref->children;
    if (!ent || ent->type != XML_ENTITY_DECL)
        return;
    if (t->entity_depth >= ENTITY_DEPTH) {
        t->limit = true;
        return;
    }
    size_t before = t->b->len;
    t->entity_depth++;
    if (ent->children)
        text_walk(t, ent->children);
    else if (ent->content)
        fc_buf_puts(t->b, (const char *)ent->content);
    t->entity_depth--;
    if (t->entity_depth == 0) {
        t->entity_bytes += t->b->len - before;
        if (t->entity_bytes > ENTITY_BUDGET)
            t->limit = true;
    }
}

static void text_walk(struct text_walk *t, const xmlNode *c)
{
    for (; c && !t->limit && !t->b->oom; c = c->next) {
        switch (c->type) {
        case XML_TEXT_NODE:
        case XML_CDATA_SECTION_NODE:
            if (c->content)
                fc_buf_puts(t->b, (const char *)c->content);
            break;
        case XML_ELEMENT_NODE:
            text_walk(t, c->children);
            break;
        case XML_ENTITY_REF_NODE:
            text_entity(t, c);
            break;
        default:
            break; /* comments, processing instructions */
        }
    }
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Copy s[0..n) (trimmed when asked) into the arena; NULL out when empty. */
static enum fc_status text_out(struct fc_arena *a, const char *s, size_t n, bool trim,
                               const char **out, struct fc_error *err)
{
    if (trim) {
        while (n > 0 && is_space(*s))
            s++, n--;
        while (n > 0 && is_space(s[n - 1]))
            n--;
    }
    *out = NULL;
    if (n == 0)
        return FC_OK;
    *out = fc_strdup(a, s, n);
    return *out ? FC_OK : fc_nomem(err);
}

/* Text of the children starting at `first` (element or attribute). */
static enum fc_status children_text(struct fc_arena *a, const xmlNode *first, bool trim,
                                    const char **out, struct fc_error *err)
{
    *out = NULL;
    /* The common case, one text node: no intermediate copy. */
    if (first && !first->next &&
        (first->type == XML_TEXT_NODE || first->type == XML_CDATA_SECTION_NODE)) {
        const char *s = first->content ? (const char *)first->content : "";
        return text_out(a, s, strlen(s), trim, out, err);
    }
    struct fc_buf b;
    fc_buf_init(&b);
    struct text_walk t = {.b = &b};
    text_walk(&t, first);
    enum fc_status st = FC_OK;
    if (b.oom)
        st = fc_nomem(err);
    else if (t.limit)
        st = fc_fail(err, FC_ELIMIT, NULL, fc_xml_line(first), 0,
                     "entity expansion exceeds the limit");
    else
        st = text_out(a, b.data ? b.data : "", b.len, trim, out, err);
    fc_buf_free(&b);
    return st;
}

enum fc_status fc_xml_text(struct fc_arena *a, const xmlNode *n, bool trim, const char **out,
                           struct fc_error *err)
{
    return children_text(a, n ? n->children : NULL, trim, out, err);
}

enum fc_status fc_xml_inner(struct fc_arena *a, const xmlNode *n, const char **out,
                            struct fc_error *err)
{
    *out = NULL;
    xmlBufferPtr xb = xmlBufferCreate();
    if (!xb)
        return fc_nomem(err);
    enum fc_status st = FC_OK;
    for (xmlNode *c = n->children; c; c = c->next) {
        if (xmlNodeDump(xb, n->doc, c, 0, 0) < 0) {
            st = fc_nomem(err);
            goto out;
        }
    }
    st = text_out(a, (const char *)xmlBufferContent(xb), (size_t)xmlBufferLength(xb), true, out,
                  err);
out:
    xmlBufferFree(xb);
    return st;
}

static const xmlAttr *find_attr(const xmlNode *n, const char *ns, const char *name)
{
    if (!n || n->type != XML_ELEMENT_NODE)
        return NULL;
    for (const xmlAttr *at = n->properties; at; at = at->next) {
        const char *ans = at->ns && at->ns->href ? (const char *)at->ns->href : NULL;
        if (strcmp((const char *)at->name, name) == 0 && ns_eq(ns, ans))
            return at;
    }
    return NULL;
}

enum fc_status fc_xml_attr(struct fc_arena *a, const xmlNode *n, const char *ns, const char *name,
                           const char **out, struct fc_error *err)
{
    const xmlAttr *at = find_attr(n, ns, name);
    *out = NULL;
    if (!at)
        return FC_OK;
    enum fc_status st = children_text(a, at->children, false, out, err);
    if (st == FC_OK && !*out) /* present but empty: "" not NULL */
        *out = fc_strdup(a, "", 0);
    return st == FC_OK && !*out ? fc_nomem(err) : st;
}

/* ------------------------------------------------------------------ */
/* XML -> fc_ext                                                       */

static bool all_space(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!is_space(s[i]))
            return false;
    return true;
}

static enum fc_status ext_build(struct fc_arena *a, struct fc_list *list, const xmlNode *n,
                                const char *origin, struct fc_ext **out, struct fc_error *err);

/* A run of text / CDATA / entity siblings becomes one text node. */
static enum fc_status ext_text_run(struct fc_arena *a, struct fc_ext *parent, const xmlNode **cp,
                                   bool drop_space, const char *origin, struct fc_error *err)
{
    struct fc_buf b;
    fc_buf_init(&b);
    struct text_walk t = {.b = &b};
    const xmlNode *c = *cp;
    for (; c && (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE ||
                 c->type == XML_ENTITY_REF_NODE);
         c = c->next) {
        if (c->type == XML_ENTITY_REF_NODE)
            text_entity(&t, c);
        else if (c->content)
            fc_buf_puts(&b, (const char *)c->content);
    }
    *cp = c;
    enum fc_status st = FC_OK;
    if (b.oom) {
        st = fc_nomem(err);
    } else if (t.limit) {
        st = fc_fail(err, FC_ELIMIT, NULL, 0, 0, "entity expansion exceeds the limit");
    } else if (b.len > 0 && !(drop_space && all_space(b.data, b.len))) {
        struct fc_ext *e = fc_list_add(a, &parent->children, sizeof *e);
        if (!e || !(e->value = fc_strdup(a, b.data, b.len)))
            st = fc_nomem(err);
        else {
            e->kind = FC_EXT_XML;
            e->origin = origin;
        }
    }
    fc_buf_free(&b);
    return st;
}

static enum fc_status ext_attrs(struct fc_arena *a, struct fc_ext *e, const xmlNode *n,
                                struct fc_error *err)
{
    for (const xmlAttr *at = n->properties; at; at = at->next) {
        struct fc_attr *fa = fc_list_add(a, &e->attrs, sizeof *fa);
        if (!fa || !(fa->name = fc_strdup(a, (const char *)at->name, (size_t)-1)))
            return fc_nomem(err);
        if (at->ns && at->ns->href &&
            !(fa->ns = fc_strdup(a, (const char *)at->ns->href, (size_t)-1)))
            return fc_nomem(err);
        if (at->ns && at->ns->prefix &&
            !(fa->prefix = fc_strdup(a, (const char *)at->ns->prefix, (size_t)-1)))
            return fc_nomem(err);
        enum fc_status st = children_text(a, at->children, false, &fa->value, err);
        if (st != FC_OK)
            return st;
        if (!fa->value && !(fa->value = fc_strdup(a, "", 0)))
            return fc_nomem(err);
    }
    return FC_OK;
}

static enum fc_status ext_build(struct fc_arena *a, struct fc_list *list, const xmlNode *n,
                                const char *origin, struct fc_ext **out, struct fc_error *err)
{
    struct fc_ext *e = fc_list_add(a, list, sizeof *e);
    if (out)
        *out = e;
    if (!e)
        return fc_nomem(err);
    e->kind = FC_EXT_XML;
    e->origin = origin;
    if (!(e->name = fc_strdup(a, (const char *)n->name, (size_t)-1)))
        return fc_nomem(err);
    if (n->ns && n->ns->href && !(e->ns = fc_strdup(a, (const char *)n->ns->href, (size_t)-1)))
        return fc_nomem(err);
    if (n->ns && n->ns->prefix &&
        !(e->prefix = fc_strdup(a, (const char *)n->ns->prefix, (size_t)-1)))
        return fc_nomem(err);
    enum fc_status st = ext_attrs(a, e, n, err);
    bool drop_space = fc_xml_has_elements(n); /* indentation, not content */
    const xmlNode *c = n->children;
    while (st == FC_OK && c) {
        if (c->type == XML_ELEMENT_NODE) {
            st = ext_build(a, &e->children, c, origin, NULL, err);
            c = c->next;
        } else if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE ||
                   c->type == XML_ENTITY_REF_NODE) {
            st = ext_text_run(a, e, &c, drop_space, origin, err);
        } else {
            c = c->next; /* comments, processing instructions */
        }
    }
    return st;
}

enum fc_status fc_xml_to_ext(struct fc_arena *a, struct fc_list *list, const xmlNode *n,
                             const char *origin, struct fc_ext **out, struct fc_error *err)
{
    if (out)
        *out = NULL;
    if (!n || n->type != XML_ELEMENT_NODE)
        return FC_OK;
    return ext_build(a, list, n, origin, out, err);
}

/* ------------------------------------------------------------------ */
/* Writer                                                              */

void fc_xw_init(struct fc_xw *w, struct fc_buf *out, int indent)
{
    memset(w, 0, sizeof *w);
    w->out = out;
    w->indent = indent;
    fc_buf_init(&w->names);
}

void fc_xw_free(struct fc_xw *w)
{
    fc_buf_free(&w->names);
    free(w->name_off);
    free(w->ns);
    w->name_off = NULL;
    w->ns = NULL;
    w->nns = w->ns_cap = w->name_cap = 0;
}

static bool xw_bad(struct fc_xw *w)
{
    if (w->out->oom || w->names.oom)
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

static const char *ns_prefix(const struct fc_xw_ns *d)
{
    return d->prefix ? d->prefix : d->gen;
}

/* The URI prefix p is bound to in scope; NULL when unbound. */
static const char *xw_bound(const struct fc_xw *w, const char *p)
{
    if (strcmp(p, "xml") == 0)
        return FC_NS_XML;
    for (size_t i = w->nns; i-- > 0;)
        if (strcmp(ns_prefix(&w->ns[i]), p) == 0)
            return w->ns[i].uri;
    return NULL;
}

const char *fc_xw_prefix(const struct fc_xw *w, const char *uri, bool allow_default)
{
    if (strcmp(uri, FC_NS_XML) == 0)
        return "xml";
    for (size_t i = w->nns; i-- > 0;) {
        const char *p = ns_prefix(&w->ns[i]);
        if (strcmp(w->ns[i].uri, uri) != 0 || (!allow_default && !*p))
            continue;
        const char *now = xw_bound(w, p); /* not shadowed further in */
        if (now && strcmp(now, uri) == 0)
            return p;
    }
    return NULL;
}

/* Push a declaration for the open element; returns it (NULL on oom). */
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
    struct fc_xw_ns *d = &w->ns[w->nns++];
    memset(d, 0, sizeof *d);
    d->prefix = prefix;
    d->uri = uri;
    d->depth = w->depth;
    return d;
}

static void xw_write_decl(struct fc_xw *w, const char *p, const char *uri)
{
    fc_buf_puts(w->out, *p ? " xmlns:" : " xmlns");
    fc_buf_puts(w->out, p);
    fc_buf_puts(w->out, "=\"");
    fc_xml_escape(w->out, uri, strlen(uri), true);
    fc_buf_putc(w->out, '"');
}

void fc_xw_declare(struct fc_xw *w, const char *prefix, const char *uri)
{
    if (xw_bad(w) || !w->open)
        return;
    const char *now = xw_bound(w, prefix);
    if ((now && strcmp(now, uri) == 0) || (!now && !*prefix && !*uri))
        return;
    if (xw_push_ns(w, prefix, uri))
        xw_write_decl(w, prefix, uri);
}

static bool prefix_ok(const char *p)
{
    /* Prefixes beginning with "xml" are reserved. */
    return p && *p && fc_strncasecmp(p, "xml", 3) != 0 && !strchr(p, ':');
}

const char *fc_xw_ensure_ns(struct fc_xw *w, const char *uri, const char *prefix)
{
    if (xw_bad(w))
        return NULL;
    const char *p = fc_xw_prefix(w, uri, false);
    if (p || !w->open)
        return p;
    if (prefix_ok(prefix) && !xw_bound(w, prefix)) {
        fc_xw_declare(w, prefix, uri);
        return xw_bad(w) ? NULL : prefix;
    }
    char gen[16];
    do
        snprintf(gen, sizeof gen, "ns%u", ++w->gen);
    while (xw_bound(w, gen));
    struct fc_xw_ns *d = xw_push_ns(w, NULL, uri);
    if (!d)
        return NULL;
    memcpy(d->gen, gen, sizeof gen);
    xw_write_decl(w, d->gen, uri);
    return d->gen;
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
    if (w->depth == w->name_cap) {
        size_t cap = w->name_cap ? w->name_cap * 2 : 32;
        size_t *n = realloc(w->name_off, cap * sizeof *n);
        if (!n) {
            w->oom = true;
            return false;
        }
        w->name_off = n;
        w->name_cap = cap;
    }
    w->name_off[w->depth] = w->names.len;
    if (prefix && *prefix) {
        fc_buf_puts(&w->names, prefix);
        fc_buf_putc(&w->names, ':');
    }
    fc_buf_add(&w->names, name, strlen(name) + 1);
    return !xw_bad(w);
}

/* Write "<qname" for a new element whose name was just pushed. */
static void xw_open(struct fc_xw *w)
{
    fc_buf_putc(w->out, '<');
    fc_buf_puts(w->out, w->names.data + w->name_off[w->depth]);
    w->depth++;
    w->open = true;
}

static void xw_begin(struct fc_xw *w)
{
    xw_close_tag(w);
    if (w->depth > 0)
        xw_newline(w, w->depth);
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
    /* Declare on this element: open it with a placeholder-free name by
     * choosing the prefix first (the declaration is scoped to it). */
    char gen[16];
    const char *use = prefix;
    if (!prefix_ok(prefix) || xw_bound(w, prefix)) {
        do
            snprintf(gen, sizeof gen, "ns%u", ++w->gen);
        while (xw_bound(w, gen));
        use = gen;
    }
    if (!xw_push_name(w, use, name))
        return;
    xw_open(w);
    struct fc_xw_ns *d = xw_push_ns(w, use == gen ? NULL : use, ns);
    if (!d)
        return;
    if (use == gen)
        memcpy(d->gen, gen, sizeof gen);
    xw_write_decl(w, ns_prefix(d), ns);
}

void fc_xw_attr(struct fc_xw *w, const char *qname, const char *value)
{
    if (!value || xw_bad(w) || !w->open)
        return;
    fc_buf_putc(w->out, ' ');
    fc_buf_puts(w->out, qname);
    fc_buf_puts(w->out, "=\"");
    fc_xml_escape(w->out, value, strlen(value), true);
    fc_buf_putc(w->out, '"');
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
    if (!p)
        return;
    fc_buf_putc(w->out, ' ');
    fc_buf_puts(w->out, p);
    fc_buf_putc(w->out, ':');
    fc_buf_puts(w->out, name);
    fc_buf_puts(w->out, "=\"");
    fc_xml_escape(w->out, value, strlen(value), true);
    fc_buf_putc(w->out, '"');
}

static void xw_mark_text(struct fc_xw *w)
{
    xw_close_tag(w);
    if (w->text_depth == 0)
        w->text_depth = w->depth;
}

void fc_xw_text(struct fc_xw *w, const char *s, size_t n)
{
    if (!s || xw_bad(w))
        return;
    if (n == (size_t)-1)
        n = strlen(s);
    if (n == 0)
        return;
    xw_mark_text(w);
    fc_xml_escape(w->out, s, n, false);
}

/* Characters XML 1.0 cannot carry at all (CDATA has no escapes). */
static bool cdata_safe(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
            return false;
    }
    return true;
}

void fc_xw_cdata(struct fc_xw *w, const char *s, size_t n)
{
    if (!s || xw_bad(w))
        return;
    if (n == (size_t)-1)
        n = strlen(s);
    if (n == 0)
        return;
    if (!cdata_safe(s, n)) {
        fc_xw_text(w, s, n);
        return;
    }
    xw_mark_text(w);
    fc_buf_puts(w->out, "<![CDATA[");
    size_t start = 0;
    for (size_t i = 0; i + 2 < n; i++) {
        if (s[i] == ']' && s[i + 1] == ']' && s[i + 2] == '>') {
            /* "]]>" -> "]]" ends this section, ">" starts the next */
            fc_buf_add(w->out, s + start, i + 2 - start);
            fc_buf_puts(w->out, "]]><![CDATA[");
            start = i + 2;
        }
    }
    fc_buf_add(w->out, s + start, n - start);
    fc_buf_puts(w->out, "]]>");
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
    xw_begin(w);
    fc_buf_puts(w->out, "<!--");
    for (; *s; s++) {
        fc_buf_putc(w->out, *s);
        if (*s == '-' && (s[1] == '-' || s[1] == '\0'))
            fc_buf_putc(w->out, ' ');
    }
    fc_buf_puts(w->out, "-->");
}

void fc_xw_end(struct fc_xw *w)
{
    if (xw_bad(w) || w->depth == 0)
        return;
    unsigned level = w->depth;
    const char *name = w->names.data + w->name_off[level - 1];
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
    while (w->nns > 0 && w->ns[w->nns - 1].depth == level)
        w->nns--;
    w->names.len = w->name_off[level - 1];
    w->depth--;
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
    while (w->depth > 0 && !xw_bad(w))
        fc_xw_end(w);
    fc_buf_putc(w->out, '\n');
}

bool fc_xw_ext(struct fc_xw *w, const struct fc_ext *e)
{
    if (!e || e->kind != FC_EXT_XML)
        return false;
    if (!e->name) {
        fc_xw_text(w, e->value, (size_t)-1);
        return true;
    }
    fc_xw_start_ns(w, e->ns, e->prefix, e->name);
    for (const struct fc_attr *a = e->attrs.first; a; a = a->next)
        if (a->name)
            fc_xw_attr_ns(w, a->ns, a->prefix, a->name, a->value ? a->value : "");
    for (const struct fc_ext *c = e->children.first; c; c = c->next)
        fc_xw_ext(w, c);
    fc_xw_end(w);
    return true;
}

void fc_xw_declare_ext_ns(struct fc_xw *w, const struct fc_ext *e)
{
    if (!e || e->kind != FC_EXT_XML || !e->name)
        return;
    if (e->ns && *e->ns)
        fc_xw_ensure_ns(w, e->ns, e->prefix);
    for (const struct fc_attr *a = e->attrs.first; a; a = a->next)
        if (a->ns && *a->ns)
            fc_xw_ensure_ns(w, a->ns, a->prefix);
    for (const struct fc_ext *c = e->children.first; c; c = c->next)
        fc_xw_declare_ext_ns(w, c);
}
