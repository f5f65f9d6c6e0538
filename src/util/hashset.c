/*
 * hashset.c - a set of 64-bit hashes (hashset.h).
 *
 * New members go to a table of at most 8192 slots (a bigger one once the
 * sorted run passes 131072, so that a merge, which moves the whole run,
 * comes once every run/21 additions or less often).  A full table is
 * sorted in place and merged into the run from its end, after the run
 * grew by realloc (glibc moves a large block's pages, not its bytes).
 * A lookup is one probe sequence in the table (hashes of the input's ids,
 * unkeyed: chosen ids can make it long, but never longer than the table)
 * and a binary search in the run.
 */
#include "util/hashset.h"

#include <stdlib.h>
#include <string.h>

enum { SMALL = 64, FLUSH_AT = 8192 };

uint64_t fc_fnv1a(uint64_t h, const void *s, size_t n)
{
    const unsigned char *p = s;
    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * UINT64_C(1099511628211);
    return h;
}

/* The slot of h in the table: where it is, or the empty one where it would go. */
static size_t find(const uint64_t *slots, size_t cap, uint64_t h)
{
    size_t i = (size_t)(h ^ (h >> 29)) & (cap - 1);
    while (slots[i] && slots[i] != h)
        i = (i + 1) & (cap - 1);
    return i;
}

static bool in_run(const struct fc_hset *s, uint64_t h)
{
    const uint64_t *base = s->run;
    size_t n = s->nrun;
    if (!n)
        return false;
    while (n > 1) {
        size_t half = n / 2;
        if (base[half] <= h)
            base += half;
        n -= half;
    }
    return *base == h;
}

static bool rehash(struct fc_hset *s, size_t cap)
{
    uint64_t *slots = calloc(cap, sizeof *slots);
    if (!slots)
        return false;
    for (size_t i = 0; i < s->cap; i++)
        if (s->slots[i])
            slots[find(slots, cap, s->slots[i])] = s->slots[i];
    free(s->slots);
    s->slots = slots;
    s->cap = cap;
    return true;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* Move the table's members into the run; the table is left empty. */
static bool flush(struct fc_hset *s)
{
    if (s->n > SIZE_MAX / sizeof *s->run - s->nrun)
        return false;
    uint64_t *run = realloc(s->run, (s->nrun + s->n) * sizeof *run);
    if (!run)
        return false;
    s->run = run;
    size_t m = 0;
    for (size_t i = 0; i < s->cap; i++)
        if (s->slots[i])
            s->slots[m++] = s->slots[i];
    qsort(s->slots, m, sizeof *s->slots, cmp_u64);
    size_t i = s->nrun, j = m, k = s->nrun + m;
    while (j) { /* from the end: nothing is overwritten before it is moved */
        if (i && run[i - 1] > s->slots[j - 1])
            run[--k] = run[--i];
        else
            run[--k] = s->slots[--j];
    }
    s->nrun += m;
    memset(s->slots, 0, s->cap * sizeof *s->slots);
    s->n = 0;
    return true;
}

/* Room for one more in the table. */
static bool make_room(struct fc_hset *s)
{
    if ((s->n + 1) * 4 <= s->cap * 3)
        return true;
    if (s->cap < FLUSH_AT)
        return rehash(s, s->cap ? s->cap * 2 : SMALL);
    if (!flush(s))
        return false;
    if (s->cap < s->nrun / 16) { /* empty now: a bigger one costs no copy */
        uint64_t *slots = calloc(s->cap * 2, sizeof *slots);
        if (slots) { /* without it, the one there still works */
            free(s->slots);
            s->slots = slots;
            s->cap *= 2;
        }
    }
    return true;
}

int fc_hset_add(struct fc_hset *s, uint64_t h)
{
    h += !h; /* 0 marks an empty slot */
    if (fc_hset_has(s, h))
        return 0;
    if (!make_room(s))
        return -1;
    s->slots[find(s->slots, s->cap, h)] = h;
    s->n++;
    return 1;
}

bool fc_hset_has(const struct fc_hset *s, uint64_t h)
{
    h += !h;
    return (s->cap && s->slots[find(s->slots, s->cap, h)] == h) || in_run(s, h);
}

size_t fc_hset_size(const struct fc_hset *s)
{
    return s->nrun + s->n;
}

void fc_hset_free(struct fc_hset *s)
{
    free(s->run);
    free(s->slots);
    *s = (struct fc_hset){0};
}
