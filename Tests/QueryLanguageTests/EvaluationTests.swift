import Diagnostics
import Foundation
import IndicatorStore
import Testing

@testable import QueryLanguage

@Suite("Evaluation: selectors and names")
struct EvaluationSelectorTests {
  @Test func plainSelectorHasTheStoreCSVColumns() {
    let t = evalTable("gdp{region=\"甲市\", measure=\"level\"}")
    #expect(t.columnNames == ["region", "indicator", "measure", "scenario", "period", "value", "unit", "bound", "source", "quote", "ref"])
    #expect(t.texts("period") == ["2019", "2020", "2022", "2023-01..2023-09", "2023", "2024-01..2024-09"])
    #expect(t.column(named: "source")?.role == .provenance)
    #expect(t.column(named: "quote")?.role == .provenance)
  }

  @Test func canonicalNameAndAliasSelectTheSameSeries() {
    let a = evalTable("地区生产总值")
    let b = evalTable("gdp")
    #expect(a.rowCount == b.rowCount)
    #expect(a.rowCount > 20)
  }

  @Test func starSelectsEveryIndicator() {
    let t = evalTable("*{region=\"乙县\", scenario=\"actual\"}")
    #expect(Set(t.texts("indicator")) == ["地区生产总值", "城镇调查失业率", "固定资产投资"])
  }

  @Test func notEqualAndRegexMatchersAreAnchored() {
    #expect(Set(evalTable("gdp{region!=\"甲市\"}").texts("region")) == ["乙县"])
    #expect(Set(evalTable("gdp{region=~\"甲.*\"}").texts("region")) == ["甲市"])
    // Anchored: "市" alone does not match "甲市".
    #expect(evalFailure("gdp{region=~\"市\"}").message.contains("no series"))
    #expect(Set(evalTable("gdp{region!~\"甲.*\"}").texts("region")) == ["乙县"])
    #expect(Set(evalTable("*{unit=\"万人\"}").texts("indicator")) == ["常住人口"])
  }

  @Test func invalidRegexIsAnErrorAtItsValue() {
    let d = evalFailure("gdp{region=~\"(\"}")
    #expect(d.message.contains("invalid regular expression"))
    #expect(evalCovered(d).contains("("))
  }

  @Test func unknownIndicatorSuggestsNamesAndAliases() {
    let d = evalFailure("gdpp{region=\"甲市\"}")
    #expect(d.message.contains("unknown indicator 'gdpp'"))
    #expect(d.help?.contains("'gdp'") == true)
    #expect(evalCovered(d) == "gdpp")
  }

  @Test func unknownRegionSuggestsRegions() {
    let d = evalFailure("gdp{region=\"甲\"}")
    #expect(d.message.contains("unknown region"))
    #expect(d.help?.contains("甲市") == true)
    #expect(evalCovered(d).contains("甲"))
  }

  @Test func emptySelectorSaysWhichLabelRuledEverythingOut() {
    let d = evalFailure("gdp{region=\"乙县\", scenario=\"estimate\"}")
    #expect(d.message.contains("no series of 地区生产总值 has scenario=\"estimate\""))
    #expect(d.message.contains("scenarios present: actual, target"))
    #expect(evalCovered(d) == "scenario=\"estimate\"")
  }

  @Test func unknownScenarioValueIsAnError() {
    let d = evalFailure("gdp{scenario=\"estimat\"}")
    #expect(d.message.contains("unknown scenario"))
    #expect(d.help?.contains("estimate") == true)
  }

  @Test func unknownNameSuggestsBindingsFunctionsAndIndicators() {
    let i = EvalFixture.interpreter()
    _ = try? evalRun("let growth1 = gdp{measure=\"growth\"}", i)
    let d = evalFailure("growth2", i)
    #expect(d.message.contains("unknown name"))
    #expect(d.help?.contains("growth1") == true)
  }

