/*
 * feedconv.h - convert blog and news feeds between formats.
 *
 * The whole public API: the post model, the format table, streams, the
 * conversion calls and errors.  Readers push into a handler (begin, one
 * post at a time, end); a writer is a handler.  Loading a whole feed is
 * just a handler that collects.
 *
 * Ownership:
 *  1. A feed (or a streamed post) owns everything reachable from it, through
 *     its arena; one call (fc_feed_free / fc_post_free) frees it.
 *  2. Functions that take `const char *` copy; functions that return
 *     `const char *` lend (valid as long as the owner lives).
 *  3. Attach first, fill later: a reader that fails halfway leaves nothing
 *     to clean up beyond the objects it was handed.
 *
 * Errors: every fallible call returns enum fc_status (FC_OK is 0) and fills
 * a caller-owned struct fc_error.  The library never prints, never exits,
 * and keeps no global state; warnings go to fc_options.warn.
 */
#ifndef FEEDCONV_H
#define FEEDCONV_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Everything this header declares is the library's API, and only that is
 * exported by the shared library, which is built with -fvisibility=hidden:
 * a function declared here needs no mark of its own. */
#if defined(__GNUC__) && __GNUC__ >= 4
#pragma GCC visibility push(default)
#endif

#define FC_VERSION "0.1.0"

/* ------------------------------------------------------------------ */
/* Status and errors                                                   */

enum fc_status {
    FC_OK = 0,
    FC_ENOMEM,       /* an allocation failed */
    FC_EIO,          /* reading or writing a file failed */
    FC_EPARSE,       /* the input is not well-formed */
    FC_EFORMAT,      /* well-formed, but not a feed of this format */
    FC_ELIMIT,       /* a safety limit was hit (size, depth, expansion) */
    FC_EUSAGE,       /* the caller asked for something impossible */
    FC_EUNSUPPORTED, /* the format cannot read / write that */
    FC_EEXIST,       /* the output exists and FC_OPT_FORCE was not given */
    FC_EWARN,        /* strict mode: a warning was raised */
};

/* Caller-owned; fixed buffers so that even FC_ENOMEM can be reported. */
struct fc_error {
    enum fc_status code;
    char file[256];       /* input or output name, "" when none */
    unsigned long line;   /* 1-based, 0 when unknown */
    unsigned long column; /* 1-based, 0 when unknown */
    char message[512];
};

/* A short English name for a status ("out of memory", ...). */
const char *fc_status_str(enum fc_status s);

/* ------------------------------------------------------------------ */
/* The model                                                           */

struct fc_arena; /* bump allocator behind a feed or a post (opaque) */

/* A singly linked list; every element struct starts with `next`. */
struct fc_list {
    void *first;
    void *last;
    size_t count;
};

enum fc_text_type {
    FC_TEXT = 0, /* plain text */
    FC_HTML,     /* an HTML fragment */
    FC_XHTML,    /* an XHTML fragment (serialised, wrapper div removed) */
};

/* A text construct; value NULL means absent. */
struct fc_text {
    const char *value;
    enum fc_text_type type;
};

enum fc_time_precision {
    FC_TIME_NONE = 0, /* absent, or unparsable (then raw holds the text) */
    FC_TIME_YEAR,     /* "2024" */
    FC_TIME_MONTH,    /* "2024-01" */
    FC_TIME_DATE,     /* "2024-01-15": a date with no time stays a date */
    FC_TIME_MINUTE,   /* no seconds given */
    FC_TIME_SECOND,
    FC_TIME_FRACTION, /* frac_digits digits of nsec are significant */
};

enum fc_time_zone {
    FC_ZONE_NONE = 0, /* no zone given (floating local time) */
    FC_ZONE_OFFSET,   /* numeric offset, e.g. +05:30 or +0000 */
    FC_ZONE_Z,        /* "Z" */
    FC_ZONE_NAME,     /* a named zone (GMT, EST, military letter, ...) */
};

/* A calendar time as written: the UTC offset and precision are kept. */
struct fc_time {
    int year, month, day;      /* month 1-12, day 1-31 */
    int hour, minute, second;  /* second may be 60 (leap) */
    long nsec;                 /* 0 .. 999999999 */
    int offset;                /* minutes east of UTC */
    unsigned char precision;   /* enum fc_time_precision */
    unsigned char frac_digits; /* 1..9 with FC_TIME_FRACTION */
    unsigned char zone;        /* enum fc_time_zone */
    const char *raw;           /* original text, when it was unparsable */
};

