/*
 * test_wp.c - WordPress's rules (src/sites/wp_*.c): wpautop and
 * shortcode_unautop with WordPress's own test vectors (tests/phpunit/tests/
 * formatting/Autop.php) and the quirk vectors of the project's research
 * notes, computed with its reference port; the shortcode grammar and
 * attribute parser (tests/phpunit/tests/shortcode.php); the block parser;
 * and the_content's pipeline as feedconv runs it.
 */
#define _GNU_SOURCE
#include "check.h"
#include "sites/wp.h"

#include <stdlib.h>

/* ---- wpautop ------------------------------------------------------------ */

static char *autop(const char *s, bool br)
{
    struct fc_buf b;
    fc_buf_init(&b);
    fc_wp_autop(&b, s, strlen(s), br);
    char *r = strdup(fc_buf_cstr(&b));
    fc_buf_free(&b);
    return r;
}

static void check_autop(const char *name, const char *in, const char *want, bool trimmed)
{
    char *got = autop(in, true);
    if (trimmed) { /* WordPress's tests compare trim()med output */
        size_t n = strlen(got);
        while (n && strchr(" \t\n\r", got[n - 1]))
            got[--n] = '\0';
    }
    CHECK_STR(name, got, want);
    free(got);
}

static void test_autop_wordpress(void)
{
    check_autop("autop: newline inside a tag kept", "Hello <a\nhref='world'>",
                "<p>Hello <a\nhref='world'></p>\n", false);
    check_autop("autop: newline inside a comment kept", "Hello <!-- a\nhref='world' -->",
                "<p>Hello <!-- a\nhref='world' --></p>\n", false);
    check_autop("autop: newline inside CDATA kept",
                "Hello <![CDATA[ a\nhttps://youtu.be/jgz0uSaOZbE\n ]]>",
                "<p>Hello <![CDATA[ a\nhttps://youtu.be/jgz0uSaOZbE\n ]]></p>\n", false);
    check_autop("autop: br spellings", "line 1<br>\nline 2<br/>\nline 3<br />\nline 4\nline 5",
                "<p>line 1<br />\nline 2<br />\nline 3<br />\nline 4<br />\nline 5</p>", true);
    check_autop("autop: two br make paragraphs", "line 1<br>\n<br/>\nline 2<br/>\n<br />",
                "<p>line 1</p>\n<p>line 2</p>", true);
    check_autop("autop: text before a div", "a<div>b</div>", "<p>a</p>\n<div>b</div>", true);
    check_autop(
        "autop: figcaption",
        "<figure>\n<img src=\"example.jpg\" />\n<figcaption>Caption</figcaption>\n</figure>",
        "<figure>\n<img src=\"example.jpg\" /><figcaption>Caption</figcaption></figure>", true);
    check_autop("autop: hr splits", "paragraph1<hr>paragraph2",
                "<p>paragraph1</p>\n<hr>\n<p>paragraph2</p>", true);
    check_autop("autop: blockquote", "<blockquote>foo</blockquote>",
                "<blockquote><p>foo</p></blockquote>", true);
    check_autop("autop: inline form elements",
                "Username: <input type=\"text\" id=\"username\" name=\"username\" /><br />"
                "Password: <input type=\"password\" id=\"password1\" name=\"password1\" />",
                "<p>Username: <input type=\"text\" id=\"username\" name=\"username\" /><br />"
                "Password: <input type=\"password\" id=\"password1\" name=\"password1\" /></p>",
                true);
    check_autop("autop: pre untouched",
                "Look at this code\n\n<pre>Line1<br />Line2<br>Line3<br/>Line4\nActual Line 2\n"
                "Actual Line 3</pre>\n\nCool, huh?",
                "<p>Look at this code</p>\n<pre>Line1<br />Line2<br>Line3<br/>Line4\nActual Line "
                "2\nActual Line 3</pre>\n<p>Cool, huh?</p>",
                true);
}

