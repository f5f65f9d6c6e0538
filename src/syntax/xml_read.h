/*
 * xml_read.h - a safe streaming reader over struct fc_input: a cursor that
 * walks the document in document order and expands one element at a time
 * into an xmlNode tree (walk the tree with xml_node.h).
 *
 * xml_read.c is the only file that knows how libxml2's parser is set up
 * and how its errors are turned into struct fc_error.
 *
 * Recovery: the input passes through the repair filter of xmlfix.h
 * (unescaped & and <, HTML entities, unclosed and stray tags, junk
 * before the root, wrong encodings, truncation), each repair a warning
 * with its position; FC_EWARN ends the read in strict mode.  What the
 * filter leaves for libxml2 to find is an error (FC_EPARSE).  Positions
 * in libxml2's messages are those of the repaired bytes: lines are the
 * input's, columns may be off by the repairs earlier on the line.
 *
 * Reader safety: XML_PARSE_NONET, no entity substitution (no NOENT), no DTD
 * loading or default attributes, no XML_PARSE_HUGE (libxml2's size limits
 * stay on), CDATA merged into text (NOCDATA), XML_PARSE_BIG_LINES so line
 * numbers past 65535 are right.  The text helpers of xml_node.h expand
 * user-declared internal entities themselves with a byte budget (no
 * billion laughs).
 *
 * The tree: in a document without a DTD (nearly every feed) xml_read.c
 * builds the nodes itself, as libxml2's SAX2 handlers would (same fields,
 * names from the parser's dictionary, line numbers), from slabs and text
 * blocks it owns: such nodes carry xmlNode.extra == XR_OURS and must never
 * reach xmlFreeNode; namespaces and nodes that libxml2 functions add to
 * them later are told apart and freed by libxml2.  A document with a DTD
 * (entity references, whose replacement libxml2 parses with the same
 * handlers) gets libxml2's own tree.
 *
 * Threads: in such a document the parser's handlers only record events
 * (elements, text, comments, warnings, errors), one batch per 64 KB step,
 * and the tree is built from them where the cursor is.  With opt->jobs > 1
 * the steps after the first run on a thread of the reader's own, a few
 * batches ahead, and the input is read there or here, whichever thread is
 * idle; warnings and errors are still given on the calling thread, at the
 * same point of the walk as without the thread.  The thread is joined in
 * fc_xr_close.
 *
 * CDATA: the filter sets the sections of content aside (xmlfix.h,
 * cd_aside): libxml2 parses a placeholder, whose handler gives the text
 * as libxml2 would have given the section's and moves the parser's line
 * and column to the section's end.  Same nodes, text, positions and
 * errors as without (test_xml, fuzz_xmlread), at a fraction of libxml2's
 * cost: it checks a section a byte at a time.
 *
 * Positions: libxml2 keeps a line per node but no column; node positions
 * are reported with column 0 ("unknown").  Parse errors carry libxml2's
 * line and column.
 */
#ifndef FC_SYNTAX_XML_READ_H
#define FC_SYNTAX_XML_READ_H

#include "internal.h"
#include "syntax/xml_node.h"
#include "syntax/xmlfix.h"

#include <libxml/tree.h>
#include <libxml/xmlreader.h>

/* xmlNode.extra of the nodes the reader built (see above). */
#define XR_OURS 0x7872

struct xr_slab;
struct xr_blk;
struct xr_batch;
struct xr_thr;

