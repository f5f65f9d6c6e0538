/*
 * test_hashset.c - the set of 64-bit hashes behind the writers' unique ids:
 * members found before and after the merges into the sorted run, others
 * not, inputs that all want one slot, and memory of eight bytes a member;
 * the ids made unique on it (util/idset.h): "#2", "#3"... the first free,
 * whole however long the id, the same as a scan from "#2" each time, and
 * in linear time when every item repeats one id.
 */
#define _GNU_SOURCE
#include "check.h"
#include "util/hashset.h"
#include "util/idset.h"

#include <malloc.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t splitmix(uint64_t *x)
{
    uint64_t z = (*x += UINT64_C(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

static int cmp(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

static void test_small(void)
{
    struct fc_hset s = {0};
    CHECK("empty: nothing in it", !fc_hset_has(&s, 5) && fc_hset_size(&s) == 0);
    CHECK_INT("add 5", fc_hset_add(&s, 5), 1);
    CHECK_INT("add 5 again", fc_hset_add(&s, 5), 0);
    CHECK_INT("add 0 (stored as 1)", fc_hset_add(&s, 0), 1);
    CHECK("0 and 1 are one member", fc_hset_has(&s, 1) && fc_hset_add(&s, 1) == 0);
    CHECK("6 is not in it", !fc_hset_has(&s, 6));
    CHECK_INT("size", (int)fc_hset_size(&s), 2);
    fc_hset_free(&s);
    CHECK("freed: empty again", !fc_hset_has(&s, 5) && fc_hset_size(&s) == 0);
}

/* 300k random members against a sorted copy: every answer of add and has,
 * checked as the set grows through its merges. */
static void test_random(void)
{
    enum { N = 300000 };
    uint64_t *want = malloc(2 * N * sizeof *want);
    if (!want) {
        CHECK("random: memory for the test", 0);
        return;
    }
    uint64_t x = 42;
    for (size_t i = 0; i < 2 * N; i++)
        want[i] = splitmix(&x) | 2; /* never 0 or 1: those are one member */
    struct fc_hset s = {0};
    bool adds = true, seen = true, absent = true;
    for (size_t i = 0; i < N; i++) {
        adds &= fc_hset_add(&s, want[i]) == 1;
        seen &= fc_hset_has(&s, want[i]) && fc_hset_has(&s, want[i / 2]);
        absent &= !fc_hset_has(&s, want[N + i]);
    }
    CHECK("random: each new member added", adds);
    CHECK("random: each member found as the set grows", seen);
    CHECK("random: others not found", absent);
    bool again = true;
    for (size_t i = 0; i < N; i++)
        again &= fc_hset_add(&s, want[i]) == 0;
    CHECK("random: no member added twice", again && fc_hset_size(&s) == N);
    qsort(want, N, sizeof *want, cmp);
    bool run = s.nrun + s.n == N;
    for (size_t i = 0; run && i < s.nrun; i++)
        run = bsearch(&s.run[i], want, N, sizeof *want, cmp) && (!i || s.run[i - 1] < s.run[i]);
    CHECK("random: the run is sorted, without repeats, and holds members only", run);
    /* Eight bytes a member: the run is as long as it needs (realloc to the
     * byte), the table a small fraction of it. */
    size_t bytes = malloc_usable_size(s.run) + s.cap * sizeof *s.slots;
    printf("# %zu members: run %zu B, table %zu slots\n", fc_hset_size(&s),
           malloc_usable_size(s.run), s.cap);
    CHECK("random: memory about eight bytes a member", bytes < N * 8 + N + 8192 && s.cap <= N / 8);
    fc_hset_free(&s);
    free(want);
}

/* Hashes that all start at one slot of the table: still right. */
static void test_one_slot(void)
{
    struct fc_hset s = {0};
    bool ok = true;
    for (uint64_t i = 1; i <= 20000; i++)
        ok &= fc_hset_add(&s, i << 44) == 1;
    for (uint64_t i = 1; i <= 20000; i++)
        ok &= fc_hset_has(&s, i << 44) && !fc_hset_has(&s, (i << 44) | 2);
    CHECK("one slot: 20000 members, all found, neighbours not", ok && fc_hset_size(&s) == 20000);
    fc_hset_free(&s);
}

/* take(id) as text: the id itself when new, else the unique one made. */
static const char *take(struct fc_idset *s, const char *id, struct fc_buf *b)
{
    int r = fc_idset_take(s, id, b);
    return r == 1 ? id : r == 0 ? fc_buf_cstr(b) : "(ENOMEM)";
}

static void test_idset(void)
{
    struct fc_idset s = {0};
    struct fc_buf b;
    fc_buf_init(&b);
    CHECK_STR("idset: a new id as it is", take(&s, "a", &b), "a");
    CHECK_STR("idset: repeated: #2", take(&s, "a", &b), "a#2");
    CHECK_STR("idset: an id that is a made one, given as it is", take(&s, "a#3", &b), "a#3");
    CHECK_STR("idset: repeated again: #3 is taken, #4", take(&s, "a", &b), "a#4");
    CHECK_STR("idset: the made one repeated", take(&s, "a#2", &b), "a#2#2");
    CHECK_STR("idset: and again", take(&s, "a", &b), "a#5");

    struct fc_idset dash = {.sep = '-'};
    take(&dash, "501", &b);
    CHECK_STR("idset: with sep '-'", take(&dash, "501", &b), "501-2");
    fc_idset_free(&dash);

    /* an id longer than any buffer a caller might have had: whole */
    char longid[1200];
    memset(longid, 'x', sizeof longid - 1);
    longid[sizeof longid - 1] = '\0';
    take(&s, longid, &b);
    const char *u = take(&s, longid, &b);
    CHECK("idset: a long id made unique whole", strlen(u) == sizeof longid + 1 &&
                                                    !strncmp(u, longid, sizeof longid - 1) &&
                                                    !strcmp(u + sizeof longid - 1, "#2"));
    CHECK_STR("idset: and again", take(&s, longid, &b) + sizeof longid - 1, "#3");
    fc_idset_free(&s);

    /* the memo gives what a scan from #2 gives: a reference set of the
     * ids given out, on a mix of repeats and ids that look made */
    struct fc_idset t = {0};
    struct fc_hset ref = {0};
    uint64_t x = 42;
    bool same = true;
    char id[32], want[48];
    for (int i = 0; i < 6000 && same; i++) {
        uint64_t r = splitmix(&x);
        if (r % 3 == 0)
            snprintf(id, sizeof id, "%c#%u", (int)('A' + (r >> 8) % 3),
                     (unsigned)((r >> 16) % 30 + 2));
        else
            snprintf(id, sizeof id, "%c", (int)('A' + (r >> 8) % 3));
        snprintf(want, sizeof want, "%s", id);
        int k = fc_hset_add(&ref, fc_fnv1a(FC_FNV_OFFSET, want, strlen(want)));
        for (unsigned n = 2; k == 0; n++) {
            snprintf(want, sizeof want, "%s#%u", id, n);
            k = fc_hset_add(&ref, fc_fnv1a(FC_FNV_OFFSET, want, strlen(want)));
        }
        same = strcmp(take(&t, id, &b), want) == 0;
    }
    CHECK("idset: the same ids as a scan from #2 each time, 6000 items", same);
    fc_idset_free(&t);
    fc_hset_free(&ref);

    /* every item one id: linear (the scan from #2 was quadratic: hours) */
    struct fc_idset v = {0};
    for (int i = 0; i < 100000; i++)
        take(&v, "same", &b);
    CHECK_STR("idset: 100000 items with one id, the last", fc_buf_cstr(&b), "same#100000");
    fc_idset_free(&v);
    fc_buf_free(&b);
}

int main(void)
{
    test_idset();
    test_small();
    test_random();
    test_one_slot();
    return CHECK_DONE();
}
