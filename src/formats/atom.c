/*
 * atom.c - Atom 1.0 (RFC 4287) reader and writer; also reads Atom 0.3.
 *
 * Specs: RFC 4287 (Atom 1.0), RFC 4685 (threading: thr:total, thr:count,
 * thr:in-reply-to), RFC 5023 section 13.1 (app:control/app:draft), RFC 3986
 * (xml:base resolution), the Atom 0.3 draft (http://purl.org/atom/ns#).
 *
 * Mapping (feed level)                 model
 *   id / title / subtitle (tagline)    id / title / subtitle (text kinds kept)
 *   updated (modified)                 updated
 *   rights (copyright)                 rights
 *   generator @uri(@url) @version      generator.name / uri / version
 *   icon / logo                        icon / image.url
 *   author, contributor                authors, contributors (name uri email)
 *   category @term @scheme @label      categories
 *   link rel=alternate (preferred      home_url; other alternates -> links
 *     text/html or untyped, else first)
 *   link rel=self / hub / next         feed_url / hubs / next_url
 *   link (any other rel)               links (href rel type hreflang title length)
 *   @xml:lang / @xml:base              language / base
 * Mapping (entry level)
 *   id / title / summary / rights      id / title / summary / rights
 *   published (issued) / updated       published / updated
 *     (modified)
 *   content type=text|html|xhtml       content_text / content_html / content_html
 *     (xhtml: div removed, XHTML written as HTML without prefixes; void
 *     elements as <br />, so it stays well-formed XML too)
 *   content type=MEDIA (inline)        content_type + content_text (XML media
 *     types: the child markup; others: the text, Base64 kept as is)
 *   content @src                       content_src (+ content_type)
 *   link rel=alternate                 url (as for the feed)
 *   link rel=enclosure                 attachments (url type length title)
 *   link rel=related                   external_url (first), links (rest)
 *   link rel=replies type=text/html    comments_url
 *   link rel=replies (other / none)    comments_feed; @thr:count -> comment_count
 *   thr:total                          comment_count (wins over thr:count)
 *   slash:comments / wfw:commentRss    comment_count / comments_feed (RSS
 *                                      modules seen in Atom; else kept as ext)
 *   app:control/app:draft=yes          draft
 *   source (id title updated, links    source
 *     self / alternate)
 *   anything else namespaced           exts (fc_ext, origin "atom", in order)
 * A mapped link is also kept in `links` when it carries what the named field
 * cannot (hreflang, title, length, an unexpected type); the writer writes
 * such a field once, from `links`.
 *
 * The feedconv namespace, FC_NS (prefix "fc"): model fields Atom has no
 * element for are written as foreign markup the reader maps back, so
 * RSS / JSON Feed -> Atom -> RSS / JSON Feed loses nothing:
 *   feed:  fc:published fc:ttl fc:docs fc:rating fc:description
 *          fc:userComment fc:expired fc:skipHours ("0 5 23") fc:skipDays
 *          ("Monday Sunday") fc:cloud/@domain@port@path@procedure@protocol
 *          fc:textInput/@title@description@name@link
 *          fc:image/@title@link@description@width@height (url: atom:logo)
 *          fc:editor, fc:webmaster /@name@email@uri@avatar  fc:language
 *          (a language tag atom's xml:lang cannot carry)
 *   entry: fc:slug fc:image fc:bannerImage fc:contentText (plain text beside
 *          HTML content) fc:language
 *   both:  fc:rawPublished / fc:rawUpdated (dates that did not parse),
 *          fc:json/@name@origin (a JSON-kind extension, its JSON as text)
 *   attributes: id/@fc:isPermaLink ("true"/"false"); date/@fc:precision
 *          ("year" "month" "date" "minute": the model's precision when less
 *          than seconds) and @fc:zone="floating" (no zone given: written as
 *          Z); link/@fc:duration (enclosure seconds); link/@fc:type (a type
 *          that is not a media type, e.g. a WebSub hub type); author/
 *          @fc:synthetic="name" (name made up from email/uri); person
 *          child fc:avatar, fc:email (an email RFC 4287 would reject).
 *   @fc:synthetic="true" marks an element the writer made up because
 *          RFC 4287 requires it; the reader ignores such elements.
 *
 * Required elements the model may lack (writer), deterministic rules:
 *   feed id      feed_url, else home_url, else "tag:feedconv.invalid,2005:"
 *                + the title's slug ("untitled" when none).
 *   feed title   empty.
 *   feed updated the feed's updated; else the newest entry updated /
 *                published, else the feed's published, else
 *                1970-01-01T00:00:00Z.  Entries must follow the feed's
 *                metadata, so without a feed updated the entries are held
 *                in memory until end(); otherwise each entry is flushed as
 *                it comes.
 *   author       feed authors; an entry without authors (when the feed has
 *                none) gets a placeholder author named after the feed title
 *                ("unknown" when there is none).
 *   entry id     id, else url, else "tag:feedconv.invalid,2005:" + FNV-1a
 *                64 hash (hex) of title, published and content.
 *   entry title  empty.  entry updated: updated, else published, else the
 *                feed's updated, else 1970-01-01T00:00:00Z.
 *   alternate link or content: an empty text content.
 *   summary for out-of-line or Base64 content: "(content: TYPE)".
 *
 * Real-world quirks handled: type="text/html" / "text/plain" /
 * "application/xhtml+xml" on Atom 1.0 text constructs (0.3 habits),
 * unescaped markup in type="html" (serialised as HTML), a missing xhtml div
 * wrapper, rel-less links (alternate), IANA relation IRIs for rels, several
 * alternates (text/html preferred, the others kept), relative URLs under
 * nested xml:base (links, ids, icon/logo, person uris, content src, and
 * href/src inside HTML content, rewritten by a tag scanner that leaves
 * every other byte alone; srcset/poster are not rewritten), RSS modules
 * inside Atom.  Atom 0.3's info / created have no model field: kept as
 * extensions.  Dropped with a warning: link attributes other than those
 * above (e.g. thr:updated), children of link, a thr:count that disagrees
 * with thr:total, person / source children the model has no field for.
 * Reader: a feed element after the first entry is warned about (it reaches
 * the handler's end() only).  Writer: feed metadata that first appears at
 * end() is not written (the header is already streamed).
 */
#include "formats/xml.h"

#include <stdlib.h>
#include <string.h>

#define NS_ATOM03 "http://purl.org/atom/ns#"
#define NS_THR "http://purl.org/syndication/thread/1.0"
#define NS_APP "http://www.w3.org/2007/app"
#define FC_NS "https://feedconv.invalid/ns/1.0"
#define TAG_PREFIX "tag:feedconv.invalid,2005:"
#define EPOCH_TEXT "1970-01-01T00:00:00Z"

static const char *const day_names[7] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                         "Friday", "Saturday", "Sunday"};
static const char *const precision_names[] = {
    [FC_TIME_YEAR] = "year",
    [FC_TIME_MONTH] = "month",
    [FC_TIME_DATE] = "date",
    [FC_TIME_MINUTE] = "minute",
};

/* ------------------------------------------------------------------ */
/* Small shared helpers                                                */

static bool streq(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}

static bool is_space_c(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

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

/* A media type whose inline content is XML (RFC 4287 4.1.3.3). */
static bool xml_media(const char *t)
{
    size_t n = t ? strlen(t) : 0;
    return n > 4 && (strcmp(t + n - 4, "/xml") == 0 || strcmp(t + n - 4, "+xml") == 0);
}

/* Inline content that RFC 4287 says is Base64 (neither text nor XML). */
static bool base64_media(const char *t)
{
    return t && media_type_ok(t) && strncmp(t, "text/", 5) != 0 && !xml_media(t);
}

/* ================================================================== */
/* Reader                                                              */

struct rlink {
    const char *href, *rel, *type, *hreflang, *title, *length, *count, *duration, *fctype;
    int64_t len;
};

struct ar {
    struct fc_xr x;
    const struct fc_options *opt;
    struct fc_error *err;
    const char *file;
    const char *ns; /* FC_NS_ATOM or NS_ATOM03 */
    bool v03;
    bool resolve; /* honour xml:base */
    struct fc_feed *feed;
    const char *feed_base; /* effective base at the feed element */
    struct fc_handler *h;
    bool begun;
    struct rlink home; /* the link home_url came from */
    bool home_html, home_kept;
};

static enum fc_status rwarn(struct ar *r, const xmlNode *n, const char *fmt, ...) FC_PRINTF(3, 4);
static enum fc_status rwarn(struct ar *r, const xmlNode *n, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return fc_warn(r->opt, r->err, r->file, n ? fc_xml_line(n) : 0, 0, "%s", msg);
}

/* An element of the document's Atom namespace with local name `name`. */
static bool is_a(const struct ar *r, const xmlNode *n, const char *name)
{
    return fc_xml_is(n, r->ns, name);
}

/* Atom 1.0 name, or its Atom 0.3 synonym in a 0.3 document. */
static bool is_a2(const struct ar *r, const xmlNode *n, const char *name, const char *name03)
{
    return is_a(r, n, name) || (r->v03 && is_a(r, n, name03));
}

/* An element the feedconv writer made up (fc:synthetic="true"). */
static bool is_synthetic(const xmlNode *n)
{
    xmlChar *v = xmlGetNsProp(n, BAD_CAST "synthetic", BAD_CAST FC_NS);
    bool yes = v && strcmp((const char *)v, "true") == 0;
    xmlFree(v);
    return yes;
}

/* The base URI in effect at n, given its parent's. */
static enum fc_status elem_base(struct ar *r, struct fc_arena *a, const xmlNode *n,
                                const char *parent, const char **out)
{
    const char *b;
    *out = parent;
    enum fc_status st = fc_xml_attr(a, n, FC_NS_XML, "base", &b, r->err);
    if (st || !b)
        return st;
    if (!r->resolve) {
        *out = b;
        return FC_OK;
    }
    *out = fc_url_resolve(a, parent, b);
    return *out ? FC_OK : fc_nomem(r->err);
}

/* Resolve a reference (NULL stays NULL) against base unless turned off. */
static enum fc_status resolve_ref(struct ar *r, struct fc_arena *a, const char *base,
                                  const char **ref)
{
    if (!*ref || !r->resolve || !base)
        return FC_OK;
    const char *res = fc_url_resolve(a, base, *ref);
    if (!res)
        return fc_nomem(r->err);
    *ref = res;
    return FC_OK;
}

static enum fc_status text_of(struct ar *r, struct fc_arena *a, const xmlNode *n, const char **out)
{
    return fc_xml_text(a, n, true, out, r->err);
}

/* A URI-valued element (id, icon, logo, uri): text resolved against the
 * element's base. */
static enum fc_status uri_of(struct ar *r, struct fc_arena *a, const xmlNode *n, const char *base,
                             const char **out)
{
    const char *b;
    enum fc_status st = elem_base(r, a, n, base, &b);
    if (!st)
        st = text_of(r, a, n, out);
    if (!st)
        st = resolve_ref(r, a, b, out);
    return st;
}

/* ---- HTML: resolve href / src against a base ---------------------- */

static bool name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == ':' || c == '.';
}

