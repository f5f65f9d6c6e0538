/*
 * yaml.c - YAML text into the front-matter tree through libyaml's events:
 * the reference reader, which reports every error (see yaml.h), and
 * fc_yaml_parse, which tries the quick path (yaml_quick.c) first.
 */
#include "syntax/yaml.h"

#include <stdlib.h>
#include <string.h>

/* Building a tree from libyaml's events. */
struct yaml_builder {
    yaml_parser_t p;
    struct fc_arena *a;
    const char *file;
    unsigned long loff;
    struct fc_error *err;
};

static enum fc_status yp_error(struct yaml_builder *y)
{
    if (y->p.error == YAML_MEMORY_ERROR)
        return fc_nomem(y->err);
    const yaml_mark_t *m = &y->p.problem_mark;
    return fc_fail(y->err, FC_EPARSE, y->file, m->line + 1 + y->loff, m->column + 1,
                   "front matter: %s%s%s", y->p.problem ? y->p.problem : "YAML error",
                   y->p.context ? " " : "", y->p.context ? y->p.context : "");
}

static enum fc_status yp_next(struct yaml_builder *y, yaml_event_t *ev)
{
    if (!yaml_parser_parse(&y->p, ev))
        return yp_error(y);
    return FC_OK;
}

static struct fc_fm_node *yp_new(struct yaml_builder *y, enum fc_fm_type t, const yaml_event_t *ev)
{
    return fc_fm_new(y->a, t, ev->start_mark.line + 1 + y->loff, ev->start_mark.column + 1);
}

static enum fc_status yp_node(struct yaml_builder *y, yaml_event_t *ev, unsigned depth,
                              struct fc_fm_node **out);

/* Children of a sequence or mapping up to its end event. */
static enum fc_status yp_kids(struct yaml_builder *y, struct fc_fm_node *n, yaml_event_type_t end,
                              unsigned depth)
{
    struct fc_fm_node **v = NULL;
    size_t len = 0, cap = 0;
    enum fc_status st = FC_OK;
    for (;;) {
        yaml_event_t ev;
        if ((st = yp_next(y, &ev)) != FC_OK)
            break;
        if (ev.type == end) {
            yaml_event_delete(&ev);
            break;
        }
        struct fc_fm_node *kid = NULL;
        st = yp_node(y, &ev, depth + 1, &kid);
        yaml_event_delete(&ev);
        if (st)
            break;
        if (len == cap) {
            size_t nc = cap ? cap * 2 : 8;
            struct fc_fm_node **nv = realloc(v, nc * sizeof *nv);
            if (!nv) {
                st = fc_nomem(y->err);
                break;
            }
            v = nv;
            cap = nc;
        }
        v[len++] = kid;
    }
    if (st == FC_OK && len) {
        n->kids = fc_alloc(y->a, len * sizeof *n->kids);
        if (!n->kids)
            st = fc_nomem(y->err);
        else
            memcpy(n->kids, v, len * sizeof *v);
        n->n = len;
    }
    free(v);
    return st;
}

static enum fc_status yp_node(struct yaml_builder *y, yaml_event_t *ev, unsigned depth,
                              struct fc_fm_node **out)
{
    if (depth > FC_FM_MAX_DEPTH)
        return fc_fail(y->err, FC_ELIMIT, y->file, ev->start_mark.line + 1 + y->loff,
                       ev->start_mark.column + 1, "front matter nested too deeply");
    struct fc_fm_node *n;
    switch (ev->type) {
    case YAML_SCALAR_EVENT:
        n = yp_new(y, FC_FM_SCALAR, ev);
        if (!n)
            return fc_nomem(y->err);
        n->len = ev->data.scalar.length;
        n->str = fc_strdup(y->a, (const char *)ev->data.scalar.value, n->len);
        if (!n->str)
            return fc_nomem(y->err);
        n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE && !ev->data.scalar.tag;
        *out = n;
        return FC_OK;
    case YAML_SEQUENCE_START_EVENT:
    case YAML_MAPPING_START_EVENT: {
        bool seq = ev->type == YAML_SEQUENCE_START_EVENT;
        n = yp_new(y, seq ? FC_FM_SEQ : FC_FM_MAP, ev);
        if (!n)
            return fc_nomem(y->err);
        *out = n;
        return yp_kids(y, n, seq ? YAML_SEQUENCE_END_EVENT : YAML_MAPPING_END_EVENT, depth);
    }
    case YAML_ALIAS_EVENT:
        return fc_fail(y->err, FC_EPARSE, y->file, ev->start_mark.line + 1 + y->loff,
                       ev->start_mark.column + 1,
                       "front matter: YAML aliases (*name) are not supported");
    default:
        return fc_fail(y->err, FC_EPARSE, y->file, ev->start_mark.line + 1 + y->loff,
                       ev->start_mark.column + 1, "front matter: unexpected YAML event");
    }
}

enum fc_status fc_yaml_parse_libyaml(struct fc_arena *a, const char *text, size_t len,
                                     const char *file, unsigned long line_offset,
                                     struct fc_fm_node **root, struct fc_error *err)
{
    struct yaml_builder y = {.a = a, .file = file, .loff = line_offset, .err = err};
    *root = NULL;
    if (!yaml_parser_initialize(&y.p))
        return fc_nomem(err);
    yaml_parser_set_input_string(&y.p, (const unsigned char *)text, len);
    enum fc_status st = FC_OK;
    bool in_doc = false;
    for (;;) {
        yaml_event_t ev;
        if ((st = yp_next(&y, &ev)) != FC_OK)
            break;
        yaml_event_type_t t = ev.type;
        if (t == YAML_STREAM_END_EVENT) {
            yaml_event_delete(&ev);
            break;
        }
        if (t == YAML_DOCUMENT_START_EVENT) {
            if (*root || in_doc) {
                st = fc_fail(err, FC_EPARSE, file, ev.start_mark.line + 1 + line_offset,
                             ev.start_mark.column + 1, "front matter: more than one YAML document");
                yaml_event_delete(&ev);
                break;
            }
            in_doc = true;
        } else if (t == YAML_DOCUMENT_END_EVENT) {
            in_doc = false;
        } else if (t != YAML_STREAM_START_EVENT) {
            st = yp_node(&y, &ev, 0, root);
        }
        yaml_event_delete(&ev);
        if (st)
            break;
    }
    yaml_parser_delete(&y.p);
    return st;
}

enum fc_status fc_yaml_parse(struct fc_arena *a, const char *text, size_t len, const char *file,
                             unsigned long line_offset, struct fc_fm_node **root,
                             struct fc_error *err)
{
    bool handled;
    enum fc_status st = fc_yaml_parse_quick(a, text, len, line_offset, root, &handled, err);
    if (st || handled)
        return st;
    return fc_yaml_parse_libyaml(a, text, len, file, line_offset, root, err);
}
