/*
 * test_yaml_quick.c - the quick front-matter reader against libyaml: both
 * paths of fc_yaml_parse must build the same tree (type, text, length,
 * plain, line, column, kids) or fail the same way, on every front matter
 * and YAML file under fixtures/, on what feedconv's own writer emits (the
 * fixture feeds, the WordPress one among them, and the seed beside the
 * project when present, in every site layout: all of it must take
 * the quick path), on hand-written cases for each feature of the subset
 * (which must take the quick path) and each thing left to libyaml (which
 * must not), and on known values.
 */
#define _XOPEN_SOURCE 700
#include "check.h"
#include "testlib.h"
#include "syntax/yaml.h"

#include <ftw.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef FC_ROOT
#define FC_ROOT "."
#endif

enum expect { ANY, QUICK, SLOW };

static unsigned long n_cases, n_quick;

/* Equal trees; why gets the first difference. */
static bool tree_eq(const struct fc_fm_node *x, const struct fc_fm_node *y, char *why, size_t wn)
{
    if (!x || !y) {
        if (x != y)
            snprintf(why, wn, "one tree is empty");
        return x == y;
    }
    if (x->type != y->type || x->len != y->len || x->plain != y->plain || x->line != y->line ||
        x->column != y->column || x->n != y->n || !x->str != !y->str ||
        (x->str && (memcmp(x->str, y->str, x->len) != 0 || x->str[x->len] || y->str[y->len]))) {
        snprintf(why, wn,
                 "node at %lu:%lu (type %d len %zu plain %d n %zu \"%.40s\") vs %lu:%lu (type %d "
                 "len %zu plain %d n %zu \"%.40s\")",
                 x->line, x->column, (int)x->type, x->len, x->plain, x->n,
                 x->str ? x->str : "(none)", y->line, y->column, (int)y->type, y->len, y->plain,
                 y->n, y->str ? y->str : "(none)");
        return false;
    }
    for (size_t i = 0; i < x->n; i++)
        if (!tree_eq(x->kids[i], y->kids[i], why, wn))
            return false;
    return true;
}

/* Both paths on text: same result; *quick whether the quick path took it. */
static bool same(const char *text, size_t len, unsigned long loff, bool *quick, char *why,
                 size_t wn)
{
    struct fc_arena *a1 = fc_arena_new(), *a2 = fc_arena_new(), *a3 = fc_arena_new();
    struct fc_fm_node *r1 = NULL, *r2 = NULL, *r3 = NULL;
    struct fc_error e1 = {0}, e2 = {0}, e3 = {0};
    bool ok = false;
    *quick = false;
    why[0] = '\0';
    if (!a1 || !a2 || !a3) {
        snprintf(why, wn, "out of memory");
        goto out;
    }
    enum fc_status s1 = fc_yaml_parse(a1, text, len, "t.md", loff, &r1, &e1);
    enum fc_status s2 = fc_yaml_parse_libyaml(a2, text, len, "t.md", loff, &r2, &e2);
    enum fc_status s3 = fc_yaml_parse_quick(a3, text, len, loff, &r3, quick, &e3);
    if (s3 != FC_OK)
        snprintf(why, wn, "quick path status %d", (int)s3);
    else if (s1 != s2)
        snprintf(why, wn, "status %d, libyaml %d (%.200s)", (int)s1, (int)s2, e2.message);
    else if (s1 != FC_OK)
        ok = e1.line == e2.line && e1.column == e2.column && !strcmp(e1.message, e2.message);
    else
        ok = tree_eq(r1, r2, why, wn) && (!*quick || tree_eq(r3, r2, why, wn));
    if (!ok && !why[0])
        snprintf(why, wn, "errors differ: %lu:%lu %.150s / %lu:%lu %.150s", e1.line, e1.column,
                 e1.message, e2.line, e2.column, e2.message);
out:
    fc_arena_free(a1);
    fc_arena_free(a2);
    fc_arena_free(a3);
    return ok;
}

