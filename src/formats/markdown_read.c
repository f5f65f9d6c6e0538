/*
 * markdown_read.c - the Markdown directory reader (see markdown.c for the
 * layouts and the key mapping): a site read as its generator publishes
 * it.  sites/site.c detects the generator and indexes the front matter of
 * every content file (sites/<generator>_*.c say each file's URL, dates
 * and state); the index is sorted as the generator's feed; then each
 * post's file is read again, in that order, mapped to a post (the keys
 * every layout shares here, the generator's own in its module), its
 * template code rendered and its body converted, handed to post() and
 * freed.  Memory: the index (small, one entry per file) and one post, or
 * up to FC_JOBS_QUEUE * N with fc_options.jobs = N (the bodies are
 * converted on N threads, the calling thread one of them).
 */
#include "formats/markdown.h"
#include "sites/kramdown.h"
#include "sites/site.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- small model helpers -------------------------------------------------- */

static void rd_set(struct fc_site_reader *r, struct fc_arena *a, const char **field, const char *s)
{
    if (s && fc_set(a, field, s) != FC_OK)
        fc_sticky_nomem(&r->st);
}

/* A decoder of front-matter values (as JSON) into arena a, its warnings
 * at node y. */
static struct fc_extcodec_dec decoder(struct fc_site_reader *r, struct fc_arena *a,
                                      const char *where, const struct fc_fm_node *y)
{
    return (struct fc_extcodec_dec){&r->st, a, FC_MD_KEY, where, y ? y->line : 0, y ? y->column : 0,
                                    NULL};
}

/* People from a front-matter value: a name, {name, email, url, avatar},
 * or a list of them. */
