/*
 * markdown.c - directories of Markdown files with front matter (or one such file): the
 * migration format (a WordPress feed into a Hugo or Jekyll site, a Jekyll
 * `_posts/` folder into a feed, one site layout into another).
 *
 * Specs and conventions: CommonMark 0.29 + GFM (bodies, via cmark-gfm),
 * YAML 1.2 (front matter and configuration files: syntax/yaml.h, read
 * into syntax/frontmatter.h's tree), Hugo front matter and configuration
 * (gohugo.io/content-management/front-matter), Jekyll front matter,
 * posts, drafts and _config.yml (jekyllrb.com/docs).  This file: the
 * format object and the mapping both directions share (the keys
 * understood natively, the members of `feedconv:`); markdown_write.c and
 * markdown_read.c hold the two directions.
 *
 * Layouts (--site; the reader detects them):
 *   plain   DIR/YYYY-MM-DD-slug.md, DIR/_feed.yml
 *   hugo    DIR/content/posts/slug.md (slug/index.md with --bundles),
 *           DIR/content/posts/_index.md, DIR/hugo.yaml
 *   jekyll  DIR/_posts/YYYY-MM-DD-slug.md, drafts DIR/_drafts/slug.md,
 *           DIR/_config.yml
 *   read only: Eleventy (.eleventy.js / eleventy.config.*: every .md
 *           outside _*, node_modules), Zola (config.toml with base_url:
 *           every .md under content/).
 * Front matter: YAML ("---"), TOML ("+++", Hugo and Zola) or JSON (an
 * object first, Hugo); configuration files YAML or TOML (hugo.toml,
 * config.toml).
 * With --body html the body is the post's HTML verbatim in a .html file
 * (Hugo and Jekyll both take .html content with front matter).
 *
 * Post front matter (model <-> key; reader aliases in brackets):
 *   title                 title (HTML titles: text; HTML in feedconv.title_html)
 *   published             date: RFC 3339 with the original offset
 *                         [any form fc_time_parse reads, e.g. Jekyll's
 *                         "2024-01-15 10:30:00 +0530"; else YYYY-MM-DD- of
 *                         the file name]
 *   updated               hugo lastmod, jekyll last_modified_at, plain
 *                         updated [lastmod, modified, updated,
 *                         last_modified_at, date_modified]
 *   draft                 hugo/plain draft: true; jekyll _drafts/
 *                         [draft: true, published: false, _drafts/]
 *   categories, scheme    tags (list) [tags, tag: list or Jekyll's
 *     none/other                         space-separated string]
 *   categories, scheme    categories (list) [categories, category]
 *     "category"          (a term with any other scheme or a label: the
 *                         full list also in feedconv.categories)
 *   authors               authors: list of names [author, authors: string,
 *                         list, or {name, email, url}]; more than a name:
 *                         feedconv.authors
 *   summary               hugo/plain summary, jekyll excerpt [summary,
 *                         excerpt, description]; HTML: feedconv.summary_type
 *   slug                  slug (also the file name)
 *   url                   feedconv.url, and its path as hugo aliases /
 *                         jekyll redirect_from so old links keep working
 *   id                    guid [guid, id]; id_is_permalink in feedconv
 *   image                 hugo images: [url]; jekyll/plain image
 *   content_html          the body (Markdown via html2md; --body html: HTML)
 *   content_text          the body when there is no HTML (feedconv.body:
 *                         text), else feedconv.content_text
 *   episode               episode: {explicit, episode, season,
 *                         episode_type, block, transcripts, chapters,
 *                         persons}: the `_feedconv` codec's episode shape
 *                         (keys as in JSON Feed's _itunes and _podcast);
 *                         read only when it is a mapping (another site's
 *                         `episode: 3` stays an unknown key), a key it
 *                         does not have warned about
 *   attachments, media,   feedconv.attachments (with their Media RSS and
 *     media_groups        alternate-enclosure fields), feedconv.media,
 *                         feedconv.media_groups (the codec's shapes)
 *   everything else       feedconv: {field: value} by model field name,
 *                         the members of fc_md_post_x with the `_feedconv`
 *                         codec's shapes (extcodec.h, as in JSON Feed:
 *                         persons, tags, links, attachments, source, exts);
 *                         an unparsable date is a note in feedconv.dates
 *                         ({published: {raw: "..."}})
 *   fc_ext JSON, origin   the key itself (unknown keys read from any site
 *     "markdown"          come back as they were: `layout: post` survives
 *                         jekyll -> feed -> jekyll)
 *   other exts (RSS/Atom  feedconv.exts: [{name, ns, prefix, origin, attrs,
 *     XML, JSON Feed)     children}] / {kind: json, name, origin, value}
 *   jekyll always gets render_with_liquid: false (so "{{ x }}" in a body
 *   stays text) and excerpt_separator: "<!--more-->" when the body has one.
 *
 * Feed metadata (the show's podcast data: podcast: {image, author, owner,
 * explicit, categories, ...}, the codec's podcast shape, beside feedconv:
 * in each layout; Eleventy in _data/site.json, Zola under [extra]):
 *   plain   _feed.yml: title, description, link, language, copyright,
 *           authors, feedconv: {...} (the members of fc_md_feed_x: times
 *           with their notes in feedconv.dates, skip_days by name, ...)
 *   hugo    hugo.yaml: title, baseURL, languageCode, copyright,
 *           params: {author, description, feedconv: {...}}, and
 *           markup.goldmark.renderer.unsafe: true (raw HTML in bodies is
 *           dropped by Hugo otherwise); content/posts/_index.md: title,
 *           description
 *   jekyll  _config.yml: title, description, url + baseurl, author, lang,
 *           feedconv: {...}
 *
 * Quirks:
 *  - every string scalar is double-quoted, so titles like no, yes, null,
 *    012, "a: b" or "#1" stay strings in every tool;
 *  - posts are read in file-name order (byte order, directories depth
 *    first), which is date order for plain and Jekyll; the reader cannot
 *    know a feed's original order;
 *  - a post read from a site with no feedconv.url gets a URL from the
 *    site's base URL when it has one: hugo BASE/posts/SLUG/, jekyll
 *    BASE/YYYY/MM/DD/SLUG.html (the default permalinks);
 *  - file names come from fc_slugify (ASCII letters, digits, '-', at most
 *    80 bytes): "../../etc/passwd" becomes etc-passwd, collisions get -2,
 *    -3; io.c refuses "..", absolute paths and symlinks on top of that;
 *  - files saved by other tools may hold Latin-1 bytes or NULs: the reader
 *    replaces them with U+FFFD (one warning per file, at the first), so
 *    the model and every writer get valid UTF-8.
 */
