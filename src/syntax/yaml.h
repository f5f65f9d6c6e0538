/*
 * yaml.h - YAML: front matter and site configuration files read into the
 * front-matter tree (syntax/frontmatter.h), and a YAML emitter for
 * writing them.  Reading has two paths: a quick one for the block subset
 * nearly all front matter uses (yaml_quick.c) and libyaml for the rest and
 * for every error (yaml.c); they build the same tree.  yaml_emit.c holds
 * the emitter.
 */
#ifndef FC_SYNTAX_YAML_H
#define FC_SYNTAX_YAML_H

#include "syntax/frontmatter.h"

#include <yaml.h>

/* ---- reading (yaml.c, yaml_quick.c) ---------------------------------- */

/* Parse YAML text (one document) into a tree in arena a.  *root is NULL for
 * an empty document.  On a syntax error returns FC_EPARSE with line and
 * column (1-based, within text; line_offset is added to the line) and
 * file; nesting past FC_FM_MAX_DEPTH is FC_ELIMIT; aliases are refused. */
enum fc_status fc_yaml_parse(struct fc_arena *a, const char *text, size_t len, const char *file,
                             unsigned long line_offset, struct fc_fm_node **root,
                             struct fc_error *err);
/* Its two readers on their own, for tests and fuzzing: the libyaml path
 * (the reference, every error message), and the quick path for the
 * common subset, which sets *handled false (and leaves *root NULL) for
 * what it leaves to libyaml. */
enum fc_status fc_yaml_parse_libyaml(struct fc_arena *a, const char *text, size_t len,
                                     const char *file, unsigned long line_offset,
                                     struct fc_fm_node **root, struct fc_error *err);
enum fc_status fc_yaml_parse_quick(struct fc_arena *a, const char *text, size_t len,
                                   unsigned long line_offset, struct fc_fm_node **root,
                                   bool *handled, struct fc_error *err);

/* ---- writing: a libyaml emitter into an fc_buf (yaml_emit.c) --------- */

/* Every call after a failure does nothing; fc_yaml_emit_close says
 * whether it all worked, and oom whether a failure was an allocation. */
struct fc_yaml_emitter {
    yaml_emitter_t e;
    struct fc_buf *out;
    bool failed;
    bool oom; /* the failure was an allocation (after fc_yaml_emit_close) */
};

/* Start a stream and a document ("---" first when explicit); false on
 * ENOMEM (then there is nothing to close). */
bool fc_yaml_emit_open(struct fc_yaml_emitter *m, struct fc_buf *out, bool explicit_start);
/* End the document and stream, free the emitter; false when anything
 * failed. */
bool fc_yaml_emit_close(struct fc_yaml_emitter *m);
void fc_yaml_emit_map(struct fc_yaml_emitter *m);
void fc_yaml_emit_seq(struct fc_yaml_emitter *m, bool flow);
void fc_yaml_emit_end_map(struct fc_yaml_emitter *m);
void fc_yaml_emit_end_seq(struct fc_yaml_emitter *m);
/* A double-quoted string scalar (NULL: ""; invalid UTF-8 repaired). */
void fc_yaml_emit_str(struct fc_yaml_emitter *m, const char *s);
/* A plain scalar: keys, booleans, numbers. */
void fc_yaml_emit_plain(struct fc_yaml_emitter *m, const char *s);
void fc_yaml_emit_int(struct fc_yaml_emitter *m, long long v);
/* key: "value" when value is not NULL. */
void fc_yaml_emit_kv(struct fc_yaml_emitter *m, const char *key, const char *value);
/* A mapping key: plain when it cannot be misread, else double-quoted. */
void fc_yaml_emit_key(struct fc_yaml_emitter *m, const char *k);
/* A JSON value (jansson) as YAML; strings double-quoted, numbers and
 * literals plain (a float keeps a '.' so it reads back as one). */
void fc_yaml_emit_json(struct fc_yaml_emitter *m, const json_t *v);
/* The bytes a whole emitter (fc_yaml_emit_open(out, false), then
 * fc_yaml_emit_json, then fc_yaml_emit_close) writes for v, an object or
 * array, without libyaml; false, out unchanged, for what only libyaml
 * writes (keys it cannot write simply, strings that are not UTF-8, other
 * roots, nesting past FC_FM_MAX_DEPTH).  out->oom tells of ENOMEM. */
bool fc_yaml_emit_json_quick(const json_t *v, struct fc_buf *out);

#endif
