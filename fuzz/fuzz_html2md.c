/*
 * fuzz_html2md.c - fc_html_to_markdown on arbitrary bytes: no crash, a
 * failure says why, the Markdown is valid UTF-8 and converts back to HTML
 * (fc_markdown_to_html) without trouble; and fc_html_to_text's quick path
 * reads the same text as libxml2's HTML parser (fc_html_to_text_parsed).
 */
#include "fuzz.h"

FUZZ_ENTRY(html2md)
{
    struct fc_buf md;
    struct fc_error err = {0};
    fc_buf_init(&md);
    enum fc_status st = fc_html_to_markdown((const char *)data, size, &md, &err);
    fuzz_check_error(st, &err, "fc_html_to_markdown");
    if (st == FC_OK) {
        FUZZ_CHECK(!md.oom, "FC_OK with a buffer that ran out of memory");
        const char *s = fc_buf_cstr(&md);
        FUZZ_CHECK(fc_utf8_valid(s, md.len), "Markdown is not valid UTF-8");
        struct fc_buf html;
        struct fc_error err2 = {0};
        fc_buf_init(&html);
        enum fc_status st2 = fc_markdown_to_html(s, md.len, &html, &err2);
        fuzz_check_error(st2, &err2, "fc_markdown_to_html");
        fc_buf_free(&html);
    }
    fc_buf_free(&md);

    if (memchr(data, '\0', size) == NULL) {
        char *s = malloc(size + 1);
        struct fc_arena *a = fc_arena_new();
        if (s && a) {
            memcpy(s, data, size);
            s[size] = '\0';
            const char *q = fc_html_to_text(a, s), *p = fc_html_to_text_parsed(a, s);
            FUZZ_CHECK((q == NULL) == (p == NULL), "html_to_text: one path failed");
            FUZZ_CHECK(!q || strcmp(q, p) == 0, "html_to_text: quick path and parser differ");
        }
        fc_arena_free(a);
        free(s);
    }
    return 0;
}
