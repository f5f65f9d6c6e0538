/*
 * jsonfeed_write.c - the JSON Feed 1.1 writer (streaming).  The mapping,
 * the `_feedconv` object and the writer rules are at the top of
 * jsonfeed.c.
 *
 * The JSON text is written directly with syntax/json.h's writer (no
 * jansson tree).  An object's `_feedconv` members are written by the
 * codec (extcodec.h) into side buffers while the object is written, and
 * spliced in at its end.
 */
#include "formats/jsonfeed.h"
#include "extcodec.h"
#include "syntax/json.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* JSON Feed 1.1: an extension key is "_" then a letter, with no ".". */
static bool is_ext_key(const char *k)
{
    if (k[0] != '_' || !((k[1] >= 'a' && k[1] <= 'z') || (k[1] >= 'A' && k[1] <= 'Z')))
        return false;
    return strchr(k, '.') == NULL;
}

/* ================================================================== */
/* Writer                                                             */

/* The state of writing one document part (the head, an item, the
 * tail).  Warnings go through st; a part rebuilt for what begin() has
 * already warned about sets st.opt to NULL, which silences them. */
struct jf_part {
    struct fc_sticky st;
    struct fc_extcodec_enc x;     /* the `_feedconv` values */
    struct fc_json_writer xw, ew; /* `_feedconv` members and its exts, written aside */
    struct fc_extcodec_out xo, eo;
    struct fc_arena *scratch; /* text versions of HTML titles; made on demand */
    const char *what;         /* "feed" or "item 3", for warnings */
};

static struct fc_arena *part_scratch(struct jf_part *b)
{
    if (!b->scratch && !(b->scratch = fc_arena_new()))
        fc_sticky_nomem(&b->st);
    return b->scratch;
}

/* w[key] = s as a JSON string (nothing when s is NULL); invalid UTF-8 is
 * repaired with a warning. */
static void part_str(struct jf_part *b, struct fc_json_writer *w, const char *key, const char *s)
{
    struct fc_extcodec_out o = fc_extcodec_text_out(w);
    fc_extcodec_put_str(&b->x, &o, key, s);
}

/* w[key] = v, as jansson prints it at w's depth; takes v. */
static void part_json(struct jf_part *b, struct fc_json_writer *w, const char *key, json_t *v)
{
    if (!v) {
        fc_sticky_nomem(&b->st);
        return;
    }
    fc_json_value(w, key, v);
    json_decref(v);
}

/* A plain-text key: HTML becomes text, the original goes to
 * `_feedconv`[xkey]. */
static void put_plain(struct jf_part *b, struct fc_json_writer *o, const char *key,
                      const char *xkey, const struct fc_text *t)
{
    if (!t->value)
        return;
    if (t->type == FC_TEXT) {
        part_str(b, o, key, t->value);
        return;
    }
    struct fc_arena *a = part_scratch(b);
    char *plain = a ? fc_html_to_text(a, t->value) : NULL;
    if (!plain) {
        fc_sticky_nomem(&b->st);
        return;
    }
    part_str(b, o, key, plain);
    fc_extcodec_put_text(&b->x, &b->xo, xkey, t);
}

/* A time as JSON Feed wants it (seconds and an offset) into o[key]; what
 * that loses goes to `_feedconv.dates`[note_key]. */
static void put_time(struct jf_part *b, struct fc_json_writer *o, const char *key,
                     const char *note_key, const struct fc_time *t)
{
    char buf[FC_EXTCODEC_TIME_MAX];
    part_str(b, o, key, fc_extcodec_time(&b->x, t, key, note_key, buf));
}

/* `_feedconv`[key] = true. */
static void put_true(struct jf_part *b, const char *key)
{
    fc_extcodec_put_true(&b->x, &b->xo, key);
}

