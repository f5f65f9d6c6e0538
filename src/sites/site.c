/*
 * site.c - reading a site, the parts every generator shares (site.h):
 * which generator made the input, its files walked and indexed, the
 * entries' order, time zones applied to dates, base URLs, and the helpers
 * of configuration trees (Hugo's case-insensitive keys, deep merges).
 */
#include "sites/site.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- paths: the site's and the input's ---------------------------------- */

/* The input's path of site path rel ("" for the input itself); NULL when
 * rel is outside the input. */
static const char *input_rel(const struct fc_site_reader *r, const char *rel)
{
    const char *pre = r->site.prefix ? r->site.prefix : "";
    size_t n = strlen(pre);
    if (!n)
        return rel;
    if (strncmp(rel, pre, n) != 0)
        return NULL;
    if (!rel[n])
        return rel + n;
    return rel[n] == '/' ? rel + n + 1 : NULL;
}

const char *fc_site_display(struct fc_site_reader *r, const char *rel)
{
    const char *in = input_rel(r, rel);
    fc_buf_reset(&r->name);
    fc_buf_puts(&r->name, fc_input_name(r->in));
    if (in && *in && !r->one) {
        if (r->name.len && r->name.data[r->name.len - 1] != '/')
            fc_buf_putc(&r->name, '/');
        fc_buf_puts(&r->name, in);
    }
    return r->st.file = fc_buf_cstr(&r->name);
}

void fc_site_warn(struct fc_site_reader *r, unsigned long line, unsigned long column,
                  const char *fmt, ...)
{
    if (r->quiet)
        return;
    va_list ap;
    va_start(ap, fmt);
    fc_sticky_vwarn(&r->st, line, column, fmt, ap);
    va_end(ap);
}

enum fc_status fc_site_read_text(struct fc_site_reader *r, const char *rel, struct fc_buf *text)
{
    fc_site_display(r, rel);
    const char *in = input_rel(r, rel);
    if (r->one) {
        fc_buf_add(text, r->one->data ? r->one->data : "", r->one->len);
        if (text->oom)
            fc_sticky_nomem(&r->st);
        if (text->oom || text->len == 0)
            return r->st.st;
    } else if (!in || !*in) {
        return fc_sticky_set(
            &r->st, fc_fail(r->st.err, FC_EUSAGE, r->st.file, 0, 0, "outside the input directory"));
    } else if (fc_sticky_set(&r->st, fc_in_dir_read(r->in, in, text, FC_MAX_FILE, r->st.err)) ||
               text->len == 0) {
        return r->st.st;
    }
    /* Files from other tools may hold invalid UTF-8 (a Latin-1 title) or
     * NUL bytes: both become U+FFFD, as CommonMark does for NUL, with one
     * warning at the first, so the model gets valid UTF-8. */
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
    fc_site_warn(r, line, column, "invalid UTF-8 or NUL bytes: %zu replaced by U+FFFD", count);
    return r->st.st;
}

bool fc_site_exists(struct fc_site_reader *r, const char *rel)
{
    const char *in = input_rel(r, rel);
    return in && (!*in || fc_in_dir_exists(r->in, in));
}

/* ---- walking ---------------------------------------------------------------- */

struct walk {
    struct fc_site_reader *r;
    bool (*skip_dir)(const char *rel, void *ctx);
    fc_site_file_fn fn;
    void *ctx;
    struct fc_buf path; /* the site's path of an input path */
};

static enum fc_status walk_fn(void *ctx, const char *in_rel, bool is_dir, struct fc_error *err)
{
    struct walk *w = ctx;
    struct fc_site_reader *r = w->r;
    const char *b = strrchr(in_rel, '/');
    b = b ? b + 1 : in_rel;
    if (b[0] == '.')
        return FC_OK;
    const char *pre = r->site.prefix ? r->site.prefix : "";
    fc_buf_reset(&w->path);
    if (*pre) {
        fc_buf_puts(&w->path, pre);
        fc_buf_putc(&w->path, '/');
    }
    fc_buf_puts(&w->path, in_rel);
    if (w->path.oom)
        return fc_nomem(err);
    /* the callbacks get a copy: w->path is reused by the walk below */
    char *rel = malloc(w->path.len + 1);
    if (!rel)
        return fc_nomem(err);
    memcpy(rel, w->path.data, w->path.len + 1);
    enum fc_status st = FC_OK;
    if (!is_dir)
        w->fn(r, rel, w->ctx);
    else if (!w->skip_dir || !w->skip_dir(rel, w->ctx))
        st = fc_in_dir_list(r->in, in_rel, walk_fn, w, err);
    free(rel);
    return st ? st : r->st.st;
}

