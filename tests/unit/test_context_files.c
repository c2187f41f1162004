/* Unit tests for server/model/context_files.c and context_files_text.c:
 * package.json positions and the edits built from them (each edit is
 * applied and the result compared byte for byte, then parsed again, so a
 * broken comma or indentation shows), npm script splitting, lockfile
 * lookups, supervisord's INI, dotenv, Laravel's health path and nginx's
 * pid directive. */
#include <criterion/criterion.h>
#include <string.h>

#include "dockls/base/alloc.h"
#include "dockls/base/strbuf.h"
#include "dockls/model/context_files.h"

/* Applies one replacement to `text` and returns the result (caller owns). */
static char *apply(const char *text, size_t start, size_t end, const char *with) {
  StrBuf b = STRBUF_INIT;
  strbuf_append_n(&b, text, start);
  strbuf_append(&b, with);
  strbuf_append(&b, text + end);
  return strbuf_take(&b);
}

/* Adds a dependency and checks the whole file afterwards; the result
 * must parse again and declare the package. */
static void expect_add(const char *text, PkgDepKind kind, const char *name, const char *want) {
  PackageJson *p = package_json_parse(text, strlen(text));
  cr_assert(p->valid, "input must parse: %s", text);
  size_t s = 0, e = 0;
  char *with = NULL;
  cr_assert(package_json_add_dep_edit(p, text, kind, name, "*", &s, &e, &with));
  char *out = apply(text, s, e, with);
  cr_expect_str_eq(out, want);
  PackageJson *again = package_json_parse(out, strlen(out));
  cr_expect(again->valid, "the edited file must parse: %s", out);
  cr_expect_not_null(package_json_find(&again->deps[kind], name));
  package_json_delete(again);
  xfree(out);
  xfree(with);
  package_json_delete(p);
}

Test(package_json, sections_and_positions) {
  const char *t = "{\n  \"name\": \"a\",\n  \"scripts\": {\"postinstall\": \"patch-package\"},\n"
                  "  \"devDependencies\": {\"husky\": \"^9.0.0\"}\n}\n";
  PackageJson *p = package_json_parse(t, strlen(t));
  cr_assert(p->valid);
  cr_expect_str_eq(p->indent, "  ");
  cr_expect_str_eq(p->eol, "\n");
  const PkgEntry *s = package_json_find(&p->scripts, "postinstall");
  cr_assert_not_null(s);
  cr_expect_str_eq(s->value, "patch-package");
  cr_expect_eq(strncmp(t + s->value_start, "\"patch-package\"", 15), 0);
  cr_expect(p->deps[PKG_DEPS_DEV].present);
  cr_expect(!p->deps[PKG_DEPS_PROD].present);
  cr_expect(package_json_declares(p, "husky"));
  cr_expect(!package_json_declares(p, "patch-package"));
  package_json_delete(p);
}

Test(package_json, escapes_come_from_cjson) {
  const char *t = "{\"scripts\": {\"prepare\": \"echo \\\"hi\\\" && husky\"}}";
  PackageJson *p = package_json_parse(t, strlen(t));
  cr_assert(p->valid);
  cr_expect_str_eq(package_json_find(&p->scripts, "prepare")->value, "echo \"hi\" && husky");
  package_json_delete(p);
}

Test(package_json, invalid_files) {
  const char *bad[] = {"", "[]", "{\"a\": }", "{\"a\": 1,}", "not json", "{\"a\": {\"b\": [1, 2}}"};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    PackageJson *p = package_json_parse(bad[i], strlen(bad[i]));
    cr_expect(!p->valid, "%s must not be valid", bad[i]);
    size_t s, e;
    char *with = NULL;
    cr_expect(!package_json_add_dep_edit(p, bad[i], PKG_DEPS_DEV, "x", "*", &s, &e, &with));
    package_json_delete(p);
  }
}

