/*
 * jsonfeed.h - private to jsonfeed.c, jsonfeed_read.c and
 * jsonfeed_write.c: the entry points the format object points at and what
 * the reader and the writer share (names of the `_feedconv` values, the
 * jansson flags).  The mapping is at the top of jsonfeed.c.
 */
#ifndef FC_FORMATS_JSONFEED_H
#define FC_FORMATS_JSONFEED_H

#include "internal.h"

#include <jansson.h>

#define JF_PREFIX "https://jsonfeed.org/version/"
#define JF_V11 JF_PREFIX "1.1"
#define JF_EXT "_feedconv"
#define JF_EXT_DEPTH 512u /* XML ext nesting written (the model is trusted, the stack is not) */

/* Names of enum values in `_feedconv`, indexed by the enum. */
extern const char *const fc_jf_precision_names[7]; /* enum fc_time_precision */
extern const char *const fc_jf_zone_names[4];      /* enum fc_time_zone */
extern const char *const fc_jf_day_names[7];       /* skip_days bits, 0 = Monday */
extern const char *const fc_jf_text_types[3];      /* enum fc_text_type */

/* Bid for a JSON Feed from its first bytes (0..100). */
int fc_jf_detect(const unsigned char *head, size_t len);
/* The reader (jsonfeed_read.c) and the writer (jsonfeed_write.c); see
 * struct fc_format. */
enum fc_status fc_jf_read(struct fc_input *in, struct fc_handler *out, const struct fc_options *opt,
                          struct fc_error *err);
enum fc_status fc_jf_open_writer(struct fc_output *out, const struct fc_options *opt,
                                 struct fc_handler **writer, struct fc_error *err);

#endif
