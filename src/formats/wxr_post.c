/*
 * wxr_post.c - one WXR item into a post (the mapping table is at the top
 * of wxr.c): status, dates, addresses, terms, meta, comments, and the body
 * through WordPress's the_content (src/sites/wp_body.c).
 */
#include "formats/wxr.h"

#include <stdio.h>

#define ORIGIN "wxr"

/* ---- dates ------------------------------------------------------------------- */

/* "YYYY-MM-DD HH:MM:SS" (MySQL's DATETIME as WordPress writes it): 1
 * parsed, 0 the zero date ("0000-00-00 00:00:00", or any year or month
 * or day 0), -1 not such a date. */
static int mysql_date(const char *s, int v[6])
{
    static const char sep[] = "?-- ::"; /* before each field */
    size_t k = 0;
    const char *p = s;
    for (int i = 0; i < 6; i++) {
        if (i > 0) {
            if (*p != sep[i] && !(i == 3 && *p == 'T'))
                return -1;
            p++;
        }
        int n = 0, d = 0;
        bool neg = i == 0 && *p == '-';
        p += neg;
        while (*p >= '0' && *p <= '9' && d < 5)
            n = n * 10 + (*p++ - '0'), d++;
        if (d == 0)
            return -1;
        v[i] = neg ? -n : n;
        k++;
    }
    while (*p == ' ')
        p++;
    if (*p)
        return -1;
    if (v[0] <= 0 || v[1] == 0 || v[2] == 0)
        return 0;
    if (v[1] > 12 || v[2] > 31 || v[3] > 23 || v[4] > 59 || v[5] > 60)
        return -1;
    return k == 6 ? 1 : -1;
}

/* Days since 1970-01-01 of a proleptic Gregorian date. */
static int64_t days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static int64_t seconds(const int v[6])
{
    return days_from_civil(v[0], v[1], v[2]) * 86400 + v[3] * 3600 + v[4] * 60 + v[5];
}

int fc_wxr_date(struct fc_arena *a, const char *local, const char *gmt, struct fc_time *t)
{
    int l[6], g[6];
    int lr = local ? mysql_date(local, l) : 0, gr = gmt ? mysql_date(gmt, g) : 0;
    memset(t, 0, sizeof *t);
    if (lr < 0 || gr < 0) {
        t->raw = fc_strdup(a, lr < 0 ? local : gmt, (size_t)-1);
        return -1;
    }
    const int *w = lr == 1 ? l : g; /* the wall clock written */
    if (lr != 1 && gr != 1)
        return 0;
    t->year = w[0], t->month = w[1], t->day = w[2];
    t->hour = w[3], t->minute = w[4], t->second = w[5];
    t->precision = FC_TIME_SECOND;
    if (gr != 1) {
        t->zone = FC_ZONE_NONE; /* a draft's local time, its zone unknown */
        return 2;
    }
    t->zone = FC_ZONE_OFFSET;
    int64_t off = lr == 1 ? seconds(l) - seconds(g) : 0;
    off = off >= 0 ? (off + 30) / 60 : -((-off + 30) / 60);
    if (off < -18 * 60 || off > 18 * 60) { /* not an offset: the GMT time as it is */
        t->year = g[0], t->month = g[1], t->day = g[2];
        t->hour = g[3], t->minute = g[4], t->second = g[5];
        off = 0;
    }
    t->offset = (int)off;
    return 1;
}

/* ---- the item ------------------------------------------------------------------- */

struct mapping {
    struct wxr_reader *r;
    const struct wxr_rec *rec;
    struct wxr_item *it;
    struct fc_post *p;
    struct fc_sticky *s;
    struct fc_arena *a;
    const char *type, *status;
    char what[80];         /* "post 10": names the post in warnings */
    struct wxr_body *body; /* the content, for fc_wxr_render */
    const char *footnotes;
    bool she_encoded;
    struct fc_list old_slugs; /* struct fc_alias, the _wp_old_slug values */
};

