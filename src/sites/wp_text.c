/*
 * wp_text.c - WordPress's small text rules: sanitize_title() (the slug a
 * title gets), rawurldecode() of slugs, entity decoding and escaping for
 * code, and PHP's unserialize() as far as WXR meta needs it.
 */
#include "sites/wp.h"

/* ---- sanitize_title ------------------------------------------------------ */

/* remove_accents(): Latin-1 Supplement and Latin Extended-A letters
 * (U+00C0..U+017F) to ASCII, by code point; "" for none. */
static const char *const latin[0x180 - 0xC0] = {
    /* C0 */ "A",  "A", "A",  "A",  "A", "A", "AE", "C",
    "E",           "E", "E",  "E",  "I", "I", "I",  "I",
    /* D0 */ "D",  "N", "O",  "O",  "O", "O", "O",  "",
    "O",           "U", "U",  "U",  "U", "Y", "TH", "s",
    /* E0 */ "a",  "a", "a",  "a",  "a", "a", "ae", "c",
    "e",           "e", "e",  "e",  "i", "i", "i",  "i",
    /* F0 */ "d",  "n", "o",  "o",  "o", "o", "o",  "",
    "o",           "u", "u",  "u",  "u", "y", "th", "y",
    /* 100 */ "A", "a", "A",  "a",  "A", "a", "C",  "c",
    "C",           "c", "C",  "c",  "C", "c", "D",  "d",
    /* 110 */ "D", "d", "E",  "e",  "E", "e", "E",  "e",
    "E",           "e", "E",  "e",  "G", "g", "G",  "g",
    /* 120 */ "G", "g", "G",  "g",  "H", "h", "H",  "h",
    "I",           "i", "I",  "i",  "I", "i", "I",  "i",
    /* 130 */ "I", "i", "IJ", "ij", "J", "j", "K",  "k",
    "k",           "L", "l",  "L",  "l", "L", "l",  "L",
    /* 140 */ "l", "L", "l",  "N",  "n", "N", "n",  "N",
    "n",           "n", "N",  "n",  "O", "o", "O",  "o",
    /* 150 */ "O", "o", "OE", "oe", "R", "r", "R",  "r",
    "R",           "r", "S",  "s",  "S", "s", "S",  "s",
    /* 160 */ "S", "s", "T",  "t",  "T", "t", "T",  "t",
    "U",           "u", "U",  "u",  "U", "u", "U",  "u",
    /* 170 */ "U", "u", "U",  "u",  "W", "w", "Y",  "y",
    "Y",           "Z", "z",  "Z",  "z", "Z", "z",  "s",
};

static bool slug_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == ' ' || c == '_' || c == '-';
}

