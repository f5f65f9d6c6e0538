/*
 * date.c - RFC 822/2822 and RFC 3339 / ISO 8601 dates, parsed and
 * formatted without the C library's time or locale functions (no
 * strptime, timegm, gmtime, <ctype.h>): same bytes out on every machine.
 *
 * Accepted, case-insensitive, surrounding whitespace ignored:
 *
 * RFC 822/2822:  [Weekday[,]] D Month Y [H:MM[:SS[.frac]] [zone]]
 *  - weekday: a 3+ letter prefix of an English day name ("Tue", "Thurs",
 *    "Tuesday"); never checked against the date, feeds get it wrong.
 *  - day 1-2 digits; month a 3+ letter prefix ("Mar", "Sept", "March");
 *    day, month and year may also be joined by '-' ("08-Mar-2011").
 *  - year: 4 digits; 2 digits: <50 -> 20xx, else 19xx; 3 digits: +1900
 *    (RFC 2822 section 4.3).
 *  - no time: a date (FC_TIME_DATE); no seconds: FC_TIME_MINUTE.
 *  - zone: +HHMM, +HH:MM, +HH; UT GMT UTC EST EDT CST CDT MST MDT PST PDT;
 *    "GMT+0100" (numeric wins); Z; military letters as RFC 822 printed
 *    them and feedparser reads them: A-I,K-M = -1..-12 h, N-Y = +1..+12 h
 *    (RFC 1123 notes those signs are backwards; RFC 2822 says to treat
 *    them as -0000; we keep the published table).
 *  - "-0000" is RFC 2822's "local time, zone unknown": FC_ZONE_NONE, which
 *    is also what fc_time_rfc822 writes for a floating time.
 *  - no zone: floating (FC_ZONE_NONE); (comments) between any tokens.
 *
 * RFC 3339 / ISO 8601:  YYYY | YYYY-MM | YYYY-MM-DD | YYYYMMDD, then for a
 *  date 'T' or spaces and HH:MM[:SS[.frac]] or HHMM[SS[.frac]]; the
 *  fraction ('.' or ',') has 1-9 digits; then optional spaces and Z,
 *  +HH:MM, +HHMM, +HH or a named zone.  "-00:00" stays a zero offset.
 *
 * Rejected: 24:00, more than 9 fraction digits (kept as raw text by
 * fc_time_parse_keep rather than rounded), years outside 1..9999, day 31
 * of a 30-day month, Feb 29 of common years, offsets past +-23:59.
 *
 * A YEAR or MONTH precision time has month / day 1 (the period's start).
 */
#include "internal.h"

#include <stdio.h>
#include <string.h>

static const char *const month_names[12] = {"january",   "february", "march",    "april",
                                            "may",       "june",     "july",     "august",
                                            "september", "october",  "november", "december"};
static const char *const day_names[7] = {"sunday",   "monday", "tuesday", "wednesday",
                                         "thursday", "friday", "saturday"};
static const char month_abbr[12][4] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
static const char day_abbr[7][4] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};

static const struct {
    char name[4];
    signed char hours;
} zone_names[] = {
    {"ut", 0},   {"utc", 0},  {"gmt", 0},  {"est", -5}, {"edt", -4}, {"cst", -6},
    {"cdt", -5}, {"mst", -7}, {"mdt", -6}, {"pst", -8}, {"pdt", -7},
};

static const long pow10_tab[10] = {1,      10,      100,      1000,      10000,
                                   100000, 1000000, 10000000, 100000000, 1000000000};

/* ASCII only: <ctype.h> answers depend on the locale. */
static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static const char *skip_space(const char *p)
{
    while (is_space(*p))
        p++;
    return p;
}

/* Exactly n digits (more may follow: ISO basic format runs fields together). */
static bool fixed(const char **pp, int n, int *out)
{
    const char *p = *pp;
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!is_digit(p[i]))
            return false;
        v = v * 10 + (p[i] - '0');
    }
    *pp = p + n;
    *out = v;
    return true;
}

/* A whole run of min..max digits; returns how many, 0 when none fit. */
static int run(const char **pp, int min, int max, int *out)
{
    const char *p = *pp;
    int n = 0;
    while (is_digit(p[n]))
        if (++n > max)
            return 0;
    if (n < min || !fixed(pp, n, out))
        return 0;
    return n;
}

