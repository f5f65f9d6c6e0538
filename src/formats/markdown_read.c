/*
 * markdown_read.c - the Markdown directory reader (see markdown.c for the
 * layouts and the key mapping).  Detects the layout, reads the feed
 * metadata from its configuration file and calls begin(), then reads one
 * post file at a time (file-name order), hands it to post() and frees it.
 */
#include "formats/markdown.h"
#include "sites/kramdown.h"
#include "sites/site_write.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The state of reading one site.  Failures and warnings go through st,
 * whose file is the file being read (display()). */
struct md_reader {
    struct fc_sticky st;
    struct fc_input *in;
    struct fc_handler *h;
    enum fc_md_layout layout;
    struct fc_feed *feed;
    const char *base_url; /* the site's base URL, for posts without one */
    char **paths;         /* post files, in listing order */
    size_t n, cap;
    struct fc_buf name; /* "DIR/rel" for messages */
};

/* "DIR/rel", which messages name from now on. */
static const char *display(struct md_reader *r, const char *rel)
{
    fc_buf_reset(&r->name);
    const char *dir = fc_input_name(r->in);
    fc_buf_puts(&r->name, dir);
    if (r->name.len && r->name.data[r->name.len - 1] != '/')
        fc_buf_putc(&r->name, '/');
    fc_buf_puts(&r->name, rel);
    return r->st.file = fc_buf_cstr(&r->name);
}

/* Read a file of the site as text.  Files from other tools may hold
 * invalid UTF-8 (a Latin-1 title) or NUL bytes: both are replaced by
 * U+FFFD, as CommonMark does for NUL, with one warning at the first,
 * so front matter values and bodies reach the model as valid UTF-8. */
static enum fc_status read_text(struct md_reader *r, const char *rel, struct fc_buf *text)
{
    display(r, rel);
    if (fc_sticky_set(&r->st, fc_in_dir_read(r->in, rel, text, FC_MAX_FILE, r->st.err)) ||
        text->len == 0)
        return r->st.st;
    const char *s = text->data;
    size_t n = text->len;
    size_t good = fc_utf8_valid_prefix(s, n);
    const char *nul = memchr(s, '\0', good);
    if (nul)
        good = (size_t)(nul - s);
    if (good == n)
        return FC_OK;
    unsigned long line = 1, column = 1;
    for (size_t i = 0; i < good; i++) {
        if (s[i] == '\n')
            line++, column = 1;
        else
            column++;
    }
    struct fc_buf fixed;
    fc_buf_init(&fixed);
    size_t count = 0;
    for (size_t i = 0; i < n;) {
        const char *z = memchr(s + i, '\0', n - i);
        size_t seg = z ? (size_t)(z - (s + i)) : n - i;
        count += fc_utf8_repair(&fixed, s + i, seg);
        if (z) {
            fc_buf_puts(&fixed, "\xEF\xBF\xBD");
            count++;
        }
        i += seg + 1;
    }
    if (fixed.oom) {
        fc_buf_free(&fixed);
        fc_sticky_nomem(&r->st);
        return r->st.st;
    }
    fc_buf_free(text);
    *text = fixed;
    fc_sticky_warn(&r->st, line, column, "invalid UTF-8 or NUL bytes: %zu replaced by U+FFFD",
                   count);
    return r->st.st;
}

/* ---- collecting the post files ---------------------------------------- */

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && fc_strcasecmp(s + n - m, suffix) == 0;
}

static const char *base_name(const char *rel)
{
    const char *s = strrchr(rel, '/');
    return s ? s + 1 : rel;
}

static bool is_post_file(const char *rel)
{
    const char *b = base_name(rel);
    if (b[0] == '.' || b[0] == '_')
        return false; /* _index.md, hidden files */
    return ends_with(b, ".md") || ends_with(b, ".markdown") || ends_with(b, ".html");
}

struct md_walk {
    struct md_reader *r;
    bool recurse;
    bool skip_underscore_dirs; /* Eleventy: _includes, _data, _site */
};

