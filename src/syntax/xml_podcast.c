/*
 * xml_podcast.c - itunes:*, podcast:* and media:* elements <-> the model,
 * for RSS and Atom (the mapping is in xml_podcast.h).
 */
#include "syntax/xml_podcast.h"
#include "util/media.h"

#include <stdio.h>
#include <string.h>

/* ================================================================== */
/* Reading                                                            */

/* What reading one element needs. */
struct pod_rd {
    struct fc_sticky *s;
    struct fc_arena *a;
    const char *base; /* in effect at the element's parent */
    const char *origin;
};

static enum fc_xml_ns_id ns_id(const xmlNode *n)
{
    return n->type == XML_ELEMENT_NODE ? fc_xml_ns_known(fc_xml_ns(n)) : FC_XNS_OTHER;
}

/* Element `name` of known namespace id (in any of its spellings). */
static bool is(const xmlNode *n, enum fc_xml_ns_id id, const char *name)
{
    return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0 &&
           ns_id(n) == id;
}

static const char *text(struct pod_rd *r, const xmlNode *n)
{
    return fc_xml_text(r->a, n, true, r->s);
}

static const char *attr(struct pod_rd *r, const xmlNode *n, const char *name)
{
    return fc_xml_attr(r->a, n, NULL, name, r->s);
}

/* A URL-valued attribute, resolved against the xml:base in effect at n. */
static const char *url_attr(struct pod_rd *r, const xmlNode *n, const char *name)
{
    const char *v = attr(r, n, name);
    return v ? fc_xml_resolve(r->a, fc_xml_base(r->a, n, r->base, r->s), v, r->s) : NULL;
}

/* The known namespaces of an extension tree spelt the canonical way, so
 * writers declare one prefix for each. */
static void canon(struct fc_ext *e)
{
    for (; e; e = e->next) {
        const char *u = fc_xml_ns_uri(fc_xml_ns_known(e->ns));
        if (u)
            e->ns = u;
        for (struct fc_attr *at = e->attrs.first; at; at = at->next)
            if ((u = fc_xml_ns_uri(fc_xml_ns_known(at->ns))) != NULL)
                at->ns = u;
        canon(e->children.first);
    }
}

/* Element n kept as an extension at the end of list. */
static void keep(struct pod_rd *r, struct fc_list *list, const xmlNode *n)
{
    struct fc_ext *e = fc_xml_to_ext(r->a, list, n, r->origin, r->s);
    if (e) {
        struct fc_ext *next = e->next;
        e->next = NULL;
        canon(e);
        e->next = next;
    }
}

/* Element n whose value does not parse: warned about and kept. */
static void keep_bad(struct pod_rd *r, struct fc_list *list, const xmlNode *n, const char *what,
                     const char *v)
{
    fc_sticky_warn(r->s, fc_xml_line(n), 0, "%s \"%.100s\" not understood; kept as an extension",
                   what, v ? v : "");
    keep(r, list, n);
}

/* yes / true (and "explicit" when `expl`) 1, no / false (and "clean") 0,
 * anything else -1. */
static int yes_no(const char *v, bool expl)
{
    if (!v)
        return -1;
    if (fc_strcasecmp(v, "yes") == 0 || fc_strcasecmp(v, "true") == 0 ||
        (expl && fc_strcasecmp(v, "explicit") == 0))
        return 1;
    if (fc_strcasecmp(v, "no") == 0 || fc_strcasecmp(v, "false") == 0 ||
        (expl && fc_strcasecmp(v, "clean") == 0))
        return 0;
    return -1;
}

/* A flag element into *flag (the first one; a repeat or a value that is
 * no flag is kept). */
static void flag_el(struct pod_rd *r, struct fc_list *exts, const xmlNode *n, int *flag, bool expl)
{
    const char *v = text(r, n);
    int f = yes_no(v, expl);
    if (!fc_sticky_ok(r->s))
        return;
    if (*flag >= 0)
        keep(r, exts, n);
    else if (f < 0)
        keep_bad(r, exts, n, (const char *)n->name, v);
    else
        *flag = f;
}

/* A string element into *field (the first one; a repeat is kept). */
static void str_el(struct pod_rd *r, struct fc_list *exts, const xmlNode *n, const char **field)
{
    if (*field)
        keep(r, exts, n);
    else
        *field = text(r, n);
}

static void int_attr(struct pod_rd *r, const xmlNode *n, const char *name, int *out)
{
    const char *v = attr(r, n, name);
    int64_t i;
    if (!v)
        return;
    if (fc_parse_int(v, 0, INT32_MAX, &i))
        *out = (int)i;
    else
        fc_sticky_warn(r->s, fc_xml_line(n), 0, "%s@%s \"%.60s\" is not a number; dropped",
                       (const char *)n->name, name, v);
}