#include "formats/markdown.h"

#include <string.h>

static const char *const md_aliases[] = {"md", NULL};
static const char *const md_extensions[] = {NULL};

/* The layouts the writer writes, in enum fc_md_layout order. */
static const char *const layout_names[] = {"plain", "hugo", "jekyll", "eleventy", "zola"};

enum fc_md_layout fc_md_layout_named(const char *name)
{
    for (size_t i = 0; name && i < sizeof layout_names / sizeof *layout_names; i++)
        if (strcmp(layout_names[i], name) == 0)
            return (enum fc_md_layout)i;
    return FC_MD_PLAIN;
}

static const struct fc_setting_def md_settings[] = {
    {"site", FC_SETTING_CHOICE, "plain|hugo|jekyll|eleventy|zola", "plain",
     "the site layout written"},
    {"bundles", FC_SETTING_BOOL, NULL, "false", "Hugo page bundles (slug/index.md)"},
    {"body", FC_SETTING_CHOICE, "markdown|html", "markdown",
     "Markdown bodies, or the HTML kept verbatim"},
    {"keep-urls", FC_SETTING_BOOL, NULL, "false",
     "posts keep their old URL as their own (else redirects from it)"},
    {"fetch-images", FC_SETTING_BOOL, NULL, "false",
     "download the images posts use into the site (network access)"},
    {NULL, FC_SETTING_TEXT, NULL, NULL, NULL},
};

/* A stream is one Markdown file when it opens with YAML or TOML front
 * matter ("---" or "+++" alone on the first line); JSON front matter
 * looks like JSON and needs -f markdown. */
static int md_detect(const unsigned char *h, size_t n)
{
    if (n >= 3 && h[0] == 0xEF && h[1] == 0xBB && h[2] == 0xBF)
        h += 3, n -= 3;
    if (n < 4 || !((h[0] == '-' && h[1] == '-' && h[2] == '-') ||
                   (h[0] == '+' && h[1] == '+' && h[2] == '+')))
        return 0;
    size_t i = 3;
    while (i < n && (h[i] == ' ' || h[i] == '\t'))
        i++;
    return i < n && (h[i] == '\n' || h[i] == '\r') ? 50 : 0;
}