static enum fc_status add_path(struct md_reader *r, const char *rel, struct fc_error *err)
{
    if (r->n == r->cap) {
        size_t nc = r->cap ? r->cap * 2 : 64;
        char **np = realloc(r->paths, nc * sizeof *np);
        if (!np)
            return fc_nomem(err);
        r->paths = np;
        r->cap = nc;
    }
    size_t len = strlen(rel);
    char *copy = malloc(len + 1);
    if (!copy)
        return fc_nomem(err);
    memcpy(copy, rel, len + 1);
    r->paths[r->n++] = copy;
    return FC_OK;
}

static enum fc_status walk_fn(void *ctx, const char *rel, bool is_dir, struct fc_error *err)
{
    struct md_walk *w = ctx;
    const char *b = base_name(rel);
    if (is_dir) {
        if (!w->recurse || b[0] == '.' || strcmp(b, "node_modules") == 0 ||
            (w->skip_underscore_dirs && b[0] == '_'))
            return FC_OK;
        return fc_in_dir_list(w->r->in, rel, walk_fn, w, err);
    }
    if (!is_post_file(rel))
        return FC_OK;
    if (w->skip_underscore_dirs && strchr(rel, '/') == NULL && fc_strcasecmp(b, "README.md") == 0)
        return FC_OK;
    return add_path(w->r, rel, err);
}

static enum fc_status collect(struct md_reader *r, const char *dir, bool recurse, bool skip_us)
{
    if (*dir && !fc_in_dir_exists(r->in, dir))
        return FC_OK;
    struct md_walk w = {.r = r, .recurse = recurse, .skip_underscore_dirs = skip_us};
    return fc_sticky_set(&r->st, fc_in_dir_list(r->in, dir, walk_fn, &w, r->st.err));
}

/* ---- small model helpers -------------------------------------------------- */

static void rd_set(struct md_reader *r, struct fc_arena *a, const char **field, const char *s)
{
    if (s && fc_set(a, field, s) != FC_OK)
        fc_sticky_nomem(&r->st);
}

/* *field = a copy of s[0..n). */
static void rd_copy(struct md_reader *r, const char **field, struct fc_arena *a, const char *s,
                    size_t n)
{
    if (!(*field = fc_strdup(a, s, n)))
        fc_sticky_nomem(&r->st);
}

/* A decoder of front-matter values (as JSON) for p's or the feed's arena,
 * its warnings at node y. */
static struct fc_extcodec_dec decoder(struct md_reader *r, struct fc_arena *a, const char *where,
                                      const struct fc_fm_node *y)
{
    return (struct fc_extcodec_dec){&r->st, a, FC_MD_KEY, where, y ? y->line : 0, y ? y->column : 0,
                                    NULL};
}

/* People from a front-matter value: a name, {name, email, url, avatar},
 * or a list of them. */
static void persons_from(struct md_reader *r, struct fc_arena *a, struct fc_list *l,
                         const struct fc_fm_node *y, const char *key)
{
    if (!y)
        return;
    json_t *j = fc_fm_json(y);
    struct fc_extcodec_dec d = decoder(r, a, "front matter", y);
    if (!j)
        fc_sticky_nomem(&r->st);
    else if (!json_is_null(j))
        fc_extcodec_get_persons(&d, j, key, l);
    json_decref(j);
}

static void add_tag(struct md_reader *r, struct fc_arena *a, struct fc_list *l, const char *term,
                    size_t len, const char *scheme)
{
    for (const struct fc_tag *t = l->first; t; t = t->next)
        if (t->term && strlen(t->term) == len && strncmp(t->term, term, len) == 0 &&
            (t->scheme == scheme || (t->scheme && scheme && !strcmp(t->scheme, scheme))))
            return;
    struct fc_tag *t = fc_list_add(a, l, sizeof *t);
    if (!t || !(t->term = fc_strdup(a, term, len)))
        fc_sticky_nomem(&r->st);
    else
        rd_set(r, a, &t->scheme, scheme);
}