static void num_attr(struct pod_rd *r, const xmlNode *n, const char *name, double scale,
                     double *out)
{
    const char *v = attr(r, n, name);
    double d;
    if (!v)
        return;
    if (fc_parse_decimal(v, &d))
        *out = d * scale;
    else
        fc_sticky_warn(r->s, fc_xml_line(n), 0, "%s@%s \"%.60s\" is not a number; dropped",
                       (const char *)n->name, name, v);
}

static void len_attr(struct pod_rd *r, const xmlNode *n, const char *name, int64_t *out)
{
    const char *v = attr(r, n, name);
    if (v && !fc_parse_int(v, 0, INT64_MAX, out))
        fc_sticky_warn(r->s, fc_xml_line(n), 0, "%s@%s \"%.60s\" is not a size; dropped",
                       (const char *)n->name, name, v);
}

/* Attributes of n that are not in `known` (NULL-ended), warned about:
 * nothing is dropped silently. */
static void other_attrs(struct pod_rd *r, const xmlNode *n, const char *const *known)
{
    for (const xmlAttr *at = n->properties; at && fc_sticky_ok(r->s); at = at->next) {
        if (at->ns && at->ns->href && strcmp((const char *)at->ns->href, FC_NS_XML) == 0)
            continue;
        bool ok = false;
        for (const char *const *k = known; *k && !ok; k++)
            ok = !at->ns && strcmp((const char *)at->name, *k) == 0;
        if (!ok)
            fc_sticky_warn(r->s, fc_xml_line(n), 0,
                           "attribute %s of <%s> has no place in the model; dropped",
                           (const char *)at->name, (const char *)n->name);
    }
}

static void dropped_child(struct pod_rd *r, const xmlNode *parent, const xmlNode *c)
{
    fc_sticky_warn(r->s, fc_xml_line(c), 0, "<%s> inside <%s> has no place in the model; dropped",
                   (const char *)c->name, (const char *)parent->name);
}

/* Apple's nested categories. */
static void read_category(struct pod_rd *r, struct fc_list *list, const xmlNode *n)
{
    static const char *const known[] = {"text", NULL};
    struct fc_pod_category *c = fc_sticky_add(r->s, r->a, list, sizeof *c);
    if (!c)
        return;
    c->text = attr(r, n, "text");
    other_attrs(r, n, known);
    for (const xmlNode *k = fc_xml_first(n); k && fc_sticky_ok(r->s); k = fc_xml_next(k)) {
        if (is(k, FC_XNS_ITUNES, "category"))
            read_category(r, &c->subcategories, k);
        else
            dropped_child(r, n, k);
    }
}

static void read_person(struct pod_rd *r, struct fc_list *list, const xmlNode *n)
{
    static const char *const known[] = {"role", "group", "img", "href", NULL};
    struct fc_pod_person *p = fc_sticky_add(r->s, r->a, list, sizeof *p);
    if (!p)
        return;
    p->name = text(r, n);
    p->role = attr(r, n, "role");
    p->group = attr(r, n, "group");
    p->img = url_attr(r, n, "img");
    p->href = url_attr(r, n, "href");
    other_attrs(r, n, known);
}

static void read_owner(struct pod_rd *r, struct fc_podcast *pc, struct fc_list *exts,
                       const xmlNode *n)
{
    if (pc->owner.name || pc->owner.email) {
        keep(r, exts, n);
        return;
    }
    for (const xmlNode *c = fc_xml_first(n); c && fc_sticky_ok(r->s); c = fc_xml_next(c)) {
        if (is(c, FC_XNS_ITUNES, "name") && !pc->owner.name)
            pc->owner.name = text(r, c);
        else if (is(c, FC_XNS_ITUNES, "email") && !pc->owner.email)
            pc->owner.email = text(r, c);
        else
            dropped_child(r, n, c);
    }
}

/* itunes:image/@href (some feeds put the URL in the text). */
static const char *image_href(struct pod_rd *r, const xmlNode *n)
{
    const char *u = url_attr(r, n, "href");
    if (!u && fc_sticky_ok(r->s)) {
        const char *t = text(r, n);
        u = t ? fc_xml_resolve(r->a, fc_xml_base(r->a, n, r->base, r->s), t, r->s) : NULL;
    }
    return u;
}

static bool feed_itunes(struct pod_rd *r, struct fc_feed *f, const xmlNode *n)
{
    struct fc_podcast *pc = &f->podcast;
    const char *name = (const char *)n->name;
    if (strcmp(name, "image") == 0 && !pc->image)
        pc->image = image_href(r, n);
    else if (strcmp(name, "author") == 0)
        str_el(r, &f->exts, n, &pc->author);
    else if (strcmp(name, "owner") == 0)
        read_owner(r, pc, &f->exts, n);
    else if (strcmp(name, "explicit") == 0)
        flag_el(r, &f->exts, n, &pc->explicit_content, true);
    else if (strcmp(name, "category") == 0)
        read_category(r, &pc->categories, n);
    else if (strcmp(name, "type") == 0)
        str_el(r, &f->exts, n, &pc->type);
    else if (strcmp(name, "block") == 0)
        flag_el(r, &f->exts, n, &pc->block, false);
    else if (strcmp(name, "complete") == 0)
        flag_el(r, &f->exts, n, &pc->complete, false);
    else if (strcmp(name, "new-feed-url") == 0 && !pc->new_feed_url)
        pc->new_feed_url =
            fc_xml_resolve(r->a, fc_xml_base(r->a, n, r->base, r->s), text(r, n), r->s);
    else
        return false;
    return true;
}

