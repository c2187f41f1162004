/* The shell model: stitching (continuations, comment and empty lines
 * inside them, the backtick escape, CRLF), heredocs as script and as
 * data, exec form, and the ranges every word maps back to in the
 * Dockerfile.  Expected ranges are computed from the source text with
 * strstr, so each test states which bytes it means. */
#include <criterion/criterion.h>
#include <string.h>

#include "dockls/model/shell.h"
#include "dockls/syntax/node.h"
#include "dockls/syntax/parse.h"

static SyntaxParsers *parsers;
static Syntax *tree;
static ShellScript *script;
static const char *src;

/* Builds the script of the n-th instruction of a Dockerfile. */
static ShellScript *build(const char *dockerfile, uint32_t index) {
  src = dockerfile;
  parsers = syntax_parsers_new();
  tree = syntax_parse(parsers, LANG_DOCKERFILE, dockerfile, strlen(dockerfile));
  cr_assert_not_null(tree, "this build has no Dockerfile grammar");
  size_t count, seen = 0, i = 0;
  const TSNode *top = syntax_top_nodes(tree, &count);
  for (; i < count; i++)
    if (ts_node_is_named(top[i]) && seen++ == index) break;
  cr_assert(i < count, "the Dockerfile has no instruction %u", index);
  TSNode instr = top[i];
  TSNode cmd = ts_node_child_by_field_name(instr, "command", 7);
  cr_assert(!ts_node_is_null(cmd), "instruction %u has no command: %s", index, ts_node_type(instr));
  script = shell_script_build(parsers, instr, cmd, dockerfile, strlen(dockerfile));
  return script;
}

static void teardown(void) {
  shell_script_delete(script);
  syntax_delete(tree);
  syntax_parsers_delete(parsers);
  script = NULL;
  tree = NULL;
  parsers = NULL;
}

TestSuite(shell, .fini = teardown);

/* The byte offset of the n-th occurrence (0-based) of needle in src. */
static size_t at(const char *needle, int nth) {
  const char *p = src;
  for (int i = 0; i <= nth; i++) {
    p = strstr(i ? p + 1 : p, needle);
    cr_assert_not_null(p, "`%s` #%d not in the source", needle, nth);
  }
  return (size_t)(p - src);
}

static void expect_word(const ShellWord *w, const char *value, size_t start, size_t end) {
  cr_assert_str_eq(w->value, value);
  cr_assert_eq(w->start, start, "`%s` starts at %zu, expected %zu", value, w->start, start);
  cr_assert_eq(w->end, end, "`%s` ends at %zu, expected %zu", value, w->end, end);
}

Test(shell, simple_chain_with_joins) {
  ShellScript *s = build("FROM alpine:3.20\nRUN apk add --no-cache curl && mkdir -p /a || true; echo x | tee y\n", 1);
  cr_assert_str_eq(s->text, "apk add --no-cache curl && mkdir -p /a || true; echo x | tee y");
  cr_assert_eq(s->commands.len, 5);
  cr_assert_str_eq(s->commands.items[0].name.value, "apk");
  cr_assert_eq(s->commands.items[0].join, SHELL_JOIN_NONE);
  cr_assert_eq(s->commands.items[1].join, SHELL_JOIN_AND);
  cr_assert_eq(s->commands.items[2].join, SHELL_JOIN_OR);
  cr_assert_eq(s->commands.items[3].join, SHELL_JOIN_SEMI);
  cr_assert_eq(s->commands.items[4].join, SHELL_JOIN_PIPE);
  cr_assert(shell_has_arg(&s->commands.items[0], "--no-cache"));
  cr_assert(shell_is(&s->commands.items[1], "mkdir"));
  expect_word(&s->commands.items[0].args.items[2], "curl", at("curl", 0), at("curl", 0) + 4);
  cr_assert_eq(s->commands.items[0].start, at("apk", 0));
  cr_assert_eq(s->commands.items[0].end, at("curl", 0) + 4);
  cr_assert_not(s->parse_error);
}

Test(shell, continuation_with_comment_and_empty_lines) {
  const char *df = "FROM alpine:3.20\n"
                   "RUN apk add \\\n"
                   "    # build tools\n"
                   "\n"
                   "    gcc \\\n"
                   "  && make\n";
  ShellScript *s = build(df, 1);
  cr_assert_str_eq(s->text, "apk add     gcc   && make");
  cr_assert_eq(s->commands.len, 2);
  expect_word(&s->commands.items[0].args.items[1], "gcc", at("gcc", 0), at("gcc", 0) + 3);
  expect_word(&s->commands.items[1].name, "make", at("make", 0), at("make", 0) + 4);
  cr_assert_eq(s->commands.items[1].join, SHELL_JOIN_AND);
  /* The first command ends at `gcc`, not at the continuation after it. */
  cr_assert_eq(s->commands.items[0].end, at("gcc", 0) + 3);
}

