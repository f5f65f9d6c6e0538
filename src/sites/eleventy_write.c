/*
 * eleventy_write.c - writing an Eleventy site (see site_write.h; the
 * rules are Eleventy 2.x and 3.x's, as the notes on it record them:
 * Eleventy is not in Debian, so the tests check the files' structure):
 *
 *   posts   posts/SLUG.md, permalink: /posts/SLUG/ (written out: the
 *           default would keep a date in the file name), tags "posts"
 *           and the layout from posts/posts.json (directory data)
 *   pages   PATH.md with permalink: /PATH/ and the page layout
 *   drafts  draft: true, and permalink: false and
 *           eleventyExcludeFromCollections: true, so that a site without
 *           a drafts setting of its own does not publish them
 *   keys    title, date (full RFC 3339: Eleventy reads a date without an
 *           offset as UTC, and one with a space as invalid), updated,
 *           tags, categories, summary, authors, guid, image, comments,
 *           permalink, templateEngineOverride: md (Eleventy runs Liquid
 *           over Markdown bodies by default: "{{ x }}" would vanish)
 *   redirects  Eleventy has no aliases: each old address is a page of its
 *           own, redirects/SLUG[-N].html, published at the old path,
 *           that sends the browser to the post (meta refresh)
 *   site    eleventy.config.js (directories, passthrough copies of the
 *           static files and _redirects), package.json, _data/site.json,
 *           _data/navigation.json (menus), _includes/layouts/ (base,
 *           post, page: Nunjucks), index.njk (the home page listing every
 *           post), posts/posts.json
 */
#include "sites/site_write.h"

#include <stdlib.h>
#include <string.h>

static const char *const eleventy_owned[] = {"permalink",
                                             "layout",
                                             "templateEngineOverride",
                                             "eleventyExcludeFromCollections",
                                             "eleventyComputed",
                                             "content",
                                             "page",
                                             "collections",
                                             "pagination",
                                             NULL};
static const char *const eleventy_reserved[] = {"index",        "posts", "redirects",
                                                "node_modules", "feed",  NULL};

static void eleventy_place(struct fc_sw_post *sp, const char *day, const char *ext)
{
    (void)day;
    fc_sw_place(sp, "posts/", "posts/", "", false, ext);
}

/* Does a permalink end in a file name with no extension (Eleventy 3
 * refuses those unless told)? */
static bool no_extension(const char *path)
{
    size_t n = strlen(path);
    if (!n || path[n - 1] == '/')
        return false;
    const char *b = strrchr(path, '/');
    return !strchr(b ? b + 1 : path, '.');
}

static void eleventy_keys(struct fc_sw_post *sp, struct fc_extcodec_enc *x,
                          struct fc_extcodec_out *o)
{
    if (sp->draft) {
        fc_sw_put_bool(x, o, "permalink", false);
        fc_sw_put_bool(x, o, "eleventyExcludeFromCollections", true);
    } else {
        fc_extcodec_put_str(x, o, "permalink", sp->url_path);
        if (no_extension(sp->url_path))
            fc_sw_put_bool(x, o, "eleventyAllowMissingExtension", true);
    }
    if (sp->page)
        fc_extcodec_put_str(x, o, "layout", "layouts/page.njk");
    fc_extcodec_put_str(x, o, "templateEngineOverride", sp->w->body_html ? "html" : "md");
    fc_extcodec_put_str(x, o, "image", sp->image);
    json_t *c = fc_sw_comments_json(x, sp->p);
    if (c && json_object_set_new(sp->fm, "comments", c))
        fc_sticky_nomem(sp->st);
}

