/*
 * xmlfix.c - streaming repair of ill-formed XML before libxml2; see
 * xmlfix.h for what is repaired and why.
 *
 * A small lexer over ASCII-compatible bytes: text, start tags, attribute
 * values, end tags, comments, CDATA, processing instructions, the DOCTYPE.
 * Every state copies runs of ordinary bytes in one go and stops only at
 * the few bytes that may need work ('&', '<', control and non-ASCII bytes,
 * and the state's terminator).  Handlers return the index where they
 * stopped; when a token is cut by the end of the chunk they set f->more
 * and the bytes are held for the next push.  At the end of the input no
 * handler waits: every token is decided.
 */
#include "syntax/xmlfix.h"
#include "util/scan.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/encoding.h>

#define MAX_WARN 100  /* repairs reported, then one notice */
#define MAX_NAME 1024 /* longest tag name / end tag held */
#define MAX_REF 64    /* longest entity reference held */
#define MAX_DOCTYPE ((size_t)1 << 20)
#define JUNK_WINDOW 8192 /* where a late XML declaration is looked for */
#define MAX_DEPTH ((size_t)1 << 20)

enum {
    S_START,   /* nothing seen yet */
    S_PASS,    /* not ASCII-compatible, or gave up: bytes pass unchanged */
    S_TEXT,    /* content, or between markup outside the root */
    S_TAG,     /* inside a start tag, after its name */
    S_ATTR,    /* inside a quoted attribute value */
    S_COMMENT, /* after "<!--" */
    S_CDATA,   /* after "<![CDATA[" */
    S_PI,      /* after "<?" */
    S_DROP,    /* after the root's end: everything dropped */
};

/* Where in a start tag (S_TAG), after the element's name. */
enum {
    TG_SPACE,     /* between attributes */
    TG_NAME,      /* in an attribute's name */
    TG_AFTER,     /* after an attribute's name: '=' or not */
    TG_EQ,        /* after '=': the value */
    TG_UNQ,       /* in an unquoted value (quoted on the way out) */
    TG_VALUE_END, /* right after a quoted value */
};

/* windows-1252 0x80..0x9F; 0 where undefined (read as U+FFFD). */
static const uint16_t cp1252[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

void fc_xmlfix_init(struct fc_xmlfix *f, fc_xmlfix_warn_fn warn, void *ctx)
{
    memset(f, 0, sizeof *f);
    f->warn = warn;
    f->ctx = ctx;
    f->line = 1;
    f->st = S_START;
    f->utf8 = true;
    f->cd_open = SIZE_MAX;
    fc_buf_init(&f->out);
    fc_buf_init(&f->hold);
    fc_buf_init(&f->ents);
    fc_buf_init(&f->cd);
}

void fc_xmlfix_free(struct fc_xmlfix *f)
{
    fc_buf_free(&f->out);
    fc_buf_free(&f->hold);
    fc_buf_free(&f->ents);
    fc_buf_free(&f->cd);
    fc_xml_names_free(&f->names);
}

/* ---- positions and warnings ------------------------------------------ */

/* Count the newlines of p[f->counted .. i). */
static void upd_pos(struct fc_xmlfix *f, const unsigned char *p, size_t i)
{
    if (!p) /* nothing held: an empty input */
        return;
    const unsigned char *s = p + f->counted, *e = p + i, *nl;
    while (s < e && (nl = memchr(s, '\n', (size_t)(e - s))) != NULL) {
        f->line++;
        f->line_start = f->abs + (unsigned long long)(nl - p) + 1;
        s = nl + 1;
    }
    if (i > f->counted)
        f->counted = i;
}

/* upd_pos for the hot path, 16 bytes a step: may read p[0..n). */
static void count_lines_slow(struct fc_xmlfix *f, const unsigned char *p, size_t i, size_t n)
{
    size_t k = f->counted;
    if (k >= i)
        return;
#ifdef FC_SCAN_SSE2
    const __m128i nl = _mm_set1_epi8('\n');
    while (k < i && n - k >= 16) {
        unsigned m = (unsigned)_mm_movemask_epi8(
            _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(const void *)(p + k)), nl));
        if (i - k < 16)
            m &= (1u << (i - k)) - 1;
        if (m) {
            f->line_start = f->abs + k + (unsigned)(31 - __builtin_clz(m)) + 1;
            for (; m; m &= m - 1)
                f->line++;
        }
        k += 16;
    }
#endif
    for (; k < i; k++)
        if (p[k] == '\n') {
            f->line++;
            f->line_start = f->abs + k + 1;
        }
    f->counted = i;
}

/* count_lines_slow, the short gap after a tag inline. */
static inline void count_lines(struct fc_xmlfix *f, const unsigned char *p, size_t i, size_t n)
{
    size_t k = f->counted;
    if (k >= i)
        return;
#ifdef FC_SCAN_SSE2
    if (i - k <= 16 && n - k >= 16) {
        unsigned m =
            (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(
                _mm_loadu_si128((const __m128i *)(const void *)(p + k)), _mm_set1_epi8('\n'))) &
            ((2u << (i - k - 1)) - 1);
        if (m) {
            f->line_start = f->abs + k + (unsigned)(31 - __builtin_clz(m)) + 1;
            for (; m; m &= m - 1)
                f->line++;
        }
        f->counted = i;
        return;
    }
#endif
    count_lines_slow(f, p, i, n);
}

static void fwarn(struct fc_xmlfix *f, const unsigned char *p, size_t i, const char *fmt, ...)
    FC_PRINTF(4, 5);

static void fwarn(struct fc_xmlfix *f, const unsigned char *p, size_t i, const char *fmt, ...)
{
    if (f->status != FC_OK || f->nwarn > MAX_WARN)
        return;
    upd_pos(f, p, i);
    unsigned long col = (unsigned long)(f->abs + i - f->line_start + 1);
    char msg[300];
    if (++f->nwarn > MAX_WARN) {
        snprintf(msg, sizeof msg, "more than %d repairs; the rest are not reported", MAX_WARN);
    } else {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(msg, sizeof msg, fmt, ap);
        va_end(ap);
    }
    f->status = f->warn(f->ctx, f->line, col, msg);
}

/* ---- output ----------------------------------------------------------- */

static inline void emit(struct fc_xmlfix *f, const void *p, size_t n)
{
    fc_buf_add(&f->out, p, n);
}

/* Inline: the strlen of a literal folds. */
static inline void emits(struct fc_xmlfix *f, const char *s)
{
    fc_buf_add(&f->out, s, strlen(s));
}

/* ---- shared byte handling ----------------------------------------------- */

enum { C_NSTART = 1, C_NAME = 2, C_WS = 4, C_CTRL = 8 };

/* The classes of a byte: name_start, name_char, is_ws, is_ctrl. */
static const unsigned char cls[256] = {
    8, 8, 8, 8, 8, 8, 8, 8, 8, 4, 4, 8, 8, 4, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8,
    4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 2, 0, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 0, 0, 0, 0, 0,
    0, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 0, 0, 0, 0, 3,
    0, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 0, 0, 0, 0, 0,
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
};

static inline bool is_ws(unsigned char c)
{
    return cls[c] & C_WS;
}

static inline bool is_ctrl(unsigned char c)
{
    return cls[c] & C_CTRL;
}

/* a-z A-Z _ : and every byte >= 0x80 */
static inline bool name_start(unsigned char c)
{
    return cls[c] & C_NSTART;
}

/* name_start, 0-9 - . */
static inline bool name_char(unsigned char c)
{
    return cls[c] & C_NAME;
}

