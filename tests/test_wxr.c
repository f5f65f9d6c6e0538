/*
 * test_wxr.c - the WordPress export reader: detection, versions and
 * namespaces, and the model of the fixtures fixtures/wxr-* field by field
 * (channel, authors, terms, menus, posts by type and status, dates with
 * their offsets, slugs, old addresses, terms, meta, comments, bodies),
 * private data only with FC_OPT_KEEP_PRIVATE, an export large enough to
 * spool to disk, and the reader's errors.
 */
#define _GNU_SOURCE
#include "check.h"
#include "formats/wxr.h"
#include "testlib.h"

#include <stdlib.h>

#ifndef FC_ROOT
#define FC_ROOT "."
#endif

struct warns {
    int n;
    char all[8192];
};

static void on_warn(void *ctx, const struct fc_error *w)
{
    struct warns *ws = ctx;
    size_t o = strlen(ws->all);
    ws->n++;
    snprintf(ws->all + o, sizeof ws->all - o, "%lu: %s\n", w->line, w->message);
}

static void opts(struct fc_options *o, struct warns *ws)
{
    fc_options_init(o);
    memset(ws, 0, sizeof *ws);
    o->warn = on_warn;
    o->warn_ctx = ws;
}

static struct fc_feed *read_fx(const char *fixture, struct fc_options *o)
{
    char path[512];
    struct fc_error err = {0};
    struct fc_feed *f = NULL;
    snprintf(path, sizeof path, "%s/fixtures/%s/input.xml", FC_ROOT, fixture);
    enum fc_status st = tl_read_path(path, NULL, o, &f, &err);
    if (st)
        printf("# %s: %s\n", fixture, err.message);
    return f;
}

static struct fc_post *post_by_id(const struct fc_feed *f, const char *id)
{
    for (const struct fc_post_item *it = f ? f->posts.first : NULL; it; it = it->next)
        if (it->post->id && strcmp(it->post->id, id) == 0)
            return it->post;
    return NULL;
}

static void *nth(const struct fc_list *l, size_t i)
{
    struct fc_tag *e = l->first; /* any element: `next` comes first */
    while (e && i--)
        e = e->next;
    return e;
}

static const char *time_str(const struct fc_time *t, char *buf)
{
    if (!fc_time_rfc3339(t, buf, 48))
        snprintf(buf, 48, "%s", t->raw ? t->raw : "(none)");
    return buf;
}

static const char *ext_text(const struct fc_list *exts, const char *name, const char *key)
{
    /* the text of ext <name>, or of <postmeta> whose meta_key is key */
    for (const struct fc_ext *e = exts->first; e; e = e->next) {
        if (!e->name || strcmp(e->name, name) != 0)
            continue;
        if (!key)
            return e->children.first ? ((struct fc_ext *)e->children.first)->value : NULL;
        const struct fc_ext *k = e->children.first, *v = k ? k->next : NULL;
        const struct fc_ext *kt = k ? k->children.first : NULL;
        if (kt && kt->value && strcmp(kt->value, key) == 0)
            return v && v->children.first ? ((struct fc_ext *)v->children.first)->value : "";
    }
    return NULL;
}

static bool contains(const char *s, const char *what)
{
    return s && strstr(s, what);
}

/* ---- detection ---------------------------------------------------------------- */

static const char *detect(const char *xml)
{
    struct fc_input *in = NULL;
    struct fc_error err;
    const struct fc_format *f = NULL;
    if (fc_input_open_memory(xml, strlen(xml), "t", &in, &err) == FC_OK)
        fc_format_detect(in, &f, &err);
    fc_input_close(in);
    return f ? f->name : "(none)";
}

static void test_detection(void)
{
    CHECK_STR("detect: wxr_version under rss with the export namespace",
              detect("<?xml version=\"1.0\"?>\n<rss version=\"2.0\" "
                     "xmlns:wp=\"http://wordpress.org/export/1.2/\"><channel><title>t</title>"
                     "<wp:wxr_version>1.2</wp:wxr_version></channel></rss>"),
              "wxr");
    CHECK_STR("detect: https and any version, any prefix",
              detect("<rss xmlns:w=\"https://wordpress.org/export/9.9/\"><channel><w:wxr_version>"
                     "1.1</w:wxr_version></channel></rss>"),
              "wxr");
    CHECK_STR("detect: the namespace without wxr_version is RSS",
              detect("<rss version=\"2.0\" xmlns:wp=\"http://wordpress.org/export/1.2/\">"
                     "<channel><title>t</title></channel></rss>"),
              "rss");
    CHECK_STR("detect: a WordPress feed is RSS",
              detect("<rss version=\"2.0\"><channel><title>t"
                     "</title></channel></rss>"),
              "rss");
    CHECK_STR("detect: the excerpt namespace does not count",
              detect("<rss xmlns:wp=\"http://wordpress.org/export/1.2/excerpt/\"><channel>"
                     "<wp:wxr_version>1.2</wp:wxr_version></channel></rss>"),
              "rss");
    static const char u1[] = "http://wordpress.org/export/1.2/",
                      u2[] = "https://wordpress.org/export/1.0",
                      u3[] = "http://wordpress.org/export/1.1/excerpt/",
                      u4[] = "http://wordpress.org/export/",
                      u5[] = "http://example.org/export/1.2/";
    CHECK_INT("namespace: 1.2", fc_wxr_ns_kind(u1, strlen(u1)), WXR_WP);
    CHECK_INT("namespace: https, no slash", fc_wxr_ns_kind(u2, strlen(u2)), WXR_WP);
    CHECK_INT("namespace: excerpt", fc_wxr_ns_kind(u3, strlen(u3)), WXR_EXCERPT);
    CHECK_INT("namespace: no version", fc_wxr_ns_kind(u4, strlen(u4)), WXR_OTHER);
    CHECK_INT("namespace: another host", fc_wxr_ns_kind(u5, strlen(u5)), WXR_OTHER);
}