static void test_autop_quirks(void)
{
    static const char *const v[][2] = {
        {"one\ntwo\n\nthree", "<p>one<br />\ntwo</p>\n<p>three</p>\n"},
        {"a<br><br>b", "<p>a</p>\n<p>b</p>\n"},
        {"a\r\nb\r\n\r\nc", "<p>a<br />\nb</p>\n<p>c</p>\n"},
        {"<P>upper</P>\n\nnext", "<p><P>upper</P></p>\n<p>next</p>\n"},
        {"x <preview>y</preview>\n\nz", "<p>x <preview>y</preview>\n<p>z</p>\n"},
        {"<pre>keep\n\nthis</pre>after", "<pre>keep\n\nthis</pre>\n<p>after</p>\n"},
        {"<table><tr><td>a\nb</td></tr></table>",
         "<table>\n<tr>\n<td>a<br />\nb</td>\n</tr>\n</table>\n"},
        {"<script>\nvar a=1;\n\nvar b;\n</script>",
         "<p><script>\nvar a=1;</p>\n<p>var b;\n</script></p>\n"},
        {"Text <!-- a\ncomment -->\nmore", "<p>Text <!-- a\ncomment --><br />\nmore</p>\n"},
        {"<div>\ninside\n</div>", "<div>\ninside\n</div>\n"},
        {"   \n\t  ", ""},
        {"<ul>\n<li>x</li>\n</ul>\ntrailing", "<ul>\n<li>x</li>\n</ul>\n<p>trailing</p>\n"},
        {"a\n\n\n\n\nb", "<p>a</p>\n<p>b</p>\n"},
        {"<img src=\"a.jpg\" />\nCaption", "<p><img src=\"a.jpg\" /><br />\nCaption</p>\n"},
        {"<h2>T</h2>text", "<h2>T</h2>\n<p>text</p>\n"},
        {"<hr />text", "<hr />\n<p>text</p>\n"},
        {"<blockquote>q1\n\nq2</blockquote>", "<blockquote><p>q1</p>\n<p>q2</p></blockquote>\n"},
        {"<p>already</p>\n\n<p>wrapped</p>", "<p>already</p>\n<p>wrapped</p>\n"},
        {"if a < b\n\nthen c <em>x</em>", "<p>if a < b\n\nthen c <em>x</em></p>\n"},
        {"if a < b\n\nthen c", "<p>if a < b\n\nthen c\n</p>\n"},
    };
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        char name[120];
        snprintf(name, sizeof name, "autop quirk %zu: %.40s", i, v[i][0]);
        for (char *c = name; *c; c++) /* one line per check */
            if (*c == '\n' || *c == '\r' || *c == '\t')
                *c = ' ';
        check_autop(name, v[i][0], v[i][1], false);
    }
    char *nobr = autop("a\nb", false);
    CHECK_STR("autop: br off keeps newlines", nobr, "<p>a\nb</p>\n");
    free(nobr);
}

static const char *const unautop_names[] = {"caption", "gallery", "footag", "embed"};
static const struct fc_wp_tags unautop_tags = {unautop_names, 4};

static void test_unautop(void)
{
    struct fc_buf b;
    fc_buf_init(&b);
    char *p = autop("[gallery ids=\"1,2\"]\n\nText", true);
    fc_wp_shortcode_unautop(&b, p, strlen(p), &unautop_tags);
    CHECK_STR("unautop: a lone shortcode paragraph", fc_buf_cstr(&b),
              "[gallery ids=\"1,2\"]\n<p>Text</p>\n");
    free(p);
    fc_buf_reset(&b);
    p = autop("[footag]\n", true);
    fc_wp_shortcode_unautop(&b, p, strlen(p), &unautop_tags);
    CHECK_STR("unautop: [footag] (WordPress test)", fc_buf_cstr(&b), "[footag]\n");
    free(p);
    fc_buf_reset(&b);
    static const char in[] = "<p>See [gallery] here</p>\n<p>\xC2\xA0[caption]x[/caption]&nbsp;</p>";
    fc_wp_shortcode_unautop(&b, in, strlen(in), &unautop_tags);
    CHECK_STR("unautop: only when alone (spaces, NBSP, &nbsp; around)", fc_buf_cstr(&b),
              "<p>See [gallery] here</p>\n[caption]x[/caption]");
    fc_buf_free(&b);
}

/* ---- shortcodes --------------------------------------------------------- */

static void atts_str(const char *in, char *out, size_t cap)
{
    struct fc_arena *a = fc_arena_new();
    struct fc_wp_atts at;
    size_t o = 0;
    out[0] = '\0';
    if (!a || !fc_wp_parse_atts(a, in, strlen(in), &at)) {
        fc_arena_free(a);
        return;
    }
    for (size_t i = 0; i < at.n && o < cap; i++) {
        int w = at.v[i].name ? snprintf(out + o, cap - o, "%s%s=%s", o ? " " : "", at.v[i].name,
                                        fc_wp_att(&at, at.v[i].name))
                             : snprintf(out + o, cap - o, "%s%d=%s", o ? " " : "", at.v[i].pos,
                                        at.v[i].value);
        o += w > 0 ? (size_t)w : 0;
    }
    fc_arena_free(a);
}

