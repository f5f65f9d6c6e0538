/*
 * test_toml.c - the TOML reader (fc_toml_parse), the JSON front-matter
 * reader (fc_fm_parse_json) and the front-matter splitter and dispatcher
 * (fc_fm_split, fc_fm_parse).  Trees are compared as their JSON text
 * (fc_fm_json_text: key order kept, plain scalars typed), so each case
 * also checks that the TOML values type right.  The TOML 1.0 spec's
 * examples: each valid one gives its JSON, each invalid one fails at its
 * line and column.  Then every value kind, escapes, nesting, positions and
 * limits, and the Hugo sites with TOML and JSON front matter converted to
 * RSS.
 */
#include "check.h"
#include "testlib.h"
#include "syntax/frontmatter.h"
#include "syntax/toml.h"

#include <stdlib.h>
#include <string.h>

#ifndef FC_ROOT
#define FC_ROOT "."
#endif

/* text parsed (TOML, or JSON when json) gives the JSON text want. */
static void ok_as(const char *name, const char *text, const char *want, bool json)
{
    struct fc_arena *a = fc_arena_new();
    struct fc_fm_node *root = NULL;
    struct fc_error err = {0};
    enum fc_status st = json ? fc_fm_parse_json(a, text, strlen(text), "t", 0, &root, &err)
                             : fc_toml_parse(a, text, strlen(text), "t", 0, &root, &err);
    if (st != FC_OK) {
        printf("FAIL: %s: status %d: %s:%lu:%lu: %s\n", name, (int)st, err.file, err.line,
               err.column, err.message);
        check_failures++;
    } else {
        CHECK_STR(name, fc_fm_json_text(a, root), want);
    }
    fc_arena_free(a);
}

static void ok(const char *name, const char *text, const char *want)
{
    ok_as(name, text, want, false);
}

/* text fails with code at line:col (0: any column); the message holds
 * what (NULL: anything). */
static void bad_as(const char *name, const char *text, size_t len, enum fc_status code,
                   unsigned long line, unsigned long col, const char *what, bool json)
{
    struct fc_arena *a = fc_arena_new();
    struct fc_fm_node *root = NULL;
    struct fc_error err = {0};
    enum fc_status st = json ? fc_fm_parse_json(a, text, len, "t.toml", 0, &root, &err)
                             : fc_toml_parse(a, text, len, "t.toml", 0, &root, &err);
    if (st == code && err.code == code && err.line == line && (!col || err.column == col) &&
        !strcmp(err.file, "t.toml") && (!what || strstr(err.message, what)) && !root) {
        printf("PASS: %s\n", name);
    } else {
        printf("FAIL: %s: got status %d at %lu:%lu \"%s\", want %d at %lu:%lu \"%s\"\n", name,
               (int)st, err.line, err.column, err.message, (int)code, line, col, what ? what : "");
        check_failures++;
    }
    fc_arena_free(a);
}

static void bad(const char *name, const char *text, unsigned long line, unsigned long col,
                const char *what)
{
    bad_as(name, text, strlen(text), FC_EPARSE, line, col, what, false);
}

/* ---- the spec's examples, section by section ---------------------------- */

static void spec_comments_keys(void)
{
    ok("spec: comments",
       "# This is a full-line comment\nkey = \"value\"  # This is a comment at the end of a "
       "line\nanother = \"# This is not a comment\"\n",
       "{\"key\":\"value\",\"another\":\"# This is not a comment\"}");
    bad("spec: key with no value", "key = # INVALID\n", 1, 7, "expected a value");
    bad("spec: two pairs on a line", "first = \"Tom\" last = \"Preston-Werner\" # INVALID\n", 1, 15,
        "end of the line");
    ok("spec: bare keys",
       "key = \"value\"\nbare_key = \"value\"\nbare-key = \"value\"\n1234 = \"value\"\n",
       "{\"key\":\"value\",\"bare_key\":\"value\",\"bare-key\":\"value\",\"1234\":\"value\"}");
    ok("spec: quoted keys",
       "\"127.0.0.1\" = \"value\"\n\"character encoding\" = "
       "\"value\"\n\"\xca\x8e\xc7\x9d\xca\x9e\" "
       "= \"value\"\n'key2' = \"value\"\n'quoted \"value\"' = \"value\"\n",
       "{\"127.0.0.1\":\"value\",\"character encoding\":\"value\",\"\xca\x8e\xc7\x9d\xca\x9e\":"
       "\"value\",\"key2\":\"value\",\"quoted \\\"value\\\"\":\"value\"}");
    bad("spec: empty bare key", "= \"no key name\"  # INVALID\n", 1, 1, "expected a key");
    ok("spec: empty quoted keys", "\"\" = \"blank\"\n", "{\"\":\"blank\"}");
    ok("spec: empty literal key", "'' = 'blank'\n", "{\"\":\"blank\"}");
    ok("spec: dotted keys",
       "name = \"Orange\"\nphysical.color = \"orange\"\nphysical.shape = \"round\"\n"
       "site.\"google.com\" = true\n",
       "{\"name\":\"Orange\",\"physical\":{\"color\":\"orange\",\"shape\":\"round\"},"
       "\"site\":{\"google.com\":true}}");
    ok("spec: white space around dots",
       "fruit.name = \"banana\"\nfruit. color = \"yellow\"\nfruit . flavor = \"banana\"\n",
       "{\"fruit\":{\"name\":\"banana\",\"color\":\"yellow\",\"flavor\":\"banana\"}}");
    bad("spec: a key defined twice", "name = \"Tom\"\nname = \"Pradyun\"\n", 2, 1,
        "duplicate key 'name'");
    bad("spec: bare and quoted keys are the same",
        "spelling = \"favorite\"\n\"spelling\" = "
        "\"favourite\"\n",
        2, 1, "duplicate key");
    ok("spec: dotted keys make tables", "fruit.apple.smooth = true\nfruit.orange = 2\n",
       "{\"fruit\":{\"apple\":{\"smooth\":true},\"orange\":2}}");
    bad("spec: an integer is no table", "fruit.apple = 1\nfruit.apple.smooth = true\n", 2, 7,
        "holds a value");
    ok("spec: dotted keys out of order",
       "apple.type = \"fruit\"\norange.type = \"fruit\"\napple.skin = \"thin\"\n"
       "orange.skin = \"thick\"\n",
       "{\"apple\":{\"type\":\"fruit\",\"skin\":\"thin\"},\"orange\":{\"type\":\"fruit\","
       "\"skin\":\"thick\"}}");
    ok("spec: digits and a dot are two keys", "3.14159 = \"pi\"\n", "{\"3\":{\"14159\":\"pi\"}}");
}

