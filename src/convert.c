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
    if (((*from)->caps & FC_IS_DIRECTORY) && !((*from)->caps & FC_READS_FILE) && !fc_in_is_dir(in))
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

/*
 * A handler in front of another that passes everything on, but what it
 * is there for: the publish filter and the progress counters start with
 * one, and take its begin (and end, destroy) as they are.
 */
struct pass {
    struct fc_handler h;
    struct fc_handler *next; /* where everything goes on */
};

static enum fc_status pass_begin(void *ctx, struct fc_feed *feed, struct fc_error *err)
{
    struct pass *p = ctx;
    return p->next->begin(p->next->ctx, feed, err);
}

static enum fc_status pass_end(void *ctx, struct fc_feed *feed, struct fc_error *err)
{
    struct pass *p = ctx;
    return p->next->end(p->next->ctx, feed, err);
}

static void pass_destroy(void *ctx)
{
    struct pass *p = ctx;
    if (p->next->destroy)
        p->next->destroy(p->next->ctx);
}

/*
 * What a feed gets from a site or an export (fc_feed.is_site): only what
 * the site publishes.  Drafts, future posts (dated after opt->now) and
 * expired ones are left out unless FC_OPT_DRAFTS / _FUTURE / _EXPIRED,
 * with one warning per kind that counts them.  A directory output (one
 * site into another) gets every post, and keeps their state.  Every
 * output gets opt's since / until / limit filters.
 */
struct publish_filter {
    struct pass base; /* first: ctx is both */
    struct fc_options opt;
    bool site_output; /* a site written into a site keeps every state */
    bool states;      /* drafts, future, expired judged here (a merge: per input) */
    bool stops;       /* the reader ends on FC_ENOUGH (FC_CAP_STOPS) */
    unsigned long drafts, future, expired;
    unsigned long written; /* posts passed on, for opt.limit */
};

/* Outside --since / --until (an undated post is never). */
static bool out_of_range(const struct fc_options *o, const struct fc_post *p)
{
    const struct fc_time *t = fc_time_present(&p->published) ? &p->published : &p->updated;
    if (!fc_time_present(t) || (!o->since && !o->until))
        return false;
    int64_t e = fc_time_epoch(t);
    return (o->since && e < o->since) || (o->until && e > o->until);
}

enum unpublished { PUBLISHED, DRAFT, FUTURE, EXPIRED };

static enum unpublished post_state(const struct publish_filter *pf, const struct fc_post *p)
{
    if ((p->draft || p->private_post) && !(pf->opt.flags & FC_OPT_DRAFTS))
        return DRAFT;
    if (!pf->opt.now)
        return PUBLISHED;
    if (p->published.precision != FC_TIME_NONE && fc_time_epoch(&p->published) > pf->opt.now &&
        !(pf->opt.flags & FC_OPT_FUTURE))
        return FUTURE;
    if (p->expires.precision != FC_TIME_NONE && fc_time_epoch(&p->expires) <= pf->opt.now &&
        !(pf->opt.flags & FC_OPT_EXPIRED))
        return EXPIRED;
    return PUBLISHED;
}

static enum fc_status pf_post(void *ctx, struct fc_feed *feed, struct fc_post *post,
                              struct fc_error *err)
{
    struct publish_filter *pf = ctx;
    if (pf->opt.limit && pf->written >= pf->opt.limit)
        return pf->stops ? FC_ENOUGH : FC_OK;
    if (out_of_range(&pf->opt, post))
        return FC_OK;
    switch (pf->states && feed->is_site && !pf->site_output ? post_state(pf, post) : PUBLISHED) {
    case DRAFT:
        pf->drafts++;
        return FC_OK;
    case FUTURE:
        pf->future++;
        return FC_OK;
    case EXPIRED:
        pf->expired++;
        return FC_OK;
    case PUBLISHED:
        break;
    }
    pf->written++;
    enum fc_status st = pf->base.next->post(pf->base.next->ctx, feed, post, err);
    /* the last one: a reader that can stops before it reads another */
    return !st && pf->stops && pf->written == pf->opt.limit ? FC_ENOUGH : st;
}

static enum fc_status pf_end(void *ctx, struct fc_feed *feed, struct fc_error *err)
{
    struct publish_filter *pf = ctx;
    struct fc_sticky s = {FC_OK, &pf->opt, err, NULL};
    if (pf->drafts)
        fc_sticky_warn(&s, 0, 0, "%lu draft%s left out of the feed (--drafts takes them in)",
                       pf->drafts, pf->drafts == 1 ? "" : "s");
    if (pf->future)
        fc_sticky_warn(&s, 0, 0,
                       "%lu post%s dated in the future left out of the feed (--future takes "
                       "them in)",
                       pf->future, pf->future == 1 ? "" : "s");
    if (pf->expired)
        fc_sticky_warn(&s, 0, 0,
                       "%lu expired post%s left out of the feed (--expired takes them in)",
                       pf->expired, pf->expired == 1 ? "" : "s");
    return s.st ? s.st : pass_end(ctx, feed, err);
}

