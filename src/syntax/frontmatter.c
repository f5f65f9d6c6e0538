/*
 * frontmatter.c - the front-matter block of a Markdown file (see
 * frontmatter.h): where it starts and ends and which syntax it is, so
 * that its syntax's reader gets the block and the format the body; the
 * dispatcher to the readers, and the JSON reader (Hugo's JSON front
 * matter), which builds the tree with positions, as jansson cannot.
 */
#include "syntax/frontmatter.h"
#include "syntax/toml.h"
#include "syntax/yaml.h"
#include "syntax/json.h"
#include "util/buf.h"
#include "util/utf8.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- splitting -------------------------------------------------------- */

/* A fence line: the three bytes of fence at p, then only white space. */
static bool fence_line(const char *p, const char *le, const char *fence)
{
    if (le - p < 3 || strncmp(p, fence, 3) != 0)
        return false;
    for (p += 3; p < le; p++)
        if (*p != ' ' && *p != '\t' && *p != '\r')
            return false;
    return true;
}

/* YAML or TOML: text between the fence lines. */
static enum fc_fm_syntax fenced(const char *p, const char *end, enum fc_fm_syntax syn,
                                const char **fm, size_t *fmlen, const char **body)
{
    const char *fence = syn == FC_FM_YAML ? "---" : "+++";
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    if (!fence_line(p, nl ? nl : end, fence))
        return FC_FM_NONE;
    const char *start = nl ? nl + 1 : end;
    for (const char *line = start; line < end;) {
        nl = memchr(line, '\n', (size_t)(end - line));
        const char *le = nl ? nl : end;
        if (fence_line(line, le, fence) || (syn == FC_FM_YAML && fence_line(line, le, "..."))) {
            *fm = start;
            *fmlen = (size_t)(line - start);
            *body = nl ? nl + 1 : end;
            return syn;
        }
        line = nl ? nl + 1 : end;
    }
    /* unterminated: all of it is front matter, no body */
    *fm = start;
    *fmlen = (size_t)(end - start);
    *body = end;
    return syn;
}

/* JSON: Hugo's pageparser counts braces outside strings (a backslash
 * skips the next byte) up to the one that closes the first, then takes
 * one newline. */
static enum fc_fm_syntax json_block(const char *p, const char *end, const char **fm, size_t *fmlen,
                                    const char **body)
{
    bool in_string = false;
    size_t level = 0;
    const char *q = p;
    for (; q < end; q++) {
        if (*q == '\\')
            q++;
        else if (*q == '"')
            in_string = !in_string;
        else if (!in_string && *q == '{')
            level++;
        else if (!in_string && *q == '}' && --level == 0)
            break;
    }
    *fm = p;
    if (q >= end) {
        *fmlen = (size_t)(end - p);
        *body = end;
        return FC_FM_JSON;
    }
    q++;
    *fmlen = (size_t)(q - p);
    if (q < end && *q == '\r' && q + 1 < end && q[1] == '\n')
        q++;
    if (q < end && *q == '\n')
        q++;
    *body = q;
    return FC_FM_JSON;
}

/* After the '{': white space, then '"' or '}', as only a JSON object has
 * ("{{< shortcode >}}", "{% raw %}" and "{#" open no front matter). */
static bool json_object_start(const char *p, const char *end)
{
    while (p < end && fc_json_is_ws(*p))
        p++;
    return p < end && (*p == '"' || *p == '}');
}

enum fc_fm_syntax fc_fm_split(const char *text, size_t len, const char **fm, size_t *fmlen,
                              const char **body)
{
    const char *p = text, *end = text + len;
    if (len >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3))
        p += 3; /* UTF-8 BOM */
    if (p < end && *p == '{' && json_object_start(p + 1, end))
        return json_block(p, end, fm, fmlen, body);
    if (p < end && *p == '+')
        return fenced(p, end, FC_FM_TOML, fm, fmlen, body);
    if (p < end && *p == '-')
        return fenced(p, end, FC_FM_YAML, fm, fmlen, body);
    return FC_FM_NONE;
}

