/*
 * json.c - JSON values: text to jansson values and back.
 *
 * json_loadb reads a byte at a time through its stream layer: about 140
 * instructions per byte, nine tenths of a JSON Feed -> RSS conversion.
 * The quick parser takes the JSON that jansson accepts without a word
 * (valid UTF-8, no \u0000, no duplicate keys, integers of up to 18 digits,
 * nesting up to 64) and builds the same values; anything else returns
 * NULL and the caller asks json_loadb, which then reports errors, limits
 * and duplicates exactly as before.  Reals are converted by jansson
 * itself (json_loadb on the number alone), so they round the same way.
 */
#include "syntax/json.h"
#include "util/scan.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- the quick parser ------------------------------------------------- */

#define QUICK_DEPTH 64

struct json_quick {
    const unsigned char *p;
    size_t i, n;
    struct fc_buf tmp; /* unescaped string text */
};

static void quick_ws(struct json_quick *q)
{
    while (q->i < q->n &&
           (q->p[q->i] == ' ' || q->p[q->i] == '\n' || q->p[q->i] == '\r' || q->p[q->i] == '\t'))
        q->i++;
}

static bool hex4(const unsigned char *p, size_t i, size_t n, uint32_t *v)
{
    if (n - i < 4)
        return false;
    *v = 0;
    for (size_t k = i; k < i + 4; k++) {
        int d = fc_json_hex(p[k]);
        if (d < 0)
            return false;
        *v = *v << 4 | (uint32_t)d;
    }
    return true;
}

/* The string at p[i] ('"'): its text in *s (into the input, or q->tmp
 * when it has escapes) and *len. */
static bool quick_string(struct json_quick *q, const char **s, size_t *len)
{
    const unsigned char *p = q->p;
    size_t n = q->n, i = q->i + 1, j = fc_scan(p, i, n, 0, '"', '\\', '"');
    if (j < n && p[j] == '"') {
        if (!fc_utf8_valid((const char *)p + i, j - i))
            return false;
        *s = (const char *)p + i;
        *len = j - i;
        q->i = j + 1;
        return true;
    }
    fc_buf_reset(&q->tmp);
    for (;;) {
        fc_buf_add(&q->tmp, p + i, j - i);
        if (j >= n || p[j] != '\\' || j + 1 >= n)
            break; /* a closing quote, or what jansson refuses */
        char c;
        switch (p[j + 1]) {
        case '"':
        case '\\':
        case '/':
            c = (char)p[j + 1];
            break;
        case 'b':
            c = '\b';
            break;
        case 'f':
            c = '\f';
            break;
        case 'n':
            c = '\n';
            break;
        case 'r':
            c = '\r';
            break;
        case 't':
            c = '\t';
            break;
        case 'u':
            c = 0;
            break;
        default:
            return false;
        }
        if (c) {
            fc_buf_putc(&q->tmp, c);
            j += 2;
        } else {
            uint32_t v, lo;
            if (!hex4(p, j + 2, n, &v))
                return false;
            j += 6;
            if (v >= 0xD800 && v <= 0xDBFF) {
                if (n - j < 6 || p[j] != '\\' || p[j + 1] != 'u' || !hex4(p, j + 2, n, &lo) ||
                    lo < 0xDC00 || lo > 0xDFFF)
                    return false;
                v = 0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00);
                j += 6;
            } else if ((v >= 0xDC00 && v <= 0xDFFF) || v == 0) {
                return false; /* a lone surrogate; \u0000 needs JSON_ALLOW_NUL */
            }
            fc_utf8_put(&q->tmp, v);
        }
        i = j;
        j = fc_scan(p, i, n, 0, '"', '\\', '"');
    }
    /* Raw bytes cut by an escape stay invalid together: escapes never
     * produce continuation bytes first. */
    if (j >= n || p[j] != '"' || q->tmp.oom || !fc_utf8_valid(fc_buf_cstr(&q->tmp), q->tmp.len))
        return false;
    *s = fc_buf_cstr(&q->tmp);
    *len = q->tmp.len;
    q->i = j + 1;
    return true;
}

