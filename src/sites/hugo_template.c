/*
 * hugo_template.c - Hugo shortcodes in a body, rendered as Hugo 0.111
 * renders them (the outputs are the embedded templates', compared with
 * the binary; tests/test_site_read.c):
 *
 *   figure            the HTML of shortcodes/figure.html
 *   youtube, vimeo    the embed <div>s (privacy settings read from the
 *                     configuration)
 *   gist              the <script> tag
 *   highlight         a fenced code block with the language (and the
 *                     options as the fence's attributes): every line kept
 *   ref, relref       the target's published URL (absolute / from the
 *                     host, with the base path), "#anchor" kept
 *   param             the page's parameter, else the site's
 *   {{</ * x * />}}   (without the spaces) the literal {{< x >}}, Hugo's
 *                     escape
 * Anything else (the site's own shortcodes, tweet and instagram, which
 * fetch from the network at build time, a ref to nowhere) is kept as
 * written, with one warning each naming the file and line: the writers
 * escape template syntax for their target, so it survives as text.
 * Like Hugo, shortcodes are found everywhere, code blocks included.
 */
#include "sites/hugo.h"

#include <stdio.h>
#include <string.h>

#define SC_MAX_ARGS 16

struct sc_arg {
    const char *name; /* NULL: positional */
    size_t nlen;
    const char *val;
    size_t vlen;
    bool quoted; /* "..." with \" escapes to undo */
};

struct sc_tag {
    size_t start, end; /* the tag's bytes in the body */
    bool closing, self_closing, markdown;
    const char *name;
    size_t nlen;
    struct sc_arg args[SC_MAX_ARGS];
    size_t nargs;
};

static bool is_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static size_t skip_ws(const char *s, size_t n, size_t i)
{
    while (i < n && is_ws(s[i]))
        i++;
    return i;
}

/* The closing delimiter ">}}" / "%}}" at i? */
static bool at_close(const char *s, size_t n, size_t i, char d)
{
    return i + 3 <= n && s[i] == d && s[i + 1] == '}' && s[i + 2] == '}';
}

/* A shortcode tag at s[i] ("{{<" or "{{%"); false when it is none. */
static bool parse_tag(const char *s, size_t n, size_t i, struct sc_tag *t)
{
    memset(t, 0, sizeof *t);
    t->start = i;
    char d = s[i + 2] == '%' ? '%' : '>';
    t->markdown = d == '%';
    size_t p = skip_ws(s, n, i + 3);
    if (p < n && s[p] == '/') {
        t->closing = true;
        p = skip_ws(s, n, p + 1);
    }
    size_t ns = p;
    while (p < n && (fc_ascii_alnum((unsigned char)s[p]) || s[p] == '_' || s[p] == '-' ||
                     s[p] == '/' || s[p] == '.'))
        p++;
    if (p == ns)
        return false;
    t->name = s + ns, t->nlen = p - ns;
    for (;;) {
        p = skip_ws(s, n, p);
        if (p >= n)
            return false;
        if (at_close(s, n, p, d)) {
            t->end = p + 3;
            return true;
        }
        if (s[p] == '/' && at_close(s, n, p + 1, d)) {
            t->self_closing = true;
            t->end = p + 4;
            return true;
        }
        if (t->nargs == SC_MAX_ARGS || t->closing)
            return false;
        struct sc_arg *a = &t->args[t->nargs++];
        size_t k = p;
        while (k < n && (fc_ascii_alnum((unsigned char)s[k]) || s[k] == '_' || s[k] == '-'))
            k++;
        if (k > p && k < n && s[k] == '=') {
            a->name = s + p, a->nlen = k - p;
            p = k + 1;
        }
        if (p < n && (s[p] == '"' || s[p] == '`')) {
            char q = s[p++];
            a->quoted = q == '"';
            a->val = s + p;
            while (p < n && s[p] != q)
                p += (q == '"' && s[p] == '\\' && p + 1 < n) ? 2 : 1;
            if (p >= n)
                return false;
            a->vlen = (size_t)(s + p - a->val);
            p++;
        } else {
            a->val = s + p;
            while (p < n && !is_ws(s[p]) && !at_close(s, n, p, d) &&
                   !(s[p] == '/' && at_close(s, n, p + 1, d)))
                p++;
            a->vlen = (size_t)(s + p - a->val);
        }
    }
}

static bool named(const struct sc_tag *t, const char *name)
{
    return t->nlen == strlen(name) && !memcmp(t->name, name, t->nlen);
}