static void diff_case(const char *name, const char *text, size_t len, unsigned long loff,
                      enum expect want)
{
    char why[400], label[300];
    bool quick;
    bool ok = same(text, len, loff, &quick, why, sizeof why);
    n_cases++;
    n_quick += quick;
    if (ok && want == QUICK && !quick)
        ok = false, snprintf(why, sizeof why, "left to libyaml, expected the quick path");
    if (ok && want == SLOW && quick)
        ok = false, snprintf(why, sizeof why, "taken by the quick path, expected libyaml");
    snprintf(label, sizeof label, "%s%s", name, quick ? " (quick)" : "");
    if (ok) {
        printf("PASS: %s\n", label);
    } else {
        printf("FAIL: %s: %s\n", label, why);
        check_failures++;
    }
}

static void diff_str(const char *name, const char *text, enum expect want)
{
    diff_case(name, text, strlen(text), 0, want);
}

/* ---- hand-written cases ------------------------------------------------- */

struct tcase {
    const char *name;
    const char *text;
};

static const struct tcase quick_cases[] = {
    {"plain pair", "title: hello\n"},
    {"plain words, numbers", "a: 1\nb: two words\nc: -1\nd: -x\ne: 1.5\nf: ~\ng: yes\n"},
    {"no final newline", "a: b"},
    {"double quoted", "a: \"x y\"\nb: \"\"\n"},
    {"double-quoted escapes",
     "a: \"\\\" \\\\ \\/ \\n \\t \\r \\0 \\a \\b \\e \\f \\v \\N \\_ \\L \\P \\ x\"\n"},
    {"hex escapes", "a: \"\\x41\\x7f\\xE9 \\u00e9\\u20AC \\U0001F600\\U0010FFFF\"\n"},
    {"escaped NUL inside", "a: \"x\\x00y\\u0000z\"\n"},
    {"single quoted", "a: 'it''s'\nb: ''\nc: ''''\nd: '\\n'\ne: 'x \" y'\n"},
    {"quotes inside plain", "a: x \"y\" 'z'\n"},
    {"empty values", "a:\nb: 1\nc:   \nd: # note\ne:"},
    {"indentless sequence", "tags:\n- x\n- y\nz: 1\n"},
    {"indented sequence", "tags:\n  - x\n  - y\nz: 1\n"},
    {"four-space indentation", "m:\n    a: 1\n    b:\n        - x\n        - y\n    c: 2\n"},
    {"nested mappings", "m:\n  a: 1\n  b:\n    c: 2\n    d:\n      e: 3\nn: 4\n"},
    {"root sequence", "- a\n- b\n"},
    {"empty items", "-\n- b\n-\n"},
    {"compact mappings", "- a: 1\n  b: 2\n- c: 3\n"},
    {"compact sequences", "- - a\n  - b\n- c\n"},
    {"indentless in compact", "a:\n- b: 1\n  c:\n  - d\n  - e\n- f\n"},
    {"item with a block below", "-\n  a: 1\n- # note\n  - x\n"},
    {"indentless empty items", "a:\n-\n- x\n-\nb: 1\n"},
    {"indented empty items", "a:\n  -\n  - b\n  -\nc: 1\n"},
    {"comments and blank lines",
     "# top\n\na: 1 # trailing\n  # indented\n\nb: 2\n# between\nc:\n  # inside\n  - x\n"},
    {"hash inside plain", "a: b#c\nb: b #c\nc: \"x\" # c\nd: 'y' # c\n"},
    {"colon inside plain", "a: x:y\nurl: http://example.org/a?b=c#frag\nt: 10:30:00\nz: a:\"b\"\n"},
    {"space before colon", "k : v\n\"q\" : w\n"},
    {"quoted keys", "\"quoted key\": 1\n'single''s': 2\n\"e\\u00e9\": 3\n"},
    {"trailing spaces", "a:   spaced  out   \nb: \"q\"   \n"},
    {"crlf", "a: 1\r\nb:\r\n- x\r\n- 'y'\r\nc: \"z\"\r\n"},
    {"columns in characters", "café: thé\nnaïve: \"é\"\nü:\n- ß\n\"日本\": x\n"},
    {"root indented", "  a: 1\n  b:\n  - x\n"},
    {"duplicate keys", "a: 1\na: 2\n"},
    {"non-ASCII plain", "a: Zürich — naïve ☃ 😀\n"},
    {"plain keys with specials", "a-b: 1\na_b: 2\na.b: 3\n-x: 4\n1: 5\nx]: 6\n"},
    {"feedconv writer shape",
     "title: \"Always river\"\ndate: \"2024-07-18T16:57:01+00:00\"\nauthors:\n- \"carol\"\ntags:\n"
     "- \"rust\"\n- \"photos\"\nsummary: \"The always [&#8230;]\"\nguid: "
     "\"http://example.org/blog/?p=2095\"\nfeedconv:\n  url: \"http://example.org/x/\"\n  "
     "id_is_permalink: false\n  comment_count: 21\n  exts:\n  - name: \"updatePeriod\"\n    "
     "children:\n    - \"hourly\"\n"},
    {"indentless in a compact mapping", "- a:\n  - x\n- y\n"},
    {"empty value in a compact mapping", "- a:\n  b: 1\n- c:\n- d\n"},
    {"spaces after a dash", "-   a: 1\n    b: 2\n-    x\n"},
    {"crlf empty item", "a:\r\n-\r\n- b\r\n"},
    {"only comments", "# nothing\n\n   \n# here\n"},
    {"only blank lines", "\n\n"},
};

