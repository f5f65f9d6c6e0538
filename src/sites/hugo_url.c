/*
 * hugo_url.c - where Hugo 0.111 publishes a page (site.h fc_hugo_url),
 * checked against the binary (tests/test_site_read.c):
 *
 *  - front matter `url`: the path itself, from the site's root (not the
 *    base URL's path), '/' added in front; a directory (trailing '/'
 *    added) unless it has a '.' and no trailing '/';
 *  - [permalinks] section = pattern (the page's top-level section; "/"
 *    for pages at the top): tokens :year :month :monthname :day :weekday
 *    :weekdayname :yearday :section :sections[slice] :title :slug
 *    :slugorfilename :filename and Go time layouts (:2006, :01); the
 *    expansion is query-unescaped ('+' and %XX) and sanitised again, and
 *    always a directory;
 *  - else the file's directory + (slug, urlized, '-' trimmed, or the file
 *    name; a bundle's index.md: its directory's name) + '/', the whole
 *    path sanitised (white space at a component's ends becomes '-');
 *  - uglyURLs: "/posts/a.html" instead of "/posts/a/";
 *  - a file name's language suffix (x.en.md) is dropped when it is the
 *    site's language.
 * Observed with hugo 0.111.3: "a - b" -> a-b, "a -- b" -> a--b, "q6
 * trail-" -> q6-trail-, "a ‿b" -> a-b, "a%20b" as a :title -> a-b.
 */
#include "sites/site.h"

#include <stdio.h>
#include <string.h>

static bool is_hex(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static int hex_val(unsigned char c)
{
    return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}

char *fc_hugo_sanitize(struct fc_arena *a, const struct fc_site *s, const char *str, size_t len)
{
    struct fc_buf b;
    fc_buf_init(&b);
    const unsigned char *p = (const unsigned char *)str;
    bool pending = false;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t k = fc_utf8_decode(p + i, len - i, &cp);
        if (k == 0 || k == (size_t)-1)
            cp = 0xFFFD, k = 1;
        if (s && s->remove_accents) {
            if (fc_site_is_accent_mark(cp)) {
                i += k;
                continue;
            }
            cp = fc_site_unaccent(cp);
        }
        bool keep = fc_site_is_word(cp) || (cp < 0x80 && strchr("./\\_#+~-@", (int)cp) && cp) ||
                    (cp == '%' && i + 2 < len && is_hex(p[i + 1]) && is_hex(p[i + 2]));
        if (keep) {
            if (pending && cp != '-' && b.len && b.data[b.len - 1] != '-')
                fc_buf_putc(&b, '-');
            pending = false;
            if (cp < 0x80)
                fc_buf_putc(&b, (char)cp);
            else
                fc_utf8_put(&b, cp);
        } else if (b.len && fc_site_is_space(cp)) {
            pending = true;
        }
        i += k;
    }
    char *out = NULL;
    if (!b.oom && !(s && s->keep_case)) {
        struct fc_buf low;
        fc_buf_init(&low);
        fc_site_lower_str(&low, b.data ? b.data : "", b.len);
        if (!low.oom)
            out = fc_strdup(a, fc_buf_cstr(&low), low.len);
        fc_buf_free(&low);
    } else if (!b.oom) {
        out = fc_strdup(a, fc_buf_cstr(&b), b.len);
    }
    fc_buf_free(&b);
    return out;
}

char *fc_hugo_urlize(struct fc_arena *a, const struct fc_site *s, const char *str)
{
    return fc_hugo_sanitize(a, s, str ? str : "", str ? strlen(str) : 0);
}

/* Go's url.QueryUnescape: '+' is a space, %XX a byte; on a bad escape Go
 * fails and Hugo keeps the text as it was. */
static void query_unescape(struct fc_buf *out, const char *s)
{
    size_t start = out->len;
    for (const char *p = s; *p; p++) {
        if (*p == '+') {
            fc_buf_putc(out, ' ');
        } else if (*p == '%') {
            if (!is_hex((unsigned char)p[1]) || !is_hex((unsigned char)p[2])) {
                out->len = start;
                fc_buf_puts(out, s);
                return;
            }
            fc_buf_putc(out,
                        (char)(hex_val((unsigned char)p[1]) * 16 + hex_val((unsigned char)p[2])));
            p += 2;
        } else {
            fc_buf_putc(out, *p);
        }
    }
}

/* ---- Go time layouts in permalinks -------------------------------------- */

static const char *const month_names[] = {"January",   "February", "March",    "April",
                                          "May",       "June",     "July",     "August",
                                          "September", "October",  "November", "December"};