static void pf_destroy(void *ctx)
{
    pass_destroy(ctx);
    free(ctx);
}

static enum fc_status publish_filter(const struct fc_options *opt, bool site_output, bool states,
                                     bool stops, struct fc_handler **w, struct fc_error *err)
{
    struct publish_filter *pf = calloc(1, sizeof *pf);
    if (!pf) {
        if ((*w)->destroy)
            (*w)->destroy((*w)->ctx);
        *w = NULL;
        return fc_nomem(err);
    }
    pf->base = (struct pass){{pf, pass_begin, pf_post, pf_end, pf_destroy}, *w};
    pf->site_output = site_output;
    pf->states = states;
    pf->stops = stops;
    fc_options_copy(&pf->opt, opt);
    *w = &pf->base.h;
    return FC_OK;
}

/*
 * Progress (fc_options.progress): two pass-through counters, one between
 * the reader and the look-ahead (posts in), one in front of the format's
 * writer, behind the publish filter (posts out); the reader's side reports
 * after each post.  Only there when the caller asked.
 */
struct tracker;
struct counter {
    struct pass base;       /* first: ctx is both */
    uint64_t *count;        /* the posts_in or posts_out it counts */
    struct tracker *report; /* the reader's side: report after each post */
};

struct tracker {
    struct counter in, out;
    const struct fc_options *opt;
    struct fc_input *src; /* the input being read; NULL: none */
    uint64_t base;        /* bytes of the inputs read before it (a merge) */
    struct fc_progress p;
};

static void tr_report(struct tracker *t)
{
    t->p.bytes_in = t->base + (t->src ? fc_in_bytes(t->src) : 0);
    t->opt->progress(t->opt->progress_ctx, &t->p);
}

static enum fc_status ct_post(void *ctx, struct fc_feed *feed, struct fc_post *post,
                              struct fc_error *err)
{
    struct counter *c = ctx;
    (*c->count)++;
    enum fc_status st = c->base.next->post(c->base.next->ctx, feed, post, err);
    if (c->report)
        tr_report(c->report);
    return st;
}

/* c, counting into *count, in front of next; its handler.  c lives as long
 * as the chain (fc_convert's frame). */
static struct fc_handler *ct_wrap(struct counter *c, struct fc_handler *next, uint64_t *count,
                                  struct tracker *report)
{
    *c = (struct counter){{{c, pass_begin, ct_post, pass_end, pass_destroy}, next}, count, report};
    return &c->base.h;
}

/*
 * The writer run ahead (fc_options.jobs > 1): between the publish filter
 * and a writer of the library's that has a prepare() (struct fc_writer),
 * each post goes to a pool of threads (jobs.c) that runs prepare() on it;
 * the writer's post() takes the posts in their order, with prepare()'s
 * result.  The reader and the filters upstream warn through the pool's
 * options, so their warnings keep their places among the writer's.
 */
struct ahead {
    struct fc_handler h;
    struct fc_handler *w; /* the format's writer */
    struct fc_writer *fw; /* its state */
    struct fc_jobs *jobs;
};

struct ahead_item {
    struct fc_feed *feed;
    struct fc_post *post;
    void *prepared; /* prepare()'s result until post() is given it */
};

static void ahead_work(void *ctx, void *item)
{
    struct ahead *a = ctx;
    struct ahead_item *it = item;
    it->prepared = a->fw->prepare(a->fw, it->post);
}

static enum fc_status ahead_deliver(void *ctx, void *item, struct fc_error *err)
{
    struct ahead *a = ctx;
    struct ahead_item *it = item;
    a->fw->prepared = it->prepared;
    it->prepared = NULL;
    enum fc_status st = a->w->post(a->w->ctx, it->feed, it->post, err);
    if (a->fw->prepared)
        a->fw->prepared_free(a->fw->prepared);
    a->fw->prepared = NULL;
    return st;
}

static void ahead_release(void *ctx, void *item)
{
    struct ahead *a = ctx;
    struct ahead_item *it = item;
    if (it->prepared)
        a->fw->prepared_free(it->prepared);
    fc_post_free(it->post);
    fc_feed_free(it->feed);
    free(it);
}

static const struct fc_jobs_ops ahead_ops = {ahead_work, ahead_deliver, ahead_release};

static enum fc_status ahead_begin(void *ctx, struct fc_feed *feed, struct fc_error *err)
{
    struct ahead *a = ctx;
    enum fc_status st = fc_jobs_flush(a->jobs, err);
    return st ? st : a->w->begin(a->w->ctx, feed, err);
}

