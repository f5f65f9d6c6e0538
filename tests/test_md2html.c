/*
 * test_md2html.c - Markdown -> HTML (util/md2html.c) attaches only the GFM
 * extensions a document can use, and gives the same bytes as cmark-gfm
 * with all four attached (FC_M2H_ALL_EXTENSIONS): on cases made for each
 * rule, on every Markdown file of the fixtures and the Markdown html2md
 * writes for every HTML fixture, and on documents made of the pieces the
 * rules read.  And on four threads at once from the process's first call:
 * the same bytes as on one.
 */
#define _POSIX_C_SOURCE 200809L
#include "check.h"
#include "internal.h"
#include "util/md2html.h"

#include <dirent.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#ifndef FC_ROOT
#define FC_ROOT "."
#endif

/* Converted both ways: true when the bytes are the same; *used gets the
 * extensions the chosen parse had, *html (when not NULL) a copy of the
 * HTML. */
static bool same_as_all(const char *md, size_t len, unsigned *used, char **html)
{
    struct fc_buf a, b;
    struct fc_error ea = {0}, eb = {0};
    fc_buf_init(&a);
    fc_buf_init(&b);
    enum fc_status sa = fc_markdown_to_html_opts(md, len, &a, 0, used, &ea);
    enum fc_status sb = fc_markdown_to_html_opts(md, len, &b, FC_M2H_ALL_EXTENSIONS, NULL, &eb);
    bool same = sa == FC_OK && sb == FC_OK && a.len == b.len &&
                (!a.len || memcmp(a.data, b.data, a.len) == 0);
    if (!same) {
        printf("# differs for \"%.*s\":\n#  chosen: %s\n#  all:    %s\n", (int)len, md,
               fc_buf_cstr(&a), fc_buf_cstr(&b));
    }
    if (html)
        *html = strdup(fc_buf_cstr(&a));
    fc_buf_free(&a);
    fc_buf_free(&b);
    return same;
}

struct ext_case {
    const char *name, *md;
    unsigned used;    /* the extensions the HTML was made with */
    const char *want; /* in the HTML (NULL: nothing to look for) */
};

static const struct ext_case cases[] = {
    {"plain", "Just *text*, a [link](/a) and `code`.\n", 0, "<em>text</em>"},
    {"table pipes", "a | b\n--|--\n1 | 2\n", FC_MD_TABLE, "<td>2</td>"},
    {"table one cell, colons", "a\n:-:\n", FC_MD_TABLE, "<th align=\"center\">a</th>"},
    {"table one cell, form feed", "a\n---\f\n", FC_MD_TABLE, "<th>a</th>"},
    {"setext, no table", "a\n---\n", 0, "<h2>a</h2>"},
    {"strikethrough", "~~gone~~ and ~one~\n", FC_MD_STRIKETHROUGH, "<del>gone</del>"},
    {"task list", "- [ ] todo\n- [x] done\n", FC_MD_TASKLIST, "checked=\"\""},
    {"no task list", "- [a] no task\n- [] none\n", 0, "<li>[a] no task</li>"},
    {"bare URL", "see http://example.org now\n", FC_MD_AUTOLINK, "<a href=\"http://example.org\">"},
    {"bare www", "see www.example.org now\n", FC_MD_AUTOLINK,
     "<a href=\"http://www.example.org\">"},
    {"address", "write to x@example.org\n", FC_MD_AUTOLINK, "href=\"mailto:x@example.org\""},
    {"mailto", "write to mailto:x@example.org\n", FC_MD_AUTOLINK, "href=\"mailto:x@example.org\""},
    {"link destination only", "[l](http://example.org/?p=1&ref=l) and [w](http://www.a.org)\n", 0,
     "<a href=\"http://example.org/?p=1&amp;ref=l\">l</a>"},
    {"attribute only", "<a href=\"http://example.org\">x</a> <img src='http://a.org/i.png'>\n", 0,
     NULL},
    {"URL shown as link text", "[http\\://example.org](http://example.org)\n", 0,
     "<a href=\"http://example.org\">http://example.org</a>"},
    {"escaped URL (html2md)", "http\\://example.org and www\\.example.org\n", 0,
     "<p>http://example.org and www.example.org</p>"},
    {"not a link: text again", "\\[a](http://example.org/x) b\n", FC_MD_AUTOLINK,
     "(<a href=\"http://example.org/x\">"},
    {"reference to '@'", "a&#64;example.org\n", FC_MD_AUTOLINK, "href=\"mailto:a@example.org\""},
    {"hex reference to '@'", "a&#x40;example.org\n", FC_MD_AUTOLINK,
     "href=\"mailto:a@example.org\""},
    {"named reference to '@'", "a&commat;example.org\n", FC_MD_AUTOLINK,
     "href=\"mailto:a@example.org\""},
    {"other references", "caf&#233; &amp; &#8230;\n", 0, "café &amp; …"},
    {"all four", "~a~ http://b.org\n\n- [x] c\n\nd|e\n-|-\n", FC_MD_ALL, NULL},
};