  @Test func letBindsAndBindingNamesList() throws {
    let i = EvalFixture.interpreter()
    #expect(try evalRun("let g = gdp{measure=\"growth\"}", i) == nil)
    #expect(i.bindingNames == ["g"])
    #expect(evalTable("g", i).rowCount == evalTable("gdp{measure=\"growth\"}").rowCount)
    // A binding takes matchers like an indicator.
    #expect(Set(evalTable("g{region=\"乙县\"}", i).texts("region")) == ["乙县"])
    #expect(evalFailure("g{region=~\"丙.*\"}", i).message.contains("regions present: 乙县, 甲市"))
    // A binding survives the store being replaced.
    i.store = IndicatorStore()
    #expect(evalTable("g", i).rowCount > 0)
  }

  @Test func sourceShowsProvenanceColumns() {
    let t = evalTable("source(gdp{region=\"甲市\", measure=\"level\"}[2019])")
    #expect(t.column(named: "source")?.role == .label)
    #expect(t.texts("quote") == ["引文2"])
    let y = evalTable("source(yoy(gdp{region=\"甲市\", measure=\"level\"}))[2020]")
    #expect(y.texts("source") == ["test_3.txt"])
  }
}

@Suite("Evaluation: slicing and series functions")
struct EvaluationSeriesFunctionTests {
  @Test func sliceKeepsPeriodsWithin() {
    let t = evalTable("gdp{region=\"甲市\", measure=\"level\"}[2023]")
    #expect(t.texts("period") == ["2023-01..2023-09", "2023"])
    let r = evalTable("gdp{region=\"甲市\", measure=\"level\"}[2019..2022]")
    #expect(r.texts("period") == ["2019", "2020", "2022"])
    let m = evalTable("gdp{region=\"甲市\", measure=\"level\"}[2024-01..2024-09]")
    #expect(m.texts("period") == ["2024-01..2024-09"])
  }

  @Test func yoyMatchesBySamePeriodAndSkipsAMissingYear() {
    let t = evalTable("yoy(gdp{region=\"甲市\", measure=\"level\"})")
    // 2021 is missing: 2022 has no row (never a two-year change).
    #expect(t.texts("period") == ["2020", "2023", "2024-01..2024-09"])
    #expect(t.columnNames == ["region", "indicator", "measure", "scenario", "period", "yoy", "unit"])
    let v = t.numbers("yoy")
    #expect(abs((v[0] ?? 0) - 10) < 1e-9)
    #expect(abs((v[1] ?? 0) - 10) < 1e-9)
    // YTD: 2024-01..2024-09 vs 2023-01..2023-09.
    #expect(abs((v[2] ?? 0) - 10) < 1e-9)
    #expect(Set(t.texts("unit")) == ["%"])
  }

  @Test func yoyOfAZeroBaseGivesNoRow() {
    // 乙县 level: 2022 50, 2023 50, 2024 0 → yoy 2023 0, 2024 −100; and nothing divides by 0.
    let t = evalTable("yoy(gdp{region=\"乙县\", measure=\"level\"})")
    #expect(t.texts("yoy") == ["0", "-100"])
    let lead = evalTable("pct(lead(gdp{region=\"乙县\", measure=\"level\"}, 0), 1)")
    #expect(lead.texts("pct") == ["0", "-100"])
  }

  @Test func yoyAcrossWanRenAndRen() {
    let t = evalTable("yoy(pop)")
    #expect(t.texts("period") == ["2023"])
    let v = t.numbers("yoy").first.flatMap { $0 } ?? 0
    #expect(abs(v - (5.5 / 5.4 - 1) * 100) < 1e-9)
  }

  @Test func yoyOfAGrowthSeriesPointsToDiff() {
    let d = evalFailure("yoy(gdp{measure=\"growth\"})")
    #expect(d.message.contains("needs a level series"))
    #expect(d.help?.contains("diff") == true)
    #expect(evalCovered(d) == "yoy")
    #expect(evalFailure("yoy(yoy(gdp{measure=\"level\"}))").message.contains("level series"))
  }

  @Test func diffIsInPercentagePointsForRates() {
    let t = evalTable("diff(gdp{region=\"甲市\", measure=\"growth\", scenario=\"actual\"})")
    #expect(t.texts("period") == ["2021", "2022", "2023"])
    #expect(Set(t.texts("unit")) == ["pp"])
    #expect(abs((t.numbers("diff")[0] ?? 0) - 1) < 1e-9)
    let l = evalTable("diff(gdp{region=\"甲市\", measure=\"level\"}, 3)")
    #expect(l.texts("period") == ["2022", "2023"])
    #expect(Set(l.texts("unit")) == ["亿元"])
  }

