/*
 * test_html_roundtrip.c - HTML -> Markdown -> HTML is exact ("exact" in
 * util/html2md.h) for every post of the real-world corpus
 * (fixtures/html-corpus/<publisher>.xml, one RSS feed per publisher's way
 * of writing HTML), one PASS or FAIL per post with the first difference;
 * fc_html_to_markdown gives the same bytes whether cmark's HTML is read by
 * the scanner or parsed by libxml2 and whether the whole post or each
 * block is checked; the scanner reads what libxml2 reads; and the normal
 * form's rules and tag table.
 *
 *   test_html_roundtrip                    the checks above
 *   test_html_roundtrip --compare A B      every item of feed B has the
 *                                          content of the item of feed A
 *                                          with the same guid, exactly
 *                                          (tests/cli_html_roundtrip.sh)
 */
#define _POSIX_C_SOURCE 200809L
#include "check.h"
#include "testlib.h"
#include "internal.h"
#include "util/html2md.h"

#include <glob.h>
#include <stdlib.h>
#include <string.h>

#ifndef FC_ROOT
#define FC_ROOT "."
#endif

/* The normal form by libxml2 (NULL when it fails). */
static char *canon(const char *html, size_t len)
{
    struct fc_buf b;
    struct fc_error err;
    fc_buf_init(&b);
    char *s = NULL;
    if (fc_html_canon(html, len, &b, &err) == FC_OK)
        s = strdup(fc_buf_cstr(&b));
    fc_buf_free(&b);
    return s;
}

static char *to_md(const char *html, size_t len, unsigned opts)
{
    struct fc_buf b;
    struct fc_error err;
    fc_buf_init(&b);
    char *s = NULL;
    if (fc_html_to_markdown_opts(html, len, &b, opts, &err) == FC_OK)
        s = strdup(fc_buf_cstr(&b));
    fc_buf_free(&b);
    return s;
}

static char *to_html(const char *md)
{
    struct fc_buf b;
    struct fc_error err;
    fc_buf_init(&b);
    char *s = NULL;
    if (fc_markdown_to_html(md, strlen(md), &b, &err) == FC_OK)
        s = strdup(fc_buf_cstr(&b));
    fc_buf_free(&b);
    return s;
}

/* Print where two normal forms part, with some context. */
static void first_difference(const char *want, const char *got)
{
    size_t i = 0;
    while (want[i] && want[i] == got[i])
        i++;
    size_t from = i > 60 ? i - 60 : 0;
    printf("#   at byte %zu:\n#   want ...%.140s\n#   got  ...%.140s\n", i, want + from,
           got + from);
}

/* Is b the same document as a?  Prints the first difference when not. */
static int exact(const char *name, const char *a, const char *b)
{
    char *ca = canon(a, strlen(a)), *cb = b ? canon(b, strlen(b)) : NULL;
    int same = ca && cb && strcmp(ca, cb) == 0;
    if (!same && ca && cb) {
        printf("# %s: not the same document\n", name);
        first_difference(ca, cb);
    }
    free(ca);
    free(cb);
    return same;
}

/* The scanner reads what libxml2 reads, where it reads at all. */
static int fast_agrees(const char *html)
{
    struct fc_buf f;
    fc_buf_init(&f);
    int ok = 1;
    if (fc_html_canon_fast(html, strlen(html), &f)) {
        char *slow = canon(html, strlen(html));
        ok = slow && strcmp(slow, fc_buf_cstr(&f)) == 0;
        if (!ok && slow) {
            printf("# scanner and libxml2 differ on:\n# %.300s\n", html);
            first_difference(slow, fc_buf_cstr(&f));
        }
        free(slow);
    }
    fc_buf_free(&f);
    return ok;
}

struct totals {
    int posts, exact, same_paths, fast_ok, md_blocks, raw_blocks;
};