static enum fc_status ahead_post(void *ctx, struct fc_feed *feed, struct fc_post *post,
                                 struct fc_error *err)
{
    struct ahead *a = ctx;
    struct ahead_item *it = malloc(sizeof *it);
    if (!it)
        return fc_nomem(err);
    /* the reader frees its feed when it fails: a post written after that
     * (fc_convert's flush) still has it */
    *it = (struct ahead_item){fc_feed_ref(feed), fc_post_ref(post), NULL};
    return fc_jobs_add(a->jobs, it, err);
}

static enum fc_status ahead_end(void *ctx, struct fc_feed *feed, struct fc_error *err)
{
    struct ahead *a = ctx;
    enum fc_status st = fc_jobs_flush(a->jobs, err);
    return st ? st : a->w->end(a->w->ctx, feed, err);
}

static void ahead_destroy(void *ctx)
{
    struct ahead *a = ctx;
    fc_jobs_free(a->jobs); /* first: its items' results are the writer's to free */
    if (a->w->destroy)
        a->w->destroy(a->w->ctx);
    free(a);
}

/* Was fmt's writer built on fc_writer_open (one of the library's)? */
static bool library_format(const struct fc_format *fmt)
{
    for (const struct fc_format *const *f = fc_formats(); *f; f++)
        if (*f == fmt)
            return true;
    return false;
}

/* Put the ahead pool in front of writer *w when opt and the writer ask
 * for it (*a NULL otherwise); on failure *w is destroyed. */
static enum fc_status ahead_open(const struct fc_format *to, const struct fc_options *opt,
                                 struct fc_handler **w, struct ahead **ap, struct fc_error *err)
{
    *ap = NULL;
    struct fc_writer *fw = library_format(to) ? (*w)->ctx : NULL;
    if (opt->jobs <= 1 || !fw || !fw->prepare)
        return FC_OK;
    struct ahead *a = calloc(1, sizeof *a);
    enum fc_status st =
        a ? fc_jobs_new(opt->jobs, &ahead_ops, a, opt, &a->jobs, err) : fc_nomem(err);
    if (st) {
        free(a);
        if ((*w)->destroy)
            (*w)->destroy((*w)->ctx);
        *w = NULL;
        return st;
    }
    a->h = (struct fc_handler){a, ahead_begin, ahead_post, ahead_end, ahead_destroy};
    a->w = *w;
    a->fw = fw;
    *w = &a->h;
    *ap = a;
    return FC_OK;
}

/* A writer of `to` on out; with t (NULL: none), counted by it; behind the
 * publish filter (states: with the drafts, future and expired posts;
 * stops: answering FC_ENOUGH past the limit).
 * With jobs (fc_options.jobs), the writer is run ahead: *a is its pool's
 * front, whose options (*up) the code upstream must use; else *a is NULL
 * and *up is opt. */
static enum fc_status open_writer(struct fc_output *out, const struct fc_format *to,
                                  const struct fc_options *opt, struct tracker *t, bool states,
                                  bool stops, struct fc_handler **w, struct ahead **a,
                                  const struct fc_options **up, struct fc_error *err)
{
    *a = NULL;
    *up = opt;
    if (!to || !(to->caps & FC_CAN_WRITE) || !to->open_writer)
        return fc_fail(err, FC_EUNSUPPORTED, fc_out_name(out), 0, 0, "%s cannot be written",
                       to ? to->name : "(none)");
    if (!(to->caps & FC_IS_DIRECTORY) != !fc_output_is_dir(out))
        return fc_fail(err, FC_EUSAGE, fc_out_name(out), 0, 0,
                       (to->caps & FC_IS_DIRECTORY) ? "the %s format writes a directory"
                                                    : "the %s format writes a file",
                       to->name);
    enum fc_status st = to->open_writer(out, opt, w, err);
    if (!st)
        st = ahead_open(to, opt, w, a, err);
    if (st)
        return st;
    if (*a)
        *up = fc_jobs_options((*a)->jobs);
    if (t)
        *w = ct_wrap(&t->out, *w, &t->p.posts_out, NULL);
    return publish_filter(*up, (to->caps & FC_IS_DIRECTORY) != 0, states, stops, w, err);
}

/* A reader failed: the posts it gave the writer before are written, as
 * without threads, unless one of them fails first (then that is the
 * error). */
static enum fc_status ahead_after_failure(struct ahead *a, enum fc_status st, struct fc_error *err)
{
    if (!st || !a)
        return st;
    struct fc_sticky s = {st, NULL, err, NULL};
    fc_jobs_finish(a->jobs, &s);
    return s.st;
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
    const struct fc_options *opt; /* its title and link, in place of the feed's */
    struct fc_post *posts[LOOKAHEAD_POSTS];
    size_t n, bytes;
    bool started; /* the writer's begin() was called */
};

