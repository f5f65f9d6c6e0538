/*
 * scan.h - find the next byte that needs a look, 16 bytes at a time.
 *
 * The escapers (XML, JSON), the UTF-8 check, the JSON scanner, the HTML
 * text reader and the XML repair filter spend their time skipping plain
 * bytes; a byte loop there costs more than libxml2's own parse of the
 * same text.  With SSE2 (every x86-64) the scan compares 16
 * bytes per step; elsewhere it falls back to the byte loop.  The result
 * is exact either way: the index of the first stop byte, or n.
 */
#ifndef FC_UTIL_SCAN_H
#define FC_UTIL_SCAN_H

#include <stdbool.h>
#include <stddef.h>

#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#define FC_SCAN_SSE2 1
#endif

enum {
    FC_SCAN_WS = 1,   /* \t \n \r are plain (other bytes < 0x20 stop) */
    FC_SCAN_HIGH = 2, /* bytes >= 0x80 stop */
};

/* Stop bytes: every byte < 0x20 (but \t \n \r with FC_SCAN_WS), bytes
 * >= 0x80 with FC_SCAN_HIGH, and a, b and c, whatever they are (pass one
 * twice for fewer), as the 16-byte steps compare them. */
static inline bool fc_scan_stop(unsigned char ch, unsigned flags, unsigned char a, unsigned char b,
                                unsigned char c)
{
    if (ch == a || ch == b || ch == c)
        return true;
    if (ch < 0x20)
        return !(flags & FC_SCAN_WS) || (ch != '\t' && ch != '\n' && ch != '\r');
    return ch >= 0x80 && (flags & FC_SCAN_HIGH);
}

#ifdef FC_SCAN_SSE2
/* The stop bytes among p[0..16), one bit each (bit k: p[k]). */
static inline unsigned fc_scan_mask16(const unsigned char *p, unsigned flags, unsigned char a,
                                      unsigned char b, unsigned char c)
{
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
    __m128i ctl = _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1f)), v); /* v <= 0x1f */
    if (flags & FC_SCAN_WS) {
        __m128i ws = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\t')),
                                               _mm_cmpeq_epi8(v, _mm_set1_epi8('\n'))),
                                  _mm_cmpeq_epi8(v, _mm_set1_epi8('\r')));
        ctl = _mm_andnot_si128(ws, ctl);
    }
    __m128i hit =
        _mm_or_si128(ctl, _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)a)),
                                       _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)b)),
                                                    _mm_cmpeq_epi8(v, _mm_set1_epi8((char)c)))));
    unsigned m = (unsigned)_mm_movemask_epi8(hit);
    if (flags & FC_SCAN_HIGH)
        m |= (unsigned)_mm_movemask_epi8(v);
    return m;
}
#endif

/* The index of the first stop byte in p[i..n), n when there is none. */
static inline size_t fc_scan(const unsigned char *p, size_t i, size_t n, unsigned flags,
                             unsigned char a, unsigned char b, unsigned char c)
{
#ifdef FC_SCAN_SSE2
    for (; n - i >= 16; i += 16) {
        unsigned m = fc_scan_mask16(p + i, flags, a, b, c);
        if (m)
            return i + (size_t)__builtin_ctz(m);
    }
#endif
    while (i < n && !fc_scan_stop(p[i], flags, a, b, c))
        i++;
    return i;
}

/* The index of the first byte >= 0x80 in p[i..n), n when none. */
static inline size_t fc_scan_ascii(const unsigned char *p, size_t i, size_t n)
{
#ifdef FC_SCAN_SSE2
    while (n - i >= 16) {
        unsigned m =
            (unsigned)_mm_movemask_epi8(_mm_loadu_si128((const __m128i *)(const void *)(p + i)));
        if (m)
            return i + (size_t)__builtin_ctz(m);
        i += 16;
    }
#endif
    while (i < n && p[i] < 0x80)
        i++;
    return i;
}

#endif