  @Test func lagAndLeadArePeriodMatched() {
    let lag = evalTable("lag(gdp{region=\"甲市\", measure=\"level\"}, 1)")
    #expect(lag.texts("period") == ["2020", "2023", "2024-01..2024-09"])
    #expect(lag.texts("lag") == ["100", "121", "90"])
    let lead = evalTable("lead(gdp{region=\"甲市\", measure=\"level\"}, 1)")
    #expect(lead.texts("period") == ["2019", "2022", "2023-01..2023-09"])
    #expect(lead.texts("lead") == ["110", "133.1", "99"])
  }

  @Test func pctOverSeveralYears() {
    let t = evalTable("pct(gdp{region=\"甲市\", measure=\"level\"}, 3)")
    #expect(t.texts("period") == ["2022", "2023"])
    #expect(abs((t.numbers("pct")[0] ?? 0) - 21) < 1e-9)
  }

  @Test func cagrStatesItsBasePeriod() {
    let t = evalTable("cagr(gdp{region=\"甲市\", measure=\"level\"}, 3)[2023]")
    #expect(t.texts("base") == ["2020"])
    let expected = (pow(133.1 / 110, 1.0 / 3) - 1) * 100
    #expect(abs((t.numbers("cagr").first.flatMap { $0 } ?? 0) - expected) < 1e-9)
    #expect(t.texts("unit") == ["%"])
  }

  @Test func roundAndAbs() {
    let t = evalTable("round(yoy(pop), 2)")
    #expect(t.texts("yoy") == ["1.85"])
    let a = evalTable("abs(gap(gdp{region=\"甲市\"})[2020])")
    #expect(a.texts("gap") == ["0.5"])
    #expect(evalTable("round(2.345, 1)").texts("value") == ["2.3"])
    #expect(evalTable("abs(-3)").texts("value") == ["3"])
  }

  @Test func wrongArgumentsAreLocatedErrors() {
    let d = evalFailure("round(gdp)")
    #expect(d.message.contains("round expects (x, digits)"))
    let e = evalFailure("diff(gdp, 1.5)")
    #expect(e.message.contains("whole number"))
    #expect(evalCovered(e) == "1.5")
    let f = evalFailure("yoyy(gdp)")
    #expect(f.message.contains("unknown function 'yoyy'"))
    #expect(f.help?.contains("'yoy'") == true)
    #expect(evalCovered(f) == "yoyy")
    #expect(evalFailure("yoy(3)").message.contains("a number"))
    // A report's own word for the computation points to the function.
    #expect(evalFailure("增长率(gdp)").help == "the reports' 增长率 is yoy(x)")
    #expect(evalFailure("完成率(gdp)").help == "the reports' 完成率 is attain(x)")
  }
}

@Suite("Evaluation: arithmetic, comparisons, where")
struct EvaluationArithmeticTests {
  @Test func scalarArithmetic() {
    #expect(evalTable("1 + 2").texts("value") == ["3"])
    #expect(evalTable("(1.08/1.09)*100").texts("value") == ["99.08256880733946"])
    #expect(evalTable("1 / 0").texts("value") == [""])
    #expect(evalTable("-2 * 3").texts("value") == ["-6"])
  }

  @Test func seriesAndNumber() {
    let t = evalTable("gdp{region=\"甲市\", measure=\"level\"}[2019] * 2")
    #expect(t.texts("value") == ["200"])
    #expect(t.texts("unit") == ["亿元"])
    #expect(!t.columnNames.contains("source"))
  }

  @Test func divisionByZeroKeepsTheRowWithMissingValue() {
    let t = evalTable("gdp{region=\"乙县\", measure=\"level\"} / 0")
    #expect(t.rowCount == 3)
    #expect(t.texts("value") == ["", "", ""])
    let s = evalTable("gdp{region=\"甲市\", measure=\"level\"}[2022..2024] / ignoring(region) gdp{region=\"乙县\", measure=\"level\"}")
    #expect(s.texts("period") == ["2022", "2023"])
    let z = evalTable("gdp{region=\"乙县\", measure=\"level\"}[2024] / gdp{region=\"乙县\", measure=\"level\"}[2024]")
    #expect(z.texts("value") == [""])
  }

