/*
 * md2html.h - a parsed Markdown document for code that walks cmark-gfm's
 * tree (sites/kramdown.c): the parse fc_markdown_to_html (internal.h)
 * makes, on the same memory pool, so that an allocation failure is a
 * clean FC_ENOMEM.
 */
#ifndef FC_UTIL_MD2HTML_H
#define FC_UTIL_MD2HTML_H

#include "internal.h"

#include <cmark-gfm.h>

struct fc_md_doc;

/* Called with the document of fc_markdown_parse.  Every cmark call it
 * makes may jump out of it when memory runs out (cmark's memory is a
 * pool freed afterwards), so it may hold no memory of its own across
 * them: it appends to buffers its caller owns and frees. */
typedef enum fc_status (*fc_md_doc_fn)(void *ctx, const struct fc_md_doc *d, cmark_node *doc,
                                       struct fc_error *err);

/* Parse md[0..len) as fc_markdown_to_html does (CommonMark + GFM, the
 * same extensions and options) and call fn; returns what fn returns,
 * FC_ENOMEM or FC_EUNSUPPORTED. */
enum fc_status fc_markdown_parse(const char *md, size_t len, fc_md_doc_fn fn, void *ctx,
                                 struct fc_error *err);
/* Append the HTML of node (and what is below it) to out, as
 * fc_markdown_to_html renders it. */
void fc_md_doc_render(const struct fc_md_doc *d, cmark_node *node, struct fc_buf *out);

#endif
