"""rss_rules.py FILE - the rules of RSS 2.0 that rss.rng cannot state well.

rss.rng gives the structure; these checks give the rest of the RSS 2.0
specification (RSS Advisory Board, 2.0.11), the RSS Profile's musts
(rssboard.org/rss-profile) and the well-known namespaces' own rules:

  dates     pubDate, lastBuildDate: RFC 822 section 5 date-times (two- or
            four-digit year), every field in range, the day of the week
            (when given) the one the date falls on (RFC 822 5.2); a
            two-digit year is 19yy from 50, 20yy below (RFC 2822 4.3)
  URLs      link, docs, comments, image url / link, textInput link,
            source@url, enclosure@url (an http or https URL: "must be an
            http url"), a guid that is a permalink (isPermaLink absent or
            "true"): absolute, no spaces or characters URLs exclude
  e-mail    managingEditor, webMaster, item author: "email" or
            "email (Name)" (the spec's "lawyer@boyer.net (Lawyer Boyer)")
  guid      no two items with the same guid
  language  channel language, dc:language: a language tag (RFC 1766 /
            BCP 47 form: "en", "en-us", not "en_US" or "English")
  skip      skipHours: no hour twice (so at most 24); skipDays: no day
            twice (so at most 7)
  named     enclosure, source and cloud attributes missing, cloud protocol
            and image width / height over their maximum (rss.rng says so
            too; libxml2's messages for attributes and interleaved
            elements do not name the attribute or the limit)
  media     enclosure@type a media type (RFC 2045 tokens)
  content   content:encoded only in an item, at most one, character data
            (escaped or CDATA HTML), no child elements; no other content:
            element in RSS 2.0
  dc        the fifteen DCMES 1.1 elements only, character data only;
            dc:date a W3C date-time (W3CDTF)
  atom      atom:link has href (an IRI reference), rel a name or an IRI,
            type a media type, length a number, hreflang a language tag;
            atom:updated / published RFC 3339; atom:id an absolute IRI;
            no name RFC 4287 does not define
  itunes    explicit "true" / "false"; duration seconds, MM:SS or
            HH:MM:SS; episode and season positive integers; episodeType
            full / trailer / bonus; type episodic / serial; block and
            complete Yes / No; image@href an http(s) URL; category@text;
            owner holds name / email; email an address; new-feed-url a
            URL; channel-only and item-only elements in their place
  slash, wfw, sy  slash:comments a count; wfw:comment / commentRss URLs;
            sy:updatePeriod, updateFrequency, updateBase values
  namespaces  a URI that differs from a well-known one only in case,
            scheme (http / https) or a trailing slash is an error: readers
            match namespace URIs exactly, so such elements are lost

Standard library only.  Prints one line per problem, "FILE:LINE: message";
exit 0 valid, 1 invalid, 2 cannot read.
"""
import calendar
import re
import sys

import checkerlib

ATOM = "http://www.w3.org/2005/Atom"
CONTENT = "http://purl.org/rss/1.0/modules/content/"
DC = "http://purl.org/dc/elements/1.1/"
ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
SLASH = "http://purl.org/rss/1.0/modules/slash/"
WFW = "http://wellformedweb.org/CommentAPI/"
SY = "http://purl.org/rss/1.0/modules/syndication/"
WELL_KNOWN = {
    ATOM: "atom", CONTENT: "content", DC: "dc", ITUNES: "itunes", SLASH: "slash",
    WFW: "wfw", SY: "sy",
    "http://purl.org/dc/terms/": "dcterms",
    "http://search.yahoo.com/mrss/": "media",
    "https://podcastindex.org/namespace/1.0": "podcast",
}

# RFC 822 5.1 (see rss.rng); groups: day-of-week, day, month, year, hour,
# minute, second, zone
RFC822 = re.compile(
    r"(?:(Mon|Tue|Wed|Thu|Fri|Sat|Sun), ?)?(\d{1,2}) "
    r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{2}|\d{4}) "
    r"(\d\d):(\d\d)(?::(\d\d))? (UT|GMT|[ECMP][SD]T|[A-IK-Z]|[+-]\d{4})\Z")
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
# W3CDTF (www.w3.org/TR/NOTE-datetime): YYYY[-MM[-DD[Thh:mm[:ss[.s]]TZD]]]
W3CDTF = re.compile(r"(\d{4})(?:-(\d\d)(?:-(\d\d)(?:T(\d\d):(\d\d)(?::(\d\d)(?:\.\d+)?)?"
                    r"(?:Z|[+-](\d\d):(\d\d)))?)?)?\Z")
SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
NOT_IN_URL = re.compile(r'[\x00-\x20<>"{}|\\^`\x7f-\x9f]')
TOKEN = r"[A-Za-z0-9!#$%&'*+.^_`|~\-]+"
MEDIA_TYPE = re.compile(TOKEN + "/" + TOKEN + r"(\s*;\s*" + TOKEN + r"=(" + TOKEN + r'|"[^"]*"))*\Z')
LANGUAGE = re.compile(r"([A-Za-z]{2,3}|[iIxX])(-[A-Za-z0-9]{1,8})*\Z")
# RFC 5322 addr-spec, dot-atom or quoted local part (non-ASCII allowed,
# RFC 6531); a domain of labels or a literal
ATEXT = r"[^\s@()<>\[\]:;,.\\\"]+"
ADDR = re.compile(r'(%s(\.%s)*|"[^"\\]*")@(%s(\.%s)*|\[[^\]\s]+\])' % (ATEXT, ATEXT, ATEXT, ATEXT))
NAME_REL = re.compile(r"[^:\s]+\Z")
DCMES = {"contributor", "coverage", "creator", "date", "description", "format", "identifier",
         "language", "publisher", "relation", "rights", "source", "subject", "title", "type"}
# RFC 4287's element names
ATOM_NAMES = {"author", "category", "content", "contributor", "email", "entry", "feed",
              "generator", "icon", "id", "link", "logo", "name", "published", "rights",
              "source", "subtitle", "summary", "title", "updated", "uri"}
ITUNES_CHANNEL_ONLY = {"category", "owner", "type", "complete", "new-feed-url"}
ITUNES_ITEM_ONLY = {"duration", "episode", "season", "episodeType", "title"}


def rfc822_problem(value):
    """None when value is an RFC 822 date-time (RSS's), else what is wrong."""
    m = RFC822.match(" ".join(value.split()))
    if not m:
        return "not an RFC 822 date-time (like \"Wed, 02 Oct 2002 13:00:00 GMT\"): %r" % value
    dow, day, month, year = m.group(1), int(m.group(2)), m.group(3), int(m.group(4))
    if len(m.group(4)) == 2:
        year += 2000 if year < 50 else 1900
    mon = MONTHS.index(month) + 1
    if not 1 <= day <= calendar.monthrange(year, mon)[1]:
        return "no such day: %r" % value
    hour, minute, second = int(m.group(5)), int(m.group(6)), int(m.group(7) or 0)
    if hour > 23 or minute > 59 or second > 60:
        return "time out of range: %r" % value
    zone = m.group(8)
    if zone[0] in "+-" and (int(zone[1:3]) > 23 or int(zone[3:]) > 59):
        return "zone offset out of range: %r" % value
    if dow and DAYS[calendar.weekday(year, mon, day)] != dow:
        return "%d %s %d is a %s, not a %s: %r" % (day, month, year,
                                                   DAYS[calendar.weekday(year, mon, day)],
                                                   dow, value)
    return None


def w3cdtf_problem(value):
    m = W3CDTF.match(value.strip())
    if not m:
        return "not a W3C date-time (YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm[:ss]TZD): %r" \
            % value
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    if month and not 1 <= int(month) <= 12:
        return "no such month: %r" % value
    if day and not 1 <= int(day) <= calendar.monthrange(year, int(month))[1]:
        return "no such day: %r" % value
    if m.group(4) and (int(m.group(4)) > 23 or int(m.group(5)) > 59 or
                       int(m.group(6) or 0) > 60):
        return "time out of range: %r" % value
    if m.group(7) and (int(m.group(7)) > 23 or int(m.group(8)) > 59):
        return "offset out of range: %r" % value
    return None