static const char *field(struct mapping *m, enum wxr_field f, bool trim)
{
    return fc_wxr_text(m->r, m->a, m->it->f[f], trim, m->s);
}

static unsigned long line_of(struct mapping *m, enum wxr_field f)
{
    return fc_wxr_line(m->rec, m->it->f[f] ? m->it->f[f] : m->it->node);
}

static void warn(struct mapping *m, enum wxr_field f, const char *fmt, ...) FC_PRINTF(3, 4);

static void warn(struct mapping *m, enum wxr_field f, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    fc_sticky_warn(m->s, line_of(m, f), 0, "%s: %s", m->what, msg);
}

static bool is_query_link(const char *u)
{
    return u && (strstr(u, "?p=") || strstr(u, "?page_id=") || strstr(u, "&p=") ||
                 strstr(u, "?attachment_id="));
}

static void add_alias(struct mapping *m, const char *url)
{
    if (!url || !*url)
        return;
    for (const struct fc_alias *x = m->p->aliases.first; x; x = x->next)
        if (strcmp(x->url, url) == 0)
            return;
    struct fc_alias *al = fc_list_add(m->a, &m->p->aliases, sizeof *al);
    if (!al || !(al->url = fc_strdup(m->a, url, (size_t)-1)))
        fc_sticky_nomem(m->s);
}

/* post_status: publish, future (dated ahead), draft / pending, private. */
static void status(struct mapping *m)
{
    const char *st = m->status;
    struct fc_post *p = m->p;
    if (!strcmp(st, "publish")) {
        p->draft = 0;
    } else if (!strcmp(st, "future")) {
        p->draft = 0;
        warn(m, WF_STATUS, "scheduled (status future): published with its date ahead");
    } else if (!strcmp(st, "draft") || !strcmp(st, "pending")) {
        p->draft = 1;
    } else if (!strcmp(st, "private")) {
        p->draft = 1;
        p->private_post = 1;
        warn(m, WF_STATUS, "private: kept as a draft");
    } else {
        p->draft = 1;
        warn(m, WF_STATUS, "status \"%.40s\" is not one WordPress publishes: kept as a draft", st);
    }
    const char *pw = field(m, WF_PASSWORD, true);
    if (pw)
        warn(m, WF_PASSWORD, "password-protected: its body is in the output, unprotected");
}

static void dates(struct mapping *m)
{
    struct fc_post *p = m->p;
    const char *local = field(m, WF_POST_DATE, true), *gmt = field(m, WF_POST_DATE_GMT, true);
    int rc = fc_wxr_date(m->a, local, gmt, &p->published);
    if (rc == 2) {
        warn(m, WF_POST_DATE_GMT,
             "no GMT date (not published yet): its local date %.40s kept without a time zone",
             local);
    } else if (rc == 0) { /* the pubDate, last, when it is a real date */
        const char *pub = field(m, WF_PUBDATE, true);
        struct fc_time t;
        if (pub && fc_time_parse(pub, &t) == FC_OK && t.year >= 1)
            p->published = t;
        else
            warn(m, WF_POST_DATE, "no date (its dates are zero); left undated");
    } else if (rc < 0) {
        warn(m, WF_POST_DATE, "a date that is not YYYY-MM-DD HH:MM:SS kept as text");
    }
    if (fc_wxr_date(m->a, field(m, WF_MODIFIED, true), field(m, WF_MODIFIED_GMT, true),
                    &p->updated) < 0)
        warn(m, WF_MODIFIED, "a modification date that is not YYYY-MM-DD HH:MM:SS kept as text");
}

/* The old permalink with an old slug: the link's segment that is the
 * current slug replaced. */
