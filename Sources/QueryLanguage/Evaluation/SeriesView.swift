import IndicatorStore

/// The rows a series kernel reads: per series its labels and a range of
/// rows in the columns. Made from a frame (its own columns, ranges from
/// the offsets) or straight from the store for a selector consumed by a
/// kernel (`yoy(*{…})`, `gap(*{…})`): the store's columns are read in
/// place, so the selection is never copied.
///
/// ```swift
/// let view = SeriesView(store: store, series: [3, 7])   // no rows copied
/// view.rows(ofSeries: 1)                                // store.rows(ofSeries: 7)
/// ```
struct SeriesView {
  var series: [SeriesHeader]
  var ranges: [Range<Int>]
  var periods: StoreColumn<Period>
  var values: StoreColumn<Double>
  var valid: ValidityBitmap
  /// The store row of each row of the columns, when they came from a store.
  var storeRows: StoreRows?
  var origin: IndicatorStore?
  /// Rows of all series together.
  var rowCount: Int
  var isDerivedRate = false

  /// A frame's series.
  init(_ frame: Frame) {
    series = frame.series
    ranges = (0..<frame.seriesCount).map { frame.rows(ofSeries: $0) }
    periods = frame.periods
    values = frame.values
    valid = frame.valid
    storeRows = frame.storeRows
    origin = frame.origin
    rowCount = frame.rowCount
    isDerivedRate = frame.isDerivedRate
  }

  /// Series of `store` in the order given, empty ones left out, as
  /// `Frame.fromStore` would list them.
  init(store: IndicatorStore, series picked: [Int]) {
    let names = SeriesHeader.Names(store)
    let offsets = store.offsets
    series = []
    ranges = []
    rowCount = 0
    for s in picked {
      let range = Int(offsets[s])..<Int(offsets[s + 1])
      guard !range.isEmpty else { continue }
      series.append(names.header(ofSeries: s))
      ranges.append(range)
      rowCount += range.count
    }
    periods = store.periods
    values = store.values
    valid = store.validity
    storeRows = .identity(count: store.rowCount)
    origin = store
  }

  var seriesCount: Int { series.count }
  func rows(ofSeries s: Int) -> Range<Int> { ranges[s] }
}

extension Frame {
  /// The empty frame a kernel's result starts from for a selector read in
  /// place: what `emptyCopy()` of the selector's frame would be.
  static func plainShape(of store: IndicatorStore) -> Frame {
    var f = Frame()
    f.origin = store
    f.isPlain = true
    f.storeRows = []
    return f
  }
}