static const char *const day_names[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                        "Thursday", "Friday", "Saturday"};

struct civil {
    int64_t year;
    int month, day, hour, minute, second, weekday, yearday;
};

/* The page's date; the zero time (0001-01-01, a Monday) when undated. */
static struct civil civil_of(const struct fc_time *t)
{
    struct civil c = {1, 1, 1, 0, 0, 0, 1, 1};
    if (t->precision == FC_TIME_NONE)
        return c;
    c.year = t->year;
    c.month = t->precision >= FC_TIME_MONTH ? t->month : 1;
    c.day = t->precision >= FC_TIME_DATE ? t->day : 1;
    if (t->precision >= FC_TIME_MINUTE)
        c.hour = t->hour, c.minute = t->minute;
    if (t->precision >= FC_TIME_SECOND)
        c.second = t->second;
    int64_t days = fc_days_from_civil(c.year, (unsigned)c.month, (unsigned)c.day);
    c.weekday = (int)(((days % 7) + 11) % 7);
    c.yearday = (int)(days - fc_days_from_civil(c.year, 1, 1)) + 1;
    return c;
}

/* Go's Time.Format for the layout elements a permalink token can hold
 * (letters, digits, '_'); true when the layout had one (else the token is
 * no time layout). */
static bool go_format(struct fc_buf *b, const char *layout, size_t n, const struct civil *c)
{
    static const struct {
        const char *e;
        int what;
    } elems[] = {
        {"January", 1}, {"Monday", 2}, {"2006", 3}, {"Jan", 4}, {"Mon", 5}, {"002", 6}, {"01", 7},
        {"02", 8},      {"_2", 9},     {"06", 10},  {"15", 11}, {"03", 12}, {"04", 13}, {"05", 14},
        {"1", 15},      {"2", 16},     {"3", 17},   {"4", 18},  {"5", 19},  {"PM", 20}, {"pm", 21},
    };
    bool any = false;
    for (size_t i = 0; i < n;) {
        size_t k = 0;
        int what = 0;
        for (size_t e = 0; e < sizeof elems / sizeof elems[0]; e++) {
            size_t el = strlen(elems[e].e);
            if (el <= n - i && memcmp(layout + i, elems[e].e, el) == 0) {
                k = el, what = elems[e].what;
                break;
            }
        }
        if (!what) {
            fc_buf_putc(b, layout[i++]);
            continue;
        }
        any = true;
        int h12 = c->hour % 12 ? c->hour % 12 : 12;
        switch (what) {
        case 1:
            fc_buf_puts(b, month_names[c->month - 1]);
            break;
        case 2:
            fc_buf_puts(b, day_names[c->weekday]);
            break;
        case 3:
            fc_buf_printf(b, "%04lld", (long long)c->year);
            break;
        case 4:
            fc_buf_printf(b, "%.3s", month_names[c->month - 1]);
            break;
        case 5:
            fc_buf_printf(b, "%.3s", day_names[c->weekday]);
            break;
        case 6:
            fc_buf_printf(b, "%03d", c->yearday);
            break;
        case 7:
            fc_buf_printf(b, "%02d", c->month);
            break;
        case 8:
            fc_buf_printf(b, "%02d", c->day);
            break;
        case 9:
            fc_buf_printf(b, "%2d", c->day);
            break;
        case 10:
            fc_buf_printf(b, "%02d", (int)(c->year % 100));
            break;
        case 11:
            fc_buf_printf(b, "%02d", c->hour);
            break;
        case 12:
            fc_buf_printf(b, "%02d", h12);
            break;
        case 13:
            fc_buf_printf(b, "%02d", c->minute);
            break;
        case 14:
            fc_buf_printf(b, "%02d", c->second);
            break;
        case 15:
            fc_buf_printf(b, "%d", c->month);
            break;
        case 16:
            fc_buf_printf(b, "%d", c->day);
            break;
        case 17:
            fc_buf_printf(b, "%d", h12);
            break;
        case 18:
            fc_buf_printf(b, "%d", c->minute);
            break;
        case 19:
            fc_buf_printf(b, "%d", c->second);
            break;
        case 20:
            fc_buf_puts(b, c->hour >= 12 ? "PM" : "AM");
            break;
        default:
            fc_buf_puts(b, c->hour >= 12 ? "pm" : "am");
            break;
        }
        i += k;
    }
    return any;
}

/* ---- the pieces of a page's path ----------------------------------------- */

/* The file's base name without extension and language suffix; a bundle's
 * index file: its directory's name.  *dir_len: the length of the
 * directory part of rel that holds the page (without the bundle's own). */
