/* Preloaded into hookscope under valgrind by scripts/bench-callgrind. Valgrind 3.19 (the
   version this machine's Debian has) writes into the signal mask a program passes to
   sigsuspend, and libdispatch passes one that lives in read-only memory, so valgrind died
   with "Valgrind received a signal 11" as hookscope started. This sigsuspend passes a copy. */
#define _GNU_SOURCE
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

int sigsuspend(const sigset_t *mask) {
    sigset_t copy = *mask;
    return (int)syscall(SYS_rt_sigsuspend, &copy, 8);   /* the kernel's sigset is 8 bytes */
}