static void test_atts(void)
{
    char got[300];
    atts_str(" 123 https://wordpress.org/ 0 \"foo\" bar", got, sizeof got);
    CHECK_STR("atts: positional (WordPress test)", got,
              "0=123 1=https://wordpress.org/ 2=0 3=foo 4=bar");
    atts_str(" 123 url=https://wordpress.org/ foo bar=\"baz\"", got, sizeof got);
    CHECK_STR("atts: mixed (WordPress test)", got,
              "0=123 url=https://wordpress.org/ 1=foo bar=baz");
    atts_str("foo=\"bar\" \xC2\xA0"
             "baz=\"123\"",
             got, sizeof got);
    CHECK_STR("atts: NBSP is a space (WordPress test)", got, "foo=bar baz=123");
    atts_str("a=1 B=\"2\" 'c' d", got, sizeof got);
    CHECK_STR("atts: names lowercased, positional numbered", got, "a=1 b=2 0=c 1=d");
    atts_str("a=\"x\\x41\" b=\"\\u00a0\" c=\"\\101\"", got, sizeof got);
    CHECK_STR("atts: stripcslashes", got, "a=xA b=u00a0 c=A");
    atts_str("v=\"<b\" w=\"<b>ok</b>\"", got, sizeof got);
    CHECK_STR("atts: an unbalanced < empties the value", got, "v= w=<b>ok</b>");
    atts_str("a=\"\" '' b", got, sizeof got);
    CHECK_STR("atts: empty named kept, empty quoted positional dropped", got, "a= 0=b");
    atts_str("foo-bar-=1 -foo-bar=2", got, sizeof got);
    CHECK_STR("atts: hyphenated names", got, "foo-bar-=1 -foo-bar=2");
}

static const char *const sc_names[] = {"caption", "gallery", "footag", "bartag", "code"};
static const struct fc_wp_tags sc_tags = {sc_names, 5};

static void sc_cb(void *ctx, const char *s, const struct fc_wp_sc *m, struct fc_buf *out)
{
    (void)ctx;
    fc_buf_printf(out, "{%.*s|%.*s|%s|%.*s}", (int)m->name_len, s + m->name, (int)m->atts_len,
                  s + m->atts, m->self_closing ? "/" : "", (int)m->content_len,
                  m->enclosing ? s + m->content : "");
}

static void check_sc(const char *name, const char *in, const char *want)
{
    struct fc_buf b;
    fc_buf_init(&b);
    fc_wp_do_shortcode(&b, in, strlen(in), &sc_tags, sc_cb, NULL, false);
    CHECK_STR(name, fc_buf_cstr(&b), want);
    fc_buf_free(&b);
}

static void test_shortcodes(void)
{
    check_sc("shortcode: unknown stays literal", "[unknowntag foo=\"bar\"]",
             "[unknowntag foo=\"bar\"]");
    check_sc("shortcode: [gallery-x] is not [gallery]", "[gallery-x]", "[gallery-x]");
    check_sc("shortcode: escaped", "[[caption]]", "[caption]");
    check_sc("shortcode: escaped twice", "[[[footag]]]", "[[footag]]");
    check_sc("shortcode: not escaped (WordPress test)", "[[footag] [bartag foo=\"bar\"]]",
             "[{footag|||} {bartag| foo=\"bar\"||}]");
    check_sc("shortcode: self-closing", "[gallery /]", "{gallery| |/|}");
    check_sc("shortcode: enclosing up to the first closer", "[code]a[code]b[/code]c[/code]",
             "{code|||a[code]b}c[/code]");
    check_sc("shortcode: a lone opener", "x [footag] y", "x {footag|||} y");
}

/* ---- blocks ----------------------------------------------------------------- */

