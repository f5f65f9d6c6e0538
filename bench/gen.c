/*
 * gen.c - deterministic generator of large WordPress-like feeds for
 * `make bench`.
 *
 *   gen FORMAT POSTS [SEED] > file      FORMAT: rss, atom, jsonfeed or wxr
 *
 * The same POSTS and SEED give the same posts, byte for byte, in every
 * format (only the syntax differs), so RSS -> X and X -> RSS runs convert
 * the same content.  Each post is 4-8 KB of RSS (mean about 5.1 KB, so
 * 100,000 posts are about 514 MB, the size the issue measures peers on):
 * a title, links, a date, dc:creator, 1-5 categories, an excerpt and a
 * content:encoded body of HTML paragraphs, lists, code and links (with
 * WordPress's numeric entities and some UTF-8), wfw:commentRss and
 * slash:comments.  Atom carries the same as entries (thr:total for the
 * comment count), JSON Feed as items (_slash for the count).  A WordPress
 * export (wxr, WXR 1.2) carries the same posts as WordPress writes them
 * (the body as stored, dates as post_date / post_date_gmt, terms with
 * nicenames), up to two approved comments on posts that have comments, and
 * every tenth post an image attachment, written after it, as its featured
 * image: the reader's maps and its look-ups get their share of the work.
 *
 * No clock, no locale, no rand(): a splitmix64 generator seeded from SEED.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum fmt { RSS, ATOM, JSONFEED, WXR };

struct rng {
    uint64_t s;
};

static uint64_t next(struct rng *r)
{
    uint64_t z = (r->s += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

/* Uniform in [0, n). */
static unsigned below(struct rng *r, unsigned n)
{
    return (unsigned)(next(r) % n);
}

/* A growable string; the generator exits on ENOMEM (it is a tool). */
struct str {
    char *p;
    size_t len, cap;
};

static void grow(struct str *s, size_t extra)
{
    if (s->len + extra + 1 <= s->cap)
        return;
    size_t cap = s->cap ? s->cap * 2 : 1024;
    while (cap < s->len + extra + 1)
        cap *= 2;
    char *p = realloc(s->p, cap);
    if (!p) {
        fputs("gen: out of memory\n", stderr);
        exit(1);
    }
    s->p = p;
    s->cap = cap;
}

static void add(struct str *s, const char *t, size_t n)
{
    grow(s, n);
    memcpy(s->p + s->len, t, n);
    s->len += n;
    s->p[s->len] = '\0';
}

