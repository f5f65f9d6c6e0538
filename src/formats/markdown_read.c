/*
 * markdown_read.c - the Markdown directory reader (see markdown.c for the
 * layouts and the key mapping).  Detects the layout, reads the feed
 * metadata from its configuration file and calls begin(), then reads one
 * post file at a time (file-name order), hands it to post() and frees it.
 */
#include "formats/markdown.h"

#include <stdlib.h>
#include <string.h>

struct rd {
    struct fc_input *in;
    struct fc_handler *h;
    const struct fc_options *opt;
    struct fc_error *err;
    enum fc_md_layout layout;
    struct fc_feed *feed;
    const char *base_url; /* the site's base URL, for posts without one */
    char **paths;         /* post files, in listing order */
    size_t n, cap;
    struct fc_buf name; /* "DIR/rel" for messages */
};

static const char *display(struct rd *r, const char *rel)
{
    fc_buf_reset(&r->name);
    const char *dir = fc_input_name(r->in);
    fc_buf_puts(&r->name, dir);
    if (r->name.len && r->name.data[r->name.len - 1] != '/')
        fc_buf_putc(&r->name, '/');
    fc_buf_puts(&r->name, rel);
    return fc_buf_cstr(&r->name);
}

/* Read a file of the site as text.  Files from other tools may hold
 * invalid UTF-8 (a Latin-1 title) or NUL bytes: both are replaced by
 * U+FFFD, as CommonMark does for NUL, with one warning at the first,
 * so front matter values and bodies reach the model as valid UTF-8. */
static enum fc_status read_text(struct rd *r, const char *rel, struct fc_buf *text)
{
    enum fc_status st = fc_in_dir_read(r->in, rel, text, FC_MAX_FILE, r->err);
    if (st || text->len == 0)
        return st;
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
        return fc_nomem(r->err);
    }
    fc_buf_free(text);
    *text = fixed;
    return fc_warn(r->opt, r->err, display(r, rel), line, column,
                   "invalid UTF-8 or NUL bytes: %zu replaced by U+FFFD", count);
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

struct walk {
    struct rd *r;
    bool recurse;
    bool skip_underscore_dirs; /* Eleventy: _includes, _data, _site */
};

static enum fc_status add_path(struct rd *r, const char *rel, struct fc_error *err)
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
    struct walk *w = ctx;
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

static enum fc_status collect(struct rd *r, const char *dir, bool recurse, bool skip_us)
{
    if (*dir && !fc_in_dir_exists(r->in, dir))
        return FC_OK;
    struct walk w = {.r = r, .recurse = recurse, .skip_underscore_dirs = skip_us};
    return fc_in_dir_list(r->in, dir, walk_fn, &w, r->err);
}

/* ---- small model helpers -------------------------------------------------- */

static enum fc_status nomem_if(struct rd *r, const void *p)
{
    return p ? FC_OK : fc_nomem(r->err);
}

static enum fc_status set_str(struct rd *r, struct fc_arena *a, const char **field, const char *s)
{
    if (!s)
        return FC_OK;
    return fc_set(a, field, s) == FC_OK ? FC_OK : fc_nomem(r->err);
}