static void test_cases(void)
{
    char name[160];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const struct ext_case *c = &cases[i];
        unsigned used = 99;
        char *html = NULL;
        snprintf(name, sizeof name, "%s: the HTML of all four", c->name);
        CHECK(name, same_as_all(c->md, strlen(c->md), &used, &html));
        snprintf(name, sizeof name, "%s: extensions attached", c->name);
        CHECK_INT(name, used, c->used);
        if (c->want) {
            snprintf(name, sizeof name, "%s: the HTML", c->name);
            CHECK(name, html && strstr(html, c->want));
            if (!html || !strstr(html, c->want))
                printf("# got: %s", html ? html : "(null)\n");
        }
        free(html);
    }
}

static void test_extension_bits(void)
{
    CHECK_INT("bits: empty", fc_md_extensions("", 0), 0);
    CHECK_INT("bits: NULL", fc_md_extensions(NULL, 5), 0);
    CHECK_INT("bits: '|' beyond the length", fc_md_extensions("ab|", 2), 0);
    CHECK_INT("bits: vertical tab", fc_md_extensions("a\n\v---", 6), FC_MD_TABLE);
    CHECK_INT("bits: link destination", fc_md_extensions("[a](https://b.c)", 16),
              FC_MD_AUTOLINK_CHECK);
    CHECK_INT("bits: attribute", fc_md_extensions("<a href=\"ftp://b\">", 18),
              FC_MD_AUTOLINK_CHECK);
    CHECK_INT("bits: bare URL wins over the check",
              fc_md_extensions("[a](http://b.c) http://d.e", 26), FC_MD_AUTOLINK);
    CHECK_INT("bits: \"://\" after no letter", fc_md_extensions("a \\:// b", 8), 0);
    CHECK_INT("bits: www in a URL", fc_md_extensions("(http://www.a.org)", 18),
              FC_MD_AUTOLINK_CHECK);
    CHECK_INT("bits: WWW. at the start", fc_md_extensions("WWW.a.org", 9), FC_MD_AUTOLINK);
    CHECK_INT("bits: '@'", fc_md_extensions("@", 1), FC_MD_AUTOLINK);
    CHECK_INT("bits: &#064;", fc_md_extensions("&#064;", 6), FC_MD_AUTOLINK_CHECK);
    CHECK_INT("bits: &#65;", fc_md_extensions("&#65;", 5), 0);
    CHECK_INT("bits: &#x400;", fc_md_extensions("&#x400;", 7), 0);
    CHECK_INT("bits: task at the end", fc_md_extensions("- [X", 4), 0);
    /* 40 bytes: the 16-byte steps and the bytes after them */
    CHECK_INT("bits: far in", fc_md_extensions("0123456789012345678901234567890123456~x", 39),
              FC_MD_STRIKETHROUGH);
    CHECK_INT("bits: in the tail", fc_md_extensions("01234567890123456789012345678901|", 33),
              FC_MD_TABLE);
}

/* ---- every Markdown file and html2md's Markdown of every HTML file ----- */

