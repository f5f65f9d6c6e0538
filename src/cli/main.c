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

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

enum { EXIT_CONVERT = 1, EXIT_USAGE = 2, EXIT_IO = 3 };

static const char usage_text[] =
    "Usage: feedconv [OPTIONS] -t FORMAT [-o OUTPUT] [INPUT | -]\n"
    "       feedconv --list-formats | --help | --version\n"
    "\n"
    "Convert a blog or news feed between RSS, Atom, JSON Feed and directories of\n"
    "Markdown files.  Reads INPUT (a file or a directory; standard input when\n"
    "absent or '-') and writes OUTPUT (standard output when absent).\n"
    "\n"
    "  -f, --from FORMAT    input format (default: detected from the content)\n"
    "  -t, --to FORMAT      output format (default: guessed from -o's extension)\n"
    "  -o, --output PATH    output file, or directory for markdown\n"
    "      --force          replace an existing output file / write into a\n"
    "                       non-empty output directory\n"
    "      --site LAYOUT    markdown layout: plain (default), hugo, jekyll\n"
    "      --bundles        hugo: write page bundles (slug/index.md)\n"
    "      --body KIND      markdown bodies: markdown (default) or html\n"
    "  -O, --format-option FORMAT:NAME=VALUE\n"
    "                       a format's own setting (see --list-formats)\n"
    "      --drafts         a site or export into a feed: take drafts in\n"
    "      --future         ... and posts dated in the future\n"
    "      --expired        ... and expired posts\n"
    "      --keep-private   keep commenters' e-mail and IP addresses\n"
    "      --no-xml-base    do not resolve relative URLs against xml:base\n"
    "      --limit N        write at most N posts\n"
    "      --since WHEN     leave out posts dated before WHEN: a date (2024-01-31,\n"
    "                       RFC 3339, RFC 822) or a duration back from now (30d,\n"
    "                       12h, 2w); undated posts are kept\n"
    "      --until WHEN     leave out posts dated after WHEN\n"
    "      --keep-going     skip posts that cannot be read, with a warning\n"
    "      --strict         treat any warning as an error (exit 1)\n"
    "  -q, --quiet          do not print warnings\n"
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
    "  feedconv wp.rss -t markdown --site hugo -o site/\n";

struct cli {
    const char *from, *to, *output, *input;
    struct fc_options opt;
    unsigned long warnings;
    int quiet;
    const char *prog;
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
    if (!c->quiet)
        print_error("warning", w);
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

static void list_formats(void)
{
    for (const struct fc_format *const *f = fc_formats(); *f; f++) {
        const struct fc_format *fmt = *f;
        printf("%-10s %c%c %-38s", fmt->name, (fmt->caps & FC_CAN_READ) ? 'r' : '-',
               (fmt->caps & FC_CAN_WRITE) ? 'w' : '-', fmt->description);
        for (const char *const *a = fmt->aliases; a && *a; a++)
            printf(" %s", *a);
        for (const char *const *e = fmt->extensions; e && *e; e++)
            printf(" *%s", *e);
        putchar('\n');
        for (const struct fc_setting_def *d = fmt->settings; d && d->name; d++)
            printf("    -O %s:%s=%s  %s (default %s)\n", fmt->name, d->name,
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

static int is_directory_path(const char *p)
{
    struct stat sb;
    size_t n = strlen(p);
    return (n && p[n - 1] == '/') || (stat(p, &sb) == 0 && S_ISDIR(sb.st_mode));
}

static int parse_args(struct cli *c, int argc, char **argv)
{
    /* Options that only set a flag carry it in their value, above O_FLAG. */
    enum { O_SITE = 256, O_BUNDLES, O_BODY, O_LIST, O_LIMIT, O_SINCE, O_UNTIL, O_FLAG = 0x10000 };
    static const struct option longs[] = {
        {"from", required_argument, NULL, 'f'},
        {"to", required_argument, NULL, 't'},
        {"output", required_argument, NULL, 'o'},
        {"force", no_argument, NULL, O_FLAG | FC_OPT_FORCE},
        {"site", required_argument, NULL, O_SITE},
        {"bundles", no_argument, NULL, O_BUNDLES},
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
        {"quiet", no_argument, NULL, 'q'},
        {"list-formats", no_argument, NULL, O_LIST},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    int o;
    opterr = 0;
    while ((o = getopt_long(argc, argv, "f:t:o:O:qhV", longs, NULL)) != -1) {
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
        case O_SITE:
            if (set(c, "markdown", "site", optarg))
                return EXIT_USAGE;
            break;
        case O_BUNDLES:
            if (set(c, "markdown", "bundles", "true"))
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
            if (optopt && optopt < 256 && strchr("ftoO", optopt)) {
                char opt[3] = {'-', (char)optopt, 0};
                return usage_error("option '%s' needs an argument", opt);
            }
            return usage_error("unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind < argc)
        c->input = argv[optind++];
    if (optind < argc)
        return usage_error("more than one input ('%s'); convert one at a time", argv[optind]);
    return 0;
}

int main(int argc, char **argv)
{
    struct cli c = {0};
    fc_options_init(&c.opt);
    c.opt.warn = on_warning;
    c.opt.warn_ctx = &c;
    c.opt.now = now();
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

    struct fc_error err = {0};
    struct fc_input *in = NULL;
    struct fc_output *out = NULL;
    enum fc_status st = fc_input_open(c.input, &in, &err);
    if (!st) {
        if (to->caps & FC_IS_DIRECTORY)
            st = fc_output_open_dir(c.output, c.opt.flags, &out, &err);
        else if (c.output)
            st = fc_output_open(c.output, c.opt.flags, &out, &err);
        else
            st = fc_output_open_fd(1, "<stdout>", &out, &err);
    }
    if (!st)
        st = fc_convert(in, from, out, to, &c.opt, &err);
    if (!st && (c.opt.flags & FC_OPT_STRICT) && c.warnings)
        st = FC_EWARN,
        snprintf(err.message, sizeof err.message, "%lu warning(s) under --strict", c.warnings);
    if (!st)
        st = fc_output_commit(out, &err);
    if (st == FC_EWARN && c.warnings && !c.quiet && err.file[0]) /* the warning was printed */
        snprintf(err.message, sizeof err.message, "stopped at this warning (--strict)");
    if (st)
        print_error("error", &err);
    fc_output_close(out);
    fc_input_close(in);
    if (!st && fflush(stdout) != 0) {
        fputs("feedconv: error: <stdout>: write error\n", stderr);
        return EXIT_IO;
    }
    return exit_code(st);
}
