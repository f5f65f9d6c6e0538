/*
 * rss_write.c - the RSS 2.0 writer.  The mapping table (read backwards
 * here: the first source of each row) is at the top of rss.c.
 */
#include "formats/rss.h"
#include "syntax/xml_podcast.h"
#include "util/idset.h"
#include "util/media.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Writer                                                              */

/* Model fields with no RSS 2.0 home, each warned about once per run (bit
 * 1 << loss of rss_writer.warned). */
enum rss_loss {
    L_IMAGE,
    L_CONTENT_SRC,
    L_MEDIA,
    L_SOURCE,
    L_SLUG,
    L_DRAFT,
    L_EXT,
    L_FEED_PERSON,
    L_JSON_FEED,
    L_GENERATOR,
    L_SYNTH,
    L_SITE,
    L_SITE_FEED,
    L_NO_NS
};

struct rss_writer {
    struct fc_writer base; /* the handler, the output, the options */
    struct fc_buf buf;
    struct fc_xw w;
    struct fc_feed *feed;
    bool header_done;
    bool podcast; /* Apple's required tags are checked (see check_podcast) */
    unsigned warned;
    unsigned long items;  /* items written, the one being written counted */
    char item_ref[160];   /* "item 3 (id X)": names it in warnings */
    struct fc_feed snap;  /* the feed as the header saw it */
    struct fc_idset ids;  /* the guids written (no two items share one) */
    struct fc_buf unique; /* a repeated guid made unique */
};

/* What an item is written with: the RSS writer's namespaces and the
 * podcast elements it writes itself. */
#define POD_FLAGS (FC_XW_POD_IMAGE | FC_XW_POD_DURATION)

/* Namespace bits the writer's known modules need. */
enum { N_CONTENT = 1, N_WFW = 2, N_DC = 4, N_ATOM = 8, N_SLASH = 16 };

static const struct {
    unsigned bit;
    const char *prefix;
    const char *uri;
} known_ns[] = {
    {N_CONTENT, "content", FC_NS_CONTENT}, {N_WFW, "wfw", FC_NS_WFW},       {N_DC, "dc", FC_NS_DC},
    {N_ATOM, "atom", FC_NS_ATOM},          {N_SLASH, "slash", FC_NS_SLASH},
};

/* A warning about the item being written (or the channel), naming it. */
static enum fc_status wwarn(struct rss_writer *w, struct fc_error *err, const char *fmt, ...)
    FC_PRINTF(3, 4);
static enum fc_status wwarn(struct rss_writer *w, struct fc_error *err, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return fc_warn(&w->base.opt, err, fc_out_name(w->base.out), 0, 0, "RSS 2.0 output: %s%s%s",
                   w->item_ref, *w->item_ref ? ": " : "", msg);
}

/* A loss, warned about once per run (where it first happens). */
static enum fc_status lose(struct rss_writer *w, enum rss_loss what, const char *msg,
                           struct fc_error *err)
{
    if (w->warned & (1u << what))
        return FC_OK;
    w->warned |= 1u << what;
    return wwarn(w, err, "%s", msg);
}

static bool writes_ext(const struct fc_ext *e)
{
    return e->kind == FC_EXT_XML;
}

static bool same_person(const struct fc_person *a, const struct fc_person *b);

/* A feed author written as dc:creator: not the copy of managingEditor /
 * webMaster readers take as the author. */
static bool writes_author(const struct fc_feed *f, const struct fc_person *p)
{
    return !same_person(p, &f->editor) && !same_person(p, &f->webmaster);
}

static unsigned feed_needs(const struct fc_feed *f)
{
    unsigned n = 0;
    if (f->feed_url || f->hubs.first || f->next_url || f->links.first || f->id || f->icon ||
        (f->home_url && !fc_url_is_iri(f->home_url)))
        n |= N_ATOM;
    for (const struct fc_person *p = f->authors.first; p; p = p->next)
        if (writes_author(f, p))
            n |= N_DC;
    if (f->contributors.first)
        n |= N_DC;
    return n;
}

static bool person_is_rss(const struct fc_person *p)
{
    return p->email != NULL;
}

static unsigned post_needs(const struct fc_post *p)
{
    unsigned n = 0;
    if (p->content_html || (p->content_text && (p->summary.value || p->title.value)))
        n |= N_CONTENT;
    if (p->comments_feed)
        n |= N_WFW;
    if (p->comment_count >= 0)
        n |= N_SLASH;
    if (p->language || p->rights.value || p->contributors.first)
        n |= N_DC;
    int emails = 0; /* the first goes to <author>, the others to dc:creator */
    for (const struct fc_person *a = p->authors.first; a; a = a->next)
        if (!person_is_rss(a) || ++emails > 1)
            n |= N_DC;
    if (p->links.first || p->external_url || (p->url && !fc_url_is_iri(p->url)) ||
        (fc_time_present(&p->updated) && p->updated.precision != FC_TIME_NONE))
        n |= N_ATOM;
    return n;
}

static void el(struct rss_writer *w, const char *name, const char *text)
{
    fc_xw_elem(&w->w, name, text);
}

static void el_ns(struct rss_writer *w, unsigned bit, const char *name, const char *text)
{
    for (size_t i = 0; i < COUNT(known_ns); i++)
        if (known_ns[i].bit == bit)
            fc_xw_elem_ns(&w->w, known_ns[i].uri, known_ns[i].prefix, name, text);
}

