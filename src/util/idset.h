/*
 * idset.h - item ids made unique as the feed writers make them: an id
 * given out before becomes "id#2", "id#3", ... (the first not given out;
 * with sep '-', "id-2": the site writers' comment data files),
 * in time linear in the items even when every item repeats one id (each
 * repeated id remembers the first number not yet tried: numbers below it
 * stay taken, as the set only grows).  Memory: the hash set's 8 bytes an
 * id, and one entry for each id that was repeated.
 */
#ifndef FC_UTIL_IDSET_H
#define FC_UTIL_IDSET_H

#include "util/buf.h"
#include "util/hashset.h"
#include "util/strmap.h"

/* Suffix numbers stop below this (then the last one tried is given). */
#define FC_IDSET_MAX 1000000u

struct fc_idset {
    struct fc_hset seen;   /* hashes of every id given out */
    struct fc_strmap next; /* a repeated id -> its struct fc_idset_next */
    char sep;              /* between an id and its number: '#' when 0 */
};

/* Give out id: 1 when it is new (written as it is); 0 when out holds the
 * unique id made from it (out is reset first); -1 when out of memory.  A
 * zeroed struct is an empty set. */
int fc_idset_take(struct fc_idset *s, const char *id, struct fc_buf *out);
void fc_idset_free(struct fc_idset *s);

#endif
