/*
 * test_fuzz_regress.c - the fuzz targets' checks (fuzz/fuzz_*.c, built
 * here without libFuzzer) on every saved reproducer,
 * fixtures/fuzz-<target>-<n>/input, and on the ordinary fixtures that
 * fit a target (*.xml for rss, atom and wxr, *.json for jsonfeed, *.toml
 * for toml, *.html for html2md and wpbody), so that
 * `make check SANITIZE=1` re-runs them under ASan + UBSan.
 *
 * A crash or sanitizer report ends the program (run.sh reports its exit
 * status); a broken property (see fuzz/fuzz.h) is a FAIL line.
 */
#define _GNU_SOURCE
#define FUZZ_REGRESS 1
#include "check.h"

#include "../fuzz/fuzz_atom.c"
#include "../fuzz/fuzz_date.c"
#include "../fuzz/fuzz_html2md.c"
#include "../fuzz/fuzz_jsonfeed.c"
#include "../fuzz/fuzz_markdown.c"
#include "../fuzz/fuzz_rss.c"
#include "../fuzz/fuzz_site.c"
#include "../fuzz/fuzz_template.c"
#include "../fuzz/fuzz_toml.c"
#include "../fuzz/fuzz_wpbody.c"
#include "../fuzz/fuzz_wxr.c"
#include "../fuzz/fuzz_xmlread.c"
#include "../fuzz/fuzz_yaml.c"
#include "../fuzz/fuzz_yamlemit.c"

#include <dirent.h>
#include <sys/stat.h>

#ifndef FC_ROOT
#define FC_ROOT "."
#endif

struct target {
    const char *name;
    int (*one)(const uint8_t *data, size_t size);
    const char *ext; /* ordinary fixtures it also takes, NULL: none */
};

static const struct target targets[] = {
    {"rss", fuzz_rss_one, ".xml"},
    {"atom", fuzz_atom_one, ".xml"},
    {"jsonfeed", fuzz_jsonfeed_one, ".json"},
    {"date", fuzz_date_one, NULL},
    {"html2md", fuzz_html2md_one, ".html"},
    {"markdown", fuzz_markdown_one, ".md"},
    {"yaml", fuzz_yaml_one, ".md"},
    {"yamlemit", fuzz_yamlemit_one, ".json"},
    {"toml", fuzz_toml_one, ".toml"},
    {"wxr", fuzz_wxr_one, ".xml"},
    {"wpbody", fuzz_wpbody_one, ".html"},
    {"template", fuzz_template_one, ".md"},
    {"site", fuzz_site_one, NULL},
    {"xmlread", fuzz_xmlread_one, ".xml"},
};

static bool slurp(const char *path, uint8_t **data, size_t *size)
{
    FILE *f = fopen(path, "rb");
    *data = NULL;
    *size = 0;
    if (!f)
        return false;
    size_t cap = 0;
    for (;;) {
        if (*size == cap) {
            cap = cap ? cap * 2 : 65536;
            uint8_t *n = realloc(*data, cap);
            if (!n)
                break;
            *data = n;
        }
        size_t got = fread(*data + *size, 1, cap - *size, f);
        if (got == 0)
            break;
        *size += got;
    }
    fclose(f);
    return *data != NULL || *size == 0;
}

static void run_file(const struct target *t, const char *path, const char *label)
{
    uint8_t *data;
    size_t size;
    char name[600];
    snprintf(name, sizeof name, "fuzz-regress: %s: %s", t->name, label);
    if (!slurp(path, &data, &size)) {
        printf("FAIL: %s: cannot read %s\n", name, path);
        check_failures++;
        return;
    }
    if (size > ((size_t)1 << 20)) { /* the fuzzers never make those */
        free(data);
        return;
    }
    unsigned long before = fuzz_broken;
    t->one(data, size);
    free(data);
    CHECK(name, fuzz_broken == before);
}

static bool has_ext(const char *name, const char *ext)
{
    size_t n = strlen(name), m = strlen(ext);
    return n > m && strcmp(name + n - m, ext) == 0;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    const char *root = FC_ROOT "/fixtures";
    struct dirent **list;
    int n = scandir(root, &list, NULL, by_name);
    if (n < 0) {
        SKIP("fuzz-regress", "no fixtures directory");
        return 0;
    }
    unsigned long reproducers = 0;
    for (int i = 0; i < n; i++) {
        const char *d = list[i]->d_name;
        char path[1600], label[600];
        for (size_t k = 0; k < sizeof targets / sizeof targets[0]; k++) {
            const struct target *t = &targets[k];
            char prefix[64];
            snprintf(prefix, sizeof prefix, "fuzz-%s-", t->name);
            if (strncmp(d, prefix, strlen(prefix)) == 0) {
                snprintf(path, sizeof path, "%s/%s/input", root, d);
                snprintf(label, sizeof label, "%s (reproducer)", d);
                run_file(t, path, label);
                reproducers++;
                continue;
            }
            if (!t->ext || d[0] == '.' || strncmp(d, "fuzz-", 5) == 0)
                continue;
            /* an ordinary fixture: its files with the target's extension */
            char dir[1024];
            snprintf(dir, sizeof dir, "%s/%s", root, d);
            struct dirent **files;
            int m = scandir(dir, &files, NULL, by_name);
            for (int j = 0; j < m; j++) {
                if (has_ext(files[j]->d_name, t->ext)) {
                    snprintf(path, sizeof path, "%s/%s", dir, files[j]->d_name);
                    snprintf(label, sizeof label, "%s/%s", d, files[j]->d_name);
                    run_file(t, path, label);
                }
                free(files[j]);
            }
            if (m >= 0)
                free(files);
        }
        free(list[i]);
    }
    free(list);
    printf("fuzz-regress: %lu reproducer(s), %lu broken propert(ies)\n", reproducers, fuzz_broken);
    return CHECK_DONE();
}
