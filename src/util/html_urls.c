/*
 * html_urls.c - resolve href / src / srcset in an HTML fragment against a
 * base URI (see html_urls.h).  A scanner over the tag syntax of the HTML Living
 * Standard (tokenization, simplified): it only has to find attribute
 * values, and must copy everything else through byte for byte.
 */
#include "util/html_urls.h"

#include <string.h>

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static bool is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Index of s (ASCII, case-insensitive) in h[i..n), n when absent. */
static size_t find_ci(const char *h, size_t i, size_t n, const char *s)
{
    size_t m = strlen(s);
    /* s starts with '<' or '-': no case to fold in the first byte */
    for (; i + m <= n; i++) {
        const char *c = memchr(h + i, s[0], n - m + 1 - i);
        if (!c)
            break;
        i = (size_t)(c - h);
        if (fc_strncasecmp(h + i, s, m) == 0)
            return i;
    }
    return n;
}

/* Is h[i..i+len) the ASCII word w (a literal), case-insensitively?  The
 * length is compared first: most names are not the word. */
#define WORD_IS(h, i, len, w) ((len) == sizeof(w) - 1 && fc_strncasecmp((h) + (i), (w), (len)) == 0)

/* Elements whose content is text, not tags (raw text and escapable raw
 * text elements). */
static const char *raw_text_end(const char *h, size_t i, size_t len)
{
    if (len < 5 || len > 8)
        return NULL;
    if (WORD_IS(h, i, len, "script"))
        return "</script";
    if (WORD_IS(h, i, len, "style"))
        return "</style";
    if (WORD_IS(h, i, len, "textarea"))
        return "</textarea";
    if (WORD_IS(h, i, len, "title"))
        return "</title";
    return NULL;
}

/* Decode the character references of an attribute value into b.  False
 * when it holds a named reference other than the five XML ones or an
 * invalid numeric one: the caller then resolves the value as written.
 * An '&' that starts no reference is a literal '&' (as in HTML). */
static bool decode_value(struct fc_buf *b, const char *v, size_t n)
{
    static const struct {
        const char *name;
        char c;
    } named[] = {{"amp;", '&'}, {"lt;", '<'}, {"gt;", '>'}, {"quot;", '"'}, {"apos;", '\''}};
    for (size_t i = 0; i < n;) {
        if (v[i] != '&') {
            fc_buf_putc(b, v[i++]);
            continue;
        }
        size_t j = i + 1;
        if (j < n && v[j] == '#') {
            bool hex = j + 1 < n && (v[j + 1] == 'x' || v[j + 1] == 'X');
            uint32_t cp = 0;
            size_t k = j + (hex ? 2 : 1), digits = 0;
            for (; k < n && digits < 8; k++, digits++) {
                char c = v[k];
                int d = c >= '0' && c <= '9'          ? c - '0'
                        : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
                        : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10
                                                      : -1;
                if (d < 0)
                    break;
                cp = cp * (hex ? 16 : 10) + (uint32_t)d;
            }
            if (digits == 0 || k >= n || v[k] != ';' || cp == 0 || cp > 0x10FFFF ||
                (cp >= 0xD800 && cp <= 0xDFFF))
                return false;
            fc_utf8_put(b, cp);
            i = k + 1;
            continue;
        }
        size_t m = j;
        while (m < n && ((v[m] >= 'a' && v[m] <= 'z') || (v[m] >= 'A' && v[m] <= 'Z') ||
                         (v[m] >= '0' && v[m] <= '9')))
            m++;
        if (m == j || m >= n || v[m] != ';') { /* not a reference */
            fc_buf_putc(b, '&');
            i++;
            continue;
        }
        size_t k = 0;
        while (
            k < sizeof named / sizeof named[0] &&
            !(strlen(named[k].name) == m + 1 - j && memcmp(v + j, named[k].name, m + 1 - j) == 0))
            k++;
        if (k == sizeof named / sizeof named[0])
            return false;
        fc_buf_putc(b, named[k].c);
        i = m + 1;
    }
    return true;
}

/* Append a resolved value inside quote q: the quote always escaped, and
 * '&' too when the value was decoded (else it is as the author wrote). */
static void put_value(struct fc_buf *b, const char *v, char q, bool decoded)
{
    for (; *v; v++) {
        if (*v == q)
            fc_buf_puts(b, q == '"' ? "&quot;" : "&#39;");
        else if (*v == '&' && decoded)
            fc_buf_puts(b, "&amp;");
        else
            fc_buf_putc(b, *v);
    }
}

struct scan {
    struct fc_arena *a;
    fc_html_url_fn fn;
    void *ctx;
    const char *h;
    size_t n;
    size_t copied; /* h[0..copied) is in out already */
    struct fc_buf out;
    struct fc_buf tmp;
    bool changed;
    bool nomem;
    bool keep_absolute; /* fn keeps every URL with a scheme as it is */
};

/* Does v[0..n) start with a scheme (RFC 3986: ALPHA *( ALPHA / DIGIT /
 * "+" / "-" / "." ) ":")?  Character references cannot come before the
 * ':', so the decoded value has the same scheme. */
