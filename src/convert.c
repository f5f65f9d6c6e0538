/*
 * convert.c - reader -> handler -> writer glue, the common end of every
 * writer's open_writer, and the collecting handler behind fc_read().
 */
#include "internal.h"

#include <stdlib.h>

static enum fc_status pick_reader(struct fc_input *in, const struct fc_format **from,
                                  struct fc_error *err)
{
    if (!*from) {
        enum fc_status st = fc_format_detect(in, from, err);
        if (st)
            return st;
    }
    if (!((*from)->caps & FC_CAN_READ) || !(*from)->read)
        return fc_fail(err, FC_EUNSUPPORTED, fc_input_name(in), 0, 0, "%s cannot be read",
                       (*from)->name);
    if (((*from)->caps & FC_IS_DIRECTORY) && !fc_in_is_dir(in))
        return fc_fail(err, FC_EUSAGE, fc_input_name(in), 0, 0, "the %s format reads a directory",
                       (*from)->name);
    if (!((*from)->caps & FC_IS_DIRECTORY) && fc_in_is_dir(in))
        return fc_fail(err, FC_EUSAGE, fc_input_name(in), 0, 0,
                       "is a directory; the %s format reads a file", (*from)->name);
    return FC_OK;
}

static const struct fc_options *options_or_default(const struct fc_options *opt,
                                                   struct fc_options *def)
{
    if (opt)
        return opt;
    fc_options_init(def);
    return def;
}

static enum fc_status open_writer(struct fc_output *out, const struct fc_format *to,
                                  const struct fc_options *opt, struct fc_handler **w,
                                  struct fc_error *err)
{
    if (!to || !(to->caps & FC_CAN_WRITE) || !to->open_writer)
        return fc_fail(err, FC_EUNSUPPORTED, fc_out_name(out), 0, 0, "%s cannot be written",
                       to ? to->name : "(none)");
    if (!(to->caps & FC_IS_DIRECTORY) != !fc_output_is_dir(out))
        return fc_fail(err, FC_EUSAGE, fc_out_name(out), 0, 0,
                       (to->caps & FC_IS_DIRECTORY) ? "the %s format writes a directory"
                                                    : "the %s format writes a file",
                       to->name);
    return to->open_writer(out, opt, w, err);
}

/*
 * Look-ahead between a streaming reader and a writer.  Feeds may put
 * channel metadata after their posts (RSS 1.0's image and textinput, RSS
 * 0.91's textInput), and some writers must write all metadata before the
 * first post (Atom).  So begin() is held back, with the posts seen so far,
 * until end() or until LOOKAHEAD_BYTES of posts are waiting: any feed whose
 * metadata is complete within that window converts exactly as when read
 * whole, and memory stays bounded for the rest.
 */
#define LOOKAHEAD_BYTES ((size_t)1 << 20)
#define LOOKAHEAD_POSTS 256u

struct lookahead {
    struct fc_handler *w;
    struct fc_post *posts[LOOKAHEAD_POSTS];
    size_t n, bytes;
    bool started; /* the writer's begin() was called */
};

static enum fc_status la_flush(struct lookahead *la, struct fc_feed *feed, struct fc_error *err)
{
    enum fc_status st = FC_OK;
    if (!la->started) {
        la->started = true;
        st = la->w->begin(la->w->ctx, feed, err);
    }
    for (size_t i = 0; i < la->n; i++) {
        if (!st)
            st = la->w->post(la->w->ctx, feed, la->posts[i], err);
        fc_post_free(la->posts[i]);
    }
    la->n = la->bytes = 0;
    return st;
}

static enum fc_status la_begin(void *ctx, struct fc_feed *feed, struct fc_error *err)
{
    (void)ctx, (void)feed, (void)err;
    return FC_OK;
}

static enum fc_status la_post(void *ctx, struct fc_feed *feed, struct fc_post *post,
                              struct fc_error *err)
{
    struct lookahead *la = ctx;
    if (la->started)
        return la->w->post(la->w->ctx, feed, post, err);
    la->posts[la->n++] = fc_post_ref(post);
    la->bytes += fc_arena_size(post->arena);
    if (la->n == LOOKAHEAD_POSTS || la->bytes >= LOOKAHEAD_BYTES)
        return la_flush(la, feed, err);
    return FC_OK;
}

static enum fc_status la_end(void *ctx, struct fc_feed *feed, struct fc_error *err)
{
    struct lookahead *la = ctx;
    enum fc_status st = la_flush(la, feed, err);
    return st ? st : la->w->end(la->w->ctx, feed, err);
}