static void spec_strings(void)
{
    ok("spec: basic string",
       "str = \"I'm a string. \\\"You can quote me\\\". Name\\tJos\\u00E9\\nLocation\\tSF.\"\n",
       "{\"str\":\"I'm a string. \\\"You can quote me\\\". Name\\tJos\xc3\xa9\\nLocation\\tSF.\"}");
    ok("spec: multi-line basic string", "str1 = \"\"\"\nRoses are red\nViolets are blue\"\"\"\n",
       "{\"str1\":\"Roses are red\\nViolets are blue\"}");
    ok("spec: line-ending backslashes",
       "str1 = \"The quick brown fox jumps over the lazy dog.\"\n"
       "str2 = \"\"\"\nThe quick brown \\\n\n\n  fox jumps over \\\n    the lazy dog.\"\"\"\n"
       "str3 = \"\"\"\\\n       The quick brown \\\n       fox jumps over \\\n       the lazy "
       "dog.\\\n       \"\"\"\n",
       "{\"str1\":\"The quick brown fox jumps over the lazy dog.\",\"str2\":\"The quick brown "
       "fox jumps over the lazy dog.\",\"str3\":\"The quick brown fox jumps over the lazy "
       "dog.\"}");
    ok("spec: quotes in multi-line strings",
       "str4 = \"\"\"Here are two quotation marks: \"\". Simple enough.\"\"\"\n"
       "str5 = \"\"\"Here are three quotation marks: \"\"\\\".\"\"\"\n"
       "str6 = \"\"\"Here are fifteen quotation marks: "
       "\"\"\\\"\"\"\\\"\"\"\\\"\"\"\\\"\"\"\\\".\"\"\"\n"
       "str7 = \"\"\"\"This,\" she said, \"is just a pointless statement.\"\"\"\"\n",
       "{\"str4\":\"Here are two quotation marks: \\\"\\\". Simple enough.\",\"str5\":\"Here "
       "are three quotation marks: \\\"\\\"\\\".\",\"str6\":\"Here are fifteen quotation "
       "marks: \\\"\\\"\\\"\\\"\\\"\\\"\\\"\\\"\\\"\\\"\\\"\\\"\\\"\\\"\\\".\",\"str7\":\"\\\"This,"
       "\\\" she said, \\\"is just a pointless statement.\\\"\"}");
    bad("spec: three quotes inside", "str5 = \"\"\"Here are three quotation marks: \"\"\".\"\"\"\n",
        1, 46, "end of the line");
    ok("spec: literal strings",
       "winpath  = 'C:\\Users\\nodejs\\templates'\nwinpath2 = '\\\\ServerX\\admin$\\system32\\'\n"
       "quoted   = 'Tom \"Dubs\" Preston-Werner'\nregex    = '<\\i\\c*\\s*>'\n",
       "{\"winpath\":\"C:\\\\Users\\\\nodejs\\\\templates\",\"winpath2\":\"\\\\\\\\ServerX\\\\"
       "admin$\\\\system32\\\\\",\"quoted\":\"Tom \\\"Dubs\\\" Preston-Werner\",\"regex\":\"<\\\\"
       "i\\\\c*\\\\s*>\"}");
    ok("spec: multi-line literal strings",
       "regex2 = '''I [dw]on't need \\d{2} apples'''\nlines  = '''\nThe first newline is\n"
       "trimmed in raw strings.\n   All other whitespace\n   is preserved.\n'''\n",
       "{\"regex2\":\"I [dw]on't need \\\\d{2} apples\",\"lines\":\"The first newline is\\n"
       "trimmed in raw strings.\\n   All other whitespace\\n   is preserved.\\n\"}");
    ok("spec: quotes in multi-line literal strings",
       "quot15 = '''Here are fifteen quotation marks: \"\"\"\"\"\"\"\"\"\"\"\"\"\"\"'''\n"
       "apos15 = \"Here are fifteen apostrophes: '''''''''''''''\"\n"
       "str = ''''That,' she said, 'is still pointless.''''\n",
       "{\"quot15\":\"Here are fifteen quotation marks: "
       "\\\"\\\"\\\"\\\"\\\"\\\"\\\"\\\"\\\"\\\"\\\"\\\"\\\"\\\"\\\"\",\"apos15\":\"Here are "
       "fifteen apostrophes: '''''''''''''''\",\"str\":\"'That,' she said, 'is still "
       "pointless.'\"}");
    bad("spec: fifteen apostrophes",
        "apos15 = '''Here are fifteen apostrophes: ''''''''''''''''''\n", 1, 43,
        "apostrophes in a row");
}

static void spec_numbers(void)
{
    ok("spec: integers", "int1 = +99\nint2 = 42\nint3 = 0\nint4 = -17\n",
       "{\"int1\":99,\"int2\":42,\"int3\":0,\"int4\":-17}");
    ok("spec: underscores", "int5 = 1_000\nint6 = 5_349_221\nint7 = 53_49_221\nint8 = 1_2_3_4_5\n",
       "{\"int5\":1000,\"int6\":5349221,\"int7\":5349221,\"int8\":12345}");
    ok("spec: hex, octal, binary",
       "hex1 = 0xDEADBEEF\nhex2 = 0xdeadbeef\nhex3 = 0xdead_beef\noct1 = 0o01234567\n"
       "oct2 = 0o755\nbin1 = 0b11010110\n",
       "{\"hex1\":3735928559,\"hex2\":3735928559,\"hex3\":3735928559,\"oct1\":342391,"
       "\"oct2\":493,\"bin1\":214}");
    ok("spec: floats",
       "flt1 = +1.0\nflt2 = 3.1415\nflt3 = -0.01\nflt4 = 5e+22\nflt5 = 1e06\nflt6 = -2E-2\n"
       "flt7 = 6.626e-34\nflt8 = 224_617.445_991_228\n",
       "{\"flt1\":1.0,\"flt2\":3.1415000000000002,\"flt3\":-0.01,\"flt4\":4.9999999999999996e22,"
       "\"flt5\":1000000.0,\"flt6\":-0.02,\"flt7\":6.6259999999999998e-34,"
       "\"flt8\":224617.44599122801}");
    bad("spec: .7", "invalid_float_1 = .7\n", 1, 19, "expected a value");
    bad("spec: 7.", "invalid_float_2 = 7.\n", 1, 19, "invalid number '7.'");
    bad("spec: 3.e+20", "invalid_float_3 = 3.e+20\n", 1, 19, "invalid number");
    ok("spec: signed zeros", "a = -0.0\nb = +0.0\nc = -0\nd = +0\n",
       "{\"a\":-0.0,\"b\":0.0,\"c\":0,\"d\":0}");
    /* JSON has no infinity nor NaN: they stay YAML's words, as strings */
    ok("spec: inf and nan",
       "sf1 = inf\nsf2 = +inf\nsf3 = -inf\nsf4 = nan\nsf5 = +nan\nsf6 = -nan\n",
       "{\"sf1\":\".inf\",\"sf2\":\".inf\",\"sf3\":\"-.inf\",\"sf4\":\".nan\",\"sf5\":\".nan\","
       "\"sf6\":\".nan\"}");
    ok("spec: booleans", "bool1 = true\nbool2 = false\n", "{\"bool1\":true,\"bool2\":false}");
}

