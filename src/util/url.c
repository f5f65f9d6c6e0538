/*
 * url.c - RFC 3986 references: parts and resolution (url.h).
 */
#include "util/url.h"
#include "util/buf.h"

#include <stdbool.h>
#include <string.h>

/* The length of s's scheme, 0 when it has none. */
static size_t scheme_len(const char *s)
{
    /* scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":" */
    if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')))
        return 0;
    const char *q = s + 1;
    while ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') || (*q >= '0' && *q <= '9') ||
           *q == '+' || *q == '-' || *q == '.')
        q++;
    return *q == ':' ? (size_t)(q - s) : 0;
}

void fc_url_split(const char *s, struct fc_url_parts *u)
{
    memset(u, 0, sizeof *u);
    const char *p = s;
    size_t scheme_n = scheme_len(s);
    if (scheme_n) {
        u->scheme = p;
        u->scheme_n = scheme_n;
        p += scheme_n + 1;
    }
    if (p[0] == '/' && p[1] == '/') {
        p += 2;
        u->has_auth = true;
        u->auth = p;
        while (*p && *p != '/' && *p != '?' && *p != '#')
            p++;
        u->auth_n = (size_t)(p - u->auth);
    }
    u->path = p;
    while (*p && *p != '?' && *p != '#')
        p++;
    u->path_n = (size_t)(p - u->path);
    if (*p == '?') {
        u->has_query = true;
        u->query = ++p;
        while (*p && *p != '#')
            p++;
        u->query_n = (size_t)(p - u->query);
    }
    if (*p == '#') {
        u->has_frag = true;
        u->frag = p + 1;
        u->frag_n = strlen(p + 1);
    }
}

/* RFC 3986 5.2.4, on a path already in b from offset start. */
static void remove_dot_segments(struct fc_buf *b, size_t start)
{
    char *in = b->data + start;
    size_t n = b->len - start, o = 0, i = 0;
    while (i < n) {
        if (n - i >= 3 && memcmp(in + i, "../", 3) == 0) {
            i += 3;
        } else if (n - i >= 2 && memcmp(in + i, "./", 2) == 0) {
            i += 2;
        } else if ((n - i >= 3 && memcmp(in + i, "/./", 3) == 0)) {
            i += 2;
        } else if (n - i == 2 && memcmp(in + i, "/.", 2) == 0) {
            in[i + 1] = '/';
            i += 1;
        } else if ((n - i >= 4 && memcmp(in + i, "/../", 4) == 0) ||
                   (n - i == 3 && memcmp(in + i, "/..", 3) == 0)) {
            if (n - i == 3) {
                in[i + 2] = '/';
                i += 2;
            } else {
                i += 3;
            }
            while (o > 0 && in[o - 1] != '/')
                o--;
            if (o > 0)
                o--;
        } else if ((n - i == 1 && in[i] == '.') || (n - i == 2 && memcmp(in + i, "..", 2) == 0)) {
            i = n;
        } else {
            /* move the first segment, with its leading '/', to the output */
            size_t j = i + (in[i] == '/' ? 1 : 0);
            while (j < n && in[j] != '/')
                j++;
            memmove(in + o, in + i, j - i);
            o += j - i;
            i = j;
        }
    }
    b->len = start + o;
    b->data[b->len] = '\0';
}

char *fc_url_resolve(struct fc_arena *a, const char *base, const char *ref)
{
    if (!ref)
        return NULL;
    if (!base || !*base || scheme_len(ref)) /* most references are absolute */
        return fc_strdup(a, ref, (size_t)-1);
    struct fc_url_parts r, bu;
    fc_url_split(ref, &r);
    fc_url_split(base, &bu);
    if (!bu.scheme) /* a relative base cannot make anything absolute */
        return fc_strdup(a, ref, (size_t)-1);
    struct fc_buf b;
    fc_buf_init(&b);
    fc_buf_add(&b, bu.scheme, bu.scheme_n);
    fc_buf_putc(&b, ':');
    const char *query = r.query;
    size_t query_n = r.query_n;
    bool has_query = r.has_query;
    if (r.has_auth) {
        fc_buf_puts(&b, "//");
        fc_buf_add(&b, r.auth, r.auth_n);
        size_t start = b.len;
        fc_buf_add(&b, r.path, r.path_n);
        if (!b.oom)
            remove_dot_segments(&b, start);
    } else {
        if (bu.has_auth) {
            fc_buf_puts(&b, "//");
            fc_buf_add(&b, bu.auth, bu.auth_n);
        }
        size_t start = b.len;
        if (r.path_n == 0) {
            fc_buf_add(&b, bu.path, bu.path_n);
            if (!has_query) {
                query = bu.query, query_n = bu.query_n, has_query = bu.has_query;
            }
        } else {
            if (r.path[0] != '/') {
                /* merge: base path up to its last '/', then the reference */
                if (bu.has_auth && bu.path_n == 0) {
                    fc_buf_putc(&b, '/');
                } else {
                    size_t k = bu.path_n;
                    while (k > 0 && bu.path[k - 1] != '/')
                        k--;
                    fc_buf_add(&b, bu.path, k);
                }
            }
            fc_buf_add(&b, r.path, r.path_n);
            if (!b.oom)
                remove_dot_segments(&b, start);
        }
    }
    if (has_query) {
        fc_buf_putc(&b, '?');
        fc_buf_add(&b, query, query_n);
    }
    if (r.has_frag) {
        fc_buf_putc(&b, '#');
        fc_buf_add(&b, r.frag, r.frag_n);
    }
    char *s = b.oom ? NULL : fc_strdup(a, fc_buf_cstr(&b), b.len);
    fc_buf_free(&b);
    return s;
}

size_t fc_url_host(const char *url, const char **host)
{
    const char *p = url ? strstr(url, "://") : NULL;
    if (!p)
        return 0;
    *host = p + 3;
    return strcspn(*host, "/?#:");
}

bool fc_url_is_absolute(const char *s)
{
    return s && scheme_len(s) > 0;
}

bool fc_url_is_iri(const char *s)
{
    if (!fc_url_is_absolute(s))
        return false;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p <= 0x20 || *p == 0x7f || strchr("<>\"{}|\\^`", *p))
            return false;
    return true;
}

char *fc_url_site(struct fc_arena *a, const char *url)
{
    struct fc_url_parts u;
    if (!url)
        return NULL;
    fc_url_split(url, &u);
    if (!u.scheme || !u.has_auth || !u.auth_n)
        return NULL;
    size_t n = (size_t)(u.auth + u.auth_n - url);
    char *s = fc_alloc(a, n + 2);
    if (s) {
        memcpy(s, url, n);
        s[n] = '/';
    }
    return s;
}
