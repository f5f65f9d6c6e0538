/*
 * internal.h - what the library's modules share and the public API does
 * not show: buffers, errors, stream access for formats, text and XML
 * helpers.  Names are fc_<module>_..., or fc_ for the tiny basics.
 */
#ifndef FC_INTERNAL_H
#define FC_INTERNAL_H

#include "feedconv.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#if defined(__GNUC__)
#define FC_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define FC_PRINTF(f, a)
#endif

/* Default safety limits (fc_options_init). */
#define FC_DEFAULT_MAX_INPUT ((size_t)4 << 30) /* bytes of one stream */
#define FC_DEFAULT_MAX_DEPTH 256u
#define FC_MAX_FILE (256u << 20) /* one file of a directory format */

/* ---- arena.c ------------------------------------------------------ */

struct fc_arena *fc_arena_new(void);
void fc_arena_free(struct fc_arena *a);
/* Bytes currently held (for tests and benchmarks). */
size_t fc_arena_size(const struct fc_arena *a);

/* ---- buf (text.c): a growable byte buffer ------------------------- */

/* Any failed append sets oom and later appends do nothing; check once. */
struct fc_buf {
    char *data; /* NUL-terminated when len > 0 or after fc_buf_cstr */
    size_t len;
    size_t cap;
    bool oom;
};

void fc_buf_init(struct fc_buf *b);
void fc_buf_free(struct fc_buf *b);
void fc_buf_reset(struct fc_buf *b); /* len = 0, keeps memory */
bool fc_buf_reserve(struct fc_buf *b, size_t extra);
void fc_buf_add_slow(struct fc_buf *b, const void *p, size_t n);
void fc_buf_puts(struct fc_buf *b, const char *s);
/* Appends are inline: writers make millions of small ones. */
static inline void fc_buf_add(struct fc_buf *b, const void *p, size_t n)
{
    if (b->cap - b->len > n && !b->oom) { /* room for n bytes and the NUL */
        if (n)
            memcpy(b->data + b->len, p, n);
        b->len += n;
        b->data[b->len] = '\0';
        return;
    }
    fc_buf_add_slow(b, p, n);
}
static inline void fc_buf_putc(struct fc_buf *b, char c)
{
    fc_buf_add(b, &c, 1);
}
void fc_buf_printf(struct fc_buf *b, const char *fmt, ...) FC_PRINTF(2, 3);
/* Always a valid C string ("" for an empty buffer, even after oom). */
const char *fc_buf_cstr(struct fc_buf *b);

/* ---- error.c ------------------------------------------------------ */

/* Fill err (may be NULL) and return code. file may be NULL. */
enum fc_status fc_fail(struct fc_error *err, enum fc_status code, const char *file,
                       unsigned long line, unsigned long column, const char *fmt, ...)
    FC_PRINTF(6, 7);
enum fc_status fc_failv(struct fc_error *err, enum fc_status code, const char *file,
                        unsigned long line, unsigned long column, const char *fmt, va_list ap);
/* Shorthand for the out-of-memory failure. */
enum fc_status fc_nomem(struct fc_error *err);
/* Report a warning through opt->warn.  Returns FC_EWARN (and fills err)
 * when FC_OPT_STRICT is set, FC_OK otherwise: callers propagate it. */
enum fc_status fc_warn(const struct fc_options *opt, struct fc_error *err, const char *file,
                       unsigned long line, unsigned long column, const char *fmt, ...)
    FC_PRINTF(6, 7);

enum fc_status fc_warnv(const struct fc_options *opt, struct fc_error *err, const char *file,
                        unsigned long line, unsigned long column, const char *fmt, va_list ap);

/*
 * The error idiom of readers and writers: a sticky status.  The first
 * failure (or a warning under FC_OPT_STRICT) sticks in st and fills err;
 * every later fc_sticky_* call does nothing, so a mapping is written as
 * straight-line code and the caller checks st once at the end of a step.
 */
struct fc_sticky {
    enum fc_status st;
    const struct fc_options *opt;
    struct fc_error *err;
    const char *file; /* the input or output name used in messages */
};