static void old_slug_alias(struct mapping *m, const char *link, const char *name, const char *old)
{
    size_t ln = strlen(link), nn = strlen(name);
    for (size_t i = ln; nn && i-- > 0;) {
        if (link[i] != '/' || i + 1 + nn > ln || memcmp(link + i + 1, name, nn) != 0 ||
            (link[i + 1 + nn] != '/' && link[i + 1 + nn] != '\0'))
            continue;
        struct fc_buf b;
        fc_buf_init(&b);
        fc_buf_add(&b, link, i + 1);
        fc_buf_puts(&b, old);
        fc_buf_puts(&b, link + i + 1 + nn);
        if (b.oom)
            fc_sticky_nomem(m->s);
        else
            add_alias(m, b.data);
        fc_buf_free(&b);
        return;
    }
}

/* url, id, title, slug, aliases. */
static void addresses(struct mapping *m)
{
    struct fc_post *p = m->p;
    struct wxr_reader *r = m->r;
    const char *link = field(m, WF_LINK, true), *name = field(m, WF_POST_NAME, true);
    p->id = field(m, WF_GUID, true);
    if (m->it->f[WF_GUID]) {
        const char *pl = fc_xml_attr(m->a, m->it->f[WF_GUID], NULL, "isPermaLink", m->s);
        if (pl)
            p->id_is_permalink = fc_strcasecmp(pl, "false") == 0 ? 0 : 1;
    }
    /* an unpublished post's link is its "?p=" preview, no address */
    p->url = is_query_link(link) && strcmp(m->status, "publish") != 0 ? NULL : link;
    p->title.value = field(m, WF_TITLE, true);
    p->title.type = m->it->f[WF_MODIFIED] && p->title.value && fc_looks_like_html(p->title.value)
                        ? FC_HTML
                        : FC_TEXT;
    p->slug = name ? fc_wp_urldecode(m->a, name) : NULL;
    if (!p->slug && p->title.value) {
        const char *plain =
            p->title.type == FC_HTML ? fc_html_to_text(m->a, p->title.value) : p->title.value;
        char *sl = plain ? fc_wp_sanitize_title(m->a, plain) : NULL;
        if (!sl)
            fc_sticky_nomem(m->s);
        p->slug = sl && *sl ? fc_wp_urldecode(m->a, sl) : NULL;
    }
    const char *query = fc_wxr_query_url(r, m->a, m->type, m->rec->id, m->s);
    add_alias(m, link);
    add_alias(m, query);
    for (const struct fc_alias *o = m->old_slugs.first; o && link && name; o = o->next)
        if (!is_query_link(link))
            old_slug_alias(m, link, name, o->url);
    p->id = fc_wxr_post_id(p->id, link, query);
}

static void authors(struct mapping *m)
{
    const char *c = field(m, WF_CREATOR, true);
    if (!c)
        return;
    const struct wxr_author *au = fc_wxr_author(m->r, c);
    struct fc_person *p = fc_list_add(m->a, &m->p->authors, sizeof *p);
    if (!p) {
        fc_sticky_nomem(m->s);
        return;
    }
    p->name = au && au->display                      ? fc_strdup(m->a, au->display, (size_t)-1)
              : m->r->major == 1 && m->r->minor == 0 ? fc_html_to_text(m->a, c)
                                                     : c;
    if (au && au->email && m->r->keep_private)
        p->email = fc_strdup(m->a, au->email, (size_t)-1);
    if (!p->name || (au && au->email && m->r->keep_private && !p->email))
        fc_sticky_nomem(m->s);
}

/* <category domain nicename>: the new-style ones; WXR 1.0's old-style
 * duplicates (no nicename) only when no new-style one has their name. */
