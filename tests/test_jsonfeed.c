/*
 * test_jsonfeed.c - the JSON Feed reader and writer: every field read from
 * the hand-written fixtures/jsonfeed-* inputs, 1.0's `author`, `_x`
 * extension objects, errors with positions, the writer's exact output,
 * content synthesised for summary-only posts, and a model with RSS-only fields and XML extensions
 * surviving write + read; the streaming reader (feed keys after "items",
 * errors at their place in the document, escapes) and the writer's escaper.
 */
#include "check.h"
#include "testlib.h"
#include "internal.h"

#include <stdlib.h>

#ifndef FC_ROOT
#define FC_ROOT "."
#endif

struct warns {
    int n;
    char last[512];
};

static void on_warn(void *ctx, const struct fc_error *w)
{
    struct warns *ws = ctx;
    ws->n++;
    snprintf(ws->last, sizeof ws->last, "%s", w->message);
}

static void opts(struct fc_options *o, struct warns *ws)
{
    fc_options_init(o);
    memset(ws, 0, sizeof *ws);
    o->warn = on_warn;
    o->warn_ctx = ws;
}

static enum fc_status read_file(const char *fixture, struct fc_options *o, struct fc_feed **f,
                                struct fc_error *err)
{
    char path[512];
    snprintf(path, sizeof path, "%s/fixtures/%s/input.json", FC_ROOT, fixture);
    return tl_read_path(path, fc_format_find("jsonfeed"), o, f, err);
}

static enum fc_status read_mem(const char *json, struct fc_options *o, struct fc_feed **f,
                               struct fc_error *err)
{
    return tl_read_mem(json, strlen(json), "mem.json", fc_format_find("jsonfeed"), o, f, err);
}

/* Write a feed to memory; returns a malloc'd copy of the text (or NULL). */
static char *write_mem(const struct fc_feed *f, struct fc_options *o, enum fc_status *stp)
{
    return tl_write_mem(f, fc_format_find("jsonfeed"), o, stp, NULL);
}

static struct fc_post *nth_post(const struct fc_feed *f, int n)
{
    return tl_post_at(f, n > 0 ? (size_t)n : 0);
}

static const struct fc_ext *find_ext(const struct fc_list *l, const char *name)
{
    for (const struct fc_ext *e = l->first; e; e = e->next)
        if (e->name && strcmp(e->name, name) == 0)
            return e;
    return NULL;
}

static void time_str(const struct fc_time *t, char *buf, size_t cap)
{
    if (!fc_time_rfc3339(t, buf, cap))
        snprintf(buf, cap, "%s", t->raw ? t->raw : "(none)");
}

static void test_all_fields(void)
{
    struct fc_options o;
    struct warns ws;
    struct fc_error err = {0};
    struct fc_feed *f = NULL;
    opts(&o, &ws);
    enum fc_status st = read_file("jsonfeed-all-fields", &o, &f, &err);
    CHECK_INT("all-fields: read ok", st, FC_OK);
    if (st) {
        printf("# %s\n", err.message);
        return;
    }
    CHECK_INT("all-fields: no warnings", ws.n, 0);
    CHECK_STR("all-fields: format", f->format, "jsonfeed 1.1");
    CHECK_STR("all-fields: title", f->title.value, "Harbour Notes");
    CHECK_INT("all-fields: title is text", f->title.type, FC_TEXT);
    CHECK_STR("all-fields: home_page_url", f->home_url, "https://harbour.example.org/");
    CHECK_STR("all-fields: feed_url", f->feed_url, "https://harbour.example.org/feed.json");
    CHECK_STR("all-fields: description -> subtitle", f->subtitle.value,
              "Tides, boats and the odd lighthouse");
    CHECK_STR("all-fields: user_comment", f->user_comment, "Open this in a feed reader.");
    CHECK_STR("all-fields: next_url", f->next_url, "https://harbour.example.org/feed.json?page=2");
    CHECK_STR("all-fields: icon -> image.url", f->image.url,
              "https://harbour.example.org/icon-512.png");
    CHECK_STR("all-fields: favicon -> icon", f->icon, "https://harbour.example.org/favicon.ico");
    CHECK_INT("all-fields: 2 feed authors", f->authors.count, 2);
    const struct fc_person *a = f->authors.first;
    if (a) {
        CHECK_STR("all-fields: author name", a->name, "Mira Quay");
        CHECK_STR("all-fields: author url", a->url, "https://harbour.example.org/mira");
        CHECK_STR("all-fields: author avatar", a->avatar, "https://harbour.example.org/mira.jpg");
        CHECK_STR("all-fields: 2nd author", a->next ? a->next->name : NULL, "Tom Pier");
    }
    CHECK_STR("all-fields: language", f->language, "en-GB");
    CHECK_INT("all-fields: expired", f->expired, 0);
    const struct fc_hub *h = f->hubs.first;
    CHECK_STR("all-fields: hub type", h ? h->type : NULL, "WebSub");
    CHECK_STR("all-fields: hub url", h ? h->url : NULL, "https://hub.example.net/");
    CHECK_INT("all-fields: 2 items", f->posts.count, 2);

    struct fc_post *p = nth_post(f, 0);
    if (p) {
        char buf[64];
        CHECK_STR("item: id", p->id, "tag:harbour.example.org,2024:spring-tide");
        CHECK_STR("item: url", p->url, "https://harbour.example.org/2024/spring-tide");
        CHECK_STR("item: external_url", p->external_url, "https://tides.example.com/report/42");
        CHECK_STR("item: title (UTF-8)", p->title.value,
                  "Spring tide ahead \xE2\x80\x94 \xC3\xBC"
                  "ber high");
        CHECK_STR("item: content_html", p->content_html,
                  "<p>The <em>spring</em> tide comes on Sunday.</p>");
        CHECK_STR("item: content_text", p->content_text, "The spring tide comes on Sunday.");
        CHECK_STR("item: summary", p->summary.value, "A very high tide this weekend.");
        CHECK_STR("item: image", p->image, "https://harbour.example.org/img/tide.jpg");
        CHECK_STR("item: banner_image", p->banner_image,
                  "https://harbour.example.org/img/tide-wide.jpg");
        time_str(&p->published, buf, sizeof buf);
        CHECK_STR("item: date_published, offset kept", buf, "2024-03-09T18:30:00+05:30");
        CHECK_INT("item: published offset", p->published.offset, 330);
        time_str(&p->updated, buf, sizeof buf);
        CHECK_STR("item: date_modified", buf, "2024-03-10T07:05:09.250Z");
        CHECK_STR("item: author",
                  p->authors.first ? ((struct fc_person *)p->authors.first)->name : NULL,
                  "Mira Quay");
        const struct fc_tag *t = p->categories.first;
        CHECK_INT("item: 2 tags", p->categories.count, 2);
        CHECK_STR("item: tag 1", t ? t->term : NULL, "tides");
        CHECK_STR("item: tag 2", t && t->next ? t->next->term : NULL, "weather");
        CHECK_STR("item: language", p->language, "en");
        const struct fc_media *m = p->attachments.first;
        CHECK_INT("item: 2 attachments", p->attachments.count, 2);
        if (m) {
            CHECK_STR("attachment: url", m->url, "https://harbour.example.org/audio/tide.mp3");
            CHECK_STR("attachment: mime_type", m->type, "audio/mpeg");
            CHECK_STR("attachment: title", m->title, "Tide chat");
            CHECK_INT("attachment: size", m->length, 1234567);
            CHECK("attachment: duration", m->duration == 312.5);
            CHECK_INT("attachment 2: size unknown", m->next ? m->next->length : 0, -1);
            CHECK("attachment 2: duration unknown", m->next && m->next->duration < 0);
        }
        CHECK_INT("item: comment_count unknown", p->comment_count, -1);
        CHECK_INT("item: no exts", p->exts.count, 0);
    }
    p = nth_post(f, 1);
    CHECK_STR("item 2: id", p ? p->id : NULL, "2");
    CHECK_STR("item 2: content_text", p ? p->content_text : NULL, "Just a note.");
    CHECK("item 2: no date", p && !fc_time_present(&p->published));
    fc_feed_free(f);
}

