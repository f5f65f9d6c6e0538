/*
 * test_markdown.c - the Markdown directory format: the WordPress fixture
 * (and the seed beside the project, when present) into each layout and
 * back (ids, URLs, titles, dates with offsets, tags, authors, content equal
 * in normal form), hand-written Jekyll / Hugo / Eleventy / Zola sites,
 * a podcast written by hand with the documented keys (fixtures/
 * md-podcast-keys), front-matter errors with positions, hostile slugs.
 */
#define _POSIX_C_SOURCE 200809L
#include "check.h"
#include "testlib.h"
#include "internal.h"
#include "util/html2md.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef FC_ROOT
#define FC_ROOT "."
#endif

#define WORDPRESS FC_ROOT TL_WORDPRESS
#define SEED FC_ROOT TL_SEED

static char tmpdir[256];

static void rm_rf(const char *path)
{
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", path);
    if (system(cmd) != 0)
        printf("# could not remove %s\n", path);
}

static bool exists(const char *dir, const char *rel)
{
    char p[1024];
    struct stat sb;
    snprintf(p, sizeof p, "%s/%s", dir, rel);
    return stat(p, &sb) == 0;
}

struct warns {
    int n;
    char last[1200];
};

static void on_warn(void *ctx, const struct fc_error *w)
{
    struct warns *ws = ctx;
    ws->n++;
    snprintf(ws->last, sizeof ws->last, "%s:%lu:%lu: %s", w->file, w->line, w->column, w->message);
}

/* Convert src (file or directory) into directory dst as markdown. */
static enum fc_status to_site(const char *src, const char *dst, const char *site, unsigned extra,
                              struct fc_error *err)
{
    struct fc_options opt;
    fc_options_init(&opt);
    tl_markdown_options(&opt, site, extra);
    opt.flags = FC_OPT_FORCE;
    struct fc_input *in = NULL;
    struct fc_output *out = NULL;
    enum fc_status st = fc_input_open(src, &in, err);
    if (!st)
        st = fc_output_open_dir(dst, opt.flags, &out, err);
    if (!st)
        st = fc_convert(in, NULL, out, fc_format_find("markdown"), &opt, err);
    if (!st)
        st = fc_output_commit(out, err);
    fc_output_close(out);
    fc_input_close(in);
    return st;
}

static enum fc_status read_path(const char *path, unsigned flags, struct warns *ws,
                                struct fc_feed **feed, struct fc_error *err)
{
    struct fc_options opt;
    fc_options_init(&opt);
    opt.flags = flags;
    opt.warn = on_warn;
    opt.warn_ctx = ws;
    struct fc_input *in = NULL;
    enum fc_status st = fc_input_open(path, &in, err);
    if (!st)
        st = fc_read(in, NULL, &opt, feed, err);
    fc_input_close(in);
    return st;
}

static const struct fc_post *find_post(const struct fc_feed *f, const char *title)
{
    for (const struct fc_post_item *it = f->posts.first; it; it = it->next)
        if (it->post->title.value && strcmp(it->post->title.value, title) == 0)
            return it->post;
    return NULL;
}

static const struct fc_post *find_id(const struct fc_feed *f, const char *id)
{
    for (const struct fc_post_item *it = f->posts.first; it; it = it->next)
        if (it->post->id && strcmp(it->post->id, id) == 0)
            return it->post;
    return NULL;
}

static void terms(const struct fc_post *p, char *buf, size_t cap)
{
    buf[0] = '\0';
    for (const struct fc_tag *t = p->categories.first; t; t = t->next) {
        size_t l = strlen(buf);
        snprintf(buf + l, cap - l, "%s%s", l ? "," : "", t->term ? t->term : "?");
    }
}

static const char *date(const struct fc_time *t, char buf[48])
{
    if (!fc_time_rfc3339(t, buf, 48))
        return "";
    return buf;
}

static bool same_doc(const char *a, const char *b)
{
    struct fc_buf x, y;
    struct fc_error err;
    fc_buf_init(&x);
    fc_buf_init(&y);
    bool same = a && b && fc_html_canon(a, strlen(a), &x, &err) == FC_OK &&
                fc_html_canon(b, strlen(b), &y, &err) == FC_OK &&
                strcmp(fc_buf_cstr(&x), fc_buf_cstr(&y)) == 0;
    fc_buf_free(&x);
    fc_buf_free(&y);
    return same;
}

/* The post of f with p's title. */
static const struct fc_post *find_title(const struct fc_feed *f, const struct fc_post *p)
{
    for (const struct fc_post_item *it = f->posts.first; it; it = it->next)
        if (p->title.value && it->post->title.value &&
            !strcmp(p->title.value, it->post->title.value))
            return it->post;
    return NULL;
}

/* Does p keep the feed's id as its guid key? */
static bool kept_guid(const struct fc_post *p, const char *id)
{
    for (const struct fc_ext *e = p->exts.first; e; e = e->next)
        if (e->name && !strcmp(e->name, "guid") && e->value && id &&
            strlen(e->value) == strlen(id) + 2 && !strncmp(e->value + 1, id, strlen(id)))
            return true;
    return false;
}

