/*
 * wp.h - WordPress's rules as a generator module: how WordPress turns a
 * post's stored content into the HTML its readers see, ported so that a
 * migrated site shows what the WordPress one showed, as clean HTML that
 * the Markdown writer can turn into Markdown.  Used by the WXR reader
 * (src/formats/wxr_*.c); the site writers may use the text helpers.
 *
 * Modules (one concern each):
 *   wp_autop.c      wpautop() and shortcode_unautop() of
 *                   wp-includes/formatting.php, byte for byte, and the
 *                   HTML splitter they share (wp_html_split)
 *   wp_shortcode.c  the shortcode grammar (get_shortcode_regex), the
 *                   attribute parser (shortcode_parse_atts) and
 *                   do_shortcode's one pass, brackets inside tags masked
 *   wp_blocks.c     the block grammar (WP_Block_Parser) and rendering
 *   wp_body.c       the_content's pipeline and the renderers of the
 *                   shortcodes and blocks feedconv knows
 *   wp_media.c      the renderers of media shortcodes and embeds:
 *                   [caption], [gallery], [audio], [video], [playlist],
 *                   [embed], code blocks
 *   wp_text.c       sanitize_title, PHP's unserialize (the parts WXR
 *                   meta needs), entity decoding for code
 *
 * All regular expressions of the PHP are PCRE without /u, on bytes: \s is
 * [ \t\n\v\f\r], \w is [A-Za-z0-9_], and tag names are case-sensitive.
 * Each step is a hand-written scanner that mirrors one regex, run as a
 * separate pass as the PHP runs them one after the other (fusing steps
 * would lose WordPress's quirks, which are kept on purpose: the tests use
 * WordPress's own vectors).
 *
 * Errors: the functions that build text append to a struct fc_buf, whose
 * oom flag the caller checks; those that allocate in an arena or warn take
 * a struct fc_sticky.
 */
#ifndef FC_SITES_WP_H
#define FC_SITES_WP_H

#include "internal.h"

/* ---- wp_autop.c -------------------------------------------------------- */

/* Where the "element" that wp_html_split() sees at s[i] ('<') ends: a
 * comment up to "-->", CDATA up to "]]>", anything else up to the next
 * '>' (each to the end of the input when unclosed).  Returns the index
 * just past it. */
size_t fc_wp_html_element_end(const char *s, size_t i, size_t n);

/* wpautop(s, br) appended to out: paragraphs from blank lines, <br /> from
 * single newlines (when br), <pre> left alone. */
void fc_wp_autop(struct fc_buf *out, const char *s, size_t n, bool br);

/* The registered shortcode names a pass knows, in registration order. */
struct fc_wp_tags {
    const char *const *names;
    size_t n;
};

/* shortcode_unautop(s) appended to out: the <p> around a paragraph that
 * is one registered shortcode and nothing else removed. */
void fc_wp_shortcode_unautop(struct fc_buf *out, const char *s, size_t n,
                             const struct fc_wp_tags *tags);

/* ---- wp_shortcode.c ---------------------------------------------------- */

/* One match of get_shortcode_regex() in s (offsets into s). */
struct fc_wp_sc {
    size_t start, end;        /* the whole match */
    bool open_esc, close_esc; /* groups 1 and 6: "[[" and "]]" */
    size_t name, name_len;    /* group 2 */
    size_t atts, atts_len;    /* group 3 */
    bool self_closing;        /* group 4: "[tag /]" */
    bool enclosing;           /* group 5 present: "[tag]...[/tag]" */
    size_t content, content_len;
};

/* A scanner over one text: get_shortcode_regex()'s searches, with the
 * positions of the next ']' and of each tag's closer cached, so that a
 * text full of unclosed shortcodes is scanned in linear time. */
struct fc_wp_scan {
    const char *s;
    size_t n;
    const struct fc_wp_tags *tags;
    size_t rb_from, rb_at; /* the next ']' at or after rb_from is at rb_at */
    struct fc_wp_close {
        size_t from, at; /* the same for each tag's "[/tag]" */
    } * close;
    bool *active; /* do_shortcode's tags: those "[name" names in the text */
    bool oom;
};

/* Start / end a scanner over s[0..n) for tags; false on ENOMEM (then
 * nothing to free).  only_present: as do_shortcode, only the tags whose
 * name follows a '[' somewhere in s (not the same as all of them: "[a,b]"
 * is shortcode "a" only when "a" is present so). */
bool fc_wp_scan_init(struct fc_wp_scan *sc, const char *s, size_t n, const struct fc_wp_tags *tags,
                     bool only_present);
void fc_wp_scan_free(struct fc_wp_scan *sc);
/* The regex anchored at s[i] (which must be '['): with_escapes takes the
 * optional outer "[" and "]" (do_shortcode's form) or not
 * (shortcode_unautop's).  Fills *m and returns true on a match. */
