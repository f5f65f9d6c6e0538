/*
 * fuzz_date.c - fc_time_parse / fc_time_parse_keep on arbitrary text, and
 * the format round trip: what parses formats (RFC 3339 and RFC 822), the
 * formatted text parses back to the same instant, and formatting that
 * again gives the same text.
 */
#include "fuzz.h"

static void round_trip(const struct fc_time *t,
                       size_t (*fmt)(const struct fc_time *, char *, size_t), const char *name)
{
    char a[64], b[64], what[200];
    struct fc_time t2;
    size_t n = fmt(t, a, 40); /* the documented "40 is always enough" */
    snprintf(what, sizeof what, "%s: a parsed time does not format", name);
    FUZZ_CHECK(n > 0 && n < 40, what);
    if (n == 0)
        return;
    snprintf(what, sizeof what, "%s: \"%s\" does not parse back", name, a);
    FUZZ_CHECK(fc_time_parse(a, &t2) == FC_OK, what);
    if (fc_time_parse(a, &t2) != FC_OK)
        return;
    /* RFC 822 has no fraction: compare the whole seconds only. */
    bool same = t->precision == FC_TIME_FRACTION && fmt == fc_time_rfc822
                    ? fc_time_epoch(t) == fc_time_epoch(&t2)
                    : fc_time_cmp(t, &t2) == 0;
    snprintf(what, sizeof what, "%s: \"%s\" reads back as another instant", name, a);
    FUZZ_CHECK(same, what);
    size_t m = fmt(&t2, b, sizeof b);
    snprintf(what, sizeof what, "%s: \"%s\" formats again as \"%s\"", name, a, b);
    FUZZ_CHECK(m == n && memcmp(a, b, n) == 0, what);
    FUZZ_CHECK(fc_time_cmp(t, t) == 0, "fc_time_cmp(t, t) != 0");
}

FUZZ_ENTRY(date)
{
    char *s = malloc(size + 1);
    if (!s)
        return 0;
    memcpy(s, data, size);
    s[size] = '\0';

    struct fc_time t;
    if (fc_time_parse(s, &t) == FC_OK) {
        FUZZ_CHECK(t.raw == NULL, "parsed time has raw text");
        FUZZ_CHECK(t.precision >= FC_TIME_YEAR && t.precision <= FC_TIME_FRACTION,
                   "parsed time has no precision");
        FUZZ_CHECK(t.month >= 1 && t.month <= 12 && t.day >= 1 && t.day <= 31,
                   "month or day out of range");
        FUZZ_CHECK(t.nsec >= 0 && t.nsec <= 999999999, "nsec out of range");
        round_trip(&t, fc_time_rfc3339, "rfc3339");
        round_trip(&t, fc_time_rfc822, "rfc822");
        (void)fc_time_epoch(&t);
    } else {
        FUZZ_CHECK(t.precision == FC_TIME_NONE && t.raw == NULL, "failed parse left data in t");
    }

    /* The keeping variant, with an arena. */
    struct fc_post *p = fc_post_new();
    if (p) {
        struct fc_time k;
        enum fc_status st = fc_time_parse_keep(p->arena, s, &k);
        FUZZ_CHECK(st == FC_OK || st == FC_EPARSE || st == FC_ENOMEM,
                   "fc_time_parse_keep: odd status");
        if (st == FC_EPARSE && k.raw)
            FUZZ_CHECK(strlen(k.raw) <= size, "raw text longer than the input");
        fc_post_free(p);
    }
    free(s);
    return 0;
}