enum fc_status fc_convert(struct fc_input *in, const struct fc_format *from, struct fc_output *out,
                          const struct fc_format *to, const struct fc_options *opt,
                          struct fc_error *err)
{
    struct fc_options def;
    opt = options_or_default(opt, &def);
    enum fc_status st = pick_reader(in, &from, err);
    if (st)
        return st;
    struct fc_handler *w = NULL;
    st = open_writer(out, to, opt, &w, err);
    if (st)
        return st;
    struct lookahead la = {.w = w};
    struct fc_handler h = {&la, la_begin, la_post, la_end, NULL};
    st = from->read(in, &h, opt, err);
    for (size_t i = 0; i < la.n; i++) /* posts held when the read failed */
        fc_post_free(la.posts[i]);
    if (w->destroy)
        w->destroy(w->ctx);
    return st;
}

enum fc_status fc_writer_open(void *state, const char *format, bool directory,
                              struct fc_output *out, const struct fc_options *opt,
                              struct fc_handler **writer, struct fc_error *err)
{
    struct fc_writer *w = state;
    *writer = NULL;
    if (!w)
        return fc_nomem(err);
    if (directory != (fc_output_is_dir(out) != 0)) {
        w->h.destroy(w);
        return fc_fail(err, FC_EUSAGE, fc_out_name(out), 0, 0,
                       directory ? "%s writes a directory, not a stream: give -o DIR"
                                 : "%s writes one file, not a directory",
                       format);
    }
    w->out = out;
    fc_options_copy(&w->opt, opt);
    *writer = &w->h;
    return FC_OK;
}

/* ---- the collecting handler ------------------------------------------ */

/* Its state (fc_read's engine). */
struct fc_collector {
    struct fc_feed *feed; /* the reader's feed, once seen */
    struct fc_list posts; /* struct fc_post_item, allocated with malloc */
};

static enum fc_status collect_begin(void *ctx, struct fc_feed *feed, struct fc_error *err)
{
    (void)err;
    struct fc_collector *c = ctx;
    if (!c->feed)
        c->feed = fc_feed_ref(feed);
    return FC_OK;
}

static enum fc_status collect_post(void *ctx, struct fc_feed *feed, struct fc_post *post,
                                   struct fc_error *err)
{
    struct fc_collector *c = ctx;
    (void)feed;
    struct fc_post_item *it = malloc(sizeof *it);
    if (!it)
        return fc_nomem(err);
    it->post = fc_post_ref(post);
    fc_list_append(&c->posts, it);
    return FC_OK;
}

static enum fc_status collect_end(void *ctx, struct fc_feed *feed, struct fc_error *err)
{
    return collect_begin(ctx, feed, err);
}

static void collector_discard(struct fc_collector *c)
{
    struct fc_post_item *it = c->posts.first;
    while (it) {
        struct fc_post_item *next = it->next;
        fc_post_free(it->post);
        free(it);
        it = next;
    }
    c->posts = (struct fc_list){0};
}

enum fc_status fc_read(struct fc_input *in, const struct fc_format *from,
                       const struct fc_options *opt, struct fc_feed **feed, struct fc_error *err)
{
    struct fc_options def;
    *feed = NULL;
    opt = options_or_default(opt, &def);
    enum fc_status st = pick_reader(in, &from, err);
    if (st)
        return st;
    struct fc_collector c = {0};
    struct fc_handler h = {&c, collect_begin, collect_post, collect_end, NULL};
    st = from->read(in, &h, opt, err);
    if (!st && !c.feed)
        st = fc_fail(err, FC_EFORMAT, fc_input_name(in), 0, 0, "the reader produced no feed");
    if (st) {
        collector_discard(&c);
        fc_feed_free(c.feed);
        return st;
    }
    /* Move the items into the feed's arena so fc_feed_free owns them. */
    struct fc_post_item *it = c.posts.first;
    while (it) {
        struct fc_post_item *next = it->next;
        struct fc_post_item *kept = fc_list_add(c.feed->arena, &c.feed->posts, sizeof *kept);
        if (!kept) {
            collector_discard(&c);
            fc_feed_free(c.feed);
            return fc_nomem(err);
        }
        kept->post = it->post;
        c.posts.first = next;
        free(it);
        it = next;
    }
    *feed = c.feed;
    return FC_OK;
}

enum fc_status fc_write(const struct fc_feed *feed, struct fc_output *out,
                        const struct fc_format *to, const struct fc_options *opt,
                        struct fc_error *err)
{
    struct fc_options def;
    opt = options_or_default(opt, &def);
    struct fc_handler *w = NULL;
    enum fc_status st = open_writer(out, to, opt, &w, err);
    if (st)
        return st;
    /* Handlers take non-const feeds (readers fill them as they go); a
     * writer only reads it. */
    struct fc_feed *f = (struct fc_feed *)feed;
    st = w->begin(w->ctx, f, err);
    for (const struct fc_post_item *it = feed->posts.first; it && !st; it = it->next)
        st = w->post(w->ctx, f, it->post, err);
    if (!st)
        st = w->end(w->ctx, f, err);
    if (w->destroy)
        w->destroy(w->ctx);
    return st;
}
