/*
 * wp_media.c - what the shortcodes feedconv knows become, as clean HTML
 * (WordPress's own markup is theme-dependent and full of inline styles):
 *
 *   [caption] / [wp_caption]   <figure class="wp-caption ALIGN"><img ...>
 *     (img_caption_shortcode)  <figcaption>CAPTION</figcaption></figure>;
 *                              the old caption="..." form alike; the
 *                              content alone when width < 1 or no caption
 *   [gallery]                  <figure class="gallery gallery-columns-N">
 *     (gallery_shortcode)      with one <figure class="gallery-item"><a?>
 *                              <img src alt></a?><figcaption?></figure>
 *                              per image: a figure of figures is valid
 *                              HTML5, reads as a gallery without CSS, stays
 *                              raw HTML in Markdown, and a site writer can
 *                              map it to its gallery shortcode
 *   [audio] / [video]          <audio controls src> / <video controls src
 *                              poster>, the source added to the post's
 *                              attachments; a YouTube / Vimeo video embeds
 *   [playlist]                 <ol class="wp-playlist"> of links
 *   [embed]URL[/embed]         YouTube / Vimeo: <iframe src="player URL">;
 *                              anything else a link
 *   [code], [sourcecode] ...   <pre><code class="language-x">, the code's
 *     (SyntaxHighlighter,      text exact (entity-decoded once when the
 *     Crayon)                  post says _syntaxhighlighter_encoded)
 *
 * Selections follow gallery_shortcode(): ids= keeps its order; without
 * ids, the image attachments whose parent is the post, by menu order then
 * id; include / exclude / orderby / order; the size's file from the
 * attachment's metadata (full size when it has none).
 */
#include "sites/wp_run.h"

#include <stdio.h>
#include <stdlib.h>

static const char *const code_names[] = {
    "sourcecode", "source", "code",       "crayon",     "as3",     "actionscript3",
    "arduino",    "bash",   "shell",      "coldfusion", "cf",      "clojure",
    "clj",        "cpp",    "c",          "c-sharp",    "csharp",  "css",
    "delphi",     "pas",    "pascal",     "diff",       "patch",   "erl",
    "erlang",     "fsharp", "go",         "golang",     "groovy",  "haskell",
    "java",       "jfx",    "javafx",     "js",         "jscript", "javascript",
    "tex",        "matlab", "matlabkey",  "objc",       "obj-c",   "perl",
    "pl",         "php",    "plain",      "text",       "ps",      "powershell",
    "py",         "python", "splus",      "rails",      "rb",      "ror",
    "ruby",       "ts",     "typescript", "scala",      "sql",     "swift",
    "vb",         "vbnet",  "xml",        "xhtml",      "xslt",    "html",
    "yaml",       "yml",
};
#define NCODE (sizeof code_names / sizeof code_names[0])

static const char *const all_names[] = {
    "caption",
    "wp_caption",
    "gallery",
    "playlist",
    "audio",
    "video",
    "embed",
    /* and the code ones, for "[[code]...]" and those left in tags */
    "sourcecode",
    "source",
    "code",
    "crayon",
    "as3",
    "actionscript3",
    "arduino",
    "bash",
    "shell",
    "coldfusion",
    "cf",
    "clojure",
    "clj",
    "cpp",
    "c",
    "c-sharp",
    "csharp",
    "css",
    "delphi",
    "pas",
    "pascal",
    "diff",
    "patch",
    "erl",
    "erlang",
    "fsharp",
    "go",
    "golang",
    "groovy",
    "haskell",
    "java",
    "jfx",
    "javafx",
    "js",
    "jscript",
    "javascript",
    "tex",
    "matlab",
    "matlabkey",
    "objc",
    "obj-c",
    "perl",
    "pl",
    "php",
    "plain",
    "text",
    "ps",
    "powershell",
    "py",
    "python",
    "splus",
    "rails",
    "rb",
    "ror",
    "ruby",
    "ts",
    "typescript",
    "scala",
    "sql",
    "swift",
    "vb",
    "vbnet",
    "xml",
    "xhtml",
    "xslt",
    "html",
    "yaml",
    "yml",
};
static const char *const embed_names[] = {"embed"};

const struct fc_wp_tags fc_wp_all_tags = {all_names, sizeof all_names / sizeof all_names[0]};
const struct fc_wp_tags fc_wp_code_tags = {code_names, NCODE};
const struct fc_wp_tags fc_wp_embed_tags = {embed_names, 1};

/* ---- small helpers ----------------------------------------------------------- */