/* The value of a named or positional argument into buf (escapes undone);
 * NULL when absent. */
static const char *get(const struct sc_tag *t, const char *name, int pos, char *buf, size_t cap)
{
    const struct sc_arg *a = NULL;
    for (size_t i = 0; i < t->nargs && !a; i++)
        if (name && t->args[i].name && t->args[i].nlen == strlen(name) &&
            !memcmp(t->args[i].name, name, t->args[i].nlen))
            a = &t->args[i];
    if (!a && pos >= 0 && (size_t)pos < t->nargs && !t->args[pos].name)
        a = &t->args[pos];
    if (!a)
        return NULL;
    size_t o = 0;
    for (size_t i = 0; i < a->vlen && o + 1 < cap; i++) {
        if (a->quoted && a->val[i] == '\\' && i + 1 < a->vlen)
            i++;
        buf[o++] = a->val[i];
    }
    buf[o] = '\0';
    return *buf ? buf : NULL;
}

/* ---- what the embedded templates print -------------------------------- */

/* Go html/template's attribute escaping. */
static void attr(struct fc_buf *b, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&':
            fc_buf_puts(b, "&amp;");
            break;
        case '<':
            fc_buf_puts(b, "&lt;");
            break;
        case '>':
            fc_buf_puts(b, "&gt;");
            break;
        case '"':
            fc_buf_puts(b, "&#34;");
            break;
        case '\'':
            fc_buf_puts(b, "&#39;");
            break;
        case '+':
            fc_buf_puts(b, "&#43;");
            break;
        default:
            fc_buf_putc(b, *s);
        }
    }
}

/* A URL attribute: html/template's normaliser (spaces, quotes and the
 * like percent-encoded). */
static void url_attr(struct fc_buf *b, const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c <= ' ' || c == '"' || c == '\'' || c == '<' || c == '>' || c == '\\' || c == '^' ||
            c == '`' || c == '{' || c == '|' || c == '}' || c >= 0x7F)
            fc_buf_printf(b, "%%%02x", c);
        else if (c == '&')
            fc_buf_puts(b, "&amp;");
        else
            fc_buf_putc(b, (char)c);
    }
}

/* markdownify: inline Markdown, a lone <p> removed. */
static void markdownify(struct fc_site_reader *r, struct fc_buf *b, const char *md)
{
    struct fc_buf h;
    fc_buf_init(&h);
    if (fc_sticky_set(&r->st, fc_markdown_to_html(md, strlen(md), &h, r->st.err)) == FC_OK) {
        size_t n = h.len;
        const char *p = fc_buf_cstr(&h);
        while (n && p[n - 1] == '\n')
            n--;
        if (n >= 7 && !strncmp(p, "<p>", 3) && !strncmp(p + n - 4, "</p>", 4) &&
            !strstr(p + 3, "<p>")) {
            p += 3;
            n -= 7;
        }
        fc_buf_add(b, p, n);
    }
    fc_buf_free(&h);
}

/* plainify: the tags dropped. */
static void plainify(struct fc_buf *b, const char *html)
{
    bool tag = false;
    for (; *html; html++) {
        if (*html == '<')
            tag = true;
        else if (*html == '>' && tag)
            tag = false;
        else if (!tag)
            fc_buf_putc(b, *html);
    }
}

