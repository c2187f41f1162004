/* Semantic tokens: what each piece of a Dockerfile or compose file is, for
 * editors that colour by meaning rather than by regular expression (the
 * legend is in structure.h).  The walk is over the syntax tree; variable
 * references are found inside the text of values, strings and shell
 * fragments, and split the token around them so that `${VAR}` stands out
 * inside a string. */
#include <ctype.h>
#include <string.h>

#include "dockls/analysis/structure.h"
#include "dockls/model/compose.h"
#include "dockls/model/dockerfile.h"
#include "dockls/syntax/node.h"
#include "dockls/syntax/symbols.h"
#include "editing_internal.h"

typedef struct {
  const char *bytes;
  const Syntax *syntax; /* compose only: whose trees the walk reads */
  SemanticTokenArray *out;
  const DockerfileModel *model; /* Dockerfile only: to tell stage names from images */
  char escape;
} TokenWalk;

static void tokens_push(SemanticTokenArray *out, size_t start, size_t end, SemanticType type,
                        unsigned modifiers) {
  if (end <= start) return;
  /* Tokens arrive in document order from the walk; one that would overlap
   * the previous (never expected) is dropped rather than sent malformed. */
  if (out->len && array_last(out)->end > start) return;
  SemanticToken t = {start, end, type, modifiers};
  array_push(out, t);
}

/* The end of a Dockerfile variable reference starting at `p` (`$NAME` or
 * `${…}`), or `p` when there is none. */
static size_t tokens_dockerfile_var(const char *bytes, size_t p, size_t end) {
  if (p + 1 >= end || bytes[p] != '$') return p;
  if (bytes[p + 1] == '{') {
    for (size_t q = p + 2; q < end; q++)
      if (bytes[q] == '}') return q + 1;
    return p;
  }
  size_t q = p + 1;
  if (!(isalpha((unsigned char)bytes[q]) || bytes[q] == '_')) return p;
  while (q < end && (isalnum((unsigned char)bytes[q]) || bytes[q] == '_')) q++;
  return q;
}

/* Emits [start, end) as `type` (SEM_TYPE_COUNT: no token) with the variable
 * references inside it as variables.  `escape` before `$` makes it literal. */
static void tokens_with_vars(TokenWalk *w, size_t start, size_t end, SemanticType type) {
  size_t piece = start;
  for (size_t p = start; p < end; p++) {
    if (w->bytes[p] == w->escape && p + 1 < end) {
      p++;
      continue;
    }
    size_t var_end = tokens_dockerfile_var(w->bytes, p, end);
    if (var_end == p) continue;
    if (type != SEM_TYPE_COUNT) tokens_push(w->out, piece, p, type, 0);
    tokens_push(w->out, p, var_end, SEM_VARIABLE, 0);
    piece = var_end;
    p = var_end - 1;
  }
  if (type != SEM_TYPE_COUNT) tokens_push(w->out, piece, end, type, 0);
}

bool editing__is_keyword(TSNode node) {
  if (ts_node_is_named(node)) return false;
  const char *type = ts_node_type(node);
  if (!type[0] || !type[1]) return false;
  for (const char *p = type; *p; p++)
    if (!isalpha((unsigned char)*p)) return false;
  return true;
}

/* Whether a shell command can hold a token: its tokens are the variables
 * of its fragments (`$`), its comment lines (`#`) and its heredoc markers
 * (`<<`), and the grammar puts nothing else in it but line continuations.
 * A command with none of those characters and no syntax error inside is
 * not walked, which spares most of the tree in a file of plain RUN lines. */
static bool tokens_shell_may_hold(TSNode command, const char *bytes, size_t start, size_t end) {
  if (ts_node_has_error(command)) return true;
  for (size_t p = start; p < end; p++)
    if (bytes[p] == '$' || bytes[p] == '#' || bytes[p] == '<') return true;
  return false;
}

/* Emits the token `node` stands for, if any, and returns whether its
 * children are to be visited. */
