/*
 * site_data.c - a site's comments and menus (see site_write.h), in the
 * places each generator's layouts read them: Hugo's data/ and menus
 * configuration, Jekyll's _data/, front matter for the others.
 */
#include "sites/site_write.h"
#include "util/idset.h"

#include <stdlib.h>
#include <string.h>

static const char *const comment_kinds[] = {NULL, "pingback", "trackback"};

json_t *fc_sw_comments_json(struct fc_extcodec_enc *x, const struct fc_post *p)
{
    if (!p->comments.count)
        return NULL;
    json_t *list = json_array();
    if (!list) {
        fc_sticky_nomem(x->st);
        return NULL;
    }
    struct fc_extcodec_out lo = fc_extcodec_tree(list);
    for (const struct fc_comment *c = p->comments.first; c && fc_sticky_ok(x->st); c = c->next) {
        struct fc_extcodec_out o = fc_extcodec_tree(fc_sw_put_object(x, &lo, NULL));
        if (!o.tree)
            break;
        char buf[FC_EXTCODEC_TIME_MAX];
        fc_extcodec_put_str(x, &o, "id", c->id);
        fc_extcodec_put_str(x, &o, "parent_id", c->parent_id);
        if (c->author.name || c->author.email || c->author.url) {
            struct fc_extcodec_out ao = fc_extcodec_tree(fc_sw_put_object(x, &o, "author"));
            if (ao.tree) {
                fc_extcodec_put_str(x, &ao, "name", c->author.name);
                fc_extcodec_put_str(x, &ao, "email", c->author.email);
                fc_extcodec_put_str(x, &ao, "url", c->author.url);
            }
        }
        fc_extcodec_put_str(x, &o, "author_ip", c->author_ip);
        if (c->published.precision != FC_TIME_NONE &&
            fc_time_rfc3339(&c->published, buf, sizeof buf))
            fc_extcodec_put_str(x, &o, "published", buf);
        fc_extcodec_put_str(x, &o, "content_html", c->content_html);
        if ((unsigned)c->kind < 3)
            fc_extcodec_put_str(x, &o, "kind", comment_kinds[c->kind]);
    }
    return list;
}

/* The name a post's comment data goes under: its file's base name, or
 * its directory's for an index file (what Hugo calls ContentBaseName). */
static const char *data_name(struct fc_sw_post *sp)
{
    const char *rel = fc_buf_cstr(&sp->rel);
    const char *b = strrchr(rel, '/');
    size_t start = b ? (size_t)(b - rel) + 1 : 0, end = strlen(rel);
    const char *dot = strrchr(rel + start, '.');
    if (dot)
        end = (size_t)(dot - rel);
    if (start && ((end - start == 5 && !memcmp(rel + start, "index", 5)) ||
                  (end - start == 6 && !memcmp(rel + start, "_index", 6)))) {
        end = start - 1;
        start = end;
        while (start && rel[start - 1] != '/')
            start--;
    }
    return fc_strdup(sp->a, rel + start, end - start);
}

void fc_sw_comment_data(struct fc_sw_post *sp)
{
    struct fc_sticky *st = sp->st;
    if (!sp->p->comments.count)
        return;
    struct fc_extcodec_enc x;
    fc_extcodec_enc_init(&x, st, fc_buf_cstr(&sp->rel));
    json_t *list = fc_sw_comments_json(&x, sp->p);
    const char *name = data_name(sp);
    struct fc_buf rel, b;
    fc_buf_init(&rel);
    fc_buf_init(&b);
    if (!name)
        fc_sticky_nomem(st);
    if (list && name && sp->w->site == FC_MD_HUGO) {
        fc_buf_printf(&rel, "data/comments/%s.yaml", name);
        fc_sw_yaml_text(st, list, &b);
        fc_sw_write_buf(sp->w, st, fc_buf_cstr(&rel), &b);
    } else if (list && name) {
        /* ID.yml in id order: Jekyll reads a directory of data files into
         * a hash by file name, sorted.  Two comments with one ID (or none)
         * get ID-2.yml...; the names taken are this run's: what a run
         * before left there is replaced (--force), not stepped around. */
        struct fc_idset used = {.sep = '-'};
        struct fc_buf unique;
        fc_buf_init(&unique);
        size_t i;
        json_t *c;
        json_array_foreach(list, i, c)
        {
            const char *id = json_string_value(json_object_get(c, "id"));
            char *fid = fc_slugify(sp->a, id ? id : "comment", 40);
            int r = fid ? fc_idset_take(&used, fid, &unique) : -1;
            if (r < 0) {
                fc_sticky_nomem(st);
                break;
            }
            fc_buf_reset(&rel);
            fc_buf_reset(&b);
            fc_buf_printf(&rel, "_data/comments/%s/%s.yml", name, r ? fid : fc_buf_cstr(&unique));
            fc_sw_yaml_text(st, c, &b);
            fc_sw_write_buf(sp->w, st, fc_buf_cstr(&rel), &b);
            if (!fc_sticky_ok(st))
                break;
        }
        fc_idset_free(&used);
        fc_buf_free(&unique);
    }
    if (rel.oom)
        fc_sticky_nomem(st);
    fc_buf_free(&rel);
    fc_buf_free(&b);
    json_decref(list);
    fc_extcodec_enc_free(&x);
}

