/*
 * test_site_read.c - the generators' rules the site reader is built on, each
 * case checked against the Debian 12 binaries (Hugo 0.111, Jekyll 4.3):
 * time zones (tz.c: transitions, gaps and overlaps as Go and Ruby resolve
 * them, zones without DST, names refused), Hugo's urlize and permalinks,
 * Jekyll's slugify, permalinks, escaping and post ids, both generators'
 * date readings; and what reading whole fixture sites gives (bundle
 * resources, static files, the content folder given alone).  The same
 * sites are compared with the real generators' feeds by
 * tests/cli_site_oracle.sh.
 */
#include "check.h"
#include "testlib.h"

#include "sites/jekyll.h"
#include "sites/site.h"

#include <stdlib.h>

static struct fc_arena *A;

/* ---- time zones ---------------------------------------------------------- */

static int64_t local(int y, int m, int d, int h, int mi)
{
    return fc_days_from_civil(y, (unsigned)m, (unsigned)d) * 86400 + h * 3600 + mi * 60;
}

static void tz_tests(void)
{
    struct fc_tz *ny = NULL, *be = NULL, *kol = NULL, *utc = NULL;
    struct fc_error err;
    CHECK("tz: America/New_York loads", fc_tz_load(A, "America/New_York", &ny, &err) == FC_OK);
    CHECK("tz: Europe/Berlin loads", fc_tz_load(A, "Europe/Berlin", &be, &err) == FC_OK);
    CHECK("tz: Asia/Kolkata loads", fc_tz_load(A, "Asia/Kolkata", &kol, &err) == FC_OK);
    CHECK("tz: UTC (a symlink to Etc/UTC in Debian) loads",
          fc_tz_load(A, "UTC", &utc, &err) == FC_OK);
    if (!ny || !be || !kol || !utc)
        return;
    /* instants: 2023-03-12 07:00Z New York springs forward, 2023-11-05
     * 06:00Z falls back; Berlin at 01:00Z on 2023-03-26 and 2023-10-29 */
    int64_t spring = local(2023, 3, 12, 7, 0), fall = local(2023, 11, 5, 6, 0);
    CHECK_INT("tz: New York before spring forward", fc_tz_offset_at(ny, spring - 1), -5 * 3600);
    CHECK_INT("tz: New York at spring forward", fc_tz_offset_at(ny, spring), -4 * 3600);
    CHECK_INT("tz: New York before fall back", fc_tz_offset_at(ny, fall - 1), -4 * 3600);
    CHECK_INT("tz: New York at fall back", fc_tz_offset_at(ny, fall), -5 * 3600);
    CHECK_INT("tz: Berlin summer", fc_tz_offset_at(be, local(2023, 7, 1, 0, 0)), 7200);
    CHECK_INT("tz: Berlin winter", fc_tz_offset_at(be, local(2023, 1, 1, 0, 0)), 3600);
    CHECK_INT("tz: Berlin at the change", fc_tz_offset_at(be, local(2023, 3, 26, 1, 0)), 7200);
    CHECK_INT("tz: Berlin 2090 summer (the footer's rule)",
              fc_tz_offset_at(be, local(2090, 7, 1, 0, 0)), 7200);
    CHECK_INT("tz: New York 2090 winter (the footer's rule)",
              fc_tz_offset_at(ny, local(2090, 1, 15, 0, 0)), -5 * 3600);
    CHECK_INT("tz: Kolkata has no DST (summer)", fc_tz_offset_at(kol, local(2023, 7, 1, 0, 0)),
              19800);
    CHECK_INT("tz: Kolkata has no DST (winter)", fc_tz_offset_at(kol, local(2023, 1, 1, 0, 0)),
              19800);
    CHECK_INT("tz: UTC", fc_tz_offset_at(utc, local(2023, 7, 1, 0, 0)), 0);
    /* local times: an ordinary one, a gap, an overlap; Go (Hugo) and Ruby
     * (Jekyll) differ, as observed with hugo 0.111 and ruby 3.1 */
    CHECK_INT("tz local: New York January",
              fc_tz_local_offset(ny, local(2023, 1, 2, 3, 4), FC_TZ_GO), -5 * 3600);
    CHECK_INT("tz local: gap 02:30 New York, Go: the offset after (01:30 EST)",
              fc_tz_local_offset(ny, local(2023, 3, 12, 2, 30), FC_TZ_GO), -4 * 3600);
    CHECK_INT("tz local: gap 02:30 New York, Ruby: the offset before (03:30 EDT)",
              fc_tz_local_offset(ny, local(2023, 3, 12, 2, 30), FC_TZ_RUBY), -5 * 3600);
    CHECK_INT("tz local: overlap 01:30 New York, Go: the first (EDT)",
              fc_tz_local_offset(ny, local(2023, 11, 5, 1, 30), FC_TZ_GO), -4 * 3600);
    CHECK_INT("tz local: overlap 01:30 New York, Ruby: the later (EST)",
              fc_tz_local_offset(ny, local(2023, 11, 5, 1, 30), FC_TZ_RUBY), -5 * 3600);
    CHECK_INT("tz local: gap 02:30 Berlin, Go",
              fc_tz_local_offset(be, local(2023, 3, 26, 2, 30), FC_TZ_GO), 3600);
    CHECK_INT("tz local: gap 02:30 Berlin, Ruby (03:30 CEST)",
              fc_tz_local_offset(be, local(2023, 3, 26, 2, 30), FC_TZ_RUBY), 3600);
    CHECK_INT("tz local: overlap 02:30 Berlin, Go: the second (CET)",
              fc_tz_local_offset(be, local(2023, 10, 29, 2, 30), FC_TZ_GO), 3600);
    CHECK_INT("tz local: overlap 02:30 Berlin, Ruby: the later (CET)",
              fc_tz_local_offset(be, local(2023, 10, 29, 2, 30), FC_TZ_RUBY), 3600);
    /* names that are no zone, or no file of the zone directory */
    static const char *const bad[] = {"",
                                      "../../etc/passwd",
                                      "/etc/localtime",
                                      "Foo/Bar",
                                      "America/../UTC",
                                      "America/",
                                      ".hidden",
                                      "a b",
                                      "zone.tab",
                                      NULL};
    for (size_t i = 0; bad[i]; i++) {
        struct fc_tz *t = NULL;
        char name[120];
        snprintf(name, sizeof name, "tz: '%s' is refused", bad[i]);
        CHECK(name, fc_tz_load(A, bad[i], &t, &err) != FC_OK && t == NULL);
    }
    static const unsigned char junk[] = "TZif2 not really";
    struct fc_tz *t = NULL;
    CHECK("tz: a cut TZif file is a parse error",
          fc_tz_parse(A, junk, sizeof junk, "junk", &t, &err) == FC_EPARSE);
}

