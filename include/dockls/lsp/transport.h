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

/* The pipe size asked for by transport_out_init: Linux's default limit for
 * unprivileged processes (/proc/sys/fs/pipe-max-size). */
#define TRANSPORT_PIPE_BYTES ((size_t)1 << 20)

/* Frames at least this long go to a pipe by reference (vmsplice). */
#define TRANSPORT_SPLICE_BYTES ((size_t)64 << 10)

/* The server's output.  A long file's publishDiagnostics is several
 * hundred KB.  Written the ordinary way into a pipe, the kernel allocates
 * a page for every 4 KB and copies the message into it before the client
 * may read; after the server has sat idle between keystrokes that took
 * 0.25-0.5 ms for a 431 KB message, half a 5,000-line file's keystroke.
 * When the output is a pipe (the way Emacs and most test drivers start a
 * server), the frame is instead copied into pages the server keeps (a
 * frame written in place, below, into `pages`) and handed to the pipe by
 * reference, and the client reads straight from them.  Those pages must
 * not change until the client has read them, so they are reused only
 * when the pipe is empty and otherwise replaced by fresh ones (the pipe
 * holds its own reference to the old ones).  A socket (libuv's stdio: VS
 * Code, Neovim), a file or a memory stream is written the ordinary way. */
typedef struct {
  FILE *file;
  int pipe_fd;  /* the descriptor of `file` when it is a pipe, else -1 */
  StrBuf pages; /* the pages the last long frame went out from (strbuf_map) */
} TransportOut;

/* Starts writing to `file`.  A pipe is also widened to
 * TRANSPORT_PIPE_BYTES, so that a long frame goes in whole: through the
 * default 64 KB pipe the server stalls until the client has taken each
 * piece, and every piece costs the client a wake-up (a 431 KB message
 * reached the reader's last byte in 0.48 ms through 64 KB and 0.23 ms
 * through 1 MB, bench/wire_floor.py).  The kernel gives a pipe pages only
 * as they fill, so a quiet session costs nothing. */
void transport_out_init(TransportOut *out, FILE *file);

/* Writes one frame and flushes: by reference when the output is a pipe
 * and the frame is at least TRANSPORT_SPLICE_BYTES, else through `file`. */
void transport_out_write(TransportOut *out, const char *body, size_t len);

/* A frame written in place, for the long and frequent ones (a long
 * file's publishDiagnostics): the copy into the kept pages above is
 * itself a quarter of such a keystroke once the caches have gone cold
 * between keystrokes.  frame_begin empties `msg` for the body and returns
 * where the body starts, after room for the header; the body is then
 * appended, and frame_send sends it.  When the output is a pipe and
 * `expect` (the caller's guess of the body's length, such as the last
 * one's) is at least TRANSPORT_SPLICE_BYTES, `msg` is given pages of its
 * own (strbuf_map) and the frame goes to the pipe from them by
 * reference.  Such pages may still be in the pipe until the client has
 * read them, so `msg` may be kept and read, but written only through a
 * later frame_begin, which gives it fresh pages unless the pipe is
 * empty. */
size_t transport_out_frame_begin(TransportOut *out, StrBuf *msg, size_t expect);
void transport_out_frame_send(TransportOut *out, StrBuf *msg, size_t body_at);

/* Unmaps the kept pages (a frame still in the pipe keeps its own). */
void transport_out_destroy(TransportOut *out);

/* Writes one frame and flushes. */
void transport_write(FILE *out, const char *body, size_t len);

#endif
