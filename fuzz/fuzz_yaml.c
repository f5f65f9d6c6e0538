/*
 * fuzz_yaml.c - the front-matter parser alone (fc_yaml_parse): its
 * quick path must build the same tree as libyaml, or fail the same way.
 * Several times faster per input than fuzz_markdown, which also runs it.
 */
#include "fuzz.h"

FUZZ_ENTRY(yaml)
{
    md_yaml_diff((const char *)data, size);
    return 0;
}
