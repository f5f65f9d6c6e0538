/*
 * hugo_figure.c - figures as Hugo's figure shortcode (see site_write.h).
 *
 * html2md keeps a <figure> as a raw HTML block.  For Hugo, a block that
 * is exactly one figure that the shortcode renders back as it was,
 *
 *   <figure [class]>[<a href [target] [rel]>]<img src alt [width]
 *   [height]>[</a>]<figcaption><p>CAPTION</p></figcaption></figure>
 *
 * is written {{< figure src= alt= width= height= class= link= target=
 * rel= caption= >}}.  Hugo's template puts the caption in a <p> and gives
 * an image without alt text the caption's text as its alt, so a caption
 * that is not one paragraph, or an image with no alt, stays raw HTML (as
 * WordPress's captions, <figcaption>CAPTION</figcaption>, do: the site
 * would show another document); so does anything else the shortcode
 * cannot say (other attributes, a title, markup Hugo's markdownify would
 * read differently in the caption, a quote a parameter cannot hold).
 */
#include "sites/site_write.h"
#include "util/html2md.h"

#include <libxml/tree.h>
#include <string.h>

static bool elem(const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

/* The next element sibling, skipping white space; NULL at other text. */
static const xmlNode *next_elem(const xmlNode *n, bool *text)
{
    for (; n; n = n->next) {
        if (n->type == XML_ELEMENT_NODE)
            return n;
        if (n->type == XML_TEXT_NODE) {
            for (const xmlChar *c = n->content; c && *c; c++)
                if (!fc_ascii_space(*c))
                    *text = true;
        } else if (n->type != XML_COMMENT_NODE) {
            *text = true;
        }
    }
    return NULL;
}

/* Every attribute of n is one of names (NULL-ended) and its value fits a
 * shortcode parameter. */
static bool attrs_ok(const xmlNode *n, const char *const *names)
{
    for (const xmlAttr *a = n->properties; a; a = a->next) {
        bool ok = false;
        for (size_t i = 0; names[i] && !ok; i++)
            ok = !strcmp((const char *)a->name, names[i]);
        xmlChar *v = xmlGetProp(n, a->name);
        if (!v || strpbrk((const char *)v, "\"\n\r\\") || strstr((const char *)v, "}}"))
            ok = false;
        xmlFree(v);
        if (!ok)
            return false;
    }
    return true;
}

/* Hugo writes the caption's text as the alt of an image with none */
static bool nonempty(const xmlNode *n, const char *attr)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)attr);
    bool ok = v && *v;
    xmlFree(v);
    return ok;
}

static void param(struct fc_buf *b, const xmlNode *n, const char *attr, const char *name)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)attr);
    if (v)
        fc_buf_printf(b, " %s=\"%s\"", name, (const char *)v);
    xmlFree(v);
}

/* The shortcode for the figure block blk[0..n), into out; false when the
 * block is not such a figure. */