static void categories(struct mapping *m)
{
    for (xmlNode *c = fc_xml_first(m->it->node); c && fc_sticky_ok(m->s); c = fc_xml_next(c)) {
        if (!fc_wxr_is(c, WXR_NONE, "category"))
            continue;
        const char *dom = fc_xml_attr(m->a, c, NULL, "domain", m->s);
        const char *nice = fc_xml_attr(m->a, c, NULL, "nicename", m->s);
        const char *name = fc_xml_text(m->a, c, true, m->s);
        if (!dom || !*dom)
            dom = "category";
        else if (!strcmp(dom, "tag"))
            dom = "post_tag"; /* WXR 1.0 */
        if (!strcmp(dom, "nav_menu") || !name)
            continue;
        bool dup = false;
        for (const struct fc_tag *t = m->p->categories.first; t && !nice; t = t->next)
            dup = dup || (t->term && !strcmp(t->term, name) && !strcmp(t->scheme, dom));
        if (!nice) { /* a later new-style one replaces it */
            for (xmlNode *d = fc_xml_next(c); d && !dup; d = fc_xml_next(d)) {
                const char *dn = fc_wxr_is(d, WXR_NONE, "category")
                                     ? fc_xml_attr(m->a, d, NULL, "nicename", m->s)
                                     : NULL;
                const char *dt = dn ? fc_xml_text(m->a, d, true, m->s) : NULL;
                dup = dt && !strcmp(dt, name);
            }
        }
        if (dup)
            continue;
        struct fc_tag *t = fc_list_add(m->a, &m->p->categories, sizeof *t);
        if (!t) {
            fc_sticky_nomem(m->s);
            return;
        }
        t->term = name;
        t->scheme = dom;
        t->slug = nice ? fc_wp_urldecode(m->a, nice) : NULL;
    }
}

/* enclosure: "url\nlength\ntype\n" (do_enclose()). */
static void enclosure(struct mapping *m, const char *v)
{
    const char *part[3] = {NULL, NULL, NULL};
    size_t len[3] = {0, 0, 0}, k = 0;
    for (const char *p = v; *p && k < 3;) {
        size_t n = strcspn(p, "\n");
        size_t a = 0, b = n;
        while (a < b && fc_ascii_space((unsigned char)p[a]))
            a++;
        while (b > a && fc_ascii_space((unsigned char)p[b - 1]))
            b--;
        if (b > a) {
            part[k] = p + a;
            len[k++] = b - a;
        }
        p += n + (p[n] == '\n');
    }
    if (!part[0])
        return;
    struct fc_media *md = fc_media_add(m->a, &m->p->attachments);
    if (!md) {
        fc_sticky_nomem(m->s);
        return;
    }
    md->url = fc_strdup(m->a, part[0], len[0]);
    int64_t l;
    char tmp[32];
    snprintf(tmp, sizeof tmp, "%.*s", (int)(len[1] < 31 ? len[1] : 31), part[1] ? part[1] : "");
    if (part[1] && fc_parse_int(tmp, 0, INT64_MAX, &l))
        md->length = l;
    if (part[2])
        md->type = fc_strdup(m->a, part[2], len[2]);
    if (!md->url || (part[2] && !md->type))
        fc_sticky_nomem(m->s);
}

/* A meta element kept as an extension, its value without the space WXR
 * before 1.2 put after a final ']' (see fc_wxr_text). */
static void keep_meta(struct mapping *m, const xmlNode *e)
{
    struct fc_ext *x = fc_xml_to_ext(m->a, &m->p->exts, e, ORIGIN, m->s);
    for (struct fc_ext *c = x && m->r->old_cdata ? x->children.first : NULL; c; c = c->next) {
        struct fc_ext *t = c->name && !strcmp(c->name, "meta_value") ? c->children.last : NULL;
        size_t n = t && t->value && !t->name ? strlen(t->value) : 0;
        if (n >= 2 && t->value[n - 1] == ' ' && t->value[n - 2] == ']' &&
            !(t->value = fc_strdup(m->a, t->value, n - 1)))
            fc_sticky_nomem(m->s);
    }
}