void fc_site_walk(struct fc_site_reader *r, const char *rel,
                  bool (*skip_dir)(const char *rel, void *ctx), fc_site_file_fn fn, void *ctx)
{
    if (!fc_sticky_ok(&r->st))
        return;
    const char *in = input_rel(r, rel);
    const char *pre = r->site.prefix ? r->site.prefix : "";
    size_t n = strlen(rel);
    if (!in) { /* the input may lie inside rel: walk all of it */
        if (*pre && (n == 0 || (!strncmp(pre, rel, n) && pre[n] == '/')))
            in = "";
        else
            return;
    }
    if (*in && !fc_in_dir_exists(r->in, in))
        return;
    struct walk w = {r, skip_dir, fn, ctx, {0}};
    enum fc_status st = fc_in_dir_list(r->in, in, walk_fn, &w, r->st.err);
    fc_buf_free(&w.path);
    if (st && fc_sticky_ok(&r->st))
        fc_sticky_set(&r->st, st);
}

/* ---- front matter and the index ------------------------------------------- */

void fc_site_front_matter(struct fc_site_reader *r, struct fc_arena *a, const char *text,
                          size_t len, struct fc_fm_node **fm, const char **body, bool *skip)
{
    const char *t = NULL;
    size_t tlen = 0;
    *skip = false;
    *fm = NULL;
    *body = text;
    enum fc_fm_syntax syn = fc_fm_split(text, len, &t, &tlen, body);
    if (!syn)
        return;
    struct fc_error *err = r->st.err;
    enum fc_status st = fc_fm_parse(a, syn, t, tlen, r->st.file, fc_fm_line_offset(syn), fm, err);
    if (st == FC_OK && *fm && (*fm)->type != FC_FM_MAP)
        st = fc_fail(err, FC_EPARSE, r->st.file, (*fm)->line, (*fm)->column,
                     "front matter is not a mapping of keys to values");
    if (st == FC_EPARSE && r->st.opt && (r->st.opt->flags & FC_OPT_KEEP_GOING)) {
        struct fc_error e = *err;
        fc_site_warn(r, e.line, e.column, "%s; file skipped", e.message);
        *skip = true;
        *fm = NULL;
        return;
    }
    fc_sticky_set(&r->st, st);
}

static bool add_entry(struct fc_site_reader *r, const struct fc_site_entry *e)
{
    if (r->n == r->cap) {
        size_t nc = r->cap ? r->cap * 2 : 256;
        struct fc_site_entry *ne = realloc(r->entries, nc * sizeof *ne);
        if (!ne)
            return false;
        r->entries = ne;
        r->cap = nc;
    }
    r->entries[r->n++] = *e;
    return true;
}

void fc_site_job_reader(struct fc_site_reader *jr, const struct fc_site_reader *r,
                        const struct fc_options *opt, struct fc_error *err, bool with_index)
{
    *jr = (struct fc_site_reader){.st = {FC_OK, opt, err, NULL},
                                  .in = r->in,
                                  .h = r->h,
                                  .feed = r->feed,
                                  .ops = r->ops,
                                  .site = r->site,
                                  .idx = r->idx};
    if (with_index) {
        jr->entries = r->entries;
        jr->n = r->n;
        jr->cap = r->cap;
        memcpy(jr->refs, r->refs, sizeof jr->refs);
        jr->by_rel = r->by_rel;
    }
    fc_buf_init(&jr->name);
}

/* Read file rel's front matter into a and run ops->page: true when the
 * page goes into the index (*pg). */
