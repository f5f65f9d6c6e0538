/*
 * test_core.c - the arena, lists, buffers, text helpers, URL resolution,
 * slugs and the atomic / confined file output of io.c.
 */
#define _GNU_SOURCE
#include "check.h"
#include "util/strmap.h"
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void test_arena(void)
{
    struct fc_post *p = fc_post_new();
    CHECK("post_new", p != NULL);
    CHECK_INT("post defaults: comment_count", p->comment_count, -1);
    CHECK_INT("post defaults: id_is_permalink", p->id_is_permalink, -1);
    char big[100000];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    const char *s = fc_strdup(p->arena, big, (size_t)-1);
    CHECK("arena: large string", s && strlen(s) == sizeof big - 1);
    const char *t = fc_strdup(p->arena, "abc", 2);
    CHECK_STR("arena: strdup with length", t, "ab");
    /* alignment after odd-sized strings */
    double *d = fc_alloc(p->arena, sizeof *d);
    CHECK("arena: aligned after strings", d && ((uintptr_t)d % sizeof(double)) == 0);
    for (int i = 0; i < 1000; i++) {
        struct fc_tag *tag = fc_list_add(p->arena, &p->categories, sizeof *tag);
        if (!tag)
            break;
        tag->term = "t";
    }
    CHECK_INT("list: count", p->categories.count, 1000);
    size_t n = 0;
    for (struct fc_tag *tag = p->categories.first; tag; tag = tag->next)
        n++;
    CHECK_INT("list: walk", n, 1000);
    CHECK("list: last", p->categories.last && !((struct fc_tag *)p->categories.last)->next);
    fc_post_ref(p);
    fc_post_free(p);
    CHECK_STR("post_ref keeps the post alive", t, "ab");
    fc_post_free(p);
}

static void test_ext(void)
{
    struct fc_feed *f = fc_feed_new();
    struct fc_ext *e = fc_list_add(f->arena, &f->exts, sizeof *e);
    e->ns = "http://purl.org/rss/1.0/modules/syndication/";
    e->name = "updatePeriod";
    struct fc_ext *txt = fc_list_add(f->arena, &e->children, sizeof *txt);
    txt->value = "hourly";
    CHECK_STR("ext_text", fc_ext_text(f->arena, e), "hourly");
    struct fc_feed *g = fc_feed_new();
    struct fc_ext *c = fc_ext_copy(g->arena, e);
    fc_feed_free(f);
    CHECK_STR("ext_copy: name", c->name, "updatePeriod");
    CHECK_STR("ext_copy: text", fc_ext_text(g->arena, c), "hourly");
    fc_feed_free(g);
}

