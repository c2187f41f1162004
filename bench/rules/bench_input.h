/* The file a rules benchmark measures: every program here takes it as its
 * first argument and reads it whole before timing anything. */
#ifndef DOCKLS_BENCH_INPUT_H_
#define DOCKLS_BENCH_INPUT_H_

#include <stdio.h>
#include <stdlib.h>

#include "dockls/base/alloc.h"
#include "dockls/base/fs.h"

/* The bytes of argv[1] (caller owns, xfree) and their count, with the
 * number of rounds from argv[2] (200 when not given), or NULL after
 * printing the usage line (no file named) or the reason it could not be
 * read, so that main can return 2 at once. */
static inline char *bench_read_input(int argc, char **argv, const char *usage, size_t *len,
                                     size_t *rounds) {
  if (argc < 2) {
    fprintf(stderr, "usage: %s\n", usage);
    return NULL;
  }
  *rounds = argc > 2 ? (size_t)atoi(argv[2]) : 200;
  char *bytes = NULL, *err = NULL;
  if (!fs_read_file(argv[1], DOCKLS_MAX_FILE_BYTES, &bytes, len, &err)) {
    fprintf(stderr, "%s\n", err);
    xfree(err);
    return NULL;
  }
  return bytes;
}

#endif
