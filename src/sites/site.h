/*
 * site.h - reading a static site as its generator publishes it: what the
 * Markdown reader (the driver, formats/markdown_read.c) shares with the
 * generators' reading modules (sites/hugo_*.c, jekyll_*.c, zola.c,
 * eleventy.c, plain.c) and with the writers, which take the URL rules
 * from here (their own side is sites/site_write.h).
 *
 * Reading a site, in order (sites/site.c):
 *  1. detect the generator from the files at the input's top (Eleventy,
 *     Zola, Hugo, Jekyll, plain; fc_site_detect), or take the input as a
 *     site's content folder (content, content/posts, _posts) with the
 *     generator's defaults and a warning: nothing outside the input is
 *     ever read;
 *  2. read the configuration as the generator reads it into struct fc_site
 *     (ops->config), with the feed's metadata;
 *  3. index the front matter of every content file (ops->walk calls
 *     fc_site_index per file; ops->page says the file's URL, date, state):
 *     a small struct per file, the bodies are not kept;
 *  4. sort the index as the generator's feed sorts (ops->cmp);
 *  5. read each file again in that order, the body's template code
 *     rendered (ops->body) and the post mapped (ops->post), one at a time.
 * Memory: O(files) for the index, one body at a time.
 */
#ifndef FC_SITES_SITE_H
#define FC_SITES_SITE_H

#include "formats/markdown.h"
#include "sites/tz.h"
#include "util/strmap.h"

/* ---- what a site's configuration says --------------------------------- */

/* A permalink rule: Hugo [permalinks] section = pattern; Jekyll a
 * collection's permalink. */
struct fc_site_permalink {
    const char *key;
    const char *pattern;
};

/* A Jekyll collection (posts is one). */
struct fc_site_collection {
    const char *label;
    const char *permalink; /* the URL template, style names resolved */
    bool output;           /* its documents are written */
};

/* A Jekyll front-matter default: scope (path prefix or glob, type) and
 * the values it gives. */
struct fc_site_default {
    const char *path; /* "" matches everything */
    const char *type; /* "posts", "pages", a collection; NULL any */
    const struct fc_fm_node *values;
};

struct fc_site {
    enum fc_md_layout gen;
    /* the configuration as read (Hugo: every file merged, keys lower
     * case); NULL when the site has none */
    const struct fc_fm_node *config;
    /* the input is the site's content folder, not its root: defaults stand
     * in for the configuration */
    bool content_only;
    /* where the input is in the site: "" at its root, "content/posts"
     * or "_posts" when only that folder was given.  Paths in the index,
     * in docs and in pages are the site's (from its root); the input's
     * are these without the prefix. */
    const char *prefix;
    /* where the content is, from the site's root: Hugo contentDir and
     * Zola "content"; Jekyll collections_dir ("" when none) */
    const char *content_dir;
    const char *title, *description, *language, *copyright;
    const struct fc_fm_node *author;
    /* the base URL with its trailing '/' ("https://example.org/blog/"),
     * NULL when the site has none; its origin ("https://example.org", ""
     * when none) and its path ("/blog/", "/") */
    const char *base_url, *origin, *sub_path;
    const char *time_zone; /* IANA name local times are in; NULL: UTC */
    struct fc_tz *tz;      /* loaded time_zone; NULL: UTC */
    enum fc_tz_rule tz_rule;
    /* Hugo */
    struct fc_site_permalink *permalinks;
    size_t n_permalinks;
    bool ugly_urls;      /* uglyURLs */
    bool keep_case;      /* disablePathToLower */
    bool remove_accents; /* removePathAccents */
    const char *default_lang;
    const struct fc_fm_node *params;
    /* taxonomies: Hugo's [taxonomies] (singular = plural; NULL: tag,
     * category); Zola's list of {name} */
    const struct fc_fm_node *taxonomies;
    /* Jekyll */
    const char *permalink;       /* the posts' URL template (style resolved) */
    const char *permalink_style; /* the setting as given ("date", a template) */
    struct fc_site_collection *collections;
    size_t n_collections;
    struct fc_site_default *defaults;
    size_t n_defaults;
    const char *const *exclude; /* NULL-ended */
    /* Zola [slugify] paths: "on", "safe", "off" */
    const char *slugify_paths;
};

