/*
 * zola_write.c - writing a Zola site (see site_write.h; the rules are
 * Zola 0.19-0.21's, from its source, as the notes on it record them:
 * Zola is not in Debian, so the tests check the files' structure, not a
 * build):
 *
 *   posts   content/posts/SLUG.md (content/posts/SLUG/index.md with
 *           --bundles) at BASE/posts/SLUG/, in a section sorted by date
 *   pages   content/PATH.md at BASE/PATH/ (a folder without _index.md
 *           holds the children: Zola renders them as they are)
 *   front   TOML between "+++" lines: title, description (the summary),
 *   matter  date, updated, draft, slug, path (--keep-urls), aliases,
 *           authors, weight, then [taxonomies] tags and categories, and
 *           [extra] with everything else (guid, image, comments,
 *           feedconv, unknown keys): Zola ignores unknown top-level keys
 *           and refuses unknown ones in sections; a key after a [table]
 *           header belongs to it, hence the order.  Every page is dated
 *           (1970-01-01 and a warning when it has no date): Zola does not
 *           render an undated page of a section sorted by date.
 *   site    config.toml (base_url, title, description, default_language,
 *           author, generate_feeds, taxonomies tags and categories,
 *           [extra] feedconv and menus), content/_index.md and
 *           content/posts/_index.md (sort_by = "date"), templates/
 *           index.html, section.html, page.html and, required once a
 *           page uses a taxonomy, taxonomy_list.html and
 *           taxonomy_single.html
 *   bodies  shortcode calls escaped (template_escape.c); <!--more--> as
 *           <!-- more -->
 */
#include "sites/site_write.h"

#include <string.h>

static const char *const zola_owned[] = {"path", "template", NULL};
static const char *const zola_reserved[] = {"posts", "tags", "categories", NULL};
/* index.md makes its folder a page bundle, _index.md a section */
static const char *const zola_no_name[] = {"index", "_index", NULL};

static void zola_place(struct fc_sw_post *sp, const char *day, const char *ext)
{
    (void)day;
    fc_sw_place(sp, "content/posts/", "posts/", "content/", sp->w->bundles, ext);
}

static void zola_keys(struct fc_sw_post *sp, struct fc_extcodec_enc *x, struct fc_extcodec_out *o)
{
    if (sp->keep_url) { /* path: no leading or trailing '/' */
        const char *u = sp->url_path;
        size_t n = strlen(u);
        while (*u == '/')
            u++, n--;
        while (n && u[n - 1] == '/')
            n--;
        fc_extcodec_put_str(x, o, "path", fc_strdup(sp->a, u, n));
    }
    fc_extcodec_put_str(x, o, "image", sp->image);
    if (sp->p->weight > 0)
        fc_sw_put_int(x, o, "weight", sp->p->weight);
    json_t *c = fc_sw_comments_json(x, sp->p);
    if (c && json_object_set_new(sp->fm, "comments", c))
        fc_sticky_nomem(sp->st);
}

/* Zola's own keys stay at the top; tags and categories go under
 * [taxonomies], the rest under [extra]. */
static void zola_late(struct fc_sw_post *sp)
{
    static const char *const top[] = {"title", "description", "date",    "updated", "draft", "slug",
                                      "path",  "aliases",     "authors", "weight",  NULL};
    json_t *fm = sp->fm, *nfm = json_object(), *tax = json_object(), *extra = json_object();
    bool oom = !nfm || !tax || !extra;
    if (!oom && !json_object_get(fm, "date")) /* an undated page is not rendered */
        oom = json_object_set_new(nfm, "date", json_string("1970-01-01T00:00:00Z")) != 0;
    const char *k;
    json_t *v;
    json_object_foreach(fm, k, v)
    {
        if (oom)
            break;
        bool is_top = false;
        for (size_t i = 0; top[i] && !is_top; i++)
            is_top = !strcmp(top[i], k);
        json_t *to = is_top ? nfm : !strcmp(k, "tags") || !strcmp(k, "categories") ? tax : extra;
        oom = json_object_set(to, k, v) != 0;
    }
    if (!oom && json_object_size(tax))
        oom = json_object_set(nfm, "taxonomies", tax) != 0;
    if (!oom && json_object_size(extra))
        oom = json_object_set(nfm, "extra", extra) != 0;
    json_decref(tax);
    json_decref(extra);
    if (oom) {
        json_decref(nfm);
        fc_sticky_nomem(sp->st);
        return;
    }
    json_decref(sp->fm);
    sp->fm = nfm;
}

