/*
 * html_canon.c - the normal form of HTML fragments that decides whether
 * HTML -> Markdown -> HTML was exact (html2md.h says what "exact" allows),
 * and the element-name table html2md.c shares.
 *
 * Two ways to the same normal form:
 *  - from a libxml2 tree (fc_html_canon_nodes): the source fragment, from
 *    the parse html2md.c converts, so the source is parsed once;
 *  - from cmark's HTML by a strict scanner (fc_html_canon_fast), which
 *    replaces the second libxml2 parse per post.  It reads only what cmark
 *    and html2md write, well nested, and gives up on anything else, so the
 *    caller falls back to libxml2 (fc_html_canon).
 *
 * Why the scanner may stand in for libxml2: suppose its tree L of the
 * rendered HTML has the normal form of the tree T libxml2 made of the
 * source, so L and T have the same elements in the same places.  libxml2
 * builds a tree from start tags, end tags and text; it moves an element
 * only at a start tag, closing the current element when the DTD says the
 * new one may not go inside it (htmlAutoClose), a decision taken from the
 * current element's name and the new element's name alone.  Every element
 * X of L is a child of the same parent P in T, where libxml2 let X stay
 * inside P; when it meets X's start tag in the rendered HTML, P is again
 * the current element (the scanner checked that every end tag closes the
 * current element), so it decides the same.  End tags that close the
 * current element, and end tags of elements that are not open (libxml2
 * ignores those), move nothing; nor does whitespace (the parser keeps
 * blanks).  Implied elements need a missing <html> or <body>, or text
 * outside the body: the fragment is parsed inside <body>, and the scanner
 * gives up on html, head and body tags.  So libxml2 reads L.  Two things
 * the argument needs from the parse (fc_html_parse_fragment): that the
 * tree holds the names the parser decided by (its SAX2 handler drops the
 * prefix of <o:p>, which would make it a <p> inside a <p>), and recovery
 * mode (outside it, an error in a tag name stops all later character
 * data but not entities, so how a character was written would matter;
 * fixtures/fuzz-html2md-6).
 *
 * Encoding: both fragments are UTF-8 (html2md repairs the source; cmark
 * writes valid UTF-8); the scanner gives up on C0 controls, CR, U+FFFE and
 * U+FFFF and on character references libxml2 would drop or change.
 */
#include "util/html2md.h"
#include "util/scan.h"

#include <libxml/SAX2.h>
#include <libxml/parserInternals.h>
#include <stdlib.h>
#include <string.h>

#define CANON_MAX_DEPTH 200u

static const int html_parse_options = HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                      HTML_PARSE_NOIMPLIED | HTML_PARSE_RECOVER;

/* ---- element names ----------------------------------------------------- */

struct tag_info {
    const char *name;
    size_t len;
    unsigned flags;
};

enum {
    V = FC_T_VOID,
    E = FC_T_LXEMPTY,
    C = FC_T_CM_BLOCK,
    C1 = FC_T_CM_BLOCK | FC_T_CM_TYPE1,
    B = FC_T_BLOCK,
    K = FC_T_KEEPWS,
    R = FC_T_RAWTEXT,
};

/* Sorted by name (byte order), a line or two per initial.  C, C1:
 * cmark-gfm 0.29's HTML block start conditions 1 and 6 (scanners.re); B:
 * display block, list-item or table-* in the default style sheet of HTML's
 * rendering section (not dialog: display none until opened); E: libxml2
 * 2.9's empty elements (tests/test_html_roundtrip.c checks them against
 * htmlTagLookup). */