char *fc_wp_sanitize_title(struct fc_arena *a, const char *title)
{
    struct fc_buf b;
    fc_buf_init(&b);
    const unsigned char *s = (const unsigned char *)(title ? title : "");
    size_t n = strlen((const char *)s);
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        if (s[i] == '<') { /* strip_tags */
            const char *gt = memchr(s + i, '>', n - i);
            i = gt ? (size_t)(gt - (const char *)s) + 1 : n;
            continue;
        }
        if (s[i] == '&') { /* '/&.+?;/': entities killed (&nbsp; &ndash; &mdash; are dashes) */
            const char *semi = memchr(s + i + 1, ';', n - i - 1);
            if (semi && (size_t)((const unsigned char *)semi - s) > i + 1) {
                size_t e = (size_t)((const unsigned char *)semi - s) + 1;
                static const char *const dashes[] = {"&nbsp;",  "&#160;",  "&ndash;",
                                                     "&#8211;", "&mdash;", "&#8212;"};
                for (size_t k = 0; k < 6; k++)
                    if (strlen(dashes[k]) == e - i && memcmp(s + i, dashes[k], e - i) == 0)
                        fc_buf_putc(&b, '-');
                i = e;
                continue;
            }
        }
        if (s[i] < 0x80) {
            unsigned char c = (unsigned char)fc_ascii_lower(s[i++]);
            if (c == '.' || c == '/')
                fc_buf_putc(&b, '-');
            else if (fc_ascii_space(c))
                fc_buf_putc(&b, ' ');
            else if (slug_byte(c))
                fc_buf_putc(&b, (char)c);
            continue;
        }
        size_t len = fc_utf8_decode(s + i, n - i, &cp);
        if (len == 0 || len == (size_t)-1) {
            i++;
            continue;
        }
        if (cp >= 0xC0 && cp < 0x180) {
            for (const char *r = latin[cp - 0xC0]; *r; r++)
                fc_buf_putc(&b, (char)fc_ascii_lower((unsigned char)*r));
        } else if (cp == 0xA0 || cp == 0x2013 || cp == 0x2014) {
            fc_buf_putc(&b, '-');
        } else if (cp == 0xD7) {
            fc_buf_putc(&b, 'x');
        } else if (cp >= 0x100 && !(cp >= 0x2000 && cp < 0x2070) && cp != 0xFEFF) {
            fc_buf_add(&b, s + i, len); /* kept (WordPress percent-encodes it) */
        }
        i += len;
    }
    /* '/\s+/' -> '-', '|-+|' -> '-', trim '-' */
    struct fc_buf o;
    fc_buf_init(&o);
    const char *t = fc_buf_cstr(&b);
    for (size_t i = 0; i < b.len; i++) {
        char c = t[i] == ' ' ? '-' : t[i];
        if (c == '-' && (o.len == 0 || o.data[o.len - 1] == '-'))
            continue;
        fc_buf_putc(&o, c);
    }
    while (o.len && o.data[o.len - 1] == '-')
        o.len--;
    char *r = b.oom || o.oom ? NULL : fc_strdup(a, o.len ? o.data : "", o.len);
    fc_buf_free(&b);
    fc_buf_free(&o);
    return r;
}

int fc_wp_hexval(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = (unsigned char)fc_ascii_lower(c);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

char *fc_wp_urldecode(struct fc_arena *a, const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s), o = 0;
    char *r = fc_alloc(a, n + 1);
    if (!r)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '%' && i + 2 < n && fc_wp_hexval((unsigned char)s[i + 1]) >= 0 &&
            fc_wp_hexval((unsigned char)s[i + 2]) >= 0) {
            r[o++] = (char)(fc_wp_hexval((unsigned char)s[i + 1]) * 16 +
                            fc_wp_hexval((unsigned char)s[i + 2]));
            i += 2;
        } else {
            r[o++] = s[i];
        }
    }
    r[o] = '\0';
    if (!fc_utf8_valid(r, o)) /* not UTF-8 once decoded: keep it as written */
        memcpy(r, s, n + 1);
    return r;
}

/* ---- media types ------------------------------------------------------------ */

const char *fc_wp_mime(const char *url)
{
    static const char *const map[][2] = {
        {"jpg", "image/jpeg"},      {"jpeg", "image/jpeg"},     {"jpe", "image/jpeg"},
        {"png", "image/png"},       {"gif", "image/gif"},       {"webp", "image/webp"},
        {"avif", "image/avif"},     {"svg", "image/svg+xml"},   {"bmp", "image/bmp"},
        {"tif", "image/tiff"},      {"tiff", "image/tiff"},     {"ico", "image/x-icon"},
        {"heic", "image/heic"},     {"mp3", "audio/mpeg"},      {"m4a", "audio/mp4"},
        {"ogg", "audio/ogg"},       {"oga", "audio/ogg"},       {"wav", "audio/wav"},
        {"flac", "audio/flac"},     {"wma", "audio/x-ms-wma"},  {"mp4", "video/mp4"},
        {"m4v", "video/mp4"},       {"webm", "video/webm"},     {"ogv", "video/ogg"},
        {"mov", "video/quicktime"}, {"flv", "video/x-flv"},     {"avi", "video/x-msvideo"},
        {"wmv", "video/x-ms-wmv"},  {"pdf", "application/pdf"}, {"zip", "application/zip"},
    };
    if (!url)
        return NULL;
    size_t n = strcspn(url, "?#");
    const char *dot = NULL;
    for (size_t i = 0; i < n; i++) {
        if (url[i] == '.')
            dot = url + i;
        else if (url[i] == '/')
            dot = NULL;
    }
    if (!dot)
        return NULL;
    size_t len = (size_t)(url + n - dot - 1);
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strlen(map[i][0]) == len && fc_strncasecmp(dot + 1, map[i][0], len) == 0)
            return map[i][1];
    return NULL;
}

