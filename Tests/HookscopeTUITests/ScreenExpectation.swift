import Testing
@testable import HookscopeTUI

/// Compares a whole rendered screen: `top` gives the rows from the first one down to the
/// last non-blank body row, every row after it up to the footer must be blank, then the
/// message row and the hints row must be as given.
func expectScreen(
    _ lines: [String], top: String, message: String = "", hints: String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let expectedTop = top.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let height = lines.count
    #expect(Array(lines.prefix(expectedTop.count)) == expectedTop, sourceLocation: sourceLocation)
    let blank = Array(lines.dropFirst(expectedTop.count).dropLast(2))
    let allBlank = blank.allSatisfy { $0.isEmpty }
    #expect(allBlank, "rows below the content should be blank: \(blank)", sourceLocation: sourceLocation)
    #expect(lines[height - 2] == message, sourceLocation: sourceLocation)
    #expect(lines[height - 1] == hints, sourceLocation: sourceLocation)
}

enum Hints {
    static let list100 = "Enter open  / filter  r replay  x export  Space mark  s status  i intercept  R rules  q quit  ? help"
    static let list60 = "Enter open  / filter  r replay  x export      q quit  ? help"
    static let detail100 = "Esc back  Tab tab  n next  m view  y copy  r replay                                   q quit  ? help"
    static let detail60 = "Esc back  Tab tab  n next  m view  y copy     q quit  ? help"
    static let input = "Enter keep  Esc cancel"
}
