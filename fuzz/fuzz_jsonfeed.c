/*
 * fuzz_jsonfeed.c - the jsonfeed reader on arbitrary bytes, converted to every stream
 * writer (see fuzz.h for the properties checked); and the quick JSON parser
 * (fc_json_parse_quick) builds what json_loadb builds, whenever it builds anything.
 */
#include "fuzz.h"
#include "syntax/json.h"

static void jf_quick_diff(const uint8_t *data, size_t size)
{
    json_t *q = fc_json_parse_quick((const char *)data, size);
    if (!q)
        return;
    json_error_t e;
    json_t *j = json_loadb((const char *)data, size, JSON_DECODE_ANY | JSON_REJECT_DUPLICATES, &e);
    FUZZ_CHECK(j != NULL || json_error_code(&e) == json_error_out_of_memory,
               "quick JSON parser took what json_loadb refuses");
    if (j) {
        const size_t fl = JSON_COMPACT | JSON_ENCODE_ANY | JSON_REAL_PRECISION(17);
        char *a = json_dumps(q, fl), *b = json_dumps(j, fl);
        FUZZ_CHECK(!a || !b || strcmp(a, b) == 0,
                   "quick JSON parser: value differs from json_loadb's");
        free(a);
        free(b);
    }
    json_decref(j);
    json_decref(q);
}

FUZZ_ENTRY(jsonfeed)
{
    jf_quick_diff(data, size);
    fuzz_reader(data, size, "jsonfeed");
    return 0;
}