/* ---- URLs (hugo_url.c, jekyll_url.c, zola.c, eleventy.c) --------------- */

/* What a page's URL depends on. */
struct fc_site_doc {
    /* the source file relative to the content dir (Hugo, Zola) or the
     * site's root (Jekyll, Eleventy), '/' separated */
    const char *rel;
    const char *slug;  /* front matter slug, NULL when none */
    const char *url;   /* Hugo url, Jekyll / Eleventy permalink, Zola path */
    const char *title; /* front matter title */
    /* the date as the site shows it (its wall clock: Hugo as written,
     * Jekyll in the site's zone); precision FC_TIME_NONE: undated */
    struct fc_time date;
    /* Jekyll: the categories, folders above _posts first */
    const char *const *categories;
    size_t n_categories;
    const char *collection; /* Jekyll: the collection ("posts") */
    /* Hugo: the page's section path ("posts/a": the directories above
     * it that are sections), "" for a page at the top */
    const char *sections;
};

/*
 * The path from the site's root (before the base URL's path) a page is
 * published at, in the arena; NULL on ENOMEM.  Hugo: the raw (unescaped)
 * RelPermalink without the base path: "/posts/héllo/" (url, [permalinks]
 * with every 0.111 token, slug, bundles, uglyURLs, urlize rules).  Jekyll:
 * post.url ("/news/2023/01/29/x.html"; placeholders escaped, literal text
 * not).  Zola: section path + slug, or path.  Eleventy: the input path or
 * permalink.
 */
char *fc_hugo_url(struct fc_arena *a, const struct fc_site *s, const struct fc_site_doc *d);
char *fc_jekyll_url(struct fc_arena *a, const struct fc_site *s, const struct fc_site_doc *d);
char *fc_zola_url(struct fc_arena *a, const struct fc_site *s, const struct fc_site_doc *d);
char *fc_eleventy_url(struct fc_arena *a, const struct fc_site *s, const struct fc_site_doc *d);

/* Jekyll's post.id, which jekyll-feed's <id> is made of: the URL's
 * directory + "/" + the raw slug ("/2023/01/29/My Slug!").  Arena; NULL
 * on ENOMEM. */
char *fc_jekyll_post_id(struct fc_arena *a, const char *url, const char *slug);

/* Hugo's path sanitising (helpers.MakePathSanitized) of str[0..len):
 * letters, digits, marks and . / \ _ # + ~ - @ kept (and %XX), a run of
 * white space one '-' (none next to a '-', none at the start or the end
 * of str: pass a whole path to have spaces inside its components become
 * '-'), the rest dropped; lower case unless s->keep_case; accents removed
 * first with s->remove_accents. */
char *fc_hugo_sanitize(struct fc_arena *a, const struct fc_site *s, const char *str, size_t len);
/* Hugo's urlize of a title or slug as a permalink token: sanitised, then
 * '+' and %XX decoded as a query string would be, sanitised again. */
char *fc_hugo_urlize(struct fc_arena *a, const struct fc_site *s, const char *str);

/* Jekyll's Utils.slugify: modes "raw", "default" (NULL), "pretty",
 * "ascii", "latin"; cased keeps the case.  Other mode names give the
 * string lower-cased (as Jekyll). */
char *fc_jekyll_slugify(struct fc_arena *a, const char *str, const char *mode, bool cased);
/* Jekyll's URL.escape_path of a placeholder's value, appended to b. */
void fc_jekyll_escape_path(struct fc_buf *b, const char *s);
/* Jekyll's titleize_slug ("hello-world" -> "Hello World"), arena. */
char *fc_jekyll_titleize(struct fc_arena *a, const char *slug);

/* The absolute URL of path (from the site's root) as links show it: the
 * base URL joined, non-ASCII bytes, spaces and what a URL cannot hold
 * percent-encoded (a %XX kept); the base path + path when the site has no
 * origin.  Arena; NULL on ENOMEM. */
char *fc_site_abs_url(struct fc_arena *a, const struct fc_site *s, const char *path);
/* Append s to b percent-encoded as a URL path (see fc_site_abs_url). */
void fc_site_url_encode(struct fc_buf *b, const char *s, size_t n);

