/*
 * site_write.h - writing a site: what the Markdown writer (the driver,
 * formats/markdown_write.c) shares with each generator's writing module
 * (sites/<generator>_write.c), the redirects (sites/redirects.c) and the
 * body adapters (sites/kramdown.c, sites/shortcode_escape.c).
 *
 * The driver walks the posts as they stream in: it converts the body,
 * asks the generator where the post goes and at which URL, sorts the
 * post's old addresses into redirects the site serves itself and lines of
 * the redirect map (redirects.c), builds the front matter as a JSON object
 * in key order (serialised as YAML, or TOML for Zola), writes the file and
 * the files beside it (comments, bundle resources).  Pages (kind "page")
 * wait until end(): their places follow their parents, which may come
 * later.  At end() the generator writes the site's own files
 * (configuration, theme or layouts, menus), and the driver the redirect
 * map and the site's static files.
 */
#ifndef FC_SITES_SITE_WRITE_H
#define FC_SITES_SITE_WRITE_H

#include "formats/markdown.h"
#include "util/strmap.h"

struct fc_sw;
struct fc_fetch;

/* A post on its way into the site. */
struct fc_sw_post {
    struct fc_sw *w;
    struct fc_sticky *st;
    struct fc_arena *a; /* the post's own, freed after it is written */
    const struct fc_post *p;
    bool page;   /* kind "page": a page of the site, not a dated post */
    bool draft;  /* not published */
    bool index;  /* a page with pages below it (Hugo: _index.md) */
    bool bundle; /* its file is a bundle's index (its resources beside it) */
    /* the unique name of the post in the site (file name, comment data key) */
    const char *slug;
    bool write_slug; /* the front matter says it (the file name does not) */
    /* for pages: the path of its parent ("about"; "" at the top), and its
     * own once placed ("about/team") */
    const char *page_parent, *page_path;
    struct fc_buf rel;    /* the post's file, relative to the site */
    const char *url_path; /* the URL path it is published at, from the site's
                           * root ("/posts/x/"); NULL when unknown */
    bool keep_url;        /* url_path is the post's old address (--keep-urls) */
    const char **aliases; /* old addresses the site redirects itself */
    size_t n_aliases;
    const char *image;  /* the featured image's URL (a local copy's with
                         * --fetch-images), NULL when none */
    struct fc_buf body; /* Markdown (or HTML with --body html) */
    bool body_text;     /* the body is content_text */
    json_t *fm;         /* the front matter, in key order */
};

/* One generator's writing side; one `const` instance per generator. */
struct fc_sw_gen {
    const char *name; /* the `site` setting's value */
    bool toml;        /* front matter and configuration in TOML (Zola) */
    /* keys: the modified date, the summary, old addresses (NULL: none) */
    const char *updated_key, *summary_key, *alias_key;
    /* keys it publishes by (url, permalink...): a key of that name read
     * from another site is not written back (NULL-ended; may be NULL) */
    const char *const *owned;
    /* names pages cannot take at the site's top ("posts", "tags"...) */
    const char *const *reserved;
    /* names no post or page takes in any folder (Hugo's "index" would make
     * its folder a page bundle); may be NULL */
    const char *const *no_name;
    /* The key that makes two posts with this slug clash, into key (pages:
     * sp->page_parent joined with slug). */
    void (*name_key)(const struct fc_sw_post *sp, const char *slug, const char *day,
                     struct fc_buf *key);
    /* Where the post goes: sp->rel and sp->url_path (sp->slug is set;
     * day is its date "YYYY-MM-DD" or ""); ext is ".md" or ".html". */
    void (*place)(struct fc_sw_post *sp, const char *day, const char *ext);
    /* The body made safe for the generator (template syntax escaped...). */
    void (*body)(struct fc_sw_post *sp);
    /* Generator keys of the front matter: `early` after the aliases
     * (url / permalink, images...), then `late` on the finished object
     * (Zola moves keys under [taxonomies] and [extra]). */
    void (*keys_early)(struct fc_sw_post *sp, struct fc_extcodec_enc *x, struct fc_extcodec_out *o);
    void (*keys_late)(struct fc_sw_post *sp);
    /* Files beside the post (comment data, redirect pages); may be NULL. */
    void (*post_files)(struct fc_sw_post *sp);
    /* The site's own files at the end: configuration, theme, menus. */
    void (*site_files)(struct fc_sw *w, struct fc_sticky *st, const struct fc_feed *f);
};

