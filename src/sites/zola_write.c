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
#include "syntax/toml.h"

#include <string.h>

static const char *const zola_owned[] = {"path", "template", NULL};
static const char *const zola_reserved[] = {"posts", "tags", "categories", NULL};

static void zola_name_key(const struct fc_sw_post *sp, const char *slug, const char *day,
                          struct fc_buf *key)
{
    (void)day;
    if (sp->page)
        fc_buf_printf(key, "page:%s%s%s", sp->page_parent, *sp->page_parent ? "/" : "", slug);
    else
        fc_buf_printf(key, "%s", slug);
}

static void zola_place(struct fc_sw_post *sp, const char *day, const char *ext)
{
    (void)day;
    struct fc_buf u;
    fc_buf_init(&u);
    if (sp->page) {
        fc_buf_printf(&sp->rel, "content/%s%s", sp->page_path, ext);
        fc_buf_printf(&u, "/%s/", sp->page_path);
    } else {
        if (sp->w->bundles)
            fc_buf_printf(&sp->rel, "content/posts/%s/index%s", sp->slug, ext);
        else
            fc_buf_printf(&sp->rel, "content/posts/%s%s", sp->slug, ext);
        fc_buf_printf(&u, "/posts/%s/", sp->slug);
    }
    if (u.oom || !(sp->url_path = fc_strdup(sp->a, u.data, u.len)))
        fc_sticky_nomem(sp->st);
    fc_buf_free(&u);
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
    fc_extcodec_put_str(x, o, "image", sp->p->image);
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

static const struct {
    const char *rel, *text;
    size_t len;
} zola_templates[] = {
#define T(rel, s)                                                                                  \
    {                                                                                              \
        "templates/" rel, s, sizeof s - 1                                                          \
    }
    T("index.html", zola_index),
    T("section.html", zola_section),
    T("page.html", zola_page),
    T("taxonomy_list.html", zola_taxonomy_list),
    T("taxonomy_single.html", zola_taxonomy_single),
#undef T
};

/* ---- config.toml and the sections ------------------------------------------ */

static void zola_section_file(struct fc_sw *w, struct fc_sticky *st, const char *rel,
                              const char *title, const char *desc)
{
    json_t *fm = json_pack("{s:s}", "title", title ? title : "");
    if (fm && desc && json_object_set_new(fm, "description", json_string(desc)))
        fc_sticky_nomem(st);
    if (!fm || json_object_set_new(fm, "sort_by", json_string("date")))
        fc_sticky_nomem(st);
    struct fc_buf b;
    fc_buf_init(&b);
    if (fm)
        fc_sw_front_matter_text(st, fm, true, &b);
    fc_sw_write_buf(w, st, rel, &b);
    fc_buf_free(&b);
    json_decref(fm);
}

static void zola_site(struct fc_sw *w, struct fc_sticky *st, const struct fc_feed *f)
{
    struct fc_arena *a = fc_arena_new();
    json_t *doc = json_object();
    if (!a || !doc) {
        fc_arena_free(a);
        json_decref(doc);
        fc_sticky_nomem(st);
        return;
    }
    struct fc_extcodec_enc x;
    fc_extcodec_enc_init(&x, st, "feed");
    struct fc_extcodec_out o = fc_extcodec_tree(doc);
    bool lossy;
    const char *title = fc_sw_plain_text(st, a, &f->title, &lossy);
    const char *desc = fc_sw_plain_text(st, a, &f->subtitle, &lossy);
    /* base_url is required; Zola joins it with each path */
    fc_extcodec_put_str(&x, &o, "base_url", w->base_url ? w->base_url : "/");
    fc_extcodec_put_str(&x, &o, "title", title);
    fc_extcodec_put_str(&x, &o, "description", desc);
    fc_extcodec_put_str(&x, &o, "default_language", f->language ? f->language : "en");
    fc_extcodec_put_str(&x, &o, "author", fc_sw_feed_author(f));
    fc_sw_put_bool(&x, &o, "generate_feeds", true);
    fc_sw_put_bool(&x, &o, "compile_sass", false);
    fc_sw_put_bool(&x, &o, "build_search_index", false);
    json_t *tax = json_pack("[{s:s,s:b},{s:s,s:b}]", "name", "tags", "feed", 0, "name",
                            "categories", "feed", 0);
    if (!tax || json_object_set_new(doc, "taxonomies", tax))
        fc_sticky_nomem(st);
    struct fc_extcodec_out extra = fc_extcodec_tree(fc_sw_put_object(&x, &o, "extra"));
    if (extra.tree) {
        json_t *fc = fc_sw_feed_feedconv(&x, a, f, FC_MD_ZOLA);
        if (json_object_size(fc) && json_object_set(extra.tree, FC_MD_KEY, fc))
            fc_sticky_nomem(st);
        json_decref(fc);
        fc_sw_menus(w, &x, &extra, f, FC_MD_ZOLA);
    }
    fc_extcodec_enc_free(&x);
    struct fc_buf b;
    fc_buf_init(&b);
    if (!fc_toml_emit(doc, &b))
        fc_sticky_nomem(st);
    fc_sw_write_buf(w, st, "config.toml", &b);
    fc_buf_free(&b);
    json_decref(doc);
    zola_section_file(w, st, "content/_index.md", title, desc);
    zola_section_file(w, st, "content/posts/_index.md", title, desc);
    for (size_t i = 0; i < sizeof zola_templates / sizeof *zola_templates; i++)
        fc_sw_write(w, st, zola_templates[i].rel, zola_templates[i].text, zola_templates[i].len);
    fc_arena_free(a);
}

const struct fc_sw_gen fc_sw_zola = {
    .name = "zola",
    .toml = true,
    .updated_key = "updated",
    .summary_key = "description",
    .alias_key = "aliases",
    .owned = zola_owned,
    .reserved = zola_reserved,
    .name_key = zola_name_key,
    .place = zola_place,
    .body = zola_body,
    .keys_early = zola_keys,
    .keys_late = zola_late,
    .site_files = zola_site,
};
