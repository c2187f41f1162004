/* Frame reader and writer.  Headers are read byte by byte with a length
 * cap so that a client that sends garbage cannot make a header line grow
 * without bound; the body is read with fread in one go.  A frame whose
 * headers are unusable is reported as FRAME_BAD and the reader continues
 * with the next header block, so one bad message never ends the session. */
/* F_SETPIPE_SZ and vmsplice are Linux's; the build otherwise asks only
 * for POSIX. */
#define _GNU_SOURCE
#include "dockls/lsp/transport.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include "dockls/base/alloc.h"

#define MAX_HEADER_LINE 8192

typedef enum { LINE_OK, LINE_EOF, LINE_TOO_LONG } LineStatus;

static LineStatus transport_line(FILE *in, StrBuf *line) {
  strbuf_clear(line);
  int c;
  bool any = false;
  while ((c = getc(in)) != EOF) {
    any = true;
    if (c == '\n') {
      if (line->len > 0 && line->data[line->len - 1] == '\r') line->data[--line->len] = '\0';
      return LINE_OK;
    }
    if (line->len >= MAX_HEADER_LINE) {
      /* Drop the rest of the line so the next read starts fresh. */
      while ((c = getc(in)) != EOF && c != '\n') {
      }
      return LINE_TOO_LONG;
    }
    strbuf_append_char(line, (char)c);
  }
  return any ? LINE_OK : LINE_EOF;
}

static char *transport_error(const char *fmt, const char *detail) {
  StrBuf msg = STRBUF_INIT;
  strbuf_appendf(&msg, fmt, detail);
  return strbuf_take(&msg);
}

FrameStatus transport_read(FILE *in, StrBuf *body, char **err) {
  StrBuf line = STRBUF_INIT;
  long long length = -1;
  char *problem = NULL;
  bool saw_header = false;
  for (;;) {
    LineStatus st = transport_line(in, &line);
    if (st == LINE_EOF) {
      strbuf_destroy(&line);
      xfree(problem);
      return FRAME_EOF;
    }
    if (st == LINE_TOO_LONG) {
      if (!problem) problem = xstrdup("header line longer than 8192 bytes");
      saw_header = true;
      continue;
    }
    if (line.len == 0) {
      /* Blank lines before any header are tolerated (some clients send an
       * extra CRLF after a body). */
      if (!saw_header) continue;
      break;
    }
    saw_header = true;
    const char *colon = memchr(line.data, ':', line.len);
    if (!colon) {
      if (!problem) problem = transport_error("malformed header line `%.80s`", line.data);
      continue;
    }
    size_t name_len = (size_t)(colon - line.data);
    if (name_len == 14 && strncasecmp(line.data, "Content-Length", 14) == 0) {
      const char *v = colon + 1;
      while (*v == ' ' || *v == '\t') v++;
      char *end;
      errno = 0;
      long long n = strtoll(v, &end, 10);
      while (*end == ' ' || *end == '\t') end++;
      if (!isdigit((unsigned char)*v) || *end || errno) {
        if (!problem) problem = transport_error("invalid Content-Length `%.40s`", v);
      } else if (length >= 0 && n != length) {
        /* Two lengths that disagree leave the end of the body unknown;
         * picking one would read the next message from the wrong byte.
         * The same length twice is harmless and accepted. */
        if (!problem) {
          StrBuf msg = STRBUF_INIT;
          strbuf_appendf(&msg, "conflicting Content-Length headers (%lld and %lld)", length, n);
          problem = strbuf_take(&msg);
        }
      } else {
        length = n;
      }
    }
  }
  strbuf_destroy(&line);
  if (!problem && length < 0) problem = xstrdup("missing Content-Length header");
  if (problem) {
    *err = problem;
    return FRAME_BAD;
  }
  if ((unsigned long long)length > LSP_MAX_MESSAGE_BYTES) {
    char buf[65536];
    long long left = length;
    while (left > 0) {
      size_t want = left > (long long)sizeof buf ? sizeof buf : (size_t)left;
      size_t got = fread(buf, 1, want, in);
      if (got == 0) return FRAME_EOF;
      left -= (long long)got;
    }
    StrBuf msg = STRBUF_INIT;
    strbuf_appendf(&msg, "message of %lld bytes is above the limit of %zu bytes", length,
                   LSP_MAX_MESSAGE_BYTES);
    *err = strbuf_take(&msg);
    return FRAME_BAD;
  }
  strbuf_clear(body);
  size_t want = (size_t)length;
  /* Reserve through the public API: append the bytes as they arrive. */
  char chunk[65536];
  while (want > 0) {
    size_t n = want > sizeof chunk ? sizeof chunk : want;
    size_t got = fread(chunk, 1, n, in);
    if (got == 0) return FRAME_EOF;
    strbuf_append_n(body, chunk, got);
    want -= got;
  }
  if (!body->data) strbuf_append(body, "");
  return FRAME_OK;
}

