/*
 * xml.c - the XML plumbing rss.c and atom.c share: the libxml2 text
 * reader over struct fc_input (safe options, errors with positions), node
 * text and attributes into arenas, XML -> fc_ext, and a small streaming
 * XML writer with namespace scoping.  See xml.h.
 */
#include "formats/xml.h"
#include "util/scan.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>

/* Bytes that user-declared entities may add to one text (no billion laughs
 * through our own tree walks). */
#define ENTITY_BUDGET ((size_t)1 << 20)
#define ENTITY_DEPTH 16

/* ------------------------------------------------------------------ */
/* Reader                                                              */

#define XR_CHUNK ((size_t)64 << 10)

/* Repaired bytes for the parser: read input, pass it through xmlfix.
 * Returns the bytes ready (at *p), 0 at the end of the input, -1 on an
 * error (io_status set). */
static long xr_fill(struct fc_xr *x, const char **p)
{
    struct fc_xmlfix *f = &x->fix;
    if (x->io_status != FC_OK)
        return -1;
    while (f->out_pos == f->out.len && !x->in_eof) {
        size_t got = 0;
        f->out.len = f->out_pos = 0;
        enum fc_status st = fc_in_read(x->in, x->chunk, XR_CHUNK, &got, &x->io_err);
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
        x->in_eof = got == 0;
        st = fc_xmlfix_push(f, x->chunk, got, x->in_eof);
        if (st != FC_OK) { /* FC_EWARN: io_err was filled by xr_fix_warn */
            if (st == FC_ENOMEM)
                fc_nomem(&x->io_err);
            else if (st == FC_EPARSE)
                fc_fail(&x->io_err, st, x->file, f->fail_line, f->fail_col, "%s", f->fail_msg);
            x->io_status = st;
            return -1;
        }
    }
    size_t n = f->out.len - f->out_pos;
    if (n > XR_CHUNK)
        n = XR_CHUNK;
    *p = n ? f->out.data + f->out_pos : "";
    f->out_pos += n;
    return (long)n;
}

/* A repair made by the filter: a warning at its input position. */
static enum fc_status xr_fix_warn(void *ctx, unsigned long line, unsigned long col, const char *msg)
{
    struct fc_xr *x = ctx;
    return fc_warn(x->opt, &x->io_err, x->file, line, col, "%s", msg);
}

/* libxml2's message on one line: some messages carry a second line
 * ("...indicate encoding !\nBytes: 0xE9 ..."); line breaks become "; "
 * and trailing ones go. */
