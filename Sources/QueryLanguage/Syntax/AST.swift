import Diagnostics
import IndicatorStore

/// A parsed statement: `let NAME = EXPR` or an expression.
///
/// ```swift
/// let statement = try Parser.parse(SourceText(name: "<statement>", text: "let g = gdp{region=\"湘潭市\"}"))
/// // .binding(name: "g", …, value: .selector(…))
/// ```
public enum Statement: Sendable {
  case binding(name: String, nameRange: SourceRange, value: Expr)
  case expression(Expr)
  /// A line with nothing but a comment or whitespace.
  case empty
}

/// An expression node. Every node carries the source range it came from, so
/// runtime errors can point at it.
public indirect enum Expr: Sendable {
  /// `7.8`
  case number(Double, SourceRange)
  /// `"湘潭市"` (only meaningful as a function argument or a `where` operand).
  case string(String, SourceRange)
  /// `地区生产总值`, `gdp{region="湘潭市"}`, `*{scenario="target"}`, `"地区 生产总值"{…}`.
  case selector(Selector)
  /// A bare identifier without braces: a `let` binding, a column name inside
  /// `where`, or else an indicator/alias selector; resolved by the evaluator.
  case name(String, SourceRange)
  /// `EXPR[2023]`, `EXPR[2019..2023]`: keep rows whose period lies within.
  case slice(Expr, Period, range: SourceRange)
  /// `-EXPR`, `not EXPR`
  case unary(UnaryOperator, Expr, range: SourceRange)
  /// `a + b`, `a - ignoring(region) b`, `gap < 0`, `a and b`
  case binary(BinaryOperator, Expr, Expr, matching: LabelMatching?, operatorRange: SourceRange)
  /// `yoy(x)`, `round(x, 1)`, `count(x) by (indicator)`; `grouping` is nil
  /// without `by`, `[]` for `by ()`.
  case call(Call)
  /// `EXPR where CONDITION`
  case filter(Expr, condition: Expr, range: SourceRange)

  /// The whole source range of the node.
  public var range: SourceRange {
    switch self {
    case .number(_, let r), .string(_, let r), .name(_, let r): return r
    case .selector(let s): return s.range
    case .slice(_, _, let r), .unary(_, _, let r), .filter(_, _, let r): return r
    case .binary(_, let a, let b, _, let op): return a.range.union(b.range).union(op)
    case .call(let c): return c.range
    }
  }
}

/// A series selector.
public struct Selector: Sendable {
  /// The indicator name or alias as written; nil for `*`.
  public var name: String?
  public var nameRange: SourceRange
  public var matchers: [LabelMatcher]
  public var range: SourceRange

  public init(name: String?, nameRange: SourceRange, matchers: [LabelMatcher], range: SourceRange) {
    self.name = name
    self.nameRange = nameRange
    self.matchers = matchers
    self.range = range
  }
}

/// `label=value`, `label!=value`, `label=~regex`, `label!~regex`.
public struct LabelMatcher: Sendable {
  public enum Operation: String, Sendable {
    case equal = "=", notEqual = "!=", matches = "=~", notMatches = "!~"
  }
  public var label: String
  public var labelRange: SourceRange
  public var operation: Operation
  public var value: String
  public var valueRange: SourceRange

  public init(label: String, labelRange: SourceRange, operation: Operation, value: String, valueRange: SourceRange) {
    self.label = label
    self.labelRange = labelRange
    self.operation = operation
    self.value = value
    self.valueRange = valueRange
  }
}

/// `on(region, period)` / `ignoring(region)` between two series sets.
public struct LabelMatching: Sendable {
  public enum Kind: String, Sendable { case on, ignoring }
  public var kind: Kind
  public var labels: [String]
  public var range: SourceRange

  public init(kind: Kind, labels: [String], range: SourceRange) {
    self.kind = kind
    self.labels = labels
    self.range = range
  }
}

public struct Call: Sendable {
  public var name: String
  public var nameRange: SourceRange
  public var arguments: [Expr]
  /// `by (labels)`: nil when absent, empty for `by ()`.
  public var grouping: [String]?
  public var groupingRange: SourceRange?
  public var range: SourceRange

  public init(
    name: String, nameRange: SourceRange, arguments: [Expr], grouping: [String]?,
    groupingRange: SourceRange?, range: SourceRange
  ) {
    self.name = name
    self.nameRange = nameRange
    self.arguments = arguments
    self.grouping = grouping
    self.groupingRange = groupingRange
    self.range = range
  }
}

public enum UnaryOperator: String, Sendable {
  case negate = "-"
  case not = "not"
}

public enum BinaryOperator: String, Sendable {
  case add = "+", subtract = "-", multiply = "*", divide = "/"
  case less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
  case equal = "==", notEqual = "!="
  case and, or

  public var isArithmetic: Bool { [.add, .subtract, .multiply, .divide].contains(self) }
  public var isComparison: Bool { [.less, .lessOrEqual, .greater, .greaterOrEqual, .equal, .notEqual].contains(self) }
}
