/*
 * jfitem.c - a JSON Feed item from a post, and the pieces every JSON Feed
 * object shares (jfitem.h).  The mapping is at the top of
 * formats/jsonfeed.c.
 */
#include "jfitem.h"
#include "util/media.h"
#include "util/strmap.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COUNT(a) (sizeof(a) / sizeof(a)[0])

/* JSON Feed 1.1: an extension key is "_" then a letter, with no ".". */
static bool is_ext_key(const char *k)
{
    if (k[0] != '_' || !((k[1] >= 'a' && k[1] <= 'z') || (k[1] >= 'A' && k[1] <= 'Z')))
        return false;
    return strchr(k, '.') == NULL;
}

void fc_jf_part_open(struct fc_jf_part *b, struct fc_sticky st, const char *what)
{
    memset(b, 0, sizeof *b);
    b->st = st;
    b->what = what;
    fc_extcodec_enc_init(&b->x, &b->st, what);
}

void fc_jf_part_side(struct fc_jf_part *b, struct fc_buf side[2], unsigned depth)
{
    fc_buf_reset(&side[0]);
    fc_buf_reset(&side[1]);
    b->xw = (struct fc_json_writer){&side[0], 0, depth + 1};
    b->ew = (struct fc_json_writer){&side[1], 0, depth + 2};
    b->xo = fc_extcodec_text_out(&b->xw);
    b->eo = fc_extcodec_text_out(&b->ew);
}

enum fc_status fc_jf_part_close(struct fc_jf_part *b, struct fc_buf *const *bufs, size_t n)
{
    fc_arena_free(b->scratch);
    b->scratch = NULL;
    fc_extcodec_enc_free(&b->x);
    for (size_t i = 0; i < n; i++)
        if (bufs[i]->oom)
            fc_sticky_nomem(&b->st);
    if (!fc_sticky_ok(&b->st))
        for (size_t i = 0; i < n; i++) /* oom is sticky per buffer: start clean */
            fc_buf_free(bufs[i]);
    return b->st.st;
}

struct fc_arena *fc_jf_scratch(struct fc_jf_part *b)
{
    if (!b->scratch && !(b->scratch = fc_arena_new()))
        fc_sticky_nomem(&b->st);
    return b->scratch;
}

const char *fc_jf_lang(struct fc_jf_part *b, const char *lang)
{
    if (!lang || !strchr(lang, '_'))
        return lang;
    struct fc_arena *a = fc_jf_scratch(b);
    return a ? fc_lang_bcp47(a, lang) : NULL;
}

void fc_jf_str(struct fc_jf_part *b, struct fc_json_writer *w, const char *key, const char *s)
{
    if (!s || !*s)
        return;
    struct fc_extcodec_out o = fc_extcodec_text_out(w);
    fc_extcodec_put_str(&b->x, &o, key, s);
}

/* What JSON Feed takes as a URL: a scheme, then no white space or
 * control characters (readers resolve relative URLs where they can). */
static bool url_ok(const char *url)
{
    if (!fc_url_is_absolute(url))
        return false;
    for (const unsigned char *p = (const unsigned char *)url; *p; p++)
        if (*p <= 0x20 || *p == 0x7f)
            return false;
    return true;
}

void fc_jf_url(struct fc_jf_part *b, struct fc_json_writer *w, const char *key, const char *xkey,
               const char *url)
{
    if (!url || !*url)
        return;
    if (url_ok(url)) {
        fc_jf_str(b, w, key, url);
        return;
    }
    if (xkey)
        fc_extcodec_put_str(&b->x, &b->xo, xkey, url);
    fc_sticky_warn(&b->st, 0, 0, "%s: %s \"%.200s\" is not an absolute URL; %s", b->what, key, url,
                   xkey ? "kept in _feedconv" : "dropped");
}

/* w[key] = v, as jansson prints it at w's depth; takes v. */
static void put_json(struct fc_jf_part *b, struct fc_json_writer *w, const char *key, json_t *v)
{
    if (!v) {
        fc_sticky_nomem(&b->st);
        return;
    }
    fc_json_value(w, key, v);
    json_decref(v);
}

