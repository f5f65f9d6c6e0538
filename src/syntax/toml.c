/*
 * toml.c - TOML 1.0 (https://toml.io/en/v1.0.0) into the front-matter
 * tree (see toml.h).  A recursive-descent reader over the whole text.
 *
 * Mapping: tables, inline tables and the elements of arrays of tables are
 * FC_FM_MAP (keys in the order of first definition); arrays and arrays of
 * tables FC_FM_SEQ; strings quoted scalars; every other value a plain
 * scalar whose text fc_fm_json types: integers in decimal ("0xff" -> "255",
 * "1_000" -> "1000", "+1" -> "1"), floats in canonical text
 * (fc_fm_float_text: "1e3" -> "1000.0", inf -> ".inf"), true/false, and
 * date-times as written but for 'T'/'Z' upper case (a space or 't' between
 * date and time becomes 'T'), which type as strings and fc_time_parse
 * reads.  Multi-line strings keep their newlines as "\n".
 *
 * Tables being built are records (struct trec) beside the tree, with what
 * the spec's "invalid" rules need: how a table was made (by a [header],
 * implicitly as the parent of a header, by dotted keys, inline), whether
 * it is frozen (inline tables and static arrays, with all inside them),
 * and an array of tables' current element.  Keys are found through one
 * hash table keyed by (parent record, key), so big tables stay linear.
 * The rules, as tomli and toml-test read the spec:
 *  - a header may name a table once; not one made by dotted keys, nor an
 *    array of tables ([[x]] then [x]), nor a value or an inline table;
 *  - [[x]] appends to an array of tables only, never to a static array;
 *  - dotted keys may go through tables they made in the current section
 *    and tables made implicitly by headers, never through a table defined
 *    by a header, an inline table or an array;
 *  - a key is defined once; an inline table or array is closed when its
 *    bracket closes.
 */
#include "syntax/toml.h"
#include "util/buf.h"
#include "util/utf8.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NONE SIZE_MAX

enum { F_HEADER = 1, F_FROZEN = 2, F_AOT = 4 };

/* A table or array under construction; its kids move to the arena at the
 * end. */
struct trec {
    struct fc_fm_node *node;
    struct fc_fm_node **kids; /* map: key, value, ...; seq: items */
    size_t n, cap;
    size_t last;          /* F_AOT: record of the current element */
    unsigned long dotted; /* section whose dotted keys made or entered it; 0: none */
    unsigned depth;       /* root 1 */
    unsigned flags;
};

/* (parent record, key) -> child record, NONE for a value. */
struct tslot {
    const char *key;
    size_t klen;
    size_t parent, rec;
    uint32_t hash;
    bool used;
};

/* One part of a key, in the arena. */
struct tkey {
    struct fc_fm_node *node;
    const char *at; /* where it starts in the text */
};

struct toml {
    const char *text, *p, *end;
    const char *bol;    /* start of the current line */
    unsigned long line; /* of p, 1-based, without the offset */
    struct fc_arena *a;
    const char *file;
    unsigned long loff;
    struct fc_error *err;
    struct trec *recs;
    size_t nrec, caprec;
    struct tslot *slots;
    size_t cap, used; /* slots: a power of two, used < cap / 2 */
    struct tkey *keys;
    size_t capkeys;
    unsigned long section; /* headers seen + 1 */
    struct fc_buf sb;      /* a string being read */
};

/* ---- positions and errors --------------------------------------------- */

static unsigned long col_of(const struct toml *t, const char *at)
{
    unsigned long col = 1;
    if (at < t->bol)
        return 1;
    for (const char *q = t->bol; q < at; q++)
        col += ((unsigned char)*q & 0xC0) != 0x80;
    return col;
}

static enum fc_status tfailv(struct toml *t, unsigned long line, unsigned long col, const char *fmt,
                             va_list ap)
{
    char msg[200];
    vsnprintf(msg, sizeof msg, fmt, ap);
    return fc_fail(t->err, FC_EPARSE, t->file, line, col, "TOML: %s", msg);
}

/* FC_EPARSE at `at`, on the current line. */
static enum fc_status terr(struct toml *t, const char *at, const char *fmt, ...) FC_PRINTF(3, 4);
static enum fc_status terr(struct toml *t, const char *at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    enum fc_status st = tfailv(t, t->line + t->loff, col_of(t, at), fmt, ap);
    va_end(ap);
    return st;
}

/* FC_EPARSE at line:col (offset included). */
static enum fc_status terr_lc(struct toml *t, unsigned long line, unsigned long col,
                              const char *fmt, ...) FC_PRINTF(4, 5);
static enum fc_status terr_lc(struct toml *t, unsigned long line, unsigned long col,
                              const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    enum fc_status st = tfailv(t, line, col, fmt, ap);
    va_end(ap);
    return st;
}

/* What is at p, for messages. */
static const char *what_at(const struct toml *t, const char *p, char *buf, size_t cap)
{
    if (p >= t->end)
        return "end of input";
    unsigned char c = (unsigned char)*p;
    if (c == '\n' || (c == '\r' && p + 1 < t->end && p[1] == '\n'))
        return "end of line";
    if (c > 0x20 && c < 0x7F)
        snprintf(buf, cap, "'%c'", c);
    else if (c < 0x80)
        snprintf(buf, cap, "U+%04X", c);
    else
        snprintf(buf, cap, "a non-ASCII character");
    return buf;
}

