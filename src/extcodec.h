/*
 * extcodec.h - the `_feedconv` codec: the model's data that a format has
 * no key of its own for, as JSON values (jansson's json_t) and back.  JSON
 * Feed writes them in its `_feedconv` objects, the Markdown format under
 * the front matter's `feedconv:` key (as YAML); both read them back here,
 * so one value has one shape whichever format carries it.
 *
 * The codec owns the shapes and the member names (the model's field
 * names); a format owns which members it writes, in which order, and what
 * it carries natively instead.
 *
 * Shapes:
 *   string      "..." (invalid UTF-8 repaired, with a warning)
 *   text        {"type": "text"|"html"|"xhtml", "value": "..."}
 *   person      {"name", "email", "url", "avatar"}; read: a string is a name
 *   tag         {"term", "scheme", "label", "slug"}
 *   link        {"href", "rel", "type", "hreflang", "title", "length"}
 *   attachment  {"url", "type", "length", "title", "duration", "kind":
 *               "content" | "alternate" (none: an enclosure), "group",
 *               "medium", "width", "height", "bitrate", "framerate",
 *               "samplingrate", "channels", "lang", "is_default",
 *               "expression", "codecs", "rel", "sources": [{"uri",
 *               "type"}], "integrity": {"type", "value"}, "meta": media}
 *   media       Media RSS elements (struct fc_media_meta): {"title",
 *               "description" (a string, or {"type": "html", "value"}),
 *               "thumbnails": [{"url", "width", "height", "time"}],
 *               "player": {"url", "width", "height"}, "credits": [{"name",
 *               "role", "scheme"}], "exts": [ext]}; a media group is one
 *   podcast     {"image", "author", "owner": {"name", "email"}, "explicit",
 *               "categories": [{"text", "subcategories": [...]}], "type",
 *               "block", "complete", "new_feed_url", "guid", "locked",
 *               "locked_owner", "funding": [{"url", "text"}], "persons":
 *               [pod person], "license", "license_url"}
 *   episode     {"explicit", "episode", "season", "episode_type", "block",
 *               "transcripts": [{"url", "type", "language", "rel"}],
 *               "chapters": {"url", "type"}, "persons": [pod person]}
 *   pod person  {"name", "role", "group", "img", "href"}
 *               (the podcast shapes use the keys of JSON Feed's `_itunes`,
 *               `_podcast` and `_media` objects for the same values)
 *   hub         {"type", "url"}
 *   source      {"title", "url", "home_url", "id", "updated"}
 *   generator   {"name", "version", "uri"}
 *   image       {"url", "title", "link", "description", "width", "height"}
 *   cloud       {"domain", "port", "path", "procedure", "protocol"}
 *   text_input  {"title", "description", "name", "link"}
 *   skip_hours  [0-23]; skip_days ["Monday".."Sunday"]
 *   aliases     ["old address", ...]
 *   comment     {"id", "parent_id", "author": person, "author_ip", "published":
 *               RFC 3339 as written (a local time without an offset stays
 *               so), "content_html", "kind": "pingback" | "trackback"
 *               (none: a reader's comment)}
 *   menu item   {"menu", "id", "parent_id", "name", "url", "post_id",
 *               "weight"}
 *   weight      a number, not written when 0
 *   time        an RFC 3339 string with seconds and an offset (what JSON
 *               Feed's own dates need); what that cannot say goes in the
 *               object's "dates" under the time's note key:
 *               {"raw": "unparsable text"}, or {"precision": "year" |
 *               "month" | "date" | "minute", "zone": "none" | "name"}
 *   ext         an XML element {"name", "ns", "prefix", "value", "origin",
 *               "attrs": [{"name", "ns", "prefix", "value"}], "children":
 *               [ext]}, a string for an XML text node, or a JSON ext
 *               {"kind": "json", "name", "origin", "value": JSON} ("text":
 *               "..." instead of "value" when its text is not JSON)
 * Absent fields (NULL, -1) and empty lists are not written; an object
 * present in the model (a source, a person in a list) is written even
 * when empty.  Extensions nest at most FC_EXTCODEC_MAX_DEPTH levels:
 * deeper children are dropped with a warning, writing and reading, so
 * that what one format writes every reader takes at its default limits
 * (YAML front matter nests at most FC_FM_MAX_DEPTH).
 *
 * Reading is lenient: a member of the wrong type is ignored with a
 * warning, a list element of the wrong shape dropped with one; in the
 * podcast and media objects (written by hand in front matter) a key the
 * shape does not have is warned about too.  A list
 * member replaces the list (the full form of what a format wrote natively
 * in short), except `exts`, which adds to the extensions read natively.
 *
 * Errors: both directions report through a struct fc_sticky (ENOMEM,
 * warnings); callers check it once.
 */
