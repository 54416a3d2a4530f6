import IndicatorStore

/// A self-contained SVG chart of a result: the same series, periods,
/// targets and estimates as the terminal chart (`TextChart`), with title,
/// axes, ticks, period labels, unit and legend.
///
/// Outcomes are solid lines with filled dots; estimates (预计) are hollow
/// dots on a dashed segment; targets are diamonds joined by a dashed line.
/// Bars are horizontal (Chinese names need the room), solid for actuals,
/// hatched-light for estimates, with a dark tick at the target. Text uses a
/// CJK-capable font list so Chinese labels render on Linux, macOS and Windows.
/// Every point carries `data-series`, `data-period` and `data-value`
/// attributes, so tests (and people) can read the figures back.
///
/// ```swift
/// let svg = try SVGChart.render(table)
/// try svg.write(toFile: "chart.svg", atomically: true, encoding: .utf8)
/// ```
public enum SVGChart {
  public static let fontFamily =
    "'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif"
  /// Okabe–Ito colours: distinguishable with the common colour-vision deficiencies.
  public static let palette = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
  static let targetColor = "#C62828"

  public static func render(_ table: ResultTable) throws(ChartError) -> String {
    let data = try ChartData(table)
    if data.isBarChart {
      guard data.series.count <= TextChart.maxBars else { throw TextChart.tooMany(TextChart.maxBars) }
      return bars(data)
    }
    guard data.series.count <= TextChart.maxSeries else { throw TextChart.tooMany(TextChart.maxSeries) }
    return lines(data)
  }

  /// Escapes text for element content and attribute values.
  public static func escape(_ s: String) -> String {
    var out = ""
    for c in s {
      switch c {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&apos;"
      default:
        // Control characters are not allowed in XML 1.0 at all.
        if let v = c.unicodeScalars.first?.value, v < 0x20, c != "\n", c != "\t" { continue }
        out.append(c)
      }
    }
    return out
  }

  static func n(_ v: Double) -> String { ChartNumber.format((v * 10).rounded() / 10) }

  /// Approximate text width in px at `size`: wide characters count double.
  static func textWidth(_ s: String, size: Double) -> Double { Double(DisplayWidth.of(s)) * size * 0.55 }

  static func text(
    _ s: String, x: Double, y: Double, size: Double = 12, anchor: String = "start", extra: String = ""
  ) -> String {
    "<text x=\"\(n(x))\" y=\"\(n(y))\" font-size=\"\(n(size))\" text-anchor=\"\(anchor)\"\(extra)>\(escape(s))</text>"
  }

  static func document(width: Double, height: Double, title: String, body: [String]) -> String {
    var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    out += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(n(width))\" height=\"\(n(height))\" "
    out += "viewBox=\"0 0 \(n(width)) \(n(height))\" font-family=\"\(escape(fontFamily))\">\n"
    out += "<title>\(escape(title.isEmpty ? "indsh chart" : title))</title>\n"
    out += "<rect x=\"0\" y=\"0\" width=\"\(n(width))\" height=\"\(n(height))\" fill=\"#ffffff\"/>\n"
    out += body.joined(separator: "\n")
    return out + "\n</svg>\n"
  }

