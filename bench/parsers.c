/*
 * parsers.c - how fast can libxml2 walk a feed, set up each way the
 * issue names ("libxml2 SAX2 or xmlTextReader + xmlTextReaderExpand per
 * item: measure which is faster").  No feedconv code: this is the floor
 * under any reader built on libxml2.
 *
 *   parsers FILE [REPS]      prints one line per mode, best of REPS (3)
 *
 * Modes (options as in src/syntax/xml_read.c: NONET | NOCDATA | BIG_LINES,
 * 64 KiB reads):
 *   reader        xmlTextReaderRead over every node (what xmllint --stream does)
 *   reader+expand the same, but each <item>/<entry> is built with
 *                 xmlTextReaderExpand and skipped with xmlTextReaderNext
 *                 (what feedconv's RSS and Atom readers do)
 *   sax2          push parser, SAX2 callbacks that do nothing (no tree)
 *   sax2+text     push parser, SAX2 callbacks that copy every text run into
 *                 a reused buffer (the least a SAX reader must do)
 *   sax2+tree     push parser with libxml2's own SAX2 tree builder, each
 *                 <item>/<entry> freed when it ends (what feedconv's RSS
 *                 and Atom readers do since xmlTextReader was dropped: the
 *                 reader pushes 512 bytes per parse call, this 64 KiB)
 */
#define _POSIX_C_SOURCE 200809L
#include <fcntl.h>
#include <stdbool.h>
#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define CHUNK (64 * 1024)
#define OPTS (XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES)

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int io_read(void *ctx, char *buf, int len)
{
    ssize_t n = read(*(int *)ctx, buf, (size_t)len);
    return n < 0 ? -1 : (int)n;
}

static int io_close(void *ctx)
{
    (void)ctx;
    return 0;
}

static long run_reader(int fd, int expand)
{
    xmlTextReaderPtr r = xmlReaderForIO(io_read, io_close, &fd, NULL, NULL, OPTS);
    if (!r)
        return -1;
    long items = 0;
    int ret = xmlTextReaderRead(r);
    while (ret == 1) {
        if (expand && xmlTextReaderNodeType(r) == XML_READER_TYPE_ELEMENT &&
            xmlTextReaderDepth(r) <= 2) {
            const xmlChar *name = xmlTextReaderConstLocalName(r);
            if (name &&
                (xmlStrEqual(name, BAD_CAST "item") || xmlStrEqual(name, BAD_CAST "entry"))) {
                if (!xmlTextReaderExpand(r)) {
                    ret = -1;
                    break;
                }
                items++;
                ret = xmlTextReaderNext(r);
                continue;
            }
        }
        ret = xmlTextReaderRead(r);
    }
    xmlFreeTextReader(r);
    return ret < 0 ? -1 : items;
}

struct sax {
    long items;
    char *text;
    size_t len, cap;
};

static void s_start(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri,
                    int nns, const xmlChar **ns, int natt, int ndef, const xmlChar **att)
{
    struct sax *s = ctx;
    (void)prefix, (void)uri, (void)nns, (void)ns, (void)natt, (void)ndef, (void)att;
    if (local[0] == 'i' && xmlStrEqual(local, BAD_CAST "item"))
        s->items++;
    s->len = 0;
}

static void s_end(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri)
{
    (void)ctx, (void)local, (void)prefix, (void)uri;
}

static void s_none(void *ctx, const xmlChar *ch, int len)
{
    (void)ctx, (void)ch, (void)len;
}

static void s_text(void *ctx, const xmlChar *ch, int len)
{
    struct sax *s = ctx;
    if (s->len + (size_t)len > s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 4096;
        while (cap < s->len + (size_t)len)
            cap *= 2;
        char *p = realloc(s->text, cap);
        if (!p)
            return;
        s->text = p;
        s->cap = cap;
    }
    memcpy(s->text + s->len, ch, (size_t)len);
    s->len += (size_t)len;
}

/* The whole file through a push parser with handlers h, 64 KiB a push;
 * true when well-formed.  A tree the handlers built is freed. */
