/*
 * fuzz_wxr.c - the WordPress export reader on arbitrary bytes, converted to
 * every stream writer (see fuzz.h for the properties checked): its two
 * passes, the spool and the look-ups in it, and every body through
 * WordPress's the_content.
 */
#include "fuzz.h"

FUZZ_ENTRY(wxr)
{
    fuzz_reader(data, size, "wxr");
    return 0;
}