static void el_ns_start(struct rss_writer *w, unsigned bit, const char *name)
{
    for (size_t i = 0; i < COUNT(known_ns); i++)
        if (known_ns[i].bit == bit)
            fc_xw_start_ns(&w->w, known_ns[i].uri, known_ns[i].prefix, name);
}

static void el_int(struct rss_writer *w, const char *name, int64_t v)
{
    char tmp[32];
    snprintf(tmp, sizeof tmp, "%lld", (long long)v);
    el(w, name, tmp);
}

/* A date that did not parse, as it was, in fc:RAW (rawPublished /
 * rawUpdated, the Atom writer's names): the RFC 822 and RFC 3339
 * elements take only dates.  True when t is one. */
static bool el_raw_date(struct rss_writer *w, const char *raw, const struct fc_time *t)
{
    if (!t->raw || t->precision != FC_TIME_NONE)
        return false;
    fc_xw_elem_ns(&w->w, FC_NS_FEEDCONV, "fc", raw, t->raw);
    return true;
}

/* RFC 822 with the original offset. */
static void el_date(struct rss_writer *w, const char *name, const char *raw,
                    const struct fc_time *t)
{
    char tmp[64];
    if (!fc_time_present(t) || el_raw_date(w, raw, t))
        return;
    if (fc_time_rfc822(t, tmp, sizeof tmp))
        el(w, name, tmp);
}

static void el_date3339(struct rss_writer *w, unsigned bit, const char *name, const char *raw,
                        const struct fc_time *t)
{
    char tmp[64];
    if (!fc_time_present(t) || el_raw_date(w, raw, t))
        return;
    if (fc_time_rfc3339(t, tmp, sizeof tmp))
        el_ns(w, bit, name, tmp);
}

/* HTML in CDATA when it looks like HTML (tags or entities), else as
 * escaped text: either way the reader gets the same string back, and the
 * reader's fc_looks_like_html sees the same type, so a second pass writes
 * the same bytes. */
static void put_html(struct rss_writer *w, const char *html)
{
    if (fc_looks_like_html(html))
        fc_xw_cdata(&w->w, html, (size_t)-1);
    else
        fc_xw_text(&w->w, html, (size_t)-1);
}

/* A text construct as RSS HTML (description).  Plain text that would be
 * taken for HTML is escaped into HTML first so readers show it
 * literally; other plain text goes as is. */
static void el_html(struct rss_writer *w, const char *name, const struct fc_text *t)
{
    if (!t->value)
        return;
    fc_xw_start(&w->w, name);
    if (t->type == FC_TEXT && fc_looks_like_html(t->value)) {
        struct fc_buf b;
        fc_buf_init(&b);
        fc_xml_escape(&b, t->value, strlen(t->value), false);
        if (b.oom)
            w->w.oom = true;
        else
            fc_xw_cdata(&w->w, fc_buf_cstr(&b), b.len);
        fc_buf_free(&b);
    } else {
        put_html(w, t->value);
    }
    fc_xw_end(&w->w);
}

/* A text construct as RSS plain text (titles, copyright). */
static void el_text(struct rss_writer *w, struct fc_arena *a, const char *name,
                    const struct fc_text *t)
{
    if (!t->value)
        return;
    if (t->type == FC_TEXT) {
        el(w, name, t->value);
        return;
    }
    char *s = fc_html_to_text(a, t->value);
    if (!s)
        w->w.oom = true;
    else
        el(w, name, s);
}

static void el_person(struct rss_writer *w, const char *name, const struct fc_person *p)
{
    char tmp[600];
    if (!p->email)
        return;
    if (p->name)
        snprintf(tmp, sizeof tmp, "%s (%s)", p->email, p->name);
    else
        snprintf(tmp, sizeof tmp, "%s", p->email);
    el(w, name, tmp);
}

/* A person as <author> ("email (Name)"), or as dc:creator / dc:contributor
 * (a name, else the email); what the text cannot carry goes in fc:
 * attributes the reader takes back: fc:email beside a name, fc:uri,
 * fc:avatar. */
static void person_el(struct rss_writer *w, const char *dc_name, const struct fc_person *p)
{
    char tmp[600];
    if (!dc_name) {
        if (p->name)
            snprintf(tmp, sizeof tmp, "%s (%s)", p->email, p->name);
        else
            snprintf(tmp, sizeof tmp, "%s", p->email);
        fc_xw_start(&w->w, "author");
    } else {
        snprintf(tmp, sizeof tmp, "%s", p->name ? p->name : p->email ? p->email : "");
        el_ns_start(w, N_DC, dc_name);
        if (p->name && p->email)
            fc_xw_attr_ns(&w->w, FC_NS_FEEDCONV, "fc", "email", p->email);
    }
    fc_xw_attr_ns(&w->w, FC_NS_FEEDCONV, "fc", "uri", p->url);
    fc_xw_attr_ns(&w->w, FC_NS_FEEDCONV, "fc", "avatar", p->avatar);
    fc_xw_text(&w->w, tmp, (size_t)-1);
    fc_xw_end(&w->w);
}

static void atom_link(struct rss_writer *w, const char *rel, const char *href, const char *type)
{
    fc_xw_start_ns(&w->w, FC_NS_ATOM, "atom", "link");
    fc_xw_attr(&w->w, "href", href);
    fc_xw_attr(&w->w, "rel", rel);
    fc_xw_attr(&w->w, "type", type);
    fc_xw_end(&w->w);
}