/* ---- WXR 1.2 ----------------------------------------------------------------- */

static void test_site_channel(const struct fc_feed *f, const struct warns *ws)
{
    CHECK_STR("1.2: format", f->format, "wxr 1.2");
    CHECK_INT("1.2: a site", f->is_site, 1);
    CHECK_STR("1.2: title", f->title.value, "Riverbank Journal");
    CHECK_STR("1.2: home", f->home_url, "https://river.example.org");
    CHECK_STR("1.2: description, entities decoded", f->subtitle.value,
              "Canals, locks & slow boats");
    CHECK_INT("1.2: description is text", f->subtitle.type, FC_TEXT);
    CHECK_STR("1.2: language", f->language, "en-GB");
    CHECK_STR("1.2: generator", f->generator.name, "WordPress");
    CHECK_STR("1.2: generator version", f->generator.version, "6.8.2");
    CHECK_STR("1.2: generator uri", f->generator.uri, "https://wordpress.org/");
    CHECK_INT("1.2: authors", f->authors.count, 2);
    struct fc_person *a = nth(&f->authors, 1);
    CHECK_STR("1.2: author display name", a ? a->name : NULL, "Sam O'Neil & Friends");
    CHECK("1.2: no author e-mail without keep-private", a && !a->email);
    CHECK_INT("1.2: terms (no nav_menu)", f->categories.count, 6);
    struct fc_tag *t = nth(&f->categories, 1);
    CHECK_STR("1.2: term name", t ? t->term : NULL, "Canals");
    CHECK_STR("1.2: term taxonomy", t ? t->scheme : NULL, "category");
    CHECK_STR("1.2: term slug", t ? t->slug : NULL, "canals");
    t = nth(&f->categories, 5);
    CHECK_STR("1.2: custom taxonomy", t ? t->scheme : NULL, "region");
    CHECK_STR("1.2: base_site_url kept", ext_text(&f->exts, "base_site_url", NULL),
              "https://river.example.org");
    CHECK_INT("1.2: menu items (drafts, orphans, no menu left out)", f->menus.count, 4);
    struct fc_menu_item *m = nth(&f->menus, 0);
    if (m) {
        CHECK_STR("menu: its menu", m->menu, "primary");
        CHECK_STR("menu: id", m->id, "401");
        CHECK_STR("menu: an empty label is the page's title", m->name, "About the river");
        CHECK_STR("menu: a page's address", m->url, "https://river.example.org/about/");
        CHECK_STR("menu: the page's id", m->post_id, "https://river.example.org/?page_id=103");
        CHECK_INT("menu: weight", m->weight, 1);
    }
    m = nth(&f->menus, 1);
    CHECK_STR("menu: a child's parent", m ? m->parent_id : NULL, "401");
    CHECK_STR("menu: a custom link", m ? m->url : NULL, "https://maps.example.com/river");
    m = nth(&f->menus, 2);
    CHECK_STR("menu: a category's label", m ? m->name : NULL, "Canals");
    CHECK_STR("menu: a category's address", m ? m->url : NULL,
              "https://river.example.org/category/canals/");
    m = nth(&f->menus, 3);
    CHECK_STR("menu: a post's address", m ? m->url : NULL,
              "https://river.example.org/2024/05/12/down-the-canal/");
    CHECK_STR("menu: a post's own label", m ? m->name : NULL, "Canal trip");
    CHECK("warn: menu item in no menu", contains(ws->all, "menu item 407 is in no menu"));
    CHECK("warn: WordPress's own items counted once",
          contains(ws->all, "4 items of WordPress's own (no content) left out: revision 1, "
                            "custom_css 1, auto-draft 1, wp_block 1"));
    CHECK("warn: trash counted", contains(ws->all, "1 trashed item left out"));
    CHECK("warn: menu extras", contains(ws->all, "1 menu item: link target"));
    CHECK("warn: comments left out counted", contains(ws->all, "3 comments left out"));
}

