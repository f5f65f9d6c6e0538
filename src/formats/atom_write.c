/*
 * atom_write.c - the Atom 1.0 writer.  The mapping, the feedconv namespace
 * and the rules for required elements the model may lack are described at
 * the top of atom.c.
 */
#include "formats/atom.h"
#include "syntax/xml_podcast.h"
#include "util/media.h"

#include <stdlib.h>
#include <string.h>

#define TAG_PREFIX "tag:feedconv.invalid,2005:"
#define EPOCH_TEXT "1970-01-01T00:00:00Z"

/* RFC 4287 atomMediaType: ".+/.+". */
static bool media_type_ok(const char *t)
{
    const char *s = t ? strchr(t, '/') : NULL;
    return s && s != t && s[1] != '\0';
}

/* RFC 4287 atomLanguageTag: [A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*. */
static bool lang_ok(const char *s)
{
    if (!s || !*s)
        return false;
    size_t run = 0;
    bool first = true;
    for (; *s; s++) {
        char c = *s;
        bool alpha = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
        bool digit = c >= '0' && c <= '9';
        if (c == '-') {
            if (run == 0)
                return false;
            run = 0;
            first = false;
        } else if ((alpha || (digit && !first)) && ++run <= 8) {
            continue;
        } else {
            return false;
        }
    }
    return run > 0;
}

/* RFC 4287 atomEmailAddress: ".+@.+". */
static bool email_ok(const char *s)
{
    const char *at = s ? strchr(s, '@') : NULL;
    return at && at != s && at[1] != '\0';
}

/* Inline content that RFC 4287 says is Base64 (neither text nor XML). */
static bool base64_media(const char *t)
{
    return t && media_type_ok(t) && strncmp(t, "text/", 5) != 0 && !fc_atom_xml_media(t);
}

struct atom_writer {
    struct fc_writer base;  /* the handler, the output, the options */
    struct fc_buf main;     /* the document, flushed as it goes */
    struct fc_buf ents;     /* one held-back entry, on its way to the spool */
    struct fc_spool *spool; /* entries held back while the feed updated is
                               unknown: bounded memory, spills to a file */
    struct fc_xw w;
    struct fc_arena *scratch; /* plain titles and slugs; made on demand */
    bool begun, deferred, feed_authors;
    const char *placeholder;     /* author name for entries without one */
    struct fc_time feed_updated; /* entries fall back on it */
    struct fc_time newest;       /* newest entry date, for a deferred feed updated */
    uint64_t *undated;           /* spool offsets of held-back entries' stand-in
                                    updated, filled in by end() */
    size_t n_undated, cap_undated;
    const struct fc_post *cur; /* the entry being written, for warnings */
    unsigned long posts;
    struct fc_sticky s;        /* warnings; the first failure (strict mode) sticks.
                                  s.err: the error of the handler call under way */
    struct fc_xml_check check; /* may XHTML / XML content go out as markup? */
};

static void wwarn(struct atom_writer *w, const char *fmt, ...) FC_PRINTF(2, 3);
static void wwarn(struct atom_writer *w, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    if (!fc_sticky_ok(&w->s))
        return;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (w->posts && w->cur && w->cur->id)
        fc_sticky_warn(&w->s, 0, 0, "entry %lu (id %.100s): %s", w->posts, w->cur->id, msg);
    else if (w->posts)
        fc_sticky_warn(&w->s, 0, 0, "entry %lu: %s", w->posts, msg);
    else
        fc_sticky_warn(&w->s, 0, 0, "feed: %s", msg);
}

static void a_start(struct atom_writer *w, const char *name)
{
    fc_xw_start_ns(&w->w, FC_NS_ATOM, NULL, name);
}

static void a_elem(struct atom_writer *w, const char *name, const char *text)
{
    fc_xw_elem_ns(&w->w, FC_NS_ATOM, NULL, name, text);
}

static void x_elem(struct atom_writer *w, const char *name, const char *text)
{
    fc_xw_elem_ns(&w->w, FC_NS, "fc", name, text);
}

static void x_attr(struct atom_writer *w, const char *name, const char *value)
{
    fc_xw_attr_ns(&w->w, FC_NS, "fc", name, value);
}

static void synthetic(struct atom_writer *w)
{
    x_attr(w, "synthetic", "true");
}

/* Well-formed (XHTML: in the XHTML namespace) as element content? */
static bool xml_fragment_ok(struct atom_writer *w, const char *s, bool xhtml)
{
    bool ok = fc_xml_check(&w->check, s, xhtml ? FC_NS_XHTML : NULL);
    if (w->check.oom)
        w->w.oom = true; /* reported by fc_xw_status */
    return ok;
}

