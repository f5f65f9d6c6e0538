/*
 * html2md.h - HTML -> Markdown (util/html2md.c) and the normal form that
 * decides whether a piece of Markdown says exactly what the HTML said
 * (util/html_canon.c).  fc_html_to_markdown itself is declared in
 * internal.h; the rest is for these two files and the tests.
 *
 * "Exact"
 * -------
 * HTML -> Markdown -> HTML (cmark-gfm, md2html.c) is exact when both
 * fragments, parsed by libxml2's HTML parser (fc_html_parse_fragment) give
 *  - the same element tree: the same names, nesting and order, children
 *    of "void" elements included (libxml2 2.9 does not know <source>,
 *    <wbr>, <track> or <embed> as empty, and nests what follows them);
 *  - the same attributes on every element, with the same values (their
 *    order and quoting are not part of the tree);
 *  - the same text, character for character (entities decoded), and the
 *    same comments;
 * except for these differences only, none of which a browser shows:
 *  1. a run of whitespace (space, tab, LF, CR, FF) in text is one space,
 *     however long it is and whichever of those characters it holds;
 *  2. whitespace next to a block boundary is dropped: the start or end tag
 *     of an element that is display:block (or list-item, table-*) in
 *     every browser's default style sheet (p, div, li, td, h1, figure...),
 *     a <br>, and the fragment's start and end.  Only when nothing but
 *     whitespace stands between the boundary and the text: "<p><b> x"
 *     keeps its space, and <iframe>, <img>, <video>, <script> and every
 *     other element are not boundaries.
 * Whitespace is exact inside pre, textarea, listing, plaintext, xmp,
 * script and style, and inside any element whose style attribute names
 * white-space; an element whose style attribute names display is never a
 * block boundary.  So a paragraph split in two, a <p> added or removed
 * (around the text of a list item, say), <code> added inside a <pre>, a
 * newline added at the end of a code block, or a space moving in or out
 * of an inline element (<code>, <a>) are all differences.
 *
 * The reference is libxml2's tree, not an HTML5 browser's: where the two
 * parsers disagree on the source (libxml2 keeps <figure> inside <p>, a
 * browser closes the <p>), the Markdown says what libxml2 read.
 *
 * fc_html_canon writes the normal form in which exact fragments are equal
 * strings; fc_html_to_markdown uses the same comparison as its safety net.
 */
#ifndef FC_UTIL_HTML2MD_H
#define FC_UTIL_HTML2MD_H

#include "internal.h"

#include <libxml/HTMLparser.h>

/*
 * Append the normal form of an HTML fragment to out: elements with their
 * attributes sorted by name, text with &, < and > escaped, whitespace
 * folded and dropped as "exact" above allows, an end tag for every element
 * except a void one without children.  Errors: FC_ENOMEM, FC_ELIMIT (more
 * than 200 nested elements).
 */
enum fc_status fc_html_canon(const char *html, size_t len, struct fc_buf *out,
                             struct fc_error *err);

/*
 * Options of fc_html_to_markdown_opts, for the tests: the reference paths
 * that fc_html_to_markdown must agree with byte for byte.
 */
enum {
    FC_H2M_BLOCKWISE = 1, /* check every top-level block on its own */
    FC_H2M_SLOW_CHECK = 2 /* normal form of cmark's HTML by libxml2 only */
};

/* fc_html_to_markdown with FC_H2M_* options. */
enum fc_status fc_html_to_markdown_opts(const char *html, size_t len, struct fc_buf *out,
                                        unsigned opts, struct fc_error *err);

/* fc_html_to_markdown_opts(..., FC_H2M_BLOCKWISE, ...). */
enum fc_status fc_html_to_markdown_blockwise(const char *html, size_t len, struct fc_buf *out,
                                             struct fc_error *err);

/* ---- shared by html2md.c and html_canon.c ---------------------------- */

/* What both files need to know about an element name (fc_html_tag_flags). */
enum {
    FC_T_VOID = 1,     /* HTML void element: no end tag when it has no children */
    FC_T_LXEMPTY = 2,  /* libxml2 closes it at its start tag (htmlTagLookup ->empty) */
    FC_T_CM_BLOCK = 4, /* its start tag starts a cmark-gfm HTML block (types 1 and 6) */
    FC_T_CM_TYPE1 = 8, /* ...of type 1 (script, pre, style): ends at </script> etc. */
    FC_T_BLOCK = 16,   /* a block boundary of the normal form ("exact", 2.) */
    FC_T_KEEPWS = 32,  /* whitespace inside is exact */
    FC_T_RAWTEXT = 64  /* libxml2 reads its content as text up to its end tag */
};

/* FC_T_* flags of a lower-case element name (0 for unknown names). */
unsigned fc_html_tag_flags(const char *name, size_t len);

/* fc_html_tag_flags adjusted by the element's style attribute (NULL when
 * absent): white-space adds FC_T_KEEPWS, display removes FC_T_BLOCK. */
unsigned fc_html_elem_flags(const char *name, size_t len, const char *style, size_t slen);

/* FC_T_* flags of a libxml2 element node (fc_html_elem_flags). */
unsigned fc_html_node_flags(const xmlNode *n);

/* Append s[0..n) escaped for a double-quoted attribute value: & " < > and
 * CR and LF as references (no line break, so no blank line, inside a tag). */
void fc_html_attr_escape(struct fc_buf *b, const char *s, size_t n);

/*
 * Parse a fragment with libxml2's HTML parser inside <html><body> (so that
 * a leading <script> stays in the body), NUL bytes dropped and invalid
 * UTF-8 replaced by U+FFFD first; no network, no implied elements, in
 * recovery mode (else an error in a tag name drops all later text), and
 * element names kept whole (<o:p>, which libxml2 would make <p>).  *body
 * is the body element (NULL when the parser made none).  Returns the
 * document, which the caller frees with xmlFreeDoc, or NULL with err
 * filled (FC_ENOMEM, FC_ELIMIT).
 */
htmlDocPtr fc_html_parse_fragment(const char *html, size_t len, const xmlNode **body,
                                  struct fc_error *err);

/*
 * Append the normal form of the sibling nodes [first, end) (end NULL: to
 * the last sibling) to out.  FC_OK, FC_ENOMEM or FC_ELIMIT.
 */
enum fc_status fc_html_canon_nodes(const xmlNode *first, const xmlNode *end, struct fc_buf *out);

/*
 * The normal form of an HTML fragment without libxml2, for cmark's output:
 * a strict scanner that reads well-nested tags, the entities cmark and
 * html2md write, comments and script/style text, and gives up on anything
 * else (a mis-nested or unclosed tag, html/head/body/meta, an unusual
 * entity or control character...).  Returns true with the normal form
 * appended to out, or false with out unchanged: then only libxml2
 * (fc_html_canon) can say.  When out then equals the normal form of a
 * libxml2 tree, libxml2 reads html into that same tree: libxml2 decides
 * each element's place from its parent and its name alone, and both are
 * the same in the two trees (html_canon.c).
 */
bool fc_html_canon_fast(const char *html, size_t len, struct fc_buf *out);

#endif
