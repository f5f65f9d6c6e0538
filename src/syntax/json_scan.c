/*
 * json_scan.c - a JSON document read from a stream in chunks, walked a
 * token at a time; each value the caller wants whole is cut out by a
 * string-aware bracket count and parsed alone (see json.h).
 */
#include "syntax/json.h"

#include <stdio.h>
#include <string.h>

#define SCAN_CHUNK ((size_t)64 << 10)

static enum fc_status scan_nomem(struct fc_json_scanner *s)
{
    fc_sticky_nomem(s->st);
    return s->st->st;
}

static enum fc_status scan_fail(struct fc_json_scanner *s, enum fc_status code, unsigned long line,
                                unsigned long col, const char *fmt, ...) FC_PRINTF(5, 6);
static enum fc_status scan_fail(struct fc_json_scanner *s, enum fc_status code, unsigned long line,
                                unsigned long col, const char *fmt, ...)
{
    if (s->st->st != FC_OK)
        return s->st->st;
    va_list ap;
    va_start(ap, fmt);
    s->st->st = fc_failv(s->st->err, code, s->st->file, line, col, fmt, ap);
    va_end(ap);
    return s->st->st;
}

void fc_json_scan_init(struct fc_json_scanner *s, struct fc_input *in, struct fc_sticky *st,
                       size_t max, unsigned max_depth)
{
    memset(s, 0, sizeof *s);
    s->in = in;
    s->st = st;
    fc_buf_init(&s->b);
    s->max = max;
    s->max_depth = max_depth;
    s->line = 1;
}

void fc_json_scan_free(struct fc_json_scanner *s)
{
    fc_buf_free(&s->b);
}

enum fc_status fc_json_scan_too_deep(struct fc_json_scanner *s, unsigned long line,
                                     unsigned long col)
{
    return scan_fail(s, FC_ELIMIT, line, col, "JSON nested deeper than %u levels", s->max_depth);
}

/* Is anything in v (depth levels down) deeper than max? */
static bool too_deep(json_t *v, unsigned depth, unsigned max)
{
    if (depth > max)
        return true;
    const char *k;
    json_t *c;
    size_t i;
    if (json_is_object(v)) {
        json_object_foreach(v, k, c)
        {
            if (too_deep(c, depth + 1, max))
                return true;
        }
    } else if (json_is_array(v)) {
        json_array_foreach(v, i, c)
        {
            if (too_deep(c, depth + 1, max))
                return true;
        }
    }
    return false;
}

/* jansson's column step: ASCII and UTF-8 lead bytes (utf8_check_first). */
static bool scan_counts(unsigned char c)
{
    return c < 0x80 || (c >= 0xC2 && c <= 0xF4);
}

/* Read more input; *more = false at the end. */
static enum fc_status scan_fill(struct fc_json_scanner *s, bool *more)
{
    *more = false;
    if (s->eof)
        return FC_OK;
    if (s->compact && s->pos > 0 && s->pos >= s->b.len / 2) {
        memmove(s->b.data, s->b.data + s->pos, s->b.len - s->pos);
        s->b.len -= s->pos;
        s->pos = 0;
    }
    if (!fc_buf_reserve(&s->b, SCAN_CHUNK))
        return scan_nomem(s);
    size_t got = 0;
    enum fc_status st = fc_in_read(s->in, s->b.data + s->b.len, SCAN_CHUNK, &got, s->st->err);
    if (st)
        return fc_sticky_set(s->st, st);
    if (got == 0) {
        s->eof = true;
        return FC_OK;
    }
    s->total += got;
    if (s->total > s->max)
        return scan_fail(s, FC_ELIMIT, 0, 0, "input larger than %zu bytes", s->max);
    s->b.len += got;
    *more = true;
    return FC_OK;
}

/* Make byte pos + k available; *c = it, or -1 at the end of input. */
enum fc_status fc_json_scan_at(struct fc_json_scanner *s, size_t k, int *c)
{
    while (s->pos + k >= s->b.len) {
        bool more;
        enum fc_status st = scan_fill(s, &more);
        if (st)
            return st;
        if (!more) {
            *c = -1;
            return FC_OK;
        }
    }
    *c = (unsigned char)s->b.data[s->pos + k];
    return FC_OK;
}

