/*
 * test_html2md.c - HTML -> Markdown (util/html2md.c), Markdown -> HTML
 * (util/md2html.c) and the fidelity measure: HTML -> Markdown -> HTML gives
 * the same document in normal form (util/html2md.h) for every fixture and
 * every post of the WordPress fixture (and of the seed feed beside the
 * project, when present).
 */
#define _POSIX_C_SOURCE 200809L
#include "check.h"
#include "testlib.h"
#include "internal.h"
#include "util/html2md.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef FC_ROOT
#define FC_ROOT "."
#endif

static char *to_md(const char *html)
{
    struct fc_buf b;
    struct fc_error err;
    fc_buf_init(&b);
    if (fc_html_to_markdown(html, strlen(html), &b, &err) != FC_OK) {
        fc_buf_free(&b);
        return NULL;
    }
    char *s = strdup(fc_buf_cstr(&b));
    fc_buf_free(&b);
    return s;
}

static char *to_html(const char *md)
{
    struct fc_buf b;
    struct fc_error err;
    fc_buf_init(&b);
    if (fc_markdown_to_html(md, strlen(md), &b, &err) != FC_OK) {
        fc_buf_free(&b);
        return NULL;
    }
    char *s = strdup(fc_buf_cstr(&b));
    fc_buf_free(&b);
    return s;
}

static char *canon(const char *html)
{
    struct fc_buf b;
    struct fc_error err;
    fc_buf_init(&b);
    if (fc_html_canon(html, strlen(html), &b, &err) != FC_OK) {
        fc_buf_free(&b);
        return NULL;
    }
    char *s = strdup(fc_buf_cstr(&b));
    fc_buf_free(&b);
    return s;
}

/* HTML -> Markdown -> HTML is the same document; prints the two normal
 * forms when not. */
static int round_trips(const char *name, const char *html)
{
    char *md = to_md(html);
    char *back = md ? to_html(md) : NULL;
    char *a = canon(html), *b = back ? canon(back) : NULL;
    int same = a && b && strcmp(a, b) == 0;
    if (!same)
        printf("# %s:\n# want %s\n# got  %s\n", name, a ? a : "(null)", b ? b : "(null)");
    free(md);
    free(back);
    free(a);
    free(b);
    return same;
}

static void check_md(const char *name, const char *html, const char *want)
{
    char *md = to_md(html);
    CHECK_STR(name, md, want);
    free(md);
}