struct fc_person {
    struct fc_person *next;
    const char *name;
    const char *email;
    const char *url;
    const char *avatar;
};

/* A category or tag. */
struct fc_tag {
    struct fc_tag *next;
    const char *term;
    const char *scheme; /* Atom scheme, RSS domain, WordPress taxonomy */
    const char *label;
    const char *slug; /* the term's URL name, when the source has one */
};

/* ---- Podcasts and media ------------------------------------------ */
/*
 * Apple's podcast tags (itunes:*), the Podcasting 2.0 namespace
 * (podcast:*) and Media RSS (media:*, YouTube's media:group) have homes
 * of their own, so that a podcast or a video feed keeps its meaning in
 * every format.  Flags are -1 when absent, else 0 or 1; numbers -1 when
 * unknown; strings NULL.  What these structs do not name stays in the
 * extensions (fc_ext), as before.
 */

/* Media RSS's optional elements, of an item, a media:group or a
 * media:content: media:title, media:description (type "plain" is
 * FC_TEXT, "html" FC_HTML), media:thumbnail, media:player, media:credit;
 * the other media:* elements of a group or a content (community,
 * keywords, rating, ...) are kept in exts. */
struct fc_media_thumbnail {
    struct fc_media_thumbnail *next;
    const char *url;
    int width, height; /* pixels, -1 when unknown */
    const char *time;  /* the NTP time (offset in the media) it shows */
};

struct fc_media_credit {
    struct fc_media_credit *next;
    const char *name;
    const char *role;   /* "producer", "uploader", ... */
    const char *scheme; /* the role's scheme (urn:ebu, urn:yvs, ...) */
};

struct fc_media_meta {
    struct fc_text title;
    struct fc_text description;
    struct fc_list thumbnails; /* struct fc_media_thumbnail */
    const char *player_url;    /* media:player/@url */
    int player_width, player_height;
    struct fc_list credits; /* struct fc_media_credit */
    struct fc_list exts;    /* struct fc_ext: other media:* inside it */
};

/* A media:group: several media:content (fc_media.group names it) that
 * are one thing, and the group's own optional elements. */
struct fc_media_group {
    struct fc_media_group *next;
    struct fc_media_meta meta;
};

/* Where an attachment came from, which is where writers put it back. */
enum fc_media_kind {
    FC_MEDIA_ENCLOSURE = 0, /* RSS enclosure, Atom link rel=enclosure, JSON Feed attachment */
    FC_MEDIA_CONTENT,       /* Media RSS media:content */
    FC_MEDIA_ALTERNATE,     /* Podcasting 2.0 podcast:alternateEnclosure */
};

/* One URI of an alternate enclosure (podcast:source). */
struct fc_media_source {
    struct fc_media_source *next;
    const char *uri;
    const char *type; /* its contentType, when it differs */
};

/* An attachment / enclosure.  Numbers are -1 when unknown.  The duration
 * of an RSS / Atom item (itunes:duration) is its first enclosure's. */
struct fc_media {
    struct fc_media *next;
    const char *url; /* an alternate enclosure: its first source's uri */
    const char *type;
    int64_t length; /* bytes */
    const char *title;
    double duration;         /* seconds */
    enum fc_media_kind kind; /* FC_MEDIA_ENCLOSURE unless said */
    /* FC_MEDIA_CONTENT inside a media:group: the group's 1-based place in
     * fc_post.media_groups; 0 when it stands alone. */
    unsigned group;
    /* Media RSS media:content and Podcasting 2.0 alternateEnclosure
     * attributes. */
    const char *medium;         /* image, audio, video, document, executable */
    int width, height;          /* pixels */
    double bitrate;             /* bits per second (Media RSS writes kbit/s) */
    double framerate;           /* frames per second */
    double samplingrate;        /* kHz */
    int channels;               /* audio channels */
    const char *lang;           /* the language of the media (BCP 47) */
    int is_default;             /* isDefault / default: -1, 0, 1 */
    const char *expression;     /* sample, full, nonstop */
    const char *codecs;         /* RFC 6381 codecs (alternateEnclosure) */
    const char *rel;            /* alternateEnclosure rel: which alternates go together */
    struct fc_list sources;     /* struct fc_media_source: every URI of an alternate */
    const char *integrity_type; /* podcast:integrity: "sri" or "pgp-signature" */
    const char *integrity_value;
    struct fc_media_meta *meta; /* media:* inside a media:content; NULL when none */
};

