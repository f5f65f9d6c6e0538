/*
 * fuzz_jsonfeed.c - the jsonfeed reader on arbitrary bytes, converted to every stream
 * writer (see fuzz.h for the properties checked).
 */
#include "fuzz.h"

FUZZ_ENTRY(jsonfeed)
{
    fuzz_reader(data, size, "jsonfeed");
    return 0;
}