static void test_block_tokens(void)
{
    bool closer, is_void;
    size_t name, nl, ns, at, al;
    static const char b2[] = "<!-- wp:my/thing {\"a\":\"}\"} /-->";
    size_t len = fc_wp_block_token(b2, 0, strlen(b2), &closer, &is_void, &name, &nl, &ns, &at, &al);
    CHECK_INT("block token: void with } in attrs", len, strlen(b2));
    CHECK_INT("block token: void", is_void, 1);
    CHECK_INT("block token: attrs", al, strlen("{\"a\":\"}\"}"));
    static const char b3[] = "<!--wp:paragraph-->";
    CHECK_INT("block token: no space, no block",
              fc_wp_block_token(b3, 0, strlen(b3), &closer, &is_void, &name, &nl, &ns, &at, &al),
              0);
    static const char up[] = "<!-- wp:Paragraph -->";
    CHECK_INT("block token: upper case is no block",
              fc_wp_block_token(up, 0, strlen(up), &closer, &is_void, &name, &nl, &ns, &at, &al),
              0);
    CHECK("has_blocks: escaped markup", !fc_wp_has_blocks("&lt;!-- wp:x --&gt;", 18));
    CHECK("has_blocks: the marker", fc_wp_has_blocks("<pre><!-- wp:x --></pre>", 24));
}

static size_t top_blocks(const char *s, const char **names, size_t cap)
{
    struct fc_arena *a = fc_arena_new();
    struct fc_wp_block **b = NULL;
    size_t n = 0;
    if (a && fc_wp_parse_blocks(a, s, strlen(s), &b, &n))
        for (size_t i = 0; i < n && i < cap; i++)
            names[i] =
                b[i]->name ? (strcmp(b[i]->name, "core/paragraph") == 0 ? "p" : "other") : "free";
    fc_arena_free(a);
    return n;
}

static void test_block_parser(void)
{
    const char *names[8] = {0};
    CHECK_INT(
        "blocks: freeform then a block",
        top_blocks("<p>intro</p>\n<!-- wp:paragraph --><p>b</p><!-- /wp:paragraph -->", names, 8),
        2);
    CHECK_STR("blocks: the freeform first", names[0], "free");
    CHECK_STR("blocks: then the paragraph", names[1], "p");
    CHECK_INT("blocks: a closer at depth 0 makes the rest freeform",
              top_blocks("<!-- /wp:paragraph -->tail", names, 8), 1);
    CHECK_STR("blocks: ... freeform", names[0], "free");
    CHECK_INT("blocks: the closer closes the top whatever its name",
              top_blocks("<!-- wp:paragraph --><p>x</p><!-- /wp:heading -->after", names, 8), 2);
    /* WP_Block_Parser collapses the stack piecewise: the paragraph (after
     * the HTML before it, as freeform), then the group */
    CHECK_INT("blocks: unclosed nested blocks close at the end (each at the top)",
              top_blocks("<!-- wp:group --><div><!-- wp:paragraph --><p>x</p>", names, 8), 3);
}

/* ---- the_content -------------------------------------------------------------- */

static const struct fc_wp_attachment site_atts[] = {
    {7, 5, 1, "https://ex.test/up/a.jpg", "https://ex.test/a/", "a", "Alt A", "Cap A", "image/jpeg",
     "thumbnail a-150x150.jpg\n"},
    {8, 5, 2, "https://ex.test/up/b.png", "https://ex.test/b/", "b", NULL, NULL, "image/png", NULL},
    {9, 5, 0, "https://ex.test/up/t.mp3", "https://ex.test/t/", "tune", NULL, NULL, "audio/mpeg",
     NULL},
};

static const struct fc_wp_attachment *st_att(void *ctx, int64_t id)
{
    (void)ctx;
    for (size_t i = 0; i < 3; i++)
        if (site_atts[i].id == id)
            return &site_atts[i];
    return NULL;
}

static size_t st_kids(void *ctx, int64_t parent, const struct fc_wp_attachment **out, size_t cap)
{
    static const size_t order[] = {2, 0, 1}; /* by menu order */
    size_t n = 0;
    (void)ctx;
    for (size_t i = 0; i < 3; i++)
        if (site_atts[order[i]].parent == parent) {
            if (n < cap)
                out[n] = &site_atts[order[i]];
            n++;
        }
    return n;
}

static const char *st_block(void *ctx, int64_t id, struct fc_arena *a, struct fc_sticky *s)
{
    (void)ctx, (void)s;
    return id == 50 ? fc_strdup(a, "<!-- wp:paragraph --><p>Reused.</p><!-- /wp:paragraph -->",
                                (size_t)-1)
                    : NULL;
}

static const struct fc_wp_site site = {NULL, st_att, st_kids, st_block};

static unsigned warnings;
static char last_warning[640];

