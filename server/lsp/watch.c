/* Watching the client process.  LSP asks a server to exit when the
 * process that started it is gone (initialize's processId, or the
 * --clientProcessId argument clients add), because a crashed editor
 * never sends `exit` and may leave our stdin open.  The main loop blocks
 * in a buffered read, so the check runs from a timer signal instead of
 * between messages: kill(pid, 0) and _exit are both safe in a signal
 * handler, and SA_RESTART lets the interrupted read carry on. */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

#include "dockls/base/log.h"
#include "lsp_internal.h"

static pid_t watch_pid;

static void watch_tick(int signo) {
  (void)signo;
  int saved = errno;
  /* ESRCH only: EPERM means the process exists but is not ours. */
  if (kill(watch_pid, 0) == -1 && errno == ESRCH) {
    static const char message[] = "dockls: the client process is gone; exiting\n";
    ssize_t ignored = write(STDERR_FILENO, message, sizeof message - 1);
    (void)ignored;
    _exit(1);
  }
  errno = saved;
}

void lsp_watch_client_process(long pid) {
  if (watch_pid != 0 || pid <= 0) return;
  watch_pid = (pid_t)pid;
  log_info("watching the client process %ld: the server exits when it is gone", pid);
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_handler = watch_tick;
  action.sa_flags = SA_RESTART;
  sigemptyset(&action.sa_mask);
  sigaction(SIGALRM, &action, NULL);
  struct itimerval every = {{0, 500000}, {0, 500000}};
  setitimer(ITIMER_REAL, &every, NULL);
}
