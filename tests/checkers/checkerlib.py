"""checkerlib.py - what the checkers share: one FILE argument read whole,
Debian packages named when a module is missing (both end the program with
status 2, usage or setup error), RFC 3339 date-times, and an XML document
as a tree of Nodes (expat, namespaces resolved, line numbers kept)."""
import calendar
import importlib
import re
import sys
import xml.parsers.expat

# RFC 3339 section 5.6 date-time; ABNF is case-insensitive ("t", "z")
DATE_TIME = re.compile(
    r"(\d{4})-(\d\d)-(\d\d)[Tt](\d\d):(\d\d):(\d\d)(\.\d+)?([Zz]|[+-](\d\d):(\d\d))\Z")


def read_file(argv, name):
    """The bytes of the one FILE argument; exit 2 on misuse or a read error."""
    if len(argv) != 2 or argv[1].startswith("-"):
        print("usage: %s FILE" % name, file=sys.stderr)
        sys.exit(2)
    try:
        with open(argv[1], "rb") as f:
            return f.read()
    except OSError as e:
        print("%s: %s: %s" % (name, argv[1], e.strerror), file=sys.stderr)
        sys.exit(2)


def need(name, module, package):
    """Import module; exit 2 naming the Debian package when it is missing."""
    try:
        return importlib.import_module(module)
    except ImportError:
        print("%s: %s is not installed (Debian package %s)" % (name, module, package),
              file=sys.stderr)
        sys.exit(2)


def date_problem(value, upper_case=False):
    """None when value is an RFC 3339 date-time whose fields are in range
    (section 5.7: the day exists in its month, second up to 60, offset up to
    23:59), else what is wrong.  upper_case: "T" and "Z" must be upper case
    (RFC 4287 3.3)."""
    m = DATE_TIME.match(value)
    if not m or (upper_case and (value[10] != "T" or value.endswith("z"))):
        return "not an RFC 3339 date-time: %r" % value
    year, month, day, hour, minute, second = (int(m.group(i)) for i in range(1, 7))
    if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(year, month)[1]:
        return "no such day: %r" % value
    if hour > 23 or minute > 59 or second > 60:
        return "time out of range: %r" % value
    if m.group(9) and (int(m.group(9)) > 23 or int(m.group(10)) > 59):
        return "offset out of range: %r" % value
    return None


class Node:
    """An element: namespace ("" for none), local name, attributes keyed
    (namespace, name), children, text (its own character data, CDATA
    included), the line it starts on and the namespace prefixes it
    declares (prefix -> URI)."""

    def __init__(self, ns, name, attrs, line, declared):
        self.ns, self.name, self.attrs, self.line = ns, name, attrs, line
        self.declared = declared
        self.children = []
        self.text = ""

    def kids(self, ns, name=None):
        """The children in namespace ns (named name, when given)."""
        return [c for c in self.children if c.ns == ns and (name is None or c.name == name)]

    def kid(self, ns, name):
        """The first child ns:name, or None."""
        found = self.kids(ns, name)
        return found[0] if found else None

    def attr(self, name, ns=""):
        return self.attrs.get((ns, name))


def _split(qname):
    ns, _, local = qname.rpartition(" ")
    return ns, local


class XMLError(Exception):
    """The document is not well-formed XML, or expands past TEXT_MAX."""

    def __init__(self, line, message):
        Exception.__init__(self, message)
        self.line = line


# Character data a feed's checker reads at most: entity expansion (a
# "billion laughs" document) ends the check instead of the machine.
TEXT_MAX = 64 << 20


def parse_xml(data, node_class=Node):
    """The document's root as a node_class tree; XMLError when it is not
    well-formed or holds more than TEXT_MAX characters of text."""
    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    stack, chunks, root, pending = [], [], [], {}
    total = [0]

    def start_ns(prefix, uri):
        pending[prefix or ""] = uri

    def start(qname, attrs):
        ns, local = _split(qname)
        node = node_class(ns, local, {_split(k): v for k, v in attrs.items()},
                          parser.CurrentLineNumber, dict(pending))
        pending.clear()
        (stack[-1].children if stack else root).append(node)
        stack.append(node)
        chunks.append([])

    def end(_qname):
        stack.pop().text = "".join(chunks.pop())

    def chars(text):
        total[0] += len(text)
        if total[0] > TEXT_MAX:
            raise XMLError(parser.CurrentLineNumber, "more than %d MB of text (entities "
                           "expanding?)" % (TEXT_MAX >> 20))
        if chunks:
            chunks[-1].append(text)

    parser.StartNamespaceDeclHandler = start_ns
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    try:
        parser.Parse(data, True)
    except xml.parsers.expat.ExpatError as e:
        raise XMLError(e.lineno, "not well-formed XML: %s" % e) from None
    return root[0]


class Reporter:
    """What a rules checker shares: errors as PATH:LINE: message, counted."""

    def __init__(self, path):
        self.path = path
        self.errors = 0

    def error(self, node, message):
        print("%s:%d: %s" % (self.path, node.line, message))
        self.errors += 1
