/*
 * hugo.h - private to the Hugo reading modules (hugo_config.c,
 * hugo_read.c, hugo_template.c); the rest is in site.h.
 */
#ifndef FC_SITES_HUGO_H
#define FC_SITES_HUGO_H

#include "sites/site.h"

/* hugo_config.c: is the input a Hugo site's root; its configuration. */
bool fc_hugo_detect(struct fc_site_reader *r);
void fc_hugo_config(struct fc_site_reader *r);

/* hugo_template.c: the body's shortcodes rendered (ops->body). */
void fc_hugo_body(struct fc_site_reader *r, const struct fc_site_page *pg, const char *src,
                  size_t n, unsigned long line, struct fc_buf *out);

/* hugo_read.c: the page (from the site's root) a ref / relref target
 * names, seen from page `from`; NULL when none. */
const struct fc_site_entry *fc_hugo_ref(const struct fc_site_reader *r, const char *from,
                                        const char *target);

#endif
