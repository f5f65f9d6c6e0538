/*
 * test_atom.c - the Atom reader and writer: fixtures read into the model
 * with field assertions, models written and checked with validate-atom and
 * parse-check (tests/checkers), round trips through the feedconv namespace, errors.
 */
#define _POSIX_C_SOURCE 200809L
#include "check.h"
#include "testlib.h"
#include "internal.h"
#include "syntax/xml_ns.h"

#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef FC_ROOT
#define FC_ROOT "."
#endif
#define FIX FC_ROOT "/fixtures/"
#define CHECKERS FC_ROOT "/tests/checkers"
#define SHARED_VALIDATORS FC_ROOT "/../shared/validators"

/* ---- helpers --------------------------------------------------------- */

struct warns {
    int n;
    char last[512];
    unsigned long line, column; /* of the first warning */
};

static void on_warn(void *ctx, const struct fc_error *w)
{
    struct warns *ws = ctx;
    if (ws->n++ == 0) {
        ws->line = w->line;
        ws->column = w->column;
    }
    snprintf(ws->last, sizeof ws->last, "%s", w->message);
}

static struct fc_feed *read_opts(const char *path, unsigned flags, struct warns *ws,
                                 struct fc_error *err)
{
    struct fc_input *in;
    struct fc_feed *feed = NULL;
    struct fc_options opt;
    fc_options_init(&opt);
    opt.flags = flags;
    opt.warn = on_warn;
    opt.warn_ctx = ws;
    if (fc_input_open(path, &in, err) != FC_OK)
        return NULL;
    if (fc_read(in, fc_format_find("atom"), &opt, &feed, err) != FC_OK)
        feed = NULL;
    fc_input_close(in);
    return feed;
}

static struct fc_feed *read_fixture(const char *name)
{
    char path[512];
    struct fc_error err;
    struct warns ws = {0};
    snprintf(path, sizeof path, FIX "%s/input.xml", name);
    struct fc_feed *f = read_opts(path, 0, &ws, &err);
    if (!f)
        printf("FAIL: read %s: %s\n", name, err.message);
    return f;
}

static struct fc_feed *read_memory(const char *xml, struct fc_error *err)
{
    struct fc_feed *feed = NULL;
    if (tl_read_mem(xml, strlen(xml), "mem.atom", fc_format_find("atom"), NULL, &feed, err) !=
        FC_OK)
        feed = NULL;
    return feed;
}

static struct fc_post *post_at(const struct fc_feed *f, int i)
{
    return tl_post_at(f, i > 0 ? (size_t)i : 0);
}

/* The Atom text of a collected feed (malloc'd) or NULL; *st (may be NULL)
 * gets fc_write's status, *err its error. */
static char *write_atom_opts(const struct fc_feed *f, unsigned flags, struct warns *ws,
                             enum fc_status *st, struct fc_error *err)
{
    struct fc_options opt;
    fc_options_init(&opt);
    opt.flags = flags;
    opt.warn = on_warn;
    opt.warn_ctx = ws;
    return tl_write_mem(f, fc_format_find("atom"), &opt, st, err);
}

/* The Atom text of a collected feed (malloc'd) or NULL. */
static char *write_atom(const struct fc_feed *f, struct warns *ws)
{
    enum fc_status st = FC_OK;
    struct fc_error err = {0};
    char *s = write_atom_opts(f, 0, ws, &st, &err);
    if (st)
        printf("FAIL: write: %s\n", err.message);
    return s;
}

/* Run checker (a path) on file: PASS on exit 0, FAIL on 1 or an error;
 * exit 2 with a missing Debian package named is a SKIP that names it.  A
 * checker that is not required (../shared's) only adds PASS or FAIL. */
static void run_checker(const char *label, const char *checker, const char *file, bool required)
{
    char cmd[1024], out[2048], why[512] = "";
    if (!required && access(checker, X_OK) != 0)
        return;
    snprintf(cmd, sizeof cmd, "%s %s 2>&1", checker, file);
    FILE *p = popen(cmd, "r");
    size_t n = p ? fread(out, 1, sizeof out - 1, p) : 0;
    out[n] = '\0';
    int st = p ? pclose(p) : -1;
    st = st >= 0 && WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    const char *pkg = strstr(out, "(Debian package ");
    if (st == 0) {
        printf("PASS: %s\n", label);
    } else if (st == 2 && pkg && required) {
        const char *from = pkg;
        while (from > out && from[-1] != ':' && from[-1] != '\n')
            from--;
        const char *end = strchr(pkg, ')');
        snprintf(why, sizeof why, "%.*s", (int)(end - from + 1), from + (*from == ' '));
        SKIP(label, why);
    } else if (required || st == 1) {
        printf("FAIL: %s: %s exit %d: %.400s\n", label, checker, st, out);
        check_failures++;
    }
}

/* validate-atom and parse-check (tests/checkers; ../shared's too when it
 * is there) on a document the suite wrote. */
static void validate(const char *name, const char *atom)
{
    char path[] = "/tmp/test_atom_XXXXXX";
    char label[256];
    if (!atom) {
        printf("FAIL: %s: nothing written\n", name);
        check_failures++;
        return;
    }
    int fd = mkstemp(path);
    size_t n = strlen(atom);
    bool ok = fd >= 0 && write(fd, atom, n) == (ssize_t)n;
    if (fd >= 0)
        close(fd);
    snprintf(label, sizeof label, "%s: written to a temporary file", name);
    CHECK(label, ok);
    if (ok) {
        snprintf(label, sizeof label, "%s: validate-atom", name);
        run_checker(label, CHECKERS "/validate-atom", path, true);
        snprintf(label, sizeof label, "%s: validate-atom (shared)", name);
        run_checker(label, SHARED_VALIDATORS "/validate-atom", path, false);
        snprintf(label, sizeof label, "%s: parse-check bozo 0", name);
        run_checker(label, CHECKERS "/parse-check", path, true);
        snprintf(label, sizeof label, "%s: parse-check bozo 0 (shared)", name);
        run_checker(label, SHARED_VALIDATORS "/parse-check", path, false);
    }
    if (fd >= 0)
        unlink(path);
}

static const struct fc_link *link_n(const struct fc_list *l, int i)
{
    const struct fc_link *k = l->first;
    while (k && i-- > 0)
        k = k->next;
    return k;
}

static char *rfc3339(const struct fc_time *t, char *buf)
{
    if (!fc_time_rfc3339(t, buf, 64))
        snprintf(buf, 64, "%s", t->raw ? t->raw : "(none)");
    return buf;
}

