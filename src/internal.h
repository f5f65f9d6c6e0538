/*
 * internal.h - what the library's modules share and the public API does
 * not show, grouped by the module that defines it.  Names are
 * fc_<module>_..., or fc_ for the tiny basics (fc_buf, fc_strcasecmp).
 *
 * The byte and text helpers of src/util/ have a header each, included
 * here so every module sees them; the util modules with a narrower
 * audience (html2md.h, html_urls.h, scan.h), the syntax plumbing of
 * src/syntax/ (XML, JSON, YAML, front matter) and the `_feedconv` codec
 * (extcodec.h) are included only where they are used.  Formats are not
 * declared here: each src/formats/<name>.c exports fc_format_<name>,
 * which only registry.c names.
 */
#ifndef FC_INTERNAL_H
#define FC_INTERNAL_H

#include "feedconv.h"

#include "util/buf.h" /* struct fc_buf, FC_PRINTF */
#include "util/html_text.h"
#include "util/slug.h"
#include "util/str.h"
#include "util/url.h"
#include "util/utf8.h"
#include "util/xml_escape.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Default safety limits (fc_options_init, and readers given 0). */
#define FC_DEFAULT_MAX_INPUT ((size_t)4 << 30) /* bytes of one stream */
#define FC_DEFAULT_MAX_DEPTH 256u
#define FC_MAX_FILE (256u << 20) /* one file of a directory format */

/* ---- arena.c ------------------------------------------------------ */

/* A new empty arena; NULL on ENOMEM.  fc_alloc / fc_strdup (feedconv.h)
 * allocate from it; fc_arena_free (NULL: nothing) releases it all. */
struct fc_arena *fc_arena_new(void);
void fc_arena_free(struct fc_arena *a);
/* Bytes of memory the arena holds (convert.c bounds its look-ahead of
 * posts with it). */
size_t fc_arena_size(const struct fc_arena *a);

/* ---- model.c -------------------------------------------------------- */

/* The post's first attachment of kind FC_MEDIA_ENCLOSURE (an RSS
 * enclosure, an Atom enclosure link): the episode's media, whose duration
 * is itunes:duration; NULL when none. */
const struct fc_media *fc_post_enclosure(const struct fc_post *p);

/* ---- options.c ----------------------------------------------------- */

/* What a writer keeps: a copy of *src, or the defaults when src is NULL
 * (the rule in feedconv.h: writers copy the options). */
void fc_options_copy(struct fc_options *dst, const struct fc_options *src);
/* A FC_SETTING_BOOL setting's value (its default when not set). */
bool fc_options_bool(const struct fc_options *opt, const char *format, const char *name);

/* ---- error.c ------------------------------------------------------ */

/* Fill err (may be NULL) and return code; file may be NULL.  fc_failv
 * takes a va_list. */
enum fc_status fc_fail(struct fc_error *err, enum fc_status code, const char *file,
                       unsigned long line, unsigned long column, const char *fmt, ...)
    FC_PRINTF(6, 7);
enum fc_status fc_failv(struct fc_error *err, enum fc_status code, const char *file,
                        unsigned long line, unsigned long column, const char *fmt, va_list ap);
/* Shorthand for the out-of-memory failure. */
enum fc_status fc_nomem(struct fc_error *err);

/* Inside fc_convert, the post() of the handler a reader is given answers
 * FC_ENOUGH once the output takes no more posts (fc_options.limit), but
 * only to the reader of a format whose caps have FC_CAP_STOPS: it ends
 * the read there (no more posts read or converted), calls end() and
 * returns FC_OK.  Never returned to the library's callers. */
#define FC_ENOUGH ((enum fc_status)0x100)
#define FC_CAP_STOPS 0x10000 /* the library's own bit of fc_format.caps */
/* Report a warning through opt->warn (opt may be NULL).  Returns
 * FC_EWARN (and fills err) when FC_OPT_STRICT is set, FC_OK otherwise:
 * callers propagate it. */
enum fc_status fc_warn(const struct fc_options *opt, struct fc_error *err, const char *file,
                       unsigned long line, unsigned long column, const char *fmt, ...)
    FC_PRINTF(6, 7);

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
/* fc_list_add (feedconv.h), recording the allocation failure in s when
 * it returns NULL. */