/* A category of Apple's list (itunes:category/@text), nested. */
struct fc_pod_category {
    struct fc_pod_category *next;
    const char *text;
    struct fc_list subcategories; /* struct fc_pod_category */
};

/* A person of a show or an episode (podcast:person). */
struct fc_pod_person {
    struct fc_pod_person *next;
    const char *name;
    const char *role;  /* of the Podcast Taxonomy ("host", "guest"); NULL: host */
    const char *group; /* ("cast", "writing"); NULL: cast */
    const char *img;
    const char *href;
};

/* A way to support the show (podcast:funding). */
struct fc_pod_funding {
    struct fc_pod_funding *next;
    const char *url;
    const char *text;
};

/* A transcript or captions file (podcast:transcript). */
struct fc_pod_transcript {
    struct fc_pod_transcript *next;
    const char *url;
    const char *type;     /* media type: text/vtt, application/x-subrip, ... */
    const char *language; /* BCP 47 */
    const char *rel;      /* "captions" */
};

/* A feed's podcast data (a show). */
struct fc_podcast {
    const char *image;         /* itunes:image/@href: the show's artwork */
    const char *author;        /* itunes:author */
    struct fc_person owner;    /* itunes:owner (itunes:name, itunes:email) */
    int explicit_content;      /* itunes:explicit: -1, 0 (false, clean), 1 */
    struct fc_list categories; /* struct fc_pod_category */
    const char *type;          /* itunes:type: "episodic" or "serial" */
    int block;                 /* itunes:block */
    int complete;              /* itunes:complete */
    const char *new_feed_url;  /* itunes:new-feed-url */
    const char *guid;          /* podcast:guid */
    int locked;                /* podcast:locked */
    const char *locked_owner;  /* podcast:locked/@owner (an e-mail address) */
    struct fc_list funding;    /* struct fc_pod_funding */
    struct fc_list persons;    /* struct fc_pod_person */
    const char *license;       /* podcast:license: an SPDX name or a title */
    const char *license_url;   /* its @url */
};

/* A post's episode data (its enclosures, duration and image are the
 * post's attachments and image). */
struct fc_episode {
    int explicit_content;       /* itunes:explicit */
    int64_t episode;            /* itunes:episode */
    int64_t season;             /* itunes:season */
    const char *episode_type;   /* itunes:episodeType: full, trailer, bonus */
    int block;                  /* itunes:block */
    struct fc_list transcripts; /* struct fc_pod_transcript */
    const char *chapters_url;   /* podcast:chapters */
    const char *chapters_type;
    struct fc_list persons; /* struct fc_pod_person */
};

/* A link the model has no named field for (Atom's link/@rel ...). */
struct fc_link {
    struct fc_link *next;
    const char *href;
    const char *rel;
    const char *type;
    const char *hreflang;
    const char *title;
    int64_t length; /* -1 when unknown */
};

struct fc_attr {
    struct fc_attr *next;
    const char *ns; /* namespace URI, NULL for none */
    const char *prefix;
    const char *name;
    const char *value;
};

enum fc_ext_kind {
    FC_EXT_XML = 0, /* an XML element (name set) or text node (name NULL) */
    FC_EXT_JSON,    /* a JSON value: name is the key, value its JSON text */
};

/*
 * Data with no named home in the model, kept so that nothing is lost.
 * XML: element `name` in namespace `ns` (preferred `prefix`), attributes
 * and children (elements and text nodes) in document order.  A text node
 * has name NULL and its text in value.  JSON: `name` is the key (e.g.
 * "_blog" in JSON Feed, a front-matter key), `value` the compact JSON text.
 * `origin` names the format family that produced it ("rss", "atom",
 * "jsonfeed", "markdown"), so writers know what they can re-emit natively.
 */
struct fc_ext {
    struct fc_ext *next;
    enum fc_ext_kind kind;
    const char *origin;
    const char *ns;
    const char *prefix;
    const char *name;
    const char *value;
    struct fc_list attrs;    /* struct fc_attr */
    struct fc_list children; /* struct fc_ext */
};

struct fc_image {
    const char *url;
    const char *title;
    const char *link;
    const char *description;
    int width, height; /* -1 when unknown */
};

struct fc_generator {
    const char *name;
    const char *version;
    const char *uri;
};

struct fc_cloud {
    const char *domain;
    int port; /* -1 when unknown */
    const char *path;
    const char *procedure;
    const char *protocol;
};

struct fc_text_input { /* RSS textInput */
    const char *title;
    const char *description;
    const char *name;
    const char *link;
};