/* Is url (absolute) one of p's old addresses (a path from the site's
 * root, or the path with the site's base path)? */
static bool old_address(const struct fc_post *p, const char *url)
{
    for (const struct fc_alias *a = p->aliases.first; a; a = a->next) {
        size_t n = strlen(url), m = strlen(a->url);
        if (n >= m && !strcmp(url + n - m, a->url))
            return true;
    }
    return false;
}

/* A WordPress feed into a layout and back: every post keeps its values.
 * The site goes to tmpdir/<tag>-<label>; checks are named "<tag> <label>"
 * ("wordpress hugo", ...). */
static void site_round_trip(const char *src, const char *tag, const char *feed_title,
                            const char *site, unsigned extra, const char *label,
                            const char *first_file)
{
    char dir[400], name[200], what[100];
    struct fc_error err;
    snprintf(dir, sizeof dir, "%s/%s-%s", tmpdir, tag, label);
    snprintf(what, sizeof what, "%s %s", tag, label);
    struct fc_feed *orig = NULL, *back = NULL;
    struct warns ws = {0};
    snprintf(name, sizeof name, "%s: feed read", what);
    CHECK(name, read_path(src, 0, &ws, &orig, &err) == FC_OK);
    if (!orig)
        return;
    snprintf(name, sizeof name, "%s: site written", what);
    CHECK(name, to_site(src, dir, site, extra, &err) == FC_OK);
    snprintf(name, sizeof name, "%s: post file named from the URL slug", what);
    CHECK(name, exists(dir, first_file));
    snprintf(name, sizeof name, "%s: site read back", what);
    CHECK(name, read_path(dir, 0, &ws, &back, &err) == FC_OK);
    if (!back) {
        fc_feed_free(orig);
        return;
    }
    snprintf(name, sizeof name, "%s: 10 posts", what);
    CHECK_INT(name, back->posts.count, 10);
    int ok_id = 0, ok_url = 0, ok_title = 0, ok_date = 0, ok_tags = 0, ok_author = 0,
        ok_content = 0, ok_summary = 0, ok_comments = 0;
    /* A Hugo or Jekyll site is read as its generator publishes it: its
     * posts have the site's URL and id (its permalink); the feed's guid is
     * kept as a front-matter key (an extension) and its URL as an old
     * address the site redirects from. */
    bool plain = !strcmp(site, "plain");
    for (const struct fc_post_item *it = orig->posts.first; it; it = it->next) {
        const struct fc_post *o = it->post, *b = plain ? find_id(back, o->id) : find_title(back, o);
        if (!b)
            continue;
        char d1[48], d2[48], t1[512], t2[512];
        ok_id += plain || kept_guid(b, o->id);
        ok_url +=
            o->url && b->url && (!strcmp(o->url, b->url) || (!plain && old_address(b, o->url)));
        ok_title += o->title.value && b->title.value && !strcmp(o->title.value, b->title.value);
        ok_date += !strcmp(date(&o->published, d1), date(&b->published, d2)) &&
                   o->published.offset == b->published.offset;
        terms(o, t1, sizeof t1);
        terms(b, t2, sizeof t2);
        ok_tags += !strcmp(t1, t2);
        const struct fc_person *pa = o->authors.first, *pb = b->authors.first;
        ok_author += pa && pb && pa->name && pb->name && !strcmp(pa->name, pb->name);
        ok_content += same_doc(o->content_html, b->content_html);
        ok_summary += o->summary.value && b->summary.value &&
                      !strcmp(o->summary.value, b->summary.value) &&
                      o->summary.type == b->summary.type;
        ok_comments +=
            o->comments_url && b->comments_url && !strcmp(o->comments_url, b->comments_url) &&
            o->comment_count == b->comment_count && o->id_is_permalink == b->id_is_permalink;
    }
#define ALL10(which, v)                                                                            \
    snprintf(name, sizeof name, "%s: %s kept for every post", what, which);                        \
    CHECK_INT(name, v, 10)
    ALL10("id", ok_id);
    ALL10("url", ok_url);
    ALL10("title", ok_title);
    ALL10("date with offset", ok_date);
    ALL10("tags", ok_tags);
    ALL10("author", ok_author);
    ALL10("content (normal form)", ok_content);
    ALL10("summary", ok_summary);
    ALL10("comments, guid isPermaLink", ok_comments);
#undef ALL10
    snprintf(name, sizeof name, "%s: feed title", what);
    CHECK_STR(name, back->title.value, feed_title);
    /* the site's home, as its generator's feed links it: with its '/' */
    char home[300];
    snprintf(home, sizeof home, "%s%s", orig->home_url ? orig->home_url : "",
             orig->home_url && !plain && orig->home_url[strlen(orig->home_url) - 1] != '/' ? "/"
                                                                                           : "");
    snprintf(name, sizeof name, "%s: feed link", what);
    CHECK_STR(name, back->home_url, home);
    snprintf(name, sizeof name, "%s: feed language", what);
    CHECK_STR(name, back->language, "en");
    snprintf(name, sizeof name, "%s: feed self link", what);
    CHECK_STR(name, back->feed_url, orig->feed_url);
    snprintf(name, sizeof name, "%s: feed XML extensions kept", what);
    CHECK_INT(name, back->exts.count, orig->exts.count);
    fc_feed_free(orig);
    fc_feed_free(back);
}