/* RFC 2822 CFWS: whitespace and (nested (comments)) with \-quoting. */
static bool skip_cfws(const char **pp)
{
    const char *p = skip_space(*pp);
    while (*p == '(') {
        int depth = 0;
        do {
            if (*p == '\0')
                return false;
            if (*p == '\\' && p[1] != '\0')
                p++;
            else if (*p == '(')
                depth++;
            else if (*p == ')')
                depth--;
            p++;
        } while (depth > 0);
        p = skip_space(p);
    }
    *pp = p;
    return true;
}

/* A run of letters, lowercased into w; returns its full length (which may
 * exceed cap - 1, then w holds only the start). */
static size_t word(const char **pp, char *w, size_t cap)
{
    size_t n = 0;
    for (const char *p = *pp; is_alpha(p[n]); n++)
        if (n + 1 < cap)
            w[n] = (char)(p[n] | 0x20);
    *pp += n;
    return n;
}

/* Index of the name that w (3+ letters) is a prefix of, or -1. */
static int match_name(const char *w, size_t n, const char *const *names, int count)
{
    if (n < 3)
        return -1;
    for (int i = 0; i < count; i++)
        if (strlen(names[i]) >= n && memcmp(names[i], w, n) == 0)
            return i;
    return -1;
}

/* [+-]HH[[:]MM] as minutes east of UTC. */
static bool parse_offset(const char **pp, int *out)
{
    const char *p = *pp;
    int sign = *p == '-' ? -1 : 1, h, m = 0;
    if (*p != '+' && *p != '-')
        return false;
    p++;
    if (!fixed(&p, 2, &h))
        return false;
    if (*p == ':') {
        p++;
        if (!fixed(&p, 2, &m))
            return false;
    } else if (is_digit(*p) && !fixed(&p, 2, &m)) {
        return false;
    }
    if (is_digit(*p) || h > 23 || m > 59)
        return false;
    *out = sign * (h * 60 + m);
    *pp = p;
    return true;
}

/* Z, a named zone, a military letter (RFC 822 only) or "GMT+0100". */
static bool parse_zone_name(const char **pp, struct fc_time *t, bool military)
{
    char w[4];
    size_t n = word(pp, w, sizeof w);
    if (n == 1) {
        char c = w[0];
        if (c == 'z') {
            t->zone = FC_ZONE_Z;
            t->offset = 0;
            return true;
        }
        if (!military || c == 'j')
            return false;
        t->zone = FC_ZONE_NAME;
        t->offset = 60 * (c <= 'i' ? -(c - 'a' + 1) : c <= 'm' ? -(c - 'a') : c - 'm');
        return true;
    }
    for (size_t i = 0; n <= 3 && i < sizeof zone_names / sizeof zone_names[0]; i++) {
        if (strlen(zone_names[i].name) != n || memcmp(zone_names[i].name, w, n) != 0)
            continue;
        t->zone = FC_ZONE_NAME;
        t->offset = zone_names[i].hours * 60;
        if (zone_names[i].hours == 0 && (**pp == '+' || **pp == '-')) {
            t->zone = FC_ZONE_OFFSET;
            return parse_offset(pp, &t->offset);
        }
        return true;
    }
    return false;
}

/* After the seconds: an optional fraction of 1-9 digits. */
static bool parse_frac(const char **pp, struct fc_time *t)
{
    const char *p = *pp;
    int n = 0;
    long v = 0;
    t->precision = FC_TIME_SECOND;
    if (*p != '.' && *p != ',')
        return true;
    p++;
    for (; is_digit(p[n]); n++) {
        if (n == 9)
            return false;
        v = v * 10 + (p[n] - '0');
    }
    if (n == 0)
        return false;
    t->nsec = v * pow10_tab[9 - n];
    t->frac_digits = (unsigned char)n;
    t->precision = FC_TIME_FRACTION;
    *pp = p + n;
    return true;
}

/* HH:MM[:SS[.frac]]; ISO also HHMM[SS[.frac]]; RFC 822 allows a 1-digit hour. */
static bool parse_clock(const char **pp, struct fc_time *t, bool iso)
{
    const char *p = *pp;
    bool basic;
    if (iso ? !fixed(&p, 2, &t->hour) : !run(&p, 1, 2, &t->hour))
        return false;
    basic = iso && is_digit(*p);
    if (!basic) {
        if (*p != ':')
            return false;
        p++;
    }
    if (!fixed(&p, 2, &t->minute))
        return false;
    t->precision = FC_TIME_MINUTE;
    if (basic ? is_digit(*p) : *p == ':') {
        p += !basic;
        if (!fixed(&p, 2, &t->second) || !parse_frac(&p, t))
            return false;
    }
    *pp = p;
    return true;
}

