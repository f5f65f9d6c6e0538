/*
 * toml_emit.c - writing TOML 1.0 (see toml.h): Zola's front matter and
 * config.toml from a JSON object.  TOML has one rule a streaming writer
 * must keep: a table's own keys come before any [sub.table] header, or
 * they would land in that sub-table.  So each table is written in two
 * passes, its plain keys, then its tables.
 */
#include "syntax/toml.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static bool bare_key(const char *k)
{
    if (!*k)
        return false;
    for (; *k; k++)
        if (!fc_ascii_alnum((unsigned char)*k) && *k != '_' && *k != '-')
            return false;
    return true;
}

/* A basic string: '"' and '\\' escaped, control characters as \uXXXX
 * (or their short escapes); the rest, UTF-8 included, as it is. */
static void put_string(struct fc_buf *b, const char *s, size_t n)
{
    fc_buf_putc(b, '"');
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '"':
            fc_buf_puts(b, "\\\"");
            break;
        case '\\':
            fc_buf_puts(b, "\\\\");
            break;
        case '\n':
            fc_buf_puts(b, "\\n");
            break;
        case '\t':
            fc_buf_puts(b, "\\t");
            break;
        case '\r':
            fc_buf_puts(b, "\\r");
            break;
        default:
            if (c < 0x20 || c == 0x7f)
                fc_buf_printf(b, "\\u%04X", c);
            else
                fc_buf_putc(b, (char)c);
        }
    }
    fc_buf_putc(b, '"');
}

static void put_key(struct fc_buf *b, const char *k)
{
    if (bare_key(k))
        fc_buf_puts(b, k);
    else
        put_string(b, k, strlen(k));
}

static void put_value(struct fc_buf *b, const json_t *v);

/* {k = v, ...} on one line (TOML 1.0 inline tables cannot span lines). */
static void put_inline(struct fc_buf *b, const json_t *o)
{
    const char *k;
    json_t *v;
    bool first = true;
    fc_buf_putc(b, '{');
    json_object_foreach((json_t *)o, k, v)
    {
        if (json_is_null(v))
            continue;
        fc_buf_puts(b, first ? " " : ", ");
        first = false;
        put_key(b, k);
        fc_buf_puts(b, " = ");
        put_value(b, v);
    }
    fc_buf_puts(b, first ? "}" : " }");
}

static void put_value(struct fc_buf *b, const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_STRING:
        put_string(b, json_string_value(v), json_string_length(v));
        break;
    case JSON_INTEGER:
        fc_buf_printf(b, "%lld", (long long)json_integer_value(v));
        break;
    case JSON_REAL: {
        double d = json_real_value(v);
        char num[40];
        if (isnan(d)) {
            fc_buf_puts(b, "nan");
            break;
        }
        if (isinf(d)) {
            fc_buf_puts(b, d < 0 ? "-inf" : "inf");
            break;
        }
        snprintf(num, sizeof num, "%.17g", d);
        if (!strpbrk(num, ".eE")) /* a float needs a '.' or an exponent */
            snprintf(num + strlen(num), sizeof num - strlen(num), ".0");
        fc_buf_puts(b, num);
        break;
    }
    case JSON_TRUE:
        fc_buf_puts(b, "true");
        break;
    case JSON_FALSE:
        fc_buf_puts(b, "false");
        break;
    case JSON_ARRAY: {
        size_t i;
        json_t *x;
        bool first = true;
        fc_buf_putc(b, '[');
        json_array_foreach(v, i, x)
        {
            if (json_is_null(x))
                continue;
            if (!first)
                fc_buf_puts(b, ", ");
            first = false;
            put_value(b, x);
        }
        fc_buf_putc(b, ']');
        break;
    }
    case JSON_OBJECT:
        put_inline(b, v);
        break;
    case JSON_NULL:
        break;
    }
}

/* The table o, whose header path is path (empty at the top). */
static void put_table(struct fc_buf *b, const json_t *o, struct fc_buf *path)
{
    const char *k;
    json_t *v;
    json_object_foreach((json_t *)o, k, v)
    {
        if (json_is_null(v) || json_is_object(v))
            continue;
        put_key(b, k);
        fc_buf_puts(b, " = ");
        put_value(b, v);
        fc_buf_putc(b, '\n');
    }
    json_object_foreach((json_t *)o, k, v)
    {
        if (!json_is_object(v))
            continue;
        size_t mark = path->len;
        if (path->len)
            fc_buf_putc(path, '.');
        put_key(path, k);
        fc_buf_printf(b, "\n[%s]\n", fc_buf_cstr(path));
        put_table(b, v, path);
        path->len = mark;
        if (path->data)
            path->data[mark] = '\0';
    }
}

bool fc_toml_emit(const json_t *obj, struct fc_buf *out)
{
    struct fc_buf path;
    fc_buf_init(&path);
    if (json_is_object(obj))
        put_table(out, obj, &path);
    bool ok = !out->oom && !path.oom;
    fc_buf_free(&path);
    return ok;
}