/* Every layout; first is the first post's slug, day its UTC date. */
static void site_round_trips(const char *src, const char *tag, const char *feed_title,
                             const char *first, const char *day)
{
    char f[300];
    snprintf(f, sizeof f, "content/posts/%s.md", first);
    site_round_trip(src, tag, feed_title, "hugo", 0, "hugo", f);
    snprintf(f, sizeof f, "content/posts/%s/index.md", first);
    site_round_trip(src, tag, feed_title, "hugo", TL_BUNDLES, "hugo-bundles", f);
    snprintf(f, sizeof f, "_posts/%s-%s.md", day, first);
    site_round_trip(src, tag, feed_title, "jekyll", 0, "jekyll", f);
    snprintf(f, sizeof f, "%s-%s.md", day, first);
    site_round_trip(src, tag, feed_title, "plain", 0, "plain", f);
    snprintf(f, sizeof f, "%s-%s.html", day, first);
    site_round_trip(src, tag, feed_title, "plain", TL_BODY_HTML, "html", f);
}

/* What the WordPress fixture's first post and config look like on disk. */
static void wordpress_front_matter(void)
{
    char path[600];
    snprintf(path, sizeof path, "%s/wordpress-hugo/content/posts/is-the-workbench-ever-finished.md",
             tmpdir);
    char *s = tl_slurp(path, NULL);
    CHECK("hugo: front matter opens the file",
          s && !strncmp(s, "---\ntitle: \"Is the workbench ever finished?\"\n", 43));
    CHECK("hugo: date RFC 3339 with offset",
          s && strstr(s, "\ndate: \"2012-05-15T03:12:44+00:00\"\n"));
    CHECK("hugo: tags as a list", s && strstr(s, "\ntags:\n- \"workshop\"\n- \"benches\"\n"));
    CHECK("hugo: authors", s && strstr(s, "\nauthors:\n- \"hedda\"\n"));
    CHECK("hugo: aliases keep the old path",
          s && strstr(s, "\naliases:\n- "
                         "\"/index.php/2012/05/14/is-the-workbench-ever-finished/\"\n"));
    CHECK("hugo: guid kept", s && strstr(s, "\nguid: \"https://example.org/blog/?p=412\"\n"));
    CHECK("hugo: comment count kept", s && strstr(s, "\n  comment_count: 3\n"));
    CHECK("hugo: HTML summary kept with its type",
          s &&
              strstr(s, "\nsummary: \"A reader asked on the <a href=\\\"https://forum.example.net/"
                        "\\\">woodworking forum</a> whether I&#8217;d") &&
              strstr(s, "\n  summary_type: \"html\"\n"));
    CHECK("hugo: body is Markdown",
          s && strstr(s, "\n\nA reader asked on the [woodworking "
                         "forum](https://forum.example.net/t/benches/8812) (by the way"));
    CHECK("hugo: entities decoded in the body", s && strstr(s, "whether I\xE2\x80\x99"
                                                               "d call"));
    CHECK("hugo: share widget raw HTML",
          s && strstr(s, "\n\n<div style=\"float: right; margin-left: 10px;\"><a "
                         "href=\"https://twitter.com/share?url="));
    free(s);
    snprintf(path, sizeof path, "%s/wordpress-hugo/content/posts/the-router-closet-inventoried.md",
             tmpdir);
    s = tl_slurp(path, NULL);
    /* a <pre> without <code>: raw, since a fence would add the <code> */
    CHECK("hugo: <pre> kept as it was", s && strstr(s, "\n<pre>$ ip -br link | grep -v lo\neth0 "));
    CHECK("hugo: tags of the third post",
          s && strstr(s, "\ntags:\n- \"networking\"\n- \"homelab\"\n- \"hardware\"\n"));
    free(s);
    snprintf(path, sizeof path, "%s/wordpress-hugo/hugo.yaml", tmpdir);
    s = tl_slurp(path, NULL);
    CHECK("hugo: config baseURL", s && strstr(s, "baseURL: \"https://example.org/blog/\""));
    CHECK("hugo: config languageCode", s && strstr(s, "languageCode: \"en\""));
    CHECK("hugo: config title", s && strstr(s, "\ntitle: \"Hedda's Workshop\"\n"));
    CHECK("hugo: sy:updatePeriod kept",
          s && strstr(s, "- name: \"updatePeriod\"\n") && strstr(s, "- \"hourly\"\n"));
    CHECK("hugo: raw HTML allowed", s && strstr(s, "unsafe: true"));
    free(s);
    snprintf(path, sizeof path,
             "%s/wordpress-jekyll/_posts/2012-05-15-is-the-workbench-ever-finished.md", tmpdir);
    s = tl_slurp(path, NULL);
    CHECK("jekyll: post file dated by the UTC day",
          s && strstr(s, "\ndate: \"2012-05-15T03:12:44+00:00\"\n"));
    CHECK("jekyll: redirect_from keeps the old path",
          s && strstr(s, "\nredirect_from:\n- "
                         "\"/index.php/2012/05/14/is-the-workbench-ever-finished/\"\n"));
    CHECK("jekyll: Liquid left on (no template text)", s && !strstr(s, "render_with_liquid"));
    CHECK("jekyll: excerpt", s && strstr(s, "\nexcerpt: \"A reader asked on the <a href="));
    free(s);
    snprintf(path, sizeof path, "%s/wordpress-jekyll/_config.yml", tmpdir);
    s = tl_slurp(path, NULL);
    CHECK("jekyll: config url and baseurl",
          s && strstr(s, "url: \"https://example.org\"\nbaseurl: \"/blog\""));
    CHECK("jekyll: config lang", s && strstr(s, "lang: \"en\""));
    free(s);
    snprintf(path, sizeof path, "%s/wordpress-html/2012-05-15-is-the-workbench-ever-finished.html",
             tmpdir);
    s = tl_slurp(path, NULL);
    CHECK("--body html: HTML body verbatim",
          s &&
              strstr(s, "---\n\n<p>A reader asked on the <a "
                        "href=\"https://forum.example.net/t/benches/8812\">woodworking forum</a>"));
    CHECK("--body html: entities as written", s && strstr(s, "whether I&#8217;d call"));
    free(s);
}