void transport_write(FILE *out, const char *body, size_t len) {
  fprintf(out, "Content-Length: %zu\r\n\r\n", len);
  fwrite(body, 1, len, out);
  fflush(out);
}

void transport_out_init(TransportOut *out, FILE *file) {
  memset(out, 0, sizeof *out);
  out->file = file;
  out->pipe_fd = -1;
#ifdef F_SETPIPE_SZ
  int fd = fileno(file);
  struct stat st;
  if (fd < 0 || fstat(fd, &st) != 0 || !S_ISFIFO(st.st_mode)) return;
  out->pipe_fd = fd;
  /* A refusal (the user's pipe quota is spent, or the system's maximum is
   * lower) leaves the pipe as it was, which still works, only slower. */
  (void)fcntl(fd, F_SETPIPE_SZ, (int)TRANSPORT_PIPE_BYTES);
#endif
}

/* Room for the longest header, "Content-Length: " and 20 digits and two
 * line ends, written just before the body. */
#define FRAME_HEAD_ROOM 48

static int frame_head(char head[FRAME_HEAD_ROOM], size_t len) {
  return snprintf(head, FRAME_HEAD_ROOM, "Content-Length: %zu\r\n\r\n", len);
}

static bool out_pipe_empty(const TransportOut *out) {
  int queued = 0;
  return ioctl(out->pipe_fd, FIONREAD, &queued) == 0 && queued == 0;
}

/* Hands [from, from + len) of mapped pages to the pipe by reference.  Once
 * part of it is in the pipe the rest must follow, so a later failure
 * finishes with write; false when nothing was sent. */
static bool out_vmsplice(TransportOut *out, char *from, size_t len) {
#ifdef SPLICE_F_GIFT
  struct iovec rest = {from, len};
  while (rest.iov_len > 0) {
    ssize_t n = vmsplice(out->pipe_fd, &rest, 1, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && rest.iov_base == from) return false;
    if (n < 0) n = write(out->pipe_fd, rest.iov_base, rest.iov_len);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return true; /* the client is gone, as a failed fwrite would find */
    rest.iov_base = (char *)rest.iov_base + n;
    rest.iov_len -= (size_t)n;
  }
  return true;
#else
  (void)out, (void)from, (void)len;
  return false;
#endif
}

size_t transport_out_frame_begin(TransportOut *out, StrBuf *msg, size_t expect) {
  bool reuse = msg->mapped && out_pipe_empty(out);
  if (msg->mapped && !reuse) {
    /* The old pages may hold a frame the client has not read: they are
     * left to the pipe, and the body is written into fresh ones of the
     * same size, mapped while the old are still there, so that they are
     * never at the old ones' address. */
    StrBuf fresh = STRBUF_INIT;
    bool mapped = strbuf_map(&fresh, msg->cap - 1);
    strbuf_destroy(msg);
    if (mapped) *msg = fresh;
  } else if (!msg->mapped && out->pipe_fd >= 0 && expect >= TRANSPORT_SPLICE_BYTES) {
    (void)strbuf_map(msg, FRAME_HEAD_ROOM + expect + expect / 4);
  }
  strbuf_clear(msg);
  char *room = strbuf_room(msg, FRAME_HEAD_ROOM);
  memset(room, ' ', FRAME_HEAD_ROOM);
  strbuf_wrote(msg, FRAME_HEAD_ROOM);
  return FRAME_HEAD_ROOM;
}

/* Sends the frame of `msg` (mapped pages, its body from `body_at`) by
 * reference, its header written into the room before the body; false
 * when nothing was sent. */
static bool out_send_mapped(TransportOut *out, StrBuf *msg, size_t body_at) {
  char head[FRAME_HEAD_ROOM];
  int head_len = frame_head(head, msg->len - body_at);
  char *frame = msg->data + body_at - head_len;
  memcpy(frame, head, (size_t)head_len);
  return fflush(out->file) == 0 && out_vmsplice(out, frame, msg->len - body_at + (size_t)head_len);
}

void transport_out_frame_send(TransportOut *out, StrBuf *msg, size_t body_at) {
  if (msg->mapped && out_send_mapped(out, msg, body_at)) return;
  transport_out_write(out, msg->data + body_at, msg->len - body_at);
}

/* A long frame built elsewhere goes to the pipe from the kept pages, as a
 * frame written in place there; false when nothing was sent (the system
 * refused the pages or the splice), for the caller to write it the
 * ordinary way. */
static bool out_splice(TransportOut *out, const char *body, size_t len) {
  size_t at = transport_out_frame_begin(out, &out->pages, len);
  if (!out->pages.mapped) return false;
  strbuf_append_n(&out->pages, body, len);
  return out_send_mapped(out, &out->pages, at);
}

void transport_out_write(TransportOut *out, const char *body, size_t len) {
  if (out->pipe_fd >= 0 && len >= TRANSPORT_SPLICE_BYTES && out_splice(out, body, len)) return;
  transport_write(out->file, body, len);
}

void transport_out_destroy(TransportOut *out) { strbuf_destroy(&out->pages); }
