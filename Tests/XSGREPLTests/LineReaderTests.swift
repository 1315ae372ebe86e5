import Foundation
import Glibc
import TestSupport
import Testing

@testable import XSGREPL

@Suite struct LineReaderTests {
  @Test func historyFileFollowsXDGElseHome() {
    #expect(HistoryFile.path(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"]) == "/s/xsg/history")
    #expect(HistoryFile.path(environment: ["XDG_STATE_HOME": "", "HOME": "/h"]) == "/h/.xsg_history")
    #expect(HistoryFile.path(environment: [:]) == nil)
    // The XDG specification: a relative path is invalid and ignored (it made folders from the root).
    #expect(HistoryFile.path(environment: ["XDG_STATE_HOME": "state", "HOME": "/h"]) == "/h/.xsg_history")
  }

  @Test func historySkipsBlankEntriesAndRepeats() {
    let reader = ScriptedLineReader(lines: [])
    for entry in ["let a = 1", "  ", "let a = 1", "for i in 1..2 {\n  print i\n}", "let a = 1"] {
      reader.addHistory(entry)
    }
    #expect(reader.history == ["let a = 1", "for i in 1..2 {\n  print i\n}", "let a = 1"])
  }

  @Test func scriptedReaderRecordsPromptsAndEnds() {
    let reader = ScriptedLineReader([.line("1"), .interrupted])
    #expect(reader.readLine(prompt: "a> ") == .line("1"))
    #expect(reader.readLine(prompt: "b> ") == .interrupted)
    #expect(reader.readLine(prompt: "c> ") == .endOfInput)
    #expect(reader.prompts == ["a> ", "b> ", "c> "])
  }

  @Test func dumbTerminalsGetNoReadline() {
    #expect(PlainLineReader.isReadlineUnsuitable(environment: ["TERM": "dumb"]))
    #expect(PlainLineReader.isReadlineUnsuitable(environment: [:]))
    #expect(PlainLineReader.isReadlineUnsuitable(environment: ["TERM": "xterm", "XSG_NO_READLINE": "1"]))
    #expect(!PlainLineReader.isReadlineUnsuitable(environment: ["TERM": "xterm-256color"]))
  }

  /// The plain reader reads lines from its file descriptor; text cut short by the end of the input is still
  /// a line, then the input ends.
  @Test func plainReaderReadsLinesUntilTheEnd() {
    var fds: [Int32] = [0, 0]
    #expect(pipe(&fds) == 0)
    let text = Array("let λ = 1\n\n:env\n6 * 7".utf8)
    #expect(write(fds[1], text, text.count) == text.count)
    close(fds[1])
    defer { close(fds[0]) }
    let reader = PlainLineReader(interrupts: InterruptFlag(), input: fds[0])
    let lines = (0..<5).map { _ in reader.readLine(prompt: "") }
    #expect(lines == [.line("let λ = 1"), .line(""), .line(":env"), .line("6 * 7"), .endOfInput])
  }
}

/// The readline reader's history file. Readline's history is one list per process, so these run one at a
/// time, and each reader starts from an empty list.
@Suite(.serialized) struct ReadlineHistoryFileTests {
  /// What a reader warned about.
  private final class Warnings {
    var texts: [String] = []
  }

  private func reader(_ path: String, warnings: Warnings) -> ReadlineLineReader {
    ReadlineLineReader(
      historyPath: path, interrupts: InterruptFlag(), warn: { warnings.texts.append($0) },
      complete: { _ in .none })
  }

  /// Each session rewrote the file from its own memory, so of two sessions open at once, the one that
  /// saved last dropped what the other had typed meanwhile.
  @Test func entriesOfAnotherSessionOpenAtTheSameTimeAreKept() throws {
    let folder = try ScratchFolder.make("xsg-history")
    defer { ScratchFolder.remove(folder) }
    let path = folder.appending(path: "state/xsg/history").path
    let warnings = Warnings()
    let first = reader(path, warnings: warnings)
    first.addHistory("let a1 = 1")
    // Another session saves an entry.
    let other = try FileHandle(forWritingTo: URL(filePath: path))
    try other.seekToEnd()
    try other.write(contentsOf: Data("#1700000000\nlet b1 = 2\n".utf8))
    try other.close()
    first.addHistory("for i in 1..2 {\n  print i\n}")
    first.close()
    let next = reader(path, warnings: warnings)
    #expect(next.history == ["let a1 = 1", "let b1 = 2", "for i in 1..2 {\n  print i\n}"])
    #expect(warnings.texts == [])
  }

  /// A history file that cannot be written was skipped in silence: the user learnt of it in the next session.
  @Test func aHistoryFileThatCannotBeWrittenIsReportedOnce() throws {
    let folder = try ScratchFolder.make("xsg-history")
    defer { ScratchFolder.remove(folder) }
    let file = folder.appending(path: "a-file")
    try Data().write(to: file)
    let warnings = Warnings()
    let session = reader(file.appending(path: "xsg/history").path, warnings: warnings)
    session.addHistory("let a = 1")
    session.addHistory("let b = 2")
    #expect(session.history == ["let a = 1", "let b = 2"])
    let reported = warnings.texts
    #expect(reported.count == 1)
    // Reading it fails first (a file stands where its folder should be); saving then fails in silence.
    #expect(reported.first?.hasPrefix("xsg: cannot read the history file \(file.path)/xsg/history: ") == true)
    #expect(reported.first?.hasSuffix("; the history is kept for this session only\n") == true)
  }

  @Test func aFileGrownPastTheCapacityIsCutBackWhenASessionStarts() throws {
    let folder = try ScratchFolder.make("xsg-history")
    defer { ScratchFolder.remove(folder) }
    let path = folder.appending(path: "history").path
    let count = Int(HistoryFile.capacity) + 5
    try (1...count).map { "#1700000000\nlet x\($0) = \($0)\n" }.joined()
      .write(toFile: path, atomically: true, encoding: .utf8)
    let warnings = Warnings()
    let session = reader(path, warnings: warnings)
    #expect(session.history.count == Int(HistoryFile.capacity))
    #expect(session.history.first == "let x6 = 6")
    let saved = try String(contentsOfFile: path, encoding: .utf8)
    #expect(!saved.contains("let x5 = 5\n"))
    #expect(saved.hasSuffix("let x\(count) = \(count)\n"))
    #expect(warnings.texts == [])
  }
}