static bool feed_podcast(struct pod_rd *r, struct fc_feed *f, const xmlNode *n)
{
    struct fc_podcast *pc = &f->podcast;
    const char *name = (const char *)n->name;
    if (strcmp(name, "guid") == 0) {
        str_el(r, &f->exts, n, &pc->guid);
    } else if (strcmp(name, "locked") == 0 && pc->locked < 0) {
        flag_el(r, &f->exts, n, &pc->locked, false);
        if (pc->locked >= 0)
            pc->locked_owner = attr(r, n, "owner");
    } else if (strcmp(name, "funding") == 0) {
        struct fc_pod_funding *fu = fc_sticky_add(r->s, r->a, &pc->funding, sizeof *fu);
        if (fu) {
            fu->url = url_attr(r, n, "url");
            fu->text = text(r, n);
        }
    } else if (strcmp(name, "person") == 0) {
        read_person(r, &pc->persons, n);
    } else if (strcmp(name, "license") == 0 && !pc->license && !pc->license_url) {
        pc->license = text(r, n);
        pc->license_url = url_attr(r, n, "url");
    } else {
        return false;
    }
    return true;
}

bool fc_xml_pod_feed(struct fc_sticky *s, struct fc_feed *f, const xmlNode *n, const char *base,
                     const char *origin)
{
    enum fc_xml_ns_id id = ns_id(n);
    if (id == FC_XNS_OTHER)
        return false;
    struct pod_rd r = {s, f->arena, base, origin};
    bool mapped = (id == FC_XNS_ITUNES && feed_itunes(&r, f, n)) ||
                  (id == FC_XNS_PODCAST && feed_podcast(&r, f, n));
    if (!mapped)
        keep(&r, &f->exts, n);
    return true;
}

/* ---- Media RSS ----------------------------------------------------- */

static void media_text(struct pod_rd *r, const xmlNode *n, struct fc_text *t)
{
    const char *type = attr(r, n, "type");
    t->value = text(r, n);
    t->type = type && fc_strcasecmp(type, "html") == 0 ? FC_HTML : FC_TEXT;
}

/* One of the optional elements into *meta (made when needed); false when
 * n is none of them. */
static bool meta_child(struct pod_rd *r, struct fc_media_meta **meta, const xmlNode *n)
{
    static const char *const thumb_attrs[] = {"url", "width", "height", "time", NULL};
    static const char *const player_attrs[] = {"url", "width", "height", NULL};
    static const char *const credit_attrs[] = {"role", "scheme", NULL};
    static const char *const text_attrs[] = {"type", NULL};
    const char *name = (const char *)n->name;
    bool title = strcmp(name, "title") == 0, desc = strcmp(name, "description") == 0;
    bool thumb = strcmp(name, "thumbnail") == 0, player = strcmp(name, "player") == 0;
    bool credit = strcmp(name, "credit") == 0;
    if (ns_id(n) != FC_XNS_MEDIA || !(title || desc || thumb || player || credit))
        return false;
    if (!*meta && !(*meta = fc_media_meta_new(r->a))) {
        fc_sticky_nomem(r->s);
        return true;
    }
    struct fc_media_meta *m = *meta;
    if ((title && m->title.value) || (desc && m->description.value) || (player && m->player_url))
        return false; /* a repeat: kept by the caller */
    if (title || desc) {
        media_text(r, n, title ? &m->title : &m->description);
        other_attrs(r, n, text_attrs);
    } else if (thumb) {
        struct fc_media_thumbnail *t = fc_sticky_add(r->s, r->a, &m->thumbnails, sizeof *t);
        if (!t)
            return true;
        t->width = t->height = -1;
        t->url = url_attr(r, n, "url");
        int_attr(r, n, "width", &t->width);
        int_attr(r, n, "height", &t->height);
        t->time = attr(r, n, "time");
        other_attrs(r, n, thumb_attrs);
    } else if (player) {
        m->player_url = url_attr(r, n, "url");
        int_attr(r, n, "width", &m->player_width);
        int_attr(r, n, "height", &m->player_height);
        other_attrs(r, n, player_attrs);
    } else {
        struct fc_media_credit *c = fc_sticky_add(r->s, r->a, &m->credits, sizeof *c);
        if (!c)
            return true;
        c->name = text(r, n);
        c->role = attr(r, n, "role");
        c->scheme = attr(r, n, "scheme");
        other_attrs(r, n, credit_attrs);
    }
    return true;
}