enum fc_status fc_fm_parse(struct fc_arena *a, enum fc_fm_syntax syntax, const char *text,
                           size_t len, const char *file, unsigned long line_offset,
                           struct fc_fm_node **root, struct fc_error *err)
{
    *root = NULL;
    switch (syntax) {
    case FC_FM_YAML:
        return fc_yaml_parse(a, text, len, file, line_offset, root, err);
    case FC_FM_TOML:
        return fc_toml_parse(a, text, len, file, line_offset, root, err);
    case FC_FM_JSON:
        return fc_fm_parse_json(a, text, len, file, line_offset, root, err);
    case FC_FM_NONE:
        break;
    }
    return FC_OK;
}

/* ---- JSON ------------------------------------------------------------- */

struct fjson {
    const char *p, *end, *bol;
    unsigned long line; /* offset included */
    struct fc_arena *a;
    const char *file;
    struct fc_error *err;
    struct fc_buf sb;
};

static enum fc_status jerr(struct fjson *j, const char *fmt, ...) FC_PRINTF(2, 3);
static enum fc_status jerr(struct fjson *j, const char *fmt, ...)
{
    char msg[160];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    unsigned long col = 1;
    for (const char *q = j->bol; q < j->p; q++)
        col += ((unsigned char)*q & 0xC0) != 0x80;
    return fc_fail(j->err, FC_EPARSE, j->file, j->line, col, "JSON front matter: %s", msg);
}

static void jws(struct fjson *j)
{
    for (; j->p < j->end && fc_json_is_ws(*j->p); j->p++)
        if (*j->p == '\n') {
            j->line++;
            j->bol = j->p + 1;
        }
}

static struct fc_fm_node *jnode(struct fjson *j, enum fc_fm_type t)
{
    unsigned long col = 1;
    for (const char *q = j->bol; q < j->p; q++)
        col += ((unsigned char)*q & 0xC0) != 0x80;
    return fc_fm_new(j->a, t, j->line, col);
}

static bool jscalar(struct fjson *j, struct fc_fm_node *n, const char *s, size_t len, bool plain)
{
    n->str = fc_strdup(j->a, s, len);
    n->len = len;
    n->plain = plain;
    return n->str != NULL;
}

static int jhex4(const char *p, const char *end)
{
    int v = 0;
    for (int i = 0; i < 4; i++) {
        int h = p + i < end ? fc_json_hex((unsigned char)p[i]) : -1;
        if (h < 0)
            return -1;
        v = v << 4 | h;
    }
    return v;
}

/* A string at p (its quote) into j->sb. */
static enum fc_status jstring(struct fjson *j)
{
    fc_buf_reset(&j->sb);
    for (j->p++;;) {
        if (j->p >= j->end)
            return jerr(j, "unterminated string");
        unsigned char c = (unsigned char)*j->p;
        if (c == '"')
            break;
        if (c < 0x20)
            return jerr(j, "control character U+%04X in a string", c);
        if (c != '\\') {
            fc_buf_putc(&j->sb, (char)c);
            j->p++;
            continue;
        }
        static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
        const char *e = j->p + 1 < j->end && j->p[1] ? strchr(from, j->p[1]) : NULL;
        if (e) {
            fc_buf_putc(&j->sb, to[e - from]);
            j->p += 2;
            continue;
        }
        int u = j->p + 1 < j->end && j->p[1] == 'u' ? jhex4(j->p + 2, j->end) : -1;
        if (u < 0)
            return jerr(j, "invalid escape");
        j->p += 6;
        if (u >= 0xD800 && u <= 0xDBFF) { /* a pair: the low half must follow */
            int lo = j->end - j->p >= 6 && j->p[0] == '\\' && j->p[1] == 'u'
                         ? jhex4(j->p + 2, j->end)
                         : -1;
            if (lo < 0xDC00 || lo > 0xDFFF)
                return jerr(j, "invalid Unicode escape: a lone surrogate");
            u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
            j->p += 6;
        } else if (u >= 0xDC00 && u <= 0xDFFF) {
            return jerr(j, "invalid Unicode escape: a lone surrogate");
        }
        fc_utf8_put(&j->sb, (uint32_t)u);
    }
    j->p++;
    return j->sb.oom ? fc_nomem(j->err) : FC_OK;
}