/* ---- text (site_text.c): the Unicode the generators' slug rules need --- */

/* Is cp a letter, a decimal digit or a mark (Unicode L*, Nd, M*): what
 * Hugo's and Jekyll's slug rules keep.  A table of the punctuation,
 * symbol, space, other-number and emoji blocks; the code points it does
 * not list count as letters. */
bool fc_site_is_word(uint32_t cp);
/* Unicode white space (Go's unicode.IsSpace). */
bool fc_site_is_space(uint32_t cp);
/* Is cp a combining mark of the blocks accents are written with? */
bool fc_site_is_accent_mark(uint32_t cp);
/* Unicode simple lower case (Latin, Greek, Cyrillic, Armenian,
 * fullwidth). */
uint32_t fc_site_lower(uint32_t cp);
/* The base letter of an accented Latin letter (é -> e), else cp. */
uint32_t fc_site_unaccent(uint32_t cp);
/* Append s[0..n) lower-cased (Unicode) to b. */
void fc_site_lower_str(struct fc_buf *b, const char *s, size_t n);

/* ---- dates (hugo_date.c, jekyll_date.c) ------------------------------- */

/* A time from a front-matter value as Hugo 0.111 reads it (cast's layouts;
 * local and named-zone times in the site's zone, integers as Unix
 * seconds); false when Hugo would not read it (then Hugo's date is zero). */
bool fc_hugo_time(const struct fc_site *s, const struct fc_fm_node *v, struct fc_time *t);
/* Jekyll's reading (Psych's timestamp rule for unquoted YAML, then Ruby's
 * Time.parse): *ignored_zone set when text after the time was ignored as
 * Ruby does; false when it cannot be read. */
bool fc_jekyll_time(const struct fc_site *s, const struct fc_fm_node *v, struct fc_time *t,
                    bool *ignored_zone);
/* A local (floating) time t in the site's zone by its rule: zone set to
 * the offset there; date-only times become midnight.  UTC without a
 * zone. */
void fc_site_localize(const struct fc_site *s, struct fc_time *t);
/* t's wall clock in the site's zone (its instant kept), for the URL date
 * parts of generators that show dates there (Jekyll). */
void fc_site_to_zone(const struct fc_site *s, struct fc_time *t);
/* A "YYYY-MM-DD" (Jekyll also 1-digit month and day, 2-digit years) at
 * the start of a file name: its date (midnight, floating) and the length
 * of the prefix with its separator, 0 when none. */
size_t fc_site_file_date(const char *name, bool loose, struct fc_time *t);

/* ---- reading a site ------------------------------------------------------ */

/* One content file in the index. */
struct fc_site_entry {
    const char *rel; /* relative to the input */
    const char *url; /* path from the site's root; NULL when not rendered */
    const char *title;
    int64_t when; /* the sort date (seconds); dated false: none */
    long nsec;
    int weight;
    bool dated;
    bool emit;  /* a post of the feed (else only known for links) */
    bool draft; /* not published */
};

struct fc_site_reader;

/* One file's front matter as the generator reads it (ops->page fills the
 * rest). */
struct fc_site_page {
    const char *rel;             /* relative to the input */
    struct fc_arena *a;          /* where its values live */
    const struct fc_fm_node *fm; /* the front matter (NULL: none), the
                                  * generator's keys as it reads them */
    const char *file_slug;       /* the slug the file name gives */
    const char *slug;            /* the page's slug (front matter or file) */
    struct fc_time date, updated, expires;
    const char *title; /* the title when the front matter has none, NULL */
    const char *url;   /* path from the site's root; NULL: not rendered */
    const char *id;    /* the feed's id as a path, NULL: the URL */
    const char *kind;  /* fc_post.kind */
    int weight;
    bool draft;     /* not published */
    bool emit;      /* a post of the site's feed */
    bool templates; /* the body's template code runs */
    const char *section;
    /* terms the generator found (Jekyll, Zola), in the page's arena */
    const char **categories, **tags;
    size_t n_categories, n_tags;
};

