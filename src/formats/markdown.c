/*
 * markdown.c - directories of Markdown files with YAML front matter: the
 * migration format (a WordPress feed into a Hugo or Jekyll site, a Jekyll
 * `_posts/` folder into a feed, one site layout into another).
 *
 * Specs and conventions: CommonMark 0.29 + GFM (bodies, via cmark-gfm),
 * YAML 1.2 (front matter: via libyaml, the common block subset read
 * directly, see "the quick path"), Hugo front matter and
 * configuration (gohugo.io/content-management/front-matter), Jekyll
 * front matter, posts, drafts and _config.yml (jekyllrb.com/docs).
 * This file: the format, the YAML helpers; markdown_write.c and
 * markdown_read.c hold the two directions.
 *
 * Layouts (--site; the reader detects them):
 *   plain   DIR/YYYY-MM-DD-slug.md, DIR/_feed.yml
 *   hugo    DIR/content/posts/slug.md (slug/index.md with --bundles),
 *           DIR/content/posts/_index.md, DIR/hugo.yaml
 *   jekyll  DIR/_posts/YYYY-MM-DD-slug.md, drafts DIR/_drafts/slug.md,
 *           DIR/_config.yml
 *   read only: Eleventy (.eleventy.js / eleventy.config.*: every .md
 *           outside _*, node_modules), Zola (config.toml with base_url:
 *           every .md under content/, YAML front matter only; TOML "+++" is skipped
 *           with a warning).
 * With --body html the body is the post's HTML verbatim in a .html file
 * (Hugo and Jekyll both take .html content with front matter).
 *
 * Post front matter (model <-> key; reader aliases in brackets):
 *   title                 title (HTML titles: text; HTML in feedconv.title_html)
 *   published             date: RFC 3339 with the original offset
 *                         [any form fc_time_parse reads, e.g. Jekyll's
 *                         "2024-01-15 10:30:00 +0530"; else YYYY-MM-DD- of
 *                         the file name]
 *   updated               hugo lastmod, jekyll last_modified_at, plain
 *                         updated [lastmod, modified, updated,
 *                         last_modified_at, date_modified]
 *   draft                 hugo/plain draft: true; jekyll _drafts/
 *                         [draft: true, published: false, _drafts/]
 *   categories, scheme    tags (list) [tags, tag: list or Jekyll's
 *     none/other                         space-separated string]
 *   categories, scheme    categories (list) [categories, category]
 *     "category"          (a term with any other scheme or a label: the
 *                         full list also in feedconv.categories)
 *   authors               authors: list of names [author, authors: string,
 *                         list, or {name, email, url}]; more than a name:
 *                         feedconv.authors
 *   summary               hugo/plain summary, jekyll excerpt [summary,
 *                         excerpt, description]; HTML: feedconv.summary_type
 *   slug                  slug (also the file name)
 *   url                   feedconv.url, and its path as hugo aliases /
 *                         jekyll redirect_from so old links keep working
 *   id                    guid [guid, id]; id_is_permalink in feedconv
 *   image                 hugo images: [url]; jekyll/plain image
 *   content_html          the body (Markdown via html2md; --body html: HTML)
 *   content_text          the body when there is no HTML (feedconv.body:
 *                         text), else feedconv.content_text
 *   everything else       feedconv: {field: value} by model field name,
 *                         with the value shapes of JSON Feed's _feedconv
 *                         (persons, tags, links, attachments, source, exts)
 *   fc_ext JSON, origin   the key itself (unknown keys read from any site
 *     "markdown"          come back as they were: `layout: post` survives
 *                         jekyll -> feed -> jekyll)
 *   other exts (RSS/Atom  feedconv.exts: [{name, ns, prefix, origin, attrs,
 *     XML, JSON Feed)     children}] / {kind: json, name, origin, value}
 *   jekyll always gets render_with_liquid: false (so "{{ x }}" in a body
 *   stays text) and excerpt_separator: "<!--more-->" when the body has one.
 *
 * Feed metadata:
 *   plain   _feed.yml: title, description, link, language, copyright,
 *           authors, feedconv: {...}
 *   hugo    hugo.yaml: title, baseURL, languageCode, copyright,
 *           params: {author, description, feedconv: {...}}, and
 *           markup.goldmark.renderer.unsafe: true (raw HTML in bodies is
 *           dropped by Hugo otherwise); content/posts/_index.md: title,
 *           description
 *   jekyll  _config.yml: title, description, url + baseurl, author, lang,
 *           feedconv: {...}
 *
 * Quirks:
 *  - every string scalar is double-quoted, so titles like no, yes, null,
 *    012, "a: b" or "#1" stay strings in every tool;
 *  - posts are read in file-name order (byte order, directories depth
 *    first), which is date order for plain and Jekyll; the reader cannot
 *    know a feed's original order;
 *  - a post read from a site with no feedconv.url gets a URL from the
 *    site's base URL when it has one: hugo BASE/posts/SLUG/, jekyll
 *    BASE/YYYY/MM/DD/SLUG.html (the default permalinks);
 *  - file names come from fc_slugify (ASCII letters, digits, '-', at most
 *    80 bytes): "../../etc/passwd" becomes etc-passwd, collisions get -2,
 *    -3; io.c refuses "..", absolute paths and symlinks on top of that;
 *  - files saved by other tools may hold Latin-1 bytes or NULs: the reader
 *    replaces them with U+FFFD (one warning per file, at the first), so
 *    the model and every writer get valid UTF-8.
 */
#include "formats/markdown.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

static const char *const md_aliases[] = {"md", NULL};
static const char *const md_extensions[] = {NULL};

