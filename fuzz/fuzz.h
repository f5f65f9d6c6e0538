/*
 * fuzz.h - what the libFuzzer targets share (included once per target,
 * hence all static).
 *
 * Each target defines its entry point with FUZZ_ENTRY(name).  Built by
 * fuzz/fuzz.mk it is LLVMFuzzerTestOneInput; built with FUZZ_REGRESS (by
 * tests/test_fuzz_regress.c, which includes every target) it is
 * fuzz_<name>_one, so the saved reproducers run in `make check` too.
 *
 * Besides crashes and sanitizer reports, the targets check properties the
 * library promises (FUZZ_CHECK): a failing call fills struct fc_error
 * with its code and a message, output is valid UTF-8, a writer's output
 * reads back with its own reader, the same input gives the same bytes.
 * A broken property aborts under libFuzzer (a crash with a reproducer) and
 * is counted under FUZZ_REGRESS.
 */
#ifndef FC_FUZZ_H
#define FC_FUZZ_H

#define _GNU_SOURCE
#include "internal.h"
#include "syntax/yaml.h"
#include "util/md2html.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef FUZZ_REGRESS
#define FUZZ_ENTRY(name) static int fuzz_##name##_one(const uint8_t *data, size_t size)
static unsigned long fuzz_broken; /* properties broken so far */
static void fuzz_broke(const char *what)
{
    printf("  property broken: %s\n", what);
    fuzz_broken++;
}
#else
#define FUZZ_ENTRY(name)                                                                           \
    int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);                                  \
    int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
static void fuzz_broke(const char *what)
{
    fprintf(stderr, "fuzz: property broken: %s\n", what);
    abort();
}
#endif

#define FUZZ_CHECK(cond, what)                                                                     \
    do {                                                                                           \
        if (!(cond))                                                                               \
            fuzz_broke(what);                                                                      \
    } while (0)

/* A failed call must say why (the CLI prints err.message). */
static void fuzz_check_error(enum fc_status st, const struct fc_error *err, const char *where)
{
    if (st == FC_OK)
        return;
    char what[160];
    snprintf(what, sizeof what, "%s: status %d but err.code %d", where, (int)st, (int)err->code);
    FUZZ_CHECK(err->code == st, what);
    snprintf(what, sizeof what, "%s: empty error message (status %d)", where, (int)st);
    FUZZ_CHECK(err->message[0] != '\0', what);
    FUZZ_CHECK(memchr(err->message, '\0', sizeof err->message) != NULL,
               "error message not terminated");
    FUZZ_CHECK(memchr(err->file, '\0', sizeof err->file) != NULL, "error file not terminated");
}

/* Warnings must be well-formed too; counted for the strict-mode check. */
static void fuzz_on_warning(void *ctx, const struct fc_error *w)
{
    unsigned long *n = ctx;
    (*n)++;
    FUZZ_CHECK(w->message[0] != '\0', "warning with an empty message");
    FUZZ_CHECK(memchr(w->message, '\0', sizeof w->message) != NULL,
               "warning message not terminated");
}

/* Options picked by the input's last byte, so that strict mode, keep-going
 * and the xml:base switch get their error and cleanup paths fuzzed (0x08:
 * threads, in fuzz_reader). */
__attribute__((unused)) static void fuzz_options(struct fc_options *opt, const uint8_t *data,
                                                 size_t size, unsigned long *warnings)
{
    fc_options_init(opt);
    opt->warn = fuzz_on_warning;
    opt->warn_ctx = warnings;
    unsigned char last = size ? data[size - 1] : 0;
    if (last & 0x01)
        opt->flags |= FC_OPT_STRICT;
    if (last & 0x02)
        opt->flags |= FC_OPT_KEEP_GOING;
    if (last & 0x04)
        opt->flags |= FC_OPT_NO_XML_BASE;
}

/* Read `data` with `from` and write it with `to` into a memory output.
 * Returns the status; *out (malloc'd copy of the output, NUL-terminated)
 * when FC_OK and out is not NULL. */
