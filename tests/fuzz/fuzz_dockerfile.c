/* Fuzz target: a Dockerfile's parse, analysis and fix-all, in a small
 * project with a build context and a compose file that builds it (the
 * checks are in fuzz_analyse_and_fix). */
#include "fuzz_support.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_analyse_and_fix("file:///w/Dockerfile", DOC_KIND_DOCKERFILE, data, size);
  return 0;
}
