/*
 * rss_read.c - the RSS family reader (0.90, 0.91, 0.92-0.94, 1.0, 2.0) and
 * detection.  The mapping table, the specs and the quirks are at the top
 * of rss.c.
 */
#include "formats/rss.h"
#include "util/html_urls.h"

#include <stdio.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Detection                                                           */

/* <rss>: certain.  <rdf:RDF> (any prefix): certain when it declares the
 * RSS 1.0 or 0.90 namespace, else an RDF document that may be RSS.  A
 * bare <channel> (early Netscape RSS 0.91): likely. */
int fc_rss_detect(const unsigned char *h, size_t n)
{
    struct fc_xml_sniff root;
    if (!fc_xml_sniff(h, n, &root))
        return 0;
    if (fc_xml_sniff_name(&root, "rss"))
        return 100;
    if (root.prefix_len && fc_xml_sniff_local(&root, "RDF"))
        return fc_xml_sniff_declares(&root, FC_NS_RSS10) ||
                       fc_xml_sniff_declares(&root, FC_NS_RSS090)
                   ? 100
                   : 20;
    if (fc_xml_sniff_name(&root, "channel"))
        return 60;
    return 0;
}

/* ------------------------------------------------------------------ */
/* Reader state                                                        */

/* Namespaces by kind, so the tables below can name RSS's own elements
 * whatever namespace this document gives them. */
enum rss_ns_kind { K_CORE, K_DC, K_DCTERMS, K_ATOM, K_CONTENT, K_WFW, K_SLASH, K_RDF, K_XHTML };

/* Channel candidates: single-valued sources kept as text until the
 * resolve step picks one per field (see resolve_channel). */