static bool is(const char *a, const char *b)
{
    return a && fc_strcasecmp(a, b) == 0;
}

/* PHP's (int) of a string: leading white space, a sign, digits. */
static long php_int(const char *s)
{
    long v = 0;
    bool neg = false;
    if (!s)
        return 0;
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\v' || *s == '\f')
        s++;
    if (*s == '-' || *s == '+')
        neg = *s++ == '-';
    for (; *s >= '0' && *s <= '9' && v < 100000000; s++)
        v = v * 10 + (*s - '0');
    return neg ? -v : v;
}

static bool blank(const char *s)
{
    for (; s && *s; s++)
        if (!fc_ascii_space((unsigned char)*s))
            return false;
    return true;
}

static void attr(struct fc_buf *out, const char *name, const char *value)
{
    if (!value)
        return;
    fc_buf_printf(out, " %s=\"", name);
    fc_wp_escape(out, value, strlen(value), true);
    fc_buf_putc(out, '"');
}

static const char *dup(struct fc_wp_run *r, const char *s, size_t n)
{
    char *d = fc_strdup(r->scratch, s, n);
    if (!d)
        fc_wp_nomem(r);
    return d;
}

/* The trimmed copy of s[0..n) (PHP trim). */
static const char *trimmed(struct fc_wp_run *r, const char *s, size_t n)
{
    while (n && (fc_ascii_space((unsigned char)*s) || !*s))
        s++, n--;
    while (n && (fc_ascii_space((unsigned char)s[n - 1]) || !s[n - 1]))
        n--;
    return dup(r, s, n);
}

/* The extension of a URL's file name, lowercased into buf ("" when none). */
static const char *ext_of(const char *url, char *buf, size_t cap)
{
    size_t n = strcspn(url, "?#"), e = n, o = 0;
    while (e > 0 && url[e - 1] != '.' && url[e - 1] != '/')
        e--;
    if (e == 0 || url[e - 1] != '.')
        e = n;
    for (size_t i = e; i < n && o + 1 < cap; i++)
        buf[o++] = (char)fc_ascii_lower((unsigned char)url[i]);
    buf[o] = '\0';
    return buf;
}

/* The source of [audio] / [video] as an attachment of the post (once). */
static void add_media(struct fc_wp_run *r, const char *url, const char *mime)
{
    struct fc_wp_body *b = r->b;
    if (!b->attachments || !b->arena || !url)
        return;
    for (const struct fc_media *m = b->attachments->first; m; m = m->next)
        if (m->url && strcmp(m->url, url) == 0)
            return;
    struct fc_media *m = fc_media_add(b->arena, b->attachments);
    if (!m || !(m->url = fc_strdup(b->arena, url, (size_t)-1)) ||
        (mime && !(m->type = fc_strdup(b->arena, mime, (size_t)-1)))) {
        fc_wp_nomem(r);
        return;
    }
}

/* ---- code ------------------------------------------------------------------------ */

const char *fc_wp_code_lang(const char *name)
{
    static const char *const map[][2] = {
        {"as3", "actionscript"}, {"actionscript3", "actionscript"},
        {"shell", "bash"},       {"sh", "bash"},
        {"cf", "cfm"},           {"coldfusion", "cfm"},
        {"clj", "clojure"},      {"c-sharp", "csharp"},
        {"c#", "csharp"},        {"pas", "pascal"},
        {"delphi", "pascal"},    {"patch", "diff"},
        {"erl", "erlang"},       {"golang", "go"},
        {"jfx", "java"},         {"javafx", "java"},
        {"js", "javascript"},    {"jscript", "javascript"},
        {"tex", "latex"},        {"matlabkey", "matlab"},
        {"obj-c", "objectivec"}, {"objc", "objectivec"},
        {"pl", "perl"},          {"ps", "powershell"},
        {"py", "python"},        {"rails", "ruby"},
        {"rb", "ruby"},          {"ror", "ruby"},
        {"splus", "r"},          {"ts", "typescript"},
        {"vb", "vbnet"},         {"xhtml", "xml"},
        {"xslt", "xml"},         {"yml", "yaml"},
        {"markup", "html"},
    };
    static const char *const none[] = {"plain",   "text", "generic", "raw",
                                       "default", "none", "txt",     ""};
    if (!name)
        return NULL;
    for (size_t i = 0; i < sizeof none / sizeof none[0]; i++)
        if (is(name, none[i]))
            return NULL;
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (is(name, map[i][0]))
            return map[i][1];
    for (const char *p = name; *p; p++) /* only a name that is safe as a class */
        if (!fc_ascii_alnum((unsigned char)*p) && !strchr("+#_-.", *p))
            return NULL;
    return name;
}