static void puts_s(struct str *s, const char *t)
{
    add(s, t, strlen(t));
}

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void
printf_s(struct str *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        exit(1);
    grow(s, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(s->p + s->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    s->len += (size_t)n;
}

static const char *const words[] = {
    "kernel",
    "driver",
    "patch",
    "review",
    "memory",
    "latency",
    "queue",
    "thread",
    "lock",
    "cache",
    "buffer",
    "network",
    "packet",
    "stack",
    "release",
    "branch",
    "merge",
    "commit",
    "build",
    "compiler",
    "linker",
    "module",
    "interface",
    "protocol",
    "socket",
    "server",
    "client",
    "request",
    "response",
    "header",
    "payload",
    "schema",
    "field",
    "record",
    "index",
    "query",
    "table",
    "column",
    "migration",
    "backup",
    "restore",
    "snapshot",
    "volume",
    "device",
    "firmware",
    "hardware",
    "register",
    "interrupt",
    "timer",
    "clock",
    "scheduler",
    "process",
    "signal",
    "pipe",
    "file",
    "directory",
    "path",
    "mount",
    "permission",
    "user",
    "group",
    "session",
    "token",
    "password",
    "key",
    "certificate",
    "cipher",
    "hash",
    "digest",
    "random",
    "seed",
    "sample",
    "metric",
    "counter",
    "gauge",
    "histogram",
    "trace",
    "profile",
    "benchmark",
    "regression",
    "fix",
    "bug",
    "issue",
    "feature",
    "design",
    "document",
    "draft",
    "proposal",
    "summit",
    "talk",
    "slides",
    "video",
    "question",
    "answer",
    "idea",
    "note",
    "thought",
    "weekend",
    "coffee",
    "bicycle",
    "garden",
    "river",
    "mountain",
    "city",
    "train",
    "the",
    "a",
    "of",
    "and",
    "to",
    "in",
    "with",
    "for",
    "on",
    "that",
    "is",
    "was",
    "it",
    "this",
    "we",
    "you",
    "they",
    "about",
    "after",
    "before",
    "over",
    "under",
    "between",
    "quickly",
    "slowly",
    "really",
    "almost",
    "never",
    "always",
    "sometimes",
    "new",
    "old",
    "small",
    "large",
    "fast",
    "slow",
    "simple",
    "hard",
    "better",
    "worse",
    "caf\xc3\xa9",
    "na\xc3\xafve",
    "r\xc3\xa9sum\xc3\xa9",
    "\xe2\x80\x94",
    "M\xc3\xbcnchen",
    "Z\xc3\xbcrich",
};
#define NWORDS (sizeof words / sizeof words[0])

static const char *const authors[] = {"roland", "alice", "bob", "carol", "dave", "eve"};
static const char *const cats[] = {"linux",         "infiniband", "rdma",    "kernel", "travel",
                                   "photos",        "books",      "cycling", "music",  "work",
                                   "uncategorized", "c",          "python",  "go",     "rust"};
static const char *const days[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

/* A post, the same for every format. */
struct post {
    unsigned id;
    int year, month, day, hour, minute, second, wday; /* wday 0 = Monday */
    const char *author;
    unsigned ncats;
    const char *cat[5];
    unsigned comments;
    struct str title, slug, excerpt, body;
};

static void sentence(struct rng *r, struct str *s, unsigned nmin, unsigned nmax, int html)
{
    unsigned n = nmin + below(r, nmax - nmin + 1);
    for (unsigned i = 0; i < n; i++) {
        const char *w = words[below(r, NWORDS)];
        if (i)
            puts_s(s, " ");
        unsigned k = below(r, 40);
        if (html && k == 0) {
            printf_s(s, "<a href=\"http://example.org/blog/?p=%u&amp;ref=%s\">%s</a>",
                     below(r, 100000), w, w);
        } else if (html && k == 1) {
            printf_s(s, "<strong>%s</strong>", w);
        } else if (html && k == 2) {
            printf_s(s, "<em>%s</em>", w);
        } else if (html && k == 3) {
            printf_s(s, "I&#8217;d %s", w); /* WordPress smart quote */
        } else if (k == 4) {
            printf_s(s, "%s\xe2\x80\x99s", w); /* a raw UTF-8 apostrophe */
        } else if (i == 0) {
            char c = w[0];
            if (c >= 'a' && c <= 'z')
                c = (char)(c - 'a' + 'A');
            add(s, &c, 1);
            puts_s(s, w + 1);
        } else {
            puts_s(s, w);
        }
    }
    puts_s(s, below(r, 8) ? "." : "?");
}

static void paragraph(struct rng *r, struct str *s)
{
    unsigned k = below(r, 10);
    if (k == 0) {
        puts_s(s, "<ul>\n");
        for (unsigned i = 0, n = 2 + below(r, 4); i < n; i++) {
            puts_s(s, "<li>");
            sentence(r, s, 3, 9, 1);
            puts_s(s, "</li>\n");
        }
        puts_s(s, "</ul>\n");
    } else if (k == 1) {
        printf_s(s,
                 "<pre><code>for (i = 0; i &lt; %u; i++)\n\tqueue_%s(&amp;q[i]);\n</code>"
                 "</pre>\n",
                 below(r, 4096), words[below(r, 30)]);
    } else if (k == 2) {
        printf_s(s, "<h2>%s</h2>\n", words[below(r, 40)]);
    } else {
        puts_s(s, "<p>");
        for (unsigned i = 0, n = 2 + below(r, 5); i < n; i++) {
            if (i)
                puts_s(s, " ");
            sentence(r, s, 6, 18, 1);
        }
        puts_s(s, "</p>\n");
    }
}

static void make_post(struct rng *r, unsigned i, struct post *p)
{
    p->title.len = p->slug.len = p->excerpt.len = p->body.len = 0;
    p->id = 100 + i;
    /* Newest first, about 2 hours apart, from 2024-12-31 back. */
    uint64_t t = (uint64_t)i * 7201u + below(r, 3600);
    uint64_t days_from_end = t / 86400u, sod = 86399u - t % 86400u;
    /* Walk the civil calendar back from 2024-12-31 (a Tuesday). */
    int y = 2024, m = 12, d = 31;
    long back = (long)days_from_end;
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    while (back > 0) {
        if (back >= d) {
            back -= d;
            if (--m == 0) {
                m = 12;
                y--;
            }
            int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
            d = mdays[m - 1] + (m == 2 && leap);
        } else {
            d -= (int)back;
            back = 0;
        }
    }
    p->year = y, p->month = m, p->day = d;
    p->hour = (int)(sod / 3600), p->minute = (int)(sod / 60 % 60), p->second = (int)(sod % 60);
    p->wday = (int)((1 + 7 * 10000 - (long)(days_from_end % 7)) % 7); /* 2024-12-31: Tue */
    p->author = authors[below(r, sizeof authors / sizeof authors[0])];
    p->ncats = 1 + below(r, 5);
    for (unsigned k = 0; k < p->ncats; k++)
        p->cat[k] = cats[below(r, sizeof cats / sizeof cats[0])];
    p->comments = below(r, 8) ? below(r, 40) : 0;

    sentence(r, &p->title, 3, 9, 0);
    p->title.len--; /* no final period in a title */
    p->title.p[p->title.len] = '\0';
    for (size_t k = 0; k < p->title.len && p->slug.len < 60; k++) {
        unsigned char c = (unsigned char)p->title.p[k];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c - 'A' + 'a');
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            add(&p->slug, (const char *)&c, 1);
        else if (c == ' ' && p->slug.len && p->slug.p[p->slug.len - 1] != '-')
            add(&p->slug, "-", 1);
    }
    printf_s(&p->slug, "-%u", p->id);

    sentence(r, &p->excerpt, 25, 45, 0);
    puts_s(&p->excerpt, " [&#8230;]");

    /* Body: 4096 + 4096 * u1 * u2 bytes of RSS item in all (mean ~5.1 KB);
     * about 1 KB of it is the item's other elements. */
    double u1 = (double)(next(r) >> 11) / 9007199254740992.0;
    double u2 = (double)(next(r) >> 11) / 9007199254740992.0;
    size_t target = 2620 + (size_t)(4096.0 * u1 * u2);
    while (p->body.len < target)
        paragraph(r, &p->body);
    printf_s(&p->body,
             "<div class=\"share\"><a href=\"http://twitter.com/share?url=http://example.org/"
             "blog/%d/%02d/%02d/%s/&amp;via=example\">Tweet</a></div>",
             p->year, p->month, p->day, p->slug.p);
}

/* ---- output --------------------------------------------------------- */

static void xml_text(FILE *f, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&':
            fputs("&amp;", f);
            break;
        case '<':
            fputs("&lt;", f);
            break;
        case '>':
            fputs("&gt;", f);
            break;
        case '"':
            fputs("&quot;", f);
            break;
        default:
            putc(*s, f);
        }
    }
}

