/*
 * test_json_quick.c - fc_json_parse_quick against json_loadb: the same value
 * (dumped text) for every JSON fixture and hand-written cases, and NULL
 * wherever jansson must decide (errors, duplicates, \u0000, depth).  And
 * the writer's escape with its UTF-8 check (fc_json_escape_utf8) against
 * jansson's dump of the same string and against the check alone.
 */
#define _DEFAULT_SOURCE
#include "check.h"
#include "syntax/json.h"
#include "testlib.h"
#include "util/utf8.h"

#include <dirent.h>
#include <stdlib.h>
#include <sys/stat.h>

static const size_t DUMP = JSON_COMPACT | JSON_ENCODE_ANY | JSON_REAL_PRECISION(17);

static int compared;

/* Quick and jansson agree on text: equal values, or the quick parser
 * declines.  want_quick: 1 it must take it, 0 it must decline, -1 either. */
static void same(const char *name, const char *text, size_t n, int want_quick)
{
    json_t *q = fc_json_parse_quick(text, n);
    json_error_t e;
    json_t *j = json_loadb(text, n, JSON_DECODE_ANY | JSON_REJECT_DUPLICATES, &e);
    char label[200];
    if (want_quick >= 0) {
        snprintf(label, sizeof label, "json-quick: %s: %s", name,
                 want_quick ? "taken by the quick parser" : "left to jansson");
        CHECK(label, (q != NULL) == (want_quick == 1));
    }
    if (q) {
        compared++;
        char *a = json_dumps(q, DUMP), *b = j ? json_dumps(j, DUMP) : NULL;
        snprintf(label, sizeof label, "json-quick: %s: same value as json_loadb", name);
        if (!b || !a || strcmp(a, b) != 0) {
            printf("FAIL: %s: quick %.200s, jansson %.200s\n", label, a ? a : "(null)",
                   b ? b : "(refused)");
            check_failures++;
        } else if (want_quick >= 0) {
            printf("PASS: %s\n", label);
        }
        free(a);
        free(b);
    }
    json_decref(q);
    json_decref(j);
}

static void want_value(const char *text, const char *dump)
{
    json_t *q = fc_json_parse_quick(text, strlen(text));
    char *a = q ? json_dumps(q, DUMP) : NULL;
    char label[200];
    snprintf(label, sizeof label, "json-quick: %s", text);
    CHECK_STR(label, a, dump);
    free(a);
    json_decref(q);
}

static void walk(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *ent;
    while ((ent = readdir(d)) != NULL) {
        if (ent->d_name[0] == '.')
            continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, ent->d_name);
        struct stat st;
        if (lstat(path, &st) != 0)
            continue;
        size_t len = strlen(ent->d_name);
        if (S_ISDIR(st.st_mode)) {
            walk(path);
        } else if (S_ISREG(st.st_mode) && st.st_size < (8 << 20) && len > 4 &&
                   (strcmp(ent->d_name + len - 4, ".xml") == 0 ||
                    strcmp(ent->d_name + len - 4, ".rss") == 0)) {
            /* the JSON Feed writer's output for every XML feed */
            struct fc_feed *f = NULL;
            struct fc_error err;
            struct fc_options o;
            fc_options_init(&o);
            if (tl_read_path(path, NULL, &o, &f, &err) == FC_OK) {
                enum fc_status wst;
                char *out = tl_write_mem(f, fc_format_find("jsonfeed"), &o, &wst, &err);
                if (out)
                    same(path, out, strlen(out), 1);
                free(out);
            }
            fc_feed_free(f);
        } else if (S_ISREG(st.st_mode) && st.st_size < (8 << 20) && len > 5 &&
                   strcmp(ent->d_name + len - 5, ".json") == 0) {
            FILE *f = fopen(path, "rb");
            char *buf = malloc((size_t)st.st_size + 1);
            size_t n = f && buf ? fread(buf, 1, (size_t)st.st_size, f) : 0;
            if (f)
                fclose(f);
            if (buf)
                same(path, buf, n, -1);
            free(buf);
        }
    }
    closedir(d);
}

/* One string through fc_json_escape_utf8: valid UTF-8 comes out as
 * jansson dumps it (quotes aside) and as fc_json_escape writes it; else
 * false. */
