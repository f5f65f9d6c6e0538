/*
 * jekyll_date.c - front-matter dates as Jekyll 4.3 reads them (site.h
 * fc_jekyll_time; tests/test_site_read.c).
 *
 * The YAML loader (Psych) types an unquoted value first:
 *  - YYYY-M-D alone is a Date: midnight in the site's zone;
 *  - Psych's timestamp (a date, 'T' or spaces, H:MM:SS with seconds, an
 *    optional fraction and offset) is a Time: with no offset it is UTC;
 * everything else, and every quoted value, reaches Ruby's Time.parse as
 * text, which reads (checked with ruby 3.1, TZ=America/New_York):
 *  - a date: Y-M-D, Y/M/D, YYYYMMDD, YY-MM-DD, D Mon YYYY, Mon D[,]
 *    YYYY, after an optional weekday name;
 *  - an optional time H:MM[:SS[.frac]] [am|pm] after 'T' or spaces;
 *  - right after it (spaces allowed) a zone: a numeric offset, or a word
 *    Time.zone_offset knows (UTC GMT UT Z, the US zones, military
 *    letters); another word ("CET") is dropped, the time staying local;
 *  - and ignores the rest: "2023-01-15 18:30:22 2023 -0800" is 18:30:22
 *    local time (the offset after the second year is lost).
 */
#include "sites/site.h"

#include <string.h>

static const char *const month_names[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                          "jul", "aug", "sep", "oct", "nov", "dec"};
static const char *const day_names[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};

static size_t digits(const char *s, size_t max)
{
    size_t n = 0;
    while (n < max && s[n] >= '0' && s[n] <= '9')
        n++;
    return n;
}