/* Scan flags for plain text: \t \n \r pass; with UTF-8 input, bytes
 * >= 0x80 stop to be checked (utf8_run). */
static unsigned scan_flags(const struct fc_xmlfix *f)
{
    return FC_SCAN_WS | (f->utf8 ? FC_SCAN_HIGH : 0);
}

/* The length of the valid UTF-8 character at p[i] that passes as is, 0
 * when do_byte must look at it (invalid, cut by the chunk, U+FFFE/F). */
static size_t utf8_run(const unsigned char *p, size_t i, size_t n)
{
    uint32_t cp = 0;
    size_t l = fc_utf8_decode(p + i, n - i, &cp);
    if (l == 0 || l == (size_t)-1 || cp == 0xFFFE || cp == 0xFFFF)
        return 0;
    return l;
}

/* utf8_run with the common two- and three-byte characters decided inline. */
static inline size_t utf8_run_fast(const unsigned char *p, size_t i, size_t n)
{
    unsigned char c = p[i];
    if (c >= 0xC2 && c <= 0xDF && n - i >= 2 && (p[i + 1] & 0xC0) == 0x80)
        return 2;
    /* E1..EC, EE: any two continuation bytes (no overlong, surrogate or
     * U+FFFE/F among them) */
    if (c >= 0xE1 && c <= 0xEE && c != 0xED && n - i >= 3 && (p[i + 1] & 0xC0) == 0x80 &&
        (p[i + 2] & 0xC0) == 0x80)
        return 3;
    return utf8_run(p, i, n);
}

/* From i, skip plain bytes and valid UTF-8 characters: the index of the
 * first byte that needs a look (a, b, c, a control, a bad sequence), or n. */
static size_t scan_run(const struct fc_xmlfix *f, const unsigned char *p, size_t i, size_t n,
                       unsigned char a, unsigned char b, unsigned char c)
{
    size_t l;
    while ((i = fc_scan(p, i, n, scan_flags(f), a, b, c)) < n && p[i] >= 0x80 &&
           (l = utf8_run(p, i, n)) != 0)
        i += l;
    return i;
}

/*
 * scan_run and emit in one pass: copy p[i..) to the output up to the first
 * byte that needs a look, and return its index.  Each 16-byte block is
 * stored as it is loaded (the output has room for all of p[i..n) first);
 * out.len then counts only the bytes before the stop.  The newlines are
 * counted on the way (upd_pos) where blocks with control bytes are looked
 * at anyway.
 */
static bool push_name(struct fc_xmlfix *f, const unsigned char *name, size_t len);
static void pop_name(struct fc_xmlfix *f);

/*
 * The tags of plain content, "<name>" and "</name>" closing the innermost
 * element, taken without leaving the text: what do_lt, do_start_tag,
 * do_tag and do_end_tag would do with them, and no more (no repair, no
 * warning).  At p[i] == '<', with f->line counted up to i.  The index
 * after the tag, or i when the slow path must look at it.
 */
static inline size_t plain_tag(struct fc_xmlfix *f, const unsigned char *p, size_t i, size_t n)
{
    size_t j = i + 1;
    if (j >= n)
        return i;
    if (p[j] == '/') { /* an end tag: the innermost element's, else do_end_tag's */
        size_t k = f->names.n;
        if (k == 0)
            return i;
        size_t len = fc_xml_names_len(&f->names, k - 1);
        const char *top = fc_xml_names_at(&f->names, k - 1);
        j = i + 2;
        if (len == 0 || n - j <= len || p[j + len] != '>')
            return i;
        /* the same bytes as the pushed name: name characters all */
        for (size_t m = 0; m < len; m++)
            if (p[j + m] != (unsigned char)top[m])
                return i;
        pop_name(f);
        return j + len + 1;
    }
    if (!name_start(p[j]) || p[j] >= 0x80)
        return i;
    unsigned char c0 = (unsigned char)(p[j] | 0x20); /* html_void's names: tag_end's look */
    if (c0 == 'i' || c0 == 'b' || c0 == 'h' || c0 == 'w')
        return i;
    unsigned char any = 0;
    while (j < n && name_char(p[j]) && j - i < MAX_NAME)
        any |= p[j++];
    if (j == n || p[j] != '>' || any >= 0x80 || f->names.n >= MAX_DEPTH - 1)
        return i;
    if (!push_name(f, p + i + 1, j - i - 1))
        return i;
    return j + 1;
}

#if defined(__GNUC__)
#define FC_ALWAYS_INLINE __attribute__((always_inline)) inline
#else
#define FC_ALWAYS_INLINE inline
#endif

#ifdef FC_SCAN_SSE2
/* copy_run's common case, kept to few live values: copy the 16-byte
 * blocks from p[i] on that hold only printable ASCII other than a, b and
 * c to w (w[k - i] is p[k]).  The index of the first other block (stored
 * too; *look: its bytes that need a look), or where fewer than 16 bytes
 * are left (*look 0). */
static FC_ALWAYS_INLINE size_t skip_clean(const unsigned char *p, size_t i, size_t n,
                                          unsigned char *w, unsigned char a, unsigned char b,
                                          unsigned char c, unsigned *look)
{
    *look = 0;
    if (n - i < 16)
        return i;
    const unsigned char *q = p + i, *end = p + n - 16;
    const __m128i k1f = _mm_set1_epi8(0x1f);
    const __m128i va = _mm_set1_epi8((char)a), vb = _mm_set1_epi8((char)b),
                  vc = _mm_set1_epi8((char)c);
    do {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)q);
        _mm_storeu_si128((__m128i *)(void *)w, v);
        __m128i bad = _mm_or_si128(_mm_cmpeq_epi8(v, va),
                                   _mm_or_si128(_mm_cmpeq_epi8(v, vb), _mm_cmpeq_epi8(v, vc)));
        unsigned m = (unsigned)_mm_movemask_epi8(_mm_andnot_si128(bad, _mm_cmpgt_epi8(v, k1f)));
        if (m != 0xFFFF) {
            *look = m ^ 0xFFFF;
            break;
        }
        q += 16;
        w += 16;
    } while (q <= end);
    return (size_t)(q - p);
}
#endif

/*
 * scan_run and emit in one pass: copy p[i..) to the output up to the first
 * byte that needs a look, and return its index.  Each 16-byte block is
 * stored as it is loaded (the output has room for all of p[i..n) first);
 * out.len then counts only the bytes before the stop.  The newlines are
 * counted on the way (upd_pos).  With tags, plain tags in content are
 * taken too (plain_tag).
 */
