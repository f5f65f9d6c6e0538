/*
 * markdown_write.c - the Markdown directory writer (see markdown.c for the
 * layouts and the key mapping).  A streaming handler: begin() keeps the
 * feed, post() writes one file atomically, end() writes the layout's
 * configuration with the feed metadata.
 */
#include "formats/markdown.h"
#include "syntax/json.h"
#include "util/html2md.h"

#include <stdlib.h>
#include <string.h>

struct md_writer {
    struct fc_writer base; /* the handler, the output, the options */
    enum fc_md_layout site;
    bool bundles;   /* Hugo page bundles: slug/index.md */
    bool body_html; /* bodies kept as HTML in .html files */
    char **used;    /* open-addressing set of taken names (lookups only) */
    size_t used_cap, used_n;
};

/* ---- the set of names already written ---------------------------------- */

static size_t name_hash(const char *s)
{
    size_t h = 1469598103934665603u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

static bool used_has(const struct md_writer *w, const char *s)
{
    if (!w->used_cap)
        return false;
    for (size_t i = name_hash(s) & (w->used_cap - 1);; i = (i + 1) & (w->used_cap - 1)) {
        if (!w->used[i])
            return false;
        if (strcmp(w->used[i], s) == 0)
            return true;
    }
}

static bool used_put_raw(char **tab, size_t cap, char *s)
{
    for (size_t i = name_hash(s) & (cap - 1);; i = (i + 1) & (cap - 1))
        if (!tab[i]) {
            tab[i] = s;
            return true;
        }
}

static bool used_add(struct md_writer *w, const char *s)
{
    if ((w->used_n + 1) * 2 > w->used_cap) {
        size_t nc = w->used_cap ? w->used_cap * 2 : 64;
        char **nt = calloc(nc, sizeof *nt);
        if (!nt)
            return false;
        for (size_t i = 0; i < w->used_cap; i++)
            if (w->used[i])
                used_put_raw(nt, nc, w->used[i]);
        free(w->used);
        w->used = nt;
        w->used_cap = nc;
    }
    size_t n = strlen(s);
    char *copy = malloc(n + 1);
    if (!copy)
        return false;
    memcpy(copy, s, n + 1);
    used_put_raw(w->used, w->used_cap, copy);
    w->used_n++;
    return true;
}

/* ---- feedconv: what the front matter has no key for ------------------- */

static bool persons_have_more_than_names(const struct fc_list *l)
{
    for (const struct fc_person *p = l->first; p; p = p->next)
        if (!p->name || p->email || p->url || p->avatar)
            return true;
    return false;
}

static bool is_category_scheme(const char *s)
{
    return s && strcmp(s, "category") == 0;
}

static bool categories_need_full(const struct fc_list *l)
{
    for (const struct fc_tag *t = l->first; t; t = t->next)
        if (!t->term || t->label ||
            (t->scheme && !is_category_scheme(t->scheme) && strcmp(t->scheme, "post_tag") &&
             strcmp(t->scheme, "tag")))
            return true;
    return false;
}

/* Plain text for a title or description; lossy: the HTML original says
 * more than the text. */
static const char *plain_text(struct fc_sticky *st, struct fc_arena *a, const struct fc_text *t,
                              bool *lossy)
{
    *lossy = false;
    if (!t->value || t->type == FC_TEXT)
        return t->value;
    char *s = fc_html_to_text(a, t->value);
    if (!s) {
        fc_sticky_nomem(st);
        return t->value;
    }
    *lossy = strcmp(s, t->value) != 0;
    return s;
}

static bool from_site(const struct fc_ext *e)
{
    return e->kind == FC_EXT_JSON && e->origin && strcmp(e->origin, FC_MD_ORIGIN) == 0;
}

/* A post's `feedconv:` mapping: the members of fc_md_post_x it has, with
 * this writer's own keys in their places (title_html and summary_type
 * before rights; body: text for a text body, whose text is the body;
 * notes of unparsable dates before exts) and without what the front
 * matter says already (authors with names only, plain categories, the
 * unknown keys read from a site). */
static json_t *post_feedconv(struct fc_extcodec_enc *x, struct fc_arena *a, const struct fc_post *p,
                             bool body_text)
{
    json_t *fc = json_object();
    if (!fc) {
        fc_sticky_nomem(x->st);
        return NULL;
    }
    struct fc_extcodec_out out = fc_extcodec_tree(fc), *o = &out;
    for (size_t i = 0; i < fc_md_post_x_len; i++) {
        enum fc_extcodec_member m = fc_md_post_x[i];
        bool lossy;
        char buf[FC_EXTCODEC_TIME_MAX];
        switch (m) {
        case FC_XM_RIGHTS:
            plain_text(x->st, a, &p->title, &lossy);
            if (lossy)
                fc_extcodec_put_str(x, o, "title_html", p->title.value);
            if (p->summary.value && p->summary.type != FC_TEXT)
                fc_extcodec_put_str(x, o, "summary_type",
                                    fc_extcodec_text_type_name(p->summary.type));
            break;
        case FC_XM_CONTENT_TEXT:
            if (body_text) {
                fc_extcodec_put_str(x, o, "body", "text");
                continue;
            }
            break;
        case FC_XM_AUTHORS:
            if (!persons_have_more_than_names(&p->authors))
                continue;
            break;
        case FC_XM_CATEGORIES:
            if (!categories_need_full(&p->categories))
                continue;
            break;
        case FC_XM_EXTS: /* notes: unparsable dates (date: holds parsed ones) */
            if (p->published.precision == FC_TIME_NONE)
                fc_extcodec_time(x, &p->published, "date", "published", buf);
            if (p->updated.precision == FC_TIME_NONE)
                fc_extcodec_time(x, &p->updated, "updated", "updated", buf);
            fc_extcodec_put_dates(x, o);
            fc_extcodec_put_exts(x, o, &p->exts, from_site);
            continue;
        default:
            break;
        }
        fc_extcodec_put_post(x, o, p, &m, 1);
    }
    return fc;
}

/* ---- file names ------------------------------------------------------- */

/* The last path segment of a URL, without an extension like .html; NULL
 * when the URL has a query (WordPress ?p=123) or no useful segment. */
static char *url_segment(struct fc_arena *a, const char *url)
{
    if (!url)
        return NULL;
    const char *p = strstr(url, "://");
    p = p ? strchr(p + 3, '/') : url;
    if (!p)
        return NULL;
    size_t end = strcspn(p, "?#");
    if (p[end] == '?')
        return NULL;
    while (end > 0 && p[end - 1] == '/')
        end--;
    size_t start = end;
    while (start > 0 && p[start - 1] != '/')
        start--;
    if (start == end)
        return NULL;
    char *seg = fc_strdup(a, p + start, end - start);
    if (!seg)
        return NULL;
    char *dot = strrchr(seg, '.');
    if (dot && (!strcmp(dot, ".html") || !strcmp(dot, ".htm") || !strcmp(dot, ".php") ||
                !strcmp(dot, ".aspx") || !strcmp(dot, ".md")))
        *dot = '\0';
    if (!*seg || !strcmp(seg, "index"))
        return NULL;
    return seg;
}

static const char *slug_source(struct fc_arena *a, const struct fc_post *p)
{
    if (p->slug && *p->slug)
        return p->slug;
    char *seg = url_segment(a, p->url);
    if (seg)
        return seg;
    if (p->title.value && *p->title.value)
        return p->title.value;
    return p->id;
}

static bool post_day(const struct fc_post *p, char day[16])
{
    const struct fc_time *t = p->published.precision != FC_TIME_NONE ? &p->published : &p->updated;
    if (t->precision == FC_TIME_NONE)
        return false;
    snprintf(day, 16, "%04d-%02d-%02d", t->year, t->month, t->day);
    return true;
}

/* ---- the post file ----------------------------------------------------- */

static void emit_names(struct fc_yaml_emitter *m, const char *key, const struct fc_list *persons)
{
    if (!persons->count)
        return;
    fc_yaml_emit_plain(m, key);
    fc_yaml_emit_seq(m, false);
    for (const struct fc_person *p = persons->first; p; p = p->next)
        fc_yaml_emit_str(m, p->name ? p->name : p->email ? p->email : p->url);
    fc_yaml_emit_end_seq(m);
}

static void emit_terms(struct fc_yaml_emitter *m, const char *key, const struct fc_list *tags,
                       bool categories)
{
    size_t n = 0;
    for (const struct fc_tag *t = tags->first; t; t = t->next)
        if (t->term && is_category_scheme(t->scheme) == categories)
            n++;
    if (!n)
        return;
    fc_yaml_emit_plain(m, key);
    fc_yaml_emit_seq(m, false);
    for (const struct fc_tag *t = tags->first; t; t = t->next)
        if (t->term && is_category_scheme(t->scheme) == categories)
            fc_yaml_emit_str(m, t->term);
    fc_yaml_emit_end_seq(m);
}

static void emit_time(struct fc_yaml_emitter *m, const char *key, const struct fc_time *t)
{
    char buf[48];
    if (t->precision != FC_TIME_NONE && fc_time_rfc3339(t, buf, sizeof buf))
        fc_yaml_emit_kv(m, key, buf);
}

/* Old links as site paths: aliases / redirect_from. */
static void emit_aliases(struct fc_yaml_emitter *m, struct fc_sticky *st, struct fc_arena *a,
                         const char *key, const struct fc_post *p)
{
    const char *path = NULL;
    size_t plen = 0;
    if (p->url) {
        const char *s = strstr(p->url, "://");
        s = s ? strchr(s + 3, '/') : NULL;
        if (s) {
            plen = strcspn(s, "#");
            if (plen > 1) /* not just "/" */
                path = s;
        }
    }
    const struct fc_ext *extra = NULL;
    for (const struct fc_ext *e = p->exts.first; e; e = e->next)
        if (e->kind == FC_EXT_JSON && e->origin && !strcmp(e->origin, FC_MD_ORIGIN) && e->name &&
            (!strcmp(e->name, "aliases") || !strcmp(e->name, "redirect_from")))
            extra = e;
    json_t *more = NULL;
    json_error_t je;
    bool nomem = false;
    if (extra && extra->value)
        more = fc_json_load(extra->value, strlen(extra->value), JSON_DECODE_ANY, &je, &nomem);
    if (nomem)
        fc_sticky_nomem(st);
    if (!path && !json_is_array(more)) {
        json_decref(more);
        return;
    }
    fc_yaml_emit_plain(m, key);
    fc_yaml_emit_seq(m, false);
    char *pathz = path ? fc_strdup(a, path, plen) : NULL;
    if (path && !pathz)
        fc_sticky_nomem(st);
    else if (pathz)
        fc_yaml_emit_str(m, pathz);
    size_t i;
    json_t *x;
    json_array_foreach(more, i, x)
    {
        if (json_is_string(x) && (!pathz || strcmp(json_string_value(x), pathz)))
            fc_yaml_emit_str(m, json_string_value(x));
    }
    fc_yaml_emit_end_seq(m);
    json_decref(more);
}

static bool key_written(const char *const *keys, size_t n, const char *k)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(keys[i], k) == 0)
            return true;
    return false;
}

