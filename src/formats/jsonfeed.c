/*
 * jsonfeed.c - JSON Feed 1.1 (https://jsonfeed.org/version/1.1), reads 1.0.
 * This file: the mapping, detection and the format object; jsonfeed_read.c
 * (reader) and jsonfeed_write.c (writer) hold the two directions.
 *
 * Reader: streaming.  The scanner of syntax/json.h walks the top-level
 * object reading the input in 64 KB chunks; each member's value and each
 * element of "items" is cut out (bracket count) and parsed alone, so
 * memory holds one item.  begin(feed) comes when "items" starts, with the
 * members seen before it; post() per item; members after "items" (JSON's
 * key order is free; our own writer puts `_feedconv` there) are read into
 * the same feed before end(feed) (convert.c holds begin() back for the
 * first MB of posts, so small feeds get it all in the header).  One member
 * value or item is at most 64 MB (FC_ELIMIT with its position).  Errors
 * keep jansson's words and the document's line:column (the scanner counts
 * as jansson does: columns in characters); a document that is not an
 * object is read whole to say what it is.
 * Writer: streaming; begin() writes the head and opens "items", post()
 * writes one item, end() closes the array and writes the feed data that is
 * only known at the end (always the `_feedconv` object, plus any native key
 * that first appeared after begin()).  Pretty-printed, 2-space indent, keys
 * in the spec's order, UTF-8 unescaped; same model, same bytes: the text
 * is written directly by syntax/json.h's writer, in the bytes jansson's
 * json_dumps(JSON_INDENT(2) | JSON_PRESERVE_ORDER) prints.
 *
 * Mapping (model <-> JSON Feed):
 *   feed.title (text)        title         HTML/XHTML titles: text here,
 *                                          original in _feedconv.title
 *   feed.subtitle            description   (text; HTML as for title)
 *   feed.home_url            home_page_url
 *   feed.feed_url            feed_url
 *   feed.user_comment        user_comment
 *   feed.next_url            next_url
 *   feed.image.url           icon          JSON Feed's icon is the big
 *   feed.icon                favicon       square image (RSS image, Atom
 *                                          logo); favicon is the small one
 *                                          (Atom icon).  Chosen so that
 *                                          RSS <image> survives as `icon`.
 *   feed.authors             authors       (1.0 `author` read as one)
 *   feed.language            language
 *   feed.expired             expired       (-1 absent)
 *   feed.hubs                hubs          (type "WebSub" written when
 *                                          missing, see type_absent)
 *   post.id                  id            (numbers coerced to strings)
 *   post.url, external_url   url, external_url
 *   post.title, summary      title, summary  (plain text; HTML as above)
 *   post.content_html/_text  content_html, content_text
 *   post.image, banner_image image, banner_image
 *   post.published, updated  date_published, date_modified (RFC 3339,
 *                                          offset kept)
 *   post.authors             authors       email in the author's _feedconv
 *   post.categories          tags          (terms; scheme/label in
 *                                          _feedconv.tags)
 *   post.language            language
 *   post.attachments         attachments   url, mime_type, title,
 *                                          size_in_bytes, duration_in_seconds
 *   fc_ext JSON, origin "jsonfeed", key "_x"   "_x": value (as is)
 * Everything else goes into `_feedconv`.
 *
 * The `_feedconv` extension object (on the feed, an item, an author, an
 * attachment or a hub): the `_feedconv` codec's members and value shapes
 * (extcodec.h: text, person, tag, link, time with its "dates" note, ext,
 * ...); absent fields are not written.  Members, in the order written:
 * Feed:  title, subtitle (text, only when not plain text), title_absent
 *        (true: the written title was synthesised), description_text
 *        (when it differs from the description written), id, rights,
 *        published, updated, generator, contributors, editor, webmaster,
 *        categories, image (without its url: that is `icon`), ttl, docs,
 *        cloud, skip_hours, skip_days, rating, text_input, base, links,
 *        dates, exts (the exts not written as `_x` keys).
 * Item:  id_absent (true: id synthesised), id_is_permalink (bool),
 *        content_absent (true: content copied from the summary), title,
 *        summary (text, only when not plain text), content_src,
 *        content_type, contributors, tags [tag] (the tags that have a
 *        scheme or label, or no term: `tags` holds the terms), links,
 *        comments_url, comment_count, comments_feed, source, rights, base,
 *        slug, draft, dates, exts.
 * Author: email, name_absent (true: name is a copy of the email).
 * Attachment, hub: type_absent (true: mime_type / type was synthesised).
 * dates: the notes of "published" (date_published on an item), "updated"
 *        (date_modified) and "source_updated": JSON Feed dates need
 *        seconds and an offset, so a date-only or zone-less time is
 *        written completed (T00:00:00, +00:00) and the note restores the
 *        original form; an unparsable one is only a note ("raw").
 *
 * Writer rules: version 1.1; title required (every writer's placeholder,
 * fc_writer_title: the home page's or feed URL's host, else "Untitled
 * feed"; with a warning); item id
 * required: url, else external_url, else "urn:feedconv:" + FNV-1a 64 of
 * title, dates and content (with a warning); an item needs content_html or
 * content_text (1.1 "Items": "one or the other must be present"): with
 * neither, the summary stands in, an HTML or XHTML one as content_html and
 * a text one as content_text (the summary key is written too, as plain
 * text), and with no summary either content_text is "" (present, so valid;
 * validate-jsonfeed warns that it is empty).  `content_absent` records
 * it, so reading the output back drops the stand-in again.  No warning:
 * nothing is lost, and description-only RSS items are the common case.
 * Extension objects `_x` from a JSON Feed are re-emitted; other JSON/XML
 * exts go in `_feedconv.exts`.
 *
 * Reader rules: a document is a JSON Feed when it is an object with a
 * jsonfeed.org version or an "items" array (else FC_EFORMAT at the
 * object's position); bad JSON is FC_EPARSE with jansson's line:column;
 * nesting beyond opt->max_depth is FC_ELIMIT (at the bracket, when the
 * scanner sees it).  Being streamed, an error in item 5 comes after items
 * 1-4 were delivered, and the first duplicate key of the document is
 * warned about once, as before (with the last value kept; a second "items"
 * array is streamed too).  A known key of the wrong
 * type is kept as a JSON ext with a warning; a `_feedconv` value of the
 * wrong type or shape is dropped with one.  jansson keeps no positions
 * for values, so warnings name the JSON path ("items[3].tags[0]") and
 * posts have line/column 0.
 *
 * Quirks: 1.0 feeds use `author`; some feeds give numeric ids; duplicate
 * keys happen (the last wins, with a warning); a BOM is skipped with a
 * warning.  Unknown keys without `_` are kept as JSON exts, with a warning.
 * Non-integer numbers in extensions are re-printed with 15 significant
 * digits (jansson keeps no number text; 17 would turn 0.1 into
 * 0.10000000000000001).
 */