void fc_wp_code_html(struct fc_buf *out, const char *lang, const char *html, size_t n)
{
    fc_buf_puts(out, "<pre><code");
    if (lang) {
        fc_buf_puts(out, " class=\"language-");
        for (const char *p = lang; *p; p++)
            fc_buf_putc(out, (char)fc_ascii_lower((unsigned char)*p));
        fc_buf_putc(out, '"');
    }
    fc_buf_putc(out, '>');
    fc_buf_add(out, html, n);
    if (!n || html[n - 1] != '\n') /* as cmark writes code: the Markdown writer fences it */
        fc_buf_putc(out, '\n');
    fc_buf_puts(out, "</code></pre>");
}

void fc_wp_render_code(void *ctx, const char *s, const struct fc_wp_sc *m, struct fc_buf *out)
{
    struct fc_wp_run *r = ctx;
    if (!m->enclosing) { /* "[php]" alone is text, not an empty code block */
        fc_buf_add(out, s + m->start + m->open_esc, m->end - m->start - m->open_esc - m->close_esc);
        return;
    }
    struct fc_wp_atts atts;
    if (!fc_wp_parse_atts(r->scratch, s + m->atts, m->atts_len, &atts)) {
        fc_wp_nomem(r);
        return;
    }
    const char *name = dup(r, s + m->name, m->name_len);
    const char *lang = fc_wp_att(&atts, "language");
    if (!lang)
        lang = fc_wp_att(&atts, "lang");
    if (!lang && (lang = fc_wp_att_pos(&atts, 0)) != NULL) { /* [code="php"] */
        while (*lang == '=' || *lang == '"' || *lang == '\'')
            lang++;
        size_t len = strlen(lang);
        while (len && (lang[len - 1] == '"' || lang[len - 1] == '\''))
            len--;
        lang = dup(r, lang, len);
    }
    if (!lang && name && strcmp(name, "sourcecode") && strcmp(name, "source") &&
        strcmp(name, "code") && strcmp(name, "crayon"))
        lang = name; /* [php]...[/php] */
    /* the code's text: encoded once by SyntaxHighlighter 3 (the post says
     * so), or by Crayon's decode="true"; else as stored */
    const char *code = s + m->content;
    size_t n = m->content_len;
    struct fc_buf text, html;
    fc_buf_init(&text);
    fc_buf_init(&html);
    fc_buf_add(&text, code, n);
    fc_wp_unmask_brackets(text.data ? text.data : "", text.len);
    bool decode = (r->b->she_encoded && strcmp(name ? name : "", "crayon") != 0) ||
                  is(fc_wp_att(&atts, "decode"), "true");
    if (decode) {
        struct fc_buf d;
        fc_buf_init(&d);
        fc_wp_decode_entities(&d, fc_buf_cstr(&text), text.len);
        fc_buf_free(&text);
        text = d;
    }
    const char *t = fc_buf_cstr(&text);
    size_t tn = text.len;
    if (tn && t[0] == '\n') /* the line breaks after and before the tags */
        t++, tn--;
    else if (tn > 1 && t[0] == '\r' && t[1] == '\n')
        t += 2, tn -= 2;
    if (tn && t[tn - 1] == '\n')
        tn -= tn > 1 && t[tn - 2] == '\r' ? 2 : 1;
    fc_wp_escape(&html, t, tn, false);
    struct fc_buf block;
    fc_buf_init(&block);
    fc_wp_code_html(&block, fc_wp_code_lang(lang), fc_buf_cstr(&html), html.len);
    fc_wp_slot(r, out, fc_buf_cstr(&block), block.len);
    if (text.oom || html.oom || block.oom)
        fc_wp_nomem(r);
    fc_buf_free(&text);
    fc_buf_free(&html);
    fc_buf_free(&block);
}

/* ---- embeds -------------------------------------------------------------------------- */

static bool id_byte(unsigned char c)
{
    return fc_ascii_alnum(c) || c == '_' || c == '-';
}

/* The video id after `key` in url (up to a byte that cannot be in one). */
static bool id_after(const char *url, const char *key, bool digits, const char **id, size_t *n)
{
    const char *p = strstr(url, key);
    if (!p)
        return false;
    p += strlen(key);
    size_t k = 0;
    while (p[k] && (digits ? (p[k] >= '0' && p[k] <= '9') : id_byte((unsigned char)p[k])))
        k++;
    *id = p;
    *n = k;
    return k > 0;
}