/* w[key] = a non-negative number: an integer as one, else a real. */
static void put_num(struct fc_jf_part *b, struct fc_json_writer *w, const char *key, double v)
{
    double ip;
    if (!(v >= 0) || !isfinite(v))
        return;
    if (modf(v, &ip) == 0.0 && ip < 9e15)
        fc_json_int(w, key, (long long)ip);
    else
        put_json(b, w, key, json_real(v));
}

/* w[key] = true / false for a flag that is not -1. */
static void put_flag(struct fc_json_writer *w, const char *key, int v)
{
    if (v >= 0)
        fc_json_raw(w, key, v ? "true" : "false");
}

void fc_jf_plain(struct fc_jf_part *b, struct fc_json_writer *o, const char *key, const char *xkey,
                 const struct fc_text *t)
{
    if (!t->value)
        return;
    if (t->type == FC_TEXT) {
        fc_jf_str(b, o, key, t->value);
        return;
    }
    struct fc_arena *a = fc_jf_scratch(b);
    char *plain = a ? fc_html_to_text(a, t->value) : NULL;
    if (!plain) {
        fc_sticky_nomem(&b->st);
        return;
    }
    fc_jf_str(b, o, key, plain);
    fc_extcodec_put_text(&b->x, &b->xo, xkey, t);
}

/* A time as JSON Feed wants it (seconds and an offset) into o[key]; what
 * that loses goes to `_feedconv.dates`[note_key]. */
static void put_time(struct fc_jf_part *b, struct fc_json_writer *o, const char *key,
                     const char *note_key, const struct fc_time *t)
{
    char buf[FC_EXTCODEC_TIME_MAX];
    fc_jf_str(b, o, key, fc_extcodec_time(&b->x, t, key, note_key, buf));
}

void fc_jf_true(struct fc_jf_part *b, const char *key)
{
    fc_extcodec_put_true(&b->x, &b->xo, key);
}

/* A JSON Feed author: name/url/avatar, the email in its _feedconv. */
static void author_json(struct fc_jf_part *b, struct fc_json_writer *w, const struct fc_person *p)
{
    size_t m = fc_json_open(w, NULL, '{');
    bool name_absent = false;
    if (p->name) {
        fc_jf_str(b, w, "name", p->name);
    } else if (!p->url && !p->avatar) {
        /* The spec needs one of name/url/avatar: the email stands in. */
        fc_jf_str(b, w, "name", p->email);
        name_absent = true;
    }
    fc_jf_url(b, w, "url", NULL, p->url);
    fc_jf_url(b, w, "avatar", NULL, p->avatar);
    if (name_absent || p->email) {
        size_t mx = fc_json_open(w, FC_JF_EXT, '{');
        if (name_absent)
            fc_json_raw(w, "name_absent", "true");
        fc_jf_str(b, w, "email", p->email);
        fc_json_close(w, mx, '}', true);
    }
    fc_json_close(w, m, '}', true);
}

void fc_jf_authors(struct fc_jf_part *b, struct fc_json_writer *o, const struct fc_list *list)
{
    size_t m = fc_json_open(o, "authors", '[');
    for (const struct fc_person *p = list->first; p; p = p->next) {
        if (!p->name && !p->url && !p->avatar && !p->email) {
            fc_sticky_warn(&b->st, 0, 0, "%s: an empty author was dropped", b->what);
            continue;
        }
        author_json(b, o, p);
    }
    fc_json_close(o, m, ']', false);
}

/* The `_x` keys the podcast and media data are written under; an
 * extension of that name (from elsewhere) goes to `_feedconv` instead. */
static bool own_key(const char *k)
{
    return strcmp(k, FC_JF_EXT) == 0 || strcmp(k, "_itunes") == 0 || strcmp(k, "_podcast") == 0 ||
           strcmp(k, "_media") == 0;
}