static inline void *fc_sticky_add(struct fc_sticky *s, struct fc_arena *a, struct fc_list *list,
                                  size_t size)
{
    void *e = fc_list_add(a, list, size);
    if (!e)
        fc_sticky_nomem(s);
    return e;
}
/* Record a failure (code != FC_OK) at line:column of s->file. */
void fc_sticky_fail(struct fc_sticky *s, enum fc_status code, unsigned long line,
                    unsigned long column, const char *fmt, ...) FC_PRINTF(5, 6);
/* Report a warning at line:column (0: unknown) of s->file. */
void fc_sticky_warn(struct fc_sticky *s, unsigned long line, unsigned long column, const char *fmt,
                    ...) FC_PRINTF(4, 5);
/* The same with a va_list. */
void fc_sticky_vfail(struct fc_sticky *s, enum fc_status code, unsigned long line,
                     unsigned long column, const char *fmt, va_list ap);
void fc_sticky_vwarn(struct fc_sticky *s, unsigned long line, unsigned long column, const char *fmt,
                     va_list ap);
/* Record st when it is a failure (a callee's status); returns s->st. */
enum fc_status fc_sticky_set(struct fc_sticky *s, enum fc_status st);

/* ---- io.c: what formats may do with streams and directories -------- */

/* Stream input: read up to cap bytes; *got = 0 at end of input. */
enum fc_status fc_in_read(struct fc_input *in, void *buf, size_t cap, size_t *got,
                          struct fc_error *err);
/* The first bytes (up to 64 KiB) without consuming them. */
enum fc_status fc_in_peek(struct fc_input *in, const unsigned char **head, size_t *len,
                          struct fc_error *err);
/* Append the whole (remaining) stream to b; FC_ELIMIT when it holds more
 * than max bytes. */
enum fc_status fc_in_slurp(struct fc_input *in, struct fc_buf *b, size_t max, struct fc_error *err);
/* Is in a directory (fc_in_dir_*) rather than a stream (fc_in_read)? */
bool fc_in_is_dir(const struct fc_input *in);
/* Bytes handed to the reader so far: of the stream (fc_in_read), or of the
 * directory's files (fc_in_dir_read); for fc_options.progress. */
uint64_t fc_in_bytes(const struct fc_input *in);

/* Directory input.  Paths are relative to the input directory, '/'
 * separated; "" is the directory itself.  Entries come sorted by name
 * (byte order) so output does not depend on the file system. */
typedef enum fc_status (*fc_dir_fn)(void *ctx, const char *relpath, bool is_dir,
                                    struct fc_error *err);
enum fc_status fc_in_dir_list(struct fc_input *in, const char *rel, fc_dir_fn fn, void *ctx,
                              struct fc_error *err);
/* Append the whole file rel to b (at most max bytes, else FC_ELIMIT);
 * FC_EIO when it cannot be opened, FC_EUSAGE for an unsafe path ("..",
 * absolute).  Symlinks leaving the directory are refused. */
enum fc_status fc_in_dir_read(struct fc_input *in, const char *rel, struct fc_buf *b, size_t max,
                              struct fc_error *err);
/* Does rel exist below the input directory (a file or a directory)? */
bool fc_in_dir_exists(struct fc_input *in, const char *rel);
/* The bytes of the system's TZif file of IANA zone `name` (Debian's
 * tzdata under /usr/share/zoneinfo) appended to b.  FC_EUSAGE for what is
 * no zone name (empty, absolute, "..", odd bytes) or a file that resolves
 * outside that directory; FC_EIO for an unknown zone. */
enum fc_status fc_zoneinfo_read(const char *name, struct fc_buf *b, struct fc_error *err);

/* Stream output, buffered; fc_output_commit (feedconv.h) flushes. */
enum fc_status fc_out_write(struct fc_output *out, const void *p, size_t n, struct fc_error *err);
/* Write b's bytes and reset b (FC_ENOMEM when b->oom). */
enum fc_status fc_out_buf(struct fc_output *out, struct fc_buf *b, struct fc_error *err);
/* Directory output: write one whole file atomically at rel (parents are
 * created; "..", absolute paths and symlinks are refused). */
enum fc_status fc_out_dir_write(struct fc_output *out, const char *rel, const void *p, size_t n,
                                struct fc_error *err);
