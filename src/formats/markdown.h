/*
 * markdown.h - private to markdown.c, markdown_read.c and markdown_write.c:
 * the pieces both sides of the mapping share.  Front matter is read into
 * syntax/frontmatter.h's tree and written with syntax/yaml.h's emitter.
 */
#ifndef FC_MARKDOWN_H
#define FC_MARKDOWN_H

#include "internal.h"

#include "extcodec.h"
#include "syntax/frontmatter.h"
#include "syntax/yaml.h"

#include <jansson.h>

#define FC_MD_ORIGIN "markdown"
#define FC_MD_KEY "feedconv" /* the mapping with what has no key of its own */
#define FC_MD_SLUG_MAX 80u

/* ---- the mapping shared by reader and writer ------------------------- */

/* The layout the reader found (or the writer writes). */
enum fc_md_layout {
    FC_MD_PLAIN,
    FC_MD_HUGO,
    FC_MD_JEKYLL,
    FC_MD_ELEVENTY,
    FC_MD_ZOLA,
};

/* The layout a `site` setting names (FC_MD_PLAIN for NULL or unknown). */
enum fc_md_layout fc_md_layout_named(const char *name);

/* The members of `feedconv:` (the `_feedconv` codec's, extcodec.h), in
 * the order written, for posts and for the feed. */
extern const enum fc_extcodec_member fc_md_post_x[];
extern const size_t fc_md_post_x_len;
extern const enum fc_extcodec_member fc_md_feed_x[];
extern const size_t fc_md_feed_x_len;

/* Front-matter keys the reader understands natively (not kept as exts). */
bool fc_md_known_key(const char *key);

/* The reader and the writer. */
enum fc_status fc_md_read(struct fc_input *in, struct fc_handler *out, const struct fc_options *opt,
                          struct fc_error *err);
enum fc_status fc_md_open_writer(struct fc_output *out, const struct fc_options *opt,
                                 struct fc_handler **writer, struct fc_error *err);

#endif