/* A type absent or vague guessed from the URL, with a warning. */
static void guess_type(struct pod_rd *r, const xmlNode *n, struct fc_media *m)
{
    const char *g = fc_media_type_vague(m->type) ? fc_media_type_guess(m->url) : NULL;
    if (!g || !fc_sticky_ok(r->s))
        return;
    fc_sticky_warn(r->s, fc_xml_line(n), 0, "<%s> %s type; \"%s\" guessed from its URL",
                   (const char *)n->name, m->type ? "has a vague" : "has no", g);
    m->type = g;
}

static void read_content(struct pod_rd *r, struct fc_post *p, const xmlNode *n, unsigned group)
{
    static const char *const known[] = {"url",          "fileSize",   "type",     "medium",
                                        "isDefault",    "expression", "bitrate",  "framerate",
                                        "samplingrate", "channels",   "duration", "height",
                                        "width",        "lang",       NULL};
    struct fc_media *m = fc_media_add(r->a, &p->attachments);
    if (!m) {
        fc_sticky_nomem(r->s);
        return;
    }
    m->kind = FC_MEDIA_CONTENT;
    m->group = group;
    m->url = url_attr(r, n, "url");
    len_attr(r, n, "fileSize", &m->length);
    m->type = attr(r, n, "type");
    m->medium = attr(r, n, "medium");
    m->is_default = yes_no(attr(r, n, "isDefault"), false);
    m->expression = attr(r, n, "expression");
    num_attr(r, n, "bitrate", 1000, &m->bitrate); /* kbit/s */
    num_attr(r, n, "framerate", 1, &m->framerate);
    num_attr(r, n, "samplingrate", 1, &m->samplingrate);
    int_attr(r, n, "channels", &m->channels);
    num_attr(r, n, "duration", 1, &m->duration);
    int_attr(r, n, "height", &m->height);
    int_attr(r, n, "width", &m->width);
    m->lang = attr(r, n, "lang");
    other_attrs(r, n, known); /* type is optional here: not guessed */
    for (const xmlNode *c = fc_xml_first(n); c && fc_sticky_ok(r->s); c = fc_xml_next(c)) {
        if (meta_child(r, &m->meta, c))
            continue;
        if (!m->meta && !(m->meta = fc_media_meta_new(r->a))) {
            fc_sticky_nomem(r->s);
            return;
        }
        keep(r, &m->meta->exts, c);
    }
}

static void read_group(struct pod_rd *r, struct fc_post *p, const xmlNode *n)
{
    struct fc_media_group *g = fc_sticky_add(r->s, r->a, &p->media_groups, sizeof *g);
    if (!g)
        return;
    g->meta.player_width = g->meta.player_height = -1;
    struct fc_media_meta *meta = &g->meta;
    unsigned k = (unsigned)p->media_groups.count;
    for (const xmlNode *c = fc_xml_first(n); c && fc_sticky_ok(r->s); c = fc_xml_next(c)) {
        if (is(c, FC_XNS_MEDIA, "content"))
            read_content(r, p, c, k);
        else if (!meta_child(r, &meta, c))
            keep(r, &g->meta.exts, c);
    }
}

/* ---- Items --------------------------------------------------------- */

static void read_alternate(struct pod_rd *r, struct fc_post *p, const xmlNode *n)
{
    static const char *const known[] = {"type",  "length", "bitrate", "height",  "lang",
                                        "title", "rel",    "codecs",  "default", NULL};
    struct fc_media *m = fc_media_add(r->a, &p->attachments);
    if (!m) {
        fc_sticky_nomem(r->s);
        return;
    }
    m->kind = FC_MEDIA_ALTERNATE;
    m->type = attr(r, n, "type");
    len_attr(r, n, "length", &m->length);
    num_attr(r, n, "bitrate", 1, &m->bitrate);
    int_attr(r, n, "height", &m->height);
    m->lang = attr(r, n, "lang");
    m->title = attr(r, n, "title");
    m->rel = attr(r, n, "rel");
    m->codecs = attr(r, n, "codecs");
    m->is_default = yes_no(attr(r, n, "default"), false);
    other_attrs(r, n, known);
    for (const xmlNode *c = fc_xml_first(n); c && fc_sticky_ok(r->s); c = fc_xml_next(c)) {
        if (is(c, FC_XNS_PODCAST, "source")) {
            struct fc_media_source *so = fc_sticky_add(r->s, r->a, &m->sources, sizeof *so);
            if (!so)
                return;
            so->uri = url_attr(r, c, "uri");
            so->type = attr(r, c, "contentType");
            if (!m->url)
                m->url = so->uri;
        } else if (is(c, FC_XNS_PODCAST, "integrity") && !m->integrity_type) {
            m->integrity_type = attr(r, c, "type");
            m->integrity_value = attr(r, c, "value");
        } else {
            dropped_child(r, n, c);
        }
    }
    guess_type(r, n, m);
}

