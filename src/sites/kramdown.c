/*
 * kramdown.c - Markdown for Jekyll, which renders it with kramdown
 * (kramdown-parser-gfm), not CommonMark.
 *
 * What feedconv writes (html2md) is CommonMark that cmark-gfm turns back
 * into the post's HTML exactly.  kramdown reads much of it the same way,
 * given the site configuration jekyll_write.c writes (no smart quotes or
 * typographic symbols, no header ids, no syntax highlighting: the post's
 * HTML had none of them), but not all of it: a raw HTML block ends at a
 * different place ("</raw-html>", the line html2md opens raw blocks with,
 * is shown as text), span HTML is parsed and written out again, "\%" and
 * "\&" keep their backslash, "|" can make a table, "{:" an attribute
 * list, "$$" math, ":" at a line's start a definition, code spans with
 * spaces inside are no code spans, an ordered list forgets its start, and
 * two lists in a row become one.
 *
 * So each top-level block of the document is looked at (cmark-gfm's tree
 * and the block's source lines): a block made only of what kramdown reads
 * as CommonMark does stays Markdown (with "\%" and "\&" written as "%" and
 * "&amp;", which both read the same); any other block is passed through
 * as its HTML (what cmark-gfm makes of it, which is the post's own) inside
 * kramdown's {::nomarkdown} ... {:/} extension, which kramdown copies to
 * its output as it is.  A comment block (<!--more-->) stays as it is:
 * Jekyll cuts excerpts at it in the source.
 *
 * Reading such a body back (fc_kramdown_to_html) renders the Markdown
 * between the {::nomarkdown} blocks with cmark-gfm and copies theirs.
 */
#include "sites/kramdown.h"

#include <stdlib.h>
#include "util/md2html.h"

#include <string.h>

#define NOMD_OPEN "{::nomarkdown}"
#define NOMD_CLOSE "{:/}"

/* Characters kramdown takes after a backslash as themselves. */
static bool kramdown_escapable(char c)
{
    return c && strchr("\\.*_+-`()[]{}#!:|\"'$=<>", c) != NULL;
}

struct kd {
    const char *md;
    size_t len;
    const size_t *lines; /* offsets of each line's start, lines[nlines] = len */
    size_t nlines;
    struct fc_buf *out;
    struct fc_buf tmp, a, b; /* kept here: a cmark call may jump out */
};

/* The source of lines [first, last] (1-based), without trailing blank
 * lines. */
static void block_src(const struct kd *k, int first, int last, const char **s, size_t *n)
{
    if (first < 1)
        first = 1;
    if ((size_t)last > k->nlines)
        last = (int)k->nlines;
    if (last < first) {
        *s = "";
        *n = 0;
        return;
    }
    size_t a = k->lines[first - 1], b = k->lines[last];
    while (b > a && (k->md[b - 1] == '\n' || k->md[b - 1] == '\r' || k->md[b - 1] == ' '))
        b--;
    *s = k->md + a;
    *n = b - a;
}

/* ---- is a block safe as Markdown? -------------------------------------- */

static bool node_is(cmark_node *n, const char *type)
{
    return strcmp(cmark_node_get_type_string(n), type) == 0;
}

/* The tree below a top-level block holds only what kramdown reads alike. */
static bool tree_ok(cmark_node *top)
{
    cmark_iter *it = cmark_iter_new(top);
    bool ok = it != NULL;
    cmark_event_type ev;
    while (ok && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        if (ev != CMARK_EVENT_ENTER)
            continue;
        cmark_node *n = cmark_iter_get_node(it);
        switch (cmark_node_get_type(n)) {
        case CMARK_NODE_PARAGRAPH:
        case CMARK_NODE_HEADING:
        case CMARK_NODE_BLOCK_QUOTE:
        case CMARK_NODE_ITEM:
        case CMARK_NODE_THEMATIC_BREAK:
        case CMARK_NODE_TEXT:
        case CMARK_NODE_SOFTBREAK:
        case CMARK_NODE_LINEBREAK:
        case CMARK_NODE_EMPH:
        case CMARK_NODE_STRONG:
            break;
        case CMARK_NODE_LINK:
        case CMARK_NODE_IMAGE: /* kramdown takes a title's backslashes as they are */
            ok = !strchr(cmark_node_get_title(n), '"') && !strchr(cmark_node_get_title(n), '\\');
            break;
        case CMARK_NODE_LIST: {
            cmark_node *prev = cmark_node_previous(n);
            if ((cmark_node_get_list_type(n) == CMARK_ORDERED_LIST &&
                 cmark_node_get_list_start(n) != 1) ||
                (prev && cmark_node_get_type(prev) == CMARK_NODE_LIST))
                ok = false; /* kramdown: no start, and one list of the two */
            break;
        }
        case CMARK_NODE_CODE: {
            const char *c = cmark_node_get_literal(n);
            size_t cl = c ? strlen(c) : 0;
            ok = cl && c[0] != ' ' && c[cl - 1] != ' ' && !strchr(c, '`');
            break;
        }
        case CMARK_NODE_CODE_BLOCK: {
            const char *info = cmark_node_get_fence_info(n);
            int flen, foff;
            char fch;
            ok = cmark_node_get_fenced(n, &flen, &foff, &fch) && info &&
                 strcspn(info, " \t{") == strlen(info);
            break;
        }
        case CMARK_NODE_HTML_INLINE: {
            const char *h = cmark_node_get_literal(n);
            ok = h && strncmp(h, "<!--", 4) == 0;
            break;
        }
        default:
            ok = node_is(n, "strikethrough");
        }
    }
    cmark_iter_free(it);
    return ok;
}