  @Test func twoSeriesSetsMatchOnSharedLabels() {
    // Regions differ on each side as a whole, so they drop out of the match.
    let t = evalTable("gdp{region=\"甲市\", measure=\"growth\", scenario=\"actual\"} - gdp{region=\"乙县\", measure=\"growth\", scenario=\"actual\"}")
    #expect(t.texts("period") == ["2022", "2023"])
    #expect(t.texts("unit") == ["pp", "pp"])
    #expect(abs((t.numbers("value")[0] ?? 0) - 0.7) < 1e-9)
    // Outcome minus target: scenario differs as a whole.
    let g = evalTable("gdp{region=\"甲市\", measure=\"growth\", scenario=\"actual\"} - gdp{region=\"甲市\", measure=\"growth\", scenario=\"target\"}")
    #expect(g.texts("period") == ["2020", "2021", "2022", "2023"])
  }

  @Test func onAndIgnoringNarrowTheMatch() {
    let t = evalTable("gdp{region=\"甲市\", measure=\"growth\", scenario=\"actual\"} - on(region, measure) gdp{region=\"甲市\", measure=\"growth\", scenario=\"target\"}")
    #expect(t.texts("period") == ["2020", "2021", "2022", "2023"])
    let d = evalFailure("gdp{measure=\"growth\"} - on(regio) gdp{measure=\"growth\"}")
    #expect(d.message.contains("unknown label 'regio'"))
    let i = evalTable("gdp{region=\"甲市\", measure=\"growth\", scenario=\"actual\"} - ignoring(scenario) gdp{region=\"甲市\", measure=\"growth\", scenario=\"target\"}")
    #expect(i.rowCount == 4)
  }

  @Test func ambiguousMatchListsTheClash() {
    // 乙县's 2023 range target is two rows for one period.
    let d = evalFailure("gdp{region=\"乙县\", measure=\"growth\", scenario=\"actual\"} - gdp{region=\"乙县\", measure=\"growth\", scenario=\"target\"}")
    #expect(d.message.contains("ambiguous match"))
    #expect(d.message.contains("2022"))
    #expect(d.help?.contains("on(") == true)
    #expect(evalCovered(d) == "-")
  }

  @Test func comparisonsFilterRows() {
    let t = evalTable("gdp{region=\"甲市\", measure=\"level\"} > 110")
    #expect(t.texts("value") == ["121", "133.1"])
    #expect(t.columnNames.contains("source"))  // still the CSV shape
    let u = evalTable("100 < gdp{region=\"甲市\", measure=\"level\"}[2019..2020]")
    #expect(u.texts("value") == ["110"])
    #expect(evalTable("1 < 2").texts("value") == ["true"])
  }

  @Test func whereFiltersByNamedColumns() {
    let t = evalTable("gap(gdp) where gap < 0")
    #expect(t.texts("period") == ["2020", "2022", "2024", "2022"])
    let v = evalTable("gdp{measure=\"level\"} where value > 100 and region == \"甲市\"")
    #expect(v.texts("value") == ["110", "121", "133.1"])
    let n = evalTable("gdp{measure=\"level\"} where not (value > 60) or period == 2024")
    #expect(n.texts("value") == ["50", "50", "0"])
    let met = evalTable("gap(gdp) where met == false")
    #expect(met.texts("period") == ["2020", "2024", "2022"])
    let s = evalTable("gdp{measure=\"growth\"} where scenario != \"target\" and bound == \"\"")
    #expect(Set(s.texts("scenario")) == ["actual", "estimate"])
    let y = evalTable("yoy(gdp{measure=\"level\"}) where abs(yoy) > 50")
    #expect(y.texts("yoy") == ["-100"])
  }

  @Test func whereErrorsNameTheColumns() {
    let d = evalFailure("gap(gdp) where gapp < 0")
    #expect(d.message.contains("unknown column 'gapp'"))
    #expect(d.help?.contains("'gap'") == true)
    #expect(evalFailure("gdp where value + 1").message.contains("true or false"))
    #expect(evalFailure("3 where value > 1").message.contains("filters the rows of a table"))
  }
}