static const char *jget(const json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

static enum fc_status person_from(struct rd *r, struct fc_arena *a, struct fc_list *l,
                                  const json_t *v)
{
    if (!json_is_string(v) && !json_is_object(v))
        return FC_OK;
    struct fc_person *p = fc_list_add(a, l, sizeof *p);
    if (!p)
        return fc_nomem(r->err);
    if (json_is_string(v))
        return set_str(r, a, &p->name, json_string_value(v));
    enum fc_status st = set_str(r, a, &p->name, jget(v, "name"));
    if (!st)
        st = set_str(r, a, &p->email, jget(v, "email"));
    if (!st)
        st = set_str(r, a, &p->url, jget(v, "url"));
    if (!st)
        st = set_str(r, a, &p->avatar, jget(v, "avatar"));
    return st;
}

/* A person or a list of them (string, {name, email, url} or a list). */
static enum fc_status persons_from(struct rd *r, struct fc_arena *a, struct fc_list *l,
                                   const json_t *v)
{
    if (!json_is_array(v))
        return person_from(r, a, l, v);
    size_t i;
    json_t *x;
    json_array_foreach(v, i, x)
    {
        enum fc_status st = person_from(r, a, l, x);
        if (st)
            return st;
    }
    return FC_OK;
}

static enum fc_status add_tag(struct rd *r, struct fc_arena *a, struct fc_list *l, const char *term,
                              size_t len, const char *scheme)
{
    for (const struct fc_tag *t = l->first; t; t = t->next)
        if (t->term && strlen(t->term) == len && strncmp(t->term, term, len) == 0 &&
            (t->scheme == scheme || (t->scheme && scheme && !strcmp(t->scheme, scheme))))
            return FC_OK;
    struct fc_tag *t = fc_list_add(a, l, sizeof *t);
    if (!t || !(t->term = fc_strdup(a, term, len)))
        return fc_nomem(r->err);
    return set_str(r, a, &t->scheme, scheme);
}

/* tags / categories: a list, or Jekyll's space-separated string. */
static enum fc_status terms_from(struct rd *r, struct fc_arena *a, struct fc_list *l,
                                 const struct fc_fm_node *y, const char *scheme)
{
    enum fc_status st = FC_OK;
    if (!y)
        return FC_OK;
    if (y->type == FC_FM_SEQ) {
        for (size_t i = 0; i < y->n && !st; i++) {
            const char *s = fc_fm_str(y->kids[i]);
            if (s && *s)
                st = add_tag(r, a, l, s, strlen(s), scheme);
        }
        return st;
    }
    const char *s = fc_fm_str(y);
    while (s && *s && !st) {
        while (*s == ' ' || *s == '\t' || *s == '\n' || *s == ',')
            s++;
        size_t n = strcspn(s, " \t\n");
        if (n && s[n - 1] == ',')
            n--; /* "a, b" is common in hand-written front matter */
        if (n)
            st = add_tag(r, a, l, s, n, scheme);
        s += strcspn(s, " \t\n");
    }
    return st;
}

static enum fc_status ext_from_json(struct rd *r, struct fc_arena *a, struct fc_list *l,
                                    const json_t *v, unsigned depth)
{
    if (depth > FC_FM_MAX_DEPTH)
        return fc_fail(r->err, FC_ELIMIT, fc_input_name(r->in), 0, 0,
                       "feedconv.exts nested too deeply");
    struct fc_ext *e = fc_list_add(a, l, sizeof *e);
    if (!e)
        return fc_nomem(r->err);
    if (json_is_string(v)) { /* an XML text node */
        e->kind = FC_EXT_XML;
        return set_str(r, a, &e->value, json_string_value(v));
    }
    const char *kind = jget(v, "kind");
    enum fc_status st = set_str(r, a, &e->name, jget(v, "name"));
    if (!st)
        st = set_str(r, a, &e->origin, jget(v, "origin"));
    if (st)
        return st;
    if (kind && strcmp(kind, "json") == 0) {
        e->kind = FC_EXT_JSON;
        const json_t *val = json_object_get(v, "value");
        if (!val)
            return set_str(r, a, &e->value, jget(v, "text"));
        char *s = json_dumps(val, JSON_COMPACT | JSON_ENCODE_ANY);
        if (!s)
            return fc_nomem(r->err);
        st = set_str(r, a, &e->value, s);
        free(s);
        return st;
    }
    e->kind = FC_EXT_XML;
    if (!st)
        st = set_str(r, a, &e->ns, jget(v, "ns"));
    if (!st)
        st = set_str(r, a, &e->prefix, jget(v, "prefix"));
    if (!st)
        st = set_str(r, a, &e->value, jget(v, "value"));
    size_t i;
    json_t *x;
    json_array_foreach(json_object_get(v, "attrs"), i, x)
    {
        struct fc_attr *at = fc_list_add(a, &e->attrs, sizeof *at);
        if (!at)
            return fc_nomem(r->err);
        if (!st)
            st = set_str(r, a, &at->name, jget(x, "name"));
        if (!st)
            st = set_str(r, a, &at->ns, jget(x, "ns"));
        if (!st)
            st = set_str(r, a, &at->prefix, jget(x, "prefix"));
        if (!st)
            st = set_str(r, a, &at->value, jget(x, "value"));
    }
    json_array_foreach(json_object_get(v, "children"), i, x)
    {
        if (!st)
            st = ext_from_json(r, a, &e->children, x, depth + 1);
    }
    return st;
}

static enum fc_status exts_from(struct rd *r, struct fc_arena *a, struct fc_list *l,
                                const json_t *arr)
{
    size_t i;
    json_t *x;
    enum fc_status st = FC_OK;
    json_array_foreach(arr, i, x)
    {
        if (!st)
            st = ext_from_json(r, a, l, x, 0);
    }
    return st;
}

static enum fc_status links_from(struct rd *r, struct fc_arena *a, struct fc_list *l,
                                 const json_t *arr)
{
    size_t i;
    json_t *x;
    enum fc_status st = FC_OK;
    json_array_foreach(arr, i, x)
    {
        struct fc_link *k = fc_list_add(a, l, sizeof *k);
        if (!k)
            return fc_nomem(r->err);
        k->length = json_is_integer(json_object_get(x, "length"))
                        ? json_integer_value(json_object_get(x, "length"))
                        : -1;
        if (!st)
            st = set_str(r, a, &k->href, jget(x, "href"));
        if (!st)
            st = set_str(r, a, &k->rel, jget(x, "rel"));
        if (!st)
            st = set_str(r, a, &k->type, jget(x, "type"));
        if (!st)
            st = set_str(r, a, &k->hreflang, jget(x, "hreflang"));
        if (!st)
            st = set_str(r, a, &k->title, jget(x, "title"));
    }
    return st;
}

static enum fc_status categories_from(struct rd *r, struct fc_arena *a, struct fc_list *l,
                                      const json_t *arr)
{
    size_t i;
    json_t *x;
    enum fc_status st = FC_OK;
    json_array_foreach(arr, i, x)
    {
        struct fc_tag *t = fc_list_add(a, l, sizeof *t);
        if (!t)
            return fc_nomem(r->err);
        if (!st)
            st = set_str(r, a, &t->term, jget(x, "term"));
        if (!st)
            st = set_str(r, a, &t->scheme, jget(x, "scheme"));
        if (!st)
            st = set_str(r, a, &t->label, jget(x, "label"));
    }
    return st;
}

static enum fc_text_type text_type(const char *s)
{
    if (s && strcmp(s, "html") == 0)
        return FC_HTML;
    if (s && strcmp(s, "xhtml") == 0)
        return FC_XHTML;
    return FC_TEXT;
}

static enum fc_status time_from(struct rd *r, struct fc_arena *a, const char *file,
                                const struct fc_fm_node *y, const char *s, struct fc_time *t)
{
    if (!s)
        return FC_OK;
    enum fc_status st = fc_time_parse_keep(a, s, t);
    if (st == FC_ENOMEM)
        return fc_nomem(r->err);
    if (st != FC_OK)
        return fc_warn(r->opt, r->err, file, y ? y->line : 0, y ? y->column : 0,
                       "unreadable date '%s' kept as text", s);
    return FC_OK;
}

static enum fc_status fields_from(struct rd *r, struct fc_arena *a, void *obj,
                                  const struct fc_md_field *f, const json_t *o)
{
    for (; f->key; f++) {
        const char *s = jget(o, f->key);
        if (s && fc_set(a, (const char **)((char *)obj + f->offset), s) != FC_OK)
            return fc_nomem(r->err);
    }
    return FC_OK;
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

static enum fc_status post_feedconv(struct rd *r, struct fc_post *p, const json_t *fc,
                                    const char *file, bool *body_text)
{
    struct fc_arena *a = p->arena;
    enum fc_status st = fields_from(r, a, p, fc_md_post_fields, fc);
    if (st)
        return st;
    const json_t *v;
    if (json_is_boolean(v = json_object_get(fc, "id_is_permalink")))
        p->id_is_permalink = json_is_true(v);
    if (json_is_integer(v = json_object_get(fc, "comment_count")))
        p->comment_count = json_integer_value(v);
    if (jget(fc, "title_html")) {
        if ((st = set_str(r, a, &p->title.value, jget(fc, "title_html"))))
            return st;
        p->title.type = FC_HTML;
    }
    if (jget(fc, "summary_type"))
        p->summary.type = text_type(jget(fc, "summary_type"));
    if ((v = json_object_get(fc, "rights"))) {
        if ((st = set_str(r, a, &p->rights.value, jget(v, "value"))))
            return st;
        p->rights.type = text_type(jget(v, "type"));
    }
    *body_text = jget(fc, "body") && !strcmp(jget(fc, "body"), "text");
    if ((st = set_str(r, a, &p->content_text, jget(fc, "content_text"))))
        return st;
    if ((v = json_object_get(fc, "authors"))) {
        p->authors = (struct fc_list){0};
        if ((st = persons_from(r, a, &p->authors, v)))
            return st;
    }
    if ((st = persons_from(r, a, &p->contributors, json_object_get(fc, "contributors"))))
        return st;
    if ((v = json_object_get(fc, "categories"))) {
        p->categories = (struct fc_list){0};
        if ((st = categories_from(r, a, &p->categories, v)))
            return st;
    }
    size_t i;
    json_t *x;
    json_array_foreach(json_object_get(fc, "attachments"), i, x)
    {
        struct fc_media *m = fc_list_add(a, &p->attachments, sizeof *m);
        if (!m)
            return fc_nomem(r->err);
        const json_t *len = json_object_get(x, "length"), *dur = json_object_get(x, "duration");
        m->length = json_is_integer(len) ? json_integer_value(len) : -1;
        m->duration = json_is_number(dur) ? json_number_value(dur) : -1;
        if ((st = set_str(r, a, &m->url, jget(x, "url"))) ||
            (st = set_str(r, a, &m->type, jget(x, "type"))) ||
            (st = set_str(r, a, &m->title, jget(x, "title"))))
            return st;
    }
    if ((st = links_from(r, a, &p->links, json_object_get(fc, "links"))))
        return st;
    if ((v = json_object_get(fc, "source"))) {
        p->source = fc_alloc(a, sizeof *p->source);
        if (!p->source)
            return fc_nomem(r->err);
        if ((st = set_str(r, a, &p->source->title, jget(v, "title"))) ||
            (st = set_str(r, a, &p->source->url, jget(v, "url"))) ||
            (st = set_str(r, a, &p->source->home_url, jget(v, "home_url"))) ||
            (st = set_str(r, a, &p->source->id, jget(v, "id"))) ||
            (st = time_from(r, a, file, NULL, jget(v, "updated"), &p->source->updated)))
            return st;
    }
    if (jget(fc, "published_raw") && !fc_time_present(&p->published) &&
        (st = set_str(r, a, &p->published.raw, jget(fc, "published_raw"))))
        return st;
    if (jget(fc, "updated_raw") && !fc_time_present(&p->updated) &&
        (st = set_str(r, a, &p->updated.raw, jget(fc, "updated_raw"))))
        return st;
    return exts_from(r, a, &p->exts, json_object_get(fc, "exts"));
}

/* Keys the front matter had that the model has no field for. */
static enum fc_status keep_unknown(struct rd *r, struct fc_post *p, const struct fc_fm_node *fm,
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
        struct fc_ext *e = fc_list_add(p->arena, &p->exts, sizeof *e);
        if (!e)
            return fc_nomem(r->err);
        e->kind = FC_EXT_JSON;
        e->origin = FC_MD_ORIGIN;
        bool alias = !strcmp(k, "redirect_from");
        e->name = fc_strdup(p->arena, alias ? "aliases" : k, (size_t)-1);
        e->value = fc_fm_json_text(p->arena, fm->kids[i + 1]);
        if (!e->name || !e->value)
            return fc_nomem(r->err);
    }
    return FC_OK;
}

static enum fc_status post_body(struct rd *r, struct fc_post *p, const char *rel, const char *body,
                                size_t len, bool body_text)
{
    while (len && (*body == '\n' || *body == '\r'))
        body++, len--; /* the blank line after the front matter */
    size_t trimmed = len;
    while (trimmed && (body[trimmed - 1] == ' ' || body[trimmed - 1] == '\n' ||
                       body[trimmed - 1] == '\r' || body[trimmed - 1] == '\t'))
        trimmed--;
    if (!trimmed)
        return FC_OK;
    if (len && body[len - 1] == '\n')
        len--; /* the newline the writer ends a file with */
    if (ends_with(rel, ".html")) {
        p->content_html = fc_strdup(p->arena, body, len);
        return nomem_if(r, p->content_html);
    }
    if (body_text) {
        p->content_text = fc_strdup(p->arena, body, len);
        return nomem_if(r, p->content_text);
    }
    struct fc_buf html;
    fc_buf_init(&html);
    enum fc_status st = fc_markdown_to_html(body, len, &html, r->err);
    if (!st) {
        while (html.len && html.data[html.len - 1] == '\n')
            html.len--;
        p->content_html = fc_strdup(p->arena, html.data ? html.data : "", html.len);
        st = nomem_if(r, p->content_html);
    }
    fc_buf_free(&html);
    return st;
}

/* Fill p from front matter fm. */
static enum fc_status post_fields(struct rd *r, struct fc_post *p, const struct fc_fm_node *fm,
                                  const char *rel, const char *file, bool *body_text)
{
    struct fc_arena *a = p->arena;
    enum fc_status st = FC_OK;
    const json_t *fcj = NULL;
    json_t *fc = NULL;
    const struct fc_fm_node *y, *fcy = fc_fm_get(fm, FC_MD_KEY);
    if (fcy && fcy->type == FC_FM_MAP) {
        fc = fc_fm_json(fcy);
        if (!fc)
            return fc_nomem(r->err);
        fcj = fc;
    }
    if ((st = set_str(r, a, &p->title.value, fc_fm_str(fc_fm_get(fm, "title")))))
        goto out;
    y = fc_fm_get(fm, "date");
    if ((st = time_from(r, a, file, y, fc_fm_str(y), &p->published)))
        goto out;
    static const char *const upd_keys[] = {"lastmod",  "last_modified_at", "updated",
                                           "modified", "date_modified",    NULL};
    y = first_of(fm, upd_keys, NULL);
    if ((st = time_from(r, a, file, y, fc_fm_str(y), &p->updated)))
        goto out;
    if (fc_fm_bool(fc_fm_get(fm, "draft")) == 1 || fc_fm_bool(fc_fm_get(fm, "published")) == 0 ||
        !strncmp(rel, "_drafts/", 8))
        p->draft = 1;
    char day[11];
    char *fslug = slug_from_path(a, rel, day);
    if (!fslug) {
        st = fc_nomem(r->err);
        goto out;
    }
    const char *slug = fc_fm_str(fc_fm_get(fm, "slug"));
    if ((st = set_str(r, a, &p->slug, slug)))
        goto out;
    if (!fc_time_present(&p->published) && day[0] && fc_time_parse(day, &p->published) != FC_OK)
        p->published = (struct fc_time){0};
    static const char *const author_keys[] = {"authors", "author", NULL};
    if ((y = first_of(fm, author_keys, NULL))) {
        json_t *j = fc_fm_json(y);
        st = j ? persons_from(r, a, &p->authors, j) : fc_nomem(r->err);
        json_decref(j);
        if (st)
            goto out;
    }
    static const char *const tag_keys[] = {"tags", "tag", NULL};
    static const char *const cat_keys[] = {"categories", "category", NULL};
    if ((st = terms_from(r, a, &p->categories, first_of(fm, cat_keys, NULL), "category")) ||
        (st = terms_from(r, a, &p->categories, first_of(fm, tag_keys, NULL), NULL)))
        goto out;
    static const char *const sum_keys[] = {"summary", "excerpt", "description", NULL};
    const char *sum_key = NULL;
    if ((st = set_str(r, a, &p->summary.value, fc_fm_str(first_of(fm, sum_keys, &sum_key)))))
        goto out;
    const char *guid = fc_fm_str(fc_fm_get(fm, "guid"));
    bool used_id = !guid && fc_fm_str(fc_fm_get(fm, "id"));
    if ((st = set_str(r, a, &p->id, guid ? guid : fc_fm_str(fc_fm_get(fm, "id")))))
        goto out;
    y = fc_fm_get(fm, "images");
    if (y && y->type == FC_FM_SEQ && y->n)
        y = y->kids[0];
    if (!y)
        y = fc_fm_get(fm, "image");
    if (y && y->type == FC_FM_MAP)
        y = fc_fm_get(y, "path"); /* jekyll-seo-tag's image: {path: ...} */
    if ((st = set_str(r, a, &p->image, fc_fm_str(y))))
        goto out;
    if (fcj && (st = post_feedconv(r, p, fcj, file, body_text)))
        goto out;
    bool url_from_fc = p->url != NULL;
    if (!p->url && r->base_url) {
        /* the site's default permalinks */
        struct fc_buf u;
        fc_buf_init(&u);
        size_t bl = strlen(r->base_url);
        while (bl && r->base_url[bl - 1] == '/')
            bl--;
        fc_buf_add(&u, r->base_url, bl);
        char slugbuf[FC_MD_SLUG_MAX + 1];
        const char *s = fc_slugify(a, p->slug ? p->slug : fslug, FC_MD_SLUG_MAX);
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
        if (u.len)
            st = set_str(r, a, &p->url, fc_buf_cstr(&u));
        if (u.oom)
            st = fc_nomem(r->err);
        fc_buf_free(&u);
        if (st)
            goto out;
    }
    /* a site's permalink is the natural id of a post that has none */
    if (!p->id && p->url && (st = set_str(r, a, &p->id, p->url)))
        goto out;
    /* with no URL the file name is all that names the post */
    if (!p->url && !p->slug && (st = set_str(r, a, &p->slug, fslug)))
        goto out;
    st = keep_unknown(r, p, fm, sum_key, used_id, url_from_fc);
out:
    json_decref(fc);
    return st;
}

static enum fc_status read_post(struct rd *r, const char *rel)
{
    struct fc_buf text;
    fc_buf_init(&text);
    enum fc_status st = read_text(r, rel, &text);
    const char *file = display(r, rel);
    struct fc_post *p = NULL;
    if (st)
        goto out;
    const char *data = fc_buf_cstr(&text);
    if (text.len >= 3 && !strncmp(data, "+++", 3)) {
        st = fc_warn(r->opt, r->err, file, 1, 1,
                     "TOML front matter (+++) is not supported; file skipped");
        goto out;
    }
    p = fc_post_new();
    if (!p) {
        st = fc_nomem(r->err);
        goto out;
    }
    const char *yaml = NULL, *body = data;
    size_t ylen = 0;
    struct fc_fm_node *fm = NULL;
    if (fc_fm_split(data, text.len, &yaml, &ylen, &body)) {
        st = fc_yaml_parse(p->arena, yaml, ylen, file, 1, &fm, r->err);
        if (st == FC_OK && fm && fm->type != FC_FM_MAP)
            st = fc_fail(r->err, FC_EPARSE, file, fm->line, fm->column,
                         "front matter is not a mapping of keys to values");
        if (st == FC_EPARSE && r->opt && (r->opt->flags & FC_OPT_KEEP_GOING)) {
            struct fc_error e = *r->err;
            st = fc_warn(r->opt, r->err, e.file, e.line, e.column, "%s; file skipped", e.message);
            goto out;
        }
        if (st)
            goto out;
    }
    p->line = 1;
    p->column = 1;
    bool body_text = false;
    if ((st = post_fields(r, p, fm, rel, file, &body_text)))
        goto out;
    if ((st = post_body(r, p, rel, body, (size_t)(data + text.len - body), body_text)))
        goto out;
    st = r->h->post(r->h->ctx, r->feed, p, r->err);
out:
    fc_post_free(p);
    fc_buf_free(&text);
    return st;
}

/* ---- the site ------------------------------------------------------------ */

static enum fc_status read_yaml_file(struct rd *r, const char *rel, struct fc_fm_node **root)
{
    struct fc_buf text;
    fc_buf_init(&text);
    enum fc_status st = read_text(r, rel, &text);
    if (!st) {
        st = fc_yaml_parse(r->feed->arena, fc_buf_cstr(&text), text.len, display(r, rel), 0, root,
                           r->err);
        if (!st && *root && (*root)->type != FC_FM_MAP)
            *root = NULL;
    }
    fc_buf_free(&text);
    return st;
}

static enum fc_status feed_feedconv(struct rd *r, const json_t *fc)
{
    struct fc_feed *f = r->feed;
    struct fc_arena *a = f->arena;
    enum fc_status st = fields_from(r, a, f, fc_md_feed_fields, fc);
    const json_t *v;
    if (!st && jget(fc, "home_url"))
        st = set_str(r, a, &f->home_url, jget(fc, "home_url"));
    if (!st && jget(fc, "title_html")) {
        st = set_str(r, a, &f->title.value, jget(fc, "title_html"));
        f->title.type = FC_HTML;
    }
    if (!st && jget(fc, "subtitle_html")) {
        st = set_str(r, a, &f->subtitle.value, jget(fc, "subtitle_html"));
        f->subtitle.type = FC_HTML;
    }
    if (!st && (v = json_object_get(fc, "rights"))) {
        st = set_str(r, a, &f->rights.value, jget(v, "value"));
        f->rights.type = text_type(jget(v, "type"));
    }
    if (!st)
        st = time_from(r, a, fc_input_name(r->in), NULL, jget(fc, "published"), &f->published);
    if (!st)
        st = time_from(r, a, fc_input_name(r->in), NULL, jget(fc, "updated"), &f->updated);
    if (!st && (v = json_object_get(fc, "generator"))) {
        if ((st = set_str(r, a, &f->generator.name, jget(v, "name"))) == FC_OK &&
            (st = set_str(r, a, &f->generator.version, jget(v, "version"))) == FC_OK)
            st = set_str(r, a, &f->generator.uri, jget(v, "uri"));
    }
    if (!st && (v = json_object_get(fc, "authors"))) {
        f->authors = (struct fc_list){0};
        st = persons_from(r, a, &f->authors, v);
    }
    if (!st)
        st = persons_from(r, a, &f->contributors, json_object_get(fc, "contributors"));
    if (!st && (v = json_object_get(fc, "editor")))
        if ((st = set_str(r, a, &f->editor.name, jget(v, "name"))) == FC_OK)
            st = set_str(r, a, &f->editor.email, jget(v, "email"));
    if (!st && (v = json_object_get(fc, "webmaster")))
        if ((st = set_str(r, a, &f->webmaster.name, jget(v, "name"))) == FC_OK)
            st = set_str(r, a, &f->webmaster.email, jget(v, "email"));
    if (!st)
        st = categories_from(r, a, &f->categories, json_object_get(fc, "categories"));
    if (!st && (v = json_object_get(fc, "image"))) {
        if ((st = set_str(r, a, &f->image.url, jget(v, "url"))) == FC_OK &&
            (st = set_str(r, a, &f->image.title, jget(v, "title"))) == FC_OK &&
            (st = set_str(r, a, &f->image.link, jget(v, "link"))) == FC_OK)
            st = set_str(r, a, &f->image.description, jget(v, "description"));
        if (json_is_integer(json_object_get(v, "width")))
            f->image.width = (int)json_integer_value(json_object_get(v, "width"));
        if (json_is_integer(json_object_get(v, "height")))
            f->image.height = (int)json_integer_value(json_object_get(v, "height"));
    }
    if (json_is_integer(v = json_object_get(fc, "ttl")))
        f->ttl = (int)json_integer_value(v);
    if (json_is_boolean(v = json_object_get(fc, "expired")))
        f->expired = json_is_true(v);
    size_t i;
    json_t *x;
    json_array_foreach(json_object_get(fc, "hubs"), i, x)
    {
        struct fc_hub *h = fc_list_add(a, &f->hubs, sizeof *h);
        if (!h)
            return fc_nomem(r->err);
        if (!st)
            st = set_str(r, a, &h->type, jget(x, "type"));
        if (!st)
            st = set_str(r, a, &h->url, jget(x, "url"));
    }
    if (!st && (v = json_object_get(fc, "cloud"))) {
        if ((st = set_str(r, a, &f->cloud.domain, jget(v, "domain"))) == FC_OK &&
            (st = set_str(r, a, &f->cloud.path, jget(v, "path"))) == FC_OK &&
            (st = set_str(r, a, &f->cloud.procedure, jget(v, "procedure"))) == FC_OK)
            st = set_str(r, a, &f->cloud.protocol, jget(v, "protocol"));
        if (json_is_integer(json_object_get(v, "port")))
            f->cloud.port = (int)json_integer_value(json_object_get(v, "port"));
    }
    json_array_foreach(json_object_get(fc, "skip_hours"), i, x)
    {
        if (json_is_integer(x) && json_integer_value(x) >= 0 && json_integer_value(x) < 24)
            f->skip_hours |= 1u << json_integer_value(x);
    }
    json_array_foreach(json_object_get(fc, "skip_days"), i, x)
    {
        if (json_is_integer(x) && json_integer_value(x) >= 0 && json_integer_value(x) < 7)
            f->skip_days |= (uint8_t)(1u << json_integer_value(x));
    }
    if (!st && (v = json_object_get(fc, "text_input"))) {
        if ((st = set_str(r, a, &f->text_input.title, jget(v, "title"))) == FC_OK &&
            (st = set_str(r, a, &f->text_input.description, jget(v, "description"))) == FC_OK &&
            (st = set_str(r, a, &f->text_input.name, jget(v, "name"))) == FC_OK)
            st = set_str(r, a, &f->text_input.link, jget(v, "link"));
    }
    if (!st)
        st = links_from(r, a, &f->links, json_object_get(fc, "links"));
    if (!st)
        st = exts_from(r, a, &f->exts, json_object_get(fc, "exts"));
    return st;
}

static const char *first_existing(struct rd *r, const char *const *names)
{
    for (size_t i = 0; names[i]; i++)
        if (fc_in_dir_exists(r->in, names[i]))
            return names[i];
    return NULL;
}

static enum fc_status set_author(struct rd *r, const struct fc_fm_node *y)
{
    if (!y)
        return FC_OK;
    json_t *j = fc_fm_json(y);
    if (!j)
        return fc_nomem(r->err);
    enum fc_status st = persons_from(r, r->feed->arena, &r->feed->authors, j);
    json_decref(j);
    return st;
}

/* Feed metadata from the layout's configuration file. */
static enum fc_status read_config(struct rd *r, const char *cfg)
{
    struct fc_feed *f = r->feed;
    struct fc_arena *a = f->arena;
    struct fc_fm_node *c = NULL;
    enum fc_status st = read_yaml_file(r, cfg, &c);
    if (st || !c)
        return st;
    const struct fc_fm_node *params = fc_fm_get(c, "params");
    const struct fc_fm_node *fcy = fc_fm_get(r->layout == FC_MD_HUGO ? params : c, FC_MD_KEY);
    if ((st = set_str(r, a, &f->title.value, fc_fm_str(fc_fm_get(c, "title")))))
        return st;
    const char *desc = fc_fm_str(fc_fm_get(c, "description"));
    if (!desc)
        desc = fc_fm_str(fc_fm_get(params, "description"));
    if ((st = set_str(r, a, &f->subtitle.value, desc)))
        return st;
    switch (r->layout) {
    case FC_MD_HUGO:
        if ((st = set_str(r, a, &f->home_url, fc_fm_str(fc_fm_get(c, "baseURL")))) ||
            (st = set_str(r, a, &f->language, fc_fm_str(fc_fm_get(c, "languageCode")))) ||
            (st = set_str(r, a, &f->rights.value, fc_fm_str(fc_fm_get(c, "copyright")))))
            return st;
        st = set_author(r, fc_fm_get(c, "author") ? fc_fm_get(c, "author")
                                                  : fc_fm_get(params, "author"));
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
            st = u.oom ? fc_nomem(r->err) : set_str(r, a, &f->home_url, fc_buf_cstr(&u));
            fc_buf_free(&u);
        }
        if (!st)
            st = set_str(r, a, &f->language, fc_fm_str(fc_fm_get(c, "lang")));
        if (!st)
            st = set_str(r, a, &f->rights.value, fc_fm_str(fc_fm_get(c, "copyright")));
        if (!st)
            st = set_author(r, fc_fm_get(c, "author"));
        break;
    }
    default:
        if ((st = set_str(r, a, &f->home_url, fc_fm_str(fc_fm_get(c, "link")))) ||
            (st = set_str(r, a, &f->feed_url, fc_fm_str(fc_fm_get(c, "feed_url")))) ||
            (st = set_str(r, a, &f->language, fc_fm_str(fc_fm_get(c, "language")))) ||
            (st = set_str(r, a, &f->rights.value, fc_fm_str(fc_fm_get(c, "copyright")))))
            return st;
        st = set_author(r, fc_fm_get(c, "authors"));
        break;
    }
    r->base_url = f->home_url;
    if (!st && fcy && fcy->type == FC_FM_MAP) {
        json_t *j = fc_fm_json(fcy);
        st = j ? feed_feedconv(r, j) : fc_nomem(r->err);
        json_decref(j);
    }
    return st;
}