/* The block's source, rewritten for kramdown into k->tmp: "\%" -> "%",
 * "\&" -> "&amp;"; false when it holds what kramdown reads otherwise. */
static bool source_ok(struct kd *k, const char *s, size_t n, bool code)
{
    fc_buf_reset(&k->tmp);
    bool line_start = true, first_line = true;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (code) { /* a fenced code block: as it is */
            fc_buf_putc(&k->tmp, c);
            continue;
        }
        if (line_start) {
            size_t j = i;
            while (j < n && (s[j] == ' ' || s[j] == '>'))
                j++;
            if (j < n && s[j] == ':')
                return false; /* a definition */
            size_t d = j;
            while (d < n && s[d] >= '0' && s[d] <= '9')
                d++;
            if (!first_line && d > j && d < n && (s[d] == '.' || s[d] == ')'))
                return false; /* kramdown ends the paragraph there */
        }
        line_start = c == '\n';
        if (c == '\n')
            first_line = false;
        if (c == '|' || (c == '{' && i + 1 < n && s[i + 1] == ':') ||
            (c == '$' && i + 1 < n && s[i + 1] == '$') ||
            (c == '*' && i + 1 < n && s[i + 1] == '[') ||
            (c == '[' && i + 1 < n && s[i + 1] == '^') ||
            (c == '~' && i + 1 < n && s[i + 1] == '~'))
            return false;
        if (c == '<' && !(i + 3 < n && !memcmp(s + i, "<!--", 4))) {
            /* an autolink <scheme:...> is the same in both; other tags
             * are span HTML, which kramdown writes out its own way */
            size_t j = i + 1;
            while (j < n && fc_ascii_alpha((unsigned char)s[j]))
                j++;
            if (j == i + 1 || j >= n || s[j] != ':')
                return false;
        }
        if (c == '`') { /* a code span: its content as kramdown sees it */
            size_t run = 1;
            while (i + run < n && s[i + run] == '`')
                run++;
            if (run > 1)
                return false;
            const char *e = memchr(s + i + 1, '`', n - i - 1);
            if (e) {
                fc_buf_add(&k->tmp, s + i, (size_t)(e - (s + i)) + 1);
                i = (size_t)(e - s);
                continue;
            }
        }
        if (c == '\\' && i + 1 < n && s[i + 1] != '\n') {
            char e = s[i + 1];
            i++;
            if (e == '%')
                fc_buf_putc(&k->tmp, '%');
            else if (e == '&')
                fc_buf_puts(&k->tmp, "&amp;");
            else if (kramdown_escapable(e)) {
                fc_buf_putc(&k->tmp, '\\');
                fc_buf_putc(&k->tmp, e);
            } else
                return false;
            continue;
        }
        fc_buf_putc(&k->tmp, c);
    }
    return !k->tmp.oom;
}

/* Does the rewritten source (k->tmp) still render (cmark-gfm) as the
 * block did? */
static bool same_render(struct kd *k, const struct fc_md_doc *d, cmark_node *top)
{
    struct fc_error err;
    fc_buf_reset(&k->a);
    fc_buf_reset(&k->b);
    fc_md_doc_render(d, top, &k->a);
    return fc_markdown_to_html(k->tmp.data ? k->tmp.data : "", k->tmp.len, &k->b, &err) == FC_OK &&
           !k->a.oom && !k->b.oom && k->a.len == k->b.len &&
           !memcmp(k->a.data, k->b.data, k->a.len);
}

/* ---- the document --------------------------------------------------------- */

static bool is_comment_block(const char *s, size_t n)
{
    return n >= 7 && !memcmp(s, "<!--", 4) && !memcmp(s + n - 3, "-->", 3) && !memchr(s, '\n', n);
}

