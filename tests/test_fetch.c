/*
 * test_fetch.c - downloads (fetch.c) against tests/httpd.py, a loopback
 * server this test starts: good files written byte for byte, names unique
 * and planned in order, originals of resized WordPress images, every
 * failure (404, timeout, redirect chains and schemes, size limits with and
 * without Content-Length, unsafe directories) reported with its reason and
 * leaving no file, the parallel limit, one warning for all failures, and
 * no connection at all unless a run asks.
 */
#define _GNU_SOURCE
#include "check.h"
#include "fetch.h"
#include "internal.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char g_tmp[64];
static char g_log[128];
static char g_base[64]; /* http://127.0.0.1:PORT */
static pid_t g_server = -1;

/* ---- the server ---------------------------------------------------------- */

/* Start tests/httpd.py; false (with a SKIP or FAIL said) when it cannot. */
static bool server_start(void)
{
    if (system("command -v python3 >/dev/null 2>&1") != 0) {
        SKIP("fetch", "python3 is not installed (Debian package python3)");
        return false;
    }
    int p[2];
    if (pipe(p) != 0)
        return false;
    g_server = fork();
    if (g_server == 0) {
        dup2(p[1], 1);
        close(p[0]);
        close(p[1]);
        execlp("python3", "python3", FC_ROOT "/tests/httpd.py", g_log, (char *)NULL);
        _exit(127);
    }
    close(p[1]);
    char line[32] = "";
    FILE *f = fdopen(p[0], "r");
    bool ok = f && fgets(line, sizeof line, f) != NULL;
    if (f)
        fclose(f);
    long port = ok ? strtol(line, NULL, 10) : 0;
    CHECK("server: started", g_server > 0 && port > 0);
    snprintf(g_base, sizeof g_base, "http://127.0.0.1:%ld", port);
    return g_server > 0 && port > 0;
}

static void server_stop(void)
{
    if (g_server > 0) {
        kill(g_server, SIGTERM);
        waitpid(g_server, NULL, 0);
    }
}

/* How many log lines start with prefix (whole line when exact). */
static int log_count(const char *prefix, bool exact)
{
    FILE *f = fopen(g_log, "r");
    char line[1024];
    int n = 0;
    size_t pn = strlen(prefix);
    while (f && fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        if (exact ? strcmp(line, prefix) == 0 : strncmp(line, prefix, pn) == 0)
            n++;
    }
    if (f)
        fclose(f);
    return n;
}

static long log_max_inflight(void)
{
    FILE *f = fopen(g_log, "r");
    char line[1024];
    long max = 0;
    while (f && fgets(line, sizeof line, f))
        if (strncmp(line, "inflight ", 9) == 0) {
            long k = strtol(line + 9, NULL, 10);
            if (k > max)
                max = k;
        }
    if (f)
        fclose(f);
    return max;
}

static void log_clear(void)
{
    FILE *f = fopen(g_log, "w");
    if (f)
        fclose(f);
}

/* ---- files ----------------------------------------------------------------- */

/* Does the file hold what the server sends for target (path?query) of
 * size bytes? */
static bool same_body(const char *file, const char *target, long size)
{
    unsigned seed = 0;
    for (const unsigned char *p = (const unsigned char *)target; *p; p++)
        seed += *p;
    seed %= 251;
    FILE *f = fopen(file, "rb");
    if (!f)
        return false;
    long i = 0;
    int c;
    bool same = true;
    while (same && (c = getc(f)) != EOF) {
        same = (unsigned)c == (seed + 131u * (unsigned long)(i % 251)) % 251;
        i++;
    }
    fclose(f);
    return same && i == size;
}

/* Entries below dir, recursively (files and directories), "." and ".."
 * left out; hidden temporaries count too. */
static int count_tree(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    int n = 0;
    struct dirent *de;
    char path[1024];
    while ((de = readdir(d)) != NULL) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        n++;
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        struct stat sb;
        if (lstat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
            n += count_tree(path);
    }
    closedir(d);
    return n;
}