struct fc_hub { /* WebSub hub */
    struct fc_hub *next;
    const char *type;
    const char *url;
};

/* A post's original feed (RSS <source>, Atom <source>). */
struct fc_source {
    const char *title;
    const char *url; /* the source feed's URL */
    const char *home_url;
    const char *id;
    struct fc_time updated;
};

/* An old address of a post (an absolute URL or a path from the site's
 * root), kept so that links to it keep working after a migration. */
struct fc_alias {
    struct fc_alias *next;
    const char *url;
};

enum fc_comment_kind {
    FC_COMMENT_REPLY = 0, /* a reader's comment */
    FC_COMMENT_PINGBACK,
    FC_COMMENT_TRACKBACK,
};

/* A file a site publishes as it is (an image beside a post, a static
 * file): where it is in the source site, and the URL path it is served
 * at.  Writers of sites copy it from fc_feed.site_root. */
struct fc_resource {
    struct fc_resource *next;
    const char *path; /* relative to fc_feed.site_root, '/' separated */
    const char *url;  /* the path from the site's root it is published at */
};

/* A published comment on a post (readers keep only approved ones). */
struct fc_comment {
    struct fc_comment *next;
    const char *id;
    const char *parent_id; /* the comment it answers; NULL at the top */
    struct fc_person author;
    const char *author_ip; /* kept only with FC_OPT_KEEP_PRIVATE */
    struct fc_time published;
    const char *content_html;
    enum fc_comment_kind kind;
};

/* An entry of a site's navigation menu (WordPress nav menus, Hugo
 * menus). */
struct fc_menu_item {
    struct fc_menu_item *next;
    const char *menu; /* the menu's name ("main") */
    const char *id;
    const char *parent_id; /* the item it sits under; NULL at the top */
    const char *name;
    const char *url;     /* where it points */
    const char *post_id; /* the post it points to, when it is one */
    int weight;          /* order among siblings */
};

struct fc_post {
    struct fc_arena *arena;
    unsigned refs;              /* private: see fc_post_ref() */
    unsigned long line, column; /* where the post starts in the input */

    const char *id;
    int id_is_permalink;      /* RSS guid/@isPermaLink: -1 absent, 0, 1 */
    const char *url;          /* the post's page */
    const char *external_url; /* what the post is about (link blogs) */
    struct fc_text title;
    struct fc_text summary;
    const char *content_html;
    const char *content_text;
    const char *content_src;  /* out-of-line content (Atom content/@src) */
    const char *content_type; /* media type when not text or HTML */
    struct fc_time published;
    struct fc_time updated;
    struct fc_list authors;      /* struct fc_person */
    struct fc_list contributors; /* struct fc_person */
    struct fc_list categories;   /* struct fc_tag */
    struct fc_list attachments;  /* struct fc_media */
    struct fc_list links;        /* struct fc_link, unnamed rels */
    const char *image;
    const char *banner_image;
    const char *comments_url;  /* the page with the comments */
    int64_t comment_count;     /* -1 when unknown */
    const char *comments_feed; /* the comment feed */
    struct fc_source *source;  /* NULL when none */
    const char *language;
    struct fc_text rights;
    const char *base;            /* base URI the post's relative URLs use */
    const char *slug;            /* file name hint (Markdown sites) */
    int draft;                   /* 1: not published */
    int private_post;            /* 1: visible to its author only (WordPress private) */
    int sticky;                  /* 1: pinned to the top of the front page */
    const char *kind;            /* NULL or "post": a post; "page", or a custom type */
    const char *parent_id;       /* a page's parent page (its id) */
    int weight;                  /* order among siblings (menu order); 0 none */
    struct fc_time expires;      /* not published from then on (Hugo expiryDate) */
    struct fc_list aliases;      /* struct fc_alias: old addresses */
    struct fc_list comments;     /* struct fc_comment, in document order */
    struct fc_list resources;    /* struct fc_resource: files of the post's bundle */
    struct fc_episode episode;   /* podcast episode data */
    struct fc_media_meta *media; /* Media RSS elements of the item itself; NULL when none */
    struct fc_list media_groups; /* struct fc_media_group, in document order */
    struct fc_list exts;         /* struct fc_ext */
};

struct fc_feed {
    struct fc_arena *arena;
    unsigned refs;      /* private: see fc_feed_ref() */
    const char *format; /* what the reader saw: "rss 2.0", ... */