static void spec_dates(void)
{
    ok("spec: offset date-times",
       "odt1 = 1979-05-27T07:32:00Z\nodt2 = 1979-05-27T00:32:00-07:00\n"
       "odt3 = 1979-05-27T00:32:00.999999-07:00\nodt4 = 1979-05-27 07:32:00Z\n",
       "{\"odt1\":\"1979-05-27T07:32:00Z\",\"odt2\":\"1979-05-27T00:32:00-07:00\",\"odt3\":"
       "\"1979-05-27T00:32:00.999999-07:00\",\"odt4\":\"1979-05-27T07:32:00Z\"}");
    ok("spec: local date-times", "ldt1 = 1979-05-27T07:32:00\nldt2 = 1979-05-27T00:32:00.999999\n",
       "{\"ldt1\":\"1979-05-27T07:32:00\",\"ldt2\":\"1979-05-27T00:32:00.999999\"}");
    ok("spec: local date", "ld1 = 1979-05-27\n", "{\"ld1\":\"1979-05-27\"}");
    ok("spec: local times", "lt1 = 07:32:00\nlt2 = 00:32:00.999999\n",
       "{\"lt1\":\"07:32:00\",\"lt2\":\"00:32:00.999999\"}");
}

static void spec_arrays_tables(void)
{
    ok("spec: arrays",
       "integers = [ 1, 2, 3 ]\ncolors = [ \"red\", \"yellow\", \"green\" ]\n"
       "nested_arrays_of_ints = [ [ 1, 2 ], [3, 4, 5] ]\n"
       "nested_mixed_array = [ [ 1, 2 ], [\"a\", \"b\", \"c\"] ]\n"
       "string_array = [ \"all\", 'strings', \"\"\"are the same\"\"\", '''type''' ]\n"
       "numbers = [ 0.1, 0.2, 0.5, 1, 2, 5 ]\ncontributors = [\n  \"Foo Bar "
       "<foo@example.com>\",\n  { name = \"Baz Qux\", email = \"bazqux@example.com\", url = "
       "\"https://example.com/bazqux\" }\n]\n",
       "{\"integers\":[1,2,3],\"colors\":[\"red\",\"yellow\",\"green\"],"
       "\"nested_arrays_of_ints\":[[1,2],[3,4,5]],\"nested_mixed_array\":[[1,2],[\"a\",\"b\","
       "\"c\"]],\"string_array\":[\"all\",\"strings\",\"are the same\",\"type\"],\"numbers\":"
       "[0.10000000000000001,0.20000000000000001,0.5,1,2,5],\"contributors\":[\"Foo Bar "
       "<foo@example.com>\",{\"name\":\"Baz Qux\",\"email\":\"bazqux@example.com\",\"url\":"
       "\"https://example.com/bazqux\"}]}");
    ok("spec: arrays over lines",
       "integers2 = [\n  1, 2, 3\n]\n\nintegers3 = [\n  1,\n  2, # "
       "this is ok\n]\n",
       "{\"integers2\":[1,2,3],\"integers3\":[1,2]}");
    ok("spec: tables",
       "[table-1]\nkey1 = \"some string\"\nkey2 = 123\n\n[table-2]\nkey1 = \"another "
       "string\"\nkey2 = 456\n",
       "{\"table-1\":{\"key1\":\"some string\",\"key2\":123},\"table-2\":{\"key1\":\"another "
       "string\",\"key2\":456}}");
    ok("spec: quoted table name", "[dog.\"tater.man\"]\ntype.name = \"pug\"\n",
       "{\"dog\":{\"tater.man\":{\"type\":{\"name\":\"pug\"}}}}");
    ok("spec: white space in headers",
       "[a.b.c]            # this is best practice\n[ d.e.f ]          # same as [d.e.f]\n"
       "[ g .  h  . i ]    # same as [g.h.i]\n[ j . \"\xca\x9e\" . 'l' ]  # same as "
       "[j.\"\xca\x9e\".'l']\n",
       "{\"a\":{\"b\":{\"c\":{}}},\"d\":{\"e\":{\"f\":{}}},\"g\":{\"h\":{\"i\":{}}},\"j\":{"
       "\"\xca\x9e\":{\"l\":{}}}}");
    ok("spec: super-tables made for you",
       "# [x] you\n# [x.y] don't\n# [x.y.z] need these\n"
       "[x.y.z.w] # for this to work\n\n[x] # defining a "
       "super-table afterward is ok\n",
       "{\"x\":{\"y\":{\"z\":{\"w\":{}}}}}");
    bad("spec: a table twice", "[fruit]\napple = \"red\"\n\n[fruit]\norange = \"orange\"\n", 4, 2,
        "defined twice");
    bad("spec: a value then a table",
        "[fruit]\napple = \"red\"\n\n[fruit.apple]\ntexture = "
        "\"smooth\"\n",
        4, 8, "holds a value");
    ok("spec: tables out of order", "[fruit.apple]\n[animal]\n[fruit.orange]\n",
       "{\"fruit\":{\"apple\":{},\"orange\":{}},\"animal\":{}}");
    ok("spec: root table",
       "name = \"Fido\"\nbreed = \"pug\"\n\n[owner]\nname = \"Regina Dogman\"\nmember_since = "
       "1999-08-04\n",
       "{\"name\":\"Fido\",\"breed\":\"pug\",\"owner\":{\"name\":\"Regina Dogman\","
       "\"member_since\":\"1999-08-04\"}}");
    ok("spec: dotted keys define tables",
       "fruit.apple.color = \"red\"\nfruit.apple.taste.sweet = true\n",
       "{\"fruit\":{\"apple\":{\"color\":\"red\",\"taste\":{\"sweet\":true}}}}");
    ok("spec: sub-tables of dotted tables",
       "[fruit]\napple.color = \"red\"\napple.taste.sweet = true\n\n[fruit.apple.texture]\n"
       "smooth = true\n",
       "{\"fruit\":{\"apple\":{\"color\":\"red\",\"taste\":{\"sweet\":true},\"texture\":{"
       "\"smooth\":true}}}}");
    bad("spec: [fruit.apple] after dotted keys",
        "[fruit]\napple.color = \"red\"\napple.taste.sweet = true\n\n[fruit.apple]\n", 5, 8,
        "already defined by dotted keys");
    bad("spec: [fruit.apple.taste] after dotted keys",
        "[fruit]\napple.color = \"red\"\napple.taste.sweet = true\n\n[fruit.apple.taste]\n", 5, 14,
        "already defined by dotted keys");
}