static void jekyll_native(void)
{
    struct fc_feed *f = NULL, *h = NULL;
    struct fc_error err;
    struct warns ws = {0};
    CHECK("jekyll native: reads",
          read_path(FC_ROOT "/fixtures/md-jekyll-native", 0, &ws, &f, &err) == FC_OK);
    if (!f)
        return;
    CHECK_STR("jekyll native: layout detected", f->format, "markdown (jekyll)");
    CHECK_STR("jekyll native: site title", f->title.value, "Notes from the Hill");
    CHECK_STR("jekyll native: site url (jekyll-feed's absolute_url(\"/\"))", f->home_url,
              "https://hill.example/");
    CHECK_STR("jekyll native: lang", f->language, "en-GB");
    CHECK_STR("jekyll native: author from mapping",
              f->authors.first ? ((struct fc_person *)f->authors.first)->email : NULL,
              "ada@hill.example");
    CHECK_INT("jekyll native: posts and drafts", f->posts.count, 4);
    const struct fc_post *p = find_post(f, "no");
    CHECK("jekyll native: title no stays text", p != NULL);
    if (p) {
        char d[48], t[256];
        CHECK_STR("jekyll native: Jekyll date form, offset kept", date(&p->published, d),
                  "2024-01-15T10:30:00+05:30");
        CHECK_INT("jekyll native: offset minutes", p->published.offset, 330);
        terms(p, t, sizeof t);
        CHECK_STR("jekyll native: category + space-separated tags", t,
                  "journal,astronomy,night-sky");
        CHECK_STR("jekyll native: excerpt is the summary", p->summary.value,
                  "A clear night over the ridge.");
        CHECK("jekyll native: liquid left alone",
              p->content_html && strstr(p->content_html, "{{ x }}"));
        CHECK("jekyll native: markdown rendered",
              p->content_html && strstr(p->content_html, "<em>clear</em>"));
        CHECK_STR("jekyll native: default permalink (the category in it)", p->url,
                  "https://hill.example/journal/2024/01/15/first-light.html");
        CHECK_INT("jekyll native: not a draft", p->draft, 0);
        int layout = 0, comments = 0;
        for (const struct fc_ext *e = p->exts.first; e; e = e->next) {
            layout += e->name && !strcmp(e->name, "layout") && !strcmp(e->value, "\"post\"");
            comments += e->name && !strcmp(e->name, "comments") && !strcmp(e->value, "true");
        }
        CHECK("jekyll native: unknown keys kept as JSON", layout == 1 && comments == 1);
    }
    p = find_post(f, "Not yet");
    CHECK_INT("jekyll native: published: false is a draft", p ? p->draft : -1, 1);
    p = find_post(f, "Someday");
    CHECK_INT("jekyll native: _drafts/ is a draft", p ? p->draft : -1, 1);
    p = find_post(f, "Dated by its name: \"012\"");
    if (p) {
        char d[48], t[256];
        CHECK_STR("jekyll native: date from the file name: midnight in the site's zone",
                  date(&p->published, d), "2024-03-10T00:00:00+00:00");
        CHECK_STR("jekyll native: last_modified_at", date(&p->updated, d),
                  "2024-03-11T09:15:00-08:00");
        terms(p, t, sizeof t);
        CHECK_STR("jekyll native: tags as a flow list", t, "maths,two words");
    } else {
        CHECK("jekyll native: dated post found", 0);
    }

    /* into Hugo and back: the same values */
    char dir[400];
    snprintf(dir, sizeof dir, "%s/jekyll-to-hugo", tmpdir);
    CHECK("jekyll -> hugo: written",
          to_site(FC_ROOT "/fixtures/md-jekyll-native", dir, "hugo", 0, &err) == FC_OK);
    char path[600];
    snprintf(path, sizeof path, "%s/content/posts/first-light.md", dir);
    char *s = tl_slurp(path, NULL);
    CHECK("jekyll -> hugo: title quoted", s && strstr(s, "\ntitle: \"no\"\n"));
    CHECK("jekyll -> hugo: unknown key back under its name",
          s && strstr(s, "\nlayout: \"post\"\n"));
    CHECK("jekyll -> hugo: old Jekyll path as alias",
          s && strstr(s, "\naliases:\n- \"/journal/2024/01/15/first-light.html\"\n"));
    free(s);
    snprintf(path, sizeof path, "%s/content/posts/unfinished.md", dir);
    s = tl_slurp(path, NULL);
    CHECK("jekyll -> hugo: draft", s && strstr(s, "\ndraft: true\n"));
    free(s);
    CHECK("jekyll -> hugo: read back", read_path(dir, 0, &ws, &h, &err) == FC_OK);
    if (h) {
        const struct fc_post *a = find_post(f, "no"), *b = find_post(h, "no");
        char d1[48], d2[48], t1[256], t2[256];
        CHECK("jekyll -> hugo: post found", a && b);
        if (a && b) {
            CHECK_STR("jekyll -> hugo -> feed: date", date(&b->published, d2),
                      date(&a->published, d1));
            terms(a, t1, sizeof t1);
            terms(b, t2, sizeof t2);
            CHECK_STR("jekyll -> hugo -> feed: tags", t2, t1);
            CHECK("jekyll -> hugo -> feed: content", same_doc(a->content_html, b->content_html));
            CHECK_STR("jekyll -> hugo -> feed: url: Hugo's", b->url,
                      "https://hill.example/posts/first-light/");
            CHECK("jekyll -> hugo -> feed: Jekyll's URL an old address", old_address(b, a->url));
        }
        CHECK_INT("jekyll -> hugo -> feed: drafts", find_post(h, "Someday")->draft, 1);
        fc_feed_free(h);
    }
    fc_feed_free(f);
}

