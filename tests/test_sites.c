/*
 * test_sites.c - the site writers (src/sites/) on what no feed fixture
 * holds yet, and bodies for kramdown:
 *
 *  - Jekyll renders Markdown with kramdown: every post of the real-HTML
 *    corpus, the WordPress fixture and the seed (when it is there),
 *    written for Jekyll and built by the real `jekyll`, gives back its
 *    source HTML exactly (html2md.h's "exact", fc_html_canon); without
 *    jekyll, the same bodies read back by fc_kramdown_to_html must;
 *  - old addresses sorted (the site's sub-path, query strings, other
 *    hosts, the root) and the redirect map's lines;
 *  - a feed built here with pages (a child before its parent), threaded
 *    comments, a menu, static files and bundle resources from a site's
 *    root, written as every layout: pages below their parents, comments
 *    in each generator's data or front matter, menus in its
 *    configuration, the files where the generator publishes them and the
 *    references to them rewritten; Hugo and Jekyll build it and show the
 *    comments threaded, the menu and the files at their URLs;
 *  - a redirect map larger than the writer's 64 KB steps, whole.
 */
#define _GNU_SOURCE
#include "check.h"
#include "testlib.h"

#include "internal.h"
#include "sites/kramdown.h"
#include "sites/site_write.h"
#include "util/html2md.h"

#include <glob.h>
#include <sys/stat.h>
#include <unistd.h>

static char tmpdir[] = "/tmp/fc-sites-XXXXXX";

static bool have(const char *cmd)
{
    char line[300];
    snprintf(line, sizeof line, "command -v %s >/dev/null 2>&1", cmd);
    return system(line) == 0;
}

static char *canon(const char *html)
{
    struct fc_buf b;
    struct fc_error err;
    fc_buf_init(&b);
    if (fc_html_canon(html ? html : "", html ? strlen(html) : 0, &b, &err) != FC_OK) {
        fc_buf_free(&b);
        return NULL;
    }
    return b.data ? b.data : calloc(1, 1);
}

static bool same_html(const char *a, const char *b)
{
    char *x = canon(a), *y = canon(b);
    bool same = x && y && strcmp(x, y) == 0;
    free(x);
    free(y);
    return same;
}

static enum fc_status write_site(const struct fc_feed *f, const char *dir, const char *site,
                                 const char *more, struct fc_error *err)
{
    struct fc_options o;
    fc_options_init(&o);
    o.flags |= FC_OPT_FORCE;
    fc_options_set(&o, "markdown", "site", site, NULL);
    if (more)
        fc_options_set(&o, "markdown", more, "true", NULL);
    struct fc_output *out = NULL;
    enum fc_status st = fc_output_open_dir(dir, o.flags, &out, err);
    if (!st)
        st = fc_write(f, out, fc_format_find("markdown"), &o, err);
    if (!st)
        st = fc_output_commit(out, err);
    fc_output_close(out);
    return st;
}

static void put_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

/* ---- kramdown ---------------------------------------------------------- */

/* Every post of fixture path through html2md, the kramdown adapter and
 * back (fc_kramdown_to_html) is its source HTML. */
static void kramdown_round_trip(const char *path, const char *label)
{
    struct fc_feed *f = NULL;
    struct fc_error err;
    if (tl_read_path(path, NULL, NULL, &f, &err) != FC_OK) {
        CHECK(label, false);
        return;
    }
    size_t n = 0, ok = 0;
    for (const struct fc_post_item *it = f->posts.first; it; it = it->next) {
        const char *h = it->post->content_html;
        if (!h)
            continue;
        n++;
        struct fc_buf md, k, back;
        fc_buf_init(&md);
        fc_buf_init(&k);
        fc_buf_init(&back);
        if (!fc_html_to_markdown(h, strlen(h), &md, &err) &&
            !fc_kramdown_from_commonmark(md.data, md.len, &k, &err) &&
            !fc_kramdown_to_html(k.data, k.len, &back, &err) && same_html(h, fc_buf_cstr(&back)))
            ok++;
        else
            printf("# %s: %s differs\n", label, it->post->id ? it->post->id : "?");
        fc_buf_free(&md);
        fc_buf_free(&k);
        fc_buf_free(&back);
    }
    char name[300];
    snprintf(name, sizeof name, "kramdown: %s: every post read back exactly", label);
    CHECK_INT(name, ok, n);
    fc_feed_free(f);
}

