/*
 * yaml_emit.c - writing YAML through libyaml's emitter into an fc_buf
 * (see yaml.h): front matter and site configuration files.
 */
#include "syntax/yaml.h"
#include "util/scan.h"
#include "util/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int emit_out(void *data, unsigned char *buffer, size_t size)
{
    struct fc_buf *b = data;
    fc_buf_add(b, buffer, size);
    return !b->oom;
}

static void emit(struct fc_yaml_emitter *m, yaml_event_t *ev, int ok)
{
    if (!ok) { /* an event that cannot be made: libyaml could not copy its strings */
        m->failed = true;
        m->oom = true;
        return;
    }
    if (m->failed) {
        yaml_event_delete(ev);
        return;
    }
    if (!yaml_emitter_emit(&m->e, ev)) { /* takes the event, also on failure */
        m->failed = true;
        /* noted now: an allocation failure is FC_ENOMEM, not a write error */
        if (m->e.error == YAML_MEMORY_ERROR)
            m->oom = true;
    }
}

bool fc_yaml_emit_open(struct fc_yaml_emitter *m, struct fc_buf *out, bool explicit_start)
{
    memset(m, 0, sizeof *m);
    m->out = out;
    if (!yaml_emitter_initialize(&m->e))
        return false;
    yaml_emitter_set_output(&m->e, emit_out, out);
    yaml_emitter_set_unicode(&m->e, 1);
    yaml_emitter_set_width(&m->e, -1);
    yaml_emitter_set_indent(&m->e, 2);
    yaml_event_t ev;
    emit(m, &ev, yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING));
    emit(m, &ev, yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, !explicit_start));
    if (m->failed) { /* callers do not close an emitter that did not open */
        yaml_emitter_delete(&m->e);
        return false;
    }
    return true;
}

bool fc_yaml_emit_close(struct fc_yaml_emitter *m)
{
    yaml_event_t ev;
    emit(m, &ev, yaml_document_end_event_initialize(&ev, 1));
    emit(m, &ev, yaml_stream_end_event_initialize(&ev));
    if (!m->failed && !yaml_emitter_flush(&m->e))
        m->failed = true;
    if (m->e.error == YAML_MEMORY_ERROR || m->out->oom)
        m->oom = true;
    yaml_emitter_delete(&m->e);
    return !m->failed && !m->out->oom;
}

void fc_yaml_emit_map(struct fc_yaml_emitter *m)
{
    yaml_event_t ev;
    emit(m, &ev, yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE));
}

void fc_yaml_emit_seq(struct fc_yaml_emitter *m, bool flow)
{
    yaml_event_t ev;
    emit(m, &ev,
         yaml_sequence_start_event_initialize(
             &ev, NULL, NULL, 1, flow ? YAML_FLOW_SEQUENCE_STYLE : YAML_BLOCK_SEQUENCE_STYLE));
}

void fc_yaml_emit_end_map(struct fc_yaml_emitter *m)
{
    yaml_event_t ev;
    emit(m, &ev, yaml_mapping_end_event_initialize(&ev));
}

void fc_yaml_emit_end_seq(struct fc_yaml_emitter *m)
{
    yaml_event_t ev;
    emit(m, &ev, yaml_sequence_end_event_initialize(&ev));
}

static void emit_scalar(struct fc_yaml_emitter *m, const char *s, size_t n, bool quoted)
{
    yaml_event_t ev;
    emit(m, &ev,
         yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)s, (int)n, !quoted, quoted,
                                      quoted ? YAML_DOUBLE_QUOTED_SCALAR_STYLE
                                             : YAML_PLAIN_SCALAR_STYLE));
}

