/*
 * yaml_quick.c - the quick path of the YAML reader (see yaml.h).
 *
 * libyaml's scanner costs 100+ instructions a byte, a quarter of a site ->
 * feed conversion.  Nearly all front matter is the block subset feedconv
 * itself writes, which this reads straight into the same tree: the same
 * text, styles, lines and columns (in characters) as libyaml's events.
 *
 * Taken: block mappings and sequences at any consistent indentation
 * (compact "- key: v" and indentless "key:\n- v" too); one-line plain,
 * 'single' and "double" quoted scalars (every libyaml escape); empty values;
 * comments, blank lines, "\r\n".  Anything else answers "not handled" and
 * goes to libyaml, which also reports every error: flow collections,
 * anchors, aliases, tags, block and multi-line scalars, tabs, document
 * markers, control characters, BOMs, NEL/LS/PS, keys past libyaml's 1024
 * characters, nesting past FC_FM_MAX_DEPTH.  When in doubt, not handled:
 * tests/test_yaml_quick.c and the markdown fuzzer compare both paths.
 * A fallback leaves the nodes read so far in the arena (a few times the
 * text at most; fallbacks are rare).
 */
#include "syntax/yaml.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum q_res { Q_OK, Q_NO, Q_NOMEM };
enum q_after { Q_END, Q_COLON, Q_BAD }; /* what follows a scalar on its line */

struct yaml_quick {
    struct fc_arena *a;
    const char *end;
    const char *ls, *le, *next; /* the current line, its end (before "\r\n"), the next */
    unsigned long line;         /* of ls, 1-based, offset included */
    size_t ind;                 /* indentation of the current line, after q_peek */
    struct fc_fm_node **stk;    /* kids of the open collections, innermost last */
    size_t nstk, cap;
    struct fc_fm_node *local[64];
};

static void q_setline(struct yaml_quick *q, const char *ls)
{
    const char *nl = ls < q->end ? memchr(ls, '\n', (size_t)(q->end - ls)) : NULL;
    q->ls = ls;
    q->le = nl ? nl : q->end;
    q->next = nl ? nl + 1 : q->end;
    if (q->le > ls && q->le[-1] == '\r')
        q->le--;
}

static void q_nextline(struct yaml_quick *q)
{
    q->line++;
    q_setline(q, q->next);
}

/* Past blank and comment lines: true at a content line (indentation in q->ind). */
static bool q_peek(struct yaml_quick *q)
{
    while (q->ls < q->end) {
        const char *p = q->ls;
        while (p < q->le && *p == ' ')
            p++;
        if (p < q->le && *p != '#') {
            q->ind = (size_t)(p - q->ls);
            return true;
        }
        q_nextline(q);
    }
    return false;
}

/* libyaml counts columns in characters. */
static unsigned long q_col(const struct yaml_quick *q, const char *p)
{
    unsigned long c = 1;
    for (const char *s = q->ls; s < p; s++)
        c += ((unsigned char)*s & 0xC0) != 0x80;
    return c;
}

/* "- " or a "-" ending the line: a block sequence entry. */
static bool q_is_entry(const struct yaml_quick *q, const char *p)
{
    return *p == '-' && (p + 1 == q->le || p[1] == ' ');
}

static bool q_push(struct yaml_quick *q, struct fc_fm_node *n)
{
    if (q->nstk == q->cap) {
        size_t nc = q->cap * 2;
        struct fc_fm_node **v =
            q->stk == q->local ? malloc(nc * sizeof *v) : realloc(q->stk, nc * sizeof *v);
        if (!v)
            return false;
        if (q->stk == q->local)
            memcpy(v, q->local, q->nstk * sizeof *v);
        q->stk = v;
        q->cap = nc;
    }
    q->stk[q->nstk++] = n;
    return true;
}