static json_t *quick_number(struct json_quick *q)
{
    const unsigned char *p = q->p;
    size_t n = q->n, s = q->i, i = s;
    bool real = false;
    if (i < n && p[i] == '-')
        i++;
    if (i < n && p[i] == '0')
        i++;
    else if (i < n && p[i] >= '1' && p[i] <= '9')
        while (i < n && p[i] >= '0' && p[i] <= '9')
            i++;
    else
        return NULL;
    if (i < n && p[i] == '.') {
        real = true;
        if (++i >= n || p[i] < '0' || p[i] > '9')
            return NULL;
        while (i < n && p[i] >= '0' && p[i] <= '9')
            i++;
    }
    if (i < n && (p[i] == 'e' || p[i] == 'E')) {
        real = true;
        if (++i < n && (p[i] == '+' || p[i] == '-'))
            i++;
        if (i >= n || p[i] < '0' || p[i] > '9')
            return NULL;
        while (i < n && p[i] >= '0' && p[i] <= '9')
            i++;
    }
    q->i = i;
    if (real || i - s > 18) { /* jansson's own conversion (and range errors) */
        json_error_t e;
        return json_loadb((const char *)p + s, i - s, JSON_DECODE_ANY, &e);
    }
    long long v = 0;
    for (size_t k = s + (p[s] == '-'); k < i; k++)
        v = v * 10 + (p[k] - '0');
    return json_integer(p[s] == '-' ? -v : v);
}

static json_t *quick_value(struct json_quick *q, unsigned depth);

/* After a member or an element: 1 after ',', 0 after the closing
 * bracket, -1 for anything else. */
static int quick_sep(struct json_quick *q, unsigned char close)
{
    quick_ws(q);
    if (q->i < q->n && (q->p[q->i] == ',' || q->p[q->i] == close)) {
        bool more = q->p[q->i++] == ',';
        quick_ws(q);
        return more;
    }
    return -1;
}

/* One "key": value member into object o; false when it is not one the
 * quick parser takes. */
static bool quick_member(struct json_quick *q, json_t *o, unsigned depth)
{
    const char *k;
    size_t klen;
    char *kcopy = NULL;
    if (q->i >= q->n || q->p[q->i] != '"' || !quick_string(q, &k, &klen))
        return false;
    if (k == q->tmp.data) { /* the value's strings reuse tmp */
        if (!(kcopy = malloc(klen + 1)))
            return false;
        memcpy(kcopy, k, klen + 1);
        k = kcopy;
    }
    quick_ws(q);
    json_t *v = NULL;
    if (q->i < q->n && q->p[q->i] == ':') {
        q->i++;
        quick_ws(q);
        v = quick_value(q, depth + 1);
    }
    bool ok = false;
    if (v && json_object_getn(o, k, klen)) /* a duplicate: jansson decides */
        json_decref(v);
    else if (v) /* takes v, also when it fails */
        ok = json_object_setn_new_nocheck(o, k, klen, v) == 0;
    free(kcopy);
    return ok;
}

/* An object or an array, from its opening bracket to its closing one. */
static json_t *quick_container(struct json_quick *q, unsigned depth, bool object)
{
    unsigned char close = object ? '}' : ']';
    json_t *c = object ? json_object() : json_array();
    q->i++;
    quick_ws(q);
    if (c && q->i < q->n && q->p[q->i] == close) {
        q->i++;
        return c;
    }
    int sep = 1;
    while (c && sep > 0) {
        json_t *v = object ? NULL : quick_value(q, depth + 1);
        if (object ? !quick_member(q, c, depth) : !v || json_array_append_new(c, v) != 0)
            break;
        sep = quick_sep(q, close);
    }
    if (sep == 0)
        return c;
    json_decref(c);
    return NULL;
}

static bool quick_word(struct json_quick *q, const char *w, size_t len)
{
    if (q->n - q->i < len || memcmp(q->p + q->i, w, len) != 0)
        return false;
    q->i += len;
    return true;
}

