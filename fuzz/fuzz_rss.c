/*
 * fuzz_rss.c - the rss reader on arbitrary bytes, converted to every stream
 * writer (see fuzz.h for the properties checked).
 */
#include "fuzz.h"

FUZZ_ENTRY(rss)
{
    fuzz_reader(data, size, "rss");
    return 0;
}