static void json_str(FILE *f, const char *s)
{
    putc('"', f);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') {
            putc('\\', f);
            putc(c, f);
        } else if (c == '\n') {
            fputs("\\n", f);
        } else if (c == '\t') {
            fputs("\\t", f);
        } else if (c < 0x20) {
            fprintf(f, "\\u%04x", c);
        } else {
            putc(c, f);
        }
    }
    putc('"', f);
}

#define BLOG "http://example.org/blog"

static void post_url(FILE *f, const struct post *p)
{
    fprintf(f, BLOG "/index.php/%d/%02d/%02d/%s/", p->year, p->month, p->day, p->slug.p);
}

static void rfc822(FILE *f, const struct post *p)
{
    fprintf(f, "%s, %02d %s %d %02d:%02d:%02d +0000", days[p->wday], p->day, months[p->month - 1],
            p->year, p->hour, p->minute, p->second);
}

static void rfc3339(FILE *f, const struct post *p)
{
    fprintf(f, "%d-%02d-%02dT%02d:%02d:%02dZ", p->year, p->month, p->day, p->hour, p->minute,
            p->second);
}

static void head(FILE *f, enum fmt fmt)
{
    switch (fmt) {
    case RSS:
        fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
              "<rss version=\"2.0\"\n"
              "\txmlns:content=\"http://purl.org/rss/1.0/modules/content/\"\n"
              "\txmlns:wfw=\"http://wellformedweb.org/CommentAPI/\"\n"
              "\txmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
              "\txmlns:atom=\"http://www.w3.org/2005/Atom\"\n"
              "\txmlns:sy=\"http://purl.org/rss/1.0/modules/syndication/\"\n"
              "\txmlns:slash=\"http://purl.org/rss/1.0/modules/slash/\"\n"
              "\t>\n\n<channel>\n"
              "\t<title>Example Engineering Blog</title>\n"
              "\t<atom:link href=\"" BLOG "/index.php/feed/\" rel=\"self\" "
              "type=\"application/rss+xml\" />\n"
              "\t<link>" BLOG "</link>\n"
              "\t<description>Kernels, networks and the occasional bicycle</description>\n"
              "\t<lastBuildDate>Tue, 31 Dec 2024 23:59:59 +0000</lastBuildDate>\n"
              "\t<language>en</language>\n"
              "\t<sy:updatePeriod>hourly</sy:updatePeriod>\n"
              "\t<sy:updateFrequency>1</sy:updateFrequency>\n"
              "\t<generator>http://wordpress.org/?v=3.3.1</generator>\n",
              f);
        break;
    case ATOM:
        fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
              "<feed\n"
              "  xmlns=\"http://www.w3.org/2005/Atom\"\n"
              "  xmlns:thr=\"http://purl.org/syndication/thread/1.0\"\n"
              "  xml:lang=\"en\"\n"
              "  xml:base=\"" BLOG "/wp-atom.php\"\n"
              "   >\n"
              "\t<title type=\"text\">Example Engineering Blog</title>\n"
              "\t<subtitle type=\"text\">Kernels, networks and the occasional "
              "bicycle</subtitle>\n\n"
              "\t<updated>2024-12-31T23:59:59Z</updated>\n\n"
              "\t<link rel=\"alternate\" type=\"text/html\" href=\"" BLOG "\" />\n"
              "\t<id>" BLOG "/index.php/feed/atom/</id>\n"
              "\t<link rel=\"self\" type=\"application/atom+xml\" href=\"" BLOG
              "/index.php/feed/atom/\" />\n\n"
              "\t<generator uri=\"http://wordpress.org/\" version=\"3.3.1\">WordPress"
              "</generator>\n",
              f);
        break;
    case WXR:
        fputs("<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n"
              "<!-- generator=\"WordPress/6.7.1\" created=\"2025-01-01 00:00\" -->\n"
              "<rss version=\"2.0\"\n"
              "\txmlns:excerpt=\"http://wordpress.org/export/1.2/excerpt/\"\n"
              "\txmlns:content=\"http://purl.org/rss/1.0/modules/content/\"\n"
              "\txmlns:wfw=\"http://wellformedweb.org/CommentAPI/\"\n"
              "\txmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
              "\txmlns:wp=\"http://wordpress.org/export/1.2/\"\n"
              ">\n\n<channel>\n"
              "\t<title>Example Engineering Blog</title>\n"
              "\t<link>" BLOG "</link>\n"
              "\t<description>Kernels, networks and the occasional bicycle</description>\n"
              "\t<pubDate>Wed, 01 Jan 2025 00:00:00 +0000</pubDate>\n"
              "\t<language>en</language>\n"
              "\t<wp:wxr_version>1.2</wp:wxr_version>\n"
              "\t<wp:base_site_url>" BLOG "</wp:base_site_url>\n"
              "\t<wp:base_blog_url>" BLOG "</wp:base_blog_url>\n",
              f);
        for (size_t i = 0; i < sizeof authors / sizeof authors[0]; i++)
            fprintf(f,
                    "\t<wp:author><wp:author_id>%zu</wp:author_id><wp:author_login><![CDATA[%s]]>"
                    "</wp:author_login><wp:author_email><![CDATA[%s@example.org]]>"
                    "</wp:author_email><wp:author_display_name><![CDATA[%s]]>"
                    "</wp:author_display_name></wp:author>\n",
                    i + 1, authors[i], authors[i], authors[i]);
        for (size_t i = 0; i < sizeof cats / sizeof cats[0]; i++)
            fprintf(
                f,
                "\t<wp:category><wp:term_id>%zu</wp:term_id><wp:category_nicename><![CDATA[%s]]>"
                "</wp:category_nicename><wp:category_parent><![CDATA[]]>"
                "</wp:category_parent><wp:cat_name><![CDATA[%s]]></wp:cat_name>"
                "</wp:category>\n",
                i + 1, cats[i], cats[i]);
        fputs("\t<generator>https://wordpress.org/?v=6.7.1</generator>\n", f);
        break;
    case JSONFEED:
        fputs("{\n"
              "  \"version\": \"https://jsonfeed.org/version/1.1\",\n"
              "  \"title\": \"Example Engineering Blog\",\n"
              "  \"home_page_url\": \"" BLOG "\",\n"
              "  \"feed_url\": \"" BLOG "/index.php/feed/json/\",\n"
              "  \"description\": \"Kernels, networks and the occasional bicycle\",\n"
              "  \"language\": \"en\",\n"
              "  \"items\": [",
              f);
        break;
    }
}