static void inline_cases(void)
{
    check_md("html2md: paragraph + em", "<p>Hello <em>world</em></p>", "Hello *world*\n");
    check_md("html2md: strong", "<p><strong>bold</strong> text</p>", "**bold** text\n");
    check_md("html2md: link with title", "<p><a href=\"/x\" title=\"T\">x</a></p>",
             "[x](/x \"T\")\n");
    check_md("html2md: link with class stays raw", "<p><a href=\"/x\" class=\"c\">x</a></p>",
             "<p><a href=\"/x\" class=\"c\">x</a></p>\n");
    check_md("html2md: image", "<p><img src=\"/i.png\" alt=\"I\"></p>", "![I](/i.png)\n");
    check_md("html2md: image without alt stays raw", "<p>a <img src=\"/i.png\"></p>",
             "a <img src=\"/i.png\" />\n");
    check_md("html2md: heading", "<h3>Three</h3>", "### Three\n");
    check_md("html2md: entities to UTF-8", "<p>caf&eacute; &#8212; &amp;</p>",
             "caf\xc3\xa9 \xe2\x80\x94 &\n");
    check_md("html2md: entity-like text escaped", "<p>&amp;copy;</p>", "\\&copy;\n");
    check_md("html2md: ordered list start", "<ol start=\"3\"><li>c</li><li>d</li></ol>",
             "3. c\n4. d\n");
    check_md("html2md: nested list", "<ul><li>a<ul><li>b</li></ul></li></ul>", "- a\n  - b\n");
    check_md("html2md: fenced code with language",
             "<pre><code class=\"language-go\">x := 1\n</code></pre>", "```go\nx := 1\n```\n");
    check_md("html2md: code span with backtick", "<p><code>a`b</code></p>", "``a`b``\n");
    check_md("html2md: hr", "<hr>", "---\n");
    check_md("html2md: br", "<p>a<br>b</p>", "a\\\nb\n");
    check_md("html2md: line-start escapes", "<p>1. x</p><p>+ y</p>", "1\\. x\n\n\\+ y\n");
    check_md("html2md: more divider kept", "<p>a</p><!--more--><p>b</p>",
             "a\n\n<!--more-->\n\nb\n");
    check_md("html2md: iframe kept raw", "<iframe src=\"https://v.example/e\"></iframe>",
             "<iframe src=\"https://v.example/e\"></iframe>\n");
    check_md("html2md: span with attributes raw inline", "<p>a <span class=\"k\">*b*</span></p>",
             "a <span class=\"k\">\\*b\\*</span>\n");
    check_md("html2md: autolinks broken", "<p>see http://a.example and www.b.example</p>",
             "see http\\://a.example and www\\.b.example\n");
    check_md("html2md: blank line inside raw div folded", "<div>a\n\n\nb</div>",
             "<div>a\nb</div>\n");
    check_md("html2md: blank line inside raw pre kept as entity", "<pre class=\"x\">a\n\nb</pre>",
             "<pre class=\"x\">a\n&#10;b</pre>\n");
    check_md("html2md: empty input", "", "");

    /* the e-mail autolink cannot be escaped: the safety net keeps the
     * paragraph raw, and the document is still the same */
    check_md("html2md: e-mail text falls back to raw HTML", "<p>write to me@example.org</p>",
             "<p>write to me@example.org</p>\n");
    CHECK("html2md: e-mail paragraph round trips",
          round_trips("email", "<p>write to me@example.org</p>"));
    CHECK("html2md: loose list item with blocks round trips",
          round_trips("li", "<ul><li>t<br>\n<blockquote><p>q</p></blockquote>\n<p>p</p></li>"
                            "<li>u</li></ul>"));
    CHECK("html2md: table round trips",
          round_trips("table", "<table><thead><tr><th>a</th></tr></thead><tbody><tr><td>1</td>"
                               "</tr></tbody></table>"));
}

static void md2html_cases(void)
{
    char *h = to_html("~~gone~~ and https://example.org/x\n\n- [ ] task\n\n| a |\n| - |\n| 1 |\n");
    CHECK("md2html: strikethrough", h && strstr(h, "<del>gone</del>"));
    CHECK("md2html: autolink",
          h && strstr(h, "<a href=\"https://example.org/x\">https://example.org/x</a>"));
    CHECK("md2html: task list", h && strstr(h, "type=\"checkbox\""));
    CHECK("md2html: table", h && strstr(h, "<td>1</td>"));
    free(h);
    h = to_html("<div class=\"x\">raw</div>\n\n<!--more-->\n\n<script>a()</script>\n");
    CHECK("md2html: raw HTML block kept", h && strstr(h, "<div class=\"x\">raw</div>"));
    CHECK("md2html: comment kept", h && strstr(h, "<!--more-->"));
    CHECK("md2html: script kept (no tag filter)", h && strstr(h, "<script>a()</script>"));
    free(h);
    h = to_html("```c\nint x;\n```\n");
    CHECK_STR("md2html: fenced code", h, "<pre><code class=\"language-c\">int x;\n</code></pre>\n");
    free(h);
}

static void canon_cases(void)
{
    char *a = canon("<p>a  b\n c</p>\n\n<p>d</p>");
    CHECK_STR("canon: whitespace folded, dropped at block edges", a, "<p>a b c</p><p>d</p>");
    free(a);
    a = canon("<pre><code>x</code></pre><ul><li><p>y</p></li></ul><img src=x alt=y>");
    CHECK_STR("canon: pre>code and li>p kept, attributes sorted, void", a,
              "<pre><code>x</code></pre><ul><li><p>y</p></li></ul><img alt=\"y\" src=\"x\">");
    free(a);
}

