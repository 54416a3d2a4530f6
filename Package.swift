// swift-tools-version:6.1
import PackageDescription

let package = Package(
  name: "indsh",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "indsh", targets: ["indsh"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
  ],
  targets: [
    // C shim: wraps libedit's variadic el_set/history calls and owns EditLine*.
    .target(
      name: "CEditLine",
      linkerSettings: [.linkedLibrary("edit")]
    ),

    // Libraries, leaves first.
    .target(name: "Diagnostics"),
    .target(name: "IndicatorStore", dependencies: ["Diagnostics"]),
    .target(name: "Interchange", dependencies: ["IndicatorStore", "Diagnostics"]),
    .target(name: "QueryLanguage", dependencies: ["IndicatorStore", "Diagnostics"]),
    .target(name: "LineEditing", dependencies: ["CEditLine"]),
    .target(name: "Charts", dependencies: ["IndicatorStore"]),
    .target(name: "Extraction", dependencies: ["IndicatorStore", "Interchange", "Diagnostics"]),
    .target(
      name: "Shell",
      dependencies: [
        "QueryLanguage", "Interchange", "LineEditing", "IndicatorStore", "Diagnostics", "Charts", "Extraction",
      ]
    ),

    // Executable: argv → Session → REPL or script runner; wiring only.
    .executableTarget(
      name: "indsh",
      dependencies: ["Shell", .product(name: "ArgumentParser", package: "swift-argument-parser")]
    ),

    // Tests mirror the sources.
    .testTarget(name: "DiagnosticsTests", dependencies: ["Diagnostics"]),
    .testTarget(name: "IndicatorStoreTests", dependencies: ["IndicatorStore"]),
    .testTarget(name: "InterchangeTests", dependencies: ["Interchange"], resources: [.copy("Fixtures")]),
    .testTarget(name: "QueryLanguageTests", dependencies: ["QueryLanguage", "Interchange"]),
    .testTarget(name: "LineEditingTests", dependencies: ["LineEditing"]),
    .testTarget(name: "ShellTests", dependencies: ["Shell"]),
    .testTarget(name: "EndToEndTests", dependencies: [], exclude: ["Fixtures"]),
    .testTarget(name: "ChartsTests", dependencies: ["Charts"]),
    .testTarget(name: "ExtractionTests", dependencies: ["Extraction"], exclude: ["Fixtures"]),
    .testTarget(name: "DatasetTests", dependencies: ["Interchange", "QueryLanguage"]),
  ]
)