static bool exists(const char *path)
{
    struct stat sb;
    return lstat(path, &sb) == 0;
}

/* ---- a fetcher over a fresh output directory ---------------------------- */

struct run {
    char dir[128];
    struct fc_output *out;
    struct fc_fetch *f;
    struct fc_error err;
};

static bool run_open(struct run *r, const char *name, const struct fc_fetch_opts *o)
{
    snprintf(r->dir, sizeof r->dir, "%s/%s", g_tmp, name);
    r->f = NULL;
    if (fc_output_open_dir(r->dir, 0, &r->out, &r->err) != FC_OK) {
        CHECK("open output", false);
        return false;
    }
    if (fc_fetch_new(r->out, o, &r->f, &r->err) != FC_OK) {
        CHECK("fetch_new", false);
        fc_output_close(r->out);
        return false;
    }
    return true;
}

static void run_close(struct run *r)
{
    fc_fetch_free(r->f);
    fc_output_close(r->out);
}

/* Add base+target for dir; the result (NULL on failure). */
static const struct fc_fetch_result *add(struct run *r, const char *target, const char *dir)
{
    char url[512];
    const struct fc_fetch_result *res = NULL;
    snprintf(url, sizeof url, "%s%s", g_base, target);
    if (fc_fetch_add(r->f, url, dir, &res, &r->err) != FC_OK)
        return NULL;
    return res;
}

static const char *file_of(const struct run *r, const struct fc_fetch_result *res)
{
    static char path[512];
    snprintf(path, sizeof path, "%s/%s", r->dir, res && res->path ? res->path : "?");
    return path;
}

static bool failed_with(const struct fc_fetch_result *res, const char *why)
{
    return res && res->done && res->status != FC_OK && res->error && strstr(res->error, why) &&
           !res->source;
}

/* ---- tests ------------------------------------------------------------------ */