extern const struct fc_sw_gen fc_sw_plain, fc_sw_hugo, fc_sw_jekyll, fc_sw_zola, fc_sw_eleventy;

/* ---- the writer (markdown_write.c) ------------------------------------ */

/* A redirect the site cannot serve as a page: a line of the map. */
struct fc_sw_redirect {
    char *from; /* the old address: "/blog/?p=11", "https://other.example/x" */
    char *to;   /* the new absolute URL (or path when the site has none) */
};

struct fc_sw {
    struct fc_writer base; /* the handler, the output, the options */
    const struct fc_sw_gen *gen;
    enum fc_md_layout site;
    bool bundles;           /* page bundles: slug/index.md (Hugo, Zola) */
    bool body_html;         /* bodies kept as HTML in .html files */
    bool keep_urls;         /* posts keep their old URL as their own */
    bool fetch_images;      /* download the images posts use (images.c) */
    struct fc_fetch *fetch; /* made at the first post that needs it */
    char **used;            /* open-addressing set of taken names (lookups only) */
    size_t used_cap, used_n;
    struct fc_arena *arena; /* what lives as long as the writer */
    /* the site's base URL ("https://example.org/blog/", with '/') and its
     * parts: origin "https://example.org", path "/blog/"; NULL / "/" when
     * the feed has no home URL */
    const char *base_url, *origin, *sub_path;
    const char *time_zone; /* the site's (IANA), NULL when the feed has none */
    const char *site_root; /* the directory the feed was read from, or NULL */
    bool begun;
    const struct fc_feed *feed; /* the reader's, lent from begin() to end() */
    /* pages, held until end() (struct fc_post references), with their
     * bodies made ahead (base.prepare; NULL: none) */
    struct fc_post **pages;
    void **page_bodies;
    size_t n_pages, cap_pages;
    /* posts' ids -> the URL paths they were published at, for the menus */
    struct fc_sw_id_url {
        const char *id, *path;
    } * id_urls;
    size_t n_id_urls;
    /* the redirect map, and how many old addresses went there; map_from:
     * its "from"s (keys lent from map), for a look-up per address */
    struct fc_sw_redirect *map;
    size_t n_map, cap_map;
    struct fc_strmap map_from;
    struct fc_strmap slug_next; /* name and slug -> struct slug_next (markdown_write.c) */
    struct fc_buf tops;         /* "\nNAME\n..." the top-level names of copied files */
    size_t n_posts;             /* posts written (not pages, not drafts) */
    bool has_comments, has_more;
};

/* Is the name (a clash key) taken, and take it: false on ENOMEM. */
bool fc_sw_name_taken(const struct fc_sw *w, const char *key);
bool fc_sw_name_take(struct fc_sw *w, const char *key);

/* Write a whole file rel of the site (a sticky failure on error). */
void fc_sw_write(struct fc_sw *w, struct fc_sticky *st, const char *rel, const void *p, size_t n);
/* The same for a buffer (its oom recorded). */
void fc_sw_write_buf(struct fc_sw *w, struct fc_sticky *st, const char *rel, struct fc_buf *b);

/* The front matter object fm as a file's head: "---\nYAML---\n" or, with
 * toml, "+++\nTOML+++\n", appended to out. */
void fc_sw_front_matter_text(struct fc_sticky *st, const json_t *fm, bool toml, struct fc_buf *out);
/* A JSON document (an object) as a YAML file's text appended to out (no
 * "---" lines). */
