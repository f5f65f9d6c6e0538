/*
 * redirects.c - a written site's old addresses (see site_write.h): the
 * ones it serves itself as redirect pages (Hugo and Zola aliases, Jekyll
 * redirect_from, Eleventy pages of our own), or as the post's own URL
 * with --keep-urls; and the redirect map for the rest.
 *
 * Every generator writes an alias below its output root, which the site's
 * base URL points at: Hugo's "/old/f/" is public/old/f/index.html, served
 * at https://example.org/blog/old/f/ for a baseURL with the sub-path
 * /blog/, and Jekyll's redirect_from ignores baseurl the same way (see
 * the Hugo and Jekyll notes: an alias that repeats the sub-path is
 * published at /blog/blog/...).  So an old address on the site's own host
 * loses the sub-path, and one outside it cannot be served at all.
 *
 * What a static site cannot serve goes to the redirect map, two files
 * saying the same: `_redirects` (Netlify's format, also read by
 * Cloudflare Pages and others: "FROM [QUERY] TO 301!") published at the
 * site's root, and `nginx-redirects.conf`, an nginx map from
 * $host$request_uri to the new URL, kept beside the site (not published):
 *   - a query string (WordPress's "?p=11" and "?page_id=2"): a file name
 *     cannot hold one (Hugo and Jekyll write a literal "?" into it);
 *   - another host (a link blog's post URL on youtube.com): nothing in
 *     this site answers there; the map at least says where it went;
 *   - a path outside the site's sub-path, and the site's root itself
 *     (or its index.html): a redirect page there would be the home page;
 *   - a page the site publishes itself at its top (Hugo's /tags/).
 * Drafts get no map line: they are not published.
 */
#include "sites/site_write.h"
#include "syntax/json.h"

#include <stdlib.h>
#include <string.h>

/* The host of an absolute URL (after "://", up to '/', '?' or '#'). */
static void url_host(const char *u, const char **h, size_t *n)
{
    const char *s = strstr(u, "://");
    *h = s ? s + 3 : u;
    *n = strcspn(*h, "/?#");
}

static int hex(int c)
{
    return c >= '0' && c <= '9'   ? c - '0'
           : c >= 'a' && c <= 'f' ? c - 'a' + 10
           : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                  : -1;
}

/* A URL path as the file system names it: %XX decoded where that is a
 * plain byte of a valid UTF-8 name ("/caf%C3%A9/" -> "/café/"); the web
 * server decodes the request the same way before it looks for the file.
 * '/', '%', '?', '#', '\\' and control characters stay encoded, and so
 * does all of it when the result would not be valid UTF-8. */
