/*
 * jsonfeed_write.c - the JSON Feed 1.1 writer (streaming).  The mapping,
 * the `_feedconv` object and the writer rules are at the top of
 * jsonfeed.c.
 *
 * The JSON text is written directly with syntax/json.h's writer (no
 * jansson tree).  An object's `_feedconv` members are written by the
 * codec (extcodec.h) into side buffers while the object is written, and
 * spliced in at its end.  Items are written by jfitem.c (which the JSON
 * Lines writer shares); the feed's members and the document here.
 */
#include "formats/jsonfeed.h"
#include "jfitem.h"
#include "util/idset.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ================================================================== */
/* Writer                                                             */

/* hubs[]: the type is required; "WebSub" stands in and is marked. */
static bool put_hub(struct fc_jf_part *b, struct fc_json_writer *o, const void *elem)
{
    const struct fc_hub *h = elem;
    if (!h->url)
        return false;
    size_t m = fc_json_open(o, NULL, '{');
    fc_jf_str(b, o, "type", h->type ? h->type : "WebSub");
    fc_jf_str(b, o, "url", h->url);
    if (!h->type)
        fc_jf_type_absent(o);
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
#define COUNT(a) (sizeof(a) / sizeof(a)[0])

/* The feed's Apple (`_itunes`) and Podcasting 2.0 (`_podcast`) data. */
static void put_pod_categories(struct fc_jf_part *b, struct fc_json_writer *o, const char *key,
                               const struct fc_list *list)
{
    size_t m = fc_json_open(o, key, '[');
    for (const struct fc_pod_category *c = list->first; c; c = c->next) {
        size_t mc = fc_json_open(o, NULL, '{');
        fc_jf_str(b, o, "text", c->text);
        put_pod_categories(b, o, "subcategories", &c->subcategories);
        fc_json_close(o, mc, '}', true);
    }
    fc_json_close(o, m, ']', false);
}

static void put_flag(struct fc_json_writer *o, const char *key, int v)
{
    if (v >= 0)
        fc_json_raw(o, key, v ? "true" : "false");
}

static void put_podcast(struct fc_jf_part *b, struct fc_json_writer *o, const struct fc_podcast *pc)
{
    size_t m = fc_json_open(o, "_itunes", '{');
    fc_jf_str(b, o, "image", pc->image);
    fc_jf_str(b, o, "author", pc->author);
    if (pc->owner.name || pc->owner.email) {
        size_t mo = fc_json_open(o, "owner", '{');
        fc_jf_str(b, o, "name", pc->owner.name);
        fc_jf_str(b, o, "email", pc->owner.email);
        fc_json_close(o, mo, '}', true);
    }
    put_flag(o, "explicit", pc->explicit_content);
    put_pod_categories(b, o, "categories", &pc->categories);
    fc_jf_str(b, o, "type", pc->type);
    put_flag(o, "block", pc->block);
    put_flag(o, "complete", pc->complete);
    fc_jf_str(b, o, "new_feed_url", pc->new_feed_url);
    fc_json_close(o, m, '}', false);
    m = fc_json_open(o, "_podcast", '{');
    fc_jf_str(b, o, "guid", pc->guid);
    put_flag(o, "locked", pc->locked);
    fc_jf_str(b, o, "locked_owner", pc->locked_owner);
    size_t mf = fc_json_open(o, "funding", '[');
    for (const struct fc_pod_funding *fu = pc->funding.first; fu; fu = fu->next) {
        size_t mu = fc_json_open(o, NULL, '{');
        fc_jf_str(b, o, "url", fu->url);
        fc_jf_str(b, o, "text", fu->text);
        fc_json_close(o, mu, '}', true);
    }
    fc_json_close(o, mf, ']', false);
    fc_jf_pod_persons(b, o, &pc->persons);
    fc_jf_str(b, o, "license", pc->license);
    fc_jf_str(b, o, "license_url", pc->license_url);
    fc_json_close(o, m, '}', false);
}

/* The feed's members (without items) into o; `_feedconv` members into
 * b->xo. */
static void feed_json(struct fc_jf_part *b, struct fc_json_writer *o, const struct fc_feed *f)
{
    fc_jf_str(b, o, "version", JF_V11);
    if (f->title.value && *f->title.value) {
        fc_jf_plain(b, o, "title", "title", &f->title);
    } else { /* every writer's placeholder */
        struct fc_arena *a = fc_jf_scratch(b);
        const char *t = NULL;
        if (a && fc_writer_title(a, f, &t, NULL) != FC_OK)
            fc_sticky_nomem(&b->st);
        if (t) {
            fc_jf_str(b, o, "title", t);
            fc_jf_true(b, "title_absent");
            fc_sticky_warn(&b->st, 0, 0, "feed has no title; wrote \"%s\"", t);
        }
    }
    fc_jf_url(b, o, "home_page_url", "home_url", f->home_url);
    fc_jf_url(b, o, "feed_url", "feed_url", f->feed_url);
    /* description: the subtitle; JSON Feed's own description when none. */
    if (f->subtitle.value)
        fc_jf_plain(b, o, "description", "subtitle", &f->subtitle);
    else
        fc_jf_str(b, o, "description", f->description_text);
    if (f->description_text && f->subtitle.value &&
        strcmp(f->description_text, f->subtitle.value) != 0)
        fc_extcodec_put_str(&b->x, &b->xo, "description_text", f->description_text);
    fc_jf_str(b, o, "user_comment", f->user_comment);
    fc_jf_url(b, o, "next_url", "next_url", f->next_url);
    fc_jf_url(b, o, "icon", NULL, f->image.url);
    fc_jf_url(b, o, "favicon", "icon", f->icon);
    fc_jf_authors(b, o, &f->authors);
    fc_jf_str(b, o, "language", fc_jf_lang(b, f->language));
    if (f->expired >= 0)
        fc_json_raw(o, "expired", f->expired ? "true" : "false");
    fc_jf_array(b, o, "hubs", "a hub", &f->hubs, put_hub);
    put_podcast(b, o, &f->podcast);
    fc_jf_exts(b, o, &f->exts);
    fc_extcodec_put_feed(&b->x, &b->xo, f, feed_x, COUNT(feed_x));
    fc_jf_close_x(b);
}

struct jf_writer {
    struct fc_writer base; /* the handler, the output, the options */
    bool begun;
    struct fc_buf head; /* the feed members begin() wrote, as written */
    unsigned long items;
    struct fc_buf buf;
    struct fc_buf feed;
    struct fc_buf side[2]; /* the part's `_feedconv` members and exts */
    struct fc_idset ids;   /* the item ids written (ids are unique) */
    struct fc_buf unique;  /* a repeated id made unique */
    bool lines;            /* JSON Lines: one item per line, no feed object */
};

static void part_open(struct fc_jf_part *b, struct jf_writer *w, struct fc_error *err,
                      const char *what)
{
    fc_jf_part_open(b, fc_writer_sticky(&w->base, err), what);
}

/* Finish a part: the first failure, else ENOMEM when a buffer ran out. */
static enum fc_status part_close(struct fc_jf_part *b, struct jf_writer *w)
{
    struct fc_buf *const bufs[] = {&w->buf, &w->feed, &w->head, &w->side[0], &w->side[1]};
    return fc_jf_part_close(b, bufs, COUNT(bufs));
}

/* The feed's members into w->feed (depth 1), _feedconv ones in w->side[0]. */
static void write_feed(struct fc_jf_part *b, struct jf_writer *w, const struct fc_feed *f)
{
    fc_buf_reset(&w->feed);
    struct fc_json_writer o = {&w->feed, 0, 1};
    fc_jf_part_side(b, w->side, 1);
    feed_json(b, &o, f);
}

static enum fc_status w_begin(void *ctx, struct fc_feed *feed, struct fc_error *err)
{
    struct jf_writer *w = ctx;
    struct fc_jf_part b;
    if (w->begun)
        return fc_fail(err, FC_EUSAGE, fc_out_name(w->base.out), 0, 0, "begin() called twice");
    if (w->lines) { /* no feed object: only items */
        w->begun = true;
        return FC_OK;
    }
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

/* JSON Feed item ids are unique: a repeated one is written with "#2",
 * "#3", ... after it (the first free), the original in `_feedconv.id`,
 * and warned about.  *unique: the id to write (in w->unique), NULL: its own. */
static void unique_id(struct fc_jf_part *b, struct jf_writer *w, const char *id,
                      const char **unique)
{
    *unique = NULL;
    if (!id || !*id)
        return;
    int r = fc_idset_take(&w->ids, id, &w->unique);
    if (r == 0)
        *unique = fc_buf_cstr(&w->unique);
    if (r < 0)
        fc_sticky_nomem(&b->st);
    else if (*unique)
        fc_sticky_warn(&b->st, 0, 0,
                       "%s: the id was written before; wrote \"%s\" (the original in "
                       "_feedconv.id)",
                       b->what, *unique);
}

/* The item just written (after its separator) on one line, ended by a
 * newline: JSON strings hold no raw newline, so every newline and the
 * indentation after it go. */
static void one_line(struct fc_buf *b)
{
    size_t j = 0, i = 0;
    while (i < b->len && (b->data[i] == ',' || b->data[i] == '\n' || b->data[i] == ' '))
        i++; /* the array's separator and indentation */
    for (; i < b->len; i++) {
        if (b->data[i] == '\n') {
            while (i + 1 < b->len && b->data[i + 1] == ' ')
                i++;
            continue;
        }
        b->data[j++] = b->data[i];
    }
    b->len = j;
    fc_buf_putc(b, '\n');
}

static enum fc_status w_post(void *ctx, struct fc_feed *feed, struct fc_post *post,
                             struct fc_error *err)
{
    struct jf_writer *w = ctx;
    (void)feed;
    if (!w->begun)
        return fc_fail(err, FC_EUSAGE, fc_out_name(w->base.out), 0, 0, "post() before begin()");
    char what[160];
    if (post->id)
        snprintf(what, sizeof what, "item %lu (id %.100s)", w->items + 1, post->id);
    else
        snprintf(what, sizeof what, "item %lu", w->items + 1);
    struct fc_jf_part b;
    part_open(&b, w, err, what);
    /* the id written: its own, else the stand-in (its url) */
    unique_id(&b, w,
              post->id && *post->id ? post->id
              : post->url           ? post->url
                                    : post->external_url,
              &b.id);
    fc_buf_reset(&w->buf);
    fc_buf_puts(&w->buf, w->items ? ",\n    {" : "\n    {");
    struct fc_json_writer o = {&w->buf, 0, 3};
    fc_jf_part_side(&b, w->side, 3);
    fc_jf_item(&b, &o, post);
    fc_json_close(&o, 0, '}', true);
    if (w->lines)
        one_line(&w->buf);
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
static void feed_tail(struct fc_jf_part *b, struct jf_writer *w, const struct fc_feed *feed,
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
    fc_json_splice(&t, FC_JF_EXT, '{', &w->side[0]);
}

static enum fc_status w_end(void *ctx, struct fc_feed *feed, struct fc_error *err)
{
    struct jf_writer *w = ctx;
    if (!w->begun)
        return fc_fail(err, FC_EUSAGE, fc_out_name(w->base.out), 0, 0, "end() before begin()");
    if (w->lines)
        return FC_OK;
    struct fc_jf_part b;
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
    fc_idset_free(&w->ids);
    fc_buf_free(&w->unique);
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

enum fc_status fc_jf_open_lines_writer(struct fc_output *out, const struct fc_options *opt,
                                       struct fc_handler **writer, struct fc_error *err)
{
    enum fc_status st = fc_jf_open_writer(out, opt, writer, err);
    if (!st)
        ((struct jf_writer *)(*writer)->ctx)->lines = true;
    return st;
}