static void test_v10_author(void)
{
    struct fc_options o;
    struct warns ws;
    struct fc_error err = {0};
    struct fc_feed *f = NULL;
    opts(&o, &ws);
    enum fc_status st = read_file("jsonfeed-1.0-author", &o, &f, &err);
    CHECK_INT("1.0: read ok", st, FC_OK);
    if (st)
        return;
    CHECK_STR("1.0: format", f->format, "jsonfeed 1.0");
    const struct fc_person *a = f->authors.first;
    CHECK_INT("1.0: author -> one author", f->authors.count, 1);
    CHECK_STR("1.0: author name", a ? a->name : NULL, "Keeper Lund");
    CHECK_STR("1.0: author url", a ? a->url : NULL, "https://light.example.net/about");
    struct fc_post *p = nth_post(f, 0);
    CHECK_STR("1.0: numeric id coerced", p ? p->id : NULL, "1017");
    a = p ? p->authors.first : NULL;
    CHECK_STR("1.0: item author", a ? a->name : NULL, "Assistant Berg");
    CHECK_STR("1.0: item author avatar", a ? a->avatar : NULL,
              "https://light.example.net/berg.png");
    CHECK_INT("1.0: offset -08:00", p ? p->published.offset : 0, -480);

    /* Written back as 1.1: authors, not author. */
    char *s = write_mem(f, &o, NULL);
    CHECK("1.0 -> 1.1: authors written", s && strstr(s, "\"authors\": ["));
    CHECK("1.0 -> 1.1: no author", s && !strstr(s, "\"author\":"));
    CHECK("1.0 -> 1.1: version 1.1",
          s && strstr(s, "\"version\": \"https://jsonfeed.org/version/1.1\""));
    free(s);
    fc_feed_free(f);
}

static void test_ext_keys(void)
{
    struct fc_options o;
    struct warns ws;
    struct fc_error err = {0};
    struct fc_feed *f = NULL;
    opts(&o, &ws);
    enum fc_status st = read_file("jsonfeed-extension-keys", &o, &f, &err);
    CHECK_INT("ext: read ok", st, FC_OK);
    if (st)
        return;
    CHECK_INT("ext: 2 warnings (unknown keys)", ws.n, 2);
    const struct fc_ext *e = find_ext(&f->exts, "_blue_shed");
    CHECK("ext: _blue_shed kept", e != NULL);
    if (e) {
        CHECK_INT("ext: kind json", e->kind, FC_EXT_JSON);
        CHECK_STR("ext: origin", e->origin, "jsonfeed");
        CHECK_STR("ext: compact value", e->value,
                  "{\"about\":\"https://blueshed.example/\",\"explicit\":false}");
    }
    e = find_ext(&f->exts, "colour");
    CHECK_STR("ext: unknown key kept", e ? e->value : NULL, "\"teal\"");
    struct fc_post *p = nth_post(f, 0);
    e = p ? find_ext(&p->exts, "_blue_shed") : NULL;
    CHECK_STR("ext: item _blue_shed", e ? e->value : NULL, "{\"rating\":[4,5]}");
    e = p ? find_ext(&p->exts, "mood") : NULL;
    CHECK_STR("ext: item unknown key", e ? e->value : NULL, "7");

    char *s = write_mem(f, &o, NULL);
    CHECK("ext: _blue_shed re-emitted as is",
          s && strstr(s, "\n  \"_blue_shed\": {\n    \"about\": \"https://blueshed.example/\","));
    CHECK("ext: unknown key not top-level", s && !strstr(s, "\n  \"colour\""));
    struct fc_feed *g = NULL;
    st = s ? read_mem(s, &o, &g, &err) : FC_ENOMEM;
    CHECK_INT("ext: re-read ok", st, FC_OK);
    if (!st) {
        e = find_ext(&g->exts, "colour");
        CHECK_STR("ext: unknown key back from _feedconv", e ? e->value : NULL, "\"teal\"");
        e = find_ext(&g->exts, "_blue_shed");
        CHECK_STR("ext: _blue_shed back", e ? e->value : NULL,
                  "{\"about\":\"https://blueshed.example/\",\"explicit\":false}");
        p = nth_post(g, 0);
        e = p ? find_ext(&p->exts, "mood") : NULL;
        CHECK_STR("ext: item unknown key back", e ? e->value : NULL, "7");
        fc_feed_free(g);
    }
    free(s);
    fc_feed_free(f);
}

/* A hand-written _feedconv object (not our writer's output) is read. */
static void test_feedconv_fixture(void)
{
    struct fc_options o;
    struct warns ws;
    struct fc_error err = {0};
    struct fc_feed *f = NULL;
    opts(&o, &ws);
    enum fc_status st = read_file("jsonfeed-feedconv-extension", &o, &f, &err);
    CHECK_INT("_feedconv: read ok", st, FC_OK);
    if (st)
        return;
    CHECK_INT("_feedconv: no warnings", ws.n, 0);
    CHECK_INT("_feedconv: ttl", f->ttl, 30);
    CHECK_INT("_feedconv: skip days", f->skip_days, 1u << 6);
    CHECK_STR("_feedconv: editor email", f->editor.email, "ada@millpond.example");
    CHECK_STR("_feedconv: editor name", f->editor.name, "Ada Miller");
    CHECK_INT("_feedconv: updated offset", f->updated.offset, -240);
    CHECK_INT("_feedconv: updated hour", f->updated.hour, 8);
    const struct fc_ext *e = find_ext(&f->exts, "updatePeriod");
    CHECK_STR("_feedconv: feed ext text", e ? fc_ext_text(f->arena, e) : NULL, "daily");
    CHECK_STR("_feedconv: feed ext origin unset", e ? e->origin : "x", NULL);
    struct fc_post *p = nth_post(f, 0);
    if (!p)
        return;
    CHECK_INT("_feedconv: isPermaLink", p->id_is_permalink, 0);
    CHECK_STR("_feedconv: HTML title", p->title.value, "Ducks &amp; drakes");
    CHECK_INT("_feedconv: HTML title type", p->title.type, FC_HTML);
    CHECK_STR("_feedconv: comments url", p->comments_url,
              "https://millpond.example/ducks#comments");
    CHECK_INT("_feedconv: comment count", p->comment_count, 12);
    CHECK_STR("_feedconv: comments feed", p->comments_feed, "https://millpond.example/ducks/feed/");
    CHECK_INT("_feedconv: date-only", p->published.precision, FC_TIME_DATE);
    CHECK_INT("_feedconv: date-only day", p->published.day, 1);
    const struct fc_tag *t = p->categories.first;
    CHECK_STR("_feedconv: tag 1 plain", t ? t->scheme : "x", NULL);
    t = t ? t->next : NULL;
    CHECK_STR("_feedconv: tag 2 term", t ? t->term : NULL, "water");
    CHECK_STR("_feedconv: tag 2 scheme", t ? t->scheme : NULL, "https://millpond.example/topics");
    CHECK_STR("_feedconv: tag 2 label", t ? t->label : NULL, "Water");
    CHECK_INT("_feedconv: 2 tags", p->categories.count, 2);
    e = find_ext(&p->exts, "comments");
    CHECK_STR("_feedconv: item ext", e ? fc_ext_text(p->arena, e) : NULL, "12");
    CHECK_STR("_feedconv: item ext prefix", e ? e->prefix : NULL, "slash");
    fc_feed_free(f);
}