/* Line and column (jansson's) after the bytes [pos, pos + k). */
void fc_json_scan_pos_after(const struct fc_json_scanner *s, size_t k, unsigned long *line,
                            unsigned long *col)
{
    const char *p = s->b.data + s->pos, *end = p + k, *nl;
    *line = s->line;
    *col = s->col;
    while ((nl = memchr(p, '\n', (size_t)(end - p))) != NULL) {
        ++*line;
        *col = 0;
        p = nl + 1;
    }
    for (; p < end; p++)
        *col += scan_counts((unsigned char)*p);
}

void fc_json_scan_advance(struct fc_json_scanner *s, size_t k)
{
    fc_json_scan_pos_after(s, k, &s->line, &s->col);
    s->pos += k;
}

enum fc_status fc_json_scan_ws(struct fc_json_scanner *s)
{
    for (;;) {
        int c;
        enum fc_status st = fc_json_scan_at(s, 0, &c);
        if (st || !(c == ' ' || c == '\t' || c == '\n' || c == '\r'))
            return st;
        fc_json_scan_advance(s, 1);
    }
}

/* The escape at pos + *k (a backslash): past it, and what it decodes to
 * added to s->sbytes.  Bad escapes are jansson's to report. */
static enum fc_status scan_escape(struct fc_json_scanner *s, size_t *k)
{
    int c, h;
    unsigned cp[2] = {0, 0};
    enum fc_status st = fc_json_scan_at(s, *k + 1, &c);
    if (st || c != 'u') {
        *k += 2;
        s->sbytes++;
        return st;
    }
    for (int u = 0; u < 2; u++) {
        size_t at = *k + 6 * (size_t)u;
        if (u == 1) {
            int b, uu;
            if ((st = fc_json_scan_at(s, at, &b)) || (st = fc_json_scan_at(s, at + 1, &uu)))
                return st;
            if (b != '\\' || uu != 'u')
                break;
        }
        for (size_t i = 2; i < 6; i++) {
            if ((st = fc_json_scan_at(s, at + i, &h)))
                return st;
            int x = fc_json_hex(h);
            if (x < 0) { /* invalid: jansson fails on it */
                *k += 2;
                return FC_OK;
            }
            cp[u] = cp[u] * 16 + (unsigned)x;
        }
        if (u == 0 && !(cp[0] >= 0xD800 && cp[0] <= 0xDBFF))
            break;
    }
    if (cp[0] >= 0xD800 && cp[0] <= 0xDBFF && cp[1] >= 0xDC00 && cp[1] <= 0xDFFF) {
        *k += 12;
        s->sbytes += 4;
    } else {
        *k += 6;
        s->sbytes += cp[0] < 0x80 ? 1 : cp[0] < 0x800 ? 2 : 3;
    }
    return FC_OK;
}

/* Past the body of a string whose opening quote is at pos + *k - 1;
 * *closed = false when the input ends first. */
static enum fc_status scan_str_body(struct fc_json_scanner *s, size_t *k, bool *closed)
{
    *closed = false;
    for (;;) {
        if (s->pos + *k >= s->b.len) {
            int c;
            enum fc_status st = fc_json_scan_at(s, *k, &c);
            if (st || c < 0)
                return st;
        }
        if (*k > FC_JSON_VALUE_MAX)
            return FC_ELIMIT;
        /* the hot path: most bytes of a feed are inside strings */
        const char *p = s->b.data + s->pos;
        size_t end = s->b.len - s->pos, i = *k;
        const char *q = memchr(p + i, '"', end - i);
        const char *bs = memchr(p + i, '\\', (size_t)((q ? q : p + end) - (p + i)));
        i = (size_t)((bs ? bs : q ? q : p + end) - p);
        s->sbytes += i - *k;
        *k = i;
        if (i == end)
            continue;
        if (p[i] == '"') {
            ++*k;
            *closed = true;
            return FC_OK;
        }
        enum fc_status st = scan_escape(s, k);
        if (st)
            return st;
    }
}

/* Bytes of the string starting at pos (with its quotes) in *n; *n = 0
 * when it does not end (the rest of the input is then available). */
enum fc_status fc_json_scan_string(struct fc_json_scanner *s, size_t *n)
{
    size_t k = 1;
    bool closed;
    s->sbytes = 0;
    enum fc_status st = scan_str_body(s, &k, &closed);
    *n = closed ? k : 0;
    return st;
}

static bool scan_delim(int c)
{
    return c < 0 || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == ':' ||
           c == '[' || c == ']' || c == '{' || c == '}' || c == '"';
}

