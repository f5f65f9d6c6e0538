/*
 * fetch.c - downloads into a directory output with libcurl (fetch.h has
 * the contract).  One curl multi handle per fetcher runs up to
 * opts.parallel easy handles (the slots) over a FIFO of queued items; it
 * lives as long as the fetcher, so connections are reused from one post's
 * run to the next.  A transfer opens its file at its first byte (the
 * Content-Type is known by then) and streams into it; the file is linked
 * into place only when the transfer ended well, and discarded otherwise.
 */
#include "fetch.h"
#include "internal.h"
#include "util/strmap.h"

#include <curl/curl.h>
#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

#define STEM_MAX 80   /* bytes of a file name's stem */
#define LIST_ROOM 440 /* bytes of the failure list in the one warning */

struct item {
    struct fc_fetch_result r; /* handed out */
    const char *stem;         /* the unique file name, without extension */
    const char *ext;          /* from the URL ("jpg"), NULL: from the Content-Type */
    const char *original;     /* the URL to try first, NULL: none */
    const char *trying;       /* the URL of the current attempt */
    size_t seq;               /* the order of fc_fetch_add */
    struct item *next;        /* in the queue, then in the failure list */
};

/* A transfer in progress. */
struct slot {
    struct fc_fetch *f;
    CURL *easy;
    struct item *it; /* NULL: free */
    struct fc_out_file *file;
    int64_t got;
    bool too_big;
    enum fc_status io_st; /* writing the file failed (io_err says why) */
    struct fc_error io_err;
};

/*
 * libcurl is loaded by the first fetcher, not with the program: linked,
 * it and the TLS, Kerberos, LDAP and SSH libraries it brings are half
 * the resident memory and most of the start-up of every conversion,
 * though only --fetch-images uses them.  Once loaded it stays (TLS
 * libraries do not support being unloaded).
 */
struct curl_api {
    CURLcode (*global_init)(long flags);
    void (*global_cleanup)(void);
    const char *(*easy_strerror)(CURLcode c);
    CURL *(*easy_init)(void);
    void (*easy_reset)(CURL *e);
    void (*easy_cleanup)(CURL *e);
    CURLcode (*easy_setopt)(CURL *e, CURLoption o, ...);
    CURLcode (*easy_getinfo)(CURL *e, CURLINFO i, ...);
    CURLM *(*multi_init)(void);
    CURLMcode (*multi_setopt)(CURLM *m, CURLMoption o, ...);
    CURLMcode (*multi_add_handle)(CURLM *m, CURL *e);
    CURLMcode (*multi_remove_handle)(CURLM *m, CURL *e);
    CURLMcode (*multi_perform)(CURLM *m, int *running);
    CURLMsg *(*multi_info_read)(CURLM *m, int *left);
    CURLMcode (*multi_poll)(CURLM *m, struct curl_waitfd fds[], unsigned n, int ms, int *ret);
    CURLMcode (*multi_cleanup)(CURLM *m);
    const char *(*multi_strerror)(CURLMcode c);
};

#define CURL_SONAME "libcurl.so.4"

static enum fc_status curl_load(struct curl_api *cu, struct fc_error *err)
{
    static const char *const names[] = {
        "curl_global_init",   "curl_global_cleanup",   "curl_easy_strerror",
        "curl_easy_init",     "curl_easy_reset",       "curl_easy_cleanup",
        "curl_easy_setopt",   "curl_easy_getinfo",     "curl_multi_init",
        "curl_multi_setopt",  "curl_multi_add_handle", "curl_multi_remove_handle",
        "curl_multi_perform", "curl_multi_info_read",  "curl_multi_poll",
        "curl_multi_cleanup", "curl_multi_strerror",
    };
    void (*fns[sizeof names / sizeof names[0]])(void);
    _Static_assert(sizeof fns == sizeof *cu, "one name per member of struct curl_api");
    void *lib = dlopen(CURL_SONAME, RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
    if (!lib)
        return fc_fail(err, FC_EIO, NULL, 0, 0, "cannot load libcurl (%s): %s", CURL_SONAME,
                       dlerror());
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        void *sym = dlsym(lib, names[i]);
        if (!sym)
            return fc_fail(err, FC_EIO, NULL, 0, 0, "libcurl (%s) has no %s", CURL_SONAME,
                           names[i]);
        memcpy(&fns[i], &sym, sizeof sym); /* POSIX: a function's address */
    }
    memcpy(cu, fns, sizeof *cu);
    return FC_OK;
}

