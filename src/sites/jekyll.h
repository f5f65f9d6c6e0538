/*
 * jekyll.h - private to the Jekyll reading modules (jekyll_config.c,
 * jekyll_read.c, jekyll_template.c); the rest is in site.h.
 */
#ifndef FC_SITES_JEKYLL_H
#define FC_SITES_JEKYLL_H

#include "sites/site.h"

/* jekyll_config.c: is the input a Jekyll site's root; its configuration;
 * the template a permalink style names (a template as it is). */
bool fc_jekyll_detect(struct fc_site_reader *r);
void fc_jekyll_config(struct fc_site_reader *r);
const char *fc_jekyll_style(const char *style);
/* The front-matter defaults that apply to path rel (from the site's root)
 * of collection `type` merged under fm (fm wins; categories are joined
 * after the defaults'), in arena a; fm itself when none apply. */
const struct fc_fm_node *fc_jekyll_defaults(struct fc_site_reader *r, struct fc_arena *a,
                                            const char *rel, const char *type,
                                            const struct fc_fm_node *fm,
                                            const struct fc_fm_node **default_categories);

/* jekyll_template.c: the body's Liquid rendered (ops->body); also for
 * Eleventy, whose Markdown runs through Liquid by default. */
void fc_jekyll_body(struct fc_site_reader *r, const struct fc_site_page *pg, const char *src,
                    size_t n, unsigned long line, struct fc_buf *out);
/* The index's maps for {% post_url %} (ops->indexed; Eleventy's too):
 * r->refs[JK_REF_PATH], a post's path from the content folder without its
 * extension, and r->refs[JK_REF_NAME], its file name without it, each to
 * the first such post. */
enum { JK_REF_PATH, JK_REF_NAME };
void fc_jekyll_indexed(struct fc_site_reader *r);

#endif
