/*
 * fetch.h - downloading the files a migrated site uses (images,
 * attachments) into its output directory, with libcurl.
 *
 * Network access happens here only, and only through a struct fc_fetch
 * that a caller made because it was asked to (the `fetch-images`
 * setting): no other module links to libcurl, and nothing in the library
 * creates one by default.
 *
 * How a site writer uses it:
 *
 *     struct fc_fetch *f;                          // once, at begin()
 *     fc_fetch_new(out, &fopts, &f, err);
 *     ...                                          // per post:
 *     const struct fc_fetch_result *r;
 *     fc_fetch_add(f, url, "content/posts/hello", &r, err);   // each image
 *     fc_fetch_run(f, err);                        // downloads them all
 *     ... r->status == FC_OK: write r->path (or r->name, in a bundle)
 *         in place of url; else keep url ...
 *     fc_fetch_warn(f, opt, err, fc_out_name(out));   // once, at end()
 *     fc_fetch_free(f);
 *
 * The same URL added twice for one directory is one download with one
 * result; a failed one keeps its original URL (the caller rewrites only
 * successful ones) and fc_fetch_warn lists every failure in one warning.
 *
 * What a transfer may do: only http and https, redirects included (at
 * most max_redirects of them); connect and total timeouts; a size limit
 * per file, checked against Content-Length up front and against the bytes
 * as they come; no cookies, no .netrc, no proxy unless opts.proxy names
 * one (the library reads no environment, so http_proxy and friends are
 * the CLI's business); a User-Agent naming feedconv.  Files are written
 * through io.c: atomically, below the output directory only, and nothing
 * at all when a download fails.
 *
 * Originals rather than resized copies: WordPress serves `name-300x200.jpg`
 * and `name-scaled.jpg` for `name.jpg`, and WordPress.com / Jetpack
 * resize by query (`?w=640`, `?resize=640,480`, `?fit=`...).  For such a
 * URL the original (suffix or resizing arguments removed) is fetched
 * first; when it fails with an HTTP error or is over the size limit, the
 * URL as given.  The file is named after the original either way.
 *
 * File names: the URL's last path segment, percent-decoded and slugged
 * (fc_slugify), with its extension lowercased when it is a media file's
 * (jpg, png, webp, svg, mp3, pdf...); otherwise the extension of the
 * response's Content-Type when it is a known one ("image.php?id=3" served
 * as image/png is image-php.png), else none.
 * Names are unique per directory by stem, whatever the extension, in
 * the order of fc_fetch_add (photo.jpg, photo-2.png, photo-3.jpg), so the
 * same input gives the same names however the downloads interleave.
 *
 * libcurl's global state: fc_fetch_new calls curl_global_init and
 * fc_fetch_free curl_global_cleanup, one pair per fetcher, which libcurl
 * counts.  Both are thread-safe on a libcurl whose curl_version_info()
 * has CURL_VERSION_THREADSAFE (7.84.0 and later on the usual platforms,
 * Debian 12's 7.88 among them), so fetchers may be made in any thread.
 * With an older libcurl a threaded program must call curl_global_init
 * itself before it starts threads (then ours only count), as libcurl's
 * documentation asks of every library using it.  Transfers set
 * CURLOPT_NOSIGNAL: no signal handler is installed, and timeouts still
 * hold with the threaded resolver Debian's libcurl uses; libcurl then
 * leaves SIGPIPE alone too, so a program ignores it itself (the CLI does).
 */
#ifndef FC_FETCH_H
#define FC_FETCH_H

#include "feedconv.h"

#include <stdbool.h>
#include <stdint.h>

/* The defaults of struct fc_fetch_opts' zero fields. */
#define FC_FETCH_PARALLEL 4
#define FC_FETCH_PARALLEL_MAX 32 /* more is not asked of one server */
#define FC_FETCH_CONNECT_TIMEOUT_MS 10000L
#define FC_FETCH_TIMEOUT_MS 60000L
#define FC_FETCH_MAX_BYTES ((int64_t)64 << 20)
#define FC_FETCH_MAX_REDIRECTS 5L