static enum fc_status unexpected(struct toml *t, const char *expected)
{
    char buf[32];
    return terr(t, t->p, "expected %s, found %s", expected, what_at(t, t->p, buf, sizeof buf));
}

static struct fc_fm_node *tnew(struct toml *t, enum fc_fm_type type, const char *at)
{
    return fc_fm_new(t->a, type, t->line + t->loff, col_of(t, at));
}

/* ---- records and keys ------------------------------------------------- */

static uint32_t key_hash(size_t parent, const char *k, size_t n)
{
    uint32_t h = 2166136261u ^ (uint32_t)parent ^ (uint32_t)((uint64_t)parent >> 32);
    h *= 16777619u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)k[i]) * 16777619u;
    return h;
}

static struct tslot *slot_find(struct toml *t, size_t parent, const struct fc_fm_node *key)
{
    if (!t->cap)
        return NULL;
    uint32_t h = key_hash(parent, key->str, key->len);
    for (size_t i = h & (t->cap - 1);; i = (i + 1) & (t->cap - 1)) {
        struct tslot *s = &t->slots[i];
        if (!s->used)
            return NULL;
        if (s->hash == h && s->parent == parent && s->klen == key->len &&
            memcmp(s->key, key->str, key->len) == 0)
            return s;
    }
}

static bool slot_grow(struct toml *t)
{
    size_t ncap = t->cap ? t->cap * 2 : 64;
    struct tslot *ns = calloc(ncap, sizeof *ns);
    if (!ns)
        return false;
    for (size_t i = 0; i < t->cap; i++) {
        if (!t->slots[i].used)
            continue;
        size_t j = t->slots[i].hash & (ncap - 1);
        while (ns[j].used)
            j = (j + 1) & (ncap - 1);
        ns[j] = t->slots[i];
    }
    free(t->slots);
    t->slots = ns;
    t->cap = ncap;
    return true;
}

static bool kid_add(struct trec *r, struct fc_fm_node *n)
{
    if (r->n == r->cap) {
        size_t nc = r->cap ? r->cap * 2 : 8;
        struct fc_fm_node **nk = realloc(r->kids, nc * sizeof *nk);
        if (!nk)
            return false;
        r->kids = nk;
        r->cap = nc;
    }
    r->kids[r->n++] = n;
    return true;
}

/* A new record for node n under parent (NONE for the root); *idx its
 * index.  FC_ELIMIT past FC_FM_MAX_DEPTH. */
static enum fc_status rec_new(struct toml *t, size_t parent, struct fc_fm_node *n, const char *at,
                              size_t *idx)
{
    unsigned depth = parent == NONE ? 1 : t->recs[parent].depth + 1;
    if (depth > FC_FM_MAX_DEPTH)
        return fc_fail(t->err, FC_ELIMIT, t->file, t->line + t->loff, col_of(t, at),
                       "TOML: nested too deeply (more than %u levels)", FC_FM_MAX_DEPTH);
    if (t->nrec == t->caprec) {
        size_t nc = t->caprec ? t->caprec * 2 : 16;
        struct trec *nr = realloc(t->recs, nc * sizeof *nr);
        if (!nr)
            return fc_nomem(t->err);
        t->recs = nr;
        t->caprec = nc;
    }
    t->recs[t->nrec] = (struct trec){.node = n, .depth = depth, .last = NONE};
    *idx = t->nrec++;
    return FC_OK;
}

/* key = value in table record parent; child: the value's record or NONE. */
static enum fc_status put(struct toml *t, size_t parent, struct fc_fm_node *key,
                          struct fc_fm_node *value, size_t child)
{
    if ((t->used + 1) * 2 > t->cap && !slot_grow(t))
        return fc_nomem(t->err);
    struct trec *r = &t->recs[parent];
    if (!kid_add(r, key) || !kid_add(r, value))
        return fc_nomem(t->err);
    uint32_t h = key_hash(parent, key->str, key->len);
    size_t i = h & (t->cap - 1);
    while (t->slots[i].used)
        i = (i + 1) & (t->cap - 1);
    t->slots[i] = (struct tslot){key->str, key->len, parent, child, h, true};
    t->used++;
    return FC_OK;
}

/* A new table or array record under parent, reached by key (at: its
 * place in the text). */
static enum fc_status new_child(struct toml *t, size_t parent, const struct tkey *k,
                                enum fc_fm_type type, size_t *idx)
{
    struct fc_fm_node *n = tnew(t, type, k->at);
    if (!n)
        return fc_nomem(t->err);
    enum fc_status st = rec_new(t, parent, n, k->at, idx);
    return st ? st : put(t, parent, k->node, n, *idx);
}

/* ---- low-level scanning ----------------------------------------------- */

static int peek(const struct toml *t, size_t k)
{
    return t->p + k < t->end ? (unsigned char)t->p[k] : -1;
}

