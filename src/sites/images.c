/*
 * images.c - --fetch-images: the images a post uses (img src, links to
 * image files, its featured image) downloaded into the site with
 * fetch.c, and the post's references to them rewritten to the copies.
 *
 * Where they go: beside the post in a bundle (Hugo and Zola with
 * --bundles, referred to by name, which moves with the page); else
 * where the generator publishes static files, by the post's month
 * (Hugo and Zola static/images/YYYY/MM/, Jekyll and Eleventy
 * assets/YYYY/MM/, plain images/), referred to from the host's root
 * with the site's sub-path.  A post's images are fetched before it is
 * written, so memory holds one post's downloads' results at a time
 * (fetch.c keeps only the small results of all).  A failed download
 * keeps its URL; fetch.c lists the failures in one warning at the end.
 */
#include "fetch.h"
#include "sites/site_write.h"
#include "util/html_urls.h"

#include <string.h>

/* Is url an http(s) URL whose path names an image file? */
static bool image_url(const char *url)
{
    static const char *const exts[] = {"jpg",  "jpeg", "png", "gif",  "webp", "svg",
                                       "avif", "bmp",  "tif", "tiff", "ico"};
    if (fc_strncasecmp(url, "http://", 7) != 0 && fc_strncasecmp(url, "https://", 8) != 0)
        return false;
    size_t end = strcspn(url, "?#");
    const char *host = strstr(url, "://") + 3;
    const char *slash = memchr(host, '/', end - (size_t)(host - url));
    if (!slash)
        return false;
    const char *dot = NULL;
    for (const char *c = slash; c < url + end; c++)
        if (*c == '.')
            dot = c;
        else if (*c == '/')
            dot = NULL;
    if (!dot)
        return false;
    size_t n = (size_t)(url + end - dot - 1);
    for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++)
        if (strlen(exts[i]) == n && fc_strncasecmp(dot + 1, exts[i], n) == 0)
            return true;
    return false;
}

/* The directory the post's images go to, relative to the site. */
static const char *images_dir(struct fc_sw_post *sp)
{
    const struct fc_sw *w = sp->w;
    const char *rel = fc_buf_cstr(&sp->rel), *slash = strrchr(rel, '/');
    if (sp->bundle && slash)
        return fc_strdup(sp->a, rel, (size_t)(slash - rel));
    const char *top = w->site == FC_MD_PLAIN                           ? "images"
                      : w->site == FC_MD_HUGO || w->site == FC_MD_ZOLA ? "static/images"
                                                                       : "assets";
    const struct fc_time *t = &sp->p->published;
    if (w->site == FC_MD_PLAIN || !fc_time_present(t) || t->year < 1 || t->year > 9999)
        return top;
    char buf[64];
    snprintf(buf, sizeof buf, "%s/%04d/%02d", top, t->year, t->month);
    return fc_strdup(sp->a, buf, (size_t)-1);
}

struct pass {
    struct fc_sw_post *sp;
    struct fc_fetch *f;
    const char *dir;
    bool rewrite; /* false: queue the images; true: rewrite to the copies */
    struct fc_error *err;
};

/* The local reference for a downloaded url, NULL when it was not. */
static const char *local_ref(struct pass *ps, struct fc_arena *a, const char *url, bool *nomem)
{
    const struct fc_fetch_result *r = fc_fetch_find(ps->f, url, ps->dir);
    if (!r || !r->done || r->status != FC_OK || !r->path)
        return NULL;
    if (ps->sp->bundle && strrchr(fc_buf_cstr(&ps->sp->rel), '/'))
        return r->name;
    const char *path = r->path;
    if (strncmp(path, "static/", 7) == 0)
        path += 7;
    const char *sub = ps->sp->w->sub_path ? ps->sp->w->sub_path : "/";
    size_t sl = strlen(sub), pl = strlen(path);
    char *s = fc_alloc(a, sl + pl + 1);
    if (!s) {
        *nomem = true;
        return NULL;
    }
    memcpy(s, sub, sl);
    memcpy(s + sl, path, pl + 1);
    return s;
}

static const char *visit(void *ctx, struct fc_arena *a, const char *url, bool *nomem)
{
    struct pass *ps = ctx;
    if (!image_url(url))
        return NULL;
    if (ps->rewrite)
        return local_ref(ps, a, url, nomem);
    if (fc_fetch_add(ps->f, url, ps->dir, NULL, ps->err))
        *nomem = true;
    return NULL;
}

const char *fc_sw_images_html(struct fc_sw_post *sp, const char *html)
{
    struct fc_sw *w = sp->w;
    if (!w->fetch_images || !fc_sticky_ok(sp->st))
        return html;
    if (!w->fetch && fc_sticky_set(sp->st, fc_fetch_new(w->base.out, NULL, &w->fetch, sp->st->err)))
        return html;
    struct pass ps = {sp, w->fetch, images_dir(sp), false, sp->st->err};
    if (!ps.dir) {
        fc_sticky_nomem(sp->st);
        return html;
    }
    const char *out = html;
    if (html)
        fc_sticky_set(sp->st, fc_html_urls_map(sp->a, html, visit, &ps, &out, sp->st->err));
    if (fc_sticky_ok(sp->st) && sp->p->image && image_url(sp->p->image))
        fc_sticky_set(sp->st, fc_fetch_add(w->fetch, sp->p->image, ps.dir, NULL, sp->st->err));
    if (fc_sticky_ok(sp->st))
        fc_sticky_set(sp->st, fc_fetch_run(w->fetch, sp->st->err));
    if (!fc_sticky_ok(sp->st))
        return html;
    ps.rewrite = true;
    if (html)
        fc_sticky_set(sp->st, fc_html_urls_map(sp->a, html, visit, &ps, &out, sp->st->err));
    if (sp->p->image && image_url(sp->p->image)) {
        bool nomem = false;
        const char *img = local_ref(&ps, sp->a, sp->p->image, &nomem);
        if (nomem)
            fc_sticky_nomem(sp->st);
        if (img)
            sp->image = img;
    }
    return out;
}

enum fc_status fc_sw_images_end(struct fc_sw *w, struct fc_error *err)
{
    if (!w->fetch)
        return FC_OK;
    return fc_fetch_warn(w->fetch, &w->base.opt, err, fc_out_name(w->base.out));
}