static void test_site_classic(const struct fc_feed *f, const struct warns *ws)
{
    char buf[48];
    struct fc_post *p = post_by_id(f, "https://river.example.org/?p=101");
    CHECK("1.2 post 101: read", p != NULL);
    if (!p)
        return;
    CHECK_INT("101: guid is no permalink", p->id_is_permalink, 0);
    CHECK_STR("101: url", p->url, "https://river.example.org/2024/05/12/down-the-canal/");
    CHECK_STR("101: title as written (5.7+: raw HTML)", p->title.value,
              "Down the canal &amp; back");
    CHECK_INT("101: title is HTML", p->title.type, FC_HTML);
    CHECK_STR("101: published with its offset", time_str(&p->published, buf),
              "2024-05-12T09:30:00+01:00");
    CHECK_STR("101: updated", time_str(&p->updated, buf), "2024-05-20T18:00:00+01:00");
    CHECK_STR("101: slug", p->slug, "down-the-canal");
    CHECK("101: a post has no kind", p->kind == NULL);
    CHECK_INT("101: published", p->draft, 0);
    CHECK_INT("101: sticky", p->sticky, 1);
    struct fc_person *a = p->authors.first;
    CHECK_STR("101: author by login", a ? a->name : NULL, "River Editor");
    CHECK("101: no e-mail", a && !a->email);
    CHECK_INT("101: terms", p->categories.count, 5);
    struct fc_tag *t = nth(&p->categories, 4);
    CHECK_STR("101: post format kept as its taxonomy", t ? t->scheme : NULL, "post_format");
    CHECK_STR("101: term slug", t ? t->slug : NULL, "post-format-video");
    CHECK_STR("101: featured image", p->image,
              "https://river.example.org/wp-content/uploads/2024/05/bridge.jpg");
    CHECK_INT("101: enclosure, and [video]'s source ([audio]'s is the enclosure)",
              p->attachments.count, 2);
    struct fc_media *md = p->attachments.first;
    if (md) {
        CHECK_STR("101: enclosure url", md->url,
                  "https://river.example.org/wp-content/uploads/2024/05/horn.mp3");
        CHECK_INT("101: enclosure length", md->length, 48213);
        CHECK_STR("101: enclosure type", md->type, "audio/mpeg");
    }
    CHECK_INT("101: aliases", p->aliases.count, 4);
    struct fc_alias *al = nth(&p->aliases, 1);
    CHECK_STR("101: ?p=ID", al ? al->url : NULL, "https://river.example.org/?p=101");
    al = nth(&p->aliases, 2);
    CHECK_STR("101: an old slug", al ? al->url : NULL,
              "https://river.example.org/2024/05/12/down-the-ditch/");
    CHECK_STR("101: summary (wpautop'd excerpt)", p->summary.value,
              "<p>A day on the <em>Hatton flight</em>.</p>\n");
    CHECK_INT("101: summary is HTML", p->summary.type, FC_HTML);
    CHECK_INT("101: comments kept", p->comments.count, 5);
    CHECK_INT("101: comment count", p->comment_count, 5);
    struct fc_comment *c = p->comments.first;
    if (c) {
        CHECK_STR("comment: id", c->id, "501");
        CHECK("comment: top level", c->parent_id == NULL);
        CHECK_STR("comment: author", c->author.name, "Alice Weaver");
        CHECK_STR("comment: author url", c->author.url, "https://alice.example.net");
        CHECK("comment: no e-mail, no IP", !c->author.email && !c->author_ip);
        CHECK_STR("comment: published", time_str(&c->published, buf), "2024-05-12T10:05:00+01:00");
        CHECK_STR("comment: wpautop'd", c->content_html,
                  "<p>Lovely pictures.<br />\nWhich lock was the deepest?</p>\n");
        CHECK_INT("comment: a reader's", c->kind, FC_COMMENT_REPLY);
    }
    c = nth(&p->comments, 1);
    CHECK_STR("comment: a reply", c ? c->parent_id : NULL, "501");
    CHECK_STR("comment: author entities", c ? c->author.name : NULL, "Sam O'Neil & Friends");
    c = nth(&p->comments, 2);
    CHECK_INT("comment: pingback", c ? (int)c->kind : -1, FC_COMMENT_PINGBACK);
    CHECK_STR("comment: pingback's title decoded", c ? c->author.name : NULL,
              "Boat Blog \xC2\xBB Flights of locks");
    c = nth(&p->comments, 3);
    CHECK_INT("comment: trackback", c ? (int)c->kind : -1, FC_COMMENT_TRACKBACK);
    c = nth(&p->comments, 4);
    CHECK_STR("comment: a reply to spam", c ? c->id : NULL, "507");
    CHECK("comment: ... is at the top", c && !c->parent_id);
    CHECK_STR("101: post id kept", ext_text(&p->exts, "post_id", NULL), "101");
    CHECK_STR("101: comment_status kept", ext_text(&p->exts, "comment_status", NULL), "open");
    CHECK_STR("101: other meta kept", ext_text(&p->exts, "postmeta", "mood"), "calm");
    CHECK("101: used meta not kept", !ext_text(&p->exts, "postmeta", "_thumbnail_id"));
    const char *h = p->content_html;
    CHECK("101: single newline is <br />",
          contains(h, "the water<br />\nand the ducks kept their own timetable.</p>"));
    CHECK("101: [caption]", contains(h, "<figcaption>The old bridge at Hatton</figcaption>"));
    CHECK("101: old caption=", contains(h, "<figcaption>Lock gates, closed</figcaption>"));
    CHECK("101: more", contains(h, "</figure>\n<!--more-->\n<p>Twenty-one"));
    CHECK("101: gallery of ids",
          contains(h, "<figure class=\"gallery gallery-columns-2\">\n<figure "
                      "class=\"gallery-item\"><a href=\"https://river.example.org/wp-content/"
                      "uploads/2024/05/lock-scaled.jpg\">"));
    CHECK("101: gallery of the post's images",
          contains(h, "<a href=\"https://river.example.org/2024/05/12/down-the-canal/lock/\">"
                      "<img src=\"https://river.example.org/wp-content/uploads/2024/05/"
                      "lock-150x150.jpg\" alt=\"Lock gates\" /></a>"));
    CHECK("101: YouTube line",
          contains(h, "<iframe src=\"https://www.youtube.com/embed/Xyz_12-abc\""));
    CHECK("101: Vimeo paragraph",
          contains(h, "\n<iframe src=\"https://player.vimeo.com/video/76979871\""));
    CHECK("101: other URL a link",
          contains(h, "<p><a href=\"https://example.net/canal-map\">https://example.net/"
                      "canal-map</a></p>"));
    CHECK("101: SyntaxHighlighter, encoded",
          contains(h, "<pre><code class=\"language-python\">print(1 &lt; 2 and \"ok\")\n</code>"));
    CHECK("101: [php]", contains(h, "<pre><code class=\"language-php\">echo \"&amp;\" . $crew;"));
    CHECK("101: Crayon", contains(h, "<pre><code class=\"language-javascript\">let n = 0;"));
    CHECK("101: Enlighter", contains(h, "<pre><code class=\"language-bash\">ls -l &amp;&amp; pwd"));
    CHECK("101: audio", contains(h, "<audio controls src=\"https://river.example.org/wp-content/"
                                    "uploads/2024/05/horn.mp3\"></audio>"));
    CHECK("101: video", contains(h, "<video controls src=\"https://river.example.org/wp-content/"
                                    "uploads/2024/05/lock.mp4\" poster="));
    CHECK("101: escaped shortcode", contains(h, "type [caption] in the editor"));
    CHECK("101: unknown shortcode kept",
          contains(h, "[contact-form-7 id=\"5\" title=\"Contact\"]"));
    CHECK("101: no shortcode left", !contains(h, "[gallery") && !contains(h, "[/caption]"));
    CHECK("101: unknown shortcode warned with its line",
          contains(ws->all, "123: post 101: unknown shortcode [contact-form-7] kept as written"));
}

