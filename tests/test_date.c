/*
 * test_date.c - fc_time_parse / fc_time_rfc3339 / fc_time_rfc822 /
 * fc_time_epoch / fc_time_cmp / fc_time_parse_keep on the date forms real
 * feeds carry.  Each accepted input is checked field by field (as one
 * readable dump), in both output forms, and read back from both.
 */
#include "internal.h"

#include "check.h"

#include <stdio.h>
#include <string.h>

static const char *const prec_names[] = {"none",   "year",   "month",   "date",
                                         "minute", "second", "fraction"};
static const char *const zone_names[] = {"none", "offset", "z", "name"};

/* Every field of a time on one line. */
static const char *dump(const struct fc_time *t, char *buf, size_t cap)
{
    snprintf(buf, cap, "%04d-%02d-%02d %02d:%02d:%02d ns=%ld/%d off=%+d %s %s%s", t->year, t->month,
             t->day, t->hour, t->minute, t->second, t->nsec, t->frac_digits, t->offset,
             t->precision <= FC_TIME_FRACTION ? prec_names[t->precision] : "?",
             t->zone <= FC_ZONE_NAME ? zone_names[t->zone] : "?", t->raw ? " raw" : "");
    return buf;
}

/* A check name with the input made printable (tabs, newlines). */
static const char *label(char *buf, size_t cap, const char *what, const char *in)
{
    size_t n = (size_t)snprintf(buf, cap, "%s \"", what);
    for (; *in && n + 4 < cap; in++)
        if (*in == '\n' || *in == '\t' || *in == '\r') {
            buf[n++] = '\\';
            buf[n++] = *in == '\n' ? 'n' : *in == '\t' ? 't' : 'r';
        } else {
            buf[n++] = *in;
        }
    buf[n++] = '"';
    buf[n] = '\0';
    return buf;
}

struct ok_case {
    const char *in;
    const char *fields;
    const char *rfc3339;
    const char *rfc822;
};

#define T0758 "2011-03-08 04:58:07 ns=0/0"
#define R0758 "Tue, 08 Mar 2011 04:58:07"