static void persons_from(struct fc_site_reader *r, struct fc_arena *a, struct fc_list *l,
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
 * into arena a and its title_html read into *title; NULL when none. */
static json_t *open_feedconv(struct fc_site_reader *r, struct fc_arena *a,
                             const struct fc_fm_node *fcy, struct fc_extcodec_dec *d,
                             struct fc_text *title)
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

/* A podcast mapping of the front matter or the site's configuration
 * (node y: a post's episode:, the show's podcast:) into member m of p or
 * f (one of them NULL).  A key of that name that is not a mapping is
 * another site's: kept as it was (keep_unknown), not read here. */
static void podcast_data(struct fc_site_reader *r, struct fc_arena *a, const struct fc_fm_node *y,
                         enum fc_extcodec_member m, struct fc_post *p, struct fc_feed *f)
{
    if (!y || y->type != FC_FM_MAP)
        return;
    json_t *j = fc_fm_json(y);
    struct fc_extcodec_dec d = decoder(r, a, p ? "front matter" : "site configuration", y);
    if (!j)
        fc_sticky_nomem(&r->st);
    else if (p)
        fc_extcodec_get_post_value(&d, j, p, m);
    else
        fc_extcodec_get_feed_value(&d, j, f, m);
    json_decref(j);
}

/* ---- one post ---------------------------------------------------------- */

static const char *base_name(const char *rel)
{
    const char *s = strrchr(rel, '/');
    return s ? s + 1 : rel;
}

/* Slug from the file name: "2024-01-15-hello.md" -> hello; bundles'
 * "hello/index.md" -> hello. */
static char *slug_from_path(struct fc_arena *a, const char *rel)
{
    const char *b = base_name(rel);
    if (!strncmp(b, "index.", 6) && b != rel) {
        const char *e = b - 1, *s = e;
        while (s > rel && s[-1] != '/')
            s--;
        struct fc_time t;
        size_t pre = fc_site_file_date(s, false, &t);
        if (pre && s + pre < e && (s[pre] == '-' || s[pre] == '_'))
            s += pre + 1;
        return fc_strdup(a, s, (size_t)(e - s));
    }
    size_t n = strlen(b);
    const char *dot = strrchr(b, '.');
    if (dot && dot != b)
        n = (size_t)(dot - b);
    struct fc_time t;
    size_t pre = fc_site_file_date(b, false, &t);
    if (pre && pre + 1 < n && b[pre] == '-')
        return fc_strdup(a, b + pre + 1, n - pre - 1);
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
static void post_feedconv(struct fc_site_reader *r, struct fc_post *p, const struct fc_fm_node *fcy,
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

/* Is key one the mapping takes (so not kept as an extension)?  A site's
 * old paths and ids are its generator's business: a key only plain
 * layouts give a meaning (aliases, guid) is kept from other sites. */
static bool known_key(const struct fc_site_reader *r, const char *k, const char *used_summary,
                      bool plain_aliases)
{
    bool plain = r->ops->gen == FC_MD_PLAIN;
    if (r->ops->known && r->ops->known(r, k))
        return true;
    if (!strcmp(k, "description"))
        return used_summary && !strcmp(used_summary, "description");
    if (!strcmp(k, "id") || !strcmp(k, "guid"))
        return plain;
    if (!strcmp(k, "aliases") || !strcmp(k, "redirect_from"))
        return plain && plain_aliases;
    return fc_md_known_key(k);
}

/* Keys the front matter had that the model has no field for. */
static void keep_unknown(struct fc_site_reader *r, struct fc_post *p, const struct fc_fm_node *fm,
                         const char *used_summary, bool plain_aliases)
{
    const char *episode = fc_extcodec_member_key(FC_XM_EPISODE);
    for (size_t i = 0; fm && fm->type == FC_FM_MAP && i + 1 < fm->n; i += 2) {
        const char *k = fc_fm_str(fm->kids[i]);
        if (!k || known_key(r, k, used_summary, plain_aliases) ||
            (!strcmp(k, episode) && fm->kids[i + 1]->type == FC_FM_MAP))
            continue;
        struct fc_ext *e = fc_sticky_add(&r->st, p->arena, &p->exts, sizeof *e);
        if (!e)
            return;
        e->kind = FC_EXT_JSON;
        e->origin = FC_MD_ORIGIN;
        bool alias = !strcmp(k, "redirect_from") && r->ops->gen == FC_MD_PLAIN;
        e->name = fc_strdup(p->arena, alias ? "aliases" : k, (size_t)-1);
        e->value = fc_fm_json_text(p->arena, fm->kids[i + 1]);
        if (!e->name || !e->value) {
            fc_sticky_nomem(&r->st);
            return;
        }
    }
}

/*
 * A post on its way out: its file read, its fields filled, its Markdown
 * body made HTML (the costly part), then the post handed on.  With
 * fc_options.jobs all but the hand-off runs on the reader's pool of
 * threads, each post on a reader of its own (fc_site_job_reader) that
 * keeps its warnings until the post goes on, and the posts go on in their order
 * (jobs.c); without, the same steps run one after the other.
 */
struct post_job {
    struct fc_site_reader *r; /* the site's */
    const struct fc_site_entry *e;
    struct fc_post *p;
    bool threaded; /* read on the pool, warning into warn */
    bool skip;     /* FC_OPT_KEEP_GOING left the file out */
    bool convert;  /* md -> content_html to do */
    bool kramdown; /* Jekyll's: raw HTML in {::nomarkdown} blocks */
    struct fc_buf md;
    enum fc_status st;
    struct fc_error err;
    struct fc_buf html;
    struct fc_job_warnings warn;
};

static void fill_post(struct fc_site_reader *r, struct post_job *b);

static void post_work(void *ctx, void *item)
{
    (void)ctx;
    struct post_job *b = item;
    if (b->threaded) {
        struct fc_site_reader jr;
        fc_site_job_reader(&jr, b->r, &b->warn.opt, &b->err, true);
        fill_post(&jr, b);
        b->st = jr.st.st;
        fc_buf_free(&jr.name);
    }
    if (b->st || !b->convert)
        return;
    if (b->md.oom)
        b->st = fc_nomem(&b->err);
    else if (b->kramdown)
        b->st = fc_kramdown_to_html(fc_buf_cstr(&b->md), b->md.len, &b->html, &b->err);
    else
        b->st = fc_markdown_to_html(fc_buf_cstr(&b->md), b->md.len, &b->html, &b->err);
}

static enum fc_status post_deliver(void *ctx, void *item, struct fc_error *err)
{
    struct fc_site_reader *r = ctx;
    struct post_job *b = item;
    if (b->threaded && !fc_job_warnings_give(&b->warn, r->st.opt) && !b->st)
        b->st = fc_nomem(&b->err);
    if (b->st) {
        *err = b->err;
        return b->st;
    }
    if (b->skip)
        return FC_OK;
    if (b->convert) {
        struct fc_buf *h = &b->html;
        while (h->len && h->data[h->len - 1] == '\n')
            h->len--;
        if (!(b->p->content_html = fc_strdup(b->p->arena, h->data ? h->data : "", h->len)))
            return fc_nomem(err);
    }
    return r->h->post(r->h->ctx, r->feed, b->p, err);
}

static void post_release(void *ctx, void *item)
{
    (void)ctx;
    struct post_job *b = item;
    fc_post_free(b->p);
    fc_buf_free(&b->md);
    fc_buf_free(&b->html);
    fc_job_warnings_free(&b->warn);
    free(b);
}

static const struct fc_jobs_ops post_ops = {post_work, post_deliver, post_release};

/* The body: template code rendered, then Markdown to be made HTML in b (a
 * .html file's body is HTML already; feedconv.body: text keeps text). */
static void post_body(struct fc_site_reader *r, const struct fc_site_page *pg, struct post_job *b,
                      const char *body, size_t len, unsigned long line, bool body_text)
{
    struct fc_post *p = b->p;
    while (len && (*body == '\n' || *body == '\r')) {
        line += *body == '\n';
        body++, len--; /* the blank line after the front matter */
    }
    size_t trimmed = len;
    while (trimmed && (body[trimmed - 1] == ' ' || body[trimmed - 1] == '\n' ||
                       body[trimmed - 1] == '\r' || body[trimmed - 1] == '\t'))
        trimmed--;
    if (!trimmed)
        return;
    if (len && body[len - 1] == '\n')
        len--; /* the newline the writer ends a file with */
    struct fc_buf src;
    fc_buf_init(&src);
    if (pg->templates && r->ops->body) {
        r->ops->body(r, pg, body, len, line, &src);
        if (src.oom)
            fc_sticky_nomem(&r->st);
        body = fc_buf_cstr(&src);
        len = src.len;
    }
    size_t n = strlen(pg->rel);
    bool html = (n > 5 && !fc_strcasecmp(pg->rel + n - 5, ".html")) ||
                (n > 4 && !fc_strcasecmp(pg->rel + n - 4, ".htm"));
    if (!fc_sticky_ok(&r->st)) {
        /* nothing */
    } else if (html || body_text) {
        const char **field = html ? &p->content_html : &p->content_text;
        if (!(*field = fc_strdup(p->arena, body, len)))
            fc_sticky_nomem(&r->st);
    } else {
        b->convert = true;
        b->kramdown = r->ops->gen == FC_MD_JEKYLL;
        fc_buf_add(&b->md, body, len);
    }
    fc_buf_free(&src);
}

/* Fill p from the page pg (front matter pg->fm). */
static void post_fields(struct fc_site_reader *r, const struct fc_site_page *pg, struct fc_post *p,
                        bool *body_text)
{
    struct fc_arena *a = p->arena;
    const struct fc_fm_node *fm = pg->fm, *y;
    bool plain = r->ops->gen == FC_MD_PLAIN;
    const char *title = fc_fm_str(fc_fm_get(fm, "title"));
    rd_set(r, a, &p->title.value, title ? title : pg->title);
    p->published = pg->date;
    p->updated = pg->updated;
    p->draft = pg->draft;
    p->kind = pg->kind;
    static const char *const author_keys[] = {"authors", "author", NULL};
    const char *which = NULL;
    y = first_of(fm, author_keys, &which);
    persons_from(r, a, &p->authors, y, which);
    static const char *const sum_keys[] = {"summary", "excerpt", "description", NULL};
    const char *sum_key = NULL;
    rd_set(r, a, &p->summary.value, fc_fm_str(first_of(fm, sum_keys, &sum_key)));
    y = fc_fm_get(fm, "images");
    if (y && y->type == FC_FM_SEQ && y->n)
        y = y->kids[0];
    if (!y)
        y = fc_fm_get(fm, "image");
    if (y && y->type == FC_FM_MAP)
        y = fc_fm_get(y, "path"); /* jekyll-seo-tag's image: {path: ...} */
    rd_set(r, a, &p->image, fc_fm_str(y));
    if (plain) {
        const char *guid = fc_fm_str(fc_fm_get(fm, "guid"));
        rd_set(r, a, &p->id, guid ? guid : fc_fm_str(fc_fm_get(fm, "id")));
    }
    post_feedconv(r, p, fc_fm_get(fm, FC_MD_KEY), body_text);
    podcast_data(r, a, fc_fm_get(fm, fc_extcodec_member_key(FC_XM_EPISODE)), FC_XM_EPISODE, p,
                 NULL);
    bool had_url = p->url != NULL;
    if (!plain) {
        /* the address the generator publishes the post at, and its id */
        p->url = pg->url ? fc_site_abs_url(a, &r->site, pg->url) : NULL;
        p->id = pg->id || pg->url ? fc_site_abs_url(a, &r->site, pg->id ? pg->id : pg->url) : NULL;
        if ((pg->url && !p->url) || ((pg->id || pg->url) && !p->id))
            fc_sticky_nomem(&r->st);
    } else if (!p->id && p->url) {
        rd_set(r, a, &p->id, p->url); /* a permalink is the natural id */
    }
    const char *slug = fc_fm_str(fc_fm_get(fm, "slug"));
    char *fslug = NULL;
    /* a generator's site names the post by its file: no slug of its own
     * (the URL says it), a plain site's file name stands in for a URL (one
     * file given alone is not a site: its name says nothing) */
    if (!slug && plain && !p->url && !r->one && !(fslug = slug_from_path(a, pg->rel)))
        fc_sticky_nomem(&r->st);
    rd_set(r, a, &p->slug, slug ? slug : fslug);
    if (r->ops->post)
        r->ops->post(r, pg, p);
    keep_unknown(r, p, fm, sum_key, had_url);
}

/* Read b's file into b (a failure goes to r's status). */
static void fill_post(struct fc_site_reader *r, struct post_job *b)
{
    struct fc_buf text;
    fc_buf_init(&text);
    struct fc_post *p = b->p;
    r->quiet = !r->one; /* the index said what there was to say about the file */
    fc_site_read_text(r, b->e->rel, &text);
    if (!fc_sticky_ok(&r->st))
        goto out;
    const char *data = fc_buf_cstr(&text), *body;
    struct fc_fm_node *fm;
    bool body_text = false;
    fc_site_front_matter(r, p->arena, data, text.len, &fm, &body, &b->skip);
    if (b->skip || !fc_sticky_ok(&r->st))
        goto out;
    struct fc_site_page pg = {.rel = b->e->rel, .a = p->arena, .fm = fm};
    r->ops->page(r, &pg);
    r->quiet = false;
    if (!fc_sticky_ok(&r->st))
        goto out;
    p->line = 1;
    p->column = 1;
    post_fields(r, &pg, p, &body_text);
    unsigned long line = 1;
    for (const char *c = data; c < body; c++)
        line += *c == '\n';
    if (fc_sticky_ok(&r->st))
        post_body(r, &pg, b, body, (size_t)(data + text.len - body), line, body_text);
out:
    r->quiet = false;
    fc_buf_free(&text);
}

static void read_post(struct fc_site_reader *r, const struct fc_site_entry *e)
{
    struct post_job *b = FC_JOB_NEW(struct post_job, warn);
    if (!b || !(b->p = fc_post_new())) {
        free(b);
        fc_sticky_nomem(&r->st);
        return;
    }
    b->r = r;
    b->e = e;
    if (r->jobs) {
        b->threaded = true;
        fc_job_warnings_init(&b->warn, r->st.opt);
    } else {
        fill_post(r, b);
        if (!fc_sticky_ok(&r->st) || b->skip) {
            post_release(r, b);
            return;
        }
    }
    fc_jobs_hand(r->jobs, &post_ops, r, b, &r->st);
}

/* ---- the site ------------------------------------------------------------ */

/* The feed's `podcast:` and `feedconv:` mappings, in node parent (see
 * fc_sw_doc_feedconv in sites/site_files.c). */
static void feed_feedconv(struct fc_site_reader *r, const struct fc_fm_node *parent)
{
    struct fc_feed *f = r->feed;
    struct fc_extcodec_dec d;
    podcast_data(r, f->arena, fc_fm_get(parent, fc_extcodec_member_key(FC_XM_PODCAST)),
                 FC_XM_PODCAST, NULL, f);
    json_t *fc = open_feedconv(r, f->arena, fc_fm_get(parent, FC_MD_KEY), &d, &f->title);
    if (!fc)
        return;
    get_html(&d, fc, "subtitle_html", &f->subtitle);
    fc_extcodec_get_feed(&d, fc, f, fc_md_feed_x, fc_md_feed_x_len);
    json_decref(fc);
}

/* One Markdown file as the input (a path or stdin): one post, read by the
 * plain layout's rules, and not a site (nothing is left out as a draft). */
static enum fc_status read_one(struct fc_input *in, struct fc_handler *out,
                               const struct fc_options *opt, struct fc_error *err)
{
    struct fc_buf text;
    fc_buf_init(&text);
    enum fc_status st = fc_in_slurp(in, &text, FC_MAX_FILE, err);
    if (st) {
        fc_buf_free(&text);
        return st;
    }
    struct fc_site_reader r = {.st = {FC_OK, opt, err, fc_input_name(in)},
                               .in = in,
                               .h = out,
                               .ops = &fc_site_plain,
                               .one = &text};
    fc_buf_init(&r.name);
    if (!(r.feed = fc_feed_new())) {
        fc_buf_free(&text);
        return fc_nomem(err);
    }
    rd_set(&r, r.feed->arena, &r.feed->format, "markdown (one file)");
    const char *name = fc_input_name(in), *slash = strrchr(name, '/');
    struct fc_site_entry e = {.rel = slash ? slash + 1 : name, .emit = true};
    if (fc_sticky_ok(&r.st) && out->begin)
        fc_sticky_set(&r.st, out->begin(out->ctx, r.feed, err));
    if (fc_sticky_ok(&r.st))
        read_post(&r, &e);
    if (r.st.st == FC_ENOUGH)
        r.st.st = FC_OK;
    if (fc_sticky_ok(&r.st) && out->end)
        fc_sticky_set(&r.st, out->end(out->ctx, r.feed, err));
    fc_buf_free(&r.name);
    fc_buf_free(&text);
    fc_feed_free(r.feed);
    return r.st.st;
}

/* Replace r's pool with a new one of ops (NULL: none); the reader warns
 * through it. */
static void use_pool(struct fc_site_reader *r, const struct fc_jobs_ops *ops,
                     const struct fc_options *opt)
{
    fc_jobs_free(r->jobs);
    r->jobs = NULL;
    r->st.opt = opt;
    if (ops)
        fc_sticky_set(&r->st, fc_jobs_new(opt->jobs, ops, r, opt, &r->jobs, r->st.err));
    if (r->jobs)
        r->st.opt = fc_jobs_options(r->jobs);
}

enum fc_status fc_md_read(struct fc_input *in, struct fc_handler *out, const struct fc_options *opt,
                          struct fc_error *err)
{
    if (!fc_in_is_dir(in))
        return read_one(in, out, opt, err);
    struct fc_site_reader r = {.st = {FC_OK, opt, err, fc_input_name(in)}, .in = in, .h = out};
    fc_buf_init(&r.name);
    r.feed = fc_feed_new();
    r.idx = fc_arena_new();
    enum fc_status st = !r.feed || !r.idx ? fc_nomem(err) : FC_OK;
    if (st) {
        fc_feed_free(r.feed);
        fc_arena_free(r.idx);
        return st;
    }
    struct fc_feed *f = r.feed;
    f->is_site = 1;
    rd_set(&r, f->arena, &f->site_root, fc_input_name(in));
    fc_site_detect(&r);
    if (fc_sticky_ok(&r.st))
        r.ops->config(&r);
    char fmt[32];
    snprintf(fmt, sizeof fmt, "markdown (%s)", r.ops->name);
    rd_set(&r, f->arena, &f->format, fmt);
    if (fc_sticky_ok(&r.st) && r.site.author)
        persons_from(&r, f->arena, &f->authors, r.site.author,
                     r.ops->gen == FC_MD_PLAIN ? "authors" : "author");
    /* the home the generator's feed links (its base URL) wins over the one
     * the site was written from */
    const char *home = r.ops->gen == FC_MD_PLAIN ? NULL : f->home_url;
    if (fc_sticky_ok(&r.st))
        feed_feedconv(&r, r.ops->gen == FC_MD_HUGO ? r.site.params : r.site.config);
    if (home)
        f->home_url = home;
    r.st.file = fc_input_name(in);
    /* files indexed on threads, then posts read on threads: the reader
     * warns through the pool of the moment */
    bool threads = opt && opt->jobs > 1;
    if (fc_sticky_ok(&r.st) && threads)
        use_pool(&r, &fc_site_index_ops, opt);
    if (fc_sticky_ok(&r.st))
        r.ops->walk(&r);
    if (r.jobs) {
        fc_jobs_finish(r.jobs, &r.st);
        use_pool(&r, NULL, opt);
    }
    r.st.file = fc_input_name(in);
    size_t posts = 0;
    for (size_t i = 0; i < r.n; i++)
        posts += r.entries[i].emit;
    if (fc_sticky_ok(&r.st) && !posts)
        fc_sticky_warn(&r.st, 0, 0, "no posts found in this %s site (%s)", r.ops->name,
                       r.found_content ? "only pages that are not posts"
                                       : "no content files where the generator looks");
    if (fc_sticky_ok(&r.st))
        fc_site_sort(&r);
    if (fc_sticky_ok(&r.st))
        fc_site_indexed(&r);
    if (fc_sticky_ok(&r.st) && threads)
        use_pool(&r, &post_ops, opt);
    if (fc_sticky_ok(&r.st) && out->begin)
        fc_sticky_set(&r.st, out->begin(out->ctx, f, err));
    for (size_t i = 0; i < r.n && fc_sticky_ok(&r.st); i++)
        if (r.entries[i].emit)
            read_post(&r, &r.entries[i]);
    if (r.jobs)
        fc_jobs_finish(r.jobs, &r.st);
    if (r.st.st == FC_ENOUGH) { /* the output has its posts: the rest are not read */
        r.st.st = FC_OK;
        fc_jobs_free(r.jobs); /* with the warnings kept for them */
        r.jobs = NULL;
        r.st.opt = opt;
    }
    r.st.file = fc_input_name(in);
    if (fc_sticky_ok(&r.st) && r.unlisted)
        fc_sticky_warn(&r.st, 0, 0,
                       "%lu page%s the site does not list (Hugo _build list never / local, "
                       "headless) left out",
                       r.unlisted, r.unlisted == 1 ? "" : "s");
    if (fc_sticky_ok(&r.st) && out->end)
        fc_sticky_set(&r.st, out->end(out->ctx, f, err));
    fc_jobs_free(r.jobs);
    for (size_t i = 0; i < sizeof r.refs / sizeof r.refs[0]; i++)
        fc_strmap_free(&r.refs[i]);
    fc_strmap_free(&r.by_rel);
    free(r.entries);
    fc_arena_free(r.idx);
    fc_buf_free(&r.name);
    fc_feed_free(f);
    return r.st.st;
}
