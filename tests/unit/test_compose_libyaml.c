/* Differential test of the compose model against libyaml, over the real
 * compose corpus (../shared/corpus/compose beside the repository).
 *
 * Both sides are printed in one canonical form: mappings with their keys
 * sorted, sequences in order, scalars as their decoded text, and YAML
 * nulls as <null>.  The libyaml side is a small loader written here: it
 * takes libyaml's document (aliases already point at their anchors) and
 * applies merge keys (`<<: *a`, `<<: [*a, *b]`: explicit keys win, then
 * earlier merged mappings) and `!reset` (the key disappears) itself, as
 * Compose's loader does.  The model side prints ComposeModel's resolved
 * tree.  For every file the two prints must be equal, which covers the
 * services, their keys and every scalar value after anchors and merges.
 *
 * The second test holds the syntax-error rule to the corpus: every file
 * there loads in Compose's YAML loader (PyYAML checked it when the corpus
 * was built), so none may get a syntax-error diagnostic. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "casefile.h"
#include "dockls/analysis/analysis.h"
#include "dockls/base/fs.h"
#include "dockls/base/strbuf.h"
#include "dockls/model/compose.h"
#include "dockls/syntax/parse.h"
#include "dockls/base/path.h"

/* Prints larger than this are cut and compared as cut (a safety net for
 * alias-heavy files; the corpus has none near it). */
#define PRINT_LIMIT (4u << 20)

static int str_compare(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorts "key: value" entries and joins them into {…}. */
static void print_sorted(StrArray *entries, StrBuf *out) {
  if (entries->len > 1) qsort(entries->items, entries->len, sizeof(char *), str_compare);
  strbuf_append(out, "{");
  for (size_t i = 0; i < entries->len; i++) {
    if (i) strbuf_append(out, ", ");
    strbuf_append(out, entries->items[i]);
  }
  strbuf_append(out, "}");
  strarray_delete(entries);
}

/* --- libyaml side -------------------------------------------------------- */

static bool ly_is_null(const yaml_node_t *n) {
  if (n->type != YAML_SCALAR_NODE || n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE) return false;
  /* libyaml's loader tags every untagged scalar !!str, so the tag says
   * nothing here; the plain text decides, as the core schema does. */
  const char *v = (const char *)n->data.scalar.value;
  return !*v || !strcmp(v, "~") || !strcmp(v, "null") || !strcmp(v, "Null") || !strcmp(v, "NULL");
}

static bool ly_has_tag(const yaml_node_t *n, const char *tag) {
  return n->tag && strcmp((const char *)n->tag, tag) == 0;
}

static void ly_print(yaml_document_t *doc, yaml_node_t *n, StrBuf *out, int depth);

static bool ly_key_seen(const StrArray *keys, const char *k) {
  for (size_t i = 0; i < keys->len; i++)
    if (strcmp(keys->items[i], k) == 0) return true;
  return false;
}

/* Adds the pairs of mapping n whose keys are not in *keys yet. */
static void ly_collect(yaml_document_t *doc, yaml_node_t *n, StrArray *keys, StrArray *entries,
                       int depth) {
  /* Explicit keys first, then the merge sources in order. */
  for (int pass = 0; pass < 2; pass++) {
    for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
      yaml_node_t *k = yaml_document_get_node(doc, p->key);
      yaml_node_t *v = yaml_document_get_node(doc, p->value);
      bool merge = k->type == YAML_SCALAR_NODE && k->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
                   strcmp((const char *)k->data.scalar.value, "<<") == 0;
      if (pass == 0 && !merge) {
        StrBuf key = STRBUF_INIT;
        ly_print(doc, k, &key, depth + 1);
        char *ks = strbuf_take(&key);
        if (ly_key_seen(keys, ks)) {
          xfree(ks);
          continue;
        }
        array_push(keys, xstrdup(ks));
        if (ly_has_tag(v, "!reset")) {
          xfree(ks);
          continue;
        }
        StrBuf e = STRBUF_INIT;
        strbuf_append(&e, ks);
        strbuf_append(&e, ": ");
        ly_print(doc, v, &e, depth + 1);
        array_push(entries, strbuf_take(&e));
        xfree(ks);
      } else if (pass == 1 && merge) {
        if (v->type == YAML_MAPPING_NODE) {
          ly_collect(doc, v, keys, entries, depth + 1);
        } else if (v->type == YAML_SEQUENCE_NODE) {
          for (yaml_node_item_t *it = v->data.sequence.items.start; it < v->data.sequence.items.top; it++) {
            yaml_node_t *m = yaml_document_get_node(doc, *it);
            if (m->type == YAML_MAPPING_NODE) ly_collect(doc, m, keys, entries, depth + 1);
          }
        }
      }
    }
  }
}