static void name_of(const struct fc_site *s, const char *rel, const char **name, size_t *len,
                    size_t *dir_len, bool *section)
{
    const char *slash = strrchr(rel, '/');
    const char *b = slash ? slash + 1 : rel;
    const char *dot = strchr(b, '.');
    size_t n = dot ? (size_t)(dot - b) : strlen(b);
    *section = n == 6 && !strncmp(b, "_index", 6);
    if (n == 5 && !strncmp(b, "index", 5) && slash) {
        const char *e = slash, *st = e;
        while (st > rel && st[-1] != '/')
            st--;
        *name = st, *len = (size_t)(e - st);
        *dir_len = st > rel ? (size_t)(st - rel - 1) : 0;
        return;
    }
    const char *ext = strrchr(b, '.');
    n = ext ? (size_t)(ext - b) : strlen(b);
    const char *lang = s && s->default_lang ? s->default_lang : "en";
    const char *ld = memchr(b, '.', n);
    if (ld && (size_t)(b + n - ld - 1) == strlen(lang) && !strncmp(ld + 1, lang, strlen(lang)))
        n = (size_t)(ld - b);
    *name = b, *len = n;
    *dir_len = slash ? (size_t)(slash - rel) : 0;
}

/* The :sections token with an optional slice: [0], [last], [1:], [:2]. */
static void sections_token(struct fc_buf *b, const char *secs, const char *slice, size_t sl)
{
    const char *parts[64];
    size_t lens[64], n = 0;
    for (const char *p = secs; *p && n < 64;) {
        const char *e = strchr(p, '/');
        size_t l = e ? (size_t)(e - p) : strlen(p);
        if (l)
            parts[n] = p, lens[n++] = l;
        p += l + (e != NULL);
    }
    size_t from = 0, to = n;
    if (sl >= 2) {
        char in[32];
        snprintf(in, sizeof in, "%.*s", (int)(sl - 2), slice + 1);
        int64_t v;
        const char *colon = strchr(in, ':');
        if (!strcmp(in, "last")) {
            from = n ? n - 1 : 0;
        } else if (!colon && fc_parse_int(in, 0, 63, &v)) {
            from = (size_t)v, to = (size_t)v + 1;
        } else if (colon) {
            *(char *)colon = '\0';
            if (*in && fc_parse_int(in, 0, 63, &v))
                from = (size_t)v;
            if (colon[1] && fc_parse_int(colon + 1, 0, 63, &v))
                to = (size_t)v;
        }
    }
    if (to > n)
        to = n;
    for (size_t i = from; i < to; i++) {
        if (i > from)
            fc_buf_putc(b, '/');
        fc_buf_add(b, parts[i], lens[i]);
    }
}

/* The permalink pattern for the page's section ("/" or " " at the top). */
static const char *pattern_for(const struct fc_site *s, const char *section)
{
    for (size_t i = 0; i < s->n_permalinks; i++) {
        const char *k = s->permalinks[i].key;
        if ((*section && !strcmp(k, section)) ||
            (!*section && (!strcmp(k, "/") || !strcmp(k, " "))))
            return s->permalinks[i].pattern;
    }
    return NULL;
}

/* The urlized slug, title or file name tokens. */
static void urlized(struct fc_buf *b, struct fc_arena *a, const struct fc_site *s, const char *v)
{
    char *u = fc_hugo_urlize(a, s, v);
    if (u)
        fc_buf_puts(b, u);
    else
        b->oom = true;
}

