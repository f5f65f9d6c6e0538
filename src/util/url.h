/*
 * url.h - URI reference resolution (RFC 3986 section 5).
 */
#ifndef FC_UTIL_URL_H
#define FC_UTIL_URL_H

#include "feedconv.h"

/* Resolve ref against base (RFC 3986 section 5.2, dot segments removed);
 * ref copied as it is when base is NULL, empty or not absolute, or ref is
 * absolute.  NULL for NULL ref; result in the arena; NULL on ENOMEM. */
char *fc_url_resolve(struct fc_arena *a, const char *base, const char *ref);

/* The host of an absolute URL ("https://example.org:8080/x" gives
 * "example.org"): its length, and *host pointing into url; 0 when url is
 * NULL or names no host. */
size_t fc_url_host(const char *url, const char **host);

#endif
