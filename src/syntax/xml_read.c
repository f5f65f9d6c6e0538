/*
 * xml_read.c - the streaming reader of xml_read.h: libxml2's push parser
 * over struct fc_input behind the repair filter (xmlfix.c), safe options,
 * errors with positions, and a cursor over the tree it builds.
 */
#include "syntax/xml_read.h"

#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/valid.h>
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
 * The tree is built by SAX2 handlers (ours below, or libxml2's when the
 * document has a DTD) on a push parser fed 64 KB at a time; a cursor walks it in document order and
 * frees what it has passed, so memory holds the open elements and the current subtree only.
 * (xmlTextReader does the same walk, but pushes 512 bytes per parse call and rescans the unfinished
 * CDATA section each time: a quarter of the parse on WordPress feeds.)  An element is complete once
 * its end tag was seen: xr_end_cb marks it through _private, which libxml2's tree builder leaves to
 * applications.
 */
static enum fc_status xr_fail(struct fc_xr *x, struct fc_error *err);

/*
 * The tree builder for documents without a DTD.  libxml2's SAX2 handlers
 * spend most of the tree's cost in malloc and free (a node, a string per
 * text piece, a realloc as text grows, then a free of each); here nodes,
 * attributes and namespaces are cells of slabs recycled through a free
 * list, and text is appended to blocks that are reused once every text in
 * them is freed.  The nodes are the ones SAX2.c builds, field for field,
 * so xml_node.c and libxml2's readers of trees (xmlNodeDump, xmlGetNsList,
 * xmlGetLineNo, xmlGetNsProp) see no difference.  Anything libxml2 itself
 * creates in such a tree (comments, processing instructions, namespaces
 * that fc_xml_dump adds) is libxml2's and is freed by it.
 */
union xr_cell {
    union xr_cell *next; /* while free */
    xmlNode node;
    xmlAttr attr;
    xmlNs ns;
};

#define XR_SLAB_CELLS 256

struct xr_slab {
    struct xr_slab *next;
    union xr_cell cells[XR_SLAB_CELLS];
};

/* Text: a shared block is filled in order and reset when its last text is
 * freed; a text past XR_OWN_MIN gets a block of its own that grows with it. */
struct xr_blk {
    struct xr_blk *next; /* in the spare list */
    size_t refs;         /* live texts in the block */
    size_t used, cap;
    bool own;
    char data[];
};

#define XR_BLK_CAP ((size_t)64 << 10)
#define XR_OWN_MIN ((size_t)16 << 10)
#define XR_SPARE_MAX 4

/* xmlNs._private of the namespaces the reader built. */
static const char xr_ns_mark = 0;
#define XR_NS_OURS ((void *)(uintptr_t)&xr_ns_mark)

/* An allocation failure inside a SAX callback: the read fails with
 * FC_ENOMEM and the parser stops. */
static void xr_sax_nomem(struct fc_xr *x)
{
    if (x->io_status == FC_OK)
        x->io_status = fc_nomem(&x->io_err);
    xmlStopParser(x->ctxt);
}

static void *xr_cell(struct fc_xr *x)
{
    union xr_cell *c = x->cells;
    if (!c) {
        struct xr_slab *s = malloc(sizeof *s);
        if (!s) {
            xr_sax_nomem(x);
            return NULL;
        }
        s->next = x->slabs;
        x->slabs = s;
        for (size_t i = 0; i < XR_SLAB_CELLS; i++)
            s->cells[i].next = i + 1 < XR_SLAB_CELLS ? &s->cells[i + 1] : NULL;
        c = s->cells;
    }
    x->cells = c->next;
    memset(c, 0, sizeof *c);
    return c;
}

static void xr_cell_put(struct fc_xr *x, void *p)
{
    union xr_cell *c = p;
    c->next = x->cells;
    x->cells = c;
}

/* A block out of use: kept for reuse or freed. */
static void xr_blk_release(struct fc_xr *x, struct xr_blk *b)
{
    if (b->own || x->nspare >= XR_SPARE_MAX) {
        free(b);
        return;
    }
    b->used = 0;
    b->next = x->spare;
    x->spare = b;
    x->nspare++;
}

static void xr_blk_unref(struct fc_xr *x, struct xr_blk *b)
{
    if (--b->refs > 0)
        return;
    if (b == x->blk)
        b->used = 0; /* empty: filled again from the start */
    else
        xr_blk_release(x, b);
}