static const struct tcase slow_cases[] = {
    {"flow sequence", "a: [x, y]\n"},
    {"flow mapping", "a: {b: 1}\n"},
    {"anchor and alias", "a: &x 1\nb: *x\n"},
    {"tag", "a: !!str 1\n"},
    {"literal block scalar", "a: |\n  text\n"},
    {"folded block scalar", "a: >\n  text\n"},
    {"multi-line plain", "a: multi\n  line\n"},
    {"multi-line double quoted", "a: \"multi\n  line\"\n"},
    {"multi-line single quoted", "a: 'multi\n line'\n"},
    {"escaped line break", "a: \"x\\\n  y\"\n"},
    {"scalar on the next line", "a:\n  text\n"},
    {"tab after colon", "a:\tb\n"},
    {"tab indentation", "\ta: 1\n"},
    {"tab in a value", "a: \"x\ty\"\n"},
    {"document start", "---\na: 1\n"},
    {"document end", "a: 1\n...\n"},
    {"directive", "%YAML 1.2\n---\na: 1\n"},
    {"unknown escape", "a: \"\\q\"\n"},
    {"surrogate escape", "a: \"\\uD800\"\n"},
    {"short hex escape", "a: \"\\x4\"\n"},
    {"escape past U+10FFFF", "a: \"\\U00110000\"\n"},
    {"BOM", "\xEF\xBB\xBF"
            "a: 1\n"},
    {"BOM inside", "a: x\xEF\xBB\xBFy\n"},
    {"NEL", "a: x\xC2\x85y\n"},
    {"line separator", "a: x\xE2\x80\xA8y\n"},
    {"C1 control", "a: x\xC2\x80y\n"},
    {"control character", "a: x\x01y\n"},
    {"DEL", "a: x\x7Fy\n"},
    {"invalid UTF-8", "a: \xFF\n"},
    {"overlong UTF-8", "a: \xC0\xAF\n"},
    {"truncated UTF-8", "a: \xE2\x82"},
    {"U+FFFE", "a: \xEF\xBF\xBE\n"},
    {"lone CR", "a: 1\rb: 2\n"},
    {"mapping in a value", "a: b: c\n"},
    {"value ends in a colon", "a: b:\n"},
    {"deeper key after a value", "a: 1\n b: 2\n"},
    {"key between indentations", "a:\n  b: 1\n c: 2\n"},
    {"key after root sequence", "- a\nb: 1\n"},
    {"item after a value", "a: 1\n- b\n"},
    {"key after an indented sequence", "a:\n  - x\n  b: 1\n"},
    {"item under an empty item", "a:\n  -\n  b: 1\n"},
    {"complex key", "? a\n: b\n"},
    {"root scalar", "just a scalar\n"},
    {"no space after colon", "key:value\n"},
    {"reserved @", "a: @x\n"},
    {"reserved backquote", "a: `x\n"},
    {"percent", "a: %x\n"},
    {"question mark", "a: ?x\n"},
    {"colon start", "a: :x\n"},
    {"sequence in a value", "a: - b\n"},
    {"junk after a quote", "a: \"x\"y\n"},
    {"comment without a space", "a: \"x\"#c\n"},
    {"unterminated single quote", "a: 'unterminated\n"},
    {"unterminated double quote", "a: \"unterminated\n"},
    {"comment in a key", "a #b: c\n"},
    {"empty key", ": b\n"},
    {"more after the root", "  a: 1\nb: 2\n"},
};