static void read_transcript(struct pod_rd *r, struct fc_episode *e, const xmlNode *n)
{
    static const char *const known[] = {"url", "type", "language", "rel", NULL};
    struct fc_pod_transcript *t = fc_sticky_add(r->s, r->a, &e->transcripts, sizeof *t);
    if (!t)
        return;
    t->url = url_attr(r, n, "url");
    t->type = attr(r, n, "type");
    t->language = attr(r, n, "language");
    t->rel = attr(r, n, "rel");
    other_attrs(r, n, known);
}

/* itunes:episode / itunes:season: a whole number. */
static void int_el(struct pod_rd *r, struct fc_list *exts, const xmlNode *n, int64_t *out)
{
    const char *v = text(r, n);
    int64_t i;
    if (!fc_sticky_ok(r->s))
        return;
    if (*out >= 0)
        keep(r, exts, n);
    else if (fc_parse_int(v, 0, INT64_MAX, &i))
        *out = i;
    else
        keep_bad(r, exts, n, (const char *)n->name, v);
}

static bool item_itunes(struct fc_xml_pod_item *it, struct pod_rd *r, const xmlNode *n)
{
    struct fc_post *p = it->p;
    struct fc_episode *e = &p->episode;
    const char *name = (const char *)n->name;
    if (strcmp(name, "duration") == 0 && !it->duration)
        it->duration = n;
    else if (strcmp(name, "image") == 0 && !p->image)
        p->image = image_href(r, n);
    else if (strcmp(name, "explicit") == 0)
        flag_el(r, &p->exts, n, &e->explicit_content, true);
    else if (strcmp(name, "episode") == 0)
        int_el(r, &p->exts, n, &e->episode);
    else if (strcmp(name, "season") == 0)
        int_el(r, &p->exts, n, &e->season);
    else if (strcmp(name, "episodeType") == 0)
        str_el(r, &p->exts, n, &e->episode_type);
    else if (strcmp(name, "block") == 0)
        flag_el(r, &p->exts, n, &e->block, false);
    else
        return false;
    return true;
}

static bool item_podcast(struct pod_rd *r, struct fc_post *p, const xmlNode *n)
{
    struct fc_episode *e = &p->episode;
    const char *name = (const char *)n->name;
    if (strcmp(name, "transcript") == 0) {
        read_transcript(r, e, n);
    } else if (strcmp(name, "chapters") == 0 && !e->chapters_url) {
        e->chapters_url = url_attr(r, n, "url");
        e->chapters_type = attr(r, n, "type");
    } else if (strcmp(name, "person") == 0) {
        read_person(r, &e->persons, n);
    } else if (strcmp(name, "alternateEnclosure") == 0) {
        read_alternate(r, p, n);
    } else {
        return false;
    }
    return true;
}

static bool item_media(struct pod_rd *r, struct fc_post *p, const xmlNode *n)
{
    if (is(n, FC_XNS_MEDIA, "content"))
        read_content(r, p, n, 0);
    else if (is(n, FC_XNS_MEDIA, "group"))
        read_group(r, p, n);
    else
        return meta_child(r, &p->media, n);
    return true;
}

void fc_xml_pod_item_begin(struct fc_xml_pod_item *it, struct fc_sticky *s, struct fc_post *p,
                           const char *base, const char *origin)
{
    *it = (struct fc_xml_pod_item){s, p, base, origin, NULL};
}

bool fc_xml_pod_item_child(struct fc_xml_pod_item *it, const xmlNode *n)
{
    enum fc_xml_ns_id id = ns_id(n);
    if (id == FC_XNS_OTHER)
        return false;
    struct pod_rd r = {it->s, it->p->arena, it->base, it->origin};
    bool mapped = (id == FC_XNS_ITUNES && item_itunes(it, &r, n)) ||
                  (id == FC_XNS_PODCAST && item_podcast(&r, it->p, n)) ||
                  (id == FC_XNS_MEDIA && item_media(&r, it->p, n));
    if (!mapped)
        keep(&r, &it->p->exts, n);
    return true;
}

void fc_xml_pod_item_end(struct fc_xml_pod_item *it)
{
    if (!it->duration || !fc_sticky_ok(it->s))
        return;
    struct pod_rd r = {it->s, it->p->arena, it->base, it->origin};
    const char *v = text(&r, it->duration);
    /* a writer's exact seconds beside the whole ones (write_episode) */
    const char *exact = fc_xml_attr(r.a, it->duration, FC_NS_FEEDCONV, "duration", r.s);
    struct fc_media *m = (struct fc_media *)fc_post_enclosure(it->p);
    double d;
    if (!fc_sticky_ok(it->s))
        return;
    if (exact && fc_duration_parse(exact, &d))
        v = exact;
    if (!fc_duration_parse(v, &d))
        keep_bad(&r, &it->p->exts, it->duration, "itunes:duration", v);
    else if (!m || m->duration >= 0) /* nothing to hang it on: kept as is */
        keep(&r, &it->p->exts, it->duration);
    else
        m->duration = d;
}