/* Per-read state; lives on the reader's stack, opened by fc_xr_open. */
struct fc_xr {
    xmlParserCtxtPtr ctxt; /* push parser; SAX2 handlers build the tree */
    xmlSAXHandler sax;
    xmlNode *cur; /* the cursor: a node, or an element's end (cur_type) */
    int cur_type; /* XML_READER_TYPE_* */
    int depth;    /* of cur, the root element at 0 */
    bool started; /* the first read happened */
    bool done;    /* the parser saw the end of the input */
    bool halted;  /* the parser stopped before it */
    struct fc_input *in;
    const struct fc_options *opt;
    const char *file;         /* fc_input_name(in), for messages */
    unsigned long long total; /* bytes handed to libxml2 */
    unsigned long long max;   /* opt->max_input (or the default) */
    enum fc_status io_status; /* the input's failure (read, limit, repair) */
    struct fc_error io_err;
    bool have_perr;    /* first fatal libxml2 error seen */
    int perr_xml_code; /* its libxml2 code (xmlParserErrors) */
    struct fc_error perr;
    enum fc_status warn_status; /* FC_EWARN from a strict-mode warning */
    struct fc_error warn_err;
    struct fc_xmlfix fix; /* repairs the bytes before libxml2 (xmlfix.h) */
    char *chunk;          /* input read buffer */
    bool in_eof;
    /* The tree builder of xml_read.c (documents without a DTD): nodes,
     * attributes and namespaces from cells of slabs, text from blocks. */
    bool lean;             /* the document's tree is built here */
    bool decided;          /* the root element was seen */
    void *cells;           /* free cells */
    struct xr_slab *slabs; /* every slab, freed at close */
    struct xr_blk *blk;    /* the text block being filled */
    struct xr_blk *spare;  /* empty text blocks kept for reuse */
    unsigned nspare;
    xmlNode *tnode; /* the text node text is appended to, */
    size_t tlen;    /* and its length */
    /* Lean documents are parsed into events (struct xr_batch: the
     * parse side's SAX handlers record, the cursor's side builds the
     * tree), on a thread of their own when opt->jobs > 1. */
    xmlDoc *doc;
    const xmlChar *str_xml;  /* the parser's "xml" (a dictionary string) */
    xmlNode *top;            /* the open element the builder appends to */
    int b_line, b_col;       /* the builder's errors are here (line 0: libxml2's) */
    struct xr_batch *sb;     /* the batch of a parse step on this thread */
    struct xr_thr *thr;      /* the parse thread, once started */
    int snap_depth;          /* the parse side after its last step: */
    int snap_line, snap_col; /* open elements, position */
    /* The filling side (reading, repairing: one thread at a time). */
    struct xr_batch *fw;     /* where the filter's warnings go */
    enum fc_status f_status; /* reading, the limit, repairs */
    struct fc_error f_err;
    /* Parse side only (the parse thread's while it runs). */
    struct xr_batch *wb; /* where the handlers record */
    size_t p_tlen;       /* the text run being recorded */
    size_t p_text;       /* its last event in the batch (SIZE_MAX: none) */
    bool p_done, p_halted, p_fatal;
    enum fc_status p_status; /* the filling side's, or no memory */
    struct fc_error p_err;
    xmlNode p_dummy;    /* what the parser's node stack holds */
    struct fc_buf p_cd; /* CDATA sections set aside, for their placeholders */
    size_t p_cd_pos;    /* the next one */
};

/* Set up a streaming reader over `in`.  FC_ENOMEM on failure.  Always
 * call fc_xr_close afterwards (also after a failure). */
enum fc_status fc_xr_open(struct fc_xr *x, struct fc_input *in, const struct fc_options *opt,
                          struct fc_error *err);
void fc_xr_close(struct fc_xr *x);
/* fc_xr_open with the filter's CDATA records (xmlfix.h) on or off: the
 * same walk either way (tests compare them). */
enum fc_status fc_xr_open_as(struct fc_xr *x, struct fc_input *in, const struct fc_options *opt,
                             bool aside, struct fc_error *err);

/* Advance to the next node in document order, as xmlTextReaderRead does
 * (elements, their end tags, text, comments).  *more = false at the end
 * of the document.  Errors: FC_EPARSE "not well-formed" with FILE:LINE:COL,
 * FC_EIO / FC_ELIMIT from the input, FC_EWARN in strict mode. */
enum fc_status fc_xr_read(struct fc_xr *x, bool *more, struct fc_error *err);
/* Skip the current node's subtree (xmlTextReaderNext); same contract. */
enum fc_status fc_xr_next(struct fc_xr *x, bool *more, struct fc_error *err);
/* True when the current element has no children (<a/> or <a></a>);
 * reads only as far as its first child or its end. */
bool fc_xr_is_empty(struct fc_xr *x);
/* Build the current element's subtree; valid until the next read/next.
 * Same errors as fc_xr_read (a truncated subtree is FC_EPARSE). */
enum fc_status fc_xr_expand(struct fc_xr *x, xmlNode **node, struct fc_error *err);

/* The current node: XML_READER_TYPE_* (xmlReaderTypes), depth (root = 0). */
int fc_xr_type(struct fc_xr *x);
int fc_xr_depth(struct fc_xr *x);
/* True when the current node is a start element `name` in namespace `ns`
 * (ns NULL: no namespace). */
bool fc_xr_is(struct fc_xr *x, const char *ns, const char *name);
/* Local name / namespace URI of the current node (lent, may be NULL). */
const char *fc_xr_name(struct fc_xr *x);
const char *fc_xr_ns(struct fc_xr *x);
/* Attribute of the current element (ns NULL: no namespace), as
 * fc_xml_attr (xml_node.h): NULL when absent or after a failure recorded
 * in s. */
const char *fc_xr_attr(struct fc_xr *x, struct fc_arena *a, const char *ns, const char *name,
                       struct fc_sticky *s);
/* Line of the current node (1-based, 0 unknown). */
unsigned long fc_xr_line(struct fc_xr *x);
/* The document's internal DTD subset as written ("<!DOCTYPE ... [...]>"
 * and a newline) appended to out, nothing when it has none: what elements
 * written out with fc_xml_dump need before them to parse again when they
 * hold references to the entities declared there.  FC_ENOMEM. */
enum fc_status fc_xr_doctype(struct fc_xr *x, struct fc_buf *out);

#endif