static bool has_scheme(const char *v, size_t n)
{
    if (!n || !is_alpha(v[0]))
        return false;
    size_t i = 1;
    while (i < n && (is_alpha(v[i]) || (v[i] >= '0' && v[i] <= '9') || v[i] == '+' || v[i] == '-' ||
                     v[i] == '.'))
        i++;
    return i < n && v[i] == ':';
}

/* One href/src value h[v0..v1), quoted with q (0: unquoted). */
static void rewrite_value(struct scan *s, size_t v0, size_t v1, char q)
{
    const char *h = s->h;
    size_t at = v0, to = v1;           /* the whole value, blanks included */
    while (v0 < v1 && is_space(h[v0])) /* URLs are trimmed in HTML */
        v0++;
    while (v1 > v0 && is_space(h[v1 - 1]))
        v1--;
    if (v0 == v1 || h[v0] == '#' || (s->keep_absolute && has_scheme(h + v0, v1 - v0)))
        return;
    fc_buf_reset(&s->tmp);
    bool decoded = decode_value(&s->tmp, h + v0, v1 - v0);
    if (!decoded) {
        fc_buf_reset(&s->tmp);
        fc_buf_add(&s->tmp, h + v0, v1 - v0);
    }
    const char *val = fc_buf_cstr(&s->tmp);
    bool nomem = s->tmp.oom;
    const char *res = nomem ? NULL : s->fn(s->ctx, s->a, val, &nomem);
    if (nomem) {
        s->nomem = true;
        return;
    }
    if (!res || strcmp(res, val) == 0)
        return;
    /* h[copied..at) ends with the opening quote when there is one; the
     * blanks trimmed off the value go */
    fc_buf_add(&s->out, h + s->copied, at - s->copied);
    if (!q)
        fc_buf_putc(&s->out, '"');
    put_value(&s->out, res, q ? q : '"', decoded);
    if (!q)
        fc_buf_putc(&s->out, '"');
    s->copied = to;
    s->changed = true;
}

/* A srcset's image candidates in h[v0..v1): each "URL [descriptor]",
 * separated by commas; a URL is a run of non-blanks whose trailing commas
 * are not its own (HTML's "parse a srcset attribute"). */
static void rewrite_srcset(struct scan *s, size_t v0, size_t v1, char q)
{
    const char *h = s->h;
    size_t i = v0;
    while (i < v1 && !s->nomem) {
        while (i < v1 && (is_space(h[i]) || h[i] == ','))
            i++;
        size_t u0 = i;
        while (i < v1 && !is_space(h[i]))
            i++;
        size_t u1 = i;
        while (u1 > u0 && h[u1 - 1] == ',')
            u1--;
        if (u1 > u0)
            rewrite_value(s, u0, u1, q);
        if (u1 < i) /* the URL ended with commas: no descriptor */
            continue;
        while (i < v1 && h[i] != ',') /* the descriptor */
            i++;
    }
}

/* The attributes of a start tag from h[j] (just past its name) to its
 * '>'; returns the index just past the tag. */
static size_t scan_attrs(struct scan *s, size_t j)
{
    const char *h = s->h;
    size_t n = s->n;
    while (j < n && h[j] != '>' && !s->nomem) {
        if (is_space(h[j]) || h[j] == '/') {
            j++;
            continue;
        }
        size_t an = j;
        j++; /* a name may start with '=' */
        while (j < n && !is_space(h[j]) && h[j] != '=' && h[j] != '>' && h[j] != '/')
            j++;
        size_t an_n = j - an;
        size_t k = j;
        while (k < n && is_space(h[k]))
            k++;
        if (k >= n || h[k] != '=')
            continue; /* no value */
        k++;
        while (k < n && is_space(h[k]))
            k++;
        char q = 0;
        size_t v0, v1;
        if (k < n && (h[k] == '"' || h[k] == '\'')) {
            q = h[k];
            v0 = k + 1;
            const char *e = memchr(h + v0, q, n - v0);
            v1 = e ? (size_t)(e - h) : n;
            j = v1 < n ? v1 + 1 : n;
        } else {
            v0 = k;
            v1 = v0;
            while (v1 < n && !is_space(h[v1]) && h[v1] != '>')
                v1++;
            j = v1;
        }
        if (WORD_IS(h, an, an_n, "href") || WORD_IS(h, an, an_n, "src"))
            rewrite_value(s, v0, v1, q);
        else if (WORD_IS(h, an, an_n, "srcset"))
            rewrite_srcset(s, v0, v1, q);
    }
    return j < n ? j + 1 : n;
}

/* Does h[i..) end an attribute name, case-insensitively, with w? */
static bool name_ends(const char *h, size_t i, const char *w, size_t m)
{
    if (i < m)
        return false;
    for (size_t k = 0; k < m; k++)
        if (fc_ascii_lower((unsigned char)h[i - m + k]) != w[k])
            return false;
    return true;
}

/* Is the URL at h[u] one the resolver keeps: empty, '#...' or with a
 * scheme?  q is the value's quote, 0 when unquoted. */