bool fc_wp_sc_at(struct fc_wp_scan *sc, size_t i, bool with_escapes, struct fc_wp_sc *m);
/* Index of the registered name s[0..n) in tags, -1 when not registered. */
int fc_wp_tag_index(const struct fc_wp_tags *tags, const char *s, size_t n);

/* shortcode_parse_atts(): a shortcode's attributes.  Named ones have
 * their name lowercased; positional ones have name NULL and pos 0, 1, ...
 * Values went through PHP's stripcslashes(); a value with an unbalanced
 * '<' is "". */
struct fc_wp_att {
    const char *name;
    const char *value;
    int pos;
};
struct fc_wp_atts {
    struct fc_wp_att *v;
    size_t n;
};
/* Parse s[0..n) into *out (arrays and strings in arena a); false on
 * ENOMEM. */
bool fc_wp_parse_atts(struct fc_arena *a, const char *s, size_t n, struct fc_wp_atts *out);
/* The value of the named attribute (the last one given wins), or of the
 * positional one; NULL when absent. */
const char *fc_wp_att(const struct fc_wp_atts *atts, const char *name);
const char *fc_wp_att_pos(const struct fc_wp_atts *atts, int pos);
/* PHP's stripcslashes() of s[0..n) appended to out. */
void fc_wp_stripcslashes(struct fc_buf *out, const char *s, size_t n);

/* A callback of fc_wp_do_shortcode: append what match m (in text s)
 * becomes.  The escaped form ("[[tag]]") never reaches it. */
typedef void (*fc_wp_sc_fn)(void *ctx, const char *s, const struct fc_wp_sc *m, struct fc_buf *out);

/* The bytes that stand for '[' and ']' inside HTML tags and comments while
 * shortcodes run (do_shortcodes_in_html_tags: no shortcode there). */
#define FC_WP_LBRACKET '\x01'
#define FC_WP_RBRACKET '\x02'

/* Mask the brackets inside HTML elements of s (see above) into out. */
void fc_wp_mask_brackets(struct fc_buf *out, const char *s, size_t n);
/* Put masked brackets back (in place). */
void fc_wp_unmask_brackets(char *s, size_t n);
/* do_shortcode()'s one pass over already masked text: each match of a
 * registered tag replaced by what fn appends, "[[tag]]" by "[tag]" (or
 * left as it is: keep_escaped), the rest copied.  false on ENOMEM. */
bool fc_wp_do_shortcode(struct fc_buf *out, const char *s, size_t n, const struct fc_wp_tags *tags,
                        fc_wp_sc_fn fn, void *ctx, bool keep_escaped);

/* ---- wp_blocks.c ------------------------------------------------------- */

/* A parsed block (WP_Block_Parser_Block); name NULL for freeform HTML. */
struct fc_wp_block {
    const char *name;  /* "core/paragraph", "my-plugin/notice" */
    const char *attrs; /* the attributes' JSON text as written, NULL when none */
    size_t attrs_len;
    bool is_void;  /* "<!-- wp:x /-->" */
    size_t offset; /* of its first token in the document */
    /* innerContent: HTML strings and inner blocks in order */
    struct fc_wp_chunk {
        const char *html; /* NULL: the next inner block */
        size_t len;
    } * chunks;
    size_t nchunks;
    struct fc_wp_block **inner;
    size_t ninner;
};

/* has_blocks(): does s hold "<!-- wp:"? */
bool fc_wp_has_blocks(const char *s, size_t n);
/* parse_blocks(): the top-level blocks of s[0..n) into *out (arena a;
 * the HTML points into s, which must outlive them).  false on ENOMEM. */
bool fc_wp_parse_blocks(struct fc_arena *a, const char *s, size_t n, struct fc_wp_block ***out,
                        size_t *nout);
/* One block token (opener, closer or void) anchored at s[i]: its length,
 * 0 when there is none there.  Exposed for the tests. */
size_t fc_wp_block_token(const char *s, size_t i, size_t n, bool *closer, bool *is_void,
                         size_t *name, size_t *name_len, size_t *ns_len, size_t *attrs,
                         size_t *attrs_len);

/* ---- wp_text.c --------------------------------------------------------- */

/* sanitize_title(): the slug WordPress makes of a title (tags and
 * entities removed, accents of Latin letters removed, lowercased, spaces
 * to '-', other bytes dropped; UTF-8 kept as it is). "" when nothing is
 * left.  In the arena; NULL on ENOMEM. */
char *fc_wp_sanitize_title(struct fc_arena *a, const char *title);
/* The value of a hexadecimal digit, -1 for another byte. */
int fc_wp_hexval(unsigned char c);
/* rawurldecode() of s into the arena ("%e6%97%a5" -> UTF-8); NULL on
 * ENOMEM. */