/* clang-format off */
#define TAG(name, flags) {name, sizeof name - 1, flags}
static const struct tag_info tag_table[] = {
    TAG("address", C | B), TAG("area", V | E), TAG("article", C | B), TAG("aside", C | B),
    TAG("base", V | E | C), TAG("basefont", V | E | C), TAG("bgsound", V), TAG("blockquote", C | B),
    TAG("body", C | B), TAG("br", V | E | B),
    TAG("caption", C | B), TAG("center", C | B), TAG("col", V | E | C | B), TAG("colgroup", C | B),
    TAG("dd", C | B), TAG("details", C | B), TAG("dialog", C), TAG("dir", C | B), TAG("div", C | B),
    TAG("dl", C | B), TAG("dt", C | B),
    TAG("embed", V),
    TAG("fieldset", C | B), TAG("figcaption", C | B), TAG("figure", C | B), TAG("footer", C | B),
    TAG("form", C | B), TAG("frame", V | E | C), TAG("frameset", C),
    TAG("h1", C | B), TAG("h2", C | B), TAG("h3", C | B), TAG("h4", C | B), TAG("h5", C | B),
    TAG("h6", C | B), TAG("head", C | B), TAG("header", C | B), TAG("hgroup", B),
    TAG("hr", V | E | C | B), TAG("html", C | B),
    TAG("iframe", C), TAG("img", V | E), TAG("input", V | E), TAG("isindex", V | E),
    TAG("keygen", V),
    TAG("legend", C | B), TAG("li", C | B), TAG("link", V | E | C), TAG("listing", B | K),
    TAG("main", C | B), TAG("menu", C | B), TAG("menuitem", C), TAG("meta", V | E),
    TAG("nav", C | B), TAG("noframes", C),
    TAG("ol", C | B), TAG("optgroup", C), TAG("option", C),
    TAG("p", C | B), TAG("param", V | E | C), TAG("plaintext", B | K), TAG("pre", C1 | B | K),
    TAG("script", C1 | K | R), TAG("search", B), TAG("section", C | B), TAG("source", V | C),
    TAG("style", C1 | K | R), TAG("summary", C | B),
    TAG("table", C | B), TAG("tbody", C | B), TAG("td", C | B), TAG("textarea", K),
    TAG("tfoot", C | B), TAG("th", C | B), TAG("thead", C | B), TAG("title", C), TAG("tr", C | B),
    TAG("track", V | C),
    TAG("ul", C | B),
    TAG("wbr", V),
    TAG("xmp", B | K),
};
#undef TAG
/* clang-format on */

static int name_cmp(const char *a, size_t alen, const char *b, size_t blen)
{
    int c = memcmp(a, b, alen < blen ? alen : blen);
    return c ? c : (alen > blen) - (alen < blen);
}

unsigned fc_html_tag_flags(const char *name, size_t len)
{
    /* the entries with name's first byte (the table is sorted), then the
     * one of name's length and bytes among them: names are looked up for
     * every element, and most differ from the others at the first byte */
    size_t n = sizeof tag_table / sizeof tag_table[0], lo = 0, hi = n;
    if (!len)
        return 0;
    unsigned char c = (unsigned char)name[0];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if ((unsigned char)tag_table[mid].name[0] < c)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (; lo < n && (unsigned char)tag_table[lo].name[0] == c; lo++) {
        const struct tag_info *t = &tag_table[lo];
        size_t i = 1;
        while (i < len && i < t->len && t->name[i] == name[i])
            i++;
        if (i == len && i == t->len)
            return t->flags;
    }
    return 0;
}

/* Does s[0..n) hold word (lower case), in any case? */
static bool contains(const char *s, size_t n, const char *word)
{
    size_t w = strlen(word);
    for (size_t i = 0; i + w <= n; i++)
        if ((s[i] | 0x20) == word[0] && fc_strncasecmp(s + i, word, w) == 0)
            return true;
    return false;
}

unsigned fc_html_elem_flags(const char *name, size_t len, const char *style, size_t slen)
{
    unsigned f = fc_html_tag_flags(name, len);
    if (style) {
        if (contains(style, slen, "white-space"))
            f |= FC_T_KEEPWS;
        if (contains(style, slen, "display"))
            f &= ~(unsigned)FC_T_BLOCK;
    }
    return f;
}

/* An attribute's value when it is one text node (as the HTML parser makes
 * them), "" when it has none; NULL otherwise. */
static const char *attr_text(const xmlAttr *a)
{
    if (!a->children)
        return "";
    if (a->children->type == XML_TEXT_NODE && !a->children->next)
        return a->children->content ? (const char *)a->children->content : "";
    return NULL;
}

unsigned fc_html_node_flags(const xmlNode *n)
{
    const char *name = (const char *)n->name;
    const char *style = NULL;
    for (const xmlAttr *a = n->properties; a; a = a->next)
        if (strcmp((const char *)a->name, "style") == 0)
            style = attr_text(a);
    return fc_html_elem_flags(name, strlen(name), style, style ? strlen(style) : 0);
}

/* ---- parsing ------------------------------------------------------------ */

static const xmlNode *find_child(const xmlNode *n, const char *name)
{
    for (const xmlNode *k = n ? n->children : NULL; k; k = k->next)
        if (k->type == XML_ELEMENT_NODE && strcmp((const char *)k->name, name) == 0)
            return k;
    return NULL;
}

/* What the start handler saw go wrong. */
struct parse_flags {
    bool lost; /* a name could not be set (no memory) */
    bool deep; /* the tree builder stopped the parse: too deep */
};