static void put_text(struct atom_writer *w, const char *name, const struct fc_text *t)
{
    if (!t->value)
        return;
    a_start(w, name);
    if (t->type == FC_XHTML && xml_fragment_ok(w, t->value, true)) {
        fc_xw_attr(&w->w, "type", "xhtml");
        fc_xw_start(&w->w, "div");
        fc_xw_declare(&w->w, "", FC_NS_XHTML);
        fc_xw_raw(&w->w, t->value, (size_t)-1);
        fc_xw_end(&w->w);
    } else {
        if (t->type != FC_TEXT)
            fc_xw_attr(&w->w, "type", "html");
        fc_xw_text(&w->w, t->value, (size_t)-1);
    }
    fc_xw_end(&w->w);
}

/*
 * A date construct: RFC 4287 wants a full date-time with a zone, so a
 * coarser time is completed (start of the period) and noted in
 * fc:precision, a floating one written as Z and noted as fc:zone.
 */
static void put_date_ns(struct atom_writer *w, const char *ns, const char *prefix, const char *name,
                        const struct fc_time *t, bool synth)
{
    struct fc_time c = *t;
    const char *prec = NULL;
    bool floating = false;
    char buf[64];
    if (c.precision < FC_TIME_SECOND) {
        prec = fc_atom_precision_names[c.precision];
        if (c.precision < FC_TIME_MINUTE)
            c.hour = c.minute = 0;
        c.second = 0;
        c.precision = FC_TIME_SECOND;
    }
    if (c.zone == FC_ZONE_NONE) {
        floating = true;
        c.zone = FC_ZONE_Z;
        c.offset = 0;
    }
    bool named = c.zone == FC_ZONE_NAME; /* "GMT", "EST": written as offsets */
    if (fc_time_rfc3339(&c, buf, sizeof buf) == 0)
        memcpy(buf, EPOCH_TEXT, sizeof EPOCH_TEXT);
    fc_xw_start_ns(&w->w, ns, prefix, name);
    if (synth)
        synthetic(w);
    if (prec)
        x_attr(w, "precision", prec);
    if (floating)
        x_attr(w, "zone", "floating");
    else if (named)
        x_attr(w, "zone", "name");
    fc_xw_text(&w->w, buf, (size_t)-1);
    fc_xw_end(&w->w);
}

static bool parsed(const struct fc_time *t)
{
    return t->precision != FC_TIME_NONE;
}

/* Optional date: parsed -> Atom (or fc) element, raw -> fc:raw<Name>. */
static void put_opt_date(struct atom_writer *w, bool atom, const char *name, const char *raw_name,
                         const struct fc_time *t)
{
    if (parsed(t))
        put_date_ns(w, atom ? FC_NS_ATOM : FC_NS, atom ? NULL : "fc", name, t, false);
    else if (t->raw)
        x_elem(w, raw_name, t->raw);
}

/* An element RFC 4287 requires and the model lacks, marked fc:synthetic
 * (the reader drops it again), holding text (NULL: empty). */
static void a_synthetic(struct atom_writer *w, const char *name, const char *text)
{
    a_start(w, name);
    synthetic(w);
    fc_xw_text(&w->w, text, (size_t)-1);
    fc_xw_end(&w->w);
}

/* An updated with no date to take: the feed's updated, which a held-back
 * entry (deferred: the feed's is known at end()) gets then: the epoch
 * stands in now, its place in the spool noted for aw_end() to fill. */
static void put_stand_in_updated(struct atom_writer *w)
{
    a_start(w, "updated");
    synthetic(w);
    fc_xw_text(&w->w, EPOCH_TEXT, (size_t)-1);
    if (w->deferred && w->posts && !w->w.oom) {
        if (w->n_undated == w->cap_undated) {
            size_t cap = w->cap_undated ? w->cap_undated * 2 : 64;
            uint64_t *u = realloc(w->undated, cap * sizeof *u);
            if (!u) {
                w->w.oom = true;
                return;
            }
            w->undated = u;
            w->cap_undated = cap;
        }
        w->undated[w->n_undated++] =
            fc_spool_size(w->spool) + w->w.out->len - (sizeof EPOCH_TEXT - 1);
    }
    fc_xw_end(&w->w);
}

/* The held-back entries' stand-in updated (put_stand_in_updated) set to
 * the feed's, when one is known, as UTC ("Z": the same 20 bytes). */
static enum fc_status patch_undated(struct atom_writer *w, const struct fc_time *t,
                                    struct fc_error *err)
{
    enum fc_status st = FC_OK;
    struct fc_time utc;
    char buf[64];
    if (!t || !w->n_undated)
        return FC_OK;
    fc_time_from_epoch(fc_time_epoch(t), &utc);
    if (fc_time_rfc3339(&utc, buf, sizeof buf) != sizeof EPOCH_TEXT - 1)
        return FC_OK;
    for (size_t i = 0; i < w->n_undated && !st; i++)
        st = fc_spool_patch(w->spool, w->undated[i], buf, sizeof EPOCH_TEXT - 1, err);
    return st;
}