/* Find s (ASCII, case-insensitive) in h[i..n); n when absent. */
static size_t find_ci(const char *h, size_t i, size_t n, const char *s)
{
    size_t m = strlen(s);
    for (; i + m <= n; i++)
        if (fc_strncasecmp(h + i, s, m) == 0)
            return i;
    return n;
}

/* Write a resolved attribute value inside quote q. */
static void put_attr_value(struct fc_buf *b, const char *v, char q)
{
    for (; *v; v++) {
        if (*v == q)
            fc_buf_puts(b, q == '"' ? "&quot;" : "&#39;");
        else
            fc_buf_putc(b, *v);
    }
}

/*
 * Rewrite href/src attribute values of an HTML fragment against base,
 * leaving every other byte as it was: a tag scanner, not a parser (a
 * parser would re-serialise the whole fragment).  Comments, script and
 * style bodies are copied untouched; "#frag" references stay (same
 * document); values with character references are resolved as written.
 */
static enum fc_status html_resolve(struct ar *r, struct fc_arena *a, const char *base,
                                   const char **html)
{
    const char *h = *html;
    if (!h || !base || !r->resolve)
        return FC_OK;
    size_t n = strlen(h), i = 0, copied = 0;
    bool changed = false;
    struct fc_buf b;
    fc_buf_init(&b);
    while (i < n) {
        if (h[i] != '<') {
            i++;
            continue;
        }
        if (strncmp(h + i, "<!--", 4) == 0) {
            size_t e = find_ci(h, i + 4, n, "-->");
            i = e < n ? e + 3 : n;
            continue;
        }
        size_t j = i + 1;
        if (j >= n || !((h[j] >= 'a' && h[j] <= 'z') || (h[j] >= 'A' && h[j] <= 'Z'))) {
            i++;
            continue;
        }
        size_t name0 = j;
        while (j < n && name_char(h[j]))
            j++;
        size_t name_n = j - name0;
        bool raw_body = (name_n == 6 && fc_strncasecmp(h + name0, "script", 6) == 0) ||
                        (name_n == 5 && fc_strncasecmp(h + name0, "style", 5) == 0);
        /* attributes */
        while (j < n && h[j] != '>') {
            if (is_space_c(h[j]) || h[j] == '/') {
                j++;
                continue;
            }
            size_t an = j;
            while (j < n && !is_space_c(h[j]) && h[j] != '=' && h[j] != '>' && h[j] != '/')
                j++;
            size_t an_n = j - an;
            if (an_n == 0) {
                j++;
                continue;
            }
            size_t k = j;
            while (k < n && is_space_c(h[k]))
                k++;
            if (k >= n || h[k] != '=')
                continue;
            k++;
            while (k < n && is_space_c(h[k]))
                k++;
            char q = 0;
            size_t v0, v1;
            if (k < n && (h[k] == '"' || h[k] == '\'')) {
                q = h[k];
                v0 = k + 1;
                v1 = v0;
                while (v1 < n && h[v1] != q)
                    v1++;
                j = v1 < n ? v1 + 1 : n;
            } else {
                v0 = k;
                v1 = v0;
                while (v1 < n && !is_space_c(h[v1]) && h[v1] != '>')
                    v1++;
                j = v1;
            }
            bool url_attr = (an_n == 4 && fc_strncasecmp(h + an, "href", 4) == 0) ||
                            (an_n == 3 && fc_strncasecmp(h + an, "src", 3) == 0);
            if (!url_attr || v1 == v0 || h[v0] == '#')
                continue;
            char *val = fc_strdup(a, h + v0, v1 - v0);
            char *res = val ? fc_url_resolve(a, base, val) : NULL;
            if (!res) {
                fc_buf_free(&b);
                return fc_nomem(r->err);
            }
            if (strcmp(res, val) == 0)
                continue;
            /* copy up to the value (its opening quote included) */
            fc_buf_add(&b, h + copied, (q ? v0 : v0) - copied);
            if (!q)
                fc_buf_putc(&b, '"');
            put_attr_value(&b, res, q ? q : '"');
            if (!q)
                fc_buf_putc(&b, '"');
            copied = v1;
            changed = true;
        }
        i = j < n ? j + 1 : n;
        if (raw_body) {
            size_t e = find_ci(h, i, n, name_n == 6 ? "</script" : "</style");
            i = e;
        }
    }
    if (changed) {
        fc_buf_add(&b, h + copied, n - copied);
        const char *s = b.oom ? NULL : fc_strdup(a, b.data, b.len);
        fc_buf_free(&b);
        if (!s)
            return fc_nomem(r->err);
        *html = s;
        return FC_OK;
    }
    fc_buf_free(&b);
    return FC_OK;
}

/* ---- XHTML -> HTML serialisation ----------------------------------- */

static bool void_element(const char *name)
{
    static const char *const v[] = {"area",  "base",   "br",    "col",  "embed",
                                    "hr",    "img",    "input", "link", "meta",
                                    "param", "source", "track", "wbr",  NULL};
    for (size_t i = 0; v[i]; i++)
        if (strcmp(v[i], name) == 0)
            return true;
    return false;
}

static void esc_text(struct fc_buf *b, const char *s, bool attr)
{
    fc_xml_escape(b, s, strlen(s), attr);
}

struct ser {
    struct ar *r;
    struct fc_arena *a;
    struct fc_buf b;
    enum fc_status st;
};

/*
 * Children of an XHTML element as HTML: local names (no prefixes, no
 * namespace declarations), attributes escaped, void elements as "<br />"
 * and others with an end tag, so the result is valid HTML and well-formed
 * XML.  href/src resolved against the element's base (xml:base applied
 * and, when resolving, dropped).
 */
static void ser_children(struct ser *s, const xmlNode *c, const char *base, unsigned depth)
{
    for (; c && s->st == FC_OK; c = c->next) {
        switch (c->type) {
        case XML_TEXT_NODE:
        case XML_CDATA_SECTION_NODE:
            if (c->content)
                esc_text(&s->b, (const char *)c->content, false);
            break;
        case XML_ENTITY_REF_NODE:
            fc_buf_printf(&s->b, "&%s;", (const char *)c->name);
            break;
        case XML_COMMENT_NODE:
            fc_buf_puts(&s->b, "<!--");
            fc_buf_puts(&s->b, c->content ? (const char *)c->content : "");
            fc_buf_puts(&s->b, "-->");
            break;
        case XML_ELEMENT_NODE: {
            if (depth > 512) {
                s->st = fc_fail(s->r->err, FC_ELIMIT, s->r->file, fc_xml_line(c), 0,
                                "XHTML nested too deeply");
                return;
            }
            const char *nb;
            s->st = elem_base(s->r, s->a, c, base, &nb);
            if (s->st)
                return;
            const char *name = (const char *)c->name;
            fc_buf_putc(&s->b, '<');
            fc_buf_puts(&s->b, name);
            for (const xmlAttr *at = c->properties; at; at = at->next) {
                const char *an = (const char *)at->name;
                bool xmlns = at->ns && streq((const char *)at->ns->href, FC_NS_XML);
                if (xmlns && strcmp(an, "base") == 0 && s->r->resolve)
                    continue;
                const char *v;
                s->st = fc_xml_attr(s->a, c, at->ns ? (const char *)at->ns->href : NULL, an, &v,
                                    s->r->err);
                if (s->st)
                    return;
                if (!at->ns && (strcmp(an, "href") == 0 || strcmp(an, "src") == 0) && v && *v &&
                    *v != '#') {
                    s->st = resolve_ref(s->r, s->a, nb, &v);
                    if (s->st)
                        return;
                }
                fc_buf_putc(&s->b, ' ');
                if (at->ns && at->ns->prefix) {
                    fc_buf_puts(&s->b, (const char *)at->ns->prefix);
                    fc_buf_putc(&s->b, ':');
                }
                fc_buf_puts(&s->b, an);
                fc_buf_puts(&s->b, "=\"");
                esc_text(&s->b, v ? v : "", true);
                fc_buf_putc(&s->b, '"');
            }
            if (!c->children && void_element(name)) {
                fc_buf_puts(&s->b, " />");
                break;
            }
            fc_buf_putc(&s->b, '>');
            ser_children(s, c->children, nb, depth + 1);
            fc_buf_puts(&s->b, "</");
            fc_buf_puts(&s->b, name);
            fc_buf_putc(&s->b, '>');
            break;
        }
        default:
            break; /* processing instructions */
        }
    }
}