static void test_errors(void)
{
    struct fc_options o;
    struct warns ws;
    struct fc_error err = {0};
    struct fc_feed *f = NULL;
    opts(&o, &ws);
    enum fc_status st = read_file("jsonfeed-not-a-feed-array", &o, &f, &err);
    CHECK_INT("error: array is EFORMAT", st, FC_EFORMAT);
    CHECK_INT("error: array line", err.line, 1);
    CHECK_INT("error: array column", err.column, 1);
    CHECK("error: array message", strstr(err.message, "array") != NULL);
    CHECK("error: file name", strstr(err.file, "input.json") != NULL);

    st = read_file("jsonfeed-not-a-feed-empty-object", &o, &f, &err);
    CHECK_INT("error: {} is EFORMAT", st, FC_EFORMAT);
    CHECK("error: {} message", strstr(err.message, "version") != NULL);

    st = read_file("jsonfeed-invalid-json", &o, &f, &err);
    CHECK_INT("error: invalid JSON is EPARSE", st, FC_EPARSE);
    CHECK_INT("error: invalid JSON line", err.line, 5);
    CHECK("error: invalid JSON column", err.column > 0);

    st = read_mem("", &o, &f, &err);
    CHECK_INT("error: empty input is EPARSE", st, FC_EPARSE);
    st = read_mem("\"just a string\"", &o, &f, &err);
    CHECK_INT("error: a string is EFORMAT", st, FC_EFORMAT);
    st =
        read_mem("{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": 3}", &o, &f, &err);
    CHECK_INT("error: items not an array", st, FC_EFORMAT);

    o.max_depth = 4;
    st = read_mem("{\"title\": \"t\", \"items\": [{\"id\": \"1\", \"_x\": {\"a\": [[1]]}}]}", &o,
                  &f, &err);
    CHECK_INT("error: depth limit", st, FC_ELIMIT);
    fc_options_init(&o);
    o.warn = on_warn;
    o.warn_ctx = &ws;

    ws.n = 0;
    st = read_file("jsonfeed-duplicate-key", &o, &f, &err);
    CHECK_INT("duplicate key: read ok", st, FC_OK);
    CHECK_INT("duplicate key: warned", ws.n, 1);
    CHECK("duplicate key: message", strstr(ws.last, "title") != NULL);
    CHECK_STR("duplicate key: last wins", f ? f->title.value : NULL, "Second");
    fc_feed_free(f);
    f = NULL;

    o.flags |= FC_OPT_STRICT;
    st = read_file("jsonfeed-duplicate-key", &o, &f, &err);
    CHECK_INT("strict: warning fails", st, FC_EWARN);
}

static void test_unparsable_date(void)
{
    struct fc_options o;
    struct warns ws;
    struct fc_error err = {0};
    struct fc_feed *f = NULL;
    opts(&o, &ws);
    enum fc_status st = read_file("jsonfeed-unparsable-date", &o, &f, &err);
    CHECK_INT("bad date: read ok", st, FC_OK);
    if (st)
        return;
    CHECK_INT("bad date: warned", ws.n, 1);
    struct fc_post *p = nth_post(f, 0);
    CHECK_STR("bad date: raw kept", p ? p->published.raw : NULL, "last Tuesday-ish");
    char *s = write_mem(f, &o, NULL);
    CHECK("bad date: not in date_published", s && !strstr(s, "date_published"));
    CHECK("bad date: raw in _feedconv", s && strstr(s, "\"raw\": \"last Tuesday-ish\""));
    struct fc_feed *g = NULL;
    if (s && read_mem(s, &o, &g, &err) == FC_OK) {
        p = nth_post(g, 0);
        CHECK_STR("bad date: raw back", p ? p->published.raw : NULL, "last Tuesday-ish");
        fc_feed_free(g);
    } else {
        CHECK("bad date: re-read", 0);
    }
    free(s);
    fc_feed_free(f);
}

static void test_detect(void)
{
    const struct fc_format *fmt = fc_format_find("jsonfeed");
    const char *jf = "\xEF\xBB\xBF {\n \"version\" : \"https://jsonfeed.org/version/1.1\"}";
    const char *obj = "{\"a\": 1}";
    CHECK("detect: JSON Feed bids high", fmt->detect((const unsigned char *)jf, strlen(jf)) >= 90);
    int lo = fmt->detect((const unsigned char *)obj, strlen(obj));
    CHECK("detect: any object bids low", lo > 0 && lo < 50);
    CHECK_INT("detect: array", fmt->detect((const unsigned char *)"[1]", 3), 0);
    CHECK_INT("detect: XML", fmt->detect((const unsigned char *)"<rss>", 5), 0);
    CHECK_INT("detect: empty", fmt->detect((const unsigned char *)"", 0), 0);
}

