/*
 * xml_escape.h - escaping text for XML 1.0 character data and attribute
 * values.
 */
#ifndef FC_UTIL_XML_ESCAPE_H
#define FC_UTIL_XML_ESCAPE_H

#include "util/buf.h"

#include <stdbool.h>
#include <stddef.h>

/* Append s[0..n) to b escaped for XML: & < > always, and carriage return
 * as &#13; (a reader would turn it into a newline); in attribute values
 * (attr=true) also " and tab and newline as references (a reader would
 * turn them into spaces).  The C0 control characters XML 1.0 does not
 * allow are dropped. */
void fc_xml_escape(struct fc_buf *b, const char *s, size_t n, bool attr);

#endif
