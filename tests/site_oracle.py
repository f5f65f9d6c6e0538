#!/usr/bin/env python3
"""site_oracle.py - compare a generator's own feed with feedconv's feed of
the same site: the same entries, in the same order, with the same titles,
links, ids and instants.

    site_oracle.py hugo  GENERATOR_index.xml FEEDCONV_rss.xml
    site_oracle.py jekyll GENERATOR_feed.xml FEEDCONV_atom.xml
    site_oracle.py fragments-hugo PUBLIC_DIR FEEDCONV_jsonfeed.json
    site_oracle.py fragments-jekyll SITE_DIR FEEDCONV_jsonfeed.json

The last two check template code rendered as the generator renders it:
what the generator's pages (every .html file, the content inside
<article>) hold must be in the content_html of feedconv's JSON Feed, as
written: for Hugo every <figure>, embed <div>, <script> and link, for
Jekyll every link and image address (highlight becomes a fenced code
block, not Rouge's markup).

Prints one line per difference and exits 1 when there is any, else prints
"N entries" and exits 0.  Hugo's RSS dates an undated page 0001-01-01:
that is feedconv's missing date.  Uses only the standard library.
"""
import sys
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime
from datetime import datetime

ATOM = "{http://www.w3.org/2005/Atom}"


def rss_instant(text):
    if not text or text.startswith("Mon, 01 Jan 0001"):
        return None
    return int(parsedate_to_datetime(text).timestamp())


def atom_instant(text):
    if not text:
        return None
    return int(datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp())


def rss_items(path):
    out = []
    for item in ET.parse(path).getroot().iter("item"):
        def get(tag):
            e = item.find(tag)
            return (e.text or "").strip() if e is not None else ""
        out.append({"title": get("title"), "link": get("link"), "id": get("guid"),
                    "instant": rss_instant(get("pubDate"))})
    return out


def atom_entries(path):
    out = []
    for entry in ET.parse(path).getroot().iter(ATOM + "entry"):
        link = ""
        for l in entry.findall(ATOM + "link"):
            if l.get("rel", "alternate") == "alternate":
                link = l.get("href", "")
                break
        def get(tag):
            e = entry.find(ATOM + tag)
            return (e.text or "").strip() if e is not None else ""
        out.append({"title": get("title"), "link": link, "id": get("id"),
                    "instant": atom_instant(get("published"))})
    return out


def fragments(kind, public, ours):
    import json
    import os
    import re
    content = "\n".join(it.get("content_html", "") for it in json.load(open(ours))["items"])
    if kind == "fragments-hugo":
        pat = re.compile(r'<figure.*?</figure>|<div[^>]*>\s*<iframe.*?</div>|<script.*?</script>'
                         r'|<a href="[^"]*"', re.S)
    else:
        pat = re.compile(r'<a href="[^"]*"|<img src="[^"]*"')
    bad, n = [], 0
    for top, _, files in os.walk(public):
        for f in files:
            if not f.endswith(".html"):
                continue
            page = open(os.path.join(top, f), encoding="utf-8").read()
            m = re.search(r"<article>(.*)</article>", page, re.S)
            for frag in pat.findall(m.group(1) if m else ""):
                n += 1
                if frag not in content:
                    bad.append("not in feedconv's content: %r" % frag[:300])
    for b in bad:
        print(b)
    if not bad:
        print("%d fragments" % n)
    return 1 if bad or not n else 0


def main():
    kind, gen, ours = sys.argv[1], sys.argv[2], sys.argv[3]
    if kind.startswith("fragments"):
        return fragments(kind, gen, ours)
    read = rss_items if kind == "hugo" else atom_entries
    want, got = read(gen), read(ours)
    bad = []
    if len(want) != len(got):
        bad.append("%d entries in the generator's feed, %d in feedconv's" % (len(want), len(got)))
    for i, (w, g) in enumerate(zip(want, got)):
        for k in ("title", "link", "id", "instant"):
            if w[k] != g[k]:
                bad.append("entry %d (%s): %s is %r, the generator's %r"
                           % (i + 1, w["title"], k, g[k], w[k]))
    for b in bad:
        print(b)
    if not bad:
        print("%d entries" % len(want))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
