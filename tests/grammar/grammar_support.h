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

/* A Dockerfile of at least `lines` lines made of real instructions: the
 * instructions of the corpus files (in name order) that parse without
 * errors and carry no parser directive (a `# escape=` would change how
 * their text reads once moved into another file), appended one after the
 * other and cycled when the corpus runs out.  Returns NULL when the corpus
 * folder is absent or holds no such file. */
char *support_repeat_instructions(TSParser *parser, const char *corpus_dir, unsigned lines, size_t *length);

/* What the runtime did during one parse, counted from its logger. */
typedef struct {
  unsigned reductions;     /* reduce actions */
  unsigned reused;         /* subtrees of the old tree taken over whole */
  unsigned fragile;        /* candidates refused as fragile */
  unsigned cant_reuse;     /* candidates refused for any reason */
} SupportParseCounts;

/* ts_parser_parse_string with the old tree, counting the runtime's
 * decisions into *counts (the logger is removed again afterwards). */
TSTree *support_parse_counted(TSParser *parser, const TSTree *old, const char *text, size_t length,
                              SupportParseCounts *counts);

/* The row and column of a byte offset. */
TSPoint support_point_at(const char *text, uint32_t offset);

/* Inserts (insert = true) or deletes one byte at `at` in the NUL-terminated
 * text, whose buffer must have room for one more byte, and tells the tree
 * about it with ts_tree_edit. */
void support_edit_byte(TSTree *tree, char *text, size_t *length, uint32_t at, bool insert, char byte);

#endif /* DOCKLS_TESTS_GRAMMAR_SUPPORT_H_ */