static bool escape_same(const char *s, size_t n)
{
    struct fc_buf a = {0}, b = {0};
    bool ok = fc_json_escape_utf8(&a, s, n);
    bool same = ok == fc_utf8_valid(s, n);
    if (ok) {
        fc_json_escape(&b, s, n);
        json_t *j = json_stringn(s, n);
        char *d = j ? json_dumps(j, JSON_ENCODE_ANY) : NULL;
        /* (an empty string leaves a.data NULL: no memcmp on it) */
        same = same && d && a.len == b.len && strlen(d) == a.len + 2 &&
               (!a.len || (!memcmp(a.data, b.data, a.len) && !memcmp(d + 1, a.data, a.len)));
        free(d);
        json_decref(j);
    }
    fc_buf_free(&a);
    fc_buf_free(&b);
    return same;
}

static void escapes(void)
{
    static const char *const cases[] = {
        "",
        "plain",
        "q\"u\\o",
        "\x01\x1f\x7f\b\f\n\r\t",
        "caf\xC3\xA9",
        "\xE2\x80\xA8",
        "\xF0\x9F\x98\x80",
        "\xC0\xAF",
        "\xED\xA0\x80",
        "\xF4\x90\x80\x80",
        "\xE2\x82",
        "a\xC3",
        "\x80",
        "\xFF",
        "x\xC3\xA9\"\xE2\x82\xAC\\",
    };
    int bad = 0;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        bad += !escape_same(cases[i], strlen(cases[i]));
    CHECK("json-write: escape with the UTF-8 check, hand-written strings", bad == 0);
    /* Random strings over the bytes that matter, at every offset from a
     * 16-byte step's edge. */
    static const unsigned char alpha[] = {'a',  ' ',  '"',  '\\', 0x01, 0x1f, 0x7f, 0x80, 0xA9,
                                          0xBF, 0xC2, 0xC3, 0xE2, 0xED, 0xF0, 0xF4, 0xF5};
    unsigned long r = 12345;
    char s[64];
    int valid = 0;
    bad = 0;
    for (int k = 0; k < 200000; k++) {
        size_t n = (size_t)(k % 40);
        for (size_t i = 0; i < n; i++) {
            r = r * 6364136223846793005UL + 1442695040888963407UL;
            unsigned v = (unsigned)(r >> 33);
            s[i] = (char)(v % 4 ? 'a' + (char)(v % 26) : (char)alpha[(v >> 8) % sizeof alpha]);
        }
        valid += fc_utf8_valid(s, n);
        bad += !escape_same(s, n);
    }
    CHECK("json-write: escape with the UTF-8 check, 200k random strings", bad == 0);
    CHECK("json-write: some random strings were valid UTF-8, some not",
          valid > 10000 && valid < 190000);
    /* fc_json_str_utf8 leaves nothing behind when it says no */
    struct fc_buf b = {0};
    struct fc_json_writer w = {&b, 0, 1};
    fc_json_str(&w, "a", "x", 1);
    size_t len = b.len;
    bool no = !fc_json_str_utf8(&w, "b", "y\xC3", 3);
    CHECK("json-write: a string that is not UTF-8 writes nothing",
          no && b.len == len && !strcmp(b.data, "\n  \"a\": \"x\""));
    CHECK("json-write: a valid one is written",
          fc_json_str_utf8(&w, "b", "\xC3\xA9", 2) &&
              !strcmp(b.data, "\n  \"a\": \"x\",\n  \"b\": \"\xC3\xA9\""));
    fc_buf_free(&b);
}

/* A random value for writer(): objects and arrays nested up to depth
 * 40, about 120 of them (past the writer's 64 spaces of indentation at a step), keys with
 * bytes to escape (valid UTF-8: the writer's contract). */