char *fc_wp_urldecode(struct fc_arena *a, const char *s);
/* Decode HTML character references of s[0..n) into out: the named ones
 * code contains (amp lt gt quot apos nbsp and a few more) and numeric
 * ones; others are kept as written. */
void fc_wp_decode_entities(struct fc_buf *out, const char *s, size_t n);
/* The media type a URL's file extension says ("image/jpeg"), NULL when
 * unknown (WXR has no post_mime_type; the importer guesses so too). */
const char *fc_wp_mime(const char *url);
/* Escape s[0..n) for HTML text (& < >) or attribute values (also "). */
void fc_wp_escape(struct fc_buf *out, const char *s, size_t n, bool attr);

/* A PHP serialize()d value, read leniently (wrong string lengths are
 * found again by their closing '";').  fc_wp_php_get walks an array by
 * string keys: the value under keys[0], then keys[1] inside it, ...;
 * true with *v set (offsets into s) when found. */
struct fc_wp_php {
    char type;    /* 's' 'i' 'd' 'b' 'N' 'a' 'O' */
    size_t start; /* a string's bytes, a number's text, an array's first entry */
    size_t len;
    size_t count; /* entries of an array */
};
bool fc_wp_php_parse(const char *s, size_t n, size_t i, struct fc_wp_php *v, size_t *end);
bool fc_wp_php_get(const char *s, size_t n, const char *const *keys, size_t nkeys,
                   struct fc_wp_php *v);
/* The value under string key `key` in array a; true with *v set. */
bool fc_wp_php_find(const char *s, size_t n, const struct fc_wp_php *a, const char *key,
                    struct fc_wp_php *v);
/* Call fn for each key/value entry of array a (keys as strings: an
 * integer key's digits); false when the array is malformed. */
typedef void (*fc_wp_php_fn)(void *ctx, const char *s, const struct fc_wp_php *key,
                             const struct fc_wp_php *value);
bool fc_wp_php_each(const char *s, size_t n, const struct fc_wp_php *a, fc_wp_php_fn fn, void *ctx);

/* ---- wp_body.c: the_content -------------------------------------------- */

/* What the body needs to know of the site: the media library and the
 * reusable blocks.  Strings are lent (valid while the site lives). */
struct fc_wp_attachment {
    int64_t id, parent;
    int menu_order;
    const char *url;  /* the full-size file */
    const char *link; /* the attachment page */
    const char *title;
    const char *alt;     /* _wp_attachment_image_alt */
    const char *caption; /* its excerpt */
    const char *mime;    /* from the file name or the metadata */
    const char *sizes;   /* "name file\n..." from _wp_attachment_metadata */
};

struct fc_wp_site {
    void *ctx;
    /* The attachment with that post id; NULL when the export has none. */
    const struct fc_wp_attachment *(*attachment)(void *ctx, int64_t id);
    /* The attachments whose parent is post `parent`, by menu order then
     * id: up to cap into out; returns how many there are. */
    size_t (*children)(void *ctx, int64_t parent, const struct fc_wp_attachment **out, size_t cap);
    /* The content of reusable block (wp_block) `id`, copied into arena a;
     * NULL when the export has none (failures are recorded in st). */
    const char *(*reusable_block)(void *ctx, int64_t id, struct fc_arena *a, struct fc_sticky *st);
};

/* One post's body through the pipeline. */
struct fc_wp_body {
    struct fc_sticky *st;          /* warnings (with file and line) and failures */
    unsigned long line;            /* where the content starts in the input */
    const char *what;              /* names the post in warnings ("post 10") */
    const struct fc_wp_site *site; /* may be NULL: no media, no reusable blocks */
    int64_t post_id;               /* the post's own id (galleries without ids) */
    bool she_encoded;              /* _syntaxhighlighter_encoded: code is entity-encoded */
    const char *footnotes;         /* the footnotes meta (JSON), NULL when none */
    struct fc_arena *arena;        /* of the post: media added to attachments */
    struct fc_list *attachments;   /* struct fc_media: [audio]/[video] sources added */
};

/* The HTML readers see for stored content s[0..n): pages joined by <hr />,
 * <!--more--> kept as "<!--more-->" between the teaser and the rest,
 * blocks rendered (no wpautop), classic content wpautop'd, shortcodes
 * run, code blocks as <pre><code class="language-x">.  Appended to out;
 * failures (ENOMEM) recorded in b->st. */
void fc_wp_render(struct fc_wp_body *b, const char *s, size_t n, struct fc_buf *out);

/* Comment bodies, manual excerpts and term descriptions: wpautop only. */
void fc_wp_autop_text(struct fc_buf *out, const char *s, size_t n);

#endif