/* The host of an http(s) URL (its length in *n), NULL when not one. */
static const char *host_of(const char *url, size_t *n)
{
    const char *h = NULL;
    if (fc_strncasecmp(url, "https://", 8) == 0)
        h = url + 8;
    else if (fc_strncasecmp(url, "http://", 7) == 0)
        h = url + 7;
    if (!h)
        return NULL;
    *n = strcspn(h, "/?#:");
    return h;
}

static bool host_is(const char *h, size_t n, const char *want)
{
    size_t w = strlen(want);
    return (n == w && fc_strncasecmp(h, want, n) == 0) ||
           (n > w && h[n - w - 1] == '.' && fc_strncasecmp(h + n - w, want, w) == 0);
}

/* The player URL of a YouTube or Vimeo page, into buf; false otherwise. */
static bool player_url(const char *url, char *buf, size_t cap)
{
    size_t hn, n = 0;
    const char *h = host_of(url, &hn), *id = NULL;
    if (!h)
        return false;
    const char *path = h + hn;
    if (host_is(h, hn, "youtube.com") || host_is(h, hn, "youtube-nocookie.com")) {
        if (!id_after(path, "v=", false, &id, &n) && !id_after(path, "/embed/", false, &id, &n) &&
            !id_after(path, "/shorts/", false, &id, &n) &&
            !id_after(path, "/live/", false, &id, &n))
            return false;
        snprintf(buf, cap, "https://www.youtube.com/embed/%.*s", (int)(n < 64 ? n : 64), id);
        return true;
    }
    if (host_is(h, hn, "youtu.be")) {
        if (!id_after(path, "/", false, &id, &n))
            return false;
        snprintf(buf, cap, "https://www.youtube.com/embed/%.*s", (int)(n < 64 ? n : 64), id);
        return true;
    }
    if (host_is(h, hn, "vimeo.com")) {
        for (const char *p = path; *p && *p != '?' && *p != '#'; p++)
            if (*p == '/' && id_after(p, "/", true, &id, &n) &&
                (id[n] == '\0' || id[n] == '/' || id[n] == '?' || id[n] == '#'))
                break;
        if (!id || !n)
            return false;
        snprintf(buf, cap, "https://player.vimeo.com/video/%.*s", (int)(n < 32 ? n : 32), id);
        return true;
    }
    return false;
}

bool fc_wp_embed_is_block(const char *url, size_t n)
{
    char u[2048], player[128];
    while (n && fc_ascii_space((unsigned char)*url))
        url++, n--;
    while (n && fc_ascii_space((unsigned char)url[n - 1]))
        n--;
    if (n >= sizeof u)
        return false;
    memcpy(u, url, n);
    u[n] = '\0';
    return player_url(u, player, sizeof player);
}

void fc_wp_embed(struct fc_wp_run *r, struct fc_buf *out, const char *url, size_t n)
{
    char player[128];
    const char *u = trimmed(r, url, n);
    if (!u)
        return;
    if (player_url(u, player, sizeof player)) {
        struct fc_buf f;
        fc_buf_init(&f);
        fc_buf_puts(&f, "<iframe");
        attr(&f, "src", player);
        fc_buf_puts(&f, " width=\"560\" height=\"315\" allowfullscreen></iframe>");
        fc_wp_slot(r, out, fc_buf_cstr(&f), f.len);
        if (f.oom)
            fc_wp_nomem(r);
        fc_buf_free(&f);
        return;
    }
    size_t hn;
    if (!host_of(u, &hn)) {
        fc_wp_escape(out, u, strlen(u), false);
        return;
    }
    fc_buf_puts(out, "<a");
    attr(out, "href", u);
    fc_buf_putc(out, '>');
    fc_wp_escape(out, u, strlen(u), false);
    fc_buf_puts(out, "</a>");
}

void fc_wp_render_embed(void *ctx, const char *s, const struct fc_wp_sc *m, struct fc_buf *out)
{
    struct fc_wp_run *r = ctx;
    struct fc_wp_atts atts;
    if (!fc_wp_parse_atts(r->scratch, s + m->atts, m->atts_len, &atts)) {
        fc_wp_nomem(r);
        return;
    }
    const char *src = fc_wp_att(&atts, "src");
    if (m->enclosing && !blank(dup(r, s + m->content, m->content_len)))
        fc_wp_embed(r, out, s + m->content, m->content_len);
    else if (src && *src)
        fc_wp_embed(r, out, src, strlen(src));
    else /* nothing to embed: as written */
        fc_buf_add(out, s + m->start + m->open_esc, m->end - m->start - m->open_esc - m->close_esc);
}

