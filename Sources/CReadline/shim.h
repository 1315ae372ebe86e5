#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <unistd.h>
#include <readline/readline.h>
#include <readline/history.h>

/// Where prompts, echo and line editing go: stdout, or stderr when only stderr is a terminal
/// (`xsg > out.txt`, `xsg | tee log`). Through stdout the person typing saw no prompt and no echo, and
/// the file got them with readline's escape codes; now it gets the results alone, as with Python's REPL.
static inline FILE *xsg_prompt_stream(void) {
  return !isatty(STDOUT_FILENO) && isatty(STDERR_FILENO) ? stderr : stdout;
}

/// Writes `text` where prompts go (see `xsg_prompt_stream`), flushed.
static inline void xsg_write_prompt(const char *text) {
  FILE *stream = xsg_prompt_stream();
  fputs(text, stream);
  fflush(stream);
}

/// Tab: indents when only blanks precede the cursor on its line (as Python's REPL does), completes
/// anywhere else. Listing all hundred names there answered a Tab meant as indentation inside a block, and
/// the "Display all 100 possibilities? (y or n)" question then swallowed the next keys. Named
/// `xsg-indent-or-complete`, so `~/.inputrc` can bind Tab back to plain `complete`.
static inline int xsg_indent_or_complete(int count, int key) {
  int start = rl_point;
  while (start > 0 && rl_line_buffer[start - 1] != '\n') start--;
  int blank = 1;
  for (int i = start; i < rl_point; i++) {
    if (rl_line_buffer[i] != ' ' && rl_line_buffer[i] != '\t') blank = 0;
  }
  if (blank) {
    rl_insert_text("  ");
    return 0;
  }
  // Not `rl_complete`: the second Tab in a row lists the choices only when readline sees the same
  // command twice.
  return rl_complete_internal(rl_completion_mode(xsg_indent_or_complete));
}

/// Makes readline edit UTF-8 when the environment names no locale (common in containers and on cluster
/// nodes): in the C locale it took `λ` for two bytes, showed it as `\316\273`, and moved the cursor into
/// its middle. As in Python (PEP 538), only a C or POSIX character type is replaced, and not when LC_ALL
/// says so explicitly; readline takes its locale from LC_CTYPE, hence the variable.
static inline void xsg_prefer_utf8(void) {
  const char *all = getenv("LC_ALL");
  if (all != NULL && *all != '\0') return;
  const char *ctype = setlocale(LC_CTYPE, "");
  if (ctype != NULL && strcmp(ctype, "C") != 0 && strcmp(ctype, "POSIX") != 0) return;
  if (setlocale(LC_CTYPE, "C.UTF-8") != NULL) setenv("LC_CTYPE", "C.UTF-8", 1);
}

/// Readline's configuration is a set of C globals, which Swift 6 refuses to assign (shared mutable state);
/// xsg sets them once here, before the first prompt, from the REPL's single thread.
///
/// - `rl_readline_name` lets `~/.inputrc` bind keys under `$if xsg`.
/// - Readline installs no signal handlers of its own: xsg's SIGINT handler decides what Ctrl-C means
///   (clear the line at the prompt, stop training at a step boundary), and its SIGWINCH handler tells
///   readline about a resized terminal.
/// - History is written with timestamps (`#<seconds>` lines) so that a multi-line entry reads back as one
///   entry.
/// - Completion words break at the language's punctuation; the REPL's completer recomputes the word itself,
///   so these only decide which part of the line readline replaces. Tab is `xsg_indent_or_complete`.
/// - The character type is UTF-8 even when the environment names no locale; the display goes to
///   `xsg_prompt_stream()`.
static inline void xsg_rl_configure(rl_completion_func_t *completer) {
  xsg_prefer_utf8();
  rl_readline_name = "xsg";
  rl_outstream = xsg_prompt_stream();
  rl_catch_signals = 0;
  rl_catch_sigwinch = 0;
  rl_change_environment = 0;
  rl_attempted_completion_function = completer;
  rl_add_defun("xsg-indent-or-complete", xsg_indent_or_complete, '\t');
  rl_bind_key_in_map('\t', xsg_indent_or_complete, vi_insertion_keymap);
  rl_completer_word_break_characters = " \t\n\"'`@$><=;|&{}()[],.:+-*/%^!#";
  history_write_timestamps = 1;
  history_multiline_entries = 1;
  history_comment_char = '#';  // timestamps are written as `#<seconds>` lines
}

/// Whether readline ends the line itself when Ctrl-D ends the input: since 8.1, leaving bracketed-paste
/// mode at the end of the input writes a newline, so the REPL must not write another.
static inline int xsg_rl_ends_line_at_eof(void) {
#if RL_READLINE_VERSION >= 0x0801
  const char *paste = rl_variable_value("enable-bracketed-paste");
  return paste != NULL && strcmp(paste, "on") == 0;
#else
  return 0;
#endif
}

/// Forgets an earlier Ctrl-D before a new line is read. Readline's callback interface sets
/// `rl_eof_found` at the end of the input but never clears it, and while it is set every line accepted
/// later is followed by an extra newline: a blank line before each output after one Ctrl-D on `...>`.
static inline void xsg_rl_forget_eof(void) {
#if RL_READLINE_VERSION >= 0x0802
  rl_eof_found = 0;
#endif
}

/// Waits until `fd` has input, with the signal mask `mask` in force only while waiting (`pselect`), so that a
/// signal blocked everywhere else interrupts exactly this wait (returns -1 with `errno == EINTR`).
/// In C because `FD_SET` is a macro.
static inline int xsg_wait_for_input(int fd, const sigset_t *mask) {
  fd_set readable;
  FD_ZERO(&readable);
  FD_SET(fd, &readable);
  return pselect(fd + 1, &readable, NULL, NULL, NULL, mask);
}

/// Writes `text` to stdout (or stderr) through the C streams readline also writes to, and flushes, so the
/// REPL's output, readline's prompts and the interpreter's `print` appear in the order they happen.
static inline void xsg_write(int to_stderr, const char *text) {
  FILE *stream = to_stderr ? stderr : stdout;
  fputs(text, stream);
  fflush(stream);
}