__attribute__((unused)) static enum fc_status
fuzz_convert(const uint8_t *data, size_t size, const struct fc_format *from,
             const struct fc_format *to, const struct fc_options *opt, char **out, size_t *out_len)
{
    struct fc_error err = {0};
    struct fc_input *in = NULL;
    struct fc_output *o = NULL;
    if (out)
        *out = NULL;
    enum fc_status st = fc_input_open_memory(data, size, "fuzz", &in, &err);
    if (st == FC_OK)
        st = fc_output_open_memory(&o, &err);
    if (st == FC_OK)
        st = fc_convert(in, from, o, to, opt, &err);
    if (st == FC_OK)
        st = fc_output_commit(o, &err);
    fuzz_check_error(st, &err, "fc_convert");
    if (st == FC_OK && out) {
        size_t len = 0;
        const char *m = fc_output_memory(o, &len);
        *out = malloc(len + 1);
        if (*out) {
            memcpy(*out, m, len);
            (*out)[len] = '\0';
            *out_len = len;
        }
    }
    fc_output_close(o);
    fc_input_close(in);
    return st;
}

/* Every property of one reader on one input: converted to each stream
 * writer, the output is valid UTF-8 and reads back; converted twice, the
 * bytes are the same; read whole and written, no crash or leak. */
__attribute__((unused)) static void fuzz_reader(const uint8_t *data, size_t size,
                                                const char *from_name)
{
    const struct fc_format *from = fc_format_find(from_name);
    if (!from || !(from->caps & FC_CAN_READ))
        return; /* not in this build (yet) */
    struct fc_options opt;
    unsigned long warnings = 0;
    fuzz_options(&opt, data, size, &warnings);

    for (const struct fc_format *const *f = fc_formats(); *f; f++) {
        const struct fc_format *to = *f;
        if (!(to->caps & FC_CAN_WRITE) || (to->caps & FC_IS_DIRECTORY))
            continue;
        char *out = NULL, *again = NULL;
        size_t len = 0, len2 = 0;
        warnings = 0;
        enum fc_status st = fuzz_convert(data, size, from, to, &opt, &out, &len);
        if (st == FC_OK && (opt.flags & FC_OPT_STRICT))
            FUZZ_CHECK(warnings == 0, "strict mode: FC_OK after a warning");
        if (st != FC_OK || !out) {
            free(out);
            continue;
        }
        FUZZ_CHECK(strlen(out) == len, "writer output holds a NUL byte");
        FUZZ_CHECK(fc_utf8_valid(out, len), "writer output is not valid UTF-8");

        /* Same input, same bytes and warnings; with the input's last byte's
         * 0x08, the second time on three threads (fc_options.jobs). */
        struct fc_options opt2 = opt;
        if (size && (data[size - 1] & 0x08))
            opt2.jobs = 3;
        unsigned long w1 = warnings;
        warnings = 0;
        enum fc_status st2 = fuzz_convert(data, size, from, to, &opt2, &again, &len2);
        FUZZ_CHECK(st2 == FC_OK, "second conversion of the same input failed");
        FUZZ_CHECK(warnings == w1, "same input, different warnings");
        if (again)
            FUZZ_CHECK(len2 == len && memcmp(out, again, len) == 0, "same input, different output");
        free(again);

        /* The writer's output is well-formed for its own reader. */
        if (to->caps & FC_CAN_READ) {
            struct fc_options ropt;
            unsigned long w2 = 0;
            fc_options_init(&ropt);
            ropt.warn = fuzz_on_warning;
            ropt.warn_ctx = &w2;
            enum fc_status rt = fuzz_convert((const uint8_t *)out, len, to, to, &ropt, NULL, NULL);
            if (rt == FC_EPARSE) {
                fprintf(stderr, "fuzz: %s -> %s output does not read back:\n%.2000s\n", from->name,
                        to->name, out);
                FUZZ_CHECK(0, "writer output does not parse with its own reader");
            }
        }
        free(out);
    }

    /* The collecting path: fc_read then fc_write. */
    struct fc_error err = {0};
    struct fc_input *in = NULL;
    struct fc_feed *feed = NULL;
    if (fc_input_open_memory(data, size, "fuzz", &in, &err) == FC_OK) {
        enum fc_status st = fc_read(in, from, &opt, &feed, &err);
        fuzz_check_error(st, &err, "fc_read");
        if (st == FC_OK) {
            const struct fc_format *to = fc_format_find("jsonfeed");
            struct fc_output *o = NULL;
            if (to && fc_output_open_memory(&o, &err) == FC_OK) {
                st = fc_write(feed, o, to, &opt, &err);
                fuzz_check_error(st, &err, "fc_write");
                fc_output_close(o);
            }
        }
        fc_feed_free(feed);
        fc_input_close(in);
    }
}