static FC_ALWAYS_INLINE size_t copy_run(struct fc_xmlfix *f, const unsigned char *p, size_t i,
                                        size_t n, unsigned char a, unsigned char b, unsigned char c,
                                        bool tags)
{
    struct fc_buf *o = &f->out;
    if (o->oom || (o->cap - o->len <= n - i + 16 && !fc_buf_reserve(o, n - i + 16))) {
        size_t s = i;
        i = scan_run(f, p, i, n, a, b, c);
        emit(f, p + s, i - s);
        return i;
    }
    const size_t s = i;
    unsigned char *d = (unsigned char *)o->data + o->len; /* d[k - s] is p[k] */
    const bool utf8 = f->utf8;
    count_lines(f, p, i, n);
    const bool lines = f->counted == i; /* else counted later, by upd_pos */
    unsigned long line = f->line;
    unsigned long long line_start = f->line_start;
    for (;;) {
#ifdef FC_SCAN_SSE2
        unsigned m;
        while ((i = skip_clean(p, i, n, d + (i - s), a, b, c, &m)), m) {
            /* The bytes of the block that need a look, one by one: white
             * space and valid UTF-8 characters pass where they are. */
            size_t next = i + 16;
            do {
                unsigned k = (unsigned)__builtin_ctz(m);
                unsigned char ch = p[i + k];
                if (ch == '\n') {
                    line++;
                    line_start = f->abs + i + k + 1;
                } else if (ch >= 0x80 && utf8) {
                    size_t l = utf8_run_fast(p, i + k, n);
                    if (l == 0) {
                        i += k;
                        goto stop;
                    }
                    if (k + l >= 16) { /* it runs past the block */
                        for (size_t t = i + 16; t < i + k + l; t++)
                            d[t - s] = p[t];
                        next = i + k + l;
                        break;
                    }
                    m &= ~((1u << (k + l - 1)) - 1);                /* its other bytes */
                } else if (ch != '\t' && ch != '\r' && ch < 0x80) { /* a, b, c, control */
                    i += k;
                    goto stop;
                }
                m &= m - 1;
            } while (m);
            i = next;
        }
#endif
        while (i < n && !fc_scan_stop(p[i], FC_SCAN_WS | (utf8 ? FC_SCAN_HIGH : 0), a, b, c)) {
            if (p[i] == '\n') {
                line++;
                line_start = f->abs + i + 1;
            }
            d[i - s] = p[i];
            i++;
        }
        if (i < n && p[i] >= 0x80) {
            size_t l = utf8_run_fast(p, i, n);
            if (l) {
                for (size_t t = i; t < i + l; t++)
                    d[t - s] = p[t];
                i += l;
                continue;
            }
        }
#ifdef FC_SCAN_SSE2
    stop:
#endif
        if (tags && lines && i < n && p[i] == '<' && !f->names.bytes.oom) {
            f->line = line;
            f->line_start = line_start;
            f->counted = i;
            size_t j = plain_tag(f, p, i, n);
            if (j > i) {
                /* the tag passes as it is (room: see above) */
#ifdef FC_SCAN_SSE2
                if (j - i <= 32 && n - i >= 32) {
                    _mm_storeu_si128((__m128i *)(void *)(d + (i - s)),
                                     _mm_loadu_si128((const __m128i *)(const void *)(p + i)));
                    _mm_storeu_si128((__m128i *)(void *)(d + (i - s) + 16),
                                     _mm_loadu_si128((const __m128i *)(const void *)(p + i + 16)));
                } else
#endif
                    memcpy(d + (i - s), p + i, j - i);
                f->counted = i = j;
                if (f->names.n == 0) /* the root closed: do_outside's */
                    break;
                continue;
            }
        }
        break;
    }
    o->len += i - s;
    o->data[o->len] = '\0';
    if (lines) {
        f->line = line;
        f->line_start = line_start;
        f->counted = i;
    }
    return i;
}

static void put_cp(struct fc_xmlfix *f, uint32_t cp)
{
    fc_utf8_put(&f->out, cp);
}

/* A control byte or a non-ASCII byte at p[i]: checked, repaired. */
static size_t do_byte(struct fc_xmlfix *f, const unsigned char *p, size_t i, size_t n, bool eof)
{
    unsigned char c = p[i];
    if (c < 0x80) { /* a control character XML 1.0 cannot carry */
        if (!f->ctrl_warned) {
            f->ctrl_warned = true;
            fwarn(f, p, i, "control character U+%04X removed (and any later ones)", c);
        }
        /* Removed, but after ']', '-' or '?' replaced by U+FFFD: removing
         * it could join a terminator ("]]>", "-->", "?>") the input did
         * not have, where the filter and libxml2 would then part ways.
         * The rest of a run goes with it. */
        size_t j = i + 1;
        while (j < n && is_ctrl(p[j]))
            j++;
        char last = f->out.len ? f->out.data[f->out.len - 1] : 0;
        if ((last == ']' || last == '-' || last == '?') &&
            (f->st == S_TEXT || f->st == S_CDATA || f->st == S_COMMENT || f->st == S_PI))
            put_cp(f, 0xFFFD);
        return j;
    }
    if (!f->utf8) {
        emit(f, p + i, 1);
        return i + 1;
    }
    uint32_t cp = 0;
    size_t l = fc_utf8_decode(p + i, n - i, &cp);
    if (l == (size_t)-1 && !eof) {
        f->more = true;
        return i;
    }
    if (l != 0 && l != (size_t)-1) {
        if (cp == 0xFFFE || cp == 0xFFFF) {
            fwarn(f, p, i, "non-character U+%04X replaced by U+FFFD", (unsigned)cp);
            put_cp(f, 0xFFFD);
        } else {
            emit(f, p + i, l);
        }
        return i + l;
    }
    if (!f->cp1252_warned) {
        f->cp1252_warned = true;
        fwarn(f, p, i, "bytes that are not UTF-8 (first 0x%02X here) read as windows-1252",
              (unsigned)c);
    }
    put_cp(f, c >= 0xA0 ? c : cp1252[c - 0x80] ? cp1252[c - 0x80] : 0xFFFD);
    return i + 1;
}

/* ---- entity and character references ---------------------------------- */

/* The kind ('i' internal, 'e' external) of a declared general entity, 0
 * when undeclared. */
static char ent_kind(const struct fc_xmlfix *f, const char *name, size_t len)
{
    if (!f->ents.data) /* no entity declared */
        return 0;
    const char *s = f->ents.data, *end = s + f->ents.len;
    while (s < end) {
        size_t l = strlen(s + 1);
        if (l == len && memcmp(s + 1, name, len) == 0)
            return s[0];
        s += l + 2;
    }
    return 0;
}

static bool xml_char(uint32_t v)
{
    return v == 0x9 || v == 0xA || v == 0xD || (v >= 0x20 && v <= 0xD7FF) ||
           (v >= 0xE000 && v <= 0xFFFD) || (v >= 0x10000 && v <= 0x10FFFF);
}

static size_t amp_literal(struct fc_xmlfix *f, const unsigned char *p, size_t i)
{
    fwarn(f, p, i, "unescaped '&' read as text");
    emits(f, "&amp;");
    return i + 1;
}

/* "&#...;" at p[i]. */
static size_t do_charref(struct fc_xmlfix *f, const unsigned char *p, size_t i, size_t n, bool eof)
{
    size_t j = i + 2;
    bool hex = j < n && (p[j] == 'x');
    if (hex)
        j++;
    uint32_t v = 0;
    size_t digits = 0;
    for (; j < n && j - i < MAX_REF; j++, digits++) {
        unsigned char c = p[j];
        int d = c >= '0' && c <= '9'                            ? c - '0'
                : hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10
                                                                : -1;
        if (d < 0)
            break;
        if (v <= 0x10FFFF)
            v = v * (hex ? 16 : 10) + (uint32_t)d;
    }
    if (j == n && !eof && j - i < MAX_REF) {
        f->more = true;
        return i;
    }
    if (j == n || p[j] != ';' || digits == 0)
        return amp_literal(f, p, i);
    if (!xml_char(v)) {
        fwarn(f, p, i, "character reference to U+%04lX, not an XML character, read as U+FFFD",
              (unsigned long)(v > 0x10FFFF ? 0x110000 : v));
        emits(f, "&#65533;");
    } else {
        emit(f, p + i, j + 1 - i);
    }
    return j + 1;
}