/* A JSON Feed author: name/url/avatar, the email in its _feedconv. */
static void author_json(struct jf_part *b, struct fc_json_writer *w, const struct fc_person *p)
{
    size_t m = fc_json_open(w, NULL, '{');
    bool name_absent = false;
    if (p->name) {
        part_str(b, w, "name", p->name);
    } else if (!p->url && !p->avatar) {
        /* The spec needs one of name/url/avatar: the email stands in. */
        part_str(b, w, "name", p->email);
        name_absent = true;
    }
    part_str(b, w, "url", p->url);
    part_str(b, w, "avatar", p->avatar);
    if (name_absent || p->email) {
        size_t mx = fc_json_open(w, JF_EXT, '{');
        if (name_absent)
            fc_json_raw(w, "name_absent", "true");
        part_str(b, w, "email", p->email);
        fc_json_close(w, mx, '}', true);
    }
    fc_json_close(w, m, '}', true);
}

static void put_authors(struct jf_part *b, struct fc_json_writer *o, const struct fc_list *list)
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

/* Was name written into o already (names: the `_x` keys written)? */
static bool name_done(const struct fc_buf *names, const char *name)
{
    const char *const *v = (const void *)names->data;
    for (size_t i = 0; i < names->len / sizeof *v; i++)
        if (strcmp(v[i], name) == 0)
            return true;
    return false;
}

/* JSON Feed's own `_x` objects go back where they came from (the first
 * of a name); every other ext goes to exts, for _feedconv.exts. */
static void put_exts(struct jf_part *b, struct fc_json_writer *o, const struct fc_list *list)
{
    struct fc_buf names; /* const char *[]: few, a linear search is fine */
    fc_buf_init(&names);
    for (const struct fc_ext *e = list->first; e; e = e->next) {
        if (e->kind == FC_EXT_JSON && e->origin && strcmp(e->origin, "jsonfeed") == 0 && e->name &&
            is_ext_key(e->name) && strcmp(e->name, JF_EXT) != 0 &&
            fc_utf8_valid(e->name, strlen(e->name)) && !name_done(&names, e->name)) {
            json_t *v = fc_extcodec_json_value(&b->x, e->value);
            if (v) {
                part_json(b, o, e->name, v);
                fc_buf_add(&names, &e->name, sizeof e->name);
                continue;
            }
        }
        fc_extcodec_put_ext(&b->x, &b->eo, e);
    }
    if (names.oom)
        fc_sticky_nomem(&b->st);
    fc_buf_free(&names);
}

/* `_feedconv: {"type_absent": true}` in the object being written: its
 * type is a stand-in, which the reader drops again. */
static void put_type_absent(struct fc_json_writer *o)
{
    size_t m = fc_json_open(o, JF_EXT, '{');
    fc_json_raw(o, "type_absent", "true");
    fc_json_close(o, m, '}', true);
}

/* key: [each element of list, by fn]; an element fn cannot write (it has
 * no URL) is dropped with a warning that calls it `noun`. */
static void put_array(struct jf_part *b, struct fc_json_writer *o, const char *key,
                      const char *noun, const struct fc_list *list,
                      bool (*fn)(struct jf_part *b, struct fc_json_writer *o, const void *elem))
{
    size_t m = fc_json_open(o, key, '[');
    for (const void *e = list->first; e; e = *(void *const *)e) /* `next` comes first */
        if (!fn(b, o, e))
            fc_sticky_warn(&b->st, 0, 0, "%s: %s without a URL was dropped", b->what, noun);
    fc_json_close(o, m, ']', false);
}

/* attachments[] */
static bool put_attachment(struct jf_part *b, struct fc_json_writer *o, const void *elem)
{
    const struct fc_media *me = elem;
    if (!me->url)
        return false;
    size_t m = fc_json_open(o, NULL, '{');
    part_str(b, o, "url", me->url);
    /* mime_type is required; a generic type stands in and is marked. */
    part_str(b, o, "mime_type", me->type ? me->type : "application/octet-stream");
    part_str(b, o, "title", me->title);
    if (me->length >= 0)
        fc_json_int(o, "size_in_bytes", me->length);
    if (me->duration >= 0 && isfinite(me->duration)) {
        double ip;
        if (modf(me->duration, &ip) == 0.0 && ip < 9e15)
            fc_json_int(o, "duration_in_seconds", (long long)ip);
        else
            part_json(b, o, "duration_in_seconds", json_real(me->duration));
    }
    if (!me->type)
        put_type_absent(o);
    fc_json_close(o, m, '}', true);
    return true;
}