/* ================================================================== */
/* Writing                                                            */

static const char *const prefixes[] = {NULL, "itunes", "podcast", "media"};

static void start(struct fc_xw *w, enum fc_xml_ns_id id, const char *name)
{
    fc_xw_start_ns(w, fc_xml_ns_uri(id), prefixes[id], name);
}

static void el(struct fc_xw *w, enum fc_xml_ns_id id, const char *name, const char *value)
{
    fc_xw_elem_ns(w, fc_xml_ns_uri(id), prefixes[id], name, value);
}

static void int_at(struct fc_xw *w, const char *name, long long v)
{
    char n[32];
    if (v < 0)
        return;
    snprintf(n, sizeof n, "%lld", v);
    fc_xw_attr(w, name, n);
}

static void num_at(struct fc_xw *w, const char *name, double v, double scale)
{
    char n[40];
    if (v < 0)
        return;
    fc_decimal_format(v / scale, n, sizeof n);
    fc_xw_attr(w, name, n);
}

static void int_el_w(struct fc_xw *w, enum fc_xml_ns_id id, const char *name, int64_t v)
{
    char n[32];
    if (v < 0)
        return;
    snprintf(n, sizeof n, "%lld", (long long)v);
    el(w, id, name, n);
}

static void flag_w(struct fc_xw *w, enum fc_xml_ns_id id, const char *name, int v, const char *yes,
                   const char *no)
{
    if (v >= 0)
        el(w, id, name, v ? yes : no);
}

static bool podcast_present(const struct fc_podcast *pc)
{
    return pc->image || pc->author || pc->owner.name || pc->owner.email ||
           pc->explicit_content >= 0 || pc->categories.first || pc->type || pc->block >= 0 ||
           pc->complete >= 0 || pc->new_feed_url || pc->guid || pc->locked >= 0 ||
           pc->funding.first || pc->persons.first || pc->license || pc->license_url;
}

unsigned fc_xw_pod_feed_ns(const struct fc_feed *f)
{
    const struct fc_podcast *pc = &f->podcast;
    unsigned ns = 0;
    if (pc->image || pc->author || pc->owner.name || pc->owner.email || pc->explicit_content >= 0 ||
        pc->categories.first || pc->type || pc->block >= 0 || pc->complete >= 0 || pc->new_feed_url)
        ns |= 1u << FC_XNS_ITUNES;
    if (pc->guid || pc->locked >= 0 || pc->funding.first || pc->persons.first || pc->license ||
        pc->license_url)
        ns |= 1u << FC_XNS_PODCAST;
    return podcast_present(pc) ? ns : 0;
}

unsigned fc_xw_pod_post_ns(const struct fc_post *p, unsigned flags)
{
    const struct fc_episode *e = &p->episode;
    const struct fc_media *enc = fc_post_enclosure(p);
    unsigned ns = 0;
    if ((flags & FC_XW_POD_IMAGE && p->image) ||
        (flags & FC_XW_POD_DURATION && enc && enc->duration >= 0) || e->explicit_content >= 0 ||
        e->episode >= 0 || e->season >= 0 || e->episode_type || e->block >= 0)
        ns |= 1u << FC_XNS_ITUNES;
    if (e->transcripts.first || e->chapters_url || e->persons.first)
        ns |= 1u << FC_XNS_PODCAST;
    for (const struct fc_media *m = p->attachments.first; m; m = m->next)
        ns |= m->kind == FC_MEDIA_ALTERNATE ? 1u << FC_XNS_PODCAST
              : m->kind == FC_MEDIA_CONTENT ? 1u << FC_XNS_MEDIA
                                            : 0;
    if (p->media || p->media_groups.first)
        ns |= 1u << FC_XNS_MEDIA;
    return ns;
}

void fc_xw_pod_declare(struct fc_xw *w, unsigned ns)
{
    for (unsigned id = FC_XNS_ITUNES; id <= FC_XNS_MEDIA; id++)
        if (ns & (1u << id))
            fc_xw_declare(w, prefixes[id], fc_xml_ns_uri((enum fc_xml_ns_id)id));
}

static void write_categories(struct fc_xw *w, const struct fc_list *list)
{
    for (const struct fc_pod_category *c = list->first; c; c = c->next) {
        start(w, FC_XNS_ITUNES, "category");
        fc_xw_attr(w, "text", c->text);
        write_categories(w, &c->subcategories);
        fc_xw_end(w);
    }
}

static void write_persons(struct fc_xw *w, const struct fc_list *list)
{
    for (const struct fc_pod_person *p = list->first; p; p = p->next) {
        start(w, FC_XNS_PODCAST, "person");
        fc_xw_attr(w, "role", p->role);
        fc_xw_attr(w, "group", p->group);
        fc_xw_attr(w, "img", p->img);
        fc_xw_attr(w, "href", p->href);
        fc_xw_text(w, p->name, (size_t)-1);
        fc_xw_end(w);
    }
}