/* The kids pushed since from become n's. */
static enum q_res q_pop(struct yaml_quick *q, struct fc_fm_node *n, size_t from)
{
    n->n = q->nstk - from;
    n->kids = fc_alloc(q->a, n->n * sizeof *n->kids);
    if (!n->kids)
        return Q_NOMEM;
    memcpy(n->kids, q->stk + from, n->n * sizeof *n->kids);
    q->nstk = from;
    return Q_OK;
}

/* The empty (null) value libyaml makes for "key:" and "-" with nothing. */
static enum q_res q_empty(struct yaml_quick *q, unsigned long line, unsigned long column,
                          struct fc_fm_node **out)
{
    struct fc_fm_node *n = fc_fm_new(q->a, FC_FM_SCALAR, line, column);
    if (!n || !(n->str = fc_strdup(q->a, "", 0)))
        return Q_NOMEM;
    n->plain = true;
    *out = n;
    return Q_OK;
}

static int q_hexval(const char *p, int digits, uint32_t *v)
{
    *v = 0;
    for (int i = 0; i < digits; i++) {
        char c = p[i];
        unsigned d;
        if (c >= '0' && c <= '9')
            d = (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f')
            d = (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            d = (unsigned)(c - 'A' + 10);
        else
            return 0;
        *v = *v << 4 | d;
    }
    return 1;
}

/* One escape at p (after the backslash, before le): its length in the
 * text, 0 when not taken (libyaml 0.2.5 has no \'); its bytes go to out
 * (up to 4) and *n. */
static size_t q_escape(const char *p, const char *le, char out[4], size_t *n)
{
    static const char simple[] = "0\0a\ab\bt\tn\nv\vf\fr\re\033  \"\"//\\\\";
    for (size_t i = 0; i + 1 < sizeof simple; i += 2)
        if (*p == simple[i]) {
            out[0] = simple[i + 1];
            *n = 1;
            return 1;
        }
    int digits = *p == 'x' ? 2 : *p == 'u' ? 4 : *p == 'U' ? 8 : 0;
    uint32_t cp;
    if (*p == 'N')
        cp = 0x85;
    else if (*p == '_')
        cp = 0xA0;
    else if (*p == 'L')
        cp = 0x2028;
    else if (*p == 'P')
        cp = 0x2029;
    else if (!digits || le - p <= digits || !q_hexval(p + 1, digits, &cp) ||
             (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
        return 0;
    if (cp < 0x80) {
        out[0] = (char)cp;
        *n = 1;
    } else if (cp < 0x800) {
        out[0] = (char)(0xC0 | cp >> 6);
        out[1] = (char)(0x80 | (cp & 0x3F));
        *n = 2;
    } else if (cp < 0x10000) {
        out[0] = (char)(0xE0 | cp >> 12);
        out[1] = (char)(0x80 | (cp >> 6 & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        *n = 3;
    } else {
        out[0] = (char)(0xF0 | cp >> 18);
        out[1] = (char)(0x80 | (cp >> 12 & 0x3F));
        out[2] = (char)(0x80 | (cp >> 6 & 0x3F));
        out[3] = (char)(0x80 | (cp & 0x3F));
        *n = 4;
    }
    return 1 + (size_t)digits;
}

/* A "double-quoted" scalar's text from p (after the quote): *close at the
 * closing quote; false when it does not close on this line. */
static enum q_res q_dquoted(struct yaml_quick *q, const char *p, struct fc_fm_node *n,
                            const char **close)
{
    const char *le = q->le, *e = memchr(p, '"', (size_t)(le - p));
    const char *bs = memchr(p, '\\', (size_t)((e ? e : le) - p));
    if (!bs) { /* no escapes: the common case */
        if (!e)
            return Q_NO;
        *close = e;
        n->len = (size_t)(e - p);
        n->str = fc_strdup(q->a, p, n->len);
        return n->str ? Q_OK : Q_NOMEM;
    }
    /* measure, then decode */
    size_t len = 0, k, m;
    char buf[4];
    const char *s = p;
    while (s < le && *s != '"') {
        if (*s != '\\') {
            s++, len++;
            continue;
        }
        if (s + 1 == le || !(k = q_escape(s + 1, le, buf, &m)))
            return Q_NO;
        s += 1 + k, len += m;
    }
    if (s == le)
        return Q_NO;
    *close = s;
    char *out = fc_alloc(q->a, len + 1);
    if (!out)
        return Q_NOMEM;
    n->str = out;
    n->len = len;
    for (s = p; *s != '"';) {
        if (*s != '\\') {
            *out++ = *s++;
            continue;
        }
        k = q_escape(s + 1, le, out, &m);
        s += 1 + k, out += m;
    }
    return Q_OK;
}

/* A 'single-quoted' scalar's text from p (after the quote). */
static enum q_res q_squoted(struct yaml_quick *q, const char *p, struct fc_fm_node *n,
                            const char **close)
{
    const char *le = q->le, *s = p;
    size_t len = 0;
    for (;; s++, len++) {
        const char *e = memchr(s, '\'', (size_t)(le - s));
        if (!e)
            return Q_NO;
        len += (size_t)(e - s);
        s = e;
        if (s + 1 == le || s[1] != '\'')
            break;
        s++; /* '' is one quote */
    }
    *close = s;
    char *out = fc_alloc(q->a, len + 1);
    if (!out)
        return Q_NOMEM;
    n->str = out;
    n->len = len;
    for (s = p; s < *close; s++) {
        *out++ = *s;
        if (*s == '\'')
            s++;
    }
    return Q_OK;
}

/* A one-line scalar at p; *after says what follows it, *colon where. */
static enum q_res q_scalar(struct yaml_quick *q, const char *p, struct fc_fm_node **out,
                           enum q_after *after, const char **colon)
{
    const char *le = q->le, *s;
    struct fc_fm_node *n = fc_fm_new(q->a, FC_FM_SCALAR, q->line, q_col(q, p));
    if (!n)
        return Q_NOMEM;
    *out = n;
    *after = Q_BAD;
    if (*p == '"' || *p == '\'') {
        const char *close = NULL;
        enum q_res r = *p == '"' ? q_dquoted(q, p + 1, n, &close) : q_squoted(q, p + 1, n, &close);
        if (r)
            return r;
        for (s = close + 1; s < le && *s == ' ';)
            s++;
        if (s == le || (*s == '#' && s > close + 1))
            *after = Q_END;
        else if (*s == ':' && (s + 1 == le || s[1] == ' '))
            *after = Q_COLON, *colon = s;
        return Q_OK;
    }
    switch (*p) { /* indicators cannot start a plain scalar ("-x" can) */
    case '-':
        if (p + 1 < le && p[1] != ' ')
            break;
        return Q_NO;
    case '?':
    case ':':
    case ',':
    case '[':
    case ']':
    case '{':
    case '}':
    case '#':
    case '&':
    case '*':
    case '!':
    case '|':
    case '>':
    case '%':
    case '@':
    case '`':
        return Q_NO;
    default:
        break;
    }
    /* up to ": ", " #" or the end of the line, without trailing spaces */
    const char *e = p;
    *after = Q_END;
    for (s = p; s < le; s++) {
        if (*s == ' ') {
            if (s + 1 < le && s[1] == '#')
                break;
        } else if (*s == ':' && (s + 1 == le || s[1] == ' ')) {
            *after = Q_COLON, *colon = s;
            break;
        } else {
            e = s + 1;
        }
    }
    n->len = (size_t)(e - p);
    n->plain = true;
    n->str = fc_strdup(q->a, p, n->len);
    return n->str ? Q_OK : Q_NOMEM;
}

static enum q_res q_seq(struct yaml_quick *q, const char *p, unsigned depth, bool indentless,
                        struct fc_fm_node **out);
static enum q_res q_map(struct yaml_quick *q, const char *p, unsigned depth, struct fc_fm_node *key,
                        const char *colon, struct fc_fm_node **out);

/* A collection starting a line of its own, at p. */
static enum q_res q_block(struct yaml_quick *q, const char *p, unsigned depth,
                          struct fc_fm_node **out)
{
    if (q_is_entry(q, p))
        return q_seq(q, p, depth, false, out);
    return q_map(q, p, depth, NULL, NULL, out);
}

/* What follows "key:" or "-" (at v) in a collection indented col: a scalar
 * on the line, a collection on the lines below, or an empty value. */
static enum q_res q_value(struct yaml_quick *q, const char *v, size_t col, unsigned depth,
                          bool item, struct fc_fm_node **out)
{
    const char *s = v;
    while (s < q->le && *s == ' ')
        s++;
    if (s < q->le && *s != '#') {
        if (q_is_entry(q, s))
            return item ? q_seq(q, s, depth, false, out) : Q_NO;
        enum q_after after;
        const char *colon = NULL;
        enum q_res r = q_scalar(q, s, out, &after, &colon);
        if (r)
            return r;
        if (item && after == Q_COLON) /* "- key: value", a compact mapping */
            return q_map(q, s, depth, *out, colon, out);
        if (after != Q_END)
            return Q_NO;
        q_nextline(q);
        return Q_OK;
    }
    unsigned long line = q->line, column = q_col(q, v);
    q_nextline(q);
    if (q_peek(q)) {
        const char *p = q->ls + q->ind;
        if (q->ind > col)
            return q_block(q, p, depth, out);
        if (!item && q->ind == col && q_is_entry(q, p))
            return q_seq(q, p, depth, true, out); /* "key:\n- item" */
    }
    return q_empty(q, line, column, out);
}

/* A block mapping whose first key is at p (already read when key is set).
 * Columns are bytes here: only spaces and "- " come before p. */
static enum q_res q_map(struct yaml_quick *q, const char *p, unsigned depth, struct fc_fm_node *key,
                        const char *colon, struct fc_fm_node **out)
{
    if (depth + 1 > FC_FM_MAX_DEPTH)
        return Q_NO; /* libyaml's path reports it */
    size_t col = (size_t)(p - q->ls), from = q->nstk;
    struct fc_fm_node *m = fc_fm_new(q->a, FC_FM_MAP, q->line, key ? key->column : q_col(q, p));
    if (!m)
        return Q_NOMEM;
    for (;;) {
        enum q_res r;
        if (!key) {
            enum q_after after;
            if ((r = q_scalar(q, p, &key, &after, &colon)))
                return r;
            if (after != Q_COLON)
                return Q_NO;
        }
        if (colon - p > 1000)
            return Q_NO; /* libyaml: a simple key is at most 1024 characters */
        struct fc_fm_node *val;
        if (!q_push(q, key) || (r = q_value(q, colon + 1, col, depth + 1, false, &val)) == Q_NOMEM)
            return Q_NOMEM;
        if (r)
            return r;
        if (!q_push(q, val))
            return Q_NOMEM;
        key = NULL;
        if (!q_peek(q) || q->ind < col)
            break;
        p = q->ls + col;
        if (q->ind > col || q_is_entry(q, p))
            return Q_NO;
    }
    *out = m;
    return q_pop(q, m, from);
}

/* A block sequence whose first "-" is at p; an indentless one ("key:\n-")
 * ends at a key of its mapping. */
static enum q_res q_seq(struct yaml_quick *q, const char *p, unsigned depth, bool indentless,
                        struct fc_fm_node **out)
{
    if (depth + 1 > FC_FM_MAX_DEPTH)
        return Q_NO;
    size_t col = (size_t)(p - q->ls), from = q->nstk;
    struct fc_fm_node *s = fc_fm_new(q->a, FC_FM_SEQ, q->line, q_col(q, p));
    if (!s)
        return Q_NOMEM;
    for (;;) {
        struct fc_fm_node *item;
        enum q_res r = q_value(q, p + 1, col, depth + 1, true, &item);
        if (r)
            return r;
        if (!q_push(q, item))
            return Q_NOMEM;
        if (!q_peek(q) || q->ind < col)
            break;
        p = q->ls + col;
        if (q->ind > col)
            return Q_NO;
        if (!q_is_entry(q, p)) {
            if (indentless)
                break;
            return Q_NO;
        }
    }
    *out = s;
    return q_pop(q, s, from);
}

/* "---" or "..." at a line start: document markers, for libyaml. */
static bool q_marker(const unsigned char *p, const unsigned char *e)
{
    return e - p >= 3 && ((p[0] == '-' && p[1] == '-' && p[2] == '-') ||
                          (p[0] == '.' && p[1] == '.' && p[2] == '.'));
}

/* Only what libyaml reads as printable characters on lines: UTF-8 without
 * C0/C1 controls (no tabs), surrogates, U+FEFF (libyaml skips it at line
 * starts), U+FFFE/F; line ends '\n' or "\r\n", no NEL, LS or PS. */
static bool q_text_ok(const unsigned char *p, size_t n)
{
    const unsigned char *e = p + n;
    if (q_marker(p, e))
        return false;
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    while (p < e) {
        if (e - p >= 8) { /* 8 bytes of 0x20..0x7E at a time */
            uint64_t w;
            memcpy(&w, p, 8);
            if (!((((w - 0x20 * ones) & ~w) | w | (w + ones)) & highs)) {
                p += 8;
                continue;
            }
        }
        unsigned c = *p;
        if (c >= 0x20 && c < 0x7F) {
            p++;
            continue;
        }
        if (c == '\n' || (c == '\r' && p + 1 < e && p[1] == '\n')) {
            p += c == '\r' ? 2 : 1;
            if (q_marker(p, e))
                return false;
            continue;
        }
        if (c < 0xC2 || c > 0xF4)
            return false;
        int k = c < 0xE0 ? 1 : c < 0xF0 ? 2 : 3;
        uint32_t cp = c & (0x3Fu >> k);
        if (e - p <= k)
            return false;
        for (int i = 1; i <= k; i++) {
            if ((p[i] & 0xC0) != 0x80)
                return false;
            cp = cp << 6 | (p[i] & 0x3Fu);
        }
        if ((k == 2 && cp < 0x800) || (k == 3 && (cp < 0x10000 || cp > 0x10FFFF)) || cp < 0xA0 ||
            (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF ||
            cp == 0xFFFE || cp == 0xFFFF)
            return false;
        p += k + 1;
    }
    return true;
}

enum fc_status fc_yaml_parse_quick(struct fc_arena *a, const char *text, size_t len,
                                   unsigned long line_offset, struct fc_fm_node **root,
                                   bool *handled, struct fc_error *err)
{
    *root = NULL;
    *handled = true;
    if (!len)
        return FC_OK; /* no document */
    if (!q_text_ok((const unsigned char *)text, len)) {
        *handled = false;
        return FC_OK;
    }
    struct yaml_quick q = {.a = a, .end = text + len, .line = 1 + line_offset, .cap = 64};
    q.stk = q.local;
    q_setline(&q, text);
    enum q_res r = Q_OK;
    struct fc_fm_node *tree = NULL;
    if (q_peek(&q)) {
        r = q_block(&q, q.ls + q.ind, 0, &tree);
        if (r == Q_OK && q_peek(&q))
            r = Q_NO; /* more after the root collection */
    }
    if (q.stk != q.local)
        free(q.stk);
    if (r == Q_NOMEM)
        return fc_nomem(err);
    if (r == Q_NO)
        *handled = false;
    else
        *root = tree;
    return FC_OK;
}
