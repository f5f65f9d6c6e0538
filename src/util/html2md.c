/*
 * html2md.c - HTML fragment -> CommonMark/GFM Markdown.
 *
 * The goal is fidelity, not prettiness: cmark-gfm (md2html.c) must turn the
 * Markdown back into the same document, "exact" as html2md.h defines it.
 * So Markdown is used only where it says exactly what the HTML said, and
 * everything else is kept as raw HTML:
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
 *   <ul>, <ol start>, <li>             "- " / "3. " lists, nested; loose
 *                                      (blank lines) when the items hold <p>
 *   <blockquote>                       "> "
 *   <pre><code [class=language-x]>     ```x fenced block
 *   <table> thead/tbody, align         GFM table
 *   <hr>                               ---
 *   <!-- comments -->, <!--more-->     kept verbatim
 *   anything else, or any of the above with other attributes or content
 *   Markdown cannot hold                raw HTML (inline: the tags around
 *                                      Markdown content; block: the whole
 *                                      element, with no blank line in it)
 *
 * Raw HTML must stay one HTML block, or one inline run, in cmark's eyes
 * (CommonMark 0.29 "HTML blocks", cmark-gfm's scanners.re):
 *  - a raw block starts with its own start tag when that starts an HTML
 *    block (<div>: type 6; <pre>, <script>: type 1, which ends at the
 *    first line holding </pre>, </script> or </style>, so only when that
 *    line is its last); blank lines inside are folded away, or written as
 *    &#10; where whitespace counts (pre), or kept when the block is one
 *    script or style element (type 1 does not end at a blank line);
 *  - text and inline elements at the top level (Blogger's "text<br>text",
 *    an <iframe> or <video> between paragraphs) are no paragraph: cmark
 *    would wrap them in <p>.  They are raw HTML too: on the lines right
 *    after a raw block (the same type 6/7 block, which ends only at a blank
 *    line), or after a line "</raw-html>": an end tag of no open element,
 *    which starts an HTML block (type 7) and which every HTML parser
 *    ignores, libxml2 and the browsers alike (HTML's "any other end tag"),
 *    so no element, attribute or text is added;
 *  - in a paragraph, a <br> right before an <iframe>, a comment or any
 *    other type 1-6 start stays "<br />" on the same line: on a line of
 *    its own the tag would end the paragraph;
 *  - text in a <blockquote> or in a loose list item outside <p> cannot be
 *    written without the <p> cmark adds: such a container stays raw.
 *
 * Other real-world quirks handled:
 *  - cmark-gfm rewrites hrefs it considers unsafe to print (%-encoding
 *    [ ] ^ | { } \ ` " < > space and non-ASCII), so such links stay raw;
 *  - the GFM autolink extension links bare URLs, www. and e-mail addresses
 *    in text: "://" and "www." are broken with a backslash escape; e-mail
 *    addresses cannot be escaped, which the check below catches;
 *  - a Markdown image always gets alt="", so an <img> without alt is raw;
 *  - Hugo shortcodes start with "{{<" or "{{%": '<' and '%' are escaped;
 *  - libxml2 2.9 does not know <source>, <wbr>, <track> or <embed> as
 *    empty and nests what follows them inside: they are written with
 *    their children and an end tag (which a browser ignores);
 *  - feed HTML may hold NUL bytes and invalid UTF-8: NULs are dropped and
 *    bad sequences become U+FFFD before parsing (the Markdown is always
 *    valid UTF-8); <code> with markup inside stays raw HTML.
 *
 * Safety net: every top-level element written as Markdown is converted
 * back with cmark-gfm and compared with the source in normal form
 * (html_canon.c); when they differ the element is written as raw HTML
 * instead.  So the Markdown may be plainer than it could be, but it says
 * what the HTML said.  The whole post is checked first (one cmark run per
 * post, and cmark's HTML read by a scanner rather than parsed again); the
 * blocks are checked one by one only when the whole differs (convert_body).
 */
#include "util/html2md.h"

#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>

#define H2M_MAX_DEPTH 200u

/* The line that opens a raw HTML block where nothing else can (above). */
static const char raw_marker[] = "</raw-html>";