/* A redirect page for each old address. */
static void eleventy_redirects(struct fc_sw_post *sp)
{
    if (sp->draft || !sp->n_aliases)
        return;
    const char *to = fc_sw_abs_url(sp->w, sp->a, sp->url_path);
    struct fc_buf rel, b;
    fc_buf_init(&rel);
    fc_buf_init(&b);
    struct fc_extcodec_enc x;
    fc_extcodec_enc_init(&x, sp->st, fc_buf_cstr(&sp->rel));
    for (size_t i = 0; i < sp->n_aliases && to && fc_sticky_ok(sp->st); i++) {
        json_t *fm = json_object();
        struct fc_extcodec_out o = fc_extcodec_tree(fm);
        if (!fm) {
            fc_sticky_nomem(sp->st);
            break;
        }
        fc_extcodec_put_str(&x, &o, "permalink", sp->aliases[i]);
        if (no_extension(sp->aliases[i]))
            fc_sw_put_bool(&x, &o, "eleventyAllowMissingExtension", true);
        fc_sw_put_bool(&x, &o, "eleventyExcludeFromCollections", true);
        fc_extcodec_put_str(&x, &o, "templateEngineOverride", "html");
        fc_buf_reset(&b);
        fc_sw_front_matter_text(sp->st, fm, false, &b);
        fc_sw_redirect_page(&b, to);
        json_decref(fm);
        fc_buf_reset(&rel);
        if (i)
            fc_buf_printf(&rel, "redirects/%s-%zu.html", sp->slug, i + 1);
        else
            fc_buf_printf(&rel, "redirects/%s.html", sp->slug);
        if (sp->page) { /* page slugs repeat across parents */
            fc_buf_reset(&rel);
            fc_buf_printf(&rel, "redirects/%s/%zu.html", sp->page_path, i + 1);
        }
        if (rel.oom)
            fc_sticky_nomem(sp->st);
        fc_sw_write_buf(sp->w, sp->st, fc_buf_cstr(&rel), &b);
    }
    if (!to)
        fc_sticky_nomem(sp->st);
    fc_extcodec_enc_free(&x);
    fc_buf_free(&rel);
    fc_buf_free(&b);
}

/* ---- the site's files -------------------------------------------------------- */

static const char eleventy_base[] =
    "<!DOCTYPE html>\n<html lang=\"{{ site.language or 'en' }}\">\n"
    "<head><meta charset=\"utf-8\"><title>{% if title %}{{ title }} | {% endif %}"
    "{{ site.title }}</title></head>\n<body>\n"
    "{% for name, items in navigation %}<nav class=\"menu\"><ul>{% for item in items %}"
    "<li><a href=\"{{ item.url }}\">{{ item.name }}</a>{% if item.children %}<ul>"
    "{% for c in item.children %}<li><a href=\"{{ c.url }}\">{{ c.name }}</a></li>{% endfor %}"
    "</ul>{% endif %}</li>{% endfor %}</ul></nav>\n{% endfor %}"
    "{{ content | safe }}\n</body>\n</html>\n";

#define ELEVENTY_COMMENTS                                                                          \
    "{% if comments %}<section class=\"comments\">\n<h2>Comments</h2>\n<ol>\n"                     \
    "{% for c in comments %}<li id=\"comment-{{ c.id }}\"><p class=\"comment-meta\">"              \
    "{{ c.author.name if c.author }}{% if c.parent_id %} (in reply to <a href=\"#comment-"         \
    "{{ c.parent_id }}\">{{ c.parent_id }}</a>){% endif %} <time datetime=\"{{ c.published }}\">"  \
    "{{ c.published }}</time></p>\n{{ c.content_html | safe }}</li>\n{% endfor %}</ol>\n"          \
    "</section>{% endif %}\n"

static const char eleventy_post[] =
    "---\nlayout: layouts/base.njk\n---\n<article>\n<h1>{{ title }}</h1>\n"
    "<time datetime=\"{{ page.date.toISOString() }}\">{{ page.date.toISOString() }}</time>\n"
    "{% if image %}<img class=\"featured\" src=\"{{ image }}\" alt=\"\">{% endif %}\n"
    "<ul class=\"tags\">{% for t in tags %}{% if t != \"posts\" %}<li>{{ t }}</li>{% endif %}"
    "{% endfor %}</ul>\n{{ content | safe }}\n</article>\n" ELEVENTY_COMMENTS;

static const char eleventy_page[] =
    "---\nlayout: layouts/base.njk\n---\n<article>\n<h1>{{ title }}</h1>\n"
    "{% if image %}<img class=\"featured\" src=\"{{ image }}\" alt=\"\">{% endif %}\n"
    "{{ content | safe }}\n</article>\n" ELEVENTY_COMMENTS;

static const char eleventy_index[] =
    "---\nlayout: layouts/base.njk\neleventyExcludeFromCollections: true\n---\n"
    "<h1>{{ site.title }}</h1>\n{% if site.description %}<p>{{ site.description }}</p>"
    "{% endif %}\n<ul class=\"posts\">\n{% for post in collections.posts | reverse %}"
    "<li><a href=\"{{ post.url }}\">{{ post.data.title }}</a> <time datetime=\""
    "{{ post.date.toISOString() }}\">{{ post.date.toISOString() }}</time></li>\n"
    "{% endfor %}</ul>\n";