static void hand_written(void)
{
    char name[120];
    for (size_t i = 0; i < sizeof quick_cases / sizeof *quick_cases; i++) {
        snprintf(name, sizeof name, "quick: %s", quick_cases[i].name);
        diff_str(name, quick_cases[i].text, QUICK);
    }
    for (size_t i = 0; i < sizeof slow_cases / sizeof *slow_cases; i++) {
        snprintf(name, sizeof name, "libyaml: %s", slow_cases[i].name);
        diff_str(name, slow_cases[i].text, SLOW);
    }
    /* escapes libyaml may or may not take: the paths agree either way */
    diff_str("libyaml: \\' escape (libyaml 0.2.5 has none)", "a: \"\\'\"\n", SLOW);
    diff_str("either: line offset", "a: 1\nb:\n- c\n", ANY);
    diff_case("quick: line offset", "a: 1\nb:\n- c\n", 12, 7, QUICK);

    /* libyaml takes simple keys of up to 1024 characters */
    static char key[1200 + 8];
    memset(key, 'k', 1200);
    memcpy(key + 990, ": v\n", 5);
    diff_str("quick: 990-character key", key, QUICK);
    memset(key, 'k', 1200);
    memcpy(key + 1100, ": v\n", 5);
    diff_str("libyaml: 1100-character key", key, SLOW);

    /* nesting up to FC_FM_MAX_DEPTH, one more for libyaml (its error) */
    static char deep[8192];
    for (unsigned levels = FC_FM_MAX_DEPTH - 1; levels <= FC_FM_MAX_DEPTH + 2; levels++) {
        size_t n = 0;
        for (unsigned i = 0; i < levels; i++) {
            for (unsigned j = 0; j < i; j++)
                deep[n++] = ' ';
            memcpy(deep + n, "k:\n", 3);
            n += 3;
        }
        for (unsigned j = 0; j < levels; j++)
            deep[n++] = ' ';
        memcpy(deep + n, "k: v\n", 6);
        snprintf(name, sizeof name, "%s: %u nested mappings",
                 levels < FC_FM_MAX_DEPTH ? "quick" : "libyaml", levels + 1);
        diff_str(name, deep, levels < FC_FM_MAX_DEPTH ? QUICK : SLOW);
        n = 0;
        for (unsigned i = 0; i <= levels; i++)
            deep[n++] = '-', deep[n++] = ' ';
        memcpy(deep + n, "x\n", 3);
        snprintf(name, sizeof name, "%s: %u nested sequences",
                 levels < FC_FM_MAX_DEPTH ? "quick" : "libyaml", levels + 1);
        diff_str(name, deep, levels < FC_FM_MAX_DEPTH ? QUICK : SLOW);
    }
}

/* ---- known values --------------------------------------------------------- */

static const struct fc_fm_node *parse(struct fc_arena *a, const char *text)
{
    struct fc_fm_node *root = NULL;
    struct fc_error err = {0};
    bool handled = false;
    if (fc_yaml_parse_quick(a, text, strlen(text), 0, &root, &handled, &err) || !handled)
        return NULL;
    return root;
}