/* ---- reader: every construct ------------------------------------------ */

static void test_full(void)
{
    struct fc_feed *f = read_fixture("atom-full");
    char d[64];
    if (!f)
        return;
    CHECK_STR("full: format", f->format, "atom 1.0");
    CHECK_STR("full: id", f->id, "urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6");
    CHECK_STR("full: title html", f->title.value, "Tea &amp; Biscuits");
    CHECK_INT("full: title type", f->title.type, FC_HTML);
    CHECK_STR("full: subtitle", f->subtitle.value, "Notes on brewing");
    CHECK_STR("full: updated offset kept", rfc3339(&f->updated, d), "2024-02-03T10:20:30+01:00");
    CHECK_STR("full: rights", f->rights.value, "© 2024 The Kettle Club");
    CHECK_STR("full: generator", f->generator.name, "KettleGen");
    CHECK_STR("full: generator uri", f->generator.uri, "https://gen.example.com/");
    CHECK_STR("full: generator version", f->generator.version, "2.1");
    CHECK_STR("full: icon", f->icon, "https://tea.example.com/favicon.png");
    CHECK_STR("full: logo", f->image.url, "https://tea.example.com/logo.png");
    CHECK_STR("full: language", f->language, "en-GB");
    CHECK_INT("full: authors", f->authors.count, 2);
    const struct fc_person *a = f->authors.first;
    CHECK_STR("full: author name", a ? a->name : NULL, "Ada Leaf");
    CHECK_STR("full: author uri", a ? a->url : NULL, "https://tea.example.com/ada");
    CHECK_STR("full: author email", a ? a->email : NULL, "ada@tea.example.com");
    CHECK_INT("full: contributors", f->contributors.count, 1);
    const struct fc_tag *t = f->categories.first;
    CHECK_STR("full: category term", t ? t->term : NULL, "tea");
    CHECK_STR("full: category scheme", t ? t->scheme : NULL, "https://tea.example.com/tags");
    CHECK_STR("full: category label", t ? t->label : NULL, "Tea");
    /* the text/html alternate wins over the earlier PDF one */
    CHECK_STR("full: home_url", f->home_url, "https://tea.example.com/");
    CHECK_STR("full: feed_url", f->feed_url, "https://tea.example.com/feed.atom");
    CHECK_STR("full: next_url", f->next_url, "https://tea.example.com/feed.atom?page=2");
    const struct fc_hub *h = f->hubs.first;
    CHECK_STR("full: hub", h ? h->url : NULL, "https://hub.example.net/");
    /* links: the PDF alternate, the chosen one (it has hreflang), license */
    CHECK_INT("full: feed links kept", f->links.count, 3);
    const struct fc_link *l = link_n(&f->links, 0);
    CHECK_STR("full: pdf alternate kept", l ? l->type : NULL, "application/pdf");
    l = link_n(&f->links, 1);
    CHECK_STR("full: hreflang kept", l ? l->hreflang : NULL, "en");
    l = link_n(&f->links, 2);
    CHECK_STR("full: license rel", l ? l->rel : NULL, "license");
    CHECK_STR("full: license title", l ? l->title : NULL, "CC BY");
    const struct fc_ext *e = f->exts.first;
    CHECK_STR("full: feed ext name", e ? e->name : NULL, "point");
    CHECK_STR("full: feed ext ns", e ? e->ns : NULL, "http://example.net/ns/geo#");
    CHECK_STR("full: feed ext attr",
              e && e->attrs.first ? ((struct fc_attr *)e->attrs.first)->value : NULL, "centre");

    CHECK_INT("full: posts", f->posts.count, 2);
    struct fc_post *p = post_at(f, 0);
    if (!p)
        goto out;
    CHECK_STR("full: entry id", p->id, "tag:tea.example.com,2024:post-7");
    CHECK_STR("full: entry title", p->title.value, "Oolong, slowly");
    CHECK_STR("full: published offset", rfc3339(&p->published, d), "2024-02-01T21:15:00-05:00");
    CHECK_STR("full: updated Z", rfc3339(&p->updated, d), "2024-02-02T08:00:00Z");
    CHECK_INT("full: entry authors", p->authors.count, 2);
    CHECK_INT("full: entry contributors", p->contributors.count, 1);
    CHECK_INT("full: entry categories", p->categories.count, 2);
    CHECK_STR("full: rel-less link is the url", p->url, "https://tea.example.com/2024/oolong");
    CHECK_STR("full: related", p->external_url, "https://leaves.example.org/oolong-history");
    CHECK_STR("full: replies html", p->comments_url,
              "https://tea.example.com/2024/oolong#comments");
    CHECK_STR("full: replies feed", p->comments_feed,
              "https://tea.example.com/2024/oolong/comments.atom");
    CHECK_INT("full: thr:total wins", p->comment_count, 5);
    CHECK_INT("full: attachments", p->attachments.count, 2);
    const struct fc_media *m = p->attachments.first;
    CHECK_STR("full: enclosure url", m ? m->url : NULL, "https://cdn.example.com/oolong.mp3");
    CHECK_STR("full: enclosure type", m ? m->type : NULL, "audio/mpeg");
    CHECK_INT("full: enclosure length", m ? m->length : 0, 123456);
    CHECK_STR("full: enclosure title", m ? m->title : NULL, "Podcast");
    /* second alternate (fr), typed replies feed, via */
    CHECK_INT("full: entry links kept", p->links.count, 3);
    l = link_n(&p->links, 0);
    CHECK_STR("full: second alternate kept", l ? l->hreflang : NULL, "fr");
    l = link_n(&p->links, 2);
    CHECK_STR("full: via kept", l ? l->rel : NULL, "via");
    CHECK_STR("full: summary", p->summary.value, "Brew it three times.");
    CHECK_STR("full: content html", p->content_html,
              "<p>Rinse, then <a href=\"https://tea.example.com/steep\">steep</a>.</p>");
    CHECK_STR("full: rights html", p->rights.value, "<b>mine</b>");
    CHECK_INT("full: rights type", p->rights.type, FC_HTML);
    CHECK("full: source", p->source != NULL);
    if (p->source) {
        CHECK_STR("full: source id", p->source->id, "tag:leaves.example.org,2020:feed");
        CHECK_STR("full: source title", p->source->title, "Leaves Weekly");
        CHECK_STR("full: source url", p->source->url, "https://leaves.example.org/feed.atom");
        CHECK_STR("full: source home", p->source->home_url, "https://leaves.example.org/");
        CHECK_STR("full: source updated", rfc3339(&p->source->updated, d), "2023-12-31T23:59:59Z");
    }
    e = p->exts.first;
    CHECK_STR("full: thr:in-reply-to kept", e ? e->name : NULL, "in-reply-to");
    CHECK_STR("full: in-reply-to ns", e ? e->ns : NULL, "http://purl.org/syndication/thread/1.0");
    CHECK_INT("full: entry exts in order", p->exts.count, 2);
    CHECK_STR("full: second ext", e && e->next ? e->next->name : NULL, "point");
    CHECK_INT("full: line of entry", p->line, 31);
    p = post_at(f, 1);
    CHECK_STR("full: text content", p ? p->content_text : NULL, "Just hot water, not boiling.");
    CHECK_STR("full: fraction kept", p ? rfc3339(&p->updated, d) : NULL,
              "2024-01-15T12:00:00.250+05:30");
    CHECK_INT("full: no count", p ? p->comment_count : 0, -1);
    {
        struct warns ws = {0};
        char *atom = write_atom(f, &ws);
        validate("full written", atom);
        free(atom);
    }
out:
    fc_feed_free(f);
}