struct fc_fetch {
    struct curl_api cu; /* first: loaded by fc_fetch_new */
    struct fc_output *out;
    struct fc_arena *arena; /* items, names, copies of the options */
    struct fc_fetch_opts opts;
    CURLM *multi;
    bool curl_ready;    /* curl_global_init succeeded: cleanup owed */
    struct slot *slots; /* opts.parallel of them */
    unsigned active;
    struct fc_strmap items; /* "dir\nurl" -> struct item */
    struct fc_strmap names; /* "dir/stem" -> struct name: stems taken */
    size_t added;
    struct item *queue, *queue_last;
    struct item *failed, *failed_last, *unreported;
    size_t nfailed, nunreported;
};

/* A taken stem, and the last suffix tried after it. */
struct name {
    unsigned suffix;
};

/* ---- the fetcher ------------------------------------------------------- */

static enum fc_status copy_opt(struct fc_fetch *f, const char **field, struct fc_error *err)
{
    if (*field && !(*field = fc_strdup(f->arena, *field, (size_t)-1)))
        return fc_nomem(err);
    return FC_OK;
}

static void opts_defaults(struct fc_fetch_opts *o)
{
    if (!o->parallel)
        o->parallel = FC_FETCH_PARALLEL;
    if (o->parallel > FC_FETCH_PARALLEL_MAX)
        o->parallel = FC_FETCH_PARALLEL_MAX;
    if (o->connect_timeout_ms <= 0)
        o->connect_timeout_ms = FC_FETCH_CONNECT_TIMEOUT_MS;
    if (o->timeout_ms <= 0)
        o->timeout_ms = FC_FETCH_TIMEOUT_MS;
    if (o->max_bytes <= 0)
        o->max_bytes = FC_FETCH_MAX_BYTES;
    if (o->max_redirects == 0)
        o->max_redirects = FC_FETCH_MAX_REDIRECTS;
    if (!o->user_agent)
        o->user_agent = "feedconv/" FC_VERSION;
}

enum fc_status fc_fetch_new(struct fc_output *out, const struct fc_fetch_opts *opts,
                            struct fc_fetch **fp, struct fc_error *err)
{
    *fp = NULL;
    if (!fc_output_is_dir(out))
        return fc_fail(err, FC_EUSAGE, fc_out_name(out), 0, 0, "downloads need a directory output");
    struct fc_fetch *f = calloc(1, sizeof *f);
    if (!f)
        return fc_nomem(err);
    f->out = out;
    if (opts)
        f->opts = *opts;
    opts_defaults(&f->opts);
    enum fc_status st = FC_OK;
    f->arena = fc_arena_new();
    f->slots = calloc(f->opts.parallel, sizeof *f->slots);
    if (!f->arena || !f->slots) {
        st = fc_nomem(err);
        goto fail;
    }
    if ((st = copy_opt(f, &f->opts.proxy, err)) || (st = copy_opt(f, &f->opts.user_agent, err)) ||
        (st = curl_load(&f->cu, err)))
        goto fail;
    CURLcode c = f->cu.global_init(CURL_GLOBAL_DEFAULT);
    if (c != CURLE_OK) {
        st = c == CURLE_OUT_OF_MEMORY ? fc_nomem(err)
                                      : fc_fail(err, FC_EIO, NULL, 0, 0, "cannot start libcurl: %s",
                                                f->cu.easy_strerror(c));
        goto fail;
    }
    f->curl_ready = true;
    f->multi = f->cu.multi_init();
    if (!f->multi) {
        st = fc_nomem(err);
        goto fail;
    }
    /* never more connections than transfers: an idle one is closed to
     * open another */
    f->cu.multi_setopt(f->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, (long)f->opts.parallel);
    *fp = f;
    return FC_OK;
fail:
    fc_fetch_free(f);
    return st;
}

void fc_fetch_free(struct fc_fetch *f)
{
    if (!f)
        return;
    for (unsigned i = 0; f->slots && i < f->opts.parallel; i++) {
        struct slot *s = &f->slots[i];
        if (s->it)
            f->cu.multi_remove_handle(f->multi, s->easy);
        fc_out_file_close(s->file);
        if (s->easy)
            f->cu.easy_cleanup(s->easy);
    }
    if (f->multi)
        f->cu.multi_cleanup(f->multi);
    if (f->curl_ready)
        f->cu.global_cleanup();
    free(f->slots);
    fc_strmap_free(&f->items);
    fc_strmap_free(&f->names);
    fc_arena_free(f->arena);
    free(f);
}

