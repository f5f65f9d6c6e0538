/*
 * main.c - the feedconv command.  Built only on the public API: options,
 * messages on stderr, data on stdout, exit codes.
 *
 * Exit codes: 0 converted; 1 the input could not be converted (malformed,
 * not a feed, a limit hit, a warning under --strict); 2 usage error;
 * 3 input/output error (a missing file, an existing output without
 * --force, a failed write).
 */
#define _GNU_SOURCE
#include <feedconv.h>

#include "cli/cli.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum { EXIT_CONVERT = 1, EXIT_USAGE = 2, EXIT_IO = 3 };

static const char usage_text[] =
    "Usage: feedconv [OPTIONS] -t FORMAT [-o OUTPUT] [INPUT... | -]\n"
    "       feedconv --list-formats | --help | --version\n"
    "\n"
    "Convert a blog or news feed between RSS, Atom, JSON Feed and directories of\n"
    "Markdown files.  Reads INPUT (a file or a directory; standard input when\n"
    "absent or '-') and writes OUTPUT (standard output when absent).  Several\n"
    "inputs are merged into one feed: each post once (same id, else link, else\n"
    "title and date), newest first, with the feed it came from as its source;\n"
    "the feed's title, link and the rest come from the first input.\n"
    "\n"
    "  -f, --from FORMAT    input format (default: detected from the content)\n"
    "  -t, --to FORMAT      output format; may be left out when -o names a file\n"
    "                       with a known extension (.rss, .atom, .json) or a\n"
    "                       directory (markdown)\n"
    "  -o, --output PATH    output file, or directory for markdown (made with\n"
    "                       any missing parents)\n"
    "      --force          replace an existing output file / write into a\n"
    "                       non-empty output directory\n"
    "      --site LAYOUT    markdown layout: plain (default), hugo, jekyll,\n"
    "                       eleventy, zola\n"
    "      --bundles        hugo, zola: write page bundles (slug/index.md)\n"
    "      --keep-urls      sites: posts keep their old URLs (else redirects)\n"
    "      --fetch-images   sites: download the images posts use (network)\n"
    "      --body KIND      markdown bodies: markdown (default) or html\n"
    "  -O, --format-option FORMAT:NAME=VALUE\n"
    "                       a format's own setting (see --list-formats)\n"
    "      --drafts         a site or export into a feed: take drafts in\n"
    "      --future         ... and posts dated in the future\n"
    "      --expired        ... and expired posts\n"
    "      --keep-private   keep commenters' e-mail and IP addresses\n"
    "      --no-xml-base    do not resolve relative URLs against xml:base\n"
    "      --base-url URL   resolve the input's relative URLs against URL (where\n"
    "                       no xml:base says otherwise)\n"
    "      --title TEXT     the output feed's title\n"
    "      --link URL       the output feed's home page (its link)\n"
    "      --limit N        write at most N posts (merging: the newest N)\n"
    "      --since WHEN     leave out posts dated before WHEN: a date (2024-01-31,\n"
    "                       RFC 3339, RFC 822) or a duration back from now (30d,\n"
    "                       12h, 2w); undated posts are kept\n"
    "      --until WHEN     leave out posts dated after WHEN\n"
    "      --keep-going     skip posts that cannot be read or converted, with a\n"
    "                       warning\n"
    "      --strict         treat any warning as an error (exit 1)\n"
    "  -q, --quiet          do not print warnings\n"
    "  -v, --verbose        say which reader and writer ran, count the posts\n"
    "      --progress       show progress on stderr even when it is not a\n"
    "                       terminal (on a terminal it is shown anyway)\n"
    "      --dry-run        read everything, write nothing: list the files that\n"
    "                       would be written\n"
    "  -j, --jobs N         convert posts' bodies in N threads (Markdown sites,\n"
    "                       WordPress exports; more than 1: XML feeds are\n"
    "                       parsed on a thread of their own); the output is\n"
    "                       the same for any N; default: the number of online\n"
    "                       processors; 0: that number\n"
    "      --list-formats   list the formats and exit\n"
    "  -h, --help           show this help and exit\n"
    "  -V, --version        show the version and exit\n"
    "\n"
    "Exit status: 0 success, 1 the input could not be converted, 2 usage error,\n"
    "3 input/output error.\n"
    "\n"
    "Examples:\n"
    "  feedconv blog.rss -t atom -o blog.atom\n"
    "  curl -s URL | feedconv -t jsonfeed | jq '.items[].title'\n"
    "  feedconv wp.rss -t markdown --site hugo -o site/\n"
    "  feedconv a.rss b.atom c.json -t rss --title Planet --limit 50\n";