static void test_xhtml(void)
{
    struct fc_feed *f = read_fixture("atom-xhtml-content");
    if (!f)
        return;
    CHECK_STR("xhtml: feed title", f->title.value, "Pages <em>of</em> notes");
    CHECK_INT("xhtml: feed title type", f->title.type, FC_XHTML);
    struct fc_post *p = post_at(f, 0);
    if (p) {
        CHECK_STR("xhtml: summary", p->summary.value, "A <strong>bold</strong> summary");
        CHECK_INT("xhtml: summary type", p->summary.type, FC_XHTML);
        CHECK_STR("xhtml: content, prefixes gone, URLs resolved", p->content_html,
                  "<p class=\"intro\">One &amp; two<br />three</p>\n        <p><a "
                  "href=\"https://pages.example.com/site/notes/x2\">next</a> <img "
                  "src=\"https://pages.example.com/img/a.png\" alt=\"A\" /> <a "
                  "href=\"#top\">top</a></p>");
        CHECK_STR("xhtml: link resolved", p->url, "https://pages.example.com/site/notes/x1");
    }
    struct warns ws = {0};
    char *atom = write_atom(f, &ws);
    CHECK("xhtml: summary written as xhtml",
          atom && strstr(atom, "<summary type=\"xhtml\">") &&
              strstr(atom, "<div xmlns=\"http://www.w3.org/1999/xhtml\">A <strong>bold"));
    validate("xhtml written", atom);
    free(atom);
    fc_feed_free(f);
}

static void test_xml_base(void)
{
    struct fc_feed *f = read_fixture("atom-xml-base");
    if (!f)
        return;
    CHECK_STR("base: feed base", f->base, "http://base.example.com/a/b/");
    CHECK_STR("base: home", f->home_url, "http://base.example.com/a/b/index.html");
    CHECK_STR("base: self ..", f->feed_url, "http://base.example.com/a/feed.atom");
    CHECK_STR("base: icon absolute path", f->icon, "http://base.example.com/icon.png");
    CHECK_STR("base: logo own base", f->image.url, "http://cdn.example.net/logo.png");
    const struct fc_person *a = f->authors.first;
    CHECK_STR("base: author uri", a ? a->url : NULL, "http://base.example.com/a/b/people/eve");
    struct fc_post *p = post_at(f, 0);
    if (p) {
        CHECK_STR("base: entry base chained", p->base, "http://base.example.com/a/b/2024/04/");
        CHECK_STR("base: entry link", p->url, "http://base.example.com/a/b/2024/04/first.html");
        const struct fc_media *m = p->attachments.first;
        CHECK_STR("base: enclosure", m ? m->url : NULL,
                  "http://base.example.com/a/b/media/first.ogg");
        CHECK_STR("base: html content rewritten, rest byte-identical", p->content_html,
                  "<p><img src=\"http://base.example.com/a/b/2024/04/img/pic.png\"> <a "
                  "href='http://base.example.com/a/b/2024/04/other.html'>o</a> <a "
                  "href=\"http://base.example.com/a/b/2024/04/x.html\">x</a> <a "
                  "href=\"https://abs.example.org/\">abs</a> <a href=\"#frag\">f</a><!-- <a "
                  "href=\"c.html\"> --></p>");
    }
    struct warns ws = {0};
    char *atom = write_atom(f, &ws);
    validate("xml:base written", atom);
    free(atom);
    fc_feed_free(f);

    /* --no-xml-base: everything as written */
    struct fc_error err;
    f = read_opts(FIX "atom-xml-base/input.xml", FC_OPT_NO_XML_BASE, &ws, &err);
    CHECK("base off: read", f != NULL);
    if (!f)
        return;
    CHECK_STR("base off: home", f->home_url, "index.html");
    CHECK_STR("base off: icon", f->icon, "/icon.png");
    p = post_at(f, 0);
    CHECK_STR("base off: entry link", p ? p->url : NULL, "first.html");
    CHECK("base off: content untouched",
          p && p->content_html && strstr(p->content_html, "src=\"pic.png\""));
    fc_feed_free(f);
}

/* The shared HTML URL rewriter (util/html_urls.c) decodes character
 * references before resolving and leaves HTML's raw-text places alone. */
static void test_xml_base_html(void)
{
    struct fc_feed *f = read_fixture("atom-xml-base-html-entities");
    struct fc_post *p = post_at(f, 0);
    CHECK_STR("base html: references decoded, then resolved", p ? p->content_html : NULL,
              "<p><a href=\"&#104;ttps://other.example.net/x\">abs</a> <a "
              "href=\"http://refs.example.org/notes/index.html\">up</a> <a "
              "href=\"http://refs.example.org/notes/2024/search?q=a&amp;n=2\">q</a> <img "
              "src='http://refs.example.org/notes/2024/pic.png'> <a "
              "href=\"http://refs.example.org/notes/2024/a&nbsp;b.html\">named</a></p>");
    fc_feed_free(f);
    f = read_fixture("atom-xml-base-html-raw-text");
    p = post_at(f, 0);
    CHECK_STR("base html: raw text, comments and bogus comments untouched",
              p ? p->content_html : NULL,
              "<textarea><a href=\"t.html\"></textarea><title><img src=\"t.png\"></title><!x "
              "<a href=\"bogus.html\"> ><?pi <a href=\"pi.html\"> ?><a "
              "href=\"http://raw.example.org/site/after.html\">after</a>");
    fc_feed_free(f);
}

