/*
 * text.c - byte buffers, UTF-8, escaping, HTML to text, slugs and URL
 * resolution.  Locale-free: only ASCII classes are used.
 */
#include "internal.h"
#include "util/scan.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- fc_buf --------------------------------------------------------- */

void fc_buf_init(struct fc_buf *b)
{
    b->data = NULL;
    b->len = b->cap = 0;
    b->oom = false;
}

void fc_buf_free(struct fc_buf *b)
{
    free(b->data);
    fc_buf_init(b);
}

void fc_buf_reset(struct fc_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

bool fc_buf_reserve(struct fc_buf *b, size_t extra)
{
    if (b->oom)
        return false;
    if (extra >= SIZE_MAX - b->len) {
        b->oom = true;
        return false;
    }
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return true;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    char *p = realloc(b->data, cap);
    if (!p) {
        b->oom = true;
        return false;
    }
    b->data = p;
    b->cap = cap;
    return true;
}

void fc_buf_add_slow(struct fc_buf *b, const void *p, size_t n)
{
    if (!fc_buf_reserve(b, n))
        return;
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void fc_buf_puts(struct fc_buf *b, const char *s)
{
    fc_buf_add(b, s, strlen(s));
}

void fc_buf_printf(struct fc_buf *b, const char *fmt, ...)
{
    va_list ap;
    char small[256];
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->oom = true;
        return;
    }
    if ((size_t)n < sizeof small) {
        fc_buf_add(b, small, (size_t)n);
        return;
    }
    if (!fc_buf_reserve(b, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

const char *fc_buf_cstr(struct fc_buf *b)
{
    return b->data && !b->oom ? b->data : "";
}

/* ---- UTF-8 ---------------------------------------------------------- */

size_t fc_utf8_decode(const unsigned char *p, size_t n, uint32_t *cp)
{
    unsigned char c = p[0];
    size_t len;
    uint32_t min, v;
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF)
        len = 2, min = 0x80, v = c & 0x1F;
    else if (c >= 0xE0 && c <= 0xEF)
        len = 3, min = 0x800, v = c & 0x0F;
    else if (c >= 0xF0 && c <= 0xF4)
        len = 4, min = 0x10000, v = c & 0x07;
    else
        return 0;
    for (size_t i = 1; i < len; i++) {
        if (i >= n)
            return (size_t)-1;
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (p[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return len;
}

size_t fc_utf8_valid_prefix(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        if (p[i] < 0x80) {
            i = fc_scan_ascii(p, i, n);
            continue;
        }
        uint32_t cp;
        size_t l = fc_utf8_decode(p + i, n - i, &cp);
        if (!l || l == (size_t)-1)
            break;
        i += l;
    }
    return i;
}

bool fc_utf8_valid(const char *s, size_t n)
{
    return fc_utf8_valid_prefix(s, n) == n;
}

void fc_utf8_put(struct fc_buf *b, uint32_t cp)
{
    char o[4];
    size_t n;
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = 0xFFFD;
    if (cp < 0x80) {
        o[0] = (char)cp, n = 1;
    } else if (cp < 0x800) {
        o[0] = (char)(0xC0 | (cp >> 6)), o[1] = (char)(0x80 | (cp & 0x3F)), n = 2;
    } else if (cp < 0x10000) {
        o[0] = (char)(0xE0 | (cp >> 12)), o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F)), n = 3;
    } else {
        o[0] = (char)(0xF0 | (cp >> 18)), o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        o[2] = (char)(0x80 | ((cp >> 6) & 0x3F)), o[3] = (char)(0x80 | (cp & 0x3F)), n = 4;
    }
    fc_buf_add(b, o, n);
}

size_t fc_utf8_repair(struct fc_buf *b, const char *s, size_t n)
{
    size_t bad = 0, i = 0;
    while (i < n) {
        size_t ok = fc_utf8_valid_prefix(s + i, n - i);
        fc_buf_add(b, s + i, ok);
        i += ok;
        if (i < n) {
            fc_utf8_put(b, 0xFFFD);
            bad++;
            i++;
        }
    }
    return bad;
}

/* ---- escaping --------------------------------------------------------- */

/* Bytes that need work in XML text: 1 always, 2 only in attributes. */
static const unsigned char xml_special[256] = {
    [0x00] = 1, [0x01] = 1, [0x02] = 1, [0x03] = 1, [0x04] = 1, [0x05] = 1, [0x06] = 1, [0x07] = 1,
    [0x08] = 1, [0x09] = 2, [0x0A] = 2, [0x0B] = 1, [0x0C] = 1, [0x0D] = 1, [0x0E] = 1, [0x0F] = 1,
    [0x10] = 1, [0x11] = 1, [0x12] = 1, [0x13] = 1, [0x14] = 1, [0x15] = 1, [0x16] = 1, [0x17] = 1,
    [0x18] = 1, [0x19] = 1, [0x1A] = 1, [0x1B] = 1, [0x1C] = 1, [0x1D] = 1, [0x1E] = 1, [0x1F] = 1,
    ['"'] = 2,  ['&'] = 1,  ['<'] = 1,  ['>'] = 1,
};

void fc_xml_escape(struct fc_buf *b, const char *s, size_t n, bool attr)
{
    const unsigned char *p = (const unsigned char *)s;
    const unsigned char limit = attr ? 2 : 1;
    size_t run = 0; /* copy unescaped runs in one go */
    if (!fc_buf_reserve(b, n + n / 8))
        return;
    for (size_t i = 0; i < n; i++) {
        if (!attr && (i = fc_scan(p, i, n, 0, '&', '<', '>')) == n)
            break;
        unsigned char k = xml_special[p[i]];
        if (!k || k > limit)
            continue;
        static const char *const reps[] = {"&amp;", "&lt;", "&gt;",  "&quot;",
                                           "&#10;", "&#9;", "&#13;", ""};
        static const unsigned char lens[] = {5, 4, 4, 6, 5, 4, 5, 0};
        int r;
        switch (p[i]) {
        case '&':
            r = 0;
            break;
        case '<':
            r = 1;
            break;
        case '>':
            r = 2;
            break;
        case '"':
            r = 3;
            break;
        case '\n':
            r = 4; /* attributes only: else a reader folds it to a space */
            break;
        case '\t':
            r = 5;
            break;
        case '\r':
            r = 6; /* else a reader folds it into a newline */
            break;
        default:
            r = 7; /* not allowed in XML 1.0 */
            break;
        }
        fc_buf_add(b, s + run, i - run);
        fc_buf_add(b, reps[r], lens[r]);
        run = i + 1;
    }
    fc_buf_add(b, s + run, n - run);
}

/* ---- HTML to text ----------------------------------------------------- */

static bool is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static bool is_block_n(const char *name, size_t n)
{
    static const char *const blocks[] = {"p",   "div",   "br", "li", "ul", "ol", "h1",
                                         "h2",  "h3",    "h4", "h5", "h6", "tr", "blockquote",
                                         "pre", "table", "hr", "dd", "dt", NULL};
    for (size_t i = 0; blocks[i]; i++)
        if (strlen(blocks[i]) == n && fc_strncasecmp(name, blocks[i], n) == 0)
            return true;
    return false;
}

static bool is_block(const char *name)
{
    return is_block_n(name, strlen(name));
}

static void text_walk(struct fc_buf *b, xmlNode *n, unsigned depth)
{
    if (depth > 512) /* the HTML parser caps depth too; stay total anyway */
        return;
    for (; n; n = n->next) {
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            if (n->content)
                fc_buf_puts(b, (const char *)n->content);
        } else if (n->type == XML_ELEMENT_NODE) {
            const char *name = (const char *)n->name;
            if (fc_strcasecmp(name, "script") == 0 || fc_strcasecmp(name, "style") == 0)
                continue;
            bool block = is_block(name);
            if (block)
                fc_buf_putc(b, ' ');
            text_walk(b, n->children, depth + 1);
            if (block)
                fc_buf_putc(b, ' ');
        }
    }
}

/* Folds runs of white space into one space and trims. */
static char *fold_space(struct fc_arena *a, const char *s, size_t n)
{
    char *out = fc_alloc(a, n + 1);
    if (!out)
        return NULL;
    size_t o = 0;
    bool space = false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        /* U+00A0 (no-break space) folds too: it comes from &nbsp;. */
        if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0) {
            space = o > 0;
            i++;
            continue;
        }
        if (is_space(c)) {
            space = o > 0;
            continue;
        }
        if (space)
            out[o++] = ' ';
        space = false;
        out[o++] = (char)c;
    }
    out[o] = '\0';
    return out;
}

