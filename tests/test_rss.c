/*
 * test_rss.c - the RSS family reader and the RSS 2.0 writer: every element
 * read from the hand-written fixtures/rss-* inputs (2.0, 0.90, 0.91, 0.92,
 * 1.0), module namespaces and the rules that pick between sources,
 * extensions, errors with positions, the writer's output for model
 * fields, namespaces declared only when used, the WordPress fixture as a
 * fixed point, xml:base resolution (and the HTML URL rewriter), and items
 * skipped with FC_OPT_KEEP_GOING.
 */
#include "check.h"
#include "testlib.h"
#include "syntax/xml_ns.h"
#include "internal.h"
#include "util/html_urls.h"

#include <stdlib.h>
#include <unistd.h>

#ifndef FC_ROOT
#define FC_ROOT "."
#endif

struct warns {
    int n;
    unsigned long line;
    char last[512];
};

static void on_warn(void *ctx, const struct fc_error *w)
{
    struct warns *ws = ctx;
    ws->n++;
    ws->line = w->line;
    snprintf(ws->last, sizeof ws->last, "%s", w->message);
}

static void opts(struct fc_options *o, struct warns *ws)
{
    fc_options_init(o);
    memset(ws, 0, sizeof *ws);
    o->warn = on_warn;
    o->warn_ctx = ws;
}

static enum fc_status read_path(const char *path, struct fc_options *o, struct fc_feed **f,
                                struct fc_error *err)
{
    return tl_read_path(path, fc_format_find("rss"), o, f, err);
}

static enum fc_status read_fx(const char *fixture, struct fc_options *o, struct fc_feed **f,
                              struct fc_error *err)
{
    char path[512];
    snprintf(path, sizeof path, "%s/fixtures/%s/input.xml", FC_ROOT, fixture);
    return read_path(path, o, f, err);
}

static enum fc_status read_mem(const char *xml, size_t n, struct fc_options *o, struct fc_feed **f,
                               struct fc_error *err)
{
    return tl_read_mem(xml, n, "mem.xml", fc_format_find("rss"), o, f, err);
}

/* Write a feed as RSS to memory; a malloc'd copy of the text or NULL. */
static char *write_mem(const struct fc_feed *f, struct fc_options *o, enum fc_status *stp)
{
    return tl_write_mem(f, fc_format_find("rss"), o, stp, NULL);
}

static struct fc_post *post_at(const struct fc_feed *f, size_t i)
{
    return tl_post_at(f, i);
}

static void *nth(const struct fc_list *l, size_t i)
{
    struct fc_tag *e = l->first; /* any element: `next` comes first */
    while (e && i--)
        e = e->next;
    return e;
}

static const char *rfc3339(const struct fc_time *t, char *buf)
{
    return fc_time_rfc3339(t, buf, 64) ? buf : NULL;
}

static int count(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = hay; p && (p = strstr(p, needle)) != NULL; p++)
        n++;
    return n;
}

/* ------------------------------------------------------------------ */

static void test_every_element(void)
{
    struct fc_options o;
    struct warns ws;
    struct fc_error err = {0};
    struct fc_feed *f = NULL;
    char t[64];
    opts(&o, &ws);
    enum fc_status st = read_fx("rss-every-element", &o, &f, &err);
    CHECK_INT("every-element: reads", st, FC_OK);
    if (st) {
        printf("# %s\n", err.message);
        return;
    }
    CHECK_STR("every-element: format", f->format, "rss 2.0");
    CHECK_STR("every-element: title", f->title.value, "Harbour Notes");
    CHECK_STR("every-element: link", f->home_url, "https://harbour.example/");
    CHECK_STR("every-element: description", f->subtitle.value,
              "Tides, boats & the people who mend them");
    CHECK_INT("every-element: description is text", f->subtitle.type, FC_TEXT);
    CHECK_STR("every-element: language", f->language, "en-gb");
    CHECK_STR("every-element: copyright", f->rights.value, "Copyright 2023 Mara Quill");
    CHECK_STR("every-element: managingEditor email", f->editor.email, "editor@harbour.example");
    CHECK_STR("every-element: managingEditor name", f->editor.name, "Mara Quill");
    CHECK_STR("every-element: webMaster email", f->webmaster.email, "web@harbour.example");
    CHECK_STR("every-element: webMaster name", f->webmaster.name, "Tobin Reed");
    CHECK_STR("every-element: pubDate keeps offset", rfc3339(&f->published, t),
              "2023-01-02T08:00:00+01:00");
    CHECK_STR("every-element: lastBuildDate keeps offset", rfc3339(&f->updated, t),
              "2023-01-03T09:30:15-05:00");
    CHECK_INT("every-element: 2 categories", f->categories.count, 2);
    struct fc_tag *c0 = nth(&f->categories, 0), *c1 = nth(&f->categories, 1);
    CHECK_STR("every-element: category term", c0 ? c0->term : NULL, "Boats/Repair");
    CHECK_STR("every-element: category domain", c0 ? c0->scheme : NULL,
              "https://harbour.example/topics");
    CHECK_STR("every-element: category without domain", c1 ? c1->scheme : "x", NULL);
    CHECK_STR("every-element: generator", f->generator.name, "Quayside 4.2");
    CHECK_STR("every-element: docs", f->docs, "https://www.rssboard.org/rss-specification");
    CHECK_STR("every-element: cloud domain", f->cloud.domain, "rpc.harbour.example");
    CHECK_INT("every-element: cloud port", f->cloud.port, 8080);
    CHECK_STR("every-element: cloud path", f->cloud.path, "/RPC2");
    CHECK_STR("every-element: cloud registerProcedure", f->cloud.procedure, "pingMe");
    CHECK_STR("every-element: cloud protocol", f->cloud.protocol, "xml-rpc");
    CHECK_INT("every-element: ttl", f->ttl, 45);
    CHECK_STR("every-element: image url", f->image.url, "https://harbour.example/logo.png");
    CHECK_STR("every-element: image title", f->image.title, "Harbour Notes");
    CHECK_STR("every-element: image link", f->image.link, "https://harbour.example/");
    CHECK_INT("every-element: image width", f->image.width, 88);
    CHECK_INT("every-element: image height", f->image.height, 31);
    CHECK_STR("every-element: image description", f->image.description, "A lighthouse in blue");
    CHECK("every-element: rating", f->rating && strncmp(f->rating, "(PICS-1.1", 9) == 0);
    CHECK_STR("every-element: textInput title", f->text_input.title, "Search");
    CHECK_STR("every-element: textInput description", f->text_input.description,
              "Search the notes");
    CHECK_STR("every-element: textInput name", f->text_input.name, "q");
    CHECK_STR("every-element: textInput link", f->text_input.link,
              "https://harbour.example/search");
    CHECK_INT("every-element: skipHours", f->skip_hours, (1u << 0) | (1u << 1) | (1u << 23));
    CHECK_INT("every-element: skipDays (Monday = bit 0)", f->skip_days, (1u << 5) | (1u << 6));
    CHECK_INT("every-element: no extensions", f->exts.count, 0);
    CHECK_INT("every-element: 2 items", f->posts.count, 2);
    CHECK_INT("every-element: no warnings", ws.n, 0);

    struct fc_post *p = post_at(f, 0);
    if (!p)
        goto out;
    CHECK_STR("item: title", p->title.value, "Caulking the old skiff");
    CHECK_STR("item: link", p->url, "https://harbour.example/2023/01/skiff");
    CHECK_STR("item: description (entity-escaped HTML)", p->summary.value,
              "<p>Oakum, cotton and <em>patience</em>.</p>");
    CHECK_INT("item: description is HTML", p->summary.type, FC_HTML);
    CHECK_STR("item: no content:encoded", p->content_html, NULL);
    struct fc_person *a = p->authors.first;
    CHECK_STR("item: author email", a ? a->email : NULL, "mara@harbour.example");
    CHECK_STR("item: author name", a ? a->name : NULL, "Mara Quill");
    CHECK_INT("item: 2 categories", p->categories.count, 2);
    struct fc_tag *pc = p->categories.first;
    CHECK_STR("item: category domain", pc ? pc->scheme : NULL, "https://harbour.example/topics");
    CHECK_STR("item: comments", p->comments_url, "https://harbour.example/2023/01/skiff#comments");
    struct fc_media *m = p->attachments.first;
    CHECK_STR("item: enclosure url", m ? m->url : NULL, "https://harbour.example/audio/skiff.mp3");
    CHECK_INT("item: enclosure length", m ? m->length : 0, 1234567);
    CHECK_STR("item: enclosure type", m ? m->type : NULL, "audio/mpeg");
    CHECK_STR("item: guid", p->id, "https://harbour.example/2023/01/skiff");
    CHECK_INT("item: guid isPermaLink true", p->id_is_permalink, 1);
    CHECK_STR("item: pubDate", rfc3339(&p->published, t), "2023-01-02T07:45:00+01:00");
    CHECK_STR("item: source url", p->source ? p->source->url : NULL,
              "https://tides.example/feed.xml");
    CHECK_STR("item: source title", p->source ? p->source->title : NULL, "Tide Tables Weekly");
    CHECK_INT("item: position line", p->line, 44);
    p = post_at(f, 1);
    if (p) {
        CHECK_STR("item 2: guid", p->id, "harbour-note-0042");
        CHECK_INT("item 2: isPermaLink false", p->id_is_permalink, 0);
        CHECK_STR("item 2: no url from a non-permalink guid", p->url, NULL);
        CHECK_STR("item 2: GMT date", rfc3339(&p->published, t), "2023-01-01T18:00:00+00:00");
    }

    /* and back: every element written, read back the same */
    enum fc_status wst;
    char *xml = write_mem(f, &o, &wst);
    CHECK_INT("every-element: writes", wst, FC_OK);
    if (xml) {
        CHECK("writer: cloud attributes",
              strstr(xml, "<cloud domain=\"rpc.harbour.example\" port=\"8080\" path=\"/RPC2\" "
                          "registerProcedure=\"pingMe\" protocol=\"xml-rpc\"/>") != NULL);
        CHECK("writer: skipDays", strstr(xml, "<day>Saturday</day>") != NULL);
        CHECK("writer: managingEditor",
              strstr(xml, "<managingEditor>editor@harbour.example (Mara Quill)</managingEditor>"));
        CHECK("writer: RFC 822 date with its offset",
              strstr(xml, "<lastBuildDate>Tue, 03 Jan 2023 09:30:15 -0500</lastBuildDate>"));
        CHECK("writer: guid isPermaLink",
              strstr(xml, "<guid isPermaLink=\"false\">harbour-note-0042</guid>"));
        CHECK("writer: enclosure",
              strstr(xml, "<enclosure url=\"https://harbour.example/audio/skiff.mp3\" "
                          "length=\"1234567\" type=\"audio/mpeg\"/>"));
        CHECK("writer: no namespace declared when none is used", !strstr(xml, "xmlns"));
        struct fc_feed *g = NULL;
        st = read_mem(xml, strlen(xml), &o, &g, &err);
        CHECK_INT("every-element: output reads back", st, FC_OK);
        if (g) {
            CHECK_STR("round trip: description", g->subtitle.value, f->subtitle.value);
            CHECK_INT("round trip: skipHours", g->skip_hours, f->skip_hours);
            CHECK_STR("round trip: textInput link", g->text_input.link, f->text_input.link);
            CHECK_INT("round trip: image height", g->image.height, 31);
            struct fc_post *q = post_at(g, 0);
            CHECK_STR("round trip: item summary", q ? q->summary.value : NULL,
                      "<p>Oakum, cotton and <em>patience</em>.</p>");
            CHECK_STR("round trip: source", q && q->source ? q->source->title : NULL,
                      "Tide Tables Weekly");
        }
        fc_feed_free(g);
        free(xml);
    }
out:
    fc_feed_free(f);
}