  /// Legend entries flowed into rows below the chart; returns the elements and the height used.
  static func legend(_ data: ChartData, top: Double, left: Double, width: Double, barMode: Bool) -> ([String], Double) {
    var items: [(label: String, swatch: String)] = []
    for (index, series) in data.series.enumerated() where !barMode {
      let color = palette[index % palette.count]
      items.append((series.name, "<line x1=\"0\" y1=\"0\" x2=\"18\" y2=\"0\" stroke=\"\(color)\" stroke-width=\"2.5\"/><circle cx=\"9\" cy=\"0\" r=\"3.5\" fill=\"\(color)\"/>"))
    }
    if barMode { items.append(("actual", "<rect x=\"0\" y=\"-6\" width=\"18\" height=\"12\" fill=\"\(palette[0])\"/>")) }
    if data.hasEstimates {
      items.append(
        barMode
          ? ("estimate (预计)", "<rect x=\"0\" y=\"-6\" width=\"18\" height=\"12\" fill=\"\(palette[0])\" fill-opacity=\"0.35\" stroke=\"\(palette[0])\" stroke-dasharray=\"3 2\"/>")
          : ("estimate (预计)", "<circle cx=\"9\" cy=\"0\" r=\"4\" fill=\"#ffffff\" stroke=\"#444444\" stroke-width=\"1.5\"/>"))
    }
    if data.hasTargets {
      items.append(
        barMode
          ? ("target", "<line x1=\"9\" y1=\"-7\" x2=\"9\" y2=\"7\" stroke=\"\(targetColor)\" stroke-width=\"3\"/>")
          : ("target", "<line x1=\"0\" y1=\"0\" x2=\"18\" y2=\"0\" stroke=\"#444444\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\"/><path d=\"M9,-5 L14,0 L9,5 L4,0 Z\" fill=\"#444444\"/>"))
    }
    var out: [String] = ["<g class=\"legend\">"]
    var x = left
    var y = top + 8
    for item in items {
      let w = 26 + textWidth(item.label, size: 12) + 18
      if x + w > left + width, x > left { x = left; y += 20 }
      out.append("<g class=\"legend-item\" transform=\"translate(\(n(x)),\(n(y)))\">\(item.swatch)\(text(item.label, x: 24, y: 4))</g>")
      x += w
    }
    out.append("</g>")
    return (out, y - top + 16)
  }

  // MARK: - Lines