@Suite("Evaluation: reductions and rank")
struct EvaluationReductionTests {
  @Test func reductionPerSeriesShowsTheSpan() {
    let t = evalTable("avg(gdp{region=\"甲市\", measure=\"growth\", scenario=\"actual\"})")
    #expect(t.texts("period") == ["2020..2023"])
    #expect(abs((t.numbers("avg")[0] ?? 0) - 7.2) < 1e-9)
    #expect(t.texts("unit") == ["%"])
    #expect(evalTable("sum(gdp{region=\"乙县\", measure=\"level\"})").texts("sum") == ["100"])
    #expect(evalTable("min(gdp{region=\"甲市\", measure=\"level\"}[2019..2023])").texts("min") == ["90"])  // the 2023 YTD figure lies within
    #expect(evalTable("max(gdp{region=\"甲市\", measure=\"level\"}[2019..2023])").texts("max") == ["133.1"])
    let first = evalTable("first(gdp{region=\"甲市\", measure=\"level\"})")
    #expect(first.texts("first") == ["100"])
    #expect(first.texts("period") == ["2019"])
    let last = evalTable("last(gdp{region=\"甲市\", measure=\"level\"})")
    #expect(last.texts("last") == ["99"])
    #expect(last.texts("period") == ["2024-01..2024-09"])
  }

  @Test func countSkipsMissingAndSaysSo() {
    let t = evalTable("count(*{region=\"甲市\", measure=\"growth\", scenario=\"target\"})")
    #expect(t.texts("count") == ["6", "0", "0"])
    #expect(t.notes.contains { $0.contains("2 missing values were skipped") })
    #expect(!t.columnNames.contains("unit"))
  }

  @Test func countStarCountsObservationsPerSeries() {
    let t = evalTable("count(*)")
    let total = t.numbers("count").compactMap { $0 }.reduce(0, +)
    #expect(Int(total) + 2 == EvalFixture.store.rowCount)  // two relative targets have no value
  }

  @Test func byGroupsAcrossSeries() {
    let t = evalTable("count(yoy(gdp{measure=\"level\"}) where yoy < 20) by (region)")
    #expect(t.columnNames == ["region", "period", "count"])
    #expect(t.texts("region") == ["甲市", "乙县"])
    #expect(t.texts("count") == ["3", "2"])
    let p = evalTable("avg(gdp{measure=\"growth\", scenario=\"actual\"}) by (period)")
    #expect(p.texts("period") == ["2020", "2021", "2022", "2023"])
    #expect(p.texts("avg")[3] == "6.4")
  }

  @Test func byEmptyReducesToOneRow() {
    let t = evalTable("sum(gdp{measure=\"level\", scenario=\"actual\"}[2023]) by ()")
    #expect(t.rowCount == 1)
    #expect(t.texts("sum") == ["273.1"])
    #expect(t.texts("unit") == ["亿元"])
  }

  @Test func reductionOfANumberIsAnError() {
    let d = evalFailure("avg(3)")
    #expect(d.message.contains("avg reduces a table"))
    #expect(evalCovered(d) == "3")
    #expect(evalFailure("avg(gdp) by (regio)").message.contains("cannot group by 'regio'"))
    #expect(evalFailure("yoy(gdp) by (region)").message.contains("does not take 'by'"))
  }

  @Test func rankAcrossSeriesWithinPeriod() {
    let t = evalTable("rank(gdp{measure=\"growth\", scenario=\"actual\"})[2023]")
    #expect(t.texts("region") == ["甲市", "乙县"])
    #expect(t.texts("rank") == ["1", "2"])
    #expect(t.texts("value") == ["7.3", "5.5"])
  }
}

@Suite("Evaluation: target functions")
struct EvaluationTargetTests {
  let columns = [
    "region", "indicator", "measure", "period", "outcome", "value", "target", "target_high", "bound", "gap", "met", "unit",
    "gap_unit",
  ]

  @Test func gapColumnsAndSigns() {
    let t = evalTable("gap(gdp{region=\"甲市\"})")
    #expect(t.columnNames == columns)
    #expect(t.texts("period") == ["2020", "2021", "2022", "2023", "2024", "2025"])
    #expect(t.texts("gap") == ["-0.5", "0", "-0.5", "0.5", "-1", ""])
    // The figures are in %; their gap is in percentage points.
    #expect(Set(t.texts("unit")) == ["%"])
    #expect(Set(t.texts("gap_unit")) == ["pp"])
    #expect(t.texts("outcome") == ["actual", "actual", "actual", "actual", "estimate", ""])
  }