static const struct ok_case oks[] = {
    /* RFC 822 / 2822 */
    {"Tue, 08 Mar 2011 04:58:07 +0000", T0758 " off=+0 second offset", "2011-03-08T04:58:07+00:00",
     R0758 " +0000"},
    {"Tue, 08 Mar 2011 04:58:07 GMT", T0758 " off=+0 second name", "2011-03-08T04:58:07+00:00",
     R0758 " GMT"},
    {"Tue, 8 Mar 2011 04:58:07 GMT", T0758 " off=+0 second name", "2011-03-08T04:58:07+00:00",
     R0758 " GMT"},
    {"08 Mar 2011 04:58:07 +0000", T0758 " off=+0 second offset", "2011-03-08T04:58:07+00:00",
     R0758 " +0000"},
    {"Wed, 08 Mar 2011 04:58:07 +0000", T0758 " off=+0 second offset", "2011-03-08T04:58:07+00:00",
     R0758 " +0000"},
    {"Tue, 08 Mar 2011 04:58 +0000", "2011-03-08 04:58:00 ns=0/0 off=+0 minute offset",
     "2011-03-08T04:58:00+00:00", "Tue, 08 Mar 2011 04:58:00 +0000"},
    {"Tue, 08 Mar 11 04:58:07 GMT", T0758 " off=+0 second name", "2011-03-08T04:58:07+00:00",
     R0758 " GMT"},
    {"Mon, 08 Mar 99 04:58:07 GMT", "1999-03-08 04:58:07 ns=0/0 off=+0 second name",
     "1999-03-08T04:58:07+00:00", "Mon, 08 Mar 1999 04:58:07 GMT"},
    {"08 Mar 49 04:58:07 GMT", "2049-03-08 04:58:07 ns=0/0 off=+0 second name",
     "2049-03-08T04:58:07+00:00", "Mon, 08 Mar 2049 04:58:07 GMT"},
    {"08 Mar 50 04:58:07 GMT", "1950-03-08 04:58:07 ns=0/0 off=+0 second name",
     "1950-03-08T04:58:07+00:00", "Wed, 08 Mar 1950 04:58:07 GMT"},
    {"08 Mar 111 04:58:07 GMT", T0758 " off=+0 second name", "2011-03-08T04:58:07+00:00",
     R0758 " GMT"},
    {"Tue, 08 Mar 2011 04:58:07 UT", T0758 " off=+0 second name", "2011-03-08T04:58:07+00:00",
     R0758 " GMT"},
    {"Tue, 08 Mar 2011 04:58:07 UTC", T0758 " off=+0 second name", "2011-03-08T04:58:07+00:00",
     R0758 " GMT"},
    {"Tue, 08 Mar 2011 04:58:07 Z", T0758 " off=+0 second z", "2011-03-08T04:58:07Z",
     R0758 " +0000"},
    {"Tue, 08 Mar 2011 04:58:07 EST", T0758 " off=-300 second name", "2011-03-08T04:58:07-05:00",
     R0758 " -0500"},
    {"Tue, 08 Mar 2011 04:58:07 EDT", T0758 " off=-240 second name", "2011-03-08T04:58:07-04:00",
     R0758 " -0400"},
    {"Tue, 08 Mar 2011 04:58:07 CST", T0758 " off=-360 second name", "2011-03-08T04:58:07-06:00",
     R0758 " -0600"},
    {"Tue, 08 Mar 2011 04:58:07 CDT", T0758 " off=-300 second name", "2011-03-08T04:58:07-05:00",
     R0758 " -0500"},
    {"Tue, 08 Mar 2011 04:58:07 MST", T0758 " off=-420 second name", "2011-03-08T04:58:07-07:00",
     R0758 " -0700"},
    {"Tue, 08 Mar 2011 04:58:07 MDT", T0758 " off=-360 second name", "2011-03-08T04:58:07-06:00",
     R0758 " -0600"},
    {"Tue, 08 Mar 2011 04:58:07 PST", T0758 " off=-480 second name", "2011-03-08T04:58:07-08:00",
     R0758 " -0800"},
    {"Tue, 08 Mar 2011 04:58:07 pdt", T0758 " off=-420 second name", "2011-03-08T04:58:07-07:00",
     R0758 " -0700"},
    /* military letters: RFC 822's table, as feedparser reads it */
    {"Tue, 08 Mar 2011 04:58:07 A", T0758 " off=-60 second name", "2011-03-08T04:58:07-01:00",
     R0758 " -0100"},
    {"Tue, 08 Mar 2011 04:58:07 K", T0758 " off=-600 second name", "2011-03-08T04:58:07-10:00",
     R0758 " -1000"},
    {"Tue, 08 Mar 2011 04:58:07 M", T0758 " off=-720 second name", "2011-03-08T04:58:07-12:00",
     R0758 " -1200"},
    {"Tue, 08 Mar 2011 04:58:07 N", T0758 " off=+60 second name", "2011-03-08T04:58:07+01:00",
     R0758 " +0100"},
    {"Tue, 08 Mar 2011 04:58:07 y", T0758 " off=+720 second name", "2011-03-08T04:58:07+12:00",
     R0758 " +1200"},
    {"Tue, 08 Mar 2011 04:58:07 +0530", T0758 " off=+330 second offset",
     "2011-03-08T04:58:07+05:30", R0758 " +0530"},
    {"Tue, 08 Mar 2011 04:58:07 -0530", T0758 " off=-330 second offset",
     "2011-03-08T04:58:07-05:30", R0758 " -0530"},
    {"Tue, 08 Mar 2011 04:58:07 +05:30", T0758 " off=+330 second offset",
     "2011-03-08T04:58:07+05:30", R0758 " +0530"},
    {"Tue, 08 Mar 2011 04:58:07 GMT+0100", T0758 " off=+60 second offset",
     "2011-03-08T04:58:07+01:00", R0758 " +0100"},
    {"tue, 08 mar 2011 04:58:07 gmt", T0758 " off=+0 second name", "2011-03-08T04:58:07+00:00",
     R0758 " GMT"},
    {"TUE, 08 MAR 2011 04:58:07 GMT", T0758 " off=+0 second name", "2011-03-08T04:58:07+00:00",
     R0758 " GMT"},
    {"Tuesday, 8 March 2011 04:58:07 GMT", T0758 " off=+0 second name", "2011-03-08T04:58:07+00:00",
     R0758 " GMT"},
    {"Tuesday, 8 March 2011", "2011-03-08 00:00:00 ns=0/0 off=+0 date none", "2011-03-08",
     "Tue, 08 Mar 2011 00:00:00 -0000"},
    {"Thurs, 01 Sept 2011 04:58:07 GMT", "2011-09-01 04:58:07 ns=0/0 off=+0 second name",
     "2011-09-01T04:58:07+00:00", "Thu, 01 Sep 2011 04:58:07 GMT"},
    {" \t Tue,  08   Mar\n2011   04:58:07  +0000 \r\n", T0758 " off=+0 second offset",
     "2011-03-08T04:58:07+00:00", R0758 " +0000"},
    {"Tue,08 Mar 2011 04:58:07 GMT", T0758 " off=+0 second name", "2011-03-08T04:58:07+00:00",
     R0758 " GMT"},
    {"Tue 08 Mar 2011 04:58:07 GMT", T0758 " off=+0 second name", "2011-03-08T04:58:07+00:00",
     R0758 " GMT"},
    {"Tue, 08-Mar-2011 04:58:07 GMT", T0758 " off=+0 second name", "2011-03-08T04:58:07+00:00",
     R0758 " GMT"},
    {"Tue, 08 Mar 2011 4:58:07 GMT", "2011-03-08 04:58:07 ns=0/0 off=+0 second name",
     "2011-03-08T04:58:07+00:00", R0758 " GMT"},
    {"Tue, 08 Mar 2011 04:58:07", T0758 " off=+0 second none", "2011-03-08T04:58:07",
     R0758 " -0000"},
    {"Tue, 08 Mar 2011 04:58:07 -0000", T0758 " off=+0 second none", "2011-03-08T04:58:07",
     R0758 " -0000"},
    {"Tue, 08 Mar 2011 04:58:07 +0000 (UTC)", T0758 " off=+0 second offset",
     "2011-03-08T04:58:07+00:00", R0758 " +0000"},
    {"Tue, 08 Mar 2011 04:58:07 -0800 (Pacific (Standard) \\) Time)",
     T0758 " off=-480 second offset", "2011-03-08T04:58:07-08:00", R0758 " -0800"},
    {"Tue, 08 Mar 2011 04:58:07.250 GMT", "2011-03-08 04:58:07 ns=250000000/3 off=+0 fraction name",
     "2011-03-08T04:58:07.250+00:00", R0758 " GMT"},
    {"Sat, 31 Dec 2016 23:59:60 +0000", "2016-12-31 23:59:60 ns=0/0 off=+0 second offset",
     "2016-12-31T23:59:60+00:00", "Sat, 31 Dec 2016 23:59:60 +0000"},
    {"Thu, 29 Feb 2024 12:00:00 +0000", "2024-02-29 12:00:00 ns=0/0 off=+0 second offset",
     "2024-02-29T12:00:00+00:00", "Thu, 29 Feb 2024 12:00:00 +0000"},
    /* RFC 3339 / ISO 8601 */
    {"2011-03-08T04:58:07Z", T0758 " off=+0 second z", "2011-03-08T04:58:07Z", R0758 " +0000"},
    {"2011-03-08t04:58:07z", T0758 " off=+0 second z", "2011-03-08T04:58:07Z", R0758 " +0000"},
    {"2011-03-08T04:58:07+00:00", T0758 " off=+0 second offset", "2011-03-08T04:58:07+00:00",
     R0758 " +0000"},
    {"2011-03-08T04:58:07-00:00", T0758 " off=+0 second offset", "2011-03-08T04:58:07+00:00",
     R0758 " +0000"},
    {"2011-03-08T04:58:07+05:30", T0758 " off=+330 second offset", "2011-03-08T04:58:07+05:30",
     R0758 " +0530"},
    {"2011-03-08T04:58:07+0530", T0758 " off=+330 second offset", "2011-03-08T04:58:07+05:30",
     R0758 " +0530"},
    {"2011-03-08T04:58:07+05", T0758 " off=+300 second offset", "2011-03-08T04:58:07+05:00",
     R0758 " +0500"},
    {"2011-03-08T04:58:07-03:30", T0758 " off=-210 second offset", "2011-03-08T04:58:07-03:30",
     R0758 " -0330"},
    {"2011-03-08T04:58:07+23:59", T0758 " off=+1439 second offset", "2011-03-08T04:58:07+23:59",
     R0758 " +2359"},
    {"2011-03-08T04:58:07.1Z", "2011-03-08 04:58:07 ns=100000000/1 off=+0 fraction z",
     "2011-03-08T04:58:07.1Z", R0758 " +0000"},
    {"2011-03-08T04:58:07.000Z", "2011-03-08 04:58:07 ns=0/3 off=+0 fraction z",
     "2011-03-08T04:58:07.000Z", R0758 " +0000"},
    {"2011-03-08T04:58:07.1234567+01:00",
     "2011-03-08 04:58:07 ns=123456700/7 off=+60 fraction offset",
     "2011-03-08T04:58:07.1234567+01:00", R0758 " +0100"},
    {"2011-03-08T04:58:07.123456789Z", "2011-03-08 04:58:07 ns=123456789/9 off=+0 fraction z",
     "2011-03-08T04:58:07.123456789Z", R0758 " +0000"},
    {"2011-03-08T04:58:07,5Z", "2011-03-08 04:58:07 ns=500000000/1 off=+0 fraction z",
     "2011-03-08T04:58:07.5Z", R0758 " +0000"},
    {"2024-01-15 10:30:00 +0530", "2024-01-15 10:30:00 ns=0/0 off=+330 second offset",
     "2024-01-15T10:30:00+05:30", "Mon, 15 Jan 2024 10:30:00 +0530"},
    {"2024-01-15 10:30:00+05:30", "2024-01-15 10:30:00 ns=0/0 off=+330 second offset",
     "2024-01-15T10:30:00+05:30", "Mon, 15 Jan 2024 10:30:00 +0530"},
    {"2024-01-15 10:30:00", "2024-01-15 10:30:00 ns=0/0 off=+0 second none", "2024-01-15T10:30:00",
     "Mon, 15 Jan 2024 10:30:00 -0000"},
    {"2024-01-15 10:30:00 UTC", "2024-01-15 10:30:00 ns=0/0 off=+0 second name",
     "2024-01-15T10:30:00+00:00", "Mon, 15 Jan 2024 10:30:00 GMT"},
    {"2024-01-15T10:30Z", "2024-01-15 10:30:00 ns=0/0 off=+0 minute z", "2024-01-15T10:30:00Z",
     "Mon, 15 Jan 2024 10:30:00 +0000"},
    {"2024-01-15T10:30", "2024-01-15 10:30:00 ns=0/0 off=+0 minute none", "2024-01-15T10:30:00",
     "Mon, 15 Jan 2024 10:30:00 -0000"},
    {"2024-01-15", "2024-01-15 00:00:00 ns=0/0 off=+0 date none", "2024-01-15",
     "Mon, 15 Jan 2024 00:00:00 -0000"},
    {"  2024-01-15 \n", "2024-01-15 00:00:00 ns=0/0 off=+0 date none", "2024-01-15",
     "Mon, 15 Jan 2024 00:00:00 -0000"},
    {"2024-01", "2024-01-01 00:00:00 ns=0/0 off=+0 month none", "2024-01",
     "Mon, 01 Jan 2024 00:00:00 -0000"},
    {"2024", "2024-01-01 00:00:00 ns=0/0 off=+0 year none", "2024",
     "Mon, 01 Jan 2024 00:00:00 -0000"},
    {"20240115T103000Z", "2024-01-15 10:30:00 ns=0/0 off=+0 second z", "2024-01-15T10:30:00Z",
     "Mon, 15 Jan 2024 10:30:00 +0000"},
    {"20240115T1030+0100", "2024-01-15 10:30:00 ns=0/0 off=+60 minute offset",
     "2024-01-15T10:30:00+01:00", "Mon, 15 Jan 2024 10:30:00 +0100"},
    {"20240115", "2024-01-15 00:00:00 ns=0/0 off=+0 date none", "2024-01-15",
     "Mon, 15 Jan 2024 00:00:00 -0000"},
    {"2000-02-29T00:00:00Z", "2000-02-29 00:00:00 ns=0/0 off=+0 second z", "2000-02-29T00:00:00Z",
     "Tue, 29 Feb 2000 00:00:00 +0000"},
    {"2016-12-31T23:59:60Z", "2016-12-31 23:59:60 ns=0/0 off=+0 second z", "2016-12-31T23:59:60Z",
     "Sat, 31 Dec 2016 23:59:60 +0000"},
    {"0001-01-01T00:00:00Z", "0001-01-01 00:00:00 ns=0/0 off=+0 second z", "0001-01-01T00:00:00Z",
     "Mon, 01 Jan 0001 00:00:00 +0000"},
    {"9999-12-31T23:59:59-23:59", "9999-12-31 23:59:59 ns=0/0 off=-1439 second offset",
     "9999-12-31T23:59:59-23:59", "Fri, 31 Dec 9999 23:59:59 -2359"},
    {"1969-12-31T23:59:59Z", "1969-12-31 23:59:59 ns=0/0 off=+0 second z", "1969-12-31T23:59:59Z",
     "Wed, 31 Dec 1969 23:59:59 +0000"},
};