static bool index_page(struct fc_site_reader *r, const char *rel, struct fc_arena *a,
                       struct fc_site_page *pg)
{
    struct fc_buf text;
    fc_buf_init(&text);
    bool keep = false;
    if (fc_site_read_text(r, rel, &text))
        goto out;
    struct fc_fm_node *fm;
    const char *body;
    bool skip;
    fc_site_front_matter(r, a, fc_buf_cstr(&text), text.len, &fm, &body, &skip);
    if (skip || !fc_sticky_ok(&r->st))
        goto out;
    *pg = (struct fc_site_page){.rel = rel, .a = a, .fm = fm};
    r->ops->page(r, pg);
    keep = fc_sticky_ok(&r->st) && (pg->emit || pg->url);
out:
    fc_buf_free(&text);
    return keep;
}

/* The index's entry for page pg (strings into r->idx); false: out of
 * memory. */
static bool add_page(struct fc_site_reader *r, const struct fc_site_page *pg)
{
    r->found_content = true;
    struct fc_site_entry e = {.weight = pg->weight, .emit = pg->emit, .draft = pg->draft};
    if (!(e.rel = fc_strdup(r->idx, pg->rel, (size_t)-1)) ||
        (pg->url && !(e.url = fc_strdup(r->idx, pg->url, (size_t)-1))))
        return false;
    const char *title = pg->title ? pg->title : fc_fm_str(fc_fm_get(pg->fm, "title"));
    if (r->ops->gen == FC_MD_HUGO) {
        const char *lt = fc_fm_str(fc_fm_get(pg->fm, "linktitle"));
        if (lt)
            title = lt;
    }
    if (title && !(e.title = fc_strdup(r->idx, title, (size_t)-1)))
        return false;
    if (pg->date.precision != FC_TIME_NONE) {
        e.dated = true;
        e.when = fc_time_epoch(&pg->date);
        e.nsec = pg->date.precision == FC_TIME_FRACTION ? pg->date.nsec : 0;
    }
    return add_entry(r, &e);
}

/*
 * With r->jobs (fc_md_read's pool while the site is walked), a file is
 * indexed on a pool thread by a reader of its own (fc_site_job_reader,
 * without the index, which grows meanwhile), its warnings kept; its entry
 * is added, and the warnings given, in the order the walk found the
 * files, so the index and the messages are those of one thread.
 */
struct index_job {
    struct fc_site_reader *r;
    const char *rel; /* in a */
    struct fc_arena *a;
    struct fc_site_page pg;
    bool keep;
    unsigned long unlisted;
    enum fc_status st;
    struct fc_error err;
    struct fc_job_warnings warn;
};

static void index_work(void *ctx, void *item)
{
    (void)ctx;
    struct index_job *j = item;
    struct fc_site_reader jr;
    fc_site_job_reader(&jr, j->r, &j->warn.opt, &j->err, false);
    j->keep = index_page(&jr, j->rel, j->a, &j->pg);
    j->unlisted = jr.unlisted;
    j->st = jr.st.st;
    fc_buf_free(&jr.name);
}

static enum fc_status index_deliver(void *ctx, void *item, struct fc_error *err)
{
    struct fc_site_reader *r = ctx;
    struct index_job *j = item;
    if (!fc_job_warnings_give(&j->warn, r->st.opt) && !j->st)
        j->st = fc_nomem(&j->err);
    if (j->st) {
        *err = j->err;
        return j->st;
    }
    r->unlisted += j->unlisted;
    return !j->keep || add_page(r, &j->pg) ? FC_OK : fc_nomem(err);
}

static void index_release(void *ctx, void *item)
{
    (void)ctx;
    struct index_job *j = item;
    fc_job_warnings_free(&j->warn);
    fc_arena_free(j->a);
    free(j);
}

const struct fc_jobs_ops fc_site_index_ops = {index_work, index_deliver, index_release};

void fc_site_index(struct fc_site_reader *r, const char *rel)
{
    if (!fc_sticky_ok(&r->st))
        return;
    struct fc_arena *a = fc_arena_new();
    if (!a) {
        fc_sticky_nomem(&r->st);
        return;
    }
    if (r->jobs) {
        struct index_job *j = FC_JOB_NEW(struct index_job, warn);
        if (!j || !(j->rel = fc_strdup(a, rel, (size_t)-1))) { /* the walk's is transient */
            free(j);
            fc_arena_free(a);
            fc_sticky_nomem(&r->st);
            return;
        }
        j->r = r;
        j->a = a;
        fc_job_warnings_init(&j->warn, r->st.opt);
        fc_jobs_hand(r->jobs, &fc_site_index_ops, r, j, &r->st);
        return;
    }
    struct fc_site_page pg;
    if (index_page(r, rel, a, &pg) && !add_page(r, &pg))
        fc_sticky_nomem(&r->st);
    fc_arena_free(a);
}

