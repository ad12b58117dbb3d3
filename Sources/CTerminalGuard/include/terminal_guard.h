// Puts the operator's terminal back when the console crashes.
#ifndef TERMINAL_GUARD_H
#define TERMINAL_GUARD_H

/// Saves the settings of the terminal on `fd` (call it before curses changes them) and installs handlers for the
/// signals of a crash (SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE) that restore those settings, show the
/// cursor, leave the alternate screen and then pass the signal on. Returns 0, or -1 when `fd` is not a terminal.
int terminal_guard_install(int fd);

#endif
