/*
 * extcodec.c - the `_feedconv` codec (see extcodec.h): the model's data
 * with no native key in a format, as JSON values and back.
 *
 * Every shape is one table of fields (key, kind, where in the struct),
 * walked by put_fields() to write and by get_fields() to read, so the two
 * directions cannot drift apart.  Extensions (recursive) and times (with
 * their notes) have code of their own.
 */
#include "extcodec.h"
#include "syntax/json.h"

#include <limits.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* Names of enum values, indexed by the enum. */
static const char *const text_types[3] = {"text", "html", "xhtml"};
static const char *const precision_names[7] = {"none",   "year",   "month",   "date",
                                               "minute", "second", "fraction"};
static const char *const zone_names[4] = {"none", "offset", "z", "name"};
static const char *const day_names[7] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                         "Friday", "Saturday", "Sunday"}; /* skip_days bit 0.. */
static const char *const comment_kinds[3] = {"comment", "pingback", "trackback"};
static const char *const media_kinds[3] = {"enclosure", "content", "alternate"};

static int name_index(const char *const *names, size_t n, const char *s)
{
    for (size_t i = 0; s && i < n; i++)
        if (strcmp(names[i], s) == 0)
            return (int)i;
    return -1;
}

const char *fc_extcodec_text_type_name(enum fc_text_type t)
{
    return text_types[t <= FC_XHTML ? t : 0];
}

enum fc_text_type fc_extcodec_text_type(const char *name)
{
    int i = name_index(text_types, 3, name);
    return i > 0 ? (enum fc_text_type)i : FC_TEXT;
}

/* ---- the shapes --------------------------------------------------------- */

/* What a field holds, which is how it is written and read. */
enum kind {
    K_STR,        /* const char * */
    K_TRI,        /* int: -1 absent, else a boolean */
    K_FLAG,       /* int: written (true) when > 0 */
    K_I64,        /* int64_t: -1 absent */
    K_INT,        /* int: -1 absent (read: [-1, INT_MAX]) */
    K_REAL,       /* double: < 0 absent */
    K_TEXT_TYPE,  /* enum fc_text_type, by name; does not make an object present */
    K_TIME,       /* struct fc_time: a string, and a note under note_key */
    K_OBJECT,     /* a struct of the sub-shape: written when a field is present */
    K_REF,        /* a pointer to one: written when not NULL */
    K_LIST,       /* struct fc_list of the sub-shape */
    K_EXTS,       /* struct fc_list of fc_ext */
    K_SKIP_HOURS, /* uint32_t, bit h: hour h */
    K_SKIP_DAYS,  /* uint8_t, bit d: day d, 0 = Monday */
    K_NZINT,      /* int: 0 absent */
    K_STAMP,      /* struct fc_time in a list element: RFC 3339 as written, no note */
    K_STRS,       /* struct fc_list of elements whose field after next is a string */
    K_CKIND,      /* enum fc_comment_kind, by name; a reader's comment not written */
    K_MTEXT,      /* struct fc_text: a string when plain, else a text object */
    K_MKIND,      /* enum fc_media_kind, by name; an enclosure not written */
    K_GROUP,      /* unsigned: a 1-based place in a list, 0 absent */
};

struct shape;

struct field {
    const char *key;
    unsigned char kind;
    unsigned short offset;
    const struct shape *sub; /* K_OBJECT, K_REF, K_LIST */
    const char *note_key;    /* K_TIME; NULL: key */
};

struct shape {
    const struct field *fields;
    size_t n;
    size_t size;      /* of the struct, for K_REF and K_LIST */
    bool from_string; /* read: a string is the first field (a person's name) */
    bool closed;      /* read: a key it has no field for is warned about */
};

#define F(type, field, kind)                                                                       \
    {                                                                                              \
#field, kind, offsetof(type, field), NULL, NULL                                            \
    }
#define SHAPE(type, fields, from_string)                                                           \
    {                                                                                              \
        fields, sizeof fields / sizeof fields[0], sizeof(type), from_string, false                 \
    }
#define CLOSED(type, fields)                                                                       \
    {                                                                                              \
        fields, sizeof fields / sizeof fields[0], sizeof(type), false, true                        \
    }
/* A field of an object made of some fields of the struct (chapters: {url,
 * type} of struct fc_episode's chapters_url, chapters_type): its offset
 * from the first of them, `base`. */
#define PART(type, base, field, key, kind)                                                         \
    {                                                                                              \
        key, kind, offsetof(type, field) - offsetof(type, base), NULL, NULL                        \
    }

static const struct field text_fields[] = {
    {"type", K_TEXT_TYPE, offsetof(struct fc_text, type), NULL, NULL},
    F(struct fc_text, value, K_STR)};
static const struct field person_fields[] = {
    F(struct fc_person, name, K_STR), F(struct fc_person, email, K_STR),
    F(struct fc_person, url, K_STR), F(struct fc_person, avatar, K_STR)};
static const struct field tag_fields[] = {
    F(struct fc_tag, term, K_STR), F(struct fc_tag, scheme, K_STR), F(struct fc_tag, label, K_STR),
    F(struct fc_tag, slug, K_STR)};
static const struct field link_fields[] = {
    F(struct fc_link, href, K_STR),  F(struct fc_link, rel, K_STR),
    F(struct fc_link, type, K_STR),  F(struct fc_link, hreflang, K_STR),
    F(struct fc_link, title, K_STR), F(struct fc_link, length, K_I64)};
static const struct field hub_fields[] = {F(struct fc_hub, type, K_STR),
                                          F(struct fc_hub, url, K_STR)};
static const struct field attr_fields[] = {
    F(struct fc_attr, name, K_STR), F(struct fc_attr, ns, K_STR), F(struct fc_attr, prefix, K_STR),
    F(struct fc_attr, value, K_STR)};
static const struct field source_fields[] = {
    F(struct fc_source, title, K_STR),
    F(struct fc_source, url, K_STR),
    F(struct fc_source, home_url, K_STR),
    F(struct fc_source, id, K_STR),
    {"updated", K_TIME, offsetof(struct fc_source, updated), NULL, "source_updated"}};
static const struct field generator_fields[] = {F(struct fc_generator, name, K_STR),
                                                F(struct fc_generator, version, K_STR),
                                                F(struct fc_generator, uri, K_STR)};
static const struct field image_fields[] = {
    F(struct fc_image, url, K_STR),   F(struct fc_image, title, K_STR),
    F(struct fc_image, link, K_STR),  F(struct fc_image, description, K_STR),
    F(struct fc_image, width, K_INT), F(struct fc_image, height, K_INT)};
static const struct field cloud_fields[] = {
    F(struct fc_cloud, domain, K_STR), F(struct fc_cloud, port, K_INT),
    F(struct fc_cloud, path, K_STR), F(struct fc_cloud, procedure, K_STR),
    F(struct fc_cloud, protocol, K_STR)};
static const struct field menu_fields[] = {
    F(struct fc_menu_item, menu, K_STR),      F(struct fc_menu_item, id, K_STR),
    F(struct fc_menu_item, parent_id, K_STR), F(struct fc_menu_item, name, K_STR),
    F(struct fc_menu_item, url, K_STR),       F(struct fc_menu_item, post_id, K_STR),
    F(struct fc_menu_item, weight, K_NZINT)};
static const struct field text_input_fields[] = {
    F(struct fc_text_input, title, K_STR), F(struct fc_text_input, description, K_STR),
    F(struct fc_text_input, name, K_STR), F(struct fc_text_input, link, K_STR)};