    struct fc_text title;
    struct fc_text subtitle; /* RSS description, Atom subtitle */
    const char *home_url;
    const char *feed_url; /* self */
    const char *id;
    const char *language;
    struct fc_text rights;
    struct fc_time published; /* RSS pubDate */
    struct fc_time updated;   /* RSS lastBuildDate, Atom updated */
    struct fc_generator generator;
    struct fc_list authors;      /* struct fc_person */
    struct fc_list contributors; /* struct fc_person */
    struct fc_person editor;     /* RSS managingEditor */
    struct fc_person webmaster;  /* RSS webMaster */
    struct fc_list categories;   /* struct fc_tag */
    const char *icon;
    struct fc_image image; /* RSS image, Atom logo */
    int ttl;               /* minutes, -1 when unknown */
    struct fc_list hubs;   /* struct fc_hub */
    const char *next_url;
    const char *docs;
    struct fc_cloud cloud;
    uint32_t skip_hours; /* bit h set: skip hour h (0-23) */
    uint8_t skip_days;   /* bit d set: skip day d (0 = Monday) */
    const char *rating;
    struct fc_text_input text_input;
    const char *description_text; /* JSON Feed's own description */
    const char *user_comment;     /* JSON Feed user_comment */
    int expired;                  /* JSON Feed expired: -1 absent, 0, 1 */
    const char *base;
    const char *time_zone; /* IANA name the site's local times are in */
    /* 1: the posts are a site's or an export's content, where drafts,
     * future and expired posts are not published (see FC_OPT_DRAFTS). */
    int is_site;
    struct fc_list links;      /* struct fc_link, unnamed rels */
    struct fc_list menus;      /* struct fc_menu_item */
    const char *site_root;     /* the directory a site was read from, or NULL */
    struct fc_list files;      /* struct fc_resource: the site's static files */
    struct fc_podcast podcast; /* podcast data (itunes:*, podcast:*) */
    struct fc_list exts;       /* struct fc_ext */
    struct fc_list posts;      /* struct fc_post_item, when collected */
};

/* A collected post in fc_feed.posts. */
struct fc_post_item {
    struct fc_post_item *next;
    struct fc_post *post;
};

/* Create an empty feed / post with its own arena; NULL when out of memory.
 * Numeric fields start at -1 (unknown). */
struct fc_feed *fc_feed_new(void);
struct fc_post *fc_post_new(void);
/* Free a feed (with its collected posts) / drop a reference to a post
 * (freed with the last one); NULL is fine. */
void fc_feed_free(struct fc_feed *feed);
void fc_post_free(struct fc_post *post);
/* Take one more reference to a feed (a handler keeping the reader's feed
 * past end()); returns feed. */
struct fc_feed *fc_feed_ref(struct fc_feed *feed);
/* Take one more reference to a post (a handler that keeps a post it was
 * lent); returns post. */
struct fc_post *fc_post_ref(struct fc_post *post);

/* Copy `s` (len bytes, or strlen(s) when len is (size_t)-1) into the arena;
 * NULL when out of memory or when s is NULL. */
char *fc_strdup(struct fc_arena *a, const char *s, size_t len);
/* Zeroed memory from the arena, NULL when out of memory. */
void *fc_alloc(struct fc_arena *a, size_t size);
/* Allocate a zeroed element of `size` bytes (its first member is `next`)
 * and append it to `list`; NULL when out of memory. */
void *fc_list_add(struct fc_arena *a, struct fc_list *list, size_t size);
/* Append an already allocated element. */
void fc_list_append(struct fc_list *list, void *elem);
/* Append a new attachment to `list` (struct fc_media), its numbers -1
 * (unknown) and its kind FC_MEDIA_ENCLOSURE; NULL when out of memory. */
struct fc_media *fc_media_add(struct fc_arena *a, struct fc_list *list);
/* A new empty struct fc_media_meta (player size -1); NULL when out of
 * memory. */
struct fc_media_meta *fc_media_meta_new(struct fc_arena *a);
/* Store a copy of s in *field; FC_ENOMEM on failure (field untouched). */
enum fc_status fc_set(struct fc_arena *a, const char **field, const char *s);
/* Deep-copy an extension tree into arena `a`; NULL when out of memory. */
struct fc_ext *fc_ext_copy(struct fc_arena *a, const struct fc_ext *src);
/* The text of an XML extension element whose only children are text nodes
 * (concatenated into the arena); NULL otherwise. */
const char *fc_ext_text(struct fc_arena *a, const struct fc_ext *e);

/* ------------------------------------------------------------------ */
/* Dates                                                               */