void fc_sw_yaml_text(struct fc_sticky *st, const json_t *doc, struct fc_buf *out);

/* The new absolute URL of a path from the site's root (the base URL
 * joined; the path itself when the site has no base URL), in arena a. */
const char *fc_sw_abs_url(const struct fc_sw *w, struct fc_arena *a, const char *path);

/* o[key] = a new array / object (NULL on ENOMEM, recorded). */
json_t *fc_sw_put_array(struct fc_extcodec_enc *x, struct fc_extcodec_out *o, const char *key);
json_t *fc_sw_put_object(struct fc_extcodec_enc *x, struct fc_extcodec_out *o, const char *key);
/* o[key] = true/false, an integer. */
void fc_sw_put_bool(struct fc_extcodec_enc *x, struct fc_extcodec_out *o, const char *key, bool v);
void fc_sw_put_int(struct fc_extcodec_enc *x, struct fc_extcodec_out *o, const char *key,
                   long long v);

/* The plain text of a title (an HTML title's text), in arena a. */
const char *fc_sw_plain_text(struct fc_sticky *st, struct fc_arena *a, const struct fc_text *t,
                             bool *lossy);
/* The feed's `feedconv:` mapping: the members of fc_md_feed_x it has,
 * with title_html and subtitle_html before rights and the dates notes
 * before exts, and without what the layout's configuration says already
 * (feed_url in _feed.yml, home_url unless the layout changes its
 * trailing '/', text rights, authors with names only).  NULL on ENOMEM
 * (recorded); the caller owns it. */
json_t *fc_sw_feed_feedconv(struct fc_extcodec_enc *x, struct fc_arena *a, const struct fc_feed *f,
                            enum fc_md_layout site);
/* o[key] = the names of persons (a list), when there are any. */
void fc_sw_put_names(struct fc_extcodec_enc *x, struct fc_extcodec_out *o, const char *key,
                     const struct fc_list *persons);
/* The first author's name of the feed (or its editor's), NULL when none. */
const char *fc_sw_feed_author(const struct fc_feed *f);

/* ---- the site's own files (site_files.c) ----------------------------------- */

/* A document of the site's own (a configuration, a data file) being
 * built from the feed, its strings encoded by x into root. */
struct fc_sw_doc {
    struct fc_sw *w;
    struct fc_sticky *st;
    const struct fc_feed *f;
    struct fc_arena *a; /* the document's strings */
    json_t *root;
    struct fc_extcodec_enc x;
    struct fc_extcodec_out o; /* root's */
    const char *title, *desc; /* the feed's title and subtitle as text */
};

/* How a document is written: a YAML or TOML file, JSON, or a content
 * file that is only front matter (YAML or TOML between its fences). */
enum fc_sw_syntax { FC_SW_YAML, FC_SW_TOML, FC_SW_JSON, FC_SW_FM_YAML, FC_SW_FM_TOML };

/* Start a document for feed f: false on ENOMEM (recorded in st; then
 * there is nothing to close). */
bool fc_sw_doc_open(struct fc_sw_doc *d, struct fc_sw *w, struct fc_sticky *st,
                    const struct fc_feed *f);
/* o["podcast"] = the show's podcast data and o[FC_MD_KEY] = the feed's
 * `feedconv:` mapping (fc_sw_feed_feedconv for the writer's layout), when
 * they have anything: the two sit side by side in every layout. */
void fc_sw_doc_feedconv(struct fc_sw_doc *d, struct fc_extcodec_out *o);
/* The front matter of a section's page ({title, description, sort_by};
 * Zola wants a title): the caller owns it; NULL on ENOMEM (recorded). */
