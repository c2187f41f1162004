/* Unit tests for server/lsp/transport.c, the Content-Length framing.  The
 * reader runs over fmemopen streams so that each case is an exact byte
 * string; the writer runs over open_memstream so that its output can be
 * compared byte for byte.  The important properties are staying in step
 * (one bad frame must not swallow the next one) and telling a clean end of
 * input from a frame that was cut short. */
/* F_GETPIPE_SZ is Linux's; the build otherwise asks only for POSIX. */
#define _GNU_SOURCE
#include <criterion/criterion.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dockls/base/alloc.h"
#include "dockls/lsp/transport.h"

static FILE *in;
static char *in_bytes;
static StrBuf body = STRBUF_INIT;

/* fmemopen wants a buffer it could write to, so the input is copied. */
static void open_input(const char *bytes, size_t len) {
  in_bytes = malloc(len + 1);
  memcpy(in_bytes, bytes, len);
  in_bytes[len] = '\0';
  in = fmemopen(in_bytes, len, "r");
  cr_assert_not_null(in, "fmemopen failed");
}

#define INPUT(lit) open_input((lit), sizeof(lit) - 1)

static void teardown(void) {
  if (in) fclose(in);
  in = NULL;
  free(in_bytes);
  in_bytes = NULL;
  strbuf_destroy(&body);
}

TestSuite(transport_read, .fini = teardown);
TestSuite(transport_write, .fini = teardown);

/* Reads one frame that must be good and compares its body exactly,
 * including its length (bodies may contain NUL or CRLF bytes). */
static void expect_frame(const char *want, size_t want_len) {
  char *err = NULL;
  FrameStatus st = transport_read(in, &body, &err);
  char msg[256];
  snprintf(msg, sizeof msg, "%s", err ? err : "(none)");
  bool had_err = err != NULL;
  xfree(err);
  cr_assert_eq(st, FRAME_OK, "status %d, error %s", (int)st, msg);
  cr_assert_not(had_err, "a good frame set a message: %s", msg);
  cr_assert_eq(body.len, want_len, "body length %zu, want %zu", body.len, want_len);
  cr_assert_not_null(body.data);
  cr_assert_eq(memcmp(body.data, want, want_len), 0, "body `%s`", body.data);
  cr_assert_eq(body.data[want_len], '\0', "the body must stay NUL-terminated");
}

#define EXPECT_FRAME(lit) expect_frame((lit), sizeof(lit) - 1)

/* Reads one frame that must be reported malformed with a message that
 * contains fragment. */
static void expect_bad(const char *fragment) {
  char *err = NULL;
  FrameStatus st = transport_read(in, &body, &err);
  char msg[256];
  snprintf(msg, sizeof msg, "%s", err ? err : "");
  xfree(err);
  cr_assert_eq(st, FRAME_BAD, "status %d, want FRAME_BAD", (int)st);
  cr_assert_not_null(strstr(msg, fragment), "message `%s` lacks `%s`", msg, fragment);
}

static void expect_eof(void) {
  char *err = NULL;
  FrameStatus st = transport_read(in, &body, &err);
  bool had_err = err != NULL;
  xfree(err);
  cr_assert_eq(st, FRAME_EOF, "status %d, want FRAME_EOF", (int)st);
  cr_assert_not(had_err, "EOF must not produce a message");
}

Test(transport_read, one_valid_frame) {
  INPUT("Content-Length: 17\r\n\r\n{\"jsonrpc\":\"2.0\"}");
  EXPECT_FRAME("{\"jsonrpc\":\"2.0\"}");
  expect_eof();
}

Test(transport_read, content_type_is_ignored) {
  INPUT("Content-Length: 2\r\n"
        "Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}");
  EXPECT_FRAME("{}");
  expect_eof();
}

Test(transport_read, content_type_first) {
  INPUT("Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n"
        "Content-Length: 4\r\n\r\nnull");
  EXPECT_FRAME("null");
}

Test(transport_read, header_names_are_case_insensitive) {
  INPUT("content-length: 2\r\n\r\n{}"
        "CONTENT-LENGTH: 3\r\n\r\n[1]"
        "cOnTeNt-LeNgTh:1\r\n\r\n7");
  EXPECT_FRAME("{}");
  EXPECT_FRAME("[1]");
  EXPECT_FRAME("7");
  expect_eof();
}