static bool has_link(const struct fc_list *links, const char *rel, const char *href)
{
    for (const struct fc_link *l = links->first; l; l = l->next) {
        const char *lr = l->rel ? l->rel : "alternate";
        if (streq(lr, rel) && streq(l->href, href))
            return true;
    }
    return false;
}

/* A link; a type that is not a media type goes to fc:type. */
static void put_link_attrs(struct atom_writer *w, const char *rel, const char *href,
                           const char *type, const char *hreflang, const char *title,
                           int64_t length)
{
    a_start(w, "link");
    fc_xw_attr(&w->w, "rel", rel);
    fc_xw_attr(&w->w, "href", href);
    if (type && media_type_ok(type))
        fc_xw_attr(&w->w, "type", type);
    else if (type)
        x_attr(w, "type", type);
    if (hreflang && lang_ok(hreflang))
        fc_xw_attr(&w->w, "hreflang", hreflang);
    else if (hreflang)
        wwarn(w, "link hreflang \"%s\" is not a language tag; dropped", hreflang);
    fc_xw_attr(&w->w, "title", title);
    if (length >= 0) {
        char n[32];
        snprintf(n, sizeof n, "%lld", (long long)length);
        fc_xw_attr(&w->w, "length", n);
    }
}

static void put_links(struct atom_writer *w, const struct fc_list *links)
{
    for (const struct fc_link *l = links->first; l; l = l->next) {
        if (!l->href) {
            wwarn(w, "link without href dropped");
            continue;
        }
        put_link_attrs(w, l->rel, l->href, l->type, l->hreflang, l->title, l->length);
        fc_xw_end(&w->w);
    }
}

/* A named link, unless `links` carries it (with more attributes). */
static void put_named_link(struct atom_writer *w, const struct fc_list *links, const char *rel,
                           const char *href, const char *type, int64_t count)
{
    if (!href || has_link(links, rel, href))
        return;
    put_link_attrs(w, rel, href, type, NULL, NULL, -1);
    if (count >= 0) {
        char n[32];
        snprintf(n, sizeof n, "%lld", (long long)count);
        fc_xw_attr_ns(&w->w, NS_THR, "thr", "count", n);
    }
    fc_xw_end(&w->w);
}

static void put_person(struct atom_writer *w, const char *elem, const struct fc_person *p)
{
    const char *name = p->name;
    if (!name)
        name = p->email ? p->email : p->url ? p->url : "unknown";
    a_start(w, elem);
    if (!p->name)
        x_attr(w, "synthetic", "name");
    a_elem(w, "name", name);
    a_elem(w, "uri", p->url);
    if (p->email && email_ok(p->email))
        a_elem(w, "email", p->email);
    else
        x_elem(w, "email", p->email);
    x_elem(w, "avatar", p->avatar);
    fc_xw_end(&w->w);
}

static void put_persons(struct atom_writer *w, const char *elem, const struct fc_list *list)
{
    for (const struct fc_person *p = list->first; p; p = p->next)
        put_person(w, elem, p);
}

static void put_categories(struct atom_writer *w, const struct fc_list *list)
{
    for (const struct fc_tag *t = list->first; t; t = t->next) {
        const char *term = t->term ? t->term : t->label;
        if (!term) {
            wwarn(w, "category without term or label dropped");
            continue;
        }
        a_start(w, "category");
        fc_xw_attr(&w->w, "term", term);
        fc_xw_attr(&w->w, "scheme", t->scheme);
        if (t->label && t->term)
            fc_xw_attr(&w->w, "label", t->label);
        if (t->slug)
            x_attr(w, "slug", t->slug);
        fc_xw_end(&w->w);
    }
}

static void put_exts(struct atom_writer *w, const struct fc_list *exts)
{
    for (const struct fc_ext *e = exts->first; e; e = e->next) {
        if (e->kind == FC_EXT_JSON) {
            if (!e->name || !e->value)
                continue;
            fc_xw_start_ns(&w->w, FC_NS, "fc", "json");
            fc_xw_attr(&w->w, "name", e->name);
            fc_xw_attr(&w->w, "origin", e->origin);
            fc_xw_text(&w->w, e->value, (size_t)-1);
            fc_xw_end(&w->w);
            continue;
        }
        if (!e->name) {
            if (e->value && *e->value)
                wwarn(w, "loose extension text dropped");
            continue;
        }
        /* RFC 4287 6.4: foreign markup may not be in the Atom namespace;
         * only extra links can be written as Atom. */
        if (streq(e->ns, FC_NS_ATOM) && strcmp(e->name, "link") != 0) {
            wwarn(w, "atom:%s extension cannot be written as foreign markup; dropped", e->name);
            continue;
        }
        unsigned long dropped = w->w.dropped;
        fc_xw_ext(&w->w, e);
        if (w->w.dropped != dropped)
            wwarn(w,
                  "extension %s%s%s: %lu element(s) / attribute(s) with names XML cannot "
                  "carry dropped",
                  e->ns ? e->ns : "", e->ns ? " " : "", e->name, w->w.dropped - dropped);
    }
}

