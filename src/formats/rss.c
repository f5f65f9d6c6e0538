/*
 * rss.c - the RSS family.  Reads RSS 0.90, 0.91 (Netscape and UserLand),
 * 0.92-0.94, 1.0 (RDF) and 2.0 into the model; writes RSS 2.0.
 *
 * Specs: RSS 2.0.11 (rssboard.org/rss-specification), RSS 0.91/0.92
 * (backend.userland.com), RSS 1.0 (web.resource.org/rss/1.0/spec), and the
 * modules real feeds use: content, dc (purl.org/dc/elements/1.1), slash,
 * wfw, sy, and atom:link (RSS Advisory Board best practices).
 *
 * Mapping (channel)                     model (struct fc_feed)
 *   title | dc:title                    title (text)
 *   link | atom:link[rel=alternate]     home_url
 *   description | dc:description        subtitle (html when it looks like it)
 *   language | dc:language              language
 *   copyright | dc:rights               rights
 *   managingEditor / webMaster          editor / webmaster ("email (Name)")
 *   pubDate                             published
 *   lastBuildDate | dc:date | atom:updated  updated
 *   category@domain, dc:subject         categories (term, scheme)
 *   generator                           generator.name
 *   docs, ttl, rating                   docs, ttl, rating
 *   cloud@domain,port,path,registerProcedure,protocol   cloud
 *   image (url,title,link,width,height,description)     image
 *   textInput|textinput (title,description,name,link)   text_input
 *   skipHours/hour, skipDays/day        skip_hours, skip_days bits
 *   dc:creator / dc:contributor         authors / contributors (names)
 *   atom:link rel=self|hub|next|other   feed_url | hubs | next_url | links
 *   atom:id, atom:icon                  id, icon
 *   rdf:RDF/channel@rdf:about           id
 *   @xml:base                           base
 *   anything else (sy:*, ...)           exts (origin "rss"), in order
 * Mapping (item)                        model (struct fc_post)
 *   guid | dc:identifier | @rdf:about | atom:id   id
 *   guid@isPermaLink                    id_is_permalink (-1 absent)
 *   link | atom:link[alternate] | permalink guid  url
 *   atom:link[rel=related]              external_url
 *   title | dc:title                    title (text)
 *   content:encoded | xhtml:body        content_html
 *   description | dc:description        summary
 *   author ("email (Name)") then dc:creator names not already there   authors
 *   dc:contributor                      contributors
 *   pubDate | dc:date | atom:published  published
 *   atom:updated | dcterms:modified     updated
 *   category@domain, dc:subject         categories
 *   enclosure@url,length,type (many)    attachments
 *   comments / wfw:commentRss / slash:comments   comments_url / comments_feed / comment_count
 *   source@url + text                   source (url, title)
 *   dc:language, dc:rights, @xml:base   language, rights, base
 *   other atom:link                     links
 *   anything else                       exts (origin "rss"), in order
 * The writer emits the same table backwards (first source of each row).
 *
 * Real-world quirks handled: elements after the items (kept, seen by
 * end()); RSS 2.0 in a default namespace (the root's namespace is taken
 * as RSS's own); HTML as unescaped child elements in description (kept
 * as markup); wfw:commentRSS misspelt; skipHours "24" for midnight; a
 * repeated single-valued element (the first wins, the rest are kept as
 * extensions); guid without isPermaLink (a permalink per the spec, used
 * as url only when it looks like one).
 */
#include "formats/xml.h"

#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Detection                                                           */

static size_t skip_ws(const unsigned char *h, size_t i, size_t n)
{
    while (i < n && (h[i] == ' ' || h[i] == '\t' || h[i] == '\r' || h[i] == '\n'))
        i++;
    return i;
}

/* Position after `end` starting at i, or n when not found. */
static size_t skip_past(const unsigned char *h, size_t i, size_t n, const char *end)
{
    size_t k = strlen(end);
    for (; i + k <= n; i++)
        if (memcmp(h + i, end, k) == 0)
            return i + k;
    return n;
}

static bool has(const unsigned char *h, size_t n, const char *s)
{
    size_t k = strlen(s);
    for (size_t i = 0; i + k <= n; i++)
        if (memcmp(h + i, s, k) == 0)
            return true;
    return false;
}

/* Does h[i..] start with the tag name `name` (then space, '>' or '/')? */
static bool tag_is(const unsigned char *h, size_t i, size_t n, const char *name)
{
    size_t k = strlen(name);
    if (i + k > n || memcmp(h + i, name, k) != 0)
        return false;
    if (i + k == n)
        return true;
    unsigned char c = h[i + k];
    return c == ' ' || c == '>' || c == '/' || c == '\t' || c == '\r' || c == '\n';
}

static int rss_detect(const unsigned char *h, size_t n)
{
    size_t i = 0;
    if (n >= 3 && h[0] == 0xEF && h[1] == 0xBB && h[2] == 0xBF)
        i = 3;
    for (;;) {
        i = skip_ws(h, i, n);
        if (i + 1 >= n || h[i] != '<')
            return 0;
        if (h[i + 1] == '?')
            i = skip_past(h, i, n, "?>");
        else if (n - i >= 4 && memcmp(h + i, "<!--", 4) == 0)
            i = skip_past(h, i, n, "-->");
        else if (h[i + 1] == '!') /* DOCTYPE, with an internal subset maybe */
            i = has(h + i, n - i, "[") ? skip_past(h, skip_past(h, i, n, "]"), n, ">")
                                       : skip_past(h, i, n, ">");
        else
            break;
    }
    i++; /* past '<' */
    if (tag_is(h, i, n, "rss"))
        return 100;
    /* rdf:RDF with any prefix */
    size_t j = i;
    while (j < n && h[j] != ':' && h[j] != '>' && h[j] != ' ' && h[j] != '/')
        j++;
    if (j < n && h[j] == ':' && tag_is(h, j + 1, n, "RDF")) {
        if (has(h, n, FC_NS_RSS10) || has(h, n, FC_NS_RSS090))
            return 100;
        return 20;
    }
    if (tag_is(h, i, n, "channel"))
        return 60;
    return 0;
}

/* ------------------------------------------------------------------ */
/* Reader state                                                        */

/* Namespaces by kind, so the tables below can name RSS's own elements
 * whatever namespace this document gives them. */
enum nsk { K_CORE, K_DC, K_DCTERMS, K_ATOM, K_CONTENT, K_WFW, K_SLASH, K_RDF, K_XHTML };

/* Channel candidates: single-valued sources kept as text until the
 * resolve step picks one per field (see resolve_channel). */
enum cslot {
    C_TITLE,
    C_DC_TITLE,
    C_DESC,
    C_DC_DESC,
    C_LINK,
    C_ATOM_ALT,
    C_LANG,
    C_DC_LANG,
    C_COPY,
    C_DC_RIGHTS,
    C_PUBDATE,
    C_LASTBUILD,
    C_DC_DATE,
    C_ATOM_UPDATED,
    C_GENERATOR,
    C_EDITOR,
    C_WEBMASTER,
    C_DOCS,
    C_TTL,
    C_RATING,
    C_ATOM_ID,
    C_ATOM_ICON,
    C_ABOUT,
    C_COUNT
};

struct cand {
    const char *s;
    unsigned long line;
    bool used; /* applied to the feed */
};

enum islot {
    I_TITLE,
    I_DC_TITLE,
    I_LINK,
    I_DESC,
    I_DC_DESC,
    I_CONTENT,
    I_XHTML_BODY,
    I_GUID,
    I_DC_ID,
    I_ATOM_ID,
    I_PUBDATE,
    I_DC_DATE,
    I_ATOM_PUBLISHED,
    I_ATOM_UPDATED,
    I_DCT_MODIFIED,
    I_COMMENTS,
    I_WFW,
    I_SLASH,
    I_SOURCE,
    I_DC_LANG,
    I_DC_RIGHTS,
    I_COUNT
};

struct slot_def {
    enum nsk ns;
    const char *name;
    int slot;
};

