import HarkText

/// One keyword-in-context line: a match and the words around it, cut from the original text.
public struct KeywordInContext: Sendable, Hashable {
  public var id: String
  /// Up to `window` words before the match, as they appear in the text (redacted if asked).
  public var left: String
  public var match: String
  public var right: String
  /// The pattern (or theme pattern) that matched.
  public var pattern: String
  /// Unicode scalar offsets of the match in the original text.
  public var start: Int
  public var end: Int

  /// Lines for the matches (`tokens` ranges into `document.tokens`), with `window` word-like
  /// tokens of context on each side (within the record, across sentences). Text covered by a
  /// redaction finding is replaced by its placeholder, in the context and in the match.
  public static func lines(
    id: String, document: Document, matches: [(tokens: Range<Int>, pattern: String)], window: Int,
    redactions: [Redaction] = []
  ) -> [KeywordInContext] {
    let tokens = document.tokens
    let scalars = Array(document.text.unicodeScalars)
    func slice(_ range: Range<Int>) -> String {
      var out = String.UnicodeScalarView()
      var position = range.lowerBound
      while position < range.upperBound {
        if let finding = redactions.first(where: { $0.scalarRange.contains(position) }) {
          out.append(contentsOf: finding.kind.placeholder.unicodeScalars)
          position = finding.scalarRange.upperBound
          continue
        }
        out.append(scalars[position])
        position += 1
      }
      return String(out).split(whereSeparator: \.isNewline).joined(separator: " ")
    }
    return matches.map { match in
      var first = match.tokens.lowerBound
      var count = 0
      while first > 0 && count < window {
        first -= 1
        if tokens[first].isWordLike { count += 1 }
      }
      var last = match.tokens.upperBound - 1
      count = 0
      while last + 1 < tokens.count && count < window {
        last += 1
        if tokens[last].isWordLike { count += 1 }
      }
      let start = tokens[match.tokens.lowerBound].scalarRange.lowerBound
      let end = tokens[match.tokens.upperBound - 1].scalarRange.upperBound
      let leftStart = first < match.tokens.lowerBound ? tokens[first].scalarRange.lowerBound : start
      let rightEnd = last >= match.tokens.upperBound ? tokens[last].scalarRange.upperBound : end
      return KeywordInContext(
        id: id, left: slice(leftStart..<start).trimmingWhitespace, match: slice(start..<end),
        right: slice(end..<rightEnd).trimmingWhitespace, pattern: match.pattern, start: start, end: end)
    }
  }

  /// Sort key for sorting by left context: the left words, nearest first.
  public var leftKey: [String] { left.lowercased().split(separator: " ").reversed().map(String.init) }
  /// Sort key for sorting by right context: the right words, nearest first.
  public var rightKey: [String] { right.lowercased().split(separator: " ").map(String.init) }
}

extension String {
  var trimmingWhitespace: String {
    var view = Substring(self)
    while let first = view.first, first.isWhitespace { view = view.dropFirst() }
    while let last = view.last, last.isWhitespace { view = view.dropLast() }
    return String(view)
  }
}
