/*
 * hashset.c - a set of 64-bit hashes (hashset.h).
 */
#include "util/hashset.h"

#include <stdlib.h>

uint64_t fc_fnv1a(uint64_t h, const void *s, size_t n)
{
    const unsigned char *p = s;
    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * UINT64_C(1099511628211);
    return h;
}

/* The slot of h: where it is, or the empty one where it would go. */
static size_t find(const struct fc_hset *s, uint64_t h)
{
    size_t i = (size_t)(h ^ (h >> 29)) & (s->cap - 1);
    while (s->slots[i] && s->slots[i] != h)
        i = (i + 1) & (s->cap - 1);
    return i;
}

static bool grow(struct fc_hset *s)
{
    size_t cap = s->cap ? s->cap * 2 : 64;
    if (cap > SIZE_MAX / sizeof *s->slots)
        return false;
    uint64_t *old = s->slots;
    size_t ocap = s->cap;
    s->slots = calloc(cap, sizeof *s->slots);
    if (!s->slots) {
        s->slots = old;
        return false;
    }
    s->cap = cap;
    for (size_t i = 0; i < ocap; i++)
        if (old[i])
            s->slots[find(s, old[i])] = old[i];
    free(old);
    return true;
}

int fc_hset_add(struct fc_hset *s, uint64_t h)
{
    h += !h; /* 0 marks an empty slot */
    if (s->cap && s->slots[find(s, h)] == h)
        return 0;
    if ((s->n + 1) * 4 > s->cap * 3 && !grow(s))
        return -1;
    s->slots[find(s, h)] = h;
    s->n++;
    return 1;
}

bool fc_hset_has(const struct fc_hset *s, uint64_t h)
{
    h += !h;
    return s->cap && s->slots[find(s, h)] == h;
}

void fc_hset_free(struct fc_hset *s)
{
    free(s->slots);
    s->slots = NULL;
    s->cap = s->n = 0;
}