/* libxml2's SAX2 start handler keeps only the local part of a prefixed
 * name (<o:p>, which Word pastes hold, becomes <p>), although the parser
 * decided the element's place by the whole name: put the whole name back,
 * so that the tree says what the HTML said and writing it back out gives
 * the same tree.  Past xmlParserMaxDepth (256) open elements the builder
 * halts the parser (without XML_PARSE_HUGE, which would let end tags scan
 * a stack of any depth): the rest of the fragment would be lost. */
static void start_element(void *ctx, const xmlChar *name, const xmlChar **atts)
{
    xmlParserCtxtPtr ctxt = ctx;
    struct parse_flags *f = ctxt->_private;
    xmlSAX2StartElement(ctx, name, atts);
    if (ctxt->instate == XML_PARSER_EOF) {
        f->deep = true;
        return;
    }
    xmlNodePtr n = ctxt->node;
    if (n && strchr((const char *)name, ':') && !xmlStrEqual(n->name, name)) {
        xmlNodeSetName(n, name);
        if (!xmlStrEqual(n->name, name))
            f->lost = true;
    }
}

htmlDocPtr fc_html_parse_fragment(const char *html, size_t len, const xmlNode **body,
                                  struct fc_error *err)
{
    static const char pre[] = "<html><body>";
    struct fc_buf b;
    fc_buf_init(&b);
    fc_buf_add(&b, pre, sizeof pre - 1);
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
    struct parse_flags f = {false, false};
    htmlDocPtr doc = NULL;
    htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
    if (ctxt && ctxt->sax) {
        ctxt->sax->startElement = start_element;
        ctxt->_private = &f;
        doc = htmlCtxtReadMemory(ctxt, b.data, (int)b.len, NULL, "UTF-8", html_parse_options);
    }
    if (ctxt)
        htmlFreeParserCtxt(ctxt);
    fc_buf_free(&b);
    if (doc && (f.lost || f.deep)) {
        xmlFreeDoc(doc);
        doc = NULL;
    }
    if (f.deep) {
        /* the limit counts from the wrapper's <body> (test_html2md) */
        fc_fail(err, FC_ELIMIT, NULL, 0, 0, "HTML nested deeper than %u elements",
                xmlParserMaxDepth - 1);
        return NULL;
    }
    if (!doc) {
        fc_nomem(err);
        return NULL;
    }
    *body = find_child(xmlDocGetRootElement(doc), "body");
    return doc;
}

/* ---- the normal form's writer ------------------------------------------ */

struct canon {
    struct fc_buf *out;
    unsigned depth;
    unsigned keep; /* open elements inside which whitespace is exact */
    bool pending;  /* whitespace seen, not yet written */
    bool boundary; /* at a block boundary: whitespace here is dropped */
    bool deep;     /* nested deeper than CANON_MAX_DEPTH */
};

/* One attribute: name and value (decoded) as byte ranges. */
struct cattr {
    const char *name, *val;
    size_t nlen, vlen;
    size_t off; /* where val will be in a scratch buffer that may still move */
};

static void k_boundary(struct canon *k)
{
    k->pending = false;
    k->boundary = true;
}

static void k_flush(struct canon *k)
{
    if (k->pending && !k->boundary)
        fc_buf_putc(k->out, ' ');
    k->pending = false;
    k->boundary = false;
}

static bool is_ws(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Bytes that end a run of text copied as it is. */
static const unsigned char text_stop[256] = {
    [0] = 1,    [' '] = 1, ['\t'] = 1, ['\n'] = 1, ['\r'] = 1,
    ['\f'] = 1, ['&'] = 1, ['<'] = 1,  ['>'] = 1,
};

/* Does the byte at q end a run of text?  A single space between words is
 * copied as it is (pending and then flushed, it would be the same
 * space). */
static bool run_stop(const unsigned char *q, const unsigned char *end, unsigned keep)
{
    unsigned char c = *q;
    if (!text_stop[c] || (keep && is_ws(c)))
        return false;
    return !(c == ' ' && q + 1 < end && !is_ws(q[1]));
}

/* The end of the run of text at p: the first byte run_stop stops at.
 * With SSE2 (scan.h) 16 bytes are looked at a step for bytes that may
 * stop it (controls, & < >, a space before a byte <= 0x20), and run_stop
 * decides on each of those. */
static const unsigned char *text_run_end(const unsigned char *p, const unsigned char *end,
                                         unsigned keep)
{
    const unsigned char *q = p;
#ifdef FC_SCAN_SSE2
    const __m128i k1f = _mm_set1_epi8(0x1f), k20 = _mm_set1_epi8(0x20), kamp = _mm_set1_epi8('&'),
                  klt = _mm_set1_epi8('<'), kgt = _mm_set1_epi8('>');
    while (end - q > 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)q);
        __m128i v1 = _mm_loadu_si128((const __m128i *)(const void *)(q + 1));
        __m128i ctl = _mm_cmpeq_epi8(_mm_min_epu8(v, k1f), v);
        __m128i sp =
            _mm_and_si128(_mm_cmpeq_epi8(v, k20), _mm_cmpeq_epi8(_mm_min_epu8(v1, k20), v1));
        __m128i mark = _mm_or_si128(_mm_cmpeq_epi8(v, kamp),
                                    _mm_or_si128(_mm_cmpeq_epi8(v, klt), _mm_cmpeq_epi8(v, kgt)));
        for (unsigned m = (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(ctl, sp), mark)); m;
             m &= m - 1)
            if (run_stop(q + __builtin_ctz(m), end, keep))
                return q + __builtin_ctz(m);
        q += 16;
    }