static json_t *quick_value(struct json_quick *q, unsigned depth)
{
    if (q->i >= q->n || depth > QUICK_DEPTH)
        return NULL;
    switch (q->p[q->i]) {
    case '{':
    case '[':
        return quick_container(q, depth, q->p[q->i] == '{');
    case '"': {
        const char *s;
        size_t len;
        return quick_string(q, &s, &len) ? json_stringn_nocheck(s, len) : NULL;
    }
    case 't':
        return quick_word(q, "true", 4) ? json_true() : NULL;
    case 'f':
        return quick_word(q, "false", 5) ? json_false() : NULL;
    case 'n':
        return quick_word(q, "null", 4) ? json_null() : NULL;
    default:
        return quick_number(q);
    }
}

json_t *fc_json_parse_quick(const char *text, size_t n)
{
    struct json_quick q = {.p = (const unsigned char *)text, .i = 0, .n = n};
    fc_buf_init(&q.tmp);
    quick_ws(&q);
    json_t *v = quick_value(&q, 1);
    quick_ws(&q);
    if (v && q.i != n) {
        json_decref(v);
        v = NULL;
    }
    fc_buf_free(&q.tmp);
    return v;
}

/* ---- is it JSON jansson must accept? ---------------------------------- */

/* jansson reports some allocation failures as syntax errors ("invalid
 * token"), so a failed json_loads alone cannot tell "not JSON" from
 * ENOMEM.  This checker allocates nothing and answers "sure" only for
 * text jansson has no other reason to refuse: strict RFC 8259 grammar,
 * nesting well under JSON_PARSER_MAX_DEPTH, integers that fit in 64
 * bits, reals far from overflow, no \u0000 and no surrogate escapes. */
struct json_check {
    const char *p, *end;
};

enum { CHECK_NO, CHECK_SURE, CHECK_UNSURE };

static void check_ws(struct json_check *v)
{
    while (v->p < v->end && (*v->p == ' ' || *v->p == '\t' || *v->p == '\n' || *v->p == '\r'))
        v->p++;
}

static int check_string(struct json_check *v)
{
    int res = CHECK_SURE;
    for (v->p++; v->p < v->end; v->p++) {
        unsigned char c = (unsigned char)*v->p;
        if (c == '"') {
            v->p++;
            return res;
        }
        if (c < 0x20)
            return CHECK_NO;
        if (c != '\\')
            continue;
        if (++v->p >= v->end)
            return CHECK_NO;
        if (*v->p == 'u') {
            if (v->end - v->p < 5)
                return CHECK_NO;
            unsigned cp = 0;
            for (int i = 1; i <= 4; i++) {
                int h = fc_json_hex((unsigned char)v->p[i]);
                if (h < 0)
                    return CHECK_NO;
                cp = cp * 16 + (unsigned)h;
            }
            if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF))
                res = CHECK_UNSURE;
            v->p += 4;
        } else if (!strchr("\"\\/bfnrt", *v->p) || *v->p == '\0') {
            return CHECK_NO;
        }
    }
    return CHECK_NO;
}

static size_t check_digits(struct json_check *v)
{
    const char *s = v->p;
    while (v->p < v->end && *v->p >= '0' && *v->p <= '9')
        v->p++;
    return (size_t)(v->p - s);
}

static int check_number(struct json_check *v)
{
    if (*v->p == '-')
        v->p++;
    if (v->p >= v->end || *v->p < '0' || *v->p > '9')
        return CHECK_NO;
    bool zero = *v->p == '0';
    size_t n = check_digits(v), frac = 0;
    if (zero && n > 1)
        return CHECK_NO;
    bool real = false;
    if (v->p < v->end && *v->p == '.') {
        v->p++;
        real = true;
        if ((frac = check_digits(v)) == 0)
            return CHECK_NO;
    }
    if (v->p < v->end && (*v->p == 'e' || *v->p == 'E')) {
        v->p++;
        real = true;
        if (v->p < v->end && (*v->p == '+' || *v->p == '-'))
            v->p++;
        const char *e = v->p;
        size_t en = check_digits(v);
        if (en == 0)
            return CHECK_NO;
        if (en > 2 || (e[0] - '0') * 10 + (en == 2 ? e[1] - '0' : 0) > 250 - (int)n)
            return CHECK_UNSURE; /* near the double's range */
    }
    if (!real)
        return n <= 18 ? CHECK_SURE : CHECK_UNSURE; /* strtoll's range */
    return n + frac <= 100 ? CHECK_SURE : CHECK_UNSURE;
}

