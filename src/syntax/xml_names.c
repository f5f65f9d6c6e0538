/*
 * xml_names.c - the stack of open element names (xml_names.h): growth and
 * release; push, top and pop are inline in the header.
 */
#include "syntax/xml_names.h"

#include <stdlib.h>

bool fc_xml_names_grow(struct fc_xml_names *s)
{
    size_t cap = s->cap ? s->cap * 2 : 32;
    struct fc_xml_open *o = realloc(s->open, cap * sizeof *o);
    if (!o)
        return false;
    s->open = o;
    s->cap = cap;
    return true;
}

void fc_xml_names_free(struct fc_xml_names *s)
{
    fc_buf_free(&s->bytes);
    free(s->open);
    *s = (struct fc_xml_names){0};
}