#include "formats/jsonfeed.h"
#include "syntax/json.h"

#include <string.h>

/* An object (after a BOM, if any) whose "version" in the first bytes is a
 * jsonfeed.org URL: 95; any other object: 20, so that the reader can say
 * what is wrong; anything else: 0. */
static int jf_detect(const unsigned char *head, size_t len)
{
    size_t i = 0;
    if (len >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF)
        i = 3;
    while (i < len && fc_json_is_ws(head[i]))
        i++;
    if (i >= len || head[i] != '{')
        return 0;
    for (i++; i < len && fc_json_is_ws(head[i]); i++)
        ;
    if (i < len && head[i] != '"' && head[i] != '}')
        return 0;
    static const char key[] = "\"version\"";
    static const char url[] = "\"" JF_PREFIX;
    for (; i + sizeof key - 1 <= len; i++) {
        if (memcmp(head + i, key, sizeof key - 1) != 0)
            continue;
        size_t j = i + sizeof key - 1;
        while (j < len && fc_json_is_ws(head[j]))
            j++;
        if (j >= len || head[j] != ':')
            continue;
        for (j++; j < len && fc_json_is_ws(head[j]); j++)
            ;
        if (len - j >= sizeof url - 1 && memcmp(head + j, url, sizeof url - 1) == 0)
            return 95;
    }
    return 20; /* some JSON object */
}

static const char *const jf_aliases[] = {"json", "jf", NULL};
static const char *const jf_extensions[] = {".json", ".jsonfeed", NULL};

const struct fc_format fc_format_jsonfeed = {
    .name = "jsonfeed",
    .description = "JSON Feed 1.1 (reads 1.0)",
    .aliases = jf_aliases,
    .extensions = jf_extensions,
    .caps = FC_CAN_READ | FC_CAN_WRITE,
    .detect = jf_detect,
    .read = fc_jf_read,
    .open_writer = fc_jf_open_writer,
};

static const char *const jl_aliases[] = {"jsonlines", "ndjson", NULL};
static const char *const jl_extensions[] = {".jsonl", ".ndjson", NULL};

/* JSON Lines: one JSON Feed item per line, for jq and line tools. */
const struct fc_format fc_format_jsonl = {
    .name = "jsonl",
    .description = "JSON Lines: one JSON Feed item per line (write only)",
    .aliases = jl_aliases,
    .extensions = jl_extensions,
    .caps = FC_CAN_WRITE,
    .open_writer = fc_jf_open_lines_writer,
};