static const char *const rejects[] = {
    "",
    "   ",
    "garbage",
    "Tue",
    "Tue,",
    "2011-02-30",
    "2011-02-29",
    "1900-02-29",
    "2011-04-31",
    "2011-13-01",
    "2011-00-10",
    "2011-03-00",
    "0000-01-01",
    "2011-3-8",
    "2011-03-8",
    "20240",
    "2024011",
    "202401150",
    "2024-0115",
    "2011-03-08Z",
    "2011-03-08T",
    "2011-03-08T04Z",
    "2011-03-08T04:5Z",
    "2011-03-08T24:00:00Z",
    "2011-03-08T23:60:00Z",
    "2011-03-08T23:59:61Z",
    "2011-03-08T04:58:07Zjunk",
    "2011-03-08T04:58:07+24:00",
    "2011-03-08T04:58:07+23:60",
    "2011-03-08T04:58:07+05:3",
    "2011-03-08T04:58:07+5",
    "2011-03-08T04:58:07+05301",
    "2011-03-08T04:58:07.Z",
    "2011-03-08T04:58:07.1234567890Z",
    "2011-03-08T04:58:07 junk",
    "2011-03-08T04:58:07 A",
    "2024-01-15 10:30:00 +0530 x",
    "2024-01T10:00Z",
    "2011-03-08 T04:58",
    "Tue, 32 Mar 2011 04:58:07 GMT",
    "Tue, 29 Feb 2011 04:58:07 GMT",
    "Tue, 08 Foo 2011 04:58:07",
    "Funday, 08 Mar 2011 04:58:07 GMT",
    "Tu, 08 Mar 2011",
    "Tue, 08 Ma 2011",
    "Tue, 08 Mar 2011 04:58:07 J",
    "Tue, 08 Mar 2011 04:58:07 XYZ",
    "Tue, 08 Mar 2011 04:58:07 GMTX",
    "Tue, 08 Mar 2011 04:58:07 +0000 (unclosed",
    "Tue, 08 Mar 2011 04:58:07 +0000 GMT",
    "Tue, 08 Mar 2011 04:58:07 +0000 junk",
    "Tue, 08 Mar 2011 4",
    "Tue, 08 Mar 2011 04:58:07:09",
    "Tue, 08 Mar 20111 04:58:07 GMT",
    "Tue, 08 Mar 2 04:58:07",
    "Tue, 008 Mar 2011 04:58:07",
    "Tue, 08 Mar 2011 004:58:07",
    "Mar 08 2011 04:58:07 GMT",
    "Tue, 08 Mar 0000 04:58:07 GMT",
    "Tue, 08 Mar 2011 04:58:07 GMT+",
    "Tue, 08 Mar 2011 24:00 GMT",
    "Septembers 08 2011",
    "1299560287",
};

