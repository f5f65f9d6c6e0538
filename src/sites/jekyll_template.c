/*
 * jekyll_template.c - Liquid in a Jekyll body, rendered as Jekyll 4.3
 * renders it (tests/test_site_read.c), before the
 * Markdown (Liquid runs first, in code blocks too):
 *
 *   {% highlight LANG [opts] %}...{% endhighlight %}
 *                         a fenced code block with the language (lower
 *                         case) and every line; the blank lines around
 *                         the code dropped, as Jekyll strips them
 *   {% raw %}...{% endraw %}   the text inside, as it is
 *   {% comment %}...{% endcomment %}   nothing
 *   {% post_url [dir/]DATE-slug %}    the post's URL with the base path
 *   {% link path/file.ext %}          the page's, post's or file's URL,
 *                                     with the base path
 *   {{ site.x }}, {{ page.x }}        the configuration's / front
 *                                     matter's scalar (site.baseurl,
 *                                     site.url, page.url, page.title...)
 *   {{ "..." }} | relative_url | absolute_url   the URL made
 * Whitespace control ("{%-", "-%}", "{{-", "-}}") strips what it strips.
 * Anything else (if, for, include, other filters, variables the site
 * does not define) is kept as written with one warning naming the file
 * and line; closing and middle tags (endif, else...) are not warned about
 * again.  The writers escape template syntax for their target.
 */
#include "sites/jekyll.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

struct lq {
    struct fc_site_reader *r;
    const struct fc_site_page *pg;
    const char *s;
    size_t n;
    unsigned long line; /* of s[0] */
};

static unsigned long line_at(const struct lq *q, size_t i)
{
    unsigned long l = q->line;
    for (size_t k = 0; k < i; k++)
        l += q->s[k] == '\n';
    return l;
}

/* A token at i: "{%" or "{{" up to its "%}" / "}}"; the inside trimmed
 * (with whitespace-control dashes noted). */
struct tok {
    size_t start, end;
    bool tag;
    bool strip_left, strip_right;
    const char *in; /* the inside, trimmed */
    size_t inlen;
};

static bool token_at(const struct lq *q, size_t i, struct tok *t)
{
    const char *s = q->s;
    size_t n = q->n;
    if (i + 1 >= n || s[i] != '{' || (s[i + 1] != '%' && s[i + 1] != '{'))
        return false;
    t->tag = s[i + 1] == '%';
    char c = t->tag ? '%' : '}';
    t->start = i;
    size_t p = i + 2;
    t->strip_left = p < n && s[p] == '-';
    p += t->strip_left;
    for (size_t k = p; k + 1 < n; k++) {
        if (s[k] == c && s[k + 1] == '}') {
            size_t e = k;
            t->strip_right = e > p && s[e - 1] == '-';
            e -= t->strip_right;
            while (p < e && fc_ascii_space((unsigned char)s[p]))
                p++;
            while (e > p && fc_ascii_space((unsigned char)s[e - 1]))
                e--;
            t->in = s + p;
            t->inlen = e - p;
            t->end = k + 2;
            return true;
        }
        if (!t->tag && s[k] == '{' && s[k + 1] == '{')
            return false;
    }
    return false;
}

/* The tag's name and the rest. */
static void tag_name(const struct tok *t, const char **name, size_t *nl, const char **rest,
                     size_t *rl)
{
    size_t k = 0;
    while (k < t->inlen && !fc_ascii_space((unsigned char)t->in[k]))
        k++;
    *name = t->in, *nl = k;
    while (k < t->inlen && fc_ascii_space((unsigned char)t->in[k]))
        k++;
    *rest = t->in + k, *rl = t->inlen - k;
}

static bool is(const char *name, size_t nl, const char *want)
{
    return nl == strlen(want) && !memcmp(name, want, nl);
}

/* The next tag named `want` after position i; its token. */
static bool find_tag(const struct lq *q, size_t i, const char *want, struct tok *t)
{
    for (size_t k = i; k + 1 < q->n; k++) {
        if (q->s[k] != '{' || q->s[k + 1] != '%' || !token_at(q, k, t))
            continue;
        const char *name, *rest;
        size_t nl, rl;
        tag_name(t, &name, &nl, &rest, &rl);
        if (is(name, nl, want))
            return true;
    }
    return false;
}