static void test_good(void)
{
    struct run r;
    if (!run_open(&r, "good", NULL))
        return;
    log_clear();
    const char *d = "content/posts/hello";
    const struct fc_fetch_result *a = add(&r, "/b/1/one.jpg", d);
    const struct fc_fetch_result *b = add(&r, "/b/100000/a/photo.JPG", d);
    const struct fc_fetch_result *c = add(&r, "/b/300000/b/photo.jpg", d);
    const struct fc_fetch_result *e = add(&r, "/b/5000/c/photo.png", d);
    const struct fc_fetch_result *g = add(&r, "/b/7000/blob?type=image/png", d);
    const struct fc_fetch_result *h = add(&r, "/b/7000/%E2%9C%93%20Caf%C3%A9%20..%2F.png", d);
    const struct fc_fetch_result *php = add(&r, "/b/70/image.php?id=3&type=image/png", d);
    const struct fc_fetch_result *unk = add(&r, "/b/80/data.bin?type=text/plain", d);
    const struct fc_fetch_result *top = add(&r, "/b/10/top.gif", "");
    const struct fc_fetch_result *again = add(&r, "/b/1/one.jpg", d);
    const struct fc_fetch_result *other = add(&r, "/b/1/one.jpg", "assets/2024/05");
    CHECK("good: the same URL twice is one result", again == a && a);
    CHECK("good: planned, not done", a && !a->done);
    CHECK_INT("good: no connection before the run", log_count("conn ", false), 0);
    CHECK_INT("good: run", fc_fetch_run(r.f, &r.err), FC_OK);
    CHECK_STR("good: path", a ? a->path : NULL, "content/posts/hello/one.jpg");
    CHECK_STR("good: name", a ? a->name : NULL, "one.jpg");
    CHECK_STR("good: extension lowercased", b ? b->path : NULL, "content/posts/hello/photo.jpg");
    CHECK_STR("good: same stem gets -2", c ? c->path : NULL, "content/posts/hello/photo-2.jpg");
    CHECK_STR("good: same stem, other extension, -3", e ? e->name : NULL, "photo-3.png");
    CHECK_STR("good: extension from Content-Type", g ? g->name : NULL, "blob.png");
    CHECK_STR("good: decoded and slugged", h ? h->name : NULL, "caf.png");
    CHECK_STR("good: not a media extension, Content-Type's", php ? php->name : NULL,
              "image-php.png");
    CHECK_STR("good: neither known, no extension", unk ? unk->name : NULL, "data-bin");
    CHECK_STR("good: top of the output", top ? top->path : NULL, "top.gif");
    CHECK_STR("good: same URL, other directory", other ? other->path : NULL,
              "assets/2024/05/one.jpg");
    const struct fc_fetch_result *all[] = {a, b, c, e, g, h, php, unk, top, other};
    const char *targets[] = {"/b/1/one.jpg",
                             "/b/100000/a/photo.JPG",
                             "/b/300000/b/photo.jpg",
                             "/b/5000/c/photo.png",
                             "/b/7000/blob?type=image/png",
                             "/b/7000/%E2%9C%93%20Caf%C3%A9%20..%2F.png",
                             "/b/70/image.php?id=3&type=image/png",
                             "/b/80/data.bin?type=text/plain",
                             "/b/10/top.gif",
                             "/b/1/one.jpg"};
    const long sizes[] = {1, 100000, 300000, 5000, 7000, 7000, 70, 80, 10, 1};
    bool ok = true, exact = true;
    for (size_t i = 0; i < sizeof all / sizeof *all; i++) {
        ok = ok && all[i] && all[i]->done && all[i]->status == FC_OK &&
             all[i]->http_status == 200 && all[i]->bytes == sizes[i] && !all[i]->error;
        exact = exact && all[i] && same_body(file_of(&r, all[i]), targets[i], sizes[i]);
    }
    CHECK("good: every download done", ok);
    CHECK("good: every file byte for byte", exact);
    CHECK_STR("good: content type", b ? b->content_type : NULL, "image/jpeg");
    CHECK("good: source is the URL", a && a->source && strcmp(a->source, a->url) == 0);
    CHECK_INT("good: one request for the URL added twice", log_count("req /b/1/one.jpg", true), 2);
    CHECK("good: connections reused", log_count("conn ", false) <= FC_FETCH_PARALLEL);
    CHECK("good: find", fc_fetch_find(r.f, a ? a->url : "", d) == a);
    CHECK("good: find in another directory", fc_fetch_find(r.f, a ? a->url : "", "x") == NULL);
    CHECK_INT("good: no failure", fc_fetch_failed(r.f), 0);
    CHECK_INT("good: nothing else written", count_tree(r.dir), 3 + 8 + 1 + 4);
    run_close(&r);
}

