/* yaml_chunks_check must give exactly yaml_check's answer (verdict,
 * offset and message) whatever its cache holds: on texts built to sit at
 * the edges of the argument in yaml_chunks.c (pieces that are valid alone
 * inside a file that is not), on a cache warmed by an earlier version of
 * the text, and on random one-character edits of the real compose corpus
 * (../shared/corpus/compose beside the repository; skipped when absent). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casefile.h"
#include "dockls/base/alloc.h"
#include "dockls/base/fs.h"
#include "dockls/base/path.h"
#include "dockls/syntax/yaml_chunks.h"

/* Compares the two answers on one text; returns libyaml's verdict. */
static bool same_answer(YamlChunks *cache, const char *text, size_t len) {
  YamlProblem want = {0}, got = {0};
  bool ok = yaml_check(text, len, &want);
  bool chunked = yaml_chunks_check(cache, text, len, &got);
  cr_assert_eq(chunked, ok, "verdict differs on:\n%.*s", (int)len, text);
  if (!ok) {
    cr_assert_eq(got.offset, want.offset, "offset %zu vs %zu (%s vs %s) on:\n%.*s", got.offset, want.offset, got.message, want.message, (int)len, text);
    cr_assert(strcmp(got.message, want.message) == 0, "%s vs %s on:\n%.*s", got.message, want.message, (int)len, text);
    xfree(want.message);
    xfree(got.message);
  }
  return ok;
}

static bool same_answer_str(YamlChunks *cache, const char *text) {
  return same_answer(cache, text, strlen(text));
}

/* Each of these is checked with an empty cache and with a cache that
 * holds every piece of a valid file first. */