/* The writer's exact bytes for a small feed. */
static void test_writer_exact(void)
{
    struct fc_options o;
    struct warns ws;
    opts(&o, &ws);
    struct fc_feed *f = fc_feed_new();
    struct fc_post *p = fc_post_new();
    struct fc_post_item *it = f && p ? fc_list_add(f->arena, &f->posts, sizeof *it) : NULL;
    if (!it) {
        CHECK("writer: setup", 0);
        return;
    }
    it->post = p;
    fc_set(f->arena, &f->title.value, "Caf\xC3\xA9 <b>Log</b>");
    f->title.type = FC_HTML;
    fc_set(f->arena, &f->home_url, "https://cafe.example/");
    fc_set(p->arena, &p->id, "c1");
    fc_set(p->arena, &p->url, "https://cafe.example/c1");
    fc_set(p->arena, &p->content_html, "<p>\"Hi\"/</p>");
    fc_time_parse("Tue, 08 Mar 2011 04:58:07 +0100", &p->published);
    struct fc_tag *t = fc_list_add(p->arena, &p->categories, sizeof *t);
    fc_set(p->arena, &t->term, "coffee");
    p->comment_count = 3;
    enum fc_status st;
    char *s = write_mem(f, &o, &st);
    const char *want = "{\n"
                       "  \"version\": \"https://jsonfeed.org/version/1.1\",\n"
                       "  \"title\": \"Caf\xC3\xA9 Log\",\n"
                       "  \"home_page_url\": \"https://cafe.example/\",\n"
                       "  \"items\": [\n"
                       "    {\n"
                       "      \"id\": \"c1\",\n"
                       "      \"url\": \"https://cafe.example/c1\",\n"
                       "      \"content_html\": \"<p>\\\"Hi\\\"/</p>\",\n"
                       "      \"date_published\": \"2011-03-08T04:58:07+01:00\",\n"
                       "      \"tags\": [\n"
                       "        \"coffee\"\n"
                       "      ],\n"
                       "      \"_feedconv\": {\n"
                       "        \"comment_count\": 3\n"
                       "      }\n"
                       "    }\n"
                       "  ],\n"
                       "  \"_feedconv\": {\n"
                       "    \"title\": {\n"
                       "      \"type\": \"html\",\n"
                       "      \"value\": \"Caf\xC3\xA9 <b>Log</b>\"\n"
                       "    }\n"
                       "  }\n"
                       "}\n";
    CHECK_INT("writer: ok", st, FC_OK);
    CHECK_STR("writer: exact output", s, want);
    char *s2 = write_mem(f, &o, NULL);
    CHECK_STR("writer: deterministic", s2, s);
    free(s2);
    free(s);

    /* No items: "items": [] */
    f->posts = (struct fc_list){0};
    s = write_mem(f, &o, NULL);
    CHECK("writer: empty items", s && strstr(s, "\"items\": [],\n"));
    free(s);
    it->post = NULL;
    fc_post_free(p);
    fc_feed_free(f);
}

/* Missing title / id / content are synthesised, warned, and undone on read. */
static void test_writer_synth(void)
{
    struct fc_options o;
    struct warns ws;
    struct fc_error err = {0};
    opts(&o, &ws);
    struct fc_feed *f = fc_feed_new();
    struct fc_post *p = fc_post_new(), *q = fc_post_new();
    if (!f || !p || !q)
        return;
    struct fc_post_item *it = fc_list_add(f->arena, &f->posts, sizeof *it);
    struct fc_post_item *it2 = fc_list_add(f->arena, &f->posts, sizeof *it2);
    it->post = p;
    it2->post = q;
    fc_set(f->arena, &f->home_url, "https://dock.example.com/blog/");
    fc_set(p->arena, &p->url, "https://dock.example.com/blog/1");
    fc_set(p->arena, &p->summary.value, "<i>Short</i> &amp; sweet");
    p->summary.type = FC_HTML;
    fc_set(q->arena, &q->title.value, "No URL either");
    char *s = write_mem(f, &o, NULL);
    CHECK_INT("synth: warnings (title, 2 ids)", ws.n, 3);
    CHECK("synth: title from host", s && strstr(s, "\"title\": \"dock.example.com\""));
    CHECK("synth: id from url", s && strstr(s, "\"id\": \"https://dock.example.com/blog/1\""));
    CHECK("synth: hashed id", s && strstr(s, "\"id\": \"urn:feedconv:"));
    CHECK("synth: summary as text", s && strstr(s, "\"summary\": \"Short & sweet\""));
    CHECK("synth: content from summary",
          s && strstr(s, "\"content_html\": \"<i>Short</i> &amp; sweet\""));
    CHECK("synth: no empty content_text: the title stands in",
          s && strstr(s, "\"content_text\": \"No URL either\"") && !strstr(s, "\"\""));
    struct fc_feed *g = NULL;
    enum fc_status st = s ? read_mem(s, &o, &g, &err) : FC_ENOMEM;
    CHECK_INT("synth: re-read", st, FC_OK);
    if (!st) {
        CHECK_STR("synth: title absent again", g->title.value, NULL);
        struct fc_post *r = nth_post(g, 0);
        CHECK_STR("synth: id absent again", r ? r->id : "x", NULL);
        CHECK_STR("synth: content absent again", r ? r->content_html : "x", NULL);
        CHECK_STR("synth: summary HTML back", r ? r->summary.value : NULL,
                  "<i>Short</i> &amp; sweet");
        CHECK_INT("synth: summary type", r ? r->summary.type : 0, FC_HTML);
        r = nth_post(g, 1);
        CHECK_STR("synth: content_text absent again", r ? r->content_text : "x", NULL);
        fc_feed_free(g);
    }
    free(s);
    it->post = it2->post = NULL;
    fc_post_free(p);
    fc_post_free(q);
    fc_feed_free(f);
}

/* JSON Feed requires content_html or content_text: a summary-only post
 * gets its summary as content (HTML as content_html, text as
 * content_text), marked content_absent so reading drops it again; no
 * warning, as nothing is lost. */
static void test_writer_summary_only(void)
{
    struct fc_options o;
    struct warns ws;
    struct fc_error err = {0};
    opts(&o, &ws);
    struct fc_feed *f = fc_feed_new();
    struct fc_post *p = fc_post_new(), *q = fc_post_new();
    if (!f || !p || !q)
        return;
    struct fc_post_item *it = fc_list_add(f->arena, &f->posts, sizeof *it);
    struct fc_post_item *it2 = fc_list_add(f->arena, &f->posts, sizeof *it2);
    it->post = p;
    it2->post = q;
    fc_set(f->arena, &f->title.value, "Summaries");
    fc_set(p->arena, &p->id, "s-1");
    fc_set(p->arena, &p->summary.value, "Low tide at 6 & high at noon");
    fc_set(q->arena, &q->id, "s-2");
    fc_set(q->arena, &q->summary.value, "<p>Tide <b>chart</b></p>");
    q->summary.type = FC_XHTML;
    char *s = write_mem(f, &o, NULL);
    CHECK_INT("summary only: no warnings", ws.n, 0);
    CHECK("summary only: text summary -> content_text",
          s && strstr(s, "\"content_text\": \"Low tide at 6 & high at noon\""));
    CHECK("summary only: text summary kept as summary",
          s && strstr(s, "\"summary\": \"Low tide at 6 & high at noon\""));
    CHECK("summary only: XHTML summary -> content_html",
          s && strstr(s, "\"content_html\": \"<p>Tide <b>chart</b></p>\""));
    CHECK("summary only: XHTML summary as plain text",
          s && strstr(s, "\"summary\": \"Tide chart\""));
    CHECK("summary only: marked", s && strstr(s, "\"content_absent\": true"));
    struct fc_feed *g = NULL;
    enum fc_status st = s ? read_mem(s, &o, &g, &err) : FC_ENOMEM;
    CHECK_INT("summary only: re-read", st, FC_OK);
    if (!st) {
        struct fc_post *r = nth_post(g, 0);
        CHECK_STR("summary only: no content_text again", r ? r->content_text : "x", NULL);
        CHECK_STR("summary only: text summary back", r ? r->summary.value : NULL,
                  "Low tide at 6 & high at noon");
        r = nth_post(g, 1);
        CHECK_STR("summary only: no content_html again", r ? r->content_html : "x", NULL);
        CHECK_STR("summary only: XHTML summary back", r ? r->summary.value : NULL,
                  "<p>Tide <b>chart</b></p>");
        CHECK_INT("summary only: XHTML type back", r ? r->summary.type : 0, FC_XHTML);
        fc_feed_free(g);
    }
    free(s);
    it->post = it2->post = NULL;
    fc_post_free(p);
    fc_post_free(q);
    fc_feed_free(f);
}