/* Build the site in dir with tool ("hugo" or "jekyll", warnings fatal):
 * true when it built; a SKIP when the tool is not installed. */
static bool built(const char *name, const char *dir, const char *tool)
{
    if (!have(tool)) {
        SKIP(name, strcmp(tool, "hugo") ? "jekyll is not installed (Debian package jekyll)"
                                        : "hugo is not installed (Debian package hugo)");
        return false;
    }
    char cmd[1400];
    if (!strcmp(tool, "hugo"))
        snprintf(cmd, sizeof cmd,
                 "cd '%s' && hugo --panicOnWarning >build.log 2>&1 && ! grep -q WARN build.log || "
                 "{ cat build.log; false; }",
                 dir);
    else
        snprintf(cmd, sizeof cmd,
                 "cd '%s' && TZ=UTC jekyll build --strict_front_matter >build.log 2>&1 || "
                 "{ cat build.log; false; }",
                 dir);
    bool ok = system(cmd) == 0;
    CHECK(name, ok);
    return ok;
}

/* The fixture as a Jekyll site built by jekyll: every post's page is its
 * source HTML (the layouts replaced by the content alone). */
static void kramdown_jekyll(const char *path, const char *label)
{
    struct fc_feed *f = NULL;
    struct fc_error err;
    char dir[600], p[800], name[300];
    snprintf(name, sizeof name, "jekyll: %s", label);
    if (tl_read_path(path, NULL, NULL, &f, &err) != FC_OK) {
        CHECK(name, false);
        return;
    }
    snprintf(dir, sizeof dir, "%s/k-%s", tmpdir, label);
    if (write_site(f, dir, "jekyll", NULL, &err) != FC_OK) {
        CHECK(name, false);
        fc_feed_free(f);
        return;
    }
    snprintf(p, sizeof p, "%s/_layouts/post.html", dir);
    put_file(p, "{{ content }}");
    snprintf(p, sizeof p, "%s/ids.txt", dir);
    put_file(p, "---\nlayout: null\n---\n{% for p in site.posts %}{{ p.guid }}\t{{ p.url }}\n"
                "{% endfor %}");
    built(name, dir, "jekyll");
    snprintf(p, sizeof p, "%s/_site/ids.txt", dir);
    char *ids = tl_slurp(p, NULL);
    size_t n = 0, ok = 0;
    for (const struct fc_post_item *it = f->posts.first; it && ids; it = it->next) {
        const struct fc_post *q = it->post;
        if (!q->content_html || !q->id)
            continue;
        n++;
        /* the post's line: "GUID\tURL" */
        const char *line = ids;
        size_t idl = strlen(q->id);
        while (line && !(strncmp(line, q->id, idl) == 0 && line[idl] == '\t'))
            line = (line = strchr(line, '\n')) ? line + 1 : NULL;
        if (!line)
            continue;
        const char *u = line + idl + 1;
        snprintf(p, sizeof p, "%s/_site%.*s", dir, (int)strcspn(u, "\n"), u);
        char *built = tl_slurp(p, NULL);
        if (built && same_html(q->content_html, built))
            ok++;
        else
            printf("# jekyll: %s: %s differs (%s)\n", label, q->id, p);
        free(built);
    }
    snprintf(name, sizeof name, "jekyll: %s: every post's page is its source HTML", label);
    CHECK_INT(name, ok, n);
    free(ids);
    fc_feed_free(f);
}

