/*
 * fuzz_yamlemit.c - the quick YAML emitter (fc_yaml_emit_json_quick)
 * against libyaml's: wherever the quick path takes a value it must write
 * libyaml's bytes, and where it declines leave its buffer as it was.  The
 * input is read as JSON, and also taken whole as a key and a string.
 */
#include "fuzz.h"

static void yamlemit_diff(const json_t *v)
{
    struct fc_buf lib = {0}, quick = {0};
    struct fc_yaml_emitter m;
    bool lib_ok = fc_yaml_emit_open(&m, &lib, false);
    if (lib_ok) {
        fc_yaml_emit_json(&m, v);
        lib_ok = fc_yaml_emit_close(&m);
    }
    fc_buf_puts(&quick, "x");
    if (fc_yaml_emit_json_quick(v, &quick)) {
        FUZZ_CHECK(lib_ok && quick.len == lib.len + 1 && !memcmp(quick.data + 1, lib.data, lib.len),
                   "yaml emit: the quick path wrote other bytes than libyaml");
    } else {
        FUZZ_CHECK(quick.len == 1, "yaml emit: a declined value left bytes behind");
    }
    fc_buf_free(&lib);
    fc_buf_free(&quick);
}

FUZZ_ENTRY(yamlemit)
{
    json_error_t e;
    json_t *v = json_loadb((const char *)data, size, JSON_DECODE_ANY, &e);
    if (v) {
        yamlemit_diff(v);
        json_t *wrap = json_pack("{s:o}", "k", v); /* the same value one level down */
        if (wrap) {
            yamlemit_diff(wrap);
            json_decref(wrap);
        }
    }
    char *s = malloc(size + 1);
    json_t *o = json_object();
    if (s && o) {
        memcpy(s, data, size);
        s[size] = '\0';
        /* unchecked: bytes that are not UTF-8 must be declined */
        if (!json_object_set_new_nocheck(o, s, json_stringn_nocheck(s, size)))
            yamlemit_diff(o);
    }
    json_decref(o);
    free(s);
    return 0;
}