static char *path_decode(struct fc_arena *a, const char *s, size_t n)
{
    char *d = fc_alloc(a, n + 1);
    if (!d)
        return NULL;
    size_t j = 0;
    for (size_t i = 0; i < n; i++) {
        int hi, lo;
        if (s[i] == '%' && i + 2 < n + 1 && (hi = hex(s[i + 1])) >= 0 &&
            (lo = hex(s[i + 2])) >= 0) {
            int c = hi * 16 + lo;
            if (c > 0x20 && c != 0x7f && !strchr("/%?#\\", c)) {
                d[j++] = (char)c;
                i += 2;
                continue;
            }
        }
        d[j++] = s[i];
    }
    d[j] = '\0';
    if (!fc_utf8_valid(d, j)) {
        memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}

const char *fc_sw_site_path(const struct fc_sw *w, struct fc_arena *a, const char *address,
                            const char **why)
{
    *why = NULL;
    const char *path = address;
    bool absolute = strstr(address, "://") != NULL;
    if (absolute) {
        const char *h, *oh;
        size_t hn, ohn;
        url_host(address, &h, &hn);
        if (w->origin) {
            url_host(w->origin, &oh, &ohn);
            if (hn != ohn || fc_strncasecmp(h, oh, hn) != 0) {
                *why = "host";
                return NULL;
            }
        }
        path = h + hn;
    }
    size_t n = strcspn(path, "#");
    if (memchr(path, '?', n)) {
        *why = "query";
        return NULL;
    }
    struct fc_buf b;
    fc_buf_init(&b);
    if (absolute) {
        /* below the sub-path: "/blog/x/" -> "/x/"; "/blog" is the root */
        size_t sl = strlen(w->sub_path);
        if (n + 1 == sl && memcmp(path, w->sub_path, n) == 0)
            n = 0;
        else if (n >= sl && memcmp(path, w->sub_path, sl) == 0)
            path += sl - 1, n -= sl - 1;
        else if (n) {
            *why = "outside";
            return NULL;
        }
    }
    if (!n || path[0] != '/')
        fc_buf_putc(&b, '/');
    fc_buf_add(&b, path, n);
    if (b.oom) {
        fc_buf_free(&b);
        return NULL;
    }
    /* the root and the file it is served from are the home page */
    bool root =
        !strcmp(b.data, "/") || !strcmp(b.data, "/index.html") || !strcmp(b.data, "/index.htm");
    const char *r = root ? NULL : path_decode(a, b.data, b.len);
    if (root)
        *why = "root";
    fc_buf_free(&b);
    return r;
}

static char *dup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

void fc_sw_map_add(struct fc_sw *w, struct fc_sticky *st, const char *from, const char *to)
{
    if (fc_strmap_get(&w->map_from, from))
        return; /* the first post that had the address keeps it */
    if (w->n_map == w->cap_map) {
        size_t nc = w->cap_map ? w->cap_map * 2 : 16;
        struct fc_sw_redirect *nm = realloc(w->map, nc * sizeof *nm);
        if (!nm) {
            fc_sticky_nomem(st);
            return;
        }
        w->map = nm;
        w->cap_map = nc;
    }
    char *f = dup(from), *t = dup(to);
    if (!f || !t || !fc_strmap_put(&w->map_from, f, f)) {
        free(f);
        free(t);
        fc_sticky_nomem(st);
        return;
    }
    w->map[w->n_map++] = (struct fc_sw_redirect){f, t};
}

/* The old address as the map's "from": on the site's host, the path and
 * query from the host's root; elsewhere the whole URL. */
static const char *map_from(const struct fc_sw *w, struct fc_arena *a, const char *address)
{
    size_t n = strcspn(address, "#");
    if (!strstr(address, "://")) { /* a path from the site's root */
        struct fc_buf b;
        fc_buf_init(&b);
        size_t sl = strlen(w->sub_path);
        fc_buf_add(&b, w->sub_path, sl - 1);
        if (address[0] != '/')
            fc_buf_putc(&b, '/');
        fc_buf_add(&b, address, n);
        char *r = b.oom ? NULL : fc_strdup(a, b.data, b.len);
        fc_buf_free(&b);
        return r;
    }
    const char *h, *oh;
    size_t hn, ohn;
    url_host(address, &h, &hn);
    if (w->origin) {
        url_host(w->origin, &oh, &ohn);
        if (hn == ohn && fc_strncasecmp(h, oh, hn) == 0)
            return fc_strdup(a, h + hn, n - (size_t)(h + hn - address));
    }
    return fc_strdup(a, address, n);
}

struct addrs {
    struct fc_sw_post *sp;
    bool keep;
    size_t cap;
};

static bool seen(const struct fc_sw_post *sp, const char *path)
{
    if (sp->url_path && strcmp(sp->url_path, path) == 0)
        return true;
    for (size_t i = 0; i < sp->n_aliases; i++)
        if (strcmp(sp->aliases[i], path) == 0)
            return true;
    return false;
}

/* Is path a page of the site's own at its top (Hugo's /tags/, a section's
 * list)?  The generator publishes its own page there, not a redirect. */
static bool own_page(const struct fc_sw *w, const char *path)
{
    for (size_t i = 0; w->gen->reserved && w->gen->reserved[i]; i++) {
        const char *r = w->gen->reserved[i];
        size_t n = strlen(r);
        if (path[0] == '/' && strncmp(path + 1, r, n) == 0 &&
            (!path[n + 1] || !strcmp(path + n + 1, "/") || !strcmp(path + n + 1, "/index.html")))
            return true;
    }
    return false;
}

/* The old address as a line of the redirect map (drafts get none). */
static void map_line(struct fc_sw_post *sp, const char *address)
{
    if (sp->draft || !sp->url_path)
        return;
    const char *from = map_from(sp->w, sp->a, address);
    const char *to = fc_sw_abs_url(sp->w, sp->a, sp->url_path);
    if (!from || !to)
        fc_sticky_nomem(sp->st);
    else
        fc_sw_map_add(sp->w, sp->st, from, to);
}

static void one_address(struct addrs *ad, const char *address)
{
    struct fc_sw_post *sp = ad->sp;
    if (!address || !*address || address[0] == '#')
        return;
    const char *why;
    const char *path = fc_sw_site_path(sp->w, sp->a, address, &why);
    if (!path && !why) {
        fc_sticky_nomem(sp->st);
        return;
    }
    if (!path) {
        map_line(sp, address);
        return;
    }
    if (seen(sp, path))
        return;
    if (own_page(sp->w, path)) {
        map_line(sp, address);
        return;
    }
    if (ad->keep && !sp->keep_url) {
        sp->url_path = path;
        sp->keep_url = true;
        return;
    }
    if (sp->n_aliases == ad->cap) {
        size_t nc = ad->cap ? ad->cap * 2 : 4;
        const char **na = fc_alloc(sp->a, nc * sizeof *na);
        if (!na) {
            fc_sticky_nomem(sp->st);
            return;
        }
        if (sp->n_aliases)
            memcpy(na, sp->aliases, sp->n_aliases * sizeof *na);
        sp->aliases = na;
        ad->cap = nc;
    }
    sp->aliases[sp->n_aliases++] = path;
}

void fc_sw_addresses(struct fc_sw_post *sp, bool keep_url)
{
    struct addrs ad = {sp, keep_url, 0};
    one_address(&ad, sp->p->url);
    for (const struct fc_alias *al = sp->p->aliases.first; al; al = al->next)
        one_address(&ad, al->url);
    /* aliases / redirect_from read from a site: paths from its root */
    for (const struct fc_ext *e = sp->p->exts.first; e && fc_sticky_ok(sp->st); e = e->next) {
        if (e->kind != FC_EXT_JSON || !e->origin || strcmp(e->origin, FC_MD_ORIGIN) || !e->name ||
            (strcmp(e->name, "aliases") && strcmp(e->name, "redirect_from")) || !e->value)
            continue;
        json_error_t je;
        bool nomem = false;
        json_t *v = fc_json_load(e->value, strlen(e->value), JSON_DECODE_ANY, &je, &nomem);
        if (nomem)
            fc_sticky_nomem(sp->st);
        if (json_is_string(v))
            one_address(&ad, json_string_value(v));
        size_t i;
        json_t *x;
        json_array_foreach(v, i, x)
        {
            if (json_is_string(x))
                one_address(&ad, json_string_value(x));
        }
        json_decref(v);
    }
}

/* ---- the map files -------------------------------------------------------- */

/* A URL in a map line: bytes that would end or break the token (space,
 * quotes, '\\', control characters) percent-encoded. */
static void put_token(struct fc_buf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c <= 0x20 || c == 0x7f || c == '"' || c == '\'' || c == '\\' || c == ';' || c == '{' ||
            c == '}')
            fc_buf_printf(b, "%%%02X", c);
        else
            fc_buf_putc(b, (char)c);
    }
}