static const struct shape text_shape = SHAPE(struct fc_text, text_fields, false);
static const struct shape text_closed_shape = CLOSED(struct fc_text, text_fields);
static const struct shape person_shape = SHAPE(struct fc_person, person_fields, true);
static const struct shape tag_shape = SHAPE(struct fc_tag, tag_fields, false);
static const struct shape link_shape = SHAPE(struct fc_link, link_fields, false);
static const struct shape hub_shape = SHAPE(struct fc_hub, hub_fields, false);
static const struct shape attr_shape = SHAPE(struct fc_attr, attr_fields, false);
static const struct shape source_shape = SHAPE(struct fc_source, source_fields, false);
static const struct shape generator_shape = SHAPE(struct fc_generator, generator_fields, false);
static const struct shape image_shape = SHAPE(struct fc_image, image_fields, false);
/* JSON Feed's `icon` holds the url */
static const struct shape image_rest_shape = {image_fields + 1, 5, sizeof(struct fc_image), false,
                                              false};
static const struct shape cloud_shape = SHAPE(struct fc_cloud, cloud_fields, false);
static const struct shape text_input_shape = SHAPE(struct fc_text_input, text_input_fields, false);
static const struct shape menu_shape = SHAPE(struct fc_menu_item, menu_fields, false);
/* a comment's author is a person: its field points at person_shape */
static const struct field comment_fields_full[] = {
    F(struct fc_comment, id, K_STR),
    F(struct fc_comment, parent_id, K_STR),
    {"author", K_OBJECT, offsetof(struct fc_comment, author), &person_shape, NULL},
    F(struct fc_comment, author_ip, K_STR),
    F(struct fc_comment, published, K_STAMP),
    F(struct fc_comment, content_html, K_STR),
    F(struct fc_comment, kind, K_CKIND)};
static const struct shape comment_shape = SHAPE(struct fc_comment, comment_fields_full, false);

/* ---- podcasts and media: the keys JSON Feed's _itunes, _podcast and
 * _media objects give the same values ---- */

static const struct field thumbnail_fields[] = {
    F(struct fc_media_thumbnail, url, K_STR), F(struct fc_media_thumbnail, width, K_INT),
    F(struct fc_media_thumbnail, height, K_INT), F(struct fc_media_thumbnail, time, K_STR)};
static const struct field credit_fields[] = {F(struct fc_media_credit, name, K_STR),
                                             F(struct fc_media_credit, role, K_STR),
                                             F(struct fc_media_credit, scheme, K_STR)};
static const struct field player_fields[] = {
    PART(struct fc_media_meta, player_url, player_url, "url", K_STR),
    PART(struct fc_media_meta, player_url, player_width, "width", K_INT),
    PART(struct fc_media_meta, player_url, player_height, "height", K_INT)};
static const struct shape thumbnail_shape = CLOSED(struct fc_media_thumbnail, thumbnail_fields);
static const struct shape credit_shape = CLOSED(struct fc_media_credit, credit_fields);
static const struct shape player_shape = CLOSED(struct fc_media_meta, player_fields);
/* The Media RSS elements of struct fc_media_meta m inside a struct type
 * (m: "" for the struct itself, "meta." in a group). */
/* clang-format off */
#define META_FIELDS(type, m)                                                            \
    {"title", K_MTEXT, offsetof(type, m title), NULL, NULL},                            \
    {"description", K_MTEXT, offsetof(type, m description), NULL, NULL},                \
    {"thumbnails", K_LIST, offsetof(type, m thumbnails), &thumbnail_shape, NULL},       \
    {"player", K_OBJECT, offsetof(type, m player_url), &player_shape, NULL},            \
    {"credits", K_LIST, offsetof(type, m credits), &credit_shape, NULL},                \
    {"exts", K_EXTS, offsetof(type, m exts), NULL, NULL}
/* clang-format on */
static const struct field meta_fields[] = {META_FIELDS(struct fc_media_meta, )};
static const struct field group_fields[] = {META_FIELDS(struct fc_media_group, meta.)};
static const struct shape meta_shape = CLOSED(struct fc_media_meta, meta_fields);
static const struct shape group_shape = CLOSED(struct fc_media_group, group_fields);

static const struct field source_media_fields[] = {F(struct fc_media_source, uri, K_STR),
                                                   F(struct fc_media_source, type, K_STR)};
static const struct field integrity_fields[] = {
    PART(struct fc_media, integrity_type, integrity_type, "type", K_STR),
    PART(struct fc_media, integrity_type, integrity_value, "value", K_STR)};
static const struct shape source_media_shape = CLOSED(struct fc_media_source, source_media_fields);
static const struct shape integrity_shape = CLOSED(struct fc_media, integrity_fields);
static const struct field media_fields[] = {
    F(struct fc_media, url, K_STR),
    F(struct fc_media, type, K_STR),
    F(struct fc_media, length, K_I64),
    F(struct fc_media, title, K_STR),
    F(struct fc_media, duration, K_REAL),
    F(struct fc_media, kind, K_MKIND),
    F(struct fc_media, group, K_GROUP),
    F(struct fc_media, medium, K_STR),
    F(struct fc_media, width, K_INT),
    F(struct fc_media, height, K_INT),
    F(struct fc_media, bitrate, K_REAL),
    F(struct fc_media, framerate, K_REAL),
    F(struct fc_media, samplingrate, K_REAL),
    F(struct fc_media, channels, K_INT),
    F(struct fc_media, lang, K_STR),
    F(struct fc_media, is_default, K_TRI),
    F(struct fc_media, expression, K_STR),
    F(struct fc_media, codecs, K_STR),
    F(struct fc_media, rel, K_STR),
    {"sources", K_LIST, offsetof(struct fc_media, sources), &source_media_shape, NULL},
    {"integrity", K_OBJECT, offsetof(struct fc_media, integrity_type), &integrity_shape, NULL},
    {"meta", K_REF, offsetof(struct fc_media, meta), &meta_shape, NULL}};
static const struct shape media_shape = CLOSED(struct fc_media, media_fields);

static const struct field pod_person_fields[] = {
    F(struct fc_pod_person, name, K_STR), F(struct fc_pod_person, role, K_STR),
    F(struct fc_pod_person, group, K_STR), F(struct fc_pod_person, img, K_STR),
    F(struct fc_pod_person, href, K_STR)};
static const struct shape pod_person_shape = CLOSED(struct fc_pod_person, pod_person_fields);
static const struct shape pod_category_shape; /* nested in itself: defined below */
static const struct field pod_category_fields[] = {F(struct fc_pod_category, text, K_STR),
                                                   {"subcategories", K_LIST,
                                                    offsetof(struct fc_pod_category, subcategories),
                                                    &pod_category_shape, NULL}};
static const struct shape pod_category_shape = CLOSED(struct fc_pod_category, pod_category_fields);
static const struct field funding_fields[] = {F(struct fc_pod_funding, url, K_STR),
                                              F(struct fc_pod_funding, text, K_STR)};
static const struct shape funding_shape = CLOSED(struct fc_pod_funding, funding_fields);
static const struct shape owner_shape = CLOSED(struct fc_person, person_fields);
static const struct field podcast_fields[] = {
    F(struct fc_podcast, image, K_STR),
    F(struct fc_podcast, author, K_STR),
    {"owner", K_OBJECT, offsetof(struct fc_podcast, owner), &owner_shape, NULL},
    {"explicit", K_TRI, offsetof(struct fc_podcast, explicit_content), NULL, NULL},
    {"categories", K_LIST, offsetof(struct fc_podcast, categories), &pod_category_shape, NULL},
    F(struct fc_podcast, type, K_STR),
    F(struct fc_podcast, block, K_TRI),
    F(struct fc_podcast, complete, K_TRI),
    F(struct fc_podcast, new_feed_url, K_STR),
    F(struct fc_podcast, guid, K_STR),
    F(struct fc_podcast, locked, K_TRI),
    F(struct fc_podcast, locked_owner, K_STR),
    {"funding", K_LIST, offsetof(struct fc_podcast, funding), &funding_shape, NULL},
    {"persons", K_LIST, offsetof(struct fc_podcast, persons), &pod_person_shape, NULL},
    F(struct fc_podcast, license, K_STR),
    F(struct fc_podcast, license_url, K_STR)};
