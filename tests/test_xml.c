/*
 * test_xml.c - the shared XML plumbing of src/syntax: the prolog sniffer
 * behind the RSS and Atom detection bids, the node helpers' sticky status,
 * xml:base, and the one XHTML -> HTML serialiser both readers use (the
 * fixture xhtml-same-html holds the same XHTML in RSS and in Atom).
 */
#define _GNU_SOURCE /* treelib.h */
#include "check.h"
#include "internal.h"
#include "syntax/xml_node.h"
#include "syntax/xml_read.h"
#include "syntax/xml_sniff.h"
#include "testlib.h"
#include "treelib.h"

#include <libxml/parser.h>

#define FIX FC_ROOT "/fixtures/"

static bool sniff(const char *head, struct fc_xml_sniff *s)
{
    return fc_xml_sniff((const unsigned char *)head, strlen(head), s);
}

static int bid(const struct fc_format *f, const char *head)
{
    return f->detect((const unsigned char *)head, strlen(head));
}

static void test_sniff(void)
{
    struct fc_xml_sniff s;
    CHECK("sniff: BOM, declaration, comment, PI, DOCTYPE subset",
          sniff("\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<!-- c > d -->\n<?pi x?>\n"
                "<!DOCTYPE rss [<!ENTITY a \"]>\">]>\n<rss version=\"2.0\">",
                &s) &&
              fc_xml_sniff_name(&s, "rss") && s.prefix_len == 0);
    CHECK("sniff: prefixed root, its declarations",
          sniff("<rdf:RDF xmlns:rdf='" FC_NS_RDF "'\n  xmlns=\"" FC_NS_RSS10 "\">", &s) &&
              fc_xml_sniff_local(&s, "RDF") && !fc_xml_sniff_name(&s, "RDF") && s.prefix_len == 3 &&
              s.nns == 2 && fc_xml_sniff_declares(&s, FC_NS_RSS10) &&
              fc_xml_sniff_declares(&s, FC_NS_RDF) && !fc_xml_sniff_declares(&s, FC_NS_ATOM));
    CHECK("sniff: an attribute value is no declaration",
          sniff("<feed a=\"" FC_NS_ATOM "\" xmlnsx=\"" FC_NS_ATOM "\">", &s) &&
              !fc_xml_sniff_declares(&s, FC_NS_ATOM));
    CHECK("sniff: a start tag cut off keeps what it has",
          sniff("<feed xmlns=\"" FC_NS_ATOM, &s) && fc_xml_sniff_declares(&s, FC_NS_ATOM));
    CHECK("sniff: '>' in a quoted value", sniff("<feed x='a>b' xmlns='" FC_NS_ATOM "'>", &s) &&
                                              fc_xml_sniff_declares(&s, FC_NS_ATOM));
    CHECK("sniff: junk before the root", !sniff("junk<rss>", &s));
    CHECK("sniff: no root in the bytes", !sniff("<?xml version=\"1.0\"?><!-- open", &s));
    CHECK("sniff: '<' at the end", !sniff("  <", &s));
    CHECK("sniff: an end tag first", !sniff("</rss>", &s));
    CHECK("sniff: names end at white space, '/' and '>' only",
          sniff("<rss=1>", &s) && !fc_xml_sniff_name(&s, "rss"));

    /* The bids made from it. */
    const char *rdf_content =
        "<rdf:RDF xmlns:rdf=\"" FC_NS_RDF "\" xmlns:content=\"" FC_NS_CONTENT "\">";
    CHECK_INT("bid: rss", bid(fc_format_find("rss"), "<rss version=\"2.0\">"), 100);
    CHECK_INT("bid: rss after a DOCTYPE, CDATA later",
              bid(fc_format_find("rss"),
                  "<!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS "
                  "0.91//EN\" \"x.dtd\">\n<rss version=\"0.91\"><channel><title>"
                  "<![CDATA[a]]></title>"),
              100);
    CHECK_INT(
        "bid: rdf:RDF with the RSS 1.0 namespace",
        bid(fc_format_find("rss"), "<r:RDF xmlns:r=\"" FC_NS_RDF "\" xmlns=\"" FC_NS_RSS10 "\">"),
        100);
    CHECK_INT("bid: rdf:RDF declaring only a module below RSS 1.0's URI",
              bid(fc_format_find("rss"), rdf_content), 20);
    CHECK_INT("bid: bare channel", bid(fc_format_find("rss"), "<channel>"), 60);
    CHECK_INT("bid: atom feed", bid(fc_format_find("atom"), "<feed xmlns=\"" FC_NS_ATOM "\">"), 95);
    CHECK_INT("bid: atom 0.3 entry",
              bid(fc_format_find("atom"), "<a:entry xmlns:a=\"http://purl.org/atom/ns#\">"), 80);
    CHECK_INT("bid: feed without a namespace", bid(fc_format_find("atom"), "<feed>"), 10);
    CHECK_INT("bid: rss is no atom",
              bid(fc_format_find("atom"), "<rss xmlns:a=\"" FC_NS_ATOM "\">"), 0);
}

