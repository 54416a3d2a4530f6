import Diagnostics
import IndicatorStore

extension Frame {
  /// A text column from per-series labels, expanded to rows through the
  /// offsets (one dictionary lookup per series, not per row).
  func labelColumn(_ name: String, _ perSeries: (SeriesHeader) -> String?, role: ResultTable.Role = .label)
    -> ResultTable.Column
  {
    var dictionary: [String] = []
    var index: [String: Int32] = [:]
    var codes: [Int32] = []
    codes.reserveCapacity(rowCount)
    for s in 0..<seriesCount {
      var code: Int32 = -1
      if let text = perSeries(series[s]), !text.isEmpty {
        if let c = index[text] {
          code = c
        } else {
          code = Int32(dictionary.count)
          dictionary.append(text)
          index[text] = code
        }
      }
      codes.append(contentsOf: repeatElement(code, count: rows(ofSeries: s).count))
    }
    return ResultTable.Column(name: name, role: role, cells: .text(codes: codes, dictionary: dictionary))
  }

  /// The period column, dictionary encoded by the period's raw value.
  func periodColumn() -> ResultTable.Column {
    var dictionary: [String] = []
    var index: [UInt32: Int32] = [:]
    var codes: [Int32] = []
    codes.reserveCapacity(rowCount)
    // A direct-mapped cache by end month in front of the hash: a panel's
    // periods are a few dozen years, each found without hashing.
    var cachedRaw = [UInt32](repeating: .max, count: 1024)
    var cachedCode = [Int32](repeating: 0, count: 1024)
    for p in periods {
      let slot = Int((p.rawValue >> 15) & 1023)
      if cachedRaw[slot] == p.rawValue {
        codes.append(cachedCode[slot])
        continue
      }
      let c: Int32
      if let known = index[p.rawValue] {
        c = known
      } else {
        c = Int32(dictionary.count)
        dictionary.append(p.description)
        index[p.rawValue] = c
      }
      codes.append(c)
      cachedRaw[slot] = p.rawValue
      cachedCode[slot] = c
    }
    return ResultTable.Column(name: "period", role: .label, cells: .text(codes: codes, dictionary: dictionary))
  }

  /// The quote of each row, copied from the store as raw text.
  func quoteColumn(role: ResultTable.Role) -> ResultTable.Column {
    let cells: ResultTable.Cells
    if let storeRows, let origin {
      cells = origin.quoteCells(rows: storeRows)
    } else {
      cells = .rawText(bytes: [], ends: Array(repeating: 0, count: rowCount))
    }
    return ResultTable.Column(name: "quote", role: role, cells: cells)
  }

  /// A text column computed per store row (bound, source, quote, ref).
  func storeColumn(_ name: String, role: ResultTable.Role, _ text: (IndicatorStore, Int) -> String?)
    -> ResultTable.Column
  {
    var b = TextColumnBuilder()
    if let storeRows, let origin {
      for r in storeRows {
        b.append(r >= 0 && r < origin.rowCount ? text(origin, r) : nil)
      }
    } else {
      for _ in 0..<rowCount { b.append(nil) }
    }
    return ResultTable.Column(name: name, role: role, cells: .text(codes: b.codes, dictionary: b.dictionary))
  }

  /// A text column of store dictionary codes per row (source, ref): each
  /// code is turned into text once, in order of first use, with no String
  /// per row. `code` gives nil for an empty cell.
  func storeCodeColumn(
    _ name: String, role: ResultTable.Role, dictionary: StringDictionary, _ code: (IndicatorStore, Int) -> Int32?
  ) -> ResultTable.Column {
    var codes: [Int32] = []
    codes.reserveCapacity(rowCount)
    var texts: [String] = []
    var index: [String: Int32] = [:]
    var remap = [Int32](repeating: -2, count: dictionary.count)  // −2: not seen yet
    if let storeRows, let origin {
      for r in storeRows {
        guard r >= 0 && r < origin.rowCount, let c = code(origin, r), c >= 0, Int(c) < remap.count else {
          codes.append(-1)
          continue
        }
        if remap[Int(c)] == -2 {
          // Equal texts under different codes share one entry, as TextColumnBuilder does.
          let text = dictionary[c]
          if text.isEmpty {
            remap[Int(c)] = -1
          } else if let known = index[text] {
            remap[Int(c)] = known
          } else {
            remap[Int(c)] = Int32(texts.count)
            index[text] = Int32(texts.count)
            texts.append(text)
          }
        }
        codes.append(remap[Int(c)])
      }
    } else {
      codes = Array(repeating: -1, count: rowCount)
    }
    return ResultTable.Column(name: name, role: role, cells: .text(codes: codes, dictionary: texts))
  }

