/*
 * tz.c - TZif files (RFC 8536) and POSIX TZ strings (POSIX.1-2017 8.3,
 * with RFC 8536's extensions: hours up to 167 and negative rule times).
 *
 * A zone is its table of transitions (the 64-bit block of version 2+
 * files, else the 32-bit one) and the footer's rule for the times after
 * the last transition.  Leap-second records are skipped (the "right/"
 * zones; Debian's default zones have none).  Times before the first
 * transition take the first local time type (RFC 8536 3.2).
 *
 * Gaps and overlaps: see enum fc_tz_rule.  Go's algorithm is time.Date's
 * (go/src/time/time.go), Ruby's was observed with ruby 3.1 (TZ set,
 * Time.local): 2023-03-12 02:30 in America/New_York is 03:30 -0400,
 * 2023-11-05 01:30 is 01:30 -0500; in Europe/Berlin 2023-03-26 02:30 is
 * 03:30 +0200 and 2023-10-29 02:30 is 02:30 +0100.
 */
#include "sites/tz.h"

#include <stdlib.h>
#include <string.h>

#define TZ_MAX_COUNT 100000u /* transitions / types: real files hold a few hundred */

/* A POSIX TZ rule date: Jn (1-365, no Feb 29), n (0-365), Mm.w.d. */
struct tz_date {
    char kind; /* 'J', 'n', 'M' */
    int m, w, d, n;
    long secs; /* time of day of the change, local, may be < 0 or > 24 h */
};

struct tz_rule {
    bool present, dst;
    long std_off, dst_off; /* seconds east of UTC */
    struct tz_date start, end;
};

struct fc_tz {
    const char *name;
    size_t n;            /* transitions */
    int64_t *at;         /* n instants, ascending */
    long *off;           /* n offsets in force from at[i] */
    long first_off;      /* before at[0] (or always, with no transitions) */
    struct tz_rule rule; /* after at[n-1], when present */
};

/* ---- calendar ------------------------------------------------------------ */