/* Parse RFC 822/2822 (with the variants real feeds have) or RFC 3339 /
 * ISO 8601 text.  On success fills *t (raw NULL) and returns FC_OK; on
 * failure returns FC_EPARSE and leaves *t zeroed. */
enum fc_status fc_time_parse(const char *s, struct fc_time *t);
/* Seconds since the epoch (UTC) of a parsed time; 0 when absent. */
int64_t fc_time_epoch(const struct fc_time *t);
/* Format as RFC 3339 ("2011-03-08T04:58:07+00:00"; a date stays
 * "2011-03-08").  Returns the length written, or 0 when absent or out of
 * room.  `cap` of 40 is always enough. */
size_t fc_time_rfc3339(const struct fc_time *t, char *buf, size_t cap);
/* Format as RFC 822 ("Tue, 08 Mar 2011 04:58:07 +0000"), same contract. */
size_t fc_time_rfc822(const struct fc_time *t, char *buf, size_t cap);
/* The UTC time (second precision, zone "Z") of secs since the epoch. */
void fc_time_from_epoch(int64_t secs, struct fc_time *t);
/* Compare two parsed times as instants: <0, 0, >0. */
int fc_time_cmp(const struct fc_time *a, const struct fc_time *b);

/* ------------------------------------------------------------------ */
/* Options, warnings, handlers                                         */

/* A warning: something dropped, coerced, guessed or repaired. */
typedef void (*fc_warn_fn)(void *ctx, const struct fc_error *warning);

/* How far fc_convert() is, for a caller that shows progress (see
 * fc_options.progress). */
struct fc_progress {
    uint64_t posts_in;  /* posts the reader has given */
    uint64_t posts_out; /* posts the writer has taken (drafts ... left out) */
    uint64_t bytes_in;  /* input read: the stream's bytes, a directory's files' */
    int done;           /* 1 on the last call: the reader has finished */
};

/*
 * A format's own setting, libarchive style: ("markdown", "site", "hugo").
 * Each format lists the settings it takes in fc_format.settings, so the
 * core struct does not grow with formats; fc_options_set() checks a
 * setting against that list.
 */
enum fc_setting_kind {
    FC_SETTING_BOOL,   /* "true" or "false" */
    FC_SETTING_CHOICE, /* one of `choices` */
    FC_SETTING_TEXT,   /* any text */
};

struct fc_setting_def {
    const char *name; /* "site" */
    enum fc_setting_kind kind;
    const char *choices; /* FC_SETTING_CHOICE: "plain|hugo|jekyll" */
    const char *dflt;    /* the value when not set */
    const char *help;    /* one line, for --list-formats */
};

#define FC_MAX_SETTINGS 16
#define FC_SETTING_MAX 512 /* bytes of a format, name or value, with the NUL */

/* A setting made by fc_options_set() (copies of its strings). */
struct fc_setting {
    char format[32];
    char name[32];
    char value[FC_SETTING_MAX];
};

struct fc_options {
    fc_warn_fn warn; /* NULL: warnings are ignored */
    void *warn_ctx;
    /* Called by fc_convert() after each post read and once more when the
     * reader is done; NULL: none.  Called often: keep it cheap. */
    void (*progress)(void *ctx, const struct fc_progress *p);
    void *progress_ctx;
    unsigned flags;     /* FC_OPT_* */
    size_t max_input;   /* bytes of one input; 0: default limit */
    unsigned max_depth; /* nesting depth; 0: default limit */
    /* "Now" for what a site publishes (future and expired posts), in
     * seconds since the epoch; the library reads no clock.  0: unknown,
     * then no post counts as future or expired. */
    int64_t now;
    /* The input's own URL (readers): relative URLs with no xml:base in
     * effect are resolved against it; NULL: against the feed's self link
     * when it has one.  Not copied: it must outlive the read. */
    const char *base_url;
    /* Filters fc_convert applies to stream outputs and sites alike: posts
     * dated (published, else updated) before `since` or after `until`
     * (seconds since the epoch; 0: no bound) are left out, undated ones
     * kept; then at most `limit` posts (0: all), in the order read. */
    int64_t since, until;
    unsigned long limit;
    /* The output feed's title and home page, in place of the input's (of
     * the first input's, when merging); NULL: the input's.  Not copied. */
    const char *title;
    const char *link;
    /* Threads for the per-post work of one conversion (HTML -> Markdown
     * into a site; out of one, its files read and indexed and their
     * Markdown made HTML; a WordPress export's
     * contents rendered as WordPress shows them), the calling thread one of
     * them; 0 or 1: none.  With more than 1, an RSS, Atom or WXR input of
     * more than 64 KB without a DTD is also parsed on a thread of its own
     * (the input's bytes are read there; the tree is built, and the
     * warnings given, on the calling thread).  The
     * library starts them within a conversion call (fc_convert,
     * fc_convert_many, fc_read, fc_write) and joins them before it
     * returns; the posts are still written and the warnings given in their
     * order, on the calling thread, so the output is the same with any
     * number.  At most 8 * jobs posts are in flight.  Before starting
     * threads the library sets up libxml2 (xmlInitParser) in the calling
     * thread: a program that also uses libxml2 on threads of its own
     * should do so itself first. */
    unsigned jobs;
    size_t n_settings;
    struct fc_setting settings[FC_MAX_SETTINGS]; /* see fc_options_set() */
};