Test(transport_read, unknown_headers_are_ignored) {
  INPUT("X-Custom: yes\r\nContent-Length: 2\r\n\r\n{}");
  EXPECT_FRAME("{}");
}

Test(transport_read, two_frames_back_to_back) {
  INPUT("Content-Length: 2\r\n\r\n{}Content-Length: 12\r\n\r\n{\"id\":\"\xC3\xA9x\"}");
  EXPECT_FRAME("{}");
  /* The length counts bytes: é is two of the twelve. */
  EXPECT_FRAME("{\"id\":\"\xC3\xA9x\"}");
  expect_eof();
}

Test(transport_read, body_bytes_are_not_interpreted) {
  /* A blank line or a NUL inside the body is body, not framing. */
  INPUT("Content-Length: 7\r\n\r\na\r\n\r\n\0b");
  EXPECT_FRAME("a\r\n\r\n\0b");
  expect_eof();
}

Test(transport_read, zero_length_body) {
  INPUT("Content-Length: 0\r\n\r\nContent-Length: 2\r\n\r\n{}");
  EXPECT_FRAME("");
  EXPECT_FRAME("{}");
}

Test(transport_read, bare_lf_headers) {
  /* Some hand-written clients end header lines with "\n" only. */
  INPUT("Content-Length: 2\n\n{}");
  EXPECT_FRAME("{}");
}

Test(transport_read, blank_lines_before_headers_are_tolerated) {
  INPUT("\r\n\r\nContent-Length: 2\r\n\r\n{}");
  EXPECT_FRAME("{}");
}

Test(transport_read, missing_content_length_then_recovery) {
  /* A header block without a length is skipped as a whole, and the next
   * frame is read normally. */
  INPUT("Content-Type: application/json\r\n\r\n"
        "Content-Length: 2\r\n\r\n{}");
  expect_bad("Content-Length");
  EXPECT_FRAME("{}");
  expect_eof();
}

Test(transport_read, non_numeric_length) {
  INPUT("Content-Length: abc\r\n\r\n"
        "Content-Length: 2\r\n\r\n{}");
  expect_bad("abc");
  EXPECT_FRAME("{}");
}

Test(transport_read, partly_numeric_or_negative_length) {
  INPUT("Content-Length: 12x\r\n\r\n"
        "Content-Length: -1\r\n\r\n"
        "Content-Length:\r\n\r\n"
        "Content-Length: 1\r\n\r\nZ");
  expect_bad("12x");
  expect_bad("-1");
  expect_bad("Content-Length");
  EXPECT_FRAME("Z");
}

Test(transport_read, repeated_equal_length_is_accepted) {
  INPUT("Content-Length: 2\r\ncontent-length: 2\r\n\r\n{}");
  EXPECT_FRAME("{}");
  expect_eof();
}

Test(transport_read, conflicting_lengths_are_rejected) {
  /* Neither length is trusted: the header block is reported and the
   * reader goes on with what follows it. */
  INPUT("Content-Length: 2\r\nContent-Length: 5\r\n\r\n"
        "Content-Length: 1\r\n\r\nZ");
  expect_bad("conflicting Content-Length headers (2 and 5)");
  EXPECT_FRAME("Z");
}

Test(transport_read, header_without_colon) {
  INPUT("garbage line\r\n\r\nContent-Length: 2\r\n\r\n{}");
  expect_bad("garbage line");
  EXPECT_FRAME("{}");
}

Test(transport_read, eof_inside_body) {
  INPUT("Content-Length: 10\r\n\r\n{\"a\"");
  expect_eof();
}

Test(transport_read, eof_inside_headers) {
  INPUT("Content-Length: 10\r\n");
  expect_eof();
}

Test(transport_read, eof_after_a_complete_frame_inside_the_next) {
  INPUT("Content-Length: 2\r\n\r\n{}Content-Len");
  EXPECT_FRAME("{}");
  expect_eof();
}

Test(transport_read, empty_input) {
  /* glibc accepts a zero-sized fmemopen buffer since 2.22. */
  INPUT("");
  expect_eof();
  expect_eof();
}

/* --- transport_write --- */

static char *out_bytes;
static size_t out_len;

static FILE *open_output(void) {
  FILE *out = open_memstream(&out_bytes, &out_len);
  cr_assert_not_null(out);
  return out;
}

