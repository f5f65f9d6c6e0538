/*
 * jekyll_write.c - writing a Jekyll site (see site_write.h; the rules are
 * Jekyll 4.3's with jekyll-feed and jekyll-redirect-from, as the notes on
 * them record them):
 *
 *   posts   _posts/YYYY-MM-DD-SLUG.md, published at
 *           BASEURL/YYYY/MM/DD/SLUG.html (the permalink _config.yml sets:
 *           Jekyll's "date" style without the categories, so that a
 *           post's categories do not move it)
 *   drafts  _drafts/SLUG.md; a draft page: published: false
 *   pages   PATH.md (the parents' slugs and its own, "about/team.md")
 *           with permalink: /PATH/ and layout: page
 *   keys    title, date, last_modified_at, slug, authors, tags,
 *           categories, excerpt, redirect_from (old addresses from the
 *           site's root), guid, permalink (--keep-urls), image,
 *           render_with_liquid: false when the body holds "{{" or "{%"
 *   site    _config.yml (title, description, url, baseurl, author, lang,
 *           timezone, permalink, plugins: jekyll-feed and
 *           jekyll-redirect-from, feed.posts_limit, excerpt_separator,
 *           kramdown's settings, defaults: layout post), _layouts/
 *           (default, post, page, home), _includes/ (menu, comments),
 *           index.html (the home page listing every post),
 *           _data/navigation.yml (menus), _data/comments/ (site_data.c).
 *           No Gemfile: with one, Jekyll runs Bundler, which writes a
 *           Gemfile.lock into the site; plugins: alone loads the plugins.
 *   bodies  kramdown-safe Markdown (kramdown.c)
 */
#include "sites/kramdown.h"
#include "sites/site_write.h"

#include <string.h>

static const char *const jekyll_owned[] = {"permalink", NULL};
static const char *const jekyll_reserved[] = {"index",  "feed",    "404",    "redirects",
                                              "assets", "sitemap", "robots", NULL};

static void jekyll_name_key(const struct fc_sw_post *sp, const char *slug, const char *day,
                            struct fc_buf *key)
{
    if (sp->page)
        fc_buf_printf(key, "page:%s%s%s", sp->page_parent, *sp->page_parent ? "/" : "", slug);
    else if (sp->draft)
        fc_buf_printf(key, "d/%s", slug);
    else
        fc_buf_printf(key, "%s-%s", day, slug);
}

