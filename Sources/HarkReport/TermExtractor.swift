import Foundation
import HarkText

/// The terms a record contributes to term statistics: its distinct content words and its distinct
/// two-word phrases, in normalised form.
///
/// A content word is a word token of at least two scalars that is not a stop word and not only
/// digits. A phrase is two adjacent word tokens of one clause, neither a stop word
/// ("fobbed off", "waiting list"). Counting is per document (a record counts a term once), so one
/// prolific respondent cannot dominate.
public struct TermExtractor: Sendable {
  public let stopWords: Set<String>

  public init(stopWords: Set<String>) {
    self.stopWords = stopWords
  }

  /// Reads `stopwords/en.txt` from a lexicon directory: one word per line, `#` comments.
  public static func load(lexiconDirectory: String) throws -> TermExtractor {
    let path = lexiconDirectory + "/stopwords/en.txt"
    let text: String
    do {
      text = try String(contentsOfFile: path, encoding: .utf8)
    } catch {
      throw SummaryError.unreadable(path: path, reason: "\(error)")
    }
    var words = Set<String>()
    for line in text.split(whereSeparator: \.isNewline) {
      let word = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
        .trimmingCharacters(in: .whitespaces)
      if !word.isEmpty { words.insert(word) }
    }
    return TermExtractor(stopWords: words)
  }

  /// Distinct content words and phrases of `document`, each sorted.
  public func terms(in document: Document) -> (words: [String], phrases: [String]) {
    var words = Set<String>()
    var phrases = Set<String>()
    // The previous word, if it can start a phrase with the next: a content word, not cut off by
    // punctuation (emoji and emoticons do not cut).
    var previous: (norm: String, clause: Int)?
    for token in document.tokens {
      guard token.kind == .word else {
        if token.kind != .emoji && token.kind != .emoticon { previous = nil }
        continue
      }
      let form = token.norm
      guard isContentWord(form) else {
        previous = nil
        continue
      }
      words.insert(form)
      if let before = previous, before.clause == token.clause { phrases.insert(before.norm + " " + form) }
      previous = (form, token.clause)
    }
    return (words.sorted(), phrases.sorted())
  }

  /// True for a normalised word that counts as content.
  public func isContentWord(_ form: String) -> Bool {
    guard form.unicodeScalars.count >= 2, !stopWords.contains(form) else { return false }
    return form.unicodeScalars.contains { !("0"..."9").contains($0) }
  }
}
