/*
 * xml_node.c - the helpers of xml_node.h over expanded xmlNode trees:
 * element tests, text and attributes (user-declared entities expanded
 * within a budget), xml:base, markup written as XML or as HTML, XML ->
 * fc_ext.
 */
#include "syntax/xml_node.h"
#include "util/html_urls.h"
#include "util/xml_escape.h"

#include <string.h>

/* Bytes that user-declared entities may add to one text (no billion laughs
 * through our own tree walks). */
#define ENTITY_BUDGET ((size_t)1 << 20)
#define ENTITY_DEPTH 16

/* Names compared by their first byte before strcmp: the readers test
 * every child against tables of names, and most differ there. */
static bool name_is(const xmlChar *have, const char *want)
{
    return have[0] == (xmlChar)want[0] && strcmp((const char *)have, want) == 0;
}

bool fc_xml_is(const xmlNode *n, const char *ns, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && name_is(n->name, name) &&
           fc_xml_ns_eq(ns, fc_xml_ns(n));
}

const char *fc_xml_ns(const xmlNode *n)
{
    return n && n->ns && n->ns->href ? (const char *)n->ns->href : NULL;
}

unsigned long fc_xml_line(const xmlNode *n)
{
    long l = xmlGetLineNo(n);
    return l > 0 ? (unsigned long)l : 0;
}

static xmlNode *first_elem(xmlNode *c)
{
    while (c && c->type != XML_ELEMENT_NODE)
        c = c->next;
    return c;
}

xmlNode *fc_xml_first(const xmlNode *n)
{
    return n ? first_elem(n->children) : NULL;
}

xmlNode *fc_xml_next(const xmlNode *n)
{
    return n ? first_elem(n->next) : NULL;
}

bool fc_xml_synthetic(const xmlNode *n, const char *what)
{
    xmlChar *v = n ? xmlGetNsProp(n, BAD_CAST "synthetic", BAD_CAST FC_NS_FEEDCONV) : NULL;
    bool yes = false;
    size_t k = strlen(what);
    for (const char *p = (const char *)v; p && *p && !yes;) {
        while (*p == ' ')
            p++;
        size_t w = strcspn(p, " ");
        yes = w == k && memcmp(p, what, k) == 0;
        p += w;
    }
    xmlFree(v);
    return yes;
}

bool fc_xml_has_elements(const xmlNode *n)
{
    return fc_xml_first(n) != NULL;
}

/* The internal entity an entity reference stands for; NULL when it is
 * undeclared or external (never loaded). */
static const xmlEntity *internal_entity(const xmlNode *ref)
{
    const xmlEntity *ent = (const xmlEntity *)ref->children;
    if (!ent || ent->type != XML_ENTITY_DECL || ent->etype != XML_INTERNAL_GENERAL_ENTITY)
        return NULL;
    return ent;
}

/* Elements among the nodes from c on, looking into the replacement of
 * entity references (depth: entities followed so far). */
static bool markup_in(const xmlNode *c, unsigned depth)
{
    for (; c; c = c->next) {
        if (c->type == XML_ELEMENT_NODE)
            return true;
        const xmlEntity *ent = c->type == XML_ENTITY_REF_NODE ? internal_entity(c) : NULL;
        if (ent && depth < ENTITY_DEPTH && markup_in(ent->children, depth + 1))
            return true;
    }
    return false;
}

bool fc_xml_has_markup(const xmlNode *n)
{
    return n && markup_in(n->children, 0);
}

struct text_walk {
    struct fc_buf *b;
    size_t entity_bytes; /* added through entity expansion */
    unsigned entity_depth;
    bool limit;
};

static void text_walk(struct text_walk *t, const xmlNode *first);

/* An entity reference: its parsed children (or its replacement text when
 * libxml2 kept none), within the budget. */
static void text_entity(struct text_walk *t, const xmlNode *ref)
{
    const xmlEntity *ent = internal_entity(ref);
    if (!ent)
        return;
    if (t->entity_depth >= ENTITY_DEPTH) {
        t->limit = true;
        return;
    }
    size_t before = t->b->len;
    t->entity_depth++;
    if (ent->children)
        text_walk(t, ent->children);
    else if (ent->content)
        fc_buf_puts(t->b, (const char *)ent->content);
    t->entity_depth--;
    if (t->entity_depth == 0) {
        t->entity_bytes += t->b->len - before;
        if (t->entity_bytes > ENTITY_BUDGET)
            t->limit = true;
    }
}