/* Copy the regular file src_rel below the directory src_dir (a site read
 * earlier) to rel in the output directory, written as fc_out_dir_write
 * writes.  FC_EUSAGE for an unsafe path ("..", absolute) or what is not a
 * regular file; symlinks on the way are refused (FC_EIO), as is a file
 * larger than max bytes (FC_ELIMIT). */
enum fc_status fc_out_dir_copy(struct fc_output *out, const char *rel, const char *src_dir,
                               const char *src_rel, size_t max, struct fc_error *err);
/*
 * Directory output, streamed: a file at rel written in chunks.  Same path
 * rules as fc_out_dir_write; the bytes go to a temporary in rel's
 * directory that fc_out_file_commit links into place (replacing a file
 * there); fc_out_file_close without a commit discards it, so no partial
 * file ever appears at rel, whatever fails.  Several files may be open at
 * once; close them all before their output.  After a failed write the
 * file only takes fc_out_file_close.
 */
struct fc_out_file;
/* Is rel a path those functions take: relative, plain components (no
 * "..", ".", empty ones), not too long? */
bool fc_out_path_ok(const char *rel);
enum fc_status fc_out_file_open(struct fc_output *out, const char *rel, struct fc_out_file **f,
                                struct fc_error *err);
enum fc_status fc_out_file_write(struct fc_out_file *f, const void *p, size_t n,
                                 struct fc_error *err);
enum fc_status fc_out_file_commit(struct fc_out_file *f, struct fc_error *err);
/* Free f (NULL: nothing), discarding it unless it was committed. */
void fc_out_file_close(struct fc_out_file *f);
/* Does rel exist in the output directory? */
bool fc_out_dir_exists(struct fc_output *out, const char *rel);
/* The output's name for messages (lent). */
const char *fc_out_name(const struct fc_output *out);

/* A spool: bytes a writer must hold back (e.g. Atom entries until the feed
 * header can be written) kept in an unnamed temporary file, so memory
 * stays bounded.  fc_spool_copy appends everything spooled to `out`. */
struct fc_spool;
enum fc_status fc_spool_open(struct fc_spool **sp, struct fc_error *err);
enum fc_status fc_spool_write(struct fc_spool *sp, const void *p, size_t n, struct fc_error *err);
enum fc_status fc_spool_copy(struct fc_spool *sp, struct fc_output *out, struct fc_error *err);
void fc_spool_close(struct fc_spool *sp);
/* Reading a spool back (a reader that needs two passes, e.g. WXR, or a
 * writer filling in what it learnt later).  The bytes written so far (the
 * offset the next write lands at). */
uint64_t fc_spool_size(const struct fc_spool *sp);
/* Overwrite n bytes at offset off with p; FC_EUSAGE past the end, FC_EIO. */
enum fc_status fc_spool_patch(struct fc_spool *sp, uint64_t off, const void *p, size_t n,
                              struct fc_error *err);
/* Read n bytes at offset off into p; FC_EUSAGE past the end, FC_EIO. */
enum fc_status fc_spool_read(struct fc_spool *sp, uint64_t off, void *p, size_t n,
                             struct fc_error *err);
/* An input over all of the spool from the start, to be closed before the
 * spool and read while nothing is written to it (one such input at a
 * time; fc_spool_read may be used meanwhile). */
enum fc_status fc_spool_input(struct fc_spool *sp, const char *name, struct fc_input **in,
                              struct fc_error *err);

/* ---- postcodec.c: a post as bytes and back (the merge's spill) ------ */

/* Append p's bytes to out. */
enum fc_status fc_post_encode(const struct fc_post *p, struct fc_buf *out, struct fc_error *err);
/* The post those bytes were (a new one, the caller frees). */
enum fc_status fc_post_decode(const void *data, size_t n, struct fc_post **p, struct fc_error *err);

/* ---- merge.c: several inputs into one feed (fc_convert_many) -------- */

struct fc_merge;
enum fc_status fc_merge_new(struct fc_merge **m, struct fc_error *err);
/* The handler input i (0, 1, ... in order) is read into; lent. */
struct fc_handler *fc_merge_input(struct fc_merge *m, size_t i);
/* Everything read, deduplicated and newest first, into out (begin, the
 * posts, end) under the first input's feed. */
