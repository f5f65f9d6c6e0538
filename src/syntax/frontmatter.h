/*
 * frontmatter.h - front matter: the block of metadata at the top of a
 * Markdown file, and the value tree every front-matter syntax is read
 * into (YAML today: syntax/yaml.h; TOML and JSON front matter read into
 * the same tree), so that a format's mapping reads one kind of tree
 * whatever the syntax.  Site configuration files use it too.
 *
 * frontmatter.c splits a file; fmtree.c holds the tree's helpers.
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

/* The YAML between "---" lines at the top of a file (after a UTF-8 BOM;
 * the closing line may be "..."), and the body after it; false when text
 * has no front matter.  An unterminated front matter is all front matter
 * (no body).  Pointers are into text. */
bool fc_fm_split(const char *text, size_t len, const char **fm, size_t *fmlen, const char **body);

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

#endif