/* One generator's reading side; one const instance per generator. */
struct fc_site_ops {
    enum fc_md_layout gen;
    const char *name;
    /* Is the input this generator's site (its root)? */
    bool (*detect)(struct fc_site_reader *r);
    /* The configuration into r->site and the feed's metadata. */
    void (*config)(struct fc_site_reader *r);
    /* Every content file into the index (fc_site_index), static files into
     * the feed (fc_site_add_file). */
    void (*walk)(struct fc_site_reader *r);
    /* pg->fm and rel into the rest of *pg. */
    void (*page)(struct fc_site_reader *r, struct fc_site_page *pg);
    /* The generator's keys into the post (dates, draft, URL and id are
     * set from pg by the driver): terms, aliases, weight... */
    void (*post)(struct fc_site_reader *r, const struct fc_site_page *pg, struct fc_post *p);
    /* The body's template code rendered: src[0..n) into out (Markdown or
     * the file's HTML). */
    void (*body)(struct fc_site_reader *r, const struct fc_site_page *pg, const char *src, size_t n,
                 unsigned long line, struct fc_buf *out);
    /* The feed's order: <0 when a comes first. */
    int (*cmp)(const struct fc_site_entry *a, const struct fc_site_entry *b);
    /* Is key one of the front-matter keys it maps (so not kept as an
     * extension)? */
    bool (*known)(const struct fc_site_reader *r, const char *key);
    /* Optional: the index is complete and sorted (r->refs can be built). */
    void (*indexed)(struct fc_site_reader *r);
};

extern const struct fc_site_ops fc_site_plain, fc_site_hugo, fc_site_jekyll, fc_site_zola,
    fc_site_eleventy;

struct fc_site_reader {
    struct fc_sticky st;
    struct fc_input *in;
    struct fc_handler *h;
    struct fc_feed *feed;
    const struct fc_site_ops *ops;
    struct fc_site site;
    struct fc_arena *idx; /* the index's strings */
    struct fc_site_entry *entries;
    size_t n, cap;
    struct fc_buf name;       /* "DIR/rel" for messages */
    bool quiet;               /* the second reading of a file: its warnings were said */
    unsigned long unlisted;   /* pages the site does not list (Hugo _build) */
    bool found_content;       /* some content file was seen */
    const struct fc_buf *one; /* a single file given as the input: its bytes */
    struct fc_jobs *jobs;     /* files indexed, then posts read, on threads (fc_options.jobs) */
    /* A generator's look-ups of pages by reference (Hugo's ref, Jekyll's
     * post_url): keys -> the index (+ 1) of the first entry answering to
     * them; built by ops->indexed, read-only after, so threads share them.
     * Hugo's six forms are the most any generator uses. */
    struct fc_strmap refs[6];
    struct fc_strmap by_rel; /* entries' rel -> index + 1 (fc_site_find_rel) */
};

/* Detect the generator and where the site is; sets r->ops and r->site's
 * gen, prefix and content_only (site.c). */
void fc_site_detect(struct fc_site_reader *r);
/* "DIR/rel", which messages name from now on (r->st.file). */
const char *fc_site_display(struct fc_site_reader *r, const char *rel);
/* Read file rel as text (invalid UTF-8 and NULs replaced, one warning). */
enum fc_status fc_site_read_text(struct fc_site_reader *r, const char *rel, struct fc_buf *text);
/* Split and parse the front matter of text into arena a: *fm (NULL: none)
 * and *body; *skip when FC_OPT_KEEP_GOING skipped a file whose front
 * matter cannot be read (with a warning). */
void fc_site_front_matter(struct fc_site_reader *r, struct fc_arena *a, const char *text,
                          size_t len, struct fc_fm_node **fm, const char **body, bool *skip);
/* Index file rel (its front matter read, ops->page run); files that are
 * not content (no page) are left out.  With r->jobs, on the pool. */
void fc_site_index(struct fc_site_reader *r, const char *rel);
/* After the sort: the map of the entries' paths (fc_site_find_rel), then
 * the generator's own (ops->indexed). */
void fc_site_indexed(struct fc_site_reader *r);
/* fc_site_index's pool items: the pool fc_md_read keeps in r->jobs while
 * the site is walked. */
