/*
 * yaml_emit.c - writing YAML through libyaml's emitter into an fc_buf
 * (see yaml.h): front matter and site configuration files.
 */
#include "syntax/yaml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int emit_out(void *data, unsigned char *buffer, size_t size)
{
    struct fc_buf *b = data;
    fc_buf_add(b, buffer, size);
    return !b->oom;
}

static void emit(struct fc_yaml_emitter *m, yaml_event_t *ev, int ok)
{
    if (!ok) { /* an event that cannot be made: libyaml could not copy its strings */
        m->failed = true;
        m->oom = true;
        return;
    }
    if (m->failed) {
        yaml_event_delete(ev);
        return;
    }
    if (!yaml_emitter_emit(&m->e, ev)) { /* takes the event, also on failure */
        m->failed = true;
        /* noted now: an allocation failure is FC_ENOMEM, not a write error */
        if (m->e.error == YAML_MEMORY_ERROR)
            m->oom = true;
    }
}

bool fc_yaml_emit_open(struct fc_yaml_emitter *m, struct fc_buf *out, bool explicit_start)
{
    memset(m, 0, sizeof *m);
    m->out = out;
    if (!yaml_emitter_initialize(&m->e))
        return false;
    yaml_emitter_set_output(&m->e, emit_out, out);
    yaml_emitter_set_unicode(&m->e, 1);
    yaml_emitter_set_width(&m->e, -1);
    yaml_emitter_set_indent(&m->e, 2);
    yaml_event_t ev;
    emit(m, &ev, yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING));
    emit(m, &ev, yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, !explicit_start));
    if (m->failed) { /* callers do not close an emitter that did not open */
        yaml_emitter_delete(&m->e);
        return false;
    }
    return true;
}

bool fc_yaml_emit_close(struct fc_yaml_emitter *m)
{
    yaml_event_t ev;
    emit(m, &ev, yaml_document_end_event_initialize(&ev, 1));
    emit(m, &ev, yaml_stream_end_event_initialize(&ev));
    if (!m->failed && !yaml_emitter_flush(&m->e))
        m->failed = true;
    if (m->e.error == YAML_MEMORY_ERROR || m->out->oom)
        m->oom = true;
    yaml_emitter_delete(&m->e);
    return !m->failed && !m->out->oom;
}

void fc_yaml_emit_map(struct fc_yaml_emitter *m)
{
    yaml_event_t ev;
    emit(m, &ev, yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE));
}

void fc_yaml_emit_seq(struct fc_yaml_emitter *m, bool flow)
{
    yaml_event_t ev;
    emit(m, &ev,
         yaml_sequence_start_event_initialize(
             &ev, NULL, NULL, 1, flow ? YAML_FLOW_SEQUENCE_STYLE : YAML_BLOCK_SEQUENCE_STYLE));
}

void fc_yaml_emit_end_map(struct fc_yaml_emitter *m)
{
    yaml_event_t ev;
    emit(m, &ev, yaml_mapping_end_event_initialize(&ev));
}

void fc_yaml_emit_end_seq(struct fc_yaml_emitter *m)
{
    yaml_event_t ev;
    emit(m, &ev, yaml_sequence_end_event_initialize(&ev));
}

static void emit_scalar(struct fc_yaml_emitter *m, const char *s, size_t n, bool quoted)
{
    yaml_event_t ev;
    emit(m, &ev,
         yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)s, (int)n, !quoted, quoted,
                                      quoted ? YAML_DOUBLE_QUOTED_SCALAR_STYLE
                                             : YAML_PLAIN_SCALAR_STYLE));
}

void fc_yaml_emit_str(struct fc_yaml_emitter *m, const char *s)
{
    if (!s)
        s = "";
    size_t n = strlen(s);
    if (n > INT32_MAX || !fc_utf8_valid(s, n)) {
        /* libyaml rejects invalid UTF-8; repair rather than fail */
        struct fc_buf b;
        fc_buf_init(&b);
        fc_utf8_repair(&b, s, n);
        if (b.oom || b.len > INT32_MAX)
            m->failed = m->oom = true;
        else
            emit_scalar(m, fc_buf_cstr(&b), b.len, true);
        fc_buf_free(&b);
        return;
    }
    emit_scalar(m, s, n, true);
}

void fc_yaml_emit_plain(struct fc_yaml_emitter *m, const char *s)
{
    emit_scalar(m, s, strlen(s), false);
}

void fc_yaml_emit_int(struct fc_yaml_emitter *m, long long v)
{
    char num[32];
    snprintf(num, sizeof num, "%lld", v);
    fc_yaml_emit_plain(m, num);
}

void fc_yaml_emit_kv(struct fc_yaml_emitter *m, const char *key, const char *value)
{
    if (!value)
        return;
    fc_yaml_emit_plain(m, key);
    fc_yaml_emit_str(m, value);
}

/* Keys like "comment_count" need no quotes; anything YAML could read as
 * something else (yes, null, 1, "a b") gets them. */
static bool plain_key_ok(const char *k)
{
    static const char *const special[] = {"y",   "n",    "yes",   "no",   "on",
                                          "off", "true", "false", "null", NULL};
    if (!((*k >= 'a' && *k <= 'z') || (*k >= 'A' && *k <= 'Z') || *k == '_'))
        return false;
    for (const char *p = k; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
              *p == '_' || *p == '-'))
            return false;
    for (size_t i = 0; special[i]; i++)
        if (fc_strcasecmp(k, special[i]) == 0)
            return false;
    return true;
}

void fc_yaml_emit_key(struct fc_yaml_emitter *m, const char *k)
{
    if (plain_key_ok(k))
        fc_yaml_emit_plain(m, k);
    else
        fc_yaml_emit_str(m, k);
}

void fc_yaml_emit_json(struct fc_yaml_emitter *m, const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: {
        const char *k;
        json_t *x;
        fc_yaml_emit_map(m);
        json_object_foreach((json_t *)v, k, x)
        {
            fc_yaml_emit_key(m, k);
            fc_yaml_emit_json(m, x);
        }
        fc_yaml_emit_end_map(m);
        break;
    }
    case JSON_ARRAY: {
        size_t i;
        json_t *x;
        fc_yaml_emit_seq(m, false);
        json_array_foreach(v, i, x) fc_yaml_emit_json(m, x);
        fc_yaml_emit_end_seq(m);
        break;
    }
    case JSON_STRING:
        fc_yaml_emit_str(m, json_string_value(v));
        break;
    case JSON_INTEGER:
        fc_yaml_emit_int(m, (long long)json_integer_value(v));
        break;
    case JSON_REAL: {
        char num[40];
        snprintf(num, sizeof num, "%.15g", json_real_value(v));
        if (strtod(num, NULL) != json_real_value(v))
            snprintf(num, sizeof num, "%.17g", json_real_value(v));
        if (!strpbrk(num, ".eEn")) /* keep it a float: "1" would read back as an integer */
            snprintf(num + strlen(num), sizeof num - strlen(num), ".0");
        fc_yaml_emit_plain(m, num);
        break;
    }
    case JSON_TRUE:
        fc_yaml_emit_plain(m, "true");
        break;
    case JSON_FALSE:
        fc_yaml_emit_plain(m, "false");
        break;
    case JSON_NULL:
        fc_yaml_emit_plain(m, "null");
        break;
    }
}