/* The XHTML inside n (its xhtml:div wrapper removed when present). */
static enum fc_status xhtml_value(struct ar *r, struct fc_arena *a, const xmlNode *n,
                                  const char *base, const char **out)
{
    const xmlNode *div = fc_xml_first(n);
    const xmlNode *from = n;
    *out = NULL;
    if (div && fc_xml_is(div, FC_NS_XHTML, "div") && !fc_xml_next(div)) {
        enum fc_status st = elem_base(r, a, div, base, &base);
        if (st)
            return st;
        from = div;
    }
    struct ser s = {.r = r, .a = a};
    fc_buf_init(&s.b);
    ser_children(&s, from->children, base, 0);
    if (!s.st && s.b.oom)
        s.st = fc_nomem(r->err);
    if (!s.st) {
        size_t i = 0, e = s.b.len;
        while (i < e && is_space_c(s.b.data[i]))
            i++;
        while (e > i && is_space_c(s.b.data[e - 1]))
            e--;
        if (e > i && !(*out = fc_strdup(a, s.b.data + i, e - i)))
            s.st = fc_nomem(r->err);
    }
    fc_buf_free(&s.b);
    return s.st;
}

/* ---- Base64 (Atom 0.3 mode="base64") ------------------------------ */

static int b64_val(char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+' || c == '-')
        return 62;
    if (c == '/' || c == '_')
        return 63;
    return -1;
}

/* Decode s into the arena; NULL *out when it is not Base64 text. */
static enum fc_status b64_decode(struct ar *r, struct fc_arena *a, const char *s, const char **out)
{
    *out = NULL;
    struct fc_buf b;
    fc_buf_init(&b);
    unsigned acc = 0, bits = 0;
    for (; *s; s++) {
        if (is_space_c(*s) || *s == '=')
            continue;
        int v = b64_val(*s);
        if (v < 0) {
            fc_buf_free(&b);
            return FC_OK;
        }
        acc = (acc << 6) | (unsigned)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            fc_buf_putc(&b, (char)((acc >> bits) & 0xff));
        }
    }
    enum fc_status st = FC_OK;
    if (b.oom)
        st = fc_nomem(r->err);
    else if (b.len && fc_utf8_valid(b.data, b.len) && !(*out = fc_strdup(a, b.data, b.len)))
        st = fc_nomem(r->err);
    fc_buf_free(&b);
    return st;
}

/* ---- Text constructs ----------------------------------------------- */

enum tkind { TK_TEXT, TK_HTML, TK_XHTML, TK_OTHER };

/* The kind of a text construct / content from its type (and 0.3 mode). */
static enum tkind text_kind(const char *type)
{
    if (!type || strcmp(type, "text") == 0 || strcmp(type, "text/plain") == 0)
        return TK_TEXT;
    if (strcmp(type, "html") == 0 || strcmp(type, "text/html") == 0)
        return TK_HTML;
    if (strcmp(type, "xhtml") == 0 || strcmp(type, "application/xhtml+xml") == 0)
        return TK_XHTML;
    return TK_OTHER;
}

/*
 * Read a text construct or content element into (value, kind).  Atom 0.3
 * modes: escaped -> the text, base64 -> decoded, xml (default) -> markup
 * children serialised (XHTML) or the text.
 */
static enum fc_status read_textish(struct ar *r, struct fc_arena *a, const xmlNode *n,
                                   const char *base, enum tkind *kind, const char **value)
{
    const char *type, *mode = NULL, *b;
    enum fc_status st = fc_xml_attr(a, n, NULL, "type", &type, r->err);
    if (!st && r->v03)
        st = fc_xml_attr(a, n, NULL, "mode", &mode, r->err);
    if (!st)
        st = elem_base(r, a, n, base, &b);
    if (st)
        return st;
    *kind = text_kind(type);
    if (*kind == TK_OTHER)
        return text_of(r, a, n, value); /* callers that know media types look first */
    if (r->v03 && streq(mode, "base64")) {
        const char *raw;
        st = text_of(r, a, n, &raw);
        if (!st && raw) {
            st = b64_decode(r, a, raw, value);
            if (!st && !*value) {
                *value = raw;
                st = rwarn(r, n, "<%s mode=\"base64\"> is not valid Base64; kept as text",
                           (const char *)n->name);
            }
        }
    } else if (*kind == TK_XHTML || (*kind == TK_HTML && fc_xml_has_elements(n)) ||
               (r->v03 && !streq(mode, "escaped") && fc_xml_has_elements(n))) {
        /* xhtml; 0.3 mode="xml" markup; and type="html" whose markup was
         * left unescaped (seen in the wild): serialised as HTML */
        if (*kind == TK_TEXT)
            *kind = TK_XHTML;
        return xhtml_value(r, a, n, b, value);
    } else {
        st = text_of(r, a, n, value);
    }
    if (!st && *kind == TK_HTML)
        st = html_resolve(r, a, b, value);
    return st;
}

static enum fc_status read_text(struct ar *r, struct fc_arena *a, const xmlNode *n,
                                const char *base, struct fc_text *t)
{
    if (t->value)
        return rwarn(r, n, "second <%s> ignored", (const char *)n->name);
    enum tkind k;
    const char *v;
    enum fc_status st = read_textish(r, a, n, base, &k, &v);
    if (st)
        return st;
    if (k == TK_OTHER) {
        st = rwarn(r, n, "<%s> has an unknown type; read as text", (const char *)n->name);
        k = TK_TEXT;
    }
    t->value = v;
    t->type = k == TK_HTML ? FC_HTML : k == TK_XHTML ? FC_XHTML : FC_TEXT;
    return st;
}

/* ---- Dates --------------------------------------------------------- */

static enum fc_status read_date(struct ar *r, struct fc_arena *a, const xmlNode *n,
                                struct fc_time *t)
{
    if (fc_time_present(t))
        return rwarn(r, n, "second <%s> ignored", (const char *)n->name);
    const char *s, *prec, *zone;
    enum fc_status st = text_of(r, a, n, &s);
    if (!st)
        st = fc_xml_attr(a, n, FC_NS, "precision", &prec, r->err);
    if (!st)
        st = fc_xml_attr(a, n, FC_NS, "zone", &zone, r->err);
    if (st || !s)
        return st;
    st = fc_time_parse_keep(a, s, t);
    if (st == FC_EPARSE)
        return rwarn(r, n, "<%s> \"%s\" is not a date; kept as text", (const char *)n->name, s);
    if (st)
        return fc_nomem(r->err);
    for (int p = FC_TIME_YEAR; p <= FC_TIME_MINUTE; p++)
        if (streq(prec, precision_names[p]) && t->precision > p)
            t->precision = (unsigned char)p;
    if (streq(zone, "floating")) {
        t->zone = FC_ZONE_NONE;
        t->offset = 0;
    }
    return FC_OK;
}

static enum fc_status read_raw_date(struct ar *r, struct fc_arena *a, const xmlNode *n,
                                    struct fc_time *t)
{
    const char *s;
    enum fc_status st = text_of(r, a, n, &s);
    if (st || !s)
        return st;
    memset(t, 0, sizeof *t);
    t->raw = s;
    return FC_OK;
}

/* ---- Persons, categories, generator -------------------------------- */

static enum fc_status read_person(struct ar *r, struct fc_arena *a, const xmlNode *n,
                                  const char *base, struct fc_list *list)
{
    const char *b, *synth;
    enum fc_status st = elem_base(r, a, n, base, &b);
    if (!st)
        st = fc_xml_attr(a, n, FC_NS, "synthetic", &synth, r->err);
    if (st || streq(synth, "true"))
        return st;
    struct fc_person *p = fc_list_add(a, list, sizeof *p);
    if (!p)
        return fc_nomem(r->err);
    for (const xmlNode *c = fc_xml_first(n); c && !st; c = fc_xml_next(c)) {
        if (is_a(r, c, "name"))
            st = text_of(r, a, c, &p->name);
        else if (is_a(r, c, "email") || fc_xml_is(c, FC_NS, "email"))
            st = text_of(r, a, c, &p->email);
        else if (is_a2(r, c, "uri", "url"))
            st = uri_of(r, a, c, b, &p->url);
        else if (fc_xml_is(c, FC_NS, "avatar"))
            st = uri_of(r, a, c, b, &p->avatar);
        else
            st = rwarn(r, c, "<%s> in a person has no place in the model; dropped",
                       (const char *)c->name);
    }
    if (!st && streq(synth, "name"))
        p->name = NULL;
    return st;
}

static enum fc_status read_category(struct ar *r, struct fc_arena *a, const xmlNode *n,
                                    struct fc_list *list)
{
    struct fc_tag *t = fc_list_add(a, list, sizeof *t);
    if (!t)
        return fc_nomem(r->err);
    enum fc_status st = fc_xml_attr(a, n, NULL, "term", &t->term, r->err);
    if (!st)
        st = fc_xml_attr(a, n, NULL, "scheme", &t->scheme, r->err);
    if (!st)
        st = fc_xml_attr(a, n, NULL, "label", &t->label, r->err);
    if (!st && !t->term && r->v03) /* 0.3 had dc:subject; some wrote text */
        st = text_of(r, a, n, &t->term);
    return st;
}

static enum fc_status read_generator(struct ar *r, struct fc_arena *a, const xmlNode *n,
                                     const char *base, struct fc_generator *g)
{
    enum fc_status st = text_of(r, a, n, &g->name);
    if (!st)
        st = fc_xml_attr(a, n, NULL, r->v03 ? "url" : "uri", &g->uri, r->err);
    if (!st)
        st = fc_xml_attr(a, n, NULL, "version", &g->version, r->err);
    if (!st)
        st = resolve_ref(r, a, base, &g->uri);
    return st;
}

/* ---- Links ---------------------------------------------------------- */