static void put_fc_person(struct atom_writer *w, const char *elem, const struct fc_person *p)
{
    if (!p->name && !p->email && !p->url && !p->avatar)
        return;
    fc_xw_start_ns(&w->w, FC_NS, "fc", elem);
    fc_xw_attr(&w->w, "name", p->name);
    fc_xw_attr(&w->w, "email", p->email);
    fc_xw_attr(&w->w, "uri", p->url);
    fc_xw_attr(&w->w, "avatar", p->avatar);
    fc_xw_end(&w->w);
}

static void put_int_attr(struct atom_writer *w, const char *name, long long v)
{
    char n[32];
    if (v < 0)
        return;
    snprintf(n, sizeof n, "%lld", v);
    fc_xw_attr(&w->w, name, n);
}

/* A site's data as fc:site (JSON from the codec; json is freed). */
static void put_site(struct atom_writer *w, char *json)
{
    if (json)
        x_elem(w, "site", json);
    free(json);
}

/* The scratch arena, made on first use (NULL and oom set when it fails). */
static struct fc_arena *scratch(struct atom_writer *w)
{
    if (!w->scratch && !(w->scratch = fc_arena_new()))
        w->w.oom = true; /* reported by fc_xw_status */
    return w->scratch;
}

/* A language tag the BCP 47 way ("en_US" -> "en-US"), in scratch. */
static const char *bcp47(struct atom_writer *w, const char *lang)
{
    if (!lang || !strchr(lang, '_'))
        return lang;
    struct fc_arena *a = scratch(w);
    return a ? fc_lang_bcp47(a, lang) : NULL;
}

/* Model fields Atom has no element for, in the feedconv namespace. */
static void put_feed_extras(struct atom_writer *w, const struct fc_feed *f)
{
    char n[200];
    put_site(w, fc_extcodec_feed_json(&w->s, "feed", f, fc_atom_site_feed, fc_atom_site_feed_len));
    put_opt_date(w, false, "published", "rawPublished", &f->published);
    if (!parsed(&f->updated) && f->updated.raw)
        x_elem(w, "rawUpdated", f->updated.raw);
    if (f->ttl >= 0) {
        snprintf(n, sizeof n, "%d", f->ttl);
        x_elem(w, "ttl", n);
    }
    x_elem(w, "docs", f->docs);
    x_elem(w, "rating", f->rating);
    x_elem(w, "description", f->description_text);
    x_elem(w, "userComment", f->user_comment);
    if (f->expired >= 0)
        x_elem(w, "expired", f->expired ? "true" : "false");
    if (f->language && !lang_ok(bcp47(w, f->language)))
        x_elem(w, "language", f->language);
    if (f->skip_hours) {
        size_t len = 0;
        for (int h = 0; h < 24; h++)
            if (f->skip_hours & ((uint32_t)1u << h))
                len += (size_t)snprintf(n + len, sizeof n - len, "%s%d", len ? " " : "", h);
        x_elem(w, "skipHours", n);
    }
    if (f->skip_days) {
        size_t len = 0;
        for (int d = 0; d < 7; d++)
            if (f->skip_days & (1u << d))
                len += (size_t)snprintf(n + len, sizeof n - len, "%s%s", len ? " " : "",
                                        fc_atom_day_names[d]);
        x_elem(w, "skipDays", n);
    }
    const struct fc_cloud *c = &f->cloud;
    if (c->domain || c->path || c->procedure || c->protocol || c->port >= 0) {
        fc_xw_start_ns(&w->w, FC_NS, "fc", "cloud");
        fc_xw_attr(&w->w, "domain", c->domain);
        put_int_attr(w, "port", c->port);
        fc_xw_attr(&w->w, "path", c->path);
        fc_xw_attr(&w->w, "procedure", c->procedure);
        fc_xw_attr(&w->w, "protocol", c->protocol);
        fc_xw_end(&w->w);
    }
    const struct fc_text_input *ti = &f->text_input;
    if (ti->title || ti->description || ti->name || ti->link) {
        fc_xw_start_ns(&w->w, FC_NS, "fc", "textInput");
        fc_xw_attr(&w->w, "title", ti->title);
        fc_xw_attr(&w->w, "description", ti->description);
        fc_xw_attr(&w->w, "name", ti->name);
        fc_xw_attr(&w->w, "link", ti->link);
        fc_xw_end(&w->w);
    }
    const struct fc_image *im = &f->image;
    if (im->title || im->link || im->description || im->width >= 0 || im->height >= 0) {
        fc_xw_start_ns(&w->w, FC_NS, "fc", "image");
        fc_xw_attr(&w->w, "title", im->title);
        fc_xw_attr(&w->w, "link", im->link);
        fc_xw_attr(&w->w, "description", im->description);
        put_int_attr(w, "width", im->width);
        put_int_attr(w, "height", im->height);
        fc_xw_end(&w->w);
    }
    put_fc_person(w, "editor", &f->editor);
    put_fc_person(w, "webmaster", &f->webmaster);
}

