import Foundation
import Testing

@testable import LineEditing

@Suite("Terminal and Interrupt")
struct TerminalTests {
  @Test("codeset names that mean UTF-8", arguments: ["UTF-8", "utf8", "UTF8", "utf-8"])
  func utf8Codesets(name: String) {
    #expect(Terminal.isUTF8(codeset: name))
  }

  @Test("codeset names that do not", arguments: ["ANSI_X3.4-1968", "ISO-8859-1", "GB18030", ""])
  func otherCodesets(name: String) {
    #expect(!Terminal.isUTF8(codeset: name))
  }

  /// A fake C library: `available` maps locale names to their codesets.
  private final class FakeLocale {
    let environment: String
    let available: [String: String]
    var current = "ANSI_X3.4-1968"
    var tried: [String] = []
    init(environment: String, available: [String: String]) {
      self.environment = environment
      self.available = available
    }
    func apply(_ name: String) -> Bool {
      tried.append(name)
      guard let codeset = available[name.isEmpty ? environment : name] else { return false }
      current = codeset
      return true
    }
  }

  @Test("a UTF-8 environment locale is kept")
  func environmentUTF8() {
    let fake = FakeLocale(environment: "zh_CN.UTF-8", available: ["zh_CN.UTF-8": "UTF-8", "C.UTF-8": "UTF-8"])
    #expect(Terminal.applyLocaleRule(apply: fake.apply, codeset: { fake.current }) == "")
    #expect(fake.tried == [""])
  }

  @Test("LANG unset (C locale) falls back to C.UTF-8")
  func unsetFallsBackToCUTF8() {
    let fake = FakeLocale(environment: "C", available: ["C": "ANSI_X3.4-1968", "C.UTF-8": "UTF-8"])
    #expect(Terminal.applyLocaleRule(apply: fake.apply, codeset: { fake.current }) == "C.UTF-8")
    #expect(fake.tried == ["", "C.UTF-8"])
  }

  @Test("without C.UTF-8, en_US.UTF-8 is tried; with neither, nil")
  func furtherFallbacks() {
    let mac = FakeLocale(environment: "C", available: ["C": "US-ASCII", "en_US.UTF-8": "UTF-8"])
    #expect(Terminal.applyLocaleRule(apply: mac.apply, codeset: { mac.current }) == "en_US.UTF-8")
    let bare = FakeLocale(environment: "C", available: ["C": "ANSI_X3.4-1968"])
    #expect(Terminal.applyLocaleRule(apply: bare.apply, codeset: { bare.current }) == nil)
    #expect(bare.tried == ["", "C.UTF-8", "en_US.UTF-8"])
  }

  @Test("a non-UTF-8 environment locale (e.g. GB18030) is replaced by a UTF-8 one")
  func legacyEnvironment() {
    let fake = FakeLocale(environment: "zh_CN.GB18030", available: ["zh_CN.GB18030": "GB18030", "C.UTF-8": "UTF-8"])
    #expect(Terminal.applyLocaleRule(apply: fake.apply, codeset: { fake.current }) == "C.UTF-8")
  }

  @Test("setUpLocale leaves a UTF-8 LC_CTYPE in this process, whatever LANG is, and is idempotent")
  func realLocale() {
    Terminal.setUpLocale()
    Terminal.setUpLocale()
    #expect(Terminal.isUTF8(codeset: SystemLocale.codeset()))
    // wcwidth then knows Chinese is two columns wide.
    #expect(CompletionList.displayWidth("湘潭市 a") == 8)
  }

  @Test("columns is positive even when fd is not a terminal")
  func columns() {
    #expect(Terminal.columns(-1) > 0)
    #expect(!Terminal.isTerminal(-1))
  }

  @Test("Ctrl-C sets the pending flag; clear resets it")
  func interruptFlag() {
    Interrupt.install()
    Interrupt.install()  // idempotent
    Interrupt.clear()
    #expect(!Interrupt.isPending)
    // Process-directed (not raise()): test threads may block SIGINT, the main thread does not.
    // Our handler catches it, so the test process survives. Delivery is asynchronous: wait a bit.
    kill(getpid(), SIGINT)
    var waited = 0
    while !Interrupt.isPending && waited < 200 {
      usleep(5_000)
      waited += 1
    }
    #expect(Interrupt.isPending)
    Interrupt.clear()
    #expect(!Interrupt.isPending)
  }

  @Test("LineEditor refuses to start when stdin is not a terminal")
  func noEditorWithoutTerminal() {
    guard !Terminal.isTerminal(0) else { return }  // running from an interactive terminal
    #expect(LineEditor(programName: "indsh", historyPath: nil, completer: nil) == nil)
  }
}
