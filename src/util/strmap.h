/*
 * strmap.h - a map from C strings to pointers (open addressing, linear
 * probing, FNV-1a), for sets of names and look-ups that must stay linear
 * over a whole site.  The keys are lent: the caller keeps them alive (an
 * arena does) as long as the map.
 */
#ifndef FC_UTIL_STRMAP_H
#define FC_UTIL_STRMAP_H

#include <stdbool.h>
#include <stddef.h>

struct fc_strmap {
    struct fc_strmap_slot {
        const char *key;
        void *value;
    } * slots;
    size_t cap, n; /* cap: 0 or a power of two, kept at least twice n */
};

/* An empty map holding no memory; a zeroed struct is one too. */
void fc_strmap_init(struct fc_strmap *m);
/* Free the slots (not the keys or values); m is empty again. */
void fc_strmap_free(struct fc_strmap *m);
/* The value stored for key, NULL when there is none. */
void *fc_strmap_get(const struct fc_strmap *m, const char *key);
/* Store value (not NULL) for key, replacing any earlier one; key is lent
 * and must outlive the map.  false when growing fails (ENOMEM), m
 * unchanged. */
bool fc_strmap_put(struct fc_strmap *m, const char *key, void *value);
/* Store value for key unless key has one already (the first one stays, as
 * in a scan that stops at the first match); false only on ENOMEM. */
bool fc_strmap_add(struct fc_strmap *m, const char *key, void *value);

#endif
