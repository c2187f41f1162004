/* The unified diff that `dockls check --fix-dry-run` prints: what --fix
 * would change, in the form `patch`, `git apply` and review tools read.
 * Lines are compared with Myers' O(ND) algorithm after the common head and
 * tail are set aside; fixes change a few lines, so D stays small.  Should
 * a text differ in more than MAX_D lines, the differing middle is printed
 * as one block removed and added, which is still a correct diff. */
#include <stdint.h>
#include <string.h>

#include "dockls/base/alloc.h"
#include "dockls/base/array.h"
#include "cli_internal.h"

enum { CONTEXT = 3, MAX_D = 1000 };

typedef struct {
  const char *at;
  size_t len; /* with the line break */
} Line;
typedef Array(Line) LineArray;

typedef enum { OP_SAME, OP_DEL, OP_ADD } OpKind;
typedef struct {
  OpKind kind;
  size_t a, b; /* the line in the old and in the new text */
} Op;
typedef Array(Op) OpArray;

static void split_lines(const char *text, size_t len, LineArray *out) {
  size_t start = 0;
  for (size_t i = 0; i < len; i++)
    if (text[i] == '\n') {
      Line l = {text + start, i + 1 - start};
      array_push(out, l);
      start = i + 1;
    }
  if (start < len) {
    Line l = {text + start, len - start};
    array_push(out, l);
  }
}

static bool same_line(Line x, Line y) { return x.len == y.len && memcmp(x.at, y.at, x.len) == 0; }

static void push_op(OpArray *ops, OpKind kind, size_t a, size_t b) {
  Op op = {kind, a, b};
  array_push(ops, op);
}

/* Myers' greedy search over a[lo_a, hi_a) and b[lo_b, hi_b), then a walk
 * back through the saved frontiers appending the script, which comes out
 * reversed.  Returns false when the texts differ in more than MAX_D lines. */
static bool myers(const Line *a, size_t n, const Line *b, size_t m, size_t base_a, size_t base_b, OpArray *rev) {
  size_t max = n + m < MAX_D ? n + m : MAX_D;
  /* Frontier d is stored at trace[d*d .. d*d + 2d], index k + d. */
  long *trace = xmalloc((max + 1) * (max + 1) * sizeof *trace);
  long *v = xcalloc(2 * max + 3, sizeof *v);
  long off = (long)max + 1;
  long found = -1;
  for (long d = 0; d <= (long)max && found < 0; d++) {
    for (long k = -d; k <= d; k += 2) {
      long x = (k == -d || (k != d && v[off + k - 1] < v[off + k + 1])) ? v[off + k + 1] : v[off + k - 1] + 1;
      long y = x - k;
      while (x < (long)n && y < (long)m && same_line(a[x], b[y])) x++, y++;
      v[off + k] = x;
      if (x >= (long)n && y >= (long)m) found = d;
    }
    memcpy(trace + d * d, v + off - d, (size_t)(2 * d + 1) * sizeof *trace);
  }
  if (found >= 0) {
    long x = (long)n, y = (long)m;
    for (long d = found; d > 0; d--) {
      const long *prev = trace + (d - 1) * (d - 1) + (d - 1); /* index k of frontier d-1 */
      long k = x - y;
      bool down = k == -d || (k != d && prev[k - 1] < prev[k + 1]);
      long pk = down ? k + 1 : k - 1;
      long px = prev[pk], py = px - pk;
      while (x > px && y > py) {
        x--, y--;
        push_op(rev, OP_SAME, base_a + (size_t)x, base_b + (size_t)y);
      }
      if (down) push_op(rev, OP_ADD, base_a + (size_t)px, base_b + (size_t)py);
      else push_op(rev, OP_DEL, base_a + (size_t)px, base_b + (size_t)py);
      x = px, y = py;
    }
    while (x > 0 && y > 0) {
      x--, y--;
      push_op(rev, OP_SAME, base_a + (size_t)x, base_b + (size_t)y);
    }
  }
  xfree(trace);
  xfree(v);
  return found >= 0;
}

