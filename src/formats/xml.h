/*
 * xml.h - what the XML formats (rss.c, atom.c) share: a safe streaming
 * reader over struct fc_input, node helpers, fc_ext <-> XML, and a small
 * XML writer over struct fc_buf with namespace scoping.
 *
 * xml.c is the only file that knows how the libxml2 reader is set up and
 * how its errors are turned into struct fc_error.  Formats still see
 * xmlNode trees (from fc_xr_expand) and walk them with the helpers below.
 *
 * Recovery: the input passes through the repair filter of util/xmlfix.h
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
 * numbers past 65535 are right.  Text helpers expand user-declared internal
 * entities themselves with a byte budget (no billion laughs).
 *
 * Positions: libxml2 keeps a line per node but no column; node positions
 * are reported with column 0 ("unknown").  Parse errors carry libxml2's
 * line and column.
 */
#ifndef FC_FORMATS_XML_H
#define FC_FORMATS_XML_H

#include "internal.h"
#include "util/xmlfix.h"

#include <libxml/tree.h>
#include <libxml/xmlreader.h>

/* Namespaces the feed formats know by heart. */
#define FC_NS_ATOM "http://www.w3.org/2005/Atom"
#define FC_NS_RDF "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define FC_NS_RSS10 "http://purl.org/rss/1.0/"
#define FC_NS_RSS090 "http://my.netscape.com/rdf/simple/0.9/"
#define FC_NS_DC "http://purl.org/dc/elements/1.1/"
#define FC_NS_DCTERMS "http://purl.org/dc/terms/"
#define FC_NS_CONTENT "http://purl.org/rss/1.0/modules/content/"
#define FC_NS_WFW "http://wellformedweb.org/CommentAPI/"
#define FC_NS_SLASH "http://purl.org/rss/1.0/modules/slash/"
#define FC_NS_SY "http://purl.org/rss/1.0/modules/syndication/"
#define FC_NS_XML "http://www.w3.org/XML/1998/namespace"
#define FC_NS_XHTML "http://www.w3.org/1999/xhtml"
#define FC_NS_XMLNS "http://www.w3.org/2000/xmlns/"

/* ------------------------------------------------------------------ */
/* Streaming reader                                                    */

/* Per-read state; lives on the reader's stack, opened by fc_xr_open. */
struct fc_xr {
    xmlParserCtxtPtr ctxt; /* push parser; libxml2's SAX2 handlers build the tree */
    xmlSAXHandler sax;
    xmlNode *cur;  /* the cursor: a node, or an element's end (cur_type) */
    int cur_type;  /* XML_READER_TYPE_* */
    int depth;     /* of cur, the root element at 0 */
    bool started;  /* the first read happened */
    bool done;     /* the parser saw the end of the input */
    bool halted;   /* the parser stopped before it */
    struct fc_input *in;
    const struct fc_options *opt;
    const char *file;         /* fc_input_name(in), for messages */
    unsigned long long total; /* bytes handed to libxml2 */
    unsigned long long max;   /* opt->max_input (or the default) */
    enum fc_status io_status; /* set by the read callback */
    struct fc_error io_err;
    bool have_perr;    /* first fatal libxml2 error seen */
    int perr_xml_code; /* its libxml2 code (xmlParserErrors) */
    struct fc_error perr;
    enum fc_status warn_status; /* FC_EWARN from a strict-mode warning */
    struct fc_error warn_err;
    struct fc_xmlfix fix; /* repairs the bytes before libxml2 (xmlfix.h) */
    char *chunk;          /* input read buffer */
    bool in_eof;
};

/* Set up a streaming reader over `in`.  FC_ENOMEM on failure.  Always
 * call fc_xr_close afterwards (also after a failure). */
enum fc_status fc_xr_open(struct fc_xr *x, struct fc_input *in, const struct fc_options *opt,
                          struct fc_error *err);
void fc_xr_close(struct fc_xr *x);

/* Advance to the next node in document order, as xmlTextReaderRead does
 * (elements, their end tags, text, comments).  *more = false at the end
 * of the document.  Errors: FC_EPARSE "not well-formed" with FILE:LINE:COL,
 * FC_EIO / FC_ELIMIT from the input, FC_EWARN in strict mode. */
enum fc_status fc_xr_read(struct fc_xr *x, bool *more, struct fc_error *err);
/* Skip the current node's subtree (xmlTextReaderNext); same contract. */
/* True when the current element has no children (<a/> or <a></a>);
 * reads only as far as its first child or its end. */
bool fc_xr_is_empty(struct fc_xr *x);
enum fc_status fc_xr_next(struct fc_xr *x, bool *more, struct fc_error *err);
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
/* Attribute of the current element (ns NULL: no namespace) into arena a;
 * *out NULL when absent.  FC_ENOMEM only. */
