/*
 * md2html.c - Markdown (CommonMark + GFM) -> HTML with cmark-gfm.
 *
 * fc_markdown_parse (md2html.h) hands the parsed tree to a callback
 * instead, for code that looks at the blocks (sites/kramdown.c).
 *
 * Extensions: table, strikethrough, autolink, tasklist.  CMARK_OPT_UNSAFE
 * keeps raw HTML and every link scheme: the Markdown we read is the post's
 * own content (often written by html2md, which keeps what Markdown cannot
 * say as raw HTML), and feed readers sanitise on display anyway.  tagfilter
 * is deliberately not attached for the same reason.
 *
 * Memory: cmark allocates every node, buffer and delimiter on its own and
 * frees them one by one, which cost more than the parse itself; and its
 * default allocator aborts when memory runs out.  So each conversion runs
 * on a pool of its own (struct md_pool): small blocks come from 64 KB
 * slabs and are recycled by size, large ones are malloc'd; the whole pool
 * goes at once afterwards.  A failed allocation jumps back out of cmark
 * (it holds nothing but pool memory), which makes it a clean FC_ENOMEM.
 * cmark's allocator callbacks take no context argument, so the pool is
 * found through a thread-local pointer that is set only while
 * fc_markdown_to_html runs.
 */
#include "util/md2html.h"

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>

static const char *const md_extensions[] = {"table", "strikethrough", "autolink", "tasklist", NULL};

#define POOL_SLAB ((size_t)64 << 10)
#define POOL_STEP 16
#define POOL_CLASSES 16 /* small blocks: up to 256 bytes, in 16-byte steps */

/* Before every block: its usable size and its class (0: large). */
struct pool_hdr {
    size_t size;
    size_t cls;
};

/* Before a large block's header: its place in the pool's list. */
struct pool_big {
    struct pool_big *prev, *next;
    size_t pad[2]; /* keeps the block 16-byte aligned */
};

struct pool_slab {
    struct pool_slab *next;
    size_t pad;
};

struct md_pool {
    jmp_buf oom;
    char *cur, *end;              /* free space in the newest slab */
    struct pool_slab *slabs;      /* every slab, released at the end */
    struct pool_big *bigs;        /* large blocks still held */
    void *free[POOL_CLASSES + 1]; /* recycled small blocks by class */
};

static _Thread_local struct md_pool *md_pool_now;

static _Noreturn void pool_oom(struct md_pool *p)
{
    longjmp(p->oom, 1);
}

static void pool_link(struct md_pool *p, struct pool_big *b)
{
    b->prev = NULL;
    b->next = p->bigs;
    if (p->bigs)
        p->bigs->prev = b;
    p->bigs = b;
}

static void *pool_alloc(struct md_pool *p, size_t n)
{
    if (n <= POOL_CLASSES * POOL_STEP) {
        size_t cls = n ? (n + POOL_STEP - 1) / POOL_STEP : 1;
        struct pool_hdr *h;
        if (p->free[cls]) {
            void *b = p->free[cls];
            memcpy(&p->free[cls], b, sizeof(void *));
            return b;
        }
        size_t need = sizeof *h + cls * POOL_STEP;
        if ((size_t)(p->end - p->cur) < need) {
            struct pool_slab *s = malloc(POOL_SLAB);
            if (!s)
                pool_oom(p);
            s->next = p->slabs;
            p->slabs = s;
            p->cur = (char *)(s + 1);
            p->end = (char *)s + POOL_SLAB;
        }
        h = (struct pool_hdr *)(void *)p->cur;
        p->cur += need;
        h->size = cls * POOL_STEP;
        h->cls = cls;
        return h + 1;
    }
    if (n > SIZE_MAX - sizeof(struct pool_big) - sizeof(struct pool_hdr))
        pool_oom(p);
    struct pool_big *b = malloc(sizeof *b + sizeof(struct pool_hdr) + n);
    if (!b)
        pool_oom(p);
    pool_link(p, b);
    struct pool_hdr *h = (struct pool_hdr *)(void *)(b + 1);
    h->size = n;
    h->cls = 0;
    return h + 1;
}

static struct pool_hdr *hdr_of(void *ptr)
{
    return (struct pool_hdr *)ptr - 1;
}

static void pool_unlink(struct md_pool *p, struct pool_big *b)
{
    if (b->prev)
        b->prev->next = b->next;
    else
        p->bigs = b->next;
    if (b->next)
        b->next->prev = b->prev;
}

static void pool_free(struct md_pool *p, void *ptr)
{
    if (!ptr)
        return;
    struct pool_hdr *h = hdr_of(ptr);
    if (h->cls) {
        memcpy(ptr, &p->free[h->cls], sizeof(void *));
        p->free[h->cls] = ptr;
        return;
    }
    struct pool_big *b = (struct pool_big *)(void *)h - 1;
    pool_unlink(p, b);
    free(b);
}

