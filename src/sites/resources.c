/*
 * resources.c - the files a post refers to (its bundle's images, PDFs...:
 * fc_post.resources, each a path in the site it was read from and the
 * URL path it was published at), carried into the written site (see
 * site_write.h).
 *
 * In a bundle (Hugo and Zola with --bundles, Hugo's section pages), a
 * file that sat beside the old page goes beside the new one under the
 * same relative name, and the post's references to it become relative:
 * the page moved (/2011/03/x/ -> /posts/x/), a relative reference moves
 * with it.  Otherwise the file goes where the generator publishes static
 * files (Hugo's and Zola's static/, the site's root for Jekyll and
 * Eleventy) at its old URL, and references to it become paths from the
 * host's root (the site's sub-path included), which do not depend on
 * where the page is.
 */
#include "sites/site_write.h"
#include "util/html_urls.h"

#include <string.h>

const char *fc_sw_static_dir(const struct fc_sw *w)
{
    return w->site == FC_MD_HUGO || w->site == FC_MD_ZOLA ? "static/" : "";
}

void fc_sw_copy(struct fc_sw *w, struct fc_sticky *st, const char *rel, const char *src_rel)
{
    if (!fc_sticky_ok(st) || fc_sticky_set(st, fc_out_dir_copy(w->base.out, rel, w->site_root,
                                                               src_rel, FC_MAX_FILE, st->err)))
        return;
    size_t n = strcspn(rel, "/");
    if (!w->tops.len)
        fc_buf_putc(&w->tops, '\n');
    fc_buf_add(&w->tops, rel, n);
    fc_buf_putc(&w->tops, '\n');
    const char *t = fc_buf_cstr(&w->tops);
    const char *first = strstr(t, w->tops.data + w->tops.len - n - 2);
    if (first != w->tops.data + w->tops.len - n - 2) /* seen before: drop it */
        w->tops.len -= n + 1, w->tops.data[w->tops.len] = '\0';
    if (w->tops.oom)
        fc_sticky_nomem(st);
}

/* The directory of the post's old page, as a path from the site's root
 * ("/2011/03/x/"); NULL when unknown. */
static const char *old_dir(struct fc_sw_post *sp)
{
    const char *why;
    const char *path = sp->p->url ? fc_sw_site_path(sp->w, sp->a, sp->p->url, &why) : NULL;
    if (!path)
        return NULL;
    const char *slash = strrchr(path, '/');
    return fc_strdup(sp->a, path, (size_t)(slash - path) + 1);
}

/* A resource's URL path with its leading '/'. */
static const char *res_path(struct fc_arena *a, const char *url)
{
    if (!url)
        return NULL;
    if (url[0] == '/')
        return url;
    size_t n = strlen(url);
    char *s = fc_alloc(a, n + 2);
    if (s) {
        s[0] = '/';
        memcpy(s + 1, url, n + 1);
    }
    return s;
}

/* Is resource path rp beside the old page (below dir)? */
static bool beside(const char *dir, const char *rp)
{
    return dir && rp && strncmp(rp, dir, strlen(dir)) == 0 && rp[strlen(dir)];
}

struct rewrite {
    struct fc_sw_post *sp;
    const char *dir; /* old_dir() */
};

static const char *rewrite_url(void *ctx, struct fc_arena *a, const char *url, bool *nomem)
{
    struct rewrite *rw = ctx;
    struct fc_sw_post *sp = rw->sp;
    const struct fc_sw *w = sp->w;
    /* the reference as an absolute URL: against the old page, or the
     * host for a path from its root */
    const char *abs = url;
    if (sp->p->url)
        abs = fc_url_resolve(a, sp->p->url, url);
    else if (url[0] == '/' && url[1] != '/' && w->origin) {
        size_t ol = strlen(w->origin), ul = strlen(url);
        char *s = fc_alloc(a, ol + ul + 1);
        if (s) {
            memcpy(s, w->origin, ol);
            memcpy(s + ol, url, ul + 1);
        }
        abs = s;
    }
    if (!abs) {
        *nomem = true;
        return NULL;
    }
    const char *why;
    const char *path =
        strstr(abs, "://") || abs[0] == '/' ? fc_sw_site_path(w, a, abs, &why) : NULL;
    if (!path)
        return NULL;
    for (const struct fc_resource *r = sp->p->resources.first; r; r = r->next) {
        const char *rp = res_path(a, r->url);
        if (!rp) {
            *nomem = true;
            return NULL;
        }
        if (strcmp(rp, path) != 0)
            continue;
        if (sp->bundle && beside(rw->dir, rp))
            return rp + strlen(rw->dir);
        /* from the host's root: the sub-path, then the path */
        size_t sl = strlen(w->sub_path), pl = strlen(rp);
        char *s = fc_alloc(a, sl + pl + 1);
        if (!s) {
            *nomem = true;
            return NULL;
        }
        memcpy(s, w->sub_path, sl - 1);
        memcpy(s + sl - 1, rp, pl + 1);
        return s;
    }
    return NULL;
}

const char *fc_sw_resource_html(struct fc_sw_post *sp, const char *html)
{
    if (!html || !sp->p->resources.count || sp->w->site == FC_MD_PLAIN)
        return html;
    struct rewrite rw = {sp, old_dir(sp)};
    const char *out = html;
    fc_sticky_set(sp->st, fc_html_urls_map(sp->a, html, rewrite_url, &rw, &out, sp->st->err));
    return out;
}

void fc_sw_resource_copy(struct fc_sw_post *sp)
{
    struct fc_sw *w = sp->w;
    if (!sp->p->resources.count || !w->site_root || w->site == FC_MD_PLAIN)
        return;
    const char *dir = old_dir(sp);
    const char *rel = fc_buf_cstr(&sp->rel), *slash = strrchr(rel, '/');
    struct fc_buf to;
    fc_buf_init(&to);
    for (const struct fc_resource *r = sp->p->resources.first; r && fc_sticky_ok(sp->st);
         r = r->next) {
        const char *rp = res_path(sp->a, r->url);
        if (!r->path || !rp)
            continue;
        fc_buf_reset(&to);
        if (sp->bundle && slash && beside(dir, rp))
            fc_buf_printf(&to, "%.*s/%s", (int)(slash - rel), rel, rp + strlen(dir));
        else
            fc_buf_printf(&to, "%s%s", fc_sw_static_dir(w), rp + 1);
        if (to.oom) {
            fc_sticky_nomem(sp->st);
            break;
        }
        fc_sw_copy(w, sp->st, fc_buf_cstr(&to), r->path);
    }
    fc_buf_free(&to);
}