def near_miss(uri):
    """The well-known namespace URI that uri was meant to be, or None."""
    def norm(u):
        u = u.strip().lower().rstrip("/")
        return "http" + u[5:] if u.startswith("https:") else u
    for known in WELL_KNOWN:
        if uri != known and norm(uri) == norm(known):
            return known
    return None


class Checker(checkerlib.Reporter):
    # ---- value checks -----------------------------------------------

    def url(self, node, what, value, http=False):
        value = value.strip()
        if not SCHEME.match(value):
            self.error(node, "%s is not an absolute URL: %r" % (what, value))
        elif NOT_IN_URL.search(value):
            self.error(node, "%s is not a URL (space or excluded character): %r" % (what, value))
        elif http and not re.match(r"https?://[^/?#\s]+", value, re.I):
            self.error(node, "%s must be an http URL: %r" % (what, value))

    def date(self, node, what):
        problem = rfc822_problem(node.text)
        if problem:
            self.error(node, "%s: %s" % (what, problem))

    def email(self, node, what, with_name=True):
        value = " ".join(node.text.split())
        addr, _, rest = value.partition(" ")
        ok = ADDR.fullmatch(addr) is not None
        if ok and rest:
            ok = with_name and rest.startswith("(") and rest.endswith(")") and balanced(rest)
        if not ok:
            form = "\"email\" or \"email (Name)\"" if with_name else "an e-mail address"
            self.error(node, "%s is not %s: %r" % (what, form, node.text))

    def language(self, node, what, value):
        if not LANGUAGE.match(value.strip()):
            self.error(node, "%s is not a language tag (like \"en\" or \"en-us\"): %r"
                       % (what, value))

    def no_children(self, node, what):
        if node.children:
            self.error(node, "%s holds child elements (character data only)" % what)

    # ---- RSS ----------------------------------------------------------

    def channel(self, ch):
        for name in ("link", "docs"):
            for n in ch.kids("", name):
                self.url(n, "channel " + name, n.text)
        for name in ("pubDate", "lastBuildDate"):
            for n in ch.kids("", name):
                self.date(n, "channel " + name)
        for name in ("managingEditor", "webMaster"):
            for n in ch.kids("", name):
                self.email(n, name)
        for n in ch.kids("", "language"):
            self.language(n, "channel language", n.text)
        for image in ch.kids("", "image"):
            for name in ("url", "link"):
                for n in image.kids("", name):
                    self.url(n, "image " + name, n.text)
            for name, most in (("width", 144), ("height", 400)):
                for n in image.kids("", name):
                    v = n.text.strip()
                    if v.isdigit() and int(v) > most:
                        self.error(n, "image %s %s is over the maximum, %d" % (name, v, most))
        for cloud in ch.kids("", "cloud"):
            self.required(cloud, ("domain", "port", "path", "registerProcedure", "protocol"))
            protocol = cloud.attr("protocol")
            if protocol is not None and protocol not in ("xml-rpc", "soap", "http-post"):
                self.error(cloud, "cloud protocol must be xml-rpc, soap or http-post, not %r"
                           % protocol)
        for ti in ch.kids("", "textInput"):
            for n in ti.kids("", "link"):
                self.url(n, "textInput link", n.text)
        for sh in ch.kids("", "skipHours"):
            self.unique(sh.kids("", "hour"), "skipHours: hour", lambda t: t.strip().lstrip("0"))
        for sd in ch.kids("", "skipDays"):
            self.unique(sd.kids("", "day"), "skipDays: day", str.strip)
        guids = {}
        for item in ch.kids("", "item"):
            self.item(item)
            for g in item.kids("", "guid"):
                key = g.text.strip()
                if key in guids:
                    self.error(g, "guid %r is also the guid of the item at line %d"
                               % (key, guids[key]))
                else:
                    guids[key] = g.line

    def required(self, node, names):
        """The schema says it too; this names the attribute missing."""
        for name in names:
            if node.attr(name) is None:
                self.error(node, "%s has no %s attribute" % (node.name, name))

    def unique(self, nodes, what, key):
        seen = set()
        for n in nodes:
            k = key(n.text)
            if k in seen:
                self.error(n, "%s %r given twice" % (what, n.text.strip()))
            seen.add(k)

    def item(self, item):
        for name in ("link", "comments"):
            for n in item.kids("", name):
                self.url(n, "item " + name, n.text)
        for n in item.kids("", "pubDate"):
            self.date(n, "item pubDate")
        for n in item.kids("", "author"):
            self.email(n, "item author")
        for n in item.kids("", "source"):
            self.required(n, ("url",))
            if n.attr("url") is not None:
                self.url(n, "source url", n.attr("url"))
        for n in item.kids("", "enclosure"):
            self.required(n, ("url", "length", "type"))
            if n.attr("url") is not None:
                self.url(n, "enclosure url", n.attr("url"), http=True)
            kind = n.attr("type")
            if kind is not None and not MEDIA_TYPE.match(kind.strip()):
                self.error(n, "enclosure type is not a media type: %r" % kind)
        for g in item.kids("", "guid"):
            if g.attr("isPermaLink") in (None, "true"):
                self.url(g, "guid (a permalink: isPermaLink is %s)"
                         % ("absent" if g.attr("isPermaLink") is None else "true"), g.text)
        encoded = item.kids(CONTENT, "encoded")
        if len(encoded) > 1:
            self.error(encoded[1], "a second content:encoded in the item")

    # ---- the well-known namespaces, wherever they are -----------------

    def namespaces(self, node):
        for prefix, uri in node.declared.items():
            known = near_miss(uri)
            if known:
                self.error(node, "namespace %s%r is not the well-known %r (namespace URIs "
                                 "match exactly)" % (prefix + " " if prefix else "", uri, known))
        for child in node.children:
            self.namespaces(child)

    def modules(self, node, parent):
        """Checks node (a child of parent) and its subtree."""
        where = parent.name if parent is not None and parent.ns == "" else None
        check = {CONTENT: self.content, DC: self.dc, ATOM: self.atom, ITUNES: self.itunes,
                 SLASH: self.slash, WFW: self.wfw, SY: self.sy}.get(node.ns)
        if check:
            check(node, where)
        # inside foreign markup the module rules apply to their own
        # children only (itunes:owner, itunes:category, atom:author ...)
        for child in node.children:
            if node.ns == "" or child.ns == node.ns:
                self.modules(child, node)

    def content(self, node, where):
        if node.name != "encoded":
            self.error(node, "content:%s is not an RSS 2.0 element of the content module "
                             "(content:encoded is)" % node.name)
            return
        if where != "item":
            self.error(node, "content:encoded belongs in an item")
        self.no_children(node, "content:encoded")

    def dc(self, node, where):
        if node.name not in DCMES:
            self.error(node, "dc:%s is not a Dublin Core element (DCMES 1.1)" % node.name)
            return
        self.no_children(node, "dc:" + node.name)
        if node.name == "date":
            problem = w3cdtf_problem(node.text)
            if problem:
                self.error(node, "dc:date: %s" % problem)
        elif node.name == "language":
            self.language(node, "dc:language", node.text)

    def atom(self, node, where):
        if node.name not in ATOM_NAMES:
            self.error(node, "atom:%s is not an Atom element (RFC 4287)" % node.name)
        elif node.name == "link":
            href = node.attr("href")
            if href is None:
                self.error(node, "atom:link has no href")
            elif NOT_IN_URL.search(href.strip()):
                # an IRI reference (RFC 4287 4.2.7.1): relative allowed
                self.error(node, "atom:link href is not an IRI reference (space or excluded "
                                 "character): %r" % href)
            rel = node.attr("rel")
            if rel is not None and (not NAME_REL.match(rel) and not SCHEME.match(rel)):
                self.error(node, "atom:link rel must be a name or an IRI: %r" % rel)
            kind = node.attr("type")
            if kind is not None and not MEDIA_TYPE.match(kind):
                self.error(node, "atom:link type is not a media type: %r" % kind)
            length = node.attr("length")
            if length is not None and not re.match(r"\d+\Z", length):
                self.error(node, "atom:link length is not a number of octets: %r" % length)
            lang = node.attr("hreflang")
            if lang is not None:
                self.language(node, "atom:link hreflang", lang)
        elif node.name in ("updated", "published"):
            problem = checkerlib.date_problem(node.text.strip(), upper_case=True)
            if problem:
                self.error(node, "atom:%s: %s" % (node.name, problem))
        elif node.name == "id":
            self.url(node, "atom:id", node.text)

    def itunes(self, node, where):
        name, value = node.name, node.text.strip()
        if where == "item" and name in ITUNES_CHANNEL_ONLY:
            self.error(node, "itunes:%s belongs in the channel, not an item" % name)
        if where == "channel" and name in ITUNES_ITEM_ONLY:
            self.error(node, "itunes:%s belongs in an item, not the channel" % name)

        def one_of(values, fold=False):
            v = value.lower() if fold else value
            if v not in values:
                self.error(node, "itunes:%s must be %s, not %r"
                           % (name, " or ".join('"%s"' % x for x in values), node.text))

        if name == "explicit":
            one_of(("true", "false"), fold=True)
        elif name in ("block", "complete"):
            one_of(("yes", "no"), fold=True)
        elif name == "episodeType":
            one_of(("full", "trailer", "bonus"))
        elif name == "type":
            one_of(("episodic", "serial"))
        elif name in ("episode", "season"):
            if not re.match(r"[0-9]+\Z", value) or int(value) == 0:
                self.error(node, "itunes:%s is not a positive integer: %r" % (name, node.text))
        elif name == "duration":
            if not re.match(r"(\d+|\d{1,2}:[0-5]\d|\d{1,2}:[0-5]\d:[0-5]\d)\Z", value):
                self.error(node, "itunes:duration is not seconds, MM:SS or HH:MM:SS: %r"
                           % node.text)
        elif name == "image":
            href = node.attr("href")
            if href is None:
                self.error(node, "itunes:image has no href")
            else:
                self.url(node, "itunes:image href", href, http=True)
        elif name == "category":
            if not node.attr("text"):
                self.error(node, "itunes:category has no text")
            for c in node.children:
                if (c.ns, c.name) != (ITUNES, "category"):
                    self.error(c, "itunes:category holds only itunes:category")
        elif name == "owner":
            for c in node.children:
                if c.ns != ITUNES or c.name not in ("name", "email"):
                    self.error(c, "itunes:owner holds itunes:name and itunes:email only")
        elif name == "email":
            self.email(node, "itunes:email", with_name=False)
        elif name == "new-feed-url":
            self.url(node, "itunes:new-feed-url", node.text)

    def slash(self, node, where):
        if node.name == "comments" and not re.match(r"[0-9]+\Z", node.text.strip()):
            self.error(node, "slash:comments is not a number of comments: %r" % node.text)

    def wfw(self, node, where):
        if node.name in ("comment", "commentRss"):
            self.url(node, "wfw:" + node.name, node.text)

    def sy(self, node, where):
        value = node.text.strip()
        if node.name == "updatePeriod" and value not in ("hourly", "daily", "weekly", "monthly",
                                                         "yearly"):
            self.error(node, "sy:updatePeriod must be hourly, daily, weekly, monthly or yearly, "
                             "not %r" % node.text)
        elif node.name == "updateFrequency" and (not re.match(r"[0-9]+\Z", value) or
                                                 int(value) == 0):
            self.error(node, "sy:updateFrequency is not a positive integer: %r" % node.text)
        elif node.name == "updateBase":
            problem = w3cdtf_problem(value)
            if problem:
                self.error(node, "sy:updateBase: %s" % problem)

    def document(self, root):
        if root.ns != "" or root.name != "rss" or root.attr("version") != "2.0":
            self.error(root, "the root is not <rss version=\"2.0\">")
            return
        self.namespaces(root)
        for ch in root.kids("", "channel"):
            self.channel(ch)
        for child in root.children:
            self.modules(child, root)


def main(argv):
    data = checkerlib.read_file(argv, "rss_rules.py")
    checker = Checker(argv[1])
    try:
        root = checkerlib.parse_xml(data)
    except checkerlib.XMLError as e:
        print("%s:%d: %s" % (argv[1], e.line, e))
        return 1
    checker.document(root)
    return 1 if checker.errors else 0


def balanced(s):
    depth = 0
    for c in s:
        depth += {"(": 1, ")": -1}.get(c, 0)
        if depth < 0:
            return False
    return depth == 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
