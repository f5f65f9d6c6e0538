/*
 * wxr.h - what the WXR files share: the reader's state (wxr_read.c: the
 * first pass, the spool, the maps, the channel and the menus) and the
 * mapping of one item into a post (wxr_post.c).  See wxr.c for the format.
 */
#ifndef FC_FORMATS_WXR_H
#define FC_FORMATS_WXR_H

#include "internal.h"
#include "sites/wp.h"
#include "syntax/xml_read.h"
#include "syntax/xml_sniff.h"

/* The namespaces of WXR's elements, by kind. */
enum wxr_ns { WXR_NONE, WXR_WP, WXR_EXCERPT, WXR_CONTENT, WXR_DC, WXR_OTHER };

/* What a namespace URI is: the export namespaces are matched by the
 * prefix "wordpress.org/export/" with http or https and any version
 * ("…/1.2/" is wp, "…/1.2/excerpt/" excerpt). */
enum wxr_ns fc_wxr_ns_kind(const char *uri, size_t len);

int fc_wxr_detect(const unsigned char *head, size_t len);
enum fc_status fc_wxr_read(struct fc_input *in, struct fc_handler *out,
                           const struct fc_options *opt, struct fc_error *err);

/* An item's single-valued children, by field. */
enum wxr_field {
    WF_TITLE,
    WF_LINK,
    WF_PUBDATE,
    WF_CREATOR,
    WF_GUID,
    WF_DESCRIPTION,
    WF_CONTENT,
    WF_EXCERPT,
    WF_POST_ID,
    WF_POST_DATE,
    WF_POST_DATE_GMT,
    WF_MODIFIED,
    WF_MODIFIED_GMT,
    WF_COMMENT_STATUS,
    WF_PING_STATUS,
    WF_POST_NAME,
    WF_STATUS,
    WF_POST_PARENT,
    WF_MENU_ORDER,
    WF_POST_TYPE,
    WF_PASSWORD,
    WF_STICKY,
    WF_ATTACHMENT_URL,
    WF_COUNT
};

/* An item's children sorted (the first of each field; the rest in
 * document order through node's children). */
struct wxr_item {
    xmlNode *node;
    xmlNode *f[WF_COUNT];
};

struct wxr_author {
    int64_t id;
    const char *login, *display, *email;
};

struct wxr_term {
    int64_t term_id;
    const char *taxonomy, *slug, *name, *parent;
    struct fc_ext *parent_text; /* the parent's text in the kept element, to fix */
};

/* A nav_menu_item as read, resolved into feed->menus after the first pass. */
struct wxr_menu {
    int64_t id, object_id, parent;
    int order;
    const char *menu, *title, *type, *object, *url;
    unsigned long line;
    bool extras; /* target, classes, xfn or a title attribute: no home */
};

/* An item kept in the spool: a post (any type that becomes one) or a
 * reusable block. */
struct wxr_rec {
    int64_t id;
    uint64_t off;
    uint32_t len;
    bool block;
    unsigned long line;       /* of <item> in the input */
    unsigned long spool_line; /* of <item> in the spool */
};

struct wxr_id {
    int64_t id;
    size_t i;
};

/* Counts of what was left out, warned about once at the end. */
struct wxr_count {
    const char *what;
    unsigned long n;
};

struct wxr_reader {
    struct fc_sticky s;
    struct fc_handler *h;
    struct fc_feed *feed;
    struct fc_arena *maps; /* the maps' strings */
    struct fc_xr x;
    const char *file;
    int major, minor;      /* wxr_version */
    bool old_cdata;        /* before 1.2: "]" + space at the end of CDATA */
    bool keep_private;     /* FC_OPT_KEEP_PRIVATE */
    const char *base_blog; /* wp:base_blog_url, else the channel link */
    bool have_generator;
    struct wxr_author *authors;
    size_t nauthors, capauthors;
    size_t declared_authors; /* wp:author elements (none in WXR 1.0) */
    struct wxr_term *terms;
    size_t nterms, capterms;
    struct wxr_menu *menus;
    size_t nmenus, capmenus;
    struct fc_wp_attachment *atts; /* sorted by id after the first pass */
    size_t natts, capatts;
    const struct fc_wp_attachment **kids; /* by parent, menu order, id */
    struct wxr_rec *recs;
    size_t nrecs, caprecs;
    struct wxr_id *by_id; /* recs sorted by id */
    struct fc_spool *spool;
    struct fc_buf prologue; /* the internal DTD subset, when the input has one */
    struct fc_buf dump;
    unsigned long spool_lines;
    struct wxr_count skipped[16]; /* items that are no content, by type */
    size_t nskipped;
    unsigned long trashed, comments_dropped, menu_extras;
    struct fc_wp_site site;
    const char **rec_guid; /* per record (recs' order): its id once fetched, else NULL */
    struct fc_jobs *jobs;  /* the contents rendered on threads (fc_options.jobs); NULL: here */
};