static void test_buf_text(void)
{
    struct fc_buf b;
    fc_buf_init(&b);
    CHECK_STR("buf: empty cstr", fc_buf_cstr(&b), "");
    fc_buf_printf(&b, "%d-%s", 42, "x");
    CHECK_STR("buf: printf", fc_buf_cstr(&b), "42-x");
    fc_buf_reset(&b);
    fc_xml_escape(&b, "a<b>&\"c\x01", 8, true);
    CHECK_STR("xml_escape attr", fc_buf_cstr(&b), "a&lt;b&gt;&amp;&quot;c");
    fc_buf_reset(&b);
    {
        /* The scanning escaper against a byte loop, text and attributes,
         * on strings whose special bytes fall on every offset of a
         * 16-byte step. */
        static const char alpha[] = "ab<>&\"'\t\n\r\x01\x1f\xc3\xa9 ]";
        uint64_t x = 0x9e3779b97f4a7c15u;
        unsigned bad = 0;
        struct fc_buf want;
        fc_buf_init(&want);
        for (int round = 0; round < 4000; round++) {
            char in[80];
            x ^= x << 13, x ^= x >> 7, x ^= x << 17;
            size_t n = (size_t)(x % sizeof in);
            for (size_t i = 0; i < n; i++) {
                x ^= x << 13, x ^= x >> 7, x ^= x << 17;
                /* mostly plain bytes, so runs are long enough to scan */
                in[i] = x % 4 ? 'p' : alpha[(x >> 8) % (sizeof alpha - 1)];
            }
            for (int attr = 0; attr < 2; attr++) {
                fc_buf_reset(&b);
                fc_buf_reset(&want);
                fc_xml_escape(&b, in, n, attr);
                for (size_t i = 0; i < n; i++) {
                    unsigned char c = (unsigned char)in[i];
                    const char *r = c == '&'                             ? "&amp;"
                                    : c == '<'                           ? "&lt;"
                                    : c == '>'                           ? "&gt;"
                                    : c == '"' && attr                   ? "&quot;"
                                    : c == '\n' && attr                  ? "&#10;"
                                    : c == '\t' && attr                  ? "&#9;"
                                    : c == '\r'                          ? "&#13;"
                                    : c < 0x20 && c != '\t' && c != '\n' ? ""
                                                                         : NULL;
                    if (r)
                        fc_buf_puts(&want, r);
                    else
                        fc_buf_putc(&want, (char)c);
                }
                bad += strcmp(fc_buf_cstr(&b), fc_buf_cstr(&want)) != 0;
            }
        }
        CHECK_INT("xml_escape: the same bytes as a byte loop on 8000 strings", bad, 0);
        fc_buf_free(&want);
        fc_buf_reset(&b);
    }
    CHECK_INT("utf8_repair count", fc_utf8_repair(&b, "a\xff\xc3\xa9", 4), 1);
    CHECK_STR("utf8_repair", fc_buf_cstr(&b), "a\xef\xbf\xbd\xc3\xa9");
    CHECK("utf8 overlong rejected", !fc_utf8_valid("\xc0\xaf", 2));
    CHECK("utf8 surrogate rejected", !fc_utf8_valid("\xed\xa0\x80", 3));
    CHECK("utf8 4-byte ok", fc_utf8_valid("\xf0\x9f\x98\x80", 4));
    fc_buf_free(&b);

    struct fc_arena *a = fc_arena_new();
    CHECK_STR("html_to_text", fc_html_to_text(a, "<p>I&#8217;ll <b>be</b>&nbsp;there</p><p>x</p>"),
              "I\xe2\x80\x99ll be there x");
    CHECK_STR("html_to_text plain", fc_html_to_text(a, "  a  b "), "a b");
    CHECK_STR("html_to_text drops script", fc_html_to_text(a, "a<script>x()</script>b"), "ab");
    CHECK("looks_like_html tag", fc_looks_like_html("x <em>y</em>"));
    CHECK("looks_like_html entity", fc_looks_like_html("I&#8217;m"));
    CHECK("looks_like_html plain", !fc_looks_like_html("a < b && c"));
    CHECK_STR("slugify", fc_slugify(a, "Do you know everything about RDMA?", 80),
              "do-you-know-everything-about-rdma");
    CHECK_STR("slugify ../../etc/passwd", fc_slugify(a, "../../etc/passwd", 80), "etc-passwd");
    CHECK_STR("slugify empty", fc_slugify(a, "", 80), "post");
    CHECK_INT("slugify max", strlen(fc_slugify(a, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 10)), 10);
    int64_t v = 0;
    CHECK("parse_int", fc_parse_int(" 42 ", 0, 100, &v) && v == 42);
    CHECK("parse_int range", !fc_parse_int("101", 0, 100, &v));
    CHECK("parse_int junk", !fc_parse_int("4x", 0, 100, &v));
    CHECK_INT("strcasecmp", fc_strcasecmp("RSS", "rss"), 0);
    fc_arena_free(a);
}

/* RFC 3986 section 5.4 examples. */
static void test_url_resolve(void)
{
    static const char *const cases[][2] = {
        {"g:h", "g:h"},
        {"g", "http://a/b/c/g"},
        {"./g", "http://a/b/c/g"},
        {"g/", "http://a/b/c/g/"},
        {"/g", "http://a/g"},
        {"//g", "http://g"},
        {"?y", "http://a/b/c/d;p?y"},
        {"g?y", "http://a/b/c/g?y"},
        {"#s", "http://a/b/c/d;p?q#s"},
        {"g#s", "http://a/b/c/g#s"},
        {";x", "http://a/b/c/;x"},
        {"", "http://a/b/c/d;p?q"},
        {".", "http://a/b/c/"},
        {"./", "http://a/b/c/"},
        {"..", "http://a/b/"},
        {"../", "http://a/b/"},
        {"../g", "http://a/b/g"},
        {"../..", "http://a/"},
        {"../../g", "http://a/g"},
        {"../../../g", "http://a/g"},
        {"/./g", "http://a/g"},
        {"/../g", "http://a/g"},
        {"g.", "http://a/b/c/g."},
        {"..g", "http://a/b/c/..g"},
        {"./../g", "http://a/b/g"},
        {"g/./h", "http://a/b/c/g/h"},
        {"g/../h", "http://a/b/c/h"},
        {"g;x=1/../y", "http://a/b/c/y"},
    };
    struct fc_arena *a = fc_arena_new();
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char name[80];
        snprintf(name, sizeof name, "url_resolve '%s'", cases[i][0]);
        CHECK_STR(name, fc_url_resolve(a, "http://a/b/c/d;p?q", cases[i][0]), cases[i][1]);
    }
    CHECK_STR("url_resolve no base", fc_url_resolve(a, NULL, "x/y"), "x/y");
    fc_arena_free(a);
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    static char buf[4096];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

