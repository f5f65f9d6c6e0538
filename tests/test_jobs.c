/*
 * test_jobs.c - fc_options.jobs: the ordered pool itself (src/jobs.c:
 * order, the bound on items in flight, warnings kept in their places, a
 * failed delivery, a pool freed with items waiting), then whole
 * conversions through the API with 1 and with several threads, which
 * must write the same files and give the same warnings in the same order:
 * a feed into sites (HTML -> Markdown on threads), sites into a feed and
 * into a site (Markdown -> HTML on threads, and both).
 */
#define _GNU_SOURCE
#include "check.h"
#include "internal.h"
#include "treelib.h"

#include <pthread.h>
#include <time.h>

/* ---- the pool --------------------------------------------------------- */

struct item {
    unsigned n;
    pthread_t worked_by;
};

/* A pool's test state: what it saw, in the order it saw it. */
struct seen {
    struct bytes log; /* "i3 w1 ..." items delivered and warnings */
    unsigned added, released, live, max_live;
    unsigned fail_at; /* deliver fails at this item (0: never) */
    bool off_thread;  /* some work ran on a pool thread */
    pthread_t caller;
    const struct fc_options *up; /* the pool's options, for warnings in deliver */
};

static void pause_a_little(unsigned n)
{
    /* uneven work, so that later items are often done first */
    struct timespec ts = {0, (long)((n * 7919u) % 13u) * 20000L};
    nanosleep(&ts, NULL);
}

static void t_work(void *ctx, void *item)
{
    (void)ctx;
    struct item *it = item;
    pause_a_little(it->n);
    it->worked_by = pthread_self();
}

static enum fc_status t_deliver(void *ctx, void *item, struct fc_error *err)
{
    struct seen *s = ctx;
    struct item *it = item;
    char w[32];
    if (!pthread_equal(it->worked_by, s->caller))
        s->off_thread = true;
    if (s->fail_at && it->n == s->fail_at)
        return fc_fail(err, FC_EIO, "out", 0, 0, "item %u failed", it->n);
    snprintf(w, sizeof w, "i%u ", it->n);
    bytes_str(&s->log, w);
    if (it->n % 10 == 5) /* a warning of the downstream, in its place */
        fc_warn(s->up, NULL, NULL, 0, 0, "d%u", it->n);
    return FC_OK;
}

static void t_release(void *ctx, void *item)
{
    struct seen *s = ctx;
    s->released++;
    s->live--;
    free(item);
}

static const struct fc_jobs_ops t_ops = {t_work, t_deliver, t_release};

static void t_warn(void *ctx, const struct fc_error *w)
{
    struct seen *s = ctx;
    bytes_str(&s->log, w->message);
    bytes_str(&s->log, " ");
}

static enum fc_status t_add(struct fc_jobs *j, struct seen *s, unsigned n, struct fc_error *err)
{
    struct item *it = calloc(1, sizeof *it);
    if (!it)
        return FC_ENOMEM;
    it->n = n;
    s->added++;
    s->live++;
    enum fc_status st = fc_jobs_add(j, it, err);
    if (s->live > s->max_live)
        s->max_live = s->live;
    return st;
}

/* n items through a pool of `threads`, a warning of the upstream before
 * every 4th: the log must be the serial one. */