const struct fc_site_entry *fc_site_find_rel(const struct fc_site_reader *r, const char *rel)
{
    uintptr_t v = (uintptr_t)fc_strmap_get(&r->by_rel, rel);
    return v ? &r->entries[v - 1] : NULL;
}

void fc_site_indexed(struct fc_site_reader *r)
{
    for (size_t i = 0; i < r->n; i++) {
        const char *rel = r->entries[i].rel;
        if (!fc_strmap_add(&r->by_rel, rel, (void *)(uintptr_t)(i + 1))) {
            fc_sticky_nomem(&r->st);
            return;
        }
    }
    if (r->ops->indexed)
        r->ops->indexed(r);
}

int fc_site_cmp_date(const struct fc_site_entry *a, const struct fc_site_entry *b)
{
    if (a->dated != b->dated)
        return a->dated ? -1 : 1;
    if (a->when != b->when)
        return a->when > b->when ? -1 : 1;
    if (a->nsec != b->nsec)
        return a->nsec > b->nsec ? -1 : 1;
    return 0;
}

static int entry_cmp(const struct fc_site_reader *r, const struct fc_site_entry *a,
                     const struct fc_site_entry *b)
{
    int c = r->ops->cmp(a, b);
    return c ? c : strcmp(a->rel, b->rel);
}

void fc_site_sort(struct fc_site_reader *r)
{
    if (r->n < 2)
        return;
    struct fc_site_entry *tmp = malloc(r->n * sizeof *tmp);
    if (!tmp) {
        fc_sticky_nomem(&r->st);
        return;
    }
    struct fc_site_entry *src = r->entries, *dst = tmp;
    for (size_t width = 1; width < r->n; width *= 2) {
        for (size_t lo = 0; lo < r->n; lo += 2 * width) {
            size_t mid = lo + width < r->n ? lo + width : r->n;
            size_t hi = lo + 2 * width < r->n ? lo + 2 * width : r->n;
            size_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi)
                dst[k++] = entry_cmp(r, &src[j], &src[i]) < 0 ? src[j++] : src[i++];
            while (i < mid)
                dst[k++] = src[i++];
            while (j < hi)
                dst[k++] = src[j++];
        }
        struct fc_site_entry *t = src;
        src = dst, dst = t;
    }
    if (src != r->entries)
        memcpy(r->entries, src, r->n * sizeof *tmp);
    free(tmp);
}

/* ---- the feed's files --------------------------------------------------------- */

static void add_resource(struct fc_site_reader *r, struct fc_arena *a, struct fc_list *l,
                         const char *rel, const char *url_path)
{
    const char *in = input_rel(r, rel);
    if (!in || !*in)
        return;
    struct fc_resource *res = fc_sticky_add(&r->st, a, l, sizeof *res);
    if (res && (!(res->path = fc_strdup(a, in, (size_t)-1)) ||
                !(res->url = fc_strdup(a, url_path, (size_t)-1))))
        fc_sticky_nomem(&r->st);
}

void fc_site_add_file(struct fc_site_reader *r, const char *rel, const char *url_path)
{
    add_resource(r, r->feed->arena, &r->feed->files, rel, url_path);
}

void fc_site_add_resource(struct fc_site_reader *r, struct fc_post *p, const char *rel,
                          const char *url_path)
{
    add_resource(r, p->arena, &p->resources, rel, url_path);
}

/* ---- detection ------------------------------------------------------------------ */

/* The last component of the input's name, and the one before it. */
static void input_names(struct fc_site_reader *r, char *last, char *parent, size_t cap)
{
    const char *name = fc_input_name(r->in);
    size_t n = strlen(name);
    while (n > 1 && name[n - 1] == '/')
        n--;
    size_t b = n;
    while (b && name[b - 1] != '/')
        b--;
    snprintf(last, cap, "%.*s", (int)(n - b), name + b);
    size_t pe = b;
    while (pe > 1 && name[pe - 1] == '/')
        pe--;
    size_t pb = pe;
    while (pb && name[pb - 1] != '/')
        pb--;
    snprintf(parent, cap, "%.*s", pe > pb ? (int)(pe - pb) : 0, name + pb);
}

