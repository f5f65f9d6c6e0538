/*
 * buf.h - a growable byte buffer (struct fc_buf), the one way the library
 * builds strings of unknown length.
 *
 * Error idiom: a failed append sets b->oom and every later append does
 * nothing, so code appends freely and checks oom once at the end.
 */
#ifndef FC_UTIL_BUF_H
#define FC_UTIL_BUF_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

/* printf-style argument checking where the compiler offers it. */
#if defined(__GNUC__)
#define FC_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define FC_PRINTF(f, a)
#endif

struct fc_buf {
    char *data; /* NUL-terminated when len > 0 or after fc_buf_cstr */
    size_t len;
    size_t cap;
    bool oom;
};

/* An empty buffer that holds no memory yet; a zeroed struct fc_buf (from
 * calloc, or `= {0}`) is one too. */
void fc_buf_init(struct fc_buf *b);
/* Free the memory; b is empty (and usable) again. */
void fc_buf_free(struct fc_buf *b);
/* len = 0, keeping the memory (and oom). */
void fc_buf_reset(struct fc_buf *b);
/* Room for extra more bytes and the NUL; false (oom set) when it fails. */
bool fc_buf_reserve(struct fc_buf *b, size_t extra);
/* fc_buf_add when the bytes do not fit: grows, then appends. */
void fc_buf_add_slow(struct fc_buf *b, const void *p, size_t n);
/* Append a C string. */
void fc_buf_puts(struct fc_buf *b, const char *s);

/* Append n bytes.  Inline: writers make millions of small appends. */
static inline void fc_buf_add(struct fc_buf *b, const void *p, size_t n)
{
    if (b->cap - b->len > n && !b->oom) { /* room for n bytes and the NUL */
        if (n)
            memcpy(b->data + b->len, p, n);
        b->len += n;
        b->data[b->len] = '\0';
        return;
    }
    fc_buf_add_slow(b, p, n);
}

static inline void fc_buf_putc(struct fc_buf *b, char c)
{
    fc_buf_add(b, &c, 1);
}

/* Append formatted text (vsnprintf; an encoding error sets oom). */
void fc_buf_printf(struct fc_buf *b, const char *fmt, ...) FC_PRINTF(2, 3);
/* Always a valid C string ("" for an empty buffer, even after oom);
 * lent: valid until the next change to b. */
const char *fc_buf_cstr(struct fc_buf *b);

#endif