static void other_sites(void)
{
    struct fc_feed *f = NULL;
    struct fc_error err;
    struct warns ws = {0};
    CHECK("hugo native: reads",
          read_path(FC_ROOT "/fixtures/md-hugo-native", 0, &ws, &f, &err) == FC_OK);
    if (f) {
        CHECK_STR("hugo native: layout", f->format, "markdown (hugo)");
        CHECK_STR("hugo native: baseURL", f->home_url, "https://river.example/");
        CHECK_STR("hugo native: copyright", f->rights.value, "\xc2\xa9 2024 River");
        CHECK_INT("hugo native: _index.md skipped, bundle read", f->posts.count, 2);
        const struct fc_post *p = find_post(f, "La travers\xc3\xa9"
                                               "e");
        char d[48];
        CHECK_STR("hugo native: lastmod", p ? date(&p->updated, d) : NULL,
                  "2023-06-02T08:30:00+02:00");
        CHECK_STR("hugo native: permalink", p ? p->url : NULL,
                  "https://river.example/posts/crossing/");
        p = find_post(f, "Bundle");
        CHECK_INT("hugo native: draft bundle", p ? p->draft : -1, 1);
        CHECK_STR("hugo native: bundle URL from its directory", p ? p->url : NULL,
                  "https://river.example/posts/bundled/");
        fc_feed_free(f);
        f = NULL;
    }
    CHECK("eleventy: reads", read_path(FC_ROOT "/fixtures/md-eleventy", 0, &ws, &f, &err) == FC_OK);
    if (f) {
        CHECK_STR("eleventy: layout", f->format, "markdown (eleventy)");
        CHECK_INT("eleventy: README and _includes skipped", f->posts.count, 1);
        CHECK("eleventy: post", find_post(f, "Hello Eleventy") != NULL);
        fc_feed_free(f);
        f = NULL;
    }
    ws = (struct warns){0};
    CHECK("zola: reads", read_path(FC_ROOT "/fixtures/md-zola", 0, &ws, &f, &err) == FC_OK);
    if (f) {
        CHECK_STR("zola: layout", f->format, "markdown (zola)");
        CHECK_STR("zola: title from config.toml", f->title.value, "Zola site");
        CHECK_INT("zola: TOML and YAML front matter read", f->posts.count, 2);
        CHECK("zola: the TOML post", find_post(f, "TOML mode") != NULL);
        CHECK_INT("zola: no warnings", ws.n, 0);
        fc_feed_free(f);
    }
}