static void item_rss(FILE *f, const struct post *p)
{
    fputs("\t\t<item>\n\t\t<title>", f);
    xml_text(f, p->title.p);
    fputs("</title>\n\t\t<link>", f);
    post_url(f, p);
    fputs("</link>\n\t\t<comments>", f);
    post_url(f, p);
    fputs("#comments</comments>\n\t\t<pubDate>", f);
    rfc822(f, p);
    fprintf(f, "</pubDate>\n\t\t<dc:creator>%s</dc:creator>\n\t\t", p->author);
    for (unsigned k = 0; k < p->ncats; k++)
        fprintf(f, "\t\t<category><![CDATA[%s]]></category>\n", p->cat[k]);
    fprintf(f, "\n\t\t<guid isPermaLink=\"false\">" BLOG "/?p=%u</guid>\n", p->id);
    fprintf(f, "\t\t<description><![CDATA[%s]]></description>\n", p->excerpt.p);
    fprintf(f, "\t\t\t<content:encoded><![CDATA[%s]]></content:encoded>\n", p->body.p);
    fputs("\t\t\t<wfw:commentRss>", f);
    post_url(f, p);
    fprintf(f, "feed/</wfw:commentRss>\n\t\t<slash:comments>%u</slash:comments>\n\t\t</item>\n",
            p->comments);
}

