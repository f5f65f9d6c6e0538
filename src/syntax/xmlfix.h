/*
 * xmlfix.h - a streaming repair filter for XML as real feeds have it,
 * run on the bytes before libxml2 sees them (xml_read.c feeds the parser
 * through it).
 *
 * Repairs, each reported through the warn callback with the line and
 * column (1-based, bytes) of the input:
 *   - `&` that starts no valid reference -> `&amp;`; an HTML 4 named
 *     entity the document does not declare (&nbsp;, &eacute;, ...) -> its
 *     numeric reference; an undeclared other name -> kept as text; a
 *     character reference to a non-character -> U+FFFD; a reference to an
 *     external entity (XXE) -> dropped, never loaded;
 *   - `<` that starts no markup, `]]>` in text -> escaped;
 *   - end tags: an element left open is closed when an end tag of an
 *     enclosing element comes; an end tag that closes nothing is dropped;
 *     at the end of the input every open element is closed (truncated
 *     downloads keep their complete posts) unless truncation_is_error;
 *   - junk or whitespace before the XML declaration / the root, content
 *     after the root -> dropped (newlines dropped before the declaration
 *     are put back after it so libxml2's line numbers stay right);
 *   - encodings: in a UTF-8 document (declared or by default) bytes that
 *     are not UTF-8 are read as windows-1252 (one warning, first
 *     position); a declaration naming an unknown encoding, UTF-16/32
 *     without their byte order, or ISO-8859-1/windows-1252/ASCII over
 *     bytes that are UTF-8 is replaced by UTF-8; control characters XML
 *     cannot carry are removed (after ']', '-' or '?' a run of them is
 *     U+FFFD: removing it could join a "]]>", "-->" or "?>").
 * A document that is already well-formed passes through unchanged.
 * UTF-16/UCS-4/EBCDIC input (BOM or byte pattern) is passed through
 * untouched for libxml2 to decode.  Other declared encodings keep their
 * declaration; only the ASCII markup is repaired.
 *
 * One pass over the bytes; held back are only tokens cut by a chunk
 * boundary (a reference, a tag name, an end tag, the XML declaration, the
 * DOCTYPE up to 1 MiB, the first 8 KiB while looking for junk).
 */
#ifndef FC_SYNTAX_XMLFIX_H
#define FC_SYNTAX_XMLFIX_H

#include "internal.h"
#include "syntax/xml_names.h"

/* Report one repair; a status other than FC_OK (FC_EWARN in strict
 * mode) stops the filter and is returned by fc_xmlfix_push. */
typedef enum fc_status (*fc_xmlfix_warn_fn)(void *ctx, unsigned long line, unsigned long col,
                                            const char *msg);

struct fc_xmlfix {
    struct fc_buf out; /* repaired bytes; the caller takes them from out_pos */
    size_t out_pos;
    /* Set by the caller: input that ends inside an element is an error
     * (FC_EPARSE, described in fail_*) rather than a repair.  A download
     * cut short would otherwise convert "successfully" with posts missing. */
    bool truncation_is_error;
    unsigned long fail_line, fail_col;
    char fail_msg[300];
    /* private */
    fc_xmlfix_warn_fn warn;
    void *ctx;
    enum fc_status status;
    struct fc_buf hold; /* input not consumed yet */
    int st, ret_st;     /* lexer state, state after a comment / PI */
    char quote;         /* in an attribute value: its quote */
    bool slash;         /* in a start tag: last significant byte was '/' */
    int tag;            /* in a start tag: where (xmlfix.c TG_*) */
    bool more;          /* the current token needs more input */
    bool utf8;          /* check UTF-8; windows-1252 fallback */
    bool cp1252_warned, ctrl_warned, junk_warned;
    bool root_seen, root_closed;
    bool ents_unknown; /* an external subset or PE references: libxml2 decides */
    unsigned long line;
    unsigned long long abs;        /* input offset of hold.data[0] */
    unsigned long long line_start; /* input offset where `line` starts */
    size_t counted;                /* hold bytes whose newlines are counted */
    unsigned long junk_lines;      /* newlines to put back after the declaration */
    unsigned nwarn;
    struct fc_xml_names names; /* the open elements */
    struct fc_buf ents;        /* declared general entities: kind ('i'/'e'), name, NUL */
    /* Set by the caller: CDATA sections in content go aside.  libxml2
     * checks a section a byte at a time, and most of a feed's bytes are
     * in them: each becomes the processing instruction FC_XMLFIX_CD_PI in
     * out, its text (repaired as before) a record in cd, in order.  Only
     * in UTF-8 documents without a DOCTYPE, and for the rest of the
     * document not after a processing instruction in content (so a record
     * is never taken for a real one).  A section keeps "\r" (libxml2's
     * newline handling) or past FC_XMLFIX_CD_MAX bytes passes as before.
     * Out bytes from an open section on wait until it ends:
     * fc_xmlfix_ready. */
    bool cd_aside;
    struct fc_buf cd; /* records: struct fc_xmlfix_cd, the text, NUL, padding */
    size_t cd_pos;    /* the records before it were taken */
    size_t cd_open;   /* out offset of the open section's "<![CDATA[", or SIZE_MAX */
};

/* A section set aside; its text follows (len bytes and a NUL). */
struct fc_xmlfix_cd {
    size_t at;   /* out offset of its FC_XMLFIX_CD_PI */
    size_t len;  /* bytes of text */
    size_t nl;   /* its newlines */
    size_t tail; /* its bytes after the last newline (all of them without one) */
};
#define FC_XMLFIX_CD_TARGET "fc"
#define FC_XMLFIX_CD_PI "<?" FC_XMLFIX_CD_TARGET "?>"
#define FC_XMLFIX_CD_MAX ((size_t)1 << 20)
/* The bytes of a record with len bytes of text. */
#define FC_XMLFIX_CD_SIZE(len) ((sizeof(struct fc_xmlfix_cd) + (len) + 1 + 7) & ~(size_t)7)

void fc_xmlfix_init(struct fc_xmlfix *f, fc_xmlfix_warn_fn warn, void *ctx);
void fc_xmlfix_free(struct fc_xmlfix *f);
/* Filter n more input bytes (eof: the input ends after them); repaired
 * bytes are appended to f->out.  FC_OK, FC_ENOMEM, FC_EPARSE (truncated
 * input with truncation_is_error; see fail_*), or the status the warn
 * callback returned. */
enum fc_status fc_xmlfix_push(struct fc_xmlfix *f, const char *in, size_t n, bool eof);
/* Out bytes the parser may have: up to out.len, or to the open section
 * set aside (cd_aside). */
size_t fc_xmlfix_ready(const struct fc_xmlfix *f);
/* The caller took out[0..out_pos): drop those bytes. */
void fc_xmlfix_compact(struct fc_xmlfix *f);
/* Append to dst the records of the sections set aside before out offset
 * end, in order; false: no memory. */
bool fc_xmlfix_take_cd(struct fc_xmlfix *f, size_t end, struct fc_buf *dst);

#endif
