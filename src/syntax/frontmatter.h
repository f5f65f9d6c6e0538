/*
 * frontmatter.h - front matter: the block of metadata at the top of a
 * Markdown file, and the value tree every front-matter syntax is read
 * into (YAML: syntax/yaml.h, TOML: syntax/toml.h, JSON: frontmatter.c),
 * so that a format's mapping reads one kind of tree whatever the syntax.
 * Site configuration files use it too.
 *
 * frontmatter.c splits a file, runs the reader of its syntax and holds
 * the JSON reader; fmtree.c holds the tree's helpers.
 */
#ifndef FC_SYNTAX_FRONTMATTER_H
#define FC_SYNTAX_FRONTMATTER_H

#include "internal.h"

#include <jansson.h>

/* Nesting a front-matter reader accepts (FC_ELIMIT beyond). */
#define FC_FM_MAX_DEPTH 64u

enum fc_fm_type {
    FC_FM_SCALAR,
    FC_FM_SEQ,
    FC_FM_MAP,
};

/* A node, in an arena.  Scalars keep their text as written; `plain` tells
 * an unquoted scalar (typed by fc_fm_json: null, booleans, numbers) from a
 * quoted one (always a string).  A reader of a typed syntax (TOML) marks
 * its non-string values plain, with text fc_fm_json types the same way. */
struct fc_fm_node {
    enum fc_fm_type type;
    const char *str; /* scalar text (NUL-terminated) */
    size_t len;
    bool plain;
    unsigned long line, column; /* 1-based, in the file */
    struct fc_fm_node **kids;   /* seq: items; map: key, value, key, value ... */
    size_t n;                   /* number of kids */
};

/* ---- the block (frontmatter.c) -------------------------------------- */

/* The syntaxes of front matter; FC_FM_NONE (0) is no front matter. */
enum fc_fm_syntax {
    FC_FM_NONE,
    FC_FM_YAML, /* between "---" lines (Jekyll, Hugo, Eleventy, Zola's YAML mode) */
    FC_FM_TOML, /* between "+++" lines (Hugo, Zola) */
    FC_FM_JSON, /* an object at the top of the file (Hugo) */
};

/* The front matter at the top of a file (after a UTF-8 BOM) and the body
 * after it; which syntax it is, FC_FM_NONE when text has none.  YAML sits
 * between "---" lines (the closing one may be "..."), TOML between "+++"
 * lines; *fm is the text between the lines (it starts on line 2).  JSON
 * is Hugo's rule: a '{' first, up to its matching '}' (braces in strings
 * not counted), then one newline; *fm is the object itself (from line 1).
 * Unlike Hugo, a '{' not followed (after white space) by '"' or '}' is no
 * front matter: template tags ("{{<", "{%") open some Markdown files.
 * An unterminated front matter is all front matter (no body), for its
 * reader to report.  Pointers are into text. */
enum fc_fm_syntax fc_fm_split(const char *text, size_t len, const char **fm, size_t *fmlen,
                              const char **body);

/* The line_offset for reading the *fm of fc_fm_split: lines before it. */
static inline unsigned long fc_fm_line_offset(enum fc_fm_syntax syntax)
{
    return syntax == FC_FM_JSON ? 0 : 1;
}

/* Read front matter text in the given syntax into a tree in arena a (the
 * contract of fc_yaml_parse: *root NULL for an empty YAML document;
 * FC_EPARSE with file, line and column; FC_ELIMIT past FC_FM_MAX_DEPTH;
 * FC_ENOMEM).  FC_FM_NONE reads nothing (*root NULL). */
enum fc_status fc_fm_parse(struct fc_arena *a, enum fc_fm_syntax syntax, const char *text,
                           size_t len, const char *file, unsigned long line_offset,
                           struct fc_fm_node **root, struct fc_error *err);

/* JSON text (RFC 8259: one value, white space around it) into the tree:
 * objects FC_FM_MAP (a repeated key keeps its first place and its last
 * value, as Hugo reads it), arrays FC_FM_SEQ, strings quoted scalars,
 * numbers, true, false and null plain scalars (numbers past the int64
 * range as floats, in fc_fm_float_text's text).  Same contract as
 * fc_fm_parse. */
enum fc_status fc_fm_parse_json(struct fc_arena *a, const char *text, size_t len, const char *file,
                                unsigned long line_offset, struct fc_fm_node **root,
                                struct fc_error *err);

/* ---- the tree (fmtree.c) --------------------------------------------- */

/* A zeroed node of type t at line:column in arena a; NULL on ENOMEM. */
struct fc_fm_node *fc_fm_new(struct fc_arena *a, enum fc_fm_type t, unsigned long line,
                             unsigned long column);
/* The value of key in a mapping, NULL when absent or n is no mapping. */
const struct fc_fm_node *fc_fm_get(const struct fc_fm_node *n, const char *key);
/* A scalar's text, NULL for anything else or a plain null/~. */
const char *fc_fm_str(const struct fc_fm_node *n);
/* A scalar as a boolean (YAML 1.1 words too: yes, on ...): 1 true,
 * 0 false, -1 neither. */
int fc_fm_bool(const struct fc_fm_node *n);
/* n as a jansson value (caller decrefs): plain scalars typed by the YAML
 * 1.2 core schema (null, booleans, integers, floats), everything else a
 * string; NULL on ENOMEM. */
json_t *fc_fm_json(const struct fc_fm_node *n);
/* The same as compact JSON text in arena a; NULL on ENOMEM. */
char *fc_fm_json_text(struct fc_arena *a, const struct fc_fm_node *n);
/* A double as plain-scalar text that fc_fm_json reads back as the same
 * double: the shortest of 15 to 17 significant digits, always with a '.'
 * ("1.0e+22", "-0.0"); infinities and NaN as YAML spells them (.inf,
 * -.inf, .nan), which JSON has no numbers for: fc_fm_json keeps them as
 * strings.  cap: 32 is enough. */
void fc_fm_float_text(double v, char *buf, size_t cap);

#endif
