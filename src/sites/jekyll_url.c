/*
 * jekyll_url.c - where Jekyll 4.3 publishes a document (site.h
 * fc_jekyll_url; tests/test_site_read.c):
 *  - the template: front matter `permalink`, else the collection's (for
 *    posts the site's `permalink`, a style name resolved: date, pretty,
 *    ordinal, weekdate, none);
 *  - placeholders :name (lower case letters and '_'; ":month_" falls
 *    back to :month) from the document: dates in the site's zone, :title
 *    the slug slugified "pretty" keeping case, :slug slugified, :name the
 *    file's name slugified, :categories lower-cased and joined by '/',
 *    :output_ext ".html" for Markdown and HTML sources; each value
 *    escaped (URL.escape_path), the literal text not;
 *  - then "/" prepended, ".." made "/", "./" dropped, "//" squeezed.
 * post.id (jekyll-feed's <id>) is the URL's directory + the raw slug.
 */
#include "sites/site.h"

#include <stdio.h>
#include <string.h>

static bool keep_mode(uint32_t cp, int mode)
{
    if (mode == 0) /* raw: only white space goes */
        return !fc_site_is_space(cp);
    if (mode == 3) /* ascii */
        return cp < 0x80 && fc_ascii_alnum((unsigned char)cp);
    if (fc_site_is_word(cp))
        return true;
    return mode == 2 && cp < 0x80 && cp && strchr("._~!$&'()+,;=@", (int)cp);
}

char *fc_jekyll_slugify(struct fc_arena *a, const char *str, const char *mode, bool cased)
{
    int m;
    if (!mode || !strcmp(mode, "default"))
        m = 1;
    else if (!strcmp(mode, "raw"))
        m = 0;
    else if (!strcmp(mode, "pretty"))
        m = 2;
    else if (!strcmp(mode, "ascii"))
        m = 3;
    else if (!strcmp(mode, "latin"))
        m = 4;
    else
        m = -1;
    struct fc_buf b;
    fc_buf_init(&b);
    const unsigned char *p = (const unsigned char *)(str ? str : "");
    size_t n = strlen((const char *)p);
    if (m < 0) {
        fc_buf_add(&b, p, n);
    } else {
        bool dash = false;
        for (size_t i = 0; i < n;) {
            uint32_t cp;
            size_t k = fc_utf8_decode(p + i, n - i, &cp);
            if (k == 0 || k == (size_t)-1)
                cp = 0xFFFD, k = 1;
            if (m == 4)
                cp = fc_site_unaccent(cp);
            if (keep_mode(cp, m == 4 ? 3 : m)) {
                if (dash)
                    fc_buf_putc(&b, '-');
                dash = false;
                fc_buf_add(&b, p + i, m == 4 ? 0 : k);
                if (m == 4)
                    fc_buf_putc(&b, (char)cp);
            } else {
                dash = true;
            }
            i += k;
        }
        if (dash) /* one '-' at the end, which the trim takes again */
            fc_buf_putc(&b, '-');
    }
    /* gsub(/^-|-$/, ""): one '-' at each end */
    const char *s = fc_buf_cstr(&b);
    size_t len = b.len;
    if (m >= 0 && len && s[0] == '-')
        s++, len--;
    if (m >= 0 && len && s[len - 1] == '-')
        len--;
    char *out = NULL;
    if (!b.oom) {
        struct fc_buf low;
        fc_buf_init(&low);
        if (cased)
            fc_buf_add(&low, s, len);
        else
            fc_site_lower_str(&low, s, len);
        if (!low.oom)
            out = fc_strdup(a, fc_buf_cstr(&low), low.len);
        fc_buf_free(&low);
    }
    fc_buf_free(&b);
    return out;
}

