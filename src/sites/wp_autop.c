/*
 * wp_autop.c - wpautop() and shortcode_unautop() of WordPress's
 * wp-includes/formatting.php, and the HTML splitter they share
 * (wp_html_split / get_html_split_regex).
 *
 * Each step below is one preg_replace() (or str_replace, explode) of the
 * PHP, in the PHP's order, as a scanner over the whole text into a second
 * buffer: the regex is quoted above its scanner.  Leftmost matches, no
 * overlap, the search going on after each match, as preg_replace does.
 * Quirks kept on purpose (they are WordPress's, and its tests pin them):
 * tag names are case-sensitive; "<pre" also matches "<preview>"; in the
 * steps that unwrap block tags the name is a prefix ("<param" counts as
 * "<p"); a stray "<" in text swallows everything up to the next ">" when
 * newlines inside tags are protected.
 */
#include "sites/wp.h"
#include "util/scan.h"

#include <stdio.h>
#include <stdlib.h>

/* PCRE's \s without /u. */
static bool ws(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

static bool at(const char *s, size_t i, size_t n, const char *lit)
{
    size_t k = strlen(lit);
    return i <= n && n - i >= k && memcmp(s + i, lit, k) == 0;
}

static size_t skip_ws(const char *s, size_t i, size_t n)
{
    while (i < n && ws((unsigned char)s[i]))
        i++;
    return i;
}

/* The first '>' at or after i, n when none. */
static size_t find_gt(const char *s, size_t i, size_t n)
{
    const char *p = i < n ? memchr(s + i, '>', n - i) : NULL;
    return p ? (size_t)(p - s) : n;
}

/* The block element names of $allblocks (h1-h6 aside), by first letter,
 * each name ended by a NUL, each list by an empty name. */
static const char *const blocks[26] = {
    ['a' - 'a'] = "area\0address\0article\0aside\0",
    ['b' - 'a'] = "blockquote\0",
    ['c' - 'a'] = "caption\0col\0colgroup\0",
    ['d' - 'a'] = "div\0dl\0dd\0dt\0details\0",
    ['f' - 'a'] = "form\0fieldset\0footer\0figure\0figcaption\0",
    ['h' - 'a'] = "hr\0hgroup\0header\0",
    ['l' - 'a'] = "li\0legend\0",
    ['m' - 'a'] = "map\0math\0menu\0",
    ['n' - 'a'] = "nav\0",
    ['o' - 'a'] = "ol\0",
    ['p' - 'a'] = "pre\0p\0",
    ['s' - 'a'] = "style\0section\0summary\0",
    ['t' - 'a'] = "table\0thead\0tfoot\0tbody\0tr\0td\0th\0",
    ['u' - 'a'] = "ul\0",
};

/* A name of $allblocks at s[i] (h1-h6 included), each length tried: true
 * when one is followed by a byte `follow` accepts (NULL: anything, the
 * prefix form of the unwrapping steps). */
static bool block_name(const char *s, size_t i, size_t n, bool (*follow)(unsigned char))
{
    if (i + 1 < n && s[i] == 'h' && s[i + 1] >= '1' && s[i + 1] <= '6' &&
        (!follow || (i + 2 < n && follow((unsigned char)s[i + 2]))))
        return true;
    if (i >= n || s[i] < 'a' || s[i] > 'z' || !blocks[s[i] - 'a'])
        return false;
    for (const char *b = blocks[s[i] - 'a']; *b; b += strlen(b) + 1) {
        size_t len = strlen(b);
        if (n - i >= len && memcmp(s + i, b, len) == 0 &&
            (!follow || (i + len < n && follow((unsigned char)s[i + len]))))
            return true;
    }
    return false;
}

static bool ws_slash_gt(unsigned char c)
{
    return ws(c) || c == '/' || c == '>';
}

static bool is_gt(unsigned char c)
{
    return c == '>';
}

/* "</?" ALLBLOCKS "[^>]*>" at s[i] (the prefix form): the end of the
 * tag, 0 when there is none. */
static size_t block_tag(const char *s, size_t i, size_t n)
{
    if (i >= n || s[i] != '<')
        return 0;
    size_t j = i + 1;
    if (j < n && s[j] == '/')
        j++;
    if (!block_name(s, j, n, NULL))
        return 0;
    size_t gt = find_gt(s, j, n);
    return gt < n ? gt + 1 : 0;
}

size_t fc_wp_html_element_end(const char *s, size_t i, size_t n)
{
    size_t j = i + 1;
    if (at(s, j, n, "!--")) {
        /* !(?:-(?!->)[^\-]*+)*+(?:-->)? */
        j++;
        while (j < n && s[j] == '-' && !(j + 2 < n && s[j + 1] == '-' && s[j + 2] == '>')) {
            j++;
            while (j < n && s[j] != '-')
                j++;
        }
        return at(s, j, n, "-->") ? j + 3 : j;
    }
    if (at(s, j, n, "![CDATA[")) {
        /* !\[CDATA\[[^\]]*+(?:](?!]>)[^\]]*+)*+(?:]]>)? */
        j += 8;
        while (j < n && s[j] != ']')
            j++;
        while (j < n && s[j] == ']' && !(j + 2 < n && s[j + 1] == ']' && s[j + 2] == '>')) {
            j++;
            while (j < n && s[j] != ']')
                j++;
        }
        return at(s, j, n, "]]>") ? j + 3 : j;
    }
    j = find_gt(s, j, n); /* [^>]*>? */
    return j < n ? j + 1 : n;
}

/* ---- the passes --------------------------------------------------------- */

/* Two buffers: each pass reads `cur` and writes `nxt`, then they swap. */
struct autop {
    struct fc_buf a, b;
    struct fc_buf *cur, *nxt;
};

static void pass_done(struct autop *t)
{
    struct fc_buf *x = t->cur;
    t->cur = t->nxt;
    t->nxt = x;
    fc_buf_reset(t->nxt);
}

#define CUR_S (t->cur->data ? t->cur->data : "")
#define CUR_N (t->cur->len)

static bool contains(struct autop *t, const char *lit)
{
    size_t k = strlen(lit);
    const char *s = CUR_S;
    for (size_t i = 0; i + k <= CUR_N; i++) {
        const char *c = memchr(s + i, lit[0], CUR_N - k + 1 - i);
        if (!c)
            return false;
        i = (size_t)(c - s);
        if (memcmp(c, lit, k) == 0)
            return true;
    }
    return false;
}

/* str_replace(from, to); the text stays where it is when from is not in
 * it. */
static void replace_all(struct autop *t, const char *from, const char *to)
{
    if (!contains(t, from))
        return;
    const char *s = CUR_S;
    size_t n = CUR_N, k = strlen(from), done = 0;
    for (size_t i = 0; i + k <= n;) {
        const char *c = memchr(s + i, from[0], n - k + 1 - i);
        if (!c)
            break;
        i = (size_t)(c - s);
        if (memcmp(c, from, k) == 0) {
            fc_buf_add(t->nxt, s + done, i - done);
            fc_buf_puts(t->nxt, to);
            i += k;
            done = i;
        } else {
            i++;
        }
    }
    fc_buf_add(t->nxt, s + done, n - done);
    pass_done(t);
}

/*
 * A pass of one regex: at each place where `lead` stands (what every match
 * of the regex starts with), m() tries the match; it returns the match's
 * end (> i) and appends the replacement, or returns 0 (no match there).
 * The bytes between are copied as they are; a text without `lead` stays
 * where it is.  `mark` is where the last match ended in the output, for
 * the patterns that begin with \s* (their leading white space is found by
 * trimming the output back, never past it).
 */
struct pass {
    const char *s;
    size_t n;
    struct fc_buf *out;
    size_t mark;
};

typedef size_t (*match_fn)(struct pass *p, size_t i);

/* The first lead (k bytes) in s[i..n), n when none.  Most leads start
 * with '<', which HTML has every few bytes: the 16-byte steps look for
 * the first two bytes together. */
static size_t find_lead(const char *s, size_t i, size_t n, const char *lead, size_t k)
{
#ifdef FC_SCAN_SSE2
    if (k >= 2) {
        __m128i a = _mm_set1_epi8(lead[0]), b = _mm_set1_epi8(lead[1]);
        for (; i + 17 <= n; i += 16) {
            __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
            __m128i y = _mm_loadu_si128((const __m128i *)(const void *)(s + i + 1));
            unsigned m = (unsigned)_mm_movemask_epi8(
                _mm_and_si128(_mm_cmpeq_epi8(x, a), _mm_cmpeq_epi8(y, b)));
            for (; m; m &= m - 1) {
                size_t at = i + (size_t)__builtin_ctz(m);
                if (at + k <= n && memcmp(s + at, lead, k) == 0)
                    return at;
            }
        }
    }
#endif
    while (i + k <= n) {
        const char *c = memchr(s + i, lead[0], n - k + 1 - i);
        if (!c)
            break;
        i = (size_t)(c - s);
        if (memcmp(c, lead, k) == 0)
            return i;
        i++;
    }
    return n;
}

static void run_pass(struct autop *t, match_fn m, const char *lead)
{
    size_t k = strlen(lead);
    struct pass p = {CUR_S, CUR_N, t->nxt, 0};
    size_t i = find_lead(p.s, 0, p.n, lead, k), done = 0;
    if (i == p.n)
        return;
    for (; i < p.n; i = find_lead(p.s, i, p.n, lead, k)) {
        fc_buf_add(p.out, p.s + done, i - done); /* m() sees all before i */
        done = i;
        size_t e = m(&p, i);
        if (e > i) {
            i = done = e;
            p.mark = p.out->len;
        } else {
            i++;
        }
    }
    fc_buf_add(p.out, p.s + done, p.n - done);
    pass_done(t);
}

/* run_pass for a pattern that only matches where `needed` is in the text
 * (each pass copies the whole text). */
static void run_pass_if(struct autop *t, match_fn m, const char *lead, const char *needed)
{
    if (contains(t, needed))
        run_pass(t, m, lead);
}

/* The output's trailing white space, back to the last match: the \s* a
 * pattern starts with. */
static void trim_back(struct pass *p)
{
    while (p->out->len > p->mark && ws((unsigned char)p->out->data[p->out->len - 1]))
        p->out->len--;
    if (p->out->data)
        p->out->data[p->out->len] = '\0';
}

/* '|<br\s*\/?>\s*<br\s*\/?>|' -> "\n\n" */
static size_t br_end(const char *s, size_t i, size_t n)
{
    if (!at(s, i, n, "<br"))
        return 0;
    i = skip_ws(s, i + 3, n);
    if (i < n && s[i] == '/')
        i++;
    return i < n && s[i] == '>' ? i + 1 : 0;
}

static size_t m_double_br(struct pass *p, size_t i)
{
    size_t e = br_end(p->s, i, p->n), e2;
    if (!e || !(e2 = br_end(p->s, skip_ws(p->s, e, p->n), p->n)))
        return 0;
    fc_buf_puts(p->out, "\n\n");
    return e2;
}

/* '!(<' . $allblocks . '[\s/>])!' -> "\n\n$1" */
static size_t m_block_open(struct pass *p, size_t i)
{
    if (p->s[i] != '<' || !block_name(p->s, i + 1, p->n, ws_slash_gt))
        return 0;
    size_t j = i + 1; /* the name, then the byte after it */
    while (j < p->n && !ws_slash_gt((unsigned char)p->s[j]))
        j++;
    fc_buf_puts(p->out, "\n\n");
    fc_buf_add(p->out, p->s + i, j + 1 - i);
    return j + 1;
}

/* '!(</' . $allblocks . '>)!' -> "$1\n\n" */
static size_t m_block_close(struct pass *p, size_t i)
{
    if (!at(p->s, i, p->n, "</") || !block_name(p->s, i + 2, p->n, is_gt))
        return 0;
    size_t e = find_gt(p->s, i, p->n) + 1;
    fc_buf_add(p->out, p->s + i, e - i);
    fc_buf_puts(p->out, "\n\n");
    return e;
}

/* '!(<hr\s*?\/?>)!' -> "$1\n\n" */
static size_t m_hr(struct pass *p, size_t i)
{
    if (!at(p->s, i, p->n, "<hr"))
        return 0;
    size_t j = skip_ws(p->s, i + 3, p->n);
    if (j < p->n && p->s[j] == '/')
        j++;
    if (j >= p->n || p->s[j] != '>')
        return 0;
    fc_buf_add(p->out, p->s + i, j + 1 - i);
    fc_buf_puts(p->out, "\n\n");
    return j + 1;
}

/* wp_replace_in_html_tags( $text, array( "\n" => ' <!-- wpnl --> ' ) ) */
static size_t m_newline_in_tag(struct pass *p, size_t i)
{
    if (p->s[i] != '<')
        return 0;
    size_t e = fc_wp_html_element_end(p->s, i, p->n);
    for (size_t k = i; k < e;) {
        const char *nl = memchr(p->s + k, '\n', e - k);
        size_t r = nl ? (size_t)(nl - p->s) : e;
        fc_buf_add(p->out, p->s + k, r - k);
        if (r < e)
            fc_buf_puts(p->out, " <!-- wpnl --> ");
        k = r + 1;
    }
    return e;
}

/* The tokens some steps strip white space around; each returns the
 * token's end at s[i], 0 when none. */
static size_t tok_option(const char *s, size_t i, size_t n)
{
    return at(s, i, n, "<option") ? i + 7 : 0;
}

static size_t tok_option_close(const char *s, size_t i, size_t n)
{
    return at(s, i, n, "</option>") ? i + 9 : 0;
}

/* "<" name "[^>]*>" */
static size_t tok_tag(const char *s, size_t i, size_t n, const char *open)
{
    if (!at(s, i, n, open))
        return 0;
    size_t gt = find_gt(s, i + strlen(open), n);
    return gt < n ? gt + 1 : 0;
}

static size_t tok_object(const char *s, size_t i, size_t n)
{
    return tok_tag(s, i, n, "<object");
}

static size_t tok_object_close(const char *s, size_t i, size_t n)
{
    return at(s, i, n, "</object>") ? i + 9 : 0;
}

/* </?(?:param|embed)[^>]*> */
static size_t tok_param(const char *s, size_t i, size_t n)
{
    size_t j = at(s, i, n, "</") ? i + 2 : at(s, i, n, "<") ? i + 1 : n;
    if (!at(s, j, n, "param") && !at(s, j, n, "embed"))
        return 0;
    size_t gt = find_gt(s, j, n);
    return gt < n ? gt + 1 : 0;
}

/* [<\[](?:audio|video)[^>\]]*[>\]] */
static size_t tok_media_open(const char *s, size_t i, size_t n)
{
    if (i >= n || (s[i] != '<' && s[i] != '[') ||
        (!at(s, i + 1, n, "audio") && !at(s, i + 1, n, "video")))
        return 0;
    for (size_t j = i + 6; j < n; j++)
        if (s[j] == '>' || s[j] == ']')
            return j + 1;
    return 0;
}

/* [<\[]/(?:audio|video)[>\]] */
static size_t tok_media_close(const char *s, size_t i, size_t n)
{
    if (i + 8 > n || (s[i] != '<' && s[i] != '[') || s[i + 1] != '/' ||
        (!at(s, i + 2, n, "audio") && !at(s, i + 2, n, "video")) ||
        (s[i + 7] != '>' && s[i + 7] != ']'))
        return 0;
    return i + 8;
}

static size_t tok_source(const char *s, size_t i, size_t n)
{
    size_t e = tok_tag(s, i, n, "<source");
    return e ? e : tok_tag(s, i, n, "<track");
}

static size_t tok_figcaption(const char *s, size_t i, size_t n)
{
    return tok_tag(s, i, n, "<figcaption");
}

static size_t tok_figcaption_close(const char *s, size_t i, size_t n)
{
    return at(s, i, n, "</figcaption>") ? i + 13 : 0;
}

/* A pass of '\s*(TOKEN)' (before), '(TOKEN)\s*' (after) or both. */
static void strip_around(struct autop *t, size_t (*tok)(const char *, size_t, size_t), bool before,
                         bool after)
{
    struct pass p = {CUR_S, CUR_N, t->nxt, 0};
    for (size_t i = 0; i < p.n;) {
        size_t e = tok(p.s, i, p.n);
        if (!e) {
            fc_buf_putc(p.out, p.s[i++]);
            continue;
        }
        if (before)
            trim_back(&p);
        fc_buf_add(p.out, p.s + i, e - i);
        i = after ? skip_ws(p.s, e, p.n) : e;
        p.mark = p.out->len;
    }
    pass_done(t);
}

/* preg_replace( "/\n\n+/", "\n\n" ) */
static size_t m_many_newlines(struct pass *p, size_t i)
{
    if (!at(p->s, i, p->n, "\n\n"))
        return 0;
    size_t j = i;
    while (j < p->n && p->s[j] == '\n')
        j++;
    fc_buf_puts(p->out, "\n\n");
    return j;
}

/* preg_split( '/\n\s*\n/', $text, -1, PREG_SPLIT_NO_EMPTY ), each piece
 * '<p>' . trim( $piece, "\n" ) . "</p>\n". */
static void add_para(struct fc_buf *out, const char *s, size_t a, size_t b)
{
    if (a == b)
        return;
    while (a < b && s[a] == '\n')
        a++;
    while (b > a && s[b - 1] == '\n')
        b--;
    fc_buf_puts(out, "<p>");
    fc_buf_add(out, s + a, b - a);
    fc_buf_puts(out, "</p>\n");
}

static void paragraphs(struct autop *t)
{
    const char *s = CUR_S;
    size_t n = CUR_N, start = 0;
    for (size_t i = 0; i < n;) {
        if (s[i] != '\n') {
            const char *nl = memchr(s + i, '\n', n - i);
            i = nl ? (size_t)(nl - s) : n;
            continue;
        }
        size_t r = i + 1, last = 0;
        while (r < n && ws((unsigned char)s[r])) {
            if (s[r] == '\n')
                last = r;
            r++;
        }
        if (!last) {
            i = r > i + 1 ? r : i + 1;
            continue;
        }
        add_para(t->nxt, s, start, i);
        start = i = last + 1;
    }
    add_para(t->nxt, s, start, n);
    pass_done(t);
}

/* '|<p>\s*</p>|' -> '' */
static size_t m_empty_p(struct pass *p, size_t i)
{
    if (!at(p->s, i, p->n, "<p>"))
        return 0;
    size_t j = skip_ws(p->s, i + 3, p->n);
    return at(p->s, j, p->n, "</p>") ? j + 4 : 0;
}

/* '!<p>([^<]+)</(div|address|form)>!' -> "<p>$1</p></$2>" */
static size_t m_p_before_close(struct pass *p, size_t i)
{
    static const char *const names[] = {"</div>", "</address>", "</form>"};
    if (!at(p->s, i, p->n, "<p>"))
        return 0;
    size_t j = i + 3;
    while (j < p->n && p->s[j] != '<')
        j++;
    if (j == i + 3)
        return 0;
    for (size_t k = 0; k < 3; k++) {
        if (at(p->s, j, p->n, names[k])) {
            fc_buf_add(p->out, p->s + i, j - i);
            fc_buf_puts(p->out, "</p>");
            fc_buf_puts(p->out, names[k]);
            return j + strlen(names[k]);
        }
    }
    return 0;
}

/* '!<p>\s*(</?' . $allblocks . '[^>]*>)\s*</p>!' -> "$1" */
static size_t m_p_around_block(struct pass *p, size_t i)
{
    if (!at(p->s, i, p->n, "<p>"))
        return 0;
    size_t j = skip_ws(p->s, i + 3, p->n), e = block_tag(p->s, j, p->n);
    if (!e)
        return 0;
    size_t k = skip_ws(p->s, e, p->n);
    if (!at(p->s, k, p->n, "</p>"))
        return 0;
    fc_buf_add(p->out, p->s + j, e - j);
    return k + 4;
}

/* '|<p>(<li.+?)</p>|' -> "$1" */
static size_t m_p_li(struct pass *p, size_t i)
{
    if (!at(p->s, i, p->n, "<p><li"))
        return 0;
    size_t k = i + 6;
    if (k >= p->n || p->s[k] == '\n')
        return 0;
    for (size_t q = k + 1; q < p->n; q++) {
        if (at(p->s, q, p->n, "</p>")) {
            fc_buf_add(p->out, p->s + i + 3, q - i - 3);
            return q + 4;
        }
        if (p->s[q] == '\n')
            return 0;
    }
    return 0;
}

/* '|<p><blockquote([^>]*)>|i' -> "<blockquote$1><p>" */
static size_t m_p_blockquote(struct pass *p, size_t i)
{
    if (p->n - i < 14 || fc_strncasecmp(p->s + i, "<p><blockquote", 14) != 0)
        return 0;
    size_t gt = find_gt(p->s, i + 14, p->n);
    if (gt >= p->n)
        return 0;
    fc_buf_puts(p->out, "<blockquote");
    fc_buf_add(p->out, p->s + i + 14, gt - i - 14);
    fc_buf_puts(p->out, "><p>");
    return gt + 1;
}

/* '!<p>\s*(</?' . $allblocks . '[^>]*>)!' -> "$1" */
static size_t m_p_before_block(struct pass *p, size_t i)
{
    if (!at(p->s, i, p->n, "<p>"))
        return 0;
    size_t j = skip_ws(p->s, i + 3, p->n), e = block_tag(p->s, j, p->n);
    if (!e)
        return 0;
    fc_buf_add(p->out, p->s + j, e - j);
    return e;
}

/* '!(</?' . $allblocks . '[^>]*>)\s*</p>!' -> "$1" */
static size_t m_block_before_p_close(struct pass *p, size_t i)
{
    size_t e = block_tag(p->s, i, p->n);
    if (!e)
        return 0;
    size_t k = skip_ws(p->s, e, p->n);
    if (!at(p->s, k, p->n, "</p>"))
        return 0;
    fc_buf_add(p->out, p->s + i, e - i);
    return k + 4;
}

/* A cache of where the next "</name>" is, so that many unclosed
 * "<script" do not make the scan quadratic. */
struct next_close {
    size_t from, at;
};

static size_t find_close(const char *s, size_t n, size_t i, const char *closer,
                         struct next_close *c)
{
    if (c->from <= i && (c->at >= n || c->at >= i))
        return c->at;
    size_t k = strlen(closer), j = i;
    while (j + k <= n && memcmp(s + j, closer, k) != 0)
        j++;
    c->from = i;
    c->at = j + k <= n ? j : n;
    return c->at;
}

/* preg_replace_callback( '/<(script|style|svg).*?<\/\\1>/s', ... ): the
 * newlines inside become <WPPreserveNewline />. */
static void preserve_newlines(struct autop *t)
{
    static const char *const names[3] = {"script", "style", "svg"};
    static const char *const closers[3] = {"</script>", "</style>", "</svg>"};
    struct next_close cache[3] = {{1, 0}, {1, 0}, {1, 0}};
    const char *s = CUR_S;
    size_t n = CUR_N;
    for (size_t i = 0; i < n;) {
        int k = -1;
        for (int q = 0; q < 3 && s[i] == '<'; q++)
            if (at(s, i + 1, n, names[q]))
                k = q;
        size_t c = k >= 0 ? find_close(s, n, i + 1 + strlen(names[k]), closers[k], &cache[k]) : n;
        if (c >= n) {
            const char *lt = memchr(s + i + 1, '<', n - i - 1);
            size_t r = lt ? (size_t)(lt - s) : n;
            fc_buf_add(t->nxt, s + i, r - i);
            i = r;
            continue;
        }
        size_t e = c + strlen(closers[k]);
        for (; i < e; i++) {
            if (s[i] == '\n')
                fc_buf_puts(t->nxt, "<WPPreserveNewline />");
            else
                fc_buf_putc(t->nxt, s[i]);
        }
    }
    pass_done(t);
}

/* '|(?<!<br />)\s*\n|' -> "<br />\n": each match is a run of white space
 * holding a newline, found from the newline; the run's start (where the
 * regex tries first) is behind it. */
static void newlines_to_br(struct autop *t)
{
    const char *s = CUR_S;
    size_t n = CUR_N, done = 0;
    for (;;) {
        const char *nl = done < n ? memchr(s + done, '\n', n - done) : NULL;
        if (!nl)
            break;
        size_t a = (size_t)(nl - s), r = a, last = a;
        while (a > done && ws((unsigned char)s[a - 1]))
            a--;
        for (; r < n && ws((unsigned char)s[r]); r++)
            if (s[r] == '\n')
                last = r;
        fc_buf_add(t->nxt, s + done, a - done);
        if (a >= 6 && memcmp(s + a - 6, "<br />", 6) == 0) {
            /* the lookbehind fails at the run's start only */
            fc_buf_putc(t->nxt, s[a++]);
            if (last < a) { /* that was the run's only newline */
                fc_buf_add(t->nxt, s + a, r - a);
                done = r;
                continue;
            }
        }
        fc_buf_puts(t->nxt, "<br />\n");
        done = last + 1;
    }
    fc_buf_add(t->nxt, s + done, n - done);
    pass_done(t);
}

/* '!(</?' . $allblocks . '[^>]*>)\s*<br />!' -> "$1" */
static size_t m_block_br(struct pass *p, size_t i)
{
    size_t e = block_tag(p->s, i, p->n);
    if (!e)
        return 0;
    size_t k = skip_ws(p->s, e, p->n);
    if (!at(p->s, k, p->n, "<br />"))
        return 0;
    fc_buf_add(p->out, p->s + i, e - i);
    return k + 6;
}

/* '!<br />(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)!' -> "$1" */
static size_t m_br_block(struct pass *p, size_t i)
{
    static const char *const names[] = {"p",  "li",  "div", "dl", "dd", "dt",
                                        "th", "pre", "td",  "ul", "ol"};
    if (!at(p->s, i, p->n, "<br />"))
        return 0;
    size_t j = skip_ws(p->s, i + 6, p->n);
    if (j >= p->n || p->s[j] != '<')
        return 0;
    size_t k = j + 1 < p->n && p->s[j + 1] == '/' ? j + 2 : j + 1;
    bool named = false;
    for (size_t q = 0; q < sizeof names / sizeof names[0] && !named; q++)
        named = at(p->s, k, p->n, names[q]);
    size_t gt = named ? find_gt(p->s, k, p->n) : p->n;
    if (gt >= p->n)
        return 0;
    fc_buf_add(p->out, p->s + i + 6, gt + 1 - i - 6);
    return gt + 1;
}

/* ---- <pre> protection ---------------------------------------------------- */

/* The <pre> elements taken out: offsets into the text they came from. */
struct pre_tags {
    const char *text;
    size_t (*v)[2];
    size_t n;
};

/* explode( '</pre>', $text ): each piece but the last that holds "<pre"
 * keeps what comes before it and a name "<pre wp-pre-tag-N></pre>"; the
 * rest (with its "</pre>") is kept aside. */
static bool protect_pre(struct autop *t, struct pre_tags *pt, struct fc_buf *keep)
{
    fc_buf_add(keep, CUR_S, CUR_N); /* the pieces point into this copy */
    if (keep->oom)
        return false;
    const char *s = keep->data;
    size_t n = keep->len, start = 0, cap = 0;
    pt->text = s;
    for (;;) {
        size_t end = find_lead(s, start, n, "</pre>", 6);
        if (end == n)
            break;
        size_t pre = find_lead(s, start, end, "<pre", 4);
        if (pre == end) { /* "Malformed HTML?": the piece, without its "</pre>" */
            fc_buf_add(t->nxt, s + start, end - start);
        } else {
            if (pt->n == cap) {
                size_t nc = cap ? cap * 2 : 8;
                void *v = realloc(pt->v, nc * sizeof *pt->v);
                if (!v)
                    return false;
                pt->v = v;
                cap = nc;
            }
            pt->v[pt->n][0] = pre;
            pt->v[pt->n][1] = end + 6 - pre;
            fc_buf_add(t->nxt, s + start, pre - start);
            fc_buf_printf(t->nxt, "<pre wp-pre-tag-%zu></pre>", pt->n);
            pt->n++;
        }
        start = end + 6;
    }
    fc_buf_add(t->nxt, s + start, n - start);
    pass_done(t);
    return true;
}

/* A name "<pre wp-pre-tag-N></pre>" at s[i]: N, and its end in *e; -1
 * when there is none. */
static long pre_name(const char *s, size_t i, size_t n, size_t *e)
{
    if (!at(s, i, n, "<pre wp-pre-tag-"))
        return -1;
    size_t j = i + 16, d = j;
    long v = 0;
    while (j < n && s[j] >= '0' && s[j] <= '9' && j - d < 9)
        v = v * 10 + (s[j++] - '0');
    if (j == d || (s[d] == '0' && j - d > 1) || !at(s, j, n, "></pre>"))
        return -1;
    *e = j + 7;
    return v;
}

/* One value (the <pre> element k) with what it brings in: a value holds
 * one "</pre>", its last bytes, so a name can only end it; a name of a
 * later element there is replaced too (str_replace goes on with the next
 * name), an earlier one is not. */
static void restore_value(struct fc_buf *out, const struct pre_tags *pt, size_t k)
{
    for (;;) {
        const char *v = pt->text + pt->v[k][0];
        size_t n = pt->v[k][1], e;
        const char *lt = NULL;
        for (size_t i = n; i-- > 0 && !lt;)
            if (v[i] == '<' && i + 16 <= n && memcmp(v + i, "<pre wp-pre-tag-", 16) == 0)
                lt = v + i;
        long j = lt ? pre_name(v, (size_t)(lt - v), n, &e) : -1;
        if (j < 0 || e != n || (size_t)j <= k || (size_t)j >= pt->n) {
            fc_buf_add(out, v, n);
            return;
        }
        fc_buf_add(out, v, (size_t)(lt - v));
        k = (size_t)j;
    }
}

/* str_replace( array_keys( $pre_tags ), array_values( $pre_tags ) ). */
static void restore_pre(struct fc_buf *out, const struct pre_tags *pt, const char *s, size_t n)
{
    size_t done = 0;
    for (size_t i = 0; i < n;) {
        size_t e;
        long k = s[i] == '<' ? pre_name(s, i, n, &e) : -1;
        if (k < 0 || (size_t)k >= pt->n) {
            i++;
            continue;
        }
        fc_buf_add(out, s + done, i - done);
        restore_value(out, pt, (size_t)k);
        i = done = e;
    }
    fc_buf_add(out, s + done, n - done);
}

/* ---- wpautop ------------------------------------------------------------ */

static bool php_trim_empty(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!strchr(" \t\n\r\v", s[i]) && s[i] != '\0')
            return false;
    return true;
}