void fc_yaml_emit_str(struct fc_yaml_emitter *m, const char *s)
{
    if (!s)
        s = "";
    size_t n = strlen(s);
    if (n > INT32_MAX || !fc_utf8_valid(s, n)) {
        /* libyaml rejects invalid UTF-8; repair rather than fail */
        struct fc_buf b;
        fc_buf_init(&b);
        fc_utf8_repair(&b, s, n);
        if (b.oom || b.len > INT32_MAX)
            m->failed = m->oom = true;
        else
            emit_scalar(m, fc_buf_cstr(&b), b.len, true);
        fc_buf_free(&b);
        return;
    }
    emit_scalar(m, s, n, true);
}

void fc_yaml_emit_plain(struct fc_yaml_emitter *m, const char *s)
{
    emit_scalar(m, s, strlen(s), false);
}

void fc_yaml_emit_int(struct fc_yaml_emitter *m, long long v)
{
    char num[32];
    snprintf(num, sizeof num, "%lld", v);
    fc_yaml_emit_plain(m, num);
}

void fc_yaml_emit_kv(struct fc_yaml_emitter *m, const char *key, const char *value)
{
    if (!value)
        return;
    fc_yaml_emit_plain(m, key);
    fc_yaml_emit_str(m, value);
}

/* Keys like "comment_count" need no quotes; anything YAML could read as
 * something else (yes, null, 1, "a b") gets them. */
static bool plain_key_ok(const char *k)
{
    static const char *const special[] = {"y",   "n",    "yes",   "no",   "on",
                                          "off", "true", "false", "null", NULL};
    if (!((*k >= 'a' && *k <= 'z') || (*k >= 'A' && *k <= 'Z') || *k == '_'))
        return false;
    for (const char *p = k; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
              *p == '_' || *p == '-'))
            return false;
    for (size_t i = 0; special[i]; i++)
        if (fc_strcasecmp(k, special[i]) == 0)
            return false;
    return true;
}

void fc_yaml_emit_key(struct fc_yaml_emitter *m, const char *k)
{
    if (plain_key_ok(k))
        fc_yaml_emit_plain(m, k);
    else
        fc_yaml_emit_str(m, k);
}

/* A float as plain text in num[40], keeping a '.' so that it reads back
 * as one ("1" would be an integer). */
static const char *real_text(double d, char *num)
{
    snprintf(num, 40, "%.15g", d);
    if (strtod(num, NULL) != d)
        snprintf(num, 40, "%.17g", d);
    if (!strpbrk(num, ".eEn"))
        snprintf(num + strlen(num), 40 - strlen(num), ".0");
    return num;
}

void fc_yaml_emit_json(struct fc_yaml_emitter *m, const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: {
        const char *k;
        json_t *x;
        fc_yaml_emit_map(m);
        json_object_foreach((json_t *)v, k, x)
        {
            fc_yaml_emit_key(m, k);
            fc_yaml_emit_json(m, x);
        }
        fc_yaml_emit_end_map(m);
        break;
    }
    case JSON_ARRAY: {
        size_t i;
        json_t *x;
        fc_yaml_emit_seq(m, false);
        json_array_foreach(v, i, x) fc_yaml_emit_json(m, x);
        fc_yaml_emit_end_seq(m);
        break;
    }
    case JSON_STRING:
        fc_yaml_emit_str(m, json_string_value(v));
        break;
    case JSON_INTEGER:
        fc_yaml_emit_int(m, (long long)json_integer_value(v));
        break;
    case JSON_REAL: {
        char num[40];
        fc_yaml_emit_plain(m, real_text(json_real_value(v), num));
        break;
    }
    case JSON_TRUE:
        fc_yaml_emit_plain(m, "true");
        break;
    case JSON_FALSE:
        fc_yaml_emit_plain(m, "false");
        break;
    case JSON_NULL:
        fc_yaml_emit_plain(m, "null");
        break;
    }
}