/* Grow an array of `size`-byte elements to hold one more; false on ENOMEM. */
bool fc_wxr_grow(void **v, size_t *n, size_t *cap, size_t size);

/* Sort an item's children into it->f; the rest are left for the walks. */
void fc_wxr_classify(struct wxr_item *it, xmlNode *node);
/* The text of element n (NULL: none) in arena a, trimmed or as written
 * (then without the " " WXR before 1.2 put after a final ']'); NULL when
 * empty.  Failures go to s. */
const char *fc_wxr_text(const struct wxr_reader *r, struct fc_arena *a, const xmlNode *n, bool trim,
                        struct fc_sticky *s);
/* An integer field (0 when absent or not a number). */
int64_t fc_wxr_int(const struct wxr_reader *r, const xmlNode *n, struct fc_sticky *s);
/* Is element n wp:<name> / of kind k? */
bool fc_wxr_is(const xmlNode *n, enum wxr_ns k, const char *name);
/* The author of a dc:creator (a login, or in 1.0 a display name). */
const struct wxr_author *fc_wxr_author(const struct wxr_reader *r, const char *creator);
/* The record of post `id` in the spool, NULL when none. */
const struct wxr_rec *fc_wxr_rec(const struct wxr_reader *r, int64_t id);
/* The guid (id) of post `id` as the model's posts have it (a page's
 * parent), read back from the spool once; NULL when the export has no
 * such post. */
const char *fc_wxr_guid_of(struct wxr_reader *r, int64_t id, struct fc_sticky *s);
/* "BASE/?p=ID" ("?page_id=" for a page, by its post_type), an address
 * every post of a WordPress site answers; NULL without a base URL (or
 * out of memory, then in s). */
const char *fc_wxr_query_url(const struct wxr_reader *r, struct fc_arena *a, const char *type,
                             int64_t id, struct fc_sticky *s);
/* The id a post gets: its guid, else its link, else its "?p=" address
 * (query).  One rule for the post itself and for what points at it. */
static inline const char *fc_wxr_post_id(const char *guid, const char *link, const char *query)
{
    return guid && *guid ? guid : link && *link ? link : query;
}
/* The line of node n of a spooled item in the input. */
unsigned long fc_wxr_line(const struct wxr_rec *rec, const xmlNode *n);
/* A count of something left out under `what` (a string literal). */
void fc_wxr_count(struct wxr_reader *r, const char *what);

/* A post's content, mapped but not rendered yet. */
struct wxr_body {
    const char *content; /* in the post's arena; NULL: none */
    unsigned long line;  /* where it starts in the input */
    char what[80];       /* names the post in warnings */
    int64_t id;
    bool she_encoded;
    const char *footnotes;
};

/* wxr_post.c: item (from the spool) into post p, but for its content,
 * left in *body; failures and warnings in s (the item's own status). */
void fc_wxr_post(struct wxr_reader *r, const struct wxr_rec *rec, struct wxr_item *it,
                 struct fc_post *p, struct wxr_body *body, struct fc_sticky *s);
/* The content as readers see it (fc_wp_render) into p->content_html.
 * Reads r's maps and spool only: safe on several threads at once. */
void fc_wxr_render(const struct wxr_reader *r, const struct wxr_body *body, struct fc_post *p,
                   struct fc_sticky *s);
/* A post_date / post_date_gmt pair into t: the local time with the
 * offset local - GMT; a floating local time when GMT is zero; nothing
 * when both are.  Returns 2 when floating, 1 when set, 0 when none, -1
 * when a value does not parse (kept raw in t). */
int fc_wxr_date(struct fc_arena *a, const char *local, const char *gmt, struct fc_time *t);

#endif