enum fc_status fc_merge_emit(struct fc_merge *m, struct fc_handler *out, struct fc_error *err);
void fc_merge_free(struct fc_merge *m);

/* ---- convert.c: how a writer is built ------------------------------ */

/*
 * A writer is a handler (feedconv.h) whose state is a struct that begins
 * with a struct fc_writer.  The format's open_writer allocates the state
 * with calloc and, when that worked, points base.h at its functions (ctx:
 * the state) and sets up its own parts; then it returns fc_writer_open(),
 * which does the rest.  destroy() frees the format's parts and the state.
 */
struct fc_writer {
    struct fc_handler h;   /* what open_writer hands out */
    struct fc_output *out; /* set by fc_writer_open */
    struct fc_options opt; /* the caller's, copied (feedconv.h: writers copy them) */
    /*
     * Optional: the costly part of post() that depends on nothing but the
     * post, which fc_convert runs ahead on worker threads when
     * fc_options.jobs > 1 (convert.c).  prepare() may read the post and
     * the writer's settings fixed by open_writer, never its running state;
     * it runs concurrently with post() of earlier posts and must not warn.
     * Its result (NULL: none) is lent to post() of that post in
     * `prepared`; post() may take it (setting prepared to NULL), else it
     * is freed with prepared_free after post().  post() must give the same
     * output with or without it.
     */
    void *(*prepare)(const struct fc_writer *w, const struct fc_post *p);
    void (*prepared_free)(void *r);
    void *prepared;
};

/*
 * The end of every open_writer.  state: the writer's state (beginning
 * with a struct fc_writer), NULL when its allocation failed (FC_ENOMEM).
 * FC_EUSAGE, naming `format`, when out is not a directory (`directory`)
 * or not a stream (!`directory`): fc_convert checks that too, but
 * open_writer may be called directly.  Sets out and copies opt into the
 * state and hands out its handler in *writer; on failure *writer is NULL
 * and the state is destroyed.
 */
enum fc_status fc_writer_open(void *state, const char *format, bool directory,
                              struct fc_output *out, const struct fc_options *opt,
                              struct fc_handler **writer, struct fc_error *err);

/* A sticky status (error.c) for one step of a writer: warnings go through
 * its options and name its output. */
static inline struct fc_sticky fc_writer_sticky(const struct fc_writer *w, struct fc_error *err)
{
    return (struct fc_sticky){FC_OK, &w->opt, err, fc_out_name(w->out)};
}

/* The title a writer gives a feed that has none, the same in every format:
 * the host of the home page, else of the feed URL, else "Untitled feed".
 * *title is lent (a copy in a, or a constant); FC_ENOMEM. */
enum fc_status fc_writer_title(struct fc_arena *a, const struct fc_feed *f, const char **title,
                               struct fc_error *err);

/* ---- jobs.c: an ordered pool of worker threads ---------------------- */

/*
 * Items worked on by several threads and delivered in order
 * (fc_options.jobs).  The calling thread adds items; work() runs on a
 * pool thread or on the calling thread (while it waits for the oldest
 * item, it works on those no thread has taken); deliver() runs on the
 * calling thread, one item
 * after the other in the order they were added, and release() once for
 * every item, delivered or not.  At most FC_JOBS_QUEUE * threads items
 * wait: adding one more delivers the oldest first.  work() may read its item and what
 * no one changes meanwhile, write only its item, call only thread-safe
 * code, and never warn.  After a failed delivery nothing more is
 * delivered: fc_jobs_add and fc_jobs_flush return that status.
 */
#define FC_JOBS_MAX 256u /* threads in one pool, at most */
#define FC_JOBS_QUEUE 8u /* items waiting per thread, at most: batches hand-offs */

struct fc_jobs;
struct fc_jobs_ops {
    void (*work)(void *ctx, void *item);
    enum fc_status (*deliver)(void *ctx, void *item, struct fc_error *err);
    void (*release)(void *ctx, void *item);
};
/* A pool of `threads` threads, the calling thread one of them: it starts
 * threads - 1 (fewer when the system gives fewer; 0 or 1 is fine: the
 * calling thread does the work).  opt is the caller's: see
 * fc_jobs_options.  FC_ENOMEM. */
enum fc_status fc_jobs_new(unsigned threads, const struct fc_jobs_ops *ops, void *ctx,
                           const struct fc_options *opt, struct fc_jobs **jobs,
                           struct fc_error *err);