/* A map file written as it is made, 64 KB at a time: the map of a large
 * export is tens of MB of text, which would otherwise be held whole. */
struct map_file {
    struct fc_sticky *st;
    struct fc_out_file *f;
    struct fc_buf b;
};

static void mf_flush(struct map_file *m)
{
    if (m->b.oom)
        fc_sticky_nomem(m->st);
    if (m->f && fc_sticky_ok(m->st) && m->b.len)
        fc_sticky_set(m->st, fc_out_file_write(m->f, m->b.data, m->b.len, m->st->err));
    fc_buf_reset(&m->b);
}

static void mf_line_done(struct map_file *m)
{
    if (m->b.len >= 64 * 1024 || m->b.oom)
        mf_flush(m);
}

/* The two files' lines for map entry i. */
static void netlify_line(struct fc_buf *b, const struct fc_sw *w, size_t i)
{
    const char *from = w->map[i].from, *q = strchr(from, '?');
    size_t pn = q ? (size_t)(q - from) : strlen(from);
    put_token(b, from, pn);
    if (q && q[1]) { /* Netlify matches the query's parameters, one token each */
        for (const char *p = q + 1; *p;) {
            size_t k = strcspn(p, "&");
            fc_buf_putc(b, ' ');
            put_token(b, p, k);
            p += k + (p[k] == '&');
        }
    }
    fc_buf_putc(b, ' ');
    put_token(b, w->map[i].to, strlen(w->map[i].to));
    fc_buf_puts(b, " 301!\n");
}