static void item_atom(FILE *f, const struct post *p)
{
    fputs("\t<entry>\n\t\t<author>\n\t\t\t<name>", f);
    fputs(p->author, f);
    fputs("</name>\n\t\t\t<uri>http://example.org/</uri>\n\t\t</author>\n"
          "\t\t<title type=\"html\"><![CDATA[",
          f);
    fputs(p->title.p, f);
    fputs("]]></title>\n\t\t<link rel=\"alternate\" type=\"text/html\" href=\"", f);
    post_url(f, p);
    fprintf(f, "\" />\n\t\t<id>" BLOG "/?p=%u</id>\n\t\t<updated>", p->id);
    rfc3339(f, p);
    fputs("</updated>\n\t\t<published>", f);
    rfc3339(f, p);
    fputs("</published>\n", f);
    for (unsigned k = 0; k < p->ncats; k++)
        fprintf(f, "\t\t<category scheme=\"" BLOG "\" term=\"%s\" />", p->cat[k]);
    fprintf(f, "\t\t<summary type=\"html\"><![CDATA[%s]]></summary>\n", p->excerpt.p);
    fputs("\t\t<content type=\"html\" xml:base=\"", f);
    post_url(f, p);
    fprintf(f, "\"><![CDATA[%s]]></content>\n", p->body.p);
    fputs("\t\t<link rel=\"replies\" type=\"text/html\" href=\"", f);
    post_url(f, p);
    fprintf(f, "#comments\" thr:count=\"%u\"/>\n", p->comments);
    fputs("\t\t<link rel=\"replies\" type=\"application/atom+xml\" href=\"", f);
    post_url(f, p);
    fprintf(f, "feed/atom/\" thr:count=\"%u\"/>\n\t\t<thr:total>%u</thr:total>\n\t</entry>\n",
            p->comments, p->comments);
}

