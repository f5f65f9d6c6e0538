/*
 * xml_read.c - the streaming reader of xml_read.h: libxml2's push parser
 * over struct fc_input behind the repair filter (xmlfix.c), safe options,
 * errors with positions, and a cursor over the tree it builds.
 */
#include "syntax/xml_read.h"

#include <limits.h>
#include <pthread.h>
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

/*
 * Events.  In a lean document (no DTD: xml_read.h) the SAX handlers do not
 * touch the tree: they record what they saw, in order, into a batch, one
 * batch per parse step (a piece of input through the filter and the
 * parser), and the cursor's side builds the tree from the batch when it
 * needs the next step.  The warnings and errors of the step are events
 * too, in their places, so they are given exactly where and when the
 * parse on the calling thread gives them.  With opt->jobs > 1 the steps
 * run on a parse thread of their own, up to XR_QUEUE batches ahead:
 * the parse side owns the parser and its dictionary, the cursor's side
 * the tree, and the input and the repair filter go from one to the other
 * (struct xr_thr); names are the dictionary's strings, which never move.
 */
enum { XR_EV_START, XR_EV_END, XR_EV_TEXT, XR_EV_COMMENT, XR_EV_PI, XR_EV_DIAG, XR_EV_FIXWARN };

struct xr_ev {
    int kind;
    int line, col; /* where the parser was (line -1: no input) */
    size_t size;   /* of the record, with what follows it */
    size_t len;    /* bytes after the record (TEXT, COMMENT, PI, DIAG, FIXWARN) */
    const xmlChar *name, *prefix, *uri; /* START (name: the local name); PI: target */
    int nb_ns, nb_attrs;                /* START: nb_ns (prefix, URI) pairs, then the attributes */
    int xcode;                          /* DIAG: libxml2's code */
    bool fatal;                         /* DIAG; PI: no data */
    enum fc_status st;                  /* DIAG: the status of a fatal error */
};

/* An attribute of a START event, its value after it. */
enum { XR_AV_VERBATIM, XR_AV_DECODED, XR_AV_REFS };
struct xr_ev_attr {
    const xmlChar *name, *prefix;
    size_t len, room; /* of the value, of the space after the record */
    int how;          /* XR_AV_*: as written, "&#38;" decoded, or with other references */
};

#define XR_ALIGN(n) (((n) + 7) & ~(size_t)7)

/* The parse side after a step. */
struct xr_snap {
    bool done, halted;
    enum fc_status st;
    struct fc_error err; /* when st != FC_OK */
    int depth, line, col;
};

struct xr_batch {
    char *d;
    size_t len, cap;
    struct xr_snap end;
};

/* A piece of repaired input for the parser (a copy), with the filter's
 * warnings about it. */
struct xr_slot {
    char *d;
    size_t cap;
    long n; /* bytes, 0 at the end of the input, -1 on an error: */
    enum fc_status st;
    struct fc_error err;
    struct xr_batch warn;
    struct fc_buf cd; /* the CDATA sections set aside in it (xmlfix.h) */
};

/*
 * The parse thread: up to XR_QUEUE batches ahead of the cursor's side.
 * Reading and repairing the input (the filling side) is done by whichever
 * thread is free: the cursor's side while it waits for a batch, the parse
 * thread when it has no piece to parse; one at a time, in order, up to
 * XR_SLOTS pieces ahead.
 */
#define XR_QUEUE 3
#define XR_SLOTS 4

struct xr_thr {
    pthread_t tid;
    pthread_mutex_t mu;
    pthread_cond_t ready; /* a batch to build from */
    pthread_cond_t work;  /* for the parse thread: a batch free, a piece, stop */
    unsigned r, w, n;     /* batches: next to take, next to fill, filled */
    unsigned sr, sw, sn;  /* pieces: next to parse, next to fill, filled */
    bool filling;         /* a thread is filling */
    bool fill_over;       /* the last piece (end of input, error) is filled */
    bool stop;
    struct xr_batch q[XR_QUEUE];
    struct xr_slot slots[XR_SLOTS];
};

/* Room for n more bytes in b (first: its first size); false: no memory. */
static bool xr_batch_room(struct xr_batch *b, size_t n, size_t first)
{
    if (b->cap - b->len >= n)
        return true;
    size_t cap = b->cap ? b->cap : first;
    while (cap - b->len < n)
        cap *= 2;
    char *d = realloc(b->d, cap);
    if (!d)
        return false;
    b->d = d;
    b->cap = cap;
    return true;
}

/* An event of n bytes, aligned, at the end of b (room made). */
static struct xr_ev *xr_batch_put(struct xr_batch *b, int kind, size_t n)
{
    struct xr_ev *e = (struct xr_ev *)(void *)(b->d + b->len);
    memset(e, 0, sizeof *e);
    e->kind = kind;
    e->size = n;
    b->len += n;
    return e;
}

/* Room for n more bytes in the batch being recorded.  Parse side: no
 * memory stops the parser (the batch's snapshot carries FC_ENOMEM). */
static bool xr_rec_room(struct fc_xr *x, size_t n)
{
    if (x->p_status != FC_OK)
        return false;
    if (!xr_batch_room(x->wb, n, (size_t)16 << 10)) {
        x->p_status = fc_nomem(&x->p_err);
        xmlStopParser(x->ctxt);
        return false;
    }
    return true;
}

/* An event of n bytes (with what follows it) in the batch. */
static struct xr_ev *xr_rec(struct fc_xr *x, int kind, size_t n)
{
    n = XR_ALIGN(n);
    x->p_text = SIZE_MAX;
    if (!xr_rec_room(x, n))
        return NULL;
    struct xr_ev *e = xr_batch_put(x->wb, kind, n);
    e->line = e->col = -1;
    if (x->ctxt && x->ctxt->input) {
        e->line = x->ctxt->input->line;
        e->col = x->ctxt->input->col;
    }
    return e;
}

