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
#include "treelib.h"

#include <glob.h>

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
