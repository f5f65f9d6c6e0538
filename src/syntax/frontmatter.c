/*
 * frontmatter.c - the front-matter block of a Markdown file (see
 * frontmatter.h): where it starts and ends, so that its syntax's reader
 * gets the block and the format the body.
 */
#include "syntax/frontmatter.h"

#include <string.h>

bool fc_fm_split(const char *text, size_t len, const char **fm, size_t *fmlen, const char **body)
{
    const char *p = text;
    if (len >= 3 && (unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBB &&
        (unsigned char)p[2] == 0xBF)
        p += 3; /* UTF-8 BOM */
    const char *end = text + len;
    if (end - p < 3 || strncmp(p, "---", 3) != 0)
        return false;
    const char *q = p + 3;
    while (q < end && (*q == ' ' || *q == '\t' || *q == '\r'))
        q++;
    if (q < end && *q != '\n')
        return false;
    const char *start = q < end ? q + 1 : end;
    for (const char *line = start; line < end;) {
        const char *nl = memchr(line, '\n', (size_t)(end - line));
        const char *le = nl ? nl : end;
        const char *t = le;
        while (t > line && (t[-1] == ' ' || t[-1] == '\t' || t[-1] == '\r'))
            t--;
        if ((t - line == 3 && (!strncmp(line, "---", 3) || !strncmp(line, "...", 3)))) {
            *fm = start;
            *fmlen = (size_t)(line - start);
            *body = nl ? nl + 1 : end;
            return true;
        }
        line = nl ? nl + 1 : end;
    }
    /* an unterminated front matter: all of it is YAML, no body */
    *fm = start;
    *fmlen = (size_t)(end - start);
    *body = end;
    return true;
}
