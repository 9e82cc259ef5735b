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
/// True when the locale's character set is UTF-8, so box drawing can be used.
static inline int lookaside_locale_is_utf8(void) {
    const char *codeset = nl_langinfo(CODESET);
    return codeset != 0 && (codeset[0] == 'U' || codeset[0] == 'u') && (codeset[1] == 'T' || codeset[1] == 't') && (codeset[2] == 'F' || codeset[2] == 'f');
}

#endif
