/*
 * test_nomem.c - allocation-failure injection: for every n along a full
 * conversion, make the n-th allocation fail (and, in a second pass, every
 * allocation from the n-th on) and check that the conversion ends cleanly:
 * no crash, a failure status with a message (FC_ENOMEM; FC_EPARSE too,
 * since libxml2 turns some allocation failures into parse errors), or
 * FC_OK with exactly the reference output; and nothing leaked.
 *
 * How: this program defines malloc, calloc, realloc and free itself
 * (glibc lets a program replace them; its own strdup and the libraries'
 * allocations then come here too) and forwards to __libc_malloc & co.
 * Live blocks are tracked in a pointer table so a leak shows as a live
 * count that does not return to where it was.  ASan replaces the
 * allocator itself, so under SANITIZE=1 the test skips: valgrind and the
 * normal build cover it.
 */
#define _GNU_SOURCE
#include "check.h"
#include "internal.h"

#include <dlfcn.h>
#include <errno.h>
#include <execinfo.h>
#include <signal.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#if defined(__SANITIZE_ADDRESS__)
#define NOMEM_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define NOMEM_ASAN 1
#endif
#endif

#if defined(__GLIBC__) && !defined(NOMEM_ASAN)
#define NOMEM_ACTIVE 1

/* ---- the allocator ------------------------------------------------------ */

extern void *__libc_malloc(size_t n);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *p, size_t n);
extern void __libc_free(void *p);

static bool armed;            /* count (and fail) allocations */
static unsigned long calls;   /* allocations since armed */
static unsigned long fail_at; /* 0: never */
static bool sticky;           /* fail every call from fail_at on */
static bool failed_one;       /* an allocation was refused */
static bool want_backtrace;
static bool show_warnings;
/* FC_NOMEM_SHOW: print warnings and outputs */ /* print where the refused allocation was made
                                                 */

/* Live blocks: open addressing, 0 empty, 1 deleted. */
#define TABLE_BITS 20
#define TABLE_SIZE ((size_t)1 << TABLE_BITS)
static uintptr_t table[TABLE_SIZE];
static uintptr_t scratch[TABLE_SIZE];
static unsigned long table_n[TABLE_SIZE], scratch_n[TABLE_SIZE]; /* allocation number, 0 unarmed */
static unsigned long trace_at; /* FC_NOMEM_TRACE: print where allocation N is made */
static size_t live, deleted;
static bool table_full;

static size_t slot_of(uintptr_t p)
{
    return (size_t)(((uint64_t)p * UINT64_C(0x9E3779B97F4A7C15)) >> (64 - TABLE_BITS));
}

static void insert(uintptr_t p, unsigned long n);

/* Drop the tombstones: lookups stop at an empty slot, so without this
 * they would get slower and slower. */
static void rehash(void)
{
    memcpy(scratch, table, sizeof table);
    memcpy(scratch_n, table_n, sizeof table_n);
    memset(table, 0, sizeof table);
    live = deleted = 0;
    for (size_t i = 0; i < TABLE_SIZE; i++)
        if (scratch[i] > 1)
            insert(scratch[i], scratch_n[i]);
}

static void track(void *ptr)
{
    if (ptr)
        insert((uintptr_t)ptr, armed ? calls : 0);
}

static void insert(uintptr_t p, unsigned long n)
{
    if (deleted > TABLE_SIZE / 4)
        rehash();
    for (size_t i = slot_of(p), k = 0; k < TABLE_SIZE; i = (i + 1) & (TABLE_SIZE - 1), k++) {
        if (table[i] <= 1) {
            if (table[i] == 1)
                deleted--;
            table[i] = p;
            table_n[i] = n;
            live++;
            return;
        }
    }
    table_full = true;
}

/* Forget p; false when it was never tracked. */
static bool untrack(void *ptr)
{
    uintptr_t p = (uintptr_t)ptr;
    if (!p)
        return false;
    for (size_t i = slot_of(p), k = 0; k < TABLE_SIZE; i = (i + 1) & (TABLE_SIZE - 1), k++) {
        if (table[i] == p) {
            table[i] = 1;
            live--;
            deleted++;
            return true;
        }
        if (table[i] == 0)
            return false;
    }
    return false;
}

