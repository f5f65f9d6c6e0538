/*
 * cli.h - the parts of the feedconv command beside main.c: progress and
 * counts (progress.c) and --dry-run (dryrun.c).  Like main.c they use only
 * the public API.
 */
#ifndef FC_CLI_H
#define FC_CLI_H

#include <feedconv.h>

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

/* ---- progress.c ---------------------------------------------------- */

/*
 * What fc_convert reports through fc_options.progress: kept for -v, and
 * shown on stderr while it runs when `show` (a terminal, or --progress).
 * On a terminal one line is redrawn in place; otherwise (--progress into
 * a file or a pipe) a line is printed every few seconds.  Nothing is
 * shown for a conversion that ends within the first quarter second,
 * unless forced.
 */
struct cli_progress {
    struct fc_progress last; /* the latest report */
    bool show, forced, tty;
    uint64_t total;              /* the input's size when known, else 0 */
    struct timespec start, next; /* when it began; when to draw again */
    size_t drawn;                /* width of the line on the terminal, 0: none */
    bool shown;                  /* something was drawn: the end is shown too */
};

/* Set p up; total: the input's size in bytes (0: unknown).  Reads the
 * clock. */
void cli_progress_init(struct cli_progress *p, bool show, bool forced, bool tty, uint64_t total);
/* The callback for fc_options.progress (ctx: a struct cli_progress). */
void cli_progress_report(void *ctx, const struct fc_progress *r);
/* Erase the line being redrawn (before a message goes to stderr). */
void cli_progress_clear(struct cli_progress *p);
/* Seconds since cli_progress_init. */
double cli_progress_seconds(const struct cli_progress *p);

/* ---- dryrun.c ------------------------------------------------------ */

/*
 * --dry-run: convert the n inputs `in` (formats `from`) as the command would, into a temporary file
 * or directory below $TMPDIR instead of `output` (NULL: standard output), and print on stdout what
 * would be written: one line per file, "create", "replace" or "unchanged" (the same bytes are
 * there), with its size, and a summary.  `output` is checked as the real run would check it (an
 * existing one needs FC_OPT_FORCE).  The temporary copy is removed.
 * Returns the conversion's status (err filled).
 */
enum fc_status cli_dry_run(struct fc_input *const *in, const struct fc_format *const *from,
                           size_t n, const char *output, const struct fc_format *to,
                           const struct fc_options *opt, struct fc_error *err);

#endif