/* The front matter of post p into out: its native keys, the unknown keys
 * read from a site back under their names, then `feedconv:`. */
static void front_matter(struct md_writer *w, struct fc_extcodec_enc *x, struct fc_arena *a,
                         const struct fc_post *p, const char *slug, bool write_slug, bool body_text,
                         bool more, struct fc_buf *out)
{
    struct fc_sticky *st = x->st;
    struct fc_yaml_emitter m;
    const char *written[32];
    size_t nw = 0;
#define KEY(k) (written[nw < 32 ? nw++ : 31] = (k))
    if (!fc_yaml_emit_open(&m, out, true)) {
        fc_sticky_nomem(st);
        return;
    }
    fc_yaml_emit_map(&m);
    bool lossy;
    const char *title = plain_text(st, a, &p->title, &lossy);
    if (title)
        fc_yaml_emit_kv(&m, KEY("title"), title);
    emit_time(&m, KEY("date"), &p->published);
    const char *upd = w->site == FC_MD_HUGO     ? "lastmod"
                      : w->site == FC_MD_JEKYLL ? "last_modified_at"
                                                : "updated";
    emit_time(&m, KEY(upd), &p->updated);
    if (p->draft && w->site != FC_MD_JEKYLL) {
        fc_yaml_emit_plain(&m, KEY("draft"));
        fc_yaml_emit_plain(&m, "true");
    }
    /* the file name says it; an explicit or de-duplicated slug is kept */
    if (write_slug)
        fc_yaml_emit_kv(&m, KEY("slug"), slug);
    else
        KEY("slug");
    emit_names(&m, KEY("authors"), &p->authors);
    emit_terms(&m, KEY("tags"), &p->categories, false);
    emit_terms(&m, KEY("categories"), &p->categories, true);
    fc_yaml_emit_kv(&m, KEY(w->site == FC_MD_JEKYLL ? "excerpt" : "summary"), p->summary.value);
    if (w->site != FC_MD_PLAIN)
        emit_aliases(&m, st, a, KEY(w->site == FC_MD_HUGO ? "aliases" : "redirect_from"), p);
    KEY("aliases");
    KEY("redirect_from");
    fc_yaml_emit_kv(&m, KEY("guid"), p->id);
    if (p->image) {
        if (w->site == FC_MD_HUGO) {
            fc_yaml_emit_plain(&m, KEY("images"));
            fc_yaml_emit_seq(&m, false);
            fc_yaml_emit_str(&m, p->image);
            fc_yaml_emit_end_seq(&m);
        } else {
            fc_yaml_emit_kv(&m, KEY("image"), p->image);
        }
    }
    if (w->site == FC_MD_JEKYLL) {
        fc_yaml_emit_plain(&m, KEY("render_with_liquid"));
        fc_yaml_emit_plain(&m, "false");
        if (more)
            fc_yaml_emit_kv(&m, KEY("excerpt_separator"), "<!--more-->");
    }
    KEY(FC_MD_KEY);
    /* unknown keys read from a site, back under their own names */
    for (const struct fc_ext *e = p->exts.first; e; e = e->next) {
        if (!from_site(e) || !e->name || key_written(written, nw, e->name) ||
            fc_md_known_key(e->name))
            continue;
        const char *text = e->value ? e->value : "null";
        json_error_t je;
        bool nomem;
        json_t *v = fc_json_load(text, strlen(text), JSON_DECODE_ANY, &je, &nomem);
        if (nomem)
            fc_sticky_nomem(st);
        fc_yaml_emit_key(&m, e->name);
        if (v)
            fc_yaml_emit_json(&m, v);
        else
            fc_yaml_emit_str(&m, e->value);
        json_decref(v);
    }
#undef KEY
    json_t *fc = post_feedconv(x, a, p, body_text);
    if (json_object_size(fc)) {
        fc_yaml_emit_plain(&m, FC_MD_KEY);
        fc_yaml_emit_json(&m, fc);
    }
    json_decref(fc);
    fc_yaml_emit_end_map(&m);
    if (!fc_yaml_emit_close(&m)) {
        if (m.oom)
            fc_sticky_nomem(st);
        else
            fc_sticky_fail(st, FC_EIO, 0, 0, "cannot write front matter: %s",
                           m.e.problem ? m.e.problem : "YAML emitter error");
    }
    fc_buf_puts(out, "---\n");
}

