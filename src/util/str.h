/*
 * str.h - small locale-free string helpers: ASCII character classes and
 * case, trimming, integer parsing.  The C library's <ctype.h> and
 * strcasecmp depend on the locale; output must not.
 */
#ifndef FC_UTIL_STR_H
#define FC_UTIL_STR_H

#include "feedconv.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ASCII white space: space, \t, \n, \r, \f, \v. */
static inline bool fc_ascii_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static inline bool fc_ascii_alpha(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static inline bool fc_ascii_alnum(unsigned char c)
{
    return fc_ascii_alpha(c) || (c >= '0' && c <= '9');
}

/* 'A'-'Z' to lower case; every other value as it is. */
static inline int fc_ascii_lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* Copy of s[0..n) without leading and trailing ASCII white space, in the
 * arena; NULL on ENOMEM. */
char *fc_strtrim(struct fc_arena *a, const char *s, size_t n);
/* ASCII case-insensitive compare (locale-free), as strcmp / strncmp. */
int fc_strcasecmp(const char *a, const char *b);
int fc_strncasecmp(const char *a, const char *b, size_t n);
/* Parse a decimal integer (optional sign, optional surrounding white
 * space) into *out; false, *out untouched, when s is NULL or not entirely
 * a number in [min, max]. */
bool fc_parse_int(const char *s, int64_t min, int64_t max, int64_t *out);

#endif