extern const struct fc_jobs_ops fc_site_index_ops;
/* A reader for work on a pool thread, as r for everything that does not
 * change while files are read (settings, and with with_index the index),
 * with a status of its own (opt, err) and its own name for messages;
 * jr->name is freed by the caller. */
void fc_site_job_reader(struct fc_site_reader *jr, const struct fc_site_reader *r,
                        const struct fc_options *opt, struct fc_error *err, bool with_index);
/* Walk directory rel (recursively), calling fn for each file that is not
 * hidden ('.' names); dirs skip_dir says true for are not entered. */
typedef void (*fc_site_file_fn)(struct fc_site_reader *r, const char *rel, void *ctx);
void fc_site_walk(struct fc_site_reader *r, const char *rel,
                  bool (*skip_dir)(const char *rel, void *ctx), fc_site_file_fn fn, void *ctx);
/* A static file of the site (feed->files), published at url_path. */
void fc_site_add_file(struct fc_site_reader *r, const char *rel, const char *url_path);
/* A file of a post's bundle (post->resources). */
void fc_site_add_resource(struct fc_site_reader *r, struct fc_post *p, const char *rel,
                          const char *url_path);
/* A warning at line:column of the current file, unless r->quiet. */
void fc_site_warn(struct fc_site_reader *r, unsigned long line, unsigned long column,
                  const char *fmt, ...) FC_PRINTF(4, 5);
/* Load the site's time zone (site.time_zone) with a warning when it is
 * unknown (then UTC). */
void fc_site_load_zone(struct fc_site_reader *r);
/* Base URL parts from a base URL (NULL: none): base_url with '/', origin,
 * sub_path. */
void fc_site_set_base(struct fc_site_reader *r, const char *base);
/* The feed's title, subtitle, home (the base URL), language and rights
 * from the site's, as the generator's feed says them. */
void fc_site_feed_meta(struct fc_site_reader *r);
/* The last component of '/'-separated path rel (lent, inside rel). */
const char *fc_site_base_name(const char *rel);
/* Sort the index as the generator's feed (ops->cmp; ties by path), a
 * stable merge sort. */
void fc_site_sort(struct fc_site_reader *r);
/* Does site path rel exist in the input? */
bool fc_site_exists(struct fc_site_reader *r, const char *rel);
/* Find an entry: by rel exactly (the input-relative path). */
const struct fc_site_entry *fc_site_find_rel(const struct fc_site_reader *r, const char *rel);

/* A front-matter mapping's value by key, ASCII case-insensitively (Hugo's
 * keys). */
const struct fc_fm_node *fc_site_get_ci(const struct fc_fm_node *map, const char *key);
/* A copy of mapping m with its keys lower-cased (first one of a key wins),
 * recursively when deep; m itself when it is no mapping.  NULL on ENOMEM. */
struct fc_fm_node *fc_site_lower_keys(struct fc_arena *a, const struct fc_fm_node *m, bool deep);
/* Mapping `over` deep-merged over `base` (over wins; mappings merge,
 * everything else is replaced), in arena a; either may be NULL. */
struct fc_fm_node *fc_site_merge(struct fc_arena *a, const struct fc_fm_node *base,
                                 const struct fc_fm_node *over);
/* A fenced code block of inner[0..n) appended to out on a line of its
 * own: the language (and opts as "{opts}") in the info string, the blank
 * lines around the code removed (Hugo's trim, Jekyll's strip) and with
 * dedent the lines' common indentation (Hugo's .InnerDeindent), a fence
 * longer than any run of backticks inside. */
void fc_site_fence(struct fc_buf *out, const char *lang, const char *opts, const char *inner,
                   size_t n, bool dedent);
/* Add a term to p->categories (deduplicated by term and scheme). */
void fc_site_add_term(struct fc_site_reader *r, struct fc_post *p, const char *term, size_t len,
                      const char *scheme);
/* An old address into p->aliases. */
void fc_site_add_alias(struct fc_site_reader *r, struct fc_post *p, const char *url);
/* Helpers of the orders: dates newest first (undated last), then weights
 * (Hugo: non-zero first, ascending). */
int fc_site_cmp_date(const struct fc_site_entry *a, const struct fc_site_entry *b);

#endif