/* Pick the file for a post: layout directory, date prefix, unique slug. */
static void post_path(struct md_writer *w, struct fc_sticky *st, struct fc_arena *a,
                      const struct fc_post *p, const char *ext, struct fc_buf *rel,
                      const char **slug_out, bool *renamed)
{
    char *base = fc_slugify(a, slug_source(a, p), FC_MD_SLUG_MAX);
    if (!base) {
        fc_sticky_nomem(st);
        return;
    }
    char day[16] = "";
    bool dated = post_day(p, day);
    if (w->site == FC_MD_JEKYLL && !p->draft && !dated) {
        fc_sticky_warn(st, 0, 0, "post '%s' has no date; Jekyll needs one: using 1970-01-01", base);
        memcpy(day, "1970-01-01", 11);
        dated = true;
    }
    struct fc_buf key;
    fc_buf_init(&key);
    const char *slug = base;
    for (unsigned n = 1; fc_sticky_ok(st); n++) {
        if (n > 1) {
            char suffix[16];
            snprintf(suffix, sizeof suffix, "-%u", n);
            size_t bl = strlen(base), sl = strlen(suffix);
            if (bl + sl > FC_MD_SLUG_MAX)
                bl = FC_MD_SLUG_MAX - sl;
            char *s = fc_alloc(a, bl + sl + 1);
            if (!s) {
                fc_sticky_nomem(st);
                break;
            }
            memcpy(s, base, bl);
            memcpy(s + bl, suffix, sl + 1);
            slug = s;
        }
        fc_buf_reset(&key);
        /* the key is what makes two posts clash in the site */
        if (w->site == FC_MD_HUGO)
            fc_buf_printf(&key, "%s", slug);
        else if (w->site == FC_MD_JEKYLL && p->draft)
            fc_buf_printf(&key, "d/%s", slug);
        else
            fc_buf_printf(&key, "%s%s%s", dated ? day : "", dated ? "-" : "", slug);
        if (key.oom)
            fc_sticky_nomem(st);
        else if (!used_has(w, fc_buf_cstr(&key)))
            break;
    }
    if (fc_sticky_ok(st) && !used_add(w, fc_buf_cstr(&key)))
        fc_sticky_nomem(st);
    fc_buf_free(&key);
    if (!fc_sticky_ok(st))
        return;
    switch (w->site) {
    case FC_MD_HUGO:
        if (w->bundles)
            fc_buf_printf(rel, "content/posts/%s/index%s", slug, ext);
        else
            fc_buf_printf(rel, "content/posts/%s%s", slug, ext);
        break;
    case FC_MD_JEKYLL:
        if (p->draft)
            fc_buf_printf(rel, "_drafts/%s%s", slug, ext);
        else
            fc_buf_printf(rel, "_posts/%s-%s%s", day, slug, ext);
        break;
    default:
        fc_buf_printf(rel, "%s%s%s%s", dated ? day : "", dated ? "-" : "", slug, ext);
        break;
    }
    *slug_out = slug;
    *renamed = slug != base;
    if (rel->oom)
        fc_sticky_nomem(st);
}