/* tags / categories: a list, or Jekyll's space-separated string. */
static void terms_from(struct md_reader *r, struct fc_arena *a, struct fc_list *l,
                       const struct fc_fm_node *y, const char *scheme)
{
    if (!y)
        return;
    if (y->type == FC_FM_SEQ) {
        for (size_t i = 0; i < y->n; i++) {
            const char *s = fc_fm_str(y->kids[i]);
            if (s && *s)
                add_tag(r, a, l, s, strlen(s), scheme);
        }
        return;
    }
    const char *s = fc_fm_str(y);
    while (s && *s) {
        while (*s == ' ' || *s == '\t' || *s == '\n' || *s == ',')
            s++;
        size_t n = strcspn(s, " \t\n");
        if (n && s[n - 1] == ',')
            n--; /* "a, b" is common in hand-written front matter */
        if (n)
            add_tag(r, a, l, s, n, scheme);
        s += strcspn(s, " \t\n");
    }
}

/* A native date: unparsable text is kept raw, with a warning at y. */
static void time_from(struct md_reader *r, struct fc_arena *a, const struct fc_fm_node *y,
                      struct fc_time *t)
{
    const char *s = fc_fm_str(y);
    if (!s)
        return;
    enum fc_status st = fc_time_parse_keep(a, s, t);
    if (st == FC_ENOMEM)
        fc_sticky_nomem(&r->st);
    else if (st != FC_OK)
        fc_sticky_warn(&r->st, y->line, y->column, "unreadable date '%s' kept as text", s);
}

/* fc[key], when it is a string, as t's HTML. */
static void get_html(struct fc_extcodec_dec *d, const json_t *fc, const char *key,
                     struct fc_text *t)
{
    const char *s = NULL;
    fc_extcodec_get_str(d, fc, key, &s);
    if (s) {
        t->value = s;
        t->type = FC_HTML;
    }
}

/* The `feedconv:` mapping of node fcy as JSON, with d set to decode it
 * into arena a and its title_html read into *title; NULL when there is
 * none. */
static json_t *open_feedconv(struct md_reader *r, struct fc_arena *a, const struct fc_fm_node *fcy,
                             struct fc_extcodec_dec *d, struct fc_text *title)
{
    if (!fcy || fcy->type != FC_FM_MAP)
        return NULL;
    json_t *j = fc_fm_json(fcy);
    if (!j)
        fc_sticky_nomem(&r->st);
    *d = decoder(r, a, FC_MD_KEY, fcy);
    fc_extcodec_dec_begin(d, j);
    get_html(d, j, "title_html", title);
    return j;
}

/* ---- one post ---------------------------------------------------------- */

/* Slug from the file name: "2024-01-15-hello.md" -> hello; bundles'
 * "hello/index.md" -> hello. */
static char *slug_from_path(struct fc_arena *a, const char *rel, char day[11])
{
    const char *b = base_name(rel);
    day[0] = '\0';
    if (!strncmp(b, "index.", 6) && b != rel) {
        const char *e = b - 1, *s = e;
        while (s > rel && s[-1] != '/')
            s--;
        return fc_strdup(a, s, (size_t)(e - s));
    }
    size_t n = strlen(b);
    const char *dot = strrchr(b, '.');
    if (dot)
        n = (size_t)(dot - b);
    bool dated = n > 11;
    for (int i = 0; dated && i < 11; i++) {
        char c = b[i];
        dated = (i == 4 || i == 7 || i == 10) ? c == '-' : (c >= '0' && c <= '9');
    }
    if (dated) {
        memcpy(day, b, 10);
        day[10] = '\0';
        return fc_strdup(a, b + 11, n - 11);
    }
    return fc_strdup(a, b, n);
}

static const struct fc_fm_node *first_of(const struct fc_fm_node *fm, const char *const *keys,
                                         const char **which)
{
    for (size_t i = 0; keys[i]; i++) {
        const struct fc_fm_node *y = fc_fm_get(fm, keys[i]);
        if (y) {
            if (which)
                *which = keys[i];
            return y;
        }
    }
    return NULL;
}

/* The post's `feedconv:` mapping (see post_feedconv in markdown_write.c). */
static void post_feedconv(struct md_reader *r, struct fc_post *p, const struct fc_fm_node *fcy,
                          bool *body_text)
{
    struct fc_extcodec_dec d;
    json_t *fc = open_feedconv(r, p->arena, fcy, &d, &p->title);
    if (!fc)
        return;
    fc_extcodec_get_post(&d, fc, p, fc_md_post_x, fc_md_post_x_len);
    const char *s = NULL;
    fc_extcodec_get_str(&d, fc, "summary_type", &s);
    if (s)
        p->summary.type = fc_extcodec_text_type(s);
    s = NULL;
    fc_extcodec_get_str(&d, fc, "body", &s);
    *body_text = s && strcmp(s, "text") == 0;
    /* notes for date: and lastmod: (unparsable ones, kept raw) */
    fc_extcodec_get_time(&d, NULL, "date", "published", &p->published);
    fc_extcodec_get_time(&d, NULL, "updated", "updated", &p->updated);
    json_decref(fc);
}