static size_t count_entries(const char *dir)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "ls -A '%s' | wc -l", dir);
    FILE *p = popen(cmd, "r");
    size_t n = 0;
    if (p) {
        if (fscanf(p, "%zu", &n) != 1)
            n = 0;
        pclose(p);
    }
    return n;
}

static void test_output_file(const char *tmp)
{
    char path[512];
    struct fc_error err;
    struct fc_output *o;
    snprintf(path, sizeof path, "%s/out.xml", tmp);

    CHECK("output: open", fc_output_open(path, 0, &o, &err) == FC_OK);
    fc_out_write(o, "hello", 5, &err);
    CHECK("output: nothing visible before commit", access(path, F_OK) != 0);
    CHECK("output: commit", fc_output_commit(o, &err) == FC_OK);
    fc_output_close(o);
    CHECK_STR("output: content", slurp(path), "hello");

    CHECK_INT("output: existing refused", fc_output_open(path, 0, &o, &err), FC_EEXIST);
    CHECK("output: existing refused, message", strstr(err.message, "--force") != NULL);

    CHECK("output: force open", fc_output_open(path, FC_OPT_FORCE, &o, &err) == FC_OK);
    fc_out_write(o, "partial", 7, &err);
    fc_output_close(o); /* no commit: an error happened */
    CHECK_STR("output: abandoned write leaves the old file", slurp(path), "hello");
    CHECK_INT("output: no temporary left", count_entries(tmp), 1);

    CHECK("output: force replace", fc_output_open(path, FC_OPT_FORCE, &o, &err) == FC_OK);
    fc_out_write(o, "new", 3, &err);
    fc_output_commit(o, &err);
    fc_output_close(o);
    CHECK_STR("output: replaced", slurp(path), "new");
}

static void test_output_dir(const char *tmp)
{
    char dir[512], path[600];
    struct fc_error err;
    struct fc_output *o;
    snprintf(dir, sizeof dir, "%s/site", tmp);
    CHECK("dir: open creates", fc_output_open_dir(dir, 0, &o, &err) == FC_OK);
    CHECK("dir: nested write", fc_out_dir_write(o, "a/b/c.md", "x", 1, &err) == FC_OK);
    snprintf(path, sizeof path, "%s/a/b/c.md", dir);
    CHECK_STR("dir: nested content", slurp(path), "x");
    CHECK_INT("dir: .. refused", fc_out_dir_write(o, "../evil", "x", 1, &err), FC_EUSAGE);
    CHECK_INT("dir: a/../.. refused", fc_out_dir_write(o, "a/../../evil", "x", 1, &err), FC_EUSAGE);
    CHECK_INT("dir: absolute refused", fc_out_dir_write(o, "/tmp/evil", "x", 1, &err), FC_EUSAGE);
    CHECK_INT("dir: empty refused", fc_out_dir_write(o, "", "x", 1, &err), FC_EUSAGE);
    /* a symlink planted inside the directory must not be followed out */
    snprintf(path, sizeof path, "%s/link", dir);
    CHECK("dir: plant symlink", symlink(tmp, path) == 0);
    CHECK("dir: symlinked parent refused",
          fc_out_dir_write(o, "link/escape.md", "x", 1, &err) != FC_OK);
    snprintf(path, sizeof path, "%s/escape.md", tmp);
    CHECK("dir: nothing written through the symlink", access(path, F_OK) != 0);
    CHECK("dir: exists", fc_out_dir_exists(o, "a/b/c.md"));
    fc_output_close(o);
    CHECK_INT("dir: non-empty refused", fc_output_open_dir(dir, 0, &o, &err), FC_EEXIST);
    CHECK("dir: non-empty with force", fc_output_open_dir(dir, FC_OPT_FORCE, &o, &err) == FC_OK);
    fc_output_close(o);
}

