/*
 * model.c - feed and post construction.  The model knows no format: it is
 * plain structs whose strings and lists live in the owner's arena.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

/* A zeroed object of size bytes at the start of a new arena, which the
 * object will own: the caller stores *a in it.  NULL on ENOMEM. */
static void *owner_new(size_t size, struct fc_arena **a)
{
    *a = fc_arena_new();
    void *obj = *a ? fc_alloc(*a, size) : NULL;
    if (!obj)
        fc_arena_free(*a);
    return obj;
}

/* The fields whose "unknown" is not 0 are set to -1. */
static struct fc_feed *feed_init(struct fc_feed *f, struct fc_arena *a)
{
    f->arena = a;
    f->refs = 1;
    f->image.width = f->image.height = -1;
    f->ttl = f->cloud.port = -1;
    f->expired = -1;
    f->podcast.explicit_content = f->podcast.block = f->podcast.complete = -1;
    f->podcast.locked = -1;
    return f;
}

static struct fc_post *post_init(struct fc_post *p, struct fc_arena *a)
{
    p->arena = a;
    p->refs = 1;
    p->id_is_permalink = -1;
    p->comment_count = -1;
    p->episode.explicit_content = p->episode.block = -1;
    p->episode.episode = p->episode.season = -1;
    return p;
}

struct fc_feed *fc_feed_new(void)
{
    struct fc_arena *a;
    struct fc_feed *f = owner_new(sizeof *f, &a);
    return f ? feed_init(f, a) : NULL;
}

struct fc_post *fc_post_new(void)
{
    struct fc_arena *a;
    struct fc_post *p = owner_new(sizeof *p, &a);
    return p ? post_init(p, a) : NULL;
}

struct fc_feed *fc_feed_ref(struct fc_feed *feed)
{
    if (feed)
        feed->refs++;
    return feed;
}

struct fc_post *fc_post_ref(struct fc_post *post)
{
    if (post)
        post->refs++;
    return post;
}

void fc_post_free(struct fc_post *post)
{
    if (!post || --post->refs > 0)
        return;
    fc_arena_free(post->arena);
}

void fc_feed_free(struct fc_feed *feed)
{
    if (!feed || --feed->refs > 0)
        return;
    for (struct fc_post_item *it = feed->posts.first; it; it = it->next)
        fc_post_free(it->post);
    fc_arena_free(feed->arena);
}

void fc_list_append(struct fc_list *list, void *elem)
{
    /* Every element starts with its `next` pointer. */
    *(void **)elem = NULL;
    if (list->last)
        *(void **)list->last = elem;
    else
        list->first = elem;
    list->last = elem;
    list->count++;
}

void *fc_list_add(struct fc_arena *a, struct fc_list *list, size_t size)
{
    if (size < sizeof(void *))
        return NULL;
    void *e = fc_alloc(a, size);
    if (e)
        fc_list_append(list, e);
    return e;
}

struct fc_media *fc_media_add(struct fc_arena *a, struct fc_list *list)
{
    struct fc_media *m = fc_list_add(a, list, sizeof *m);
    if (m) {
        m->length = -1;
        m->duration = m->bitrate = m->framerate = m->samplingrate = -1;
        m->width = m->height = m->channels = m->is_default = -1;
    }
    return m;
}

const struct fc_media *fc_post_enclosure(const struct fc_post *p)
{
    for (const struct fc_media *m = p->attachments.first; m; m = m->next)
        if (m->kind == FC_MEDIA_ENCLOSURE)
            return m;
    return NULL;
}

struct fc_media_meta *fc_media_meta_new(struct fc_arena *a)
{
    struct fc_media_meta *m = fc_alloc(a, sizeof *m);
    if (m)
        m->player_width = m->player_height = -1;
    return m;
}

enum fc_status fc_set(struct fc_arena *a, const char **field, const char *s)
{
    if (!s) {
        *field = NULL;
        return FC_OK;
    }
    char *copy = fc_strdup(a, s, (size_t)-1);
    if (!copy)
        return FC_ENOMEM;
    *field = copy;
    return FC_OK;
}

/* Copies a string field; false only when out of memory. */
static bool copy_str(struct fc_arena *a, const char **dst, const char *src)
{
    *dst = src ? fc_strdup(a, src, (size_t)-1) : NULL;
    return !src || *dst;
}

static struct fc_ext *ext_copy(struct fc_arena *a, const struct fc_ext *src, unsigned depth)
{
    /* Trees come from bounded readers; the depth check keeps this total. */
    if (depth > 4096)
        return NULL;
    struct fc_ext *e = fc_alloc(a, sizeof *e);
    if (!e)
        return NULL;
    e->kind = src->kind;
    if (!copy_str(a, &e->origin, src->origin) || !copy_str(a, &e->ns, src->ns) ||
        !copy_str(a, &e->prefix, src->prefix) || !copy_str(a, &e->name, src->name) ||
        !copy_str(a, &e->value, src->value))
        return NULL;
    for (const struct fc_attr *at = src->attrs.first; at; at = at->next) {
        struct fc_attr *n = fc_list_add(a, &e->attrs, sizeof *n);
        if (!n || !copy_str(a, &n->ns, at->ns) || !copy_str(a, &n->prefix, at->prefix) ||
            !copy_str(a, &n->name, at->name) || !copy_str(a, &n->value, at->value))
            return NULL;
    }
    for (const struct fc_ext *c = src->children.first; c; c = c->next) {
        struct fc_ext *n = ext_copy(a, c, depth + 1);
        if (!n)
            return NULL;
        fc_list_append(&e->children, n);
    }
    return e;
}

struct fc_ext *fc_ext_copy(struct fc_arena *a, const struct fc_ext *src)
{
    return src ? ext_copy(a, src, 0) : NULL;
}

const char *fc_ext_text(struct fc_arena *a, const struct fc_ext *e)
{
    if (!e || e->kind != FC_EXT_XML || !e->name)
        return NULL;
    const struct fc_ext *c = e->children.first;
    if (!c)
        return "";
    if (!c->next)
        return c->name ? NULL : (c->value ? c->value : "");
    struct fc_buf b;
    fc_buf_init(&b);
    for (; c; c = c->next) {
        if (c->name) {
            fc_buf_free(&b);
            return NULL;
        }
        fc_buf_puts(&b, c->value ? c->value : "");
    }
    char *s = b.oom ? NULL : fc_strdup(a, fc_buf_cstr(&b), b.len);
    fc_buf_free(&b);
    return s;
}