/* ---- entities and escaping -------------------------------------------------- */

void fc_wp_decode_entities(struct fc_buf *out, const char *s, size_t n)
{
    static const struct {
        const char *name;
        const char *text;
    } named[] = {{"amp", "&"},
                 {"lt", "<"},
                 {"gt", ">"},
                 {"quot", "\""},
                 {"apos", "'"},
                 {"nbsp", "\xC2\xA0"},
                 {"hellip", "\xE2\x80\xA6"},
                 {"ndash", "\xE2\x80\x93"},
                 {"mdash", "\xE2\x80\x94"}};
    for (size_t i = 0; i < n;) {
        const char *semi = s[i] == '&' ? memchr(s + i, ';', n - i < 12 ? n - i : 12) : NULL;
        if (!semi) {
            fc_buf_putc(out, s[i++]);
            continue;
        }
        size_t e = (size_t)(semi - s), k = i + 1;
        bool done = false;
        if (k < e && s[k] == '#') {
            uint32_t v = 0;
            bool hex = k + 1 < e && (s[k + 1] == 'x' || s[k + 1] == 'X');
            size_t d = k + 1 + hex;
            for (; d < e && fc_wp_hexval((unsigned char)s[d]) >= 0 && (hex || s[d] <= '9'); d++)
                v = v * (hex ? 16 : 10) + (uint32_t)fc_wp_hexval((unsigned char)s[d]);
            if (d == e && d > k + 1 + hex && v > 0 && v <= 0x10FFFF) {
                fc_utf8_put(out, v);
                done = true;
            }
        } else {
            for (size_t q = 0; q < sizeof named / sizeof named[0] && !done; q++) {
                if (strlen(named[q].name) == e - k && memcmp(s + k, named[q].name, e - k) == 0) {
                    fc_buf_puts(out, named[q].text);
                    done = true;
                }
            }
        }
        if (!done) {
            fc_buf_putc(out, s[i++]);
            continue;
        }
        i = e + 1;
    }
}

void fc_wp_escape(struct fc_buf *out, const char *s, size_t n, bool attr)
{
    size_t done = 0;
    for (size_t i = 0; i < n; i++) {
        const char *r = s[i] == '&'           ? "&amp;"
                        : s[i] == '<'         ? "&lt;"
                        : s[i] == '>'         ? "&gt;"
                        : attr && s[i] == '"' ? "&quot;"
                                              : NULL;
        if (!r)
            continue;
        fc_buf_add(out, s + done, i - done);
        fc_buf_puts(out, r);
        done = i + 1;
    }
    fc_buf_add(out, s + done, n - done);
}

/* ---- PHP serialize() -------------------------------------------------------- */

#define PHP_MAX_DEPTH 32

static bool php_value(const char *s, size_t n, size_t i, struct fc_wp_php *v, size_t *end,
                      unsigned depth);

/* digits (with an optional sign) then `term` at s[i]: the end. */
static bool php_number(const char *s, size_t n, size_t i, char term, size_t *num, size_t *end)
{
    size_t j = i;
    if (j < n && (s[j] == '-' || s[j] == '+'))
        j++;
    size_t d = j;
    while (j < n && s[j] >= '0' && s[j] <= '9')
        j++;
    if (j == d || j >= n || s[j] != term)
        return false;
    size_t v = 0;
    for (size_t k = d; k < j && k < d + 15; k++)
        v = v * 10 + (size_t)(s[k] - '0');
    *num = v;
    *end = j + 1;
    return true;
}

/* s:LEN:"bytes"; (a wrong LEN: the first '";' after the quote). */
static bool php_string(const char *s, size_t n, size_t i, struct fc_wp_php *v, size_t *end)
{
    size_t len, j;
    if (!php_number(s, n, i, ':', &len, &j) || j >= n || s[j] != '"')
        return false;
    j++;
    size_t close = j + len;
    if (len > n || close + 1 >= n || s[close] != '"' || s[close + 1] != ';') {
        close = n;
        for (size_t k = j; k + 1 < n; k++)
            if (s[k] == '"' && s[k + 1] == ';') {
                close = k;
                break;
            }
        if (close == n)
            return false;
    }
    v->type = 's';
    v->start = j;
    v->len = close - j;
    *end = close + 2;
    return true;
}