  @Test func tildeTargetWithinToleranceInclusive() {
    // 2021 exactly on, 2022 6.5 vs 7 (exactly 0.5), 2023 7.3 vs 6.8 (exactly 0.5), 2024 5 vs 6 (outside).
    let t = evalTable("met(gdp{region=\"甲市\"})")
    #expect(t.texts("met") == ["false", "true", "true", "true", "false", ""])
    let i = EvalFixture.interpreter()
    i.settings.tolerance = 0.4
    #expect(evalTable("met(gdp{region=\"甲市\"})", i).texts("met") == ["false", "true", "false", "false", "false", ""])
  }

  @Test func atMostTargetGapIsTargetMinusOutcome() {
    let t = evalTable("gap(unemp)")
    #expect(t.texts("region") == ["甲市", "乙县"])
    #expect(t.numbers("gap").map { ($0 ?? .nan).rounded(toPlaces: 9) } == [0.7, -0.3])
    #expect(t.texts("met") == ["true", "false"])
    #expect(t.texts("bound") == ["<=", "<="])
  }

  @Test func estimateStandsInForAMissingActual() {
    let t = evalTable("gap(gdp{region=\"甲市\"})[2024]")
    #expect(t.texts("outcome") == ["estimate"])
    #expect(t.texts("value") == ["5"])
    #expect(t.notes.contains { $0.contains("1 outcome is an estimate (预计)") })
  }

  @Test func targetWithoutOutcomeIsShownAndNoted() {
    let t = evalTable("gap(gdp{region=\"甲市\"})[2025]")
    #expect(t.rowCount == 1)
    #expect(t.texts("value") == [""])
    #expect(t.texts("gap") == [""])
    #expect(t.notes.contains { $0.contains("1 target has no outcome") })
  }

  @Test func rangeTargetShowsBothEndsAndIsMetAtTheLowEnd() {
    let t = evalTable("gap(gdp{region=\"乙县\", measure=\"growth\"})")
    #expect(t.texts("period") == ["2022", "2023"])
    #expect(t.texts("target") == ["6", "5"])
    #expect(t.texts("target_high") == ["6.5", "5.5"])
    #expect(t.texts("bound") == ["range", "range"])
    #expect(t.numbers("gap").map { ($0 ?? .nan).rounded(toPlaces: 9) } == [-0.2, 0.5])
    #expect(t.texts("met") == ["false", "true"])
  }

  @Test func relativeTargetsUseTheReferenceOutcome() {
    let above = evalTable("gap(一般公共预算收入)")
    #expect(above.texts("target") == ["7.3"])
    #expect(above.texts("bound") == [">ref"])
    #expect(above.texts("ref") == ["地区生产总值"])
    #expect(above.texts("met") == ["false"])
    #expect(abs((above.numbers("gap")[0] ?? 0) + 1.3) < 1e-9)
    let with = evalTable("met(城乡居民人均可支配收入)")
    #expect(with.texts("bound") == ["=ref"])
    #expect(with.texts("met") == ["true"])
  }

  @Test func attainForLevelsAndGrowth() {
    let g = evalTable("attain(fai{region=\"乙县\", measure=\"growth\"})")
    #expect(g.texts("attain") == ["99.08256880733946"])
    #expect(g.texts("unit") == ["%"])
    let l = evalTable("attain(fai{region=\"甲市\"})")
    #expect(l.texts("attain") == ["95"])
  }

  /// Filtering and slicing keep the unit of a function's value column.
  @Test func attainStaysInPercentAfterWhereAndSlice() {
    for text in ["attain(fai{region=\"乙县\", measure=\"growth\"}) where attain < 100",
                 "(attain(fai{region=\"乙县\", measure=\"growth\"}) where attain < 100)[1900..2100]"] {
      let t = evalTable(text)
      #expect(t.texts("attain") == ["99.08256880733946"], "\(text)")
      #expect(t.column(named: "attain")?.unit == "%", "\(text)")
    }
  }