static inline bool fc_sticky_ok(const struct fc_sticky *s)
{
    return s->st == FC_OK;
}
/* Record an allocation failure. */
void fc_sticky_nomem(struct fc_sticky *s);
/* Record a failure (code != FC_OK) at line:column of s->file. */
void fc_sticky_fail(struct fc_sticky *s, enum fc_status code, unsigned long line,
                    unsigned long column, const char *fmt, ...) FC_PRINTF(5, 6);
/* Report a warning at line:column (0: unknown) of s->file. */
void fc_sticky_warn(struct fc_sticky *s, unsigned long line, unsigned long column, const char *fmt,
                    ...) FC_PRINTF(4, 5);
/* Record st when it is a failure (a callee's status); returns s->st. */
enum fc_status fc_sticky_set(struct fc_sticky *s, enum fc_status st);

/* ---- io.c: what formats may do with streams and directories -------- */

/* Stream input: read up to cap bytes; *got = 0 at end of input. */
enum fc_status fc_in_read(struct fc_input *in, void *buf, size_t cap, size_t *got,
                          struct fc_error *err);
/* The first bytes (up to 64 KiB) without consuming them. */
enum fc_status fc_in_peek(struct fc_input *in, const unsigned char **head, size_t *len,
                          struct fc_error *err);
/* Read the whole (remaining) stream into b, at most max bytes. */
enum fc_status fc_in_slurp(struct fc_input *in, struct fc_buf *b, size_t max, struct fc_error *err);
bool fc_in_is_dir(const struct fc_input *in);

/* Directory input.  Paths are relative to the input directory, '/'
 * separated; "" is the directory itself.  Entries come sorted by name
 * (byte order) so output does not depend on the file system. */
typedef enum fc_status (*fc_dir_fn)(void *ctx, const char *relpath, bool is_dir,
                                    struct fc_error *err);
enum fc_status fc_in_dir_list(struct fc_input *in, const char *rel, fc_dir_fn fn, void *ctx,
                              struct fc_error *err);
/* Whole file into b (at most max bytes, else FC_ELIMIT); FC_EIO when it
 * is missing. Symlinks leaving the directory are refused. */
enum fc_status fc_in_dir_read(struct fc_input *in, const char *rel, struct fc_buf *b, size_t max,
                              struct fc_error *err);
bool fc_in_dir_exists(struct fc_input *in, const char *rel);

/* Stream output (buffered). */
enum fc_status fc_out_write(struct fc_output *out, const void *p, size_t n, struct fc_error *err);
/* Write b's bytes and reset it. */
enum fc_status fc_out_buf(struct fc_output *out, struct fc_buf *b, struct fc_error *err);
/* Directory output: write one whole file atomically at rel (parents are
 * created; "..", absolute paths and symlinks are refused). */
enum fc_status fc_out_dir_write(struct fc_output *out, const char *rel, const void *p, size_t n,
                                struct fc_error *err);
bool fc_out_dir_exists(struct fc_output *out, const char *rel);
const char *fc_out_name(const struct fc_output *out);

/* A spool: bytes a writer must hold back (e.g. Atom entries until the feed
 * header can be written) kept in an unnamed temporary file, so memory
 * stays bounded.  fc_spool_copy appends everything spooled to `out`. */
struct fc_spool;
enum fc_status fc_spool_open(struct fc_spool **sp, struct fc_error *err);
enum fc_status fc_spool_write(struct fc_spool *sp, const void *p, size_t n, struct fc_error *err);
enum fc_status fc_spool_copy(struct fc_spool *sp, struct fc_output *out, struct fc_error *err);
void fc_spool_close(struct fc_spool *sp);

/* ---- text.c ------------------------------------------------------- */

/* One UTF-8 sequence at p (n > 0 bytes): its length and code point; 0 when
 * malformed (overlong, surrogate, past U+10FFFF); (size_t)-1 when the
 * bytes so far are valid but the sequence is cut short at n. */