/* Keys the front matter had that the model has no field for. */
static void keep_unknown(struct md_reader *r, struct fc_post *p, const struct fc_fm_node *fm,
                         const char *used_summary, bool used_id, bool has_url)
{
    for (size_t i = 0; fm && fm->type == FC_FM_MAP && i + 1 < fm->n; i += 2) {
        const char *k = fc_fm_str(fm->kids[i]);
        if (!k)
            continue;
        bool known = fc_md_known_key(k);
        if (!strcmp(k, "description"))
            known = used_summary && !strcmp(used_summary, "description");
        if (!strcmp(k, "id"))
            known = used_id;
        if ((!strcmp(k, "aliases") || !strcmp(k, "redirect_from")) && !has_url)
            known = false; /* a native site's old paths: keep them */
        if (known)
            continue;
        struct fc_ext *e = fc_sticky_add(&r->st, p->arena, &p->exts, sizeof *e);
        if (!e)
            return;
        e->kind = FC_EXT_JSON;
        e->origin = FC_MD_ORIGIN;
        bool alias = !strcmp(k, "redirect_from");
        e->name = fc_strdup(p->arena, alias ? "aliases" : k, (size_t)-1);
        e->value = fc_fm_json_text(p->arena, fm->kids[i + 1]);
        if (!e->name || !e->value) {
            fc_sticky_nomem(&r->st);
            return;
        }
    }
}

static void post_body(struct md_reader *r, struct fc_post *p, const char *rel, const char *body,
                      size_t len, bool body_text)
{
    while (len && (*body == '\n' || *body == '\r'))
        body++, len--; /* the blank line after the front matter */
    size_t trimmed = len;
    while (trimmed && (body[trimmed - 1] == ' ' || body[trimmed - 1] == '\n' ||
                       body[trimmed - 1] == '\r' || body[trimmed - 1] == '\t'))
        trimmed--;
    if (!trimmed)
        return;
    if (len && body[len - 1] == '\n')
        len--; /* the newline the writer ends a file with */
    if (ends_with(rel, ".html")) {
        rd_copy(r, &p->content_html, p->arena, body, len);
        return;
    }
    if (body_text) {
        rd_copy(r, &p->content_text, p->arena, body, len);
        return;
    }
    struct fc_buf html, lit;
    fc_buf_init(&html);
    fc_buf_init(&lit);
    /* Hugo prints shortcode syntax written with its escape as it is */
    if (r->layout == FC_MD_HUGO && strstr(body, "/*")) {
        fc_buf_add(&lit, body, len);
        fc_sw_unescape_hugo(&lit);
        if (lit.oom)
            fc_sticky_nomem(&r->st);
        body = fc_buf_cstr(&lit);
        len = lit.len;
    }
    /* Jekyll's bodies are kramdown's: raw HTML in {::nomarkdown} blocks */
    enum fc_status st = r->layout == FC_MD_JEKYLL
                            ? fc_kramdown_to_html(body, len, &html, r->st.err)
                            : fc_markdown_to_html(body, len, &html, r->st.err);
    if (!fc_sticky_set(&r->st, st)) {
        while (html.len && html.data[html.len - 1] == '\n')
            html.len--;
        rd_copy(r, &p->content_html, p->arena, html.data ? html.data : "", html.len);
    }
    fc_buf_free(&html);
    fc_buf_free(&lit);
}

