/*
 * wp_body.c - the_content, in WordPress's order (wp-includes/default-filters.php,
 * post-template.php get_the_content(), class-wp-query.php generate_postdata()):
 *
 *   1. <!--nextpage--> splits the post into pages (joined here by <hr />,
 *      with a warning); <!-- wp:more --> delimiters go, the first
 *      <!--more...--> splits each page into teaser and rest, which are
 *      rendered apart and joined by a plain "<!--more-->" (the site
 *      writers' excerpt separator; its custom text and <!--noteaser--> are
 *      WordPress display options and are dropped)
 *   2. code shortcodes (SyntaxHighlighter, priority 7) are taken out
 *   3. [embed] and URLs alone on a line or in a <p> (priority 8) embed
 *   4. blocks are rendered when the post has "<!-- wp:" (do_blocks, 9),
 *      and then there is no wpautop; else wpautop (10)
 *   5. shortcode_unautop (10), then the shortcodes (11); "[[x]]" -> "[x]"
 *      also for shortcodes feedconv does not know, which stay as written
 *      with one warning per name and post
 *   6. code blocks are made one shape, <pre><code class="language-x">
 *      (core/code, SyntaxHighlighter, Crayon "lang:x", Enlighter
 *      EnlighterJSRAW, rendered "brush: x"); footnotes are numbered by the
 *      footnotes meta and listed where the footnotes block is, or at the
 *      end
 *   7. the classes WordPress's editors add for its themes' CSS
 *      (wp-block-*, wp-image-N, size-*, align*, has-*, is-*...) go, so that
 *      a heading, a list or an image is plain HTML that Markdown can say;
 *      language-x and the classes of the markup made here stay
 * No wptexturize: the text stays as written.
 */
#include "sites/wp_run.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

static bool at(const char *s, size_t i, size_t n, const char *lit)
{
    size_t k = strlen(lit);
    return i <= n && n - i >= k && memcmp(s + i, lit, k) == 0;
}

/* The next c in s[i..n), n when none: most loops below only stop at one
 * kind of byte ('<', '['), and memchr finds it 16 or 32 bytes a step. */
static size_t next_at(const char *s, size_t i, size_t n, char c)
{
    const char *p = i < n ? memchr(s + i, c, n - i) : NULL;
    return p ? (size_t)(p - s) : n;
}

static size_t lines_in(const char *s, size_t n)
{
    size_t k = 0;
    for (const char *p = s; (p = memchr(p, '\n', n - (size_t)(p - s))) != NULL; p++)
        k++;
    return k;
}

/* ---- the run ------------------------------------------------------------------------ */

void fc_wp_nomem(struct fc_wp_run *r)
{
    fc_sticky_nomem(r->b->st);
}

/* A copy of s[0..n) appended to a growing array in the run's scratch
 * arena; false on ENOMEM (recorded). */
static bool push_copy(struct fc_wp_run *r, const char ***v, size_t *len, size_t *cap, const char *s,
                      size_t n)
{
    if (*len == *cap) {
        size_t nc = *cap ? *cap * 2 : 8;
        const char **nv = fc_alloc(r->scratch, nc * sizeof *nv);
        if (!nv) {
            fc_wp_nomem(r);
            return false;
        }
        if (*len)
            memcpy(nv, *v, *len * sizeof *nv);
        *v = nv;
        *cap = nc;
    }
    const char *c = fc_strdup(r->scratch, s, n);
    if (!c) {
        fc_wp_nomem(r);
        return false;
    }
    (*v)[(*len)++] = c;
    return true;
}

void fc_wp_warn(struct fc_wp_run *r, const char *key, const char *fmt, ...)
{
    if (key) {
        for (size_t i = 0; i < r->nwarned; i++)
            if (strcmp(r->warned[i], key) == 0)
                return;
        if (!push_copy(r, &r->warned, &r->nwarned, &r->capwarned, key, strlen(key)))
            return;
    }
    va_list ap;
    va_start(ap, fmt);
    fc_sticky_vwarn(r->b->st, r->line, 0, fmt, ap);
    va_end(ap);
}

/* The slots' HTML back in place of their placeholders.  A placeholder a
 * regex cut in two (an unclosed "<img " before "[code]" in a caption
 * without a width: WordPress keeps "<img " up to the first '>' and drops
 * the rest, the code with it) goes as what it stood for went: no part of
 * it stays. */
static void unslot(struct fc_wp_run *r, struct fc_buf *out, const char *s, size_t n)
{
    size_t done = 0;
    for (size_t m = next_at(s, 0, n, FC_WP_SLOT); m < n; m = next_at(s, m + 1, n, FC_WP_SLOT)) {
        size_t i = m >= 5 && at(s, m - 5, n, "<pre ") ? m - 5 : m;
        size_t j = m + 1, k = 0;
        while (j < n && s[j] >= '0' && s[j] <= '9' && k < 100000000)
            k = k * 10 + (size_t)(s[j++] - '0');
        if (i < done)
            i = done;
        fc_buf_add(out, s + done, i - done);
        if (i == m - 5 && j > m + 1 && at(s, j, n, "></pre>") && k < r->nslots) {
            fc_buf_puts(out, r->slots[k]);
            j += 7;
        } else if (at(s, j, n, ">")) { /* a cut one */
            j++;
        }
        m = j - 1;
        done = j;
    }
    fc_buf_add(out, s + done, n - done);
}

void fc_wp_slot(struct fc_wp_run *r, struct fc_buf *out, const char *html, size_t n)
{
    /* The HTML may hold earlier slots' placeholders (a code shortcode
     * paired across blocks that WordPress's parser reordered takes one in
     * as its text, escaped: it goes as a cut one does).  Stored with them
     * undone, so that unslot's one pass leaves none. */
    struct fc_buf x;
    fc_buf_init(&x);
    if (memchr(html, FC_WP_SLOT, n)) {
        unslot(r, &x, html, n);
        if (x.oom) {
            fc_wp_nomem(r);
            fc_buf_free(&x);
            return;
        }
        html = fc_buf_cstr(&x);
        n = x.len;
    }
    if (push_copy(r, &r->slots, &r->nslots, &r->capslots, html, n))
        fc_buf_printf(out, "<pre %c%zu></pre>", FC_WP_SLOT, r->nslots - 1);
    fc_buf_free(&x);
}

/* ---- unknown shortcodes ---------------------------------------------------------- */

static bool sc_name_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