static void test_091(void)
{
    struct fc_options o;
    struct warns ws;
    struct fc_error err = {0};
    struct fc_feed *f = NULL;
    opts(&o, &ws);
    CHECK_INT("rss-091: reads", read_fx("rss-091", &o, &f, &err), FC_OK);
    if (!f)
        return;
    CHECK_STR("rss-091: format", f->format, "rss 0.91");
    CHECK_STR("rss-091: title", f->title.value, "Lantern Works");
    CHECK_STR("rss-091: link", f->home_url, "http://lantern.example/");
    CHECK_STR("rss-091: language", f->language, "en-us");
    CHECK_STR("rss-091: image url", f->image.url, "http://lantern.example/lamp.gif");
    CHECK_STR("rss-091: lowercase textinput", f->text_input.name, "s");
    CHECK_INT("rss-091: 2 items", f->posts.count, 2);
    struct fc_post *p = post_at(f, 0);
    CHECK_STR("rss-091: item title (character reference)", p ? p->title.value : NULL,
              "Brass polishing, caf\xc3\xa9 style");
    CHECK_STR("rss-091: item link", p ? p->url : NULL, "http://lantern.example/brass.html");
    CHECK_STR("rss-091: item description", p ? p->summary.value : NULL,
              "Vinegar, salt and flour make a paste.");
    CHECK_STR("rss-091: no id", p ? p->id : "x", NULL);
    fc_feed_free(f);
}

static void test_092_090(void)
{
    struct fc_options o;
    struct warns ws;
    struct fc_error err = {0};
    struct fc_feed *f = NULL;
    opts(&o, &ws);
    CHECK_INT("rss-092: reads", read_fx("rss-092", &o, &f, &err), FC_OK);
    if (f) {
        struct fc_post *p = post_at(f, 0);
        CHECK_STR("rss-092: format", f->format, "rss 0.92");
        CHECK_STR("rss-092: item without title", p ? p->title.value : "x", NULL);
        CHECK_STR("rss-092: description", p ? p->summary.value : NULL,
                  "Grafting season opens with rain.");
        struct fc_tag *c = p ? p->categories.first : NULL;
        CHECK_STR("rss-092: category domain", c ? c->scheme : NULL, "http://orchard.example/cats");
        CHECK_INT("rss-092: enclosure", p ? p->attachments.count : 0, 1);
        CHECK_STR("rss-092: source", p && p->source ? p->source->url : NULL,
                  "http://fruit.example/rss");
        fc_feed_free(f);
    }
    f = NULL;
    CHECK_INT("rss-090: reads", read_fx("rss-090", &o, &f, &err), FC_OK);
    if (f) {
        struct fc_post *p = post_at(f, 0);
        CHECK_STR("rss-090: format", f->format, "rss 0.90");
        CHECK_STR("rss-090: title", f->title.value, "Kite Club");
        CHECK_STR("rss-090: description", f->subtitle.value, "Lines, spars and wind");
        CHECK_STR("rss-090: image beside the channel", f->image.url,
                  "http://kites.example/kite.gif");
        CHECK_STR("rss-090: item title", p ? p->title.value : NULL, "Delta kites for beginners");
        CHECK_STR("rss-090: item link", p ? p->url : NULL, "http://kites.example/delta");
        fc_feed_free(f);
    }
}

static void test_rdf(void)
{
    struct fc_options o;
    struct warns ws;
    struct fc_error err = {0};
    struct fc_feed *f = NULL;
    char t[64];
    opts(&o, &ws);
    CHECK_INT("rss-10-rdf: reads", read_fx("rss-10-rdf", &o, &f, &err), FC_OK);
    if (!f)
        return;
    CHECK_STR("rss-10-rdf: format", f->format, "rss 1.0");
    CHECK_STR("rss-10-rdf: title", f->title.value, "Beehive Log");
    CHECK_STR("rss-10-rdf: id from rdf:about", f->id, "http://beehive.example/rss");
    CHECK_STR("rss-10-rdf: dc:language", f->language, "fr");
    CHECK_STR("rss-10-rdf: dc:rights", f->rights.value, "CC BY 4.0");
    CHECK_STR("rss-10-rdf: dc:date -> updated", rfc3339(&f->updated, t),
              "2022-06-01T10:00:00+02:00");
    struct fc_person *a = f->authors.first;
    CHECK_STR("rss-10-rdf: dc:creator -> author", a ? a->name : NULL, "Ines Morel");
    CHECK_STR("rss-10-rdf: image beside the channel", f->image.url,
              "http://beehive.example/bee.png");
    CHECK_STR("rss-10-rdf: textinput after the items", f->text_input.name, "q");
    struct fc_ext *e = f->exts.first;
    CHECK_STR("rss-10-rdf: sy:updatePeriod kept", e ? e->name : NULL, "updatePeriod");
    CHECK_INT("rss-10-rdf: only sy kept (items / refs are structure)", f->exts.count, 1);
    CHECK_INT("rss-10-rdf: 2 items", f->posts.count, 2);
    struct fc_post *p = post_at(f, 0);
    if (p) {
        CHECK_STR("rss-10-rdf: item id from rdf:about", p->id, "http://beehive.example/swarm");
        CHECK_STR("rss-10-rdf: item link", p->url, "http://beehive.example/swarm");
        CHECK_STR("rss-10-rdf: dc:date -> published", rfc3339(&p->published, t),
                  "2022-05-30T12:05:00+02:00");
        CHECK_STR("rss-10-rdf: content:encoded", p->content_html,
                  "<p>They left at <b>noon</b>.</p>");
        CHECK_STR("rss-10-rdf: description", p->summary.value, "They left at noon.");
        struct fc_tag *c = p->categories.first;
        CHECK_STR("rss-10-rdf: dc:subject", c ? c->term : NULL, "swarming");
    }
    p = post_at(f, 1);
    CHECK_INT("rss-10-rdf: a date stays a date", p ? p->published.precision : 0, FC_TIME_DATE);
    fc_feed_free(f);
}

static void test_dc(void)
{
    struct fc_options o;
    struct warns ws;
    struct fc_error err = {0};
    struct fc_feed *f = NULL;
    char t[64];
    opts(&o, &ws);
    CHECK_INT("rss-dc-namespace: reads", read_fx("rss-dc-namespace", &o, &f, &err), FC_OK);
    if (!f)
        return;
    CHECK_STR("dc: channel dc:language", f->language, "de");
    CHECK_STR("dc: channel dc:rights", f->rights.value, "All rights reserved");
    struct fc_post *p = post_at(f, 0);
    if (p) {
        CHECK_INT("dc: two dc:creator", p->authors.count, 2);
        struct fc_person *b = nth(&p->authors, 1);
        CHECK_STR("dc: second creator", b ? b->name : NULL, "Lena Fuchs");
        CHECK_STR("dc: dc:date when no pubDate", rfc3339(&p->published, t), "2021-11-05T14:30:00Z");
        CHECK_STR("dc: dc:language", p->language, "de-at");
        CHECK_STR("dc: dc:rights", p->rights.value, "CC0");
        CHECK_INT("dc: dc:subject", p->categories.count, 1);
    }
    p = post_at(f, 1);
    if (p) {
        CHECK_INT("dc: author + same dc:creator = one person", p->authors.count, 1);
        struct fc_person *a = p->authors.first;
        CHECK_STR("dc: the author keeps the email", a ? a->email : NULL, "jonas@rope.example");
        CHECK_STR("dc: pubDate beats dc:date", rfc3339(&p->published, t),
                  "2021-11-05T15:00:00+00:00");
    }
    /* writer: authors without email go to dc:creator, with one to author */
    char *xml = write_mem(f, &o, NULL);
    if (xml) {
        CHECK_INT("dc writer: dc:creator for names", count(xml, "<dc:creator>"), 2);
        CHECK("dc writer: author with email",
              strstr(xml, "<author>jonas@rope.example (Jonas Weber)</author>"));
        CHECK("dc writer: dc namespace declared", strstr(xml, "xmlns:dc=\"" FC_NS_DC "\""));
        CHECK("dc writer: dc:language", strstr(xml, "<dc:language>de-at</dc:language>"));
        free(xml);
    }
    fc_feed_free(f);
}

static void test_extensions(void)
{
    struct fc_options o;
    struct warns ws;
    struct fc_error err = {0};
    struct fc_feed *f = NULL;
    opts(&o, &ws);
    CHECK_INT("rss-extensions: reads", read_fx("rss-extensions", &o, &f, &err), FC_OK);
    if (!f)
        return;
    CHECK_INT("ext: 3 feed extensions in order", f->exts.count, 3);
    struct fc_ext *e = f->exts.first;
    if (e) {
        CHECK_STR("ext: sy namespace", e->ns, FC_NS_SY);
        CHECK_STR("ext: sy prefix", e->prefix, "sy");
        CHECK_STR("ext: origin", e->origin, "rss");
        struct fc_ext *txt = e->children.first;
        CHECK_STR("ext: text node", txt ? txt->value : NULL, "weekly");
        CHECK_STR("ext: text node has no name", txt ? txt->name : "x", NULL);
    }
    struct fc_ext *fl = nth(&f->exts, 2);
    CHECK_STR("ext: unknown RSS element kept", fl ? fl->name : NULL, "flavour");
    CHECK_STR("ext: without namespace", fl ? fl->ns : "x", NULL);
    struct fc_post *p = post_at(f, 0);
    CHECK_INT("ext: geo:lat the only item extension", p ? p->exts.count : 0, 1);
    /* Media RSS has homes in the model (syntax/xml_podcast.h) */
    const struct fc_media *mc = p ? p->attachments.first : NULL;
    if (mc) {
        CHECK_INT("media: media:content", mc->kind, FC_MEDIA_CONTENT);
        CHECK_STR("media: url", mc->url, "https://maps.example/1832.jpg");
        CHECK_STR("media: medium", mc->medium, "image");
        CHECK_STR("media: no type, none guessed (optional in Media RSS)", mc->type, NULL);
        const struct fc_media_meta *mm = mc->meta;
        CHECK_STR("media: its title", mm ? mm->title.value : NULL, "Coast survey sheet");
        const struct fc_media_credit *cr = mm ? mm->credits.first : NULL;
        CHECK_STR("media: its credit", cr ? cr->name : NULL, "Admiralty");
        CHECK_STR("media: the credit's role", cr ? cr->role : NULL, "author");
    } else {
        CHECK("media: item media:content present", 0);
    }
    char *xml = write_mem(f, &o, NULL);
    if (xml) {
        CHECK("ext writer: sy at the root",
              strstr(xml, "xmlns:sy=\"" FC_NS_SY "\"") != NULL &&
                  strstr(xml, "<sy:updatePeriod>weekly</sy:updatePeriod>") != NULL);
        CHECK("ext writer: nested with attributes",
              strstr(xml, "<media:credit role=\"author\">Admiralty</media:credit>") != NULL);
        /* RSS 2.0 takes undescribed elements only in a namespace */
        CHECK("ext writer: no-namespace element dropped", !strstr(xml, "flavour"));
        CHECK("ext writer: the namespaced one after it kept",
              strstr(xml, "<sy:updateFrequency>2</sy:updateFrequency>") != NULL);
        CHECK_INT("ext writer: the drop warned about once", ws.n, 1);
        CHECK("ext writer: the warning says why",
              strstr(ws.last, "elements in no namespace are not RSS 2.0") != NULL);
        free(xml);
    }
    fc_feed_free(f);
}

