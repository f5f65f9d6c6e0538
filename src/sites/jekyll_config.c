/*
 * jekyll_config.c - a Jekyll site's configuration as Jekyll 4.3 reads it
 * (tests/test_site_read.c):
 *  - the first of _config.yml, _config.yaml, _config.toml;
 *  - url (no trailing '/' expected: one there doubles as Jekyll does) and
 *    baseurl make the base URL: url + "/" + baseurl without its '/' end;
 *  - permalink: a style (date, the default; pretty, ordinal, weekdate,
 *    none) or a template; collections (a mapping or a list of names)
 *    with output and permalink, posts always one; defaults with their
 *    scopes; timezone (Ruby's rules for local times); collections_dir;
 *  - title (or name), description, author, lang for the feed, as
 *    jekyll-feed uses them.
 * With no timezone Jekyll uses the build machine's zone: feedconv reads
 * such a site as UTC (the README says so).
 */
#include "sites/jekyll.h"

#include <fnmatch.h>
#include <stdio.h>
#include <string.h>

static const char *const config_files[] = {"_config.yml", "_config.yaml", "_config.toml", NULL};

bool fc_jekyll_detect(struct fc_site_reader *r)
{
    for (size_t i = 0; config_files[i]; i++)
        if (fc_site_exists(r, config_files[i]))
            return true;
    return fc_site_exists(r, "_posts");
}

const char *fc_jekyll_style(const char *style)
{
    static const struct {
        const char *name, *tmpl;
    } styles[] = {
        {"date", "/:categories/:year/:month/:day/:title:output_ext"},
        {"pretty", "/:categories/:year/:month/:day/:title/"},
        {"ordinal", "/:categories/:year/:y_day/:title:output_ext"},
        {"weekdate", "/:categories/:year/W:week/:short_day/:title:output_ext"},
        {"none", "/:categories/:title:output_ext"},
    };
    if (!style)
        style = "date";
    for (size_t i = 0; i < sizeof styles / sizeof styles[0]; i++)
        if (!strcmp(style, styles[i].name))
            return styles[i].tmpl;
    return style;
}

/* Utils.add_permalink_suffix: a collection's default template. */
static const char *suffixed(struct fc_site_reader *r, const char *tmpl, const char *style)
{
    char buf[512];
    size_t n = strlen(style);
    const char *suffix = "";
    if (!strcmp(style, "pretty"))
        suffix = "/";
    else if (!strcmp(style, "date") || !strcmp(style, "ordinal") || !strcmp(style, "none"))
        suffix = ":output_ext";
    else if (n && style[n - 1] == '/')
        suffix = "/";
    else if (n >= 11 && !strcmp(style + n - 11, ":output_ext"))
        suffix = ":output_ext";
    snprintf(buf, sizeof buf, "%s%s", tmpl, suffix);
    const char *out = fc_strdup(r->feed->arena, buf, (size_t)-1);
    if (!out)
        fc_sticky_nomem(&r->st);
    return out;
}

static void collections(struct fc_site_reader *r, const struct fc_fm_node *c)
{
    struct fc_site *s = &r->site;
    size_t n = c ? (c->type == FC_FM_MAP ? c->n / 2 : c->type == FC_FM_SEQ ? c->n : 0) : 0;
    s->collections = fc_alloc(r->feed->arena, (n + 1) * sizeof *s->collections);
    if (!s->collections) {
        fc_sticky_nomem(&r->st);
        return;
    }
    const char *style = s->permalink_style;
    s->collections[s->n_collections++] = (struct fc_site_collection){"posts", s->permalink, true};
    for (size_t i = 0; i < n; i++) {
        const struct fc_fm_node *meta = NULL;
        const char *label =
            c->type == FC_FM_MAP ? fc_fm_str(c->kids[2 * i]) : fc_fm_str(c->kids[i]);
        if (c->type == FC_FM_MAP)
            meta = c->kids[2 * i + 1];
        if (!label)
            continue;
        const char *pl = fc_fm_str(fc_fm_get(meta, "permalink"));
        bool output = fc_fm_bool(fc_fm_get(meta, "output")) == 1;
        if (!strcmp(label, "posts")) {
            if (pl)
                s->collections[0].permalink = s->permalink = fc_jekyll_style(pl);
            continue;
        }
        struct fc_site_collection *col = &s->collections[s->n_collections++];
        col->label = label;
        col->output = output;
        col->permalink = pl ? fc_jekyll_style(pl) : suffixed(r, "/:collection/:path", style);
    }
}

