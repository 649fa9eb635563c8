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
static inline int hs_color_pairs(void) { return COLOR_PAIRS; }
static inline int hs_key_resize(void) { return KEY_RESIZE; }
static inline int hs_err(void) { return ERR; }
static inline int hs_ok(void) { return OK; }
static inline int hs_key_code_yes(void) { return KEY_CODE_YES; }

// Attributes are NCURSES_BITS(...) macros.
static inline attr_t hs_attr_normal(void) { return A_NORMAL; }
static inline attr_t hs_attr_bold(void) { return A_BOLD; }
static inline attr_t hs_attr_dim(void) { return A_DIM; }
static inline attr_t hs_attr_reverse(void) { return A_REVERSE; }
static inline attr_t hs_attr_underline(void) { return A_UNDERLINE; }

// Mouse buttons are macros built from NCURSES_MOUSE_MASK.
static inline int hs_key_mouse(void) { return KEY_MOUSE; }
static inline mmask_t hs_mouse_mask(void) { return BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED; }
static inline int hs_mouse_button1(mmask_t state) { return (state & BUTTON1_PRESSED) != 0; }
static inline int hs_mouse_wheel_up(mmask_t state) { return (state & BUTTON4_PRESSED) != 0; }
static inline int hs_mouse_wheel_down(mmask_t state) { return (state & BUTTON5_PRESSED) != 0; }

// stdin/stdout are C globals Swift 6 refuses to touch; newterm (unlike initscr) returns
// NULL instead of exiting when the terminal cannot be set up.
static inline SCREEN *hs_newterm(void) { return newterm(NULL, stdout, stdin); }

// Whether terminfo describes this terminal type, without taking over the terminal.
#include <ncursesw/term.h>
static inline int hs_terminal_known(const char *name) {
    int error = 0;
    TERMINAL *saved = cur_term;
    if (setupterm(name, -1, &error) != OK) return 0;
    TERMINAL *probe = set_curterm(saved);
    del_curterm(probe);
    return 1;
}

#endif
