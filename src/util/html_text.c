/*
 * html_text.c - the plain text of an HTML fragment (html_text.h): a quick
 * reader for plain HTML, and libxml2's HTML parser for everything else.
 */
#include "util/html_text.h"
#include "util/buf.h"
#include "util/scan.h"
#include "util/str.h"
#include "util/utf8.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Elements whose edges separate words: both readers put a space there. */
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

/* The text of n and its following siblings into b; script and style
 * skipped. */
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

/* s[0..n) with runs of white space folded into one space and trimmed,
 * in the arena; NULL on ENOMEM. */
static char *fold_space(struct fc_arena *a, const char *s, size_t n)
{
    char *out = fc_alloc(a, n + 1);
    if (!out)
        return NULL;
    const unsigned char *u = (const unsigned char *)s;
    size_t o = 0;
    bool space = false;
    for (size_t i = 0; i < n;) {
        /* a run with no blank in it goes in one copy */
        size_t j = fc_scan(u, i, n, 0, ' ', 0xC2, ' ');
        if (j > i) {
            if (space)
                out[o++] = ' ';
            space = false;
            memcpy(out + o, s + i, j - i);
            o += j - i;
            i = j;
            if (i == n)
                break;
        }
        unsigned char c = u[i];
        /* U+00A0 (no-break space) folds too: it comes from &nbsp;. */
        if (c == 0xC2 && i + 1 < n && u[i + 1] == 0xA0) {
            space = o > 0;
            i += 2;
            continue;
        }
        if (fc_ascii_space(c)) {
            space = o > 0;
            i++;
            continue;
        }
        if (space)
            out[o++] = ' ';
        space = false;
        out[o++] = (char)c;
        i++;
    }
    out[o] = '\0';
    return out;
}

/* A character reference at p[i] ('&'), decoded into b; the length used,
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
    if (k >= n || !fc_ascii_alpha(p[k])) /* "& " is a literal ampersand */
        return k < n && p[k] != '_' && p[k] != ':' && p[k] < 0x80 ? (fc_buf_putc(b, '&'), 1) : 0;
    char name[32];
    size_t m = 0;
    for (; k < n && fc_ascii_alnum(p[k]); k++) {
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

#define Q_DEPTH 32 /* open elements the quick path follows; deeper: the parser */

static bool attr_char(unsigned char c)
{
    return fc_ascii_alnum(c) || c == '-' || c == '_' || c == ':' || c == '.';
}

/* The attributes of a tag from p[k] to its '>': the index of the '>', 0
 * when they are anything but plain (name, name=value, name="value"):
 * stray quotes and the like are where parsers disagree. */
static size_t quick_attrs(const unsigned char *p, size_t k, size_t n, bool end, bool *self_closed)
{
    for (;;) {
        while (k < n && fc_ascii_space(p[k]))
            k++;
        if (k >= n)
            return 0;
        if (p[k] == '>')
            return k;
        if (p[k] == '/' && !end && k + 1 < n && p[k + 1] == '>') {
            *self_closed = true;
            return k + 1;
        }
        if (end || !fc_ascii_alpha(p[k]))
            return 0;
        while (k < n && attr_char(p[k]))
            k++;
        while (k < n && fc_ascii_space(p[k]))
            k++;
        if (k >= n)
            return 0;
        if (p[k] != '=')
            continue;
        k++;
        while (k < n && fc_ascii_space(p[k]))
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
            while (k < n && !fc_ascii_space(p[k]) && p[k] != '>') {
                if (p[k] == '"' || p[k] == '\'' || p[k] == '<' || p[k] == '=' || p[k] == '`')
                    return 0;
                k++;
            }
            if (k == v)
                return 0;
        }
        if (k >= n || !(fc_ascii_space(p[k]) || p[k] == '>' || p[k] == '/'))
            return 0;
    }
}

/* The text of plain HTML (simple tags, plain attributes, known entity
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
                if (!fc_ascii_space(p[k]))
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
        while (k < n && fc_ascii_alnum(p[k]))
            k++;
        if (k == name || !fc_ascii_alpha(p[name]) || k >= n ||
            !(p[k] == '>' || p[k] == '/' || fc_ascii_space(p[k])))
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

/* The HTML parser's reading of html[0..n) appended to b: the reference
 * the quick reader must agree with.  False on ENOMEM. */
static bool parsed_text(struct fc_buf *b, const char *html, size_t n)
{
    /* Inside <body>: text at the top level is not wrapped in implied
     * paragraphs (which would put spaces between inline runs), and
     * style or script before it do not open a <head> that swallows it. */
    static const char body[] = "<body>";
    if (n > INT32_MAX - sizeof body)
        return false;
    char *in = malloc(sizeof body - 1 + n);
    if (!in)
        return false;
    memcpy(in, body, sizeof body - 1);
    memcpy(in + sizeof body - 1, html, n);
    htmlDocPtr doc = htmlReadMemory(in, (int)(sizeof body - 1 + n), NULL, "UTF-8",
                                    HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                        HTML_PARSE_NOIMPLIED);
    free(in);
    if (!doc) /* only on allocation failure: the HTML parser recovers */
        return false;
    text_walk(b, doc->children, 0);
    xmlFreeDoc(doc);
    return !b->oom;
}

/* Text that is not HTML is only folded; HTML goes to the quick reader
 * (when allowed) and, if it is not sure, to the parser. */
static char *html_text(struct fc_arena *a, const char *html, bool quick)
{
    if (!html)
        return NULL;
    size_t n = strlen(html);
    if (!fc_looks_like_html(html))
        return fold_space(a, html, n);
    struct fc_buf b;
    fc_buf_init(&b);
    bool ok = quick && fc_utf8_valid(html, n) && quick_text(&b, html, n);
    if (!ok && !b.oom) {
        fc_buf_reset(&b);
        ok = parsed_text(&b, html, n);
    }
    char *r = ok && !b.oom ? fold_space(a, fc_buf_cstr(&b), b.len) : NULL;
    fc_buf_free(&b);
    return r;
}

char *fc_html_to_text_parsed(struct fc_arena *a, const char *html)
{
    return html_text(a, html, false);
}

char *fc_html_to_text(struct fc_arena *a, const char *html)
{
    return html_text(a, html, true);
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
        if (*p == '<' && (p[1] == '/' || p[1] == '!' || fc_ascii_alpha((unsigned char)p[1])))
            return true;
        if (*p == '&') {
            const char *q = p + 1;
            if (*q == '#')
                q++;
            while (fc_ascii_alnum((unsigned char)*q))
                q++;
            if (*q == ';' && q > p + 1)
                return true;
        }
    }
    return false;
}
