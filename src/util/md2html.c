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
 * Each extension costs time on every document, autolink most: it makes
 * 'w' and ':' special characters (every "w" in the text starts a text
 * node, merged back afterwards) and walks the finished tree for e-mail
 * addresses, a fifth of the parse.  So fc_markdown_to_html attaches only
 * what the document can use (fc_md_extensions); without the others
 * cmark-gfm builds the same tree, because (what cmark-gfm 0.29's
 * extensions react to, checked on every string up to 5-7 bytes of the
 * characters concerned; tests/test_md2html.c and the fuzz targets compare
 * each document with all four attached):
 *  - strikethrough acts only at a '~', its special character;
 *  - tasklist only on a list item's line holding "[ ]", "[x]" or "[X]"
 *    (scan_tasklist);
 *  - table only at a delimiter row below a paragraph line
 *    (scan_table_start): one with a '|', or one cell with a colon beside
 *    its dashes (":-", "-:"), or dashes alone, which is a setext heading
 *    underline, tried first, unless \v or \f stands beside them (the
 *    table scanner's spacechar, not the setext one's);
 *  - autolink links "://" (after http, https or ftp) and "www." where the
 *    inline parser reads text, both within one run of text, and after the
 *    parse addresses in text outside links, each with an '@' ("x@y.z",
 *    "mailto:x@y.z"; from an escape or a character reference too:
 *    "x\@y.z", "&#64;").  When the bytes may hold a URL only inside link
 *    destinations or attributes ("](http://", href="http://"), the
 *    document is parsed without autolink and its text nodes outside links
 *    are checked: splitting text runs at 'w' and ':' does not change the
 *    HTML, so with no "://", "www." or '@' in them autolink would have
 *    changed nothing; else it is parsed again with it.
 * An extension left out changes no other's order: each acts on what only
 * it reads.  The reasons hold for the special characters too: cmark keeps
 * one table of them for the process, which a parser sets for its own
 * extensions while it parses inlines and clears afterwards.
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
 * fc_markdown_to_html runs.  Setting up a parser and its extensions costs
 * under 1% of a post's parse (callgrind, bench/README.md), so each
 * document gets a parser of its own on its pool.
 */
/* pthread_rwlock_t, and glibc's writer-preferring kind of it */
#define _GNU_SOURCE
#include "util/md2html.h"

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/scan.h"

/* FC_MD_* bit i is md_extensions[i]; attached in this order, as always. */
static const char *const md_extensions[] = {"table", "strikethrough", "autolink", "tasklist"};
#define MD_N_EXT (sizeof md_extensions / sizeof md_extensions[0])

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
    bool parsing;                 /* holding parse_lock */
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

/* ---- which extensions a document can use (see the top) -------------- */