struct corpus {
    size_t files, same;
};

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    struct fc_buf b;
    fc_buf_init(&b);
    char chunk[8192];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        fc_buf_add(&b, chunk, n);
    fclose(f);
    *len = b.len;
    /* all of it: a fixture may hold NUL bytes, which strdup would stop at */
    char *copy = b.oom ? NULL : malloc(b.len + 1);
    if (copy) {
        memcpy(copy, fc_buf_cstr(&b), b.len);
        copy[b.len] = '\0';
    }
    fc_buf_free(&b);
    return copy;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static void one_file(struct corpus *c, const char *path)
{
    bool md = ends_with(path, ".md"), html = ends_with(path, ".html");
    if (!md && !html)
        return;
    size_t len = 0;
    char *text = slurp(path, &len);
    if (!text)
        return;
    bool same;
    if (md) {
        same = same_as_all(text, len, NULL, NULL);
    } else {
        struct fc_buf m;
        struct fc_error err = {0};
        fc_buf_init(&m);
        same = fc_html_to_markdown(text, len, &m, &err) != FC_OK ||
               same_as_all(fc_buf_cstr(&m), m.len, NULL, NULL);
        fc_buf_free(&m);
    }
    c->files++;
    c->same += same;
    if (!same)
        printf("# %s\n", path);
    free(text);
}

static void walk(struct corpus *c, const char *dir, unsigned depth)
{
    DIR *d = opendir(dir);
    if (!d || depth > 6) {
        if (d)
            closedir(d);
        return;
    }
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        struct stat st;
        if (stat(path, &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode))
            walk(c, path, depth + 1);
        else if (S_ISREG(st.st_mode))
            one_file(c, path);
    }
    closedir(d);
}

static void test_fixtures(void)
{
    struct corpus c = {0};
    walk(&c, FC_ROOT "/fixtures", 0);
    CHECK("fixtures: Markdown and HTML files found", c.files >= 100);
    CHECK_INT("fixtures: the HTML of all four for every file", c.same, c.files);
}

/* ---- documents made of the pieces the rules read ---------------------- */

static const char *const pieces[] = {
    "http://",
    "https://",
    "ftp://",
    "www.",
    "WWW.",
    "[ ]",
    "[x]",
    "[X]",
    "- ",
    "* ",
    "1. ",
    "|",
    ":-",
    "-:",
    "---",
    "-",
    ":",
    "\n",
    "\n\n",
    "a@b.c",
    "&#64;",
    "&#x40;",
    "&commat;",
    "\\@",
    "@",
    "[l](",
    "](",
    ")",
    "(",
    "<http://a.b>",
    "<",
    ">",
    "`",
    "~",
    "~~",
    "> ",
    "\t",
    "\v",
    "\f",
    "    ",
    "*",
    "_",
    "a",
    "b.c",
    " ",
    "\\",
    "\\:",
    "//",
    "<a href=\"http://x.y\">",
    "</a>",
    "![i](",
    "[r]: http://r.s\n",
    "[r]",
    "```\n",
    "&amp;",
    "mailto:",
    "xmpp:",
    "w",
    "=",
    "\"",
    "'",
    "\r\n",
    "# ",
    "!",
    "&",
    ".",
    "/",
    "x",
    "[",
    "]",
    ":-:",
};

static void test_pieces(void)
{
    uint64_t seed = 0x9e3779b97f4a7c15u;
    size_t n_pieces = sizeof pieces / sizeof pieces[0], docs = 20000, same = 0;
    unsigned seen = 0;
    for (size_t d = 0; d < docs; d++) {
        char doc[1024];
        size_t len = 0;
        seed = seed * 6364136223846793005u + 1442695040888963407u;
        unsigned k = 1 + (unsigned)(seed >> 60);
        for (unsigned j = 0; j < k; j++) {
            seed = seed * 6364136223846793005u + 1442695040888963407u;
            const char *p = pieces[(seed >> 33) % n_pieces];
            size_t pl = strlen(p);
            memcpy(doc + len, p, pl);
            len += pl;
        }
        unsigned used = 0;
        bool ok = same_as_all(doc, len, &used, NULL);
        same += ok;
        seen |= 1u << used;
    }
    CHECK_INT("pieces: the HTML of all four for every document", same, docs);
    /* every subset of the four was chosen somewhere */
    CHECK_INT("pieces: every choice of extensions made", seen, 0xffff);
}

