// A crash (a Swift trap, a segfault) must not leave the operator's terminal raw, with an invisible cursor, on the
// alternate screen. This is C because it runs inside a signal handler: it does only async-signal-safe work
// (tcsetattr, write, sigaction, raise) and then hands the signal to whatever handled it before (Swift's
// backtracer, which writes the crash report) or to the default action.
#include "terminal_guard.h"

#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

enum { guarded_count = 6 };
static const int guarded[guarded_count] = {SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE};
static struct sigaction previous[guarded_count];
static struct termios saved;
static volatile sig_atomic_t saved_fd = -1;

static void restore(int signal_number) {
    int fd = saved_fd;
    if (fd >= 0) {
        saved_fd = -1;
        tcsetattr(fd, TCSANOW, &saved);
        // Attributes off, cursor shown, mouse reporting off, back to the normal screen, a fresh line.
        static const char reset[] = "\033[0m\033[?25h\033[?1000l\033[?1002l\033[?1006l\033[?1049l\r\n";
        ssize_t ignored = write(fd, reset, sizeof reset - 1);
        (void)ignored;
    }
    for (int i = 0; i < guarded_count; i++) {
        if (guarded[i] == signal_number) sigaction(signal_number, &previous[i], NULL);
    }
    raise(signal_number);
}

int terminal_guard_install(int fd) {
    if (tcgetattr(fd, &saved) != 0) return -1;
    saved_fd = fd;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = restore;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_NODEFER;
    for (int i = 0; i < guarded_count; i++) sigaction(guarded[i], &action, &previous[i]);
    return 0;
}
