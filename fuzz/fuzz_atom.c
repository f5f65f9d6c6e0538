/*
 * fuzz_atom.c - the atom reader on arbitrary bytes, converted to every stream
 * writer (see fuzz.h for the properties checked).
 */
#include "fuzz.h"

FUZZ_ENTRY(atom)
{
    fuzz_reader(data, size, "atom");
    return 0;
}
