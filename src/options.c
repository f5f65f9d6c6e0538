/*
 * options.c - conversion options and the formats' own settings
 * ("markdown", "site", "hugo"), checked against each format's list.
 */
#include "internal.h"

#include <stdio.h>
#include <string.h>

void fc_options_init(struct fc_options *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->max_input = FC_DEFAULT_MAX_INPUT;
    opt->max_depth = FC_DEFAULT_MAX_DEPTH;
}

void fc_options_copy(struct fc_options *dst, const struct fc_options *src)
{
    if (src)
        *dst = *src;
    else
        fc_options_init(dst);
}

static const struct fc_setting_def *find_def(const struct fc_format *f, const char *name)
{
    for (const struct fc_setting_def *d = f ? f->settings : NULL; d && d->name; d++)
        if (strcmp(d->name, name) == 0)
            return d;
    return NULL;
}

/* Is v one of the '|'-separated choices? */
static bool is_choice(const char *choices, const char *v)
{
    size_t n = strlen(v);
    for (const char *c = choices; c && *c;) {
        const char *bar = strchr(c, '|');
        size_t k = bar ? (size_t)(bar - c) : strlen(c);
        if (k == n && memcmp(c, v, n) == 0)
            return true;
        c = bar ? bar + 1 : c + k;
    }
    return false;
}

/* The settings a format takes, for messages: "site, bundles, body". */
static void list_names(const struct fc_format *f, char *out, size_t cap)
{
    size_t n = 0;
    out[0] = '\0';
    for (const struct fc_setting_def *d = f->settings; d && d->name && n < cap; d++) {
        int k = snprintf(out + n, cap - n, "%s%s", n ? ", " : "", d->name);
        if (k < 0)
            break;
        n += (size_t)k;
    }
    if (!out[0])
        snprintf(out, cap, "none");
}

static enum fc_status check(const struct fc_format *f, const char *format, const char *name,
                            const char *value, struct fc_error *err)
{
    char names[256];
    if (!f)
        return fc_fail(err, FC_EUSAGE, NULL, 0, 0, "unknown format '%s'", format);
    const struct fc_setting_def *d = find_def(f, name);
    if (!d) {
        list_names(f, names, sizeof names);
        return fc_fail(err, FC_EUSAGE, NULL, 0, 0, "format %s has no setting '%s' (it takes: %s)",
                       f->name, name, names);
    }
    if (d->kind == FC_SETTING_BOOL && strcmp(value, "true") != 0 && strcmp(value, "false") != 0)
        return fc_fail(err, FC_EUSAGE, NULL, 0, 0, "%s setting '%s' is true or false, not '%s'",
                       f->name, name, value);
    if (d->kind == FC_SETTING_CHOICE && !is_choice(d->choices, value))
        return fc_fail(err, FC_EUSAGE, NULL, 0, 0, "unknown %s '%s' for %s (%s)", name, value,
                       f->name, d->choices);
    if (strlen(f->name) >= sizeof((struct fc_setting *)0)->format ||
        strlen(name) >= sizeof((struct fc_setting *)0)->name || strlen(value) >= FC_SETTING_MAX)
        return fc_fail(err, FC_ELIMIT, NULL, 0, 0, "%s setting '%s': value too long", f->name,
                       name);
    return FC_OK;
}

enum fc_status fc_options_set(struct fc_options *opt, const char *format, const char *name,
                              const char *value, struct fc_error *err)
{
    const struct fc_format *f = fc_format_find(format);
    enum fc_status st = check(f, format, name ? name : "", value ? value : "", err);
    if (st)
        return st;
    struct fc_setting *s = NULL;
    for (size_t i = 0; i < opt->n_settings && !s; i++)
        if (strcmp(opt->settings[i].format, f->name) == 0 &&
            strcmp(opt->settings[i].name, name) == 0)
            s = &opt->settings[i];
    if (!s) {
        if (opt->n_settings >= FC_MAX_SETTINGS)
            return fc_fail(err, FC_ELIMIT, NULL, 0, 0, "more than %d format settings",
                           FC_MAX_SETTINGS);
        s = &opt->settings[opt->n_settings++];
    }
    snprintf(s->format, sizeof s->format, "%s", f->name);
    snprintf(s->name, sizeof s->name, "%s", name);
    snprintf(s->value, sizeof s->value, "%s", value);
    return FC_OK;
}

const char *fc_options_get(const struct fc_options *opt, const char *format, const char *name)
{
    const struct fc_format *f = fc_format_find(format);
    const struct fc_setting_def *d = f && name ? find_def(f, name) : NULL;
    if (!d)
        return NULL;
    for (size_t i = 0; opt && i < opt->n_settings; i++)
        if (strcmp(opt->settings[i].format, f->name) == 0 &&
            strcmp(opt->settings[i].name, name) == 0)
            return opt->settings[i].value;
    return d->dflt;
}

bool fc_options_bool(const struct fc_options *opt, const char *format, const char *name)
{
    const char *v = fc_options_get(opt, format, name);
    return v && strcmp(v, "true") == 0;
}
