/*
 * error.c - filling the caller's struct fc_error, warnings, status names.
 */
#include "internal.h"

#include <stdio.h>
#include <string.h>

const char *fc_status_str(enum fc_status s)
{
    switch (s) {
    case FC_OK:
        return "success";
    case FC_ENOMEM:
        return "out of memory";
    case FC_EIO:
        return "input/output error";
    case FC_EPARSE:
        return "malformed input";
    case FC_EFORMAT:
        return "not a feed of this format";
    case FC_ELIMIT:
        return "safety limit exceeded";
    case FC_EUSAGE:
        return "invalid request";
    case FC_EUNSUPPORTED:
        return "not supported";
    case FC_EEXIST:
        return "output exists";
    case FC_EWARN:
        return "warning in strict mode";
    }
    return "unknown error";
}

static void fill(struct fc_error *err, enum fc_status code, const char *file, unsigned long line,
                 unsigned long column, const char *fmt, va_list ap)
{
    err->code = code;
    err->line = line;
    err->column = column;
    snprintf(err->file, sizeof err->file, "%s", file ? file : "");
    if (vsnprintf(err->message, sizeof err->message, fmt, ap) < 0)
        snprintf(err->message, sizeof err->message, "%s", fc_status_str(code));
}

enum fc_status fc_failv(struct fc_error *err, enum fc_status code, const char *file,
                        unsigned long line, unsigned long column, const char *fmt, va_list ap)
{
    if (err)
        fill(err, code, file, line, column, fmt, ap);
    return code;
}

enum fc_status fc_fail(struct fc_error *err, enum fc_status code, const char *file,
                       unsigned long line, unsigned long column, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fc_failv(err, code, file, line, column, fmt, ap);
    va_end(ap);
    return code;
}

enum fc_status fc_nomem(struct fc_error *err)
{
    /* A fixed string: no formatting that could need memory. */
    if (err) {
        err->code = FC_ENOMEM;
        err->line = err->column = 0;
        memcpy(err->message, "out of memory", sizeof "out of memory");
    }
    return FC_ENOMEM;
}

/* fc_warn with a va_list (fc_sticky_vwarn goes through it too). */
static enum fc_status warnv(const struct fc_options *opt, struct fc_error *err, const char *file,
                            unsigned long line, unsigned long column, const char *fmt, va_list ap)
{
    struct fc_error w;
    if (!opt || (!opt->warn && !(opt->flags & FC_OPT_STRICT)))
        return FC_OK;
    fill(&w, FC_EWARN, file, line, column, fmt, ap);
    if (opt->warn)
        opt->warn(opt->warn_ctx, &w);
    if (opt->flags & FC_OPT_STRICT) {
        if (err)
            *err = w;
        return FC_EWARN;
    }
    return FC_OK;
}

enum fc_status fc_warn(const struct fc_options *opt, struct fc_error *err, const char *file,
                       unsigned long line, unsigned long column, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    enum fc_status st = warnv(opt, err, file, line, column, fmt, ap);
    va_end(ap);
    return st;
}

void fc_sticky_nomem(struct fc_sticky *s)
{
    if (s->st == FC_OK)
        s->st = fc_nomem(s->err);
}

void fc_sticky_vfail(struct fc_sticky *s, enum fc_status code, unsigned long line,
                     unsigned long column, const char *fmt, va_list ap)
{
    if (s->st == FC_OK)
        s->st = fc_failv(s->err, code, s->file, line, column, fmt, ap);
}

void fc_sticky_fail(struct fc_sticky *s, enum fc_status code, unsigned long line,
                    unsigned long column, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fc_sticky_vfail(s, code, line, column, fmt, ap);
    va_end(ap);
}

void fc_sticky_vwarn(struct fc_sticky *s, unsigned long line, unsigned long column, const char *fmt,
                     va_list ap)
{
    if (s->st == FC_OK)
        s->st = warnv(s->opt, s->err, s->file, line, column, fmt, ap);
}

void fc_sticky_warn(struct fc_sticky *s, unsigned long line, unsigned long column, const char *fmt,
                    ...)
{
    va_list ap;
    va_start(ap, fmt);
    fc_sticky_vwarn(s, line, column, fmt, ap);
    va_end(ap);
}

enum fc_status fc_sticky_set(struct fc_sticky *s, enum fc_status st)
{
    if (s->st == FC_OK && st != FC_OK)
        s->st = st;
    return s->st;
}
