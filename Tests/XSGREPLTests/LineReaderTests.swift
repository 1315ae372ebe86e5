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
}