/* ---- Hugo ----------------------------------------------------------------- */

static void hugo_urlize_tests(void)
{
    /* notes 3.3 (":title or :slug path" column, before '+' and %XX are
     * unescaped) and what the binary gave for the rest */
    static const char *const cases[][2] = {
        {"Hello, World!", "hello-world"},
        {"a.b", "a.b"},
        {"a_b", "a_b"},
        {"a--b", "a--b"},
        {"  lead trail  ", "lead-trail"},
        {"100% sure", "100-sure"},
        {"what?q=1", "whatq1"},
        {"\xc3\x9cn\xc3\xaf"
         "c\xc3\xb6"
         "d\xc3\xa9 \xc3\x87\xc3\xa0",
         "\xc3\xbcn\xc3\xaf"
         "c\xc3\xb6"
         "d\xc3\xa9-\xc3\xa7\xc3\xa0"},
        {"a&b", "ab"},
        {"a,b;c", "abc"},
        {"it's", "its"},
        {"a~b", "a~b"},
        {"a@b", "a@b"},
        {"emoji \xf0\x9f\x98\x80 face", "emoji-face"},
        {"UPPER Case", "upper-case"},
        {"a   b", "a-b"},
        {"a - b", "a-b"},
        {"a -- b", "a--b"},
        {"dots...end", "dots...end"},
        {"(paren) [brack] {brace}", "paren-brack-brace"},
        {"$dollar *star", "dollar-star"},
        {"C++ Tips", "c++-tips"},
        {"#hash", "#hash"},
        {"trail-", "trail-"},
    };
    struct fc_site s = {.gen = FC_MD_HUGO};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char name[160];
        snprintf(name, sizeof name, "hugo urlize: '%s'", cases[i][0]);
        CHECK_STR(name, fc_hugo_urlize(A, &s, cases[i][0]), cases[i][1]);
    }
    s.remove_accents = true;
    CHECK_STR("hugo urlize: removePathAccents",
              fc_hugo_urlize(A, &s,
                             "\xc3\x9cn\xc3\xaf"
                             "c\xc3\xb6"
                             "d\xc3\xa9 \xc3\x87\xc3\xa0"),
              "unicode-ca");
    s.remove_accents = false;
    s.keep_case = true;
    CHECK_STR("hugo urlize: disablePathToLower", fc_hugo_urlize(A, &s, "UPPER Case"), "UPPER-Case");
}