static const char *const edge_cases[] = {
    /* A service piece that is a valid document alone, but not a mapping. */
    "services:\n  a:\n    image: x\n  b\n",
    "services:\n  a: 1\n  - x\n",
    /* Two keys in one piece cannot happen by cutting; a flow mapping can. */
    "services:\n  {a: 1}\n",
    /* A tab in the indentation. */
    "services:\n  a:\n\timage: x\n",
    "services:\n  a:\n  \timage: x\n",
    /* `services:` inside a multi-line quoted scalar, not a key. */
    "x: \"abc\nservices:\n  a: 1\n\"\n",
    /* `services:` inside a flow collection, not a top-level key. */
    "a: [\nservices:\n  b: 1\n]\n",
    /* `services:` in the second document. */
    "a: 1\n---\nservices:\n  s:\n    image: x\n",
    /* The services' value decorated, or not empty: a compact sequence
     * after the services makes it a sequence in the rest of the file. */
    "services:\n  a: 1\n- x\n",
    /* The services' value decorated. */
    "services: &s\n  a: 1\n",
    "services: !!map\n  a: 1\n",
    /* Indentation that is not the services' own. */
    "services:\n  a:\n    image: x\n   b: 1\n",
    "services:\n  a: 1\n b: 2\n",
    "services:\n    a: 1\n  b: 2\n",
    /* A flow collection or a quoted scalar running over a service line. */
    "services:\n  a: {x: 1,\n  y: 2}\n",
    "services:\n  a: 'x\n  b: 1'\n",
    "services:\n  a: [1,\n  2]\n",
    /* Line breaks this file's cutting does not see. */
    "services:\r  a: 1\r  b\r",
    "services:\r\n  a:\r\n    image: x\r\n  b:\r\n    image: y\r\n",
    /* An explicit key, a block scalar, identical services, comments at
     * column 0 between services, a top-level key after them. */
    "services:\n  ? a\n  : 1\n",
    "services:\n  a:\n    command: |\n      run\n# note\n  b: 1\nvolumes:\n  v: {}\n",
    "services:\n  a:\n    x: 1\n  a:\n    x: 1\n",
    /* A mistake found in one service, which the service read on its own
     * (after a lead that opens the services' mapping) names in the whole
     * text's words, but for these: a flow mapping opened at a service's
     * line runs on into the rest of the file; a key without its `:` on a
     * service's first line is a required key only inside the services'
     * mapping; a sequence entry at the services' indentation, after a
     * service with a value and after one without (where it is that
     * service's value, and the file is valid). */
    "services:\n  a:\n    image: x\n  {  environment:\n      - 'A=yes'\nvolumes:\n  d:\n    driver: local\n",
    "services:\n  a:\n    image: x\n  db:`\n    image: y\n  c:\n    image: z\n",
    "services:\n  a:\n    image: x\n    volumes:\n  - /run:/run\n    depends_on:\n      - b\n  b:\n    build: b\n",
    "services:\n  a:\n  - x\n  b:\n    image: y\n",
    "services:\n  a:\n    image: x\n  b:\n    image: \"y\n  c:\n    image: z\n",
    "services:\n  a:\n    image: x\n  b:\n    ports:\n    - 1\n     x: 2\n  c:\n    image: z\n",
    /* Mistakes in the skeleton, which is read with a stand-in service in
     * place of the services: in the head, after the services (moved by
     * their bytes and lines), after them with a service failing too (its
     * mistake comes first), and in a context that starts in the head. */
    "version: '3'\nfoo\nservices:\n  a:\n    image: x\n  b:\n    image: y\n",
    "services:\n  a:\n    image: x\n  b:\n    image: y\n    ports:\n      - 1\nabcdefghij\n",
    "services:\n  a:\n    image: x\n  b\n    image: y\nvolumes:\n  v: [\n",
    "services:\n  a:\n    image: x\n]  args:\n    y: 1\nvolumes:\n  v: {}\n",
    "services:\n  a:\n    image: x\nvolumes:\n  - v\n",
    /* Bytes that are not UTF-8 at a piece's end: alone, the piece ends
     * inside the sequence; in the file, the next service's spaces follow. */
    "services:\n  a:\n    image: x\xF0\x9F\n  b:\n    image: y\n",
    "services:\n  a:\n    image: x\n  b:\n    image: y\nv: \xE2\x82\n",
    "services:\n  a:\n    x: 1\n  b:\n    x: [1\n",
    "services:\n  a:\n    image: x\nservices:\n  b:\n    image: y\n",
    "x-a: &a\n  restart: always\nservices:\n  a:\n    <<: *a\n  b:\n    <<: *b\n",
    "\xEF\xBB\xBFservices:\n  a:\n    image: x\n",
    "services:\n  a:\n    image: x\n  b:\n    image: \"y\n",
    "services:\n",
    "",
};

static const char *const warm =
    "services:\n  a:\n    image: x\n  b:\n    image: y\n  a: 1\n  b\n  {a: 1}\nvolumes:\n  v: {}\n";

Test(yaml_chunks, edge_cases_cold_and_warm) {
  for (size_t i = 0; i < sizeof edge_cases / sizeof *edge_cases; i++) {
    YamlChunks *cold = yaml_chunks_new();
    same_answer_str(cold, edge_cases[i]);
    same_answer_str(cold, edge_cases[i]); /* the second time from the cache */
    yaml_chunks_delete(cold);
    YamlChunks *warmed = yaml_chunks_new();
    same_answer_str(warmed, warm);
    same_answer_str(warmed, edge_cases[i]);
    yaml_chunks_delete(warmed);
  }
}

/* Typing: a valid file, then a mistake in one service, then the fix. */
Test(yaml_chunks, typing_in_one_service) {
  YamlChunks *cache = yaml_chunks_new();
  const char *valid = "services:\n  a:\n    image: x\n  b:\n    image: y\n  c:\n    image: z\n";
  const char *broken = "services:\n  a:\n    image: x\n  b:\n    image: \"y\n  c:\n    image: z\n";
  cr_assert(same_answer_str(cache, valid));
  cr_assert_not(same_answer_str(cache, broken));
  cr_assert(same_answer_str(cache, valid));
  cr_assert_not(same_answer_str(cache, broken));
  yaml_chunks_delete(cache);
}

/* A fixed pseudo-random sequence, so that a failure can be replayed. */
static unsigned next_random(unsigned *state) {
  *state = *state * 1103515245u + 12345u;
  return (*state >> 16) & 0x7fff;
}

