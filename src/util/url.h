/*
 * url.h - URI reference resolution (RFC 3986 section 5).
 */
#ifndef FC_UTIL_URL_H
#define FC_UTIL_URL_H

#include "feedconv.h"

#include <stdbool.h>

/* Resolve ref against base (RFC 3986 section 5.2, dot segments removed);
 * ref copied as it is when base is NULL, empty or not absolute, or ref is
 * absolute.  NULL for NULL ref; result in the arena; NULL on ENOMEM. */
char *fc_url_resolve(struct fc_arena *a, const char *base, const char *ref);

/* Does s start with a scheme ("https:", "tag:", "urn:")? */
bool fc_url_is_absolute(const char *s);
/* Is s an absolute IRI (RFC 3987): a scheme, and none of the characters
 * IRIs exclude (white space, controls, < > " { } | \ ^ `)? */
bool fc_url_is_iri(const char *s);
/* The site of an absolute hierarchical URL: "https://host/" of
 * "https://host/feed.xml" (in the arena); NULL when url has no scheme and
 * authority, or on ENOMEM. */
char *fc_url_site(struct fc_arena *a, const char *url);

#endif