/* A document parsed by libxml2 and a sticky status over local storage. */
struct doc {
    xmlDoc *doc;
    struct fc_arena *a;
    struct fc_options opt;
    struct fc_error err;
    struct fc_sticky s;
};

static xmlNode *doc_open(struct doc *d, const char *xml, unsigned flags)
{
    memset(d, 0, sizeof *d);
    fc_options_init(&d->opt);
    d->opt.flags |= flags;
    d->s = (struct fc_sticky){.opt = &d->opt, .err = &d->err, .file = "t.xml"};
    d->a = fc_arena_new();
    d->doc = xmlReadMemory(xml, (int)strlen(xml), "t.xml", NULL, XML_PARSE_NONET);
    return d->doc && d->a ? xmlDocGetRootElement(d->doc) : NULL;
}

static void doc_close(struct doc *d)
{
    xmlFreeDoc(d->doc);
    fc_arena_free(d->a);
}

static const char xhtml_doc[] =
    "<c xmlns:h=\"" FC_NS_XHTML "\" xml:base=\"http://b.example/a/\">"
    "<h:p class=\"x\">1 &amp; 2 &gt; 0<h:br/><h:span/><?pi?><!-- k --></h:p>"
    "<p xmlns=\"" FC_NS_XHTML "\" xml:base=\"d/\"><a href=\"e\">e</a><img src=\"/i\" alt='\"'/>"
    "<a href=\"#f\">f</a><a href=\"\">g</a></p></c>";

static void test_html(void)
{
    struct doc d;
    xmlNode *root = doc_open(&d, xhtml_doc, 0);
    if (!root) {
        SKIP("html", "libxml2 could not parse the test document");
        doc_close(&d);
        return;
    }
    const char *base = fc_xml_base(d.a, root, NULL, &d.s);
    CHECK_STR("base: the root's own", base, "http://b.example/a/");
    CHECK_STR("html: one serialisation", fc_xml_html(d.a, root, base, &d.s),
              "<p class=\"x\">1 &amp; 2 &gt; 0<br /><span></span><!-- k --></p>"
              "<p><a href=\"http://b.example/a/d/e\">e</a><img src=\"http://b.example/i\" "
              "alt=\"&quot;\" /><a href=\"#f\">f</a><a href=\"\">g</a></p>");
    CHECK_INT("html: status", d.s.st, FC_OK);
    doc_close(&d);

    root = doc_open(&d, xhtml_doc, FC_OPT_NO_XML_BASE);
    if (root) {
        base = fc_xml_base(d.a, root, NULL, &d.s);
        CHECK_STR("base, not resolving: as written", base, "http://b.example/a/");
        CHECK_STR("resolve, not resolving: unchanged", fc_xml_resolve(d.a, base, "x", &d.s), "x");
        CHECK_STR("html, not resolving: xml:base kept, nothing resolved",
                  fc_xml_html(d.a, fc_xml_next(fc_xml_first(root)), base, &d.s),
                  "<a href=\"e\">e</a><img src=\"/i\" alt=\"&quot;\" /><a href=\"#f\">f</a>"
                  "<a href=\"\">g</a>");
    }
    doc_close(&d);
}