static enum fc_status collect_names(void *ctx, const char *rel, bool is_dir, struct fc_error *err)
{
    (void)err;
    struct fc_buf *b = ctx;
    fc_buf_puts(b, rel);
    fc_buf_puts(b, is_dir ? "/ " : " ");
    return FC_OK;
}

/* The entries fc_in_dir_list gives for rel, as "name name/ ..." in b. */
static const char *listed(struct fc_input *in, const char *rel, struct fc_buf *b)
{
    struct fc_error err;
    fc_buf_reset(b);
    fc_in_dir_list(in, rel, collect_names, b, &err);
    return fc_buf_cstr(b);
}

/* fc_in_dir_read of rel: its text in b, or "" and the message in why. */
static const char *read_rel(struct fc_input *in, const char *rel, struct fc_buf *b, char *why,
                            size_t cap)
{
    struct fc_error err = {0};
    fc_buf_reset(b);
    enum fc_status st = fc_in_dir_read(in, rel, b, 100, &err);
    snprintf(why, cap, "%s: %s", fc_status_str(st), st ? err.message : "");
    return st ? "" : fc_buf_cstr(b);
}

/* What read_rel says when opening fails with errno e. */
static const char *open_failed(int e, char *buf, size_t cap)
{
    snprintf(buf, cap, "%s: cannot open: %s", fc_status_str(FC_EIO), strerror(e));
    return buf;
}

static void test_input_dir(const char *tmp)
{
    char dir[512], why[700], want[300];
    struct fc_error err;
    struct fc_input *in;
    snprintf(dir, sizeof dir, "%s/site", tmp);
    CHECK("indir: open", fc_input_open(dir, &in, &err) == FC_OK && fc_in_is_dir(in));
    struct fc_buf b;
    fc_buf_init(&b);
    CHECK_STR("indir: sorted, symlink skipped", listed(in, "", &b), "a/ ");
    CHECK_STR("indir: read", read_rel(in, "a/b/c.md", &b, why, sizeof why), "x");
    CHECK_STR("indir: read through symlink refused",
              read_rel(in, "link/out.xml", &b, why, sizeof why), "");
    CHECK("indir: .. refused", fc_in_dir_read(in, "../out.xml", &b, 100, &err) != FC_OK);
    fc_input_close(in);

    /* What each path opens and why one is refused, the same whichever
     * way open_beneath takes (openat2 in one call, or one component at a
     * time): the errors are the long way's. */
    char path[600];
    snprintf(path, sizeof path, "%s/top.md", dir);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    CHECK("indir: top-level file", fd >= 0 && write(fd, "top", 3) == 3 && close(fd) == 0);
    snprintf(path, sizeof path, "%s/filelink.md", dir);
    CHECK("indir: plant file symlink", symlink("a/b/c.md", path) == 0);
    CHECK("indir: reopen", fc_input_open(dir, &in, &err) == FC_OK);
    CHECK_STR("indir: files and directories, no symlinks", listed(in, "", &b), "a/ top.md ");
    CHECK_STR("indir: a nested listing", listed(in, "a", &b), "a/b/ ");
    CHECK_STR("indir: read top-level", read_rel(in, "top.md", &b, why, sizeof why), "top");
    read_rel(in, "filelink.md", &b, why, sizeof why);
    CHECK_STR("indir: symlinked file refused", why, open_failed(ELOOP, want, sizeof want));
    /* (O_DIRECTORY | O_NOFOLLOW on a symlink says ENOTDIR) */
    read_rel(in, "link/out.xml", &b, why, sizeof why);
    CHECK_STR("indir: symlinked directory refused", why, open_failed(ENOTDIR, want, sizeof want));
    read_rel(in, "a/b/none.md", &b, why, sizeof why);
    CHECK_STR("indir: missing file", why, open_failed(ENOENT, want, sizeof want));
    read_rel(in, "top.md/x.md", &b, why, sizeof why);
    CHECK_STR("indir: a file on the way", why, open_failed(ENOTDIR, want, sizeof want));
    CHECK("indir: exists nested", fc_in_dir_exists(in, "a/b/c.md"));
    CHECK("indir: exists top-level", fc_in_dir_exists(in, "top.md"));
    CHECK("indir: missing does not exist", !fc_in_dir_exists(in, "a/b/none.md"));
    CHECK("indir: nothing exists through a symlink", !fc_in_dir_exists(in, "link/out.xml"));
    fc_buf_free(&b);
    fc_input_close(in);

    CHECK_INT("input: missing file", fc_input_open("/nonexistent/x.rss", &in, &err), FC_EIO);
    CHECK_STR("input: missing file, name", err.file, "/nonexistent/x.rss");
}