/* n bytes for a text; its block at *bp (one more reference). */
static char *xr_text_space(struct fc_xr *x, size_t n, struct xr_blk **bp)
{
    struct xr_blk *b;
    if (n > XR_OWN_MIN) {
        if (!(b = malloc(sizeof *b + n))) {
            xr_sax_nomem(x);
            return NULL;
        }
        b->own = true;
        b->cap = n;
        b->used = n;
        b->refs = 1;
        *bp = b;
        return b->data;
    }
    b = x->blk;
    if (!b || b->cap - b->used < n) {
        if (x->spare) {
            b = x->spare;
            x->spare = b->next;
            x->nspare--;
        } else if (!(b = malloc(sizeof *b + XR_BLK_CAP))) {
            xr_sax_nomem(x);
            return NULL;
        } else {
            b->own = false;
            b->cap = XR_BLK_CAP;
            b->used = 0;
            b->refs = 0;
        }
        struct xr_blk *old = x->blk;
        x->blk = b;
        if (old && old->refs == 0)
            xr_blk_release(x, old);
    }
    char *p = b->data + b->used;
    b->used += n;
    b->refs++;
    *bp = b;
    return p;
}

/* Line numbers as SAX2.c sets them (XML_PARSE_BIG_LINES: a text node
 * keeps lines past 65535 in psvi, where xmlGetLineNo looks). */
static void xr_set_line(xmlParserCtxtPtr c, xmlNode *n, bool text)
{
    if (!c->input)
        return;
    if (c->input->line < USHRT_MAX) {
        n->line = (unsigned short)c->input->line;
    } else {
        n->line = USHRT_MAX;
        if (text)
            n->psvi = (void *)(ptrdiff_t)c->input->line;
    }
}

/* n appended to parent's children. */
static void xr_append(xmlNode *parent, xmlNode *n)
{
    n->parent = parent;
    if (parent->last) {
        parent->last->next = n;
        n->prev = parent->last;
    } else {
        parent->children = n;
    }
    parent->last = n;
}

/* A text node holding s[0..len) (xmlSAX2TextNode). */
static xmlNode *xr_text_node(struct fc_xr *x, const xmlChar *s, size_t len)
{
    xmlNode *t = xr_cell(x);
    struct xr_blk *b;
    char *p = t ? xr_text_space(x, len + 1, &b) : NULL;
    if (!p) {
        if (t)
            xr_cell_put(x, t);
        return NULL;
    }
    memcpy(p, s, len);
    p[len] = '\0';
    t->type = XML_TEXT_NODE;
    t->name = xmlStringText;
    t->content = (xmlChar *)p;
    t->doc = x->ctxt->myDoc;
    t->extra = XR_OURS;
    t->_private = b;
    return t;
}

/* Text appended to text node t of length x->tlen. */
static void xr_text_append(struct fc_xr *x, xmlNode *t, const xmlChar *s, size_t len)
{
    struct xr_blk *b = t->_private;
    char *old = (char *)t->content;
    size_t need = x->tlen + len + 1;
    if (b->own) {
        if (need > b->cap) {
            size_t cap = need * 2;
            struct xr_blk *nb = realloc(b, sizeof *nb + cap);
            if (!nb) {
                xr_sax_nomem(x);
                return;
            }
            nb->cap = cap;
            t->_private = b = nb;
            t->content = (xmlChar *)nb->data;
        }
        b->used = need;
    } else if (b == x->blk && old + x->tlen + 1 == b->data + b->used && b->cap - b->used >= len) {
        b->used += len;
    } else {
        struct xr_blk *nb;
        char *p = xr_text_space(x, need > XR_OWN_MIN ? need * 2 : need, &nb);
        if (!p)
            return;
        if (nb->own)
            nb->used = need;
        memcpy(p, old, x->tlen);
        t->content = (xmlChar *)p;
        t->_private = nb;
        xr_blk_unref(x, b);
    }
    memcpy(t->content + x->tlen, s, len);
    x->tlen += len;
    t->content[x->tlen] = '\0';
}

/* An error raised the way libxml2 raises it for the parser context, to
 * xr_error_cb. */
static void xr_error_cb(void *ctx, xmlErrorPtr e);

static void xr_raise(struct fc_xr *x, int domain, int code, xmlErrorLevel level, const char *msg)
{
    xmlParserCtxtPtr c = x->ctxt;
    xmlError e;
    memset(&e, 0, sizeof e);
    e.domain = domain;
    e.code = code;
    e.level = level;
    e.message = (char *)msg;
    e.ctxt = c;
    if (c->input) {
        e.line = c->input->line;
        e.int2 = c->input->col;
    }
    xr_error_cb(x, &e);
}