static void test_base_and_sticky(void)
{
    struct doc d;
    xmlNode *root = doc_open(&d, "<r xml:base=\"sub/\"><e xml:base=\"../x/\" a=\"v\">t</e></r>", 0);
    if (!root) {
        SKIP("base", "libxml2 could not parse the test document");
        doc_close(&d);
        return;
    }
    xmlNode *e = fc_xml_first(root);
    const char *rb = fc_xml_base(d.a, root, "http://h.example/p/q", &d.s);
    CHECK_STR("base: chained", rb, "http://h.example/p/sub/");
    CHECK_STR("base: chained twice", fc_xml_base(d.a, e, rb, &d.s), "http://h.example/p/x/");
    CHECK_STR("base: none known", fc_xml_base(d.a, root, NULL, &d.s), "sub/");
    CHECK_STR("resolve: no base", fc_xml_resolve(d.a, NULL, "y", &d.s), "y");
    CHECK_STR("resolve: against the base", fc_xml_resolve(d.a, rb, "../y", &d.s),
              "http://h.example/p/y");
    CHECK_STR("resolve html", fc_xml_resolve_html(d.a, rb, "<a href=\"z\">z</a>", &d.s),
              "<a href=\"http://h.example/p/sub/z\">z</a>");
    CHECK_STR("attr", fc_xml_attr(d.a, e, NULL, "a", &d.s), "v");
    CHECK_STR("text", fc_xml_text(d.a, e, true, &d.s), "t");
    /* Once the status holds a failure the helpers do nothing. */
    fc_sticky_fail(&d.s, FC_ELIMIT, 7, 0, "first");
    CHECK("sticky: attr", fc_xml_attr(d.a, e, NULL, "a", &d.s) == NULL);
    CHECK("sticky: text", fc_xml_text(d.a, e, true, &d.s) == NULL);
    CHECK("sticky: base", fc_xml_base(d.a, e, rb, &d.s) == NULL);
    CHECK("sticky: html", fc_xml_html(d.a, root, rb, &d.s) == NULL);
    CHECK("sticky: ext", fc_xml_to_ext(d.a, &(struct fc_list){0}, e, "rss", &d.s) == NULL);
    CHECK("sticky: the first failure kept", d.s.st == FC_ELIMIT && d.err.line == 7 &&
                                                strcmp(d.err.message, "first") == 0 &&
                                                strcmp(d.err.file, "t.xml") == 0);
    doc_close(&d);
}

/* The same XHTML in RSS (xhtml:body) and Atom (type="xhtml"), the same
 * unescaped HTML in an RSS description and an Atom summary: one HTML. */
static void test_same_html(void)
{
    struct fc_feed *rf = NULL, *af = NULL;
    struct fc_error err;
    enum fc_status rs =
        tl_read_path(FIX "xhtml-same-html/rss.xml", fc_format_find("rss"), NULL, &rf, &err);
    enum fc_status as =
        tl_read_path(FIX "xhtml-same-html/atom.xml", fc_format_find("atom"), NULL, &af, &err);
    const struct fc_post *rp = tl_post_at(rf, 0), *ap = tl_post_at(af, 0);
    CHECK("same html: both read", rs == FC_OK && as == FC_OK && rp && ap);
    if (rp && ap) {
        CHECK_STR("same html: content", rp->content_html, ap->content_html);
        CHECK("same html: content as HTML",
              rp->content_html && strstr(rp->content_html, "<br />") &&
                  strstr(rp->content_html, "<span></span>") &&
                  !strstr(rp->content_html, "xhtml:") &&
                  strstr(rp->content_html, "https://markup.example/notes/deeper/x3"));
        CHECK_STR("same html: summary", rp->summary.value, ap->summary.value);
        CHECK("same html: summary types",
              rp->summary.type == FC_HTML && ap->summary.type == FC_HTML);
    }
    fc_feed_free(rf);
    fc_feed_free(af);
}

/* ---- the reader with and without its parse thread ---------------------- */

/* The walk of fc_xr_read over doc: every node, its depth, name, namespace,
 * line and text, then the warnings and the end; with opt.jobs = jobs, and
 * CDATA sections set aside by the filter or not (xmlfix.h). */