static void figure(struct fc_site_reader *r, const struct sc_tag *t, struct fc_buf *o)
{
    char src[1024], link[1024], target[256], rel[256], alt[1024], caption[2048], title[1024];
    char attrt[1024], attrlink[1024], cls[256], width[64], height[64];
    const char *v_src = get(t, "src", -1, src, sizeof src);
    const char *v_link = get(t, "link", -1, link, sizeof link);
    const char *v_target = get(t, "target", -1, target, sizeof target);
    const char *v_rel = get(t, "rel", -1, rel, sizeof rel);
    const char *v_alt = get(t, "alt", -1, alt, sizeof alt);
    const char *v_cap = get(t, "caption", -1, caption, sizeof caption);
    const char *v_title = get(t, "title", -1, title, sizeof title);
    const char *v_attr = get(t, "attr", -1, attrt, sizeof attrt);
    const char *v_attrlink = get(t, "attrlink", -1, attrlink, sizeof attrlink);
    const char *v_class = get(t, "class", -1, cls, sizeof cls);
    const char *v_w = get(t, "width", -1, width, sizeof width);
    const char *v_h = get(t, "height", -1, height, sizeof height);
    fc_buf_puts(o, "<figure");
    if (v_class) {
        fc_buf_puts(o, " class=\"");
        attr(o, v_class);
        fc_buf_putc(o, '"');
    }
    fc_buf_putc(o, '>');
    if (v_link) {
        fc_buf_puts(o, "<a href=\"");
        url_attr(o, v_link);
        fc_buf_putc(o, '"');
        if (v_target) {
            fc_buf_puts(o, " target=\"");
            attr(o, v_target);
            fc_buf_putc(o, '"');
        }
        if (v_rel) {
            fc_buf_puts(o, " rel=\"");
            attr(o, v_rel);
            fc_buf_putc(o, '"');
        }
        fc_buf_putc(o, '>');
    }
    fc_buf_puts(o, "<img src=\"");
    url_attr(o, v_src ? v_src : "");
    fc_buf_putc(o, '"');
    if (v_alt || v_cap) {
        fc_buf_puts(o, "\n         alt=\"");
        if (v_alt) {
            attr(o, v_alt);
        } else {
            struct fc_buf h, p;
            fc_buf_init(&h);
            fc_buf_init(&p);
            markdownify(r, &h, v_cap);
            plainify(&p, fc_buf_cstr(&h));
            attr(o, fc_buf_cstr(&p));
            fc_buf_free(&h);
            fc_buf_free(&p);
        }
        fc_buf_putc(o, '"');
    }
    if (v_w) {
        fc_buf_puts(o, " width=\"");
        attr(o, v_w);
        fc_buf_putc(o, '"');
    }
    if (v_h) {
        fc_buf_puts(o, " height=\"");
        attr(o, v_h);
        fc_buf_putc(o, '"');
    }
    fc_buf_puts(o, "/>");
    if (v_link)
        fc_buf_puts(o, "</a>");
    if (v_title || v_cap || v_attr) {
        fc_buf_puts(o, "<figcaption>\n            ");
        if (v_title) {
            fc_buf_puts(o, "<h4>");
            attr(o, v_title);
            fc_buf_puts(o, "</h4>");
        }
        if (v_cap || v_attr) {
            fc_buf_puts(o, "<p>");
            if (v_cap)
                markdownify(r, o, v_cap);
            if (v_attrlink) {
                fc_buf_puts(o, "\n                    <a href=\"");
                url_attr(o, v_attrlink);
                fc_buf_puts(o, "\">");
            }
            if (v_attr)
                markdownify(r, o, v_attr);
            if (v_attrlink)
                fc_buf_puts(o, "</a>");
            fc_buf_puts(o, "</p>");
        }
        fc_buf_puts(o, "\n        </figcaption>");
    }
    fc_buf_puts(o, "\n</figure>");
}

static const char embed_style[] =
    "position: relative; padding-bottom: 56.25%; height: 0; overflow: hidden;";
static const char frame_style[] =
    "position: absolute; top: 0; left: 0; width: 100%; height: 100%; border:0;";

/* A privacy setting of the configuration: [privacy.<service>] key. */
static bool privacy(const struct fc_site *s, const char *service, const char *key)
{
    const struct fc_fm_node *p = fc_fm_get(fc_fm_get(s->config, "privacy"), service);
    return fc_fm_bool(fc_fm_get(p, key)) == 1;
}

static void youtube(struct fc_site_reader *r, const struct sc_tag *t, struct fc_buf *o)
{
    char id[256], cls[256], title[512], autoplay[32];
    if (privacy(&r->site, "youtube", "disable"))
        return;
    const char *v_id = get(t, "id", 0, id, sizeof id);
    const char *v_class = get(t, "class", 1, cls, sizeof cls);
    const char *v_title = get(t, "title", -1, title, sizeof title);
    const char *v_auto = get(t, "autoplay", -1, autoplay, sizeof autoplay);
    fc_buf_puts(o, "\n<div ");
    if (v_class) {
        fc_buf_puts(o, "class=\"");
        attr(o, v_class);
        fc_buf_putc(o, '"');
    } else {
        fc_buf_printf(o, "style=\"%s\"", embed_style);
    }
    fc_buf_printf(o, ">\n  <iframe src=\"https://%s/embed/",
                  privacy(&r->site, "youtube", "privacyenhanced") ? "www.youtube-nocookie.com"
                                                                  : "www.youtube.com");
    url_attr(o, v_id ? v_id : "");
    if (v_auto && !strcmp(v_auto, "true"))
        fc_buf_puts(o, "?autoplay=1");
    fc_buf_puts(o, "\" ");
    if (!v_class)
        fc_buf_printf(o, "style=\"%s\" ", frame_style);
    fc_buf_puts(o, "allowfullscreen title=\"");
    attr(o, v_title ? v_title : "YouTube Video");
    fc_buf_puts(o, "\"></iframe>\n</div>\n");
}