static void set_prefix(struct fc_site_reader *r, const char *prefix)
{
    if (!(r->site.prefix = fc_strdup(r->feed->arena, prefix, (size_t)-1)))
        fc_sticky_nomem(&r->st);
    r->site.content_only = *prefix != '\0';
}

void fc_site_detect(struct fc_site_reader *r)
{
    static const struct fc_site_ops *const order[] = {
        &fc_site_eleventy, &fc_site_zola, &fc_site_hugo, &fc_site_jekyll, &fc_site_plain};
    set_prefix(r, "");
    for (size_t i = 0; i < sizeof order / sizeof order[0] && fc_sticky_ok(&r->st); i++)
        if (order[i]->detect(r)) {
            r->ops = order[i];
            r->site.gen = r->ops->gen;
            return;
        }
    /* no site's root: a site's content folder? */
    char last[256], parent[256];
    input_names(r, last, parent, sizeof last);
    char prefix[600] = "";
    r->ops = &fc_site_plain;
    if (!strcmp(last, "_posts") || !strcmp(last, "_drafts")) {
        r->ops = &fc_site_jekyll;
        snprintf(prefix, sizeof prefix, "%s", last);
    } else if (!strcmp(last, "content")) {
        r->ops = &fc_site_hugo;
        snprintf(prefix, sizeof prefix, "content");
    } else if (!strcmp(parent, "content")) {
        r->ops = &fc_site_hugo;
        snprintf(prefix, sizeof prefix, "content/%s", last);
    } else if (fc_in_dir_exists(r->in, "content")) {
        r->ops = &fc_site_hugo; /* a Hugo site missing its configuration */
    }
    r->site.gen = r->ops->gen;
    set_prefix(r, prefix);
    if (*prefix)
        fc_sticky_warn(&r->st, 0, 0,
                       "a %s site's content folder: the site's configuration (base URL, "
                       "permalinks, time zone) is outside it and not read; %s's defaults are "
                       "used",
                       r->ops->name, r->ops->name);
}

/* ---- configuration trees ------------------------------------------------------- */

const struct fc_fm_node *fc_site_get_ci(const struct fc_fm_node *y, const char *key)
{
    if (!y || y->type != FC_FM_MAP)
        return NULL;
    for (size_t i = 0; i + 1 < y->n; i += 2)
        if (y->kids[i]->type == FC_FM_SCALAR && fc_strcasecmp(y->kids[i]->str, key) == 0)
            return y->kids[i + 1];
    return NULL;
}

static struct fc_fm_node *map_of(struct fc_arena *a, const struct fc_fm_node *like, size_t cap)
{
    struct fc_fm_node *m = fc_fm_new(a, FC_FM_MAP, like ? like->line : 0, like ? like->column : 0);
    if (m && cap && !(m->kids = fc_alloc(a, cap * sizeof *m->kids)))
        return NULL;
    return m;
}

struct fc_fm_node *fc_site_lower_keys(struct fc_arena *a, const struct fc_fm_node *m, bool deep)
{
    if (!m || m->type != FC_FM_MAP)
        return (struct fc_fm_node *)m;
    struct fc_fm_node *out = map_of(a, m, m->n);
    if (!out)
        return NULL;
    for (size_t i = 0; i + 1 < m->n; i += 2) {
        const struct fc_fm_node *k = m->kids[i], *v = m->kids[i + 1];
        struct fc_fm_node *lk = (struct fc_fm_node *)k;
        if (k->type == FC_FM_SCALAR) {
            if (fc_site_get_ci(out, k->str))
                continue; /* a key twice in other cases: the first */
            lk = fc_fm_new(a, FC_FM_SCALAR, k->line, k->column);
            char *s = lk ? fc_strdup(a, k->str, k->len) : NULL;
            if (!s)
                return NULL;
            for (char *p = s; *p; p++)
                *p = (char)fc_ascii_lower((unsigned char)*p);
            lk->str = s, lk->len = k->len, lk->plain = k->plain;
        }
        struct fc_fm_node *lv = deep ? fc_site_lower_keys(a, v, true) : (struct fc_fm_node *)v;
        if (!lv)
            return NULL;
        out->kids[out->n++] = lk;
        out->kids[out->n++] = lv;
    }
    return out;
}

