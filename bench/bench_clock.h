/* The clock and the order of samples that every benchmark program uses:
 * microseconds on the monotonic clock, doubles sorted ascending. */
#ifndef DOCKLS_BENCH_CLOCK_H_
#define DOCKLS_BENCH_CLOCK_H_

#include <stdlib.h>
#include <time.h>

static inline double bench_now_us(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static inline int bench_compare_doubles(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

/* The median of n samples (sorts them). */
static inline double bench_median(double *v, size_t n) {
  qsort(v, n, sizeof *v, bench_compare_doubles);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* The 95th percentile of n samples already sorted by bench_median: the
 * smallest sample that at least 95 % of them do not exceed. */
static inline double bench_p95_sorted(const double *v, size_t n) {
  size_t rank = (n * 95 + 99) / 100;
  return v[rank > 0 ? rank - 1 : 0];
}

#endif