static void test_peek(void)
{
    struct fc_input *in;
    struct fc_error err;
    int fds[2];
    if (pipe(fds) != 0)
        return;
    if (write(fds[1], "<rss>abc</rss>", 14) != 14)
        return;
    close(fds[1]);
    fc_input_open_fd(fds[0], "pipe", &in, &err);
    const unsigned char *head;
    size_t len;
    CHECK("peek: pipe", fc_in_peek(in, &head, &len, &err) == FC_OK && len == 14);
    struct fc_buf b;
    fc_buf_init(&b);
    fc_in_slurp(in, &b, 1000, &err);
    CHECK_STR("peek then read replays the head", fc_buf_cstr(&b), "<rss>abc</rss>");
    fc_buf_free(&b);
    fc_input_close(in);
    close(fds[0]);
}

/* The string map: put replaces, add keeps the first value, both past
 * several growths. */
static void test_strmap(void)
{
    struct fc_strmap m = {0};
    static char keys[3000][16];
    bool ok = true;
    for (int i = 0; i < 3000 && ok; i++) {
        snprintf(keys[i], sizeof keys[i], "k%d", i);
        ok = fc_strmap_add(&m, keys[i], &keys[i]);
    }
    CHECK("strmap: add", ok && m.n == 3000);
    bool first = true;
    for (int i = 0; i < 3000; i++)
        first = first && fc_strmap_add(&m, keys[i], &keys[(i + 1) % 3000]) &&
                fc_strmap_get(&m, keys[i]) == &keys[i];
    CHECK("strmap: add keeps the first value", first && m.n == 3000);
    CHECK("strmap: put replaces",
          fc_strmap_put(&m, "k7", keys[8]) && fc_strmap_get(&m, "k7") == keys[8]);
    CHECK("strmap: absent key", fc_strmap_get(&m, "k3000") == NULL);
    fc_strmap_free(&m);
    CHECK("strmap: empty after free", fc_strmap_get(&m, "k1") == NULL && m.n == 0);
}