/* a:COUNT:{key value ...}: the entries are checked (and skipped). */
static bool php_array(const char *s, size_t n, size_t i, struct fc_wp_php *v, size_t *end,
                      unsigned depth)
{
    size_t count, j;
    if (!php_number(s, n, i, ':', &count, &j) || j >= n || s[j] != '{')
        return false;
    j++;
    v->type = 'a';
    v->start = j;
    v->count = 0;
    while (j < n && s[j] != '}') {
        struct fc_wp_php k, x;
        if (!php_value(s, n, j, &k, &j, depth + 1) || (k.type != 's' && k.type != 'i') ||
            !php_value(s, n, j, &x, &j, depth + 1))
            return false;
        v->count++;
    }
    if (j >= n)
        return false;
    v->len = j - v->start;
    *end = j + 1;
    return true;
}

static bool php_value(const char *s, size_t n, size_t i, struct fc_wp_php *v, size_t *end,
                      unsigned depth)
{
    size_t num, j;
    memset(v, 0, sizeof *v);
    if (depth > PHP_MAX_DEPTH || i + 1 >= n)
        return false;
    char t = s[i];
    if (t == 'N' && s[i + 1] == ';') {
        v->type = 'N';
        *end = i + 2;
        return true;
    }
    if (s[i + 1] != ':')
        return false;
    switch (t) {
    case 'b':
    case 'i':
        if (!php_number(s, n, i + 2, ';', &num, &j))
            return false;
        v->type = t;
        v->start = i + 2;
        v->len = j - 1 - v->start;
        *end = j;
        return true;
    case 'd': {
        const char *semi = memchr(s + i + 2, ';', n - i - 2);
        if (!semi)
            return false;
        v->type = 'd';
        v->start = i + 2;
        v->len = (size_t)(semi - s) - v->start;
        *end = (size_t)(semi - s) + 1;
        return true;
    }
    case 's':
        return php_string(s, n, i + 2, v, end);
    case 'a':
        return php_array(s, n, i + 2, v, end, depth);
    default: /* objects (O:) and the rest: no WXR meta feedconv reads has them */
        return false;
    }
}

bool fc_wp_php_parse(const char *s, size_t n, size_t i, struct fc_wp_php *v, size_t *end)
{
    return php_value(s, n, i, v, end, 0);
}

bool fc_wp_php_each(const char *s, size_t n, const struct fc_wp_php *a, fc_wp_php_fn fn, void *ctx)
{
    if (a->type != 'a')
        return false;
    size_t j = a->start, stop = a->start + a->len;
    while (j < stop) {
        struct fc_wp_php k, x;
        if (!php_value(s, n, j, &k, &j, 1) || !php_value(s, n, j, &x, &j, 1))
            return false;
        fn(ctx, s, &k, &x);
    }
    return true;
}

struct php_find {
    const char *key;
    struct fc_wp_php found;
    bool ok;
};

static void php_find_fn(void *ctx, const char *s, const struct fc_wp_php *k,
                        const struct fc_wp_php *v)
{
    struct php_find *f = ctx;
    if (!f->ok && strlen(f->key) == k->len && memcmp(s + k->start, f->key, k->len) == 0) {
        f->found = *v;
        f->ok = true;
    }
}

bool fc_wp_php_find(const char *s, size_t n, const struct fc_wp_php *a, const char *key,
                    struct fc_wp_php *v)
{
    struct php_find f = {key, {0}, false};
    if (!fc_wp_php_each(s, n, a, php_find_fn, &f) || !f.ok)
        return false;
    *v = f.found;
    return true;
}

bool fc_wp_php_get(const char *s, size_t n, const char *const *keys, size_t nkeys,
                   struct fc_wp_php *v)
{
    size_t end;
    if (!fc_wp_php_parse(s, n, 0, v, &end))
        return false;
    for (size_t i = 0; i < nkeys; i++)
        if (!fc_wp_php_find(s, n, v, keys[i], v))
            return false;
    return true;
}
