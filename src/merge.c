/*
 * merge.c - several inputs into one feed (fc_convert_many): each post
 * once, newest first, with the feed it came from.
 *
 * Bounded memory: a post read is encoded (postcodec.c) into a spool, a
 * temporary file past a few megabytes; what stays in memory per post is
 * its entry (where its bytes are, its dates, what keys it has) and up to
 * three key hashes.  Posts are decoded again one at a time to be written.
 *
 * Duplicates: two posts are one when their ids are equal; when not both
 * have an id, when their links are equal; when not both have an id or a
 * link either, when their titles and dates are equal.  Of two copies the
 * one updated last is kept (the first read when neither is newer), in
 * the place of the first.  A hash match is confirmed on the strings
 * themselves (the earlier copy read back), so no hash collision can drop
 * a post.
 *
 * Order: dated posts (published, else updated) newest first, then the
 * undated ones; equal dates keep the order they were read in.
 */
#include "internal.h"
#include "util/hashset.h"

#include <stdlib.h>

enum { HAS_ID = 1, HAS_LINK = 2, DATED = 4 };
enum key { K_ID, K_LINK, K_TITLE_DATE, N_KEYS };

struct entry {
    uint64_t off; /* its bytes in the spool */
    uint32_t len;
    uint32_t input;  /* the input it came from (fc_merge.feeds) */
    uint32_t seq;    /* its place in reading order */
    uint8_t flags;   /* HAS_ID, HAS_LINK, DATED */
    int64_t date;    /* published, else updated: the order */
    int64_t version; /* updated, else published: which copy wins */
};

/* Key hashes -> entries, open addressing on 32 bits of the hash (the
 * slot and the fingerprint both), which is enough to find candidates: a
 * candidate is read back and compared before it counts.  Several entries
 * may share a key (two posts with one link and different ids). */
struct slot {
    uint32_t fp; /* 0: empty */
    uint32_t entry;
};

struct keys {
    struct slot *slots;
    size_t cap, n;
};

struct fc_merge {
    struct fc_handler h;
    struct fc_spool *spool;
    struct fc_buf enc, dec; /* a post's bytes, written / read back */
    struct entry *entries;
    size_t n, cap;
    struct keys keys;
    struct fc_feed **feeds; /* each input's, referenced */
    size_t n_feeds, cur;
};

/* ---- keys ---------------------------------------------------------------- */

static uint64_t key_hash(enum key k, const char *s, int64_t date)
{
    unsigned char kind = (unsigned char)k;
    uint64_t h = fc_fnv1a(FC_FNV_OFFSET, &kind, 1);
    h = fc_fnv1a(h, s, strlen(s));
    if (k == K_TITLE_DATE)
        h = fc_fnv1a(h, &date, sizeof date);
    return h;
}

static uint32_t fingerprint(uint64_t h)
{
    return (uint32_t)(h >> 32) | 1;
}

static size_t start_of(const struct keys *t, uint32_t fp)
{
    return (size_t)(fp * UINT32_C(2654435761)) & (t->cap - 1);
}

static void put(struct keys *t, uint32_t fp, uint32_t entry)
{
    size_t j = start_of(t, fp);
    while (t->slots[j].fp)
        j = (j + 1) & (t->cap - 1);
    t->slots[j] = (struct slot){fp, entry};
}

static bool keys_add(struct keys *t, uint64_t h, uint32_t entry)
{
    if ((t->n + 1) * 4 > t->cap * 3) {
        size_t cap = t->cap ? t->cap * 2 : 1024;
        struct slot *slots = calloc(cap, sizeof *slots);
        if (!slots)
            return false;
        struct keys old = *t;
        t->slots = slots, t->cap = cap;
        for (size_t i = 0; i < old.cap; i++)
            if (old.slots[i].fp)
                put(t, old.slots[i].fp, old.slots[i].entry);
        free(old.slots);
    }
    put(t, fingerprint(h), entry);
    t->n++;
    return true;
}

/* ---- a post's identity --------------------------------------------------- */

struct ident {
    const char *s[N_KEYS]; /* id, link, title; NULL: none */
    uint64_t h[N_KEYS];
    int64_t date, version;
    uint8_t flags;
};

static bool nonempty(const char *s)
{
    return s && *s;
}