static enum fc_status read_link_attrs(struct ar *r, struct fc_arena *a, const xmlNode *n,
                                      const char *base, struct rlink *l)
{
    const char *b;
    memset(l, 0, sizeof *l);
    l->len = -1;
    enum fc_status st = elem_base(r, a, n, base, &b);
    struct {
        const char *ns, *name;
        const char **out;
    } want[] = {
        {NULL, "href", &l->href},     {NULL, "rel", &l->rel},
        {NULL, "type", &l->type},     {NULL, "hreflang", &l->hreflang},
        {NULL, "title", &l->title},   {NULL, "length", &l->length},
        {NS_THR, "count", &l->count}, {FC_NS, "duration", &l->duration},
        {FC_NS, "type", &l->fctype},
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0] && !st; i++)
        st = fc_xml_attr(a, n, want[i].ns, want[i].name, want[i].out, r->err);
    if (st)
        return st;
    for (const xmlAttr *at = n->properties; at && !st; at = at->next) {
        const char *ns = at->ns ? (const char *)at->ns->href : NULL;
        bool known = streq(ns, FC_NS_XML) || streq(ns, FC_NS);
        for (size_t i = 0; i < sizeof want / sizeof want[0] && !known; i++)
            known = streq((const char *)at->name, want[i].name) &&
                    ((!ns && !want[i].ns) || streq(ns, want[i].ns));
        if (!known)
            st = rwarn(r, n, "link attribute %s%s%s has no place in the model; dropped",
                       ns ? ns : "", ns ? " " : "", (const char *)at->name);
    }
    if (!st && fc_xml_first(n))
        st = rwarn(r, n, "child elements of <link> have no place in the model; dropped");
    if (!st && !l->rel)
        l->rel = "alternate";
    /* RFC 4287 4.2.7.2: the IANA registry IRI means the short name */
    static const char iana[] = "http://www.iana.org/assignments/relation/";
    if (!st && strncmp(l->rel, iana, sizeof iana - 1) == 0 && l->rel[sizeof iana - 1])
        l->rel += sizeof iana - 1;
    if (!st && l->type == NULL && l->fctype)
        l->type = l->fctype;
    if (!st && l->length && !fc_parse_int(l->length, 0, INT64_MAX, &l->len))
        st = rwarn(r, n, "link length \"%s\" is not a number; dropped", l->length);
    if (!st)
        st = resolve_ref(r, a, b, &l->href);
    if (!st && !l->href)
        st = rwarn(r, n, "<link> without href ignored");
    return st;
}

static enum fc_status keep_link(struct ar *r, struct fc_arena *a, struct fc_list *links,
                                const struct rlink *l)
{
    struct fc_link *k = fc_list_add(a, links, sizeof *k);
    if (!k)
        return fc_nomem(r->err);
    k->href = l->href;
    k->rel = l->rel;
    k->type = l->type;
    k->hreflang = l->hreflang;
    k->title = l->title;
    k->length = l->len;
    return FC_OK;
}

/* True when a link mapped to a named field carries more than the writer
 * would write back for that field (`type` is what it writes). */
static bool link_has_more(const struct rlink *l, const char *type)
{
    if (l->hreflang || l->title || l->len >= 0)
        return true;
    return l->type && !streq(l->type, type);
}

/* Index of the preferred alternate link among n's children. */
static const xmlNode *pick_alternate(struct ar *r, const xmlNode *n)
{
    const xmlNode *first = NULL;
    for (const xmlNode *c = fc_xml_first(n); c; c = fc_xml_next(c)) {
        if (!is_a(r, c, "link"))
            continue;
        xmlChar *rel = xmlGetNoNsProp(c, BAD_CAST "rel");
        xmlChar *type = xmlGetNoNsProp(c, BAD_CAST "type");
        xmlChar *href = xmlGetNoNsProp(c, BAD_CAST "href");
        bool alt = href && (!rel || strcmp((const char *)rel, "alternate") == 0);
        bool html = !type || strcmp((const char *)type, "text/html") == 0 ||
                    strcmp((const char *)type, "application/xhtml+xml") == 0;
        xmlFree(rel);
        xmlFree(type);
        xmlFree(href);
        if (alt && html)
            return c;
        if (alt && !first)
            first = c;
    }
    return first;
}

/* ---- Extensions ---------------------------------------------------- */

static enum fc_status read_ext(struct ar *r, struct fc_arena *a, const xmlNode *n,
                               struct fc_list *exts)
{
    return fc_xml_to_ext(a, exts, n, "atom", NULL, r->err);
}

/* fc:json: a JSON-kind extension carried as text. */
static enum fc_status read_json_ext(struct ar *r, struct fc_arena *a, const xmlNode *n,
                                    struct fc_list *exts)
{
    const char *name, *origin, *value;
    enum fc_status st = fc_xml_attr(a, n, NULL, "name", &name, r->err);
    if (!st)
        st = fc_xml_attr(a, n, NULL, "origin", &origin, r->err);
    if (!st)
        st = text_of(r, a, n, &value);
    if (st)
        return st;
    if (!name || !value)
        return rwarn(r, n, "<fc:json> without name or value ignored");
    struct fc_ext *e = fc_list_add(a, exts, sizeof *e);
    if (!e)
        return fc_nomem(r->err);
    e->kind = FC_EXT_JSON;
    e->origin = origin ? origin : "jsonfeed";
    e->name = name;
    e->value = value;
    return FC_OK;
}

static enum fc_status parse_count(struct ar *r, const xmlNode *n, const char *s, int64_t *out)
{
    if (s && !fc_parse_int(s, 0, INT64_MAX, out))
        return rwarn(r, n, "count \"%s\" is not a number; dropped", s);
    return FC_OK;
}

/* ---- Entry ---------------------------------------------------------- */

struct entry_state {
    int64_t thr_count; /* from a replies link, when no thr:total */
    int64_t thr_total;
    const xmlNode *alt;
};

static enum fc_status entry_link(struct ar *r, struct fc_post *p, const xmlNode *n,
                                 const char *base, struct entry_state *es)
{
    struct fc_arena *a = p->arena;
    struct rlink l;
    enum fc_status st = read_link_attrs(r, a, n, base, &l);
    if (st || !l.href)
        return st;
    bool more = true;
    if (n == es->alt) {
        p->url = l.href;
        more = link_has_more(&l, "text/html");
    } else if (strcmp(l.rel, "enclosure") == 0) {
        struct fc_media *m = fc_list_add(a, &p->attachments, sizeof *m);
        if (!m)
            return fc_nomem(r->err);
        m->url = l.href;
        m->type = l.type;
        m->length = l.len;
        m->title = l.title;
        m->duration = -1;
        if (l.duration) {
            int64_t d;
            if (fc_parse_int(l.duration, 0, INT64_MAX, &d))
                m->duration = (double)d;
            else
                st = rwarn(r, n, "fc:duration \"%s\" is not a number; dropped", l.duration);
        }
        more = l.hreflang != NULL;
    } else if (strcmp(l.rel, "related") == 0 && !p->external_url) {
        p->external_url = l.href;
        more = link_has_more(&l, NULL);
    } else if (strcmp(l.rel, "replies") == 0) {
        bool html = streq(l.type, "text/html");
        if (html && !p->comments_url) {
            p->comments_url = l.href;
            more = link_has_more(&l, "text/html");
        } else if (!html && !p->comments_feed) {
            p->comments_feed = l.href;
            more = link_has_more(&l, NULL);
        }
        int64_t c = -1;
        if (!st)
            st = parse_count(r, n, l.count, &c);
        if (c >= 0 && es->thr_count < 0)
            es->thr_count = c;
    }
    if (!st && more)
        st = keep_link(r, a, &p->links, &l);
    return st;
}

static enum fc_status read_content(struct ar *r, struct fc_post *p, const xmlNode *n,
                                   const char *base)
{
    struct fc_arena *a = p->arena;
    if (p->content_html || p->content_text || p->content_src)
        return rwarn(r, n, "second <content> ignored");
    const char *type, *src, *b;
    enum fc_status st = fc_xml_attr(a, n, NULL, "type", &type, r->err);
    if (!st)
        st = fc_xml_attr(a, n, NULL, "src", &src, r->err);
    if (!st)
        st = elem_base(r, a, n, base, &b);
    if (st)
        return st;
    if (src) {
        p->content_src = src;
        p->content_type = type;
        return resolve_ref(r, a, b, &p->content_src);
    }
    enum tkind k = text_kind(type);
    if (k == TK_OTHER) {
        p->content_type = type;
        if (xml_media(type) && fc_xml_has_elements(n))
            return fc_xml_inner(a, n, &p->content_text, r->err);
        return text_of(r, a, n, &p->content_text);
    }
    const char *v;
    st = read_textish(r, a, n, base, &k, &v);
    if (st)
        return st;
    if (k == TK_TEXT)
        p->content_text = v;
    else
        p->content_html = v;
    return FC_OK;
}

static enum fc_status read_source(struct ar *r, struct fc_post *p, const xmlNode *n,
                                  const char *base)
{
    struct fc_arena *a = p->arena;
    struct fc_source *s = fc_alloc(a, sizeof *s);
    if (!s)
        return fc_nomem(r->err);
    p->source = s;
    const char *b;
    enum fc_status st = elem_base(r, a, n, base, &b);
    const xmlNode *alt = pick_alternate(r, n);
    struct fc_text title = {0};
    for (const xmlNode *c = fc_xml_first(n); c && !st; c = fc_xml_next(c)) {
        if (is_a(r, c, "id")) {
            st = uri_of(r, a, c, b, &s->id);
        } else if (is_a(r, c, "title")) {
            st = read_text(r, a, c, b, &title);
            s->title = title.value;
        } else if (is_a2(r, c, "updated", "modified")) {
            st = read_date(r, a, c, &s->updated);
        } else if (is_a(r, c, "link")) {
            struct rlink l;
            st = read_link_attrs(r, a, c, b, &l);
            if (!st && l.href && c == alt)
                s->home_url = l.href;
            else if (!st && l.href && strcmp(l.rel, "self") == 0 && !s->url)
                s->url = l.href;
            else if (!st && l.href)
                st = rwarn(r, c, "<source> link rel=\"%s\" has no place in the model; dropped",
                           l.rel);
        } else {
            st = rwarn(r, c, "<source> child <%s> has no place in the model; dropped",
                       (const char *)c->name);
        }
    }
    return st;
}

