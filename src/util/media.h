/*
 * media.h - what feeds say about media files: a media type guessed from a
 * URL's extension, podcast durations read and written, language tags.
 */
#ifndef FC_UTIL_MEDIA_H
#define FC_UTIL_MEDIA_H

#include "feedconv.h"

#include <stdbool.h>
#include <stddef.h>

/* The media type of the file a URL names, from its path's extension
 * (".mp3" -> "audio/mpeg"; the query and fragment are ignored, case
 * does not matter); NULL when the extension is unknown.  A static
 * string. */
const char *fc_media_type_guess(const char *url);

/* True when a media type says nothing (absent, application/octet-stream
 * and its binary/ synonym): a guess from the URL is better. */
bool fc_media_type_vague(const char *type);

/* A duration as podcasts write it (itunes:duration): seconds "3723",
 * "M:SS", "H:MM:SS", each with decimals ("63.5", "1:02:03.25"); white
 * space around it is ignored.  False, *secs untouched, for anything
 * else (a negative number, a minutes or seconds field past 59, words). */
bool fc_duration_parse(const char *s, double *secs);

/* A non-negative decimal number ("128", "29.97"), white space around it
 * ignored; false, *v untouched, for anything else.  Locale-free. */
bool fc_parse_decimal(const char *s, double *v);

/* v (>= 0) as a decimal, locale-free: an integer as such ("3723"),
 * fractions with up to 3 decimals ("63.5"); durations are written so, in
 * seconds.  Returns the length written; cap 32 is always enough. */
size_t fc_decimal_format(double v, char *buf, size_t cap);

/* A language tag written the BCP 47 way: "en_US" -> "en-US" (the
 * underscore of POSIX locales is the only change).  s itself when it
 * needs none; NULL for NULL s or when out of memory (arena copy). */
const char *fc_lang_bcp47(struct fc_arena *a, const char *s);

#endif