/* The post's meta: what the model or the body uses, the rest as exts. */
static void post_meta(struct mapping *m)
{
    struct wxr_reader *r = m->r;
    for (xmlNode *e = fc_xml_first(m->it->node); e && fc_sticky_ok(m->s); e = fc_xml_next(e)) {
        if (!fc_wxr_is(e, WXR_WP, "postmeta"))
            continue;
        const xmlNode *kn = NULL, *vn = NULL;
        for (xmlNode *c = fc_xml_first(e); c; c = fc_xml_next(c)) {
            if (fc_wxr_is(c, WXR_WP, "meta_key") && !kn)
                kn = c;
            else if (fc_wxr_is(c, WXR_WP, "meta_value") && !vn)
                vn = c;
        }
        const char *k = fc_xml_text(m->a, kn, true, m->s);
        const char *v = fc_wxr_text(r, m->a, vn, false, m->s);
        if (!k) {
            keep_meta(m, e);
        } else if (!strcmp(k, "_thumbnail_id")) {
            int64_t id = 0;
            const struct fc_wp_attachment *at =
                v && fc_parse_int(v, 1, INT64_MAX, &id) ? r->site.attachment(r, id) : NULL;
            if (at && at->url)
                m->p->image = fc_strdup(m->a, at->url, (size_t)-1);
            else if (id)
                fc_sticky_warn(m->s, fc_wxr_line(m->rec, e), 0,
                               "%s: its featured image (attachment %lld) is not in the export",
                               m->what, (long long)id);
        } else if (!strcmp(k, "enclosure") && v) {
            enclosure(m, v);
        } else if (!strcmp(k, "_wp_old_slug") && v) {
            struct fc_alias *al = fc_list_add(m->a, &m->old_slugs, sizeof *al);
            if (!al || !(al->url = fc_strtrim(m->a, v, strlen(v))))
                fc_sticky_nomem(m->s);
        } else if (!strcmp(k, "footnotes")) {
            m->footnotes = v;
        } else if (!strcmp(k, "_syntaxhighlighter_encoded") ||
                   !strcmp(k, "syntaxhighlighter_encoded")) {
            m->she_encoded = v && strcmp(v, "0") != 0;
        } else {
            keep_meta(m, e);
        }
    }
}

static const char *child_text(struct mapping *m, const xmlNode *c, const char *name, bool trim)
{
    for (xmlNode *k = fc_xml_first(c); k; k = fc_xml_next(k))
        if (fc_wxr_is(k, WXR_WP, name))
            return fc_wxr_text(m->r, m->a, k, trim, m->s);
    return NULL;
}

/* One wp:comment: kept when approved and a reader's (comment, pingback,
 * trackback); the parent is its raw id until all are read. */