/* A syntax error at the token at pos, worded as jansson words it. */
enum fc_status fc_json_scan_syntax(struct fc_json_scanner *s, const char *msg)
{
    int c;
    enum fc_status st = fc_json_scan_at(s, 0, &c);
    if (st)
        return st;
    unsigned long line = s->line, col = s->col;
    if (c < 0)
        return scan_fail(s, FC_EPARSE, line, col, "invalid JSON: %s near end of file", msg);
    size_t k = 1;
    if (c == '"') {
        if ((st = fc_json_scan_string(s, &k)) == FC_ELIMIT || k == 0)
            k = s->b.len - s->pos;
        else if (st)
            return st;
    } else if (!scan_delim(c)) {
        int d = 0;
        while (k <= 20 && (st = fc_json_scan_at(s, k, &d)) == FC_OK && !scan_delim(d))
            k++;
        if (st)
            return st;
    }
    fc_json_scan_pos_after(s, k, &line, &col);
    if (k > 20)
        return scan_fail(s, FC_EPARSE, line, col, "invalid JSON: %s", msg);
    return scan_fail(s, FC_EPARSE, line, col, "invalid JSON: %s near '%.*s'", msg, (int)k,
                     s->b.data + s->pos);
}

enum fc_status fc_json_scan_too_big(struct fc_json_scanner *s, const char *what)
{
    return scan_fail(s, FC_ELIMIT, s->line, s->col + 1, "%s is larger than %zu MB; refused", what,
                     FC_JSON_VALUE_MAX >> 20);
}

static enum fc_status scan_digits(struct fc_json_scanner *s, size_t *k)
{
    int c;
    enum fc_status st;
    while ((st = fc_json_scan_at(s, *k, &c)) == FC_OK && c >= '0' && c <= '9')
        ++*k;
    return st;
}

/* The token of a number or a word at pos, cut as jansson's lexer cuts
 * it (the grammar of a number, a run of letters, else one byte), so that
 * what follows it gets jansson's error ("']' expected near 'x'"). */
static enum fc_status scan_scalar(struct fc_json_scanner *s, int c, size_t *n)
{
    size_t k = 0;
    enum fc_status st = FC_OK;
    if (c == '-' || (c >= '0' && c <= '9')) {
        /* -?digits, then .digits and [eE][+-]?digits when they start */
        if (c == '-')
            k++;
        if ((st = scan_digits(s, &k)) || (st = fc_json_scan_at(s, k, &c)))
            return st;
        if (c == '.') {
            k++;
            if ((st = scan_digits(s, &k)) || (st = fc_json_scan_at(s, k, &c)))
                return st;
        }
        if (c == 'e' || c == 'E') {
            k++;
            if ((st = fc_json_scan_at(s, k, &c)))
                return st;
            if (c == '+' || c == '-')
                k++;
            if ((st = scan_digits(s, &k)))
                return st;
        }
    } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
        while ((st = fc_json_scan_at(s, k, &c)) == FC_OK &&
               ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
            k++;
    } else {
        k = 1;
    }
    *n = k;
    return st;
}

/* The bytes of the value at pos, `depth` levels down (the document is 1),
 * in *n: a string-aware bracket count, or a scalar up to a delimiter.  0
 * when there is no value there; the rest of the input when it does not
 * end (jansson then says why). */
static enum fc_status scan_value(struct fc_json_scanner *s, unsigned depth, const char *what,
                                 size_t *n)
{
    int c;
    enum fc_status st = fc_json_scan_at(s, 0, &c);
    *n = 0;
    if (st || c < 0 || c == ',' || c == ':' || c == ']' || c == '}')
        return st;
    if (c == '"') {
        st = fc_json_scan_string(s, n);
        if (st == FC_ELIMIT)
            return fc_json_scan_too_big(s, what);
        if (!st && *n == 0)
            *n = s->b.len - s->pos;
        return st;
    }
    size_t k = 0;
    if (c != '{' && c != '[') {
        s->sbytes = 0;
        return scan_scalar(s, c, n);
    }
    unsigned d = 0;
    s->sbytes = 0;
    for (;;) {
        if (s->pos + k >= s->b.len) {
            if ((st = fc_json_scan_at(s, k, &c)))
                return st;
            if (c < 0) {
                *n = k;
                return FC_OK;
            }
        }
        if (k >= FC_JSON_VALUE_MAX)
            return fc_json_scan_too_big(s, what);
        c = (unsigned char)s->b.data[s->pos + k];
        k++;
        if (c == '"') {
            bool closed;
            st = scan_str_body(s, &k, &closed);
            if (st == FC_ELIMIT)
                return fc_json_scan_too_big(s, what);
            if (st)
                return st;
            if (!closed) {
                *n = s->b.len - s->pos;
                return FC_OK;
            }
        } else if (c == '{' || c == '[') {
            if (depth - 1 + ++d > s->max_depth) {
                unsigned long line, col;
                fc_json_scan_pos_after(s, k, &line, &col);
                return fc_json_scan_too_deep(s, line, col);
            }
        } else if ((c == '}' || c == ']') && --d == 0) {
            *n = k;
            return FC_OK;
        }
    }
}