/* What reading back a formatted time gives: RFC 3339 has no zone names
 * and MINUTE is written with seconds. */
static struct fc_time after_rfc3339(struct fc_time t)
{
    if (t.zone == FC_ZONE_NAME)
        t.zone = FC_ZONE_OFFSET;
    if (t.precision == FC_TIME_MINUTE)
        t.precision = FC_TIME_SECOND;
    return t;
}

static void check_ok(const struct ok_case *c)
{
    struct fc_time t, u, want;
    char name[200], got[160], exp[160], out[40], out2[40];
    const char *in = c->in;
    memset(&t, 0x5a, sizeof t);
    CHECK(label(name, sizeof name, "parse", in), fc_time_parse(in, &t) == FC_OK && !t.raw);
    CHECK_STR(label(name, sizeof name, "fields", in), dump(&t, got, sizeof got), c->fields);
    CHECK_INT(label(name, sizeof name, "rfc3339 length", in), fc_time_rfc3339(&t, out, sizeof out),
              strlen(c->rfc3339));
    CHECK_STR(label(name, sizeof name, "rfc3339", in), out, c->rfc3339);

    /* RFC 3339 round trip keeps every field (but NAME and MINUTE). */
    want = after_rfc3339(t);
    CHECK(label(name, sizeof name, "rfc3339 reparse", in), fc_time_parse(out, &u) == FC_OK);
    CHECK_STR(label(name, sizeof name, "rfc3339 round trip", in), dump(&u, got, sizeof got),
              dump(&want, exp, sizeof exp));

    CHECK_INT(label(name, sizeof name, "rfc822 length", in), fc_time_rfc822(&t, out, sizeof out),
              strlen(c->rfc822));
    CHECK_STR(label(name, sizeof name, "rfc822", in), out, c->rfc822);
    /* RFC 822 round trip keeps the instant (to the second) and offset. */
    CHECK(label(name, sizeof name, "rfc822 reparse", in), fc_time_parse(out, &u) == FC_OK);
    CHECK(label(name, sizeof name, "rfc822 same instant", in),
          fc_time_epoch(&u) == fc_time_epoch(&t) && u.offset == t.offset &&
              (u.zone == FC_ZONE_NONE) == (t.zone == FC_ZONE_NONE));
    fc_time_rfc822(&u, out2, sizeof out2);
    CHECK_STR(label(name, sizeof name, "rfc822 stable", in), out2, out);
}