/* Documents whose parses attach different extensions: cmark-gfm 0.29
 * fills and empties one table of special characters around each. */
static const char *const thread_docs[] = {
    "Some ~~gone~~ text, ~~more~~ of it, and www.example.com/a or x@example.org.\n",
    "| a | b |\n| - | - |\n| ~~c~~ | https://example.com/t |\n\nEnd ~~x~~.\n",
    "- [ ] task ~~one~~\n- [x] done, see http://example.com/z\n",
    "Plain *emphasis* and `code` only.\n",
    /* autolink alone: it writes the shared table, so it parses alone */
    "See www.example.com/b, http://example.com/c and y@example.org.\n",
    /* these only read it, side by side: a table, links only in their
     * destinations (parsed without autolink), a task list */
    "| w | x: |\n| --- | --- |\n| www | a:b |\n",
    "[wow](http://example.com/w) and <https://example.com/x>: now\n",
    "- [x] www\n- [ ] w:x\n",
};
#define THREAD_DOCS (sizeof thread_docs / sizeof thread_docs[0])
#define THREAD_RUNS 1000

struct thread_run {
    char *html[THREAD_RUNS];
    unsigned failed;
};

static void *convert_many(void *arg)
{
    struct thread_run *t = arg;
    for (size_t k = 0; k < THREAD_RUNS; k++) {
        const char *md = thread_docs[k % THREAD_DOCS];
        struct fc_buf b;
        struct fc_error e = {0};
        fc_buf_init(&b);
        if (fc_markdown_to_html(md, strlen(md), &b, &e) != FC_OK || b.oom) {
            t->failed++;
            fc_buf_free(&b);
            continue;
        }
        t->html[k] = b.data; /* taken */
    }
    return NULL;
}

/* Four threads convert at once, the first of them the process's first
 * conversions (cmark-gfm's registration of its extensions races too),
 * then each result is checked against the same document on one thread. */
static void test_threads(void)
{
    struct thread_run runs[4] = {0};
    pthread_t th[4];
    size_t started = 0;
    for (; started < 4; started++)
        if (pthread_create(&th[started], NULL, convert_many, &runs[started]))
            break;
    CHECK_INT("threads: started", started, 4);
    for (size_t i = 0; i < started; i++)
        pthread_join(th[i], NULL);
    char *want[THREAD_DOCS];
    for (size_t d = 0; d < THREAD_DOCS; d++) {
        struct fc_buf b;
        struct fc_error e = {0};
        fc_buf_init(&b);
        CHECK("threads: one thread",
              fc_markdown_to_html(thread_docs[d], strlen(thread_docs[d]), &b, &e) == FC_OK);
        want[d] = b.data;
    }
    CHECK("threads: strikethrough made <del>", want[0] && strstr(want[0], "<del>gone</del>"));
    size_t same = 0, failed = 0;
    for (size_t i = 0; i < started; i++) {
        failed += runs[i].failed;
        for (size_t k = 0; k < THREAD_RUNS; k++) {
            const char *w = want[k % THREAD_DOCS], *h = runs[i].html[k];
            same += h && w && strcmp(h, w) == 0;
            free(runs[i].html[k]);
        }
    }
    CHECK_INT("threads: every conversion done", failed, 0);
    CHECK_INT("threads: every result as on one thread", same, 4 * THREAD_RUNS);
    for (size_t d = 0; d < THREAD_DOCS; d++)
        free(want[d]);
}

int main(void)
{
    test_threads(); /* first: the process's first conversions */
    test_extension_bits();
    test_cases();
    test_fixtures();
    test_pieces();
    return CHECK_DONE();
}