static const struct slot_def chan_slots[] = {
    {K_CORE, "title", C_TITLE},
    {K_DC, "title", C_DC_TITLE},
    {K_CORE, "description", C_DESC},
    {K_DC, "description", C_DC_DESC},
    {K_CORE, "link", C_LINK},
    {K_CORE, "language", C_LANG},
    {K_DC, "language", C_DC_LANG},
    {K_CORE, "copyright", C_COPY},
    {K_DC, "rights", C_DC_RIGHTS},
    {K_CORE, "pubDate", C_PUBDATE},
    {K_CORE, "lastBuildDate", C_LASTBUILD},
    {K_DC, "date", C_DC_DATE},
    {K_ATOM, "updated", C_ATOM_UPDATED},
    {K_CORE, "generator", C_GENERATOR},
    {K_CORE, "managingEditor", C_EDITOR},
    {K_CORE, "webMaster", C_WEBMASTER},
    {K_CORE, "docs", C_DOCS},
    {K_CORE, "ttl", C_TTL},
    {K_CORE, "rating", C_RATING},
    {K_ATOM, "id", C_ATOM_ID},
    {K_ATOM, "icon", C_ATOM_ICON},
};

static const struct slot_def item_slots[] = {
    {K_CORE, "title", I_TITLE},
    {K_DC, "title", I_DC_TITLE},
    {K_CORE, "link", I_LINK},
    {K_CORE, "description", I_DESC},
    {K_DC, "description", I_DC_DESC},
    {K_CONTENT, "encoded", I_CONTENT},
    {K_XHTML, "body", I_XHTML_BODY},
    {K_CORE, "guid", I_GUID},
    {K_DC, "identifier", I_DC_ID},
    {K_ATOM, "id", I_ATOM_ID},
    {K_CORE, "pubDate", I_PUBDATE},
    {K_DC, "date", I_DC_DATE},
    {K_ATOM, "published", I_ATOM_PUBLISHED},
    {K_ATOM, "updated", I_ATOM_UPDATED},
    {K_DCTERMS, "modified", I_DCT_MODIFIED},
    {K_CORE, "comments", I_COMMENTS},
    {K_WFW, "commentRss", I_WFW},
    {K_WFW, "commentRSS", I_WFW}, /* a common misspelling */
    {K_SLASH, "comments", I_SLASH},
    {K_CORE, "source", I_SOURCE},
    {K_DC, "language", I_DC_LANG},
    {K_DC, "rights", I_DC_RIGHTS},
};

struct rd {
    struct fc_xr x;
    struct fc_handler *h;
    const struct fc_options *opt;
    struct fc_feed *feed;
    const char *file;
    const char *core_ns; /* RSS's own elements: NULL, RSS 1.0 or 0.90 */
    bool rdf;
    bool begun;
    bool saw_channel;
    struct cand ch[C_COUNT];
};

static const char *ns_of(const struct rd *r, enum nsk k)
{
    switch (k) {
    case K_CORE:
        return r->core_ns;
    case K_DC:
        return FC_NS_DC;
    case K_DCTERMS:
        return FC_NS_DCTERMS;
    case K_ATOM:
        return FC_NS_ATOM;
    case K_CONTENT:
        return FC_NS_CONTENT;
    case K_WFW:
        return FC_NS_WFW;
    case K_SLASH:
        return FC_NS_SLASH;
    case K_RDF:
        return FC_NS_RDF;
    case K_XHTML:
        return FC_NS_XHTML;
    }
    return NULL;
}

static bool is_k(const struct rd *r, const xmlNode *n, enum nsk k, const char *name)
{
    return fc_xml_is(n, ns_of(r, k), name);
}

static int find_slot(const struct rd *r, const xmlNode *n, const struct slot_def *t, size_t cnt)
{
    for (size_t i = 0; i < cnt; i++)
        if (is_k(r, n, t[i].ns, t[i].name))
            return t[i].slot;
    return -1;
}

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ------------------------------------------------------------------ */
/* Small conversions                                                   */

static enum fc_status warn_at(struct rd *r, unsigned long line, struct fc_error *err,
                              const char *what, const char *value)
{
    return fc_warn(r->opt, err, r->file, line, 0, "%s \"%.200s\"", what, value);
}

/* A date into *t; unparsable text is kept raw with a warning. */
static enum fc_status set_date(struct rd *r, struct fc_arena *a, struct fc_time *t, const char *s,
                               unsigned long line, const char *what, struct fc_error *err)
{
    if (!s)
        return FC_OK;
    enum fc_status st = fc_time_parse_keep(a, s, t);
    if (st == FC_EPARSE)
        return warn_at(r, line, err, what, s);
    return st == FC_OK ? FC_OK : fc_nomem(err);
}

/* "email (Name)", "Name <email>", a bare email or a bare name. */
static enum fc_status parse_person(struct fc_arena *a, const char *s, struct fc_person *p,
                                   struct fc_error *err)
{
    size_t n = strlen(s);
    const char *open = memchr(s, '(', n);
    const char *lt = memchr(s, '<', n);
    if (open && n > 0 && s[n - 1] == ')' && memchr(s, '@', (size_t)(open - s))) {
        p->email = fc_strtrim(a, s, (size_t)(open - s));
        p->name = fc_strtrim(a, open + 1, (size_t)(s + n - 1 - open - 1));
    } else if (lt && n > 0 && s[n - 1] == '>' && memchr(lt, '@', (size_t)(s + n - lt))) {
        p->name = fc_strtrim(a, s, (size_t)(lt - s));
        p->email = fc_strtrim(a, lt + 1, (size_t)(s + n - 1 - lt - 1));
    } else if (memchr(s, '@', n) && !memchr(s, ' ', n)) {
        p->email = fc_strdup(a, s, n);
        return p->email ? FC_OK : fc_nomem(err);
    } else {
        p->name = fc_strdup(a, s, n);
        return p->name ? FC_OK : fc_nomem(err);
    }
    if (!p->name || !p->email)
        return fc_nomem(err);
    if (!*p->name)
        p->name = NULL;
    return FC_OK;
}

/* Text of an element, or its markup when it holds child elements (HTML
 * left unescaped inside description, a quirk of some feeds). */
static enum fc_status html_of(struct fc_arena *a, const xmlNode *n, const char **out,
                              struct fc_error *err)
{
    if (fc_xml_has_elements(n))
        return fc_xml_inner(a, n, out, err);
    return fc_xml_text(a, n, true, out, err);
}

static enum fc_text_type html_type(const char *s)
{
    return s && fc_looks_like_html(s) ? FC_HTML : FC_TEXT;
}

static bool looks_like_url(const char *s)
{
    return s && (fc_strncasecmp(s, "http://", 7) == 0 || fc_strncasecmp(s, "https://", 8) == 0);
}

static enum fc_status add_tag(struct fc_arena *a, struct fc_list *list, const xmlNode *n,
                              bool with_domain, struct fc_error *err)
{
    const char *term;
    enum fc_status st = fc_xml_text(a, n, true, &term, err);
    if (st != FC_OK || !term)
        return st;
    struct fc_tag *t = fc_list_add(a, list, sizeof *t);
    if (!t)
        return fc_nomem(err);
    t->term = term;
    return with_domain ? fc_xml_attr(a, n, NULL, "domain", &t->scheme, err) : FC_OK;
}

static enum fc_status add_name(struct fc_arena *a, struct fc_list *list, const char *name,
                               struct fc_error *err)
{
    struct fc_person *p = fc_list_add(a, list, sizeof *p);
    if (!p)
        return fc_nomem(err);
    p->name = name;
    (void)err;
    return FC_OK;
}

static enum fc_status add_person_node(struct fc_arena *a, struct fc_list *list, const xmlNode *n,
                                      bool parse, struct fc_error *err)
{
    const char *s;
    enum fc_status st = fc_xml_text(a, n, true, &s, err);
    if (st != FC_OK || !s)
        return st;
    if (!parse)
        return add_name(a, list, s, err);
    struct fc_person *p = fc_list_add(a, list, sizeof *p);
    return p ? parse_person(a, s, p, err) : fc_nomem(err);
}

