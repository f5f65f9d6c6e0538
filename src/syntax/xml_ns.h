/*
 * xml_ns.h - the namespace names the XML formats know by heart, and how
 * the XML module compares namespace names.
 */
#ifndef FC_SYNTAX_XML_NS_H
#define FC_SYNTAX_XML_NS_H

#include <stdbool.h>
#include <string.h>

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

/* Two namespace names are the same; NULL and "" both mean "no namespace". */
static inline bool fc_xml_ns_eq(const char *a, const char *b)
{
    if (!a || !*a)
        return !b || !*b;
    return b && strcmp(a, b) == 0;
}

#endif
