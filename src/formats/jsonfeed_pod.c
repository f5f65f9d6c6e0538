/*
 * jsonfeed_pod.c - the JSON Feed reader's podcast and media objects:
 * `_itunes` and `_podcast` on the feed and on items, `_media` on items,
 * `_media` / `_podcast` on attachments, read into the model (struct
 * fc_podcast, fc_episode, fc_media, fc_media_meta).  Their shapes are in
 * the mapping at the top of jsonfeed.c; jfitem.c writes them.
 *
 * Lenient as the rest of the reader: a member of the wrong type is
 * ignored with a warning (fc_extcodec_get), and so is a key the object
 * does not have: nothing is dropped silently.
 */
#include "extcodec.h"
#include "formats/jsonfeed.h"
#include "syntax/json.h"

#include <string.h>

/* ---- values ------------------------------------------------------------ */

static void get_flag(struct fc_extcodec_dec *d, const json_t *o, const char *key, int *out)
{
    json_t *v = fc_extcodec_get(d, o, key, JSON_TRUE);
    if (v)
        *out = json_is_true(v);
}

static void get_num(struct fc_extcodec_dec *d, const json_t *o, const char *key, double *out)
{
    json_t *v = fc_extcodec_get(d, o, key, JSON_REAL);
    if (v && json_number_value(v) >= 0)
        *out = json_number_value(v);
}

static void get_int(struct fc_extcodec_dec *d, const json_t *o, const char *key, int *out)
{
    json_t *v = fc_extcodec_get(d, o, key, JSON_INTEGER);
    if (v && json_integer_value(v) >= 0 && json_integer_value(v) <= INT32_MAX)
        *out = (int)json_integer_value(v);
}

static void get_i64(struct fc_extcodec_dec *d, const json_t *o, const char *key, int64_t *out)
{
    json_t *v = fc_extcodec_get(d, o, key, JSON_INTEGER);
    if (v && json_integer_value(v) >= 0)
        *out = json_integer_value(v);
}

/* The keys of object o that `known` (NULL-ended) does not name, warned
 * about: they have no place in the model. */
static void other_keys(struct fc_extcodec_dec *d, const json_t *o, const char *what,
                       const char *const *known)
{
    const char *k;
    json_t *v;
    json_object_foreach((json_t *)o, k, v)
    {
        bool ok = false;
        for (const char *const *n = known; *n && !ok; n++)
            ok = strcmp(*n, k) == 0;
        if (!ok)
            fc_sticky_warn(d->st, d->line, d->column,
                           "%s: %s key \"%s\" has no place in the model; dropped", d->where, what,
                           k);
    }
}

/* Each object of the array o[key] into a new element (size bytes) of
 * list, by fn; other values are dropped with a warning. */
static void objects(struct fc_extcodec_dec *d, const json_t *o, const char *key,
                    struct fc_list *list, size_t size,
                    void (*fn)(struct fc_extcodec_dec *d, const json_t *v, void *elem))
{
    json_t *arr = fc_extcodec_get(d, o, key, JSON_ARRAY), *v;
    size_t i;
    json_array_foreach(arr, i, v)
    {
        if (!json_is_object(v)) {
            fc_sticky_warn(d->st, d->line, d->column, "%s: %s[%zu] is %s; dropped", d->where, key,
                           i, fc_json_type_name(v));
            continue;
        }
        void *e = fc_sticky_add(d->st, d->a, list, size);
        if (!e)
            return;
        fn(d, v, e);
    }
}

static void read_person(struct fc_extcodec_dec *d, const json_t *v, void *elem)
{
    static const char *const known[] = {"name", "role", "group", "img", "href", NULL};
    struct fc_pod_person *p = elem;
    fc_extcodec_get_str(d, v, "name", &p->name);
    fc_extcodec_get_str(d, v, "role", &p->role);
    fc_extcodec_get_str(d, v, "group", &p->group);
    fc_extcodec_get_str(d, v, "img", &p->img);
    fc_extcodec_get_str(d, v, "href", &p->href);
    other_keys(d, v, "person", known);
}

/* ---- the feed ------------------------------------------------------------ */

static void read_category(struct fc_extcodec_dec *d, const json_t *v, void *elem)
{
    static const char *const known[] = {"text", "subcategories", NULL};
    struct fc_pod_category *c = elem;
    fc_extcodec_get_str(d, v, "text", &c->text);
    objects(d, v, "subcategories", &c->subcategories, sizeof *c, read_category);
    other_keys(d, v, "category", known);
}