static void ordered(unsigned threads, unsigned n)
{
    char name[128], want_w[32];
    struct seen s = {.caller = pthread_self()};
    struct bytes want = {0};
    struct fc_options opt;
    fc_options_init(&opt);
    opt.warn = t_warn;
    opt.warn_ctx = &s;
    struct fc_error err = {0};
    struct fc_jobs *j = NULL;
    enum fc_status st = fc_jobs_new(threads, &t_ops, &s, &opt, &j, &err);
    s.up = j ? fc_jobs_options(j) : NULL;
    bytes_add(&s.log, "", 0);
    for (unsigned i = 1; i <= n && !st; i++) {
        if (i % 4 == 0) {
            fc_warn(s.up, NULL, NULL, 0, 0, "w%u", i);
            snprintf(want_w, sizeof want_w, "w%u ", i);
            bytes_str(&want, want_w);
        }
        snprintf(want_w, sizeof want_w, "i%u ", i);
        bytes_str(&want, want_w);
        if (i % 10 == 5) {
            snprintf(want_w, sizeof want_w, "d%u ", i);
            bytes_str(&want, want_w);
        }
        st = t_add(j, &s, i, &err);
    }
    fc_warn(s.up, NULL, NULL, 0, 0, "last");
    bytes_str(&want, "last ");
    if (!st)
        st = fc_jobs_flush(j, &err);
    fc_warn(s.up, NULL, NULL, 0, 0, "after"); /* nothing waits: at once */
    bytes_str(&want, "after ");
    fc_jobs_free(j);
    snprintf(name, sizeof name, "jobs: %u items, %u threads: delivered", n, threads);
    CHECK_INT(name, st, FC_OK);
    snprintf(name, sizeof name, "jobs: %u items, %u threads: items and warnings in order", n,
             threads);
    CHECK(name, s.log.p && want.p && strcmp(s.log.p, want.p) == 0);
    snprintf(name, sizeof name, "jobs: %u items, %u threads: at most %u in flight", n, threads,
             FC_JOBS_QUEUE * (threads ? threads : 1));
    CHECK(name, s.max_live <= FC_JOBS_QUEUE * (threads ? threads : 1) && s.max_live >= 1);
    snprintf(name, sizeof name, "jobs: %u items, %u threads: each released once", n, threads);
    CHECK_INT(name, s.released, n);
    /* the calling thread is one of `threads`: others start from 2 on */
    snprintf(name, sizeof name, "jobs: %u items, %u threads: %s", n, threads,
             threads > 1 ? "work ran on the pool's threads" : "work ran on the calling thread");
    CHECK(name, s.off_thread == (threads > 1));
    free(s.log.p);
    free(want.p);
}

/* Delivery fails at item 5 of 40: nothing after it is delivered, every
 * later add and the flush fail the same way, every item is released. */
static void failing(unsigned threads)
{
    char name[128];
    struct seen s = {.caller = pthread_self(), .fail_at = 5};
    struct fc_options opt;
    fc_options_init(&opt);
    opt.warn = t_warn;
    opt.warn_ctx = &s;
    struct fc_error err = {0};
    struct fc_jobs *j = NULL;
    fc_jobs_new(threads, &t_ops, &s, &opt, &j, &err);
    s.up = fc_jobs_options(j);
    bytes_add(&s.log, "", 0);
    enum fc_status first = FC_OK, st;
    unsigned failed_adds = 0;
    for (unsigned i = 1; i <= 40; i++) {
        if (i == 7)
            fc_warn(s.up, NULL, NULL, 0, 0, "w7"); /* after the failure: never told */
        st = t_add(j, &s, i, &err);
        if (st && !first)
            first = st;
        failed_adds += st != FC_OK;
    }
    st = fc_jobs_flush(j, &err);
    bool failed = fc_jobs_failed(j);
    fc_jobs_free(j);
    snprintf(name, sizeof name, "jobs: failure, %u threads: the adds after it fail", threads);
    CHECK(name, first == FC_EIO && failed_adds >= 40 - 5 - FC_JOBS_QUEUE * threads);
    snprintf(name, sizeof name, "jobs: failure, %u threads: flush says so", threads);
    CHECK(name, st == FC_EIO && failed);
    snprintf(name, sizeof name, "jobs: failure, %u threads: its message", threads);
    CHECK_STR(name, err.message, "item 5 failed");
    snprintf(name, sizeof name, "jobs: failure, %u threads: only what came before", threads);
    CHECK_STR(name, s.log.p, "i1 i2 i3 i4 ");
    snprintf(name, sizeof name, "jobs: failure, %u threads: every item released", threads);
    CHECK_INT(name, s.released, 40);
    free(s.log.p);
}

