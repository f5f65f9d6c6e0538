/*
 * test_xmlfix.c - the XML repair filter (syntax/xmlfix.c) fed in pieces:
 * the same output and the same warnings (message, line, column) whether
 * the input comes whole, a byte at a time or cut anywhere, around the
 * shortcuts it takes on plain input (clean runs copied 16 bytes at a time,
 * plain tags and name="value" attributes taken without the driver).
 */
#include "check.h"
#include "internal.h"
#include "syntax/xmlfix.h"

#include <stdlib.h>

struct run {
    struct fc_buf out, warns;
    int nwarn, stop_at; /* the warn callback fails at warning stop_at (0: never) */
};

static enum fc_status on_warn(void *ctx, unsigned long line, unsigned long col, const char *msg)
{
    struct run *r = ctx;
    fc_buf_printf(&r->warns, "%lu:%lu: %s\n", line, col, msg);
    return r->stop_at && ++r->nwarn >= r->stop_at ? FC_EWARN : FC_OK;
}

/* Filter in[0..n) in pieces of `piece` bytes (then an empty push at the
 * end, as xml_read.c does); r holds the output and the warnings. */
static enum fc_status filter(const char *in, size_t n, size_t piece, int stop_at, struct run *r)
{
    struct fc_xmlfix f;
    memset(r, 0, sizeof *r);
    r->stop_at = stop_at;
    fc_xmlfix_init(&f, on_warn, r);
    enum fc_status st = FC_OK;
    for (size_t i = 0; st == FC_OK; i += piece) {
        size_t k = i >= n ? 0 : n - i < piece ? n - i : piece;
        st = fc_xmlfix_push(&f, in + (i < n ? i : n), k, k == 0);
        fc_buf_add(&r->out, f.out.data + f.out_pos, f.out.len - f.out_pos);
        f.out.len = f.out_pos = 0;
        if (k == 0)
            break;
    }
    fc_xmlfix_free(&f);
    return st;
}

/* Every way of cutting s gives the whole input's output and warnings. */
static void same_in_pieces(const char *name, const char *s, int stop_at)
{
    size_t n = strlen(s);
    struct run whole, r;
    enum fc_status st0 = filter(s, n, n ? n : 1, stop_at, &whole);
    bool same = true;
    for (size_t piece = 1; piece <= n + 1 && same; piece++) {
        enum fc_status st = filter(s, n, piece, stop_at, &r);
        same = st == st0 && strcmp(fc_buf_cstr(&r.out), fc_buf_cstr(&whole.out)) == 0 &&
               strcmp(fc_buf_cstr(&r.warns), fc_buf_cstr(&whole.warns)) == 0;
        if (!same)
            printf("# %s: in pieces of %zu:\n# %s\n# %s# whole:\n# %s\n# %s", name, piece,
                   fc_buf_cstr(&r.out), fc_buf_cstr(&r.warns), fc_buf_cstr(&whole.out),
                   fc_buf_cstr(&whole.warns));
        fc_buf_free(&r.out);
        fc_buf_free(&r.warns);
    }
    CHECK(name, same);
    fc_buf_free(&whole.out);
    fc_buf_free(&whole.warns);
}

/* The whole input's output and warnings are these. */
static void gives(const char *name, const char *in, int stop_at, const char *out, const char *warns)
{
    struct run r;
    filter(in, strlen(in), strlen(in) ? strlen(in) : 1, stop_at, &r);
    CHECK_STR(name, fc_buf_cstr(&r.out), out);
    char wname[200];
    snprintf(wname, sizeof wname, "%s (warnings)", name);
    CHECK_STR(wname, fc_buf_cstr(&r.warns), warns);
    fc_buf_free(&r.out);
    fc_buf_free(&r.warns);
    same_in_pieces(name, in, stop_at);
}

int main(void)
{
    /* A plain end tag closes the root; what follows is after the root,
     * a ']' too (it once went on as content). */
    gives("root closed by a plain end tag, then ']]'", "<p>A reply.</p>]]\n8ol>", 0,
          "<p>A reply.</p>", "1:16: content after the end of the root element ignored\n");
    /* The line of an open element and the position of a warning after
     * plain tags, attributes and newlines the shortcuts counted. */
    gives("lines counted through plain tags and attributes",
          "<rss>\n<a x=\"1\"\n y='2'>\n<b>t\n</b>\n<c>\xC3\xA9\n</a>\n<d>", 0,
          "<rss>\n<a x=\"1\"\n y='2'>\n<b>t\n</b>\n<c>\xC3\xA9\n</c></a>\n<d></d></rss>",
          "7:1: <c> (line 6) not closed; closed before </a>\n"
          "8:4: the input ends inside <d> (line 8); 2 open element(s) closed\n");
    /* The attribute shortcut stops where the driver would: a failing
     * warning (strict mode) ends the filter with the rest as it is. */
    gives("a failing warning inside a start tag", "<i><f s=\"a\"h=\"5\" t=\"3\" full><</c>/f></i>",
          1, "<i><f s=\"a\" h=\"5\" t=\"3\" full><</c>/f></i>",
          "1:12: no space between attributes; one added\n");
    /* Characters and tokens across 16-byte blocks and pieces. */
    same_in_pieces("UTF-8 across blocks",
                   "<r>0123456789abc\xE2\x82\xAC"
                   "0123456789abcd\xF0\x9F\x98\x80x\xC3"
                   "\xA9<![CDATA[0123456789ab\xE2\x82\xAC]]]]>\xED\xA0\x80\xEF\xBF\xBE</r>",
                   0);
    same_in_pieces("control and stray bytes in a clean run",
                   "<r>0123456789abcdef\x01 0123\x93x\t\r\n<b>z</b>]]>&amp;&nbsp;&x;<</r>", 0);
    same_in_pieces("plain tags cut anywhere",
                   "<rss><channel><title>t</title><item><link>l</link></item>"
                   "<item><br><img></item></channel></rss>",
                   0);
    same_in_pieces("end tags of other elements", "<a><b><c>x</b>y</a></a>z", 0);
    same_in_pieces("attributes cut anywhere",
                   "<a>\n<b k=\"v&amp;w\" l='\xC3\xA9' m=\"<\" n=o p>t</b></a>", 0);
    same_in_pieces("attributes with strict stops", "<a><b k=\"v\"l=\"w\" m=x>t</b></a>", 2);
    return CHECK_DONE();
}