static void test_atom03(void)
{
    struct fc_feed *f = read_fixture("atom-03");
    char d[64];
    if (!f)
        return;
    CHECK_STR("0.3: format", f->format, "atom 0.3");
    CHECK_STR("0.3: escaped html title", f->title.value, "Alte &lt;Feeds&gt;");
    CHECK_INT("0.3: title type", f->title.type, FC_HTML);
    CHECK_STR("0.3: tagline", f->subtitle.value, "Noch da");
    CHECK_STR("0.3: copyright", f->rights.value, "Public domain");
    CHECK_STR("0.3: modified", rfc3339(&f->updated, d), "2004-05-06T07:08:09Z");
    CHECK_STR("0.3: generator url", f->generator.uri, "http://gen.example.de/");
    CHECK_STR("0.3: generator", f->generator.name, "OldGen");
    const struct fc_person *a = f->authors.first;
    CHECK_STR("0.3: author url", a ? a->url : NULL, "http://old.example.de/fritz");
    CHECK_STR("0.3: home", f->home_url, "http://old.example.de/");
    CHECK_STR("0.3: info kept", f->exts.first ? ((struct fc_ext *)f->exts.first)->name : NULL,
              "info");
    CHECK_STR("0.3: language", f->language, "de");
    struct fc_post *p = post_at(f, 0);
    if (p) {
        CHECK_STR("0.3: issued", rfc3339(&p->published, d), "2004-05-01T10:00:00+02:00");
        CHECK_STR("0.3: modified entry", rfc3339(&p->updated, d), "2004-05-02T10:00:00Z");
        CHECK_STR("0.3: escaped content", p->content_html, "<p>Hallo <b>Welt</b></p>");
        CHECK_STR("0.3: text/plain summary", p->summary.value, "plain summary");
        CHECK_INT("0.3: summary type", p->summary.type, FC_TEXT);
    }
    p = post_at(f, 1);
    CHECK_STR("0.3: base64 content", p ? p->content_html : NULL, "<p>Grüße</p>");
    p = post_at(f, 2);
    CHECK_STR("0.3: xml mode content", p ? p->content_html : NULL, "<p>Im <i>Baum</i></p>");
    struct warns ws = {0};
    char *atom = write_atom(f, &ws);
    validate("0.3 written as 1.0", atom);
    free(atom);
    fc_feed_free(f);
}

static void test_media(void)
{
    struct fc_feed *f = read_fixture("atom-content-media");
    if (!f)
        return;
    struct fc_post *p = post_at(f, 0);
    CHECK_STR("media: base64 type", p ? p->content_type : NULL, "image/png");
    CHECK_STR("media: base64 kept", p ? p->content_text : NULL, "iVBORw0KGgo=");
    p = post_at(f, 1);
    CHECK_STR("media: src", p ? p->content_src : NULL, "https://media.example.com/paper.pdf");
    CHECK_STR("media: src type", p ? p->content_type : NULL, "application/pdf");
    p = post_at(f, 2);
    CHECK_STR("media: xml type", p ? p->content_type : NULL, "application/vnd.example+xml");
    CHECK("media: xml markup kept",
          p && p->content_text && strstr(p->content_text, "unit=\"C\">21.5</d:reading>"));
    p = post_at(f, 3);
    CHECK_STR("media: text/csv", p ? p->content_text : NULL, "a,b\n1,2");
    struct warns ws = {0};
    char *atom = write_atom(f, &ws);
    CHECK("media: xml content written as markup",
          atom && strstr(atom, "<d:reading xmlns:d=\"http://data.example.com/ns\" unit=\"C\">"));
    validate("media written", atom);
    free(atom);
    fc_feed_free(f);
}

static void test_modules_and_entry_doc(void)
{
    struct fc_feed *f = read_fixture("atom-rss-modules");
    if (f) {
        struct fc_post *p = post_at(f, 0);
        CHECK_INT("modules: slash:comments", p ? p->comment_count : 0, 12);
        CHECK_STR("modules: wfw:commentRss", p ? p->comments_feed : NULL,
                  "https://mods.example.com/1/comments.rss");
        CHECK_INT("modules: app:draft", p ? p->draft : 0, 1);
        CHECK_INT("modules: nothing left as ext", p ? p->exts.count : 9, 0);
        fc_feed_free(f);
    }
    f = read_fixture("atom-entry-document");
    if (f) {
        CHECK_INT("entry doc: one post", f->posts.count, 1);
        struct fc_post *p = post_at(f, 0);
        CHECK_STR("entry doc: title", p ? p->title.value : NULL, "Alone");
        CHECK_STR("entry doc: content", p ? p->content_text : NULL, "Just me.");
        fc_feed_free(f);
    }
}

static void test_quirks(void)
{
    char path[] = FIX "atom-quirks/input.xml";
    struct fc_error err;
    struct warns ws = {0};
    struct fc_feed *f = read_opts(path, 0, &ws, &err);
    CHECK("quirks: read", f != NULL);
    if (!f)
        return;
    CHECK_STR("quirks: text/html title", f->title.value, "<i>Odd</i> feed");
    CHECK_INT("quirks: text/html title type", f->title.type, FC_HTML);
    CHECK_STR("quirks: IANA rel IRI is alternate", f->home_url, "https://quirks.example.com/");
    struct fc_post *p = post_at(f, 0);
    if (p) {
        CHECK_INT("quirks: text/plain title", p->title.type, FC_TEXT);
        CHECK_STR("quirks: unescaped html kept as markup", p->content_html,
                  "<p>Not <b>escaped</b></p>");
        CHECK_INT("quirks: thr:total wins", p->comment_count, 4);
        CHECK_INT("quirks: draft no", p->draft, 0);
        const struct fc_ext *e = p->exts.first;
        CHECK_STR("quirks: app:control with more kept", e ? e->name : NULL, "control");
    }
    CHECK_INT("quirks: warnings (count mismatch, thr:updated)", ws.n, 2);
    char *atom = write_atom(f, &ws);
    CHECK("quirks: app:control written once",
          atom && strstr(atom, "<app:control") &&
              !strstr(strstr(atom, "<app:control") + 1, "<app:control"));
    validate("quirks written", atom);
    free(atom);
    fc_feed_free(f);
    /* strict mode: the first warning fails the read */
    struct fc_input *in;
    struct fc_feed *g = NULL;
    struct fc_options opt;
    fc_options_init(&opt);
    opt.flags = FC_OPT_STRICT;
    if (fc_input_open(path, &in, &err) == FC_OK) {
        enum fc_status st = fc_read(in, fc_format_find("atom"), &opt, &g, &err);
        CHECK_INT("quirks: strict fails", st, FC_EWARN);
        if (st)
            CHECK("quirks: strict position", err.line > 0);
        fc_input_close(in);
    }
    fc_feed_free(g);
}