static void known_values(void)
{
    struct fc_arena *a = fc_arena_new();
    if (!a) {
        SKIP("known values", "out of memory");
        return;
    }
    const struct fc_fm_node *r = parse(a, "t: \"caf\\u00e9\"\nn: 21\nq: '21'\ne:\nl:\n- x\n");
    CHECK("known: a mapping of 5 keys", r && r->type == FC_FM_MAP && r->n == 10);
    if (r && r->n == 10) {
        const struct fc_fm_node *t = fc_fm_get(r, "t"), *n = fc_fm_get(r, "n"),
                                *q = fc_fm_get(r, "q"), *e = fc_fm_get(r, "e"),
                                *l = fc_fm_get(r, "l");
        CHECK_STR("known: \\u00e9 is é", t ? t->str : NULL, "caf\xC3\xA9");
        CHECK("known: quoted is not plain", t && !t->plain && t->len == 5);
        CHECK("known: key t at 1:1", r->kids[0]->line == 1 && r->kids[0]->column == 1);
        CHECK("known: value at 1:4", t && t->line == 1 && t->column == 4);
        CHECK("known: plain 21", n && n->plain && !strcmp(n->str, "21"));
        CHECK("known: '21' is not plain", q && !q->plain && !strcmp(q->str, "21"));
        CHECK("known: empty value is plain \"\" after the colon",
              e && e->plain && e->len == 0 && e->line == 4 && e->column == 3);
        CHECK("known: empty value is null", e && fc_fm_str(e) == NULL);
        CHECK("known: indentless list at 6:1",
              l && l->type == FC_FM_SEQ && l->n == 1 && l->line == 6 && l->column == 1);
        CHECK("known: fc_fm_json_text", !strcmp(fc_fm_json_text(a, r) ? fc_fm_json_text(a, r) : "",
                                                "{\"t\":\"café\",\"n\":21,\"q\":\"21\",\"e\":null,"
                                                "\"l\":[\"x\"]}"));
    }
    r = parse(a, "é: ü\n");
    CHECK("known: columns count characters",
          r && r->n == 2 && r->kids[1]->column == 4 && r->kids[1]->len == 2);
    fc_arena_free(a);
}

/* ---- files: fixtures and the writer's output ------------------------------ */

/* The front matter as the reader splits it (fc_fm_split). */
static bool split_fm(const char *text, size_t len, const char **yaml, size_t *ylen)
{
    const char *body;
    return fc_fm_split(text, len, yaml, ylen, &body);
}

static const char *walk_root;
static enum expect walk_md_expect; /* for front matter in .md / .html files */
static unsigned long walk_files;

static bool ends_with(const char *s, const char *suf)
{
    size_t n = strlen(s), k = strlen(suf);
    return n >= k && !strcmp(s + n - k, suf);
}

static int walk_one(const char *path, const struct stat *sb, int type, struct FTW *ftw)
{
    (void)sb;
    (void)ftw;
    if (type != FTW_F)
        return 0;
    bool md = ends_with(path, ".md") || ends_with(path, ".html");
    bool yml = ends_with(path, ".yml") || ends_with(path, ".yaml");
    if (!md && !yml)
        return 0;
    size_t len = 0;
    char *text = tl_slurp(path, &len);
    if (!text)
        return 0;
    const char *rel = path + strlen(walk_root);
    char name[600];
    const char *yaml;
    size_t ylen;
    walk_files++;
    if (md && split_fm(text, len, &yaml, &ylen)) {
        snprintf(name, sizeof name, "front matter %s", rel);
        diff_case(name, yaml, ylen, 1, walk_md_expect);
    }
    snprintf(name, sizeof name, "whole file %s", rel);
    diff_case(name, text, len, 0, ANY);
    free(text);
    return 0;
}

static void walk(const char *root, enum expect md_expect)
{
    walk_root = root;
    walk_md_expect = md_expect;
    nftw(root, walk_one, 16, FTW_PHYS);
}

/* feedconv's writer: every fixture feed (and the seed, when present) as
 * sites. */
static char site_tmp[256];
static unsigned site_n;

