/*
 * ceditline.h: the C side of indsh's line editor.
 *
 * Why this exists: libedit's el_set/el_get/history are C variadic functions, which Swift does not
 * import, and Swift 6 rejects the stdin/stdout/stderr globals that el_init needs. So this shim
 * owns the EditLine* and History*, makes every variadic call on the Swift side's behalf, and also
 * holds the pieces that must be plain C: the SIGINT handler (async-signal-safe, C11 atomics), the
 * prompt callback and the TAB trampoline, ioctl(TIOCGWINSZ) (variadic too).
 *
 * The only Swift importer is the LineEditing module (Sources/LineEditing/LineEditor.swift).
 * Include <histedit.h>, never <readline/readline.h>: see RESEARCH.md §5.1.
 */
#ifndef CEDITLINE_H
#define CEDITLINE_H

#include <stddef.h>
#include <wchar.h>
#include <histedit.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Opaque owner of one EditLine* and its History*. */
typedef struct ceditline ceditline;

/*
 * Completion callback, implemented in Swift. `context` is whatever was passed to
 * ceditline_set_completion (an Unmanaged pointer to the Swift LineEditor). Returns a CC_* code
 * (CC_REFRESH, CC_REDISPLAY, CC_REFRESH_BEEP, ...).
 */
typedef unsigned char (*ceditline_complete_fn)(void *context);

/*
 * Creates the editor on stdin/stdout/stderr: emacs bindings, libedit signal handling (EL_SIGNAL 1,
 * which covers SIGWINCH, SIGTSTP, SIGCONT), an escape-aware prompt ('\1' delimits non-printing
 * sequences), a history of at most `history_size` entries with consecutive duplicates dropped,
 * TAB bound to the completion trampoline, then ~/.editrc (el_source) so the user has the last word.
 * Returns NULL when libedit cannot be initialised.
 */
ceditline *ceditline_open(const char *program_name, int history_size);

/* Ends the editor and its history (el_end restores the terminal). NULL is accepted. */
void ceditline_close(ceditline *e);

/* Sets the prompt shown by the next ceditline_gets. The string is copied. Returns 0, or -1 (ENOMEM). */
int ceditline_set_prompt(ceditline *e, const char *prompt);

/* Registers the Swift completion callback and its context (NULL fn disables completion). */
void ceditline_set_completion(ceditline *e, ceditline_complete_fn fn, void *context);

/* ceditline_gets outcomes. */
enum {
  CEDITLINE_LINE = 0,        /* a line was read (it may lack "\n" when input ended mid-line) */
  CEDITLINE_EOF = 1,         /* Ctrl-D on an empty line, or input closed */
  CEDITLINE_INTERRUPTED = 2, /* Ctrl-C: "^C\n" was printed and the buffer cleared */
  CEDITLINE_ERROR = 3        /* any other read error (treated as end of input by Swift) */
};

/*
 * Reads one line with the current prompt. On CEDITLINE_LINE, *line points to libedit's UTF-8
 * buffer (valid until the next call) and *length is its length in bytes.
 */
int ceditline_gets(ceditline *e, const char **line, int *length);

/* Adds one history entry (H_ENTER; libedit drops it if it equals the previous one). */
int ceditline_history_enter(ceditline *e, const char *entry);

/*
 * The current edit buffer as wide characters (UTF-32 on Linux): returns the buffer start and
 * stores its length and the cursor offset, both in wchar_t units. Valid until the next edit.
 */
const wchar_t *ceditline_current_line(ceditline *e, size_t *length, size_t *cursor);

/* Deletes `count` wide characters before the cursor. */
void ceditline_delete_before_cursor(ceditline *e, int count);

/* Inserts `text` (NUL-terminated wide string) at the cursor. Returns 0, or -1 if it did not fit. */
int ceditline_insert(ceditline *e, const wchar_t *text);

/* Writes UTF-8 text to the editor's output stream and flushes it (used to list completions). */
void ceditline_write(ceditline *e, const char *text);

/* 1 when more bytes are already waiting on the editor's input (a paste in progress), else 0. */
int ceditline_input_pending(ceditline *e);

/* --- Interrupts (Ctrl-C), process-wide ------------------------------------------------------ */

/*
 * Installs the SIGINT handler once: sigaction WITHOUT SA_RESTART, so a blocking read returns
 * EINTR, and the handler only sets an atomic flag. Every call also unblocks SIGINT for the
 * calling thread, in case the process inherited a mask that blocks it.
 */
void ceditline_interrupt_install(void);
/* 1 when a SIGINT arrived since the last clear. Lock-free atomic load; safe from any thread. */
int ceditline_interrupt_pending(void);
void ceditline_interrupt_clear(void);

/* --- Terminal -------------------------------------------------------------------------------- */

/* Window width of `fd` via ioctl(TIOCGWINSZ), or 0 when unknown (not a terminal, no size). */
int ceditline_terminal_columns(int fd);

/* wcwidth(3) (hidden from Swift's Glibc module): columns taken by `c`, or -1 if not printable. */
int ceditline_wcwidth(wchar_t c);

#ifdef __cplusplus
}
#endif

#endif /* CEDITLINE_H */
