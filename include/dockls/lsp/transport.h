/* LSP base protocol framing: `Content-Length` headers, a blank line, then
 * the body.  This module knows bytes, not JSON. */
#ifndef DOCKLS_LSP_TRANSPORT_H_
#define DOCKLS_LSP_TRANSPORT_H_

#include <stdio.h>

#include "dockls/base/strbuf.h"

/* The largest message body accepted: room for a document at the size limit
 * even after JSON escaping doubles it, with margin. */
#define LSP_MAX_MESSAGE_BYTES ((size_t)64 << 20)

typedef enum {
  FRAME_OK,  /* *body holds one message body */
  FRAME_EOF, /* the stream ended (cleanly or inside a message) */
  FRAME_BAD  /* a malformed frame was skipped; *err (caller owns) says why */
} FrameStatus;

/* Reads one frame.  Header names are matched case-insensitively;
 * Content-Type and unknown headers are ignored.  A body over the limit is
 * read and discarded so the stream stays in step. */
FrameStatus transport_read(FILE *in, StrBuf *body, char **err);

/* Writes one frame and flushes. */
void transport_write(FILE *out, const char *body, size_t len);

#endif
