/*
 * rss_read.c - the RSS family reader (0.90, 0.91, 0.92-0.94, 1.0, 2.0).
 * The mapping table, the specs, detection and the quirks are at the top
 * of rss.c.
 */
#include "formats/rss.h"
#include "syntax/xml_podcast.h"
#include "util/media.h"
#include "util/strmap.h"

#include <stdio.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Reader state                                                        */

/* Namespaces by kind, so the tables below can name RSS's own elements
 * whatever namespace this document gives them. */
enum rss_ns_kind {
    K_CORE,
    K_DC,
    K_DCTERMS,
    K_ATOM,
    K_CONTENT,
    K_WFW,
    K_SLASH,
    K_RDF,
    K_XHTML,
    K_FC
};

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
    C_DCT_ISSUED,
    C_DCT_MODIFIED,
    C_GENERATOR,
    C_EDITOR,
    C_WEBMASTER,
    C_DOCS,
    C_TTL,
    C_RATING,
    C_ATOM_ID,
    C_ATOM_ICON,
    C_ABOUT,
    C_FC_RAW_PUB, /* fc:rawPublished / rawUpdated: a writer's unparsable dates */
    C_FC_RAW_UPD,
    C_COUNT
};

struct rss_candidate {
    const char *value;
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
    I_DCT_ISSUED,
    I_DCT_CREATED,
    I_COMMENTS,
    I_WFW,
    I_SLASH,
    I_SOURCE,
    I_DC_LANG,
    I_DC_RIGHTS,
    I_FC_RAW_PUB,
    I_FC_RAW_UPD,
    I_COUNT
};

struct rss_slot_def {
    enum rss_ns_kind ns;
    const char *name;
    int slot;
};

/* The elements that fill the slots, grouped by the model field they are
 * sources of (in the order of rss.c's mapping table). */
/* clang-format off */
static const struct rss_slot_def chan_slots[] = {
    {K_CORE, "title", C_TITLE}, {K_DC, "title", C_DC_TITLE},
    {K_CORE, "description", C_DESC}, {K_DC, "description", C_DC_DESC},
    {K_CORE, "link", C_LINK},
    {K_CORE, "language", C_LANG}, {K_DC, "language", C_DC_LANG},
    {K_CORE, "copyright", C_COPY}, {K_DC, "rights", C_DC_RIGHTS},
    {K_CORE, "pubDate", C_PUBDATE},
    {K_CORE, "lastBuildDate", C_LASTBUILD}, {K_DC, "date", C_DC_DATE},
        {K_ATOM, "updated", C_ATOM_UPDATED}, {K_DCTERMS, "modified", C_DCT_MODIFIED},
    {K_DCTERMS, "issued", C_DCT_ISSUED},
    {K_CORE, "generator", C_GENERATOR},
    {K_CORE, "managingEditor", C_EDITOR}, {K_CORE, "webMaster", C_WEBMASTER},
    {K_CORE, "docs", C_DOCS}, {K_CORE, "ttl", C_TTL}, {K_CORE, "rating", C_RATING},
    {K_ATOM, "id", C_ATOM_ID}, {K_ATOM, "icon", C_ATOM_ICON},
    {K_FC, "rawPublished", C_FC_RAW_PUB}, {K_FC, "rawUpdated", C_FC_RAW_UPD},
};

static const struct rss_slot_def item_slots[] = {
    {K_CORE, "title", I_TITLE}, {K_DC, "title", I_DC_TITLE},
    {K_CORE, "link", I_LINK},
    {K_CORE, "description", I_DESC}, {K_DC, "description", I_DC_DESC},
    {K_CONTENT, "encoded", I_CONTENT}, {K_XHTML, "body", I_XHTML_BODY},
    {K_CORE, "guid", I_GUID}, {K_DC, "identifier", I_DC_ID}, {K_ATOM, "id", I_ATOM_ID},
    {K_CORE, "pubDate", I_PUBDATE}, {K_DC, "date", I_DC_DATE},
        {K_ATOM, "published", I_ATOM_PUBLISHED}, {K_DCTERMS, "issued", I_DCT_ISSUED},
        {K_DCTERMS, "created", I_DCT_CREATED},
    {K_ATOM, "updated", I_ATOM_UPDATED}, {K_DCTERMS, "modified", I_DCT_MODIFIED},
    {K_CORE, "comments", I_COMMENTS},
    {K_WFW, "commentRss", I_WFW}, {K_WFW, "commentRSS", I_WFW}, /* a common misspelling */
    {K_SLASH, "comments", I_SLASH},
    {K_CORE, "source", I_SOURCE},
    {K_DC, "language", I_DC_LANG}, {K_DC, "rights", I_DC_RIGHTS},
    {K_FC, "rawPublished", I_FC_RAW_PUB}, {K_FC, "rawUpdated", I_FC_RAW_UPD},
};
/* clang-format on */

/* One read.  Failures and warnings go to s, the sticky status: the
 * functions below record there and do nothing once it holds a failure;
 * the walk checks it after each element it expands.  An item has a
 * status of its own (struct rss_item), so that with FC_OPT_KEEP_GOING a
 * failure inside it skips only the item. */
struct rss_reader {
    struct fc_xr x;
    struct fc_sticky s;
    struct fc_handler *h;
    struct fc_feed *feed;
    const char *core_ns; /* RSS's own elements: NULL, RSS 1.0 or 0.90 */
    bool rdf;
    bool begun;
    bool saw_channel;
    bool resolve;          /* honour xml:base (no FC_OPT_NO_XML_BASE) */
    const char *root_base; /* xml:base in effect inside the root */
    const char *chan_base; /* ... inside the channel */
    /* The document's own URI, the base when no xml:base says otherwise:
     * opt->base_url, else the channel's self link once seen. */
    const char *doc_base;
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
    case K_FC:
        return FC_NS_FEEDCONV;
    }
    return NULL;
}

static bool is_k(const struct rss_reader *r, const xmlNode *n, enum rss_ns_kind k, const char *name)
{
    return fc_xml_is(n, ns_of(r, k), name);
}

/* The slot of element n in table t, -1 when none.  The first byte is
 * compared first: it rules out most rows without a call. */
static int find_slot(const struct rss_reader *r, const xmlNode *n, const struct rss_slot_def *t,
                     size_t cnt)
{
    for (size_t i = 0; i < cnt; i++)
        if (n->name[0] == (xmlChar)t[i].name[0] && is_k(r, n, t[i].ns, t[i].name))
            return t[i].slot;
    return -1;
}

/* ------------------------------------------------------------------ */
/* Small conversions                                                   */

static void warn_value(struct fc_sticky *s, unsigned long line, const char *what, const char *value)
{
    fc_sticky_warn(s, line, 0, "%s \"%.200s\"", what, value);
}

/* A date into *t; unparsable text is kept raw with a warning. */
static void set_date(struct fc_sticky *s, struct fc_arena *a, struct fc_time *t, const char *text,
                     unsigned long line, const char *what)
{
    if (!text || !fc_sticky_ok(s))
        return;
    enum fc_status st = fc_time_parse_keep(a, text, t);
    if (st == FC_EPARSE)
        warn_value(s, line, what, text);
    else if (st != FC_OK)
        fc_sticky_nomem(s);
}

