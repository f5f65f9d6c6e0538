/*
 * hugo_date.c - front-matter dates as Hugo 0.111 reads them (site.h
 * fc_hugo_time; tests/test_site_read.c).
 *
 * Hugo hands every value but a TOML date to spf13/cast, which tries Go's
 * time.Parse with the layouts below in order; the first that reads the
 * whole text wins.  A layout with no zone or only a zone name is read
 * again as a wall clock in the site's timeZone (so "... GMT" is local
 * time there); a numeric offset is kept.  Integers are Unix seconds.
 * What no layout reads is Hugo's zero date, silently: the caller warns.
 * Go's rules kept here: a space in a layout matches one or more spaces,
 * "15" and "_2" take one or two digits, "01" "02" "04" "05" two, "2006"
 * four, "06" two (69-99: 19xx); seconds may carry a fraction; a day past
 * the month's end is an error.
 */
#include "sites/site.h"

#include <string.h>

enum zone_kind { ZK_NONE, ZK_NAMED, ZK_NUMERIC };

static const struct {
    const char *layout;
    enum zone_kind zone;
} layouts[] = {
    {"2006-01-02T15:04:05Z07:00", ZK_NUMERIC}, /* RFC 3339 */
    {"2006-01-02T15:04:05", ZK_NONE},
    {"Mon, 02 Jan 2006 15:04:05 -0700", ZK_NUMERIC}, /* RFC 1123Z */
    {"Mon, 02 Jan 2006 15:04:05 MST", ZK_NAMED},     /* RFC 1123 */
    {"02 Jan 06 15:04 -0700", ZK_NUMERIC},           /* RFC 822Z */
    {"02 Jan 06 15:04 MST", ZK_NAMED},               /* RFC 822 */
    {"Monday, 02-Jan-06 15:04:05 MST", ZK_NAMED},    /* RFC 850 */
    {"2006-01-02 15:04:05.999999999 -0700 MST", ZK_NUMERIC},
    {"2006-01-02T15:04:05-0700", ZK_NUMERIC},
    {"2006-01-02 15:04:05Z0700", ZK_NUMERIC},
    {"2006-01-02 15:04:05", ZK_NONE},
    {"Mon Jan _2 15:04:05 2006", ZK_NONE},          /* ANSIC */
    {"Mon Jan _2 15:04:05 MST 2006", ZK_NAMED},     /* UnixDate */
    {"Mon Jan 02 15:04:05 -0700 2006", ZK_NUMERIC}, /* RubyDate */
    {"2006-01-02 15:04:05Z07:00", ZK_NUMERIC},
    {"2006-01-02", ZK_NONE},
    {"02 Jan 2006", ZK_NONE},
    {"2006-01-02 15:04:05 -07:00", ZK_NUMERIC},
    {"2006-01-02 15:04:05 -0700", ZK_NUMERIC},
};