static enum fc_status kd_doc(void *ctx, const struct fc_md_doc *d, cmark_node *doc,
                             struct fc_error *err)
{
    struct kd *k = ctx;
    for (cmark_node *n = cmark_node_first_child(doc); n; n = cmark_node_next(n)) {
        const char *s;
        size_t len;
        /* to the next block: cmark-gfm's end lines of HTML blocks can be
         * short of their last line */
        cmark_node *next = cmark_node_next(n);
        block_src(k, cmark_node_get_start_line(n),
                  next ? cmark_node_get_start_line(next) - 1 : (int)k->nlines, &s, &len);
        if (k->out->len)
            fc_buf_puts(k->out, "\n\n");
        bool html = cmark_node_get_type(n) == CMARK_NODE_HTML_BLOCK;
        if (html && is_comment_block(s, len)) {
            fc_buf_add(k->out, s, len);
            continue;
        }
        if (!html && tree_ok(n) &&
            source_ok(k, s, len, cmark_node_get_type(n) == CMARK_NODE_CODE_BLOCK) &&
            (k->tmp.len == len ? !memcmp(k->tmp.data, s, len) : same_render(k, d, n))) {
            fc_buf_add(k->out, k->tmp.data, k->tmp.len);
            continue;
        }
        /* its HTML, as kramdown's raw block */
        fc_buf_reset(&k->a);
        if (html) {
            static const char marker[] = "</raw-html>\n";
            if (len >= sizeof marker - 1 && !memcmp(s, marker, sizeof marker - 1))
                s += sizeof marker - 1, len -= sizeof marker - 1;
            fc_buf_add(&k->a, s, len);
        } else {
            fc_md_doc_render(d, n, &k->a);
            while (k->a.len && k->a.data[k->a.len - 1] == '\n')
                k->a.len--;
        }
        if (k->a.len && !strstr(fc_buf_cstr(&k->a), "{:/")) {
            fc_buf_puts(k->out, NOMD_OPEN "\n");
            fc_buf_add(k->out, k->a.data, k->a.len);
            fc_buf_puts(k->out, "\n" NOMD_CLOSE);
        } else { /* it holds kramdown's closing mark itself: as it was */
            fc_buf_add(k->out, s, len);
        }
    }
    if (k->out->len)
        fc_buf_putc(k->out, '\n');
    return k->out->oom || k->tmp.oom ? fc_nomem(err) : FC_OK;
}

enum fc_status fc_kramdown_from_commonmark(const char *md, size_t len, struct fc_buf *out,
                                           struct fc_error *err)
{
    struct kd k = {md, len, NULL, 0, out, {0}, {0}, {0}};
    size_t n = 1;
    for (size_t i = 0; i < len; i++)
        n += md[i] == '\n';
    size_t *lines = malloc((n + 1) * sizeof *lines);
    if (!lines)
        return fc_nomem(err);
    lines[0] = 0;
    for (size_t i = 0, l = 1; i < len; i++)
        if (md[i] == '\n')
            lines[l++] = i + 1;
    lines[n] = len;
    k.lines = lines;
    k.nlines = n;
    enum fc_status st = fc_markdown_parse(md, len, kd_doc, &k, err);
    free(lines);
    fc_buf_free(&k.tmp);
    fc_buf_free(&k.a);
    fc_buf_free(&k.b);
    return st;
}

/* ---- reading it back ---------------------------------------------------------- */

/* The next line "{::nomarkdown}" at or after i: its start, or len. */
static size_t next_open(const char *md, size_t len, size_t i)
{
    const size_t ol = sizeof NOMD_OPEN - 1;
    for (; i + ol <= len; i++) {
        const char *p = memchr(md + i, '{', len - i);
        if (!p)
            return len;
        i = (size_t)(p - md);
        if ((i == 0 || md[i - 1] == '\n') && len - i >= ol && !memcmp(md + i, NOMD_OPEN, ol) &&
            (i + ol == len || md[i + ol] == '\n' || md[i + ol] == '\r'))
            return i;
    }
    return len;
}

enum fc_status fc_kramdown_to_html(const char *md, size_t len, struct fc_buf *out,
                                   struct fc_error *err)
{
    size_t i = 0;
    while (i < len) {
        size_t o = next_open(md, len, i);
        enum fc_status st = fc_markdown_to_html(md + i, o - i, out, err);
        if (st || o == len)
            return st;
        size_t body = o + sizeof NOMD_OPEN - 1;
        body += body < len && md[body] == '\r';
        body += body < len && md[body] == '\n';
        /* its end: a line "{:/}" or "{:/nomarkdown}" */
        size_t e = body, after = len;
        for (; e < len; e++) {
            if (e != body && md[e - 1] != '\n')
                continue;
            size_t cl = 0;
            if (len - e >= 4 && !memcmp(md + e, NOMD_CLOSE, 4))
                cl = 4;
            else if (len - e >= 14 && !memcmp(md + e, "{:/nomarkdown}", 14))
                cl = 14;
            if (cl) {
                after = e + cl;
                break;
            }
        }
        fc_buf_add(out, md + body, e - body);
        if (out->len && out->data[out->len - 1] != '\n')
            fc_buf_putc(out, '\n');
        i = after;
        if (out->oom)
            return fc_nomem(err);
    }
    return FC_OK;
}