static void skip_ws(struct toml *t)
{
    while (t->p < t->end && (*t->p == ' ' || *t->p == '\t'))
        t->p++;
}

/* A newline (LF or CRLF) at p: consumed, true. */
static bool newline(struct toml *t)
{
    size_t k = peek(t, 0) == '\r' && peek(t, 1) == '\n' ? 2 : peek(t, 0) == '\n' ? 1 : 0;
    if (!k)
        return false;
    t->p += k;
    t->line++;
    t->bol = t->p;
    return true;
}

static bool is_control(int c)
{
    return (c >= 0 && c < 0x20 && c != '\t') || c == 0x7F;
}

static enum fc_status bad_control(struct toml *t, const char *where)
{
    return terr(t, t->p, "control character U+%04X in %s", (unsigned)(unsigned char)*t->p, where);
}

/* A comment at p, if any, up to (not including) the end of its line. */
static enum fc_status comment(struct toml *t)
{
    if (peek(t, 0) != '#')
        return FC_OK;
    for (t->p++; t->p < t->end && *t->p != '\n'; t->p++)
        if (is_control((unsigned char)*t->p) && !(*t->p == '\r' && peek(t, 1) == '\n'))
            return bad_control(t, "a comment");
    return FC_OK;
}

/* White space, comments and newlines (inside arrays). */
static enum fc_status skip_wcn(struct toml *t)
{
    for (;;) {
        skip_ws(t);
        enum fc_status st = comment(t);
        if (st)
            return st;
        if (!newline(t))
            return FC_OK;
    }
}

/* The end of a key/value or header line: white space, a comment, then a
 * newline or the end. */
static enum fc_status end_of_line(struct toml *t)
{
    skip_ws(t);
    enum fc_status st = comment(t);
    if (st)
        return st;
    if (t->p >= t->end || newline(t))
        return FC_OK;
    return unexpected(t, "the end of the line");
}

/* ---- strings ---------------------------------------------------------- */

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c |= 0x20;
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* An escape after the backslash at p (basic strings). */
static enum fc_status escape(struct toml *t)
{
    static const char from[] = "btnfr\"\\", to[] = "\b\t\n\f\r\"\\";
    const char *at = t->p;
    int c = peek(t, 1);
    const char *e = c > 0 ? strchr(from, c) : NULL;
    if (e) {
        fc_buf_putc(&t->sb, to[e - from]);
        t->p += 2;
        return FC_OK;
    }
    if (c != 'u' && c != 'U') {
        char buf[32];
        return terr(t, at, "invalid escape: '\\' followed by %s",
                    what_at(t, t->p + 1, buf, sizeof buf));
    }
    size_t n = c == 'u' ? 4 : 8;
    uint32_t cp = 0;
    for (size_t i = 0; i < n; i++) {
        int h = hexval(peek(t, 2 + i));
        if (h < 0)
            return terr(t, at, "\\%c needs %zu hexadecimal digits", c, n);
        cp = cp << 4 | (uint32_t)h;
    }
    if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
        return terr(t, at, "\\%c escape of U+%04" PRIX32 ", which is no Unicode scalar value", c,
                    cp);
    fc_utf8_put(&t->sb, cp);
    t->p += 2 + n;
    return FC_OK;
}

/* A run of k >= 3 delimiters q at p in a multi-line string: the last
 * three close it, up to two before them are content; more is an error. */
static enum fc_status ml_close(struct toml *t, char q, bool *closed)
{
    size_t k = 0;
    while (peek(t, k) == q)
        k++;
    *closed = k >= 3;
    if (!*closed)
        return FC_OK;
    if (k > 5)
        return terr(t, t->p, "more than two %s in a row inside a multi-line string",
                    q == '"' ? "quotation marks" : "apostrophes");
    fc_buf_add(&t->sb, t->p, k - 3);
    t->p += k;
    return FC_OK;
}

/* After a multi-line basic string's line-ending backslash at p: true
 * (and white space and newlines skipped) when it is one. */
static bool line_ending_backslash(struct toml *t)
{
    size_t k = 1;
    while (peek(t, k) == ' ' || peek(t, k) == '\t')
        k++;
    if (!(peek(t, k) == '\n' || (peek(t, k) == '\r' && peek(t, k + 1) == '\n')))
        return false;
    t->p += k;
    while (newline(t) || peek(t, 0) == ' ' || peek(t, 0) == '\t')
        if (peek(t, 0) == ' ' || peek(t, 0) == '\t')
            t->p++;
    return true;
}

/* A string of any of the four kinds at p (a quote) into t->sb; multi:
 * whether the kind allows newlines (keys do not). */