static void text_walk(struct text_walk *t, const xmlNode *c)
{
    for (; c && !t->limit && !t->b->oom; c = c->next) {
        switch (c->type) {
        case XML_TEXT_NODE:
        case XML_CDATA_SECTION_NODE:
            if (c->content)
                fc_buf_puts(t->b, (const char *)c->content);
            break;
        case XML_ELEMENT_NODE:
            text_walk(t, c->children);
            break;
        case XML_ENTITY_REF_NODE:
            text_entity(t, c);
            break;
        default:
            break; /* comments, processing instructions */
        }
    }
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* s[0..n) (trimmed when asked) copied into the arena; NULL when empty. */
static const char *text_out(struct fc_arena *a, const char *s, size_t n, bool trim,
                            struct fc_sticky *st)
{
    if (trim) {
        while (n > 0 && is_space(*s))
            s++, n--;
        while (n > 0 && is_space(s[n - 1]))
            n--;
    }
    if (n == 0)
        return NULL;
    const char *out = fc_strdup(a, s, n);
    if (!out)
        fc_sticky_nomem(st);
    return out;
}

/* Text of the children starting at `first` (element or attribute). */
static const char *children_text(struct fc_arena *a, const xmlNode *first, bool trim,
                                 struct fc_sticky *st)
{
    if (!fc_sticky_ok(st))
        return NULL;
    /* The common case, one text node: no intermediate copy. */
    if (first && !first->next &&
        (first->type == XML_TEXT_NODE || first->type == XML_CDATA_SECTION_NODE)) {
        const char *s = first->content ? (const char *)first->content : "";
        return text_out(a, s, strlen(s), trim, st);
    }
    struct fc_buf b;
    fc_buf_init(&b);
    struct text_walk t = {.b = &b};
    text_walk(&t, first);
    const char *out = NULL;
    if (b.oom)
        fc_sticky_nomem(st);
    else if (t.limit)
        fc_sticky_fail(st, FC_ELIMIT, fc_xml_line(first), 0, "entity expansion exceeds the limit");
    else
        out = text_out(a, b.data ? b.data : "", b.len, trim, st);
    fc_buf_free(&b);
    return out;
}

const char *fc_xml_text(struct fc_arena *a, const xmlNode *n, bool trim, struct fc_sticky *s)
{
    return children_text(a, n ? n->children : NULL, trim, s);
}

static const xmlAttr *find_attr(const xmlNode *n, const char *ns, const char *name)
{
    if (!n || n->type != XML_ELEMENT_NODE)
        return NULL;
    for (const xmlAttr *at = n->properties; at; at = at->next) {
        const char *ans = at->ns && at->ns->href ? (const char *)at->ns->href : NULL;
        if (name_is(at->name, name) && fc_xml_ns_eq(ns, ans))
            return at;
    }
    return NULL;
}

/* An attribute's value; "" when it is empty. */
static const char *attr_value(struct fc_arena *a, const xmlAttr *at, struct fc_sticky *s)
{
    const char *v = children_text(a, at->children, false, s);
    if (v || !fc_sticky_ok(s))
        return v;
    if (!(v = fc_strdup(a, "", 0)))
        fc_sticky_nomem(s);
    return v;
}

const char *fc_xml_attr(struct fc_arena *a, const xmlNode *n, const char *ns, const char *name,
                        struct fc_sticky *s)
{
    const xmlAttr *at = fc_sticky_ok(s) ? find_attr(n, ns, name) : NULL;
    return at ? attr_value(a, at, s) : NULL;
}

/* ------------------------------------------------------------------ */
/* xml:base                                                            */

static bool resolving(const struct fc_sticky *s)
{
    return !(s->opt && (s->opt->flags & FC_OPT_NO_XML_BASE));
}

/* fc_url_resolve, its failure recorded in s. */
static const char *url_resolve(struct fc_arena *a, const char *base, const char *ref,
                               struct fc_sticky *s)
{
    const char *r = fc_url_resolve(a, base, ref);
    if (!r)
        fc_sticky_nomem(s);
    return r;
}

const char *fc_xml_base(struct fc_arena *a, const xmlNode *n, const char *parent,
                        struct fc_sticky *s)
{
    const char *b = fc_xml_attr(a, n, FC_NS_XML, "base", s);
    if (!b)
        return fc_sticky_ok(s) ? parent : NULL;
    return resolving(s) ? url_resolve(a, parent, b, s) : b;
}

const char *fc_xml_resolve(struct fc_arena *a, const char *base, const char *ref,
                           struct fc_sticky *s)
{
    if (!fc_sticky_ok(s))
        return NULL;
    if (!ref || !base || !resolving(s))
        return ref;
    return url_resolve(a, base, ref, s);
}

const char *fc_xml_resolve_html(struct fc_arena *a, const char *base, const char *html,
                                struct fc_sticky *s)
{
    const char *out = html;
    if (!fc_sticky_ok(s))
        return NULL;
    if (resolving(s))
        fc_sticky_set(s, fc_html_urls_resolve(a, base, html, &out, s->err));
    return fc_sticky_ok(s) ? out : NULL;
}

/* ------------------------------------------------------------------ */
/* Markup                                                              */

const char *fc_xml_inner(struct fc_arena *a, const xmlNode *n, struct fc_sticky *s)
{
    if (!fc_sticky_ok(s))
        return NULL;
    xmlBufferPtr xb = xmlBufferCreate();
    if (!xb) {
        fc_sticky_nomem(s);
        return NULL;
    }
    const char *out = NULL;
    for (xmlNode *c = n->children; c; c = c->next) {
        if (xmlNodeDump(xb, n->doc, c, 0, 0) < 0) {
            fc_sticky_nomem(s);
            goto out;
        }
    }
    out = text_out(a, (const char *)xmlBufferContent(xb), (size_t)xmlBufferLength(xb), true, s);
out:
    xmlBufferFree(xb);
    return out;
}

/* Long text with markup is written as CDATA: shorter, and quicker to
 * parse again than the same text escaped.  The node changes type in place:
 * the reader may have built it from its own memory (xml_read.h), which
 * xmlFreeNode must not see. */
static bool cdata_texts(xmlNode *n, unsigned depth)
{
    for (xmlNode *c = n->children; c && depth < 512; c = c->next) {
        if (c->type == XML_ELEMENT_NODE) {
            if (!cdata_texts(c, depth + 1))
                return false;
            continue;
        }
        const char *t = (const char *)c->content;
        if (c->type != XML_TEXT_NODE || !t || strlen(t) < 64 || strstr(t, "]]>") ||
            (!strchr(t, '<') && !strchr(t, '&')))
            continue;
        c->type = XML_CDATA_SECTION_NODE;
        c->name = NULL; /* as xmlNewCDataBlock's: xmlFreeNode frees a CDATA's name */
    }
    return true;
}

static void dump_name(struct fc_buf *b, const xmlNs *ns, const xmlChar *name)
{
    if (ns && ns->prefix) {
        fc_buf_puts(b, (const char *)ns->prefix);
        fc_buf_putc(b, ':');
    }
    fc_buf_puts(b, (const char *)name);
}

static void dump_text(struct fc_buf *b, const xmlChar *t, bool attr)
{
    if (t)
        fc_xml_escape(b, (const char *)t, strlen((const char *)t), attr);
}

/*
 * What xmlNodeDump writes for the node kinds an element of a feed holds
 * (elements, attributes of plain text, text, CDATA, comments, processing
 * instructions), a third of its time: its buffer grows a call at a time
 * and it turns every non-ASCII character into a reference.  The spool's
 * prologue declares no encoding, so UTF-8 stays as it is.  Newlines fall
 * where they fall in xmlNodeDump's text (only in content), so the lines
 * of a node read back are the same.  false: a kind it leaves to
 * xmlNodeDump (an entity reference, an attribute with one in it).
 */
static bool dump_fast(struct fc_buf *b, const xmlNode *n, unsigned depth)
{
    switch (n->type) {
    case XML_TEXT_NODE:
        dump_text(b, n->content, false);
        return true;
    case XML_CDATA_SECTION_NODE: {
        const char *t = n->content ? (const char *)n->content : "", *e;
        fc_buf_puts(b, "<![CDATA[");
        while ((e = strstr(t, "]]>")) != NULL) { /* as xmlNodeDump splits it */
            fc_buf_add(b, t, (size_t)(e - t) + 2);
            fc_buf_puts(b, "]]><![CDATA[");
            t = e + 2;
        }
        fc_buf_puts(b, t);
        fc_buf_puts(b, "]]>");
        return true;
    }
    case XML_COMMENT_NODE:
        fc_buf_puts(b, "<!--");
        fc_buf_puts(b, n->content ? (const char *)n->content : "");
        fc_buf_puts(b, "-->");
        return true;
    case XML_PI_NODE:
        fc_buf_puts(b, "<?");
        fc_buf_puts(b, (const char *)n->name);
        if (n->content && *n->content) {
            fc_buf_putc(b, ' ');
            fc_buf_puts(b, (const char *)n->content);
        }
        fc_buf_puts(b, "?>");
        return true;
    case XML_ELEMENT_NODE:
        break;
    default:
        return false;
    }
    if (depth > 512)
        return false;
    fc_buf_putc(b, '<');
    dump_name(b, n->ns, n->name);
    for (const xmlNs *d = n->nsDef; d; d = d->next) {
        fc_buf_puts(b, d->prefix ? " xmlns:" : " xmlns");
        if (d->prefix)
            fc_buf_puts(b, (const char *)d->prefix);
        fc_buf_puts(b, "=\"");
        dump_text(b, d->href, true);
        fc_buf_putc(b, '"');
    }
    for (const xmlAttr *a = n->properties; a; a = a->next) {
        const xmlNode *v = a->children;
        if (v && (v->type != XML_TEXT_NODE || v->next))
            return false;
        fc_buf_putc(b, ' ');
        dump_name(b, a->ns, a->name);
        fc_buf_puts(b, "=\"");
        dump_text(b, v ? v->content : NULL, true);
        fc_buf_putc(b, '"');
    }
    if (!n->children) {
        fc_buf_puts(b, "/>");
        return true;
    }
    fc_buf_putc(b, '>');
    for (const xmlNode *c = n->children; c; c = c->next)
        if (!dump_fast(b, c, depth + 1))
            return false;
    fc_buf_puts(b, "</");
    dump_name(b, n->ns, n->name);
    fc_buf_putc(b, '>');
    return true;
}

enum fc_status fc_xml_dump(xmlNode *n, struct fc_buf *out)
{
    xmlNs **scope = xmlGetNsList(n->doc, n);
    bool ok = true;
    for (size_t i = 0; scope && scope[i] && ok; i++) {
        bool declared = false;
        for (xmlNs *d = n->nsDef; d && !declared; d = d->next)
            declared = (!d->prefix && !scope[i]->prefix) ||
                       (d->prefix && scope[i]->prefix && xmlStrEqual(d->prefix, scope[i]->prefix));
        if (!declared && !(scope[i]->prefix && xmlStrEqual(scope[i]->prefix, BAD_CAST "xml")))
            ok = xmlNewNs(n, scope[i]->href, scope[i]->prefix) != NULL;
    }
    xmlFree(scope);
    if (!ok || !cdata_texts(n, 0))
        return FC_ENOMEM;
    size_t mark = out->len;
    if (dump_fast(out, n, 0))
        return out->oom ? FC_ENOMEM : FC_OK;
    out->len = mark; /* xmlNodeDump's instead */
    if (out->data)
        out->data[mark] = '\0';
    xmlBufferPtr xb = xmlBufferCreate();
    if (!xb || xmlNodeDump(xb, n->doc, n, 0, 0) < 0) {
        if (xb)
            xmlBufferFree(xb);
        return FC_ENOMEM;
    }
    fc_buf_add(out, (const char *)xmlBufferContent(xb), (size_t)xmlBufferLength(xb));
    xmlBufferFree(xb);
    return out->oom ? FC_ENOMEM : FC_OK;
}

/* Deeper XHTML is refused (libxml2 stops at 256 levels anyway). */
#define HTML_MAX_DEPTH 512

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

struct html_out {
    struct fc_arena *a;
    struct fc_buf *b;
    struct fc_sticky *s;
    size_t entity_bytes; /* added through entity expansion (as text_walk) */
    unsigned entity_depth;
};

/* The attributes of element c; base: the base in effect at c. */
static void html_attrs(struct html_out *h, const xmlNode *c, const char *base)
{
    for (const xmlAttr *at = c->properties; at && fc_sticky_ok(h->s); at = at->next) {
        const char *name = (const char *)at->name;
        const char *ns = at->ns ? (const char *)at->ns->href : NULL;
        if (ns && strcmp(ns, FC_NS_XML) == 0 && strcmp(name, "base") == 0 && resolving(h->s))
            continue; /* applied to href and src instead */
        const char *v = attr_value(h->a, at, h->s);
        if (!ns && (strcmp(name, "href") == 0 || strcmp(name, "src") == 0) && v && *v && *v != '#')
            v = fc_xml_resolve(h->a, base, v, h->s);
        fc_buf_putc(h->b, ' ');
        if (at->ns && at->ns->prefix) {
            fc_buf_puts(h->b, (const char *)at->ns->prefix);
            fc_buf_putc(h->b, ':');
        }
        fc_buf_puts(h->b, name);
        fc_buf_puts(h->b, "=\"");
        if (v)
            fc_xml_escape(h->b, v, strlen(v), true);
        fc_buf_putc(h->b, '"');
    }
}

static void html_nodes(struct html_out *h, const xmlNode *c, const char *base, unsigned depth);

/* An entity reference: an internal entity's replacement written as the
 * rest is (it may hold markup), within text_walk's budget; any other
 * (undeclared where a DTD we do not load may declare it) as written. */
static void html_entity(struct html_out *h, const xmlNode *ref, const char *base, unsigned depth)
{
    const xmlEntity *ent = internal_entity(ref);
    if (!ent) {
        fc_buf_printf(h->b, "&%s;", (const char *)ref->name);
        return;
    }
    if (h->entity_depth >= ENTITY_DEPTH) {
        fc_sticky_fail(h->s, FC_ELIMIT, fc_xml_line(ref), 0, "entity expansion exceeds the limit");
        return;
    }
    size_t before = h->b->len;
    h->entity_depth++;
    if (ent->children)
        html_nodes(h, ent->children, base, depth);
    else if (ent->content)
        fc_xml_escape(h->b, (const char *)ent->content, strlen((const char *)ent->content), false);
    h->entity_depth--;
    if (h->entity_depth == 0 && (h->entity_bytes += h->b->len - before) > ENTITY_BUDGET)
        fc_sticky_fail(h->s, FC_ELIMIT, fc_xml_line(ref), 0, "entity expansion exceeds the limit");
}

/* The nodes from c on; base: the base in effect at their parent. */
static void html_nodes(struct html_out *h, const xmlNode *c, const char *base, unsigned depth)
{
    for (; c && fc_sticky_ok(h->s); c = c->next) {
        switch (c->type) {
        case XML_TEXT_NODE:
        case XML_CDATA_SECTION_NODE:
            if (c->content)
                fc_xml_escape(h->b, (const char *)c->content, strlen((const char *)c->content),
                              false);
            break;
        case XML_ENTITY_REF_NODE:
            html_entity(h, c, base, depth);
            break;
        case XML_COMMENT_NODE:
            fc_buf_puts(h->b, "<!--");
            fc_buf_puts(h->b, c->content ? (const char *)c->content : "");
            fc_buf_puts(h->b, "-->");
            break;
        case XML_ELEMENT_NODE: {
            if (depth > HTML_MAX_DEPTH) {
                fc_sticky_fail(h->s, FC_ELIMIT, fc_xml_line(c), 0, "XHTML nested too deeply");
                return;
            }
            const char *name = (const char *)c->name;
            const char *own = fc_xml_base(h->a, c, base, h->s);
            fc_buf_putc(h->b, '<');
            fc_buf_puts(h->b, name);
            html_attrs(h, c, own);
            if (!c->children && void_element(name)) {
                fc_buf_puts(h->b, " />");
                break;
            }
            fc_buf_putc(h->b, '>');
            html_nodes(h, c->children, own, depth + 1);
            fc_buf_puts(h->b, "</");
            fc_buf_puts(h->b, name);
            fc_buf_putc(h->b, '>');
            break;
        }
        default:
            break; /* processing instructions */
        }
    }
}

const char *fc_xml_html(struct fc_arena *a, const xmlNode *n, const char *base, struct fc_sticky *s)
{
    if (!fc_sticky_ok(s))
        return NULL;
    struct fc_buf b;
    fc_buf_init(&b);
    struct html_out h = {.a = a, .b = &b, .s = s};
    html_nodes(&h, n->children, base, 0);
    const char *out = NULL;
    if (b.oom)
        fc_sticky_nomem(s);
    else if (fc_sticky_ok(s))
        out = text_out(a, b.data ? b.data : "", b.len, true, s);
    fc_buf_free(&b);
    return out;
}

/* ------------------------------------------------------------------ */
/* XML -> fc_ext                                                       */

static bool all_space(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!is_space(s[i]))
            return false;
    return true;
}