/* Between day, month and year: whitespace, comments or one '-'. */
static bool date_sep(const char **pp)
{
    if (!skip_cfws(pp))
        return false;
    if (**pp == '-') {
        ++*pp;
        return skip_cfws(pp);
    }
    return true;
}

static bool parse_rfc822(const char *p, struct fc_time *t)
{
    char w[10];
    size_t n;
    int v, digits, month;
    if (!skip_cfws(&p))
        return false;
    if (is_alpha(*p)) {
        n = word(&p, w, sizeof w);
        if (n >= sizeof w || match_name(w, n, day_names, 7) < 0 || !skip_cfws(&p))
            return false;
        if (*p == ',') {
            p++;
            if (!skip_cfws(&p))
                return false;
        }
    }
    if (!run(&p, 1, 2, &t->day) || !date_sep(&p))
        return false;
    n = word(&p, w, sizeof w);
    if (n >= sizeof w || (month = match_name(w, n, month_names, 12)) < 0 || !date_sep(&p))
        return false;
    t->month = month + 1;
    if ((digits = run(&p, 2, 4, &v)) == 0)
        return false;
    t->year = digits == 4 ? v : digits == 3 ? v + 1900 : v < 50 ? v + 2000 : v + 1900;
    if (!skip_cfws(&p))
        return false;
    t->precision = FC_TIME_DATE;
    if (*p == '\0')
        return true;
    if (!parse_clock(&p, t, false) || !skip_cfws(&p))
        return false;
    if (*p == '+' || *p == '-') {
        bool minus = *p == '-';
        if (!parse_offset(&p, &t->offset))
            return false;
        t->zone = minus && t->offset == 0 ? FC_ZONE_NONE : FC_ZONE_OFFSET;
    } else if (is_alpha(*p) && !parse_zone_name(&p, t, true)) {
        return false;
    }
    return skip_cfws(&p) && *p == '\0';
}

static bool parse_iso(const char *p, struct fc_time *t)
{
    const char *q;
    if (!fixed(&p, 4, &t->year))
        return false;
    t->month = t->day = 1;
    t->precision = FC_TIME_YEAR;
    if (*p == '-') {
        p++;
        if (!fixed(&p, 2, &t->month))
            return false;
        t->precision = FC_TIME_MONTH;
        if (*p == '-') {
            p++;
            if (!fixed(&p, 2, &t->day))
                return false;
            t->precision = FC_TIME_DATE;
        }
    } else if (is_digit(*p)) {
        if (!fixed(&p, 2, &t->month) || !fixed(&p, 2, &t->day))
            return false;
        t->precision = FC_TIME_DATE;
    }
    q = skip_space(p);
    if (*q == '\0')
        return true;
    if (t->precision != FC_TIME_DATE)
        return false;
    if (*p == 'T' || *p == 't')
        p++;
    else if (q != p && is_digit(*q))
        p = q; /* "2024-01-15 10:30:00" (Jekyll, SQL) */
    else
        return false;
    if (!parse_clock(&p, t, true))
        return false;
    p = skip_space(p);
    if (*p == '+' || *p == '-') {
        if (!parse_offset(&p, &t->offset))
            return false;
        t->zone = FC_ZONE_OFFSET;
    } else if (is_alpha(*p) && !parse_zone_name(&p, t, false)) {
        return false;
    }
    return *skip_space(p) == '\0';
}

static bool is_leap(int y)
{
    return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}

static int days_in_month(int y, int m)
{
    static const unsigned char dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : dim[m - 1];
}

/* Every field the precision covers is in range (parsed or hand-built). */
static bool time_valid(const struct fc_time *t)
{
    unsigned p = t->precision;
    if (p == FC_TIME_NONE || p > FC_TIME_FRACTION || t->zone > FC_ZONE_NAME)
        return false;
    if (t->year < 1 || t->year > 9999)
        return false;
    if (p >= FC_TIME_MONTH && (t->month < 1 || t->month > 12))
        return false;
    if (p >= FC_TIME_DATE && (t->day < 1 || t->day > days_in_month(t->year, t->month)))
        return false;
    if (p >= FC_TIME_MINUTE && (t->hour < 0 || t->hour > 23 || t->minute < 0 || t->minute > 59))
        return false;
    if (p >= FC_TIME_SECOND && (t->second < 0 || t->second > 60))
        return false;
    if (p == FC_TIME_FRACTION &&
        (t->frac_digits < 1 || t->frac_digits > 9 || t->nsec < 0 || t->nsec > 999999999))
        return false;
    return t->zone == FC_ZONE_NONE || (t->offset >= -1439 && t->offset <= 1439);
}