/* "[name" at s[i] that looks like a shortcode feedconv does not know:
 * a lowercase name, then attributes with '=', or "/]", or a "[/name]"
 * later, or a name with '_' or '-' (plugins' style).  A plain "[word]"
 * or "[sic]" is text.  Its name span in *name / *len. */
static bool unknown_shortcode(const char *s, size_t i, size_t n, size_t *name, size_t *len)
{
    size_t j = i + 1;
    if (j >= n || !((s[j] >= 'a' && s[j] <= 'z') || s[j] == '_'))
        return false;
    while (j < n && sc_name_byte((unsigned char)s[j]))
        j++;
    if (j >= n || (s[j] != ']' && s[j] != ' ' && s[j] != '/' && s[j] != '\t'))
        return false;
    *name = i + 1;
    *len = j - i - 1;
    if (fc_wp_tag_index(&fc_wp_all_tags, s + *name, *len) >= 0)
        return false;
    const char *rb = memchr(s + j, ']', n - j);
    if (!rb)
        return false;
    size_t e = (size_t)(rb - s);
    if (memchr(s + j, '=', e - j) || (e > j && s[e - 1] == '/') || memchr(s + *name, '_', *len) ||
        memchr(s + *name, '-', *len))
        return true;
    for (size_t k = next_at(s, e, n, '['); k + *len + 3 <= n; k = next_at(s, k + 1, n, '['))
        if (s[k + 1] == '/' && memcmp(s + k + 2, s + *name, *len) == 0 && /* "[/name]" */
            s[k + 2 + *len] == ']')
            return true;
    return false;
}

/* One warning per unknown shortcode name, naming where it first is. */
static void warn_unknown(struct fc_wp_run *r, const char *s, size_t n)
{
    struct fc_buf m;
    fc_buf_init(&m);
    fc_wp_mask_brackets(&m, s, n);
    const char *t = fc_buf_cstr(&m);
    for (size_t i = next_at(t, 0, m.len, '['); i < m.len; i = next_at(t, i + 1, m.len, '[')) {
        size_t name, len;
        if ((i > 0 && t[i - 1] == '[') || !unknown_shortcode(t, i, m.len, &name, &len))
            continue;
        char key[80];
        snprintf(key, sizeof key, "[%.*s]", (int)(len < 60 ? len : 60), t + name);
        unsigned long line = r->line;
        r->line = r->b->line + lines_in(t, i);
        fc_wp_warn(r, key, "%s: unknown shortcode %s kept as written", r->b->what, key);
        r->line = line;
    }
    if (m.oom)
        fc_wp_nomem(r);
    fc_buf_free(&m);
}

/* "[[name ...]]" and "[[name]...[/name]]" of an unknown name as "[name
 * ...]" (WordPress's escape, which the writer meant to show a shortcode
 * as text); in masked text. */
static void unescape_unknown(struct fc_buf *out, const char *s, size_t n)
{
    size_t done = 0;
    for (size_t i = next_at(s, 0, n, '['); i + 2 < n; i = next_at(s, i + 1, n, '[')) {
        size_t name, len;
        if (s[i + 1] != '[' || !unknown_shortcode(s, i + 1, n, &name, &len)) {
            if (s[i] == '[' && s[i + 1] == '[' && i + 2 < n &&
                sc_name_byte((unsigned char)s[i + 2])) {
                /* a lowercase name that is no shortcode-like by itself: "[[foo]]" */
                size_t j = i + 2;
                while (j < n && sc_name_byte((unsigned char)s[j]))
                    j++;
                if (!(j + 1 < n && s[j] == ']' && s[j + 1] == ']') ||
                    fc_wp_tag_index(&fc_wp_all_tags, s + i + 2, j - i - 2) >= 0)
                    continue;
                fc_buf_add(out, s + done, i - done);
                fc_buf_add(out, s + i + 1, j + 1 - i - 1);
                i = j + 1;
                done = j + 2;
            }
            continue;
        }
        const char *rb = memchr(s + name, ']', n - name);
        size_t e = (size_t)(rb - s);
        if (e + 1 < n && s[e + 1] == ']') { /* [[name ...]] */
            fc_buf_add(out, s + done, i - done);
            fc_buf_add(out, s + i + 1, e + 1 - i - 1);
            i = e + 1;
            done = e + 2;
            continue;
        }
        for (size_t k = e; k + len + 4 <= n; k++) { /* [[name]...[/name]] */
            if (s[k] == '[' && s[k + 1] == '/' && memcmp(s + k + 2, s + name, len) == 0 &&
                s[k + 2 + len] == ']') {
                if (s[k + 3 + len] == ']') {
                    fc_buf_add(out, s + done, i - done);
                    fc_buf_add(out, s + i + 1, k + 3 + len - i - 1);
                    done = k + 4 + len;
                    i = done - 1;
                }
                break;
            }
        }
    }
    fc_buf_add(out, s + done, n - done);
}

/* The final shortcode pass: masked, do_shortcode, unknown escapes, back. */
static void final_shortcodes(struct fc_wp_run *r, struct fc_buf *out, const char *s, size_t n)
{
    struct fc_buf masked, done;
    fc_buf_init(&masked);
    fc_buf_init(&done);
    fc_wp_mask_brackets(&masked, s, n);
    if (!fc_wp_do_shortcode(&done, fc_buf_cstr(&masked), masked.len, &fc_wp_all_tags,
                            fc_wp_render_shortcode, r, false))
        fc_wp_nomem(r);
    size_t from = out->len;
    unescape_unknown(out, fc_buf_cstr(&done), done.len);
    if (masked.oom || done.oom || out->oom)
        fc_wp_nomem(r);
    else if (out->data)
        fc_wp_unmask_brackets(out->data + from, out->len - from);
    fc_buf_free(&masked);
    fc_buf_free(&done);
}

/* ---- embeds ------------------------------------------------------------------------------ */

static bool url_byte(unsigned char c)
{
    return !fc_ascii_space(c) && c != '<' && c != '>' && c != '"';
}

/* 'https?://[^\s<>"]+' at s[i] (case-insensitive scheme): the end, 0. */
static size_t url_at(const char *s, size_t i, size_t n)
{
    size_t j = i;
    if (n - i >= 8 && fc_strncasecmp(s + i, "https://", 8) == 0)
        j = i + 8;
    else if (n - i >= 7 && fc_strncasecmp(s + i, "http://", 7) == 0)
        j = i + 7;
    else
        return 0;
    size_t k = j;
    while (k < n && url_byte((unsigned char)s[k]))
        k++;
    return k > j ? k : 0;
}

