/*
 * media.c - media types from URLs, podcast durations, language tags
 * (media.h).
 */
#include "util/media.h"
#include "util/str.h"

#include <stdio.h>
#include <string.h>

/* Extensions podcasts, video feeds and their artwork use, by the types
 * Apple Podcasts and the browsers expect. */
static const struct {
    const char *ext;
    const char *type;
} media_types[] = {
    {"mp3", "audio/mpeg"},        {"m4a", "audio/x-m4a"},
    {"aac", "audio/aac"},         {"ogg", "audio/ogg"},
    {"oga", "audio/ogg"},         {"opus", "audio/opus"},
    {"flac", "audio/flac"},       {"wav", "audio/wav"},
    {"mp4", "video/mp4"},         {"m4v", "video/x-m4v"},
    {"mov", "video/quicktime"},   {"webm", "video/webm"},
    {"ogv", "video/ogg"},         {"mkv", "video/x-matroska"},
    {"pdf", "application/pdf"},   {"epub", "application/epub+zip"},
    {"jpg", "image/jpeg"},        {"jpeg", "image/jpeg"},
    {"png", "image/png"},         {"gif", "image/gif"},
    {"webp", "image/webp"},       {"svg", "image/svg+xml"},
    {"vtt", "text/vtt"},          {"srt", "application/x-subrip"},
    {"json", "application/json"}, {"html", "text/html"},
    {"txt", "text/plain"},
};

const char *fc_media_type_guess(const char *url)
{
    if (!url)
        return NULL;
    size_t end = strcspn(url, "?#");
    size_t dot = end;
    while (dot > 0 && url[dot - 1] != '.' && url[dot - 1] != '/')
        dot--;
    if (dot == 0 || url[dot - 1] != '.' || end - dot > 8)
        return NULL;
    for (size_t i = 0; i < sizeof media_types / sizeof media_types[0]; i++)
        if (strlen(media_types[i].ext) == end - dot &&
            fc_strncasecmp(url + dot, media_types[i].ext, end - dot) == 0)
            return media_types[i].type;
    return NULL;
}

bool fc_media_type_vague(const char *type)
{
    return !type || !*type || fc_strcasecmp(type, "application/octet-stream") == 0 ||
           fc_strcasecmp(type, "binary/octet-stream") == 0;
}

/* Digits (and one decimal part when `frac`) at *p: their value; false
 * when there are none. */
static bool number_at(const char **p, bool frac, double *v)
{
    const char *s = *p;
    double n = 0, scale = 1;
    bool any = false;
    for (; *s >= '0' && *s <= '9'; s++, any = true)
        n = n * 10 + (*s - '0');
    if (frac && *s == '.' && s[1] >= '0' && s[1] <= '9')
        for (s++; *s >= '0' && *s <= '9'; s++)
            n += (*s - '0') * (scale /= 10);
    *p = s;
    *v = n;
    return any;
}

bool fc_duration_parse(const char *s, double *secs)
{
    double part[3];
    int n = 0;
    if (!s)
        return false;
    while (fc_ascii_space((unsigned char)*s))
        s++;
    for (;;) {
        /* only the last field may have decimals: look past this one */
        const char *q = s;
        double ignored;
        if (!number_at(&q, false, &ignored))
            return false;
        bool last = *q != ':';
        if (!number_at(&s, last, &part[n]))
            return false;
        n++;
        if (last)
            break;
        if (n == 3)
            return false;
        s++; /* ':' */
    }
    while (fc_ascii_space((unsigned char)*s))
        s++;
    if (*s)
        return false;
    double total = 0;
    for (int i = 0; i < n; i++) {
        if (i > 0 && part[i] >= 60)
            return false;
        total = total * 60 + part[i];
    }
    *secs = total;
    return true;
}

bool fc_parse_decimal(const char *s, double *v)
{
    double d;
    if (!s)
        return false;
    while (fc_ascii_space((unsigned char)*s))
        s++;
    if (!number_at(&s, true, &d))
        return false;
    while (fc_ascii_space((unsigned char)*s))
        s++;
    if (*s)
        return false;
    *v = d;
    return true;
}

size_t fc_decimal_format(double v, char *buf, size_t cap)
{
    if (!(v >= 0) || v > 1e15)
        v = 0;
    long long whole = (long long)v;
    long long ms = (long long)((v - (double)whole) * 1000 + 0.5);
    if (ms >= 1000)
        whole++, ms -= 1000;
    int n;
    if (ms == 0) {
        n = snprintf(buf, cap, "%lld", whole);
    } else {
        n = snprintf(buf, cap, "%lld.%03lld", whole, ms);
        while (n > 0 && buf[n - 1] == '0')
            buf[--n] = '\0';
    }
    return n > 0 && (size_t)n < cap ? (size_t)n : 0;
}

const char *fc_lang_bcp47(struct fc_arena *a, const char *s)
{
    if (!s || !strchr(s, '_'))
        return s;
    char *c = fc_strdup(a, s, (size_t)-1);
    for (char *p = c; p && *p; p++)
        if (*p == '_')
            *p = '-';
    return c;
}