static void *pool_realloc(struct md_pool *p, void *ptr, size_t n)
{
    if (!ptr)
        return pool_alloc(p, n);
    struct pool_hdr *h = hdr_of(ptr);
    if (n <= h->size)
        return ptr;
    if (h->cls == 0 && n <= SIZE_MAX - sizeof(struct pool_big) - sizeof *h) {
        struct pool_big *b = (struct pool_big *)(void *)h - 1;
        pool_unlink(p, b);
        struct pool_big *nb = realloc(b, sizeof *b + sizeof *h + n);
        if (!nb) { /* b is still valid: keep it listed for the release */
            pool_link(p, b);
            pool_oom(p);
        }
        pool_link(p, nb);
        h = (struct pool_hdr *)(void *)(nb + 1);
        h->size = n;
        return h + 1;
    }
    void *q = pool_alloc(p, n);
    memcpy(q, ptr, h->size);
    pool_free(p, ptr);
    return q;
}

static void pool_release(struct md_pool *p)
{
    while (p->slabs) {
        struct pool_slab *s = p->slabs;
        p->slabs = s->next;
        free(s);
    }
    while (p->bigs) {
        struct pool_big *b = p->bigs;
        p->bigs = b->next;
        free(b);
    }
}

static void *mem_calloc(size_t n, size_t size)
{
    struct md_pool *p = md_pool_now;
    if (size && n > SIZE_MAX / size)
        pool_oom(p);
    void *b = pool_alloc(p, n * size);
    memset(b, 0, n * size);
    return b;
}

static void *mem_realloc(void *ptr, size_t n)
{
    return pool_realloc(md_pool_now, ptr, n);
}

static void mem_free(void *ptr)
{
    pool_free(md_pool_now, ptr);
}

/* A parsed document lent to a fc_markdown_parse callback. */
struct fc_md_doc {
    cmark_mem *mem;
    cmark_parser *parser;
};

void fc_md_doc_render(const struct fc_md_doc *d, cmark_node *node, struct fc_buf *out)
{
    char *html = cmark_render_html_with_mem(node, CMARK_OPT_UNSAFE,
                                            cmark_parser_get_syntax_extensions(d->parser), d->mem);
    fc_buf_puts(out, html);
}

/* What runs on the pool: the callback, or (fn NULL) the conversion into
 * out. */
struct parse_call {
    fc_md_doc_fn fn;
    void *ctx;
    struct fc_buf *out;
};

/* The parse proper; every cmark allocation is pool memory, so nothing is
 * freed here (on_pool drops the pool). */
static enum fc_status parse_doc(const char *md, size_t len, const struct parse_call *call,
                                struct fc_error *err)
{
    cmark_mem mem = {mem_calloc, mem_realloc, mem_free};
    cmark_parser *parser = cmark_parser_new_with_mem(CMARK_OPT_UNSAFE, &mem);
    for (size_t i = 0; md_extensions[i]; i++) {
        cmark_syntax_extension *ext = cmark_find_syntax_extension(md_extensions[i]);
        if (!ext || !cmark_parser_attach_syntax_extension(parser, ext))
            return fc_fail(err, FC_EUNSUPPORTED, NULL, 0, 0,
                           "cmark-gfm extension '%s' is not available", md_extensions[i]);
    }
    cmark_parser_feed(parser, md ? md : "", md ? len : 0);
    cmark_node *doc = cmark_parser_finish(parser);
    struct fc_md_doc d = {&mem, parser};
    if (call->fn)
        return call->fn(call->ctx, &d, doc, err);
    fc_md_doc_render(&d, doc, call->out);
    return call->out->oom ? fc_nomem(err) : FC_OK;
}

void fc_markdown_init(void)
{
    /* Registers the core extensions in cmark's own table; idempotent. */
    cmark_gfm_core_extensions_ensure_registered();
}

/* Run a parse on a pool of its own (see the top). */
static enum fc_status on_pool(const char *md, size_t len, const struct parse_call *call,
                              struct fc_error *err)
{
    fc_markdown_init();
    /* On the heap: nothing the jump could leave stale in this frame. */
    struct md_pool *pool = calloc(1, sizeof *pool);
    if (!pool)
        return fc_nomem(err);
    struct md_pool *volatile outer = md_pool_now; /* only if a caller nests */
    md_pool_now = pool;
    volatile enum fc_status st = FC_ENOMEM;
    if (setjmp(pool->oom) == 0)
        st = parse_doc(md, len, call, err);
    else
        fc_nomem(err);
    md_pool_now = outer;
    pool_release(pool);
    free(pool);
    return st;
}

enum fc_status fc_markdown_parse(const char *md, size_t len, fc_md_doc_fn fn, void *ctx,
                                 struct fc_error *err)
{
    struct parse_call call = {fn, ctx, NULL};
    return on_pool(md, len, &call, err);
}

enum fc_status fc_markdown_to_html(const char *md, size_t len, struct fc_buf *out,
                                   struct fc_error *err)
{
    struct parse_call call = {NULL, NULL, out};
    return on_pool(md, len, &call, err);
}