static void test_failures(void)
{
    struct fc_fetch_opts o = {.timeout_ms = 1500, .max_bytes = 1 << 20, .max_redirects = 3};
    struct run r;
    if (!run_open(&r, "fail", &o))
        return;
    log_clear();
    const char *d = "p";
    char url[256];
    const struct fc_fetch_result *nf = add(&r, "/nothing/here.jpg", d);
    const struct fc_fetch_result *slow = add(&r, "/b/100/slow.jpg?delay=6000", d);
    const struct fc_fetch_result *chain = add(&r, "/redir/2/b/300/chained.jpg", d);
    const struct fc_fetch_result *loop = add(&r, "/redir/10/b/300/loop.jpg", d);
    const struct fc_fetch_result *ftp = add(&r, "/to?loc=ftp://127.0.0.1/x.jpg", d);
    const struct fc_fetch_result *file = add(&r, "/to?loc=file:///etc/passwd", d);
    snprintf(url, sizeof url, "/to?loc=%s/b/64/elsewhere.png", g_base);
    const struct fc_fetch_result *there = add(&r, url, d);
    const struct fc_fetch_result *huge = add(&r, "/b/5000000/huge.jpg", d);
    const struct fc_fetch_result *huge2 = add(&r, "/b/5000000/huge2.jpg?nolen=1", d);
    const struct fc_fetch_result *edge = add(&r, "/b/1048576/edge.jpg?nolen=1", d);
    const struct fc_fetch_result *up = add(&r, "/b/10/up.jpg", "../outside");
    const struct fc_fetch_result *abs = add(&r, "/b/10/abs.jpg", "/tmp");
    const struct fc_fetch_result *dot = add(&r, "/b/10/dot.jpg", "a/./b");
    const struct fc_fetch_result *scheme = NULL, *data = NULL;
    fc_fetch_add(r.f, "ftp://127.0.0.1/x.jpg", d, &scheme, &r.err);
    fc_fetch_add(r.f, "data:image/png;base64,AAAA", d, &data, &r.err);
    CHECK("fail: non-http failed at once", failed_with(scheme, "not an http or https URL"));
    CHECK("fail: data: failed at once", failed_with(data, "not an http or https URL"));
    CHECK("fail: non-http has no path", scheme && !scheme->path);
    CHECK_INT("fail: run", fc_fetch_run(r.f, &r.err), FC_OK);
    CHECK("fail: 404", failed_with(nf, "HTTP status 404"));
    CHECK_INT("fail: 404 status kept", nf ? nf->http_status : 0, 404);
    CHECK("fail: slow", failed_with(slow, "timed out at the limit of 1500 ms"));
    CHECK("fail: redirect chain within the cap",
          chain && chain->status == FC_OK &&
              same_body(file_of(&r, chain), "/b/300/chained.jpg", 300));
    CHECK("fail: redirect chain beyond the cap", failed_with(loop, "more than 3 redirects"));
    CHECK("fail: redirect to ftp",
          failed_with(ftp, "redirected to a scheme other than http or https"));
    CHECK("fail: redirect to file",
          failed_with(file, "redirected to a scheme other than http or https"));
    CHECK("fail: redirect to another loopback path",
          there && there->status == FC_OK &&
              same_body(file_of(&r, there), "/b/64/elsewhere.png", 64));
    CHECK("fail: huge with Content-Length", failed_with(huge, "larger than the limit of 1048576"));
    CHECK("fail: huge without Content-Length",
          failed_with(huge2, "larger than the limit of 1048576"));
    CHECK("fail: exactly the limit is fine",
          edge && edge->status == FC_OK && edge->bytes == 1048576);
    CHECK("fail: '..' directory", failed_with(up, "unsafe output directory"));
    CHECK("fail: absolute directory", failed_with(abs, "unsafe output directory"));
    CHECK("fail: '.' directory", failed_with(dot, "unsafe output directory"));
    CHECK_INT("fail: no request for an unsafe directory", log_count("req /b/10/", false), 0);
    CHECK_INT("fail: huge never asked twice", log_count("req /b/5000000/huge.jpg", true), 1);
    CHECK_INT("fail: count", fc_fetch_failed(r.f), 12);
    CHECK("fail: no file for a failure", !exists(file_of(&r, nf)) && !exists(file_of(&r, slow)) &&
                                             !exists(file_of(&r, huge)) &&
                                             !exists(file_of(&r, huge2)));
    /* p/ holds the three good files and nothing else: no partial file,
     * no temporary */
    char p[256];
    snprintf(p, sizeof p, "%s/p", r.dir);
    CHECK_INT("fail: only the good files, no partial or temporary file", count_tree(p), 3);
    CHECK_INT("fail: nothing else in the output", count_tree(r.dir), 4);
    snprintf(p, sizeof p, "%s/outside", g_tmp);
    CHECK("fail: nothing outside the output", !exists(p) && !exists("/tmp/abs.jpg"));
    run_close(&r);
}

