/*
 * utf8.h - UTF-8 decoding, validation, repair and encoding (RFC 3629:
 * no overlong forms, no surrogates, nothing past U+10FFFF).
 */
#ifndef FC_UTIL_UTF8_H
#define FC_UTIL_UTF8_H

#include "util/buf.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One UTF-8 sequence at p (n > 0 bytes): its length and code point; 0 when
 * malformed (overlong, surrogate, past U+10FFFF); (size_t)-1 when the
 * bytes so far are valid but the sequence is cut short at n. */
size_t fc_utf8_decode(const unsigned char *p, size_t n, uint32_t *cp);
/* Length of the valid UTF-8 prefix of s[0..n). */
size_t fc_utf8_valid_prefix(const char *s, size_t n);
/* Is s[0..n) valid UTF-8 throughout? */
bool fc_utf8_valid(const char *s, size_t n);
/* Append s to b with invalid UTF-8 sequences replaced by U+FFFD (one per
 * bad byte); returns the number of replacements. */
size_t fc_utf8_repair(struct fc_buf *b, const char *s, size_t n);
/* Append one code point as UTF-8 (surrogates and values past U+10FFFF
 * become U+FFFD). */
void fc_utf8_put(struct fc_buf *b, uint32_t cp);

#endif