static void spec_inline_aot(void)
{
    ok("spec: inline tables",
       "name = { first = \"Tom\", last = \"Preston-Werner\" }\npoint = { x = 1, y = 2 }\n"
       "animal = { type.name = \"pug\" }\n",
       "{\"name\":{\"first\":\"Tom\",\"last\":\"Preston-Werner\"},\"point\":{\"x\":1,\"y\":2},"
       "\"animal\":{\"type\":{\"name\":\"pug\"}}}");
    bad("spec: extending an inline table",
        "[product]\ntype = { name = \"Nail\" }\ntype.edible = "
        "false  # INVALID\n",
        3, 1, "inline table");
    bad("spec: an inline table over a table",
        "[product]\ntype.name = \"Nail\"\ntype = { edible "
        "= false }  # INVALID\n",
        3, 1, "duplicate key 'type'");
    ok("spec: arrays of tables",
       "[[products]]\nname = \"Hammer\"\nsku = 738594937\n\n[[products]]  # empty table "
       "within the array\n\n[[products]]\nname = \"Nail\"\nsku = 284758393\n\ncolor = "
       "\"gray\"\n",
       "{\"products\":[{\"name\":\"Hammer\",\"sku\":738594937},{},{\"name\":\"Nail\",\"sku\":"
       "284758393,\"color\":\"gray\"}]}");
    ok("spec: nested arrays of tables",
       "[[fruits]]\nname = \"apple\"\n\n[fruits.physical]  # subtable\ncolor = \"red\"\nshape "
       "= \"round\"\n\n[[fruits.varieties]]  # nested array of tables\nname = \"red "
       "delicious\"\n\n[[fruits.varieties]]\nname = \"granny smith\"\n\n\n[[fruits]]\nname = "
       "\"banana\"\n\n[[fruits.varieties]]\nname = \"plantain\"\n",
       "{\"fruits\":[{\"name\":\"apple\",\"physical\":{\"color\":\"red\",\"shape\":\"round\"},"
       "\"varieties\":[{\"name\":\"red delicious\"},{\"name\":\"granny smith\"}]},{\"name\":"
       "\"banana\",\"varieties\":[{\"name\":\"plantain\"}]}]}");
    bad("spec: a parent after its child",
        "[fruit.physical]  # subtable, but to which parent "
        "element should it belong?\ncolor = \"red\"\nshape = "
        "\"round\"\n\n[[fruit]]  # parser must throw an "
        "error\nname = \"apple\"\n",
        5, 3, "not an array of tables");
    bad("spec: appending to a static array", "fruits = []\n\n[[fruits]] # Not allowed\n", 3, 3,
        "static array");
    bad("spec: a table over an array of tables",
        "[[fruits]]\nname = \"apple\"\n\n[[fruits.varieties]]\nname = \"red delicious\"\n\n"
        "# INVALID: This table conflicts with the previous array of tables\n"
        "[fruits.varieties]\nname = \"granny smith\"\n",
        8, 9, "array of tables");
    bad("spec: an array of tables over a table",
        "[[fruits]]\nname = \"apple\"\n\n[fruits.physical]\ncolor = \"red\"\nshape = "
        "\"round\"\n\n# INVALID: This array of tables conflicts with the previous table\n"
        "[[fruits.physical]]\ncolor = \"green\"\n",
        9, 10, "not an array of tables");
    ok("spec: arrays of inline tables",
       "points = [ { x = 1, y = 2, z = 3 },\n           { x = 7, y = 8, z = 9 },\n           { x "
       "= 2, y = 4, z = 8 } ]\n",
       "{\"points\":[{\"x\":1,\"y\":2,\"z\":3},{\"x\":7,\"y\":8,\"z\":9},{\"x\":2,\"y\":4,\"z\":"
       "8}]}");
}

/* ---- our own cases -------------------------------------------------------- */

static void strings_escapes(void)
{
    ok("escapes: all short ones", "s = \"\\b\\t\\n\\f\\r\\\"\\\\\"",
       "{\"s\":\"\\b\\t\\n\\f\\r\\\"\\\\\"}");
    ok("escapes: \\u and \\U", "s = \"\\u00e9\\u20AC\\U0001F600\\U0010FFFF\"",
       "{\"s\":\"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\xf4\x8f\xbf\xbf\"}");
    ok("escapes: \\u0000", "s = \"a\\u0000b\"", "{\"s\":\"a\\u0000b\"}");
    bad("escapes: a surrogate", "s = \"\\uD800\"", 1, 6, "no Unicode scalar value");
    bad("escapes: past U+10FFFF", "s = \"\\U00110000\"", 1, 6, "no Unicode scalar value");
    bad("escapes: short \\u", "s = \"\\u12\"", 1, 6, "4 hexadecimal digits");
    bad("escapes: reserved \\x", "s = \"\\x41\"", 1, 6, "invalid escape");
    bad("escapes: reserved \\e", "a = 1\ns = \"ok \\e\"", 2, 9, "invalid escape");
    bad("escapes: none in literal keys either", "'a\\' = \"\\ \"", 1, 9, "invalid escape");
    ok("multi-line: CRLF becomes LF", "s = \"\"\"\r\none\r\ntwo\"\"\"\r\n",
       "{\"s\":\"one\\ntwo\"}");
    ok("multi-line: backslash with trailing spaces", "s = \"\"\"a \\   \n   b\"\"\"",
       "{\"s\":\"a b\"}");
    ok("multi-line: tab kept", "s = '''a\tb'''", "{\"s\":\"a\\tb\"}");
    ok("multi-line: 1 and 2 quotes before the end", "a = \"\"\"x\"\"\"\"\nb = '''y'''''\n",
       "{\"a\":\"x\\\"\",\"b\":\"y''\"}");
    bad("multi-line: six quotes", "a = \"\"\"x\"\"\"\"\"\"\n", 1, 9, "in a row");
    bad("basic string: newline", "s = \"one\ntwo\"", 1, 9, "newline in a single-line string");
    bad("literal string: newline", "s = 'one\ntwo'", 1, 9, "newline");
    bad("unterminated basic", "a = 1\ns = \"abc", 2, 5, "unterminated string");
    bad("unterminated multi-line at its opening", "s = \"\"\"abc\ndef\n", 1, 5,
        "unterminated string");
    bad("unterminated literal", "s = 'abc", 1, 5, "unterminated");
    bad("control character in a string", "s = \"a\x01\"", 1, 7, "U+0001");
    bad("DEL in a literal string", "s = 'a\x7f'", 1, 7, "U+007F");
    bad("control character in a comment", "a = 1 # x\x02y\n", 1, 10, "U+0002 in a comment");
    bad("lone CR", "a = 1\rb = 2\n", 1, 6, "U+000D");
    bad("CR in a multi-line string", "s = '''a\rb'''", 1, 9, "U+000D");
    bad("invalid UTF-8", "a = 1\nb = \"\xc3\x28\"\n", 2, 6, "invalid UTF-8");
    bad("UTF-8 surrogate", "# \xed\xa0\x80\n", 1, 3, "invalid UTF-8");
    bad("multi-line key", "\"\"\"k\"\"\" = 1", 1, 1, "cannot be a key");
    ok("columns count characters", "\"\xc3\xa9\" = 1", "{\"\xc3\xa9\":1}");
    bad("columns count characters (error)", "'\xc3\xa9\xc3\xa9' = = 1", 1, 8, "expected a value");
    ok("BOM skipped",
       "\xef\xbb\xbf"
       "a = 1",
       "{\"a\":1}");
}