Test(package_json, add_in_sorted_position) {
  expect_add("{\n  \"devDependencies\": {\n    \"eslint\": \"^9\",\n    \"prettier\": \"^3\"\n  }\n}\n",
             PKG_DEPS_DEV, "patch-package",
             "{\n  \"devDependencies\": {\n    \"eslint\": \"^9\",\n    \"patch-package\": \"*\",\n"
             "    \"prettier\": \"^3\"\n  }\n}\n");
}

Test(package_json, add_last_keeps_crlf_and_tabs) {
  expect_add("{\r\n\t\"devDependencies\": {\r\n\t\t\"eslint\": \"^9\"\r\n\t}\r\n}\r\n", PKG_DEPS_DEV, "husky",
             "{\r\n\t\"devDependencies\": {\r\n\t\t\"eslint\": \"^9\",\r\n\t\t\"husky\": \"*\"\r\n\t}\r\n}\r\n");
}

Test(package_json, add_into_empty_section) {
  expect_add("{\n  \"name\": \"a\",\n  \"devDependencies\": {}\n}\n", PKG_DEPS_DEV, "husky",
             "{\n  \"name\": \"a\",\n  \"devDependencies\": {\n    \"husky\": \"*\"\n  }\n}\n");
}

Test(package_json, add_missing_section_after_dependencies) {
  expect_add("{\n  \"name\": \"a\",\n  \"dependencies\": {\n    \"express\": \"^4\"\n  },\n  \"license\": \"MIT\"\n}\n",
             PKG_DEPS_DEV, "husky",
             "{\n  \"name\": \"a\",\n  \"dependencies\": {\n    \"express\": \"^4\"\n  },\n"
             "  \"devDependencies\": {\n    \"husky\": \"*\"\n  },\n  \"license\": \"MIT\"\n}\n");
}

Test(package_json, add_missing_section_at_end_and_one_line) {
  expect_add("{\n    \"name\": \"a\"\n}", PKG_DEPS_PROD, "husky",
             "{\n    \"name\": \"a\",\n    \"dependencies\": {\n        \"husky\": \"*\"\n    }\n}");
  expect_add("{\"name\":\"a\",\"devDependencies\":{\"b\":\"1\"}}", PKG_DEPS_DEV, "a",
             "{\"name\":\"a\",\"devDependencies\":{\"a\":\"*\", \"b\":\"1\"}}");
  expect_add("{\"name\":\"a\"}", PKG_DEPS_DEV, "husky", "{\"name\":\"a\", \"devDependencies\": {\"husky\": \"*\"}}");
}

Test(package_json, remove_entries) {
  const char *t = "{\n  \"devDependencies\": {\n    \"a\": \"1\",\n    \"b\": \"2\",\n    \"c\": \"3\"\n  }\n}\n";
  const char *want[] = {"{\n  \"devDependencies\": {\n    \"b\": \"2\",\n    \"c\": \"3\"\n  }\n}\n",
                        "{\n  \"devDependencies\": {\n    \"a\": \"1\",\n    \"c\": \"3\"\n  }\n}\n",
                        "{\n  \"devDependencies\": {\n    \"a\": \"1\",\n    \"b\": \"2\"\n  }\n}\n"};
  const char *names[] = {"a", "b", "c"};
  PackageJson *p = package_json_parse(t, strlen(t));
  for (size_t i = 0; i < 3; i++) {
    size_t s, e;
    cr_assert(package_json_remove_dep_edit(p, t, PKG_DEPS_DEV, names[i], &s, &e));
    char *out = apply(t, s, e, "");
    cr_expect_str_eq(out, want[i]);
    xfree(out);
  }
  size_t s, e;
  cr_expect(!package_json_remove_dep_edit(p, t, PKG_DEPS_DEV, "zzz", &s, &e));
  package_json_delete(p);
  const char *one = "{\"devDependencies\": {\"a\": \"1\"}}";
  p = package_json_parse(one, strlen(one));
  cr_assert(package_json_remove_dep_edit(p, one, PKG_DEPS_DEV, "a", &s, &e));
  char *out = apply(one, s, e, "");
  cr_expect_str_eq(out, "{\"devDependencies\": {}}");
  xfree(out);
  package_json_delete(p);
}