/* ---- values --------------------------------------------------------------- */

/* relative_url: the base path (baseurl) + the path; absolute: the origin
 * before it.  A URL with a scheme stays as it is. */
static void url_filter(struct lq *q, struct fc_buf *o, const char *v, bool absolute)
{
    if (strstr(v, "://")) {
        fc_buf_puts(o, v);
        return;
    }
    const struct fc_site *s = &q->r->site;
    struct fc_buf u;
    fc_buf_init(&u);
    if (absolute && s->origin)
        fc_buf_puts(&u, s->origin);
    const char *sub = s->sub_path ? s->sub_path : "/";
    fc_buf_add(&u, sub, strlen(sub) - 1);
    if (*v != '/')
        fc_buf_putc(&u, '/');
    fc_buf_puts(&u, v);
    fc_site_url_encode(o, fc_buf_cstr(&u), u.len);
    fc_buf_free(&u);
}

/* A variable's value: site.* from the configuration, page.* from the
 * front matter (page.url: the document's URL); false when unknown. */
static bool variable(struct lq *q, const char *v, size_t n, struct fc_buf *o)
{
    char name[256];
    snprintf(name, sizeof name, "%.*s", (int)n, v);
    const struct fc_fm_node *root = NULL;
    const char *key = NULL;
    if (!strncmp(name, "site.", 5))
        root = q->r->site.config, key = name + 5;
    else if (!strncmp(name, "page.", 5))
        root = q->pg->fm, key = name + 5;
    else
        return false;
    if (!strcmp(name, "page.url") && q->pg->url) {
        fc_buf_puts(o, q->pg->url);
        return true;
    }
    if (!strcmp(name, "page.title") && !fc_fm_str(fc_fm_get(root, "title")) && q->pg->title) {
        fc_buf_puts(o, q->pg->title);
        return true;
    }
    if (!strcmp(name, "site.baseurl") && !fc_fm_get(root, "baseurl"))
        return true; /* nil renders as nothing */
    const struct fc_fm_node *x = root;
    for (char *p = (char *)key; x && *p;) {
        size_t l = strcspn(p, ".");
        char c = p[l];
        p[l] = '\0';
        x = fc_fm_get(x, p);
        p += l + (c != '\0');
    }
    const char *val = fc_fm_str(x);
    if (!val)
        return false;
    fc_buf_puts(o, val);
    return true;
}

/* {{ expr }}: a literal or variable, then relative_url / absolute_url;
 * false when it holds anything else. */
static bool output(struct lq *q, const struct tok *t, struct fc_buf *o)
{
    const char *p = t->in, *e = t->in + t->inlen;
    struct fc_buf v;
    fc_buf_init(&v);
    bool ok = true;
    if (p < e && (*p == '"' || *p == '\'')) {
        const char *c = memchr(p + 1, *p, (size_t)(e - p - 1));
        if (!c)
            ok = false;
        else
            fc_buf_add(&v, p + 1, (size_t)(c - p - 1));
        p = c ? c + 1 : e;
    } else {
        const char *st = p;
        while (p < e && (fc_ascii_alnum((unsigned char)*p) || *p == '.' || *p == '_' || *p == '-'))
            p++;
        ok = p > st && variable(q, st, (size_t)(p - st), &v);
    }
    while (ok) {
        while (p < e && fc_ascii_space((unsigned char)*p))
            p++;
        if (p == e)
            break;
        if (*p != '|') {
            ok = false;
            break;
        }
        p++;
        while (p < e && fc_ascii_space((unsigned char)*p))
            p++;
        const char *f = p;
        while (p < e && (fc_ascii_alnum((unsigned char)*p) || *p == '_'))
            p++;
        size_t fl = (size_t)(p - f);
        if (is(f, fl, "relative_url") || is(f, fl, "absolute_url")) {
            struct fc_buf u;
            fc_buf_init(&u);
            url_filter(q, &u, fc_buf_cstr(&v), f[0] == 'a');
            fc_buf_free(&v);
            v = u;
        } else {
            ok = false;
        }
    }
    if (ok)
        fc_buf_add(o, v.data ? v.data : "", v.len);
    fc_buf_free(&v);
    return ok;
}