/* '&' at p[i], in text or an attribute value. */
static size_t do_amp(struct fc_xmlfix *f, const unsigned char *p, size_t i, size_t n, bool eof)
{
    if (i + 1 >= n && !eof) {
        f->more = true;
        return i;
    }
    if (i + 1 < n && p[i + 1] == '#')
        return do_charref(f, p, i, n, eof);
    size_t j = i + 1;
    if (j >= n || !name_start(p[j]) || p[j] >= 0x80)
        return amp_literal(f, p, i);
    while (j < n && j - i < MAX_REF && name_char(p[j]) && p[j] < 0x80)
        j++;
    if (j == n && !eof && j - i < MAX_REF) {
        f->more = true;
        return i;
    }
    if (j == n || p[j] != ';')
        return amp_literal(f, p, i);
    const char *name = (const char *)p + i + 1;
    size_t len = j - i - 1;
    static const char *const predefined[] = {"amp", "lt", "gt", "quot", "apos"};
    for (size_t k = 0; k < sizeof predefined / sizeof *predefined; k++)
        if (strlen(predefined[k]) == len && memcmp(predefined[k], name, len) == 0) {
            emit(f, p + i, len + 2);
            return j + 1;
        }
    char kind = ent_kind(f, name, len);
    if (kind == 'i') {
        emit(f, p + i, len + 2);
        return j + 1;
    }
    if (kind == 'e') {
        fwarn(f, p, i, "external entity '%.*s' not loaded; reference dropped", (int)len, name);
        return j + 1;
    }
    char nm[MAX_REF + 1];
    memcpy(nm, name, len);
    nm[len] = '\0';
    const htmlEntityDesc *h = htmlEntityLookup((const xmlChar *)nm);
    if (h) {
        fwarn(f, p, i, "HTML entity '&%s;' (not declared) read as U+%04X", nm, h->value);
        char ref[24];
        snprintf(ref, sizeof ref, "&#%u;", h->value);
        emits(f, ref);
        return j + 1;
    }
    if (f->ents_unknown) { /* maybe declared where we cannot see */
        emit(f, p + i, len + 2);
        return j + 1;
    }
    fwarn(f, p, i, "undeclared entity '&%s;' kept as text", nm);
    emits(f, "&amp;");
    return i + 1;
}

/* ---- elements ------------------------------------------------------------ */

static bool push_name(struct fc_xmlfix *f, const unsigned char *name, size_t len)
{
    if (!fc_xml_names_push(&f->names, NULL, (const char *)name, len, f->line)) {
        f->status = FC_ENOMEM;
        return false;
    }
    f->root_seen = true;
    return true;
}

static const char *top_name(const struct fc_xmlfix *f, size_t k)
{
    return fc_xml_names_at(&f->names, k);
}

static void pop_name(struct fc_xmlfix *f)
{
    fc_xml_names_pop(&f->names);
    if (f->names.n == 0)
        f->root_closed = true;
}

static void close_top(struct fc_xmlfix *f)
{
    emits(f, "</");
    emits(f, top_name(f, f->names.n - 1));
    emits(f, ">");
    pop_name(f);
}

/* "</" at p[i]. */
static size_t do_end_tag(struct fc_xmlfix *f, const unsigned char *p, size_t i, size_t n, bool eof)
{
    size_t j = i + 2;
    while (j < n && name_char(p[j]) && j - i < MAX_NAME)
        j++;
    size_t name_end = j;
    while (j < n && is_ws(p[j]) && j - i < MAX_NAME)
        j++;
    if (j == n && !eof && j - i < MAX_NAME) {
        f->more = true;
        return i;
    }
    if (name_end == i + 2 || !name_start(p[i + 2]) || j == n || p[j] != '>') {
        fwarn(f, p, i, "'<' that starts no markup read as text");
        emits(f, "&lt;");
        return i + 1;
    }
    const char *name = (const char *)p + i + 2;
    size_t len = name_end - i - 2;
    size_t k = f->names.n;
    while (k > 0 && !(fc_xml_names_len(&f->names, k - 1) == len &&
                      memcmp(top_name(f, k - 1), name, len) == 0))
        k--;
    if (k == 0) {
        fwarn(f, p, i, "end tag </%.*s> closes no open element; dropped", (int)len, name);
        return j + 1;
    }
    while (f->names.n > k) {
        fwarn(f, p, i, "<%s> (line %lu) not closed; closed before </%.*s>",
              top_name(f, f->names.n - 1), f->names.open[f->names.n - 1].line, (int)len, name);
        close_top(f);
    }
    emit(f, p + i, j + 1 - i);
    pop_name(f);
    return j + 1;
}

/* "<" + name start at p[i]: the name is written and pushed. */
static size_t do_start_tag(struct fc_xmlfix *f, const unsigned char *p, size_t i, size_t n,
                           bool eof)
{
    size_t j = i + 1;
    unsigned char any = 0; /* the name's bytes or-ed: >= 0x80 when not ASCII */
    while (j < n && name_char(p[j]) && j - i < MAX_NAME)
        any |= p[j++];
    if (j == n && !eof && j - i < MAX_NAME) {
        f->more = true;
        return i;
    }
    bool ok = true; /* non-ASCII name characters: UTF-8, not U+FFFE/U+FFFF */
    for (size_t k = i + 1; k < j && ok && f->utf8 && any >= 0x80;) {
        uint32_t cp = 0;
        size_t l = p[k] < 0x80 ? 1 : fc_utf8_decode(p + k, j - k, &cp);
        ok = l != 0 && l != (size_t)-1 && cp != 0xFFFE && cp != 0xFFFF;
        k += ok ? l : 0;
    }
    if (!ok || (j < n && !is_ws(p[j]) && p[j] != '>' && p[j] != '/')) {
        fwarn(f, p, i, "'<' that starts no markup read as text");
        emits(f, "&lt;");
        return i + 1;
    }
    if (f->root_closed) {
        fwarn(f, p, i, "content after the end of the root element ignored");
        f->st = S_DROP;
        return n;
    }
    if (f->names.n >= MAX_DEPTH) { /* libxml2 refuses far earlier */
        f->st = S_PASS;
        return i;
    }
    emit(f, p + i, j - i);
    count_lines(f, p, i, n); /* the line recorded for messages */
    if (!push_name(f, p + i + 1, j - i - 1))
        return n;
    f->st = S_TAG;
    f->tag = TG_SPACE;
    f->slash = false;
    return j;
}

/* ---- DOCTYPE -------------------------------------------------------------- */

static bool starts(const unsigned char *p, size_t n, const char *s)
{
    size_t l = strlen(s);
    return n >= l && memcmp(p, s, l) == 0;
}

/* Record the general entities the internal subset declares; note an
 * external subset or parameter entity references (declarations we cannot
 * see). d[0..n) is the whole DOCTYPE. */
static void scan_doctype(struct fc_xmlfix *f, const unsigned char *d, size_t n)
{
    size_t i = 9; /* "<!DOCTYPE" */
    while (i < n && d[i] != '[' && d[i] != '>') {
        if (starts(d + i, n - i, "SYSTEM") || starts(d + i, n - i, "PUBLIC"))
            f->ents_unknown = true;
        if (d[i] == '"' || d[i] == '\'') {
            const unsigned char *q = memchr(d + i + 1, d[i], n - i - 1);
            i = q ? (size_t)(q - d) : n;
        }
        i++;
    }
    while (i < n) {
        if (starts(d + i, n - i, "<!--")) {
            size_t k = i + 4;
            while (k < n && !starts(d + k, n - k, "-->"))
                k++;
            i = k + 3;
        } else if (d[i] == '"' || d[i] == '\'') {
            const unsigned char *q = memchr(d + i + 1, d[i], n - i - 1);
            i = q ? (size_t)(q - d) + 1 : n;
        } else if (d[i] == '%') {
            f->ents_unknown = true;
            i++;
        } else if (starts(d + i, n - i, "<!ENTITY")) {
            size_t k = i + 8;
            while (k < n && is_ws(d[k]))
                k++;
            if (k < n && d[k] == '%') { /* a parameter entity */
                i = k + 1;
                continue;
            }
            size_t s = k;
            while (k < n && name_char(d[k]))
                k++;
            size_t e = k;
            while (k < n && is_ws(d[k]))
                k++;
            if (e > s && k < n) {
                fc_buf_putc(&f->ents, d[k] == '"' || d[k] == '\'' ? 'i' : 'e');
                fc_buf_add(&f->ents, d + s, e - s);
                fc_buf_putc(&f->ents, '\0');
            }
            i = k;
        } else {
            i++;
        }
    }
}