static enum fc_status string(struct toml *t, bool allow_multi)
{
    char q = *t->p;
    unsigned long oline = t->line + t->loff, ocol = col_of(t, t->p);
    bool basic = q == '"';
    bool multi = peek(t, 1) == q && peek(t, 2) == q;
    enum fc_status st;
    fc_buf_reset(&t->sb);
    if (multi && !allow_multi)
        return terr(t, t->p, "a multi-line string cannot be a key");
    t->p += multi ? 3 : 1;
    if (multi)
        newline(t); /* a newline right after the delimiter is trimmed */
    for (;;) {
        int c = peek(t, 0);
        if (c < 0)
            return terr_lc(t, oline, ocol, "unterminated string");
        if (c == q) {
            if (!multi) {
                t->p++;
                break;
            }
            bool closed;
            if ((st = ml_close(t, q, &closed)) != FC_OK)
                return st;
            if (closed)
                break;
            fc_buf_putc(&t->sb, q);
            t->p++;
        } else if (c == '\\' && basic) {
            if (multi && line_ending_backslash(t))
                continue;
            if ((st = escape(t)) != FC_OK)
                return st;
        } else if (c == '\n' || (c == '\r' && peek(t, 1) == '\n')) {
            if (!multi)
                return terr(t, t->p, "newline in a single-line string");
            newline(t);
            fc_buf_putc(&t->sb, '\n');
        } else if (is_control(c)) {
            return bad_control(t, "a string");
        } else {
            const char *s = t->p++;
            while (t->p < t->end && (unsigned char)*t->p >= 0x20 && *t->p != q && *t->p != '\\' &&
                   *t->p != 0x7F)
                t->p++;
            fc_buf_add(&t->sb, s, (size_t)(t->p - s));
        }
    }
    return t->sb.oom ? fc_nomem(t->err) : FC_OK;
}

/* t->sb as a scalar node of the arena. */
static struct fc_fm_node *sb_node(struct toml *t, const char *at, const char *s, size_t n,
                                  bool plain)
{
    struct fc_fm_node *node = tnew(t, FC_FM_SCALAR, at);
    if (!node)
        return NULL;
    node->str = fc_strdup(t->a, s, n);
    node->len = n;
    node->plain = plain;
    return node->str ? node : NULL;
}

/* ---- keys ------------------------------------------------------------- */

static bool is_bare(int c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
}

/* A dotted key at p into t->keys[0..*n). */
static enum fc_status key(struct toml *t, size_t *n)
{
    *n = 0;
    for (;;) {
        skip_ws(t);
        const char *at = t->p;
        int c = peek(t, 0);
        const char *s;
        size_t len;
        if (c == '"' || c == '\'') {
            enum fc_status st = string(t, false);
            if (st)
                return st;
            s = fc_buf_cstr(&t->sb);
            len = t->sb.len;
        } else if (is_bare(c)) {
            while (t->p < t->end && is_bare((unsigned char)*t->p))
                t->p++;
            s = at;
            len = (size_t)(t->p - at);
        } else {
            return unexpected(t, "a key");
        }
        if (*n == t->capkeys) {
            size_t nc = t->capkeys ? t->capkeys * 2 : 8;
            struct tkey *nk = realloc(t->keys, nc * sizeof *nk);
            if (!nk)
                return fc_nomem(t->err);
            t->keys = nk;
            t->capkeys = nc;
        }
        struct fc_fm_node *kn = sb_node(t, at, s, len, c != '"' && c != '\'');
        if (!kn)
            return fc_nomem(t->err);
        t->keys[(*n)++] = (struct tkey){kn, at};
        skip_ws(t);
        if (peek(t, 0) != '.')
            return FC_OK;
        t->p++;
    }
}

/* A short printable form of key k for messages (buf: 64 bytes). */
static const char *key_name(const struct tkey *k, char *buf, size_t cap)
{
    size_t n = k->node->len < 40 ? k->node->len : 40;
    if (n < k->node->len) /* cut at a character boundary */
        while (n && ((unsigned char)k->node->str[n] & 0xC0) == 0x80)
            n--;
    size_t j = 0;
    for (size_t i = 0; i < n && j + 1 < cap; i++) {
        unsigned char c = (unsigned char)k->node->str[i];
        buf[j++] = c < 0x20 || c == 0x7F ? '?' : (char)c;
    }
    buf[j] = '\0';
    if (n < k->node->len && j + 4 < cap)
        memcpy(buf + j, "...", 4);
    return buf;
}

/* ---- values ----------------------------------------------------------- */

static enum fc_status value(struct toml *t, size_t parent, struct fc_fm_node **out, size_t *rec);

static bool is_digit(int c)
{
    return c >= '0' && c <= '9';
}

/* Digits of base at s[*i..n), one '_' allowed between two digits, at
 * least one digit; they go to d (without underscores).  False when
 * malformed. */
static bool digits(const char *s, size_t n, size_t *i, int base, struct fc_buf *d)
{
    bool any = false, under = false;
    for (; *i < n; (*i)++) {
        int c = (unsigned char)s[*i];
        int v = hexval(c);
        if (c == '_') {
            if (!any || under)
                return false;
            under = true;
            continue;
        }
        if (v < 0 || v >= base)
            break;
        fc_buf_putc(d, (char)c);
        any = true;
        under = false;
    }
    return any && !under;
}