Test(shell, word_split_by_continuation_maps_both_ends) {
  ShellScript *s = build("FROM a\nRUN echo http://local\\\nhost:80/x\n", 1);
  cr_assert_str_eq(s->text, "echo http://localhost:80/x");
  const ShellWord *w = &s->commands.items[0].args.items[0];
  cr_assert_str_eq(w->value, "http://localhost:80/x");
  cr_assert_eq(w->start, at("http", 0));
  cr_assert_eq(w->end, at("/x", 0) + 2);
  /* A substring inside the first segment maps exactly. */
  size_t sl = (size_t)(strstr(s->text, "local") - s->text);
  cr_assert_eq(shell_map(s, sl, false), at("local", 0));
}

Test(shell, backtick_escape_and_crlf) {
  const char *df = "# escape=`\r\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\r\n"
                   "RUN echo one `\r\n    two\r\n";
  ShellScript *s = build(df, 2);
  cr_assert_str_eq(s->text, "echo one     two");
  expect_word(&s->commands.items[0].args.items[1], "two", at("two", 0), at("two", 0) + 3);
}

Test(shell, quoting_removed_from_values) {
  ShellScript *s = build("FROM a\nRUN curl -f \"http://localhost:3000/\" 'x y' a\\ b \"$HOME/x\"\n", 1);
  const ShellCommand *c = &s->commands.items[0];
  cr_assert_eq(c->args.len, 5);
  cr_assert_str_eq(c->args.items[1].value, "http://localhost:3000/");
  cr_assert_eq(c->args.items[1].start, at("\"http", 0));
  cr_assert_str_eq(c->args.items[2].value, "x y");
  cr_assert_str_eq(c->args.items[3].value, "a b");
  cr_assert_str_eq(c->args.items[4].value, "$HOME/x");
  cr_assert(c->args.items[4].has_expansion);
  cr_assert_not(c->args.items[1].has_expansion);
}

Test(shell, env_prefix_and_substitution) {
  ShellScript *s = build("FROM a\nRUN NODE_ENV=production npm ci && echo $(id -u)\n", 1);
  cr_assert_eq(s->commands.len, 3);
  const ShellCommand *npm = &s->commands.items[0];
  cr_assert_str_eq(npm->name.value, "npm");
  cr_assert_eq(npm->assigns.len, 1);
  cr_assert_str_eq(npm->assigns.items[0].value, "NODE_ENV=production");
  cr_assert_eq(npm->start, at("NODE_ENV", 0));
  cr_assert_str_eq(s->commands.items[2].name.value, "id");
}

Test(shell, heredoc_alone_is_the_script) {
  const char *df = "FROM a\nRUN <<EOF\napk add curl\nmkdir -p /run/nginx\nEOF\n";
  ShellScript *s = build(df, 1);
  cr_assert_str_eq(s->text, "apk add curl\nmkdir -p /run/nginx\n");
  cr_assert_eq(s->commands.len, 2);
  expect_word(&s->commands.items[1].args.items[1], "/run/nginx", at("/run/nginx", 0), at("/run/nginx", 0) + 10);
  cr_assert_eq(s->commands.items[1].join, SHELL_JOIN_NONE);
}

Test(shell, heredoc_after_a_command_is_data) {
  const char *df = "FROM a\nRUN cat <<EOF > /etc/x && echo done\napk add curl\nEOF\n";
  ShellScript *s = build(df, 1);
  cr_assert_eq(s->commands.len, 2, "the body is data, not commands");
  cr_assert_str_eq(s->commands.items[0].name.value, "cat");
  cr_assert_str_eq(s->commands.items[1].name.value, "echo");
  cr_assert_not(s->parse_error);
}

Test(shell, exec_form) {
  ShellScript *s = build("FROM a\nCMD [\"node\", \"server.js\", \"--port=3000\"]\n", 1);
  cr_assert(s->exec_form);
  cr_assert_eq(s->commands.len, 1);
  expect_word(&s->commands.items[0].name, "node", at("\"node\"", 0), at("\"node\"", 0) + 6);
  cr_assert_str_eq(s->commands.items[0].args.items[1].value, "--port=3000");
  cr_assert(shell_has_arg(&s->commands.items[0], "--port"));
}