/* A post with no URL gets the site's default permalink. */
static void default_url(struct md_reader *r, struct fc_post *p, const char *rel, const char *fslug)
{
    struct fc_buf u;
    fc_buf_init(&u);
    size_t bl = strlen(r->base_url);
    while (bl && r->base_url[bl - 1] == '/')
        bl--;
    fc_buf_add(&u, r->base_url, bl);
    char slugbuf[FC_MD_SLUG_MAX + 1];
    const char *s = fc_slugify(p->arena, p->slug ? p->slug : fslug, FC_MD_SLUG_MAX);
    snprintf(slugbuf, sizeof slugbuf, "%s", s ? s : "post");
    if (r->layout == FC_MD_HUGO)
        fc_buf_printf(&u, "/posts/%s/", slugbuf);
    else if (r->layout == FC_MD_JEKYLL && p->published.precision >= FC_TIME_DATE && !p->draft)
        fc_buf_printf(&u, "/%04d/%02d/%02d/%s.html", p->published.year, p->published.month,
                      p->published.day, slugbuf);
    else if (r->layout == FC_MD_ZOLA && !strncmp(rel, "content/", 8)) {
        const char *e = strrchr(rel, '.'); /* content/blog/a.md -> /blog/a/ */
        fc_buf_printf(&u, "/%.*s/", (int)(e - rel - 8), rel + 8);
    } else
        fc_buf_reset(&u);
    if (u.oom)
        fc_sticky_nomem(&r->st);
    else if (u.len)
        rd_set(r, p->arena, &p->url, fc_buf_cstr(&u));
    fc_buf_free(&u);
}

/* Fill p from front matter fm. */
static void post_fields(struct md_reader *r, struct fc_post *p, const struct fc_fm_node *fm,
                        const char *rel, bool *body_text)
{
    struct fc_arena *a = p->arena;
    const struct fc_fm_node *y;
    rd_set(r, a, &p->title.value, fc_fm_str(fc_fm_get(fm, "title")));
    time_from(r, a, fc_fm_get(fm, "date"), &p->published);
    static const char *const upd_keys[] = {"lastmod",  "last_modified_at", "updated",
                                           "modified", "date_modified",    NULL};
    time_from(r, a, first_of(fm, upd_keys, NULL), &p->updated);
    if (fc_fm_bool(fc_fm_get(fm, "draft")) == 1 || fc_fm_bool(fc_fm_get(fm, "published")) == 0 ||
        !strncmp(rel, "_drafts/", 8))
        p->draft = 1;
    char day[11];
    char *fslug = slug_from_path(a, rel, day);
    if (!fslug) {
        fc_sticky_nomem(&r->st);
        return;
    }
    rd_set(r, a, &p->slug, fc_fm_str(fc_fm_get(fm, "slug")));
    if (!fc_time_present(&p->published) && day[0] && fc_time_parse(day, &p->published) != FC_OK)
        p->published = (struct fc_time){0};
    static const char *const author_keys[] = {"authors", "author", NULL};
    const char *which = NULL;
    y = first_of(fm, author_keys, &which);
    persons_from(r, a, &p->authors, y, which);
    static const char *const tag_keys[] = {"tags", "tag", NULL};
    static const char *const cat_keys[] = {"categories", "category", NULL};
    terms_from(r, a, &p->categories, first_of(fm, cat_keys, NULL), "category");
    terms_from(r, a, &p->categories, first_of(fm, tag_keys, NULL), NULL);
    static const char *const sum_keys[] = {"summary", "excerpt", "description", NULL};
    const char *sum_key = NULL;
    rd_set(r, a, &p->summary.value, fc_fm_str(first_of(fm, sum_keys, &sum_key)));
    const char *guid = fc_fm_str(fc_fm_get(fm, "guid"));
    bool used_id = !guid && fc_fm_str(fc_fm_get(fm, "id"));
    rd_set(r, a, &p->id, guid ? guid : fc_fm_str(fc_fm_get(fm, "id")));
    y = fc_fm_get(fm, "images");
    if (y && y->type == FC_FM_SEQ && y->n)
        y = y->kids[0];
    if (!y)
        y = fc_fm_get(fm, "image");
    if (y && y->type == FC_FM_MAP)
        y = fc_fm_get(y, "path"); /* jekyll-seo-tag's image: {path: ...} */
    rd_set(r, a, &p->image, fc_fm_str(y));
    post_feedconv(r, p, fc_fm_get(fm, FC_MD_KEY), body_text);
    bool url_from_fc = p->url != NULL;
    if (!p->url && r->base_url)
        default_url(r, p, rel, fslug);
    /* a site's permalink is the natural id of a post that has none */
    if (!p->id && p->url)
        rd_set(r, a, &p->id, p->url);
    /* with no URL the file name is all that names the post */
    if (!p->url && !p->slug)
        rd_set(r, a, &p->slug, fslug);
    keep_unknown(r, p, fm, sum_key, used_id, url_from_fc);
}

