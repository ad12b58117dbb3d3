// C shims for ncursesw that Swift 6 cannot import directly (macros, C globals, hidden libc symbols).
// Only the console terminal target should import this module; everything pure lives in ConsoleCore.
#ifndef CNCURSES_SHIM_H
#define CNCURSES_SHIM_H

// SwiftPM drops pkg-config's -D_XOPEN_SOURCE=600 (a "prohibited flag"), which would hide the wide-character API
// (wget_wch, mvaddwstr, cchar_t). The modulemap links ncursesw + tinfo directly and enables the wide API here.
#define NCURSES_WIDECHAR 1

#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>
#include <sys/signalfd.h>   // signalfd(2) is not exported by Swift's Glibc module
#include <sys/ioctl.h>

// Hidden by the Glibc module (it needs _XOPEN_SOURCE); declared so the terminal layer can cross-check widths.
extern int wcwidth(wchar_t c);

// C globals are shared mutable state to Swift 6: read them through functions instead.
static inline WINDOW *cn_stdscr(void) { return stdscr; }
static inline int cn_lines(void) { return LINES; }
static inline int cn_cols(void) { return COLS; }

// Function-like and NCURSES_BITS macros are not imported by Swift.
static inline attr_t cn_bold(void) { return A_BOLD; }
static inline attr_t cn_reverse(void) { return A_REVERSE; }
static inline attr_t cn_dim(void) { return A_DIM; }
static inline attr_t cn_underline(void) { return A_UNDERLINE; }
static inline attr_t cn_color_pair(short n) { return (attr_t)COLOR_PAIR(n); }
static inline int cn_attron(attr_t a) { return attr_on(a, NULL); }
static inline int cn_attroff(attr_t a) { return attr_off(a, NULL); }
// Sets the attributes and colour pair of stdscr for what is drawn next (attr_set is a macro).
static inline int cn_attr_set(attr_t a, short pair) { return attr_set(a, pair, NULL); }
// The physical screen, for clearok(curscr, TRUE): the next refresh repaints every cell (Ctrl-L).
static inline WINDOW *cn_curscr(void) { return curscr; }
// ioctl(2) is variadic, which Swift cannot call: the terminal's size in cells, or -1 when fd is not a terminal.
static inline int cn_window_size(int fd, int *rows, int *cols) {
    struct winsize size;
    if (ioctl(fd, TIOCGWINSZ, &size) != 0) return -1;
    *rows = size.ws_row;
    *cols = size.ws_col;
    return 0;
}
static inline void cn_getmaxyx(WINDOW *w, int *y, int *x) {
    int yy, xx;
    getmaxyx(w, yy, xx);
    *y = yy;
    *x = xx;
}

#endif