static void check_rejects(void)
{
    struct fc_time t, zero;
    char name[200];
    memset(&zero, 0, sizeof zero);
    for (size_t i = 0; i < sizeof rejects / sizeof rejects[0]; i++) {
        memset(&t, 0x5a, sizeof t);
        CHECK(label(name, sizeof name, "reject", rejects[i]),
              fc_time_parse(rejects[i], &t) == FC_EPARSE && memcmp(&t, &zero, sizeof t) == 0);
    }
    CHECK("reject NULL", fc_time_parse(NULL, &t) == FC_EPARSE && t.precision == FC_TIME_NONE);
}

static int64_t epoch_of(const char *s)
{
    struct fc_time t;
    fc_time_parse(s, &t);
    return fc_time_epoch(&t);
}

static void check_epoch(void)
{
    struct fc_time none = {0};
    CHECK_INT("epoch 1970", epoch_of("1970-01-01T00:00:00Z"), 0);
    CHECK_INT("epoch -1", epoch_of("1969-12-31T23:59:59Z"), -1);
    CHECK_INT("epoch 2011 Z", epoch_of("2011-03-08T04:58:07Z"), 1299560287);
    CHECK_INT("epoch 2011 +05:30", epoch_of("2011-03-08T10:28:07+05:30"), 1299560287);
    CHECK_INT("epoch 2011 EST", epoch_of("Mon, 07 Mar 2011 23:58:07 EST"), 1299560287);
    CHECK_INT("epoch floating is UTC", epoch_of("2011-03-08T04:58:07"), 1299560287);
    CHECK_INT("epoch year 1", epoch_of("0001-01-01T00:00:00Z"), -62135596800);
    CHECK_INT("epoch year 9999", epoch_of("9999-12-31T23:59:59Z"), 253402300799);
    CHECK_INT("epoch date", epoch_of("2024-01-01"), 1704067200);
    CHECK_INT("epoch month", epoch_of("2024-01"), 1704067200);
    CHECK_INT("epoch year", epoch_of("2024"), 1704067200);
    CHECK_INT("epoch leap second", epoch_of("2016-12-31T23:59:60Z"),
              epoch_of("2017-01-01T00:00:00Z"));
    CHECK_INT("epoch absent", fc_time_epoch(&none), 0);
}

