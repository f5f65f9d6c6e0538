/*
 * wp_blocks.c - the block editor's serialisation: the tokenizer and the
 * parser of WP_Block_Parser (wp-includes/class-wp-block-parser.php).
 * Rendering is in wp_body.c.
 *
 * A token (next_token):
 *   <!--\s+(/)?wp:([a-z][a-z0-9_-]*\/)?([a-z][a-z0-9_-]*)\s+
 *       ({(?:(?:[^}]+|}+(?=})|(?!}\s+\/?-->).)*+)?}\s+)?(\/)?-->
 * White space is required after "<!--" and after the name; the attributes
 * run to the first '}' followed by white space and "-->" (or "/-->").
 * Parser: text outside blocks is a freeform block; a closer closes the top
 * of the stack whatever its name; a closer with nothing open makes the rest
 * freeform and ends the parse; blocks open at the end are closed there.
 */
#include "sites/wp.h"

static bool ws(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

static bool lower(unsigned char c)
{
    return c >= 'a' && c <= 'z';
}

static bool name_byte(unsigned char c)
{
    return lower(c) || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

bool fc_wp_has_blocks(const char *s, size_t n)
{
    for (const char *p = s; (p = memchr(p, '<', n - (size_t)(p - s))) != NULL; p++)
        if (n - (size_t)(p - s) >= 8 && memcmp(p, "<!-- wp:", 8) == 0)
            return true;
    return false;
}

/* '}\s+\/?-->' at s[i]: its end, 0 when not there. */
static size_t attrs_end(const char *s, size_t i, size_t n)
{
    if (i >= n || s[i] != '}' || i + 1 >= n || !ws((unsigned char)s[i + 1]))
        return 0;
    size_t j = i + 1;
    while (j < n && ws((unsigned char)s[j]))
        j++;
    if (j < n && s[j] == '/')
        j++;
    return n - j >= 3 && memcmp(s + j, "-->", 3) == 0 ? j + 3 : 0;
}

/* A cache of the last search for the attributes' end: scanning many
 * "<!-- wp:x {" with no end stays linear. */
struct term_cache {
    size_t from, at; /* the first end at or after `from` is at `at` */
};

/* Where the attributes' loop stops after '{' at s[i]: the first '}' that
 * ends them (see above); n when none. */
static size_t attrs_close(const char *s, size_t i, size_t n, struct term_cache *c)
{
    if (c && c->from <= i + 1 && c->at >= i + 1)
        return c->at;
    size_t p = i + 1, found = n;
    while (p < n) {
        const char *q = memchr(s + p, '}', n - p);
        if (!q)
            break;
        p = (size_t)(q - s);
        if (attrs_end(s, p, n)) {
            found = p;
            break;
        }
        p++;
    }
    if (c) {
        c->from = i + 1;
        c->at = found;
    }
    return found;
}

/* One token's parts (offsets into the document). */
struct tok {
    bool closer, is_void;
    size_t name, name_len, ns_len, attrs, attrs_len;
};

static size_t token(const char *s, size_t i, size_t n, struct tok *t, struct term_cache *c)
{
    if (n - i < 4 || memcmp(s + i, "<!--", 4) != 0)
        return 0;
    size_t j = i + 4;
    if (j >= n || !ws((unsigned char)s[j]))
        return 0;
    while (j < n && ws((unsigned char)s[j]))
        j++;
    t->closer = j < n && s[j] == '/';
    if (t->closer)
        j++;
    if (n - j < 3 || memcmp(s + j, "wp:", 3) != 0)
        return 0;
    j += 3;
    t->name = j;
    t->ns_len = 0;
    size_t k = j;
    if (k < n && lower((unsigned char)s[k])) {
        while (k < n && name_byte((unsigned char)s[k]))
            k++;
        if (k < n && s[k] == '/') {
            t->ns_len = k + 1 - j;
            j = k + 1;
        }
    }
    if (j >= n || !lower((unsigned char)s[j]))
        return 0;
    while (j < n && name_byte((unsigned char)s[j]))
        j++;
    t->name_len = j - t->name;
    if (j >= n || !ws((unsigned char)s[j]))
        return 0;
    while (j < n && ws((unsigned char)s[j]))
        j++;
    t->attrs = t->attrs_len = 0;
    if (j < n && s[j] == '{') {
        size_t e = attrs_close(s, j, n, c);
        if (e < n) {
            t->attrs = j;
            t->attrs_len = e + 1 - j;
            j = e + 1;
            while (j < n && ws((unsigned char)s[j]))
                j++;
        }
    }
    t->is_void = j < n && s[j] == '/';
    if (t->is_void)
        j++;
    return n - j >= 3 && memcmp(s + j, "-->", 3) == 0 ? j + 3 - i : 0;
}

size_t fc_wp_block_token(const char *s, size_t i, size_t n, bool *closer, bool *is_void,
                         size_t *name, size_t *name_len, size_t *ns_len, size_t *attrs,
                         size_t *attrs_len)
{
    struct tok t = {0};
    size_t len = token(s, i, n, &t, NULL);
    *closer = t.closer;
    *is_void = t.is_void;
    *name = t.name;
    *name_len = t.name_len;
    *ns_len = t.ns_len;
    *attrs = t.attrs;
    *attrs_len = t.attrs_len;
    return len;
}

/* ---- the parser -------------------------------------------------------------- */

struct frame {
    struct fc_wp_block *b;
    size_t token_start, token_len, prev_offset;
    size_t leading; /* (size_t)-1: no HTML before it */
};

struct parser {
    struct fc_arena *a;
    const char *s;
    size_t n, offset;
    struct frame *stack;
    size_t depth, cap;
    struct fc_wp_block **out;
    size_t nout, capout;
    struct term_cache cache;
    bool oom;
};

/* Append p to a growing array in the arena (doubling; the old copy stays
 * in the arena until it is freed). */
static bool grow(struct fc_arena *a, void **arr, size_t *n, size_t *cap, size_t size)
{
    if (*n < *cap)
        return true;
    size_t nc = *cap ? *cap * 2 : 4;
    void *v = fc_alloc(a, nc * size);
    if (!v)
        return false;
    if (*n)
        memcpy(v, *arr, *n * size);
    *arr = v;
    *cap = nc;
    return true;
}

static void add_chunk(struct parser *p, struct fc_wp_block *b, const char *html, size_t len,
                      size_t *cap)
{
    if (!grow(p->a, (void **)&b->chunks, &b->nchunks, cap, sizeof *b->chunks)) {
        p->oom = true;
        return;
    }
    b->chunks[b->nchunks].html = html;
    b->chunks[b->nchunks++].len = len;
}

/* PHP's ! empty( $html ): neither "" nor "0". */
static bool not_empty(const char *s, size_t len)
{
    return len > 1 || (len == 1 && s[0] != '0');
}

/* The chunk arrays' capacities live beside the blocks (a block's chunks
 * and inner blocks only grow while it is on the stack). */
struct caps {
    size_t chunks, inner;
};

static struct fc_wp_block *new_block(struct parser *p, size_t start, const struct tok *t)
{
    struct fc_wp_block *b = fc_alloc(p->a, sizeof *b + sizeof(struct caps));
    char *nm = fc_alloc(p->a, t->name_len + (t->ns_len ? 0 : 5) + 1);
    if (!b || !nm) {
        p->oom = true;
        return NULL;
    }
    b->offset = start;
    b->is_void = t->is_void;
    size_t o = 0;
    if (!t->ns_len) { /* no namespace: core/ */
        memcpy(nm, "core/", 5);
        o = 5;
    }
    memcpy(nm + o, p->s + t->name, t->name_len);
    nm[o + t->name_len] = '\0';
    b->name = nm;
    if (t->attrs_len) {
        b->attrs = p->s + t->attrs;
        b->attrs_len = t->attrs_len;
    }
    return b;
}

static struct caps *caps_of(struct fc_wp_block *b)
{
    return (struct caps *)(b + 1);
}

static struct fc_wp_block *freeform(struct parser *p, size_t from, size_t len)
{
    struct fc_wp_block *b = fc_alloc(p->a, sizeof *b + sizeof(struct caps));
    if (!b) {
        p->oom = true;
        return NULL;
    }
    b->offset = from;
    add_chunk(p, b, p->s + from, len, &caps_of(b)->chunks);
    return b;
}

static void output(struct parser *p, struct fc_wp_block *b)
{
    if (!b)
        return;
    if (!grow(p->a, (void **)&p->out, &p->nout, &p->capout, sizeof *p->out)) {
        p->oom = true;
        return;
    }
    p->out[p->nout++] = b;
}

static void add_freeform(struct parser *p)
{
    if (p->n > p->offset)
        output(p, freeform(p, p->offset, p->n - p->offset));
}

static void add_inner_block(struct parser *p, struct fc_wp_block *b, size_t token_start,
                            size_t token_len, size_t last_offset)
{
    struct frame *parent = &p->stack[p->depth - 1];
    struct fc_wp_block *pb = parent->b;
    struct caps *c = caps_of(pb);
    if (!grow(p->a, (void **)&pb->inner, &pb->ninner, &c->inner, sizeof *pb->inner)) {
        p->oom = true;
        return;
    }
    pb->inner[pb->ninner++] = b;
    size_t len = token_start - parent->prev_offset;
    if (not_empty(p->s + parent->prev_offset, len))
        add_chunk(p, pb, p->s + parent->prev_offset, len, &c->chunks);
    add_chunk(p, pb, NULL, 0, &c->chunks);
    parent->prev_offset = last_offset ? last_offset : token_start + token_len;
}

static void add_block_from_stack(struct parser *p, size_t end_offset)
{
    struct frame top = p->stack[--p->depth];
    size_t end = end_offset ? end_offset : p->n;
    size_t len = end - top.prev_offset;
    if (not_empty(p->s + top.prev_offset, len))
        add_chunk(p, top.b, p->s + top.prev_offset, len, &caps_of(top.b)->chunks);
    if (top.leading != (size_t)-1)
        output(p, freeform(p, top.leading, top.token_start - top.leading));
    output(p, top.b);
}

/* The next token at or after p->offset: false when there is none. */
static bool next_token(struct parser *p, size_t *start, size_t *len, struct tok *t)
{
    const char *s = p->s;
    for (size_t i = p->offset; i < p->n; i++) {
        const char *lt = memchr(s + i, '<', p->n - i);
        if (!lt)
            return false;
        i = (size_t)(lt - s);
        size_t l = token(s, i, p->n, t, &p->cache);
        if (l) {
            *start = i;
            *len = l;
            return true;
        }
    }
    return false;
}

/* WP_Block_Parser::proceed(): false when the parse is over. */
static bool proceed(struct parser *p)
{
    size_t start = 0, len = 0;
    struct tok t = {0};
    bool found = next_token(p, &start, &len, &t);
    size_t leading = found && start > p->offset ? p->offset : (size_t)-1;
    if (!found) {
        if (p->depth == 0)
            add_freeform(p);
        while (p->depth > 0 && !p->oom)
            add_block_from_stack(p, 0);
        return false;
    }
    if (t.is_void) {
        struct fc_wp_block *b = new_block(p, start, &t);
        if (!b)
            return false;
        if (p->depth == 0) {
            if (leading != (size_t)-1)
                output(p, freeform(p, leading, start - leading));
            output(p, b);
        } else {
            add_inner_block(p, b, start, len, 0);
        }
        p->offset = start + len;
        return true;
    }
    if (!t.closer) {
        struct fc_wp_block *b = new_block(p, start, &t);
        if (!b || !grow(p->a, (void **)&p->stack, &p->depth, &p->cap, sizeof *p->stack)) {
            p->oom = true;
            return false;
        }
        p->stack[p->depth++] = (struct frame){b, start, len, start + len, leading};
        p->offset = start + len;
        return true;
    }
    if (p->depth == 0) {
        add_freeform(p);
        return false;
    }
    if (p->depth == 1) {
        add_block_from_stack(p, start);
        p->offset = start + len;
        return true;
    }
    struct frame top = p->stack[--p->depth];
    add_chunk(p, top.b, p->s + top.prev_offset, start - top.prev_offset, &caps_of(top.b)->chunks);
    add_inner_block(p, top.b, top.token_start, top.token_len, start + len);
    p->offset = start + len;
    return true;
}

bool fc_wp_parse_blocks(struct fc_arena *a, const char *s, size_t n, struct fc_wp_block ***out,
                        size_t *nout)
{
    struct parser p = {a, s, n, 0, NULL, 0, 0, NULL, 0, 0, {1, 0}, false};
    while (!p.oom && proceed(&p))
        ;
    *out = p.out;
    *nout = p.nout;
    return !p.oom;
}