static const struct shape podcast_shape = CLOSED(struct fc_podcast, podcast_fields);
static const struct field transcript_fields[] = {
    F(struct fc_pod_transcript, url, K_STR), F(struct fc_pod_transcript, type, K_STR),
    F(struct fc_pod_transcript, language, K_STR), F(struct fc_pod_transcript, rel, K_STR)};
static const struct shape transcript_shape = CLOSED(struct fc_pod_transcript, transcript_fields);
static const struct field chapters_fields[] = {
    PART(struct fc_episode, chapters_url, chapters_url, "url", K_STR),
    PART(struct fc_episode, chapters_url, chapters_type, "type", K_STR)};
static const struct shape chapters_shape = CLOSED(struct fc_episode, chapters_fields);
static const struct field episode_fields[] = {
    {"explicit", K_TRI, offsetof(struct fc_episode, explicit_content), NULL, NULL},
    F(struct fc_episode, episode, K_I64),
    F(struct fc_episode, season, K_I64),
    F(struct fc_episode, episode_type, K_STR),
    F(struct fc_episode, block, K_TRI),
    {"transcripts", K_LIST, offsetof(struct fc_episode, transcripts), &transcript_shape, NULL},
    {"chapters", K_OBJECT, offsetof(struct fc_episode, chapters_url), &chapters_shape, NULL},
    {"persons", K_LIST, offsetof(struct fc_episode, persons), &pod_person_shape, NULL}};
static const struct shape episode_shape = CLOSED(struct fc_episode, episode_fields);

/* The members of an extension object, in struct fc_feed and struct
 * fc_post (offset 0, the arena, stands for none). */
struct member {
    const char *key;
    unsigned char kind;
    const struct shape *sub;
    unsigned short feed, post;
};

