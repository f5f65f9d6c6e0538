/*
 * slug.c - slugs (slug.h).
 */
#include "util/slug.h"
#include "util/str.h"

#include <string.h>

char *fc_slugify(struct fc_arena *a, const char *s, size_t max)
{
    if (max < 4)
        max = 4;
    char *out = fc_alloc(a, max + 1);
    if (!out)
        return NULL;
    size_t o = 0;
    bool dash = false;
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p && o < max; p++) {
        int c = fc_ascii_lower(*p);
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            if (dash && o > 0 && o + 1 < max)
                out[o++] = '-';
            dash = false;
            out[o++] = (char)c;
        } else {
            dash = true; /* anything else, '.' and '/' included, separates */
        }
    }
    out[o] = '\0';
    if (o == 0)
        memcpy(out, "post", 5);
    return out;
}