/* The front matter of a post file: a mapping, or none.  With
 * FC_OPT_KEEP_GOING a file whose front matter cannot be read is skipped
 * with a warning (*skip). */
static void parse_front_matter(struct md_reader *r, struct fc_post *p, const char *data, size_t len,
                               struct fc_fm_node **fm, const char **body, bool *skip)
{
    const char *text = NULL;
    size_t tlen = 0;
    *skip = false;
    enum fc_fm_syntax syn = fc_fm_split(data, len, &text, &tlen, body);
    if (!syn)
        return;
    struct fc_error *err = r->st.err;
    enum fc_status st =
        fc_fm_parse(p->arena, syn, text, tlen, r->st.file, fc_fm_line_offset(syn), fm, err);
    if (st == FC_OK && *fm && (*fm)->type != FC_FM_MAP)
        st = fc_fail(err, FC_EPARSE, r->st.file, (*fm)->line, (*fm)->column,
                     "front matter is not a mapping of keys to values");
    if (st == FC_EPARSE && r->st.opt && (r->st.opt->flags & FC_OPT_KEEP_GOING)) {
        struct fc_error e = *err;
        fc_sticky_warn(&r->st, e.line, e.column, "%s; file skipped", e.message);
        *skip = true;
        return;
    }
    fc_sticky_set(&r->st, st);
}

static enum fc_status read_post(struct md_reader *r, const char *rel)
{
    struct fc_buf text;
    fc_buf_init(&text);
    struct fc_post *p = NULL;
    if (read_text(r, rel, &text))
        goto out;
    const char *data = fc_buf_cstr(&text);
    if (!(p = fc_post_new())) {
        fc_sticky_nomem(&r->st);
        goto out;
    }
    const char *body = data;
    struct fc_fm_node *fm = NULL;
    bool skip, body_text = false;
    parse_front_matter(r, p, data, text.len, &fm, &body, &skip);
    if (skip || !fc_sticky_ok(&r->st))
        goto out;
    p->line = 1;
    p->column = 1;
    post_fields(r, p, fm, rel, &body_text);
    if (fc_sticky_ok(&r->st))
        post_body(r, p, rel, body, (size_t)(data + text.len - body), body_text);
    if (fc_sticky_ok(&r->st))
        fc_sticky_set(&r->st, r->h->post(r->h->ctx, r->feed, p, r->st.err));
out:
    fc_post_free(p);
    fc_buf_free(&text);
    return r->st.st;
}

/* ---- the site ------------------------------------------------------------ */

/* A configuration file: TOML by its name, YAML otherwise. */
static void read_config_file(struct md_reader *r, const char *rel, struct fc_fm_node **root)
{
    struct fc_buf text;
    fc_buf_init(&text);
    size_t n = strlen(rel);
    enum fc_fm_syntax syn = n > 5 && !strcmp(rel + n - 5, ".toml") ? FC_FM_TOML : FC_FM_YAML;
    if (!read_text(r, rel, &text) &&
        !fc_sticky_set(&r->st, fc_fm_parse(r->feed->arena, syn, fc_buf_cstr(&text), text.len,
                                           r->st.file, 0, root, r->st.err)) &&
        *root && (*root)->type != FC_FM_MAP)
        *root = NULL;
    fc_buf_free(&text);
}

/* The feed's `feedconv:` mapping (see feed_feedconv in markdown_write.c). */
static void feed_feedconv(struct md_reader *r, const struct fc_fm_node *fcy)
{
    struct fc_feed *f = r->feed;
    struct fc_extcodec_dec d;
    json_t *fc = open_feedconv(r, f->arena, fcy, &d, &f->title);
    if (!fc)
        return;
    get_html(&d, fc, "subtitle_html", &f->subtitle);
    fc_extcodec_get_feed(&d, fc, f, fc_md_feed_x, fc_md_feed_x_len);
    json_decref(fc);
}

