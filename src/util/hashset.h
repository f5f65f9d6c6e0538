/*
 * hashset.h - a set of 64-bit hashes, for what must be told apart in
 * bounded memory: a JSON Feed's item ids, an RSS channel's guids.  Eight
 * bytes a member and little more (no table twice the size, no doubling's
 * two tables at once): members live in one sorted array, the latest few
 * thousand in a small table until they are merged into it.
 */
#ifndef FC_UTIL_HASHSET_H
#define FC_UTIL_HASHSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FC_FNV_OFFSET UINT64_C(14695981039346656037)

/* FNV-1a, 64 bits, of s[0..n) continued from h (start: FC_FNV_OFFSET). */
uint64_t fc_fnv1a(uint64_t h, const void *s, size_t n);

struct fc_hset {
    uint64_t *run; /* sorted, ascending */
    size_t nrun;
    uint64_t *slots; /* the latest: open addressing, 0 empty (a hash of 0 is stored as 1) */
    size_t cap, n;
};

/* Add h: 1 when it was new, 0 when it was there already, -1 when out of
 * memory (the set is unchanged).  A zeroed struct is an empty set. */
int fc_hset_add(struct fc_hset *s, uint64_t h);
/* Is h in the set? */
bool fc_hset_has(const struct fc_hset *s, uint64_t h);
/* How many members. */
size_t fc_hset_size(const struct fc_hset *s);
void fc_hset_free(struct fc_hset *s);

#endif