static void item_json(FILE *f, const struct post *p, int first)
{
    fputs(first ? "\n    {\n" : ",\n    {\n", f);
    fprintf(f, "      \"id\": \"" BLOG "/?p=%u\",\n      \"url\": \"", p->id);
    post_url(f, p);
    fputs("\",\n      \"title\": ", f);
    json_str(f, p->title.p);
    fputs(",\n      \"content_html\": ", f);
    json_str(f, p->body.p);
    fputs(",\n      \"summary\": ", f);
    json_str(f, p->excerpt.p);
    fputs(",\n      \"date_published\": \"", f);
    rfc3339(f, p);
    fputs("\",\n      \"date_modified\": \"", f);
    rfc3339(f, p);
    fprintf(f, "\",\n      \"authors\": [{\"name\": \"%s\"}],\n      \"tags\": [", p->author);
    for (unsigned k = 0; k < p->ncats; k++)
        fprintf(f, "%s\"%s\"", k ? ", " : "", p->cat[k]);
    fprintf(f, "],\n      \"_slash\": {\"comments\": %u}\n    }", p->comments);
}

static void mysql_date(FILE *f, const struct post *p)
{
    fprintf(f, "%d-%02d-%02d %02d:%02d:%02d", p->year, p->month, p->day, p->hour, p->minute,
            p->second);
}

static void wxr_scalar(FILE *f, const char *name, const char *value)
{
    fprintf(f, "\t\t<wp:%s><![CDATA[%s]]></wp:%s>\n", name, value, name);
}

static void item_wxr(FILE *f, const struct post *p, unsigned i)
{
    fputs("\t<item>\n\t\t<title><![CDATA[", f);
    fputs(p->title.p, f);
    fputs("]]></title>\n\t\t<link>", f);
    post_url(f, p);
    fputs("</link>\n\t\t<pubDate>", f);
    rfc822(f, p);
    fprintf(f, "</pubDate>\n\t\t<dc:creator><![CDATA[%s]]></dc:creator>\n", p->author);
    fprintf(f, "\t\t<guid isPermaLink=\"false\">" BLOG "/?p=%u</guid>\n", p->id);
    fprintf(f,
            "\t\t<description></description>\n\t\t<content:encoded><![CDATA[%s]]>"
            "</content:encoded>\n\t\t<excerpt:encoded><![CDATA[%s]]></excerpt:encoded>\n",
            p->body.p, p->excerpt.p);
    fprintf(f, "\t\t<wp:post_id>%u</wp:post_id>\n\t\t<wp:post_date><![CDATA[", p->id);
    mysql_date(f, p);
    fputs("]]></wp:post_date>\n\t\t<wp:post_date_gmt><![CDATA[", f);
    mysql_date(f, p);
    fputs("]]></wp:post_date_gmt>\n", f);
    wxr_scalar(f, "comment_status", "open");
    wxr_scalar(f, "ping_status", "open");
    wxr_scalar(f, "post_name", p->slug.p);
    wxr_scalar(f, "status", "publish");
    fputs("\t\t<wp:post_parent>0</wp:post_parent>\n\t\t<wp:menu_order>0</wp:menu_order>\n", f);
    wxr_scalar(f, "post_type", "post");
    wxr_scalar(f, "post_password", "");
    fputs("\t\t<wp:is_sticky>0</wp:is_sticky>\n", f);
    for (unsigned k = 0; k < p->ncats; k++)
        fprintf(f, "\t\t<category domain=\"category\" nicename=\"%s\"><![CDATA[%s]]></category>\n",
                p->cat[k], p->cat[k]);
    if (i % 10 == 0)
        fprintf(f,
                "\t\t<wp:postmeta>\n\t\t<wp:meta_key><![CDATA[_thumbnail_id]]></wp:meta_key>\n"
                "\t\t<wp:meta_value><![CDATA[%u]]></wp:meta_value>\n\t\t</wp:postmeta>\n",
                10000000u + p->id);
    for (unsigned c = 0; c < p->comments && c < 2; c++) {
        fprintf(f,
                "\t\t<wp:comment>\n\t\t\t<wp:comment_id>%u</wp:comment_id>\n"
                "\t\t\t<wp:comment_author><![CDATA[Reader %u]]></wp:comment_author>\n"
                "\t\t\t<wp:comment_author_email><![CDATA[reader%u@example.net]]>"
                "</wp:comment_author_email>\n"
                "\t\t\t<wp:comment_author_IP><![CDATA[192.0.2.%u]]></wp:comment_author_IP>\n"
                "\t\t\t<wp:comment_date><![CDATA[",
                p->id * 2 + c, c, c, c + 1);
        mysql_date(f, p);
        fputs("]]></wp:comment_date>\n\t\t\t<wp:comment_date_gmt><![CDATA[", f);
        mysql_date(f, p);
        fprintf(f,
                "]]></wp:comment_date_gmt>\n\t\t\t<wp:comment_content><![CDATA[Thanks for "
                "the write-up on %s.\nIt helped.]]></wp:comment_content>\n"
                "\t\t\t<wp:comment_approved><![CDATA[1]]></wp:comment_approved>\n"
                "\t\t\t<wp:comment_type><![CDATA[comment]]></wp:comment_type>\n"
                "\t\t\t<wp:comment_parent>%u</wp:comment_parent>\n\t\t</wp:comment>\n",
                p->cat[0], c ? p->id * 2 : 0);
    }
    fputs("\t</item>\n", f);
    if (i % 10 != 0)
        return;
    /* the featured image, after the post that shows it */
    fprintf(f,
            "\t<item>\n\t\t<title><![CDATA[image-%u]]></title>\n\t\t<link>" BLOG
            "/?attachment_id=%u</link>\n\t\t<guid isPermaLink=\"false\">" BLOG
            "/wp-content/uploads/%d/%02d/image-%u.jpg</guid>\n"
            "\t\t<wp:post_id>%u</wp:post_id>\n\t\t<wp:post_parent>%u</wp:post_parent>\n",
            p->id, 10000000u + p->id, p->year, p->month, p->id, 10000000u + p->id, p->id);
    wxr_scalar(f, "status", "inherit");
    wxr_scalar(f, "post_type", "attachment");
    fprintf(f,
            "\t\t<wp:attachment_url><![CDATA[" BLOG "/wp-content/uploads/%d/%02d/image-%u.jpg]]>"
            "</wp:attachment_url>\n\t\t<wp:postmeta>\n\t\t<wp:meta_key><![CDATA["
            "_wp_attachment_image_alt]]></wp:meta_key>\n\t\t<wp:meta_value><![CDATA[%s]]>"
            "</wp:meta_value>\n\t\t</wp:postmeta>\n\t</item>\n",
            p->year, p->month, p->id, p->title.p);
}