static bool blank_ws(const char *s, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++)
        if (!fc_ascii_space((unsigned char)s[i]))
            return false;
    return true;
}

/* WP_Embed::autoembed(): a URL alone on its line, then one alone in a
 * <p>, embed (newlines inside tags do not end lines). */
static void autoembed(struct fc_wp_run *r, struct fc_buf *out, const char *s, size_t n)
{
    struct fc_buf a, b;
    fc_buf_init(&a);
    fc_buf_init(&b);
    for (size_t i = 0; i < n;) { /* newlines inside tags: <!-- wp-line-break --> */
        if (s[i] != '<') {
            size_t lt = next_at(s, i, n, '<');
            fc_buf_add(&a, s + i, lt - i);
            i = lt;
            continue;
        }
        size_t e = fc_wp_html_element_end(s, i, n);
        while (i < e) {
            size_t nl = next_at(s, i, e, '\n');
            fc_buf_add(&a, s + i, nl - i);
            if (nl < e)
                fc_buf_puts(&a, "<!-- wp-line-break -->");
            i = nl < e ? nl + 1 : e;
        }
    }
    const char *t = fc_buf_cstr(&a);
    size_t tn = a.len, done = 0;
    for (size_t ls = 0; ls <= tn;) { /* '|^(\s*)(https?://[^\s<>"]+)(\s*)$|im' */
        const char *nl = ls < tn ? memchr(t + ls, '\n', tn - ls) : NULL;
        size_t le = nl ? (size_t)(nl - t) : tn, u = ls, ue;
        while (u < le && fc_ascii_space((unsigned char)t[u]))
            u++;
        if (u < le && (ue = url_at(t, u, le)) != 0 && blank_ws(t, ue, le)) {
            fc_buf_add(&b, t + done, u - done);
            fc_wp_embed(r, &b, t + u, ue - u);
            done = ue;
        }
        ls = le + 1;
    }
    fc_buf_add(&b, t + done, tn - done);
    t = fc_buf_cstr(&b);
    tn = b.len;
    done = 0;
    struct fc_buf c;
    fc_buf_init(&c);
    /* '|(<p(?: [^>]*)?>\s*)(URL)(\s*<\/p>)|i' */
    for (size_t i = next_at(t, 0, tn, '<'); i + 3 < tn; i = next_at(t, i + 1, tn, '<')) {
        if ((t[i + 1] != 'p' && t[i + 1] != 'P') || (t[i + 2] != '>' && t[i + 2] != ' '))
            continue;
        const char *gt = memchr(t + i + 2, '>', tn - i - 2);
        if (!gt)
            continue;
        size_t u = (size_t)(gt - t) + 1, ue, k;
        while (u < tn && fc_ascii_space((unsigned char)t[u]))
            u++;
        if (!(ue = url_at(t, u, tn)))
            continue;
        k = ue;
        while (k < tn && fc_ascii_space((unsigned char)t[k]))
            k++;
        if (tn - k < 4 || fc_strncasecmp(t + k, "</p>", 4) != 0)
            continue;
        if (fc_wp_embed_is_block(t + u, ue - u)) { /* the embed is the paragraph */
            fc_buf_add(&c, t + done, i - done);
            fc_wp_embed(r, &c, t + u, ue - u);
            done = k + 4;
        } else {
            fc_buf_add(&c, t + done, u - done);
            fc_wp_embed(r, &c, t + u, ue - u);
            done = ue;
        }
        i = k + 3;
    }
    fc_buf_add(&c, t + done, tn - done);
    /* the line breaks back */
    t = fc_buf_cstr(&c);
    tn = c.len;
    done = 0;
    for (size_t i = next_at(t, 0, tn, '<'); i < tn; i = next_at(t, i + 1, tn, '<')) {
        if (at(t, i, tn, "<!-- wp-line-break -->")) {
            fc_buf_add(out, t + done, i - done);
            fc_buf_putc(out, '\n');
            done = i + 22;
            i += 21;
        }
    }
    fc_buf_add(out, t + done, tn - done);
    if (a.oom || b.oom || c.oom)
        fc_wp_nomem(r);
    fc_buf_free(&a);
    fc_buf_free(&b);
    fc_buf_free(&c);
}

/* ---- blocks ------------------------------------------------------------------------------- */

static void render_blocks(struct fc_wp_run *r, struct fc_buf *out, const char *s, size_t n,
                          unsigned long line);

static json_t *block_attrs(struct fc_wp_run *r, const struct fc_wp_block *b)
{
    if (!b->attrs)
        return NULL;
    json_error_t e;
    json_t *v = json_loadb(b->attrs, b->attrs_len, JSON_DECODE_ANY, &e);
    if (!v || !json_is_object(v)) {
        fc_wp_warn(r, NULL, "%s: block %s has attributes that are not a JSON object; ignored",
                   r->b->what, b->name);
        json_decref(v);
        return NULL;
    }
    return v;
}

