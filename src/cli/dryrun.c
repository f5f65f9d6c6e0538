/*
 * dryrun.c - --dry-run (cli.h): the whole conversion, into a temporary
 * copy below $TMPDIR, then a report of what the real run would write
 * beside what is there now.  Writing for real is the only way to know the
 * bytes (a writer's output depends on every post), and the temporary copy
 * keeps memory flat for any size, as the real run does.
 */
#define _GNU_SOURCE
#include "cli/cli.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static enum fc_status fail(struct fc_error *err, enum fc_status code, const char *file,
                           const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static enum fc_status fail(struct fc_error *err, enum fc_status code, const char *file,
                           const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    err->code = code;
    snprintf(err->file, sizeof err->file, "%s", file ? file : "");
    err->line = err->column = 0;
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return code;
}

static const char *tmp_root(void)
{
    const char *d = getenv("TMPDIR");
    return d && *d ? d : "/tmp";
}

/* ---- what is there now ------------------------------------------------ */

/* The checks the real run makes on `output` before writing (io.c's): an
 * existing file or non-empty directory needs --force. */
static enum fc_status check_target(const char *output, bool dir, unsigned flags,
                                   struct fc_error *err)
{
    struct stat sb;
    if (stat(output, &sb) != 0)
        return FC_OK; /* made by the real run (a directory with its parents) */
    if (dir && !S_ISDIR(sb.st_mode))
        return fail(err, FC_EIO, output, "cannot create directory: %s", strerror(ENOTDIR));
    if (!dir && S_ISDIR(sb.st_mode))
        return fail(err, FC_EUSAGE, output, "output is a directory");
    if (flags & FC_OPT_FORCE)
        return FC_OK;
    if (!dir)
        return fail(err, FC_EEXIST, output, "output file exists (use --force to replace it)");
    DIR *d = opendir(output);
    if (!d)
        return fail(err, FC_EIO, output, "cannot read directory: %s", strerror(errno));
    struct dirent *de;
    bool empty = true;
    while (empty && (de = readdir(d)) != NULL)
        empty = strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0;
    closedir(d);
    if (!empty)
        return fail(err, FC_EEXIST, output,
                    "output directory is not empty (use --force to write into it)");
    return FC_OK;
}

/* Do the files open as fa and b (a path) hold the same bytes?  Reads fa
 * from its start. */
static bool same_bytes(int fa, const char *b)
{
    int fb = open(b, O_RDONLY | O_CLOEXEC);
    if (fb < 0 || lseek(fa, 0, SEEK_SET) != 0) {
        if (fb >= 0)
            close(fb);
        return false;
    }
    char x[1 << 15], y[sizeof x];
    bool same = true;
    for (;;) {
        ssize_t n = read(fa, x, sizeof x), m = n > 0 ? read(fb, y, (size_t)n) : read(fb, y, 1);
        if (n < 0 || n != m || (n > 0 && memcmp(x, y, (size_t)n) != 0)) {
            same = false; /* short reads of regular files only come at the end */
            break;
        }
        if (n == 0)
            break;
    }
    close(fb);
    return same;
}

/* ---- the report ----------------------------------------------------- */

struct report {
    unsigned long files, create, replace, unchanged;
    unsigned long long bytes;
};

/* One line: what the real run does to `target` with the temporary file
 * fd (size bytes). */
static void report_file(struct report *r, const char *target, int fd, off_t size)
{
    struct stat sb;
    const char *what;
    if (!target) {
        what = "write";
    } else if (lstat(target, &sb) != 0) {
        what = "create";
        r->create++;
    } else if (S_ISREG(sb.st_mode) && sb.st_size == size && same_bytes(fd, target)) {
        what = "unchanged";
        r->unchanged++;
    } else {
        what = "replace";
        r->replace++;
    }
    r->files++;
    r->bytes += (unsigned long long)size;
    printf("%-9s %s (%lld bytes)\n", what, target ? target : "<stdout>", (long long)size);
}

static void report_end(const struct report *r)
{
    printf("dry run: %lu file%s, %llu bytes (%lu to create, %lu to replace, %lu unchanged); "
           "nothing written\n",
           r->files, r->files == 1 ? "" : "s", r->bytes, r->create, r->replace, r->unchanged);
}

/* ---- a stream output ---------------------------------------------------- */

