/*
 * test_flat_memory.c - streaming holds one post, not the feed: the peak
 * resident memory of a conversion must not grow with the number of
 * posts (a WordPress export's reader spools its posts to a temporary
 * file and keeps only small maps).  Each conversion runs in a child
 * process reading a pipe that the parent fills with a generated feed; the
 * child's peak comes from wait4().  Skipped under sanitizers and
 * valgrind, whose allocators keep freed memory aside on purpose.
 */
#define _DEFAULT_SOURCE
#include "check.h"
#include "feedconv.h"

#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#define FM_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define FM_SANITIZED 1
#endif
#endif
#ifdef FM_SANITIZED
static const bool sanitized = true;
#else
static const bool sanitized = false;
#endif

/* About 700 bytes of HTML per post. */
static void body(FILE *w, int i)
{
    for (int k = 0; k < 6; k++)
        fprintf(w,
                "&lt;p&gt;Paragraph %d of post %d: streaming keeps one post in memory, "
                "whatever the size of the feed.&lt;/p&gt;",
                k, i);
}

/* A WordPress export: posts as WordPress stores them (wpautop'd on the
 * way), a comment on every fifth, and every fiftieth an image attachment
 * after it as its featured image (the maps grow with attachments, by
 * design: a few bytes each). */
static void gen_wxr(FILE *w, int posts)
{
    fputs("<?xml version=\"1.0\"?>\n<rss version=\"2.0\" "
          "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" "
          "xmlns:wp=\"http://wordpress.org/export/1.2/\"><channel><title>Big</title>"
          "<link>http://example.org</link><wp:wxr_version>1.2</wp:wxr_version>\n",
          w);
    for (int i = 1; i <= posts; i++) {
        fprintf(w,
                "<item><title>Post %d</title><link>http://example.org/%d/</link><guid "
                "isPermaLink=\"false\">http://example.org/?p=%d</guid><content:encoded><![CDATA[",
                i, i, i);
        for (int k = 0; k < 6; k++)
            fprintf(w,
                    "Paragraph %d of post %d: streaming keeps one post in memory,\nwhatever the "
                    "size of the feed.\n\n",
                    k, i);
        fprintf(w,
                "]]></content:encoded><wp:post_id>%d</wp:post_id><wp:post_date>2024-01-02 "
                "10:00:00</wp:post_date><wp:post_date_gmt>2024-01-02 09:00:00</wp:post_date_gmt>"
                "<wp:status>publish</wp:status><wp:post_type>post</wp:post_type>",
                i);
        if (i % 50 == 0)
            fprintf(w,
                    "<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>%d"
                    "</wp:meta_value></wp:postmeta>",
                    1000000 + i);
        if (i % 5 == 0)
            fputs("<wp:comment><wp:comment_id>1</wp:comment_id><wp:comment_author>Ann"
                  "</wp:comment_author><wp:comment_content>Nice.</wp:comment_content>"
                  "<wp:comment_approved>1</wp:comment_approved></wp:comment>",
                  w);
        fputs("</item>\n", w);
        if (i % 50 == 0)
            fprintf(w,
                    "<item><title>image</title><wp:post_id>%d</wp:post_id><wp:post_parent>%d"
                    "</wp:post_parent><wp:post_type>attachment</wp:post_type><wp:attachment_url>"
                    "http://example.org/up/%d.jpg</wp:attachment_url></item>\n",
                    1000000 + i, i, i);
    }
    fputs("</channel></rss>\n", w);
}

