/*
 * test_golden.c - the bytes every fixture converts to, pinned.  For every
 * fixture a reader takes and every output variant (each writable format,
 * and the Markdown layouts), the status, a hash of the output (a stream, or
 * a directory's manifest) and a hash of the warnings must equal the line in
 * tests/golden/outputs.  A restructuring must leave them all alone; an
 * intended change of output regenerates the file and shows in its diff:
 *
 *   GOLDEN_WRITE=1 build/rel/tests/test_golden >tests/golden/outputs
 */
#define _GNU_SOURCE
#include "check.h"
#include "testlib.h"
#include "treelib.h"

#include <glob.h>
#include <stdint.h>

#define GOLDEN FC_ROOT "/tests/golden/outputs"

struct variant {
    const char *name;
    const char *format;
    const char *site;
    unsigned extra; /* TL_* */
};

static const struct variant variants[] = {
    {"rss", "rss", "plain", 0},
    {"atom", "atom", "plain", 0},
    {"jsonfeed", "jsonfeed", "plain", 0},
    {"md-plain", "markdown", "plain", 0},
    {"md-hugo", "markdown", "hugo", 0},
    {"md-hugo-bundles", "markdown", "hugo", TL_BUNDLES},
    {"md-jekyll", "markdown", "jekyll", 0},
    {"md-eleventy", "markdown", "eleventy", 0},
    {"md-zola", "markdown", "zola", 0},
    {"md-html", "markdown", "plain", TL_BODY_HTML},
};

/* FNV-1a, 64 bits: enough to tell outputs apart, and no dependency. */
static uint64_t hash(const struct bytes *b)
{
    uint64_t h = 14695981039346656037ull;
    for (size_t i = 0; i < b->len; i++) {
        h ^= (unsigned char)b->p[i];
        h *= 1099511628211ull;
    }
    return h;
}

/* Warnings name a directory output by its (temporary) path: say OUT. */
static void unname_dir(struct bytes *w, const char *dir)
{
    size_t n = strlen(dir);
    char *p;
    if (!n)
        return;
    while ((p = strstr(w->p, dir)) != NULL) {
        memcpy(p, "OUT", 3);
        memmove(p + 3, p + n, w->len - (size_t)(p + n - w->p) + 1);
        w->len -= n - 3;
    }
}

/* The manifest's lines ("<fixture> <variant> <status> <out> <warnings>"). */
static char *golden;

static const char *find_line(const char *key)
{
    size_t n = strlen(key);
    for (const char *p = golden; p && *p;) {
        if (strncmp(p, key, n) == 0 && p[n] == ' ')
            return p + n + 1;
        p = strchr(p, '\n');
        p = p ? p + 1 : NULL;
    }
    return NULL;
}

static void one(const char *path, const struct variant *v, int write)
{
    struct fc_options opt;
    struct result r = {0};
    char key[700], got[200];
    fc_options_init(&opt);
    tl_markdown_options(&opt, v->site, v->extra);
    convert_with(path, fc_format_find(v->format), 1, &opt, &r);
    unname_dir(&r.warnings, r.dir);
    snprintf(key, sizeof key, "%s %s", path, v->name);
    snprintf(got, sizeof got, "%d %016llx %016llx", (int)r.st, (unsigned long long)hash(&r.out),
             (unsigned long long)hash(&r.warnings));
    if (write) {
        printf("%s %s\n", key, got);
    } else {
        const char *want = find_line(key);
        const char *eol = want ? strchr(want, '\n') : NULL;
        size_t wn = want ? (eol ? (size_t)(eol - want) : strlen(want)) : 0;
        if (want && wn == strlen(got) && memcmp(want, got, wn) == 0) {
            printf("PASS: golden: %s\n", key);
        } else {
            printf("FAIL: golden: %s: got \"%s\", want \"%.*s\" (%s)\n", key, got, (int)wn,
                   want ? want : "", want ? "status, output hash, warnings hash" : "no line");
            check_failures++;
        }
    }
    result_free(&r);
}

int main(void)
{
    int write = getenv("GOLDEN_WRITE") != NULL;
    glob_t g;
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (!write && !(golden = tl_slurp(GOLDEN, NULL))) {
        printf("FAIL: golden: %s cannot be read\n", GOLDEN);
        return 1;
    }
    /* Relative names: warnings carry the input's name, and the hashes must
     * not depend on where the project is checked out. */
    if (chdir(FC_ROOT) != 0 || glob("fixtures/*/*", 0, NULL, &g) != 0) {
        printf("FAIL: golden: no fixtures found\n");
        return 1;
    }
    size_t inputs = 0;
    for (size_t i = 0; i < g.gl_pathc; i++) {
        if (!readable(g.gl_pathv[i]))
            continue;
        inputs++;
        for (size_t k = 0; k < sizeof variants / sizeof variants[0]; k++)
            one(g.gl_pathv[i], &variants[k], write);
    }
    globfree(&g);
    free(golden);
    if (!write)
        CHECK("golden: some fixtures were compared", inputs > 0);
    return CHECK_DONE();
}