static int cmp_of(const char *a, const char *b)
{
    struct fc_time x, y;
    fc_time_parse(a, &x);
    fc_time_parse(b, &y);
    return fc_time_cmp(&x, &y);
}

static void check_cmp(void)
{
    struct fc_time none = {0}, raw = {0}, t;
    raw.raw = "garbage";
    fc_time_parse("2011-03-08T04:58:07Z", &t);
    CHECK("cmp equal instant, other offsets",
          cmp_of("2011-03-08T04:58:07Z", "Tue, 08 Mar 2011 10:28:07 +0530") == 0);
    CHECK("cmp earlier", cmp_of("2011-03-08T04:58:06Z", "2011-03-08T04:58:07Z") < 0);
    CHECK("cmp later", cmp_of("2011-03-08T04:58:07+00:00", "2011-03-08T04:58:07+01:00") > 0);
    CHECK("cmp nsec", cmp_of("2011-03-08T04:58:07.1Z", "2011-03-08T04:58:07.2Z") < 0);
    CHECK("cmp nsec vs none", cmp_of("2011-03-08T04:58:07.5Z", "2011-03-08T04:58:07Z") > 0);
    CHECK("cmp same .0", cmp_of("2011-03-08T04:58:07.000Z", "2011-03-08T04:58:07Z") == 0);
    CHECK("cmp date vs midnight", cmp_of("2024-01-15", "2024-01-15T00:00:00Z") == 0);
    CHECK("cmp absent first", fc_time_cmp(&none, &t) < 0 && fc_time_cmp(&t, &none) > 0);
    CHECK("cmp absent equal", fc_time_cmp(&none, &none) == 0);
    CHECK("cmp raw is absent", fc_time_cmp(&raw, &t) < 0 && fc_time_cmp(&raw, &none) == 0);
    CHECK("cmp pre-1970", cmp_of("1969-12-31T23:59:59Z", "1970-01-01T00:00:00Z") < 0);
}