static void zola_body(struct fc_sw_post *sp)
{
    if (sp->body_text)
        return;
    fc_sw_escape_zola(sp->st, &sp->body);
    /* Zola's summary mark; <!--more--> works too, this is its own way */
    char *m;
    while ((m = strstr(sp->body.data ? sp->body.data : "", "<!--more-->")) != NULL) {
        struct fc_buf t;
        fc_buf_init(&t);
        fc_buf_add(&t, sp->body.data, (size_t)(m - sp->body.data));
        fc_buf_puts(&t, "<!-- more -->");
        fc_buf_puts(&t, m + 11);
        if (t.oom) {
            fc_buf_free(&t);
            fc_sticky_nomem(sp->st);
            return;
        }
        fc_buf_free(&sp->body);
        sp->body = t;
    }
}

/* ---- templates ---------------------------------------------------------- */

#define ZOLA_HEAD(title)                                                                           \
    "<!DOCTYPE html>\n<html lang=\"{{ lang }}\">\n<head><meta charset=\"utf-8\"><title>" title     \
    "</title></head>\n<body>\n"                                                                    \
    "{% if config.extra.menus %}{% for name, items in config.extra.menus %}<nav class=\"menu\">"   \
    "<ul>{% for item in items %}<li><a href=\"{{ item.url | safe }}\">{{ item.name }}</a>"         \
    "{% if item.children %}<ul>{% for c in item.children %}<li><a href=\"{{ c.url | safe }}\">"    \
    "{{ c.name }}</a></li>{% endfor %}</ul>{% endif %}</li>{% endfor %}</ul></nav>\n"              \
    "{% endfor %}{% endif %}"
#define ZOLA_LIST(pages)                                                                           \
    "<ul>\n{% for p in " pages " %}<li><a href=\"{{ p.permalink | safe }}\">{{ p.title }}</a>"     \
    "{% if p.date %} <time datetime=\"{{ p.date }}\">{{ p.date }}</time>{% endif %}</li>\n"        \
    "{% endfor %}</ul>\n"

static const char zola_index[] = ZOLA_HEAD(
    "{{ config.title }}") "<h1>{{ config.title }}</h1>\n"
                          "{% if config.description %}<p>{{ config.description }}</p>"
                          "{% endif %}\n{{ section.content | safe }}\n"
                          "{% set posts = get_section(path=\"posts/_index.md\") %}\n" ZOLA_LIST(
                              "posts.pages") "</body>\n</html>\n";

static const char zola_section[] =
    ZOLA_HEAD("{{ section.title }}") "<h1>{{ section.title }}</h1>\n{{ section.content | safe "
                                     "}}\n" ZOLA_LIST("section.pages") "</body>\n</html>\n";

static const char zola_page[] = ZOLA_HEAD(
    "{{ page.title }}") "<article>\n<h1>{{ page.title }}</h1>\n"
                        "{% if page.date %}<time datetime=\"{{ page.date }}\">{{ page.date "
                        "}}</time>{% endif %}\n"
                        "{% if page.extra.image %}<img class=\"featured\" src=\"{{ "
                        "page.extra.image | safe }}\" "
                        "alt=\"\">{% endif %}\n"
                        "{% if page.taxonomies.tags %}<ul class=\"tags\">{% for t in "
                        "page.taxonomies.tags %}"
                        "<li>{{ t }}</li>{% endfor %}</ul>{% endif %}\n"
                        "{{ page.content | safe }}\n</article>\n"
                        "{% if page.extra.comments %}<section "
                        "class=\"comments\">\n<h2>Comments</h2>\n<ol>\n"
                        "{% for c in page.extra.comments %}<li id=\"comment-{{ c.id }}\"><p "
                        "class=\"comment-meta\">"
                        "{% if c.author %}{{ c.author.name | default(value=\"\") }}{% endif %}"
                        "{% if c.parent_id %} (in reply to <a href=\"#comment-{{ c.parent_id }}\">"
                        "{{ c.parent_id }}</a>){% endif %} <time datetime=\"{{ c.published | "
                        "default(value=\"\") }}\">"
                        "{{ c.published | default(value=\"\") }}</time></p>\n{{ c.content_html | "
                        "safe }}</li>\n"
                        "{% endfor %}</ol>\n</section>{% endif %}\n</body>\n</html>\n";