/* Top-level blocks of md written as Markdown or as raw HTML. */
static void count_blocks(const char *md, struct totals *t)
{
    for (const char *p = md; *p;) {
        if (*p == '<')
            t->raw_blocks++;
        else
            t->md_blocks++;
        const char *q = strstr(p, "\n\n");
        if (!q)
            break;
        p = q + 2;
    }
}

static void one_post(const char *feedname, int k, const char *html, struct totals *t)
{
    char name[300];
    snprintf(name, sizeof name, "html-corpus %s post %d", feedname, k);
    size_t len = strlen(html);
    char *md = to_md(html, len, 0);
    char *back = md ? to_html(md) : NULL;
    int ok = md && back && exact(name, html, back);
    if (!ok && md)
        printf("# Markdown:\n%s# --\n", md);
    CHECK(name, ok);
    t->posts++;
    t->exact += ok;
    if (md)
        count_blocks(md, t);
    /* the reference paths give the same bytes */
    char *slow = to_md(html, len, FC_H2M_SLOW_CHECK);
    char *bw = to_md(html, len, FC_H2M_BLOCKWISE | FC_H2M_SLOW_CHECK);
    int same = md && slow && bw && strcmp(md, slow) == 0 && strcmp(md, bw) == 0;
    if (!same)
        printf("# %s: the check's paths disagree\n# slow:\n%s\n# blockwise:\n%s\n", name,
               slow ? slow : "(null)", bw ? bw : "(null)");
    t->same_paths += same;
    t->fast_ok += back && fast_agrees(back);
    free(md);
    free(back);
    free(slow);
    free(bw);
}

static void corpus(void)
{
    glob_t g;
    if (glob(FC_ROOT "/fixtures/html-corpus/*.xml", 0, NULL, &g) != 0) {
        CHECK("html-corpus: feeds found", 0);
        return;
    }
    struct totals all = {0};
    for (size_t i = 0; i < g.gl_pathc; i++) {
        struct fc_feed *feed = NULL;
        struct fc_error err;
        const char *path = g.gl_pathv[i], *base = strrchr(path, '/') + 1;
        if (tl_read_path(path, NULL, NULL, &feed, &err) != FC_OK) {
            printf("FAIL: html-corpus %s reads: %s\n", base, err.message);
            check_failures++;
            continue;
        }
        struct totals t = {0};
        int k = 0;
        for (struct fc_post_item *it = feed->posts.first; it; it = it->next)
            if (it->post->content_html)
                one_post(base, ++k, it->post->content_html, &t);
        printf("# %s: %d posts, %d exact; top-level blocks: %d Markdown, %d raw HTML\n", base,
               t.posts, t.exact, t.md_blocks, t.raw_blocks);
        all.posts += t.posts;
        all.exact += t.exact;
        all.same_paths += t.same_paths;
        all.fast_ok += t.fast_ok;
        all.md_blocks += t.md_blocks;
        all.raw_blocks += t.raw_blocks;
        fc_feed_free(feed);
    }
    globfree(&g);
    CHECK("html-corpus: at least 80 posts", all.posts >= 80);
    CHECK_INT("html-corpus: posts exact", all.exact, all.posts);
    CHECK_INT("html-corpus: scanner / libxml2 / blockwise give the same Markdown", all.same_paths,
              all.posts);
    CHECK_INT("html-corpus: the scanner reads cmark's HTML as libxml2 does", all.fast_ok,
              all.posts);
    printf("# corpus: %d posts; top-level blocks: %d Markdown, %d raw HTML\n", all.posts,
           all.md_blocks, all.raw_blocks);
}

/* fc_html_canon_fast's result, or "(gave up)". */
static char *fast(const char *html)
{
    struct fc_buf f;
    fc_buf_init(&f);
    char *s = strdup(fc_html_canon_fast(html, strlen(html), &f) ? fc_buf_cstr(&f) : "(gave up)");
    fc_buf_free(&f);
    return s;
}