/* fixtures/md-podcast-keys: a Hugo site keeping a podcast in the keys
 * the README documents (params.podcast, episode:, feedconv.attachments,
 * feedconv.media, feedconv.media_groups), read into the model and
 * written as an RSS podcast. */
static void podcast_keys(void)
{
    struct fc_feed *f = NULL;
    struct fc_error err;
    struct warns ws = {0};
    CHECK("podcast keys: reads",
          read_path(FC_ROOT "/fixtures/md-podcast-keys", 0, &ws, &f, &err) == FC_OK);
    if (!f)
        return;
    const struct fc_podcast *pc = &f->podcast;
    const struct fc_pod_category *cat = pc->categories.first;
    const struct fc_pod_person *pp = pc->persons.first;
    const struct fc_pod_funding *fu = pc->funding.first;
    CHECK_STR("podcast keys: show image", pc->image, "https://tidecast.example/cover.jpg");
    CHECK_STR("podcast keys: show owner", pc->owner.email, "ines@tidecast.example");
    CHECK_INT("podcast keys: show not explicit", pc->explicit_content, 0);
    CHECK_STR("podcast keys: subcategory",
              cat && cat->subcategories.first
                  ? ((const struct fc_pod_category *)cat->subcategories.first)->text
                  : NULL,
              "Earth Sciences");
    CHECK_STR("podcast keys: show type", pc->type, "episodic");
    CHECK_INT("podcast keys: locked", pc->locked, 1);
    CHECK_INT("podcast keys: block absent", pc->block, -1);
    CHECK_STR("podcast keys: funding", fu ? fu->text : NULL, "Keep us afloat");
    CHECK_STR("podcast keys: host", pp ? pp->role : NULL, "host");
    CHECK_STR("podcast keys: license", pc->license, "cc-by-4.0");

    const struct fc_post *p = find_post(f, "Neap tide");
    const struct fc_episode *e = p ? &p->episode : NULL;
    CHECK_INT("podcast keys: episode number", e ? e->episode : 0, 4);
    CHECK_INT("podcast keys: season", e ? e->season : 0, 2);
    CHECK_STR("podcast keys: episode type", e ? e->episode_type : NULL, "full");
    CHECK_INT("podcast keys: episode block", e ? e->block : -1, 0);
    const struct fc_pod_transcript *t = e ? e->transcripts.first : NULL;
    CHECK_STR("podcast keys: transcript rel", t ? t->rel : NULL, "captions");
    CHECK_STR("podcast keys: chapters", e ? e->chapters_type : NULL, "application/json+chapters");
    pp = e ? e->persons.first : NULL;
    CHECK_STR("podcast keys: guest", pp ? pp->href : NULL, "https://oskar.example/");
    const struct fc_media *m = p ? p->attachments.first : NULL;
    const struct fc_media *alt = m ? m->next : NULL;
    CHECK("podcast keys: enclosure duration", m && m->duration == 1935 && m->width == -1);
    CHECK_INT("podcast keys: alternate enclosure", alt ? (int)alt->kind : -1, FC_MEDIA_ALTERNATE);
    CHECK("podcast keys: its bitrate", alt && alt->bitrate == 24000);
    CHECK_INT("podcast keys: its sources", alt ? alt->sources.count : 0, 2);
    CHECK_STR("podcast keys: its integrity", alt ? alt->integrity_value : NULL, "sha384-tide4");

    p = find_post(f, "Reading tide tables");
    m = p ? p->attachments.first : NULL;
    const struct fc_media_group *g = p ? p->media_groups.first : NULL;
    CHECK_INT("podcast keys: media:content", m ? (int)m->kind : -1, FC_MEDIA_CONTENT);
    CHECK_INT("podcast keys: in group 1", m ? m->group : 0, 1);
    CHECK_INT("podcast keys: default content", m ? m->is_default : -1, 1);
    CHECK_INT("podcast keys: no channels said", m ? m->channels : 0, -1);
    CHECK_STR("podcast keys: content's own title", m && m->meta ? m->meta->title.value : NULL,
              "Tables, the 720p cut");
    CHECK_INT("podcast keys: content meta, no player", m && m->meta ? m->meta->player_width : 0,
              -1);
    CHECK_STR("podcast keys: item media title", p && p->media ? p->media->title.value : NULL,
              "Tide tables, explained");
    CHECK_INT("podcast keys: group description is HTML", g ? (int)g->meta.description.type : -1,
              FC_HTML);
    CHECK_INT("podcast keys: group player width", g ? g->meta.player_width : 0, 640);
    CHECK_STR("podcast keys: group credit",
              g && g->meta.credits.first
                  ? ((const struct fc_media_credit *)g->meta.credits.first)->scheme
                  : NULL,
              "urn:ebu");

    p = find_post(f, "Another site's episode key");
    const struct fc_ext *x = p ? p->exts.first : NULL;
    CHECK_INT("podcast keys: a plain episode: is no episode", p ? p->episode.episode : 0, -1);
    CHECK("podcast keys: it is kept as it was",
          x && x->name && !strcmp(x->name, "episode") && x->value && !strcmp(x->value, "3"));
    p = find_post(f, "Spring tide");
    CHECK_INT("podcast keys: a misspelt key's episode read", p ? p->episode.episode : 0, 5);
    CHECK_INT("podcast keys: one warning", ws.n, 1);
    CHECK("podcast keys: the misspelt key warned about, with its file and line",
          strstr(ws.last, "spring-tide.md:5:") && strstr(ws.last, "\"seasn\""));

    struct fc_options o;
    fc_options_init(&o);
    char *rss = tl_write_mem(f, fc_format_find("rss"), &o, NULL, NULL);
    CHECK("podcast keys -> rss: the show",
          rss && strstr(rss, "<itunes:category text=\"Earth Sciences\"/>") &&
              strstr(rss, "<podcast:locked owner=\"ines@tidecast.example\">yes</podcast:locked>"));
    CHECK("podcast keys -> rss: the episode",
          rss && strstr(rss, "<itunes:season>2</itunes:season>") &&
              strstr(rss, "<podcast:chapters url=\"https://tidecast.example/4-chapters.json\""));
    CHECK("podcast keys -> rss: the alternate enclosure",
          rss && strstr(rss, "<podcast:integrity type=\"sri\" value=\"sha384-tide4\"/>"));
    CHECK("podcast keys -> rss: the media group",
          rss && strstr(rss, "<media:player url=\"https://video.tidecast.example/embed/tables\""));
    free(rss);
    fc_feed_free(f);
}

