/*
 * xml_sniff.h - what the first bytes of an XML document say about its
 * root element, without parsing: the root's name and the namespaces its
 * start tag declares.  The XML formats' detection bids are made from it.
 */
#ifndef FC_SYNTAX_XML_SNIFF_H
#define FC_SYNTAX_XML_SNIFF_H

#include <stdbool.h>
#include <stddef.h>

/* Declarations kept per start tag (feeds declare a dozen at most). */
#define FC_XML_SNIFF_MAX_NS 32

/* A namespace declaration: xmlns="uri" (prefix_len 0) or xmlns:p="uri". */
struct fc_xml_sniff_ns {
    const unsigned char *prefix, *uri;
    size_t prefix_len, uri_len; /* the value as written, references not decoded */
};

/* The root element's start tag; pointers point into the sniffed bytes. */
struct fc_xml_sniff {
    const unsigned char *name; /* qualified name, name_len bytes */
    size_t name_len;
    size_t prefix_len; /* 0: no prefix; else the local name follows a ':' */
    size_t nns;        /* declarations seen, in order (the first MAX_NS) */
    struct fc_xml_sniff_ns ns[FC_XML_SNIFF_MAX_NS];
};

/*
 * Find the root element in head[0..len): past a UTF-8 byte order mark,
 * white space, the XML declaration and other processing instructions,
 * comments and a DOCTYPE (quoted strings and the internal subset, which
 * hold '>' of their own, included).  Fills *out and returns true when a
 * start tag follows; false when other bytes come first (not XML, or not
 * UTF-8 compatible) or the bytes end before the root.  A start tag cut
 * off by the end of head yields the declarations up to the cut, the last
 * value as far as it goes.
 */
bool fc_xml_sniff(const unsigned char *head, size_t len, struct fc_xml_sniff *out);

/* The root's qualified name is qname ("rss", "rdf:RDF"). */
bool fc_xml_sniff_name(const struct fc_xml_sniff *s, const char *qname);
/* The root's local name is `local`, whatever its prefix. */
bool fc_xml_sniff_local(const struct fc_xml_sniff *s, const char *local);
/* The root's start tag declares a namespace named uri (with any prefix). */
bool fc_xml_sniff_declares(const struct fc_xml_sniff *s, const char *uri);

#endif
