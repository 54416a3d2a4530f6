/// The settings a user can change with `.set`, `.mode` and `.timer`.
///
/// ```swift
/// var settings = Settings()
/// try settings.set("tolerance", "0.3")
/// settings.listing   // [("bom", "off"), ("maxrows", "40"), …]
/// ```
public struct Settings: Sendable {
  public var mode: OutputMode = .table
  public var timer = false
  public var bom = false
  public var provenance = false
  public var tolerance = 0.5
  /// Rows shown on a terminal before "… N more rows".
  public var maxRows = 40

  public init() {}

  public struct Setting: Sendable {
    public let name: String
    public let values: String
    public let summary: String
  }

  public static let all: [Setting] = [
    Setting(name: "bom", values: "on|off", summary: "write a UTF-8 byte-order mark in CSV exports (for spreadsheet programs)"),
    Setting(name: "maxrows", values: "N", summary: "rows shown on a terminal before the rest are counted (0 = all)"),
    Setting(name: "mode", values: OutputMode.allCases.map(\.rawValue).joined(separator: "|"), summary: "output format (same as .mode)"),
    Setting(name: "provenance", values: "on|off", summary: "show each figure's source file and quote in tables"),
    Setting(name: "timer", values: "on|off", summary: "print the wall time of each statement (same as .timer)"),
    Setting(name: "tolerance", values: "PP", summary: "how far an outcome may be from a '~' (左右) target and still meet it, in pp (levels: 1 % of the target)"),
  ]

  /// Current values, by name.
  public var listing: [(String, String)] {
    [
      ("bom", bom ? "on" : "off"), ("maxrows", String(maxRows)), ("mode", mode.rawValue),
      ("provenance", provenance ? "on" : "off"), ("timer", timer ? "on" : "off"),
      ("tolerance", DecimalTextFormat.plain(tolerance)),
    ]
  }

  /// Why a `.set` failed.
  public struct SettingError: Error, Sendable { public var message: String; public var help: String? }

  public mutating func set(_ name: String, _ value: String) throws(SettingError) {
    func onOff() throws(SettingError) -> Bool {
      switch value.lowercased() {
      case "on", "true", "yes", "1": return true
      case "off", "false", "no", "0": return false
      default: throw SettingError(message: "'\(value)' is not on or off", help: ".set \(name) on|off")
      }
    }
    switch name {
    case "bom": bom = try onOff()
    case "provenance": provenance = try onOff()
    case "timer": timer = try onOff()
    case "mode":
      guard let m = OutputMode(rawValue: value) else {
        throw SettingError(message: "unknown mode '\(value)'", help: "modes: " + OutputMode.allCases.map(\.rawValue).joined(separator: ", "))
      }
      mode = m
    case "maxrows":
      guard let n = Int(value), n >= 0 else { throw SettingError(message: "'\(value)' is not a row count", help: ".set maxrows 40 (0 shows all)") }
      maxRows = n
    case "tolerance":
      guard let t = Double(value), t.isFinite, t >= 0 else {
        throw SettingError(message: "'\(value)' is not a tolerance", help: ".set tolerance 0.5 (percentage points)")
      }
      tolerance = t
    default:
      throw SettingError(
        message: "unknown setting '\(name)'",
        help: Suggestions.didYouMean(Suggestions.closest(to: name, among: Settings.all.map(\.name)))
          ?? "settings: " + Settings.all.map(\.name).joined(separator: ", "))
    }
  }
}

import Diagnostics
import IndicatorStore

enum DecimalTextFormat {
  static func plain(_ value: Double) -> String { DecimalText.shortest(value) }
}