/* ---- URLs and file names ----------------------------------------------- */

/* Query arguments by which WordPress.com / Jetpack (Photon) serve a
 * resized copy: without them, the original. */
static const char *const resize_args[] = {"w",    "h",       "resize", "fit", "crop",
                                          "zoom", "quality", "strip",  NULL};

static bool is_resize_arg(const char *p, size_t n)
{
    const char *eq = memchr(p, '=', n);
    size_t k = eq ? (size_t)(eq - p) : n;
    for (const char *const *a = resize_args; *a; a++)
        if (strlen(*a) == k && memcmp(*a, p, k) == 0)
            return true;
    return false;
}

static bool all_digits(const char *p, const char *e)
{
    if (p == e)
        return false;
    for (; p < e; p++)
        if (*p < '0' || *p > '9')
            return false;
    return true;
}

/* How many bytes at the end of stem[0..n) are a WordPress size suffix:
 * "-300x200" (an intermediate size) or "-scaled" (the big-image copy). */
static size_t size_suffix(const char *stem, size_t n)
{
    if (n > 7 && memcmp(stem + n - 7, "-scaled", 7) == 0)
        return 7;
    const char *e = stem + n, *x = e;
    while (x > stem && x[-1] >= '0' && x[-1] <= '9')
        x--;
    if (x == e || x - stem < 3 || x[-1] != 'x')
        return 0;
    const char *d = x - 1;
    while (d > stem && d[-1] >= '0' && d[-1] <= '9')
        d--;
    if (!all_digits(d, x - 1) || d - stem < 2 || d[-1] != '-')
        return 0;
    return (size_t)(e - (d - 1));
}

/* The last path segment of u, and where its stem ends (its last '.'). */
static void last_segment(const struct fc_url_parts *u, const char **seg, size_t *n, size_t *stem_n)
{
    const char *p = u->path + u->path_n;
    while (p > u->path && p[-1] != '/')
        p--;
    *seg = p;
    *n = (size_t)(u->path + u->path_n - p);
    const char *dot = NULL;
    for (const char *q = p; q < p + *n; q++)
        if (*q == '.')
            dot = q;
    *stem_n = dot ? (size_t)(dot - p) : *n;
}

/* The URL of the original of a resized copy (arena), NULL when url is
 * not one (or on ENOMEM, which *nomem tells). */
static const char *original_of(struct fc_arena *a, const char *url, bool *nomem)
{
    struct fc_url_parts u;
    fc_url_split(url, &u);
    const char *seg;
    size_t seg_n, stem_n;
    last_segment(&u, &seg, &seg_n, &stem_n);
    size_t cut = size_suffix(seg, stem_n);
    struct fc_buf b;
    fc_buf_init(&b);
    bool changed = cut > 0;
    fc_buf_add(&b, url, (size_t)(seg + stem_n - cut - url));
    fc_buf_add(&b, seg + stem_n, seg_n - stem_n);
    if (u.has_query) {
        size_t mark = b.len;
        const char *p = u.query, *end = u.query + u.query_n;
        while (p <= end) {
            const char *amp = memchr(p, '&', (size_t)(end - p));
            const char *e = amp ? amp : end;
            if (is_resize_arg(p, (size_t)(e - p))) {
                changed = true;
            } else if (e > p) {
                fc_buf_putc(&b, b.len == mark ? '?' : '&');
                fc_buf_add(&b, p, (size_t)(e - p));
            }
            p = e + 1;
        }
    }
    /* the fragment is not sent: leave it out */
    const char *s = NULL;
    if (changed && !b.oom)
        s = fc_strdup(a, b.data, b.len);
    *nomem = b.oom || (changed && !s);
    fc_buf_free(&b);
    return s;
}

/* The extensions a downloaded file keeps from its URL, and the media
 * type that gives one to a file whose URL has none of them (NULL: an
 * alias, the type's extension is an earlier entry's). */
static const struct {
    const char *ext, *type;
} media_exts[] = {
    {"jpg", "image/jpeg"},      {"jpeg", NULL},
    {"png", "image/png"},       {"gif", "image/gif"},
    {"webp", "image/webp"},     {"avif", "image/avif"},
    {"svg", "image/svg+xml"},   {"bmp", "image/bmp"},
    {"tif", "image/tiff"},      {"tiff", NULL},
    {"ico", "image/x-icon"},    {"heic", "image/heic"},
    {"mp3", "audio/mpeg"},      {"m4a", "audio/mp4"},
    {"ogg", "audio/ogg"},       {"wav", "audio/wav"},
    {"mp4", "video/mp4"},       {"m4v", NULL},
    {"webm", "video/webm"},     {"mov", "video/quicktime"},
    {"pdf", "application/pdf"}, {"zip", "application/zip"},
};