static bool tokens_dockerfile_node(TokenWalk *w, TSNode node) {
  const DockerfileSymbols *y = dockerfile_symbols();
  size_t start = ts_node_start_byte(node), end = ts_node_end_byte(node);
  TSSymbol sym = ts_node_symbol(node);
  if (editing__is_keyword(node)) {
    tokens_push(w->out, start, end, SEM_KEYWORD, 0);
  } else if (sym == y->comment) {
    tokens_push(w->out, start, end, SEM_COMMENT, 0);
  } else if (sym == y->parser_directive) {
    tokens_push(w->out, start, end, SEM_MACRO, 0);
  } else if (sym == y->heredoc_marker) {
    tokens_push(w->out, start, end, SEM_OPERATOR, 0);
  } else if (sym == y->heredoc_block) {
    TSNode end_marker = ts_node_child_by_field_name(node, "end", 3);
    if (!ts_node_is_null(end_marker))
      tokens_push(w->out, ts_node_start_byte(end_marker), ts_node_end_byte(end_marker), SEM_OPERATOR, 0);
  } else if (sym == y->image_spec || sym == y->flag_value) {
    /* `FROM builder` and `--from=builder` name a stage, not an image or a
     * string. */
    char *text = node_text(node, w->bytes);
    bool stage = dockerfile_stage_named(w->model, text) != NULL;
    xfree(text);
    if (stage) tokens_push(w->out, start, end, SEM_CLASS, 0);
    else tokens_with_vars(w, start, end, sym == y->image_spec ? SEM_TYPE : SEM_STRING);
  } else if (sym == y->image_alias) {
    tokens_push(w->out, start, end, SEM_CLASS, SEM_MOD_DECLARATION);
  } else if (sym == y->flag_name) {
    tokens_push(w->out, start - 2, end, SEM_PARAMETER, 0);
  } else if (sym == y->variable_name) {
    tokens_push(w->out, start, end, SEM_VARIABLE, SEM_MOD_DECLARATION);
  } else if (sym == y->label_key) {
    tokens_push(w->out, start, end, SEM_PROPERTY, 0);
  } else if (sym == y->expose_port) {
    tokens_with_vars(w, start, end, SEM_NUMBER);
  } else if (sym == y->json_string || sym == y->value || sym == y->path || sym == y->user_name ||
             sym == y->group_name || sym == y->string || sym == y->signal) {
    tokens_with_vars(w, start, end, SEM_STRING);
  } else if (sym == y->shell_fragment) {
    tokens_with_vars(w, start, end, SEM_TYPE_COUNT);
  } else if (sym == y->shell_command) {
    return tokens_shell_may_hold(node, w->bytes, start, end);
  } else {
    return true;
  }
  return false;
}

/* Visits `node` and the nodes below it in document order with one cursor
 * (reset here, reused for every root child): a cursor made for each node
 * cost an allocation per node.  Going back up with the cursor is cheap
 * here because it never climbs above `node`, an instruction or another
 * child of the root, whose subtrees are shallow. */
static void tokens_dockerfile_subtree(TokenWalk *w, TSTreeCursor *c, TSNode node) {
  ts_tree_cursor_reset(c, node);
  size_t depth = 0;
  for (;;) {
    if (tokens_dockerfile_node(w, ts_tree_cursor_current_node(c)) && ts_tree_cursor_goto_first_child(c)) {
      depth++;
      continue;
    }
    for (;;) {
      if (depth == 0) return;
      if (ts_tree_cursor_goto_next_sibling(c)) break;
      ts_tree_cursor_goto_parent(c);
      depth--;
    }
  }
}

static void tokens_dockerfile(Workspace *ws, FileId id, SemanticTokenArray *out) {
  const DockerfileModel *m = ws_dockerfile(ws, id);
  TokenWalk w = {ws_text(ws, id)->bytes, NULL, out, m, m->escape};
  const Syntax *syntax = ws_syntax(ws, id);
  size_t count;
  const TSNode *top = syntax_top_nodes(syntax, &count);
  TSTreeCursor c = ts_tree_cursor_new(syntax_root_at(syntax, 0)); /* reset to every instruction */
  for (size_t i = 0; i < count; i++) tokens_dockerfile_subtree(&w, &c, top[i]);
  ts_tree_cursor_delete(&c);
}