static void atom_links(struct rss_writer *w, const struct fc_list *links)
{
    char tmp[32];
    for (const struct fc_link *l = links->first; l; l = l->next) {
        if (!l->href)
            continue;
        fc_xw_start_ns(&w->w, FC_NS_ATOM, "atom", "link");
        fc_xw_attr(&w->w, "href", l->href);
        fc_xw_attr(&w->w, "rel", l->rel);
        fc_xw_attr(&w->w, "type", l->type);
        fc_xw_attr(&w->w, "hreflang", l->hreflang);
        fc_xw_attr(&w->w, "title", l->title);
        if (l->length >= 0) {
            snprintf(tmp, sizeof tmp, "%lld", (long long)l->length);
            fc_xw_attr(&w->w, "length", tmp);
        }
        fc_xw_end(&w->w);
    }
}

static void categories(struct rss_writer *w, const struct fc_list *tags)
{
    for (const struct fc_tag *t = tags->first; t; t = t->next) {
        const char *term = t->term ? t->term : t->label;
        if (!term)
            continue;
        fc_xw_start(&w->w, "category");
        fc_xw_attr(&w->w, "domain", t->scheme);
        if (t->term && t->label) /* an Atom label: no RSS attribute */
            fc_xw_attr_ns(&w->w, FC_NS_FEEDCONV, "fc", "label", t->label);
        fc_xw_text(&w->w, term, (size_t)-1);
        fc_xw_end(&w->w);
    }
}

/* An element in no namespace that RSS does not define (a reader keeps
 * one, and a repeat of a single element): RSS 2.0 takes elements it does
 * not describe only in a namespace ("Extending RSS"). */
static bool no_namespace(const struct fc_ext *e)
{
    return e->kind == FC_EXT_XML && e->name && (!e->ns || !*e->ns);
}

static enum fc_status exts(struct rss_writer *w, const struct fc_ext *e, struct fc_error *err)
{
    enum fc_status st = FC_OK;
    for (; e && st == FC_OK; e = e->next)
        if (no_namespace(e))
            st = lose(w, L_NO_NS,
                      "elements in no namespace are not RSS 2.0 (extensions need one); dropped",
                      err);
        else if (!writes_ext(e) || !fc_xw_ext(&w->w, e))
            st = lose(w, L_EXT, "JSON / YAML extensions have no RSS form; dropped", err);
    return st;
}

/* An element RSS requires that the model lacks, made up and marked
 * fc:synthetic="true" (readers drop it again), with a warning. */
static enum fc_status el_synthetic(struct rss_writer *w, const char *name, const char *text,
                                   const char *why, struct fc_error *err)
{
    fc_xw_start(&w->w, name);
    fc_xw_attr_ns(&w->w, FC_NS_FEEDCONV, "fc", "synthetic", "true");
    fc_xw_text(&w->w, text, (size_t)-1);
    fc_xw_end(&w->w);
    return wwarn(w, err, "%s; wrote <%s> \"%.100s\" (marked fc:synthetic)", why, name, text);
}

/* The channel link made up when nothing tells the site: a host that
 * cannot exist (RFC 2606 .invalid), as the Atom writer's ids use. */
#define NO_SITE "https://feedconv.invalid/"

/*
 * The three required channel elements, from honest sources only; what is
 * made up is marked synthetic and warned about:
 * title: the title, else the home page URL, else the feed URL, else
 *   "Untitled" (synthetic);
 * link: home_url (an alternate link, or --link) when it is an absolute
 *   URL (RSS has no base to resolve a relative one against: that goes to
 *   an atom:link rel="alternate", which may be relative), else the site
 *   of the feed's self link, else of the first item's link, else
 *   NO_SITE (synthetic; the last warned about: give --link URL);
 * description: subtitle, else JSON Feed's description, else the title
 *   (synthetic).
 */
static enum fc_status write_required(struct rss_writer *w, const struct fc_feed *f,
                                     const struct fc_post *first, struct fc_error *err)
{
    enum fc_status st = FC_OK;
    const char *title = f->title.value;
    if (title) {
        el_text(w, f->arena, "title", &f->title);
    } else {
        st = fc_writer_title(f->arena, f, &title, err);
        if (!st)
            st = el_synthetic(w, "title", title, "the channel has no title", err);
    }
    const char *home = f->home_url && fc_url_is_iri(f->home_url) ? f->home_url : NULL;
    const char *site = home ? NULL : fc_url_site(f->arena, f->feed_url);
    const char *from = "the self link's site";
    if (!home && !site && first && first->url && fc_url_is_iri(first->url)) {
        site = fc_url_site(f->arena, first->url);
        from = "the first item's site";
    }
    if (home) {
        el(w, "link", home);
    } else if (site && !st) {
        char why[80];
        snprintf(why, sizeof why, "the channel has no %slink: %s", f->home_url ? "absolute " : "",
                 from);
        st = el_synthetic(w, "link", site, why, err);
    } else if (!st) {
        st = el_synthetic(w, "link", NO_SITE,
                          "the channel has no link and none can be told (give --link URL)", err);
    }
    if (f->home_url && !home)
        atom_link(w, "alternate", f->home_url, NULL);
    if (f->subtitle.value) {
        el_html(w, "description", &f->subtitle);
    } else if (f->description_text) {
        struct fc_text d = {f->description_text, FC_TEXT};
        el_html(w, "description", &d);
    } else if (!st) {
        struct fc_arena *a = f->arena;
        const char *t = f->title.type == FC_TEXT ? title : fc_html_to_text(a, title);
        if (!t)
            w->w.oom = true;
        else
            st = el_synthetic(w, "description", t, "the channel has no description", err);
    }
    return st;
}

