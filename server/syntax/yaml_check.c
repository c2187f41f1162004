/* libyaml's verdict on a YAML text.  libyaml reports marks as code-point
 * counts from the start of the stream (after any byte-order mark, and with
 * "\r\n" counting two), so the byte offset is recovered by walking the
 * text; this runs only when there is an error. */
#include "dockls/syntax/yaml_check.h"

#include <string.h>
#include <yaml.h>

#include "dockls/base/alloc.h"
#include "dockls/base/strbuf.h"
#include "dockls/base/utf.h"

size_t yaml_mark_offset(const char *bytes, size_t len, size_t index) {
  size_t at = 0;
  if (len >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0) at = 3;
  for (size_t i = 0; i < index && at < len; i++) {
    uint32_t cp;
    at += utf8_decode(bytes + at, len - at, &cp);
  }
  return at;
}

bool yaml_check(const char *bytes, size_t len, YamlProblem *problem) {
  yaml_parser_t parser;
  if (!yaml_parser_initialize(&parser)) {
    problem->offset = problem->origin = 0;
    problem->message = xstrdup("libyaml could not start (out of memory)");
    return false;
  }
  yaml_parser_set_input_string(&parser, (const unsigned char *)bytes, len);
  bool ok = true;
  for (;;) {
    yaml_event_t event;
    if (!yaml_parser_parse(&parser, &event)) {
      ok = false;
      break;
    }
    bool done = event.type == YAML_STREAM_END_EVENT;
    yaml_event_delete(&event);
    if (done) break;
  }
  if (!ok) {
    /* Reader errors (bad encoding) carry a byte offset instead of a mark. */
    size_t offset = parser.error == YAML_READER_ERROR
                        ? (parser.problem_offset < len ? parser.problem_offset : len)
                        : yaml_mark_offset(bytes, len, parser.problem_mark.index);
    StrBuf msg = STRBUF_INIT;
    strbuf_append(&msg, parser.problem ? parser.problem : "invalid YAML");
    /* libyaml's most common complaint hides its cause: name the tab. */
    if (offset < len && bytes[offset] == '\t')
      strbuf_append(&msg, " (a tab: YAML indentation must use spaces)");
    if (parser.context) {
      strbuf_appendf(&msg, " (%s at line %zu, column %zu)", parser.context,
                     parser.context_mark.line + 1, parser.context_mark.column + 1);
    }
    problem->offset = offset;
    problem->origin = offset;
    bool local_context = parser.error == YAML_SCANNER_ERROR ||
                         (parser.context && strstr(parser.context, "flow") != NULL);
    if (parser.context && local_context) {
      size_t at = yaml_mark_offset(bytes, len, parser.context_mark.index);
      if (at < offset) problem->origin = at;
    }
    problem->message = strbuf_take(&msg);
  }
  yaml_parser_delete(&parser);
  return ok;
}