static bool is_alpha(unsigned char c)
{
    return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

static bool is_alnum(unsigned char c)
{
    return is_alpha(c) || (c >= '0' && c <= '9');
}

/* The character reference at s[0] == '&' stands for '@' ("&commat;",
 * "&#64;", "&#x40;", leading zeros or not). */
static bool ref_is_at(const char *s, size_t n)
{
    if (n >= 8 && memcmp(s, "&commat;", 8) == 0)
        return true;
    if (n < 4 || s[1] != '#')
        return false;
    bool hex = s[2] == 'x' || s[2] == 'X';
    uint32_t v = 0;
    size_t i = hex ? 3 : 2, start = i;
    for (; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        unsigned d;
        if (c >= '0' && c <= '9')
            d = c - '0';
        else if (hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f')
            d = (c | 0x20) - 'a' + 10;
        else
            break;
        v = v * (hex ? 16 : 10) + d;
        if (v > 0x40)
            return false;
    }
    return i > start && i < n && s[i] == ';' && v == 0x40;
}

/* Autolink's needs from one spot: FC_MD_AUTOLINK where it is likely to
 * link (a bare URL or address), FC_MD_AUTOLINK_CHECK where the text nodes
 * must say (a link destination, an attribute, an escape). */
static unsigned at_url(const unsigned char *p, size_t i)
{
    /* p[i..] is "://" after a letter: the scheme's start, and what is
     * before it */
    size_t s = i;
    while (s && is_alpha(p[s - 1]))
        s--;
    return s && p[s - 1] && strchr("(<\"'=", p[s - 1]) ? FC_MD_AUTOLINK_CHECK : FC_MD_AUTOLINK;
}

static unsigned at_www(const unsigned char *p, size_t i)
{
    /* p[i..] is "www." in any case: inside a URL ("//www.") or a word it
     * starts no autolink */
    return i && (p[i - 1] == '/' || p[i - 1] == '.' || is_alnum(p[i - 1])) ? FC_MD_AUTOLINK_CHECK
                                                                           : FC_MD_AUTOLINK;
}

/* What the byte p[i] (one of md_stop) asks for, added to need
 * (FC_MD_AUTOLINK wins over the check). */
static unsigned md_look(const unsigned char *p, size_t i, size_t n, unsigned need)
{
    unsigned al = 0;
    switch (p[i]) {
    case '|':
    case '\v':
    case '\f':
        need |= FC_MD_TABLE;
        break;
    case '~':
        need |= FC_MD_STRIKETHROUGH;
        break;
    case '[':
        if (n - i > 2 && p[i + 2] == ']' &&
            (p[i + 1] == ' ' || p[i + 1] == '\t' || (p[i + 1] | 0x20) == 'x'))
            need |= FC_MD_TASKLIST;
        break;
    case ':':
        if ((i && p[i - 1] == '-') || (n - i > 1 && p[i + 1] == '-'))
            need |= FC_MD_TABLE;
        if (n - i > 2 && p[i + 1] == '/' && p[i + 2] == '/' && i && is_alpha(p[i - 1]))
            al = at_url(p, i);
        break;
    case '.':
        if (i >= 3 && (p[i - 1] | 0x20) == 'w' && (p[i - 2] | 0x20) == 'w' &&
            (p[i - 3] | 0x20) == 'w')
            al = at_www(p, i - 3);
        break;
    case '@': /* an address, or a mention: few have one */
        al = FC_MD_AUTOLINK;
        break;
    case '&':
        if (ref_is_at((const char *)p + i, n - i))
            al = FC_MD_AUTOLINK_CHECK;
        break;
    }
    need |= al;
    return need & FC_MD_AUTOLINK ? need & ~(unsigned)FC_MD_AUTOLINK_CHECK : need;
}

/* The bytes md_look reads. */
static const unsigned char md_stop[256] = {
    ['|'] = 1, ['~'] = 1, ['['] = 1,  [':'] = 1,  ['.'] = 1,
    ['@'] = 1, ['&'] = 1, ['\v'] = 1, ['\f'] = 1,
};

unsigned fc_md_extensions(const char *md, size_t len)
{
    const unsigned char *p = (const unsigned char *)(md ? md : "");
    size_t n = md ? len : 0, i = 0;
    unsigned need = 0;
#ifdef FC_SCAN_SSE2
    /* 16 bytes a step (scan.h), every stop in them looked at; '|' and
     * '~' are the bytes that are 0x7e with bit 1 set */
    const __m128i k7e = _mm_set1_epi8(0x7e), k2 = _mm_set1_epi8(2), kb = _mm_set1_epi8('['),
                  kc = _mm_set1_epi8(':'), kd = _mm_set1_epi8('.'), ka = _mm_set1_epi8('@'),
                  ke = _mm_set1_epi8('&'), kv = _mm_set1_epi8('\v'), kf = _mm_set1_epi8('\f');
    for (; n - i >= 16 && need != FC_MD_ALL; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
        __m128i h1 = _mm_or_si128(_mm_cmpeq_epi8(_mm_or_si128(v, k2), k7e), _mm_cmpeq_epi8(v, kb));
        __m128i h2 = _mm_or_si128(_mm_cmpeq_epi8(v, kc), _mm_cmpeq_epi8(v, kd));
        __m128i h3 = _mm_or_si128(_mm_cmpeq_epi8(v, ka), _mm_cmpeq_epi8(v, ke));
        __m128i h4 = _mm_or_si128(_mm_cmpeq_epi8(v, kv), _mm_cmpeq_epi8(v, kf));
        __m128i hit = _mm_or_si128(_mm_or_si128(h1, h2), _mm_or_si128(h3, h4));
        for (unsigned m = (unsigned)_mm_movemask_epi8(hit); m; m &= m - 1)
            need = md_look(p, i + (size_t)__builtin_ctz(m), n, need);
    }
#endif
    for (; i < n && need != FC_MD_ALL; i++)
        if (md_stop[p[i]])
            need = md_look(p, i, n, need);
    return need;
}

/* Could autolink link anything in s, a text node's literal?  One pass:
 * literals are short and many. */
static bool text_may_link(const char *s)
{
    for (const char *c = s; (c = strpbrk(c, "@:.")) != NULL; c++) {
        if (*c == '@')
            return true;
        if (*c == ':' ? c[1] == '/' && c[2] == '/'
                      : c - s >= 3 && fc_strncasecmp(c - 3, "www", 3) == 0)
            return true;
    }
    return false;
}

/* Has the tree text outside links that autolink could link?  Its match
 * skips text in brackets, and its e-mail pass text in links; a URL's
 * "://" or "www." is in one text run, so in one text node, and an
 * address's '@' in the merged text node that pass reads. */
static bool tree_may_link(cmark_node *doc)
{
    cmark_iter *it = cmark_iter_new(doc);
    cmark_event_type ev;
    bool found = false;
    while (!found && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(it);
        if (ev != CMARK_EVENT_ENTER)
            continue;
        cmark_node_type t = cmark_node_get_type(n);
        if (t == CMARK_NODE_LINK) {
            cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
        } else if (t == CMARK_NODE_TEXT) {
            const char *s = cmark_node_get_literal(n);
            found = s && text_may_link(s);
        }
    }
    cmark_iter_free(it);
    return found;
}

/* ---- parsing ---------------------------------------------------------- */

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
    unsigned opts;  /* FC_M2H_* */
    unsigned *used; /* FC_MD_* attached, when not NULL */
};

/*
 * cmark-gfm 0.29 keeps the inline parser's special characters in one
 * table for the whole process.  A parser with strikethrough or autolink
 * attached puts theirs in ('~', 'w', ':') while it parses inlines
 * (cmark_parser_finish, and the table extension's rows during the feed)
 * and takes them out when done, so a parse on another thread at that
 * moment loses them ("~~x~~" left as text now and then; tests/cli_jobs.sh;
 * cmark-gfm pull request 176 moves the table onto the parser).  Parses
 * without those two only read the table, and are the common case
 * (fc_md_extensions leaves them off most documents): they share the lock,
 * the others hold it alone.  Writers are preferred, or a steady stream of
 * readers on N threads would keep a strikethrough parse waiting.  With
 * markdown_init's once, the library's only global state: what they guard
 * is cmark-gfm's.
 */
#ifdef PTHREAD_RWLOCK_WRITER_NONRECURSIVE_INITIALIZER_NP
static pthread_rwlock_t parse_lock = PTHREAD_RWLOCK_WRITER_NONRECURSIVE_INITIALIZER_NP;
#else
static pthread_rwlock_t parse_lock = PTHREAD_RWLOCK_INITIALIZER;
#endif

/* The extensions whose special characters go into the shared table. */
#define MD_WRITES_TABLE (FC_MD_STRIKETHROUGH | FC_MD_AUTOLINK)

/* Parse md with the extensions exts (FC_MD_* bits) into d and *doc. */
static enum fc_status parse_with(const char *md, size_t len, unsigned exts, struct fc_md_doc *d,
                                 cmark_node **doc, struct fc_error *err)
{
    d->parser = cmark_parser_new_with_mem(CMARK_OPT_UNSAFE, d->mem);
    for (size_t i = 0; i < MD_N_EXT; i++) {
        if (!(exts & (1u << i)))
            continue;
        cmark_syntax_extension *ext = cmark_find_syntax_extension(md_extensions[i]);
        if (!ext || !cmark_parser_attach_syntax_extension(d->parser, ext))
            return fc_fail(err, FC_EUNSUPPORTED, NULL, 0, 0,
                           "cmark-gfm extension '%s' is not available", md_extensions[i]);
    }
    /* the feed parses inlines (and so looks at the table) only in the
     * table extension's rows: without it, no lock */
    bool table = exts & FC_MD_TABLE;
    if (!table)
        cmark_parser_feed(d->parser, md ? md : "", md ? len : 0);
    if (exts & MD_WRITES_TABLE ? pthread_rwlock_wrlock(&parse_lock)
                               : pthread_rwlock_rdlock(&parse_lock))
        return fc_fail(err, FC_ENOMEM, NULL, 0, 0, "cannot take the Markdown parser's lock");
    md_pool_now->parsing = true; /* on_pool lets go after an out-of-memory jump */
    if (table)
        cmark_parser_feed(d->parser, md ? md : "", md ? len : 0);
    *doc = cmark_parser_finish(d->parser);
    md_pool_now->parsing = false;
    pthread_rwlock_unlock(&parse_lock);
    return FC_OK;
}

/* The parse proper; every cmark allocation is pool memory, so nothing is
 * freed here (on_pool drops the pool, a first tree parsed again too). */
static enum fc_status parse_doc(const char *md, size_t len, const struct parse_call *call,
                                struct fc_error *err)
{
    cmark_mem mem = {mem_calloc, mem_realloc, mem_free};
    struct fc_md_doc d = {&mem, NULL};
    cmark_node *doc;
    bool all = call->fn || (call->opts & FC_M2H_ALL_EXTENSIONS);
    unsigned exts = all ? FC_MD_ALL : fc_md_extensions(md, len);
    enum fc_status st = parse_with(md, len, exts & FC_MD_ALL, &d, &doc, err);
    if (st == FC_OK && (exts & FC_MD_AUTOLINK_CHECK) && tree_may_link(doc)) {
        exts |= FC_MD_AUTOLINK;
        st = parse_with(md, len, exts & FC_MD_ALL, &d, &doc, err);
    }
    if (st != FC_OK)
        return st;
    if (call->used)
        *call->used = exts & FC_MD_ALL;
    if (call->fn)
        return call->fn(call->ctx, &d, doc, err);
    fc_md_doc_render(&d, doc, call->out);
    return call->out->oom ? fc_nomem(err) : FC_OK;
}

static pthread_once_t registered = PTHREAD_ONCE_INIT;

static void register_extensions(void)
{
    cmark_gfm_core_extensions_ensure_registered();
}

static void markdown_init(void)
{
    /* The core extensions into cmark's own table, once in the process:
     * cmark-gfm's guard is a plain int, so two threads' first calls would
     * both register, and the second aborts (a node flag set twice). */
    (void)pthread_once(&registered, register_extensions);
}

/* Run a parse on a pool of its own (see the top). */
static enum fc_status on_pool(const char *md, size_t len, const struct parse_call *call,
                              struct fc_error *err)
{
    markdown_init();
    /* On the heap: nothing the jump could leave stale in this frame. */
    struct md_pool *pool = calloc(1, sizeof *pool);
    if (!pool)
        return fc_nomem(err);
    struct md_pool *volatile outer = md_pool_now; /* only if a caller nests */
    md_pool_now = pool;
    volatile enum fc_status st = FC_ENOMEM;
    if (setjmp(pool->oom) == 0) {
        st = parse_doc(md, len, call, err);
    } else {
        if (pool->parsing)
            pthread_rwlock_unlock(&parse_lock);
        fc_nomem(err);
    }
    md_pool_now = outer;
    pool_release(pool);
    free(pool);
    return st;
}

enum fc_status fc_markdown_parse(const char *md, size_t len, fc_md_doc_fn fn, void *ctx,
                                 struct fc_error *err)
{
    struct parse_call call = {fn, ctx, NULL, 0, NULL};
    return on_pool(md, len, &call, err);
}

enum fc_status fc_markdown_to_html_opts(const char *md, size_t len, struct fc_buf *out,
                                        unsigned opts, unsigned *used, struct fc_error *err)
{
    struct parse_call call = {NULL, NULL, out, opts, used};
    return on_pool(md, len, &call, err);
}

enum fc_status fc_markdown_to_html(const char *md, size_t len, struct fc_buf *out,
                                   struct fc_error *err)
{
    return fc_markdown_to_html_opts(md, len, out, 0, NULL, err);
}