/* An atom:link into a struct fc_link (list may be the caller's). */
static enum fc_status read_link(struct fc_arena *a, const xmlNode *n, struct fc_link *l,
                                struct fc_error *err)
{
    const char *len = NULL;
    int64_t v;
    enum fc_status st;
    l->length = -1;
    if ((st = fc_xml_attr(a, n, NULL, "href", &l->href, err)) != FC_OK ||
        (st = fc_xml_attr(a, n, NULL, "rel", &l->rel, err)) != FC_OK ||
        (st = fc_xml_attr(a, n, NULL, "type", &l->type, err)) != FC_OK ||
        (st = fc_xml_attr(a, n, NULL, "hreflang", &l->hreflang, err)) != FC_OK ||
        (st = fc_xml_attr(a, n, NULL, "title", &l->title, err)) != FC_OK ||
        (st = fc_xml_attr(a, n, NULL, "length", &len, err)) != FC_OK)
        return st;
    if (len && fc_parse_int(len, 0, INT64_MAX, &v))
        l->length = v;
    return FC_OK;
}

static const char *const day_names[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                        "Friday", "Saturday", "Sunday"};

/* ------------------------------------------------------------------ */
/* Channel                                                             */

static enum fc_status add_ext(struct rd *r, struct fc_arena *a, struct fc_list *list,
                              const xmlNode *n, struct fc_error *err)
{
    (void)r;
    return fc_xml_to_ext(a, list, n, "rss", NULL, err);
}

static enum fc_status read_image(struct rd *r, const xmlNode *n, struct fc_error *err)
{
    struct fc_feed *f = r->feed;
    struct fc_arena *a = f->arena;
    enum fc_status st = FC_OK;
    int64_t v;
    if (f->image.url) /* a second image: keep it, do not merge */
        return add_ext(r, a, &f->exts, n, err);
    for (const xmlNode *c = fc_xml_first(n); c && st == FC_OK; c = fc_xml_next(c)) {
        const char *s = NULL;
        if ((st = fc_xml_text(a, c, true, &s, err)) != FC_OK)
            break;
        if (is_k(r, c, K_CORE, "url"))
            f->image.url = s;
        else if (is_k(r, c, K_CORE, "title"))
            f->image.title = s;
        else if (is_k(r, c, K_CORE, "link"))
            f->image.link = s;
        else if (is_k(r, c, K_CORE, "description"))
            f->image.description = s;
        else if (is_k(r, c, K_CORE, "width") && s && fc_parse_int(s, 0, 1 << 20, &v))
            f->image.width = (int)v;
        else if (is_k(r, c, K_CORE, "height") && s && fc_parse_int(s, 0, 1 << 20, &v))
            f->image.height = (int)v;
        else
            st = add_ext(r, a, &f->exts, c, err);
    }
    /* RSS 1.0: <image rdf:about="URL"> may be the only place the URL is. */
    if (st == FC_OK && !f->image.url)
        st = fc_xml_attr(a, n, FC_NS_RDF, "about", &f->image.url, err);
    return st;
}

static enum fc_status read_text_input(struct rd *r, const xmlNode *n, struct fc_error *err)
{
    struct fc_feed *f = r->feed;
    struct fc_text_input *t = &f->text_input;
    enum fc_status st = FC_OK;
    if (t->name || t->link)
        return add_ext(r, f->arena, &f->exts, n, err);
    for (const xmlNode *c = fc_xml_first(n); c && st == FC_OK; c = fc_xml_next(c)) {
        const char *s = NULL;
        if ((st = fc_xml_text(f->arena, c, true, &s, err)) != FC_OK)
            break;
        if (is_k(r, c, K_CORE, "title"))
            t->title = s;
        else if (is_k(r, c, K_CORE, "description"))
            t->description = s;
        else if (is_k(r, c, K_CORE, "name"))
            t->name = s;
        else if (is_k(r, c, K_CORE, "link"))
            t->link = s;
        else
            st = add_ext(r, f->arena, &f->exts, c, err);
    }
    return st;
}

static enum fc_status read_cloud(struct rd *r, const xmlNode *n, struct fc_error *err)
{
    struct fc_feed *f = r->feed;
    struct fc_arena *a = f->arena;
    const char *port = NULL;
    int64_t v;
    enum fc_status st;
    if ((st = fc_xml_attr(a, n, NULL, "domain", &f->cloud.domain, err)) != FC_OK ||
        (st = fc_xml_attr(a, n, NULL, "port", &port, err)) != FC_OK ||
        (st = fc_xml_attr(a, n, NULL, "path", &f->cloud.path, err)) != FC_OK ||
        (st = fc_xml_attr(a, n, NULL, "registerProcedure", &f->cloud.procedure, err)) != FC_OK ||
        (st = fc_xml_attr(a, n, NULL, "protocol", &f->cloud.protocol, err)) != FC_OK)
        return st;
    if (port && fc_parse_int(port, 0, 65535, &v))
        f->cloud.port = (int)v;
    else if (port)
        return warn_at(r, fc_xml_line(n), err, "cloud port is not a number:", port);
    return FC_OK;
}

static enum fc_status read_skip(struct rd *r, const xmlNode *n, bool hours, struct fc_error *err)
{
    struct fc_feed *f = r->feed;
    enum fc_status st = FC_OK;
    for (const xmlNode *c = fc_xml_first(n); c && st == FC_OK; c = fc_xml_next(c)) {
        const char *s = NULL;
        int64_t v;
        bool ok = false;
        if ((st = fc_xml_text(f->arena, c, true, &s, err)) != FC_OK || !s)
            continue;
        if (hours && is_k(r, c, K_CORE, "hour") && fc_parse_int(s, 0, 24, &v)) {
            f->skip_hours |= (uint32_t)1 << (v == 24 ? 0 : v); /* 24: midnight */
            ok = true;
        } else if (!hours && is_k(r, c, K_CORE, "day")) {
            for (int d = 0; d < 7; d++) {
                if (fc_strcasecmp(s, day_names[d]) == 0) {
                    f->skip_days |= (uint8_t)(1u << d);
                    ok = true;
                }
            }
        }
        if (!ok)
            st = warn_at(r, fc_xml_line(c), err,
                         hours ? "skipHours entry dropped:" : "skipDays entry dropped:", s);
    }
    return st;
}

/* atom:link in the channel: self, hub, next, alternate (a candidate for
 * home_url), anything else into links. */
static enum fc_status chan_atom_link(struct rd *r, const xmlNode *n, struct fc_error *err)
{
    struct fc_feed *f = r->feed;
    struct fc_link l;
    memset(&l, 0, sizeof l);
    enum fc_status st = read_link(f->arena, n, &l, err);
    if (st != FC_OK || !l.href)
        return st;
    const char *rel = l.rel ? l.rel : "alternate";
    if (strcmp(rel, "self") == 0 && !f->feed_url) {
        f->feed_url = l.href;
    } else if (strcmp(rel, "hub") == 0) {
        struct fc_hub *h = fc_list_add(f->arena, &f->hubs, sizeof *h);
        if (!h)
            return fc_nomem(err);
        h->url = l.href;
        h->type = "WebSub";
    } else if (strcmp(rel, "next") == 0 && !f->next_url) {
        f->next_url = l.href;
    } else if (strcmp(rel, "alternate") == 0 && !r->ch[C_ATOM_ALT].s &&
               (!l.type || strcmp(l.type, "text/html") == 0)) {
        r->ch[C_ATOM_ALT].s = l.href;
        r->ch[C_ATOM_ALT].line = fc_xml_line(n);
    } else {
        struct fc_link *k = fc_list_add(f->arena, &f->links, sizeof *k);
        if (!k)
            return fc_nomem(err);
        *k = l;
        k->next = NULL;
    }
    return FC_OK;
}