static void on_warn(void *ctx, const struct fc_error *w)
{
    (void)ctx;
    warnings++;
    snprintf(last_warning, sizeof last_warning, "%lu: %s", w->line, w->message);
}

/* The_content of s as post 5 (she: _syntaxhighlighter_encoded). */
static char *render(const char *s, bool she, const char *footnotes, struct fc_post *media)
{
    struct fc_options o;
    struct fc_error err = {0};
    fc_options_init(&o);
    o.warn = on_warn;
    struct fc_sticky st = {FC_OK, &o, &err, "t"};
    struct fc_buf b;
    fc_buf_init(&b);
    struct fc_wp_body body = {&st,
                              10,
                              "post 5",
                              &site,
                              5,
                              she,
                              footnotes,
                              media ? media->arena : NULL,
                              media ? &media->attachments : NULL};
    warnings = 0;
    fc_wp_render(&body, s, strlen(s), &b);
    char *r = strdup(st.st == FC_OK ? fc_buf_cstr(&b) : "(failed)");
    fc_buf_free(&b);
    return r;
}

static void check_render(const char *name, const char *in, const char *want)
{
    char *got = render(in, false, NULL, NULL);
    CHECK_STR(name, got, want);
    free(got);
}

static void test_captions(void)
{
    check_render("caption: new form",
                 "[caption id=\"attachment_7\" align=\"alignright\" width=\"300\"]<a "
                 "href=\"x\"><img src=\"a.jpg\" alt=\"A\" /></a> The caption[/caption]",
                 "<figure class=\"wp-caption\"><a href=\"x\"><img src=\"a.jpg\" alt=\"A\" "
                 "/></a><figcaption>The caption</figcaption></figure>\n");
    check_render("caption: old caption= form",
                 "[caption id=\"attachment_8\" width=\"150\" caption=\"Old style\"]<img "
                 "src=\"b.png\" />[/caption]",
                 "<figure class=\"wp-caption\"><img src=\"b.png\" /><figcaption>Old "
                 "style</figcaption></figure>\n");
    check_render("caption: width below 1 is the content only",
                 "[caption width=0 caption=\"x\"]<img src=a>[/caption]", "<img src=a>\n");
    check_render("caption: no caption text is the content only",
                 "[caption id=\"attachment_5\" width=\"100\"]<img src=\"a\" />[/caption]",
                 "<img src=\"a\" />\n");
    check_render("caption: the <br /> wpautop adds before the text goes",
                 "[caption width=\"10\"]<img src=\"a\" />\nOn its own line[/caption]",
                 "<figure class=\"wp-caption\"><img src=\"a\" /><figcaption>On its own "
                 "line</figcaption></figure>\n");
    check_render("escape: [[caption]] is [caption]", "Type [[caption]].",
                 "<p>Type [caption].</p>\n");
    check_render("escape: an unknown shortcode's escape too", "Type [[foo]].",
                 "<p>Type [foo].</p>\n");
}

static void test_galleries(void)
{
    check_render("gallery: ids in their order, link file, size",
                 "[gallery ids=\"8,7\" link=\"file\" columns=\"2\" size=\"thumbnail\"]",
                 "<figure class=\"gallery gallery-columns-2\">\n<figure "
                 "class=\"gallery-item\"><a href=\"https://ex.test/up/b.png\"><img "
                 "src=\"https://ex.test/up/b.png\" alt=\"\" /></a></figure>\n<figure "
                 "class=\"gallery-item\"><a href=\"https://ex.test/up/a.jpg\"><img "
                 "src=\"https://ex.test/up/a-150x150.jpg\" alt=\"Alt A\" "
                 "/></a><figcaption>Cap A</figcaption></figure>\n</figure>\n");
    check_render(
        "gallery: without ids, the post's images by menu order (attachment pages)",
        "[gallery link=\"none\" size=\"full\"]",
        "<figure class=\"gallery gallery-columns-3\">\n<figure class=\"gallery-item\"><img "
        "src=\"https://ex.test/up/a.jpg\" alt=\"Alt A\" /><figcaption>Cap "
        "A</figcaption></figure>\n<figure class=\"gallery-item\"><img "
        "src=\"https://ex.test/up/b.png\" alt=\"\" /></figure>\n</figure>\n");
    check_render(
        "gallery: order DESC", "[gallery link=\"none\" order=\"DESC\" size=\"x\"]",
        "<figure class=\"gallery gallery-columns-3\">\n<figure class=\"gallery-item\"><img "
        "src=\"https://ex.test/up/b.png\" alt=\"\" /></figure>\n<figure "
        "class=\"gallery-item\"><img src=\"https://ex.test/up/a.jpg\" alt=\"Alt A\" "
        "/><figcaption>Cap A</figcaption></figure>\n</figure>\n");
    char *r = render("[gallery ids=\"99\"]", false, NULL, NULL);
    CHECK_STR("gallery: nothing in the export: nothing", r, "\n");
    CHECK_INT("gallery: ... with a warning", warnings, 1);
    free(r);
}