static void test_originals(void)
{
    struct run r;
    struct fc_fetch_opts o = {.max_bytes = 1 << 20};
    if (!run_open(&r, "orig", &o))
        return;
    log_clear();
    const struct fc_fetch_result *a = add(&r, "/wp/photo-300x200.jpg", "img");
    const struct fc_fetch_result *b = add(&r, "/wp/only-640x480.png", "img");
    const struct fc_fetch_result *c = add(&r, "/wp/pic.jpg?w=640&ssl=1", "img");
    const struct fc_fetch_result *big = add(&r, "/wp/big-1024x768.jpg", "img");
    const struct fc_fetch_result *gone = add(&r, "/wp/gone-100x100.jpg", "img");
    CHECK_INT("originals: run", fc_fetch_run(r.f, &r.err), FC_OK);
    char want[256];
    snprintf(want, sizeof want, "%s/wp/photo.jpg", g_base);
    CHECK_STR("originals: suffix stripped", a ? a->source : NULL, want);
    CHECK_STR("originals: named after the original", a ? a->name : NULL, "photo.jpg");
    CHECK("originals: the original's bytes", same_body(file_of(&r, a), "/wp/photo.jpg", 3000));
    CHECK("originals: missing original, fallback",
          b && b->status == FC_OK && b->source && strcmp(b->source, b->url) == 0 &&
              same_body(file_of(&r, b), "/wp/only-640x480.png", 900));
    CHECK_STR("originals: fallback named after the original", b ? b->name : NULL, "only.png");
    snprintf(want, sizeof want, "%s/wp/pic.jpg?ssl=1", g_base);
    CHECK_STR("originals: resize query stripped, the rest kept", c ? c->source : NULL, want);
    CHECK("originals: too big original, fallback",
          big && big->status == FC_OK && big->source && strcmp(big->source, big->url) == 0 &&
              same_body(file_of(&r, big), "/wp/big-1024x768.jpg", 4000));
    CHECK("originals: neither exists", failed_with(gone, "HTTP status 404"));
    CHECK_INT("originals: both asked for", log_count("req /wp/gone", false), 2);
    run_close(&r);

    /* as_given: no original looked for */
    o.as_given = true;
    if (!run_open(&r, "orig-given", &o))
        return;
    log_clear();
    a = add(&r, "/wp/photo-300x200.jpg", "");
    CHECK_INT("as given: run", fc_fetch_run(r.f, &r.err), FC_OK);
    CHECK("as given: the resized copy",
          a && a->status == FC_OK && same_body(file_of(&r, a), "/wp/photo-300x200.jpg", 700));
    CHECK_STR("as given: its own name", a ? a->name : NULL, "photo-300x200.jpg");
    CHECK_INT("as given: one request", log_count("req ", false), 1);
    run_close(&r);
}

static void test_parallel(void)
{
    for (unsigned n = 1; n <= 3; n++) {
        struct fc_fetch_opts o = {.parallel = n};
        struct run r;
        char name[32], target[64];
        snprintf(name, sizeof name, "par%u", n);
        if (!run_open(&r, name, &o))
            return;
        log_clear();
        for (int i = 0; i < 7; i++) {
            snprintf(target, sizeof target, "/b/2000/p%d.jpg?delay=250", i);
            add(&r, target, "");
        }
        CHECK_INT("parallel: run", fc_fetch_run(r.f, &r.err), FC_OK);
        char what[64];
        snprintf(what, sizeof what, "parallel: at most %u at once", n);
        CHECK_INT(what, log_max_inflight(), n);
        snprintf(what, sizeof what, "parallel: %u connections at most", n);
        CHECK(what, log_count("conn ", false) <= (int)n);
        CHECK_INT("parallel: all written", count_tree(r.dir), 7);
        run_close(&r);
    }
}

static int g_warnings;
static char g_warning[600];

