/*
 * rss.h - private to rss.c, rss_read.c and rss_write.c: the entry points
 * the format object points at and the little the two directions share.
 * The mapping table is at the top of rss.c.
 */
#ifndef FC_FORMATS_RSS_H
#define FC_FORMATS_RSS_H

#include "syntax/xml_node.h"
#include "syntax/xml_read.h"
#include "syntax/xml_sniff.h"
#include "syntax/xml_write.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* skipDays names, index 0 = Monday (the bit order of fc_feed.skip_days). */
extern const char *const fc_rss_day_names[7];

/* The reader (rss_read.c) and the RSS 2.0 writer (rss_write.c); see
 * struct fc_format. */
enum fc_status fc_rss_read(struct fc_input *in, struct fc_handler *out,
                           const struct fc_options *opt, struct fc_error *err);
enum fc_status fc_rss_open_writer(struct fc_output *out, const struct fc_options *opt,
                                  struct fc_handler **writer, struct fc_error *err);

#endif
