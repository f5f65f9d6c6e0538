/*
 * wp_shortcode.c - WordPress's shortcode grammar (wp-includes/shortcodes.php):
 * get_shortcode_regex(), shortcode_parse_atts() with PHP's
 * stripcslashes(), and do_shortcode()'s one pass with the brackets inside
 * HTML tags and comments masked (do_shortcodes_in_html_tags: feedconv
 * expands no shortcode there).
 *
 * get_shortcode_regex( $tagnames ):
 *   \[ (\[?) (TAGS) (?![\w-]) ([^\]\/]*(?:\/(?!\])[^\]\/]*)*?)
 *   (?: (\/)\] | \] (?: ([^\[]*+(?:\[(?!\/\2\])[^\[]*+)*+) \[\/\2\] )? ) (\]?)
 * The attributes run to the first ']' ("/]" closes the tag itself); the
 * content of the enclosing form to the first "[/tag]"; the name is a
 * registered one followed by neither a word character nor '-'.
 */
#include "sites/wp.h"

#include <stdlib.h>

static bool word(unsigned char c)
{
    return fc_ascii_alnum(c) || c == '_' || c == '-';
}

int fc_wp_tag_index(const struct fc_wp_tags *tags, const char *s, size_t n)
{
    for (size_t k = 0; tags && k < tags->n; k++)
        if (strlen(tags->names[k]) == n && memcmp(tags->names[k], s, n) == 0)
            return (int)k;
    return -1;
}

/* A byte of do_shortcode's name scan '@\[([^<>&/\[\]\x00-\x20=]++)@'. */
static bool name_scan_byte(unsigned char c)
{
    return c > 0x20 && !strchr("<>&/[]=", c);
}

bool fc_wp_scan_init(struct fc_wp_scan *sc, const char *s, size_t n, const struct fc_wp_tags *tags,
                     bool only_present)
{
    memset(sc, 0, sizeof *sc);
    sc->s = s;
    sc->n = n;
    sc->tags = tags;
    sc->rb_from = 1;
    sc->close = calloc(tags->n ? tags->n : 1, sizeof *sc->close);
    if (!sc->close)
        return false;
    for (size_t k = 0; k < tags->n; k++)
        sc->close[k].from = 1; /* unknown (from > at) */
    if (!only_present)
        return true;
    sc->active = calloc(tags->n ? tags->n : 1, sizeof *sc->active);
    if (!sc->active) {
        free(sc->close);
        return false;
    }
    for (const char *lb = memchr(s, '[', n); lb;
         lb = memchr(lb + 1, '[', n - (size_t)(lb + 1 - s))) {
        size_t i = (size_t)(lb - s), j = i + 1;
        while (j < n && name_scan_byte((unsigned char)s[j]))
            j++;
        int k = fc_wp_tag_index(tags, s + i + 1, j - i - 1);
        if (k >= 0)
            sc->active[k] = true;
    }
    return true;
}

void fc_wp_scan_free(struct fc_wp_scan *sc)
{
    free(sc->close);
    free(sc->active);
    sc->close = NULL;
    sc->active = NULL;
}

/* The first ']' at or after i (n when none), from the cache when it
 * still holds. */
static size_t next_rbracket(struct fc_wp_scan *sc, size_t i)
{
    if (sc->rb_from <= i && sc->rb_at >= i)
        return sc->rb_at;
    const char *p = i < sc->n ? memchr(sc->s + i, ']', sc->n - i) : NULL;
    sc->rb_from = i;
    sc->rb_at = p ? (size_t)(p - sc->s) : sc->n;
    return sc->rb_at;
}

/* The first "[/name]" of tag k at or after i (n when none). */
static size_t next_closer(struct fc_wp_scan *sc, int k, size_t i)
{
    struct fc_wp_close *c = &sc->close[k];
    if (c->from <= i && c->at >= i)
        return c->at;
    const char *name = sc->tags->names[k];
    size_t len = strlen(name), found = sc->n;
    for (size_t j = i; j + len + 3 <= sc->n; j++) {
        const char *p = memchr(sc->s + j, '[', sc->n - j);
        if (!p)
            break;
        j = (size_t)(p - sc->s);
        if (j + len + 3 <= sc->n && sc->s[j + 1] == '/' && memcmp(sc->s + j + 2, name, len) == 0 &&
            sc->s[j + 2 + len] == ']') {
            found = j;
            break;
        }
    }
    c->from = i;
    c->at = found;
    return c->at;
}