static const char *const months[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                     "jul", "aug", "sep", "oct", "nov", "dec"};
static const char *const days_short[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
static const char *const days_long[] = {"sunday",   "monday", "tuesday", "wednesday",
                                        "thursday", "friday", "saturday"};

struct go_time {
    long year, month, day, hour, minute, second, nsec;
    int frac_digits;
    bool has_offset, z;
    int offset; /* minutes */
};

/* Digits: exactly `min` when min == max, else min..max. */
static bool num(const char **v, int min, int max, long *out)
{
    long x = 0;
    int n = 0;
    while (n < max && **v >= '0' && **v <= '9')
        x = x * 10 + (*(*v)++ - '0'), n++;
    *out = x;
    return n >= min;
}

static bool word(const char **v, const char *const *names, size_t n, size_t len, long *idx)
{
    for (size_t i = 0; i < n; i++) {
        size_t l = len ? len : strlen(names[i]);
        if (fc_strncasecmp(*v, names[i], l) == 0) {
            *v += l;
            *idx = (long)i;
            return true;
        }
    }
    return false;
}

/* Go's parseTimeZone: 3 upper-case letters, 4 or 5 ending in T, WITA,
 * ChST, MeST, UTC, GMT with an optional signed hour. */
static bool zone_name(const char **v)
{
    const char *s = *v;
    if (!strncmp(s, "ChST", 4) || !strncmp(s, "MeST", 4) || !strncmp(s, "WITA", 4)) {
        *v += 4;
        return true;
    }
    if (!strncmp(s, "GMT", 3)) {
        s += 3;
        if ((*s == '+' || *s == '-') && s[1] >= '0' && s[1] <= '9') {
            s++;
            while (*s >= '0' && *s <= '9')
                s++;
        }
        *v = s;
        return true;
    }
    int n = 0;
    while (n < 6 && s[n] >= 'A' && s[n] <= 'Z')
        n++;
    if (n == 3 || (n == 4 && s[3] == 'T') || (n == 5 && s[4] == 'T')) {
        *v += n;
        return true;
    }
    return false;
}

/* +hh:mm / +hhmm (colon: "-07:00"), Z too when iso. */
static bool offset(const char **v, bool colon, bool iso, struct go_time *t)
{
    if (iso && **v == 'Z') {
        (*v)++;
        t->has_offset = t->z = true;
        t->offset = 0;
        return true;
    }
    char sign = **v;
    long h, m;
    if (sign != '+' && sign != '-')
        return false;
    (*v)++;
    if (!num(v, 2, 2, &h))
        return false;
    if (colon && *(*v)++ != ':')
        return false;
    if (!num(v, 2, 2, &m) || h > 23 || m > 59)
        return false;
    t->has_offset = true;
    t->offset = (int)((sign == '-' ? -1 : 1) * (h * 60 + m));
    return true;
}

static void fraction(const char **v, struct go_time *t)
{
    if ((**v == '.' || **v == ',') && (*v)[1] >= '0' && (*v)[1] <= '9') {
        (*v)++;
        long ns = 0;
        int n = 0;
        while (**v >= '0' && **v <= '9') {
            if (n < 9)
                ns = ns * 10 + (**v - '0'), n++;
            (*v)++;
        }
        t->frac_digits = n;
        for (int k = n; k < 9; k++)
            ns *= 10;
        t->nsec = ns;
    }
}

#define L(s) (strncmp(l, s, sizeof(s) - 1) == 0 && (l += sizeof(s) - 1, true))

/* Go's time.Parse of v with layout l (the elements used above). */
static bool go_parse(const char *l, const char *v, struct go_time *t)
{
    memset(t, 0, sizeof *t);
    t->month = t->day = 1;
    long x;
    while (*l) {
        if (L("2006")) {
            if (!num(&v, 4, 4, &t->year))
                return false;
        } else if (L("Monday")) {
            if (!word(&v, days_long, 7, 0, &x))
                return false;
        } else if (L("Mon")) {
            if (!word(&v, days_short, 7, 3, &x))
                return false;
        } else if (L("Jan")) {
            if (!word(&v, months, 12, 3, &x))
                return false;
            t->month = x + 1;
        } else if (L("01")) {
            if (!num(&v, 2, 2, &t->month))
                return false;
        } else if (L("02")) {
            if (!num(&v, 2, 2, &t->day))
                return false;
        } else if (L("_2")) {
            if (*v == ' ')
                v++;
            if (!num(&v, 1, 2, &t->day))
                return false;
        } else if (L("06")) {
            if (!num(&v, 2, 2, &t->year))
                return false;
            t->year += t->year >= 69 ? 1900 : 2000;
        } else if (L("15")) {
            if (!num(&v, 1, 2, &t->hour))
                return false;
        } else if (L("04")) {
            if (!num(&v, 2, 2, &t->minute))
                return false;
        } else if (L("05")) {
            if (!num(&v, 2, 2, &t->second))
                return false;
            if (strncmp(l, ".999999999", 10) != 0)
                fraction(&v, t);
        } else if (L(".999999999")) {
            fraction(&v, t);
        } else if (L("MST")) {
            if (!zone_name(&v))
                return false;
        } else if (L("Z07:00")) {
            if (!offset(&v, true, true, t))
                return false;
        } else if (L("Z0700")) {
            if (!offset(&v, false, true, t))
                return false;
        } else if (L("-07:00")) {
            if (!offset(&v, true, false, t))
                return false;
        } else if (L("-0700")) {
            if (!offset(&v, false, false, t))
                return false;
        } else if (*l == ' ') { /* one or more spaces */
            if (*v != ' ')
                return false;
            while (*l == ' ')
                l++;
            while (*v == ' ')
                v++;
        } else if (*v++ != *l++) {
            return false;
        }
    }
    if (*v || t->month < 1 || t->month > 12 || t->hour > 23 || t->minute > 59 || t->second > 59)
        return false;
    static const unsigned char mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (t->year % 4 == 0 && t->year % 100 != 0) || t->year % 400 == 0;
    return t->day >= 1 && t->day <= mdays[t->month - 1] &&
           !(t->month == 2 && t->day == 29 && !leap);
}

#undef L

bool fc_hugo_time(const struct fc_site *s, const struct fc_fm_node *v, struct fc_time *t)
{
    memset(t, 0, sizeof *t);
    const char *text = fc_fm_str(v);
    if (!text)
        return false;
    int64_t secs;
    if (v->plain && fc_parse_int(text, INT64_MIN / 2, INT64_MAX / 2, &secs)) {
        int64_t days = secs / 86400 - (secs % 86400 < 0), y;
        unsigned m, d;
        int64_t rem = secs - days * 86400;
        fc_civil_from_days(days, &y, &m, &d);
        if (y < 0 || y > 9999)
            return false;
        *t = (struct fc_time){.year = (int)y,
                              .month = (int)m,
                              .day = (int)d,
                              .hour = (int)(rem / 3600),
                              .minute = (int)(rem / 60 % 60),
                              .second = (int)(rem % 60),
                              .precision = FC_TIME_SECOND,
                              .zone = FC_ZONE_Z};
        return true;
    }
    for (size_t i = 0; i < sizeof layouts / sizeof layouts[0]; i++) {
        struct go_time g;
        if (!go_parse(layouts[i].layout, text, &g))
            continue;
        *t = (struct fc_time){.year = (int)g.year,
                              .month = (int)g.month,
                              .day = (int)g.day,
                              .hour = (int)g.hour,
                              .minute = (int)g.minute,
                              .second = (int)g.second,
                              .precision = FC_TIME_SECOND};
        if (g.frac_digits) {
            t->precision = FC_TIME_FRACTION;
            t->nsec = g.nsec;
            t->frac_digits = (unsigned char)g.frac_digits;
        }
        if (layouts[i].zone == ZK_NUMERIC && g.has_offset) {
            t->zone = g.z ? FC_ZONE_Z : FC_ZONE_OFFSET;
            t->offset = g.offset;
        } else {
            fc_site_localize(s, t);
        }
        return true;
    }
    return false;
}
