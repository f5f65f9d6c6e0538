/*
 * plain_write.c - the plain layout (see site_write.h): DIR/YYYY-MM-DD-slug.md
 * and DIR/_feed.yml, for tools of one's own.  No generator publishes it,
 * so a post has no URL of its own and no redirects; its old address stays
 * in feedconv.url.
 */
#include "sites/site_write.h"

#include <string.h>

static void plain_name_key(const struct fc_sw_post *sp, const char *slug, const char *day,
                           struct fc_buf *key)
{
    (void)sp;
    fc_buf_printf(key, "%s%s%s", day, *day ? "-" : "", slug);
}

static void plain_place(struct fc_sw_post *sp, const char *day, const char *ext)
{
    fc_buf_printf(&sp->rel, "%s%s%s%s", day, *day ? "-" : "", sp->slug, ext);
}

static void plain_keys(struct fc_sw_post *sp, struct fc_extcodec_enc *x, struct fc_extcodec_out *o)
{
    fc_extcodec_put_str(x, o, "image", sp->p->image);
    json_t *c = fc_sw_comments_json(x, sp->p);
    if (c && json_object_set_new(sp->fm, "comments", c))
        fc_sticky_nomem(sp->st);
}

/* _feed.yml. */
static void plain_site(struct fc_sw *w, struct fc_sticky *st, const struct fc_feed *f)
{
    struct fc_arena *a = fc_arena_new();
    json_t *doc = json_object();
    if (!a || !doc) {
        fc_arena_free(a);
        json_decref(doc);
        fc_sticky_nomem(st);
        return;
    }
    struct fc_extcodec_enc x;
    fc_extcodec_enc_init(&x, st, "feed");
    struct fc_extcodec_out o = fc_extcodec_tree(doc);
    bool lossy;
    fc_extcodec_put_str(&x, &o, "title", fc_sw_plain_text(st, a, &f->title, &lossy));
    fc_extcodec_put_str(&x, &o, "description", fc_sw_plain_text(st, a, &f->subtitle, &lossy));
    fc_extcodec_put_str(&x, &o, "link", f->home_url);
    fc_extcodec_put_str(&x, &o, "feed_url", f->feed_url);
    fc_extcodec_put_str(&x, &o, "language", f->language);
    if (f->rights.type == FC_TEXT)
        fc_extcodec_put_str(&x, &o, "copyright", f->rights.value);
    fc_sw_put_names(&x, &o, "authors", &f->authors);
    json_t *fc = fc_sw_feed_feedconv(&x, a, f, FC_MD_PLAIN);
    if (json_object_size(fc) && json_object_set(doc, FC_MD_KEY, fc))
        fc_sticky_nomem(st);
    json_decref(fc);
    fc_extcodec_enc_free(&x);
    struct fc_buf b;
    fc_buf_init(&b);
    fc_sw_yaml_text(st, doc, &b);
    fc_sw_write_buf(w, st, "_feed.yml", &b);
    fc_buf_free(&b);
    json_decref(doc);
    fc_arena_free(a);
}

const struct fc_sw_gen fc_sw_plain = {
    .name = "plain",
    .updated_key = "updated",
    .summary_key = "summary",
    .alias_key = NULL,
    .name_key = plain_name_key,
    .place = plain_place,
    .keys_early = plain_keys,
    .site_files = plain_site,
};