/* ---- errors and detection --------------------------------------------- */

/* Read `xml` (named "mem.atom") with flags; the status is returned and
 * *feed set only on success, so err is read only after a failure. */
static enum fc_status read_mem_opts(const char *xml, unsigned flags, struct warns *ws,
                                    struct fc_feed **feed, struct fc_error *err)
{
    struct fc_input *in;
    struct fc_options opt;
    fc_options_init(&opt);
    opt.flags = flags;
    opt.warn = on_warn;
    opt.warn_ctx = ws;
    *feed = NULL;
    enum fc_status st = fc_input_open_memory(xml, strlen(xml), "mem.atom", &in, err);
    if (st)
        return st;
    st = fc_read(in, fc_format_find("atom"), &opt, feed, err);
    if (st)
        *feed = NULL;
    fc_input_close(in);
    return st;
}

static void test_errors(void)
{
    struct fc_error err = {0};
    struct warns ws = {0};
    /* An unclosed <title>: the XML repair filter (syntax/xmlfix.c) closes it
     * before </entry>, with one warning at the closing tag; fatal in strict
     * mode, at the same position. */
    struct fc_feed *f = read_opts(FIX "atom-malformed/input.xml", 0, &ws, &err);
    CHECK("malformed: recovered", f != NULL);
    if (!f)
        printf("  (%s)\n", err.message);
    if (f) {
        CHECK_STR("malformed: feed title", f->title.value, "Broken");
        CHECK_STR("malformed: feed id", f->id, "tag:broken.example.com,2024:feed");
        CHECK_INT("malformed: one entry", f->posts.count, 1);
        struct fc_post *p = post_at(f, 0);
        CHECK_STR("malformed: entry title", p ? p->title.value : NULL, "Unclosed");
        CHECK_INT("malformed: one warning", ws.n, 1);
        CHECK_INT("malformed: warning line", ws.line, 7);
        CHECK_INT("malformed: warning column", ws.column, 3);
        CHECK("malformed: warning says what", strstr(ws.last, "<title> (line 6) not closed"));
    }
    fc_feed_free(f);
    ws = (struct warns){0};
    f = read_opts(FIX "atom-malformed/input.xml", FC_OPT_STRICT, &ws, &err);
    CHECK("malformed, strict: fails", f == NULL);
    if (!f) {
        CHECK_INT("malformed, strict: EWARN", err.code, FC_EWARN);
        CHECK_INT("malformed, strict: line", err.line, 7);
        CHECK_INT("malformed, strict: column", err.column, 3);
        CHECK("malformed, strict: file",
              err.file && strstr(err.file, "atom-malformed/input.xml") != NULL);
        CHECK("malformed, strict: message", strstr(err.message, "not closed") != NULL);
    }
    fc_feed_free(f);
    ws = (struct warns){0};
    f = read_opts(FIX "atom-not-atom/input.xml", 0, &ws, &err);
    CHECK("not atom: fails", f == NULL);
    if (!f) {
        CHECK_INT("not atom: EFORMAT", err.code, FC_EFORMAT);
        CHECK_INT("not atom: line", err.line, 2);
        CHECK("not atom: says the root", strstr(err.message, "<html>") != NULL);
    }
    fc_feed_free(f);
    f = read_opts(FIX "atom-no-namespace/input.xml", 0, &ws, &err);
    CHECK("no namespace: fails", f == NULL);
    if (!f)
        CHECK("no namespace: explains", strstr(err.message, "no namespace") != NULL);
    fc_feed_free(f);

    /* Junk after the root: ignored with a warning at its first byte. */
    static const char junk[] =
        "<feed xmlns='http://www.w3.org/2005/Atom'><title>x</title></feed>junk";
    ws = (struct warns){0};
    enum fc_status st = read_mem_opts(junk, 0, &ws, &f, &err);
    CHECK_INT("junk after root: recovered", st, FC_OK);
    if (f) {
        CHECK_STR("junk after root: title", f->title.value, "x");
        CHECK_INT("junk after root: no entries", f->posts.count, 0);
        CHECK_INT("junk after root: one warning", ws.n, 1);
        CHECK_INT("junk after root: warning line", ws.line, 1);
        CHECK_INT("junk after root: warning column", ws.column, 66);
        CHECK("junk after root: warning says what", strstr(ws.last, "after the end of the root"));
    }
    fc_feed_free(f);
    ws = (struct warns){0};
    st = read_mem_opts(junk, FC_OPT_STRICT, &ws, &f, &err);
    CHECK_INT("junk after root, strict: EWARN", st, FC_EWARN);
    if (st) {
        CHECK_INT("junk after root, strict: code", err.code, FC_EWARN);
        CHECK_INT("junk after root, strict: line", err.line, 1);
        CHECK_INT("junk after root, strict: column", err.column, 66);
    }
    fc_feed_free(f);
}

static void test_detect(void)
{
    const struct fc_format *a = fc_format_find("atom");
    const char *atom = "\xEF\xBB\xBF<?xml version='1.0'?>\n<!-- c -->\n<feed "
                       "xmlns=\"http://www.w3.org/2005/Atom\">";
    const char *atom03 = "<feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\">";
    const char *pref = "<a:feed xmlns:a=\"http://www.w3.org/2005/Atom\">";
    const char *rss = "<?xml version=\"1.0\"?><rss version=\"2.0\" "
                      "xmlns:atom=\"http://www.w3.org/2005/Atom\">";
    CHECK("detect: atom 1.0", a->detect((const unsigned char *)atom, strlen(atom)) >= 90);
    CHECK("detect: atom 0.3", a->detect((const unsigned char *)atom03, strlen(atom03)) >= 90);
    CHECK("detect: prefixed", a->detect((const unsigned char *)pref, strlen(pref)) >= 90);
    CHECK_INT("detect: rss with atom ns", a->detect((const unsigned char *)rss, strlen(rss)), 0);
    const char *dt = "<!DOCTYPE feed [\n<!ENTITY a \"x>y\">\n<!ENTITY b 'z'>\n]>\n<feed "
                     "xmlns=\"http://www.w3.org/2005/Atom\">";
    CHECK("detect: past a doctype subset", a->detect((const unsigned char *)dt, strlen(dt)) >= 90);
    CHECK_INT("detect: json", a->detect((const unsigned char *)"{\"a\":1}", 7), 0);
    CHECK_STR("registry: by name", fc_format_find("atom1") ? fc_format_find("atom1")->name : NULL,
              "atom");
    CHECK("registry: by extension", fc_format_for_path("x/y.atom") == fc_format_find("atom"));
}

