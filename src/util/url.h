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

#endif
