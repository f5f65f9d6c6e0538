"""checkerlib.py - what the checkers share: one FILE argument read whole,
Debian packages named when a module is missing (both end the program with
status 2, usage or setup error), and RFC 3339 date-times."""
import calendar
import importlib
import re
import sys

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
