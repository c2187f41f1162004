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

/* The pipe size asked for by transport_widen_output: Linux's default limit
 * for unprivileged processes (/proc/sys/fs/pipe-max-size). */
#define TRANSPORT_PIPE_BYTES ((size_t)1 << 20)

/* Widens the pipe behind `out`, when it is one, to TRANSPORT_PIPE_BYTES.
 * A long file's publishDiagnostics is several hundred KB; through the
 * default 64 KB pipe the write stalls until the client has taken each
 * piece, and every piece costs the client a wake-up (a 431 KB message:
 * 0.54 ms to the reader's last byte through 64 KB, 0.21 ms through 1 MB,
 * bench/wire_floor.py).  The kernel gives a pipe pages only as they fill,
 * so a quiet session costs nothing.  Anything but a pipe (a socket, a
 * file, a memory stream) is left alone. */
void transport_widen_output(FILE *out);

/* Writes one frame and flushes. */
void transport_write(FILE *out, const char *body, size_t len);

#endif
