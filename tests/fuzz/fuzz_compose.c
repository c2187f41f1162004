/* Fuzz target: a compose file's parse, analysis and fix-all, in a small
 * project with the Dockerfile it builds and its .env (the checks are in
 * fuzz_analyse_and_fix). */
#include "fuzz_support.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_analyse_and_fix("file:///w/compose.yaml", DOC_KIND_COMPOSE, data, size);
  return 0;
}