static void walk_node(struct bytes *out, int type, int depth, const xmlNode *n, const char *ns,
                      unsigned long lineno)
{
    char line[200];
    snprintf(line, sizeof line, "%d %d %s {%s} %lu", type, depth,
             n->name ? (const char *)n->name : "-", ns ? ns : "", lineno);
    bytes_str(out, line);
    if (n->content && type != 15) {
        bytes_str(out, " ");
        bytes_str(out, (const char *)n->content);
    }
    for (const xmlAttr *a = n->type == XML_ELEMENT_NODE && type != 15 ? n->properties : NULL; a;
         a = a->next) {
        bytes_str(out, " @");
        bytes_str(out, (const char *)a->name);
        bytes_str(out, "=");
        bytes_str(out,
                  a->children && a->children->content ? (const char *)a->children->content : "");
    }
    bytes_str(out, "\n");
}

/* An expanded subtree as the walk would give it node by node. */
static void walk_tree(struct bytes *out, const xmlNode *n, int depth)
{
    int type = n->type == XML_ELEMENT_NODE   ? 1
               : n->type == XML_PI_NODE      ? 7
               : n->type == XML_COMMENT_NODE ? 8
                                             : 3;
    const char *ns = n->type == XML_ELEMENT_NODE && n->ns ? (const char *)n->ns->href : NULL;
    unsigned long line = (unsigned long)xmlGetLineNo(n);
    walk_node(out, type, depth, n, ns, line);
    if (n->type != XML_ELEMENT_NODE)
        return;
    for (const xmlNode *c = n->children; c; c = c->next)
        walk_tree(out, c, depth + 1);
    walk_node(out, 15, depth, n, ns, line);
}

/* walk_as, with each element at depth `expand` expanded whole (as the
 * readers take posts: a text is whole only in a complete element). */
static void walk_in(const struct bytes *doc, unsigned jobs, bool aside, int expand,
                    struct bytes *out)
{
    struct fc_options opt;
    struct fc_input *in = NULL;
    struct fc_error err;
    struct fc_xr x;
    struct bytes warns = {0};
    fc_options_init(&opt);
    opt.jobs = jobs;
    opt.warn = on_warn;
    opt.warn_ctx = &warns;
    memset(&x, 0, sizeof x);
    if (fc_input_open_memory(doc->p, doc->len, "doc.xml", &in, &err) != FC_OK) {
        bytes_str(out, "open failed\n");
        return;
    }
    bool more = false;
    enum fc_status st = fc_xr_open_as(&x, in, &opt, aside, &err);
    bool next = false;
    while (st == FC_OK &&
           (st = next ? fc_xr_next(&x, &more, &err) : fc_xr_read(&x, &more, &err)) == FC_OK &&
           more) {
        next = false;
        if (fc_xr_type(&x) == 1 && fc_xr_depth(&x) == expand) {
            xmlNode *t = NULL;
            if ((st = fc_xr_expand(&x, &t, &err)) != FC_OK)
                break;
            walk_tree(out, t, expand);
            next = true;
            continue;
        }
        walk_node(out, fc_xr_type(&x), fc_xr_depth(&x), x.cur, fc_xr_ns(&x), fc_xr_line(&x));
    }
    if (warns.p)
        bytes_str(out, warns.p);
    char end[900];
    snprintf(end, sizeof end, "end %d %s:%lu:%lu: %s\n", (int)st, st ? err.file : "",
             st ? err.line : 0, st ? err.column : 0, st ? err.message : "");
    bytes_str(out, end);
    fc_xr_close(&x);
    fc_input_close(in);
    free(warns.p);
}

static void walk(const struct bytes *doc, unsigned jobs, struct bytes *out)
{
    walk_in(doc, jobs, true, -1, out);
}

/* A document of n items over more lines than 65535 (line numbers past it
 * travel differently), with what the parse thread hands over besides
 * elements: comments, processing instructions, repairs, warnings, long
 * text in pieces, attribute values with references; cut makes it end
 * inside an element, bad repeats an attribute in item bad (a fatal
 * error). */