#endif
    for (;; q++) {
        while (q < end && !text_stop[*q])
            q++;
        if (q == end || run_stop(q, end, keep))
            return q;
    }
}

static void k_text(struct canon *k, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + n;
    while (p < end) {
        if (!k->keep && is_ws(*p)) {
            k->pending = true;
            p++;
            continue;
        }
        k_flush(k);
        const unsigned char *q = text_run_end(p, end, k->keep);
        if (q > p) {
            fc_buf_add(k->out, p, (size_t)(q - p));
            p = q;
            continue;
        }
        if (*p == '&')
            fc_buf_add(k->out, "&amp;", 5);
        else if (*p == '<')
            fc_buf_add(k->out, "&lt;", 4);
        else if (*p == '>')
            fc_buf_add(k->out, "&gt;", 4);
        else
            fc_buf_putc(k->out, (char)*p); /* NUL */
        p++;
    }
}

static int cattr_cmp(const void *a, const void *b)
{
    const struct cattr *x = a, *y = b;
    int c = name_cmp(x->name, x->nlen, y->name, y->nlen);
    return c ? c : name_cmp(x->val, x->vlen, y->val, y->vlen);
}

/* The reference of a byte fc_html_attr_escape replaces, NULL for the
 * others. */
static const char *attr_ref(char c)
{
    switch (c) {
    case '&':
        return "&amp;";
    case '"':
        return "&quot;";
    case '<':
        return "&lt;";
    case '>':
        return "&gt;";
    case '\n':
        return "&#10;";
    case '\r':
        return "&#13;";
    default:
        return NULL;
    }
}

void fc_html_attr_escape(struct fc_buf *b, const char *s, size_t n)
{
    /* the bytes to look at: & " < and the controls (fc_scan), and '>'
     * when the value holds one */
    const unsigned char *u = (const unsigned char *)s;
    bool gt = memchr(s, '>', n) != NULL;
    size_t from = 0;
    for (size_t i = 0; i < n; i++) {
        if (!gt && (i = fc_scan(u, i, n, 0, '&', '"', '<')) >= n)
            break;
        const char *rep = attr_ref(s[i]);
        if (!rep)
            continue;
        fc_buf_add(b, s + from, i - from);
        fc_buf_puts(b, rep);
        from = i + 1;
    }
    fc_buf_add(b, s + from, n - from);
}

/* Start tag: attributes sorted (v is reordered), block boundaries. */
static void k_open(struct canon *k, const char *name, size_t nlen, unsigned flags, struct cattr *v,
                   size_t na)
{
    if (flags & FC_T_BLOCK)
        k_boundary(k);
    else
        k_flush(k);
    if (na > 1)
        qsort(v, na, sizeof *v, cattr_cmp);
    fc_buf_putc(k->out, '<');
    fc_buf_add(k->out, name, nlen);
    for (size_t i = 0; i < na; i++) {
        fc_buf_putc(k->out, ' ');
        fc_buf_add(k->out, v[i].name, v[i].nlen);
        fc_buf_add(k->out, "=\"", 2);
        fc_html_attr_escape(k->out, v[i].val, v[i].vlen);
        fc_buf_putc(k->out, '"');
    }
    fc_buf_putc(k->out, '>');
    if (flags & FC_T_BLOCK)
        k_boundary(k);
    if (flags & FC_T_KEEPWS)
        k->keep++;
}

