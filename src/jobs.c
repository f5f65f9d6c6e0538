/*
 * jobs.c - an ordered pool of worker threads (internal.h, "jobs.c"): the
 * per-post work of a conversion (HTML -> Markdown for a site, Markdown ->
 * HTML from one) done by several threads, its results taken strictly in
 * the order the posts came, so that what a conversion writes and says is
 * the same with any number of threads.
 *
 * Shape: a ring of `cap` slots (item, state) and three counters, head <=
 * next <= tail: items [head, tail) are waiting to be delivered, [next,
 * tail) not yet taken by a thread.  The calling thread adds at tail and
 * delivers at head; a worker takes the item at next.  One mutex guards
 * the counters and states, one condition wakes the workers, another the
 * calling thread.  The calling thread is one of the pool's threads:
 * while the head item is not done, it works on the items no worker has
 * taken yet (the head's first), so it never waits on an idle pool, and a
 * pool whose threads could not all be started still works.  Sleeping
 * workers are woken a batch of items at a time (a wake-up is a system
 * call or two, dearer than a small item).
 *
 * Warnings: the calling thread's code upstream of the pool (a reader, the
 * publish filter) warns through fc_jobs_options(), whose warn keeps each
 * warning raised while items wait, numbered by the items added before it;
 * it is delivered just before the first item added after it.  So the
 * caller's callback sees warnings and the downstream's own (raised while
 * an item is delivered) in the order of a run without threads.  Workers
 * never warn through the pool: an item may keep its work's warnings to
 * give when it is delivered.
 *
 * libxml2's one-time set-up (xmlInitParser) is not thread-safe: it is
 * done here, in the calling thread, before any thread starts (cmark-gfm's
 * is made safe in util/md2html.c).
 */
#include "internal.h"

#include <libxml/parser.h>
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

enum { QUEUED, RUNNING, DONE };

struct slot {
    void *item;
    int state;
};

/* A warning raised while items waited: delivered before item `seq`. */
struct kept {
    struct kept *next;
    uint64_t seq;
    struct fc_error w;
};

struct fc_jobs {
    const struct fc_jobs_ops *ops;
    void *ctx;
    struct fc_options up; /* for code upstream: warn is keep() */
    fc_warn_fn warn;      /* the caller's */
    void *warn_ctx;
    pthread_mutex_t mu;
    pthread_cond_t work_cv; /* an item to take, or stop */
    pthread_cond_t done_cv; /* an item is done */
    pthread_t *threads;
    unsigned n_threads;
    unsigned sleeping; /* workers waiting on work_cv */
    size_t batch;      /* items queued before a sleeping worker is woken */
    struct slot *slots;
    size_t cap;
    uint64_t head, next, tail;
    bool stop;
    bool delivering; /* in ops->deliver: a warning now is in its place */
    /* The first failure: a delivery's (err was filled then), or a
     * warning that could not be kept (err not filled yet). */
    enum fc_status failed;
    bool failed_told;
    struct kept *kept, *kept_last;
};

static void keep(void *ctx, const struct fc_error *w)
{
    struct fc_jobs *j = ctx;
    if (j->delivering || (j->head == j->tail && !j->kept)) { /* in its place now */
        j->warn(j->warn_ctx, w);
        return;
    }
    if (j->failed) /* nothing more is delivered */
        return;
    struct kept *k = malloc(sizeof *k);
    if (!k) {
        j->failed = FC_ENOMEM;
        return;
    }
    k->next = NULL;
    k->seq = j->tail;
    k->w = *w;
    if (j->kept_last)
        j->kept_last->next = k;
    else
        j->kept = k;
    j->kept_last = k;
}

/* Deliver the warnings kept before item seq (UINT64_MAX: all). */
static void deliver_kept(struct fc_jobs *j, uint64_t seq)
{
    while (j->kept && j->kept->seq <= seq) {
        struct kept *k = j->kept;
        j->kept = k->next;
        if (!j->kept)
            j->kept_last = NULL;
        j->warn(j->warn_ctx, &k->w);
        free(k);
    }
}

static void *worker(void *arg)
{
    struct fc_jobs *j = arg;
    pthread_mutex_lock(&j->mu);
    for (;;) {
        while (!j->stop && j->next == j->tail) {
            j->sleeping++;
            pthread_cond_wait(&j->work_cv, &j->mu);
            j->sleeping--;
        }
        if (j->stop)
            break;
        struct slot *s = &j->slots[j->next++ % j->cap];
        s->state = RUNNING;
        pthread_mutex_unlock(&j->mu);
        j->ops->work(j->ctx, s->item);
        pthread_mutex_lock(&j->mu);
        s->state = DONE;
        pthread_cond_signal(&j->done_cv); /* the calling thread is the only waiter */
    }
    pthread_mutex_unlock(&j->mu);
    return NULL;
}

