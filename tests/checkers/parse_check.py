"""parse_check.py FILE - read an RSS or Atom file with Python feedparser.

Prints "bozo: 0" or "bozo: 1 (why)", then a JSON summary of what
feedparser saw: the format, the feed's title, link, subtitle, language and
dates, and per entry its id, link, title, dates (as written and in UTC),
authors, tags, comment page, enclosures, and the lengths of its summary
and content.  Two files that read the same give the same summary.

Exit 0 when feedparser read a feed without complaint (bozo 0), 1 when it
complained (bozo 1) or recognised no feed format, 2 on usage or setup
errors (python3-feedparser missing, unreadable file, JSON input: feedparser
6.0 does not read JSON Feed).
"""
import calendar
import json
import sys
import time

import checkerlib


def utc(parsed):
    """feedparser's parsed date (UTC struct_time) as RFC 3339, or None."""
    if not parsed:
        return None
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(calendar.timegm(parsed)))


def entry_summary(e):
    return {
        "id": e.get("id"),
        "link": e.get("link"),
        "title": e.get("title"),
        "published": e.get("published"),
        "published_utc": utc(e.get("published_parsed")),
        "updated": e.get("updated"),
        "updated_utc": utc(e.get("updated_parsed")),
        "authors": [a.get("name") or a.get("email") or a.get("href") for a in e.get("authors", [])],
        "tags": [t.get("term") for t in e.get("tags", [])],
        "comments": e.get("comments"),
        "enclosures": [(x.get("href"), x.get("type"), x.get("length"))
                       for x in e.get("enclosures", [])],
        "summary_length": len(e.get("summary") or ""),
        "content_length": [len(c.get("value") or "") for c in e.get("content", [])],
    }


def main(argv):
    data = checkerlib.read_file(argv, "parse-check")
    feedparser = checkerlib.need("parse-check", "feedparser", "python3-feedparser")
    if data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"["):
        print("parse-check: %s: JSON; feedparser reads RSS and Atom only" % argv[1], file=sys.stderr)
        return 2
    # bytes, not a path: feedparser never goes to the network
    d = feedparser.parse(data)
    bozo = 1 if d.get("bozo") else 0
    if bozo:
        print("bozo: 1 (%s)" % d.get("bozo_exception"))
    elif not d.get("version"):
        bozo = 1
        print("bozo: 1 (no RSS or Atom format recognised)")
    else:
        print("bozo: 0")
    feed = d.get("feed", {})
    summary = {
        "version": d.get("version"),
        "feed": {
            "title": feed.get("title"),
            "link": feed.get("link"),
            "subtitle": feed.get("subtitle"),
            "language": feed.get("language"),
            "updated": feed.get("updated"),
            "updated_utc": utc(feed.get("updated_parsed")),
        },
        "entries": [entry_summary(e) for e in d.get("entries", [])],
    }
    print(json.dumps(summary, indent=1, sort_keys=True, ensure_ascii=False))
    return bozo


if __name__ == "__main__":
    sys.exit(main(sys.argv))
