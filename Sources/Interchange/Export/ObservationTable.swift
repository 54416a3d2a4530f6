import IndicatorStore

/// A store's observations as a `ResultTable` with exactly the data-file
/// columns, in order: region, indicator, measure, scenario, period, value,
/// unit, bound, source, quote, ref. Exporting it and loading the export
/// gives the same observations; exporting again is byte-identical.
///
/// ```swift
/// let table = ObservationTable.table(store)             // every row
/// try CSVWriter.write(table, to: "all.csv", bom: false)
/// let some = ObservationTable.table(store, rows: store.rows(ofSeries: 0))
/// ```
public enum ObservationTable {
  /// Every observation of `store`, in store order (series, then period).
  public static func table(_ store: IndicatorStore) -> ResultTable {
    table(store, rows: 0..<store.rowCount)
  }

  /// The given rows of `store` (indices into its fact columns), in the order given.
  public static func table(_ store: IndicatorStore, rows: some Sequence<Int>) -> ResultTable {
    var region: [String?] = [], indicator: [String?] = [], measure: [String?] = []
    var scenario: [String?] = [], period: [String?] = [], unit: [String?] = []
    var bound: [String?] = [], source: [String?] = [], quote: [String?] = [], ref: [String?] = []
    var value: [Double?] = []
    // Rows → series by the offsets (rows are usually given in store order).
    var series = 0
    for row in rows {
      guard row >= 0 && row < store.rowCount else { continue }
      if !(store.rows(ofSeries: series).contains(row)) { series = seriesOf(row: row, in: store) }
      let labels = store.labels(ofSeries: series)
      let provenance = store.provenance(ofRow: row)
      region.append(labels.region)
      indicator.append(labels.indicator)
      measure.append(labels.measure.rawValue)
      scenario.append(labels.scenario.rawValue)
      period.append(store.period(ofRow: row).description)
      value.append(store.value(ofRow: row))
      unit.append(labels.unit)
      bound.append(store.bound(ofRow: row).text)
      source.append(provenance.source)
      quote.append(provenance.quote)
      ref.append(provenance.reference)
    }
    return ResultTable(columns: [
      .text("region", region), .text("indicator", indicator), .text("measure", measure),
      .text("scenario", scenario), .text("period", period), .number("value", value, role: .value),
      .text("unit", unit), .text("bound", bound), .text("source", source, role: .provenance),
      .text("quote", quote, role: .provenance), .text("ref", ref),
    ])
  }

  /// The series holding `row` (binary search over the offsets).
  static func seriesOf(row: Int, in store: IndicatorStore) -> Int {
    var lo = 0, hi = store.seriesCount - 1
    while lo < hi {
      let mid = (lo + hi + 1) / 2
      if Int(store.offsets[mid]) <= row { lo = mid } else { hi = mid - 1 }
    }
    return lo
  }
}