/* hubs[]: the type is required; "WebSub" stands in and is marked. */
static bool put_hub(struct jf_part *b, struct fc_json_writer *o, const void *elem)
{
    const struct fc_hub *h = elem;
    if (!h->url)
        return false;
    size_t m = fc_json_open(o, NULL, '{');
    part_str(b, o, "type", h->type ? h->type : "WebSub");
    part_str(b, o, "url", h->url);
    if (!h->type)
        put_type_absent(o);
    fc_json_close(o, m, '}', true);
    return true;
}

/* The `_feedconv` members of a feed written after title, subtitle and
 * description_text, and of an item around its "tags" (in this order). */
static const enum fc_extcodec_member feed_x[] = {
    FC_XM_ID,           FC_XM_RIGHTS,     FC_XM_PUBLISHED, FC_XM_UPDATED,    FC_XM_GENERATOR,
    FC_XM_CONTRIBUTORS, FC_XM_EDITOR,     FC_XM_WEBMASTER, FC_XM_CATEGORIES, FC_XM_IMAGE_DETAILS,
    FC_XM_TTL,          FC_XM_DOCS,       FC_XM_CLOUD,     FC_XM_SKIP_HOURS, FC_XM_SKIP_DAYS,
    FC_XM_RATING,       FC_XM_TEXT_INPUT, FC_XM_BASE,      FC_XM_LINKS,      FC_XM_MENUS,
    FC_XM_TIME_ZONE,
};
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
#define COUNT(a) (sizeof(a) / sizeof(a)[0])

/* The end of a `_feedconv` object: its dates and exts. */
static void close_x(struct jf_part *b)
{
    fc_extcodec_put_dates(&b->x, &b->xo);
    fc_json_splice(&b->xw, "exts", '[', b->ew.buf);
}

/* The feed's members (without items) into o; `_feedconv` members into
 * b->xo. */
static void feed_json(struct jf_part *b, struct fc_json_writer *o, const struct fc_feed *f)
{
    part_str(b, o, "version", JF_V11);
    if (f->title.value) {
        put_plain(b, o, "title", "title", &f->title);
    } else { /* every writer's placeholder */
        struct fc_arena *a = part_scratch(b);
        const char *t = NULL;
        if (a && fc_writer_title(a, f, &t, NULL) != FC_OK)
            fc_sticky_nomem(&b->st);
        if (t) {
            part_str(b, o, "title", t);
            put_true(b, "title_absent");
            fc_sticky_warn(&b->st, 0, 0, "feed has no title; wrote \"%s\"", t);
        }
    }
    part_str(b, o, "home_page_url", f->home_url);
    part_str(b, o, "feed_url", f->feed_url);
    /* description: the subtitle; JSON Feed's own description when none. */
    if (f->subtitle.value)
        put_plain(b, o, "description", "subtitle", &f->subtitle);
    else
        part_str(b, o, "description", f->description_text);
    if (f->description_text && f->subtitle.value &&
        strcmp(f->description_text, f->subtitle.value) != 0)
        fc_extcodec_put_str(&b->x, &b->xo, "description_text", f->description_text);
    part_str(b, o, "user_comment", f->user_comment);
    part_str(b, o, "next_url", f->next_url);
    part_str(b, o, "icon", f->image.url);
    part_str(b, o, "favicon", f->icon);
    put_authors(b, o, &f->authors);
    part_str(b, o, "language", f->language);
    if (f->expired >= 0)
        fc_json_raw(o, "expired", f->expired ? "true" : "false");
    put_array(b, o, "hubs", "a hub", &f->hubs, put_hub);
    put_exts(b, o, &f->exts);
    fc_extcodec_put_feed(&b->x, &b->xo, f, feed_x, COUNT(feed_x));
    close_x(b);
}