static const char *attr_str(json_t *attrs, const char *key)
{
    json_t *v = json_object_get(attrs, key);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

static void render_block(struct fc_wp_run *r, struct fc_buf *out, const struct fc_wp_block *b,
                         unsigned long line);

static void render_inner(struct fc_wp_run *r, struct fc_buf *out, const struct fc_wp_block *b,
                         unsigned long line)
{
    size_t k = 0;
    for (size_t i = 0; i < b->nchunks; i++) {
        if (b->chunks[i].html)
            fc_buf_add(out, b->chunks[i].html, b->chunks[i].len);
        else if (k < b->ninner)
            render_block(r, out, b->inner[k++], line);
    }
}

/* The element `tag`'s content (the first one) in s[0..n): *a, *e. */
static bool element_content(const char *s, size_t n, const char *tag, size_t *a, size_t *e)
{
    char open[24], close[24];
    snprintf(open, sizeof open, "<%s", tag);
    snprintf(close, sizeof close, "</%s>", tag);
    size_t ol = strlen(open), cl = strlen(close);
    for (size_t i = 0; i + ol <= n; i++) {
        if (s[i] != '<' || fc_strncasecmp(s + i, open, ol) != 0 ||
            (i + ol < n && s[i + ol] != '>' && !fc_ascii_space((unsigned char)s[i + ol])))
            continue;
        const char *gt = memchr(s + i, '>', n - i);
        if (!gt)
            return false;
        *a = (size_t)(gt - s) + 1;
        for (size_t j = *a; j + cl <= n; j++) {
            if (s[j] == '<' && fc_strncasecmp(s + j, close, cl) == 0) {
                *e = j;
                return true;
            }
        }
        return false;
    }
    return false;
}

/* core/code with a language attribute (Code Syntax Block and the like),
 * syntaxhighlighter/code (the language only in the attributes, the code
 * escaped once inside a bare <pre>), enlighter/codeblock. */
static void code_block(struct fc_wp_run *r, struct fc_buf *out, const char *html, size_t n,
                       const char *lang, bool she)
{
    /* shortcodes rendered earlier are part of this code: their
     * placeholders would not survive being cut at the element or escaped */
    struct fc_buf raw, text, esc;
    fc_buf_init(&raw);
    fc_buf_init(&text);
    fc_buf_init(&esc);
    unslot(r, &raw, html, n);
    html = fc_buf_cstr(&raw);
    n = raw.len;
    size_t a, e;
    if (!element_content(html, n, she ? "pre" : "code", &a, &e) &&
        !element_content(html, n, "pre", &a, &e)) {
        fc_buf_add(out, html, n);
    } else if (!she) {
        fc_wp_code_html(out, fc_wp_code_lang(lang), html + a, e - a);
    } else {
        fc_wp_decode_entities(&text, html + a, e - a); /* htmlspecialchars_decode */
        fc_wp_escape(&esc, fc_buf_cstr(&text), text.len, false);
        fc_wp_code_html(out, fc_wp_code_lang(lang), fc_buf_cstr(&esc), esc.len);
    }
    if (raw.oom || text.oom || esc.oom)
        fc_wp_nomem(r);
    fc_buf_free(&raw);
    fc_buf_free(&text);
    fc_buf_free(&esc);
}

/* core/embed (and WordPress 5.0-5.5's core-embed/ blocks): the URL of the
 * attributes embedded, the caption kept. */
static void embed_block(struct fc_wp_run *r, struct fc_buf *out, const char *html, size_t n,
                        const char *url)
{
    size_t a, e;
    bool cap = element_content(html, n, "figcaption", &a, &e) && e > a;
    if (cap)
        fc_buf_puts(out, "<figure>");
    fc_wp_embed(r, out, url, strlen(url));
    if (cap) {
        fc_buf_puts(out, "<figcaption>");
        fc_buf_add(out, html + a, e - a);
        fc_buf_puts(out, "</figcaption></figure>");
    }
    fc_buf_putc(out, '\n');
}

/* core/image: an empty alt filled from the attachment's alt text. */
static void image_block(struct fc_wp_run *r, struct fc_buf *out, const char *html, size_t n,
                        json_t *attrs)
{
    const struct fc_wp_site *site = r->b->site;
    json_t *id = json_object_get(attrs, "id");
    const struct fc_wp_attachment *att =
        site && json_is_integer(id) ? site->attachment(site->ctx, json_integer_value(id)) : NULL;
    const char *empty = NULL;
    for (size_t i = 0; att && att->alt && *att->alt && i + 7 <= n && !empty; i++)
        if (memcmp(html + i, " alt=\"\"", 7) == 0)
            empty = html + i;
    if (!empty) {
        fc_buf_add(out, html, n);
        return;
    }
    fc_buf_add(out, html, (size_t)(empty - html));
    fc_buf_puts(out, " alt=\"");
    fc_wp_escape(out, att->alt, strlen(att->alt), true);
    fc_buf_putc(out, '"');
    fc_buf_add(out, empty + 7, n - (size_t)(empty - html) - 7);
}

/* core/gallery of WordPress 5.0-5.8: {"ids":[...]} rebuilt as a gallery. */
static bool old_gallery(struct fc_wp_run *r, struct fc_buf *out, json_t *attrs)
{
    json_t *ids = json_object_get(attrs, "ids"), *v;
    size_t i;
    if (!json_is_array(ids) || !json_array_size(ids) || !r->b->site)
        return false;
    struct fc_buf list;
    fc_buf_init(&list);
    json_array_foreach(ids, i, v)
    {
        if (json_is_integer(v))
            fc_buf_printf(&list, "%s%lld", list.len ? "," : "", (long long)json_integer_value(v));
        else if (json_is_string(v))
            fc_buf_printf(&list, "%s%s", list.len ? "," : "", json_string_value(v));
    }
    const char *link = attr_str(attrs, "linkTo");
    struct fc_wp_att at[3] = {{"ids", fc_buf_cstr(&list), -1},
                              {"link",
                               link && !strcmp(link, "media")  ? "file"
                               : link && !strcmp(link, "none") ? "none"
                                                               : "",
                               -1},
                              {"size", attr_str(attrs, "sizeSlug"), -1}};
    json_t *cols = json_object_get(attrs, "columns");
    char cbuf[24];
    struct fc_wp_att all[4] = {at[0], at[1], at[2], {"columns", NULL, -1}};
    if (json_is_integer(cols)) {
        snprintf(cbuf, sizeof cbuf, "%lld", (long long)json_integer_value(cols));
        all[3].value = cbuf;
    }
    struct fc_wp_atts atts = {all, all[3].value ? 4 : 3};
    if (!all[2].value)
        all[2].value = "large";
    fc_wp_gallery(r, &atts, out);
    fc_buf_putc(out, '\n');
    if (list.oom)
        fc_wp_nomem(r);
    fc_buf_free(&list);
    return true;
}

/* core/block {"ref":N}: the reusable block's content, rendered in place. */
static void reusable_block(struct fc_wp_run *r, struct fc_buf *out, json_t *attrs,
                           unsigned long line)
{
    json_t *ref = json_object_get(attrs, "ref");
    const struct fc_wp_site *site = r->b->site;
    int64_t id = json_is_integer(ref) ? json_integer_value(ref) : 0;
    bool cycle = false;
    for (unsigned i = 0; i < r->depth; i++)
        cycle = cycle || r->block_refs[i] == id;
    if (!id || cycle || r->depth >= sizeof r->block_refs / sizeof r->block_refs[0]) {
        fc_wp_warn(r, NULL, "%s: reusable block %lld %s; left out", r->b->what, (long long)id,
                   id ? "includes itself" : "has no id");
        return;
    }
    const char *content = site ? site->reusable_block(site->ctx, id, r->scratch, r->b->st) : NULL;
    if (!content) {
        fc_wp_warn(r, NULL, "%s: reusable block %lld is not in the export; left out", r->b->what,
                   (long long)id);
        return;
    }
    r->block_refs[r->depth++] = id;
    render_blocks(r, out, content, strlen(content), line);
    r->depth--;
}

/* The footnotes block: render_block_core_footnotes(). */
static void footnotes_list(struct fc_wp_run *r, struct fc_buf *out)
{
    r->fn_placed = true;
    if (!r->nfn)
        return;
    fc_buf_puts(out, "<ol class=\"footnotes\">");
    for (size_t i = 0; i < r->nfn; i++) {
        fc_buf_puts(out, "<li id=\"");
        fc_wp_escape(out, r->fn_ids[i], strlen(r->fn_ids[i]), true);
        fc_buf_puts(out, "\">");
        fc_buf_puts(out, r->fn_html[i]);
        fc_buf_puts(out, " <a href=\"#");
        fc_wp_escape(out, r->fn_ids[i], strlen(r->fn_ids[i]), true);
        fc_buf_puts(out, "-link\">\xE2\x86\xA9\xEF\xB8\x8E</a></li>");
    }
    fc_buf_puts(out, "</ol>\n");
}

static void render_block(struct fc_wp_run *r, struct fc_buf *out, const struct fc_wp_block *b,
                         unsigned long line)
{
    if (!b->name) {
        render_inner(r, out, b, line);
        return;
    }
    unsigned long saved = r->line;
    r->line = line;
    json_t *attrs = block_attrs(r, b);
    const char *n = b->name;
    struct fc_buf inner;
    fc_buf_init(&inner);
    render_inner(r, &inner, b, line);
    const char *h = fc_buf_cstr(&inner);
    const char *lang = attr_str(attrs, "language");
    if (!strcmp(n, "core/shortcode")) {
        fc_wp_autop(out, h, inner.len, true);
    } else if (!strcmp(n, "core/code") && lang) {
        code_block(r, out, h, inner.len, lang, false);
    } else if (!strcmp(n, "syntaxhighlighter/code")) {
        code_block(r, out, h, inner.len, lang, true);
    } else if (!strcmp(n, "enlighter/codeblock") && lang) {
        code_block(r, out, h, inner.len, lang, false);
    } else if ((!strcmp(n, "core/embed") || !strncmp(n, "core-embed/", 11)) &&
               attr_str(attrs, "url")) {
        embed_block(r, out, h, inner.len, attr_str(attrs, "url"));
    } else if (!strcmp(n, "core/image")) {
        image_block(r, out, h, inner.len, attrs);
    } else if (!strcmp(n, "core/gallery") && old_gallery(r, out, attrs)) {
        /* rebuilt from its ids */
    } else if (!strcmp(n, "core/gallery") && !strncmp(h + strspn(h, " \t\r\n"), "<figure", 7) &&
               strchr(h, '>')) {
        /* a figure of image figures: the classic gallery's shape */
        fc_buf_add(out, h, strspn(h, " \t\r\n"));
        fc_buf_puts(out, "<figure class=\"gallery\">");
        const char *gt = strchr(h, '>') + 1;
        fc_buf_add(out, gt, inner.len - (size_t)(gt - h));
    } else if (!strcmp(n, "core/block")) {
        reusable_block(r, out, attrs, line);
    } else if (!strcmp(n, "core/footnotes")) {
        footnotes_list(r, out);
    } else if (b->is_void && !b->nchunks) {
        fc_wp_warn(r, n, "%s: block %s has no saved HTML (the live site renders it); left out",
                   r->b->what, n);
    } else {
        fc_buf_add(out, h, inner.len);
    }
    if (inner.oom)
        fc_wp_nomem(r);
    fc_buf_free(&inner);
    json_decref(attrs);
    r->line = saved;
}

static void render_blocks(struct fc_wp_run *r, struct fc_buf *out, const char *s, size_t n,
                          unsigned long line)
{
    struct fc_wp_block **blocks;
    size_t nb;
    if (!fc_wp_parse_blocks(r->scratch, s, n, &blocks, &nb)) {
        fc_wp_nomem(r);
        return;
    }
    for (size_t i = 0; i < nb; i++) {
        const struct fc_wp_block *b = blocks[i];
        /* the white space between blocks: one line break */
        if (!b->name && b->nchunks == 1 && blank_ws(b->chunks[0].html, 0, b->chunks[0].len)) {
            if (out->len && out->data[out->len - 1] != '\n')
                fc_buf_putc(out, '\n');
            continue;
        }
        render_block(r, out, b, line + lines_in(s, b->offset));
    }
}

/* ---- code markup ------------------------------------------------------------------------ */

/* The value of attribute `name` in the start tag s[0..n) (case-insensitive
 * name, quoted or not), NULL when absent; into buf. */
static const char *tag_attr(const char *s, size_t n, const char *name, char *buf, size_t cap)
{
    size_t k = strlen(name);
    for (size_t i = 1; i + k < n; i++) {
        if (!fc_ascii_space((unsigned char)s[i - 1]) || fc_strncasecmp(s + i, name, k) != 0 ||
            s[i + k] != '=')
            continue;
        size_t j = i + k + 1, e;
        char q = j < n && (s[j] == '"' || s[j] == '\'') ? s[j++] : 0;
        for (e = j; e < n && (q ? s[e] != q : !fc_ascii_space((unsigned char)s[e]) && s[e] != '>');)
            e++;
        snprintf(buf, cap, "%.*s", (int)(e - j < cap - 1 ? e - j : cap - 1), s + j);
        return buf;
    }
    return NULL;
}

/* A class token of `cls` that starts with `prefix`: the rest into buf. */
static const char *class_token(const char *cls, const char *prefix, char *buf, size_t cap)
{
    size_t k = strlen(prefix);
    for (const char *p = cls; p && *p;) {
        while (*p == ' ' || *p == '\t')
            p++;
        size_t len = strcspn(p, " \t;");
        if (len > k && fc_strncasecmp(p, prefix, k) == 0) {
            snprintf(buf, cap, "%.*s", (int)(len - k < cap - 1 ? len - k : cap - 1), p + k);
            return buf;
        }
        p += len;
        while (*p == ';' || *p == ' ')
            p++;
    }
    return NULL;
}

/* One <pre> of the output: the start tag s[a..g) (g past '>'), its content
 * s[g..e) (e at "</pre>"); true when it was a code block made one shape. */
static bool code_markup(struct fc_wp_run *r, struct fc_buf *out, const char *s, size_t a, size_t g,
                        size_t e)
{
    char cls[256], lang[64], tmp[64], code_tag[256];
    const char *c = tag_attr(s + a, g - a, "class", cls, sizeof cls);
    const char *l = NULL;
    bool decode = false, raw = false;
    size_t ca = g, ce = e; /* the code: the pre's content, or its <code>'s */
    if (ce - ca > 5 && fc_strncasecmp(s + ca, "<code", 5) == 0 &&
        (s[ca + 5] == '>' || fc_ascii_space((unsigned char)s[ca + 5])) && ce - ca >= 13 &&
        fc_strncasecmp(s + ce - 7, "</code>", 7) == 0) {
        const char *gt = memchr(s + ca, '>', ce - ca);
        if ((size_t)(gt - s) + 1 > ce - 7) /* the '>' is the closer's own */
            return false;
        size_t tl = (size_t)(gt - s) + 1 - ca;
        snprintf(code_tag, sizeof code_tag, "%.*s", (int)(tl < 255 ? tl : 255), s + ca);
        ca = (size_t)(gt - s) + 1;
        ce -= 7;
        char cc[256];
        const char *ccls = tag_attr(code_tag, strlen(code_tag), "class", cc, sizeof cc);
        l = class_token(ccls, "language-", lang, sizeof lang);
        if (!l)
            l = tag_attr(code_tag, strlen(code_tag), "lang", lang, sizeof lang);
        if (!l && !c)
            return false;
    }
    if (c && strstr(c, "EnlighterJSRAW")) {
        l = tag_attr(s + a, g - a, "data-enlighter-language", lang, sizeof lang);
    } else if (c && class_token(c, "lang:", lang, sizeof lang)) { /* Crayon */
        l = lang;
        decode = class_token(c, "decode:", tmp, sizeof tmp) && !fc_strcasecmp(tmp, "true");
        raw = !decode;
    } else if (c && strstr(c, "brush:")) { /* SyntaxHighlighter: "brush: php; ..." */
        const char *b = strstr(c, "brush:") + 6;
        b += strspn(b, " \t");
        snprintf(lang, sizeof lang, "%.*s", (int)strcspn(b, " \t;"), b);
        l = lang;
    } else if (c && class_token(c, "language-", lang, sizeof lang)) {
        l = lang;
    } else if (!l && !(c && strstr(c, "wp-block-code"))) {
        return false;
    }
    if (raw && ce > ca && memchr(s + ca, '<', ce - ca) == NULL &&
        memchr(s + ca, '&', ce - ca) == NULL)
        raw = false; /* nothing to escape */
    struct fc_buf text;
    fc_buf_init(&text);
    if (decode || raw) { /* Crayon: the stored text is the code */
        struct fc_buf t;
        fc_buf_init(&t);
        if (decode)
            fc_wp_decode_entities(&t, s + ca, ce - ca);
        else
            fc_buf_add(&t, s + ca, ce - ca);
        fc_wp_escape(&text, fc_buf_cstr(&t), t.len, false);
        if (t.oom)
            text.oom = true;
        fc_buf_free(&t);
    } else {
        fc_buf_add(&text, s + ca, ce - ca);
    }
    fc_wp_code_html(out, fc_wp_code_lang(l), fc_buf_cstr(&text), text.len);
    if (text.oom)
        fc_wp_nomem(r);
    fc_buf_free(&text);
    return true;
}

static void code_blocks(struct fc_wp_run *r, struct fc_buf *out, const char *s, size_t n)
{
    size_t done = 0;
    for (size_t i = next_at(s, 0, n, '<'); i + 5 < n; i = next_at(s, i + 1, n, '<')) {
        if (fc_strncasecmp(s + i, "<pre", 4) != 0 ||
            (s[i + 4] != '>' && !fc_ascii_space((unsigned char)s[i + 4])))
            continue;
        const char *gt = memchr(s + i, '>', n - i);
        if (!gt)
            break;
        size_t g = (size_t)(gt - s) + 1, e = g;
        while (e + 6 <= n && !(s[e] == '<' && fc_strncasecmp(s + e, "</pre>", 6) == 0))
            e++;
        if (e + 6 > n)
            break;
        size_t mark = out->len;
        fc_buf_add(out, s + done, i - done);
        if (code_markup(r, out, s, i, g, e)) {
            i = e + 5;
            done = e + 6;
        } else {
            out->len = mark;
            if (out->data)
                out->data[out->len] = '\0';
            i = e + 5;
        }
    }
    fc_buf_add(out, s + done, n - done);
}

/* ---- presentational classes ------------------------------------------------------ */

/* A class WordPress adds for its themes' CSS. */
static bool theme_class(const char *t, size_t n)
{
    static const char *const prefixes[] = {
        "wp-block-", "wp-element-", "wp-image-",       "wp-embed-",   "wp-has-",
        "has-",      "is-style-",   "is-layout-",      "is-type-",    "is-provider-",
        "size-",     "columns-",    "blocks-gallery-", "attachment-", "align"};
    static const char *const words[] = {"is-cropped", "is-resized", "wp-caption-text", "fn",
                                        "wp-block-code"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strlen(words[i]) == n && memcmp(t, words[i], n) == 0)
            return true;
    for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
        size_t k = strlen(prefixes[i]);
        if (n > k && memcmp(t, prefixes[i], k) == 0)
            return true;
    }
    return false;
}