static void test_enclosures_links(void)
{
    struct fc_options o;
    struct warns ws;
    struct fc_error err = {0};
    struct fc_feed *f = NULL;
    opts(&o, &ws);
    CHECK_INT("rss-enclosures: reads", read_fx("rss-enclosures", &o, &f, &err), FC_OK);
    struct fc_post *p = f ? post_at(f, 0) : NULL;
    if (p) {
        CHECK_INT("enclosures: 3, a list", p->attachments.count, 3);
        struct fc_media *m = nth(&p->attachments, 1);
        CHECK_STR("enclosures: second url", m ? m->url : NULL,
                  "https://choir.example/evensong.mp3");
        m = nth(&p->attachments, 2);
        CHECK_INT("enclosures: missing length is -1", m ? m->length : 0, -1);
        char *xml = write_mem(f, &o, NULL);
        CHECK_INT("enclosures writer: 3", count(xml, "<enclosure "), 3);
        CHECK("enclosures writer: unknown length as 0", xml && strstr(xml, "length=\"0\""));
        free(xml);
    }
    fc_feed_free(f);

    f = NULL;
    CHECK_INT("rss-atom-links: reads", read_fx("rss-atom-links", &o, &f, &err), FC_OK);
    if (!f)
        return;
    CHECK_STR("atom:link self", f->feed_url, "https://vane.example/feed.rss");
    struct fc_hub *h = f->hubs.first;
    CHECK_STR("atom:link hub", h ? h->url : NULL, "https://hub.example/");
    CHECK_STR("atom:link next", f->next_url, "https://vane.example/feed.rss?page=2");
    CHECK_STR("atom:link alternate -> home_url when no <link>", f->home_url,
              "https://vane.example/");
    p = post_at(f, 0);
    if (p) {
        CHECK_STR("item atom:link alternate -> url", p->url, "https://vane.example/ne");
        CHECK_STR("item atom:link related -> external_url", p->external_url,
                  "https://news.example/storm");
        CHECK_INT("guid without isPermaLink", p->id_is_permalink, -1);
        CHECK_STR("wfw:commentRSS (misspelt)", p->comments_feed,
                  "https://vane.example/ne/comments.rss");
        CHECK_INT("slash:comments", p->comment_count, 7);
    }
    p = post_at(f, 1);
    CHECK_STR("permalink guid -> url", p ? p->url : NULL, "https://vane.example/calm");
    char *xml = write_mem(f, &o, NULL);
    if (xml) {
        CHECK("links writer: self",
              strstr(xml, "<atom:link href=\"https://vane.example/feed.rss\" rel=\"self\""));
        CHECK("links writer: hub", strstr(xml, "rel=\"hub\""));
        CHECK("links writer: next", strstr(xml, "rel=\"next\""));
        CHECK("links writer: related", strstr(xml, "rel=\"related\""));
        CHECK("links writer: slash:comments", strstr(xml, "<slash:comments>7</slash:comments>"));
        CHECK("links writer: wfw:commentRss", strstr(xml, "<wfw:commentRss>"));
        CHECK("links writer: guid = url needs no isPermaLink",
              strstr(xml, "<guid>https://vane.example/calm</guid>"));
        CHECK("links writer: guid != url says false, marked as the writer's",
              strstr(xml, "<guid isPermaLink=\"false\" xmlns:fc=\"" FC_NS_FEEDCONV
                          "\" fc:synthetic=\"isPermaLink\">https://vane.example/ne-guid</guid>"));
        free(xml);
    }
    fc_feed_free(f);
}

static void test_quirks(void)
{
    struct fc_options o;
    struct warns ws;
    struct fc_error err = {0};
    struct fc_feed *f = NULL;
    opts(&o, &ws);
    CHECK_INT("rss-description-markup: reads", read_fx("rss-description-markup", &o, &f, &err),
              FC_OK);
    struct fc_post *p = f ? post_at(f, 0) : NULL;
    CHECK_STR("description markup kept as HTML", p ? p->summary.value : NULL,
              "A <b>diagonal</b> rib, see <a href=\"https://loom.example/twill\">the draft</a>.");
    fc_feed_free(f);

    f = NULL;
    CHECK_INT("rss-internal-entity: reads", read_fx("rss-internal-entity", &o, &f, &err), FC_OK);
    CHECK_STR("internal entity expanded", f ? f->title.value : NULL, "Tea & Cake Corner");
    fc_feed_free(f);

    f = NULL;
    opts(&o, &ws);
    CHECK_INT("rss-unparsable-date: reads", read_fx("rss-unparsable-date", &o, &f, &err), FC_OK);
    p = f ? post_at(f, 0) : NULL;
    CHECK_STR("unparsable date kept raw", p ? p->published.raw : NULL,
              "the third Tuesday after Easter");
    CHECK_INT("unparsable date: one warning", ws.n, 1);
    CHECK_INT("unparsable date: warning line", ws.line, 9);
    char *xml = write_mem(f, &o, NULL);
    /* pubDate takes RFC 822 dates only: the text goes to fc:rawPublished */
    CHECK("unparsable date: no pubDate", xml && !strstr(xml, "<pubDate>"));
    CHECK("unparsable date: kept in fc:rawPublished",
          xml && strstr(xml, "<fc:rawPublished xmlns:fc=\"" FC_NS_FEEDCONV
                             "\">the third Tuesday after Easter</fc:rawPublished>"));
    struct fc_feed *g = NULL;
    opts(&o, &ws);
    CHECK_INT("unparsable date: the output reads back",
              xml ? read_mem(xml, strlen(xml), &o, &g, &err) : FC_EPARSE, FC_OK);
    p = g ? post_at(g, 0) : NULL;
    CHECK_STR("unparsable date: read back raw", p ? p->published.raw : NULL,
              "the third Tuesday after Easter");
    CHECK_INT("unparsable date: read back quietly (warned the first time)", ws.n, 0);
    fc_feed_free(g);
    free(xml);
    fc_feed_free(f);

    f = NULL;
    CHECK_INT("rss-empty: reads", read_fx("rss-empty", &o, &f, &err), FC_OK);
    CHECK_INT("rss-empty: no posts", f ? f->posts.count : 1, 0);
    xml = f ? write_mem(f, &o, NULL) : NULL;
    CHECK("rss-empty: writes a channel",
          xml && strstr(xml, "<title>Nothing yet</title>") && strstr(xml, "</channel>\n</rss>\n"));
    free(xml);
    fc_feed_free(f);

    /* strict mode turns the warning into an error */
    f = NULL;
    opts(&o, &ws);
    o.flags |= FC_OPT_STRICT;
    CHECK_INT("strict: unparsable date fails", read_fx("rss-unparsable-date", &o, &f, &err),
              FC_EWARN);
    fc_feed_free(f);
}