/* fc: elements at entry level; false when unknown. */
static enum fc_status entry_fc(struct ar *r, struct fc_post *p, const xmlNode *c, const char *base,
                               bool *known)
{
    struct fc_arena *a = p->arena;
    *known = true;
    if (fc_xml_is(c, FC_NS, "slug"))
        return text_of(r, a, c, &p->slug);
    if (fc_xml_is(c, FC_NS, "image"))
        return uri_of(r, a, c, base, &p->image);
    if (fc_xml_is(c, FC_NS, "bannerImage"))
        return uri_of(r, a, c, base, &p->banner_image);
    if (fc_xml_is(c, FC_NS, "contentText"))
        return text_of(r, a, c, &p->content_text);
    if (fc_xml_is(c, FC_NS, "language"))
        return text_of(r, a, c, &p->language);
    if (fc_xml_is(c, FC_NS, "rawPublished"))
        return read_raw_date(r, a, c, &p->published);
    if (fc_xml_is(c, FC_NS, "rawUpdated"))
        return read_raw_date(r, a, c, &p->updated);
    if (fc_xml_is(c, FC_NS, "json"))
        return read_json_ext(r, a, c, &p->exts);
    *known = false;
    return FC_OK;
}

static enum fc_status entry_child(struct ar *r, struct fc_post *p, const xmlNode *c,
                                  const char *base, struct entry_state *es)
{
    struct fc_arena *a = p->arena;
    bool known;
    if (is_synthetic(c))
        return FC_OK;
    if (is_a(r, c, "id")) {
        if (p->id)
            return rwarn(r, c, "second <id> ignored");
        const char *perma;
        enum fc_status st = uri_of(r, a, c, base, &p->id);
        if (!st)
            st = fc_xml_attr(a, c, FC_NS, "isPermaLink", &perma, r->err);
        if (!st && perma)
            p->id_is_permalink = strcmp(perma, "true") == 0;
        return st;
    }
    if (is_a(r, c, "title"))
        return read_text(r, a, c, base, &p->title);
    if (is_a(r, c, "summary"))
        return read_text(r, a, c, base, &p->summary);
    if (is_a2(r, c, "rights", "copyright"))
        return read_text(r, a, c, base, &p->rights);
    if (is_a(r, c, "content"))
        return read_content(r, p, c, base);
    if (is_a2(r, c, "published", "issued"))
        return read_date(r, a, c, &p->published);
    if (is_a2(r, c, "updated", "modified"))
        return read_date(r, a, c, &p->updated);
    if (is_a(r, c, "author"))
        return read_person(r, a, c, base, &p->authors);
    if (is_a(r, c, "contributor"))
        return read_person(r, a, c, base, &p->contributors);
    if (is_a(r, c, "category"))
        return read_category(r, a, c, &p->categories);
    if (is_a(r, c, "link"))
        return entry_link(r, p, c, base, es);
    if (is_a(r, c, "source"))
        return read_source(r, p, c, base);
    if (fc_xml_is(c, NS_THR, "total")) {
        const char *s;
        enum fc_status st = text_of(r, a, c, &s);
        return st ? st : parse_count(r, c, s, &es->thr_total);
    }
    if (fc_xml_is(c, FC_NS_SLASH, "comments") && p->comment_count < 0 && es->thr_total < 0) {
        const char *s;
        enum fc_status st = text_of(r, a, c, &s);
        return st ? st : parse_count(r, c, s, &es->thr_total);
    }
    if (fc_xml_is(c, FC_NS_WFW, "commentRss") && !p->comments_feed)
        return uri_of(r, a, c, base, &p->comments_feed);
    if (fc_xml_is(c, NS_APP, "control")) {
        /* app:draft -> draft; anything else in app:control keeps the whole
         * element as an extension (the writer then writes only that) */
        bool other = false;
        for (const xmlNode *d = fc_xml_first(c); d; d = fc_xml_next(d)) {
            if (!fc_xml_is(d, NS_APP, "draft")) {
                other = true;
                continue;
            }
            const char *s;
            enum fc_status st = text_of(r, a, d, &s);
            if (st)
                return st;
            p->draft = streq(s, "yes");
        }
        return other ? read_ext(r, a, c, &p->exts) : FC_OK;
    }
    enum fc_status st = entry_fc(r, p, c, base, &known);
    if (st || known)
        return st;
    if (fc_xml_ns(c) && streq(fc_xml_ns(c), r->ns) && !r->v03) {
        st = rwarn(r, c, "<%s> is not an Atom 1.0 entry element; kept as an extension",
                   (const char *)c->name);
        if (st)
            return st;
    }
    return read_ext(r, a, c, &p->exts);
}

static enum fc_status build_post(struct ar *r, const xmlNode *n, struct fc_post **out)
{
    struct fc_post *p = fc_post_new();
    *out = p;
    if (!p)
        return fc_nomem(r->err);
    p->line = fc_xml_line(n);
    struct fc_arena *a = p->arena;
    const char *base, *own_base, *lang;
    enum fc_status st = fc_xml_attr(a, n, FC_NS_XML, "base", &own_base, r->err);
    if (!st)
        st = elem_base(r, a, n, r->feed_base, &base);
    if (!st)
        st = fc_xml_attr(a, n, FC_NS_XML, "lang", &lang, r->err);
    if (st)
        return st;
    if (own_base)
        p->base = base;
    if (lang && *lang)
        p->language = lang;
    struct entry_state es = {.thr_count = -1, .thr_total = -1, .alt = pick_alternate(r, n)};
    for (const xmlNode *c = fc_xml_first(n); c && !st; c = fc_xml_next(c))
        st = entry_child(r, p, c, base, &es);
    if (!st && es.thr_total >= 0 && es.thr_count >= 0 && es.thr_total != es.thr_count)
        st = rwarn(r, n, "replies link thr:count %lld differs from thr:total %lld; the total kept",
                   (long long)es.thr_count, (long long)es.thr_total);
    if (!st)
        p->comment_count = es.thr_total >= 0 ? es.thr_total : es.thr_count;
    return st;
}

/* ---- Feed ----------------------------------------------------------- */

static enum fc_status set_int(struct ar *r, const xmlNode *n, const char *s, int64_t min,
                              int64_t max, int *out)
{
    int64_t v;
    if (!s)
        return FC_OK;
    if (!fc_parse_int(s, min, max, &v))
        return rwarn(r, n, "<%s> \"%s\" is not a number; dropped", (const char *)n->name, s);
    *out = (int)v;
    return FC_OK;
}

static enum fc_status read_fc_person(struct ar *r, struct fc_arena *a, const xmlNode *n,
                                     struct fc_person *p)
{
    enum fc_status st = fc_xml_attr(a, n, NULL, "name", &p->name, r->err);
    if (!st)
        st = fc_xml_attr(a, n, NULL, "email", &p->email, r->err);
    if (!st)
        st = fc_xml_attr(a, n, NULL, "uri", &p->url, r->err);
    if (!st)
        st = fc_xml_attr(a, n, NULL, "avatar", &p->avatar, r->err);
    return st;
}

static enum fc_status read_skip(struct ar *r, struct fc_arena *a, const xmlNode *n, bool days)
{
    const char *s;
    enum fc_status st = text_of(r, a, n, &s);
    for (const char *p = s; !st && p && *p;) {
        while (*p && is_space_c(*p))
            p++;
        const char *e = p;
        while (*e && !is_space_c(*e))
            e++;
        if (e == p)
            break;
        bool ok = false;
        if (days) {
            for (int d = 0; d < 7; d++)
                if ((size_t)(e - p) == strlen(day_names[d]) &&
                    fc_strncasecmp(p, day_names[d], (size_t)(e - p)) == 0) {
                    r->feed->skip_days |= (uint8_t)(1u << d);
                    ok = true;
                }
        } else {
            int h = 0;
            const char *q = p;
            for (; q < e && *q >= '0' && *q <= '9' && h < 100; q++)
                h = h * 10 + (*q - '0');
            if (q == e && h < 24) {
                r->feed->skip_hours |= (uint32_t)1u << h;
                ok = true;
            }
        }
        if (!ok)
            st = rwarn(r, n, "<%s> entry \"%.*s\" not understood; dropped", (const char *)n->name,
                       (int)(e - p), p);
        p = e;
    }
    return st;
}

