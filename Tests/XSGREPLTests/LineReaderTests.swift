import Glibc
import Testing

@testable import XSGREPL

@Suite struct LineReaderTests {
  @Test func historyFileFollowsXDGElseHome() {
    #expect(HistoryFile.path(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"]) == "/s/xsg/history")
    #expect(HistoryFile.path(environment: ["XDG_STATE_HOME": "", "HOME": "/h"]) == "/h/.xsg_history")
    #expect(HistoryFile.path(environment: [:]) == nil)
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