static void xr_text_cb(void *ctx, const xmlChar *ch, int len)
{
    xmlParserCtxtPtr c = ctx;
    struct fc_xr *x = c->_private;
    if (!x->lean) {
        xmlSAX2Characters(ctx, ch, len);
        return;
    }
    xmlNode *p = c->node;
    if (!p || len < 0)
        return;
    xmlNode *last = p->last;
    if (last && last->type == XML_TEXT_NODE && last->name == xmlStringText &&
        last->extra == XR_OURS) {
        if (last != x->tnode) {
            x->tnode = last;
            x->tlen = strlen((const char *)last->content);
        }
        /* SAX2.c's limit on a text node (no XML_PARSE_HUGE), raised as it
         * does. */
        if (x->tlen + (size_t)len > XML_MAX_TEXT_LENGTH) {
            c->errNo = XML_ERR_NO_MEMORY;
            xr_raise(x, XML_FROM_PARSER, XML_ERR_NO_MEMORY, XML_ERR_ERROR,
                     "xmlSAX2Characters: huge text node");
            c->errNo = XML_ERR_NO_MEMORY;
            c->instate = XML_PARSER_EOF;
            c->disableSAX = 1;
            return;
        }
        xr_text_append(x, last, ch, (size_t)len);
        return;
    }
    xmlNode *t = xr_text_node(x, ch, (size_t)len);
    if (!t)
        return;
    xr_set_line(c, t, true);
    xr_append(p, t);
    x->tnode = t;
    x->tlen = (size_t)len;
}

/* Does namespace d bind prefix?  The parser's prefixes and those of the
 * namespaces built here are the same dictionary strings. */
static bool xr_binds(const xmlNs *d, const xmlChar *prefix)
{
    if (!d->href)
        return false;
    if (!prefix || !d->prefix)
        return !prefix && !d->prefix;
    return d->prefix == prefix || (d->_private != XR_NS_OURS && xmlStrEqual(d->prefix, prefix));
}

/* xmlSearchNs: the namespace bound to prefix at node (its own
 * declarations, then its ancestors' declarations and namespaces). */
static xmlNs *xr_search_ns(xmlDoc *doc, xmlNode *node, const xmlChar *prefix)
{
    if (prefix && xmlStrEqual(prefix, BAD_CAST "xml"))
        return xmlSearchNs(doc, node, prefix);
    for (xmlNode *n = node; n; n = n->parent) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        for (xmlNs *d = n->nsDef; d; d = d->next)
            if (xr_binds(d, prefix))
                return d;
        if (n != node && n->ns && xr_binds(n->ns, prefix))
            return n->ns;
    }
    return NULL;
}

/* An attribute value given by the parser with '&' in it, which is
 * "&#38;" for a literal '&' (no entity substitution): decoded as
 * xmlStringLenGetNodeList does.  False when it holds another reference
 * (not in a document without a DTD); *out NULL when it is empty. */
static bool xr_attr_decode(struct fc_xr *x, const xmlChar *v, size_t len, xmlNode **out)
{
    *out = NULL;
    char *tmp = malloc(len + 1);
    if (!tmp) {
        xr_sax_nomem(x);
        return true;
    }
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        if (v[i] != '&') {
            tmp[o++] = (char)v[i];
        } else if (len - i >= 5 && memcmp(v + i, "&#38;", 5) == 0) {
            tmp[o++] = '&';
            i += 4;
        } else {
            free(tmp);
            return false;
        }
    }
    if (o > 0)
        *out = xr_text_node(x, (const xmlChar *)tmp, o);
    free(tmp);
    return true;
}

