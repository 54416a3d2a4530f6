import Diagnostics
import IndicatorStore

/// Settings the shell changes with `.set`.
///
/// ```swift
/// var settings = EvaluationSettings()
/// settings.tolerance = 0.3      // `.set tolerance 0.3`
/// settings.showProvenance = true
/// ```
public struct EvaluationSettings: Sendable {
  /// Tolerance of `~` (and `=ref`) targets in percentage points for rate
  /// measures; level targets use 1 % of the target instead.
  public var tolerance: Double = 0.5
  /// Show the source and quote columns on screen.
  public var showProvenance = false
  public init() {}
}

/// Evaluates statements of the query language against an `IndicatorStore`.
///
/// ```swift
/// let interpreter = Interpreter(store: store, aliases: ["gdp": "地区生产总值"])
/// let source = SourceText(name: "<statement>", text: "gap(gdp)[2023]")
/// let table = try interpreter.run(try Parser.parse(source), source: source)
/// ```
public final class Interpreter {
  /// The data; the shell replaces it after `.load`. Bound values keep their
  /// own copy of the store they were computed from.
  public var store: IndicatorStore {
    didSet { cachedStoreIndex = nil }
  }
  /// The store's series by codes in a flat array, made by the first kernel
  /// that needs it and kept until the store changes (the store is a value:
  /// it changes only by assignment).
  var cachedStoreIndex: DenseSeriesIndex??
  /// alias → canonical indicator name.
  public var aliases: [String: String]
  public var settings = EvaluationSettings()
  /// Polled at least once per series; when it returns true evaluation stops
  /// with the diagnostic "interrupted" (the shell's Ctrl-C).
  public var isCancelled: () -> Bool = { false }

  /// Kernels that group and look up series by dictionary codes when a
  /// frame's labels came straight from the store (tests turn this off to
  /// compare them with the string path they replace).
  var useCodeKernels = true

  /// From this many series on, gap/met/attain find groups and store series
  /// through flat arrays indexed by codes instead of hashing (tests lower it).
  var denseIndexMinimumSeries = 4096

  /// How many slices the shift kernel (yoy, pct, diff, lag, lead) and
  /// gap/met/attain split their series into, run on several threads; when
  /// nil, one per worker thread for many series, else one (tests set it).
  var kernelSlices: Int? = nil

  var bindings: [String: Value] = [:]
  /// The statement being evaluated; diagnostics point into it.
  var source = SourceText(name: "<statement>", text: "")

  public init(store: IndicatorStore, aliases: [String: String]) {
    self.store = store
    self.aliases = aliases
  }

  /// Names bound with `let`, sorted.
  public var bindingNames: [String] { bindings.keys.sorted() }

  /// Evaluates a statement. `let` binds and returns nil; an expression
  /// returns its table.
  public func run(_ statement: Statement, source: SourceText) throws(Diagnostic) -> ResultTable? {
    self.source = source
    switch statement {
    case .empty:
      return nil
    case .binding(let name, _, let expr):
      let value = try evaluate(expr)
      bindings[name] = value
      return nil
    case .expression(let expr):
      let value = try evaluate(expr)
      return value.table(showProvenance: settings.showProvenance)
    }
  }

  // MARK: - Errors

  func error(_ message: String, at range: SourceRange, help: String? = nil) -> Diagnostic {
    Diagnostic.error(message, at: range, in: source, help: help)
  }

  /// Throws "interrupted" when the shell asked to stop.
  @inline(__always)
  func checkCancelled() throws(Diagnostic) {
    if isCancelled() { throw Diagnostic.error("interrupted") }
  }

  // MARK: - Dispatch

  /// Evaluates an expression outside `where` conditions (those go through
  /// `evaluateCondition`, where names may be columns).
  func evaluate(_ expr: Expr) throws(Diagnostic) -> Value {
    try checkCancelled()
    switch expr {
    case .number(let n, _):
      return .number(n.isFinite ? n : nil)
    case .string(let s, _):
      return .text(s)
    case .selector(let selector):
      return .frame(try evaluateSelector(selector))
    case .name(let name, let range):
      return try resolveName(name, range: range)
    case .slice(let inner, let period, let range):
      // Target functions pair figures within one period, so slicing their
      // input gives the same rows as slicing their result, and their notes
      // ("N targets have no outcome") then count only what is shown.
      if case .call(var call) = inner, Interpreter.periodwiseFunctions.contains(call.name),
        call.arguments.count == 1
      {
        call.arguments[0] = .slice(call.arguments[0], period, range: range)
        return try evaluate(.call(call))
      }
      let value = try evaluate(inner)
      guard case .frame(let frame) = value else {
        throw error("only a table can be sliced by period; this is \(value.kindName)", at: inner.range)
      }
      return .frame(frame.filtered { frame.periods[$0].isWithin(period) })
    case .unary(let op, let inner, let range):
      return try evaluateUnary(op, inner, range: range)
    case .binary(let op, let lhs, let rhs, let matching, let opRange):
      return try evaluateBinary(op, lhs, rhs, matching: matching, operatorRange: opRange)
    case .call(let call):
      return try evaluateCall(call)
    case .filter(let inner, let condition, _):
      let value = try evaluate(inner)
      guard case .frame(let frame) = value else {
        throw error("'where' filters the rows of a table; this is \(value.kindName)", at: inner.range)
      }
      let keep = try evaluateCondition(condition, on: frame)
      var filtered = frame.filtered { keep[$0] }
      // Notes count things about the unfiltered rows; after a filter they
      // would describe rows the user chose not to see.
      filtered.notes = []
      return .frame(filtered)
    }
  }

  /// Functions whose rows for a period depend only on that period's figures.
  static let periodwiseFunctions: Set<String> = ["gap", "met", "attain", "check"]

  /// A bare name outside `where`: a `let` binding, else an indicator or
  /// alias, else an error with suggestions.
  func resolveName(_ name: String, range: SourceRange) throws(Diagnostic) -> Value {
    if let bound = bindings[name] { return bound }
    if name == "true" { return .flag(true) }
    if name == "false" { return .flag(false) }
    if isIndicatorName(name) {
      let selector = Selector(name: name, nameRange: range, matchers: [], range: range)
      return .frame(try evaluateSelector(selector))
    }
    var candidates = bindingNames
    candidates += Builtins.all.map(\.name)
    candidates += store.indicatorNames
    candidates += aliases.keys.sorted()
    throw error(
      "unknown name '\(name)': not a binding, function, indicator or alias", at: range,
      help: Suggestions.didYouMean(Suggestions.closest(to: name, among: candidates)))
  }
}

extension Value {
  /// "a number", "a table" … for messages.
  var kindName: String {
    switch self {
    case .number: return "a number"
    case .text: return "a string"
    case .flag: return "a truth value"
    case .frame: return "a table"
    }
  }
}