static void test_site_blocks(const struct fc_feed *f, const struct warns *ws)
{
    char buf[48];
    struct fc_post *p = post_by_id(f, "https://river.example.org/?p=102");
    CHECK("1.2 post 102: read", p != NULL);
    if (!p)
        return;
    CHECK_STR("102: summer offset", time_str(&p->published, buf), "2024-06-02T16:45:00+01:00");
    CHECK_STR("102: author", p->authors.first ? ((struct fc_person *)p->authors.first)->name : NULL,
              "Sam O'Neil & Friends");
    const char *h = p->content_html;
    CHECK("102: no delimiter left", !contains(h, "<!-- wp:") && !contains(h, "<!-- /wp:"));
    CHECK("102: no wpautop: the newline stays",
          contains(h, "</sup>,\nso this line break is only white space"));
    CHECK("102: footnote numbered by the meta",
          contains(h, "id=\"a1b2c3d4-0000-4000-8000-000000000002-link\">2</a></sup>"));
    CHECK("102: footnotes listed",
          contains(h, "<ol class=\"footnotes\"><li id=\"a1b2c3d4-0000-4000-8000-000000000001\">"
                      "Paragraph blocks are <em>never</em>"));
    CHECK("102: heading without theme class", contains(h, "<h3>At the lock</h3>"));
    CHECK("102: image alt from the attachment", contains(h, "alt=\"Lock gates\""));
    CHECK("102: more", contains(h, "<!--more-->\n"));
    CHECK("102: code language from attrs",
          contains(h, "<pre><code class=\"language-rust\">fn main"));
    CHECK("102: code language from the class", contains(h, "<pre><code class=\"language-go\">"));
    CHECK("102: gallery block", contains(h, "<figure class=\"gallery\">\n<figure><img"));
    CHECK("102: old gallery rebuilt", contains(h, "<figure class=\"gallery gallery-columns-2\">"));
    CHECK("102: embed with its caption",
          contains(h, "<figure><iframe src=\"https://www.youtube.com/embed/Q8mEk1-2_aZ\""));
    CHECK("102: core-embed/vimeo", contains(h, "https://player.vimeo.com/video/22439234"));
    CHECK("102: html block as is", contains(h, "High water <b>06:12</b>\nlow water"));
    CHECK(
        "102: syntaxhighlighter block",
        contains(h, "<pre><code class=\"language-javascript\">console.log(\"aye\" &amp;&amp; 1);"));
    CHECK("102: enlighter block",
          contains(h, "<pre><code class=\"language-php\">echo $a &lt;=&gt;"));
    CHECK("102: reusable block", contains(h, "<p>Fair winds, the <em>Journal</em>.</p>"));
    CHECK("102: unknown block's HTML kept", contains(h, "<div class=\"acme-box\">"));
    CHECK("warn: missing reusable block",
          contains(ws->all, "post 102: reusable block 999 is not in the export"));
    CHECK("warn: dynamic block",
          contains(ws->all, "post 102: block core/latest-posts has no saved HTML"));
    CHECK("warn: bad attributes",
          contains(ws->all, "block core/paragraph has attributes that are not a JSON object"));
    CHECK_STR("102: featured image", p->image,
              "https://river.example.org/wp-content/uploads/2024/05/lock-scaled.jpg");
}

