/*
 * fuzz_xmlread.c - the XML reader (src/syntax/xml_read.c) with the repair
 * filter's CDATA sections set aside (xmlfix.h) against the same read with
 * them passed to libxml2, on arbitrary bytes.  Besides memory errors: the
 * two walks give the same warnings with their positions and the same end,
 * and when the end is no error, the same nodes (type, depth, name,
 * namespace, line, text, attributes).  (A read that fails inside a CDATA
 * section gave libxml2 part of it before the failure, and the walk a part
 * of its text; set aside, the section waits for its end.  Either way the
 * read fails.)  The children of the root are expanded whole, as the
 * readers take posts.
 */
#include "fuzz.h"
#include "syntax/xml_read.h"

static void fuzz_xr_warn(void *ctx, const struct fc_error *w)
{
    fc_buf_printf(ctx, "%lu:%lu: %s\n", w->line, w->column, w->message);
}

static void fuzz_xr_node(struct fc_buf *out, int type, int depth, const xmlNode *n)
{
    const char *ns = n->type == XML_ELEMENT_NODE && n->ns ? (const char *)n->ns->href : "";
    fc_buf_printf(out, "%d %d %s {%s} %ld", type, depth, n->name ? (const char *)n->name : "-", ns,
                  xmlGetLineNo(n));
    if (n->content && type != 15) {
        fc_buf_putc(out, ' ');
        fc_buf_puts(out, (const char *)n->content);
    }
    for (const xmlAttr *a = n->type == XML_ELEMENT_NODE && type != 15 ? n->properties : NULL; a;
         a = a->next) {
        fc_buf_printf(out, " @%s=%s", (const char *)a->name,
                      a->children && a->children->content ? (const char *)a->children->content
                                                          : "");
    }
    fc_buf_putc(out, '\n');
}

static void fuzz_xr_tree(struct fc_buf *out, const xmlNode *n, int depth)
{
    int type = n->type == XML_ELEMENT_NODE   ? 1
               : n->type == XML_PI_NODE      ? 7
               : n->type == XML_COMMENT_NODE ? 8
                                             : 3;
    fuzz_xr_node(out, type, depth, n);
    if (n->type != XML_ELEMENT_NODE)
        return;
    for (const xmlNode *c = n->children; c; c = c->next)
        fuzz_xr_tree(out, c, depth + 1);
    fuzz_xr_node(out, 15, depth, n);
}

static enum fc_status fuzz_xr_walk(const uint8_t *data, size_t size, bool aside, struct fc_buf *out,
                                   struct fc_buf *end)
{
    struct fc_options opt;
    struct fc_input *in = NULL;
    struct fc_error err = {0};
    struct fc_xr x;
    struct fc_buf warns = {0};
    fc_options_init(&opt);
    opt.jobs = 1;
    opt.warn = fuzz_xr_warn;
    opt.warn_ctx = &warns;
    if (size && (data[size - 1] & 1))
        opt.flags |= FC_OPT_KEEP_GOING;
    memset(&x, 0, sizeof x);
    enum fc_status st = fc_input_open_memory(data, size, "fuzz", &in, &err);
    bool more = false, next = false;
    if (st == FC_OK)
        st = fc_xr_open_as(&x, in, &opt, aside, &err);
    while (st == FC_OK &&
           (st = next ? fc_xr_next(&x, &more, &err) : fc_xr_read(&x, &more, &err)) == FC_OK &&
           more) {
        next = false;
        if (fc_xr_type(&x) == 1 && fc_xr_depth(&x) == 1) {
            xmlNode *t = NULL;
            if ((st = fc_xr_expand(&x, &t, &err)) != FC_OK)
                break;
            fuzz_xr_tree(out, t, 1);
            next = true;
            continue;
        }
        fuzz_xr_node(out, fc_xr_type(&x), fc_xr_depth(&x), x.cur);
    }
    fc_buf_add(end, warns.data ? warns.data : "", warns.len);
    fc_buf_printf(end, "end %d %lu:%lu: %s\n", (int)st, st ? err.line : 0, st ? err.column : 0,
                  st ? err.message : "");
    fc_xr_close(&x);
    fc_input_close(in);
    fc_buf_free(&warns);
    return st;
}

static bool fuzz_xr_same(const struct fc_buf *a, const struct fc_buf *b)
{
    return a->oom || b->oom || (a->len == b->len && (!a->len || !memcmp(a->data, b->data, a->len)));
}

FUZZ_ENTRY(xmlread)
{
    struct fc_buf plain = {0}, aside = {0}, plain_end = {0}, aside_end = {0};
    enum fc_status st = fuzz_xr_walk(data, size, false, &plain, &plain_end);
    fuzz_xr_walk(data, size, true, &aside, &aside_end);
    FUZZ_CHECK(fuzz_xr_same(&plain_end, &aside_end),
               "CDATA set aside: other warnings or another end");
    if (st == FC_OK)
        FUZZ_CHECK(fuzz_xr_same(&plain, &aside), "CDATA set aside: the walk differs");
    fc_buf_free(&plain);
    fc_buf_free(&aside);
    fc_buf_free(&plain_end);
    fc_buf_free(&aside_end);
    return 0;
}