/* ---- menus ------------------------------------------------------------------ */

void fc_sw_note_url(struct fc_sw_post *sp, const struct fc_feed *f)
{
    struct fc_sw *w = sp->w;
    const char *id = sp->p->id;
    if (!id || !sp->url_path || sp->draft)
        return;
    bool wanted = false;
    for (const struct fc_menu_item *m = f->menus.first; m && !wanted; m = m->next)
        wanted = m->post_id && strcmp(m->post_id, id) == 0;
    if (!wanted)
        return;
    struct fc_sw_id_url *n = realloc(w->id_urls, (w->n_id_urls + 1) * sizeof *n);
    if (!n) {
        fc_sticky_nomem(sp->st);
        return;
    }
    w->id_urls = n;
    n[w->n_id_urls].id = fc_strdup(w->arena, id, (size_t)-1);
    n[w->n_id_urls].path = fc_strdup(w->arena, sp->url_path, (size_t)-1);
    if (!n[w->n_id_urls].id || !n[w->n_id_urls].path)
        fc_sticky_nomem(sp->st);
    else
        w->n_id_urls++;
}

/* Where a menu item leads in the new site: the post it names, else its
 * old address on the site (which redirects), else the address as it is. */
static const char *menu_url(struct fc_sw *w, struct fc_arena *a, const struct fc_menu_item *m)
{
    for (size_t i = 0; m->post_id && i < w->n_id_urls; i++)
        if (strcmp(w->id_urls[i].id, m->post_id) == 0)
            return fc_sw_abs_url(w, a, w->id_urls[i].path);
    if (!m->url)
        return NULL;
    const char *why;
    const char *path = fc_sw_site_path(w, a, m->url, &why);
    if (path)
        return fc_sw_abs_url(w, a, path);
    if (why && !strcmp(why, "root"))
        return w->base_url ? w->base_url : "/";
    return m->url;
}

static bool same(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* The items of menu `menu` under parent (NULL: the top) into list, in
 * weight order (a stable insertion: few items). */
static void menu_level(struct fc_sw *w, struct fc_extcodec_enc *x, struct fc_arena *a, json_t *list,
                       const struct fc_feed *f, const char *menu, const char *parent,
                       unsigned depth)
{
    const struct fc_menu_item *done = NULL;
    int last = 0;
    struct fc_extcodec_out lo = fc_extcodec_tree(list);
    for (;;) { /* the next item by weight after (last, done) */
        const struct fc_menu_item *best = NULL;
        bool after = done == NULL;
        for (const struct fc_menu_item *m = f->menus.first; m; m = m->next) {
            if (m == done) {
                after = true;
                continue;
            }
            if (!same(m->menu, menu) || !same(m->parent_id, parent))
                continue;
            bool later = m->weight > last || (m->weight == last && after);
            if (later && (!best || m->weight < best->weight))
                best = m;
        }
        if (!best || !fc_sticky_ok(x->st))
            return;
        done = best;
        last = best->weight;
        struct fc_extcodec_out o = fc_extcodec_tree(fc_sw_put_object(x, &lo, NULL));
        if (!o.tree)
            return;
        if (w->site == FC_MD_HUGO) {
            fc_extcodec_put_str(x, &o, "identifier", best->id);
            fc_extcodec_put_str(x, &o, "name", best->name ? best->name : "");
            fc_extcodec_put_str(x, &o, "url", menu_url(w, a, best));
            fc_sw_put_int(x, &o, "weight", best->weight);
            fc_extcodec_put_str(x, &o, "parent", best->parent_id);
        } else {
            fc_extcodec_put_str(x, &o, "name", best->name ? best->name : "");
            fc_extcodec_put_str(x, &o, "url", menu_url(w, a, best));
            if (best->id && depth < 16) {
                json_t *kids = json_array();
                if (!kids) {
                    fc_sticky_nomem(x->st);
                    return;
                }
                menu_level(w, x, a, kids, f, menu, best->id, depth + 1);
                if (json_array_size(kids) && json_object_set(o.tree, "children", kids))
                    fc_sticky_nomem(x->st);
                json_decref(kids);
            }
        }
        if (w->site == FC_MD_HUGO && best->id && depth < 16)
            menu_level(w, x, a, list, f, menu, best->id, depth + 1);
    }
}

void fc_sw_menus(struct fc_sw *w, struct fc_extcodec_enc *x, struct fc_extcodec_out *o,
                 const struct fc_feed *f)
{
    if (!f->menus.count)
        return;
    struct fc_arena *a = fc_arena_new();
    struct fc_extcodec_out mo = fc_extcodec_tree(a ? fc_sw_put_object(x, o, "menus") : NULL);
    if (!mo.tree) {
        fc_sticky_nomem(x->st);
        fc_arena_free(a);
        return;
    }
    for (const struct fc_menu_item *m = f->menus.first; m && fc_sticky_ok(x->st); m = m->next) {
        const char *name = m->menu ? m->menu : "main";
        if (json_object_get(mo.tree, name))
            continue;
        json_t *list = fc_sw_put_array(x, &mo, name);
        if (list)
            menu_level(w, x, a, list, f, m->menu, NULL, 0);
    }
    fc_arena_free(a);
}