/* End of an element; a void element without children has no end tag. */
static void k_close(struct canon *k, const char *name, size_t nlen, unsigned flags, bool kids)
{
    if (flags & FC_T_KEEPWS)
        k->keep--;
    if (flags & FC_T_BLOCK)
        k_boundary(k);
    else
        k_flush(k);
    if (kids || !(flags & FC_T_VOID)) {
        fc_buf_add(k->out, "</", 2);
        fc_buf_add(k->out, name, nlen);
        fc_buf_putc(k->out, '>');
    }
    if (flags & FC_T_BLOCK)
        k_boundary(k);
}

static void k_comment(struct canon *k, const char *s, size_t n)
{
    k_flush(k);
    fc_buf_add(k->out, "<!--", 4);
    fc_buf_add(k->out, s, n);
    fc_buf_add(k->out, "-->", 3);
}

/* ---- from a libxml2 tree ------------------------------------------------ */

static bool tree_open(struct canon *k, const xmlNode *n, unsigned flags)
{
    struct cattr small[16], *v = small;
    struct fc_buf joined; /* values of several text nodes (not from the HTML parser) */
    size_t na = 0, i = 0;
    for (const xmlAttr *a = n->properties; a; a = a->next)
        na++;
    if (na > 16 && !(v = malloc(na * sizeof *v)))
        return false;
    fc_buf_init(&joined);
    for (const xmlAttr *a = n->properties; a; a = a->next, i++) {
        const char *t = attr_text(a);
        v[i].name = (const char *)a->name;
        v[i].nlen = strlen(v[i].name);
        v[i].val = t;
        v[i].vlen = t ? strlen(t) : 0;
        v[i].off = joined.len;
        for (const xmlNode *x = t ? NULL : a->children; x; x = x->next)
            if (x->type == XML_TEXT_NODE && x->content)
                fc_buf_puts(&joined, (const char *)x->content);
        if (!t)
            v[i].vlen = joined.len - v[i].off;
    }
    for (i = 0; i < na; i++) /* joined has stopped moving */
        if (!v[i].val)
            v[i].val = joined.data ? joined.data + v[i].off : "";
    bool ok = !joined.oom;
    if (ok)
        k_open(k, (const char *)n->name, strlen((const char *)n->name), flags, v, na);
    fc_buf_free(&joined);
    if (v != small)
        free(v);
    return ok;
}

static bool tree_node(struct canon *k, const xmlNode *n)
{
    switch (n->type) {
    case XML_TEXT_NODE:
    case XML_CDATA_SECTION_NODE:
        if (n->content)
            k_text(k, (const char *)n->content, strlen((const char *)n->content));
        return true;
    case XML_COMMENT_NODE:
        if (n->content)
            k_comment(k, (const char *)n->content, strlen((const char *)n->content));
        else
            k_comment(k, "", 0);
        return true;
    case XML_ELEMENT_NODE:
        break;
    default:
        return true;
    }
    if (k->depth >= CANON_MAX_DEPTH) {
        k->deep = true;
        return false;
    }
    unsigned flags = fc_html_node_flags(n);
    if (!tree_open(k, n, flags))
        return false;
    k->depth++;
    for (const xmlNode *x = n->children; x; x = x->next)
        if (!tree_node(k, x))
            return false;
    k->depth--;
    k_close(k, (const char *)n->name, strlen((const char *)n->name), flags, n->children != NULL);
    return true;
}

enum fc_status fc_html_canon_nodes(const xmlNode *first, const xmlNode *end, struct fc_buf *out)
{
    struct canon k = {.out = out, .boundary = true};
    for (const xmlNode *n = first; n && n != end; n = n->next)
        if (!tree_node(&k, n))
            return k.deep ? FC_ELIMIT : FC_ENOMEM;
    return out->oom ? FC_ENOMEM : FC_OK;
}

enum fc_status fc_html_canon(const char *html, size_t len, struct fc_buf *out, struct fc_error *err)
{
    const xmlNode *body = NULL;
    htmlDocPtr doc = fc_html_parse_fragment(html ? html : "", html ? len : 0, &body, err);
    if (!doc)
        return err ? err->code : FC_ENOMEM;
    enum fc_status st = fc_html_canon_nodes(body ? body->children : NULL, NULL, out);
    xmlFreeDoc(doc);
    if (st == FC_ENOMEM)
        return fc_nomem(err);
    if (st == FC_ELIMIT)
        return fc_fail(err, FC_ELIMIT, NULL, 0, 0, "HTML nested deeper than %u elements",
                       CANON_MAX_DEPTH);
    return FC_OK;
}