/* The status to return once failed; fills err for a failure it has not
 * told yet. */
static enum fc_status failure(struct fc_jobs *j, struct fc_error *err)
{
    if (!j->failed_told) {
        j->failed_told = true;
        fc_nomem(err); /* a warning that could not be kept */
    }
    return j->failed;
}

/* Wait for the head item, then deliver it, after the warnings kept
 * before it.  While it is not done, the calling thread works on the
 * items no thread has taken (the head's first): it is one of the pool's
 * threads, and sleeping costs more than working. */
static enum fc_status deliver_head(struct fc_jobs *j, struct fc_error *err)
{
    struct slot *s = &j->slots[j->head % j->cap];
    pthread_mutex_lock(&j->mu);
    while (s->state != DONE) {
        if (j->next == j->tail) {
            pthread_cond_wait(&j->done_cv, &j->mu);
            continue;
        }
        struct slot *t = &j->slots[j->next++ % j->cap];
        t->state = RUNNING;
        pthread_mutex_unlock(&j->mu);
        j->ops->work(j->ctx, t->item);
        pthread_mutex_lock(&j->mu);
        t->state = DONE;
    }
    pthread_mutex_unlock(&j->mu);
    enum fc_status st;
    if (j->failed) {
        st = failure(j, err);
    } else {
        deliver_kept(j, j->head);
        j->delivering = true;
        st = j->ops->deliver(j->ctx, s->item, err);
        j->delivering = false;
    }
    j->ops->release(j->ctx, s->item);
    pthread_mutex_lock(&j->mu);
    j->head++;
    pthread_mutex_unlock(&j->mu);
    if (st && !j->failed) {
        j->failed = st;
        j->failed_told = true;
    }
    return st;
}

enum fc_status fc_jobs_new(unsigned threads, const struct fc_jobs_ops *ops, void *ctx,
                           const struct fc_options *opt, struct fc_jobs **jobs,
                           struct fc_error *err)
{
    *jobs = NULL;
    if (threads > FC_JOBS_MAX)
        threads = FC_JOBS_MAX;
    struct fc_jobs *j = calloc(1, sizeof *j);
    if (!j)
        return fc_nomem(err);
    j->ops = ops;
    j->ctx = ctx;
    fc_options_copy(&j->up, opt);
    j->warn = j->up.warn;
    j->warn_ctx = j->up.warn_ctx;
    if (j->warn) {
        j->up.warn = keep;
        j->up.warn_ctx = j;
    }
    j->cap = FC_JOBS_QUEUE * (size_t)(threads ? threads : 1);
    j->batch = j->cap / 2 / (threads ? threads : 1);
    if (j->batch == 0)
        j->batch = 1;
    j->slots = calloc(j->cap, sizeof *j->slots);
    j->threads = calloc(threads ? threads : 1, sizeof *j->threads);
    if (!j->slots || !j->threads) {
        free(j->slots);
        free(j->threads);
        free(j);
        return fc_nomem(err);
    }
    if (pthread_mutex_init(&j->mu, NULL) || pthread_cond_init(&j->work_cv, NULL) ||
        pthread_cond_init(&j->done_cv, NULL)) {
        /* (glibc's never fail; destroying what did not start is not allowed,
         * so a failure here leaks the ones that did, which hold nothing) */
        free(j->slots);
        free(j->threads);
        free(j);
        return fc_fail(err, FC_ENOMEM, NULL, 0, 0, "cannot set up the worker threads");
    }
    xmlInitParser();
    /* The calling thread is one of `threads` (deliver_head); fewer when
     * the system gives fewer: the calling thread does the work the pool
     * has no thread for. */
    while (j->n_threads + 1 < threads &&
           pthread_create(&j->threads[j->n_threads], NULL, worker, j) == 0)
        j->n_threads++;
    *jobs = j;
    return FC_OK;
}

const struct fc_options *fc_jobs_options(const struct fc_jobs *j)
{
    return &j->up;
}