void fc_jf_exts(struct fc_jf_part *b, struct fc_json_writer *o, const struct fc_list *list)
{
    struct fc_strmap done; /* the `_x` keys written (a set: an item may hold thousands) */
    fc_strmap_init(&done);
    for (const struct fc_ext *e = list->first; e; e = e->next) {
        if (e->kind == FC_EXT_JSON && e->origin && strcmp(e->origin, "jsonfeed") == 0 && e->name &&
            is_ext_key(e->name) && !own_key(e->name) && fc_utf8_valid(e->name, strlen(e->name)) &&
            !fc_strmap_get(&done, e->name)) {
            json_t *v = fc_extcodec_json_value(&b->x, e->value);
            if (v) {
                put_json(b, o, e->name, v);
                if (!fc_strmap_put(&done, e->name, (void *)e))
                    fc_sticky_nomem(&b->st);
                continue;
            }
        }
        fc_extcodec_put_ext(&b->x, &b->eo, e);
    }
    fc_strmap_free(&done);
}

void fc_jf_type_absent(struct fc_json_writer *o)
{
    size_t m = fc_json_open(o, FC_JF_EXT, '{');
    fc_json_raw(o, "type_absent", "true");
    fc_json_close(o, m, '}', true);
}

void fc_jf_array(struct fc_jf_part *b, struct fc_json_writer *o, const char *key, const char *noun,
                 const struct fc_list *list,
                 bool (*fn)(struct fc_jf_part *b, struct fc_json_writer *o, const void *elem))
{
    size_t m = fc_json_open(o, key, '[');
    for (const void *e = list->first; e; e = *(void *const *)e) /* `next` comes first */
        if (!fn(b, o, e))
            fc_sticky_warn(&b->st, 0, 0, "%s: %s without a URL was dropped", b->what, noun);
    fc_json_close(o, m, ']', false);
}

void fc_jf_pod_persons(struct fc_jf_part *b, struct fc_json_writer *o, const struct fc_list *list)
{
    size_t m = fc_json_open(o, "persons", '[');
    for (const struct fc_pod_person *p = list->first; p; p = p->next) {
        size_t mp = fc_json_open(o, NULL, '{');
        fc_jf_str(b, o, "name", p->name);
        fc_jf_str(b, o, "role", p->role);
        fc_jf_str(b, o, "group", p->group);
        fc_jf_str(b, o, "img", p->img);
        fc_jf_str(b, o, "href", p->href);
        fc_json_close(o, mp, '}', true);
    }
    fc_json_close(o, m, ']', false);
}

void fc_jf_close_x(struct fc_jf_part *b)
{
    fc_extcodec_put_dates(&b->x, &b->xo);
    fc_json_splice(&b->xw, "exts", '[', b->ew.buf);
}

/* ---- Media RSS and podcast data of an item ------------------------- */

/* A Media RSS text: a string when plain, {"type": "html", "value"} when
 * HTML. */
static void put_media_text(struct fc_jf_part *b, struct fc_json_writer *o, const char *key,
                           const struct fc_text *t)
{
    if (!t->value || !*t->value)
        return;
    if (t->type == FC_TEXT) {
        fc_jf_str(b, o, key, t->value);
        return;
    }
    size_t m = fc_json_open(o, key, '{');
    fc_jf_str(b, o, "type", "html");
    fc_jf_str(b, o, "value", t->value);
    fc_json_close(o, m, '}', false);
}

