/*
 * hugo_write.c - writing a Hugo site (see site_write.h; the rules are
 * Hugo 0.111's, as the notes on it record them):
 *
 *   posts   content/posts/SLUG.md (content/posts/SLUG/index.md with
 *           --bundles), published at BASE/posts/SLUG/
 *   pages   content/PATH.md, PATH being the parents' slugs and the page's
 *           own ("about/team"); a page with pages below it is the branch
 *           bundle content/PATH/_index.md, so the section it heads is the
 *           page itself (a plain about.md beside about/ would clash with
 *           the section's list page at /about/)
 *   drafts  draft: true
 *   keys    title, date, lastmod, draft, slug, authors, tags, categories,
 *           summary, aliases (old addresses from the site's root), guid,
 *           url (--keep-urls), images: [image], weight (pages), ...
 *   site    hugo.yaml (baseURL, languageCode, title, copyright, timeZone,
 *           theme, params, menus, markup.goldmark.renderer.unsafe),
 *           content/posts/_index.md, and a minimal theme of our own,
 *           themes/feedconv: a home page listing every post, post pages
 *           with title, date, image, tags and the comments, list pages
 *   bodies  "{{<" and "{{%" as Hugo's own escape, comment marks inside
 *           the braces (Hugo
 *           runs shortcodes everywhere, code blocks included); a lone
 *           <figure> with an image and a caption as {{< figure >}}
 *           (hugo_figure.c)
 */
#include "sites/site_write.h"

#include <string.h>

static const char *const hugo_owned[] = {"url", "_build", NULL};
static const char *const hugo_reserved[] = {"posts", "tags", "categories", "page", NULL};
/* index.md makes its folder a page bundle, _index.md a section */
static const char *const hugo_no_name[] = {"index", "_index", NULL};

/* A page with pages below it is a branch bundle, _index.md; with
 * --bundles any other page a leaf bundle, index.md. */
static void hugo_place(struct fc_sw_post *sp, const char *day, const char *ext)
{
    (void)day;
    char e[32] = "";
    if (sp->page && (sp->index || sp->w->bundles))
        snprintf(e, sizeof e, "/%s", sp->index ? "_index" : "index");
    snprintf(e + strlen(e), sizeof e - strlen(e), "%s", ext);
    fc_sw_place(sp, "content/posts/", "posts/", "content/", sp->w->bundles, e);
}

static void hugo_keys(struct fc_sw_post *sp, struct fc_extcodec_enc *x, struct fc_extcodec_out *o)
{
    const struct fc_post *p = sp->p;
    if (sp->keep_url)
        fc_extcodec_put_str(x, o, "url", sp->url_path);
    if (sp->image) {
        struct fc_extcodec_out in = fc_extcodec_tree(fc_sw_put_array(x, o, "images"));
        if (in.tree)
            fc_extcodec_put_str(x, &in, NULL, sp->image);
    }
    if (sp->page && p->weight)
        fc_sw_put_int(x, o, "weight", p->weight);
}

static void hugo_body(struct fc_sw_post *sp)
{
    if (sp->w->body_html || sp->body_text)
        return;
    fc_sw_escape_hugo(sp->st, &sp->body); /* first: the figures are shortcodes */
    fc_sw_hugo_figures(sp);
}

/* ---- the theme ---------------------------------------------------------- */

/* The minimal theme, so that the site builds (and shows every post's
 * title, date, image, tags and comments) before the user picks a real
 * one: `theme:` in hugo.yaml switches it off without touching the site's
 * own layouts/. */
#define HUGO_HEAD                                                                                  \
    "<!DOCTYPE html>\n"                                                                            \
    "<html lang=\"{{ site.LanguageCode | default \"en\" }}\">\n"                                   \
    "<head><meta charset=\"utf-8\"><title>{{ if not .IsHome }}{{ .Title }} | {{ end }}"            \
    "{{ site.Title }}</title></head>\n<body>\n{{ partial \"menu.html\" . }}\n"
#define HUGO_DATE(d)                                                                               \
    "{{ if not " d ".IsZero }}<time datetime=\"{{ " d                                              \
    ".Format \"2006-01-02T15:04:05-07:00\" }}\">"                                                  \
    "{{ " d ".Format \"2006-01-02T15:04:05-07:00\" }}</time>{{ end }}"

static const char hugo_single[] = HUGO_HEAD "<article>\n<h1>{{ .Title }}</h1>\n" HUGO_DATE(
    ".Date") "\n"
             "{{ with .Params.images }}<img class=\"featured\" src=\"{{ index . 0 }}\" "
             "alt=\"\">{{ end }}\n"
             "<ul class=\"tags\">{{ range .Params.tags }}<li>{{ . }}</li>{{ end }}</ul>\n"
             "<ul class=\"categories\">{{ range .Params.categories }}<li>{{ . }}</li>{{ end "
             "}}</ul>\n"
             "{{ .Content }}\n</article>\n{{ partial \"comments.html\" . }}\n</body>\n</html>\n";

static const char hugo_list[] =
    HUGO_HEAD "<h1>{{ .Title }}</h1>\n{{ .Content }}\n<ul>\n"
              "{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a> " HUGO_DATE(
                  ".Date") "</li>\n{{ end }}</ul>\n"
                           "{{ partial \"comments.html\" . }}\n</body>\n</html>\n";