static enum fc_status wr_begin(void *ctx, struct fc_feed *feed, struct fc_error *err)
{
    (void)ctx;
    (void)feed;
    (void)err;
    return FC_OK;
}

static enum fc_status wr_post(void *ctx, struct fc_feed *feed, struct fc_post *p,
                              struct fc_error *err)
{
    struct md_writer *w = ctx;
    (void)feed;
    struct fc_sticky st = fc_writer_sticky(&w->base, err);
    struct fc_arena *a = fc_arena_new();
    if (!a)
        return fc_nomem(err);
    struct fc_buf body, file, rel;
    fc_buf_init(&body);
    fc_buf_init(&file);
    fc_buf_init(&rel);
    const char *ext = ".md";
    bool body_text = false;
    if (p->content_html) {
        if (w->body_html) {
            ext = ".html";
            fc_buf_puts(&body, p->content_html);
        } else {
            fc_sticky_set(
                &st, fc_html_to_markdown(p->content_html, strlen(p->content_html), &body, err));
        }
    } else if (p->content_text) {
        body_text = true;
        fc_buf_puts(&body, p->content_text);
    }
    const char *slug = NULL;
    bool renamed = false;
    if (fc_sticky_ok(&st))
        post_path(w, &st, a, p, ext, &rel, &slug, &renamed);
    if (fc_sticky_ok(&st)) {
        bool more = strstr(fc_buf_cstr(&body), "<!--more-->") != NULL;
        bool write_slug = (p->slug && *p->slug) || renamed || !p->url;
        struct fc_extcodec_enc x;
        fc_extcodec_enc_init(&x, &st, fc_buf_cstr(&rel));
        front_matter(w, &x, a, p, slug, write_slug, body_text, more, &file);
        fc_extcodec_enc_free(&x);
    }
    if (body.len) {
        fc_buf_putc(&file, '\n');
        fc_buf_add(&file, body.data, body.len);
        if (body.data[body.len - 1] != '\n')
            fc_buf_putc(&file, '\n');
    }
    if (file.oom || body.oom)
        fc_sticky_nomem(&st);
    if (fc_sticky_ok(&st))
        fc_sticky_set(&st,
                      fc_out_dir_write(w->base.out, fc_buf_cstr(&rel), file.data, file.len, err));
    fc_buf_free(&body);
    fc_buf_free(&file);
    fc_buf_free(&rel);
    fc_arena_free(a);
    return st.st;
}