/* A number at p: integers in the int64 range as written, others as
 * floats. */
static enum fc_status jnumber(struct fjson *j, struct fc_fm_node *n)
{
    const char *s = j->p, *q = s;
    bool is_float = false;
    if (q < j->end && *q == '-')
        q++;
    size_t k = 0;
    while (q + k < j->end && q[k] >= '0' && q[k] <= '9')
        k++;
    if (!k || (k > 1 && *q == '0'))
        return jerr(j, "invalid number");
    q += k;
    if (q < j->end && *q == '.') {
        for (k = 0, q++; q < j->end && *q >= '0' && *q <= '9'; q++)
            k++;
        if (!k)
            return jerr(j, "invalid number");
        is_float = true;
    }
    if (q < j->end && (*q == 'e' || *q == 'E')) {
        q++;
        if (q < j->end && (*q == '+' || *q == '-'))
            q++;
        for (k = 0; q < j->end && *q >= '0' && *q <= '9'; q++)
            k++;
        if (!k)
            return jerr(j, "invalid number");
        is_float = true;
    }
    j->p = q;
    char *txt = fc_strdup(j->a, s, (size_t)(q - s));
    if (!txt)
        return fc_nomem(j->err);
    if (!is_float) { /* past int64: a float, as jansson reads it */
        const char *d = txt + (*txt == '-');
        size_t nd = strlen(d);
        int cmp = nd != 19 ? (nd > 19 ? 1 : -1)
                           : strcmp(d, *txt == '-' ? "9223372036854775808" : "9223372036854775807");
        if (cmp <= 0)
            return jscalar(j, n, txt, strlen(txt), true) ? FC_OK : fc_nomem(j->err);
    }
    double v = strtod(txt, NULL);
    if (v > 1.7976931348623157e308 || v < -1.7976931348623157e308) {
        j->p = s;
        return jerr(j, "number out of range");
    }
    char buf[40];
    fc_fm_float_text(v, buf, sizeof buf);
    return jscalar(j, n, buf, strlen(buf), true) ? FC_OK : fc_nomem(j->err);
}

static enum fc_status jvalue(struct fjson *j, unsigned depth, struct fc_fm_node **out);

