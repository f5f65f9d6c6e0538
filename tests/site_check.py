#!/usr/bin/env python3
"""site_check.py - what a written site publishes, checked after the real
generator built it (tests/cli_sites.sh).

    site_check.py LABEL FEED.json SITE BUILT [--keep-urls]

FEED is the JSON Feed the site was written from (feedconv -t jsonfeed of
the source), SITE the written site, BUILT its output (Hugo's public/,
Jekyll's _site/).  Prints PASS/FAIL lines (tests/lib.sh's format):

- the home page (BUILT/index.html) links every published post, and each
  post's page has its title in <h1> and its date in <time datetime>;
- every old address of a published post answers: below the site's
  sub-path, BUILT has a page at that path (a redirect page to the post,
  or with --keep-urls the post itself); anything else (a query string,
  another host, outside the sub-path) is a line of the redirect map, both
  BUILT/_redirects and SITE/nginx-redirects.conf (so is an address the
  site's own pages take: the home page, Hugo's /tags/);
- pages (WordPress's) are not listed on the home page and keep their
  own address;
- drafts are not built (their titles are on no page).
"""
import html
import json
import os
import re
import sys
import urllib.parse


def main():
    label, feed_path, site, built = sys.argv[1:5]
    keep = "--keep-urls" in sys.argv[5:]
    feed = json.load(open(feed_path, encoding="utf-8"))
    home = feed.get("home_page_url") or ""
    hp = urllib.parse.urlsplit(home)
    sub = hp.path if hp.path.endswith("/") else hp.path + "/"
    items = feed.get("items", [])
    published = [i for i in items if not (i.get("_feedconv") or {}).get("draft")]
    drafts = [i for i in items if (i.get("_feedconv") or {}).get("draft")]
    fails = 0

    def check(name, ok, why=""):
        nonlocal fails
        if ok:
            print(f"PASS: {label}: {name}")
        else:
            fails += 1
            print(f"FAIL: {label}: {name}: {why}")

    def read(path):
        try:
            return open(path, encoding="utf-8", errors="replace").read()
        except OSError:
            return None

    def page_at(path):
        """The built file a URL path (from the output root) is served from."""
        p = urllib.parse.unquote(path).lstrip("/")
        cands = [p + "index.html"] if p.endswith("/") or not p else [p, p + "/index.html", p + ".html"]
        for c in cands:
            f = os.path.join(built, c)
            if os.path.isfile(f):
                return f
        return None

    index = read(os.path.join(built, "index.html")) or ""
    check("home page built", bool(index), "no index.html")
    texts = {}
    for root, _, files in os.walk(built):
        for f in files:
            if f.endswith(".html"):
                texts[os.path.join(root, f)] = read(os.path.join(root, f)) or ""

    def title_html(t):
        return html.escape(t, quote=False)

    net = read(os.path.join(built, "_redirects")) or ""
    ngx = read(os.path.join(site, "nginx-redirects.conf")) or ""

    def in_map(url):
        """Both map files send the old address url on."""
        u = urllib.parse.urlsplit(url)
        same_host = u.netloc.lower() == hp.netloc.lower()
        frm = (u.path or "/") if same_host else u.netloc + (u.path or "/")
        q = u.query
        in_net = any(line.startswith((frm if same_host else url.split("?")[0]) + (" " + q if q else " "))
                     for line in net.splitlines())
        key = (hp.netloc if same_host else "") + frm + ("?" + q if q else "")
        return in_net, f'"{key}"' in ngx

    for it in published:
        title = it.get("title", "")
        if not title:  # the generator names an untitled post its own way
            continue
        page = (it.get("_feedconv") or {}).get("kind") == "page"
        esc = [title_html(title), html.escape(title), title.replace("'", "&#39;").replace("&", "&amp;")]
        check(f"home page lists '{title}'", page or any(e in index for e in esc) or title in html.unescape(index),
              "not on the home page")
        # the post's page: an <h1> with its title and a <time datetime>
        pages = [f for f, t in texts.items()
                 if re.search(r"<h1>([^<]*)</h1>", t) and html.unescape(re.search(r"<h1>([^<]*)</h1>", t).group(1)) == title]
        check(f"a page for '{title}' with its title", bool(pages), "no <h1> with the title")
        if pages and it.get("date_published") and not page:
            check(f"'{title}' has its date", '<time datetime="' in texts[pages[0]], "no <time>")
        url = it.get("url")
        if not url:
            continue
        u = urllib.parse.urlsplit(url)
        same_host = u.netloc.lower() == hp.netloc.lower()
        servable = same_host and not u.query and u.path.startswith(sub) and \
            u.path not in (sub, sub + "index.html", sub + "index.htm")
        if servable and not all(in_map(url)):
            path = "/" + u.path[len(sub):]
            f = page_at(path)
            if not f:
                check(f"old address {url} answers", False, f"nothing at {path}")
                continue
            t = read(f)
            if keep or page and '<h1>' in t:  # a page keeps its address
                ok = re.search(r"<h1>([^<]*)</h1>", t) is not None and \
                    html.unescape(re.search(r"<h1>([^<]*)</h1>", t).group(1)) == title
                check(f"old address {url} is the post itself", ok, f"{f} is not the post")
            else:
                m = re.search(r'http-equiv="refresh" content="0; ?url=([^"]+)"', t)
                ok = m is not None
                if ok:  # the target is the post's page
                    tu = urllib.parse.urlsplit(html.unescape(m.group(1)))
                    tp = tu.path[len(sub) - 1:] if tu.path.startswith(sub) else tu.path
                    tf = page_at(tp)
                    ok = tf is not None and (read(tf) or "").find(title_html(title)) >= 0 or \
                        (tf is not None and title in html.unescape(read(tf) or ""))
                check(f"old address {url} redirects to the post", ok, f"{f}")
        else:
            in_net, in_ngx = in_map(url)
            check(f"old address {url} in the redirect map", in_net and in_ngx,
                  f"_redirects: {in_net}, nginx: {in_ngx}")
    for it in drafts:
        title = it.get("title", "")
        built_with = [f for f, t in texts.items() if f"<h1>{title_html(title)}</h1>" in t]
        check(f"draft '{title}' not built", not built_with, f"{built_with[:1]}")
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