static void xr_message(const xmlError *e, char *out, size_t cap)
{
    const char *m = e->message ? e->message : "malformed XML";
    size_t n = strlen(m), o = 0;
    while (n > 0 && (m[n - 1] == '\n' || m[n - 1] == '\r' || m[n - 1] == ' '))
        n--;
    for (size_t i = 0; i < n && o + 1 < cap; i++) {
        if (m[i] != '\n' && m[i] != '\r') {
            out[o++] = m[i];
            continue;
        }
        while (o > 0 && out[o - 1] == ' ')
            o--;
        while (i + 1 < n && (m[i + 1] == '\n' || m[i + 1] == '\r' || m[i + 1] == ' '))
            i++;
        if (o + 3 < cap)
            out[o++] = ';', out[o++] = ' ';
    }
    out[o] = '\0';
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
    if (line == 0 && x->ctxt && x->ctxt->input) { /* raised with no parser context */
        int l = x->ctxt->input->line;
        line = l > 0 ? (unsigned long)l : 0;
    }
    /* Decoding and I/O errors end the parse whatever their level. */
    if (e->level == XML_ERR_FATAL || e->domain == XML_FROM_I18N || e->domain == XML_FROM_IO) {
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

/* Messages libxml2 prints through its generic channel only (e.g.
 * "xmlParseChunk: encoder error"): the structured error that goes with
 * them has been reported already, so they are dropped. */
static void xr_generic_cb(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

/*
 * libxml2 2.9 raises some errors with no parser context: the encoding
 * converters ("encoding error : input conversion failed"), the I/O layer,
 * and the encoding detection that runs while xmlReaderForIO creates the
 * parser, before a reader-level handler can be set.  Those go to the
 * process's default handlers, which print to stderr; there is no
 * per-parser way to catch them.  So every libxml2 call that parses runs
 * inside xr_enter/xr_leave, which install our handlers and put the
 * caller's back afterwards.  libxml2 keeps these handlers per thread
 * (LIBXML_THREAD_ENABLED: the macros below are thread-local accessors),
 * so this is reentrant and leaves no state behind; a callback of ours
 * never calls back into a parsing libxml2 function of another fc_xr.
 */
struct xr_saved {
    xmlStructuredErrorFunc serror;
    void *sctx;
    xmlGenericErrorFunc generic;
    void *gctx;
};

static void xr_error_cb(void *ctx, xmlErrorPtr e);

static void xr_enter(struct fc_xr *x, struct xr_saved *sv)
{
    sv->serror = xmlStructuredError;
    sv->sctx = xmlStructuredErrorContext;
    sv->generic = xmlGenericError;
    sv->gctx = xmlGenericErrorContext;
    xmlSetStructuredErrorFunc(x, xr_error_cb);
    xmlSetGenericErrorFunc(x, xr_generic_cb);
}

static void xr_leave(const struct xr_saved *sv)
{
    xmlSetStructuredErrorFunc(sv->sctx, sv->serror);
    xmlSetGenericErrorFunc(sv->gctx, sv->generic);
}

/*
 * The tree is built by libxml2's own SAX2 handlers on a push parser fed
 * 64 KB at a time; a cursor walks it in document order and frees what
 * it has passed, so memory holds the open elements and the current
 * subtree only.  (xmlTextReader does the same walk, but pushes 512 bytes
 * per parse call and rescans the unfinished CDATA section each time:
 * a quarter of the parse on WordPress feeds.)  An element is complete
 * once its end tag was seen: xr_end_cb marks it through _private, which
 * the SAX2 tree builder leaves to applications.
 */
static enum fc_status fc_xr_fail(struct fc_xr *x, struct fc_error *err);

static const char xr_closed_mark = 0;
#define XR_CLOSED ((void *)(uintptr_t)&xr_closed_mark)

static void xr_end_cb(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri)
{
    xmlParserCtxtPtr c = ctx;
    xmlNode *n = c->node;
    xmlSAX2EndElementNs(ctx, local, prefix, uri);
    if (n)
        n->_private = XR_CLOSED;
}

static bool xr_failed(const struct fc_xr *x)
{
    return x->io_status != FC_OK || x->have_perr || x->warn_status != FC_OK || x->halted;
}

/* Parse the next piece of input; false at the end of the document or
 * after an error. */
static bool xr_pump(struct fc_xr *x)
{
    if (x->done || xr_failed(x))
        return false;
    const char *p = NULL;
    long n = xr_fill(x, &p);
    struct xr_saved sv;
    xr_enter(x, &sv);
    if (n > 0)
        xmlParseChunk(x->ctxt, p, (int)n, 0);
    else if (n == 0)
        xmlParseChunk(x->ctxt, NULL, 0, 1);
    xr_leave(&sv);
    if (n <= 0)
        x->done = true;
    else if (x->ctxt->instate == XML_PARSER_EOF)
        x->halted = true; /* libxml2 gave up (a limit, no memory): stop reading */
    return !xr_failed(x);
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
    fc_xmlfix_init(&x->fix, xr_fix_warn, x);
    x->fix.truncation_is_error = !(x->opt->flags & FC_OPT_KEEP_GOING);
    if (!(x->chunk = malloc(XR_CHUNK)))
        return fc_nomem(err);
    xmlSAXVersion(&x->sax, 2);
    x->sax.endElementNs = xr_end_cb;
    /* Errors reach xr_error_cb through the handlers xr_enter installs
     * around every parse call (some come before the context exists). */
    /* The first bytes go in with the context: encoding detection. */
    const char *p = NULL;
    long n = xr_fill(x, &p);
    if (n > 4) {
        x->fix.out_pos -= (size_t)(n - 4);
        n = 4;
    }
    struct xr_saved sv;
    xr_enter(x, &sv);
    if (n >= 0)
        x->ctxt = xmlCreatePushParserCtxt(&x->sax, NULL, p, (int)n, NULL);
    if (x->ctxt) {
        x->ctxt->_private = x;
        x->ctxt->linenumbers = 1;
        x->ctxt->dictNames = 1;
        xmlCtxtUseOptions(x->ctxt, options);
    }
    xr_leave(&sv);
    if (!x->ctxt || xr_failed(x))
        return fc_xr_fail(x, err);
    return FC_OK;
}

void fc_xr_close(struct fc_xr *x)
{
    if (x->ctxt) {
        if (x->ctxt->myDoc)
            xmlFreeDoc(x->ctxt->myDoc);
        x->ctxt->myDoc = NULL;
        xmlFreeParserCtxt(x->ctxt);
    }
    x->ctxt = NULL;
    fc_xmlfix_free(&x->fix);
    free(x->chunk);
    x->chunk = NULL;
}

/* The error that stopped the parse, most specific first. */
static enum fc_status fc_xr_fail(struct fc_xr *x, struct fc_error *err)
{
    if (x->io_status != FC_OK) {
        if (err)
            *err = x->io_err;
        return x->io_status;
    }
    if (x->have_perr) {
        /* The streaming parser reports a document cut short inside an
         * element as "Extra content at the end"; say what happened. */
        if (x->perr_xml_code == XML_ERR_DOCUMENT_END && x->ctxt && x->ctxt->nodeNr > 0)
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
    if (!x->ctxt)
        return fc_nomem(err);
    int line = x->ctxt->input ? x->ctxt->input->line : 0;
    int col = x->ctxt->input ? x->ctxt->input->col : 0;
    return fc_fail(err, FC_EPARSE, x->file, line > 0 ? (unsigned long)line : 0,
                   col > 0 ? (unsigned long)col : 0, "malformed XML");
}

static bool xr_closed(const xmlNode *n)
{
    return n->_private == XR_CLOSED;
}

static int xr_node_type(const xmlNode *n)
{
    switch (n->type) {
    case XML_ELEMENT_NODE:
        return XML_READER_TYPE_ELEMENT;
    case XML_TEXT_NODE:
        return XML_READER_TYPE_TEXT;
    case XML_CDATA_SECTION_NODE:
        return XML_READER_TYPE_CDATA;
    case XML_ENTITY_REF_NODE:
        return XML_READER_TYPE_ENTITY_REFERENCE;
    case XML_PI_NODE:
        return XML_READER_TYPE_PROCESSING_INSTRUCTION;
    case XML_COMMENT_NODE:
        return XML_READER_TYPE_COMMENT;
    case XML_DTD_NODE:
        return XML_READER_TYPE_DOCUMENT_TYPE;
    default:
        return XML_READER_TYPE_NONE;
    }
}

/* A node the cursor has left: out of the tree.  The DTD stays (entity
 * references point into it) and so does anything still open. */
static void xr_drop(xmlNode *n)
{
    if (!n || n->type == XML_DTD_NODE || (n->type == XML_ELEMENT_NODE && !xr_closed(n)))
        return;
    xmlUnlinkNode(n);
    xmlFreeNode(n);
}

/* Is the list n belongs to (children of its parent, or of the document)
 * complete? */
static bool xr_parent_done(const struct fc_xr *x, const xmlNode *n)
{
    const xmlNode *p = n->parent;
    if (!p || p->type == XML_DOCUMENT_NODE)
        return x->done;
    return xr_closed(p);
}

/* Move past node n (done with it and its subtree): to its next sibling,
 * or to the end tag of its parent. */
static void xr_after(struct fc_xr *x, xmlNode *n, bool *more)
{
    while (!n->next && !xr_parent_done(x, n))
        if (!xr_pump(x))
            return;
    if (n->next) {
        x->cur = n->next;
        x->cur_type = xr_node_type(x->cur);
    } else if (n->parent && n->parent->type != XML_DOCUMENT_NODE) {
        x->cur = n->parent;
        x->cur_type = XML_READER_TYPE_END_ELEMENT;
        x->depth--;
    } else {
        x->cur = NULL;
        *more = false;
    }
    xr_drop(n);
}

static enum fc_status xr_status(struct fc_xr *x, bool *more, struct fc_error *err)
{
    if (xr_failed(x)) {
        *more = false;
        return fc_xr_fail(x, err);
    }
    return FC_OK;
}

enum fc_status fc_xr_read(struct fc_xr *x, bool *more, struct fc_error *err)
{
    *more = true;
    if (!x->started) {
        x->started = true;
        while (!x->ctxt->myDoc || !x->ctxt->myDoc->children)
            if (!xr_pump(x))
                break;
        if (x->ctxt->myDoc && x->ctxt->myDoc->children) {
            x->cur = x->ctxt->myDoc->children;
            x->cur_type = xr_node_type(x->cur);
            x->depth = 0;
        } else {
            *more = false;
        }
        return xr_status(x, more, err);
    }
    xmlNode *n = x->cur;
    if (!n) {
        *more = false;
        return xr_status(x, more, err);
    }
    if (x->cur_type == XML_READER_TYPE_ELEMENT) {
        while (!n->children && !xr_closed(n))
            if (!xr_pump(x))
                return xr_status(x, more, err);
        if (n->children) {
            x->cur = n->children;
            x->cur_type = xr_node_type(x->cur);
            x->depth++;
            return xr_status(x, more, err);
        }
    }
    xr_after(x, n, more);
    return xr_status(x, more, err);
}

/* The current element complete, with its subtree. */
static bool xr_complete(struct fc_xr *x)
{
    xmlNode *n = x->cur;
    if (!n || x->cur_type != XML_READER_TYPE_ELEMENT)
        return true;
    while (!xr_closed(n))
        if (!xr_pump(x))
            return false;
    return true;
}

enum fc_status fc_xr_next(struct fc_xr *x, bool *more, struct fc_error *err)
{
    *more = true;
    if (!x->started)
        return fc_xr_read(x, more, err);
    if (!x->cur) {
        *more = false;
        return xr_status(x, more, err);
    }
    if (xr_complete(x))
        xr_after(x, x->cur, more);
    return xr_status(x, more, err);
}

enum fc_status fc_xr_expand(struct fc_xr *x, xmlNode **node, struct fc_error *err)
{
    *node = NULL;
    if (!x->cur || !xr_complete(x) || xr_failed(x))
        return fc_xr_fail(x, err);
    *node = x->cur;
    return FC_OK;
}

bool fc_xr_is_empty(struct fc_xr *x)
{
    xmlNode *n = x->cur;
    if (!n || x->cur_type != XML_READER_TYPE_ELEMENT)
        return false;
    /* A first child or the end tag decides: never the whole subtree (the
     * root's would be the whole document). */
    while (!n->children && !xr_closed(n))
        if (!xr_pump(x))
            break;
    return !n->children;
}

int fc_xr_type(struct fc_xr *x)
{
    return x->cur ? x->cur_type : XML_READER_TYPE_NONE;
}

int fc_xr_depth(struct fc_xr *x)
{
    return x->depth;
}

const char *fc_xr_name(struct fc_xr *x)
{
    return x->cur && x->cur->type == XML_ELEMENT_NODE ? (const char *)x->cur->name : NULL;
}

const char *fc_xr_ns(struct fc_xr *x)
{
    return x->cur ? fc_xml_ns(x->cur) : NULL;
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
    *out = NULL;
    if (!x->cur || x->cur->type != XML_ELEMENT_NODE)
        return FC_OK;
    return fc_xml_attr(a, x->cur, ns, name, out, err);
}

unsigned long fc_xr_line(struct fc_xr *x)
{
    return x->cur ? fc_xml_line(x->cur) : 0;
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
    fc_buf_init(&w->names);
    fc_buf_init(&w->tmp);
}

void fc_xw_free(struct fc_xw *w)
{
    for (size_t i = 0; i < w->nns; i++)
        free(w->ns[i].prefix);
    fc_buf_free(&w->names);
    fc_buf_free(&w->tmp);
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

const char *fc_xw_prefix(const struct fc_xw *w, const char *uri, bool allow_default)
{
    if (strcmp(uri, FC_NS_XML) == 0)
        return "xml";
    for (size_t i = w->nns; i-- > 0;) {
        const char *p = w->ns[i].prefix;
        if (strcmp(w->ns[i].uri, uri) != 0 || (!allow_default && !*p))
            continue;
        const char *now = xw_bound(w, p); /* not shadowed further in */
        if (now && strcmp(now, uri) == 0)
            return p;
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
    d->prefix = block;
    d->uri = block + lp + 1;
    d->depth = w->depth;
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
    xw_escape(w, s, n, false);
}

/* Characters XML 1.0 cannot carry at all (CDATA has no escapes). */
/* No character CDATA cannot carry (controls other than \t \n \r). */
static bool cdata_safe(const char *s, size_t n)
{
    return fc_scan((const unsigned char *)s, 0, n, FC_SCAN_WS, 1, 1, 1) == n;
}

void fc_xw_cdata(struct fc_xw *w, const char *s, size_t n)
{
    if (!s || xw_bad(w))
        return;
    if (n == (size_t)-1)
        n = strlen(s);
    if (n == 0)
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
        free(w->ns[--w->nns].prefix);
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
            ns_eq(a->ns, b->ns))
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
