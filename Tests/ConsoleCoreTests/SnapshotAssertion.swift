import Foundation
import Testing

/// Compares `text` with the golden file `Snapshots/<name>.txt` next to the calling test file (swift-argument-parser's
/// snapshot helper, for Swift Testing). With `RECORD_SNAPSHOTS=1` in the environment, or when the file does not
/// exist yet, it writes the file instead and records an issue, so a new or re-recorded golden never passes
/// unreviewed: check the file, then run the tests again without the variable.
func expectSnapshot(
    _ text: String,
    named name: String,
    filePath: String = #filePath,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let directory = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
    let file = directory.appendingPathComponent("\(name).txt")
    let actual = text + "\n"
    let recording = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != nil
    guard !recording, let expected = try? String(contentsOf: file, encoding: .utf8) else {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try actual.write(to: file, atomically: true, encoding: .utf8)
            Issue.record("Recorded snapshot \(file.path); review it and run again without RECORD_SNAPSHOTS",
                         sourceLocation: sourceLocation)
        } catch {
            Issue.record("Could not record snapshot \(file.path): \(error)", sourceLocation: sourceLocation)
        }
        return
    }
    guard expected != actual else { return }
    let expectedLines = expected.components(separatedBy: "\n")
    let actualLines = actual.components(separatedBy: "\n")
    let common = min(expectedLines.count, actualLines.count)
    let line = (0..<common).first { expectedLines[$0] != actualLines[$0] } ?? common
    let want = expectedLines.indices.contains(line) ? expectedLines[line] : "<end of file>"
    let got = actualLines.indices.contains(line) ? actualLines[line] : "<end of file>"
    Issue.record(
        """
        Snapshot \(name).txt differs at line \(line + 1) (RECORD_SNAPSHOTS=1 re-records):
          expected: \(want)
          actual:   \(got)
        Full actual output:
        \(text)
        """,
        sourceLocation: sourceLocation
    )
}