enum chan_slot {
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

struct rss_candidate {
    const char *s;
    unsigned long line;
    bool used; /* applied to the feed */
};

enum item_slot {
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

struct rss_slot_def {
    enum rss_ns_kind ns;
    const char *name;
    int slot;
};

static const struct rss_slot_def chan_slots[] = {
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

static const struct rss_slot_def item_slots[] = {
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

struct rss_reader {
    struct fc_xr x;
    struct fc_handler *h;
    const struct fc_options *opt;
    struct fc_feed *feed;
    const char *file;
    const char *core_ns; /* RSS's own elements: NULL, RSS 1.0 or 0.90 */
    bool rdf;
    bool begun;
    bool saw_channel;
    bool resolve;          /* honour xml:base (no FC_OPT_NO_XML_BASE) */
    const char *root_base; /* xml:base in effect inside the root */
    const char *chan_base; /* ... inside the channel */
    struct rss_candidate ch[C_COUNT];
};

static const char *ns_of(const struct rss_reader *r, enum rss_ns_kind k)
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

static bool is_k(const struct rss_reader *r, const xmlNode *n, enum rss_ns_kind k, const char *name)
{
    return fc_xml_is(n, ns_of(r, k), name);
}

static int find_slot(const struct rss_reader *r, const xmlNode *n, const struct rss_slot_def *t,
                     size_t cnt)
{
    for (size_t i = 0; i < cnt; i++)
        if (is_k(r, n, t[i].ns, t[i].name))
            return t[i].slot;
    return -1;
}

/* ------------------------------------------------------------------ */
/* Small conversions                                                   */

static enum fc_status warn_at(struct rss_reader *r, unsigned long line, struct fc_error *err,
                              const char *what, const char *value)
{
    return fc_warn(r->opt, err, r->file, line, 0, "%s \"%.200s\"", what, value);
}

/* A date into *t; unparsable text is kept raw with a warning. */
static enum fc_status set_date(struct rss_reader *r, struct fc_arena *a, struct fc_time *t,
                               const char *s, unsigned long line, const char *what,
                               struct fc_error *err)
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

/* ------------------------------------------------------------------ */
/* xml:base                                                            */

/* The base URI in effect at element n given its parent's (XML Base): its
 * own xml:base resolved against the parent's.  The document's own URI is
 * unknown, so without any xml:base nothing is resolved. */
static enum fc_status elem_base(struct rss_reader *r, struct fc_arena *a, const xmlNode *n,
                                const char *parent, const char **out, struct fc_error *err)
{
    const char *b;
    *out = parent;
    if (!r->resolve)
        return FC_OK;
    enum fc_status st = fc_xml_attr(a, n, FC_NS_XML, "base", &b, err);
    if (st != FC_OK || !b)
        return st;
    *out = fc_url_resolve(a, parent, b);
    return *out ? FC_OK : fc_nomem(err);
}

/* Resolve *ref (NULL stays NULL) against the base in effect at n. */
static enum fc_status resolve_at(struct rss_reader *r, struct fc_arena *a, const xmlNode *n,
                                 const char *parent, const char **ref, struct fc_error *err)
{
    const char *b;
    if (!*ref || !r->resolve)
        return FC_OK;
    enum fc_status st = elem_base(r, a, n, parent, &b, err);
    if (st != FC_OK || !b)
        return st;
    const char *s = fc_url_resolve(a, b, *ref);
    if (!s)
        return fc_nomem(err);
    *ref = s;
    return FC_OK;
}

/* A URL-valued element's text, resolved. */
static enum fc_status url_text(struct rss_reader *r, struct fc_arena *a, const xmlNode *n,
                               const char *parent, const char **out, struct fc_error *err)
{
    enum fc_status st = fc_xml_text(a, n, true, out, err);
    return st == FC_OK ? resolve_at(r, a, n, parent, out, err) : st;
}

/* A URL-valued attribute of n, resolved. */
static enum fc_status url_attr(struct rss_reader *r, struct fc_arena *a, const xmlNode *n,
                               const char *parent, const char *name, const char **out,
                               struct fc_error *err)
{
    enum fc_status st = fc_xml_attr(a, n, NULL, name, out, err);
    return st == FC_OK ? resolve_at(r, a, n, parent, out, err) : st;
}

/* href / src inside HTML (element n's content) resolved; *html is
 * rewritten only when it looks like HTML. */
static enum fc_status html_urls(struct rss_reader *r, struct fc_arena *a, const xmlNode *n,
                                const char *parent, const char **html, struct fc_error *err)
{
    const char *b;
    if (!*html || !r->resolve || !fc_looks_like_html(*html))
        return FC_OK;
    enum fc_status st = elem_base(r, a, n, parent, &b, err);
    return st == FC_OK ? fc_html_urls_resolve(a, b, *html, html, err) : st;
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

/* An atom:link into a struct fc_link (list may be the caller's); href
 * resolved against `base` (the parent's). */
static enum fc_status read_link(struct rss_reader *r, struct fc_arena *a, const xmlNode *n,
                                const char *base, struct fc_link *l, struct fc_error *err)
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
        (st = fc_xml_attr(a, n, NULL, "length", &len, err)) != FC_OK ||
        (st = resolve_at(r, a, n, base, &l->href, err)) != FC_OK)
        return st;
    if (len && fc_parse_int(len, 0, INT64_MAX, &v))
        l->length = v;
    return FC_OK;
}

/* ------------------------------------------------------------------ */
/* Channel                                                             */

static enum fc_status add_ext(struct rss_reader *r, struct fc_arena *a, struct fc_list *list,
                              const xmlNode *n, struct fc_error *err)
{
    (void)r;
    return fc_xml_to_ext(a, list, n, "rss", NULL, err);
}

/* <image>; base: the xml:base in effect at its parent. */
static enum fc_status read_image(struct rss_reader *r, const xmlNode *n, const char *base,
                                 struct fc_error *err)
{
    struct fc_feed *f = r->feed;
    struct fc_arena *a = f->arena;
    enum fc_status st = FC_OK;
    int64_t v;
    if (f->image.url) /* a second image: keep it, do not merge */
        return add_ext(r, a, &f->exts, n, err);
    const char *ib;
    if ((st = elem_base(r, a, n, base, &ib, err)) != FC_OK)
        return st;
    for (const xmlNode *c = fc_xml_first(n); c && st == FC_OK; c = fc_xml_next(c)) {
        const char *s = NULL;
        if ((st = fc_xml_text(a, c, true, &s, err)) != FC_OK)
            break;
        bool url = is_k(r, c, K_CORE, "url"), link = is_k(r, c, K_CORE, "link");
        if ((url || link) && (st = resolve_at(r, a, c, ib, &s, err)) != FC_OK)
            break;
        if (url)
            f->image.url = s;
        else if (is_k(r, c, K_CORE, "title"))
            f->image.title = s;
        else if (link)
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
    if (st == FC_OK && !f->image.url &&
        (st = fc_xml_attr(a, n, FC_NS_RDF, "about", &f->image.url, err)) == FC_OK)
        st = resolve_at(r, a, n, base, &f->image.url, err);
    return st;
}

/* <textInput>; base: the xml:base in effect at its parent. */
static enum fc_status read_text_input(struct rss_reader *r, const xmlNode *n, const char *base,
                                      struct fc_error *err)
{
    struct fc_feed *f = r->feed;
    struct fc_text_input *t = &f->text_input;
    enum fc_status st = FC_OK;
    if (t->name || t->link)
        return add_ext(r, f->arena, &f->exts, n, err);
    const char *tb;
    if ((st = elem_base(r, f->arena, n, base, &tb, err)) != FC_OK)
        return st;
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
        else if (is_k(r, c, K_CORE, "link") && (t->link = s) != NULL)
            st = resolve_at(r, f->arena, c, tb, &t->link, err);
        else if (!is_k(r, c, K_CORE, "link"))
            st = add_ext(r, f->arena, &f->exts, c, err);
    }
    return st;
}

static enum fc_status read_cloud(struct rss_reader *r, const xmlNode *n, struct fc_error *err)
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

static enum fc_status read_skip(struct rss_reader *r, const xmlNode *n, bool hours,
                                struct fc_error *err)
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
                if (fc_strcasecmp(s, fc_rss_day_names[d]) == 0) {
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
static enum fc_status chan_atom_link(struct rss_reader *r, const xmlNode *n, struct fc_error *err)
{
    struct fc_feed *f = r->feed;
    struct fc_link l;
    memset(&l, 0, sizeof l);
    enum fc_status st = read_link(r, f->arena, n, r->chan_base, &l, err);
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
static enum fc_status chan_child(struct rss_reader *r, const xmlNode *n, struct fc_error *err)
{
    struct fc_feed *f = r->feed;
    struct fc_arena *a = f->arena;
    int slot = find_slot(r, n, chan_slots, COUNT(chan_slots));
    if (slot >= 0) {
        struct rss_candidate *c = &r->ch[slot];
        if (c->s) /* repeated: the first wins, this one is kept */
            return add_ext(r, a, &f->exts, n, err);
        enum fc_status st =
            slot == C_DESC ? html_of(a, n, &c->s, err) : fc_xml_text(a, n, true, &c->s, err);
        c->line = fc_xml_line(n);
        if (st == FC_OK && (slot == C_LINK || slot == C_DOCS || slot == C_ATOM_ICON))
            st = resolve_at(r, a, n, r->chan_base, &c->s, err);
        else if (st == FC_OK && (slot == C_DESC || slot == C_DC_DESC))
            st = html_urls(r, a, n, r->chan_base, &c->s, err);
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
        return read_image(r, n, r->chan_base, err);
    if (is_k(r, n, K_CORE, "textInput") || is_k(r, n, K_CORE, "textinput"))
        return read_text_input(r, n, r->chan_base, err);
    return add_ext(r, a, &f->exts, n, err);
}

/* The first candidate present among the slots (a priority list ended by
 * -1), marked used; NULL when none. */
static struct rss_candidate *first_of(struct rss_reader *r, const int *slots)
{
    for (; *slots >= 0; slots++)
        if (r->ch[*slots].s)
            return &r->ch[*slots];
    return NULL;
}

/* Apply one string field: the first candidate in priority order, unless
 * the field is already set (resolve runs before begin and again before
 * end, for elements that came after the items). */
static void chan_str(struct rss_reader *r, const char **field, const int *prio)
{
    struct rss_candidate *c = first_of(r, prio);
    if (!*field && c)
        *field = c->s;
}

static enum fc_status chan_date(struct rss_reader *r, struct fc_time *t, const int *prio,
                                const char *what, struct fc_error *err)
{
    struct rss_candidate *c = first_of(r, prio);
    if (fc_time_present(t) || !c)
        return FC_OK;
    return set_date(r, r->feed->arena, t, c->s, c->line, what, err);
}

static enum fc_status chan_person(struct rss_reader *r, struct fc_person *p, int slot,
                                  struct fc_error *err)
{
    struct rss_candidate *c = &r->ch[slot];
    if (!c->s || c->used)
        return FC_OK;
    c->used = true;
    return parse_person(r->feed->arena, c->s, p, err);
}

/* The feed fields with several possible sources, each walking its
 * sources in priority order (first present wins). */
static enum fc_status resolve_channel(struct rss_reader *r, struct fc_error *err)
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
    struct rss_candidate *ttl = &r->ch[C_TTL];
    if (ttl->s && !ttl->used) {
        ttl->used = true;
        if (fc_parse_int(ttl->s, 0, INT32_MAX, &v))
            f->ttl = (int)v;
        else if ((st = warn_at(r, ttl->line, err, "ttl is not a number, dropped:", ttl->s)))
            return st;
    }
    return FC_OK;
}

static enum fc_status begin_once(struct rss_reader *r, struct fc_error *err)
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

struct rss_item {
    struct rss_reader *r;
    xmlNode *node;
    struct fc_post *p;
    xmlNode *slot[I_COUNT];
    const char *atom_alt; /* href of the first atom:link rel=alternate */
    const char *base;     /* xml:base in effect inside the item */
};

static enum fc_status item_text(struct rss_item *it, int slot, const char **out,
                                struct fc_error *err)
{
    *out = NULL;
    return it->slot[slot] ? fc_xml_text(it->p->arena, it->slot[slot], true, out, err) : FC_OK;
}

/* A URL-valued element's text, resolved against the item's base. */
static enum fc_status item_url_text(struct rss_item *it, int slot, const char **out,
                                    struct fc_error *err)
{
    *out = NULL;
    return it->slot[slot] ? url_text(it->r, it->p->arena, it->slot[slot], it->base, out, err)
                          : FC_OK;
}

/* The first slot present, in priority order (-1 ends the list). */
static int item_first(const struct rss_item *it, const int *prio)
{
    for (; *prio >= 0; prio++)
        if (it->slot[*prio])
            return *prio;
    return -1;
}

static enum fc_status item_atom_link(struct rss_item *it, xmlNode *n, struct fc_error *err)
{
    struct fc_post *p = it->p;
    struct fc_link l;
    memset(&l, 0, sizeof l);
    enum fc_status st = read_link(it->r, p->arena, n, it->base, &l, err);
    if (st != FC_OK || !l.href)
        return st;
    const char *rel = l.rel ? l.rel : "alternate";
    if (strcmp(rel, "alternate") == 0 && !it->atom_alt) {
        it->atom_alt = l.href;
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

static enum fc_status item_enclosure(struct rss_item *it, const xmlNode *n, struct fc_error *err)
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
    if ((st = url_attr(it->r, a, n, it->base, "url", &m->url, err)) != FC_OK ||
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
static enum fc_status item_classify(struct rss_item *it, struct fc_error *err)
{
    struct rss_reader *r = it->r;
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
static enum fc_status item_authors(struct rss_item *it, struct fc_error *err)
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
static enum fc_status item_id(struct rss_item *it, struct fc_error *err)
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
 * permalink (isPermaLink absent or true) and looks like a URL.  A relative
 * guid is resolved against xml:base only when it says isPermaLink="true"
 * (feeds leave the attribute out on ids that are no URLs at all); the id
 * itself stays as written. */
static enum fc_status item_url(struct rss_item *it, struct fc_error *err)
{
    struct fc_post *p = it->p;
    enum fc_status st = item_url_text(it, I_LINK, &p->url, err);
    if (st != FC_OK || p->url)
        return st;
    if (it->atom_alt) {
        p->url = it->atom_alt;
        return FC_OK;
    }
    if (!it->slot[I_GUID] || p->id_is_permalink == 0)
        return FC_OK;
    const char *u = p->id;
    if (p->id_is_permalink == 1 &&
        (st = resolve_at(it->r, p->arena, it->slot[I_GUID], it->base, &u, err)) != FC_OK)
        return st;
    if (looks_like_url(u))
        p->url = u;
    return FC_OK;
}

/* content_html: content:encoded, then an xhtml:body (its markup). */
static enum fc_status item_content(struct rss_item *it, struct fc_error *err)
{
    struct fc_post *p = it->p;
    xmlNode *n = it->slot[I_CONTENT] ? it->slot[I_CONTENT] : it->slot[I_XHTML_BODY];
    enum fc_status st = FC_OK;
    /* Unescaped HTML (no CDATA) arrives as child elements: keep the markup. */
    if (it->slot[I_CONTENT] && !fc_xml_has_elements(n))
        st = fc_xml_text(p->arena, n, false, &p->content_html, err);
    else if (n)
        st = fc_xml_inner(p->arena, n, &p->content_html, err);
    return st == FC_OK && n ? html_urls(it->r, p->arena, n, it->base, &p->content_html, err) : st;
}

/* summary: <description>, then dc:description.  The description is HTML
 * in practice (and as a child-element quirk, markup). */
static enum fc_status item_summary(struct rss_item *it, struct fc_error *err)
{
    static const int prio[] = {I_DESC, I_DC_DESC, -1};
    int s = item_first(it, prio);
    if (s < 0)
        return FC_OK;
    struct fc_text *t = &it->p->summary;
    enum fc_status st = html_of(it->p->arena, it->slot[s], &t->value, err);
    if (st == FC_OK)
        st = html_urls(it->r, it->p->arena, it->slot[s], it->base, &t->value, err);
    t->type = html_type(t->value);
    return st;
}

/* title: <title>, then dc:title. */
static enum fc_status item_title(struct rss_item *it, struct fc_error *err)
{
    static const int prio[] = {I_TITLE, I_DC_TITLE, -1};
    int s = item_first(it, prio);
    return s < 0 ? FC_OK : item_text(it, s, &it->p->title.value, err);
}

static enum fc_status item_date(struct rss_item *it, struct fc_time *t, const int *prio,
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
static enum fc_status item_dates(struct rss_item *it, struct fc_error *err)
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
static enum fc_status item_misc(struct rss_item *it, struct fc_error *err)
{
    struct fc_post *p = it->p;
    struct fc_arena *a = p->arena;
    const char *s;
    int64_t v;
    enum fc_status st;
    if ((st = item_url_text(it, I_COMMENTS, &p->comments_url, err)) ||
        (st = item_url_text(it, I_WFW, &p->comments_feed, err)) ||
        (st = item_text(it, I_DC_LANG, &p->language, err)) ||
        (st = item_text(it, I_DC_RIGHTS, &p->rights.value, err)) ||
        (st = fc_xml_attr(a, it->node, FC_NS_XML, "base", &p->base, err)) ||
        (st = item_text(it, I_SLASH, &s, err)))
        return st;
    if (p->base && it->r->resolve) /* the effective base, chained */
        p->base = it->base;
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
            (st = url_attr(it->r, a, it->slot[I_SOURCE], it->base, "url", &src->url, err)))
            return st;
    }
    return FC_OK;
}

static enum fc_status item_convert(struct rss_item *it, struct fc_error *err)
{
    enum fc_status st;
    if ((st = item_classify(it, err)) || (st = item_id(it, err)) || (st = item_url(it, err)) ||
        (st = item_title(it, err)) || (st = item_content(it, err)) ||
        (st = item_summary(it, err)) || (st = item_authors(it, err)) ||
        (st = item_dates(it, err)) || (st = item_misc(it, err)))
        return st;
    return FC_OK;
}

/* Failures that belong to one item, not to the stream: the XML around it
 * is well-formed, so with FC_OPT_KEEP_GOING the next item can be read.
 * Not: out of memory, strict-mode warnings, the handler's own errors. */
static bool item_skippable(const struct rss_reader *r, enum fc_status st)
{
    return r->opt && (r->opt->flags & FC_OPT_KEEP_GOING) &&
           (st == FC_ELIMIT || st == FC_EPARSE || st == FC_EFORMAT);
}

/* One item into a post and through the handler.  base: the xml:base in
 * effect at the item's parent. */
static enum fc_status read_item(struct rss_reader *r, xmlNode *node, const char *base,
                                struct fc_error *err)
{
    enum fc_status st = begin_once(r, err);
    if (st != FC_OK)
        return st;
    struct rss_item it;
    memset(&it, 0, sizeof it);
    it.r = r;
    it.node = node;
    it.p = fc_post_new();
    if (!it.p)
        return fc_nomem(err);
    it.p->line = fc_xml_line(node);
    struct fc_error ierr;
    memset(&ierr, 0, sizeof ierr);
    if ((st = elem_base(r, it.p->arena, node, base, &it.base, &ierr)) == FC_OK)
        st = item_convert(&it, &ierr);
    if (st != FC_OK) {
        /* the XML helpers know no file name; the item's line is a start */
        if (!ierr.file[0] && r->file)
            snprintf(ierr.file, sizeof ierr.file, "%s", r->file);
        if (!ierr.line)
            ierr.line = it.p->line;
        if (item_skippable(r, st))
            st = fc_warn(r->opt, err, ierr.file, ierr.line, ierr.column, "item skipped: %s",
                         ierr.message);
        else if (err)
            *err = ierr;
        goto out;
    }
    st = r->h->post ? r->h->post(r->h->ctx, r->feed, it.p, err) : FC_OK;
out:
    fc_post_free(it.p);
    return st;
}

/* ------------------------------------------------------------------ */
/* The document                                                        */

static enum fc_status set_format(struct rss_reader *r, const char *version)
{
    char buf[48];
    snprintf(buf, sizeof buf, "rss %s", version);
    r->feed->format = fc_strdup(r->feed->arena, buf, (size_t)-1);
    return r->feed->format ? FC_OK : FC_ENOMEM;
}

/* The root: <rss version=...>, <rdf:RDF>, or a bare <channel>. */
static enum fc_status read_root(struct rss_reader *r, struct fc_error *err)
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

/* The channel's own xml:base (cb, NULL when none).  feed->base is the
 * base in effect at the channel: the root's and the channel's chained;
 * as written (the root's first) when resolution is off. */
static enum fc_status channel_base(struct rss_reader *r, const char *cb, struct fc_error *err)
{
    struct fc_feed *f = r->feed;
    if (!cb)
        return FC_OK;
    if (!r->resolve) {
        if (!f->base)
            f->base = cb;
        return FC_OK;
    }
    r->chan_base = fc_url_resolve(f->arena, r->root_base, cb);
    if (!r->chan_base)
        return fc_nomem(err);
    f->base = r->chan_base;
    return FC_OK;
}

/* An element beside the channel in RSS 1.0 / 0.90. */
static enum fc_status rdf_child(struct rss_reader *r, xmlNode *n, struct fc_error *err)
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
        const char *cb;
        enum fc_status st =
            fc_xml_attr(r->feed->arena, n, FC_NS_RDF, "about", &r->ch[C_ABOUT].s, err);
        if (st == FC_OK &&
            (st = fc_xml_attr(r->feed->arena, n, FC_NS_XML, "base", &cb, err)) == FC_OK)
            st = channel_base(r, cb, err);
        for (xmlNode *c = fc_xml_first(n); c && st == FC_OK; c = fc_xml_next(c))
            st = chan_child(r, c, err);
        return st;
    }
    /* beside the channel: the root's base is theirs */
    if (is_k(r, n, K_CORE, "item"))
        return read_item(r, n, r->root_base, err);
    if (is_k(r, n, K_CORE, "image"))
        return read_image(r, n, r->root_base, err);
    if (is_k(r, n, K_CORE, "textinput") || is_k(r, n, K_CORE, "textInput"))
        return read_text_input(r, n, r->root_base, err);
    return add_ext(r, r->feed->arena, &r->feed->exts, n, err);
}

/* Walk the document: expand one channel child or item at a time. */
static enum fc_status walk(struct rss_reader *r, struct fc_error *err)
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
            /* the document's URI is unknown: the root's base stays as written */
            if ((st = fc_xr_attr(x, r->feed->arena, FC_NS_XML, "base", &r->feed->base, err)))
                return st;
            r->root_base = r->chan_base = r->feed->base;
            if ((st = fc_xr_read(x, &more, err)) != FC_OK)
                return st;
            continue;
        }
        if (!r->rdf && depth == 1 && chan_depth < 0 && fc_xr_is(x, r->core_ns, "channel")) {
            chan_depth = 1;
            r->saw_channel = true;
            const char *cb;
            if ((st = fc_xr_attr(x, r->feed->arena, FC_NS_XML, "base", &cb, err)) ||
                (st = channel_base(r, cb, err)))
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
            st = read_item(r, n, depth == chan_depth + 1 ? r->chan_base : r->root_base, err);
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

enum fc_status fc_rss_read(struct fc_input *in, struct fc_handler *out,
                           const struct fc_options *opt, struct fc_error *err)
{
    struct rss_reader r;
    memset(&r, 0, sizeof r);
    r.h = out;
    r.opt = opt;
    r.resolve = !(opt && (opt->flags & FC_OPT_NO_XML_BASE));
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
