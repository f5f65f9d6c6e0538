/*
 * xml_podcast.h - the podcast and media namespaces of the XML formats:
 * Apple's itunes:*, Podcasting 2.0's podcast:* and Media RSS's media:*
 * elements read into the model (struct fc_podcast, fc_episode, fc_media,
 * fc_media_meta) and written back, the same way by RSS and Atom.
 *
 * Specs: Apple Podcasts' RSS requirements (podcasters.apple.com), the
 * podcast namespace 1.0 (podcastindex.org/namespace/1.0), Media RSS 1.5.1
 * (rssboard.org/media-rss).  Namespaces are recognised in every spelling
 * (syntax/xml_ns.h); what the model does not name is kept as an extension
 * whose namespace is the canonical URI, so writers declare one prefix.
 *
 * Mapping (channel / feed)              model (struct fc_podcast)
 *   itunes:image/@href                  image
 *   itunes:author                       author
 *   itunes:owner/itunes:name, email     owner
 *   itunes:explicit (true yes explicit / false no clean)  explicit_content
 *   itunes:category/@text (nested)      categories
 *   itunes:type, itunes:new-feed-url    type, new_feed_url
 *   itunes:block, itunes:complete       block, complete (yes / no)
 *   podcast:guid, podcast:locked@owner  guid, locked, locked_owner
 *   podcast:funding@url, podcast:person funding, persons
 *   podcast:license@url                 license, license_url
 * Mapping (item / entry)                model (struct fc_post)
 *   itunes:duration (S, M:SS, H:MM:SS)  the first enclosure's duration
 *                                       (kept as an extension without one)
 *   itunes:image/@href                  image
 *   itunes:explicit, episode, season,   episode.explicit_content, episode,
 *   episodeType, block                  season, episode_type, block
 *   podcast:transcript, chapters,       episode.transcripts, chapters_url /
 *   person                              chapters_type, persons
 *   podcast:alternateEnclosure          attachments, kind FC_MEDIA_ALTERNATE
 *     (@type length bitrate height lang title rel codecs default;
 *     podcast:source@uri@contentType, podcast:integrity@type@value)
 *   media:content                       attachments, kind FC_MEDIA_CONTENT
 *     (@url fileSize type medium isDefault expression bitrate framerate
 *     samplingrate channels duration height width lang; its media:*
 *     children in its meta)
 *   media:group                         media_groups (its media:* children),
 *                                       its media:content attachments
 *                                       (group = its place)
 *   media:title, description,           media (the item's own meta)
 *   thumbnail, player, credit
 * A type absent or vague (application/octet-stream) on an alternate
 * enclosure (where it is required) is guessed from the URL, with a
 * warning (util/media.h).  Values that do not parse are warned about and the
 * element is kept as an extension.
 *
 * Errors: through the reader's sticky status (ENOMEM, FC_ELIMIT from the
 * text helpers, warnings), as xml_node.h; writing, the writer's oom.
 */
#ifndef FC_SYNTAX_XML_PODCAST_H
#define FC_SYNTAX_XML_PODCAST_H

#include "internal.h"
#include "syntax/xml_node.h"
#include "syntax/xml_write.h"

/* ---- Reading ------------------------------------------------------- */

/* A channel (feed) child n: true when it is in one of the podcast or
 * media namespaces, mapped into f or kept in f->exts (origin: "rss",
 * "atom"); false for any other element (the caller's).  base: the
 * xml:base in effect at n's parent. */
bool fc_xml_pod_feed(struct fc_sticky *s, struct fc_feed *f, const xmlNode *n, const char *base,
                     const char *origin);

/* One item's (entry's) podcast and media children, read one at a time
 * between begin and end (the duration waits for the enclosures). */
struct fc_xml_pod_item {
    struct fc_sticky *s;
    struct fc_post *p;
    const char *base; /* the xml:base in effect inside the item */
    const char *origin;
    const xmlNode *duration; /* the item's itunes:duration */
};

void fc_xml_pod_item_begin(struct fc_xml_pod_item *it, struct fc_sticky *s, struct fc_post *p,
                           const char *base, const char *origin);
/* As fc_xml_pod_feed, for a child of the item. */
bool fc_xml_pod_item_child(struct fc_xml_pod_item *it, const xmlNode *n);
/* After the item's last child: its duration to its first enclosure. */
void fc_xml_pod_item_end(struct fc_xml_pod_item *it);

/* ---- Writing ------------------------------------------------------- */

/* The namespaces (bit 1 << enum fc_xml_ns_id) a feed's or a post's
 * podcast and media data need, to declare them once on the root. */
unsigned fc_xw_pod_feed_ns(const struct fc_feed *f);
unsigned fc_xw_pod_post_ns(const struct fc_post *p, unsigned flags);
/* Declare those namespaces on the open start tag. */
void fc_xw_pod_declare(struct fc_xw *w, unsigned ns);

/* A feed's podcast elements, in the mapping's order. */
void fc_xw_pod_feed(struct fc_xw *w, const struct fc_feed *f);

#define FC_XW_POD_IMAGE 0x01    /* the post's image as itunes:image (RSS) */
#define FC_XW_POD_DURATION 0x02 /* itunes:duration from the first enclosure (RSS) */
/* A post's podcast and media elements: episode data, alternate
 * enclosures, media:content, media:group and the item's Media RSS
 * elements (attachments of kind FC_MEDIA_ENCLOSURE are the caller's). */
void fc_xw_pod_post(struct fc_xw *w, const struct fc_post *p, unsigned flags);

#endif