static void test_site_others(const struct fc_feed *f, const struct warns *ws)
{
    char buf[48];
    CHECK_INT("1.2: posts (trash, revisions, attachments, menus, blocks left out)", f->posts.count,
              11);
    struct fc_post *p = post_by_id(f, "https://river.example.org/?page_id=104");
    CHECK_STR("104: a page", p ? p->kind : NULL, "page");
    CHECK_STR("104: its parent", p ? p->parent_id : NULL, "https://river.example.org/?page_id=103");
    CHECK_INT("104: menu order", p ? p->weight : -1, 2);
    CHECK_STR("104: ?page_id alias",
              p && p->aliases.first ? ((struct fc_alias *)nth(&p->aliases, 1))->url : NULL,
              "https://river.example.org/?page_id=104");
    CHECK("warn: password", contains(ws->all, "page 104: password-protected"));
    /* a parent_id is its parent's id: one rule for both (fc_wxr_post_id) */
    int parents = 0, found = 0;
    for (const struct fc_post_item *it = f->posts.first; it; it = it->next)
        if (it->post->parent_id) {
            parents++;
            found += post_by_id(f, it->post->parent_id) != NULL;
        }
    CHECK("1.2: every parent_id is the id of a post of the export",
          parents > 0 && found == parents);
    p = post_by_id(f, "https://river.example.org/?page_id=105");
    CHECK("105: a missing parent: none", p && !p->parent_id);
    CHECK("warn: missing parent", contains(ws->all, "page 105: its parent (post 998) is not in"));
    p = post_by_id(f, "https://river.example.org/?p=106");
    CHECK_INT("106: draft", p ? p->draft : -1, 1);
    CHECK("106: no address for a draft's preview link", p && !p->url);
    CHECK_STR("106: slug from the title", p ? p->slug : NULL, "notes-for-later-part-2");
    CHECK_STR("106: local date without a zone", p ? time_str(&p->published, buf) : NULL,
              "2025-02-20T18:05:00");
    CHECK_INT("106: floating", p ? p->published.zone : -1, FC_ZONE_NONE);
    CHECK("warn: no GMT date", contains(ws->all, "post 106: no GMT date"));
    p = post_by_id(f, "https://river.example.org/?p=107");
    CHECK_INT("107: future is published", p ? p->draft : -1, 0);
    CHECK_STR("107: ahead", p ? time_str(&p->published, buf) : NULL, "2031-01-01T09:00:00+00:00");
    CHECK("warn: future", contains(ws->all, "post 107: scheduled"));
    p = post_by_id(f, "https://river.example.org/?p=108");
    CHECK("108: private is a private draft", p && p->draft == 1 && p->private_post == 1);
    p = post_by_id(f, "https://river.example.org/?p=110");
    CHECK("110: both dates zero: no date", p && !fc_time_present(&p->published));
    CHECK("warn: no date", contains(ws->all, "post 110: no date"));
    p = post_by_id(f, "https://river.example.org/?p=111");
    CHECK_STR("111: slug percent-decoded", p ? p->slug : NULL, "\xE6\xB2\xB3-the-long-way");
    CHECK("111: pages joined",
          p && contains(p->content_html, "<p>Still on page one.</p>\n<hr />\n<p>Page two"));
    p = post_by_id(f, "https://river.example.org/?post_type=recipe&p=112");
    CHECK_STR("112: a custom type", p ? p->kind : NULL, "recipe");
    CHECK_INT("112: its order", p ? p->weight : -1, 5);
}

static void test_site(void)
{
    struct fc_options o;
    struct warns ws;
    opts(&o, &ws);
    struct fc_feed *f = read_fx("wxr-1.2-site", &o);
    CHECK("1.2: read", f != NULL);
    if (!f)
        return;
    test_site_channel(f, &ws);
    test_site_classic(f, &ws);
    test_site_blocks(f, &ws);
    test_site_others(f, &ws);
    fc_feed_free(f);

    opts(&o, &ws);
    o.flags |= FC_OPT_KEEP_PRIVATE;
    f = read_fx("wxr-1.2-site", &o);
    struct fc_post *p = post_by_id(f, "https://river.example.org/?p=101");
    struct fc_comment *c = p ? p->comments.first : NULL;
    CHECK_STR("keep-private: commenter e-mail", c ? c->author.email : NULL, "alice@example.net");
    CHECK_STR("keep-private: commenter IP", c ? c->author_ip : NULL, "192.0.2.11");
    struct fc_person *a = p ? p->authors.first : NULL;
    CHECK_STR("keep-private: author e-mail", a ? a->email : NULL, "editor@river.example.org");
    fc_feed_free(f);
}

/* ---- WXR 1.0, 1.1 -------------------------------------------------------------- */

