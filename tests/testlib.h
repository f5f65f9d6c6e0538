/*
 * testlib.h - reading and writing whole feeds in memory, shared by the
 * format tests.  Each test keeps a thin wrapper naming its format.
 */
#ifndef FC_TESTLIB_H
#define FC_TESTLIB_H

#include "feedconv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The hand-written WordPress RSS feed (ten posts, every WordPress quirk)
 * that the format tests convert, under the project root (FC_ROOT); and the
 * real feed the project started from, beside the project in ../shared
 * when present: tests may add checks with it, never require it. */
#define TL_WORDPRESS "/fixtures/wordpress-rss/input.xml"
#define TL_SEED "/../shared/seeds/000_fadef919b9fcc116.txt"

/* Read a whole feed from data[0..n) with fmt (NULL: detect). */
static inline enum fc_status tl_read_mem(const void *data, size_t n, const char *name,
                                         const struct fc_format *fmt, const struct fc_options *o,
                                         struct fc_feed **f, struct fc_error *err)
{
    struct fc_input *in = NULL;
    enum fc_status st = fc_input_open_memory(data, n, name, &in, err);
    if (st)
        return st;
    st = fc_read(in, fmt, o, f, err);
    fc_input_close(in);
    return st;
}

/* Read a whole feed from a file or directory with fmt (NULL: detect). */
static inline enum fc_status tl_read_path(const char *path, const struct fc_format *fmt,
                                          const struct fc_options *o, struct fc_feed **f,
                                          struct fc_error *err)
{
    struct fc_input *in = NULL;
    enum fc_status st = fc_input_open(path, &in, err);
    if (st)
        return st;
    st = fc_read(in, fmt, o, f, err);
    fc_input_close(in);
    return st;
}

/* Write a collected feed with fmt to memory: a malloc'd, NUL-terminated
 * copy of the text, or NULL on failure.  *stp (may be NULL) gets the
 * status, err (may be NULL: failures are then printed as a comment line)
 * the error. */
static inline char *tl_write_mem(const struct fc_feed *f, const struct fc_format *fmt,
                                 const struct fc_options *o, enum fc_status *stp,
                                 struct fc_error *err)
{
    struct fc_error local = {0};
    struct fc_error *e = err ? err : &local;
    struct fc_output *out = NULL;
    enum fc_status st = fc_output_open_memory(&out, e);
    if (!st)
        st = fc_write(f, out, fmt, o, e);
    char *s = NULL;
    if (!st) {
        size_t n;
        const char *m = fc_output_memory(out, &n);
        s = malloc(n + 1);
        if (s) {
            memcpy(s, m, n);
            s[n] = '\0';
        }
    } else if (!err) {
        printf("# write failed: %s\n", e->message);
    }
    fc_output_close(out);
    if (stp)
        *stp = st;
    return s;
}

/* Markdown writer settings for the tests: a layout ("plain", "hugo",
 * "jekyll") and extras. */
#define TL_BUNDLES 0x1u
#define TL_BODY_HTML 0x2u
static inline void tl_markdown_options(struct fc_options *o, const char *site, unsigned extra)
{
    fc_options_set(o, "markdown", "site", site, NULL);
    if (extra & TL_BUNDLES)
        fc_options_set(o, "markdown", "bundles", "true", NULL);
    if (extra & TL_BODY_HTML)
        fc_options_set(o, "markdown", "body", "html", NULL);
}

/* The i-th collected post (0-based), NULL past the end. */
static inline struct fc_post *tl_post_at(const struct fc_feed *f, size_t i)
{
    const struct fc_post_item *it = f ? f->posts.first : NULL;
    while (it && i--)
        it = it->next;
    return it ? it->post : NULL;
}

/* A whole file as a NUL-terminated string (malloc'd; "" when empty), its
 * length in *len (may be NULL); NULL when it cannot be read. */
static inline char *tl_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *s = NULL;
    size_t n = 0, cap = 0, got;
    do {
        if (cap - n < 4096) {
            char *t = realloc(s, cap = cap * 2 + 8192);
            if (!t) {
                free(s);
                fclose(f);
                return NULL;
            }
            s = t;
        }
        got = fread(s + n, 1, cap - n - 1, f);
        n += got;
    } while (got > 0);
    fclose(f);
    s[n] = '\0';
    if (len)
        *len = n;
    return s;
}

#endif