static void check_format_edges(void)
{
    struct fc_time t = {0};
    char buf[40];
    size_t n;
    memset(buf, 'x', sizeof buf);
    t.raw = "not a date";
    CHECK("rfc3339 raw only", fc_time_rfc3339(&t, buf, sizeof buf) == 0 && buf[0] == '\0');
    CHECK("rfc822 raw only", fc_time_rfc822(&t, buf, sizeof buf) == 0 && buf[0] == '\0');
    fc_time_parse("2011-03-08T04:58:07.123456789-23:59", &t);
    n = fc_time_rfc3339(&t, buf, sizeof buf);
    CHECK_INT("rfc3339 longest", n, 35);
    CHECK("rfc3339 exact cap", fc_time_rfc3339(&t, buf, n + 1) == n);
    CHECK("rfc3339 short cap", fc_time_rfc3339(&t, buf, n) == 0 && buf[0] == '\0');
    CHECK("rfc3339 cap 0", fc_time_rfc3339(&t, NULL, 0) == 0);
    n = fc_time_rfc822(&t, buf, sizeof buf);
    CHECK_INT("rfc822 length", n, 31);
    CHECK("rfc822 short cap", fc_time_rfc822(&t, buf, n) == 0 && buf[0] == '\0');

    /* Hand-built times: invalid ones are not formatted. */
    memset(&t, 0, sizeof t);
    t.year = 2024;
    t.month = 2;
    t.day = 30;
    t.precision = FC_TIME_DATE;
    CHECK("rfc3339 invalid day", fc_time_rfc3339(&t, buf, sizeof buf) == 0);
    t.day = 29;
    t.hour = 25;
    CHECK_STR("rfc3339 date ignores clock", fc_time_rfc3339(&t, buf, sizeof buf) ? buf : "(0)",
              "2024-02-29");
    t.precision = FC_TIME_SECOND;
    CHECK("rfc3339 invalid hour", fc_time_rfc3339(&t, buf, sizeof buf) == 0);
    t.hour = 1;
    t.zone = FC_ZONE_OFFSET;
    t.offset = 1440;
    CHECK("rfc822 invalid offset", fc_time_rfc822(&t, buf, sizeof buf) == 0);
    t.offset = -61;
    fc_time_rfc822(&t, buf, sizeof buf);
    CHECK_STR("rfc822 odd negative offset", buf, "Thu, 29 Feb 2024 01:00:00 -0101");
    t.precision = FC_TIME_FRACTION;
    t.frac_digits = 0;
    CHECK("rfc3339 fraction without digits", fc_time_rfc3339(&t, buf, sizeof buf) == 0);
    t.frac_digits = 2;
    t.nsec = 129000000;
    fc_time_rfc3339(&t, buf, sizeof buf);
    CHECK_STR("rfc3339 fraction truncates", buf, "2024-02-29T01:00:00.12-01:01");
}