/* The options for the code upstream of the pool, on the calling thread (a
 * reader, filters): opt with a warn that keeps each warning raised while
 * items wait and delivers it in its place, before the first item added
 * after it, so that the order of warnings and items is the serial one.
 * Lent: lives as long as the pool. */
const struct fc_options *fc_jobs_options(const struct fc_jobs *j);
/* Add item (released on failure); may deliver older items first. */
enum fc_status fc_jobs_add(struct fc_jobs *j, void *item, struct fc_error *err);
/* Deliver every item waiting and then the warnings kept after them. */
enum fc_status fc_jobs_flush(struct fc_jobs *j, struct fc_error *err);
/* Hand item on: to pool j, or (j NULL: no threads) through ops' work,
 * deliver and release now; a failure goes to s. */
void fc_jobs_hand(struct fc_jobs *j, const struct fc_jobs_ops *ops, void *ctx, void *item,
                  struct fc_sticky *s);
/* A reader's end with its pool: the items waiting are delivered; when
 * the reader failed (s not ok), those it read before the failure all the
 * same (as without threads), unless one of them fails first: then that
 * failure is s's. */
void fc_jobs_finish(struct fc_jobs *j, struct fc_sticky *s);
/* Has a delivery failed (err was filled then)? */
bool fc_jobs_failed(const struct fc_jobs *j);
/* Stop and join the threads, release the items not delivered, drop the
 * warnings kept for them; NULL: nothing. */
void fc_jobs_free(struct fc_jobs *j);

/* An item's own warnings: its work warns through opt (a copy of the
 * reader's), which keeps them to be given when the item is delivered,
 * in their place. */
struct fc_job_warning;
struct fc_job_warnings {
    struct fc_options opt;
    struct fc_job_warning *list, **last;
    bool lost; /* one could not be kept */
};
/* A job of `size` bytes with its warnings at offset `warn_off`, zeroed
 * but for their options' settings array (9 KB, unread past n_settings):
 * jobs come one a post.  NULL on ENOMEM; free() it. */
void *fc_job_new(size_t size, size_t warn_off);
#define FC_JOB_NEW(type, member) ((type *)fc_job_new(sizeof(type), offsetof(type, member)))
/* w zeroed (the job from fc_job_new); opt NULL: the defaults. */
void fc_job_warnings_init(struct fc_job_warnings *w, const struct fc_options *opt);
/* Give them to opt's warn, in the order raised; false if one was lost. */
bool fc_job_warnings_give(const struct fc_job_warnings *w, const struct fc_options *opt);
void fc_job_warnings_free(struct fc_job_warnings *w);

/* ---- util/date.c (the rest is fc_time_* in feedconv.h) -------------- */

/* fc_time_parse, and when s does not parse keep its trimmed text (if any)
 * in t->raw (arena copy) and return FC_EPARSE so the caller can warn.
 * FC_ENOMEM possible. */
enum fc_status fc_time_parse_keep(struct fc_arena *a, const char *s, struct fc_time *t);
/* Days since 1970-01-01 of a proleptic Gregorian date (month 1-12), and
 * the date of a day count (Howard Hinnant's days_from_civil and its
 * inverse). */
int64_t fc_days_from_civil(int64_t y, unsigned m, unsigned d);
void fc_civil_from_days(int64_t days, int64_t *y, unsigned *m, unsigned *d);
/* Does t hold a time, parsed or raw? */
static inline bool fc_time_present(const struct fc_time *t)
{
    return t->precision != FC_TIME_NONE || t->raw != NULL;
}

/* ---- util/html2md.c, util/md2html.c: HTML <-> Markdown -------------- */

/* HTML fragment -> CommonMark/GFM Markdown appended to out.  Elements
 * Markdown cannot say are kept as raw HTML (util/html2md.h has the normal
 * form the round trip is measured with). */
enum fc_status fc_html_to_markdown(const char *html, size_t len, struct fc_buf *out,
                                   struct fc_error *err);
/* Markdown (CommonMark + GFM) -> HTML appended to out; raw HTML kept. */
enum fc_status fc_markdown_to_html(const char *md, size_t len, struct fc_buf *out,
                                   struct fc_error *err);

#endif