/* The table's copy of extension e[0..n) (ASCII case ignored), NULL when
 * it is not a media file's. */
static const char *media_ext(const char *e, size_t n)
{
    for (size_t i = 0; i < sizeof media_exts / sizeof *media_exts; i++)
        if (strlen(media_exts[i].ext) == n && fc_strncasecmp(media_exts[i].ext, e, n) == 0)
            return media_exts[i].ext;
    return NULL;
}

/* The extension of media type `type`; NULL when it is not in the table. */
static const char *type_ext(const char *type)
{
    for (size_t i = 0; type && i < sizeof media_exts / sizeof *media_exts; i++)
        if (media_exts[i].type && strcmp(type, media_exts[i].type) == 0)
            return media_exts[i].ext;
    return NULL;
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = fc_ascii_lower(c);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* p[0..n) percent-decoded into b (a NUL decoded becomes '-'). */
static void pct_decode(struct fc_buf *b, const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int hi, lo;
        char c = p[i];
        if (c == '%' && i + 2 < n && (hi = hexval((unsigned char)p[i + 1])) >= 0 &&
            (lo = hexval((unsigned char)p[i + 2])) >= 0) {
            c = (char)(hi * 16 + lo);
            i += 2;
        }
        fc_buf_putc(b, c ? c : '-');
    }
}

/* The stem (slugged, "image" when nothing is left) and the extension (a
 * media file's, lowercased; NULL: none, or another one, which stays in
 * the stem: "image.php" is "image-php") of the file url names; the stem
 * in the arena.  false on ENOMEM. */
static bool name_of(struct fc_arena *a, const char *url, const char **stem, const char **ext)
{
    struct fc_url_parts u;
    fc_url_split(url, &u);
    const char *seg;
    size_t seg_n, stem_n;
    last_segment(&u, &seg, &seg_n, &stem_n);
    struct fc_buf b;
    fc_buf_init(&b);
    pct_decode(&b, seg, seg_n);
    char *d = b.oom || !b.data ? NULL : b.data;
    char *dot = d ? strrchr(d, '.') : NULL;
    *ext = dot ? media_ext(dot + 1, strlen(dot + 1)) : NULL;
    if (*ext)
        *dot = '\0';
    bool any = false;
    for (const char *p = d ? d : ""; *p && !any; p++)
        any = fc_ascii_alnum((unsigned char)*p);
    *stem = fc_slugify(a, any ? d : "image", STEM_MAX);
    bool ok = !b.oom && *stem;
    fc_buf_free(&b);
    return ok;
}

/* dir + sep + s, in the arena (dir "" : s alone when sep is '/'). */
static char *join(struct fc_arena *a, const char *dir, char sep, const char *s, const char *ext)
{
    struct fc_buf b;
    fc_buf_init(&b);
    if (*dir || sep != '/') {
        fc_buf_puts(&b, dir);
        fc_buf_putc(&b, sep);
    }
    fc_buf_puts(&b, s);
    if (ext) {
        fc_buf_putc(&b, '.');
        fc_buf_puts(&b, ext);
    }
    char *r = b.oom ? NULL : fc_strdup(a, b.data, b.len);
    fc_buf_free(&b);
    return r;
}

/* Take a stem in dir not taken yet: stem itself, else stem-2, stem-3...
 * NULL on ENOMEM. */
static const char *take_stem(struct fc_fetch *f, const char *dir, const char *stem)
{
    char *key = join(f->arena, dir, '/', stem, NULL);
    if (!key)
        return NULL;
    struct name *first = fc_strmap_get(&f->names, key);
    const char *got = stem;
    if (first) {
        char num[24];
        for (;;) {
            snprintf(num, sizeof num, "-%u", ++first->suffix);
            struct fc_buf b;
            fc_buf_init(&b);
            fc_buf_puts(&b, stem);
            fc_buf_puts(&b, num);
            got = b.oom ? NULL : fc_strdup(f->arena, b.data, b.len);
            fc_buf_free(&b);
            if (!got || !(key = join(f->arena, dir, '/', got, NULL)))
                return NULL;
            if (!fc_strmap_get(&f->names, key))
                break;
        }
    }
    struct name *n = fc_alloc(f->arena, sizeof *n);
    if (!n || !fc_strmap_put(&f->names, key, n))
        return NULL;
    n->suffix = 1;
    return got;
}

