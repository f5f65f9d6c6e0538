/*
 * test_stream.c - streaming gives the same bytes as loading (issue 6,
 * acceptance 3).  For every fixture a reader accepts (fixtures/<rule>/<x>,
 * files and directories), and for every writable format: fc_convert
 * (reader -> writer, one post at a time) must write exactly what
 * fc_read + fc_write (the whole feed in memory, then written) writes, raise
 * the same warnings, and fail with the same status when it fails.  Stream
 * formats are compared in memory, directory formats as trees on disk.
 *
 * Why this can differ: a streaming writer's begin() sees only the metadata
 * that came before the first post, while fc_write hands it the finished
 * feed; and a reader may reuse state across posts that collecting exposes.
 */
#define _GNU_SOURCE
#include "check.h"

#include <feedconv.h>

#include <dirent.h>
#include <ftw.h>
#include <glob.h>
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

static void bytes_add(struct bytes *b, const void *p, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *q = realloc(b->p, cap);
        if (!q) {
            puts("FAIL: stream: out of memory");
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

static void bytes_str(struct bytes *b, const char *s)
{
    bytes_add(b, s, strlen(s));
}

/* Warnings of one run, one per line with their position. */
static void on_warn(void *ctx, const struct fc_error *w)
{
    char line[900];
    snprintf(line, sizeof line, "%s:%lu:%lu: %s\n", w->file, w->line, w->column, w->message);
    bytes_str(ctx, line);
}

/* ---- directory trees ---------------------------------------------------- */

static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

/* Every file under root/rel, sorted by name: "path\n<size>\n<bytes>". */
static int manifest(const char *root, const char *rel, struct bytes *m)
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

static int rm_entry(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb, (void)flag, (void)ftw;
    return remove(p);
}

static void rm_tree(const char *p)
{
    nftw(p, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* ---- one conversion, both ways -------------------------------------------- */

struct result {
    enum fc_status st;
    struct bytes out; /* stream output or directory manifest */
    struct bytes warnings;
    char message[600];
};

static void result_free(struct result *r)
{
    free(r->out.p);
    free(r->warnings.p);
}

/* Open an output for `to`: memory, or a fresh directory under tmp. */
static enum fc_status open_out(const struct fc_format *to, char *dir, struct fc_output **out,
                               struct fc_error *err)
{
    if (!(to->caps & FC_IS_DIRECTORY))
        return fc_output_open_memory(out, err);
    snprintf(dir, 4096, "%s/feedconv-stream.XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(dir))
        return FC_EIO;
    return fc_output_open_dir(dir, 0, out, err);
}

static void convert(const char *path, const struct fc_format *to, int stream, struct result *r)
{
    struct fc_options opt;
    struct fc_error err = {0};
    struct fc_input *in = NULL;
    struct fc_output *out = NULL;
    struct fc_feed *feed = NULL;
    char dir[4096] = "";
    fc_options_init(&opt);
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
    if (dir[0])
        rm_tree(dir);
}

/* Where two outputs first differ, for the failure message. */
static void describe_diff(const struct bytes *a, const struct bytes *b, char *msg, size_t cap)
{
    size_t i = 0, line = 1;
    while (i < a->len && i < b->len && a->p[i] == b->p[i])
        line += a->p[i++] == '\n';
    size_t from = i > 30 ? i - 30 : 0;
    int na = (int)((a->len - from) < 60 ? a->len - from : 60);
    int nb = (int)((b->len - from) < 60 ? b->len - from : 60);
    snprintf(msg, cap,
             "%zu vs %zu bytes, first difference at byte %zu (line %zu): "
             "stream \"%.*s\" vs collected \"%.*s\"",
             a->len, b->len, i, line, na, a->p + from, nb, b->p + from);
    for (char *c = msg; *c; c++)
        if (*c == '\n' || *c == '\r')
            *c = ' ';
}

static int test_one(const char *path, const struct fc_format *to)
{
    struct result s = {0}, c = {0};
    char name[600], why[1200];
    const char *rel = strstr(path, "fixtures/");
    snprintf(name, sizeof name, "stream == collected: %s -> %s", rel ? rel : path, to->name);
    convert(path, to, 1, &s);
    convert(path, to, 0, &c);
    int ok = 0;
    if (s.st != c.st) {
        snprintf(why, sizeof why, "status %s (%.250s) streaming vs %s (%.250s) collected",
                 fc_status_str(s.st), s.message, fc_status_str(c.st), c.message);
    } else if (s.st == FC_OK &&
               (s.out.len != c.out.len || memcmp(s.out.p, c.out.p, s.out.len) != 0)) {
        describe_diff(&s.out, &c.out, why, sizeof why);
    } else if (s.st == FC_OK && strcmp(s.warnings.p, c.warnings.p) != 0) {
        /* (On failure the streaming writer may have warned about what it
         * had already written; only successful runs must agree.) */
        snprintf(why, sizeof why, "different warnings: stream [%.250s] vs collected [%.250s]",
                 s.warnings.p, c.warnings.p);
    } else {
        ok = 1;
    }
    if (ok) {
        printf("PASS: %s%s\n", name, s.st ? " (same failure)" : "");
    } else {
        printf("FAIL: %s: %s\n", name, why);
        check_failures++;
    }
    result_free(&s);
    result_free(&c);
    return ok;
}

/* Does some reader take this path?  (Expected outputs are feeds too, and
 * worth the check; notes and warning lists are not.) */
static int readable(const char *path)
{
    struct fc_error err = {0};
    struct fc_input *in = NULL;
    const struct fc_format *fmt = NULL;
    int ok = fc_input_open(path, &in, &err) == FC_OK && fc_format_detect(in, &fmt, &err) == FC_OK;
    fc_input_close(in);
    return ok;
}

int main(void)
{
    glob_t g;
    int inputs = 0;
    setvbuf(stdout, NULL, _IOLBF, 0); /* a sanitizer abort keeps the lines before it */
    if (glob(FC_ROOT "/fixtures/*/*", 0, NULL, &g) != 0) {
        SKIP("stream == collected", "no fixtures found");
        return 0;
    }
    for (size_t i = 0; i < g.gl_pathc; i++) {
        const char *path = g.gl_pathv[i];
        if (!readable(path))
            continue;
        inputs++;
        for (const struct fc_format *const *f = fc_formats(); *f; f++)
            if ((*f)->caps & FC_CAN_WRITE)
                test_one(path, *f);
    }
    globfree(&g);
    CHECK("stream: some fixtures were compared", inputs > 0);
    return CHECK_DONE();
}