/* An event with bytes s[0..len) after it. */
static struct xr_ev *xr_rec_bytes(struct fc_xr *x, int kind, const void *s, size_t len)
{
    struct xr_ev *e = xr_rec(x, kind, sizeof *e + len + 1);
    if (e) {
        char *p = (char *)(e + 1);
        if (len)
            memcpy(p, s, len);
        p[len] = '\0';
        e->len = len;
    }
    return e;
}

/* Repaired bytes for the parser: read input, pass it through xmlfix.
 * Returns the bytes ready (at *p), 0 at the end of the input, -1 on an
 * error (f_status set).  The filling side: the thread that fills. */
static long xr_fill(struct fc_xr *x, const char **p, struct fc_buf *cd)
{
    struct fc_xmlfix *f = &x->fix;
    if (x->f_status != FC_OK)
        return -1;
    while (f->out_pos == fc_xmlfix_ready(f) && !x->in_eof) {
        size_t got = 0;
        fc_xmlfix_compact(f);
        enum fc_status st = fc_in_read(x->in, x->chunk, XR_CHUNK, &got, &x->f_err);
        if (st != FC_OK) {
            x->f_status = st;
            return -1;
        }
        x->total += got;
        if (x->total > x->max) {
            x->f_status = fc_fail(&x->f_err, FC_ELIMIT, x->file, 0, 0,
                                  "input larger than the limit of %llu bytes", x->max);
            return -1;
        }
        x->in_eof = got == 0;
        st = fc_xmlfix_push(f, x->chunk, got, x->in_eof);
        if (st != FC_OK) { /* FC_EWARN: f_err was filled by xr_fix_warn */
            if (st == FC_ENOMEM)
                fc_nomem(&x->f_err);
            else if (st == FC_EPARSE)
                fc_fail(&x->f_err, st, x->file, f->fail_line, f->fail_col, "%s", f->fail_msg);
            x->f_status = st;
            return -1;
        }
    }
    size_t n = fc_xmlfix_ready(f) - f->out_pos;
    if (n > XR_CHUNK)
        n = XR_CHUNK;
    if (!fc_xmlfix_take_cd(f, f->out_pos + n, cd)) {
        x->f_status = fc_nomem(&x->f_err);
        return -1;
    }
    *p = n ? f->out.data + f->out_pos : "";
    f->out_pos += n;
    return (long)n;
}

/* A repair made by the filter: a warning at its input position (in a
 * lean document an event, given when the cursor's side reaches it). */
static enum fc_status xr_fix_warn(void *ctx, unsigned long line, unsigned long col, const char *msg)
{
    struct fc_xr *x = ctx;
    if (!x->lean)
        return fc_warn(x->opt, &x->f_err, x->file, line, col, "%s", msg);
    /* Recorded where the filling side records (x->fw), without the
     * parser: it may be the other thread's. */
    size_t len = strlen(msg), n = XR_ALIGN(sizeof(struct xr_ev) + len + 1);
    if (!xr_batch_room(x->fw, n, (size_t)4 << 10))
        return FC_ENOMEM;
    struct xr_ev *e = xr_batch_put(x->fw, XR_EV_FIXWARN, n);
    e->len = len;
    e->line = line > INT_MAX ? INT_MAX : (int)line;
    e->col = col > INT_MAX ? INT_MAX : (int)col;
    memcpy(e + 1, msg, len + 1);
    return FC_OK;
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
 * prefixes, odd xmlns URIs) are warnings: real feeds have them.  The
 * cursor's side. */
static void xr_diag(struct fc_xr *x, bool fatal, int xcode, enum fc_status st, unsigned long line,
                    unsigned long col, const char *msg)
{
    if (fatal) {
        if (!x->have_perr) {
            x->have_perr = true;
            x->perr_xml_code = xcode;
            fc_fail(&x->perr, st, x->file, line, col, "not well-formed XML: %s", msg);
        }
        return;
    }
    if (x->warn_status == FC_OK) {
        struct fc_error w;
        enum fc_status ws = fc_warn(x->opt, &w, x->file, line, col, "%s", msg);
        if (ws != FC_OK) {
            x->warn_status = ws;
            x->warn_err = w;
        }
    }
}

/* An error from libxml2: on the parse side (parse_side) of a lean
 * document an event, else given at once. */
static void xr_error(struct fc_xr *x, xmlErrorPtr e, bool parse_side)
{
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
    /* raised with no parser context */
    if (line == 0 && parse_side && x->ctxt && x->ctxt->input) {
        int l = x->ctxt->input->line;
        line = l > 0 ? (unsigned long)l : 0;
    }
    /* Decoding and I/O errors end the parse whatever their level. */
    bool fatal =
        e->level == XML_ERR_FATAL || e->domain == XML_FROM_I18N || e->domain == XML_FROM_IO;
    enum fc_status st = fatal ? xr_code(e, msg) : FC_OK;
    if (parse_side && fatal)
        x->p_fatal = true;
    if (!parse_side || !x->lean) {
        xr_diag(x, fatal, e->code, st, line, col, msg);
        return;
    }
    struct xr_ev *ev = xr_rec_bytes(x, XR_EV_DIAG, msg, strlen(msg));
    if (ev) {
        ev->line = line > INT_MAX ? INT_MAX : (int)line;
        ev->col = col > INT_MAX ? INT_MAX : (int)col;
        ev->fatal = fatal;
        ev->xcode = e->code;
        ev->st = st;
    }
}