#ifndef FC_EXTCODEC_H
#define FC_EXTCODEC_H

#include "internal.h"

#include <jansson.h>

#define FC_EXTCODEC_MAX_DEPTH 24u /* extension nesting (elements in elements) */
#define FC_EXTCODEC_TIME_MAX 48   /* buffer for fc_extcodec_time */

/* The members of an extension object: the model's fields, under their
 * names, of a feed, a post or both. */
/* clang-format off */
enum fc_extcodec_member {
    /* strings: of both, of a post, of a feed */
    FC_XM_ID, FC_XM_LANGUAGE, FC_XM_BASE,
    FC_XM_URL, FC_XM_EXTERNAL_URL, FC_XM_COMMENTS_URL, FC_XM_COMMENTS_FEED, FC_XM_CONTENT_SRC,
    FC_XM_CONTENT_TYPE, FC_XM_CONTENT_TEXT, FC_XM_BANNER_IMAGE, FC_XM_SLUG,
    FC_XM_FEED_URL, FC_XM_HOME_URL, FC_XM_ICON, FC_XM_NEXT_URL, FC_XM_DOCS, FC_XM_RATING,
    FC_XM_USER_COMMENT, FC_XM_DESCRIPTION_TEXT,
    /* a post's flags and count */
    FC_XM_ID_IS_PERMALINK, FC_XM_COMMENT_COUNT, FC_XM_DRAFT,
    /* texts: title and rights of both, a feed's subtitle, a post's summary */
    FC_XM_TITLE, FC_XM_RIGHTS, FC_XM_SUBTITLE, FC_XM_SUMMARY,
    /* times, people, tags, links and extensions of both */
    FC_XM_PUBLISHED, FC_XM_UPDATED, FC_XM_AUTHORS, FC_XM_CONTRIBUTORS, FC_XM_CATEGORIES,
    FC_XM_LINKS, FC_XM_EXTS,
    /* a post's attachments and source */
    FC_XM_ATTACHMENTS, FC_XM_SOURCE,
    /* the RSS-born data of a feed; IMAGE_DETAILS is "image" without its url
     * (for a format with a native key for that) */
    FC_XM_GENERATOR, FC_XM_EDITOR, FC_XM_WEBMASTER, FC_XM_IMAGE, FC_XM_IMAGE_DETAILS, FC_XM_TTL,
    FC_XM_EXPIRED, FC_XM_HUBS, FC_XM_CLOUD, FC_XM_SKIP_HOURS, FC_XM_SKIP_DAYS, FC_XM_TEXT_INPUT,
    /* a site's posts: kind, hierarchy, order, visibility, expiry, old
     * addresses, comments; a site's menus and time zone */
    FC_XM_KIND, FC_XM_PARENT_ID, FC_XM_WEIGHT, FC_XM_PRIVATE_POST, FC_XM_STICKY, FC_XM_EXPIRES,
    FC_XM_ALIASES, FC_XM_COMMENTS, FC_XM_MENUS, FC_XM_TIME_ZONE,
    /* podcasts and media: a feed's show, a post's episode, its own Media
     * RSS elements and its media groups */
    FC_XM_PODCAST, FC_XM_EPISODE, FC_XM_MEDIA, FC_XM_MEDIA_GROUPS
};
/* clang-format on */

