import Diagnostics
import Testing

@Suite struct SuggestionsTests {
  @Test(arguments: [
    ("gdp", "gdp", 0), ("gpd", "gdp", 1), ("gdpp", "gdp", 1), ("gdp", "grp", 1),
    ("地区生产总", "地区生产总值", 1), ("abc", "", 3), ("ab", "ba", 1), ("abcd", "badc", 2),
  ])
  func editDistance(a: String, b: String, distance: Int) {
    #expect(Suggestions.editDistance(Array(a), Array(b)) == distance)
    #expect(Suggestions.editDistance(Array(b), Array(a)) == distance)
  }

  @Test func swappedLettersFindTheName() {
    #expect(Suggestions.closest(to: "gpd", among: ["gdp", "gap", "cpi"]) == ["gdp"])
    #expect(Suggestions.closest(to: "yyo", among: ["yoy", "lag"]) == ["yoy"])
    #expect(Suggestions.closest(to: "zzzz", among: ["gdp", "yoy"]).isEmpty)
  }

  @Test func didYouMeanListsUpToThree() {
    #expect(Suggestions.didYouMean([]) == nil)
    #expect(Suggestions.didYouMean(["gdp"]) == "did you mean 'gdp'?")
    #expect(Suggestions.didYouMean(["gdp", "gap", "grp"]) == "did you mean 'gdp', 'gap' or 'grp'?")
  }
}