/* atom:updated, which is required: `own` when it is a parsed time, else
 * the first parsed of two stand-ins (marked synthetic), else the epoch.
 * An entry's stand-ins: its published, the feed's updated; the feed's:
 * its newest entry's, its published. */
static void put_updated(struct atom_writer *w, const struct fc_time *own,
                        const struct fc_time *alt1, const struct fc_time *alt2)
{
    if (parsed(own))
        put_date_ns(w, FC_NS_ATOM, NULL, "updated", own, false);
    else if (parsed(alt1))
        put_date_ns(w, FC_NS_ATOM, NULL, "updated", alt1, true);
    else if (parsed(alt2))
        put_date_ns(w, FC_NS_ATOM, NULL, "updated", alt2, true);
    else
        put_stand_in_updated(w);
}

/* xml:lang and xml:base of the feed or an entry (a language that is no
 * valid tag goes to fc:language instead). */
static void put_lang_base(struct atom_writer *w, const char *lang, const char *base)
{
    if ((lang = bcp47(w, lang)) != NULL && lang_ok(lang))
        fc_xw_attr(&w->w, "xml:lang", lang);
    fc_xw_attr(&w->w, "xml:base", base);
}

/* atom:title is required: an empty synthetic one when the model has none. */
static void put_title(struct atom_writer *w, const struct fc_text *t)
{
    if (t->value)
        put_text(w, "title", t);
    else
        a_synthetic(w, "title", NULL);
}

/* A title as plain text; NULL when absent or out of memory. */
static const char *plain_title(struct atom_writer *w, const struct fc_text *t)
{
    if (!t->value)
        return NULL;
    if (t->type == FC_TEXT)
        return t->value;
    struct fc_arena *a = scratch(w);
    return a ? fc_html_to_text(a, t->value) : NULL;
}

/* The text of an atom:id for `id`: itself when it is an IRI (RFC 4287
 * 4.2.6); else (an RSS guid "note-2", a relative URL) a tag: IRI made
 * from it, its bytes outside the IRI-safe ones percent-encoded, so two
 * ids never give the same IRI. */
static void put_id_text(struct atom_writer *w, const char *id)
{
    static const char safe[] = "-._~!$&'()*+,;=:@/";
    if (fc_url_is_iri(id)) {
        fc_xw_text(&w->w, id, (size_t)-1);
        return;
    }
    struct fc_buf b;
    fc_buf_init(&b);
    fc_buf_puts(&b, TAG_PREFIX "id:");
    for (const unsigned char *p = (const unsigned char *)id; *p; p++) {
        if (fc_ascii_alnum(*p) || (*p && strchr(safe, *p)))
            fc_buf_putc(&b, (char)*p);
        else
            fc_buf_printf(&b, "%%%02X", *p);
    }
    if (b.oom)
        w->w.oom = true;
    else
        fc_xw_text(&w->w, b.data, b.len);
    fc_buf_free(&b);
}

/* An id from the model: made an IRI when it is none, the original kept
 * in fc:original for readers (so RSS -> Atom -> RSS keeps the guid). */
static void put_model_id(struct atom_writer *w, const char *id, int permalink)
{
    a_start(w, "id");
    if (permalink >= 0)
        x_attr(w, "isPermaLink", permalink ? "true" : "false");
    if (!fc_url_is_iri(id))
        x_attr(w, "original", id);
    put_id_text(w, id);
    fc_xw_end(&w->w);
}

static void put_feed_id(struct atom_writer *w, const struct fc_feed *f)
{
    if (f->id) {
        put_model_id(w, f->id, -1);
        return;
    }
    const char *id = f->feed_url ? f->feed_url : f->home_url;
    char *slug = NULL;
    if (!id) {
        const char *t = plain_title(w, &f->title);
        struct fc_arena *a = scratch(w);
        slug = a ? fc_slugify(a, t ? t : "untitled", 64) : NULL;
        if (!slug) {
            w->w.oom = true;
            return;
        }
    }
    a_start(w, "id");
    synthetic(w);
    if (id) {
        put_id_text(w, id);
    } else {
        fc_xw_text(&w->w, TAG_PREFIX, (size_t)-1);
        fc_xw_text(&w->w, slug, (size_t)-1);
    }
    fc_xw_end(&w->w);
}