/* One child of <channel> (not an item). */
static enum fc_status chan_child(struct rd *r, const xmlNode *n, struct fc_error *err)
{
    struct fc_feed *f = r->feed;
    struct fc_arena *a = f->arena;
    int slot = find_slot(r, n, chan_slots, COUNT(chan_slots));
    if (slot >= 0) {
        struct cand *c = &r->ch[slot];
        if (c->s) /* repeated: the first wins, this one is kept */
            return add_ext(r, a, &f->exts, n, err);
        enum fc_status st =
            slot == C_DESC ? html_of(a, n, &c->s, err) : fc_xml_text(a, n, true, &c->s, err);
        c->line = fc_xml_line(n);
        return st;
    }
    if (is_k(r, n, K_CORE, "category"))
        return add_tag(a, &f->categories, n, true, err);
    if (is_k(r, n, K_DC, "subject"))
        return add_tag(a, &f->categories, n, false, err);
    if (is_k(r, n, K_DC, "creator"))
        return add_person_node(a, &f->authors, n, false, err);
    if (is_k(r, n, K_DC, "contributor"))
        return add_person_node(a, &f->contributors, n, false, err);
    if (is_k(r, n, K_ATOM, "link"))
        return chan_atom_link(r, n, err);
    if (is_k(r, n, K_CORE, "cloud") && !f->cloud.domain)
        return read_cloud(r, n, err);
    if (is_k(r, n, K_CORE, "skipHours"))
        return read_skip(r, n, true, err);
    if (is_k(r, n, K_CORE, "skipDays"))
        return read_skip(r, n, false, err);
    if (r->rdf && (is_k(r, n, K_CORE, "items") ||
                   ((is_k(r, n, K_CORE, "image") || is_k(r, n, K_CORE, "textinput")) &&
                    !fc_xml_has_elements(n))))
        return FC_OK; /* RSS 1.0 references to the elements beside the channel */
    if (is_k(r, n, K_CORE, "image"))
        return read_image(r, n, err);
    if (is_k(r, n, K_CORE, "textInput") || is_k(r, n, K_CORE, "textinput"))
        return read_text_input(r, n, err);
    return add_ext(r, a, &f->exts, n, err);
}

/* The first candidate present among the slots (a priority list ended by
 * -1), marked used; NULL when none. */
static struct cand *first_of(struct rd *r, const int *slots)
{
    for (; *slots >= 0; slots++)
        if (r->ch[*slots].s)
            return &r->ch[*slots];
    return NULL;
}

/* Apply one string field: the first candidate in priority order, unless
 * the field is already set (resolve runs before begin and again before
 * end, for elements that came after the items). */
static void chan_str(struct rd *r, const char **field, const int *prio)
{
    struct cand *c = first_of(r, prio);
    if (!*field && c)
        *field = c->s;
}

static enum fc_status chan_date(struct rd *r, struct fc_time *t, const int *prio, const char *what,
                                struct fc_error *err)
{
    struct cand *c = first_of(r, prio);
    if (fc_time_present(t) || !c)
        return FC_OK;
    return set_date(r, r->feed->arena, t, c->s, c->line, what, err);
}

static enum fc_status chan_person(struct rd *r, struct fc_person *p, int slot, struct fc_error *err)
{
    struct cand *c = &r->ch[slot];
    if (!c->s || c->used)
        return FC_OK;
    c->used = true;
    return parse_person(r->feed->arena, c->s, p, err);
}

/* The feed fields with several possible sources, each walking its
 * sources in priority order (first present wins). */
static enum fc_status resolve_channel(struct rd *r, struct fc_error *err)
{
    struct fc_feed *f = r->feed;
    enum fc_status st;
    int64_t v;
    /* title: RSS <title>, then dc:title (RSS 1.0 feeds written with DC) */
    static const int p_title[] = {C_TITLE, C_DC_TITLE, -1};
    chan_str(r, &f->title.value, p_title);
    /* subtitle: <description> (HTML in practice), then dc:description */
    static const int p_desc[] = {C_DESC, C_DC_DESC, -1};
    if (!f->subtitle.value) {
        chan_str(r, &f->subtitle.value, p_desc);
        f->subtitle.type = html_type(f->subtitle.value);
    }
    /* home_url: <link>, then atom:link rel=alternate */
    static const int p_home[] = {C_LINK, C_ATOM_ALT, -1};
    chan_str(r, &f->home_url, p_home);
    /* language: <language>, then dc:language */
    static const int p_lang[] = {C_LANG, C_DC_LANG, -1};
    chan_str(r, &f->language, p_lang);
    /* rights: <copyright>, then dc:rights */
    static const int p_rights[] = {C_COPY, C_DC_RIGHTS, -1};
    chan_str(r, &f->rights.value, p_rights);
    /* id: atom:id, then RSS 1.0 channel/@rdf:about */
    static const int p_id[] = {C_ATOM_ID, C_ABOUT, -1};
    chan_str(r, &f->id, p_id);
    static const int p_gen[] = {C_GENERATOR, -1};
    chan_str(r, &f->generator.name, p_gen);
    static const int p_docs[] = {C_DOCS, -1};
    chan_str(r, &f->docs, p_docs);
    static const int p_rating[] = {C_RATING, -1};
    chan_str(r, &f->rating, p_rating);
    static const int p_icon[] = {C_ATOM_ICON, -1};
    chan_str(r, &f->icon, p_icon);
    /* published: <pubDate> only (dc:date is the channel's last change) */
    static const int p_pub[] = {C_PUBDATE, -1};
    if ((st = chan_date(r, &f->published, p_pub, "unparsable pubDate kept as text:", err)))
        return st;
    /* updated: <lastBuildDate>, then dc:date (RSS 1.0), then atom:updated */
    static const int p_upd[] = {C_LASTBUILD, C_DC_DATE, C_ATOM_UPDATED, -1};
    if ((st = chan_date(r, &f->updated, p_upd, "unparsable channel date kept as text:", err)))
        return st;
    if ((st = chan_person(r, &f->editor, C_EDITOR, err)) ||
        (st = chan_person(r, &f->webmaster, C_WEBMASTER, err)))
        return st;
    struct cand *ttl = &r->ch[C_TTL];
    if (ttl->s && !ttl->used) {
        ttl->used = true;
        if (fc_parse_int(ttl->s, 0, INT32_MAX, &v))
            f->ttl = (int)v;
        else if ((st = warn_at(r, ttl->line, err, "ttl is not a number, dropped:", ttl->s)))
            return st;
    }
    return FC_OK;
}

static enum fc_status begin_once(struct rd *r, struct fc_error *err)
{
    if (r->begun)
        return FC_OK;
    enum fc_status st = resolve_channel(r, err);
    if (st != FC_OK)
        return st;
    r->begun = true;
    return r->h->begin ? r->h->begin(r->h->ctx, r->feed, err) : FC_OK;
}

/* ------------------------------------------------------------------ */
/* Items                                                               */

struct item {
    struct rd *r;
    xmlNode *node;
    struct fc_post *p;
    xmlNode *slot[I_COUNT];
    xmlNode *atom_alt; /* first atom:link rel=alternate */
};

static enum fc_status item_text(struct item *it, int slot, const char **out, struct fc_error *err)
{
    *out = NULL;
    return it->slot[slot] ? fc_xml_text(it->p->arena, it->slot[slot], true, out, err) : FC_OK;
}

/* The first slot present, in priority order (-1 ends the list). */
static int item_first(const struct item *it, const int *prio)
{
    for (; *prio >= 0; prio++)
        if (it->slot[*prio])
            return *prio;
    return -1;
}

static enum fc_status item_atom_link(struct item *it, xmlNode *n, struct fc_error *err)
{
    struct fc_post *p = it->p;
    struct fc_link l;
    memset(&l, 0, sizeof l);
    enum fc_status st = read_link(p->arena, n, &l, err);
    if (st != FC_OK || !l.href)
        return st;
    const char *rel = l.rel ? l.rel : "alternate";
    if (strcmp(rel, "alternate") == 0 && !it->atom_alt) {
        it->atom_alt = n;
        return FC_OK;
    }
    if (strcmp(rel, "related") == 0 && !p->external_url) {
        p->external_url = l.href;
        return FC_OK;
    }
    struct fc_link *k = fc_list_add(p->arena, &p->links, sizeof *k);
    if (!k)
        return fc_nomem(err);
    *k = l;
    k->next = NULL;
    return FC_OK;
}