/* Which object made the refused allocation: "" for this program (the
 * library is linked in statically), else the shared library's file name
 * ("libxml2.so.2", ...).  libc itself is looked through: its strdup or
 * opendir is called by whoever comes next on the stack. */
static char owner[64];

static bool in_libc(const char *fname)
{
    const char *base = strrchr(fname, '/');
    return strncmp(base ? base + 1 : fname, "libc.so", 7) == 0;
}

static void set_owner(const char *fname)
{
    const char *base = strrchr(fname, '/');
    base = base ? base + 1 : fname;
    if (strstr(base, "test_") == base) /* this program: ours */
        owner[0] = '\0';
    else
        snprintf(owner, sizeof owner, "%s", base);
}

static void find_owner(void *caller)
{
    Dl_info di;
    owner[0] = '\0';
    if (!dladdr(caller, &di) || !di.dli_fname)
        return;
    if (!in_libc(di.dli_fname)) {
        set_owner(di.dli_fname);
        return;
    }
    /* called from libc (strdup, opendir, ...): whoever called libc */
    void *frames[32];
    int n = backtrace(frames, 32);
    bool seen_libc = false;
    for (int i = 0; i < n; i++) {
        if (!dladdr(frames[i], &di) || !di.dli_fname)
            continue;
        if (in_libc(di.dli_fname))
            seen_libc = true;
        else if (seen_libc) {
            set_owner(di.dli_fname);
            return;
        }
    }
}

static bool refuse(void *caller)
{
    if (!armed)
        return false;
    calls++;
    if (trace_at && calls == trace_at) {
        void *frames[40];
        int n = backtrace(frames, 40);
        backtrace_symbols_fd(frames, n, 2);
    }
    if (fail_at && (calls == fail_at || (sticky && calls > fail_at))) {
        failed_one = true;
        find_owner(caller);
        if (want_backtrace) {
            void *frames[40];
            int n = backtrace(frames, 40);
            backtrace_symbols_fd(frames, n, 2);
        }
        return true;
    }
    return false;
}

void *malloc(size_t n)
{
    if (refuse(__builtin_return_address(0))) {
        errno = ENOMEM;
        return NULL;
    }
    void *p = __libc_malloc(n);
    track(p);
    return p;
}

void *calloc(size_t n, size_t size)
{
    if (refuse(__builtin_return_address(0))) {
        errno = ENOMEM;
        return NULL;
    }
    void *p = __libc_calloc(n, size);
    track(p);
    return p;
}

void *realloc(void *old, size_t n)
{
    if (old && n == 0) {
        untrack(old);
        __libc_free(old);
        return NULL;
    }
    if (refuse(__builtin_return_address(0))) {
        errno = ENOMEM;
        return NULL; /* old stays valid */
    }
    void *p = __libc_realloc(old, n);
    if (p) {
        untrack(old);
        track(p);
    }
    return p;
}

void free(void *p)
{
    untrack(p);
    __libc_free(p);
}

/* ---- the scenarios ------------------------------------------------------- */

