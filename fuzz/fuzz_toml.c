/*
 * fuzz_toml.c - the TOML reader (fc_toml_parse) and the JSON front-matter
 * reader (fc_fm_parse_json) alone.  Properties: a failure fills the error;
 * the same input gives the same tree or the same error; a tree is
 * well-formed (positions inside the text, mappings of key/value pairs, a
 * TOML document a mapping) and dumps to valid JSON; every plain scalar of
 * TOML but dates, times and inf/nan types as a number or boolean (its
 * canonical text round-trips through fc_fm_json); JSON jansson accepts is
 * read to an equal value.
 */
#include "fuzz.h"
#include "syntax/toml.h"

#include <jansson.h>

/* Positions inside the text, pairs in mappings, text NUL-terminated. */
static bool toml_fz_well_formed(const struct fc_fm_node *n, unsigned long lines)
{
    if (!n || n->line < 2 || n->line > lines + 1 || n->column < 1)
        return false; /* parsed with line_offset 1 */
    if (n->type == FC_FM_SCALAR)
        return n->str && n->str[n->len] == '\0' && n->n == 0;
    if (n->type == FC_FM_MAP && n->n % 2)
        return false;
    for (size_t i = 0; i < n->n; i++)
        if (!toml_fz_well_formed(n->kids[i], lines) ||
            (n->type == FC_FM_MAP && i % 2 == 0 && n->kids[i]->type != FC_FM_SCALAR))
            return false;
    return true;
}

/* TOML's plain values but date-times and inf/nan are typed by fc_fm_json
 * (keys are plain when bare, and strings). */
static bool toml_fz_typed(const struct fc_fm_node *n)
{
    if (n->type != FC_FM_SCALAR) {
        for (size_t i = n->type == FC_FM_MAP; i < n->n; i += 1 + (n->type == FC_FM_MAP))
            if (!toml_fz_typed(n->kids[i]))
                return false;
        return true;
    }
    if (!n->plain || strchr(n->str, ':') || (n->len >= 10 && n->str[4] == '-') ||
        !strcmp(n->str, ".inf") || !strcmp(n->str, "-.inf") || !strcmp(n->str, ".nan"))
        return true;
    json_t *j = fc_fm_json(n);
    bool ok = j && !json_is_string(j);
    json_decref(j);
    return ok;
}

/* Two runs of a reader: the same outcome; returns the first tree's JSON
 * text (in a1) or NULL. */
static const char *toml_fz_twice(const char *text, size_t len, bool toml, struct fc_arena *a1,
                                 struct fc_arena *a2, struct fc_fm_node **root)
{
    struct fc_fm_node *r2 = NULL;
    struct fc_error e1 = {0}, e2 = {0};
    enum fc_status s1 = toml ? fc_toml_parse(a1, text, len, "f", 1, root, &e1)
                             : fc_fm_parse_json(a1, text, len, "f", 1, root, &e1);
    enum fc_status s2 = toml ? fc_toml_parse(a2, text, len, "f", 1, &r2, &e2)
                             : fc_fm_parse_json(a2, text, len, "f", 1, &r2, &e2);
    fuzz_check_error(s1, &e1, toml ? "fc_toml_parse" : "fc_fm_parse_json");
    FUZZ_CHECK(s1 == s2, "front matter: status differs between two runs");
    if (s1 != s2 || s1 == FC_ENOMEM)
        return NULL;
    if (s1 != FC_OK) {
        FUZZ_CHECK(e1.line == e2.line && e1.column == e2.column && !strcmp(e1.message, e2.message),
                   "front matter: error differs between two runs");
        FUZZ_CHECK(e1.line >= 2 && e1.column >= 1, "front matter: error without a position");
        return NULL;
    }
    FUZZ_CHECK(md_tree_eq(*root, r2), "front matter: tree differs between two runs");
    unsigned long lines = 1;
    for (size_t i = 0; i < len; i++)
        lines += text[i] == '\n';
    FUZZ_CHECK(toml_fz_well_formed(*root, lines), "front matter: malformed tree");
    if (toml) {
        FUZZ_CHECK(*root && (*root)->type == FC_FM_MAP, "TOML: the document is no mapping");
        FUZZ_CHECK(toml_fz_typed(*root), "TOML: a plain scalar fc_fm_json does not type");
    }
    const char *s = fc_fm_json_text(a1, *root);
    if (s) {
        json_error_t je;
        json_t *back = json_loads(s, JSON_DECODE_ANY | JSON_ALLOW_NUL, &je);
        FUZZ_CHECK(back != NULL, "front matter: the tree's JSON text is not JSON");
        json_decref(back);
    }
    return s;
}

/* Nesting of a jansson value (the readers stop at FC_FM_MAX_DEPTH); each
 * child's once (twice per level would be 2^depth calls). */
static size_t toml_fz_depth(const json_t *v)
{
    size_t d = 0, i, k_d;
    const char *k;
    json_t *x;
    if (json_is_array(v))
        json_array_foreach(v, i, x) if ((k_d = toml_fz_depth(x)) > d) d = k_d;
    if (json_is_object(v))
        json_object_foreach((json_t *)v, k, x) if ((k_d = toml_fz_depth(x)) > d) d = k_d;
    return d + (json_is_array(v) || json_is_object(v));
}

FUZZ_ENTRY(toml)
{
    const char *text = (const char *)data;
    struct fc_arena *a[4] = {fc_arena_new(), fc_arena_new(), fc_arena_new(), fc_arena_new()};
    if (a[0] && a[1] && a[2] && a[3]) {
        struct fc_fm_node *root = NULL;
        toml_fz_twice(text, size, true, a[0], a[1], &root);
        root = NULL;
        toml_fz_twice(text, size, false, a[2], a[3], &root);
        /* what jansson reads, the JSON reader reads the same (jansson
         * stops at a NUL byte, as if the text ended there) */
        json_error_t je;
        json_t *ref = memchr(text, '\0', size)
                          ? NULL
                          : json_loadb(text, size, JSON_DECODE_ANY | JSON_REJECT_DUPLICATES, &je);
        if (ref && toml_fz_depth(ref) < FC_FM_MAX_DEPTH) {
            json_t *got = root ? fc_fm_json(root) : NULL;
            FUZZ_CHECK(got != NULL, "JSON front matter: refuses what jansson reads");
            FUZZ_CHECK(!got || json_equal(ref, got), "JSON front matter: differs from jansson");
            json_decref(got);
        }
        json_decref(ref);
    }
    for (size_t i = 0; i < 4; i++)
        fc_arena_free(a[i]);
    return 0;
}