static enum fc_status item_enclosure(struct item *it, const xmlNode *n, struct fc_error *err)
{
    struct fc_arena *a = it->p->arena;
    const char *len = NULL;
    int64_t v;
    struct fc_media *m = fc_list_add(a, &it->p->attachments, sizeof *m);
    if (!m)
        return fc_nomem(err);
    m->length = -1;
    m->duration = -1;
    enum fc_status st;
    if ((st = fc_xml_attr(a, n, NULL, "url", &m->url, err)) != FC_OK ||
        (st = fc_xml_attr(a, n, NULL, "type", &m->type, err)) != FC_OK ||
        (st = fc_xml_attr(a, n, NULL, "length", &len, err)) != FC_OK)
        return st;
    if (len && fc_parse_int(len, 0, INT64_MAX, &v))
        m->length = v;
    else if (len && *len)
        return warn_at(it->r, fc_xml_line(n), err, "enclosure length is not a number:", len);
    return FC_OK;
}

/* Sort the item's children: single-valued ones into slots (a repeat is
 * kept as an extension), lists straight into the post, dc:creator left
 * for item_authors, unknown ones into exts in document order. */
static enum fc_status item_classify(struct item *it, struct fc_error *err)
{
    struct rd *r = it->r;
    struct fc_post *p = it->p;
    enum fc_status st = FC_OK;
    for (xmlNode *c = fc_xml_first(it->node); c && st == FC_OK; c = fc_xml_next(c)) {
        int slot = find_slot(r, c, item_slots, COUNT(item_slots));
        if (slot >= 0 && !it->slot[slot])
            it->slot[slot] = c;
        else if (slot >= 0)
            st = add_ext(r, p->arena, &p->exts, c, err);
        else if (is_k(r, c, K_CORE, "category"))
            st = add_tag(p->arena, &p->categories, c, true, err);
        else if (is_k(r, c, K_DC, "subject"))
            st = add_tag(p->arena, &p->categories, c, false, err);
        else if (is_k(r, c, K_CORE, "enclosure"))
            st = item_enclosure(it, c, err);
        else if (is_k(r, c, K_CORE, "author"))
            st = add_person_node(p->arena, &p->authors, c, true, err);
        else if (is_k(r, c, K_DC, "contributor"))
            st = add_person_node(p->arena, &p->contributors, c, false, err);
        else if (is_k(r, c, K_ATOM, "link"))
            st = item_atom_link(it, c, err);
        else if (!is_k(r, c, K_DC, "creator"))
            st = add_ext(r, p->arena, &p->exts, c, err);
    }
    return st;
}

/* Authors: <author> elements first ("email (Name)"), then each
 * dc:creator whose name is not already there (feeds often carry both for
 * the same person). */
static enum fc_status item_authors(struct item *it, struct fc_error *err)
{
    struct fc_post *p = it->p;
    for (xmlNode *c = fc_xml_first(it->node); c; c = fc_xml_next(c)) {
        if (!is_k(it->r, c, K_DC, "creator"))
            continue;
        const char *name;
        enum fc_status st = fc_xml_text(p->arena, c, true, &name, err);
        if (st != FC_OK)
            return st;
        bool dup = !name;
        for (struct fc_person *q = p->authors.first; q && !dup; q = q->next)
            dup = q->name && strcmp(q->name, name) == 0;
        if (!dup && (st = add_name(p->arena, &p->authors, name, err)) != FC_OK)
            return st;
    }
    return FC_OK;
}

/* id: <guid>, then dc:identifier, then atom:id, then RSS 1.0 @rdf:about. */
static enum fc_status item_id(struct item *it, struct fc_error *err)
{
    static const int prio[] = {I_GUID, I_DC_ID, I_ATOM_ID, -1};
    struct fc_post *p = it->p;
    int s = item_first(it, prio);
    enum fc_status st;
    if (s >= 0 && (st = item_text(it, s, &p->id, err)) != FC_OK)
        return st;
    if (!p->id && (st = fc_xml_attr(p->arena, it->node, FC_NS_RDF, "about", &p->id, err)))
        return st;
    if (it->slot[I_GUID]) {
        const char *pl;
        if ((st = fc_xml_attr(p->arena, it->slot[I_GUID], NULL, "isPermaLink", &pl, err)))
            return st;
        if (pl)
            p->id_is_permalink = fc_strcasecmp(pl, "false") == 0 ? 0 : 1;
    }
    return FC_OK;
}

/* url: <link>, then atom:link rel=alternate, then the guid when it is a
 * permalink (isPermaLink absent or true) and looks like a URL. */
static enum fc_status item_url(struct item *it, struct fc_error *err)
{
    struct fc_post *p = it->p;
    enum fc_status st = item_text(it, I_LINK, &p->url, err);
    if (st != FC_OK || p->url)
        return st;
    if (it->atom_alt)
        return fc_xml_attr(p->arena, it->atom_alt, NULL, "href", &p->url, err);
    if (it->slot[I_GUID] && p->id_is_permalink != 0 && looks_like_url(p->id))
        p->url = p->id;
    return FC_OK;
}

/* content_html: content:encoded, then an xhtml:body (its markup). */
static enum fc_status item_content(struct item *it, struct fc_error *err)
{
    struct fc_post *p = it->p;
    if (it->slot[I_CONTENT])
        return fc_xml_text(p->arena, it->slot[I_CONTENT], false, &p->content_html, err);
    if (it->slot[I_XHTML_BODY])
        return fc_xml_inner(p->arena, it->slot[I_XHTML_BODY], &p->content_html, err);
    return FC_OK;
}

/* summary: <description>, then dc:description.  The description is HTML
 * in practice (and as a child-element quirk, markup). */
static enum fc_status item_summary(struct item *it, struct fc_error *err)
{
    static const int prio[] = {I_DESC, I_DC_DESC, -1};
    int s = item_first(it, prio);
    if (s < 0)
        return FC_OK;
    enum fc_status st = html_of(it->p->arena, it->slot[s], &it->p->summary.value, err);
    it->p->summary.type = html_type(it->p->summary.value);
    return st;
}

/* title: <title>, then dc:title. */
static enum fc_status item_title(struct item *it, struct fc_error *err)
{
    static const int prio[] = {I_TITLE, I_DC_TITLE, -1};
    int s = item_first(it, prio);
    return s < 0 ? FC_OK : item_text(it, s, &it->p->title.value, err);
}

static enum fc_status item_date(struct item *it, struct fc_time *t, const int *prio,
                                const char *what, struct fc_error *err)
{
    int s = item_first(it, prio);
    const char *v;
    if (s < 0)
        return FC_OK;
    enum fc_status st = item_text(it, s, &v, err);
    if (st != FC_OK)
        return st;
    return set_date(it->r, it->p->arena, t, v, fc_xml_line(it->slot[s]), what, err);
}

/* published: <pubDate>, then dc:date, then atom:published.
 * updated: atom:updated, then dcterms:modified. */
static enum fc_status item_dates(struct item *it, struct fc_error *err)
{
    static const int p_pub[] = {I_PUBDATE, I_DC_DATE, I_ATOM_PUBLISHED, -1};
    static const int p_upd[] = {I_ATOM_UPDATED, I_DCT_MODIFIED, -1};
    enum fc_status st =
        item_date(it, &it->p->published, p_pub, "unparsable date kept as text:", err);
    if (st == FC_OK)
        st = item_date(it, &it->p->updated, p_upd, "unparsable date kept as text:", err);
    return st;
}

/* comments_url, comments_feed, comment_count, source, language, rights,
 * base: one source each. */
static enum fc_status item_misc(struct item *it, struct fc_error *err)
{
    struct fc_post *p = it->p;
    struct fc_arena *a = p->arena;
    const char *s;
    int64_t v;
    enum fc_status st;
    if ((st = item_text(it, I_COMMENTS, &p->comments_url, err)) ||
        (st = item_text(it, I_WFW, &p->comments_feed, err)) ||
        (st = item_text(it, I_DC_LANG, &p->language, err)) ||
        (st = item_text(it, I_DC_RIGHTS, &p->rights.value, err)) ||
        (st = fc_xml_attr(a, it->node, FC_NS_XML, "base", &p->base, err)) ||
        (st = item_text(it, I_SLASH, &s, err)))
        return st;
    if (s && fc_parse_int(s, 0, INT64_MAX, &v))
        p->comment_count = v;
    else if (s && (st = warn_at(it->r, fc_xml_line(it->slot[I_SLASH]), err,
                                "slash:comments is not a number, dropped:", s)))
        return st;
    if (it->slot[I_SOURCE]) {
        struct fc_source *src = fc_alloc(a, sizeof *src);
        if (!src)
            return fc_nomem(err);
        p->source = src;
        if ((st = fc_xml_text(a, it->slot[I_SOURCE], true, &src->title, err)) ||
            (st = fc_xml_attr(a, it->slot[I_SOURCE], NULL, "url", &src->url, err)))
            return st;
    }
    return FC_OK;
}