bool fc_wp_sc_at(struct fc_wp_scan *sc, size_t i, bool with_escapes, struct fc_wp_sc *m)
{
    const char *s = sc->s;
    size_t n = sc->n, j = i + 1;
    memset(m, 0, sizeof *m);
    if (i >= n || s[i] != '[')
        return false;
    m->start = i;
    if (j < n && s[j] == '[') {
        if (!with_escapes)
            return false;
        m->open_esc = true;
        j++;
    }
    size_t name = j;
    while (j < n && word((unsigned char)s[j]))
        j++;
    int k = fc_wp_tag_index(sc->tags, s + name, j - name);
    if (k < 0 || (sc->active && !sc->active[k]))
        return false;
    m->name = name;
    m->name_len = j - name;
    size_t q = next_rbracket(sc, j);
    if (q >= n)
        return false;
    m->atts = j;
    if (q > j && s[q - 1] == '/') {
        m->self_closing = true;
        m->atts_len = q - 1 - j;
        m->end = q + 1;
    } else {
        m->atts_len = q - j;
        m->end = q + 1;
        size_t c = next_closer(sc, k, q + 1);
        if (c < n) {
            m->enclosing = true;
            m->content = q + 1;
            m->content_len = c - (q + 1);
            m->end = c + 3 + m->name_len;
        }
    }
    if (with_escapes && m->end < n && s[m->end] == ']') {
        m->close_esc = true;
        m->end++;
    }
    return true;
}

/* ---- masking ------------------------------------------------------------- */

/* Every c in s[0..n) made to. */
static void swap_all(char *s, size_t n, char c, char to)
{
    for (char *p = n ? memchr(s, c, n) : NULL; p; p = memchr(p + 1, c, n - (size_t)(p + 1 - s)))
        *p = to;
}

void fc_wp_mask_brackets(struct fc_buf *out, const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        if (s[i] != '<') {
            const char *lt = memchr(s + i, '<', n - i);
            size_t e = lt ? (size_t)(lt - s) : n;
            fc_buf_add(out, s + i, e - i);
            i = e;
            continue;
        }
        size_t e = fc_wp_html_element_end(s, i, n), at = out->len;
        fc_buf_add(out, s + i, e - i);
        if (!out->oom) {
            swap_all(out->data + at, e - i, '[', FC_WP_LBRACKET);
            swap_all(out->data + at, e - i, ']', FC_WP_RBRACKET);
        }
        i = e;
    }
}

void fc_wp_unmask_brackets(char *s, size_t n)
{
    swap_all(s, n, FC_WP_LBRACKET, '[');
    swap_all(s, n, FC_WP_RBRACKET, ']');
}

bool fc_wp_do_shortcode(struct fc_buf *out, const char *s, size_t n, const struct fc_wp_tags *tags,
                        fc_wp_sc_fn fn, void *ctx, bool keep_escaped)
{
    struct fc_wp_scan sc;
    if (!memchr(s, '[', n) || !tags->n) {
        fc_buf_add(out, s, n);
        return true;
    }
    if (!fc_wp_scan_init(&sc, s, n, tags, true))
        return false;
    size_t done = 0;
    for (size_t i = 0; i < n;) {
        struct fc_wp_sc m;
        const char *lb = memchr(s + i, '[', n - i);
        if (!lb)
            break;
        i = (size_t)(lb - s);
        if (!fc_wp_sc_at(&sc, i, true, &m)) {
            i++;
            continue;
        }
        fc_buf_add(out, s + done, i - done);
        if (m.open_esc && m.close_esc && keep_escaped) {
            fc_buf_add(out, s + m.start, m.end - m.start);
        } else if (m.open_esc && m.close_esc) { /* [[tag]]: the tag itself, as text */
            fc_buf_add(out, s + m.start + 1, m.end - m.start - 2);
        } else {
            if (m.open_esc)
                fc_buf_putc(out, '[');
            fn(ctx, s, &m, out);
            if (m.close_esc)
                fc_buf_putc(out, ']');
        }
        i = done = m.end;
    }
    fc_buf_add(out, s + done, n - done);
    bool ok = !sc.oom;
    fc_wp_scan_free(&sc);
    return ok;
}