/* ---- writer ------------------------------------------------------------ */

static struct fc_post *add_post(struct fc_feed *f)
{
    struct fc_post *p = fc_post_new();
    struct fc_post_item *it = p ? fc_list_add(f->arena, &f->posts, sizeof *it) : NULL;
    if (it)
        it->post = p;
    return p;
}

/* A model with no id, updated, author or entry ids: the writer must make
 * them up, validly and deterministically, and mark them. */
static void test_missing_required(void)
{
    struct fc_feed *f = fc_feed_new();
    if (!f)
        return;
    f->title.value = "Bare <feed>";
    struct fc_post *p1 = add_post(f), *p2 = add_post(f), *p3 = add_post(f);
    if (!p1 || !p2 || !p3)
        goto out;
    p1->title.value = "First";
    p1->content_text = "one";
    fc_time_parse("2020-01-02T03:04:05+02:00", &p1->published);
    p2->url = "https://bare.example.com/2";
    fc_time_parse("2021-06-07", &p2->published); /* a date: completed, precision noted */
    p3->content_src = "https://bare.example.com/3.bin";
    p3->content_type = "application/octet-stream";
    struct warns ws = {0};
    char *atom = write_atom(f, &ws);
    CHECK("missing: written", atom != NULL);
    if (!atom)
        goto out;
    CHECK("missing: feed id from the title",
          strstr(atom, "<id fc:synthetic=\"true\">tag:feedconv.invalid,2005:bare-feed</id>"));
    CHECK("missing: feed updated = newest entry",
          strstr(atom, "<updated fc:synthetic=\"true\">2021-06-07T00:00:00Z</updated>") ||
              strstr(atom, "<updated fc:synthetic=\"true\" fc:precision=\"date\" "
                           "fc:zone=\"floating\">2021-06-07T00:00:00Z</updated>\n  <entry>"));
    CHECK("missing: placeholder author",
          strstr(atom, "<author fc:synthetic=\"true\">\n      <name>Bare &lt;feed&gt;</name>"));
    CHECK("missing: entry id from url",
          strstr(atom, "<id fc:synthetic=\"true\">https://bare.example.com/2</id>"));
    CHECK("missing: entry id hashed", strstr(atom, "tag:feedconv.invalid,2005:") &&
                                          strstr(atom, "<title fc:synthetic=\"true\"/>"));
    CHECK("missing: summary for src content", strstr(atom, "(content: application/octet-stream)"));
    CHECK("missing: date precision noted", strstr(atom, "fc:precision=\"date\""));
    validate("missing required", atom);
    char *again = write_atom(f, &ws);
    CHECK("missing: deterministic", again && strcmp(atom, again) == 0);
    free(again);

    /* read back: synthetic elements are not data */
    struct fc_error err;
    struct fc_feed *b = read_memory(atom, &err);
    CHECK("missing: reads back", b != NULL);
    if (b) {
        CHECK_STR("missing: no id back", b->id, NULL);
        CHECK("missing: no updated back", !fc_time_present(&b->updated));
        CHECK_INT("missing: no authors back", post_at(b, 0) ? post_at(b, 0)->authors.count : 9, 0);
        struct fc_post *q = post_at(b, 1);
        char d[64];
        CHECK_STR("missing: date stays a date", q ? rfc3339(&q->published, d) : NULL, "2021-06-07");
        CHECK("missing: no updated on entry", q && !fc_time_present(&q->updated));
        CHECK_STR("missing: no id on entry", q ? q->id : "x", NULL);
        q = post_at(b, 2);
        CHECK_STR("missing: no summary made up", q ? q->summary.value : "x", NULL);
        CHECK_STR("missing: title absent", q ? q->title.value : "x", NULL);
        fc_feed_free(b);
    }
    free(atom);
out:
    fc_feed_free(f);
}

/* Every RSS / JSON Feed field Atom lacks goes through the fc namespace
 * and comes back. */