  @Test func levelToleranceIsOnePercentOfTheTarget() {
    let i = EvalFixture.interpreter()
    // 甲市 fai level 95 vs >=100 is not met; as a level gap it is in 亿元.
    let t = evalTable("gap(fai{region=\"甲市\", measure=\"level\"})", i)
    #expect(t.texts("gap") == ["-5"])
    #expect(t.texts("unit") == ["亿元"])
    #expect(t.texts("met") == ["false"])
  }

  @Test func checkRecomputesCompletionFigures() {
    let t = evalTable("check(fai)")
    #expect(t.texts("region") == ["甲市", "乙县"])
    #expect(t.texts("reported") == ["95", "97"])
    #expect(t.texts("computed") == ["95", "99.08256880733946"])
    #expect(t.texts("basis") == ["level", "growth"])
    #expect(t.texts("agrees") == ["true", "false"])
    let n = evalTable("check(社会消费品零售总额)")
    #expect(n.texts("computed") == [""])
    #expect(n.notes.contains { $0.contains("no level or growth outcome and target") })
    // Without completion rows in x, the store's for x's keys are used.
    let s = evalTable("check(fai{measure=\"growth\"})")
    #expect(s.texts("reported") == ["97"])
  }

  @Test func targetFunctionsNeedLabels() {
    let d = evalFailure("gap(avg(gdp) by ())")
    #expect(d.message.contains("region, indicator and measure"))
  }
}

@Suite("Evaluation: cancellation and builtins")
struct EvaluationMiscTests {
  @Test func cancellationInterrupts() {
    let i = EvalFixture.interpreter()
    i.isCancelled = { true }
    #expect(evalFailure("yoy(gdp{measure=\"level\"})", i).message == "interrupted")
  }

  @Test func everyFunctionHasADocAndTheDocsAgree() throws {
    #expect(Builtins.all.count == 23)
    #expect(Builtins.doc(named: "yoy")?.signature == "yoy(x)")
    #expect(Builtins.doc(named: "nope") == nil)
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("docs/LANGUAGE.md")
    let text = try String(contentsOf: url, encoding: .utf8)
    for doc in Builtins.all {
      #expect(text.contains("### `\(doc.signature)`"), "docs/LANGUAGE.md lacks \(doc.signature)")
      #expect(text.contains(doc.summary), "docs/LANGUAGE.md summary of \(doc.name) differs")
      #expect(text.contains(doc.example), "docs/LANGUAGE.md example of \(doc.name) differs")
    }
  }

  @Test func everyDocExampleRunsOnTheFixture() {
    // Examples name seed regions, so only their parse and function names are checked here.
    for doc in Builtins.all {
      let source = SourceText(name: "<doc>", text: doc.example)
      #expect(throws: Never.self) { try Parser.parse(source) }
    }
  }
}

extension Double {
  func rounded(toPlaces places: Int) -> Double {
    let f = pow(10, Double(places))
    return (self * f).rounded() / f
  }
}

/// Regenerates the function reference in docs/LANGUAGE.md from `Builtins`
/// when run with INDSH_WRITE_DOCS=1, between `<!-- FUNCTIONS -->` and
/// `<!-- /FUNCTIONS -->` (creating the file or the markers if needed).
@Test func writeFunctionReferenceWhenAsked() throws {
  guard ProcessInfo.processInfo.environment["INDSH_WRITE_DOCS"] == "1" else { return }
  let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("docs/LANGUAGE.md")
  try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
  var text = (try? String(contentsOf: url, encoding: .utf8)) ?? "<!-- FUNCTIONS -->\n"
  let section = "<!-- FUNCTIONS -->\n" + Builtins.markdown + "<!-- /FUNCTIONS -->\n"
  if let start = text.range(of: "<!-- FUNCTIONS -->") {
    let end = text.range(of: "<!-- /FUNCTIONS -->\n", range: start.upperBound..<text.endIndex)
      ?? text.range(of: "<!-- /FUNCTIONS -->", range: start.upperBound..<text.endIndex)
    text.replaceSubrange(start.lowerBound..<(end?.upperBound ?? start.upperBound), with: section)
  } else {
    text += "\n" + section
  }
  try text.write(to: url, atomically: true, encoding: .utf8)
}
