/*
 * str.c - locale-free string helpers (str.h).
 */
#include "util/str.h"

char *fc_strtrim(struct fc_arena *a, const char *s, size_t n)
{
    while (n && fc_ascii_space((unsigned char)*s))
        s++, n--;
    while (n && fc_ascii_space((unsigned char)s[n - 1]))
        n--;
    return fc_strdup(a, s, n);
}

int fc_strcasecmp(const char *a, const char *b)
{
    for (;; a++, b++) {
        int d = fc_ascii_lower((unsigned char)*a) - fc_ascii_lower((unsigned char)*b);
        if (d || !*a)
            return d;
    }
}

int fc_strncasecmp(const char *a, const char *b, size_t n)
{
    for (; n; n--, a++, b++) {
        int d = fc_ascii_lower((unsigned char)*a) - fc_ascii_lower((unsigned char)*b);
        if (d || !*a)
            return d;
    }
    return 0;
}

bool fc_parse_int(const char *s, int64_t min, int64_t max, int64_t *out)
{
    if (!s)
        return false;
    while (fc_ascii_space((unsigned char)*s))
        s++;
    bool neg = false;
    if (*s == '+' || *s == '-')
        neg = *s++ == '-';
    if (*s < '0' || *s > '9')
        return false;
    uint64_t v = 0;
    for (; *s >= '0' && *s <= '9'; s++) {
        if (v > (UINT64_MAX - 9) / 10)
            return false;
        v = v * 10 + (uint64_t)(*s - '0');
    }
    while (fc_ascii_space((unsigned char)*s))
        s++;
    if (*s || v > (uint64_t)INT64_MAX)
        return false;
    int64_t r = neg ? -(int64_t)v : (int64_t)v;
    if (r < min || r > max)
        return false;
    *out = r;
    return true;
}