void fc_jekyll_escape_path(struct fc_buf *b, const char *s)
{
    bool plain = *s != '\0';
    for (const char *p = s; *p && plain; p++)
        plain = fc_ascii_alnum((unsigned char)*p) || *p == '.' || *p == '/' || *p == '-';
    if (plain) {
        fc_buf_puts(b, s);
        return;
    }
    bool hash = false;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '#' && !hash) {
            hash = true;
            fc_buf_puts(b, "%23");
        } else if (*p < 0x80 && (fc_ascii_alnum(*p) || strchr("-._~!$&'()*+,;=:@/?#", *p))) {
            fc_buf_putc(b, (char)*p);
        } else {
            fc_buf_printf(b, "%%%02X", *p);
        }
    }
}

char *fc_jekyll_titleize(struct fc_arena *a, const char *slug)
{
    struct fc_buf b;
    fc_buf_init(&b);
    const unsigned char *p = (const unsigned char *)(slug ? slug : "");
    size_t n = strlen((const char *)p);
    bool start = true;
    for (size_t i = 0; i < n;) {
        if (p[i] == '-') {
            if (b.len)
                fc_buf_putc(&b, ' ');
            start = true;
            i++;
            continue;
        }
        uint32_t cp;
        size_t k = fc_utf8_decode(p + i, n - i, &cp);
        if (k == 0 || k == (size_t)-1)
            cp = p[i], k = 1;
        if (start && cp < 0x80)
            fc_buf_putc(&b, (char)(cp >= 'a' && cp <= 'z' ? cp - 32 : cp));
        else if (start)
            fc_buf_add(&b, p + i, k);
        else if (cp < 0x80)
            fc_buf_putc(&b, (char)fc_ascii_lower((int)cp));
        else
            fc_utf8_put(&b, fc_site_lower(cp));
        start = false;
        i += k;
    }
    char *out = b.oom ? NULL : fc_strdup(a, fc_buf_cstr(&b), b.len);
    fc_buf_free(&b);
    return out;
}

char *fc_jekyll_post_id(struct fc_arena *a, const char *url, const char *slug)
{
    /* File.dirname: trailing '/' ignored, "/" for a top-level name */
    size_t n = strlen(url);
    while (n > 1 && url[n - 1] == '/')
        n--;
    while (n > 0 && url[n - 1] != '/')
        n--;
    while (n > 1 && url[n - 1] == '/')
        n--;
    struct fc_buf b;
    fc_buf_init(&b);
    fc_buf_add(&b, url, n ? n : 1);
    if (!b.len || b.data[b.len - 1] != '/')
        fc_buf_putc(&b, '/');
    fc_buf_puts(&b, slug ? slug : "");
    char *out = b.oom ? NULL : fc_strdup(a, fc_buf_cstr(&b), b.len);
    fc_buf_free(&b);
    return out;
}

/* ---- the URL ------------------------------------------------------------------- */

static const char *const month_names[] = {"January",   "February", "March",    "April",
                                          "May",       "June",     "July",     "August",
                                          "September", "October",  "November", "December"};
static const char *const day_names[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                        "Thursday", "Friday", "Saturday"};

