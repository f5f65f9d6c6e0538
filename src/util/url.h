/*
 * url.h - URI references: their parts (RFC 3986 section 3) and resolution
 * (section 5).
 */
#ifndef FC_UTIL_URL_H
#define FC_UTIL_URL_H

#include "feedconv.h"

#include <stdbool.h>
#include <stddef.h>

/* The parts of a URI reference (RFC 3986 section 3), pointing into it:
 * each *_n is a length (the delimiters left out), has_* tells an empty
 * part from an absent one; scheme is NULL when there is none. */
struct fc_url_parts {
    const char *scheme, *auth, *path, *query, *frag;
    size_t scheme_n, auth_n, path_n, query_n, frag_n;
    bool has_auth, has_query, has_frag;
};

/* Split s (not NULL) into *u; never fails: every string is a reference. */
void fc_url_split(const char *s, struct fc_url_parts *u);

/* Resolve ref against base (RFC 3986 section 5.2, dot segments removed);
 * ref copied as it is when base is NULL, empty or not absolute, or ref is
 * absolute.  NULL for NULL ref; result in the arena; NULL on ENOMEM. */
char *fc_url_resolve(struct fc_arena *a, const char *base, const char *ref);

/* The host of an absolute URL ("https://example.org:8080/x" gives
 * "example.org"): its length, and *host pointing into url; 0 when url is
 * NULL or names no host. */
size_t fc_url_host(const char *url, const char **host);

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