/* ---- feed metadata ------------------------------------------------------ */

/* The feed's `feedconv:` mapping: the members of fc_md_feed_x it has,
 * with title_html and subtitle_html before rights and the dates notes
 * before exts, and without what the layout's configuration says already
 * (feed_url in _feed.yml, home_url unless the layout changes its
 * trailing '/', text rights, authors with names only). */
static json_t *feed_feedconv(struct fc_extcodec_enc *x, struct fc_arena *a, const struct fc_feed *f,
                             enum fc_md_layout site)
{
    json_t *fc = json_object();
    if (!fc) {
        fc_sticky_nomem(x->st);
        return NULL;
    }
    struct fc_extcodec_out out = fc_extcodec_tree(fc), *o = &out;
    size_t hl = f->home_url ? strlen(f->home_url) : 0;
    for (size_t i = 0; i < fc_md_feed_x_len; i++) {
        enum fc_extcodec_member m = fc_md_feed_x[i];
        bool lossy;
        switch (m) {
        case FC_XM_FEED_URL:
            if (site == FC_MD_PLAIN)
                continue;
            break;
        case FC_XM_HOME_URL: /* hugo's baseURL gains a '/', jekyll's url + baseurl loses one */
            if (!hl || !((site == FC_MD_HUGO && f->home_url[hl - 1] != '/') ||
                         (site == FC_MD_JEKYLL && f->home_url[hl - 1] == '/')))
                continue;
            break;
        case FC_XM_RIGHTS:
            plain_text(x->st, a, &f->title, &lossy);
            if (lossy)
                fc_extcodec_put_str(x, o, "title_html", f->title.value);
            plain_text(x->st, a, &f->subtitle, &lossy);
            if (lossy)
                fc_extcodec_put_str(x, o, "subtitle_html", f->subtitle.value);
            if (f->rights.type == FC_TEXT)
                continue;
            break;
        case FC_XM_AUTHORS:
            if (!persons_have_more_than_names(&f->authors) &&
                (site == FC_MD_PLAIN || f->authors.count <= 1))
                continue;
            break;
        case FC_XM_EXTS:
            fc_extcodec_put_dates(x, o);
            break;
        default:
            break;
        }
        fc_extcodec_put_feed(x, o, f, &m, 1);
    }
    return fc;
}