static void write_image(struct rss_writer *w, const struct fc_feed *f)
{
    const struct fc_image *im = &f->image;
    if (!im->url)
        return;
    fc_xw_start(&w->w, "image");
    el(w, "url", im->url);
    /* title and link are required; the channel's are what the spec means */
    el(w, "title", im->title ? im->title : f->title.value ? f->title.value : "");
    el(w, "link", im->link ? im->link : f->home_url ? f->home_url : "");
    if (im->width >= 0)
        el_int(w, "width", im->width);
    if (im->height >= 0)
        el_int(w, "height", im->height);
    el(w, "description", im->description);
    fc_xw_end(&w->w);
}

static void write_feed_misc(struct rss_writer *w, const struct fc_feed *f)
{
    char tmp[32];
    if (f->cloud.domain) {
        fc_xw_start(&w->w, "cloud");
        fc_xw_attr(&w->w, "domain", f->cloud.domain);
        if (f->cloud.port >= 0) {
            snprintf(tmp, sizeof tmp, "%d", f->cloud.port);
            fc_xw_attr(&w->w, "port", tmp);
        }
        fc_xw_attr(&w->w, "path", f->cloud.path);
        fc_xw_attr(&w->w, "registerProcedure", f->cloud.procedure);
        fc_xw_attr(&w->w, "protocol", f->cloud.protocol);
        fc_xw_end(&w->w);
    }
    if (f->ttl >= 0)
        el_int(w, "ttl", f->ttl);
    write_image(w, f);
    el(w, "rating", f->rating);
    const struct fc_text_input *ti = &f->text_input;
    if (ti->name || ti->link) {
        fc_xw_start(&w->w, "textInput");
        el(w, "title", ti->title ? ti->title : "");
        el(w, "description", ti->description ? ti->description : "");
        el(w, "name", ti->name ? ti->name : "");
        el(w, "link", ti->link ? ti->link : "");
        fc_xw_end(&w->w);
    }
    if (f->skip_hours & 0xFFFFFFu) {
        fc_xw_start(&w->w, "skipHours");
        for (int h = 0; h < 24; h++)
            if (f->skip_hours & ((uint32_t)1 << h))
                el_int(w, "hour", h);
        fc_xw_end(&w->w);
    }
    if (f->skip_days & 0x7Fu) {
        fc_xw_start(&w->w, "skipDays");
        for (int d = 0; d < 7; d++)
            if (f->skip_days & (1u << d))
                el(w, "day", fc_rss_day_names[d]);
        fc_xw_end(&w->w);
    }
}

