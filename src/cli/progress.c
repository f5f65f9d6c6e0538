/*
 * progress.c - the counts fc_convert reports (fc_options.progress), kept
 * for -v and shown on stderr while a long conversion runs (cli.h).
 */
#define _GNU_SOURCE
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>

#define FIRST_DRAW 0.25 /* seconds: a conversion shorter than this shows nothing */
#define TTY_EVERY 0.25  /* a terminal's line is redrawn this often */
#define LOG_EVERY 2.0   /* --progress into a file or a pipe: a line this often */

static double since(const struct timespec *a, const struct timespec *b)
{
    return (double)(b->tv_sec - a->tv_sec) + (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

static struct timespec later(struct timespec t, double secs)
{
    long ns = (long)(secs * 1e9);
    t.tv_sec += ns / 1000000000L;
    t.tv_nsec += ns % 1000000000L;
    if (t.tv_nsec >= 1000000000L)
        t.tv_sec++, t.tv_nsec -= 1000000000L;
    return t;
}

void cli_progress_init(struct cli_progress *p, bool show, bool forced, bool tty, uint64_t total)
{
    memset(p, 0, sizeof *p);
    p->show = show;
    p->forced = forced;
    p->tty = tty;
    p->total = total;
    clock_gettime(CLOCK_MONOTONIC, &p->start);
    p->next = later(p->start, tty ? FIRST_DRAW : LOG_EVERY);
}

double cli_progress_seconds(const struct cli_progress *p)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return since(&p->start, &now);
}

/* "feedconv: 1234 posts, 12.3 of 27.0 MB (45%), 4.1 MB/s"; at the end
 * "feedconv: 5678 posts, 27.0 MB in 6.6 s, 4.1 MB/s". */
static void draw(struct cli_progress *p, double secs)
{
    const struct fc_progress *r = &p->last;
    double mb = (double)r->bytes_in / 1e6;
    char line[160];
    int n = snprintf(line, sizeof line, "feedconv: %llu post%s, %.1f",
                     (unsigned long long)r->posts_in, r->posts_in == 1 ? "" : "s", mb);
    if (p->total && !r->done) {
        uint64_t pct = r->bytes_in >= p->total ? 100 : r->bytes_in * 100 / p->total;
        n += snprintf(line + n, sizeof line - (size_t)n, " of %.1f MB (%llu%%)",
                      (double)p->total / 1e6, (unsigned long long)pct);
    } else {
        n += snprintf(line + n, sizeof line - (size_t)n, " MB");
    }
    if (r->done)
        n += snprintf(line + n, sizeof line - (size_t)n, " in %.1f s", secs);
    n += snprintf(line + n, sizeof line - (size_t)n, ", %.1f MB/s", secs > 0 ? mb / secs : 0.0);
    size_t len = n > 0 && (size_t)n < sizeof line ? (size_t)n : strlen(line);
    p->shown = true;
    if (!p->tty) {
        fprintf(stderr, "%s\n", line);
        return;
    }
    /* redraw in place, blanking what the previous line had beyond this one */
    fprintf(stderr, "\r%s%*s", line, p->drawn > len ? (int)(p->drawn - len) : 0, "");
    p->drawn = len;
    if (r->done) {
        fputc('\n', stderr);
        p->drawn = 0;
    }
    fflush(stderr);
}

void cli_progress_report(void *ctx, const struct fc_progress *r)
{
    struct cli_progress *p = ctx;
    p->last = *r;
    if (!p->show)
        return;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    double secs = since(&p->start, &now);
    if (r->done) {
        /* a short conversion that drew nothing stays quiet, unless forced */
        if (p->forced || p->shown)
            draw(p, secs);
        return;
    }
    if (since(&p->next, &now) < 0)
        return;
    draw(p, secs);
    p->next = later(now, p->tty ? TTY_EVERY : LOG_EVERY);
}

void cli_progress_clear(struct cli_progress *p)
{
    if (!p->drawn)
        return;
    fprintf(stderr, "\r%*s\r", (int)p->drawn, "");
    p->drawn = 0;
}
