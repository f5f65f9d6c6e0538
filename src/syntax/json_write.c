/*
 * json_write.c - indented JSON text written directly, in the bytes
 * jansson's json_dumps(JSON_INDENT(2) | JSON_PRESERVE_ORDER) prints (see
 * json.h): one pass per string with a table-driven escaper, constant
 * indentation.
 */
#include "syntax/json.h"
#include "util/scan.h"
#include "util/utf8.h"

#include <stdio.h>
#include <string.h>

/* Escape of each byte: 0 = as is, 'u' = \u00XX, else the letter after \. */
static const char esc[256] = {
    ['\b'] = 'b', ['\f'] = 'f', ['\n'] = 'n', ['\r'] = 'r', ['\t'] = 't', [0] = 'u',     [1] = 'u',
    [2] = 'u',    [3] = 'u',    [4] = 'u',    [5] = 'u',    [6] = 'u',    [7] = 'u',     [11] = 'u',
    [14] = 'u',   [15] = 'u',   [16] = 'u',   [17] = 'u',   [18] = 'u',   [19] = 'u',    [20] = 'u',
    [21] = 'u',   [22] = 'u',   [23] = 'u',   [24] = 'u',   [25] = 'u',   [26] = 'u',    [27] = 'u',
    [28] = 'u',   [29] = 'u',   [30] = 'u',   [31] = 'u',   ['"'] = '"',  ['\\'] = '\\',
};

/* The escape of byte c (one esc[] marks). */
static void put_escape(struct fc_buf *b, unsigned char c)
{
    static const char hex[] = "0123456789ABCDEF";
    char e[6] = {'\\', esc[c], '0', '0', hex[c >> 4], hex[c & 15]};
    fc_buf_add(b, e, e[1] == 'u' ? 6 : 2);
}

void fc_json_escape(struct fc_buf *b, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        size_t j = fc_scan(p, i, n, 0, '"', '\\', '"');
        fc_buf_add(b, s + i, j - i);
        if (j == n)
            break;
        put_escape(b, p[j]);
        i = j + 1;
    }
}

bool fc_json_escape_utf8(struct fc_buf *b, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        size_t j = fc_scan(p, i, n, FC_SCAN_HIGH, '"', '\\', '"');
        while (j < n && p[j] >= 0x80) { /* valid sequences go with the run */
            size_t l = fc_utf8_seq_len(p + j, n - j);
            if (!l)
                return false;
            j = fc_scan(p, j + l, n, FC_SCAN_HIGH, '"', '\\', '"');
        }
        fc_buf_add(b, s + i, j - i);
        if (j == n)
            break;
        put_escape(b, p[j]);
        i = j + 1;
    }
    return true;
}

static const char spaces[] = "                                                                ";

static void indent(struct fc_buf *b, size_t n)
{
    for (; n > sizeof spaces - 1; n -= sizeof spaces - 1)
        fc_buf_add(b, spaces, sizeof spaces - 1);
    fc_buf_add(b, spaces, n);
}

bool fc_json_first(const struct fc_json_writer *w)
{
    const struct fc_buf *b = w->buf;
    if (b->len <= w->start || !b->data)
        return true;
    char c = b->data[b->len - 1];
    return c == '{' || c == '[';
}

void fc_json_key(struct fc_json_writer *w, const char *key)
{
    struct fc_buf *b = w->buf;
    size_t ind = 2 * (size_t)w->depth, kn = key ? strlen(key) : 0;
    bool plain = key != NULL && ind < sizeof spaces;
    for (size_t i = 0; plain && i < kn; i++)
        plain = !esc[(unsigned char)key[i]];
    /* a key with nothing to escape (every one the writers name) in one go:
     * a JSON Feed item is mostly keys */
    if (plain && fc_buf_reserve(b, kn + ind + 6)) {
        bool first = fc_json_first(w);
        char *o = b->data + b->len;
        if (!first)
            *o++ = ',';
        *o++ = '\n';
        memcpy(o, spaces, ind);
        o += ind;
        *o++ = '"';
        memcpy(o, key, kn);
        o += kn;
        memcpy(o, "\": ", 3);
        o += 3;
        *o = '\0';
        b->len = (size_t)(o - b->data);
        return;
    }
    if (!fc_json_first(w))
        fc_buf_putc(w->buf, ',');
    fc_buf_putc(w->buf, '\n');
    indent(w->buf, 2 * (size_t)w->depth);
    if (key) {
        fc_buf_putc(w->buf, '"');
        fc_json_escape(w->buf, key, strlen(key));
        fc_buf_add(w->buf, "\": ", 3);
    }
}