static enum fc_status read_item(struct rd *r, xmlNode *node, struct fc_error *err)
{
    enum fc_status st = begin_once(r, err);
    if (st != FC_OK)
        return st;
    struct item it;
    memset(&it, 0, sizeof it);
    it.r = r;
    it.node = node;
    it.p = fc_post_new();
    if (!it.p)
        return fc_nomem(err);
    it.p->line = fc_xml_line(node);
    if ((st = item_classify(&it, err)) || (st = item_id(&it, err)) || (st = item_url(&it, err)) ||
        (st = item_title(&it, err)) || (st = item_content(&it, err)) ||
        (st = item_summary(&it, err)) || (st = item_authors(&it, err)) ||
        (st = item_dates(&it, err)) || (st = item_misc(&it, err)))
        goto out;
    st = r->h->post ? r->h->post(r->h->ctx, r->feed, it.p, err) : FC_OK;
out:
    fc_post_free(it.p);
    return st;
}

/* ------------------------------------------------------------------ */
/* The document                                                        */

static enum fc_status set_format(struct rd *r, const char *version)
{
    char buf[48];
    snprintf(buf, sizeof buf, "rss %s", version);
    r->feed->format = fc_strdup(r->feed->arena, buf, (size_t)-1);
    return r->feed->format ? FC_OK : FC_ENOMEM;
}

/* The root: <rss version=...>, <rdf:RDF>, or a bare <channel>. */
static enum fc_status read_root(struct rd *r, struct fc_error *err)
{
    struct fc_xr *x = &r->x;
    const char *name = fc_xr_name(x);
    const char *ns = fc_xr_ns(x);
    if (name && strcmp(name, "rss") == 0) {
        const char *v = NULL;
        enum fc_status st = fc_xr_attr(x, r->feed->arena, NULL, "version", &v, err);
        if (st != FC_OK)
            return st;
        r->core_ns = ns ? fc_strdup(r->feed->arena, ns, (size_t)-1) : NULL;
        if (ns && !r->core_ns)
            return fc_nomem(err);
        return set_format(r, v ? v : "2.0") == FC_OK ? FC_OK : fc_nomem(err);
    }
    if (name && strcmp(name, "RDF") == 0 && ns && strcmp(ns, FC_NS_RDF) == 0) {
        r->rdf = true;
        r->core_ns = FC_NS_RSS10; /* until the channel says 0.90 */
        return set_format(r, "1.0") == FC_OK ? FC_OK : fc_nomem(err);
    }
    if (name && strcmp(name, "channel") == 0 && !ns)
        return set_format(r, "0.91") == FC_OK ? FC_OK : fc_nomem(err);
    return fc_fail(err, FC_EFORMAT, r->file, fc_xr_line(x), 0,
                   "root element <%s> is not RSS (expected <rss>, <rdf:RDF> or <channel>)",
                   name ? name : "?");
}

/* An element beside the channel in RSS 1.0 / 0.90. */
static enum fc_status rdf_child(struct rd *r, xmlNode *n, struct fc_error *err)
{
    const char *ns = fc_xml_ns(n);
    if (!r->saw_channel && ns && strcmp(n->name ? (const char *)n->name : "", "channel") == 0 &&
        (strcmp(ns, FC_NS_RSS10) == 0 || strcmp(ns, FC_NS_RSS090) == 0)) {
        r->saw_channel = true;
        if (strcmp(ns, FC_NS_RSS090) == 0) {
            r->core_ns = FC_NS_RSS090;
            if (set_format(r, "0.90") != FC_OK)
                return fc_nomem(err);
        }
        enum fc_status st =
            fc_xml_attr(r->feed->arena, n, FC_NS_RDF, "about", &r->ch[C_ABOUT].s, err);
        for (xmlNode *c = fc_xml_first(n); c && st == FC_OK; c = fc_xml_next(c))
            st = chan_child(r, c, err);
        return st;
    }
    if (is_k(r, n, K_CORE, "item"))
        return read_item(r, n, err);
    if (is_k(r, n, K_CORE, "image"))
        return read_image(r, n, err);
    if (is_k(r, n, K_CORE, "textinput") || is_k(r, n, K_CORE, "textInput"))
        return read_text_input(r, n, err);
    return add_ext(r, r->feed->arena, &r->feed->exts, n, err);
}

/* Walk the document: expand one channel child or item at a time. */
static enum fc_status walk(struct rd *r, struct fc_error *err)
{
    struct fc_xr *x = &r->x;
    bool more;
    enum fc_status st;
    int chan_depth = -1; /* depth of <channel> (RSS 0.9x / 2.0) */
    unsigned long root_line = 0;
    bool root = false;
    if ((st = fc_xr_read(x, &more, err)) != FC_OK)
        return st;
    while (more) {
        int depth = fc_xr_depth(x);
        if (fc_xr_type(x) != XML_READER_TYPE_ELEMENT) {
            if ((st = fc_xr_read(x, &more, err)) != FC_OK)
                return st;
            continue;
        }
        if (!root) {
            root = true;
            root_line = fc_xr_line(x);
            if ((st = read_root(r, err)) != FC_OK)
                return st;
            if (fc_xr_is(x, NULL, "channel")) {
                chan_depth = 0;
                r->saw_channel = true;
            }
            if (!r->rdf && (st = fc_xr_attr(x, r->feed->arena, FC_NS_XML, "base", &r->feed->base,
                                            err)) != FC_OK)
                return st;
            if ((st = fc_xr_read(x, &more, err)) != FC_OK)
                return st;
            continue;
        }
        if (!r->rdf && depth == 1 && chan_depth < 0 && fc_xr_is(x, r->core_ns, "channel")) {
            chan_depth = 1;
            r->saw_channel = true;
            if (!r->feed->base &&
                (st = fc_xr_attr(x, r->feed->arena, FC_NS_XML, "base", &r->feed->base, err)))
                return st;
            if ((st = fc_xr_read(x, &more, err)) != FC_OK)
                return st;
            continue;
        }
        xmlNode *n;
        if ((st = fc_xr_expand(x, &n, err)) != FC_OK)
            return st;
        if (r->rdf)
            st = rdf_child(r, n, err);
        else if (is_k(r, n, K_CORE, "item") && !r->saw_channel)
            st = fc_fail(err, FC_EFORMAT, r->file, fc_xml_line(n), 0,
                         "<item> outside a <channel>: RSS document has no <channel>");
        else if (is_k(r, n, K_CORE, "item")) /* in the channel, or beside it */
            st = read_item(r, n, err);
        else if (depth == chan_depth + 1)
            st = chan_child(r, n, err);
        else
            st = add_ext(r, r->feed->arena, &r->feed->exts, n, err);
        if (st != FC_OK || (st = fc_xr_next(x, &more, err)) != FC_OK)
            return st;
    }
    if (!root)
        return fc_fail(err, FC_EPARSE, r->file, 1, 1, "no XML element in the input");
    if (!r->saw_channel)
        return fc_fail(err, FC_EFORMAT, r->file, root_line, 0, "RSS document has no <channel>");
    if ((st = begin_once(r, err)) != FC_OK || (st = resolve_channel(r, err)) != FC_OK)
        return st;
    return r->h->end ? r->h->end(r->h->ctx, r->feed, err) : FC_OK;
}

static enum fc_status rss_read(struct fc_input *in, struct fc_handler *out,
                               const struct fc_options *opt, struct fc_error *err)
{
    struct rd r;
    memset(&r, 0, sizeof r);
    r.h = out;
    r.opt = opt;
    r.file = fc_input_name(in);
    r.feed = fc_feed_new();
    if (!r.feed)
        return fc_nomem(err);
    enum fc_status st = fc_xr_open(&r.x, in, opt, err);
    if (st == FC_OK)
        st = walk(&r, err);
    fc_xr_close(&r.x);
    fc_feed_free(r.feed);
    return st;
}