#define BOTH(id, field, kind, sub)                                                                 \
    [id] = {#field, kind, sub, offsetof(struct fc_feed, field), offsetof(struct fc_post, field)}
#define FEED(id, field, kind, sub) [id] = {#field, kind, sub, offsetof(struct fc_feed, field), 0}
#define POST(id, field, kind, sub) [id] = {#field, kind, sub, 0, offsetof(struct fc_post, field)}
/* clang-format off */
static const struct member members[] = {
    BOTH(FC_XM_ID, id, K_STR, NULL), BOTH(FC_XM_LANGUAGE, language, K_STR, NULL),
    BOTH(FC_XM_BASE, base, K_STR, NULL),
    POST(FC_XM_URL, url, K_STR, NULL), POST(FC_XM_EXTERNAL_URL, external_url, K_STR, NULL),
    POST(FC_XM_COMMENTS_URL, comments_url, K_STR, NULL),
    POST(FC_XM_COMMENTS_FEED, comments_feed, K_STR, NULL),
    POST(FC_XM_CONTENT_SRC, content_src, K_STR, NULL),
    POST(FC_XM_CONTENT_TYPE, content_type, K_STR, NULL),
    POST(FC_XM_CONTENT_TEXT, content_text, K_STR, NULL),
    POST(FC_XM_BANNER_IMAGE, banner_image, K_STR, NULL), POST(FC_XM_SLUG, slug, K_STR, NULL),
    FEED(FC_XM_FEED_URL, feed_url, K_STR, NULL), FEED(FC_XM_HOME_URL, home_url, K_STR, NULL),
    FEED(FC_XM_ICON, icon, K_STR, NULL), FEED(FC_XM_NEXT_URL, next_url, K_STR, NULL),
    FEED(FC_XM_DOCS, docs, K_STR, NULL), FEED(FC_XM_RATING, rating, K_STR, NULL),
    FEED(FC_XM_USER_COMMENT, user_comment, K_STR, NULL),
    FEED(FC_XM_DESCRIPTION_TEXT, description_text, K_STR, NULL),
    /* a post's flags and count */
    POST(FC_XM_ID_IS_PERMALINK, id_is_permalink, K_TRI, NULL),
    POST(FC_XM_COMMENT_COUNT, comment_count, K_I64, NULL), POST(FC_XM_DRAFT, draft, K_FLAG, NULL),
    /* texts */
    BOTH(FC_XM_TITLE, title, K_OBJECT, &text_shape),
    BOTH(FC_XM_RIGHTS, rights, K_OBJECT, &text_shape),
    FEED(FC_XM_SUBTITLE, subtitle, K_OBJECT, &text_shape),
    POST(FC_XM_SUMMARY, summary, K_OBJECT, &text_shape),
    /* times, lists */
    BOTH(FC_XM_PUBLISHED, published, K_TIME, NULL), BOTH(FC_XM_UPDATED, updated, K_TIME, NULL),
    BOTH(FC_XM_AUTHORS, authors, K_LIST, &person_shape),
    BOTH(FC_XM_CONTRIBUTORS, contributors, K_LIST, &person_shape),
    BOTH(FC_XM_CATEGORIES, categories, K_LIST, &tag_shape),
    BOTH(FC_XM_LINKS, links, K_LIST, &link_shape), BOTH(FC_XM_EXTS, exts, K_EXTS, NULL),
    POST(FC_XM_ATTACHMENTS, attachments, K_LIST, &media_shape),
    POST(FC_XM_SOURCE, source, K_REF, &source_shape),
    /* a feed's RSS-born data */
    FEED(FC_XM_GENERATOR, generator, K_OBJECT, &generator_shape),
    FEED(FC_XM_EDITOR, editor, K_OBJECT, &person_shape),
    FEED(FC_XM_WEBMASTER, webmaster, K_OBJECT, &person_shape),
    FEED(FC_XM_IMAGE, image, K_OBJECT, &image_shape),
    FEED(FC_XM_IMAGE_DETAILS, image, K_OBJECT, &image_rest_shape),
    FEED(FC_XM_TTL, ttl, K_INT, NULL), FEED(FC_XM_EXPIRED, expired, K_TRI, NULL),
    FEED(FC_XM_HUBS, hubs, K_LIST, &hub_shape), FEED(FC_XM_CLOUD, cloud, K_OBJECT, &cloud_shape),
    FEED(FC_XM_SKIP_HOURS, skip_hours, K_SKIP_HOURS, NULL),
    FEED(FC_XM_SKIP_DAYS, skip_days, K_SKIP_DAYS, NULL),
    FEED(FC_XM_TEXT_INPUT, text_input, K_OBJECT, &text_input_shape),
    /* a site's */
    POST(FC_XM_KIND, kind, K_STR, NULL), POST(FC_XM_PARENT_ID, parent_id, K_STR, NULL),
    POST(FC_XM_WEIGHT, weight, K_NZINT, NULL), POST(FC_XM_PRIVATE_POST, private_post, K_FLAG, NULL),
    POST(FC_XM_STICKY, sticky, K_FLAG, NULL), POST(FC_XM_EXPIRES, expires, K_TIME, NULL),
    POST(FC_XM_ALIASES, aliases, K_STRS, NULL), POST(FC_XM_COMMENTS, comments, K_LIST, &comment_shape),
    FEED(FC_XM_MENUS, menus, K_LIST, &menu_shape), FEED(FC_XM_TIME_ZONE, time_zone, K_STR, NULL),
    /* podcasts and media */
    FEED(FC_XM_PODCAST, podcast, K_OBJECT, &podcast_shape),
    POST(FC_XM_EPISODE, episode, K_OBJECT, &episode_shape),
    POST(FC_XM_MEDIA, media, K_REF, &meta_shape),
    POST(FC_XM_MEDIA_GROUPS, media_groups, K_LIST, &group_shape),
};
/* clang-format on */
_Static_assert(sizeof members / sizeof members[0] == FC_XM_MEDIA_GROUPS + 1, "a member per name");

const char *fc_extcodec_member_key(enum fc_extcodec_member m)
{
    return members[m].key;
}

/* Member id as a field of the struct whose offsets are `post` or not;
 * false when the struct has no such field. */
static bool member_field(enum fc_extcodec_member id, bool post, struct field *f)
{
    const struct member *m = &members[id];
    unsigned short off = post ? m->post : m->feed;
    *f = (struct field){m->key, m->kind, off, m->sub, NULL};
    return off != 0;
}

/* ==================================================================== */
/* Writing                                                              */

void fc_extcodec_enc_init(struct fc_extcodec_enc *x, struct fc_sticky *st, const char *what)
{
    memset(x, 0, sizeof *x);
    x->st = st;
    x->what = what;
    fc_buf_init(&x->tmp);
}

void fc_extcodec_enc_free(struct fc_extcodec_enc *x)
{
    fc_buf_free(&x->tmp);
}

struct fc_extcodec_out fc_extcodec_tree(json_t *container)
{
    return (struct fc_extcodec_out){container, NULL};
}

struct fc_extcodec_out fc_extcodec_text_out(struct fc_json_writer *w)
{
    return (struct fc_extcodec_out){NULL, w};
}

/* v, made by jansson, into the tree at key (NULL: appended); taken. */
static void tree_add(struct fc_extcodec_enc *x, json_t *c, const char *key, json_t *v)
{
    if (!v)
        fc_sticky_nomem(x->st); /* jansson only fails for want of memory */
    else if ((key ? json_object_set_new(c, key, v) : json_array_append_new(c, v)) != 0)
        fc_sticky_nomem(x->st); /* takes v, also when it fails */
}

/* s[0..*n) as valid UTF-8: itself, or repaired into x->tmp with a
 * warning; NULL on ENOMEM (recorded). */
static const char *valid(struct fc_extcodec_enc *x, const char *s, size_t *n)
{
    if (fc_utf8_valid(s, *n))
        return s;
    fc_buf_reset(&x->tmp);
    fc_utf8_repair(&x->tmp, s, *n);
    fc_sticky_warn(x->st, 0, 0, "%s: invalid UTF-8 replaced by U+FFFD", x->what);
    if (x->tmp.oom) {
        fc_sticky_nomem(x->st);
        return NULL;
    }
    *n = x->tmp.len;
    return x->tmp.data;
}

void fc_extcodec_put_str(struct fc_extcodec_enc *x, struct fc_extcodec_out *o, const char *key,
                         const char *s)
{
    if (!s)
        return;
    size_t n = strlen(s);
    if (o->text && fc_json_str_utf8(o->text, key, s, n))
        return;
    if (!(s = valid(x, s, &n)))
        return;
    if (o->text)
        fc_json_str(o->text, key, s, n);
    else
        tree_add(x, o->tree, key, json_stringn_nocheck(s, n));
}

static void put_int(struct fc_extcodec_enc *x, struct fc_extcodec_out *o, const char *key,
                    int64_t v)
{
    if (v < 0)
        return;
    if (o->text)
        fc_json_int(o->text, key, (long long)v);
    else
        tree_add(x, o->tree, key, json_integer((json_int_t)v));
}

static void put_bool(struct fc_extcodec_enc *x, struct fc_extcodec_out *o, const char *key, bool v)
{
    if (o->text)
        fc_json_raw(o->text, key, v ? "true" : "false");
    else
        tree_add(x, o->tree, key, json_boolean(v));
}

void fc_extcodec_put_true(struct fc_extcodec_enc *x, struct fc_extcodec_out *o, const char *key)
{
    put_bool(x, o, key, true);
}

/* A jansson value v at key; taken. */
static void put_json(struct fc_extcodec_enc *x, struct fc_extcodec_out *o, const char *key,
                     json_t *v)
{
    if (v && o->text) {
        fc_json_value(o->text, key, v);
        json_decref(v);
        return;
    }
    tree_add(x, o->tree, key, v);
}

/* Open a container ('{' or '[') at key: its out in *in, for leave(). */
static void enter(struct fc_extcodec_enc *x, struct fc_extcodec_out *o, const char *key, char kind,
                  struct fc_extcodec_out *in, size_t *mark)
{
    if (o->text) {
        *mark = fc_json_open(o->text, key, kind);
        *in = *o;
        return;
    }
    json_t *c = kind == '{' ? json_object() : json_array();
    tree_add(x, o->tree, key, json_incref(c)); /* the parent and *in share it */
    *in = fc_extcodec_tree(c);
}

static void leave(struct fc_extcodec_out *in, char kind, size_t mark)
{
    if (in->text)
        fc_json_close(in->text, mark, kind == '{' ? '}' : ']', true);
    else
        json_decref(in->tree); /* the parent's reference stays */
}

/* The set bits of `set` (n of them) at key: their numbers, or names. */
static void bits(struct fc_extcodec_enc *x, struct fc_extcodec_out *o, const char *key,
                 uint32_t set, int n, const char *const *names)
{
    if (!set)
        return;
    struct fc_extcodec_out in;
    size_t m;
    enter(x, o, key, '[', &in, &m);
    for (int i = 0; i < n; i++) {
        if (!(set & (UINT32_C(1) << i)))
            continue;
        if (names)
            fc_extcodec_put_str(x, &in, NULL, names[i]);
        else
            put_int(x, &in, NULL, i);
    }
    leave(&in, '[', m);
}

/* Keep the note of a time under key (for fc_extcodec_put_dates). */
static struct fc_extcodec_note *note(struct fc_extcodec_enc *x, const char *key)
{
    if (x->nnotes == sizeof x->notes / sizeof x->notes[0])
        return NULL; /* a format notes a few times per object */
    struct fc_extcodec_note *n = &x->notes[x->nnotes++];
    *n = (struct fc_extcodec_note){key, NULL, NULL, NULL};
    return n;
}

const char *fc_extcodec_time(struct fc_extcodec_enc *x, const struct fc_time *t, const char *key,
                             const char *note_key, char *buf)
{
    struct fc_extcodec_note *n;
    if (!fc_time_present(t))
        return NULL;
    if (t->precision == FC_TIME_NONE) {
        if ((n = note(x, note_key)))
            n->raw = t->raw;
        return NULL;
    }
    struct fc_time c = *t; /* completed: seconds and an offset */
    if (c.precision < FC_TIME_SECOND) {
        c.precision = FC_TIME_SECOND;
        c.month = c.month ? c.month : 1;
        c.day = c.day ? c.day : 1;
    }
    if (c.zone == FC_ZONE_NONE || c.zone == FC_ZONE_NAME)
        c.zone = FC_ZONE_OFFSET;
    if (fc_time_rfc3339(&c, buf, FC_EXTCODEC_TIME_MAX) == 0) {
        fc_sticky_warn(x->st, 0, 0, "%s: %s cannot be written as RFC 3339; kept as text", x->what,
                       key);
        if (t->raw && (n = note(x, note_key)))
            n->raw = t->raw;
        return NULL;
    }
    bool zoned = t->zone != FC_ZONE_NONE && t->zone != FC_ZONE_NAME;
    if (t->precision >= FC_TIME_SECOND && zoned)
        return buf;
    if ((n = note(x, note_key))) {
        n->precision = t->precision < FC_TIME_SECOND ? precision_names[t->precision] : NULL;
        n->zone = zoned ? NULL : zone_names[t->zone];
    }
    return buf;
}

void fc_extcodec_put_dates(struct fc_extcodec_enc *x, struct fc_extcodec_out *o)
{
    if (!x->nnotes)
        return;
    struct fc_extcodec_out dates, in;
    size_t md, m;
    enter(x, o, "dates", '{', &dates, &md);
    for (size_t i = 0; i < x->nnotes; i++) {
        const struct fc_extcodec_note *n = &x->notes[i];
        enter(x, &dates, n->key, '{', &in, &m);
        fc_extcodec_put_str(x, &in, "raw", n->raw);
        fc_extcodec_put_str(x, &in, "precision", n->precision);
        fc_extcodec_put_str(x, &in, "zone", n->zone);
        leave(&in, '{', m);
    }
    leave(&dates, '{', md);
    x->nnotes = 0;
}

json_t *fc_extcodec_json_value(struct fc_extcodec_enc *x, const char *s)
{
    if (!s)
        return NULL;
    json_error_t e;
    bool nomem;
    json_t *v = fc_json_load(s, strlen(s), JSON_DECODE_ANY, &e, &nomem);
    if (nomem)
        fc_sticky_nomem(x->st);
    return v;
}

static void put_fields(struct fc_extcodec_enc *x, struct fc_extcodec_out *o, const void *obj,
                       const struct field *f, size_t n);

static void object(struct fc_extcodec_enc *x, struct fc_extcodec_out *o, const char *key,
                   const struct shape *sh, const void *obj)
{
    struct fc_extcodec_out in;
    size_t m;
    enter(x, o, key, '{', &in, &m);
    put_fields(x, &in, obj, sh->fields, sh->n);
    leave(&in, '{', m);
}

static void ext(struct fc_extcodec_enc *x, struct fc_extcodec_out *o, const struct fc_ext *e,
                unsigned depth)
{
    if (e->kind == FC_EXT_XML && !e->name) {
        fc_extcodec_put_str(x, o, NULL, e->value ? e->value : "");
        return;
    }
    static const struct field json_ext[] = {
        {"name", K_STR, offsetof(struct fc_ext, name), NULL, NULL},
        {"origin", K_STR, offsetof(struct fc_ext, origin), NULL, NULL},
    };
    static const struct field xml_ext[] = {
        {"name", K_STR, offsetof(struct fc_ext, name), NULL, NULL},
        {"ns", K_STR, offsetof(struct fc_ext, ns), NULL, NULL},
        {"prefix", K_STR, offsetof(struct fc_ext, prefix), NULL, NULL},
        {"value", K_STR, offsetof(struct fc_ext, value), NULL, NULL},
        {"origin", K_STR, offsetof(struct fc_ext, origin), NULL, NULL},
        {"attrs", K_LIST, offsetof(struct fc_ext, attrs), &attr_shape, NULL},
    };
    struct fc_extcodec_out in;
    size_t m;
    enter(x, o, NULL, '{', &in, &m);
    if (e->kind == FC_EXT_JSON) {
        fc_extcodec_put_str(x, &in, "kind", "json");
        put_fields(x, &in, e, json_ext, 2);
        json_t *v = fc_extcodec_json_value(x, e->value);
        if (v)
            put_json(x, &in, "value", v);
        else
            fc_extcodec_put_str(x, &in, "text", e->value);
    } else {
        put_fields(x, &in, e, xml_ext, 6);
        if (depth >= FC_EXTCODEC_MAX_DEPTH && e->children.first) {
            fc_sticky_warn(x->st, 0, 0,
                           "%s: extension <%s> nested too deep; its children were dropped", x->what,
                           e->name);
        } else if (e->children.first) {
            struct fc_extcodec_out kids;
            size_t mk;
            enter(x, &in, "children", '[', &kids, &mk);
            for (const struct fc_ext *c = e->children.first; c; c = c->next)
                ext(x, &kids, c, depth + 1);
            leave(&kids, '[', mk);
        }
    }
    leave(&in, '{', m);
}

void fc_extcodec_put_ext(struct fc_extcodec_enc *x, struct fc_extcodec_out *o,
                         const struct fc_ext *e)
{
    ext(x, o, e, 0);
}

void fc_extcodec_put_exts(struct fc_extcodec_enc *x, struct fc_extcodec_out *o,
                          const struct fc_list *l, bool (*skip)(const struct fc_ext *e))
{
    const struct fc_ext *e = l->first;
    while (e && skip && skip(e))
        e = e->next;
    if (!e)
        return;
    struct fc_extcodec_out in;
    size_t m;
    enter(x, o, "exts", '[', &in, &m);
    for (; e; e = e->next)
        if (!skip || !skip(e))
            ext(x, &in, e, 0);
    leave(&in, '[', m);
}

void fc_extcodec_put_tag(struct fc_extcodec_enc *x, struct fc_extcodec_out *o,
                         const struct fc_tag *t)
{
    object(x, o, NULL, &tag_shape, t);
}

void fc_extcodec_put_text(struct fc_extcodec_enc *x, struct fc_extcodec_out *o, const char *key,
                          const struct fc_text *t)
{
    object(x, o, key, &text_shape, t);
}

/* Would field f of obj be written? */
static bool present(const void *obj, const struct field *f)
{
    const void *p = (const char *)obj + f->offset;
    switch ((enum kind)f->kind) {
    case K_STR:
        return *(const char *const *)p != NULL;
    case K_TRI:
        return *(const int *)p >= 0;
    case K_FLAG:
        return *(const int *)p > 0;
    case K_I64:
        return *(const int64_t *)p >= 0;
    case K_INT:
        return *(const int *)p >= 0;
    case K_REAL:
        return *(const double *)p >= 0;
    case K_TIME:
        return fc_time_present(p);
    case K_OBJECT:
        for (size_t i = 0; i < f->sub->n; i++)
            if (present(p, &f->sub->fields[i]))
                return true;
        return false;
    case K_REF:
        return *(const void *const *)p != NULL;
    case K_LIST:
    case K_EXTS:
        return ((const struct fc_list *)p)->first != NULL;
    case K_SKIP_HOURS:
        return *(const uint32_t *)p != 0;
    case K_SKIP_DAYS:
        return *(const uint8_t *)p != 0;
    case K_NZINT:
        return *(const int *)p != 0;
    case K_STAMP:
        return fc_time_present(p);
    case K_STRS:
        return ((const struct fc_list *)p)->first != NULL;
    case K_CKIND:
        return *(const enum fc_comment_kind *)p != FC_COMMENT_REPLY;
    case K_MTEXT:
        return ((const struct fc_text *)p)->value != NULL;
    case K_MKIND:
        return *(const enum fc_media_kind *)p != FC_MEDIA_ENCLOSURE;
    case K_GROUP:
        return *(const unsigned *)p != 0;
    case K_TEXT_TYPE:
        break;
    }
    return false; /* the type of a text says nothing by itself */
}

/* Field f of obj at its key, when present. */
static void put_field(struct fc_extcodec_enc *x, struct fc_extcodec_out *o, const void *obj,
                      const struct field *f)
{
    const void *p = (const char *)obj + f->offset;
    const char *key = f->key;
    char buf[FC_EXTCODEC_TIME_MAX];
    if (f->kind != K_TEXT_TYPE && !present(obj, f))
        return;
    switch ((enum kind)f->kind) {
    case K_STR:
        fc_extcodec_put_str(x, o, key, *(const char *const *)p);
        break;
    case K_TRI:
    case K_FLAG:
        put_bool(x, o, key, *(const int *)p > 0);
        break;
    case K_I64:
        put_int(x, o, key, *(const int64_t *)p);
        break;
    case K_INT:
        put_int(x, o, key, *(const int *)p);
        break;
    case K_REAL:
        put_json(x, o, key, json_real(*(const double *)p));
        break;
    case K_TEXT_TYPE:
        fc_extcodec_put_str(x, o, key, fc_extcodec_text_type_name(*(const enum fc_text_type *)p));
        break;
    case K_TIME:
        fc_extcodec_put_str(x, o, key,
                            fc_extcodec_time(x, p, key, f->note_key ? f->note_key : key, buf));
        break;
    case K_OBJECT:
        object(x, o, key, f->sub, p);
        break;
    case K_REF:
        object(x, o, key, f->sub, *(const void *const *)p);
        break;
    case K_LIST: {
        struct fc_extcodec_out in;
        size_t m;
        enter(x, o, key, '[', &in, &m);
        for (const void *e = ((const struct fc_list *)p)->first; e; e = *(const void *const *)e)
            object(x, &in, NULL, f->sub, e); /* every element starts with its next */
        leave(&in, '[', m);
        break;
    }
    case K_EXTS:
        fc_extcodec_put_exts(x, o, p, NULL);
        break;
    case K_SKIP_HOURS:
        bits(x, o, key, *(const uint32_t *)p, 24, NULL);
        break;
    case K_SKIP_DAYS:
        bits(x, o, key, *(const uint8_t *)p, 7, day_names);
        break;
    case K_NZINT:
        if (o->text)
            fc_json_int(o->text, key, (long long)*(const int *)p);
        else
            tree_add(x, o->tree, key, json_integer(*(const int *)p));
        break;
    case K_STAMP: {
        const struct fc_time *t = p;
        fc_extcodec_put_str(x, o, key,
                            t->precision == FC_TIME_NONE          ? t->raw
                            : fc_time_rfc3339(t, buf, sizeof buf) ? buf
                                                                  : t->raw);
        break;
    }
    case K_STRS: {
        struct fc_extcodec_out in;
        size_t m;
        enter(x, o, key, '[', &in, &m);
        for (const struct fc_alias *e = ((const struct fc_list *)p)->first; e; e = e->next)
            fc_extcodec_put_str(x, &in, NULL, e->url); /* the element's string follows next */
        leave(&in, '[', m);
        break;
    }
    case K_CKIND:
        fc_extcodec_put_str(x, o, key, comment_kinds[*(const enum fc_comment_kind *)p % 3]);
        break;
    case K_MTEXT:
        if (((const struct fc_text *)p)->type == FC_TEXT)
            fc_extcodec_put_str(x, o, key, ((const struct fc_text *)p)->value);
        else
            object(x, o, key, &text_shape, p);
        break;
    case K_MKIND:
        fc_extcodec_put_str(x, o, key, media_kinds[*(const enum fc_media_kind *)p % 3]);
        break;
    case K_GROUP:
        put_int(x, o, key, *(const unsigned *)p);
        break;
    }
}

static void put_fields(struct fc_extcodec_enc *x, struct fc_extcodec_out *o, const void *obj,
                       const struct field *f, size_t n)
{
    for (size_t i = 0; i < n; i++)
        put_field(x, o, obj, &f[i]);
}

static void put_members(struct fc_extcodec_enc *x, struct fc_extcodec_out *o, const void *obj,
                        bool post, const enum fc_extcodec_member *m, size_t n)
{
    struct field f;
    for (size_t i = 0; i < n; i++)
        if (member_field(m[i], post, &f))
            put_field(x, o, obj, &f);
}

void fc_extcodec_put_feed(struct fc_extcodec_enc *x, struct fc_extcodec_out *o,
                          const struct fc_feed *f, const enum fc_extcodec_member *m, size_t n)
{
    put_members(x, o, f, false, m, n);
}

void fc_extcodec_put_post(struct fc_extcodec_enc *x, struct fc_extcodec_out *o,
                          const struct fc_post *p, const enum fc_extcodec_member *m, size_t n)
{
    put_members(x, o, p, true, m, n);
}

/* ==================================================================== */
/* Reading                                                              */

static void set(struct fc_extcodec_dec *d, const char **field, const char *s)
{
    if (s && fc_set(d->a, field, s) != FC_OK)
        fc_sticky_nomem(d->st);
}

json_t *fc_extcodec_get(struct fc_extcodec_dec *d, const json_t *o, const char *key, json_type want)
{
    json_t *v = o ? json_object_get(o, key) : NULL;
    if (!v || json_is_null(v))
        return NULL;
    if (json_typeof(v) == want || (want == JSON_TRUE && json_is_boolean(v)) ||
        (want == JSON_REAL && json_is_number(v)))
        return v;
    fc_sticky_warn(d->st, d->line, d->column, "%s: \"%s\" is %s; ignored", d->where, key,
                   fc_json_type_name(v));
    return NULL;
}

void fc_extcodec_dec_begin(struct fc_extcodec_dec *d, const json_t *o)
{
    d->dates = fc_extcodec_get(d, o, "dates", JSON_OBJECT);
}

void fc_extcodec_get_str(struct fc_extcodec_dec *d, const json_t *o, const char *key,
                         const char **field)
{
    json_t *v = fc_extcodec_get(d, o, key, JSON_STRING);
    if (v)
        set(d, field, json_string_value(v));
}

bool fc_extcodec_get_true(struct fc_extcodec_dec *d, const json_t *o, const char *key)
{
    return json_is_true(fc_extcodec_get(d, o, key, JSON_TRUE));
}

/* An element of list `key` of the wrong shape. */
static void drop(struct fc_extcodec_dec *d, const char *key, const json_t *v)
{
    fc_sticky_warn(d->st, d->line, d->column, "%s: an element of \"%s\" is %s; dropped", d->where,
                   key, fc_json_type_name(v));
}

static void apply_note(struct fc_extcodec_dec *d, const json_t *note, struct fc_time *t)
{
    if (!json_is_object(note))
        return;
    json_t *raw = fc_extcodec_get(d, note, "raw", JSON_STRING);
    if (raw && !fc_time_present(t))
        set(d, &t->raw, json_string_value(raw));
    if (t->precision == FC_TIME_NONE)
        return;
    json_t *p = fc_extcodec_get(d, note, "precision", JSON_STRING);
    int i = p ? name_index(precision_names, 7, json_string_value(p)) : -1;
    if (i > 0)
        t->precision = (unsigned char)i;
    json_t *z = fc_extcodec_get(d, note, "zone", JSON_STRING);
    i = z ? name_index(zone_names, 4, json_string_value(z)) : -1;
    if (i >= 0) {
        t->zone = (unsigned char)i;
        if (i == FC_ZONE_NONE)
            t->offset = 0;
    }
}

void fc_extcodec_get_time(struct fc_extcodec_dec *d, const char *text, const char *key,
                          const char *note_key, struct fc_time *t)
{
    if (text) {
        enum fc_status st = fc_time_parse_keep(d->a, text, t);
        if (st == FC_EPARSE)
            fc_sticky_warn(d->st, d->line, d->column, "%s.%s: unparsable date \"%s\"; kept as text",
                           d->where, key, text);
        else if (st != FC_OK)
            fc_sticky_nomem(d->st);
    }
    apply_note(d, d->dates ? json_object_get(d->dates, note_key) : NULL, t);
}

static void get_fields(struct fc_extcodec_dec *d, const json_t *o, void *obj, const struct field *f,
                       size_t n);

/* The numbers of obj (shape sh, nested objects too) unknown: -1. */
static void unknown(void *obj, const struct shape *sh)
{
    for (size_t i = 0; i < sh->n; i++) {
        const struct field *f = &sh->fields[i];
        void *p = (char *)obj + f->offset;
        if (f->kind == K_I64)
            *(int64_t *)p = -1;
        else if (f->kind == K_INT || f->kind == K_TRI)
            *(int *)p = -1;
        else if (f->kind == K_REAL)
            *(double *)p = -1;
        else if (f->kind == K_OBJECT)
            unknown(p, f->sub);
    }
}

/* The keys of object v (at key) that closed shape sh has no field for:
 * nothing takes them, so each is warned about. */
static void other_keys(struct fc_extcodec_dec *d, const json_t *v, const char *key,
                       const struct shape *sh)
{
    const char *k;
    json_t *val;
    if (!sh->closed || !json_is_object(v))
        return;
    json_object_foreach((json_t *)v, k, val)
    {
        size_t i = 0;
        while (i < sh->n && strcmp(sh->fields[i].key, k) != 0)
            i++;
        if (i == sh->n)
            fc_sticky_warn(d->st, d->line, d->column,
                           "%s: \"%s\" has no key \"%s\" (it has no place in the model); dropped",
                           d->where, key, k);
    }
}

/* A new struct of shape sh, numbers unknown (-1), filled from object v at
 * key (or from a string, for a shape that takes one); NULL on ENOMEM. */
static void *get_new(struct fc_extcodec_dec *d, const json_t *v, const char *key,
                     const struct shape *sh, struct fc_list *l)
{
    void *obj = l ? fc_list_add(d->a, l, sh->size) : fc_alloc(d->a, sh->size);
    if (!obj) {
        fc_sticky_nomem(d->st);
        return NULL;
    }
    unknown(obj, sh);
    if (json_is_string(v))
        set(d, (const char **)((char *)obj + sh->fields[0].offset), json_string_value(v));
    else
        get_fields(d, v, obj, sh->fields, sh->n);
    other_keys(d, v, key, sh);
    return obj;
}

/* The elements of array a (or a alone, when one_ok) into list l; nulls
 * are nothing, elements of another shape are dropped with a warning. */
static void get_elements(struct fc_extcodec_dec *d, const json_t *a, const char *key,
                         const struct shape *sh, struct fc_list *l, bool one_ok)
{
    size_t n = json_is_array(a) ? json_array_size(a) : one_ok ? 1 : 0;
    for (size_t i = 0; i < n && fc_sticky_ok(d->st); i++) {
        const json_t *v = json_is_array(a) ? json_array_get(a, i) : a;
        if (json_is_object(v) || (sh->from_string && json_is_string(v)))
            get_new(d, v, key, sh, l);
        else if (!json_is_null(v))
            drop(d, key, v);
    }
}

void fc_extcodec_get_persons(struct fc_extcodec_dec *d, const json_t *v, const char *what,
                             struct fc_list *l)
{
    get_elements(d, v, what, &person_shape, l, true);
}

void fc_extcodec_get_tag(struct fc_extcodec_dec *d, const json_t *v, struct fc_tag *t)
{
    get_fields(d, v, t, tag_fields, tag_shape.n);
}

static struct fc_ext *get_ext(struct fc_extcodec_dec *d, const json_t *v, unsigned depth);

static void get_exts(struct fc_extcodec_dec *d, const json_t *a, struct fc_list *l, unsigned depth)
{
    size_t i;
    json_t *v;
    json_array_foreach(a, i, v)
    {
        struct fc_ext *e = get_ext(d, v, depth);
        if (e)
            fc_list_append(l, e);
        if (!fc_sticky_ok(d->st))
            return;
    }
}

/* The inverse of ext(). */
static struct fc_ext *get_ext(struct fc_extcodec_dec *d, const json_t *v, unsigned depth)
{
    if (!json_is_string(v) && !json_is_object(v)) {
        fc_sticky_warn(d->st, d->line, d->column, "%s: %s extension is %s; ignored", d->where,
                       d->name, fc_json_type_name(v));
        return NULL;
    }
    struct fc_ext *e = fc_alloc(d->a, sizeof *e);
    if (!e) {
        fc_sticky_nomem(d->st);
        return NULL;
    }
    e->kind = FC_EXT_XML;
    if (json_is_string(v)) {
        set(d, &e->value, json_string_value(v));
        return e;
    }
    json_t *kind = fc_extcodec_get(d, v, "kind", JSON_STRING);
    fc_extcodec_get_str(d, v, "name", &e->name);
    fc_extcodec_get_str(d, v, "origin", &e->origin);
    if (kind && strcmp(json_string_value(kind), "json") == 0) {
        e->kind = FC_EXT_JSON;
        json_t *val = json_object_get(v, "value");
        if (val && !(e->value = fc_json_dump(d->a, val, FC_JSON_COMPACT)))
            fc_sticky_nomem(d->st);
        else if (!val)
            fc_extcodec_get_str(d, v, "text", &e->value);
        return e;
    }
    fc_extcodec_get_str(d, v, "ns", &e->ns);
    fc_extcodec_get_str(d, v, "prefix", &e->prefix);
    fc_extcodec_get_str(d, v, "value", &e->value);
    get_elements(d, fc_extcodec_get(d, v, "attrs", JSON_ARRAY), "attrs", &attr_shape, &e->attrs,
                 false);
    json_t *kids = fc_extcodec_get(d, v, "children", JSON_ARRAY);
    if (depth >= FC_EXTCODEC_MAX_DEPTH && json_array_size(kids))
        fc_sticky_warn(d->st, d->line, d->column,
                       "%s: extension <%s> nested too deep; its children were dropped", d->where,
                       e->name ? e->name : "");
    else
        get_exts(d, kids, &e->children, depth + 1);
    return e;
}

/* The bits named (or numbered, 0 .. n-1) in array a. */
static uint32_t get_bits(const json_t *a, int n, const char *const *names)
{
    uint32_t set = 0;
    size_t i;
    json_t *v;
    json_array_foreach(a, i, v)
    {
        json_int_t b = json_is_integer(v) ? json_integer_value(v)
                       : json_is_string(v) && names
                           ? name_index(names, (size_t)n, json_string_value(v))
                           : -1;
        if (b >= 0 && b < n)
            set |= UINT32_C(1) << b;
    }
    return set;
}

/* The strings of array a as a new list l of aliases (the strings-list
 * kind: struct fc_alias is {next, url}); others dropped with a warning. */
static void get_strings(struct fc_extcodec_dec *d, const json_t *a, const char *key,
                        struct fc_list *l)
{
    size_t i;
    json_t *v;
    *l = (struct fc_list){0};
    json_array_foreach(a, i, v)
    {
        if (!json_is_string(v)) {
            drop(d, key, v);
            continue;
        }
        struct fc_alias *e = fc_list_add(d->a, l, sizeof *e);
        if (!e) {
            fc_sticky_nomem(d->st);
            return;
        }
        set(d, &e->url, json_string_value(v));
    }
}

static const json_type field_type[] = {
    [K_STR] = JSON_STRING,       [K_TRI] = JSON_TRUE,        [K_FLAG] = JSON_TRUE,
    [K_I64] = JSON_INTEGER,      [K_INT] = JSON_INTEGER,     [K_REAL] = JSON_REAL,
    [K_TEXT_TYPE] = JSON_STRING, [K_TIME] = JSON_STRING,     [K_OBJECT] = JSON_OBJECT,
    [K_REF] = JSON_OBJECT,       [K_LIST] = JSON_ARRAY,      [K_EXTS] = JSON_ARRAY,
    [K_SKIP_HOURS] = JSON_ARRAY, [K_SKIP_DAYS] = JSON_ARRAY, [K_NZINT] = JSON_INTEGER,
    [K_STAMP] = JSON_STRING,     [K_STRS] = JSON_ARRAY,      [K_CKIND] = JSON_STRING,
    [K_MTEXT] = JSON_STRING,     [K_MKIND] = JSON_STRING,    [K_GROUP] = JSON_INTEGER,
};

/* Field f of o into obj. */
static void get_field(struct fc_extcodec_dec *d, const json_t *o, void *obj, const struct field *f)
{
    void *p = (char *)obj + f->offset;
    if (f->kind == K_MTEXT && json_is_object(json_object_get(o, f->key))) {
        struct fc_text *t = p; /* the text object's form: all in it */
        *t = (struct fc_text){NULL, FC_TEXT};
        get_fields(d, json_object_get(o, f->key), t, text_shape.fields, text_shape.n);
        other_keys(d, json_object_get(o, f->key), f->key, &text_closed_shape);
        return;
    }
    json_t *v = fc_extcodec_get(d, o, f->key, field_type[f->kind]);
    json_int_t n = json_is_integer(v) ? json_integer_value(v) : 0;
    switch ((enum kind)f->kind) {
    case K_STR:
        if (v)
            set(d, p, json_string_value(v));
        break;
    case K_TRI:
        if (v)
            *(int *)p = json_is_true(v);
        break;
    case K_FLAG:
        if (json_is_true(v))
            *(int *)p = 1;
        break;
    case K_I64:
        if (v)
            *(int64_t *)p = (int64_t)n;
        break;
    case K_INT:
        if (v)
            *(int *)p = n >= -1 && n <= 0x7fffffff ? (int)n : -1;
        break;
    case K_REAL:
        if (v)
            *(double *)p = json_number_value(v);
        break;
    case K_TEXT_TYPE:
        *(enum fc_text_type *)p = fc_extcodec_text_type(json_string_value(v));
        break;
    case K_TIME:
        fc_extcodec_get_time(d, json_string_value(v), f->key, f->note_key ? f->note_key : f->key,
                             p);
        break;
    case K_OBJECT:
        if (v && f->sub == &text_shape)
            ((struct fc_text *)p)->value = NULL; /* the text is all in v */
        if (v)
            get_fields(d, v, p, f->sub->fields, f->sub->n);
        other_keys(d, v, f->key, f->sub);
        break;
    case K_REF:
        if (v)
            *(void **)p = get_new(d, v, f->key, f->sub, NULL);
        break;
    case K_LIST:
        if (v) {
            *(struct fc_list *)p = (struct fc_list){0};
            get_elements(d, v, f->key, f->sub, p, false);
        }
        break;
    case K_EXTS:
        get_exts(d, v, p, 0);
        break;
    case K_SKIP_HOURS:
        *(uint32_t *)p |= get_bits(v, 24, NULL);
        break;
    case K_SKIP_DAYS:
        *(uint8_t *)p |= (uint8_t)get_bits(v, 7, day_names);
        break;
    case K_NZINT:
        if (v)
            *(int *)p = n >= INT_MIN && n <= INT_MAX ? (int)n : 0;
        break;
    case K_STAMP:
        if (v && fc_time_parse_keep(d->a, json_string_value(v), p) == FC_ENOMEM)
            fc_sticky_nomem(d->st);
        break;
    case K_STRS:
        if (v)
            get_strings(d, v, f->key, p);
        break;
    case K_CKIND:
        if (v) {
            int k = name_index(comment_kinds, 3, json_string_value(v));
            *(enum fc_comment_kind *)p = k > 0 ? (enum fc_comment_kind)k : FC_COMMENT_REPLY;
        }
        break;
    case K_MTEXT:
        if (v) {
            set(d, &((struct fc_text *)p)->value, json_string_value(v));
            ((struct fc_text *)p)->type = FC_TEXT;
        }
        break;
    case K_MKIND:
        if (v) {
            int k = name_index(media_kinds, 3, json_string_value(v));
            if (k < 0)
                fc_sticky_warn(d->st, d->line, d->column,
                               "%s: \"%s\" \"%s\" is not enclosure, content or alternate; an "
                               "enclosure is kept",
                               d->where, f->key, json_string_value(v));
            *(enum fc_media_kind *)p = k > 0 ? (enum fc_media_kind)k : FC_MEDIA_ENCLOSURE;
        }
        break;
    case K_GROUP:
        if (v)
            *(unsigned *)p = n > 0 && n <= INT_MAX ? (unsigned)n : 0;
        break;
    }
}

static void get_fields(struct fc_extcodec_dec *d, const json_t *o, void *obj, const struct field *f,
                       size_t n)
{
    for (size_t i = 0; o && i < n; i++)
        get_field(d, o, obj, &f[i]);
}

static void get_members(struct fc_extcodec_dec *d, const json_t *o, void *obj, bool post,
                        const enum fc_extcodec_member *m, size_t n)
{
    struct field f;
    for (size_t i = 0; o && i < n; i++)
        if (member_field(m[i], post, &f))
            get_field(d, o, obj, &f);
}

/* v as the value of member m of obj. */
static void get_value(struct fc_extcodec_dec *d, const json_t *v, void *obj, bool post,
                      enum fc_extcodec_member m)
{
    struct field f;
    json_t *o = json_object();
    if (!o || json_object_set(o, members[m].key, (json_t *)v) != 0)
        fc_sticky_nomem(d->st);
    else if (member_field(m, post, &f))
        get_field(d, o, obj, &f);
    json_decref(o);
}

void fc_extcodec_get_feed_value(struct fc_extcodec_dec *d, const json_t *v, struct fc_feed *f,
                                enum fc_extcodec_member m)
{
    get_value(d, v, f, false, m);
}

void fc_extcodec_get_post_value(struct fc_extcodec_dec *d, const json_t *v, struct fc_post *p,
                                enum fc_extcodec_member m)
{
    get_value(d, v, p, true, m);
}

void fc_extcodec_get_feed(struct fc_extcodec_dec *d, const json_t *o, struct fc_feed *f,
                          const enum fc_extcodec_member *m, size_t n)
{
    get_members(d, o, f, false, m, n);
}

void fc_extcodec_get_post(struct fc_extcodec_dec *d, const json_t *o, struct fc_post *p,
                          const enum fc_extcodec_member *m, size_t n)
{
    get_members(d, o, p, true, m, n);
}

/* ==================================================================== */
/* As JSON text                                                         */

static char *members_json(struct fc_sticky *st, const char *what, const void *obj, bool post,
                          const enum fc_extcodec_member *m, size_t n)
{
    json_t *o = json_object();
    if (!o) {
        fc_sticky_nomem(st);
        return NULL;
    }
    struct fc_extcodec_enc x;
    struct fc_extcodec_out out = fc_extcodec_tree(o);
    fc_extcodec_enc_init(&x, st, what);
    put_members(&x, &out, obj, post, m, n);
    fc_extcodec_put_dates(&x, &out);
    fc_extcodec_enc_free(&x);
    char *text = NULL;
    if (json_object_size(o) && fc_sticky_ok(st) &&
        !(text = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER)))
        fc_sticky_nomem(st);
    json_decref(o);
    return text;
}

