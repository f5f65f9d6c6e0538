/*
 * postcodec.c - a post as bytes and back, exactly: what the merge spills
 * to a temporary file while it sorts (merge.c).  Not a format: the bytes
 * live only as long as one conversion, on one machine.
 *
 * One walker per struct serves both directions (c->dec says which), so
 * encoding and decoding cannot drift apart.  Scalars are copied as they
 * are in memory; a string is its length + 1 (0: NULL) and its bytes; a
 * list its count and its elements; an optional struct a presence byte.
 */
#include "internal.h"

#include <limits.h>
#include <stdlib.h>

struct pc {
    bool dec;
    struct fc_buf *out;           /* encoding: appended to */
    const unsigned char *p, *end; /* decoding: what is left */
    struct fc_arena *a;           /* decoding: where the post's data goes */
    bool bad;                     /* decoding: stopped (truncated, or oom) */
    bool oom;
};

static void nomem(struct pc *c)
{
    c->bad = c->oom = true;
}

static void raw(struct pc *c, void *v, size_t n)
{
    if (!c->dec) {
        fc_buf_add(c->out, v, n);
    } else if (c->bad || (size_t)(c->end - c->p) < n) {
        c->bad = true;
        memset(v, 0, n);
    } else {
        memcpy(v, c->p, n);
        c->p += n;
    }
}

#define RAW(c, field) raw(c, &(field), sizeof(field))

static uint32_t count(struct pc *c, uint32_t n)
{
    RAW(c, n);
    return n;
}

static void str(struct pc *c, const char **s)
{
    if (!c->dec) {
        size_t n = *s ? strlen(*s) : 0;
        uint32_t len = *s && n < UINT32_MAX ? (uint32_t)n + 1 : 0;
        RAW(c, len);
        if (len)
            fc_buf_add(c->out, *s, n);
        return;
    }
    uint32_t len = count(c, 0);
    *s = NULL;
    if (!len || c->bad)
        return;
    if ((size_t)(c->end - c->p) < len - 1) {
        c->bad = true;
        return;
    }
    if (!(*s = fc_strdup(c->a, (const char *)c->p, len - 1)))
        nomem(c);
    c->p += len - 1;
}

/* An element of a list, by its walker. */
typedef void (*walk_fn)(struct pc *c, void *elem);

static void list(struct pc *c, struct fc_list *l, size_t size, walk_fn fn)
{
    if (!c->dec) {
        uint32_t n = 0;
        for (void **e = l->first; e; e = *e)
            n++;
        count(c, n);
        for (void **e = l->first; e; e = *e)
            fn(c, e);
        return;
    }
    uint32_t n = count(c, 0);
    *l = (struct fc_list){0};
    for (uint32_t i = 0; i < n && !c->bad; i++) {
        void *e = fc_list_add(c->a, l, size);
        if (!e)
            nomem(c);
        else
            fn(c, e);
    }
}

/* An optional struct behind *ref: a presence byte, then its fields. */
static void *ref(struct pc *c, void **ref, size_t size)
{
    unsigned char there = *ref != NULL;
    RAW(c, there);
    if (!c->dec)
        return *ref;
    *ref = there && !c->bad ? fc_alloc(c->a, size) : NULL;
    if (there && !c->bad && !*ref)
        nomem(c);
    return *ref;
}

static void text(struct pc *c, struct fc_text *t)
{
    str(c, &t->value);
    RAW(c, t->type);
}

static void time_(struct pc *c, struct fc_time *t)
{
    RAW(c, t->year), RAW(c, t->month), RAW(c, t->day);
    RAW(c, t->hour), RAW(c, t->minute), RAW(c, t->second);
    RAW(c, t->nsec), RAW(c, t->offset);
    RAW(c, t->precision), RAW(c, t->frac_digits), RAW(c, t->zone);
    str(c, &t->raw);
}

static void person(struct pc *c, void *e)
{
    struct fc_person *p = e;
    str(c, &p->name), str(c, &p->email), str(c, &p->url), str(c, &p->avatar);
}

static void tag(struct pc *c, void *e)
{
    struct fc_tag *t = e;
    str(c, &t->term), str(c, &t->scheme), str(c, &t->label), str(c, &t->slug);
}

static void link(struct pc *c, void *e)
{
    struct fc_link *l = e;
    str(c, &l->href), str(c, &l->rel), str(c, &l->type), str(c, &l->hreflang);
    str(c, &l->title), RAW(c, l->length);
}

static void attr(struct pc *c, void *e)
{
    struct fc_attr *a = e;
    str(c, &a->ns), str(c, &a->prefix), str(c, &a->name), str(c, &a->value);
}

static void ext(struct pc *c, void *e)
{
    struct fc_ext *x = e;
    RAW(c, x->kind);
    str(c, &x->origin), str(c, &x->ns), str(c, &x->prefix), str(c, &x->name), str(c, &x->value);
    list(c, &x->attrs, sizeof(struct fc_attr), attr);
    list(c, &x->children, sizeof(struct fc_ext), ext);
}

static void thumbnail(struct pc *c, void *e)
{
    struct fc_media_thumbnail *t = e;
    str(c, &t->url), RAW(c, t->width), RAW(c, t->height), str(c, &t->time);
}

static void credit(struct pc *c, void *e)
{
    struct fc_media_credit *k = e;
    str(c, &k->name), str(c, &k->role), str(c, &k->scheme);
}

static void meta(struct pc *c, struct fc_media_meta *m)
{
    text(c, &m->title), text(c, &m->description);
    list(c, &m->thumbnails, sizeof(struct fc_media_thumbnail), thumbnail);
    str(c, &m->player_url), RAW(c, m->player_width), RAW(c, m->player_height);
    list(c, &m->credits, sizeof(struct fc_media_credit), credit);
    list(c, &m->exts, sizeof(struct fc_ext), ext);
}