static void numbers(void)
{
    ok("int64 bounds", "a = 9223372036854775807\nb = -9223372036854775808\n",
       "{\"a\":9223372036854775807,\"b\":-9223372036854775808}");
    bad("past int64", "a = 9223372036854775808", 1, 5, "64-bit range");
    bad("past -int64", "a = -9223372036854775809", 1, 5, "64-bit range");
    ok("hex bound", "a = 0x7FFFFFFFFFFFFFFF\nb = 0o777777777777777777777\nc = 0b0\n",
       "{\"a\":9223372036854775807,\"b\":9223372036854775807,\"c\":0}");
    bad("hex past int64", "a = 0x8000000000000000", 1, 5, "64-bit range");
    bad("leading zero", "a = 012", 1, 5, "invalid number");
    bad("leading zero with underscore", "a = 0_1", 1, 5, "invalid number");
    bad("double underscore", "a = 1__2", 1, 5, "invalid number");
    bad("trailing underscore", "a = 12_", 1, 5, "invalid number");
    bad("leading underscore", "a = _12", 1, 5, "expected a value");
    bad("underscore after prefix", "a = 0x_1f", 1, 5, "invalid number");
    bad("sign on hex", "a = +0x1f", 1, 5, "invalid number");
    bad("capital prefix", "a = 0X1f", 1, 5, "invalid number");
    bad("octal digit 8", "a = 0o8", 1, 5, "invalid number");
    bad("underscore by the dot", "a = 1_.5", 1, 5, "invalid number");
    bad("exponent without digits", "a = 1e", 1, 5, "invalid number");
    bad("leading zero in a float", "a = 03.14", 1, 5, "invalid number");
    bad("capital INF", "a = Inf", 1, 5, "expected a value");
    bad("capital TRUE", "a = TRUE", 1, 5, "expected a value");
    ok("exponent with leading zeros and underscores", "a = 1e0_1\nb = 1.5E-0_0\n",
       "{\"a\":10.0,\"b\":1.5}");
    ok("float canon", "a = 1e300\nb = 1e400\nc = 0.1\nd = 1_000.0\n",
       "{\"a\":1.0000000000000001e300,\"b\":\".inf\",\"c\":0.10000000000000001,\"d\":1000.0}");
}

static void dates(void)
{
    ok("lower-case t and z", "a = 1979-05-27t07:32:00z", "{\"a\":\"1979-05-27T07:32:00Z\"}");
    ok("leap day and leap second", "a = 2024-02-29\nb = 23:59:60\n",
       "{\"a\":\"2024-02-29\",\"b\":\"23:59:60\"}");
    ok("space date-time then a comment", "a = 1979-05-27 # c\nb = [1979-05-27 07:32:00, 1]",
       "{\"a\":\"1979-05-27\",\"b\":[\"1979-05-27T07:32:00\",1]}");
    bad("not a leap year", "a = 2023-02-29", 1, 5, "invalid date");
    bad("month 13", "a = 2023-13-01", 1, 5, "invalid date");
    bad("hour 24", "a = 2023-01-01T24:00:00", 1, 5, "invalid date");
    bad("no seconds", "a = 07:32", 1, 5, "invalid date or time");
    bad("an offset on a time", "a = 07:32:00Z", 1, 5, "invalid date or time");
    bad("a fraction without digits", "a = 07:32:00.", 1, 5, "invalid date or time");
    bad("one-digit day", "a = 1979-05-7", 1, 5, "invalid date");
    bad("bad offset", "a = 1979-05-27T07:32:00+7:00", 1, 5, "invalid date");
}

static void tables(void)
{
    ok("document order of first definition", "z = 1\n[b.c]\nx = 1\n[a]\ny = 2\n[b]\nw = 3\n",
       "{\"z\":1,\"b\":{\"c\":{\"x\":1},\"w\":3},\"a\":{\"y\":2}}");
    ok("empty document", "", "{}");
    ok("only comments", "# a\n\n   # b\n", "{}");
    ok("dotted keys into an implicit table", "[a.b.c]\n[a]\nb.d = 1\n",
       "{\"a\":{\"b\":{\"c\":{},\"d\":1}}}");
    bad("dotted keys into a header table", "[a.b.c]\nz = 9\n[a]\nb.c.t = 1\n", 4, 3,
        "already defined");
    bad("dotted keys into a deeper header table", "[a.b.c.d]\nz = 9\n[a]\nb.c.d.k.t = 1\n", 4, 5,
        "already defined");
    bad("header after dotted keys from an implicit table", "[a.b.c]\n[a]\nb.d = 1\n[a.b]\n", 4, 4,
        "dotted keys");
    bad("dotted keys into an array of tables", "[[a.b]]\n[a]\nb.c = 1\n", 3, 1, "an array");
    bad("dotted keys through an array", "a = [1]\na.b = 2\n", 2, 1, "an array");
    bad("header through an inline table", "a = {b = 1}\n[a.c]\n", 2, 2, "inline table");
    bad("header on an inline table", "a = {}\n[a]\n", 2, 2, "inline table");
    bad("array of tables over a value", "a = 1\n[[a]]\n", 2, 3, "holds a value");
    bad("header through a value", "a = 1\n[a.b]\n", 2, 2, "holds a value");
    ok("header through an array of tables", "[[a]]\nx = 1\n[[a]]\n[a.b]\ny = 2\n",
       "{\"a\":[{\"x\":1},{\"b\":{\"y\":2}}]}");
    ok("sub-table per element", "[[a]]\n[a.b]\n[[a]]\n[a.b]\n", "{\"a\":[{\"b\":{}},{\"b\":{}}]}");
    bad("[[a] ]", "[[a] ]\n", 1, 4, "']]'");
    bad("[ [a]]", "[ [a]]\n", 1, 3, "expected a key");
    bad("empty header", "[]\n", 1, 2, "expected a key");
    bad("text after a header", "[a] b = 1\n", 1, 5, "end of the line");
    bad("unclosed header", "[a\nb = 1\n", 1, 3, "']'");
    bad("double dot", "a..b = 1", 1, 3, "expected a key");
    bad("trailing dot", "a. = 1", 1, 4, "expected a key");
    bad("no equals", "a 1", 1, 3, "'='");
    bad("nothing after equals", "a =", 1, 4, "expected a value");
    ok("inline: nested and empty", "a = { b = { c = [ {}, { d = 1 } ] }, e = {} }",
       "{\"a\":{\"b\":{\"c\":[{},{\"d\":1}]},\"e\":{}}}");
    ok("inline: multi-line values inside", "a = { b = \"\"\"x\ny\"\"\", c = [\n1,\n] }",
       "{\"a\":{\"b\":\"x\\ny\",\"c\":[1]}}");
    bad("inline: trailing comma", "a = { b = 1, }", 1, 14, "trailing comma");
    bad("inline: newline", "a = { b = 1\n}", 1, 12, "',' or '}'");
    bad("inline: newline first", "a = {\nb = 1 }", 1, 6, "expected a key");
    bad("inline: duplicate", "a = { b = 1, b = 2 }", 1, 14, "duplicate key 'b'");
    bad("inline: dotted then inline", "a = { b.c = 1, b = {} }", 1, 16, "duplicate key");
    bad("inline: inline then dotted", "a = { b = {}, b.c = 1 }", 1, 15, "inline table");
    ok("inline: dotted keys share a table", "a = { b.c = 1, b.d = 2 }",
       "{\"a\":{\"b\":{\"c\":1,\"d\":2}}}");
    bad("array: missing comma", "a = [1 2]", 1, 8, "',' or ']'");
    bad("array: two commas", "a = [1,,2]", 1, 8, "expected a value");
    bad("array: leading comma", "a = [,]", 1, 6, "expected a value");
    bad("array: unclosed", "a = [1,\n2\n", 3, 1, "',' or ']'");
    ok("array: comments and newlines", "a = [ # c\n\n 1 # d\n , # e\n 2, ]", "{\"a\":[1,2]}");
    ok("long keys and values", "k = 'x'\n\"a b\".'c\"d'.e-f_g = 1",
       "{\"k\":\"x\",\"a b\":{"
       "\"c\\\"d\":{\"e-f_g\":1}}}");
    ok("keys that look like values", "true = 1\ninf = 2\n1979-05-27 = 3\n0x10 = 4\n",
       "{\"true\":1,\"inf\":2,\"1979-05-27\":3,\"0x10\":4}");
}