static void defaults(struct fc_site_reader *r, const struct fc_fm_node *d)
{
    struct fc_site *s = &r->site;
    if (!d || d->type != FC_FM_SEQ || !d->n)
        return;
    s->defaults = fc_alloc(r->feed->arena, d->n * sizeof *s->defaults);
    if (!s->defaults) {
        fc_sticky_nomem(&r->st);
        return;
    }
    for (size_t i = 0; i < d->n; i++) {
        const struct fc_fm_node *scope = fc_fm_get(d->kids[i], "scope");
        const struct fc_fm_node *values = fc_fm_get(d->kids[i], "values");
        if (!values || values->type != FC_FM_MAP)
            continue;
        const char *path = fc_fm_str(fc_fm_get(scope, "path"));
        const char *type = fc_fm_str(fc_fm_get(scope, "type"));
        /* the old singular types */
        if (type && !strcmp(type, "post"))
            type = "posts";
        else if (type && !strcmp(type, "page"))
            type = "pages";
        else if (type && !strcmp(type, "draft"))
            type = "drafts";
        s->defaults[s->n_defaults++] = (struct fc_site_default){path ? path : "", type, values};
    }
}

/* Does scope path sp hold rel (the path or one of its directories; a
 * glob with '*')? */
static bool scope_holds(const char *sp, const char *rel)
{
    while (!strncmp(sp, "./", 2))
        sp += 2;
    size_t n = strlen(sp);
    while (n && sp[n - 1] == '/')
        n--;
    if (!n)
        return true;
    char pat[1024];
    snprintf(pat, sizeof pat, "%.*s", (int)n, sp);
    if (strchr(pat, '*'))
        return fnmatch(pat, rel, 0) == 0 || (fnmatch(pat, rel, FNM_LEADING_DIR) == 0);
    return !strncmp(rel, pat, n) && (rel[n] == '/' || rel[n] == '\0');
}

const struct fc_fm_node *fc_jekyll_defaults(struct fc_site_reader *r, struct fc_arena *a,
                                            const char *rel, const char *type,
                                            const struct fc_fm_node *fm,
                                            const struct fc_fm_node **default_categories)
{
    const struct fc_site *s = &r->site;
    *default_categories = NULL;
    /* the scopes that apply, weakest first: a shorter path, then no type */
    const struct fc_site_default *apply[64];
    size_t n = 0;
    for (size_t i = 0; i < s->n_defaults && n < 64; i++) {
        const struct fc_site_default *d = &s->defaults[i];
        if ((d->type && strcmp(d->type, type)) || !scope_holds(d->path, rel))
            continue;
        size_t k = n++;
        while (k > 0) {
            const struct fc_site_default *p = apply[k - 1];
            size_t lp = strlen(p->path), ld = strlen(d->path);
            if (lp < ld || (lp == ld && (!p->type || d->type)))
                break;
            apply[k] = apply[k - 1];
            k--;
        }
        apply[k] = d;
    }
    if (!n)
        return fm;
    struct fc_fm_node *merged = NULL;
    for (size_t i = 0; i < n; i++) {
        const struct fc_fm_node *cats = fc_fm_get(apply[i]->values, "categories");
        if (cats)
            *default_categories = cats;
        if (!(merged = fc_site_merge(a, merged, apply[i]->values))) {
            fc_sticky_nomem(&r->st);
            return fm;
        }
    }
    const struct fc_fm_node *out = fc_site_merge(a, merged, fm);
    if (!out)
        fc_sticky_nomem(&r->st);
    return out ? out : fm;
}