static bool streq0(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

static bool same_person(const struct fc_person *a, const struct fc_person *b)
{
    return (a->name || a->email) && streq0(a->name, b->name) && streq0(a->email, b->email) &&
           !a->url && !a->avatar;
}

static enum fc_status write_feed_people(struct rss_writer *w, const struct fc_feed *f,
                                        struct fc_error *err)
{
    enum fc_status st = FC_OK;
    el_person(w, "managingEditor", &f->editor);
    el_person(w, "webMaster", &f->webmaster);
    if ((!f->editor.email && f->editor.name) || (!f->webmaster.email && f->webmaster.name))
        st = lose(w, L_FEED_PERSON, "managingEditor / webMaster need an email; name dropped", err);
    for (const struct fc_person *p = f->authors.first; p; p = p->next)
        if (writes_author(f, p)) /* not the one readers take from managingEditor */
            person_el(w, "creator", p);
    for (const struct fc_person *p = f->contributors.first; p; p = p->next)
        person_el(w, "contributor", p);
    return st;
}

static enum fc_status write_generator(struct rss_writer *w, const struct fc_feed *f,
                                      struct fc_error *err)
{
    const struct fc_generator *g = &f->generator;
    char tmp[600];
    if (!g->name && !g->uri)
        return FC_OK;
    if (g->name && g->version)
        snprintf(tmp, sizeof tmp, "%s %s", g->name, g->version);
    else
        snprintf(tmp, sizeof tmp, "%s", g->name ? g->name : g->uri);
    el(w, "generator", tmp);
    return g->name && g->uri ? lose(w, L_GENERATOR, "generator URI dropped", err) : FC_OK;
}

/* Everything in <channel> but the three required elements: in the header
 * for the whole feed, and at the end for what arrived after the items. */
static enum fc_status write_channel_body(struct rss_writer *w, const struct fc_feed *f,
                                         struct fc_error *err)
{
    enum fc_status st;
    if (f->feed_url)
        atom_link(w, "self", f->feed_url, "application/rss+xml");
    for (const struct fc_hub *h = f->hubs.first; h; h = h->next)
        if (h->url)
            atom_link(w, "hub", h->url, NULL);
    if (f->next_url)
        atom_link(w, "next", f->next_url, "application/rss+xml");
    atom_links(w, &f->links);
    if (f->id)
        el_ns(w, N_ATOM, "id", f->id);
    if (f->icon)
        el_ns(w, N_ATOM, "icon", f->icon);
    el(w, "language", fc_lang_bcp47(f->arena, f->language));
    el_text(w, f->arena, "copyright", &f->rights);
    if ((st = write_feed_people(w, f, err)) != FC_OK)
        return st;
    el_date(w, "pubDate", "rawPublished", &f->published);
    el_date(w, "lastBuildDate", "rawUpdated", &f->updated);
    categories(w, &f->categories);
    if ((st = write_generator(w, f, err)) != FC_OK)
        return st;
    el(w, "docs", f->docs);
    write_feed_misc(w, f);
    fc_xw_pod_feed(&w->w, f);
    if ((f->description_text && f->subtitle.value) || f->user_comment || f->expired == 1)
        if ((st = lose(w, L_JSON_FEED,
                       "JSON Feed description / user_comment / expired have no RSS element",
                       err)) != FC_OK)
            return st;
    /* a site's time zone is not lost: every date carries its offset */
    if (f->menus.first &&
        (st = lose(w, L_SITE_FEED, "a site's menus have no element; dropped", err)) != FC_OK)
        return st;
    return exts(w, f->exts.first, err);
}

/* The list without its first `skip` elements (those already written). */
static struct fc_list list_tail(const struct fc_list *l, size_t skip)
{
    struct fc_list t = *l;
    struct fc_tag *e = t.first; /* any element: `next` comes first */
    for (size_t i = 0; i < skip && e; i++)
        e = e->next;
    t.first = e;
    t.count = l->count > skip ? l->count - skip : 0;
    if (!e)
        t.last = NULL;
    return t;
}

/* What the feed gained after the header was written (readers set
 * channel elements that follow the items late): fields absent in `was`
 * and present in `now`, list elements past the old counts. */
static void feed_delta(const struct fc_feed *was, const struct fc_feed *now, struct fc_feed *d)
{
    memset(d, 0, sizeof *d);
    d->arena = now->arena;
    d->ttl = was->ttl < 0 ? now->ttl : -1;
    d->cloud.port = -1;
    d->image.width = d->image.height = -1;
    d->expired = -1;
#define NEWLY(field) d->field = was->field ? NULL : now->field
    NEWLY(feed_url);
    NEWLY(next_url);
    NEWLY(id);
    NEWLY(icon);
    NEWLY(language);
    NEWLY(docs);
    NEWLY(rating);
#undef NEWLY
    if (!was->rights.value)
        d->rights = now->rights;
    if (!was->generator.name && !was->generator.uri)
        d->generator = now->generator;
    if (!was->editor.name && !was->editor.email)
        d->editor = now->editor;
    if (!was->webmaster.name && !was->webmaster.email)
        d->webmaster = now->webmaster;
    if (!fc_time_present(&was->published))
        d->published = now->published;
    if (!fc_time_present(&was->updated))
        d->updated = now->updated;
    if (!was->image.url)
        d->image = now->image;
    if (!was->text_input.name && !was->text_input.link)
        d->text_input = now->text_input;
    if (!was->cloud.domain)
        d->cloud = now->cloud;
    if (!fc_xw_pod_feed_ns(was))
        d->podcast = now->podcast;
    else
        d->podcast.explicit_content = d->podcast.block = d->podcast.complete = d->podcast.locked =
            -1;
    d->skip_hours = now->skip_hours & ~was->skip_hours;
    d->skip_days = (uint8_t)(now->skip_days & ~was->skip_days);
    d->hubs = list_tail(&now->hubs, was->hubs.count);
    d->links = list_tail(&now->links, was->links.count);
    d->authors = list_tail(&now->authors, was->authors.count);
    d->contributors = list_tail(&now->contributors, was->contributors.count);
    d->categories = list_tail(&now->categories, was->categories.count);
    d->exts = list_tail(&now->exts, was->exts.count);
}

/* Apple Podcasts' required tags (podcasters.apple.com, "RSS feed
 * requirements"), one warning each. */
static enum fc_status check_podcast_channel(struct rss_writer *w, const struct fc_feed *f,
                                            struct fc_error *err)
{
    const struct {
        bool missing;
        const char *tag;
    } req[] = {
        {!f->title.value, "<title>"},
        {!f->subtitle.value && !f->description_text, "<description>"},
        {!f->podcast.image, "<itunes:image>"},
        {!f->language, "<language>"},
        {!f->podcast.categories.first, "<itunes:category>"},
        {f->podcast.explicit_content < 0, "<itunes:explicit>"},
    };
    enum fc_status st = FC_OK;
    for (size_t i = 0; i < COUNT(req) && !st; i++)
        if (req[i].missing)
            st = wwarn(w, err, "a podcast: Apple Podcasts requires %s in the channel", req[i].tag);
    return st;
}

static enum fc_status write_header(struct rss_writer *w, const struct fc_post *first,
                                   struct fc_error *err)
{
    const struct fc_feed *f = w->feed;
    struct fc_xw *x = &w->w;
    enum fc_status st;
    /* The root declares what the header and the first post use; later
     * posts declare locally what more they need. */
    unsigned need = feed_needs(f) | (first ? post_needs(first) : 0);
    fc_xw_decl(x);
    fc_xw_start(x, "rss");
    fc_xw_attr(x, "version", "2.0");
    for (size_t i = 0; i < COUNT(known_ns); i++)
        if (need & known_ns[i].bit)
            fc_xw_declare(x, known_ns[i].prefix, known_ns[i].uri);
    fc_xw_pod_declare(x, fc_xw_pod_feed_ns(f) | (first ? fc_xw_pod_post_ns(first, POD_FLAGS) : 0));
    for (const struct fc_ext *e = f->exts.first; e; e = e->next)
        fc_xw_declare_ext_ns(x, e);
    if (first)
        for (const struct fc_ext *e = first->exts.first; e; e = e->next)
            fc_xw_declare_ext_ns(x, e);
    fc_xw_start(x, "channel");
    if (f->base)
        fc_xw_attr(x, "xml:base", f->base);
    if ((st = write_required(w, f, first, err)) != FC_OK ||
        (st = write_channel_body(w, f, err)) != FC_OK)
        return st;
    /* a podcast has podcast data: a blog post with an audio file does not
     * make its blog one */
    w->podcast = fc_xw_pod_feed_ns(f);
    if (w->podcast && (st = check_podcast_channel(w, f, err)) != FC_OK)
        return st;
    w->snap = *f;
    w->header_done = true;
    return fc_xw_status(x, err);
}

static enum fc_status write_authors(struct rss_writer *w, const struct fc_post *p,
                                    struct fc_error *err)
{
    (void)err;
    /* RSS <author> needs an email ("email (Name)") and is one element
     * ("the email address of the author"): the first author with an
     * email; the others go to dc:creator (fc:email keeps theirs). */
    const struct fc_person *rss = NULL;
    for (const struct fc_person *a = p->authors.first; a && !rss; a = a->next)
        if (person_is_rss(a))
            rss = a;
    for (const struct fc_person *a = p->authors.first; a; a = a->next)
        if (a == rss || a->name || a->email)
            person_el(w, a == rss ? NULL : "creator", a);
    for (const struct fc_person *a = p->contributors.first; a; a = a->next)
        person_el(w, "contributor", a);
    return FC_OK;
}

/* A guid identifies its item: one written before (a feed that repeats
 * an entry) is written with "#2", "#3", ... after it (the first free, as
 * the JSON Feed writer does), the original in fc:id, and warned about.
 * *unique: the guid to write (in w->unique), NULL: the id itself. */
static enum fc_status unique_guid(struct rss_writer *w, const char *id, const char **unique,
                                  struct fc_error *err)
{
    *unique = NULL;
    int r = fc_idset_take(&w->ids, id, &w->unique);
    if (r == 0)
        *unique = fc_buf_cstr(&w->unique);
    if (r < 0)
        return fc_nomem(err);
    return *unique ? wwarn(w, err,
                           "the guid was written before; wrote \"%.200s\" (the original "
                           "in fc:id)",
                           *unique)
                   : FC_OK;
}

static enum fc_status write_guid(struct rss_writer *w, const struct fc_post *p,
                                 struct fc_error *err)
{
    const char *id = p->id, *unique;
    if (!id || !id[strspn(id, " \t\r\n")]) /* a blank id identifies nothing */
        return FC_OK;
    enum fc_status st = unique_guid(w, id, &unique, err);
    if (st != FC_OK)
        return st;
    fc_xw_start(&w->w, "guid");
    /* Absent isPermaLink means "true"; say "false" unless the id is
     * known to be (or is equal to) the permalink.  A permalink is a URL
     * a browser opens: an id that is no absolute URL (a reference
     * relative to an xml:base RSS does not define) is not one, nor a
     * repeated id made unique. */
    bool url = fc_url_is_iri(id) && !unique;
    if (p->id_is_permalink == 1 && url) {
        fc_xw_attr(&w->w, "isPermaLink", "true");
    } else if (p->id_is_permalink == 0) {
        fc_xw_attr(&w->w, "isPermaLink", "false");
    } else if (!url || !p->url || strcmp(p->id, p->url) != 0) {
        /* the model does not say: "false", marked as the writer's */
        fc_xw_attr(&w->w, "isPermaLink", "false");
        fc_xw_attr_ns(&w->w, FC_NS_FEEDCONV, "fc", "synthetic", "isPermaLink");
    }
    if (unique)
        fc_xw_attr_ns(&w->w, FC_NS_FEEDCONV, "fc", "id", id);
    fc_xw_text(&w->w, unique ? unique : id, (size_t)-1);
    fc_xw_end(&w->w);
    return FC_OK;
}

/* <enclosure> for each attachment of kind FC_MEDIA_ENCLOSURE (the others
 * are media:content and podcast:alternateEnclosure).  length and type are
 * required: an unknown type is guessed from the URL, else
 * application/octet-stream; an unknown length is 0; made-up values are
 * named in fc:synthetic ("length type") so readers drop them.  The first
 * enclosure's duration is itunes:duration (xml_podcast.c). */
static enum fc_status write_enclosures(struct rss_writer *w, const struct fc_post *p,
                                       struct fc_error *err)
{
    char tmp[32];
    enum fc_status st = FC_OK;
    const struct fc_media *first = fc_post_enclosure(p);
    for (const struct fc_media *m = first; m; m = m->next) {
        if (!m->url || m->kind != FC_MEDIA_ENCLOSURE)
            continue;
        const char *type = m->type ? m->type : fc_media_type_guess(m->url);
        fc_xw_start(&w->w, "enclosure");
        fc_xw_attr(&w->w, "url", m->url);
        snprintf(tmp, sizeof tmp, "%lld", (long long)(m->length >= 0 ? m->length : 0));
        fc_xw_attr(&w->w, "length", tmp);
        fc_xw_attr(&w->w, "type", type ? type : "application/octet-stream");
        if (m->length < 0 || !type)
            fc_xw_attr_ns(&w->w, FC_NS_FEEDCONV, "fc", "synthetic",
                          m->length >= 0 ? "type"
                          : type         ? "length"
                                         : "length type");
        fc_xw_end(&w->w);
        if (st == FC_OK && (m->title || (m != first && m->duration >= 0)))
            st = lose(w, L_MEDIA, "attachment title / duration beyond the first dropped", err);
    }
    return st;
}

/* A title for an item that has neither title nor description (RSS wants
 * one of them): its first attachment's or media title, else "Untitled". */
static const char *stand_in_title(const struct fc_post *p)
{
    for (const struct fc_media *m = p->attachments.first; m; m = m->next)
        if (m->title)
            return m->title;
    if (p->media && p->media->title.value)
        return p->media->title.value;
    for (const struct fc_media_group *g = p->media_groups.first; g; g = g->next)
        if (g->meta.title.value)
            return g->meta.title.value;
    return "Untitled";
}

/* RSS wants a title or a description: the description is the summary,
 * else (no title either) the content: HTML content also goes to
 * content:encoded, so its copy here is marked synthetic. */
static void write_description(struct rss_writer *w, const struct fc_post *p)
{
    if (p->summary.value) {
        el_html(w, "description", &p->summary);
    } else if (!p->title.value && p->content_html) {
        struct fc_text t = {p->content_html, FC_HTML};
        fc_xw_start(&w->w, "description");
        fc_xw_attr_ns(&w->w, FC_NS_FEEDCONV, "fc", "synthetic", "true");
        put_html(w, t.value);
        fc_xw_end(&w->w);
    } else if (!p->title.value && p->content_text) {
        struct fc_text t = {p->content_text, FC_TEXT};
        el_html(w, "description", &t);
    }
}

/* A site's data RSS 2.0 has no element for (the comment count it has). */
static bool site_data(const struct fc_post *p)
{
    for (const struct fc_tag *t = p->categories.first; t; t = t->next)
        if (t->slug)
            return true;
    return p->kind || p->parent_id || p->weight || p->private_post > 0 || p->sticky > 0 ||
           fc_time_present(&p->expires) || p->aliases.first || p->comments.first;
}

/* The item's title; one made up (synthetic) when it has neither title
 * nor anything for a description. */
static enum fc_status write_title(struct rss_writer *w, struct fc_post *p, struct fc_error *err)
{
    if (p->title.value || p->summary.value || p->content_html || p->content_text) {
        el_text(w, p->arena, "title", &p->title);
        return FC_OK;
    }
    return el_synthetic(w, "title", stand_in_title(p), "the item has neither title nor description",
                        err);
}

static enum fc_status check_podcast_item(struct rss_writer *w, const struct fc_post *p,
                                         struct fc_error *err)
{
    enum fc_status st = FC_OK;
    if (!p->title.value)
        st = wwarn(w, err, "a podcast: Apple Podcasts requires the episode's <title>");
    const struct fc_media *m = fc_post_enclosure(p);
    if (!st && (!m || !m->url))
        st = wwarn(w, err, "a podcast: Apple Podcasts requires the episode's <enclosure>");
    return st;
}

static enum fc_status write_item_losses(struct rss_writer *w, const struct fc_post *p,
                                        struct fc_error *err)
{
    enum fc_status st = FC_OK;
    if (site_data(p))
        st = lose(w, L_SITE,
                  "page kind, parent, order, visibility, expiry, old addresses, comments and "
                  "category slugs have no element; dropped (the comment count is kept)",
                  err);
    if (st == FC_OK && (p->content_src || p->content_type))
        st = lose(w, L_CONTENT_SRC, "out-of-line content (src / type) dropped", err);
    if (st == FC_OK && p->banner_image)
        st = lose(w, L_IMAGE, "post banner_image dropped", err);
    if (st == FC_OK && p->source && (p->source->id || fc_time_present(&p->source->updated)))
        st = lose(w, L_SOURCE, "source id / updated dropped", err);
    if (st == FC_OK && p->slug)
        st = lose(w, L_SLUG, "slug dropped", err);
    if (st == FC_OK && p->draft == 1)
        st = lose(w, L_DRAFT, "a draft post is written as published", err);
    return st;
}

static enum fc_status write_item(struct rss_writer *w, struct fc_post *p, struct fc_error *err)
{
    struct fc_xw *x = &w->w;
    enum fc_status st;
    fc_xw_start(x, "item");
    if (p->base)
        fc_xw_attr(x, "xml:base", p->base);
    if ((st = write_title(w, p, err)) != FC_OK)
        return st;
    /* <link> is a URL; a relative reference (no base told it) goes to an
     * atom:link, whose href may be one, and is read back from there */
    if (p->url && fc_url_is_iri(p->url))
        el(w, "link", p->url);
    else if (p->url)
        atom_link(w, "alternate", p->url, NULL);
    el(w, "comments", p->comments_url);
    el_date(w, "pubDate", "rawPublished", &p->published);
    el_date3339(w, N_ATOM, "updated", "rawUpdated", &p->updated);
    if ((st = write_authors(w, p, err)) != FC_OK)
        return st;
    categories(w, &p->categories);
    if ((st = write_guid(w, p, err)) != FC_OK)
        return st;
    write_description(w, p);
    if (p->content_html) {
        fc_xw_start_ns(x, FC_NS_CONTENT, "content", "encoded");
        fc_xw_cdata(x, p->content_html, (size_t)-1);
        fc_xw_end(x);
    } else if (p->content_text && (p->summary.value || p->title.value)) {
        /* plain text as HTML that shows it literally (unless it already
         * went into the description) */
        struct fc_buf b;
        fc_buf_init(&b);
        fc_xml_escape(&b, p->content_text, strlen(p->content_text), false);
        fc_xw_start_ns(x, FC_NS_CONTENT, "content", "encoded");
        if (b.oom)
            x->oom = true;
        else
            fc_xw_cdata(x, fc_buf_cstr(&b), b.len);
        fc_xw_end(x);
        fc_buf_free(&b);
    }
    if ((st = write_enclosures(w, p, err)) != FC_OK)
        return st;
    if (p->source && (p->source->url || p->source->home_url)) {
        fc_xw_start(x, "source");
        fc_xw_attr(x, "url", p->source->url ? p->source->url : p->source->home_url);
        fc_xw_text(x, p->source->title, (size_t)-1);
        fc_xw_end(x);
    }
    el_ns(w, N_WFW, "commentRss", p->comments_feed);
    if (p->comment_count >= 0) {
        char tmp[32];
        snprintf(tmp, sizeof tmp, "%lld", (long long)p->comment_count);
        el_ns(w, N_SLASH, "comments", tmp);
    }
    if (p->external_url)
        atom_link(w, "related", p->external_url, NULL);
    atom_links(w, &p->links);
    fc_xw_pod_post(x, p, POD_FLAGS);
    el_ns(w, N_DC, "language", fc_lang_bcp47(p->arena, p->language));
    if (p->rights.value) {
        struct fc_text r = p->rights;
        if (r.type != FC_TEXT && !(r.value = fc_html_to_text(p->arena, r.value)))
            x->oom = true;
        el_ns(w, N_DC, "rights", r.value);
    }
    if ((st = exts(w, p->exts.first, err)) != FC_OK || (st = write_item_losses(w, p, err)) != FC_OK)
        return st;
    fc_xw_end(x);
    return fc_xw_status(x, err);
}

static enum fc_status wr_begin(void *ctx, struct fc_feed *feed, struct fc_error *err)
{
    struct rss_writer *w = ctx;
    (void)err;
    w->feed = feed; /* the header waits for the first post (see write_header) */
    return FC_OK;
}

/* The header, once: before the first item, or at the end of a feed
 * without items (begin() may not have been called). */
static enum fc_status header_once(struct rss_writer *w, struct fc_feed *feed,
                                  const struct fc_post *first, struct fc_error *err)
{
    if (!w->feed)
        w->feed = feed;
    return w->header_done ? FC_OK : write_header(w, first, err);
}

static enum fc_status wr_post(void *ctx, struct fc_feed *feed, struct fc_post *post,
                              struct fc_error *err)
{
    struct rss_writer *w = ctx;
    enum fc_status st = header_once(w, feed, post, err);
    w->items++;
    if (post->id)
        snprintf(w->item_ref, sizeof w->item_ref, "item %lu (id %.100s)", w->items, post->id);
    else
        snprintf(w->item_ref, sizeof w->item_ref, "item %lu", w->items);
    if (!st && w->podcast)
        st = check_podcast_item(w, post, err);
    if (!st)
        st = write_item(w, post, err);
    w->item_ref[0] = '\0';
    return st ? st : fc_out_buf(w->base.out, &w->buf, err);
}

static enum fc_status wr_end(void *ctx, struct fc_feed *feed, struct fc_error *err)
{
    struct rss_writer *w = ctx;
    enum fc_status st = header_once(w, feed, NULL, err);
    if (st)
        return st;
    /* Channel elements that came after the items: RSS puts no order on
     * the channel's children, so they follow the items. */
    struct fc_feed late;
    feed_delta(&w->snap, w->feed, &late);
    if ((st = write_channel_body(w, &late, err)) != FC_OK)
        return st;
    if ((!w->snap.title.value && w->feed->title.value) ||
        (!w->snap.home_url && w->feed->home_url) ||
        (!w->snap.subtitle.value && w->feed->subtitle.value))
        if ((st = lose(w, L_SYNTH, "title / link / description after the items ignored", err)))
            return st;
    fc_xw_finish(&w->w);
    if ((st = fc_xw_status(&w->w, err)) != FC_OK)
        return st;
    return fc_out_buf(w->base.out, &w->buf, err);
}

static void wr_destroy(void *ctx)
{
    struct rss_writer *w = ctx;
    fc_xw_free(&w->w);
    fc_buf_free(&w->buf);
    fc_idset_free(&w->ids);
    fc_buf_free(&w->unique);
    free(w);
}

enum fc_status fc_rss_open_writer(struct fc_output *out, const struct fc_options *opt,
                                  struct fc_handler **writer, struct fc_error *err)
{
    struct rss_writer *w = calloc(1, sizeof *w); /* buf: empty when zeroed */
    if (w) {
        fc_xw_init(&w->w, &w->buf, 2);
        w->base.h = (struct fc_handler){w, wr_begin, wr_post, wr_end, wr_destroy};
    }
    return fc_writer_open(w, "RSS 2.0", false, out, opt, writer, err);
}