/* Lines and columns of the nodes, and line_offset. */
static void positions(void)
{
    const char *text = "a = 1\n[t]\n  k = \"\"\"\nx\"\"\"\n  arr = [\n    true ]\n";
    struct fc_arena *a = fc_arena_new();
    struct fc_fm_node *root = NULL;
    struct fc_error err = {0};
    CHECK_INT("positions: parses", fc_toml_parse(a, text, strlen(text), "t", 10, &root, &err),
              FC_OK);
    if (root && root->n == 4) {
        CHECK_INT("positions: root line", root->line, 11);
        CHECK_INT("positions: key a", root->kids[0]->line * 100 + root->kids[0]->column, 1101);
        CHECK_INT("positions: value 1", root->kids[1]->line * 100 + root->kids[1]->column, 1105);
        const struct fc_fm_node *t = root->kids[3];
        CHECK_INT("positions: table t", t->line * 100 + t->column, 1202);
        const struct fc_fm_node *k = fc_fm_get(t, "k");
        CHECK_INT("positions: multi-line string where it opens", k ? k->line * 100 + k->column : 0,
                  1307);
        const struct fc_fm_node *arr = fc_fm_get(t, "arr");
        CHECK_INT("positions: array", arr ? arr->line * 100 + arr->column : 0, 1509);
        CHECK_INT("positions: item",
                  arr && arr->n ? arr->kids[0]->line * 100 + arr->kids[0]->column : 0, 1605);
        CHECK("positions: string is quoted, true plain",
              k && !k->plain && arr && arr->n && arr->kids[0]->plain);
        CHECK_INT("positions: bool", fc_fm_bool(arr && arr->n ? arr->kids[0] : NULL), 1);
    } else {
        CHECK("positions: four kids", false);
    }
    fc_arena_free(a);
    bad_as("positions: error with line_offset", "a = 1\nb = ?", 11, FC_EPARSE, 2, 5, NULL, false);
}

/* Deep nesting, huge inputs, NUL bytes. */
static void limits(void)
{
    struct fc_buf b;
    fc_buf_init(&b);
    fc_buf_puts(&b, "a = ");
    for (int i = 0; i < 63; i++)
        fc_buf_putc(&b, '[');
    for (int i = 0; i < 63; i++)
        fc_buf_putc(&b, ']');
    struct fc_arena *a = fc_arena_new();
    struct fc_fm_node *root = NULL;
    struct fc_error err = {0};
    CHECK_INT("limits: 64 levels", fc_toml_parse(a, b.data, b.len, "t", 0, &root, &err), FC_OK);
    fc_buf_reset(&b);
    fc_buf_puts(&b, "a = ");
    for (int i = 0; i < 100000; i++)
        fc_buf_putc(&b, '[');
    bad_as("limits: deep arrays", fc_buf_cstr(&b), b.len, FC_ELIMIT, 1, 68, "nested too deeply",
           false);
    fc_buf_reset(&b);
    fc_buf_puts(&b, "a = ");
    for (int i = 0; i < 100000; i++)
        fc_buf_puts(&b, "{b=");
    bad_as("limits: deep inline tables", fc_buf_cstr(&b), b.len, FC_ELIMIT, 1, 0, "nested", false);
    fc_buf_reset(&b);
    fc_buf_putc(&b, '[');
    for (int i = 0; i < 70; i++)
        fc_buf_puts(&b, "a.");
    fc_buf_puts(&b, "a]");
    bad_as("limits: deep header", fc_buf_cstr(&b), b.len, FC_ELIMIT, 1, 0, "nested", false);
    fc_buf_reset(&b);
    for (int i = 0; i < 70; i++)
        fc_buf_puts(&b, "a.");
    fc_buf_puts(&b, "a = 1");
    bad_as("limits: deep dotted key", fc_buf_cstr(&b), b.len, FC_ELIMIT, 1, 0, "nested", false);
    /* 200,000 keys in one table and 200,000 tables: the key index keeps
     * it linear */
    fc_buf_reset(&b);
    for (int i = 0; i < 200000; i++)
        fc_buf_printf(&b, "k%d = %d\n", i, i);
    for (int i = 0; i < 200000; i++)
        fc_buf_printf(&b, "[t%d]\n", i);
    fc_buf_printf(&b, "[t7]\n");
    bad_as("limits: huge document, duplicate at its end", fc_buf_cstr(&b), b.len, FC_EPARSE, 400001,
           2, "defined twice", false);
    b.len -= 5;
    fc_arena_free(a);
    a = fc_arena_new();
    root = NULL;
    CHECK_INT("limits: huge document", fc_toml_parse(a, b.data, b.len, "t", 0, &root, &err), FC_OK);
    CHECK_INT("limits: huge document's keys", root ? root->n : 0, 800000);
    CHECK_STR("limits: a key deep in it", fc_fm_str(fc_fm_get(root, "k123456")), "123456");
    fc_arena_free(a);
    bad_as("limits: NUL byte", "a = 1\0", 6, FC_EPARSE, 1, 6, "U+0000", false);
    bad_as("limits: NUL in a string", "a = \"\0\"", 7, FC_EPARSE, 1, 6, "U+0000", false);
    fc_buf_free(&b);
}