static int write_site(const char *path, const struct stat *sb, int type, struct FTW *ftw)
{
    (void)sb;
    (void)ftw;
    if (type != FTW_F ||
        !(ends_with(path, ".xml") || ends_with(path, ".json") || ends_with(path, ".rss") ||
          ends_with(path, ".atom") || ends_with(path, ".txt")))
        return 0;
    if (strstr(path, "hostile-") || strstr(path, "fuzz-"))
        return 0;
    static const char *const sites[] = {"plain", "hugo", "jekyll"};
    for (size_t i = 0; i < 3; i++) {
        char dst[400];
        snprintf(dst, sizeof dst, "%s/%u", site_tmp, site_n++);
        struct fc_options opt;
        fc_options_init(&opt);
        tl_markdown_options(&opt, sites[i], 0);
        opt.flags = FC_OPT_FORCE;
        struct fc_error err = {0};
        struct fc_input *in = NULL;
        struct fc_output *out = NULL;
        enum fc_status st = fc_input_open(path, &in, &err);
        if (!st)
            st = fc_output_open_dir(dst, opt.flags, &out, &err);
        if (!st)
            st = fc_convert(in, NULL, out, fc_format_find("markdown"), &opt, &err);
        if (!st)
            st = fc_output_commit(out, &err);
        fc_output_close(out);
        fc_input_close(in);
    }
    return 0;
}

static void writer_output(void)
{
    snprintf(site_tmp, sizeof site_tmp, "/tmp/fc-test-yaml-quick-XXXXXX");
    if (!mkdtemp(site_tmp)) {
        SKIP("writer output", "cannot make a temporary directory");
        return;
    }
    nftw(FC_ROOT "/fixtures", write_site, 16, FTW_PHYS);
    /* fixtures/wordpress-rss is among the fixtures; the real feed beside
     * the project adds its sites when it is there */
    if (access(FC_ROOT TL_SEED, R_OK) == 0)
        write_site(FC_ROOT TL_SEED, NULL, FTW_F, NULL);
    unsigned long before = walk_files;
    walk(site_tmp, QUICK);
    CHECK("writer output: front matter written", walk_files - before > 20);
    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", site_tmp);
    if (system(cmd) != 0)
        printf("# could not remove %s\n", site_tmp);
}

/* ---- the quick emitter against libyaml's --------------------------------- */

static uint64_t emit_rng = 0x853C49E6748FEA9Bu;

static unsigned emit_pick(unsigned n)
{
    emit_rng = emit_rng * 6364136223846793005u + 1442695040888963407u;
    return (unsigned)(emit_rng >> 33) % n;
}

/* Text from the pieces each writer treats apart: quotes, controls,
 * C1 controls, the YAML breaks, U+FEFF, U+FFFE/F, past the BMP. */
static void emit_text(char *t, size_t cap, bool key)
{
    static const char *const piece[] = {"a",
                                        "word",
                                        " ",
                                        "\"",
                                        "\\",
                                        "\t",
                                        "\n",
                                        "\r",
                                        "\x01",
                                        "\x7f",
                                        "\x1b",
                                        "\xC3\xA9",
                                        "\xC2\xA0",
                                        "\xC2\x85",
                                        "\xC2\x9F",
                                        "\xE2\x80\xA8",
                                        "\xE2\x80\xA9",
                                        "\xEF\xBB\xBF",
                                        "\xEF\xBF\xBE",
                                        "\xEF\xBF\xBF",
                                        "\xF0\x9F\x98\x80",
                                        "---",
                                        ": ",
                                        "#",
                                        "-",
                                        "yes",
                                        "1",
                                        "_k"};
    t[0] = '\0';
    unsigned n = emit_pick(key ? 4 : 8);
    if (key && emit_pick(200) == 0) /* past libyaml's 128 bytes for a simple key */
        n = 70;
    for (unsigned i = 0; i < n; i++) {
        const char *p =
            piece[key && emit_pick(40) ? emit_pick(2) : emit_pick(sizeof piece / sizeof *piece)];
        if (strlen(t) + strlen(p) < cap)
            strcat(t, p);
    }
}

static json_t *emit_value(int depth, int *budget);

/* A chain of single-entry mappings and sequences, n deep: past libyaml's
 * columns of 64 and past the quick path's depth. */
