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
#define JF_DUMP (JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15))
#define JF_COMPACT (JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENCODE_ANY | JSON_REAL_PRECISION(15))
#define JF_EXT_DEPTH 512u /* XML ext nesting written (the model is trusted, the stack is not) */

/* Names of enum values in `_feedconv`, indexed by the enum. */
extern const char *const fc_jf_precision_names[7]; /* enum fc_time_precision */
extern const char *const fc_jf_zone_names[4];      /* enum fc_time_zone */
extern const char *const fc_jf_day_names[7];       /* skip_days bits, 0 = Monday */
extern const char *const fc_jf_text_types[3];      /* enum fc_text_type */

/* A warning with no position (jansson keeps none for values). */
enum fc_status fc_jf_vwarn(const struct fc_options *opt, struct fc_error *err, const char *file,
                           const char *fmt, va_list ap);

/* True when s[0..n) is JSON that json_loadb(JSON_DECODE_ANY) has no
 * reason to refuse but memory: its failure on such text is ENOMEM (jansson
 * reports some as syntax errors).  Allocates nothing. */
bool fc_jf_surely_json(const char *s, size_t n);

/* The JSON value in text[0..n) as json_loadb(JSON_DECODE_ANY |
 * JSON_REJECT_DUPLICATES) would build it, for the JSON jansson takes
 * without a word; NULL for anything else (errors, duplicate keys, \u0000,
 * deep nesting, no memory): then json_loadb decides.  jsonfeed_parse.c. */
json_t *fc_jf_parse_quick(const char *text, size_t n);

/* Bid for a JSON Feed from its first bytes (0..100). */
int fc_jf_detect(const unsigned char *head, size_t len);
/* The reader (jsonfeed_read.c) and the writer (jsonfeed_write.c); see
 * struct fc_format. */
enum fc_status fc_jf_read(struct fc_input *in, struct fc_handler *out, const struct fc_options *opt,
                          struct fc_error *err);
enum fc_status fc_jf_open_writer(struct fc_output *out, const struct fc_options *opt,
                                 struct fc_handler **writer, struct fc_error *err);

#endif