static void big_doc(struct bytes *d, int n, bool cut, int bad)
{
    bytes_str(d, "<?xml version=\"1.0\"?>\n<!-- before -->\n<?early pi?>\n"
                 "<rss xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<channel>\n");
    for (int i = 0; i < n; i++) {
        char b[600];
        snprintf(b, sizeof b,
                 "<item n=\"%d\" a=\"x&amp;y&lt;%d\"%s>\n<title>T %d</title>\n"
                 "<dc:creator xml:id=\"%s%d\">C</dc:creator>\n",
                 i, i, i == bad ? " n=\"2\"" : "", i, i % 97 == 5 ? "9bad" : "ok", i);
        bytes_str(d, b);
        switch (i % 50) {
        case 3:
            snprintf(b, sizeof b, "<!-- c %d --><?pi %d?><?nodata?><x:y>u</x:y>\n", i, i);
            break;
        case 7:
            snprintf(b, sizeof b, "<d>fish & chips &nbsp; %d</d>\n", i);
            break;
        case 9:
            snprintf(b, sizeof b, "<d><![CDATA[<p>%d</p>]]>&lt;b&gt;%d</d>\n", i, i);
            break;
        default:
            snprintf(b, sizeof b, "<d>%d</d>\n", i);
        }
        bytes_str(d, b);
        if (i % 500 == 1) { /* text longer than the parser's pieces */
            bytes_str(d, "<long>");
            for (int k = 0; k < 200; k++)
                bytes_str(d, "&lt;p&gt;a long paragraph of escaped HTML&lt;/p&gt; ");
            bytes_str(d, "</long>\n");
        }
        bytes_str(d, "</item>\n");
    }
    if (!cut)
        bytes_str(d, "</channel>\n</rss>\n<!-- after -->\n");
}

static void test_reader_threads(void)
{
    struct {
        const char *name;
        int n;
        bool cut;
        int bad;
        const char *end;
    } cases[] = {
        {"whole", 14000, false, -1, "end 0 :0:0: "},
        {"cut off", 12000, true, -1, "end 3 doc.xml:"},
        {"an error late", 12000, false, 11000, "end 3 doc.xml:"},
        {"small", 10, false, -1, "end 0 :0:0: "},
    };
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        struct bytes doc = {0}, one = {0}, two = {0}, four = {0};
        big_doc(&doc, cases[c].n, cases[c].cut, cases[c].bad);
        walk(&doc, 1, &one);
        walk(&doc, 2, &two);
        walk(&doc, 4, &four);
        char name[100];
        snprintf(name, sizeof name, "reader threads, %s: -j 2 walks as -j 1", cases[c].name);
        CHECK(name, one.len > 0 && two.len == one.len && memcmp(one.p, two.p, one.len) == 0);
        snprintf(name, sizeof name, "reader threads, %s: -j 4 walks as -j 1", cases[c].name);
        CHECK(name, four.len == one.len && memcmp(one.p, four.p, one.len) == 0);
        const char *end = strstr(one.p, "\nend ");
        snprintf(name, sizeof name, "reader threads, %s: how it ends", cases[c].name);
        CHECK(name, end && strncmp(end + 1, cases[c].end, strlen(cases[c].end)) == 0);
        if (c == 0) {
            CHECK("reader threads: a line past 65535 kept",
                  strstr(one.p, "1 3 title {} 70030\n3 4 text {} 70030 T 13999\n") != NULL);
            CHECK("reader threads: the comment after the root",
                  strstr(one.p, "8 0 comment {} ") != NULL && strstr(one.p, " after ") != NULL);
            CHECK("reader threads: a PI without data", strstr(one.p, "7 3 nodata {}") != NULL);
            CHECK("reader threads: &amp; and &lt; decoded in attributes",
                  strstr(one.p, "@a=x&y<11999") != NULL);
            CHECK("reader threads: the filter's repair warned",
                  strstr(one.p, "doc.xml:") != NULL && strstr(one.p, "&nbsp;") != NULL);
            CHECK("reader threads: the bad xml:id warned",
                  strstr(one.p, "xml:id : attribute value 9bad") != NULL);
            CHECK("reader threads: the undeclared prefix warned",
                  strstr(one.p, "Namespace prefix x") != NULL);
        }
        free(doc.p);
        free(one.p);
        free(two.p);
        free(four.p);
    }
}

/* ---- CDATA sections set aside by the filter ------------------------------ */