/* ---- [caption] -------------------------------------------------------------------- */

static bool ci_at(const char *s, size_t i, size_t n, const char *lit)
{
    size_t k = strlen(lit);
    return n - i >= k && fc_strncasecmp(s + i, lit, k) == 0;
}

/* "<img " [^>]+ ">" at s[i], then '(?:\s*</a>)?' when linked: the end. */
static size_t img_at(const char *s, size_t i, size_t n, bool linked)
{
    if (!ci_at(s, i, n, "<img "))
        return 0;
    const char *gt = memchr(s + i + 5, '>', n - i - 5);
    if (!gt || gt == s + i + 5)
        return 0;
    size_t e = (size_t)(gt - s) + 1;
    if (linked) {
        size_t k = e;
        while (k < n && fc_ascii_space((unsigned char)s[k]))
            k++;
        if (ci_at(s, k, n, "</a>"))
            e = k + 4;
    }
    return e;
}

/* '#((?:<a [^>]+>\s*)?<img [^>]+>(?:\s*</a>)?)(.*)#is': the image part's
 * start and end; false when there is none. */
static bool split_caption(const char *s, size_t n, size_t *a, size_t *e)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '<')
            continue;
        if (ci_at(s, i, n, "<a ")) {
            const char *gt = memchr(s + i + 3, '>', n - i - 3);
            if (gt && gt > s + i + 3) {
                size_t k = (size_t)(gt - s) + 1;
                while (k < n && fc_ascii_space((unsigned char)s[k]))
                    k++;
                if ((*e = img_at(s, k, n, true)) != 0) {
                    *a = i;
                    return true;
                }
            }
        }
        if ((*e = img_at(s, i, n, true)) != 0) {
            *a = i;
            return true;
        }
    }
    return false;
}

/* A caption without the <br /> wpautop put around it (feedconv's choice:
 * WordPress shows them). */
static void strip_breaks(const char **s, size_t *n)
{
    static const char *const brs[] = {"<br />", "<br/>", "<br>"};
    bool more = true;
    while (more) {
        more = false;
        while (*n && fc_ascii_space((unsigned char)**s))
            (*s)++, (*n)--;
        while (*n && fc_ascii_space((unsigned char)(*s)[*n - 1]))
            (*n)--;
        for (size_t k = 0; k < 3; k++) {
            size_t l = strlen(brs[k]);
            if (*n >= l && memcmp(*s, brs[k], l) == 0) {
                *s += l, *n -= l;
                more = true;
            }
            if (*n >= l && memcmp(*s + *n - l, brs[k], l) == 0) {
                *n -= l;
                more = true;
            }
        }
    }
}

static void caption(struct fc_wp_run *r, const char *s, const struct fc_wp_sc *m,
                    const struct fc_wp_atts *atts, struct fc_buf *out)
{
    const char *content = m->enclosing ? s + m->content : "";
    size_t cn = m->enclosing ? m->content_len : 0, a, e;
    const char *cap = fc_wp_att(atts, "caption");
    size_t capn = cap ? strlen(cap) : 0;
    if (!cap && split_caption(content, cn, &a, &e)) {
        cap = content + e;
        capn = cn - e;
        content += a;
        cn = e - a;
        while (capn && (fc_ascii_space((unsigned char)*cap) || !*cap)) /* trim() */
            cap++, capn--;
        while (capn && (fc_ascii_space((unsigned char)cap[capn - 1]) || !cap[capn - 1]))
            capn--;
    }
    if (php_int(fc_wp_att(atts, "width")) < 1 || !capn || (capn == 1 && cap[0] == '0')) {
        fc_buf_add(out, content, cn);
        return;
    }
    /* the class: trim( 'wp-caption ' . align . ' ' . class ), align
     * "alignnone" when not given */
    const char *align = fc_wp_att(atts, "align"), *cls = fc_wp_att(atts, "class");
    if (!align)
        align = "alignnone";
    fc_buf_puts(out, "<figure class=\"wp-caption");
    if (*align)
        fc_buf_putc(out, ' ');
    fc_wp_escape(out, align, strlen(align), true);
    if (cls && *cls) {
        fc_buf_putc(out, ' ');
        fc_wp_escape(out, cls, strlen(cls), true);
    }
    fc_buf_puts(out, "\">");
    if (!fc_wp_do_shortcode(out, content, cn, &fc_wp_all_tags, fc_wp_render_shortcode, r, false))
        fc_wp_nomem(r);
    strip_breaks(&cap, &capn);
    fc_buf_puts(out, "<figcaption>");
    fc_buf_add(out, cap, capn);
    fc_buf_puts(out, "</figcaption></figure>");
}

