/*
 * xml_write.h - a small streaming XML writer over struct fc_buf with
 * namespace scoping, fc_ext -> XML, and the check a writer makes before
 * it writes text from the model as markup.
 */
#ifndef FC_SYNTAX_XML_WRITE_H
#define FC_SYNTAX_XML_WRITE_H

#include "internal.h"
#include "syntax/xml_names.h"
#include "syntax/xml_ns.h"

/* An in-scope namespace declaration (private to xml_write.c).  The
 * writer owns its strings: one malloc'd block "prefix\0uri\0", freed
 * when the declaring element closes (a declaration on the root outlives
 * the posts whose extensions asked for it). */
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
    unsigned text_depth; /* depth of the element where text began, 0 none */
    bool open;           /* a start tag awaits its '>' */
    bool oom;
    struct fc_xml_names names; /* qualified names of the open elements */
    struct fc_xw_ns *ns;       /* in-scope declarations, innermost last */
    size_t nns, ns_cap;
    /* fc_xw_prefix's last answers (writers ask for the same few URIs,
     * as the same strings, on every element): the URI asked for and
     * its declaration, forgotten when a declaration comes or goes;
     * confirmed on the strings */
    struct fc_xw_hit {
        const char *uri;
        size_t i;
        bool allow_default;
    } hits[4];
    unsigned hit_next;
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
const char *fc_xw_prefix(struct fc_xw *w, const char *uri, bool allow_default);
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

/* ------------------------------------------------------------------ */
/* Markup check                                                        */

/* Whether text can be written as markup: a parser kept from call to call
 * (the text of every post is checked). */
struct fc_xml_check {
    struct fc_buf doc;           /* the text wrapped in one element */
    struct _xmlParserCtxt *ctxt; /* NULL until needed */
    bool oom;                    /* an allocation failed (sticky) */
};

void fc_xml_check_init(struct fc_xml_check *c);
void fc_xml_check_free(struct fc_xml_check *c);
/* True when s is well-formed, and namespace-well-formed, element content
 * (a fragment, not a document); ns: the default namespace in effect
 * around it (NULL: none).  False with c->oom set when memory runs out. */
bool fc_xml_check(struct fc_xml_check *c, const char *s, const char *ns);

#endif
