/*
 * xml_sniff.c - the root element of an XML document from its first bytes
 * (see xml_sniff.h): a scan of the prolog and of one start tag, no parser.
 */
#include "syntax/xml_sniff.h"

#include <string.h>

static bool is_ws(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Position after the first `end` at or after i; len when there is none. */
static size_t past(const unsigned char *h, size_t i, size_t len, const char *end)
{
    size_t k = strlen(end);
    for (; i + k <= len; i++)
        if (memcmp(h + i, end, k) == 0)
            return i + k;
    return len;
}

/* Position after the '>' that ends a markup declaration (<!DOCTYPE ...>)
 * whose body starts at i: quoted strings and the internal subset [...]
 * hold '>' of their own.  len when there is none. */
static size_t past_decl(const unsigned char *h, size_t i, size_t len)
{
    unsigned depth = 0;
    unsigned char quote = 0;
    for (; i < len; i++) {
        unsigned char c = h[i];
        if (quote)
            quote = c == quote ? 0 : quote;
        else if (c == '"' || c == '\'')
            quote = c;
        else if (c == '[')
            depth++;
        else if (c == ']' && depth)
            depth--;
        else if (c == '>' && !depth)
            return i + 1;
    }
    return len;
}

/* Offset of the root's '<' past the prolog; len when something else
 * comes first or the bytes end. */
static size_t skip_prolog(const unsigned char *h, size_t len)
{
    size_t i = len >= 3 && h[0] == 0xEF && h[1] == 0xBB && h[2] == 0xBF ? 3 : 0;
    while (i < len) {
        if (is_ws(h[i]))
            i++;
        else if (h[i] != '<' || i + 1 >= len)
            return len;
        else if (h[i + 1] == '?') /* the XML declaration, a processing instruction */
            i = past(h, i + 2, len, "?>");
        else if (len - i >= 4 && memcmp(h + i, "<!--", 4) == 0)
            i = past(h, i + 4, len, "-->");
        else if (h[i + 1] == '!')
            i = past_decl(h, i + 2, len);
        else
            return i;
    }
    return len;
}

/* A byte that ends the element name of a start tag; attribute names also
 * end at '='. */
static bool name_end(unsigned char c, bool attr)
{
    return is_ws(c) || c == '/' || c == '>' || (attr && c == '=');
}

/* Record the attribute name[0..nlen) = value[0..vlen) when it declares a
 * namespace. */
static void add_decl(struct fc_xml_sniff *s, const unsigned char *name, size_t nlen,
                     const unsigned char *value, size_t vlen)
{
    if (nlen < 5 || memcmp(name, "xmlns", 5) != 0 || (nlen > 5 && name[5] != ':'))
        return;
    if (s->nns == FC_XML_SNIFF_MAX_NS)
        return;
    struct fc_xml_sniff_ns *d = &s->ns[s->nns++];
    d->prefix = nlen > 5 ? name + 6 : name + 5;
    d->prefix_len = nlen > 5 ? nlen - 6 : 0;
    d->uri = value;
    d->uri_len = vlen;
}

/* The attributes of the start tag from i: the namespace declarations. */
static void scan_attrs(struct fc_xml_sniff *s, const unsigned char *h, size_t i, size_t len)
{
    while (i < len) {
        while (i < len && is_ws(h[i]))
            i++;
        if (i >= len || h[i] == '>' || h[i] == '/')
            return;
        size_t name = i;
        while (i < len && !name_end(h[i], true))
            i++;
        size_t name_len = i - name;
        while (i < len && is_ws(h[i]))
            i++;
        if (i >= len || h[i] != '=')
            continue; /* no value (not XML; the repair filter quotes it) */
        i++;
        while (i < len && is_ws(h[i]))
            i++;
        size_t v = i, v_end;
        if (i < len && (h[i] == '"' || h[i] == '\'')) {
            unsigned char q = h[i];
            v = ++i;
            while (i < len && h[i] != q)
                i++;
            v_end = i;
            if (i < len)
                i++;
        } else {
            while (i < len && !is_ws(h[i]) && h[i] != '>')
                i++;
            v_end = i;
        }
        add_decl(s, h + name, name_len, h + v, v_end - v);
    }
}

bool fc_xml_sniff(const unsigned char *head, size_t len, struct fc_xml_sniff *out)
{
    memset(out, 0, sizeof *out);
    size_t i = skip_prolog(head, len);
    if (i >= len)
        return false;
    size_t name = ++i;
    while (i < len && !name_end(head[i], false))
        i++;
    if (i == name)
        return false;
    out->name = head + name;
    out->name_len = i - name;
    const unsigned char *colon = memchr(out->name, ':', out->name_len);
    out->prefix_len = colon ? (size_t)(colon - out->name) : 0;
    scan_attrs(out, head, i, len);
    return true;
}

bool fc_xml_sniff_name(const struct fc_xml_sniff *s, const char *qname)
{
    size_t n = strlen(qname);
    return s->name_len == n && memcmp(s->name, qname, n) == 0;
}

bool fc_xml_sniff_local(const struct fc_xml_sniff *s, const char *local)
{
    size_t skip = s->prefix_len ? s->prefix_len + 1 : 0;
    size_t n = strlen(local);
    return s->name_len - skip == n && memcmp(s->name + skip, local, n) == 0;
}

bool fc_xml_sniff_declares(const struct fc_xml_sniff *s, const char *uri)
{
    size_t n = strlen(uri);
    for (size_t i = 0; i < s->nns; i++)
        if (s->ns[i].uri_len == n && memcmp(s->ns[i].uri, uri, n) == 0)
            return true;
    return false;
}