/* The front-matter parser's quick path against libyaml (fuzz_markdown,
 * fuzz_yaml). */
__attribute__((unused)) static bool md_tree_eq(const struct fc_fm_node *x,
                                               const struct fc_fm_node *y)
{
    if (!x || !y)
        return x == y;
    if (x->type != y->type || x->len != y->len || x->plain != y->plain || x->line != y->line ||
        x->column != y->column || x->n != y->n || !x->str != !y->str ||
        (x->str && (memcmp(x->str, y->str, x->len) != 0 || x->str[x->len] || y->str[y->len])))
        return false;
    for (size_t i = 0; i < x->n; i++)
        if (!md_tree_eq(x->kids[i], y->kids[i]))
            return false;
    return true;
}

/* Both YAML paths on text: the same tree or the same error. */
__attribute__((unused)) static void md_yaml_diff(const char *text, size_t len)
{
    struct fc_arena *a1 = fc_arena_new(), *a2 = fc_arena_new();
    if (a1 && a2) {
        struct fc_fm_node *r1 = NULL, *r2 = NULL;
        struct fc_error e1 = {0}, e2 = {0};
        enum fc_status s1 = fc_yaml_parse(a1, text, len, "f", 1, &r1, &e1);
        enum fc_status s2 = fc_yaml_parse_libyaml(a2, text, len, "f", 1, &r2, &e2);
        FUZZ_CHECK(s1 == s2, "YAML quick path: status differs from libyaml's");
        if (s1 == s2 && s1 == FC_OK)
            FUZZ_CHECK(md_tree_eq(r1, r2), "YAML quick path: tree differs from libyaml's");
        if (s1 == s2 && s1 != FC_OK && s1 != FC_ENOMEM)
            FUZZ_CHECK(e1.line == e2.line && e1.column == e2.column &&
                           !strcmp(e1.message, e2.message),
                       "YAML quick path: error differs from libyaml's");
    }
    fc_arena_free(a1);
    fc_arena_free(a2);
}

/* Markdown -> HTML with the extensions md2html.c chooses must give the
 * bytes of all four attached (or fail the same way). */
__attribute__((unused)) static void fuzz_md2html_diff(const char *md, size_t len)
{
    struct fc_buf a, b;
    struct fc_error ea = {0}, eb = {0};
    fc_buf_init(&a);
    fc_buf_init(&b);
    enum fc_status sa = fc_markdown_to_html_opts(md, len, &a, 0, NULL, &ea);
    enum fc_status sb = fc_markdown_to_html_opts(md, len, &b, FC_M2H_ALL_EXTENSIONS, NULL, &eb);
    FUZZ_CHECK(sa == sb, "md2html: the chosen extensions give another status than all four");
    FUZZ_CHECK(sa != FC_OK || (a.len == b.len && (!a.len || !memcmp(a.data, b.data, a.len))),
               "md2html: the chosen extensions give other HTML than all four");
    fc_buf_free(&a);
    fc_buf_free(&b);
}

#endif