static void test_fc_namespace(void)
{
    struct fc_feed *f = fc_feed_new();
    struct fc_post *p = f ? add_post(f) : NULL;
    if (!p)
        goto out;
    struct fc_arena *a = f->arena;
    f->title.value = "Everything";
    f->id = "tag:all.example.com,2024:feed";
    fc_time_parse("Tue, 08 Mar 2011 04:58:07 +0000", &f->updated);
    fc_time_parse("Mon, 07 Mar 2011 10:00:00 -0500", &f->published);
    f->ttl = 60;
    f->docs = "https://www.rssboard.org/rss-specification";
    f->rating = "(PICS-1.1 ...)";
    f->description_text = "JSON description";
    f->user_comment = "for feed readers";
    f->expired = 0;
    f->skip_hours = (1u << 0) | (1u << 23);
    f->skip_days = (1u << 0) | (1u << 6);
    f->cloud.domain = "rpc.example.com";
    f->cloud.port = 80;
    f->cloud.path = "/RPC2";
    f->cloud.procedure = "ping";
    f->cloud.protocol = "xml-rpc";
    f->text_input.title = "Search";
    f->text_input.description = "Search the site";
    f->text_input.name = "q";
    f->text_input.link = "https://all.example.com/search";
    f->image.url = "https://all.example.com/logo.png";
    f->image.title = "Logo";
    f->image.link = "https://all.example.com/";
    f->image.width = 88;
    f->image.height = 31;
    f->editor.email = "ed@all.example.com";
    f->editor.name = "Ed";
    f->webmaster.email = "web@all.example.com";
    struct fc_hub *h = fc_list_add(a, &f->hubs, sizeof *h);
    h->type = "WebSub";
    h->url = "https://hub.example.com/";
    struct fc_ext *j = fc_list_add(a, &f->exts, sizeof *j);
    j->kind = FC_EXT_JSON;
    j->origin = "jsonfeed";
    j->name = "_blog";
    j->value = "{\"theme\":\"dark\"}";
    struct fc_ext *sy = fc_list_add(a, &f->exts, sizeof *sy);
    sy->kind = FC_EXT_XML;
    sy->origin = "rss";
    sy->ns = FC_NS_SY;
    sy->prefix = "sy";
    sy->name = "updatePeriod";
    struct fc_ext *tx = fc_list_add(a, &sy->children, sizeof *tx);
    tx->kind = FC_EXT_XML;
    tx->value = "hourly";

    struct fc_arena *pa = p->arena;
    p->id = "https://all.example.com/1";
    p->id_is_permalink = 1;
    p->title.value = "Post";
    p->content_html = "<p>html</p>";
    p->content_text = "text";
    p->slug = "post-one";
    p->image = "https://all.example.com/1.png";
    p->banner_image = "https://all.example.com/1-wide.png";
    p->language = "en_US"; /* a POSIX locale: written the BCP 47 way */
    p->comment_count = 7;
    p->comments_feed = "https://all.example.com/1/feed";
    p->draft = 1;
    fc_time_parse("2011-03-08T04:58", &p->published); /* minute precision, floating */
    p->updated.raw = "sometime last week";
    struct fc_media *m = fc_list_add(pa, &p->attachments, sizeof *m);
    m->url = "https://all.example.com/1.mp3";
    m->type = "audio/mpeg";
    m->length = 42;
    m->duration = 300;
    struct fc_person *au = fc_list_add(pa, &p->authors, sizeof *au);
    au->email = "noname@all.example.com";
    au->avatar = "https://all.example.com/face.png";

    struct warns ws = {0};
    char *atom = write_atom(f, &ws);
    validate("fc namespace", atom);
    struct fc_error err;
    struct fc_feed *b = atom ? read_memory(atom, &err) : NULL;
    CHECK("fc: reads back", b != NULL);
    if (!b)
        goto done;
    char d[64];
    CHECK_STR("fc: published", rfc3339(&b->published, d), "2011-03-07T10:00:00-05:00");
    CHECK_INT("fc: ttl", b->ttl, 60);
    CHECK_STR("fc: docs", b->docs, f->docs);
    CHECK_STR("fc: rating", b->rating, f->rating);
    CHECK_STR("fc: description", b->description_text, "JSON description");
    CHECK_STR("fc: user comment", b->user_comment, "for feed readers");
    CHECK_INT("fc: expired", b->expired, 0);
    CHECK_INT("fc: skip hours", b->skip_hours, f->skip_hours);
    CHECK_INT("fc: skip days", b->skip_days, f->skip_days);
    CHECK_STR("fc: cloud domain", b->cloud.domain, "rpc.example.com");
    CHECK_INT("fc: cloud port", b->cloud.port, 80);
    CHECK_STR("fc: cloud protocol", b->cloud.protocol, "xml-rpc");
    CHECK_STR("fc: text input", b->text_input.link, "https://all.example.com/search");
    CHECK_STR("fc: image url (logo)", b->image.url, f->image.url);
    CHECK_STR("fc: image title", b->image.title, "Logo");
    CHECK_INT("fc: image width", b->image.width, 88);
    CHECK_INT("fc: image height", b->image.height, 31);
    CHECK_STR("fc: editor", b->editor.email, "ed@all.example.com");
    CHECK_STR("fc: editor name", b->editor.name, "Ed");
    CHECK_STR("fc: webmaster", b->webmaster.email, "web@all.example.com");
    const struct fc_hub *bh = b->hubs.first;
    CHECK_STR("fc: hub type (not a media type)", bh ? bh->type : NULL, "WebSub");
    const struct fc_ext *e = b->exts.first;
    CHECK_INT("fc: json ext kind", e ? (int)e->kind : -1, FC_EXT_JSON);
    CHECK_STR("fc: json ext", e ? e->value : NULL, "{\"theme\":\"dark\"}");
    CHECK_STR("fc: json origin", e ? e->origin : NULL, "jsonfeed");
    e = e ? e->next : NULL;
    CHECK_STR("fc: sy ext", e ? e->name : NULL, "updatePeriod");
    CHECK_STR("fc: sy text", e ? fc_ext_text(b->arena, e) : NULL, "hourly");
    struct fc_post *q = post_at(b, 0);
    if (q) {
        CHECK_INT("fc: isPermaLink", q->id_is_permalink, 1);
        CHECK_STR("fc: html content", q->content_html, "<p>html</p>");
        CHECK_STR("fc: text content beside", q->content_text, "text");
        CHECK_STR("fc: slug", q->slug, "post-one");
        CHECK_STR("fc: image", q->image, p->image);
        CHECK_STR("fc: banner", q->banner_image, p->banner_image);
        CHECK_STR("fc: a locale becomes a language tag", q->language, "en-US");
        CHECK_INT("fc: comment count", q->comment_count, 7);
        CHECK_STR("fc: comments feed", q->comments_feed, p->comments_feed);
        CHECK_INT("fc: draft", q->draft, 1);
        CHECK_STR("fc: minute floating date", rfc3339(&q->published, d), "2011-03-08T04:58:00");
        CHECK_INT("fc: precision", q->published.precision, FC_TIME_MINUTE);
        CHECK_INT("fc: zone", q->published.zone, FC_ZONE_NONE);
        CHECK_STR("fc: raw updated", q->updated.raw, "sometime last week");
        const struct fc_media *bm = q->attachments.first;
        CHECK_INT("fc: duration", bm ? (long long)bm->duration : -1, 300);
        CHECK_INT("fc: media length", bm ? bm->length : -1, 42);
        const struct fc_person *bp = q->authors.first;
        CHECK_STR("fc: nameless author", bp ? bp->name : "x", NULL);
        CHECK_STR("fc: author email", bp ? bp->email : NULL, "noname@all.example.com");
        CHECK_STR("fc: avatar", bp ? bp->avatar : NULL, "https://all.example.com/face.png");
    }
    /* writing what was read gives the same bytes */
    char *again = write_atom(b, &ws);
    CHECK("fc: write(read(write(x))) == write(x)", again && strcmp(again, atom) == 0);
    free(again);
    fc_feed_free(b);
done:
    free(atom);
out:
    fc_feed_free(f);
}

/* Extension parts whose names XML cannot carry are left out by the XML
 * writer; the Atom writer says so (feed and entry), fatal in strict mode. */