static void fixture_cases(void)
{
    char path[1024];
    DIR *d = opendir(FC_ROOT "/fixtures");
    if (!d) {
        SKIP("html2md fixtures", "no fixtures directory");
        return;
    }
    /* sorted names for stable output */
    char *names[256];
    size_t n = 0;
    struct dirent *de;
    while ((de = readdir(d)) && n < 256)
        if (strncmp(de->d_name, "html2md-", 8) == 0)
            names[n++] = strdup(de->d_name);
    closedir(d);
    for (size_t i = 0; i + 1 < n; i++)
        for (size_t j = i + 1; j < n; j++)
            if (strcmp(names[i], names[j]) > 0) {
                char *t = names[i];
                names[i] = names[j];
                names[j] = t;
            }
    CHECK("html2md: fixtures found", n >= 9);
    for (size_t i = 0; i < n; i++) {
        char name[300];
        snprintf(path, sizeof path, "%s/fixtures/%s/input.html", FC_ROOT, names[i]);
        char *html = tl_slurp(path, NULL);
        snprintf(path, sizeof path, "%s/fixtures/%s/expected.md", FC_ROOT, names[i]);
        char *want = tl_slurp(path, NULL);
        char *md = html ? to_md(html) : NULL;
        snprintf(name, sizeof name, "%s: Markdown as expected", names[i]);
        CHECK_STR(name, md, want);
        snprintf(name, sizeof name, "%s: HTML -> Markdown -> HTML is the same document", names[i]);
        CHECK(name, html && round_trips(names[i], html));
        free(html);
        free(want);
        free(md);
        free(names[i]);
    }
}

static int same_as_blockwise(const char *name, const char *html, size_t len);

/* A substring the Markdown of a feed's posts must hold. */
struct md_want {
    const char *what, *needle;
};

/* Every post of a feed: HTML -> Markdown -> HTML is the same document,
 * whole-first == blockwise, no paragraph falls back to raw HTML, and the
 * Markdown holds each of wants. */
static void feed_cases(const char *path, const char *label, int want_posts,
                       const struct md_want *wants)
{
    char name[300];
    struct fc_error err;
    struct fc_input *in = NULL;
    struct fc_feed *feed = NULL;
    snprintf(name, sizeof name, "html2md: %s reads", label);
    CHECK(name,
          fc_input_open(path, &in, &err) == FC_OK && fc_read(in, NULL, NULL, &feed, &err) == FC_OK);
    fc_input_close(in);
    if (!feed)
        return;
    int posts = 0, same = 0, raw_p = 0, same_bw = 0;
    struct fc_buf mds;
    fc_buf_init(&mds);
    for (struct fc_post_item *it = feed->posts.first; it; it = it->next) {
        const char *h = it->post->content_html;
        if (!h)
            continue;
        posts++;
        snprintf(name, sizeof name, "%s post %d", label, posts);
        same += round_trips(name, h);
        same_bw += same_as_blockwise(name, h, strlen(h));
        char *md = to_md(h);
        if (md) {
            fc_buf_puts(&mds, md);
            /* a plain <p> kept raw would mean the Markdown path failed */
            for (const char *p = md; (p = strstr(p, "<p>")); p++)
                if (p == md || (p - md >= 2 && p[-1] == '\n' && p[-2] == '\n'))
                    raw_p++;
        }
        free(md);
    }
    const char *all = fc_buf_cstr(&mds);
    snprintf(name, sizeof name, "html2md: %s posts with HTML", label);
    CHECK_INT(name, posts, want_posts);
    snprintf(name, sizeof name, "html2md: %s posts that round trip exactly", label);
    CHECK_INT(name, same, want_posts);
    snprintf(name, sizeof name, "html2md: no %s paragraph needed the raw fallback", label);
    CHECK_INT(name, raw_p, 0);
    snprintf(name, sizeof name, "html2md: %s posts whole-first == blockwise", label);
    CHECK_INT(name, same_bw, want_posts);
    for (const struct md_want *w = wants; w->what; w++) {
        snprintf(name, sizeof name, "html2md: %s %s", label, w->what);
        CHECK(name, strstr(all, w->needle) != NULL);
    }
    fc_buf_free(&mds);
    fc_feed_free(feed);
}