enum fc_status fc_jobs_add(struct fc_jobs *j, void *item, struct fc_error *err)
{
    while (!j->failed && j->tail - j->head >= j->cap)
        deliver_head(j, err);
    if (j->failed) {
        j->ops->release(j->ctx, item);
        return failure(j, err);
    }
    pthread_mutex_lock(&j->mu);
    j->slots[j->tail % j->cap] = (struct slot){item, QUEUED};
    j->tail++;
    /* Waking a thread is a system call or two: a sleeping worker gets a
     * batch (a worker that is awake takes items as they come).  Nothing
     * waits for it: the calling thread works on what is not taken. */
    if (j->sleeping && j->tail - j->next >= j->batch)
        pthread_cond_signal(&j->work_cv);
    pthread_mutex_unlock(&j->mu);
    return FC_OK;
}

enum fc_status fc_jobs_flush(struct fc_jobs *j, struct fc_error *err)
{
    while (!j->failed && j->head < j->tail)
        deliver_head(j, err);
    if (j->failed)
        return failure(j, err);
    deliver_kept(j, UINT64_MAX);
    return FC_OK;
}

void fc_jobs_hand(struct fc_jobs *j, const struct fc_jobs_ops *ops, void *ctx, void *item,
                  struct fc_sticky *s)
{
    if (j) {
        fc_sticky_set(s, fc_jobs_add(j, item, s->err));
        return;
    }
    ops->work(ctx, item);
    fc_sticky_set(s, ops->deliver(ctx, item, s->err));
    ops->release(ctx, item);
}

void fc_jobs_finish(struct fc_jobs *j, struct fc_sticky *s)
{
    if (fc_sticky_ok(s)) {
        fc_sticky_set(s, fc_jobs_flush(j, s->err));
    } else if (!j->failed) {
        struct fc_error e = {0};
        enum fc_status st = fc_jobs_flush(j, &e);
        if (st) {
            *s->err = e;
            s->st = st;
        }
    }
}

bool fc_jobs_failed(const struct fc_jobs *j)
{
    return j->failed != FC_OK;
}

void fc_jobs_free(struct fc_jobs *j)
{
    if (!j)
        return;
    pthread_mutex_lock(&j->mu);
    j->stop = true;
    pthread_cond_broadcast(&j->work_cv);
    pthread_mutex_unlock(&j->mu);
    for (unsigned i = 0; i < j->n_threads; i++)
        pthread_join(j->threads[i], NULL);
    for (; j->head < j->tail; j->head++) /* never delivered */
        j->ops->release(j->ctx, j->slots[j->head % j->cap].item);
    while (j->kept) {
        struct kept *k = j->kept;
        j->kept = k->next;
        free(k);
    }
    pthread_cond_destroy(&j->done_cv);
    pthread_cond_destroy(&j->work_cv);
    pthread_mutex_destroy(&j->mu);
    free(j->threads);
    free(j->slots);
    free(j);
}

/* ---- an item's own warnings ------------------------------------------ */

struct fc_job_warning {
    struct fc_job_warning *next;
    struct fc_error w;
};

static void keep_own(void *ctx, const struct fc_error *e)
{
    struct fc_job_warnings *w = ctx;
    struct fc_job_warning *k = malloc(sizeof *k);
    if (!k) {
        w->lost = true;
        return;
    }
    k->next = NULL;
    k->w = *e;
    *w->last = k;
    w->last = &k->next;
}

void *fc_job_new(size_t size, size_t warn_off)
{
    unsigned char *p = malloc(size);
    if (!p)
        return NULL;
    size_t skip = warn_off + offsetof(struct fc_job_warnings, opt) +
                  offsetof(struct fc_options, settings),
           end = skip + sizeof((struct fc_options *)0)->settings;
    memset(p, 0, skip);
    memset(p + end, 0, size - end);
    return p;
}

void fc_job_warnings_init(struct fc_job_warnings *w, const struct fc_options *opt)
{
    /* the settings in use only: the array is most of the struct (9 KB),
     * copied for every post, and w is zeroed */
    if (opt)
        memcpy(&w->opt, opt,
               offsetof(struct fc_options, settings) + opt->n_settings * sizeof opt->settings[0]);
    else
        fc_options_init(&w->opt);
    w->list = NULL;
    w->last = &w->list;
    w->lost = false;
    if (w->opt.warn) {
        w->opt.warn = keep_own;
        w->opt.warn_ctx = w;
    }
}

bool fc_job_warnings_give(const struct fc_job_warnings *w, const struct fc_options *opt)
{
    for (const struct fc_job_warning *k = w->list; k && opt && opt->warn; k = k->next)
        opt->warn(opt->warn_ctx, &k->w);
    return !w->lost;
}

void fc_job_warnings_free(struct fc_job_warnings *w)
{
    while (w->list) {
        struct fc_job_warning *k = w->list;
        w->list = k->next;
        free(k);
    }
    w->last = &w->list;
}