size_t fc_utf8_decode(const unsigned char *p, size_t n, uint32_t *cp);
/* Length of the valid UTF-8 prefix of s[0..n). */
size_t fc_utf8_valid_prefix(const char *s, size_t n);
bool fc_utf8_valid(const char *s, size_t n);
/* Append s to b with invalid UTF-8 sequences replaced by U+FFFD; returns the
 * number of replacements. */
size_t fc_utf8_repair(struct fc_buf *b, const char *s, size_t n);
/* Append one code point as UTF-8. */
void fc_utf8_put(struct fc_buf *b, uint32_t cp);
/* XML-escape: & < > always, " in attributes (attr=true). Control
 * characters not allowed in XML 1.0 are dropped. */
void fc_xml_escape(struct fc_buf *b, const char *s, size_t n, bool attr);
/* Plain text of an HTML fragment: tags removed, entities decoded,
 * whitespace folded.  Result in the arena; NULL on ENOMEM. */
char *fc_html_to_text(struct fc_arena *a, const char *html);
/* The same through libxml2's HTML parser, always (fc_html_to_text reads
 * plain HTML itself and must agree with this; tests compare the two). */
char *fc_html_to_text_parsed(struct fc_arena *a, const char *html);
/* True when s looks like it holds HTML markup or entities. */
bool fc_looks_like_html(const char *s);
/* Whitespace-trimmed copy in the arena. */
char *fc_strtrim(struct fc_arena *a, const char *s, size_t n);
/* ASCII case-insensitive compare (locale-free). */
int fc_strcasecmp(const char *a, const char *b);
int fc_strncasecmp(const char *a, const char *b, size_t n);
/* Parse a decimal integer with optional surrounding spaces; false when s
 * is not entirely a number in [min, max]. */
bool fc_parse_int(const char *s, int64_t min, int64_t max, int64_t *out);
/* A URL-safe slug (lowercase ASCII letters, digits, '-'; at most max
 * bytes; never empty: "post" when nothing remains) into the arena. */
char *fc_slugify(struct fc_arena *a, const char *s, size_t max);
/* Resolve ref against base (RFC 3986 section 5); arena copy, NULL on ENOMEM.
 * When base is NULL or ref is absolute, ref is copied. */
char *fc_url_resolve(struct fc_arena *a, const char *base, const char *ref);

/* ---- date.c: see fc_time_* in feedconv.h ---------------------------- */

/* Parse, and when unparsable keep the trimmed text in t->raw (arena copy)
 * and return FC_EPARSE so the caller can warn.  FC_ENOMEM possible. */
enum fc_status fc_time_parse_keep(struct fc_arena *a, const char *s, struct fc_time *t);
static inline bool fc_time_present(const struct fc_time *t)
{
    return t->precision != FC_TIME_NONE || t->raw != NULL;
}

/* ---- html2md.c / md2html.c ----------------------------------------- */

/* HTML fragment -> CommonMark/GFM Markdown appended to out. Elements
 * Markdown cannot say are kept as raw HTML. */
enum fc_status fc_html_to_markdown(const char *html, size_t len, struct fc_buf *out,
                                   struct fc_error *err);
/* Markdown (GFM) -> HTML appended to out; raw HTML kept. */
enum fc_status fc_markdown_to_html(const char *md, size_t len, struct fc_buf *out,
                                   struct fc_error *err);

/* ---- model.c ------------------------------------------------------- */

/* Reset a time / fields to "unknown" values used by fc_post_new. */
void fc_post_init_fields(struct fc_post *p);

/* ---- registry.c ---------------------------------------------------- */

extern const struct fc_format fc_format_rss;
extern const struct fc_format fc_format_atom;
extern const struct fc_format fc_format_jsonfeed;
extern const struct fc_format fc_format_markdown;

/* ---- convert.c ----------------------------------------------------- */

/* A handler that collects into a feed (fc_read's engine). */
struct fc_collector {
    struct fc_feed *feed; /* the reader's feed, once seen */
    struct fc_list posts; /* struct fc_post_item, allocated with malloc */
};

#endif