static void wordpress_cases(void)
{
    static const struct md_want wp[] = {
        {"<pre> without <code> kept raw (cmark would add one)",
         "\n<pre>$ ip -br link | grep -v lo\neth0             UP             52:54:00:3a:11:07 "
         "&lt;BROADCAST,MULTICAST,UP,LOWER_UP&gt;\n"},
        {"links became Markdown links",
         "[woodworking forum](https://forum.example.net/t/benches/8812)"},
        {"emphasis became Markdown", "(*not* the proudest stretch"},
        {"strong became Markdown", "a used **jointer plane** became"},
        {"code became Markdown", "VLAN tag `20` and"},
        {"a list item holding text and a blockquote kept raw",
         "\n<ul>\n<li>The section on power budgets"},
        {"ordered list became a Markdown list", "\n1. \xE2\x80\x9CYou need a jointer"},
        {"blockquote became Markdown", "\n> The manual also includes a tension chart"},
        {"&nbsp; kept as a no-break space", "30\xC2\xA0minutes"},
        {"&amp; in a link decoded once",
         "(https://hosting.example.com/signup?ref=4f2a9c&plan=small)"},
        {"share widget kept as raw HTML",
         "\n<div style=\"float: right; margin-left: 10px;\"><a href=\"https://twitter.com/share?"},
        {NULL, NULL}};
    feed_cases(FC_ROOT TL_WORDPRESS, "wordpress", 10, wp);
    /* the real feed beside the project, when it is there */
    static const struct md_want seed[] = {
        {"<pre> without <code> kept raw", "\n<pre>$ lspci -nn"},
        {"links became Markdown links", "[Twitter](http://twitter.com/#!/rolanddreier/status/"},
        {"emphasis became Markdown", "(*not* the most fun"},
        {"list became a Markdown list", "\n1. Calling the technology"},
        {"blockquote became Markdown", "\n> The beta also"},
        {"share widget kept as raw HTML", "\n<div style=\"float: right; margin-left: 10px;\">"},
        {NULL, NULL}};
    if (access(FC_ROOT TL_SEED, R_OK) == 0)
        feed_cases(FC_ROOT TL_SEED, "seed", 10, seed);
}

/* Fuzz findings: markup inside <code> (fuzz-html2md-2), an empty table
 * cell (fuzz-html2md-3), NUL and invalid UTF-8 bytes (fuzz-html2md-1). */
static void hostile_cases(void)
{
    check_md("html2md: markup inside code stays raw", "<p><code>a<b>x</b></code></p>",
             "<p><code>a<b>x</b></code></p>\n");
    check_md("html2md: empty table cells",
             "<table><thead><tr><th></th></tr></thead><tbody><tr><td></td></tr></tbody></table>",
             "|  |\n| --- |\n|  |\n");
    /* CR ends a line for cmark: "\r\r\n" (line endings converted twice)
     * in raw HTML was a blank line, which ended the HTML block: the rest
     * became Markdown (emphasis, an indented code block eating </div>) */
    CHECK("html2md: CR CR LF in raw HTML keeps one HTML block",
          round_trips("cr cr lf", "<div>a\r\r\n*b* c\r\r\n    d</div>"));
    CHECK("html2md: CRs alone in raw HTML too",
          round_trips("cr cr", "<div class=\"x\">a\r\r*b*\r\r\r    c</div>"));
    static const char bad[] = "<p>a\0b\xC8 caf\xE9</p>";
    struct fc_buf out;
    struct fc_error err;
    fc_buf_init(&out);
    enum fc_status st = fc_html_to_markdown(bad, sizeof bad - 1, &out, &err);
    CHECK_INT("html2md: NUL and invalid UTF-8: ok", st, FC_OK);
    CHECK_STR("html2md: NUL dropped, bad bytes replaced", fc_buf_cstr(&out),
              "ab\xef\xbf\xbd caf\xef\xbf\xbd\n");
    CHECK("html2md: output valid UTF-8 without NUL",
          fc_utf8_valid(out.data, out.len) && strlen(fc_buf_cstr(&out)) == out.len);
    fc_buf_free(&out);
}

/* fc_html_to_markdown checks the whole post first and each block only
 * when the whole differs; fc_html_to_markdown_blockwise checks every
 * block.  Same bytes and same status, always. */
static int same_as_blockwise(const char *name, const char *html, size_t len)
{
    struct fc_buf a, b;
    struct fc_error ea, eb;
    fc_buf_init(&a);
    fc_buf_init(&b);
    enum fc_status sa = fc_html_to_markdown(html, len, &a, &ea);
    enum fc_status sb = fc_html_to_markdown_blockwise(html, len, &b, &eb);
    int same = sa == sb && a.len == b.len && (a.len == 0 || memcmp(a.data, b.data, a.len) == 0);
    if (!same)
        printf("# %s: status %d vs %d\n# whole-first: %s\n# blockwise:   %s\n", name, (int)sa,
               (int)sb, fc_buf_cstr(&a), fc_buf_cstr(&b));
    fc_buf_free(&a);
    fc_buf_free(&b);
    return same;
}