static void gen(FILE *w, const char *fmt, int posts)
{
    if (strcmp(fmt, "wxr") == 0) {
        gen_wxr(w, posts);
    } else if (strcmp(fmt, "rss") == 0) {
        fputs("<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>Big</title>"
              "<link>http://example.org/</link><description>d</description>\n",
              w);
        for (int i = 0; i < posts; i++) {
            fprintf(w,
                    "<item><title>Post %d</title><link>http://example.org/%d</link>"
                    "<guid>http://example.org/%d</guid>"
                    "<pubDate>Tue, 02 Jan 2024 10:00:00 +0000</pubDate><description>",
                    i, i, i);
            body(w, i);
            fputs("</description></item>\n", w);
        }
        fputs("</channel></rss>\n", w);
    } else if (strcmp(fmt, "atom") == 0) {
        fputs("<?xml version=\"1.0\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">"
              "<title>Big</title><id>urn:x:big</id><updated>2024-01-02T10:00:00Z</updated>\n",
              w);
        for (int i = 0; i < posts; i++) {
            fprintf(w,
                    "<entry><title>Post %d</title><id>urn:x:%d</id>"
                    "<updated>2024-01-02T10:00:00Z</updated><content type=\"html\">",
                    i, i);
            body(w, i);
            fputs("</content></entry>\n", w);
        }
        fputs("</feed>\n", w);
    } else {
        fputs("{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"Big\", "
              "\"items\": [\n",
              w);
        for (int i = 0; i < posts; i++) {
            fprintf(w, "%s{\"id\": \"urn:x:%d\", \"title\": \"Post %d\", \"content_html\": \"",
                    i ? "," : "", i, i);
            for (int k = 0; k < 6; k++)
                fprintf(w,
                        "<p>Paragraph %d of post %d: streaming keeps one post in memory, "
                        "whatever the size of the feed.</p>",
                        k, i);
            fputs("\"}\n", w);
        }
        fputs("]}\n", w);
    }
}

/* Peak resident KB of converting a generated feed (posts posts) from
 * `from` to `to`; -1 when the conversion failed. */
static long peak_kb(const char *from, const char *to, int posts)
{
    int p[2];
    if (pipe(p) != 0)
        return -1;
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        close(p[1]);
        struct fc_error err;
        struct fc_input *in = NULL;
        struct fc_output *out = NULL;
        struct fc_options opt;
        fc_options_init(&opt);
        int null = open("/dev/null", O_WRONLY);
        if (null < 0 || fc_input_open_fd(p[0], "<pipe>", &in, &err) != FC_OK ||
            fc_output_open_fd(null, "/dev/null", &out, &err) != FC_OK)
            _exit(2);
        enum fc_status st =
            fc_convert(in, fc_format_find(from), out, fc_format_find(to), &opt, &err);
        if (st == FC_OK)
            st = fc_output_commit(out, &err);
        fc_output_close(out);
        fc_input_close(in);
        _exit(st == FC_OK ? 0 : 1);
    }
    close(p[0]);
    FILE *w = fdopen(p[1], "w");
    if (w) {
        gen(w, from, posts);
        fclose(w);
    } else {
        close(p[1]);
    }
    int status = 0;
    struct rusage ru;
    if (wait4(pid, &status, 0, &ru) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return -1;
    return ru.ru_maxrss;
}

int main(void)
{
    if (sanitized) {
        SKIP("flat-memory", "sanitizer build: its allocator holds freed memory");
        return 0;
    }
    const char *pre = getenv("LD_PRELOAD");
    if (pre && strstr(pre, "vgpreload")) {
        SKIP("flat-memory", "under valgrind: its allocator holds freed memory");
        return 0;
    }
    static const char *const pairs[][2] = {
        {"rss", "jsonfeed"}, {"rss", "atom"},      {"atom", "rss"},     {"atom", "atom"},
        {"jsonfeed", "rss"}, {"jsonfeed", "atom"}, {"wxr", "jsonfeed"}, {"wxr", "rss"},
    };
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        char name[120];
        /* 6000 posts are past what any writer keeps in memory (the Atom
         * writer's 4 MB spool): from there on, nothing may grow. */
        long small = peak_kb(pairs[i][0], pairs[i][1], 6000);
        long big = peak_kb(pairs[i][0], pairs[i][1], 18000); /* about 16 MB of input */
        snprintf(name, sizeof name, "flat-memory: %s -> %s converts 6000 and 18000 posts",
                 pairs[i][0], pairs[i][1]);
        CHECK(name, small > 0 && big > 0);
        snprintf(
            name, sizeof name,
            "flat-memory: %s -> %s: 18000 posts peak within 2 MB of 6000 posts' (%ld -> %ld KB)",
            pairs[i][0], pairs[i][1], small, big);
        CHECK(name, small > 0 && big > 0 && big - small < 2 * 1024);
    }
    return CHECK_DONE();
}