/* Feed data that arrives after the posts is written after "items". */
static void test_writer_stream_tail(void)
{
    struct fc_options o;
    struct warns ws;
    struct fc_error err = {0};
    opts(&o, &ws);
    struct fc_output *out = NULL;
    struct fc_handler *w = NULL;
    struct fc_feed *f = fc_feed_new();
    struct fc_post *p = fc_post_new();
    if (!f || !p || fc_output_open_memory(&out, &err) ||
        fc_format_find("jsonfeed")->open_writer(out, &o, &w, &err)) {
        CHECK("stream: setup", 0);
        return;
    }
    fc_set(f->arena, &f->title.value, "Late");
    fc_set(p->arena, &p->id, "1");
    fc_set(p->arena, &p->content_text, "x");
    enum fc_status st = w->begin(w->ctx, f, &err);
    size_t n1;
    fc_output_memory(out, &n1);
    CHECK("stream: begin wrote the head", n1 > 0);
    if (!st)
        st = w->post(w->ctx, f, p, &err);
    fc_set(f->arena, &f->language, "fr");
    fc_time_parse("2020-05-06T07:08:09+02:00", &f->updated);
    if (!st)
        st = w->end(w->ctx, f, &err);
    w->destroy(w->ctx);
    CHECK_INT("stream: ok", st, FC_OK);
    const char *s = fc_output_memory(out, NULL);
    const char *items = strstr(s, "\"items\"");
    const char *lang = strstr(s, "\"language\": \"fr\"");
    CHECK("stream: language after items", items && lang && lang > items);
    CHECK("stream: updated in _feedconv", strstr(s, "\"updated\": \"2020-05-06T07:08:09+02:00\""));
    struct fc_feed *g = NULL;
    st = read_mem(s, &o, &g, &err);
    CHECK_INT("stream: output reads", st, FC_OK);
    if (!st) {
        CHECK_STR("stream: language back", g->language, "fr");
        fc_feed_free(g);
    }
    fc_output_close(out);
    fc_post_free(p);
    fc_feed_free(f);
}

static struct fc_ext *xml_el(struct fc_arena *a, struct fc_list *l, const char *ns,
                             const char *prefix, const char *name, const char *text)
{
    struct fc_ext *e = fc_list_add(a, l, sizeof *e);
    e->kind = FC_EXT_XML;
    e->origin = "rss";
    fc_set(a, &e->ns, ns);
    fc_set(a, &e->prefix, prefix);
    fc_set(a, &e->name, name);
    if (text) {
        struct fc_ext *t = fc_list_add(a, &e->children, sizeof *t);
        t->kind = FC_EXT_XML;
        fc_set(a, &t->value, text);
    }
    return e;
}

static void person(struct fc_arena *a, struct fc_person *p, const char *name, const char *email)
{
    fc_set(a, &p->name, name);
    fc_set(a, &p->email, email);
}