/* How to download; zero fields take the defaults above, so `= {0}` is a
 * good start.  The strings are copied by fc_fetch_new. */
struct fc_fetch_opts {
    unsigned parallel;       /* transfers at once (at most the _MAX) */
    long connect_timeout_ms; /* to connect, per attempt */
    long timeout_ms;         /* the whole transfer, redirects included */
    int64_t max_bytes;       /* one file */
    long max_redirects;      /* followed; negative: none */
    bool as_given;           /* fetch resized URLs as given, no original */
    const char *proxy;       /* a proxy URL; NULL: direct connections */
    const char *user_agent;  /* NULL: "feedconv/" FC_VERSION */
};

/* What became of one URL.  Strings are lent: valid until fc_fetch_free. */
struct fc_fetch_result {
    const char *url;  /* as added */
    const char *dir;  /* as added ("" for the top of the output) */
    const char *path; /* the file, relative to the output directory; an
                       * extension from the Content-Type is added when the
                       * file is written */
    const char *name; /* path's last component */
    bool done;        /* fc_fetch_run has dealt with it */
    /* With done: */
    enum fc_status status;    /* FC_OK: written at path */
    const char *source;       /* the URL written (the original of a resized
                               * image, or url); NULL on failure */
    long http_status;         /* the last response's status; 0: none */
    int64_t bytes;            /* written */
    const char *content_type; /* without parameters, lowercased; NULL: none */
    const char *error;        /* why it failed; NULL when it did not */
};

struct fc_fetch;

/*
 * A fetcher writing into the directory output `out` (lent: it must
 * outlive the fetcher), with opts (NULL: the defaults).  Initialises
 * libcurl (see above); connects to nothing yet.  FC_ENOMEM; FC_EUSAGE when
 * out is not a directory; FC_EIO when libcurl cannot start.  *f is NULL on
 * failure.
 */
enum fc_status fc_fetch_new(struct fc_output *out, const struct fc_fetch_opts *opts,
                            struct fc_fetch **f, struct fc_error *err);

/*
 * Queue url (absolute) for download into dir (a relative directory of the
 * output, "" or NULL for its top) and plan its file name.  *res (may be
 * NULL) is its result, lent, filled by fc_fetch_run; an URL already added
 * for that directory gives the earlier result and no second download.  An
 * URL that is not http(s) fails at once (a result with done set and an
 * error, listed by fc_fetch_warn), without any connection.  Only
 * FC_ENOMEM is returned (*res NULL then).
 */
enum fc_status fc_fetch_add(struct fc_fetch *f, const char *url, const char *dir,
                            const struct fc_fetch_result **res, struct fc_error *err);

/*
 * Download everything queued since the last run, at most opts.parallel at
 * once, and fill the results.  A failed download is not an error of the
 * run (its result says why); the run fails only with FC_ENOMEM (anything
 * already written stays, and the results not done say which were not
 * tried).
 */
enum fc_status fc_fetch_run(struct fc_fetch *f, struct fc_error *err);

/* The result of url in dir (NULL or "": the top), NULL when it was never
 * added. */
const struct fc_fetch_result *fc_fetch_find(const struct fc_fetch *f, const char *url,
                                            const char *dir);

/* How many downloads have failed so far. */
size_t fc_fetch_failed(const struct fc_fetch *f);

/*
 * One warning (through opt, at file) listing the failures not reported
 * yet, each URL with its reason, as many as the message holds and a count
 * of the rest; nothing when there are none.  Returns fc_warn's status
 * (FC_EWARN under FC_OPT_STRICT).
 */
enum fc_status fc_fetch_warn(struct fc_fetch *f, const struct fc_options *opt, struct fc_error *err,
                             const char *file);

/* Free the fetcher (NULL: nothing) and its results; releases libcurl. */
void fc_fetch_free(struct fc_fetch *f);

#endif
