"""atom_rules.py FILE - the rules of RFC 4287 that atom.rng cannot state.

atom.rng is the RFC's Appendix B schema; the RFC's text says more, and
these checks say it (section numbers are RFC 4287's):

  4.1.1  an atom:feed has an atom:author unless every atom:entry has one
  4.1.2  an atom:entry has an atom:author unless its feed or its
         atom:source has one (an Entry Document: unless its source has one)
  4.1.1, 4.1.2  at most one link rel="alternate" per type and hreflang
  4.1.2  an atom:entry has a link rel="alternate" or an atom:content
  4.1.3.1  content/@type: text, html, xhtml or a media type, not a
         composite one (multipart/*, message/*)
  4.1.3.2  content with src is empty; its type, if any, is a media type
  4.1.3.3  text/* and base64 content hold no child elements; base64
         content is base64
  4.2.13 an atom:entry has an atom:summary when its content has src or
         is base64 (a media type that is neither XML nor text/*)
  3.3    dates are RFC 3339 date-times: "T" and "Z" upper case, a time
         zone always, every field in range
  4.2.6  atom:id is an IRI (absolute: relative references are not IRIs)
  3.1.1, 4.1.3.1  text and content type values
  4.2.7  link: rel non-empty, an IRI when it is not a bare name;
         length a number of octets; href, icon, logo, uri, scheme and
         src IRI references (no spaces, no characters IRIs exclude)
  3.2.3  atom:email an e-mail address (no spaces)

Standard library only.  Prints one line per problem, "FILE:LINE: message";
exit 0 valid, 1 invalid, 2 cannot read.
"""
import base64
import binascii
import re
import sys

import checkerlib

ATOM = "http://www.w3.org/2005/Atom"
XHTML = "http://www.w3.org/1999/xhtml"
XML = "http://www.w3.org/XML/1998/namespace"


class Node(checkerlib.Node):
    """An element (checkerlib.Node) with its Atom children at hand."""

    def atom(self, name):
        return self.kids(ATOM, name)

    def first(self, name):
        return self.kid(ATOM, name)


def parse(data):
    """The document as a Node tree (expat, namespaces resolved)."""
    return checkerlib.parse_xml(data, Node)


