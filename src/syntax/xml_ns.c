/*
 * xml_ns.c - the podcast and media namespaces in every spelling feeds use
 * (xml_ns.h).
 */
#include "syntax/xml_ns.h"
#include "util/str.h"

/* The spellings, after the scheme ("http://" or "https://"), compared
 * without case and without a trailing slash. */
static const struct {
    const char *rest;
    enum fc_xml_ns_id id;
} spellings[] = {
    {"www.itunes.com/dtds/podcast-1.0.dtd", FC_XNS_ITUNES},
    {"itunes.com/dtds/podcast-1.0.dtd", FC_XNS_ITUNES},
    {"podcastindex.org/namespace/1.0", FC_XNS_PODCAST},
    {"github.com/podcastindex-org/podcast-namespace/blob/main/docs/1.0.md", FC_XNS_PODCAST},
    {"github.com/podcastindex-org/podcast-namespace/blob/master/docs/1.0.md", FC_XNS_PODCAST},
    {"search.yahoo.com/mrss", FC_XNS_MEDIA},
};

enum fc_xml_ns_id fc_xml_ns_known(const char *uri)
{
    if (!uri)
        return FC_XNS_OTHER;
    if (fc_strncasecmp(uri, "http://", 7) == 0)
        uri += 7;
    else if (fc_strncasecmp(uri, "https://", 8) == 0)
        uri += 8;
    else
        return FC_XNS_OTHER;
    size_t n = strlen(uri);
    if (n && uri[n - 1] == '/')
        n--;
    for (size_t i = 0; i < sizeof spellings / sizeof spellings[0]; i++)
        if (strlen(spellings[i].rest) == n && fc_strncasecmp(uri, spellings[i].rest, n) == 0)
            return spellings[i].id;
    return FC_XNS_OTHER;
}

const char *fc_xml_ns_uri(enum fc_xml_ns_id id)
{
    switch (id) {
    case FC_XNS_ITUNES:
        return FC_NS_ITUNES;
    case FC_XNS_PODCAST:
        return FC_NS_PODCAST;
    case FC_XNS_MEDIA:
        return FC_NS_MEDIA;
    case FC_XNS_OTHER:
        break;
    }
    return NULL;
}