struct fc_fm_node *fc_site_merge(struct fc_arena *a, const struct fc_fm_node *base,
                                 const struct fc_fm_node *over)
{
    if (!over || over->type != FC_FM_MAP)
        return (struct fc_fm_node *)(over ? over : base);
    if (!base || base->type != FC_FM_MAP)
        return (struct fc_fm_node *)over;
    struct fc_fm_node *out = map_of(a, base, base->n + over->n);
    if (!out)
        return NULL;
    for (size_t i = 0; i + 1 < base->n; i += 2) {
        const struct fc_fm_node *k = base->kids[i];
        const struct fc_fm_node *o = k->type == FC_FM_SCALAR ? fc_fm_get(over, k->str) : NULL;
        struct fc_fm_node *v =
            o ? fc_site_merge(a, base->kids[i + 1], o) : (struct fc_fm_node *)base->kids[i + 1];
        if (!v)
            return NULL;
        out->kids[out->n++] = (struct fc_fm_node *)k;
        out->kids[out->n++] = v;
    }
    for (size_t i = 0; i + 1 < over->n; i += 2) {
        const struct fc_fm_node *k = over->kids[i];
        if (k->type == FC_FM_SCALAR && fc_fm_get(base, k->str))
            continue;
        out->kids[out->n++] = (struct fc_fm_node *)k;
        out->kids[out->n++] = over->kids[i + 1];
    }
    return out;
}

/* ---- terms and aliases ----------------------------------------------------------- */

void fc_site_add_term(struct fc_site_reader *r, struct fc_post *p, const char *term, size_t len,
                      const char *scheme)
{
    struct fc_arena *a = p->arena;
    for (const struct fc_tag *t = p->categories.first; t; t = t->next)
        if (t->term && strlen(t->term) == len && strncmp(t->term, term, len) == 0 &&
            (t->scheme == scheme || (t->scheme && scheme && !strcmp(t->scheme, scheme))))
            return;
    struct fc_tag *t = fc_sticky_add(&r->st, a, &p->categories, sizeof *t);
    if (t && (!(t->term = fc_strdup(a, term, len)) ||
              (scheme && !(t->scheme = fc_strdup(a, scheme, (size_t)-1)))))
        fc_sticky_nomem(&r->st);
}

void fc_site_add_alias(struct fc_site_reader *r, struct fc_post *p, const char *url)
{
    for (const struct fc_alias *al = p->aliases.first; al; al = al->next)
        if (!strcmp(al->url, url))
            return;
    struct fc_alias *al = fc_sticky_add(&r->st, p->arena, &p->aliases, sizeof *al);
    if (al && !(al->url = fc_strdup(p->arena, url, (size_t)-1)))
        fc_sticky_nomem(&r->st);
}

/* ---- base URLs --------------------------------------------------------------------- */

void fc_site_set_base(struct fc_site_reader *r, const char *base)
{
    struct fc_site *s = &r->site;
    struct fc_arena *a = r->feed->arena;
    s->base_url = NULL;
    s->origin = "";
    s->sub_path = "/";
    if (!base || !*base)
        return;
    struct fc_buf b;
    fc_buf_init(&b);
    fc_buf_puts(&b, base);
    if (b.data[b.len - 1] != '/')
        fc_buf_putc(&b, '/');
    const char *u = fc_buf_cstr(&b);
    const char *scheme = strstr(u, "://");
    const char *path = scheme ? strchr(scheme + 3, '/') : u;
    if (!path)
        path = u + b.len - 1;
    bool ok = !b.oom && (s->origin = fc_strdup(a, u, (size_t)(path - u))) != NULL &&
              (s->sub_path = fc_strdup(a, path, (size_t)-1)) != NULL;
    if (ok && scheme)
        ok = (s->base_url = fc_strdup(a, u, b.len)) != NULL;
    if (!ok) {
        fc_sticky_nomem(&r->st);
        s->sub_path = "/";
    } else if (s->sub_path[0] != '/') {
        struct fc_buf sp;
        fc_buf_init(&sp);
        fc_buf_putc(&sp, '/');
        fc_buf_puts(&sp, s->sub_path);
        if (sp.oom || !(s->sub_path = fc_strdup(a, sp.data, sp.len)))
            fc_sticky_nomem(&r->st);
        fc_buf_free(&sp);
    }
    fc_buf_free(&b);
}