Test(transport_write, frame_format) {
  FILE *out = open_output();
  transport_write(out, "{}", 2);
  /* transport_write flushes, so the bytes are visible before fclose. */
  cr_assert_eq(out_len, 23u, "wrote %zu bytes", out_len);
  cr_assert_eq(memcmp(out_bytes, "Content-Length: 2\r\n\r\n{}", 23), 0, "wrote `%s`", out_bytes);
  fclose(out);
  free(out_bytes);
}

Test(transport_write, length_counts_bytes) {
  FILE *out = open_output();
  const char *msg = "\"\xC3\xA9\xF0\x9F\x98\x80\"";
  transport_write(out, msg, strlen(msg));
  transport_write(out, "", 0);
  fclose(out);
  const char want[] = "Content-Length: 8\r\n\r\n\"\xC3\xA9\xF0\x9F\x98\x80\""
                      "Content-Length: 0\r\n\r\n";
  cr_assert_eq(out_len, sizeof want - 1, "wrote %zu bytes: `%s`", out_len, out_bytes);
  cr_assert_eq(memcmp(out_bytes, want, sizeof want - 1), 0, "wrote `%s`", out_bytes);
  free(out_bytes);
}

Test(transport_write, reads_back) {
  /* What the writer produces, the reader accepts, including a body that
   * holds a NUL byte. */
  FILE *out = open_output();
  transport_write(out, "{\"a\":1}", 7);
  transport_write(out, "x\0y", 3);
  fclose(out);
  open_input(out_bytes, out_len);
  free(out_bytes);
  EXPECT_FRAME("{\"a\":1}");
  expect_frame("x\0y", 3);
  expect_eof();
}

/* --- TransportOut --- */

/* The system's ceiling for an unprivileged pipe, or 0 when unknown. */
static long pipe_max_size(void) {
  FILE *f = fopen("/proc/sys/fs/pipe-max-size", "r");
  long n = 0;
  if (f) {
    if (fscanf(f, "%ld", &n) != 1) n = 0;
    fclose(f);
  }
  return n;
}

/* A frame body of `len` bytes that differs with `seed` at every position,
 * so that a page sent twice or out of order shows. */
static char *pattern(size_t len, unsigned seed) {
  char *text = malloc(len);
  for (size_t i = 0; i < len; i++) text[i] = (char)('a' + (i * 7 + seed * 13 + i / 4096) % 26);
  return text;
}

static TransportOut pipe_out;
static int pipe_fds[2] = {-1, -1};

static void open_pipe(void) {
  cr_assert_eq(pipe(pipe_fds), 0);
  FILE *file = fdopen(pipe_fds[1], "w");
  cr_assert_not_null(file);
  transport_out_init(&pipe_out, file);
  in = fdopen(pipe_fds[0], "r");
  cr_assert_not_null(in);
}

static void close_pipe(void) {
  transport_out_destroy(&pipe_out);
  fclose(pipe_out.file);
}

static void expect_body(const char *want, size_t len) {
  char *err = NULL;
  cr_assert_eq(transport_read(in, &body, &err), FRAME_OK, "%s", err ? err : "");
  cr_assert_eq(body.len, len, "read %zu bytes, want %zu", body.len, len);
  cr_assert_eq(memcmp(body.data, want, len), 0, "the frame's bytes differ");
}

TestSuite(transport_out, .fini = teardown);

Test(transport_out, widens_a_pipe) {
  if (pipe_max_size() < (long)TRANSPORT_PIPE_BYTES) cr_skip_test("pipe-max-size is below 1 MiB here");
  open_pipe();
  cr_assert_eq(pipe_out.pipe_fd, pipe_fds[1]);
  cr_assert_eq(fcntl(pipe_fds[1], F_GETPIPE_SZ), (long)TRANSPORT_PIPE_BYTES);
  /* A frame four times the default pipe goes in whole with no reader yet:
   * through the default pipe this write would block for ever. */
  size_t len = 4 * 65536;
  char *msg = pattern(len, 1);
  transport_out_write(&pipe_out, msg, len);
  close_pipe();
  expect_body(msg, len);
  expect_eof();
  free(msg);
}