const struct fc_format fc_format_markdown = {
    .name = "markdown",
    .description = "Markdown files with front matter (plain, Hugo, Jekyll, Eleventy, Zola)",
    .aliases = md_aliases,
    .extensions = md_extensions,
    .caps = FC_CAN_READ | FC_CAN_WRITE | FC_IS_DIRECTORY | FC_READS_FILE | FC_CAP_STOPS,
    .detect = md_detect, /* a stream: one file; directories are handed here anyway */
    .read = fc_md_read,
    .open_writer = fc_md_open_writer,
    .settings = md_settings,
};

/* ---- shared mapping tables -------------------------------------------- */

/* What `feedconv:` holds, in the order written; the writer adds its own
 * keys between these (title_html, summary_type, body, dates) and skips
 * what the front matter already says (see markdown_write.c). */
const enum fc_extcodec_member fc_md_post_x[] = {
    FC_XM_URL,           FC_XM_EXTERNAL_URL,
    FC_XM_COMMENTS_URL,  FC_XM_COMMENTS_FEED,
    FC_XM_LANGUAGE,      FC_XM_BASE,
    FC_XM_CONTENT_SRC,   FC_XM_CONTENT_TYPE,
    FC_XM_BANNER_IMAGE,  FC_XM_ID_IS_PERMALINK,
    FC_XM_COMMENT_COUNT, FC_XM_RIGHTS,
    FC_XM_CONTENT_TEXT,  FC_XM_AUTHORS,
    FC_XM_CONTRIBUTORS,  FC_XM_CATEGORIES,
    FC_XM_ATTACHMENTS,   FC_XM_MEDIA,
    FC_XM_MEDIA_GROUPS,  FC_XM_LINKS,
    FC_XM_SOURCE,        FC_XM_KIND,
    FC_XM_PARENT_ID,     FC_XM_WEIGHT,
    FC_XM_PRIVATE_POST,  FC_XM_STICKY,
    FC_XM_EXPIRES,       FC_XM_ALIASES,
    FC_XM_COMMENTS,      FC_XM_EXTS,
};
const size_t fc_md_post_x_len = sizeof fc_md_post_x / sizeof fc_md_post_x[0];

const enum fc_extcodec_member fc_md_feed_x[] = {
    FC_XM_FEED_URL,     FC_XM_ID,           FC_XM_ICON,
    FC_XM_NEXT_URL,     FC_XM_DOCS,         FC_XM_RATING,
    FC_XM_BASE,         FC_XM_USER_COMMENT, FC_XM_DESCRIPTION_TEXT,
    FC_XM_HOME_URL,     FC_XM_RIGHTS,       FC_XM_PUBLISHED,
    FC_XM_UPDATED,      FC_XM_GENERATOR,    FC_XM_AUTHORS,
    FC_XM_CONTRIBUTORS, FC_XM_EDITOR,       FC_XM_WEBMASTER,
    FC_XM_CATEGORIES,   FC_XM_IMAGE,        FC_XM_TTL,
    FC_XM_EXPIRED,      FC_XM_HUBS,         FC_XM_CLOUD,
    FC_XM_SKIP_HOURS,   FC_XM_SKIP_DAYS,    FC_XM_TEXT_INPUT,
    FC_XM_LINKS,        FC_XM_MENUS,        FC_XM_TIME_ZONE,
    FC_XM_EXTS,
};
const size_t fc_md_feed_x_len = sizeof fc_md_feed_x / sizeof fc_md_feed_x[0];

static const char *const known_keys[] = {"title",
                                         "date",
                                         "lastmod",
                                         "modified",
                                         "updated",
                                         "last_modified_at",
                                         "date_modified",
                                         "draft",
                                         "published",
                                         "tags",
                                         "tag",
                                         "categories",
                                         "category",
                                         "authors",
                                         "author",
                                         "summary",
                                         "excerpt",
                                         "slug",
                                         "aliases",
                                         "redirect_from",
                                         "guid",
                                         "image",
                                         "images",
                                         FC_MD_KEY,
                                         "render_with_liquid",
                                         "excerpt_separator",
                                         NULL};

bool fc_md_known_key(const char *key)
{
    for (size_t i = 0; known_keys[i]; i++)
        if (strcmp(known_keys[i], key) == 0)
            return true;
    return false;
}