static void ly_print(yaml_document_t *doc, yaml_node_t *n, StrBuf *out, int depth) {
  if (out->len > PRINT_LIMIT || depth > 200) return;
  if (ly_is_null(n)) {
    strbuf_append(out, "<null>");
  } else if (n->type == YAML_SCALAR_NODE) {
    strbuf_append(out, "'");
    strbuf_append_n(out, (const char *)n->data.scalar.value, n->data.scalar.length);
    strbuf_append(out, "'");
  } else if (n->type == YAML_SEQUENCE_NODE) {
    strbuf_append(out, "[");
    for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top; it++) {
      if (it != n->data.sequence.items.start) strbuf_append(out, ", ");
      ly_print(doc, yaml_document_get_node(doc, *it), out, depth + 1);
    }
    strbuf_append(out, "]");
  } else if (n->type == YAML_MAPPING_NODE) {
    StrArray keys, entries;
    array_init(&keys);
    array_init(&entries);
    ly_collect(doc, n, &keys, &entries, depth);
    strarray_delete(&keys);
    print_sorted(&entries, out);
  }
}

/* Loads the first document with libyaml and prints it; false when libyaml
 * refuses the text. */
static bool ly_load(const char *bytes, size_t len, StrBuf *out) {
  yaml_parser_t parser;
  yaml_document_t doc;
  yaml_parser_initialize(&parser);
  yaml_parser_set_input_string(&parser, (const unsigned char *)bytes, len);
  bool ok = yaml_parser_load(&parser, &doc);
  if (ok) {
    yaml_node_t *root = yaml_document_get_root_node(&doc);
    if (root) ly_print(&doc, root, out, 0);
    yaml_document_delete(&doc);
  }
  yaml_parser_delete(&parser);
  return ok;
}

/* --- model side ---------------------------------------------------------- */

static void model_print(const ComposeNode *n, StrBuf *out, int depth) {
  if (out->len > PRINT_LIMIT || depth > 200) return;
  switch (n->kind) {
    case COMPOSE_NODE_NULL:
      strbuf_append(out, "<null>");
      break;
    case COMPOSE_NODE_SCALAR:
      strbuf_append(out, "'");
      strbuf_append(out, n->text);
      strbuf_append(out, "'");
      break;
    case COMPOSE_NODE_SEQ:
      strbuf_append(out, "[");
      for (size_t i = 0; i < n->nitems; i++) {
        if (i) strbuf_append(out, ", ");
        model_print(n->items[i], out, depth + 1);
      }
      strbuf_append(out, "]");
      break;
    case COMPOSE_NODE_MAP: {
      StrArray entries;
      array_init(&entries);
      for (size_t i = 0; i < n->npairs; i++) {
        StrBuf e = STRBUF_INIT;
        strbuf_appendf(&e, "'%s': ", n->pairs[i].key);
        model_print(n->pairs[i].value, &e, depth + 1);
        array_push(&entries, strbuf_take(&e));
      }
      print_sorted(&entries, out);
      break;
    }
    case COMPOSE_NODE_OPAQUE:
      strbuf_append(out, "<opaque>");
      break;
  }
}

