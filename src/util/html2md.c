/*
 * html2md.c - HTML fragment -> CommonMark/GFM Markdown, and the normal form
 * that measures the round trip (html2md.h).
 *
 * The goal is fidelity, not prettiness: cmark-gfm (md2html.c) must turn the
 * Markdown back into the same document, up to the differences html2md.h
 * lists.  So Markdown is used only where it says exactly what the HTML
 * said, and everything else is kept as raw HTML:
 *
 *   HTML                               Markdown
 *   <p> (no attributes)                paragraph
 *   <h1>..<h6>                         ATX heading "## text"
 *   <em>, <strong>, <del>              *x*, **x**, ~~x~~ (only when the
 *                                      delimiters are sure to parse back)
 *   <a href title>                     [text](href "title")
 *   <img src alt [title]>              ![alt](src "title")
 *   <code> (text only)                 `code`
 *   <br>                               backslash + newline
 *   <ul>, <ol start>, <li>             "- " / "3. " lists, nested
 *   <blockquote>                       "> "
 *   <pre>[<code class=language-x>]     ```x fenced block
 *   <table> thead/tbody, align         GFM table
 *   <hr>                               ---
 *   <!-- comments -->, <!--more-->     kept verbatim
 *   anything else, or any of the above with other attributes or content
 *   Markdown cannot hold                raw HTML (inline: the tags around
 *                                      Markdown content; block: the whole
 *                                      element, with no blank line in it)
 *
 * Real-world quirks handled:
 *  - cmark-gfm rewrites hrefs it considers unsafe to print (%-encoding
 *    [ ] ^ | { } \ ` " < > space and non-ASCII), so such links stay raw;
 *  - the GFM autolink extension links bare URLs, www. and e-mail addresses
 *    in text: "://" and "www." are broken with a backslash escape; e-mail
 *    addresses cannot be escaped, which the check below catches;
 *  - a Markdown image always gets alt="", so an <img> without alt is raw;
 *  - Hugo shortcodes start with "{{<" or "{{%": '<' and '%' are escaped;
 *  - feed HTML may hold NUL bytes and invalid UTF-8: NULs are dropped and
 *    bad sequences become U+FFFD before parsing (the Markdown is always
 *    valid UTF-8); <code> with markup inside stays raw HTML.
 *
 * Safety net: every top-level block element is converted, converted back
 * with cmark-gfm and compared in normal form; when they differ the element
 * is written as raw HTML instead.  So the Markdown may be plainer than it
 * could be, but it says what the HTML said.  The whole post is checked
 * first (one cmark run and one HTML parse per post); the blocks are
 * checked one by one only when the whole differs (convert_body).
 */
#include "util/html2md.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>

#define H2M_MAX_DEPTH 200u

static const int html_parse_options =
    HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NOIMPLIED;

struct h2m {
    struct fc_error *err;
    enum fc_status st; /* the first failure; output is abandoned */
    unsigned depth;
    bool verify_blocks; /* check each top-level Markdown block on its own */
    size_t md_top;      /* top-level blocks written as Markdown (not raw) */
};

/* Inline rendering state. */
struct inl {
    bool line_start; /* the next text starts a Markdown line */
    bool heading;    /* no line breaks; '#' escaped */
    bool cell;       /* table cell: no line breaks; '|' escaped in code */
    bool link;       /* inside link text: no nested links */
};

/* fc_buf appends with the common case inline: the converters append
 * a few bytes at a time, millions of times per feed. */
static inline void badd(struct fc_buf *b, const void *p, size_t n)
{
    if (b->cap - b->len > n) { /* cap is 0 or > len: room for n bytes and the NUL */
        if (n)                 /* p may be NULL when n is 0 */
            memcpy(b->data + b->len, p, n);
        b->len += n;
        b->data[b->len] = '\0';
    } else {
        fc_buf_add(b, p, n);
    }
}

static inline void bput(struct fc_buf *b, char c)
{
    if (b->cap - b->len > 1) {
        b->data[b->len++] = c;
        b->data[b->len] = '\0';
    } else {
        fc_buf_putc(b, c);
    }
}

static inline void bputs(struct fc_buf *b, const char *s)
{
    badd(b, s, strlen(s));
}

/* ---- names ----------------------------------------------------------- */

static bool in_list(const char *name, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (strcmp(name, list[i]) == 0)
            return true;
    return false;
}

/* What the converter needs to know about an element name, in one table
 * searched by halves (names are looked up for every element, several
 * times: a linear scan of the lists was a tenth of the run time). */
enum {
    T_VOID = 1,        /* no end tag */
    T_CM_BLOCK = 2,    /* CommonMark HTML block start conditions 1 and 6 */
    T_CANON_BLOCK = 4, /* a block boundary in the normal form (html2md.h) */
    T_RAWTEXT = 8,     /* text not HTML-escaped when serialised */
    T_PRE = 16,        /* whitespace-significant: a blank line inside is kept as &#10; */
};

struct tag_info {
    const char *name;
    unsigned flags;
};

