/*
 * hugo_config.c - a Hugo site's configuration as Hugo 0.111 reads it
 * (tests/test_site_read.c):
 *  - one root file, the first of hugo.toml, hugo.yaml, hugo.yml,
 *    hugo.json, config.toml, config.yaml, config.yml, config.json (no
 *    merging between them);
 *  - then config/_default/ and config/production/ (the environment of
 *    `hugo`), each file in name order deep-merged over what came before,
 *    the directory winning over the root file: config.* and hugo.* at the
 *    top, params.toml under [params], menus.* under [menus], ... and
 *    params.<lang>.toml under languages.<lang>.params;
 *  - keys are case-insensitive: every key is lower-cased;
 *  - defaults: contentDir "content", timeZone UTC, defaultContentLanguage
 *    "en", taxonomies tag and category.
 * With no configuration at all Hugo refuses to build ("Unable to locate
 * config file"): the site is still read, with a warning.
 */
#include "sites/hugo.h"

#include <stdio.h>
#include <string.h>

static const char *const root_files[] = {"hugo.toml",  "hugo.yaml",   "hugo.yml",
                                         "hugo.json",  "config.toml", "config.yaml",
                                         "config.yml", "config.json", NULL};

static enum fc_fm_syntax syntax_of(const char *name)
{
    size_t n = strlen(name);
    if (n > 5 && !strcmp(name + n - 5, ".toml"))
        return FC_FM_TOML;
    if (n > 5 && !strcmp(name + n - 5, ".json"))
        return FC_FM_JSON;
    if ((n > 5 && !strcmp(name + n - 5, ".yaml")) || (n > 4 && !strcmp(name + n - 4, ".yml")))
        return FC_FM_YAML;
    return FC_FM_NONE;
}

/* Read a configuration file of the site into a tree (keys lower-cased);
 * NULL when it is empty or no mapping. */
static struct fc_fm_node *read_file(struct fc_site_reader *r, const char *rel)
{
    struct fc_buf text;
    fc_buf_init(&text);
    struct fc_fm_node *root = NULL;
    enum fc_fm_syntax syn = syntax_of(rel);
    if (syn && !fc_site_read_text(r, rel, &text))
        fc_sticky_set(&r->st, fc_fm_parse(r->feed->arena, syn, fc_buf_cstr(&text), text.len,
                                          r->st.file, 0, &root, r->st.err));
    fc_buf_free(&text);
    if (!fc_sticky_ok(&r->st) || !root || root->type != FC_FM_MAP)
        return NULL;
    struct fc_fm_node *low = fc_site_lower_keys(r->feed->arena, root, true);
    if (!low)
        fc_sticky_nomem(&r->st);
    return low;
}

bool fc_hugo_detect(struct fc_site_reader *r)
{
    for (size_t i = 0; root_files[i]; i++)
        if (fc_site_exists(r, root_files[i]))
            return true;
    return fc_site_exists(r, "config/_default");
}

/* A map {key: v}. */
static struct fc_fm_node *wrap(struct fc_site_reader *r, const char *key, struct fc_fm_node *v)
{
    struct fc_arena *a = r->feed->arena;
    struct fc_fm_node *m = fc_fm_new(a, FC_FM_MAP, 0, 0);
    struct fc_fm_node *k = fc_fm_new(a, FC_FM_SCALAR, 0, 0);
    if (!m || !k || !(m->kids = fc_alloc(a, 2 * sizeof *m->kids)) ||
        !(k->str = fc_strdup(a, key, (size_t)-1))) {
        fc_sticky_nomem(&r->st);
        return NULL;
    }
    k->len = strlen(key);
    k->plain = true;
    m->kids[0] = k;
    m->kids[1] = v;
    m->n = 2;
    return m;
}

struct dir_files {
    struct fc_site_reader *r;
    struct fc_fm_node *cfg;
    size_t base; /* length of the directory's path + '/' */
};

static void dir_file(struct fc_site_reader *r, const char *rel, void *ctx)
{
    struct dir_files *d = ctx;
    const char *name = rel + d->base;
    if (strchr(name, '/') || !syntax_of(name))
        return;
    struct fc_fm_node *v = read_file(r, rel);
    if (!v)
        return;
    char first[128], second[128];
    size_t n1 = strcspn(name, ".");
    snprintf(first, sizeof first, "%.*s", (int)n1, name);
    const char *rest = name + n1 + 1;
    size_t n2 = strcspn(rest, ".");
    snprintf(second, sizeof second, "%.*s", (int)n2, rest);
    bool lang = rest[n2] == '.'; /* params.en.toml */
    for (char *p = first; *p; p++)
        *p = (char)fc_ascii_lower((unsigned char)*p);
    if (strcmp(first, "config") && strcmp(first, "hugo")) {
        v = wrap(r, first, v);
        if (v && lang)
            v = wrap(r, "languages", wrap(r, second, v));
    }
    if (v && !(d->cfg = fc_site_merge(r->feed->arena, d->cfg, v)))
        fc_sticky_nomem(&r->st);
}