/* ---- attachments: galleries, playlists, audio and video -------------------------- */

static bool mime_is(const struct fc_wp_attachment *a, const char *kind)
{
    const char *m = a->mime ? a->mime : fc_wp_mime(a->url);
    return m && strncmp(m, kind, strlen(kind)) == 0;
}

/* The file of size `size` ("name file" lines of the metadata) as a URL
 * beside the full-size file; the full size when there is no such size. */
static const char *size_url(struct fc_wp_run *r, const struct fc_wp_attachment *a, const char *size)
{
    const char *p = a->sizes;
    size_t sl = size ? strlen(size) : 0;
    if (!a->url || !p || !size || is(size, "full"))
        return a->url;
    while (*p) {
        size_t line = strcspn(p, "\n");
        const char *sp = memchr(p, ' ', line);
        if (sp && (size_t)(sp - p) == sl && memcmp(p, size, sl) == 0) {
            const char *slash = strrchr(a->url, '/');
            size_t dir = slash ? (size_t)(slash - a->url) + 1 : 0;
            struct fc_buf u;
            fc_buf_init(&u);
            fc_buf_add(&u, a->url, dir);
            fc_buf_add(&u, sp + 1, line - (size_t)(sp - p) - 1);
            const char *d = dup(r, fc_buf_cstr(&u), u.len);
            fc_buf_free(&u);
            return d ? d : a->url;
        }
        p += line + (p[line] == '\n');
    }
    return a->url;
}

struct pick {
    const struct fc_wp_attachment **v;
    size_t n;
    const char *orderby; /* NULL: as listed */
    bool desc;
};

static int order_cmp(const struct fc_wp_attachment *x, const struct fc_wp_attachment *y,
                     const char *orderby)
{
    const char *p = orderby;
    while (p && *p) {
        size_t len = strcspn(p, " ,");
        int c = 0;
        if (len == 10 && fc_strncasecmp(p, "menu_order", 10) == 0)
            c = (x->menu_order > y->menu_order) - (x->menu_order < y->menu_order);
        else if (len == 5 && fc_strncasecmp(p, "title", 5) == 0)
            c = strcmp(x->title ? x->title : "", y->title ? y->title : "");
        else if (len == 2 && fc_strncasecmp(p, "ID", 2) == 0)
            c = (x->id > y->id) - (x->id < y->id);
        if (c)
            return c;
        p += len;
        p += strspn(p, " ,");
    }
    return (x->id > y->id) - (x->id < y->id);
}

/* Insertion sort (galleries are small; stable, no globals for qsort). */
static void sort_pick(struct pick *k)
{
    for (size_t i = 1; i < k->n; i++) {
        const struct fc_wp_attachment *x = k->v[i];
        size_t j = i;
        while (j > 0) {
            int c = order_cmp(k->v[j - 1], x, k->orderby);
            if (k->desc ? c >= 0 : c <= 0)
                break;
            k->v[j] = k->v[j - 1];
            j--;
        }
        k->v[j] = x;
    }
}

static bool in_list(const char *list, int64_t id)
{
    for (const char *p = list; p && *p;) {
        if (php_int(p) == id)
            return true;
        p += strcspn(p, ",");
        p += *p == ',';
    }
    return false;
}

