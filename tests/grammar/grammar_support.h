/*
 * Helpers shared by the Dockerfile grammar tests and tools: reading files,
 * parsing with the dockls Dockerfile language and inspecting the result.
 */
#ifndef DOCKLS_TESTS_GRAMMAR_SUPPORT_H_
#define DOCKLS_TESTS_GRAMMAR_SUPPORT_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <tree_sitter/api.h>

const TSLanguage *tree_sitter_dockerfile(void);

/* Reads a whole file; returns NULL when it cannot be read.  The buffer is
 * NUL-terminated and *length excludes the terminator. */
char *support_read_file(const char *path, size_t *length);

/* Parses text from scratch with a fresh parser. */
TSTree *support_parse(TSParser *parser, const char *text, size_t length);

/* Counts ERROR and MISSING nodes in the tree.  When `first` is not NULL it
 * receives the start byte of the first one (or UINT32_MAX when none). */
uint32_t support_count_errors(TSNode root, uint32_t *first);

/* Lists the regular files of a directory, sorted by name; returns the count.
 * Free with support_free_list. */
size_t support_list_dir(const char *dir, char ***names);
void support_free_list(char **names, size_t count);

#endif /* DOCKLS_TESTS_GRAMMAR_SUPPORT_H_ */