static const char *get_str(const struct fc_fm_node *c, const char *key)
{
    return fc_fm_str(fc_fm_get(c, key));
}

static bool get_bool(const struct fc_fm_node *c, const char *key)
{
    return fc_fm_bool(fc_fm_get(c, key)) == 1;
}

void fc_hugo_config(struct fc_site_reader *r)
{
    struct fc_site *s = &r->site;
    struct fc_feed *f = r->feed;
    struct fc_arena *a = f->arena;
    struct fc_fm_node *cfg = NULL;
    bool found = false;
    for (size_t i = 0; root_files[i] && !found; i++)
        if (fc_site_exists(r, root_files[i])) {
            cfg = read_file(r, root_files[i]);
            found = true;
        }
    static const char *const dirs[] = {"config/_default", "config/production", NULL};
    for (size_t i = 0; dirs[i] && fc_sticky_ok(&r->st); i++) {
        if (!fc_site_exists(r, dirs[i]))
            continue;
        found = true;
        struct dir_files d = {r, cfg, strlen(dirs[i]) + 1};
        fc_site_walk(r, dirs[i], NULL, dir_file, &d);
        cfg = d.cfg;
    }
    if (!fc_sticky_ok(&r->st))
        return;
    if (!found && !s->content_only)
        fc_sticky_warn(&r->st, 0, 0,
                       "no Hugo configuration (hugo.toml, config.toml, config/_default/...): "
                       "Hugo refuses to build this site; read with Hugo's defaults");
    s->config = cfg;
    s->content_dir = get_str(cfg, "contentdir") ? get_str(cfg, "contentdir") : "content";
    while (*s->content_dir == '/' || !strncmp(s->content_dir, "./", 2))
        s->content_dir += *s->content_dir == '/' ? 1 : 2;
    s->title = get_str(cfg, "title");
    s->language = get_str(cfg, "languagecode");
    s->copyright = get_str(cfg, "copyright");
    s->params = fc_fm_get(cfg, "params");
    s->description = get_str(cfg, "description");
    if (!s->description)
        s->description = get_str(s->params, "description");
    s->author = fc_fm_get(cfg, "author");
    if (!s->author)
        s->author = fc_fm_get(s->params, "author");
    s->time_zone = get_str(cfg, "timezone");
    if (s->time_zone && !strcmp(s->time_zone, "Local")) {
        fc_sticky_warn(&r->st, 0, 0,
                       "timeZone \"Local\" is the build machine's zone: local times are read as "
                       "UTC");
        s->time_zone = NULL;
    }
    s->tz_rule = FC_TZ_GO;
    s->ugly_urls = get_bool(cfg, "uglyurls");
    s->keep_case = get_bool(cfg, "disablepathtolower");
    s->remove_accents = get_bool(cfg, "removepathaccents");
    s->default_lang = get_str(cfg, "defaultcontentlanguage");
    s->taxonomies = fc_fm_get(cfg, "taxonomies");
    const struct fc_fm_node *pl = fc_fm_get(cfg, "permalinks");
    if (pl && pl->type == FC_FM_MAP && pl->n) {
        s->permalinks = fc_alloc(a, pl->n / 2 * sizeof *s->permalinks);
        if (!s->permalinks) {
            fc_sticky_nomem(&r->st);
            return;
        }
        for (size_t i = 0; i + 1 < pl->n; i += 2) {
            const char *k = fc_fm_str(pl->kids[i]), *v = fc_fm_str(pl->kids[i + 1]);
            if (k && v)
                s->permalinks[s->n_permalinks++] = (struct fc_site_permalink){k, v};
            else if (k)
                fc_sticky_warn(&r->st, pl->kids[i + 1]->line, pl->kids[i + 1]->column,
                               "permalinks.%s is no pattern (Hugo 0.111 reads only "
                               "section = \"pattern\"); ignored",
                               k);
        }
    }
    fc_site_set_base(r, get_str(cfg, "baseurl"));
    fc_site_load_zone(r);
    fc_site_feed_meta(r); /* what Hugo's RSS channel says */
}
