/*
 * md2html.c - Markdown (CommonMark + GFM) -> HTML with cmark-gfm.
 *
 * Extensions: table, strikethrough, autolink, tasklist.  CMARK_OPT_UNSAFE
 * keeps raw HTML and every link scheme: the Markdown we read is the post's
 * own content (often written by html2md, which keeps what Markdown cannot
 * say as raw HTML), and feed readers sanitise on display anyway.  tagfilter
 * is deliberately not attached for the same reason.
 *
 * cmark's default allocator aborts when memory runs out; there is no way
 * to make it report failure, so that one case cannot become FC_ENOMEM.
 */
#include "internal.h"

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <stdlib.h>

static const char *const md_extensions[] = {"table", "strikethrough", "autolink", "tasklist", NULL};

enum fc_status fc_markdown_to_html(const char *md, size_t len, struct fc_buf *out,
                                   struct fc_error *err)
{
    const int options = CMARK_OPT_UNSAFE;
    enum fc_status st = FC_OK;

    /* Registers the core extensions in cmark's own table; idempotent. */
    cmark_gfm_core_extensions_ensure_registered();
    cmark_parser *parser = cmark_parser_new(options);
    if (!parser)
        return fc_nomem(err);
    for (size_t i = 0; md_extensions[i]; i++) {
        cmark_syntax_extension *ext = cmark_find_syntax_extension(md_extensions[i]);
        if (!ext || !cmark_parser_attach_syntax_extension(parser, ext)) {
            cmark_parser_free(parser);
            return fc_fail(err, FC_EUNSUPPORTED, NULL, 0, 0,
                           "cmark-gfm extension '%s' is not available", md_extensions[i]);
        }
    }
    cmark_parser_feed(parser, md ? md : "", md ? len : 0);
    cmark_node *doc = cmark_parser_finish(parser);
    if (!doc) {
        cmark_parser_free(parser);
        return fc_nomem(err);
    }
    char *html = cmark_render_html(doc, options, cmark_parser_get_syntax_extensions(parser));
    if (!html) {
        st = fc_nomem(err);
    } else {
        fc_buf_puts(out, html);
        if (out->oom)
            st = fc_nomem(err);
        free(html);
    }
    cmark_node_free(doc);
    cmark_parser_free(parser);
    return st;
}
