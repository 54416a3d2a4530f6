/// What kind of figure an observation is.
///
/// ```swift
/// Measure(rawValue: "growth")   // .growth
/// Measure.growth.isRate         // true: differences are in percentage points
/// ```
public enum Measure: String, Sendable, CaseIterable, Hashable {
  /// An amount or count in its unit (亿元, 万人, 家).
  case level
  /// Year-over-year growth in %.
  case growth
  /// A share or rate in % that is not a growth (失业率, 森林覆盖率).
  case ratio
  /// % of the annual plan (完成年计划的97%).
  case completion
  /// Average annual growth over a span of years (年均增长).
  case avgGrowth = "avg_growth"
  /// A difference in percentage points (高于全国0.5个百分点).
  case ppDiff = "pp_diff"

  /// Measures in % whose differences are percentage points.
  /// The position of the case in `allCases`, without a search.
  // Inlinable: the target kernels key every row by it.
  @inlinable public var ordinal: UInt8 {
    switch self {
    case .level: 0
    case .growth: 1
    case .ratio: 2
    case .completion: 3
    case .avgGrowth: 4
    case .ppDiff: 5
    }
  }

  public var isRate: Bool {
    switch self {
    case .growth, .ratio, .completion, .avgGrowth: return true
    case .level, .ppDiff: return false
    }
  }

  public static let allowedText = allCases.map(\.rawValue).joined(separator: ", ")
}

/// Outcome, plan or projection.
public enum Scenario: String, Sendable, CaseIterable, Hashable {
  /// An outcome (完成, 实现).
  case actual
  /// A plan (预期目标, 力争, 确保, 年计划).
  case target
  /// A projected outcome (预计).
  case estimate

  /// The position of the case in `allCases`, without a search.
  // Inlinable: the target kernels key every row by it.
  @inlinable public var ordinal: UInt8 {
    switch self {
    case .actual: 0
    case .target: 1
    case .estimate: 2
    }
  }

  public static let allowedText = allCases.map(\.rawValue).joined(separator: ", ")
}

/// The direction of a target: what it means to meet it.
///
/// ```swift
/// Bound(text: "<=")   // .atMost — 以内, 控制在: lower is better
/// ```
public enum Bound: UInt8, Sendable, CaseIterable, Hashable {
  /// Not a target (outcomes, estimates).
  case none = 0
  /// `>=` 以上, 不低于, 超过.
  case atLeast
  /// `<=` 以内, 控制在, 以下: lower is better.
  case atMost
  /// `~` 左右, 约: within a tolerance.
  case about
  /// `=` a plain target figure; met as `>=`.
  case exactly
  /// `>ref` higher than another indicator's outcome (高于地区生产总值增速).
  case aboveReference
  /// `=ref` in step with another indicator's outcome (与经济增长同步).
  case withReference

  public init?(text: some StringProtocol) {
    switch text {
    case "": self = .none
    case ">=": self = .atLeast
    case "<=": self = .atMost
    case "~": self = .about
    case "=": self = .exactly
    case ">ref": self = .aboveReference
    case "=ref": self = .withReference
    default: return nil
    }
  }

  public var text: String {
    switch self {
    case .none: return ""
    case .atLeast: return ">="
    case .atMost: return "<="
    case .about: return "~"
    case .exactly: return "="
    case .aboveReference: return ">ref"
    case .withReference: return "=ref"
    }
  }

  /// Whether the target is another indicator's outcome rather than a number.
  @inlinable public var isRelative: Bool { self == .aboveReference || self == .withReference }

  public static let allowedText = ">=, <=, ~, =, >ref, =ref (or empty for outcomes)"
}