static int64_t floor_div(int64_t a, int64_t b)
{
    return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

static bool leap_year(int64_t y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* The day (days since the epoch) a rule date falls on in year y. */
static int64_t rule_day(const struct tz_date *r, int64_t y)
{
    int64_t jan1 = fc_days_from_civil(y, 1, 1);
    if (r->kind == 'J') /* Feb 29 is never counted */
        return jan1 + r->n - 1 + (leap_year(y) && r->n >= 60);
    if (r->kind == 'n')
        return jan1 + r->n;
    int64_t first = fc_days_from_civil(y, (unsigned)r->m, 1);
    int wd = (int)(((first % 7) + 11) % 7); /* 1970-01-01 was a Thursday */
    int64_t day = first + (r->d - wd + 7) % 7 + 7 * (r->w - 1);
    static const unsigned char mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int64_t next = first + mdays[r->m - 1] + (r->m == 2 && leap_year(y));
    while (day >= next) /* week 5: the last such day */
        day -= 7;
    return day;
}

/* ---- POSIX TZ strings ------------------------------------------------------ */

struct tz_scan {
    const char *p, *end;
};

static bool sc_more(const struct tz_scan *s)
{
    return s->p < s->end;
}

static bool sc_digit(const struct tz_scan *s)
{
    return sc_more(s) && *s->p >= '0' && *s->p <= '9';
}

static bool sc_num(struct tz_scan *s, long max, long *v)
{
    if (!sc_digit(s))
        return false;
    *v = 0;
    while (sc_digit(s)) {
        *v = *v * 10 + (*s->p++ - '0');
        if (*v > max)
            return false;
    }
    return true;
}

/* A zone abbreviation: 3 or more letters, or <...> with signs and digits. */
static bool sc_name(struct tz_scan *s)
{
    const char *start = s->p;
    if (sc_more(s) && *s->p == '<') {
        s->p++;
        while (sc_more(s) && *s->p != '>')
            s->p++;
        if (!sc_more(s))
            return false;
        s->p++;
        return s->p - start >= 5;
    }
    while (sc_more(s) && fc_ascii_alpha((unsigned char)*s->p))
        s->p++;
    return s->p - start >= 3;
}

/* [+-]hh[:mm[:ss]], hours up to 167 (RFC 8536). */
static bool sc_time(struct tz_scan *s, long *secs)
{
    long sign = 1, h, m = 0, sec = 0;
    if (sc_more(s) && (*s->p == '+' || *s->p == '-'))
        sign = *s->p++ == '-' ? -1 : 1;
    if (!sc_num(s, 167, &h))
        return false;
    if (sc_more(s) && *s->p == ':') {
        s->p++;
        if (!sc_num(s, 59, &m))
            return false;
        if (sc_more(s) && *s->p == ':') {
            s->p++;
            if (!sc_num(s, 59, &sec))
                return false;
        }
    }
    *secs = sign * (h * 3600 + m * 60 + sec);
    return true;
}

static bool sc_date(struct tz_scan *s, struct tz_date *r)
{
    long a, b, c;
    r->secs = 2 * 3600;
    if (sc_more(s) && *s->p == 'J') {
        s->p++;
        if (!sc_num(s, 365, &a) || a < 1)
            return false;
        r->kind = 'J', r->n = (int)a;
    } else if (sc_more(s) && *s->p == 'M') {
        s->p++;
        if (!sc_num(s, 12, &a) || a < 1 || !sc_more(s) || *s->p++ != '.' || !sc_num(s, 5, &b) ||
            b < 1 || !sc_more(s) || *s->p++ != '.' || !sc_num(s, 6, &c))
            return false;
        r->kind = 'M', r->m = (int)a, r->w = (int)b, r->d = (int)c;
    } else {
        if (!sc_num(s, 365, &a))
            return false;
        r->kind = 'n', r->n = (int)a;
    }
    if (sc_more(s) && *s->p == '/') {
        s->p++;
        return sc_time(s, &r->secs);
    }
    return true;
}

/* The footer's TZ string p[0..n); an empty one leaves no rule. */
static bool parse_rule(const char *p, size_t n, struct tz_rule *r)
{
    struct tz_scan s = {p, p + n};
    long west;
    memset(r, 0, sizeof *r);
    if (n == 0)
        return true;
    if (!sc_name(&s) || !sc_time(&s, &west))
        return false;
    r->present = true;
    r->std_off = -west; /* POSIX offsets count west of Greenwich */
    if (!sc_more(&s))
        return true;
    if (!sc_name(&s))
        return false;
    r->dst = true;
    r->dst_off = r->std_off + 3600;
    if (sc_more(&s) && *s.p != ',') {
        if (!sc_time(&s, &west))
            return false;
        r->dst_off = -west;
    }
    if (!sc_more(&s)) { /* no rule given: POSIX leaves it to the system; use the US one */
        r->start = (struct tz_date){'M', 3, 2, 0, 0, 7200};
        r->end = (struct tz_date){'M', 11, 1, 0, 0, 7200};
        return true;
    }
    if (*s.p++ != ',' || !sc_date(&s, &r->start) || !sc_more(&s) || *s.p++ != ',' ||
        !sc_date(&s, &r->end))
        return false;
    return !sc_more(&s);
}

/* ---- TZif ------------------------------------------------------------------ */

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static int64_t be64(const unsigned char *p)
{
    return (int64_t)((uint64_t)be32(p) << 32 | be32(p + 4));
}

struct tzif_counts {
    uint32_t isut, isstd, leap, time, type, chars;
};

static bool header(const unsigned char *p, size_t n, struct tzif_counts *c, int *version)
{
    if (n < 44 || memcmp(p, "TZif", 4) != 0)
        return false;
    *version = p[4] ? p[4] - '0' : 1;
    c->isut = be32(p + 20);
    c->isstd = be32(p + 24);
    c->leap = be32(p + 28);
    c->time = be32(p + 32);
    c->type = be32(p + 36);
    c->chars = be32(p + 40);
    return *version >= 1 && *version <= 9 && c->type >= 1 && c->type <= 256 &&
           c->time <= TZ_MAX_COUNT && c->leap <= TZ_MAX_COUNT && c->chars <= TZ_MAX_COUNT &&
           (c->isut == 0 || c->isut == c->type) && (c->isstd == 0 || c->isstd == c->type);
}

static size_t block_size(const struct tzif_counts *c, size_t tsize)
{
    return c->time * tsize + c->time + c->type * 6u + c->chars + c->leap * (tsize + 4) + c->isstd +
           c->isut;
}

enum fc_status fc_tz_parse(struct fc_arena *a, const unsigned char *p, size_t n, const char *name,
                           struct fc_tz **out, struct fc_error *err)
{
    struct tzif_counts c;
    int version;
    *out = NULL;
    if (!header(p, n, &c, &version) || n - 44 < block_size(&c, 4))
        return fc_fail(err, FC_EPARSE, name, 0, 0, "not a TZif time zone file");
    size_t tsize = 4;
    const unsigned char *d = p + 44, *end = p + n;
    if (version >= 2) { /* skip the 32-bit block for the 64-bit one */
        const unsigned char *h2 = d + block_size(&c, 4);
        if ((size_t)(end - h2) < 44 || !header(h2, (size_t)(end - h2), &c, &version) ||
            (size_t)(end - h2) - 44 < block_size(&c, 8))
            return fc_fail(err, FC_EPARSE, name, 0, 0, "not a TZif time zone file");
        d = h2 + 44;
        tsize = 8;
    }
    struct fc_tz *tz = fc_alloc(a, sizeof *tz);
    if (!tz || !(tz->name = fc_strdup(a, name ? name : "", (size_t)-1)))
        return fc_nomem(err);
    tz->n = c.time;
    tz->at = fc_alloc(a, (c.time ? c.time : 1) * sizeof *tz->at);
    tz->off = fc_alloc(a, (c.time ? c.time : 1) * sizeof *tz->off);
    if (!tz->at || !tz->off)
        return fc_nomem(err);
    const unsigned char *idx = d + c.time * tsize, *types = idx + c.time;
    for (uint32_t i = 0; i < c.time; i++) {
        tz->at[i] = tsize == 8 ? be64(d + i * 8) : (int32_t)be32(d + i * 4);
        if (idx[i] >= c.type || (i && tz->at[i] <= tz->at[i - 1]))
            return fc_fail(err, FC_EPARSE, name, 0, 0, "bad transition table in TZif file");
        tz->off[i] = (int32_t)be32(types + idx[i] * 6u);
    }
    tz->first_off = (int32_t)be32(types);
    const unsigned char *foot = d + block_size(&c, tsize);
    if (version >= 2 && foot < end && *foot == '\n') {
        const unsigned char *nl = memchr(foot + 1, '\n', (size_t)(end - foot - 1));
        if (!nl || !parse_rule((const char *)foot + 1, (size_t)(nl - foot - 1), &tz->rule))
            return fc_fail(err, FC_EPARSE, name, 0, 0, "bad TZ rule in TZif file");
    }
    *out = tz;
    return FC_OK;
}

enum fc_status fc_tz_load(struct fc_arena *a, const char *name, struct fc_tz **tz,
                          struct fc_error *err)
{
    struct fc_buf b;
    fc_buf_init(&b);
    enum fc_status st = fc_zoneinfo_read(name, &b, err);
    if (!st)
        st = fc_tz_parse(a, (const unsigned char *)b.data, b.len, name, tz, err);
    fc_buf_free(&b);
    return st;
}

const char *fc_tz_name(const struct fc_tz *tz)
{
    return tz->name;
}

/* ---- lookups ----------------------------------------------------------------- */

/* The offset in force at utc, and the period [*from, *to) it holds for. */
static long lookup(const struct fc_tz *tz, int64_t utc, int64_t *from, int64_t *to)
{
    *from = INT64_MIN;
    *to = INT64_MAX;
    if (tz->n == 0 || utc < tz->at[0]) {
        if (tz->n)
            *to = tz->at[0];
        else if (tz->rule.present)
            goto rule;
        return tz->n || !tz->rule.present ? tz->first_off : tz->rule.std_off;
    }
    size_t lo = 0, hi = tz->n; /* the last transition <= utc */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (tz->at[mid] <= utc)
            lo = mid;
        else
            hi = mid;
    }
    *from = tz->at[lo];
    if (lo + 1 < tz->n) {
        *to = tz->at[lo + 1];
        return tz->off[lo];
    }
    if (!tz->rule.present)
        return tz->off[lo];
rule:;
    const struct tz_rule *r = &tz->rule;
    if (!r->dst)
        return r->std_off;
    /* the changes of the years around utc, in order */
    int64_t ev[6];
    bool to_dst[6];
    int64_t days = floor_div(utc + r->std_off, 86400), y;
    unsigned m, dd;
    fc_civil_from_days(days, &y, &m, &dd);
    int k = 0;
    for (int64_t yy = y - 1; yy <= y + 1; yy++) {
        ev[k] = rule_day(&r->start, yy) * 86400 + r->start.secs - r->std_off;
        to_dst[k++] = true;
        ev[k] = rule_day(&r->end, yy) * 86400 + r->end.secs - r->dst_off;
        to_dst[k++] = false;
    }
    for (int i = 1; i < 6; i++) /* insertion sort: southern zones cross the year */
        for (int j = i; j > 0 && ev[j] < ev[j - 1]; j--) {
            int64_t t = ev[j];
            ev[j] = ev[j - 1], ev[j - 1] = t;
            bool b = to_dst[j];
            to_dst[j] = to_dst[j - 1], to_dst[j - 1] = b;
        }
    int last = -1;
    for (int i = 0; i < 6 && ev[i] <= utc; i++)
        last = i;
    if (last < 0) {
        *to = ev[0] < *to ? ev[0] : *to;
        return to_dst[0] ? r->std_off : r->dst_off;
    }
    if (ev[last] > *from)
        *from = ev[last];
    if (last + 1 < 6)
        *to = ev[last + 1];
    return to_dst[last] ? r->dst_off : r->std_off;
}

long fc_tz_offset_at(const struct fc_tz *tz, int64_t utc)
{
    int64_t from, to;
    return lookup(tz, utc, &from, &to);
}

long fc_tz_local_offset(const struct fc_tz *tz, int64_t local, enum fc_tz_rule rule)
{
    int64_t from, to;
    if (rule == FC_TZ_GO) {
        long off = lookup(tz, local, &from, &to);
        int64_t utc = local - off;
        if (utc < from || utc >= to)
            off = lookup(tz, utc, &from, &to);
        return off;
    }
    /* Ruby: the offsets of the periods around the local time (no zone is
     * ever more than a day from UTC, changes are days apart) */
    long before = lookup(tz, local - 86400, &from, &to);
    long after = lookup(tz, local + 86400, &from, &to);
    bool ok_before = lookup(tz, local - before, &from, &to) == before;
    bool ok_after = lookup(tz, local - after, &from, &to) == after;
    if (ok_before && ok_after) /* both: an overlap (or no change): the later instant */
        return before < after ? before : after;
    if (ok_after)
        return after;
    if (ok_before)
        return before;
    return before; /* a gap: read with the offset before it */
}