enum fc_status fc_time_parse(const char *s, struct fc_time *t)
{
    struct fc_time r;
    const char *p;
    bool ok;
    memset(t, 0, sizeof *t);
    if (s == NULL)
        return FC_EPARSE;
    memset(&r, 0, sizeof r);
    p = skip_space(s);
    /* Four leading digits can only be an ISO year; RFC 822 starts with a
     * weekday or a 1-2 digit day. */
    if (is_digit(p[0]) && is_digit(p[1]) && is_digit(p[2]) && is_digit(p[3]))
        ok = parse_iso(p, &r);
    else
        ok = parse_rfc822(p, &r);
    if (!ok || !time_valid(&r))
        return FC_EPARSE;
    *t = r;
    return FC_OK;
}

enum fc_status fc_time_parse_keep(struct fc_arena *a, const char *s, struct fc_time *t)
{
    const char *b, *e;
    char *raw;
    if (fc_time_parse(s, t) == FC_OK)
        return FC_OK;
    if (s == NULL)
        return FC_EPARSE;
    b = skip_space(s);
    e = b + strlen(b);
    while (e > b && is_space(e[-1]))
        e--;
    if (e == b)
        return FC_EPARSE; /* nothing worth keeping */
    raw = fc_strdup(a, b, (size_t)(e - b));
    if (raw == NULL)
        return FC_ENOMEM;
    t->raw = raw;
    return FC_EPARSE;
}

/* Howard Hinnant's days_from_civil: days since 1970-01-01, proleptic
 * Gregorian.  Unsigned intermediates keep bad hand-built input defined. */
int64_t fc_days_from_civil(int64_t y, unsigned m, unsigned d)
{
    int64_t era;
    unsigned yoe, doy, doe;
    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = (unsigned)(y - era * 400);
    doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

/* Month and day, defaulting to 1 below the precision that gives them. */
static int64_t days_of(const struct fc_time *t)
{
    unsigned m = t->precision >= FC_TIME_MONTH ? (unsigned)t->month : 1;
    unsigned d = t->precision >= FC_TIME_DATE ? (unsigned)t->day : 1;
    return fc_days_from_civil(t->year, m, d);
}

int64_t fc_time_epoch(const struct fc_time *t)
{
    int64_t s;
    if (t->precision == FC_TIME_NONE)
        return 0;
    s = days_of(t) * 86400;
    if (t->precision >= FC_TIME_MINUTE)
        s += (int64_t)t->hour * 3600 + (int64_t)t->minute * 60;
    if (t->precision >= FC_TIME_SECOND)
        s += t->second;
    if (t->zone != FC_ZONE_NONE)
        s -= (int64_t)t->offset * 60; /* floating: read as UTC */
    return s;
}

void fc_civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = (int64_t)yoe + era * 400 + (*m <= 2);
}

void fc_time_from_epoch(int64_t secs, struct fc_time *t)
{
    memset(t, 0, sizeof *t);
    int64_t days = (secs >= 0 ? secs : secs - 86399) / 86400;
    int64_t rem = secs - days * 86400;
    int64_t y;
    unsigned m, d;
    fc_civil_from_days(days, &y, &m, &d);
    t->year = (int)y;
    t->month = (int)m;
    t->day = (int)d;
    t->hour = (int)(rem / 3600);
    t->minute = (int)(rem / 60 % 60);
    t->second = (int)(rem % 60);
    t->precision = FC_TIME_SECOND;
    t->zone = FC_ZONE_Z;
}

int fc_time_cmp(const struct fc_time *a, const struct fc_time *b)
{
    bool ha = a->precision != FC_TIME_NONE, hb = b->precision != FC_TIME_NONE;
    int64_t ea, eb;
    long na, nb;
    if (!ha || !hb)
        return (int)ha - (int)hb; /* absent first */
    ea = fc_time_epoch(a);
    eb = fc_time_epoch(b);
    if (ea != eb)
        return ea < eb ? -1 : 1;
    na = a->precision == FC_TIME_FRACTION ? a->nsec : 0;
    nb = b->precision == FC_TIME_FRACTION ? b->nsec : 0;
    return na < nb ? -1 : na > nb;
}

/* Copy tmp (n bytes) out when it fits with its NUL. */
static size_t emit(const char *tmp, int n, char *buf, size_t cap)
{
    if (n < 0 || (size_t)n >= cap) {
        if (cap > 0)
            buf[0] = '\0';
        return 0;
    }
    memcpy(buf, tmp, (size_t)n + 1);
    return (size_t)n;
}