/* Compose: interpolations inside a scalar's source, as Compose reads them
 * (`$$` is a literal dollar). */
static void tokens_compose_scalar(TokenWalk *w, size_t start, size_t end, SemanticType type) {
  ComposeVarArray vars;
  array_init(&vars);
  compose_interp_scan(w->bytes + start, end - start, &vars);
  size_t piece = start;
  for (size_t i = 0; i < vars.len; i++) {
    size_t a = start + vars.items[i].start, b = start + vars.items[i].end;
    if (a < piece) continue; /* a reference nested in a default, already covered */
    tokens_push(w->out, piece, a, type, 0);
    tokens_push(w->out, a, b, SEM_VARIABLE, 0);
    piece = b;
  }
  tokens_push(w->out, piece, end, type, 0);
  array_delete(&vars);
}

static SemanticType tokens_scalar_type(TSNode scalar) {
  const YamlSymbols *y = yaml_symbols();
  TSNode inner = ts_node_named_child_count(scalar) ? ts_node_named_child(scalar, 0) : scalar;
  if (node_has(inner, y->integer_scalar) || node_has(inner, y->float_scalar)) return SEM_NUMBER;
  if (node_has(inner, y->boolean_scalar) || node_has(inner, y->null_scalar)) return SEM_KEYWORD;
  return SEM_STRING;
}

static void tokens_yaml_node(TokenWalk *w, TSNode node, bool is_key, unsigned depth) {
  const YamlSymbols *y = yaml_symbols();
  size_t start = ts_node_start_byte(node), end = ts_node_end_byte(node);
  TSSymbol sym = ts_node_symbol(node);
  if (sym == y->comment) {
    tokens_push(w->out, start, end, SEM_COMMENT, 0);
    return;
  }
  if (sym == y->anchor || sym == y->alias) {
    tokens_push(w->out, start, end, SEM_VARIABLE, 0);
    return;
  }
  if (sym == y->tag) {
    tokens_push(w->out, start, end, SEM_MACRO, 0);
    return;
  }
  if (sym == y->plain_scalar || sym == y->single_quote_scalar || sym == y->double_quote_scalar ||
      sym == y->block_scalar) {
    if (is_key) {
    tokens_push(w->out, start, end, SEM_PROPERTY, 0);
    return;
  }
    {
    tokens_compose_scalar(w, start, end, tokens_scalar_type(node));
    return;
  }
  }
  if (depth > 200) return;
  /* Through the syntax layer's walk: a split document's `services:`
   * mapping has its services in several trees. */
  SyntaxChildren c;
  for (bool more = syntax_children_first(&c, w->syntax, node); more; more = syntax_children_next(&c)) {
    const char *field = syntax_children_field(&c);
    TSNode child = syntax_children_node(&c);
    bool key = (is_key || (field && strcmp(field, "key") == 0)) && !node_has(child, y->comment);
    tokens_yaml_node(w, child, key, depth + 1);
  }
  syntax_children_end(&c);
}

void analysis_semantic_tokens(Workspace *ws, FileId id, SemanticTokenArray *out) {
  DocKind kind = ws_kind(ws, id);
  const Syntax *syntax = kind == DOC_KIND_DOCKERFILE || kind == DOC_KIND_COMPOSE ? ws_syntax(ws, id) : NULL;
  if (!syntax) return;
  if (kind == DOC_KIND_DOCKERFILE) {
    tokens_dockerfile(ws, id, out);
  } else {
    TokenWalk w = {ws_text(ws, id)->bytes, syntax, out, NULL, '\0'};
    tokens_yaml_node(&w, syntax_root_at(syntax, 0), false, 0);
  }
}