static void kramdown_corpus(void)
{
    glob_t g;
    bool jekyll = have("jekyll");
    if (glob(FC_ROOT "/fixtures/html-corpus/*.xml", 0, NULL, &g) == 0) {
        for (size_t i = 0; i < g.gl_pathc; i++) {
            const char *b = strrchr(g.gl_pathv[i], '/') + 1;
            kramdown_round_trip(g.gl_pathv[i], b);
            if (jekyll)
                kramdown_jekyll(g.gl_pathv[i], b);
        }
        globfree(&g);
    }
    kramdown_round_trip(FC_ROOT TL_WORDPRESS, "wordpress");
    if (jekyll)
        kramdown_jekyll(FC_ROOT TL_WORDPRESS, "wordpress");
    if (access(FC_ROOT TL_SEED, R_OK) == 0) {
        kramdown_round_trip(FC_ROOT TL_SEED, "seed");
        if (jekyll)
            kramdown_jekyll(FC_ROOT TL_SEED, "seed");
    }
    if (!jekyll)
        SKIP("jekyll: the corpus built", "jekyll is not installed (Debian package jekyll)");
    /* what stays Markdown and what does not */
    struct {
        const char *md, *want;
    } cases[] = {
        {"Plain *text* and [a link](https://x.example/).\n",
         "Plain *text* and [a link](https://x.example/).\n"},
        {"100\\% and AT\\&T\n", "100% and AT&amp;T\n"},
        {"a | b\n", "{::nomarkdown}\n<p>a | b</p>\n{:/}\n"},
        {"<div>x</div>\n", "{::nomarkdown}\n<div>x</div>\n{:/}\n"},
        {"</raw-html>\ntext <b>x</b>\n", "{::nomarkdown}\ntext <b>x</b>\n{:/}\n"},
        {"<!--more-->\n", "<!--more-->\n"},
        {"3. three\n", "{::nomarkdown}\n<ol start=\"3\">\n<li>three</li>\n</ol>\n{:/}\n"},
        {"- a\n\n* b\n", "- a\n\n{::nomarkdown}\n<ul>\n<li>b</li>\n</ul>\n{:/}\n"},
        {"`` a`b ``\n", "{::nomarkdown}\n<p><code>a`b</code></p>\n{:/}\n"},
        {"```js\nx {{ y }}\n```\n", "```js\nx {{ y }}\n```\n"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct fc_buf b;
        struct fc_error err;
        fc_buf_init(&b);
        char name[200];
        snprintf(name, sizeof name, "kramdown: case %zu", i + 1);
        CHECK(name,
              fc_kramdown_from_commonmark(cases[i].md, strlen(cases[i].md), &b, &err) == FC_OK);
        CHECK_STR(name, fc_buf_cstr(&b), cases[i].want);
        fc_buf_free(&b);
    }
}

/* ---- old addresses --------------------------------------------------------- */

static void addresses(void)
{
    struct fc_sw w = {.origin = "https://example.org",
                      .sub_path = "/blog/",
                      .base_url = "https://example.org/blog/"};
    struct fc_arena *a = fc_arena_new();
    const char *why;
    struct {
        const char *in, *path, *why;
    } cases[] = {
        {"https://example.org/blog/index.php/2011/03/07/x/", "/index.php/2011/03/07/x/", NULL},
        {"http://EXAMPLE.org/blog/x.html#frag", "/x.html", NULL},
        {"https://example.org/blog/?p=11", NULL, "query"},
        {"https://example.org/blog/", NULL, "root"},
        {"https://example.org/blog", NULL, "root"},
        {"https://example.org/other/x/", NULL, "outside"},
        {"https://www.youtube.com/watch?v=abc", NULL, "host"},
        {"https://other.example/blog/x/", NULL, "host"},
        {"/2011/x/", "/2011/x/", NULL},
        {"https://example.org/blog/caf%C3%A9/%2Fslash", "/café/%2Fslash", NULL},
        {"https://example.org/blog/bad%FF/", "/bad%FF/", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const char *p = fc_sw_site_path(&w, a, cases[i].in, &why);
        char name[300];
        snprintf(name, sizeof name, "address: %s", cases[i].in);
        CHECK(name, (!p && !cases[i].path) || (p && cases[i].path && !strcmp(p, cases[i].path)));
        CHECK(name, (!why && !cases[i].why) || (why && cases[i].why && !strcmp(why, cases[i].why)));
    }
    fc_arena_free(a);
}

/* ---- a feed with pages, comments, menus and files -------------------------- */

static const char *add_str(struct fc_feed *f, const char *s)
{
    return fc_strdup(f->arena, s, (size_t)-1);
}

static struct fc_post *new_post(struct fc_feed *f, const char *id, const char *url,
                                const char *title, const char *date, const char *html)
{
    struct fc_post *p = fc_post_new();
    p->id = fc_strdup(p->arena, id, (size_t)-1);
    p->url = fc_strdup(p->arena, url, (size_t)-1);
    p->title.value = fc_strdup(p->arena, title, (size_t)-1);
    if (date)
        fc_time_parse(date, &p->published);
    p->content_html = fc_strdup(p->arena, html, (size_t)-1);
    struct fc_post_item *it = fc_list_add(f->arena, &f->posts, sizeof *it);
    it->post = p;
    return p;
}

static void add_comment(struct fc_post *p, const char *id, const char *parent, const char *who,
                        const char *html)
{
    struct fc_comment *c = fc_list_add(p->arena, &p->comments, sizeof *c);
    c->id = fc_strdup(p->arena, id, (size_t)-1);
    c->parent_id = parent ? fc_strdup(p->arena, parent, (size_t)-1) : NULL;
    c->author.name = fc_strdup(p->arena, who, (size_t)-1);
    fc_time_parse("2024-05-12T10:00:00+01:00", &c->published);
    c->published.minute = (int)strlen(id) + atoi(id) % 50;
    c->content_html = fc_strdup(p->arena, html, (size_t)-1);
}

static void add_menu(struct fc_feed *f, const char *id, const char *parent, const char *name,
                     const char *url, const char *post_id, int weight)
{
    struct fc_menu_item *m = fc_list_add(f->arena, &f->menus, sizeof *m);
    m->menu = add_str(f, "main");
    m->id = add_str(f, id);
    m->parent_id = parent ? add_str(f, parent) : NULL;
    m->name = add_str(f, name);
    m->url = url ? add_str(f, url) : NULL;
    m->post_id = post_id ? add_str(f, post_id) : NULL;
    m->weight = weight;
}

static void add_res(struct fc_arena *a, struct fc_list *l, const char *path, const char *url)
{
    struct fc_resource *r = fc_list_add(a, l, sizeof *r);
    r->path = fc_strdup(a, path, (size_t)-1);
    r->url = fc_strdup(a, url, (size_t)-1);
}

static struct fc_feed *rich_feed(const char *root)
{
    struct fc_feed *f = fc_feed_new();
    f->title.value = add_str(f, "Rich site");
    f->home_url = add_str(f, "https://example.org/blog/");
    f->language = add_str(f, "en");
    f->site_root = add_str(f, root);
    add_res(f->arena, &f->files, "assets/site.css", "/assets/site.css");
    struct fc_post *p = new_post(
        f, "p1", "https://example.org/blog/2024/05/trip/", "The trip", "2024-05-12T09:30:00+01:00",
        "<p>A photo: <img src=\"boat.jpg\" alt=\"Boat\"> and the <a "
        "href=\"https://example.org/blog/2024/05/trip/map.pdf\">map</a>.</p>");
    add_res(p->arena, &p->resources, "2024/05/trip/boat.jpg", "/2024/05/trip/boat.jpg");
    add_res(p->arena, &p->resources, "2024/05/trip/map.pdf", "2024/05/trip/map.pdf");
    add_comment(p, "1", NULL, "Alice", "<p>First!</p>");
    add_comment(p, "2", "1", "Bob", "<p>A reply to Alice.</p>");
    add_comment(p, "3", NULL, "Carol", "<p>Another one.</p>");
    add_comment(p, "4", "2", "Dan", "<p>Deeper.</p>");
    struct fc_post *team = new_post(f, "pg-team", "https://example.org/blog/about/team/", "Team",
                                    "2024-01-02T00:00:00Z", "<p>The team.</p>");
    team->kind = fc_strdup(team->arena, "page", (size_t)-1);
    team->parent_id = fc_strdup(team->arena, "pg-about", (size_t)-1);
    struct fc_post *about = new_post(f, "pg-about", "https://example.org/blog/?page_id=2", "About",
                                     "2024-01-01T00:00:00Z", "<p>About us.</p>");
    about->kind = fc_strdup(about->arena, "page", (size_t)-1);
    add_menu(f, "m1", NULL, "About us", "https://example.org/blog/?page_id=2", "pg-about", 1);
    add_menu(f, "m2", "m1", "Our team", NULL, "pg-team", 1);
    add_menu(f, "m3", NULL, "The trip", "https://example.org/blog/2024/05/trip/", "p1", 2);
    add_menu(f, "m4", NULL, "Elsewhere", "https://other.example/", NULL, 3);
    return f;
}

static bool file_has(const char *dir, const char *rel, const char *text)
{
    char p[900];
    snprintf(p, sizeof p, "%s/%s", dir, rel);
    char *s = tl_slurp(p, NULL);
    bool ok = s && (!text || strstr(s, text));
    if (!ok)
        printf("# %s: %s\n", p, s ? "no match" : "missing");
    free(s);
    return ok;
}

static void rich_sites(void)
{
    char root[600], dir[700], cmd[1600];
    snprintf(root, sizeof root, "%s/source", tmpdir);
    snprintf(cmd, sizeof cmd, "mkdir -p '%s/assets' '%s/2024/05/trip'", root, root);
    if (system(cmd) != 0)
        return;
    snprintf(dir, sizeof dir, "%s/assets/site.css", root);
    put_file(dir, "body { color: black }\n");
    snprintf(dir, sizeof dir, "%s/2024/05/trip/boat.jpg", root);
    put_file(dir, "JPEG");
    snprintf(dir, sizeof dir, "%s/2024/05/trip/map.pdf", root);
    put_file(dir, "PDF");
    struct fc_feed *f = rich_feed(root);
    struct fc_error err;

    /* Hugo, page bundles: the resources beside the post */
    snprintf(dir, sizeof dir, "%s/rich-hugo", tmpdir);
    CHECK("rich hugo: written", write_site(f, dir, "hugo", "bundles", &err) == FC_OK);
    CHECK("rich hugo: a parent page heads its section",
          file_has(dir, "content/about/_index.md", "title: \"About\""));
    CHECK("rich hugo: the child below it", file_has(dir, "content/about/team/index.md", "Team"));
    CHECK("rich hugo: the page's old address in the map",
          file_has(dir, "static/_redirects",
                   "/blog/ page_id=2 https://example.org/blog/about/ 301!"));
    CHECK("rich hugo: comments as data",
          file_has(dir, "data/comments/trip.yaml", "parent_id: \"1\""));
    CHECK("rich hugo: the menu in the configuration",
          file_has(dir, "hugo.yaml",
                   "name: \"Our team\"\n    url: \"https://example.org/blog/about/team/\"\n    "
                   "weight: 1\n    parent: \"m1\""));
    CHECK("rich hugo: a menu entry to a post at its new URL",
          file_has(dir, "hugo.yaml", "url: \"https://example.org/blog/posts/trip/\""));
    CHECK("rich hugo: a resource in the bundle",
          file_has(dir, "content/posts/trip/boat.jpg", "JPEG"));
    CHECK("rich hugo: references relative to the bundle",
          file_has(dir, "content/posts/trip/index.md", "![Boat](boat.jpg) and the [map](map.pdf)"));
    CHECK("rich hugo: the static file", file_has(dir, "static/assets/site.css", "color"));
    if (built("rich hugo: builds", dir, "hugo")) {
        CHECK("rich hugo: comments threaded",
              file_has(dir, "public/posts/trip/index.html",
                       "<p>A reply to Alice.</p>\n<ol>\n<li id=\"comment-4\">"));
        CHECK(
            "rich hugo: the menu shown",
            file_has(dir, "public/index.html",
                     "<li><a href=\"https://example.org/blog/about/\">About us</a><ul><li><a "
                     "href=\"https://example.org/blog/about/team/\">Our team</a></li></ul></li>"));
        CHECK("rich hugo: the resource published beside the page",
              file_has(dir, "public/posts/trip/boat.jpg", "JPEG"));
        CHECK("rich hugo: the page at its path",
              file_has(dir, "public/about/team/index.html", "<h1>Team</h1>"));
        CHECK("rich hugo: the static file published",
              file_has(dir, "public/assets/site.css", NULL));
    }

    /* Jekyll: files at their URLs, references from the host's root */
    snprintf(dir, sizeof dir, "%s/rich-jekyll", tmpdir);
    CHECK("rich jekyll: written", write_site(f, dir, "jekyll", NULL, &err) == FC_OK);
    CHECK("rich jekyll: pages at their paths",
          file_has(dir, "about/team.md", "permalink: \"/about/team/\""));
    CHECK("rich jekyll: comments as data, one a file",
          file_has(dir, "_data/comments/2024-05-12-trip/2.yml", "parent_id: \"1\""));
    CHECK("rich jekyll: the menu as data", file_has(dir, "_data/navigation.yml", "children:"));
    CHECK("rich jekyll: a resource at its URL", file_has(dir, "2024/05/trip/boat.jpg", "JPEG"));
    CHECK("rich jekyll: references from the host's root",
          file_has(dir, "_posts/2024-05-12-trip.md", "![Boat](/blog/2024/05/trip/boat.jpg)"));
    if (built("rich jekyll: builds", dir, "jekyll")) {
        CHECK("rich jekyll: comments threaded",
              file_has(dir, "_site/2024/05/12/trip.html",
                       "<p>A reply to Alice.</p>\n<ol>\n<li id=\"comment-4\">"));
        CHECK("rich jekyll: the menu shown",
              file_has(dir, "_site/index.html",
                       "<a href=\"https://example.org/blog/about/team/\">Our team</a>"));
        CHECK("rich jekyll: the resource published",
              file_has(dir, "_site/2024/05/trip/map.pdf", "PDF"));
        CHECK("rich jekyll: the page at its path",
              file_has(dir, "_site/about/team/index.html", "<h1>Team</h1>"));
    }

    /* Zola, Eleventy, plain: the files */
    snprintf(dir, sizeof dir, "%s/rich-zola", tmpdir);
    CHECK("rich zola: written", write_site(f, dir, "zola", NULL, &err) == FC_OK);
    CHECK("rich zola: comments in [extra]",
          file_has(dir, "content/posts/trip.md",
                   "\n[extra]\nguid = \"p1\"\ncomments = [{ id = \"1\""));
    CHECK("rich zola: the menu in config.toml", file_has(dir, "config.toml", "[extra.menus]"));
    CHECK("rich zola: a page below its parent",
          file_has(dir, "content/about/team.md", "title = \"Team\""));
    snprintf(dir, sizeof dir, "%s/rich-eleventy", tmpdir);
    CHECK("rich eleventy: written", write_site(f, dir, "eleventy", NULL, &err) == FC_OK);
    CHECK("rich eleventy: comments in front matter",
          file_has(dir, "posts/trip.md", "\ncomments:\n- id: \"1\""));
    CHECK("rich eleventy: the menu as data",
          file_has(dir, "_data/navigation.json", "\"Our team\""));
    CHECK("rich eleventy: the files copied as they are",
          file_has(dir, "eleventy.config.js", "addPassthroughCopy(\"2024\")") &&
              file_has(dir, "eleventy.config.js", "addPassthroughCopy(\"assets\")"));
    snprintf(dir, sizeof dir, "%s/rich-plain", tmpdir);
    CHECK("rich plain: written", write_site(f, dir, "plain", NULL, &err) == FC_OK);
    CHECK("rich plain: comments in front matter",
          file_has(dir, "2024-05-12-trip.md", "\ncomments:\n"));

    /* --keep-urls: the post at its old address */
    snprintf(dir, sizeof dir, "%s/rich-keep", tmpdir);
    CHECK("keep-urls: written", write_site(f, dir, "hugo", "keep-urls", &err) == FC_OK);
    CHECK("keep-urls: the old path is the post's url",
          file_has(dir, "content/posts/trip.md", "\nurl: \"/2024/05/trip/\"\n"));
    fc_feed_free(f);
}

/* A captioned figure as Hugo's figure shortcode: Hugo renders back the
 * same figure. */
static void hugo_figure(void)
{
    static const char fig[] =
        "<figure class=\"wp-caption alignnone\"><a href=\"https://example.org/big.jpg\">"
        "<img src=\"https://example.org/a.jpg\" alt=\"A caf\xc3\xa9\" width=\"300\" "
        "height=\"200\"></a><figcaption><p>At <em>noon</em> &amp; after</p></figcaption>"
        "</figure>";
    struct fc_feed *f = fc_feed_new();
    f->home_url = add_str(f, "https://example.org/");
    new_post(f, "fig", "https://example.org/fig/", "Figure", "2024-01-01T00:00:00Z", fig);
    char dir[600], p[800], cmd[1400];
    struct fc_error err;
    snprintf(dir, sizeof dir, "%s/figure", tmpdir);
    CHECK("hugo figure: written", write_site(f, dir, "hugo", NULL, &err) == FC_OK);
    CHECK("hugo figure: as the shortcode",
          file_has(dir, "content/posts/fig.md",
                   "{{< figure src=\"https://example.org/a.jpg\" "
                   "alt=\"A caf\xc3\xa9\" width=\"300\" height=\"200\" "
                   "class=\"wp-caption alignnone\" "
                   "link=\"https://example.org/big.jpg\" caption=\"At "
                   "<em>noon</em> &amp; after\" >}}"));
    if (!have("hugo")) {
        SKIP("hugo figure: Hugo renders the same figure",
             "hugo is not installed (Debian package hugo)");
        fc_feed_free(f);
        return;
    }
    snprintf(p, sizeof p, "%s/layouts/_default/single.html", dir);
    snprintf(cmd, sizeof cmd, "mkdir -p '%s/layouts/_default'", dir);
    if (system(cmd) == 0)
        put_file(p, "{{ .Content }}");
    snprintf(cmd, sizeof cmd, "cd '%s' && hugo >build.log 2>&1 || { cat build.log; false; }", dir);
    CHECK("hugo figure: builds", system(cmd) == 0);
    snprintf(p, sizeof p, "%s/public/posts/fig/index.html", dir);
    char *built = tl_slurp(p, NULL);
    CHECK("hugo figure: Hugo renders the same figure", built && same_html(fig, built));
    free(built);
    fc_feed_free(f);
}

/* ---- template syntax in a body ------------------------------------------- */

static unsigned n_warned;
static void count_warning(void *ctx, const struct fc_error *w)
{
    (void)ctx;
    (void)w;
    n_warned++;
}

/* escape(in) as the body of a Hugo (zola: Zola) post is want, with
 * `warnings` warnings. */
static void escape_case(bool zola, const char *in, const char *want, unsigned warnings)
{
    struct fc_options opt;
    fc_options_init(&opt);
    opt.warn = count_warning;
    struct fc_error err = {0};
    struct fc_sticky st = {.opt = &opt, .err = &err};
    struct fc_buf b;
    fc_buf_init(&b);
    fc_buf_puts(&b, in);
    n_warned = 0;
    if (zola)
        fc_sw_escape_zola(&st, &b);
    else
        fc_sw_escape_hugo(&st, &b);
    char name[300];
    snprintf(name, sizeof name, "%s escape: %s", zola ? "zola" : "hugo", in);
    CHECK_STR(name, fc_buf_cstr(&b), want);
    CHECK(name, st.st == FC_OK && n_warned == warnings);
    fc_buf_free(&b);
}

static void template_escapes(void)
{
    escape_case(false, "", "", 0);
    escape_case(false, "{", "{", 0);
    escape_case(false, "{{", "{{", 0);
    escape_case(false, "{{<", "{{<", 1);
    escape_case(false, "a { b } {{ c }} {%d%}", "a { b } {{ c }} {%d%}", 0);
    escape_case(false, "{{< x >}}", "{{</* x */>}}", 0);
    escape_case(false, "{{% x %}}", "{{%/* x */%}}", 0);
    escape_case(false, "a {{<x>}} b {{% y %}}{{< /x >}} c",
                "a {{</*x*/>}} b {{%/* y */%}}{{</* /x */>}} c", 0);
    escape_case(false, "{{{< x >}}", "{{{</* x */>}}", 0);
    escape_case(false, "{{</* x */>}} {{< y >}}", "{{</* x */>}} {{</* y */>}}", 0);
    escape_case(false, "{{< x %}} {{< y", "{{< x %}} {{< y", 1);
    escape_case(false, "`{{< x >}}`\n\n    {{< y >}}\n", "`{{</* x */>}}`\n\n    {{</* y */>}}\n",
                0);
    escape_case(true, "{{ page.title }} {{ youtube(id=\"x\") }}",
                "{{ page.title }} {{/* youtube(id=\"x\") */}}", 0);
    escape_case(true, "{% quote(a=1) %}q{% end %} {% x %}",
                "{%/* quote(a=1) */%}q{%/* end */%} {% x %}", 0);
    escape_case(true, "no braces", "no braces", 0);
    /* escaped already: left whole, braces in its strings too (fuzz-template-1) */
    escape_case(true, "{{/* f(a=\"{{ g() }}\") */}} {{ h() }}",
                "{{/* f(a=\"{{ g() }}\") */}} {{/* h() */}}", 0);
}

static size_t lines_of(const char *dir, const char *rel, const char *prefix)
{
    char p[900];
    snprintf(p, sizeof p, "%s/%s", dir, rel);
    char *s = tl_slurp(p, NULL);
    size_t n = 0;
    for (const char *l = s; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : "")
        n += strncmp(l, prefix, strlen(prefix)) == 0;
    free(s);
    return n;
}

/* A redirect map of 3000 query addresses (over 200 KB), written as it is
 * made: every line there, in order, the files whole. */
static void big_map(void)
{
    struct fc_feed *f = fc_feed_new();
    f->title.value = add_str(f, "Many");
    f->home_url = add_str(f, "https://example.org/blog/");
    char url[100], title[40], id[20];
    for (int i = 1; i <= 3000; i++) {
        snprintf(url, sizeof url, "https://example.org/blog/?p=%d", i);
        snprintf(title, sizeof title, "Post %d", i);
        snprintf(id, sizeof id, "p%d", i);
        new_post(f, id, url, title, "2024-01-02T00:00:00Z", "<p>x</p>");
    }
    char dir[700];
    struct fc_error err;
    snprintf(dir, sizeof dir, "%s/big-map", tmpdir);
    CHECK("big map: written", write_site(f, dir, "hugo", NULL, &err) == FC_OK);
    CHECK_INT("big map: a Netlify line per post",
              (long long)lines_of(dir, "static/_redirects", "/blog/ p="), 3000);
    CHECK("big map: the first and the last",
          file_has(dir, "static/_redirects",
                   "/blog/ p=1 https://example.org/blog/posts/post-1/ 301!\n/blog/ p=2 ") &&
              file_has(dir, "static/_redirects",
                       "/blog/ p=3000 https://example.org/blog/posts/post-3000/ 301!\n"));
    CHECK_INT("big map: an nginx line per post",
              (long long)lines_of(dir, "nginx-redirects.conf", "    \"example.org/blog/?p="), 3000);
    CHECK("big map: the nginx map closed at its end",
          file_has(
              dir, "nginx-redirects.conf",
              "\"example.org/blog/?p=3000\" \"https://example.org/blog/posts/post-3000/\";\n}\n"));
    fc_feed_free(f);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (!mkdtemp(tmpdir))
        return 2;
    addresses();
    template_escapes();
    kramdown_corpus();
    rich_sites();
    big_map();
    hugo_figure();
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (!getenv("KEEP") && system(cmd) != 0)
        return 2;
    return CHECK_DONE();
}
