// ncursesw for Swift: the wide-character API, plus the macros Swift cannot import,
// wrapped in functions.
#ifndef LOOKASIDE_CNCURSESW_SHIM_H
#define LOOKASIDE_CNCURSESW_SHIM_H

#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <langinfo.h>
#include <ncursesw/curses.h>

static inline int lookaside_color_pair(int n) { return COLOR_PAIR(n); }
static inline int lookaside_lines(void) { return LINES; }
static inline int lookaside_cols(void) { return COLS; }
static inline WINDOW *lookaside_stdscr(void) { return stdscr; }
static inline int lookaside_a_bold(void) { return A_BOLD; }
static inline int lookaside_a_reverse(void) { return A_REVERSE; }
static inline int lookaside_a_underline(void) { return A_UNDERLINE; }
static inline int lookaside_a_dim(void) { return A_DIM; }
static inline int lookaside_a_normal(void) { return A_NORMAL; }
static inline int lookaside_key_resize(void) { return KEY_RESIZE; }
static inline int lookaside_err(void) { return ERR; }
static inline int lookaside_key_code_yes(void) { return KEY_CODE_YES; }
static inline int lookaside_key_mouse(void) { return KEY_MOUSE; }
/// Clicks and the wheel are reported; drags are left to the terminal.
static inline void lookaside_enable_mouse(int on) {
    mousemask(on ? (BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED) : 0, 0);
    mouseinterval(0);
}
/// The pending mouse event: 1 for a left click, 4 wheel up, 5 wheel down, 0 anything else,
/// -1 when there is none; its cell in x and y.
static inline int lookaside_mouse_event(int *x, int *y) {
    MEVENT event;
    if (getmouse(&event) != OK) return -1;
    *x = event.x;
    *y = event.y;
    if (event.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED)) return 1;
    if (event.bstate & BUTTON4_PRESSED) return 4;
    if (event.bstate & BUTTON5_PRESSED) return 5;
    return 0;
}
/// True when the locale's character set is UTF-8, so box drawing can be used.
static inline int lookaside_locale_is_utf8(void) {
    const char *codeset = nl_langinfo(CODESET);
    return codeset != 0 && (codeset[0] == 'U' || codeset[0] == 'u') && (codeset[1] == 'T' || codeset[1] == 't') && (codeset[2] == 'F' || codeset[2] == 'f');
}

#endif