/* ---- from cmark's HTML, without libxml2 ----------------------------------- */

#define SCAN_MAX_ATTRS 32

struct open_el {
    const char *name;
    size_t nlen;
    unsigned flags;
    bool kids;
};

struct scan {
    const char *p, *end;
    struct canon k;
    struct fc_buf vals; /* decoded attribute values */
    size_t depth;
    struct open_el stack[CANON_MAX_DEPTH];
};

static bool is_lower(char c)
{
    return c >= 'a' && c <= 'z';
}

static bool name_char(char c)
{
    return is_lower(c) || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == ':' || c == '.';
}

/* Code points libxml2 keeps as they are from a character reference: XML's
 * Char without CR and the C1 controls (whose references it drops or
 * remaps). */
static bool plain_cp(uint32_t cp)
{
    return cp == '\t' || cp == '\n' || (cp >= 0x20 && cp < 0x7f) || (cp >= 0xa0 && cp < 0xd800) ||
           (cp >= 0xe000 && cp < 0xfffe) || (cp >= 0x10000 && cp <= 0x10ffff);
}

/* The character reference at p ('&'): its length and code point; 0 for
 * anything but &amp; &lt; &gt; &quot; and numeric references. */
static size_t char_ref(const char *p, const char *end, uint32_t *cp)
{
    static const struct {
        const char *ref;
        char ch;
    } named[] = {{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}};
    size_t left = (size_t)(end - p);
    if (left > 2 && p[1] == '#') {
        bool hex = p[2] == 'x' || p[2] == 'X';
        size_t i = hex ? 3 : 2, digits = 0;
        uint32_t v = 0;
        for (; i < left && digits < 7; i++, digits++) {
            char c = p[i];
            unsigned d;
            if (c >= '0' && c <= '9')
                d = (unsigned)(c - '0');
            else if (hex && c >= 'a' && c <= 'f')
                d = (unsigned)(c - 'a' + 10);
            else if (hex && c >= 'A' && c <= 'F')
                d = (unsigned)(c - 'A' + 10);
            else
                break;
            v = v * (hex ? 16 : 10) + d;
        }
        if (!digits || i >= left || p[i] != ';' || !plain_cp(v))
            return 0;
        *cp = v;
        return i + 1;
    }
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++) {
        size_t n = strlen(named[i].ref);
        if (left >= n && memcmp(p, named[i].ref, n) == 0) {
            *cp = (unsigned char)named[i].ch;
            return n;
        }
    }
    return 0;
}

/* Bytes that end a run the scanner copies as it is: in text (1), markup,
 * C0 controls but tab and newline, and 0xef (U+FFFE and U+FFFF start with
 * it); in attribute values (1 | 2) also '"', tab and newline. */
static const unsigned char scan_stop[256] = {
    [0] = 1,  [1] = 1,  [2] = 1,  [3] = 1,  [4] = 1,  [5] = 1,   [6] = 1,   [7] = 1,   [8] = 1,
    [9] = 2,  [10] = 2, [11] = 1, [12] = 1, [13] = 1, [14] = 1,  [15] = 1,  [16] = 1,  [17] = 1,
    [18] = 1, [19] = 1, [20] = 1, [21] = 1, [22] = 1, [23] = 1,  [24] = 1,  [25] = 1,  [26] = 1,
    [27] = 1, [28] = 1, [29] = 1, [30] = 1, [31] = 1, ['&'] = 1, ['<'] = 1, ['"'] = 2, [0xef] = 1,
};

/* Length of the run of bytes at p copied as they are (stop: the
 * scan_stop bits that end it). */
static size_t plain_run(const char *p, const char *end, unsigned stop)
{
    const unsigned char *q = (const unsigned char *)p, *e = (const unsigned char *)end;
    size_t n = (size_t)(e - q), i = 0;
    for (;; i++) {
        /* in text, the bytes that may stop it (scan.h): the controls,
         * '&', '<' and 0xef */
        if (stop == 1)
            i = fc_scan(q, i, n, 0, '&', '<', 0xef);
        else
            while (i < n && !(scan_stop[q[i]] & stop))
                i++;
        if (i >= n)
            return n;
        if (!(scan_stop[q[i]] & stop))
            continue; /* tab or newline in text */
        if (q[i] == 0xef && !(n - i >= 3 && q[i + 1] == 0xbf && (q[i + 2] & 0xfe) == 0xbe))
            continue;
        return i;
    }
}

