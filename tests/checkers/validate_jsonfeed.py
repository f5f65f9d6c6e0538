"""validate_jsonfeed.py FILE - is FILE a JSON Feed 1.1 document?

Three passes, all reported:
  1. JSON syntax (UTF-8, no duplicate keys: a reader would keep one of the
     two values and lose the other);
  2. jsonfeed-1.1.schema.json (python3-jsonschema): members, types,
     required fields, URL and date shapes, extension names;
  3. what a schema cannot say: item ids unique within the feed, dates that
     exist (RFC 3339 section 5.7: month, day of that month, hour, minute,
     second, offset in range), URLs matched as a whole, next_url not the
     feed's own URL.

Prints one line per problem ("FILE: where: message"); exit 0 valid,
1 invalid, 2 usage or setup error (python3-jsonschema missing).
"""
import json
import os
import re
import sys

import checkerlib

URL = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:[^\s\x00-\x1f\x7f]+\Z")
URL_KEYS = ("home_page_url", "feed_url", "next_url", "icon", "favicon", "url", "avatar",
            "external_url", "image", "banner_image")
DATE_KEYS = ("date_published", "date_modified")


def no_duplicates(pairs):
    seen = {}
    for key, value in pairs:
        if key in seen:
            raise ValueError("duplicate key %r" % key)
        seen[key] = value
    return seen


def walk(node, where, problems):
    """Dates and URLs wherever the spec defines them (not inside extensions)."""
    if isinstance(node, list):
        for i, value in enumerate(node):
            walk(value, "%s[%d]" % (where, i), problems)
        return
    if not isinstance(node, dict):
        return
    for key, value in node.items():
        here = "%s.%s" % (where, key) if where else key
        if key.startswith("_"):
            continue
        if key in DATE_KEYS and isinstance(value, str) and checkerlib.date_problem(value):
            problems.append("%s: %s" % (here, checkerlib.date_problem(value)))
        elif key in URL_KEYS and isinstance(value, str) and not URL.match(value):
            problems.append("%s: not an absolute URL: %r" % (here, value))
        else:
            walk(value, here, problems)


def rules(feed):
    problems = []
    if not isinstance(feed, dict):
        return problems
    walk(feed, "", problems)
    items = feed.get("items")
    if isinstance(items, list):
        seen = {}
        for i, item in enumerate(items):
            ident = item.get("id") if isinstance(item, dict) else None
            if isinstance(ident, str):
                if ident in seen:
                    problems.append("items[%d].id: %r is also items[%d].id" % (i, ident, seen[ident]))
                seen.setdefault(ident, i)
    if feed.get("next_url") is not None and feed.get("next_url") == feed.get("feed_url"):
        problems.append("next_url: the same as feed_url")
    return problems


def main(argv):
    data = checkerlib.read_file(argv, "validate-jsonfeed")
    jsonschema = checkerlib.need("validate-jsonfeed", "jsonschema", "python3-jsonschema")
    path = argv[1]
    try:
        feed = json.loads(data.decode("utf-8"), object_pairs_hook=no_duplicates)
    except (UnicodeDecodeError, ValueError) as e:
        print("%s: not JSON: %s" % (path, e))
        return 1
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "jsonfeed-1.1.schema.json"), encoding="utf-8") as f:
        schema = json.load(f)
    validator = jsonschema.Draft7Validator(schema)
    problems = []
    for e in sorted(validator.iter_errors(feed), key=lambda e: list(map(str, e.path))):
        where = "".join("[%d]" % p if isinstance(p, int) else ".%s" % p for p in e.path)
        problems.append("%s: %s" % (where.lstrip(".") or "(top)", e.message))
    problems += rules(feed)
    for p in problems:
        print("%s: %s" % (path, p))
    if problems:
        return 1
    print("%s: valid JSON Feed 1.1" % path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
