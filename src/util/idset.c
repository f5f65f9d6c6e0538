/*
 * idset.c - unique item ids (idset.h).
 */
#include "util/idset.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* A repeated id and the first suffix number not tried for it. */
struct fc_idset_next {
    unsigned next;
    char id[]; /* the map's key */
};

int fc_idset_take(struct fc_idset *s, const char *id, struct fc_buf *out)
{
    int r = fc_hset_add(&s->seen, fc_fnv1a(FC_FNV_OFFSET, id, strlen(id)));
    if (r != 0)
        return r;
    struct fc_idset_next *e = fc_strmap_get(&s->next, id);
    if (!e) {
        size_t n = strlen(id);
        if (!(e = malloc(sizeof *e + n + 1)))
            return -1;
        e->next = 2;
        memcpy(e->id, id, n + 1);
        if (!fc_strmap_put(&s->next, e->id, e)) {
            free(e);
            return -1;
        }
    }
    /* every number tried: the last one again, as a scan from 2 gives */
    unsigned k = e->next < FC_IDSET_MAX ? e->next : FC_IDSET_MAX - 1;
    for (;;) {
        fc_buf_reset(out);
        fc_buf_printf(out, "%s%c%u", id, s->sep ? s->sep : '#', k);
        if (out->oom)
            return -1;
        r = fc_hset_add(&s->seen, fc_fnv1a(FC_FNV_OFFSET, out->data, out->len));
        if (r != 0 || k + 1 >= FC_IDSET_MAX)
            break;
        k++;
    }
    if (r < 0)
        return -1;
    e->next = r ? k + 1 : k;
    return 0;
}

void fc_idset_free(struct fc_idset *s)
{
    for (size_t i = 0; i < s->next.cap; i++)
        free(s->next.slots[i].value);
    fc_strmap_free(&s->next);
    fc_hset_free(&s->seen);
}