static void test_errors(void)
{
    static const struct {
        const char *fx;
        enum fc_status want;
        unsigned long line;
        const char *msg;
    } cases[] = {
        {"rss-not-xml", FC_EPARSE, 1, "not well-formed XML"},
        {"rss-no-channel", FC_EFORMAT, 3, "no <channel>"},
        {"rss-wrong-root", FC_EFORMAT, 2, "<html> is not RSS"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct fc_options o;
        struct warns ws;
        struct fc_error err = {0};
        struct fc_feed *f = NULL;
        char name[128];
        opts(&o, &ws);
        enum fc_status st = read_fx(cases[i].fx, &o, &f, &err);
        snprintf(name, sizeof name, "%s: status", cases[i].fx);
        CHECK_INT(name, st, cases[i].want);
        snprintf(name, sizeof name, "%s: line", cases[i].fx);
        CHECK_INT(name, err.line, cases[i].line);
        snprintf(name, sizeof name, "%s: message", cases[i].fx);
        CHECK(name, strstr(err.message, cases[i].msg) != NULL);
        snprintf(name, sizeof name, "%s: file", cases[i].fx);
        CHECK(name, strstr(err.file, "input.xml") != NULL);
        fc_feed_free(f);
    }
    struct fc_options o;
    struct warns ws;
    struct fc_error err = {0};
    struct fc_feed *f = NULL;
    opts(&o, &ws);
    /* a truncated download is an error with its position: converting it
     * would pass a partial feed off as the whole one */
    CHECK_INT("rss-truncated: error", read_fx("rss-truncated", &o, &f, &err), FC_EPARSE);
    CHECK_INT("rss-truncated: error line", err.line, 6);
    CHECK("rss-truncated: error says so", strstr(err.message, "ends inside") != NULL);
    CHECK("rss-truncated: no feed", f == NULL);
    fc_feed_free(f);
    f = NULL;
    /* --keep-going converts what is there, with a warning */
    opts(&o, &ws);
    o.flags |= FC_OPT_KEEP_GOING;
    CHECK_INT("rss-truncated keep-going: repaired", read_fx("rss-truncated", &o, &f, &err), FC_OK);
    CHECK_INT("rss-truncated keep-going: one warning", ws.n, 1);
    CHECK_INT("rss-truncated keep-going: warning line", ws.line, 6);
    CHECK("rss-truncated keep-going: warning says so", strstr(ws.last, "ends inside") != NULL);
    struct fc_post *cut = f ? post_at(f, 0) : NULL;
    CHECK_STR("rss-truncated keep-going: the cut item is kept", cut ? cut->title.value : NULL,
              "Half a post");
    fc_feed_free(f);
    f = NULL;
    opts(&o, &ws);
    o.flags |= FC_OPT_STRICT | FC_OPT_KEEP_GOING;
    CHECK_INT("rss-truncated strict: status", read_fx("rss-truncated", &o, &f, &err), FC_EWARN);
    CHECK_INT("rss-truncated strict: line", err.line, 6);
    CHECK("rss-truncated strict: file", strstr(err.file, "input.xml") != NULL);
    fc_feed_free(f);
    f = NULL;
    opts(&o, &ws);
    enum fc_status st = read_fx("rss-entity-expansion-limit", &o, &f, &err);
    CHECK("entity bomb refused", st == FC_ELIMIT || st == FC_EPARSE);
    fc_feed_free(f);
    f = NULL;
    st = read_mem("", 0, &o, &f, &err);
    CHECK_INT("empty input", st, FC_EPARSE);
    fc_feed_free(f);
}

static void test_detect(void)
{
    const struct fc_format *rss = fc_format_find("rss");
    const struct {
        const char *head;
        int min, max;
    } cases[] = {
        {"<?xml version=\"1.0\"?>\n<!-- c -->\n<rss version=\"2.0\">", 100, 100},
        {"\xef\xbb\xbf<rss>", 100, 100},
        {"<!DOCTYPE rss PUBLIC \"x\" \"y\">\n<rss version=\"0.91\">", 100, 100},
        {"<!DOCTYPE rss [<!ENTITY a \"b\">]>\n<rss version=\"2.0\">", 100, 100},
        {"<rdf:RDF xmlns:rdf=\"" FC_NS_RDF "\" xmlns=\"" FC_NS_RSS10 "\">", 100, 100},
        {"<rdf:RDF xmlns:rdf=\"" FC_NS_RDF "\">", 1, 50},
        {"<channel>", 1, 99},
        {"<feed xmlns=\"http://www.w3.org/2005/Atom\">", 0, 0},
        {"<rssx>", 0, 0},
        {"{\"version\": 1}", 0, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char name[64];
        int bid = rss->detect((const unsigned char *)cases[i].head, strlen(cases[i].head));
        snprintf(name, sizeof name, "detect: case %zu bids %d", i, bid);
        CHECK(name, bid >= cases[i].min && bid <= cases[i].max);
    }
    CHECK_STR("format: name", rss->name, "rss");
    CHECK_INT("format: read and write", rss->caps, FC_CAN_READ | FC_CAN_WRITE);
}

/* A model built by hand, with what other formats bring. */
static void test_writer_model(void)
{
    struct fc_options o;
    struct warns ws;
    opts(&o, &ws);
    struct fc_feed *f = fc_feed_new();
    if (!f)
        return;
    struct fc_arena *a = f->arena;
    f->feed_url = "https://model.example/feed.json";
    f->icon = "https://model.example/favicon.ico";
    struct fc_post *p1 = fc_post_new(), *p2 = fc_post_new();
    if (!p1 || !p2)
        return;
    p1->id = "m-1";
    p1->content_html = "<p>x ]]> y</p>";
    struct fc_person *au = fc_list_add(p1->arena, &p1->authors, sizeof *au);
    au->name = "Ada";
    au->url = "https://ada.example/";
    p2->title.value = "Second";
    p2->content_text = "5 < 6 & so on";
    struct fc_ext *j = fc_list_add(p2->arena, &p2->exts, sizeof *j);
    j->kind = FC_EXT_JSON;
    j->name = "_blog";
    j->value = "{\"a\":1}";
    struct fc_ext *x = fc_list_add(p2->arena, &p2->exts, sizeof *x);
    x->kind = FC_EXT_XML;
    x->origin = "atom";
    x->ns = "urn:example:later";
    x->prefix = "lt";
    x->name = "mark";
    struct fc_ext *xt = fc_list_add(p2->arena, &x->children, sizeof *xt);
    xt->kind = FC_EXT_XML;
    xt->value = "late & local";
    for (struct fc_post *p = p1; p; p = p == p1 ? p2 : NULL) {
        struct fc_post_item *it = fc_list_add(a, &f->posts, sizeof *it);
        it->post = p;
    }
    enum fc_status st;
    char *xml = write_mem(f, &o, &st);
    CHECK_INT("model: writes", st, FC_OK);
    if (xml) {
        CHECK("model: title: the feed URL's host (every writer's placeholder), marked",
              strstr(xml, "fc:synthetic=\"true\">model.example</title>"));
        CHECK("model: link: the self link's site, marked",
              strstr(xml, "fc:synthetic=\"true\">https://model.example/</link>"));
        CHECK("model: description synthesised, marked",
              strstr(xml, "<description xmlns:fc=\"" FC_NS_FEEDCONV "\" fc:synthetic=\"true\">"));
        CHECK("model: an item without title or description: its content is the "
              "description, marked (content:encoded has it)",
              count(xml, "fc:synthetic=\"true\"><![CDATA[<p>x") == 1);
        CHECK("model: CDATA split at ]]>",
              strstr(xml, "<![CDATA[<p>x ]]]]><![CDATA[> y</p>]]>") != NULL);
        CHECK("model: author without email -> dc:creator, its url kept",
              strstr(xml, "<dc:creator xmlns:fc=\"" FC_NS_FEEDCONV
                          "\" fc:uri=\"https://ada.example/\">Ada<"));
        CHECK("model: root declares content and dc",
              strstr(xml, "xmlns:content=") && strstr(xml, "xmlns:dc="));
        CHECK("model: no unused namespace", !strstr(xml, "xmlns:slash") && !strstr(xml, "wfw"));
        CHECK("model: later post declares its extension locally",
              strstr(xml, "<lt:mark xmlns:lt=\"urn:example:later\">late &amp; local</lt:mark>"));
        CHECK("model: text content escaped as HTML",
              strstr(xml, "<![CDATA[5 &lt; 6 &amp; so on]]>"));
        CHECK("model: guid not a permalink",
              strstr(xml, "<guid isPermaLink=\"false\"") && strstr(xml, "\">m-1</guid>"));
        CHECK("model: icon as atom:icon", strstr(xml, "<atom:icon>"));
        CHECK("model: losses warned (title, link, description, JSON ext)", ws.n == 4);
        struct fc_feed *g = NULL;
        struct fc_error err = {0};
        CHECK_INT("model: output reads back", read_mem(xml, strlen(xml), &o, &g, &err), FC_OK);
        struct fc_post *q = g ? post_at(g, 0) : NULL;
        CHECK_STR("model: content survives", q ? q->content_html : NULL, "<p>x ]]> y</p>");
        CHECK_STR("model: the marked description is no summary", q ? q->summary.value : "x", NULL);
        CHECK_STR("model: nor the marked title a title", g ? g->title.value : "x", NULL);
        CHECK_STR("model: nor the marked link a home page", g ? g->home_url : "x", NULL);
        CHECK_STR("model: icon survives", g ? g->icon : NULL, "https://model.example/favicon.ico");
        fc_feed_free(g);
        free(xml);
    }
    fc_feed_free(f);
}

/* What RSS 2.0 requires of the values a model may hold otherwise: the
 * channel link a URL (made up when nothing tells the site), item link and
 * permalink guid absolute URLs, one <author>, whole-second
 * itunes:duration; each read back as it was. */
static void test_writer_spec_values(void)
{
    struct fc_options o;
    struct warns ws;
    opts(&o, &ws);
    struct fc_feed *f = fc_feed_new();
    struct fc_post *p1 = fc_post_new(), *p2 = fc_post_new(), *p3 = fc_post_new();
    if (!f || !p1 || !p2 || !p3)
        return;
    f->title.value = "Spec";
    p1->title.value = "Relative";
    p1->id = "/one";
    p1->url = "/one";
    p1->id_is_permalink = -1;
    struct fc_person *a1 = fc_list_add(p1->arena, &p1->authors, sizeof *a1);
    struct fc_person *a2 = fc_list_add(p1->arena, &p1->authors, sizeof *a2);
    struct fc_media *m = fc_list_add(p1->arena, &p1->attachments, sizeof *m);
    if (!a1 || !a2 || !m)
        return;
    a1->name = "Ines";
    a1->email = "ines@spec.example";
    a2->name = "Ole";
    a2->email = "ole@spec.example";
    m->url = "https://cdn.spec.example/a.mp3";
    m->type = "audio/mpeg";
    m->length = 10;
    m->duration = 3723.5;
    p2->title.value = "Relative permalink";
    p2->id = "2024/06/x.html";
    p2->id_is_permalink = 1;
    p3->title.value = "The same id again";
    p3->id = "2024/06/x.html";
    for (struct fc_post *p = p1; p; p = p == p1 ? p2 : p == p2 ? p3 : NULL) {
        struct fc_post_item *it = fc_list_add(f->arena, &f->posts, sizeof *it);
        if (it)
            it->post = p;
    }
    enum fc_status st;
    char *xml = write_mem(f, &o, &st);
    CHECK_INT("spec values: writes", st, FC_OK);
    if (xml) {
        CHECK("spec values: no site known: a link on a host that cannot exist, marked",
              strstr(xml, "fc:synthetic=\"true\">https://feedconv.invalid/</link>"));
        CHECK_INT("spec values: warned: the link, the description, the repeated guid", ws.n, 3);
        CHECK("spec values: a relative item link is no <link>", !strstr(xml, "<link>/one"));
        CHECK("spec values: ... but an atom:link alternate",
              strstr(xml, "<atom:link href=\"/one\" rel=\"alternate\"/>"));
        CHECK("spec values: a relative id equal to the link is no permalink",
              strstr(xml, "<guid isPermaLink=\"false\" xmlns:fc=\"" FC_NS_FEEDCONV
                          "\" fc:synthetic=\"isPermaLink\">/one</guid>"));
        CHECK("spec values: nor one said to be a permalink",
              strstr(xml, "fc:synthetic=\"isPermaLink\">2024/06/x.html</guid>"));
        CHECK_INT("spec values: one <author>", count(xml, "<author>"), 1);
        CHECK("spec values: the first author with an email",
              strstr(xml, "<author>ines@spec.example (Ines)</author>"));
        CHECK("spec values: the second a dc:creator, its email in fc:email",
              strstr(xml, "fc:email=\"ole@spec.example\">Ole</dc:creator>"));
        CHECK("spec values: itunes:duration in whole seconds, the exact ones in fc:duration",
              strstr(xml, "<itunes:duration xmlns:fc=\"" FC_NS_FEEDCONV
                          "\" fc:duration=\"3723.5\">3724</itunes:duration>"));
        struct fc_feed *g = NULL;
        struct fc_error err = {0};
        CHECK_INT("spec values: reads back", read_mem(xml, strlen(xml), &o, &g, &err), FC_OK);
        struct fc_post *q = g ? post_at(g, 0) : NULL;
        CHECK_STR("spec values: the relative link back", q ? q->url : NULL, "/one");
        CHECK_STR("spec values: no made-up home page", g ? g->home_url : "x", NULL);
        CHECK_INT("spec values: both authors back", q ? (long long)q->authors.count : 0, 2);
        const struct fc_person *b = q ? nth(&q->authors, 1) : NULL;
        CHECK_STR("spec values: the second's email back", b ? b->email : NULL, "ole@spec.example");
        const struct fc_media *qm = q ? q->attachments.first : NULL;
        CHECK("spec values: the exact duration back", qm && qm->duration == 3723.5);
        q = g ? post_at(g, 1) : NULL;
        CHECK_STR("spec values: the relative permalink id back", q ? q->id : NULL,
                  "2024/06/x.html");
        CHECK("spec values: a repeated id made unique, the original in fc:id",
              strstr(xml, "fc:id=\"2024/06/x.html\">2024/06/x.html#2</guid>"));
        q = g ? post_at(g, 2) : NULL;
        CHECK_STR("spec values: the repeated id back as it was", q ? q->id : NULL,
                  "2024/06/x.html");
        fc_feed_free(g);
        free(xml);
    }
    /* the first item's site, when it has an absolute link */
    p1->url = "https://items.spec.example/2024/one";
    opts(&o, &ws);
    xml = write_mem(f, &o, &st);
    CHECK("spec values: the first item's site as the link, marked",
          xml && strstr(xml, "fc:synthetic=\"true\">https://items.spec.example/</link>"));
    CHECK("spec values: its link a <link> again",
          xml && strstr(xml, "<link>https://items.spec.example/2024/one</link>"));
    free(xml);
    fc_feed_free(f);
}

/* RSS -> RSS is a fixed point after one pass, quietly; returns the first
 * pass's text (malloc'd) or NULL.  label names the checks. */
static char *fixed_point(const char *label, struct fc_feed *f, struct fc_options *o,
                         const struct warns *ws)
{
    char name[200];
    struct fc_error err = {0};
    char *one = write_mem(f, o, NULL);
    struct fc_feed *g = NULL;
    char *two = NULL;
    if (one && read_mem(one, strlen(one), o, &g, &err) == FC_OK)
        two = write_mem(g, o, NULL);
    snprintf(name, sizeof name, "%s: fixed point", label);
    CHECK(name, one && two && strcmp(one, two) == 0);
    snprintf(name, sizeof name, "%s: no warnings", label);
    CHECK_INT(name, ws->n, 0);
    free(two);
    fc_feed_free(g);
    return one;
}

/* The WordPress feed: its values, kept through RSS -> RSS. */
static void test_wordpress(void)
{
    struct fc_options o;
    struct warns ws;
    struct fc_error err = {0};
    struct fc_feed *f = NULL;
    char d[64];
    opts(&o, &ws);
    CHECK_INT("wordpress: reads", read_path(FC_ROOT TL_WORDPRESS, &o, &f, &err), FC_OK);
    if (!f)
        return;
    CHECK_INT("wordpress: 10 posts", f->posts.count, 10);
    CHECK_STR("wordpress: feed title", f->title.value, "Hedda's Workshop");
    CHECK_STR("wordpress: feed link", f->home_url, "https://example.org/blog");
    CHECK_STR("wordpress: atom:link self", f->feed_url, "https://example.org/blog/index.php/feed/");
    CHECK_STR("wordpress: lastBuildDate", rfc3339(&f->updated, d), "2012-05-15T03:12:44+00:00");
    struct fc_ext *sy = f->exts.first;
    CHECK_STR("wordpress: sy:updatePeriod kept", sy ? sy->name : NULL, "updatePeriod");
    CHECK_STR("wordpress: sy:updateFrequency kept", sy && sy->next ? sy->next->name : NULL,
              "updateFrequency");
    struct fc_post *p = post_at(f, 0);
    CHECK_STR("wordpress: title", p ? p->title.value : NULL, "Is the workbench ever finished?");
    CHECK_STR("wordpress: guid", p ? p->id : NULL, "https://example.org/blog/?p=412");
    CHECK_INT("wordpress: guid isPermaLink false", p ? p->id_is_permalink : -1, 0);
    CHECK_STR("wordpress: pubDate with offset", p ? rfc3339(&p->published, d) : NULL,
              "2012-05-15T03:12:44+00:00");
    CHECK_STR("wordpress: dc:creator",
              p && p->authors.first ? ((struct fc_person *)p->authors.first)->name : NULL, "hedda");
    struct fc_tag *t = p ? nth(&p->categories, 1) : NULL;
    CHECK_STR("wordpress: second category", t ? t->term : NULL, "benches");
    CHECK("wordpress: script in content kept",
          p && p->content_html && strstr(p->content_html, "<script type=\"text/javascript\""));
    CHECK_INT("wordpress: slash:comments", p ? p->comment_count : -1, 3);
    CHECK_STR("wordpress: wfw:commentRss", p ? p->comments_feed : NULL,
              "https://example.org/blog/index.php/2012/05/14/is-the-workbench-ever-finished/feed/");
    p = post_at(f, 9);
    CHECK_STR("wordpress: title entity decoded", p ? p->title.value : NULL,
              "Nobody reads the manual\xE2\x80\xA6");
    CHECK_INT("wordpress: slash:comments 0", post_at(f, 6) ? post_at(f, 6)->comment_count : -1, 0);
    int cats = 0;
    for (const struct fc_post_item *it = f->posts.first; it; it = it->next)
        cats += (int)it->post->categories.count;
    CHECK_INT("wordpress: 24 categories", cats, 24);
    char *one = fixed_point("wordpress", f, &o, &ws);
    CHECK("wordpress: div style kept", one && strstr(one, "<div style=\"float: right;"));
    CHECK("wordpress: pre kept", one && strstr(one, "<pre>$ ip -br link | grep -v lo\n"));
    CHECK_INT("wordpress: 10 scripts kept",
              count(one, "<script type=\"text/javascript\" "
                         "src=\"https://platform.twitter.com/widgets.js\"></script>"),
              10);
    free(one);
    fc_feed_free(f);
    /* the real feed beside the project, when it is there */
    if (access(FC_ROOT TL_SEED, R_OK) != 0)
        return;
    opts(&o, &ws);
    CHECK_INT("seed: reads", read_path(FC_ROOT TL_SEED, &o, &f, &err), FC_OK);
    if (!f)
        return;
    CHECK_INT("seed: 10 posts", f->posts.count, 10);
    p = post_at(f, 0);
    CHECK_INT("seed: slash:comments", p ? p->comment_count : -1, 1);
    free(fixed_point("seed", f, &o, &ws));
    fc_feed_free(f);
}

/* xml:base: every URL field and href/src in HTML, chained root -> channel
 * -> item -> element; off with FC_OPT_NO_XML_BASE. */
static void test_xml_base(void)
{
    struct fc_options o;
    struct warns ws;
    struct fc_error err = {0};
    struct fc_feed *f = NULL;
    opts(&o, &ws);
    CHECK_INT("xml-base: reads", read_fx("rss-xml-base", &o, &f, &err), FC_OK);
    if (!f)
        return;
    CHECK_STR("xml-base: feed base chained", f->base, "http://www.example.org/journal/");
    CHECK_STR("xml-base: link", f->home_url, "http://www.example.org/journal/");
    CHECK_STR("xml-base: description HTML", f->subtitle.value,
              "Notes with <a href=\"http://www.example.org/journal/about.html\">relative</a> "
              "links");
    CHECK_STR("xml-base: docs (absolute path)", f->docs, "http://www.example.org/rss-spec");
    CHECK_STR("xml-base: atom:link self", f->feed_url, "http://www.example.org/journal/feed.rss");
    struct fc_hub *hub = f->hubs.first;
    CHECK_STR("xml-base: hub (network path)", hub ? hub->url : NULL, "http://hub.example.net/");
    CHECK_STR("xml-base: atom:icon ..", f->icon, "http://www.example.org/favicon.ico");
    CHECK_STR("xml-base: image url", f->image.url, "http://www.example.org/journal/img/logo.png");
    CHECK_STR("xml-base: image link", f->image.link, "http://www.example.org/journal/");
    CHECK_STR("xml-base: textInput link", f->text_input.link,
              "http://www.example.org/journal/search");
    CHECK_INT("xml-base: 3 posts", f->posts.count, 3);
    CHECK_INT("xml-base: no warnings", ws.n, 0);
    const char *ib = "http://www.example.org/journal/2024/05/";
    struct fc_post *p = post_at(f, 0);
    if (p) {
        CHECK_STR("xml-base: item base chained", p->base, ib);
        CHECK_STR("xml-base: item link", p->url,
                  "http://www.example.org/journal/2024/05/tide-tables.html");
        CHECK_STR("xml-base: guid not a permalink stays", p->id, "tide-1");
        CHECK_STR("xml-base: comments", p->comments_url,
                  "http://www.example.org/journal/2024/05/tide-tables.html#comments");
        CHECK_STR("xml-base: wfw:commentRss", p->comments_feed,
                  "http://www.example.org/journal/2024/05/tide-tables/feed");
        CHECK_STR("xml-base: summary HTML", p->summary.value,
                  "<p>See <a href=\"http://www.example.org/journal/2024/04/moon.html\">the "
                  "moon</a>.</p>");
        CHECK_INT("xml-base: summary stays HTML", p->summary.type, FC_HTML);
        CHECK_STR("xml-base: content HTML, only href/src touched", p->content_html,
                  "<p><img src=\"http://www.example.org/journal/2024/05/charts/may.png\" "
                  "alt=\"chart\"> <A HREF='http://www.example.org/archive?y=2024&amp;m=5'>"
                  "archive</A> <a href=\"http://www.example.org/journal/2024/05/notes.txt\">"
                  "notes</a> <a href=\"https://elsewhere.example.com/x\">abs</a> <a "
                  "href=\"#top\">top</a> <a href=\"mailto:tides@example.org\">mail</a></p><!-- "
                  "<a href=\"hidden.html\"> --><script>var u = \"<a href='x.html'>\";</script>");
        struct fc_media *m = p->attachments.first;
        CHECK_STR("xml-base: enclosure", m ? m->url : NULL,
                  "http://www.example.org/journal/2024/05/audio/tides.mp3");
        CHECK_STR("xml-base: source url", p->source ? p->source->url : NULL,
                  "http://www.example.org/journal/other.rss");
        CHECK_STR("xml-base: absolute related link untouched", p->external_url,
                  "https://elsewhere.example.com/tides");
        struct fc_link *l = p->links.first;
        CHECK_STR("xml-base: other atom:link", l ? l->href : NULL,
                  "http://www.example.org/journal/2024/05/tide-tables/replies");
    }
    p = post_at(f, 1);
    if (p) {
        CHECK_STR("xml-base: isPermaLink=true guid -> url", p->url,
                  "http://www.example.org/journal/2024/06/permalink.html");
        CHECK_STR("xml-base: the guid itself as written", p->id, "2024/06/permalink.html");
        CHECK("xml-base: no item base of its own", p->base == NULL);
        struct fc_media *m = p->attachments.first;
        CHECK_STR("xml-base: xml:base on the enclosure itself", m ? m->url : NULL,
                  "https://cdn.example.net/media/ep2.ogg");
    }
    p = post_at(f, 2);
    if (p) {
        CHECK_STR("xml-base: absolute item base", p->base, "https://mirror.example.com/x/");
        CHECK_STR("xml-base: atom:link alternate", p->url, "https://mirror.example.com/x/y.html");
        CHECK_STR("xml-base: plain-text summary untouched", p->summary.value,
                  "Plain text, no markup");
    }
    /* the writer's output reads back the same (a fixed point) */
    char *one = write_mem(f, &o, NULL), *two = NULL;
    struct fc_feed *g = NULL;
    if (one && read_mem(one, strlen(one), &o, &g, &err) == FC_OK)
        two = write_mem(g, &o, NULL);
    CHECK("xml-base: rss -> rss fixed point", one && two && strcmp(one, two) == 0);
    CHECK("xml-base: channel xml:base written absolute",
          one && strstr(one, "<channel xml:base=\"http://www.example.org/journal/\">"));
    free(one);
    free(two);
    fc_feed_free(g);
    fc_feed_free(f);

    /* off: everything as written */
    f = NULL;
    opts(&o, &ws);
    o.flags |= FC_OPT_NO_XML_BASE;
    CHECK_INT("xml-base off: reads", read_fx("rss-xml-base", &o, &f, &err), FC_OK);
    if (!f)
        return;
    CHECK_STR("xml-base off: feed base: the root's", f->base, "http://www.example.org/");
    CHECK_STR("xml-base off: link", f->home_url, "./");
    CHECK_STR("xml-base off: image url", f->image.url, "img/logo.png");
    p = post_at(f, 0);
    CHECK_STR("xml-base off: item base as written", p ? p->base : NULL, "2024/05/");
    CHECK_STR("xml-base off: item link", p ? p->url : NULL, "tide-tables.html");
    CHECK("xml-base off: content untouched",
          p && p->content_html && strstr(p->content_html, "<img src=\"charts/may.png\""));
    p = post_at(f, 1);
    CHECK("xml-base off: relative permalink guid is no url", p && p->url == NULL);
    fc_feed_free(f);

    /* RSS 1.0: items beside the channel take the root's base */
    f = NULL;
    opts(&o, &ws);
    CHECK_INT("xml-base rdf: reads", read_fx("rss-xml-base-rdf", &o, &f, &err), FC_OK);
    if (!f)
        return;
    CHECK_STR("xml-base rdf: channel link", f->home_url,
              "http://apiary.example/hives/north/index.html");
    CHECK_STR("xml-base rdf: feed base", f->base, "http://apiary.example/hives/north/");
    p = post_at(f, 0);
    CHECK_STR("xml-base rdf: item link uses the root's base", p ? p->url : NULL,
              "http://apiary.example/hives/week-1.html");
    fc_feed_free(f);
}

/* The HTML rewriter on its own: only href/src values change. */
static void test_html_urls(void)
{
    static const struct {
        const char *html, *want;
    } cases[] = {
        {"<a href=\"x\">x</a>", "<a href=\"http://b.example/d/x\">x</a>"},
        {"<IMG SRC=x.png alt=\"a href=y\">",
         "<IMG SRC=\"http://b.example/d/x.png\" alt=\"a href=y\">"},
        {"<a title='q' href = ' ../up '>", "<a title='q' href = 'http://b.example/up'>"},
        {"<a href=\"?a=1&amp;b=2\">", "<a href=\"http://b.example/d/p?a=1&amp;b=2\">"},
        {"<a href=\"a&#47;b\">", "<a href=\"http://b.example/d/a/b\">"},
        {"<a href=\"&eacute;t&eacute;\">", "<a href=\"http://b.example/d/&eacute;t&eacute;\">"},
        {"<a href=\"it's\">", "<a href=\"http://b.example/d/it's\">"},
        {"<a href='it&apos;s'>", "<a href='http://b.example/d/it&#39;s'>"},
        {"<a href=\"\">e</a><a href=\"#f\">f</a><a href>n</a>", NULL},
        {"<a href=\"mailto:a@b.example\">m</a> <a href=\"//cdn.example/j\">",
         "<a href=\"mailto:a@b.example\">m</a> <a href=\"http://cdn.example/j\">"},
        {"<!-- <a href=x> --><!DOCTYPE a href=x><?pi href=x?></a href=x>", NULL},
        {"<textarea><a href=x></textarea><a href=y>",
         "<textarea><a href=x></textarea><a href=\"http://b.example/d/y\">"},
        {"<style>a[href=x]{}</style><script>if(a<b)x='<img src=z>'</script>", NULL},
        {"plain text, no tags", NULL},
        {"<a data-href=x hrefx=y src>", NULL},
        {"<a href=\"x", "<a href=\"http://b.example/d/x"},
        /* srcset: each candidate's URL, descriptors and separators kept */
        {"<img srcset=\"a.jpg 1x, /b.jpg 2x,c.jpg\">",
         "<img srcset=\"http://b.example/d/a.jpg 1x, http://b.example/b.jpg 2x,"
         "http://b.example/d/c.jpg\">"},
        {"<img srcset='  s.jpg 480w,\n m.jpg 800w '>",
         "<img srcset='  http://b.example/d/s.jpg 480w,\n http://b.example/d/m.jpg 800w '>"},
        {"<img srcset=x.jpg>", "<img srcset=\"http://b.example/d/x.jpg\">"},
        {"<img srcset=\"a.jpg,, b.jpg\">",
         "<img srcset=\"http://b.example/d/a.jpg,, http://b.example/d/b.jpg\">"},
        {"<img srcset=\"\"><img srcset=\" , \">", NULL},
        /* a URL with a scheme is resolved to itself, as written (dot
         * segments, case, references and blanks kept) */
        {"<a href=\" https://a.example/x/../y?a=1&amp;b \">", NULL},
        {"<img src=HTTP:&#47;&#47;a.example/i.png srcset=\"tag:a,2024:x 2x\">", NULL},
    };
    struct fc_arena *a = fc_arena_new();
    if (!a)
        return;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *out = NULL;
        char name[64];
        enum fc_status st =
            fc_html_urls_resolve(a, "http://b.example/d/p", cases[i].html, &out, NULL);
        snprintf(name, sizeof name, "html urls: case %zu", i);
        if (cases[i].want) {
            CHECK_STR(name, st == FC_OK ? out : NULL, cases[i].want);
        } else {
            CHECK(name, st == FC_OK && out == cases[i].html); /* untouched: same pointer */
        }
    }
    const char *out = NULL;
    const char *h = "<a href=\"x\">";
    CHECK("html urls: no base, no change",
          fc_html_urls_resolve(a, NULL, h, &out, NULL) == FC_OK && out == h);
    CHECK("html urls: relative base, no change",
          fc_html_urls_resolve(a, "dir/", h, &out, NULL) == FC_OK && out == h);
    CHECK("html urls: NULL html",
          fc_html_urls_resolve(a, "http://b.example/", NULL, &out, NULL) == FC_OK && out == NULL);
    CHECK_STR("html urls: a quote from the base is escaped",
              fc_html_urls_resolve(a, "http://b.example/\"q\"/", h, &out, NULL) == FC_OK ? out
                                                                                         : NULL,
              "<a href=\"http://b.example/&quot;q&quot;/x\">");
    fc_arena_free(a);
}

/* fc_html_urls_maybe_relative, the resolver's quick way out: whenever it
 * says no, the full scan must leave the fragment as it was.  Random
 * fragments from the pieces the two scans look at. */
static size_t quick_pick(uint64_t *r, size_t n)
{
    *r = *r * 6364136223846793005u + 1442695040888963407u;
    return (size_t)(*r >> 33) % n;
}

static const char *quick_resolve(void *base, struct fc_arena *a, const char *url, bool *nomem)
{
    char *r = fc_url_resolve(a, base, url);
    *nomem = r == NULL;
    return r;
}

static void test_html_urls_quick(void)
{
    static const char *const tag[] = {"<a", "<img", "<IMG", "text <p", "<!-- <a", "<script><a"};
    static const char *const name[] = {"href", "src", "srcset", "SRC", "SrcSet", "data-href", "x"};
    static const char *const eq[] = {"=", " = ", "\n=", "="};
    static const char *const quote[] = {"\"", "'", ""};
    static const char *const url[] = {"",
                                      "#f",
                                      "x",
                                      "http://h/x",
                                      "//h/x",
                                      " x ",
                                      "HTTPS:y",
                                      "a.jpg 2x, b.jpg",
                                      "http://h/a.jpg 1x,c.jpg",
                                      "x,,http://h/y",
                                      ">x",
                                      "&amp;",
                                      "mailto:q",
                                      ",x",
                                      "http://h/a,b 2x",
                                      "tag:a,2024:x 2x",
                                      "h ttp:x",
                                      "http://h/ 1x, >y"};
    static const char *const tail[] = {">", "/>", " >", "> -->", "></script>", ""};
    struct fc_arena *a = fc_arena_new();
    if (!a)
        return;
    uint64_t r = 0x9E3779B97F4A7C15u;
#define PICK(arr) (arr)[quick_pick(&r, sizeof(arr) / sizeof(arr)[0])]
    size_t quick = 0, changed = 0, wrong = 0;
    char h[1024], first[1024] = "";
    for (int k = 0; k < 100000; k++) {
        struct fc_buf b;
        fc_buf_init(&b);
        int tags = 1 + (int)(k % 3);
        for (int t = 0; t < tags; t++) {
            fc_buf_puts(&b, PICK(tag));
            size_t attrs = quick_pick(&r, 3) + (t == 0);
            for (size_t i = 0; i < attrs; i++) {
                const char *q = PICK(quote);
                fc_buf_putc(&b, ' ');
                fc_buf_puts(&b, PICK(name));
                fc_buf_puts(&b, PICK(eq));
                fc_buf_puts(&b, q);
                fc_buf_puts(&b, PICK(url));
                fc_buf_puts(&b, q);
            }
            fc_buf_puts(&b, PICK(tail));
        }
        snprintf(h, sizeof h, "%s", fc_buf_cstr(&b));
        fc_buf_free(&b);
        /* the full scan, without the quick way out, beside the resolver */
        const char *full = NULL, *out = NULL;
        if (fc_html_urls_map(a, h, quick_resolve, "http://b.example/d/p", &full, NULL) != FC_OK ||
            fc_html_urls_resolve(a, "http://b.example/d/p", h, &out, NULL) != FC_OK) {
            wrong++;
            break;
        }
        changed += strcmp(full, h) != 0;
        quick += !fc_html_urls_maybe_relative(h);
        if (strcmp(full, out) != 0 && wrong++ == 0)
            snprintf(first, sizeof first, "%s", h);
    }
#undef PICK
    fc_arena_free(a);
    CHECK_STR("html urls quick: the resolver gives what the full scan gives", first, "");
    CHECK("html urls quick: never wrong", wrong == 0);
    /* both answers must be common, or the check above proves little */
    CHECK("html urls quick: says no often", quick > 10000);
    CHECK("html urls quick: rewrites happen", changed > 10000);
}

/* FC_OPT_KEEP_GOING: an item that cannot be converted is skipped. */
static void test_keep_going(void)
{
    struct fc_options o;
    struct warns ws;
    struct fc_error err = {0};
    struct fc_feed *f = NULL;
    opts(&o, &ws);
    CHECK_INT("keep-going off: the read fails", read_fx("rss-keep-going", &o, &f, &err), FC_ELIMIT);
    CHECK("keep-going off: the error names the file", strstr(err.file, "input.xml") != NULL);
    CHECK_INT("keep-going off: at the item's line", err.line, 35);
    fc_feed_free(f);

    f = NULL;
    opts(&o, &ws);
    o.flags |= FC_OPT_KEEP_GOING;
    CHECK_INT("keep-going: reads", read_fx("rss-keep-going", &o, &f, &err), FC_OK);
    CHECK_INT("keep-going: the bad item is skipped", f ? f->posts.count : 0, 2);
    struct fc_post *p = f ? post_at(f, 0) : NULL;
    CHECK_STR("keep-going: item before", p ? p->title.value : NULL, "Pruning the pears");
    p = f ? post_at(f, 1) : NULL;
    CHECK_STR("keep-going: item after", p ? p->title.value : NULL, "Picking the plums");
    CHECK_INT("keep-going: one warning", ws.n, 1);
    CHECK_INT("keep-going: warning at the item", ws.line, 35);
    CHECK("keep-going: warning says why",
          strstr(ws.last, "item skipped") && strstr(ws.last, "entity expansion"));
    fc_feed_free(f);

    f = NULL;
    opts(&o, &ws);
    o.flags |= FC_OPT_KEEP_GOING | FC_OPT_STRICT;
    CHECK_INT("keep-going + strict: the skip is an error", read_fx("rss-keep-going", &o, &f, &err),
              FC_EWARN);
    fc_feed_free(f);
}

/* RSS 1.0 after a DOCTYPE with an internal subset: internal entities
 * expand everywhere (text, attributes, markup they bring, markup they sit
 * in), the external one is never loaded, and nothing else is reported. */
static void test_doctype_entities(void)
{
    struct fc_options o;
    struct warns ws;
    struct fc_error err = {0};
    struct fc_feed *f = NULL;
    opts(&o, &ws);
    CHECK_INT("doctype-entities: reads", read_fx("rss-10-doctype-entities", &o, &f, &err), FC_OK);
    if (!f)
        return;
    CHECK_STR("doctype-entities: RSS 1.0", f->format, "rss 1.0");
    CHECK_STR("doctype-entities: nested entities in the title", f->title.value,
              "Caf\u00e9 & Cr\u00e8me");
    CHECK_STR("doctype-entities: in an attribute (rdf:about)", f->id,
              "http://cafe.example/index.rdf");
    CHECK_STR("doctype-entities: in the link", f->home_url, "http://cafe.example/");
    struct fc_ext *e = f->exts.first;
    struct fc_ext *txt = e ? e->children.first : NULL;
    CHECK_STR("doctype-entities: in an extension", txt ? txt->value : NULL,
              "Caf\u00e9 & Cr\u00e8me");
    struct fc_post *p = post_at(f, 0);
    if (p) {
        CHECK_STR("doctype-entities: item id", p->id, "http://cafe.example/2024/espresso");
        CHECK_STR("doctype-entities: item title", p->title.value, "Espresso \u2014 the basics");
        CHECK_STR("doctype-entities: markup from an entity stays markup", p->summary.value,
                  "It\u2019s all about pressure. Read <em>more</em>");
        CHECK_INT("doctype-entities: so the summary is HTML", p->summary.type, FC_HTML);
        CHECK_STR("doctype-entities: expanded inside unescaped markup", p->content_html,
                  "<p>Pulled at the Caf\u00e9 &amp; Cr\u00e8me\u00a0counter \u2014 "
                  "<a href=\"http://cafe.example/menu\">menu</a></p>");
    }
    p = post_at(f, 1);
    CHECK_STR("doctype-entities: the external entity's reference dropped",
              p ? p->summary.value : NULL, "Doors open at eight on\u00a0Monday.");
    CHECK_INT("doctype-entities: one warning", ws.n, 1);
    CHECK("doctype-entities: about the external entity",
          strstr(ws.last, "external entity 'host' not loaded"));
    CHECK_INT("doctype-entities: at its line", ws.line, 44);
    fc_feed_free(f);

    /* The replacement followed into markup keeps the depth limit (libxml2
     * itself refuses a chain one deeper). */
    struct fc_buf b;
    fc_buf_init(&b);
    fc_buf_puts(&b, "<!DOCTYPE rss [<!ENTITY n0 \"<b>pit</b>\">");
    for (int i = 1; i <= 16; i++)
        fc_buf_printf(&b, "<!ENTITY n%d \"&n%d;\">", i, i - 1);
    fc_buf_puts(&b, "]><rss version=\"2.0\" xmlns:content=\"" FC_NS_CONTENT "\"><channel>"
                    "<title>t</title><link>https://l.example/</link><description>d</description>"
                    "<item><title>i</title><content:encoded><p>&n15;</p></content:encoded></item>"
                    "<item><title>j</title><content:encoded><p>&n16;</p></content:encoded></item>"
                    "</channel></rss>");
    opts(&o, &ws);
    o.flags |= FC_OPT_KEEP_GOING;
    f = NULL;
    CHECK_INT("entity depth in markup: reads", read_mem(b.data, b.len, &o, &f, &err), FC_OK);
    CHECK_INT("entity depth in markup: the deep item skipped", f ? f->posts.count : 0, 1);
    p = f ? post_at(f, 0) : NULL;
    CHECK_STR("entity depth in markup: 16 levels expand", p ? p->content_html : NULL,
              "<p><b>pit</b></p>");
    CHECK("entity depth in markup: skipped for the limit",
          strstr(ws.last, "item skipped: entity expansion exceeds the limit"));
    fc_feed_free(f);
    fc_buf_free(&b);
}

/* The id's first extension's text ("" when none). */
static const char *ext_text(const struct fc_ext *e)
{
    const struct fc_ext *t = e ? e->children.first : NULL;
    return t && t->value ? t->value : "";
}

/* An RSS 1.0 item is its rdf:about (as feedparser reads it); dc:identifier
 * is the id only without one, else kept, and comes back out of RSS. */
static void test_item_identity(void)
{
    struct fc_options o;
    struct warns ws;
    struct fc_error err = {0};
    struct fc_feed *f = NULL;
    opts(&o, &ws);
    CHECK_INT("item-identity: reads", read_fx("rss-10-item-identity", &o, &f, &err), FC_OK);
    if (!f)
        return;
    struct fc_post *p = post_at(f, 0);
    CHECK_STR("item-identity: rdf:about is the id, dc:identifier first", p ? p->id : NULL,
              "http://library.example/b/4711");
    struct fc_ext *e = p ? p->exts.first : NULL;
    CHECK_STR("item-identity: dc:identifier kept", e ? e->name : NULL, "identifier");
    CHECK_STR("item-identity: in the dc namespace", e ? e->ns : NULL, FC_NS_DC);
    CHECK_STR("item-identity: its value", ext_text(e), "urn:isbn:9780141439518");
    p = post_at(f, 1);
    CHECK_STR("item-identity: rdf:about, dc:identifier after", p ? p->id : NULL,
              "http://library.example/b/4712");
    CHECK_INT("item-identity: both dc:identifier kept", p ? p->exts.count : 0, 2);
    CHECK_STR("item-identity: in order", p ? ext_text(nth(&p->exts, 1)) : NULL,
              "https://doi.org/10.5555/middlemarch");
    p = post_at(f, 2);
    CHECK_STR("item-identity: no rdf:about: dc:identifier is the id", p ? p->id : NULL,
              "urn:isbn:9780140434088");
    CHECK_INT("item-identity: then not kept twice", p ? p->exts.count : 1, 0);
    CHECK_INT("item-identity: quiet", ws.n, 0);

    /* RSS 2.0 out: guid (the id) and dc:identifier; read again, the guid
     * is the id and dc:identifier stays data: the same feed. */
    char *xml = write_mem(f, &o, NULL);
    fc_feed_free(f);
    f = NULL;
    CHECK("item-identity: written as guid",
          xml && strstr(xml, "<guid>http://library.example/b/4711</guid>\n"
                             "      <dc:identifier>urn:isbn:9780141439518</dc:identifier>"));
    CHECK_INT("item-identity: reads its RSS 2.0",
              xml ? read_mem(xml, strlen(xml), &o, &f, &err) : FC_EPARSE, FC_OK);
    p = f ? post_at(f, 0) : NULL;
    CHECK_STR("item-identity: RSS 2.0: guid is the id", p ? p->id : NULL,
              "http://library.example/b/4711");
    CHECK_STR("item-identity: RSS 2.0: dc:identifier beside a guid kept",
              p ? ext_text(p->exts.first) : NULL, "urn:isbn:9780141439518");
    char *again = f ? write_mem(f, &o, NULL) : NULL;
    CHECK("item-identity: RSS -> RSS is a fixed point", xml && again && !strcmp(xml, again));
    free(again);
    free(xml);
    fc_feed_free(f);

    /* the other sources, in their order */
    static const struct {
        const char *item, *id;
        int exts;
    } cases[] = {
        {"<guid>g</guid><dc:identifier>d</dc:identifier><atom:id>a</atom:id>", "g", 2},
        {"<atom:id>a</atom:id><dc:identifier>d</dc:identifier>", "d", 1},
        {"<guid> </guid><atom:id>a</atom:id>", "a", 0},
        {"<dc:identifier>d</dc:identifier>", "d", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char doc[600];
        snprintf(doc, sizeof doc,
                 "<rss version=\"2.0\" xmlns:dc=\"" FC_NS_DC "\" xmlns:atom=\"" FC_NS_ATOM
                 "\"><channel><title>t</title><link>https://l.example/</link>"
                 "<description>d</description><item><title>i</title>%s</item></channel></rss>",
                 cases[i].item);
        char name[3][200];
        snprintf(name[0], sizeof name[0], "id order: %s: reads", cases[i].item);
        snprintf(name[1], sizeof name[1], "id order: %s: id", cases[i].item);
        snprintf(name[2], sizeof name[2], "id order: %s: the others kept", cases[i].item);
        f = NULL;
        CHECK_INT(name[0], read_mem(doc, strlen(doc), &o, &f, &err), FC_OK);
        p = f ? post_at(f, 0) : NULL;
        CHECK_STR(name[1], p ? p->id : NULL, cases[i].id);
        CHECK_INT(name[2], p ? (long)p->exts.count : -1, cases[i].exts);
        fc_feed_free(f);
    }
    /* an empty rdf:about is none */
    const char *rdf = "<rdf:RDF xmlns:rdf=\"" FC_NS_RDF "\" xmlns=\"" FC_NS_RSS10
                      "\" xmlns:dc=\"" FC_NS_DC "\"><channel rdf:about=\"c\"><title>t</title>"
                      "<link>https://l.example/</link><description>d</description></channel>"
                      "<item rdf:about=\"\"><title>i</title><dc:identifier>d</dc:identifier>"
                      "</item></rdf:RDF>";
    f = NULL;
    CHECK_INT("empty rdf:about: reads", read_mem(rdf, strlen(rdf), &o, &f, &err), FC_OK);
    p = f ? post_at(f, 0) : NULL;
    CHECK_STR("empty rdf:about: dc:identifier is the id", p ? p->id : NULL, "d");
    fc_feed_free(f);
}

/* A person's forms, read alike in <author>, dc:creator, dc:contributor,
 * managingEditor and webMaster (one function reads them all). */
static void test_person_forms(void)
{
    static const struct {
        const char *text, *name, *email;
    } cases[] = {
        {"jo@bloggs.example (Jo Bloggs)", "Jo Bloggs", "jo@bloggs.example"},
        {"Jo Bloggs (jo@bloggs.example)", "Jo Bloggs", "jo@bloggs.example"},
        {"Jo Bloggs &lt;jo@bloggs.example&gt;", "Jo Bloggs", "jo@bloggs.example"},
        {"&lt;jo@bloggs.example&gt;", NULL, "jo@bloggs.example"},
        {"\"Bloggs, Jo\" &lt;jo@bloggs.example&gt;", "Bloggs, Jo", "jo@bloggs.example"},
        {"jo@bloggs.example", NULL, "jo@bloggs.example"},
        {"mailto:jo@bloggs.example (Jo)", "Jo", "jo@bloggs.example"},
        {"Jo Bloggs", "Jo Bloggs", NULL},
        /* parentheses of a name's own */
        {"jo@bloggs.example (Jo (the Baker) Bloggs)", "Jo (the Baker) Bloggs", "jo@bloggs.example"},
        {"Jo (the Baker) (jo@bloggs.example)", "Jo (the Baker)", "jo@bloggs.example"},
        {"Jo (the Baker) Bloggs", "Jo (the Baker) Bloggs", NULL},
        {"Kim (Editor)", "Kim (Editor)", NULL},
        {"(Kim)", "(Kim)", NULL},
        {"jo@bloggs.example ()", NULL, "jo@bloggs.example"},
        {"jo@bloggs.example(Jo)", "Jo", "jo@bloggs.example"},
        /* no email where one might be looked for */
        {"@jo_bloggs", "@jo_bloggs", NULL},
        {"Jo Bloggs (Team @ Bakery)", "Jo Bloggs (Team @ Bakery)", NULL},
        {"Jo &lt;the baker&gt;", "Jo <the baker>", NULL},
        {"jo@bloggs.example (Jo", "jo@bloggs.example (Jo", NULL},
    };
    static const char *const where[] = {"author", "dc:creator", "dc:contributor", "managingEditor",
                                        "webMaster"};
    struct fc_options o;
    struct warns ws;
    struct fc_error err = {0};
    opts(&o, &ws);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char doc[1200];
        snprintf(doc, sizeof doc,
                 "<rss version=\"2.0\" xmlns:dc=\"" FC_NS_DC "\"><channel><title>t</title>"
                 "<link>https://l.example/</link><description>d</description>"
                 "<managingEditor>%s</managingEditor><webMaster>%s</webMaster>"
                 "<item><title>i</title><author>%s</author></item>"
                 "<item><title>j</title><dc:creator>%s</dc:creator>"
                 "<dc:contributor>%s</dc:contributor></item></channel></rss>",
                 cases[i].text, cases[i].text, cases[i].text, cases[i].text, cases[i].text);
        struct fc_feed *f = NULL;
        char name[300];
        snprintf(name, sizeof name, "person \"%s\": reads", cases[i].text);
        CHECK_INT(name, read_mem(doc, strlen(doc), &o, &f, &err), FC_OK);
        struct fc_post *p0 = f ? post_at(f, 0) : NULL, *p1 = f ? post_at(f, 1) : NULL;
        const struct fc_person *got[] = {
            p0 ? p0->authors.first : NULL,      p1 ? p1->authors.first : NULL,
            p1 ? p1->contributors.first : NULL, f ? &f->editor : NULL,
            f ? &f->webmaster : NULL,
        };
        for (size_t w = 0; w < sizeof where / sizeof where[0]; w++) {
            snprintf(name, sizeof name, "person \"%s\" in %s: name", cases[i].text, where[w]);
            CHECK_STR(name, got[w] ? got[w]->name : "(absent)", cases[i].name);
            snprintf(name, sizeof name, "person \"%s\" in %s: email", cases[i].text, where[w]);
            CHECK_STR(name, got[w] ? got[w]->email : "(absent)", cases[i].email);
        }
        fc_feed_free(f);
    }
    CHECK_INT("person forms: quiet", ws.n, 0);

    /* the fixture: each form as feeds write it, and one person once */
    struct fc_feed *f = NULL;
    CHECK_INT("rss-person-forms: reads", read_fx("rss-person-forms", &o, &f, &err), FC_OK);
    if (!f)
        return;
    CHECK_STR("rss-person-forms: managingEditor Name (email)", f->editor.name, "Ruth Okafor");
    CHECK_STR("rss-person-forms: webMaster Name <email>", f->webmaster.email,
              "pat@letters.example");
    struct fc_post *p = post_at(f, 1);
    struct fc_person *a = p ? p->authors.first : NULL;
    CHECK_STR("rss-person-forms: Blogger's dc:creator, name", a ? a->name : NULL, "Sam Whit (Jr.)");
    CHECK_STR("rss-person-forms: Blogger's dc:creator, email", a ? a->email : NULL,
              "noreply@blogger.com");
    p = post_at(f, 3);
    CHECK_INT("rss-person-forms: author + another dc:creator", p ? p->authors.count : 0, 2);
    p = post_at(f, 4);
    CHECK_INT("rss-person-forms: author + the same dc:creator = one person",
              p ? p->authors.count : 0, 1);
    char *xml = write_mem(f, &o, NULL);
    CHECK("rss-person-forms: written as RSS's email (Name)",
          xml && strstr(xml, "<author>ana@trams.example (Ana (the tram fan))</author>"));
    free(xml);
    fc_feed_free(f);
}

/* Streaming RSS -> RSS (fc_convert frees each post after writing it):
 * the first item's extension namespace declared on the root must not
 * point into that item, which is freed first (ASan sees a use-after-free). */
static void test_stream_first_item_ns(void)
{
    char path[512];
    snprintf(path, sizeof path, "%s/fixtures/rss-stream-first-item-namespace/input.xml", FC_ROOT);
    struct fc_options o;
    struct warns ws;
    struct fc_error err = {0};
    struct fc_input *in = NULL;
    struct fc_output *out = NULL;
    opts(&o, &ws);
    enum fc_status st = fc_input_open(path, &in, &err);
    if (!st)
        st = fc_output_open_memory(&out, &err);
    if (!st)
        st = fc_convert(in, fc_format_find("rss"), out, fc_format_find("rss"), &o, &err);
    CHECK_INT("stream ns: converts", st, FC_OK);
    size_t len = 0;
    const char *xml = out ? fc_output_memory(out, &len) : NULL;
    CHECK("stream ns: geo declared on the root",
          xml && strstr(xml, "<rss version=\"2.0\" "
                             "xmlns:geo=\"http://www.w3.org/2003/01/geo/wgs84_pos#\">"));
    CHECK("stream ns: first item's extension", xml && strstr(xml, "<geo:lat>46.5</geo:lat>"));
    CHECK("stream ns: later item reuses the prefix",
          xml && strstr(xml, "<geo:long>7.9</geo:long>"));
    CHECK("stream ns: later item declares dc locally",
          xml && strstr(xml, "<dc:creator xmlns:dc=\"http://purl.org/dc/elements/1.1/\">Ines<"));
    fc_output_close(out);
    fc_input_close(in);
}

/* Streaming: a long feed is read holding one post at a time. */
static size_t max_post_bytes;
static enum fc_status count_post(void *ctx, struct fc_feed *feed, struct fc_post *post,
                                 struct fc_error *err)
{
    (void)feed;
    (void)err;
    (*(size_t *)ctx)++;
    size_t n = fc_arena_size(post->arena);
    if (n > max_post_bytes)
        max_post_bytes = n;
    return FC_OK;
}

static void test_streaming(void)
{
    struct fc_buf b;
    fc_buf_init(&b);
    fc_buf_puts(&b, "<rss version=\"2.0\"><channel><title>S</title><link>https://s.example/</link>"
                    "<description>d</description>");
    for (int i = 0; i < 20000; i++)
        fc_buf_printf(&b,
                      "<item><title>Post %d</title><guid>g%d</guid><description>"
                      "Some text for post %d, some more text.</description></item>\n",
                      i, i, i);
    fc_buf_puts(&b, "<ttl>5</ttl></channel></rss>");
    struct fc_input *in = NULL;
    struct fc_error err = {0};
    size_t n = 0;
    struct fc_handler h = {.ctx = &n, .post = count_post};
    struct fc_options o;
    fc_options_init(&o);
    enum fc_status st = fc_input_open_memory(b.data, b.len, "big.xml", &in, &err);
    if (!st)
        st = fc_format_find("rss")->read(in, &h, &o, &err);
    fc_input_close(in);
    CHECK_INT("streaming: reads", st, FC_OK);
    CHECK_INT("streaming: every post", n, 20000);
    CHECK("streaming: one post's memory stays small", max_post_bytes < 64 * 1024);
    fc_buf_free(&b);
}

/* Many authors in one item: <author>s, then each dc:creator not already
 * there (same name; or, both without a name, the same e-mail in any
 * case), past the eight a list scan handles, indexed: the same persons in
 * the same order as the rule says, for 3000 mixed forms. */
static void test_many_creators(void)
{
    static const char *const forms[] = {
        "<author>a@x.example (Ann)</author>",   "<author>A@X.example</author>",
        "<dc:creator>Ann</dc:creator>",         "<dc:creator>ann</dc:creator>",
        "<dc:creator>a@X.EXAMPLE</dc:creator>", "<dc:creator>b@y.example</dc:creator>",
        "<dc:creator>Bob</dc:creator>",
    };
    struct fc_buf x;
    fc_buf_init(&x);
    fc_buf_puts(&x, "<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel>"
                    "<title>t</title><item><title>i</title>");
    /* the <author>s first, then creators: some new (Cn), most repeats */
    for (int i = 0; i < 40; i++)
        fc_buf_puts(&x, forms[i % 2]);
    for (int i = 0; i < 3000; i++) {
        char c[64];
        if (i % 7 == 3)
            snprintf(c, sizeof c, "<dc:creator>C%d</dc:creator>", i % 500);
        else
            snprintf(c, sizeof c, "%s", forms[2 + i % 5]);
        fc_buf_puts(&x, c);
    }
    fc_buf_puts(&x, "</item></channel></rss>");
    struct fc_options o;
    struct warns ws;
    struct fc_error err = {0};
    struct fc_feed *f = NULL;
    opts(&o, &ws);
    CHECK_INT("many creators: reads", read_mem(x.data, x.len, &o, &f, &err), FC_OK);
    struct fc_post *p = f ? post_at(f, 0) : NULL;
    /* the rule by hand: the <author>s as they are (40); then "Ann" is
     * Ann, "a@X.EXAMPLE" the nameless A@X.example; new are "ann" (i 1),
     * C3 (3), Bob (4), b@y.example (8), C10 (10)... and the 429 Cn */
    CHECK_INT("many creators: 40 authors + 3 + 429 new creators",
              p ? (long long)p->authors.count : 0, 40 + 3 + 429);
    static const char *const want[] = {"ann", "C3", "Bob", NULL, "C10"};
    bool order = p != NULL;
    for (size_t i = 0; order && i < 5; i++) {
        const struct fc_person *q = nth(&p->authors, 40 + i);
        order = q && (want[i] ? q->name && !strcmp(q->name, want[i])
                              : !q->name && q->email && !strcmp(q->email, "b@y.example"));
    }
    CHECK("many creators: the new ones in order of first sight", order);
    fc_feed_free(f);
    fc_buf_free(&x);
}

int main(void)
{
    test_many_creators();
    test_every_element();
    test_091();
    test_092_090();
    test_rdf();
    test_dc();
    test_extensions();
    test_enclosures_links();
    test_quirks();
    test_errors();
    test_detect();
    test_writer_model();
    test_writer_spec_values();
    test_wordpress();
    test_streaming();
    test_xml_base();
    test_html_urls();
    test_html_urls_quick();
    test_keep_going();
    test_stream_first_item_ns();
    test_doctype_entities();
    test_item_identity();
    test_person_forms();
    return CHECK_DONE();
}