/* v (0 <= v < 10^w) as w decimal digits. */
static void digits(char *p, int v, int w)
{
    for (int i = w - 1; i >= 0; i--, v /= 10)
        p[i] = (char)('0' + v % 10);
}

size_t fc_time_rfc3339(const struct fc_time *t, char *buf, size_t cap)
{
    char tmp[64];
    size_t len;
    if (!time_valid(t))
        return emit("", -1, buf, cap);
    if (t->precision == FC_TIME_YEAR)
        return emit(tmp, snprintf(tmp, sizeof tmp, "%04d", t->year), buf, cap);
    if (t->precision == FC_TIME_MONTH)
        return emit(tmp, snprintf(tmp, sizeof tmp, "%04d-%02d", t->year, t->month), buf, cap);
    if (t->precision == FC_TIME_DATE)
        return emit(tmp, snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", t->year, t->month, t->day),
                    buf, cap);
    /* MINUTE still writes seconds: RFC 3339 requires them.  Digits by
     * hand: writers format two dates per post. */
    digits(tmp, t->year, 4);
    tmp[4] = '-';
    digits(tmp + 5, t->month, 2);
    tmp[7] = '-';
    digits(tmp + 8, t->day, 2);
    tmp[10] = 'T';
    digits(tmp + 11, t->hour, 2);
    tmp[13] = ':';
    digits(tmp + 14, t->minute, 2);
    tmp[16] = ':';
    digits(tmp + 17, t->precision == FC_TIME_MINUTE ? 0 : t->second, 2);
    tmp[19] = '\0';
    len = 19; /* validated fields */
    if (t->precision == FC_TIME_FRACTION)
        len += (size_t)snprintf(tmp + len, sizeof tmp - len, ".%0*ld", (int)t->frac_digits,
                                t->nsec / pow10_tab[9 - t->frac_digits]);
    if (t->zone == FC_ZONE_Z) {
        tmp[len++] = 'Z';
        tmp[len] = '\0';
    } else if (t->zone != FC_ZONE_NONE) {
        int off = t->offset < 0 ? -t->offset : t->offset;
        if (off / 60 > 99) {
            len += (size_t)snprintf(tmp + len, sizeof tmp - len, "%c%02d:%02d",
                                    t->offset < 0 ? '-' : '+', off / 60, off % 60);
        } else {
            tmp[len] = t->offset < 0 ? '-' : '+';
            digits(tmp + len + 1, off / 60, 2);
            tmp[len + 3] = ':';
            digits(tmp + len + 4, off % 60, 2);
            len += 6;
            tmp[len] = '\0';
        }
    }
    return emit(tmp, (int)len, buf, cap);
}

size_t fc_time_rfc822(const struct fc_time *t, char *buf, size_t cap)
{
    char tmp[64];
    int64_t days;
    int wd, off, m, d;
    bool clock, secs;
    char sign;
    if (!time_valid(t))
        return emit("", -1, buf, cap);
    days = days_of(t);
    wd = (int)(((days % 7) + 11) % 7); /* 1970-01-01 was a Thursday (4) */
    m = t->precision >= FC_TIME_MONTH ? t->month : 1;
    d = t->precision >= FC_TIME_DATE ? t->day : 1;
    clock = t->precision >= FC_TIME_MINUTE;
    secs = t->precision >= FC_TIME_SECOND;
    /* Z and named zones as numbers (deterministic, no zone table needed to
     * read them back), but for a named zone at UTC: "GMT" (the name feeds
     * write most, and it reads back as a named zone); floating is RFC
     * 2822's "-0000", zone unknown. */
    off = t->zone == FC_ZONE_NONE ? 0 : t->offset;
    if (t->zone == FC_ZONE_NAME && off == 0)
        return emit(tmp,
                    snprintf(tmp, sizeof tmp, "%s, %02d %s %04d %02d:%02d:%02d GMT", day_abbr[wd],
                             d, month_abbr[m - 1], t->year, clock ? t->hour : 0,
                             clock ? t->minute : 0, secs ? t->second : 0),
                    buf, cap);
    sign = t->zone == FC_ZONE_NONE || off < 0 ? '-' : '+';
    if (off < 0)
        off = -off;
    return emit(tmp,
                snprintf(tmp, sizeof tmp, "%s, %02d %s %04d %02d:%02d:%02d %c%02d%02d",
                         day_abbr[wd], d, month_abbr[m - 1], t->year, clock ? t->hour : 0,
                         clock ? t->minute : 0, secs ? t->second : 0, sign, off / 60, off % 60),
                buf, cap);
}