/* "<!DOCTYPE" at p[i]: held whole, scanned, passed unchanged. */
static size_t do_doctype(struct fc_xmlfix *f, const unsigned char *p, size_t i, size_t n, bool eof)
{
    int depth = 0;
    size_t j = i + 9;
    f->cd_aside = false; /* entities and defaults: libxml2's tree (xml_read.h) */
    for (; j < n; j++) {
        unsigned char c = p[j];
        if (c == '"' || c == '\'') {
            const unsigned char *q = memchr(p + j + 1, c, n - j - 1);
            if (!q) {
                j = n;
                break;
            }
            j = (size_t)(q - p);
        } else if (c == '<' &&
                   (n - j < 4 ? memcmp(p + j, "<!--", n - j) == 0 : starts(p + j, n - j, "<!--"))) {
            size_t k = j + 4;
            while (k < n && !starts(p + k, n - k, "-->"))
                k++;
            if (k >= n) {
                j = n;
                break;
            }
            j = k + 2;
        } else if (c == '[') {
            depth++;
        } else if (c == ']') {
            depth--;
        } else if (c == '>' && depth <= 0) {
            break;
        }
    }
    if (j >= n) {
        if (!eof && n - i < MAX_DOCTYPE) {
            f->more = true;
            return i;
        }
        /* Too big or cut short: libxml2 judges it; we repair no more. */
        f->ents_unknown = true;
        f->st = S_PASS;
        return i;
    }
    scan_doctype(f, p + i, j + 1 - i);
    emit(f, p + i, j + 1 - i);
    return j + 1;
}

/* ---- '<' in text -------------------------------------------------------------- */

static size_t lt_literal(struct fc_xmlfix *f, const unsigned char *p, size_t i)
{
    fwarn(f, p, i, "'<' that starts no markup read as text");
    emits(f, "&lt;");
    return i + 1;
}

static size_t do_lt(struct fc_xmlfix *f, const unsigned char *p, size_t i, size_t n, bool eof)
{
    if (i + 1 >= n) {
        if (!eof) {
            f->more = true;
            return i;
        }
        return lt_literal(f, p, i);
    }
    unsigned char c = p[i + 1];
    if (c == '/')
        return do_end_tag(f, p, i, n, eof);
    if (c == '?') {
        if (f->names.n > 0) /* a real PI in content: no more records (xmlfix.h) */
            f->cd_aside = false;
        emits(f, "<?");
        f->ret_st = f->st;
        f->st = S_PI;
        return i + 2;
    }
    if (c == '!') {
        static const char *const kw[] = {"<!--", "<![CDATA[", "<!DOCTYPE"};
        for (size_t k = 0; k < 3; k++) {
            size_t l = strlen(kw[k]), have = n - i < l ? n - i : l;
            if (memcmp(p + i, kw[k], have) != 0)
                continue;
            if (have < l) {
                if (eof)
                    continue;
                f->more = true;
                return i;
            }
            if (k == 0) {
                emits(f, "<!--");
                f->ret_st = f->st;
                f->st = S_COMMENT;
                return i + 4;
            }
            if (k == 1 && f->names.n > 0) {
                if (f->cd_aside && f->utf8)
                    f->cd_open = f->out.len;
                emits(f, "<![CDATA[");
                f->st = S_CDATA;
                return i + 9;
            }
            if (k == 2 && !f->root_seen)
                return do_doctype(f, p, i, n, eof);
        }
        return lt_literal(f, p, i);
    }
    if (name_start(c))
        return do_start_tag(f, p, i, n, eof);
    return lt_literal(f, p, i);
}

/* ---- states ------------------------------------------------------------------- */

/* Content: text between markup inside the root. */
static size_t do_text(struct fc_xmlfix *f, const unsigned char *p, size_t i, size_t n, bool eof)
{
    /* a ']' passes unless it starts "]]>" (or may, at the chunk's end) */
    while ((i = copy_run(f, p, i, n, '&', '<', ']', true)) < n && f->names.n > 0 && p[i] == ']' &&
           !(i + 2 < n && p[i + 1] == ']' && p[i + 2] == '>') && (i + 2 < n || eof)) {
        emit(f, p + i, 1);
        i++;
    }
    if (i == n || f->names.n == 0) /* plain_tag closed the root */
        return i;
    switch (p[i]) {
    case '&':
        return do_amp(f, p, i, n, eof);
    case '<':
        return do_lt(f, p, i, n, eof);
    case ']':
        if (i + 2 >= n) { /* maybe "]]>" cut by the chunk */
            f->more = true;
            return i;
        }
        fwarn(f, p, i, "']]>' in text escaped");
        emits(f, "]]&gt;");
        return i + 3;
    default:
        return do_byte(f, p, i, n, eof);
    }
}

/* Outside the root: whitespace, comments, PIs, the DOCTYPE, the root. */
static size_t do_outside(struct fc_xmlfix *f, const unsigned char *p, size_t i, size_t n, bool eof)
{
    size_t s = i;
    while (i < n && is_ws(p[i]))
        i++;
    emit(f, p + s, i - s);
    if (i == n)
        return i;
    if (p[i] == '<') {
        if (i + 1 >= n && !eof) {
            f->more = true;
            return i;
        }
        unsigned char c = i + 1 < n ? p[i + 1] : 0;
        if (c == '/' || c == '?' || c == '!' || name_start(c))
            return do_lt(f, p, i, n, eof);
        i++; /* a '<' that starts nothing: junk like the text */
    }
    if (f->root_closed) {
        fwarn(f, p, i, "content after the end of the root element ignored");
        f->st = S_DROP;
        return n;
    }
    if (!f->junk_warned) {
        f->junk_warned = true;
        fwarn(f, p, i, "text before the root element skipped");
    }
    const unsigned char *lt = memchr(p + i, '<', n - i);
    return lt ? (size_t)(lt - p) : n;
}

/* Inside a start tag, after the name. */
/* HTML elements that never have content, in any feed vocabulary either
 * (not link, meta or source: RSS has those with content). */
static bool html_void(const char *name)
{
    static const char *const v[] = {"img", "br", "hr", "input", "wbr"};
    unsigned char c0 = (unsigned char)(name[0] | 0x20); /* most names start with none of these */
    if (c0 != 'i' && c0 != 'b' && c0 != 'h' && c0 != 'w')
        return false;
    for (size_t k = 0; k < sizeof v / sizeof *v; k++)
        if (fc_strcasecmp(name, v[k]) == 0)
            return true;
    return false;
}

/* The start tag is written out: content follows (or, for <x/>, its parent's). */
static void start_done(struct fc_xmlfix *f)
{
    f->st = S_TEXT;
    if (f->slash)
        pop_name(f);
}