const struct fc_format fc_format_markdown = {
    .name = "markdown",
    .description = "Markdown files with YAML front matter (plain, Hugo, Jekyll)",
    .aliases = md_aliases,
    .extensions = md_extensions,
    .caps = FC_CAN_READ | FC_CAN_WRITE | FC_IS_DIRECTORY,
    .detect = NULL, /* directories are handed to directory formats */
    .read = fc_md_read,
    .open_writer = fc_md_open_writer,
};

/* ---- shared mapping tables -------------------------------------------- */

#define PF(name)                                                                                   \
    {                                                                                              \
#name, offsetof(struct fc_post, name)                                                      \
    }
const struct fc_md_field fc_md_post_fields[] = {
    PF(url),  PF(external_url), PF(comments_url), PF(comments_feed), PF(language),
    PF(base), PF(content_src),  PF(content_type), PF(banner_image),  {NULL, 0},
};
#undef PF

#define FF(name)                                                                                   \
    {                                                                                              \
#name, offsetof(struct fc_feed, name)                                                      \
    }
const struct fc_md_field fc_md_feed_fields[] = {
    FF(feed_url), FF(id),   FF(icon),         FF(next_url),         FF(docs),
    FF(rating),   FF(base), FF(user_comment), FF(description_text), {NULL, 0},
};
#undef FF

static const char *const known_keys[] = {"title",
                                         "date",
                                         "lastmod",
                                         "modified",
                                         "updated",
                                         "last_modified_at",
                                         "date_modified",
                                         "draft",
                                         "published",
                                         "tags",
                                         "tag",
                                         "categories",
                                         "category",
                                         "authors",
                                         "author",
                                         "summary",
                                         "excerpt",
                                         "slug",
                                         "aliases",
                                         "redirect_from",
                                         "guid",
                                         "image",
                                         "images",
                                         FC_MD_KEY,
                                         "render_with_liquid",
                                         "excerpt_separator",
                                         NULL};

bool fc_md_known_key(const char *key)
{
    for (size_t i = 0; known_keys[i]; i++)
        if (strcmp(known_keys[i], key) == 0)
            return true;
    return false;
}