static const char zola_taxonomy_list[] =
    ZOLA_HEAD("{{ taxonomy.name }}") "<h1>{{ taxonomy.name }}</h1>\n<ul>\n"
                                     "{% for term in terms %}<li><a href=\"{{ term.permalink | "
                                     "safe }}\">{{ term.name }}</a></li>\n{% endfor %}</ul>\n"
                                     "</body>\n</html>\n";

static const char zola_taxonomy_single[] = ZOLA_HEAD(
    "{{ term.name }}") "<h1>{{ term.name }}</h1>\n" ZOLA_LIST("term.pages") "</body>\n</html>\n";

static const struct fc_sw_file zola_templates[] = {
#define T(rel, s) FC_SW_FILE("templates/" rel, s)
    T("index.html", zola_index),
    T("section.html", zola_section),
    T("page.html", zola_page),
    T("taxonomy_list.html", zola_taxonomy_list),
    T("taxonomy_single.html", zola_taxonomy_single),
#undef T
};

/* ---- config.toml and the sections ------------------------------------------ */

static void zola_site(struct fc_sw *w, struct fc_sticky *st, const struct fc_feed *f)
{
    struct fc_sw_doc d;
    if (!fc_sw_doc_open(&d, w, st, f))
        return;
    /* base_url is required; Zola joins it with each path */
    fc_extcodec_put_str(&d.x, &d.o, "base_url", w->base_url ? w->base_url : "/");
    fc_extcodec_put_str(&d.x, &d.o, "title", d.title);
    fc_extcodec_put_str(&d.x, &d.o, "description", d.desc);
    fc_extcodec_put_str(&d.x, &d.o, "default_language", f->language ? f->language : "en");
    fc_extcodec_put_str(&d.x, &d.o, "author", fc_sw_feed_author(f));
    fc_sw_put_bool(&d.x, &d.o, "generate_feeds", true);
    fc_sw_put_bool(&d.x, &d.o, "compile_sass", false);
    fc_sw_put_bool(&d.x, &d.o, "build_search_index", false);
    json_t *tax = json_pack("[{s:s,s:b},{s:s,s:b}]", "name", "tags", "feed", 0, "name",
                            "categories", "feed", 0);
    if (!tax || json_object_set_new(d.root, "taxonomies", tax))
        fc_sticky_nomem(st);
    struct fc_extcodec_out extra = fc_extcodec_tree(fc_sw_put_object(&d.x, &d.o, "extra"));
    if (extra.tree) {
        fc_sw_doc_feedconv(&d, &extra);
        fc_sw_menus(w, &d.x, &extra, f);
    }
    fc_sw_doc_write(&d, NULL, "config.toml", FC_SW_TOML);
    /* the sections, sorted by date */
    json_t *sec = fc_sw_doc_section(&d, "date");
    fc_sw_doc_write(&d, sec, "content/_index.md", FC_SW_FM_TOML);
    fc_sw_doc_write(&d, sec, "content/posts/_index.md", FC_SW_FM_TOML);
    json_decref(sec);
    fc_sw_doc_close(&d);
    fc_sw_write_files(w, st, zola_templates, sizeof zola_templates / sizeof *zola_templates);
}

const struct fc_sw_gen fc_sw_zola = {
    .name = "zola",
    .toml = true,
    .updated_key = "updated",
    .summary_key = "description",
    .alias_key = "aliases",
    .owned = zola_owned,
    .reserved = zola_reserved,
    .no_name = zola_no_name,
    .name_key = fc_sw_slug_key,
    .place = zola_place,
    .body = zola_body,
    .keys_early = zola_keys,
    .keys_late = zola_late,
    .site_files = zola_site,
};