/* A member's key (its model field's name: "episode"). */
const char *fc_extcodec_member_key(enum fc_extcodec_member m);

/* "text", "html", "xhtml"; and back (FC_TEXT for anything else). */
const char *fc_extcodec_text_type_name(enum fc_text_type t);
enum fc_text_type fc_extcodec_text_type(const char *name);

/* ---- writing ------------------------------------------------------- */

struct fc_json_writer; /* syntax/json.h */

/* Where values go: a jansson object or array being built (tree), or JSON
 * text, written directly inside the object or array the writer has open
 * (text: no jansson values on the way, for JSON Feed's speed).  The same
 * calls write the same values either way. */
struct fc_extcodec_out {
    json_t *tree;
    struct fc_json_writer *text;
};

struct fc_extcodec_out fc_extcodec_tree(json_t *container);
struct fc_extcodec_out fc_extcodec_text_out(struct fc_json_writer *w);

/* What a time's text cannot say, noted by fc_extcodec_time. */
struct fc_extcodec_note {
    const char *key;       /* the time's note key */
    const char *raw;       /* unparsable text */
    const char *precision; /* "date", ...: less than seconds */
    const char *zone;      /* "none" or "name": no offset */
};

/* The state of encoding one object (a feed, a post). */
struct fc_extcodec_enc {
    struct fc_sticky *st;
    const char *what; /* "feed", "item 3": names the object in warnings */
    struct fc_extcodec_note notes[8];
    size_t nnotes;
    struct fc_buf tmp; /* repaired UTF-8 */
};

void fc_extcodec_enc_init(struct fc_extcodec_enc *x, struct fc_sticky *st, const char *what);
void fc_extcodec_enc_free(struct fc_extcodec_enc *x);

/* o[key] = s (key NULL in an array; nothing when s is NULL); invalid
 * UTF-8 is repaired with a warning. */
void fc_extcodec_put_str(struct fc_extcodec_enc *x, struct fc_extcodec_out *o, const char *key,
                         const char *s);
void fc_extcodec_put_true(struct fc_extcodec_enc *x, struct fc_extcodec_out *o, const char *key);
/* o[key] = a text; a tag, one extension (elements of an array). */
void fc_extcodec_put_text(struct fc_extcodec_enc *x, struct fc_extcodec_out *o, const char *key,
                          const struct fc_text *t);
void fc_extcodec_put_tag(struct fc_extcodec_enc *x, struct fc_extcodec_out *o,
                         const struct fc_tag *t);
void fc_extcodec_put_ext(struct fc_extcodec_enc *x, struct fc_extcodec_out *o,
                         const struct fc_ext *e);
/* o["exts"] = the extensions of l that skip (may be NULL) does not
 * skip, when there are any. */
void fc_extcodec_put_exts(struct fc_extcodec_enc *x, struct fc_extcodec_out *o,
                          const struct fc_list *l, bool (*skip)(const struct fc_ext *e));
/* A JSON ext's value (its text) parsed; NULL when it is not JSON text (or
 * on ENOMEM, which is recorded).  The caller owns it. */
json_t *fc_extcodec_json_value(struct fc_extcodec_enc *x, const char *s);
/* A time as RFC 3339 with seconds and an offset into buf (cap
 * FC_EXTCODEC_TIME_MAX), returned; its note, when the text loses
 * something, kept under note_key for fc_extcodec_put_dates.  NULL when
 * there is no text to write (absent, or unwritable: warned about with
 * key, and kept raw in the note). */
const char *fc_extcodec_time(struct fc_extcodec_enc *x, const struct fc_time *t, const char *key,
                             const char *note_key, char *buf);
/* o["dates"] = the notes kept so far, when there are any (then none). */
void fc_extcodec_put_dates(struct fc_extcodec_enc *x, struct fc_extcodec_out *o);
/* o[member] = the member's value, for each of the n members, in order;
 * absent ones are skipped (and members the struct has not: see the
 * enum). */
void fc_extcodec_put_feed(struct fc_extcodec_enc *x, struct fc_extcodec_out *o,
                          const struct fc_feed *f, const enum fc_extcodec_member *m, size_t n);