static void hugo_url_tests(void)
{
    struct fc_site_permalink pl[] = {
        {"posts", "/:year/:month/:monthname/:day/:weekday/:yearday/:slug/"},
        {"notes", ":title"},
        {"docs", "/d/:sections[1:]/:filename/"},
        {"go", "/:2006/:01/:slug/"},
        {"ext", "/:year/:slug.html"},
        {"/", "/root/:slug/"},
    };
    struct fc_site s = {.gen = FC_MD_HUGO, .permalinks = pl, .n_permalinks = 6};
    struct fc_site plain = {.gen = FC_MD_HUGO};
    struct fc_time d = {0}, undated = {0};
    fc_time_parse("2023-03-05T10:00:00Z", &d); /* a Sunday, day 64 */
    struct {
        const char *what, *rel, *slug, *url, *title, *sections;
        bool dated, with_permalinks;
        const char *want;
    } cases[] = {
        {"default path", "posts/hello.md", NULL, NULL, "Hello", "posts", true, false,
         "/posts/hello/"},
        {"a sub folder that is no section", "posts/sub/d.md", NULL, NULL, "D", "posts", true, false,
         "/posts/sub/d/"},
        {"file name lower-cased", "posts/Upper_Case-File.md", NULL, NULL, "X", "posts", true, false,
         "/posts/upper_case-file/"},
        {"file name with spaces at its ends", "f/  lead trail  .md", NULL, NULL, "X", "f", true,
         false, "/f/-lead-trail-/"},
        {"file name keeps '+'", "f/C++ Tips.md", NULL, NULL, "X", "f", true, false, "/f/c++-tips/"},
        {"slug", "posts/a.md", "Custom Slug!", NULL, "X", "posts", true, false,
         "/posts/custom-slug/"},
        {"slug trimmed of '-'", "posts/a.md", "--x--", NULL, "X", "posts", true, false,
         "/posts/x/"},
        {"slug with a '/'", "docs/a.md", "nested/slug", NULL, "X", "docs", true, false,
         "/docs/nested/slug/"},
        {"url, root-relative", "posts/a.md", NULL, "custom/rel", "X", "posts", true, false,
         "/custom/rel/"},
        {"url kept as written", "posts/a.md", NULL, "/Custom Path/", "X", "posts", true, false,
         "/Custom Path/"},
        {"url with a '.': a file", "posts/a.md", NULL, "/v1.0/notes", "X", "posts", true, false,
         "/v1.0/notes"},
        {"url beats permalinks", "posts/a.md", "s", "/u/", "X", "posts", true, true, "/u/"},
        {"leaf bundle: its folder", "posts/my-bundle/index.md", NULL, NULL, "X", "posts", true,
         false, "/posts/my-bundle/"},
        {"language suffix dropped", "posts/b.en.md", NULL, NULL, "X", "posts", true, false,
         "/posts/b/"},
        {"section page", "posts/_index.md", "ignored", NULL, "X", "posts", true, false, "/posts/"},
        {"every date token", "posts/p.md", "my slug", NULL, "X", "posts", true, true,
         "/2023/03/march/05/0/64/my-slug/"},
        {"undated: year 1", "posts/p.md", "s", NULL, "X", "posts", false, true,
         "/1/01/january/01/1/1/s/"},
        {":slug falls back to the title", "posts/p.md", NULL, NULL, "C++ Tips", "posts", true, true,
         "/2023/03/march/05/0/64/c-tips/"},
        {":title with '/': folders, ' + ' a '--' (hugo 0.111 built it so)", "notes/n.md", NULL,
         NULL, "a/b + c", "notes", true, true, "/a/b--c/"},
        {":sections[1:] and :filename", "docs/a/b/guide.md", NULL, NULL, "X", "docs/a/b", true,
         true, "/d/a/b/guide/"},
        {":sections[1:] of a top-level page is empty", "docs/guide.md", NULL, NULL, "X", "docs",
         true, true, "/d/guide/"},
        {"Go layout tokens", "go/x.md", "s", NULL, "X", "go", true, true, "/2023/03/s/"},
        {"a pattern ending in .html is a folder", "ext/x.md", "s", NULL, "X", "ext", true, true,
         "/2023/s.html/"},
        {"\"/\" for pages at the top", "about-me.md", NULL, NULL, "About Me", "", true, true,
         "/root/about-me/"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct fc_site_doc doc = {.rel = cases[i].rel,
                                  .slug = cases[i].slug,
                                  .url = cases[i].url,
                                  .title = cases[i].title,
                                  .sections = cases[i].sections,
                                  .date = cases[i].dated ? d : undated};
        char name[200];
        snprintf(name, sizeof name, "hugo url: %s", cases[i].what);
        CHECK_STR(name, fc_hugo_url(A, cases[i].with_permalinks ? &s : &plain, &doc),
                  cases[i].want);
    }
    struct fc_site ugly = {.gen = FC_MD_HUGO, .ugly_urls = true};
    struct fc_site_doc doc = {.rel = "posts/a.md", .title = "A", .sections = "posts"};
    CHECK_STR("hugo url: uglyURLs", fc_hugo_url(A, &ugly, &doc), "/posts/a.html");
    doc.rel = "posts/bundle/index.md";
    CHECK_STR("hugo url: uglyURLs bundle", fc_hugo_url(A, &ugly, &doc), "/posts/bundle.html");
}

static void site_time(const struct fc_site *s, const char *yaml, bool plain, bool hugo,
                      const char *want)
{
    struct fc_fm_node v = {.type = FC_FM_SCALAR, .str = yaml, .len = strlen(yaml), .plain = plain};
    struct fc_time t;
    bool ignored = false;
    bool ok = hugo ? fc_hugo_time(s, &v, &t) : fc_jekyll_time(s, &v, &t, &ignored);
    char got[64] = "(none)", name[200];
    if (ok)
        fc_time_rfc3339(&t, got, sizeof got);
    snprintf(name, sizeof name, "%s date: %s%s%s", hugo ? "hugo" : "jekyll", plain ? "" : "\"",
             yaml, plain ? "" : "\"");
    CHECK_STR(name, got, want);
}

static void date_tests(void)
{
    struct fc_tz *ny = NULL;
    struct fc_error err;
    fc_tz_load(A, "America/New_York", &ny, &err);
    struct fc_site utc = {.gen = FC_MD_HUGO, .tz_rule = FC_TZ_GO};
    struct fc_site hny = {.gen = FC_MD_HUGO, .tz = ny, .tz_rule = FC_TZ_GO};
    struct fc_site jny = {.gen = FC_MD_JEKYLL, .tz = ny, .tz_rule = FC_TZ_RUBY};
    /* Hugo, notes 2.5 */
    site_time(&utc, "2023-01-02", true, true, "2023-01-02T00:00:00+00:00");
    site_time(&utc, "2023-01-02T03:04:05", true, true, "2023-01-02T03:04:05+00:00");
    site_time(&utc, "2023-01-02T03:04:05.123+02:00", true, true, "2023-01-02T03:04:05.123+02:00");
    site_time(&utc, "2023-01-02 03:04:05 +0200", true, true, "2023-01-02T03:04:05+02:00");
    site_time(&utc, "2023-01-02 03:04:05 -07:00", true, true, "2023-01-02T03:04:05-07:00");
    site_time(&utc, "Mon, 02 Jan 2023 03:04:05 +0000", false, true, "2023-01-02T03:04:05+00:00");
    site_time(&utc, "02 Jan 2023", false, true, "2023-01-02T00:00:00+00:00");
    site_time(&utc, "2023-01-02T03:04:05+0200", false, true, "2023-01-02T03:04:05+02:00");
    site_time(&utc, "1672628645", true, true, "2023-01-02T03:04:05Z");
    site_time(&utc, "Monday, 02-Jan-23 03:04:05 UTC", false, true, "2023-01-02T03:04:05+00:00");
    site_time(&utc, "Mon Jan  2 03:04:05 2023", false, true, "2023-01-02T03:04:05+00:00");
    site_time(&utc, "Mon Jan 2 03:04:05 UTC 2023", false, true, "2023-01-02T03:04:05+00:00");
    site_time(&utc, "2023-01-02T03:04:05.000Z", false, true, "2023-01-02T03:04:05.000Z");
    static const char *const zero[] = {"2023-01-02T03:04",
                                       "2023-01-02 03:04",
                                       "2 January 2023",
                                       "January 2, 2023",
                                       "Jan 2, 2023",
                                       "2023/01/02",
                                       "01/02/2023",
                                       "20230102",
                                       "2023-1-2",
                                       "2023-02-30",
                                       NULL};
    for (size_t i = 0; zero[i]; i++)
        site_time(&utc, zero[i], false, true, "(none)");
    site_time(&utc, "1672628645", false, true, "(none)"); /* quoted: a string */
    site_time(&hny, "2023-01-02T03:04:05", true, true, "2023-01-02T03:04:05-05:00");
    site_time(&hny, "2023-01-02", true, true, "2023-01-02T00:00:00-05:00");
    site_time(&hny, "2023-01-02T03:04:05Z", true, true, "2023-01-02T03:04:05Z");
    site_time(&hny, "Mon, 02 Jan 2023 03:04:05 GMT", false, true, "2023-01-02T03:04:05-05:00");
    site_time(&hny, "Mon Jan 2 03:04:05 UTC 2023", false, true, "2023-01-02T03:04:05-05:00");
    /* Jekyll, notes 2.5 (timezone America/New_York) */
    site_time(&jny, "2023-02-01", true, false, "2023-02-01T00:00:00-05:00");
    site_time(&jny, "2023-01-12 18:30", true, false, "2023-01-12T18:30:00-05:00");
    site_time(&jny, "2023-01-13 18:30:22", true, false, "2023-01-13T18:30:22Z");
    site_time(&jny, "2023-01-17 18:30:22", false, false, "2023-01-17T18:30:22-05:00");
    site_time(&jny, "2023-01-16T18:30:22Z", true, false, "2023-01-16T18:30:22Z");
    site_time(&jny, "2023-01-14 18:30:22 -0800", true, false, "2023-01-14T18:30:22-08:00");
    site_time(&jny, "2023-01-18 23:30:00 +05:30", true, false, "2023-01-18T23:30:00+05:30");
    site_time(&jny, "2023-01-19 23:30 +0100", true, false, "2023-01-19T23:30:00+01:00");
    site_time(&jny, "2023-01-15 18:30:22 2023 -0800", true, false, "2023-01-15T18:30:22-05:00");
    site_time(&jny, "2023-01-29 18:30:22 EST", true, false, "2023-01-29T18:30:22-05:00");
    site_time(&jny, "2023-01-29 18:30:22 PST", true, false, "2023-01-29T18:30:22-08:00");
    site_time(&jny, "2023-01-29 18:30:22 CET", true, false, "2023-01-29T18:30:22-05:00");
    site_time(&jny, "Sun, 29 Jan 2023 18:30:22 GMT", false, false, "2023-01-29T18:30:22Z");
    site_time(&jny, "29 Jan 2023", false, false, "2023-01-29T00:00:00-05:00");
    site_time(&jny, "Jan 29, 2023", false, false, "2023-01-29T00:00:00-05:00");
    site_time(&jny, "2023/01/29", false, false, "2023-01-29T00:00:00-05:00");
    site_time(&jny, "20230129", false, false, "2023-01-29T00:00:00-05:00");
    site_time(&jny, "2023-01-29 6:30 pm", false, false, "2023-01-29T18:30:00-05:00");
    site_time(&jny, "2023-03-12 02:30:00", false, false, "2023-03-12T02:30:00-05:00");
    site_time(&jny, "not a date", false, false, "(none)");
    site_time(&jny, "1577872800", true, false, "(none)");
}

/* ---- Jekyll ---------------------------------------------------------------- */

static void jekyll_slugify_tests(void)
{
    /* notes 3.3, observed with ruby -rjekyll */
    static const struct {
        const char *in, *mode;
        bool cased;
        const char *want;
    } cases[] = {
        {"The _config.yml file", NULL, false, "the-config-yml-file"},
        {"The _config.yml file", "pretty", false, "the-_config.yml-file"},
        {"The _config.yml file", "pretty", true, "The-_config.yml-file"},
        {"The _config.yml file", "ascii", false, "the-config-yml-file"},
        {"H\xc3\xa9llo W\xc3\xb6rld & more!", NULL, false, "h\xc3\xa9llo-w\xc3\xb6rld-more"},
        {"H\xc3\xa9llo W\xc3\xb6rld & more!", "pretty", true, "H\xc3\xa9llo-W\xc3\xb6rld-&-more!"},
        {"H\xc3\xa9llo W\xc3\xb6rld & more!", "ascii", false, "h-llo-w-rld-more"},
        {"H\xc3\xa9llo W\xc3\xb6rld & more!", "latin", false, "hello-world-more"},
        {"C++ / C# -- notes", NULL, false, "c-c-notes"},
        {"C++ / C# -- notes", "pretty", false, "c++-c-notes"},
        {"C++ / C# -- notes", "pretty", true, "C++-C-notes"},
        {"a--b__c", NULL, false, "a-b-c"},
        {"a--b__c", "pretty", false, "a-b__c"},
        {"emoji \xf0\x9f\x8e\x89 party", NULL, false, "emoji-party"},
        {"it's 'quoted'", NULL, false, "it-s-quoted"},
        {"it's 'quoted'", "pretty", false, "it's-'quoted'"},
        {"\xc3\x87"
         "a va? [ok] #1 100%",
         NULL, false,
         "\xc3\xa7"
         "a-va-ok-1-100"},
        {"a b", "raw", false, "a-b"},
        {"Keep Case", "none", true, "Keep Case"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char name[200];
        snprintf(name, sizeof name, "jekyll slugify %s%s: '%s'",
                 cases[i].mode ? cases[i].mode : "default", cases[i].cased ? " cased" : "",
                 cases[i].in);
        CHECK_STR(name, fc_jekyll_slugify(A, cases[i].in, cases[i].mode, cases[i].cased),
                  cases[i].want);
    }
    CHECK_STR("jekyll titleize", fc_jekyll_titleize(A, "hello-world"), "Hello World");
    CHECK_STR("jekyll titleize: the rest lower case", fc_jekyll_titleize(A, "Mixed-Case Name"),
              "Mixed Case name");
}

static void jekyll_url_tests(void)
{
    struct fc_time d = {0}, late = {0};
    fc_time_parse("2021-12-31T23:59:58Z", &d);
    fc_time_parse("2021-01-03T10:00:00Z", &late);
    const char *cats[] = {"Tech", "Big Cat", "Small"};
    static const struct {
        const char *style, *want1, *want2;
    } styles[] = {
        /* notes 3.1: _posts/2021-12-31-year-end.markdown and
         * Tech/_posts/2021-01-03-Hello World.md, categories [Big Cat, Small] */
        {"date", "/2021/12/31/year-end.html", "/tech/big%20cat/small/2021/01/03/Hello-World.html"},
        {"pretty", "/2021/12/31/year-end/", "/tech/big%20cat/small/2021/01/03/Hello-World/"},
        {"ordinal", "/2021/365/year-end.html", "/tech/big%20cat/small/2021/003/Hello-World.html"},
        {"weekdate", "/2021/W52/Fri/year-end.html",
         "/tech/big%20cat/small/2021/W53/Sun/Hello-World.html"},
        {"none", "/year-end.html", "/tech/big%20cat/small/Hello-World.html"},
        {"/blog/:short_year-:i_month-:i_day/:slug:output_ext", "/blog/21-12-31/year-end.html",
         "/blog/21-1-3/hello-world.html"},
        {"/:month_:day/:name", "/12_31/2021-12-31-year-end", "/01_03/2021-01-03-hello-world"},
    };
    for (size_t i = 0; i < sizeof styles / sizeof styles[0]; i++) {
        struct fc_site s = {.gen = FC_MD_JEKYLL, .permalink = fc_jekyll_style(styles[i].style)};
        struct fc_site_doc a = {
            .rel = "_posts/2021-12-31-year-end.markdown", .slug = "year-end", .date = d};
        struct fc_site_doc b = {.rel = "Tech/_posts/2021-01-03-Hello World.md",
                                .slug = "Hello World",
                                .date = late,
                                .categories = cats,
                                .n_categories = 3};
        char name[200];
        snprintf(name, sizeof name, "jekyll url %s: a post", styles[i].style);
        CHECK_STR(name, fc_jekyll_url(A, &s, &a), styles[i].want1);
        snprintf(name, sizeof name, "jekyll url %s: categories", styles[i].style);
        CHECK_STR(name, fc_jekyll_url(A, &s, &b), styles[i].want2);
    }
    struct fc_site s = {.gen = FC_MD_JEKYLL, .permalink = fc_jekyll_style("date")};
    struct fc_site_doc doc = {
        .rel = "_posts/2023-02-13-x.md", .slug = "H\xc3\xa9llo W\xc3\xb6rld & more!", .date = d};
    CHECK_STR("jekyll url: :title escaped, pretty and cased", fc_jekyll_url(A, &s, &doc),
              "/2021/12/31/H%C3%A9llo-W%C3%B6rld-&-more!.html");
    const char *odd[] = {"C#", "Q?", "a/b", "100%", "\xc3\x9cn\xc3\xaf", "c#"};
    doc = (struct fc_site_doc){.rel = "_posts/2020-01-01-cats.md",
                               .slug = "cats",
                               .date = d,
                               .categories = odd,
                               .n_categories = 6};
    CHECK_STR("jekyll url: categories lower-cased, not slugified, each once",
              fc_jekyll_url(A, &s, &doc), "/c%23/q?/a/b/100%25/%C3%BCn%C3%AF/2021/12/31/cats.html");
    doc = (struct fc_site_doc){.rel = "_posts/2020-01-01-x.md",
                               .slug = "x",
                               .date = d,
                               .url = "/dir/with space/\xc3\xbcn\xc3\xaf.html"};
    CHECK_STR("jekyll url: front matter permalink text not escaped", fc_jekyll_url(A, &s, &doc),
              "/dir/with space/\xc3\xbcn\xc3\xaf.html");
    doc.url = "no-leading-slash.html";
    CHECK_STR("jekyll url: '/' added", fc_jekyll_url(A, &s, &doc), "/no-leading-slash.html");
    doc.url = "/custom/:title/";
    CHECK_STR("jekyll url: placeholders in a front matter permalink", fc_jekyll_url(A, &s, &doc),
              "/custom/x/");
    doc = (struct fc_site_doc){.rel = "_posts/2020-01-01-t.txt", .slug = "t", .date = d};
    CHECK_STR("jekyll url: :output_ext of a .txt post", fc_jekyll_url(A, &s, &doc),
              "/2021/12/31/t.txt");
    doc = (struct fc_site_doc){.rel = "_recipes/sub/cake.md",
                               .slug = "cake",
                               .date = d,
                               .collection = "recipes",
                               .url = "/r/:path/"};
    CHECK_STR("jekyll url: a collection's :path", fc_jekyll_url(A, &s, &doc), "/r/sub/cake/");
    CHECK_STR("jekyll post id: the URL's folder and the raw slug",
              fc_jekyll_post_id(A, "/2023/02/17/My-Custom-Slug!.html", "My Custom Slug!"),
              "/2023/02/17/My Custom Slug!");
    CHECK_STR("jekyll post id: pretty URL",
              fc_jekyll_post_id(A, "/2021/12/31/year-end/", "year-end"), "/2021/12/31/year-end");
    CHECK_STR("jekyll post id: a top-level URL", fc_jekyll_post_id(A, "/x.html", "x"), "/x");
}

/* ---- whole sites ------------------------------------------------------------- */

static struct fc_feed *read_site(const char *path, unsigned flags)
{
    struct fc_options opt;
    fc_options_init(&opt);
    opt.flags |= flags;
    struct fc_feed *f = NULL;
    struct fc_error err;
    if (tl_read_path(path, fc_format_find("markdown"), &opt, &f, &err) != FC_OK) {
        printf("# %s: %s\n", path, err.message);
        return NULL;
    }
    return f;
}

static const struct fc_post *titled(const struct fc_feed *f, const char *title)
{
    for (const struct fc_post_item *it = f->posts.first; it; it = it->next)
        if (it->post->title.value && !strcmp(it->post->title.value, title))
            return it->post;
    return NULL;
}

static bool has_resource(const struct fc_list *l, const char *path, const char *url)
{
    for (const struct fc_resource *r = l->first; r; r = r->next)
        if (!strcmp(r->path, path) && !strcmp(r->url, url))
            return true;
    return false;
}

static void site_tests(void)
{
    struct fc_feed *f = read_site(FC_ROOT "/fixtures/sites/hugo-bundles", 0);
    CHECK("hugo bundles: read", f != NULL);
    if (f) {
        const struct fc_post *p = titled(f, "Leaf bundle");
        CHECK("hugo bundles: the leaf bundle is a post", p != NULL);
        CHECK("hugo bundles: resources beside the page's URL",
              p &&
                  has_resource(&p->resources, "content/posts/leaf/pic.txt",
                               "/2023/leaf-bundle/pic.txt") &&
                  has_resource(&p->resources, "content/posts/leaf/images/sub.txt",
                               "/2023/leaf-bundle/images/sub.txt") &&
                  has_resource(&p->resources, "content/posts/leaf/extra.md",
                               "/2023/leaf-bundle/extra.md"));
        CHECK("hugo bundles: a branch bundle's file is the site's",
              has_resource(&f->files, "content/posts/branch/branch-img.txt",
                           "/posts/branch/branch-img.txt"));
        CHECK("hugo bundles: a .md in a leaf bundle is no post",
              !titled(f, "Not a page of its own"));
        CHECK("hugo bundles: a headless bundle is no post", !titled(f, "Headless"));
        CHECK_STR("hugo bundles: site_root is the input", f->site_root,
                  FC_ROOT "/fixtures/sites/hugo-bundles");
        fc_feed_free(f);
    }
    f = read_site(FC_ROOT "/fixtures/sites/hugo-subpath", 0);
    if (f) {
        CHECK("hugo static: static/ files at the site's root",
              has_resource(&f->files, "static/img/pixel.txt", "/img/pixel.txt"));
        const struct fc_post *p = titled(f, "Hello World");
        char t[300] = "";
        for (const struct fc_tag *g = p ? p->categories.first : NULL; g; g = g->next)
            snprintf(t + strlen(t), sizeof t - strlen(t), "%s%s/%s", *t ? "," : "", g->term,
                     g->scheme ? g->scheme : "-");
        CHECK_STR("hugo terms: categories then tags", t, "news/category,intro/-,Go Lang/-");
        CHECK_STR("hugo: the root page's kind",
                  titled(f, "About") ? titled(f, "About")->kind : NULL, "page");
        fc_feed_free(f);
    }
    f = read_site(FC_ROOT "/fixtures/sites/hugo-drafts-future-expired", 0);
    if (f) {
        const struct fc_post *p = titled(f, "Expired");
        char d[48] = "";
        if (p)
            fc_time_rfc3339(&p->expires, d, sizeof d);
        CHECK_STR("hugo: expiryDate is expires", d, "2001-01-01T00:00:00Z");
        CHECK_INT("hugo: draft: yes",
                  titled(f, "A draft by yes") ? titled(f, "A draft by yes")->draft : -1, 1);
        CHECK_INT("hugo: published: false is a draft",
                  titled(f, "Published false") ? titled(f, "Published false")->draft : -1, 1);
        CHECK("hugo: _build list never is no post", !titled(f, "Not listed"));
        p = titled(f, "Not rendered");
        CHECK("hugo: _build render never: a post without a link", p && !p->url);
        CHECK_INT("hugo: weight", titled(f, "Weighted") ? titled(f, "Weighted")->weight : 0, 1);
        fc_feed_free(f);
    }
    f = read_site(FC_ROOT "/fixtures/sites/jekyll-news-like", 0);
    if (f) {
        const struct fc_post *p = titled(f, "Jekyll 4.3.2 Released");
        char t[300] = "";
        for (const struct fc_tag *g = p ? p->categories.first : NULL; g; g = g->next)
            snprintf(t + strlen(t), sizeof t - strlen(t), "%s%s", *t ? "," : "", g->term);
        CHECK_STR("jekyll: categories: the folder, then the defaults'", t, "news,release");
        CHECK("jekyll: a collection's document is no post", !titled(f, "Cake"));
        CHECK("jekyll: a page is no post", !titled(f, "About"));
        CHECK("jekyll: a static file is the site's",
              has_resource(&f->files, "assets/style.txt", "/assets/style.txt"));
        CHECK("jekyll: no title: the slug titleized", titled(f, "Mixed Case name") != NULL);
        fc_feed_free(f);
    }
    /* the content folder alone: read with the generator's defaults */
    f = read_site(FC_ROOT "/fixtures/sites/jekyll-news-like/_posts", 0);
    CHECK("jekyll _posts alone: read", f && f->posts.count == 7);
    if (f) {
        CHECK_STR("jekyll _posts alone: Jekyll's default permalink",
                  titled(f, "A plain post") ? titled(f, "A plain post")->url : NULL,
                  "/big%20cat/2023/02/01/plain-post.html");
        fc_feed_free(f);
    }
    f = read_site(FC_ROOT "/fixtures/sites/hugo-subpath/content/posts", 0);
    CHECK("hugo content/posts alone: read", f && f->posts.count == 7);
    if (f) {
        CHECK_STR("hugo content/posts alone: the section kept in the URL",
                  titled(f, "In a sub folder") ? titled(f, "In a sub folder")->url : NULL,
                  "/posts/sub/deep/");
        fc_feed_free(f);
    }
}

/* Does post `title` of f have `want` in its HTML? */
static void body_has(const struct fc_feed *f, const char *name, const char *title, const char *want)
{
    const struct fc_post *p = titled(f, title);
    const char *html = p ? p->content_html : NULL;
    if (html && strstr(html, want)) {
        printf("PASS: %s\n", name);
        return;
    }
    printf("FAIL: %s: %s has no \"%s\" in %s\n", name, title, want, html ? html : "(none)");
    check_failures++;
}

/* Template code in bodies: what the known tags render to, the rest as
 * written.  (The oracle compares figures, embeds and links with the
 * generators' pages; code blocks here: the generators' highlighting
 * markup is not ours, their lines are.) */
static void body_tests(void)
{
    struct fc_feed *f = read_site(FC_ROOT "/fixtures/sites/hugo-shortcodes", 0);
    CHECK("hugo shortcodes: read", f != NULL);
    if (f) {
        body_has(f, "hugo highlight: fenced code, its language and every line (blank, tabs)",
                 "Code",
                 "<pre><code class=\"language-go\">func main() {\n\tx := "
                 "&quot;&lt;a&gt;&quot;\n\n\tfmt.Println(x)\n}\n</code></pre>");
        body_has(f, "hugo ref: the target's URL", "Code", "<a href=\"/blog/posts/figures/\">");
        body_has(f, "hugo relref with an anchor", "Code",
                 "<a href=\"/blog/posts/figures/#after\">");
        body_has(f, "hugo {{</* */>}}: the shortcode as text", "Code",
                 "Escaped: {{&lt; figure src=&quot;x&quot; &gt;}}.");
        body_has(f, "hugo: an unknown shortcode kept as written", "Code",
                 "{{&lt; notice &gt;}}A site's own shortcode.{{&lt; /notice &gt;}}");
        body_has(f, "hugo youtube", "Embeds", "src=\"https://www.youtube.com/embed/w7Ft2ymGmfc\"");
        body_has(f, "hugo gist", "Embeds",
                 "<script type=\"application/javascript\" "
                 "src=\"https://gist.github.com/spf13/7896402.js\"></script>");
        body_has(f, "hugo figure with a caption", "Figures", "<h4>Fig Title</h4>");
        fc_feed_free(f);
    }
    f = read_site(FC_ROOT "/fixtures/sites/jekyll-liquid", 0);
    CHECK("jekyll liquid: read", f != NULL);
    if (f) {
        body_has(f, "liquid highlight: fenced code with its language and every line",
                 "Liquid everywhere",
                 "<pre><code class=\"language-ruby\">def foo\n  puts &quot;hi&quot; # "
                 "&lt;b&gt;\nend\n</code></pre>");
        body_has(f, "liquid raw: kept as text", "Liquid everywhere",
                 "Raw: {{ not rendered }} and {% not a tag %}.");
        body_has(f, "liquid post_url (with the baseurl)", "Liquid everywhere",
                 "<a href=\"/blog/2010/07/21/name.html\">name</a>");
        body_has(f, "liquid post_url of a post in a sub folder", "Liquid everywhere",
                 "<a href=\"/blog/2010/08/01/insub.html\">sub</a>");
        body_has(f, "liquid link to a page", "Liquid everywhere",
                 "<a href=\"/blog/docs/about.html\">about</a>");
        body_has(f, "liquid {{ site.baseurl }} in an image path", "Liquid everywhere",
                 "<img src=\"/blog/assets/pic.png\" alt=\"pic\" />");
        body_has(f, "liquid page and site variables", "Liquid everywhere",
                 "This page: Liquid everywhere at /2011/01/01/liquid.html, base/blog!");
        fc_feed_free(f);
    }
}

int main(void)
{
    A = fc_arena_new();
    if (!A)
        return 1;
    tz_tests();
    hugo_urlize_tests();
    hugo_url_tests();
    date_tests();
    jekyll_slugify_tests();
    jekyll_url_tests();
    site_tests();
    body_tests();
    fc_arena_free(A);
    return CHECK_DONE();
}