void fc_xw_pod_feed(struct fc_xw *w, const struct fc_feed *f)
{
    const struct fc_podcast *pc = &f->podcast;
    if (pc->image) {
        start(w, FC_XNS_ITUNES, "image");
        fc_xw_attr(w, "href", pc->image);
        fc_xw_end(w);
    }
    el(w, FC_XNS_ITUNES, "author", pc->author);
    if (pc->owner.name || pc->owner.email) {
        start(w, FC_XNS_ITUNES, "owner");
        el(w, FC_XNS_ITUNES, "name", pc->owner.name);
        el(w, FC_XNS_ITUNES, "email", pc->owner.email);
        fc_xw_end(w);
    }
    flag_w(w, FC_XNS_ITUNES, "explicit", pc->explicit_content, "true", "false");
    write_categories(w, &pc->categories);
    el(w, FC_XNS_ITUNES, "type", pc->type);
    flag_w(w, FC_XNS_ITUNES, "block", pc->block, "Yes", "No");
    flag_w(w, FC_XNS_ITUNES, "complete", pc->complete, "Yes", "No");
    el(w, FC_XNS_ITUNES, "new-feed-url", pc->new_feed_url);
    el(w, FC_XNS_PODCAST, "guid", pc->guid);
    if (pc->locked >= 0) {
        start(w, FC_XNS_PODCAST, "locked");
        fc_xw_attr(w, "owner", pc->locked_owner);
        fc_xw_text(w, pc->locked ? "yes" : "no", (size_t)-1);
        fc_xw_end(w);
    }
    for (const struct fc_pod_funding *fu = pc->funding.first; fu; fu = fu->next) {
        start(w, FC_XNS_PODCAST, "funding");
        fc_xw_attr(w, "url", fu->url);
        fc_xw_text(w, fu->text, (size_t)-1);
        fc_xw_end(w);
    }
    write_persons(w, &pc->persons);
    if (pc->license || pc->license_url) {
        start(w, FC_XNS_PODCAST, "license");
        fc_xw_attr(w, "url", pc->license_url);
        fc_xw_text(w, pc->license, (size_t)-1);
        fc_xw_end(w);
    }
}

static void media_text_w(struct fc_xw *w, const char *name, const struct fc_text *t)
{
    if (!t->value)
        return;
    start(w, FC_XNS_MEDIA, name);
    if (t->type != FC_TEXT)
        fc_xw_attr(w, "type", "html");
    fc_xw_text(w, t->value, (size_t)-1);
    fc_xw_end(w);
}

static void write_meta(struct fc_xw *w, const struct fc_media_meta *m)
{
    if (!m)
        return;
    media_text_w(w, "title", &m->title);
    media_text_w(w, "description", &m->description);
    for (const struct fc_media_thumbnail *t = m->thumbnails.first; t; t = t->next) {
        start(w, FC_XNS_MEDIA, "thumbnail");
        fc_xw_attr(w, "url", t->url);
        int_at(w, "width", t->width);
        int_at(w, "height", t->height);
        fc_xw_attr(w, "time", t->time);
        fc_xw_end(w);
    }
    if (m->player_url) {
        start(w, FC_XNS_MEDIA, "player");
        fc_xw_attr(w, "url", m->player_url);
        int_at(w, "width", m->player_width);
        int_at(w, "height", m->player_height);
        fc_xw_end(w);
    }
    for (const struct fc_media_credit *c = m->credits.first; c; c = c->next) {
        start(w, FC_XNS_MEDIA, "credit");
        fc_xw_attr(w, "role", c->role);
        fc_xw_attr(w, "scheme", c->scheme);
        fc_xw_text(w, c->name, (size_t)-1);
        fc_xw_end(w);
    }
    for (const struct fc_ext *e = m->exts.first; e; e = e->next)
        fc_xw_ext(w, e);
}

static void write_content(struct fc_xw *w, const struct fc_media *m)
{
    start(w, FC_XNS_MEDIA, "content");
    fc_xw_attr(w, "url", m->url);
    int_at(w, "fileSize", m->length);
    fc_xw_attr(w, "type", m->type);
    fc_xw_attr(w, "medium", m->medium);
    if (m->is_default >= 0)
        fc_xw_attr(w, "isDefault", m->is_default ? "true" : "false");
    fc_xw_attr(w, "expression", m->expression);
    num_at(w, "bitrate", m->bitrate, 1000);
    num_at(w, "framerate", m->framerate, 1);
    num_at(w, "samplingrate", m->samplingrate, 1);
    int_at(w, "channels", m->channels);
    num_at(w, "duration", m->duration, 1);
    int_at(w, "height", m->height);
    int_at(w, "width", m->width);
    fc_xw_attr(w, "lang", m->lang);
    write_meta(w, m->meta);
    fc_xw_end(w);
}