Test(yaml_chunks, corpus_edits_match_libyaml) {
  char *dir;
  StrArray names;
  if (!test_corpus_list("compose", &dir, &names)) {
    cr_skip_test("../shared/corpus/compose is absent: the differential test needs the corpus");
    return;
  }
  static const char alphabet[] = " \t:\"'-{}[]&*!%@`|>#\n,?\\x\r";
  unsigned state = 12345;
  for (size_t f = 0; f < names.len; f++) {
    size_t len;
    char *text = test_read_in(dir, names.items[f], &len);
    YamlChunks *cache = yaml_chunks_new();
    same_answer(cache, text, len);
    char *edited = xmalloc(len + 2);
    for (int k = 0; k < 24 && len > 0; k++) {
      size_t at = next_random(&state) % len;
      char c = alphabet[next_random(&state) % (sizeof alphabet - 1)];
      size_t n = len;
      memcpy(edited, text, at);
      switch (next_random(&state) % 3) {
        case 0: edited[at] = c; memcpy(edited + at + 1, text + at, len - at); n = len + 1; break;
        case 1: memcpy(edited + at, text + at + 1, len - at - 1); n = len - 1; break;
        default: memcpy(edited + at, text + at, len - at); edited[at] = c; break;
      }
      same_answer(cache, edited, n);
      same_answer(cache, text, len);
    }
    xfree(edited);
    xfree(text);
    yaml_chunks_delete(cache);
  }
  cr_assert_gt(names.len, 0);
  strarray_delete(&names);
  xfree(dir);
}

/* yaml_chunks_check_since of `text`, told how it differs from `last` (the
 * text checked just before under `last_id`): the common ends, each cut
 * short by `narrow` bytes where it can be, as the workspace's account of
 * edits is (it never knows more than the edited span).  Compared with
 * libyaml on the whole text; returns libyaml's verdict. */
static bool same_answer_since(YamlChunks *cache, const char *last, size_t last_len, uint64_t last_id,
                              const char *text, size_t len, uint64_t id, size_t narrow) {
  size_t most = last_len < len ? last_len : len, p = 0, q = 0;
  while (p < most && last[p] == text[p]) p++;
  while (q < most - p && last[last_len - 1 - q] == text[len - 1 - q]) q++;
  TextDelta since = {p > narrow ? p - narrow : 0, q > narrow ? q - narrow : 0, last_len};
  cr_assert_eq(yaml_chunks_text_id(cache), last_id);
  YamlProblem want = {0}, got = {0};
  bool ok = yaml_check(text, len, &want);
  bool chunked = yaml_chunks_check_since(cache, text, len, id, &since, &got);
  cr_assert_eq(chunked, ok, "verdict differs on:\n%.*s", (int)len, text);
  if (!ok) {
    cr_assert_eq(got.offset, want.offset, "offset %zu vs %zu (%s vs %s) on:\n%.*s", got.offset, want.offset, got.message, want.message, (int)len, text);
    xfree(want.message);
    xfree(got.message);
  }
  return ok;
}

/* Edits told by how the text changed (yaml_chunks_check_since, as the
 * syntax-error rule calls it): every edit of the cases below and of the
 * services' keys and values, with exact and with shortened unchanged
 * ends, gets libyaml's answer on the whole text, and so does the way
 * back to the valid text. */