static void on_warn(void *ctx, const struct fc_error *w)
{
    (void)ctx;
    g_warnings++;
    snprintf(g_warning, sizeof g_warning, "%s", w->message);
}

static void test_warning(void)
{
    struct run r;
    if (!run_open(&r, "warn", NULL))
        return;
    struct fc_options opt;
    fc_options_init(&opt);
    opt.warn = on_warn;
    char target[64];
    add(&r, "/b/10/fine.jpg", "");
    for (int i = 0; i < 3; i++) {
        snprintf(target, sizeof target, "/missing/m%d.jpg", i);
        add(&r, target, "");
    }
    fc_fetch_run(r.f, &r.err);
    g_warnings = 0;
    CHECK_INT("warn: returns", fc_fetch_warn(r.f, &opt, &r.err, "site"), FC_OK);
    CHECK_INT("warn: one warning", g_warnings, 1);
    CHECK("warn: counts", strstr(g_warning, "3 downloads failed") != NULL);
    CHECK("warn: lists each URL with its reason",
          strstr(g_warning, "/missing/m0.jpg (HTTP status 404)") &&
              strstr(g_warning, "/missing/m2.jpg (HTTP status 404)"));
    CHECK("warn: the good one is not listed", strstr(g_warning, "fine") == NULL);
    fc_fetch_warn(r.f, &opt, &r.err, "site");
    CHECK_INT("warn: nothing new, no second warning", g_warnings, 1);
    /* many failures: as many as fit, and a count of the rest */
    for (int i = 0; i < 40; i++) {
        snprintf(target, sizeof target, "/missing/many-%02d.jpg", i);
        add(&r, target, "");
    }
    fc_fetch_run(r.f, &r.err);
    fc_fetch_warn(r.f, &opt, &r.err, "site");
    CHECK_INT("warn: again one warning", g_warnings, 2);
    CHECK("warn: 40 counted", strstr(g_warning, "40 downloads failed") != NULL);
    CHECK("warn: the rest counted", strstr(g_warning, " more") != NULL);
    CHECK("warn: fits the message", strlen(g_warning) < sizeof r.err.message);
    opt.flags |= FC_OPT_STRICT;
    add(&r, "/missing/strict.jpg", "");
    fc_fetch_run(r.f, &r.err);
    CHECK_INT("warn: strict", fc_fetch_warn(r.f, &opt, &r.err, "site"), FC_EWARN);
    run_close(&r);
}

static void test_misuse(void)
{
    struct fc_output *mem;
    struct fc_fetch *f = NULL;
    struct fc_error err;
    if (fc_output_open_memory(&mem, &err) != FC_OK)
        return;
    CHECK_INT("misuse: stream output refused", fc_fetch_new(mem, NULL, &f, &err), FC_EUSAGE);
    CHECK("misuse: nothing handed out", f == NULL);
    fc_output_close(mem);
    fc_fetch_free(NULL);
    /* a fetcher made, URLs added, no run: no connection */
    struct run r;
    if (!run_open(&r, "norun", NULL))
        return;
    log_clear();
    add(&r, "/b/10/never.jpg", "");
    run_close(&r);
    CHECK_INT("misuse: no run, no connection", log_count("conn ", false), 0);
    CHECK_INT("misuse: no run, nothing written", count_tree(r.dir), 0);
}

int main(void)
{
    signal(SIGPIPE, SIG_IGN); /* as fetch.h asks of a program */
    snprintf(g_tmp, sizeof g_tmp, "/tmp/fc-fetch-XXXXXX");
    if (!mkdtemp(g_tmp))
        return 2;
    snprintf(g_log, sizeof g_log, "%s/httpd.log", g_tmp);
    if (server_start()) {
        test_good();
        test_parallel(); /* before the timeouts: their requests stay in flight */
        test_failures();
        test_originals();
        test_warning();
        test_misuse();
    }
    server_stop();
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", g_tmp);
    if (system(cmd) != 0)
        return 2;
    return CHECK_DONE();
}