static void emit_feedconv(struct fc_yaml_emitter *m, json_t *fc)
{
    if (fc && json_object_size(fc)) {
        fc_yaml_emit_plain(m, FC_MD_KEY);
        fc_yaml_emit_json(m, fc);
    }
}

static const char *first_author(const struct fc_feed *f)
{
    const struct fc_person *p = f->authors.first;
    if (p)
        return p->name ? p->name : p->email;
    return f->editor.name ? f->editor.name : f->editor.email;
}

/* Close m's document and write it to rel. */
static void write_yaml_file(struct md_writer *w, struct fc_sticky *st, const char *rel,
                            struct fc_buf *b, struct fc_yaml_emitter *m)
{
    if (!fc_yaml_emit_close(m)) {
        if (m->oom)
            fc_sticky_nomem(st);
        else
            fc_sticky_fail(st, FC_EIO, 0, 0, "cannot write %s: YAML emitter error", rel);
    }
    if (fc_sticky_ok(st))
        fc_sticky_set(st, fc_out_dir_write(w->base.out, rel, b->data, b->len, st->err));
}

/* Jekyll wants the site's scheme://host in url and its path in baseurl. */
static void split_url(struct fc_arena *a, const char *u, char **origin, const char **path)
{
    *origin = NULL;
    *path = NULL;
    const char *s = u ? strstr(u, "://") : NULL;
    if (!s)
        return;
    const char *slash = strchr(s + 3, '/');
    if (!slash) {
        *origin = fc_strdup(a, u, (size_t)-1);
        return;
    }
    *origin = fc_strdup(a, u, (size_t)(slash - u));
    size_t n = strlen(slash);
    while (n > 1 && slash[n - 1] == '/')
        n--;
    *path = n > 1 ? slash : NULL;
}

/* A minimal theme, so that the site builds (and shows every post's title,
 * date and tags) before the user picks a real one: `theme:` in hugo.yaml
 * switches it off without touching the site's own layouts/. */