/* A copy of the libxml2 string x (NULL stays NULL). */
static const char *copy(struct fc_arena *a, const xmlChar *x, struct fc_sticky *s)
{
    const char *c = x ? fc_strdup(a, (const char *)x, (size_t)-1) : NULL;
    if (x && !c)
        fc_sticky_nomem(s);
    return c;
}

/* A run of text / CDATA / entity siblings from *cp becomes one text node;
 * *cp moves past it. */
static void ext_text_run(struct fc_arena *a, struct fc_ext *parent, const xmlNode **cp,
                         bool drop_space, const char *origin, struct fc_sticky *s)
{
    struct fc_buf b;
    fc_buf_init(&b);
    struct text_walk t = {.b = &b};
    const xmlNode *c = *cp;
    for (; c && (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE ||
                 c->type == XML_ENTITY_REF_NODE);
         c = c->next) {
        if (c->type == XML_ENTITY_REF_NODE)
            text_entity(&t, c);
        else if (c->content)
            fc_buf_puts(&b, (const char *)c->content);
    }
    *cp = c;
    if (b.oom) {
        fc_sticky_nomem(s);
    } else if (t.limit) {
        fc_sticky_fail(s, FC_ELIMIT, 0, 0, "entity expansion exceeds the limit");
    } else if (b.len > 0 && !(drop_space && all_space(b.data, b.len))) {
        struct fc_ext *e = fc_list_add(a, &parent->children, sizeof *e);
        if (!e || !(e->value = fc_strdup(a, b.data, b.len))) {
            fc_sticky_nomem(s);
        } else {
            e->kind = FC_EXT_XML;
            e->origin = origin;
        }
    }
    fc_buf_free(&b);
}