static bool is_http(const struct fc_url_parts *u)
{
    return u->scheme && u->has_auth && u->auth_n > 0 &&
           ((u->scheme_n == 4 && fc_strncasecmp(u->scheme, "http", 4) == 0) ||
            (u->scheme_n == 5 && fc_strncasecmp(u->scheme, "https", 5) == 0));
}

/* ---- the queue and the failures ------------------------------------------ */

static void queue_push(struct fc_fetch *f, struct item *it, bool front)
{
    it->next = NULL;
    if (!f->queue) {
        f->queue = f->queue_last = it;
    } else if (front) {
        it->next = f->queue;
        f->queue = it;
    } else {
        f->queue_last->next = it;
        f->queue_last = it;
    }
}

static struct item *queue_pop(struct fc_fetch *f)
{
    struct item *it = f->queue;
    if (it && !(f->queue = it->next))
        f->queue_last = NULL;
    return it;
}

/* Done, failed with `why` (copied; NULL: out of memory). */
static void failed(struct fc_fetch *f, struct item *it, enum fc_status st, const char *why)
{
    it->r.done = true;
    it->r.status = st;
    it->r.source = NULL;
    it->r.error = why ? fc_strdup(f->arena, why, (size_t)-1) : NULL;
    if (!it->r.error)
        it->r.error = "out of memory";
    it->next = NULL;
    if (f->failed_last)
        f->failed_last->next = it;
    else
        f->failed = it;
    f->failed_last = it;
    if (!f->unreported)
        f->unreported = it;
    f->nfailed++;
    f->nunreported++;
}

size_t fc_fetch_failed(const struct fc_fetch *f)
{
    return f->nfailed;
}

/* ---- adding ------------------------------------------------------------- */

/* The items map's key of url in dir, in b. */
static const char *item_key(struct fc_buf *b, const char *dir, const char *url)
{
    fc_buf_puts(b, dir ? dir : "");
    fc_buf_putc(b, '\n');
    fc_buf_puts(b, url ? url : "");
    return b->oom ? NULL : b->data;
}

static void set_path(struct item *it, const char *path)
{
    const char *slash = strrchr(path, '/');
    it->r.path = path;
    it->r.name = slash ? slash + 1 : path;
}

/* Plan its file: the original's URL, the name, the path. */
static bool plan(struct fc_fetch *f, struct item *it)
{
    bool nomem = false;
    if (!f->opts.as_given)
        it->original = original_of(f->arena, it->r.url, &nomem);
    const char *stem;
    if (nomem || !name_of(f->arena, it->original ? it->original : it->r.url, &stem, &it->ext))
        return false;
    it->stem = take_stem(f, it->r.dir, stem);
    const char *path = it->stem ? join(f->arena, it->r.dir, '/', it->stem, it->ext) : NULL;
    if (!path)
        return false;
    set_path(it, path);
    it->trying = it->original ? it->original : it->r.url;
    return true;
}

enum fc_status fc_fetch_add(struct fc_fetch *f, const char *url, const char *dir,
                            const struct fc_fetch_result **res, struct fc_error *err)
{
    if (res)
        *res = NULL;
    struct fc_buf b;
    fc_buf_init(&b);
    const char *k = item_key(&b, dir, url);
    struct item *it = k ? fc_strmap_get(&f->items, k) : NULL;
    char *key = k && !it ? fc_strdup(f->arena, k, b.len) : NULL;
    fc_buf_free(&b);
    if (it) {
        if (res)
            *res = &it->r;
        return FC_OK;
    }
    if (!key)
        return fc_nomem(err);
    it = fc_alloc(f->arena, sizeof *it);
    if (!it || !(it->r.url = fc_strdup(f->arena, url ? url : "", (size_t)-1)) ||
        !(it->r.dir = fc_strdup(f->arena, dir ? dir : "", (size_t)-1)))
        return fc_nomem(err);
    it->seq = f->added++;
    struct fc_url_parts u;
    fc_url_split(it->r.url, &u);
    if (!is_http(&u))
        failed(f, it, FC_EUNSUPPORTED, "not an http or https URL");
    else if (*it->r.dir && !fc_out_path_ok(it->r.dir))
        failed(f, it, FC_EUSAGE, "unsafe output directory");
    else if (!plan(f, it))
        return fc_nomem(err);
    else
        queue_push(f, it, false);
    if (!fc_strmap_put(&f->items, key, it))
        return fc_nomem(err);
    if (res)
        *res = &it->r;
    return FC_OK;
}

