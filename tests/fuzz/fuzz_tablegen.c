/* Fuzz target: the table generator's grammar reader, and the rest of its
 * pipeline on what it reads (normalising, the LALR table, packing and
 * writing parser.c).  The input is a grammar.json.  The generator stops at
 * the first error in a grammar (tg_fatal), which here jumps back instead
 * of exiting; whatever it had allocated by then is left, as the process
 * would have ended, so such runs are made with leak checking off and a
 * run that completes is made again with it on. */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tablegen.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* LeakSanitizer's switches, present only in a sanitizer build. */
void __lsan_disable(void) __attribute__((weak));
void __lsan_enable(void) __attribute__((weak));

static FILE *sink;
static jmp_buf on_fatal;

/* True when the generator went through; false when it met an error. */
static bool generate(const char *json) {
  tg_fatal_jump = &on_fatal;
  if (setjmp(on_fatal)) {
    tg_fatal_jump = NULL;
    return false;
  }
  tablegen_generate(json, LR_LALR, sink, sink, NULL, NULL);
  tg_fatal_jump = NULL;
  return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!sink) sink = fopen("/dev/null", "w");
  if (!sink) abort();
  char *json = malloc(size + 1);
  memcpy(json, data, size);
  json[size] = '\0';
  if (__lsan_disable) __lsan_disable();
  bool completed = generate(json);
  if (__lsan_enable) __lsan_enable();
  if (completed && __lsan_enable) generate(json);
  free(json);
  return 0;
}