/* A start tag's end ('>' at p[i]); <br> and the like as HTML means them. */
static size_t tag_end(struct fc_xmlfix *f, const unsigned char *p, size_t i)
{
    if (!f->slash && f->names.n > 1 && html_void(top_name(f, f->names.n - 1))) {
        fwarn(f, p, i, "HTML <%s> without '/>'; closed", top_name(f, f->names.n - 1));
        emits(f, "/>");
        f->st = S_TEXT;
        pop_name(f);
        return i + 1;
    }
    emits(f, ">");
    start_done(f);
    return i + 1;
}

/* A quoted attribute value opens at p[i]. */
static size_t open_value(struct fc_xmlfix *f, const unsigned char *p, size_t i)
{
    emit(f, p + i, 1);
    f->quote = (char)p[i];
    f->st = S_ATTR;
    f->tag = TG_VALUE_END;
    return i + 1;
}

/*
 * Inside a start tag, after its name.  Attributes as HTML writes them are
 * made XML: an unquoted value is quoted (href=/a -> href="/a"), a value
 * left out gets an empty one (<option selected>), a missing space between
 * attributes is put back; one warning each.
 */
static size_t do_attr(struct fc_xmlfix *f, const unsigned char *p, size_t i, size_t n, bool eof);

static size_t do_tag(struct fc_xmlfix *f, const unsigned char *p, size_t i, size_t n, bool eof)
{
    size_t s = i;
    while (i < n) {
        unsigned char c = p[i];
        if (is_ctrl(c) || (c >= 0x80 && f->utf8))
            break; /* do_byte checks it; the state stays */
        if (f->tag == TG_SPACE && name_start(c) && c < 0x80 && f->status == FC_OK) {
            /* name="value": what the byte steps below and do_attr do,
             * without going round the driver (no repair in it) */
            size_t j = i + 1;
            while (j < n && name_char(p[j]) && p[j] < 0x80)
                j++;
            if (n - j > 1 && p[j] == '=' && (p[j + 1] == '"' || p[j + 1] == '\'')) {
                f->slash = false;
                emit(f, p + s, j + 1 - s);
                i = open_value(f, p, j + 1);
                if (f->out.oom || f->names.bytes.oom)
                    return i;
                i = do_attr(f, p, i, n, eof);
                if (f->st != S_TAG || f->status != FC_OK || f->out.oom || f->names.bytes.oom)
                    return i; /* where the driver would stop */
                s = i;
                continue;
            }
        }
        switch (f->tag) {
        case TG_NAME: /* an attribute's name */
            if (name_char(c)) {
                i++;
                continue;
            }
            f->tag = TG_AFTER;
            continue;
        case TG_AFTER: /* after an attribute's name */
            if (is_ws(c)) {
                i++;
                continue;
            }
            if (c == '=') {
                i++;
                f->tag = TG_EQ;
                continue;
            }
            emit(f, p + s, i - s);
            s = i;
            fwarn(f, p, i, "attribute without a value; given an empty one");
            emits(f, name_start(c) ? "=\"\" " : "=\"\"");
            f->tag = TG_SPACE;
            continue;
        case TG_EQ: /* after '=' */
            if (is_ws(c)) {
                i++;
                continue;
            }
            if (c == '"' || c == '\'') {
                emit(f, p + s, i - s);
                return open_value(f, p, i);
            }
            emit(f, p + s, i - s);
            s = i;
            if (c == '>' || c == '<' || c == '/') {
                fwarn(f, p, i, "attribute without a value; given an empty one");
                emits(f, "\"\"");
                f->tag = TG_SPACE;
                continue;
            }
            fwarn(f, p, i, "attribute value without quotes; quoted");
            emits(f, "\"");
            f->tag = TG_UNQ;
            continue;
        case TG_UNQ: /* an unquoted value: to white space or '>' */
            if (!is_ws(c) && c != '>' && c != '"' && c != '<' && c != '&') {
                i++;
                continue;
            }
            emit(f, p + s, i - s);
            s = i;
            if (c == '&')
                return do_amp(f, p, i, n, eof);
            if (c == '"' || c == '<') {
                emits(f, c == '"' ? "&quot;" : "&lt;");
                s = ++i;
                continue;
            }
            emits(f, "\"");
            f->tag = TG_SPACE;
            continue;
        case TG_VALUE_END: /* right after a quoted value */
            f->tag = TG_SPACE;
            if (name_start(c)) {
                emit(f, p + s, i - s);
                s = i;
                fwarn(f, p, i, "no space between attributes; one added");
                emits(f, " ");
            }
            continue;
        default: /* TG_SPACE: between attributes */
            break;
        }
        if (c == '>' || c == '"' || c == '\'' || c == '<')
            break;
        if (c == '/') {
            f->slash = true;
        } else if (!is_ws(c)) {
            f->slash = false;
            if (name_start(c))
                f->tag = TG_NAME;
        }
        i++;
    }
    emit(f, p + s, i - s);
    if (i == n)
        return i;
    unsigned char c = p[i];
    if (is_ctrl(c) || c >= 0x80)
        return do_byte(f, p, i, n, eof);
    if (c == '>')
        return tag_end(f, p, i);
    if (c == '"' || c == '\'')
        return open_value(f, p, i);
    /* '<' */
    fwarn(f, p, i, "start tag <%s> not terminated; closed", top_name(f, f->names.n - 1));
    emits(f, ">");
    start_done(f);
    return i;
}

/* Inside a quoted attribute value. */
static size_t do_attr(struct fc_xmlfix *f, const unsigned char *p, size_t i, size_t n, bool eof)
{
    unsigned char q = (unsigned char)f->quote;
    i = copy_run(f, p, i, n, q, '&', '<', false);
    if (i == n)
        return i;
    unsigned char c = p[i];
    if (c == q) {
        emit(f, p + i, 1);
        f->st = S_TAG;
        return i + 1;
    }
    if (c == '&')
        return do_amp(f, p, i, n, eof);
    if (c == '<') {
        fwarn(f, p, i, "'<' in an attribute value escaped");
        emits(f, "&lt;");
        return i + 1;
    }
    return do_byte(f, p, i, n, eof);
}

/* The CDATA section that started at out offset cd_open has ended: its
 * text becomes a record, the section the placeholder (xmlfix.h). */
static void set_aside(struct fc_xmlfix *f)
{
    const size_t at = f->cd_open, s = at + 9, len = f->out.len - s;
    f->cd_open = SIZE_MAX;
    const char *t = f->out.data + s;
    if (len > FC_XMLFIX_CD_MAX || memchr(t, '\r', len)) {
        emits(f, "]]>");
        return;
    }
    struct fc_xmlfix_cd r = {at, len, 0, len};
    for (const char *q = t, *e = t + len; (q = memchr(q, '\n', (size_t)(e - q))) != NULL; q++) {
        r.nl++;
        r.tail = (size_t)(e - q) - 1;
    }
    size_t size = FC_XMLFIX_CD_SIZE(len);
    if (!fc_buf_reserve(&f->cd, size)) {
        f->cd.oom = true;
        return;
    }
    char *d = f->cd.data + f->cd.len;
    memcpy(d, &r, sizeof r);
    memcpy(d + sizeof r, t, len);
    memset(d + sizeof r + len, 0, size - sizeof r - len);
    f->cd.len += size;
    f->out.len = at;
    emits(f, FC_XMLFIX_CD_PI);
}