static const char eleventy_posts_json[] =
    "{\n  \"tags\": [\"posts\"],\n  \"layout\": \"layouts/post.njk\"\n}\n";

static const char eleventy_package[] =
    "{\n  \"private\": true,\n  \"scripts\": { \"build\": \"eleventy\" },\n"
    "  \"devDependencies\": { \"@11ty/eleventy\": \"^3.0.0\" }\n}\n";

static const struct fc_sw_file eleventy_files[] = {
#define T(rel, s) FC_SW_FILE(rel, s)
    T("_includes/layouts/base.njk", eleventy_base), T("_includes/layouts/post.njk", eleventy_post),
    T("_includes/layouts/page.njk", eleventy_page), T("index.njk", eleventy_index),
    T("posts/posts.json", eleventy_posts_json),     T("package.json", eleventy_package),
#undef T
};

/* eleventy.config.js: CommonJS, which Eleventy 2 and 3 both load; the
 * static files' top directories and the redirect map copied as they are
 * (Eleventy copies only what it is told to). */
static void eleventy_config(struct fc_sw *w, struct fc_sticky *st, const struct fc_feed *f)
{
    (void)f;
    struct fc_buf b;
    fc_buf_init(&b);
    fc_buf_puts(&b, "// Written by feedconv: an Eleventy 2.x / 3.x site.\n"
                    "module.exports = function (eleventyConfig) {\n"
                    "  eleventyConfig.ignores.add(\"README.md\");\n"
                    "  eleventyConfig.ignores.add(\"nginx-redirects.conf\");\n");
    if (w->n_map)
        fc_buf_puts(&b, "  eleventyConfig.addPassthroughCopy(\"_redirects\");\n");
    /* the top names of the static files and resources copied */
    const char *t = fc_buf_cstr(&w->tops);
    for (const char *p = t; *p;) {
        size_t n = strcspn(p, "\n");
        if (n && !memchr(p, '"', n) && !memchr(p, '\\', n))
            fc_buf_printf(&b, "  eleventyConfig.addPassthroughCopy(\"%.*s\");\n", (int)n, p);
        p += n + (p[n] == '\n');
    }
    fc_buf_puts(&b, "  return {\n    dir: { input: \".\", includes: \"_includes\", data: "
                    "\"_data\", output: \"_site\" },\n"
                    "    markdownTemplateEngine: false,\n  };\n};\n");
    fc_sw_write_buf(w, st, "eleventy.config.js", &b);
    fc_buf_free(&b);
}

static void eleventy_site(struct fc_sw *w, struct fc_sticky *st, const struct fc_feed *f)
{
    struct fc_sw_doc d;
    if (!fc_sw_doc_open(&d, w, st, f))
        return;
    fc_extcodec_put_str(&d.x, &d.o, "title", d.title);
    fc_extcodec_put_str(&d.x, &d.o, "description", d.desc);
    fc_extcodec_put_str(&d.x, &d.o, "url", w->base_url);
    fc_extcodec_put_str(&d.x, &d.o, "language", f->language);
    fc_extcodec_put_str(&d.x, &d.o, "author", fc_sw_feed_author(f));
    fc_sw_doc_feedconv(&d, &d.o);
    fc_sw_doc_write(&d, NULL, "_data/site.json", FC_SW_JSON);
    /* the menus: {MENU: [...]}, {} when none (the layout loops over it) */
    json_t *nav = json_object();
    struct fc_extcodec_out no = fc_extcodec_tree(nav);
    if (!nav)
        fc_sticky_nomem(st);
    else
        fc_sw_menus(w, &d.x, &no, f);
    json_t *menus = json_object_get(nav, "menus");
    fc_sw_doc_write(&d, menus ? menus : nav, "_data/navigation.json", FC_SW_JSON);
    json_decref(nav);
    fc_sw_doc_close(&d);
    eleventy_config(w, st, f);
    fc_sw_write_files(w, st, eleventy_files, sizeof eleventy_files / sizeof *eleventy_files);
}

const struct fc_sw_gen fc_sw_eleventy = {
    .name = "eleventy",
    .updated_key = "updated",
    .summary_key = "summary",
    .alias_key = NULL,
    .owned = eleventy_owned,
    .reserved = eleventy_reserved,
    .name_key = fc_sw_slug_key,
    .place = eleventy_place,
    .keys_early = eleventy_keys,
    .post_files = eleventy_redirects,
    .site_files = eleventy_site,
};
