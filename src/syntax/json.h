/*
 * json.h - JSON plumbing shared by the formats: values (jansson's json_t)
 * parsed quickly and dumped (json.c), a streaming scanner that cuts one
 * value at a time out of a document read in chunks (json_scan.c), and a
 * writer of indented JSON text in the bytes jansson prints (json_write.c).
 * The JSON Feed format and the `_feedconv` codec build on them.
 */
#ifndef FC_SYNTAX_JSON_H
#define FC_SYNTAX_JSON_H

#include "internal.h"

#include <jansson.h>

/* ---- values (json.c) ---------------------------------------------- */

/* Compact text of extension values: non-integer numbers keep 15
 * significant digits (17 would turn 0.1 into 0.10000000000000001). */
#define FC_JSON_COMPACT                                                                            \
    (JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENCODE_ANY | JSON_REAL_PRECISION(15))

/* The JSON value in text[0..n) as json_loadb(JSON_DECODE_ANY |
 * JSON_REJECT_DUPLICATES) would build it, for the JSON jansson takes
 * without a word (valid UTF-8, no \u0000, no duplicate keys, nesting up
 * to 64), without jansson's byte-at-a-time lexer; NULL for anything else
 * (errors, duplicate keys, deep nesting, no memory): then json_loadb
 * decides.  The caller owns the value. */
json_t *fc_json_parse_quick(const char *text, size_t n);

/* True when s[0..n) is JSON that json_loadb(JSON_DECODE_ANY) has no
 * reason to refuse but memory: its failure on such text is ENOMEM (jansson
 * reports some as syntax errors).  Allocates nothing. */
bool fc_json_surely_valid(const char *s, size_t n);

/* json_loadb(s, n, flags) (flags include JSON_DECODE_ANY), through the
 * quick parser when it takes the text.  On failure *nomem tells a failure
 * for want of memory (jansson may give no error text or call it a syntax
 * error) from text jansson refuses, whose reason is in *e.  The caller
 * owns the value. */
json_t *fc_json_load(const char *s, size_t n, size_t flags, json_error_t *e, bool *nomem);

/* v as JSON text (FC_JSON_COMPACT, or flags) in arena a; NULL on ENOMEM.
 * Not json_dumps: jansson ignores a failed key write there (the key goes
 * missing and the call succeeds); the buffer's oom sticks. */
char *fc_json_dump(struct fc_arena *a, const json_t *v, size_t flags);

/* Append v's text (flags as for json_dumps) to b; false on ENOMEM. */
bool fc_json_dump_buf(struct fc_buf *b, const json_t *v, size_t flags);

/* "an object", "a string", ...: what v is, for messages. */
const char *fc_json_type_name(const json_t *v);

