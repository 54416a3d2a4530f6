/*
 * ceditline.c: see include/ceditline.h for why this file exists and what each function promises.
 * Everything variadic (el_set, el_get, history, ioctl) and everything touching stdin/stdout lives
 * here so that the Swift side stays free of C varargs and of the non-Sendable stdio globals.
 */
#define _XOPEN_SOURCE 700 /* wcwidth */
#define _DEFAULT_SOURCE
#include "ceditline.h"

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

struct ceditline {
  EditLine *el;
  History *hist;
  char *prompt;                   /* owned copy; returned by prompt_callback */
  ceditline_complete_fn complete; /* Swift callback, may be NULL */
  void *context;                  /* Unmanaged Swift LineEditor, not retained */
};

/* Empty prompt used before ceditline_set_prompt and when allocation failed. */
static char empty_prompt[] = "";

/* Finds our struct from inside a libedit callback: EL_CLIENTDATA carries it. */
static ceditline *owner_of(EditLine *el) {
  void *data = NULL;
  if (el_get(el, EL_CLIENTDATA, &data) != 0) {
    return NULL;
  }
  return (ceditline *)data;
}

static char *prompt_callback(EditLine *el) {
  ceditline *e = owner_of(el);
  return (e != NULL && e->prompt != NULL) ? e->prompt : empty_prompt;
}

/*
 * TAB handler. A TAB that arrives together with more input is almost certainly part of a paste
 * (libedit 3.1-20221030 has no bracketed paste, RESEARCH.md §5.4), so it is inserted literally
 * instead of triggering completion on half-pasted text.
 */
static unsigned char complete_trampoline(EditLine *el, int ch) {
  (void)ch;
  ceditline *e = owner_of(el);
  if (e == NULL) {
    return CC_ERROR;
  }
  if (ceditline_input_pending(e)) {
    return el_insertstr(el, "\t") == 0 ? CC_REFRESH : CC_ERROR;
  }
  if (e->complete == NULL) {
    return CC_REFRESH_BEEP;
  }
  return e->complete(e->context);
}

ceditline *ceditline_open(const char *program_name, int history_size) {
  ceditline *e = calloc(1, sizeof *e);
  if (e == NULL) {
    return NULL;
  }
  e->el = el_init(program_name, stdin, stdout, stderr);
  if (e->el == NULL) {
    free(e);
    return NULL;
  }
  e->hist = history_init();
  if (e->hist == NULL) {
    el_end(e->el);
    free(e);
    return NULL;
  }
  HistEvent ev;
  /* history_init starts with a maximum size of 0, which silently keeps nothing: size it first. */
  history(e->hist, &ev, H_SETSIZE, history_size > 0 ? history_size : 1);
  history(e->hist, &ev, H_SETUNIQUE, 1);

  el_set(e->el, EL_CLIENTDATA, (void *)e);
  el_set(e->el, EL_EDITOR, "emacs");
  /* libedit restores the tty around signals and handles SIGWINCH (el_resize) by itself. */
  el_set(e->el, EL_SIGNAL, 1);
  /* Benign signals libedit needs to redraw; unblocked in case the mask was inherited blocked. */
  sigset_t redraw;
  sigemptyset(&redraw);
  sigaddset(&redraw, SIGWINCH);
  sigaddset(&redraw, SIGCONT);
  pthread_sigmask(SIG_UNBLOCK, &redraw, NULL);
  /* '\1' brackets non-printing sequences (ANSI colours) in the prompt, as in wtc1.c. */
  el_set(e->el, EL_PROMPT_ESC, prompt_callback, '\1');
  el_set(e->el, EL_HIST, history, e->hist);
  el_set(e->el, EL_ADDFN, "indsh-complete", "Complete the word at the cursor", complete_trampoline);
  el_set(e->el, EL_BIND, "^I", "indsh-complete", NULL);
  /* ~/.editrc (or $EDITRC) last, so user bindings override ours. A missing file is fine. */
  el_source(e->el, NULL);
  return e;
}

void ceditline_close(ceditline *e) {
  if (e == NULL) {
    return;
  }
  el_end(e->el);
  history_end(e->hist);
  if (e->prompt != NULL) {
    free(e->prompt);
  }
  free(e);
}

int ceditline_set_prompt(ceditline *e, const char *prompt) {
  char *copy = strdup(prompt != NULL ? prompt : "");
  if (copy == NULL) {
    return -1;
  }
  if (e->prompt != NULL) {
    free(e->prompt);
  }
  e->prompt = copy;
  return 0;
}

