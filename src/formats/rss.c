/*
 * rss.c - the RSS family.  Reads RSS 0.90, 0.91 (Netscape and UserLand),
 * 0.92-0.94, 1.0 (RDF) and 2.0 into the model; writes RSS 2.0.
 *
 * Specs: RSS 2.0.11 (rssboard.org/rss-specification), RSS 0.91/0.92
 * (backend.userland.com), RSS 1.0 (web.resource.org/rss/1.0/spec), and the
 * modules real feeds use: content, dc (purl.org/dc/elements/1.1), slash,
 * wfw, sy, and atom:link (RSS Advisory Board best practices).
 * This file: the mapping, detection and the format object; rss_read.c
 * (reader) and rss_write.c (writer) hold the two directions; the XML
 * plumbing (parser, xml:base, XHTML, sniffing, writer) is src/syntax/xml_*.
 *
 * Detection (the root, from fc_xml_sniff): <rss> 100; rdf:RDF (any
 * prefix) 100 when it declares the RSS 1.0 or 0.90 namespace, else 20; a
 * bare <channel> (Netscape RSS 0.91) 60.
 *
 * Mapping (channel)                     model (struct fc_feed)
 *   title | dc:title                    title (text)
 *   link | atom:link[rel=alternate]     home_url
 *   description | dc:description        subtitle (html when it looks like it)
 *   language | dc:language              language
 *   copyright | dc:rights               rights
 *   managingEditor / webMaster          editor / webmaster (a person, below)
 *   pubDate                             published
 *   lastBuildDate | dc:date | atom:updated  updated
 *   category@domain, dc:subject         categories (term, scheme)
 *   generator                           generator.name
 *   docs, ttl, rating                   docs, ttl, rating
 *   cloud@domain,port,path,registerProcedure,protocol   cloud
 *   image (url,title,link,width,height,description)     image
 *   textInput|textinput (title,description,name,link)   text_input
 *   skipHours/hour, skipDays/day        skip_hours, skip_days bits
 *   dc:creator / dc:contributor         authors / contributors
 *   atom:link rel=self|hub|next|other   feed_url | hubs | next_url | links
 *   atom:id, atom:icon                  id, icon
 *   rdf:RDF/channel@rdf:about           id
 *   @xml:base                           base
 *   anything else (sy:*, ...)           exts (origin "rss"), in order
 * Mapping (item)                        model (struct fc_post)
 *   guid | @rdf:about (RSS 1.0) | dc:identifier | atom:id | @rdf:about   id
 *     (a dc:identifier or atom:id that is not the id: exts, in order)
 *   guid@isPermaLink                    id_is_permalink (-1 absent)
 *   link | atom:link[alternate] | permalink guid  url
 *   atom:link[rel=related]              external_url
 *   title | dc:title                    title (text)
 *   content:encoded | xhtml:body        content_html (markup as HTML)
 *   description | dc:description        summary
 *   author, then each dc:creator not already there (same name)   authors
 *   dc:contributor                      contributors
 *   pubDate | dc:date | atom:published  published
 *   atom:updated | dcterms:modified     updated
 *   category@domain, dc:subject         categories
 *   enclosure@url,length,type (many)    attachments
 *   comments / wfw:commentRss / slash:comments   comments_url / comments_feed / comment_count
 *   source@url + text                   source (url, title)
 *   dc:language, dc:rights, @xml:base   language, rights, base
 *   other atom:link                     links
 *   anything else                       exts (origin "rss"), in order
 * The writer emits the same table backwards (first source of each row).
 * What RSS 2.0 cannot hold there goes to an element or attribute the
 * reader takes back: a relative link (no base) to atom:link
 * rel=alternate; an unparsable date to fc:rawPublished / fc:rawUpdated; a
 * repeated id, made unique ("ID#2"), to guid/@fc:id; a fraction of an
 * itunes:duration (whole seconds) to its @fc:duration.
 *
 * A person, in every element above that holds one: "email (Name)" (RSS
 * 2.0's form), "Name (email)", "Name <email>", a bare email or a bare
 * name; the last parentheses, matched, so a name keeps its own ("Jo (Jr.)");
 * parentheses with no email in or before them belong to the name.
 *
 * xml:base (XML Base; RFC 3986 resolution), unless FC_OPT_NO_XML_BASE: the
 * base in effect at an element chains the root's, the channel's, the
 * item's and its own xml:base (RSS 1.0 items stand beside the channel and
 * take the root's).  The document's own URI is unknown, so with no
 * xml:base nothing changes.  Resolved: link, docs, atom:icon, every
 * atom:link href, image url / link (/ @rdf:about), textInput link; item
 * link, comments, wfw:commentRss, enclosure@url, source@url, a guid with
 * isPermaLink="true" taken as url (the id stays as written), and href /
 * src inside description, content:encoded and xhtml:body HTML (escaped
 * HTML: util/html_urls.c; markup: as it is written out, against the
 * xml:base in effect at each element).  feed.base and post.base hold the
 * base in effect, resolved; with resolution off, xml:base as written.
 *
 * FC_OPT_KEEP_GOING: an item that cannot be converted (a limit hit inside
 * it, e.g. entities nested too deep) is skipped with a warning at its
 * line and the next one is read.  XML that is not well-formed still ends
 * the read: libxml2 cannot go on after a fatal error.
 *
 * Real-world quirks handled: elements after the items (kept, seen by
 * end()); RSS 2.0 in a default namespace (the root's namespace is taken
 * as RSS's own); HTML as unescaped child elements in description and
 * content:encoded (written as HTML like XHTML: fc_xml_html, the
 * serialiser Atom's xhtml content uses too); wfw:commentRSS misspelt;
 * skipHours "24" for midnight; a repeated single-valued element (the
 * first wins, the rest are kept as extensions); guid without isPermaLink
 * (a permalink per the spec, used as url only when it looks like one);
 * a DOCTYPE declaring entities (old RSS 1.0 feeds): internal ones expand
 * in text, attributes and HTML, markup they hold making an HTML field
 * markup; external ones are never loaded (the reference is dropped with a
 * warning); see syntax/xml_read.h for the limits.
 */
#include "formats/rss.h"

const char *const fc_rss_day_names[7] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                         "Friday", "Saturday", "Sunday"};

/* <rss>: certain.  <rdf:RDF> (any prefix): certain when it declares the
 * RSS 1.0 or 0.90 namespace, else an RDF document that may be RSS.  A
 * bare <channel> (early Netscape RSS 0.91): likely. */
static int rss_detect(const unsigned char *h, size_t n)
{
    struct fc_xml_sniff root;
    if (!fc_xml_sniff(h, n, &root))
        return 0;
    if (fc_xml_sniff_name(&root, "rss"))
        return 100;
    if (root.prefix_len && fc_xml_sniff_local(&root, "RDF"))
        return fc_xml_sniff_declares(&root, FC_NS_RSS10) ||
                       fc_xml_sniff_declares(&root, FC_NS_RSS090)
                   ? 100
                   : 20;
    if (fc_xml_sniff_name(&root, "channel"))
        return 60;
    return 0;
}

static const char *const rss_aliases[] = {"rss2", "rdf", NULL};
static const char *const rss_extensions[] = {".rss", ".rdf", NULL};

const struct fc_format fc_format_rss = {
    .name = "rss",
    .description = "RSS 2.0 (reads 0.90-0.94, 1.0)",
    .aliases = rss_aliases,
    .extensions = rss_extensions,
    .caps = FC_CAN_READ | FC_CAN_WRITE,
    .detect = rss_detect,
    .read = fc_rss_read,
    .open_writer = fc_rss_open_writer,
};
