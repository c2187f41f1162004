/* Test-only: runs a fuzz target's LLVMFuzzerTestOneInput over files,
 * without libFuzzer, so that the plain build (gcc, no sanitizer needed)
 * replays the seeds and every input fuzzing once failed on.  Arguments
 * are files or folders (their files, not recursively, in name order).  A
 * folder that is missing or holds no input fails the run: a regression
 * set that silently vanished would otherwise pass. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <sys/stat.h>

/* Defined by the fuzz target linked in; declared here rather than through
 * fuzz_support.h, which the table generator's target cannot include (its
 * own Array macros clash with ours). */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void run_file(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    perror(path);
    exit(1);
  }
  size_t cap = 4096, len = 0;
  unsigned char *buf = malloc(cap);
  size_t n;
  while (buf && (n = fread(buf + len, 1, cap - len, f)) > 0) {
    len += n;
    if (len == cap) buf = realloc(buf, cap *= 2);
  }
  fclose(f);
  if (!buf) {
    fprintf(stderr, "%s: out of memory\n", path);
    exit(1);
  }
  /* libFuzzer hands the target a buffer of exactly the input's size; a
   * copy of that size lets AddressSanitizer see a read past the end. */
  unsigned char *exact = malloc(len ? len : 1);
  memcpy(exact, buf, len);
  free(buf);
  LLVMFuzzerTestOneInput(exact, len);
  free(exact);
}

static int by_name(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static size_t run_dir(const char *dir) {
  DIR *d = opendir(dir);
  if (!d) {
    perror(dir);
    exit(1);
  }
  char **names = NULL;
  size_t count = 0;
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    if (e->d_name[0] == '.') continue;
    names = realloc(names, (count + 1) * sizeof *names);
    names[count++] = strdup(e->d_name);
  }
  closedir(d);
  qsort(names, count, sizeof *names, by_name);
  for (size_t i = 0; i < count; i++) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, names[i]);
    run_file(path);
    free(names[i]);
  }
  free(names);
  if (count == 0) {
    fprintf(stderr, "%s: no input in this folder\n", dir);
    exit(1);
  }
  return count;
}

int main(int argc, char **argv) {
  size_t total = 0;
  for (int i = 1; i < argc; i++) {
    struct stat st;
    if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) {
      total += run_dir(argv[i]);
    } else {
      run_file(argv[i]);
      total++;
    }
  }
  if (total == 0) {
    fprintf(stderr, "usage: %s FILE_OR_FOLDER...\n", argv[0]);
    return 2;
  }
  printf("%zu inputs replayed\n", total);
  return 0;
}