/* --title, --link: the caller's words over the input's. */
static void override(struct fc_feed *feed, const struct fc_options *opt)
{
    if (opt->title)
        feed->title = (struct fc_text){opt->title, FC_TEXT};
    if (opt->link)
        feed->home_url = opt->link;
}

static enum fc_status la_flush(struct lookahead *la, struct fc_feed *feed, struct fc_error *err)
{
    enum fc_status st = FC_OK;
    override(feed, la->opt);
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
    if (st == FC_ENOUGH) /* the limit came among the posts held */
        st = FC_OK;
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
    struct tracker t = {.opt = opt, .src = in}, *tp = opt->progress ? &t : NULL;
    struct fc_handler *w = NULL;
    struct ahead *a;
    const struct fc_options *up;
    st = open_writer(out, to, opt, tp, true, library_format(from) && (from->caps & FC_CAP_STOPS),
                     &w, &a, &up, err);
    if (st)
        return st;
    struct lookahead la = {.w = w, .opt = opt};
    struct fc_handler h = {&la, la_begin, la_post, la_end, NULL};
    st = from->read(in, tp ? ct_wrap(&t.in, &h, &t.p.posts_in, tp) : &h, up, err);
    st = ahead_after_failure(a, st, err);
    if (tp) {
        t.p.done = 1;
        tr_report(tp);
    }
    for (size_t i = 0; i < la.n; i++) /* posts held when the read failed */
        fc_post_free(la.posts[i]);
    if (w->destroy)
        w->destroy(w->ctx);
    return st;
}

/*
 * A merge (merge.c): each input read in turn into the merge, through a
 * publish filter of its own (drafts, future and expired posts are judged
 * by the feed they came in; since / until leave posts out early); then
 * the merged posts go to the writer, whose filter applies the limit to
 * the newest.
 */
enum fc_status fc_convert_many(struct fc_input *const *in, const struct fc_format *const *from,
                               size_t n, struct fc_output *out, const struct fc_format *to,
                               const struct fc_options *opt, struct fc_error *err)
{
    if (n == 1)
        return fc_convert(in[0], from ? from[0] : NULL, out, to, opt, err);
    if (!n)
        return fc_fail(err, FC_EUSAGE, "", 0, 0, "no input");
    struct fc_options def, each;
    opt = options_or_default(opt, &def);
    struct tracker t = {.opt = opt}, *tp = opt->progress ? &t : NULL;
    struct fc_handler *w = NULL;
    struct fc_merge *m = NULL;
    bool site_output = to && (to->caps & FC_IS_DIRECTORY);
    struct ahead *a;
    const struct fc_options *up; /* what warns before the writer: in order */
    enum fc_status st = open_writer(out, to, opt, tp, false, false, &w, &a, &up, err);
    fc_options_copy(&each, up);
    each.limit = 0;
    if (!st)
        st = fc_merge_new(&m, err);
    for (size_t i = 0; i < n && !st; i++) {
        const struct fc_format *f = from ? from[i] : NULL;
        struct fc_handler *h = fc_merge_input(m, i);
        if ((st = pick_reader(in[i], &f, err)) ||
            (st = publish_filter(&each, site_output, true, false, &h, err)))
            break;
        t.src = in[i];
        st = f->read(in[i], tp ? ct_wrap(&t.in, h, &t.p.posts_in, tp) : h, up, err);
        t.base += fc_in_bytes(in[i]);
        t.src = NULL;
        h->destroy(h->ctx);
    }
    struct lookahead la = {.w = w, .opt = opt};
    struct fc_handler h = {&la, la_begin, la_post, la_end, NULL};
    if (!st)
        st = ahead_after_failure(a, fc_merge_emit(m, &h, err), err);
    if (tp) {
        t.p.done = 1;
        tr_report(tp);
    }
    for (size_t i = 0; i < la.n; i++)
        fc_post_free(la.posts[i]);
    fc_merge_free(m);
    if (w && w->destroy)
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

enum fc_status fc_writer_title(struct fc_arena *a, const struct fc_feed *f, const char **title,
                               struct fc_error *err)
{
    const char *host;
    size_t n = fc_url_host(f->home_url, &host);
    if (!n)
        n = fc_url_host(f->feed_url, &host);
    *title = n ? fc_strdup(a, host, n) : "Untitled feed";
    return *title ? FC_OK : fc_nomem(err);
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
    struct ahead *a;
    const struct fc_options *up;
    enum fc_status st = open_writer(out, to, opt, NULL, true, false, &w, &a, &up, err);
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