/* ---- attributes ------------------------------------------------------------ */

void fc_wp_stripcslashes(struct fc_buf *out, const char *s, size_t n)
{
    static const char esc_from[] = "ntravbf", esc_to[] = "\n\t\r\a\v\b\f";
    for (size_t i = 0; i < n;) {
        if (s[i] != '\\' || i + 1 >= n) {
            fc_buf_putc(out, s[i++]);
            continue;
        }
        char c = s[++i];
        const char *e = c ? strchr(esc_from, c) : NULL;
        if (e) {
            fc_buf_putc(out, esc_to[e - esc_from]);
            i++;
        } else if (c == 'x' && i + 1 < n && fc_wp_hexval((unsigned char)s[i + 1]) >= 0) {
            int v = fc_wp_hexval((unsigned char)s[i + 1]);
            i += 2;
            if (i < n && fc_wp_hexval((unsigned char)s[i]) >= 0)
                v = v * 16 + fc_wp_hexval((unsigned char)s[i++]);
            fc_buf_putc(out, (char)v);
        } else if (c >= '0' && c <= '7') {
            int v = 0, d = 0;
            while (i < n && d < 3 && s[i] >= '0' && s[i] <= '7')
                v = v * 8 + (s[i++] - '0'), d++;
            fc_buf_putc(out, (char)(v & 0xFF));
        } else {
            fc_buf_putc(out, c);
            i++;
        }
    }
}

static bool sp(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

/* "(?:\s|$)" after s[i..): the end of the match, or 0 when it fails ($:
 * the end, or before a final newline, which \s takes anyway). */
static size_t sep_after(const char *s, size_t i, size_t n)
{
    if (i == n)
        return n;
    return sp((unsigned char)s[i]) ? i + 1 : 0;
}

/* One match of get_shortcode_atts_regex() at s[i]: the end (0: none), and
 * the name and value spans (name_len 0: positional; *quoted: a positional
 * value in quotes, which shortcode_parse_atts() drops when empty). */
static size_t att_at(const char *s, size_t i, size_t n, size_t *name, size_t *name_len, size_t *val,
                     size_t *val_len, bool *quoted)
{
    *quoted = false;
    size_t j = i;
    while (j < n && word((unsigned char)s[j]))
        j++;
    if (j > i) { /* ([\w-]+)\s*=\s*("..."|'...'|[^\s'"]+)(?:\s|$) */
        size_t k = j;
        while (k < n && sp((unsigned char)s[k]))
            k++;
        if (k < n && s[k] == '=') {
            k++;
            while (k < n && sp((unsigned char)s[k]))
                k++;
            *name = i;
            *name_len = j - i;
            if (k < n && (s[k] == '"' || s[k] == '\'')) {
                const char *q = memchr(s + k + 1, s[k], n - k - 1);
                size_t e = q ? sep_after(s, (size_t)(q - s) + 1, n) : 0;
                if (e) {
                    *val = k + 1;
                    *val_len = (size_t)(q - s) - k - 1;
                    return e;
                }
            }
            size_t v = k;
            while (v < n && !sp((unsigned char)s[v]) && s[v] != '"' && s[v] != '\'')
                v++;
            size_t e = v > k ? sep_after(s, v, n) : 0;
            if (e) {
                *val = k;
                *val_len = v - k;
                return e;
            }
        }
    }
    *name_len = 0;
    if (i < n && (s[i] == '"' || s[i] == '\'')) { /* "..." or '...' */
        const char *q = memchr(s + i + 1, s[i], n - i - 1);
        size_t e = q ? sep_after(s, (size_t)(q - s) + 1, n) : 0;
        if (e) {
            *val = i + 1;
            *val_len = (size_t)(q - s) - i - 1;
            *quoted = true;
            return e;
        }
    }
    if (i < n && !sp((unsigned char)s[i])) { /* (\S+)(?:\s|$) */
        size_t v = i;
        while (v < n && !sp((unsigned char)s[v]))
            v++;
        *val = i;
        *val_len = v - i;
        return v == n ? n : v + 1;
    }
    return 0;
}

/* '/^[^<]*+(?:<[^>]*+>[^<]*+)*+$/': every '<' closed by a later '>'. */
static bool balanced(const char *v)
{
    for (const char *p = strchr(v, '<'); p; p = strchr(p, '<')) {
        const char *gt = strchr(p, '>');
        if (!gt)
            return false;
        p = gt + 1;
    }
    return true;
}

/* The attribute text with NBSP and ZWSP runs as one space each
 * ('/[\x{00a0}\x{200b}]+/u'). */
static void nbsp_to_space(struct fc_buf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        size_t j = i;
        for (;;) {
            if (j + 1 < n && (unsigned char)s[j] == 0xC2 && (unsigned char)s[j + 1] == 0xA0)
                j += 2;
            else if (j + 2 < n && memcmp(s + j, "\xE2\x80\x8B", 3) == 0)
                j += 3;
            else
                break;
        }
        if (j > i) {
            fc_buf_putc(b, ' ');
            i = j;
        } else {
            fc_buf_putc(b, s[i++]);
        }
    }
}

