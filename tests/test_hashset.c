/*
 * test_hashset.c - the set of 64-bit hashes behind the writers' unique ids:
 * members found before and after the merges into the sorted run, others
 * not, inputs that all want one slot, and memory of eight bytes a member.
 */
#define _GNU_SOURCE
#include "check.h"
#include "util/hashset.h"

#include <malloc.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

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

int main(void)
{
    test_small();
    test_random();
    test_one_slot();
    return CHECK_DONE();
}
