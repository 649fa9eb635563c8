#ifndef HOOKSCOPE_CNCURSESW_SHIM_H
#define HOOKSCOPE_CNCURSESW_SHIM_H

// SwiftPM drops -D_XOPEN_SOURCE from ncursesw's pkg-config flags; without these the
// wide-character API (cchar_t, setcchar, mvadd_wch) is not declared.
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif

#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// stdscr, getmaxyx and COLOR_PAIR are globals or macros Swift cannot use directly.
static inline WINDOW *hs_stdscr(void) { return stdscr; }
static inline int hs_lines(void) { return LINES; }
static inline int hs_cols(void) { return COLS; }
static inline void hs_getmaxyx(WINDOW *win, int *rows, int *cols) {
    int r, c;
    getmaxyx(win, r, c);
    *rows = r;
    *cols = c;
}
static inline int hs_color_pair(int n) { return COLOR_PAIR(n); }
static inline int hs_key_resize(void) { return KEY_RESIZE; }
static inline int hs_err(void) { return ERR; }

#endif
