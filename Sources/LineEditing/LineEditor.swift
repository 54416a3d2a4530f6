#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CEditLine

/// The interactive line editor: libedit with emacs bindings and `~/.editrc`, persistent history
/// (see `HistoryFile`), multi-line statements, tab completion at the cursor, Ctrl-C to clear the
/// line, Ctrl-D to finish, and Chinese input even with LANG/LC_ALL unset.
///
/// This file is the only place in LineEditing that handles C pointers: the `ceditline` handle
/// (which owns the EditLine*), the buffers libedit lends us, and the locale strings.
///
/// ```swift
/// guard let editor = LineEditor(programName: "indsh", historyPath: historyPath, completer: completer) else {
///   return runPiped(PlainLineReader())            // stdin is not a terminal
/// }
/// editor.warnings.forEach { print("warning: \($0)") }
/// loop: while true {
///   switch editor.readStatement(prompt: "indsh> ", continuationPrompt: "  ...> ", isComplete: isComplete) {
///   case .line(let statement): editor.addHistory(statement); run(statement)
///   case .interrupted: continue loop
///   case .endOfFile: break loop
///   }
/// }
/// ```
///
/// Prompts may contain ANSI colour sequences if each is wrapped in "\u{1}…\u{1}" (libedit's
/// EL_PROMPT_ESC), so that the cursor column stays right.
@safe public final class LineEditor: LineReader {
  /// The C-side owner of EditLine* and History*; never nil after init, closed in deinit.
  private let handle: OpaquePointer
  private let completer: (any CompletionProvider)?
  private let historyFile: HistoryFile?
  private var warningLog: [String] = []
  private var unreadWarnings = 0
  private var reportedSaveFailure = false

  /// Warnings so far, oldest first: history file problems found at start-up ("ignored history
  /// file …: it has no _HiStOrY_V2_ header …") and the first failure to save history.
  public var warnings: [String] { warningLog }

  /// Returns the warnings added since the previous call (so a shell can print new ones after
  /// each statement without repeating old ones).
  public func takeWarnings() -> [String] {
    defer { unreadWarnings = 0 }
    return Array(warningLog.suffix(unreadWarnings))
  }

  /// Starts libedit on stdin/stdout. Returns nil when stdin is not a terminal (use
  /// `PlainLineReader` then) or libedit cannot start. Sets up the locale (`Terminal.setUpLocale()`,
  /// before el_init as libedit requires) and the Ctrl-C handler (`Interrupt.install()`).
  /// - Parameters:
  ///   - programName: the name `~/.editrc` lines may be prefixed with (`indsh:bind …`).
  ///   - historyPath: the history file, or nil for no persistent history.
  ///   - completer: supplies TAB completions; nil makes TAB beep.
  public init?(programName: String, historyPath: String?, completer: (any CompletionProvider)?) {
    guard Terminal.isTerminal(0) else { return nil }
    Terminal.setUpLocale()
    Interrupt.install()
    guard let opened = unsafe ceditline_open(programName, Int32(HistoryFile.defaultLimit)) else { return nil }
    unsafe handle = opened
    self.completer = completer
    self.historyFile = historyPath.map { HistoryFile(path: $0) }

    if let file = historyFile {
      let loaded = file.load()
      record(loaded.warnings)
      for entry in loaded.entries {
        _ = unsafe ceditline_history_enter(handle, entry)
      }
    }
    if completer != nil {
      // SAFETY: the context is this object, unretained; the callback can only run inside
      // ceditline_gets, called from a method of this object, so the object is alive. deinit
      // ends libedit before the memory goes away.
      let context = unsafe Unmanaged.passUnretained(self).toOpaque()
      unsafe ceditline_set_completion(handle, lineEditorComplete, context)
    }
  }

  deinit {
    unsafe ceditline_close(handle)
  }

  public func readStatement(prompt: String, continuationPrompt: String, isComplete: (String) -> Bool) -> LineRead {
    // A Ctrl-C left over from the previous evaluation must not cancel the next one.
    Interrupt.clear()
    var statement = StatementAccumulator()
    while true {
      _ = unsafe ceditline_set_prompt(handle, statement.isEmpty ? prompt : continuationPrompt)
      var text: UnsafePointer<CChar>? = nil
      var length: Int32 = 0
      let status = unsafe Int(ceditline_gets(handle, &text, &length))
      switch status {
      case CEDITLINE_LINE:
        guard let text = unsafe text else { continue }
        // SAFETY: libedit lends `length` bytes at `text` until the next el_gets; copied at once.
        let bytes = unsafe Array(UnsafeRawBufferPointer(start: text, count: Int(max(length, 0))))
        let line = String(decoding: strippingLineTerminator(bytes[...]), as: UTF8.self)
        if statement.add(line, isComplete: isComplete) {
          return .line(statement.text)
        }
      case CEDITLINE_INTERRUPTED:
        return .interrupted
      default:
        // Ctrl-D (or the terminal went away). libedit leaves the cursor after the prompt: end
        // the line so whatever the shell prints next starts in column 0.
        unsafe ceditline_write(handle, "\n")
        // An unfinished statement is returned so the shell can report it, as PlainLineReader does.
        return statement.isEmpty ? .endOfFile : .line(statement.text)
      }
    }
  }

  public func addHistory(_ statement: String) {
    guard !statement.allSatisfy(\.isWhitespace) else { return }
    _ = unsafe ceditline_history_enter(handle, statement)
    guard let file = historyFile else { return }
    do {
      record(try file.append(statement))
    } catch {
      // Report once: repeating the same failure after every statement would bury the output.
      if !reportedSaveFailure {
        reportedSaveFailure = true
        record([error.description])
      }
    }
  }