bool fc_wp_parse_atts(struct fc_arena *a, const char *s0, size_t n0, struct fc_wp_atts *out)
{
    struct fc_buf t, v;
    size_t cap = 0;
    int pos = 0;
    bool ok = true;
    memset(out, 0, sizeof *out);
    fc_buf_init(&t);
    fc_buf_init(&v);
    nbsp_to_space(&t, s0, n0);
    const char *s = fc_buf_cstr(&t);
    size_t n = t.len;
    for (size_t i = 0; i < n && ok && !t.oom;) {
        size_t name, name_len, val, val_len;
        bool quoted;
        size_t e = att_at(s, i, n, &name, &name_len, &val, &val_len, &quoted);
        if (!e || (quoted && !val_len)) {
            i = e ? e : i + 1;
            continue;
        }
        if (out->n == cap) {
            size_t nc = cap ? cap * 2 : 8;
            struct fc_wp_att *nv = fc_alloc(a, nc * sizeof *nv);
            if (!nv) {
                ok = false;
                break;
            }
            if (out->n)
                memcpy(nv, out->v, out->n * sizeof *nv);
            out->v = nv;
            cap = nc;
        }
        struct fc_wp_att *at = &out->v[out->n++];
        fc_buf_reset(&v);
        fc_wp_stripcslashes(&v, s + val, val_len);
        at->value = fc_strdup(a, fc_buf_cstr(&v), v.len);
        at->name = NULL;
        at->pos = -1;
        if (name_len) {
            char *nm = fc_strdup(a, s + name, name_len);
            for (char *c = nm; c && *c; c++)
                *c = (char)fc_ascii_lower((unsigned char)*c);
            at->name = nm;
            ok = nm != NULL;
        } else {
            at->pos = pos++;
        }
        if (!at->value || v.oom)
            ok = false;
        else if (!balanced(at->value))
            at->value = "";
        i = e;
    }
    if (t.oom)
        ok = false;
    fc_buf_free(&t);
    fc_buf_free(&v);
    return ok;
}

const char *fc_wp_att(const struct fc_wp_atts *atts, const char *name)
{
    for (size_t i = atts->n; i-- > 0;)
        if (atts->v[i].name && strcmp(atts->v[i].name, name) == 0)
            return atts->v[i].value;
    return NULL;
}

const char *fc_wp_att_pos(const struct fc_wp_atts *atts, int pos)
{
    for (size_t i = 0; i < atts->n; i++)
        if (!atts->v[i].name && atts->v[i].pos == pos)
            return atts->v[i].value;
    return NULL;
}