/* Media RSS's optional elements (struct fc_media_meta) as members of o. */
static void put_meta(struct fc_jf_part *b, struct fc_json_writer *o, const struct fc_media_meta *mm)
{
    if (!mm)
        return;
    put_media_text(b, o, "title", &mm->title);
    put_media_text(b, o, "description", &mm->description);
    size_t m = fc_json_open(o, "thumbnails", '[');
    for (const struct fc_media_thumbnail *t = mm->thumbnails.first; t; t = t->next) {
        size_t mt = fc_json_open(o, NULL, '{');
        fc_jf_str(b, o, "url", t->url);
        put_num(b, o, "width", t->width);
        put_num(b, o, "height", t->height);
        fc_jf_str(b, o, "time", t->time);
        fc_json_close(o, mt, '}', true);
    }
    fc_json_close(o, m, ']', false);
    if (mm->player_url) {
        m = fc_json_open(o, "player", '{');
        fc_jf_str(b, o, "url", mm->player_url);
        put_num(b, o, "width", mm->player_width);
        put_num(b, o, "height", mm->player_height);
        fc_json_close(o, m, '}', false);
    }
    m = fc_json_open(o, "credits", '[');
    for (const struct fc_media_credit *c = mm->credits.first; c; c = c->next) {
        size_t mc = fc_json_open(o, NULL, '{');
        fc_jf_str(b, o, "name", c->name);
        fc_jf_str(b, o, "role", c->role);
        fc_jf_str(b, o, "scheme", c->scheme);
        fc_json_close(o, mc, '}', true);
    }
    fc_json_close(o, m, ']', false);
    struct fc_extcodec_out eo = fc_extcodec_text_out(o);
    fc_extcodec_put_exts(&b->x, &eo, &mm->exts, NULL);
}

/* An attachment's Media RSS media:content data: `_media`. */
static void put_content_x(struct fc_jf_part *b, struct fc_json_writer *o, const struct fc_media *me)
{
    size_t m = fc_json_open(o, "_media", '{');
    fc_json_raw(o, "content", "true");
    if (me->group)
        fc_json_int(o, "group", me->group);
    fc_jf_str(b, o, "medium", me->medium);
    put_num(b, o, "width", me->width);
    put_num(b, o, "height", me->height);
    put_num(b, o, "bitrate", me->bitrate);
    put_num(b, o, "framerate", me->framerate);
    put_num(b, o, "samplingrate", me->samplingrate);
    put_num(b, o, "channels", me->channels);
    fc_jf_str(b, o, "lang", me->lang);
    put_flag(o, "is_default", me->is_default);
    fc_jf_str(b, o, "expression", me->expression);
    put_meta(b, o, me->meta);
    fc_json_close(o, m, '}', true);
}

/* An alternate enclosure's Podcasting 2.0 data: `_podcast`.  Its own
 * title is here: the native title is the one it shares with the
 * enclosure it stands for (JSON Feed: same title, alternates). */
static void put_alternate_x(struct fc_jf_part *b, struct fc_json_writer *o,
                            const struct fc_media *me)
{
    size_t m = fc_json_open(o, "_podcast", '{');
    fc_json_raw(o, "alternate", "true");
    fc_jf_str(b, o, "title", me->title);
    put_num(b, o, "bitrate", me->bitrate);
    put_num(b, o, "height", me->height);
    fc_jf_str(b, o, "lang", me->lang);
    fc_jf_str(b, o, "rel", me->rel);
    fc_jf_str(b, o, "codecs", me->codecs);
    put_flag(o, "default", me->is_default);
    size_t ms = fc_json_open(o, "sources", '[');
    for (const struct fc_media_source *s = me->sources.first; s; s = s->next) {
        size_t mo = fc_json_open(o, NULL, '{');
        fc_jf_str(b, o, "uri", s->uri);
        fc_jf_str(b, o, "type", s->type);
        fc_json_close(o, mo, '}', true);
    }
    fc_json_close(o, ms, ']', false);
    if (me->integrity_type || me->integrity_value) {
        size_t mi = fc_json_open(o, "integrity", '{');
        fc_jf_str(b, o, "type", me->integrity_type);
        fc_jf_str(b, o, "value", me->integrity_value);
        fc_json_close(o, mi, '}', true);
    }
    fc_json_close(o, m, '}', true);
}

/* What an item's attachments are written with: the title its enclosure
 * and that enclosure's alternates share. */
struct jf_attach {
    struct fc_jf_part *b;
    const struct fc_media *main; /* the first enclosure, when it has alternates */
    const char *shared;          /* their shared title */
};

