/*
 * atom.h - private to atom.c, atom_read.c and atom_write.c: the entry
 * points the format object points at and what the reader and the writer
 * share (namespaces, name tables, the kind of a text construct).  The
 * mapping is at the top of atom.c.
 */
#ifndef FC_FORMATS_ATOM_H
#define FC_FORMATS_ATOM_H

#include "extcodec.h"
#include "syntax/xml_node.h"
#include "syntax/xml_read.h"
#include "syntax/xml_sniff.h"
#include "syntax/xml_write.h"

#include <string.h>

#define NS_ATOM03 "http://purl.org/atom/ns#"
#define NS_THR "http://purl.org/syndication/thread/1.0"
#define NS_APP "http://www.w3.org/2007/app"
#define FC_NS FC_NS_FEEDCONV /* the feedconv namespace (syntax/xml_ns.h), prefix "fc" */

/* A site's data Atom has no element for, as the codec's JSON in fc:site
 * (post: kind, parent, weight, private, sticky, expiry, old addresses,
 * comments; feed: menus, time zone). */
extern const enum fc_extcodec_member fc_atom_site_post[];
extern const size_t fc_atom_site_post_len;
extern const enum fc_extcodec_member fc_atom_site_feed[];
extern const size_t fc_atom_site_feed_len;

/* fc:skipDays names, index 0 = Monday (the bit order of fc_feed.skip_days). */
extern const char *const fc_atom_day_names[7];
/* fc:precision values, indexed by enum fc_time_precision (YEAR..MINUTE). */
extern const char *const fc_atom_precision_names[FC_TIME_MINUTE + 1];

static inline bool streq(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}

/* The kind of a text construct or content element, from its type
 * (RFC 4287 names, and the MIME types Atom 0.3 used); TK_OTHER: a media
 * type. */
enum fc_atom_kind { TK_TEXT, TK_HTML, TK_XHTML, TK_OTHER };
enum fc_atom_kind fc_atom_text_kind(const char *type);
/* A media type whose inline content is XML (RFC 4287 4.1.3.3). */
bool fc_atom_xml_media(const char *t);

/* The reader (atom_read.c) and the writer (atom_write.c); see
 * struct fc_format. */
enum fc_status fc_atom_read(struct fc_input *in, struct fc_handler *out,
                            const struct fc_options *opt, struct fc_error *err);
enum fc_status fc_atom_open_writer(struct fc_output *out, const struct fc_options *opt,
                                   struct fc_handler **writer, struct fc_error *err);

#endif