/* The edit script from a to b, in order. */
static void diff_script(const LineArray *a, const LineArray *b, OpArray *ops) {
  size_t head = 0, tail = 0;
  while (head < a->len && head < b->len && same_line(a->items[head], b->items[head])) head++;
  while (tail < a->len - head && tail < b->len - head &&
         same_line(a->items[a->len - 1 - tail], b->items[b->len - 1 - tail]))
    tail++;
  for (size_t i = 0; i < head; i++) push_op(ops, OP_SAME, i, i);
  size_t n = a->len - head - tail, m = b->len - head - tail;
  OpArray rev;
  array_init(&rev);
  if (myers(a->items + head, n, b->items + head, m, head, head, &rev)) {
    for (size_t i = rev.len; i-- > 0;) array_push(ops, rev.items[i]);
  } else {
    for (size_t i = 0; i < n; i++) push_op(ops, OP_DEL, head + i, head);
    for (size_t i = 0; i < m; i++) push_op(ops, OP_ADD, head + n, head + i);
  }
  array_delete(&rev);
  for (size_t i = 0; i < tail; i++) push_op(ops, OP_SAME, a->len - tail + i, b->len - tail + i);
}

static void print_line(FILE *out, char mark, Line l) {
  fputc(mark, out);
  fwrite(l.at, 1, l.len, out);
  if (l.len == 0 || l.at[l.len - 1] != '\n') fputs("\n\\ No newline at end of file\n", out);
}

/* Hunk header numbers: a range of zero lines names the line before it. */
static void print_range(FILE *out, size_t first, size_t count) {
  fprintf(out, "%zu", count ? first + 1 : first);
  if (count != 1) fprintf(out, ",%zu", count);
}

static void print_hunk(FILE *out, const OpArray *ops, size_t from, size_t to, const LineArray *a,
                       const LineArray *b) {
  size_t a_count = 0, b_count = 0;
  for (size_t i = from; i < to; i++) {
    a_count += ops->items[i].kind != OP_ADD;
    b_count += ops->items[i].kind != OP_DEL;
  }
  fputs("@@ -", out);
  print_range(out, ops->items[from].a, a_count);
  fputs(" +", out);
  print_range(out, ops->items[from].b, b_count);
  fputs(" @@\n", out);
  for (size_t i = from; i < to; i++) {
    const Op *op = &ops->items[i];
    if (op->kind == OP_SAME) print_line(out, ' ', a->items[op->a]);
    else if (op->kind == OP_DEL) print_line(out, '-', a->items[op->a]);
    else print_line(out, '+', b->items[op->b]);
  }
}

bool cli_write_diff(FILE *out, const char *path, const char *before, size_t before_len, const char *after,
                    size_t after_len) {
  if (before_len == after_len && memcmp(before, after, before_len) == 0) return false;
  LineArray a, b;
  OpArray ops;
  array_init(&a);
  array_init(&b);
  array_init(&ops);
  split_lines(before, before_len, &a);
  split_lines(after, after_len, &b);
  diff_script(&a, &b, &ops);
  fprintf(out, "--- a/%s\n+++ b/%s\n", path, path);
  /* A hunk runs from CONTEXT lines before a change to CONTEXT lines after
   * the last change that is no more than 2*CONTEXT unchanged lines from
   * the next one. */
  size_t i = 0;
  while (i < ops.len) {
    while (i < ops.len && ops.items[i].kind == OP_SAME) i++;
    if (i == ops.len) break;
    size_t from = i >= CONTEXT ? i - CONTEXT : 0, end = i;
    for (;;) {
      while (end < ops.len && ops.items[end].kind != OP_SAME) end++;
      size_t same = 0;
      while (end + same < ops.len && ops.items[end + same].kind == OP_SAME) same++;
      if (end + same < ops.len && same <= 2 * CONTEXT) {
        end += same;
        continue;
      }
      end += same < CONTEXT ? same : CONTEXT;
      break;
    }
    print_hunk(out, &ops, from, end, &a, &b);
    i = end;
  }
  array_delete(&a);
  array_delete(&b);
  array_delete(&ops);
  return true;
}