static enum fc_status feed_fc(struct ar *r, const xmlNode *c, const char *base, bool *known)
{
    struct fc_feed *f = r->feed;
    struct fc_arena *a = f->arena;
    const char *s = NULL;
    enum fc_status st = FC_OK;
    *known = true;
    if (fc_xml_is(c, FC_NS, "published"))
        return read_date(r, a, c, &f->published);
    if (fc_xml_is(c, FC_NS, "rawPublished"))
        return read_raw_date(r, a, c, &f->published);
    if (fc_xml_is(c, FC_NS, "rawUpdated"))
        return read_raw_date(r, a, c, &f->updated);
    if (fc_xml_is(c, FC_NS, "ttl")) {
        st = text_of(r, a, c, &s);
        return st ? st : set_int(r, c, s, 0, INT32_MAX, &f->ttl);
    }
    if (fc_xml_is(c, FC_NS, "docs"))
        return uri_of(r, a, c, base, &f->docs);
    if (fc_xml_is(c, FC_NS, "rating"))
        return text_of(r, a, c, &f->rating);
    if (fc_xml_is(c, FC_NS, "description"))
        return text_of(r, a, c, &f->description_text);
    if (fc_xml_is(c, FC_NS, "userComment"))
        return text_of(r, a, c, &f->user_comment);
    if (fc_xml_is(c, FC_NS, "language"))
        return text_of(r, a, c, &f->language);
    if (fc_xml_is(c, FC_NS, "expired")) {
        st = text_of(r, a, c, &s);
        if (!st && s)
            f->expired = strcmp(s, "true") == 0;
        return st;
    }
    if (fc_xml_is(c, FC_NS, "skipHours"))
        return read_skip(r, a, c, false);
    if (fc_xml_is(c, FC_NS, "skipDays"))
        return read_skip(r, a, c, true);
    if (fc_xml_is(c, FC_NS, "cloud")) {
        struct fc_cloud *cl = &f->cloud;
        st = fc_xml_attr(a, c, NULL, "domain", &cl->domain, r->err);
        if (!st)
            st = fc_xml_attr(a, c, NULL, "path", &cl->path, r->err);
        if (!st)
            st = fc_xml_attr(a, c, NULL, "procedure", &cl->procedure, r->err);
        if (!st)
            st = fc_xml_attr(a, c, NULL, "protocol", &cl->protocol, r->err);
        if (!st)
            st = fc_xml_attr(a, c, NULL, "port", &s, r->err);
        return st ? st : set_int(r, c, s, 0, 65535, &cl->port);
    }
    if (fc_xml_is(c, FC_NS, "textInput")) {
        struct fc_text_input *ti = &f->text_input;
        st = fc_xml_attr(a, c, NULL, "title", &ti->title, r->err);
        if (!st)
            st = fc_xml_attr(a, c, NULL, "description", &ti->description, r->err);
        if (!st)
            st = fc_xml_attr(a, c, NULL, "name", &ti->name, r->err);
        if (!st)
            st = fc_xml_attr(a, c, NULL, "link", &ti->link, r->err);
        return st;
    }
    if (fc_xml_is(c, FC_NS, "image")) {
        struct fc_image *im = &f->image;
        const char *w = NULL, *h = NULL;
        st = fc_xml_attr(a, c, NULL, "title", &im->title, r->err);
        if (!st)
            st = fc_xml_attr(a, c, NULL, "link", &im->link, r->err);
        if (!st)
            st = fc_xml_attr(a, c, NULL, "description", &im->description, r->err);
        if (!st)
            st = fc_xml_attr(a, c, NULL, "width", &w, r->err);
        if (!st)
            st = fc_xml_attr(a, c, NULL, "height", &h, r->err);
        if (!st)
            st = set_int(r, c, w, 0, INT32_MAX, &im->width);
        if (!st)
            st = set_int(r, c, h, 0, INT32_MAX, &im->height);
        return st;
    }
    if (fc_xml_is(c, FC_NS, "editor"))
        return read_fc_person(r, a, c, &f->editor);
    if (fc_xml_is(c, FC_NS, "webmaster"))
        return read_fc_person(r, a, c, &f->webmaster);
    if (fc_xml_is(c, FC_NS, "json"))
        return read_json_ext(r, a, c, &f->exts);
    *known = false;
    return FC_OK;
}

/* Feed links arrive one at a time (streaming), so the preferred alternate
 * (text/html or untyped, else the first) may replace an earlier one, which
 * then moves to `links`. */
static enum fc_status feed_link(struct ar *r, const xmlNode *n, const char *base)
{
    struct fc_feed *f = r->feed;
    struct fc_arena *a = f->arena;
    struct rlink l;
    enum fc_status st = read_link_attrs(r, a, n, base, &l);
    if (st || !l.href)
        return st;
    bool more = true;
    bool html = !l.type || streq(l.type, "text/html") || streq(l.type, "application/xhtml+xml");
    if (strcmp(l.rel, "alternate") == 0 && (!f->home_url || (html && !r->home_html))) {
        if (f->home_url && !r->home_kept && (st = keep_link(r, a, &f->links, &r->home)))
            return st;
        f->home_url = l.href;
        r->home = l;
        r->home_html = html;
        more = r->home_kept = link_has_more(&l, "text/html");
    } else if (strcmp(l.rel, "self") == 0 && !f->feed_url) {
        f->feed_url = l.href;
        more = link_has_more(&l, "application/atom+xml");
    } else if (strcmp(l.rel, "next") == 0 && !f->next_url) {
        f->next_url = l.href;
        more = link_has_more(&l, NULL);
    } else if (strcmp(l.rel, "hub") == 0) {
        struct fc_hub *hb = fc_list_add(a, &f->hubs, sizeof *hb);
        if (!hb)
            return fc_nomem(r->err);
        hb->url = l.href;
        hb->type = l.type;
        more = l.hreflang || l.title || l.len >= 0;
    }
    return more ? keep_link(r, a, &f->links, &l) : FC_OK;
}

static enum fc_status feed_child(struct ar *r, const xmlNode *c)
{
    struct fc_feed *f = r->feed;
    struct fc_arena *a = f->arena;
    const char *base = r->feed_base;
    bool known;
    if (is_synthetic(c))
        return FC_OK;
    if (is_a(r, c, "id"))
        return f->id ? rwarn(r, c, "second <id> ignored") : uri_of(r, a, c, base, &f->id);
    if (is_a(r, c, "title"))
        return read_text(r, a, c, base, &f->title);
    if (is_a2(r, c, "subtitle", "tagline"))
        return read_text(r, a, c, base, &f->subtitle);
    if (is_a2(r, c, "rights", "copyright"))
        return read_text(r, a, c, base, &f->rights);
    if (is_a2(r, c, "updated", "modified"))
        return read_date(r, a, c, &f->updated);
    if (is_a(r, c, "generator"))
        return read_generator(r, a, c, base, &f->generator);
    if (is_a(r, c, "icon"))
        return uri_of(r, a, c, base, &f->icon);
    if (is_a(r, c, "logo"))
        return uri_of(r, a, c, base, &f->image.url);
    if (is_a(r, c, "author"))
        return read_person(r, a, c, base, &f->authors);
    if (is_a(r, c, "contributor"))
        return read_person(r, a, c, base, &f->contributors);
    if (is_a(r, c, "category"))
        return read_category(r, a, c, &f->categories);
    if (is_a(r, c, "link"))
        return feed_link(r, c, base);
    enum fc_status st = feed_fc(r, c, base, &known);
    if (st || known)
        return st;
    if (streq(fc_xml_ns(c), r->ns) && !r->v03) {
        st = rwarn(r, c, "<%s> is not an Atom 1.0 feed element; kept as an extension",
                   (const char *)c->name);
        if (st)
            return st;
    }
    return read_ext(r, a, c, &f->exts);
}

static enum fc_status emit_post(struct ar *r, const xmlNode *n)
{
    enum fc_status st = FC_OK;
    if (!r->begun) {
        r->begun = true;
        st = r->h->begin(r->h->ctx, r->feed, r->err);
        if (st)
            return st;
    }
    struct fc_post *p;
    st = build_post(r, n, &p);
    if (!st)
        st = r->h->post(r->h->ctx, r->feed, p, r->err);
    fc_post_free(p);
    return st;
}

/* The feed element's own attributes. */
static enum fc_status root_attrs(struct ar *r)
{
    struct fc_feed *f = r->feed;
    const char *base, *lang;
    enum fc_status st = fc_xr_attr(&r->x, f->arena, FC_NS_XML, "base", &base, r->err);
    if (!st)
        st = fc_xr_attr(&r->x, f->arena, FC_NS_XML, "lang", &lang, r->err);
    if (st)
        return st;
    if (base) {
        f->base = base;
        r->feed_base = base; /* the document's own URI is unknown */
    }
    if (lang && *lang)
        f->language = lang;
    return FC_OK;
}

/* The root element: Atom 1.0 or 0.3, feed or entry; else FC_EFORMAT. */
static enum fc_status check_root(struct ar *r, bool *is_entry)
{
    const char *ns = fc_xr_ns(&r->x), *name = fc_xr_name(&r->x);
    unsigned long line = fc_xr_line(&r->x);
    *is_entry = streq(name, "entry");
    if (streq(ns, FC_NS_ATOM) && (streq(name, "feed") || *is_entry)) {
        r->ns = FC_NS_ATOM;
        r->feed->format = "atom 1.0";
    } else if (streq(ns, NS_ATOM03) && (streq(name, "feed") || *is_entry)) {
        r->ns = NS_ATOM03;
        r->v03 = true;
        r->feed->format = "atom 0.3";
    } else if (streq(name, "feed") && !ns) {
        return fc_fail(r->err, FC_EFORMAT, r->file, line, 0,
                       "not an Atom document: <feed> has no namespace (Atom 1.0 uses "
                       "xmlns=\"%s\")",
                       FC_NS_ATOM);
    } else {
        return fc_fail(r->err, FC_EFORMAT, r->file, line, 0,
                       "not an Atom document: the root element is <%s>%s%s%s", name ? name : "?",
                       ns ? " in namespace \"" : "", ns ? ns : "", ns ? "\"" : "");
    }
    return FC_OK;
}

/* Walk the feed's children: expand each, map it, skip past it. */
static enum fc_status read_feed_body(struct ar *r)
{
    bool more = true;
    enum fc_status st = FC_OK;
    if (xmlTextReaderIsEmptyElement(r->x.r))
        return FC_OK;
    st = fc_xr_read(&r->x, &more, r->err);
    while (!st && more) {
        int type = fc_xr_type(&r->x), depth = fc_xr_depth(&r->x);
        if (depth == 0 && type == XML_READER_TYPE_END_ELEMENT)
            return FC_OK;
        if (depth != 1 || type != XML_READER_TYPE_ELEMENT) {
            st = fc_xr_read(&r->x, &more, r->err);
            continue;
        }
        xmlNode *n;
        st = fc_xr_expand(&r->x, &n, r->err);
        if (st)
            return st;
        if (is_a(r, n, "entry")) {
            st = emit_post(r, n);
        } else {
            if (r->begun) {
                st = rwarn(r, n, "feed element <%s> after the first entry", (const char *)n->name);
                if (st)
                    return st;
            }
            st = feed_child(r, n);
        }
        if (!st)
            st = fc_xr_next(&r->x, &more, r->err);
    }
    return st;
}