static int check_value(struct json_check *v, unsigned depth)
{
    check_ws(v);
    if (v->p >= v->end)
        return CHECK_NO;
    if (depth > 1000)
        return CHECK_UNSURE;
    static const char *const words[] = {"true", "false", "null"};
    char c = *v->p;
    int res = CHECK_SURE, r;
    switch (c) {
    case '"':
        return check_string(v);
    case '{':
    case '[':
        v->p++;
        check_ws(v);
        if (v->p < v->end && *v->p == (c == '{' ? '}' : ']')) {
            v->p++;
            return CHECK_SURE;
        }
        for (;;) {
            if (c == '{') {
                check_ws(v);
                if (v->p >= v->end || *v->p != '"' || (r = check_string(v)) == CHECK_NO)
                    return CHECK_NO;
                res = r == CHECK_UNSURE ? r : res;
                check_ws(v);
                if (v->p >= v->end || *v->p != ':')
                    return CHECK_NO;
                v->p++;
            }
            if ((r = check_value(v, depth + 1)) == CHECK_NO)
                return CHECK_NO;
            res = r == CHECK_UNSURE ? r : res;
            check_ws(v);
            if (v->p < v->end && *v->p == ',') {
                v->p++;
                continue;
            }
            if (v->p < v->end && *v->p == (c == '{' ? '}' : ']')) {
                v->p++;
                return res;
            }
            return CHECK_NO;
        }
    default:
        if (c == '-' || (c >= '0' && c <= '9'))
            return check_number(v);
        for (int i = 0; i < 3; i++) {
            size_t n = strlen(words[i]);
            if ((size_t)(v->end - v->p) >= n && memcmp(v->p, words[i], n) == 0) {
                v->p += n;
                return CHECK_SURE;
            }
        }
        return CHECK_NO;
    }
}

bool fc_json_surely_valid(const char *s, size_t n)
{
    if (!fc_utf8_valid(s, n) || memchr(s, '\0', n))
        return false;
    struct json_check v = {s, s + n};
    if (check_value(&v, 0) != CHECK_SURE)
        return false;
    check_ws(&v);
    return v.p == v.end;
}

/* ---- loading and dumping ---------------------------------------------- */

json_t *fc_json_load(const char *s, size_t n, size_t flags, json_error_t *e, bool *nomem)
{
    *nomem = false;
    json_t *v = fc_json_parse_quick(s, n);
    if (v)
        return v;
    memset(e, 0, sizeof *e); /* jansson can fail on ENOMEM without a word */
    v = json_loadb(s, n, flags, e);
    if (!v) {
        enum json_error_code c = json_error_code(e);
        *nomem = e->text[0] == '\0' || c == json_error_out_of_memory ||
                 (c != json_error_stack_overflow && fc_json_surely_valid(s, n));
    }
    return v;
}

static int dump_cb(const char *p, size_t n, void *data)
{
    struct fc_buf *b = data;
    fc_buf_add(b, p, n);
    return b->oom ? -1 : 0;
}

bool fc_json_dump_buf(struct fc_buf *b, const json_t *v, size_t flags)
{
    return json_dump_callback(v, dump_cb, b, flags) == 0 && !b->oom;
}

char *fc_json_dump(struct fc_arena *a, const json_t *v, size_t flags)
{
    struct fc_buf b;
    fc_buf_init(&b);
    char *s = NULL;
    if (fc_json_dump_buf(&b, v, flags ? flags : FC_JSON_COMPACT) && b.len)
        s = fc_strdup(a, b.data, b.len);
    fc_buf_free(&b);
    return s;
}

const char *fc_json_type_name(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT:
        return "an object";
    case JSON_ARRAY:
        return "an array";
    case JSON_STRING:
        return "a string";
    case JSON_INTEGER:
        return "an integer";
    case JSON_REAL:
        return "a non-integer number";
    case JSON_TRUE:
    case JSON_FALSE:
        return "a boolean";
    default:
        return "null";
    }
}