Test(shell, healthcheck_shell_form) {
  ShellScript *s = build("FROM a\nHEALTHCHECK --interval=5s CMD wget -q --spider http://localhost:8080/ || exit 1\n", 1);
  cr_assert_eq(s->commands.len, 2);
  cr_assert(shell_is(&s->commands.items[0], "wget"));
  cr_assert_eq(s->commands.items[1].join, SHELL_JOIN_OR);
  const ShellWord *url = shell_operand(&s->commands.items[0], 0);
  cr_assert_str_eq(url->value, "http://localhost:8080/");
}

/* --- Scripts inside a string: `sh -c`, PowerShell, compose tests --- */

Test(shell, inline_script_of_sh_c_maps_into_the_dockerfile) {
  const char *df = "FROM a\nHEALTHCHECK CMD sh -ec \"mysqladmin ping && \\\n  curl -f http://localhost/\"\n";
  ShellScript *s = build(df, 1);
  cr_assert_eq(s->commands.len, 1);
  ShellScript *in = shell_inline_script(parsers, s, &s->commands.items[0]);
  cr_assert_not_null(in);
  cr_assert_eq(in->commands.len, 2);
  cr_assert(shell_is(&in->commands.items[0], "mysqladmin"));
  cr_assert_eq(in->commands.items[1].join, SHELL_JOIN_AND);
  /* Across the continuation, the URL still lands on its own bytes. */
  expect_word(&in->commands.items[1].args.items[1], "http://localhost/", at("http", 0), at("http", 0) + 17);
  shell_script_delete(in);
}

Test(shell, inline_script_of_an_exec_form_and_of_powershell) {
  const char *df = "FROM a\nHEALTHCHECK CMD [\"pwsh\", \"-NoProfile\", \"-Command\", \"Invoke-WebRequest http://localhost:80/\"]\n";
  ShellScript *s = build(df, 1);
  ShellScript *in = shell_inline_script(parsers, s, &s->commands.items[0]);
  cr_assert_not_null(in);
  cr_assert(shell_is(&in->commands.items[0], "Invoke-WebRequest"));
  expect_word(&in->commands.items[0].args.items[0], "http://localhost:80/", at("http", 0), at("http", 0) + 20);
  shell_script_delete(in);
}

Test(shell, no_inline_script_for_a_script_file_or_an_escaped_string) {
  ShellScript *s = build("FROM a\nRUN sh ./check.sh -c x && sh -c \"echo \\\"hi\\\"\" && bash -c 'true'\n", 1);
  cr_assert_eq(s->commands.len, 3);
  cr_assert_null(shell_inline_script(parsers, s, &s->commands.items[0]), "a script file runs no string");
  cr_assert_null(shell_inline_script(parsers, s, &s->commands.items[1]), "escapes have no exact offsets");
  ShellScript *in = shell_inline_script(parsers, s, &s->commands.items[2]);
  cr_assert_not_null(in);
  expect_word(&in->commands.items[0].name, "true", at("true", 0), at("true", 0) + 4);
  shell_script_delete(in);
}

Test(shell, parsed_string_and_exec_words_map_to_their_base) {
  parsers = syntax_parsers_new();
  const char *text = "redis-cli ping || exit 1";
  ShellScript *p = shell_script_parse(parsers, text, strlen(text), 100);
  cr_assert_eq(p->commands.len, 2);
  cr_assert_eq(p->commands.items[1].name.start, 100 + 18);
  cr_assert_eq(p->commands.items[1].join, SHELL_JOIN_OR);
  shell_script_delete(p);
  ShellWord words[] = {{.value = "curl", .start = 10, .end = 14}, {.value = "-f", .start = 20, .end = 20}};
  ShellScript *e = shell_script_exec(words, 2);
  cr_assert(e->exec_form);
  cr_assert(shell_is(&e->commands.items[0], "curl"));
  cr_assert_str_eq(e->commands.items[0].args.items[0].value, "-f");
  cr_assert_eq(e->map.len, 1, "only the word whose range holds its text is mapped");
  shell_script_delete(e);
}

Test(shell, redirection_targets_belong_to_their_command) {
  ShellScript *s = build("FROM a\nRUN echo > /dev/tcp/localhost/80 && cat < in.txt >out.txt\n", 1);
  cr_assert_eq(s->commands.len, 2);
  cr_assert_eq(s->commands.items[0].redirects.len, 1);
  expect_word(&s->commands.items[0].redirects.items[0], "/dev/tcp/localhost/80", at("/dev", 0), at("/dev", 0) + 21);
  cr_assert_eq(s->commands.items[0].args.len, 0, "a redirection is not an argument");
  cr_assert_eq(s->commands.items[1].redirects.len, 2);
  cr_assert_str_eq(s->commands.items[1].redirects.items[1].value, "out.txt");
}