static enum fc_status atom_read(struct fc_input *in, struct fc_handler *out,
                                const struct fc_options *opt, struct fc_error *err)
{
    struct fc_options def;
    if (!opt) {
        fc_options_init(&def);
        opt = &def;
    }
    struct ar r = {.opt = opt, .err = err, .h = out};
    r.resolve = !(opt->flags & FC_OPT_NO_XML_BASE);
    enum fc_status st = fc_xr_open(&r.x, in, opt, err);
    bool more = true, is_entry = false;
    r.file = r.x.file;
    while (!st && more) {
        st = fc_xr_read(&r.x, &more, err);
        if (!st && more && fc_xr_type(&r.x) == XML_READER_TYPE_ELEMENT)
            break;
    }
    if (!st && !more)
        st = fc_fail(err, FC_EFORMAT, r.file, 0, 0, "not an Atom document: no root element");
    if (!st && !(r.feed = fc_feed_new()))
        st = fc_nomem(err);
    if (!st)
        st = check_root(&r, &is_entry);
    if (!st && !is_entry)
        st = root_attrs(&r);
    if (!st && is_entry) {
        xmlNode *n;
        st = fc_xr_expand(&r.x, &n, err);
        if (!st)
            st = emit_post(&r, n);
    } else if (!st) {
        st = read_feed_body(&r);
    }
    /* Read to the end: errors after the root (junk, truncation) count. */
    while (!st && more)
        st = fc_xr_read(&r.x, &more, err);
    if (!st && !r.begun) {
        r.begun = true;
        st = out->begin(out->ctx, r.feed, err);
    }
    if (!st)
        st = out->end(out->ctx, r.feed, err);
    fc_feed_free(r.feed);
    fc_xr_close(&r.x);
    return st;
}

/* ================================================================== */
/* Writer                                                              */

struct aw {
    struct fc_handler h;
    struct fc_output *out;
    struct fc_options opt;
    struct fc_buf main; /* the document, flushed as it goes */
    struct fc_buf ents; /* entries held back while the feed updated is unknown */
    struct fc_xw w;
    struct fc_arena *scratch;
    bool begun, deferred, feed_authors;
    const char *placeholder;     /* author name for entries without one */
    struct fc_time feed_updated; /* entries fall back on it */
    struct fc_time newest;       /* newest entry date, for a deferred feed updated */
    unsigned long posts;
    enum fc_status st; /* first warning failure (strict mode) */
    struct fc_error *err;
};

static void wwarn(struct aw *w, const char *fmt, ...) FC_PRINTF(2, 3);
static void wwarn(struct aw *w, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (w->st)
        return;
    if (w->posts)
        w->st = fc_warn(&w->opt, w->err, fc_out_name(w->out), 0, 0, "entry %lu: %s", w->posts, msg);
    else
        w->st = fc_warn(&w->opt, w->err, fc_out_name(w->out), 0, 0, "feed: %s", msg);
}

static void a_start(struct aw *w, const char *name)
{
    fc_xw_start_ns(&w->w, FC_NS_ATOM, NULL, name);
}

static void a_elem(struct aw *w, const char *name, const char *text)
{
    fc_xw_elem_ns(&w->w, FC_NS_ATOM, NULL, name, text);
}

static void x_elem(struct aw *w, const char *name, const char *text)
{
    fc_xw_elem_ns(&w->w, FC_NS, "fc", name, text);
}

static void x_attr(struct aw *w, const char *name, const char *value)
{
    fc_xw_attr_ns(&w->w, FC_NS, "fc", name, value);
}

static void synthetic(struct aw *w)
{
    x_attr(w, "synthetic", "true");
}

/* Well-formed (namespace-well-formed too) as element content?  XHTML
 * checks it under the XHTML default namespace. */
static bool xml_fragment_ok(struct aw *w, const char *s, bool xhtml)
{
    struct fc_buf b;
    fc_buf_init(&b);
    fc_buf_puts(&b, xhtml ? "<div xmlns=\"" FC_NS_XHTML "\">" : "<x>");
    fc_buf_puts(&b, s);
    fc_buf_puts(&b, xhtml ? "</div>" : "</x>");
    bool ok = false;
    xmlParserCtxtPtr ctxt = NULL;
    if (b.oom || b.len > INT32_MAX || !(ctxt = xmlNewParserCtxt())) {
        w->w.oom = true; /* reported by fc_xw_status */
    } else {
        xmlDocPtr doc =
            xmlCtxtReadMemory(ctxt, b.data, (int)b.len, NULL, "UTF-8",
                              XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
        ok = doc && ctxt->wellFormed && ctxt->nsWellFormed;
        xmlFreeDoc(doc);
        xmlFreeParserCtxt(ctxt);
    }
    fc_buf_free(&b);
    return ok;
}

static void put_text(struct aw *w, const char *name, const struct fc_text *t)
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
static void put_date_ns(struct aw *w, const char *ns, const char *prefix, const char *name,
                        const struct fc_time *t, bool synth)
{
    struct fc_time c = *t;
    const char *prec = NULL;
    bool floating = false;
    char buf[64];
    if (c.precision < FC_TIME_SECOND) {
        prec = precision_names[c.precision];
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
    if (fc_time_rfc3339(&c, buf, sizeof buf) == 0)
        memcpy(buf, EPOCH_TEXT, sizeof EPOCH_TEXT);
    fc_xw_start_ns(&w->w, ns, prefix, name);
    if (synth)
        synthetic(w);
    if (prec)
        x_attr(w, "precision", prec);
    if (floating)
        x_attr(w, "zone", "floating");
    fc_xw_text(&w->w, buf, (size_t)-1);
    fc_xw_end(&w->w);
}

static bool parsed(const struct fc_time *t)
{
    return t->precision != FC_TIME_NONE;
}

/* Optional date: parsed -> Atom (or fc) element, raw -> fc:raw<Name>. */
static void put_opt_date(struct aw *w, bool atom, const char *name, const char *raw_name,
                         const struct fc_time *t)
{
    if (parsed(t))
        put_date_ns(w, atom ? FC_NS_ATOM : FC_NS, atom ? NULL : "fc", name, t, false);
    else if (t->raw)
        x_elem(w, raw_name, t->raw);
}

static void put_epoch(struct aw *w, const char *name)
{
    a_start(w, name);
    synthetic(w);
    fc_xw_text(&w->w, EPOCH_TEXT, (size_t)-1);
    fc_xw_end(&w->w);
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
static void put_link_attrs(struct aw *w, const char *rel, const char *href, const char *type,
                           const char *hreflang, const char *title, int64_t length)
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

static void put_links(struct aw *w, const struct fc_list *links)
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
static void put_named_link(struct aw *w, const struct fc_list *links, const char *rel,
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

static void put_person(struct aw *w, const char *elem, const struct fc_person *p)
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

static void put_persons(struct aw *w, const char *elem, const struct fc_list *list)
{
    for (const struct fc_person *p = list->first; p; p = p->next)
        put_person(w, elem, p);
}

static void put_categories(struct aw *w, const struct fc_list *list)
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
        fc_xw_end(&w->w);
    }
}

static void put_exts(struct aw *w, const struct fc_list *exts)
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
        fc_xw_ext(&w->w, e);
    }
}

static void put_fc_person(struct aw *w, const char *elem, const struct fc_person *p)
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

static void put_int_attr(struct aw *w, const char *name, long long v)
{
    char n[32];
    if (v < 0)
        return;
    snprintf(n, sizeof n, "%lld", v);
    fc_xw_attr(&w->w, name, n);
}

