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
/* The length of the valid sequence at p (n > 0 bytes, p[0] >= 0x80), 0
 * when it is not one or is cut short: fc_utf8_decode's rules without the
 * decoding, inline, for the checks that meet one every few words. */
static inline size_t fc_utf8_seq_len(const unsigned char *p, size_t n)
{
    unsigned c = p[0];
    if (c >= 0xC2 && c <= 0xDF)
        return n >= 2 && (p[1] & 0xC0) == 0x80 ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (n < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80)
            return 0;
        /* overlong forms, then surrogates */
        return (c == 0xE0 && p[1] < 0xA0) || (c == 0xED && p[1] >= 0xA0) ? 0 : 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (n < 4 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 || (p[3] & 0xC0) != 0x80)
            return 0;
        /* overlong forms, then past U+10FFFF */
        return (c == 0xF0 && p[1] < 0x90) || (c == 0xF4 && p[1] >= 0x90) ? 0 : 4;
    }
    return 0;
}

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