# RFC 3986 scheme, then no character RFC 3987 leaves out of IRIs
SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|\\^`\x7f-\x9f]')
# RFC 4288 type/subtype, parameters allowed
TOKEN = r"[A-Za-z0-9!#$&^_.+\-]+"
MEDIA_TYPE = re.compile(TOKEN + "/" + TOKEN + r"(\s*;\s*" + TOKEN + r"=(" + TOKEN + r'|"[^"]*"))*\Z')
NAME_REL = re.compile(r"[^:\s]+\Z")


class Checker(checkerlib.Reporter):
    def date(self, node):
        problem = checkerlib.date_problem(node.text, upper_case=True)
        if problem:
            self.error(node, "atom:%s: %s (RFC 3339, upper-case T and Z, a time zone)"
                       % (node.name, problem))

    def iri_ref(self, node, what, value):
        if NOT_IN_IRI.search(value):
            self.error(node, "%s is not an IRI reference (space or excluded character): %r"
                       % (what, value))

    def iri(self, node, what, value):
        if not SCHEME.match(value):
            self.error(node, "%s is not an IRI (no scheme; relative references are not "
                             "IRIs): %r" % (what, value))
        else:
            self.iri_ref(node, what, value)

    def text_construct(self, node):
        kind = node.attrs.get(("", "type"), "text")
        if kind not in ("text", "html", "xhtml"):
            self.error(node, "atom:%s type must be text, html or xhtml, not %r" % (node.name, kind))

    def links(self, parent):
        seen = set()
        for link in parent.atom("link"):
            rel = link.attrs.get(("", "rel"), "alternate")
            href = link.attrs.get(("", "href"))
            if href is not None:
                self.iri_ref(link, "link href", href)
            if rel == "" or (not NAME_REL.match(rel) and not SCHEME.match(rel)):
                self.error(link, "link rel must be a name or an IRI: %r" % rel)
            elif ":" in rel:
                self.iri(link, "link rel", rel)
            length = link.attrs.get(("", "length"))
            if length is not None and not re.match(r"\d+\Z", length):
                self.error(link, "link length is not a number of octets: %r" % length)
            kind = link.attrs.get(("", "type"))
            if kind is not None and not MEDIA_TYPE.match(kind):
                self.error(link, "link type is not a media type: %r" % kind)
            if rel == "alternate":
                key = (kind, link.attrs.get(("", "hreflang")))
                if key in seen:
                    self.error(link, "a second link rel=\"alternate\" with the same type and "
                                     "hreflang (%s, %s)" % key)
                seen.add(key)

    def content(self, entry):
        content = entry.first("content")
        if content is None:
            return
        kind = content.attrs.get(("", "type"), "text")
        src = content.attrs.get(("", "src"))
        elements = [c for c in content.children]
        if src is not None:
            self.iri_ref(content, "content src", src)
            if content.text.strip() or elements:
                self.error(content, "atom:content with src must be empty")
            if kind in ("text", "html", "xhtml"):
                self.error(content, "atom:content with src needs a media type, not %r" % kind)
            if entry.first("summary") is None:
                self.error(entry, "atom:entry with out-of-line content (src) needs an atom:summary")
            return
        if kind in ("text", "html", "xhtml"):
            return
        if not MEDIA_TYPE.match(kind):
            self.error(content, "atom:content type is not text, html, xhtml or a media type: %r"
                       % kind)
            return
        major = kind.split("/")[0].lower()
        if major in ("multipart", "message"):
            self.error(content, "atom:content type must not be a composite type: %r" % kind)
            return
        base = kind.split(";")[0].strip().lower()
        is_xml = base.endswith("/xml") or base.endswith("+xml")
        if is_xml:
            return
        if elements:
            self.error(content, "atom:content of type %s holds child elements" % kind)
        if major == "text":
            return
        try:
            base64.b64decode("".join(content.text.split()), validate=True)
        except (binascii.Error, ValueError):
            self.error(content, "atom:content of type %s is not base64" % kind)
        if entry.first("summary") is None:
            self.error(entry, "atom:entry with base64 content needs an atom:summary")

    def common(self, node):
        """What every Atom element of node's subtree (not XHTML, not foreign) must obey."""
        if node.ns != ATOM:
            return
        if node.name in ("updated", "published"):
            self.date(node)
        elif node.name in ("title", "subtitle", "summary", "rights"):
            self.text_construct(node)
        elif node.name == "id":
            self.iri(node, "atom:id", node.text)
        elif node.name in ("icon", "logo", "uri"):
            self.iri_ref(node, "atom:" + node.name, node.text)
        elif node.name == "email" and re.search(r"\s", node.text):
            self.error(node, "atom:email is not an e-mail address: %r" % node.text)
        elif node.name == "category" and ("", "scheme") in node.attrs:
            self.iri_ref(node, "category scheme", node.attrs[("", "scheme")])
        elif node.name == "generator" and ("", "uri") in node.attrs:
            self.iri_ref(node, "generator uri", node.attrs[("", "uri")])
        elif node.name in ("feed", "entry", "source"):
            self.links(node)
        for child in node.children:
            if node.name != "content" or node.ns != ATOM:
                self.common(child)

    def entry(self, entry, feed_has_author):
        source = entry.first("source")
        source_author = source is not None and source.first("author") is not None
        if not entry.atom("author") and not feed_has_author and not source_author:
            self.error(entry, "atom:entry has no atom:author, and neither its feed nor its "
                              "atom:source has one")
        alternate = any(l.attrs.get(("", "rel"), "alternate") == "alternate"
                        for l in entry.atom("link"))
        if not alternate and entry.first("content") is None:
            self.error(entry, "atom:entry has neither a link rel=\"alternate\" nor an atom:content")
        self.content(entry)

    def document(self, root):
        if root.ns != ATOM or root.name not in ("feed", "entry"):
            self.error(root, "the root is not atom:feed or atom:entry")
            return
        self.common(root)
        if root.name == "entry":
            self.entry(root, False)
            return
        entries = root.atom("entry")
        has_author = root.first("author") is not None
        if not has_author and not all(e.atom("author") for e in entries):
            self.error(root, "atom:feed has no atom:author, and not every atom:entry has one")
        for entry in entries:
            self.entry(entry, has_author)


def main(argv):
    data = checkerlib.read_file(argv, "atom_rules.py")
    checker = Checker(argv[1])
    try:
        root = parse(data)
    except checkerlib.XMLError as e:
        print("%s:%d: %s" % (argv[1], e.line, e))
        return 1
    checker.document(root)
    return 1 if checker.errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