enum fc_status fc_xr_attr(struct fc_xr *x, struct fc_arena *a, const char *ns, const char *name,
                          const char **out, struct fc_error *err);
/* Line of the current node (1-based, 0 unknown). */
unsigned long fc_xr_line(struct fc_xr *x);

/* ------------------------------------------------------------------ */
/* Node helpers (trees from fc_xr_expand)                              */

/* True when n is an element `name` in namespace `ns` (ns NULL: none). */
bool fc_xml_is(const xmlNode *n, const char *ns, const char *name);
/* n's namespace URI, NULL when none. */
const char *fc_xml_ns(const xmlNode *n);
/* Line of a node (1-based, 0 unknown). */
unsigned long fc_xml_line(const xmlNode *n);
/* The first child element of n, the next sibling element of n. */
xmlNode *fc_xml_first(const xmlNode *n);
xmlNode *fc_xml_next(const xmlNode *n);

/* The text of element n (text, CDATA and entity children, recursively;
 * markup skipped) into arena a.  trim: strip surrounding whitespace.
 * *out is NULL when the result is empty.  FC_ENOMEM, FC_ELIMIT (entity
 * expansion past 1 MiB). */
enum fc_status fc_xml_text(struct fc_arena *a, const xmlNode *n, bool trim, const char **out,
                           struct fc_error *err);
/* True when element n has element children (e.g. unescaped HTML). */
bool fc_xml_has_elements(const xmlNode *n);
/* n's children serialised as markup (XML syntax) into arena a, trimmed;
 * *out NULL when empty.  Declarations made on the children are kept,
 * inherited ones are not, so XHTML in a default namespace comes out as
 * plain HTML tags.  For HTML carried as child elements in RSS and for
 * Atom xhtml content (pass the wrapper div). */
enum fc_status fc_xml_inner(struct fc_arena *a, const xmlNode *n, const char **out,
                            struct fc_error *err);
/* Attribute (ns, name) of element n into arena a (ns NULL: no namespace);
 * *out NULL when absent.  FC_ENOMEM only. */
enum fc_status fc_xml_attr(struct fc_arena *a, const xmlNode *n, const char *ns, const char *name,
                           const char **out, struct fc_error *err);

/* Append element n as an extension to `list`: namespace URI, prefix,
 * local name, attributes (with their namespaces, xmlns declarations left
 * out), children elements and text nodes in document order; `origin`
 * ("rss", "atom") is stored on every node of the tree (not copied: pass a
 * string literal).  Whitespace-only text beside child elements
 * (indentation) is dropped; other text is kept as is.  *out (may be NULL)
 * gets the new node.  FC_ENOMEM, FC_ELIMIT. */
enum fc_status fc_xml_to_ext(struct fc_arena *a, struct fc_list *list, const xmlNode *n,
                             const char *origin, struct fc_ext **out, struct fc_error *err);

/* ------------------------------------------------------------------ */
/* Writer                                                              */

/* An in-scope namespace declaration (private to xml.c).  The writer owns
 * its strings: one malloc'd block "prefix\0uri\0", freed when the
 * declaring element closes (a declaration on the root outlives the posts
 * whose extensions asked for it). */
struct fc_xw_ns {
    char *prefix;    /* the block; "" for the default namespace */
    const char *uri; /* inside the block; "" for an undeclaration */
    unsigned depth;  /* element depth that declared it */
};

/*
 * Writes XML into `out`.  Any failed allocation sets `oom`; calls after it
 * do nothing; check fc_xw_status() once at the end of a unit of work.
 * Strings passed in are copied or written at once (element names are
 * kept by the writer, declarations copied), so they need not outlive the
 * call.  The output is always well-formed UTF-8: text, CDATA, attribute
 * values and comments with invalid UTF-8 (or U+FFFE/U+FFFF) are written
 * with U+FFFD in place of the bad bytes; prefixes that are not XML NCNames
 * are replaced by generated ones.  Element and attribute names given to
 * fc_xw_start*, fc_xw_attr* must be valid (callers pass literals); names
 * that come from input go through fc_xw_ext, which checks them.
 * Indentation: `indent` spaces per level; inside an element that holds
 * text (mixed content), no whitespace is added.
 */
struct fc_xw {
    struct fc_buf *out;
    int indent;          /* spaces per level, 0: no newlines either */
    unsigned depth;      /* open elements */
    unsigned text_depth; /* depth of the element where text began, 0 none */
    bool open;           /* a start tag awaits its '>' */
    bool oom;
    struct fc_buf names; /* qualified names of the open elements */
    size_t *name_off;
    size_t name_cap;
    struct fc_xw_ns *ns; /* in-scope declarations, innermost last */
    size_t nns, ns_cap;
    unsigned gen;          /* counter for generated prefixes (ns1, ns2, ...) */
    struct fc_buf tmp;     /* scratch for repaired text */
    unsigned long dropped; /* fc_xw_ext parts left out (bad names); callers
                              compare it before/after to warn */
};