/* ---- JSON front matter, the splitter and the dispatcher ----------------- */

static void json_reader(void)
{
    ok_as("json: values",
          "{\"s\": \"a\\u00e9\\ud83d\\ude00\\/\\n\", \"i\": -12, \"f\": 1.5e3, \"t\": true, \"n\": "
          "null, \"a\": [1, [], {}], \"big\": 12345678901234567890}",
          "{\"s\":\"a\xc3\xa9\xf0\x9f\x98\x80/\\n\",\"i\":-12,\"f\":1500.0,\"t\":true,\"n\":null,"
          "\"a\":[1,[],{}],\"big\":1.2345678901234567e19}",
          true);
    ok_as("json: repeated key keeps the last value", "{\"a\": 1, \"b\": 2, \"a\": 3}",
          "{\"a\":3,\"b\":2}", true);
    bad_as("json: trailing comma", "{\"a\": 1,\n}", 10, FC_EPARSE, 2, 1, "expected a string", true);
    bad_as("json: lone surrogate", "{\"a\": \"\\ud800\"}", 15, FC_EPARSE, 1, 0, "surrogate", true);
    bad_as("json: leading zero", "[01]", 4, FC_EPARSE, 1, 2, "invalid number", true);
    bad_as("json: text after", "{} x", 4, FC_EPARSE, 1, 4, "text after", true);
    bad_as("json: unterminated", "{\"a\": \"b", 8, FC_EPARSE, 1, 0, "unterminated", true);
    bad_as("json: control character", "[\"\t\"]", 5, FC_EPARSE, 1, 3, "control character", true);
    bad_as("json: overflow", "[1e999]", 7, FC_EPARSE, 1, 2, "out of range", true);
    struct fc_buf b;
    fc_buf_init(&b);
    for (int i = 0; i < 1000; i++)
        fc_buf_putc(&b, '[');
    bad_as("json: deep", fc_buf_cstr(&b), b.len, FC_ELIMIT, 1, 0, "nested too deeply", true);
    fc_buf_free(&b);
}

static void split_case(const char *name, const char *text, enum fc_fm_syntax want,
                       const char *want_fm, const char *want_body)
{
    const char *fm = NULL, *body = NULL;
    size_t fmlen = 0;
    enum fc_fm_syntax syn = fc_fm_split(text, strlen(text), &fm, &fmlen, &body);
    char got[256];
    snprintf(got, sizeof got, "%d [%.*s] [%s]", (int)syn, syn ? (int)fmlen : 0, syn ? fm : "",
             syn ? body : "");
    char exp[256];
    snprintf(exp, sizeof exp, "%d [%s] [%s]", (int)want, want_fm, want_body);
    CHECK_STR(name, got, exp);
}

static void splitter(void)
{
    split_case("split: YAML", "---\na: 1\n---\nbody", FC_FM_YAML, "a: 1\n", "body");
    split_case("split: YAML ends with ...", "---\na: 1\n...\nbody", FC_FM_YAML, "a: 1\n", "body");
    split_case("split: TOML", "+++\na = 1\n+++\nbody", FC_FM_TOML, "a = 1\n", "body");
    split_case("split: TOML with CRLF and spaces", "+++ \r\na = 1\r\n+++\t\r\nbody", FC_FM_TOML,
               "a = 1\r\n", "body");
    split_case("split: TOML does not end at ---", "+++\na = 1\n---\n", FC_FM_TOML, "a = 1\n---\n",
               "");
    split_case("split: BOM", "\xef\xbb\xbf+++\n+++\nb", FC_FM_TOML, "", "b");
    split_case("split: JSON", "{\"a\": \"}{\\\"\", \"b\": {}}\nbody\n", FC_FM_JSON,
               "{\"a\": \"}{\\\"\", \"b\": {}}", "body\n");
    split_case("split: JSON CRLF", "{}\r\n\r\nbody", FC_FM_JSON, "{}", "\r\nbody");
    split_case("split: JSON unterminated", "{\"a\": {", FC_FM_JSON, "{\"a\": {", "");
    split_case("split: a shortcode is no JSON", "{{< figure >}}\n", FC_FM_NONE, "", "");
    split_case("split: a Liquid tag is no JSON", "{% raw %}\n", FC_FM_NONE, "", "");
    split_case("split: empty JSON object", "{ }\nb", FC_FM_JSON, "{ }", "b");
    split_case("split: ++++ is no fence", "++++\na\n", FC_FM_NONE, "", "");
    split_case("split: none", "# Title\n", FC_FM_NONE, "", "");
    CHECK_INT("split: line offsets",
              fc_fm_line_offset(FC_FM_TOML) * 10 + fc_fm_line_offset(FC_FM_JSON), 10);
    struct fc_arena *a = fc_arena_new();
    struct fc_fm_node *root = NULL;
    struct fc_error err = {0};
    const char *md = "+++\ntitle = \"T\"\ndate = 2024-01-02T03:04:05+01:00\n+++\nbody";
    const char *fm, *body;
    size_t fmlen;
    enum fc_fm_syntax syn = fc_fm_split(md, strlen(md), &fm, &fmlen, &body);
    CHECK_INT("dispatch: TOML",
              fc_fm_parse(a, syn, fm, fmlen, "p.md", fc_fm_line_offset(syn), &root, &err), FC_OK);
    const struct fc_fm_node *d = fc_fm_get(root, "date");
    CHECK_INT("dispatch: TOML line numbers in the file", d ? d->line : 0, 3);
    struct fc_time t;
    CHECK("dispatch: TOML date-time reads as a time",
          fc_time_parse(fc_fm_str(d), &t) == FC_OK && t.offset == 60);
    const char *bad_md = "{\n\"title\": 1,\n\"x\": ?}\nbody";
    syn = fc_fm_split(bad_md, strlen(bad_md), &fm, &fmlen, &body);
    CHECK_INT("dispatch: JSON error",
              fc_fm_parse(a, syn, fm, fmlen, "p.md", fc_fm_line_offset(syn), &root, &err),
              FC_EPARSE);
    CHECK_INT("dispatch: JSON error line in the file", err.line * 100 + err.column, 306);
    CHECK_INT("dispatch: none", fc_fm_parse(a, FC_FM_NONE, "", 0, "p", 0, &root, &err), FC_OK);
    CHECK("dispatch: none gives no tree", root == NULL);
    fc_arena_free(a);
}

