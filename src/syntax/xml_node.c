/*
 * xml_node.c - the helpers of xml_node.h over expanded xmlNode trees:
 * element tests, text and attributes into arenas (user-declared entities
 * expanded within a budget), XML -> fc_ext.
 */
#include "syntax/xml_node.h"

#include <string.h>

/* Bytes that user-declared entities may add to one text (no billion laughs
 * through our own tree walks). */
#define ENTITY_BUDGET ((size_t)1 << 20)
#define ENTITY_DEPTH 16

bool fc_xml_is(const xmlNode *n, const char *ns, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0 &&
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

bool fc_xml_has_elements(const xmlNode *n)
{
    return fc_xml_first(n) != NULL;
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
    const xmlEntity *ent = (const xmlEntity *)ref->children;
    if (!ent || ent->type != XML_ENTITY_DECL)
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

/* Copy s[0..n) (trimmed when asked) into the arena; NULL out when empty. */
static enum fc_status text_out(struct fc_arena *a, const char *s, size_t n, bool trim,
                               const char **out, struct fc_error *err)
{
    if (trim) {
        while (n > 0 && is_space(*s))
            s++, n--;
        while (n > 0 && is_space(s[n - 1]))
            n--;
    }
    *out = NULL;
    if (n == 0)
        return FC_OK;
    *out = fc_strdup(a, s, n);
    return *out ? FC_OK : fc_nomem(err);
}

/* Text of the children starting at `first` (element or attribute). */
static enum fc_status children_text(struct fc_arena *a, const xmlNode *first, bool trim,
                                    const char **out, struct fc_error *err)
{
    *out = NULL;
    /* The common case, one text node: no intermediate copy. */
    if (first && !first->next &&
        (first->type == XML_TEXT_NODE || first->type == XML_CDATA_SECTION_NODE)) {
        const char *s = first->content ? (const char *)first->content : "";
        return text_out(a, s, strlen(s), trim, out, err);
    }
    struct fc_buf b;
    fc_buf_init(&b);
    struct text_walk t = {.b = &b};
    text_walk(&t, first);
    enum fc_status st = FC_OK;
    if (b.oom)
        st = fc_nomem(err);
    else if (t.limit)
        st = fc_fail(err, FC_ELIMIT, NULL, fc_xml_line(first), 0,
                     "entity expansion exceeds the limit");
    else
        st = text_out(a, b.data ? b.data : "", b.len, trim, out, err);
    fc_buf_free(&b);
    return st;
}

enum fc_status fc_xml_text(struct fc_arena *a, const xmlNode *n, bool trim, const char **out,
                           struct fc_error *err)
{
    return children_text(a, n ? n->children : NULL, trim, out, err);
}

enum fc_status fc_xml_inner(struct fc_arena *a, const xmlNode *n, const char **out,
                            struct fc_error *err)
{
    *out = NULL;
    xmlBufferPtr xb = xmlBufferCreate();
    if (!xb)
        return fc_nomem(err);
    enum fc_status st = FC_OK;
    for (xmlNode *c = n->children; c; c = c->next) {
        if (xmlNodeDump(xb, n->doc, c, 0, 0) < 0) {
            st = fc_nomem(err);
            goto out;
        }
    }
    st = text_out(a, (const char *)xmlBufferContent(xb), (size_t)xmlBufferLength(xb), true, out,
                  err);
out:
    xmlBufferFree(xb);
    return st;
}

static const xmlAttr *find_attr(const xmlNode *n, const char *ns, const char *name)
{
    if (!n || n->type != XML_ELEMENT_NODE)
        return NULL;
    for (const xmlAttr *at = n->properties; at; at = at->next) {
        const char *ans = at->ns && at->ns->href ? (const char *)at->ns->href : NULL;
        if (strcmp((const char *)at->name, name) == 0 && fc_xml_ns_eq(ns, ans))
            return at;
    }
    return NULL;
}

enum fc_status fc_xml_attr(struct fc_arena *a, const xmlNode *n, const char *ns, const char *name,
                           const char **out, struct fc_error *err)
{
    const xmlAttr *at = find_attr(n, ns, name);
    *out = NULL;
    if (!at)
        return FC_OK;
    enum fc_status st = children_text(a, at->children, false, out, err);
    if (st == FC_OK && !*out) /* present but empty: "" not NULL */
        *out = fc_strdup(a, "", 0);
    return st == FC_OK && !*out ? fc_nomem(err) : st;
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

static enum fc_status ext_build(struct fc_arena *a, struct fc_list *list, const xmlNode *n,
                                const char *origin, struct fc_ext **out, struct fc_error *err);

/* A run of text / CDATA / entity siblings becomes one text node. */
static enum fc_status ext_text_run(struct fc_arena *a, struct fc_ext *parent, const xmlNode **cp,
                                   bool drop_space, const char *origin, struct fc_error *err)
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
    enum fc_status st = FC_OK;
    if (b.oom) {
        st = fc_nomem(err);
    } else if (t.limit) {
        st = fc_fail(err, FC_ELIMIT, NULL, 0, 0, "entity expansion exceeds the limit");
    } else if (b.len > 0 && !(drop_space && all_space(b.data, b.len))) {
        struct fc_ext *e = fc_list_add(a, &parent->children, sizeof *e);
        if (!e || !(e->value = fc_strdup(a, b.data, b.len)))
            st = fc_nomem(err);
        else {
            e->kind = FC_EXT_XML;
            e->origin = origin;
        }
    }
    fc_buf_free(&b);
    return st;
}

static enum fc_status ext_attrs(struct fc_arena *a, struct fc_ext *e, const xmlNode *n,
                                struct fc_error *err)
{
    for (const xmlAttr *at = n->properties; at; at = at->next) {
        struct fc_attr *fa = fc_list_add(a, &e->attrs, sizeof *fa);
        if (!fa || !(fa->name = fc_strdup(a, (const char *)at->name, (size_t)-1)))
            return fc_nomem(err);
        if (at->ns && at->ns->href &&
            !(fa->ns = fc_strdup(a, (const char *)at->ns->href, (size_t)-1)))
            return fc_nomem(err);
        if (at->ns && at->ns->prefix &&
            !(fa->prefix = fc_strdup(a, (const char *)at->ns->prefix, (size_t)-1)))
            return fc_nomem(err);
        enum fc_status st = children_text(a, at->children, false, &fa->value, err);
        if (st != FC_OK)
            return st;
        if (!fa->value && !(fa->value = fc_strdup(a, "", 0)))
            return fc_nomem(err);
    }
    return FC_OK;
}

static enum fc_status ext_build(struct fc_arena *a, struct fc_list *list, const xmlNode *n,
                                const char *origin, struct fc_ext **out, struct fc_error *err)
{
    struct fc_ext *e = fc_list_add(a, list, sizeof *e);
    if (out)
        *out = e;
    if (!e)
        return fc_nomem(err);
    e->kind = FC_EXT_XML;
    e->origin = origin;
    if (!(e->name = fc_strdup(a, (const char *)n->name, (size_t)-1)))
        return fc_nomem(err);
    if (n->ns && n->ns->href && !(e->ns = fc_strdup(a, (const char *)n->ns->href, (size_t)-1)))
        return fc_nomem(err);
    if (n->ns && n->ns->prefix &&
        !(e->prefix = fc_strdup(a, (const char *)n->ns->prefix, (size_t)-1)))
        return fc_nomem(err);
    enum fc_status st = ext_attrs(a, e, n, err);
    bool drop_space = fc_xml_has_elements(n); /* indentation, not content */
    const xmlNode *c = n->children;
    while (st == FC_OK && c) {
        if (c->type == XML_ELEMENT_NODE) {
            st = ext_build(a, &e->children, c, origin, NULL, err);
            c = c->next;
        } else if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE ||
                   c->type == XML_ENTITY_REF_NODE) {
            st = ext_text_run(a, e, &c, drop_space, origin, err);
        } else {
            c = c->next; /* comments, processing instructions */
        }
    }
    return st;
}

enum fc_status fc_xml_to_ext(struct fc_arena *a, struct fc_list *list, const xmlNode *n,
                             const char *origin, struct fc_ext **out, struct fc_error *err)
{
    if (out)
        *out = NULL;
    if (!n || n->type != XML_ELEMENT_NODE)
        return FC_OK;
    return ext_build(a, list, n, origin, out, err);
}
