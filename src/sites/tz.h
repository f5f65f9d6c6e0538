/*
 * tz.h - IANA time zones for reading sites: a TZif file (RFC 8536,
 * versions 1 to 4, with its POSIX TZ footer for times past its table)
 * read into a zone that gives the UTC offset at an instant, and the
 * offset of a local (wall-clock) time, resolved in gaps and overlaps as
 * the generator's language does.  The file's bytes come through io.c
 * (fc_zoneinfo_read); nothing here reads the clock, the TZ variable or
 * the C library's zone state, so the library stays reentrant.
 */
#ifndef FC_SITES_TZ_H
#define FC_SITES_TZ_H

#include "internal.h"

struct fc_tz; /* in an arena; nothing to free */

/* How a local time that a zone skips (a spring-forward gap) or repeats
 * (a fall-back overlap) is read. */
enum fc_tz_rule {
    /* Go's time.Date (Hugo): the offset in force at the local time read
     * as UTC, kept when the instant it gives lies in that offset's
     * period, else the offset in force at that instant. */
    FC_TZ_GO,
    /* Ruby's Time.local (Jekyll): a gap is read with the offset before
     * it (02:30 becomes 03:30 summer time); an overlap gives the later
     * instant (the offset after the change). */
    FC_TZ_RUBY,
};

/* Read TZif bytes p[0..n) into *tz (arena a).  FC_EPARSE, naming `name`,
 * for what is not a well-formed TZif file; FC_ENOMEM. */
enum fc_status fc_tz_parse(struct fc_arena *a, const unsigned char *p, size_t n, const char *name,
                           struct fc_tz **tz, struct fc_error *err);
/* The system's zone `name` (e.g. "Europe/Berlin"; "UTC"): fc_zoneinfo_read
 * then fc_tz_parse, with their errors. */
enum fc_status fc_tz_load(struct fc_arena *a, const char *name, struct fc_tz **tz,
                          struct fc_error *err);
/* The zone's name as loaded (lent). */
const char *fc_tz_name(const struct fc_tz *tz);

/* Seconds east of UTC in force at instant `utc` (seconds since the
 * epoch). */
long fc_tz_offset_at(const struct fc_tz *tz, int64_t utc);
/* Seconds east of UTC of the local time `local` (the wall clock's
 * fields counted as if it were UTC: fc_days_from_civil(...) * 86400 +
 * time of day), gaps and overlaps resolved by `rule`; the instant is
 * local minus the offset. */
long fc_tz_local_offset(const struct fc_tz *tz, int64_t local, enum fc_tz_rule rule);

#endif