static json_t *random_value(unsigned long *r, int depth, int *budget)
{
    static const char *const key_piece[] = {"a",    "b",    "\"", "\\",       "\n",
                                            "\x01", "\x1f", "/",  "\xC3\xA9", " "};
    *r = *r * 6364136223846793005UL + 1442695040888963407UL;
    unsigned v = (unsigned)(*r >> 33);
    if (depth >= 40 || v % 5 == 0 || --*budget <= 0)
        return v % 3 ? json_string("s\"\xE2\x82\xAC") : json_integer((json_int_t)v);
    bool obj = v % 2;
    json_t *c = obj ? json_object() : json_array();
    for (unsigned n = 1 + (v >> 4) % 3; c && n; n--) {
        json_t *x = random_value(r, depth + 1, budget);
        char k[16] = "";
        for (size_t i = 0, kn = 1 + (v >> 8) % 6; i < kn; i++)
            strcat(k, key_piece[(v >> (i * 3)) % (sizeof key_piece / sizeof *key_piece)]);
        if (!x || (obj ? json_object_set_new_nocheck(c, k, x) : json_array_append_new(c, x))) {
            json_decref(c);
            return NULL;
        }
        v = v * 2654435761u + n;
    }
    return c;
}

/* The writer's indented output is jansson's (json_write.c says so),
 * after the newline it starts with. */
static void writer(void)
{
    unsigned long r = 99;
    int bad = 0, deep = 0;
    for (int k = 0; k < 3000; k++) {
        int budget = 120;
        json_t *v = random_value(&r, 0, &budget);
        struct fc_buf b = {0};
        struct fc_json_writer w = {&b, 0, 0};
        fc_json_value(&w, NULL, v);
        char *d = v ? json_dumps(v, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_ENCODE_ANY) : NULL;
        bad += !d || b.len != strlen(d) + 1 || b.data[0] != '\n' || strcmp(b.data + 1, d) != 0;
        deep +=
            d &&
            strstr(d, "\n                                                                   ") !=
                NULL;
        free(d);
        fc_buf_free(&b);
        json_decref(v);
    }
    CHECK("json-write: nested values with awkward keys are written as jansson dumps them",
          bad == 0);
    CHECK("json-write: some were indented past 64 spaces", deep > 100);
}

int main(void)
{
    escapes();
    writer();
    /* values */
    want_value("{\"a\": 1, \"b\": [true, false, null], \"c\": \"x\"}",
               "{\"a\":1,\"b\":[true,false,null],\"c\":\"x\"}");
    want_value("\"caf\\u00e9 \\ud83d\\ude00 \\\"q\\\" \\/ \\t\"",
               "\"caf\xC3\xA9 \xF0\x9F\x98\x80 \\\"q\\\" / \\t\"");
    want_value("-0", "0");
    want_value("123456789012345678", "123456789012345678");
    want_value("  [ ]  ", "[]");
    want_value("{\"k\\n\": {}}", "{\"k\\n\":{}}");
    /* what jansson must decide */
    static const char *const refused[] = {
        "{\"a\": 1, \"a\": 2}",
        "\"\\u0000\"",
        "\"\\ud800\"",
        "\"\\udc00x\"",
        "\"\xC3\"",
        "\"a\x01\"",
        "01",
        "1.",
        "[1,]",
        "{\"a\" 1}",
        "tru",
        "[1] x",
        "\"\\x\"",
        "",
        "nul",
    };
    for (size_t i = 0; i < sizeof refused / sizeof *refused; i++)
        same(refused[i], refused[i], strlen(refused[i]), 0);
    /* taken, and equal to jansson's reading */
    static const char *const taken[] = {
        "1.5",
        "-2.25e-3",
        "1E400000",
        "12345678901234567890",
        "{\"a\":{\"b\":[1,{\"c\":\"d\"}]}}",
        "\"\\b\\f\\n\\r\\t\"",
        "0.1",
    };
    for (size_t i = 0; i < sizeof taken / sizeof *taken; i++)
        same(taken[i], taken[i], strlen(taken[i]), -1);
    /* nesting: 64 levels taken, 65 left to jansson */
    char deep[300];
    for (int d = 64; d <= 65; d++) {
        memset(deep, '[', (size_t)d);
        memset(deep + d, ']', (size_t)d);
        deep[2 * d] = '\0';
        same(d == 64 ? "64 levels" : "65 levels", deep, (size_t)(2 * d), d == 64);
    }
    walk(FC_ROOT "/fixtures");
    CHECK("json-quick: compared the JSON fixtures with json_loadb", compared > 60);
    printf("json-quick: %d values compared\n", compared);
    return CHECK_DONE();
}