/* A date a writer could not parse either (fc:rawPublished / rawUpdated):
 * kept as text, as it was read the first time (warned about then). */
static void set_raw_date(struct fc_time *t, const char *text)
{
    if (!text || !*text)
        return;
    memset(t, 0, sizeof *t);
    t->raw = text;
}

/* s[0..n) is an email address (a "mailto:" before it allowed): one word
 * with an '@' inside, none of the brackets the forms below use.  Returns
 * the address's offset in s, -1 when it is none. */
static long email_at(const char *s, size_t n)
{
    size_t skip = n > 7 && fc_strncasecmp(s, "mailto:", 7) == 0 ? 7 : 0;
    const char *at = memchr(s + skip, '@', n - skip);
    if (!at || at == s + skip || at == s + n - 1)
        return -1;
    for (size_t i = skip; i < n; i++)
        if (strchr(" \t\r\n()<>,;\"", s[i]))
            return -1;
    return (long)skip;
}

/* Offset of the '(' that the ')' ending s[0..n) closes; -1 when none. */
static long open_paren(const char *s, size_t n)
{
    size_t depth = 0;
    for (size_t i = n; i-- > 0;) {
        if (s[i] == ')')
            depth++;
        else if (s[i] == '(' && --depth == 0)
            return (long)i;
    }
    return -1;
}

/* *s[0..*n) without white space around it. */
static void trim_span(const char **s, size_t *n)
{
    while (*n > 0 && strchr(" \t\r\n", **s))
        ++*s, --*n;
    while (*n > 0 && strchr(" \t\r\n", (*s)[*n - 1]))
        --*n;
}

/* Name and email from their halves: each trimmed, an empty name none, a
 * quoted one ("Doe, Jo" <jo@x>) unquoted. */
static void person_set(struct fc_arena *a, struct fc_person *p, const char *name, size_t nlen,
                       const char *email, size_t elen, struct fc_sticky *s)
{
    trim_span(&name, &nlen);
    if (nlen >= 2 && name[0] == '"' && name[nlen - 1] == '"')
        name++, nlen -= 2;
    p->email = fc_strtrim(a, email, elen);
    p->name = nlen ? fc_strtrim(a, name, nlen) : NULL;
    if (!p->email || (nlen && !p->name))
        fc_sticky_nomem(s);
    else if (p->name && !*p->name)
        p->name = NULL;
}

/*
 * A person as RSS feeds write one, in <author>, managingEditor, webMaster,
 * dc:creator and dc:contributor alike: "email (Name)" (RSS 2.0's form),
 * "Name (email)", "Name <email>", a bare email (a "mailto:" before the
 * address dropped), or a bare name.  The parentheses are the last pair,
 * matched, so names keep theirs: "jo@x.example (Jo (Jr.))", "Jo (the
 * baker) (jo@x.example)"; parentheses with no email in or before them
 * ("Kim (Editor)") are part of the name.
 */