/* An unnamed temporary file below $TMPDIR; -1 (errno). */
static int tmp_file(void)
{
    int fd = open(tmp_root(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (fd >= 0 || (errno != EOPNOTSUPP && errno != EISDIR))
        return fd;
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/feedconv-dry-run-XXXXXX", tmp_root());
    fd = mkostemp(path, O_CLOEXEC);
    if (fd >= 0)
        unlink(path);
    return fd;
}

static enum fc_status dry_stream(struct fc_input *const *in, const struct fc_format *const *from,
                                 size_t n, const char *output, const struct fc_format *to,
                                 const struct fc_options *opt, struct fc_error *err)
{
    int fd = tmp_file();
    if (fd < 0)
        return fail(err, FC_EIO, tmp_root(), "cannot create a temporary file: %s", strerror(errno));
    struct fc_output *out = NULL;
    enum fc_status st = fc_output_open_fd(fd, output ? output : "<stdout>", &out, err);
    if (!st)
        st = fc_convert_many(in, from, n, out, to, opt, err);
    if (!st)
        st = fc_output_commit(out, err);
    fc_output_close(out);
    struct stat sb;
    if (!st && fstat(fd, &sb) != 0)
        st = fail(err, FC_EIO, tmp_root(), "cannot stat a temporary file: %s", strerror(errno));
    if (!st) {
        struct report r = {0};
        report_file(&r, output, fd, sb.st_size);
        report_end(&r);
    }
    close(fd);
    return st;
}

/* ---- a directory output ------------------------------------------------ */

/* Called for each file below a tree (after), and for each directory after
 * its contents; rel is relative to the tree's root. */
typedef int (*visit_fn)(void *ctx, const char *root, const char *rel, bool is_dir);

/* Visit root/rel's entries in byte order of their names (not following
 * symlinks); stops at the first non-zero return.  -1 with errno on a
 * failure of its own. */
static int walk(const char *root, const char *rel, visit_fn fn, void *ctx)
{
    char path[PATH_MAX];
    if (snprintf(path, sizeof path, "%s/%s", root, rel) >= (int)sizeof path) {
        errno = ENAMETOOLONG;
        return -1;
    }
    struct dirent **names;
    int n = scandir(path, &names, NULL, alphasort); /* the C locale: byte order */
    if (n < 0)
        return -1;
    int r = 0;
    for (int i = 0; i < n; i++) {
        const char *name = names[i]->d_name;
        char sub[PATH_MAX];
        struct stat sb;
        if (r == 0 && strcmp(name, ".") != 0 && strcmp(name, "..") != 0) {
            if (snprintf(sub, sizeof sub, "%s%s%s", rel, *rel ? "/" : "", name) >=
                    (int)sizeof sub ||
                snprintf(path, sizeof path, "%s/%s", root, sub) >= (int)sizeof path) {
                errno = ENAMETOOLONG;
                r = -1;
            } else if (lstat(path, &sb) != 0) {
                r = -1;
            } else if (S_ISDIR(sb.st_mode)) {
                r = walk(root, sub, fn, ctx);
                if (r == 0)
                    r = fn(ctx, root, sub, true);
            } else {
                r = fn(ctx, root, sub, false);
            }
        }
        free(names[i]);
    }
    free(names);
    return r;
}

struct dry_dir {
    const char *output;
    struct report r;
};

static int report_entry(void *ctx, const char *root, const char *rel, bool is_dir)
{
    struct dry_dir *d = ctx;
    if (is_dir)
        return 0;
    char tmp[PATH_MAX], target[PATH_MAX];
    size_t n = strlen(d->output);
    snprintf(tmp, sizeof tmp, "%s/%s", root, rel);
    if (snprintf(target, sizeof target, "%s%s%s", d->output,
                 n && d->output[n - 1] == '/' ? "" : "/", rel) >= (int)sizeof target) {
        errno = ENAMETOOLONG;
        return -1;
    }
    int fd = open(tmp, O_RDONLY | O_CLOEXEC);
    struct stat sb;
    if (fd < 0 || fstat(fd, &sb) != 0) {
        if (fd >= 0)
            close(fd);
        return -1;
    }
    report_file(&d->r, target, fd, sb.st_size);
    close(fd);
    return 0;
}

static int remove_entry(void *ctx, const char *root, const char *rel, bool is_dir)
{
    (void)ctx;
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", root, rel);
    return is_dir ? rmdir(path) : unlink(path);
}

static enum fc_status dry_dir(struct fc_input *const *in, const struct fc_format *const *from,
                              size_t n, const char *output, const struct fc_format *to,
                              const struct fc_options *opt, struct fc_error *err)
{
    char root[PATH_MAX];
    snprintf(root, sizeof root, "%s/feedconv-dry-run-XXXXXX", tmp_root());
    if (!mkdtemp(root))
        return fail(err, FC_EIO, tmp_root(), "cannot create a temporary directory: %s",
                    strerror(errno));
    struct fc_output *out = NULL;
    enum fc_status st = fc_output_open_dir(root, opt->flags, &out, err);
    if (!st)
        st = fc_convert_many(in, from, n, out, to, opt, err);
    if (!st)
        st = fc_output_commit(out, err);
    fc_output_close(out);
    struct dry_dir d = {output, {0}};
    if (!st && walk(root, "", report_entry, &d) != 0)
        st = fail(err, FC_EIO, root, "cannot read the temporary copy: %s", strerror(errno));
    if (!st)
        report_end(&d.r);
    if (walk(root, "", remove_entry, NULL) != 0 || rmdir(root) != 0)
        fprintf(stderr, "feedconv: warning: %s: cannot remove the temporary copy: %s\n", root,
                strerror(errno));
    return st;
}

enum fc_status cli_dry_run(struct fc_input *const *in, const struct fc_format *const *from,
                           size_t n, const char *output, const struct fc_format *to,
                           const struct fc_options *opt, struct fc_error *err)
{
    bool dir = (to->caps & FC_IS_DIRECTORY) != 0;
    if (output && strcmp(output, "-") == 0)
        output = NULL;
    enum fc_status st = output ? check_target(output, dir, opt->flags, err) : FC_OK;
    if (st)
        return st;
    return dir ? dry_dir(in, from, n, output, to, opt, err)
               : dry_stream(in, from, n, output, to, opt, err);
}