/* {% post_url [dir/]DATE-slug %}: the post, by its folder and name: the
 * first (in the index's order) at _posts/DIR/NAME.* or DIR/_posts/NAME.*,
 * else the first named NAME.* anywhere (fc_jekyll_indexed's maps). */
static const struct fc_site_entry *post_url(struct lq *q, const char *arg, size_t n)
{
    const struct fc_site_reader *r = q->r;
    char name[512], dir[512], want[1100];
    while (n && *arg == '/')
        arg++, n--;
    snprintf(name, sizeof name, "%.*s", (int)n, arg);
    char *slash = strrchr(name, '/');
    snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - name) : 0, name);
    const char *base = slash ? slash + 1 : name;
    uintptr_t best = 0, v;
    snprintf(want, sizeof want, "_posts/%s%s%s", dir, *dir ? "/" : "", base);
    best = (uintptr_t)fc_strmap_get(&r->refs[JK_REF_PATH], want);
    snprintf(want, sizeof want, "%s%s_posts/%s", dir, *dir ? "/" : "", base);
    v = (uintptr_t)fc_strmap_get(&r->refs[JK_REF_PATH], want);
    if (v && (!best || v < best))
        best = v;
    if (!best)
        best = (uintptr_t)fc_strmap_get(&r->refs[JK_REF_NAME], base);
    return best ? &r->entries[best - 1] : NULL;
}

void fc_jekyll_indexed(struct fc_site_reader *r)
{
    size_t cd = strlen(r->site.content_dir);
    for (size_t i = 0; i < r->n; i++) {
        const struct fc_site_entry *e = &r->entries[i];
        if (!e->emit || e->draft || !e->url)
            continue;
        const char *rel = e->rel;
        if (cd && !strncmp(rel, r->site.content_dir, cd) && rel[cd] == '/')
            rel += cd + 1;
        const char *b = strrchr(rel, '/');
        b = b ? b + 1 : rel;
        const char *dot = strrchr(b, '.');
        if (!dot)
            continue;
        /* the path from the content folder and the file's name, each
         * without the extension */
        char *path = fc_strdup(r->idx, rel, (size_t)(dot - rel));
        const char *stem = path ? path + (b - rel) : NULL;
        void *v = (void *)(uintptr_t)(i + 1);
        if (!path || !fc_strmap_add(&r->refs[JK_REF_PATH], path, v) ||
            !fc_strmap_add(&r->refs[JK_REF_NAME], stem, v)) {
            fc_sticky_nomem(&r->st);
            return;
        }
    }
}

static const char *link_target(struct lq *q, const char *arg, size_t n)
{
    char path[1024];
    snprintf(path, sizeof path, "%.*s", (int)n, arg);
    const struct fc_site_entry *e = fc_site_find_rel(q->r, path);
    if (e)
        return e->url;
    const char *in = path;
    const char *pre = q->r->site.prefix;
    size_t pl = pre ? strlen(pre) : 0;
    if (pl && !strncmp(path, pre, pl) && path[pl] == '/')
        in = path + pl + 1;
    for (const struct fc_resource *f = q->r->feed->files.first; f; f = f->next)
        if (!strcmp(f->path, in))
            return f->url;
    return NULL;
}

/* ---- the body ----------------------------------------------------------------- */

static void render(struct lq *q, size_t from, size_t to, struct fc_buf *o);

/* Whitespace before a "{%-" / "{{-" goes; after "-%}" / "-}}" too. */
static void strip_back(struct fc_buf *o)
{
    while (o->len && fc_ascii_space((unsigned char)o->data[o->len - 1]))
        o->len--;
    if (o->data)
        o->data[o->len] = '\0';
}

static size_t strip_ahead(const struct lq *q, size_t i)
{
    while (i < q->n && fc_ascii_space((unsigned char)q->s[i]))
        i++;
    return i;
}

static void warn_kept(struct lq *q, const struct tok *t, const char *what)
{
    fc_site_warn(q->r, line_at(q, t->start), 0,
                 "Liquid %s '%.*s' is not one feedconv renders: kept as written", what,
                 (int)(t->inlen > 60 ? 60 : t->inlen), t->in);
}