/* attachments[]: url, mime_type (required: guessed from the URL, else a
 * marked stand-in), title, size_in_bytes, duration_in_seconds; Media RSS
 * and Podcasting 2.0 data in `_media` / `_podcast`. */
static void put_attachment(struct jf_attach *at, struct fc_json_writer *o,
                           const struct fc_media *me)
{
    struct fc_jf_part *b = at->b;
    size_t m = fc_json_open(o, NULL, '{');
    const char *type = me->type ? me->type : fc_media_type_guess(me->url);
    bool alt = me->kind == FC_MEDIA_ALTERNATE;
    fc_jf_str(b, o, "url", me->url);
    fc_jf_str(b, o, "mime_type", type ? type : "application/octet-stream");
    fc_jf_str(b, o, "title", alt || me == at->main ? at->shared : me->title);
    if (me->length >= 0)
        fc_json_int(o, "size_in_bytes", me->length);
    put_num(b, o, "duration_in_seconds", me->duration);
    if (me->kind == FC_MEDIA_CONTENT)
        put_content_x(b, o, me);
    else if (alt)
        put_alternate_x(b, o, me);
    else if (me == at->main && !me->title) {
        size_t mp = fc_json_open(o, "_podcast", '{');
        fc_json_raw(o, "title_absent", "true");
        fc_json_close(o, mp, '}', true);
    }
    if (!type)
        fc_jf_type_absent(o);
    fc_json_close(o, m, '}', true);
}

static void put_attachments(struct fc_jf_part *b, struct fc_json_writer *o, const struct fc_post *p)
{
    struct jf_attach at = {b, NULL, NULL};
    for (const struct fc_media *me = p->attachments.first; me && !at.main; me = me->next)
        if (me->kind == FC_MEDIA_ALTERNATE)
            at.main = fc_post_enclosure(p);
    if (at.main) {
        at.shared = at.main->title                               ? at.main->title
                    : p->title.value && p->title.type == FC_TEXT ? p->title.value
                                                                 : "Episode";
    }
    size_t m = fc_json_open(o, "attachments", '[');
    for (const struct fc_media *me = p->attachments.first; me; me = me->next) {
        if (me->url && url_ok(me->url))
            put_attachment(&at, o, me);
        else
            fc_sticky_warn(&b->st, 0, 0, "%s: an attachment without an absolute URL was dropped",
                           b->what);
    }
    fc_json_close(o, m, ']', false);
}

/* The item's `_itunes` and `_podcast` (episode data). */
static void put_episode(struct fc_jf_part *b, struct fc_json_writer *o, const struct fc_episode *e)
{
    size_t m = fc_json_open(o, "_itunes", '{');
    put_flag(o, "explicit", e->explicit_content);
    if (e->episode >= 0)
        fc_json_int(o, "episode", e->episode);
    if (e->season >= 0)
        fc_json_int(o, "season", e->season);
    fc_jf_str(b, o, "episode_type", e->episode_type);
    put_flag(o, "block", e->block);
    fc_json_close(o, m, '}', false);
    m = fc_json_open(o, "_podcast", '{');
    size_t mt = fc_json_open(o, "transcripts", '[');
    for (const struct fc_pod_transcript *t = e->transcripts.first; t; t = t->next) {
        size_t mo = fc_json_open(o, NULL, '{');
        fc_jf_str(b, o, "url", t->url);
        fc_jf_str(b, o, "type", t->type);
        fc_jf_str(b, o, "language", t->language);
        fc_jf_str(b, o, "rel", t->rel);
        fc_json_close(o, mo, '}', true);
    }
    fc_json_close(o, mt, ']', false);
    if (e->chapters_url) {
        size_t mc = fc_json_open(o, "chapters", '{');
        fc_jf_str(b, o, "url", e->chapters_url);
        fc_jf_str(b, o, "type", e->chapters_type);
        fc_json_close(o, mc, '}', true);
    }
    fc_jf_pod_persons(b, o, &e->persons);
    fc_json_close(o, m, '}', false);
}