/* gallery_shortcode()'s selection: attachments of `kind` ("image/"). */
static void select_media(struct fc_wp_run *r, const struct fc_wp_atts *atts, const char *kind,
                         struct pick *k)
{
    const struct fc_wp_site *site = r->b->site;
    const char *ids = fc_wp_att(atts, "ids"), *include = fc_wp_att(atts, "include");
    const char *exclude = fc_wp_att(atts, "exclude"), *orderby = fc_wp_att(atts, "orderby");
    const char *id = fc_wp_att(atts, "id");
    int64_t post = id && php_int(id) > 0 ? php_int(id) : r->b->post_id;
    memset(k, 0, sizeof *k);
    k->desc = is(fc_wp_att(atts, "order"), "DESC");
    k->orderby =
        orderby && !is(orderby, "post__in") && !is(orderby, "rand") ? orderby : "menu_order ID";
    if (ids && *ids)
        include = ids;
    if (!site)
        return;
    if (include && *include) {
        if (!orderby || is(orderby, "post__in"))
            k->orderby = NULL;
        size_t cap = 1;
        for (const char *p = include; *p; p++)
            cap += *p == ',';
        if (!(k->v = fc_alloc(r->scratch, cap * sizeof *k->v))) {
            fc_wp_nomem(r);
            return;
        }
        for (const char *p = include; *p;) {
            const struct fc_wp_attachment *a = site->attachment(site->ctx, php_int(p));
            if (a && mime_is(a, kind) && k->n < cap)
                k->v[k->n++] = a;
            p += strcspn(p, ",");
            p += *p == ',';
        }
    } else {
        size_t total = site->children(site->ctx, post, NULL, 0);
        if (!total || !(k->v = fc_alloc(r->scratch, total * sizeof *k->v))) {
            if (total)
                fc_wp_nomem(r);
            return;
        }
        site->children(site->ctx, post, k->v, total);
        size_t o = 0;
        for (size_t i = 0; i < total; i++)
            if (mime_is(k->v[i], kind) && !in_list(exclude, k->v[i]->id))
                k->v[o++] = k->v[i];
        k->n = o;
    }
    if (k->orderby)
        sort_pick(k);
    else if (k->desc)
        for (size_t i = 0; i < k->n / 2; i++) {
            const struct fc_wp_attachment *t = k->v[i];
            k->v[i] = k->v[k->n - 1 - i];
            k->v[k->n - 1 - i] = t;
        }
}

void fc_wp_gallery(struct fc_wp_run *r, const struct fc_wp_atts *atts, struct fc_buf *out)
{
    struct pick k;
    select_media(r, atts, "image/", &k);
    if (!k.n) {
        fc_wp_warn(r, NULL, "%s: a gallery with no images in the export left out", r->b->what);
        return;
    }
    const char *size = fc_wp_att(atts, "size"), *link = fc_wp_att(atts, "link");
    long columns = fc_wp_att(atts, "columns") ? php_int(fc_wp_att(atts, "columns")) : 3;
    fc_buf_printf(out, "<figure class=\"gallery gallery-columns-%ld\">\n", columns);
    for (size_t i = 0; i < k.n; i++) {
        const struct fc_wp_attachment *a = k.v[i];
        const char *href = is(link, "none")               ? NULL
                           : is(link, "file") || !a->link ? a->url
                                                          : a->link;
        fc_buf_puts(out, "<figure class=\"gallery-item\">");
        if (href) {
            fc_buf_puts(out, "<a");
            attr(out, "href", href);
            fc_buf_putc(out, '>');
        }
        fc_buf_puts(out, "<img");
        attr(out, "src", size_url(r, a, size ? size : "thumbnail"));
        attr(out, "alt", a->alt ? a->alt : "");
        fc_buf_puts(out, " />");
        if (href)
            fc_buf_puts(out, "</a>");
        if (a->caption && !blank(a->caption)) {
            fc_buf_puts(out, "<figcaption>");
            fc_buf_puts(out, a->caption);
            fc_buf_puts(out, "</figcaption>");
        }
        fc_buf_puts(out, "</figure>\n");
    }
    fc_buf_puts(out, "</figure>");
}

static void playlist(struct fc_wp_run *r, const struct fc_wp_atts *atts, struct fc_buf *out)
{
    struct pick k;
    const char *type = fc_wp_att(atts, "type");
    bool video = is(type, "video");
    select_media(r, atts, video ? "video/" : "audio/", &k);
    if (!k.n) {
        fc_wp_warn(r, NULL, "%s: a playlist with no media in the export left out", r->b->what);
        return;
    }
    fc_buf_puts(out, "<ol class=\"wp-playlist\">\n");
    for (size_t i = 0; i < k.n; i++) {
        const struct fc_wp_attachment *a = k.v[i];
        const char *title = a->title && *a->title ? a->title : a->url;
        fc_buf_puts(out, "<li><a");
        attr(out, "href", a->url);
        fc_buf_putc(out, '>');
        fc_wp_escape(out, title ? title : "", title ? strlen(title) : 0, false);
        fc_buf_puts(out, "</a></li>\n");
        add_media(r, a->url, a->mime ? a->mime : fc_wp_mime(a->url));
    }
    fc_buf_puts(out, "</ol>");
}