/* Comments, CDATA, PIs: pass until the terminator. */
static size_t do_until(struct fc_xmlfix *f, const unsigned char *p, size_t i, size_t n, bool eof,
                       const char *term, int next)
{
    size_t tl = strlen(term);
    unsigned char t0 = (unsigned char)term[0];
    i = copy_run(f, p, i, n, t0, t0, t0, false);
    if (i == n)
        return i;
    if (p[i] != t0)
        return do_byte(f, p, i, n, eof);
    if (n - i < tl && !eof && memcmp(p + i, term, n - i) == 0) {
        f->more = true;
        return i;
    }
    if (starts(p + i, n - i, term)) {
        if (f->cd_open != SIZE_MAX && f->st == S_CDATA)
            set_aside(f);
        else
            emit(f, p + i, tl);
        f->st = next;
        return i + tl;
    }
    emit(f, p + i, 1);
    return i + 1;
}

/* ---- the start: encodings, junk, the XML declaration ----------------------- */

static bool enc_is(const char *e, const char *const *names)
{
    for (; *names; names++)
        if (fc_strcasecmp(e, *names) == 0)
            return true;
    return false;
}

/* True when p[0..n) holds UTF-8 multibyte sequences and no invalid ones. */
static bool looks_utf8(const unsigned char *p, size_t n)
{
    bool multi = false;
    for (size_t i = 0; i < n;) {
        if (p[i] < 0x80) {
            i++;
            continue;
        }
        uint32_t cp;
        size_t l = fc_utf8_decode(p + i, n - i, &cp);
        if (l == (size_t)-1)
            break;
        if (l == 0)
            return false;
        multi = true;
        i += l;
    }
    return multi;
}

/* "<?xml" at p[i]: the declaration, its encoding checked. */
static size_t do_decl(struct fc_xmlfix *f, const unsigned char *p, size_t i, size_t n, bool eof)
{
    size_t e = i + 5;
    while (e + 1 < n && !(p[e] == '?' && p[e + 1] == '>') && e - i < MAX_NAME)
        e++;
    if (e + 1 >= n || e - i >= MAX_NAME) {
        if (!eof && e - i < MAX_NAME) {
            f->more = true;
            return i;
        }
        f->st = S_TEXT; /* libxml2 will say what is wrong with it */
        return i;
    }
    e += 2;
    /* encoding="..." */
    size_t vs = 0, ve = 0;
    for (size_t k = i + 5; k + 9 < e; k++) {
        if (memcmp(p + k, "encoding", 8) != 0)
            continue;
        size_t m = k + 8;
        while (m < e && is_ws(p[m]))
            m++;
        if (m < e && p[m] == '=')
            m++;
        while (m < e && is_ws(p[m]))
            m++;
        if (m < e && (p[m] == '"' || p[m] == '\'')) {
            const unsigned char *q = memchr(p + m + 1, p[m], e - m - 1);
            if (q) {
                vs = m + 1;
                ve = (size_t)(q - p);
            }
        }
        break;
    }
    char enc[64] = "";
    if (ve > vs && ve - vs < sizeof enc) {
        memcpy(enc, p + vs, ve - vs);
        enc[ve - vs] = '\0';
    }
    static const char *const utf8[] = {"UTF-8", "UTF8", NULL};
    static const char *const wide[] = {
        "UTF-16", "UTF-16LE",        "UTF-16BE",        "UTF-32",  "UTF-32LE", "UTF-32BE", "UCS-2",
        "UCS-4",  "ISO-10646-UCS-2", "ISO-10646-UCS-4", "UNICODE", "UTF16",    NULL};
    static const char *const latin[] = {
        "ISO-8859-1",   "ISO_8859-1", "LATIN1",   "LATIN-1", "ISO-8859-15",
        "WINDOWS-1252", "CP1252",     "US-ASCII", "ASCII",   NULL};
    bool rewrite = false;
    if (!*enc || enc_is(enc, utf8)) {
        f->utf8 = true;
    } else if (enc_is(enc, wide)) {
        fwarn(f, p, vs, "declared encoding '%s' but the bytes are 8-bit; read as UTF-8", enc);
        rewrite = true;
    } else if (enc_is(enc, latin) && looks_utf8(p + e, n - e)) {
        fwarn(f, p, vs, "declared encoding '%s' but the bytes are UTF-8; read as UTF-8", enc);
        rewrite = true;
    } else {
        xmlCharEncodingHandlerPtr h = xmlFindCharEncodingHandler(enc);
        if (h) {
            xmlCharEncCloseFunc(h);
            f->utf8 = false; /* libxml2 decodes; we repair the markup only */
        } else {
            fwarn(f, p, vs, "unknown encoding '%s'; read as UTF-8", enc);
            rewrite = true;
        }
    }
    if (rewrite) {
        f->utf8 = true;
        emit(f, p + i, vs - i);
        emits(f, "UTF-8");
        emit(f, p + ve, e - ve);
    } else {
        emit(f, p + i, e - i);
    }
    for (; f->junk_lines > 0; f->junk_lines--)
        emits(f, "\n");
    f->st = S_TEXT;
    return e;
}

static size_t count_nl(const unsigned char *p, size_t n)
{
    size_t c = 0;
    const unsigned char *nl, *e = p + n;
    while (p < e && (nl = memchr(p, '\n', (size_t)(e - p))) != NULL)
        c++, p = nl + 1;
    return c;
}

/* A real XML declaration at p[0..n): "<?xml" S "version". */
static bool is_decl(const unsigned char *p, size_t n)
{
    if (!starts(p, n, "<?xml") || n < 6 || !is_ws(p[5]))
        return false;
    size_t k = 5;
    while (k < n && is_ws(p[k]))
        k++;
    return starts(p + k, n - k, "version");
}

/* Where a real XML declaration starts in p[from..n), or n. */
static size_t find_decl(const unsigned char *p, size_t from, size_t n)
{
    for (size_t i = from; i < n;) {
        const unsigned char *lt = memchr(p + i, '<', n - i);
        if (!lt)
            break;
        i = (size_t)(lt - p);
        if (is_decl(p + i, n - i))
            return i;
        i++;
    }
    return n;
}

/* The declaration at p[d] is complete ("?>" seen) or cannot be. */
static bool decl_ready(const unsigned char *p, size_t d, size_t n, bool eof)
{
    for (size_t k = d; k + 1 < n && k - d < MAX_NAME; k++)
        if (p[k] == '?' && p[k + 1] == '>')
            return true;
    return eof || n - d >= MAX_NAME;
}

/* The first bytes: the encoding family, a BOM, junk before the XML
 * declaration (a PHP warning printed by the server), the declaration. */
static size_t do_start(struct fc_xmlfix *f, const unsigned char *p, size_t n, bool eof)
{
    /* Decide on a good look at the start: encoding checks and the junk
     * search see the same bytes however the input is chunked. */
    if (n < JUNK_WINDOW && !eof) {
        f->more = true;
        return 0;
    }
    /* UTF-16/32 (BOM or "<" as 00 3C / 3C 00) and EBCDIC: libxml2's. */
    if (n >= 2 && ((p[0] == 0xFE && p[1] == 0xFF) || (p[0] == 0xFF && p[1] == 0xFE) || p[0] == 0 ||
                   p[1] == 0 || (p[0] == 0x4C && p[1] == 0x6F))) {
        f->st = S_PASS;
        return 0;
    }
    size_t i = n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF ? 3 : 0;
    size_t w = i;
    while (w < n && is_ws(p[w]))
        w++;
    size_t window = n < JUNK_WINDOW ? n : JUNK_WINDOW;
    size_t d = is_decl(p + w, n - w) ? w : find_decl(p, w, window);
    if ((d == window && !eof && n < JUNK_WINDOW) || (d < window && !decl_ready(p, d, n, eof))) {
        f->more = true;
        return 0;
    }
    emit(f, p, i); /* the BOM */
    f->st = S_TEXT;
    if (d == window)
        return i; /* no declaration: UTF-8; text before the root is junk */
    if (d > w)
        fwarn(f, p, w, "%zu bytes before the XML declaration skipped", d - w);
    else if (w > i)
        fwarn(f, p, i, "whitespace before the XML declaration skipped");
    f->junk_lines = (unsigned long)count_nl(p + i, d - i);
    return do_decl(f, p, d, n, eof);
}