json_t *fc_sw_doc_section(struct fc_sw_doc *d, const char *sort_by);
/* Write v (the root when NULL) as file rel. */
void fc_sw_doc_write(struct fc_sw_doc *d, const json_t *v, const char *rel, enum fc_sw_syntax s);
void fc_sw_doc_close(struct fc_sw_doc *d);
/* A JSON value as file rel (fc_sw_doc_write without a document). */
void fc_sw_write_json(struct fc_sw *w, struct fc_sticky *st, const json_t *v, const char *rel,
                      enum fc_sw_syntax s);

/* A file of a theme or layouts: its path in the site and its text. */
struct fc_sw_file {
    const char *rel, *text;
    size_t len;
};
#define FC_SW_FILE(rel, s)                                                                         \
    {                                                                                              \
        rel, s, sizeof s - 1                                                                       \
    }
void fc_sw_write_files(struct fc_sw *w, struct fc_sticky *st, const struct fc_sw_file *files,
                       size_t n);

/* The clash key of Hugo, Zola and Eleventy: a post's slug (the name of
 * its file in the posts folder), a page's path. */
void fc_sw_slug_key(const struct fc_sw_post *sp, const char *slug, const char *day,
                    struct fc_buf *key);
/* Place a post at posts_dir/SLUG (or posts_dir/SLUG/index with
 * --bundles, when bundles), published at /url_dir/SLUG/; a page at
 * pages_dir/PATH, at /PATH/ (ext after each).  Directories end in '/' or
 * are "". */
void fc_sw_place(struct fc_sw_post *sp, const char *posts_dir, const char *url_dir,
                 const char *pages_dir, bool bundles, const char *ext);

/* ---- comments and menus (site_data.c) ------------------------------------ */

/* The comment objects of post p as a JSON array (NULL when it has none):
 * {id, parent_id, author: {name, email, url}, author_ip, published (RFC
 * 3339), content_html, kind ("pingback", "trackback"; none for a
 * reader's comment)}, the shape `feedconv:` gives them elsewhere. */
json_t *fc_sw_comments_json(struct fc_extcodec_enc *x, const struct fc_post *p);
/* The post's comments as data files, where its generator's layouts read
 * them: Hugo data/comments/NAME.yaml (a list), Jekyll
 * _data/comments/NAME/ID.yml (one comment each); NAME is the post file's
 * base name (its directory's for index files). */
void fc_sw_comment_data(struct fc_sw_post *sp);
/* Remember the URL path post sp was published at when a menu points to
 * it. */
void fc_sw_note_url(struct fc_sw_post *sp, const struct fc_feed *f);
/* The feed's menus as o["menus"] (Hugo's configuration: {MENU: [{
 * identifier, name, url, weight, parent}]}) or, for the other layouts, as
 * {MENU: [{name, url, children: [...]}]} (Jekyll _data/navigation.yml,
 * Eleventy _data/navigation.json, Zola's [extra]); each entry's url the
 * new absolute URL of the post it points to. */
void fc_sw_menus(struct fc_sw *w, struct fc_extcodec_enc *x, struct fc_extcodec_out *o,
                 const struct fc_feed *f);

/* ---- bodies (template_escape.c, hugo_figure.c, kramdown.c) ---------------- */

/* Hugo runs shortcodes everywhere in a body, code blocks included: each
 * "{{< X >}}" and "{{% X %}}" left in the Markdown becomes Hugo's escape
 * X put between Go comment marks ("{{<" "/" "*" X "*" "/" ">}}"), which
 * Hugo prints as "{{< X >}}" (html2md has already
 * escaped those in text with a backslash); one warning per one with no
 * end, which Hugo cannot print. */
void fc_sw_escape_hugo(struct fc_sticky *st, struct fc_buf *md);
/* Zola runs its shortcode calls ("{{ name(k=v) }}", "{% name() %}...{%
 * end %}") everywhere: each gets comment marks inside its braces
 * ("{{" "/" "*" " name(k=v) " "*" "/" "}}"),
 * which Zola prints as the call.  Other braces are left alone (Zola does
 * not run Tera in bodies). */