/* The top-level `key = "string"` lines of a TOML configuration (Hugo's
 * config.toml / hugo.toml, Zola's config.toml): enough for the feed
 * metadata; anything else in TOML is not read. */
static enum fc_status toml_strings(struct rd *r, const char *rel, const char *const *keys,
                                   const char **fields[])
{
    struct fc_buf t;
    fc_buf_init(&t);
    enum fc_status st = read_text(r, rel, &t);
    for (const char *line = fc_buf_cstr(&t); !st && line && *line;) {
        const char *nl = strchr(line, '\n');
        size_t len = nl ? (size_t)(nl - line) : strlen(line);
        while (len && (*line == ' ' || *line == '\t'))
            line++, len--;
        if (len && *line == '[')
            break; /* a table: top-level keys are over */
        for (size_t i = 0; keys[i] && !st; i++) {
            size_t kl = strlen(keys[i]);
            const char *p = line;
            if (len <= kl || strncmp(p, keys[i], kl) != 0)
                continue;
            p += kl;
            while (*p == ' ' || *p == '\t')
                p++;
            if (*p++ != '=')
                continue;
            while (*p == ' ' || *p == '\t')
                p++;
            if (*p != '"')
                continue;
            const char *q = ++p;
            while (q < line + len && *q != '"' && *q != '\\')
                q++;
            if (q < line + len && *q == '"' && !*fields[i]) {
                *fields[i] = fc_strdup(r->feed->arena, p, (size_t)(q - p));
                st = nomem_if(r, *fields[i]);
            }
        }
        line = nl ? nl + 1 : NULL;
    }
    fc_buf_free(&t);
    return st;
}