static struct fc_comment *comment(struct mapping *m, const xmlNode *c, const char **parent)
{
    const char *approved = child_text(m, c, "comment_approved", true);
    const char *type = child_text(m, c, "comment_type", true);
    enum fc_comment_kind kind = FC_COMMENT_REPLY;
    if (type && !strcmp(type, "pingback"))
        kind = FC_COMMENT_PINGBACK;
    else if (type && !strcmp(type, "trackback"))
        kind = FC_COMMENT_TRACKBACK;
    else if (type && *type && strcmp(type, "comment"))
        approved = NULL; /* notes, reviews, order notes...: not a reader's comment */
    if (!approved || strcmp(approved, "1") != 0) {
        m->r->comments_dropped++;
        return NULL;
    }
    struct fc_comment *k = fc_list_add(m->a, &m->p->comments, sizeof *k);
    if (!k) {
        fc_sticky_nomem(m->s);
        return NULL;
    }
    k->kind = kind;
    k->id = child_text(m, c, "comment_id", true);
    const char *pid = child_text(m, c, "comment_parent", true);
    *parent = pid && strcmp(pid, "0") != 0 ? pid : NULL;
    const char *name = child_text(m, c, "comment_author", true);
    k->author.name = name ? fc_html_to_text(m->a, name) : NULL;
    k->author.url = child_text(m, c, "comment_author_url", true);
    if (m->r->keep_private) {
        k->author.email = child_text(m, c, "comment_author_email", true);
        k->author_ip = child_text(m, c, "comment_author_IP", true);
    }
    const char *local = child_text(m, c, "comment_date", true);
    const char *gmt = child_text(m, c, "comment_date_gmt", true);
    if (fc_wxr_date(m->a, local, gmt, &k->published) < 0)
        fc_sticky_warn(m->s, fc_wxr_line(m->rec, c), 0, "%s: comment %s has a date kept as text",
                       m->what, k->id ? k->id : "?");
    const char *body = child_text(m, c, "comment_content", false);
    if (body) { /* comment_text(): wpautop */
        struct fc_buf b;
        fc_buf_init(&b);
        fc_wp_autop_text(&b, body, strlen(body));
        k->content_html = b.oom ? NULL : fc_strdup(m->a, b.len ? b.data : "", b.len);
        if (!k->content_html)
            fc_sticky_nomem(m->s);
        fc_buf_free(&b);
    }
    if (name && !k->author.name)
        fc_sticky_nomem(m->s);
    return k;
}

/* Comments in document order, replies pointing at kept parents only. */
static void comments(struct mapping *m)
{
    size_t n = 0, cap = 0;
    const char **parents = NULL;
    struct fc_comment **kept = NULL;
    for (xmlNode *c = fc_xml_first(m->it->node); c && fc_sticky_ok(m->s); c = fc_xml_next(c)) {
        if (!fc_wxr_is(c, WXR_WP, "comment"))
            continue;
        const char *parent = NULL;
        struct fc_comment *k = comment(m, c, &parent);
        if (!k)
            continue;
        size_t cap2 = cap;
        if (!fc_wxr_grow((void **)&parents, &n, &cap, sizeof *parents) ||
            !fc_wxr_grow((void **)&kept, &n, &cap2, sizeof *kept)) {
            fc_sticky_nomem(m->s);
            break;
        }
        parents[n] = parent;
        kept[n++] = k;
    }
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; parents[i] && j < n && !kept[i]->parent_id; j++)
            if (kept[j]->id && !strcmp(kept[j]->id, parents[i]))
                kept[i]->parent_id = kept[j]->id;
    m->p->comment_count = (int64_t)m->p->comments.count;
    free(parents);
    free(kept);
}

/* The content is left for fc_wxr_render (the reader may run it on a
 * thread); the excerpt, the_excerpt()'s wpautop, is done here. */
static void body(struct mapping *m)
{
    struct fc_post *p = m->p;
    const char *content = field(m, WF_CONTENT, false);
    const char *excerpt = field(m, WF_EXCERPT, false);
    if (content && fc_sticky_ok(m->s)) {
        m->body->content = content;
        m->body->line = line_of(m, WF_CONTENT);
        memcpy(m->body->what, m->what, sizeof m->body->what);
        m->body->id = m->rec->id;
        m->body->she_encoded = m->she_encoded;
        m->body->footnotes = m->footnotes;
    }
    if (excerpt) {
        struct fc_buf b;
        fc_buf_init(&b);
        fc_wp_autop_text(&b, excerpt, strlen(excerpt));
        if (b.len && !(p->summary.value = fc_strdup(m->a, b.data, b.len)))
            fc_sticky_nomem(m->s);
        p->summary.type = FC_HTML;
        if (b.oom)
            fc_sticky_nomem(m->s);
        fc_buf_free(&b);
    }
}

