/* file:// URI conversion.  Only the file scheme matters to dockls: untitled
 * buffers and other schemes have no place on disk, so callers treat a NULL
 * path as "no file-system neighbours" rather than as an error. */
#include "dockls/base/uri.h"

#include <stdbool.h>
#include <string.h>

#include "dockls/base/alloc.h"
#include "dockls/base/strbuf.h"

static int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

char *uri_to_path(const char *uri) {
  static const char scheme[] = "file://";
  if (strncmp(uri, scheme, sizeof scheme - 1) != 0) return NULL;
  const char *p = uri + sizeof scheme - 1;
  if (strncmp(p, "localhost/", 10) == 0) p += 9;
  if (*p != '/') return NULL;
  StrBuf out = STRBUF_INIT;
  for (; *p && *p != '?' && *p != '#'; p++) {
    if (*p == '%') {
      int hi = hex_value(p[1]), lo = hi < 0 ? -1 : hex_value(p[2]);
      if (hi < 0 || lo < 0 || (hi == 0 && lo == 0)) {
        strbuf_destroy(&out);
        return NULL;
      }
      strbuf_append_char(&out, (char)(hi * 16 + lo));
      p += 2;
    } else {
      strbuf_append_char(&out, *p);
    }
  }
  return strbuf_take(&out);
}

static void uri_append_encoded(StrBuf *out, const char *path) {
  for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
    unsigned char c = *p;
    bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
    if (plain)
      strbuf_append_char(out, (char)c);
    else
      strbuf_appendf(out, "%%%02X", c);
  }
}

char *uri_from_path(const char *path) {
  StrBuf out = STRBUF_INIT;
  strbuf_append(&out, "file://");
  uri_append_encoded(&out, path);
  return strbuf_take(&out);
}

char *uri_encode_path(const char *path) {
  StrBuf out = STRBUF_INIT;
  uri_append_encoded(&out, path);
  return strbuf_take(&out);
}