static bool kept_url(const char *h, size_t u, size_t n, char q)
{
    while (u < n && is_space(h[u]))
        u++;
    return u >= n || h[u] == q || h[u] == '#' || (!q && h[u] == '>') || has_scheme(h + u, n - u);
}

bool fc_html_urls_maybe_relative(const char *html)
{
    const char *h = html;
    size_t n = html ? strlen(html) : 0;
    /* every value the scanner rewrites follows an '=' after its name */
    for (const char *e = h ? memchr(h, '=', n) : NULL; e;
         e = memchr(e + 1, '=', n - (size_t)(e + 1 - h))) {
        size_t i = (size_t)(e - h);
        while (i > 0 && is_space(h[i - 1]))
            i--;
        /* the last letter first: most names end in another */
        char last = i ? (char)(h[i - 1] | 0x20) : 0;
        bool srcset = last == 't' && name_ends(h, i, "srcset", 6);
        if (!srcset && !(last == 'c' && name_ends(h, i, "src", 3)) &&
            !(last == 'f' && name_ends(h, i, "href", 4)))
            continue;
        size_t v = (size_t)(e - h) + 1;
        while (v < n && is_space(h[v]))
            v++;
        char q = v < n && (h[v] == '"' || h[v] == '\'') ? h[v++] : 0;
        if (!kept_url(h, v, n, q))
            return true;
        if (!srcset)
            continue;
        /* each candidate starts after a comma: look at every one */
        size_t end = v;
        while (end < n && (q ? h[end] != q : !is_space(h[end]) && h[end] != '>'))
            end++;
        for (const char *c = memchr(h + v, ',', end - v); c;
             c = memchr(c + 1, ',', end - (size_t)(c + 1 - h))) {
            size_t u = (size_t)(c - h) + 1;
            while (u < end && (is_space(h[u]) || h[u] == ','))
                u++;
            if (u < end && !kept_url(h, u, end, q))
                return true;
        }
    }
    return false;
}

static enum fc_status map(struct fc_arena *a, const char *html, fc_html_url_fn fn, void *ctx,
                          bool keep_absolute, const char **out, struct fc_error *err)
{
    *out = html;
    if (!html || !strchr(html, '<'))
        return FC_OK;
    struct scan s = {
        .a = a, .fn = fn, .ctx = ctx, .h = html, .n = strlen(html), .keep_absolute = keep_absolute};
    fc_buf_init(&s.out);
    fc_buf_init(&s.tmp);
    const char *h = html;
    size_t n = s.n, i = 0;
    while (i < n && !s.nomem) {
        if (h[i] != '<') {
            const char *lt = memchr(h + i, '<', n - i); /* text: to the next tag */
            i = lt ? (size_t)(lt - h) : n;
        } else if (n - i >= 4 && memcmp(h + i, "<!--", 4) == 0) {
            size_t e = find_ci(h, i + 4, n, "-->");
            i = e < n ? e + 3 : n;
        } else if (i + 1 < n && (h[i + 1] == '!' || h[i + 1] == '?' ||
                                 (h[i + 1] == '/' && i + 2 < n && is_alpha(h[i + 2])))) {
            /* bogus comment or end tag: nothing to rewrite up to '>' */
            const char *e = memchr(h + i, '>', n - i);
            i = e ? (size_t)(e - h) + 1 : n;
        } else if (i + 1 < n && is_alpha(h[i + 1])) {
            size_t name = i + 1, j = name;
            while (j < n && !is_space(h[j]) && h[j] != '/' && h[j] != '>')
                j++;
            const char *end = raw_text_end(h, name, j - name);
            i = scan_attrs(&s, j);
            if (end)
                i = find_ci(h, i, n, end);
        } else {
            i++;
        }
    }
    enum fc_status st = FC_OK;
    if (s.changed && !s.nomem) {
        fc_buf_add(&s.out, h + s.copied, n - s.copied);
        char *r = s.out.oom ? NULL : fc_strdup(a, s.out.data, s.out.len);
        if (r)
            *out = r;
        else
            s.nomem = true;
    }
    if (s.nomem)
        st = fc_nomem(err);
    fc_buf_free(&s.out);
    fc_buf_free(&s.tmp);
    return st;
}

enum fc_status fc_html_urls_map(struct fc_arena *a, const char *html, fc_html_url_fn fn, void *ctx,
                                const char **out, struct fc_error *err)
{
    return map(a, html, fn, ctx, false, out, err);
}

static const char *resolve(void *ctx, struct fc_arena *a, const char *url, bool *nomem)
{
    char *r = fc_url_resolve(a, ctx, url);
    *nomem = r == NULL;
    return r;
}

enum fc_status fc_html_urls_resolve(struct fc_arena *a, const char *base, const char *html,
                                    const char **out, struct fc_error *err)
{
    *out = html;
    if (!base || !fc_html_urls_maybe_relative(html))
        return FC_OK;
    /* fc_url_resolve returns a reference with a scheme as it is */
    return map(a, html, resolve, (void *)base, true, out, err);
}