/*
 * The quick path: what libyaml's emitter writes for a JSON value (as
 * fc_yaml_emit_json gives it: block style, indent 2, no line width,
 * unicode), written directly.  libyaml spends about 150 instructions a
 * byte on front matter (it copies every event, analyses every scalar and
 * writes a character at a time); this is the same bytes for the shapes
 * front matter has, and declines the rest (tests/test_yaml_quick.c
 * compares the two on random documents).
 *
 * Where a node stands, as libyaml's block states place it: at the root,
 * after "key:" of a mapping whose keys are at column `col`, or after the
 * "-" of a sequence item at column `col`.
 */
enum q_at { Q_ROOT, Q_VALUE, Q_ITEM };

/* Is the sequence at p (n bytes) a line break for YAML (\r, \n, U+0085,
 * U+2028, U+2029)? */
static bool q_break(const unsigned char *p, size_t n)
{
    return *p == '\n' || *p == '\r' || (n >= 2 && p[0] == 0xC2 && p[1] == 0x85) ||
           (n >= 3 && p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9));
}

/* s[0..n) double-quoted, escaped as libyaml's double-quoted writer does
 * (its IS_PRINTABLE: C1 controls, U+FEFF, U+FFFE, U+FFFF and everything
 * past the BMP are escaped); false when s is not UTF-8. */
static bool q_quoted(struct fc_buf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789ABCDEF";
    const unsigned char *p = (const unsigned char *)s;
    fc_buf_putc(b, '"');
    size_t run = 0;
    for (size_t i = 0; i < n;) {
        i = fc_scan(p, i, n, FC_SCAN_HIGH, '"', '\\', 0x7F); /* printable ASCII goes as is */
        if (i == n)
            break;
        unsigned c = p[i];
        size_t l = 1;
        uint32_t v = c;
        bool esc;
        if (c < 0x80) {
            esc = c < 0x20 || c == 0x7F || c == '"' || c == '\\';
        } else {
            l = fc_utf8_decode(p + i, n - i, &v);
            if (!l || l == (size_t)-1)
                return false;
            esc = v < 0xA0 || v == 0x2028 || v == 0x2029 || v == 0xFEFF || v == 0xFFFE ||
                  v == 0xFFFF || v > 0xFFFF;
        }
        if (!esc) {
            i += l;
            continue;
        }
        fc_buf_add(b, s + run, i - run);
        i += l;
        run = i;
        char e[10] = {'\\', 0};
        switch (v) {
        case 0x00:
            e[1] = '0';
            break;
        case 0x07:
            e[1] = 'a';
            break;
        case 0x08:
            e[1] = 'b';
            break;
        case 0x09:
            e[1] = 't';
            break;
        case 0x0A:
            e[1] = 'n';
            break;
        case 0x0B:
            e[1] = 'v';
            break;
        case 0x0C:
            e[1] = 'f';
            break;
        case 0x0D:
            e[1] = 'r';
            break;
        case 0x1B:
            e[1] = 'e';
            break;
        case 0x22:
            e[1] = '"';
            break;
        case 0x5C:
            e[1] = '\\';
            break;
        case 0x85:
            e[1] = 'N';
            break;
        case 0x2028:
            e[1] = 'L';
            break;
        case 0x2029:
            e[1] = 'P';
            break;
        default: {
            int digits = v <= 0xFF ? 2 : v <= 0xFFFF ? 4 : 8;
            e[1] = digits == 2 ? 'x' : digits == 4 ? 'u' : 'U';
            for (int k = 0; k < digits; k++)
                e[2 + k] = hex[(v >> (4 * (digits - 1 - k))) & 15];
            fc_buf_add(b, e, 2 + (size_t)digits);
            continue;
        }
        }
        fc_buf_add(b, e, 2);
    }
    fc_buf_add(b, s + run, n - run);
    fc_buf_putc(b, '"');
    return true;
}

static void q_newline(struct fc_buf *b, size_t col)
{
    fc_buf_putc(b, '\n');
    for (; col; col--)
        fc_buf_putc(b, ' ');
}

static bool q_node(struct fc_buf *b, const json_t *v, enum q_at at, size_t col, int depth);

