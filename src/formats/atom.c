/*
 * atom.c - Atom 1.0 (RFC 4287) reader and writer; also reads Atom 0.3.
 * This file: the mapping, what both directions share, detection and the
 * format object; atom_read.c (reader) and atom_write.c (writer)
 * hold the two directions, atom.h what they share; the XML plumbing
 * (parser, xml:base, XHTML, sniffing, writer) is src/syntax/xml_*.
 *
 * Detection (the root, from fc_xml_sniff): <feed> (any prefix) declaring
 * the Atom 1.0 or 0.3 namespace 95, <entry> 80; a <feed> without it 10,
 * so that the reader, when nothing else bids, says what is missing.
 *
 * Specs: RFC 4287 (Atom 1.0), RFC 4685 (threading: thr:total, thr:count,
 * thr:in-reply-to), RFC 5023 section 13.1 (app:control/app:draft), RFC 3986
 * (xml:base resolution), the Atom 0.3 draft (http://purl.org/atom/ns#).
 *
 * Mapping (feed level)                 model
 *   id / title / subtitle (tagline)    id / title / subtitle (text kinds kept)
 *   updated (modified)                 updated
 *   rights (copyright)                 rights
 *   generator @uri(@url) @version      generator.name / uri / version
 *   icon / logo                        icon / image.url
 *   author, contributor                authors, contributors (name uri email)
 *   category @term @scheme @label      categories
 *   link rel=alternate (preferred      home_url; other alternates -> links
 *     text/html or untyped, else first)
 *   link rel=self / hub / next         feed_url / hubs / next_url
 *   link (any other rel)               links (href rel type hreflang title length)
 *   @xml:lang / @xml:base              language / base
 * Mapping (entry level)
 *   id / title / summary / rights      id / title / summary / rights
 *   published (issued) / updated       published / updated
 *     (modified)
 *   content type=text|html|xhtml       content_text / content_html / content_html
 *     (xhtml: div removed, XHTML written as HTML without prefixes; void
 *     elements as <br />, so it stays well-formed XML too; the same
 *     serialiser as RSS's xhtml:body, syntax/xml_node.c fc_xml_html)
 *   content type=MEDIA (inline)        content_type + content_text (XML media
 *     types: the child markup; others: the text, Base64 kept as is)
 *   content @src                       content_src (+ content_type)
 *   link rel=alternate                 url (as for the feed)
 *   link rel=enclosure                 attachments (url type length title)
 *   link rel=related                   external_url (first), links (rest)
 *   link rel=replies type=text/html    comments_url
 *   link rel=replies (other / none)    comments_feed; @thr:count -> comment_count
 *   thr:total                          comment_count (wins over thr:count)
 *   slash:comments / wfw:commentRss    comment_count / comments_feed (RSS
 *                                      modules seen in Atom; else kept as ext)
 *   app:control/app:draft=yes          draft
 *   source (id title updated, links    source
 *     self / alternate)
 *   anything else namespaced           exts (fc_ext, origin "atom", in order)
 * A mapped link is also kept in `links` when it carries what the named field
 * cannot (hreflang, title, length, an unexpected type); the writer writes
 * such a field once, from `links`.
 *
 * The feedconv namespace, FC_NS (prefix "fc"): model fields Atom has no
 * element for are written as foreign markup the reader maps back, so
 * RSS / JSON Feed -> Atom -> RSS / JSON Feed loses nothing:
 *   feed:  fc:published fc:ttl fc:docs fc:rating fc:description
 *          fc:userComment fc:expired fc:skipHours ("0 5 23") fc:skipDays
 *          ("Monday Sunday") fc:cloud/@domain@port@path@procedure@protocol
 *          fc:textInput/@title@description@name@link
 *          fc:image/@title@link@description@width@height (url: atom:logo)
 *          fc:editor, fc:webmaster /@name@email@uri@avatar  fc:language
 *          (a language tag atom's xml:lang cannot carry)
 *   entry: fc:slug fc:image fc:bannerImage fc:contentText (plain text beside
 *          HTML content) fc:language; fc:site, the codec's JSON (extcodec.h)
 *          of a site's post: kind, parent_id, weight, private_post, sticky,
 *          expires, aliases, comments (RFC 4685 has no element for a
 *          comment inside its entry; thr:total counts them)
 *   feed:  fc:site, the same for a site's menus and time_zone
 *   category/@fc:slug  the term's slug
 *   both:  fc:rawPublished / fc:rawUpdated (dates that did not parse),
 *          fc:json/@name@origin (a JSON-kind extension, its JSON as text)
 *   attributes: id/@fc:isPermaLink ("true"/"false"); date/@fc:precision
 *          ("year" "month" "date" "minute": the model's precision when less
 *          than seconds) and @fc:zone="floating" (no zone given: written as
 *          Z); link/@fc:duration (enclosure seconds); link/@fc:type (a type
 *          that is not a media type, e.g. a WebSub hub type); author/
 *          @fc:synthetic="name" (name made up from email/uri); person
 *          child fc:avatar, fc:email (an email RFC 4287 would reject).
 *   @fc:synthetic="true" marks an element the writer made up because
 *          RFC 4287 requires it; the reader ignores such elements.
 *
 * Required elements the model may lack (writer), deterministic rules:
 *   feed id      feed_url, else home_url, else "tag:feedconv.invalid,2005:"
 *                + the title's slug ("untitled" when none).
 *   feed title   every writer's placeholder (fc_writer_title): the home
 *                page's host, else the feed URL's, else "Untitled feed".
 *   feed updated the feed's updated; else the newest entry updated /
 *                published, else the feed's published, else
 *                1970-01-01T00:00:00Z.  Entries must follow the feed's
 *                metadata, so without a feed updated the entries are held
 *                back in a spool (4 MB in memory, then an unnamed temporary
 *                file) until end(); otherwise each entry is flushed as it
 *                comes.
 *   author       feed authors; an entry without authors (when the feed has
 *                none) gets a placeholder author named after the feed title
 *                ("unknown" when there is none).
 *   entry id     id, else url, else "tag:feedconv.invalid,2005:" + FNV-1a
 *                64 hash (hex) of title, published and content.
 *   entry title  empty.  entry updated: updated, else published, else the
 *                feed's updated, else 1970-01-01T00:00:00Z.
 *   alternate link or content: an empty text content.
 *   summary for out-of-line or Base64 content: "(content: TYPE)".
 *
 * Real-world quirks handled: type="text/html" / "text/plain" /
 * "application/xhtml+xml" on Atom 1.0 text constructs (0.3 habits),
 * unescaped markup in type="html" (serialised as HTML), a missing xhtml div
 * wrapper, rel-less links (alternate), IANA relation IRIs for rels, several
 * alternates (text/html preferred, the others kept), relative URLs under
 * nested xml:base (links, ids, icon/logo, person uris, content src, and
 * href/src inside HTML content, rewritten by util/html_urls.c, a tag
 * scanner shared with RSS that leaves every other byte alone: character
 * references decoded before resolving; raw-text bodies, comments and
 * srcset/poster not rewritten), RSS modules
 * inside Atom.  Atom 0.3's info / created have no model field: kept as
 * extensions.  Dropped with a warning: link attributes other than those
 * above (e.g. thr:updated), children of link, a thr:count that disagrees
 * with thr:total, person / source children the model has no field for.
 * Reader: a feed element after the first entry is warned about (it reaches
 * the handler's end() only).  Writer: feed metadata that first appears at
 * end() is not written (the header is already streamed).
 */