static void tail(FILE *f, enum fmt fmt)
{
    switch (fmt) {
    case WXR:
        fputs("</channel>\n</rss>\n", f);
        break;
    case RSS:
        fputs("\t</channel>\n\t</rss>\n", f);
        break;
    case ATOM:
        fputs("</feed>\n", f);
        break;
    case JSONFEED:
        fputs("\n  ]\n}\n", f);
        break;
    }
}

static int parse_uint(const char *s, unsigned long max, unsigned long *out)
{
    char *end;
    if (!*s || *s == '-')
        return 0;
    unsigned long v = strtoul(s, &end, 10);
    if (*end || v > max)
        return 0;
    *out = v;
    return 1;
}

int main(int argc, char **argv)
{
    enum fmt fmt;
    unsigned long n, seed = 1;
    if (argc < 3 || argc > 4)
        goto usage;
    if (strcmp(argv[1], "rss") == 0)
        fmt = RSS;
    else if (strcmp(argv[1], "atom") == 0)
        fmt = ATOM;
    else if (strcmp(argv[1], "jsonfeed") == 0 || strcmp(argv[1], "json") == 0)
        fmt = JSONFEED;
    else if (strcmp(argv[1], "wxr") == 0)
        fmt = WXR;
    else
        goto usage;
    if (!parse_uint(argv[2], 10000000ul, &n) || (argc == 4 && !parse_uint(argv[3], ~0ul, &seed)))
        goto usage;

    static char obuf[1 << 20];
    setvbuf(stdout, obuf, _IOFBF, sizeof obuf);
    struct rng r = {seed * 0x2545f4914f6cdd1du + 7};
    struct post p = {0};
    head(stdout, fmt);
    for (unsigned i = 0; i < n; i++) {
        make_post(&r, i, &p);
        if (fmt == RSS)
            item_rss(stdout, &p);
        else if (fmt == ATOM)
            item_atom(stdout, &p);
        else if (fmt == WXR)
            item_wxr(stdout, &p, i);
        else
            item_json(stdout, &p, i == 0);
    }
    tail(stdout, fmt);
    free(p.title.p);
    free(p.slug.p);
    free(p.excerpt.p);
    free(p.body.p);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        perror("gen: write");
        return 1;
    }
    return 0;
usage:
    fputs("usage: gen rss|atom|jsonfeed|wxr POSTS [SEED] > FILE\n", stderr);
    return 2;
}
