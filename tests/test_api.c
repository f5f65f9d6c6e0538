/*
 * test_api.c - promises of the public API that span modules: JSON whose
 * "version" names no JSON Feed being refused.
 */
#include "check.h"
#include "testlib.h"

static void test_json_version(void)
{
    static const struct {
        const char *doc;
        enum fc_status want;
        const char *name;
    } cases[] = {
        {"{\"version\": \"1.4.2\", \"items\": [{\"id\": \"1\"}]}", FC_EFORMAT,
         "json: a package's version with items: not a feed"},
        {"{\"items\": [], \"version\": 2}", FC_EFORMAT, "json: a number version: not a feed"},
        {"{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": []}", FC_OK,
         "json: a JSON Feed version: read"},
        {"{\"version\": \"http://jsonfeed.org/version/1\", \"items\": []}", FC_OK,
         "json: an http:// JSON Feed version: read"},
        {"{\"title\": \"t\", \"items\": []}", FC_OK, "json: no version but items: read"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct fc_feed *f = NULL;
        struct fc_error err = {0};
        enum fc_status st = tl_read_mem(cases[i].doc, strlen(cases[i].doc), "doc.json",
                                        fc_format_find("jsonfeed"), NULL, &f, &err);
        CHECK_INT(cases[i].name, st, cases[i].want);
        char name[160];
        snprintf(name, sizeof name, "%s (says why, where)", cases[i].name);
        if (cases[i].want == FC_EFORMAT)
            CHECK(name, strstr(err.message, "not a JSON Feed") && err.line == 1);
        fc_feed_free(f);
    }
}

int main(void)
{
    test_json_version();
    return CHECK_DONE();
}
