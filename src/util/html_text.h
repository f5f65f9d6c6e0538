/*
 * html_text.h - the plain text of an HTML fragment (summaries, titles
 * given as HTML), and whether a string looks like HTML at all.
 */
#ifndef FC_UTIL_HTML_TEXT_H
#define FC_UTIL_HTML_TEXT_H

#include "feedconv.h"

#include <stdbool.h>

/* Plain text of an HTML fragment: tags removed (script and style with
 * their content), entities decoded, white space (and no-break spaces)
 * folded into single spaces and trimmed, a space at block boundaries; a
 * string that does not look like HTML is only folded.  Plain HTML is read
 * without building a tree, anything else by fc_html_to_text_parsed.
 * NULL for NULL html; the result is in the arena; NULL on ENOMEM. */
char *fc_html_to_text(struct fc_arena *a, const char *html);
/* The same through libxml2's HTML parser, always: the reference
 * fc_html_to_text must agree with (tests compare the two). */
char *fc_html_to_text_parsed(struct fc_arena *a, const char *html);
/* True when s holds a tag ("<a", "</", "<!") or an entity or character
 * reference ("&amp;", "&#38;"). */
bool fc_looks_like_html(const char *s);

#endif