Test(yaml_chunks, edits_told_since) {
  static const char *const valid =
      "x: 1\nservices:\n  a:\n    image: x\n  b:\n    image: y\n  c:\n    image: z\nvolumes:\n  v: {}\n";
  static const char *const changed[] = {
      "x: 1\nservices:\n  a:\n    image: xx\n  b:\n    image: y\n  c:\n    image: z\nvolumes:\n  v: {}\n",
      "x: 1\nservices:\n  a:\n    image: x\n  b:\n    image: \"y\n  c:\n    image: z\nvolumes:\n  v: {}\n",
      "x: 1\nservices:\n  a:\n    image: x\n  b:\n    image: y\n  c:\n\timage: z\nvolumes:\n  v: {}\n",
      "x: 1\nservices:\n  a:\n    image: x\n  b:\n    image: y\n c:\n    image: z\nvolumes:\n  v: {}\n",
      "x: 1\nservices:\n  a:\n    image: x\n  bc:\n    image: y\n  c:\n    image: z\nvolumes:\n  v: {}\n",
      "x: 1\nservices:\n  a:\n    image: x\n  b:\n    image: y\n  c:\n    image: z\nvolumes:\n  v: {\n",
      "x: 1\nservices:\n  a:\n    image: x\n  b:\n    image: y\n  c:\n    image: z\n  d: 1\nvolumes:\n  v: {}\n",
      "x: 1\nservices:\n  a:\n    image: x\n  b:\n    image: y\n    - z\n  c:\n    image: z\nvolumes:\n  v: {}\n",
      "x: 1\nservices:\n  a:\n    image: x\n  b:\n    image: y\n  c:\n    image: z\nservices:\n  v: {}\n",
      "x: 2\nservices:\n  a:\n    image: x\n  b:\n    image: y\n  c:\n    image: z\nvolumes:\n  v: {}\n",
  };
  for (size_t narrow = 0; narrow <= 9; narrow += 3) {
    for (size_t i = 0; i < sizeof changed / sizeof *changed; i++) {
      YamlChunks *cache = yaml_chunks_new();
      YamlProblem unused;
      cr_assert(yaml_chunks_check_since(cache, valid, strlen(valid), 1, NULL, &unused));
      same_answer_since(cache, valid, strlen(valid), 1, changed[i], strlen(changed[i]), 2, narrow);
      same_answer_since(cache, changed[i], strlen(changed[i]), 2, valid, strlen(valid), 3, narrow);
      same_answer_since(cache, valid, strlen(valid), 3, changed[i], strlen(changed[i]), 4, narrow);
      yaml_chunks_delete(cache);
    }
  }
}

/* An account of the change is taken only against the text it is about:
 * after yaml_chunks_locate checked another text (a repaired copy), or for
 * a last text of another length, the cache compares the texts instead of
 * trusting it.  Trusting either account below answers "valid" for a text
 * with an unclosed quote. */
Test(yaml_chunks, since_only_for_the_last_text) {
  const char *a = "services:\n  a:\n    image: x\n  b:\n    image: y\n";
  const char *b = "services:\n  a:\n    image: w\n  b:\n    image: y\n";
  const char *broken = "services:\n  a:\n    image: x\n  b:\n    image: \"\n";
  size_t len = strlen(a);
  YamlChunks *cache = yaml_chunks_new();
  YamlProblem problem;
  cr_assert(yaml_chunks_check_since(cache, a, len, 7, NULL, &problem));
  cr_assert_eq(yaml_chunks_text_id(cache), 7);
  size_t origin;
  cr_assert(yaml_chunks_locate(cache, b, len, &origin));
  cr_assert_eq(yaml_chunks_text_id(cache), 0, "a located text has no name");
  TextDelta unchanged = {len, len, len};
  cr_assert_not(yaml_chunks_check_since(cache, broken, len, 8, &unchanged, &problem));
  xfree(problem.message);
  YamlChunks *other = yaml_chunks_new();
  cr_assert(yaml_chunks_check_since(other, a, len, 7, NULL, &problem));
  TextDelta wrong_length = {len, len, len + 1};
  cr_assert_not(yaml_chunks_check_since(other, broken, len, 8, &wrong_length, &problem));
  xfree(problem.message);
  yaml_chunks_delete(other);
  yaml_chunks_delete(cache);
}

/* Edits inside one service of a text that passed, which the cache checks
 * from the difference alone (only the edited piece goes to libyaml): each
 * must get libyaml's answer on the whole text, including the edits that
 * change where the file would be cut (a line indented to or below the
 * services, a tab or a lone carriage return in the edited lines) or that
 * reach the key's first character or the line break before the next
 * service.  The bases have a top-level key after the services, or end
 * with a service. */