#define FC_OPT_FORCE 0x01       /* replace existing output */
#define FC_OPT_NO_XML_BASE 0x02 /* do not resolve relative URLs */
#define FC_OPT_KEEP_GOING 0x10  /* skip bad posts with a warning */
#define FC_OPT_STRICT 0x20      /* fail (FC_EWARN) on the first warning */
/* What a feed gets from a site or an export: drafts, future and expired
 * posts are left out (one warning counts them) unless these say so.
 * Directory outputs (one site into another) keep them all. */
#define FC_OPT_DRAFTS 0x40
#define FC_OPT_FUTURE 0x80
#define FC_OPT_EXPIRED 0x100
/* Keep commenters' e-mail and IP addresses (dropped by default). */
#define FC_OPT_KEEP_PRIVATE 0x200

/* Fill *opt with the defaults (all zero but the limits). */
void fc_options_init(struct fc_options *opt);

/*
 * Give format `format` (a name or alias) the setting name=value; a later
 * call for the same setting replaces the value.  The strings are copied.
 * FC_EUSAGE when the format is unknown, takes no such setting, or the
 * value is not one it takes (the message lists what it takes); FC_ELIMIT
 * past FC_MAX_SETTINGS settings or FC_SETTING_MAX bytes.
 */
enum fc_status fc_options_set(struct fc_options *opt, const char *format, const char *name,
                              const char *value, struct fc_error *err);
/* The value of format `format`'s setting `name`: the one set, else the
 * format's default; NULL when the format has no such setting.  Lent. */
const char *fc_options_get(const struct fc_options *opt, const char *format, const char *name);

/*
 * The streaming interface.  begin() gets the feed metadata seen before the
 * first post; post() once per post, which it borrows: the reader frees
 * it when post() returns (a handler that keeps it calls fc_post_ref());
 * end() the same feed object, with any metadata that came after the posts.
 * The feed stays owned by the reader.  A writer's end() flushes.
 * destroy() frees the handler itself (writers), may be NULL.
 */
struct fc_handler {
    void *ctx;
    enum fc_status (*begin)(void *ctx, struct fc_feed *feed, struct fc_error *err);
    enum fc_status (*post)(void *ctx, struct fc_feed *feed, struct fc_post *post,
                           struct fc_error *err);
    enum fc_status (*end)(void *ctx, struct fc_feed *feed, struct fc_error *err);
    void (*destroy)(void *ctx);
};

/* ------------------------------------------------------------------ */
/* Streams                                                             */

struct fc_input;  /* a byte stream (file, stdin, memory) or a directory */
struct fc_output; /* a byte stream (atomic file, stdout, memory) or a directory */

/* Open a file or a directory for reading ("-" is stdin). */
enum fc_status fc_input_open(const char *path, struct fc_input **in, struct fc_error *err);
/* Read from a file descriptor (not closed); name is used in messages. */
enum fc_status fc_input_open_fd(int fd, const char *name, struct fc_input **in,
                                struct fc_error *err);
/* Read from memory (not copied: keep it alive until fc_input_close). */
enum fc_status fc_input_open_memory(const void *data, size_t len, const char *name,
                                    struct fc_input **in, struct fc_error *err);
void fc_input_close(struct fc_input *in);
/* The name used in messages. */
const char *fc_input_name(const struct fc_input *in);

/* Open an output file: written to a temporary file beside it and renamed
 * over it by fc_output_commit().  An existing file is refused (FC_EEXIST)
 * unless FC_OPT_FORCE is in flags. */
enum fc_status fc_output_open(const char *path, unsigned flags, struct fc_output **out,
                              struct fc_error *err);
/* Open an output directory (created with any missing parents; a non-empty
 * one is refused unless FC_OPT_FORCE). */