static bool toml_has(struct rd *r, const char *rel, const char *needle)
{
    struct fc_buf t;
    fc_buf_init(&t);
    struct fc_error e;
    bool has = fc_in_dir_read(r->in, rel, &t, FC_MAX_FILE, &e) == FC_OK &&
               strstr(fc_buf_cstr(&t), needle) != NULL;
    fc_buf_free(&t);
    return has;
}

static enum fc_status detect_and_collect(struct rd *r)
{
    static const char *const hugo_cfg[] = {"hugo.yaml", "hugo.yml", NULL};
    static const char *const hugo_cfg2[] = {"config.yaml", "config.yml", NULL};
    static const char *const eleventy[] = {".eleventy.js",        ".eleventy.cjs",
                                           "eleventy.config.js",  "eleventy.config.mjs",
                                           "eleventy.config.cjs", NULL};
    const char *cfg = NULL;
    enum fc_status st = FC_OK;
    bool content = fc_in_dir_exists(r->in, "content");
    const char *kind;
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
    } else if (content && fc_in_dir_exists(r->in, "config.toml") &&
               toml_has(r, "config.toml", "base_url")) {
        r->layout = FC_MD_ZOLA;
        static const char *const zk[] = {"title", "description", "base_url", NULL};
        const char **zf[] = {&r->feed->title.value, &r->feed->subtitle.value, &r->feed->home_url};
        st = toml_strings(r, "config.toml", zk, zf);
        r->base_url = r->feed->home_url;
    } else if (content &&
               (fc_in_dir_exists(r->in, "config.toml") || fc_in_dir_exists(r->in, "hugo.toml"))) {
        r->layout = FC_MD_HUGO;
        static const char *const hk[] = {"title", "baseURL", "languageCode", "copyright", NULL};
        const char **hf[] = {&r->feed->title.value, &r->feed->home_url, &r->feed->language,
                             &r->feed->rights.value};
        st = toml_strings(r, fc_in_dir_exists(r->in, "hugo.toml") ? "hugo.toml" : "config.toml", hk,
                          hf);
        r->base_url = r->feed->home_url;
    } else {
        r->layout = FC_MD_PLAIN;
    }
    static const char *const names[] = {"plain", "hugo", "jekyll", "eleventy", "zola"};
    kind = names[r->layout];
    char fmt[32];
    snprintf(fmt, sizeof fmt, "markdown (%s)", kind);
    if (!st && fc_set(r->feed->arena, &r->feed->format, fmt) != FC_OK)
        st = fc_nomem(r->err);
    if (!st && cfg)
        st = read_config(r, cfg);
    if (st)
        return st;
    switch (r->layout) {
    case FC_MD_HUGO:
        return collect(r, fc_in_dir_exists(r->in, "content/posts") ? "content/posts" : "content",
                       true, false);
    case FC_MD_JEKYLL:
        if ((st = collect(r, "_posts", true, false)))
            return st;
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
    struct rd r = {.in = in, .h = out, .opt = opt, .err = err};
    fc_buf_init(&r.name);
    r.feed = fc_feed_new();
    if (!r.feed)
        return fc_nomem(err);
    enum fc_status st = detect_and_collect(&r);
    if (!st && out->begin)
        st = out->begin(out->ctx, r.feed, err);
    for (size_t i = 0; i < r.n && !st; i++)
        st = read_post(&r, r.paths[i]);
    if (!st && out->end)
        st = out->end(out->ctx, r.feed, err);
    for (size_t i = 0; i < r.n; i++)
        free(r.paths[i]);
    free(r.paths);
    fc_buf_free(&r.name);
    fc_feed_free(r.feed);
    return st;
}