/* An attribute of the element being started (xmlSAX2AttributeNs). */
static void xr_attr(struct fc_xr *x, xmlNode *el, xmlAttr **tail, const xmlChar *name,
                    const xmlChar *prefix, const xmlChar *value, const xmlChar *end)
{
    xmlParserCtxtPtr c = x->ctxt;
    xmlNs *ns = prefix ? xr_search_ns(c->myDoc, el, prefix) : NULL;
    xmlAttr *a = xr_cell(x);
    if (!a)
        return;
    a->type = XML_ATTRIBUTE_NODE;
    a->name = name;
    a->parent = el;
    a->doc = c->myDoc;
    a->ns = ns;
    if (*tail) {
        (*tail)->next = a;
        a->prev = *tail;
    } else {
        el->properties = a;
    }
    *tail = a;
    size_t len = (size_t)(end - value);
    xmlNode *t = NULL;
    /* A value that ends at its quote is as written; one that the parser
     * rewrote (references, normalised space) ends with a NUL. */
    if (*end != 0) {
        if ((t = xr_text_node(x, value, len)) != NULL)
            xr_set_line(c, t, true);
    } else if (!xr_attr_decode(x, value, len, &t)) {
        t = xmlStringLenGetNodeList(c->myDoc, value, (int)len);
        for (xmlNode *k = t; k; k = k->next)
            k->parent = (xmlNode *)a, k->doc = a->doc, a->last = k;
        a->children = t;
        t = NULL;
    }
    if (t) {
        t->parent = (xmlNode *)a;
        a->children = a->last = t;
    }
    if (prefix == c->str_xml && xmlStrEqual(name, BAD_CAST "id")) {
        xmlChar *dup = xmlStrndup(value, (int)len);
        if (!dup) {
            xr_sax_nomem(x);
            return;
        }
        if (xmlValidateNCName(dup, 1) != 0) {
            char msg[300];
            snprintf(msg, sizeof msg, "xml:id : attribute value %s is not an NCName",
                     (const char *)dup);
            xr_raise(x, XML_FROM_DTD, XML_DTD_XMLID_VALUE, XML_ERR_ERROR, msg);
        }
        xmlAddID(&c->vctxt, c->myDoc, dup, a);
        xmlFree(dup);
    }
}

static void xr_free_tree(struct fc_xr *x, xmlNode *n);

/* A namespace declared on element n after *last (xmlNewNs). */
static xmlNs *xr_ns_def(struct fc_xr *x, xmlNode *n, xmlNs **last, const xmlChar *prefix,
                        const xmlChar *href)
{
    xmlNs *ns = xr_cell(x);
    if (!ns)
        return NULL;
    ns->type = XML_LOCAL_NAMESPACE;
    ns->href = href;
    ns->prefix = prefix;
    ns->_private = XR_NS_OURS;
    if (*last)
        (*last)->next = ns;
    else
        n->nsDef = ns;
    *last = ns;
    return ns;
}

static void xr_start_cb(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri,
                        int nb_ns, const xmlChar **nss, int nb_attrs, int nb_defaulted,
                        const xmlChar **attrs)
{
    xmlParserCtxtPtr c = ctx;
    struct fc_xr *x = c->_private;
    xmlNode *parent = c->node;
    if (!x->decided && !parent) {
        /* At the root: the DTD, if any, has been read. */
        x->decided = true;
        x->lean = c->myDoc && !c->myDoc->intSubset && !c->myDoc->extSubset && !c->html;
    }
    if (!x->lean) {
        xmlSAX2StartElementNs(ctx, local, prefix, uri, nb_ns, nss, nb_attrs, nb_defaulted, attrs);
        return;
    }
    if (prefix && !uri) { /* undeclared prefix: the qualified name, no namespace */
        const xmlChar *full = xmlDictQLookup(c->dict, prefix, local);
        if (full)
            local = full;
    }
    xmlNode *n = xr_cell(x);
    if (!n)
        return;
    xmlDoc *doc = c->myDoc;
    n->type = XML_ELEMENT_NODE;
    n->name = local;
    n->doc = doc;
    n->extra = XR_OURS;
    xr_set_line(c, n, false);
    /* Linked first, so the namespace search below sees its ancestors. */
    xr_append(parent ? parent : (xmlNode *)doc, n);
    xmlNs *last = NULL;
    for (int j = 0; j < nb_ns; j++) {
        const xmlChar *pref = nss[2 * j], *href = nss[2 * j + 1];
        /* xmlNewNs: the predefined xml prefix is never declared. */
        if (pref && xmlStrEqual(pref, BAD_CAST "xml") && xmlStrEqual(href, XML_XML_NAMESPACE))
            continue;
        xmlNs *ns = xr_ns_def(x, n, &last, pref, href);
        if (!ns)
            break;
        if (uri && prefix == pref)
            n->ns = ns;
    }
    c->nodemem = -1;
    if (nodePush(c, n) < 0) { /* too deep: the parser has stopped */
        xmlUnlinkNode(n);
        xr_free_tree(x, n);
        return;
    }
    if (uri && !n->ns) {
        n->ns = xr_search_ns(doc, parent, prefix);
        if (!n->ns && prefix && xmlStrEqual(prefix, BAD_CAST "xml"))
            n->ns = xr_search_ns(doc, n, prefix);
        if (!n->ns) { /* as SAX2.c: a namespace with no URI, warned */
            if (!(n->ns = xr_ns_def(x, n, &last, prefix, NULL)))
                return;
            char msg[300];
            if (prefix)
                snprintf(msg, sizeof msg, "Namespace prefix %s was not found",
                         (const char *)prefix);
            else
                snprintf(msg, sizeof msg, "Namespace default prefix was not found");
            xr_raise(x, XML_FROM_NAMESPACE, XML_NS_ERR_UNDEFINED_NAMESPACE, XML_ERR_WARNING, msg);
        }
    }
    if (nb_defaulted != 0 && (c->loadsubset & XML_COMPLETE_ATTRS) == 0)
        nb_attrs -= nb_defaulted;
    xmlAttr *tail = NULL;
    for (int i = 0; i < nb_attrs; i++) {
        const xmlChar **a = attrs + 5 * i;
        const xmlChar *name = a[0], *apre = a[1];
        if (apre && !a[2]) {
            const xmlChar *full = xmlDictQLookup(c->dict, apre, name);
            if (full)
                name = full, apre = NULL;
        }
        xr_attr(x, n, &tail, name, apre, a[3], a[4]);
    }
}