  static func lines(_ data: ChartData) -> String {
    let width = 800.0
    let scale = Scale(values: data.allValues, tickCount: 6)
    let tickLabels = scale.ticks.map { scale.label($0) }
    let left = 24 + (tickLabels.map { textWidth($0, size: 12) }.max() ?? 20)
    let right = width - 30
    let top = 64.0
    let plotHeight = 280.0
    let bottom = top + plotHeight
    let count = data.periods.count
    func x(_ category: Int) -> Double {
      count == 1 ? (left + right) / 2 : left + 20 + Double(category) * (right - left - 40) / Double(count - 1)
    }
    func y(_ value: Double) -> Double { bottom - scale.fraction(value) * plotHeight }

    var body: [String] = []
    body.append(text(data.title, x: width / 2, y: 28, size: 18, anchor: "middle", extra: " font-weight=\"bold\" class=\"title\""))
    if let unit = data.unit {
      body.append(text(unit, x: left, y: top - 12, size: 12, anchor: "middle", extra: " class=\"unit\""))
    }
    // Grid and y ticks.
    for (value, label) in zip(scale.ticks, tickLabels) {
      let yy = y(value)
      body.append("<line x1=\"\(n(left))\" y1=\"\(n(yy))\" x2=\"\(n(right))\" y2=\"\(n(yy))\" stroke=\"#e0e0e0\"/>")
      body.append("<line x1=\"\(n(left - 5))\" y1=\"\(n(yy))\" x2=\"\(n(left))\" y2=\"\(n(yy))\" stroke=\"#333333\"/>")
      body.append(text(label, x: left - 8, y: yy + 4, anchor: "end", extra: " class=\"tick\""))
    }
    body.append("<line x1=\"\(n(left))\" y1=\"\(n(top))\" x2=\"\(n(left))\" y2=\"\(n(bottom))\" stroke=\"#333333\"/>")
    body.append("<line x1=\"\(n(left))\" y1=\"\(n(bottom))\" x2=\"\(n(right))\" y2=\"\(n(bottom))\" stroke=\"#333333\"/>")
    // Period labels: every one when they fit, else every k-th.
    let labelWidth = (data.periods.map { textWidth($0, size: 12) }.max() ?? 30) + 8
    let stride = max(1, Int((labelWidth * Double(count) / (right - left)).rounded(.up)))
    for (category, period) in data.periods.enumerated() {
      body.append("<line x1=\"\(n(x(category)))\" y1=\"\(n(bottom))\" x2=\"\(n(x(category)))\" y2=\"\(n(bottom + 5))\" stroke=\"#333333\"/>")
      if category % stride == 0 || category == count - 1 && (count - 1) % stride == 0 {
        body.append(text(period, x: x(category), y: bottom + 20, anchor: "middle", extra: " class=\"period\""))
      }
    }
    // Series: targets (dashed, diamonds) under outcomes (solid; estimates dashed and hollow).
    for (index, series) in data.series.enumerated() {
      let color = palette[index % palette.count]
      let name = escape(series.name)
      if series.targets.count > 1 {
        let points = series.targets.map { "\(n(x($0.category))),\(n(y($0.value)))" }.joined(separator: " ")
        body.append("<polyline class=\"target-line\" points=\"\(points)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\" opacity=\"0.8\"/>")
      }
      for t in series.targets {
        let cx = x(t.category), cy = y(t.value)
        body.append("<path class=\"target\" data-series=\"\(name)\" data-period=\"\(escape(data.periods[t.category]))\" data-value=\"\(ChartNumber.format(t.value))\" d=\"M\(n(cx)),\(n(cy - 7)) L\(n(cx + 7)),\(n(cy)) L\(n(cx)),\(n(cy + 7)) L\(n(cx - 7)),\(n(cy)) Z\" fill=\"#ffffff\" stroke=\"\(color)\" stroke-width=\"2\"/>")
      }
      for (a, b) in zip(series.points, series.points.dropFirst()) {
        let dash = a.isEstimate || b.isEstimate ? " stroke-dasharray=\"5 4\"" : ""
        body.append("<line class=\"segment\" x1=\"\(n(x(a.category)))\" y1=\"\(n(y(a.value)))\" x2=\"\(n(x(b.category)))\" y2=\"\(n(y(b.value)))\" stroke=\"\(color)\" stroke-width=\"2.5\"\(dash)/>")
      }
      for p in series.points {
        let fill = p.isEstimate ? "#ffffff" : color
        let cls = p.isEstimate ? "point estimate" : "point"
        body.append("<circle class=\"\(cls)\" data-series=\"\(name)\" data-period=\"\(escape(data.periods[p.category]))\" data-value=\"\(ChartNumber.format(p.value))\" cx=\"\(n(x(p.category)))\" cy=\"\(n(y(p.value)))\" r=\"4.5\" fill=\"\(fill)\" stroke=\"\(color)\" stroke-width=\"2\"/>")
      }
    }
    let (legendElements, legendHeight) = legend(data, top: bottom + 36, left: left, width: right - left, barMode: false)
    body += legendElements
    return document(width: width, height: bottom + 36 + legendHeight + 12, title: data.title, body: body)
  }

  // MARK: - Bars