/* ---- the Hugo fixtures as RSS --------------------------------------------- */

struct warns {
    int n;
};

/* Counts the warnings about the site's files (not the RSS writer's). */
static void on_warn(void *ctx, const struct fc_error *w)
{
    struct warns *ws = ctx;
    ws->n += strstr(w->file, ".md") || strstr(w->file, ".toml") || strstr(w->file, ".yaml");
    printf("# warning: %s:%lu:%lu: %s\n", w->file, w->line, w->column, w->message);
}

/* A site read and written as RSS (malloc'd), NULL on failure. */
static char *site_rss(const char *dir, struct warns *ws)
{
    struct fc_options opt;
    fc_options_init(&opt);
    opt.warn = on_warn;
    opt.warn_ctx = ws;
    struct fc_feed *f = NULL;
    struct fc_error err = {0};
    char *out = NULL;
    if (tl_read_path(dir, NULL, &opt, &f, &err) == FC_OK)
        out = tl_write_mem(f, fc_format_find("rss"), &opt, NULL, NULL);
    else
        printf("# %s:%lu:%lu: %s\n", err.file, err.line, err.column, err.message);
    fc_feed_free(f);
    return out;
}

static void sites(void)
{
    struct warns ws = {0};
    char *rss = site_rss(FC_ROOT "/fixtures/md-hugo-toml", &ws);
    CHECK("hugo toml: converts", rss != NULL);
    if (rss) {
        CHECK("hugo toml: site title from hugo.toml",
              strstr(rss, "<title>Harbour Notes</title>") != NULL);
        CHECK("hugo toml: site description from [params]",
              strstr(rss, "<description>Boats, tides and the people on the quay</description>"));
        CHECK("hugo toml: post title", strstr(rss, "<title>Spring tides</title>") != NULL);
        CHECK("hugo toml: post date with its offset",
              strstr(rss, "<pubDate>Sat, 02 Mar 2024 06:15:00 +0100</pubDate>") != NULL);
        CHECK("hugo toml: tags", strstr(rss, "<category>tides</category>") &&
                                     strstr(rss, "<category>moon</category>"));
        CHECK("hugo toml: multi-line summary", strstr(rss, "The moon pulls") != NULL);
        CHECK("hugo toml: local date",
              strstr(rss, "<title>Winter mooring</title>") && strstr(rss, "Fri, 05 Jan 2024"));
        CHECK("hugo toml: draft left out", strstr(rss, "Unfinished") == NULL);
        CHECK("hugo toml: link from baseURL",
              strstr(rss, "https://harbour.example/posts/spring-tides/") != NULL);
    }
    free(rss);
    CHECK_INT("hugo toml: no warnings about its files", ws.n, 0);
    ws = (struct warns){0};
    rss = site_rss(FC_ROOT "/fixtures/md-hugo-json-front-matter", &ws);
    CHECK("hugo json: converts", rss != NULL);
    if (rss) {
        CHECK("hugo json: post title", strstr(rss, "<title>Lighthouse keepers</title>") != NULL);
        CHECK("hugo json: date", strstr(rss, "<pubDate>Mon, 11 Mar 2024 20:00:00 +0000</pubDate>"));
        CHECK("hugo json: tags", strstr(rss, "<category>lights</category>") &&
                                     strstr(rss, "<category>history</category>"));
        CHECK("hugo json: body after the object", strstr(rss, "The lamp was lit at dusk") != NULL);
        CHECK("hugo json: YAML post beside it", strstr(rss, "<title>Fog signals</title>") != NULL);
        CHECK("hugo json: TOML post beside it", strstr(rss, "<title>Buoys</title>") != NULL);
    }
    free(rss);
    CHECK_INT("hugo json: no warnings about its files", ws.n, 0);
}

/* JSON text as TOML (toml_emit.c) gives want, and reads back as the
 * JSON text back (NULL: the input itself). */
static void emit_case(const char *name, const char *json, const char *want, const char *back)
{
    json_error_t je;
    json_t *v = json_loads(json, 0, &je);
    struct fc_buf b;
    fc_buf_init(&b);
    char n[200];
    snprintf(n, sizeof n, "toml emit: %s: emitted", name);
    CHECK(n, v && fc_toml_emit(v, &b));
    snprintf(n, sizeof n, "toml emit: %s", name);
    CHECK_STR(n, fc_buf_cstr(&b), want);
    snprintf(n, sizeof n, "toml emit: %s: reads back", name);
    ok(n, fc_buf_cstr(&b), back ? back : json);
    fc_buf_free(&b);
    json_decref(v);
}

static void emitter(void)
{
    emit_case("scalars",
              "{\"title\":\"a \\\"q\\\" \\\\ b\\n\\u0001\",\"n\":3,\"f\":1.5,\"t\":true}",
              "title = \"a \\\"q\\\" \\\\ b\\n\\u0001\"\nn = 3\nf = 1.5\nt = true\n", NULL);
    emit_case("keys quoted when they must be", "{\"a b\":\"x\",\"\":1,\"k-_1\":2}",
              "\"a b\" = \"x\"\n\"\" = 1\nk-_1 = 2\n", NULL);
    emit_case("tables after the table's keys",
              "{\"extra\":{\"a\":1},\"title\":\"t\","
              "\"taxonomies\":{\"tags\":[\"x\",\"y\"]}}",
              "title = \"t\"\n\n[extra]\na = 1\n\n[taxonomies]\ntags = [\"x\", \"y\"]\n",
              "{\"title\":\"t\",\"extra\":{\"a\":1},\"taxonomies\":{\"tags\":[\"x\",\"y\"]}}");
    emit_case("nested tables and inline ones", "{\"a\":{\"b\":{\"c\":1},\"l\":[{\"x\":1},{}]}}",
              "\n[a]\nl = [{ x = 1 }, {}]\n\n[a.b]\nc = 1\n",
              "{\"a\":{\"l\":[{\"x\":1},{}],\"b\":{\"c\":1}}}");
    emit_case("null left out", "{\"a\":null,\"b\":[null,1]}", "b = [1]\n", "{\"b\":[1]}");
    emit_case("a float stays a float", "{\"f\":2.0}", "f = 2.0\n", NULL);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    spec_comments_keys();
    spec_strings();
    spec_numbers();
    spec_dates();
    spec_arrays_tables();
    spec_inline_aot();
    strings_escapes();
    numbers();
    dates();
    tables();
    positions();
    limits();
    json_reader();
    splitter();
    sites();
    emitter();
    return CHECK_DONE();
}
