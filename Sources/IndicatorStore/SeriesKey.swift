/// The labels that identify a series: (region, indicator, measure, scenario),
/// as dictionary codes of the store that made it.
public struct SeriesKey: Hashable, Sendable {
  public var region: Int32
  public var indicator: Int32
  public var measure: Measure
  public var scenario: Scenario

  public init(region: Int32, indicator: Int32, measure: Measure, scenario: Scenario) {
    self.region = region
    self.indicator = indicator
    self.measure = measure
    self.scenario = scenario
  }

  // Measure and Scenario have String raw values, so their own hash would
  // hash the text: the codes hashed as two integers cost a fraction of
  // that, and a store has a key per series (the index of a reopened
  // snapshot hashes every one).
  public func hash(into hasher: inout Hasher) {
    hasher.combine(UInt64(UInt32(bitPattern: region)) | UInt64(UInt32(bitPattern: indicator)) << 32)
    hasher.combine(measure.ordinal << 4 | scenario.ordinal)
  }
}

/// The readable labels of one series.
public struct SeriesLabels: Hashable, Sendable {
  public var region: String
  public var indicator: String
  public var measure: Measure
  public var scenario: Scenario
  public var unit: String

  public init(region: String, indicator: String, measure: Measure, scenario: Scenario, unit: String) {
    self.region = region
    self.indicator = indicator
    self.measure = measure
    self.scenario = scenario
    self.unit = unit
  }

  /// A label by its name in the query language (`region`, `indicator`,
  /// `measure`, `scenario`, `unit`).
  public subscript(label name: String) -> String? {
    switch name {
    case "region": return region
    case "indicator": return indicator
    case "measure": return measure.rawValue
    case "scenario": return scenario.rawValue
    case "unit": return unit
    default: return nil
    }
  }

  public static let labelNames = ["region", "indicator", "measure", "scenario", "unit"]
}
