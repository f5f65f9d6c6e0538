/*
 * fuzz_html2md.c - fc_html_to_markdown on arbitrary bytes: no crash, a
 * failure says why, the Markdown is valid UTF-8 and converts back to HTML
 * (fc_markdown_to_html) without trouble, with the extensions md2html.c
 * chooses giving the bytes of all four; the check's shortcuts change
 * nothing (the same bytes as checking every block with libxml2 alone), and
 * where the scanner reads cmark's HTML as the source's normal form, libxml2
 * reads it so too (util/html_canon.c); and fc_html_to_text's quick path
 * reads the same text as libxml2's HTML parser (fc_html_to_text_parsed).
 */
#include "fuzz.h"
#include "util/html2md.h"

/* The reference path: every block checked, cmark's HTML parsed by libxml2. */
static void check_reference(const uint8_t *data, size_t size, enum fc_status st,
                            const struct fc_buf *md)
{
    struct fc_buf ref;
    struct fc_error err = {0};
    fc_buf_init(&ref);
    enum fc_status st2 = fc_html_to_markdown_opts((const char *)data, size, &ref,
                                                  FC_H2M_BLOCKWISE | FC_H2M_SLOW_CHECK, &err);
    FUZZ_CHECK(st2 == st, "html2md: the reference path gives another status");
    FUZZ_CHECK(st != FC_OK ||
                   (ref.len == md->len && (!md->len || !memcmp(ref.data, md->data, md->len))),
               "html2md: the reference path gives other Markdown");
    fc_buf_free(&ref);
}

/* The scanner may stand in for libxml2 only where it reads the source's
 * normal form. */
static void check_scanner(const uint8_t *data, size_t size, const struct fc_buf *html)
{
    struct fc_buf want, fast, slow;
    struct fc_error err = {0};
    fc_buf_init(&want);
    fc_buf_init(&fast);
    fc_buf_init(&slow);
    if (fc_html_canon((const char *)data, size, &want, &err) == FC_OK &&
        fc_html_canon_fast(html->data ? html->data : "", html->len, &fast) &&
        fast.len == want.len && (!want.len || !memcmp(fast.data, want.data, want.len))) {
        enum fc_status st = fc_html_canon(html->data ? html->data : "", html->len, &slow, &err);
        FUZZ_CHECK(st == FC_OK && slow.len == want.len &&
                       (!want.len || !memcmp(slow.data, want.data, want.len)),
                   "html_canon: the scanner and libxml2 read cmark's HTML differently");
    }
    fc_buf_free(&want);
    fc_buf_free(&fast);
    fc_buf_free(&slow);
}

FUZZ_ENTRY(html2md)
{
    struct fc_buf md;
    struct fc_error err = {0};
    fc_buf_init(&md);
    enum fc_status st = fc_html_to_markdown((const char *)data, size, &md, &err);
    fuzz_check_error(st, &err, "fc_html_to_markdown");
    check_reference(data, size, st, &md);
    if (st == FC_OK) {
        FUZZ_CHECK(!md.oom, "FC_OK with a buffer that ran out of memory");
        const char *s = fc_buf_cstr(&md);
        FUZZ_CHECK(fc_utf8_valid(s, md.len), "Markdown is not valid UTF-8");
        struct fc_buf html;
        struct fc_error err2 = {0};
        fc_buf_init(&html);
        enum fc_status st2 = fc_markdown_to_html(s, md.len, &html, &err2);
        fuzz_check_error(st2, &err2, "fc_markdown_to_html");
        if (st2 == FC_OK)
            check_scanner(data, size, &html);
        fuzz_md2html_diff(s, md.len);
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