/* Freed with items waiting (a reader that failed, fc_convert's error
 * path): they are released, not delivered. */
static void abandoned(void)
{
    struct seen s = {.caller = pthread_self()};
    struct fc_error err = {0};
    struct fc_jobs *j = NULL;
    fc_jobs_new(3, &t_ops, &s, NULL, &j, &err);
    s.up = fc_jobs_options(j);
    bytes_add(&s.log, "", 0);
    const unsigned n = 3 * FC_JOBS_QUEUE + 4; /* 4 more than can wait */
    for (unsigned i = 1; i <= n; i++)
        t_add(j, &s, i, &err);
    unsigned delivered_before = 0;
    for (const char *p = s.log.p; (p = strchr(p, 'i')); p++)
        delivered_before++;
    fc_jobs_free(j);
    CHECK_INT("jobs: freed with items waiting: those are released", s.released, n);
    CHECK_INT("jobs: freed with items waiting: the 4 past the queue delivered", delivered_before,
              4);
    free(s.log.p);
}

/* ---- whole conversions -------------------------------------------------- */

/* 300 posts (more than the look-ahead's 256), every third with an
 * unparsable date: the reader warns, and Jekyll's writer warns again. */
static char *many_posts(size_t *len)
{
    struct bytes b = {0};
    bytes_str(&b, "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>Many</title>"
                  "<link>http://example.org/</link>\n");
    for (unsigned i = 0; i < 300; i++) {
        char item[600];
        snprintf(item, sizeof item,
                 "<item><title>Post %u</title><guid>g%u</guid><pubDate>%s</pubDate>"
                 "<description><![CDATA[<p>Body <em>%u</em> <a href=\"/x/%u\">a link</a></p>"
                 "<ul><li>one</li><li>two</li></ul><pre><code>code %u</code></pre>]]>"
                 "</description></item>\n",
                 i, i, i % 3 ? "Mon, 01 Jan 2024 10:00:00 +0000" : "someday", i, i, i);
        bytes_str(&b, item);
    }
    bytes_str(&b, "</channel></rss>\n");
    *len = b.len;
    return b.p;
}

/* One conversion of data into dir (same name every time: it is in
 * messages) with `jobs` threads; stream: fc_convert, else fc_read +
 * fc_write. */
static void convert_jobs(const char *data, size_t len, const char *dir, unsigned jobs, bool stream,
                         const char *site, unsigned flags, struct result *r)
{
    struct fc_options opt;
    fc_options_init(&opt);
    fc_options_set(&opt, "markdown", "site", site, NULL);
    opt.jobs = jobs;
    opt.flags |= flags;
    opt.warn = on_warn;
    opt.warn_ctx = &r->warnings;
    bytes_add(&r->warnings, "", 0);
    bytes_add(&r->out, "", 0);
    struct fc_error err = {0};
    struct fc_input *in = NULL;
    struct fc_output *out = NULL;
    struct fc_feed *feed = NULL;
    rm_tree(dir);
    r->st = fc_input_open_memory(data, len, "many.xml", &in, &err);
    if (!r->st)
        r->st = fc_output_open_dir(dir, 0, &out, &err);
    if (!r->st && stream) {
        r->st = fc_convert(in, NULL, out, fc_format_find("markdown"), &opt, &err);
    } else if (!r->st) {
        r->st = fc_read(in, NULL, &opt, &feed, &err);
        if (!r->st)
            r->st = fc_write(feed, out, fc_format_find("markdown"), &opt, &err);
    }
    if (!r->st)
        r->st = fc_output_commit(out, &err);
    snprintf(r->message, sizeof r->message, "%s", err.message);
    fc_feed_free(feed);
    fc_output_close(out);
    fc_input_close(in);
    if (manifest(dir, "", &r->out) != 0)
        bytes_str(&r->out, "(no tree)");
    rm_tree(dir);
}