/* The warnings and the end of a walk (walk_in). */
static const char *walk_end(const char *w)
{
    for (const char *l = w; l; l = strchr(l, '\n'), l = l ? l + 1 : NULL)
        if (strncmp(l, "doc.xml:", 8) == 0 || strncmp(l, "end ", 4) == 0)
            return l;
    return "";
}

/* doc walks the same with its CDATA sections set aside as without, on the
 * calling thread and with the parse thread; the walk without is *plain.
 * A read that fails the same way may differ in the nodes before: inside
 * a CDATA section, libxml2 had part of it, set aside it waits for its end
 * (fuzz_xmlread.c). */
static bool aside_same(const char *name, const struct bytes *doc, int expand, struct bytes *plain)
{
    struct bytes one = {0}, two = {0};
    walk_in(doc, 1, false, expand, plain);
    walk_in(doc, 1, true, expand, &one);
    walk_in(doc, 2, true, expand, &two);
    const char *end = walk_end(plain->p);
    bool same;
    if (strncmp(end, "end 0 ", 6) == 0 || strstr(end, "\nend 0 "))
        same = one.len == plain->len && memcmp(one.p, plain->p, one.len) == 0 &&
               two.len == plain->len && memcmp(two.p, plain->p, two.len) == 0;
    else
        same = strcmp(walk_end(one.p), end) == 0 && strcmp(walk_end(two.p), end) == 0;
    if (!same)
        printf("# %s: without:\n%s# set aside:\n%s", name, plain->p, one.p);
    CHECK(name, same);
    free(one.p);
    free(two.p);
    return same;
}

/* A feed of n items with sections on one line and on several, empty ones,
 * text and references around them, libxml2 warnings right after them on
 * their last line, one section longer than a parse step, one longer
 * than the filter holds; bad: a fatal error after the last section. */
