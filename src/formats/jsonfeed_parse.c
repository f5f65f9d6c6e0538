/*
 * jsonfeed_parse.c - JSON text to jansson values without jansson's lexer.
 *
 * json_loadb reads a byte at a time through its stream layer: about 140
 * instructions per byte, nine tenths of a JSON Feed -> RSS conversion.
 * This parser takes the JSON that jansson accepts without a word (valid
 * UTF-8, no \u0000, no duplicate keys, integers of up to 18 digits,
 * nesting up to 64) and builds the same values; anything else returns
 * NULL and the reader asks json_loadb, which then reports errors, limits
 * and duplicates exactly as before.  Reals are converted by jansson
 * itself (json_loadb on the number alone), so they round the same way.
 */
#include "formats/jsonfeed.h"
#include "util/scan.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define JQ_DEPTH 64

struct jq {
    const unsigned char *p;
    size_t i, n;
    struct fc_buf tmp; /* unescaped string text */
};

static void jq_ws(struct jq *q)
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
        unsigned c = p[k], d;
        if (c >= '0' && c <= '9')
            d = c - '0';
        else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
            d = (c | 0x20) - 'a' + 10;
        else
            return false;
        *v = *v << 4 | d;
    }
    return true;
}

/* The string at p[i] ('"'): its text in *s (into the input, or q->tmp
 * when it has escapes) and *len. */
static bool jq_string(struct jq *q, const char **s, size_t *len)
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

static json_t *jq_number(struct jq *q)
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

static json_t *jq_value(struct jq *q, unsigned depth);

/* After a member or an element: 1 after ',', 0 after the closing
 * bracket, -1 for anything else. */
static int jq_sep(struct jq *q, unsigned char close)
{
    jq_ws(q);
    if (q->i < q->n && (q->p[q->i] == ',' || q->p[q->i] == close)) {
        bool more = q->p[q->i++] == ',';
        jq_ws(q);
        return more;
    }
    return -1;
}

static json_t *jq_object(struct jq *q, unsigned depth)
{
    json_t *o = json_object();
    q->i++;
    jq_ws(q);
    if (o && q->i < q->n && q->p[q->i] == '}') {
        q->i++;
        return o;
    }
    while (o) {
        const char *k;
        size_t klen;
        char *kcopy = NULL;
        if (q->i >= q->n || q->p[q->i] != '"' || !jq_string(q, &k, &klen))
            break;
        if (k == q->tmp.data) { /* the value's strings reuse tmp */
            if (!(kcopy = malloc(klen + 1)))
                break;
            memcpy(kcopy, k, klen + 1);
            k = kcopy;
        }
        jq_ws(q);
        json_t *v = NULL;
        if (q->i < q->n && q->p[q->i] == ':') {
            q->i++;
            jq_ws(q);
            v = jq_value(q, depth + 1);
        }
        bool ok = false;
        if (v && json_object_getn(o, k, klen)) /* a duplicate: jansson decides */
            json_decref(v);
        else if (v) /* takes v, also when it fails */
            ok = json_object_setn_new_nocheck(o, k, klen, v) == 0;
        free(kcopy);
        if (!ok)
            break;
        int sep = jq_sep(q, '}');
        if (sep == 0)
            return o;
        if (sep < 0)
            break;
    }
    json_decref(o);
    return NULL;
}

static json_t *jq_array(struct jq *q, unsigned depth)
{
    json_t *a = json_array();
    q->i++;
    jq_ws(q);
    if (a && q->i < q->n && q->p[q->i] == ']') {
        q->i++;
        return a;
    }
    while (a) {
        json_t *v = jq_value(q, depth + 1);
        if (!v || json_array_append_new(a, v) != 0)
            break;
        int sep = jq_sep(q, ']');
        if (sep == 0)
            return a;
        if (sep < 0)
            break;
    }
    json_decref(a);
    return NULL;
}

static bool jq_word(struct jq *q, const char *w, size_t len)
{
    if (q->n - q->i < len || memcmp(q->p + q->i, w, len) != 0)
        return false;
    q->i += len;
    return true;
}

static json_t *jq_value(struct jq *q, unsigned depth)
{
    if (q->i >= q->n || depth > JQ_DEPTH)
        return NULL;
    switch (q->p[q->i]) {
    case '{':
        return jq_object(q, depth);
    case '[':
        return jq_array(q, depth);
    case '"': {
        const char *s;
        size_t len;
        return jq_string(q, &s, &len) ? json_stringn_nocheck(s, len) : NULL;
    }
    case 't':
        return jq_word(q, "true", 4) ? json_true() : NULL;
    case 'f':
        return jq_word(q, "false", 5) ? json_false() : NULL;
    case 'n':
        return jq_word(q, "null", 4) ? json_null() : NULL;
    default:
        return jq_number(q);
    }
}

json_t *fc_jf_parse_quick(const char *text, size_t n)
{
    struct jq q = {.p = (const unsigned char *)text, .i = 0, .n = n};
    fc_buf_init(&q.tmp);
    jq_ws(&q);
    json_t *v = jq_value(&q, 1);
    jq_ws(&q);
    if (v && q.i != n) {
        json_decref(v);
        v = NULL;
    }
    fc_buf_free(&q.tmp);
    return v;
}