static uint64_t fnv1a(uint64_t h, const char *s)
{
    for (; s && *s; s++)
        h = (h ^ (unsigned char)*s) * UINT64_C(1099511628211);
    return (h ^ 0xff) * UINT64_C(1099511628211); /* field separator */
}

/* The id of an item that has none (documented at the top). */
static void put_synth_id(struct jf_part *b, struct fc_json_writer *o, const struct fc_post *p)
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
    part_str(b, o, "id", id);
    put_true(b, "id_absent");
    fc_sticky_warn(&b->st, 0, 0, "%s has no id; wrote \"%s\"", b->what, id);
}

/* One item's members into o (an open object). */
static void post_json(struct jf_part *b, struct fc_json_writer *o, const struct fc_post *p)
{
    if (p->id)
        part_str(b, o, "id", p->id);
    else
        put_synth_id(b, o, p);
    static const enum fc_extcodec_member permalink[] = {FC_XM_ID_IS_PERMALINK};
    fc_extcodec_put_post(&b->x, &b->xo, p, permalink, 1);
    part_str(b, o, "url", p->url);
    part_str(b, o, "external_url", p->external_url);
    put_plain(b, o, "title", "title", &p->title);
    part_str(b, o, "content_html", p->content_html);
    part_str(b, o, "content_text", p->content_text);
    if (!p->content_html && !p->content_text) {
        /* One of the two is required: the summary (or nothing) stands in. */
        const struct fc_text *su = &p->summary;
        if (su->value && su->type != FC_TEXT)
            part_str(b, o, "content_html", su->value);
        else
            part_str(b, o, "content_text", su->value ? su->value : "");
        put_true(b, "content_absent");
    }
    put_plain(b, o, "summary", "summary", &p->summary);
    part_str(b, o, "image", p->image);
    part_str(b, o, "banner_image", p->banner_image);
    put_time(b, o, "date_published", "published", &p->published);
    put_time(b, o, "date_modified", "updated", &p->updated);
    put_authors(b, o, &p->authors);
    size_t m = fc_json_open(o, "tags", '[');
    for (const struct fc_tag *t = p->categories.first; t; t = t->next)
        if (t->term)
            part_str(b, o, NULL, t->term);
    fc_json_close(o, m, ']', false);
    part_str(b, o, "language", p->language);
    put_array(b, o, "attachments", "an attachment", &p->attachments, put_attachment);
    put_exts(b, o, &p->exts);
    fc_extcodec_put_post(&b->x, &b->xo, p, item_x_head, COUNT(item_x_head));
    /* _feedconv.tags: those the native tags cannot say */
    m = fc_json_open(&b->xw, "tags", '[');
    for (const struct fc_tag *t = p->categories.first; t; t = t->next)
        if (!t->term || t->scheme || t->label || t->slug)
            fc_extcodec_put_tag(&b->x, &b->xo, t);
    fc_json_close(&b->xw, m, ']', false);
    fc_extcodec_put_post(&b->x, &b->xo, p, item_x_tail, COUNT(item_x_tail));
    close_x(b);
    fc_json_splice(o, JF_EXT, '{', b->xw.buf);
}

struct jf_writer {
    struct fc_writer base; /* the handler, the output, the options */
    bool begun;
    struct fc_buf head; /* the feed members begin() wrote, as written */
    unsigned long items;
    struct fc_buf buf;
    struct fc_buf feed;
    struct fc_buf side[2]; /* struct jf_part's xw and ew */
};

static void part_open(struct jf_part *b, struct jf_writer *w, struct fc_error *err,
                      const char *what)
{
    memset(b, 0, sizeof *b);
    b->st = fc_writer_sticky(&w->base, err);
    b->what = what;
    fc_extcodec_enc_init(&b->x, &b->st, what);
}

/* Start the `_feedconv` of an object whose members are at depth. */
static void part_side(struct jf_part *b, struct jf_writer *w, unsigned depth)
{
    fc_buf_reset(&w->side[0]);
    fc_buf_reset(&w->side[1]);
    b->xw = (struct fc_json_writer){&w->side[0], 0, depth + 1};
    b->ew = (struct fc_json_writer){&w->side[1], 0, depth + 2};
    b->xo = fc_extcodec_text_out(&b->xw);
    b->eo = fc_extcodec_text_out(&b->ew);
}