void fc_wxr_render(const struct wxr_reader *r, const struct wxr_body *w, struct fc_post *p,
                   struct fc_sticky *s)
{
    if (!w->content)
        return;
    struct fc_buf b;
    fc_buf_init(&b);
    struct fc_wp_body wb = {
        s,        w->line,        w->what, &r->site, w->id, w->she_encoded, w->footnotes,
        p->arena, &p->attachments};
    fc_wp_render(&wb, w->content, strlen(w->content), &b);
    if (b.oom)
        fc_sticky_nomem(s);
    else if (b.len && fc_sticky_ok(s) && !(p->content_html = fc_strdup(p->arena, b.data, b.len)))
        fc_sticky_nomem(s);
    fc_buf_free(&b);
}

/* Page hierarchy, menu order, stickiness. */
static void place(struct mapping *m)
{
    struct fc_post *p = m->p;
    int64_t parent = fc_wxr_int(m->r, m->it->f[WF_POST_PARENT], m->s);
    if (parent) {
        const char *g = fc_wxr_guid_of(m->r, parent, m->s);
        if (g && !(p->parent_id = fc_strdup(m->a, g, (size_t)-1)))
            fc_sticky_nomem(m->s);
        else if (!g && fc_sticky_ok(m->s))
            warn(m, WF_POST_PARENT, "its parent (post %lld) is not in the export",
                 (long long)parent);
    }
    int64_t order = fc_wxr_int(m->r, m->it->f[WF_MENU_ORDER], m->s);
    p->weight = order > INT32_MIN && order < INT32_MAX ? (int)order : 0;
    p->sticky = fc_wxr_int(m->r, m->it->f[WF_STICKY], m->s) == 1;
    if (strcmp(m->type, "post") && !(p->kind = fc_strdup(m->a, m->type, (size_t)-1)))
        fc_sticky_nomem(m->s);
}

/* The children kept as extensions: post_id, comment_status, ping_status,
 * a non-empty description, repeats, and elements of other namespaces. */
static void extensions(struct mapping *m)
{
    static const enum wxr_field kept[] = {WF_POST_ID, WF_COMMENT_STATUS, WF_PING_STATUS,
                                          WF_DESCRIPTION, WF_ATTACHMENT_URL};
    for (xmlNode *c = fc_xml_first(m->it->node); c && fc_sticky_ok(m->s); c = fc_xml_next(c)) {
        if (fc_wxr_is(c, WXR_NONE, "category") || fc_wxr_is(c, WXR_WP, "postmeta") ||
            fc_wxr_is(c, WXR_WP, "comment"))
            continue;
        bool used = false;
        for (int f = 0; f < WF_COUNT && !used; f++)
            used = m->it->f[f] == c;
        for (size_t i = 0; i < sizeof kept / sizeof kept[0] && used; i++)
            if (m->it->f[kept[i]] == c)
                used = kept[i] == WF_DESCRIPTION && !fc_xml_text(m->a, c, true, m->s);
        if (!used)
            fc_xml_to_ext(m->a, &m->p->exts, c, ORIGIN, m->s);
    }
}

void fc_wxr_post(struct wxr_reader *r, const struct wxr_rec *rec, struct wxr_item *it,
                 struct fc_post *p, struct wxr_body *content, struct fc_sticky *s)
{
    struct mapping m;
    memset(&m, 0, sizeof m);
    memset(content, 0, sizeof *content);
    m.body = content;
    m.r = r;
    m.rec = rec;
    m.it = it;
    m.p = p;
    m.s = s;
    m.a = p->arena;
    m.type = field(&m, WF_POST_TYPE, true);
    m.status = field(&m, WF_STATUS, true);
    if (!m.type)
        m.type = "post";
    if (!m.status)
        m.status = "publish";
    snprintf(m.what, sizeof m.what, "%.40s %lld", m.type, (long long)rec->id);
    static void (*const steps[])(struct mapping *) = {
        status, post_meta, addresses, dates, authors, categories, comments, place, body, extensions,
    };
    for (size_t i = 0; i < sizeof steps / sizeof steps[0] && fc_sticky_ok(s); i++)
        steps[i](&m);
}