static void autop_steps(struct autop *t, bool br)
{
    run_pass(t, m_double_br, "<br");
    run_pass(t, m_block_open, "<");
    run_pass(t, m_block_close, "</");
    run_pass(t, m_hr, "<hr");
    replace_all(t, "\r\n", "\n");
    replace_all(t, "\r", "\n");
    run_pass(t, m_newline_in_tag, "<");
    if (contains(t, "<option")) {
        strip_around(t, tok_option, true, false);
        strip_around(t, tok_option_close, false, true);
    }
    if (contains(t, "</object>")) {
        strip_around(t, tok_object, false, true);
        strip_around(t, tok_object_close, true, false);
        strip_around(t, tok_param, true, true);
    }
    if (contains(t, "<source") || contains(t, "<track")) {
        strip_around(t, tok_media_open, false, true);
        strip_around(t, tok_media_close, true, false);
        strip_around(t, tok_source, true, true);
    }
    if (contains(t, "<figcaption")) {
        strip_around(t, tok_figcaption, true, false);
        strip_around(t, tok_figcaption_close, false, true);
    }
    run_pass(t, m_many_newlines, "\n\n");
    paragraphs(t);
    run_pass(t, m_empty_p, "<p>");
    run_pass(t, m_p_before_close, "<p>");
    run_pass(t, m_p_around_block, "<p>");
    run_pass(t, m_p_li, "<p><li");
    run_pass(t, m_p_blockquote, "<"); /* case-insensitive */
    replace_all(t, "</blockquote></p>", "</p></blockquote>");
    run_pass(t, m_p_before_block, "<p>");
    run_pass(t, m_block_before_p_close, "<");
    if (br) {
        preserve_newlines(t);
        replace_all(t, "<br>", "<br />");
        replace_all(t, "<br/>", "<br />");
        newlines_to_br(t);
        replace_all(t, "<WPPreserveNewline />", "\n");
    }
    run_pass_if(t, m_block_br, "<", "<br />");
    run_pass(t, m_br_block, "<br />");
    /* '|\n</p>$|' -> '</p>' ($: the end, or before a final newline) */
    struct fc_buf *c = t->cur;
    if (c->len >= 5 && memcmp(c->data + c->len - 5, "\n</p>", 5) == 0) {
        memmove(c->data + c->len - 5, "</p>", 5);
        c->len--;
    } else if (c->len >= 6 && memcmp(c->data + c->len - 6, "\n</p>\n", 6) == 0) {
        memmove(c->data + c->len - 6, "</p>\n", 6);
        c->len--;
    }
}