static void put_feed_head(struct atom_writer *w, const struct fc_feed *f)
{
    fc_xw_decl(&w->w);
    fc_xw_start(&w->w, "feed");
    fc_xw_declare(&w->w, "", FC_NS_ATOM);
    fc_xw_declare(&w->w, "fc", FC_NS);
    fc_xw_declare(&w->w, "thr", NS_THR);
    fc_xw_pod_declare(&w->w, fc_xw_pod_feed_ns(f));
    for (const struct fc_ext *e = f->exts.first; e; e = e->next)
        if (!streq(e->ns, FC_NS_ATOM)) /* else Atom's own elements get a prefix */
            fc_xw_declare_ext_ns(&w->w, e);
    put_lang_base(w, f->language, f->base);
    put_feed_id(w, f);
    if (f->title.value) {
        put_text(w, "title", &f->title);
    } else { /* every writer's placeholder */
        const char *t = NULL;
        struct fc_arena *a = scratch(w);
        if (!a || fc_writer_title(a, f, &t, NULL))
            w->w.oom = true;
        a_synthetic(w, "title", t);
    }
    put_text(w, "subtitle", &f->subtitle);
    put_named_link(w, &f->links, "alternate", f->home_url, "text/html", -1);
    put_named_link(w, &f->links, "self", f->feed_url, "application/atom+xml", -1);
    put_named_link(w, &f->links, "next", f->next_url, NULL, -1);
    for (const struct fc_hub *h = f->hubs.first; h; h = h->next) {
        if (!h->url || has_link(&f->links, "hub", h->url))
            continue;
        put_link_attrs(w, "hub", h->url, h->type, NULL, NULL, -1);
        fc_xw_end(&w->w);
    }
    put_links(w, &f->links);
    put_persons(w, "author", &f->authors);
    put_persons(w, "contributor", &f->contributors);
    put_categories(w, &f->categories);
    const struct fc_generator *g = &f->generator;
    if (g->name || g->uri || g->version) {
        a_start(w, "generator");
        fc_xw_attr(&w->w, "uri", g->uri);
        fc_xw_attr(&w->w, "version", g->version);
        fc_xw_text(&w->w, g->name, (size_t)-1);
        fc_xw_end(&w->w);
    }
    a_elem(w, "icon", f->icon);
    a_elem(w, "logo", f->image.url);
    put_text(w, "rights", &f->rights);
    fc_xw_pod_feed(&w->w, f);
    put_feed_extras(w, f);
    put_exts(w, &f->exts);
    if (parsed(&f->updated))
        put_date_ns(w, FC_NS_ATOM, NULL, "updated", &f->updated, false);
}

/* FNV-1a 64 over a few fields: a stable id for an entry that has none. */
static uint64_t fnv(uint64_t h, const char *s)
{
    for (; s && *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ull;
    }
    h ^= 0xff; /* field separator */
    h *= 1099511628211ull;
    return h;
}

static void put_entry_id(struct atom_writer *w, const struct fc_post *p)
{
    if (p->id) {
        put_model_id(w, p->id, p->id_is_permalink);
        return;
    }
    char buf[64];
    const char *id = p->url;
    if (!id) {
        char date[64] = "";
        fc_time_rfc3339(&p->published, date, sizeof date);
        uint64_t h = 14695981039346656037ull;
        h = fnv(h, p->title.value);
        h = fnv(h, date);
        h = fnv(h, p->content_html);
        h = fnv(h, p->content_text);
        h = fnv(h, p->content_src);
        h = fnv(h, p->summary.value);
        snprintf(buf, sizeof buf, "%s%016llx", TAG_PREFIX, (unsigned long long)h);
        id = buf;
    }
    a_start(w, "id");
    synthetic(w);
    put_id_text(w, id);
    fc_xw_end(&w->w);
}

/* Returns true when an atom:content was written. */
static bool put_content(struct atom_writer *w, const struct fc_post *p, bool *need_summary)
{
    const char *type = p->content_type;
    *need_summary = false;
    if (p->content_src) {
        a_start(w, "content");
        if (type && media_type_ok(type))
            fc_xw_attr(&w->w, "type", type);
        else if (type)
            x_attr(w, "type", type);
        fc_xw_attr(&w->w, "src", p->content_src);
        fc_xw_end(&w->w);
        *need_summary = true;
        if (p->content_html || p->content_text)
            wwarn(w, "inline content beside content_src dropped");
        return true;
    }
    const char *v = p->content_text ? p->content_text : p->content_html;
    if (type && fc_atom_text_kind(type) == TK_OTHER && media_type_ok(type) && v) {
        a_start(w, "content");
        fc_xw_attr(&w->w, "type", type);
        if (fc_atom_xml_media(type) && xml_fragment_ok(w, v, false))
            fc_xw_raw(&w->w, v, (size_t)-1);
        else
            fc_xw_text(&w->w, v, (size_t)-1);
        fc_xw_end(&w->w);
        *need_summary = base64_media(type);
        if (p->content_text && p->content_html)
            wwarn(w, "HTML content beside %s content dropped", type);
        return true;
    }
    if (type && fc_atom_text_kind(type) == TK_OTHER)
        wwarn(w, "content type \"%s\" dropped", type);
    if (p->content_html) {
        a_start(w, "content");
        fc_xw_attr(&w->w, "type", "html");
        fc_xw_text(&w->w, p->content_html, (size_t)-1);
        fc_xw_end(&w->w);
        x_elem(w, "contentText", p->content_text);
        return true;
    }
    if (p->content_text) {
        a_elem(w, "content", p->content_text);
        return true;
    }
    return false;
}

