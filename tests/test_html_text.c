#define _POSIX_C_SOURCE 200809L
/*
 * test_html_text.c - fc_html_to_text reads plain HTML itself and leaves
 * the rest to libxml2's HTML parser: known values, and agreement with the
 * parser on every HTML string the fixtures hold (and the seed feed beside
 * the project, when present).
 */
#include "check.h"
#include "internal.h"
#include "testlib.h"

#include <dirent.h>
#include <unistd.h>
#include <sys/stat.h>

static void want(const char *html, const char *text)
{
    struct fc_arena *a = fc_arena_new();
    char name[160];
    snprintf(name, sizeof name, "html-text: %.120s", html);
    CHECK_STR(name, a ? fc_html_to_text(a, html) : NULL, text);
    snprintf(name, sizeof name, "html-text parsed: %.120s", html);
    CHECK_STR(name, a ? fc_html_to_text_parsed(a, html) : NULL, text);
    fc_arena_free(a);
}

static int compared, differ;

static void agree(const char *where, const char *html)
{
    if (!html)
        return;
    struct fc_arena *a = fc_arena_new();
    const char *q = a ? fc_html_to_text(a, html) : NULL;
    const char *p = a ? fc_html_to_text_parsed(a, html) : NULL;
    compared++;
    if (!q || !p || strcmp(q, p) != 0) {
        differ++;
        printf("FAIL: html-text agrees with the parser: %s: quick \"%.100s\", parsed \"%.100s\"\n",
               where, q ? q : "(null)", p ? p : "(null)");
        check_failures++;
    }
    fc_arena_free(a);
}

static void agree_feed(const char *path)
{
    struct fc_feed *f = NULL;
    struct fc_error err;
    struct fc_options o = {0};
    if (tl_read_path(path, NULL, &o, &f, &err) != FC_OK) {
        fc_feed_free(f);
        return; /* hostile fixtures that do not read: nothing to compare */
    }
    agree(path, f->title.value);
    agree(path, f->subtitle.value);
    for (struct fc_post_item *it = f->posts.first; it; it = it->next) {
        agree(path, it->post->title.value);
        agree(path, it->post->summary.value);
        agree(path, it->post->content_html);
    }
    fc_feed_free(f);
}

static void agree_file(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return;
    char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf - 1, fp);
    fclose(fp);
    buf[n] = '\0';
    if (strlen(buf) == n)
        agree(path, buf);
}

static bool ends(const char *s, const char *suf)
{
    size_t n = strlen(s), m = strlen(suf);
    return n >= m && strcmp(s + n - m, suf) == 0;
}

static void walk(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        struct stat st;
        if (lstat(path, &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode))
            walk(path);
        else if (S_ISREG(st.st_mode) && st.st_size < (1 << 20) &&
                 (ends(path, ".html") || ends(path, ".htm")))
            agree_file(path);
        else if (S_ISREG(st.st_mode) && st.st_size < (1 << 20) &&
                 (ends(path, ".xml") || ends(path, ".rss") || ends(path, ".atom") ||
                  ends(path, ".json") || ends(path, ".rdf")))
            agree_feed(path);
    }
    closedir(d);
}

int main(void)
{
    /* the quick path */
    want("<p>Caf&eacute; &amp; bar</p>", "Café & bar");
    want("<p>One</p><p>Two</p>", "One Two");
    want("a<b>b</b>c", "abc");
    want("<a href=\"x>y\" title='q'>link</a> text", "link text");
    want("5 < 6 &#8217;s &#x2019;", "5 < 6 \xE2\x80\x99s \xE2\x80\x99");
    want("<p>x&nbsp;y</p>", "x y");
    want("line<br/>break<BR>again", "line break again");
    want("<ul><li>one</li><li>two</li></ul>", "one two");
    want("fish & chips", "fish & chips");
    /* what the quick path leaves to the parser */
    want("AT&T", "AT&T");
    want("<!-- note -->x<script>var a = '<p>';</script>y", "xy");
    want("<style>p { color: red }</style>styled", "styled");
    want("<b>bold</b>face", "boldface");
    want("<li>app</p>les</li>", "apples");
    want("<ul><li>one<li>two</ul>", "one two");
    want("<p>a<form>b</form></p>", "a b");
    want("<o:p>word</o:p>", "word");
    want("&bogus; &#0; <p>ok", "&bogus; ok");
    want("<p>unclosed <a href=\"x", "unclosed");

    walk(FC_ROOT "/fixtures"); /* fixtures/wordpress-rss among them */
    if (access(FC_ROOT TL_SEED, R_OK) == 0)
        agree_feed(FC_ROOT TL_SEED);
    CHECK("html-text: compared the fixtures' HTML with the parser", compared > 100);
    printf("html-text: %d strings compared, %d differ\n", compared, differ);
    return CHECK_DONE();
}