void fc_site_feed_meta(struct fc_site_reader *r)
{
    const struct fc_site *s = &r->site;
    struct fc_feed *f = r->feed;
    struct fc_arena *a = f->arena;
    if ((s->title && fc_set(a, &f->title.value, s->title)) ||
        (s->description && fc_set(a, &f->subtitle.value, s->description)) ||
        (s->base_url && fc_set(a, &f->home_url, s->base_url)) ||
        (s->language && fc_set(a, &f->language, s->language)) ||
        (s->copyright && fc_set(a, &f->rights.value, s->copyright)))
        fc_sticky_nomem(&r->st);
}

const char *fc_site_base_name(const char *rel)
{
    const char *s = strrchr(rel, '/');
    return s ? s + 1 : rel;
}

void fc_site_url_encode(struct fc_buf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789ABCDEF";
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        bool pct_ok = c == '%' && i + 2 < n && fc_ascii_alnum((unsigned char)s[i + 1]) &&
                      fc_ascii_alnum((unsigned char)s[i + 2]);
        if (c >= 0x80 || c <= 0x20 || c == 0x7F || strchr("\"<>\\^`{|}", c) ||
            (c == '%' && !pct_ok)) {
            fc_buf_putc(b, '%');
            fc_buf_putc(b, hex[c >> 4]);
            fc_buf_putc(b, hex[c & 15]);
        } else {
            fc_buf_putc(b, (char)c);
        }
    }
}

char *fc_site_abs_url(struct fc_arena *a, const struct fc_site *s, const char *path)
{
    struct fc_buf b;
    fc_buf_init(&b);
    fc_buf_puts(&b, s->origin ? s->origin : "");
    const char *sub = s->sub_path ? s->sub_path : "/";
    fc_site_url_encode(&b, sub, strlen(sub));
    while (*path == '/')
        path++;
    fc_site_url_encode(&b, path, strlen(path));
    char *out = b.oom ? NULL : fc_strdup(a, fc_buf_cstr(&b), b.len);
    fc_buf_free(&b);
    return out;
}

/* ---- template code -------------------------------------------------------------- */

void fc_site_fence(struct fc_buf *o, const char *lang, const char *opts, const char *inner,
                   size_t n, bool dedent)
{
    while (n && (*inner == '\n' || *inner == '\r'))
        inner++, n--;
    while (n && (inner[n - 1] == '\n' || inner[n - 1] == '\r'))
        n--;
    size_t indent = (size_t)-1, run = 0, best = 0;
    for (size_t i = 0; i < n;) {
        size_t e = i;
        while (e < n && inner[e] != '\n')
            e++;
        size_t k = i;
        while (k < e && (inner[k] == ' ' || inner[k] == '\t'))
            k++;
        if (k < e && k - i < indent)
            indent = k - i;
        for (size_t c = i; c < e; c++) {
            run = inner[c] == '`' ? run + 1 : 0;
            if (run > best)
                best = run;
        }
        i = e + 1;
    }
    if (indent == (size_t)-1 || !dedent)
        indent = 0;
    size_t fence = best >= 3 ? best + 1 : 3;
    if (o->len && o->data[o->len - 1] != '\n')
        fc_buf_putc(o, '\n');
    for (size_t i = 0; i < fence; i++)
        fc_buf_putc(o, '`');
    fc_buf_puts(o, lang ? lang : "");
    if (opts && *opts)
        fc_buf_printf(o, " {%s}", opts);
    fc_buf_putc(o, '\n');
    for (size_t i = 0; i < n;) {
        size_t e = i;
        while (e < n && inner[e] != '\n')
            e++;
        size_t skip = 0;
        while (skip < indent && i + skip < e && (inner[i + skip] == ' ' || inner[i + skip] == '\t'))
            skip++;
        fc_buf_add(o, inner + i + skip, e - i - skip);
        fc_buf_putc(o, '\n');
        i = e + 1;
    }
    for (size_t i = 0; i < fence; i++)
        fc_buf_putc(o, '`');
    fc_buf_putc(o, '\n');
}

