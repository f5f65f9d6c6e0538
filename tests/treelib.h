/*
 * treelib.h - whole conversions of fixture paths for the tests that run
 * every fixture (test_stream, test_golden): output collected in memory, or
 * a directory output read back as one manifest of its files.
 */
#ifndef FC_TREELIB_H
#define FC_TREELIB_H
/* Needs _GNU_SOURCE (nftw, scandir, mkdtemp) defined before any include. */
#include <feedconv.h>

#include <dirent.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A growable byte string (test-only; exits on ENOMEM). */
struct bytes {
    char *p;
    size_t len, cap;
};

static inline void bytes_add(struct bytes *b, const void *p, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *q = realloc(b->p, cap);
        if (!q) {
            puts("FAIL: out of memory");
            exit(2);
        }
        b->p = q;
        b->cap = cap;
    }
    if (n)
        memcpy(b->p + b->len, p, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static inline void bytes_str(struct bytes *b, const char *s)
{
    bytes_add(b, s, strlen(s));
}

/* Warnings of one run, one per line with their position. */
static inline void on_warn(void *ctx, const struct fc_error *w)
{
    char line[900];
    snprintf(line, sizeof line, "%s:%lu:%lu: %s\n", w->file, w->line, w->column, w->message);
    bytes_str(ctx, line);
}

/* ---- directory trees ---------------------------------------------------- */

static inline int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

/* Every file under root/rel, sorted by name: "path\n<size>\n<bytes>". */
static inline int manifest(const char *root, const char *rel, struct bytes *m)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", root, rel);
    struct dirent **ents;
    int n = scandir(path, &ents, NULL, by_name);
    if (n < 0)
        return -1;
    int rc = 0;
    for (int i = 0; i < n; i++) {
        const char *name = ents[i]->d_name;
        if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
            continue;
        char sub[4096], full[4096 + 256];
        snprintf(sub, sizeof sub, "%s%s%s", rel, *rel ? "/" : "", name);
        snprintf(full, sizeof full, "%s/%s", root, sub);
        struct stat sb;
        if (lstat(full, &sb) != 0) {
            rc = -1;
        } else if (S_ISDIR(sb.st_mode)) {
            bytes_str(m, sub);
            bytes_str(m, "/\n");
            if (manifest(root, sub, m) != 0)
                rc = -1;
        } else {
            FILE *f = fopen(full, "rb");
            char head[64], buf[8192];
            size_t got;
            snprintf(head, sizeof head, "\n%lld\n", (long long)sb.st_size);
            bytes_str(m, sub);
            bytes_str(m, head);
            if (!f) {
                rc = -1;
            } else {
                while ((got = fread(buf, 1, sizeof buf, f)) > 0)
                    bytes_add(m, buf, got);
                fclose(f);
            }
        }
    }
    for (int i = 0; i < n; i++)
        free(ents[i]);
    free(ents);
    return rc;
}

static inline int rm_entry(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb, (void)flag, (void)ftw;
    return remove(p);
}

static inline void rm_tree(const char *p)
{
    nftw(p, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* ---- one conversion, both ways -------------------------------------------- */

struct result {
    enum fc_status st;
    struct bytes out; /* stream output or directory manifest */
    struct bytes warnings;
    char message[600];
    char dir[4096]; /* the directory output was written to (removed), or "" */
};

static inline void result_free(struct result *r)
{
    free(r->out.p);
    free(r->warnings.p);
}

/* Open an output for `to`: memory, or a fresh directory under tmp. */
static inline enum fc_status open_out(const struct fc_format *to, char *dir, struct fc_output **out,
                                      struct fc_error *err)
{
    if (!(to->caps & FC_IS_DIRECTORY))
        return fc_output_open_memory(out, err);
    snprintf(dir, 4096, "%s/feedconv-test.XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(dir))
        return FC_EIO;
    return fc_output_open_dir(dir, 0, out, err);
}

static inline void convert_with(const char *path, const struct fc_format *to, int stream,
                                const struct fc_options *base, struct result *r)
{
    struct fc_options opt = *base;
    struct fc_error err = {0};
    struct fc_input *in = NULL;
    struct fc_output *out = NULL;
    struct fc_feed *feed = NULL;
    char dir[4096] = "";
    opt.warn = on_warn;
    opt.warn_ctx = &r->warnings;
    bytes_add(&r->warnings, "", 0);
    bytes_add(&r->out, "", 0);

    r->st = fc_input_open(path, &in, &err);
    if (!r->st)
        r->st = open_out(to, dir, &out, &err);
    if (!r->st && stream) {
        r->st = fc_convert(in, NULL, out, to, &opt, &err);
    } else if (!r->st) {
        r->st = fc_read(in, NULL, &opt, &feed, &err);
        if (!r->st)
            r->st = fc_write(feed, out, to, &opt, &err);
    }
    if (!r->st)
        r->st = fc_output_commit(out, &err);
    if (!r->st && !(to->caps & FC_IS_DIRECTORY)) {
        size_t len;
        const char *p = fc_output_memory(out, &len);
        bytes_add(&r->out, p, len);
    } else if (!r->st && manifest(dir, "", &r->out) != 0) {
        r->st = FC_EIO;
    }
    snprintf(r->message, sizeof r->message, "%s", err.message);
    fc_feed_free(feed);
    fc_output_close(out);
    fc_input_close(in);
    snprintf(r->dir, sizeof r->dir, "%s", dir);
    if (dir[0])
        rm_tree(dir);
}

/* The same with the default options. */
static inline void convert(const char *path, const struct fc_format *to, int stream,
                           struct result *r)
{
    struct fc_options opt;
    fc_options_init(&opt);
    convert_with(path, to, stream, &opt, r);
}

/* Does some reader take this path?  (Expected outputs are feeds too, and
 * worth the check; notes and warning lists are not.) */
static inline int readable(const char *path)
{
    struct fc_error err = {0};
    struct fc_input *in = NULL;
    const struct fc_format *fmt = NULL;
    int ok = fc_input_open(path, &in, &err) == FC_OK && fc_format_detect(in, &fmt, &err) == FC_OK;
    fc_input_close(in);
    return ok;
}

#endif
