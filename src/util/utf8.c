/*
 * utf8.c - UTF-8 decoding, validation, repair and encoding (utf8.h).
 */
#include "util/utf8.h"
#include "util/scan.h"

size_t fc_utf8_decode(const unsigned char *p, size_t n, uint32_t *cp)
{
    unsigned char c = p[0];
    size_t len;
    uint32_t min, v;
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF)
        len = 2, min = 0x80, v = c & 0x1F;
    else if (c >= 0xE0 && c <= 0xEF)
        len = 3, min = 0x800, v = c & 0x0F;
    else if (c >= 0xF0 && c <= 0xF4)
        len = 4, min = 0x10000, v = c & 0x07;
    else
        return 0;
    for (size_t i = 1; i < len; i++) {
        if (i >= n)
            return (size_t)-1;
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (p[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return len;
}

size_t fc_utf8_valid_prefix(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        if (p[i] < 0x80) {
            i = fc_scan_ascii(p, i, n);
            continue;
        }
        size_t l = fc_utf8_seq_len(p + i, n - i);
        if (!l)
            break;
        i += l;
    }
    return i;
}

bool fc_utf8_valid(const char *s, size_t n)
{
    return fc_utf8_valid_prefix(s, n) == n;
}

void fc_utf8_put(struct fc_buf *b, uint32_t cp)
{
    char o[4];
    size_t n;
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = 0xFFFD;
    if (cp < 0x80) {
        o[0] = (char)cp, n = 1;
    } else if (cp < 0x800) {
        o[0] = (char)(0xC0 | (cp >> 6)), o[1] = (char)(0x80 | (cp & 0x3F)), n = 2;
    } else if (cp < 0x10000) {
        o[0] = (char)(0xE0 | (cp >> 12)), o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F)), n = 3;
    } else {
        o[0] = (char)(0xF0 | (cp >> 18)), o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        o[2] = (char)(0x80 | ((cp >> 6) & 0x3F)), o[3] = (char)(0x80 | (cp & 0x3F)), n = 4;
    }
    fc_buf_add(b, o, n);
}

size_t fc_utf8_repair(struct fc_buf *b, const char *s, size_t n)
{
    size_t bad = 0, i = 0;
    while (i < n) {
        size_t ok = fc_utf8_valid_prefix(s + i, n - i);
        fc_buf_add(b, s + i, ok);
        i += ok;
        if (i < n) {
            fc_utf8_put(b, 0xFFFD);
            bad++;
            i++;
        }
    }
    return bad;
}