/* Keys that are YAML nulls print as <null> on the libyaml side; the model
 * keeps a key's text, so the canonical form quotes both the same way only
 * for non-null keys, which is all the corpus has. */


/* The first character where two prints part, with some context. */
static void describe_difference(const char *a, const char *b, StrBuf *why) {
  size_t i = 0;
  while (a[i] && a[i] == b[i]) i++;
  size_t from = i > 60 ? i - 60 : 0;
  strbuf_appendf(why, "    libyaml: …%.160s\n    model:   …%.160s\n", a + from, b + from);
}

Test(compose_libyaml, corpus_matches_libyaml_loader) {
  char *dir;
  StrArray names;
  if (!test_corpus_list("compose", &dir, &names)) {
    cr_skip_test("../shared/corpus/compose is absent: the differential test needs the corpus");
    return;
  }
  StrBuf why = STRBUF_INIT;
  size_t compared = 0, differ = 0;
  SyntaxParsers *parsers = syntax_parsers_new();
  for (size_t i = 0; i < names.len; i++) {
    char *path = path_append(dir, names.items[i]);
    size_t len;
    char *bytes = test_read_file(path, &len);
    cr_assert_not_null(bytes, "%s", path);
    StrBuf want = STRBUF_INIT, got = STRBUF_INIT;
    strbuf_append(&want, "");
    strbuf_append(&got, "");
    if (ly_load(bytes, len, &want)) {
      Syntax *syntax = syntax_parse(parsers, LANG_YAML, bytes, len);
      TextDoc text;
      text_init(&text, bytes, len);
      ComposeModel *model = compose_model_build(syntax, &text);
      if (model->root) model_print(model->root, &got, 0);
      compose_model_delete(model);
      text_destroy(&text);
      syntax_delete(syntax);
      compared++;
      if (strcmp(want.data, got.data) != 0) {
        differ++;
        strbuf_appendf(&why, "  %s\n", names.items[i]);
        describe_difference(want.data, got.data, &why);
      }
    }
    strbuf_destroy(&want);
    strbuf_destroy(&got);
    xfree(bytes);
    xfree(path);
  }
  strarray_delete(&names);
  xfree(dir);
  syntax_parsers_delete(parsers);
  cr_assert_gt(compared, 100, "only %zu corpus files loaded with libyaml", compared);
  cr_assert_eq(differ, 0, "%zu of %zu files differ from libyaml:\n%s", differ, compared,
               strbuf_cstr(&why));
  strbuf_destroy(&why);
}

Test(compose_libyaml, corpus_has_no_syntax_error) {
  char *dir;
  StrArray names;
  if (!test_corpus_list("compose", &dir, &names)) {
    cr_skip_test("../shared/corpus/compose is absent: the corpus syntax test needs the corpus");
    return;
  }
  char *err = NULL;
  Workspace *ws = ws_new(dir);
  StrBuf why = STRBUF_INIT;
  for (size_t i = 0; i < names.len; i++) {
    char *path = path_append(dir, names.items[i]);
    FileId id;
    cr_assert(ws_load_file(ws, path, DOC_KIND_COMPOSE, &id, &err), "%s", err);
    DiagList diags;
    array_init(&diags);
    analysis_file(ws, id, &diags);
    for (size_t d = 0; d < diags.len; d++) {
      const Diag *dg = &diags.items[d];
      if (dg->rule != RULE_SYNTAX_ERROR) continue;
      TextPos pos = text_pos_of(ws_text(ws, id), dg->start, POS_ENC_UTF8);
      strbuf_appendf(&why, "  %s:%u:%u: %s\n", names.items[i], pos.line + 1, pos.character + 1,
                     dg->message);
    }
    diaglist_destroy(&diags);
    ws_close(ws, id);
    xfree(path);
  }
  ws_delete(ws);
  strarray_delete(&names);
  xfree(dir);
  cr_assert_eq(why.len, 0, "syntax errors in corpus files Compose accepts:\n%s", strbuf_cstr(&why));
  strbuf_destroy(&why);
}