static void put_source(struct atom_writer *w, const struct fc_source *s)
{
    a_start(w, "source");
    a_elem(w, "id", s->id);
    a_elem(w, "title", s->title);
    if (parsed(&s->updated))
        put_date_ns(w, FC_NS_ATOM, NULL, "updated", &s->updated, false);
    if (s->url) {
        put_link_attrs(w, "self", s->url, NULL, NULL, NULL, -1);
        fc_xw_end(&w->w);
    }
    if (s->home_url) {
        put_link_attrs(w, "alternate", s->home_url, NULL, NULL, NULL, -1);
        fc_xw_end(&w->w);
    }
    fc_xw_end(&w->w);
}

static bool has_alternate(const struct fc_post *p)
{
    if (p->url)
        return true;
    for (const struct fc_link *l = p->links.first; l; l = l->next)
        if (l->href && (!l->rel || strcmp(l->rel, "alternate") == 0))
            return true;
    return false;
}

static void put_entry_links(struct atom_writer *w, const struct fc_post *p)
{
    put_named_link(w, &p->links, "alternate", p->url, "text/html", -1);
    put_named_link(w, &p->links, "related", p->external_url, NULL, -1);
    put_named_link(w, &p->links, "replies", p->comments_url, "text/html", p->comment_count);
    /* the comment feed (wfw:commentRss): typed, so readers tell it from the
     * comments page */
    put_named_link(w, &p->links, "replies", p->comments_feed, "application/rss+xml",
                   p->comment_count);
    for (const struct fc_media *m = p->attachments.first; m; m = m->next) {
        if (!m->url || m->kind != FC_MEDIA_ENCLOSURE || has_link(&p->links, "enclosure", m->url))
            continue;
        put_link_attrs(w, "enclosure", m->url, m->type, NULL, m->title, m->length);
        if (m->duration >= 0) {
            char n[48];
            fc_decimal_format(m->duration, n, sizeof n);
            x_attr(w, "duration", n);
        }
        fc_xw_end(&w->w);
    }
    put_links(w, &p->links);
}

static void put_entry(struct atom_writer *w, const struct fc_feed *f, const struct fc_post *p)
{
    a_start(w, "entry");
    put_lang_base(w, p->language, p->base);
    put_entry_id(w, p);
    put_title(w, &p->title);
    put_updated(w, &p->updated, &p->published, &w->feed_updated);
    if (!parsed(&p->updated) && p->updated.raw)
        x_elem(w, "rawUpdated", p->updated.raw);
    put_opt_date(w, true, "published", "rawPublished", &p->published);
    put_persons(w, "author", &p->authors);
    if (!p->authors.first && !w->feed_authors) {
        a_start(w, "author");
        synthetic(w);
        a_elem(w, "name", w->placeholder);
        fc_xw_end(&w->w);
    }
    put_persons(w, "contributor", &p->contributors);
    put_entry_links(w, p);
    put_categories(w, &p->categories);
    fc_xw_pod_post(&w->w, p, 0); /* image: fc:image; durations: on the links */
    bool need_summary;
    bool content = put_content(w, p, &need_summary);
    if (p->summary.value) {
        put_text(w, "summary", &p->summary);
    } else if (need_summary) {
        char s[200];
        snprintf(s, sizeof s, "(content: %s)", p->content_type ? p->content_type : "linked");
        a_synthetic(w, "summary", s);
    }
    if (!content && !has_alternate(p)) /* RFC 4287 4.1.1: alternate link or content */
        a_synthetic(w, "content", NULL);
    put_text(w, "rights", &p->rights);
    if (p->source)
        put_source(w, p->source);
    if (p->comment_count >= 0) {
        char n[32];
        snprintf(n, sizeof n, "%lld", (long long)p->comment_count);
        fc_xw_elem_ns(&w->w, NS_THR, "thr", "total", n);
    }
    bool ext_control = false;
    for (const struct fc_ext *e = p->exts.first; e; e = e->next)
        ext_control |= streq(e->ns, NS_APP) && streq(e->name, "control");
    if (p->draft == 1 && !ext_control) {
        fc_xw_start_ns(&w->w, NS_APP, "app", "control");
        fc_xw_elem_ns(&w->w, NS_APP, "app", "draft", "yes");
        fc_xw_end(&w->w);
    }
    x_elem(w, "slug", p->slug);
    put_site(w, fc_extcodec_post_json(&w->s, "entry", p, fc_atom_site_post, fc_atom_site_post_len));
    x_elem(w, "image", p->image);
    x_elem(w, "bannerImage", p->banner_image);
    if (p->language && !lang_ok(bcp47(w, p->language)))
        x_elem(w, "language", p->language);
    put_exts(w, &p->exts);
    (void)f;
    fc_xw_end(&w->w);
}