const struct fc_fetch_result *fc_fetch_find(const struct fc_fetch *f, const char *url,
                                            const char *dir)
{
    struct fc_buf b;
    fc_buf_init(&b);
    const char *key = item_key(&b, dir, url);
    const struct item *it = key ? fc_strmap_get(&f->items, key) : NULL;
    fc_buf_free(&b);
    return it ? &it->r : NULL;
}

/* ---- a transfer ------------------------------------------------------------ */

/* The Content-Type without parameters, lowercased, in the arena; NULL
 * when there is none (or on ENOMEM: the type is informative only). */
static const char *media_type(const struct curl_api *cu, struct fc_arena *a, CURL *e)
{
    char *ct = NULL;
    if (cu->easy_getinfo(e, CURLINFO_CONTENT_TYPE, &ct) != CURLE_OK || !ct)
        return NULL;
    size_t n = strcspn(ct, "; \t");
    if (n == 0 || n > 100)
        return NULL;
    char *s = fc_strdup(a, ct, n);
    for (size_t i = 0; s && i < n; i++)
        s[i] = (char)fc_ascii_lower(s[i]);
    return s;
}

/* Open the item's file at its first byte: the extension from the
 * Content-Type when the URL had none of a media file. */
static enum fc_status open_file(struct slot *s)
{
    struct fc_fetch *f = s->f;
    struct item *it = s->it;
    if (!it->ext) {
        const char *ext = type_ext(media_type(&f->cu, f->arena, s->easy));
        const char *path = join(f->arena, it->r.dir, '/', it->stem, ext);
        if (!path)
            return fc_nomem(&s->io_err);
        set_path(it, path);
    }
    return fc_out_file_open(f->out, it->r.path, &s->file, &s->io_err);
}

/* libcurl's write callback: the body into the file, within the limit.
 * Returning less than n ends the transfer (CURLE_WRITE_ERROR). */
static size_t on_data(char *p, size_t size, size_t nmemb, void *ctx)
{
    struct slot *s = ctx;
    size_t n = size * nmemb;
    if (s->io_st)
        return 0;
    if ((uint64_t)n > (uint64_t)(s->f->opts.max_bytes - s->got)) {
        s->too_big = true;
        return 0;
    }
    if (!s->file && (s->io_st = open_file(s)) != FC_OK)
        return 0;
    if ((s->io_st = fc_out_file_write(s->file, p, n, &s->io_err)) != FC_OK)
        return 0;
    s->got += (int64_t)n;
    return n;
}

/* Every option of a transfer, after curl_easy_reset. */
static CURLcode setup(struct fc_fetch *f, struct slot *s, const char *url)
{
    const struct fc_fetch_opts *o = &f->opts;
    CURL *e = s->easy;
    CURLcode c = f->cu.easy_setopt(e, CURLOPT_URL, url);
    if (!c)
        c = f->cu.easy_setopt(e, CURLOPT_PRIVATE, s);
    if (!c)
        c = f->cu.easy_setopt(e, CURLOPT_WRITEFUNCTION, on_data);
    if (!c)
        c = f->cu.easy_setopt(e, CURLOPT_WRITEDATA, s);
    if (!c) /* a library installs no signal handler */
        c = f->cu.easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
#if LIBCURL_VERSION_NUM >= 0x075500 /* 7.85.0 */
    if (!c)
        c = f->cu.easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
    if (!c)
        c = f->cu.easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
#else
    if (!c)
        c = f->cu.easy_setopt(e, CURLOPT_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
    if (!c)
        c = f->cu.easy_setopt(e, CURLOPT_REDIR_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
    if (!c)
        c = f->cu.easy_setopt(e, CURLOPT_FOLLOWLOCATION, o->max_redirects > 0 ? 1L : 0L);
    if (!c && o->max_redirects > 0)
        c = f->cu.easy_setopt(e, CURLOPT_MAXREDIRS, o->max_redirects);
    if (!c)
        c = f->cu.easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, o->connect_timeout_ms);
    if (!c)
        c = f->cu.easy_setopt(e, CURLOPT_TIMEOUT_MS, o->timeout_ms);
    if (!c) /* refused up front when Content-Length says more */
        c = f->cu.easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)o->max_bytes);
    if (!c)
        c = f->cu.easy_setopt(e, CURLOPT_USERAGENT, o->user_agent);
    if (!c) /* "": no proxy, not even one from the environment */
        c = f->cu.easy_setopt(e, CURLOPT_PROXY, o->proxy ? o->proxy : "");
    if (!c) /* an error page is not the file */
        c = f->cu.easy_setopt(e, CURLOPT_FAILONERROR, 1L);
    return c;
}