/* UTF-8 of cp (plain_cp) into u; its length. */
static size_t utf8_of(uint32_t cp, char u[4])
{
    if (cp < 0x80) {
        u[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        u[0] = (char)(0xc0 | (cp >> 6));
        u[1] = (char)(0x80 | (cp & 0x3f));
        return 2;
    }
    if (cp < 0x10000) {
        u[0] = (char)(0xe0 | (cp >> 12));
        u[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
        u[2] = (char)(0x80 | (cp & 0x3f));
        return 3;
    }
    u[0] = (char)(0xf0 | (cp >> 18));
    u[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
    u[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
    u[3] = (char)(0x80 | (cp & 0x3f));
    return 4;
}

/* Text up to the byte stop, references decoded, into the normal form
 * (vals false) or s->vals; bits: the scan_stop bits that end a run. */
static bool scan_decoded(struct scan *s, char stop, unsigned bits, bool vals)
{
    while (s->p < s->end && *s->p != stop) {
        const char *from = s->p;
        size_t n = plain_run(s->p, s->end, bits), len = n;
        uint32_t cp;
        char u[4];
        if (!n) {
            if (*s->p != '&' || !(n = char_ref(s->p, s->end, &cp)))
                return false;
            from = u;
            len = utf8_of(cp, u);
        }
        if (vals)
            fc_buf_add(&s->vals, from, len);
        else
            k_text(&s->k, from, len);
        s->p += n;
    }
    return true;
}

/* Text up to the next tag. */
static bool scan_text(struct scan *s)
{
    if (s->depth)
        s->stack[s->depth - 1].kids = true;
    return scan_decoded(s, '<', 1, false);
}

/* An attribute value after its opening quote, decoded into s->vals. */
static bool scan_value(struct scan *s, struct cattr *a)
{
    a->val = NULL;
    a->off = s->vals.len;
    if (!scan_decoded(s, '"', 3, true) || s->p >= s->end)
        return false;
    s->p++;
    a->vlen = s->vals.len - a->off;
    return true;
}

/* A name at s->p: [a-z][a-z0-9:_.-]* (as libxml2 writes them, lower case). */
static size_t scan_name(struct scan *s)
{
    const char *q = s->p;
    if (q >= s->end || !is_lower(*q))
        return 0;
    while (q < s->end && name_char(*q))
        q++;
    return (size_t)(q - s->p);
}

static bool same_name(const char *a, size_t alen, const char *b)
{
    return alen == strlen(b) && memcmp(a, b, alen) == 0;
}

/* script or style content: text up to its own end tag, which must be the
 * first "</" (libxml2 might end it at another one). */
static bool scan_rawtext(struct scan *s, const char *name, size_t nlen, unsigned flags)
{
    const char *q = s->p;
    while (q + 1 < s->end && !(q[0] == '<' && q[1] == '/'))
        q++;
    if (q + 1 >= s->end || (size_t)(s->end - q) < nlen + 3 || memcmp(q + 2, name, nlen) != 0 ||
        q[2 + nlen] != '>')
        return false;
    for (const char *c = s->p; c < q; c++)
        if ((unsigned char)*c < 0x20 && *c != '\t' && *c != '\n')
            return false;
    bool kids = q > s->p;
    k_text(&s->k, s->p, (size_t)(q - s->p));
    s->p = q + nlen + 3;
    k_close(&s->k, name, nlen, flags, kids);
    return true;
}

/* A start tag after its '<': ' name="value"' attributes, then '>' or
 * ' />' (libxml2 ends any element at "/>"). */
static bool scan_start(struct scan *s)
{
    struct cattr v[SCAN_MAX_ATTRS];
    size_t na = 0;
    const char *name = s->p, *style = NULL;
    size_t nlen = scan_name(s), slen = 0;
    if (!nlen || s->depth >= CANON_MAX_DEPTH)
        return false; /* libxml2 (fc_html_canon) says FC_ELIMIT */
    s->p += nlen;
    bool selfclose = false;
    while (s->p < s->end && *s->p == ' ') {
        s->p++;
        if (s->end - s->p >= 2 && s->p[0] == '/' && s->p[1] == '>') {
            selfclose = true;
            s->p++;
            break;
        }
        size_t an = scan_name(s);
        if (!an || na == SCAN_MAX_ATTRS)
            return false;
        v[na].name = s->p;
        v[na].nlen = an;
        s->p += an;
        if (s->end - s->p < 2 || s->p[0] != '=' || s->p[1] != '"')
            return false;
        s->p += 2;
        if (!scan_value(s, &v[na]))
            return false;
        for (size_t i = 0; i < na; i++)
            if (v[i].nlen == an && memcmp(v[i].name, v[na].name, an) == 0)
                return false; /* libxml2 drops the second */
        na++;
    }
    if (s->p >= s->end || *s->p != '>')
        return false;
    s->p++;
    if (same_name(name, nlen, "html") || same_name(name, nlen, "head") ||
        same_name(name, nlen, "body") || same_name(name, nlen, "meta"))
        return false; /* moved or merged, or (meta) a change of encoding */
    if (s->vals.oom)
        return false;
    for (size_t i = 0; i < na; i++) {
        v[i].val = s->vals.data ? s->vals.data + v[i].off : "";
        if (same_name(v[i].name, v[i].nlen, "style")) {
            style = v[i].val;
            slen = v[i].vlen;
        }
    }
    unsigned flags = fc_html_elem_flags(name, nlen, style, slen);
    if (s->depth)
        s->stack[s->depth - 1].kids = true;
    k_open(&s->k, name, nlen, flags, v, na);
    fc_buf_reset(&s->vals);
    if (selfclose || (flags & FC_T_LXEMPTY)) {
        k_close(&s->k, name, nlen, flags, false);
        return true;
    }
    if (flags & FC_T_RAWTEXT)
        return scan_rawtext(s, name, nlen, flags);
    s->stack[s->depth++] = (struct open_el){name, nlen, flags, false};
    return true;
}

/* An end tag after its "</": it closes the current element, or names no
 * open element (libxml2 ignores it). */
static bool scan_end(struct scan *s)
{
    const char *name = s->p;
    size_t nlen = scan_name(s);
    if (!nlen || s->p + nlen >= s->end || s->p[nlen] != '>')
        return false;
    s->p += nlen + 1;
    if (same_name(name, nlen, "html") || same_name(name, nlen, "body"))
        return false;
    if (s->depth) {
        struct open_el *top = &s->stack[s->depth - 1];
        if (top->nlen == nlen && memcmp(top->name, name, nlen) == 0) {
            k_close(&s->k, name, nlen, top->flags, top->kids);
            s->depth--;
            return true;
        }
    }
    for (size_t i = 0; i < s->depth; i++)
        if (s->stack[i].nlen == nlen && memcmp(s->stack[i].name, name, nlen) == 0)
            return false; /* libxml2 would close what is inside it */
    return true;
}

/* A comment after its "<!--"; none that HTML parsers read differently
 * ("<!-->", "--" inside, a '-' before the end). */
static bool scan_comment(struct scan *s)
{
    const char *c = s->p;
    if (c < s->end && (*c == '>' || (*c == '-' && c + 1 < s->end && c[1] == '>')))
        return false;
    const char *q = c;
    while (q + 2 < s->end && !(q[0] == '-' && q[1] == '-' && q[2] == '>')) {
        if (q[0] == '-' && q[1] == '-')
            return false;
        if ((unsigned char)*q < 0x20 && *q != '\t' && *q != '\n')
            return false;
        q++;
    }
    if (q + 2 >= s->end || (q > c && q[-1] == '-'))
        return false;
    if (s->depth)
        s->stack[s->depth - 1].kids = true;
    k_comment(&s->k, c, (size_t)(q - c));
    s->p = q + 3;
    return true;
}

static bool scan_all(struct scan *s)
{
    while (s->p < s->end) {
        if (*s->p != '<') {
            if (!scan_text(s))
                return false;
            continue;
        }
        s->p++;
        bool ok;
        if (s->p < s->end && *s->p == '/') {
            s->p++;
            ok = scan_end(s);
        } else if (s->end - s->p >= 3 && memcmp(s->p, "!--", 3) == 0) {
            s->p += 3;
            ok = scan_comment(s);
        } else {
            ok = scan_start(s);
        }
        if (!ok)
            return false;
    }
    return s->depth == 0;
}

bool fc_html_canon_fast(const char *html, size_t len, struct fc_buf *out)
{
    struct scan *s = malloc(sizeof *s);
    if (!s)
        return false;
    size_t mark = out->len;
    s->p = html ? html : "";
    s->end = s->p + (html ? len : 0);
    s->k = (struct canon){.out = out, .boundary = true};
    s->depth = 0;
    fc_buf_init(&s->vals);
    bool ok = scan_all(s) && !out->oom && !s->vals.oom;
    fc_buf_free(&s->vals);
    free(s);
    if (!ok && !out->oom) {
        out->len = mark;
        if (out->data)
            out->data[mark] = '\0';
    }
    return ok;
}
