/*
 * xml_escape.c - XML escaping (xml_escape.h): runs of plain bytes are
 * found with fc_scan and copied in one go.
 */
#include "util/xml_escape.h"
#include "util/scan.h"

#include <string.h>

/*
 * What a byte becomes: an index into reps, in text (low four bits) and
 * in attributes (high four bits); 0: itself.  Controls other than \t \n
 * \r are not allowed in XML 1.0 and go; \n and \t are escaped only in
 * attributes (a reader folds them to spaces there), \r everywhere (else
 * a reader folds it into a newline).
 */
#define X(t, a) (unsigned char)((a) << 4 | (t))
static const unsigned char xml_rep[256] = {
    [0x00] = X(8, 8), [0x01] = X(8, 8), [0x02] = X(8, 8), [0x03] = X(8, 8), [0x04] = X(8, 8),
    [0x05] = X(8, 8), [0x06] = X(8, 8), [0x07] = X(8, 8), [0x08] = X(8, 8), [0x09] = X(0, 6),
    [0x0A] = X(0, 5), [0x0B] = X(8, 8), [0x0C] = X(8, 8), [0x0D] = X(7, 7), [0x0E] = X(8, 8),
    [0x0F] = X(8, 8), [0x10] = X(8, 8), [0x11] = X(8, 8), [0x12] = X(8, 8), [0x13] = X(8, 8),
    [0x14] = X(8, 8), [0x15] = X(8, 8), [0x16] = X(8, 8), [0x17] = X(8, 8), [0x18] = X(8, 8),
    [0x19] = X(8, 8), [0x1A] = X(8, 8), [0x1B] = X(8, 8), [0x1C] = X(8, 8), [0x1D] = X(8, 8),
    [0x1E] = X(8, 8), [0x1F] = X(8, 8), ['&'] = X(1, 1),  ['<'] = X(2, 2),  ['>'] = X(3, 3),
    ['"'] = X(0, 4),
};
#undef X

/* Replacements, eight bytes each for fixed-size copies; lens: used. */
static const char reps[9][8] = {"",      "&amp;", "&lt;",  "&gt;", "&quot;",
                                "&#10;", "&#9;",  "&#13;", ""};
static const unsigned char lens[] = {0, 5, 4, 4, 6, 5, 4, 5, 0};

#ifdef FC_SCAN_SSE2
/*
 * The 16 bytes of blk[0..16) with stop bytes m (of which only those of
 * blk[0..len) count), written at o; returns the end.  Each piece is
 * moved with one 16-byte copy out of blk (32 bytes: never read past
 * it) and each replacement with one 8-byte copy; o has room for 6
 * bytes a byte and 16 more.
 */
static inline char *put_block(char *o, const unsigned char *blk, unsigned m, size_t len,
                              unsigned shift)
{
    unsigned at = 0;
    for (; m; m &= m - 1) {
        unsigned k = (unsigned)__builtin_ctz(m);
        unsigned r = (unsigned)(xml_rep[blk[k]] >> shift) & 15;
        if (!r)
            continue;
        _mm_storeu_si128((__m128i *)(void *)o,
                         _mm_loadu_si128((const __m128i *)(const void *)(blk + at)));
        o += k - at;
        memcpy(o, reps[r], 8);
        o += lens[r];
        at = k + 1;
    }
    _mm_storeu_si128((__m128i *)(void *)o,
                     _mm_loadu_si128((const __m128i *)(const void *)(blk + at)));
    return o + (len - at);
}
#endif

void fc_xml_escape(struct fc_buf *b, const char *s, size_t n, bool attr)
{
    const unsigned char *p = (const unsigned char *)s;
    const unsigned shift = attr ? 4 : 0;
    if (!fc_buf_reserve(b, n + n / 8))
        return;
#ifdef FC_SCAN_SSE2
    /* Markup is dense in HTML bodies: a block's stop bytes are handled
     * from its mask, written straight into the buffer. */
    enum { ROOM = 16 * 6 + 16 };
    _Alignas(16) unsigned char blk[32] = {0};
    for (size_t i = 0; i < n; i += 16) {
        size_t len = n - i < 16 ? n - i : 16;
        if (b->cap - b->len <= ROOM && !fc_buf_reserve(b, ROOM + (n - i) + (n - i) / 8))
            return;
        if (len == 16) /* one load and store */
            memcpy(blk, p + i, 16);
        else
            memcpy(blk, p + i, len);
        unsigned m = fc_scan_mask16(blk, 0, '&', '<', '>');
        if (attr)
            m |= fc_scan_mask16(blk, 0, '"', '"', '"');
        m &= (1u << len) - 1;
        char *o = b->data + b->len;
        if (!m) {
            _mm_storeu_si128((__m128i *)(void *)o,
                             _mm_load_si128((const __m128i *)(const void *)blk));
            b->len += len;
        } else {
            b->len = (size_t)(put_block(o, blk, m, len, shift) - b->data);
        }
    }
    b->data[b->len] = '\0';
#else
    size_t run = 0; /* copy unescaped runs in one go */
    for (size_t i = 0; i < n; i++) {
        unsigned r = (unsigned)(xml_rep[p[i]] >> shift) & 15;
        if (!r)
            continue;
        fc_buf_add(b, s + run, i - run);
        fc_buf_add(b, reps[r], lens[r]);
        run = i + 1;
    }
    fc_buf_add(b, s + run, n - run);
#endif
}