static void read_funding(struct fc_extcodec_dec *d, const json_t *v, void *elem)
{
    static const char *const known[] = {"url", "text", NULL};
    struct fc_pod_funding *f = elem;
    fc_extcodec_get_str(d, v, "url", &f->url);
    fc_extcodec_get_str(d, v, "text", &f->text);
    other_keys(d, v, "funding", known);
}

void fc_jf_read_pod_feed(struct fc_extcodec_dec *d, const json_t *o, struct fc_feed *f)
{
    static const char *const it_known[] = {"image",        "author", "owner", "explicit",
                                           "categories",   "type",   "block", "complete",
                                           "new_feed_url", NULL};
    static const char *const pc_known[] = {"guid",    "locked",  "locked_owner", "funding",
                                           "persons", "license", "license_url",  NULL};
    struct fc_podcast *pc = &f->podcast;
    json_t *it = fc_extcodec_get(d, o, "_itunes", JSON_OBJECT);
    json_t *po = fc_extcodec_get(d, o, "_podcast", JSON_OBJECT);
    if (it) {
        fc_extcodec_get_str(d, it, "image", &pc->image);
        fc_extcodec_get_str(d, it, "author", &pc->author);
        json_t *ow = fc_extcodec_get(d, it, "owner", JSON_OBJECT);
        fc_extcodec_get_str(d, ow, "name", &pc->owner.name);
        fc_extcodec_get_str(d, ow, "email", &pc->owner.email);
        get_flag(d, it, "explicit", &pc->explicit_content);
        objects(d, it, "categories", &pc->categories, sizeof(struct fc_pod_category),
                read_category);
        fc_extcodec_get_str(d, it, "type", &pc->type);
        get_flag(d, it, "block", &pc->block);
        get_flag(d, it, "complete", &pc->complete);
        fc_extcodec_get_str(d, it, "new_feed_url", &pc->new_feed_url);
        other_keys(d, it, "_itunes", it_known);
    }
    if (po) {
        fc_extcodec_get_str(d, po, "guid", &pc->guid);
        get_flag(d, po, "locked", &pc->locked);
        fc_extcodec_get_str(d, po, "locked_owner", &pc->locked_owner);
        objects(d, po, "funding", &pc->funding, sizeof(struct fc_pod_funding), read_funding);
        objects(d, po, "persons", &pc->persons, sizeof(struct fc_pod_person), read_person);
        fc_extcodec_get_str(d, po, "license", &pc->license);
        fc_extcodec_get_str(d, po, "license_url", &pc->license_url);
        other_keys(d, po, "_podcast", pc_known);
    }
}

/* ---- Media RSS ------------------------------------------------------------ */

/* A text: a string (plain), or {"type": "html", "value": ...}. */
static void get_text(struct fc_extcodec_dec *d, const json_t *o, const char *key, struct fc_text *t)
{
    json_t *v = o ? json_object_get(o, key) : NULL;
    if (json_is_object(v)) {
        const char *type = NULL;
        fc_extcodec_get_str(d, v, "type", &type);
        fc_extcodec_get_str(d, v, "value", &t->value);
        t->type = type && strcmp(type, "html") == 0 ? FC_HTML : FC_TEXT;
    } else {
        fc_extcodec_get_str(d, o, key, &t->value);
        t->type = FC_TEXT;
    }
}

static void read_thumbnail(struct fc_extcodec_dec *d, const json_t *v, void *elem)
{
    static const char *const known[] = {"url", "width", "height", "time", NULL};
    struct fc_media_thumbnail *t = elem;
    t->width = t->height = -1;
    fc_extcodec_get_str(d, v, "url", &t->url);
    get_int(d, v, "width", &t->width);
    get_int(d, v, "height", &t->height);
    fc_extcodec_get_str(d, v, "time", &t->time);
    other_keys(d, v, "thumbnail", known);
}

static void read_credit(struct fc_extcodec_dec *d, const json_t *v, void *elem)
{
    static const char *const known[] = {"name", "role", "scheme", NULL};
    struct fc_media_credit *c = elem;
    fc_extcodec_get_str(d, v, "name", &c->name);
    fc_extcodec_get_str(d, v, "role", &c->role);
    fc_extcodec_get_str(d, v, "scheme", &c->scheme);
    other_keys(d, v, "credit", known);
}

