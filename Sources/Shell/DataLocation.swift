/// Finds the default datasets wherever `indsh` is started from.
///
/// `INDSH_DATA` wins; otherwise the `Datasets/` folder of the source tree the
/// executable was built in (found by walking up from the executable's real
/// path: `.build/release/indsh` → the repository root).
///
/// ```swift
/// DataLocation.defaultDatasets()   // "/work/indsh/Datasets" (or nil)
/// ```
public enum DataLocation {
  public static func defaultDatasets() -> String? {
    if let override = FileSystem.environment("INDSH_DATA"), !override.isEmpty { return override }
    guard let executable = FileSystem.executablePath() else { return nil }
    var directory = FileSystem.directoryName(executable)
    for _ in 0..<8 {
      let candidate = FileSystem.join(directory, "Datasets")
      if FileSystem.exists(FileSystem.join(candidate, "aliases.csv")) { return candidate }
      let parent = FileSystem.directoryName(directory)
      if parent == directory { break }
      directory = parent
    }
    return nil
  }
}