/* ---- driver ---------------------------------------------------------------- */

static size_t step(struct fc_xmlfix *f, const unsigned char *p, size_t i, size_t n, bool eof)
{
    switch (f->st) {
    case S_START:
        return i == 0 ? do_start(f, p, n, eof) : i;
    case S_PASS:
        emit(f, p + i, n - i);
        return n;
    case S_TEXT:
        return f->names.n == 0 ? do_outside(f, p, i, n, eof) : do_text(f, p, i, n, eof);
    case S_TAG:
        return do_tag(f, p, i, n, eof);
    case S_ATTR:
        return do_attr(f, p, i, n, eof);
    case S_COMMENT:
        return do_until(f, p, i, n, eof, "-->", f->ret_st);
    case S_CDATA:
        if (f->cd_open != SIZE_MAX && f->out.len - f->cd_open > FC_XMLFIX_CD_MAX + 9)
            f->cd_open = SIZE_MAX; /* too long to hold: it passes */
        return do_until(f, p, i, n, eof, "]]>", S_TEXT);
    case S_PI:
        return do_until(f, p, i, n, eof, "?>", f->ret_st);
    default: /* S_DROP */
        return n;
    }
}

/* The input ended: finish the open token, close the open elements. */
static void finish(struct fc_xmlfix *f, const unsigned char *p, size_t n)
{
    static const char *const close[] = {
        [S_TAG] = ">", [S_ATTR] = "\">", [S_COMMENT] = "-->", [S_CDATA] = "]]>", [S_PI] = "?>"};
    f->cd_open = SIZE_MAX; /* a section cut by the end passes, closed */
    if (f->st == S_PASS || f->st == S_START || f->st == S_DROP)
        return;
    if (f->truncation_is_error && (f->st != S_TEXT || f->names.n > 0)) {
        upd_pos(f, p, n);
        f->fail_line = f->line;
        f->fail_col = (unsigned long)(f->abs + n - f->line_start + 1);
        if (f->names.n > 0)
            snprintf(f->fail_msg, sizeof f->fail_msg,
                     "the input ends inside <%s> (line %lu): truncated? (--keep-going converts "
                     "the complete posts)",
                     top_name(f, f->names.n - 1), f->names.open[f->names.n - 1].line);
        else
            snprintf(f->fail_msg, sizeof f->fail_msg,
                     "the input ends inside a tag, comment or CDATA section: truncated?");
        f->status = FC_EPARSE;
        return;
    }
    if (f->st != S_TEXT) {
        fwarn(f, p, n, "the input ends inside a tag, comment or CDATA section; closed");
        if (f->st == S_ATTR) {
            emit(f, &f->quote, 1);
            emits(f, ">");
        } else if (f->st == S_TAG && f->tag != TG_SPACE && f->tag != TG_VALUE_END) {
            emits(f, f->tag == TG_UNQ ? "\">" : f->tag == TG_EQ ? "\"\">" : "=\"\">");
        } else {
            emits(f, close[f->st]);
        }
        if ((f->st == S_TAG || f->st == S_ATTR) && f->slash)
            pop_name(f);
        f->st = S_TEXT;
    }
    if (f->names.n > 0) {
        fwarn(f, p, n, "the input ends inside <%s> (line %lu); %zu open element(s) closed",
              top_name(f, f->names.n - 1), f->names.open[f->names.n - 1].line, f->names.n);
        while (f->names.n > 0)
            close_top(f);
    }
}

enum fc_status fc_xmlfix_push(struct fc_xmlfix *f, const char *in, size_t n, bool eof)
{
    if (f->status != FC_OK)
        return f->status;
    /* Nothing held back: work on the caller's bytes, no copy. */
    bool direct = f->hold.len == 0 && n > 0;
    if (!direct && n > 0)
        fc_buf_add(&f->hold, in, n);
    const unsigned char *p =
        direct ? (const unsigned char *)in : (const unsigned char *)f->hold.data;
    size_t len = direct ? n : f->hold.len, i = 0;
    f->more = false;
    while (i < len && f->status == FC_OK && !f->more && !f->hold.oom && !f->out.oom &&
           !f->names.bytes.oom) {
        int st = f->st;
        size_t r = step(f, p, i, len, eof);
        if (r == i && st == f->st && !f->more)
            break; /* no progress: cannot happen, but never loop */
        i = r;
    }
    if (f->hold.oom || f->out.oom || f->names.bytes.oom || f->ents.oom || f->cd.oom)
        f->status = FC_ENOMEM;
    if (eof && f->status == FC_OK && i < len && f->st != S_PASS) {
        /* Only a token that could not be decided is left; with the input
         * at its end, drop it (every handler decides at eof, so this is
         * a safety net). */
        fwarn(f, p, i, "%zu bytes at the end of the input dropped", len - i);
        i = len;
    } else if (eof && i < len) {
        emit(f, p + i, len - i);
        i = len;
    }
    if (eof && f->status == FC_OK)
        finish(f, p, len);
    if (f->hold.oom || f->out.oom || f->names.bytes.oom || f->ents.oom || f->cd.oom)
        f->status = FC_ENOMEM;
    /* Drop the consumed bytes, keeping the position. */
    upd_pos(f, p, i);
    f->abs += i;
    f->counted -= i;
    if (direct) {
        if (i < len)
            fc_buf_add(&f->hold, p + i, len - i);
    } else {
        if (i > 0 && i < len)
            memmove(f->hold.data, f->hold.data + i, len - i);
        f->hold.len = len - i;
    }
    if (f->hold.oom && f->status == FC_OK)
        f->status = FC_ENOMEM;
    return f->status;
}

size_t fc_xmlfix_ready(const struct fc_xmlfix *f)
{
    return f->cd_open == SIZE_MAX ? f->out.len : f->cd_open;
}

void fc_xmlfix_compact(struct fc_xmlfix *f)
{
    size_t k = f->out_pos;
    if (k == 0)
        return;
    if (f->out.len > k)
        memmove(f->out.data, f->out.data + k, f->out.len - k + 1);
    f->out.len -= k;
    f->out_pos = 0;
    if (f->cd_open != SIZE_MAX)
        f->cd_open -= k;
    /* the records left are all past the bytes taken */
    for (size_t e = f->cd_pos; e < f->cd.len;) {
        struct fc_xmlfix_cd *r = (struct fc_xmlfix_cd *)(void *)(f->cd.data + e);
        r->at -= k;
        e += FC_XMLFIX_CD_SIZE(r->len);
    }
}

bool fc_xmlfix_take_cd(struct fc_xmlfix *f, size_t end, struct fc_buf *dst)
{
    size_t s = f->cd_pos, e = s;
    while (e < f->cd.len) {
        const struct fc_xmlfix_cd *r = (const struct fc_xmlfix_cd *)(const void *)(f->cd.data + e);
        if (r->at >= end)
            break;
        e += FC_XMLFIX_CD_SIZE(r->len);
    }
    if (e > s) {
        fc_buf_add(dst, f->cd.data + s, e - s);
        if (dst->oom)
            return false;
    }
    f->cd_pos = e;
    if (e == f->cd.len)
        f->cd.len = f->cd_pos = 0;
    return true;
}