  static func bars(_ data: ChartData) -> String {
    let width = 800.0
    let periodsUsed = Set(data.series.flatMap { ($0.points + $0.targets).map(\.category) })
    let sharedPeriod = periodsUsed.count == 1 ? data.periods[periodsUsed.first ?? 0] : nil
    let names = data.series.map { s -> String in
      let category = (s.points.first ?? s.targets.first)?.category ?? 0
      return sharedPeriod == nil && !data.periods.isEmpty ? "\(s.name) \(data.periods[category])" : s.name
    }
    let left = 20 + min(260, names.map { textWidth($0, size: 13) }.max() ?? 40)
    let right = width - 90
    let top = 70.0
    let rowHeight = 28.0
    let bottom = top + rowHeight * Double(data.series.count)
    let scale = Scale(values: data.allValues, tickCount: 6, includeZero: true)
    func x(_ value: Double) -> Double { left + scale.fraction(value) * (right - left) }

    var body: [String] = []
    var heading = data.title
    let qualifiers = [sharedPeriod, data.unit].compactMap { $0 }
    if !qualifiers.isEmpty { heading += (heading.isEmpty ? "" : " ") + "(" + qualifiers.joined(separator: ", ") + ")" }
    body.append(text(heading, x: width / 2, y: 30, size: 18, anchor: "middle", extra: " font-weight=\"bold\" class=\"title\""))
    if let unit = data.unit { body.append(text(unit, x: right, y: top - 14, anchor: "end", extra: " class=\"unit\"")) }
    for value in scale.ticks {
      let xx = x(value)
      body.append("<line x1=\"\(n(xx))\" y1=\"\(n(top))\" x2=\"\(n(xx))\" y2=\"\(n(bottom))\" stroke=\"#e0e0e0\"/>")
      body.append("<line x1=\"\(n(xx))\" y1=\"\(n(bottom))\" x2=\"\(n(xx))\" y2=\"\(n(bottom + 5))\" stroke=\"#333333\"/>")
      body.append(text(scale.label(value), x: xx, y: bottom + 20, anchor: "middle", extra: " class=\"tick\""))
    }
    body.append("<line x1=\"\(n(left))\" y1=\"\(n(bottom))\" x2=\"\(n(right))\" y2=\"\(n(bottom))\" stroke=\"#333333\"/>")
    for (index, series) in data.series.enumerated() {
      let yy = top + Double(index) * rowHeight
      let name = escape(series.name)
      body.append(text(names[index], x: left - 8, y: yy + rowHeight / 2 + 5, size: 13, anchor: "end", extra: " class=\"label\""))
      var valueText = "-"
      if let p = series.points.first {
        let x0 = x(0), x1 = x(p.value)
        let style = p.isEstimate
          ? "fill=\"\(palette[0])\" fill-opacity=\"0.35\" stroke=\"\(palette[0])\" stroke-dasharray=\"4 3\"" : "fill=\"\(palette[0])\""
        body.append("<rect class=\"\(p.isEstimate ? "bar estimate" : "bar")\" data-series=\"\(name)\" data-period=\"\(escape(data.periods[p.category]))\" data-value=\"\(ChartNumber.format(p.value))\" x=\"\(n(min(x0, x1)))\" y=\"\(n(yy + 5))\" width=\"\(n(max(1, abs(x1 - x0))))\" height=\"\(n(rowHeight - 10))\" \(style)/>")
        valueText = ChartNumber.format(p.value) + (p.isEstimate ? "*" : "")
      }
      if let t = series.targets.first {
        let xt = x(t.value)
        body.append("<line class=\"target\" data-series=\"\(name)\" data-period=\"\(escape(data.periods[t.category]))\" data-value=\"\(ChartNumber.format(t.value))\" x1=\"\(n(xt))\" y1=\"\(n(yy + 2))\" x2=\"\(n(xt))\" y2=\"\(n(yy + rowHeight - 2))\" stroke=\"\(targetColor)\" stroke-width=\"3\"/>")
        valueText += " / target \(ChartNumber.format(t.value))"
      }
      let valueX = max(x(0), x(series.points.first?.value ?? 0), series.targets.first.map { x($0.value) + 2 } ?? 0)
      body.append(text(valueText, x: valueX + 6, y: yy + rowHeight / 2 + 5, extra: " class=\"value\""))
    }
    body.append("<line x1=\"\(n(x(0)))\" y1=\"\(n(top))\" x2=\"\(n(x(0)))\" y2=\"\(n(bottom))\" stroke=\"#333333\"/>")
    let (legendElements, legendHeight) = legend(data, top: bottom + 34, left: left, width: right - left, barMode: true)
    body += legendElements
    return document(width: width, height: bottom + 34 + legendHeight + 12, title: heading, body: body)
  }
}
