/*
 * html2md.h - what util/html2md.c offers besides fc_html_to_markdown
 * (declared in internal.h): the normal form that measures HTML ->
 * Markdown -> HTML fidelity, and the block-by-block converter.  The tests
 * use them; the library itself only inside html2md.c.
 */
#ifndef FC_UTIL_HTML2MD_H
#define FC_UTIL_HTML2MD_H

#include "internal.h"

/*
 * Append the normal form of an HTML fragment to out.  Two fragments are
 * "the same document" when their normal forms are equal.  The fragment is
 * parsed with libxml2's HTML parser (no network) and written back with:
 *  - attributes sorted by name, values exact;
 *  - whitespace runs (space, tab, CR, LF, FF) folded into one space, and
 *    dropped next to block boundaries (a block element's start or end tag,
 *    <br>) and at the start and end of the fragment;
 *  - a <code> without attributes that is the only child of a <pre>
 *    removed (its content kept);
 *  - a <p> that is a child of an <li> removed (its content kept, its
 *    edges kept as block boundaries);
 *  - void elements written without end tags;
 *  - text escaped (&, <, >), comments kept.
 * These are exactly the differences the Markdown round trip may make.
 */
enum fc_status fc_html_canon(const char *html, size_t len, struct fc_buf *out,
                             struct fc_error *err);

/*
 * fc_html_to_markdown without the whole-post check: every top-level block
 * converted and verified on its own.  The reference the tests compare
 * fc_html_to_markdown against (same bytes, same status).
 */
enum fc_status fc_html_to_markdown_blockwise(const char *html, size_t len, struct fc_buf *out,
                                             struct fc_error *err);

#endif
