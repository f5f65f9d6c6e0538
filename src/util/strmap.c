/*
 * strmap.c - string to pointer maps (strmap.h).
 */
#include "util/strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void fc_strmap_init(struct fc_strmap *m)
{
    *m = (struct fc_strmap){0};
}

void fc_strmap_free(struct fc_strmap *m)
{
    free(m->slots);
    fc_strmap_init(m);
}

static size_t fnv1a(const char *s)
{
    uint64_t h = 14695981039346656037u;
    while (*s)
        h = (h ^ (unsigned char)*s++) * 1099511628211u;
    return (size_t)h;
}

/* The slot holding key, or the empty one where it would go (cap > 0). */
static struct fc_strmap_slot *find(struct fc_strmap_slot *slots, size_t cap, const char *key)
{
    size_t mask = cap - 1;
    for (size_t i = fnv1a(key) & mask;; i = (i + 1) & mask)
        if (!slots[i].key || strcmp(slots[i].key, key) == 0)
            return &slots[i];
}

void *fc_strmap_get(const struct fc_strmap *m, const char *key)
{
    return m->cap ? find(m->slots, m->cap, key)->value : NULL;
}

bool fc_strmap_put(struct fc_strmap *m, const char *key, void *value)
{
    if ((m->n + 1) * 2 > m->cap) {
        size_t nc = m->cap ? m->cap * 2 : 32;
        struct fc_strmap_slot *ns = calloc(nc, sizeof *ns);
        if (!ns)
            return false;
        for (size_t i = 0; i < m->cap; i++)
            if (m->slots[i].key)
                *find(ns, nc, m->slots[i].key) = m->slots[i];
        free(m->slots);
        m->slots = ns;
        m->cap = nc;
    }
    struct fc_strmap_slot *s = find(m->slots, m->cap, key);
    if (!s->key)
        m->n++;
    *s = (struct fc_strmap_slot){key, value};
    return true;
}

bool fc_strmap_add(struct fc_strmap *m, const char *key, void *value)
{
    return fc_strmap_get(m, key) || fc_strmap_put(m, key, value);
}
