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
/* feedconv's own namespace (prefix "fc"): model fields a format has no
 * element for, and fc:synthetic marks on what a writer made up. */
#define FC_NS_FEEDCONV "https://feedconv.invalid/ns/1.0"

/* The podcast and media namespaces, as writers write them.  Readers take
 * every spelling seen in the wild: see fc_xml_ns_known. */
#define FC_NS_ITUNES "http://www.itunes.com/dtds/podcast-1.0.dtd"
#define FC_NS_PODCAST "https://podcastindex.org/namespace/1.0"
#define FC_NS_MEDIA "http://search.yahoo.com/mrss/"

enum fc_xml_ns_id {
    FC_XNS_OTHER = 0,
    FC_XNS_ITUNES,  /* Apple's podcast tags */
    FC_XNS_PODCAST, /* Podcasting 2.0 */
    FC_XNS_MEDIA,   /* Media RSS */
};

/*
 * Which of the namespaces above uri is, in any spelling feeds use: http
 * or https; host and path case-insensitive (the iTunes DTD URI is often
 * written "http://www.itunes.com/DTDs/Podcast-1.0.dtd"); with or without
 * a trailing slash; the Podcasting 2.0 namespace also by its
 * documentation URL on GitHub (blob/main or blob/master).
 * FC_XNS_OTHER for anything else (NULL too).
 */
enum fc_xml_ns_id fc_xml_ns_known(const char *uri);
/* The URI writers use for a known namespace; NULL for FC_XNS_OTHER. */
const char *fc_xml_ns_uri(enum fc_xml_ns_id id);

/* Two namespace names are the same; NULL and "" both mean "no namespace". */
static inline bool fc_xml_ns_eq(const char *a, const char *b)
{
    if (!a || !*a)
        return !b || !*b;
    return b && strcmp(a, b) == 0;
}

#endif