static void test_legacy(void)
{
    struct fc_options o;
    struct warns ws;
    char buf[48];
    opts(&o, &ws);
    struct fc_feed *f = read_fx("wxr-1.0-legacy", &o);
    CHECK("1.0: read", f != NULL);
    if (!f)
        return;
    CHECK_STR("1.0: format", f->format, "wxr 1.0");
    CHECK_INT("1.0: authors from dc:creator", f->authors.count, 2);
    struct fc_person *a = nth(&f->authors, 1);
    CHECK_STR("1.0: creator's entities decoded", a ? a->name : NULL, "Jo Smith & Son");
    CHECK_STR("1.0: duplicate generator: the first", f->generator.version, "2.9.2");
    /* beans' parent written by name ("Crops"), kept as its slug */
    const struct fc_ext *e = f->exts.first;
    while (e && !(e->name && !strcmp(e->name, "category")))
        e = e->next;
    const struct fc_ext *par = e ? nth(&e->children, 1) : NULL;
    CHECK_STR("1.0: parent by name resolved to a slug",
              par && par->children.first ? ((struct fc_ext *)par->children.first)->value : NULL,
              "crops");
    CHECK_INT("1.0: posts", f->posts.count, 5);
    struct fc_post *p = post_by_id(f, "http://plot.example.net/?p=21");
    CHECK_STR("1.0: a draft's pubDate -0001 ignored: its local date",
              p ? time_str(&p->published, buf) : NULL, "2010-05-30T20:45:10");
    CHECK_STR("1.0: slug from the title", p ? p->slug : NULL, "seed-list");
    p = post_by_id(f, "http://plot.example.net/?p=8");
    CHECK("1.0 post 8: read", p != NULL);
    if (p) {
        CHECK_STR("1.0: title entities", p->title.value, "First beans & peas");
        CHECK_INT("1.0: old-style duplicates dropped", p->categories.count, 3);
        struct fc_tag *t = nth(&p->categories, 1);
        CHECK_STR("1.0: domain tag is post_tag", t ? t->scheme : NULL, "post_tag");
        CHECK_STR("1.0: its slug", t ? t->slug : NULL, "compost");
        CHECK_STR("1.0: featured image before its post", p->image,
                  "http://plot.example.net/wp-content/uploads/2010/05/beans.jpg");
        CHECK("1.0: [gallery] of the attachment that came first",
              contains(p->content_html,
                       "beans-150x150.jpg\" alt=\"\" /></a><figcaption>Broad beans "
                       "in flower</figcaption>"));
        CHECK_INT("1.0: exported spam dropped", p->comments.count, 3);
        struct fc_comment *c = nth(&p->comments, 2);
        CHECK_STR("1.0: \"] \" at the end of CDATA", c ? c->content_html : NULL,
                  "<p>[...] early pods on the allotment [...]</p>\n");
        CHECK_STR("1.0: old slug alias",
                  p->aliases.count == 3 ? ((struct fc_alias *)nth(&p->aliases, 2))->url : NULL,
                  "http://plot.example.net/2010/05/16/first-beans-and-peas/");
    }
    p = post_by_id(f, "http://plot.example.net/?p=12");
    CHECK_STR("1.0: author by display name",
              p && p->authors.first ? ((struct fc_person *)p->authors.first)->name : NULL,
              "Jo Smith & Son");
    struct fc_tag *w = p ? nth(&p->categories, 1) : NULL;
    CHECK("1.0: an old-style category alone is kept", w && !strcmp(w->term, "Weather") && !w->slug);
    p = post_by_id(f, "http://plot.example.net/?page_id=3");
    CHECK_STR("1.0: page parent", p ? p->parent_id : NULL, "http://plot.example.net/?page_id=2");
    fc_feed_free(f);

    opts(&o, &ws);
    f = read_fx("wxr-1.1-https-namespace", &o);
    CHECK("1.1 https: read", f != NULL);
    CHECK_STR("1.1 https: format", f ? f->format : NULL, "wxr 1.1");
    p = f ? post_by_id(f, "https://lights.example.com/?p=40") : NULL;
    CHECK_STR("1.1 https: author by login",
              p && p->authors.first ? ((struct fc_person *)p->authors.first)->name : NULL,
              "The Keeper");
    CHECK("1.1 https: [code lang=c]",
          p && contains(p->content_html, "<pre><code class=\"language-c\">gust++;\n"));
    CHECK_STR("1.1 https: UTC offset", p ? time_str(&p->published, buf) : NULL,
              "2011-02-14T22:00:00+00:00");
    p = f ? post_by_id(f, "https://lights.example.com/?p=41") : NULL;
    CHECK_STR("1.1 https: summer offset", p ? time_str(&p->published, buf) : NULL,
              "2011-06-15T22:00:00+01:00");
    CHECK_INT("1.1 https: no warnings", ws.n, 0);
    fc_feed_free(f);
}

/* ---- small exports ---------------------------------------------------------------- */

static struct fc_feed *read_mem(const char *xml, struct fc_options *o, enum fc_status *st,
                                struct fc_error *err)
{
    struct fc_feed *f = NULL;
    *st = tl_read_mem(xml, strlen(xml), "t.xml", fc_format_find("wxr"), o, &f, err);
    return f;
}

#define HEAD(ns, v)                                                                                \
    "<rss version=\"2.0\" xmlns:wp=\"" ns "\" xmlns:content=\"http://purl.org/rss/1.0/modules/"    \
    "content/\"><channel><title>t</title><link>https://s.example</link><wp:wxr_version>" v         \
    "</wp:wxr_version>"
#define ITEM(id, body, meta)                                                                       \
    "<item><title>T</title><guid isPermaLink=\"false\">https://s.example/?p=" id                   \
    "</guid><content:encoded><![CDATA[" body "]]></content:encoded><wp:post_id>" id                \
    "</wp:post_id><wp:post_date>2024-01-01 10:00:00</wp:post_date><wp:post_date_gmt>2024-01-01 "   \
    "10:00:00</wp:post_date_gmt><wp:status>publish</wp:status><wp:post_type>post</"                \
    "wp:post_type>" meta "</item>"
