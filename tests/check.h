/*
 * check.h - the unit-test kit: each test program prints one line per check,
 * "PASS: name", "FAIL: name: why" or "SKIP: name: why"; tests/run.sh counts
 * them over every program and script and prints "N passed, N failed".
 */
#ifndef FC_CHECK_H
#define FC_CHECK_H

#include <stdio.h>
#include <string.h>

#if defined(__GNUC__)
#define CHECK_UNUSED __attribute__((unused)) /* a program may only SKIP */
#else
#define CHECK_UNUSED
#endif
static int check_failures CHECK_UNUSED;

#define CHECK(name, cond)                                                                          \
    do {                                                                                           \
        if (cond) {                                                                                \
            printf("PASS: %s\n", name);                                                            \
        } else {                                                                                   \
            printf("FAIL: %s: %s (%s:%d)\n", name, #cond, __FILE__, __LINE__);                     \
            check_failures++;                                                                      \
        }                                                                                          \
    } while (0)

/* Compare strings; NULL is shown as (null). */
#define CHECK_STR(name, got, want)                                                                 \
    do {                                                                                           \
        const char *g_ = (got), *w_ = (want);                                                      \
        if ((g_ == NULL && w_ == NULL) || (g_ && w_ && strcmp(g_, w_) == 0)) {                     \
            printf("PASS: %s\n", name);                                                            \
        } else {                                                                                   \
            printf("FAIL: %s: got \"%s\", want \"%s\" (%s:%d)\n", name, g_ ? g_ : "(null)",        \
                   w_ ? w_ : "(null)", __FILE__, __LINE__);                                        \
            check_failures++;                                                                      \
        }                                                                                          \
    } while (0)

#define CHECK_INT(name, got, want)                                                                 \
    do {                                                                                           \
        long long g_ = (long long)(got), w_ = (long long)(want);                                   \
        if (g_ == w_) {                                                                            \
            printf("PASS: %s\n", name);                                                            \
        } else {                                                                                   \
            printf("FAIL: %s: got %lld, want %lld (%s:%d)\n", name, g_, w_, __FILE__, __LINE__);   \
            check_failures++;                                                                      \
        }                                                                                          \
    } while (0)

#define SKIP(name, why) printf("SKIP: %s: %s\n", name, why)

/* Exit status of a test program: 0 when every check passed. */
#define CHECK_DONE() (check_failures ? 1 : 0)

#endif