static void test_code(void)
{
    check_render("code: [code lang=php], raw", "[code lang=php]<?php echo 1;[/code]",
                 "<pre><code class=\"language-php\">&lt;?php echo 1;\n</code></pre>\n");
    char *r = render("[php]$a &amp;&amp; $b[/php]", true, NULL, NULL);
    CHECK_STR("code: [php] entity-decoded once when encoded", r,
              "<pre><code class=\"language-php\">$a &amp;&amp; $b\n</code></pre>\n");
    free(r);
    check_render("code: [code=\"js\"] and its text kept exactly",
                 "[code=\"js\"]\nif (a) {\n\n  b();\n}\n[/code]",
                 "<pre><code class=\"language-javascript\">if (a) {\n\n  b();\n}\n</code></pre>\n");
    check_render("code: Crayon lang:x decode:true",
                 "<pre class=\"lang:php decode:true \">echo &amp;x;</pre>",
                 "<pre><code class=\"language-php\">echo &amp;x;\n</code></pre>\n");
    check_render("code: Crayon lang:default is no language",
                 "<pre class=\"lang:default decode:true\">x &lt; y</pre>",
                 "<pre><code>x &lt; y\n</code></pre>\n");
    check_render("code: Enlighter",
                 "<pre class=\"EnlighterJSRAW\" data-enlighter-language=\"python\">x = 1</pre>",
                 "<pre><code class=\"language-python\">x = 1\n</code></pre>\n");
    check_render("code: Enlighter generic is no language",
                 "<pre class=\"EnlighterJSRAW\" data-enlighter-language=\"generic\">x</pre>",
                 "<pre><code>x\n</code></pre>\n");
    check_render("code: a plain <pre> stays", "<pre>  as   is</pre>", "<pre>  as   is</pre>\n");
    check_render("code: escaped [[code]] shows literally", "[[code]x[/code]]",
                 "<p>[code]x[/code]</p>\n");
}

static void test_embeds(void)
{
    check_render("embed: [embed] of a Vimeo page",
                 "[embed width=\"500\"]https://vimeo.com/1[/embed]",
                 "<iframe src=\"https://player.vimeo.com/video/1\" width=\"560\" height=\"315\" "
                 "allowfullscreen></iframe>\n");
    check_render("embed: a YouTube URL on its own line",
                 "Watch:\n\nhttps://www.youtube.com/watch?v=abc-_1\n\nDone.",
                 "<p>Watch:</p>\n<iframe src=\"https://www.youtube.com/embed/abc-_1\" "
                 "width=\"560\" height=\"315\" allowfullscreen></iframe>\n<p>Done.</p>\n");
    check_render("embed: another URL on its own line is a link", "https://example.net/x",
                 "<p><a href=\"https://example.net/x\">https://example.net/x</a></p>\n");
    check_render("embed: not inside a sentence", "See https://youtu.be/abc now",
                 "<p>See https://youtu.be/abc now</p>\n");
    struct fc_post *p = fc_post_new();
    char *r =
        render("[audio mp3=\"https://ex.test/s.mp3\"]\n\n[video src=\"https://ex.test/v.mp4\" "
               "poster=\"https://ex.test/p.jpg\"]\n\n[audio]",
               false, NULL, p);
    CHECK_STR("media: audio and video elements", r,
              "<audio controls src=\"https://ex.test/s.mp3\"></audio>\n<video controls "
              "src=\"https://ex.test/v.mp4\" poster=\"https://ex.test/p.jpg\"></video>\n<audio "
              "controls src=\"https://ex.test/up/t.mp3\"></audio>\n");
    CHECK_INT("media: each source an attachment", p ? p->attachments.count : 0, 3);
    const struct fc_media *m = p ? p->attachments.first : NULL;
    CHECK_STR("media: its type from the file name", m ? m->type : NULL, "audio/mpeg");
    free(r);
    fc_post_free(p);
}

