/*
 * wxr.c - WordPress eXtended RSS (WXR), the file of Tools -> Export:
 * the whole site, not its last ten posts.  Reads WXR 1.0 (WordPress
 * 2.5-3.0), 1.1 (3.1) and 1.2 (later, to today); writes nothing.
 * This file: the format, its detection and the mapping; wxr_read.c (the
 * reader: channel, the two passes, the maps, menus) and wxr_post.c (an
 * item into a post) hold the rest; the WordPress rules the bodies go
 * through (wpautop, shortcodes, blocks) are src/sites/wp_*.c.
 *
 * Spec: wp-admin/includes/export.php (export_wp) of each WordPress
 * version, and the WordPress importer (the reference reader); the rules
 * with their sources are in the project's research notes.
 *
 * Detection: an <rss> root that declares the export namespace
 * ("wordpress.org/export/", http or https, any version) under a prefix,
 * and that prefix's wxr_version in the first bytes: 100, above RSS's bid
 * for the same root by table order.
 *
 * Streaming with bounded memory, in two passes: items can come in any
 * order (attachments after the posts that show them, pages before their
 * parents, menu items anywhere), so the first pass reads the channel and
 * keeps small maps (attachments: id, URL, alt text, caption, parent,
 * sizes; menu items; authors and terms) and spools each post's <item>
 * (self-contained XML, its namespaces declared on it) to an unnamed
 * temporary file, indexed by post id; the second pass reads the spool and
 * maps each item, with the maps complete.  The rare look-ups of another
 * post (a page's parent, a menu's target, a reusable block) read that
 * item back from the spool.  Standard input works: nothing is read twice.
 *
 * Mapping (channel)                      model (struct fc_feed)
 *   title / link / description           title / home_url / subtitle (text)
 *   language, pubDate                    language, published
 *   generator ("…wordpress.org/?v=X")    generator: WordPress, version X, uri
 *   wp:wxr_version                       format "wxr 1.2" (1.0-1.2; above:
 *                                        a warning; not N.N: not WXR)
 *   wp:base_site_url, wp:base_blog_url   exts (the blog URL is the base of
 *                                        old addresses)
 *   wp:author (login, display name,      authors (display name; e-mail only
 *     e-mail)                            with FC_OPT_KEEP_PRIVATE)
 *   wp:category / wp:tag / wp:term       categories {term: name, scheme:
 *                                        taxonomy, slug}; the elements with
 *                                        a parent, description or term meta
 *                                        kept as exts too (1.0's parents by
 *                                        name resolved to slugs); nav_menu
 *                                        terms name menus instead
 *   nav_menu_item items                  menus {menu: its nav_menu slug,
 *                                        id, parent_id, name (the target's
 *                                        title when empty), url, post_id,
 *                                        weight}; drafts and orphans left out
 *   anything else                        exts (origin "wxr")
 *   (always)                             is_site = 1: drafts, future and
 *                                        expired posts stay out of feeds
 * Mapping (item, by wp:post_type)
 *   post, page, custom types             posts; kind NULL / "page" / the type
 *   attachment                           the media map only
 *   wp_block                             spooled for core/block references
 *   revision, custom_css, oembed_cache,  left out, counted in one warning
 *     customize_changeset, user_request,
 *     wp_global_styles, wp_navigation,
 *     wp_template(_part), wp_font_*
 *   wp:status publish / draft, pending / published / draft / (published,
 *     future / private / trash,          dated ahead, warned) / draft +
 *     auto-draft                         private_post (warned) / left out
 *   wp:post_password set                 a warning (the body is in clear text)
 *   guid (@isPermaLink)                  id (id_is_permalink)
 *   link                                 url (not for an unpublished post's
 *                                        "?p=" link) and an alias
 *   title                                title (HTML when the file has
 *                                        post_modified: 5.7+ writes it raw)
 *   content:encoded                      content_html through the_content
 *                                        (src/sites/wp_body.c)
 *   excerpt:encoded                      summary (wpautop'd HTML)
 *   wp:post_date_gmt + wp:post_date      published: the local time with the
 *                                        offset local - GMT (each post its
 *                                        own, DST included); a zero GMT date:
 *                                        the local time without a zone
 *                                        (warned); both zero: none (warned)
 *   wp:post_modified(_gmt)               updated
 *   dc:creator                           authors (by login; 1.0: the name)
 *   wp:post_name                         slug, percent-decoded; empty: the
 *                                        title as sanitize_title makes it
 *   wp:post_parent / menu_order /        parent_id (the parent's id) /
 *     is_sticky                          weight / sticky
 *   category@domain@nicename             categories {term: name, scheme:
 *                                        taxonomy ("tag" -> post_tag), slug};
 *                                        no nicename: WXR 1.0's duplicate,
 *                                        dropped
 *   wp:postmeta _thumbnail_id            image (the attachment's URL)
 *     enclosure ("url\nlength\ntype")    attachments
 *     _wp_old_slug                       aliases (the link with the old slug)
 *     footnotes, _syntaxhighlighter_     used by the body
 *       encoded
 *     the rest                           exts
 *   wp:comment (approved "1")            comments in document order: id,
 *                                        parent_id, author (name, url; e-mail
 *                                        and IP only with KEEP_PRIVATE),
 *                                        published, content_html (wpautop'd),
 *                                        kind comment / pingback / trackback;
 *                                        comment_count = those kept; the rest
 *                                        (pending, spam, trash, notes) counted
 *                                        in one warning
 *   aliases                              the link, ?p=ID (?page_id=ID for a
 *                                        page) on the blog URL, old slugs
 *   wp:post_id, comment_status,          exts
 *     ping_status, anything else
 *
 * Real-world quirks handled: CDATA split around "]]>" (1.2) and the space
 * 1.0/1.1 put after a final ']' (removed); scalars bare or in CDATA;
 * 1.0's duplicate generator; 1.0's dc:creator as an entity-encoded display
 * name; drafts dated "0000-00-00 00:00:00" with an empty pubDate or
 * "-0001-11-30"; a 1.2 namespace with wxr_version 1.1; items in any order.
 */
