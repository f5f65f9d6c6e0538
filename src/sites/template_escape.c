/*
 * template_escape.c - template syntax in a written body, so that the
 * generator prints it instead of running it (see site_write.h):
 *
 *   Hugo     runs shortcodes ("{{< x >}}", "{{% x %}}") everywhere in
 *            content, code blocks and inline code included; its escape
 *            (comment marks inside the braces: "{{<" "/" "*" " x " "*" "/"
 *            ">}}") prints "{{< x >}}" wherever it stands
 *   Zola     runs only calls of its shortcode grammar, everywhere:
 *            "{{ name(k=v) }}", and "{% name(k=v) %}" when a "{% end %}"
 *            follows; comment marks inside the braces print them.
 *            "{{ x }}" is no call and stays as it is (escaping it would
 *            leave the comment marks visible)
 *   Jekyll   Liquid runs on any "{{" or "{%": render_with_liquid: false
 *            turns it off for the post (jekyll_write.c)
 *   Eleventy templateEngineOverride: md (eleventy_write.c)
 */
#include "sites/site_write.h"

#include <string.h>

bool fc_sw_has_liquid(const char *s, size_t n)
{
    for (const char *p = s; (p = memchr(p, '{', n - (size_t)(p - s))) != NULL; p++)
        if ((size_t)(p - s) + 1 < n && (p[1] == '{' || p[1] == '%'))
            return true;
    return false;
}

/* Replace md with out when anything changed. */
static void swap_in(struct fc_sticky *st, struct fc_buf *md, struct fc_buf *out, bool changed)
{
    if (out->oom)
        fc_sticky_nomem(st);
    else if (changed) {
        struct fc_buf t = *md;
        *md = *out;
        *out = t;
    }
    fc_buf_free(out);
}

void fc_sw_escape_hugo(struct fc_sticky *st, struct fc_buf *md)
{
    const char *s = fc_buf_cstr(md);
    size_t n = md->len, copied = 0, warned = 0;
    struct fc_buf out;
    fc_buf_init(&out);
    bool changed = false;
    /* memchr finds the candidates; nothing is copied unless one is escaped */
    for (size_t i = 0; i + 3 <= n; i++) {
        const char *b = memchr(s + i, '{', n - 2 - i);
        if (!b)
            break;
        i = (size_t)(b - s);
        if (s[i + 1] != '{' || (s[i + 2] != '<' && s[i + 2] != '%'))
            continue;
        const char *close = s[i + 2] == '<' ? ">}}" : "%}}";
        const char *end = strstr(s + i + 3, close);
        if (i + 5 <= n && s[i + 3] == '/' && s[i + 4] == '*') { /* escaped already */
            if (end)
                i = (size_t)(end - s) + 2;
            continue;
        }
        if (!end) {
            if (!warned++)
                fc_sticky_warn(st, 0, 0, "'{{%c' with no '%s' in the body: Hugo cannot print it",
                               s[i + 2], close);
            continue;
        }
        size_t e = (size_t)(end - s);
        fc_buf_add(&out, s + copied, i - copied);
        fc_buf_add(&out, s + i, 3);
        fc_buf_puts(&out, "/*");
        fc_buf_add(&out, s + i + 3, e - (i + 3));
        fc_buf_puts(&out, "*/");
        fc_buf_add(&out, close, 3);
        copied = e + 3;
        i = e + 2;
        changed = true;
    }
    if (changed)
        fc_buf_add(&out, s + copied, n - copied);
    swap_in(st, md, &out, changed);
}

/* ---- Zola ------------------------------------------------------------------ */

static size_t skip_ws(const char *s, size_t i, size_t n)
{
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
        i++;
    return i;
}

/* After "{{" or "{%" at i: ws name ws "(" args ")" ws, then `close`;
 * returns the index just past close, or 0 when it is no call. */
static size_t zola_call(const char *s, size_t i, size_t n, const char *close)
{
    i = skip_ws(s, i, n);
    if (i >= n || !(fc_ascii_alpha((unsigned char)s[i]) || s[i] == '_'))
        return 0;
    while (i < n && (fc_ascii_alnum((unsigned char)s[i]) || s[i] == '_'))
        i++;
    i = skip_ws(s, i, n);
    if (i >= n || s[i] != '(')
        return 0;
    char q = 0;
    for (i++; i < n; i++) { /* to the ')' outside quotes */
        if (q) {
            if (s[i] == q)
                q = 0;
        } else if (s[i] == '"' || s[i] == '\'' || s[i] == '`') {
            q = s[i];
        } else if (s[i] == ')') {
            break;
        } else if (s[i] == '{' || s[i] == '}') {
            return 0;
        }
    }
    if (i >= n)
        return 0;
    i = skip_ws(s, i + 1, n);
    if (i + 2 > n || s[i] != close[0] || s[i + 1] != close[1])
        return 0;
    return i + 2;
}

/* A "{% end %}" from i: the index of its '{', or n. */
static size_t zola_end(const char *s, size_t i, size_t n)
{
    for (; i + 2 <= n; i++) {
        if (s[i] != '{' || s[i + 1] != '%')
            continue;
        size_t j = skip_ws(s, i + 2, n);
        if (j + 3 <= n && !memcmp(s + j, "end", 3)) {
            j = skip_ws(s, j + 3, n);
            if (j + 2 <= n && s[j] == '%' && s[j + 1] == '}')
                return i;
        }
    }
    return n;
}

/* s[a..b) ("{{...}}" or "{%...%}") escaped into out. */
static void zola_put(struct fc_buf *out, const char *s, size_t a, size_t b)
{
    fc_buf_add(out, s + a, 2);
    fc_buf_puts(out, "/*");
    fc_buf_add(out, s + a + 2, b - a - 4);
    fc_buf_puts(out, "*/");
    fc_buf_add(out, s + b - 2, 2);
}

void fc_sw_escape_zola(struct fc_sticky *st, struct fc_buf *md)
{
    const char *s = fc_buf_cstr(md);
    size_t n = md->len, copied = 0;
    struct fc_buf out;
    fc_buf_init(&out);
    bool changed = false;
    size_t pending_end = n; /* a "{% end %}" to escape with its opening */
    for (size_t i = 0; i + 2 <= n; i++) {
        if (i == pending_end) {
            size_t j = zola_end(s, i, n);
            size_t e = j < n ? (size_t)(strstr(s + j, "%}") - s) + 2 : n;
            fc_buf_add(&out, s + copied, i - copied);
            zola_put(&out, s, i, e);
            copied = e;
            i = e - 1;
            pending_end = n;
            continue;
        }
        if (s[i] != '{' || (s[i + 1] != '{' && s[i + 1] != '%'))
            continue;
        if (i + 4 <= n && s[i + 2] == '/' && s[i + 3] == '*') { /* escaped already: as it is */
            size_t e = zola_call(s, i + 4, n, "*/");
            if (e && e + 2 <= n && s[e] == (s[i + 1] == '{' ? '}' : '%') && s[e + 1] == '}')
                i = e + 1;
            continue;
        }
        bool body = s[i + 1] == '%';
        size_t e = zola_call(s, i + 2, n, body ? "%}" : "}}");
        if (!e)
            continue;
        if (body) {
            size_t end = zola_end(s, e, n);
            if (end == n)
                continue; /* no end: no call */
            pending_end = end;
        }
        fc_buf_add(&out, s + copied, i - copied);
        zola_put(&out, s, i, e);
        copied = e;
        i = e - 1;
        changed = true;
    }
    if (changed)
        fc_buf_add(&out, s + copied, n - copied);
    swap_in(st, md, &out, changed);
}