/* The members or items of an object or array at p, into n. */
static enum fc_status jcontainer(struct fjson *j, unsigned depth, struct fc_fm_node *n)
{
    bool obj = *j->p == '{';
    char close = obj ? '}' : ']';
    struct fc_fm_node **v = NULL;
    size_t len = 0, cap = 0;
    enum fc_status st = FC_OK;
    j->p++;
    jws(j);
    if (j->p < j->end && *j->p == close)
        goto done;
    for (;;) {
        if (len + 2 > cap) {
            size_t nc = cap ? cap * 2 : 8;
            struct fc_fm_node **nv = realloc(v, nc * sizeof *nv);
            if (!nv) {
                st = fc_nomem(j->err);
                goto out;
            }
            v = nv;
            cap = nc;
        }
        size_t dup = SIZE_MAX;
        if (obj) {
            jws(j);
            if (j->p >= j->end || *j->p != '"') {
                st = jerr(j, "expected a string as key");
                goto out;
            }
            struct fc_fm_node *k = jnode(j, FC_FM_SCALAR);
            if (!k) {
                st = fc_nomem(j->err);
                goto out;
            }
            if ((st = jstring(j)) != FC_OK)
                goto out;
            if (!jscalar(j, k, fc_buf_cstr(&j->sb), j->sb.len, false)) {
                st = fc_nomem(j->err);
                goto out;
            }
            for (size_t i = 0; i < len && dup == SIZE_MAX; i += 2)
                if (v[i]->len == k->len && !memcmp(v[i]->str, k->str, k->len))
                    dup = i + 1;
            if (dup == SIZE_MAX)
                v[len++] = k;
            jws(j);
            if (j->p >= j->end || *j->p != ':') {
                st = jerr(j, "expected ':' after the key");
                goto out;
            }
            j->p++;
        }
        struct fc_fm_node *item;
        if ((st = jvalue(j, depth + 1, &item)) != FC_OK)
            goto out;
        if (dup != SIZE_MAX)
            v[dup] = item; /* the last value wins */
        else
            v[len++] = item;
        jws(j);
        if (j->p < j->end && *j->p == ',') {
            j->p++;
            continue;
        }
        if (j->p < j->end && *j->p == close)
            break;
        st = jerr(j, obj ? "expected ',' or '}'" : "expected ',' or ']'");
        goto out;
    }
done:
    j->p++;
    if (len) {
        if (!(n->kids = fc_alloc(j->a, len * sizeof *n->kids))) {
            st = fc_nomem(j->err);
            goto out;
        }
        memcpy(n->kids, v, len * sizeof *v);
        n->n = len;
    }
out:
    free(v);
    return st;
}

static enum fc_status jvalue(struct fjson *j, unsigned depth, struct fc_fm_node **out)
{
    jws(j);
    if (j->p >= j->end)
        return jerr(j, "expected a value, found the end of the text");
    char c = *j->p;
    if (depth > FC_FM_MAX_DEPTH && (c == '{' || c == '['))
        return fc_fail(j->err, FC_ELIMIT, j->file, j->line, 1,
                       "JSON front matter nested too deeply");
    struct fc_fm_node *n = jnode(j, c == '{' ? FC_FM_MAP : c == '[' ? FC_FM_SEQ : FC_FM_SCALAR);
    if (!(*out = n))
        return fc_nomem(j->err);
    if (c == '{' || c == '[')
        return jcontainer(j, depth, n);
    if (c == '"') {
        enum fc_status st = jstring(j);
        if (st)
            return st;
        return jscalar(j, n, fc_buf_cstr(&j->sb), j->sb.len, false) ? FC_OK : fc_nomem(j->err);
    }
    if (c == '-' || (c >= '0' && c <= '9'))
        return jnumber(j, n);
    static const char *const words[] = {"true", "false", "null"};
    for (size_t i = 0; i < 3; i++) {
        size_t wl = strlen(words[i]);
        if ((size_t)(j->end - j->p) >= wl && !memcmp(j->p, words[i], wl)) {
            j->p += wl;
            return jscalar(j, n, words[i], wl, true) ? FC_OK : fc_nomem(j->err);
        }
    }
    return jerr(j, "expected a value");
}

enum fc_status fc_fm_parse_json(struct fc_arena *a, const char *text, size_t len, const char *file,
                                unsigned long line_offset, struct fc_fm_node **root,
                                struct fc_error *err)
{
    struct fjson j = {.p = text,
                      .end = text + len,
                      .bol = text,
                      .line = 1 + line_offset,
                      .a = a,
                      .file = file,
                      .err = err};
    *root = NULL;
    size_t ok = fc_utf8_valid_prefix(text, len);
    if (ok < len) {
        for (; j.p < text + ok; j.p++)
            if (*j.p == '\n') {
                j.line++;
                j.bol = j.p + 1;
            }
        return jerr(&j, "invalid UTF-8");
    }
    fc_buf_init(&j.sb);
    struct fc_fm_node *n = NULL;
    enum fc_status st = jvalue(&j, 1, &n);
    if (!st) {
        jws(&j);
        if (j.p < j.end)
            st = jerr(&j, "text after the value");
    }
    fc_buf_free(&j.sb);
    if (!st)
        *root = n;
    return st;
}