/* One start tag s[a..e) with its theme classes removed (the attribute with
 * them, when none is left); false when it has none to remove. */
static bool tag_classes(struct fc_buf *out, const char *s, size_t a, size_t e)
{
    size_t c = a;
    for (; c + 7 < e; c++)
        if (fc_ascii_space((unsigned char)s[c]) && fc_strncasecmp(s + c + 1, "class=", 6) == 0 &&
            (s[c + 7] == '"' || s[c + 7] == '\''))
            break;
    if (c + 7 >= e)
        return false;
    char q = s[c + 7];
    const char *v = s + c + 8, *ve = memchr(v, q, e - (size_t)(v - s));
    if (!ve)
        return false;
    bool any = false, keep = false;
    for (const char *p = v; p < ve;) {
        size_t len = 0;
        while (p + len < ve && !fc_ascii_space((unsigned char)p[len]))
            len++;
        if (len && theme_class(p, len))
            any = true;
        else if (len)
            keep = true;
        p += len ? len : 1;
    }
    if (!any)
        return false;
    fc_buf_add(out, s + a, c - a);
    if (keep) {
        bool first = true;
        fc_buf_puts(out, " class=\"");
        for (const char *p = v; p < ve;) {
            size_t len = 0;
            while (p + len < ve && !fc_ascii_space((unsigned char)p[len]))
                len++;
            if (len && !theme_class(p, len)) {
                if (!first)
                    fc_buf_putc(out, ' ');
                fc_buf_add(out, p, len);
                first = false;
            }
            p += len ? len : 1;
        }
        fc_buf_putc(out, '"');
    }
    fc_buf_add(out, ve + 1, e - (size_t)(ve + 1 - s));
    return true;
}