#define TAIL "</channel></rss>"

static void test_small(void)
{
    struct fc_options o;
    struct warns ws;
    struct fc_error err = {0};
    enum fc_status st;
    opts(&o, &ws);
    struct fc_feed *f = read_mem(HEAD("http://wordpress.org/export/1.2/", "1.1")
                                     ITEM("1", "a]]]]><![CDATA[>b",
                                          "<wp:postmeta><wp:meta_key>k</wp:meta_key>"
                                          "<wp:meta_value><![CDATA[x] ]]></wp:meta_value>"
                                          "</wp:postmeta>") TAIL,
                                 &o, &st, &err);
    CHECK_INT("mixed: 1.2 namespace, version 1.1 reads", st, FC_OK);
    struct fc_post *p = f ? tl_post_at(f, 0) : NULL;
    CHECK_STR("CDATA split around ]]>", p ? p->content_html : NULL, "<p>a]]>b</p>\n");
    CHECK_STR("before 1.2: \"] \" loses its space", p ? ext_text(&p->exts, "postmeta", "k") : NULL,
              "x]");
    fc_feed_free(f);
    f = read_mem(HEAD("http://wordpress.org/export/1.2/", "1.2")
                     ITEM("1", "x",
                          "<wp:postmeta><wp:meta_key>k</wp:meta_key><wp:meta_value>"
                          "<![CDATA[x] ]]></wp:meta_value></wp:postmeta>") TAIL,
                 &o, &st, &err);
    p = f ? tl_post_at(f, 0) : NULL;
    CHECK_STR("1.2: \"] \" kept", p ? ext_text(&p->exts, "postmeta", "k") : NULL, "x] ");
    fc_feed_free(f);
    f = read_mem(HEAD("http://wordpress.org/export/1.3/", "1.3") ITEM("1", "x", "") TAIL, &o, &st,
                 &err);
    CHECK_INT("1.3: read", st, FC_OK);
    CHECK("1.3: with a warning", contains(ws.all, "WXR 1.3 is newer than 1.2"));
    fc_feed_free(f);
    f = read_mem("<rss version=\"2.0\"><channel><title>t</title><item><title>x</title></item>"
                 "</channel></rss>",
                 &o, &st, &err);
    CHECK_INT("RSS read as WXR: not an export", st, FC_EFORMAT);
    CHECK("... says so", contains(err.message, "no wp:wxr_version before the first item"));
    fc_feed_free(f);
    f = read_mem("<feed xmlns=\"http://www.w3.org/2005/Atom\"/>", &o, &st, &err);
    CHECK_INT("Atom read as WXR", st, FC_EFORMAT);
    fc_feed_free(f);
    f = read_mem(HEAD("http://wordpress.org/export/1.2/", "1.2") "<item><title>cut", &o, &st, &err);
    CHECK_INT("truncated export: a parse error", st, FC_EPARSE);
    fc_feed_free(f);
    /* parents without a guid: the link, else the "?page_id=" address, as
     * the parent's own id; pages 3 and 4 point at them */
#define PAGE(id, guid, link, parent)                                                               \
    "<item><title>P" id "</title>" guid link "<wp:post_id>" id "</wp:post_id>"                     \
    "<wp:post_date_gmt>2024-01-01 10:00:00</wp:post_date_gmt><wp:status>publish</wp:status>"       \
    "<wp:post_parent>" parent "</wp:post_parent><wp:post_type>page</wp:post_type></item>"
    f = read_mem(HEAD("http://wordpress.org/export/1.2/",
                      "1.2") "<wp:base_site_url>https://"
                             "s.example</wp:base_site_url><wp:base_blog_url>https://s.example</"
                             "wp:base_blog_url>" PAGE("1", "<guid> </guid>",
                                                      "<link>https://s.example/one/</link>",
                                                      "0") PAGE("2", "", "<link></link>", "0")
                                 PAGE("3", "<guid>g3</guid>", "", "1") PAGE("4", "", "", "2") TAIL,
                 &o, &st, &err);
#undef PAGE
    CHECK_STR("no guid: the link is the id", f ? tl_post_at(f, 0)->id : NULL,
              "https://s.example/one/");
    CHECK_STR("... and the child's parent_id", f ? tl_post_at(f, 2)->parent_id : NULL,
              "https://s.example/one/");
    CHECK_STR("no guid, no link: the ?page_id= address", f ? tl_post_at(f, 1)->id : NULL,
              "https://s.example/?page_id=2");
    CHECK_STR("... and the child's parent_id", f ? tl_post_at(f, 3)->parent_id : NULL,
              "https://s.example/?page_id=2");
    fc_feed_free(f);
    /* What the spool writes and reads back: references for a tab, newline
     * and carriage return in an attribute and a carriage return in text,
     * a comment and a PI, UTF-8, long text with markup (made CDATA), and
     * an entity reference (its item left to xmlNodeDump). */
    f = read_mem("<!DOCTYPE rss [<!ENTITY co \"Co &#38;amp; Sons\">]>" HEAD(
                     "http://wordpress.org/export/1.2/", "1.2")
                     ITEM("1", "x",
                          "<foo:bar xmlns:foo=\"urn:x\" a=\"1&#9;2&#10;3&#13;\">v&#13;w "
                          "\xC3\xBC<!-- c --><?pi d?></foo:bar><foo:long xmlns:foo=\"urn:x\">"
                          "&lt;b&gt;bold&lt;/b&gt; &amp; a text long enough to be written "
                          "as CDATA in the spool</foo:long>")
                         ITEM("2", "y", "<foo:bar xmlns:foo=\"urn:x\">&co; \xC3\xBC</foo:bar>")
                             TAIL,
                 &o, &st, &err);
    p = f ? tl_post_at(f, 0) : NULL;
    const struct fc_ext *bar = NULL;
    for (const struct fc_ext *e = p ? p->exts.first : NULL; e && !bar; e = e->next)
        bar = e->name && !strcmp(e->name, "bar") ? e : NULL;
    const struct fc_attr *attr = bar ? bar->attrs.first : NULL;
    CHECK_STR("spool: an attribute's tab, newline and CR", attr ? attr->value : NULL, "1\t2\n3\r");
    CHECK_STR("spool: text with a CR and UTF-8", p ? ext_text(&p->exts, "bar", NULL) : NULL,
              "v\rw \xC3\xBC");
    CHECK_STR("spool: long text with markup", p ? ext_text(&p->exts, "long", NULL) : NULL,
              "<b>bold</b> & a text long enough to be written as CDATA in the spool");
    p = f ? tl_post_at(f, 1) : NULL;
    CHECK_STR("spool: an entity reference", p ? ext_text(&p->exts, "bar", NULL) : NULL,
              "Co & Sons \xC3\xBC");
    fc_feed_free(f);
    opts(&o, &ws);
    o.flags |= FC_OPT_STRICT;
    f = read_mem(HEAD("http://wordpress.org/export/1.2/", "1.2") ITEM("1", "[foo-bar x=1]", "")
                     TAIL,
                 &o, &st, &err);
    CHECK_INT("strict: a warning fails", st, FC_EWARN);
    fc_feed_free(f);
}