static const char hugo_single[] =
    "<!DOCTYPE html>\n"
    "<html lang=\"{{ site.LanguageCode }}\">\n"
    "<head><meta charset=\"utf-8\"><title>{{ .Title }}</title></head>\n"
    "<body>\n<article>\n<h1>{{ .Title }}</h1>\n"
    "<time datetime=\"{{ .Date.Format \"2006-01-02T15:04:05-07:00\" }}\">"
    "{{ .Date.Format \"2006-01-02T15:04:05-07:00\" }}</time>\n"
    "<ul class=\"tags\">{{ range .Params.tags }}<li>{{ . }}</li>{{ end }}</ul>\n"
    "<ul class=\"categories\">{{ range .Params.categories }}<li>{{ . }}</li>{{ end }}</ul>\n"
    "{{ .Content }}\n</article>\n</body>\n</html>\n";
static const char hugo_list[] =
    "<!DOCTYPE html>\n"
    "<html lang=\"{{ site.LanguageCode }}\">\n"
    "<head><meta charset=\"utf-8\"><title>{{ .Title }}</title></head>\n"
    "<body>\n<h1>{{ .Title }}</h1>\n<ul>\n"
    "{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>\n{{ end }}"
    "</ul>\n</body>\n</html>\n";

/* The feed's site files, each layout's own. */
struct md_site {
    struct md_writer *w;
    struct fc_sticky *st;
    const struct fc_feed *f;
    const char *title, *desc; /* plain text */
    json_t *fc;               /* the feedconv: mapping */
    struct fc_buf *b;
};

/* hugo.yaml, the section page and the minimal theme. */
static void write_hugo(struct md_site *s, struct fc_yaml_emitter *m)
{
    const struct fc_feed *f = s->f;
    struct fc_buf base;
    fc_buf_init(&base);
    fc_buf_puts(&base, f->home_url ? f->home_url : "/");
    if (base.len && base.data[base.len - 1] != '/')
        fc_buf_putc(&base, '/');
    fc_yaml_emit_kv(m, "baseURL", fc_buf_cstr(&base));
    fc_buf_free(&base);
    fc_yaml_emit_kv(m, "languageCode", f->language);
    fc_yaml_emit_kv(m, "title", s->title);
    fc_yaml_emit_kv(m, "copyright", f->rights.value);
    fc_yaml_emit_kv(m, "theme", "feedconv");
    fc_yaml_emit_plain(m, "params");
    fc_yaml_emit_map(m);
    fc_yaml_emit_kv(m, "author", first_author(f));
    fc_yaml_emit_kv(m, "description", s->desc);
    emit_feedconv(m, s->fc);
    fc_yaml_emit_end_map(m);
    /* without this Hugo replaces raw HTML in bodies with a comment */
    static const char *const unsafe[] = {"markup", "goldmark", "renderer"};
    for (int i = 0; i < 3; i++) {
        fc_yaml_emit_plain(m, unsafe[i]);
        fc_yaml_emit_map(m);
    }
    fc_yaml_emit_plain(m, "unsafe");
    fc_yaml_emit_plain(m, "true");
    for (int i = 0; i < 4; i++)
        fc_yaml_emit_end_map(m);
    write_yaml_file(s->w, s->st, "hugo.yaml", s->b, m);
    if (!fc_sticky_ok(s->st))
        return;
    /* the section page */
    fc_buf_reset(s->b);
    if (!fc_yaml_emit_open(m, s->b, true)) {
        fc_sticky_nomem(s->st);
        return;
    }
    fc_yaml_emit_map(m);
    fc_yaml_emit_kv(m, "title", s->title);
    fc_yaml_emit_kv(m, "description", s->desc);
    fc_yaml_emit_end_map(m);
    if (!fc_yaml_emit_close(m)) {
        if (m->oom)
            fc_sticky_nomem(s->st);
        else
            fc_sticky_fail(s->st, FC_EIO, 0, 0, "YAML emitter error");
        return;
    }
    fc_buf_puts(s->b, "---\n");
    struct fc_output *out = s->w->base.out;
    struct fc_error *err = s->st->err;
    enum fc_status st =
        fc_out_dir_write(out, "content/posts/_index.md", s->b->data, s->b->len, err);
    if (!st)
        st = fc_out_dir_write(out, "themes/feedconv/layouts/_default/single.html", hugo_single,
                              sizeof hugo_single - 1, err);
    if (!st)
        st = fc_out_dir_write(out, "themes/feedconv/layouts/_default/list.html", hugo_list,
                              sizeof hugo_list - 1, err);
    fc_sticky_set(s->st, st);
}