static void write_alternate(struct fc_xw *w, const struct fc_media *m)
{
    start(w, FC_XNS_PODCAST, "alternateEnclosure");
    fc_xw_attr(w, "type", m->type);
    int_at(w, "length", m->length);
    num_at(w, "bitrate", m->bitrate, 1);
    int_at(w, "height", m->height);
    fc_xw_attr(w, "lang", m->lang);
    fc_xw_attr(w, "title", m->title);
    fc_xw_attr(w, "rel", m->rel);
    fc_xw_attr(w, "codecs", m->codecs);
    if (m->is_default >= 0)
        fc_xw_attr(w, "default", m->is_default ? "true" : "false");
    const struct fc_media_source *so = m->sources.first;
    if (!so && m->url) {
        start(w, FC_XNS_PODCAST, "source");
        fc_xw_attr(w, "uri", m->url);
        fc_xw_end(w);
    }
    for (; so; so = so->next) {
        start(w, FC_XNS_PODCAST, "source");
        fc_xw_attr(w, "uri", so->uri);
        fc_xw_attr(w, "contentType", so->type);
        fc_xw_end(w);
    }
    if (m->integrity_type || m->integrity_value) {
        start(w, FC_XNS_PODCAST, "integrity");
        fc_xw_attr(w, "type", m->integrity_type);
        fc_xw_attr(w, "value", m->integrity_value);
        fc_xw_end(w);
    }
    fc_xw_end(w);
}

static void write_episode(struct fc_xw *w, const struct fc_post *p, unsigned flags)
{
    const struct fc_episode *e = &p->episode;
    const struct fc_media *enc = fc_post_enclosure(p);
    if ((flags & FC_XW_POD_DURATION) && enc && enc->duration >= 0) {
        /* whole seconds, rounded: Apple's forms (seconds, MM:SS,
         * HH:MM:SS) have no fraction (doubles from 2^53 up are whole);
         * a fraction stays in fc:duration, read back before the text */
        char n[40], exact[40];
        double d = enc->duration, whole = d < 9e15 ? (double)(long long)(d + 0.5) : d;
        fc_decimal_format(whole, n, sizeof n);
        start(w, FC_XNS_ITUNES, "duration");
        if (whole != d) {
            fc_decimal_format(d, exact, sizeof exact);
            fc_xw_attr_ns(w, FC_NS_FEEDCONV, "fc", "duration", exact);
        }
        fc_xw_text(w, n, (size_t)-1);
        fc_xw_end(w);
    }
    if ((flags & FC_XW_POD_IMAGE) && p->image) {
        start(w, FC_XNS_ITUNES, "image");
        fc_xw_attr(w, "href", p->image);
        fc_xw_end(w);
    }
    flag_w(w, FC_XNS_ITUNES, "explicit", e->explicit_content, "true", "false");
    int_el_w(w, FC_XNS_ITUNES, "episode", e->episode);
    int_el_w(w, FC_XNS_ITUNES, "season", e->season);
    el(w, FC_XNS_ITUNES, "episodeType", e->episode_type);
    flag_w(w, FC_XNS_ITUNES, "block", e->block, "Yes", "No");
    for (const struct fc_pod_transcript *t = e->transcripts.first; t; t = t->next) {
        start(w, FC_XNS_PODCAST, "transcript");
        fc_xw_attr(w, "url", t->url);
        fc_xw_attr(w, "type", t->type);
        fc_xw_attr(w, "language", t->language);
        fc_xw_attr(w, "rel", t->rel);
        fc_xw_end(w);
    }
    if (e->chapters_url) {
        start(w, FC_XNS_PODCAST, "chapters");
        fc_xw_attr(w, "url", e->chapters_url);
        fc_xw_attr(w, "type", e->chapters_type);
        fc_xw_end(w);
    }
    write_persons(w, &e->persons);
}

void fc_xw_pod_post(struct fc_xw *w, const struct fc_post *p, unsigned flags)
{
    write_episode(w, p, flags);
    size_t ngroups = p->media_groups.count;
    for (const struct fc_media *m = p->attachments.first; m; m = m->next) {
        if (m->kind == FC_MEDIA_ALTERNATE)
            write_alternate(w, m);
        else if (m->kind == FC_MEDIA_CONTENT && (m->group == 0 || m->group > ngroups))
            write_content(w, m);
    }
    unsigned k = 0;
    for (const struct fc_media_group *g = p->media_groups.first; g; g = g->next) {
        k++;
        start(w, FC_XNS_MEDIA, "group");
        for (const struct fc_media *m = p->attachments.first; m; m = m->next)
            if (m->kind == FC_MEDIA_CONTENT && m->group == k)
                write_content(w, m);
        write_meta(w, &g->meta);
        fc_xw_end(w);
    }
    write_meta(w, p->media);
}