char *fc_extcodec_post_json(struct fc_sticky *st, const char *what, const struct fc_post *p,
                            const enum fc_extcodec_member *m, size_t n)
{
    return members_json(st, what, p, true, m, n);
}

char *fc_extcodec_feed_json(struct fc_sticky *st, const char *what, const struct fc_feed *f,
                            const enum fc_extcodec_member *m, size_t n)
{
    return members_json(st, what, f, false, m, n);
}

static void members_from_json(struct fc_sticky *st, struct fc_arena *a, const char *where,
                              unsigned long line, const char *text, void *obj, bool post,
                              const enum fc_extcodec_member *m, size_t n)
{
    json_error_t e;
    bool nomem = false;
    json_t *o = text ? fc_json_load(text, strlen(text), 0, &e, &nomem) : NULL;
    if (nomem) {
        fc_sticky_nomem(st);
    } else if (!json_is_object(o)) {
        fc_sticky_warn(st, line, 0, "%s: feedconv data that is not a JSON object ignored", where);
    } else {
        struct fc_extcodec_dec d = {st, a, "feedconv", where, line, 0, NULL};
        fc_extcodec_dec_begin(&d, o);
        get_members(&d, o, obj, post, m, n);
    }
    json_decref(o);
}

void fc_extcodec_post_from_json(struct fc_sticky *st, struct fc_arena *a, const char *where,
                                unsigned long line, const char *text, struct fc_post *p,
                                const enum fc_extcodec_member *m, size_t n)
{
    members_from_json(st, a, where, line, text, p, true, m, n);
}

void fc_extcodec_feed_from_json(struct fc_sticky *st, struct fc_arena *a, const char *where,
                                unsigned long line, const char *text, struct fc_feed *f,
                                const enum fc_extcodec_member *m, size_t n)
{
    members_from_json(st, a, where, line, text, f, false, m, n);
}
