/* libyaml's verdict on a YAML text.  libyaml reports marks as code-point
 * counts from the start of the stream (after any byte-order mark, and with
 * "\r\n" counting two), so the byte offset is recovered by walking the
 * text; this runs only when there is an error. */
#include "dockls/syntax/yaml_check.h"

#include <stdint.h>
#include <string.h>
#include <yaml.h>

#include "dockls/base/alloc.h"
#include "dockls/base/strbuf.h"
#include "dockls/base/utf.h"

size_t yaml_mark_offset(const char *bytes, size_t len, size_t index) {
  size_t at = 0, i = 0;
  if (len >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0) at = 3;
  while (i < index && at < len) {
    /* Eight ASCII bytes are eight code points, and a compose file is
     * mostly ASCII: a mistake near the end of a long file is found in a
     * tenth of the time of decoding every character. */
    uint64_t word;
    if (index - i >= 8 && len - at >= 8) {
      memcpy(&word, bytes + at, 8);
      if ((word & 0x8080808080808080ull) == 0) {
        at += 8;
        i += 8;
        continue;
      }
    }
    uint32_t cp;
    at += utf8_decode(bytes + at, len - at, &cp);
    i++;
  }
  return at;
}

static bool yaml_event_kind(yaml_event_type_t type, YamlEventKind *kind) {
  switch (type) {
    case YAML_DOCUMENT_START_EVENT: *kind = YAML_EVENT_DOCUMENT_START; return true;
    case YAML_DOCUMENT_END_EVENT: *kind = YAML_EVENT_DOCUMENT_END; return true;
    case YAML_MAPPING_START_EVENT: *kind = YAML_EVENT_MAPPING_START; return true;
    case YAML_MAPPING_END_EVENT: *kind = YAML_EVENT_MAPPING_END; return true;
    case YAML_SEQUENCE_START_EVENT: *kind = YAML_EVENT_SEQUENCE_START; return true;
    case YAML_SEQUENCE_END_EVENT: *kind = YAML_EVENT_SEQUENCE_END; return true;
    case YAML_SCALAR_EVENT: *kind = YAML_EVENT_SCALAR; return true;
    case YAML_ALIAS_EVENT: *kind = YAML_EVENT_ALIAS; return true;
    default: return false; /* stream start and end */
  }
}

static void yaml_event_reduce(const yaml_event_t *e, YamlEvent *out) {
  memset(out, 0, sizeof *out);
  out->line = e->start_mark.line;
  out->column = e->start_mark.column;
  switch (e->type) {
    case YAML_DOCUMENT_START_EVENT: out->implicit = e->data.document_start.implicit; break;
    case YAML_DOCUMENT_END_EVENT: out->implicit = e->data.document_end.implicit; break;
    case YAML_MAPPING_START_EVENT:
      out->block = e->data.mapping_start.style != YAML_FLOW_MAPPING_STYLE;
      out->decorated = e->data.mapping_start.anchor || e->data.mapping_start.tag;
      break;
    case YAML_SEQUENCE_START_EVENT:
      out->block = e->data.sequence_start.style != YAML_FLOW_SEQUENCE_STYLE;
      out->decorated = e->data.sequence_start.anchor || e->data.sequence_start.tag;
      break;
    case YAML_SCALAR_EVENT:
      out->decorated = e->data.scalar.anchor || e->data.scalar.tag;
      out->empty_plain = e->data.scalar.length == 0 && e->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
      break;
    default: break;
  }
}

/* Runs the event parser to the end of the stream, handing each event to
 * `visit` when there is one; false on a libyaml error (the parser then
 * holds it) or when `visit` returns false. */
static bool yaml_run(yaml_parser_t *parser, bool (*visit)(const YamlEvent *event, void *data), void *data) {
  for (;;) {
    yaml_event_t event;
    if (!yaml_parser_parse(parser, &event)) return false;
    bool done = event.type == YAML_STREAM_END_EVENT, ok = true;
    YamlEventKind kind;
    if (visit && yaml_event_kind(event.type, &kind)) {
      YamlEvent reduced;
      yaml_event_reduce(&event, &reduced);
      reduced.kind = kind;
      ok = visit(&reduced, data);
    }
    yaml_event_delete(&event);
    if (done || !ok) return ok;
  }
}

bool yaml_walk_events(const char *bytes, size_t len, bool (*visit)(const YamlEvent *event, void *data),
                      void *data) {
  yaml_parser_t parser;
  if (!yaml_parser_initialize(&parser)) return false;
  yaml_parser_set_input_string(&parser, (const unsigned char *)bytes, len);
  bool ok = yaml_run(&parser, visit, data);
  yaml_parser_delete(&parser);
  return ok;
}

bool yaml_check(const char *bytes, size_t len, YamlProblem *problem) {
  return yaml_check_lines(bytes, len, 0, problem);
}

bool yaml_check_lines(const char *bytes, size_t len, size_t first_line, YamlProblem *problem) {
  yaml_parser_t parser;
  if (!yaml_parser_initialize(&parser)) {
    problem->offset = problem->origin = 0;
    problem->context = SIZE_MAX;
    problem->encoding = false;
    problem->message = xstrdup("libyaml could not start (out of memory)");
    return false;
  }
  yaml_parser_set_input_string(&parser, (const unsigned char *)bytes, len);
  bool ok = yaml_run(&parser, NULL, NULL);
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
                     first_line + parser.context_mark.line + 1, parser.context_mark.column + 1);
    }
    problem->offset = offset;
    problem->origin = offset;
    problem->context = parser.context ? yaml_mark_offset(bytes, len, parser.context_mark.index) : SIZE_MAX;
    problem->encoding = parser.error == YAML_READER_ERROR;
    bool local_context = parser.error == YAML_SCANNER_ERROR ||
                         (parser.context && strstr(parser.context, "flow") != NULL);
    if (parser.context && local_context && problem->context < offset) problem->origin = problem->context;
    problem->message = strbuf_take(&msg);
  }
  yaml_parser_delete(&parser);
  return ok;
}