static const char rss_input[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"\n"
    "     xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
    "     xmlns:sy=\"http://purl.org/rss/1.0/modules/syndication/\">\n"
    "<channel>\n"
    "<title>Allocation &amp; Failure</title>\n"
    "<link>https://nomem.example/</link>\n"
    "<description>Every n-th malloc fails</description>\n"
    "<language>en</language>\n"
    "<lastBuildDate>Mon, 15 Jan 2024 10:00:00 +0100</lastBuildDate>\n"
    "<sy:updatePeriod>hourly</sy:updatePeriod>\n"
    "<item>\n"
    "<title>First</title>\n"
    "<link>https://nomem.example/first</link>\n"
    "<guid isPermaLink=\"false\">nomem-1</guid>\n"
    "<dc:creator>Ann Example</dc:creator>\n"
    "<category domain=\"https://nomem.example/tags\">tests</category>\n"
    "<pubDate>Mon, 15 Jan 2024 09:30:00 +0100</pubDate>\n"
    "<description>Short &lt;b&gt;summary&lt;/b&gt;</description>\n"
    "<content:encoded><![CDATA[<p>Body with <a href=\"/rel\">a link</a> and "
    "<em>emphasis</em>.</p><ul><li>one</li><li>two</li></ul>]]></content:encoded>\n"
    "<enclosure url=\"https://nomem.example/a.mp3\" length=\"1234\" type=\"audio/mpeg\"/>\n"
    "</item>\n"
    "<item>\n"
    "<title>Second</title>\n"
    "<guid>https://nomem.example/second</guid>\n"
    "<pubDate>not a date at all</pubDate>\n"
    "<description>Plain</description>\n"
    "</item>\n"
    "</channel>\n"
    "</rss>\n";

/* The same with repairs to make (unescaped &, an undeclared entity). */
static const char rss_broken_input[] =
    "<?xml version=\"1.0\"?>\n"
    "<rss version=\"2.0\"><channel><title>Broken & fixed</title>\n"
    "<link>https://nomem.example/</link><description>d&nbsp;e</description>\n"
    "<item><title>One & two</title><guid>b1</guid></item>\n"
    "</channel></rss>\n";

static const char atom_input[] =
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
    "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"en\">\n"
    "<title type=\"html\">Atom &amp;lt;b&amp;gt;</title>\n"
    "<id>urn:nomem</id>\n"
    "<updated>2024-01-15T10:00:00Z</updated>\n"
    "<link rel=\"self\" href=\"https://nomem.example/atom.xml\"/>\n"
    "<author><name>Ann</name><email>ann@nomem.example</email></author>\n"
    "<entry>\n"
    "<title>Entry</title>\n"
    "<id>urn:nomem:1</id>\n"
    "<updated>2024-01-15T10:00:00.5+05:30</updated>\n"
    "<link href=\"/entry\" xml:base=\"https://nomem.example/\"/>\n"
    "<category term=\"t\" scheme=\"s\" label=\"T\"/>\n"
    "<content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\"><p>x "
    "<b>y</b></p></div></content>\n"
    "</entry>\n"
    "</feed>\n";

static const char json_input[] =
    "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"JSON & co\",\n"
    " \"home_page_url\": \"https://nomem.example/\", \"authors\": [{\"name\": \"Ann\"}],\n"
    " \"_ext\": {\"a\": [1, 2, {\"b\": null}]},\n"
    " \"items\": [\n"
    "  {\"id\": \"1\", \"title\": \"One\", \"content_html\": \"<p>Hi <b>there</b></p>\",\n"
    "   \"date_published\": \"2024-01-15T10:00:00+01:00\", \"tags\": [\"a\", \"b\"],\n"
    "   \"attachments\": [{\"url\": \"https://nomem.example/a.mp3\", \"mime_type\": "
    "\"audio/mpeg\", \"size_in_bytes\": 5}]},\n"
    "  {\"id\": \"2\", \"content_text\": \"Two\", \"date_published\": \"yesterday\"}\n"
    " ]}\n";

static const char md_post[] = "---\n"
                              "title: \"Markdown & YAML\"\n"
                              "date: 2024-01-15T10:00:00+01:00\n"
                              "tags: [a, b]\n"
                              "layout: post\n"
                              "custom: {x: [1, 2]}\n"
                              "---\n"
                              "# Heading\n\n"
                              "Some *text* with a [link](https://nomem.example/).\n";

enum src_kind { SRC_MEMORY, SRC_DIR, SRC_MERGE };
enum dst_kind { DST_MEMORY, DST_DIR, DST_COLLECT };

struct scenario {
    const char *name;
    enum src_kind src;
    const char *data; /* SRC_MEMORY */
    const char *from;
    const char *to;
    enum dst_kind dst;
};

static const struct scenario scenarios[] = {
    {"rss -> jsonfeed", SRC_MEMORY, rss_input, "rss", "jsonfeed", DST_MEMORY},
    {"rss -> atom", SRC_MEMORY, rss_input, "rss", "atom", DST_MEMORY},
    {"rss -> rss", SRC_MEMORY, rss_input, "rss", "rss", DST_MEMORY},
    {"rss (detected) -> atom, collected", SRC_MEMORY, rss_input, NULL, "atom", DST_COLLECT},
    {"broken rss -> jsonfeed", SRC_MEMORY, rss_broken_input, "rss", "jsonfeed", DST_MEMORY},
    {"atom -> rss", SRC_MEMORY, atom_input, "atom", "rss", DST_MEMORY},
    {"atom -> jsonfeed", SRC_MEMORY, atom_input, "atom", "jsonfeed", DST_MEMORY},
    {"jsonfeed -> atom", SRC_MEMORY, json_input, "jsonfeed", "atom", DST_MEMORY},
    {"jsonfeed -> rss", SRC_MEMORY, json_input, "jsonfeed", "rss", DST_MEMORY},
    {"markdown -> jsonfeed", SRC_DIR, NULL, "markdown", "jsonfeed", DST_MEMORY},
    {"rss -> markdown", SRC_MEMORY, rss_input, "rss", "markdown", DST_DIR},
    {"rss + atom + jsonfeed merged -> rss", SRC_MERGE, NULL, NULL, "rss", DST_MEMORY},
};

static char workdir[256];    /* scratch: the markdown input and outputs */
static char mdin[300];       /* the markdown input directory */
static char result[1 << 16]; /* a run's output, copied without allocating */
static size_t result_len;
static bool result_big;

static void noop_warn(void *ctx, const struct fc_error *w)
{
    (void)ctx;
    if (show_warnings)
        printf("warning: %s:%lu:%lu: %s\n", w->file, w->line, w->column, w->message);
}

static int rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)ftw;
    return flag == FTW_DP ? rmdir(path) : unlink(path);
}

