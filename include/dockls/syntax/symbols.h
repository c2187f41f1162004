/* Node types compared by symbol id.  The node types that the models and
 * rules test are listed here once per grammar; their ids are looked up in
 * the grammar the first time they are needed, so that telling one node
 * type from another is an integer compare instead of a strcmp on every
 * node of every keystroke.  A name the grammar does not have fails an
 * assert at the first lookup (and test_symbols checks them all). */
#ifndef DOCKLS_SYNTAX_SYMBOLS_H_
#define DOCKLS_SYNTAX_SYMBOLS_H_

#include <stdbool.h>
#include <tree_sitter/api.h>

#define DOCKERFILE_NODE_TYPES(X)                                                                 \
  X(from_instruction) X(run_instruction) X(cmd_instruction) X(entrypoint_instruction)          \
  X(shell_instruction) X(healthcheck_instruction) X(label_instruction) X(env_instruction)      \
  X(arg_instruction) X(maintainer_instruction) X(expose_instruction) X(add_instruction)        \
  X(copy_instruction) X(volume_instruction) X(user_instruction) X(workdir_instruction)         \
  X(stopsignal_instruction) X(onbuild_instruction) X(comment) X(parser_directive) X(flag)      \
  X(env_pair) X(arg_pair) X(label_pair) X(heredoc_block) X(heredoc_marker)                     \
  X(json_string_array) X(json_string) X(path) X(expose_port) X(user_name) X(group_name)        \
  X(image_spec) X(shell_command) X(line_continuation) X(shell_fragment) X(flag_name)         \
  X(heredoc_end)                                                                               \
  X(flag_value) X(variable_name) X(label_key) X(image_alias) X(value) X(signal) X(string)

#define YAML_NODE_TYPES(X)                                                                       \
  X(flow_node) X(block_node) X(flow_pair) X(block_mapping_pair) X(block_sequence_item)         \
  X(comment) X(anchor) X(tag) X(alias) X(block_mapping) X(flow_mapping) X(block_sequence)      \
  X(flow_sequence) X(plain_scalar) X(single_quote_scalar) X(double_quote_scalar)               \
  X(block_scalar) X(integer_scalar) X(float_scalar) X(boolean_scalar) X(null_scalar)        \
  X(alias_name) X(anchor_name) X(document) X(string_scalar)

#define BASH_NODE_TYPES(X)                                                                       \
  X(raw_string) X(ansi_c_string) X(string) X(concatenation) X(translated_string) X(word)        \
  X(command) X(variable_assignment) X(simple_expansion) X(expansion)                           \
  X(command_substitution) X(arithmetic_expansion) X(program) X(list) X(number) X(file_redirect) \
  X(case_item)

/* Anonymous tokens have no identifier for a name: field, then text. */
#define BASH_TOKENS(X)                                                                           \
  X(and_and, "&&") X(or_or, "||") X(semicolon, ";") X(ampersand, "&")                          \
  X(double_semicolon, ";;") X(pipe, "|") X(pipe_ampersand, "|&")

#define SYMBOLS_FIELD(name) TSSymbol name;
#define TOKENS_FIELD(name, text) TSSymbol name;
typedef struct { DOCKERFILE_NODE_TYPES(SYMBOLS_FIELD) } DockerfileSymbols;
typedef struct { YAML_NODE_TYPES(SYMBOLS_FIELD) } YamlSymbols;
typedef struct { BASH_NODE_TYPES(SYMBOLS_FIELD) } BashSymbols;
typedef struct { BASH_TOKENS(TOKENS_FIELD) } BashTokens;
#undef SYMBOLS_FIELD
#undef TOKENS_FIELD

/* The ids, looked up once (borrowed; they live as long as the process). */
const DockerfileSymbols *dockerfile_symbols(void);
const YamlSymbols *yaml_symbols(void);
const BashSymbols *bash_symbols(void);
const BashTokens *bash_tokens(void);

/* True when the node is not null and has the symbol. */
bool node_has(TSNode node, TSSymbol symbol);

#endif