static void parse_person(struct fc_arena *a, const char *text, struct fc_person *p,
                         struct fc_sticky *s)
{
    size_t n = strlen(text);
    long o = n > 0 && text[n - 1] == ')' ? open_paren(text, n) : -1;
    if (o >= 0) {
        const char *out = text, *in = text + o + 1;
        size_t out_len = (size_t)o, in_len = n - (size_t)o - 2;
        trim_span(&out, &out_len);
        trim_span(&in, &in_len);
        long e = email_at(out, out_len);
        if (e >= 0) { /* email (Name) */
            person_set(a, p, in, in_len, out + e, out_len - (size_t)e, s);
            return;
        }
        if ((e = email_at(in, in_len)) >= 0) { /* Name (email) */
            person_set(a, p, out, out_len, in + e, in_len - (size_t)e, s);
            return;
        }
    }
    const char *lt = n > 0 && text[n - 1] == '>' ? strrchr(text, '<') : NULL;
    long e = lt ? email_at(lt + 1, (size_t)(text + n - 1 - lt - 1)) : -1;
    if (e >= 0) { /* Name <email>, <email> */
        person_set(a, p, text, (size_t)(lt - text), lt + 1 + e,
                   (size_t)(text + n - 1 - (lt + 1 + e)), s);
    } else if ((e = email_at(text, n)) >= 0) {
        if (!(p->email = fc_strdup(a, text + e, n - (size_t)e)))
            fc_sticky_nomem(s);
    } else if (!(p->name = fc_strdup(a, text, n))) {
        fc_sticky_nomem(s);
    }
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
/* xml:base (the functions of syntax/xml_node.h)                       */

/* ref (a URL from element n) resolved against the base in effect at n;
 * parent: the base in effect at n's parent. */
static const char *resolve_at(struct fc_sticky *s, struct fc_arena *a, const xmlNode *n,
                              const char *parent, const char *ref)
{
    return ref ? fc_xml_resolve(a, fc_xml_base(a, n, parent, s), ref, s) : NULL;
}

/* A URL-valued element's text, resolved. */
static const char *url_text(struct fc_sticky *s, struct fc_arena *a, const xmlNode *n,
                            const char *parent)
{
    return resolve_at(s, a, n, parent, fc_xml_text(a, n, true, s));
}

/* A URL-valued attribute of n, resolved. */
static const char *url_attr(struct fc_sticky *s, struct fc_arena *a, const xmlNode *n,
                            const char *parent, const char *name)
{
    return resolve_at(s, a, n, parent, fc_xml_attr(a, n, NULL, name, s));
}

/* href / src inside HTML (element n's content) resolved; html is
 * rewritten only when it looks like HTML. */
static const char *html_urls(struct fc_sticky *s, struct fc_arena *a, const xmlNode *n,
                             const char *parent, const char *html)
{
    if (!html || !fc_looks_like_html(html))
        return html;
    return fc_xml_resolve_html(a, fc_xml_base(a, n, parent, s), html, s);
}

/* Element n's children written as HTML (XHTML, or HTML left unescaped
 * in the feed), href and src resolved.  parent: the base in effect at n's
 * parent. */
static const char *markup_of(struct fc_sticky *s, struct fc_arena *a, const xmlNode *n,
                             const char *parent)
{
    return fc_xml_html(a, n, fc_xml_base(a, n, parent, s), s);
}

/* An HTML-valued element: its text, or its markup when it holds child
 * elements (HTML left unescaped, a quirk of some feeds, or brought in by
 * an internal entity); href and src resolved either way. */
static const char *html_of(struct fc_sticky *s, struct fc_arena *a, const xmlNode *n,
                           const char *parent)
{
    if (fc_xml_has_markup(n))
        return markup_of(s, a, n, parent);
    return html_urls(s, a, n, parent, fc_xml_text(a, n, true, s));
}

static void add_tag(struct fc_sticky *s, struct fc_arena *a, struct fc_list *list, const xmlNode *n,
                    bool with_domain)
{
    const char *term = fc_xml_text(a, n, true, s);
    if (!term)
        return;
    struct fc_tag *t = fc_sticky_add(s, a, list, sizeof *t);
    if (!t)
        return;
    t->term = term;
    if (with_domain) {
        t->scheme = fc_xml_attr(a, n, NULL, "domain", s);
        t->label = fc_xml_attr(a, n, FC_NS_FEEDCONV, "label", s); /* an Atom label */
    }
}

/* A person element (<author>, dc:creator, dc:contributor) into *p: its
 * text as parse_person reads it, and what a feedconv writer put in fc:
 * attributes (fc:email beside a dc:creator name, fc:uri, fc:avatar).
 * False when it has no text. */
static bool read_person(struct fc_sticky *s, struct fc_arena *a, const xmlNode *n,
                        struct fc_person *p)
{
    const char *text = fc_xml_text(a, n, true, s);
    if (!text)
        return false;
    parse_person(a, text, p, s);
    if (!p->email)
        p->email = fc_xml_attr(a, n, FC_NS_FEEDCONV, "email", s);
    p->url = fc_xml_attr(a, n, FC_NS_FEEDCONV, "uri", s);
    p->avatar = fc_xml_attr(a, n, FC_NS_FEEDCONV, "avatar", s);
    return fc_sticky_ok(s);
}

/* A copy of person p at the end of list. */
static void keep_person(struct fc_sticky *s, struct fc_arena *a, struct fc_list *list,
                        const struct fc_person *p)
{
    struct fc_person *k = fc_sticky_add(s, a, list, sizeof *k);
    if (!k)
        return;
    *k = *p;
    k->next = NULL;
}

static void add_person_node(struct fc_sticky *s, struct fc_arena *a, struct fc_list *list,
                            const xmlNode *n)
{
    struct fc_person p;
    memset(&p, 0, sizeof p);
    if (read_person(s, a, n, &p))
        keep_person(s, a, list, &p);
}

/* An atom:link into *l; href resolved against `base` (the parent's).
 * True when there is a link to map (an href, no failure). */
static bool read_link(struct fc_sticky *s, struct fc_arena *a, const xmlNode *n, const char *base,
                      struct fc_link *l)
{
    int64_t v;
    memset(l, 0, sizeof *l);
    l->length = -1;
    l->href = fc_xml_attr(a, n, NULL, "href", s);
    l->rel = fc_xml_attr(a, n, NULL, "rel", s);
    l->type = fc_xml_attr(a, n, NULL, "type", s);
    l->hreflang = fc_xml_attr(a, n, NULL, "hreflang", s);
    l->title = fc_xml_attr(a, n, NULL, "title", s);
    const char *len = fc_xml_attr(a, n, NULL, "length", s);
    l->href = resolve_at(s, a, n, base, l->href);
    if (len && fc_parse_int(len, 0, INT64_MAX, &v))
        l->length = v;
    return fc_sticky_ok(s) && l->href;
}

/* A copy of link l at the end of list. */
static void keep_link(struct fc_sticky *s, struct fc_arena *a, struct fc_list *list,
                      const struct fc_link *l)
{
    struct fc_link *k = fc_sticky_add(s, a, list, sizeof *k);
    if (!k)
        return;
    *k = *l;
    k->next = NULL;
}

static void add_ext(struct fc_sticky *s, struct fc_arena *a, struct fc_list *list, const xmlNode *n)
{
    fc_xml_to_ext(a, list, n, "rss", s);
}

/* ------------------------------------------------------------------ */
/* Channel                                                             */

/* <image>; base: the xml:base in effect at its parent. */
static void read_image(struct rss_reader *r, const xmlNode *n, const char *base)
{
    struct fc_feed *f = r->feed;
    struct fc_arena *a = f->arena;
    int64_t v;
    if (f->image.url) { /* a second image: keep it, do not merge */
        add_ext(&r->s, a, &f->exts, n);
        return;
    }
    const char *ib = fc_xml_base(a, n, base, &r->s);
    for (const xmlNode *c = fc_xml_first(n); c && fc_sticky_ok(&r->s); c = fc_xml_next(c)) {
        const char *s = fc_xml_text(a, c, true, &r->s);
        bool url = is_k(r, c, K_CORE, "url"), link = is_k(r, c, K_CORE, "link");
        if (url || link)
            s = resolve_at(&r->s, a, c, ib, s);
        if (!fc_sticky_ok(&r->s))
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
            add_ext(&r->s, a, &f->exts, c);
    }
    /* RSS 1.0: <image rdf:about="URL"> may be the only place the URL is. */
    if (fc_sticky_ok(&r->s) && !f->image.url)
        f->image.url = resolve_at(&r->s, a, n, base, fc_xml_attr(a, n, FC_NS_RDF, "about", &r->s));
}

/* <textInput>; base: the xml:base in effect at its parent. */
static void read_text_input(struct rss_reader *r, const xmlNode *n, const char *base)
{
    struct fc_feed *f = r->feed;
    struct fc_text_input *t = &f->text_input;
    if (t->name || t->link) {
        add_ext(&r->s, f->arena, &f->exts, n);
        return;
    }
    const char *tb = fc_xml_base(f->arena, n, base, &r->s);
    for (const xmlNode *c = fc_xml_first(n); c && fc_sticky_ok(&r->s); c = fc_xml_next(c)) {
        const char *s = fc_xml_text(f->arena, c, true, &r->s);
        if (!fc_sticky_ok(&r->s))
            break;
        if (is_k(r, c, K_CORE, "title"))
            t->title = s;
        else if (is_k(r, c, K_CORE, "description"))
            t->description = s;
        else if (is_k(r, c, K_CORE, "name"))
            t->name = s;
        else if (is_k(r, c, K_CORE, "link") && (t->link = s) != NULL)
            t->link = resolve_at(&r->s, f->arena, c, tb, t->link);
        else if (!is_k(r, c, K_CORE, "link"))
            add_ext(&r->s, f->arena, &f->exts, c);
    }
}

static void read_cloud(struct rss_reader *r, const xmlNode *n)
{
    struct fc_feed *f = r->feed;
    struct fc_arena *a = f->arena;
    int64_t v;
    f->cloud.domain = fc_xml_attr(a, n, NULL, "domain", &r->s);
    const char *port = fc_xml_attr(a, n, NULL, "port", &r->s);
    f->cloud.path = fc_xml_attr(a, n, NULL, "path", &r->s);
    f->cloud.procedure = fc_xml_attr(a, n, NULL, "registerProcedure", &r->s);
    f->cloud.protocol = fc_xml_attr(a, n, NULL, "protocol", &r->s);
    if (port && fc_parse_int(port, 0, 65535, &v))
        f->cloud.port = (int)v;
    else if (port)
        warn_value(&r->s, fc_xml_line(n), "cloud port is not a number:", port);
}

static void read_skip(struct rss_reader *r, const xmlNode *n, bool hours)
{
    struct fc_feed *f = r->feed;
    for (const xmlNode *c = fc_xml_first(n); c && fc_sticky_ok(&r->s); c = fc_xml_next(c)) {
        const char *s = fc_xml_text(f->arena, c, true, &r->s);
        int64_t v;
        bool known = false;
        if (!s)
            continue;
        if (hours && is_k(r, c, K_CORE, "hour") && fc_parse_int(s, 0, 24, &v)) {
            f->skip_hours |= (uint32_t)1 << (v == 24 ? 0 : v); /* 24: midnight */
            known = true;
        } else if (!hours && is_k(r, c, K_CORE, "day")) {
            for (int d = 0; d < 7; d++) {
                if (fc_strcasecmp(s, fc_rss_day_names[d]) == 0) {
                    f->skip_days |= (uint8_t)(1u << d);
                    known = true;
                }
            }
        }
        if (!known)
            warn_value(&r->s, fc_xml_line(c),
                       hours ? "skipHours entry dropped:" : "skipDays entry dropped:", s);
    }
}

/* The document's own URI is known (opt->base_url, or the self link):
 * the base wherever no xml:base is in effect. */
static void doc_base(struct rss_reader *r, const char *uri)
{
    if (!r->resolve)
        return;
    r->doc_base = uri;
    if (!r->root_base)
        r->root_base = uri;
    else
        r->root_base = fc_xml_resolve(r->feed->arena, uri, r->root_base, &r->s);
    r->chan_base =
        r->chan_base ? fc_xml_resolve(r->feed->arena, uri, r->chan_base, &r->s) : r->root_base;
}

/* atom:link in the channel: self, hub, next, alternate (a candidate for
 * home_url), anything else into links. */
static void chan_atom_link(struct rss_reader *r, const xmlNode *n)
{
    struct fc_feed *f = r->feed;
    struct fc_link l;
    if (!read_link(&r->s, f->arena, n, r->chan_base, &l))
        return;
    const char *rel = l.rel ? l.rel : "alternate";
    if (strcmp(rel, "self") == 0 && !f->feed_url) {
        f->feed_url = l.href;
        if (!r->doc_base && fc_url_is_absolute(l.href)) /* the feed's own URL */
            doc_base(r, l.href);
    } else if (strcmp(rel, "hub") == 0) {
        struct fc_hub *h = fc_sticky_add(&r->s, f->arena, &f->hubs, sizeof *h);
        if (!h)
            return;
        h->url = l.href;
        h->type = "WebSub";
    } else if (strcmp(rel, "next") == 0 && !f->next_url) {
        f->next_url = l.href;
    } else if (strcmp(rel, "alternate") == 0 && !r->ch[C_ATOM_ALT].value &&
               (!l.type || strcmp(l.type, "text/html") == 0)) {
        r->ch[C_ATOM_ALT].value = l.href;
        r->ch[C_ATOM_ALT].line = fc_xml_line(n);
    } else {
        keep_link(&r->s, f->arena, &f->links, &l);
    }
}

/* A single-valued channel element into its candidate slot; a repeat is
 * kept as an extension (the first wins). */
static void chan_candidate(struct rss_reader *r, const xmlNode *n, int slot)
{
    struct fc_feed *f = r->feed;
    struct fc_arena *a = f->arena;
    struct rss_candidate *c = &r->ch[slot];
    if (fc_xml_synthetic(n, "true"))
        return; /* made up by a writer for RSS's required elements */
    if (c->value) {
        add_ext(&r->s, a, &f->exts, n);
        return;
    }
    c->line = fc_xml_line(n);
    if (slot == C_DESC)
        c->value = html_of(&r->s, a, n, r->chan_base);
    else
        c->value = fc_xml_text(a, n, true, &r->s);
    if (slot == C_LINK || slot == C_DOCS || slot == C_ATOM_ICON)
        c->value = resolve_at(&r->s, a, n, r->chan_base, c->value);
    else if (slot == C_DC_DESC)
        c->value = html_urls(&r->s, a, n, r->chan_base, c->value);
}

/* The list elements the channel and an item read alike: category and
 * dc:subject (categories), dc:contributor (contributors).  False when n
 * is none of them. */
static bool add_listed(struct rss_reader *r, struct fc_sticky *s, struct fc_arena *a,
                       struct fc_list *categories, struct fc_list *contributors, const xmlNode *n)
{
    if (is_k(r, n, K_CORE, "category"))
        add_tag(s, a, categories, n, true);
    else if (is_k(r, n, K_DC, "subject"))
        add_tag(s, a, categories, n, false);
    else if (is_k(r, n, K_DC, "contributor"))
        add_person_node(s, a, contributors, n);
    else
        return false;
    return true;
}

/* One child of <channel> (not an item). */
static void chan_child(struct rss_reader *r, const xmlNode *n)
{
    struct fc_feed *f = r->feed;
    struct fc_arena *a = f->arena;
    int slot = find_slot(r, n, chan_slots, COUNT(chan_slots));
    if (slot >= 0)
        chan_candidate(r, n, slot);
    else if (add_listed(r, &r->s, a, &f->categories, &f->contributors, n))
        return;
    else if (is_k(r, n, K_DC, "creator"))
        add_person_node(&r->s, a, &f->authors, n);
    else if (is_k(r, n, K_ATOM, "link"))
        chan_atom_link(r, n);
    else if (is_k(r, n, K_CORE, "cloud") && !f->cloud.domain)
        read_cloud(r, n);
    else if (is_k(r, n, K_CORE, "skipHours"))
        read_skip(r, n, true);
    else if (is_k(r, n, K_CORE, "skipDays"))
        read_skip(r, n, false);
    else if (r->rdf && (is_k(r, n, K_CORE, "items") ||
                        ((is_k(r, n, K_CORE, "image") || is_k(r, n, K_CORE, "textinput")) &&
                         !fc_xml_has_elements(n))))
        return; /* RSS 1.0 references to the elements beside the channel */
    else if (is_k(r, n, K_CORE, "image"))
        read_image(r, n, r->chan_base);
    else if (is_k(r, n, K_CORE, "textInput") || is_k(r, n, K_CORE, "textinput"))
        read_text_input(r, n, r->chan_base);
    else if (!fc_xml_pod_feed(&r->s, f, n, r->chan_base, "rss"))
        add_ext(&r->s, a, &f->exts, n);
}

/* The first candidate present among the slots (a priority list ended by
 * -1); NULL when none. */
static struct rss_candidate *first_of(struct rss_reader *r, const int *slots)
{
    for (; *slots >= 0; slots++)
        if (r->ch[*slots].value)
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
        *field = c->value;
}

static void chan_date(struct rss_reader *r, struct fc_time *t, const int *prio, const char *what)
{
    struct rss_candidate *c = first_of(r, prio);
    if (fc_time_present(t) || !c)
        return;
    if (c == &r->ch[C_FC_RAW_PUB] || c == &r->ch[C_FC_RAW_UPD])
        set_raw_date(t, c->value);
    else
        set_date(&r->s, r->feed->arena, t, c->value, c->line, what);
}

static void chan_person(struct rss_reader *r, struct fc_person *p, int slot)
{
    struct rss_candidate *c = &r->ch[slot];
    if (!c->value || c->used || !fc_sticky_ok(&r->s))
        return;
    c->used = true;
    parse_person(r->feed->arena, c->value, p, &r->s);
}

/* The feed fields with several possible sources, each walking its
 * sources in priority order (first present wins). */
static void resolve_channel(struct rss_reader *r)
{
    struct fc_feed *f = r->feed;
    int64_t v;
    if (!fc_sticky_ok(&r->s))
        return;
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
    if (r->doc_base) { /* the self link may follow what it is the base of */
        const char **urls[] = {&f->home_url, &f->docs, &f->icon, &f->image.url, &f->image.link};
        for (size_t i = 0; i < COUNT(urls); i++)
            *urls[i] = fc_xml_resolve(f->arena, r->chan_base, *urls[i], &r->s);
    }
    /* published: <pubDate>, then dcterms:issued (dc:date is the channel's
     * last change) */
    static const int p_pub[] = {C_PUBDATE, C_DCT_ISSUED, C_FC_RAW_PUB, -1};
    chan_date(r, &f->published, p_pub, "unparsable pubDate kept as text:");
    /* updated: <lastBuildDate>, then dc:date (RSS 1.0), then atom:updated,
     * then dcterms:modified */
    static const int p_upd[] = {C_LASTBUILD,    C_DC_DATE,    C_ATOM_UPDATED,
                                C_DCT_MODIFIED, C_FC_RAW_UPD, -1};
    chan_date(r, &f->updated, p_upd, "unparsable channel date kept as text:");
    chan_person(r, &f->editor, C_EDITOR);
    chan_person(r, &f->webmaster, C_WEBMASTER);
    /* authors: dc:creator; a channel without one is by its managingEditor,
     * else its webMaster (a copy: writers leave it out again) */
    const struct fc_person *by = f->editor.name || f->editor.email         ? &f->editor
                                 : f->webmaster.name || f->webmaster.email ? &f->webmaster
                                                                           : NULL;
    if (!f->authors.first && by && fc_sticky_ok(&r->s)) {
        struct fc_person *p = fc_sticky_add(&r->s, f->arena, &f->authors, sizeof *p);
        if (p) {
            *p = *by;
            p->next = NULL;
        }
    }
    struct rss_candidate *ttl = &r->ch[C_TTL];
    if (ttl->value && !ttl->used && fc_sticky_ok(&r->s)) {
        ttl->used = true;
        if (fc_parse_int(ttl->value, 0, INT32_MAX, &v))
            f->ttl = (int)v;
        else
            warn_value(&r->s, ttl->line, "ttl is not a number, dropped:", ttl->value);
    }
}

/* The handler's begin(), once: before the first item, or at the end. */
static void begin_once(struct rss_reader *r)
{
    if (r->begun)
        return;
    resolve_channel(r);
    if (!fc_sticky_ok(&r->s))
        return;
    r->begun = true;
    if (r->h->begin)
        fc_sticky_set(&r->s, r->h->begin(r->h->ctx, r->feed, r->s.err));
}

/* ------------------------------------------------------------------ */
/* Items                                                               */

struct rss_item {
    struct rss_reader *r;
    struct fc_sticky s; /* the item's own status (see struct rss_reader) */
    xmlNode *node;
    struct fc_post *p;
    xmlNode *slot[I_COUNT];
    const xmlNode *id_node;     /* the element the id comes from (item_id_source) */
    const char *id;             /* the id it gives */
    const char *atom_alt;       /* href of the first atom:link rel=alternate */
    const char *base;           /* xml:base in effect inside the item */
    struct fc_xml_pod_item pod; /* itunes:*, podcast:*, media:* */
};

static const char *item_text(struct rss_item *it, int slot)
{
    return it->slot[slot] ? fc_xml_text(it->p->arena, it->slot[slot], true, &it->s) : NULL;
}

/* A URL-valued element's text, resolved against the item's base. */
static const char *item_url_text(struct rss_item *it, int slot)
{
    return it->slot[slot] ? url_text(&it->s, it->p->arena, it->slot[slot], it->base) : NULL;
}

/* The first slot present, in priority order (-1 ends the list). */
static int item_first(const struct rss_item *it, const int *prio)
{
    for (; *prio >= 0; prio++)
        if (it->slot[*prio])
            return *prio;
    return -1;
}

static void item_atom_link(struct rss_item *it, xmlNode *n)
{
    struct fc_post *p = it->p;
    struct fc_link l;
    if (!read_link(&it->s, p->arena, n, it->base, &l))
        return;
    const char *rel = l.rel ? l.rel : "alternate";
    if (strcmp(rel, "alternate") == 0 && !it->atom_alt)
        it->atom_alt = l.href;
    else if (strcmp(rel, "related") == 0 && !p->external_url)
        p->external_url = l.href;
    else
        keep_link(&it->s, p->arena, &p->links, &l);
}

/* <enclosure>: length and type made up by a writer (fc:synthetic) are
 * dropped; a type absent or vague is guessed from the URL. */
static void item_enclosure(struct rss_item *it, const xmlNode *n)
{
    struct fc_arena *a = it->p->arena;
    int64_t v;
    struct fc_media *m = fc_media_add(a, &it->p->attachments);
    if (!m) {
        fc_sticky_nomem(&it->s);
        return;
    }
    m->url = url_attr(&it->s, a, n, it->base, "url");
    if (!fc_xml_synthetic(n, "type"))
        m->type = fc_xml_attr(a, n, NULL, "type", &it->s);
    const char *len =
        fc_xml_synthetic(n, "length") ? NULL : fc_xml_attr(a, n, NULL, "length", &it->s);
    if (len && fc_parse_int(len, 0, INT64_MAX, &v))
        m->length = v;
    else if (len && *len)
        warn_value(&it->s, fc_xml_line(n), "enclosure length is not a number:", len);
    const char *g = fc_media_type_vague(m->type) ? fc_media_type_guess(m->url) : NULL;
    if (g && fc_sticky_ok(&it->s) && !fc_xml_synthetic(n, "type")) {
        fc_sticky_warn(&it->s, fc_xml_line(n), 0, "enclosure %s type; \"%s\" guessed from its URL",
                       m->type ? "has a vague" : "has no", g);
        m->type = g;
    }
}

/*
 * The id's source, before the children are sorted: the first with a
 * value of <guid>; in RSS 1.0 the item's rdf:about (its identity there);
 * dc:identifier; atom:id; elsewhere rdf:about.  A dc:identifier or atom:id
 * that is not the id is data about the item (an ISBN, a DOI): kept as an
 * extension, so that it comes back out (RSS -> RSS keeps it), never
 * dropped.  Sets it->id_node (NULL: rdf:about or none) and it->id.
 */
static void item_id_source(struct rss_item *it)
{
    struct rss_reader *r = it->r;
    struct fc_arena *a = it->p->arena;
    const xmlNode *first[3] = {NULL, NULL, NULL}; /* guid, dc:identifier, atom:id */
    for (xmlNode *c = fc_xml_first(it->node); c; c = fc_xml_next(c)) {
        int k = is_k(r, c, K_CORE, "guid")       ? 0
                : is_k(r, c, K_DC, "identifier") ? 1
                : is_k(r, c, K_ATOM, "id")       ? 2
                                                 : -1;
        if (k >= 0 && !first[k] && !fc_xml_synthetic(c, "true"))
            first[k] = c;
    }
    const char *about = fc_xml_attr(a, it->node, FC_NS_RDF, "about", &it->s);
    if (about && !*about)
        about = NULL;
    for (int k = 0; k < 3 && !it->id && fc_sticky_ok(&it->s); k++) {
        if (k == 1 && r->rdf && about)
            break;
        if (first[k] && (it->id = fc_xml_text(a, first[k], true, &it->s)) != NULL)
            it->id_node = first[k];
    }
    if (!it->id)
        it->id = about;
}

/* Sort the item's children: single-valued ones into slots (a repeat is
 * kept as an extension), lists straight into the post, dc:creator left
 * for item_authors, unknown ones into exts in document order. */
static void item_classify(struct rss_item *it)
{
    struct rss_reader *r = it->r;
    struct fc_post *p = it->p;
    item_id_source(it);
    fc_xml_pod_item_begin(&it->pod, &it->s, p, it->base, "rss");
    for (xmlNode *c = fc_xml_first(it->node); c && fc_sticky_ok(&it->s); c = fc_xml_next(c)) {
        int slot = find_slot(r, c, item_slots, COUNT(item_slots));
        if (slot >= 0 && fc_xml_synthetic(c, "true"))
            continue; /* made up by a writer (a title RSS requires) */
        if ((slot == I_DC_ID || slot == I_ATOM_ID) && c != it->id_node)
            slot = -1; /* not the id: kept (see item_id_source) */
        if (slot >= 0 && !it->slot[slot])
            it->slot[slot] = c;
        else if (slot >= 0)
            add_ext(&it->s, p->arena, &p->exts, c);
        else if (add_listed(r, &it->s, p->arena, &p->categories, &p->contributors, c))
            continue;
        else if (is_k(r, c, K_CORE, "enclosure"))
            item_enclosure(it, c);
        else if (is_k(r, c, K_CORE, "author"))
            add_person_node(&it->s, p->arena, &p->authors, c);
        else if (is_k(r, c, K_ATOM, "link"))
            item_atom_link(it, c);
        else if (fc_xml_pod_item_child(&it->pod, c))
            continue;
        else if (!is_k(r, c, K_DC, "creator"))
            add_ext(&it->s, p->arena, &p->exts, c);
    }
    fc_xml_pod_item_end(&it->pod);
}

/* Same person: the same name, or with no name the same email. */
static bool same_person(const struct fc_person *x, const struct fc_person *y)
{
    if (x->name || y->name)
        return x->name && y->name && strcmp(x->name, y->name) == 0;
    return x->email && y->email && fc_strcasecmp(x->email, y->email) == 0;
}

/* The authors same_person tells apart, past a few (a list scan each would
 * be quadratic): the named ones by name, the others by e-mail in lower
 * case. */
struct person_index {
    struct fc_strmap names, emails;
    const struct fc_person *last; /* the last one indexed */
};

/* Person p's key in the index (*map), NULL when it has none (no name, no
 * e-mail: the same as nobody) or on ENOMEM (recorded). */
static const char *person_key(struct rss_item *it, struct person_index *ix,
                              const struct fc_person *p, struct fc_strmap **map)
{
    *map = p->name ? &ix->names : &ix->emails;
    if (p->name || !p->email)
        return p->name;
    char *k = fc_strdup(it->p->arena, p->email, (size_t)-1);
    if (!k)
        fc_sticky_nomem(&it->s);
    for (char *c = k; c && *c; c++)
        *c = (char)fc_ascii_lower((unsigned char)*c);
    return k;
}

/* Is who among the authors?  The index takes in the authors added since
 * the last call (once there are many). */
static bool author_known(struct rss_item *it, struct person_index *ix, const struct fc_person *who)
{
    const struct fc_list *l = &it->p->authors;
    if (l->count < 8) {
        for (const struct fc_person *q = l->first; q; q = q->next)
            if (same_person(q, who))
                return true;
        return false;
    }
    struct fc_strmap *m;
    for (const struct fc_person *q = ix->last ? ix->last->next : l->first; q; q = q->next) {
        const char *k = person_key(it, ix, q, &m);
        if (k && !fc_strmap_add(m, k, (void *)q))
            fc_sticky_nomem(&it->s);
        ix->last = q;
    }
    const char *k = person_key(it, ix, who, &m);
    return k && fc_strmap_get(m, k);
}

/* Authors: <author> elements first, then each dc:creator who is not
 * already there (feeds often carry both for the same person). */
static void item_authors(struct rss_item *it)
{
    struct fc_post *p = it->p;
    struct person_index ix = {{0}, {0}, NULL};
    for (xmlNode *c = fc_xml_first(it->node); c && fc_sticky_ok(&it->s); c = fc_xml_next(c)) {
        struct fc_person who;
        memset(&who, 0, sizeof who);
        if (!is_k(it->r, c, K_DC, "creator") || !read_person(&it->s, p->arena, c, &who))
            continue;
        if (!author_known(it, &ix, &who))
            keep_person(&it->s, p->arena, &p->authors, &who);
    }
    fc_strmap_free(&ix.names);
    fc_strmap_free(&ix.emails);
}

/* id: the source item_id_source picked (<guid>, RSS 1.0's rdf:about,
 * dc:identifier, atom:id, rdf:about); isPermaLink from the guid. */
static void item_id(struct rss_item *it)
{
    struct fc_post *p = it->p;
    p->id = it->id;
    /* a writer's guid made unique ("ID#2"): the id it stands for */
    const char *orig = it->id_node && it->id_node == it->slot[I_GUID]
                           ? fc_xml_attr(p->arena, it->slot[I_GUID], FC_NS_FEEDCONV, "id", &it->s)
                           : NULL;
    if (orig)
        p->id = orig;
    if (it->slot[I_GUID] && !fc_xml_synthetic(it->slot[I_GUID], "isPermaLink")) {
        const char *pl = fc_xml_attr(p->arena, it->slot[I_GUID], NULL, "isPermaLink", &it->s);
        if (pl)
            p->id_is_permalink = fc_strcasecmp(pl, "false") == 0 ? 0 : 1;
    }
}

/* url: <link>, then atom:link rel=alternate, then the guid when it is a
 * permalink (isPermaLink absent or true) and looks like a URL.  A relative
 * guid is resolved against xml:base only when it says isPermaLink="true"
 * (feeds leave the attribute out on ids that are no URLs at all); the id
 * itself stays as written. */
static void item_url(struct rss_item *it)
{
    struct fc_post *p = it->p;
    p->url = item_url_text(it, I_LINK);
    if (p->url || !fc_sticky_ok(&it->s))
        return;
    if (it->atom_alt) {
        p->url = it->atom_alt;
        return;
    }
    if (!it->slot[I_GUID] || p->id_is_permalink == 0)
        return;
    const char *u = p->id;
    if (p->id_is_permalink == 1)
        u = resolve_at(&it->s, p->arena, it->slot[I_GUID], it->base, u);
    if (looks_like_url(u))
        p->url = u;
}

/* content_html: content:encoded, then an xhtml:body (its markup as HTML). */
static void item_content(struct rss_item *it)
{
    struct fc_post *p = it->p;
    xmlNode *n = it->slot[I_CONTENT] ? it->slot[I_CONTENT] : it->slot[I_XHTML_BODY];
    if (!n)
        return;
    /* Unescaped HTML (no CDATA) arrives as child elements: written as HTML. */
    if (n == it->slot[I_XHTML_BODY] || fc_xml_has_markup(n))
        p->content_html = markup_of(&it->s, p->arena, n, it->base);
    else
        p->content_html =
            html_urls(&it->s, p->arena, n, it->base, fc_xml_text(p->arena, n, false, &it->s));
}

/* summary: <description>, then dc:description.  The description is HTML
 * in practice (and as a child-element quirk, markup). */
static void item_summary(struct rss_item *it)
{
    static const int prio[] = {I_DESC, I_DC_DESC, -1};
    int slot = item_first(it, prio);
    if (slot < 0)
        return;
    struct fc_text *t = &it->p->summary;
    t->value = html_of(&it->s, it->p->arena, it->slot[slot], it->base);
    t->type = html_type(t->value);
}

/* title: <title>, then dc:title. */
static void item_title(struct rss_item *it)
{
    static const int prio[] = {I_TITLE, I_DC_TITLE, -1};
    int slot = item_first(it, prio);
    if (slot >= 0)
        it->p->title.value = item_text(it, slot);
}

static void item_date(struct rss_item *it, struct fc_time *t, const int *prio, const char *what)
{
    int slot = item_first(it, prio);
    if (slot == I_FC_RAW_PUB || slot == I_FC_RAW_UPD) {
        set_raw_date(t, item_text(it, slot));
    } else if (slot >= 0) {
        set_date(&it->s, it->p->arena, t, item_text(it, slot), fc_xml_line(it->slot[slot]), what);
    }
}

/* published: <pubDate>, then dc:date, then atom:published, then
 * dcterms:issued, then dcterms:created.
 * updated: atom:updated, then dcterms:modified. */
static void item_dates(struct rss_item *it)
{
    static const int p_pub[] = {
        I_PUBDATE, I_DC_DATE, I_ATOM_PUBLISHED, I_DCT_ISSUED, I_DCT_CREATED, I_FC_RAW_PUB, -1};
    static const int p_upd[] = {I_ATOM_UPDATED, I_DCT_MODIFIED, I_FC_RAW_UPD, -1};
    item_date(it, &it->p->published, p_pub, "unparsable date kept as text:");
    item_date(it, &it->p->updated, p_upd, "unparsable date kept as text:");
}

/* comments_url, comments_feed, comment_count, source, language, rights,
 * base: one source each. */
static void item_misc(struct rss_item *it)
{
    struct fc_post *p = it->p;
    struct fc_arena *a = p->arena;
    int64_t v;
    p->comments_url = item_url_text(it, I_COMMENTS);
    p->comments_feed = item_url_text(it, I_WFW);
    p->language = item_text(it, I_DC_LANG);
    p->rights.value = item_text(it, I_DC_RIGHTS);
    p->base = fc_xml_attr(a, it->node, FC_NS_XML, "base", &it->s);
    const char *count = item_text(it, I_SLASH);
    if (!fc_sticky_ok(&it->s))
        return;
    if (p->base && it->r->resolve) /* the effective base, chained */
        p->base = it->base;
    if (count && fc_parse_int(count, 0, INT64_MAX, &v))
        p->comment_count = v;
    else if (count)
        warn_value(&it->s, fc_xml_line(it->slot[I_SLASH]),
                   "slash:comments is not a number, dropped:", count);
    if (it->slot[I_SOURCE] && fc_sticky_ok(&it->s)) {
        struct fc_source *src = fc_alloc(a, sizeof *src);
        if (!src) {
            fc_sticky_nomem(&it->s);
            return;
        }
        p->source = src;
        src->title = fc_xml_text(a, it->slot[I_SOURCE], true, &it->s);
        src->url = url_attr(&it->s, a, it->slot[I_SOURCE], it->base, "url");
    }
}

/* The item's fields, one step after the other until one fails. */
static void item_convert(struct rss_item *it)
{
    static void (*const steps[])(struct rss_item *) = {
        item_classify, item_id,      item_url,   item_title, item_content,
        item_summary,  item_authors, item_dates, item_misc,
    };
    for (size_t i = 0; i < COUNT(steps) && fc_sticky_ok(&it->s); i++)
        steps[i](it);
}

/* Failures that belong to one item, not to the stream: the XML around it
 * is well-formed, so with FC_OPT_KEEP_GOING the next item can be read.
 * Not: out of memory, strict-mode warnings, the handler's own errors. */
static bool item_skippable(const struct rss_reader *r, enum fc_status st)
{
    return r->s.opt && (r->s.opt->flags & FC_OPT_KEEP_GOING) &&
           (st == FC_ELIMIT || st == FC_EPARSE || st == FC_EFORMAT);
}

/* One item into a post and through the handler.  base: the xml:base in
 * effect at the item's parent. */
static void read_item(struct rss_reader *r, xmlNode *node, const char *base)
{
    begin_once(r);
    if (!fc_sticky_ok(&r->s))
        return;
    struct fc_error ierr;
    memset(&ierr, 0, sizeof ierr);
    struct rss_item it = {.r = r, .node = node};
    it.s = (struct fc_sticky){.opt = r->s.opt, .err = &ierr, .file = r->s.file};
    if (!(it.p = fc_post_new())) {
        fc_sticky_nomem(&r->s);
        return;
    }
    it.p->line = fc_xml_line(node);
    it.base = fc_xml_base(it.p->arena, node, base, &it.s);
    item_convert(&it);
    if (!fc_sticky_ok(&it.s)) {
        /* out of memory names no file; the item's line is a start */
        if (!ierr.file[0] && r->s.file)
            snprintf(ierr.file, sizeof ierr.file, "%s", r->s.file);
        if (!ierr.line)
            ierr.line = it.p->line;
        if (item_skippable(r, it.s.st)) {
            fc_sticky_warn(&r->s, ierr.line, ierr.column, "item skipped: %s", ierr.message);
        } else {
            if (r->s.err)
                *r->s.err = ierr;
            fc_sticky_set(&r->s, it.s.st);
        }
    } else if (r->h->post) {
        fc_sticky_set(&r->s, r->h->post(r->h->ctx, r->feed, it.p, r->s.err));
    }
    fc_post_free(it.p);
}

/* ------------------------------------------------------------------ */
/* The document                                                        */

static void set_format(struct rss_reader *r, const char *version)
{
    char buf[48];
    snprintf(buf, sizeof buf, "rss %s", version);
    if (!(r->feed->format = fc_strdup(r->feed->arena, buf, (size_t)-1)))
        fc_sticky_nomem(&r->s);
}

/* The root: <rss version=...>, <rdf:RDF>, or a bare <channel>. */
static void read_root(struct rss_reader *r)
{
    struct fc_xr *x = &r->x;
    const char *name = fc_xr_name(x);
    const char *ns = fc_xr_ns(x);
    if (name && strcmp(name, "rss") == 0) {
        const char *v = fc_xr_attr(x, r->feed->arena, NULL, "version", &r->s);
        if (!fc_sticky_ok(&r->s))
            return;
        r->core_ns = ns ? fc_strdup(r->feed->arena, ns, (size_t)-1) : NULL;
        if (ns && !r->core_ns)
            fc_sticky_nomem(&r->s);
        else
            set_format(r, v ? v : "2.0");
    } else if (name && strcmp(name, "RDF") == 0 && ns && strcmp(ns, FC_NS_RDF) == 0) {
        r->rdf = true;
        r->core_ns = FC_NS_RSS10; /* until the channel says 0.90 */
        set_format(r, "1.0");
    } else if (name && strcmp(name, "channel") == 0 && !ns) {
        set_format(r, "0.91");
    } else {
        fc_sticky_fail(&r->s, FC_EFORMAT, fc_xr_line(x), 0,
                       "root element <%s> is not RSS (expected <rss>, <rdf:RDF> or <channel>)",
                       name ? name : "?");
    }
}

/* The channel's own xml:base (cb, NULL when none).  feed->base is the
 * base in effect at the channel: the root's and the channel's chained;
 * as written (the root's first) when resolution is off. */
static void channel_base(struct rss_reader *r, const char *cb)
{
    struct fc_feed *f = r->feed;
    if (!cb)
        return;
    if (!r->resolve) {
        if (!f->base)
            f->base = cb;
        return;
    }
    r->chan_base = fc_xml_resolve(f->arena, r->root_base, cb, &r->s);
    f->base = r->chan_base;
}

/* An element beside the channel in RSS 1.0 / 0.90. */
static void rdf_child(struct rss_reader *r, xmlNode *n)
{
    struct fc_arena *a = r->feed->arena;
    const char *ns = fc_xml_ns(n);
    if (!r->saw_channel && ns && strcmp(n->name ? (const char *)n->name : "", "channel") == 0 &&
        (strcmp(ns, FC_NS_RSS10) == 0 || strcmp(ns, FC_NS_RSS090) == 0)) {
        r->saw_channel = true;
        if (strcmp(ns, FC_NS_RSS090) == 0) {
            r->core_ns = FC_NS_RSS090;
            set_format(r, "0.90");
        }
        r->ch[C_ABOUT].value = fc_xml_attr(a, n, FC_NS_RDF, "about", &r->s);
        channel_base(r, fc_xml_attr(a, n, FC_NS_XML, "base", &r->s));
        for (xmlNode *c = fc_xml_first(n); c && fc_sticky_ok(&r->s); c = fc_xml_next(c))
            chan_child(r, c);
        return;
    }
    /* beside the channel: the root's base is theirs */
    if (is_k(r, n, K_CORE, "item"))
        read_item(r, n, r->root_base);
    else if (is_k(r, n, K_CORE, "image"))
        read_image(r, n, r->root_base);
    else if (is_k(r, n, K_CORE, "textinput") || is_k(r, n, K_CORE, "textInput"))
        read_text_input(r, n, r->root_base);
    else
        add_ext(&r->s, a, &r->feed->exts, n);
}

/* The cursor's next node; false (and *more unchanged) once r->s holds a
 * failure, the cursor's own included. */
static bool cursor_read(struct rss_reader *r, bool *more)
{
    if (!fc_sticky_ok(&r->s))
        return false;
    return fc_sticky_set(&r->s, fc_xr_read(&r->x, more, r->s.err)) == FC_OK;
}

/* The root element: its format, and the base in effect inside it. */
static void walk_root(struct rss_reader *r, int *chan_depth)
{
    struct fc_xr *x = &r->x;
    read_root(r);
    if (!fc_sticky_ok(&r->s))
        return;
    if (fc_xr_is(x, NULL, "channel")) {
        *chan_depth = 0;
        r->saw_channel = true;
    }
    /* the document's URI is unknown: the root's base stays as written */
    r->feed->base = fc_xr_attr(x, r->feed->arena, FC_NS_XML, "base", &r->s);
    r->root_base = r->chan_base = r->feed->base;
    if (r->s.opt && r->s.opt->base_url)
        doc_base(r, r->s.opt->base_url);
}

/* An expanded element below the root: channel child, item or other. */
static void walk_element(struct rss_reader *r, xmlNode *n, int depth, int chan_depth)
{
    if (r->rdf)
        rdf_child(r, n);
    else if (is_k(r, n, K_CORE, "item") && !r->saw_channel)
        fc_sticky_fail(&r->s, FC_EFORMAT, fc_xml_line(n), 0,
                       "<item> outside a <channel>: RSS document has no <channel>");
    else if (is_k(r, n, K_CORE, "item")) /* in the channel, or beside it */
        read_item(r, n, depth == chan_depth + 1 ? r->chan_base : r->root_base);
    else if (depth == chan_depth + 1)
        chan_child(r, n);
    else
        add_ext(&r->s, r->feed->arena, &r->feed->exts, n);
}

/* Walk the document: expand one channel child or item at a time. */
static void walk(struct rss_reader *r)
{
    struct fc_xr *x = &r->x;
    bool more = false;
    int chan_depth = -1; /* depth of <channel> (RSS 0.9x / 2.0) */
    unsigned long root_line = 0;
    bool root = false;
    cursor_read(r, &more);
    while (more && fc_sticky_ok(&r->s)) {
        int depth = fc_xr_depth(x);
        xmlNode *n;
        if (fc_xr_type(x) != XML_READER_TYPE_ELEMENT) {
            cursor_read(r, &more);
        } else if (!root) {
            root = true;
            root_line = fc_xr_line(x);
            walk_root(r, &chan_depth);
            cursor_read(r, &more);
        } else if (!r->rdf && depth == 1 && chan_depth < 0 && fc_xr_is(x, r->core_ns, "channel")) {
            chan_depth = 1;
            r->saw_channel = true;
            channel_base(r, fc_xr_attr(x, r->feed->arena, FC_NS_XML, "base", &r->s));
            cursor_read(r, &more);
        } else if (fc_sticky_set(&r->s, fc_xr_expand(x, &n, r->s.err)) == FC_OK) {
            walk_element(r, n, depth, chan_depth);
            if (fc_sticky_ok(&r->s))
                fc_sticky_set(&r->s, fc_xr_next(x, &more, r->s.err));
        }
    }
    if (!fc_sticky_ok(&r->s))
        return;
    if (!root)
        fc_sticky_fail(&r->s, FC_EPARSE, 1, 1, "no XML element in the input");
    else if (!r->saw_channel)
        fc_sticky_fail(&r->s, FC_EFORMAT, root_line, 0, "RSS document has no <channel>");
    begin_once(r);
    resolve_channel(r);
    if (fc_sticky_ok(&r->s) && r->h->end)
        fc_sticky_set(&r->s, r->h->end(r->h->ctx, r->feed, r->s.err));
}

enum fc_status fc_rss_read(struct fc_input *in, struct fc_handler *out,
                           const struct fc_options *opt, struct fc_error *err)
{
    struct rss_reader r;
    memset(&r, 0, sizeof r);
    r.h = out;
    r.s = (struct fc_sticky){.opt = opt, .err = err, .file = fc_input_name(in)};
    r.resolve = !(opt && (opt->flags & FC_OPT_NO_XML_BASE));
    r.feed = fc_feed_new();
    if (!r.feed)
        return fc_nomem(err);
    fc_sticky_set(&r.s, fc_xr_open(&r.x, in, opt, err));
    walk(&r);
    fc_xr_close(&r.x);
    fc_feed_free(r.feed);
    return r.s.st;
}