/* A model full of fields JSON Feed has no key for, through write + read. */
static void test_roundtrip_model(void)
{
    struct fc_options o;
    struct warns ws;
    struct fc_error err = {0};
    opts(&o, &ws);
    struct fc_feed *f = fc_feed_new();
    struct fc_post *p = fc_post_new();
    struct fc_post_item *it = f && p ? fc_list_add(f->arena, &f->posts, sizeof *it) : NULL;
    if (!it)
        return;
    it->post = p;
    struct fc_arena *a = f->arena;
    fc_set(a, &f->title.value, "Quay <i>Side</i>");
    f->title.type = FC_HTML;
    fc_set(a, &f->subtitle.value, "Boats &amp; more");
    f->subtitle.type = FC_HTML;
    fc_set(a, &f->home_url, "https://quay.example/");
    fc_set(a, &f->id, "urn:uuid:1234");
    fc_set(a, &f->rights.value, "(c) Quay");
    fc_time_parse("Mon, 01 Jan 2024 10:00:00 GMT", &f->published);
    fc_time_parse("2024-01-15", &f->updated);
    fc_set(a, &f->generator.name, "QuayPress");
    fc_set(a, &f->generator.version, "2.1");
    fc_set(a, &f->generator.uri, "https://quaypress.example/");
    person(a, &f->editor, "Ed Itor", "ed@quay.example");
    person(a, &f->webmaster, NULL, "web@quay.example");
    person(a, fc_list_add(a, &f->contributors, sizeof(struct fc_person)), "Con Trib", NULL);
    person(a, fc_list_add(a, &f->authors, sizeof(struct fc_person)), NULL, "only@mail.example");
    struct fc_tag *t = fc_list_add(a, &f->categories, sizeof *t);
    fc_set(a, &t->term, "boats");
    fc_set(a, &t->scheme, "https://quay.example/cats");
    fc_set(a, &f->image.url, "https://quay.example/logo.png");
    fc_set(a, &f->image.title, "Quay logo");
    fc_set(a, &f->image.link, "https://quay.example/");
    f->image.width = 88;
    f->image.height = 31;
    f->ttl = 60;
    fc_set(a, &f->docs, "https://www.rssboard.org/rss-specification");
    fc_set(a, &f->cloud.domain, "rpc.quay.example");
    f->cloud.port = 80;
    fc_set(a, &f->cloud.path, "/RPC2");
    fc_set(a, &f->cloud.procedure, "ping");
    fc_set(a, &f->cloud.protocol, "xml-rpc");
    f->skip_hours = (1u << 0) | (1u << 23);
    f->skip_days = (1u << 5) | (1u << 6);
    fc_set(a, &f->rating, "(PICS-1.1 ...)");
    fc_set(a, &f->text_input.title, "Search");
    fc_set(a, &f->text_input.name, "q");
    fc_set(a, &f->text_input.link, "https://quay.example/s");
    fc_set(a, &f->description_text, "A different description");
    fc_set(a, &f->base, "https://quay.example/base/");
    struct fc_link *l = fc_list_add(a, &f->links, sizeof *l);
    fc_set(a, &l->href, "https://quay.example/archive");
    fc_set(a, &l->rel, "archives");
    l->length = 99;
    struct fc_hub *h = fc_list_add(a, &f->hubs, sizeof *h);
    fc_set(a, &h->url, "https://hub.example/");
    xml_el(a, &f->exts, "http://purl.org/rss/1.0/modules/syndication/", "sy", "updatePeriod",
           "hourly");
    struct fc_ext *x = xml_el(a, &f->exts, "urn:x", "x", "thing", NULL);
    struct fc_attr *at = fc_list_add(a, &x->attrs, sizeof *at);
    fc_set(a, &at->name, "kind");
    fc_set(a, &at->value, "big");
    xml_el(a, &x->children, "urn:x", "x", "inner", "deep text");
    struct fc_ext *tn = fc_list_add(a, &x->children, sizeof *tn);
    fc_set(a, &tn->value, " tail ");
    struct fc_ext *js = fc_list_add(a, &f->exts, sizeof *js);
    js->kind = FC_EXT_JSON;
    js->origin = "markdown";
    fc_set(a, &js->name, "weight");
    fc_set(a, &js->value, "12");

    a = p->arena;
    fc_set(a, &p->id, "http://quay.example/?p=7");
    p->id_is_permalink = 0;
    fc_set(a, &p->url, "http://quay.example/7");
    fc_set(a, &p->title.value, "Tide &amp; time");
    p->title.type = FC_HTML;
    fc_set(a, &p->content_html, "<p>Body</p>");
    fc_set(a, &p->content_src, "https://quay.example/7.bin");
    fc_set(a, &p->content_type, "application/octet-stream");
    fc_time_parse("Tue, 08 Mar 2011 04:58:07 +0000", &p->published);
    fc_time_parse("2011-03-08T05:00", &p->updated);
    person(a, fc_list_add(a, &p->authors, sizeof(struct fc_person)), "roland", "r@quay.example");
    person(a, fc_list_add(a, &p->contributors, sizeof(struct fc_person)), "helper", NULL);
    t = fc_list_add(a, &p->categories, sizeof *t);
    fc_set(a, &t->term, "rdma");
    t = fc_list_add(a, &p->categories, sizeof *t);
    fc_set(a, &t->term, "ib");
    fc_set(a, &t->scheme, "https://quay.example/tags");
    fc_set(a, &t->label, "InfiniBand");
    t = fc_list_add(a, &p->categories, sizeof *t);
    fc_set(a, &t->label, "Label only");
    struct fc_media *m = fc_list_add(a, &p->attachments, sizeof *m);
    fc_set(a, &m->url, "https://quay.example/a.dat"); /* no type to guess from it */
    m->length = -1;
    m->duration = -1;
    l = fc_list_add(a, &p->links, sizeof *l);
    fc_set(a, &l->href, "https://quay.example/7/alt");
    fc_set(a, &l->rel, "alternate");
    fc_set(a, &l->type, "text/html");
    fc_set(a, &l->hreflang, "de");
    fc_set(a, &l->title, "German");
    l->length = -1;
    fc_set(a, &p->comments_url, "http://quay.example/7#comments");
    p->comment_count = 0;
    fc_set(a, &p->comments_feed, "http://quay.example/7/feed/");
    p->source = fc_alloc(a, sizeof *p->source);
    fc_set(a, &p->source->title, "Other feed");
    fc_set(a, &p->source->url, "https://other.example/feed");
    fc_time_parse("2010-01-02T03:04:05-07:00", &p->source->updated);
    fc_set(a, &p->rights.value, "CC-BY");
    fc_set(a, &p->base, "http://quay.example/");
    fc_set(a, &p->slug, "tide-time");
    p->draft = 1;
    xml_el(a, &p->exts, "http://purl.org/rss/1.0/modules/slash/", "slash", "comments", "0");

    enum fc_status st;
    char *s = write_mem(f, &o, &st);
    CHECK_INT("roundtrip: write ok", st, FC_OK);
    if (getenv("JF_DEBUG"))
        printf("%s", s ? s : "");
    struct fc_feed *g = NULL;
    st = s ? read_mem(s, &o, &g, &err) : FC_ENOMEM;
    CHECK_INT("roundtrip: read ok", st, FC_OK);
    if (st) {
        printf("# %s\n%s\n", err.message, s ? s : "");
        free(s);
        return;
    }
    CHECK("roundtrip: favicon absent", !strstr(s, "favicon"));
    CHECK("roundtrip: hub type written", strstr(s, "\"type\": \"WebSub\"") != NULL);
    char buf[64];
    CHECK_STR("rt: title", g->title.value, "Quay <i>Side</i>");
    CHECK_INT("rt: title type", g->title.type, FC_HTML);
    CHECK_STR("rt: subtitle", g->subtitle.value, "Boats &amp; more");
    CHECK_INT("rt: subtitle type", g->subtitle.type, FC_HTML);
    CHECK_STR("rt: description_text", g->description_text, "A different description");
    CHECK_STR("rt: id", g->id, "urn:uuid:1234");
    CHECK_STR("rt: rights", g->rights.value, "(c) Quay");
    time_str(&g->published, buf, sizeof buf);
    CHECK_STR("rt: published", buf, "2024-01-01T10:00:00+00:00");
    CHECK_INT("rt: published zone name", g->published.zone, FC_ZONE_NAME);
    CHECK_INT("rt: updated precision date", g->updated.precision, FC_TIME_DATE);
    CHECK_INT("rt: updated zone none", g->updated.zone, FC_ZONE_NONE);
    CHECK_INT("rt: updated day", g->updated.day, 15);
    CHECK_STR("rt: generator", g->generator.name, "QuayPress");
    CHECK_STR("rt: generator version", g->generator.version, "2.1");
    CHECK_STR("rt: generator uri", g->generator.uri, "https://quaypress.example/");
    CHECK_STR("rt: editor", g->editor.email, "ed@quay.example");
    CHECK_STR("rt: editor name", g->editor.name, "Ed Itor");
    CHECK_STR("rt: webmaster", g->webmaster.email, "web@quay.example");
    CHECK_STR("rt: webmaster name", g->webmaster.name, NULL);
    const struct fc_person *pp = g->contributors.first;
    CHECK_STR("rt: contributor", pp ? pp->name : NULL, "Con Trib");
    pp = g->authors.first;
    CHECK_STR("rt: email-only author name", pp ? pp->name : "x", NULL);
    CHECK_STR("rt: email-only author email", pp ? pp->email : NULL, "only@mail.example");
    t = g->categories.first;
    CHECK_STR("rt: feed category", t ? t->term : NULL, "boats");
    CHECK_STR("rt: feed category scheme", t ? t->scheme : NULL, "https://quay.example/cats");
    CHECK_STR("rt: image url", g->image.url, "https://quay.example/logo.png");
    CHECK_STR("rt: image title", g->image.title, "Quay logo");
    CHECK_STR("rt: image link", g->image.link, "https://quay.example/");
    CHECK_INT("rt: image width", g->image.width, 88);
    CHECK_INT("rt: image height", g->image.height, 31);
    CHECK_INT("rt: ttl", g->ttl, 60);
    CHECK_STR("rt: docs", g->docs, "https://www.rssboard.org/rss-specification");
    CHECK_STR("rt: cloud domain", g->cloud.domain, "rpc.quay.example");
    CHECK_INT("rt: cloud port", g->cloud.port, 80);
    CHECK_STR("rt: cloud path", g->cloud.path, "/RPC2");
    CHECK_STR("rt: cloud procedure", g->cloud.procedure, "ping");
    CHECK_STR("rt: cloud protocol", g->cloud.protocol, "xml-rpc");
    CHECK_INT("rt: skip hours", g->skip_hours, (1u << 0) | (1u << 23));
    CHECK_INT("rt: skip days", g->skip_days, (1u << 5) | (1u << 6));
    CHECK_STR("rt: rating", g->rating, "(PICS-1.1 ...)");
    CHECK_STR("rt: textInput title", g->text_input.title, "Search");
    CHECK_STR("rt: textInput name", g->text_input.name, "q");
    CHECK_STR("rt: textInput link", g->text_input.link, "https://quay.example/s");
    CHECK_STR("rt: base", g->base, "https://quay.example/base/");
    l = g->links.first;
    CHECK_STR("rt: link href", l ? l->href : NULL, "https://quay.example/archive");
    CHECK_STR("rt: link rel", l ? l->rel : NULL, "archives");
    CHECK_INT("rt: link length", l ? l->length : 0, 99);
    h = g->hubs.first;
    CHECK_STR("rt: hub type absent again", h ? h->type : "x", NULL);
    CHECK_STR("rt: hub url", h ? h->url : NULL, "https://hub.example/");
    CHECK_INT("rt: 3 feed exts", g->exts.count, 3);
    const struct fc_ext *e = find_ext(&g->exts, "updatePeriod");
    CHECK_STR("rt: sy ns", e ? e->ns : NULL, "http://purl.org/rss/1.0/modules/syndication/");
    CHECK_STR("rt: sy prefix", e ? e->prefix : NULL, "sy");
    CHECK_STR("rt: sy origin", e ? e->origin : NULL, "rss");
    CHECK_INT("rt: sy kind", e ? (int)e->kind : -1, FC_EXT_XML);
    CHECK_STR("rt: sy text", e ? fc_ext_text(g->arena, e) : NULL, "hourly");
    e = find_ext(&g->exts, "thing");
    const struct fc_attr *ga = e ? e->attrs.first : NULL;
    CHECK_STR("rt: attr", ga ? ga->value : NULL, "big");
    CHECK_STR("rt: attr name", ga ? ga->name : NULL, "kind");
    const struct fc_ext *c = e ? e->children.first : NULL;
    CHECK_STR("rt: child element", c ? c->name : NULL, "inner");
    CHECK_STR("rt: child text", c ? fc_ext_text(g->arena, c) : NULL, "deep text");
    c = c ? c->next : NULL;
    CHECK("rt: text node", c && !c->name && c->kind == FC_EXT_XML);
    CHECK_STR("rt: text node value", c ? c->value : NULL, " tail ");
    e = find_ext(&g->exts, "weight");
    CHECK_INT("rt: json ext kind", e ? (int)e->kind : -1, FC_EXT_JSON);
    CHECK_STR("rt: json ext origin", e ? e->origin : NULL, "markdown");
    CHECK_STR("rt: json ext value", e ? e->value : NULL, "12");

    struct fc_post *q = nth_post(g, 0);
    if (!q) {
        CHECK("rt: post", 0);
        return;
    }
    CHECK_STR("rt: post id", q->id, "http://quay.example/?p=7");
    CHECK_INT("rt: isPermaLink", q->id_is_permalink, 0);
    CHECK_STR("rt: post title", q->title.value, "Tide &amp; time");
    CHECK_INT("rt: post title type", q->title.type, FC_HTML);
    CHECK_STR("rt: content_src", q->content_src, "https://quay.example/7.bin");
    CHECK_STR("rt: content_type", q->content_type, "application/octet-stream");
    time_str(&q->published, buf, sizeof buf);
    CHECK_STR("rt: published", buf, "2011-03-08T04:58:07+00:00");
    CHECK_INT("rt: updated precision minute", q->updated.precision, FC_TIME_MINUTE);
    CHECK_INT("rt: updated zone none", q->updated.zone, FC_ZONE_NONE);
    pp = q->authors.first;
    CHECK_STR("rt: author name", pp ? pp->name : NULL, "roland");
    CHECK_STR("rt: author email", pp ? pp->email : NULL, "r@quay.example");
    pp = q->contributors.first;
    CHECK_STR("rt: post contributor", pp ? pp->name : NULL, "helper");
    CHECK_INT("rt: 3 categories", q->categories.count, 3);
    t = q->categories.first;
    CHECK_STR("rt: cat 1", t ? t->term : NULL, "rdma");
    CHECK_STR("rt: cat 1 scheme", t ? t->scheme : "x", NULL);
    t = t ? t->next : NULL;
    CHECK_STR("rt: cat 2", t ? t->term : NULL, "ib");
    CHECK_STR("rt: cat 2 scheme", t ? t->scheme : NULL, "https://quay.example/tags");
    CHECK_STR("rt: cat 2 label", t ? t->label : NULL, "InfiniBand");
    t = t ? t->next : NULL;
    CHECK_STR("rt: cat 3 no term", t ? t->term : "x", NULL);
    CHECK_STR("rt: cat 3 label", t ? t->label : NULL, "Label only");
    m = q->attachments.first;
    CHECK_STR("rt: attachment type absent again", m ? m->type : "x", NULL);
    CHECK_INT("rt: attachment length", m ? m->length : 0, -1);
    l = q->links.first;
    CHECK_STR("rt: post link", l ? l->href : NULL, "https://quay.example/7/alt");
    CHECK_STR("rt: post link type", l ? l->type : NULL, "text/html");
    CHECK_STR("rt: post link hreflang", l ? l->hreflang : NULL, "de");
    CHECK_STR("rt: post link title", l ? l->title : NULL, "German");
    CHECK_INT("rt: post link length", l ? l->length : 0, -1);
    CHECK_STR("rt: comments url", q->comments_url, "http://quay.example/7#comments");
    CHECK_INT("rt: comment count 0", q->comment_count, 0);
    CHECK_STR("rt: comments feed", q->comments_feed, "http://quay.example/7/feed/");
    CHECK_STR("rt: source title", q->source ? q->source->title : NULL, "Other feed");
    CHECK_STR("rt: source url", q->source ? q->source->url : NULL, "https://other.example/feed");
    if (q->source)
        time_str(&q->source->updated, buf, sizeof buf);
    CHECK_STR("rt: source updated", q->source ? buf : NULL, "2010-01-02T03:04:05-07:00");
    CHECK_STR("rt: post rights", q->rights.value, "CC-BY");
    CHECK_STR("rt: post base", q->base, "http://quay.example/");
    CHECK_STR("rt: slug", q->slug, "tide-time");
    CHECK_INT("rt: draft", q->draft, 1);
    e = find_ext(&q->exts, "comments");
    CHECK_STR("rt: slash:comments", e ? fc_ext_text(q->arena, e) : NULL, "0");
    CHECK_STR("rt: slash ns", e ? e->ns : NULL, "http://purl.org/rss/1.0/modules/slash/");

    /* Written again: the same bytes. */
    char *s2 = write_mem(g, &o, NULL);
    CHECK_STR("rt: second write identical", s2, s);
    free(s2);
    free(s);
    fc_feed_free(g);
    it->post = NULL;
    fc_post_free(p);
    fc_feed_free(f);
}