/* Every file of a directory (sorted not needed: one CHECK for all). */
static void same_as_blockwise_dir(const char *label, const char *dir, const char *file)
{
    char path[1200];
    DIR *d = opendir(dir);
    if (!d) {
        CHECK(label, 0);
        return;
    }
    int n = 0, same = 0;
    struct dirent *de;
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.')
            continue;
        if (file)
            snprintf(path, sizeof path, "%s/%s/%s", dir, de->d_name, file);
        else
            snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        size_t len;
        char *html = tl_slurp(path, &len);
        if (!html)
            continue;
        n++;
        same += same_as_blockwise(path, html, len);
        free(html);
    }
    closedir(d);
    char name[300];
    snprintf(name, sizeof name, "%s: %d inputs", label, n);
    CHECK_INT(name, same, n);
}

static void whole_check_cases(void)
{
    /* the e-mail paragraph fails the whole check; its neighbours stay
     * Markdown, and the second list keeps the marker it would have had */
    static const char mixed[] = "<ul><li>a</li></ul><p>write to me@example.org</p>"
                                "<ul><li>b</li></ul><p>ok</p>";
    check_md("html2md: whole check fails, blocks decide", mixed,
             "- a\n\n<p>write to me@example.org</p>\n\n- b\n\nok\n");
    CHECK("html2md: whole-first == blockwise (failing block)",
          same_as_blockwise("mixed", mixed, sizeof mixed - 1));
    /* a top-level inline run is never checked on its own: the whole check
     * fails on it, and the blocks then pass as before */
    static const char run[] = "mail me@example.org<p>b</p><h2>c</h2>";
    CHECK("html2md: whole-first == blockwise (unchecked inline run)",
          same_as_blockwise("run", run, sizeof run - 1));
    static const char *const cases[] = {
        "",
        "<p>a</p><!--more--><p>b</p>",
        "<p>1. x</p><p>+ y</p>",
        "<ol><li>a</li></ol><ol><li>b</li></ol><ul><li>c</li></ul><ul><li>d</li></ul>",
        "<pre><code class=\"language-go\">x := 1\n</code></pre><p>www.example.org</p>",
        "<table><thead><tr><th>a</th></tr></thead><tbody><tr><td>x@y.example</td></tr></tbody>"
        "</table><blockquote><p>q</p></blockquote>",
        "<h1>a</h1><div>raw</div><hr><p>a<br>b</p><p><code>a<b>x</b></code></p>",
        "<p>caf\xe9</p>\n\n<p>a\xC8"
        "b</p>",
        NULL};
    int same = 0, n = 0;
    for (n = 0; cases[n]; n++)
        same += same_as_blockwise(cases[n], cases[n], strlen(cases[n]));
    CHECK_INT("html2md: whole-first == blockwise (inline cases)", same, n);
    same_as_blockwise_dir("html2md: whole-first == blockwise (html2md fixtures)",
                          FC_ROOT "/fixtures", "input.html");
    /* the fuzzer's corpus, when `make fuzz` has been run here */
    if (access(FC_ROOT "/build/fuzz/corpus/html2md", R_OK) == 0)
        same_as_blockwise_dir("html2md: whole-first == blockwise (fuzz corpus)",
                              FC_ROOT "/build/fuzz/corpus/html2md", NULL);
}

/* n nested <div>s, each opened by "<div>P<i> " and never closed, then
 * "END"; with close, the end tags libxml2 would imply. */
static void nested_divs(struct fc_buf *b, int n, bool close)
{
    for (int i = 0; i < n; i++) {
        char t[32];
        snprintf(t, sizeof t, "<div>P%d ", i);
        fc_buf_puts(b, t);
    }
    fc_buf_puts(b, "END");
    for (int i = 0; close && i < n; i++)
        fc_buf_puts(b, "</div>");
}

/* Nesting: Markdown holds up to H2M_MAX_DEPTH (200) levels; a top-level
 * block deeper than that stays raw HTML, whole (a walk with no depth
 * limit); past libxml2's own limit (255 levels under <body>, without
 * XML_PARSE_HUGE) the parse would drop the rest: FC_ELIMIT, never a
 * shorter body. */