/* A decimal integer or float token s[0..n) (sign included). */
static enum fc_status number(struct toml *t, const char *s, size_t n, struct fc_fm_node **out)
{
    char buf[48];
    struct fc_buf d;
    fc_buf_init(&d);
    size_t i = 0;
    bool neg = s[0] == '-', is_float = false;
    if (s[0] == '+' || s[0] == '-')
        fc_buf_putc(&d, s[i++]);
    enum fc_status st = FC_OK;
    size_t int_start = i;
    if (!digits(s, n, &i, 10, &d))
        goto bad;
    if (s[int_start] == '0' && i - int_start > 1)
        goto bad; /* leading zero */
    if (i < n && s[i] == '.') {
        fc_buf_putc(&d, s[i++]);
        if (!digits(s, n, &i, 10, &d))
            goto bad;
        is_float = true;
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        fc_buf_putc(&d, s[i++]);
        if (i < n && (s[i] == '+' || s[i] == '-'))
            fc_buf_putc(&d, s[i++]);
        if (!digits(s, n, &i, 10, &d))
            goto bad;
        is_float = true;
    }
    if (i != n)
        goto bad;
    if (d.oom) {
        st = fc_nomem(t->err);
        goto out;
    }
    const char *txt = fc_buf_cstr(&d);
    if (is_float) {
        fc_fm_float_text(strtod(txt, NULL), buf, sizeof buf);
    } else {
        /* the digits as an unsigned magnitude, then the sign */
        uint64_t mag = 0;
        for (const char *q = txt + (txt[0] == '+' || txt[0] == '-'); *q; q++) {
            if (mag > (UINT64_MAX - (uint64_t)(*q - '0')) / 10)
                goto range;
            mag = mag * 10 + (uint64_t)(*q - '0');
        }
        if (mag > (uint64_t)INT64_MAX + neg)
            goto range;
        snprintf(buf, sizeof buf, "%s%" PRIu64, neg && mag ? "-" : "", mag);
    }
    *out = sb_node(t, s, buf, strlen(buf), true);
    st = *out ? FC_OK : fc_nomem(t->err);
    goto out;
range:
    st = terr(t, s, "integer %.*s is out of the 64-bit range", (int)(n > 40 ? 40 : n), s);
    goto out;
bad:
    st = terr(t, s, "invalid number '%.*s'", (int)(n > 40 ? 40 : n), s);
out:
    fc_buf_free(&d);
    return st;
}

/* 0x, 0o, 0b integers. */
static enum fc_status radix_int(struct toml *t, const char *s, size_t n, struct fc_fm_node **out)
{
    int base = s[1] == 'x' ? 16 : s[1] == 'o' ? 8 : 2;
    int shift = base == 16 ? 4 : base == 8 ? 3 : 1;
    struct fc_buf d;
    fc_buf_init(&d);
    size_t i = 2;
    enum fc_status st;
    if (!digits(s, n, &i, base, &d) || i != n) {
        st = terr(t, s, "invalid number '%.*s'", (int)(n > 40 ? 40 : n), s);
    } else if (d.oom) {
        st = fc_nomem(t->err);
    } else {
        uint64_t v = 0;
        st = FC_OK;
        for (const char *q = fc_buf_cstr(&d); *q && !st; q++) {
            if (v >> (63 - shift))
                st = terr(t, s, "integer %.*s is out of the 64-bit range", (int)(n > 40 ? 40 : n),
                          s);
            v = v << shift | (uint64_t)hexval(*q);
        }
        char buf[32];
        snprintf(buf, sizeof buf, "%" PRIu64, v);
        if (!st && !(*out = sb_node(t, s, buf, strlen(buf), true)))
            st = fc_nomem(t->err);
    }
    fc_buf_free(&d);
    return st;
}

/* n two-digit fields at s, each in [0, max]: false when not. */
static bool two_digits(const char *s, int max, int *v)
{
    if (!is_digit((unsigned char)s[0]) || !is_digit((unsigned char)s[1]))
        return false;
    *v = (s[0] - '0') * 10 + (s[1] - '0');
    return *v <= max;
}

