/*
 * registry.c - the table of formats, lookup and detection by bidding.
 * Adding a format is one line in `formats` below.
 */
#include "internal.h"

#include <string.h>

static const struct fc_format *const formats[] = {
    &fc_format_rss,
    &fc_format_atom,
    &fc_format_jsonfeed,
    &fc_format_markdown,
    NULL,
};

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
    size_t i = 0;
    while (i < len && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n'))
        i++;
    if (i == len)
        return fc_fail(err, FC_EFORMAT, fc_input_name(in), 1, 1, "empty input");
    int best = 0;
    for (i = 0; formats[i]; i++) {
        if (!formats[i]->detect || !(formats[i]->caps & FC_CAN_READ) ||
            (formats[i]->caps & FC_IS_DIRECTORY))
            continue;
        int bid = formats[i]->detect(head, len);
        if (bid > best) { /* strictly higher: ties go to table order */
            best = bid;
            *fmt = formats[i];
        }
    }
    if (!*fmt)
        return fc_fail(err, FC_EFORMAT, fc_input_name(in), 1, 1,
                       "not a feed feedconv recognises (RSS, Atom, JSON Feed); use -f FORMAT "
                       "to force one");
    return FC_OK;
}