/* ---- time zones ------------------------------------------------------------------------ */

void fc_site_load_zone(struct fc_site_reader *r)
{
    struct fc_site *s = &r->site;
    if (!s->time_zone || !*s->time_zone)
        return;
    struct fc_error e = {0};
    enum fc_status st = fc_tz_load(r->feed->arena, s->time_zone, &s->tz, &e);
    if (st == FC_ENOMEM) {
        fc_sticky_nomem(&r->st);
    } else if (st) {
        s->tz = NULL;
        fc_sticky_warn(&r->st, 0, 0, "time zone '%s': %s; local times are read as UTC",
                       s->time_zone, e.message);
    } else if (fc_set(r->feed->arena, &r->feed->time_zone, s->time_zone) != FC_OK) {
        fc_sticky_nomem(&r->st);
    }
}

static int64_t local_seconds(const struct fc_time *t)
{
    return fc_days_from_civil(t->year, (unsigned)t->month, (unsigned)t->day) * 86400 +
           t->hour * 3600 + t->minute * 60 + t->second;
}

void fc_site_localize(const struct fc_site *s, struct fc_time *t)
{
    if (t->precision == FC_TIME_NONE || t->zone != FC_ZONE_NONE)
        return;
    if (t->precision < FC_TIME_MINUTE) {
        if (t->precision < FC_TIME_DATE)
            t->day = 1;
        if (t->precision < FC_TIME_MONTH)
            t->month = 1;
        t->hour = t->minute = t->second = 0;
        t->precision = FC_TIME_SECOND;
    }
    long off = s && s->tz ? fc_tz_local_offset(s->tz, local_seconds(t), s->tz_rule) : 0;
    t->zone = FC_ZONE_OFFSET;
    t->offset = (int)(off / 60);
}

void fc_site_to_zone(const struct fc_site *s, struct fc_time *t)
{
    if (t->precision == FC_TIME_NONE)
        return;
    if (t->zone == FC_ZONE_NONE) {
        fc_site_localize(s, t);
        return;
    }
    int64_t utc = fc_time_epoch(t);
    long off = s && s->tz ? fc_tz_offset_at(s->tz, utc) : 0;
    int64_t local = utc + off, days = local / 86400 - (local % 86400 < 0), y;
    int64_t rem = local - days * 86400;
    unsigned m, d;
    fc_civil_from_days(days, &y, &m, &d);
    t->year = (int)y, t->month = (int)m, t->day = (int)d;
    t->hour = (int)(rem / 3600), t->minute = (int)(rem / 60 % 60), t->second = (int)(rem % 60);
    if (t->precision < FC_TIME_SECOND)
        t->precision = FC_TIME_SECOND;
    t->zone = FC_ZONE_OFFSET;
    t->offset = (int)(off / 60);
}

size_t fc_site_file_date(const char *name, bool loose, struct fc_time *t)
{
    memset(t, 0, sizeof *t);
    size_t i = 0, n[3] = {0};
    long v[3] = {0};
    for (int f = 0; f < 3; f++) {
        size_t max = f == 0 ? 4 : 2, min = f == 0 ? (loose ? 2 : 4) : (loose ? 1 : 2);
        while (n[f] < max && name[i] >= '0' && name[i] <= '9')
            v[f] = v[f] * 10 + (name[i++] - '0'), n[f]++;
        if (n[f] < min || (name[i] >= '0' && name[i] <= '9'))
            return 0;
        if (f < 2 && name[i++] != '-')
            return 0;
    }
    if (n[0] == 2)
        v[0] += v[0] >= 69 ? 1900 : 2000;
    if (v[1] < 1 || v[1] > 12 || v[2] < 1 || v[2] > 31)
        return 0;
    /* a day past the month's end rolls over, as Ruby's Time does */
    int64_t days = fc_days_from_civil(v[0], (unsigned)v[1], (unsigned)v[2]), y;
    unsigned m, d;
    fc_civil_from_days(days, &y, &m, &d);
    t->year = (int)y, t->month = (int)m, t->day = (int)d;
    t->precision = FC_TIME_DATE;
    return i;
}