static void test_more_and_pages(void)
{
    check_render("more: split, each part its paragraphs", "A\n<!--more-->\nB",
                 "<p>A</p>\n<!--more-->\n<p>B</p>\n");
    check_render("more: the custom text goes", "A<!--more Continue-->B",
                 "<p>A</p>\n<!--more-->\n<p>B</p>\n");
    check_render("more: <!-- more --> is no marker", "A<!-- more -->B", "<p>A<!-- more -->B</p>\n");
    check_render("more: only the first splits", "A<!--more-->B<!--more-->C",
                 "<p>A</p>\n<!--more-->\n<p>BC</p>\n");
    check_render("more: the more block's delimiters go",
                 "<!-- wp:more {\"noTeaser\":true} -->\n<!--more-->\n<!--noteaser-->\n<!-- "
                 "/wp:more -->",
                 "<!--more-->\n");
    char *r = render("A\n<!--nextpage-->\nB<!--nextpage-->C", false, NULL, NULL);
    CHECK_STR("nextpage: pages joined with <hr />", r,
              "<p>A</p>\n<hr />\n<p>B</p>\n<hr />\n<p>C</p>\n");
    CHECK_INT("nextpage: ... with a warning", warnings, 1);
    free(r);
    check_render("nextpage: a leading marker is dropped", "<!--nextpage-->A<!--nextpage-->B",
                 "<p>A</p>\n<hr />\n<p>B</p>\n");
}

static void test_block_content(void)
{
    check_render("blocks: no wpautop in a block post",
                 "<!-- wp:paragraph --><p>a\nb</p><!-- /wp:paragraph -->", "<p>a\nb</p>");
    check_render("blocks: no wpautop for the classic HTML between blocks either",
                 "<p>intro</p>\nline\n<!-- wp:paragraph --><p>b</p><!-- /wp:paragraph -->",
                 "<p>intro</p>\nline\n<p>b</p>");
    check_render("blocks: <!--wp:x--> without spaces is no block: wpautop",
                 "<!--wp:paragraph--><p>x</p><!--/wp:paragraph-->",
                 "<p><!--wp:paragraph--></p>\n<p>x</p>\n<p><!--/wp:paragraph--></p>\n");
    check_render(
        "blocks: core/shortcode is wpautop'd, then the gallery",
        "<!-- wp:shortcode -->\n[gallery ids=\"7\" link=\"none\"]\n<!-- /wp:shortcode -->",
        "<figure class=\"gallery gallery-columns-3\">\n<figure class=\"gallery-item\"><img "
        "src=\"https://ex.test/up/a-150x150.jpg\" alt=\"Alt A\" /><figcaption>Cap "
        "A</figcaption></figure>\n</figure>\n");
    check_render("blocks: core/code without a language",
                 "<!-- wp:code --><pre class=\"wp-block-code\"><code>a &lt; b</code></pre><!-- "
                 "/wp:code -->",
                 "<pre><code>a &lt; b\n</code></pre>");
    check_render("blocks: core/code with a language attribute",
                 "<!-- wp:code {\"language\":\"c\"} --><pre class=\"wp-block-code\"><code>x</code>"
                 "</pre><!-- /wp:code -->",
                 "<pre><code class=\"language-c\">x\n</code></pre>");
    check_render("blocks: syntaxhighlighter/code decoded once, language from attrs",
                 "<!-- wp:syntaxhighlighter/code {\"language\":\"python\"} --><pre "
                 "class=\"wp-block-syntaxhighlighter-code\">print(&quot;hi&quot;)</pre><!-- "
                 "/wp:syntaxhighlighter/code -->",
                 "<pre><code class=\"language-python\">print(\"hi\")\n</code></pre>");
    check_render("blocks: a reusable block inlined", "<!-- wp:block {\"ref\":50} /-->",
                 "<p>Reused.</p>");
    char *r = render("<!-- wp:latest-posts /--><!-- wp:block {\"ref\":51} /-->", false, NULL, NULL);
    CHECK_STR("blocks: dynamic and missing ones dropped", r, "");
    CHECK_INT("blocks: ... with a warning each", warnings, 2);
    free(r);
    check_render("blocks: an image's empty alt filled from its attachment",
                 "<!-- wp:image {\"id\":7} --><figure class=\"wp-block-image\"><img src=\"a.jpg\" "
                 "alt=\"\" class=\"wp-image-7\"/></figure><!-- /wp:image -->",
                 "<figure><img src=\"a.jpg\" alt=\"Alt A\"/></figure>");
    check_render(
        "blocks: theme classes go, others stay",
        "<!-- wp:heading --><h2 class=\"wp-block-heading mine\">T</h2><!-- /wp:heading -->",
        "<h2 class=\"mine\">T</h2>");
}

