/*
 * example.c - the feedconv library in two uses: convert a file (streaming),
 * then read a feed whole and walk its posts.
 *
 *   cc -o example example.c $(pkg-config --cflags --libs feedconv)
 *   ./example blog.rss blog.atom
 *
 * Converts INPUT (any format feedconv detects) into OUTPUT, the format
 * named by OUTPUT's extension (.rss, .atom, .json), then prints INPUT's
 * posts: date, title, link.  Link statically with
 * `pkg-config --static --libs feedconv`.
 */
#include <feedconv.h>

#include <stdio.h>

/* Warnings: anything the conversion dropped, coerced or repaired. */
static void on_warning(void *ctx, const struct fc_error *w)
{
    (void)ctx;
    fprintf(stderr, "warning: %s: %s\n", w->file[0] ? w->file : "-", w->message);
}

/* INPUT -> OUTPUT, one post at a time: memory stays flat for any size. */
static enum fc_status convert(const char *input, const char *output,
                              const struct fc_options *opt, struct fc_error *err)
{
    const struct fc_format *to = fc_format_for_path(output); /* by extension */
    if (!to) {
        snprintf(err->message, sizeof err->message, "%s: unknown extension", output);
        return FC_EUSAGE;
    }
    struct fc_input *in = NULL;
    struct fc_output *out = NULL;
    enum fc_status st = fc_input_open(input, &in, err);
    if (st == FC_OK) /* written to a temporary file beside OUTPUT ... */
        st = fc_output_open(output, opt->flags, &out, err);
    if (st == FC_OK) /* NULL: detect the input format */
        st = fc_convert(in, NULL, out, to, opt, err);
    if (st == FC_OK) /* ... and renamed over it only when all went well */
        st = fc_output_commit(out, err);
    fc_output_close(out); /* NULL is fine; uncommitted output is discarded */
    fc_input_close(in);
    return st;
}

/* Read INPUT whole (fc_read collects the posts) and print each post. */
static enum fc_status list_posts(const char *input, const struct fc_options *opt,
                                 struct fc_error *err)
{
    struct fc_input *in = NULL;
    struct fc_feed *feed = NULL;
    enum fc_status st = fc_input_open(input, &in, err);
    if (st == FC_OK)
        st = fc_read(in, NULL, opt, &feed, err);
    fc_input_close(in);
    if (st != FC_OK)
        return st;
    printf("%s: %s, %zu posts\n", feed->title.value ? feed->title.value : "(no title)",
           feed->format, feed->posts.count);
    for (const struct fc_post_item *it = feed->posts.first; it; it = it->next) {
        const struct fc_post *p = it->post;
        char date[40];
        if (!fc_time_rfc3339(&p->published, date, sizeof date))
            snprintf(date, sizeof date, "(no date)");
        printf("%-25s  %s\n%27s%s\n", date, p->title.value ? p->title.value : "(no title)", "",
               p->url ? p->url : "");
    }
    fc_feed_free(feed); /* the feed owns its posts and every string in them */
    return FC_OK;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s INPUT OUTPUT\n", argv[0]);
        return 2;
    }
    struct fc_options opt;
    fc_options_init(&opt);
    opt.warn = on_warning;

    struct fc_error err = {0};
    enum fc_status st = convert(argv[1], argv[2], &opt, &err);
    if (st == FC_OK)
        st = list_posts(argv[1], &opt, &err);
    if (st != FC_OK) {
        fprintf(stderr, "error: %s%s%s (%s)\n", err.file, err.file[0] ? ": " : "", err.message,
                fc_status_str(st));
        return 1;
    }
    return 0;
}