/* Finish a part: the first failure, else ENOMEM when a buffer ran out. */
static enum fc_status part_close(struct jf_part *b, struct jf_writer *w)
{
    fc_arena_free(b->scratch);
    fc_extcodec_enc_free(&b->x);
    if (w->buf.oom || w->feed.oom || w->head.oom || w->side[0].oom || w->side[1].oom)
        fc_sticky_nomem(&b->st);
    if (!fc_sticky_ok(&b->st)) {
        /* Sticky oom is per buffer: start clean for whoever comes next. */
        fc_buf_free(&w->buf);
        fc_buf_free(&w->feed);
        fc_buf_free(&w->side[0]);
        fc_buf_free(&w->side[1]);
    }
    return b->st.st;
}

/* The feed's members into w->feed (depth 1), _feedconv ones in w->side[0]. */
static void write_feed(struct jf_part *b, struct jf_writer *w, const struct fc_feed *f)
{
    fc_buf_reset(&w->feed);
    struct fc_json_writer o = {&w->feed, 0, 1};
    part_side(b, w, 1);
    feed_json(b, &o, f);
}

static enum fc_status w_begin(void *ctx, struct fc_feed *feed, struct fc_error *err)
{
    struct jf_writer *w = ctx;
    struct jf_part b;
    if (w->begun)
        return fc_fail(err, FC_EUSAGE, fc_out_name(w->base.out), 0, 0, "begin() called twice");
    part_open(&b, w, err, "feed");
    write_feed(&b, w, feed); /* _feedconv is written by end(), when it is complete */
    fc_buf_reset(&w->buf);
    fc_buf_putc(&w->buf, '{');
    fc_buf_add(&w->buf, w->feed.data, w->feed.len);
    fc_buf_puts(&w->buf, ",\n  \"items\": [");
    fc_buf_reset(&w->head);
    fc_buf_add(&w->head, w->feed.data, w->feed.len);
    enum fc_status st = part_close(&b, w);
    if (st)
        return st;
    w->begun = true;
    return fc_out_buf(w->base.out, &w->buf, err);
}

static enum fc_status w_post(void *ctx, struct fc_feed *feed, struct fc_post *post,
                             struct fc_error *err)
{
    struct jf_writer *w = ctx;
    (void)feed;
    if (!w->begun)
        return fc_fail(err, FC_EUSAGE, fc_out_name(w->base.out), 0, 0, "post() before begin()");
    char what[48];
    snprintf(what, sizeof what, "item %lu", w->items + 1);
    struct jf_part b;
    part_open(&b, w, err, what);
    fc_buf_reset(&w->buf);
    fc_buf_puts(&w->buf, w->items ? ",\n    {" : "\n    {");
    struct fc_json_writer o = {&w->buf, 0, 3};
    part_side(&b, w, 3);
    post_json(&b, &o, post);
    fc_json_close(&o, 0, '}', true);
    enum fc_status st = part_close(&b, w);
    if (st)
        return st;
    w->items++;
    return fc_out_buf(w->base.out, &w->buf, err);
}

/* The members of a written object "\n  \"key\": value" (depth 1): a
 * member starts at a newline, two spaces and a quote (deeper lines are
 * indented further, strings hold no raw newline).  key, klen: the
 * escaped key; returns the member's end. */
static size_t next_member(const char *s, size_t n, size_t at, const char **key, size_t *klen)
{
    size_t k = at + 4; /* after "\n  \"" */
    size_t i = k;
    while (i < n && s[i] != '"')
        i += s[i] == '\\' ? 2 : 1;
    *key = s + k;
    *klen = (i < n ? i : n) - k;
    const char *p = s + i;
    for (;;) {
        p = memchr(p, '\n', (size_t)(s + n - p));
        if (!p)
            return n;
        if ((size_t)(s + n - p) >= 4 && p[1] == ' ' && p[2] == ' ' && p[3] == '"')
            break;
        p++;
    }
    size_t end = (size_t)(p - s);
    return end > at && s[end - 1] == ',' ? end - 1 : end;
}