static json_t *emit_chain(unsigned n)
{
    json_t *v = json_string("end");
    for (; v && n; n--) {
        json_t *c = n % 3 ? json_object() : json_array();
        if (!c || (json_is_object(c) ? json_object_set_new(c, n % 2 ? "k" : "a b", v)
                                     : json_array_append_new(c, v))) {
            json_decref(c);
            return NULL;
        }
        v = c;
    }
    return v;
}

static json_t *emit_value(int depth, int *budget)
{
    if (emit_pick(400) == 0)
        return emit_chain(20 + emit_pick(60));
    unsigned kind = --*budget <= 0 ? emit_pick(6) : emit_pick(depth > 5 ? 8 : 10);
    char t[256];
    switch (kind) {
    case 0:
        emit_text(t, sizeof t, false);
        return json_string(t);
    case 1:
        return json_integer((json_int_t)emit_pick(2000) - 1000);
    case 2:
        return json_real(emit_pick(3) == 0 ? 1e300 : emit_pick(2) ? -0.5 : 3.0);
    case 3:
        return emit_pick(2) ? json_true() : json_false();
    case 4:
        return json_null();
    case 5:
        return emit_pick(2) ? json_object() : json_array();
    case 6:
    case 7: {
        json_t *a = json_array();
        for (unsigned n = 1 + emit_pick(3); a && n; n--)
            json_array_append_new(a, emit_value(depth + 1, budget));
        return a;
    }
    default: {
        json_t *o = json_object();
        for (unsigned n = 1 + emit_pick(4); o && n; n--) {
            emit_text(t, sizeof t, true);
            json_object_set_new(o, t, emit_value(depth + 1, budget));
        }
        return o;
    }
    }
}

static void quick_emitter(void)
{
    unsigned long taken = 0, declined = 0, differ = 0, unchanged = 0, deep = 0;
    char first[600] = "";
    for (int k = 0; k < 20000; k++) {
        int budget = 60;
        json_t *v = k % 4 ? json_object() : json_array();
        for (unsigned n = 1 + emit_pick(6); v && n; n--) {
            char t[256];
            emit_text(t, sizeof t, true);
            json_t *x = emit_value(1, &budget);
            if (json_is_object(v))
                json_object_set_new(v, t, x);
            else
                json_array_append_new(v, x);
        }
        struct fc_buf lib = {0}, quick = {0};
        struct fc_yaml_emitter m;
        bool lib_ok = fc_yaml_emit_open(&m, &lib, false);
        if (lib_ok) {
            fc_yaml_emit_json(&m, v);
            lib_ok = fc_yaml_emit_close(&m);
        }
        fc_buf_puts(&quick, "x");
        if (fc_yaml_emit_json_quick(v, &quick)) {
            taken++;
            if (!lib_ok || quick.len != lib.len + 1 || memcmp(quick.data + 1, lib.data, lib.len)) {
                if (!differ++)
                    snprintf(first, sizeof first, "quick [%s] libyaml [%s]", quick.data + 1,
                             lib_ok ? lib.data : "(failed)");
            }
        } else {
            declined++;
            unchanged += quick.len == 1 && !strcmp(quick.data, "x");
        }
        deep += lib.data &&
                strstr(lib.data, "\n                                                ") != NULL;
        fc_buf_free(&lib);
        fc_buf_free(&quick);
        json_decref(v);
    }
    CHECK_STR("yaml emit: the quick path writes libyaml's bytes", first, "");
    CHECK("yaml emit: it takes most documents", taken > 15000);
    CHECK("yaml emit: it declines some (long or multi-line keys, depth)", declined > 100);
    CHECK("yaml emit: a declined document leaves the buffer as it was", unchanged == declined);
    CHECK("yaml emit: some documents nest deep", deep > 100);
}

int main(void)
{
    quick_emitter();
    hand_written();
    known_values();
    walk(FC_ROOT "/fixtures", ANY);
    writer_output();
    /* more sites by hand: YAML_QUICK_WALK=/tmp/y2k.md (front matter must go quick) */
    const char *extra = getenv("YAML_QUICK_WALK");
    if (extra && *extra)
        walk(extra, QUICK);
    printf("# %lu cases, %lu taken by the quick path\n", n_cases, n_quick);
    return CHECK_DONE();
}
