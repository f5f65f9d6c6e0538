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

/*
 * With CDATA sections set aside (cd_aside), in pieces as xml_read.c takes
 * them: the bytes up to fc_xmlfix_ready, then the records before them,
 * each placeholder put back as the section its record holds.  *nrec: the
 * sections set aside.
 */
static enum fc_status filter_aside(const char *in, size_t n, size_t piece, struct run *r, int *nrec)
{
    struct fc_xmlfix f;
    memset(r, 0, sizeof *r);
    fc_xmlfix_init(&f, on_warn, r);
    f.cd_aside = true;
    struct fc_buf cd = {0};
    enum fc_status st = FC_OK;
    *nrec = 0;
    for (size_t i = 0; st == FC_OK; i += piece) {
        size_t k = i >= n ? 0 : n - i < piece ? n - i : piece;
        st = fc_xmlfix_push(&f, in + (i < n ? i : n), k, k == 0);
        size_t end = fc_xmlfix_ready(&f), at = f.out_pos;
        cd.len = 0;
        if (!fc_xmlfix_take_cd(&f, end, &cd))
            st = FC_ENOMEM;
        for (size_t c = 0; c < cd.len;) {
            const struct fc_xmlfix_cd *rec = (const void *)(cd.data + c);
            const char *pi = f.out.data + rec->at, *text = (const char *)(rec + 1);
            size_t nl = 0, tail = rec->len;
            for (size_t t = 0; t < rec->len; t++)
                if (text[t] == '\n') {
                    nl++;
                    tail = rec->len - t - 1;
                }
            if (rec->at < at || rec->at + 6 > end || memcmp(pi, FC_XMLFIX_CD_PI, 6) != 0 ||
                text[rec->len] != '\0' || nl != rec->nl || tail != rec->tail) {
                fc_buf_puts(&r->out, "(a bad record)");
                break;
            }
            fc_buf_add(&r->out, f.out.data + at, rec->at - at);
            fc_buf_puts(&r->out, "<![CDATA[");
            fc_buf_add(&r->out, text, rec->len);
            fc_buf_puts(&r->out, "]]>");
            at = rec->at + 6;
            c += FC_XMLFIX_CD_SIZE(rec->len);
            ++*nrec;
        }
        fc_buf_add(&r->out, f.out.data + at, end - at);
        f.out_pos = end;
        fc_xmlfix_compact(&f);
        if (k == 0)
            break;
    }
    if (st == FC_OK && (f.out.len != 0 || f.cd.len != 0))
        fc_buf_puts(&r->out, "(bytes or records left)");
    fc_buf_free(&cd);
    fc_xmlfix_free(&f);
    return st;
}

/* Set aside, whole and in every piece size, the sections come back as the
 * filter gives them without; nrec of them were set aside. */
static void aside_same(const char *name, const char *s, int nrec)
{
    size_t n = strlen(s);
    struct run plain, r;
    enum fc_status st0 = filter(s, n, n ? n : 1, 0, &plain);
    bool same = true;
    int got = -1, k = 0;
    for (size_t piece = n ? n : 1; piece >= 1 && same; piece--) {
        enum fc_status st = filter_aside(s, n, piece, &r, &k);
        if (got < 0)
            got = k;
        same = st == st0 && strcmp(fc_buf_cstr(&r.out), fc_buf_cstr(&plain.out)) == 0 &&
               strcmp(fc_buf_cstr(&r.warns), fc_buf_cstr(&plain.warns)) == 0;
        if (!same)
            printf("# %s: set aside, in pieces of %zu:\n# %s\n# %s# without:\n# %s\n# %s", name,
                   piece, fc_buf_cstr(&r.out), fc_buf_cstr(&r.warns), fc_buf_cstr(&plain.out),
                   fc_buf_cstr(&plain.warns));
        fc_buf_free(&r.out);
        fc_buf_free(&r.warns);
    }
    CHECK(name, same);
    char cname[200];
    snprintf(cname, sizeof cname, "%s: %d set aside", name, nrec);
    CHECK_INT(cname, got, nrec);
    fc_buf_free(&plain.out);
    fc_buf_free(&plain.warns);
}

static void test_aside(void)
{
    aside_same("CDATA set aside: plain, on lines, empty, ']]' before the end",
               "<rss><i><![CDATA[<p>a &amp; b</p>]]></i>\n<d>x<![CDATA[\n\xC3\xA9\nz]]>y"
               "<![CDATA[]]></d><e><![CDATA[a]]]]></e></rss>",
               4);
    aside_same("CDATA set aside: repaired text (control, windows-1252, U+FFFE)",
               "<r><d><![CDATA[a\x01b\x93"
               "c\xEF\xBF\xBE]]></d></r>",
               1);
    aside_same("CDATA with a carriage return passes", "<r><d><![CDATA[a\r\nb]]></d></r>", 0);
    aside_same("CDATA cut by the end passes, closed", "<r><d><![CDATA[abc", 0);
    aside_same("no CDATA set aside after a PI in content",
               "<?fc?><r><d><![CDATA[a]]></d><?fc?><![CDATA[b]]></r>", 1);
    aside_same("no CDATA set aside with a DOCTYPE",
               "<!DOCTYPE r [<!ENTITY e \"x\">]><r><![CDATA[a]]></r>", 0);
    aside_same("no CDATA set aside in ISO-8859-1",
               "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><r><![CDATA[\xE9]]></r>", 0);
    aside_same("CDATA in a comment or an attribute is not CDATA",
               "<r a=\"<![CDATA[x]]>\"><!-- <![CDATA[y]]> --><![CDATA[z]]></r>", 1);
    /* One section longer than the filter holds passes; the next is set aside. */
    struct fc_buf big = {0};
    fc_buf_puts(&big, "<r><d><![CDATA[");
    for (size_t i = 0; i <= FC_XMLFIX_CD_MAX / 32; i++)
        fc_buf_puts(&big, "0123456789abcdef0123456789abcdef0123456789abcdef012345678\n\xC3\xA9xyz");
    fc_buf_puts(&big, "]]></d><d><![CDATA[small]]></d></r>");
    struct run plain, r;
    int k = 0;
    filter(big.data, big.len, 65536, 0, &plain);
    filter_aside(big.data, big.len, 65536, &r, &k);
    CHECK("a section past FC_XMLFIX_CD_MAX passes as it is",
          k == 1 && r.out.len == plain.out.len &&
              memcmp(r.out.data, plain.out.data, r.out.len) == 0);
    fc_buf_free(&plain.out);
    fc_buf_free(&plain.warns);
    fc_buf_free(&r.out);
    fc_buf_free(&r.warns);
    fc_buf_free(&big);
}

int main(void)
{
    test_aside();
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
    /* A control character removed between ']]' and '>' made a "]]>" the
     * input did not have: libxml2 ended the section there, the filter did
     * not (found by fuzz_xmlread). */
    gives("a removed control character joins no terminator",
          "<r>]]\x01>x<![CDATA[a]]\x02\x02>b]]><!--a-\x03->--><?p ?\x04>?></r>", 0,
          "<r>]]\xEF\xBF\xBD>x<![CDATA[a]]\xEF\xBF\xBD>b]]><!--a-\xEF\xBF\xBD->--><?p "
          "?\xEF\xBF\xBD>?></r>",
          "1:6: control character U+0001 removed (and any later ones)\n");
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