static void expand(struct fc_buf *b, struct fc_arena *a, const struct fc_site *s,
                   const struct fc_site_doc *d, const char *pattern, const char *name,
                   size_t name_len, bool section_page)
{
    struct civil c = civil_of(&d->date);
    const char *secs = d->sections ? d->sections : "";
    char fname[512];
    snprintf(fname, sizeof fname, "%.*s", section_page ? 0 : (int)name_len, name);
    for (const char *p = pattern; *p;) {
        if (*p != ':' || !(fc_ascii_alnum((unsigned char)p[1]) || p[1] == '_')) {
            fc_buf_putc(b, *p++);
            continue;
        }
        const char *t = ++p;
        while (fc_ascii_alnum((unsigned char)*p) || *p == '_')
            p++;
        size_t tl = (size_t)(p - t);
        const char *slice = NULL;
        size_t sl = 0;
        if (*p == '[' && strchr(p, ']')) {
            slice = p;
            p = strrchr(p, ']') + 1;
            sl = (size_t)(p - slice);
        }
#define TOK(s_) (tl == sizeof(s_) - 1 && !memcmp(t, s_, tl))
        if (TOK("year"))
            fc_buf_printf(b, "%lld", (long long)c.year);
        else if (TOK("month"))
            fc_buf_printf(b, "%02d", c.month);
        else if (TOK("monthname"))
            fc_buf_puts(b, month_names[c.month - 1]);
        else if (TOK("day"))
            fc_buf_printf(b, "%02d", c.day);
        else if (TOK("weekday"))
            fc_buf_printf(b, "%d", c.weekday);
        else if (TOK("weekdayname"))
            fc_buf_puts(b, day_names[c.weekday]);
        else if (TOK("yearday"))
            fc_buf_printf(b, "%d", c.yearday);
        else if (TOK("section"))
            fc_buf_add(b, secs, strcspn(secs, "/"));
        else if (TOK("sections"))
            sections_token(b, secs, slice, sl);
        else if (TOK("title"))
            urlized(b, a, s, d->title);
        else if (TOK("slug"))
            urlized(b, a, s, d->slug && *d->slug ? d->slug : d->title);
        else if (TOK("slugorfilename"))
            urlized(b, a, s, d->slug && *d->slug ? d->slug : fname);
        else if (TOK("filename"))
            urlized(b, a, s, fname);
        else if (!go_format(b, t, tl, &c))
            fc_buf_add(b, t - 1, tl + 1); /* Hugo refuses the site: kept as written */
#undef TOK
    }
}

/* The slug as Hugo uses it for the last element: urlized, '-' trimmed. */
static void slug_part(struct fc_buf *b, struct fc_arena *a, const struct fc_site *s,
                      const char *slug)
{
    char *u = fc_hugo_urlize(a, s, slug);
    if (!u) {
        b->oom = true;
        return;
    }
    size_t n = strlen(u);
    while (*u == '-')
        u++, n--;
    while (n && u[n - 1] == '-')
        n--;
    fc_buf_add(b, u, n);
}

char *fc_hugo_url(struct fc_arena *a, const struct fc_site *s, const struct fc_site_doc *d)
{
    struct fc_buf b;
    fc_buf_init(&b);
    const char *name;
    size_t name_len, dir_len;
    bool section_page;
    name_of(s, d->rel, &name, &name_len, &dir_len, &section_page);
    char *out = NULL;
    if (d->url && *d->url) {
        if (d->url[0] != '/')
            fc_buf_putc(&b, '/');
        fc_buf_puts(&b, d->url);
        if (b.data[b.len - 1] != '/' && !strchr(d->url, '.'))
            fc_buf_putc(&b, '/');
        goto done;
    }
    const char *secs = d->sections ? d->sections : "";
    char top[256];
    snprintf(top, sizeof top, "%.*s", (int)strcspn(secs, "/"), secs);
    const char *pattern = section_page ? NULL : pattern_for(s, top);
    struct fc_buf raw;
    fc_buf_init(&raw);
    if (pattern) {
        struct fc_buf ex, un;
        fc_buf_init(&ex);
        fc_buf_init(&un);
        expand(&ex, a, s, d, pattern, name, name_len, section_page);
        query_unescape(&un, fc_buf_cstr(&ex));
        /* an empty token leaves "//": Hugo's path cleaning squeezes it */
        fc_buf_putc(&raw, '/');
        for (size_t i = 0; i < un.len; i++)
            if (un.data[i] != '/' || raw.data[raw.len - 1] != '/')
                fc_buf_putc(&raw, un.data[i]);
        if (ex.oom || un.oom)
            raw.oom = true;
        fc_buf_free(&ex);
        fc_buf_free(&un);
    } else {
        fc_buf_putc(&raw, '/');
        if (dir_len) {
            fc_buf_add(&raw, d->rel, dir_len);
            fc_buf_putc(&raw, '/');
        }
        if (!section_page) {
            if (d->slug && *d->slug)
                slug_part(&raw, a, s, d->slug);
            else
                fc_buf_add(&raw, name, name_len);
        }
    }
    if (!raw.len || raw.data[raw.len - 1] != '/')
        fc_buf_putc(&raw, '/');
    char *san = raw.oom ? NULL : fc_hugo_sanitize(a, s, raw.data, raw.len);
    fc_buf_free(&raw);
    if (!san) {
        b.oom = true;
        goto done;
    }
    fc_buf_puts(&b, san);
    /* uglyURLs: the last directory becomes a file (the home stays "/") */
    if (s->ugly_urls && b.len > 1 && !pattern) {
        b.len--;
        fc_buf_puts(&b, ".html");
    }
done:
    if (!b.oom)
        out = fc_strdup(a, fc_buf_cstr(&b), b.len);
    fc_buf_free(&b);
    return out;
}