/* Sorted by name (byte order). */
static const struct tag_info tag_table[] = {
    {"address", T_CM_BLOCK | T_CANON_BLOCK},
    {"area", T_VOID},
    {"article", T_CM_BLOCK | T_CANON_BLOCK},
    {"aside", T_CM_BLOCK | T_CANON_BLOCK},
    {"base", T_VOID | T_CM_BLOCK},
    {"basefont", T_VOID | T_CM_BLOCK},
    {"bgsound", T_VOID},
    {"blockquote", T_CM_BLOCK | T_CANON_BLOCK},
    {"body", T_CM_BLOCK | T_CANON_BLOCK},
    {"br", T_VOID | T_CANON_BLOCK},
    {"caption", T_CM_BLOCK | T_CANON_BLOCK},
    {"center", T_CM_BLOCK | T_CANON_BLOCK},
    {"col", T_VOID | T_CM_BLOCK | T_CANON_BLOCK},
    {"colgroup", T_CM_BLOCK | T_CANON_BLOCK},
    {"dd", T_CM_BLOCK | T_CANON_BLOCK},
    {"details", T_CM_BLOCK | T_CANON_BLOCK},
    {"dialog", T_CM_BLOCK | T_CANON_BLOCK},
    {"dir", T_CM_BLOCK | T_CANON_BLOCK},
    {"div", T_CM_BLOCK | T_CANON_BLOCK},
    {"dl", T_CM_BLOCK | T_CANON_BLOCK},
    {"dt", T_CM_BLOCK | T_CANON_BLOCK},
    {"embed", T_VOID},
    {"fieldset", T_CM_BLOCK | T_CANON_BLOCK},
    {"figcaption", T_CM_BLOCK | T_CANON_BLOCK},
    {"figure", T_CM_BLOCK | T_CANON_BLOCK},
    {"footer", T_CM_BLOCK | T_CANON_BLOCK},
    {"form", T_CM_BLOCK | T_CANON_BLOCK},
    {"frame", T_VOID | T_CM_BLOCK},
    {"frameset", T_CM_BLOCK},
    {"h1", T_CM_BLOCK | T_CANON_BLOCK},
    {"h2", T_CM_BLOCK | T_CANON_BLOCK},
    {"h3", T_CM_BLOCK | T_CANON_BLOCK},
    {"h4", T_CM_BLOCK | T_CANON_BLOCK},
    {"h5", T_CM_BLOCK | T_CANON_BLOCK},
    {"h6", T_CM_BLOCK | T_CANON_BLOCK},
    {"head", T_CM_BLOCK | T_CANON_BLOCK},
    {"header", T_CM_BLOCK | T_CANON_BLOCK},
    {"hr", T_VOID | T_CM_BLOCK | T_CANON_BLOCK},
    {"html", T_CM_BLOCK | T_CANON_BLOCK},
    {"iframe", T_CM_BLOCK | T_CANON_BLOCK},
    {"img", T_VOID},
    {"input", T_VOID},
    {"keygen", T_VOID},
    {"legend", T_CM_BLOCK | T_CANON_BLOCK},
    {"li", T_CM_BLOCK | T_CANON_BLOCK},
    {"link", T_VOID | T_CM_BLOCK},
    {"listing", T_PRE},
    {"main", T_CM_BLOCK | T_CANON_BLOCK},
    {"menu", T_CM_BLOCK | T_CANON_BLOCK},
    {"menuitem", T_CM_BLOCK},
    {"meta", T_VOID},
    {"nav", T_CM_BLOCK | T_CANON_BLOCK},
    {"noframes", T_CM_BLOCK},
    {"ol", T_CM_BLOCK | T_CANON_BLOCK},
    {"optgroup", T_CM_BLOCK},
    {"option", T_CM_BLOCK},
    {"p", T_CM_BLOCK | T_CANON_BLOCK},
    {"param", T_VOID | T_CM_BLOCK},
    {"pre", T_CM_BLOCK | T_CANON_BLOCK | T_PRE},
    {"script", T_CM_BLOCK | T_CANON_BLOCK | T_RAWTEXT},
    {"section", T_CM_BLOCK | T_CANON_BLOCK},
    {"source", T_VOID | T_CM_BLOCK},
    {"style", T_CM_BLOCK | T_CANON_BLOCK | T_RAWTEXT},
    {"summary", T_CM_BLOCK | T_CANON_BLOCK},
    {"table", T_CM_BLOCK | T_CANON_BLOCK},
    {"tbody", T_CM_BLOCK | T_CANON_BLOCK},
    {"td", T_CM_BLOCK | T_CANON_BLOCK},
    {"textarea", T_CM_BLOCK | T_PRE},
    {"tfoot", T_CM_BLOCK | T_CANON_BLOCK},
    {"th", T_CM_BLOCK | T_CANON_BLOCK},
    {"thead", T_CM_BLOCK | T_CANON_BLOCK},
    {"title", T_CM_BLOCK},
    {"tr", T_CM_BLOCK | T_CANON_BLOCK},
    {"track", T_VOID | T_CM_BLOCK},
    {"ul", T_CM_BLOCK | T_CANON_BLOCK},
    {"wbr", T_VOID},
    {"xmp", T_RAWTEXT},
};

