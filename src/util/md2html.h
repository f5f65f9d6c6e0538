/*
 * md2html.h - a parsed Markdown document for code that walks cmark-gfm's
 * tree (sites/kramdown.c): the parse fc_markdown_to_html (internal.h)
 * makes, on the same memory pool, so that an allocation failure is a
 * clean FC_ENOMEM; and the extension choice fc_markdown_to_html makes per
 * document, for the tests.
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
 * same options; every extension attached, so the tree is the same
 * whatever the text holds) and call fn; returns what fn returns,
 * FC_ENOMEM or FC_EUNSUPPORTED. */
enum fc_status fc_markdown_parse(const char *md, size_t len, fc_md_doc_fn fn, void *ctx,
                                 struct fc_error *err);
/* Append the HTML of node (and what is below it) to out, as
 * fc_markdown_to_html renders it. */
void fc_md_doc_render(const struct fc_md_doc *d, cmark_node *node, struct fc_buf *out);

/* The GFM extensions, as bits. */
enum {
    FC_MD_TABLE = 1,
    FC_MD_STRIKETHROUGH = 2,
    FC_MD_AUTOLINK = 4,
    FC_MD_TASKLIST = 8,
    FC_MD_ALL = 15,
    /* autolink only if the tree parsed without it has text it could link */
    FC_MD_AUTOLINK_CHECK = 16
};

/* The extensions md[0..len) may need, from its bytes alone: the others
 * cannot change its HTML (md2html.c says why).  FC_MD_* bits. */
unsigned fc_md_extensions(const char *md, size_t len);

/* Options of fc_markdown_to_html_opts, for the tests. */
enum {
    FC_M2H_ALL_EXTENSIONS = 1 /* the reference: all four, whatever md holds */
};

/* fc_markdown_to_html with FC_M2H_* options; *used (when not NULL) gets
 * the FC_MD_* extensions the parse that made the HTML had attached. */
enum fc_status fc_markdown_to_html_opts(const char *md, size_t len, struct fc_buf *out,
                                        unsigned opts, unsigned *used, struct fc_error *err);

#endif