/* "YYYY-MM-DD" at s[0..n): its length (10) or 0. */
static size_t date_part(const char *s, size_t n)
{
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int m, d;
    if (n < 10 || s[4] != '-' || s[7] != '-')
        return 0;
    for (int i = 0; i < 4; i++)
        if (!is_digit((unsigned char)s[i]))
            return 0;
    int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    if (!two_digits(s + 5, 12, &m) || m < 1 || !two_digits(s + 8, 31, &d) || d < 1 ||
        d > mdays[m - 1])
        return 0;
    if (m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
        return 0;
    return 10;
}

/* "HH:MM:SS[.frac]" at s[0..n): its length or 0. */
static size_t time_part(const char *s, size_t n)
{
    int v;
    if (n < 8 || s[2] != ':' || s[5] != ':' || !two_digits(s, 23, &v) ||
        !two_digits(s + 3, 59, &v) || !two_digits(s + 6, 60, &v))
        return 0;
    size_t i = 8;
    if (i < n && s[i] == '.') {
        i++;
        size_t k = i;
        while (i < n && is_digit((unsigned char)s[i]))
            i++;
        if (i == k)
            return 0;
    }
    return i;
}

/* "Z" or "+HH:MM" at s[0..n): its length or 0. */
static size_t offset_part(const char *s, size_t n)
{
    int v;
    if (n >= 1 && (s[0] == 'Z' || s[0] == 'z'))
        return 1;
    if (n >= 6 && (s[0] == '+' || s[0] == '-') && s[3] == ':' && two_digits(s + 1, 23, &v) &&
        two_digits(s + 4, 59, &v))
        return 6;
    return 0;
}

/* A date, date-time or time token s[0..n) (a space between date and
 * time already in it). */
static enum fc_status datetime(struct toml *t, const char *s, size_t n, struct fc_fm_node **out)
{
    size_t i = date_part(s, n);
    if (i && i < n) {
        if (s[i] != 'T' && s[i] != 't' && s[i] != ' ')
            i = 0;
        else {
            size_t k = time_part(s + i + 1, n - i - 1);
            i = k ? i + 1 + k : 0;
            if (i && i < n) {
                k = offset_part(s + i, n - i);
                i = k ? i + k : 0;
            }
        }
    } else if (!i && n >= 3 && s[2] == ':') {
        i = time_part(s, n);
    }
    if (i != n)
        return terr(t, s, "invalid date or time '%.*s'", (int)(n > 40 ? 40 : n), s);
    struct fc_fm_node *node = sb_node(t, s, s, n, true);
    if (!node)
        return fc_nomem(t->err);
    char *w = (char *)node->str;
    for (size_t k = 0; k < n; k++)
        if (w[k] == 't' || w[k] == ' ')
            w[k] = 'T';
        else if (w[k] == 'z')
            w[k] = 'Z';
    *out = node;
    return FC_OK;
}

static bool is_token(int c)
{
    return is_bare(c) || c == '+' || c == '.' || c == ':';
}

/* A bare value at p: boolean, number, date or time. */
static enum fc_status bare_value(struct toml *t, struct fc_fm_node **out)
{
    const char *s = t->p;
    while (t->p < t->end && is_token((unsigned char)*t->p))
        t->p++;
    /* "1979-05-27 07:32:00": a date, a space and a time are one value */
    if (t->p - s == 10 && date_part(s, 10) && peek(t, 0) == ' ' && is_digit(peek(t, 1)) &&
        is_digit(peek(t, 2)) && peek(t, 3) == ':') {
        t->p++;
        while (t->p < t->end && is_token((unsigned char)*t->p))
            t->p++;
    }
    size_t n = (size_t)(t->p - s);
    if (!n) {
        t->p = s;
        return unexpected(t, "a value");
    }
    static const char *const words[] = {"true", "false", "inf",  "+inf", "-inf",
                                        "nan",  "+nan",  "-nan", NULL};
    static const char *const texts[] = {"true",  "false", ".inf", ".inf",
                                        "-.inf", ".nan",  ".nan", ".nan"};
    for (size_t i = 0; words[i]; i++)
        if (strlen(words[i]) == n && memcmp(s, words[i], n) == 0) {
            *out = sb_node(t, s, texts[i], strlen(texts[i]), true);
            return *out ? FC_OK : fc_nomem(t->err);
        }
    if (n > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'o' || s[1] == 'b'))
        return radix_int(t, s, n, out);
    if ((n >= 5 && s[4] == '-' && strspn(s, "0123456789") == 4) || (n >= 3 && s[2] == ':'))
        return datetime(t, s, n, out);
    if (is_digit((unsigned char)s[0]) || s[0] == '+' || s[0] == '-')
        return number(t, s, n, out);
    t->p = s;
    return unexpected(t, "a value");
}

/* Mark the records made since first frozen: an inline table or array
 * and everything in it is closed once its bracket is. */
static void freeze_from(struct toml *t, size_t first)
{
    for (size_t i = first; i < t->nrec; i++)
        t->recs[i].flags |= F_FROZEN;
}

/* The '[' or '{' at p opening an array or inline table: its node and
 * record. */
static enum fc_status open_bracket(struct toml *t, size_t parent, enum fc_fm_type type,
                                   struct fc_fm_node **n, size_t *rec)
{
    if (!(*n = tnew(t, type, t->p)))
        return fc_nomem(t->err);
    enum fc_status st = rec_new(t, parent, *n, t->p, rec);
    if (!st)
        t->p++;
    return st;
}

/* Its closing bracket at p: the value is done, and frozen. */
static enum fc_status close_bracket(struct toml *t, size_t rec, struct fc_fm_node *n,
                                    struct fc_fm_node **out)
{
    t->p++;
    freeze_from(t, rec);
    *out = n;
    return FC_OK;
}

static enum fc_status array(struct toml *t, size_t parent, struct fc_fm_node **out, size_t *rec)
{
    struct fc_fm_node *n;
    enum fc_status st = open_bracket(t, parent, FC_FM_SEQ, &n, rec);
    if (st)
        return st;
    for (;;) {
        if ((st = skip_wcn(t)) != FC_OK)
            return st;
        if (peek(t, 0) == ']')
            break;
        struct fc_fm_node *v;
        size_t vr;
        if ((st = value(t, *rec, &v, &vr)) != FC_OK)
            return st;
        if (!kid_add(&t->recs[*rec], v))
            return fc_nomem(t->err);
        if ((st = skip_wcn(t)) != FC_OK)
            return st;
        if (peek(t, 0) == ']')
            break;
        if (peek(t, 0) != ',')
            return unexpected(t, "',' or ']' in an array");
        t->p++;
    }
    return close_bracket(t, *rec, n, out);
}

