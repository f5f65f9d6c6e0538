/*
 * xml_escape.c - XML escaping (xml_escape.h): runs of plain bytes are
 * found with fc_scan and copied in one go.
 */
#include "util/xml_escape.h"
#include "util/scan.h"

#include <string.h>

/* Bytes that need work in XML text: 1 always, 2 only in attributes. */
static const unsigned char xml_special[256] = {
    [0x00] = 1, [0x01] = 1, [0x02] = 1, [0x03] = 1, [0x04] = 1, [0x05] = 1, [0x06] = 1, [0x07] = 1,
    [0x08] = 1, [0x09] = 2, [0x0A] = 2, [0x0B] = 1, [0x0C] = 1, [0x0D] = 1, [0x0E] = 1, [0x0F] = 1,
    [0x10] = 1, [0x11] = 1, [0x12] = 1, [0x13] = 1, [0x14] = 1, [0x15] = 1, [0x16] = 1, [0x17] = 1,
    [0x18] = 1, [0x19] = 1, [0x1A] = 1, [0x1B] = 1, [0x1C] = 1, [0x1D] = 1, [0x1E] = 1, [0x1F] = 1,
    ['"'] = 2,  ['&'] = 1,  ['<'] = 1,  ['>'] = 1,
};

void fc_xml_escape(struct fc_buf *b, const char *s, size_t n, bool attr)
{
    const unsigned char *p = (const unsigned char *)s;
    const unsigned char limit = attr ? 2 : 1;
    size_t run = 0; /* copy unescaped runs in one go */
    if (!fc_buf_reserve(b, n + n / 8))
        return;
    for (size_t i = 0; i < n; i++) {
        if (!attr) {
            if ((i = fc_scan(p, i, n, 0, '&', '<', '>')) == n)
                break;
        } else {
            /* four stop bytes: the scan takes three, '>' (rare in
             * attributes) is looked for before the stop it found */
            size_t j = fc_scan(p, i, n, 0, '&', '<', '"');
            const unsigned char *gt = memchr(p + i, '>', j - i);
            if ((i = gt ? (size_t)(gt - p) : j) == n)
                break;
        }
        unsigned char k = xml_special[p[i]];
        if (!k || k > limit)
            continue;
        static const char *const reps[] = {"&amp;", "&lt;", "&gt;",  "&quot;",
                                           "&#10;", "&#9;", "&#13;", ""};
        static const unsigned char lens[] = {5, 4, 4, 6, 5, 4, 5, 0};
        int r;
        switch (p[i]) {
        case '&':
            r = 0;
            break;
        case '<':
            r = 1;
            break;
        case '>':
            r = 2;
            break;
        case '"':
            r = 3;
            break;
        case '\n':
            r = 4; /* attributes only: else a reader folds it to a space */
            break;
        case '\t':
            r = 5;
            break;
        case '\r':
            r = 6; /* else a reader folds it into a newline */
            break;
        default:
            r = 7; /* not allowed in XML 1.0 */
            break;
        }
        fc_buf_add(b, s + run, i - run);
        fc_buf_add(b, reps[r], lens[r]);
        run = i + 1;
    }
    fc_buf_add(b, s + run, n - run);
}
