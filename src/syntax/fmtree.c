/*
 * fmtree.c - the front-matter value tree (see frontmatter.h): lookups,
 * scalars as strings and booleans, and the tree as JSON with plain
 * scalars typed.
 */
#include "syntax/frontmatter.h"
#include "syntax/json.h"

#include <float.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct fc_fm_node *fc_fm_new(struct fc_arena *a, enum fc_fm_type t, unsigned long line,
                             unsigned long column)
{
    struct fc_fm_node *n = fc_alloc(a, sizeof *n);
    if (n) {
        n->type = t;
        n->line = line;
        n->column = column;
    }
    return n;
}

const struct fc_fm_node *fc_fm_get(const struct fc_fm_node *y, const char *key)
{
    if (!y || y->type != FC_FM_MAP)
        return NULL;
    for (size_t i = 0; i + 1 < y->n; i += 2)
        if (y->kids[i]->type == FC_FM_SCALAR && strcmp(y->kids[i]->str, key) == 0)
            return y->kids[i + 1];
    return NULL;
}

static bool is_null(const struct fc_fm_node *y)
{
    return y->type == FC_FM_SCALAR && y->plain &&
           (!*y->str || !strcmp(y->str, "~") || !strcmp(y->str, "null") ||
            !strcmp(y->str, "Null") || !strcmp(y->str, "NULL"));
}

const char *fc_fm_str(const struct fc_fm_node *y)
{
    if (!y || y->type != FC_FM_SCALAR || is_null(y))
        return NULL;
    return y->str;
}

int fc_fm_bool(const struct fc_fm_node *y)
{
    static const char *const yes[] = {"true", "True", "TRUE", "yes", "Yes",
                                      "YES",  "on",   "On",   "ON",  NULL};
    static const char *const no[] = {"false", "False", "FALSE", "no",  "No",
                                     "NO",    "off",   "Off",   "OFF", NULL};
    const char *s = fc_fm_str(y);
    if (!s)
        return -1;
    for (size_t i = 0; yes[i]; i++)
        if (strcmp(s, yes[i]) == 0)
            return 1;
    for (size_t i = 0; no[i]; i++)
        if (strcmp(s, no[i]) == 0)
            return 0;
    return -1;
}

/* A decimal integer in the int64 range ("012" stays text: JSON has no
 * leading zeros), into *v. */
static bool int_text(const char *s, int64_t *v)
{
    bool neg = *s == '-';
    const char *p = s + (*s == '-' || *s == '+');
    if (!*p || (p[0] == '0' && p[1]))
        return false;
    uint64_t m = 0;
    for (; *p; p++) {
        if (*p < '0' || *p > '9' || m > (UINT64_MAX - 9) / 10)
            return false;
        m = m * 10 + (uint64_t)(*p - '0');
    }
    if (m > (uint64_t)INT64_MAX + neg)
        return false;
    *v = neg ? (int64_t)(0 - m) : (int64_t)m;
    return true;
}

static bool is_float_text(const char *s)
{
    const char *p = s + (*s == '-' || *s == '+');
    size_t before = 0, after = 0;
    while (*p >= '0' && *p <= '9')
        p++, before++;
    if (*p != '.')
        return false;
    p++;
    while (*p >= '0' && *p <= '9')
        p++, after++;
    if (!before && !after)
        return false;
    if (*p == 'e' || *p == 'E') {
        p++;
        if (*p == '-' || *p == '+')
            p++;
        if (!(*p >= '0' && *p <= '9'))
            return false;
        while (*p >= '0' && *p <= '9')
            p++;
    }
    return *p == '\0';
}

/* YAML 1.2 core schema for plain scalars; quoted scalars are strings. */
json_t *fc_fm_json(const struct fc_fm_node *y)
{
    switch (y->type) {
    case FC_FM_SCALAR:
        if (y->plain) {
            if (is_null(y))
                return json_null();
            if (!strcmp(y->str, "true") || !strcmp(y->str, "True") || !strcmp(y->str, "TRUE"))
                return json_true();
            if (!strcmp(y->str, "false") || !strcmp(y->str, "False") || !strcmp(y->str, "FALSE"))
                return json_false();
            int64_t v;
            if (int_text(y->str, &v))
                return json_integer((json_int_t)v);
            if (is_float_text(y->str))
                return json_real(strtod(y->str, NULL));
        }
        return json_stringn(y->str, y->len);
    case FC_FM_SEQ: {
        json_t *a = json_array();
        for (size_t i = 0; a && i < y->n; i++)
            if (json_array_append_new(a, fc_fm_json(y->kids[i])) != 0) {
                json_decref(a);
                return NULL;
            }
        return a;
    }
    case FC_FM_MAP: {
        json_t *o = json_object();
        for (size_t i = 0; o && i + 1 < y->n; i += 2) {
            const char *k = y->kids[i]->type == FC_FM_SCALAR ? y->kids[i]->str : "";
            if (json_object_set_new(o, k, fc_fm_json(y->kids[i + 1])) != 0) {
                json_decref(o);
                return NULL;
            }
        }
        return o;
    }
    }
    return NULL;
}

void fc_fm_float_text(double v, char *buf, size_t cap)
{
    if (v != v) {
        snprintf(buf, cap, ".nan");
        return;
    }
    if (v > DBL_MAX || v < -DBL_MAX) {
        snprintf(buf, cap, v < 0 ? "-.inf" : ".inf");
        return;
    }
    char t[40];
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(t, sizeof t, "%.*g", prec, v);
        if (strtod(t, NULL) == v)
            break;
    }
    /* "1e+22" -> "1.0e+22", "3" -> "3.0": is_float_text wants a '.' */
    char *e = strchr(t, 'e');
    if (!strchr(t, '.'))
        snprintf(buf, cap, "%.*s.0%s", (int)(e ? e - t : (ptrdiff_t)strlen(t)), t, e ? e : "");
    else
        snprintf(buf, cap, "%s", t);
}

char *fc_fm_json_text(struct fc_arena *a, const struct fc_fm_node *y)
{
    json_t *j = fc_fm_json(y);
    if (!j)
        return NULL;
    char *s = fc_json_dump(a, j, JSON_COMPACT | JSON_ENCODE_ANY);
    json_decref(j);
    return s;
}