static void xr_error_cb(void *ctx, xmlErrorPtr e)
{
    xr_error(ctx, e, true);
}

/* Errors libxml2 raises while the cursor's side builds (xmlAddID). */
static void xr_build_error_cb(void *ctx, xmlErrorPtr e)
{
    struct fc_xr *x = ctx;
    if (e && x->b_line > 0) {
        e->line = x->b_line;
        e->int2 = x->b_col;
    }
    xr_error(x, e, false);
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

static void xr_enter(struct fc_xr *x, struct xr_saved *sv, xmlStructuredErrorFunc cb)
{
    sv->serror = xmlStructuredError;
    sv->sctx = xmlStructuredErrorContext;
    sv->generic = xmlGenericError;
    sv->gctx = xmlGenericErrorContext;
    xmlSetStructuredErrorFunc(x, cb);
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
static bool xr_failed(const struct fc_xr *x);

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

/* An allocation failure while building: the read fails with FC_ENOMEM
 * (and the parser stops, unless it is the parse thread's). */
static void xr_sax_nomem(struct fc_xr *x)
{
    if (x->io_status == FC_OK)
        x->io_status = fc_nomem(&x->io_err);
    if (!x->thr)
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
 * keeps lines past 65535 in psvi, where xmlGetLineNo looks); line < 0:
 * the parser had no input. */
static void xr_set_line(xmlNode *n, int line, bool text)
{
    if (line < 0)
        return;
    if (line < USHRT_MAX) {
        n->line = (unsigned short)line;
    } else {
        n->line = USHRT_MAX;
        if (text)
            n->psvi = (void *)(ptrdiff_t)line;
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

/* A text node holding s[0..len) (xmlSAX2TextNode); a comment or a
 * processing instruction with the type changed. */
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
    t->doc = x->doc;
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

/* Where the parser is (line -1: it has no input). */
static void xr_here(const xmlParserCtxt *c, int *line, int *col)
{
    *line = c->input ? c->input->line : -1;
    *col = c->input ? c->input->col : -1;
}

/* An error raised the way libxml2 raises it for the parser context, at
 * line, col (line < 0: no position). */
static void xr_raise(struct fc_xr *x, int domain, int code, xmlErrorLevel level, const char *msg,
                     int line, int col, bool parse_side)
{
    xmlError e;
    memset(&e, 0, sizeof e);
    e.domain = domain;
    e.code = code;
    e.level = level;
    e.message = (char *)msg;
    e.ctxt = x->ctxt;
    if (line >= 0) {
        e.line = line;
        e.int2 = col;
    }
    xr_error(x, &e, parse_side);
}

/* ---- the parse side: SAX handlers ---------------------------------------- */

/* An element ends: marked complete for the cursor (libxml2's tree
 * builder leaves _private to applications). */
static const char xr_closed_mark = 0;
#define XR_CLOSED ((void *)(uintptr_t)&xr_closed_mark)

static void xr_text_cb(void *ctx, const xmlChar *ch, int len)
{
    xmlParserCtxtPtr c = ctx;
    struct fc_xr *x = c->_private;
    if (!x->lean) {
        xmlSAX2Characters(ctx, ch, len);
        return;
    }
    if (!c->node || len < 0)
        return;
    /* SAX2.c's limit on a text node (no XML_PARSE_HUGE), raised as it
     * does when text is added to a text node. */
    if (x->p_tlen > 0 && x->p_tlen + (size_t)len > XML_MAX_TEXT_LENGTH) {
        int line, col;
        xr_here(c, &line, &col);
        c->errNo = XML_ERR_NO_MEMORY;
        xr_raise(x, XML_FROM_PARSER, XML_ERR_NO_MEMORY, XML_ERR_ERROR,
                 "xmlSAX2Characters: huge text node", line, col, true);
        c->errNo = XML_ERR_NO_MEMORY;
        c->instate = XML_PARSER_EOF;
        c->disableSAX = 1;
        return;
    }
    /* The parser gives long text in pieces of a few hundred bytes: one
     * event for the pieces in a row. */
    struct xr_batch *b = x->wb;
    size_t n = (size_t)len;
    if (x->p_text != SIZE_MAX) {
        struct xr_ev *e = (struct xr_ev *)(void *)(b->d + x->p_text);
        size_t size = XR_ALIGN(sizeof *e + e->len + n + 1);
        if (size > e->size && !xr_rec_room(x, size - e->size))
            return;
        e = (struct xr_ev *)(void *)(b->d + x->p_text); /* moved with the batch */
        char *p = (char *)(e + 1);
        memcpy(p + e->len, ch, n);
        e->len += n;
        p[e->len] = '\0';
        b->len = x->p_text + size;
        e->size = size;
        x->p_tlen += n;
        return;
    }
    size_t at = b->len;
    if (xr_rec_bytes(x, XR_EV_TEXT, ch, n)) {
        x->p_tlen += n;
        x->p_text = at;
    }
}

static void xr_comment_cb(void *ctx, const xmlChar *value)
{
    xmlParserCtxtPtr c = ctx;
    struct fc_xr *x = c->_private;
    if (!x->lean) {
        xmlSAX2Comment(ctx, value);
        return;
    }
    x->p_tlen = 0;
    xr_rec_bytes(x, XR_EV_COMMENT, value, value ? strlen((const char *)value) : 0);
}

/* Parse side: drop the records taken (xr_cd_text) before adding more. */
static void xr_cd_compact(struct fc_xr *x)
{
    struct fc_buf *b = &x->p_cd;
    if (x->p_cd_pos == 0)
        return;
    memmove(b->data, b->data + x->p_cd_pos, b->len - x->p_cd_pos);
    b->len -= x->p_cd_pos;
    x->p_cd_pos = 0;
}

/* The placeholder of a CDATA section set aside (xmlfix.h): its text as
 * the parser gives a section's (NOCDATA: characters, none when empty),
 * and the parser's position moved to where the section ends, as it
 * counts it there (a column a byte).  The parser has just read the
 * placeholder, which has no newline. */
static void xr_cd_text(struct fc_xr *x, xmlParserCtxtPtr c)
{
    const struct fc_xmlfix_cd *r =
        (const struct fc_xmlfix_cd *)(const void *)(x->p_cd.data + x->p_cd_pos);
    x->p_cd_pos += FC_XMLFIX_CD_SIZE(r->len);
    xmlParserInputPtr in = c->input;
    int col = in->col - (int)(sizeof FC_XMLFIX_CD_PI - 1) + 9; /* after "<![CDATA[" */
    if (r->len > 0) {
        in->col = col;
        xr_text_cb(c, (const xmlChar *)(r + 1), (int)r->len);
    }
    if (r->nl > 0) {
        in->line = r->nl > (size_t)(INT_MAX - in->line) ? INT_MAX : in->line + (int)r->nl;
        in->col = (int)r->tail + 4;
    } else {
        in->col = col + (int)r->len + 3;
    }
}

static void xr_pi_cb(void *ctx, const xmlChar *target, const xmlChar *data)
{
    xmlParserCtxtPtr c = ctx;
    struct fc_xr *x = c->_private;
    /* In content only: a PI before the root comes while the filter, ahead,
     * may have queued records already. */
    if (x->p_cd_pos < x->p_cd.len && c->node && !data &&
        strcmp((const char *)target, FC_XMLFIX_CD_TARGET) == 0) {
        xr_cd_text(x, c);
        return;
    }
    if (!x->lean) {
        xmlSAX2ProcessingInstruction(ctx, target, data);
        return;
    }
    x->p_tlen = 0;
    const xmlChar *name = xmlDictLookup(c->dict, target, -1); /* as xmlNewDocPI */
    if (!name) {
        x->p_status = fc_nomem(&x->p_err);
        xmlStopParser(c);
        return;
    }
    struct xr_ev *e = xr_rec_bytes(x, XR_EV_PI, data, data ? strlen((const char *)data) : 0);
    if (e) {
        e->name = name;
        e->fatal = !data;
    }
}

/* An attribute value the parser rewrote, with '&' in it: "&#38;" for a
 * literal '&' (no entity substitution), decoded into out as
 * xmlStringLenGetNodeList does.  False when it holds another reference
 * (not in a document without a DTD). */
static bool xr_attr_decode(const xmlChar *v, size_t len, char *out, size_t *olen)
{
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        if (v[i] != '&') {
            out[o++] = (char)v[i];
        } else if (len - i >= 5 && memcmp(v + i, "&#38;", 5) == 0) {
            out[o++] = '&';
            i += 4;
        } else {
            return false;
        }
    }
    *olen = o;
    return true;
}

static void xr_start_cb(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri,
                        int nb_ns, const xmlChar **nss, int nb_attrs, int nb_defaulted,
                        const xmlChar **attrs)
{
    xmlParserCtxtPtr c = ctx;
    struct fc_xr *x = c->_private;
    if (!x->decided && !c->node) {
        /* At the root: the DTD, if any, has been read. */
        x->decided = true;
        x->lean = c->myDoc && !c->myDoc->intSubset && !c->myDoc->extSubset && !c->html;
        if (x->lean) {
            x->doc = c->myDoc;
            x->str_xml = c->str_xml;
            x->p_dummy.type = XML_ELEMENT_NODE;
        }
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
    /* The parser's node stack keeps its depth limit (a placeholder
     * node: the tree is the cursor's side's). */
    if (nodePush(c, &x->p_dummy) < 0) /* too deep: the parser has stopped */
        return;
    x->p_tlen = 0;
    if (nb_defaulted != 0 && (c->loadsubset & XML_COMPLETE_ATTRS) == 0)
        nb_attrs -= nb_defaulted;
    size_t need = sizeof(struct xr_ev) + (size_t)nb_ns * 2 * sizeof(xmlChar *);
    for (int i = 0; i < nb_attrs; i++)
        need += sizeof(struct xr_ev_attr) + XR_ALIGN((size_t)(attrs[5 * i + 4] - attrs[5 * i + 3]));
    struct xr_ev *e = xr_rec(x, XR_EV_START, need);
    if (!e)
        return;
    e->name = local;
    e->prefix = prefix;
    e->uri = uri;
    e->nb_ns = nb_ns;
    e->nb_attrs = nb_attrs;
    const xmlChar **ns = (const xmlChar **)(void *)(e + 1);
    if (nb_ns > 0)
        memcpy(ns, nss, (size_t)nb_ns * 2 * sizeof *ns);
    char *p = (char *)(ns + 2 * nb_ns);
    for (int i = 0; i < nb_attrs; i++) {
        const xmlChar **a = attrs + 5 * i;
        struct xr_ev_attr *av = (struct xr_ev_attr *)(void *)p;
        char *v = p + sizeof *av;
        av->name = a[0];
        av->prefix = a[1];
        if (av->prefix && !a[2]) {
            const xmlChar *full = xmlDictQLookup(c->dict, av->prefix, av->name);
            if (full)
                av->name = full, av->prefix = NULL;
        }
        size_t len = (size_t)(a[4] - a[3]);
        /* A value that ends at its quote is as written; one that the
         * parser rewrote (references, normalised space) ends with a NUL. */
        av->how = XR_AV_VERBATIM;
        av->len = len;
        if (*a[4] == 0 && xr_attr_decode(a[3], len, v, &av->len))
            av->how = XR_AV_DECODED;
        else if (*a[4] == 0)
            av->how = XR_AV_REFS;
        if (av->how != XR_AV_DECODED && len > 0)
            memcpy(v, a[3], len);
        av->room = XR_ALIGN(len);
        p = v + av->room;
    }
}

static void xr_end_cb(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri)
{
    xmlParserCtxtPtr c = ctx;
    struct fc_xr *x = c->_private;
    if (!x->lean) {
        xmlNode *n = c->node;
        xmlSAX2EndElementNs(ctx, local, prefix, uri);
        if (n)
            n->_private = XR_CLOSED;
        return;
    }
    nodePop(c);
    x->p_tlen = 0;
    xr_rec(x, XR_EV_END, sizeof(struct xr_ev));
}

/* ---- the cursor's side: the tree from the events --------------------------- */

static void xr_free_tree(struct fc_xr *x, xmlNode *n);

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

/* An attribute of the element being started (xmlSAX2AttributeNs). */
static void xr_attr(struct fc_xr *x, xmlNode *el, xmlAttr **tail, const struct xr_ev_attr *av,
                    const struct xr_ev *e)
{
    const xmlChar *name = av->name, *prefix = av->prefix;
    const xmlChar *value = (const xmlChar *)(av + 1);
    size_t len = av->len;
    xmlNs *ns = prefix ? xr_search_ns(x->doc, el, prefix) : NULL;
    xmlAttr *a = xr_cell(x);
    if (!a)
        return;
    a->type = XML_ATTRIBUTE_NODE;
    a->name = name;
    a->parent = el;
    a->doc = x->doc;
    a->ns = ns;
    if (*tail) {
        (*tail)->next = a;
        a->prev = *tail;
    } else {
        el->properties = a;
    }
    *tail = a;
    xmlNode *t = NULL;
    if (av->how == XR_AV_VERBATIM) {
        if ((t = xr_text_node(x, value, len)) != NULL)
            xr_set_line(t, e->line, true);
    } else if (av->how == XR_AV_DECODED) {
        if (len > 0)
            t = xr_text_node(x, value, len);
    } else {
        t = xmlStringLenGetNodeList(x->doc, value, (int)len);
        for (xmlNode *k = t; k; k = k->next)
            k->parent = (xmlNode *)a, k->doc = a->doc, a->last = k;
        a->children = t;
        t = NULL;
    }
    if (t) {
        t->parent = (xmlNode *)a;
        a->children = a->last = t;
    }
    if (prefix == x->str_xml && xmlStrEqual(name, BAD_CAST "id")) {
        /* The value as the parser gave it ("&#38;" for '&'). */
        size_t amps = 0;
        for (size_t i = 0; i < len; i++)
            amps += av->how == XR_AV_DECODED && value[i] == '&';
        xmlChar *dup = xmlMalloc(len + 4 * amps + 1);
        if (!dup) {
            xr_sax_nomem(x);
            return;
        }
        size_t o = 0;
        for (size_t i = 0; i < len; i++) {
            if (av->how == XR_AV_DECODED && value[i] == '&')
                memcpy(dup + o, "&#38;", 5), o += 5;
            else
                dup[o++] = value[i];
        }
        dup[o] = 0;
        if (xmlValidateNCName(dup, 1) != 0) {
            char msg[300];
            snprintf(msg, sizeof msg, "xml:id : attribute value %s is not an NCName",
                     (const char *)dup);
            xr_raise(x, XML_FROM_DTD, XML_DTD_XMLID_VALUE, XML_ERR_ERROR, msg, e->line, e->col,
                     false);
        }
        /* The table without the parser's dictionary, which is the parse
         * side's. */
        if (!x->doc->ids && !(x->doc->ids = xmlHashCreate(0))) {
            xr_sax_nomem(x);
        } else {
            /* A validation context of its own: the parser's would record
             * the error in the parser, which may be the parse thread's.
             * The error is placed at the element. */
            xmlValidCtxt v;
            memset(&v, 0, sizeof v);
            x->b_line = e->line;
            x->b_col = e->col;
            xmlAddID(&v, x->doc, dup, a);
            x->b_line = 0;
        }
        xmlFree(dup);
    }
}

static void xr_b_start(struct fc_xr *x, const struct xr_ev *e)
{
    xmlNode *parent = x->top;
    const xmlChar *prefix = e->prefix, *uri = e->uri;
    xmlNode *n = xr_cell(x);
    if (!n)
        return;
    xmlDoc *doc = x->doc;
    n->type = XML_ELEMENT_NODE;
    n->name = e->name;
    n->doc = doc;
    n->extra = XR_OURS;
    xr_set_line(n, e->line, false);
    /* Linked first, so the namespace search below sees its ancestors. */
    xr_append(parent ? parent : (xmlNode *)doc, n);
    x->top = n;
    const xmlChar *const *nss = (const xmlChar *const *)(const void *)(e + 1);
    xmlNs *last = NULL;
    for (int j = 0; j < e->nb_ns; j++) {
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
            xr_raise(x, XML_FROM_NAMESPACE, XML_NS_ERR_UNDEFINED_NAMESPACE, XML_ERR_WARNING, msg,
                     e->line, e->col, false);
        }
    }
    const char *p = (const char *)(nss + 2 * e->nb_ns);
    xmlAttr *tail = NULL;
    for (int i = 0; i < e->nb_attrs; i++) {
        const struct xr_ev_attr *av = (const struct xr_ev_attr *)(const void *)p;
        xr_attr(x, n, &tail, av, e);
        p += sizeof *av + av->room;
    }
}

static void xr_b_end(struct fc_xr *x)
{
    xmlNode *n = x->top;
    if (!n)
        return;
    n->_private = XR_CLOSED;
    x->top = n->parent && n->parent->type == XML_ELEMENT_NODE ? n->parent : NULL;
}

static void xr_b_text(struct fc_xr *x, const struct xr_ev *e)
{
    xmlNode *p = x->top;
    const xmlChar *ch = (const xmlChar *)(e + 1);
    if (!p)
        return;
    xmlNode *last = p->last;
    if (last && last->type == XML_TEXT_NODE && last->name == xmlStringText &&
        last->extra == XR_OURS) {
        if (last != x->tnode) {
            x->tnode = last;
            x->tlen = strlen((const char *)last->content);
        }
        xr_text_append(x, last, ch, e->len);
        return;
    }
    xmlNode *t = xr_text_node(x, ch, e->len);
    if (!t)
        return;
    xr_set_line(t, e->line, true);
    xr_append(p, t);
    x->tnode = t;
    x->tlen = e->len;
}

/* A comment or a processing instruction (xmlSAX2Comment,
 * xmlSAX2ProcessingInstruction), the reader's like the rest. */
static void xr_b_other(struct fc_xr *x, const struct xr_ev *e)
{
    xmlNode *n;
    if (e->kind == XR_EV_PI && e->fatal) { /* no data */
        if ((n = xr_cell(x)) != NULL) {
            n->doc = x->doc;
            n->extra = XR_OURS;
        }
    } else {
        n = xr_text_node(x, (const xmlChar *)(e + 1), e->len);
    }
    if (!n)
        return;
    if (e->kind == XR_EV_COMMENT) {
        n->type = XML_COMMENT_NODE;
        n->name = xmlStringComment;
    } else {
        n->type = XML_PI_NODE;
        n->name = e->name;
    }
    xr_set_line(n, e->line, false);
    xr_append(x->top ? x->top : (xmlNode *)x->doc, n);
}

/* The parse side after a step: taken there, applied here. */
static void xr_snap_take(struct fc_xr *x, struct xr_snap *s)
{
    s->done = x->p_done;
    s->halted = x->p_halted;
    s->st = x->p_status;
    if (s->st != FC_OK)
        s->err = x->p_err;
    s->depth = x->ctxt ? x->ctxt->nodeNr : 0;
    s->line = s->col = 0;
    if (x->ctxt && x->ctxt->input) {
        s->line = x->ctxt->input->line;
        s->col = x->ctxt->input->col;
    }
}

static void xr_snap_apply(struct fc_xr *x, const struct xr_snap *s)
{
    x->done = x->done || s->done;
    x->halted = x->halted || s->halted;
    x->snap_depth = s->depth;
    x->snap_line = s->line;
    x->snap_col = s->col;
    if (s->st != FC_OK && x->io_status == FC_OK) {
        x->io_status = s->st;
        x->io_err = s->err;
    }
}

static unsigned long xr_pos(int v)
{
    return v > 0 ? (unsigned long)v : 0;
}

/* A step's events into the tree, in order, up to the first failure; then
 * its snapshot. */
static void xr_apply(struct fc_xr *x, const struct xr_batch *b)
{
    struct xr_saved sv;
    xr_enter(x, &sv, xr_build_error_cb);
    for (size_t off = 0; off < b->len && !xr_failed(x);) {
        const struct xr_ev *e = (const struct xr_ev *)(const void *)(b->d + off);
        off += e->size;
        switch (e->kind) {
        case XR_EV_START:
            xr_b_start(x, e);
            break;
        case XR_EV_END:
            xr_b_end(x);
            break;
        case XR_EV_TEXT:
            xr_b_text(x, e);
            break;
        case XR_EV_COMMENT:
        case XR_EV_PI:
            xr_b_other(x, e);
            break;
        case XR_EV_DIAG:
            xr_diag(x, e->fatal, e->xcode, e->st, xr_pos(e->line), xr_pos(e->col),
                    (const char *)(e + 1));
            break;
        case XR_EV_FIXWARN: {
            enum fc_status st = fc_warn(x->opt, &x->io_err, x->file, xr_pos(e->line),
                                        xr_pos(e->col), "%s", (const char *)(e + 1));
            if (st != FC_OK && x->io_status == FC_OK)
                x->io_status = st == FC_ENOMEM ? fc_nomem(&x->io_err) : st;
            break;
        }
        default:
            break;
        }
    }
    xr_leave(&sv);
    xr_snap_apply(x, &b->end);
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
        /* While the parse thread runs, the dictionary is its own:
         * xmlFreeNode would look into it.  The only nodes of libxml2's
         * in a lean document are comments and processing instructions
         * before the root (xmlNewDocComment, xmlNewDocPI: content copied,
         * a PI's target from the dictionary). */
        if (x->thr && (n->type == XML_COMMENT_NODE || n->type == XML_PI_NODE)) {
            if (n->type == XML_PI_NODE && !(n->doc && n->doc->dict))
                xmlFree((xmlChar *)n->name);
            xmlFree(n->content);
            xmlFree(n);
            return;
        }
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
    } else { /* text (or text fc_xml_dump turned into CDATA), comment, PI */
        if (n == x->tnode)
            x->tnode = NULL;
        if (n->_private)
            xr_blk_unref(x, n->_private);
    }
    xr_cell_put(x, n);
}

/* The reader's nodes still in the document, before xmlFreeDoc. */
static void xr_free_all(struct fc_xr *x)
{
    xmlDoc *doc = x->ctxt ? x->ctxt->myDoc : NULL;
    x->top = NULL;
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

/* Parse side: n bytes at p through the parser (0: the end; -1: the
 * filling side's error st, err). */
static void xr_parse(struct fc_xr *x, const char *p, long n, enum fc_status st,
                     const struct fc_error *err)
{
    if (n < 0 && x->p_status == FC_OK) {
        x->p_status = st;
        x->p_err = *err;
    }
    struct xr_saved sv;
    xr_enter(x, &sv, xr_error_cb);
    if (n > 0)
        xmlParseChunk(x->ctxt, p, (int)n, 0);
    else if (n == 0)
        xmlParseChunk(x->ctxt, NULL, 0, 1);
    xr_leave(&sv);
    if (n <= 0)
        x->p_done = true;
    else if (x->ctxt->instate == XML_PARSER_EOF)
        x->p_halted = true; /* libxml2 gave up (a limit, no memory): stop reading */
}

/* A step on this thread: the next piece of input through the filter and
 * the parser, recorded in x->sb. */
static void xr_step(struct fc_xr *x)
{
    const char *p = NULL;
    x->p_text = SIZE_MAX;
    x->fw = x->wb = x->sb;
    xr_cd_compact(x);
    long n = xr_fill(x, &p, &x->p_cd);
    xr_parse(x, p, n, x->f_status, &x->f_err);
}

/* Parse side: nothing more to parse. */
static bool xr_p_over(const struct fc_xr *x)
{
    return x->p_done || x->p_halted || x->p_fatal || x->p_status != FC_OK;
}

/* Fill the next piece; called with t->mu held, which it lets go of while
 * it reads and repairs. */
static void xr_fill_locked(struct fc_xr *x, struct xr_thr *t)
{
    struct xr_slot *s = &t->slots[t->sw];
    t->filling = true;
    pthread_mutex_unlock(&t->mu);
    const char *p = NULL;
    s->warn.len = 0;
    s->cd.len = 0;
    x->fw = &s->warn;
    s->n = xr_fill(x, &p, &s->cd);
    s->st = x->f_status;
    if (s->n < 0) {
        s->err = x->f_err;
    } else if (s->n > 0) { /* p is the filter's, until its next piece */
        if (s->cap < (size_t)s->n) {
            char *d = realloc(s->d, XR_CHUNK);
            if (!d) {
                s->n = -1;
                s->st = fc_nomem(&s->err);
            } else {
                s->d = d;
                s->cap = XR_CHUNK;
            }
        }
        if (s->n > 0)
            memcpy(s->d, p, (size_t)s->n);
    }
    pthread_mutex_lock(&t->mu);
    t->sw = (t->sw + 1) % XR_SLOTS;
    t->sn++;
    t->filling = false;
    if (s->n <= 0)
        t->fill_over = true;
    pthread_cond_signal(&t->work);
}

static void *xr_thread_main(void *arg)
{
    struct fc_xr *x = arg;
    struct xr_thr *t = x->thr;
    pthread_mutex_lock(&t->mu);
    for (;;) {
        while (!t->stop && (t->n == XR_QUEUE || (t->sn == 0 && (t->filling || t->fill_over))))
            pthread_cond_wait(&t->work, &t->mu);
        if (t->stop)
            break;
        if (t->sn == 0) {
            xr_fill_locked(x, t);
            continue;
        }
        struct xr_slot *s = &t->slots[t->sr];
        struct xr_batch *b = &t->q[t->w];
        pthread_mutex_unlock(&t->mu);
        b->len = 0;
        x->wb = b;
        x->p_text = SIZE_MAX;
        if (s->warn.len > 0 && xr_rec_room(x, s->warn.len)) { /* the filter's warnings first */
            memcpy(b->d, s->warn.d, s->warn.len);
            b->len = s->warn.len;
        }
        xr_cd_compact(x);
        fc_buf_add(&x->p_cd, s->cd.data, s->cd.len);
        if (x->p_cd.oom && s->n > 0) {
            s->n = -1;
            s->st = fc_nomem(&s->err);
        }
        xr_parse(x, s->d, s->n, s->st, &s->err);
        xr_snap_take(x, &b->end);
        bool over = xr_p_over(x);
        pthread_mutex_lock(&t->mu);
        t->sr = (t->sr + 1) % XR_SLOTS;
        t->sn--;
        t->w = (t->w + 1) % XR_QUEUE;
        t->n++;
        pthread_cond_signal(&t->ready);
        if (over)
            break;
    }
    pthread_mutex_unlock(&t->mu);
    return NULL;
}

static void xr_thread_free(struct xr_thr *t)
{
    pthread_cond_destroy(&t->work);
    pthread_cond_destroy(&t->ready);
    pthread_mutex_destroy(&t->mu);
    for (size_t i = 0; i < XR_QUEUE; i++)
        free(t->q[i].d);
    for (size_t i = 0; i < XR_SLOTS; i++) {
        free(t->slots[i].d);
        free(t->slots[i].warn.d);
        fc_buf_free(&t->slots[i].cd);
    }
    free(t);
}

/* The rest of the parse on a thread of its own; without one (no memory,
 * no thread) it goes on here. */
static void xr_thread_start(struct fc_xr *x)
{
    struct xr_thr *t = calloc(1, sizeof *t);
    if (!t)
        return;
    if (pthread_mutex_init(&t->mu, NULL) || pthread_cond_init(&t->ready, NULL) ||
        pthread_cond_init(&t->work, NULL)) {
        /* (as in jobs.c: glibc's never fail; the ones that did start
         * hold nothing) */
        free(t);
        return;
    }
    x->thr = t;
    if (pthread_create(&t->tid, NULL, xr_thread_main, x) != 0) {
        x->thr = NULL;
        xr_thread_free(t);
    }
}

static void xr_thread_stop(struct fc_xr *x)
{
    struct xr_thr *t = x->thr;
    if (!t)
        return;
    pthread_mutex_lock(&t->mu);
    t->stop = true;
    pthread_cond_signal(&t->work);
    pthread_mutex_unlock(&t->mu);
    pthread_join(t->tid, NULL);
    x->thr = NULL;
    xr_thread_free(t);
}

/* The parse thread's next batch into the tree. */
static bool xr_take(struct fc_xr *x)
{
    struct xr_thr *t = x->thr;
    pthread_mutex_lock(&t->mu);
    while (t->n == 0) {
        if (!t->filling && !t->fill_over && t->sn < XR_SLOTS) {
            xr_fill_locked(x, t); /* rather than wait */
            continue;
        }
        pthread_cond_wait(&t->ready, &t->mu);
    }
    struct xr_batch *b = &t->q[t->r];
    pthread_mutex_unlock(&t->mu);
    xr_apply(x, b);
    pthread_mutex_lock(&t->mu);
    t->r = (t->r + 1) % XR_QUEUE;
    t->n--;
    pthread_cond_signal(&t->work);
    pthread_mutex_unlock(&t->mu);
    return !xr_failed(x);
}

/* Parse the next piece of input into the tree; false at the end of the
 * document or after an error. */
static bool xr_pump(struct fc_xr *x)
{
    if (x->done || xr_failed(x))
        return false;
    if (x->thr)
        return xr_take(x);
    x->sb->len = 0;
    xr_step(x);
    xr_snap_take(x, &x->sb->end);
    xr_apply(x, x->sb);
    /* A lean document longer than a step: the rest on the parse thread
     * (not for a small input's end: a thread costs more than that). */
    bool more = x->total > XR_CHUNK && (!x->in_eof || x->fix.out_pos < x->fix.out.len);
    if (x->lean && x->opt->jobs > 1 && more && !xr_p_over(x) && !xr_failed(x))
        xr_thread_start(x);
    return !xr_failed(x);
}

enum fc_status fc_xr_open(struct fc_xr *x, struct fc_input *in, const struct fc_options *opt,
                          struct fc_error *err)
{
    return fc_xr_open_as(x, in, opt, true, err);
}

enum fc_status fc_xr_open_as(struct fc_xr *x, struct fc_input *in, const struct fc_options *opt,
                             bool aside, struct fc_error *err)
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
    if (!(x->chunk = malloc(XR_CHUNK)) || !(x->sb = calloc(1, sizeof *x->sb)))
        return fc_nomem(err);
    x->fw = x->wb = x->sb;
    x->p_text = SIZE_MAX;
    xmlSAXVersion(&x->sax, 2);
    x->sax.startElementNs = xr_start_cb;
    x->sax.endElementNs = xr_end_cb;
    /* One function for both, or the parser tells blanks apart. */
    x->sax.characters = xr_text_cb;
    x->sax.ignorableWhitespace = xr_text_cb;
    x->sax.comment = xr_comment_cb;
    x->sax.processingInstruction = xr_pi_cb;
    /* Errors reach xr_error_cb through the handlers xr_enter installs
     * around every parse call (some come before the context exists). */
    /* The first bytes go in with the context: encoding detection. */
    const char *p = NULL;
    x->fix.cd_aside = aside;
    long n = xr_fill(x, &p, &x->p_cd);
    if (n > 4) {
        x->fix.out_pos -= (size_t)(n - 4);
        n = 4;
    }
    struct xr_saved sv;
    xr_enter(x, &sv, xr_error_cb);
    if (n >= 0)
        x->ctxt = xmlCreatePushParserCtxt(&x->sax, NULL, p, (int)n, NULL);
    if (x->ctxt) {
        x->ctxt->_private = x;
        x->ctxt->linenumbers = 1;
        x->ctxt->dictNames = 1;
        xmlCtxtUseOptions(x->ctxt, options);
    }
    xr_leave(&sv);
    if (n < 0) {
        x->p_status = x->f_status;
        x->p_err = x->f_err;
    }
    xr_snap_take(x, &x->sb->end);
    xr_snap_apply(x, &x->sb->end);
    if (!x->ctxt || xr_failed(x))
        return xr_fail(x, err);
    return FC_OK;
}

void fc_xr_close(struct fc_xr *x)
{
    xr_thread_stop(x);
    xr_free_all(x);
    if (x->ctxt) {
        if (x->ctxt->myDoc)
            xmlFreeDoc(x->ctxt->myDoc);
        x->ctxt->myDoc = NULL;
        xmlFreeParserCtxt(x->ctxt);
    }
    x->ctxt = NULL;
    fc_xmlfix_free(&x->fix);
    fc_buf_free(&x->p_cd);
    free(x->chunk);
    x->chunk = NULL;
    if (x->sb)
        free(x->sb->d);
    free(x->sb);
    x->sb = x->wb = x->fw = NULL;
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
        if (x->perr_xml_code == XML_ERR_DOCUMENT_END && x->snap_depth > 0)
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
    return fc_fail(err, FC_EPARSE, x->file, xr_pos(x->snap_line), xr_pos(x->snap_col),
                   "malformed XML");
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

/* The cursor is on a text node: it is whole once something follows it
 * (the parser gives long text in pieces, a step's at a time). */
static void xr_text_whole(struct fc_xr *x)
{
    const xmlNode *n = x->cur;
    if (n && n->type == XML_TEXT_NODE)
        while (!n->next && !xr_parent_done(x, n))
            if (!xr_pump(x))
                return;
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
    xr_text_whole(x);
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
            xr_text_whole(x);
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
