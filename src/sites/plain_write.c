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
    fc_extcodec_put_str(x, o, "image", sp->image);
    json_t *c = fc_sw_comments_json(x, sp->p);
    if (c && json_object_set_new(sp->fm, "comments", c))
        fc_sticky_nomem(sp->st);
}

/* _feed.yml. */
static void plain_site(struct fc_sw *w, struct fc_sticky *st, const struct fc_feed *f)
{
    struct fc_sw_doc d;
    if (!fc_sw_doc_open(&d, w, st, f))
        return;
    fc_extcodec_put_str(&d.x, &d.o, "title", d.title);
    fc_extcodec_put_str(&d.x, &d.o, "description", d.desc);
    fc_extcodec_put_str(&d.x, &d.o, "link", f->home_url);
    fc_extcodec_put_str(&d.x, &d.o, "feed_url", f->feed_url);
    fc_extcodec_put_str(&d.x, &d.o, "language", f->language);
    if (f->rights.type == FC_TEXT)
        fc_extcodec_put_str(&d.x, &d.o, "copyright", f->rights.value);
    fc_sw_put_names(&d.x, &d.o, "authors", &f->authors);
    fc_sw_doc_feedconv(&d, &d.o);
    fc_sw_doc_write(&d, NULL, "_feed.yml", FC_SW_YAML);
    fc_sw_doc_close(&d);
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