#include "formats/atom.h"

#include <string.h>

const enum fc_extcodec_member fc_atom_site_post[] = {
    FC_XM_KIND,   FC_XM_PARENT_ID, FC_XM_WEIGHT,  FC_XM_PRIVATE_POST,
    FC_XM_STICKY, FC_XM_EXPIRES,   FC_XM_ALIASES, FC_XM_COMMENTS,
};
const size_t fc_atom_site_post_len = sizeof fc_atom_site_post / sizeof fc_atom_site_post[0];
const enum fc_extcodec_member fc_atom_site_feed[] = {FC_XM_MENUS, FC_XM_TIME_ZONE};
const size_t fc_atom_site_feed_len = sizeof fc_atom_site_feed / sizeof fc_atom_site_feed[0];

const char *const fc_atom_day_names[7] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                          "Friday", "Saturday", "Sunday"};
const char *const fc_atom_precision_names[FC_TIME_MINUTE + 1] = {
    [FC_TIME_YEAR] = "year",
    [FC_TIME_MONTH] = "month",
    [FC_TIME_DATE] = "date",
    [FC_TIME_MINUTE] = "minute",
};

bool fc_atom_xml_media(const char *t)
{
    size_t n = t ? strlen(t) : 0;
    return n > 4 && (strcmp(t + n - 4, "/xml") == 0 || strcmp(t + n - 4, "+xml") == 0);
}

enum fc_atom_kind fc_atom_text_kind(const char *type)
{
    if (!type || strcmp(type, "text") == 0 || strcmp(type, "text/plain") == 0)
        return TK_TEXT;
    if (strcmp(type, "html") == 0 || strcmp(type, "text/html") == 0)
        return TK_HTML;
    if (strcmp(type, "xhtml") == 0 || strcmp(type, "application/xhtml+xml") == 0)
        return TK_XHTML;
    return TK_OTHER;
}

/* <feed> or <entry> (any prefix) declaring the Atom 1.0 or 0.3 namespace;
 * a <feed> without it bids low so that the reader can say what is wrong. */
static int atom_detect(const unsigned char *head, size_t len)
{
    struct fc_xml_sniff root;
    if (!fc_xml_sniff(head, len, &root))
        return 0;
    bool feed = fc_xml_sniff_local(&root, "feed");
    bool entry = fc_xml_sniff_local(&root, "entry");
    if (!feed && !entry)
        return 0;
    if (!fc_xml_sniff_declares(&root, FC_NS_ATOM) && !fc_xml_sniff_declares(&root, NS_ATOM03))
        return feed ? 10 : 0;
    return feed ? 95 : 80;
}

const struct fc_format fc_format_atom = {
    .name = "atom",
    .description = "Atom 1.0 (reads 0.3)",
    .aliases = (const char *const[]){"atom1", NULL},
    .extensions = (const char *const[]){".atom", NULL},
    .caps = FC_CAN_READ | FC_CAN_WRITE,
    .detect = atom_detect,
    .read = fc_atom_read,
    .open_writer = fc_atom_open_writer,
};