size_t fc_json_open(struct fc_json_writer *w, const char *key, char open)
{
    size_t mark = w->buf->len;
    fc_json_key(w, key);
    fc_buf_putc(w->buf, open);
    w->depth++;
    return mark;
}

void fc_json_close(struct fc_json_writer *w, size_t mark, char close, bool keep_empty)
{
    struct fc_buf *b = w->buf;
    w->depth--;
    if (!b->oom && b->len && b->data[b->len - 1] == (close == '}' ? '{' : '[')) {
        if (keep_empty) {
            fc_buf_putc(b, close);
        } else {
            b->len = mark;
            b->data[mark] = '\0';
        }
        return;
    }
    fc_buf_putc(b, '\n');
    indent(b, 2 * (size_t)w->depth);
    fc_buf_putc(b, close);
}

void fc_json_splice(struct fc_json_writer *w, const char *key, char open, const struct fc_buf *sub)
{
    if (sub->len == 0 && !sub->oom)
        return;
    if (sub->oom) {
        w->buf->oom = true;
        return;
    }
    fc_json_key(w, key);
    fc_buf_putc(w->buf, open);
    fc_buf_add(w->buf, sub->data, sub->len);
    fc_buf_putc(w->buf, '\n');
    indent(w->buf, 2 * (size_t)w->depth);
    fc_buf_putc(w->buf, open == '{' ? '}' : ']');
}

void fc_json_str(struct fc_json_writer *w, const char *key, const char *s, size_t n)
{
    fc_json_key(w, key);
    fc_buf_putc(w->buf, '"');
    fc_json_escape(w->buf, s, n);
    fc_buf_putc(w->buf, '"');
}

bool fc_json_str_utf8(struct fc_json_writer *w, const char *key, const char *s, size_t n)
{
    struct fc_buf *b = w->buf;
    size_t mark = b->len;
    fc_json_key(w, key);
    fc_buf_putc(b, '"');
    if (!fc_json_escape_utf8(b, s, n)) {
        if (!b->oom) {
            b->len = mark;
            if (b->data)
                b->data[mark] = '\0';
        }
        return false;
    }
    fc_buf_putc(b, '"');
    return true;
}

void fc_json_raw(struct fc_json_writer *w, const char *key, const char *s)
{
    fc_json_key(w, key);
    fc_buf_puts(w->buf, s);
}

void fc_json_int(struct fc_json_writer *w, const char *key, long long n)
{
    char t[32];
    snprintf(t, sizeof t, "%lld", n);
    fc_json_raw(w, key, t);
}

void fc_json_value(struct fc_json_writer *w, const char *key, const json_t *v)
{
    size_t m, i;
    const char *k;
    json_t *x;
    switch (json_typeof(v)) {
    case JSON_OBJECT:
        m = fc_json_open(w, key, '{');
        json_object_foreach((json_t *)v, k, x)
        {
            fc_json_value(w, k, x);
        }
        fc_json_close(w, m, '}', true);
        break;
    case JSON_ARRAY:
        m = fc_json_open(w, key, '[');
        json_array_foreach(v, i, x)
        {
            fc_json_value(w, NULL, x);
        }
        fc_json_close(w, m, ']', true);
        break;
    case JSON_STRING:
        fc_json_str(w, key, json_string_value(v), json_string_length(v));
        break;
    case JSON_INTEGER:
        fc_json_int(w, key, (long long)json_integer_value(v));
        break;
    case JSON_REAL: /* jansson's own rounding and form ("1.0", "1e+300") */
        fc_json_key(w, key);
        if (!fc_json_dump_buf(w->buf, v, JSON_ENCODE_ANY | JSON_REAL_PRECISION(15)))
            w->buf->oom = true;
        break;
    case JSON_TRUE:
        fc_json_raw(w, key, "true");
        break;
    case JSON_FALSE:
        fc_json_raw(w, key, "false");
        break;
    case JSON_NULL:
        fc_json_raw(w, key, "null");
        break;
    }
}
