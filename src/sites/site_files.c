/*
 * site_files.c - what the generators' writing modules share for a site's
 * own files (see site_write.h): documents built from the feed and written
 * as YAML, TOML or JSON, theme files, and the placement of posts and pages
 * the generators with a posts folder share.
 */
#include "sites/site_write.h"
#include "syntax/toml.h"

#include <stdlib.h>
#include <string.h>

bool fc_sw_doc_open(struct fc_sw_doc *d, struct fc_sw *w, struct fc_sticky *st,
                    const struct fc_feed *f)
{
    *d = (struct fc_sw_doc){.w = w, .st = st, .f = f};
    d->a = fc_arena_new();
    d->root = json_object();
    if (!d->a || !d->root) {
        fc_arena_free(d->a);
        json_decref(d->root);
        fc_sticky_nomem(st);
        return false;
    }
    fc_extcodec_enc_init(&d->x, st, "feed");
    d->o = fc_extcodec_tree(d->root);
    bool lossy;
    d->title = fc_sw_plain_text(st, d->a, &f->title, &lossy);
    d->desc = fc_sw_plain_text(st, d->a, &f->subtitle, &lossy);
    return true;
}

json_t *fc_sw_doc_section(struct fc_sw_doc *d, const char *sort_by)
{
    json_t *sec = json_object();
    struct fc_extcodec_out o = fc_extcodec_tree(sec);
    if (!sec) {
        fc_sticky_nomem(d->st);
        return NULL;
    }
    fc_extcodec_put_str(&d->x, &o, "title", d->title ? d->title : sort_by ? "" : NULL);
    fc_extcodec_put_str(&d->x, &o, "description", d->desc);
    fc_extcodec_put_str(&d->x, &o, "sort_by", sort_by);
    return sec;
}

void fc_sw_doc_feedconv(struct fc_sw_doc *d, struct fc_extcodec_out *o)
{
    static const enum fc_extcodec_member podcast[] = {FC_XM_PODCAST};
    fc_extcodec_put_feed(&d->x, o, d->f, podcast, 1);
    json_t *fc = fc_sw_feed_feedconv(&d->x, d->a, d->f, d->w->site);
    if (json_object_size(fc) && json_object_set(o->tree, FC_MD_KEY, fc))
        fc_sticky_nomem(d->st);
    json_decref(fc);
}

void fc_sw_write_json(struct fc_sw *w, struct fc_sticky *st, const json_t *v, const char *rel,
                      enum fc_sw_syntax s)
{
    struct fc_buf b;
    fc_buf_init(&b);
    if (!fc_sticky_ok(st) || !v)
        return;
    switch (s) {
    case FC_SW_YAML:
        fc_sw_yaml_text(st, v, &b);
        break;
    case FC_SW_TOML:
        if (!fc_toml_emit(v, &b))
            fc_sticky_nomem(st);
        break;
    case FC_SW_JSON: {
        char *t = json_dumps(v, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        if (!t)
            fc_sticky_nomem(st);
        else
            fc_buf_printf(&b, "%s\n", t);
        free(t);
        break;
    }
    case FC_SW_FM_YAML:
    case FC_SW_FM_TOML:
        fc_sw_front_matter_text(st, v, s == FC_SW_FM_TOML, &b);
        break;
    }
    fc_sw_write_buf(w, st, rel, &b);
    fc_buf_free(&b);
}

void fc_sw_doc_write(struct fc_sw_doc *d, const json_t *v, const char *rel, enum fc_sw_syntax s)
{
    fc_sw_write_json(d->w, d->st, v ? v : d->root, rel, s);
}

void fc_sw_doc_close(struct fc_sw_doc *d)
{
    fc_extcodec_enc_free(&d->x);
    json_decref(d->root);
    fc_arena_free(d->a);
}

void fc_sw_write_files(struct fc_sw *w, struct fc_sticky *st, const struct fc_sw_file *files,
                       size_t n)
{
    for (size_t i = 0; i < n; i++)
        fc_sw_write(w, st, files[i].rel, files[i].text, files[i].len);
}

void fc_sw_slug_key(const struct fc_sw_post *sp, const char *slug, const char *day,
                    struct fc_buf *key)
{
    (void)day;
    if (sp->page)
        fc_buf_printf(key, "page:%s%s%s", sp->page_parent, *sp->page_parent ? "/" : "", slug);
    else
        fc_buf_printf(key, "%s", slug);
}

void fc_sw_place(struct fc_sw_post *sp, const char *posts_dir, const char *url_dir,
                 const char *pages_dir, bool bundles, const char *ext)
{
    struct fc_buf u;
    fc_buf_init(&u);
    if (sp->page) {
        fc_buf_printf(&sp->rel, "%s%s%s", pages_dir, sp->page_path, ext);
        fc_buf_printf(&u, "/%s/", sp->page_path);
    } else {
        fc_buf_printf(&sp->rel, "%s%s%s%s", posts_dir, sp->slug, bundles ? "/index" : "", ext);
        fc_buf_printf(&u, "/%s%s/", url_dir, sp->slug);
    }
    if (u.oom || !(sp->url_path = fc_strdup(sp->a, u.data, u.len)))
        fc_sticky_nomem(sp->st);
    fc_buf_free(&u);
}