#include "formats/wxr.h"

static bool at_ci(const char *s, size_t len, const char *lit)
{
    size_t k = strlen(lit);
    return len >= k && fc_strncasecmp(s, lit, k) == 0;
}

enum wxr_ns fc_wxr_ns_kind(const char *uri, size_t len)
{
    static const char *const known[][2] = {
        {"http://purl.org/rss/1.0/modules/content/", "c"},
        {"http://purl.org/dc/elements/1.1/", "d"},
    };
    if (!uri || !len)
        return WXR_NONE;
    for (size_t i = 0; i < 2; i++)
        if (strlen(known[i][0]) == len && memcmp(uri, known[i][0], len) == 0)
            return known[i][1][0] == 'c' ? WXR_CONTENT : WXR_DC;
    size_t i = at_ci(uri, len, "https://") ? 8 : at_ci(uri, len, "http://") ? 7 : len;
    if (i == len || !at_ci(uri + i, len - i, "wordpress.org/export/"))
        return WXR_OTHER;
    i += 21;
    size_t v = i;
    while (i < len && ((uri[i] >= '0' && uri[i] <= '9') || uri[i] == '.'))
        i++;
    if (i == v)
        return WXR_OTHER;
    if (i < len && uri[i] == '/')
        i++;
    if (i == len)
        return WXR_WP;
    if (at_ci(uri + i, len - i, "excerpt") &&
        (len - i == 7 || (len - i == 8 && uri[len - 1] == '/')))
        return WXR_EXCERPT;
    return WXR_OTHER;
}

int fc_wxr_detect(const unsigned char *h, size_t n)
{
    struct fc_xml_sniff root;
    if (!fc_xml_sniff(h, n, &root) || !fc_xml_sniff_name(&root, "rss"))
        return 0;
    for (size_t i = 0; i < root.nns; i++) {
        const struct fc_xml_sniff_ns *ns = &root.ns[i];
        if (!ns->prefix_len || fc_wxr_ns_kind((const char *)ns->uri, ns->uri_len) != WXR_WP)
            continue;
        /* "<PREFIX:wxr_version" in the first bytes */
        for (size_t k = 0; k + ns->prefix_len + 13 <= n; k++) {
            if (h[k] == '<' && memcmp(h + k + 1, ns->prefix, ns->prefix_len) == 0 &&
                memcmp(h + k + 1 + ns->prefix_len, ":wxr_version", 12) == 0)
                return 100;
        }
    }
    return 0;
}

static const char *const wxr_aliases[] = {"wordpress", "wp", NULL};
static const char *const wxr_extensions[] = {".wxr", NULL};

const struct fc_format fc_format_wxr = {
    .name = "wxr",
    .description = "WordPress export (WXR 1.0-1.2, reading)",
    .aliases = wxr_aliases,
    .extensions = wxr_extensions,
    .caps = FC_CAN_READ,
    .detect = fc_wxr_detect,
    .read = fc_wxr_read,
};
