/*
 * mdfloor.c - how fast can cmark-gfm alone turn a Markdown site's bodies
 * into HTML.  No feedconv code: this is the floor under any reader of a
 * Markdown site that renders its bodies with cmark-gfm, as parsers.c is
 * under the XML readers.
 *
 *   mdfloor DIR [REPS]      prints one line per mode, best of REPS (3)
 *
 * Every regular file of DIR (not its subdirectories) is read to its end,
 * its front matter ("---" or "+++" fenced) skipped, and the rest parsed
 * and rendered by one thread with CMARK_OPT_UNSAFE and a new parser per
 * file (as feedconv does).  MB counts the whole files, as `make bench`
 * counts a site's input.  Modes:
 *   cmark-gfm       table, strikethrough, autolink and tasklist attached
 *                   (what feedconv attaches when a body can use them all)
 *   cmark-gfm core  no extension (what it attaches to a body using none)
 */
#define _GNU_SOURCE
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The body of a file of n bytes: past its front matter, if it has one. */
static const char *body_of(const char *t, size_t n, size_t *len)
{
    const char *b = t;
    if (n >= 4 && (!memcmp(t, "---\n", 4) || !memcmp(t, "+++\n", 4))) {
        char close[6] = {'\n', t[0], t[0], t[0], '\n', 0};
        const char *e = memmem(t + 3, n - 3, close, 5);
        if (e)
            b = e + 5;
    }
    *len = n - (size_t)(b - t);
    return b;
}

/* One pass over dir; bytes of input, -1 on an error. */
static long long run(int dfd, int exts, size_t *files)
{
    static const char *const names[] = {"table", "strikethrough", "autolink", "tasklist"};
    static char buf[16 << 20];
    int lfd = openat(dfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC); /* an offset of its own */
    DIR *d = lfd < 0 ? NULL : fdopendir(lfd);
    if (!d)
        return -1;
    long long total = 0;
    *files = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.' || e->d_type != DT_REG)
            continue;
        int fd = openat(dfd, e->d_name, O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            return -1;
        size_t n = 0;
        ssize_t r;
        while (n < sizeof buf && (r = read(fd, buf + n, sizeof buf - n)) > 0)
            n += (size_t)r;
        close(fd);
        size_t len;
        const char *body = body_of(buf, n, &len);
        cmark_parser *p = cmark_parser_new(CMARK_OPT_UNSAFE);
        for (size_t i = 0; exts && i < sizeof names / sizeof names[0]; i++) {
            cmark_syntax_extension *x = cmark_find_syntax_extension(names[i]);
            if (!x || !cmark_parser_attach_syntax_extension(p, x))
                return -1;
        }
        cmark_parser_feed(p, body, len);
        cmark_node *doc = cmark_parser_finish(p);
        char *html =
            cmark_render_html(doc, CMARK_OPT_UNSAFE, cmark_parser_get_syntax_extensions(p));
        if (!html)
            return -1;
        free(html);
        cmark_node_free(doc);
        cmark_parser_free(p);
        total += (long long)n;
        ++*files;
    }
    closedir(d);
    return total;
}

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 3) {
        fputs("usage: mdfloor DIR [REPS]\n", stderr);
        return 2;
    }
    int reps = argc == 3 ? (int)strtol(argv[2], NULL, 10) : 3;
    if (reps < 1)
        reps = 1;
    int dfd = open(argv[1], O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd < 0) {
        perror(argv[1]);
        return 2;
    }
    cmark_gfm_core_extensions_ensure_registered();
    static const char *const modes[] = {"cmark-gfm", "cmark-gfm core"};
    for (int mode = 0; mode < 2; mode++) {
        double best = 0;
        long long bytes = 0;
        size_t files = 0;
        for (int i = 0; i < reps; i++) {
            double t0 = now();
            bytes = run(dfd, mode == 0, &files);
            double t = now() - t0;
            if (bytes < 0) {
                fprintf(stderr, "mdfloor: %s: %s failed\n", argv[1], modes[mode]);
                return 1;
            }
            if (i == 0 || t < best)
                best = t;
        }
        /* the name's blanks as '_': run.sh reads the line by fields */
        char name[32];
        snprintf(name, sizeof name, "%s", modes[mode]);
        for (char *c = name; *c; c++)
            *c = *c == ' ' ? '_' : *c;
        printf("%-14s %8.1f MB in %7.3f s  %7.1f MB/s  %zu files\n", name, (double)bytes / 1e6,
               best, (double)bytes / 1e6 / best, files);
    }
    close(dfd);
    return 0;
}
