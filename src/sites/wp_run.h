/*
 * wp_run.h - what wp_body.c (the pipeline) and wp_media.c (the renderers
 * of shortcodes and embeds) share: the state of rendering one body.
 */
#ifndef FC_SITES_WP_RUN_H
#define FC_SITES_WP_RUN_H

#include "sites/wp.h"

/* Rendering one body (fc_wp_render). */
struct fc_wp_run {
    struct fc_wp_body *b;
    struct fc_arena *scratch; /* freed when the body is done */
    /* HTML set aside behind a placeholder "<pre \x03N></pre>" (code blocks
     * and embeds: a <pre> so that wpautop leaves it alone and makes it a
     * block), put back after the shortcodes ran */
    const char **slots;
    size_t nslots, capslots;
    unsigned long line;  /* where the text being rendered starts (warnings) */
    const char **warned; /* names warned about already (blocks, shortcodes) */
    size_t nwarned, capwarned;
    /* footnotes from the meta: ids and their HTML, in order */
    const char **fn_ids, **fn_html;
    size_t nfn;
    bool fn_placed;
    unsigned depth; /* reusable blocks inside reusable blocks */
    int64_t block_refs[8];
};

/* The placeholder byte; the pipeline replaces it (and the masking bytes)
 * by a space in the input first. */
#define FC_WP_SLOT '\x03'

/* Keep html (copied) behind a new placeholder appended to out. */
void fc_wp_slot(struct fc_wp_run *r, struct fc_buf *out, const char *html, size_t n);
/* A warning about the body (at r->line), once per key when key is not
 * NULL. */
void fc_wp_warn(struct fc_wp_run *r, const char *key, const char *fmt, ...) FC_PRINTF(3, 4);
/* Record ENOMEM. */
void fc_wp_nomem(struct fc_wp_run *r);

/* <pre><code class="language-LANG">html\n</code></pre> (no class without a
 * language; the text ends with a newline, as cmark writes code blocks);
 * html is already escaped. */
void fc_wp_code_html(struct fc_buf *out, const char *lang, const char *html, size_t n);
/* A fence language for a SyntaxHighlighter brush, Crayon or Enlighter
 * language ("js" -> "javascript"); NULL for none ("plain", "generic"). */
const char *fc_wp_code_lang(const char *name);
/* What an embeddable URL becomes: YouTube and Vimeo an iframe (behind a
 * placeholder, a block), anything else a link. */
void fc_wp_embed(struct fc_wp_run *r, struct fc_buf *out, const char *url, size_t n);
/* Would fc_wp_embed make a block (an iframe) of that URL? */
bool fc_wp_embed_is_block(const char *url, size_t n);

/* The shortcodes the final pass knows and the code ones the first pass
 * takes out (SyntaxHighlighter Evolved's names, Crayon's). */
extern const struct fc_wp_tags fc_wp_all_tags;
extern const struct fc_wp_tags fc_wp_code_tags;
extern const struct fc_wp_tags fc_wp_embed_tags;
/* Callbacks of fc_wp_do_shortcode for those passes (ctx: the run). */
void fc_wp_render_shortcode(void *ctx, const char *s, const struct fc_wp_sc *m, struct fc_buf *out);
void fc_wp_render_code(void *ctx, const char *s, const struct fc_wp_sc *m, struct fc_buf *out);
void fc_wp_render_embed(void *ctx, const char *s, const struct fc_wp_sc *m, struct fc_buf *out);
/* A gallery of the attachments ids (NULL: the post's images) as
 * do_shortcode makes it from [gallery] attributes (see wp_media.c). */
void fc_wp_gallery(struct fc_wp_run *r, const struct fc_wp_atts *atts, struct fc_buf *out);
/* One pass of do_shortcode over s (masked within, brackets put back). */
void fc_wp_shortcodes(struct fc_wp_run *r, struct fc_buf *out, const char *s, size_t n,
                      const struct fc_wp_tags *tags, fc_wp_sc_fn fn, bool keep_escaped);

#endif