static const char *first_existing(struct md_reader *r, const char *const *names)
{
    for (size_t i = 0; names[i]; i++)
        if (fc_in_dir_exists(r->in, names[i]))
            return names[i];
    return NULL;
}

/* Feed metadata from the layout's configuration file. */
static void read_config(struct md_reader *r, const char *cfg)
{
    struct fc_feed *f = r->feed;
    struct fc_arena *a = f->arena;
    struct fc_fm_node *c = NULL;
    read_config_file(r, cfg, &c);
    if (!c)
        return;
    const struct fc_fm_node *params = fc_fm_get(c, "params");
    const struct fc_fm_node *fcy = fc_fm_get(r->layout == FC_MD_HUGO ? params : c, FC_MD_KEY);
    rd_set(r, a, &f->title.value, fc_fm_str(fc_fm_get(c, "title")));
    const char *desc = fc_fm_str(fc_fm_get(c, "description"));
    if (!desc)
        desc = fc_fm_str(fc_fm_get(params, "description"));
    rd_set(r, a, &f->subtitle.value, desc);
    const struct fc_fm_node *author = NULL;
    switch (r->layout) {
    case FC_MD_HUGO:
        rd_set(r, a, &f->home_url, fc_fm_str(fc_fm_get(c, "baseURL")));
        rd_set(r, a, &f->language, fc_fm_str(fc_fm_get(c, "languageCode")));
        rd_set(r, a, &f->rights.value, fc_fm_str(fc_fm_get(c, "copyright")));
        author = fc_fm_get(c, "author") ? fc_fm_get(c, "author") : fc_fm_get(params, "author");
        break;
    case FC_MD_JEKYLL: {
        const char *url = fc_fm_str(fc_fm_get(c, "url"));
        const char *base = fc_fm_str(fc_fm_get(c, "baseurl"));
        if (url) {
            struct fc_buf u;
            fc_buf_init(&u);
            fc_buf_puts(&u, url);
            while (u.len && u.data[u.len - 1] == '/')
                u.len--;
            if (base && *base && *base != '/')
                fc_buf_putc(&u, '/');
            if (base)
                fc_buf_puts(&u, base);
            if (u.oom)
                fc_sticky_nomem(&r->st);
            else
                rd_set(r, a, &f->home_url, fc_buf_cstr(&u));
            fc_buf_free(&u);
        }
        rd_set(r, a, &f->language, fc_fm_str(fc_fm_get(c, "lang")));
        rd_set(r, a, &f->rights.value, fc_fm_str(fc_fm_get(c, "copyright")));
        author = fc_fm_get(c, "author");
        break;
    }
    default:
        rd_set(r, a, &f->home_url, fc_fm_str(fc_fm_get(c, "link")));
        rd_set(r, a, &f->feed_url, fc_fm_str(fc_fm_get(c, "feed_url")));
        rd_set(r, a, &f->language, fc_fm_str(fc_fm_get(c, "language")));
        rd_set(r, a, &f->rights.value, fc_fm_str(fc_fm_get(c, "copyright")));
        author = fc_fm_get(c, "authors");
        break;
    }
    persons_from(r, a, &f->authors, author, r->layout == FC_MD_PLAIN ? "authors" : "author");
    r->base_url = f->home_url;
    feed_feedconv(r, fcy);
}

/* Zola's config.toml, which has a top-level base_url (Hugo's has
 * baseURL). */
static bool zola_config(struct md_reader *r, struct fc_fm_node **c)
{
    read_config_file(r, "config.toml", c);
    return fc_fm_get(*c, "base_url") != NULL;
}

/* The layout, from the files the site has: its configuration file (NULL
 * when none; Zola's is read here). */