static void vimeo(struct fc_site_reader *r, const struct sc_tag *t, struct fc_buf *o)
{
    char id[256], cls[256], title[512];
    if (privacy(&r->site, "vimeo", "disable"))
        return;
    const char *v_id = get(t, "id", 0, id, sizeof id);
    const char *v_class = get(t, "class", 1, cls, sizeof cls);
    const char *v_title = get(t, "title", 2, title, sizeof title);
    bool dnt = privacy(&r->site, "vimeo", "enablednt");
    if (v_class) {
        fc_buf_puts(o, "<div class=\"");
        attr(o, v_class);
        fc_buf_puts(o, "\">\n  <iframe src=\"https://player.vimeo.com/video/");
        url_attr(o, v_id ? v_id : "");
        fc_buf_puts(o, dnt ? "?dnt=1\" title=\"" : "\" title=\"");
        attr(o, v_title ? v_title : "vimeo video");
        fc_buf_puts(o, "\" webkitallowfullscreen mozallowfullscreen allowfullscreen></iframe>\n"
                       "</div>");
        return;
    }
    fc_buf_printf(o, "\n<div style=\"%s\">\n  <iframe src=\"https://player.vimeo.com/video/",
                  embed_style);
    url_attr(o, v_id ? v_id : "");
    fc_buf_printf(o, "%s\" style=\"%s\" title=\"", dnt ? "?dnt=1" : "", frame_style);
    attr(o, v_title ? v_title : "vimeo video");
    fc_buf_puts(o, "\" webkitallowfullscreen mozallowfullscreen allowfullscreen></iframe>\n"
                   "</div>\n");
}

static void gist(const struct sc_tag *t, struct fc_buf *o)
{
    char user[256], id[256], file[512];
    const char *u = get(t, NULL, 0, user, sizeof user), *i = get(t, NULL, 1, id, sizeof id);
    const char *f = get(t, NULL, 2, file, sizeof file);
    fc_buf_puts(o, "<script type=\"application/javascript\" src=\"https://gist.github.com/");
    url_attr(o, u ? u : "");
    fc_buf_putc(o, '/');
    url_attr(o, i ? i : "");
    fc_buf_puts(o, ".js");
    if (f) {
        fc_buf_puts(o, "?file=");
        url_attr(o, f);
    }
    fc_buf_puts(o, "\"></script>");
}

/* ref / relref: false when the target is not found. */
static bool ref(struct fc_site_reader *r, const struct fc_site_page *pg, const struct sc_tag *t,
                bool absolute, struct fc_buf *o)
{
    char target[1024];
    const char *v = get(t, "path", 0, target, sizeof target);
    if (!v)
        return false;
    const char *hash = strchr(v, '#');
    if (hash == v) {
        fc_buf_puts(o, v);
        return true;
    }
    const struct fc_site_entry *e = fc_hugo_ref(r, pg->rel, v);
    if (!e)
        return false;
    const struct fc_site *s = &r->site;
    if (absolute) {
        char *u = fc_site_abs_url(pg->a, s, e->url);
        if (!u) {
            fc_sticky_nomem(&r->st);
            return true;
        }
        fc_buf_puts(o, u);
    } else {
        const char *sub = s->sub_path ? s->sub_path : "/";
        fc_site_url_encode(o, sub, strlen(sub) - 1);
        fc_site_url_encode(o, e->url, strlen(e->url));
    }
    if (hash)
        fc_buf_puts(o, hash);
    return true;
}

/* A parameter by dotted name, case-insensitively. */
static const struct fc_fm_node *param_of(const struct fc_fm_node *m, const char *name)
{
    char part[256];
    while (m && *name) {
        size_t n = strcspn(name, ".");
        snprintf(part, sizeof part, "%.*s", (int)n, name);
        m = fc_site_get_ci(m, part);
        name += n + (name[n] == '.');
    }
    return m;
}

static bool param(struct fc_site_reader *r, const struct fc_site_page *pg, const struct sc_tag *t,
                  struct fc_buf *o)
{
    char name[256];
    const char *k = get(t, NULL, 0, name, sizeof name);
    if (!k)
        return false;
    const struct fc_fm_node *v = param_of(pg->fm, k);
    if (!fc_fm_str(v))
        v = param_of(r->site.params, k);
    if (!fc_fm_str(v))
        return false;
    struct fc_buf e;
    fc_buf_init(&e);
    attr(&e, fc_fm_str(v));
    fc_buf_add(o, e.data ? e.data : "", e.len);
    fc_buf_free(&e);
    return true;
}