static void cd_doc(struct bytes *d, int n, bool bad)
{
    bytes_str(d, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss><channel>\n");
    for (int i = 0; i < n; i++) {
        char b[600];
        snprintf(b, sizeof b,
                 "<item><title><![CDATA[T %d \xC3\xA9]]></title><x xml:id=\"%dbad\"/>\n"
                 "<d>a &amp; b<![CDATA[<p>%d</p>\n\n<p>z\xE2\x82\xAC %d</p>]]>c<![CDATA[]]>"
                 "<y xml:id=\"%dbad\"/><![CDATA[]]><z xml:id=\"%dbad\"/></d>\n",
                 i, i, i, i, i, i);
        bytes_str(d, b);
        if (i % 100 == 7) {
            size_t rep = i == 7 ? (FC_XMLFIX_CD_MAX / 40 + 10) : 3000;
            bytes_str(d, "<long><![CDATA[");
            for (size_t k = 0; k < rep; k++)
                bytes_str(d, k % 3 ? "a longer paragraph \xC3\xA9 " : "line\n");
            bytes_str(d, "]]><w xml:id=\"1bad\"/></long>\n");
        }
        bytes_str(d, "</item>\n");
    }
    if (bad)
        bytes_str(d, "<e><![CDATA[one\ntwo]]><f a=\"1\" a=\"2\"/></e>\n");
    bytes_str(d, "</channel></rss>\n");
}

static void test_aside(void)
{
    static const char *const small[] = {
        "<r><d><![CDATA[ab\xC3\xA9]]><e a=\"1\" a=\"2\"/></d></r>",
        "<r>\n<d><![CDATA[x\ny\xC3\xA9\nzz]]>  <e xml:id=\"9bad\"/><f a=\"1\" a=\"2\"/></d></r>",
        "<r><d><![CDATA[]]><e xml:id=\"9bad\"/><![CDATA[]]>x<f a=\"1\" a=\"2\"/></d></r>",
        "<r><d>a&amp;<![CDATA[b]]>c<![CDATA[d]]><!--c--><![CDATA[e]]></d></r>",
        "<r><d><![CDATA[a\r\nb]]><e xml:id=\"9bad\"/></d><![CDATA[c\rd]]></r>",
        "<?fc?><r><d><![CDATA[a]]></d><?fc?><![CDATA[b]]><?fc x?></r>",
        "<r><d><![CDATA[a\x01b\x93]]><e xml:id=\"9bad\"/></d></r>",
        "<r><d><![CDATA[cut\noff",
        "<r><d><![CDATA[x]]></d></r><![CDATA[after]]>",
    };
    for (size_t i = 0; i < sizeof small / sizeof *small; i++) {
        struct bytes doc = {0}, plain = {0};
        bytes_str(&doc, small[i]);
        char name[100];
        snprintf(name, sizeof name, "CDATA set aside walks the same: small document %zu", i + 1);
        aside_same(name, &doc, 1, &plain);
        if (i == 1)
            CHECK("CDATA set aside: the error's column after a section on lines",
                  strstr(plain.p, "end 3 doc.xml:4:") != NULL);
        if (i == 3)
            CHECK("CDATA set aside: one text with the text around it",
                  strstr(plain.p, "3 2 text {} 1 a&bcd\n") != NULL);
        free(doc.p);
        free(plain.p);
    }
    for (int bad = 0; bad < 2; bad++) {
        struct bytes doc = {0}, plain = {0};
        cd_doc(&doc, 1200, bad);
        aside_same(bad ? "CDATA set aside walks the same: a feed, an error at the end"
                       : "CDATA set aside walks the same: a feed",
                   &doc, 2, &plain);
        if (!bad)
            CHECK("CDATA set aside: lines and columns after sections",
                  strstr(plain.p, "doc.xml:3:56: xml:id : attribute value 0bad") != NULL &&
                      strstr(plain.p, "doc.xml:6:46: xml:id : attribute value 0bad") != NULL &&
                      strstr(plain.p, "doc.xml:6:76: xml:id : attribute value 0bad") != NULL);
        free(doc.p);
        free(plain.p);
    }
    /* Text longer than a parse step, read node by node: the cursor's text
     * node is whole (it once came with the first step's part of it). */
    for (int cd = 0; cd < 2; cd++) {
        struct bytes doc = {0}, w = {0};
        bytes_str(&doc, cd ? "<r><![CDATA[" : "<r>");
        for (int i = 0; i < 30000; i++)
            bytes_str(&doc, "text ");
        bytes_str(&doc, cd ? "END]]></r>" : "END</r>");
        walk_in(&doc, 1, false, -1, &w);
        const char *t = strstr(w.p, "3 1 text {} 1 text text ");
        CHECK(cd ? "a long CDATA section read node by node comes whole"
                 : "a long text read node by node comes whole",
              t && strstr(t, " text END\n15 0 r {} 1\n") && !strstr(t + 1, "3 1 text"));
        free(doc.p);
        free(w.p);
    }
    /* Every fixture that reads as XML. */
    struct dirent **ents = NULL;
    int n = scandir(FIX, &ents, NULL, alphasort), files = 0;
    for (int i = 0; i < n; i++) {
        struct dirent **sub = NULL;
        char dir[600];
        snprintf(dir, sizeof dir, FIX "%s", ents[i]->d_name);
        int m = ents[i]->d_name[0] == '.' ? -1 : scandir(dir, &sub, NULL, alphasort);
        for (int k = 0; k < m; k++) {
            const char *f = sub[k]->d_name;
            size_t l = strlen(f);
            char path[1300];
            snprintf(path, sizeof path, "%s/%s", dir, f);
            size_t len = 0;
            char *data = (l > 4 && strcmp(f + l - 4, ".xml") == 0) || strcmp(f, "input") == 0
                             ? tl_slurp(path, &len)
                             : NULL;
            if (data && len < ((size_t)16 << 20)) {
                struct bytes doc = {data, len, len}, plain = {0};
                char name[1400];
                snprintf(name, sizeof name, "CDATA set aside walks the same: %s", path);
                aside_same(name, &doc, 1, &plain);
                files++;
                free(plain.p);
            }
            free(data);
            free(sub[k]);
        }
        free(sub);
        free(ents[i]);
    }
    free(ents);
    CHECK("CDATA set aside: the fixtures walked", files > 80);
}

int main(void)
{
    test_sniff();
    test_html();
    test_base_and_sticky();
    test_same_html();
    test_reader_threads();
    test_aside();
    xmlCleanupParser();
    return CHECK_DONE();
}