/* An element ends: marked complete for the cursor (libxml2's tree
 * builder leaves _private to applications). */
static const char xr_closed_mark = 0;
#define XR_CLOSED ((void *)(uintptr_t)&xr_closed_mark)

static void xr_end_cb(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri)
{
    xmlParserCtxtPtr c = ctx;
    struct fc_xr *x = c->_private;
    xmlNode *n = c->node;
    if (!x->lean) {
        xmlSAX2EndElementNs(ctx, local, prefix, uri);
    } else {
        c->nodemem = -1;
        nodePop(c);
    }
    if (n)
        n->_private = XR_CLOSED;
}

static void xr_free_attrs(struct fc_xr *x, xmlAttr *a)
{
    for (xmlAttr *next; a; a = next) {
        next = a->next;
        if (a->atype == XML_ATTRIBUTE_ID)
            xmlRemoveID(a->doc, a);
        for (xmlNode *t = a->children, *tn; t; t = tn) {
            tn = t->next;
            xr_free_tree(x, t);
        }
        xr_cell_put(x, a);
    }
}

/* Node n, out of the tree, and its subtree freed: the reader's nodes
 * back to the reader, libxml2's to libxml2. */
static void xr_free_tree(struct fc_xr *x, xmlNode *n)
{
    if (n->extra != XR_OURS) {
        xmlFreeNode(n);
        return;
    }
    if (n->type == XML_ELEMENT_NODE) {
        for (xmlNode *c = n->children, *cn; c; c = cn) {
            cn = c->next;
            xr_free_tree(x, c);
        }
        xr_free_attrs(x, n->properties);
        for (xmlNs *ns = n->nsDef, *nn; ns; ns = nn) {
            nn = ns->next;
            if (ns->_private == XR_NS_OURS)
                xr_cell_put(x, ns);
            else
                xmlFreeNs(ns);
        }
    } else { /* text (or text fc_xml_dump turned into CDATA) */
        if (n == x->tnode)
            x->tnode = NULL;
        xr_blk_unref(x, n->_private);
    }
    xr_cell_put(x, n);
}

/* The reader's nodes still in the document, before xmlFreeDoc. */
static void xr_free_all(struct fc_xr *x)
{
    xmlDoc *doc = x->ctxt ? x->ctxt->myDoc : NULL;
    for (xmlNode *c = doc ? doc->children : NULL, *cn; c; c = cn) {
        cn = c->next;
        if (c->extra == XR_OURS) {
            xmlUnlinkNode(c);
            xr_free_tree(x, c);
        }
    }
    for (struct xr_slab *s = x->slabs, *sn; s; s = sn) {
        sn = s->next;
        free(s);
    }
    x->slabs = NULL;
    x->cells = NULL;
    if (x->blk && x->blk->refs == 0)
        free(x->blk);
    x->blk = NULL;
    for (struct xr_blk *b = x->spare, *bn; b; b = bn) {
        bn = b->next;
        free(b);
    }
    x->spare = NULL;
    x->nspare = 0;
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
    x->sax.startElementNs = xr_start_cb;
    x->sax.endElementNs = xr_end_cb;
    /* One function for both, or the parser tells blanks apart. */
    x->sax.characters = xr_text_cb;
    x->sax.ignorableWhitespace = xr_text_cb;
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
    xr_free_all(x);
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
static void xr_drop(struct fc_xr *x, xmlNode *n)
{
    if (!n || n->type == XML_DTD_NODE || (n->type == XML_ELEMENT_NODE && !xr_closed(n)))
        return;
    xmlUnlinkNode(n);
    xr_free_tree(x, n);
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
    xr_drop(x, n);
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