static inline bool fc_json_is_ws(int c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The value of hex digit c (a byte, or -1), -1 for anything else. */
static inline int fc_json_hex(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c |= 0x20;
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* ---- the streaming scanner (json_scan.c) --------------------------- */

/*
 * A document read from a stream in chunks and walked a token at a time:
 * the caller steps through the structure it streams (JSON Feed's top
 * object and "items"), and each value it wants whole is cut out by a
 * string-aware bracket count and parsed alone, so memory holds one value
 * (at most FC_JSON_VALUE_MAX bytes).  Positions are counted as jansson
 * counts them (lines; columns in code points), so its errors inside a
 * value are moved to where the value is in the document.  Failures stick
 * in st (whose file names the input) and are returned.
 */
#define FC_JSON_VALUE_MAX ((size_t)64 << 20)

struct fc_json_scanner {
    struct fc_input *in;
    struct fc_sticky *st;
    struct fc_buf b; /* [pos, b.len) not consumed yet */
    size_t pos;
    bool eof, compact;       /* compact: consumed bytes may be dropped */
    size_t total, max;       /* bytes read, the input limit */
    unsigned long line, col; /* of b.data[pos]: its line, code points before it on it */
    unsigned max_depth;
    size_t sbytes; /* bytes the strings of the value being cut decode to */
};

/* Start scanning in (max: bytes of input, max_depth: nesting allowed). */
void fc_json_scan_init(struct fc_json_scanner *s, struct fc_input *in, struct fc_sticky *st,
                       size_t max, unsigned max_depth);
void fc_json_scan_free(struct fc_json_scanner *s);
/* Make byte pos + k available; *c = it, or -1 at the end of input. */
enum fc_status fc_json_scan_at(struct fc_json_scanner *s, size_t k, int *c);
/* Read the rest of the input into s->b. */
enum fc_status fc_json_scan_all(struct fc_json_scanner *s);
/* Line and column (jansson's) after the bytes [pos, pos + k). */
void fc_json_scan_pos_after(const struct fc_json_scanner *s, size_t k, unsigned long *line,
                            unsigned long *col);
/* Consume k bytes. */
void fc_json_scan_advance(struct fc_json_scanner *s, size_t k);
/* Consume white space. */
enum fc_status fc_json_scan_ws(struct fc_json_scanner *s);
/* Bytes of the string starting at pos (with its quotes) in *n; *n = 0
 * when it does not end (the rest of the input is then available).
 * FC_ELIMIT, without a message, past FC_JSON_VALUE_MAX. */
enum fc_status fc_json_scan_string(struct fc_json_scanner *s, size_t *n);
/* Parse the n bytes at pos (not consumed).  Duplicate keys are refused
 * until *dups_ok; the first is a warning, then *dups_ok is set and the
 * last value is kept. */
enum fc_status fc_json_scan_load(struct fc_json_scanner *s, size_t n, bool *dups_ok, json_t **v);
/* The value at pos, `depth` levels down (the document is 1), parsed and
 * consumed; `what` names it in a size error ("items[3]"). */
enum fc_status fc_json_scan_parse(struct fc_json_scanner *s, unsigned depth, const char *what,
                                  bool *dups_ok, json_t **v);
/* A syntax error at the token at pos, worded as jansson words it. */
enum fc_status fc_json_scan_syntax(struct fc_json_scanner *s, const char *msg);
/* FC_ELIMIT: `what` is larger than FC_JSON_VALUE_MAX. */
enum fc_status fc_json_scan_too_big(struct fc_json_scanner *s, const char *what);
/* FC_ELIMIT at line:col: nesting deeper than s->max_depth. */
enum fc_status fc_json_scan_too_deep(struct fc_json_scanner *s, unsigned long line,
                                     unsigned long col);

/* ---- writing JSON text (json_write.c) ------------------------------ */

/*
 * Indented JSON text written directly (no jansson tree) into buf, in the
 * bytes json_dumps(JSON_INDENT(2) | JSON_PRESERVE_ORDER) prints: `"` and
 * `\` escaped, \b \f \n \r \t short, other controls \u00XX (upper-case
 * hex); "/", DEL, U+2028/2029 and all other UTF-8 as is.  `depth`
 * containers are open, so members are indented by 2 * depth.  A
 * container is empty while the last byte written is its opening bracket
 * (or nothing was written since start, for a buffer holding members
 * only).  Failures are buf's sticky oom.
 */
struct fc_json_writer {
    struct fc_buf *buf;
    size_t start;
    unsigned depth;
};

/* s[0..n) (valid UTF-8) as the inside of a JSON string. */
void fc_json_escape(struct fc_buf *b, const char *s, size_t n);
/* fc_json_escape of s[0..n) when it is valid UTF-8, checked on the way
 * (one pass); false at the first byte that is not, b then partly written. */
bool fc_json_escape_utf8(struct fc_buf *b, const char *s, size_t n);
/* Nothing written into the innermost container yet. */
bool fc_json_first(const struct fc_json_writer *w);
/* The separator, newline and indentation of a member, and its key (NULL
 * in an array); key is trusted to be valid UTF-8. */
void fc_json_key(struct fc_json_writer *w, const char *key);
/* Open an object ('{') or array ('['); returns the mark fc_json_close needs. */
size_t fc_json_open(struct fc_json_writer *w, const char *key, char open);
/* Close what fc_json_open opened; an empty one is dropped (key and all)
 * unless keep_empty. */
void fc_json_close(struct fc_json_writer *w, size_t mark, char close, bool keep_empty);
/* w[key] = the members or elements held in sub (written at depth + 1),
 * when there are any. */
void fc_json_splice(struct fc_json_writer *w, const char *key, char open, const struct fc_buf *sub);
/* w[key] = s (valid UTF-8) as a string. */
void fc_json_str(struct fc_json_writer *w, const char *key, const char *s, size_t n);
/* fc_json_str when s is valid UTF-8; else false with nothing written. */
bool fc_json_str_utf8(struct fc_json_writer *w, const char *key, const char *s, size_t n);
/* w[key] = s written as is (a literal: true, 12). */
void fc_json_raw(struct fc_json_writer *w, const char *key, const char *s);
void fc_json_int(struct fc_json_writer *w, const char *key, long long n);
/* w[key] = v, as json_dumps(JSON_INDENT(2) | JSON_PRESERVE_ORDER |
 * JSON_REAL_PRECISION(15)) prints it at w's depth (strings in v are valid
 * UTF-8: jansson checks them). */
void fc_json_value(struct fc_json_writer *w, const char *key, const json_t *v);

#endif