/* Start the next queued item in the free slot s.  A transfer that cannot
 * be set up fails (its item says why); FC_ENOMEM ends the run. */
static enum fc_status start(struct fc_fetch *f, struct slot *s, struct fc_error *err)
{
    struct item *it = queue_pop(f);
    if (!s->easy && !(s->easy = f->cu.easy_init()))
        goto nomem;
    f->cu.easy_reset(s->easy);
    *s = (struct slot){.f = f, .easy = s->easy, .it = it};
    CURLcode c = setup(f, s, it->trying);
    CURLMcode mc = c ? CURLM_OK : f->cu.multi_add_handle(f->multi, s->easy);
    if (c == CURLE_OUT_OF_MEMORY || mc == CURLM_OUT_OF_MEMORY)
        goto nomem;
    if (c || mc) {
        s->it = NULL;
        failed(f, it, c ? FC_EUNSUPPORTED : FC_EIO,
               c ? f->cu.easy_strerror(c) : f->cu.multi_strerror(mc));
        return FC_OK;
    }
    f->active++;
    return FC_OK;
nomem:
    s->it = NULL;
    queue_push(f, it, true);
    return fc_nomem(err);
}

/* Why the transfer in s failed, in b: the same words for the same cause
 * (libcurl's error buffer has timings). */
static void reason(const struct fc_fetch *f, const struct slot *s, CURLcode c, long http,
                   struct fc_buf *b)
{
    if (s->io_st)
        fc_buf_puts(b, s->io_err.message);
    else if (s->too_big || c == CURLE_FILESIZE_EXCEEDED)
        fc_buf_printf(b, "larger than the limit of %lld bytes", (long long)f->opts.max_bytes);
    else if (c == CURLE_HTTP_RETURNED_ERROR || (c == CURLE_OK && http / 100 != 2))
        fc_buf_printf(b, "HTTP status %ld", http);
    else if (c == CURLE_OPERATION_TIMEDOUT)
        fc_buf_printf(b, "timed out at the limit of %ld ms", f->opts.timeout_ms);
    else if (c == CURLE_TOO_MANY_REDIRECTS)
        fc_buf_printf(b, "more than %ld redirects", f->opts.max_redirects);
    else if (c == CURLE_UNSUPPORTED_PROTOCOL)
        fc_buf_puts(b, "redirected to a scheme other than http or https");
    else if (c == CURLE_OK)
        fc_buf_puts(b, "empty response");
    else
        fc_buf_puts(b, f->cu.easy_strerror(c));
}

/* The transfer in s is over with c: commit, retry as given, or fail. */
static enum fc_status finish(struct fc_fetch *f, struct slot *s, CURLcode c, struct fc_error *err)
{
    struct item *it = s->it;
    long http = 0;
    f->cu.easy_getinfo(s->easy, CURLINFO_RESPONSE_CODE, &http);
    it->r.http_status = http;
    it->r.content_type = media_type(&f->cu, f->arena, s->easy);
    f->cu.multi_remove_handle(f->multi, s->easy);
    s->it = NULL;
    f->active--;
    bool good = c == CURLE_OK && http / 100 == 2 && s->got > 0 && !s->io_st;
    if (good && (s->io_st = fc_out_file_commit(s->file, &s->io_err)) != FC_OK)
        good = false;
    fc_out_file_close(s->file);
    s->file = NULL;
    if (s->io_st == FC_ENOMEM || c == CURLE_OUT_OF_MEMORY) {
        queue_push(f, it, true); /* not done: the run ends here */
        return fc_nomem(err);
    }
    if (good) {
        it->r.done = true;
        it->r.status = FC_OK;
        it->r.source = it->trying;
        it->r.bytes = s->got;
        return FC_OK;
    }
    /* the original is missing, refused or too big: the copy as given */
    bool http_error = c == CURLE_HTTP_RETURNED_ERROR || (c == CURLE_OK && http / 100 != 2);
    if (it->trying == it->original && !s->io_st &&
        (http_error || s->too_big || c == CURLE_FILESIZE_EXCEEDED)) {
        it->trying = it->r.url;
        queue_push(f, it, true);
        return FC_OK;
    }
    struct fc_buf b;
    fc_buf_init(&b);
    reason(f, s, c, http, &b);
    failed(f, it, s->io_st ? s->io_st : FC_EIO, b.oom ? NULL : fc_buf_cstr(&b));
    fc_buf_free(&b);
    return FC_OK;
}