/* A mapping's key: plain or double-quoted as fc_yaml_emit_key chooses;
 * false for one libyaml would not write as a simple key (longer than 128
 * bytes, or with a line break: it writes "? key" then). */
static bool q_key(struct fc_buf *b, const char *k)
{
    size_t n = strlen(k);
    if (n > 128)
        return false;
    if (plain_key_ok(k)) {
        fc_buf_add(b, k, n);
        return true;
    }
    for (size_t i = 0; i < n; i++)
        if (q_break((const unsigned char *)k + i, n - i))
            return false;
    return q_quoted(b, k, n);
}

static bool q_map(struct fc_buf *b, const json_t *v, enum q_at at, size_t col, int depth)
{
    /* the keys' column, and whether the first goes on a line of its own */
    size_t kc = at == Q_ROOT ? 0 : col + 2;
    bool first = true;
    const char *k;
    json_t *x;
    json_object_foreach((json_t *)v, k, x)
    {
        if (!first || at == Q_VALUE)
            q_newline(b, kc);
        else if (at == Q_ITEM)
            fc_buf_putc(b, ' ');
        first = false;
        if (!q_key(b, k))
            return false;
        fc_buf_putc(b, ':');
        if (!q_node(b, x, Q_VALUE, kc, depth + 1))
            return false;
    }
    return true;
}

static bool q_seq(struct fc_buf *b, const json_t *v, enum q_at at, size_t col, int depth)
{
    /* a sequence that is a mapping's value is not indented (libyaml's
     * "indentless" sequence) */
    size_t ic = at == Q_ROOT ? 0 : at == Q_VALUE ? col : col + 2;
    size_t i;
    json_t *x;
    json_array_foreach(v, i, x)
    {
        if (i > 0 || at == Q_VALUE)
            q_newline(b, ic);
        else if (at == Q_ITEM)
            fc_buf_putc(b, ' ');
        fc_buf_putc(b, '-');
        if (!q_node(b, x, Q_ITEM, ic, depth + 1))
            return false;
    }
    return true;
}

static bool q_node(struct fc_buf *b, const json_t *v, enum q_at at, size_t col, int depth)
{
    if ((unsigned)depth > FC_FM_MAX_DEPTH)
        return false;
    if (json_object_size(v))
        return q_map(b, v, at, col, depth);
    if (json_array_size(v))
        return q_seq(b, v, at, col, depth);
    const char *sep = at == Q_ROOT ? "" : " ";
    switch (json_typeof(v)) {
    case JSON_OBJECT: /* empty ones: libyaml writes them in flow style */
    case JSON_ARRAY:
        fc_buf_puts(b, sep);
        fc_buf_puts(b, json_is_object(v) ? "{}" : "[]");
        return true;
    case JSON_STRING: {
        const char *s = json_string_value(v);
        fc_buf_puts(b, sep);
        return q_quoted(b, s, strlen(s)); /* as fc_yaml_emit_str: to a NUL */
    }
    case JSON_INTEGER:
        fc_buf_printf(b, "%s%lld", sep, (long long)json_integer_value(v));
        return true;
    case JSON_REAL: {
        char num[40];
        fc_buf_puts(b, sep);
        fc_buf_puts(b, real_text(json_real_value(v), num));
        return true;
    }
    case JSON_TRUE:
    case JSON_FALSE:
    case JSON_NULL:
        fc_buf_puts(b, sep);
        fc_buf_puts(b, json_is_true(v) ? "true" : json_is_false(v) ? "false" : "null");
        return true;
    }
    return false;
}

bool fc_yaml_emit_json_quick(const json_t *v, struct fc_buf *out)
{
    if (!json_is_object(v) && !json_is_array(v))
        return false;
    size_t mark = out->len;
    if (q_node(out, v, Q_ROOT, 0, 0)) {
        fc_buf_putc(out, '\n');
        return true;
    }
    if (!out->oom) {
        out->len = mark;
        if (out->data)
            out->data[mark] = '\0';
    }
    return false;
}