/* One tag at t; the position after what it took. */
static size_t tag(struct lq *q, const struct tok *t, size_t to, struct fc_buf *o)
{
    const char *name, *rest;
    size_t nl, rl;
    tag_name(t, &name, &nl, &rest, &rl);
    struct tok close;
    if (is(name, nl, "raw") || is(name, nl, "comment") || is(name, nl, "highlight")) {
        const char *end = name[0] == 'r'   ? "endraw"
                          : name[0] == 'c' ? "endcomment"
                                           : "endhighlight";
        if (!find_tag(q, t->end, end, &close) || close.end > to) {
            warn_kept(q, t, "tag");
            fc_buf_add(o, q->s + t->start, t->end - t->start);
            return t->end;
        }
        size_t in0 = t->strip_right ? strip_ahead(q, t->end) : t->end;
        if (name[0] == 'r') {
            fc_buf_add(o, q->s + in0, close.start - in0);
        } else if (name[0] == 'h') {
            char lang[128];
            size_t ll = strcspn(rest, " \t\r\n");
            snprintf(lang, sizeof lang, "%.*s", (int)(ll < rl ? ll : rl), rest);
            for (char *p = lang; *p; p++)
                *p = (char)fc_ascii_lower((unsigned char)*p);
            struct fc_buf inner;
            fc_buf_init(&inner);
            render(q, t->end, close.start, &inner);
            fc_site_fence(o, lang, NULL, inner.data ? inner.data : "", inner.len, false);
            if (inner.oom)
                o->oom = true;
            fc_buf_free(&inner);
        }
        return close.strip_right ? strip_ahead(q, close.end) : close.end;
    }
    const struct fc_site_entry *e = NULL;
    const char *url = NULL;
    if (is(name, nl, "post_url") && (e = post_url(q, rest, rl)) != NULL)
        url = e->url;
    else if (is(name, nl, "link"))
        url = link_target(q, rest, rl);
    if (url) {
        url_filter(q, o, url, false);
        return t->strip_right ? strip_ahead(q, t->end) : t->end;
    }
    /* kept as written; its end tag and middle ones without a warning */
    bool closing = (nl > 3 && !strncmp(name, "end", 3)) || is(name, nl, "else") ||
                   is(name, nl, "elsif") || is(name, nl, "when");
    if (!closing)
        warn_kept(q, t, "tag");
    fc_buf_add(o, q->s + t->start, t->end - t->start);
    return t->end;
}

static void render(struct lq *q, size_t from, size_t to, struct fc_buf *o)
{
    size_t i = from;
    while (i < to) {
        const char *s = q->s;
        size_t k = i;
        while (k + 1 < to && !(s[k] == '{' && (s[k + 1] == '%' || s[k + 1] == '{')))
            k++;
        struct tok t;
        if (k + 1 >= to || !token_at(q, k, &t) || t.end > to) {
            size_t e = k + 1 >= to ? to : k + 2;
            fc_buf_add(o, s + i, e - i);
            i = e;
            continue;
        }
        fc_buf_add(o, s + i, k - i);
        if (t.tag) {
            const char *name, *rest;
            size_t nl, rl;
            tag_name(&t, &name, &nl, &rest, &rl);
            bool kept =
                !(is(name, nl, "raw") || is(name, nl, "comment") || is(name, nl, "highlight") ||
                  is(name, nl, "post_url") || is(name, nl, "link"));
            if (t.strip_left && !kept)
                strip_back(o);
            i = tag(q, &t, to, o);
        } else {
            struct fc_buf v;
            fc_buf_init(&v);
            if (output(q, &t, &v)) {
                if (t.strip_left)
                    strip_back(o);
                fc_buf_add(o, v.data ? v.data : "", v.len);
                i = t.strip_right ? strip_ahead(q, t.end) : t.end;
            } else {
                warn_kept(q, &t, "output");
                fc_buf_add(o, s + t.start, t.end - t.start);
                i = t.end;
            }
            if (v.oom)
                o->oom = true;
            fc_buf_free(&v);
        }
    }
}

void fc_jekyll_body(struct fc_site_reader *r, const struct fc_site_page *pg, const char *src,
                    size_t n, unsigned long line, struct fc_buf *out)
{
    struct lq q = {r, pg, src, n, line};
    render(&q, 0, n, out);
}
