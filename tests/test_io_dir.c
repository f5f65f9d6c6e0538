/*
 * test_io_dir.c - directory output of io.c: the cache of open
 * subdirectories (many parents, Jekyll-like alternation, Hugo bundles),
 * replacing files, a directory in the way, symlinks planted inside the
 * output (before and after a directory was cached), no fd leak, an output
 * directory made with its missing parents, and the fallbacks when O_TMPFILE or
 * linkat(AT_EMPTY_PATH) is refused (simulated by the openat/linkat below, which io.o links
 * against).
 */
#define _GNU_SOURCE
#include "check.h"
#include "internal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

/* ---- fault injection ------------------------------------------------------ */

static bool deny_tmpfile, deny_empty_link;
static int denied_tmpfile, denied_empty_link;

int openat(int dirfd, const char *path, int flags, ...)
{
    mode_t mode = 0;
    if ((flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE) {
        va_list ap;
        va_start(ap, flags);
        mode = (mode_t)va_arg(ap, int);
        va_end(ap);
    }
    if (deny_tmpfile && (flags & O_TMPFILE) == O_TMPFILE) {
        denied_tmpfile++;
        errno = EOPNOTSUPP;
        return -1;
    }
    return (int)syscall(SYS_openat, dirfd, path, flags, mode);
}

int linkat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, int flags)
{
    if (deny_empty_link && (flags & AT_EMPTY_PATH)) {
        denied_empty_link++;
        errno = ENOENT; /* what a kernel before 6.10 says without the capability */
        return -1;
    }
    return (int)syscall(SYS_linkat, olddirfd, oldpath, newdirfd, newpath, flags);
}

/* ---- helpers ------------------------------------------------------------ */

static char *slurp(const char *path)
{
    static char buf[4096];
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

static size_t count_in(const char *dir)
{
    DIR *d = opendir(dir);
    size_t n = 0;
    if (!d)
        return (size_t)-1;
    struct dirent *de;
    while ((de = readdir(d)) != NULL)
        if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0)
            n++;
    closedir(d);
    return n;
}

static size_t open_fds(void)
{
    return count_in("/proc/self/fd") - 1; /* less the one reading it */
}