/* Where the closing tag of t is: its start and end; false when none. */
static bool find_close(const char *s, size_t n, const struct sc_tag *t, size_t *cs, size_t *ce)
{
    for (size_t i = t->end; i + 3 <= n; i++) {
        if (s[i] != '{' || s[i + 1] != '{' || (s[i + 2] != '<' && s[i + 2] != '%'))
            continue;
        struct sc_tag c;
        if (parse_tag(s, n, i, &c) && c.closing && c.nlen == t->nlen &&
            !memcmp(c.name, t->name, t->nlen)) {
            *cs = i;
            *ce = c.end;
            return true;
        }
    }
    return false;
}

static unsigned long line_at(const char *s, size_t i, unsigned long line)
{
    for (size_t k = 0; k < i; k++)
        line += s[k] == '\n';
    return line;
}

void fc_hugo_body(struct fc_site_reader *r, const struct fc_site_page *pg, const char *s, size_t n,
                  unsigned long line, struct fc_buf *o)
{
    size_t i = 0;
    while (i < n) {
        const char *open = NULL;
        for (size_t k = i; k + 3 <= n; k++)
            if (s[k] == '{' && s[k + 1] == '{' && (s[k + 2] == '<' || s[k + 2] == '%')) {
                open = s + k;
                break;
            }
        if (!open) {
            fc_buf_add(o, s + i, n - i);
            break;
        }
        size_t at = (size_t)(open - s);
        fc_buf_add(o, s + i, at - i);
        char d = s[at + 2] == '%' ? '%' : '>';
        const char *close = d == '>' ? ">}}" : "%}}";
        size_t p = skip_ws(s, n, at + 3);
        if (p + 1 < n && s[p] == '/' &&
            s[p + 1] == '*') { /* Hugo's escape: the text between the comment marks */
            const char *end = NULL;
            for (size_t k = p + 2; k + 4 < n + 1 && !end; k++)
                if (s[k] == '*' && s[k + 1] == '/') {
                    size_t q = skip_ws(s, n, k + 2);
                    if (at_close(s, n, q, d))
                        end = s + k;
                }
            if (end) {
                size_t q = skip_ws(s, n, (size_t)(end - s) + 2);
                fc_buf_add(o, s + at, 3);
                fc_buf_add(o, s + p + 2, (size_t)(end - s) - p - 2);
                fc_buf_add(o, s + (size_t)(end - s) + 2, q - (size_t)(end - s) - 2);
                fc_buf_puts(o, close);
                i = q + 3;
                continue;
            }
        }
        struct sc_tag t;
        if (!parse_tag(s, n, at, &t)) {
            fc_buf_add(o, s + at, 3);
            i = at + 3;
            continue;
        }
        bool done = !t.closing;
        size_t next = t.end;
        if (done && named(&t, "highlight")) {
            size_t cs, ce;
            char lang[128], opts[512];
            if (find_close(s, n, &t, &cs, &ce)) {
                const char *l = get(&t, NULL, 0, lang, sizeof lang);
                fc_site_fence(o, l, get(&t, NULL, 1, opts, sizeof opts), s + t.end, cs - t.end,
                              true);
                next = ce;
            } else {
                done = false;
            }
        } else if (done && named(&t, "figure")) {
            figure(r, &t, o);
        } else if (done && named(&t, "youtube")) {
            youtube(r, &t, o);
        } else if (done && named(&t, "vimeo")) {
            vimeo(r, &t, o);
        } else if (done && named(&t, "gist")) {
            gist(&t, o);
        } else if (done && (named(&t, "ref") || named(&t, "relref"))) {
            done = ref(r, pg, &t, named(&t, "ref"), o);
        } else if (done && named(&t, "param")) {
            done = param(r, pg, &t, o);
        } else {
            done = false;
        }
        if (!done) {
            /* one warning per shortcode: at its opening tag */
            if (!t.closing)
                fc_site_warn(r, line_at(s, at, line), 0,
                             "Hugo shortcode '%.*s' is not one feedconv renders: kept as written",
                             (int)t.nlen, t.name);
            fc_buf_add(o, s + at, t.end - at);
            next = t.end;
        }
        i = next;
    }
}
