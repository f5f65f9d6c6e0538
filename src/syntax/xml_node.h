/*
 * xml_node.h - helpers over the xmlNode trees the cursor of xml_read.h
 * expands: element tests, text and attributes into arenas, XML -> fc_ext.
 */
#ifndef FC_SYNTAX_XML_NODE_H
#define FC_SYNTAX_XML_NODE_H

#include "internal.h"
#include "syntax/xml_ns.h"

#include <libxml/tree.h>

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

#endif
