#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CEditLine
import Foundation

/// Facts about the terminal, and the locale set-up libedit needs.
///
/// ```swift
/// Terminal.setUpLocale()                     // before any libedit use or display-width maths
/// if Terminal.isTerminal(0) { /* interactive: LineEditor */ }
/// let width = Terminal.columns()             // 80 when unknown
/// ```
public enum Terminal {
  /// Whether `fd` refers to a terminal (isatty).
  public static func isTerminal(_ fd: Int32) -> Bool {
    isatty(fd) == 1
  }

  /// The window width of `fd` in columns: TIOCGWINSZ, else `$COLUMNS`, else 80.
  public static func columns(_ fd: Int32 = 1) -> Int {
    let fromTerminal = Int(ceditline_terminal_columns(fd))
    if fromTerminal > 0 { return fromTerminal }
    if let text = ProcessInfo.processInfo.environment["COLUMNS"], let value = Int(text), value > 0 {
      return value
    }
    return 80
  }

  /// Sets LC_CTYPE from the environment (`setlocale(LC_CTYPE, "")`); when that does not give a
  /// UTF-8 codeset (LANG/LC_ALL unset gives "C", which makes libedit drop every Chinese
  /// character), falls back to `C.UTF-8`, then `en_US.UTF-8`. Runs once; later calls do nothing.
  public static func setUpLocale() {
    _ = chosenLocale
  }

  /// The locale names tried after the environment's, in order. `C.UTF-8` first: it is the one
  /// that exists on minimal Debian/Ubuntu images and CI (RESEARCH.md §5.3).
  public static let fallbackLocales = ["C.UTF-8", "en_US.UTF-8"]

  /// Whether a codeset name (`nl_langinfo(CODESET)`) means UTF-8: "UTF-8", "utf8", "UTF8", ….
  public static func isUTF8(codeset: String) -> Bool {
    codeset.lowercased().filter { $0 != "-" && $0 != "_" } == "utf8"
  }

  /// The locale rule with the system calls injected, so it can be tested without touching the
  /// process locale. `apply(name)` sets LC_CTYPE to `name` ("" = from the environment) and
  /// returns whether that succeeded; `codeset()` reports the current codeset. Returns the name
  /// that gave UTF-8 ("" for the environment's own), or nil when none did.
  public static func applyLocaleRule(apply: (String) -> Bool, codeset: () -> String) -> String? {
    for name in [""] + fallbackLocales {
      if apply(name), isUTF8(codeset: codeset()) { return name }
    }
    return nil
  }

  /// Computed once, thread-safely (lazy static initialisation), which makes setUpLocale idempotent.
  private static let chosenLocale: String? = applyLocaleRule(
    apply: SystemLocale.setCharacterType, codeset: SystemLocale.codeset)
}

/// Ctrl-C handling shared by the line editor and the evaluator.
///
/// The handler only sets an atomic flag (no SA_RESTART, so a blocked read returns EINTR). While a
/// `LineEditor` is reading, Ctrl-C clears the line; during evaluation the evaluator polls the flag:
///
/// ```swift
/// Interrupt.install()
/// Interrupt.clear()
/// for series in work {
///   if Interrupt.isPending { Interrupt.clear(); throw Cancelled() }
///   compute(series)
/// }
/// ```
public enum Interrupt {
  /// Installs the SIGINT handler (once; later calls do nothing more than make sure SIGINT is not
  /// blocked in the calling thread, as it can be when inherited from the parent process).
  public static func install() {
    ceditline_interrupt_install()
  }

  /// Whether Ctrl-C was pressed since the last `clear()`. A lock-free atomic load: cheap, and safe
  /// from any thread.
  public static var isPending: Bool {
    ceditline_interrupt_pending() != 0
  }

  /// Forgets a pending Ctrl-C.
  public static func clear() {
    ceditline_interrupt_clear()
  }
}