struct h2m {
    struct fc_error *err;
    enum fc_status st; /* the first failure; output is abandoned */
    unsigned depth;
    unsigned opts;      /* FC_H2M_* */
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

/* ---- names ----------------------------------------------------------- */

static bool in_list(const char *name, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (strcmp(name, list[i]) == 0)
            return true;
    return false;
}

static unsigned name_flags(const xmlNode *n)
{
    return fc_html_tag_flags((const char *)n->name, strlen((const char *)n->name));
}

static bool is_elem(const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

/* A block of its own in Markdown: a block boundary of the normal form
 * whose start tag also starts an HTML block, so that written raw it stays
 * one block.  Everything else (text, inline elements, <iframe>) belongs to
 * an inline run. */
static bool is_block(const xmlNode *n)
{
    if (n->type != XML_ELEMENT_NODE || !(name_flags(n) & FC_T_CM_BLOCK))
        return false;
    return (fc_html_node_flags(n) & FC_T_BLOCK) != 0;
}

static bool is_ws(int c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Bytes that end a run of text copied as it is, per writer: the writers
 * below copy runs with one fc_buf_add instead of a call per byte. */
enum {
    B_RAW = 1, /* raw_text: CR, LF, & < > */
    B_MD = 2,  /* md_text: whitespace and what it may escape */
};

/* clang-format off */
static const unsigned char byte_class[256] = {
    [0] = 0xff, /* the terminator ends every run */
    ['\n'] = B_MD | B_RAW, ['\r'] = B_MD | B_RAW, ['&'] = B_MD | B_RAW, ['<'] = B_MD | B_RAW,
    ['>'] = B_RAW,
    [' '] = B_MD, ['\t'] = B_MD, ['\f'] = B_MD,
    ['\\'] = B_MD, ['`'] = B_MD, ['*'] = B_MD, ['['] = B_MD, [']'] = B_MD, ['|'] = B_MD,
    ['~'] = B_MD, ['_'] = B_MD, [':'] = B_MD, ['.'] = B_MD, ['%'] = B_MD, ['#'] = B_MD,
};
/* clang-format on */

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

/* FC_ELIMIT (too deep) stops the conversion of the current top-level
 * block, which then stays raw HTML (one_block): no message for it. */
static enum fc_status h2m_fail(struct h2m *c, enum fc_status st)
{
    if (c->st == FC_OK) {
        c->st = st;
        if (st == FC_ENOMEM)
            fc_nomem(c->err);
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

/* ---- cmark's HTML block starts ---------------------------------------- */

static bool cm_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

static bool cm_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* cmark's tagname at s ([A-Za-z][A-Za-z0-9-]*): its length, 0 if none. */
static size_t cm_tagname(const char *s, const char *end)
{
    const char *p = s;
    if (p >= end || !cm_alpha(*p))
        return 0;
    while (p < end && (is_alnum((unsigned char)*p) || *p == '-'))
        p++;
    return (size_t)(p - s);
}

/* cmark's open or closing tag at s (after '<'), as html2md writes them
 * (double-quoted values): its length, 0 if none. */
static size_t cm_tag(const char *s, const char *end)
{
    const char *p = s;
    bool close = p < end && *p == '/';
    p += close;
    size_t n = cm_tagname(p, end);
    if (!n)
        return 0;
    p += n;
    while (!close && p < end && cm_space(*p)) {
        while (p < end && cm_space(*p))
            p++;
        const char *a = p; /* attributename [a-zA-Z_:][a-zA-Z0-9:._-]* */
        if (p < end && (cm_alpha(*p) || *p == '_' || *p == ':'))
            while (p < end && (is_alnum((unsigned char)*p) || strchr(":._-", *p)))
                p++;
        if (p == a)
            break;
        if (p < end && *p == '=') {
            if (++p >= end || *p != '"')
                return 0;
            const char *q = memchr(p + 1, '"', (size_t)(end - p - 1));
            if (!q)
                return 0;
            p = q + 1;
        }
    }
    while (p < end && cm_space(*p))
        p++;
    if (!close && p < end && *p == '/')
        p++;
    return p < end && *p == '>' ? (size_t)(p + 1 - s) : 0;
}

/* The HTML block type (1-7) a line starts, 0 for none; interrupt: the
 * line would continue a paragraph, where type 7 cannot start.  Up to
 * three spaces of indentation are allowed, as in cmark. */
static int cm_block_start(const char *s, size_t len, bool interrupt)
{
    const char *end = s + len, *nl = memchr(s, '\n', len);
    if (nl)
        end = nl;
    for (int i = 0; i < 3 && s < end && *s == ' '; i++)
        s++;
    if (s >= end || *s != '<')
        return 0;
    const char *p = s + 1;
    size_t left = (size_t)(end - p);
    if (left >= 3 && memcmp(p, "!--", 3) == 0)
        return 2;
    if (left >= 1 && *p == '?')
        return 3;
    if (left >= 8 && memcmp(p, "![CDATA[", 8) == 0)
        return 5;
    if (left >= 2 && *p == '!' && p[1] >= 'A' && p[1] <= 'Z')
        return 4;
    bool close = left && *p == '/';
    size_t n = cm_tagname(p + close, end);
    if (n && n < 16) {
        char name[16];
        for (size_t i = 0; i < n; i++)
            name[i] = (char)(p[close + i] | 0x20); /* letters, digits and '-' only */
        unsigned f = fc_html_tag_flags(name, n);
        const char *q = p + close + n;
        bool space = q == end || cm_space(*q); /* end: the line's newline */
        bool gt = q < end && (*q == '>' || (*q == '/' && q + 1 < end && q[1] == '>'));
        if ((f & FC_T_CM_TYPE1) && !close && (space || (q < end && *q == '>')))
            return 1;
        if ((f & FC_T_CM_BLOCK) && !(f & FC_T_CM_TYPE1) && (space || gt))
            return 6;
    }
    if (interrupt)
        return 0;
    size_t t = cm_tag(p, end);
    if (!t)
        return 0;
    for (const char *q = p + t; q < end; q++)
        if (*q != ' ' && *q != '\t' && *q != '\f')
            return 0;
    return 7;
}

/* Does the HTML block of type 1 or 2 that starts html end on its last
 * line (and not before, which would leave the rest to Markdown)? */
static bool cm_block_ends_last(const char *html, size_t len, int type)
{
    static const char *const ends1[] = {"</script>", "</pre>", "</style>", NULL};
    static const char *const ends2[] = {"-->", NULL};
    const char *const *ends = type == 1 ? ends1 : ends2;
    const char *last = html;
    for (const char *p = html; (p = memchr(p, '\n', len - (size_t)(p - html))); p++)
        last = p + 1;
    for (const char *p = html; p < html + len; p++) {
        for (size_t i = 0; ends[i]; i++) {
            size_t n = strlen(ends[i]);
            if ((size_t)(html + len - p) >= n && fc_strncasecmp(p, ends[i], n) == 0)
                return p >= last;
        }
    }
    return false;
}

/* True when no line of md after the first starts an HTML block or is
 * blank: cmark would end a paragraph there. */
static bool lines_continue(const char *md, size_t len)
{
    const char *end = md + len;
    for (const char *p = memchr(md, '\n', len); p; p = memchr(p, '\n', (size_t)(end - p))) {
        p++;
        const char *q = p;
        while (q < end && (*q == ' ' || *q == '\t'))
            q++;
        if (q == end || *q == '\n' || cm_block_start(p, (size_t)(end - p), true))
            return false;
    }
    return true;
}

/* ---- raw HTML -------------------------------------------------------- */

/* Where raw text is written. */
enum {
    RAW_KEEPWS = 1,  /* whitespace counts: a blank line is written as &#10; */
    RAW_TEXT = 2,    /* script or style: no references, written as it is */
    RAW_BLANK_OK = 4 /* a type 1 block: blank lines may stay */
};

/* True when the current line of b holds only spaces and tabs, so that a
 * newline now would make a blank line (which ends an HTML block).  A CR
 * ends a line too (CommonMark): "\r\r" and "\r\r\n" are blank lines. */
static bool line_blank(const struct fc_buf *b)
{
    size_t i = b->len;
    while (i > 0 && (b->data[i - 1] == ' ' || b->data[i - 1] == '\t'))
        i--;
    return i == 0 || b->data[i - 1] == '\n' || b->data[i - 1] == '\r';
}

static void raw_text(struct fc_buf *b, const char *s, unsigned how)
{
    bool rawtext = how & RAW_TEXT;
    for (; s && *s; s++) {
        size_t run = plain_run(s, B_RAW);
        if (run) {
            fc_buf_add(b, s, run);
            s += run - 1;
            continue;
        }
        char ch = *s;
        if (ch == '\r' && (how & RAW_KEEPWS) && !rawtext) {
            fc_buf_puts(b, "&#13;"); /* cmark would make it a line ending */
        } else if (ch == '\n' || ch == '\r') {
            if (!line_blank(b) || (how & RAW_BLANK_OK))
                fc_buf_putc(b, ch);
            else if ((how & RAW_KEEPWS) && !rawtext)
                fc_buf_puts(b, "&#10;");
            /* else: whitespace only, folded away (or, in a script inside
             * a type 6 block, lost: nothing else can write it there) */
        } else if (!rawtext && ch == '&') {
            fc_buf_puts(b, "&amp;");
        } else if (!rawtext && ch == '<') {
            fc_buf_puts(b, "&lt;");
        } else if (!rawtext && ch == '>') {
            fc_buf_puts(b, "&gt;");
        } else {
            fc_buf_putc(b, ch);
        }
    }
}

static void raw_open_tag(struct fc_buf *b, const xmlNode *n)
{
    fc_buf_putc(b, '<');
    fc_buf_puts(b, (const char *)n->name);
    for (const xmlAttr *a = n->properties; a; a = a->next) {
        fc_buf_putc(b, ' ');
        if (a->ns && a->ns->prefix) {
            fc_buf_puts(b, (const char *)a->ns->prefix);
            fc_buf_putc(b, ':');
        }
        fc_buf_puts(b, (const char *)a->name);
        fc_buf_add(b, "=\"", 2);
        for (const xmlNode *t = a->children; t; t = t->next)
            if (t->type == XML_TEXT_NODE && t->content)
                fc_html_attr_escape(b, (const char *)t->content, strlen((const char *)t->content));
        fc_buf_putc(b, '"');
    }
    /* libxml2 nests what follows <source> or <wbr> inside: a void element
     * with children is written with them and an end tag */
    fc_buf_puts(b, (name_flags(n) & FC_T_VOID) && !n->children ? " />" : ">");
}

static void raw_close_tag(struct fc_buf *b, const xmlNode *n)
{
    if ((name_flags(n) & FC_T_VOID) && !n->children)
        return;
    fc_buf_add(b, "</", 2);
    fc_buf_puts(b, (const char *)n->name);
    fc_buf_putc(b, '>');
}

static void raw_comment(struct fc_buf *b, const xmlNode *n, unsigned how)
{
    fc_buf_add(b, "<!--", 4);
    raw_text(b, (const char *)n->content, how | RAW_TEXT);
    fc_buf_add(b, "-->", 3);
}

/* Serialise root (and its subtree) as HTML that contains no blank line
 * (unless how says RAW_BLANK_OK).  A walk by the tree's own links, not a
 * recursion: raw HTML is where a subtree too deep for Markdown goes, so
 * it has no depth limit.  keep_at and text_at are the elements that set
 * RAW_KEEPWS and RAW_TEXT for their descendants. */
static void raw_node(struct fc_buf *b, const xmlNode *root, unsigned how)
{
    const xmlNode *n = root, *keep_at = NULL, *text_at = NULL;
    for (;;) {
        switch (n->type) {
        case XML_ELEMENT_NODE: {
            raw_open_tag(b, n);
            unsigned f = fc_html_node_flags(n);
            if ((f & FC_T_KEEPWS) && !(how & RAW_KEEPWS))
                how |= RAW_KEEPWS, keep_at = n;
            if ((f & FC_T_RAWTEXT) && !(how & RAW_TEXT))
                how |= RAW_TEXT, text_at = n;
            if (n->children) {
                n = n->children;
                continue;
            }
            break;
        }
        case XML_TEXT_NODE:
        case XML_CDATA_SECTION_NODE:
            raw_text(b, (const char *)n->content, how);
            break;
        case XML_COMMENT_NODE:
            raw_comment(b, n, how & RAW_BLANK_OK);
            break;
        case XML_ENTITY_REF_NODE:
            fc_buf_putc(b, '&');
            fc_buf_puts(b, (const char *)n->name);
            fc_buf_putc(b, ';');
            break;
        default:
            break;
        }
        /* n is done: close it and the ancestors it was the last child of */
        for (;;) {
            if (n->type == XML_ELEMENT_NODE) {
                raw_close_tag(b, n);
                if (n == keep_at)
                    how &= ~(unsigned)RAW_KEEPWS, keep_at = NULL;
                if (n == text_at)
                    how &= ~(unsigned)RAW_TEXT, text_at = NULL;
            }
            if (n == root)
                return;
            if (n->next) {
                n = n->next;
                break;
            }
            n = n->parent;
        }
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
                fc_buf_add(b, s + i, run);
                i += run - 1;
                continue;
            }
        }
        if (is_ws(ch)) {
            char prev = last_char(b);
            if (!st->line_start && prev != ' ' && prev != '\n')
                fc_buf_putc(b, ' ');
            continue;
        }
        if (st->line_start) {
            st->line_start = false;
            if (ch == '#' || ch == '>' || ch == '+' || ch == '-' || ch == '=') {
                fc_buf_putc(b, '\\');
                fc_buf_putc(b, (char)ch);
                continue;
            }
            if (ch >= '0' && ch <= '9') {
                size_t j = i;
                while (s[j] >= '0' && s[j] <= '9')
                    j++;
                if (s[j] == '.' || s[j] == ')') {
                    fc_buf_add(b, s + i, j - i);
                    fc_buf_putc(b, '\\');
                    fc_buf_putc(b, s[j]);
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
            fc_buf_putc(b, '\\');
            fc_buf_putc(b, (char)ch);
            break;
        case '_': /* intraword '_' never delimits; escape only at word edges */
            if (!(i > 0 && is_alnum((unsigned char)s[i - 1]) && is_alnum((unsigned char)s[i + 1])))
                fc_buf_putc(b, '\\');
            fc_buf_putc(b, '_');
            break;
        case '&':
            if (entity_like(s + i))
                fc_buf_putc(b, '\\');
            fc_buf_putc(b, '&');
            break;
        case ':': /* break GFM URL autolinks */
            if (s[i + 1] == '/' && s[i + 2] == '/')
                fc_buf_putc(b, '\\');
            fc_buf_putc(b, ':');
            break;
        case '.': /* break GFM www. autolinks */
            if (i >= 3 && fc_strncasecmp(s + i - 3, "www", 3) == 0)
                fc_buf_putc(b, '\\');
            fc_buf_putc(b, '.');
            break;
        case '%': /* Hugo shortcode "{{%" */
            if (i >= 2 && s[i - 1] == '{' && s[i - 2] == '{')
                fc_buf_putc(b, '\\');
            fc_buf_putc(b, '%');
            break;
        case '#':
            if (st->heading)
                fc_buf_putc(b, '\\');
            fc_buf_putc(b, '#');
            break;
        default:
            fc_buf_putc(b, (char)ch);
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
        fc_buf_puts(b, "<>");
        return;
    }
    for (const char *p = u; *p; p++) {
        if (*p == '(' || *p == ')' || (*p == '&' && entity_like(p)))
            fc_buf_putc(b, '\\');
        fc_buf_putc(b, *p);
    }
}

static void md_title(struct fc_buf *b, const char *t)
{
    fc_buf_puts(b, " \"");
    for (const char *p = t; *p; p++) {
        if (*p == '"' || *p == '\\' || (*p == '&' && entity_like(p)))
            fc_buf_putc(b, '\\');
        fc_buf_putc(b, *p);
    }
    fc_buf_putc(b, '"');
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

/* Raw open tag, Markdown content, raw close tag; all raw where Markdown
 * cannot hold the content (void, script, whitespace that counts). */
static void md_raw_inline(struct h2m *c, struct fc_buf *b, const xmlNode *n, struct inl *st)
{
    unsigned f = fc_html_node_flags(n);
    if (f & (FC_T_VOID | FC_T_RAWTEXT | FC_T_KEEPWS)) {
        raw_node(b, n, 0);
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
        fc_buf_puts(b, delim);
        fc_buf_add(b, tmp.data, tmp.len);
        fc_buf_puts(b, delim);
    } else {
        raw_open_tag(b, n);
        fc_buf_add(b, tmp.data, tmp.len);
        raw_close_tag(b, n);
    }
    st->line_start = false;
    fc_buf_free(&tmp);
}

/* The state inside the text of a link or image: no nested links. */
static struct inl link_text(const struct inl *st)
{
    struct inl sub = *st;
    sub.line_start = false;
    sub.link = true;
    return sub;
}

/* "](dest "title")", which ends a link or image. */
static void md_link_end(struct fc_buf *b, const char *dest, const char *title, struct inl *st)
{
    fc_buf_puts(b, "](");
    md_dest(b, dest);
    if (title)
        md_title(b, title);
    fc_buf_putc(b, ')');
    st->line_start = false;
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
    struct inl sub = link_text(st);
    fc_buf_putc(b, '[');
    md_inlines(c, b, n->children, &sub);
    md_link_end(b, href, title, st);
}

static void md_img(struct fc_buf *b, const xmlNode *n, struct inl *st)
{
    static const char *const allowed[] = {"src", "alt", "title", NULL};
    const char *src = attr(n, "src");
    const char *alt = attr(n, "alt");
    const char *title = attr(n, "title");
    if (!src || !alt || !attrs_within(n, allowed) || !url_md_safe(src) || has_newline(alt) ||
        has_newline(title)) {
        raw_node(b, n, 0);
        st->line_start = false;
        return;
    }
    struct inl sub = link_text(st);
    fc_buf_puts(b, "![");
    md_text(b, alt, &sub);
    md_link_end(b, src, title, st);
}

static void md_code(struct h2m *c, struct fc_buf *b, const xmlNode *n, struct inl *st)
{
    /* Only text children make a code span; markup inside (<b>) keeps the
     * element raw, and element nodes have no content to collect. */
    if (attr_count(n) != 0 || !only_text_children(n)) {
        md_raw_inline(c, b, n, st);
        return;
    }
    /* The span's content as cmark will read it: line endings become
     * spaces, '|' is escaped in a table cell (GFM splits cells first). */
    struct fc_buf text;
    fc_buf_init(&text);
    size_t run = 0, maxrun = 0;
    bool all_space = true;
    for (const xmlNode *k = n->children; k; k = k->next) {
        for (const char *p = (const char *)k->content; p && *p; p++) {
            run = *p == '`' ? run + 1 : 0;
            if (run > maxrun)
                maxrun = run;
            if (*p == '\n' || *p == '\r')
                fc_buf_putc(&text, ' ');
            else if (*p == '|' && st->cell)
                fc_buf_add(&text, "\\|", 2);
            else
                fc_buf_putc(&text, *p);
            if (*p != ' ' && *p != '\n' && *p != '\r')
                all_space = false;
        }
    }
    if (text.oom) {
        fc_buf_free(&text);
        h2m_fail(c, FC_ENOMEM);
        return;
    }
    if (text.len == 0 || all_space) {
        fc_buf_free(&text);
        md_raw_inline(c, b, n, st);
        return;
    }
    /* cmark strips one space from each end when both ends have one; a
     * backtick at an end needs a space to part it from the fence */
    const char *s = text.data;
    size_t len = text.len;
    bool pad = s[0] == '`' || s[len - 1] == '`' || (s[0] == ' ' && s[len - 1] == ' ');
    for (size_t i = 0; i <= maxrun; i++)
        fc_buf_putc(b, '`');
    if (pad)
        fc_buf_putc(b, ' ');
    fc_buf_add(b, s, len);
    if (pad)
        fc_buf_putc(b, ' ');
    for (size_t i = 0; i <= maxrun; i++)
        fc_buf_putc(b, '`');
    st->line_start = false;
    fc_buf_free(&text);
}

/* Is there inline content after n (up to the next block)? */
static bool content_follows(const xmlNode *n)
{
    for (; n && !is_block(n); n = n->next)
        if (n->type == XML_ELEMENT_NODE || (n->type == XML_TEXT_NODE && !blank_text(n)))
            return true;
    return false;
}

/* Would what follows a <br> at n start a line with an HTML block start
 * of type 1-6 (a comment, <iframe>, <script>...)?  Such a line ends the
 * paragraph, so the <br> stays on the line before. */
static bool block_start_follows(const xmlNode *n)
{
    while (n && blank_text(n))
        n = n->next;
    if (!n)
        return false;
    if (n->type == XML_COMMENT_NODE)
        return true;
    return n->type == XML_ELEMENT_NODE && (name_flags(n) & FC_T_CM_BLOCK);
}

static void md_br(struct fc_buf *b, const xmlNode *n, struct inl *st)
{
    if (st->heading || st->cell || attr_count(n) || !content_follows(n->next)) {
        raw_node(b, n, 0);
        st->line_start = false;
    } else if (block_start_follows(n->next)) {
        fc_buf_puts(b, "<br />");
        st->line_start = false;
    } else {
        while (b->len && b->data[b->len - 1] == ' ')
            b->len--;
        fc_buf_add(b, "\\\n", 2);
        st->line_start = true;
    }
}

static void md_inline(struct h2m *c, struct fc_buf *b, const xmlNode *n, struct inl *st)
{
    switch (n->type) {
    case XML_TEXT_NODE:
    case XML_CDATA_SECTION_NODE:
        md_text(b, (const char *)n->content, st);
        return;
    case XML_COMMENT_NODE:
        raw_comment(b, n, 0);
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
    if (strcmp(name, "br") == 0)
        md_br(b, n, st);
    else if (strcmp(name, "em") == 0)
        md_emph(c, b, n, st, "*");
    else if (strcmp(name, "strong") == 0)
        md_emph(c, b, n, st, "**");
    else if (strcmp(name, "del") == 0)
        md_emph(c, b, n, st, "~~");
    else if (strcmp(name, "a") == 0)
        md_link(c, b, n, st);
    else if (strcmp(name, "img") == 0)
        md_img(b, n, st);
    else if (strcmp(name, "code") == 0)
        md_code(c, b, n, st);
    else
        md_raw_inline(c, b, n, st);
    leave(c);
}

static void md_inlines(struct h2m *c, struct fc_buf *b, const xmlNode *first, struct inl *st)
{
    for (const xmlNode *n = first; n && c->st == FC_OK; n = n->next)
        md_inline(c, b, n, st);
}

/* ---- Markdown blocks ------------------------------------------------- */

/* What holds a sequence of blocks, and so what an inline run becomes. */
enum ctx {
    CTX_TOP,   /* the fragment: a run is raw HTML */
    CTX_QUOTE, /* a blockquote: a run would become a <p> */
    CTX_TIGHT, /* an item of a tight list: a run is the item's bare text */
    CTX_LOOSE, /* an item of a loose list: a run would become a <p> */
};

enum blk {
    BLK_NONE,
    BLK_MD, /* Markdown other than a list */
    BLK_UL,
    BLK_OL,
    BLK_RAW,      /* raw HTML in another block (type 1 or 2, or separate) */
    BLK_RAW_OPEN, /* raw HTML of type 6 or 7: the lines after it join it */
};

struct blocks {
    struct fc_buf *out;
    enum ctx ctx;
    enum blk prev;
    int ul_alt, ol_alt; /* marker variant of the previous list, to keep adjacent lists apart */
};

static bool md_blocks(struct h2m *c, struct fc_buf *out, const xmlNode *first, enum ctx ctx);

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
            fc_buf_puts(out, first);
        else
            fc_buf_puts(out, j == i ? rest_blank : rest);
        fc_buf_add(out, text + i, j - i);
        if (j < len)
            fc_buf_putc(out, '\n');
        i = j + 1;
        firstline = false;
    }
    if (firstline)
        fc_buf_puts(out, first);
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

/* A list item holding a <p> makes cmark's list loose: every paragraph of
 * every item in <p>, items apart by blank lines. */
static bool has_p_child(const xmlNode *li)
{
    for (const xmlNode *k = li->children; k; k = k->next)
        if (is_elem(k, "p"))
            return true;
    return false;
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
    bool loose = false;
    for (const xmlNode *k = n->children; k; k = k->next) {
        if (is_elem(k, "li") ? attr_count(k) != 0 : !blank_text(k))
            return false;
        if (is_elem(k, "li") && has_p_child(k))
            loose = true;
    }
    long num = start;
    bool ok = true;
    for (const xmlNode *k = n->children; k && ok && c->st == FC_OK; k = k->next) {
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
        ok = md_blocks(c, &item, k->children, loose ? CTX_LOOSE : CTX_TIGHT);
        trim_right(&item);
        if (b->len)
            fc_buf_puts(b, loose ? "\n\n" : "\n");
        if (item.len == 0) {
            marker[w - 1] = '\0'; /* an empty item: the marker alone */
            fc_buf_puts(b, marker);
        } else {
            prefix_lines(b, item.data, item.len, marker, indent, "");
        }
        if (item.oom)
            h2m_fail(c, FC_ENOMEM);
        fc_buf_free(&item);
    }
    return ok;
}

/* <pre><code [class=language-x]>text</code></pre>, the text ending with a
 * newline (cmark ends a code block's text with one), no CR. */
static bool md_pre(struct h2m *c, struct fc_buf *b, const xmlNode *n)
{
    static const char *const allowed[] = {"class", NULL};
    const xmlNode *code = n->children;
    if (attr_count(n) || !is_elem(code, "code") || code->next || !attrs_within(code, allowed) ||
        !only_text_children(code))
        return false;
    const char *lang = NULL, *cls = attr(code, "class");
    if (cls) {
        if (strncmp(cls, "language-", 9) != 0 || !cls[9] || strpbrk(cls, " \t\n`"))
            return false;
        lang = cls + 9;
    }
    struct fc_buf text;
    fc_buf_init(&text);
    for (const xmlNode *k = code->children; k; k = k->next)
        if (k->content)
            fc_buf_puts(&text, (const char *)k->content);
    if (text.oom) {
        fc_buf_free(&text);
        h2m_fail(c, FC_ENOMEM);
        return true; /* c->st stops the conversion */
    }
    const char *s = fc_buf_cstr(&text);
    if (strchr(s, '\r') || (text.len && s[text.len - 1] != '\n')) {
        fc_buf_free(&text);
        return false;
    }
    size_t run = 0, maxrun = 2;
    for (const char *p = s; *p; p++) {
        run = *p == '`' ? run + 1 : 0;
        if (run > maxrun)
            maxrun = run;
    }
    for (size_t i = 0; i <= maxrun; i++)
        fc_buf_putc(b, '`');
    if (lang)
        fc_buf_puts(b, lang);
    fc_buf_putc(b, '\n');
    fc_buf_puts(b, s);
    for (size_t i = 0; i <= maxrun; i++)
        fc_buf_putc(b, '`');
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
            fc_buf_putc(b, '|');
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
                fc_buf_putc(b, ' ');
                if (tmp.len > lead) /* an empty cell has no data to point into */
                    fc_buf_add(b, tmp.data + lead, tmp.len - lead);
                fc_buf_puts(b, " |");
                if (tmp.oom)
                    h2m_fail(c, FC_ENOMEM);
                fc_buf_free(&tmp);
            }
            fc_buf_putc(b, '\n');
            if (part == 0) {
                fc_buf_putc(b, '|');
                for (i = 0; i < ncol; i++) {
                    const char *a = align[i];
                    if (!a)
                        fc_buf_puts(b, " --- |");
                    else if (strcmp(a, "left") == 0)
                        fc_buf_puts(b, " :-- |");
                    else if (strcmp(a, "right") == 0)
                        fc_buf_puts(b, " --: |");
                    else
                        fc_buf_puts(b, " :-: |");
                }
                fc_buf_putc(b, '\n');
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
        return b->len > 0 && b->data[0] != '<' && lines_continue(b->data, b->len);
    }
    if (name[0] == 'h' && name[1] >= '1' && name[1] <= '6' && !name[2]) {
        if (attr_count(n))
            return false;
        for (int i = 0; i < name[1] - '0'; i++)
            fc_buf_putc(b, '#');
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
            fc_buf_putc(b, ' ');
            fc_buf_add(b, tmp.data + lead, tmp.len - lead);
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
        bool ok = md_blocks(c, &tmp, n->children, CTX_QUOTE);
        trim_right(&tmp);
        prefix_lines(b, tmp.data ? tmp.data : "", tmp.len, tmp.len ? "> " : ">", "> ", ">");
        if (tmp.oom)
            h2m_fail(c, FC_ENOMEM);
        fc_buf_free(&tmp);
        return ok;
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
        fc_buf_puts(b, "---");
        return true;
    }
    if (strcmp(name, "table") == 0)
        return md_table(c, b, n);
    return false;
}

/* Append a finished block: blank lines apart, or one newline (a tight
 * list item; raw HTML joining the open HTML block before it). */
static void add_block(struct blocks *bs, const struct fc_buf *blk, enum blk kind, bool join)
{
    if (blk->len == 0)
        return;
    if (bs->out->len)
        fc_buf_puts(bs->out, join || bs->ctx == CTX_TIGHT ? "\n" : "\n\n");
    fc_buf_add(bs->out, blk->data, blk->len);
    bs->prev = kind;
}

/* Add raw HTML r as an HTML block of its own where its first line starts
 * one that ends on its last line; else on the lines after an open raw
 * block (type 6 or 7: it ends only at a blank line); else after a
 * "</raw-html>" line. */
static void add_raw(struct blocks *bs, struct fc_buf *r)
{
    size_t lead = 0;
    while (lead < r->len && is_ws((unsigned char)r->data[lead]))
        lead++; /* whitespace at a block boundary */
    trim_right(r);
    if (lead >= r->len)
        return;
    struct fc_buf one = {.data = r->data + lead, .len = r->len - lead, .cap = r->len - lead + 1};
    int type = cm_block_start(one.data, one.len, false);
    if (type == 6 || type == 7 ||
        ((type == 1 || type == 2) && cm_block_ends_last(one.data, one.len, type))) {
        add_block(bs, &one, type >= 6 ? BLK_RAW_OPEN : BLK_RAW, false);
    } else if (bs->prev == BLK_RAW_OPEN) {
        add_block(bs, &one, BLK_RAW_OPEN, true);
    } else {
        struct fc_buf marked;
        fc_buf_init(&marked);
        fc_buf_puts(&marked, raw_marker);
        fc_buf_putc(&marked, '\n');
        fc_buf_add(&marked, one.data, one.len);
        add_block(bs, &marked, BLK_RAW_OPEN, false);
        if (marked.oom)
            bs->out->oom = true;
        fc_buf_free(&marked);
    }
}

/* Convert md back and compare with [first, end) in normal form. */
static bool same_html(struct h2m *c, const xmlNode *first, const xmlNode *end,
                      const struct fc_buf *md);

/* A block element: Markdown when it says the same (checked here at the
 * top level when c->verify_blocks), else raw. */
static void one_block(struct h2m *c, struct blocks *bs, struct fc_buf *blk, const xmlNode *n)
{
    enum blk kind = is_elem(n, "ul") ? BLK_UL : is_elem(n, "ol") ? BLK_OL : BLK_MD;
    unsigned depth = c->depth;
    if (!enter(c))
        return;
    bool md = md_block(c, blk, n, bs);
    c->depth = depth;
    bool top = bs->ctx == CTX_TOP;
    if (c->st != FC_OK) {
        if (!top || c->st != FC_ELIMIT)
            return;
        c->st = FC_OK; /* nested too deep for Markdown: the block stays raw */
        md = false;
    }
#ifndef FC_H2M_NO_VERIFY /* defined only when debugging the converter itself */
    if (md && top && c->verify_blocks && c->st == FC_OK && !same_html(c, n, n->next, blk))
        md = false;
#endif
    if (md) {
        c->md_top += top;
        add_block(bs, blk, kind, false);
        return;
    }
    fc_buf_reset(blk);
    raw_node(blk, n, 0);
    add_raw(bs, blk);
}

/* The end of the inline run that starts at n: the next block element. */
static const xmlNode *run_end(const xmlNode *n, bool *content)
{
    *content = false;
    for (; n && !is_block(n); n = n->next)
        if (n->type == XML_ELEMENT_NODE || (n->type == XML_TEXT_NODE && !blank_text(n)))
            *content = true;
    return n;
}

/* The one element among [n, end) but blank text, or NULL. */
static const xmlNode *single_element(const xmlNode *n, const xmlNode *end)
{
    const xmlNode *el = NULL;
    for (; n != end; n = n->next) {
        if (blank_text(n))
            continue;
        if (el || n->type != XML_ELEMENT_NODE)
            return NULL;
        el = n;
    }
    return el;
}

/* An inline run [n, end): bare Markdown text in a tight list item, raw
 * HTML at the top level; false elsewhere (cmark would add a <p>). */
static bool one_run(struct h2m *c, struct blocks *bs, struct fc_buf *blk, const xmlNode *n,
                    const xmlNode *end)
{
    if (bs->ctx == CTX_TIGHT) {
        struct inl st = {.line_start = true};
        for (; n != end && c->st == FC_OK; n = n->next)
            md_inline(c, blk, n, &st);
        trim_right(blk);
        add_block(bs, blk, BLK_MD, false);
        return lines_continue(blk->data ? blk->data : "", blk->len);
    }
    if (bs->ctx != CTX_TOP)
        return false;
    /* one script or style element alone: its type 1 block may keep blank
     * lines, when it ends on its last line */
    const xmlNode *el = single_element(n, end);
    if (el && (fc_html_node_flags(el) & FC_T_RAWTEXT)) {
        raw_node(blk, el, RAW_BLANK_OK);
        if (cm_block_start(blk->data, blk->len, false) == 1 &&
            cm_block_ends_last(blk->data, blk->len, 1)) {
            add_block(bs, blk, BLK_RAW, false);
            return true;
        }
        fc_buf_reset(blk);
    }
    for (; n != end && c->st == FC_OK; n = n->next)
        raw_node(blk, n, 0);
    add_raw(bs, blk);
    return true;
}

/* Write the blocks from first on into out; false when ctx cannot hold
 * them as Markdown (the caller keeps its element raw). */
static bool md_blocks(struct h2m *c, struct fc_buf *out, const xmlNode *first, enum ctx ctx)
{
    struct blocks bs = {.out = out, .ctx = ctx, .prev = BLK_NONE};
    const xmlNode *n = first;
    struct fc_buf blk;
    fc_buf_init(&blk);
    bool ok = true;
    while (n && ok && c->st == FC_OK) {
        fc_buf_reset(&blk);
        if (is_block(n)) {
            one_block(c, &bs, &blk, n);
            n = n->next;
            continue;
        }
        bool content;
        const xmlNode *end = run_end(n, &content);
        if (content) {
            ok = one_run(c, &bs, &blk, n, end);
            n = end;
            continue;
        }
        /* only whitespace and comments: comments become HTML blocks */
        for (; n != end; n = n->next) {
            if (n->type != XML_COMMENT_NODE)
                continue;
            fc_buf_reset(&blk);
            raw_comment(&blk, n, ctx == CTX_TOP ? RAW_BLANK_OK : 0);
            add_raw(&bs, &blk);
        }
    }
    if (blk.oom || out->oom)
        h2m_fail(c, FC_ENOMEM);
    fc_buf_free(&blk);
    return ok;
}

/* ---- the check ------------------------------------------------------- */

/* The normal form of cmark's HTML: the scanner, libxml2 only where it
 * gives up (or always, with FC_H2M_SLOW_CHECK). */
static enum fc_status canon_rendered(struct h2m *c, const struct fc_buf *html, struct fc_buf *got,
                                     struct fc_error *e)
{
    const char *s = html->data ? html->data : "";
    if (!(c->opts & FC_H2M_SLOW_CHECK) && fc_html_canon_fast(s, html->len, got))
        return FC_OK;
    if (got->oom)
        return fc_nomem(e);
    return fc_html_canon(s, html->len, got, e);
}

/* Does md, converted back, have the normal form of [first, end)?  Anything
 * but ENOMEM going wrong (the depth limit, say) is a plain "no", and
 * leaves no message in c->err. */
static bool same_html(struct h2m *c, const xmlNode *first, const xmlNode *end,
                      const struct fc_buf *md)
{
    struct fc_buf html, want, got;
    fc_buf_init(&html);
    fc_buf_init(&want);
    fc_buf_init(&got);
    struct fc_error e = {0};
    bool same = false;
    /* room for what is coming, so the buffers do not grow by doubling:
     * the normal forms are about the HTML's size, the Markdown a bit
     * smaller (a failed reservation is a plain ENOMEM below) */
    fc_buf_reserve(&want, md->len + md->len / 2);
    enum fc_status st = fc_html_canon_nodes(first, end, &want);
    fc_buf_reserve(&html, want.len + want.len / 2);
    fc_buf_reserve(&got, want.len);
    if (st == FC_OK)
        st = fc_markdown_to_html(md->data ? md->data : "", md->len, &html, &e);
    if (st == FC_OK)
        st = canon_rendered(c, &html, &got, &e);
    if (st == FC_OK)
        same = got.len == want.len && memcmp(got.data, want.data, got.len) == 0;
    else if (st == FC_ENOMEM)
        h2m_fail(c, FC_ENOMEM);
    fc_buf_free(&html);
    fc_buf_free(&want);
    fc_buf_free(&got);
    return same;
}

/* Convert body's children into md.  Checking every top-level Markdown
 * block on its own costs a cmark run per block, so the whole is checked
 * first and the blocks only when the whole differs.  Top-level blocks are
 * apart by blank lines, nothing in one changes how another parses (link
 * definitions are never written: '[' is always escaped), and each is
 * bounded by block boundaries of the normal form, where the normal forms
 * of the parts join into the normal form of the whole; raw HTML says what
 * it said.  So the whole passes exactly when every block does, and the
 * second pass gives exactly what checking every block gives. */
static void convert_body(struct h2m *c, const xmlNode *first, struct fc_buf *md)
{
    bool whole_first = !(c->opts & FC_H2M_BLOCKWISE);
    c->verify_blocks = !whole_first;
    md_blocks(c, md, first, CTX_TOP);
    trim_right(md);
    if (!whole_first || c->st != FC_OK || c->md_top == 0 || same_html(c, first, NULL, md))
        return;
    if (c->st != FC_OK)
        return;
    fc_buf_reset(md);
    c->verify_blocks = true;
    c->md_top = 0;
    md_blocks(c, md, first, CTX_TOP);
    trim_right(md);
}

enum fc_status fc_html_to_markdown_opts(const char *html, size_t len, struct fc_buf *out,
                                        unsigned opts, struct fc_error *err)
{
    const xmlNode *body = NULL;
    htmlDocPtr doc = fc_html_parse_fragment(html ? html : "", html ? len : 0, &body, err);
    if (!doc)
        return err ? err->code : FC_ENOMEM;
    struct h2m c = {.err = err, .st = FC_OK, .opts = opts};
    struct fc_buf md;
    fc_buf_init(&md);
    convert_body(&c, body ? body->children : NULL, &md);
    if (c.st == FC_ELIMIT) /* one_block keeps such blocks raw: not expected */
        fc_fail(err, FC_ELIMIT, NULL, 0, 0, "HTML nested deeper than %u elements", H2M_MAX_DEPTH);
    if (c.st == FC_OK && md.len) {
        /* The input was repaired, so this is only a guard against bytes
         * libxml2 makes up itself: the promise is valid UTF-8. */
        if (fc_utf8_valid(md.data, md.len))
            fc_buf_add(out, md.data, md.len);
        else
            fc_utf8_repair(out, md.data, md.len);
        fc_buf_putc(out, '\n');
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
    return fc_html_to_markdown_opts(html, len, out, 0, err);
}

enum fc_status fc_html_to_markdown_blockwise(const char *html, size_t len, struct fc_buf *out,
                                             struct fc_error *err)
{
    return fc_html_to_markdown_opts(html, len, out, FC_H2M_BLOCKWISE, err);
}