static void front_matter_errors(void)
{
    struct fc_feed *f = NULL;
    struct fc_error err;
    struct warns ws = {0};
    enum fc_status st = read_path(FC_ROOT "/fixtures/md-malformed-front-matter", 0, &ws, &f, &err);
    CHECK_INT("bad front matter: parse error", st, FC_EPARSE);
    CHECK("bad front matter: names the file", strstr(err.file, "2024-01-01-bad.md") != NULL);
    CHECK_INT("bad front matter: line in the file", err.line, 4);
    CHECK("bad front matter: column", err.column >= 1);
    fc_feed_free(f);
    f = NULL;
    st = read_path(FC_ROOT "/fixtures/md-malformed-front-matter", FC_OPT_KEEP_GOING, &ws, &f, &err);
    CHECK_INT("bad front matter --keep-going: ok", st, FC_OK);
    CHECK_INT("bad front matter --keep-going: the good post", f ? f->posts.count : 0, 1);
    CHECK("bad front matter --keep-going: warning with position",
          ws.n >= 1 && strstr(ws.last, "2024-01-01-bad.md:4:"));
    fc_feed_free(f);
}

/* fuzz-markdown-1: invalid UTF-8 and NUL bytes are repaired, with a warning. */
static void invalid_utf8(void)
{
    struct fc_feed *f = NULL;
    struct fc_error err;
    struct warns ws = {0};
    enum fc_status st = read_path(FC_ROOT "/fixtures/md-invalid-utf8", 0, &ws, &f, &err);
    CHECK_INT("invalid utf-8: read", st, FC_OK);
    const struct fc_post_item *it = f ? f->posts.first : NULL;
    const struct fc_post *p = it ? it->post : NULL;
    char tags[64] = "";
    if (p)
        terms(p, tags, sizeof tags);
    CHECK_STR("invalid utf-8: title repaired", p ? p->title.value : NULL,
              "Caf\xef\xbf\xbd society");
    CHECK_STR("invalid utf-8: tag repaired", tags, "na\xef\xbf\xbdve");
    CHECK_STR("invalid utf-8: body repaired", p ? p->content_html : NULL,
              "<p>A Latin-1 body: r\xef\xbf\xbdsum\xef\xbf\xbd, a lone \xef\xbf\xbd- byte\n"
              "and a NUL \xef\xbf\xbd byte.</p>");
    CHECK_INT("invalid utf-8: one warning", ws.n, 1);
    CHECK("invalid utf-8: warning at the first bad byte",
          strstr(ws.last, "2024-02-01-cafe.md:2:12: invalid UTF-8") != NULL);
    fc_feed_free(f);
    f = NULL;
    st = read_path(FC_ROOT "/fixtures/md-invalid-utf8", FC_OPT_STRICT, &ws, &f, &err);
    CHECK_INT("invalid utf-8 --strict: an error", st, FC_EWARN);
    fc_feed_free(f);
}

static void list_files(const char *root, const char *rel, struct fc_buf *out)
{
    char p[1200];
    snprintf(p, sizeof p, "%s/%s", root, rel);
    DIR *d = opendir(p);
    if (!d)
        return;
    struct dirent *de;
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.')
            continue;
        char sub[1200];
        snprintf(sub, sizeof sub, "%s%s%s", rel, *rel ? "/" : "", de->d_name);
        char full[2500];
        struct stat sb;
        snprintf(full, sizeof full, "%s/%s", root, sub);
        if (lstat(full, &sb) == 0 && S_ISDIR(sb.st_mode)) {
            list_files(root, sub, out);
        } else {
            fc_buf_puts(out, sub);
            fc_buf_putc(out, '\n');
        }
    }
    closedir(d);
}