static bool is_regular(const char *path)
{
    struct stat sb;
    return lstat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

static enum fc_status put(struct fc_output *o, const char *rel, const char *text)
{
    struct fc_error err;
    return fc_out_dir_write(o, rel, text, strlen(text), &err);
}

/* ---- tests --------------------------------------------------------------- */

/* Every layout feedconv writes, with more parents than cached fds. */
static void test_layouts(const char *tmp, const char *tag)
{
    char dir[512], path[700], name[64], want[64];
    struct fc_error err;
    struct fc_output *o;
    snprintf(dir, sizeof dir, "%s/layouts-%s", tmp, tag);
    size_t fds = open_fds();
    if (fc_output_open_dir(dir, 0, &o, &err) != FC_OK) {
        CHECK("layouts: open", false);
        return;
    }
    bool ok = true;
    for (int i = 0; i < 40 && ok; i++) {
        snprintf(name, sizeof name, "p%d.md", i);
        ok = put(o, name, name) == FC_OK;
        /* Jekyll: two parents in turn */
        snprintf(name, sizeof name, "%s/j%d.md", i % 3 ? "_posts" : "_drafts", i);
        ok = ok && put(o, name, name) == FC_OK;
        /* Hugo bundles: a new directory each post under a shared one */
        snprintf(name, sizeof name, "content/posts/b%d/index.md", i);
        ok = ok && put(o, name, name) == FC_OK;
        /* many parents, deeper than the cache, revisited */
        snprintf(name, sizeof name, "deep/d%d/e/f%d.md", i % 13, i);
        ok = ok && put(o, name, name) == FC_OK;
    }
    CHECK("layouts: 160 writes", ok);
    CHECK("layouts: cached fds bounded", open_fds() <= fds + 1 + 8);
    CHECK("layouts: exists (cached parent)", fc_out_dir_exists(o, "_posts/j1.md"));
    CHECK("layouts: exists (uncached parent)", fc_out_dir_exists(o, "deep/d3/e/f3.md"));
    CHECK("layouts: missing file", !fc_out_dir_exists(o, "deep/d3/e/nope.md"));
    CHECK("layouts: missing directory", !fc_out_dir_exists(o, "nope/x.md"));
    fc_output_close(o);
    CHECK_INT("layouts: no fd left open", open_fds(), fds);
    bool same = true;
    for (int i = 0; i < 40 && same; i++) {
        snprintf(want, sizeof want, "%s/j%d.md", i % 3 ? "_posts" : "_drafts", i);
        snprintf(path, sizeof path, "%s/%s", dir, want);
        const char *got = slurp(path);
        same = got && strcmp(got, want) == 0;
        snprintf(want, sizeof want, "content/posts/b%d/index.md", i);
        snprintf(path, sizeof path, "%s/%s", dir, want);
        got = slurp(path);
        same = same && got && strcmp(got, want) == 0;
        snprintf(want, sizeof want, "deep/d%d/e/f%d.md", i % 13, i);
        snprintf(path, sizeof path, "%s/%s", dir, want);
        got = slurp(path);
        same = same && got && strcmp(got, want) == 0;
    }
    CHECK("layouts: every file has its content", same);
    CHECK_INT("layouts: top level", count_in(dir), 40 + 4);
    snprintf(path, sizeof path, "%s/content/posts", dir);
    CHECK_INT("layouts: bundles, no temporary left", count_in(path), 40);
    snprintf(path, sizeof path, "%s/deep", dir);
    CHECK_INT("layouts: 13 deep parents", count_in(path), 13);
}

static void test_replace_and_in_the_way(const char *tmp, const char *tag)
{
    char dir[512], path[700];
    struct fc_error err;
    struct fc_output *o;
    snprintf(dir, sizeof dir, "%s/replace-%s", tmp, tag);
    if (fc_output_open_dir(dir, 0, &o, &err) != FC_OK) {
        CHECK("replace: open", false);
        return;
    }
    CHECK("replace: first", put(o, "a/x.md", "one") == FC_OK);
    CHECK("replace: again", put(o, "a/x.md", "two") == FC_OK);
    snprintf(path, sizeof path, "%s/a/x.md", dir);
    CHECK_STR("replace: new content", slurp(path), "two");
    snprintf(path, sizeof path, "%s/a", dir);
    CHECK_INT("replace: no temporary left", count_in(path), 1);

    snprintf(path, sizeof path, "%s/a/sub", dir);
    mkdir(path, 0755);
    CHECK_INT("in the way: a directory", fc_out_dir_write(o, "a/sub", "x", 1, &err), FC_EIO);
    CHECK("in the way: message", strstr(err.message, "directory is in the way") != NULL);
    snprintf(path, sizeof path, "%s/a", dir);
    CHECK_INT("in the way: no temporary left", count_in(path), 2);
    CHECK("in the way: a file for a directory", put(o, "a/x.md/y.md", "x") != FC_OK);
    CHECK("in the way: still writable", put(o, "a/z.md", "z") == FC_OK);
    char longname[300];
    memset(longname, 'n', sizeof longname - 1);
    longname[sizeof longname - 1] = '\0';
    snprintf(path, sizeof path, "a/%s/x.md", longname);
    CHECK("in the way: component too long", put(o, path, "x") != FC_OK);
    fc_output_close(o);

    /* --force into the same tree: every file replaced, nothing else */
    CHECK("force: reopen", fc_output_open_dir(dir, FC_OPT_FORCE, &o, &err) == FC_OK);
    CHECK("force: replace", put(o, "a/x.md", "three") == FC_OK);
    fc_output_close(o);
    snprintf(path, sizeof path, "%s/a/x.md", dir);
    CHECK_STR("force: new content", slurp(path), "three");
    snprintf(path, sizeof path, "%s/a", dir);
    CHECK_INT("force: no temporary left", count_in(path), 3);
}

static void test_symlinks(const char *tmp, const char *tag)
{
    char dir[512], out[512], path[700], target[700];
    struct fc_error err;
    struct fc_output *o;
    snprintf(dir, sizeof dir, "%s/sym-%s", tmp, tag);
    snprintf(out, sizeof out, "%s/outside-%s", tmp, tag);
    mkdir(out, 0755);
    snprintf(path, sizeof path, "%s/victim", out);
    FILE *f = fopen(path, "w");
    if (f) {
        fputs("victim", f);
        fclose(f);
    }
    if (fc_output_open_dir(dir, 0, &o, &err) != FC_OK) {
        CHECK("symlink: open", false);
        return;
    }
    CHECK("symlink: cache d", put(o, "d/a.md", "a") == FC_OK);
    CHECK("symlink: cache c/p", put(o, "c/p/x.md", "x") == FC_OK);
    /* planted before the first use, at the top */
    snprintf(path, sizeof path, "%s/link", dir);
    CHECK("symlink: plant link", symlink(out, path) == 0);
    CHECK("symlink: top-level symlink refused", put(o, "link/e.md", "e") != FC_OK);
    /* planted below a cached directory */
    snprintf(path, sizeof path, "%s/d/sub", dir);
    CHECK("symlink: plant d/sub", symlink(out, path) == 0);
    CHECK("symlink: below a cached directory refused", put(o, "d/sub/e.md", "e") != FC_OK);
    snprintf(path, sizeof path, "%s/c/p/q", dir);
    CHECK("symlink: plant c/p/q", symlink(out, path) == 0);
    CHECK("symlink: deeper below a cached directory refused", put(o, "c/p/q/r/e.md", "e") != FC_OK);
    CHECK("symlink: exists does not follow", !fc_out_dir_exists(o, "d/sub/victim"));
    /* a symlink as the file itself is replaced, not followed */
    snprintf(path, sizeof path, "%s/victim", out);
    snprintf(target, sizeof target, "%s/d/v.md", dir);
    CHECK("symlink: plant d/v.md", symlink(path, target) == 0);
    CHECK("symlink: file symlink replaced", put(o, "d/v.md", "mine") == FC_OK);
    CHECK("symlink: now a regular file", is_regular(target));
    /* a cached directory swapped for a symlink: writes stay in the
     * directory that was walked, never through the link */
    snprintf(path, sizeof path, "%s/d", dir);
    snprintf(target, sizeof target, "%s/d.moved", dir);
    CHECK("symlink: move d away", rename(path, target) == 0);
    CHECK("symlink: plant d", symlink(out, path) == 0);
    CHECK("symlink: write after the swap", put(o, "d/z.md", "z") == FC_OK);
    snprintf(path, sizeof path, "%s/d.moved/z.md", dir);
    CHECK_STR("symlink: landed in the walked directory", slurp(path), "z");
    fc_output_close(o);
    snprintf(path, sizeof path, "%s/victim", out);
    CHECK_STR("symlink: outside file untouched", slurp(path), "victim");
    CHECK_INT("symlink: nothing written outside", count_in(out), 1);
}

/* Copying a site's file into the output: the bytes, the size limit, and
 * no way out of the source ("..", symlinks, what is not a file). */
static void test_copy(const char *tmp)
{
    char src[512], dir[512], path[700];
    struct fc_error err;
    struct fc_output *o;
    snprintf(src, sizeof src, "%s/copy-src", tmp);
    snprintf(dir, sizeof dir, "%s/copy-out", tmp);
    snprintf(path, sizeof path, "%s/img", src);
    mkdir(src, 0755);
    mkdir(path, 0755);
    snprintf(path, sizeof path, "%s/img/a.png", src);
    FILE *f = fopen(path, "wb");
    if (f) {
        for (int i = 0; i < 100000; i++)
            fputc(i & 0xff, f);
        fclose(f);
    }
    snprintf(path, sizeof path, "%s/secret", tmp);
    f = fopen(path, "w");
    if (f) {
        fputs("secret", f);
        fclose(f);
    }
    char link[700];
    snprintf(link, sizeof link, "%s/img/link.png", src);
    CHECK("copy: plant a symlink", symlink(path, link) == 0);
    snprintf(link, sizeof link, "%s/dirlink", src);
    CHECK("copy: plant a directory symlink", symlink(tmp, link) == 0);
    if (fc_output_open_dir(dir, 0, &o, &err) != FC_OK) {
        CHECK("copy: open", false);
        return;
    }
    CHECK("copy: a file",
          fc_out_dir_copy(o, "static/img/a.png", src, "img/a.png", 1 << 20, &err) == FC_OK);
    snprintf(path, sizeof path, "%s/static/img/a.png", dir);
    struct stat sb;
    CHECK("copy: every byte", stat(path, &sb) == 0 && sb.st_size == 100000);
    CHECK("copy: larger than the limit",
          fc_out_dir_copy(o, "b.png", src, "img/a.png", 1000, &err) == FC_ELIMIT);
    CHECK("copy: '..' refused",
          fc_out_dir_copy(o, "c", src, "../secret", 1 << 20, &err) == FC_EUSAGE);
    CHECK("copy: absolute refused",
          fc_out_dir_copy(o, "c", src, "/etc/passwd", 1 << 20, &err) == FC_EUSAGE);
    CHECK("copy: a symlinked file refused",
          fc_out_dir_copy(o, "c", src, "img/link.png", 1 << 20, &err) != FC_OK);
    CHECK("copy: through a symlinked directory refused",
          fc_out_dir_copy(o, "c", src, "dirlink/secret", 1 << 20, &err) != FC_OK);
    CHECK("copy: a directory refused",
          fc_out_dir_copy(o, "c", src, "img", 1 << 20, &err) == FC_EUSAGE);
    CHECK("copy: a missing file", fc_out_dir_copy(o, "c", src, "nope", 1 << 20, &err) == FC_EIO);
    CHECK("copy: nothing else written",
          !fc_out_dir_exists(o, "c") && !fc_out_dir_exists(o, "b.png"));
    fc_output_close(o);
}

/* Streamed files (fc_out_file_*): several open at once in more
 * directories than the cache keeps, written in chunks; committed ones
 * appear whole, discarded ones leave nothing, not even a temporary. */
static void test_streamed(const char *tmp, const char *tag)
{
    enum { NF = 12 };
    char dir[512], path[700], rel[64], want[64];
    struct fc_error err;
    struct fc_output *o;
    struct fc_out_file *f[NF] = {0};
    snprintf(dir, sizeof dir, "%s/stream-%s", tmp, tag);
    size_t fds = open_fds();
    if (fc_output_open_dir(dir, 0, &o, &err) != FC_OK) {
        CHECK("stream: open", false);
        return;
    }
    bool ok = true;
    for (int i = 0; i < NF && ok; i++) {
        snprintf(rel, sizeof rel, "s%d/t/f%d.bin", i, i);
        ok = fc_out_file_open(o, rel, &f[i], &err) == FC_OK;
    }
    CHECK("stream: 12 files open at once", ok);
    for (int chunk = 0; chunk < 3 && ok; chunk++)
        for (int i = 0; i < NF && ok; i++) {
            snprintf(want, sizeof want, "%d.%d;", i, chunk);
            ok = fc_out_file_write(f[i], want, strlen(want), &err) == FC_OK;
        }
    CHECK("stream: chunks written", ok);
    snprintf(path, sizeof path, "%s/s0/t", dir);
    CHECK_INT("stream: nothing visible before commit", count_in(path), tag[0] == 'n' ? 1 : 0);
    for (int i = 0; i < NF && ok; i += 2)
        ok = fc_out_file_commit(f[i], &err) == FC_OK;
    CHECK("stream: even files committed", ok);
    if (f[0]) {
        CHECK("stream: commit twice refused", fc_out_file_commit(f[0], &err) != FC_OK);
        CHECK("stream: write after commit refused", fc_out_file_write(f[0], "x", 1, &err) != FC_OK);
    }
    for (int i = 0; i < NF; i++)
        fc_out_file_close(f[i]);
    bool same = true, gone = true;
    for (int i = 0; i < NF; i++) {
        snprintf(path, sizeof path, "%s/s%d/t", dir, i);
        if (i % 2) {
            gone = gone && count_in(path) == 0;
            continue;
        }
        snprintf(want, sizeof want, "%d.0;%d.1;%d.2;", i, i, i);
        snprintf(path, sizeof path, "%s/s%d/t/f%d.bin", dir, i, i);
        const char *got = slurp(path);
        same = same && got && strcmp(got, want) == 0;
    }
    CHECK("stream: committed files whole", same);
    CHECK("stream: discarded files leave nothing", gone);

    struct fc_out_file *g = NULL;
    CHECK_INT("stream: '..' refused", fc_out_file_open(o, "a/../b", &g, &err), FC_EUSAGE);
    CHECK_INT("stream: absolute refused", fc_out_file_open(o, "/etc/x", &g, &err), FC_EUSAGE);
    CHECK_INT("stream: NULL refused", fc_out_file_open(o, NULL, &g, &err), FC_EUSAGE);
    snprintf(path, sizeof path, "%s/link", dir);
    CHECK("stream: plant link", symlink(tmp, path) == 0);
    CHECK("stream: symlinked directory refused", fc_out_file_open(o, "link/x", &g, &err) != FC_OK);
    CHECK("stream: failed open hands out nothing", g == NULL);
    /* a replaced file is replaced whole */
    CHECK("stream: replace", fc_out_file_open(o, "s0/t/f0.bin", &g, &err) == FC_OK &&
                                 fc_out_file_write(g, "new", 3, &err) == FC_OK &&
                                 fc_out_file_commit(g, &err) == FC_OK);
    fc_out_file_close(g);
    snprintf(path, sizeof path, "%s/s0/t/f0.bin", dir);
    CHECK_STR("stream: replaced content", slurp(path), "new");
    /* discarded over an existing file: the old one stays */
    g = NULL;
    if (fc_out_file_open(o, "s0/t/f0.bin", &g, &err) == FC_OK)
        fc_out_file_write(g, "partial", 7, &err);
    fc_out_file_close(g);
    CHECK_STR("stream: discard keeps the old file", slurp(path), "new");
    snprintf(path, sizeof path, "%s/s0/t", dir);
    CHECK_INT("stream: no temporary left", count_in(path), 1);
    fc_output_close(o);
    CHECK_INT("stream: no fd left open", open_fds(), fds);
}

/* An output directory is made with its missing parents (mkdir -p): the
 * path as the caller wrote it, "//" and "." included, symlinks in it
 * followed; a file on the way is an error. */
static void test_parents(const char *tmp)
{
    char dir[512], path[700];
    struct fc_error err = {0};
    struct fc_output *o = NULL;
    snprintf(dir, sizeof dir, "%s/parents/a/b/c", tmp);
    CHECK_INT("parents: a/b/c made", fc_output_open_dir(dir, 0, &o, &err), FC_OK);
    CHECK("parents: writable", o && put(o, "x.md", "x") == FC_OK);
    fc_output_close(o);
    snprintf(path, sizeof path, "%s/x.md", dir);
    CHECK_STR("parents: the file is there", slurp(path), "x");
    snprintf(dir, sizeof dir, "%s/parents//d/./e/", tmp);
    CHECK_INT("parents: // and . skipped", fc_output_open_dir(dir, 0, &o, &err), FC_OK);
    fc_output_close(o);
    snprintf(path, sizeof path, "%s/parents/d/e", tmp);
    CHECK("parents: d/e is a directory", count_in(path) == 0);
    snprintf(path, sizeof path, "%s/parents/real", tmp);
    mkdir(path, 0755);
    snprintf(dir, sizeof dir, "%s/parents/link", tmp);
    CHECK("parents: plant a link", symlink(path, dir) == 0);
    snprintf(dir, sizeof dir, "%s/parents/link/f/g", tmp);
    CHECK_INT("parents: a symlink the caller wrote is followed",
              fc_output_open_dir(dir, 0, &o, &err), FC_OK);
    fc_output_close(o);
    snprintf(path, sizeof path, "%s/parents/real/f", tmp);
    CHECK_INT("parents: made through the link", count_in(path), 1);
    snprintf(path, sizeof path, "%s/parents/file", tmp);
    FILE *f = fopen(path, "w");
    if (f)
        fclose(f);
    snprintf(dir, sizeof dir, "%s/parents/file/sub", tmp);
    o = NULL;
    CHECK_INT("parents: a file on the way", fc_output_open_dir(dir, 0, &o, &err), FC_EIO);
    CHECK("parents: says so", strstr(err.message, "Not a directory") != NULL);
    CHECK("parents: no output", o == NULL);
}

int main(void)
{
    char tmp[] = "/tmp/fc-iodir-XXXXXX";
    if (!mkdtemp(tmp))
        return 2;
    test_layouts(tmp, "default");
    test_replace_and_in_the_way(tmp, "default");
    test_symlinks(tmp, "default");
    test_copy(tmp);
    test_streamed(tmp, "default");
    test_parents(tmp);

    /* the same with named temporaries (no O_TMPFILE) */
    deny_tmpfile = true;
    test_layouts(tmp, "named");
    test_replace_and_in_the_way(tmp, "named");
    test_symlinks(tmp, "named");
    test_streamed(tmp, "named");
    if (denied_tmpfile == 0)
        SKIP("named temporaries", "io.o does not call this openat (interposition failed)");
    else
        CHECK_INT("named temporaries: O_TMPFILE asked once per output", denied_tmpfile, 5);
    deny_tmpfile = false;

    /* the same linking through /proc (a kernel before 6.10, unprivileged) */
    deny_empty_link = true;
    test_layouts(tmp, "proc");
    test_replace_and_in_the_way(tmp, "proc");
    test_symlinks(tmp, "proc");
    test_streamed(tmp, "proc");
    if (denied_empty_link == 0)
        SKIP("link through /proc", "io.o does not call this linkat (interposition failed)");
    else
        CHECK_INT("link through /proc: AT_EMPTY_PATH asked once per output", denied_empty_link, 5);
    deny_empty_link = false;

    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
    if (system(cmd) != 0)
        return 2;
    return CHECK_DONE();
}
