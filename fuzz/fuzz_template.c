/*
 * fuzz_template.c - the site writers' escapes of template syntax in a body
 * (src/sites/template_escape.c) on arbitrary bytes; the first byte picks
 * Hugo (even) or Zola (odd).  Besides memory errors:
 *
 *  - escaping twice gives what escaping once gave;
 *  - Hugo prints the escaped body as the body was: its lexer
 *    (pagelexer_shortcode.go, lexShortcodeComment) emits "{{<" or "{{%",
 *    drops the "/" "*", emits the text up to the first "*" "/" followed by
 *    the right delimiter, drops those marks and emits the delimiter.
 *    Checked when the body holds no comment mark of its own and nothing
 *    was left with a warning (an unclosed "{{<" stops Hugo).
 */
#include "fuzz.h"
#include "sites/site_write.h"

static unsigned fuzz_template_warnings;

static void fuzz_template_warn(void *ctx, const struct fc_error *w)
{
    (void)ctx;
    (void)w;
    fuzz_template_warnings++;
}

static void fuzz_template_escape(bool zola, struct fc_buf *b)
{
    struct fc_options opt;
    fc_options_init(&opt);
    opt.warn = fuzz_template_warn;
    struct fc_error err = {0};
    struct fc_sticky st = {.opt = &opt, .err = &err};
    if (zola)
        fc_sw_escape_zola(&st, b);
    else
        fc_sw_escape_hugo(&st, b);
    FUZZ_CHECK(st.st == FC_OK || st.st == FC_ENOMEM, "an escape fails only for memory");
}

/* What Hugo prints for s[0..n). */
static void fuzz_hugo_prints(const char *s, size_t n, struct fc_buf *out)
{
    for (size_t i = 0; i < n;) {
        if (i + 5 <= n && s[i] == '{' && s[i + 1] == '{' && (s[i + 2] == '<' || s[i + 2] == '%') &&
            s[i + 3] == '/' && s[i + 4] == '*') {
            const char close[] = {'*', '/', s[i + 2] == '<' ? '>' : '%', '}', '}', 0};
            const char *e = memmem(s + i + 5, n - i - 5, close, 5);
            if (e) {
                fc_buf_add(out, s + i, 3);
                fc_buf_add(out, s + i + 5, (size_t)(e - (s + i + 5)));
                fc_buf_add(out, e + 2, 3);
                i = (size_t)(e - s) + 5;
                continue;
            }
        }
        fc_buf_putc(out, s[i++]);
    }
}

FUZZ_ENTRY(template)
{
    if (size == 0)
        return 0;
    bool zola = data[0] & 1;
    const char *body = (const char *)data + 1;
    size_t n = size - 1;
    if (memchr(body, '\0', n)) /* bodies are C strings */
        return 0;
    struct fc_buf once, twice, printed;
    fc_buf_init(&once);
    fc_buf_init(&twice);
    fc_buf_init(&printed);
    fc_buf_add(&once, body, n);
    fuzz_template_warnings = 0;
    fuzz_template_escape(zola, &once);
    unsigned warned = fuzz_template_warnings;
    fc_buf_add(&twice, once.data ? once.data : "", once.len);
    fuzz_template_escape(zola, &twice);
    if (!once.oom && !twice.oom)
        FUZZ_CHECK(once.len == twice.len && (!once.len || !memcmp(once.data, twice.data, once.len)),
                   "escaping twice changes nothing more");
    if (!zola && !warned && !memmem(body, n, "/*", 2) && !once.oom) {
        fuzz_hugo_prints(once.data ? once.data : "", once.len, &printed);
        if (!printed.oom)
            FUZZ_CHECK(printed.len == n && (!n || !memcmp(printed.data, body, n)),
                       "Hugo prints the body as it was");
    }
    fc_buf_free(&once);
    fc_buf_free(&twice);
    fc_buf_free(&printed);
    return 0;
}