/* rm -rf, in-process (one fork per run would dominate the test's time). */
static void rm_tree(const char *path)
{
    nftw(path, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* Read every file of a directory tree into result (sorted by name). */
static void dir_digest(const char *path)
{
    char cmd[600];
    snprintf(cmd, sizeof cmd, "cd '%s' && find . -type f | LC_ALL=C sort | xargs cat", path);
    FILE *p = popen(cmd, "r");
    result_len = 0;
    result_big = false;
    if (!p)
        return;
    size_t n;
    while ((n = fread(result + result_len, 1, sizeof result - result_len, p)) > 0)
        result_len += n;
    if (result_len == sizeof result)
        result_big = true;
    pclose(p);
}

/* One conversion, start to finish, armed.  Leaves the output in result. */
static enum fc_status run_once(const struct scenario *s, struct fc_error *err)
{
    struct fc_input *in = NULL;
    struct fc_output *out = NULL;
    struct fc_feed *feed = NULL;
    struct fc_options opt;
    char outdir[400];
    enum fc_status st;

    result_len = 0;
    result_big = false;
    snprintf(outdir, sizeof outdir, "%s/out", workdir);
    if (s->dst == DST_DIR)
        rm_tree(outdir);
    memset(err, 0, sizeof *err);

    calls = 0;
    failed_one = false;
    armed = true;
    fc_options_init(&opt);
    opt.warn = noop_warn;
    const struct fc_format *from = s->from ? fc_format_find(s->from) : NULL;
    const struct fc_format *to = fc_format_find(s->to);
    /* a merge: the three inputs, each twice (every post a duplicate) */
    static const char *const merged[] = {rss_input, atom_input, json_input,
                                         rss_input, atom_input, json_input};
    struct fc_input *more[6] = {0};
    if (s->src == SRC_MERGE) {
        st = FC_OK;
        for (size_t i = 0; i < 6 && st == FC_OK; i++)
            st = fc_input_open_memory(merged[i], strlen(merged[i]), "nomem", &more[i], err);
    } else if (s->src == SRC_DIR)
        st = fc_input_open(mdin, &in, err);
    else
        st = fc_input_open_memory(s->data, strlen(s->data), "nomem", &in, err);
    if (st == FC_OK) {
        if (s->dst == DST_DIR)
            st = fc_output_open_dir(outdir, FC_OPT_FORCE, &out, err);
        else
            st = fc_output_open_memory(&out, err);
    }
    if (st == FC_OK && s->dst == DST_COLLECT) {
        st = fc_read(in, from, &opt, &feed, err);
        if (st == FC_OK)
            st = fc_write(feed, out, to, &opt, err);
    } else if (st == FC_OK && s->src == SRC_MERGE) {
        st = fc_convert_many(more, NULL, 6, out, to, &opt, err);
    } else if (st == FC_OK) {
        st = fc_convert(in, from, out, to, &opt, err);
    }
    if (st == FC_OK)
        st = fc_output_commit(out, err);
    if (st == FC_OK && s->dst != DST_DIR) {
        size_t len = 0;
        const char *m = fc_output_memory(out, &len);
        result_big = len > sizeof result;
        result_len = result_big ? sizeof result : len;
        memcpy(result, m, result_len);
    }
    fc_feed_free(feed);
    fc_output_close(out);
    fc_input_close(in);
    for (size_t i = 0; i < 6; i++)
        fc_input_close(more[i]);
    armed = false;
    if (st == FC_OK && s->dst == DST_DIR)
        dir_digest(outdir);
    /* libxml2 keeps a copy of the last error in a global: not ours. */
    xmlResetLastError();
    return st;
}

/* What the child is doing, for the crash and hang reports. */
static const char *cur_name = "";
static unsigned long cur_n;

static void put(const char *s)
{
    if (write(1, s, strlen(s)) < 0)
        return;
}

/* Async-signal-safe: a FAIL line naming the allocation, then exit. */
static int crash_pipe = -1;          /* the child tells the parent where it died */
static unsigned long crashes_before; /* in this scenario: report only the first few */

static void on_fatal(int sig)
{
    char num[24];
    int i = (int)sizeof num;
    unsigned long n = cur_n;
    num[--i] = '\0';
    do
        num[--i] = (char)('0' + n % 10);
    while ((n /= 10) && i > 0);
    if (owner[0] && crashes_before >= 3)
        goto quiet;
    put(owner[0] ? "SKIP: nomem: " : "FAIL: nomem: ");
    put(cur_name);
    put(sticky ? ": every allocation from " : ": only allocation ");
    put(num + i);
    if (owner[0]) {
        put(" failing inside ");
        put(owner);
    }
    put(sig == SIGALRM ? " failing: the run hangs (no end after 2 s)"
                       : " failing: the run crashed (signal)");
    put(owner[0] ? " (a bug of that library, not feedconv's)\n" : "\n");
quiet:
    if (crash_pipe >= 0 && write(crash_pipe, &cur_n, sizeof cur_n) < 0)
        _exit(5);
    _exit(owner[0] ? 4 : 3);
}

/* A broken expectation: FAIL when the refused allocation was feedconv's,
 * SKIP (counted as known) when a library swallowed or mishandled it. */
static bool known_library(void)
{
    /* libxml2 2.9 swallows some allocation failures (namespaces, the HTML
     * parser); cmark-gfm runs on md2html.c's pool, which turns its
     * failures into FC_ENOMEM, and jansson and libyaml report every
     * failure, so mishandling theirs is feedconv's bug. */
    return strstr(owner, "libxml2") && !getenv("FC_NOMEM_STRICT_LIBS");
}

static void report(const struct scenario *s, unsigned long n, const char *what,
                   unsigned long *count, unsigned long *known)
{
    if (known_library()) {
        if ((*known)++ < 5)
            printf("SKIP: nomem: %s: %s allocation %lu failing inside %s: %s (a bug of that "
                   "library, not feedconv's)\n",
                   s->name, sticky ? "every from" : "only", n, owner, what);
        return;
    }
    if ((*count)++ < 5) {
        printf("FAIL: nomem: %s: %s allocation %lu failing: %s\n", s->name,
               sticky ? "every from" : "only", n, what);
        check_failures++;
    }
}

static void run_scenario(const struct scenario *s, unsigned long only, unsigned long start)
{
    char name[200];
    struct fc_error err;
    static char ref[sizeof result];
    size_t ref_len;

    cur_name = s->name;
    if (!fc_format_find(s->to) || (s->from && !fc_format_find(s->from))) {
        snprintf(name, sizeof name, "nomem: %s", s->name);
        SKIP(name, "format not in this build");
        return;
    }
    /* Warm up libxml2's and the others' one-time globals, then the
     * reference run. */
    fail_at = 0;
    run_once(s, &err);
    run_once(s, &err);
    size_t base = live;
    enum fc_status st = run_once(s, &err);
    unsigned long total = calls;
    long long ref_leak = (long long)live - (long long)base; /* before printing */
    snprintf(name, sizeof name, "nomem: %s: reference run", s->name);
    if (st != FC_OK) {
        printf("FAIL: %s: status %d: %s:%lu:%lu: %s\n", name, st, err.file, err.line, err.column,
               err.message);
        check_failures++;
        return;
    }
    CHECK(name, st == FC_OK && !result_big);
    snprintf(name, sizeof name, "nomem: %s: reference run leaks nothing", s->name);
    CHECK_INT(name, ref_leak, 0);
    memcpy(ref, result, result_len);
    ref_len = result_len;

    for (int pass = 0; pass < (getenv("FC_NOMEM_STICKY") ? 2 : 1); pass++) {
        unsigned long bad = 0, leaks = 0, known = 0, enomem = 0, eparse = 0, ok = 0;
        sticky = pass == 1;
        for (unsigned long n = only ? only : start; n <= total + 1; n++) {
            fail_at = n;
            cur_n = n;
            size_t before = live;
            alarm(2);
            st = run_once(s, &err);
            alarm(0);
            bool hit = failed_one;
            long long leaked = (long long)live - (long long)before;
            const char *why = NULL;
            if (st == FC_OK) {
                if (result_len != ref_len || memcmp(result, ref, ref_len) != 0)
                    why = "FC_OK with output different from the reference";
                else
                    ok++;
            } else if (!hit) {
                why = "failed though no allocation was refused";
            } else if (st == FC_ENOMEM) {
                enomem++;
            } else if (st == FC_EPARSE) {
                eparse++;
            } else {
                why = "a failure status other than FC_ENOMEM / FC_EPARSE";
            }
            if (!why && st != FC_OK && (err.code != st || !err.message[0]))
                why = "struct fc_error not filled (code / message)";
            char what[700];
            if (why) {
                snprintf(what, sizeof what, "%s (status %d %s: %s)", why, st, fc_status_str(st),
                         err.message);
                report(s, n, what, &bad, &known);
            }
            if (leaked != 0 && !table_full) {
                snprintf(what, sizeof what, "%lld block(s) leaked (status %d: %s)", leaked, st,
                         err.message);
                report(s, n, what, &leaks, &known);
            }
            if (only && show_warnings)
                for (size_t i = 0; i < TABLE_SIZE; i++)
                    if (table[i] > 1 && table_n[i])
                        printf("still live: allocation %lu\n", table_n[i]);
            if (only && getenv("FC_NOMEM_SHOW"))
                printf("---- output (status %d):\n%.*s\n---- reference:\n%.*s\n", st,
                       (int)result_len, result, (int)ref_len, ref);
            if (!hit || only)
                break; /* the run needed fewer allocations: done */
        }
        if (only)
            break;
        snprintf(name, sizeof name,
                 "nomem: %s: %s %lu allocation(s) failing: clean (%lu ENOMEM, %lu EPARSE, "
                 "%lu OK, %lu known library bugs)",
                 s->name, sticky ? "every allocation from each of" : "each of", total, enomem,
                 eparse, ok, known);
        if (bad == 0 && leaks == 0)
            printf("PASS: %s\n", name);
        else
            printf("FAIL: %s: %lu bad status(es), %lu leak(s)\n", name, bad, leaks);
        if (bad || leaks)
            check_failures++;
    }
    sticky = false;
    fail_at = 0;
}

static bool setup(void)
{
    const char *base = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    snprintf(workdir, sizeof workdir, "%s/fc-nomem.XXXXXX", base);
    if (!mkdtemp(workdir))
        return false;
    snprintf(mdin, sizeof mdin, "%s/md", workdir);
    char post[400];
    snprintf(post, sizeof post, "%s/2024-01-15-markdown-and-yaml.md", mdin);
    if (mkdir(mdin, 0700) != 0)
        return false;
    FILE *f = fopen(post, "w");
    if (!f)
        return false;
    fputs(md_post, f);
    return fclose(f) == 0;
}

/*
 * Usage: test_nomem [SCENARIO-SUBSTRING [N]]
 * Each scenario runs in its own process, so that a crash or a hang (both
 * reported with the allocation number) does not stop the others.
 * FC_NOMEM_STICKY=1 adds a pass failing every allocation from the n-th on
 * (libxml2 2.9's HTML parser loops forever that way, so it is off by
 * default).  With N, only that allocation fails and FC_NOMEM_BACKTRACE=1
 * prints where it was made.
 */
int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (getenv("FC_NOMEM_SKIP")) {
        SKIP("nomem", "FC_NOMEM_SKIP set (e.g. under valgrind, which replaces malloc)");
        return 0;
    }
    if (!setup()) {
        printf("FAIL: nomem: cannot create a scratch directory\n");
        return 1;
    }
    unsigned long only = 0;
    if (argc > 2)
        only = strtoul(argv[2], NULL, 10);
    want_backtrace = only && getenv("FC_NOMEM_BACKTRACE");
    show_warnings = only && getenv("FC_NOMEM_SHOW");
    if (getenv("FC_NOMEM_TRACE"))
        trace_at = strtoul(getenv("FC_NOMEM_TRACE"), NULL, 10);
    void *frames[2];
    backtrace(frames, 2); /* loads libgcc_s before anything is refused */
    xmlInitParser();
    int failures = 0;
    for (size_t i = 0; i < sizeof scenarios / sizeof scenarios[0]; i++) {
        if (argc >= 2 && !strstr(scenarios[i].name, argv[1]))
            continue;
        fflush(stdout);
        if (getenv("FC_NOMEM_NOFORK")) { /* for a debugger */
            run_scenario(&scenarios[i], only, 1);
            continue;
        }
        /* A crash ends the child; go on after the allocation that killed it. */
        unsigned long known_crashes = 0;
        for (unsigned long start = 1; start;) {
            crashes_before = known_crashes;
            int fds[2];
            if (pipe(fds) != 0) {
                printf("FAIL: nomem: pipe failed\n");
                return 1;
            }
            fflush(stdout);
            pid_t pid = fork();
            if (pid < 0) {
                printf("FAIL: nomem: %s: fork failed\n", scenarios[i].name);
                failures++;
                break;
            }
            if (pid == 0) {
                close(fds[0]);
                crash_pipe = fds[1];
                signal(SIGALRM, on_fatal);
                signal(SIGSEGV, on_fatal);
                signal(SIGBUS, on_fatal);
                signal(SIGABRT, on_fatal);
                signal(SIGFPE, on_fatal);
                run_scenario(&scenarios[i], only, start);
                if (table_full)
                    SKIP("nomem: leak checks", "pointer table overflowed; leaks not tracked");
                fflush(stdout);
                _exit(check_failures ? 1 : 0);
            }
            close(fds[1]);
            unsigned long died_at = 0;
            if (read(fds[0], &died_at, sizeof died_at) != (ssize_t)sizeof died_at)
                died_at = 0;
            close(fds[0]);
            int status = 0;
            while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
                ;
            int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
            if (code != 0 && code != 4)
                failures++;
            if (code == 4)
                known_crashes++;
            if (code == -1)
                printf("FAIL: nomem: %s: the test died (signal %d)\n", scenarios[i].name,
                       WTERMSIG(status));
            start = died_at && !only ? died_at + 1 : 0;
        }
        if (known_crashes > 3)
            printf("SKIP: nomem: %s: %lu more crash(es) or hang(s) inside libraries, not "
                   "shown (a bug of that library, not feedconv's)\n",
                   scenarios[i].name, known_crashes - 3);
    }
    rm_tree(workdir);
    return failures ? 1 : 0;
}

#else /* ASan or not glibc */

int main(void)
{
#ifdef NOMEM_ASAN
    SKIP("nomem", "ASan replaces malloc: allocation failures are injected in the normal "
                  "build (and leaks checked by valgrind)");
#else
    SKIP("nomem", "needs glibc to replace malloc");
#endif
    return 0;
}

#endif