static void test_spool(void)
{
    struct fc_spool *sp;
    struct fc_output *o;
    struct fc_error err;
    CHECK("spool: open", fc_spool_open(&sp, &err) == FC_OK);
    fc_output_open_memory(&o, &err);
    static char block[1 << 16];
    for (size_t i = 0; i < sizeof block; i++)
        block[i] = (char)('a' + i % 26);
    enum fc_status st = FC_OK;
    for (int i = 0; i < 100 && !st; i++) /* 6.5 MB: past the in-memory part */
        st = fc_spool_write(sp, block, sizeof block, &err);
    CHECK("spool: write to disk", st == FC_OK);
    CHECK("spool: copy", fc_spool_copy(sp, o, &err) == FC_OK);
    size_t len;
    const char *data = fc_output_memory(o, &len);
    CHECK_INT("spool: length", len, 100 * sizeof block);
    CHECK("spool: content",
          len == 100 * sizeof block && memcmp(data + 99 * sizeof block, block, sizeof block) == 0);
    fc_output_close(o);
    fc_spool_close(sp);

    /* Small writes on disk (gathered before they reach the file) read
     * back, patched and copied in any order: the same bytes as one
     * buffer written alongside. */
    CHECK("spool: open", fc_spool_open(&sp, &err) == FC_OK);
    struct fc_buf want;
    fc_buf_init(&want);
    st = FC_OK;
    for (int i = 0; i < 70 && !st; i++) { /* 4.6 MB: on disk */
        st = fc_spool_write(sp, block, sizeof block, &err);
        fc_buf_add(&want, block, sizeof block);
    }
    unsigned seed = 7;
    bool same = true;
    for (int i = 0; i < 3000 && !st; i++) {
        seed = seed * 1103515245u + 12345u;
        size_t n = (seed >> 8) % (i % 100 == 0 ? sizeof block + 100 : 300) + 1;
        uint64_t off = fc_spool_size(sp);
        bool whole = n > sizeof block - 26; /* the gathering buffer's size or more */
        const char *piece = whole ? block : block + (seed >> 4) % 26;
        if (whole)
            n = sizeof block;
        st = fc_spool_write(sp, piece, n, &err);
        fc_buf_add(&want, piece, n);
        if (!st && i % 7 == 0) { /* what was just written, read back */
            char got[sizeof block];
            st = fc_spool_read(sp, off, got, n, &err);
            same = same && memcmp(got, want.data + off, n) == 0;
        }
        if (!st && i % 11 == 0) { /* and patched */
            st = fc_spool_patch(sp, off, "#", 1, &err);
            want.data[off] = '#';
        }
    }
    CHECK("spool: small writes", st == FC_OK && !want.oom);
    CHECK("spool: small writes read back", same);
    CHECK_INT("spool: size", fc_spool_size(sp), want.len);
    fc_output_open_memory(&o, &err);
    CHECK("spool: copy", fc_spool_copy(sp, o, &err) == FC_OK);
    data = fc_output_memory(o, &len);
    CHECK("spool: small writes copied", len == want.len && memcmp(data, want.data, want.len) == 0);
    fc_output_close(o);
    fc_buf_free(&want);
    fc_spool_close(sp);
}

/* Format settings: checked against the format's list, copied, replaced. */
static void test_settings(void)
{
    struct fc_options o;
    struct fc_error err = {0};
    char site[] = "hugo";
    fc_options_init(&o);
    CHECK_STR("settings: default", fc_options_get(&o, "markdown", "site"), "plain");
    CHECK_INT("settings: set", fc_options_set(&o, "md", "site", site, &err), FC_OK);
    site[0] = 'X'; /* copied, not borrowed */
    CHECK_STR("settings: by alias, copied", fc_options_get(&o, "markdown", "site"), "hugo");
    CHECK_INT("settings: replaced", fc_options_set(&o, "markdown", "site", "jekyll", &err), FC_OK);
    CHECK_STR("settings: replaced value", fc_options_get(&o, "markdown", "site"), "jekyll");
    CHECK_INT("settings: one entry", (int)o.n_settings, 1);
    CHECK_INT("settings: unknown value", fc_options_set(&o, "markdown", "site", "wix", &err),
              FC_EUSAGE);
    CHECK("settings: message lists the choices", strstr(err.message, "plain|hugo|jekyll") != NULL);
    CHECK_INT("settings: unknown name", fc_options_set(&o, "markdown", "sight", "x", &err),
              FC_EUSAGE);
    CHECK("settings: message lists the names", strstr(err.message, "site, bundles, body") != NULL);
    CHECK_INT("settings: format without settings", fc_options_set(&o, "rss", "site", "x", &err),
              FC_EUSAGE);
    CHECK_INT("settings: unknown format", fc_options_set(&o, "wix", "site", "x", &err), FC_EUSAGE);
    CHECK_INT("settings: bool", fc_options_set(&o, "markdown", "bundles", "yes", &err), FC_EUSAGE);
    CHECK_INT("settings: bool true", fc_options_set(&o, "markdown", "bundles", "true", &err),
              FC_OK);
    CHECK("settings: no such setting is NULL", fc_options_get(&o, "markdown", "x") == NULL);
    CHECK("settings: no such format is NULL", fc_options_get(&o, "wix", "site") == NULL);
}

int main(void)
{
    test_settings();
    char tmp[] = "/tmp/fc-core-XXXXXX";
    if (!mkdtemp(tmp))
        return 2;
    test_arena();
    test_ext();
    test_buf_text();
    test_url_resolve();
    test_output_file(tmp);
    test_output_dir(tmp);
    test_input_dir(tmp);
    test_peek();
    test_strmap();
    test_spool();
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
    if (system(cmd) != 0)
        return 2;
    return CHECK_DONE();
}