static enum fc_status keyval(struct toml *t, size_t table);

static enum fc_status inline_table(struct toml *t, size_t parent, struct fc_fm_node **out,
                                   size_t *rec)
{
    struct fc_fm_node *n;
    enum fc_status st = open_bracket(t, parent, FC_FM_MAP, &n, rec);
    if (st)
        return st;
    skip_ws(t);
    if (peek(t, 0) != '}') {
        for (;;) {
            skip_ws(t);
            if (peek(t, 0) == '}')
                return terr(t, t->p, "trailing comma in an inline table");
            if ((st = keyval(t, *rec)) != FC_OK)
                return st;
            skip_ws(t);
            if (peek(t, 0) == '}')
                break;
            if (peek(t, 0) != ',')
                return unexpected(t, "',' or '}' in an inline table");
            t->p++;
        }
    }
    return close_bracket(t, *rec, n, out);
}

/* A value at p; *rec: its record (arrays, inline tables) or NONE. */
static enum fc_status value(struct toml *t, size_t parent, struct fc_fm_node **out, size_t *rec)
{
    *rec = NONE;
    int c = peek(t, 0);
    if (c == '"' || c == '\'') {
        /* a multi-line string's node is where it opens */
        unsigned long line = t->line + t->loff, col = col_of(t, t->p);
        enum fc_status st = string(t, true);
        if (st)
            return st;
        if (!(*out = sb_node(t, t->p, fc_buf_cstr(&t->sb), t->sb.len, false)))
            return fc_nomem(t->err);
        (*out)->line = line;
        (*out)->column = col;
        return FC_OK;
    }
    if (c == '[')
        return array(t, parent, out, rec);
    if (c == '{')
        return inline_table(t, parent, out, rec);
    return bare_value(t, out);
}

/* ---- key/value pairs and headers -------------------------------------- */

/* The table the dotted key's first nkeys parts name, from table
 * (created as needed). */
static enum fc_status dotted_parent(struct toml *t, size_t nkeys, size_t *table)
{
    char buf[64];
    for (size_t i = 0; i < nkeys; i++) {
        const struct tkey *k = &t->keys[i];
        struct tslot *s = slot_find(t, *table, k->node);
        if (!s) {
            enum fc_status st = new_child(t, *table, k, FC_FM_MAP, table);
            if (st)
                return st;
            t->recs[*table].dotted = t->section;
            continue;
        }
        if (s->rec == NONE)
            return terr(t, k->at, "key '%s' holds a value, not a table",
                        key_name(k, buf, sizeof buf));
        struct trec *r = &t->recs[s->rec];
        if (r->node->type == FC_FM_SEQ)
            return terr(t, k->at, "key '%s' is an array: dotted keys cannot add to it",
                        key_name(k, buf, sizeof buf));
        if (r->flags & F_FROZEN)
            return terr(t, k->at, "'%s' is an inline table: keys cannot be added to it",
                        key_name(k, buf, sizeof buf));
        if ((r->flags & F_HEADER) || (r->dotted && r->dotted != t->section))
            return terr(t, k->at, "table '%s' is already defined: dotted keys cannot add to it",
                        key_name(k, buf, sizeof buf));
        r->dotted = t->section;
        *table = s->rec;
    }
    return FC_OK;
}

/* key = value into table record `table`. */
static enum fc_status keyval(struct toml *t, size_t table)
{
    size_t nkeys;
    enum fc_status st = key(t, &nkeys);
    if (st)
        return st;
    if (peek(t, 0) != '=')
        return unexpected(t, "'=' after the key");
    t->p++;
    skip_ws(t);
    if ((st = dotted_parent(t, nkeys - 1, &table)) != FC_OK)
        return st;
    struct tkey last = t->keys[nkeys - 1];
    if (slot_find(t, table, last.node)) {
        char buf[64];
        return terr(t, last.at, "duplicate key '%s'", key_name(&last, buf, sizeof buf));
    }
    if (peek(t, 0) == '\n' || peek(t, 0) == '\r' || peek(t, 0) == '#' || peek(t, 0) < 0)
        return unexpected(t, "a value after '='");
    struct fc_fm_node *v;
    size_t vr;
    if ((st = value(t, table, &v, &vr)) != FC_OK)
        return st;
    return put(t, table, last.node, v, vr);
}