/* The value of placeholder key into v; false when Jekyll has none. */
static bool placeholder(struct fc_arena *a, const struct fc_site_doc *d, const char *key,
                        struct fc_buf *v)
{
    const struct fc_time *t = &d->date;
    int64_t days = fc_days_from_civil(t->year, (unsigned)(t->month ? t->month : 1),
                                      (unsigned)(t->day ? t->day : 1));
    int wd = (int)(((days % 7) + 11) % 7); /* 0 = Sunday */
    int yday = (int)(days - fc_days_from_civil(t->year, 1, 1)) + 1;
    /* ISO 8601 week: the Thursday of this week decides the year */
    int iso_wd = wd ? wd : 7;
    int64_t thursday = days - iso_wd + 4, ty;
    unsigned tm, td;
    fc_civil_from_days(thursday, &ty, &tm, &td);
    int week = (int)((thursday - fc_days_from_civil(ty, 1, 1)) / 7) + 1;
    const char *base = strrchr(d->rel, '/');
    base = base ? base + 1 : d->rel;
    const char *ext = strrchr(base, '.');
    if (!strcmp(key, "year"))
        fc_buf_printf(v, "%04d", t->year);
    else if (!strcmp(key, "month"))
        fc_buf_printf(v, "%02d", t->month);
    else if (!strcmp(key, "day"))
        fc_buf_printf(v, "%02d", t->day);
    else if (!strcmp(key, "short_year"))
        fc_buf_printf(v, "%02d", t->year % 100);
    else if (!strcmp(key, "i_month"))
        fc_buf_printf(v, "%d", t->month);
    else if (!strcmp(key, "i_day"))
        fc_buf_printf(v, "%d", t->day);
    else if (!strcmp(key, "short_month"))
        fc_buf_printf(v, "%.3s", month_names[(t->month ? t->month : 1) - 1]);
    else if (!strcmp(key, "long_month"))
        fc_buf_puts(v, month_names[(t->month ? t->month : 1) - 1]);
    else if (!strcmp(key, "hour"))
        fc_buf_printf(v, "%02d", t->hour);
    else if (!strcmp(key, "minute"))
        fc_buf_printf(v, "%02d", t->minute);
    else if (!strcmp(key, "second"))
        fc_buf_printf(v, "%02d", t->second);
    else if (!strcmp(key, "y_day"))
        fc_buf_printf(v, "%03d", yday);
    else if (!strcmp(key, "w_year"))
        fc_buf_printf(v, "%04lld", (long long)ty);
    else if (!strcmp(key, "week"))
        fc_buf_printf(v, "%02d", week);
    else if (!strcmp(key, "w_day"))
        fc_buf_printf(v, "%d", iso_wd);
    else if (!strcmp(key, "short_day"))
        fc_buf_printf(v, "%.3s", day_names[wd]);
    else if (!strcmp(key, "long_day"))
        fc_buf_puts(v, day_names[wd]);
    else if (!strcmp(key, "title") || !strcmp(key, "slug") || !strcmp(key, "name")) {
        char name[1024];
        snprintf(name, sizeof name, "%.*s", ext ? (int)(ext - base) : (int)strlen(base), base);
        bool title = !strcmp(key, "title");
        const char *src = !strcmp(key, "name") ? name : d->slug;
        char *sl = fc_jekyll_slugify(a, src, title ? "pretty" : NULL, title);
        if (!sl)
            v->oom = true;
        else
            fc_buf_puts(v, sl);
    } else if (!strcmp(key, "categories") || !strcmp(key, "slugified_categories")) {
        bool slugified = key[0] == 's';
        size_t start = v->len;
        for (size_t i = 0; i < d->n_categories; i++) {
            struct fc_buf c;
            fc_buf_init(&c);
            if (slugified) {
                char *sl = fc_jekyll_slugify(a, d->categories[i], NULL, false);
                fc_buf_puts(&c, sl ? sl : "");
            } else {
                fc_site_lower_str(&c, d->categories[i], strlen(d->categories[i]));
            }
            /* a Set: each once, in order */
            bool seen = false;
            const char *cs = fc_buf_cstr(&c);
            for (const char *p = v->data ? v->data + start : NULL; p && *p && !seen;) {
                size_t l = strcspn(p, "/");
                seen = l == c.len && !strncmp(p, cs, l);
                p += l + (p[l] == '/');
            }
            if (!seen && c.len) {
                if (v->len > start)
                    fc_buf_putc(v, '/');
                fc_buf_add(v, cs, c.len);
            }
            fc_buf_free(&c);
        }
    } else if (!strcmp(key, "output_ext")) {
        bool markup = !ext || !fc_strcasecmp(ext, ".md") || !fc_strcasecmp(ext, ".markdown") ||
                      !fc_strcasecmp(ext, ".mkd") || !fc_strcasecmp(ext, ".mkdn") ||
                      !fc_strcasecmp(ext, ".mkdown") || !fc_strcasecmp(ext, ".html") ||
                      !fc_strcasecmp(ext, ".htm");
        fc_buf_puts(v, markup ? ".html" : ext);
    } else if (!strcmp(key, "path")) {
        /* the path from the collection's folder (its first _posts out),
         * without the extension */
        const char *r = d->rel;
        const char *us = strstr(r, "_posts/");
        struct fc_buf pb;
        fc_buf_init(&pb);
        if (us) {
            fc_buf_add(&pb, r, (size_t)(us - r));
            fc_buf_puts(&pb, us + 7);
        } else {
            const char *sl = r[0] == '_' ? strchr(r, '/') : NULL;
            fc_buf_puts(&pb, sl ? sl + 1 : r);
        }
        const char *ps = fc_buf_cstr(&pb), *pe = strrchr(ps, '.');
        fc_buf_add(v, ps, pe && pe > strrchr(ps, '/') ? (size_t)(pe - ps) : pb.len);
        fc_buf_free(&pb);
    } else if (!strcmp(key, "collection")) {
        fc_buf_puts(v, d->collection ? d->collection : "posts");
    } else {
        return false;
    }
    return true;
}