/* The meta keys of a `_media` object (and the others its holder takes),
 * for other_keys. */
#define META_KEYS "title", "description", "thumbnails", "player", "credits", "exts"

/* Media RSS's optional elements from o into m. */
static void read_meta(struct fc_extcodec_dec *d, const json_t *o, struct fc_media_meta *m)
{
    get_text(d, o, "title", &m->title);
    get_text(d, o, "description", &m->description);
    objects(d, o, "thumbnails", &m->thumbnails, sizeof(struct fc_media_thumbnail), read_thumbnail);
    json_t *pl = fc_extcodec_get(d, o, "player", JSON_OBJECT);
    fc_extcodec_get_str(d, pl, "url", &m->player_url);
    get_int(d, pl, "width", &m->player_width);
    get_int(d, pl, "height", &m->player_height);
    objects(d, o, "credits", &m->credits, sizeof(struct fc_media_credit), read_credit);
    /* exts: the codec's shape, read as a post's (the only way in) */
    struct fc_post tmp;
    memset(&tmp, 0, sizeof tmp);
    static const enum fc_extcodec_member exts[] = {FC_XM_EXTS};
    fc_extcodec_get_post(d, o, &tmp, exts, 1);
    m->exts = tmp.exts;
}

/* A meta object: NULL when o has none of its keys. */
static struct fc_media_meta *meta_of(struct fc_extcodec_dec *d, const json_t *o)
{
    static const char *const keys[] = {META_KEYS, NULL};
    bool any = false;
    for (size_t i = 0; keys[i] && !any; i++)
        any = json_object_get(o, keys[i]) != NULL;
    if (!any)
        return NULL;
    struct fc_media_meta *m = fc_media_meta_new(d->a);
    if (!m)
        fc_sticky_nomem(d->st);
    else
        read_meta(d, o, m);
    return m;
}

static void read_group(struct fc_extcodec_dec *d, const json_t *v, void *elem)
{
    static const char *const known[] = {META_KEYS, NULL};
    struct fc_media_group *g = elem;
    g->meta.player_width = g->meta.player_height = -1;
    read_meta(d, v, &g->meta);
    other_keys(d, v, "group", known);
}

/* ---- items and attachments ----------------------------------------------- */

static void read_transcript(struct fc_extcodec_dec *d, const json_t *v, void *elem)
{
    static const char *const known[] = {"url", "type", "language", "rel", NULL};
    struct fc_pod_transcript *t = elem;
    fc_extcodec_get_str(d, v, "url", &t->url);
    fc_extcodec_get_str(d, v, "type", &t->type);
    fc_extcodec_get_str(d, v, "language", &t->language);
    fc_extcodec_get_str(d, v, "rel", &t->rel);
    other_keys(d, v, "transcript", known);
}

void fc_jf_read_pod_item(struct fc_extcodec_dec *d, const json_t *o, struct fc_post *p)
{
    static const char *const it_known[] = {"explicit",     "episode", "season",
                                           "episode_type", "block",   NULL};
    static const char *const pc_known[] = {"transcripts", "chapters", "persons", NULL};
    static const char *const me_known[] = {META_KEYS, "groups", "image_absent", NULL};
    struct fc_episode *e = &p->episode;
    json_t *it = fc_extcodec_get(d, o, "_itunes", JSON_OBJECT);
    json_t *po = fc_extcodec_get(d, o, "_podcast", JSON_OBJECT);
    json_t *me = fc_extcodec_get(d, o, "_media", JSON_OBJECT);
    if (it) {
        get_flag(d, it, "explicit", &e->explicit_content);
        get_i64(d, it, "episode", &e->episode);
        get_i64(d, it, "season", &e->season);
        fc_extcodec_get_str(d, it, "episode_type", &e->episode_type);
        get_flag(d, it, "block", &e->block);
        other_keys(d, it, "_itunes", it_known);
    }
    if (po) {
        objects(d, po, "transcripts", &e->transcripts, sizeof(struct fc_pod_transcript),
                read_transcript);
        json_t *ch = fc_extcodec_get(d, po, "chapters", JSON_OBJECT);
        fc_extcodec_get_str(d, ch, "url", &e->chapters_url);
        fc_extcodec_get_str(d, ch, "type", &e->chapters_type);
        objects(d, po, "persons", &e->persons, sizeof(struct fc_pod_person), read_person);
        other_keys(d, po, "_podcast", pc_known);
    }
    if (me) {
        p->media = meta_of(d, me);
        objects(d, me, "groups", &p->media_groups, sizeof(struct fc_media_group), read_group);
        if (fc_extcodec_get_true(d, me, "image_absent"))
            p->image = NULL; /* a thumbnail stood in */
        other_keys(d, me, "_media", me_known);
    }
}