static void strip_theme_classes(struct fc_buf *out, const char *s, size_t n)
{
    size_t done = 0;
    for (size_t i = next_at(s, 0, n, '<'); i < n; i = next_at(s, i + 1, n, '<')) {
        if (i + 1 >= n || !fc_ascii_alpha((unsigned char)s[i + 1]))
            continue;
        size_t e = fc_wp_html_element_end(s, i, n);
        size_t mark = out->len;
        fc_buf_add(out, s + done, i - done);
        if (tag_classes(out, s, i, e)) {
            done = e;
        } else {
            out->len = mark;
            if (out->data)
                out->data[mark] = '\0';
        }
        i = e - 1;
    }
    fc_buf_add(out, s + done, n - done);
}

/* ---- footnotes --------------------------------------------------------------------------- */

static void footnotes_read(struct fc_wp_run *r, const char *meta)
{
    json_error_t e;
    json_t *v = meta ? json_loads(meta, 0, &e) : NULL, *o;
    size_t i;
    if (meta && !json_is_array(v)) {
        fc_wp_warn(r, NULL, "%s: the footnotes meta is not a JSON array; footnotes left out",
                   r->b->what);
        json_decref(v);
        return;
    }
    if (!v || !json_array_size(v)) {
        json_decref(v);
        return;
    }
    r->fn_ids = fc_alloc(r->scratch, json_array_size(v) * sizeof *r->fn_ids);
    r->fn_html = fc_alloc(r->scratch, json_array_size(v) * sizeof *r->fn_html);
    if (!r->fn_ids || !r->fn_html) {
        fc_wp_nomem(r);
        json_decref(v);
        return;
    }
    json_array_foreach(v, i, o)
    {
        const char *id = attr_str(o, "id"), *html = attr_str(o, "content");
        if (!id)
            continue;
        r->fn_ids[r->nfn] = fc_strdup(r->scratch, id, (size_t)-1);
        r->fn_html[r->nfn] = fc_strdup(r->scratch, html ? html : "", (size_t)-1);
        if (!r->fn_ids[r->nfn] || !r->fn_html[r->nfn]) {
            fc_wp_nomem(r);
            break;
        }
        r->nfn++;
    }
    json_decref(v);
}