Test(transport_out, queued_pages_are_not_written_over) {
  if (pipe_max_size() < (long)TRANSPORT_PIPE_BYTES) cr_skip_test("pipe-max-size is below 1 MiB here");
  open_pipe();
  size_t len = 3 * TRANSPORT_SPLICE_BYTES;
  char *one = pattern(len, 1), *two = pattern(len, 2), *three = pattern(len, 3);
  /* The first frame still sits in the pipe when the second is sent: the
   * second must go out from other pages, or the first would read as the
   * second. */
  transport_out_write(&pipe_out, one, len);
  cr_assert_not_null(pipe_out.pages.data, "a long frame to a pipe goes by reference");
  transport_out_write(&pipe_out, two, len);
  expect_body(one, len);
  expect_body(two, len);
  /* Once the pipe is empty the pages are the server's again, and the
   * next frame is copied into them. */
  transport_out_write(&pipe_out, three, len);
  expect_body(three, len);
  transport_out_write(&pipe_out, one, len);
  expect_body(one, len);
  close_pipe();
  expect_eof();
  free(one), free(two), free(three);
}

Test(transport_out, short_and_long_frames_keep_their_order) {
  open_pipe();
  size_t len = TRANSPORT_SPLICE_BYTES;
  char *long_one = pattern(len, 4);
  /* The short frames go through the stdio buffer, the long one around
   * it: the buffer must be flushed first. */
  transport_out_write(&pipe_out, "{\"a\":1}", 7);
  transport_out_write(&pipe_out, long_one, len);
  transport_out_write(&pipe_out, "{\"b\":2}", 7);
  close_pipe();
  EXPECT_FRAME("{\"a\":1}");
  expect_body(long_one, len);
  EXPECT_FRAME("{\"b\":2}");
  expect_eof();
  free(long_one);
}

typedef struct {
  FILE *in;
  size_t len;
  char *got;
} Reader;

static void *read_one(void *arg) {
  Reader *r = arg;
  StrBuf frame = STRBUF_INIT;
  char *err = NULL;
  if (transport_read(r->in, &frame, &err) == FRAME_OK && frame.len == r->len) r->got = strbuf_take(&frame);
  strbuf_destroy(&frame);
  free(err);
  return NULL;
}

Test(transport_out, frame_longer_than_the_pipe) {
  /* Three times the widened pipe: the server's sends block until the
   * reader has made room, and go on from where they stopped. */
  open_pipe();
  size_t len = 3 * TRANSPORT_PIPE_BYTES;
  char *msg = pattern(len, 5);
  Reader reader = {in, len, NULL};
  pthread_t thread;
  cr_assert_eq(pthread_create(&thread, NULL, read_one, &reader), 0);
  transport_out_write(&pipe_out, msg, len);
  pthread_join(thread, NULL);
  cr_assert_not_null(reader.got, "the long frame did not arrive whole");
  cr_assert_eq(memcmp(reader.got, msg, len), 0, "the long frame's bytes differ");
  close_pipe();
  free(reader.got);
  free(msg);
}

Test(transport_out, leaves_other_streams_alone) {
  /* A memory stream has no descriptor and a file is not a pipe: both are
   * written the ordinary way, long frames too. */
  FILE *mem = open_output();
  TransportOut out;
  transport_out_init(&out, mem);
  cr_assert_eq(out.pipe_fd, -1);
  transport_out_write(&out, "{}", 2);
  cr_assert_eq(out_len, 23u);
  transport_out_destroy(&out);
  fclose(mem);
  free(out_bytes);
  FILE *file = tmpfile();
  cr_assert_not_null(file);
  transport_out_init(&out, file);
  cr_assert_eq(out.pipe_fd, -1);
  size_t len = TRANSPORT_SPLICE_BYTES;
  char *msg = pattern(len, 6);
  transport_out_write(&out, msg, len);
  cr_assert_null(out.pages.data, "a file was written by reference");
  rewind(file);
  in = file;
  expect_body(msg, len);
  transport_out_destroy(&out);
  free(msg);
}

/* --- Frames written in place --- */

/* Writes `text` as one frame through frame_begin and frame_send into
 * `msg`, guessing its length as `expect`. */
static void send_in_place(StrBuf *msg, const char *text, size_t len, size_t expect) {
  size_t at = transport_out_frame_begin(&pipe_out, msg, expect);
  cr_assert_eq(msg->len, at, "the body goes after the header's room");
  strbuf_append_n(msg, text, len);
  transport_out_frame_send(&pipe_out, msg, at);
}

