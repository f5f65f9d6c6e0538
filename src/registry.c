/*
 * registry.c - the table of formats, lookup and detection by bidding.
 *
 * Adding a format is its file (src/formats/<name>.c, defining
 * `const struct fc_format fc_format_<name>`) and one entry in FC_FORMATS
 * below; nothing else names it.  Table order is the order of fc_formats()
 * and breaks ties between equal detection bids.
 */
#include "internal.h"

#include <stdio.h>
#include <string.h>

#define FC_FORMATS(X) X(wxr) X(rss) X(atom) X(jsonfeed) X(markdown) X(jsonl)

#define FC_FORMAT_DECLARE(name) extern const struct fc_format fc_format_##name;
FC_FORMATS(FC_FORMAT_DECLARE)

#define FC_FORMAT_ENTRY(name) &fc_format_##name,
static const struct fc_format *const formats[] = {FC_FORMATS(FC_FORMAT_ENTRY) NULL};

const struct fc_format *const *fc_formats(void)
{
    return formats;
}

const struct fc_format *fc_format_find(const char *name)
{
    if (!name)
        return NULL;
    for (size_t i = 0; formats[i]; i++) {
        if (fc_strcasecmp(formats[i]->name, name) == 0)
            return formats[i];
        for (const char *const *a = formats[i]->aliases; a && *a; a++)
            if (fc_strcasecmp(*a, name) == 0)
                return formats[i];
    }
    return NULL;
}

const struct fc_format *fc_format_for_path(const char *path)
{
    if (!path)
        return NULL;
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t n = strlen(base);
    for (size_t i = 0; formats[i]; i++) {
        for (const char *const *e = formats[i]->extensions; e && *e; e++) {
            size_t m = strlen(*e);
            if (n > m && fc_strcasecmp(base + n - m, *e) == 0)
                return formats[i];
        }
    }
    return NULL;
}

/*
 * Detectors read ASCII markup.  A UTF-16 document (with a BOM, or starting
 * "<" "\0" / "\0" "<") is narrowed to its low bytes for bidding: the
 * markup that decides is ASCII, and the readers themselves decode it.
 */
static size_t narrow_utf16(const unsigned char *head, size_t len, unsigned char *out, size_t cap)
{
    int lo; /* index of the byte that carries ASCII in each pair */
    size_t i = 0;
    if (len >= 2 && head[0] == 0xFF && head[1] == 0xFE)
        lo = 0, i = 2;
    else if (len >= 2 && head[0] == 0xFE && head[1] == 0xFF)
        lo = 1, i = 2;
    else if (len >= 4 && head[0] == '<' && head[1] == 0 && head[2] != 0 && head[3] == 0)
        lo = 0;
    else if (len >= 4 && head[0] == 0 && head[1] == '<' && head[2] == 0 && head[3] != 0)
        lo = 1;
    else
        return 0;
    size_t n = 0;
    for (; i + 1 < len && n < cap; i += 2) {
        unsigned char c = head[i + (size_t)lo], hi = head[i + 1 - (size_t)lo];
        out[n++] = hi ? '?' : c;
    }
    return n;
}

/* Does f take part in detection (a stream format with a detector)? */
static bool bids(const struct fc_format *f)
{
    return f->detect && (f->caps & FC_CAN_READ) &&
           (!(f->caps & FC_IS_DIRECTORY) || (f->caps & FC_READS_FILE));
}

static const struct fc_format *best_bid(const unsigned char *head, size_t len)
{
    const struct fc_format *fmt = NULL;
    int best = 0;
    for (size_t i = 0; formats[i]; i++) {
        if (!bids(formats[i]))
            continue;
        int bid = formats[i]->detect(head, len);
        if (bid > best) { /* strictly higher: ties go to table order */
            best = bid;
            fmt = formats[i];
        }
    }
    return fmt;
}

/*
 * The formats detection can pick, for the "not a feed" message ("RSS,
 * Atom, JSON Feed"): each description cut before its version or a
 * parenthesis ("JSON Feed 1.1 (reads 1.0)" -> "JSON Feed"); the name when
 * there is no description.
 */
static void stream_formats(char *out, size_t cap)
{
    size_t o = 0;
    out[0] = '\0';
    for (size_t i = 0; formats[i]; i++) {
        if (!bids(formats[i]))
            continue;
        const char *d = formats[i]->description ? formats[i]->description : formats[i]->name;
        size_t n = 0;
        while (d[n] && !(d[n] == ' ' && ((d[n + 1] >= '0' && d[n + 1] <= '9') || d[n + 1] == '(')))
            n++;
        int w = snprintf(out + o, cap - o, "%s%.*s", o ? ", " : "", (int)n, d);
        if (w < 0 || (size_t)w >= cap - o) {
            out[o] = '\0'; /* too many to list: the message stays short */
            return;
        }
        o += (size_t)w;
    }
}

static const unsigned char *find_markup(const unsigned char *head, size_t len)
{
    static const char decl[] = "<?xml";
    for (size_t i = 0; i + sizeof decl - 1 <= len; i++)
        if (memcmp(head + i, decl, sizeof decl - 1) == 0)
            return head + i;
    const unsigned char *lt = memchr(head, '<', len);
    return lt && lt != head ? lt : NULL;
}

enum fc_status fc_format_detect(struct fc_input *in, const struct fc_format **fmt,
                                struct fc_error *err)
{
    *fmt = NULL;
    if (fc_in_is_dir(in)) {
        for (size_t i = 0; formats[i]; i++)
            if ((formats[i]->caps & (FC_IS_DIRECTORY | FC_CAN_READ)) ==
                (FC_IS_DIRECTORY | FC_CAN_READ)) {
                *fmt = formats[i];
                return FC_OK;
            }
        return fc_fail(err, FC_EFORMAT, fc_input_name(in), 0, 0, "no format reads directories");
    }
    const unsigned char *head;
    size_t len;
    enum fc_status st = fc_in_peek(in, &head, &len, err);
    if (st)
        return st;
    unsigned char narrow[4096];
    size_t nlen = narrow_utf16(head, len, narrow, sizeof narrow);
    if (nlen) {
        head = narrow;
        len = nlen;
    }
    size_t i = 0;
    while (i < len && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n'))
        i++;
    if (i == len)
        return fc_fail(err, FC_EFORMAT, fc_input_name(in), 1, 1, "empty input");
    *fmt = best_bid(head, len);
    if (!*fmt) {
        /* Junk before the markup (a PHP notice, a stray byte): bid again
         * from the XML declaration, else the first '<'.  The XML reader
         * drops the junk with a warning. */
        const unsigned char *lt = find_markup(head, len);
        if (lt)
            *fmt = best_bid(lt, len - (size_t)(lt - head));
    }
    if (!*fmt) {
        char known[256];
        stream_formats(known, sizeof known);
        return fc_fail(err, FC_EFORMAT, fc_input_name(in), 1, 1,
                       "not a feed feedconv recognises (%s); use -f FORMAT to force one", known);
    }
    return FC_OK;
}