/* The reader streams: feed keys after "items" still reach the feed (at
 * end()); "feed has no title" is only said when no title came at all. */
static void test_metadata_after_items(void)
{
    struct fc_options o;
    struct warns ws;
    struct fc_error err = {0};
    struct fc_feed *f = NULL;
    opts(&o, &ws);
    enum fc_status st = read_file("jsonfeed-metadata-after-items", &o, &f, &err);
    CHECK_INT("after items: read", st, FC_OK);
    CHECK_INT("after items: no warning", ws.n, 0);
    if (st)
        return;
    CHECK_STR("after items: title", f->title.value, "Keys In Any Order");
    CHECK_STR("after items: language", f->language, "nl");
    CHECK_STR("after items: home", f->home_url, "https://order.example/");
    CHECK_STR("after items: _feedconv rights", f->rights.value, "CC0");
    struct fc_post *p = nth_post(f, 0);
    CHECK_STR("after items: post", p ? p->id : NULL, "late-1");
    fc_feed_free(f);

    f = NULL;
    st = read_mem("{\"items\": [], \"version\": \"https://jsonfeed.org/version/1\"}", &o, &f, &err);
    CHECK_INT("version after items: read", st, FC_OK);
    CHECK_STR("version after items: 1.0", f ? f->format : NULL, "jsonfeed 1.0");
    CHECK("version after items: no-title warning", strstr(ws.last, "no title") != NULL);
    fc_feed_free(f);
}