void fc_wp_autop(struct fc_buf *out, const char *s, size_t n, bool br)
{
    if (php_trim_empty(s, n))
        return;
    struct autop t;
    struct fc_buf keep;
    struct pre_tags pt = {NULL, NULL, 0};
    fc_buf_init(&t.a);
    fc_buf_init(&t.b);
    fc_buf_init(&keep);
    t.cur = &t.a;
    t.nxt = &t.b;
    fc_buf_add(t.cur, s, n);
    fc_buf_putc(t.cur, '\n');
    bool ok = true;
    if (contains(&t, "<pre"))
        ok = protect_pre(&t, &pt, &keep);
    if (ok)
        autop_steps(&t, br);
    if (!ok || t.a.oom || t.b.oom) {
        out->oom = true;
    } else {
        /* the names back, then the newlines kept inside tags */
        fc_buf_reset(t.nxt);
        restore_pre(t.nxt, &pt, t.cur->data ? t.cur->data : "", t.cur->len);
        pass_done(&t);
        if (contains(&t, "<!-- wpnl -->")) {
            replace_all(&t, " <!-- wpnl --> ", "\n");
            replace_all(&t, "<!-- wpnl -->", "\n");
        }
        fc_buf_add(out, t.cur->data ? t.cur->data : "", t.cur->len);
        if (t.a.oom || t.b.oom)
            out->oom = true;
    }
    free(pt.v);
    fc_buf_free(&keep);
    fc_buf_free(&t.a);
    fc_buf_free(&t.b);
}