/* End every transfer in progress (the run failed): their items go back
 * to the queue, not done, their files discarded. */
static void abort_all(struct fc_fetch *f)
{
    for (unsigned i = 0; i < f->opts.parallel; i++) {
        struct slot *s = &f->slots[i];
        if (!s->it)
            continue;
        f->cu.multi_remove_handle(f->multi, s->easy);
        fc_out_file_close(s->file);
        s->file = NULL;
        queue_push(f, s->it, true);
        s->it = NULL;
    }
    f->active = 0;
}

/* Start queued items while slots are free. */
static enum fc_status fill(struct fc_fetch *f, struct fc_error *err)
{
    for (unsigned i = 0; i < f->opts.parallel && f->queue; i++)
        if (!f->slots[i].it) {
            enum fc_status st = start(f, &f->slots[i], err);
            if (st)
                return st;
        }
    return FC_OK;
}

enum fc_status fc_fetch_run(struct fc_fetch *f, struct fc_error *err)
{
    enum fc_status st = FC_OK;
    while (!st) {
        if ((st = fill(f, err)) || f->active == 0)
            break;
        int running = 0;
        CURLMcode mc = f->cu.multi_perform(f->multi, &running);
        if (mc) {
            st = mc == CURLM_OUT_OF_MEMORY
                     ? fc_nomem(err)
                     : fc_fail(err, FC_EIO, NULL, 0, 0, "libcurl: %s", f->cu.multi_strerror(mc));
            break;
        }
        bool ended = false;
        CURLMsg *m;
        int left;
        while (!st && (m = f->cu.multi_info_read(f->multi, &left)) != NULL) {
            if (m->msg != CURLMSG_DONE)
                continue;
            void *s = NULL;
            f->cu.easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, &s);
            st = finish(f, s, m->data.result, err);
            ended = true;
        }
        if (!st && !ended && running)
            f->cu.multi_poll(f->multi, NULL, 0, 1000, NULL);
    }
    if (st)
        abort_all(f);
    return st;
}

/* ---- the one warning ------------------------------------------------------- */

static int by_seq(const void *a, const void *b)
{
    size_t x = (*(const struct item *const *)a)->seq, y = (*(const struct item *const *)b)->seq;
    return x < y ? -1 : x > y;
}

/* The failure list of the warning, in b: in the order the URLs were
 * added (downloads end in any order), as many as LIST_ROOM holds. */
static bool list_failures(struct fc_fetch *f, struct fc_buf *b)
{
    const struct item **v = malloc(f->nunreported * sizeof *v);
    if (!v)
        return false;
    size_t n = 0;
    for (const struct item *it = f->unreported; it && n < f->nunreported; it = it->next)
        v[n++] = it;
    qsort(v, n, sizeof *v, by_seq);
    size_t listed = 0;
    for (; listed < n; listed++) {
        if (listed && b->len + strlen(v[listed]->r.url) + strlen(v[listed]->r.error) > LIST_ROOM)
            break;
        fc_buf_printf(b, "%s%.200s (%.120s)", listed ? "; " : "", v[listed]->r.url,
                      v[listed]->r.error);
    }
    if (listed < n)
        fc_buf_printf(b, "; and %zu more", n - listed);
    free(v);
    return true;
}

enum fc_status fc_fetch_warn(struct fc_fetch *f, const struct fc_options *opt, struct fc_error *err,
                             const char *file)
{
    if (!f->unreported)
        return FC_OK;
    struct fc_buf b;
    fc_buf_init(&b);
    fc_buf_printf(&b, "%zu download%s failed, the original URL%s kept: ", f->nunreported,
                  f->nunreported == 1 ? "" : "s", f->nunreported == 1 ? " is" : "s are");
    enum fc_status st = FC_OK;
    if (!list_failures(f, &b) || b.oom)
        st = fc_nomem(err);
    else
        st = fc_warn(opt, err, file, 0, 0, "%s", fc_buf_cstr(&b));
    f->unreported = NULL;
    f->nunreported = 0;
    fc_buf_free(&b);
    return st;
}