Test(transport_out, frames_in_place_leave_queued_pages_alone) {
  if (pipe_max_size() < (long)TRANSPORT_PIPE_BYTES) cr_skip_test("pipe-max-size is below 1 MiB here");
  open_pipe();
  size_t len = 3 * TRANSPORT_SPLICE_BYTES;
  char *one = pattern(len, 1), *two = pattern(len, 2), *three = pattern(len, 3);
  StrBuf msg = STRBUF_INIT;
  send_in_place(&msg, one, len, len);
  cr_assert(msg.mapped, "a long frame to a pipe is written in pages of its own");
  /* The first frame is unread, so its pages are still the pipe's: the
   * second frame in the same buffer must go into other pages. */
  const char *first_pages = msg.data;
  send_in_place(&msg, two, len, len);
  cr_assert_neq(msg.data, first_pages, "the queued frame's pages were written over");
  expect_body(one, len);
  expect_body(two, len);
  /* With the pipe empty the pages are the buffer's again. */
  const char *read_pages = msg.data;
  send_in_place(&msg, three, len, len);
  cr_assert_eq(msg.data, read_pages, "pages the client has read are used again");
  expect_body(three, len);
  /* A body longer than the guess grows the pages in place of the heap. */
  char *longer = pattern(4 * len, 4);
  send_in_place(&msg, longer, 4 * len, len);
  cr_assert(msg.mapped);
  expect_body(longer, 4 * len);
  strbuf_destroy(&msg);
  close_pipe();
  expect_eof();
  free(one), free(two), free(three), free(longer);
}

Test(transport_out, short_frames_in_place_go_the_ordinary_way) {
  open_pipe();
  StrBuf msg = STRBUF_INIT;
  /* A short guess keeps the buffer on the heap, and the frame keeps its
   * place among frames written otherwise. */
  transport_out_write(&pipe_out, "{\"a\":1}", 7);
  send_in_place(&msg, "{\"b\":2}", 7, 7);
  cr_assert_not(msg.mapped);
  transport_out_write(&pipe_out, "{\"c\":3}", 7);
  strbuf_destroy(&msg);
  close_pipe();
  EXPECT_FRAME("{\"a\":1}");
  EXPECT_FRAME("{\"b\":2}");
  EXPECT_FRAME("{\"c\":3}");
  expect_eof();
}

Test(transport_out, frames_in_place_to_other_streams) {
  /* No pipe: a long guess changes nothing, the frame is written out. */
  FILE *mem = open_output();
  TransportOut out;
  transport_out_init(&out, mem);
  StrBuf msg = STRBUF_INIT;
  size_t at = transport_out_frame_begin(&out, &msg, 4 * TRANSPORT_SPLICE_BYTES);
  cr_assert_not(msg.mapped);
  strbuf_append(&msg, "{}");
  transport_out_frame_send(&out, &msg, at);
  cr_assert_eq(out_len, 23u);
  strbuf_destroy(&msg);
  transport_out_destroy(&out);
  fclose(mem);
  free(out_bytes);
}

/* A mapped StrBuf behaves as a heap one: growing keeps the text, take
 * gives a heap copy, shrink keeps the text. */
Test(transport_out, mapped_strbuf) {
  StrBuf b = STRBUF_INIT;
  cr_assert(strbuf_map(&b, 10));
  cr_assert(b.mapped);
  cr_assert_str_eq(strbuf_cstr(&b), "");
  char *text = pattern(100000, 6);
  strbuf_append_n(&b, text, 100000);
  strbuf_append(&b, "!");
  cr_assert_eq(b.len, 100001u);
  cr_assert_eq(memcmp(b.data, text, 100000), 0);
  cr_assert_eq(b.data[100000], '!');
  cr_assert_eq(b.data[100001], '\0');
  b.len = 5;
  b.data[5] = '\0';
  strbuf_shrink(&b);
  cr_assert(b.cap < 100001 && b.cap >= 6, "cap %zu", b.cap);
  cr_assert_eq(memcmp(b.data, text, 5), 0);
  char *taken = strbuf_take(&b);
  cr_assert_eq(memcmp(taken, text, 5), 0);
  cr_assert_eq(taken[5], '\0');
  cr_assert_not(b.mapped);
  cr_assert_null(b.data);
  xfree(taken);
  free(text);
}