static bool push_all(int fd, xmlSAXHandler *h, void *user, const long *tree)
{
    static char buf[CHUNK];
    ssize_t n = read(fd, buf, 4);
    if (n < 0)
        return false;
    xmlParserCtxtPtr c = xmlCreatePushParserCtxt(h, user, buf, (int)n, NULL);
    if (!c)
        return false;
    xmlCtxtUseOptions(c, OPTS);
    c->linenumbers = tree != NULL;
    int rc = 0;
    while ((n = read(fd, buf, sizeof buf)) > 0 && rc == 0)
        rc = xmlParseChunk(c, buf, (int)n, 0);
    if (rc == 0)
        rc = xmlParseChunk(c, NULL, 0, 1);
    bool ok = rc == 0 && c->wellFormed;
    xmlFreeDoc(c->myDoc);
    xmlFreeParserCtxt(c);
    return ok;
}

static long run_sax(int fd, int copy)
{
    xmlSAXHandler h;
    memset(&h, 0, sizeof h);
    h.initialized = XML_SAX2_MAGIC;
    h.startElementNs = s_start;
    h.endElementNs = s_end;
    h.characters = copy ? s_text : s_none;
    h.cdataBlock = copy ? s_text : s_none;
    struct sax s = {0};
    int ok = push_all(fd, &h, &s, NULL);
    free(s.text);
    return ok ? s.items : -1;
}

static long tree_items;
static xmlNodePtr tree_done; /* the last finished item, freed at the next */

/* The SAX2 tree builder's end; a finished item leaves the tree when the
 * next one ends (not at once: while it is its parent's last child, the
 * tree builder may still append text next to it).  Statics: this is a
 * benchmark program, not library code. */
static void t_end(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri)
{
    xmlParserCtxtPtr c = ctx;
    xmlNodePtr n = c->node;
    xmlSAX2EndElementNs(ctx, local, prefix, uri);
    if (n && (xmlStrEqual(local, BAD_CAST "item") || xmlStrEqual(local, BAD_CAST "entry"))) {
        tree_items++;
        if (tree_done) {
            xmlUnlinkNode(tree_done);
            xmlFreeNode(tree_done);
        }
        tree_done = n;
    }
}

static long run_tree(int fd)
{
    xmlSAXHandler h;
    xmlSAXVersion(&h, 2);
    h.endElementNs = t_end;
    tree_items = 0;
    tree_done = NULL;
    return push_all(fd, &h, NULL, &tree_items) ? tree_items : -1;
}

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 3) {
        fputs("usage: parsers FILE [REPS]\n", stderr);
        return 2;
    }
    int reps = argc == 3 ? (int)strtol(argv[2], NULL, 10) : 3;
    if (reps < 1)
        reps = 1;
    static const char *const names[] = {"reader", "reader+expand", "sax2", "sax2+text",
                                        "sax2+tree"};
    LIBXML_TEST_VERSION
    for (int mode = 0; mode < 5; mode++) {
        double best = 0;
        long items = 0;
        off_t size = 0;
        for (int i = 0; i < reps; i++) {
            int fd = open(argv[1], O_RDONLY);
            if (fd < 0) {
                perror(argv[1]);
                return 2;
            }
            size = lseek(fd, 0, SEEK_END);
            lseek(fd, 0, SEEK_SET);
            double t0 = now();
            items = mode < 2   ? run_reader(fd, mode == 1)
                    : mode < 4 ? run_sax(fd, mode == 3)
                               : run_tree(fd);
            double t = now() - t0;
            close(fd);
            if (items < 0) {
                fprintf(stderr, "parsers: %s: %s failed\n", argv[1], names[mode]);
                return 1;
            }
            if (i == 0 || t < best)
                best = t;
        }
        printf("%-14s %8.1f MB in %7.3f s  %7.1f MB/s\n", names[mode], (double)size / 1e6, best,
               (double)size / 1e6 / best);
    }
    xmlCleanupParser();
    return 0;
}