/* Each <sup data-fn="ID">...</sup> numbered by the meta's order. */
static void footnote_refs(struct fc_wp_run *r, struct fc_buf *out, const char *s, size_t n)
{
    size_t done = 0;
    for (size_t i = next_at(s, 0, n, '<'); i + 14 < n; i = next_at(s, i + 1, n, '<')) {
        if (memcmp(s + i, "<sup data-fn=\"", 14) != 0)
            continue;
        const char *q = memchr(s + i + 14, '"', n - i - 14);
        size_t idl = q ? (size_t)(q - s) - i - 14 : 0, e = 0;
        for (size_t k = q ? (size_t)(q - s) : n; k + 6 <= n; k++)
            if (s[k] == '<' && memcmp(s + k, "</sup>", 6) == 0) {
                e = k + 6;
                break;
            }
        if (!e)
            continue;
        size_t num = 0;
        for (size_t k = 0; k < r->nfn && !num; k++)
            if (strlen(r->fn_ids[k]) == idl && memcmp(r->fn_ids[k], s + i + 14, idl) == 0)
                num = k + 1;
        if (!num) {
            fc_wp_warn(r, NULL, "%s: footnote %.*s is not in the footnotes meta; kept as written",
                       r->b->what, (int)(idl < 60 ? idl : 60), s + i + 14);
            continue;
        }
        const char *id = r->fn_ids[num - 1];
        fc_buf_add(out, s + done, i - done);
        fc_buf_puts(out, "<sup data-fn=\"");
        fc_wp_escape(out, id, strlen(id), true);
        fc_buf_puts(out, "\" class=\"fn\"><a href=\"#");
        fc_wp_escape(out, id, strlen(id), true);
        fc_buf_puts(out, "\" id=\"");
        fc_wp_escape(out, id, strlen(id), true);
        fc_buf_printf(out, "-link\">%zu</a></sup>", num);
        i = e - 1;
        done = e;
    }
    fc_buf_add(out, s + done, n - done);
}

/* ---- the pipeline ---------------------------------------------------------------------- */

/* One part (a teaser or a rest) of a page: steps 2-6. */
static void render_part(struct fc_wp_run *r, struct fc_buf *out, const char *s, size_t n,
                        bool blocks, unsigned long line)
{
    struct fc_buf a, b;
    fc_buf_init(&a);
    fc_buf_init(&b);
    r->line = line;
    warn_unknown(r, s, n);
    /* SyntaxHighlighter's own pass (do_shortcode_hack): no masking */
    if (!fc_wp_do_shortcode(&a, s, n, &fc_wp_code_tags, fc_wp_render_code, r, true))
        fc_wp_nomem(r);
    fc_wp_shortcodes(r, &b, fc_buf_cstr(&a), a.len, &fc_wp_embed_tags, fc_wp_render_embed, true);
    fc_buf_reset(&a);
    autoembed(r, &a, fc_buf_cstr(&b), b.len);
    fc_buf_reset(&b);
    if (blocks)
        render_blocks(r, &b, fc_buf_cstr(&a), a.len, line);
    else
        fc_wp_autop(&b, fc_buf_cstr(&a), a.len, true);
    fc_buf_reset(&a);
    fc_wp_shortcode_unautop(&a, fc_buf_cstr(&b), b.len, &fc_wp_all_tags);
    fc_buf_reset(&b);
    r->line = line;
    final_shortcodes(r, &b, fc_buf_cstr(&a), a.len);
    fc_buf_reset(&a);
    unslot(r, &a, fc_buf_cstr(&b), b.len);
    code_blocks(r, out, fc_buf_cstr(&a), a.len);
    if (a.oom || b.oom)
        fc_wp_nomem(r);
    fc_buf_free(&a);
    fc_buf_free(&b);
}

/* The first "<!--more...-->" (no newline inside) at or after i: its
 * start and end. */