struct cli {
    const char *from, *to, *output;
    char **inputs; /* argv's; none: stdin */
    size_t n_inputs;
    struct fc_options opt;
    unsigned long warnings;
    int quiet;
    const char *prog;
    int verbose, progress, dry_run; /* -v, --progress, --dry-run */
    struct cli_progress report;     /* the counts, for -v and progress */
};

static void print_error(const char *kind, const struct fc_error *e)
{
    fprintf(stderr, "feedconv: %s: ", kind);
    if (e->file[0]) {
        fputs(e->file, stderr);
        if (e->line) {
            fprintf(stderr, ":%lu", e->line);
            if (e->column)
                fprintf(stderr, ":%lu", e->column);
        }
        fputs(": ", stderr);
    }
    fprintf(stderr, "%s\n", e->message[0] ? e->message : fc_status_str(e->code));
}

static void on_warning(void *ctx, const struct fc_error *w)
{
    struct cli *c = ctx;
    c->warnings++;
    if (!c->quiet) {
        cli_progress_clear(&c->report);
        print_error("warning", w);
    }
}

/* A warning of the command's own (counted, and fatal under --strict, as
 * the library's are). */
static void cli_warning(struct cli *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void cli_warning(struct cli *c, const char *fmt, ...)
{
    struct fc_error w = {.code = FC_EWARN};
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(w.message, sizeof w.message, fmt, ap);
    va_end(ap);
    on_warning(c, &w);
}

static int usage_error(const char *fmt, const char *arg)
{
    fputs("feedconv: error: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs("\nTry 'feedconv --help' for more information.\n", stderr);
    return EXIT_USAGE;
}

static int exit_code(enum fc_status st)
{
    switch (st) {
    case FC_OK:
        return 0;
    case FC_EIO:
    case FC_EEXIST:
        return EXIT_IO;
    case FC_EUSAGE:
    case FC_EUNSUPPORTED:
        return EXIT_USAGE;
    default:
        return EXIT_CONVERT;
    }
}

/* What each format reads and writes, in full, for --list-formats (a
 * format's description says it in one line; a format missing here gets
 * that line). */
static const struct format_note {
    const char *name, *reads, *writes;
} format_notes[] = {
    {"rss", "RSS 0.90, 0.91 (Netscape, UserLand), 0.92, 0.93, 0.94, 1.0 (RDF), 2.0", "RSS 2.0"},
    {"atom", "Atom 1.0, Atom 0.3", "Atom 1.0"},
    {"jsonfeed", "JSON Feed 1.0, 1.1", "JSON Feed 1.1"},
    {"markdown",
     "a site: a directory of .md files with YAML, TOML or JSON front matter, in the\n"
     "            plain, hugo, jekyll, eleventy or zola layout (detected); or one .md file\n"
     "            (a path or stdin) as one post",
     "a site: a directory in the plain, hugo, jekyll, eleventy or zola layout (--site)"},
};

static void list_words(const char *label, const char *const *words, const char *prefix)
{
    if (!words || !*words)
        return;
    printf("  %-9s", label);
    for (; *words; words++)
        printf(" %s%s", prefix, *words);
    putchar('\n');
}

/* One block per format: "NAME: description", then its aliases, files,
 * what it reads and writes, and its settings (-O). */
static void list_formats(void)
{
    for (const struct fc_format *const *f = fc_formats(); *f; f++) {
        const struct fc_format *fmt = *f;
        const struct format_note *note = NULL;
        for (size_t i = 0; i < sizeof format_notes / sizeof format_notes[0]; i++)
            if (strcmp(format_notes[i].name, fmt->name) == 0)
                note = &format_notes[i];
        printf("%s: %s\n", fmt->name, fmt->description);
        list_words("aliases:", fmt->aliases, "");
        if (fmt->caps & FC_IS_DIRECTORY)
            printf("  %-9s a directory\n", "files:");
        else
            list_words("files:", fmt->extensions, "*");
        printf("  %-9s %s\n", "reads:",
               !(fmt->caps & FC_CAN_READ) ? "-"
               : note                     ? note->reads
                                          : fmt->description);
        printf("  %-9s %s\n", "writes:",
               !(fmt->caps & FC_CAN_WRITE) ? "-"
               : note                      ? note->writes
                                           : fmt->description);
        for (const struct fc_setting_def *d = fmt->settings; d && d->name; d++)
            printf("  -O %s:%s=%s  %s (default %s)\n", fmt->name, d->name,
                   d->kind == FC_SETTING_BOOL     ? "true|false"
                   : d->kind == FC_SETTING_CHOICE ? d->choices
                                                  : "TEXT",
                   d->help, d->dflt ? d->dflt : "none");
    }
}

/* A format setting; a usage error (printed) when the format refuses it. */
static int set(struct cli *c, const char *format, const char *name, const char *value)
{
    struct fc_error err = {0};
    if (fc_options_set(&c->opt, format, name, value, &err) == FC_OK)
        return 0;
    usage_error("%s", err.message);
    return 1;
}

/* -O FORMAT:NAME=VALUE, or FORMAT:NAME for a switch ("true"). */
static int set_spec(struct cli *c, const char *spec)
{
    char buf[FC_SETTING_MAX + 64];
    if (snprintf(buf, sizeof buf, "%s", spec) >= (int)sizeof buf) {
        usage_error("-O '%.60s...': too long", spec);
        return 1;
    }
    char *colon = strchr(buf, ':');
    if (!colon || colon == buf || !colon[1]) {
        usage_error("-O '%s': give FORMAT:NAME=VALUE", spec);
        return 1;
    }
    *colon = '\0';
    char *eq = strchr(colon + 1, '=');
    if (eq)
        *eq = '\0';
    return set(c, buf, colon + 1, eq ? eq + 1 : "true");
}

/* -j's limit (the library takes at most 256 threads in a pool). */
#define MAX_JOBS 256
#define MAX_JOBS_TEXT "256"

/* -j's default: the processors online, 1 when that is unknown. */
static unsigned online_cpus(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > MAX_JOBS ? MAX_JOBS : (unsigned)n;
}

/* The time what a site publishes is judged at: SOURCE_DATE_EPOCH when set
 * (reproducible builds), else the clock. */
static int64_t now(void)
{
    const char *s = getenv("SOURCE_DATE_EPOCH");
    if (s && *s) {
        char *end;
        long long v = strtoll(s, &end, 10);
        if (*end == '\0' && v > 0)
            return (int64_t)v;
    }
    return (int64_t)time(NULL);
}

/* --since / --until: a date, or a duration back from now ("30d", "12h",
 * "2w", "90m", "45s"); false when it is neither. */
static bool parse_when(const char *s, int64_t now_s, int64_t *out)
{
    char *end;
    errno = 0;
    long long n = strtoll(s, &end, 10);
    static const struct {
        char unit;
        int64_t secs;
    } units[] = {{'s', 1}, {'m', 60}, {'h', 3600}, {'d', 86400}, {'w', 604800}};
    if (end != s && errno == 0 && n >= 0 && n < 1000000 && end[0] && !end[1])
        for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
            if (*end == units[i].unit) {
                *out = now_s - (int64_t)n * units[i].secs;
                return true;
            }
    struct fc_time t;
    if (fc_time_parse(s, &t) != FC_OK || !t.year)
        return false;
    *out = fc_time_epoch(&t);
    return true;
}

/* scheme ":" with something after it: what --link and --base-url take */
static bool absolute_url(const char *s)
{
    const char *p = s;
    if (!((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z'))
        return false;
    while (*p && (strchr("+-.", *p) || ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z') ||
                  (*p >= '0' && *p <= '9')))
        p++;
    return *p == ':' && p[1] && !strchr(p + 1, ' ');
}

static int is_directory_path(const char *p)
{
    struct stat sb;
    size_t n = strlen(p);
    return (n && p[n - 1] == '/') || (stat(p, &sb) == 0 && S_ISDIR(sb.st_mode));
}

static int parse_args(struct cli *c, int argc, char **argv)
{
    /* Options that only set a flag carry it in their value, above O_FLAG. */
    enum {
        O_SITE = 256,
        O_BUNDLES,
        O_KEEP_URLS,
        O_FETCH_IMAGES,
        O_BODY,
        O_LIST,
        O_PROGRESS,
        O_DRY_RUN,
        O_LIMIT,
        O_SINCE,
        O_UNTIL,
        O_TITLE,
        O_LINK,
        O_BASE_URL,
        O_FLAG = 0x10000
    };
    static const struct option longs[] = {
        {"from", required_argument, NULL, 'f'},
        {"to", required_argument, NULL, 't'},
        {"output", required_argument, NULL, 'o'},
        {"force", no_argument, NULL, O_FLAG | FC_OPT_FORCE},
        {"site", required_argument, NULL, O_SITE},
        {"bundles", no_argument, NULL, O_BUNDLES},
        {"keep-urls", no_argument, NULL, O_KEEP_URLS},
        {"fetch-images", no_argument, NULL, O_FETCH_IMAGES},
        {"body", required_argument, NULL, O_BODY},
        {"format-option", required_argument, NULL, 'O'},
        {"no-xml-base", no_argument, NULL, O_FLAG | FC_OPT_NO_XML_BASE},
        {"drafts", no_argument, NULL, O_FLAG | FC_OPT_DRAFTS},
        {"future", no_argument, NULL, O_FLAG | FC_OPT_FUTURE},
        {"expired", no_argument, NULL, O_FLAG | FC_OPT_EXPIRED},
        {"keep-private", no_argument, NULL, O_FLAG | FC_OPT_KEEP_PRIVATE},
        {"keep-going", no_argument, NULL, O_FLAG | FC_OPT_KEEP_GOING},
        {"strict", no_argument, NULL, O_FLAG | FC_OPT_STRICT},
        {"limit", required_argument, NULL, O_LIMIT},
        {"since", required_argument, NULL, O_SINCE},
        {"until", required_argument, NULL, O_UNTIL},
        {"title", required_argument, NULL, O_TITLE},
        {"link", required_argument, NULL, O_LINK},
        {"base-url", required_argument, NULL, O_BASE_URL},
        {"quiet", no_argument, NULL, 'q'},
        {"verbose", no_argument, NULL, 'v'},
        {"progress", no_argument, NULL, O_PROGRESS},
        {"dry-run", no_argument, NULL, O_DRY_RUN},
        {"jobs", required_argument, NULL, 'j'},
        {"list-formats", no_argument, NULL, O_LIST},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    int o;
    opterr = 0;
    while ((o = getopt_long(argc, argv, "f:t:o:O:j:qvhV", longs, NULL)) != -1) {
        if (o > O_FLAG) {
            c->opt.flags |= (unsigned)(o & ~O_FLAG);
            continue;
        }
        switch (o) {
        case 'f':
            c->from = optarg;
            break;
        case 't':
            c->to = optarg;
            break;
        case 'o':
            c->output = optarg;
            break;
        case 'q':
            c->quiet = 1;
            break;
        case 'v':
            c->verbose = 1;
            break;
        case O_PROGRESS:
            c->progress = 1;
            break;
        case O_DRY_RUN:
            c->dry_run = 1;
            break;
        case O_SITE:
            if (set(c, "markdown", "site", optarg))
                return EXIT_USAGE;
            break;
        case O_BUNDLES:
            if (set(c, "markdown", "bundles", "true"))
                return EXIT_USAGE;
            break;
        case O_KEEP_URLS:
            if (set(c, "markdown", "keep-urls", "true"))
                return EXIT_USAGE;
            break;
        case O_FETCH_IMAGES:
            if (set(c, "markdown", "fetch-images", "true"))
                return EXIT_USAGE;
            break;
        case O_BODY:
            if (set(c, "markdown", "body", optarg))
                return EXIT_USAGE;
            break;
        case 'O':
            if (set_spec(c, optarg))
                return EXIT_USAGE;
            break;
        case 'j': {
            char *end;
            errno = 0;
            unsigned long n = strtoul(optarg, &end, 10);
            if (*optarg < '0' || *optarg > '9' || *end || errno || n > MAX_JOBS)
                return usage_error("--jobs needs a number of threads from 0 to " MAX_JOBS_TEXT
                                   ", not '%s'",
                                   optarg);
            c->opt.jobs = n ? (unsigned)n : online_cpus();
            break;
        }
        case O_LIMIT: {
            char *end;
            errno = 0;
            unsigned long long n = strtoull(optarg, &end, 10);
            if (*optarg < '0' || *optarg > '9' || *end || errno || n == 0 || n > ULONG_MAX)
                return usage_error("--limit needs a number of posts above 0, not '%s'", optarg);
            c->opt.limit = (unsigned long)n;
            break;
        }
        case O_SINCE:
        case O_UNTIL:
            if (!parse_when(optarg, c->opt.now, o == O_SINCE ? &c->opt.since : &c->opt.until))
                return usage_error(o == O_SINCE
                                       ? "--since needs a date or a duration (30d, 12h), not '%s'"
                                       : "--until needs a date or a duration (30d, 12h), not '%s'",
                                   optarg);
            break;
        case O_TITLE:
            if (!*optarg)
                return usage_error("--title needs a title%s", "");
            c->opt.title = optarg;
            break;
        case O_LINK:
        case O_BASE_URL:
            if (!absolute_url(optarg))
                return usage_error(o == O_LINK
                                       ? "--link needs an absolute URL (https://...), not '%s'"
                                       : "--base-url needs an absolute URL (https://...), "
                                         "not '%s'",
                                   optarg);
            *(o == O_LINK ? &c->opt.link : &c->opt.base_url) = optarg;
            break;
        case O_LIST:
            list_formats();
            return -1;
        case 'h':
            fputs(usage_text, stdout);
            return -1;
        case 'V':
            printf("feedconv %s\n", FC_VERSION);
            return -1;
        default:
            if (optopt && optopt < 256 && strchr("ftoOj", optopt)) {
                char opt[3] = {'-', (char)optopt, 0};
                return usage_error("option '%s' needs an argument", opt);
            }
            return usage_error("unknown option '%s'", argv[optind - 1]);
        }
    }
    c->inputs = argv + optind;
    c->n_inputs = (size_t)(argc - optind);
    for (size_t i = 0; i < c->n_inputs; i++)
        for (size_t j = 0; j < i; j++)
            if (strcmp(c->inputs[i], "-") == 0 && strcmp(c->inputs[j], "-") == 0)
                return usage_error("standard input ('%s') can be read only once", "-");
    return 0;
}

/* ---- before and after converting: warnings, -v, progress ------------ */

/* -t rss -o blog.atom: the extension names another format than the one
 * written. */
static void check_output_name(struct cli *c, const struct fc_format *to)
{
    const struct fc_format *named = c->output ? fc_format_for_path(c->output) : NULL;
    if (named && named != to)
        cli_warning(c, "%s: the extension says %s, but %s is written (-t %s)", c->output,
                    named->name, to->name, c->to ? c->to : to->name);
}

/* A format's setting (--site, -O FORMAT:...) that neither the input's nor
 * the output's format takes is ignored: say so. */
static void warn_unused_settings(struct cli *c, const struct fc_format *const *from, size_t n,
                                 const struct fc_format *to)
{
    for (size_t i = 0; i < c->opt.n_settings; i++) {
        const struct fc_setting *s = &c->opt.settings[i];
        const struct fc_format *f = fc_format_find(s->format);
        bool used = f == to;
        for (size_t j = 0; j < n && !used; j++)
            used = f == from[j];
        if (used)
            continue;
        char opt[FC_SETTING_MAX + 80];
        if (strcmp(s->format, "markdown") == 0 && strcmp(s->name, "bundles") == 0)
            snprintf(opt, sizeof opt, "--bundles");
        else if (strcmp(s->format, "markdown") == 0 &&
                 (strcmp(s->name, "site") == 0 || strcmp(s->name, "body") == 0))
            snprintf(opt, sizeof opt, "--%s %s", s->name, s->value);
        else
            snprintf(opt, sizeof opt, "-O %s:%s=%s", s->format, s->name, s->value);
        cli_warning(c,
                    "%s: a setting of the %s format, which this conversion (%s to %s) does "
                    "not use; ignored",
                    opt, s->format, from[0]->name, to->name);
    }
}

/* The size of the inputs when they are regular files (a percentage can
 * be shown), else 0. */
static uint64_t input_size(const struct cli *c)
{
    uint64_t sum = 0;
    for (size_t i = 0; i < c->n_inputs || i == 0; i++) {
        const char *input = c->n_inputs ? c->inputs[i] : "-";
        struct stat sb;
        int r = strcmp(input, "-") == 0 ? fstat(0, &sb) : stat(input, &sb);
        if (r != 0 || !S_ISREG(sb.st_mode))
            return 0;
        sum += (uint64_t)sb.st_size;
    }
    return sum;
}

/* Before converting: the input formats (detected unless -f gave one), the
 * warnings about options that will not be used, -v's first lines, and
 * the progress report (on a terminal, or with --progress; not with -q). */
static enum fc_status prepare(struct cli *c, struct fc_input *const *in, size_t n,
                              const struct fc_format **from, const struct fc_format *to,
                              struct fc_error *err)
{
    for (size_t i = 0; i < n; i++) {
        bool detected = !from[i];
        if (detected) {
            enum fc_status st = fc_format_detect(in[i], &from[i], err);
            if (st)
                return st;
        }
        if (c->verbose)
            fprintf(stderr, "feedconv: reading %s as %s%s\n", fc_input_name(in[i]), from[i]->name,
                    detected ? " (detected)" : "");
    }
    warn_unused_settings(c, from, n, to);
    if (c->verbose)
        fprintf(stderr, "feedconv: writing %s as %s%s%s\n",
                c->output && strcmp(c->output, "-") != 0 ? c->output : "<stdout>", to->name,
                n > 1 ? " (merged)" : "", c->dry_run ? " (dry run)" : "");
    bool tty = isatty(2);
    bool show = c->progress || (tty && !c->quiet);
    if (show || c->verbose) {
        cli_progress_init(&c->report, show, c->progress, tty, input_size(c));
        c->opt.progress = cli_progress_report;
        c->opt.progress_ctx = &c->report;
    }
    return FC_OK;
}

/* -v's last line: the posts read and written, the input's size. */
static void report_counts(const struct cli *c)
{
    const struct fc_progress *p = &c->report.last;
    if (!c->verbose || !c->opt.progress)
        return;
    char size[32];
    if (p->bytes_in < 10000)
        snprintf(size, sizeof size, "%llu bytes", (unsigned long long)p->bytes_in);
    else
        snprintf(size, sizeof size, "%.1f %s",
                 (double)p->bytes_in / (p->bytes_in < 10000000 ? 1e3 : 1e6),
                 p->bytes_in < 10000000 ? "kB" : "MB");
    fprintf(stderr, "feedconv: %llu post%s read, %llu written; %s in %.2f s; %lu warning%s\n",
            (unsigned long long)p->posts_in, p->posts_in == 1 ? "" : "s",
            (unsigned long long)p->posts_out, size, cli_progress_seconds(&c->report), c->warnings,
            c->warnings == 1 ? "" : "s");
}

int main(int argc, char **argv)
{
    struct cli c = {0};
    fc_options_init(&c.opt);
    c.opt.warn = on_warning;
    c.opt.warn_ctx = &c;
    c.opt.now = now();
    c.opt.jobs = online_cpus();
    /* A closed pipe downstream is a write error, not a silent death. */
    signal(SIGPIPE, SIG_IGN);

    int r = parse_args(&c, argc, argv);
    if (r)
        return r < 0 ? 0 : r;

    const struct fc_format *from = NULL, *to = NULL;
    if (c.from && !(from = fc_format_find(c.from)))
        return usage_error("unknown input format '%s' (see --list-formats)", c.from);
    if (c.to) {
        if (!(to = fc_format_find(c.to)))
            return usage_error("unknown output format '%s' (see --list-formats)", c.to);
    } else if (c.output) {
        to = fc_format_for_path(c.output);
        if (!to && is_directory_path(c.output))
            for (const struct fc_format *const *f = fc_formats(); *f && !to; f++)
                if (((*f)->caps & FC_IS_DIRECTORY) && ((*f)->caps & FC_CAN_WRITE))
                    to = *f;
        if (!to)
            return usage_error("cannot tell the output format from '%s'; use -t FORMAT", c.output);
    } else {
        return usage_error("%s", "no output format; use -t FORMAT (see --list-formats)");
    }
    if (!(to->caps & FC_CAN_WRITE))
        return usage_error("the %s format cannot be written", to->name);
    if ((to->caps & FC_IS_DIRECTORY) && (!c.output || strcmp(c.output, "-") == 0))
        return usage_error("the %s format writes a directory: give one with -o DIR "
                           "(e.g. -o site/)",
                           to->name);

    check_output_name(&c, to);

    struct fc_error err = {0};
    size_t n = c.n_inputs ? c.n_inputs : 1;
    struct fc_input **in = calloc(n, sizeof *in);
    const struct fc_format **froms = calloc(n, sizeof *froms);
    struct fc_output *out = NULL;
    bool made_dir = false; /* the output directory is this run's */
    enum fc_status st = in && froms ? FC_OK : FC_ENOMEM;
    for (size_t i = 0; i < n && !st; i++) {
        froms[i] = from;
        st = fc_input_open(c.n_inputs ? c.inputs[i] : NULL, &in[i], &err);
    }
    if (!st)
        st = prepare(&c, in, n, froms, to, &err);
    if (!st && c.dry_run) {
        st = cli_dry_run(in, froms, n, c.output, to, &c.opt, &err);
    } else if (!st) {
        struct stat sb;
        made_dir = (to->caps & FC_IS_DIRECTORY) && stat(c.output, &sb) != 0 && errno == ENOENT;
        if (to->caps & FC_IS_DIRECTORY)
            st = fc_output_open_dir(c.output, c.opt.flags, &out, &err);
        else if (c.output)
            st = fc_output_open(c.output, c.opt.flags, &out, &err);
        else
            st = fc_output_open_fd(1, "<stdout>", &out, &err);
        if (!st)
            st = fc_convert_many(in, froms, n, out, to, &c.opt, &err);
    }
    if (!st && (c.opt.flags & FC_OPT_STRICT) && c.warnings)
        st = FC_EWARN,
        snprintf(err.message, sizeof err.message, "%lu warning(s) under --strict", c.warnings);
    if (!st && out)
        st = fc_output_commit(out, &err);
    report_counts(&c);
    if (st == FC_EWARN && c.warnings && !c.quiet && err.file[0]) /* the warning was printed */
        snprintf(err.message, sizeof err.message, "stopped at this warning (--strict)");
    if (st)
        print_error("error", &err);
    fc_output_close(out);
    if (st && made_dir)
        (void)rmdir(c.output); /* a failed run leaves no empty directory of its own */
    for (size_t i = 0; in && i < n; i++)
        fc_input_close(in[i]);
    free(in);
    free(froms);
    if (!st && fflush(stdout) != 0) {
        fputs("feedconv: error: <stdout>: write error\n", stderr);
        return EXIT_IO;
    }
    return exit_code(st);
}