/* wp_audio_shortcode() / wp_video_shortcode(). */
static void audio_video(struct fc_wp_run *r, const char *s, const struct fc_wp_sc *m,
                        const struct fc_wp_atts *atts, bool video, struct fc_buf *out)
{
    static const char *const audio_exts[] = {"mp3", "ogg", "flac", "m4a", "wav"};
    static const char *const video_exts[] = {"mp4", "m4v", "webm", "ogv", "flv"};
    const char *const *exts = video ? video_exts : audio_exts;
    const char *src = fc_wp_att(atts, "src");
    bool given_src = src && *src;
    for (size_t i = 0; i < 5 && !(src && *src); i++)
        src = fc_wp_att(atts, exts[i]);
    char player[128], ext[16];
    if (video && src && player_url(src, player, sizeof player)) {
        fc_wp_embed(r, out, src, strlen(src));
        return;
    }
    if (!src || !*src) { /* the first attached media of that kind */
        const struct fc_wp_site *site = r->b->site;
        size_t total = site ? site->children(site->ctx, r->b->post_id, NULL, 0) : 0;
        const struct fc_wp_attachment **v = total ? fc_alloc(r->scratch, total * sizeof *v) : NULL;
        if (v)
            site->children(site->ctx, r->b->post_id, v, total);
        for (size_t i = 0; v && i < total && !(src && *src); i++)
            if (mime_is(v[i], video ? "video/" : "audio/"))
                src = v[i]->url;
    }
    if (!src || !*src) {
        fc_wp_warn(r, NULL, "%s: [%s] with no source in the export left out", r->b->what,
                   video ? "video" : "audio");
        return;
    }
    bool known = false;
    ext_of(src, ext, sizeof ext);
    for (size_t i = 0; i < 5; i++)
        known = known || strcmp(ext, exts[i]) == 0;
    if (!video && given_src && !known) { /* WordPress links what it cannot play */
        fc_buf_puts(out, "<a");
        attr(out, "href", src);
        fc_buf_putc(out, '>');
        fc_wp_escape(out, src, strlen(src), false);
        fc_buf_puts(out, "</a>");
        return;
    }
    fc_buf_puts(out, video ? "<video controls" : "<audio controls");
    attr(out, "src", src);
    if (video)
        attr(out, "poster", fc_wp_att(atts, "poster"));
    fc_buf_putc(out, '>');
    if (video && m->enclosing) /* <track> elements */
        fc_buf_add(out, s + m->content, m->content_len);
    fc_buf_puts(out, video ? "</video>" : "</audio>");
    add_media(r, src, fc_wp_mime(src));
}

void fc_wp_render_shortcode(void *ctx, const char *s, const struct fc_wp_sc *m, struct fc_buf *out)
{
    struct fc_wp_run *r = ctx;
    char name[32];
    snprintf(name, sizeof name, "%.*s", (int)(m->name_len < 31 ? m->name_len : 31), s + m->name);
    if (fc_wp_tag_index(&fc_wp_code_tags, name, strlen(name)) >= 0) {
        fc_wp_render_code(ctx, s, m, out);
        return;
    }
    if (strcmp(name, "embed") == 0) {
        fc_wp_render_embed(ctx, s, m, out);
        return;
    }
    struct fc_wp_atts atts;
    if (!fc_wp_parse_atts(r->scratch, s + m->atts, m->atts_len, &atts)) {
        fc_wp_nomem(r);
        return;
    }
    if (strcmp(name, "caption") == 0 || strcmp(name, "wp_caption") == 0)
        caption(r, s, m, &atts, out);
    else if (strcmp(name, "gallery") == 0)
        fc_wp_gallery(r, &atts, out);
    else if (strcmp(name, "playlist") == 0)
        playlist(r, &atts, out);
    else
        audio_video(r, s, m, &atts, strcmp(name, "video") == 0, out);
}

void fc_wp_shortcodes(struct fc_wp_run *r, struct fc_buf *out, const char *s, size_t n,
                      const struct fc_wp_tags *tags, fc_wp_sc_fn fn, bool keep_escaped)
{
    struct fc_buf masked;
    fc_buf_init(&masked);
    fc_wp_mask_brackets(&masked, s, n);
    size_t from = out->len;
    if (masked.oom ||
        !fc_wp_do_shortcode(out, fc_buf_cstr(&masked), masked.len, tags, fn, r, keep_escaped))
        fc_wp_nomem(r);
    if (!out->oom && out->data)
        fc_wp_unmask_brackets(out->data + from, out->len - from);
    fc_buf_free(&masked);
}
