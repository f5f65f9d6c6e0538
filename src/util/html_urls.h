/*
 * html_urls.h - resolve the relative URLs inside an HTML fragment (post
 * content, summaries) against a base URI, as xml:base asks feed readers
 * to.  Shared by the formats that honour xml:base (rss_read.c,
 * atom_read.c); fc_html_urls_map rewrites them as a caller says (the site
 * writers).
 */
#ifndef FC_UTIL_HTML_URLS_H
#define FC_UTIL_HTML_URLS_H

#include "internal.h"

/*
 * Rewrite the href and src attribute values, and each image candidate's
 * URL in a srcset, of the HTML fragment `html` against `base` (RFC 3986 section 5, fc_url_resolve), leaving every
 * other byte as it was: a tag scanner, not a parser, so the fragment is
 * not re-serialised.  Not rewritten: comments, bogus comments (<!...>,
 * <?...>), the bodies of script, style, textarea and title, empty values
 * and same-document references ("#frag").  Values are decoded (&amp;,
 * &lt;, &gt;, &quot;, &apos;, numeric references) before resolving and
 * escaped again after; a value with another named reference is resolved
 * as written.  An unquoted value that changes comes back double-quoted.
 *
 * *out is `html` itself when nothing changed (also when html or base is
 * NULL, or base is not absolute), else a copy in arena a.  FC_ENOMEM only.
 */
enum fc_status fc_html_urls_resolve(struct fc_arena *a, const char *base, const char *html,
                                    const char **out, struct fc_error *err);

/* Could fc_html_urls_resolve change html?  False only when each href,
 * src and srcset URL in it is empty, "#..." or has a scheme: one pass over
 * the '=' signs, so that the common case (absolute URLs only) skips the
 * tag scan. */
bool fc_html_urls_maybe_relative(const char *html);

/* A rewrite of one URL: the new value (in arena a), or NULL to keep url;
 * *nomem set on ENOMEM. */
typedef const char *(*fc_html_url_fn)(void *ctx, struct fc_arena *a, const char *url, bool *nomem);

/* The same scan with the rewrite fn (called with each decoded href, src
 * and srcset URL, ctx passed along) instead of resolving: a site writer moving
 * the files a post refers to. */
enum fc_status fc_html_urls_map(struct fc_arena *a, const char *html, fc_html_url_fn fn, void *ctx,
                                const char **out, struct fc_error *err);

#endif
