/*
 * slug.h - URL- and file-name-safe slugs made from titles.
 */
#ifndef FC_UTIL_SLUG_H
#define FC_UTIL_SLUG_H

#include "feedconv.h"

#include <stddef.h>

/* A slug of s (NULL: ""): ASCII letters lowercased and digits kept, every
 * run of other bytes one '-' between them, at most max bytes (4 at
 * least); never empty: "post" when nothing remains.  In the arena; NULL
 * on ENOMEM. */
char *fc_slugify(struct fc_arena *a, const char *s, size_t max);

#endif
