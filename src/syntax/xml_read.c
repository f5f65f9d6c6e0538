/*
 * xml_read.c - the streaming reader of xml_read.h: libxml2's push parser
 * over struct fc_input behind the repair filter (xmlfix.c), safe options,
 * errors with positions, and a cursor over the tree it builds.
 */
#include "syntax/xml_read.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>

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
    /* An entity's markup is parsed apart, on its first reference, with
     * the namespaces in scope there: an undeclared prefix is reported by
     * that parse as an error.  libxml2's tree builder then warns again,
     * about every namespaced element in it, that it finds no declaration
     * above the detached fragment: nothing is wrong with the input. */
    if (e->domain == XML_FROM_NAMESPACE && e->code == XML_NS_ERR_UNDEFINED_NAMESPACE &&
        e->level == XML_ERR_WARNING && x->ctxt && e->ctxt && e->ctxt != x->ctxt)
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
 * and the encoding detection that runs while xmlCreatePushParserCtxt
 * creates the parser, before a per-parser handler could be set.  Those go to the
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
static enum fc_status xr_fail(struct fc_xr *x, struct fc_error *err);

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
    /* No NOENT, DTDLOAD, DTDATTR or HUGE: see xml_read.h. */
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
        return xr_fail(x, err);
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
        return xr_fail(x, err);
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
        return xr_fail(x, err);
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

bool fc_xr_is(struct fc_xr *x, const char *ns, const char *name)
{
    const char *n = fc_xr_name(x);
    return fc_xr_type(x) == XML_READER_TYPE_ELEMENT && n && strcmp(n, name) == 0 &&
           fc_xml_ns_eq(ns, fc_xr_ns(x));
}

const char *fc_xr_attr(struct fc_xr *x, struct fc_arena *a, const char *ns, const char *name,
                       struct fc_sticky *s)
{
    if (!x->cur || x->cur->type != XML_ELEMENT_NODE)
        return NULL;
    return fc_xml_attr(a, x->cur, ns, name, s);
}

enum fc_status fc_xr_doctype(struct fc_xr *x, struct fc_buf *out)
{
    xmlDtd *dtd = x->ctxt && x->ctxt->myDoc ? x->ctxt->myDoc->intSubset : NULL;
    if (!dtd || !dtd->children)
        return FC_OK;
    xmlBufferPtr xb = xmlBufferCreate();
    if (!xb || xmlNodeDump(xb, x->ctxt->myDoc, (xmlNode *)dtd, 0, 0) < 0) {
        if (xb)
            xmlBufferFree(xb);
        return FC_ENOMEM;
    }
    fc_buf_add(out, (const char *)xmlBufferContent(xb), (size_t)xmlBufferLength(xb));
    fc_buf_putc(out, '\n');
    xmlBufferFree(xb);
    return out->oom ? FC_ENOMEM : FC_OK;
}

unsigned long fc_xr_line(struct fc_xr *x)
{
    return x->cur ? fc_xml_line(x->cur) : 0;
}