/* Model fields Atom has no element for, in the feedconv namespace. */
static void put_feed_extras(struct aw *w, const struct fc_feed *f)
{
    char n[200];
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
    if (f->language && !lang_ok(f->language))
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
                len +=
                    (size_t)snprintf(n + len, sizeof n - len, "%s%s", len ? " " : "", day_names[d]);
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

static const char *plain_title(struct aw *w, const struct fc_text *t)
{
    if (!t->value)
        return NULL;
    if (t->type == FC_TEXT)
        return t->value;
    return fc_html_to_text(w->scratch, t->value);
}

static void put_feed_id(struct aw *w, const struct fc_feed *f)
{
    if (f->id) {
        a_elem(w, "id", f->id);
        return;
    }
    const char *id = f->feed_url ? f->feed_url : f->home_url;
    char *slug = NULL;
    if (!id) {
        const char *t = plain_title(w, &f->title);
        slug = fc_slugify(w->scratch, t ? t : "untitled", 64);
        if (!slug) {
            w->w.oom = true;
            return;
        }
    }
    a_start(w, "id");
    synthetic(w);
    if (!id)
        fc_xw_text(&w->w, TAG_PREFIX, (size_t)-1);
    fc_xw_text(&w->w, id ? id : slug, (size_t)-1);
    fc_xw_end(&w->w);
}

static void put_feed_head(struct aw *w, const struct fc_feed *f)
{
    fc_xw_decl(&w->w);
    fc_xw_start(&w->w, "feed");
    fc_xw_declare(&w->w, "", FC_NS_ATOM);
    fc_xw_declare(&w->w, "fc", FC_NS);
    fc_xw_declare(&w->w, "thr", NS_THR);
    for (const struct fc_ext *e = f->exts.first; e; e = e->next)
        fc_xw_declare_ext_ns(&w->w, e);
    if (f->language && lang_ok(f->language))
        fc_xw_attr(&w->w, "xml:lang", f->language);
    fc_xw_attr(&w->w, "xml:base", f->base);
    put_feed_id(w, f);
    if (f->title.value) {
        put_text(w, "title", &f->title);
    } else {
        a_start(w, "title");
        synthetic(w);
        fc_xw_end(&w->w);
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

static void put_entry_id(struct aw *w, const struct fc_post *p)
{
    if (p->id) {
        a_start(w, "id");
        if (p->id_is_permalink >= 0)
            x_attr(w, "isPermaLink", p->id_is_permalink ? "true" : "false");
        fc_xw_text(&w->w, p->id, (size_t)-1);
        fc_xw_end(&w->w);
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
    fc_xw_text(&w->w, id, (size_t)-1);
    fc_xw_end(&w->w);
}

/* Returns true when an atom:content was written. */
static bool put_content(struct aw *w, const struct fc_post *p, bool *need_summary)
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
    if (type && text_kind(type) == TK_OTHER && media_type_ok(type) && v) {
        a_start(w, "content");
        fc_xw_attr(&w->w, "type", type);
        if (xml_media(type) && xml_fragment_ok(w, v, false))
            fc_xw_raw(&w->w, v, (size_t)-1);
        else
            fc_xw_text(&w->w, v, (size_t)-1);
        fc_xw_end(&w->w);
        *need_summary = base64_media(type);
        if (p->content_text && p->content_html)
            wwarn(w, "HTML content beside %s content dropped", type);
        return true;
    }
    if (type && text_kind(type) == TK_OTHER)
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

static void put_source(struct aw *w, const struct fc_source *s)
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

static void put_entry_links(struct aw *w, const struct fc_post *p)
{
    put_named_link(w, &p->links, "alternate", p->url, "text/html", -1);
    put_named_link(w, &p->links, "related", p->external_url, NULL, -1);
    put_named_link(w, &p->links, "replies", p->comments_url, "text/html", p->comment_count);
    put_named_link(w, &p->links, "replies", p->comments_feed, NULL, p->comment_count);
    for (const struct fc_media *m = p->attachments.first; m; m = m->next) {
        if (!m->url || has_link(&p->links, "enclosure", m->url))
            continue;
        put_link_attrs(w, "enclosure", m->url, m->type, NULL, m->title, m->length);
        if (m->duration >= 0) {
            char n[48];
            snprintf(n, sizeof n, "%lld", (long long)(m->duration + 0.5));
            x_attr(w, "duration", n);
        }
        fc_xw_end(&w->w);
    }
    put_links(w, &p->links);
}

static void put_entry(struct aw *w, const struct fc_feed *f, const struct fc_post *p)
{
    a_start(w, "entry");
    if (p->language && lang_ok(p->language))
        fc_xw_attr(&w->w, "xml:lang", p->language);
    fc_xw_attr(&w->w, "xml:base", p->base);
    put_entry_id(w, p);
    if (p->title.value) {
        put_text(w, "title", &p->title);
    } else {
        a_start(w, "title");
        synthetic(w);
        fc_xw_end(&w->w);
    }
    /* updated: updated, else published, else the feed's, else the epoch */
    if (parsed(&p->updated))
        put_date_ns(w, FC_NS_ATOM, NULL, "updated", &p->updated, false);
    else if (parsed(&p->published))
        put_date_ns(w, FC_NS_ATOM, NULL, "updated", &p->published, true);
    else if (parsed(&w->feed_updated))
        put_date_ns(w, FC_NS_ATOM, NULL, "updated", &w->feed_updated, true);
    else
        put_epoch(w, "updated");
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
    bool need_summary;
    bool content = put_content(w, p, &need_summary);
    if (p->summary.value) {
        put_text(w, "summary", &p->summary);
    } else if (need_summary) {
        char s[200];
        snprintf(s, sizeof s, "(content: %s)", p->content_type ? p->content_type : "linked");
        a_start(w, "summary");
        synthetic(w);
        fc_xw_text(&w->w, s, (size_t)-1);
        fc_xw_end(&w->w);
    }
    if (!content && !has_alternate(p)) {
        a_start(w, "content"); /* RFC 4287 4.1.1: alternate link or content */
        synthetic(w);
        fc_xw_end(&w->w);
    }
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
    x_elem(w, "image", p->image);
    x_elem(w, "bannerImage", p->banner_image);
    if (p->language && !lang_ok(p->language))
        x_elem(w, "language", p->language);
    put_exts(w, &p->exts);
    (void)f;
    fc_xw_end(&w->w);
}

static enum fc_status w_flush(struct aw *w, struct fc_error *err)
{
    enum fc_status st = fc_xw_status(&w->w, err);
    if (!st && w->st)
        st = w->st;
    if (!st && !w->deferred)
        st = fc_out_buf(w->out, &w->main, err);
    return st;
}

static enum fc_status aw_begin(void *ctx, struct fc_feed *feed, struct fc_error *err)
{
    struct aw *w = ctx;
    if (w->begun)
        return fc_fail(err, FC_EUSAGE, fc_out_name(w->out), 0, 0, "begin() called twice");
    w->begun = true;
    w->err = err;
    w->feed_authors = feed->authors.first != NULL;
    w->feed_updated = feed->updated;
    const char *t = plain_title(w, &feed->title);
    if (feed->title.value && !t)
        return fc_nomem(err);
    w->placeholder = t && *t ? t : "unknown";
    put_feed_head(w, feed);
    if (!parsed(&feed->updated)) {
        /* entries must follow <updated>: hold them until end() */
        w->deferred = true;
        w->w.out = &w->ents;
    }
    return w_flush(w, err);
}

static enum fc_status aw_post(void *ctx, struct fc_feed *feed, struct fc_post *post,
                              struct fc_error *err)
{
    struct aw *w = ctx;
    if (!w->begun)
        return fc_fail(err, FC_EUSAGE, fc_out_name(w->out), 0, 0, "post() before begin()");
    w->err = err;
    w->posts++;
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
    struct aw *w = ctx;
    if (!w->begun)
        return fc_fail(err, FC_EUSAGE, fc_out_name(w->out), 0, 0, "end() before begin()");
    w->err = err;
    w->posts = 0;
    if (w->deferred) {
        w->w.out = &w->main;
        if (parsed(&feed->updated))
            put_date_ns(w, FC_NS_ATOM, NULL, "updated", &feed->updated, false);
        else if (parsed(&w->newest))
            put_date_ns(w, FC_NS_ATOM, NULL, "updated", &w->newest, true);
        else if (parsed(&feed->published))
            put_date_ns(w, FC_NS_ATOM, NULL, "updated", &feed->published, true);
        else
            put_epoch(w, "updated");
        fc_buf_add(&w->main, w->ents.data, w->ents.len);
        if (w->ents.oom)
            w->w.oom = true;
        fc_buf_free(&w->ents);
        w->deferred = false;
    }
    fc_xw_finish(&w->w);
    return w_flush(w, err);
}

static void aw_destroy(void *ctx)
{
    struct aw *w = ctx;
    if (!w)
        return;
    fc_xw_free(&w->w);
    fc_buf_free(&w->main);
    fc_buf_free(&w->ents);
    fc_arena_free(w->scratch);
    free(w);
}

static enum fc_status atom_open_writer(struct fc_output *out, const struct fc_options *opt,
                                       struct fc_handler **writer, struct fc_error *err)
{
    if (fc_output_is_dir(out))
        return fc_fail(err, FC_EUSAGE, fc_out_name(out), 0, 0,
                       "Atom writes one file, not a directory");
    struct aw *w = calloc(1, sizeof *w);
    if (!w)
        return fc_nomem(err);
    w->scratch = fc_arena_new();
    if (!w->scratch) {
        free(w);
        return fc_nomem(err);
    }
    w->out = out;
    if (opt)
        w->opt = *opt;
    else
        fc_options_init(&w->opt);
    fc_buf_init(&w->main);
    fc_buf_init(&w->ents);
    fc_xw_init(&w->w, &w->main, 2);
    w->h.ctx = w;
    w->h.begin = aw_begin;
    w->h.post = aw_post;
    w->h.end = aw_end;
    w->h.destroy = aw_destroy;
    *writer = &w->h;
    return FC_OK;
}

/* ================================================================== */
/* Detection                                                           */

/* Skip a BOM, whitespace, the XML declaration, comments, processing
 * instructions and a doctype; the offset of the root's '<' or len. */
static size_t skip_prolog(const unsigned char *h, size_t len)
{
    size_t i = 0;
    if (len >= 3 && h[0] == 0xEF && h[1] == 0xBB && h[2] == 0xBF)
        i = 3;
    while (i < len) {
        if (is_space_c((char)h[i])) {
            i++;
        } else if (i + 4 <= len && memcmp(h + i, "<!--", 4) == 0) {
            const unsigned char *e = NULL;
            for (size_t k = i + 4; k + 3 <= len; k++)
                if (memcmp(h + k, "-->", 3) == 0) {
                    e = h + k;
                    break;
                }
            if (!e)
                return len;
            i = (size_t)(e - h) + 3;
        } else if (i + 2 <= len && h[i] == '<' && (h[i + 1] == '?' || h[i + 1] == '!')) {
            /* a doctype's internal subset [...] holds '>' of its own */
            int depth = 0;
            char q = 0;
            for (; i < len; i++) {
                char c = (char)h[i];
                if (q) {
                    q = c == q ? 0 : q;
                } else if (c == '"' || c == '\'') {
                    q = c;
                } else if (c == '[') {
                    depth++;
                } else if (c == ']' && depth) {
                    depth--;
                } else if (c == '>' && !depth) {
                    break;
                }
            }
            i++;
        } else {
            break;
        }
    }
    return i < len && h[i] == '<' ? i : len;
}

static bool has_bytes(const unsigned char *h, size_t n, const char *s)
{
    size_t m = strlen(s);
    for (size_t i = 0; i + m <= n; i++)
        if (memcmp(h + i, s, m) == 0)
            return true;
    return false;
}

static int atom_detect(const unsigned char *head, size_t len)
{
    size_t i = skip_prolog(head, len);
    if (i >= len)
        return 0;
    size_t j = i + 1, colon = 0;
    while (j < len && name_char((char)head[j])) {
        if (head[j] == ':')
            colon = j;
        j++;
    }
    size_t local = colon ? colon + 1 : i + 1;
    size_t n = j - local;
    bool feed = n == 4 && memcmp(head + local, "feed", 4) == 0;
    bool entry = n == 5 && memcmp(head + local, "entry", 5) == 0;
    if (!feed && !entry)
        return 0;
    size_t e = j;
    while (e < len && head[e] != '>')
        e++;
    bool atom = has_bytes(head + j, e - j, FC_NS_ATOM) || has_bytes(head + j, e - j, NS_ATOM03);
    if (!atom)
        return feed ? 10 : 0; /* a namespace-less <feed>: the reader explains */
    return feed ? 95 : 80;
}

const struct fc_format fc_format_atom = {
    .name = "atom",
    .description = "Atom 1.0 (reads 0.3)",
    .aliases = (const char *const[]){"atom1", NULL},
    .extensions = (const char *const[]){".atom", NULL},
    .caps = FC_CAN_READ | FC_CAN_WRITE,
    .detect = atom_detect,
    .read = atom_read,
    .open_writer = atom_open_writer,
};
