/*
 * markdown.h - private to markdown.c, markdown_read.c and markdown_write.c:
 * the YAML tree the reader builds, the YAML emitter helpers the writer
 * uses, and the pieces both sides of the mapping share.
 */
#ifndef FC_MARKDOWN_H
#define FC_MARKDOWN_H

#include "internal.h"

#include <jansson.h>
#include <yaml.h>

#define FC_MD_ORIGIN "markdown"
#define FC_MD_KEY "feedconv" /* the mapping with what has no key of its own */
#define FC_MD_MAX_DEPTH 64u  /* YAML nesting in front matter */
#define FC_MD_SLUG_MAX 80u

/* ---- reading: a YAML document as a small tree in an arena ----------- */

enum fc_md_ytype {
    FC_MD_SCALAR,
    FC_MD_SEQ,
    FC_MD_MAP,
};

struct fc_md_y {
    enum fc_md_ytype type;
    const char *str; /* scalar text (NUL-terminated) */
    size_t len;
    bool plain;                 /* an unquoted scalar: may be null/bool/number */
    unsigned long line, column; /* 1-based, in the YAML text */
    struct fc_md_y **kids;      /* seq: items; map: key, value, key, value ... */
    size_t n;                   /* number of kids */
};

/* The YAML between "---" lines at the top of a post (after a UTF-8 BOM;
 * the closing line may be "..."), and the body after it; false when text
 * has no front matter.  An unterminated front matter is all YAML. */
bool fc_md_split_front_matter(const char *text, size_t len, const char **yaml, size_t *ylen,
                              const char **body);
/* Parse YAML text (one document) into a tree in arena a.  *root is NULL for
 * an empty document.  On a syntax error returns FC_EPARSE with line and
 * column (1-based, within text; line_offset is added to the line). */
enum fc_status fc_md_yaml_parse(struct fc_arena *a, const char *text, size_t len, const char *file,
                                unsigned long line_offset, struct fc_md_y **root,
                                struct fc_error *err);
/* Its two readers on their own, for tests and fuzzing: the libyaml path
 * (the reference, every error message), and the quick path for the
 * common subset, which sets *handled false (and leaves *root NULL) for
 * what it leaves to libyaml. */
enum fc_status fc_md_yaml_parse_libyaml(struct fc_arena *a, const char *text, size_t len,
                                        const char *file, unsigned long line_offset,
                                        struct fc_md_y **root, struct fc_error *err);
enum fc_status fc_md_yaml_quick(struct fc_arena *a, const char *text, size_t len,
                                unsigned long line_offset, struct fc_md_y **root, bool *handled,
                                struct fc_error *err);
/* The value of key in a mapping, NULL when absent or y is no mapping. */
const struct fc_md_y *fc_md_get(const struct fc_md_y *y, const char *key);
/* A scalar's text, NULL for anything else or a plain null/~. */
const char *fc_md_str(const struct fc_md_y *y);
/* YAML scalar as a boolean: 1 true, 0 false, -1 neither. */
int fc_md_bool(const struct fc_md_y *y);
/* Compact JSON text of a YAML value (plain scalars typed: null, booleans,
 * numbers), in the arena; NULL on ENOMEM. */
char *fc_md_to_json(struct fc_arena *a, const struct fc_md_y *y);
/* The same as a jansson value (caller decrefs); NULL on ENOMEM. */
json_t *fc_md_json(const struct fc_md_y *y);

/* ---- writing: a libyaml emitter into an fc_buf ------------------------ */

struct fc_md_emit {
    yaml_emitter_t e;
    struct fc_buf *out;
    bool failed;
    bool oom; /* the failure was an allocation (after fc_md_emit_close) */
};

/* Start a stream and a document ("---" first when explicit). */
bool fc_md_emit_open(struct fc_md_emit *m, struct fc_buf *out, bool explicit_start);
/* End the document and stream; false when anything failed. */
bool fc_md_emit_close(struct fc_md_emit *m);
void fc_md_emit_map(struct fc_md_emit *m);
void fc_md_emit_seq(struct fc_md_emit *m, bool flow);
void fc_md_emit_end_map(struct fc_md_emit *m);
void fc_md_emit_end_seq(struct fc_md_emit *m);
/* A double-quoted string scalar. */
void fc_md_emit_str(struct fc_md_emit *m, const char *s);
/* A plain scalar: keys, booleans, numbers. */
void fc_md_emit_plain(struct fc_md_emit *m, const char *s);
void fc_md_emit_int(struct fc_md_emit *m, long long v);
/* key: "value" when value is not NULL. */
void fc_md_emit_kv(struct fc_md_emit *m, const char *key, const char *value);
/* A mapping key: plain when it cannot be misread, else double-quoted. */
void fc_md_emit_key(struct fc_md_emit *m, const char *k);
/* A JSON value (jansson) as YAML; strings double-quoted. */
void fc_md_emit_json(struct fc_md_emit *m, const json_t *v);

/* ---- the mapping shared by reader and writer ------------------------- */

/* The layout the reader found (or the writer writes). */
enum fc_md_layout {
    FC_MD_PLAIN,
    FC_MD_HUGO,
    FC_MD_JEKYLL,
    FC_MD_ELEVENTY,
    FC_MD_ZOLA,
};

/* Post string fields kept under `feedconv:` by their model names. */
struct fc_md_field {
    const char *key;
    size_t offset; /* of a const char * in struct fc_post / fc_feed */
};
extern const struct fc_md_field fc_md_post_fields[];
extern const struct fc_md_field fc_md_feed_fields[];

/* Front-matter keys the reader understands natively (not kept as exts). */
bool fc_md_known_key(const char *key);

/* The reader and the writer. */
enum fc_status fc_md_read(struct fc_input *in, struct fc_handler *out, const struct fc_options *opt,
                          struct fc_error *err);
enum fc_status fc_md_open_writer(struct fc_output *out, const struct fc_options *opt,
                                 struct fc_handler **writer, struct fc_error *err);

#endif