/* Jekyll's sanitize_url: "/" first, ".." made "/", "./" dropped, runs of
 * '/' squeezed. */
static void sanitize(struct fc_buf *out, const char *s)
{
    struct fc_buf t;
    fc_buf_init(&t);
    fc_buf_putc(&t, '/');
    for (const char *p = s; *p; p++) {
        if (p[0] == '.' && p[1] == '.') {
            fc_buf_putc(&t, '/');
            p++;
        } else {
            fc_buf_putc(&t, *p);
        }
    }
    const char *q = fc_buf_cstr(&t);
    for (size_t i = 0; i < t.len; i++) {
        if (q[i] == '.' && q[i + 1] == '/') {
            i++;
            continue;
        }
        if (q[i] == '/' && out->len && out->data[out->len - 1] == '/')
            continue;
        fc_buf_putc(out, q[i]);
    }
    if (t.oom)
        out->oom = true;
    fc_buf_free(&t);
}

char *fc_jekyll_url(struct fc_arena *a, const struct fc_site *s, const struct fc_site_doc *d)
{
    const char *tmpl = d->url && *d->url ? d->url : s->permalink;
    if (!tmpl)
        tmpl = "/:categories/:year/:month/:day/:title:output_ext";
    struct fc_buf g, v;
    fc_buf_init(&g);
    fc_buf_init(&v);
    for (const char *p = tmpl; *p;) {
        if (*p != ':' || !((p[1] >= 'a' && p[1] <= 'z') || p[1] == '_')) {
            fc_buf_putc(&g, *p++);
            continue;
        }
        const char *k = ++p;
        while ((*p >= 'a' && *p <= 'z') || *p == '_')
            p++;
        char key[64];
        snprintf(key, sizeof key, "%.*s", (int)(p - k), k);
        fc_buf_reset(&v);
        bool found = placeholder(a, d, key, &v);
        size_t kl = strlen(key);
        if (!found && kl > 1 && key[kl - 1] == '_') { /* ":month_" is :month and "_" */
            key[kl - 1] = '\0';
            fc_buf_reset(&v);
            found = placeholder(a, d, key, &v);
            p--;
        }
        if (found)
            fc_jekyll_escape_path(&g, fc_buf_cstr(&v));
        else /* Jekyll refuses the template; kept as written */
            fc_buf_add(&g, k - 1, (size_t)(p - k) + 1);
    }
    struct fc_buf u;
    fc_buf_init(&u);
    sanitize(&u, fc_buf_cstr(&g));
    char *out = g.oom || v.oom || u.oom ? NULL : fc_strdup(a, fc_buf_cstr(&u), u.len);
    fc_buf_free(&g);
    fc_buf_free(&v);
    fc_buf_free(&u);
    return out;
}