enum fc_status fc_output_open_dir(const char *path, unsigned flags, struct fc_output **out,
                                  struct fc_error *err);
/* Write to a file descriptor (not closed), e.g. stdout. */
enum fc_status fc_output_open_fd(int fd, const char *name, struct fc_output **out,
                                 struct fc_error *err);
/* Collect output in memory; see fc_output_memory(). */
enum fc_status fc_output_open_memory(struct fc_output **out, struct fc_error *err);
/* The bytes collected by a memory output (lent; NUL-terminated). */
const char *fc_output_memory(const struct fc_output *out, size_t *len);
/* Flush and make the output visible (rename into place). */
enum fc_status fc_output_commit(struct fc_output *out, struct fc_error *err);
/* Close; an output not committed is discarded (no partial file remains). */
void fc_output_close(struct fc_output *out);
int fc_output_is_dir(const struct fc_output *out);

/* ------------------------------------------------------------------ */
/* Formats                                                             */

#define FC_CAN_READ 0x01
#define FC_CAN_WRITE 0x02
#define FC_IS_DIRECTORY 0x04 /* reads / writes a directory, not a stream */
#define FC_READS_FILE 0x08   /* a directory format that also reads one file */

struct fc_format {
    const char *name;              /* "jsonfeed" */
    const char *description;       /* "JSON Feed 1.1" */
    const char *const *aliases;    /* {"json", NULL} */
    const char *const *extensions; /* {".json", NULL} */
    unsigned caps;
    /* 0 = no ... 100 = certain, from the first bytes of a stream */
    int (*detect)(const unsigned char *head, size_t len);
    enum fc_status (*read)(struct fc_input *in, struct fc_handler *out,
                           const struct fc_options *opt, struct fc_error *err);
    /* A writer copies *opt (the caller may change or drop it after this
     * call); the warning callback's context must live until destroy(). */
    enum fc_status (*open_writer)(struct fc_output *out, const struct fc_options *opt,
                                  struct fc_handler **writer, struct fc_error *err);
    /* The format's own settings, ended by a NULL name; NULL for none. */
    const struct fc_setting_def *settings;
};

/* All formats, NULL-terminated, in table order. */
const struct fc_format *const *fc_formats(void);
/* By name or alias (case-insensitive); NULL when unknown. */
const struct fc_format *fc_format_find(const char *name);
/* By a path's extension; NULL when none matches. */
const struct fc_format *fc_format_for_path(const char *path);
/* The best bid for an input (peeks at its head; directories go to the
 * directory formats).  FC_EFORMAT when nothing bids. */
enum fc_status fc_format_detect(struct fc_input *in, const struct fc_format **fmt,
                                struct fc_error *err);

/* ------------------------------------------------------------------ */
/* Conversion                                                          */

/* Read `in` with `from` (NULL: detect) and stream every post into a writer
 * of format `to` on `out`.  Does not commit `out`. */
enum fc_status fc_convert(struct fc_input *in, const struct fc_format *from, struct fc_output *out,
                          const struct fc_format *to, const struct fc_options *opt,
                          struct fc_error *err);
/*
 * Merge n inputs into one output: every post once (a post whose id, else
 * link, else title and date another has is a duplicate: the copy updated
 * last is kept), newest first (by published, else updated; undated posts
 * last; equal dates in reading order), each with the feed it came from
 * as its source.  The feed's metadata is the first input's, less its
 * self link, hubs and next page.  from: NULL, or n formats (a NULL one
 * is detected).  since / until / limit apply to the merged posts, limit
 * keeping the newest.  Memory stays bounded: posts wait in a temporary
 * file.  n == 1 is fc_convert().  Does not commit `out`.
 */
enum fc_status fc_convert_many(struct fc_input *const *in, const struct fc_format *const *from,
                               size_t n, struct fc_output *out, const struct fc_format *to,
                               const struct fc_options *opt, struct fc_error *err);
/* Read a whole feed into memory (posts in feed->posts); caller frees. */
enum fc_status fc_read(struct fc_input *in, const struct fc_format *from,
                       const struct fc_options *opt, struct fc_feed **feed, struct fc_error *err);
/* Write a collected feed through a writer of format `to`. */
enum fc_status fc_write(const struct fc_feed *feed, struct fc_output *out,
                        const struct fc_format *to, const struct fc_options *opt,
                        struct fc_error *err);

#if defined(__GNUC__) && __GNUC__ >= 4
#pragma GCC visibility pop
#endif

#ifdef __cplusplus
}
#endif
#endif