/* Days since 1970-01-01 as a civil date (Howard Hinnant's algorithm). */
static void civil(int64_t days, int *y, int *m, int *d)
{
    days += 719468;
    int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    int64_t doe = days - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

/* The date of a post's URL: Jekyll's, in the site's time zone (UTC
 * unless the feed names one: then the post's own offset, which a site's
 * posts have from its zone). */
static void url_day(const struct fc_sw_post *sp, const char *day, char out[16])
{
    const struct fc_time *t = &sp->p->published;
    snprintf(out, 16, "%s", day);
    if (t->precision < FC_TIME_MINUTE || t->zone == FC_ZONE_NONE ||
        (sp->w->time_zone && strcmp(sp->w->time_zone, "UTC") &&
         strcmp(sp->w->time_zone, "Etc/UTC")))
        return;
    int64_t e = fc_time_epoch(t);
    int64_t days = (e >= 0 ? e : e - 86399) / 86400;
    int y, m, d;
    civil(days, &y, &m, &d);
    snprintf(out, 16, "%04d-%02d-%02d", y, m, d);
}

static void jekyll_place(struct fc_sw_post *sp, const char *day, const char *ext)
{
    struct fc_buf u;
    fc_buf_init(&u);
    if (sp->page) {
        fc_buf_printf(&sp->rel, "%s%s", sp->page_path, ext);
        fc_buf_printf(&u, "/%s/", sp->page_path);
    } else if (sp->draft) {
        fc_buf_printf(&sp->rel, "_drafts/%s%s", sp->slug, ext);
    } else {
        char ud[16];
        url_day(sp, day, ud);
        fc_buf_printf(&sp->rel, "_posts/%s-%s%s", day, sp->slug, ext);
        fc_buf_printf(&u, "/%.4s/%.2s/%.2s/%s.html", ud, ud + 5, ud + 8, sp->slug);
    }
    if (u.len && !(sp->url_path = fc_strdup(sp->a, u.data, u.len)))
        fc_sticky_nomem(sp->st);
    if (u.oom)
        fc_sticky_nomem(sp->st);
    fc_buf_free(&u);
}

static void jekyll_keys(struct fc_sw_post *sp, struct fc_extcodec_enc *x, struct fc_extcodec_out *o)
{
    if (sp->page)
        fc_extcodec_put_str(x, o, "layout", "page");
    if (sp->page || sp->keep_url)
        fc_extcodec_put_str(x, o, "permalink", sp->url_path);
    fc_extcodec_put_str(x, o, "image", sp->image);
    if (sp->page && sp->p->weight)
        fc_sw_put_int(x, o, "weight", sp->p->weight);
    if (fc_sw_has_liquid(fc_buf_cstr(&sp->body), sp->body.len))
        fc_sw_put_bool(x, o, "render_with_liquid", false);
}

static void jekyll_body(struct fc_sw_post *sp)
{
    if (sp->w->body_html || sp->body_text || !sp->body.len)
        return;
    struct fc_buf out;
    fc_buf_init(&out);
    if (fc_sticky_set(sp->st, fc_kramdown_from_commonmark(sp->body.data, sp->body.len, &out,
                                                          sp->st->err)) == FC_OK) {
        struct fc_buf t = sp->body;
        sp->body = out;
        out = t;
    }
    fc_buf_free(&out);
}

/* ---- the layouts ---------------------------------------------------------- */

static const char jekyll_default[] =
    "<!DOCTYPE html>\n"
    "<html lang=\"{{ site.lang | default: \"en\" }}\">\n"
    "<head><meta charset=\"utf-8\"><title>{% if page.title %}{{ page.title | escape }} | "
    "{% endif %}{{ site.title | escape }}</title>{% feed_meta %}</head>\n"
    "<body>\n{% include menu.html %}\n{{ content }}\n</body>\n</html>\n";

#define JEKYLL_DATE(d)                                                                             \
    "<time datetime=\"{{ " d " | date_to_xmlschema }}\">{{ " d " | date_to_xmlschema }}</time>"

static const char jekyll_post[] =
    "---\nlayout: default\n---\n<article>\n<h1>{{ page.title | escape }}</h1>\n" JEKYLL_DATE(
        "page.date") "\n"
                     "{% if page.image %}<img class=\"featured\" src=\"{{ page.image | "
                     "relative_url }}\" alt=\"\">{% endif %}\n"
                     "<ul class=\"tags\">{% for t in page.tags %}<li>{{ t }}</li>{% endfor "
                     "%}</ul>\n"
                     "<ul class=\"categories\">{% for c in page.categories %}<li>{{ c }}</li>"
                     "{% endfor %}</ul>\n"
                     "{{ content }}\n</article>\n{% include comments.html %}\n";

static const char jekyll_page[] =
    "---\nlayout: default\n---\n<article>\n<h1>{{ page.title | escape }}</h1>\n"
    "{% if page.image %}<img class=\"featured\" src=\"{{ page.image | relative_url }}\" "
    "alt=\"\">{% endif %}\n{{ content }}\n</article>\n{% include comments.html %}\n";

static const char jekyll_home[] =
    "---\nlayout: default\n---\n<h1>{{ site.title | escape }}</h1>\n"
    "{% if site.description %}<p>{{ site.description | escape }}</p>{% endif %}\n"
    "{{ content }}\n<ul class=\"posts\">\n"
    "{% for post in site.posts %}<li><a href=\"{{ post.url | relative_url }}\">"
    "{{ post.title | escape }}</a> " JEKYLL_DATE("post.date") "</li>\n{% endfor %}</ul>\n";

static const char jekyll_index[] = "---\nlayout: home\n---\n";

static const char jekyll_menu[] =
    "{% for menu in site.data.navigation %}<nav class=\"menu\"><ul>\n"
    "{% for item in menu[1] %}<li><a href=\"{{ item.url }}\">{{ item.name | escape }}</a>"
    "{% if item.children %}<ul>{% for c in item.children %}<li><a href=\"{{ c.url }}\">"
    "{{ c.name | escape }}</a></li>{% endfor %}</ul>{% endif %}</li>\n{% endfor %}</ul></nav>\n"
    "{% endfor %}";

/* comments: _data/comments/NAME/ID.yml, NAME the post file's base name,
 * ordered by date and threaded by parent_id */
static const char jekyll_comments[] =
    "{% assign key = page.path | split: \"/\" | last | split: \".\" | first %}"
    "{% assign cs = site.data.comments[key] %}{% if cs %}"
    "{% assign list = \"\" | split: \"\" %}{% for pair in cs %}"
    "{% assign list = list | push: pair[1] %}{% endfor %}"
    "{% assign list = list | sort: \"published\" %}"
    "<section class=\"comments\">\n<h2>Comments</h2>\n"
    "{% include comment-list.html comments=list parent=\"\" %}\n</section>\n{% endif %}";

static const char jekyll_comment_list[] =
    "{% assign n = 0 %}{% for c in include.comments %}"
    "{% assign pid = c.parent_id | default: \"\" %}"
    "{% if pid == include.parent %}{% assign n = n | plus: 1 %}{% endif %}{% endfor %}"
    "{% if n > 0 %}<ol>\n{% for c in include.comments %}"
    "{% assign pid = c.parent_id | default: \"\" %}{% if pid == include.parent %}"
    "<li id=\"comment-{{ c.id }}\"><p class=\"comment-meta\">{% if c.author.url %}"
    "<a href=\"{{ c.author.url }}\">{{ c.author.name | escape }}</a>{% else %}"
    "{{ c.author.name | escape }}{% endif %} <time datetime=\"{{ c.published }}\">"
    "{{ c.published }}</time></p>\n{{ c.content_html }}\n"
    "{% include comment-list.html comments=include.comments parent=c.id %}</li>\n"
    "{% endif %}{% endfor %}</ol>{% endif %}";

static const struct fc_sw_file jekyll_files[] = {
#define T(rel, s) FC_SW_FILE(rel, s)
    T("_layouts/default.html", jekyll_default),
    T("_layouts/post.html", jekyll_post),
    T("_layouts/page.html", jekyll_page),
    T("_layouts/home.html", jekyll_home),
    T("_includes/menu.html", jekyll_menu),
    T("_includes/comments.html", jekyll_comments),
    T("_includes/comment-list.html", jekyll_comment_list),
    T("index.html", jekyll_index),
#undef T
};

/* ---- _config.yml ---------------------------------------------------------- */

/* kramdown as close to CommonMark's HTML as it goes: straight quotes,
 * "--" and "..." as written, no header ids, no highlighting wrappers */
static const char kramdown_config[] =
    "{\"auto_ids\": false, \"smart_quotes\": [\"apos\", \"apos\", \"quot\", \"quot\"],"
    " \"typographic_symbols\": {\"hellip\": \"...\", \"mdash\": \"---\", \"ndash\": \"--\","
    " \"laquo\": \"<<\", \"raquo\": \">>\", \"laquo_space\": \"<< \", \"raquo_space\": \" >>\"},"
    " \"syntax_highlighter_opts\": {\"disable\": true}}";

static void jekyll_site(struct fc_sw *w, struct fc_sticky *st, const struct fc_feed *f)
{
    struct fc_sw_doc d;
    if (!fc_sw_doc_open(&d, w, st, f))
        return;
    struct fc_extcodec_enc *x = &d.x;
    struct fc_extcodec_out *o = &d.o;
    fc_extcodec_put_str(x, o, "title", d.title);
    fc_extcodec_put_str(x, o, "description", d.desc);
    fc_extcodec_put_str(x, o, "url", w->origin);
    if (strcmp(w->sub_path, "/")) /* baseurl without its last '/' */
        fc_extcodec_put_str(x, o, "baseurl", fc_strdup(d.a, w->sub_path, strlen(w->sub_path) - 1));
    fc_extcodec_put_str(x, o, "author", fc_sw_feed_author(f));
    fc_extcodec_put_str(x, o, "lang", f->language);
    if (f->rights.value && f->rights.type == FC_TEXT)
        fc_extcodec_put_str(x, o, "copyright", f->rights.value);
    /* the build's dates (and the posts' URLs) in a zone of the site's own,
     * not the machine's */
    fc_extcodec_put_str(x, o, "timezone", w->time_zone ? w->time_zone : "UTC");
    fc_extcodec_put_str(x, o, "permalink", "/:year/:month/:day/:title:output_ext");
    struct fc_extcodec_out pl = fc_extcodec_tree(fc_sw_put_array(x, o, "plugins"));
    if (pl.tree) {
        fc_extcodec_put_str(x, &pl, NULL, "jekyll-feed");
        fc_extcodec_put_str(x, &pl, NULL, "jekyll-redirect-from");
    }
    if (w->n_posts > 10) { /* jekyll-feed lists 10 posts unless told */
        struct fc_extcodec_out fo = fc_extcodec_tree(fc_sw_put_object(x, o, "feed"));
        if (fo.tree)
            fc_sw_put_int(x, &fo, "posts_limit", (long long)w->n_posts);
    }
    if (w->has_more)
        fc_extcodec_put_str(x, o, "excerpt_separator", "<!--more-->");
    fc_extcodec_put_str(x, o, "markdown", "kramdown");
    json_error_t je;
    json_t *k = json_loads(kramdown_config, 0, &je);
    if (!k || json_object_set_new(d.root, "kramdown", k))
        fc_sticky_nomem(st);
    json_t *defaults = json_pack("[{s:{s:s,s:s},s:{s:s}}]", "scope", "path", "", "type", "posts",
                                 "values", "layout", "post");
    if (!defaults || json_object_set_new(d.root, "defaults", defaults))
        fc_sticky_nomem(st);
    if (w->n_map) {
        struct fc_extcodec_out io = fc_extcodec_tree(fc_sw_put_array(x, o, "include"));
        if (io.tree) {
            fc_extcodec_put_str(x, &io, NULL, ".htaccess");
            fc_extcodec_put_str(x, &io, NULL, "_redirects");
        }
        struct fc_extcodec_out eo = fc_extcodec_tree(fc_sw_put_array(x, o, "exclude"));
        if (eo.tree)
            fc_extcodec_put_str(x, &eo, NULL, "nginx-redirects.conf");
    }
    fc_sw_doc_feedconv(&d, o);
    fc_sw_doc_write(&d, NULL, "_config.yml", FC_SW_YAML);
    /* the menus, for the layouts */
    json_t *nav = json_object();
    struct fc_extcodec_out no = fc_extcodec_tree(nav);
    if (!nav)
        fc_sticky_nomem(st);
    else
        fc_sw_menus(w, x, &no, f);
    json_t *menus = json_object_get(nav, "menus");
    if (menus)
        fc_sw_doc_write(&d, menus, "_data/navigation.yml", FC_SW_YAML);
    json_decref(nav);
    fc_sw_doc_close(&d);
    fc_sw_write_files(w, st, jekyll_files, sizeof jekyll_files / sizeof *jekyll_files);
}

const struct fc_sw_gen fc_sw_jekyll = {
    .name = "jekyll",
    .updated_key = "last_modified_at",
    .summary_key = "excerpt",
    .alias_key = "redirect_from",
    .owned = jekyll_owned,
    .reserved = jekyll_reserved,
    .name_key = jekyll_name_key,
    .place = jekyll_place,
    .body = jekyll_body,
    .keys_early = jekyll_keys,
    .post_files = fc_sw_comment_data,
    .site_files = jekyll_site,
};