static const char hugo_index[] = HUGO_HEAD
    "<h1>{{ site.Title }}</h1>\n"
    "{{ with site.Params.description }}<p>{{ . }}</p>{{ end }}\n{{ .Content }}\n"
    "<ul class=\"posts\">\n"
    "{{ range where site.RegularPages \"Section\" \"posts\" }}<li><a href=\"{{ "
    ".RelPermalink }}\">{{ .Title }}</a> " HUGO_DATE(".Date") "</li>\n{{ end "
                                                              "}}</ul>\n</body>\n</html>\n";

static const char hugo_menu[] =
    "{{ range $name, $menu := site.Menus }}<nav class=\"menu\"><ul>\n{{ range $menu }}"
    "<li><a href=\"{{ .URL }}\">{{ .Name }}</a>{{ if .HasChildren }}<ul>{{ range .Children }}"
    "<li><a href=\"{{ .URL }}\">{{ .Name }}</a></li>{{ end }}</ul>{{ end }}</li>\n{{ end }}"
    "</ul></nav>\n{{ end }}";

/* comments: data/comments/NAME.yaml, NAME the content file's base name;
 * a list of {id, parent_id, author: {name, url}, published, content_html,
 * kind}, threaded by parent_id */
static const char hugo_comments[] =
    "{{ with .File }}{{ with site.Data.comments }}{{ with index . $.File.ContentBaseName }}"
    "<section class=\"comments\">\n<h2>Comments</h2>\n"
    "{{ partial \"comment-list.html\" (dict \"all\" . \"parent\" \"\") }}\n"
    "</section>\n{{ end }}{{ end }}{{ end }}";

static const char hugo_comment_list[] =
    "{{ $all := .all }}{{ $parent := .parent }}{{ $kids := slice }}"
    "{{ range $all }}{{ if eq (.parent_id | default \"\") $parent }}"
    "{{ $kids = $kids | append . }}{{ end }}{{ end }}"
    "{{ with $kids }}<ol>\n{{ range . }}<li id=\"comment-{{ .id }}\"><p class=\"comment-meta\">"
    "{{ with .author }}{{ with .url }}<a href=\"{{ . }}\">{{ end }}{{ .name }}"
    "{{ with .url }}</a>{{ end }}{{ end }} <time datetime=\"{{ .published }}\">"
    "{{ .published }}</time></p>\n{{ .content_html | safeHTML }}\n"
    "{{ partial \"comment-list.html\" (dict \"all\" $all \"parent\" .id) }}</li>\n"
    "{{ end }}</ol>{{ end }}";

static const struct fc_sw_file hugo_theme[] = {
#define T(rel, s) FC_SW_FILE("themes/feedconv/layouts/" rel, s)
    T("_default/single.html", hugo_single),
    T("_default/list.html", hugo_list),
    T("index.html", hugo_index),
    T("partials/menu.html", hugo_menu),
    T("partials/comments.html", hugo_comments),
    T("partials/comment-list.html", hugo_comment_list),
#undef T
};

/* ---- the site's files ------------------------------------------------------ */

static void hugo_site(struct fc_sw *w, struct fc_sticky *st, const struct fc_feed *f)
{
    struct fc_sw_doc d;
    if (!fc_sw_doc_open(&d, w, st, f))
        return;
    fc_extcodec_put_str(&d.x, &d.o, "baseURL", w->base_url ? w->base_url : "/");
    fc_extcodec_put_str(&d.x, &d.o, "languageCode", f->language);
    fc_extcodec_put_str(&d.x, &d.o, "title", d.title);
    fc_extcodec_put_str(&d.x, &d.o, "copyright", f->rights.value);
    fc_extcodec_put_str(&d.x, &d.o, "timeZone", f->time_zone);
    fc_extcodec_put_str(&d.x, &d.o, "theme", "feedconv");
    struct fc_extcodec_out params = fc_extcodec_tree(fc_sw_put_object(&d.x, &d.o, "params"));
    if (params.tree) {
        fc_extcodec_put_str(&d.x, &params, "author", fc_sw_feed_author(f));
        fc_extcodec_put_str(&d.x, &params, "description", d.desc);
        fc_sw_doc_feedconv(&d, &params);
    }
    fc_sw_menus(w, &d.x, &d.o, f);
    /* without this Hugo replaces raw HTML in bodies with a comment */
    json_t *r = json_pack("{s:{s:{s:{s:b}}}}", "markup", "goldmark", "renderer", "unsafe", 1);
    if (!r || json_object_update(d.root, r))
        fc_sticky_nomem(st);
    json_decref(r);
    fc_sw_doc_write(&d, NULL, "hugo.yaml", FC_SW_YAML);
    /* the section page: its title and description */
    json_t *sec = fc_sw_doc_section(&d, NULL);
    fc_sw_doc_write(&d, sec, "content/posts/_index.md", FC_SW_FM_YAML);
    json_decref(sec);
    fc_sw_doc_close(&d);
    fc_sw_write_files(w, st, hugo_theme, sizeof hugo_theme / sizeof *hugo_theme);
}

const struct fc_sw_gen fc_sw_hugo = {
    .name = "hugo",
    .updated_key = "lastmod",
    .summary_key = "summary",
    .alias_key = "aliases",
    .owned = hugo_owned,
    .reserved = hugo_reserved,
    .no_name = hugo_no_name,
    .name_key = fc_sw_slug_key,
    .place = hugo_place,
    .body = hugo_body,
    .keys_early = hugo_keys,
    .post_files = fc_sw_comment_data,
    .site_files = hugo_site,
};