static void limits(void)
{
    struct fc_buf in, want, out;
    struct fc_error err;
    fc_buf_init(&in);
    fc_buf_init(&want);
    fc_buf_init(&out);

    /* 250 unclosed <div>s (a page builder's leftovers): one raw block */
    nested_divs(&in, 250, false);
    nested_divs(&want, 250, true);
    fc_buf_putc(&want, '\n');
    enum fc_status st = fc_html_to_markdown(in.data, in.len, &out, &err);
    CHECK("html2md: 250 nested divs convert", st == FC_OK);
    CHECK("html2md: 250 nested divs are kept whole, raw",
          st == FC_OK && strcmp(fc_buf_cstr(&out), fc_buf_cstr(&want)) == 0);
    char *back = to_html(fc_buf_cstr(&out));
    CHECK("html2md: cmark passes the deep raw block through",
          back && strcmp(back, fc_buf_cstr(&want)) == 0);
    free(back);

    /* libxml2's limit: 255 levels parse, 256 would lose the rest */
    fc_buf_reset(&in);
    fc_buf_reset(&out);
    nested_divs(&in, 255, false);
    st = fc_html_to_markdown(in.data, in.len, &out, &err);
    CHECK("html2md: 255 nested divs convert, to the end",
          st == FC_OK && strstr(fc_buf_cstr(&out), "P254 END</div>"));
    fc_buf_reset(&in);
    fc_buf_reset(&out);
    nested_divs(&in, 256, false);
    st = fc_html_to_markdown(in.data, in.len, &out, &err);
    CHECK("html2md: 256 nested divs are too deep", st == FC_ELIMIT && out.len == 0);
    CHECK_STR("html2md: too deep, the message", st == FC_ELIMIT ? err.message : "",
              "HTML nested deeper than 255 elements");
    fc_buf_reset(&in);
    fc_buf_reset(&out);
    for (int i = 0; i < 5000; i++)
        fc_buf_puts(&in, "<div><span>");
    fc_buf_puts(&in, "x");
    st = fc_html_to_markdown(in.data, in.len, &out, &err);
    CHECK("html2md: 10000 levels are too deep", st == FC_ELIMIT && out.len == 0);

    /* deep inline markup in a paragraph: the paragraph is raw, the
     * paragraphs around it stay Markdown */
    fc_buf_reset(&in);
    fc_buf_reset(&want);
    fc_buf_reset(&out);
    fc_buf_puts(&in, "<p>before</p><p>");
    fc_buf_puts(&want, "before\n\n<p>");
    for (int i = 0; i < 230; i++)
        fc_buf_puts(&in, "<em>"), fc_buf_puts(&want, "<em>");
    fc_buf_puts(&in, "x");
    fc_buf_puts(&want, "x");
    for (int i = 0; i < 230; i++)
        fc_buf_puts(&in, "</em>"), fc_buf_puts(&want, "</em>");
    fc_buf_puts(&in, "</p><p>after <em>this</em></p>");
    fc_buf_puts(&want, "</p>\n\nafter *this*\n");
    st = fc_html_to_markdown(in.data, in.len, &out, &err);
    CHECK_STR("html2md: a paragraph too deep for Markdown stays raw, alone",
              st == FC_OK ? fc_buf_cstr(&out) : "(failed)", fc_buf_cstr(&want));

    /* a list nested 150 deep (300 levels of ul and li) is one raw block */
    fc_buf_reset(&in);
    fc_buf_reset(&out);
    fc_buf_puts(&in, "<h2>Deep</h2>");
    for (int i = 0; i < 120; i++)
        fc_buf_puts(&in, "<ul><li>x");
    st = fc_html_to_markdown(in.data, in.len, &out, &err);
    const char *o = fc_buf_cstr(&out);
    CHECK("html2md: a list nested past Markdown's depth stays raw",
          st == FC_OK && strncmp(o, "## Deep\n\n<ul><li>x<ul><li>x", 27) == 0 &&
              strlen(o) == strlen("## Deep\n\n") + 120 * strlen("<ul><li>x</li></ul>") + 1);
    fc_buf_free(&in);
    fc_buf_free(&want);
    fc_buf_free(&out);
}

int main(void)
{
    inline_cases();
    md2html_cases();
    canon_cases();
    fixture_cases();
    wordpress_cases();
    hostile_cases();
    whole_check_cases();
    limits();
    return CHECK_DONE();
}