static bool figure_shortcode(const char *blk, size_t n, struct fc_buf *out, struct fc_error *err)
{
    static const char *const fig_attrs[] = {"class", NULL}, *const img_attrs[] = {"src", "alt",
                                                                                  "width", "height",
                                                                                  NULL};
    static const char *const a_attrs[] = {"href", "target", "rel", NULL};
    /* the caption as written between the tags, which html2md wrote */
    const char *c0 = strstr(blk, "<figcaption>"), *c1 = strstr(blk, "</figcaption>");
    if (!c0 || !c1 || c1 < c0 || c1 > blk + n)
        return false;
    /* Hugo's template writes the caption in a <p>: only a caption that
     * was one paragraph comes back the same */
    c0 += 12;
    while (c0 < c1 && fc_ascii_space((unsigned char)*c0))
        c0++;
    while (c1 > c0 && fc_ascii_space((unsigned char)c1[-1]))
        c1--;
    if (c1 - c0 < 7 || memcmp(c0, "<p>", 3) || memcmp(c1 - 4, "</p>", 4))
        return false;
    c0 += 3;
    c1 -= 4;
    for (const char *p = c0; p < c1; p++)
        if (*p == '<' && p + 2 < c1 && (p[1] == 'p' || p[1] == '/') &&
            (p[2] == '>' || p[2] == ' ' || p[2] == 'p'))
            return false; /* more than one paragraph */
    for (const char *p = c0; p < c1; p++)
        if (strchr("\"\\*_`[]!#\n\r", *p) || (*p == '{' && p + 1 < c1 && p[1] == '{'))
            return false; /* markdownify would read it otherwise */
    const xmlNode *body;
    htmlDocPtr doc = fc_html_parse_fragment(blk, n, &body, err);
    if (!doc)
        return false;
    bool text = false, ok = false;
    const xmlNode *fig = body ? next_elem(body->children, &text) : NULL;
    const xmlNode *first = fig && elem(fig, "figure") ? next_elem(fig->children, &text) : NULL;
    const xmlNode *link = elem(first, "a") ? first : NULL;
    const xmlNode *img = link ? next_elem(link->children, &text) : first;
    const xmlNode *cap = first ? next_elem(first->next, &text) : NULL;
    if (fig && !next_elem(fig->next, &text) && elem(img, "img") && !img->children &&
        attrs_ok(fig, fig_attrs) && attrs_ok(img, img_attrs) && xmlHasProp(img, BAD_CAST "src") &&
        nonempty(img, "alt") &&
        (!link || (attrs_ok(link, a_attrs) && xmlHasProp(link, BAD_CAST "href") &&
                   !next_elem(img->next, &text))) &&
        elem(cap, "figcaption") && !cap->properties && !next_elem(cap->next, &text) && !text) {
        fc_buf_puts(out, "{{< figure");
        param(out, img, "src", "src");
        param(out, img, "alt", "alt");
        param(out, img, "width", "width");
        param(out, img, "height", "height");
        param(out, fig, "class", "class");
        if (link) {
            param(out, link, "href", "link");
            param(out, link, "target", "target");
            param(out, link, "rel", "rel");
        }
        fc_buf_puts(out, " caption=\"");
        fc_buf_add(out, c0, (size_t)(c1 - c0));
        fc_buf_puts(out, "\" >}}");
        ok = true;
    }
    xmlFreeDoc(doc);
    return ok;
}

void fc_sw_hugo_figures(struct fc_sw_post *sp)
{
    struct fc_buf *md = &sp->body;
    const char *s = fc_buf_cstr(md);
    if (!strstr(s, "<figure"))
        return;
    struct fc_buf out;
    fc_buf_init(&out);
    bool changed = false;
    size_t i = 0, n = md->len;
    while (i < n) {
        /* a block: lines up to a blank line */
        size_t e = i;
        while (e < n) {
            const char *nl = memchr(s + e, '\n', n - e);
            size_t le = nl ? (size_t)(nl - s) : n;
            if (le == e)
                break; /* a blank line */
            e = nl ? le + 1 : n;
        }
        size_t b0 = i, b1 = e;
        static const char marker[] = "</raw-html>\n";
        if (b1 - b0 > sizeof marker && !memcmp(s + b0, marker, sizeof marker - 1))
            b0 += sizeof marker - 1;
        while (b1 > b0 && s[b1 - 1] == '\n')
            b1--;
        struct fc_error err;
        size_t mark = out.len;
        if (b1 - b0 > 20 && !memcmp(s + b0, "<figure", 7) && !memcmp(s + b1 - 9, "</figure>", 9) &&
            figure_shortcode(s + b0, b1 - b0, &out, &err)) {
            if (e > b1)
                fc_buf_add(&out, s + b1, e - b1);
            changed = true;
        } else {
            out.len = mark;
            if (out.data)
                out.data[mark] = '\0';
            fc_buf_add(&out, s + i, e - i);
        }
        /* the blank lines after it */
        i = e;
        while (i < n && s[i] == '\n')
            fc_buf_putc(&out, s[i++]);
    }
    if (out.oom)
        fc_sticky_nomem(sp->st);
    else if (changed) {
        struct fc_buf t = *md;
        *md = out;
        out = t;
    }
    fc_buf_free(&out);
}