static bool more_marker(const char *s, size_t n, size_t i, size_t *a, size_t *e)
{
    for (i = next_at(s, i, n, '<'); i + 11 <= n; i = next_at(s, i + 1, n, '<')) {
        if (memcmp(s + i, "<!--more", 8) != 0)
            continue;
        for (size_t k = i + 8; k + 3 <= n && s[k] != '\n'; k++) {
            if (memcmp(s + k, "-->", 3) == 0) {
                *a = i;
                *e = k + 3;
                return true;
            }
        }
    }
    return false;
}

/* '/<!-- \/?wp:more(.*?) -->/' removed; <!--noteaser--> too. */
static void strip_more_blocks(struct fc_buf *out, const char *s, size_t n)
{
    size_t done = 0;
    for (size_t i = next_at(s, 0, n, '<'); i < n; i = next_at(s, i + 1, n, '<')) {
        size_t k = at(s, i, n, "<!-- wp:more") ? i + 12 : at(s, i, n, "<!-- /wp:more") ? i + 13 : 0;
        size_t e = 0;
        if (!k && at(s, i, n, "<!--noteaser-->"))
            e = i + 15;
        for (; k && k + 4 <= n && s[k] != '\n' && !e; k++)
            if (memcmp(s + k, " -->", 4) == 0)
                e = k + 4;
        if (!e)
            continue;
        fc_buf_add(out, s + done, i - done);
        i = e - 1;
        done = e;
    }
    fc_buf_add(out, s + done, n - done);
}

/* A page: the more split, each part rendered. */
static void render_page(struct fc_wp_run *r, struct fc_buf *out, const char *s, size_t n,
                        unsigned long line)
{
    struct fc_buf t, rest;
    fc_buf_init(&t);
    fc_buf_init(&rest);
    strip_more_blocks(&t, s, n);
    const char *p = fc_buf_cstr(&t);
    bool blocks = fc_wp_has_blocks(p, t.len);
    size_t a, e;
    if (!more_marker(p, t.len, 0, &a, &e)) {
        render_part(r, out, p, t.len, blocks, line);
    } else {
        render_part(r, out, p, a, blocks, line);
        if (out->len && out->data[out->len - 1] != '\n')
            fc_buf_putc(out, '\n');
        fc_buf_puts(out, "<!--more-->\n");
        size_t done = e, a2, e2; /* later markers: not markers any more */
        while (more_marker(p, t.len, done, &a2, &e2)) {
            fc_buf_add(&rest, p + done, a2 - done);
            done = e2;
        }
        fc_buf_add(&rest, p + done, t.len - done);
        render_part(r, out, fc_buf_cstr(&rest), rest.len, blocks, line + lines_in(p, e));
    }
    if (t.oom || rest.oom)
        fc_wp_nomem(r);
    fc_buf_free(&t);
    fc_buf_free(&rest);
}

static void replace_in(struct fc_buf *b, const char *from, const char *to)
{
    struct fc_buf o;
    fc_buf_init(&o);
    const char *s = fc_buf_cstr(b);
    size_t n = b->len, k = strlen(from), done = 0;
    for (size_t i = next_at(s, 0, n, from[0]); i + k <= n; i = next_at(s, i + 1, n, from[0])) {
        if (memcmp(s + i, from, k) == 0) {
            fc_buf_add(&o, s + done, i - done);
            fc_buf_puts(&o, to);
            done = i + k;
            i = done - 1;
        }
    }
    fc_buf_add(&o, s + done, n - done);
    if (o.oom)
        b->oom = true;
    fc_buf_free(b);
    *b = o;
}

void fc_wp_render(struct fc_wp_body *b, const char *s, size_t n, struct fc_buf *out)
{
    struct fc_wp_run r;
    memset(&r, 0, sizeof r);
    r.b = b;
    r.line = b->line;
    if (!(r.scratch = fc_arena_new())) {
        fc_sticky_nomem(b->st);
        return;
    }
    struct fc_buf t, body;
    fc_buf_init(&t);
    fc_buf_init(&body);
    fc_buf_add(&t, s, n);
    static const char markers[] = {FC_WP_LBRACKET, FC_WP_RBRACKET, FC_WP_SLOT};
    for (size_t k = 0; k < sizeof markers && t.len && !t.oom; k++) /* the bytes the passes use */
        for (char *q = memchr(t.data, markers[k], t.len); q;
             q = memchr(q + 1, markers[k], t.len - (size_t)(q + 1 - t.data)))
            *q = ' ';
    footnotes_read(&r, b->footnotes);
    if (fc_buf_cstr(&t) && strstr(fc_buf_cstr(&t), "<!--nextpage-->")) {
        replace_in(&t, "\n<!--nextpage-->\n", "<!--nextpage-->");
        replace_in(&t, "\n<!--nextpage-->", "<!--nextpage-->");
        replace_in(&t, "<!--nextpage-->\n", "<!--nextpage-->");
        replace_in(&t, "<!-- wp:nextpage -->", "");
        replace_in(&t, "<!-- /wp:nextpage -->", "");
    }
    const char *p = fc_buf_cstr(&t);
    size_t len = t.len, start = at(p, 0, len, "<!--nextpage-->") ? 15 : 0, pages = 0;
    for (;;) {
        const char *m = NULL;
        for (size_t i = start; i + 15 <= len && !m; i++) {
            const char *lt = memchr(p + i, '<', len - 15 + 1 - i);
            if (!lt)
                break;
            i = (size_t)(lt - p);
            if (memcmp(lt, "<!--nextpage-->", 15) == 0)
                m = lt;
        }
        size_t end = m ? (size_t)(m - p) : len;
        if (pages++)
            fc_buf_puts(&body, "<hr />\n");
        render_page(&r, &body, p + start, end - start, b->line + lines_in(p, start));
        if (!m)
            break;
        start = end + 15;
    }
    if (pages > 1) {
        r.line = b->line;
        fc_wp_warn(&r, NULL, "%s: its %zu pages (<!--nextpage-->) joined with <hr />", b->what,
                   pages);
    }
    if (!r.fn_placed && r.nfn) {
        if (body.len && body.data[body.len - 1] != '\n')
            fc_buf_putc(&body, '\n');
        footnotes_list(&r, &body);
    }
    fc_buf_reset(&t);
    footnote_refs(&r, &t, fc_buf_cstr(&body), body.len);
    strip_theme_classes(out, fc_buf_cstr(&t), t.len);
    if (t.oom || body.oom)
        fc_sticky_nomem(b->st);
    fc_buf_free(&t);
    fc_buf_free(&body);
    fc_arena_free(r.scratch);
}

void fc_wp_autop_text(struct fc_buf *out, const char *s, size_t n)
{
    fc_wp_autop(out, s, n, true);
}