static const char *detect_layout(struct md_reader *r)
{
    static const char *const hugo_cfg[] = {"hugo.yaml", "hugo.yml", NULL};
    static const char *const hugo_cfg2[] = {"config.yaml", "config.yml", NULL};
    static const char *const hugo_toml[] = {"hugo.toml", "config.toml", NULL};
    static const char *const eleventy[] = {".eleventy.js",        ".eleventy.cjs",
                                           "eleventy.config.js",  "eleventy.config.mjs",
                                           "eleventy.config.cjs", NULL};
    struct fc_feed *f = r->feed;
    const char *cfg = NULL;
    struct fc_fm_node *zola = NULL;
    bool content = fc_in_dir_exists(r->in, "content");
    if ((cfg = first_existing(r, hugo_cfg)) != NULL ||
        (content && (cfg = first_existing(r, hugo_cfg2)) != NULL)) {
        r->layout = FC_MD_HUGO;
    } else if (fc_in_dir_exists(r->in, "_config.yml") || fc_in_dir_exists(r->in, "_posts")) {
        r->layout = FC_MD_JEKYLL;
        cfg = fc_in_dir_exists(r->in, "_config.yml") ? "_config.yml" : NULL;
    } else if (fc_in_dir_exists(r->in, "_feed.yml")) {
        r->layout = FC_MD_PLAIN;
        cfg = "_feed.yml";
    } else if (first_existing(r, eleventy)) {
        r->layout = FC_MD_ELEVENTY;
    } else if (content && fc_in_dir_exists(r->in, "config.toml") && zola_config(r, &zola)) {
        r->layout = FC_MD_ZOLA;
        rd_set(r, f->arena, &f->title.value, fc_fm_str(fc_fm_get(zola, "title")));
        rd_set(r, f->arena, &f->subtitle.value, fc_fm_str(fc_fm_get(zola, "description")));
        rd_set(r, f->arena, &f->home_url, fc_fm_str(fc_fm_get(zola, "base_url")));
        r->base_url = f->home_url;
    } else if (content && fc_sticky_ok(&r->st) && (cfg = first_existing(r, hugo_toml)) != NULL) {
        r->layout = FC_MD_HUGO;
    } else {
        r->layout = FC_MD_PLAIN;
    }
    static const char *const names[] = {"plain", "hugo", "jekyll", "eleventy", "zola"};
    char fmt[32];
    snprintf(fmt, sizeof fmt, "markdown (%s)", names[r->layout]);
    if (fc_set(f->arena, &f->format, fmt) != FC_OK)
        fc_sticky_nomem(&r->st);
    return cfg;
}

/* The post files of the layout, in r->paths. */
static enum fc_status collect_posts(struct md_reader *r)
{
    switch (r->layout) {
    case FC_MD_HUGO:
        return collect(r, fc_in_dir_exists(r->in, "content/posts") ? "content/posts" : "content",
                       true, false);
    case FC_MD_JEKYLL:
        if (collect(r, "_posts", true, false))
            return r->st.st;
        return collect(r, "_drafts", true, false);
    case FC_MD_ELEVENTY:
        return collect(r, "", true, true);
    case FC_MD_ZOLA:
        return collect(r, "content", true, false);
    default:
        return collect(r, "", false, false);
    }
}

enum fc_status fc_md_read(struct fc_input *in, struct fc_handler *out, const struct fc_options *opt,
                          struct fc_error *err)
{
    if (!fc_in_is_dir(in))
        return fc_fail(err, FC_EUSAGE, fc_input_name(in), 0, 0,
                       "markdown reads a directory (a site), not a stream");
    struct md_reader r = {.st = {FC_OK, opt, err, fc_input_name(in)}, .in = in, .h = out};
    fc_buf_init(&r.name);
    r.feed = fc_feed_new();
    if (!r.feed)
        return fc_nomem(err);
    r.feed->is_site = 1;
    const char *cfg = detect_layout(&r);
    if (fc_sticky_ok(&r.st) && cfg)
        read_config(&r, cfg);
    if (fc_sticky_ok(&r.st))
        collect_posts(&r);
    if (fc_sticky_ok(&r.st) && out->begin)
        fc_sticky_set(&r.st, out->begin(out->ctx, r.feed, err));
    for (size_t i = 0; i < r.n && fc_sticky_ok(&r.st); i++)
        read_post(&r, r.paths[i]);
    if (fc_sticky_ok(&r.st) && out->end)
        fc_sticky_set(&r.st, out->end(out->ctx, r.feed, err));
    for (size_t i = 0; i < r.n; i++)
        free(r.paths[i]);
    free(r.paths);
    fc_buf_free(&r.name);
    fc_feed_free(r.feed);
    return r.st.st;
}