void fc_jekyll_config(struct fc_site_reader *r)
{
    struct fc_site *s = &r->site;
    struct fc_feed *f = r->feed;
    struct fc_arena *a = f->arena;
    const struct fc_fm_node *c = NULL;
    for (size_t i = 0; config_files[i] && !c && fc_sticky_ok(&r->st); i++) {
        if (!fc_site_exists(r, config_files[i]))
            continue;
        struct fc_buf text;
        fc_buf_init(&text);
        struct fc_fm_node *root = NULL;
        enum fc_fm_syntax syn = strstr(config_files[i], ".toml") ? FC_FM_TOML : FC_FM_YAML;
        if (!fc_site_read_text(r, config_files[i], &text))
            fc_sticky_set(&r->st, fc_fm_parse(a, syn, fc_buf_cstr(&text), text.len, r->st.file, 0,
                                              &root, r->st.err));
        fc_buf_free(&text);
        c = root && root->type == FC_FM_MAP ? root : NULL;
        if (!c && fc_sticky_ok(&r->st))
            fc_sticky_warn(&r->st, 0, 0, "%s is no mapping: Jekyll's defaults are used",
                           config_files[i]);
        break;
    }
    if (!fc_sticky_ok(&r->st))
        return;
    s->config = c;
    s->title = fc_fm_str(fc_fm_get(c, "title"));
    if (!s->title)
        s->title = fc_fm_str(fc_fm_get(c, "name"));
    s->description = fc_fm_str(fc_fm_get(c, "description"));
    s->language = fc_fm_str(fc_fm_get(c, "lang"));
    s->copyright = fc_fm_str(fc_fm_get(c, "copyright"));
    s->author = fc_fm_get(c, "author");
    s->time_zone = fc_fm_str(fc_fm_get(c, "timezone"));
    s->tz_rule = FC_TZ_RUBY;
    s->permalink_style = fc_fm_str(fc_fm_get(c, "permalink"));
    if (!s->permalink_style)
        s->permalink_style = "date";
    s->permalink = fc_jekyll_style(s->permalink_style);
    s->content_dir = fc_fm_str(fc_fm_get(c, "collections_dir"));
    if (!s->content_dir)
        s->content_dir = "";
    while (*s->content_dir == '/')
        s->content_dir++;
    collections(r, fc_fm_get(c, "collections"));
    defaults(r, fc_fm_get(c, "defaults"));
    const struct fc_fm_node *ex = fc_fm_get(c, "exclude");
    if (ex && ex->type == FC_FM_SEQ) {
        const char **list = fc_alloc(a, (ex->n + 1) * sizeof *list);
        if (!list) {
            fc_sticky_nomem(&r->st);
            return;
        }
        for (size_t i = 0, k = 0; i < ex->n; i++)
            if (fc_fm_str(ex->kids[i]))
                list[k++] = fc_fm_str(ex->kids[i]);
        s->exclude = list;
    }
    /* the base URL: url + baseurl, as absolute_url joins them */
    const char *url = fc_fm_str(fc_fm_get(c, "url"));
    const char *base = fc_fm_str(fc_fm_get(c, "baseurl"));
    struct fc_buf b;
    fc_buf_init(&b);
    fc_buf_puts(&b, url ? url : "");
    if (base && *base) {
        size_t bl = strlen(base);
        while (bl && base[bl - 1] == '/')
            bl--;
        if (bl && *base != '/')
            fc_buf_putc(&b, '/');
        fc_buf_add(&b, base, bl);
    }
    fc_buf_putc(&b, '/');
    if (b.oom)
        fc_sticky_nomem(&r->st);
    else
        fc_site_set_base(r, b.data);
    fc_buf_free(&b);
    fc_site_load_zone(r);
    const char *home = s->base_url ? s->base_url : s->sub_path;
    if ((s->title && fc_set(a, &f->title.value, s->title)) ||
        (s->description && fc_set(a, &f->subtitle.value, s->description)) ||
        ((url || base) && fc_set(a, &f->home_url, home)) ||
        (s->language && fc_set(a, &f->language, s->language)) ||
        (s->copyright && fc_set(a, &f->rights.value, s->copyright)))
        fc_sticky_nomem(&r->st);
}