  /// The bound of each row as text, coded by the bound's raw value.
  func boundColumn() -> ResultTable.Column {
    var codes: [Int32] = []
    codes.reserveCapacity(rowCount)
    var texts: [String] = []
    var remap = [Int32](repeating: -2, count: Bound.allCases.count)
    if let storeRows, let origin {
      let bounds = origin.bounds
      for r in storeRows {
        guard r >= 0 && r < bounds.count else {
          codes.append(-1)
          continue
        }
        let b = bounds[r]
        let k = Int(b.rawValue)
        if remap[k] == -2 {
          if b.text.isEmpty {
            remap[k] = -1
          } else {
            remap[k] = Int32(texts.count)
            texts.append(b.text)
          }
        }
        codes.append(remap[k])
      }
    } else {
      codes = Array(repeating: -1, count: rowCount)
    }
    return ResultTable.Column(name: "bound", role: .label, cells: .text(codes: codes, dictionary: texts))
  }

  func sourceColumn(role: ResultTable.Role) -> ResultTable.Column {
    storeCodeColumn("source", role: role, dictionary: origin?.sources ?? StringDictionary()) { s, r in
      s.sourceCode(ofRow: r)
    }
  }

  func valueColumn() -> ResultTable.Column {
    if valueIsFlag {
      var flags: [Bool?] = []
      flags.reserveCapacity(rowCount)
      for i in 0..<rowCount { flags.append(valid[i] ? values[i] != 0 : nil) }
      return ResultTable.Column(name: valueName, role: .other, cells: .flag(flags))
    }
    return ResultTable.Column(name: valueName, role: valueRole, cells: .number(values: values.arrayValue, valid: valid), unit: valueUnit)
  }

  func extraColumn(_ e: Extra) -> ResultTable.Column {
    let cells: ResultTable.Cells
    switch e.cells {
    case .numbers(let v, let valid): cells = .number(values: v, valid: valid)
    case .texts(let codes, let dict): cells = .text(codes: codes, dictionary: dict)
    case .flags(let f): cells = .flag(f)
    }
    return ResultTable.Column(name: e.name, role: e.role, cells: cells, unit: e.unit)
  }

  /// The result table the shell renders and exports.
  func table(showProvenance globalProvenance: Bool) -> ResultTable {
    var table = ResultTable()
    table.notes = notes
    let provenanceRole: ResultTable.Role = showProvenance ? .label : .provenance
    if labels.contains(.region) { table.append(labelColumn("region") { $0.region }) }
    if labels.contains(.indicator) { table.append(labelColumn("indicator") { $0.indicator }) }
    if labels.contains(.measure) { table.append(labelColumn("measure") { $0.measure?.rawValue }) }
    if labels.contains(.scenario) { table.append(labelColumn("scenario") { $0.scenario?.rawValue }) }
    if labels.contains(.period) { table.append(periodColumn()) }
    for e in extras where e.placement == .beforeValue { table.append(extraColumn(e)) }
    table.append(valueColumn())
    for e in extras where e.placement == .afterValue { table.append(extraColumn(e)) }
    if labels.contains(.unit) { table.append(labelColumn("unit") { $0.unit }) }
    if isPlain {
      // The store's CSV columns, so `.export f.csv *` writes a loadable file.
      table.append(boundColumn())
      table.append(sourceColumn(role: provenanceRole))
      table.append(quoteColumn(role: provenanceRole))
      if origin?.hasReferences ?? false {
        table.append(
          storeCodeColumn("ref", role: .label, dictionary: origin?.indicators ?? StringDictionary()) { s, r in
            s.referenceCode(ofRow: r)
          })
      } else {
        table.append(ResultTable.Column(name: "ref", role: .label, cells: .text(codes: Array(repeating: -1, count: rowCount), dictionary: [])))
      }
    } else if showProvenance && storeRows != nil {
      table.append(sourceColumn(role: .label))
      table.append(quoteColumn(role: .label))
    }
    for e in extras where e.placement == .afterUnit { table.append(extraColumn(e)) }
    return table
  }
}

extension Value {
  /// The table a value shows as.
  func table(showProvenance: Bool) -> ResultTable {
    switch self {
    case .number(let n): return .scalar(n)
    case .text(let s): return ResultTable(columns: [.text("value", [s])])
    case .flag(let f): return ResultTable(columns: [.flag("value", [f])])
    case .frame(let f): return f.table(showProvenance: showProvenance)
    }
  }
}
