/*
 * jfitem.h - a JSON Feed 1.1 item written from a post, and the pieces of
 * JSON Feed every object shares (strings, plain-text titles, authors,
 * `_x` extension keys, the `_feedconv` side object): what the JSON Feed
 * writer and its JSON Lines mode (formats/jsonfeed_write.c, format
 * "jsonl") write.  The mapping is at the top of
 * formats/jsonfeed.c; the `_feedconv` values are extcodec.h's.
 *
 * Text is written with syntax/json.h's writer: indented, in the bytes
 * jansson prints.  Errors stick in the part's status (ENOMEM, warnings).
 */
#ifndef FC_JFITEM_H
#define FC_JFITEM_H

#include "extcodec.h"
#include "internal.h"
#include "syntax/json.h"

#define FC_JF_EXT "_feedconv" /* the extension object */

/* The state of writing one object (the feed's head, an item, the tail).
 * Warnings go through st; a part rebuilt for what was already warned
 * about sets st.opt to NULL, which silences them. */
struct fc_jf_part {
    struct fc_sticky st;
    struct fc_extcodec_enc x;     /* the `_feedconv` values */
    struct fc_json_writer xw, ew; /* `_feedconv` members and its exts, written aside */
    struct fc_extcodec_out xo, eo;
    struct fc_arena *scratch; /* text versions of HTML titles; made on demand */
    const char *what;         /* "feed" or "item 3 (id X)", for warnings */
    const char *id;           /* an item's id to write instead of its own (a duplicate
                                 made unique); NULL: its own */
};

/* Start a part (st: a writer's sticky status; what: lent, lives as long). */
void fc_jf_part_open(struct fc_jf_part *b, struct fc_sticky st, const char *what);
/* Its `_feedconv` members go into side[0], their exts into side[1]
 * (reset), for an object whose members are at depth. */
void fc_jf_part_side(struct fc_jf_part *b, struct fc_buf side[2], unsigned depth);
/* Free what the part holds; its status (ENOMEM when one of the n
 * buffers ran out of memory). */
enum fc_status fc_jf_part_close(struct fc_jf_part *b, struct fc_buf *const *bufs, size_t n);
/* The part's scratch arena (NULL and ENOMEM recorded when it cannot be
 * made). */
struct fc_arena *fc_jf_scratch(struct fc_jf_part *b);

/* A language tag the BCP 47 way ("en_US" -> "en-US"; scratch copy). */
const char *fc_jf_lang(struct fc_jf_part *b, const char *lang);
/* w[key] = s as a JSON string; nothing when s is NULL or empty (JSON
 * Feed has no empty values); invalid UTF-8 repaired with a warning. */
void fc_jf_str(struct fc_jf_part *b, struct fc_json_writer *w, const char *key, const char *s);
/* w[key] = url when it is an absolute URL (JSON Feed wants one); else it
 * goes to `_feedconv`[xkey] (the model's field name; NULL: dropped), with
 * a warning. */
void fc_jf_url(struct fc_jf_part *b, struct fc_json_writer *w, const char *key, const char *xkey,
               const char *url);
/* A plain-text key: HTML becomes text, the original goes to
 * `_feedconv`[xkey]. */
void fc_jf_plain(struct fc_jf_part *b, struct fc_json_writer *o, const char *key, const char *xkey,
                 const struct fc_text *t);
/* `_feedconv`[key] = true. */
void fc_jf_true(struct fc_jf_part *b, const char *key);
/* "authors": [...] (the e-mail in each author's `_feedconv`). */
void fc_jf_authors(struct fc_jf_part *b, struct fc_json_writer *o, const struct fc_list *list);
/* JSON Feed's own `_x` objects go back where they came from; every other
 * extension to the `_feedconv` exts. */
void fc_jf_exts(struct fc_jf_part *b, struct fc_json_writer *o, const struct fc_list *list);
/* key: [each element of list, by fn]; an element fn cannot write (it has
 * no URL) is dropped with a warning that calls it `noun`. */
void fc_jf_array(struct fc_jf_part *b, struct fc_json_writer *o, const char *key, const char *noun,
                 const struct fc_list *list,
                 bool (*fn)(struct fc_jf_part *b, struct fc_json_writer *o, const void *elem));
/* `_feedconv: {"type_absent": true}` in the object being written. */
void fc_jf_type_absent(struct fc_json_writer *o);
/* "persons": [podcast:person...] (struct fc_pod_person) into o. */
void fc_jf_pod_persons(struct fc_jf_part *b, struct fc_json_writer *o, const struct fc_list *list);
/* The end of a `_feedconv` object: its dates and exts. */
void fc_jf_close_x(struct fc_jf_part *b);

/* One item's members into o (an open object at the part's depth), its
 * `_feedconv` object last. */
void fc_jf_item(struct fc_jf_part *b, struct fc_json_writer *o, const struct fc_post *p);

#endif