void fc_xw_init(struct fc_xw *w, struct fc_buf *out, int indent);
void fc_xw_free(struct fc_xw *w);
/* FC_OK, or FC_ENOMEM (filled into err) after a failed allocation. */
enum fc_status fc_xw_status(struct fc_xw *w, struct fc_error *err);

/* `<?xml version="1.0" encoding="UTF-8"?>` and a newline. */
void fc_xw_decl(struct fc_xw *w);
/* Start element `qname` (written as given; no namespace handling). */
void fc_xw_start(struct fc_xw *w, const char *qname);
/* Start element `name` in namespace `ns` (NULL: none): uses a prefix in
 * scope for ns (the default namespace too), else declares one on this
 * element (`prefix` when given and free, else a generated "nsN").  With ns
 * NULL under a default namespace, xmlns="" is declared. */
void fc_xw_start_ns(struct fc_xw *w, const char *ns, const char *prefix, const char *name);
/* Attribute on the start tag just written; value escaped.  NULL value:
 * nothing written. */
void fc_xw_attr(struct fc_xw *w, const char *qname, const char *value);
/* Namespaced attribute (ns NULL: none): a non-default prefix in scope, or
 * one declared on this start tag. */
void fc_xw_attr_ns(struct fc_xw *w, const char *ns, const char *prefix, const char *name,
                   const char *value);
/* Declare prefix -> uri on the open start tag (prefix "" = default);
 * nothing when already in scope with that binding, or when the binding
 * is not allowed (prefix not an NCName, "xml"/"xmlns" rebinding). */
void fc_xw_declare(struct fc_xw *w, const char *prefix, const char *uri);
/* The prefix bound to uri in scope (not the default one unless
 * allow_default); NULL when none.  Lent: valid while the element that
 * declared it is open. */
const char *fc_xw_prefix(const struct fc_xw *w, const char *uri, bool allow_default);
/* Make sure uri has a (non-default) prefix in scope: declares it on the
 * open start tag when needed (`prefix` when free, else generated).
 * Returns the prefix (lent, as fc_xw_prefix), NULL after oom or when
 * uri cannot be bound (the xmlns namespace). */
const char *fc_xw_ensure_ns(struct fc_xw *w, const char *uri, const char *prefix);
/* Escaped text (n bytes, or strlen when n is (size_t)-1). */
void fc_xw_text(struct fc_xw *w, const char *s, size_t n);
/* Text as CDATA sections ("]]>" split across two sections); falls back to
 * escaped text when s holds characters CDATA cannot carry. */
void fc_xw_cdata(struct fc_xw *w, const char *s, size_t n);
/* Raw bytes (already markup); the caller vouches for well-formedness. */
void fc_xw_raw(struct fc_xw *w, const char *s, size_t n);
/* A comment (a "--" inside is broken up). */
void fc_xw_comment(struct fc_xw *w, const char *s);
/* Close the innermost element (`<x/>` when it is empty). */
void fc_xw_end(struct fc_xw *w);
/* <qname>escaped text</qname>; nothing when text is NULL. */
void fc_xw_elem(struct fc_xw *w, const char *qname, const char *text);
/* Same, in namespace ns (see fc_xw_start_ns). */
void fc_xw_elem_ns(struct fc_xw *w, const char *ns, const char *prefix, const char *name,
                   const char *text);
/* Finish: a trailing newline; the writer can be reused or freed. */
void fc_xw_finish(struct fc_xw *w);

/* Write an XML-kind extension tree (element or text node) with its
 * namespaces: prefixes in scope are reused, the rest declared locally.
 * JSON-kind extensions are skipped (the caller's business); returns false
 * when e was not written for that reason.  Elements whose name is not an
 * XML NCName (or in the xmlns namespace) are left out with their subtree,
 * attributes likewise and when repeated; each one left out adds 1 to
 * w->dropped (the caller warns: nothing is lost silently).  Invalid
 * prefixes are replaced by generated ones (no loss: same namespace). */
bool fc_xw_ext(struct fc_xw *w, const struct fc_ext *e);
/* Declare on the open start tag (e.g. the root) every namespace the XML
 * extension tree e uses, with its preferred prefix when free; so that the
 * extension later writes without local declarations. */
void fc_xw_declare_ext_ns(struct fc_xw *w, const struct fc_ext *e);

#endif