static void ext_attrs(struct fc_arena *a, struct fc_ext *e, const xmlNode *n, struct fc_sticky *s)
{
    for (const xmlAttr *at = n->properties; at && fc_sticky_ok(s); at = at->next) {
        struct fc_attr *fa = fc_list_add(a, &e->attrs, sizeof *fa);
        if (!fa) {
            fc_sticky_nomem(s);
            return;
        }
        fa->name = copy(a, at->name, s);
        fa->ns = at->ns ? copy(a, at->ns->href, s) : NULL;
        fa->prefix = at->ns ? copy(a, at->ns->prefix, s) : NULL;
        fa->value = attr_value(a, at, s);
    }
}

static struct fc_ext *ext_build(struct fc_arena *a, struct fc_list *list, const xmlNode *n,
                                const char *origin, struct fc_sticky *s)
{
    struct fc_ext *e = fc_list_add(a, list, sizeof *e);
    if (!e) {
        fc_sticky_nomem(s);
        return NULL;
    }
    e->kind = FC_EXT_XML;
    e->origin = origin;
    e->name = copy(a, n->name, s);
    e->ns = n->ns ? copy(a, n->ns->href, s) : NULL;
    e->prefix = n->ns ? copy(a, n->ns->prefix, s) : NULL;
    ext_attrs(a, e, n, s);
    bool drop_space = fc_xml_has_elements(n); /* indentation, not content */
    const xmlNode *c = n->children;
    while (fc_sticky_ok(s) && c) {
        if (c->type == XML_ELEMENT_NODE) {
            ext_build(a, &e->children, c, origin, s);
            c = c->next;
        } else if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE ||
                   c->type == XML_ENTITY_REF_NODE) {
            ext_text_run(a, e, &c, drop_space, origin, s);
        } else {
            c = c->next; /* comments, processing instructions */
        }
    }
    return e;
}

struct fc_ext *fc_xml_to_ext(struct fc_arena *a, struct fc_list *list, const xmlNode *n,
                             const char *origin, struct fc_sticky *s)
{
    if (!fc_sticky_ok(s) || !n || n->type != XML_ELEMENT_NODE)
        return NULL;
    return ext_build(a, list, n, origin, s);
}