/* [a.b.c] or [[a.b.c]] at p; *table: the table that follows it. */
static enum fc_status header(struct toml *t, size_t *table)
{
    char buf[64];
    bool aot = peek(t, 1) == '[';
    t->p += aot ? 2 : 1;
    size_t nkeys;
    enum fc_status st = key(t, &nkeys);
    if (st)
        return st;
    if (peek(t, 0) != ']' || (aot && peek(t, 1) != ']'))
        return unexpected(t, aot ? "']]' after the table name" : "']' after the table name");
    t->p += aot ? 2 : 1;
    t->section++;
    size_t cur = 0; /* the root */
    for (size_t i = 0; i < nkeys; i++) {
        const struct tkey *k = &t->keys[i];
        bool last = i + 1 == nkeys;
        struct tslot *s = slot_find(t, cur, k->node);
        if (!s) {
            if (!last || !aot) {
                if ((st = new_child(t, cur, k, FC_FM_MAP, &cur)) != FC_OK)
                    return st;
                if (last)
                    t->recs[cur].flags |= F_HEADER;
                continue;
            }
            size_t arr;
            if ((st = new_child(t, cur, k, FC_FM_SEQ, &arr)) != FC_OK)
                return st;
            t->recs[arr].flags |= F_AOT;
            s = slot_find(t, cur, k->node);
        }
        if (s->rec == NONE)
            return terr(t, k->at, "key '%s' holds a value, not a table",
                        key_name(k, buf, sizeof buf));
        size_t ri = s->rec;
        struct trec *r = &t->recs[ri];
        if (r->flags & F_FROZEN)
            return terr(t, k->at, "'%s' is %s: it cannot be extended", key_name(k, buf, sizeof buf),
                        r->node->type == FC_FM_SEQ ? "a static array" : "an inline table");
        if (last && aot) {
            if (!(r->flags & F_AOT))
                return terr(t, k->at, "'%s' is a table, not an array of tables",
                            key_name(k, buf, sizeof buf));
            struct fc_fm_node *n = tnew(t, FC_FM_MAP, k->at);
            if (!n)
                return fc_nomem(t->err);
            if ((st = rec_new(t, ri, n, k->at, &cur)) != FC_OK)
                return st;
            r = &t->recs[ri]; /* rec_new may move the records */
            if (!kid_add(r, n))
                return fc_nomem(t->err);
            r->last = cur;
            t->recs[cur].flags |= F_HEADER;
        } else if (last) {
            if (r->flags & F_AOT)
                return terr(t, k->at, "'%s' is an array of tables: [%s] cannot define it",
                            key_name(k, buf, sizeof buf), key_name(k, buf, sizeof buf));
            if (r->flags & F_HEADER)
                return terr(t, k->at, "table '%s' is defined twice", key_name(k, buf, sizeof buf));
            if (r->dotted)
                return terr(t, k->at, "table '%s' is already defined by dotted keys",
                            key_name(k, buf, sizeof buf));
            r->flags |= F_HEADER;
            cur = ri;
        } else {
            cur = r->flags & F_AOT ? r->last : ri;
        }
    }
    *table = cur;
    return end_of_line(t);
}

/* ---- the document ----------------------------------------------------- */

static enum fc_status check_utf8(struct toml *t)
{
    size_t ok = fc_utf8_valid_prefix(t->text, (size_t)(t->end - t->text));
    if (t->text + ok == t->end)
        return FC_OK;
    for (const char *q = t->text; q < t->text + ok; q++)
        if (*q == '\n') {
            t->line++;
            t->bol = q + 1;
        }
    t->p = t->text + ok;
    return terr(t, t->p, "invalid UTF-8");
}

static enum fc_status document(struct toml *t)
{
    struct fc_fm_node *root = tnew(t, FC_FM_MAP, t->p);
    size_t table = 0;
    if (!root)
        return fc_nomem(t->err);
    enum fc_status st = rec_new(t, NONE, root, t->p, &table);
    if (st || (st = check_utf8(t)) != FC_OK)
        return st;
    if (t->end - t->p >= 3 && !memcmp(t->p, "\xEF\xBB\xBF", 3))
        t->p += 3; /* a byte order mark */
    while (!st && t->p < t->end) {
        skip_ws(t);
        int c = peek(t, 0);
        if (c == '#')
            st = end_of_line(t);
        else if (newline(t) || c < 0)
            continue;
        else if (c == '[')
            st = header(t, &table);
        else if ((st = keyval(t, table)) == FC_OK)
            st = end_of_line(t);
    }
    return st;
}

/* The records' kids into the arena. */
static enum fc_status finish(struct toml *t)
{
    for (size_t i = 0; i < t->nrec; i++) {
        struct trec *r = &t->recs[i];
        if (!r->n)
            continue;
        r->node->kids = fc_alloc(t->a, r->n * sizeof *r->node->kids);
        if (!r->node->kids)
            return fc_nomem(t->err);
        memcpy(r->node->kids, r->kids, r->n * sizeof *r->kids);
        r->node->n = r->n;
    }
    return FC_OK;
}

enum fc_status fc_toml_parse(struct fc_arena *a, const char *text, size_t len, const char *file,
                             unsigned long line_offset, struct fc_fm_node **root,
                             struct fc_error *err)
{
    struct toml t = {.text = text,
                     .p = text,
                     .end = text + len,
                     .bol = text,
                     .line = 1,
                     .a = a,
                     .file = file,
                     .loff = line_offset,
                     .err = err,
                     .section = 1};
    fc_buf_init(&t.sb);
    *root = NULL;
    enum fc_status st = document(&t);
    if (!st)
        st = finish(&t);
    if (!st)
        *root = t.recs[0].node;
    for (size_t i = 0; i < t.nrec; i++)
        free(t.recs[i].kids);
    free(t.recs);
    free(t.slots);
    free(t.keys);
    fc_buf_free(&t.sb);
    return st;
}