/* Held-back entries go to the spool, the rest straight out. */
static enum fc_status w_flush(struct atom_writer *w, struct fc_error *err)
{
    enum fc_status st = fc_xw_status(&w->w, err);
    if (!st && w->s.st)
        st = w->s.st;
    if (!st && w->deferred && w->ents.len) {
        st = fc_spool_write(w->spool, w->ents.data, w->ents.len, err);
        fc_buf_reset(&w->ents);
    }
    if (!st)
        st = fc_out_buf(w->base.out, &w->main, err);
    return st;
}

static enum fc_status aw_begin(void *ctx, struct fc_feed *feed, struct fc_error *err)
{
    struct atom_writer *w = ctx;
    if (w->begun)
        return fc_fail(err, FC_EUSAGE, fc_out_name(w->base.out), 0, 0, "begin() called twice");
    w->begun = true;
    w->s.err = err;
    w->feed_authors = feed->authors.first != NULL;
    w->feed_updated = feed->updated;
    const char *t = plain_title(w, &feed->title);
    if (feed->title.value && !t)
        return fc_nomem(err);
    w->placeholder = t && *t ? t : "unknown";
    put_feed_head(w, feed);
    if (!parsed(&feed->updated)) {
        /* <updated> closes the header and entries must follow it: the
         * header goes out now, entries wait in the spool until end() */
        enum fc_status st = fc_spool_open(&w->spool, err);
        if (st)
            return st;
        w->deferred = true;
        w->w.out = &w->ents;
    }
    return w_flush(w, err);
}

static enum fc_status aw_post(void *ctx, struct fc_feed *feed, struct fc_post *post,
                              struct fc_error *err)
{
    struct atom_writer *w = ctx;
    if (!w->begun)
        return fc_fail(err, FC_EUSAGE, fc_out_name(w->base.out), 0, 0, "post() before begin()");
    w->s.err = err;
    w->posts++;
    w->cur = post;
    const struct fc_time *t = parsed(&post->updated)     ? &post->updated
                              : parsed(&post->published) ? &post->published
                                                         : NULL;
    if (t && (!parsed(&w->newest) || fc_time_cmp(t, &w->newest) > 0))
        w->newest = *t;
    put_entry(w, feed, post);
    return w_flush(w, err);
}

static enum fc_status aw_end(void *ctx, struct fc_feed *feed, struct fc_error *err)
{
    struct atom_writer *w = ctx;
    if (!w->begun)
        return fc_fail(err, FC_EUSAGE, fc_out_name(w->base.out), 0, 0, "end() before begin()");
    w->s.err = err;
    w->posts = 0;
    if (w->deferred) {
        w->deferred = false;
        w->w.out = &w->main;
        put_updated(w, &feed->updated, &w->newest, &feed->published);
        const struct fc_time *t = parsed(&feed->updated)     ? &feed->updated
                                  : parsed(&w->newest)       ? &w->newest
                                  : parsed(&feed->published) ? &feed->published
                                                             : NULL;
        if (!t && w->n_undated)
            wwarn(w, "%zu entries and the feed have no date: updated %s (marked synthetic)",
                  w->n_undated, EPOCH_TEXT);
        enum fc_status st = w_flush(w, err);
        if (!st)
            st = patch_undated(w, t, err);
        if (!st)
            st = fc_spool_copy(w->spool, w->base.out, err);
        fc_spool_close(w->spool);
        w->spool = NULL;
        fc_buf_free(&w->ents);
        if (st)
            return st;
    }
    fc_xw_finish(&w->w);
    return w_flush(w, err);
}

static void aw_destroy(void *ctx)
{
    struct atom_writer *w = ctx;
    fc_xw_free(&w->w);
    fc_arena_free(w->scratch);
    fc_spool_close(w->spool);
    free(w->undated);
    fc_buf_free(&w->main);
    fc_buf_free(&w->ents);
    fc_xml_check_free(&w->check);
    free(w);
}

enum fc_status fc_atom_open_writer(struct fc_output *out, const struct fc_options *opt,
                                   struct fc_handler **writer, struct fc_error *err)
{
    struct atom_writer *w = calloc(1, sizeof *w); /* main, ents: empty when zeroed */
    if (w) {
        w->s = (struct fc_sticky){.opt = &w->base.opt, .file = fc_out_name(out)};
        fc_xml_check_init(&w->check);
        fc_xw_init(&w->w, &w->main, 2);
        w->base.h = (struct fc_handler){w, aw_begin, aw_post, aw_end, aw_destroy};
    }
    return fc_writer_open(w, "Atom", false, out, opt, writer, err);
}