/* Bytes of the strings and keys in v. */
static size_t str_bytes(json_t *v)
{
    size_t sum = 0, i;
    const char *k;
    json_t *c;
    if (json_is_string(v))
        return json_string_length(v);
    if (json_is_object(v)) {
        json_object_foreach(v, k, c)
        {
            sum += strlen(k) + str_bytes(c);
        }
    } else if (json_is_array(v)) {
        json_array_foreach(v, i, c)
        {
            sum += str_bytes(c);
        }
    }
    return sum;
}

/* Parse the n bytes at pos with jansson; its error positions are moved
 * to the document's.  The first duplicate key of the document is a
 * warning (the last value is kept), as when the document was read whole. */
enum fc_status fc_json_scan_load(struct fc_json_scanner *s, size_t n, bool *dups_ok, json_t **out)
{
    const char *p = s->b.data + s->pos;
    if ((*out = fc_json_parse_quick(p, n)) != NULL)
        return FC_OK;
    json_error_t e;
    memset(&e, 0, sizeof e);       /* jansson can fail on ENOMEM without a word */
    bool checked_dups = !*dups_ok; /* then the tree holds every string of the text */
    json_t *v = json_loadb(p, n, JSON_DECODE_ANY | (*dups_ok ? 0 : JSON_REJECT_DUPLICATES), &e);
    unsigned long line = s->line + (e.line > 1 ? (unsigned long)e.line - 1 : 0);
    unsigned long col = e.line > 1 ? (unsigned long)e.column : s->col + (unsigned long)e.column;
    if (!v && json_error_code(&e) == json_error_duplicate_key) {
        *dups_ok = true;
        fc_sticky_warn(s->st, line, col, "%s; the last value is kept", e.text);
        if (!fc_sticky_ok(s->st))
            return s->st->st;
        memset(&e, 0, sizeof e);
        checked_dups = false;
        v = json_loadb(p, n, JSON_DECODE_ANY, &e);
        line = s->line + (e.line > 1 ? (unsigned long)e.line - 1 : 0);
        col = e.line > 1 ? (unsigned long)e.column : s->col + (unsigned long)e.column;
    }
    if (!v) {
        enum json_error_code c = json_error_code(&e);
        /* ENOMEM can come without a word, or as a syntax error: text that
         * is surely JSON failed for want of memory. */
        if (e.text[0] == '\0' || (c != json_error_stack_overflow && fc_json_surely_valid(p, n)))
            return scan_nomem(s);
        enum fc_status code = c == json_error_out_of_memory    ? FC_ENOMEM
                              : c == json_error_stack_overflow ? FC_ELIMIT
                                                               : FC_EPARSE;
        if (e.line <= 0)
            line = col = 0;
        return scan_fail(s, code, line, col, "invalid JSON: %s", e.text);
    }
    /* jansson's lexer drops a byte when growing its token buffer fails
     * and goes on: the strings then come out shorter than the text. */
    if (!checked_dups || str_bytes(v) == s->sbytes) {
        *out = v;
        return FC_OK;
    }
    json_decref(v);
    return scan_nomem(s);
}

/* One value (a member's, `depth` levels down) parsed and consumed. */
enum fc_status fc_json_scan_parse(struct fc_json_scanner *s, unsigned depth, const char *what,
                                  bool *dups_ok, json_t **v)
{
    size_t n;
    enum fc_status st = scan_value(s, depth, what, &n);
    if (st)
        return st;
    if (n == 0)
        return fc_json_scan_syntax(s, "unexpected token");
    if ((st = fc_json_scan_load(s, n, dups_ok, v)))
        return st;
    if (too_deep(*v, depth, s->max_depth)) {
        json_decref(*v);
        *v = NULL;
        return fc_json_scan_too_deep(s, s->line, s->col + 1);
    }
    fc_json_scan_advance(s, n);
    return FC_OK;
}

enum fc_status fc_json_scan_all(struct fc_json_scanner *s)
{
    bool more = true;
    while (more) {
        enum fc_status st = scan_fill(s, &more);
        if (st)
            return st;
    }
    return FC_OK;
}