static void expect_commands(const char *script, const char *const *names, size_t n) {
  ScriptCommandArray cmds;
  array_init(&cmds);
  script_commands_parse(script, &cmds);
  cr_expect_eq(cmds.len, n, "%s: %zu commands", script, cmds.len);
  for (size_t i = 0; i < n && i < cmds.len; i++) cr_expect_str_eq(cmds.items[i].name, names[i]);
  script_commands_clear(&cmds);
}

Test(scripts, splitting) {
  expect_commands("patch-package", (const char *[]){"patch-package"}, 1);
  expect_commands("is-ci || husky install", (const char *[]){"is-ci", "husky"}, 2);
  expect_commands("NODE_ENV=x cross-env A=1 B=2 webpack --mode production; tsc -p .",
                  (const char *[]){"webpack", "tsc"}, 2);
  expect_commands("echo 'a && b' > out.txt && (cd lib && node-gyp rebuild) | cat",
                  (const char *[]){"echo", "cd", "node-gyp", "cat"}, 4);
  expect_commands("if [ -d .git ]; then husky install; fi", (const char *[]){"[", "husky"}, 2);
  expect_commands("", NULL, 0);
  ScriptCommandArray cmds;
  array_init(&cmds);
  script_commands_parse("npm run build -- --prod", &cmds);
  cr_assert_eq(cmds.len, 1);
  cr_expect_str_eq(cmds.items[0].arg1, "run");
  cr_expect_str_eq(cmds.items[0].arg2, "build");
  script_commands_clear(&cmds);
}

Test(npm_lock, providers_and_dev_flags) {
  const char *t = "{\"lockfileVersion\": 3, \"packages\": {\"\": {\"name\": \"app\"},"
                  "\"node_modules/typescript\": {\"dev\": true, \"bin\": {\"tsc\": \"bin/tsc\"}},"
                  "\"node_modules/nuxt\": {\"bin\": {\"nuxi\": \"bin/nuxi.mjs\"}},"
                  "\"node_modules/a/node_modules/b\": {\"bin\": {\"inner\": \"x\"}}}}";
  NpmLock *l = npm_lock_parse(t, strlen(t));
  bool dev = false;
  cr_expect(npm_lock_has(l, "typescript", &dev));
  cr_expect(dev);
  cr_expect(npm_lock_has(l, "nuxt", &dev));
  cr_expect(!dev);
  cr_expect(!npm_lock_has(l, "b", &dev));
  cr_expect_str_eq(npm_lock_bin_provider(l, "tsc"), "typescript");
  cr_expect_str_eq(npm_lock_bin_provider(l, "nuxi"), "nuxt");
  cr_expect_null(npm_lock_bin_provider(l, "inner"));
  npm_lock_delete(l);
  const char *v1 = "{\"lockfileVersion\": 1, \"dependencies\": {\"husky\": {\"dev\": true}}}";
  l = npm_lock_parse(v1, strlen(v1));
  cr_expect(npm_lock_has(l, "husky", &dev));
  cr_expect(dev);
  cr_expect_null(npm_lock_bin_provider(l, "husky"));
  npm_lock_delete(l);
  l = npm_lock_parse("garbage", 7);
  cr_expect(!npm_lock_has(l, "husky", &dev));
  npm_lock_delete(l);
}

