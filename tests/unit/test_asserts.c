/* Asserts are on in every build type: CMakeLists.txt takes -DNDEBUG out
 * of CMake's Release, RelWithDebInfo and MinSizeRel flags, because a
 * broken invariant must stop the server where it broke rather than let it
 * write past an array.  This test fails when an assert of the core library
 * is compiled out: asking the workspace for a document that was closed
 * violates the assert in ws__doc_view, which must abort.  Without the
 * assert the call would dereference NULL and die of SIGSEGV instead (or
 * return), which Criterion reports as a failure of this test. */
#include <criterion/criterion.h>
#include <signal.h>
#include <string.h>

#include "dockls/workspace/workspace.h"

Test(asserts, compiled_into_the_core_library, .signal = SIGABRT) {
  Workspace *ws = ws_new(NULL);
  const char *text = "FROM alpine:3.20\n";
  FileId id;
  char *err = NULL;
  cr_assert(ws_open(ws, "file:///w/Dockerfile", DOC_KIND_DOCKERFILE, 1, text, strlen(text), &id, &err));
  ws_close(ws, id);
  cr_assert_not(ws_is_live(ws, id));
  /* The id names a closed document: the accessor's assert must fire. */
  (void)ws_version(ws, id);
}