static void group(struct pc *c, void *e)
{
    meta(c, &((struct fc_media_group *)e)->meta);
}

static void source(struct pc *c, void *e)
{
    struct fc_media_source *s = e;
    str(c, &s->uri), str(c, &s->type);
}

static void media(struct pc *c, void *e)
{
    struct fc_media *m = e;
    str(c, &m->url), str(c, &m->type), RAW(c, m->length), str(c, &m->title);
    RAW(c, m->duration), RAW(c, m->kind), RAW(c, m->group), str(c, &m->medium);
    RAW(c, m->width), RAW(c, m->height), RAW(c, m->bitrate), RAW(c, m->framerate);
    RAW(c, m->samplingrate), RAW(c, m->channels), str(c, &m->lang), RAW(c, m->is_default);
    str(c, &m->expression), str(c, &m->codecs), str(c, &m->rel);
    list(c, &m->sources, sizeof(struct fc_media_source), source);
    str(c, &m->integrity_type), str(c, &m->integrity_value);
    struct fc_media_meta *mm = ref(c, (void **)&m->meta, sizeof *mm);
    if (mm)
        meta(c, mm);
}

static void pod_person(struct pc *c, void *e)
{
    struct fc_pod_person *p = e;
    str(c, &p->name), str(c, &p->role), str(c, &p->group), str(c, &p->img), str(c, &p->href);
}

static void transcript(struct pc *c, void *e)
{
    struct fc_pod_transcript *t = e;
    str(c, &t->url), str(c, &t->type), str(c, &t->language), str(c, &t->rel);
}

static void alias(struct pc *c, void *e)
{
    str(c, &((struct fc_alias *)e)->url);
}

static void comment(struct pc *c, void *e)
{
    struct fc_comment *k = e;
    str(c, &k->id), str(c, &k->parent_id), person(c, &k->author), str(c, &k->author_ip);
    time_(c, &k->published), str(c, &k->content_html), RAW(c, k->kind);
}

static void resource(struct pc *c, void *e)
{
    struct fc_resource *r = e;
    str(c, &r->path), str(c, &r->url);
}

static void post(struct pc *c, struct fc_post *p)
{
    RAW(c, p->line), RAW(c, p->column);
    str(c, &p->id), RAW(c, p->id_is_permalink), str(c, &p->url), str(c, &p->external_url);
    text(c, &p->title), text(c, &p->summary);
    str(c, &p->content_html), str(c, &p->content_text), str(c, &p->content_src);
    str(c, &p->content_type);
    time_(c, &p->published), time_(c, &p->updated);
    list(c, &p->authors, sizeof(struct fc_person), person);
    list(c, &p->contributors, sizeof(struct fc_person), person);
    list(c, &p->categories, sizeof(struct fc_tag), tag);
    list(c, &p->attachments, sizeof(struct fc_media), media);
    list(c, &p->links, sizeof(struct fc_link), link);
    str(c, &p->image), str(c, &p->banner_image), str(c, &p->comments_url);
    RAW(c, p->comment_count), str(c, &p->comments_feed);
    struct fc_source *s = ref(c, (void **)&p->source, sizeof *s);
    if (s) {
        str(c, &s->title), str(c, &s->url), str(c, &s->home_url), str(c, &s->id);
        time_(c, &s->updated);
    }
    str(c, &p->language), text(c, &p->rights), str(c, &p->base), str(c, &p->slug);
    RAW(c, p->draft), RAW(c, p->private_post), RAW(c, p->sticky);
    str(c, &p->kind), str(c, &p->parent_id), RAW(c, p->weight), time_(c, &p->expires);
    list(c, &p->aliases, sizeof(struct fc_alias), alias);
    list(c, &p->comments, sizeof(struct fc_comment), comment);
    list(c, &p->resources, sizeof(struct fc_resource), resource);
    struct fc_episode *ep = &p->episode;
    RAW(c, ep->explicit_content), RAW(c, ep->episode), RAW(c, ep->season);
    str(c, &ep->episode_type), RAW(c, ep->block);
    list(c, &ep->transcripts, sizeof(struct fc_pod_transcript), transcript);
    str(c, &ep->chapters_url), str(c, &ep->chapters_type);
    list(c, &ep->persons, sizeof(struct fc_pod_person), pod_person);
    struct fc_media_meta *mm = ref(c, (void **)&p->media, sizeof *mm);
    if (mm)
        meta(c, mm);
    list(c, &p->media_groups, sizeof(struct fc_media_group), group);
    list(c, &p->exts, sizeof(struct fc_ext), ext);
}

enum fc_status fc_post_encode(const struct fc_post *p, struct fc_buf *out, struct fc_error *err)
{
    struct pc c = {.out = out};
    /* The walker reads through the same pointers it writes when decoding;
     * encoding changes nothing. */
    post(&c, (struct fc_post *)p);
    return out->oom ? fc_nomem(err) : FC_OK;
}

enum fc_status fc_post_decode(const void *data, size_t n, struct fc_post **out,
                              struct fc_error *err)
{
    struct fc_post *p = fc_post_new();
    *out = NULL;
    if (!p)
        return fc_nomem(err);
    struct pc c = {.dec = true, .p = data, .end = (const unsigned char *)data + n, .a = p->arena};
    post(&c, p);
    if (c.bad || c.p != c.end) {
        fc_post_free(p);
        /* the bytes are our own: short or long, the spill file changed
         * under us */
        return c.oom ? fc_nomem(err) : fc_fail(err, FC_EIO, "", 0, 0, "a spilled post is corrupt");
    }
    *out = p;
    return FC_OK;
}