static void hostile_slugs(void)
{
    char dir[400];
    struct fc_error err;
    snprintf(dir, sizeof dir, "%s/hostile/site", tmpdir);
    char parent[400];
    snprintf(parent, sizeof parent, "%s/hostile", tmpdir);
    mkdir(parent, 0755);
    CHECK("hostile slugs: written",
          to_site(FC_ROOT "/fixtures/md-hostile-slugs/input.json", dir, "plain", 0, &err) == FC_OK);
    struct fc_buf files;
    fc_buf_init(&files);
    list_files(dir, "", &files);
    const char *s = fc_buf_cstr(&files);
    CHECK("hostile slugs: ../../etc/passwd -> etc-passwd.md", strstr(s, "etc-passwd.md\n"));
    CHECK("hostile slugs: /abs -> abs.md", strstr(s, "abs.md\n"));
    CHECK("hostile slugs: empty title -> id", strstr(s, "\n3.md\n") || !strncmp(s, "3.md", 4));
    CHECK("hostile slugs: duplicates -2, -3",
          strstr(s, "same.md\n") && strstr(s, "same-2.md\n") && strstr(s, "same-3.md\n"));
    CHECK("hostile slugs: encoded traversal flattened", strstr(s, "2f-2fescape.md\n") != NULL);
    CHECK("hostile slugs: no subdirectory", strchr(s, '/') == NULL);
    size_t longest = 0;
    for (const char *l = s; *l;) {
        size_t n = strcspn(l, "\n");
        if (n > longest)
            longest = n;
        l += n + (l[n] == '\n');
    }
    CHECK("hostile slugs: 500 characters cut to 80 + .md", longest <= 83);
    /* nothing beside the site */
    struct fc_buf around;
    fc_buf_init(&around);
    list_files(parent, "", &around);
    const char *a = fc_buf_cstr(&around);
    bool inside = true;
    for (const char *l = a; *l;) {
        if (strncmp(l, "site/", 5) != 0)
            inside = false;
        l += strcspn(l, "\n");
        if (*l)
            l++;
    }
    CHECK("hostile slugs: every file inside DIR", inside);
    fc_buf_free(&around);
    fc_buf_free(&files);

    /* values that YAML would read as something else stay strings */
    struct fc_feed *f = NULL;
    struct warns ws = {0};
    CHECK("hostile titles: read back", read_path(dir, 0, &ws, &f, &err) == FC_OK);
    CHECK("hostile titles: no", f && find_post(f, "no"));
    CHECK("hostile titles: null: #1 {{ x }}", f && find_post(f, "null: #1 {{ x }}"));
    CHECK("hostile titles: ../../etc/passwd", f && find_post(f, "../../etc/passwd"));
    const struct fc_post *p = f ? find_id(f, "5") : NULL;
    CHECK_STR("hostile titles: text body kept as text", p ? p->content_text : NULL, "five");
    fc_feed_free(f);
}

static void usage_errors(void)
{
    struct fc_error err;
    struct fc_output *out = NULL;
    struct fc_handler *w = NULL;
    struct fc_options opt;
    fc_options_init(&opt);
    const struct fc_format *md = fc_format_find("markdown");
    CHECK("format: found by name", md != NULL);
    CHECK("format: found by alias md", fc_format_find("md") == md);
    CHECK("format: reads, writes, directories, and one file; its reader stops at the limit",
          md && md->caps ==
                    (FC_CAN_READ | FC_CAN_WRITE | FC_IS_DIRECTORY | FC_READS_FILE | FC_CAP_STOPS));
    if (fc_output_open_memory(&out, &err) == FC_OK) {
        CHECK_INT("writer: a stream output is a usage error", md->open_writer(out, &opt, &w, &err),
                  FC_EUSAGE);
        CHECK("writer: the message says -o DIR", strstr(err.message, "-o DIR") != NULL);
        fc_output_close(out);
    }
}

int main(void)
{
    snprintf(tmpdir, sizeof tmpdir, "/tmp/fc-test-markdown-XXXXXX");
    if (!mkdtemp(tmpdir)) {
        CHECK("markdown: a temporary directory", 0);
        return 0;
    }
    site_round_trips(WORDPRESS, "wordpress", "Hedda's Workshop", "is-the-workbench-ever-finished",
                     "2012-05-15");
    wordpress_front_matter();
    /* the real feed beside the project, when it is there */
    if (access(SEED, R_OK) == 0)
        site_round_trips(SEED, "seed", "Roland's Blog", "do-you-know-everything-about-rdma",
                         "2011-03-08");
    jekyll_native();
    other_sites();
    podcast_keys();
    front_matter_errors();
    invalid_utf8();
    hostile_slugs();
    usage_errors();
    rm_rf(tmpdir);
    return CHECK_DONE();
}