bool fc_md_split_front_matter(const char *text, size_t len, const char **yaml, size_t *ylen,
                              const char **body)
{
    const char *p = text;
    if (len >= 3 && (unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBB &&
        (unsigned char)p[2] == 0xBF)
        p += 3; /* UTF-8 BOM */
    const char *end = text + len;
    if (end - p < 3 || strncmp(p, "---", 3) != 0)
        return false;
    const char *q = p + 3;
    while (q < end && (*q == ' ' || *q == '\t' || *q == '\r'))
        q++;
    if (q < end && *q != '\n')
        return false;
    const char *start = q < end ? q + 1 : end;
    for (const char *line = start; line < end;) {
        const char *nl = memchr(line, '\n', (size_t)(end - line));
        const char *le = nl ? nl : end;
        const char *t = le;
        while (t > line && (t[-1] == ' ' || t[-1] == '\t' || t[-1] == '\r'))
            t--;
        if ((t - line == 3 && (!strncmp(line, "---", 3) || !strncmp(line, "...", 3)))) {
            *yaml = start;
            *ylen = (size_t)(line - start);
            *body = nl ? nl + 1 : end;
            return true;
        }
        line = nl ? nl + 1 : end;
    }
    /* an unterminated front matter: all of it is YAML, no body */
    *yaml = start;
    *ylen = (size_t)(end - start);
    *body = end;
    return true;
}

/* ---- YAML -> tree ----------------------------------------------------- */

struct yp {
    yaml_parser_t p;
    struct fc_arena *a;
    const char *file;
    unsigned long loff;
    struct fc_error *err;
};

static enum fc_status yp_error(struct yp *y)
{
    if (y->p.error == YAML_MEMORY_ERROR)
        return fc_nomem(y->err);
    const yaml_mark_t *m = &y->p.problem_mark;
    return fc_fail(y->err, FC_EPARSE, y->file, m->line + 1 + y->loff, m->column + 1,
                   "front matter: %s%s%s", y->p.problem ? y->p.problem : "YAML error",
                   y->p.context ? " " : "", y->p.context ? y->p.context : "");
}

static enum fc_status yp_next(struct yp *y, yaml_event_t *ev)
{
    if (!yaml_parser_parse(&y->p, ev))
        return yp_error(y);
    return FC_OK;
}

static struct fc_md_y *yp_new(struct yp *y, enum fc_md_ytype t, const yaml_event_t *ev)
{
    struct fc_md_y *n = fc_alloc(y->a, sizeof *n);
    if (n) {
        n->type = t;
        n->line = ev->start_mark.line + 1 + y->loff;
        n->column = ev->start_mark.column + 1;
    }
    return n;
}

static enum fc_status yp_node(struct yp *y, yaml_event_t *ev, unsigned depth, struct fc_md_y **out);

/* Children of a sequence or mapping up to its end event. */
static enum fc_status yp_kids(struct yp *y, struct fc_md_y *n, yaml_event_type_t end,
                              unsigned depth)
{
    struct fc_md_y **v = NULL;
    size_t len = 0, cap = 0;
    enum fc_status st = FC_OK;
    for (;;) {
        yaml_event_t ev;
        if ((st = yp_next(y, &ev)) != FC_OK)
            break;
        if (ev.type == end) {
            yaml_event_delete(&ev);
            break;
        }
        struct fc_md_y *kid = NULL;
        st = yp_node(y, &ev, depth + 1, &kid);
        yaml_event_delete(&ev);
        if (st)
            break;
        if (len == cap) {
            size_t nc = cap ? cap * 2 : 8;
            struct fc_md_y **nv = realloc(v, nc * sizeof *nv);
            if (!nv) {
                st = fc_nomem(y->err);
                break;
            }
            v = nv;
            cap = nc;
        }
        v[len++] = kid;
    }
    if (st == FC_OK && len) {
        n->kids = fc_alloc(y->a, len * sizeof *n->kids);
        if (!n->kids)
            st = fc_nomem(y->err);
        else
            memcpy(n->kids, v, len * sizeof *v);
        n->n = len;
    }
    free(v);
    return st;
}

static enum fc_status yp_node(struct yp *y, yaml_event_t *ev, unsigned depth, struct fc_md_y **out)
{
    if (depth > FC_MD_MAX_DEPTH)
        return fc_fail(y->err, FC_ELIMIT, y->file, ev->start_mark.line + 1 + y->loff,
                       ev->start_mark.column + 1, "front matter nested too deeply");
    struct fc_md_y *n;
    switch (ev->type) {
    case YAML_SCALAR_EVENT:
        n = yp_new(y, FC_MD_SCALAR, ev);
        if (!n)
            return fc_nomem(y->err);
        n->len = ev->data.scalar.length;
        n->str = fc_strdup(y->a, (const char *)ev->data.scalar.value, n->len);
        if (!n->str)
            return fc_nomem(y->err);
        n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE && !ev->data.scalar.tag;
        *out = n;
        return FC_OK;
    case YAML_SEQUENCE_START_EVENT:
    case YAML_MAPPING_START_EVENT: {
        bool seq = ev->type == YAML_SEQUENCE_START_EVENT;
        n = yp_new(y, seq ? FC_MD_SEQ : FC_MD_MAP, ev);
        if (!n)
            return fc_nomem(y->err);
        *out = n;
        return yp_kids(y, n, seq ? YAML_SEQUENCE_END_EVENT : YAML_MAPPING_END_EVENT, depth);
    }
    case YAML_ALIAS_EVENT:
        return fc_fail(y->err, FC_EPARSE, y->file, ev->start_mark.line + 1 + y->loff,
                       ev->start_mark.column + 1,
                       "front matter: YAML aliases (*name) are not supported");
    default:
        return fc_fail(y->err, FC_EPARSE, y->file, ev->start_mark.line + 1 + y->loff,
                       ev->start_mark.column + 1, "front matter: unexpected YAML event");
    }
}

enum fc_status fc_md_yaml_parse_libyaml(struct fc_arena *a, const char *text, size_t len,
                                        const char *file, unsigned long line_offset,
                                        struct fc_md_y **root, struct fc_error *err)
{
    struct yp y = {.a = a, .file = file, .loff = line_offset, .err = err};
    *root = NULL;
    if (!yaml_parser_initialize(&y.p))
        return fc_nomem(err);
    yaml_parser_set_input_string(&y.p, (const unsigned char *)text, len);
    enum fc_status st = FC_OK;
    bool in_doc = false;
    for (;;) {
        yaml_event_t ev;
        if ((st = yp_next(&y, &ev)) != FC_OK)
            break;
        yaml_event_type_t t = ev.type;
        if (t == YAML_STREAM_END_EVENT) {
            yaml_event_delete(&ev);
            break;
        }
        if (t == YAML_DOCUMENT_START_EVENT) {
            if (*root || in_doc) {
                st = fc_fail(err, FC_EPARSE, file, ev.start_mark.line + 1 + line_offset,
                             ev.start_mark.column + 1, "front matter: more than one YAML document");
                yaml_event_delete(&ev);
                break;
            }
            in_doc = true;
        } else if (t == YAML_DOCUMENT_END_EVENT) {
            in_doc = false;
        } else if (t != YAML_STREAM_START_EVENT) {
            st = yp_node(&y, &ev, 0, root);
        }
        yaml_event_delete(&ev);
        if (st)
            break;
    }
    yaml_parser_delete(&y.p);
    return st;
}

/* ---- YAML -> tree, the quick path --------------------------------------- */
/*
 * libyaml's scanner costs 100+ instructions a byte, a quarter of a site ->
 * feed conversion.  Nearly all front matter is the block subset feedconv
 * itself writes, which this reads straight into the same tree: the same
 * text, styles, lines and columns (in characters) as libyaml's events.
 *
 * Taken: block mappings and sequences at any consistent indentation
 * (compact "- key: v" and indentless "key:\n- v" too); one-line plain,
 * 'single' and "double" quoted scalars (every libyaml escape); empty values;
 * comments, blank lines, "\r\n".  Anything else answers "not handled" and
 * goes to libyaml, which also reports every error: flow collections,
 * anchors, aliases, tags, block and multi-line scalars, tabs, document
 * markers, control characters, BOMs, NEL/LS/PS, keys past libyaml's 1024
 * characters, nesting past FC_MD_MAX_DEPTH.  When in doubt, not handled:
 * tests/test_yaml_quick.c and the markdown fuzzer compare both paths.
 * A fallback leaves the nodes read so far in the arena (a few times the
 * text at most; fallbacks are rare).
 */

enum q_res { Q_OK, Q_NO, Q_NOMEM };
enum q_after { Q_END, Q_COLON, Q_BAD }; /* what follows a scalar on its line */

struct qp {
    struct fc_arena *a;
    const char *end;
    const char *ls, *le, *next; /* the current line, its end (before "\r\n"), the next */
    unsigned long line;         /* of ls, 1-based, offset included */
    size_t ind;                 /* indentation of the current line, after q_peek */
    struct fc_md_y **stk;       /* kids of the open collections, innermost last */
    size_t nstk, cap;
    struct fc_md_y *local[64];
};

static void q_setline(struct qp *q, const char *ls)
{
    const char *nl = ls < q->end ? memchr(ls, '\n', (size_t)(q->end - ls)) : NULL;
    q->ls = ls;
    q->le = nl ? nl : q->end;
    q->next = nl ? nl + 1 : q->end;
    if (q->le > ls && q->le[-1] == '\r')
        q->le--;
}

static void q_nextline(struct qp *q)
{
    q->line++;
    q_setline(q, q->next);
}

/* Past blank and comment lines: true at a content line (indentation in q->ind). */
static bool q_peek(struct qp *q)
{
    while (q->ls < q->end) {
        const char *p = q->ls;
        while (p < q->le && *p == ' ')
            p++;
        if (p < q->le && *p != '#') {
            q->ind = (size_t)(p - q->ls);
            return true;
        }
        q_nextline(q);
    }
    return false;
}

/* libyaml counts columns in characters. */
static unsigned long q_col(const struct qp *q, const char *p)
{
    unsigned long c = 1;
    for (const char *s = q->ls; s < p; s++)
        c += ((unsigned char)*s & 0xC0) != 0x80;
    return c;
}

/* "- " or a "-" ending the line: a block sequence entry. */
static bool q_is_entry(const struct qp *q, const char *p)
{
    return *p == '-' && (p + 1 == q->le || p[1] == ' ');
}

static struct fc_md_y *q_new(struct qp *q, enum fc_md_ytype t, unsigned long line,
                             unsigned long column)
{
    struct fc_md_y *n = fc_alloc(q->a, sizeof *n);
    if (n) {
        n->type = t;
        n->line = line;
        n->column = column;
    }
    return n;
}

static bool q_push(struct qp *q, struct fc_md_y *n)
{
    if (q->nstk == q->cap) {
        size_t nc = q->cap * 2;
        struct fc_md_y **v =
            q->stk == q->local ? malloc(nc * sizeof *v) : realloc(q->stk, nc * sizeof *v);
        if (!v)
            return false;
        if (q->stk == q->local)
            memcpy(v, q->local, q->nstk * sizeof *v);
        q->stk = v;
        q->cap = nc;
    }
    q->stk[q->nstk++] = n;
    return true;
}

/* The kids pushed since from become n's. */
static enum q_res q_pop(struct qp *q, struct fc_md_y *n, size_t from)
{
    n->n = q->nstk - from;
    n->kids = fc_alloc(q->a, n->n * sizeof *n->kids);
    if (!n->kids)
        return Q_NOMEM;
    memcpy(n->kids, q->stk + from, n->n * sizeof *n->kids);
    q->nstk = from;
    return Q_OK;
}

/* The empty (null) value libyaml makes for "key:" and "-" with nothing. */
static enum q_res q_empty(struct qp *q, unsigned long line, unsigned long column,
                          struct fc_md_y **out)
{
    struct fc_md_y *n = q_new(q, FC_MD_SCALAR, line, column);
    if (!n || !(n->str = fc_strdup(q->a, "", 0)))
        return Q_NOMEM;
    n->plain = true;
    *out = n;
    return Q_OK;
}

static int q_hexval(const char *p, int digits, uint32_t *v)
{
    *v = 0;
    for (int i = 0; i < digits; i++) {
        char c = p[i];
        unsigned d;
        if (c >= '0' && c <= '9')
            d = (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f')
            d = (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            d = (unsigned)(c - 'A' + 10);
        else
            return 0;
        *v = *v << 4 | d;
    }
    return 1;
}

/* One escape at p (after the backslash, before le): its length in the
 * text, 0 when not taken (libyaml 0.2.5 has no \'); its bytes go to out
 * (up to 4) and *n. */
static size_t q_escape(const char *p, const char *le, char out[4], size_t *n)
{
    static const char simple[] = "0\0a\ab\bt\tn\nv\vf\fr\re\033  \"\"//\\\\";
    for (size_t i = 0; i + 1 < sizeof simple; i += 2)
        if (*p == simple[i]) {
            out[0] = simple[i + 1];
            *n = 1;
            return 1;
        }
    int digits = *p == 'x' ? 2 : *p == 'u' ? 4 : *p == 'U' ? 8 : 0;
    uint32_t cp;
    if (*p == 'N')
        cp = 0x85;
    else if (*p == '_')
        cp = 0xA0;
    else if (*p == 'L')
        cp = 0x2028;
    else if (*p == 'P')
        cp = 0x2029;
    else if (!digits || le - p <= digits || !q_hexval(p + 1, digits, &cp) ||
             (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
        return 0;
    if (cp < 0x80) {
        out[0] = (char)cp;
        *n = 1;
    } else if (cp < 0x800) {
        out[0] = (char)(0xC0 | cp >> 6);
        out[1] = (char)(0x80 | (cp & 0x3F));
        *n = 2;
    } else if (cp < 0x10000) {
        out[0] = (char)(0xE0 | cp >> 12);
        out[1] = (char)(0x80 | (cp >> 6 & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        *n = 3;
    } else {
        out[0] = (char)(0xF0 | cp >> 18);
        out[1] = (char)(0x80 | (cp >> 12 & 0x3F));
        out[2] = (char)(0x80 | (cp >> 6 & 0x3F));
        out[3] = (char)(0x80 | (cp & 0x3F));
        *n = 4;
    }
    return 1 + (size_t)digits;
}

/* A "double-quoted" scalar's text from p (after the quote): *close at the
 * closing quote; false when it does not close on this line. */
static enum q_res q_dquoted(struct qp *q, const char *p, struct fc_md_y *n, const char **close)
{
    const char *le = q->le, *e = memchr(p, '"', (size_t)(le - p));
    const char *bs = memchr(p, '\\', (size_t)((e ? e : le) - p));
    if (!bs) { /* no escapes: the common case */
        if (!e)
            return Q_NO;
        *close = e;
        n->len = (size_t)(e - p);
        n->str = fc_strdup(q->a, p, n->len);
        return n->str ? Q_OK : Q_NOMEM;
    }
    /* measure, then decode */
    size_t len = 0, k, m;
    char buf[4];
    const char *s = p;
    while (s < le && *s != '"') {
        if (*s != '\\') {
            s++, len++;
            continue;
        }
        if (s + 1 == le || !(k = q_escape(s + 1, le, buf, &m)))
            return Q_NO;
        s += 1 + k, len += m;
    }
    if (s == le)
        return Q_NO;
    *close = s;
    char *out = fc_alloc(q->a, len + 1);
    if (!out)
        return Q_NOMEM;
    n->str = out;
    n->len = len;
    for (s = p; *s != '"';) {
        if (*s != '\\') {
            *out++ = *s++;
            continue;
        }
        k = q_escape(s + 1, le, out, &m);
        s += 1 + k, out += m;
    }
    return Q_OK;
}

/* A 'single-quoted' scalar's text from p (after the quote). */
static enum q_res q_squoted(struct qp *q, const char *p, struct fc_md_y *n, const char **close)
{
    const char *le = q->le, *s = p;
    size_t len = 0;
    for (;; s++, len++) {
        const char *e = memchr(s, '\'', (size_t)(le - s));
        if (!e)
            return Q_NO;
        len += (size_t)(e - s);
        s = e;
        if (s + 1 == le || s[1] != '\'')
            break;
        s++; /* '' is one quote */
    }
    *close = s;
    char *out = fc_alloc(q->a, len + 1);
    if (!out)
        return Q_NOMEM;
    n->str = out;
    n->len = len;
    for (s = p; s < *close; s++) {
        *out++ = *s;
        if (*s == '\'')
            s++;
    }
    return Q_OK;
}

/* A one-line scalar at p; *after says what follows it, *colon where. */
static enum q_res q_scalar(struct qp *q, const char *p, struct fc_md_y **out, enum q_after *after,
                           const char **colon)
{
    const char *le = q->le, *s;
    struct fc_md_y *n = q_new(q, FC_MD_SCALAR, q->line, q_col(q, p));
    if (!n)
        return Q_NOMEM;
    *out = n;
    *after = Q_BAD;
    if (*p == '"' || *p == '\'') {
        const char *close = NULL;
        enum q_res r = *p == '"' ? q_dquoted(q, p + 1, n, &close) : q_squoted(q, p + 1, n, &close);
        if (r)
            return r;
        for (s = close + 1; s < le && *s == ' ';)
            s++;
        if (s == le || (*s == '#' && s > close + 1))
            *after = Q_END;
        else if (*s == ':' && (s + 1 == le || s[1] == ' '))
            *after = Q_COLON, *colon = s;
        return Q_OK;
    }
    switch (*p) { /* indicators cannot start a plain scalar ("-x" can) */
    case '-':
        if (p + 1 < le && p[1] != ' ')
            break;
        return Q_NO;
    case '?':
    case ':':
    case ',':
    case '[':
    case ']':
    case '{':
    case '}':
    case '#':
    case '&':
    case '*':
    case '!':
    case '|':
    case '>':
    case '%':
    case '@':
    case '`':
        return Q_NO;
    default:
        break;
    }
    /* up to ": ", " #" or the end of the line, without trailing spaces */
    const char *e = p;
    *after = Q_END;
    for (s = p; s < le; s++) {
        if (*s == ' ') {
            if (s + 1 < le && s[1] == '#')
                break;
        } else if (*s == ':' && (s + 1 == le || s[1] == ' ')) {
            *after = Q_COLON, *colon = s;
            break;
        } else {
            e = s + 1;
        }
    }
    n->len = (size_t)(e - p);
    n->plain = true;
    n->str = fc_strdup(q->a, p, n->len);
    return n->str ? Q_OK : Q_NOMEM;
}

static enum q_res q_seq(struct qp *q, const char *p, unsigned depth, bool indentless,
                        struct fc_md_y **out);
static enum q_res q_map(struct qp *q, const char *p, unsigned depth, struct fc_md_y *key,
                        const char *colon, struct fc_md_y **out);

/* A collection starting a line of its own, at p. */
static enum q_res q_block(struct qp *q, const char *p, unsigned depth, struct fc_md_y **out)
{
    if (q_is_entry(q, p))
        return q_seq(q, p, depth, false, out);
    return q_map(q, p, depth, NULL, NULL, out);
}

/* What follows "key:" or "-" (at v) in a collection indented col: a scalar
 * on the line, a collection on the lines below, or an empty value. */
static enum q_res q_value(struct qp *q, const char *v, size_t col, unsigned depth, bool item,
                          struct fc_md_y **out)
{
    const char *s = v;
    while (s < q->le && *s == ' ')
        s++;
    if (s < q->le && *s != '#') {
        if (q_is_entry(q, s))
            return item ? q_seq(q, s, depth, false, out) : Q_NO;
        enum q_after after;
        const char *colon = NULL;
        enum q_res r = q_scalar(q, s, out, &after, &colon);
        if (r)
            return r;
        if (item && after == Q_COLON) /* "- key: value", a compact mapping */
            return q_map(q, s, depth, *out, colon, out);
        if (after != Q_END)
            return Q_NO;
        q_nextline(q);
        return Q_OK;
    }
    unsigned long line = q->line, column = q_col(q, v);
    q_nextline(q);
    if (q_peek(q)) {
        const char *p = q->ls + q->ind;
        if (q->ind > col)
            return q_block(q, p, depth, out);
        if (!item && q->ind == col && q_is_entry(q, p))
            return q_seq(q, p, depth, true, out); /* "key:\n- item" */
    }
    return q_empty(q, line, column, out);
}

/* A block mapping whose first key is at p (already read when key is set).
 * Columns are bytes here: only spaces and "- " come before p. */
static enum q_res q_map(struct qp *q, const char *p, unsigned depth, struct fc_md_y *key,
                        const char *colon, struct fc_md_y **out)
{
    if (depth + 1 > FC_MD_MAX_DEPTH)
        return Q_NO; /* libyaml's path reports it */
    size_t col = (size_t)(p - q->ls), from = q->nstk;
    struct fc_md_y *m = q_new(q, FC_MD_MAP, q->line, key ? key->column : q_col(q, p));
    if (!m)
        return Q_NOMEM;
    for (;;) {
        enum q_res r;
        if (!key) {
            enum q_after after;
            if ((r = q_scalar(q, p, &key, &after, &colon)))
                return r;
            if (after != Q_COLON)
                return Q_NO;
        }
        if (colon - p > 1000)
            return Q_NO; /* libyaml: a simple key is at most 1024 characters */
        struct fc_md_y *val;
        if (!q_push(q, key) || (r = q_value(q, colon + 1, col, depth + 1, false, &val)) == Q_NOMEM)
            return Q_NOMEM;
        if (r)
            return r;
        if (!q_push(q, val))
            return Q_NOMEM;
        key = NULL;
        if (!q_peek(q) || q->ind < col)
            break;
        p = q->ls + col;
        if (q->ind > col || q_is_entry(q, p))
            return Q_NO;
    }
    *out = m;
    return q_pop(q, m, from);
}

/* A block sequence whose first "-" is at p; an indentless one ("key:\n-")
 * ends at a key of its mapping. */
static enum q_res q_seq(struct qp *q, const char *p, unsigned depth, bool indentless,
                        struct fc_md_y **out)
{
    if (depth + 1 > FC_MD_MAX_DEPTH)
        return Q_NO;
    size_t col = (size_t)(p - q->ls), from = q->nstk;
    struct fc_md_y *s = q_new(q, FC_MD_SEQ, q->line, q_col(q, p));
    if (!s)
        return Q_NOMEM;
    for (;;) {
        struct fc_md_y *item;
        enum q_res r = q_value(q, p + 1, col, depth + 1, true, &item);
        if (r)
            return r;
        if (!q_push(q, item))
            return Q_NOMEM;
        if (!q_peek(q) || q->ind < col)
            break;
        p = q->ls + col;
        if (q->ind > col)
            return Q_NO;
        if (!q_is_entry(q, p)) {
            if (indentless)
                break;
            return Q_NO;
        }
    }
    *out = s;
    return q_pop(q, s, from);
}

/* "---" or "..." at a line start: document markers, for libyaml. */
static bool q_marker(const unsigned char *p, const unsigned char *e)
{
    return e - p >= 3 && ((p[0] == '-' && p[1] == '-' && p[2] == '-') ||
                          (p[0] == '.' && p[1] == '.' && p[2] == '.'));
}

/* Only what libyaml reads as printable characters on lines: UTF-8 without
 * C0/C1 controls (no tabs), surrogates, U+FEFF (libyaml skips it at line
 * starts), U+FFFE/F; line ends '\n' or "\r\n", no NEL, LS or PS. */
static bool q_text_ok(const unsigned char *p, size_t n)
{
    const unsigned char *e = p + n;
    if (q_marker(p, e))
        return false;
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    while (p < e) {
        if (e - p >= 8) { /* 8 bytes of 0x20..0x7E at a time */
            uint64_t w;
            memcpy(&w, p, 8);
            if (!((((w - 0x20 * ones) & ~w) | w | (w + ones)) & highs)) {
                p += 8;
                continue;
            }
        }
        unsigned c = *p;
        if (c >= 0x20 && c < 0x7F) {
            p++;
            continue;
        }
        if (c == '\n' || (c == '\r' && p + 1 < e && p[1] == '\n')) {
            p += c == '\r' ? 2 : 1;
            if (q_marker(p, e))
                return false;
            continue;
        }
        if (c < 0xC2 || c > 0xF4)
            return false;
        int k = c < 0xE0 ? 1 : c < 0xF0 ? 2 : 3;
        uint32_t cp = c & (0x3Fu >> k);
        if (e - p <= k)
            return false;
        for (int i = 1; i <= k; i++) {
            if ((p[i] & 0xC0) != 0x80)
                return false;
            cp = cp << 6 | (p[i] & 0x3Fu);
        }
        if ((k == 2 && cp < 0x800) || (k == 3 && (cp < 0x10000 || cp > 0x10FFFF)) || cp < 0xA0 ||
            (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF ||
            cp == 0xFFFE || cp == 0xFFFF)
            return false;
        p += k + 1;
    }
    return true;
}

enum fc_status fc_md_yaml_quick(struct fc_arena *a, const char *text, size_t len,
                                unsigned long line_offset, struct fc_md_y **root, bool *handled,
                                struct fc_error *err)
{
    *root = NULL;
    *handled = true;
    if (!len)
        return FC_OK; /* no document */
    if (!q_text_ok((const unsigned char *)text, len)) {
        *handled = false;
        return FC_OK;
    }
    struct qp q = {.a = a, .end = text + len, .line = 1 + line_offset, .cap = 64};
    q.stk = q.local;
    q_setline(&q, text);
    enum q_res r = Q_OK;
    struct fc_md_y *tree = NULL;
    if (q_peek(&q)) {
        r = q_block(&q, q.ls + q.ind, 0, &tree);
        if (r == Q_OK && q_peek(&q))
            r = Q_NO; /* more after the root collection */
    }
    if (q.stk != q.local)
        free(q.stk);
    if (r == Q_NOMEM)
        return fc_nomem(err);
    if (r == Q_NO)
        *handled = false;
    else
        *root = tree;
    return FC_OK;
}

enum fc_status fc_md_yaml_parse(struct fc_arena *a, const char *text, size_t len, const char *file,
                                unsigned long line_offset, struct fc_md_y **root,
                                struct fc_error *err)
{
    bool handled;
    enum fc_status st = fc_md_yaml_quick(a, text, len, line_offset, root, &handled, err);
    if (st || handled)
        return st;
    return fc_md_yaml_parse_libyaml(a, text, len, file, line_offset, root, err);
}

const struct fc_md_y *fc_md_get(const struct fc_md_y *y, const char *key)
{
    if (!y || y->type != FC_MD_MAP)
        return NULL;
    for (size_t i = 0; i + 1 < y->n; i += 2)
        if (y->kids[i]->type == FC_MD_SCALAR && strcmp(y->kids[i]->str, key) == 0)
            return y->kids[i + 1];
    return NULL;
}

static bool is_null(const struct fc_md_y *y)
{
    return y->type == FC_MD_SCALAR && y->plain &&
           (!*y->str || !strcmp(y->str, "~") || !strcmp(y->str, "null") ||
            !strcmp(y->str, "Null") || !strcmp(y->str, "NULL"));
}

const char *fc_md_str(const struct fc_md_y *y)
{
    if (!y || y->type != FC_MD_SCALAR || is_null(y))
        return NULL;
    return y->str;
}

int fc_md_bool(const struct fc_md_y *y)
{
    static const char *const yes[] = {"true", "True", "TRUE", "yes", "Yes",
                                      "YES",  "on",   "On",   "ON",  NULL};
    static const char *const no[] = {"false", "False", "FALSE", "no",  "No",
                                     "NO",    "off",   "Off",   "OFF", NULL};
    const char *s = fc_md_str(y);
    if (!s)
        return -1;
    for (size_t i = 0; yes[i]; i++)
        if (strcmp(s, yes[i]) == 0)
            return 1;
    for (size_t i = 0; no[i]; i++)
        if (strcmp(s, no[i]) == 0)
            return 0;
    return -1;
}

static bool is_int_text(const char *s)
{
    const char *p = s + (*s == '-' || *s == '+');
    if (!*p || (p[0] == '0' && p[1]))
        return false; /* "012" stays text: JSON has no leading zeros */
    for (; *p; p++)
        if (*p < '0' || *p > '9')
            return false;
    return strlen(s) < 19;
}

static bool is_float_text(const char *s)
{
    const char *p = s + (*s == '-' || *s == '+');
    size_t before = 0, after = 0;
    while (*p >= '0' && *p <= '9')
        p++, before++;
    if (*p != '.')
        return false;
    p++;
    while (*p >= '0' && *p <= '9')
        p++, after++;
    if (!before && !after)
        return false;
    if (*p == 'e' || *p == 'E') {
        p++;
        if (*p == '-' || *p == '+')
            p++;
        if (!(*p >= '0' && *p <= '9'))
            return false;
        while (*p >= '0' && *p <= '9')
            p++;
    }
    return *p == '\0';
}

/* YAML 1.2 core schema for plain scalars; quoted scalars are strings. */
json_t *fc_md_json(const struct fc_md_y *y)
{
    switch (y->type) {
    case FC_MD_SCALAR:
        if (y->plain) {
            if (is_null(y))
                return json_null();
            if (!strcmp(y->str, "true") || !strcmp(y->str, "True") || !strcmp(y->str, "TRUE"))
                return json_true();
            if (!strcmp(y->str, "false") || !strcmp(y->str, "False") || !strcmp(y->str, "FALSE"))
                return json_false();
            if (is_int_text(y->str)) {
                int64_t v;
                if (fc_parse_int(y->str[0] == '+' ? y->str + 1 : y->str, INT64_MIN, INT64_MAX, &v))
                    return json_integer((json_int_t)v);
            }
            if (is_float_text(y->str))
                return json_real(strtod(y->str, NULL));
        }
        return json_stringn(y->str, y->len);
    case FC_MD_SEQ: {
        json_t *a = json_array();
        for (size_t i = 0; a && i < y->n; i++)
            if (json_array_append_new(a, fc_md_json(y->kids[i])) != 0) {
                json_decref(a);
                return NULL;
            }
        return a;
    }
    case FC_MD_MAP: {
        json_t *o = json_object();
        for (size_t i = 0; o && i + 1 < y->n; i += 2) {
            const char *k = y->kids[i]->type == FC_MD_SCALAR ? y->kids[i]->str : "";
            if (json_object_set_new(o, k, fc_md_json(y->kids[i + 1])) != 0) {
                json_decref(o);
                return NULL;
            }
        }
        return o;
    }
    }
    return NULL;
}

char *fc_md_to_json(struct fc_arena *a, const struct fc_md_y *y)
{
    json_t *j = fc_md_json(y);
    if (!j)
        return NULL;
    char *s = json_dumps(j, JSON_COMPACT | JSON_ENCODE_ANY);
    json_decref(j);
    if (!s)
        return NULL;
    char *r = fc_strdup(a, s, (size_t)-1);
    free(s);
    return r;
}

/* ---- emitter ------------------------------------------------------------ */

static int emit_out(void *data, unsigned char *buffer, size_t size)
{
    struct fc_buf *b = data;
    fc_buf_add(b, buffer, size);
    return !b->oom;
}

static void emit(struct fc_md_emit *m, yaml_event_t *ev, int ok)
{
    if (!ok) { /* an event that cannot be made: libyaml could not copy its strings */
        m->failed = true;
        m->oom = true;
        return;
    }
    if (m->failed) {
        yaml_event_delete(ev);
        return;
    }
    if (!yaml_emitter_emit(&m->e, ev)) { /* takes the event, also on failure */
        m->failed = true;
        /* noted now: an allocation failure is FC_ENOMEM, not a write error */
        if (m->e.error == YAML_MEMORY_ERROR)
            m->oom = true;
    }
}

bool fc_md_emit_open(struct fc_md_emit *m, struct fc_buf *out, bool explicit_start)
{
    memset(m, 0, sizeof *m);
    m->out = out;
    if (!yaml_emitter_initialize(&m->e))
        return false;
    yaml_emitter_set_output(&m->e, emit_out, out);
    yaml_emitter_set_unicode(&m->e, 1);
    yaml_emitter_set_width(&m->e, -1);
    yaml_emitter_set_indent(&m->e, 2);
    yaml_event_t ev;
    emit(m, &ev, yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING));
    emit(m, &ev, yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, !explicit_start));
    if (m->failed) { /* callers do not close an emitter that did not open */
        yaml_emitter_delete(&m->e);
        return false;
    }
    return true;
}

bool fc_md_emit_close(struct fc_md_emit *m)
{
    yaml_event_t ev;
    emit(m, &ev, yaml_document_end_event_initialize(&ev, 1));
    emit(m, &ev, yaml_stream_end_event_initialize(&ev));
    if (!m->failed && !yaml_emitter_flush(&m->e))
        m->failed = true;
    if (m->e.error == YAML_MEMORY_ERROR || m->out->oom)
        m->oom = true;
    yaml_emitter_delete(&m->e);
    return !m->failed && !m->out->oom;
}

void fc_md_emit_map(struct fc_md_emit *m)
{
    yaml_event_t ev;
    emit(m, &ev, yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE));
}

void fc_md_emit_seq(struct fc_md_emit *m, bool flow)
{
    yaml_event_t ev;
    emit(m, &ev,
         yaml_sequence_start_event_initialize(
             &ev, NULL, NULL, 1, flow ? YAML_FLOW_SEQUENCE_STYLE : YAML_BLOCK_SEQUENCE_STYLE));
}

void fc_md_emit_end_map(struct fc_md_emit *m)
{
    yaml_event_t ev;
    emit(m, &ev, yaml_mapping_end_event_initialize(&ev));
}

void fc_md_emit_end_seq(struct fc_md_emit *m)
{
    yaml_event_t ev;
    emit(m, &ev, yaml_sequence_end_event_initialize(&ev));
}

static void emit_scalar(struct fc_md_emit *m, const char *s, size_t n, bool quoted)
{
    yaml_event_t ev;
    emit(m, &ev,
         yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)s, (int)n, !quoted, quoted,
                                      quoted ? YAML_DOUBLE_QUOTED_SCALAR_STYLE
                                             : YAML_PLAIN_SCALAR_STYLE));
}

void fc_md_emit_str(struct fc_md_emit *m, const char *s)
{
    if (!s)
        s = "";
    size_t n = strlen(s);
    if (n > INT32_MAX || !fc_utf8_valid(s, n)) {
        /* libyaml rejects invalid UTF-8; repair rather than fail */
        struct fc_buf b;
        fc_buf_init(&b);
        fc_utf8_repair(&b, s, n);
        if (b.oom || b.len > INT32_MAX)
            m->failed = m->oom = true;
        else
            emit_scalar(m, fc_buf_cstr(&b), b.len, true);
        fc_buf_free(&b);
        return;
    }
    emit_scalar(m, s, n, true);
}

void fc_md_emit_plain(struct fc_md_emit *m, const char *s)
{
    emit_scalar(m, s, strlen(s), false);
}

void fc_md_emit_int(struct fc_md_emit *m, long long v)
{
    char num[32];
    snprintf(num, sizeof num, "%lld", v);
    fc_md_emit_plain(m, num);
}

void fc_md_emit_kv(struct fc_md_emit *m, const char *key, const char *value)
{
    if (!value)
        return;
    fc_md_emit_plain(m, key);
    fc_md_emit_str(m, value);
}

/* Keys like "comment_count" need no quotes; anything YAML could read as
 * something else (yes, null, 1, "a b") gets them. */
static bool plain_key_ok(const char *k)
{
    static const char *const special[] = {"y",   "n",    "yes",   "no",   "on",
                                          "off", "true", "false", "null", NULL};
    if (!((*k >= 'a' && *k <= 'z') || (*k >= 'A' && *k <= 'Z') || *k == '_'))
        return false;
    for (const char *p = k; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
              *p == '_' || *p == '-'))
            return false;
    for (size_t i = 0; special[i]; i++)
        if (fc_strcasecmp(k, special[i]) == 0)
            return false;
    return true;
}

void fc_md_emit_key(struct fc_md_emit *m, const char *k)
{
    if (plain_key_ok(k))
        fc_md_emit_plain(m, k);
    else
        fc_md_emit_str(m, k);
}

void fc_md_emit_json(struct fc_md_emit *m, const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: {
        const char *k;
        json_t *x;
        fc_md_emit_map(m);
        json_object_foreach((json_t *)v, k, x)
        {
            fc_md_emit_key(m, k);
            fc_md_emit_json(m, x);
        }
        fc_md_emit_end_map(m);
        break;
    }
    case JSON_ARRAY: {
        size_t i;
        json_t *x;
        fc_md_emit_seq(m, false);
        json_array_foreach(v, i, x) fc_md_emit_json(m, x);
        fc_md_emit_end_seq(m);
        break;
    }
    case JSON_STRING:
        fc_md_emit_str(m, json_string_value(v));
        break;
    case JSON_INTEGER:
        fc_md_emit_int(m, (long long)json_integer_value(v));
        break;
    case JSON_REAL: {
        char num[40];
        snprintf(num, sizeof num, "%.15g", json_real_value(v));
        if (strtod(num, NULL) != json_real_value(v))
            snprintf(num, sizeof num, "%.17g", json_real_value(v));
        if (!strpbrk(num, ".eEn")) /* keep it a float: "1" would read back as an integer */
            snprintf(num + strlen(num), sizeof num - strlen(num), ".0");
        fc_md_emit_plain(m, num);
        break;
    }
    case JSON_TRUE:
        fc_md_emit_plain(m, "true");
        break;
    case JSON_FALSE:
        fc_md_emit_plain(m, "false");
        break;
    case JSON_NULL:
        fc_md_emit_plain(m, "null");
        break;
    }
}