/* ------------------------------------------------------------------ */
/* Writer                                                              */

/* Model fields with no RSS 2.0 home: warned about once per run. */
enum loss {
    L_SUMMARY_TYPE = 1u << 0,
    L_PERSON_URL = 1u << 1,
    L_IMAGE = 1u << 2,
    L_CONTENT_SRC = 1u << 3,
    L_MEDIA = 1u << 4,
    L_SOURCE = 1u << 5,
    L_SLUG = 1u << 6,
    L_DRAFT = 1u << 7,
    L_EXT = 1u << 8,
    L_FEED_PERSON = 1u << 9,
    L_JSON_FEED = 1u << 10,
    L_GENERATOR = 1u << 11,
    L_SYNTH = 1u << 12,
};

struct wr {
    struct fc_handler h;
    struct fc_output *out;
    const struct fc_options *opt;
    struct fc_buf buf;
    struct fc_xw w;
    struct fc_feed *feed;
    bool header_done;
    unsigned warned;
    struct fc_feed snap; /* the feed as the header saw it */
};

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

static enum fc_status lose(struct wr *w, unsigned what, const char *msg, struct fc_error *err)
{
    if (w->warned & what)
        return FC_OK;
    w->warned |= what;
    return fc_warn(w->opt, err, fc_out_name(w->out), 0, 0, "RSS 2.0 output: %s", msg);
}

static bool writes_ext(const struct fc_ext *e)
{
    return e->kind == FC_EXT_XML;
}

static unsigned feed_needs(const struct fc_feed *f)
{
    unsigned n = 0;
    if (f->feed_url || f->hubs.first || f->next_url || f->links.first || f->id || f->icon)
        n |= N_ATOM;
    if (f->authors.first || f->contributors.first)
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
    for (const struct fc_person *a = p->authors.first; a; a = a->next)
        if (!person_is_rss(a))
            n |= N_DC;
    if (p->links.first || p->external_url || fc_time_present(&p->updated))
        n |= N_ATOM;
    return n;
}

static void el(struct wr *w, const char *name, const char *text)
{
    fc_xw_elem(&w->w, name, text);
}

static void el_ns(struct wr *w, unsigned bit, const char *name, const char *text)
{
    for (size_t i = 0; i < COUNT(known_ns); i++)
        if (known_ns[i].bit == bit)
            fc_xw_elem_ns(&w->w, known_ns[i].uri, known_ns[i].prefix, name, text);
}

static void el_int(struct wr *w, const char *name, int64_t v)
{
    char tmp[32];
    snprintf(tmp, sizeof tmp, "%lld", (long long)v);
    el(w, name, tmp);
}

/* RFC 822 with the original offset; a raw unparsable date as it was. */
static void el_date(struct wr *w, const char *name, const struct fc_time *t)
{
    char tmp[64];
    if (!fc_time_present(t))
        return;
    if (t->raw && t->precision == FC_TIME_NONE) {
        el(w, name, t->raw);
        return;
    }
    if (fc_time_rfc822(t, tmp, sizeof tmp))
        el(w, name, tmp);
}

static void el_date3339(struct wr *w, unsigned bit, const char *name, const struct fc_time *t)
{
    char tmp[64];
    if (!fc_time_present(t))
        return;
    if (t->raw && t->precision == FC_TIME_NONE)
        el_ns(w, bit, name, t->raw);
    else if (fc_time_rfc3339(t, tmp, sizeof tmp))
        el_ns(w, bit, name, tmp);
}

/* HTML in CDATA when it looks like HTML (tags or entities), else as
 * escaped text: either way the reader gets the same string back, and the
 * reader's fc_looks_like_html sees the same type, so a second pass writes
 * the same bytes. */
static void put_html(struct wr *w, const char *html)
{
    if (fc_looks_like_html(html))
        fc_xw_cdata(&w->w, html, (size_t)-1);
    else
        fc_xw_text(&w->w, html, (size_t)-1);
}

/* A text construct as RSS HTML (description).  Plain text that would be
 * taken for HTML is escaped into HTML first so readers show it
 * literally; other plain text goes as is. */
static void el_html(struct wr *w, const char *name, const struct fc_text *t)
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
static void el_text(struct wr *w, struct fc_arena *a, const char *name, const struct fc_text *t)
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

static void el_person(struct wr *w, const char *name, const struct fc_person *p)
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

static void atom_link(struct wr *w, const char *rel, const char *href, const char *type)
{
    fc_xw_start_ns(&w->w, FC_NS_ATOM, "atom", "link");
    fc_xw_attr(&w->w, "href", href);
    fc_xw_attr(&w->w, "rel", rel);
    fc_xw_attr(&w->w, "type", type);
    fc_xw_end(&w->w);
}

static void atom_links(struct wr *w, const struct fc_list *links)
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

static void categories(struct wr *w, const struct fc_list *tags)
{
    for (const struct fc_tag *t = tags->first; t; t = t->next) {
        const char *term = t->term ? t->term : t->label;
        if (!term)
            continue;
        fc_xw_start(&w->w, "category");
        fc_xw_attr(&w->w, "domain", t->scheme);
        fc_xw_text(&w->w, term, (size_t)-1);
        fc_xw_end(&w->w);
    }
}

static enum fc_status exts(struct wr *w, const struct fc_ext *e, struct fc_error *err)
{
    enum fc_status st = FC_OK;
    for (; e && st == FC_OK; e = e->next)
        if (!writes_ext(e) || !fc_xw_ext(&w->w, e))
            st = lose(w, L_EXT, "JSON / YAML extensions have no RSS form; dropped", err);
    return st;
}

/* Documented synthesis of the three required channel elements:
 * title: title, else the home page URL, else the feed URL, else "Untitled";
 * link: home_url, else feed_url, else the first post's url, else id;
 * description: subtitle, else JSON Feed's description, else the title. */
static enum fc_status write_required(struct wr *w, const struct fc_feed *f,
                                     const struct fc_post *first, struct fc_error *err)
{
    struct fc_text title = f->title;
    enum fc_status st = FC_OK;
    if (!title.value) {
        title.value = f->home_url ? f->home_url : f->feed_url ? f->feed_url : "Untitled";
        title.type = FC_TEXT;
        st = lose(w, L_SYNTH, "the channel has no title; one was made up", err);
    }
    el_text(w, f->arena, "title", &title);
    const char *link = f->home_url           ? f->home_url
                       : f->feed_url         ? f->feed_url
                       : first && first->url ? first->url
                       : f->id               ? f->id
                                             : "";
    el(w, "link", link);
    struct fc_text desc = f->subtitle;
    if (!desc.value) {
        desc.value = f->description_text ? f->description_text : title.value;
        desc.type = FC_TEXT;
    }
    el_html(w, "description", &desc);
    return st;
}

static void write_image(struct wr *w, const struct fc_feed *f)
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

static void write_feed_misc(struct wr *w, const struct fc_feed *f)
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
                el(w, "day", day_names[d]);
        fc_xw_end(&w->w);
    }
}

static enum fc_status write_feed_people(struct wr *w, const struct fc_feed *f, struct fc_error *err)
{
    enum fc_status st = FC_OK;
    el_person(w, "managingEditor", &f->editor);
    el_person(w, "webMaster", &f->webmaster);
    if ((!f->editor.email && f->editor.name) || (!f->webmaster.email && f->webmaster.name))
        st = lose(w, L_FEED_PERSON, "managingEditor / webMaster need an email; name dropped", err);
    for (const struct fc_person *p = f->authors.first; p; p = p->next) {
        el_ns(w, N_DC, "creator", p->name ? p->name : p->email);
        if (st == FC_OK && ((p->name && p->email) || p->url || p->avatar))
            st =
                lose(w, L_PERSON_URL, "author email / url / avatar beyond dc:creator dropped", err);
    }
    for (const struct fc_person *p = f->contributors.first; p; p = p->next)
        el_ns(w, N_DC, "contributor", p->name ? p->name : p->email);
    return st;
}

