/*
 * toml.h - TOML 1.0: Hugo's and Zola's front matter ("+++" fences) and
 * their configuration files (hugo.toml, config.toml) read into the
 * front-matter tree (syntax/frontmatter.h), and written from JSON (Zola
 * sites: toml_emit.c).
 */
#ifndef FC_SYNTAX_TOML_H
#define FC_SYNTAX_TOML_H

#include "syntax/frontmatter.h"

/* Parse a TOML document text[0..len) into a tree in arena a: *root is a
 * mapping (empty for an empty document), tables and inline tables in the
 * order their keys were first defined.  Strings are quoted scalars;
 * integers (decimal, no underscores), floats (canonical text; .inf, -.inf,
 * .nan), booleans and date-times (RFC 3339 text, 'T' and 'Z' upper case)
 * are plain scalars that fc_fm_json types.  Lines (line_offset added) and
 * columns (in characters) are 1-based, within text.  Errors: FC_EPARSE
 * with file, line and column for anything TOML 1.0 calls invalid (syntax,
 * invalid UTF-8 or control characters, duplicate keys and tables, integers
 * past 64 bits); FC_ELIMIT for nesting past FC_FM_MAX_DEPTH; FC_ENOMEM.
 * On failure the nodes made so far stay in the arena. */
enum fc_status fc_toml_parse(struct fc_arena *a, const char *text, size_t len, const char *file,
                             unsigned long line_offset, struct fc_fm_node **root,
                             struct fc_error *err);

/* A JSON object as a TOML document appended to out (toml_emit.c): the
 * plain keys of each table before its sub-tables ([a.b] headers), objects
 * inside arrays as inline tables, strings basic-quoted with every control
 * character escaped, keys bare when they can be; null values are left
 * out (TOML has none).  false when out ran out of memory. */
bool fc_toml_emit(const json_t *obj, struct fc_buf *out);

#endif
