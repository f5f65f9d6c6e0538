/*
 * kramdown.h - Markdown bodies of Jekyll sites, which kramdown renders
 * (sites/kramdown.c): what the writer makes of a CommonMark body, and
 * how a reader renders such a body back.
 */
#ifndef FC_SITES_KRAMDOWN_H
#define FC_SITES_KRAMDOWN_H

#include "internal.h"

/* CommonMark md[0..len) (html2md's) as Markdown that kramdown renders to
 * the same HTML as cmark-gfm, appended to out: the blocks kramdown reads
 * otherwise as their HTML inside {::nomarkdown} ... {:/}.  FC_ENOMEM. */
enum fc_status fc_kramdown_from_commonmark(const char *md, size_t len, struct fc_buf *out,
                                           struct fc_error *err);
/* The HTML of such a body (any Markdown with {::nomarkdown} blocks): the
 * Markdown between them through fc_markdown_to_html, theirs as it is,
 * appended to out.  FC_ENOMEM. */
enum fc_status fc_kramdown_to_html(const char *md, size_t len, struct fc_buf *out,
                                   struct fc_error *err);

#endif
