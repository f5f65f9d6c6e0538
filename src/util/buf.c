/*
 * buf.c - the growable byte buffer (buf.h).  Capacity doubles from 256
 * bytes; the sticky oom flag replaces per-call error checks.
 */
#include "util/buf.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

void fc_buf_init(struct fc_buf *b)
{
    b->data = NULL;
    b->len = b->cap = 0;
    b->oom = false;
}

void fc_buf_free(struct fc_buf *b)
{
    free(b->data);
    fc_buf_init(b);
}

void fc_buf_reset(struct fc_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

bool fc_buf_reserve(struct fc_buf *b, size_t extra)
{
    if (b->oom)
        return false;
    if (extra >= SIZE_MAX - b->len) {
        b->oom = true;
        return false;
    }
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return true;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    char *p = realloc(b->data, cap);
    if (!p) {
        b->oom = true;
        return false;
    }
    b->data = p;
    b->cap = cap;
    return true;
}

void fc_buf_add_slow(struct fc_buf *b, const void *p, size_t n)
{
    if (!fc_buf_reserve(b, n))
        return;
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void fc_buf_puts(struct fc_buf *b, const char *s)
{
    fc_buf_add(b, s, strlen(s));
}

void fc_buf_printf(struct fc_buf *b, const char *fmt, ...)
{
    va_list ap;
    char small[256];
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->oom = true;
        return;
    }
    if ((size_t)n < sizeof small) {
        fc_buf_add(b, small, (size_t)n);
        return;
    }
    if (!fc_buf_reserve(b, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

const char *fc_buf_cstr(struct fc_buf *b)
{
    return b->data && !b->oom ? b->data : "";
}