  private func record(_ new: [String]) {
    warningLog += new
    unreadWarnings += new.count
  }

  /// Handles one TAB press (called from the C trampoline). Returns a libedit CC_* code.
  fileprivate func complete() -> UInt8 {
    guard let completer else { return UInt8(CC_REFRESH_BEEP) }
    var length = 0
    var cursor = 0
    guard let buffer = unsafe ceditline_current_line(handle, &length, &cursor) else {
      return UInt8(CC_REFRESH_BEEP)
    }
    // SAFETY: libedit's buffer holds `length` wide characters and the cursor lies within it;
    // both are copied before anything edits the line.
    let wide = unsafe Array(UnsafeBufferPointer(start: buffer, count: length))
    let scalars = wide.map { Unicode.Scalar(UInt32(bitPattern: Int32($0))) ?? "\u{FFFD}" }
    let cursorIndex = min(max(cursor, 0), scalars.count)
    // Only the cursor's own line of a recalled multi-line statement is offered to the completer.
    let lineStart = scalars[..<cursorIndex].lastIndex(of: "\n").map { $0 + 1 } ?? 0
    let lineEnd = scalars[cursorIndex...].firstIndex(of: "\n") ?? scalars.count
    let before = string(scalars[lineStart..<cursorIndex])
    let line = string(scalars[lineStart..<lineEnd])
    let characterCursor = before.count

    let (start, candidates) = completer.completions(line: line, cursor: characterCursor)
    switch CompletionStep.plan(line: line, cursor: characterCursor, start: start, candidates: candidates) {
    case .beep:
      return UInt8(CC_REFRESH_BEEP)
    case .nothing:
      return UInt8(CC_REFRESH)
    case .list(let shown):
      unsafe ceditline_write(handle, "\n" + CompletionList.format(shown, columns: Terminal.columns()))
      return UInt8(CC_REDISPLAY)
    case .replace(let typed, let replacement):
      // Counted in wide characters (Unicode scalars), which is what libedit's buffer holds.
      let typedScalars = Array(typed.unicodeScalars)
      let replacementScalars = Array(replacement.unicodeScalars)
      var insertion = replacementScalars[...]
      if replacementScalars.starts(with: typedScalars) {
        insertion = replacementScalars.dropFirst(typedScalars.count)
      } else {
        unsafe ceditline_delete_before_cursor(handle, Int32(typedScalars.count))
      }
      var wideText = insertion.map { wchar_t(bitPattern: $0.value) }
      wideText.append(0)
      return unsafe ceditline_insert(handle, &wideText) == 0 ? UInt8(CC_REFRESH) : UInt8(CC_REFRESH_BEEP)
    }
  }

  private func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
    var view = String.UnicodeScalarView()
    view.append(contentsOf: scalars)
    return String(view)
  }
}

/// The C completion callback: recovers the LineEditor from the context pointer.
private func lineEditorComplete(_ context: UnsafeMutableRawPointer?) -> UInt8 {
  guard let context = unsafe context else { return UInt8(CC_ERROR) }
  // SAFETY: the context was made from an unretained LineEditor that outlives libedit (see init).
  let editor = unsafe Unmanaged<LineEditor>.fromOpaque(context).takeUnretainedValue()
  return editor.complete()
}

/// setlocale/nl_langinfo, which hand out C strings; used by `Terminal.setUpLocale()`.
enum SystemLocale {
  static func setCharacterType(_ name: String) -> Bool {
    unsafe setlocale(LC_CTYPE, name) != nil
  }

  static func codeset() -> String {
    guard let value = unsafe nl_langinfo(nl_item(CODESET)) else { return "" }
    // SAFETY: nl_langinfo returns a NUL-terminated string valid until the next locale change.
    return unsafe String(cString: value)
  }
}

/// The text of a C errno value (strerror), for error messages.
func systemErrorMessage(_ code: Int32) -> String {
  guard let message = unsafe strerror(code) else { return "error \(code)" }
  // SAFETY: strerror returns a NUL-terminated string; copied before any other call.
  return unsafe String(cString: message)
}

/// The POSIX calls LineEditing needs that take C strings or buffers, behind safe signatures, so
/// that unsafe code stays in this file (STYLE.md §6.3).
enum SystemCall {
  /// open(O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC) with mode exactly 0600: open's mode is filtered by
  /// the umask and O_TRUNC keeps the mode of a stale file, hence the fchmod. Returns -1 on error.
  static func createPrivateFile(_ path: String) -> Int32 {
    let descriptor = unsafe open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
    if descriptor >= 0 { _ = fchmod(descriptor, 0o600) }
    return descriptor
  }

  /// rename(2); false on error (errno set).
  static func renameFile(_ from: String, to: String) -> Bool {
    unsafe rename(from, to) == 0
  }

  /// unlink(2), ignoring errors (used to clean up a temporary file).
  static func remove(_ path: String) {
    _ = unsafe unlink(path)
  }

  /// read(2) into the whole of `buffer`; returns the byte count, 0 at end, -1 on error.
  static func readBytes(_ fd: Int32, into buffer: inout [UInt8]) -> Int {
    // SAFETY: the pointer covers exactly buffer.count bytes and does not outlive the closure.
    unsafe buffer.withUnsafeMutableBytes { bytes in
      unsafe read(fd, bytes.baseAddress, bytes.count)
    }
  }
}
