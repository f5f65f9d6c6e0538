/*
 * jsonfeed.h - private to jsonfeed.c, jsonfeed_read.c and
 * jsonfeed_write.c: the entry points the format object points at and the
 * names the reader and the writer share.  The mapping is at the top of
 * jsonfeed.c; JSON itself is syntax/json.h, the `_feedconv` values
 * extcodec.h.
 */
#ifndef FC_FORMATS_JSONFEED_H
#define FC_FORMATS_JSONFEED_H

#include "internal.h"

#include <jansson.h>

#define JF_PREFIX "https://jsonfeed.org/version/"
#define JF_V11 JF_PREFIX "1.1"
#define JF_EXT "_feedconv" /* the extension object */

/* The reader (jsonfeed_read.c) and the writer (jsonfeed_write.c); see
 * struct fc_format. */
enum fc_status fc_jf_read(struct fc_input *in, struct fc_handler *out, const struct fc_options *opt,
                          struct fc_error *err);
enum fc_status fc_jf_open_writer(struct fc_output *out, const struct fc_options *opt,
                                 struct fc_handler **writer, struct fc_error *err);
/* JSON Lines (format "jsonl"): each post as a JSON Feed item on a line
 * of its own, ids made unique as in a feed; the feed's metadata is not
 * written. */
enum fc_status fc_jf_open_lines_writer(struct fc_output *out, const struct fc_options *opt,
                                       struct fc_handler **writer, struct fc_error *err);

/* The podcast and media objects (jsonfeed_pod.c), read through the
 * object's `_feedconv` decoder d (its warnings and arena): a feed's
 * `_itunes` and `_podcast`; an item's `_itunes`, `_podcast` and `_media`;
 * an attachment's `_media` and `_podcast`. */
struct fc_extcodec_dec;
void fc_jf_read_pod_feed(struct fc_extcodec_dec *d, const json_t *o, struct fc_feed *f);
void fc_jf_read_pod_item(struct fc_extcodec_dec *d, const json_t *o, struct fc_post *p);
void fc_jf_read_pod_attachment(struct fc_extcodec_dec *d, const json_t *o, struct fc_media *m);

#endif