Test(ini, supervisord_logs) {
  const char *t = "; comment\n[supervisord]\nnodaemon=true\nlogfile = /var/log/supervisor/supervisord.log ; main\n"
                  "childlogdir=/var/log/children\n\n[program:web]\nCommand=php-fpm\n"
                  "stdout_logfile=/dev/stdout\nstderr_logfile=/var/log/web/err.log\n"
                  "[program:worker]\nstdout_logfile=%(ENV_LOGS)s/w.log\nstderr_logfile=worker.log\n"
                  "[program:cron]\nstdout_logfile=/var/log/cron/%(program_name)s.log\n"
                  "stderr_logfile=NONE\n[unix_http_server]\nfile=/run/s.sock\n";
  IniFile *ini = ini_file_parse(t, strlen(t));
  cr_expect(ini_file_has_section(ini, "program:web"));
  cr_expect(!ini_file_has_section(ini, "program:nope"));
  SupervisorLogArray logs;
  array_init(&logs);
  supervisor_log_paths(ini, &logs);
  cr_assert_eq(logs.len, 4);
  cr_expect_str_eq(logs.items[0].entry->value, "/var/log/supervisor/supervisord.log");
  cr_expect_eq(strncmp(t + logs.items[0].entry->value_start, "/var/log/supervisor/supervisord.log", 35), 0);
  cr_expect(logs.items[1].is_dir);
  cr_expect_str_eq(logs.items[2].entry->value, "/var/log/web/err.log");
  cr_expect_str_eq(logs.items[3].entry->value, "/var/log/cron/%(program_name)s.log");
  array_delete(&logs);
  cr_expect_str_eq(ini->entries.items[3].key, "command");
  ini_file_delete(ini);
}

Test(ini, continuation_lines) {
  const char *t = "[program:x]\ncommand=/bin/sh -c\n  \"sleep 1\"\nstdout_logfile=/var/log/x.log\n";
  IniFile *ini = ini_file_parse(t, strlen(t));
  cr_assert_eq(ini->entries.len, 2);
  cr_expect_str_eq(ini->entries.items[0].value, "/bin/sh -c\n\"sleep 1\"");
  ini_file_delete(ini);
}

Test(dotenv, lines) {
  const char *t = "# c\nexport A=1\nB = \"two words\"\nC='x' \nD=plain # note\nE=\n=bad\n";
  DotenvEntryArray env;
  array_init(&env);
  dotenv_parse(t, strlen(t), &env);
  cr_assert_eq(env.len, 5);
  cr_expect_str_eq(dotenv_find(&env, "A")->value, "1");
  cr_expect_str_eq(dotenv_find(&env, "B")->value, "two words");
  cr_expect_str_eq(dotenv_find(&env, "C")->value, "x");
  cr_expect_str_eq(dotenv_find(&env, "D")->value, "plain");
  cr_expect_str_eq(dotenv_find(&env, "E")->value, "");
  cr_expect_null(dotenv_find(&env, "F"));
  cr_expect_eq(strncmp(t + dotenv_find(&env, "B")->key_start, "B", 1), 0);
  dotenv_clear(&env);
}

Test(laravel, health_path) {
  const char *t = "<?php\n// health: '/commented'\nreturn Application::configure()\n"
                  "  ->withRouting(web: __DIR__.'/../routes/web.php', health: '/up')\n  ->create();\n";
  size_t s = 0, e = 0;
  char *p = laravel_health_path(t, strlen(t), &s, &e);
  cr_assert_not_null(p);
  cr_expect_str_eq(p, "/up");
  cr_expect_eq(strncmp(t + s, "/up'", 4), 0);
  xfree(p);
  const char *none = "<?php\n$x = ['health' => '/no'];\n/* health: '/c' */\n";
  cr_expect_null(laravel_health_path(none, strlen(none), &s, &e));
}

Test(nginx, pid_directive) {
  const char *t = "user nginx;\n# pid /commented;\nworker_processes auto;\npid /tmp/nginx.pid;\n"
                  "http {\n  pid /nested;\n}\n";
  char *p = nginx_conf_pid(t, strlen(t));
  cr_assert_not_null(p);
  cr_expect_str_eq(p, "/tmp/nginx.pid");
  xfree(p);
  const char *none = "events {}\nhttp { server { listen 80; } }\n";
  cr_expect_null(nginx_conf_pid(none, strlen(none)));
  const char *quoted = "pid \"/run/x.pid\";";
  p = nginx_conf_pid(quoted, strlen(quoted));
  cr_expect_str_eq(p, "/run/x.pid");
  xfree(p);
}