/* "" when a and b are equal, else the line of a where they part. */
static const char *first_difference(const char *a, const char *b)
{
    static char line[300];
    size_t i = 0, start = 0;
    while (a[i] && a[i] == b[i])
        if (a[i++] == '\n')
            start = i;
    if (!a[i] && !b[i])
        return "";
    snprintf(line, sizeof line, "%.*s", (int)strcspn(a + start, "\n"), a + start);
    return line;
}

static void same_as_serial(const char *what, const char *data, size_t len, const char *dir,
                           bool stream, const char *site, unsigned flags, enum fc_status want)
{
    struct result one = {0};
    char name[200];
    convert_jobs(data, len, dir, 1, stream, site, flags, &one);
    snprintf(name, sizeof name, "%s, 1 thread: status", what);
    CHECK_INT(name, one.st, want);
    for (unsigned jobs = 2; jobs <= 6; jobs += 2) {
        struct result many = {0};
        convert_jobs(data, len, dir, jobs, stream, site, flags, &many);
        snprintf(name, sizeof name, "%s, %u threads: the same status and message", what, jobs);
        CHECK(name, many.st == one.st && strcmp(many.message, one.message) == 0);
        snprintf(name, sizeof name, "%s, %u threads: the same files", what, jobs);
        CHECK(name, many.out.len == one.out.len && memcmp(many.out.p, one.out.p, one.out.len) == 0);
        snprintf(name, sizeof name, "%s, %u threads: the same warnings in the same order", what,
                 jobs);
        CHECK_STR(name, first_difference(many.warnings.p, one.warnings.p), "");
        result_free(&many);
    }
    result_free(&one);
}

/* Read the site at dir with `jobs` threads into a JSON Feed (to_site
 * NULL) or into a site of that layout at out. */
static void read_site(const char *dir, const char *to_site, const char *out, unsigned jobs,
                      struct result *r)
{
    struct fc_options opt;
    fc_options_init(&opt);
    opt.jobs = jobs;
    opt.warn = on_warn;
    opt.warn_ctx = &r->warnings;
    if (to_site)
        fc_options_set(&opt, "markdown", "site", to_site, NULL);
    bytes_add(&r->warnings, "", 0);
    bytes_add(&r->out, "", 0);
    struct fc_error err = {0};
    struct fc_input *in = NULL;
    struct fc_output *o = NULL;
    if (to_site)
        rm_tree(out);
    r->st = fc_input_open(dir, &in, &err);
    if (!r->st)
        r->st = to_site ? fc_output_open_dir(out, 0, &o, &err) : fc_output_open_memory(&o, &err);
    if (!r->st)
        r->st = fc_convert(in, fc_format_find("markdown"), o,
                           fc_format_find(to_site ? "markdown" : "jsonfeed"), &opt, &err);
    if (!r->st)
        r->st = fc_output_commit(o, &err);
    snprintf(r->message, sizeof r->message, "%s", err.message);
    if (!r->st && !to_site) {
        size_t n;
        const char *p = fc_output_memory(o, &n);
        bytes_add(&r->out, p, n);
    }
    fc_output_close(o);
    fc_input_close(in);
    if (to_site) {
        if (manifest(out, "", &r->out) != 0)
            bytes_str(&r->out, "(no tree)");
        rm_tree(out);
    }
}

/* A site written from data (layout `site`, one thread), read back with 1
 * and with several threads. */
