/*
 * xml_names.h - the stack of open element names that the XML writer
 * (xml_write.c) and the repair filter (xmlfix.c) keep: the names in one
 * buffer, each NUL-terminated, innermost last, with the line that opened
 * it (for xmlfix's messages; the writer leaves it 0).
 *
 * A zeroed struct fc_xml_names is an empty stack; fc_xml_names_free
 * releases it (and leaves it empty).  Push is inline: xmlfix pushes every
 * element of every feed it reads.
 */
#ifndef FC_SYNTAX_XML_NAMES_H
#define FC_SYNTAX_XML_NAMES_H

#include "internal.h"

struct fc_xml_open {
    size_t off;         /* the name's first byte in bytes.data */
    unsigned long line; /* where the element was opened */
};

struct fc_xml_names {
    struct fc_buf bytes;
    struct fc_xml_open *open; /* the open elements, outermost first */
    size_t n, cap;
};

/* Room for one more element (the slow path of fc_xml_names_push); false
 * on ENOMEM. */
bool fc_xml_names_grow(struct fc_xml_names *s);
void fc_xml_names_free(struct fc_xml_names *s);

/* Push prefix:name (just name when prefix is NULL or ""), given as
 * name[0..len), opened at line.  False, with nothing pushed, on ENOMEM. */
static inline bool fc_xml_names_push(struct fc_xml_names *s, const char *prefix, const char *name,
                                     size_t len, unsigned long line)
{
    if (s->n == s->cap && !fc_xml_names_grow(s))
        return false;
    size_t off = s->bytes.len;
    if (prefix && *prefix) {
        fc_buf_puts(&s->bytes, prefix);
        fc_buf_putc(&s->bytes, ':');
    }
    fc_buf_add(&s->bytes, name, len);
    fc_buf_putc(&s->bytes, '\0');
    if (s->bytes.oom)
        return false;
    s->open[s->n++] = (struct fc_xml_open){off, line};
    return true;
}

/* The name of open element k (0: the outermost; k < n). */
static inline const char *fc_xml_names_at(const struct fc_xml_names *s, size_t k)
{
    return s->bytes.data + s->open[k].off;
}

/* The length of open element k's name, from the offsets (no strlen). */
static inline size_t fc_xml_names_len(const struct fc_xml_names *s, size_t k)
{
    size_t end = k + 1 < s->n ? s->open[k + 1].off : s->bytes.len;
    return end - s->open[k].off - 1;
}

/* Pop the innermost element (n > 0). */
static inline void fc_xml_names_pop(struct fc_xml_names *s)
{
    s->bytes.len = s->open[--s->n].off;
}

#endif