static bool is_alpha(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_alnum(unsigned char c)
{
    return is_alpha(c) || (c >= '0' && c <= '9');
}

/* A character reference at s[i] ('&'), decoded into b; the length used,
 * 0 when it is not one the quick path is sure of. */
static size_t quick_ref(struct fc_buf *b, const unsigned char *p, size_t i, size_t n)
{
    size_t k = i + 1;
    if (k < n && p[k] == '#') {
        bool hex = k + 1 < n && (p[k + 1] == 'x' || p[k + 1] == 'X');
        k += hex ? 2 : 1;
        uint32_t v = 0;
        size_t d = k;
        for (; k < n && k - d < 7; k++) {
            unsigned c = p[k], x;
            if (c >= '0' && c <= '9')
                x = c - '0';
            else if (hex && ((c | 0x20) >= 'a' && (c | 0x20) <= 'f'))
                x = (c | 0x20) - 'a' + 10;
            else
                break;
            v = v * (hex ? 16 : 10) + x;
        }
        if (k == d || k >= n || p[k] != ';')
            return 0;
        /* what the HTML parser passes through unchanged */
        if (!(v == 0x9 || v == 0xA || v == 0xD || (v >= 0x20 && v <= 0xD7FF) ||
              (v >= 0xE000 && v <= 0xFFFD) || (v >= 0x10000 && v <= 0x10FFFF)))
            return 0;
        fc_utf8_put(b, v);
        return k + 1 - i;
    }
    if (k >= n || !is_alpha(p[k])) /* "& " is a literal ampersand */
        return k < n && p[k] != '_' && p[k] != ':' && p[k] < 0x80 ? (fc_buf_putc(b, '&'), 1) : 0;
    char name[32];
    size_t m = 0;
    for (; k < n && is_alnum(p[k]); k++) {
        if (m + 1 >= sizeof name)
            return 0;
        name[m++] = (char)p[k];
    }
    if (k >= n || p[k] != ';')
        return 0;
    name[m] = '\0';
    const htmlEntityDesc *e = htmlEntityLookup((const xmlChar *)name);
    if (!e)
        return 0;
    fc_utf8_put(b, e->value);
    return k + 1 - i;
}

/* What the quick path knows of an element. */
enum qkind {
    Q_OTHER,   /* unknown: ask the parser */
    Q_INLINE,  /* phrasing content inside */
    Q_VOID,    /* br, img, wbr: no content, no end tag */
    Q_HR,      /* a block with no content */
    Q_TEXTBLK, /* p, h1-h6, pre: a block of phrasing content */
    Q_FLOW,    /* div, blockquote: blocks or phrasing inside */
    Q_LIST,    /* ul, ol: li only */
    Q_LI,      /* li: blocks or phrasing inside */
};

static enum qkind qkind(const char *name, size_t n)
{
    static const struct {
        const char *name;
        enum qkind kind;
    } tab[] = {
        {"a", Q_INLINE},        {"abbr", Q_INLINE},  {"b", Q_INLINE},    {"big", Q_INLINE},
        {"cite", Q_INLINE},     {"code", Q_INLINE},  {"del", Q_INLINE},  {"dfn", Q_INLINE},
        {"em", Q_INLINE},       {"font", Q_INLINE},  {"i", Q_INLINE},    {"ins", Q_INLINE},
        {"kbd", Q_INLINE},      {"mark", Q_INLINE},  {"q", Q_INLINE},    {"s", Q_INLINE},
        {"samp", Q_INLINE},     {"small", Q_INLINE}, {"span", Q_INLINE}, {"strike", Q_INLINE},
        {"strong", Q_INLINE},   {"sub", Q_INLINE},   {"sup", Q_INLINE},  {"time", Q_INLINE},
        {"tt", Q_INLINE},       {"u", Q_INLINE},     {"var", Q_INLINE},  {"br", Q_VOID},
        {"img", Q_VOID},        {"wbr", Q_VOID},     {"hr", Q_HR},       {"p", Q_TEXTBLK},
        {"h1", Q_TEXTBLK},      {"h2", Q_TEXTBLK},   {"h3", Q_TEXTBLK},  {"h4", Q_TEXTBLK},
        {"h5", Q_TEXTBLK},      {"h6", Q_TEXTBLK},   {"pre", Q_TEXTBLK}, {"div", Q_FLOW},
        {"blockquote", Q_FLOW}, {"ul", Q_LIST},      {"ol", Q_LIST},     {"li", Q_LI},
    };
    for (size_t i = 0; i < sizeof tab / sizeof tab[0]; i++)
        if (strlen(tab[i].name) == n && fc_strncasecmp(name, tab[i].name, n) == 0)
            return tab[i].kind;
    return Q_OTHER;
}

/* May an element of kind k open inside one of kind parent (Q_FLOW for
 * the top level)?  Only nestings the HTML parser keeps as written: where
 * it would close or move elements (a block inside a paragraph or a link,
 * a list item outside a list), the quick path gives up. */
static bool q_allowed(enum qkind parent, enum qkind k)
{
    switch (parent) {
    case Q_FLOW:
    case Q_LI:
        return k != Q_LI;
    case Q_LIST:
        return k == Q_LI;
    default: /* phrasing content */
        return k == Q_INLINE || k == Q_VOID;
    }
}

#define Q_DEPTH 32

static bool attr_char(unsigned char c)
{
    return is_alnum(c) || c == '-' || c == '_' || c == ':' || c == '.';
}

/* The attributes of a tag from p[k] to its '>': the index of the '>', 0
 * when they are anything but plain (name, name=value, name="value"):
 * stray quotes and the like are where parsers disagree. */
static size_t quick_attrs(const unsigned char *p, size_t k, size_t n, bool end, bool *self_closed)
{
    for (;;) {
        while (k < n && is_space(p[k]))
            k++;
        if (k >= n)
            return 0;
        if (p[k] == '>')
            return k;
        if (p[k] == '/' && !end && k + 1 < n && p[k + 1] == '>') {
            *self_closed = true;
            return k + 1;
        }
        if (end || !is_alpha(p[k]))
            return 0;
        while (k < n && attr_char(p[k]))
            k++;
        while (k < n && is_space(p[k]))
            k++;
        if (k >= n)
            return 0;
        if (p[k] != '=')
            continue;
        k++;
        while (k < n && is_space(p[k]))
            k++;
        if (k >= n)
            return 0;
        if (p[k] == '"' || p[k] == '\'') {
            const unsigned char *q = memchr(p + k + 1, p[k], n - k - 1);
            if (!q)
                return 0;
            k = (size_t)(q - p) + 1;
        } else {
            size_t v = k;
            while (k < n && !is_space(p[k]) && p[k] != '>') {
                if (p[k] == '"' || p[k] == '\'' || p[k] == '<' || p[k] == '=' || p[k] == '`')
                    return 0;
                k++;
            }
            if (k == v)
                return 0;
        }
        if (k >= n || !(is_space(p[k]) || p[k] == '>' || p[k] == '/'))
            return 0;
    }
}

/* The text of plain HTML (simple tags, quoted attributes, known entity
 * references) into b, without building a tree: a summary per post would
 * otherwise cost a whole HTML parse.  False for anything the HTML parser
 * might read differently (comments, raw-text and unknown elements, tags
 * it would close or move, stray markup): the caller then asks it. */
static bool quick_text(struct fc_buf *b, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    struct {
        const char *name;
        size_t len;
        enum qkind kind;
    } open[Q_DEPTH];
    size_t depth = 0, i = 0;
    while (i < n) {
        size_t j = fc_scan(p, i, n, FC_SCAN_WS, '<', '&', '<');
        enum qkind top = depth ? open[depth - 1].kind : Q_FLOW;
        if (top == Q_LIST) /* only white space between list items */
            for (size_t k = i; k < j; k++)
                if (!is_space(p[k]))
                    return false;
        fc_buf_add(b, s + i, j - i);
        if (j == n)
            break;
        if (p[j] == '&') {
            size_t l = top == Q_LIST ? 0 : quick_ref(b, p, j, n);
            if (!l)
                return false;
            i = j + l;
            continue;
        }
        if (p[j] != '<')
            return false; /* a control character */
        size_t k = j + 1;
        if (k < n && top != Q_LIST && (p[k] == ' ' || (p[k] >= '0' && p[k] <= '9'))) {
            fc_buf_putc(b, '<'); /* "a < b": text */
            i = k;
            continue;
        }
        bool end = k < n && p[k] == '/';
        if (end)
            k++;
        size_t name = k;
        while (k < n && is_alnum(p[k]))
            k++;
        if (k == name || !is_alpha(p[name]) || k >= n ||
            !(p[k] == '>' || p[k] == '/' || is_space(p[k])))
            return false;
        size_t name_len = k - name;
        enum qkind kind = qkind(s + name, name_len);
        if (kind == Q_OTHER)
            return false;
        bool self_closed = false;
        if ((k = quick_attrs(p, k, n, end, &self_closed)) == 0)
            return false;
        if (end) {
            if (!depth || open[depth - 1].len != name_len ||
                fc_strncasecmp(open[depth - 1].name, s + name, name_len) != 0)
                return false;
            depth--;
        } else {
            if (!q_allowed(top, kind))
                return false;
            if (kind != Q_VOID && kind != Q_HR && !self_closed) {
                if (depth == Q_DEPTH)
                    return false;
                open[depth].name = s + name;
                open[depth].len = name_len;
                open[depth].kind = kind;
                depth++;
            }
        }
        if (is_block_n(s + name, name_len))
            fc_buf_putc(b, ' ');
        i = k + 1;
    }
    return true;
}

/* The HTML parser's reading of html (the reference the quick path must
 * agree with); NULL on ENOMEM. */
char *fc_html_to_text_parsed(struct fc_arena *a, const char *html)
{
    if (!html)
        return NULL;
    size_t n = strlen(html);
    if (!fc_looks_like_html(html))
        return fold_space(a, html, n);
    /* Inside <body>: text at the top level is not wrapped in implied
     * paragraphs (which would put spaces between inline runs), and
     * style or script before it do not open a <head> that swallows it. */
    static const char body[] = "<body>";
    if (n > INT32_MAX - sizeof body)
        return NULL;
    char *in = malloc(sizeof body - 1 + n);
    if (!in)
        return NULL;
    memcpy(in, body, sizeof body - 1);
    memcpy(in + sizeof body - 1, html, n);
    htmlDocPtr doc = htmlReadMemory(in, (int)(sizeof body - 1 + n), NULL, "UTF-8",
                                    HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                        HTML_PARSE_NOIMPLIED);
    free(in);
    if (!doc) /* only on allocation failure: the HTML parser recovers */
        return NULL;
    struct fc_buf b;
    fc_buf_init(&b);
    text_walk(&b, doc->children, 0);
    xmlFreeDoc(doc);
    char *r = b.oom ? NULL : fold_space(a, fc_buf_cstr(&b), b.len);
    fc_buf_free(&b);
    return r;
}

char *fc_html_to_text(struct fc_arena *a, const char *html)
{
    if (!html)
        return NULL;
    size_t n = strlen(html);
    if (!fc_looks_like_html(html))
        return fold_space(a, html, n);
    struct fc_buf b;
    fc_buf_init(&b);
    char *r = NULL;
    if (fc_utf8_valid(html, n) && quick_text(&b, html, n))
        r = b.oom ? NULL : fold_space(a, fc_buf_cstr(&b), b.len);
    else if (!b.oom)
        r = fc_html_to_text_parsed(a, html);
    fc_buf_free(&b);
    return r;
}

bool fc_looks_like_html(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t n = strlen(s);
    for (const char *p = s; *p; p++) {
        /* only '<' and '&' can start markup: skip to the next one */
        p = s + fc_scan(u, (size_t)(p - s), n, FC_SCAN_WS, '<', '&', '<');
        if (!*p)
            break;
        if (*p == '<' && (p[1] == '/' || p[1] == '!' || (p[1] >= 'a' && p[1] <= 'z') ||
                          (p[1] >= 'A' && p[1] <= 'Z')))
            return true;
        if (*p == '&') {
            const char *q = p + 1;
            if (*q == '#')
                q++;
            while ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') || (*q >= '0' && *q <= '9'))
                q++;
            if (*q == ';' && q > p + 1)
                return true;
        }
    }
    return false;
}

/* ---- small string helpers ------------------------------------------- */

char *fc_strtrim(struct fc_arena *a, const char *s, size_t n)
{
    while (n && is_space((unsigned char)*s))
        s++, n--;
    while (n && is_space((unsigned char)s[n - 1]))
        n--;
    return fc_strdup(a, s, n);
}

static int lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

int fc_strcasecmp(const char *a, const char *b)
{
    for (;; a++, b++) {
        int d = lower((unsigned char)*a) - lower((unsigned char)*b);
        if (d || !*a)
            return d;
    }
}

int fc_strncasecmp(const char *a, const char *b, size_t n)
{
    for (; n; n--, a++, b++) {
        int d = lower((unsigned char)*a) - lower((unsigned char)*b);
        if (d || !*a)
            return d;
    }
    return 0;
}

bool fc_parse_int(const char *s, int64_t min, int64_t max, int64_t *out)
{
    if (!s)
        return false;
    while (is_space((unsigned char)*s))
        s++;
    bool neg = false;
    if (*s == '+' || *s == '-')
        neg = *s++ == '-';
    if (*s < '0' || *s > '9')
        return false;
    uint64_t v = 0;
    for (; *s >= '0' && *s <= '9'; s++) {
        if (v > (UINT64_MAX - 9) / 10)
            return false;
        v = v * 10 + (uint64_t)(*s - '0');
    }
    while (is_space((unsigned char)*s))
        s++;
    if (*s || v > (uint64_t)INT64_MAX)
        return false;
    int64_t r = neg ? -(int64_t)v : (int64_t)v;
    if (r < min || r > max)
        return false;
    *out = r;
    return true;
}

/* ---- slugs ------------------------------------------------------------ */

char *fc_slugify(struct fc_arena *a, const char *s, size_t max)
{
    if (max < 4)
        max = 4;
    char *out = fc_alloc(a, max + 1);
    if (!out)
        return NULL;
    size_t o = 0;
    bool dash = false;
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p && o < max; p++) {
        int c = lower(*p);
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            if (dash && o > 0 && o + 1 < max)
                out[o++] = '-';
            dash = false;
            out[o++] = (char)c;
        } else {
            dash = true; /* anything else, '.' and '/' included, separates */
        }
    }
    out[o] = '\0';
    if (o == 0)
        memcpy(out, "post", 5);
    return out;
}

/* ---- RFC 3986 reference resolution ---------------------------------- */

struct uri {
    const char *scheme, *auth, *path, *query, *frag;
    size_t scheme_n, auth_n, path_n, query_n, frag_n;
    bool has_auth, has_query, has_frag;
};

static void uri_split(const char *s, struct uri *u)
{
    memset(u, 0, sizeof *u);
    const char *p = s;
    /* scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":" */
    if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')) {
        const char *q = p + 1;
        while ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') || (*q >= '0' && *q <= '9') ||
               *q == '+' || *q == '-' || *q == '.')
            q++;
        if (*q == ':') {
            u->scheme = p;
            u->scheme_n = (size_t)(q - p);
            p = q + 1;
        }
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
    struct uri r, bu;
    uri_split(ref, &r);
    if (!base || !*base || r.scheme)
        return fc_strdup(a, ref, (size_t)-1);
    uri_split(base, &bu);
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