static void site_read_as_serial(const char *data, size_t len, const char *dir, const char *site,
                                const char *to_site)
{
    char src[4200], out[4300], name[200];
    snprintf(src, sizeof src, "%s/src-%s", dir, site);
    snprintf(out, sizeof out, "%s/out", dir);
    struct result one = {0};
    struct fc_options opt;
    fc_options_init(&opt);
    fc_options_set(&opt, "markdown", "site", site, NULL);
    struct fc_error err = {0};
    struct fc_input *in = NULL;
    struct fc_output *o = NULL;
    rm_tree(src);
    enum fc_status st = fc_input_open_memory(data, len, "many.xml", &in, &err);
    if (!st)
        st = fc_output_open_dir(src, 0, &o, &err);
    if (!st)
        st = fc_convert(in, NULL, o, fc_format_find("markdown"), &opt, &err);
    if (!st)
        st = fc_output_commit(o, &err);
    fc_output_close(o);
    fc_input_close(in);
    snprintf(name, sizeof name, "read a %s site into %s: the site is written", site,
             to_site ? to_site : "jsonfeed");
    CHECK_INT(name, st, FC_OK);
    read_site(src, to_site, out, 1, &one);
    snprintf(name, sizeof name, "read a %s site into %s, 1 thread: read", site,
             to_site ? to_site : "jsonfeed");
    CHECK(name, one.st == FC_OK && one.out.len > 300 * 100);
    for (unsigned jobs = 2; jobs <= 6; jobs += 2) {
        struct result many = {0};
        read_site(src, to_site, out, jobs, &many);
        snprintf(name, sizeof name, "read a %s site into %s, %u threads: the same status", site,
                 to_site ? to_site : "jsonfeed", jobs);
        CHECK(name, many.st == one.st && strcmp(many.message, one.message) == 0);
        snprintf(name, sizeof name, "read a %s site into %s, %u threads: the same output", site,
                 to_site ? to_site : "jsonfeed", jobs);
        CHECK(name, many.out.len == one.out.len && memcmp(many.out.p, one.out.p, one.out.len) == 0);
        snprintf(name, sizeof name, "read a %s site into %s, %u threads: the same warnings", site,
                 to_site ? to_site : "jsonfeed", jobs);
        CHECK_STR(name, first_difference(many.warnings.p, one.warnings.p), "");
        result_free(&many);
    }
    result_free(&one);
    rm_tree(src);
}

int main(void)
{
    ordered(0, 30);
    ordered(1, 50);
    ordered(2, 200);
    ordered(5, 200);
    failing(1);
    failing(4);
    abandoned();

    char dir[4096];
    snprintf(dir, sizeof dir, "%s/feedconv-jobs.XXXXXX",
             getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(dir)) {
        puts("FAIL: jobs: cannot make a temporary directory");
        return 1;
    }
    char out[4200];
    snprintf(out, sizeof out, "%s/site", dir);
    size_t len;
    char *data = many_posts(&len);
    struct result probe = {0};
    convert_jobs(data, len, out, 1, true, "jekyll", 0, &probe);
    CHECK("convert: 300 posts, 100 warned twice (the test's premise)",
          probe.st == FC_OK && strstr(probe.warnings.p, "'post-297' has no date") &&
              strstr(probe.warnings.p, "\"someday\""));
    CHECK("convert: 300 posts, 300 files",
          strstr(probe.out.p, "_posts/1970-01-01-post-297.md\n") &&
              strstr(probe.out.p, "_posts/2024-01-01-post-299.md\n"));
    result_free(&probe);
    same_as_serial("convert 300 posts to jekyll", data, len, out, true, "jekyll", 0, FC_OK);
    same_as_serial("convert 300 posts to hugo", data, len, out, true, "hugo", 0, FC_OK);
    same_as_serial("read + write 300 posts to jekyll", data, len, out, false, "jekyll", 0, FC_OK);
    same_as_serial("convert 300 posts to jekyll, strict", data, len, out, true, "jekyll",
                   FC_OPT_STRICT, FC_EWARN);
    /* cut in the middle of post 200: the reader fails after 199 posts */
    const char *cut = strstr(data, "<title>Post 200<");
    same_as_serial("convert 199 posts and a truncated one", data, (size_t)(cut - data), out, true,
                   "jekyll", 0, FC_EPARSE);
    site_read_as_serial(data, len, dir, "hugo", NULL);
    site_read_as_serial(data, len, dir, "jekyll", NULL);
    site_read_as_serial(data, len, dir, "jekyll", "hugo");
    free(data);
    rm_tree(dir);
    return CHECK_DONE();
}