/* ---- shortcode_unautop ----------------------------------------------------- */

/* wp_spaces_regexp(): '[\r\n\t ]|\xC2\xA0|&nbsp;', possessively. */
static size_t skip_spaces(const char *s, size_t i, size_t n)
{
    for (;;) {
        if (i < n && (s[i] == '\r' || s[i] == '\n' || s[i] == '\t' || s[i] == ' '))
            i++;
        else if (at(s, i, n, "\xC2\xA0"))
            i += 2;
        else if (at(s, i, n, "&nbsp;"))
            i += 6;
        else
            return i;
    }
}

/*
 * '/<p>(?:SPACES)*+(\[(TAGS)(?![\w-])ATTS(?:\/\]|\](?:CONTENT\[\/\2\])?))(?:SPACES)*+<\/p>/'
 * -> '$1': the enclosing form first; when "</p>" does not follow it,
 * the regex backtracks to the lone opener.
 */
void fc_wp_shortcode_unautop(struct fc_buf *out, const char *s, size_t n,
                             const struct fc_wp_tags *tags)
{
    struct fc_wp_scan sc;
    if (!tags || !tags->n) {
        fc_buf_add(out, s, n);
        return;
    }
    if (!fc_wp_scan_init(&sc, s, n, tags, false)) {
        out->oom = true;
        return;
    }
    size_t done = 0;
    for (size_t i = find_lead(s, 0, n, "<p>", 3); i < n; i = find_lead(s, i, n, "<p>", 3)) {
        struct fc_wp_sc m;
        size_t j = skip_spaces(s, i + 3, n);
        size_t k = n;
        if (j < n && s[j] == '[' && fc_wp_sc_at(&sc, j, false, &m)) {
            k = skip_spaces(s, m.end, n);
            if (!at(s, k, n, "</p>") && m.enclosing) {
                /* backtrack: the opener alone */
                m.end = m.content;
                m.enclosing = false;
                k = m.self_closing ? n : skip_spaces(s, m.end, n);
            }
        }
        if (k < n && at(s, k, n, "</p>")) {
            fc_buf_add(out, s + done, i - done);
            fc_buf_add(out, s + j, m.end - j);
            i = done = k + 4;
        } else {
            i++;
        }
    }
    fc_buf_add(out, s + done, n - done);
    if (sc.oom)
        out->oom = true;
    fc_wp_scan_free(&sc);
}