static void nginx_line(struct fc_buf *b, const struct fc_sw *w, size_t i, const char *host,
                       size_t hn)
{
    const char *from = w->map[i].from;
    fc_buf_puts(b, "    \"");
    if (from[0] == '/') /* on the site's own host */
        put_token(b, host ? host : "", hn);
    else /* another host: host and path, without the scheme */
        from = strstr(from, "://") ? strstr(from, "://") + 3 : from;
    put_token(b, from, strlen(from));
    fc_buf_puts(b, "\" \"");
    put_token(b, w->map[i].to, strlen(w->map[i].to));
    fc_buf_puts(b, "\";\n");
}

/* File rel: head, a line per entry, tail; committed whole or not at all. */
static void map_file_write(struct fc_sw *w, struct fc_sticky *st, const char *rel, bool nginx)
{
    if (!fc_sticky_ok(st))
        return;
    struct map_file m = {st, NULL, {0}};
    if (fc_sticky_set(st, fc_out_file_open(w->base.out, rel, &m.f, st->err)))
        return;
    const char *host = NULL;
    size_t hn = 0;
    if (nginx && w->origin)
        url_host(w->origin, &host, &hn);
    fc_buf_puts(&m.b, nginx ? "# Old addresses of the posts that a static site cannot serve as "
                              "pages\n"
                              "# (written by feedconv).  In the http block:\n"
                              "#     include nginx-redirects.conf;\n"
                              "# and in the site's server block:\n"
                              "#     if ($feedconv_redirect) { return 301 $feedconv_redirect; }\n"
                              "map $host$request_uri $feedconv_redirect {\n"
                              "    default \"\";\n"
                            : "# Old addresses of the posts that a static site cannot serve as "
                              "pages\n"
                              "# (written by feedconv; nginx-redirects.conf says the same for "
                              "nginx).\n");
    for (size_t i = 0; i < w->n_map && fc_sticky_ok(st); i++) {
        if (nginx)
            nginx_line(&m.b, w, i, host, hn);
        else
            netlify_line(&m.b, w, i);
        mf_line_done(&m);
    }
    if (nginx)
        fc_buf_puts(&m.b, "}\n");
    mf_flush(&m);
    if (fc_sticky_ok(st))
        fc_sticky_set(st, fc_out_file_commit(m.f, st->err));
    fc_out_file_close(m.f);
    fc_buf_free(&m.b);
}

void fc_sw_map_write(struct fc_sw *w, struct fc_sticky *st, const char *publish_dir)
{
    if (!w->n_map)
        return;
    struct fc_buf rel;
    fc_buf_init(&rel);
    fc_buf_printf(&rel, "%s_redirects", publish_dir);
    if (rel.oom)
        fc_sticky_nomem(st);
    map_file_write(w, st, fc_buf_cstr(&rel), false);
    map_file_write(w, st, "nginx-redirects.conf", true);
    if (fc_sticky_ok(st))
        fc_sticky_warn(st, 0, 0,
                       "%zu old address%s of posts cannot be served by a static site (a query "
                       "string, another host, a path outside the site or one its own pages "
                       "take): listed in %s and nginx-redirects.conf",
                       w->n_map, w->n_map == 1 ? "" : "es", fc_buf_cstr(&rel));
    fc_buf_free(&rel);
}

void fc_sw_redirect_page(struct fc_buf *out, const char *url)
{
    struct fc_buf e;
    fc_buf_init(&e);
    fc_xml_escape(&e, url, strlen(url), true);
    const char *u = fc_buf_cstr(&e);
    fc_buf_printf(out,
                  "<!DOCTYPE html>\n<html>\n  <head>\n    <title>%s</title>\n"
                  "    <link rel=\"canonical\" href=\"%s\">\n"
                  "    <meta name=\"robots\" content=\"noindex\">\n"
                  "    <meta charset=\"utf-8\">\n"
                  "    <meta http-equiv=\"refresh\" content=\"0; url=%s\">\n  </head>\n</html>\n",
                  u, u, u);
    if (e.oom)
        out->oom = true;
    fc_buf_free(&e);
}