static enum fc_status write_generator(struct wr *w, const struct fc_feed *f, struct fc_error *err)
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
static enum fc_status write_channel_body(struct wr *w, const struct fc_feed *f,
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
    el(w, "language", f->language);
    el_text(w, f->arena, "copyright", &f->rights);
    if ((st = write_feed_people(w, f, err)) != FC_OK)
        return st;
    el_date(w, "pubDate", &f->published);
    el_date(w, "lastBuildDate", &f->updated);
    categories(w, &f->categories);
    if ((st = write_generator(w, f, err)) != FC_OK)
        return st;
    el(w, "docs", f->docs);
    write_feed_misc(w, f);
    if ((f->description_text && f->subtitle.value) || f->user_comment || f->expired == 1)
        if ((st = lose(w, L_JSON_FEED,
                       "JSON Feed description / user_comment / expired have no RSS element",
                       err)) != FC_OK)
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
    d->skip_hours = now->skip_hours & ~was->skip_hours;
    d->skip_days = (uint8_t)(now->skip_days & ~was->skip_days);
    d->hubs = list_tail(&now->hubs, was->hubs.count);
    d->links = list_tail(&now->links, was->links.count);
    d->authors = list_tail(&now->authors, was->authors.count);
    d->contributors = list_tail(&now->contributors, was->contributors.count);
    d->categories = list_tail(&now->categories, was->categories.count);
    d->exts = list_tail(&now->exts, was->exts.count);
}

static enum fc_status write_header(struct wr *w, const struct fc_post *first, struct fc_error *err)
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
    w->snap = *f;
    w->header_done = true;
    return fc_xw_status(x, err);
}

static enum fc_status write_authors(struct wr *w, const struct fc_post *p, struct fc_error *err)
{
    enum fc_status st = FC_OK;
    /* RSS <author> needs an email ("email (Name)"); without one the name
     * goes to dc:creator. */
    for (const struct fc_person *a = p->authors.first; a; a = a->next) {
        if (person_is_rss(a))
            el_person(w, "author", a);
        else if (a->name)
            el_ns(w, N_DC, "creator", a->name);
        if (st == FC_OK && (a->url || a->avatar))
            st = lose(w, L_PERSON_URL, "author url / avatar dropped", err);
    }
    for (const struct fc_person *a = p->contributors.first; a; a = a->next)
        el_ns(w, N_DC, "contributor", a->name ? a->name : a->email);
    return st;
}

static void write_guid(struct wr *w, const struct fc_post *p)
{
    if (!p->id)
        return;
    fc_xw_start(&w->w, "guid");
    /* Absent isPermaLink means "true"; say "false" unless the id is
     * known to be (or is equal to) the permalink. */
    if (p->id_is_permalink == 1)
        fc_xw_attr(&w->w, "isPermaLink", "true");
    else if (p->id_is_permalink == 0 || !p->url || strcmp(p->id, p->url) != 0)
        fc_xw_attr(&w->w, "isPermaLink", "false");
    fc_xw_text(&w->w, p->id, (size_t)-1);
    fc_xw_end(&w->w);
}

static enum fc_status write_enclosures(struct wr *w, const struct fc_post *p, struct fc_error *err)
{
    char tmp[32];
    enum fc_status st = FC_OK;
    for (const struct fc_media *m = p->attachments.first; m; m = m->next) {
        if (!m->url)
            continue;
        fc_xw_start(&w->w, "enclosure");
        fc_xw_attr(&w->w, "url", m->url);
        /* length and type are required: 0 and octet-stream when unknown */
        snprintf(tmp, sizeof tmp, "%lld", (long long)(m->length >= 0 ? m->length : 0));
        fc_xw_attr(&w->w, "length", tmp);
        fc_xw_attr(&w->w, "type", m->type ? m->type : "application/octet-stream");
        fc_xw_end(&w->w);
        if (st == FC_OK && (m->title || m->duration > 0))
            st = lose(w, L_MEDIA, "attachment title / duration dropped", err);
    }
    return st;
}

/* RSS wants a title or a description: the description is the summary,
 * else (no title either) the content. */
static void write_description(struct wr *w, const struct fc_post *p)
{
    if (p->summary.value) {
        el_html(w, "description", &p->summary);
    } else if (!p->title.value && (p->content_html || p->content_text)) {
        struct fc_text t = {p->content_html ? p->content_html : p->content_text,
                            p->content_html ? FC_HTML : FC_TEXT};
        el_html(w, "description", &t);
    }
}

static enum fc_status write_item_losses(struct wr *w, const struct fc_post *p, struct fc_error *err)
{
    enum fc_status st = FC_OK;
    if (p->content_src || p->content_type)
        st = lose(w, L_CONTENT_SRC, "out-of-line content (src / type) dropped", err);
    if (st == FC_OK && (p->image || p->banner_image))
        st = lose(w, L_IMAGE, "post image / banner_image dropped", err);
    if (st == FC_OK && p->source && (p->source->id || fc_time_present(&p->source->updated)))
        st = lose(w, L_SOURCE, "source id / updated dropped", err);
    if (st == FC_OK && p->slug)
        st = lose(w, L_SLUG, "slug dropped", err);
    if (st == FC_OK && p->draft == 1)
        st = lose(w, L_DRAFT, "a draft post is written as published", err);
    return st;
}

static enum fc_status write_item(struct wr *w, struct fc_post *p, struct fc_error *err)
{
    struct fc_xw *x = &w->w;
    enum fc_status st;
    fc_xw_start(x, "item");
    if (p->base)
        fc_xw_attr(x, "xml:base", p->base);
    el_text(w, p->arena, "title", &p->title);
    el(w, "link", p->url);
    el(w, "comments", p->comments_url);
    el_date(w, "pubDate", &p->published);
    el_date3339(w, N_ATOM, "updated", &p->updated);
    if ((st = write_authors(w, p, err)) != FC_OK)
        return st;
    categories(w, &p->categories);
    write_guid(w, p);
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
    el_ns(w, N_DC, "language", p->language);
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
    struct wr *w = ctx;
    (void)err;
    w->feed = feed; /* the header waits for the first post (see write_header) */
    return FC_OK;
}

static enum fc_status wr_post(void *ctx, struct fc_feed *feed, struct fc_post *post,
                              struct fc_error *err)
{
    struct wr *w = ctx;
    enum fc_status st;
    if (!w->feed)
        w->feed = feed;
    if (!w->header_done && (st = write_header(w, post, err)) != FC_OK)
        return st;
    if ((st = write_item(w, post, err)) != FC_OK)
        return st;
    return fc_out_buf(w->out, &w->buf, err);
}

static enum fc_status wr_end(void *ctx, struct fc_feed *feed, struct fc_error *err)
{
    struct wr *w = ctx;
    enum fc_status st;
    if (!w->feed)
        w->feed = feed;
    if (!w->header_done && (st = write_header(w, NULL, err)) != FC_OK)
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
    return fc_out_buf(w->out, &w->buf, err);
}

static void wr_destroy(void *ctx)
{
    struct wr *w = ctx;
    if (!w)
        return;
    fc_xw_free(&w->w);
    fc_buf_free(&w->buf);
    free(w);
}

static enum fc_status rss_open_writer(struct fc_output *out, const struct fc_options *opt,
                                      struct fc_handler **writer, struct fc_error *err)
{
    struct wr *w = calloc(1, sizeof *w);
    if (!w)
        return fc_nomem(err);
    w->out = out;
    w->opt = opt;
    fc_buf_init(&w->buf);
    fc_xw_init(&w->w, &w->buf, 2);
    w->h.ctx = w;
    w->h.begin = wr_begin;
    w->h.post = wr_post;
    w->h.end = wr_end;
    w->h.destroy = wr_destroy;
    *writer = &w->h;
    return FC_OK;
}

static const char *const rss_aliases[] = {"rss2", "rdf", NULL};
static const char *const rss_extensions[] = {".rss", ".rdf", NULL};

const struct fc_format fc_format_rss = {
    .name = "rss",
    .description = "RSS 2.0 (reads 0.90-0.94, 1.0)",
    .aliases = rss_aliases,
    .extensions = rss_extensions,
    .caps = FC_CAN_READ | FC_CAN_WRITE,
    .detect = rss_detect,
    .read = rss_read,
    .open_writer = rss_open_writer,
};
