/*
 * fuzz_wpbody.c - WordPress's the_content (src/sites/wp_body.c) and its
 * parts on arbitrary bytes: no crash, a failure only for want of memory,
 * valid UTF-8 in gives valid UTF-8 out, no placeholder or masking byte is
 * left in the output, the same input gives the same bytes; wpautop and
 * shortcode_unautop alone likewise.  The first byte picks the options
 * (SyntaxHighlighter-encoded code, footnotes), the rest is the content.
 */
#include "fuzz.h"
#include "sites/wp.h"

static const struct fc_wp_attachment fuzz_atts[] = {
    {1, 9, 2, "https://f.test/a.jpg", "https://f.test/a/", "a", "Alt", "Cap", "image/jpeg",
     "thumbnail a-1x1.jpg\nmedium a-2x2.jpg\n"},
    {2, 9, 1, "https://f.test/b.mp3", "https://f.test/b/", "b", NULL, NULL, "audio/mpeg", NULL},
    {3, 9, 0, "https://f.test/c.mp4", NULL, NULL, NULL, NULL, "video/mp4", NULL},
};

static const struct fc_wp_attachment *fuzz_att(void *ctx, int64_t id)
{
    (void)ctx;
    for (size_t i = 0; i < 3; i++)
        if (fuzz_atts[i].id == id)
            return &fuzz_atts[i];
    return NULL;
}

static size_t fuzz_kids(void *ctx, int64_t parent, const struct fc_wp_attachment **out, size_t cap)
{
    size_t n = 0;
    (void)ctx;
    for (size_t i = 3; i-- > 0;)
        if (fuzz_atts[i].parent == parent) {
            if (n < cap)
                out[n] = &fuzz_atts[i];
            n++;
        }
    return n;
}

/* Reusable block 5 includes itself: the cycle guard is fuzzed too. */
static const char *fuzz_block(void *ctx, int64_t id, struct fc_arena *a, struct fc_sticky *st)
{
    (void)ctx, (void)st;
    if (id == 5)
        return fc_strdup(a, "<!-- wp:block {\"ref\":5} /--><p>[gallery]</p>", (size_t)-1);
    return id == 6 ? fc_strdup(a, "[caption width=\"9\"]<img src=\"x\" /> x[/caption]", (size_t)-1)
                   : NULL;
}

static const struct fc_wp_site fuzz_site = {NULL, fuzz_att, fuzz_kids, fuzz_block};

static void fuzz_warn(void *ctx, const struct fc_error *w)
{
    (void)ctx;
    FUZZ_CHECK(w->message[0] != '\0', "warning with an empty message");
}

static char *fuzz_render(const char *s, size_t n, unsigned flags, size_t *len)
{
    struct fc_options o;
    struct fc_error err = {0};
    fc_options_init(&o);
    o.warn = fuzz_warn;
    struct fc_sticky st = {FC_OK, &o, &err, "fuzz"};
    struct fc_post *p = fc_post_new();
    struct fc_buf b;
    fc_buf_init(&b);
    struct fc_wp_body body = {
        &st,
        1,
        "post 9",
        &fuzz_site,
        9,
        (flags & 1) != 0,
        (flags & 2) ? "[{\"content\":\"<b>n</b>\",\"id\":\"x\"},{\"id\":\"y\"}]" : NULL,
        p ? p->arena : NULL,
        p ? &p->attachments : NULL};
    fc_wp_render(&body, s, n, &b);
    char *out = NULL;
    if (st.st == FC_OK && !b.oom) {
        out = malloc(b.len + 1);
        if (out) {
            memcpy(out, b.data ? b.data : "", b.len);
            out[b.len] = '\0';
            *len = b.len;
        }
    } else {
        FUZZ_CHECK(st.st == FC_ENOMEM || b.oom, "the_content failed but not for memory");
    }
    fc_buf_free(&b);
    fc_post_free(p);
    return out;
}

FUZZ_ENTRY(wpbody)
{
    if (!size)
        return 0;
    unsigned flags = data[0];
    const char *s = (const char *)data + 1;
    size_t n = size - 1, len = 0, len2 = 0;
    bool valid = fc_utf8_valid(s, n);

    char *out = fuzz_render(s, n, flags, &len);
    if (out) {
        FUZZ_CHECK(!valid || fc_utf8_valid(out, len), "the_content: invalid UTF-8 out of valid");
        FUZZ_CHECK(!memchr(out, '\x01', len) && !memchr(out, '\x02', len) &&
                       !memchr(out, '\x03', len),
                   "the_content: a placeholder or masking byte left in the output");
        char *again = fuzz_render(s, n, flags, &len2);
        FUZZ_CHECK(!again || (len2 == len && memcmp(out, again, len) == 0),
                   "the_content: same input, different output");
        free(again);
    }
    free(out);

    struct fc_buf b, u;
    fc_buf_init(&b);
    fc_buf_init(&u);
    fc_wp_autop(&b, s, n, (flags & 4) == 0);
    FUZZ_CHECK(b.oom || !valid || fc_utf8_valid(fc_buf_cstr(&b), b.len),
               "wpautop: invalid UTF-8 out of valid");
    static const char *const names[] = {"caption", "gallery", "embed", "code"};
    static const struct fc_wp_tags tags = {names, 4};
    fc_wp_shortcode_unautop(&u, fc_buf_cstr(&b), b.len, &tags);
    FUZZ_CHECK(u.oom || u.len <= b.len, "shortcode_unautop: the text grew");
    fc_buf_free(&b);
    fc_buf_free(&u);
    return 0;
}