/* An export whose spool goes to disk (more than 4 MB), its pages' parents
 * and its menu's target at the other end of it. */
static void test_big(void)
{
    struct fc_buf b;
    fc_buf_init(&b);
    fc_buf_puts(&b, HEAD("http://wordpress.org/export/1.2/", "1.2"));
    fc_buf_puts(&b, "<item><title>Home</title><link>https://s.example/menu</link><wp:post_id>1"
                    "</wp:post_id><wp:status>publish</wp:status><wp:post_type>nav_menu_item"
                    "</wp:post_type><category domain=\"nav_menu\" nicename=\"main\">Main</category>"
                    "<wp:postmeta><wp:meta_key>_menu_item_type</wp:meta_key><wp:meta_value>"
                    "post_type</wp:meta_value></wp:postmeta><wp:postmeta><wp:meta_key>"
                    "_menu_item_object_id</wp:meta_key><wp:meta_value>3000</wp:meta_value>"
                    "</wp:postmeta></item>");
    for (int i = 2; i <= 3000; i++) {
        fc_buf_printf(&b,
                      "<item><title>Page %d</title><link>https://s.example/p%d/</link><guid "
                      "isPermaLink=\"false\">https://s.example/?page_id=%d</guid><content:encoded>"
                      "<![CDATA[",
                      i, i, i);
        for (int k = 0; k < 30; k++)
            fc_buf_printf(&b, "Paragraph %d of page %d, long enough to fill the spool.\n\n", k, i);
        fc_buf_printf(&b,
                      "]]></content:encoded><wp:post_id>%d</wp:post_id><wp:post_parent>%d"
                      "</wp:post_parent><wp:status>publish</wp:status><wp:post_type>page"
                      "</wp:post_type></item>",
                      i, i == 2 ? 3000 : i - 1);
    }
    fc_buf_puts(&b, TAIL);
    struct fc_options o;
    struct warns ws;
    struct fc_error err = {0};
    struct fc_feed *f = NULL;
    opts(&o, &ws);
    enum fc_status st = tl_read_mem(b.data, b.len, "big.xml", NULL, &o, &f, &err);
    CHECK_INT("big: read", st, FC_OK);
    CHECK("big: more than the 4 MB kept in memory", b.len > (5u << 20));
    CHECK_INT("big: posts", f ? f->posts.count : 0, 2999);
    struct fc_post *p = f ? tl_post_at(f, 0) : NULL;
    CHECK_STR("big: a parent read back from the end of the spool", p ? p->parent_id : NULL,
              "https://s.example/?page_id=3000");
    p = f ? tl_post_at(f, 2998) : NULL;
    CHECK_STR("big: the last post", p ? p->id : NULL, "https://s.example/?page_id=3000");
    CHECK("big: its body", p && contains(p->content_html, "<p>Paragraph 29 of page 3000, long"));
    struct fc_menu_item *m = f ? f->menus.first : NULL;
    CHECK_STR("big: the menu's target from the end", m ? m->url : NULL, "https://s.example/p3000/");
    fc_feed_free(f);
    fc_buf_free(&b);
}

int main(void)
{
    test_detection();
    test_site();
    test_legacy();
    test_small();
    test_big();
    return CHECK_DONE();
}