/* An attachment's `_media`: a Media RSS media:content. */
static void attachment_media(struct fc_extcodec_dec *d, const json_t *x, struct fc_media *m)
{
    static const char *const known[] = {
        META_KEYS,   "content",      "group",    "medium", "width",      "height",     "bitrate",
        "framerate", "samplingrate", "channels", "lang",   "is_default", "expression", NULL};
    if (fc_extcodec_get_true(d, x, "content"))
        m->kind = FC_MEDIA_CONTENT;
    json_t *g = fc_extcodec_get(d, x, "group", JSON_INTEGER);
    if (g && json_integer_value(g) > 0 && json_integer_value(g) <= INT32_MAX)
        m->group = (unsigned)json_integer_value(g);
    fc_extcodec_get_str(d, x, "medium", &m->medium);
    get_int(d, x, "width", &m->width);
    get_int(d, x, "height", &m->height);
    get_num(d, x, "bitrate", &m->bitrate);
    get_num(d, x, "framerate", &m->framerate);
    get_num(d, x, "samplingrate", &m->samplingrate);
    get_int(d, x, "channels", &m->channels);
    fc_extcodec_get_str(d, x, "lang", &m->lang);
    get_flag(d, x, "is_default", &m->is_default);
    fc_extcodec_get_str(d, x, "expression", &m->expression);
    m->meta = meta_of(d, x);
    other_keys(d, x, "attachment _media", known);
}

static void read_source(struct fc_extcodec_dec *d, const json_t *v, void *elem)
{
    static const char *const known[] = {"uri", "type", NULL};
    struct fc_media_source *s = elem;
    fc_extcodec_get_str(d, v, "uri", &s->uri);
    fc_extcodec_get_str(d, v, "type", &s->type);
    other_keys(d, v, "source", known);
}

/* An attachment's `_podcast`: an alternate enclosure (its own title is
 * there: the native one is shared with the enclosure it stands for), or
 * the enclosure whose title was made up for its alternates. */
static void attachment_podcast(struct fc_extcodec_dec *d, const json_t *x, struct fc_media *m)
{
    static const char *const known[] = {"alternate", "title",     "bitrate",      "height",
                                        "lang",      "rel",       "codecs",       "default",
                                        "sources",   "integrity", "title_absent", NULL};
    if (fc_extcodec_get_true(d, x, "title_absent"))
        m->title = NULL;
    if (fc_extcodec_get_true(d, x, "alternate")) {
        m->kind = FC_MEDIA_ALTERNATE;
        m->title = NULL;
        fc_extcodec_get_str(d, x, "title", &m->title);
    }
    get_num(d, x, "bitrate", &m->bitrate);
    get_int(d, x, "height", &m->height);
    fc_extcodec_get_str(d, x, "lang", &m->lang);
    fc_extcodec_get_str(d, x, "rel", &m->rel);
    fc_extcodec_get_str(d, x, "codecs", &m->codecs);
    get_flag(d, x, "default", &m->is_default);
    objects(d, x, "sources", &m->sources, sizeof(struct fc_media_source), read_source);
    json_t *in = fc_extcodec_get(d, x, "integrity", JSON_OBJECT);
    fc_extcodec_get_str(d, in, "type", &m->integrity_type);
    fc_extcodec_get_str(d, in, "value", &m->integrity_value);
    other_keys(d, x, "attachment _podcast", known);
}

void fc_jf_read_pod_attachment(struct fc_extcodec_dec *d, const json_t *o, struct fc_media *m)
{
    json_t *me = fc_extcodec_get(d, o, "_media", JSON_OBJECT);
    json_t *po = fc_extcodec_get(d, o, "_podcast", JSON_OBJECT);
    if (me)
        attachment_media(d, me, m);
    if (po)
        attachment_podcast(d, po, m);
}