static void identify(const struct fc_post *p, struct ident *id)
{
    const struct fc_time *d = fc_time_present(&p->published) ? &p->published : &p->updated;
    const struct fc_time *v = fc_time_present(&p->updated) ? &p->updated : &p->published;
    memset(id, 0, sizeof *id);
    id->s[K_ID] = nonempty(p->id) ? p->id : NULL;
    id->s[K_LINK] = nonempty(p->url) ? p->url : NULL;
    id->s[K_TITLE_DATE] = nonempty(p->title.value) ? p->title.value : NULL;
    id->flags = (id->s[K_ID] ? HAS_ID : 0) | (id->s[K_LINK] ? HAS_LINK : 0) |
                (fc_time_present(d) ? DATED : 0);
    id->date = fc_time_present(d) ? fc_time_epoch(d) : 0;
    id->version = fc_time_present(v) ? fc_time_epoch(v) : INT64_MIN;
    if (!(id->flags & DATED))
        id->s[K_TITLE_DATE] = NULL;
    for (int k = 0; k < N_KEYS; k++)
        if (id->s[k])
            id->h[k] = key_hash((enum key)k, id->s[k], id->date);
}

static bool same_str(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}

/* Read entry e's post back (caller frees). */
static enum fc_status load(struct fc_merge *m, const struct entry *e, struct fc_post **p,
                           struct fc_error *err)
{
    fc_buf_reset(&m->dec);
    if (!fc_buf_reserve(&m->dec, e->len))
        return fc_nomem(err);
    enum fc_status st = fc_spool_read(m->spool, e->off, m->dec.data, e->len, err);
    return st ? st : fc_post_decode(m->dec.data, e->len, p, err);
}

/* The entry p duplicates, or -1. */
static enum fc_status find_dup(struct fc_merge *m, const struct ident *id, long *dup,
                               struct fc_error *err)
{
    *dup = -1;
    const struct keys *t = &m->keys;
    for (int k = 0; k < N_KEYS && t->cap; k++) {
        if (!id->s[k])
            continue;
        uint32_t fp = fingerprint(id->h[k]);
        for (size_t j = start_of(t, fp); t->slots[j].fp; j = (j + 1) & (t->cap - 1)) {
            if (t->slots[j].fp != fp)
                continue;
            const struct entry *e = &m->entries[t->slots[j].entry];
            /* a later key counts only where the earlier ones cannot tell */
            if (k >= K_LINK && (e->flags & id->flags & HAS_ID))
                continue;
            if (k == K_TITLE_DATE && (e->flags & id->flags & HAS_LINK))
                continue;
            struct fc_post *q;
            enum fc_status st = load(m, e, &q, err);
            if (st)
                return st;
            bool same = k == K_ID     ? same_str(q->id, id->s[k])
                        : k == K_LINK ? same_str(q->url, id->s[k])
                                      : same_str(q->title.value, id->s[k]) && (e->flags & DATED) &&
                                            e->date == id->date;
            fc_post_free(q);
            if (same) {
                *dup = (long)t->slots[j].entry;
                return FC_OK;
            }
        }
    }
    return FC_OK;
}

/* ---- reading ------------------------------------------------------------- */

static enum fc_status keep_feed(void *ctx, struct fc_feed *feed, struct fc_error *err)
{
    struct fc_merge *m = ctx;
    if (m->cur < m->n_feeds)
        return FC_OK;
    struct fc_feed **feeds = realloc(m->feeds, (m->n_feeds + 1) * sizeof *feeds);
    if (!feeds)
        return fc_nomem(err);
    m->feeds = feeds;
    feeds[m->n_feeds++] = fc_feed_ref(feed);
    return FC_OK;
}

static enum fc_status spill(struct fc_merge *m, const struct fc_post *p, struct entry *e,
                            struct fc_error *err)
{
    fc_buf_reset(&m->enc);
    enum fc_status st = fc_post_encode(p, &m->enc, err);
    if (st)
        return st;
    if (m->enc.len > UINT32_MAX)
        return fc_fail(err, FC_ELIMIT, "", p->line, p->column, "a post of over 4 GB");
    e->off = fc_spool_size(m->spool);
    e->len = (uint32_t)m->enc.len;
    return fc_spool_write(m->spool, m->enc.data, m->enc.len, err);
}

static enum fc_status merge_post(void *ctx, struct fc_feed *feed, struct fc_post *post,
                                 struct fc_error *err)
{
    struct fc_merge *m = ctx;
    enum fc_status st = keep_feed(ctx, feed, err);
    if (st)
        return st;
    struct ident id;
    identify(post, &id);
    long dup;
    if ((st = find_dup(m, &id, &dup, err)))
        return st;
    struct entry *e;
    if (dup >= 0) {
        e = &m->entries[dup];
        if (id.version <= e->version)
            return FC_OK; /* the copy kept is as new */
    } else {
        if (m->n >= UINT32_MAX)
            return fc_fail(err, FC_ELIMIT, "", 0, 0, "more than 4 billion posts");
        if (m->n == m->cap) {
            size_t cap = m->cap ? m->cap * 2 : 1024;
            struct entry *n = realloc(m->entries, cap * sizeof *n);
            if (!n)
                return fc_nomem(err);
            m->entries = n, m->cap = cap;
        }
        e = &m->entries[m->n];
        *e = (struct entry){.seq = (uint32_t)m->n};
    }
    if ((st = spill(m, post, e, err)))
        return st;
    e->input = (uint32_t)m->cur;
    e->flags |= id.flags;
    e->date = id.date, e->version = id.version;
    uint32_t at = (uint32_t)(e - m->entries);
    if (dup < 0)
        m->n++;
    for (int k = 0; k < N_KEYS; k++)
        if (id.s[k] && !keys_add(&m->keys, id.h[k], at))
            return fc_nomem(err);
    return FC_OK;
}