/* The first thumbnail of the item's Media RSS data: the item's image
 * when it has none (YouTube). */
static const char *first_thumbnail(const struct fc_post *p)
{
    const struct fc_media_thumbnail *t = p->media ? p->media->thumbnails.first : NULL;
    for (const struct fc_media_group *g = p->media_groups.first; g && !t; g = g->next)
        t = g->meta.thumbnails.first;
    return t ? t->url : NULL;
}

/* The item's own Media RSS elements and its groups: `_media`. */
static void put_media(struct fc_jf_part *b, struct fc_json_writer *o, const struct fc_post *p,
                      bool image_absent)
{
    size_t m = fc_json_open(o, "_media", '{');
    put_meta(b, o, p->media);
    size_t mg = fc_json_open(o, "groups", '[');
    for (const struct fc_media_group *g = p->media_groups.first; g; g = g->next) {
        size_t mo = fc_json_open(o, NULL, '{');
        put_meta(b, o, &g->meta);
        fc_json_close(o, mo, '}', true);
    }
    fc_json_close(o, mg, ']', false);
    if (image_absent)
        fc_json_raw(o, "image_absent", "true");
    fc_json_close(o, m, '}', false);
}

/* ---- the item -------------------------------------------------------- */

/* The `_feedconv` members of an item around its "tags" (in this order). */
static const enum fc_extcodec_member item_x_head[] = {
    FC_XM_CONTENT_SRC,
    FC_XM_CONTENT_TYPE,
    FC_XM_CONTRIBUTORS,
};
static const enum fc_extcodec_member item_x_tail[] = {
    FC_XM_LINKS,     FC_XM_COMMENTS_URL, FC_XM_COMMENT_COUNT, FC_XM_COMMENTS_FEED, FC_XM_SOURCE,
    FC_XM_RIGHTS,    FC_XM_BASE,         FC_XM_SLUG,          FC_XM_DRAFT,         FC_XM_KIND,
    FC_XM_PARENT_ID, FC_XM_WEIGHT,       FC_XM_PRIVATE_POST,  FC_XM_STICKY,        FC_XM_EXPIRES,
    FC_XM_ALIASES,   FC_XM_COMMENTS,
};

static uint64_t fnv1a(uint64_t h, const char *s)
{
    for (; s && *s; s++)
        h = (h ^ (unsigned char)*s) * UINT64_C(1099511628211);
    return (h ^ 0xff) * UINT64_C(1099511628211); /* field separator */
}

/* The id of an item that has none (documented in formats/jsonfeed.c). */
static void put_synth_id(struct fc_jf_part *b, struct fc_json_writer *o, const struct fc_post *p)
{
    char buf[64];
    const char *id = p->url ? p->url : p->external_url;
    if (!id) {
        char d1[48] = "", d2[48] = "";
        fc_time_rfc3339(&p->published, d1, sizeof d1);
        fc_time_rfc3339(&p->updated, d2, sizeof d2);
        uint64_t h = UINT64_C(14695981039346656037);
        h = fnv1a(h, p->title.value);
        h = fnv1a(h, d1);
        h = fnv1a(h, d2);
        h = fnv1a(h, p->content_html);
        h = fnv1a(h, p->content_text);
        h = fnv1a(h, p->summary.value);
        snprintf(buf, sizeof buf, "urn:feedconv:%016llx", (unsigned long long)h);
        id = buf;
    }
    fc_jf_str(b, o, "id", id);
    fc_jf_true(b, "id_absent");
    fc_sticky_warn(&b->st, 0, 0, "%s has no id; wrote \"%s\"", b->what, id);
}

/* The first Media RSS description of the item (its own, a group's, a
 * media:content's). */
static const struct fc_text *media_description(const struct fc_post *p)
{
    if (p->media && p->media->description.value)
        return &p->media->description;
    for (const struct fc_media_group *g = p->media_groups.first; g; g = g->next)
        if (g->meta.description.value)
            return &g->meta.description;
    for (const struct fc_media *m = p->attachments.first; m; m = m->next)
        if (m->meta && m->meta->description.value)
            return &m->meta->description;
    return NULL;
}