/* Errors inside an item keep jansson's words and the document's
 * line:column (columns in characters, as jansson counts them). */
static void test_stream_errors(void)
{
    struct fc_options o;
    struct warns ws;
    struct fc_error err = {0};
    struct fc_feed *f = NULL;
    opts(&o, &ws);
    enum fc_status st = read_file("jsonfeed-error-in-later-item", &o, &f, &err);
    CHECK_INT("later item: EPARSE", st, FC_EPARSE);
    CHECK_INT("later item: line", err.line, 7);
    CHECK_INT("later item: column", err.column, 56);
    CHECK("later item: jansson's words", strstr(err.message, "'}' expected near '\"here\"'"));

    st = read_mem("{\"items\": [{\"id\": \"1\", \"content_text\": \"x\"}], \"t\": 1} x", &o, &f,
                  &err);
    CHECK_INT("trailing junk: EPARSE", st, FC_EPARSE);
    CHECK("trailing junk: words", strstr(err.message, "end of file expected near 'x'"));
    CHECK_INT("trailing junk: column", err.column, 55);

    st = read_mem("{\"items\": [1x]}", &o, &f, &err);
    CHECK_INT("bad item token: EPARSE", st, FC_EPARSE);
    CHECK("bad item token: words", strstr(err.message, "']' expected near 'x'"));
    CHECK_INT("bad item token: column", err.column, 13);

    st = read_mem("{\"title\": \"t\", \"items\": [{\"id\": \"1\", \"content_text\": \"x\"}", &o, &f,
                  &err);
    CHECK_INT("truncated: EPARSE", st, FC_EPARSE);
    CHECK("truncated: end of file", strstr(err.message, "end of file"));

    o.max_depth = 5;
    st = read_mem("{\"items\": [], \"_x\": [[[[[[1]]]]]]}", &o, &f, &err);
    CHECK_INT("deep after items: ELIMIT", st, FC_ELIMIT);
    CHECK_INT("deep after items: line", err.line, 1);
    CHECK_INT("deep after items: column of the bracket", err.column, 25);
}

/* Every escape decodes (the reader checks the decoded length of every
 * string against the text: a wrong count would be a false ENOMEM). */
static void test_string_escapes(void)
{
    struct fc_options o;
    struct warns ws;
    struct fc_error err = {0};
    struct fc_feed *f = NULL;
    opts(&o, &ws);
    enum fc_status st = read_file("jsonfeed-string-escapes", &o, &f, &err);
    CHECK_INT("escapes: read", st, FC_OK);
    if (st)
        return;
    CHECK_STR("escapes: feed title", f->title.value, "Esc\"apes");
    struct fc_post *p = nth_post(f, 0);
    CHECK_STR("escapes: title", p ? p->title.value : NULL, "quote \" slash / back \\ tab \t nl \n");
    CHECK_STR("escapes: \\u, surrogates", p ? p->content_text : NULL,
              "e\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 \xe2\x80\xa8 end");
    CHECK_STR("escapes: url", p ? p->url : NULL, "https://esc.example/a/b");
    fc_feed_free(f);
}

/* The writer's string escaper prints what jansson printed: \" \\ and the
 * short escapes, \u00XX for other controls, "/", DEL, U+2028 as is. */
static void test_writer_escapes(void)
{
    struct fc_options o;
    struct warns ws;
    opts(&o, &ws);
    struct fc_feed *f = fc_feed_new();
    struct fc_post *p = fc_post_new();
    if (!f || !p) {
        CHECK("escaper: setup", 0);
        return;
    }
    char all[160];
    size_t n = 0;
    for (int c = 1; c < 0x20; c++)
        all[n++] = (char)c;
    memcpy(all + n, "\"\\/\x7f\xe2\x80\xa8\xc3\xa9", 10);
    all[n + 10] = '\0';
    fc_set(f->arena, &f->title.value, "T");
    fc_set(p->arena, &p->id, "1");
    fc_set(p->arena, &p->content_text, all);
    struct fc_post_item *it = fc_list_add(f->arena, &f->posts, sizeof *it);
    if (it)
        it->post = p;
    enum fc_status st;
    char *s = write_mem(f, &o, &st);
    CHECK_INT("escaper: write", st, FC_OK);
    const char *want =
        "\"content_text\": \"\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000B"
        "\\f\\r\\u000E\\u000F\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018"
        "\\u0019\\u001A\\u001B\\u001C\\u001D\\u001E\\u001F\\\"\\\\/\x7f\xe2\x80\xa8\xc3\xa9\"";
    CHECK("escaper: bytes", s && strstr(s, want));
    if (s && !strstr(s, want))
        printf("# got: %s\n", s);
    free(s);
    if (!it)
        fc_post_free(p);
    fc_feed_free(f);
}

int main(void)
{
    test_all_fields();
    test_v10_author();
    test_ext_keys();
    test_feedconv_fixture();
    test_errors();
    test_unparsable_date();
    test_detect();
    test_writer_exact();
    test_writer_synth();
    test_writer_summary_only();
    test_writer_stream_tail();
    test_roundtrip_model();
    test_metadata_after_items();
    test_stream_errors();
    test_string_escapes();
    test_writer_escapes();
    return CHECK_DONE();
}