/* The member of the head with this key: its text, or NULL. */
static const char *head_member(const struct fc_buf *h, const char *key, size_t klen, size_t *len)
{
    size_t at = 0;
    while (at < h->len) {
        const char *k;
        size_t kl, end = next_member(h->data, h->len, at, &k, &kl);
        if (kl == klen && memcmp(k, key, klen) == 0) {
            *len = end - at;
            return h->data + at;
        }
        at = end < h->len && h->data[end] == ',' ? end + 1 : end;
    }
    return NULL;
}

/* Feed keys that appeared after begin() go after "items"; a key whose
 * value changed cannot be rewritten (it was streamed) and is warned about. */
static void feed_tail(struct jf_part *b, struct jf_writer *w, const struct fc_feed *feed,
                      struct fc_buf *tail)
{
    write_feed(b, w, feed);
    if (w->feed.oom)
        return;
    struct fc_json_writer t = {tail, 0, 1};
    const char *changed = NULL;
    size_t changed_len = 0;
    const struct fc_buf *f = &w->feed;
    size_t at = 0;
    while (at < f->len) {
        const char *k;
        size_t kl, end = next_member(f->data, f->len, at, &k, &kl), ol;
        const char *old = head_member(&w->head, k, kl, &ol);
        if (!old) {
            if (!fc_json_first(&t))
                fc_buf_putc(tail, ',');
            fc_buf_add(tail, f->data + at, end - at);
        } else if (!changed && (ol != end - at || memcmp(old, f->data + at, ol) != 0)) {
            changed = k;
            changed_len = kl;
        }
        at = end < f->len && f->data[end] == ',' ? end + 1 : end;
    }
    if (changed) {
        b->st.opt = &w->base.opt;
        fc_sticky_warn(&b->st, 0, 0,
                       "feed %.*s changed after the first item; the value written first is kept",
                       (int)changed_len, changed);
        b->st.opt = NULL;
    }
    fc_json_splice(&t, JF_EXT, '{', &w->side[0]);
}

static enum fc_status w_end(void *ctx, struct fc_feed *feed, struct fc_error *err)
{
    struct jf_writer *w = ctx;
    if (!w->begun)
        return fc_fail(err, FC_EUSAGE, fc_out_name(w->base.out), 0, 0, "end() before begin()");
    struct jf_part b;
    part_open(&b, w, err, "feed");
    b.st.opt = NULL; /* begin() reported these */
    struct fc_buf tail;
    fc_buf_init(&tail);
    feed_tail(&b, w, feed, &tail);
    fc_buf_reset(&w->buf);
    fc_buf_puts(&w->buf, w->items ? "\n  ]" : "]");
    if (tail.len) {
        fc_buf_putc(&w->buf, ',');
        fc_buf_add(&w->buf, tail.data, tail.len);
    }
    fc_buf_puts(&w->buf, "\n}\n");
    if (tail.oom)
        fc_sticky_nomem(&b.st);
    fc_buf_free(&tail);
    enum fc_status st = part_close(&b, w);
    return st ? st : fc_out_buf(w->base.out, &w->buf, err);
}

static void w_destroy(void *ctx)
{
    struct jf_writer *w = ctx;
    fc_buf_free(&w->head);
    fc_buf_free(&w->buf);
    fc_buf_free(&w->feed);
    fc_buf_free(&w->side[0]);
    fc_buf_free(&w->side[1]);
    free(w);
}

enum fc_status fc_jf_open_writer(struct fc_output *out, const struct fc_options *opt,
                                 struct fc_handler **writer, struct fc_error *err)
{
    struct jf_writer *w = calloc(1, sizeof *w); /* the buffers: empty when zeroed */
    if (w)
        w->base.h = (struct fc_handler){w, w_begin, w_post, w_end, w_destroy};
    return fc_writer_open(w, "JSON Feed", false, out, opt, writer, err);
}