static void check_keep(void)
{
    struct fc_arena *a = fc_arena_new();
    struct fc_time t;
    if (!a) {
        CHECK("arena", a != NULL);
        return;
    }
    CHECK_INT("keep ok", fc_time_parse_keep(a, "2024-01-15", &t), FC_OK);
    CHECK("keep ok no raw", t.raw == NULL && t.precision == FC_TIME_DATE);
    CHECK_INT("keep bad", fc_time_parse_keep(a, "  next Tuesday \n", &t), FC_EPARSE);
    CHECK_STR("keep bad raw trimmed", t.raw, "next Tuesday");
    CHECK("keep bad present", t.precision == FC_TIME_NONE && fc_time_present(&t));
    CHECK_INT("keep bad epoch", fc_time_epoch(&t), 0);
    CHECK_INT("keep bad rfc3339", fc_time_rfc3339(&t, (char[40]){0}, 40), 0);
    CHECK_INT("keep empty", fc_time_parse_keep(a, " \t ", &t), FC_EPARSE);
    CHECK("keep empty absent", t.raw == NULL && !fc_time_present(&t));
    CHECK_INT("keep NULL", fc_time_parse_keep(a, NULL, &t), FC_EPARSE);
    CHECK("keep NULL absent", !fc_time_present(&t));
    fc_arena_free(a);
}

int main(void)
{
    for (size_t i = 0; i < sizeof oks / sizeof oks[0]; i++)
        check_ok(&oks[i]);
    check_rejects();
    check_epoch();
    check_cmp();
    check_format_edges();
    check_keep();
    return CHECK_DONE();
}