void ceditline_set_completion(ceditline *e, ceditline_complete_fn fn, void *context) {
  e->complete = fn;
  e->context = context;
}

int ceditline_gets(ceditline *e, const char **line, int *length) {
  int count = 0;
  *line = NULL;
  *length = 0;
  errno = 0;
  const char *text = el_gets(e->el, &count);
  if (text != NULL && count > 0) {
    *line = text;
    *length = count;
    return CEDITLINE_LINE;
  }
  /*
   * Our SIGINT handler has no SA_RESTART, so Ctrl-C makes el_gets return NULL, count -1, errno
   * EINTR (RESEARCH.md §5.5). The line is left unterminated on screen, hence "^C\n"; el_reset
   * clears the buffer so the next el_gets starts afresh. The Ctrl-C was consumed by the prompt,
   * so it must not also cancel the next evaluation: clear the flag.
   */
  if (count < 0 && (errno == EINTR || ceditline_interrupt_pending())) {
    fputs("^C\n", stdout);
    fflush(stdout);
    el_reset(e->el);
    ceditline_interrupt_clear();
    return CEDITLINE_INTERRUPTED;
  }
  if (count == 0) {
    return CEDITLINE_EOF;
  }
  el_reset(e->el);
  return CEDITLINE_ERROR;
}

int ceditline_history_enter(ceditline *e, const char *entry) {
  HistEvent ev;
  return history(e->hist, &ev, H_ENTER, entry);
}

const wchar_t *ceditline_current_line(ceditline *e, size_t *length, size_t *cursor) {
  const LineInfoW *info = el_wline(e->el);
  if (info == NULL || info->buffer == NULL) {
    *length = 0;
    *cursor = 0;
    return NULL;
  }
  *length = (size_t)(info->lastchar - info->buffer);
  *cursor = (size_t)(info->cursor - info->buffer);
  return info->buffer;
}

void ceditline_delete_before_cursor(ceditline *e, int count) {
  if (count > 0) {
    el_deletestr(e->el, count);
  }
}

int ceditline_insert(ceditline *e, const wchar_t *text) {
  return el_winsertstr(e->el, text);
}

void ceditline_write(ceditline *e, const char *text) {
  (void)e; /* the editor was created on stdout; the parameter keeps the call tied to an editor */
  fputs(text, stdout);
  fflush(stdout);
}

int ceditline_input_pending(ceditline *e) {
  (void)e;
  struct pollfd pfd = {.fd = STDIN_FILENO, .events = POLLIN, .revents = 0};
  return poll(&pfd, 1, 0) > 0 && (pfd.revents & POLLIN) != 0;
}

/* --- Interrupts ------------------------------------------------------------------------------ */

/* Lock-free atomics: the only things a signal handler may touch besides sig_atomic_t. */
static atomic_int interrupt_flag = 0;
static atomic_int interrupt_installed = 0;

static void on_sigint(int signo) {
  (void)signo;
  atomic_store(&interrupt_flag, 1);
}

void ceditline_interrupt_install(void) {
  /*
   * A process can inherit a mask with SIGINT blocked (seen with panes of a tmux server started
   * from a job whose signals were blocked); Ctrl-C would then stay pending forever and never
   * reach el_gets. Unblock it for the calling thread (the one that reads and evaluates), every
   * time, since it is cheap and per-thread.
   */
  sigset_t unblock;
  sigemptyset(&unblock);
  sigaddset(&unblock, SIGINT);
  pthread_sigmask(SIG_UNBLOCK, &unblock, NULL);

  int expected = 0;
  if (!atomic_compare_exchange_strong(&interrupt_installed, &expected, 1)) {
    return;
  }
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_handler = on_sigint;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0; /* no SA_RESTART: a blocked el_gets must return with EINTR */
  sigaction(SIGINT, &action, NULL);
}

int ceditline_interrupt_pending(void) { return atomic_load(&interrupt_flag) != 0; }

void ceditline_interrupt_clear(void) { atomic_store(&interrupt_flag, 0); }

/* --- Terminal -------------------------------------------------------------------------------- */

int ceditline_terminal_columns(int fd) {
  struct winsize ws;
  memset(&ws, 0, sizeof ws);
  if (ioctl(fd, TIOCGWINSZ, &ws) != 0) {
    return 0;
  }
  return (int)ws.ws_col;
}

int ceditline_wcwidth(wchar_t c) { return wcwidth(c); }