/* content_html or content_text is required: with neither, a stand-in
 * (marked content_absent, so readers drop it): the summary, else the
 * Media RSS description (a YouTube video's), else the title, else a
 * placeholder; never an empty string. */
static void put_stand_in_content(struct fc_jf_part *b, struct fc_json_writer *o,
                                 const struct fc_post *p)
{
    const struct fc_text *t =
        p->summary.value && *p->summary.value ? &p->summary : media_description(p);
    if (!t && p->title.value && *p->title.value)
        t = &p->title;
    if (t && t->type != FC_TEXT)
        fc_jf_str(b, o, "content_html", t->value);
    else
        fc_jf_str(b, o, "content_text", t ? t->value : "(no content)");
    fc_jf_true(b, "content_absent");
}

void fc_jf_item(struct fc_jf_part *b, struct fc_json_writer *o, const struct fc_post *p)
{
    static const enum fc_extcodec_member id[] = {FC_XM_ID};
    if (b->id) { /* a duplicate made unique: the original in _feedconv.id */
        fc_jf_str(b, o, "id", b->id);
        fc_extcodec_put_post(&b->x, &b->xo, p, id, 1);
        if (!p->id)
            fc_jf_true(b, "id_absent");
    } else if (p->id && *p->id) {
        fc_jf_str(b, o, "id", p->id);
    } else {
        put_synth_id(b, o, p);
    }
    static const enum fc_extcodec_member permalink[] = {FC_XM_ID_IS_PERMALINK};
    fc_extcodec_put_post(&b->x, &b->xo, p, permalink, 1);
    fc_jf_url(b, o, "url", "url", p->url);
    fc_jf_url(b, o, "external_url", "external_url", p->external_url);
    fc_jf_plain(b, o, "title", "title", &p->title);
    fc_jf_str(b, o, "content_html", p->content_html);
    fc_jf_str(b, o, "content_text", p->content_text);
    if ((!p->content_html || !*p->content_html) && (!p->content_text || !*p->content_text))
        put_stand_in_content(b, o, p);
    fc_jf_plain(b, o, "summary", "summary", &p->summary);
    const char *thumb = p->image ? NULL : first_thumbnail(p);
    fc_jf_url(b, o, "image", NULL, p->image ? p->image : thumb);
    fc_jf_url(b, o, "banner_image", "banner_image", p->banner_image);
    put_time(b, o, "date_published", "published", &p->published);
    put_time(b, o, "date_modified", "updated", &p->updated);
    fc_jf_authors(b, o, &p->authors);
    size_t m = fc_json_open(o, "tags", '[');
    for (const struct fc_tag *t = p->categories.first; t; t = t->next)
        if (t->term && *t->term)
            fc_jf_str(b, o, NULL, t->term);
    fc_json_close(o, m, ']', false);
    fc_jf_str(b, o, "language", fc_jf_lang(b, p->language));
    put_attachments(b, o, p);
    put_episode(b, o, &p->episode);
    put_media(b, o, p, thumb != NULL);
    fc_jf_exts(b, o, &p->exts);
    fc_extcodec_put_post(&b->x, &b->xo, p, item_x_head, COUNT(item_x_head));
    /* _feedconv.tags: those the native tags cannot say */
    m = fc_json_open(&b->xw, "tags", '[');
    for (const struct fc_tag *t = p->categories.first; t; t = t->next)
        if (!t->term || !*t->term || t->scheme || t->label || t->slug)
            fc_extcodec_put_tag(&b->x, &b->xo, t);
    fc_json_close(&b->xw, m, ']', false);
    fc_extcodec_put_post(&b->x, &b->xo, p, item_x_tail, COUNT(item_x_tail));
    fc_jf_close_x(b);
    fc_json_splice(o, FC_JF_EXT, '{', b->xw.buf);
}