void fc_sw_escape_zola(struct fc_sticky *st, struct fc_buf *md);
/* Does text hold "{{" or "{%" (Liquid would run it)? */
bool fc_sw_has_liquid(const char *s, size_t n);
/* Each raw <figure> block of the Markdown holding one image (a link
 * around it allowed) and a caption, as Hugo's {{< figure >}}. */
void fc_sw_hugo_figures(struct fc_sw_post *sp);

/* ---- the files a post refers to (resources.c) ------------------------------ */

/* The post's HTML with its references to its bundle's files (its
 * fc_post.resources) made to work where the new site publishes them:
 * relative to the page in a bundle, from the host's root elsewhere (the
 * files keep their URLs there).  In sp's arena; html itself when nothing
 * changes. */
const char *fc_sw_resource_html(struct fc_sw_post *sp, const char *html);

/* ---- downloaded images (images.c) ---------------------------------------- */

/* With --fetch-images: download the images the post's html (may be NULL)
 * and featured image use (sp->rel must be set), set sp->image to the
 * featured image's copy, and return html with references to the copies
 * (html itself when nothing changed, else in sp->a); failures recorded
 * in sp->st (ENOMEM only; a failed download keeps its URL). */
const char *fc_sw_images_html(struct fc_sw_post *sp, const char *html);
/* The one warning listing failed downloads (nothing when none). */
enum fc_status fc_sw_images_end(struct fc_sw *w, struct fc_error *err);
/* Copy the post's resources from the site it was read from: beside its
 * file when it is a bundle's index and they were beside its page, else to
 * where the generator publishes static files at their URLs. */
void fc_sw_resource_copy(struct fc_sw_post *sp);
/* Copy src_rel (below the site read) to rel in the output, noting rel's
 * first component in w->tops (Eleventy copies only what it is told). */
void fc_sw_copy(struct fc_sw *w, struct fc_sticky *st, const char *rel, const char *src_rel);
/* Where static files go so that they are published at their URL path:
 * "static/" for Hugo and Zola, "" (the site's root) for the others. */
const char *fc_sw_static_dir(const struct fc_sw *w);

/* ---- old addresses (redirects.c) ---------------------------------------- */

/*
 * Sort post sp's old addresses (its url, its aliases, the aliases and
 * redirect_from read from a site) into sp->aliases, the paths from the
 * site's root where the new site redirects to the post itself, and lines
 * of w's redirect map for what a static site cannot serve there: a query
 * string (WordPress "?p=11"), another host, a path outside the site's
 * sub-path.  An absolute URL on the site's host loses the sub-path (a
 * blog at /blog/ with the old address /blog/2011/x/ redirects from
 * /2011/x/: every generator writes its redirect pages below the site's
 * root).  With keep_url, the first servable address becomes
 * sp->url_path (sp->keep_url set) instead of a redirect.  The path the
 * post is published at is never a redirect of its own.
 */
void fc_sw_addresses(struct fc_sw_post *sp, bool keep_url);
/* The path from the site's root of an old address, or NULL when a static
 * site cannot serve it (*why: "query", "host", "outside"); in arena a. */
const char *fc_sw_site_path(const struct fc_sw *w, struct fc_arena *a, const char *address,
                            const char **why);
/* Add a line to the redirect map (strings copied). */
void fc_sw_map_add(struct fc_sw *w, struct fc_sticky *st, const char *from, const char *to);
/* Write the map (`_redirects`, Netlify's format, at the published root,
 * publish_dir: "static/" for Hugo and Zola, "" for the others; and
 * `nginx-redirects.conf`, an nginx map, at the site's root) with one
 * warning counting its lines. */
void fc_sw_map_write(struct fc_sw *w, struct fc_sticky *st, const char *publish_dir);
/* The HTML of a page that redirects to url (Eleventy's redirect pages). */
void fc_sw_redirect_page(struct fc_buf *out, const char *url);

#endif
