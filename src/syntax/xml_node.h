/*
 * xml_node.h - helpers over the xmlNode trees the cursor of xml_read.h
 * expands, for the readers' mappings: element tests, text and attributes,
 * xml:base, markup written back out (XML, or XHTML as HTML) and XML ->
 * fc_ext.
 *
 * Errors: the helpers that allocate take the reader's sticky status (see
 * struct fc_sticky).  They record their failure there (FC_ENOMEM;
 * FC_ELIMIT where said) and return NULL; once s holds a failure they do
 * nothing and return NULL, so a mapping calls them in a row and checks s
 * once.  Results live in arena a.
 *
 * xml:base (XML Base, RFC 3986 resolution) is honoured unless s->opt has
 * FC_OPT_NO_XML_BASE; the document's own URI is never known, so with no
 * xml:base in effect nothing is resolved.
 */
#ifndef FC_SYNTAX_XML_NODE_H
#define FC_SYNTAX_XML_NODE_H

#include "internal.h"
#include "syntax/xml_ns.h"

#include <libxml/tree.h>

/* ---- Element tests ------------------------------------------------- */

/* True when n is an element `name` in namespace `ns` (ns NULL: none). */
bool fc_xml_is(const xmlNode *n, const char *ns, const char *name);
/* n's namespace URI, NULL when none. */
const char *fc_xml_ns(const xmlNode *n);
/* Line of a node (1-based, 0 unknown). */
unsigned long fc_xml_line(const xmlNode *n);
/* The first child element of n, the next sibling element of n. */
xmlNode *fc_xml_first(const xmlNode *n);
xmlNode *fc_xml_next(const xmlNode *n);
/* True when element n carries fc:synthetic (the feedconv namespace) whose
 * space-separated words include `what`: "true" for an element a writer
 * made up because its format requires it, a part's name ("name",
 * "length type") for made-up parts.  Readers drop what is synthetic. */
bool fc_xml_synthetic(const xmlNode *n, const char *what);
/* True when element n has element children (e.g. unescaped HTML). */
bool fc_xml_has_elements(const xmlNode *n);
/* The same, or an entity reference among its children whose internal
 * entity holds elements (<!ENTITY more "<em>more</em>">): n's content is
 * markup. */
bool fc_xml_has_markup(const xmlNode *n);

/* ---- Text and attributes ------------------------------------------- */

/* The text of element n: its text, CDATA and entity children,
 * recursively, markup skipped; user-declared entities expanded within a
 * budget (FC_ELIMIT past 1 MiB or 16 levels).  trim: without surrounding
 * white space.  NULL when empty. */
const char *fc_xml_text(struct fc_arena *a, const xmlNode *n, bool trim, struct fc_sticky *s);
/* Attribute (ns, name) of element n (ns NULL: no namespace), entities
 * expanded as for fc_xml_text; NULL when absent, "" when empty. */
const char *fc_xml_attr(struct fc_arena *a, const xmlNode *n, const char *ns, const char *name,
                        struct fc_sticky *s);

/* ---- xml:base ------------------------------------------------------ */

/* The base URI in effect at element n, given the one in effect at its
 * parent (NULL: none): n's xml:base resolved against parent, or parent
 * when n has none.  Not resolving, n's xml:base as written. */
const char *fc_xml_base(struct fc_arena *a, const xmlNode *n, const char *parent,
                        struct fc_sticky *s);
/* The reference ref resolved against base: ref itself when ref or base
 * is NULL or when not resolving, else a new string. */
const char *fc_xml_resolve(struct fc_arena *a, const char *base, const char *ref,
                           struct fc_sticky *s);
/* href and src inside the HTML fragment html resolved against base (see
 * util/html_urls.h); html itself when nothing changes. */
const char *fc_xml_resolve_html(struct fc_arena *a, const char *base, const char *html,
                                struct fc_sticky *s);

/* ---- Markup -------------------------------------------------------- */

/* n's children written back as XML, trimmed; NULL when empty.
 * Declarations made on the children are kept, inherited ones are not.
 * For XML media content (Atom's type="application/...+xml"). */
const char *fc_xml_inner(struct fc_arena *a, const xmlNode *n, struct fc_sticky *s);
/*
 * n's children (XHTML, or HTML left unescaped in a feed) written as HTML,
 * trimmed; NULL when empty.  base: the base in effect at n.  Elements and
 * attributes keep their local names (prefixes and namespace declarations
 * go, so XHTML in any namespace reads as HTML); void elements without
 * children as "<br />", every other element with an end tag, so the
 * result is HTML and well-formed XML at once.  Text and attribute values
 * are escaped again; comments kept, processing instructions dropped.
 * href and src are resolved against the xml:base in effect at their
 * element, and xml:base attributes dropped (kept when not resolving).
 * Internal entities are expanded, markup and all, within fc_xml_text's
 * budget; other entity references are written as they are.
 * FC_ELIMIT: elements nested past 512 levels, entities past the budget.
 */
const char *fc_xml_html(struct fc_arena *a, const xmlNode *n, const char *base,
                        struct fc_sticky *s);

/* Element n as a self-contained element appended to out: the namespaces
 * in scope at n declared on it, so that it parses alone; long text with
 * markup as CDATA.  n itself is changed so (its tree is about to be
 * dropped).  Entity references stay references (see fc_xr_doctype).
 * FC_ENOMEM. */
enum fc_status fc_xml_dump(xmlNode *n, struct fc_buf *out);

/* ---- Extensions ---------------------------------------------------- */

/* Append element n as an extension to `list` and return it (NULL when n
 * is no element): namespace URI, prefix, local name, attributes (with
 * their namespaces, xmlns declarations left out), children elements and
 * text nodes in document order; `origin` ("rss", "atom") is stored on
 * every node of the tree (not copied: pass a string literal).
 * Whitespace-only text beside child elements (indentation) is dropped;
 * other text is kept as is.  FC_ELIMIT as for fc_xml_text. */
struct fc_ext *fc_xml_to_ext(struct fc_arena *a, struct fc_list *list, const xmlNode *n,
                             const char *origin, struct fc_sticky *s);

#endif