static void canon_rules(void)
{
    static const struct {
        const char *name, *html, *want;
    } cases[] = {
        {"whitespace folded, dropped at block edges", "<p> a  b\n c </p>\n\n<p>d</p>",
         "<p>a b c</p><p>d</p>"},
        {"attributes sorted, values exact", "<img src=x alt=\"y  z\">",
         "<img alt=\"y  z\" src=\"x\">"},
        {"no unwrapping of pre>code or li>p", "<pre><code>x</code></pre><ul><li><p>y</p></li></ul>",
         "<pre><code>x</code></pre><ul><li><p>y</p></li></ul>"},
        {"whitespace exact in pre", "<pre> a\n\n  b </pre>", "<pre> a\n\n  b </pre>"},
        {"whitespace exact in white-space style", "<span style=\"white-space: pre\"> a  b</span>",
         "<span style=\"white-space: pre\"> a  b</span>"},
        {"iframe is not a block boundary", "a <iframe src=x></iframe> b",
         "a <iframe src=\"x\"></iframe> b"},
        {"br is a line boundary", "a <br> b", "a<br>b"},
        {"space inside inline element kept", "<p><b> x</b> <code>y </code>,</p>",
         "<p><b> x</b> <code>y </code>,</p>"},
        {"display style is no block boundary", "a <div style=\"display:inline\">b</div>",
         "a <div style=\"display:inline\">b</div>"},
        {"children of void elements kept", "<p>a<wbr>b<source src=s>c</p>",
         "<p>a<wbr>b<source src=\"s\">c</source></wbr></p>"},
        {"script text exact", "<script>a  <\n\nb</script>", "<script>a  &lt;\n\nb</script>"},
        {"comments kept", "a <!-- c --> b", "a <!-- c --> b"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char name[200];
        char *got = canon(cases[i].html, strlen(cases[i].html));
        snprintf(name, sizeof name, "canon: %s", cases[i].name);
        CHECK_STR(name, got, cases[i].want);
        free(got);
        got = fast(cases[i].html);
        snprintf(name, sizeof name, "canon (scanner): %s", cases[i].name);
        if (strcmp(got, "(gave up)") != 0)
            CHECK_STR(name, got, cases[i].want);
        free(got);
    }
}

static void scanner_cases(void)
{
    /* what cmark and html2md write, read without libxml2 */
    static const char *const reads[] = {
        "<p>a &amp; b &lt;c&gt; &quot;d&quot; &#39;e&#x27; caf\xc3\xa9</p>\n",
        "<ul>\n<li>a<br />\nb</li>\n</ul>\n<pre><code class=\"language-c\">x &lt; "
        "1;\n</code></pre>\n",
        "<p><a href=\"/x?a=1&amp;b=2\" title=\"T\">x</a> <img src=\"i.png\" alt=\"I\" /></p>\n",
        "</raw-html>\nHello <b>w</b><br />\nmore\n<!--more-->\n",
        "<video controls=\"\"><source src=\"a\"><source src=\"b\">t</source></source></video>",
        "<script>if (a < b && c) x();\n\n</script><style>p > a {}</style>",
        "<table>\n<thead>\n<tr>\n<th align=\"center\">a</th>\n</tr>\n</thead>\n</table>\n",
    };
    for (size_t i = 0; i < sizeof reads / sizeof reads[0]; i++) {
        char name[100];
        struct fc_buf f;
        fc_buf_init(&f);
        snprintf(name, sizeof name, "scanner reads cmark's HTML %zu", i + 1);
        CHECK(name, fc_html_canon_fast(reads[i], strlen(reads[i]), &f) && fast_agrees(reads[i]));
        fc_buf_free(&f);
    }
    /* what it leaves to libxml2 */
    static const char *const gives_up[] = {
        "<b><i>x</b></i>", /* an end tag of an element that is not the current one */
        "<p>unclosed",
        "<P>upper</P>",
        "a &nbsp; b",
        "a &#0; b",
        "a &#x80; b",
        "a\rb",
        "<body>x</body>",
        "<meta charset=\"latin1\">",
        "<p class=a>unquoted</p>",
        "<p a=\"1\" a=\"2\">dup</p>",
        "<!-- a -- b -->",
        "<!-->",
        "<script>a('</b>')</script>",
        "<!DOCTYPE html>",
        "a < b",
        /* U+FFFE and U+FFFF, in the scan's last bytes and in its 16-byte
         * steps */
        "a \xef\xbf\xbe",
        "<p>0123456789 0123456789 0123456789\xef\xbf\xbf 0123456789 0123456789</p>",
    };
    for (size_t i = 0; i < sizeof gives_up / sizeof gives_up[0]; i++) {
        char name[100];
        char *got = fast(gives_up[i]);
        snprintf(name, sizeof name, "scanner leaves to libxml2: %s", gives_up[i]);
        CHECK_STR(name, got, "(gave up)");
        free(got);
    }
    /* the depth limit is libxml2's (fc_html_canon: FC_ELIMIT) */
    struct fc_buf deep, f;
    fc_buf_init(&deep);
    fc_buf_init(&f);
    for (int i = 0; i < 250; i++)
        fc_buf_puts(&deep, "<span>");
    for (int i = 0; i < 250; i++)
        fc_buf_puts(&deep, "</span>");
    CHECK("scanner leaves deep nesting to libxml2", !fc_html_canon_fast(deep.data, deep.len, &f));
    fc_buf_free(&deep);
    fc_buf_free(&f);
}

/* FC_T_LXEMPTY is libxml2's own list of empty elements. */
static void tag_table(void)
{
    static const char *const names[] = {
        "a",     "area", "base",  "basefont", "bgsound", "br",     "col",   "embed",   "frame",
        "hr",    "img",  "input", "isindex",  "keygen",  "link",   "meta",  "param",   "source",
        "track", "wbr",  "p",     "div",      "iframe",  "script", "video", "picture", NULL};
    int same = 0, n = 0;
    for (; names[n]; n++) {
        const htmlElemDesc *d = htmlTagLookup((const xmlChar *)names[n]);
        bool lx = d && d->empty;
        bool ours = (fc_html_tag_flags(names[n], strlen(names[n])) & FC_T_LXEMPTY) != 0;
        if (lx == ours)
            same++;
        else
            printf("# %s: libxml2 empty %d, table %d\n", names[n], lx, ours);
    }
    CHECK_INT("tag table: empty elements as libxml2 has them", same, n);
    /* every name of the table is found (it is searched by halves) */
    static const char *const table[] = {
        "address",    "area",     "article",    "aside",   "base",      "basefont", "bgsound",
        "blockquote", "body",     "br",         "caption", "center",    "col",      "colgroup",
        "dd",         "details",  "dialog",     "dir",     "div",       "dl",       "dt",
        "embed",      "fieldset", "figcaption", "figure",  "footer",    "form",     "frame",
        "frameset",   "h1",       "h2",         "h3",      "h4",        "h5",       "h6",
        "head",       "header",   "hgroup",     "hr",      "html",      "iframe",   "img",
        "input",      "isindex",  "keygen",     "legend",  "li",        "link",     "listing",
        "main",       "menu",     "menuitem",   "meta",    "nav",       "noframes", "ol",
        "optgroup",   "option",   "p",          "param",   "plaintext", "pre",      "script",
        "search",     "section",  "source",     "style",   "summary",   "table",    "tbody",
        "td",         "textarea", "tfoot",      "th",      "thead",     "title",    "tr",
        "track",      "ul",       "wbr",        "xmp",     NULL};
    int found = 0;
    for (n = 0; table[n]; n++)
        found += fc_html_tag_flags(table[n], strlen(table[n])) != 0;
    CHECK_INT("tag table: sorted, every name found", found, n);
    CHECK_INT("tag table: unknown name", fc_html_tag_flags("span", 4), 0);
}

/* Conversion cases the corpus relies on, pinned. */
static void conversion_cases(void)
{
    static const struct {
        const char *name, *html, *md;
    } cases[] = {
        {"top-level text after a raw block joins it",
         "<div class=\"s\"><img src=\"a\"></div>Text<br>more",
         "<div class=\"s\"><img src=\"a\" /></div>\nText<br />more\n"},
        {"top-level text first: an ignored end tag opens the HTML block", "Text<br>more<p>para</p>",
         "</raw-html>\nText<br />more\n\npara\n"},
        {"an iframe alone is its own HTML block", "<iframe src=\"v\"></iframe>",
         "<iframe src=\"v\"></iframe>\n"},
        {"br before an iframe stays on the line", "<p>a<br>\n<iframe src=\"v\"></iframe> b</p>",
         "a<br /> <iframe src=\"v\"></iframe> b\n"},
        {"list of paragraphs is loose", "<ul><li><p>a</p></li><li><p>b</p></li></ul>",
         "- a\n\n- b\n"},
        {"code span keeps its spaces", "<p>a <code> x\n</code>, b</p>", "a `  x  `, b\n"},
        {"pre without code stays raw", "<pre>x\n</pre>", "<pre>x\n</pre>\n"},
        {"code block without final newline stays raw", "<pre><code>x</code></pre>",
         "<pre><code>x</code></pre>\n"},
        {"bare text in a blockquote keeps it raw", "<blockquote>q<br>- me</blockquote>",
         "<blockquote>q<br />- me</blockquote>\n"},
        {"void element with children", "<p>long<wbr>word</p>", "long<wbr>word</wbr>\n"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char name[200];
        char *md = to_md(cases[i].html, strlen(cases[i].html), 0);
        snprintf(name, sizeof name, "html2md: %s", cases[i].name);
        CHECK_STR(name, md, cases[i].md);
        char *back = md ? to_html(md) : NULL;
        snprintf(name, sizeof name, "html2md: %s: exact", cases[i].name);
        CHECK(name, back && exact(name, cases[i].html, back));
        free(md);
        free(back);
    }
}

/* --compare A B: B's items have A's contents, exactly, matched by guid;
 * a site's feed has the site's own ids (its permalinks): then by title. */
static int compare_feeds(const char *a, const char *b)
{
    struct fc_feed *fa = NULL, *fb = NULL;
    struct fc_error err;
    if (tl_read_path(a, NULL, NULL, &fa, &err) != FC_OK ||
        tl_read_path(b, NULL, NULL, &fb, &err) != FC_OK) {
        printf("FAIL: compare %s %s: %s\n", a, b, err.message);
        return 1;
    }
    int n = 0, same = 0;
    for (struct fc_post_item *x = fa->posts.first; x; x = x->next) {
        const struct fc_post *p = x->post, *q = NULL;
        for (struct fc_post_item *y = fb->posts.first; y && !q; y = y->next)
            if (p->id && y->post->id && strcmp(p->id, y->post->id) == 0)
                q = y->post;
        for (struct fc_post_item *y = fb->posts.first; y && !q; y = y->next)
            if (p->title.value && y->post->title.value &&
                strcmp(p->title.value, y->post->title.value) == 0)
                q = y->post;
        char name[400];
        snprintf(name, sizeof name, "feed -> markdown -> feed: %s: %s", a, p->id ? p->id : "?");
        n++;
        int ok = q && p->content_html && q->content_html &&
                 exact(name, p->content_html, q->content_html);
        CHECK(name, ok);
        same += ok;
    }
    printf("# %s: %d of %d items back exactly\n", a, same, n);
    fc_feed_free(fa);
    fc_feed_free(fb);
    return CHECK_DONE();
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc == 4 && strcmp(argv[1], "--compare") == 0)
        return compare_feeds(argv[2], argv[3]);
    canon_rules();
    scanner_cases();
    tag_table();
    conversion_cases();
    corpus();
    return CHECK_DONE();
}
