/*
 * markdown.h - private to markdown.c, markdown_read.c and markdown_write.c:
 * the pieces both sides of the mapping share.  Front matter is read into
 * syntax/frontmatter.h's tree and written with syntax/yaml.h's emitter.
 */
#ifndef FC_MARKDOWN_H
#define FC_MARKDOWN_H

#include "internal.h"

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

/* Post string fields kept under `feedconv:` by their model names. */
struct fc_md_field {
    const char *key;
    size_t offset; /* of a const char * in struct fc_post / fc_feed */
};
extern const struct fc_md_field fc_md_post_fields[];
extern const struct fc_md_field fc_md_feed_fields[];

/* Front-matter keys the reader understands natively (not kept as exts). */
bool fc_md_known_key(const char *key);

/* The reader and the writer. */
enum fc_status fc_md_read(struct fc_input *in, struct fc_handler *out, const struct fc_options *opt,
                          struct fc_error *err);
enum fc_status fc_md_open_writer(struct fc_output *out, const struct fc_options *opt,
                                 struct fc_handler **writer, struct fc_error *err);

#endif
