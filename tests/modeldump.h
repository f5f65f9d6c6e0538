/*
 * modeldump.h - the whole model as text, a line per field ("post[2].
 * attachments[0].duration = 3013"), for tests that compare two models
 * field by field: when they differ, the first differing line says which
 * field.  Absent fields (NULL, -1, empty lists) print nothing, so a
 * field a format cannot hold and a field never set look the same.  Not
 * dumped: where a post was in its input (line, column), the format's name
 * and the reader's own bookkeeping (refs, arenas).
 */
#ifndef FC_TESTS_MODELDUMP_H
#define FC_TESTS_MODELDUMP_H

#include "treelib.h"

#include <stdarg.h>
#include <stdio.h>

struct md {
    struct bytes *out;
    char path[256];
};

static inline void md_line(struct md *m, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static inline void md_line(struct md *m, const char *key, const char *fmt, ...)
{
    char buf[8192];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    bytes_str(m->out, m->path);
    bytes_str(m->out, key);
    bytes_str(m->out, " = ");
    bytes_str(m->out, buf);
    bytes_str(m->out, "\n");
}

static inline void md_str(struct md *m, const char *key, const char *s)
{
    if (s)
        md_line(m, key, "\"%s\"", s);
}

static inline void md_int(struct md *m, const char *key, long long v)
{
    if (v >= 0)
        md_line(m, key, "%lld", v);
}

static inline void md_real(struct md *m, const char *key, double v)
{
    if (v >= 0)
        md_line(m, key, "%.3f", v);
}

static inline void md_text(struct md *m, const char *key, const struct fc_text *t)
{
    if (t->value)
        md_line(m, key, "(%d) \"%s\"", (int)t->type, t->value);
}

static inline void md_time(struct md *m, const char *key, const struct fc_time *t)
{
    char buf[64];
    if (t->raw && t->precision == FC_TIME_NONE)
        md_line(m, key, "raw \"%s\"", t->raw);
    else if (t->precision != FC_TIME_NONE && fc_time_rfc3339(t, buf, sizeof buf))
        md_line(m, key, "%s (precision %d, zone %d)", buf, t->precision, t->zone);
}

/* Enter path element "name" or "name[i]"; returns the old length. */
static inline size_t md_push(struct md *m, const char *name, long i)
{
    size_t n = strlen(m->path);
    if (i >= 0)
        snprintf(m->path + n, sizeof m->path - n, "%s[%ld].", name, i);
    else
        snprintf(m->path + n, sizeof m->path - n, "%s.", name);
    return n;
}

static inline void md_pop(struct md *m, size_t n)
{
    m->path[n] = '\0';
}

static inline void md_person(struct md *m, const char *name, long i, const struct fc_person *p)
{
    size_t n = md_push(m, name, i);
    md_str(m, "name", p->name);
    md_str(m, "email", p->email);
    md_str(m, "url", p->url);
    md_str(m, "avatar", p->avatar);
    md_pop(m, n);
}

static inline void md_persons(struct md *m, const char *name, const struct fc_list *l)
{
    long i = 0;
    for (const struct fc_person *p = l->first; p; p = p->next)
        md_person(m, name, i++, p);
}

static inline void md_tags(struct md *m, const char *name, const struct fc_list *l)
{
    long i = 0;
    for (const struct fc_tag *t = l->first; t; t = t->next) {
        size_t n = md_push(m, name, i++);
        md_str(m, "term", t->term);
        md_str(m, "scheme", t->scheme);
        md_str(m, "label", t->label);
        md_str(m, "slug", t->slug);
        md_pop(m, n);
    }
}

static inline void md_links(struct md *m, const struct fc_list *l)
{
    long i = 0;
    for (const struct fc_link *k = l->first; k; k = k->next) {
        size_t n = md_push(m, "links", i++);
        md_str(m, "href", k->href);
        md_str(m, "rel", k->rel);
        md_str(m, "type", k->type);
        md_str(m, "hreflang", k->hreflang);
        md_str(m, "title", k->title);
        md_int(m, "length", k->length);
        md_pop(m, n);
    }
}

static inline void md_exts(struct md *m, const char *name, const struct fc_list *l)
{
    long i = 0;
    for (const struct fc_ext *e = l->first; e; e = e->next) {
        size_t n = md_push(m, name, i++);
        md_line(m, "kind", "%d", (int)e->kind);
        /* an XML extension's origin only names the last reader that saw
         * it (RSS or Atom, which write it back alike); a JSON one's says
         * where it can be written natively */
        if (e->kind == FC_EXT_JSON)
            md_str(m, "origin", e->origin);
        md_str(m, "ns", e->ns);
        md_str(m, "prefix", e->prefix);
        md_str(m, "name", e->name);
        md_str(m, "value", e->value);
        long j = 0;
        for (const struct fc_attr *a = e->attrs.first; a; a = a->next) {
            size_t k = md_push(m, "attrs", j++);
            md_str(m, "ns", a->ns);
            md_str(m, "prefix", a->prefix);
            md_str(m, "name", a->name);
            md_str(m, "value", a->value);
            md_pop(m, k);
        }
        md_exts(m, "children", &e->children);
        md_pop(m, n);
    }
}

static inline void md_meta(struct md *m, const char *name, const struct fc_media_meta *mm)
{
    if (!mm)
        return;
    size_t n = md_push(m, name, -1);
    md_text(m, "title", &mm->title);
    md_text(m, "description", &mm->description);
    long i = 0;
    for (const struct fc_media_thumbnail *t = mm->thumbnails.first; t; t = t->next) {
        size_t k = md_push(m, "thumbnails", i++);
        md_str(m, "url", t->url);
        md_int(m, "width", t->width);
        md_int(m, "height", t->height);
        md_str(m, "time", t->time);
        md_pop(m, k);
    }
    md_str(m, "player_url", mm->player_url);
    md_int(m, "player_width", mm->player_width);
    md_int(m, "player_height", mm->player_height);
    i = 0;
    for (const struct fc_media_credit *c = mm->credits.first; c; c = c->next) {
        size_t k = md_push(m, "credits", i++);
        md_str(m, "name", c->name);
        md_str(m, "role", c->role);
        md_str(m, "scheme", c->scheme);
        md_pop(m, k);
    }
    md_exts(m, "exts", &mm->exts);
    md_pop(m, n);
}

static inline void md_media(struct md *m, const struct fc_list *l)
{
    long i = 0;
    for (const struct fc_media *a = l->first; a; a = a->next) {
        size_t n = md_push(m, "attachments", i++);
        md_str(m, "url", a->url);
        md_str(m, "type", a->type);
        md_int(m, "length", a->length);
        md_str(m, "title", a->title);
        md_real(m, "duration", a->duration);
        md_int(m, "kind", a->kind);
        md_int(m, "group", a->group);
        md_str(m, "medium", a->medium);
        md_int(m, "width", a->width);
        md_int(m, "height", a->height);
        md_real(m, "bitrate", a->bitrate);
        md_real(m, "framerate", a->framerate);
        md_real(m, "samplingrate", a->samplingrate);
        md_int(m, "channels", a->channels);
        md_str(m, "lang", a->lang);
        md_int(m, "is_default", a->is_default);
        md_str(m, "expression", a->expression);
        md_str(m, "codecs", a->codecs);
        md_str(m, "rel", a->rel);
        long j = 0;
        for (const struct fc_media_source *s = a->sources.first; s; s = s->next) {
            size_t k = md_push(m, "sources", j++);
            md_str(m, "uri", s->uri);
            md_str(m, "type", s->type);
            md_pop(m, k);
        }
        md_str(m, "integrity_type", a->integrity_type);
        md_str(m, "integrity_value", a->integrity_value);
        md_meta(m, "meta", a->meta);
        md_pop(m, n);
    }
}

static inline void md_pod_persons(struct md *m, const struct fc_list *l)
{
    long i = 0;
    for (const struct fc_pod_person *p = l->first; p; p = p->next) {
        size_t n = md_push(m, "persons", i++);
        md_str(m, "name", p->name);
        md_str(m, "role", p->role);
        md_str(m, "group", p->group);
        md_str(m, "img", p->img);
        md_str(m, "href", p->href);
        md_pop(m, n);
    }
}

static inline void md_pod_categories(struct md *m, const char *name, const struct fc_list *l)
{
    long i = 0;
    for (const struct fc_pod_category *c = l->first; c; c = c->next) {
        size_t n = md_push(m, name, i++);
        md_str(m, "text", c->text);
        md_pod_categories(m, "subcategories", &c->subcategories);
        md_pop(m, n);
    }
}

static inline void md_podcast(struct md *m, const struct fc_podcast *pc)
{
    size_t n = md_push(m, "podcast", -1);
    md_str(m, "image", pc->image);
    md_str(m, "author", pc->author);
    md_person(m, "owner", -1, &pc->owner);
    md_int(m, "explicit", pc->explicit_content);
    md_pod_categories(m, "categories", &pc->categories);
    md_str(m, "type", pc->type);
    md_int(m, "block", pc->block);
    md_int(m, "complete", pc->complete);
    md_str(m, "new_feed_url", pc->new_feed_url);
    md_str(m, "guid", pc->guid);
    md_int(m, "locked", pc->locked);
    md_str(m, "locked_owner", pc->locked_owner);
    long i = 0;
    for (const struct fc_pod_funding *f = pc->funding.first; f; f = f->next) {
        size_t k = md_push(m, "funding", i++);
        md_str(m, "url", f->url);
        md_str(m, "text", f->text);
        md_pop(m, k);
    }
    md_pod_persons(m, &pc->persons);
    md_str(m, "license", pc->license);
    md_str(m, "license_url", pc->license_url);
    md_pop(m, n);
}

static inline void md_episode(struct md *m, const struct fc_episode *e)
{
    size_t n = md_push(m, "episode", -1);
    md_int(m, "explicit", e->explicit_content);
    md_int(m, "episode", e->episode);
    md_int(m, "season", e->season);
    md_str(m, "episode_type", e->episode_type);
    md_int(m, "block", e->block);
    long i = 0;
    for (const struct fc_pod_transcript *t = e->transcripts.first; t; t = t->next) {
        size_t k = md_push(m, "transcripts", i++);
        md_str(m, "url", t->url);
        md_str(m, "type", t->type);
        md_str(m, "language", t->language);
        md_str(m, "rel", t->rel);
        md_pop(m, k);
    }
    md_str(m, "chapters_url", e->chapters_url);
    md_str(m, "chapters_type", e->chapters_type);
    md_pod_persons(m, &e->persons);
    md_pop(m, n);
}

static inline void md_post(struct md *m, long i, const struct fc_post *p)
{
    size_t n = md_push(m, "post", i);
    md_str(m, "id", p->id);
    md_int(m, "id_is_permalink", p->id_is_permalink);
    md_str(m, "url", p->url);
    md_str(m, "external_url", p->external_url);
    md_text(m, "title", &p->title);
    md_text(m, "summary", &p->summary);
    md_str(m, "content_html", p->content_html);
    md_str(m, "content_text", p->content_text);
    md_str(m, "content_src", p->content_src);
    md_str(m, "content_type", p->content_type);
    md_time(m, "published", &p->published);
    md_time(m, "updated", &p->updated);
    md_persons(m, "authors", &p->authors);
    md_persons(m, "contributors", &p->contributors);
    md_tags(m, "categories", &p->categories);
    md_media(m, &p->attachments);
    md_links(m, &p->links);
    md_str(m, "image", p->image);
    md_str(m, "banner_image", p->banner_image);
    md_str(m, "comments_url", p->comments_url);
    md_int(m, "comment_count", p->comment_count);
    md_str(m, "comments_feed", p->comments_feed);
    if (p->source) {
        size_t k = md_push(m, "source", -1);
        md_str(m, "title", p->source->title);
        md_str(m, "url", p->source->url);
        md_str(m, "home_url", p->source->home_url);
        md_str(m, "id", p->source->id);
        md_time(m, "updated", &p->source->updated);
        md_pop(m, k);
    }
    md_str(m, "language", p->language);
    md_text(m, "rights", &p->rights);
    md_str(m, "base", p->base);
    md_str(m, "slug", p->slug);
    if (p->draft > 0)
        md_int(m, "draft", p->draft);
    md_str(m, "kind", p->kind);
    md_episode(m, &p->episode);
    md_meta(m, "media", p->media);
    long j = 0;
    for (const struct fc_media_group *g = p->media_groups.first; g; g = g->next) {
        char name[48];
        snprintf(name, sizeof name, "media_groups[%ld]", j++);
        md_meta(m, name, &g->meta);
    }
    md_exts(m, "exts", &p->exts);
    md_pop(m, n);
}

/* The feed's metadata and (when collected) its posts. */
static inline void md_feed(struct bytes *out, const struct fc_feed *f)
{
    struct md m = {out, ""};
    md_text(&m, "title", &f->title);
    md_text(&m, "subtitle", &f->subtitle);
    md_str(&m, "home_url", f->home_url);
    md_str(&m, "feed_url", f->feed_url);
    md_str(&m, "id", f->id);
    md_str(&m, "language", f->language);
    md_text(&m, "rights", &f->rights);
    md_time(&m, "published", &f->published);
    md_time(&m, "updated", &f->updated);
    md_str(&m, "generator.name", f->generator.name);
    md_str(&m, "generator.version", f->generator.version);
    md_str(&m, "generator.uri", f->generator.uri);
    md_persons(&m, "authors", &f->authors);
    md_persons(&m, "contributors", &f->contributors);
    md_person(&m, "editor", -1, &f->editor);
    md_person(&m, "webmaster", -1, &f->webmaster);
    md_tags(&m, "categories", &f->categories);
    md_str(&m, "icon", f->icon);
    md_str(&m, "image.url", f->image.url);
    md_str(&m, "image.title", f->image.title);
    md_str(&m, "image.link", f->image.link);
    md_str(&m, "image.description", f->image.description);
    md_int(&m, "image.width", f->image.width);
    md_int(&m, "image.height", f->image.height);
    md_int(&m, "ttl", f->ttl);
    md_str(&m, "next_url", f->next_url);
    md_str(&m, "docs", f->docs);
    md_str(&m, "rating", f->rating);
    md_str(&m, "description_text", f->description_text);
    md_str(&m, "user_comment", f->user_comment);
    md_int(&m, "expired", f->expired);
    md_str(&m, "base", f->base);
    if (f->skip_hours || f->skip_days)
        md_line(&m, "skip", "%lx %x", (unsigned long)f->skip_hours, f->skip_days);
    md_links(&m, &f->links);
    md_podcast(&m, &f->podcast);
    md_exts(&m, "exts", &f->exts);
    long i = 0;
    for (const struct fc_post_item *it = f->posts.first; it; it = it->next)
        md_post(&m, i++, it->post);
}

#endif