/* _config.yml. */
static void write_jekyll(struct md_site *s, struct fc_yaml_emitter *m, struct fc_arena *a)
{
    const struct fc_feed *f = s->f;
    char *origin;
    const char *path;
    split_url(a, f->home_url, &origin, &path);
    fc_yaml_emit_kv(m, "title", s->title);
    fc_yaml_emit_kv(m, "description", s->desc);
    fc_yaml_emit_kv(m, "url", origin);
    fc_yaml_emit_kv(m, "baseurl", path);
    fc_yaml_emit_kv(m, "author", first_author(f));
    fc_yaml_emit_kv(m, "lang", f->language);
    if (f->rights.value && f->rights.type == FC_TEXT)
        fc_yaml_emit_kv(m, "copyright", f->rights.value);
    emit_feedconv(m, s->fc);
    fc_yaml_emit_end_map(m);
    write_yaml_file(s->w, s->st, "_config.yml", s->b, m);
}

/* _feed.yml. */
static void write_plain(struct md_site *s, struct fc_yaml_emitter *m)
{
    const struct fc_feed *f = s->f;
    fc_yaml_emit_kv(m, "title", s->title);
    fc_yaml_emit_kv(m, "description", s->desc);
    fc_yaml_emit_kv(m, "link", f->home_url);
    fc_yaml_emit_kv(m, "feed_url", f->feed_url);
    fc_yaml_emit_kv(m, "language", f->language);
    if (f->rights.value && f->rights.type == FC_TEXT)
        fc_yaml_emit_kv(m, "copyright", f->rights.value);
    emit_names(m, "authors", &f->authors);
    emit_feedconv(m, s->fc);
    fc_yaml_emit_end_map(m);
    write_yaml_file(s->w, s->st, "_feed.yml", s->b, m);
}

static enum fc_status wr_end(void *ctx, struct fc_feed *f, struct fc_error *err)
{
    struct md_writer *w = ctx;
    struct fc_sticky st = fc_writer_sticky(&w->base, err);
    struct fc_arena *a = fc_arena_new();
    if (!a)
        return fc_nomem(err);
    struct fc_buf b;
    fc_buf_init(&b);
    bool lossy;
    struct md_site s = {w, &st, f, NULL, NULL, NULL, &b};
    s.title = plain_text(&st, a, &f->title, &lossy);
    s.desc = plain_text(&st, a, &f->subtitle, &lossy);
    struct fc_extcodec_enc x;
    fc_extcodec_enc_init(&x, &st, "feed");
    s.fc = feed_feedconv(&x, a, f, w->site);
    fc_extcodec_enc_free(&x);
    struct fc_yaml_emitter m;
    if (fc_sticky_ok(&st) && !fc_yaml_emit_open(&m, &b, false))
        fc_sticky_nomem(&st);
    if (fc_sticky_ok(&st)) {
        fc_yaml_emit_map(&m);
        if (w->site == FC_MD_HUGO)
            write_hugo(&s, &m);
        else if (w->site == FC_MD_JEKYLL)
            write_jekyll(&s, &m, a);
        else
            write_plain(&s, &m);
    }
    json_decref(s.fc);
    fc_buf_free(&b);
    fc_arena_free(a);
    return st.st;
}

static void wr_destroy(void *ctx)
{
    struct md_writer *w = ctx;
    for (size_t i = 0; i < w->used_cap; i++)
        free(w->used[i]);
    free(w->used);
    free(w);
}

enum fc_status fc_md_open_writer(struct fc_output *out, const struct fc_options *opt,
                                 struct fc_handler **writer, struct fc_error *err)
{
    struct md_writer *w = calloc(1, sizeof *w);
    if (w) {
        w->site = fc_md_layout_named(fc_options_get(opt, "markdown", "site"));
        w->bundles = fc_options_bool(opt, "markdown", "bundles");
        w->body_html = strcmp(fc_options_get(opt, "markdown", "body"), "html") == 0;
        w->base.h = (struct fc_handler){w, wr_begin, wr_post, wr_end, wr_destroy};
    }
    return fc_writer_open(w, "markdown", true, out, opt, writer, err);
}