static void test_ext_dropped(void)
{
    struct fc_feed *f = fc_feed_new();
    struct fc_post *p = f ? add_post(f) : NULL;
    if (!p)
        goto out;
    f->title.value = "Exts";
    fc_time_parse("2024-06-01T00:00:00Z", &f->updated);
    p->id = "tag:exts.example.com,2024:1";
    p->content_text = "x";
    struct fc_ext *e = fc_list_add(p->arena, &p->exts, sizeof *e);
    struct fc_attr *bad = e ? fc_list_add(p->arena, &e->attrs, sizeof *bad) : NULL;
    struct fc_attr *good = bad ? fc_list_add(p->arena, &e->attrs, sizeof *good) : NULL;
    struct fc_ext *kid = good ? fc_list_add(p->arena, &e->children, sizeof *kid) : NULL;
    struct fc_ext *ok = kid ? fc_list_add(p->arena, &e->children, sizeof *ok) : NULL;
    struct fc_ext *txt = ok ? fc_list_add(p->arena, &ok->children, sizeof *txt) : NULL;
    struct fc_ext *fe = txt ? fc_list_add(f->arena, &f->exts, sizeof *fe) : NULL;
    if (!fe)
        goto out;
    e->ns = ok->ns = "https://ext.example.com/ns";
    e->prefix = ok->prefix = "ex";
    e->name = "thing";
    bad->name = "has space";
    bad->value = "1";
    good->name = "kind";
    good->value = "k";
    kid->ns = e->ns;
    kid->name = "9lives";
    kid->value = "lost";
    ok->name = "kept";
    txt->value = "here";
    fe->ns = e->ns;
    fe->name = "feed thing"; /* the whole element goes */
    struct warns ws = {0};
    struct fc_error err = {0};
    enum fc_status st = FC_EIO;
    char *atom = write_atom_opts(f, 0, &ws, &st, &err);
    CHECK_INT("ext dropped: written", st, FC_OK);
    CHECK("ext dropped: the rest kept",
          atom && strstr(atom, "<ex:thing xmlns:ex=\"https://ext.example.com/ns\" kind=\"k\">") &&
              strstr(atom, "<ex:kept>here</ex:kept>") && !strstr(atom, "9lives") &&
              !strstr(atom, "feed thing"));
    CHECK_INT("ext dropped: two warnings", ws.n, 2);
    CHECK("ext dropped: entry warning counts",
          strstr(ws.last, "entry 1 (id ") &&
              strstr(ws.last, "): extension https://ext.example.com/ns thing: 2 "));
    validate("ext dropped", atom);
    free(atom);
    ws = (struct warns){0};
    atom = write_atom_opts(f, FC_OPT_STRICT, &ws, &st, &err);
    CHECK_INT("ext dropped, strict: fails", st, FC_EWARN);
    if (st)
        CHECK("ext dropped, strict: says feed", strstr(err.message, "feed: extension") != NULL);
    free(atom);
out:
    fc_feed_free(f);
}

/* Without a feed updated, entries wait in a spool (past 4 MB on disk);
 * the document comes out whole and in order. */
static void test_spool(void)
{
    enum { N = 2500 };
    struct fc_feed *f = fc_feed_new();
    char *body = malloc(2048);
    char *atom = NULL;
    if (!f || !body)
        goto out;
    memset(body, 'z', 2047);
    body[2047] = '\0';
    f->title.value = "Spooled";
    for (int i = 0; i < N; i++) {
        struct fc_post *p = add_post(f);
        char id[64];
        snprintf(id, sizeof id, "tag:spool.example.com,2024:%d", i);
        if (!p || fc_set(p->arena, &p->id, id) || fc_set(p->arena, &p->content_text, body))
            goto out;
        fc_time_parse(i == 1234 ? "2024-03-01T00:00:00Z" : "2023-01-01T00:00:00Z", &p->published);
    }
    /* the spool file lives in TMPDIR, unnamed: nothing is left there */
    char dir[] = "/tmp/test_atom_spool_XXXXXX";
    const char *old = getenv("TMPDIR");
    char *saved = old ? strdup(old) : NULL;
    bool have_dir = mkdtemp(dir) != NULL;
    if (have_dir)
        setenv("TMPDIR", dir, 1);
    struct warns ws = {0};
    struct fc_error err = {0};
    enum fc_status st = FC_EIO;
    atom = write_atom_opts(f, 0, &ws, &st, &err);
    if (saved)
        setenv("TMPDIR", saved, 1);
    else
        unsetenv("TMPDIR");
    free(saved);
    if (have_dir)
        CHECK("spool: nothing left in TMPDIR", rmdir(dir) == 0);
    CHECK_INT("spool: written", st, FC_OK);
    if (!atom)
        goto out;
    CHECK("spool: more than 4 MB", strlen(atom) > (4u << 20));
    size_t n = 0;
    for (const char *s = atom; (s = strstr(s, "<entry>")); s++)
        n++;
    CHECK_INT("spool: every entry", (long long)n, N);
    const char *upd = strstr(atom, "<updated fc:synthetic=\"true\">2024-03-01T00:00:00Z</updated>");
    const char *first = strstr(atom, "<entry>");
    CHECK("spool: newest date, before the entries", upd && first && upd < first);
    CHECK("spool: first entry first",
          first && strstr(first, ":0</id>") && strstr(first, ":0</id>") < strstr(first, ":1</id>"));
    const char *last = strstr(atom, ",2024:2499</id>");
    CHECK("spool: ends the document",
          last && strstr(last, "</entry>\n</feed>\n") && !strstr(last, "<entry>"));
out:
    free(atom);
    free(body);
    fc_feed_free(f);
}

/* Atom -> Atom is a fixed point for every fixture. */
static void test_fixed_points(void)
{
    static const char *const names[] = {"atom-full",
                                        "atom-xhtml-content",
                                        "atom-xml-base",
                                        "atom-03",
                                        "atom-content-media",
                                        "atom-rss-modules",
                                        "atom-entry-document",
                                        "atom-quirks",
                                        "atom-xml-base-html-entities",
                                        "atom-xml-base-html-raw-text",
                                        NULL};
    for (size_t i = 0; names[i]; i++) {
        struct fc_feed *f = read_fixture(names[i]);
        struct warns ws = {0};
        char *one = f ? write_atom(f, &ws) : NULL;
        struct fc_error err;
        struct fc_feed *g = one ? read_memory(one, &err) : NULL;
        char *two = g ? write_atom(g, &ws) : NULL;
        char label[128];
        snprintf(label, sizeof label, "fixed point: %s", names[i]);
        CHECK(label, one && two && strcmp(one, two) == 0);
        free(one);
        free(two);
        fc_feed_free(f);
        fc_feed_free(g);
    }
}

int main(void)
{
    test_full();
    test_xhtml();
    test_xml_base();
    test_xml_base_html();
    test_atom03();
    test_media();
    test_modules_and_entry_doc();
    test_quirks();
    test_errors();
    test_detect();
    test_missing_required();
    test_fc_namespace();
    test_ext_dropped();
    test_spool();
    test_fixed_points();
    return CHECK_DONE();
}