static long val(const char *s, size_t n)
{
    long v = 0;
    for (size_t i = 0; i < n; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

/* A month name (3 letters at least, as Ruby): 1-12, 0 when none. */
static int month_word(const char **p)
{
    for (int i = 0; i < 12; i++)
        if (fc_strncasecmp(*p, month_names[i], 3) == 0) {
            *p += 3;
            while (fc_ascii_alpha((unsigned char)**p))
                (*p)++;
            return i + 1;
        }
    return 0;
}

static void skip_weekday(const char **p)
{
    for (int i = 0; i < 7; i++)
        if (fc_strncasecmp(*p, day_names[i], 3) == 0) {
            *p += 3;
            while (fc_ascii_alpha((unsigned char)**p))
                (*p)++;
            while (**p == ',' || **p == ' ')
                (*p)++;
            return;
        }
}

/* The date part; false when there is none. */
static bool date_part(const char **pp, struct fc_time *t)
{
    const char *p = *pp;
    size_t n = digits(p, 9);
    if (n == 8 && !fc_ascii_alnum((unsigned char)p[8])) { /* YYYYMMDD */
        t->year = (int)val(p, 4), t->month = (int)val(p + 4, 2), t->day = (int)val(p + 6, 2);
        *pp = p + 8;
        return true;
    }
    if (n >= 2 && n <= 4 && (p[n] == '-' || p[n] == '/')) {
        char sep = p[n];
        size_t m = digits(p + n + 1, 3);
        size_t d = m && p[n + 1 + m] == sep ? digits(p + n + 2 + m, 3) : 0;
        if (m >= 1 && m <= 2 && d >= 1 && d <= 2) {
            long y = val(p, n);
            if (n == 2)
                y += y >= 69 ? 1900 : 2000;
            t->year = (int)y, t->month = (int)val(p + n + 1, m);
            t->day = (int)val(p + n + 2 + m, d);
            *pp = p + n + 2 + m + d;
            return true;
        }
    }
    if (n >= 1 && n <= 2 && p[n] == ' ') { /* D Mon YYYY */
        const char *q = p + n + 1;
        int mon = month_word(&q);
        if (mon && *q == ' ' && digits(q + 1, 5) == 4) {
            t->day = (int)val(p, n), t->month = mon, t->year = (int)val(q + 1, 4);
            *pp = q + 5;
            return true;
        }
    }
    const char *q = p;
    int mon = month_word(&q);
    if (mon && *q == ' ') { /* Mon D[,] YYYY */
        size_t d = digits(q + 1, 3);
        const char *r = q + 1 + d;
        if (d >= 1 && d <= 2) {
            if (*r == ',')
                r++;
            while (*r == ' ')
                r++;
            if (digits(r, 5) == 4) {
                t->day = (int)val(q + 1, d), t->month = mon, t->year = (int)val(r, 4);
                *pp = r + 4;
                return true;
            }
        }
    }
    return false;
}

/* Time.zone_offset's table, in hours. */
static bool known_zone(const char *w, size_t n, int *minutes)
{
    static const struct {
        const char *name;
        int hours;
    } zones[] = {{"UTC", 0},  {"UT", 0},   {"GMT", 0},  {"Z", 0},    {"EST", -5}, {"EDT", -4},
                 {"CST", -6}, {"CDT", -5}, {"MST", -7}, {"MDT", -6}, {"PST", -8}, {"PDT", -7}};
    for (size_t i = 0; i < sizeof zones / sizeof zones[0]; i++)
        if (strlen(zones[i].name) == n && fc_strncasecmp(w, zones[i].name, n) == 0) {
            *minutes = zones[i].hours * 60;
            return true;
        }
    if (n == 1 && fc_ascii_alpha((unsigned char)*w) && (*w | 0x20) != 'j') {
        int c = *w | 0x20; /* military: A-I +1..+9, K-M +10..+12, N-Y -1..-12 */
        *minutes = 60 * (c <= 'i' ? c - 'a' + 1 : c <= 'm' ? c - 'a' : -(c - 'n' + 1));
        return true;
    }
    return false;
}

/* [+-]H[H][[:]MM] after an optional "GMT"/"UTC". */
static bool numeric_zone(const char **pp, int *minutes)
{
    const char *p = *pp;
    if (fc_strncasecmp(p, "gmt", 3) == 0 || fc_strncasecmp(p, "utc", 3) == 0)
        p += 3;
    if (*p != '+' && *p != '-')
        return false;
    int sign = *p++ == '-' ? -1 : 1;
    size_t n = digits(p, 4);
    long h, m = 0;
    if (n == 1 || n == 2) {
        h = val(p, n);
        p += n;
        if (*p == ':' && digits(p + 1, 2) == 2) {
            m = val(p + 1, 2);
            p += 3;
        }
    } else if (n == 4) {
        h = val(p, 2), m = val(p + 2, 2);
        p += 4;
    } else {
        return false;
    }
    *minutes = sign * (int)(h * 60 + m);
    *pp = p;
    return true;
}

/* Ruby's Time.parse of text, the zone left floating when it has none it
 * knows; *ignored: text after the time (or an unknown zone) dropped. */
static bool ruby_parse(const char *text, struct fc_time *t, bool *ignored)
{
    const char *p = text;
    while (*p == ' ' || *p == '\t')
        p++;
    skip_weekday(&p);
    memset(t, 0, sizeof *t);
    if (!date_part(&p, t))
        return false;
    t->precision = FC_TIME_SECOND;
    if (*p == 'T' || *p == 't' || *p == ' ') {
        const char *q = p + 1;
        while (*q == ' ')
            q++;
        size_t h = digits(q, 3);
        if (h >= 1 && h <= 2 && q[h] == ':' && digits(q + h + 1, 3) == 2) {
            t->hour = (int)val(q, h);
            t->minute = (int)val(q + h + 1, 2);
            q += h + 3;
            if (*q == ':' && digits(q + 1, 3) == 2) {
                t->second = (int)val(q + 1, 2);
                q += 3;
                if ((*q == '.' || *q == ',') && digits(q + 1, 1)) {
                    size_t f = digits(q + 1, 30);
                    long ns = 0;
                    for (size_t i = 0; i < f && i < 9; i++)
                        ns = ns * 10 + (q[1 + i] - '0');
                    for (size_t i = f; i < 9; i++)
                        ns *= 10;
                    t->nsec = ns;
                    t->frac_digits = (unsigned char)(f < 9 ? f : 9);
                    t->precision = FC_TIME_FRACTION;
                    q += 1 + f;
                }
            }
            const char *r = q;
            while (*r == ' ')
                r++;
            if ((fc_strncasecmp(r, "am", 2) == 0 || fc_strncasecmp(r, "pm", 2) == 0) &&
                !fc_ascii_alpha((unsigned char)r[2])) {
                bool pm = (r[0] | 0x20) == 'p';
                if (t->hour == 12)
                    t->hour = 0;
                if (pm)
                    t->hour += 12;
                q = r + 2;
            }
            r = q;
            while (*r == ' ')
                r++;
            int off;
            if (numeric_zone(&r, &off)) {
                t->zone = FC_ZONE_OFFSET, t->offset = off;
                q = r;
            } else if (fc_ascii_alpha((unsigned char)*r)) {
                size_t w = 0;
                while (fc_ascii_alpha((unsigned char)r[w]))
                    w++;
                if (known_zone(r, w, &off)) {
                    t->zone = off ? FC_ZONE_OFFSET : FC_ZONE_Z;
                    t->offset = off;
                } else {
                    *ignored = true;
                }
                q = r + w;
            }
            p = q;
        }
    }
    while (*p == ' ')
        p++;
    if (*p)
        *ignored = true;
    static const unsigned char mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return t->month >= 1 && t->month <= 12 && t->day >= 1 && t->day <= mdays[t->month - 1] &&
           t->hour < 24 && t->minute < 60 && t->second < 60;
}

/* Psych's timestamp and date rules for unquoted scalars. */
static bool psych_time(const char *s)
{
    const char *p = s + (*s == '-');
    if (digits(p, 5) != 4 || p[4] != '-')
        return false;
    p += 5;
    size_t m = digits(p, 3), d = m && p[m] == '-' ? digits(p + m + 1, 3) : 0;
    if (m < 1 || m > 2 || d < 1 || d > 2)
        return false;
    p += m + 1 + d;
    if (*p == 'T' || *p == 't')
        p++;
    else if (*p == ' ' || *p == '\t')
        while (*p == ' ' || *p == '\t')
            p++;
    else
        return false;
    size_t h = digits(p, 3);
    if (h < 1 || h > 2 || p[h] != ':' || digits(p + h + 1, 3) != 2 || p[h + 3] != ':' ||
        digits(p + h + 4, 3) != 2)
        return false;
    p += h + 6;
    if (*p == '.')
        p += 1 + digits(p + 1, 40);
    while (*p == ' ' || *p == '\t')
        p++;
    if (*p == 'Z') {
        p++;
    } else if (*p == '+' || *p == '-') {
        p++;
        size_t zh = digits(p, 3);
        if (zh < 1 || zh > 2)
            return false;
        p += zh;
        if (*p == ':')
            p++;
        p += digits(p, 2) == 2 ? 2 : 0;
    }
    return *p == '\0';
}

bool fc_jekyll_time(const struct fc_site *s, const struct fc_fm_node *v, struct fc_time *t,
                    bool *ignored_zone)
{
    *ignored_zone = false;
    memset(t, 0, sizeof *t);
    const char *text = fc_fm_str(v);
    if (!text)
        return false;
    bool yaml_time = v->plain && psych_time(text);
    if (!ruby_parse(text, t, ignored_zone))
        return false;
    if (yaml_time && t->zone == FC_ZONE_NONE) {
        t->zone = FC_ZONE_Z; /* Psych: a timestamp without a zone is UTC */
        return true;
    }
    if (t->zone == FC_ZONE_NONE)
        fc_site_localize(s, t);
    return true;
}