void fc_extcodec_put_post(struct fc_extcodec_enc *x, struct fc_extcodec_out *o,
                          const struct fc_post *p, const enum fc_extcodec_member *m, size_t n);

/* ---- reading ------------------------------------------------------- */

/* The state of decoding one object into the model (strings copied into
 * arena a). */
struct fc_extcodec_dec {
    struct fc_sticky *st;
    struct fc_arena *a;
    const char *name;           /* the object's name: "_feedconv", "feedconv" */
    const char *where;          /* what holds it: "feed", "items[3]" */
    unsigned long line, column; /* where warnings point (0: unknown) */
    const json_t *dates;        /* the object's "dates", after fc_extcodec_dec_begin */
};

/* Start decoding object o (NULL: none): its "dates" notes are read. */
void fc_extcodec_dec_begin(struct fc_extcodec_dec *d, const json_t *o);
/* o[key] when it has type want (JSON_TRUE: any boolean), else NULL (a
 * value of another type with a warning). */
json_t *fc_extcodec_get(struct fc_extcodec_dec *d, const json_t *o, const char *key,
                        json_type want);
void fc_extcodec_get_str(struct fc_extcodec_dec *d, const json_t *o, const char *key,
                         const char **field);
bool fc_extcodec_get_true(struct fc_extcodec_dec *d, const json_t *o, const char *key);
/* The fields of tag object v into t. */
void fc_extcodec_get_tag(struct fc_extcodec_dec *d, const json_t *v, struct fc_tag *t);
/* People from v (a list, or one: a person object or a name) added to l;
 * what names v in warnings. */
void fc_extcodec_get_persons(struct fc_extcodec_dec *d, const json_t *v, const char *what,
                             struct fc_list *l);
/* A time from its text (NULL: none; unparsable kept raw with a warning
 * naming key) and the note under note_key in the object's dates. */
void fc_extcodec_get_time(struct fc_extcodec_dec *d, const char *text, const char *key,
                          const char *note_key, struct fc_time *t);
/* v, the value of member m (a front-matter key of the same name), into
 * the model. */
void fc_extcodec_get_feed_value(struct fc_extcodec_dec *d, const json_t *v, struct fc_feed *f,
                                enum fc_extcodec_member m);
void fc_extcodec_get_post_value(struct fc_extcodec_dec *d, const json_t *v, struct fc_post *p,
                                enum fc_extcodec_member m);
/* Each of the n members of o present into the model. */
void fc_extcodec_get_feed(struct fc_extcodec_dec *d, const json_t *o, struct fc_feed *f,
                          const enum fc_extcodec_member *m, size_t n);
void fc_extcodec_get_post(struct fc_extcodec_dec *d, const json_t *o, struct fc_post *p,
                          const enum fc_extcodec_member *m, size_t n);

/* ---- as JSON text (XML formats carry the values as an element's text) -- */

/* The members m (n of them) of p / f present, with their "dates" notes,
 * as compact JSON text (an object), malloc'd: the caller frees it.  NULL
 * when none is present, or on ENOMEM (recorded in st). */
char *fc_extcodec_post_json(struct fc_sticky *st, const char *what, const struct fc_post *p,
                            const enum fc_extcodec_member *m, size_t n);
char *fc_extcodec_feed_json(struct fc_sticky *st, const char *what, const struct fc_feed *f,
                            const enum fc_extcodec_member *m, size_t n);
/* Such text back into the members m of p / f (strings in arena a); text
 * that is not a JSON object is warned about (at line, naming where). */
void fc_extcodec_post_from_json(struct fc_sticky *st, struct fc_arena *a, const char *where,
                                unsigned long line, const char *text, struct fc_post *p,
                                const enum fc_extcodec_member *m, size_t n);
void fc_extcodec_feed_from_json(struct fc_sticky *st, struct fc_arena *a, const char *where,
                                unsigned long line, const char *text, struct fc_feed *f,
                                const enum fc_extcodec_member *m, size_t n);

#endif
