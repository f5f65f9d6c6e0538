/*
 * arena.c - the bump allocator behind every feed and post.  Everything a
 * feed or post owns comes from its arena, so one free releases it all and
 * a reader that fails halfway leaves nothing to clean up.
 */
#include "internal.h"

#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_FIRST 1024u
#define ARENA_MAX_CHUNK (64u << 10)

struct chunk {
    struct chunk *prev;
    size_t size; /* usable bytes after the header */
    size_t used;
    alignas(max_align_t) unsigned char data[];
};

struct fc_arena {
    struct chunk *head;
    size_t next_size; /* grows geometrically so many small posts stay cheap */
    size_t total;
};

struct fc_arena *fc_arena_new(void)
{
    struct fc_arena *a = calloc(1, sizeof *a);
    if (a)
        a->next_size = ARENA_FIRST;
    return a;
}

void fc_arena_free(struct fc_arena *a)
{
    if (!a)
        return;
    struct chunk *c = a->head;
    while (c) {
        struct chunk *prev = c->prev;
        free(c);
        c = prev;
    }
    free(a);
}

size_t fc_arena_size(const struct fc_arena *a)
{
    return a ? a->total : 0;
}

static struct chunk *arena_grow(struct fc_arena *a, size_t need)
{
    size_t size = a->next_size;
    if (size < need)
        size = need;
    if (size > SIZE_MAX - sizeof(struct chunk))
        return NULL;
    struct chunk *c = malloc(sizeof *c + size);
    if (!c)
        return NULL;
    c->size = size;
    c->used = 0;
    /* A big one-off block goes behind the current chunk so the current
     * chunk's free tail stays usable. */
    if (a->head && need > a->next_size && a->head->used < a->head->size) {
        c->prev = a->head->prev;
        a->head->prev = c;
    } else {
        c->prev = a->head;
        a->head = c;
        if (a->next_size < ARENA_MAX_CHUNK)
            a->next_size *= 2;
    }
    a->total += size;
    return c;
}

/* Uninitialised memory: strings are copied in whole, zeroing them first
 * cost as much as the copy. */
static void *alloc_raw(struct fc_arena *a, size_t size)
{
    const size_t align = alignof(max_align_t);
    if (!a)
        return NULL;
    if (size == 0)
        size = 1;
    if (size > SIZE_MAX - align)
        return NULL;
    size = (size + align - 1) & ~(align - 1);
    struct chunk *c = a->head;
    size_t at = c ? (c->used + align - 1) & ~(align - 1) : 0; /* strings leave it unaligned */
    if (!c || at > c->size || c->size - at < size) {
        c = arena_grow(a, size);
        if (!c)
            return NULL;
        at = 0;
    }
    void *p = c->data + at;
    c->used = at + size;
    return p;
}

void *fc_alloc(struct fc_arena *a, size_t size)
{
    void *p = alloc_raw(a, size);
    if (p)
        memset(p, 0, size);
    return p;
}

char *fc_strdup(struct fc_arena *a, const char *s, size_t len)
{
    if (!s)
        return NULL;
    if (len == (size_t)-1)
        len = strlen(s);
    if (len == SIZE_MAX)
        return NULL;
    /* Strings need no alignment: carve them byte-exact from the chunk. */
    struct chunk *c = a ? a->head : NULL;
    char *p;
    if (c && c->size - c->used >= len + 1) {
        p = (char *)c->data + c->used;
        c->used += len + 1;
    } else {
        p = alloc_raw(a, len + 1);
        if (!p)
            return NULL;
    }
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}