enum fc_status fc_merge_new(struct fc_merge **out, struct fc_error *err)
{
    struct fc_merge *m = calloc(1, sizeof *m);
    *out = NULL;
    if (!m)
        return fc_nomem(err);
    enum fc_status st = fc_spool_open(&m->spool, err);
    if (st) {
        free(m);
        return st;
    }
    m->h = (struct fc_handler){m, keep_feed, merge_post, keep_feed, NULL};
    *out = m;
    return FC_OK;
}

struct fc_handler *fc_merge_input(struct fc_merge *m, size_t i)
{
    m->cur = i;
    return &m->h;
}

/* ---- writing ------------------------------------------------------------- */

static int by_date(const void *a, const void *b)
{
    const struct entry *x = a, *y = b;
    if ((x->flags & DATED) != (y->flags & DATED))
        return (x->flags & DATED) ? -1 : 1;
    if ((x->flags & DATED) && x->date != y->date)
        return x->date > y->date ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* A post's source: the feed it came from, unless it names one itself
 * (copied into the post, which a writer may keep). */
static enum fc_status set_source(struct fc_post *p, const struct fc_source *from,
                                 struct fc_error *err)
{
    if (p->source || (!from->title && !from->url && !from->home_url && !from->id))
        return FC_OK;
    struct fc_source *s = fc_alloc(p->arena, sizeof *s);
    if (!s || fc_set(p->arena, &s->title, from->title) || fc_set(p->arena, &s->url, from->url) ||
        fc_set(p->arena, &s->home_url, from->home_url) || fc_set(p->arena, &s->id, from->id))
        return fc_nomem(err);
    s->updated = from->updated;
    s->updated.raw = NULL;
    p->source = s;
    return FC_OK;
}

/* Each input feed as a source: its title as text, its addresses. */
static enum fc_status sources(struct fc_merge *m, struct fc_source *src, struct fc_error *err)
{
    for (size_t i = 0; i < m->n_feeds; i++) {
        const struct fc_feed *f = m->feeds[i];
        const char *t = f->title.value;
        if (t && f->title.type != FC_TEXT && !(t = fc_html_to_text(f->arena, t)))
            return fc_nomem(err);
        src[i] = (struct fc_source){t, f->feed_url, f->home_url, f->id, f->updated};
    }
    return FC_OK;
}

/* The feed the posts go out in: the first input's metadata, but not
 * where that feed lives (its self link, hubs, next page), which is not
 * where the merged one does; updated when any input was. */
static struct fc_feed *merged_feed(struct fc_merge *m)
{
    struct fc_feed *f = m->feeds[0];
    f->feed_url = NULL;
    f->next_url = NULL;
    f->hubs = (struct fc_list){0};
    for (size_t i = 1; i < m->n_feeds; i++)
        if (fc_time_present(&m->feeds[i]->updated) &&
            (!fc_time_present(&f->updated) || fc_time_cmp(&m->feeds[i]->updated, &f->updated) > 0))
            f->updated = m->feeds[i]->updated;
    return f;
}

enum fc_status fc_merge_emit(struct fc_merge *m, struct fc_handler *out, struct fc_error *err)
{
    if (!m->n_feeds)
        return fc_fail(err, FC_EFORMAT, "", 0, 0, "the readers produced no feed");
    qsort(m->entries, m->n, sizeof *m->entries, by_date);
    struct fc_source *src = calloc(m->n_feeds, sizeof *src);
    if (!src)
        return fc_nomem(err);
    enum fc_status st = sources(m, src, err);
    struct fc_feed *feed = merged_feed(m);
    if (!st)
        st = out->begin(out->ctx, feed, err);
    for (size_t i = 0; i < m->n && !st; i++) {
        struct fc_post *p;
        if ((st = load(m, &m->entries[i], &p, err)))
            break;
        st = set_source(p, &src[m->entries[i].input], err);
        if (!st)
            st = out->post(out->ctx, feed, p, err);
        fc_post_free(p);
    }
    free(src);
    return st ? st : out->end(out->ctx, feed, err);
}

void fc_merge_free(struct fc_merge *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->n_feeds; i++)
        fc_feed_free(m->feeds[i]);
    free(m->feeds);
    free(m->entries);
    free(m->keys.slots);
    fc_buf_free(&m->enc);
    fc_buf_free(&m->dec);
    fc_spool_close(m->spool);
    free(m);
}