static unsigned tag_flags(const char *name)
{
    size_t lo = 0, hi = sizeof tag_table / sizeof tag_table[0];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int cmp = strcmp(name, tag_table[mid].name);
        if (cmp == 0)
            return tag_table[mid].flags;
        if (cmp < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return 0;
}

static bool tag_is(const xmlNode *n, unsigned flag)
{
    return (tag_flags((const char *)n->name) & flag) != 0;
}

static bool is_elem(const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static bool is_void(const xmlNode *n)
{
    return tag_is(n, T_VOID);
}

static bool is_block(const xmlNode *n)
{
    return n->type == XML_ELEMENT_NODE && tag_is(n, T_CM_BLOCK);
}

static bool is_ws(int c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Bytes that end a run of text copied as it is, per writer: the writers
 * below copy runs with one fc_buf_add instead of a call per byte. */
enum {
    B_CANON = 1, /* canon_text: whitespace, & < > */
    B_RAW = 2,   /* raw_text: CR, LF, & < > */
    B_ATTR = 4,  /* raw_attr_value: & " < > CR LF */
    B_MD = 8,    /* md_text: whitespace and what it may escape */
};

#define B_WS (B_CANON | B_MD)
static const unsigned char byte_class[256] = {
    [0] = 0xff, /* the terminator ends every run */
    [' '] = B_WS,
    ['\t'] = B_WS,
    ['\f'] = B_WS,
    ['\n'] = B_WS | B_RAW | B_ATTR,
    ['\r'] = B_WS | B_RAW | B_ATTR,
    ['&'] = B_CANON | B_RAW | B_ATTR | B_MD,
    ['<'] = B_CANON | B_RAW | B_ATTR | B_MD,
    ['>'] = B_CANON | B_RAW | B_ATTR,
    ['"'] = B_ATTR,
    ['\\'] = B_MD,
    ['`'] = B_MD,
    ['*'] = B_MD,
    ['['] = B_MD,
    [']'] = B_MD,
    ['|'] = B_MD,
    ['~'] = B_MD,
    ['_'] = B_MD,
    [':'] = B_MD,
    ['.'] = B_MD,
    ['%'] = B_MD,
    ['#'] = B_MD,
};
#undef B_WS

/* Length of the run at s of bytes not in class k. */
static size_t plain_run(const char *s, unsigned k)
{
    size_t n = 0;
    while (!(byte_class[(unsigned char)s[n]] & k))
        n++;
    return n;
}

static bool is_alnum(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static bool blank_text(const xmlNode *n)
{
    if (n->type != XML_TEXT_NODE && n->type != XML_CDATA_SECTION_NODE)
        return false;
    for (const xmlChar *p = n->content; p && *p; p++)
        if (!is_ws(*p))
            return false;
    return true;
}

static size_t attr_count(const xmlNode *n)
{
    size_t k = 0;
    for (const xmlAttr *a = n->properties; a; a = a->next)
        k++;
    return k;
}

/* An attribute's value (HTML attributes hold one text node); "" for a
 * bare attribute, NULL when absent. */
static const char *attr(const xmlNode *n, const char *name)
{
    for (const xmlAttr *a = n->properties; a; a = a->next) {
        if (strcmp((const char *)a->name, name) != 0 || a->ns)
            continue;
        if (!a->children)
            return "";
        if (a->children->type == XML_TEXT_NODE && !a->children->next)
            return a->children->content ? (const char *)a->children->content : "";
        return NULL; /* entity references in a value: not expected from the HTML parser */
    }
    return NULL;
}

/* True when every attribute of n is in allowed. */
static bool attrs_within(const xmlNode *n, const char *const *allowed)
{
    for (const xmlAttr *a = n->properties; a; a = a->next) {
        if (a->ns || !in_list((const char *)a->name, allowed))
            return false;
        if (a->children && (a->children->type != XML_TEXT_NODE || a->children->next))
            return false;
    }
    return true;
}

static enum fc_status h2m_fail(struct h2m *c, enum fc_status st)
{
    if (c->st == FC_OK) {
        c->st = st;
        if (st == FC_ENOMEM)
            fc_nomem(c->err);
        else
            fc_fail(c->err, st, NULL, 0, 0, "HTML nested deeper than %u elements", H2M_MAX_DEPTH);
    }
    return c->st;
}

static bool enter(struct h2m *c)
{
    if (c->st != FC_OK)
        return false;
    if (++c->depth > H2M_MAX_DEPTH) {
        c->depth--;
        h2m_fail(c, FC_ELIMIT);
        return false;
    }
    return true;
}

static void leave(struct h2m *c)
{
    c->depth--;
}

/* ---- raw HTML -------------------------------------------------------- */

/* True when the current line of b holds only spaces and tabs, so that a
 * newline now would make a blank line (which ends an HTML block). */
static bool line_blank(const struct fc_buf *b)
{
    size_t i = b->len;
    while (i > 0 && (b->data[i - 1] == ' ' || b->data[i - 1] == '\t'))
        i--;
    return i == 0 || b->data[i - 1] == '\n';
}

static void raw_text(struct fc_buf *b, const char *s, bool pre, bool rawtext)
{
    for (; s && *s; s++) {
        size_t run = plain_run(s, B_RAW);
        if (run) {
            badd(b, s, run);
            s += run - 1;
            continue;
        }
        char ch = *s;
        if (ch == '\n' || ch == '\r') {
            if (!line_blank(b))
                bput(b, ch);
            else if (pre && !rawtext)
                bputs(b, ch == '\n' ? "&#10;" : "&#13;");
            /* else: whitespace only, folded away */
            continue;
        }
        if (!rawtext && ch == '&')
            bputs(b, "&amp;");
        else if (!rawtext && ch == '<')
            bputs(b, "&lt;");
        else if (!rawtext && ch == '>')
            bputs(b, "&gt;");
        else
            bput(b, ch);
    }
}

static void raw_attr_value(struct fc_buf *b, const char *s)
{
    for (; s && *s; s++) {
        size_t run = plain_run(s, B_ATTR);
        if (run) {
            badd(b, s, run);
            s += run - 1;
            continue;
        }
        switch (*s) {
        case '&':
            bputs(b, "&amp;");
            break;
        case '"':
            bputs(b, "&quot;");
            break;
        case '<':
            bputs(b, "&lt;");
            break;
        case '>':
            bputs(b, "&gt;");
            break;
        case '\n':
            bputs(b, "&#10;");
            break;
        case '\r':
            bputs(b, "&#13;");
            break;
        default:
            bput(b, *s);
        }
    }
}

static void raw_open_tag(struct fc_buf *b, const xmlNode *n)
{
    bput(b, '<');
    bputs(b, (const char *)n->name);
    for (const xmlAttr *a = n->properties; a; a = a->next) {
        bput(b, ' ');
        if (a->ns && a->ns->prefix) {
            bputs(b, (const char *)a->ns->prefix);
            bput(b, ':');
        }
        bputs(b, (const char *)a->name);
        bputs(b, "=\"");
        for (const xmlNode *t = a->children; t; t = t->next)
            if (t->type == XML_TEXT_NODE)
                raw_attr_value(b, (const char *)t->content);
        bput(b, '"');
    }
    bputs(b, is_void(n) ? " />" : ">");
}

static void raw_close_tag(struct fc_buf *b, const xmlNode *n)
{
    bputs(b, "</");
    bputs(b, (const char *)n->name);
    bput(b, '>');
}

static void raw_comment(struct fc_buf *b, const xmlNode *n)
{
    bputs(b, "<!--");
    raw_text(b, (const char *)n->content, false, true);
    bputs(b, "-->");
}

/* Serialise n (and its subtree) as HTML that contains no blank line. */
static void raw_node(struct h2m *c, struct fc_buf *b, const xmlNode *n, bool pre, bool rawtext)
{
    switch (n->type) {
    case XML_ELEMENT_NODE:
        if (!enter(c))
            return;
        raw_open_tag(b, n);
        if (!is_void(n)) {
            unsigned f = tag_flags((const char *)n->name);
            bool p2 = pre || (f & T_PRE);
            bool r2 = rawtext || (f & T_RAWTEXT);
            for (const xmlNode *k = n->children; k; k = k->next)
                raw_node(c, b, k, p2, r2);
            raw_close_tag(b, n);
        }
        leave(c);
        break;
    case XML_TEXT_NODE:
    case XML_CDATA_SECTION_NODE:
        raw_text(b, (const char *)n->content, pre, rawtext);
        break;
    case XML_COMMENT_NODE:
        raw_comment(b, n);
        break;
    case XML_ENTITY_REF_NODE:
        bput(b, '&');
        bputs(b, (const char *)n->name);
        bput(b, ';');
        break;
    default:
        break;
    }
}

/* ---- Markdown text --------------------------------------------------- */

static bool entity_like(const char *s)
{
    /* s points at '&': "&name;" or "&#123;" or "&#x1f;" would be decoded */
    const char *p = s + 1;
    if (*p == '#')
        p++;
    const char *q = p;
    while (is_alnum((unsigned char)*q))
        q++;
    return q > p && *q == ';';
}

static char last_char(const struct fc_buf *b)
{
    return b->len ? b->data[b->len - 1] : '\0';
}

/* Escape a text node for Markdown, folding whitespace. */
static void md_text(struct fc_buf *b, const char *s, struct inl *st)
{
    for (size_t i = 0; s && s[i]; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (!st->line_start) {
            size_t run = plain_run(s + i, B_MD);
            if (run) {
                badd(b, s + i, run);
                i += run - 1;
                continue;
            }
        }
        if (is_ws(ch)) {
            char prev = last_char(b);
            if (!st->line_start && prev != ' ' && prev != '\n')
                bput(b, ' ');
            continue;
        }
        if (st->line_start) {
            st->line_start = false;
            if (ch == '#' || ch == '>' || ch == '+' || ch == '-' || ch == '=') {
                bput(b, '\\');
                bput(b, (char)ch);
                continue;
            }
            if (ch >= '0' && ch <= '9') {
                size_t j = i;
                while (s[j] >= '0' && s[j] <= '9')
                    j++;
                if (s[j] == '.' || s[j] == ')') {
                    badd(b, s + i, j - i);
                    bput(b, '\\');
                    bput(b, s[j]);
                    i = j;
                    continue;
                }
            }
        }
        switch (ch) {
        case '\\':
        case '`':
        case '*':
        case '[':
        case ']':
        case '<':
        case '|':
        case '~':
            bput(b, '\\');
            bput(b, (char)ch);
            break;
        case '_': /* intraword '_' never delimits; escape only at word edges */
            if (!(i > 0 && is_alnum((unsigned char)s[i - 1]) && is_alnum((unsigned char)s[i + 1])))
                bput(b, '\\');
            bput(b, '_');
            break;
        case '&':
            if (entity_like(s + i))
                bput(b, '\\');
            bput(b, '&');
            break;
        case ':': /* break GFM URL autolinks */
            if (s[i + 1] == '/' && s[i + 2] == '/')
                bput(b, '\\');
            bput(b, ':');
            break;
        case '.': /* break GFM www. autolinks */
            if (i >= 3 && fc_strncasecmp(s + i - 3, "www", 3) == 0)
                bput(b, '\\');
            bput(b, '.');
            break;
        case '%': /* Hugo shortcode "{{%" */
            if (i >= 2 && s[i - 1] == '{' && s[i - 2] == '{')
                bput(b, '\\');
            bput(b, '%');
            break;
        case '#':
            if (st->heading)
                bput(b, '\\');
            bput(b, '#');
            break;
        default:
            bput(b, (char)ch);
        }
    }
}

/* cmark-gfm prints these URL bytes unchanged (or as an entity that decodes
 * back); anything else it %-encodes, which would change the href. */
static bool url_md_safe(const char *u)
{
    for (const unsigned char *p = (const unsigned char *)u; *p; p++)
        if (!is_alnum(*p) && !strchr("-_.+!*'(),%#@?=;:/&$~", *p))
            return false;
    return true;
}

static void md_dest(struct fc_buf *b, const char *u)
{
    if (!*u) {
        bputs(b, "<>");
        return;
    }
    for (const char *p = u; *p; p++) {
        if (*p == '(' || *p == ')' || (*p == '&' && entity_like(p)))
            bput(b, '\\');
        bput(b, *p);
    }
}

static void md_title(struct fc_buf *b, const char *t)
{
    bputs(b, " \"");
    for (const char *p = t; *p; p++) {
        if (*p == '"' || *p == '\\' || (*p == '&' && entity_like(p)))
            bput(b, '\\');
        bput(b, *p);
    }
    bput(b, '"');
}

static bool has_newline(const char *s)
{
    return s && strpbrk(s, "\r\n") != NULL;
}

/* ---- Markdown inlines ------------------------------------------------ */

static void md_inlines(struct h2m *c, struct fc_buf *b, const xmlNode *first, struct inl *st);

static bool only_text_children(const xmlNode *n)
{
    for (const xmlNode *k = n->children; k; k = k->next)
        if (k->type != XML_TEXT_NODE)
            return false;
    return true;
}

/* Raw open tag, Markdown content, raw close tag. */
static void md_raw_inline(struct h2m *c, struct fc_buf *b, const xmlNode *n, struct inl *st)
{
    const char *name = (const char *)n->name;
    if (tag_is(n, T_VOID | T_RAWTEXT) || strcmp(name, "textarea") == 0) {
        raw_node(c, b, n, false, false);
        st->line_start = false;
        return;
    }
    raw_open_tag(b, n);
    st->line_start = false;
    md_inlines(c, b, n->children, st);
    raw_close_tag(b, n);
    st->line_start = false;
}

static void md_emph(struct h2m *c, struct fc_buf *b, const xmlNode *n, struct inl *st,
                    const char *delim)
{
    struct fc_buf tmp;
    fc_buf_init(&tmp);
    struct inl sub = *st;
    sub.line_start = false;
    md_inlines(c, &tmp, n->children, &sub);
    if (tmp.oom)
        h2m_fail(c, FC_ENOMEM);
    char prev = last_char(b);
    /* Conservative: delimiters that touch ASCII letters or digits on the
     * inside always open and close; anything else stays raw HTML. */
    bool ok = attr_count(n) == 0 && tmp.len > 0 && is_alnum((unsigned char)tmp.data[0]) &&
              is_alnum((unsigned char)tmp.data[tmp.len - 1]) && prev != '*' && prev != '~' &&
              prev != '_';
    if (ok) {
        bputs(b, delim);
        badd(b, tmp.data, tmp.len);
        bputs(b, delim);
    } else {
        raw_open_tag(b, n);
        badd(b, tmp.data, tmp.len);
        raw_close_tag(b, n);
    }
    st->line_start = false;
    fc_buf_free(&tmp);
}

static void md_link(struct h2m *c, struct fc_buf *b, const xmlNode *n, struct inl *st)
{
    static const char *const allowed[] = {"href", "title", NULL};
    const char *href = attr(n, "href");
    const char *title = attr(n, "title");
    if (st->link || !href || !attrs_within(n, allowed) || !url_md_safe(href) ||
        has_newline(title)) {
        md_raw_inline(c, b, n, st);
        return;
    }
    struct inl sub = *st;
    sub.line_start = false;
    sub.link = true;
    bput(b, '[');
    md_inlines(c, b, n->children, &sub);
    bputs(b, "](");
    md_dest(b, href);
    if (title)
        md_title(b, title);
    bput(b, ')');
    st->line_start = false;
}

static void md_img(struct h2m *c, struct fc_buf *b, const xmlNode *n, struct inl *st)
{
    static const char *const allowed[] = {"src", "alt", "title", NULL};
    const char *src = attr(n, "src");
    const char *alt = attr(n, "alt");
    const char *title = attr(n, "title");
    if (!src || !alt || !attrs_within(n, allowed) || !url_md_safe(src) || has_newline(alt) ||
        has_newline(title)) {
        raw_node(c, b, n, false, false);
        st->line_start = false;
        return;
    }
    struct inl sub = *st;
    sub.line_start = false;
    sub.link = true;
    bputs(b, "![");
    md_text(b, alt, &sub);
    bputs(b, "](");
    md_dest(b, src);
    if (title)
        md_title(b, title);
    bput(b, ')');
    st->line_start = false;
}

static void md_code(struct h2m *c, struct fc_buf *b, const xmlNode *n, struct inl *st)
{
    /* Only text children make a code span; markup inside (<b>) keeps the
     * element raw, and element nodes have no content to collect. */
    if (attr_count(n) != 0 || !only_text_children(n)) {
        md_raw_inline(c, b, n, st);
        return;
    }
    struct fc_buf text;
    fc_buf_init(&text);
    for (const xmlNode *k = n->children; k; k = k->next)
        if (k->content)
            bputs(&text, (const char *)k->content);
    if (text.oom) {
        fc_buf_free(&text);
        h2m_fail(c, FC_ENOMEM);
        return;
    }
    const char *s = fc_buf_cstr(&text);
    size_t len = text.len, run = 0, maxrun = 0;
    bool all_space = true;
    for (size_t i = 0; i < len; i++) {
        run = s[i] == '`' ? run + 1 : 0;
        if (run > maxrun)
            maxrun = run;
        if (s[i] != ' ')
            all_space = false;
    }
    if (len == 0 || all_space) {
        fc_buf_free(&text);
        md_raw_inline(c, b, n, st);
        return;
    }
    bool pad = s[0] == '`' || s[len - 1] == '`' || (s[0] == ' ' && s[len - 1] == ' ');
    for (size_t i = 0; i <= maxrun; i++)
        bput(b, '`');
    if (pad)
        bput(b, ' ');
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '\n' || s[i] == '\r')
            bput(b, ' '); /* a code span turns line endings into spaces */
        else if (s[i] == '|' && st->cell)
            bputs(b, "\\|"); /* GFM splits cells before code spans */
        else
            bput(b, s[i]);
    }
    if (pad)
        bput(b, ' ');
    for (size_t i = 0; i <= maxrun; i++)
        bput(b, '`');
    st->line_start = false;
    fc_buf_free(&text);
}

static bool content_follows(const xmlNode *n)
{
    for (; n && !is_block(n); n = n->next)
        if (n->type == XML_ELEMENT_NODE || (n->type == XML_TEXT_NODE && !blank_text(n)))
            return true;
    return false;
}

static void md_inline(struct h2m *c, struct fc_buf *b, const xmlNode *n, struct inl *st)
{
    switch (n->type) {
    case XML_TEXT_NODE:
    case XML_CDATA_SECTION_NODE:
        md_text(b, (const char *)n->content, st);
        return;
    case XML_COMMENT_NODE:
        raw_comment(b, n);
        st->line_start = false;
        return;
    case XML_ELEMENT_NODE:
        break;
    default:
        return;
    }
    if (!enter(c))
        return;
    const char *name = (const char *)n->name;
    if (strcmp(name, "br") == 0) {
        if (st->heading || st->cell || attr_count(n) || !content_follows(n->next)) {
            raw_node(c, b, n, false, false);
            st->line_start = false;
        } else {
            while (b->len && b->data[b->len - 1] == ' ')
                b->len--;
            bputs(b, "\\\n");
            st->line_start = true;
        }
    } else if (strcmp(name, "em") == 0) {
        md_emph(c, b, n, st, "*");
    } else if (strcmp(name, "strong") == 0) {
        md_emph(c, b, n, st, "**");
    } else if (strcmp(name, "del") == 0) {
        md_emph(c, b, n, st, "~~");
    } else if (strcmp(name, "a") == 0) {
        md_link(c, b, n, st);
    } else if (strcmp(name, "img") == 0) {
        md_img(c, b, n, st);
    } else if (strcmp(name, "code") == 0) {
        md_code(c, b, n, st);
    } else {
        md_raw_inline(c, b, n, st);
    }
    leave(c);
}

static void md_inlines(struct h2m *c, struct fc_buf *b, const xmlNode *first, struct inl *st)
{
    for (const xmlNode *n = first; n && c->st == FC_OK; n = n->next)
        md_inline(c, b, n, st);
}

/* ---- Markdown blocks ------------------------------------------------- */

enum blk {
    BLK_NONE,
    BLK_PARA, /* a paragraph made of an inline run */
    BLK_UL,
    BLK_OL,
    BLK_OTHER,
};

struct blocks {
    struct fc_buf *out;
    enum blk prev;
    int ul_alt, ol_alt; /* marker variant of the previous list, to keep adjacent lists apart */
    bool in_li;
};

static void md_blocks(struct h2m *c, struct fc_buf *out, const xmlNode *first, bool top,
                      bool in_li);
static bool md_block(struct h2m *c, struct fc_buf *b, const xmlNode *n, struct blocks *bs);

static void trim_right(struct fc_buf *b)
{
    while (b->len && is_ws((unsigned char)b->data[b->len - 1]))
        b->len--;
    if (b->data && !b->oom)
        b->data[b->len] = '\0';
}

/* Append text to out with first_prefix before the first line and
 * rest_prefix before the others (empty lines get rest_blank). */
static void prefix_lines(struct fc_buf *out, const char *text, size_t len, const char *first,
                         const char *rest, const char *rest_blank)
{
    size_t i = 0;
    bool firstline = true;
    while (i < len) {
        size_t j = i;
        while (j < len && text[j] != '\n')
            j++;
        if (firstline)
            bputs(out, first);
        else
            bputs(out, j == i ? rest_blank : rest);
        badd(out, text + i, j - i);
        if (j < len)
            bput(out, '\n');
        i = j + 1;
        firstline = false;
    }
    if (firstline)
        bputs(out, first);
}

static void md_raw_block(struct h2m *c, struct fc_buf *b, const xmlNode *n)
{
    raw_node(c, b, n, false, false);
}

static bool canonical_int(const char *s, long *v)
{
    if (!s || !*s || strlen(s) > 9)
        return false;
    long x = 0;
    for (const char *p = s; *p; p++) {
        if (*p < '0' || *p > '9')
            return false;
        x = x * 10 + (*p - '0');
    }
    if (s[0] == '0' && s[1])
        return false;
    *v = x;
    return true;
}

static bool md_list(struct h2m *c, struct fc_buf *b, const xmlNode *n, bool ordered, int alt)
{
    long start = 1;
    if (ordered) {
        static const char *const allowed[] = {"start", NULL};
        const char *s = attr(n, "start");
        if (!attrs_within(n, allowed))
            return false;
        if (s && (!canonical_int(s, &start) || start == 1))
            return false; /* cmark writes start only when it is not 1 */
    } else if (attr_count(n)) {
        return false;
    }
    for (const xmlNode *k = n->children; k; k = k->next) {
        if (is_elem(k, "li") ? attr_count(k) != 0 : !blank_text(k))
            return false;
    }
    long num = start;
    for (const xmlNode *k = n->children; k && c->st == FC_OK; k = k->next) {
        if (!is_elem(k, "li"))
            continue;
        char marker[24];
        if (ordered)
            snprintf(marker, sizeof marker, "%ld%c ", num++, alt ? ')' : '.');
        else
            snprintf(marker, sizeof marker, "%c ", alt ? '*' : '-');
        char indent[24];
        size_t w = strlen(marker);
        memset(indent, ' ', w);
        indent[w] = '\0';
        struct fc_buf item;
        fc_buf_init(&item);
        md_blocks(c, &item, k->children, false, true);
        trim_right(&item);
        if (item.len == 0) {
            marker[w - 1] = '\0'; /* an empty item: the marker alone */
            bputs(b, marker);
        } else {
            prefix_lines(b, item.data, item.len, marker, indent, "");
        }
        bput(b, '\n');
        if (item.oom)
            h2m_fail(c, FC_ENOMEM);
        fc_buf_free(&item);
    }
    trim_right(b);
    return true;
}

static bool md_pre(struct h2m *c, struct fc_buf *b, const xmlNode *n)
{
    if (attr_count(n))
        return false;
    const xmlNode *code = NULL, *textparent = n;
    const char *lang = NULL;
    for (const xmlNode *k = n->children; k; k = k->next) {
        if (is_elem(k, "code") && !code && !k->prev && !k->next)
            code = k;
        else if (k->type != XML_TEXT_NODE)
            return false;
    }
    if (code) {
        static const char *const allowed[] = {"class", NULL};
        if (!attrs_within(code, allowed) || !only_text_children(code))
            return false;
        const char *cls = attr(code, "class");
        if (cls) {
            if (strncmp(cls, "language-", 9) != 0 || !cls[9] || strpbrk(cls, " \t\n`"))
                return false;
            lang = cls + 9;
        }
        textparent = code;
    }
    struct fc_buf text;
    fc_buf_init(&text);
    for (const xmlNode *k = textparent->children; k; k = k->next)
        if (k->content)
            bputs(&text, (const char *)k->content);
    if (text.oom) {
        fc_buf_free(&text);
        h2m_fail(c, FC_ENOMEM);
        return true; /* c->st stops the conversion */
    }
    const char *s = fc_buf_cstr(&text);
    size_t run = 0, maxrun = 2;
    for (const char *p = s; *p; p++) {
        run = *p == '`' ? run + 1 : 0;
        if (run > maxrun)
            maxrun = run;
    }
    if (strchr(s, '\r')) {
        fc_buf_free(&text);
        return false; /* Markdown would turn CR into a line ending */
    }
    for (size_t i = 0; i <= maxrun; i++)
        bput(b, '`');
    if (lang)
        bputs(b, lang);
    bput(b, '\n');
    bputs(b, s);
    if (text.len && s[text.len - 1] != '\n')
        bput(b, '\n');
    for (size_t i = 0; i <= maxrun; i++)
        bput(b, '`');
    fc_buf_free(&text);
    return true;
}

/* A GFM table: one header row of <th> in <thead>, body rows of <td> with
 * as many cells, alignment from align=left|center|right the same down each
 * column, cells holding inline content only. */
static const char *cell_align(const xmlNode *cell, bool *ok)
{
    static const char *const allowed[] = {"align", NULL};
    if (!attrs_within(cell, allowed)) {
        *ok = false;
        return NULL;
    }
    const char *a = attr(cell, "align");
    if (a && strcmp(a, "left") && strcmp(a, "center") && strcmp(a, "right"))
        *ok = false;
    return a;
}

static size_t row_cells(const xmlNode *tr, const char *cellname, bool *ok)
{
    size_t k = 0;
    if (attr_count(tr))
        *ok = false;
    for (const xmlNode *c = tr->children; c; c = c->next) {
        if (is_elem(c, cellname)) {
            k++;
            for (const xmlNode *x = c->children; x; x = x->next)
                if (is_block(x) || is_elem(x, "br"))
                    *ok = false;
        } else if (!blank_text(c)) {
            *ok = false;
        }
    }
    return k;
}

static bool md_table(struct h2m *c, struct fc_buf *b, const xmlNode *n)
{
    if (attr_count(n))
        return false;
    const xmlNode *thead = NULL, *tbody = NULL;
    for (const xmlNode *k = n->children; k; k = k->next) {
        if (is_elem(k, "thead") && !thead && !tbody)
            thead = k;
        else if (is_elem(k, "tbody") && thead && !tbody)
            tbody = k;
        else if (!blank_text(k))
            return false;
    }
    if (!thead || attr_count(thead) || (tbody && attr_count(tbody)))
        return false;
    bool ok = true;
    const xmlNode *head = NULL;
    for (const xmlNode *k = thead->children; k; k = k->next) {
        if (is_elem(k, "tr") && !head)
            head = k;
        else if (!blank_text(k))
            return false;
    }
    if (!head)
        return false;
    size_t ncol = row_cells(head, "th", &ok);
    if (!ok || ncol == 0 || ncol > 256)
        return false;
    const char *align[256];
    size_t i = 0;
    for (const xmlNode *cell = head->children; cell; cell = cell->next)
        if (is_elem(cell, "th"))
            align[i++] = cell_align(cell, &ok);
    bool has_rows = false;
    for (const xmlNode *tr = tbody ? tbody->children : NULL; tr; tr = tr->next) {
        if (!is_elem(tr, "tr")) {
            if (!blank_text(tr))
                return false;
            continue;
        }
        has_rows = true;
        if (row_cells(tr, "td", &ok) != ncol)
            return false;
        i = 0;
        for (const xmlNode *cell = tr->children; cell; cell = cell->next) {
            if (!is_elem(cell, "td"))
                continue;
            const char *a = cell_align(cell, &ok);
            if ((a == NULL) != (align[i] == NULL) || (a && strcmp(a, align[i]) != 0))
                ok = false;
            i++;
        }
    }
    if (!ok || (tbody && !has_rows))
        return false;

    const xmlNode *rows[2] = {head, tbody ? tbody->children : NULL};
    for (int part = 0; part < 2; part++) {
        for (const xmlNode *tr = rows[part]; tr; tr = part ? tr->next : NULL) {
            if (!is_elem(tr, "tr"))
                continue;
            bput(b, '|');
            for (const xmlNode *cell = tr->children; cell; cell = cell->next) {
                if (cell->type != XML_ELEMENT_NODE)
                    continue;
                struct inl st = {.line_start = false, .cell = true};
                struct fc_buf tmp;
                fc_buf_init(&tmp);
                md_inlines(c, &tmp, cell->children, &st);
                trim_right(&tmp);
                size_t lead = 0;
                while (lead < tmp.len && tmp.data[lead] == ' ')
                    lead++;
                bput(b, ' ');
                if (tmp.len > lead) /* an empty cell has no data to point into */
                    badd(b, tmp.data + lead, tmp.len - lead);
                bputs(b, " |");
                if (tmp.oom)
                    h2m_fail(c, FC_ENOMEM);
                fc_buf_free(&tmp);
            }
            bput(b, '\n');
            if (part == 0) {
                bput(b, '|');
                for (i = 0; i < ncol; i++) {
                    const char *a = align[i];
                    if (!a)
                        bputs(b, " --- |");
                    else if (strcmp(a, "left") == 0)
                        bputs(b, " :-- |");
                    else if (strcmp(a, "right") == 0)
                        bputs(b, " --: |");
                    else
                        bputs(b, " :-: |");
                }
                bput(b, '\n');
            }
        }
    }
    trim_right(b);
    return true;
}

/* Render one block element as Markdown into b; false: keep it raw. */
static bool md_block(struct h2m *c, struct fc_buf *b, const xmlNode *n, struct blocks *bs)
{
    const char *name = (const char *)n->name;
    if (strcmp(name, "p") == 0) {
        if (attr_count(n))
            return false;
        struct inl st = {.line_start = true};
        md_inlines(c, b, n->children, &st);
        trim_right(b);
        /* a line starting with '<' may open an HTML block: keep <p> raw */
        return b->len > 0 && b->data[0] != '<';
    }
    if (name[0] == 'h' && name[1] >= '1' && name[1] <= '6' && !name[2]) {
        if (attr_count(n))
            return false;
        for (int i = 0; i < name[1] - '0'; i++)
            bput(b, '#');
        struct fc_buf tmp;
        fc_buf_init(&tmp);
        struct inl st = {.line_start = false, .heading = true};
        md_inlines(c, &tmp, n->children, &st);
        trim_right(&tmp);
        bool ok = !has_newline(fc_buf_cstr(&tmp));
        size_t lead = 0;
        while (lead < tmp.len && tmp.data[lead] == ' ')
            lead++;
        if (tmp.len > lead) {
            bput(b, ' ');
            badd(b, tmp.data + lead, tmp.len - lead);
        }
        if (tmp.oom)
            h2m_fail(c, FC_ENOMEM);
        fc_buf_free(&tmp);
        return ok;
    }
    if (strcmp(name, "blockquote") == 0) {
        if (attr_count(n))
            return false;
        struct fc_buf tmp;
        fc_buf_init(&tmp);
        md_blocks(c, &tmp, n->children, false, false);
        trim_right(&tmp);
        prefix_lines(b, tmp.data ? tmp.data : "", tmp.len, tmp.len ? "> " : ">", "> ", ">");
        if (tmp.oom)
            h2m_fail(c, FC_ENOMEM);
        fc_buf_free(&tmp);
        return true;
    }
    if (strcmp(name, "ul") == 0) {
        bs->ul_alt = bs->prev == BLK_UL ? !bs->ul_alt : 0;
        return md_list(c, b, n, false, bs->ul_alt);
    }
    if (strcmp(name, "ol") == 0) {
        bs->ol_alt = bs->prev == BLK_OL ? !bs->ol_alt : 0;
        return md_list(c, b, n, true, bs->ol_alt);
    }
    if (strcmp(name, "pre") == 0)
        return md_pre(c, b, n);
    if (strcmp(name, "hr") == 0) {
        if (attr_count(n))
            return false;
        bputs(b, "---");
        return true;
    }
    if (strcmp(name, "table") == 0)
        return md_table(c, b, n);
    return false;
}

static void add_block(struct blocks *bs, const struct fc_buf *blk, enum blk kind, bool list_from_1)
{
    if (blk->len == 0)
        return;
    if (bs->out->len) {
        /* a sub-list right after the item's text keeps the list tight */
        bool tight = bs->in_li && bs->prev == BLK_PARA && list_from_1;
        bputs(bs->out, tight ? "\n" : "\n\n");
    }
    badd(bs->out, blk->data, blk->len);
    bs->prev = kind;
}

/* Convert md back and compare with the element in normal form. */
static bool verify_block(struct h2m *c, const xmlNode *n, const struct fc_buf *md);

static void md_blocks(struct h2m *c, struct fc_buf *out, const xmlNode *first, bool top, bool in_li)
{
    struct blocks bs = {.out = out, .prev = BLK_NONE, .in_li = in_li};
    const xmlNode *n = first;
    struct fc_buf blk;
    fc_buf_init(&blk);
    while (n && c->st == FC_OK) {
        fc_buf_reset(&blk);
        if (is_block(n)) {
            enum blk kind = is_elem(n, "ul") ? BLK_UL : is_elem(n, "ol") ? BLK_OL : BLK_OTHER;
            if (!enter(c))
                break;
            bool md = md_block(c, &blk, n, &bs);
            leave(c);
#ifndef FC_H2M_NO_VERIFY /* defined only when debugging the converter itself */
            if (md && top && c->verify_blocks && c->st == FC_OK && !verify_block(c, n, &blk))
                md = false;
#endif
            if (md && top)
                c->md_top++;
            if (!md) {
                fc_buf_reset(&blk);
                md_raw_block(c, &blk, n);
            }
            /* a list starting at 1 may follow the item's text tightly */
            bool tight = md && (kind == BLK_UL || (kind == BLK_OL && !attr(n, "start")));
            add_block(&bs, &blk, md ? kind : BLK_OTHER, tight);
            n = n->next;
            continue;
        }
        /* an inline run: up to the next block element */
        const xmlNode *end = n;
        bool content = false;
        while (end && !is_block(end)) {
            if (end->type == XML_ELEMENT_NODE || (end->type == XML_TEXT_NODE && !blank_text(end)))
                content = true;
            end = end->next;
        }
        if (!content) {
            /* only whitespace and comments: comments become HTML blocks */
            for (; n != end; n = n->next) {
                if (n->type != XML_COMMENT_NODE)
                    continue;
                fc_buf_reset(&blk);
                raw_comment(&blk, n);
                add_block(&bs, &blk, BLK_OTHER, false);
            }
            continue;
        }
        struct inl st = {.line_start = true};
        for (; n != end && c->st == FC_OK; n = n->next)
            md_inline(c, &blk, n, &st);
        trim_right(&blk);
        add_block(&bs, &blk, BLK_PARA, false);
    }
    if (blk.oom || out->oom)
        h2m_fail(c, FC_ENOMEM);
    fc_buf_free(&blk);
}

/* ---- normal form ------------------------------------------------------ */

struct canon {
    struct h2m *c;
    struct fc_buf *out;
    bool pending;  /* whitespace seen, not yet written */
    bool boundary; /* at a block boundary: whitespace here is dropped */
};

static void canon_boundary(struct canon *k)
{
    k->pending = false;
    k->boundary = true;
}

static void canon_flush(struct canon *k)
{
    if (k->pending && !k->boundary)
        bput(k->out, ' ');
    k->pending = false;
    k->boundary = false;
}

static void canon_text(struct canon *k, const char *s)
{
    for (; s && *s; s++) {
        if (is_ws((unsigned char)*s)) {
            k->pending = true;
            continue;
        }
        canon_flush(k);
        size_t run = plain_run(s, B_CANON);
        if (run) {
            badd(k->out, s, run);
            s += run - 1;
            continue;
        }
        if (*s == '&')
            bputs(k->out, "&amp;");
        else if (*s == '<')
            bputs(k->out, "&lt;");
        else if (*s == '>')
            bputs(k->out, "&gt;");
        else
            bput(k->out, *s);
    }
}

static int attr_cmp(const void *a, const void *b)
{
    const xmlAttr *x = *(const xmlAttr *const *)a, *y = *(const xmlAttr *const *)b;
    return strcmp((const char *)x->name, (const char *)y->name);
}

static void canon_tag(struct canon *k, const xmlNode *n)
{
    const xmlAttr *small[16];
    const xmlAttr **v = small;
    size_t na = attr_count(n);
    if (na > 16) {
        v = malloc(na * sizeof *v);
        if (!v) {
            h2m_fail(k->c, FC_ENOMEM);
            return;
        }
    }
    size_t i = 0;
    for (const xmlAttr *a = n->properties; a; a = a->next)
        v[i++] = a;
    qsort(v, na, sizeof *v, attr_cmp);
    bput(k->out, '<');
    bputs(k->out, (const char *)n->name);
    for (i = 0; i < na; i++) {
        bput(k->out, ' ');
        bputs(k->out, (const char *)v[i]->name);
        bputs(k->out, "=\"");
        for (const xmlNode *t = v[i]->children; t; t = t->next)
            if (t->type == XML_TEXT_NODE)
                raw_attr_value(k->out, (const char *)t->content);
        bput(k->out, '"');
    }
    bput(k->out, '>');
    if (v != small)
        free(v);
}

static bool only_child(const xmlNode *n)
{
    for (const xmlNode *s = n->parent ? n->parent->children : n; s; s = s->next)
        if (s != n)
            return false;
    return true;
}

static void canon_node(struct canon *k, const xmlNode *n)
{
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
        canon_text(k, (const char *)n->content);
        return;
    }
    if (n->type == XML_COMMENT_NODE) {
        canon_flush(k);
        bputs(k->out, "<!--");
        bputs(k->out, (const char *)n->content);
        bputs(k->out, "-->");
        return;
    }
    if (n->type != XML_ELEMENT_NODE || !enter(k->c))
        return;
    const char *name = (const char *)n->name;
    bool unwrap = (strcmp(name, "p") == 0 && is_elem(n->parent, "li")) ||
                  (strcmp(name, "code") == 0 && is_elem(n->parent, "pre") && attr_count(n) == 0 &&
                   only_child(n));
    unsigned f = tag_flags(name);
    bool block = unwrap || (f & T_CANON_BLOCK);
    if (block)
        canon_boundary(k);
    else
        canon_flush(k);
    if (!unwrap)
        canon_tag(k, n);
    if (block)
        canon_boundary(k);
    if (!(f & T_VOID)) {
        for (const xmlNode *x = n->children; x; x = x->next)
            canon_node(k, x);
        if (block)
            canon_boundary(k);
        else
            canon_flush(k);
        if (!unwrap)
            raw_close_tag(k->out, n);
        if (block)
            canon_boundary(k);
    }
    leave(k->c);
}

/* ---- parsing ------------------------------------------------------------ */

static const xmlNode *find_child(const xmlNode *n, const char *name)
{
    for (const xmlNode *k = n ? n->children : NULL; k; k = k->next)
        if (is_elem(k, name))
            return k;
    return NULL;
}

/* Parse a fragment inside an explicit <html><body>, so that a leading
 * <script> or <style> stays in the body rather than moving to <head>. */
static htmlDocPtr parse_fragment(const char *html, size_t len, struct fc_error *err,
                                 const xmlNode **body)
{
    static const char pre[] = "<html><body>";
    struct fc_buf b;
    fc_buf_init(&b);
    badd(&b, pre, sizeof pre - 1);
    /* Feed text may hold NUL bytes and invalid UTF-8, and libxml2 passes
     * stray bytes through: drop the NULs (they end a C string anyway) and
     * replace bad sequences with U+FFFD, so the Markdown is valid UTF-8. */
    for (size_t i = 0; i < len && !b.oom;) {
        const char *nul = memchr(html + i, '\0', len - i);
        size_t n = nul ? (size_t)(nul - (html + i)) : len - i;
        fc_utf8_repair(&b, html + i, n);
        i += n + 1;
    }
    if (b.oom || b.len > (size_t)INT32_MAX) {
        bool oom = b.oom;
        fc_buf_free(&b);
        if (oom)
            fc_nomem(err);
        else
            fc_fail(err, FC_ELIMIT, NULL, 0, 0, "HTML fragment too large");
        return NULL;
    }
    htmlDocPtr doc = htmlReadMemory(b.data, (int)b.len, NULL, "UTF-8", html_parse_options);
    fc_buf_free(&b);
    if (!doc) {
        fc_nomem(err);
        return NULL;
    }
    const xmlNode *root = xmlDocGetRootElement(doc);
    *body = find_child(root, "body");
    return doc;
}

static enum fc_status canon_children(struct h2m *c, const xmlNode *first, struct fc_buf *out)
{
    struct canon k = {.c = c, .out = out, .boundary = true};
    for (const xmlNode *n = first; n; n = n->next)
        canon_node(&k, n);
    if (out->oom)
        h2m_fail(c, FC_ENOMEM);
    return c->st;
}

enum fc_status fc_html_canon(const char *html, size_t len, struct fc_buf *out, struct fc_error *err)
{
    const xmlNode *body = NULL;
    htmlDocPtr doc = parse_fragment(html ? html : "", html ? len : 0, err, &body);
    if (!doc)
        return err ? err->code : FC_ENOMEM;
    struct h2m c = {.err = err, .st = FC_OK};
    canon_children(&c, body ? body->children : NULL, out);
    xmlFreeDoc(doc);
    return c.st;
}

static bool verify_block(struct h2m *c, const xmlNode *n, const struct fc_buf *md)
{
    struct fc_buf html, want, got;
    fc_buf_init(&html);
    fc_buf_init(&want);
    fc_buf_init(&got);
    bool same = false;
    struct h2m sub = {.err = c->err, .st = FC_OK};
    struct canon k = {.c = &sub, .out = &want, .boundary = true};
    canon_node(&k, n);
    if (sub.st == FC_OK && !want.oom &&
        fc_markdown_to_html(md->data ? md->data : "", md->len, &html, c->err) == FC_OK &&
        fc_html_canon(fc_buf_cstr(&html), html.len, &got, c->err) == FC_OK) {
        same = got.len == want.len && memcmp(got.data, want.data, got.len) == 0;
    } else {
        h2m_fail(c, sub.st != FC_OK ? sub.st : FC_ENOMEM);
    }
    fc_buf_free(&html);
    fc_buf_free(&want);
    fc_buf_free(&got);
    return same;
}

/* The whole fragment's Markdown, rendered back in one piece, has the
 * fragment's normal form.  Top-level blocks are separated by blank lines
 * and nothing in one can change how another parses (link definitions are
 * never written: '[' is always escaped), so this holds exactly when every
 * block passes verify_block.  Anything but ENOMEM going wrong here (the
 * depth limit in the rendered HTML, say) is a plain "no": the per-block
 * check then decides, as it always did. */
static bool verify_whole(struct h2m *c, const xmlNode *first, const struct fc_buf *md)
{
    struct fc_buf html, want, got;
    fc_buf_init(&html);
    fc_buf_init(&want);
    fc_buf_init(&got);
    struct fc_error e = {0}; /* a "no" must not leave a message in c->err */
    struct h2m sub = {.err = &e, .st = FC_OK};
    bool same = false;
    enum fc_status st = canon_children(&sub, first, &want);
    if (st == FC_OK)
        st = fc_markdown_to_html(md->data ? md->data : "", md->len, &html, &e);
    if (st == FC_OK)
        st = fc_html_canon(fc_buf_cstr(&html), html.len, &got, &e);
    if (st == FC_OK)
        same = got.len == want.len && memcmp(got.data, want.data, got.len) == 0;
    else if (st == FC_ENOMEM)
        h2m_fail(c, FC_ENOMEM);
    fc_buf_free(&html);
    fc_buf_free(&want);
    fc_buf_free(&got);
    return same;
}

/* Convert body's children into md.  Verifying every top-level block on
 * its own costs a cmark run and an HTML parse per block, so the whole is
 * checked first (one of each per post) and the blocks only when the whole
 * differs: the second pass gives exactly what per-block checking gives. */
static void convert_body(struct h2m *c, const xmlNode *first, struct fc_buf *md, bool whole_first)
{
    c->verify_blocks = !whole_first;
    md_blocks(c, md, first, true, false);
    trim_right(md);
    if (!whole_first || c->st != FC_OK || c->md_top == 0 || verify_whole(c, first, md))
        return;
    if (c->st != FC_OK)
        return;
    fc_buf_reset(md);
    c->verify_blocks = true;
    c->md_top = 0;
    md_blocks(c, md, first, true, false);
    trim_right(md);
}

static enum fc_status html_to_markdown(const char *html, size_t len, struct fc_buf *out,
                                       struct fc_error *err, bool whole_first)
{
    const xmlNode *body = NULL;
    htmlDocPtr doc = parse_fragment(html ? html : "", html ? len : 0, err, &body);
    if (!doc)
        return err ? err->code : FC_ENOMEM;
    struct h2m c = {.err = err, .st = FC_OK};
    struct fc_buf md;
    fc_buf_init(&md);
    convert_body(&c, body ? body->children : NULL, &md, whole_first);
    if (c.st == FC_OK && md.len) {
        /* The input was repaired, so this is only a guard against bytes
         * libxml2 makes up itself: the promise is valid UTF-8. */
        if (fc_utf8_valid(md.data, md.len))
            badd(out, md.data, md.len);
        else
            fc_utf8_repair(out, md.data, md.len);
        bput(out, '\n');
    }
    if (c.st == FC_OK && (md.oom || out->oom))
        h2m_fail(&c, FC_ENOMEM);
    fc_buf_free(&md);
    xmlFreeDoc(doc);
    return c.st;
}

enum fc_status fc_html_to_markdown(const char *html, size_t len, struct fc_buf *out,
                                   struct fc_error *err)
{
    return html_to_markdown(html, len, out, err, true);
}

enum fc_status fc_html_to_markdown_blockwise(const char *html, size_t len, struct fc_buf *out,
                                             struct fc_error *err)
{
    return html_to_markdown(html, len, out, err, false);
}