static void test_footnotes(void)
{
    char *r = render(
        "<!-- wp:paragraph --><p>x<sup data-fn=\"f2\" class=\"fn\"><a href=\"#f2\" "
        "id=\"f2-link\">9</a></sup></p><!-- /wp:paragraph -->\n<!-- wp:footnotes /-->",
        false, "[{\"content\":\"One\",\"id\":\"f1\"},{\"content\":\"Two\",\"id\":\"f2\"}]", NULL);
    CHECK_STR(
        "footnotes: numbered by the meta, listed at the block", r,
        "<p>x<sup data-fn=\"f2\"><a href=\"#f2\" id=\"f2-link\">2</a></sup></p>\n<ol "
        "class=\"footnotes\"><li id=\"f1\">One <a href=\"#f1-link\">\xE2\x86\xA9\xEF\xB8\x8E"
        "</a></li><li id=\"f2\">Two <a href=\"#f2-link\">\xE2\x86\xA9\xEF\xB8\x8E</a></li></ol>"
        "\n");
    free(r);
    r = render("x", false, "not json", NULL);
    CHECK_INT("footnotes: meta that is not JSON warned about", warnings, 1);
    free(r);
}

static void test_unknown(void)
{
    char *r = render("a\n\n[contact-form id=\"5\"]\n\nb [contact-form id=\"6\"] [sic] [plain word]",
                     false, NULL, NULL);
    CHECK_STR("unknown shortcode: kept as written", r,
              "<p>a</p>\n<p>[contact-form id=\"5\"]</p>\n<p>b [contact-form id=\"6\"] [sic] [plain "
              "word]</p>\n");
    CHECK_INT("unknown shortcode: one warning per name", warnings, 1);
    CHECK_STR("unknown shortcode: ... naming its first line", last_warning,
              "12: post 5: unknown shortcode [contact-form] kept as written");
    free(r);
}

/* ---- text -------------------------------------------------------------------- */

static void test_text(void)
{
    struct fc_arena *a = fc_arena_new();
    CHECK_STR("sanitize_title: words", fc_wp_sanitize_title(a, "Notes for later: part 2!"),
              "notes-for-later-part-2");
    CHECK_STR("sanitize_title: accents, tags, entities",
              fc_wp_sanitize_title(a, "Caf\xC3\xA9 <b>&amp;</b> cr\xC3\xA8me br\xC3\xBBl\xC3\xA9"
                                      "e"),
              "cafe-creme-brulee");
    CHECK_STR("sanitize_title: other scripts kept",
              fc_wp_sanitize_title(a, "\xE6\xB2\xB3 "
                                      "river"),
              "\xE6\xB2\xB3-river");
    CHECK_STR("urldecode", fc_wp_urldecode(a, "%e6%b2%b3-x"), "\xE6\xB2\xB3-x");
    CHECK_STR("urldecode: not UTF-8 once decoded: as written", fc_wp_urldecode(a, "%ff-x"),
              "%ff-x");
    static const char md[] = "a:2:{s:4:\"file\";s:5:\"a.jpg\";s:5:\"sizes\";a:1:{s:9:\"thumbnail\";"
                             "a:1:{s:4:\"file\";s:11:\"a-1x1.jpg\";}}}";
    static const char *const keys[] = {"sizes", "thumbnail", "file"};
    struct fc_wp_php v;
    CHECK("php: nested keys, a wrong s: length tolerated",
          fc_wp_php_get(md, strlen(md), keys, 3, &v));
    CHECK_INT("php: the string", v.len, 9);
    CHECK("php: not serialized", !fc_wp_php_get("x:1", 3, keys, 1, &v));
    fc_arena_free(a);
}

int main(void)
{
    test_autop_wordpress();
    test_autop_quirks();
    test_unautop();
    test_atts();
    test_shortcodes();
    test_block_tokens();
    test_block_parser();
    test_captions();
    test_galleries();
    test_code();
    test_embeds();
    test_more_and_pages();
    test_block_content();
    test_footnotes();
    test_unknown();
    test_text();
    return CHECK_DONE();
}