Test(yaml_chunks, edits_inside_one_service) {
  static const char *const bases[] = {"  a:\n    image: x\n%s  c:\n    image: z\nvolumes:\n  v: {}\n",
                                      "  a:\n    image: x\n%s"};
  static const char *const bodies[] = {
      "  b:\n    image: y\n",          "  b:\n  \timage: y\n",         "  b:\n\timage: y\n",
      "  b:\n    image: y\r  d: 1\n",  "  b:\n    image: y\n  d: 1\n",   "  b:\n    image: y\n d: 1\n",
      "  b:\n    image: y\nd: 1\n",    "  b:\n    image: y\n    # c\n", "  b:\n    image: [y,\n  z]\n",
      "  b:\n    image: 'y\n  d: 1'\n", "  b:\n    command: |\n      run\n    image: y\n",
      "  b:\n    image: y\n#\n",       "  bb:\n    image: y\n",          "  xb:\n    image: y\n",
      "  b:\n    image: y",            "  b:\n    image: y\n\n",          "  b:\n    image: \"y\n",
      "  b:  \n    image: y\n",        "  b:\n    image: y\n      - z\n", "  b:\n    image: y\n  - z\n",
      /* Scalars and flow collections running onto a line indented to or
       * below the services. */
      "  b:\n    image: 'y\n d'\n",     "  b:\n    image: \"y\n\"\n",       "  b:\n    image: [y,\nz]\n",
      "  b:\n    image: {y: 1,\n  z: 2}\n", "  b:\n    image: y\n # c\n",
  };
  for (size_t b = 0; b < sizeof bases / sizeof *bases; b++) {
    for (size_t i = 0; i < sizeof bodies / sizeof *bodies; i++) {
      char base[256];
      snprintf(base, sizeof base, "services:\n%s", bases[b]);
      char valid[256], changed[256];
      snprintf(valid, sizeof valid, base, bodies[0]);
      snprintf(changed, sizeof changed, base, bodies[i]);
      YamlChunks *cache = yaml_chunks_new();
      cr_assert(same_answer_str(cache, valid));
      same_answer_str(cache, changed);
      same_answer_str(cache, valid);
      yaml_chunks_delete(cache);
    }
  }
}

/* Edits after the services of a text that passed, which the cache checks
 * by the skeleton alone: each must get libyaml's answer on the whole text,
 * including those that add a second `services:`, a tab or a lone carriage
 * return, or reach the first character of the first line after the
 * services. */
Test(yaml_chunks, edits_after_the_services) {
  static const char *const tails[] = {
      "volumes:\n  v: {}\n",          "volumes:\n  v: {}\n  w: {}\n", "volumes:\n  v: {\n",
      "volumes:\n\tv: {}\n",          "volumes:\n  v: {}\nservices:\n  z: 1\n", "volumes:\n  v: {}\r  w: 1\n",
      "volumes:\n  v: {}\n  - x\n",   "vxolumes:\n  v: {}\n",         "xvolumes:\n  v: {}\n",
      " volumes:\n  v: {}\n",         "volumes:\n  v: {}\nx: &a 1\ny: *a\n", "volumes:\n  v: {}\n---\nz: 1\n",
      "volumes:\n  v: {}\n# end\n",   "volumes: [\n  v]\n",           "volumes:\n  v: {}\nservices: 1\n",
  };
  for (size_t i = 0; i < sizeof tails / sizeof *tails; i++) {
    char valid[256], changed[256];
    snprintf(valid, sizeof valid, "x: 1\nservices:\n  a:\n    image: x\n  b:\n    image: y\n%s", tails[0]);
    snprintf(changed, sizeof changed, "x: 1\nservices:\n  a:\n    image: x\n  b:\n    image: y\n%s", tails[i]);
    YamlChunks *cache = yaml_chunks_new();
    cr_assert(same_answer_str(cache, valid));
    same_answer_str(cache, changed);
    same_answer_str(cache, valid);
    yaml_chunks_delete(cache);
  }
}
