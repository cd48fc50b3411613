import Foundation

// Personal-data redaction for quoted text.
//
// Reports quote respondents; before a quote is printed, `Redactor` replaces e-mail addresses,
// phone numbers, postcodes, NHS and National Insurance numbers, URLs that identify a person, and
// names introduced as names with placeholders such as "[email]".
//
// The scanner is hand-written and works on the text's Unicode scalars, so every offset it reports
// is a Unicode scalar offset (Python's `text[start:end]`), whatever the grapheme clustering of the
// surrounding text (CRLF, emoji with ZWJ, combining marks). Each detector proposes candidates; the
// candidates are then resolved into a sorted, non-overlapping list: the longer candidate wins,
// then the earlier one, then the more specific kind (e-mail, URL, NHS number, NI number, phone,
// postcode, name).

// MARK: - Public API

/// A kind of personal data that ``Redactor`` finds and replaces.
///
/// The raw values (`email`, `phone`, `postcode`, `nhs_number`, `ni_number`, `url`, `name`) are the
/// stable keys used in reports and JSON; `Comparable` orders kinds by declaration order
/// (the order of `allCases`).
public enum RedactionKind: String, CaseIterable, Sendable, Codable, Comparable {
  /// An e-mail address (`local@domain.tld`, with + tags and subdomains).
  case email
  /// A UK phone number (10 or 11 digits from a leading 0, or +44) or an international one
  /// (`+`, country code, 8–15 digits in total).
  case phone
  /// A full UK postcode (outward and inward code), with or without the space.
  case postcode
  /// A 10-digit NHS number whose mod-11 check digit is valid.
  case nhsNumber = "nhs_number"
  /// A National Insurance number (two prefix letters, six digits, suffix A–D).
  case niNumber = "ni_number"
  /// A URL whose path, query or user part identifies a person (a social profile, `/~name`,
  /// `/user/…`, an e-mail address, `name=` …). Organisational URLs are not findings.
  case url
  /// A person's name introduced as a name ("my name is …", "my son is called …") or following an
  /// honorific ("Mrs …"); only the name words, never the honorific.
  case name

  /// The placeholder written in place of the text: "[email]", "[phone]", "[postcode]",
  /// "[NHS number]", "[NI number]", "[url]", "[name]". Never empty; contains no digits.
  public var placeholder: String {
    switch self {
    case .email: "[email]"
    case .phone: "[phone]"
    case .postcode: "[postcode]"
    case .nhsNumber: "[NHS number]"
    case .niNumber: "[NI number]"
    case .url: "[url]"
    case .name: "[name]"
    }
  }

  /// Declaration order: `email < phone < postcode < nhsNumber < niNumber < url < name`.
  public static func < (lhs: RedactionKind, rhs: RedactionKind) -> Bool {
    lhs.declarationIndex < rhs.declarationIndex
  }

  private var declarationIndex: Int {
    switch self {
    case .email: 0
    case .phone: 1
    case .postcode: 2
    case .nhsNumber: 3
    case .niNumber: 4
    case .url: 5
    case .name: 6
    }
  }

  /// Which kind keeps a span when two candidates cover exactly the same scalars (lower wins).
  fileprivate var tiePriority: Int {
    switch self {
    case .email: 0
    case .url: 1
    case .nhsNumber: 2
    case .niNumber: 3
    case .phone: 4
    case .postcode: 5
    case .name: 6
    }
  }
}

/// One piece of personal data found in a text.
///
/// Invariant: `scalarRange` is non-empty and lies within the text's Unicode scalars, and those
/// scalars, joined, are exactly `original`.
public struct Redaction: Sendable, Hashable {
  /// What was found.
  public var kind: RedactionKind
  /// Unicode scalar offsets into the original text (so Python's `text[start:end]` gives
  /// `original`). Half-open; `lowerBound` is the first scalar of the finding.
  public var scalarRange: Range<Int>
  /// The text found, exactly as it appears in the original (the scalars in `scalarRange`).
  public var original: String

  /// Creates a finding; `original` must be the scalars of the text in `scalarRange`.
  public init(kind: RedactionKind, scalarRange: Range<Int>, original: String) {
    self.kind = kind
    self.scalarRange = scalarRange
    self.original = original
  }
}

/// A text with its personal data replaced by placeholders.
public struct RedactedText: Sendable, Hashable {
  /// The text with each finding replaced by its kind's ``RedactionKind/placeholder``; everything
  /// between findings is copied unchanged, scalar for scalar.
  public var text: String
  /// The findings, in text order and non-overlapping; their ranges are scalar offsets into the
  /// *original* text, not into `text`.
  public var redactions: [Redaction]
  /// Number of findings per kind. Only kinds with at least one finding appear (an absent kind
  /// means zero); the values add up to `redactions.count`.
  public var counts: [RedactionKind: Int]

  /// Creates a result; callers normally get one from ``Redactor/redact(_:)``.
  public init(text: String, redactions: [Redaction], counts: [RedactionKind: Int]) {
    self.text = text
    self.redactions = redactions
    self.counts = counts
  }
}

/// Finds and replaces personal data in free text (consultation responses, complaints).
///
/// Rules, in brief (the source documents each one where it is implemented):
/// - **email**: `local@domain.tld`; the domain needs two labels and an alphabetic TLD of two or
///   more letters. A bare "@mention" is not an address.
/// - **phone**: a run of digit groups separated by a space, dot, dash or brackets, starting with
///   `0`, `(0`, `+` or `(+`. UK: 10–11 digits, `0` then 1, 2, 3, 5, 7, 8 or 9; `+44` with 9–10
///   national digits (an optional `(0)` is dropped). Other countries: `+`, 8–15 digits. Digit
///   groups joined to letters or `%` are never part of a phone number, a group followed by `:`,
///   `/` or `,` and a digit ends one (times, dates, lists), and a number whose first two groups
///   have at most two digits each (dates such as 01.02.2024) is refused.
/// - **postcode**: full UK postcodes in the real postcode areas, with the letter rules for each
///   position, upper or lower case (not mixed), with or without the space.
/// - **nhsNumber**: ten digits, plain or 3-3-4 with spaces or dashes, with a valid mod-11 check
///   digit; ten identical digits are refused.
/// - **niNumber**: prefix letters by HMRC's rules, six digits, suffix A–D; in capitals spaces
///   may separate the prefix, the digit pairs and the suffix, in lower case none.
/// - **url**: `http://`, `https://`, `www.` or a bare social host (`facebook.com/…`); a finding
///   only when it identifies a person.
/// - **name**: capitalised words (one or two, optionally after up to two initials) after
///   "my name is", "my name's", "my name was", "I am/I'm called", "I am/I'm …",
///   "<relation> (is) called/named", "my/our <relation> is …", a sign-off ("Thanks,",
///   "Kind regards,", "Best wishes," … also across a line break) or an honorific (Mr, Mrs, Ms,
///   Miss, Mx, Dr, Prof, Sir, Dame; the honorific itself is kept).
///   After a plural relation ("my children are called …") further names may follow ", " or
///   " and ". Words in the allow-list and a few function words ("I", "Not", "The" …) are never
///   names; an honorific in capitals ("MS", "DR") needs a name in capitals ("MR SMITH", not
///   "MS Society"). Once a name is found, its other whole-word occurrences in the same text
///   (exact, case-sensitive) are found too, so "Sarah" later in the quote does not leak.
///
/// Overlaps are resolved so that the longer finding wins, then the earlier one. The type is a
/// value with no mutable state; one instance may be shared by any number of tasks.
public struct Redactor: Sendable {
  /// Words never treated as names, lowercase (compared case-insensitively, with ’ read as ').
  /// Organisations, roles and school words that often follow "Dr", "Mrs" or "called" in
  /// consultation responses: Ofsted, Ofqual, DfE, NHS, GP, SEND, SENCO, Head, Headteacher,
  /// Teacher, Inspector, Lead, Academy, School, Trust, Council, and more.
  public static let defaultAllowList: Set<String> = [
    // Organisations and bodies.
    "ofsted", "ofqual", "ofcom", "ofwat", "ofgem", "dfe", "dhsc", "dwp", "hmrc", "ico", "nhs", "cqc",
    "camhs", "nice", "gov", "government", "department", "ministry", "parliament", "council",
    "councils", "authority", "trust", "trusts", "academy", "academies", "board", "committee",
    "office", "service", "services", "team", "ombudsman", "police", "court",
    // Roles.
    "head", "heads", "headteacher", "headteachers", "headmaster", "headmistress", "teacher",
    "teachers", "inspector", "inspectors", "lead", "leads", "leader", "leaders", "governor",
    "governors", "principal", "deputy", "assistant", "manager", "managers", "director",
    "ceo", "chair", "senco", "sencos", "gp", "gps", "mp", "mps", "staff", "parent", "parents",
    "pupil", "pupils", "student", "students", "nurse", "doctor", "consultant", "surgeon",
    "midwife", "social", "worker", "clerk", "vice", "chief", "executive", "trustee", "trustees",
    "volunteer", "tutor", "coordinator", "co-ordinator", "officer", "practitioner",
    "childminder", "nanny", "guardian", "carer", "foster", "early", "years", "eyfs", "sendco",
    "sendcos", "designated", "safeguarding", "dsl", "business", "operations", "finance", "admin",
    "administrator", "receptionist", "caretaker", "cleaner", "supervisor", "ta", "hlta", "lsa",
    "slt", "smt", "mat", "la", "class", "subject", "phase", "curriculum", "maths", "science",
    "history", "geography", "music", "art", "pe", "re", "computing",
    // Family words written with a capital.
    "mum", "mom", "mummy", "dad", "daddy", "nan", "nana", "grandma", "grandad",
    "grandpa", "granny", "auntie", "uncle",
    // Ofsted grades and conditions often capitalised.
    "outstanding", "good", "requires", "improvement", "inadequate", "ri", "adhd", "asd", "asc",
    "pda", "odd", "spld", "mld", "sld", "pmld", "slcn", "semh", "autism", "dyslexia",
    // Schools and care.
    "school", "schools", "college", "university", "primary", "secondary", "nursery", "infant",
    "junior", "sixth", "form", "reception", "year", "key", "stage", "send", "sen", "ehcp",
    "ehcps", "sats", "gcse", "gcses", "ks1", "ks2", "ks3", "ks4", "hospital", "surgery", "practice",
    "clinic", "ward", "unit", "a&e",
    // Places and words that are not names.
    "uk", "england", "wales", "scotland", "britain", "london", "local", "county", "city",
    "borough", "district", "st", "saint", "church",
    // The boot brand after "Dr".
    "martens",
  ]

  /// The words never treated as names, lowercased (with ’ read as '). Compared case-insensitively
  /// with each candidate name word and with that word less a possessive 's.
  public let allowList: Set<String>

  /// Creates a redactor. `allowList` holds words never treated as names; they are lowercased
  /// here, so any case may be passed. Pass `Redactor.defaultAllowList.union([...])` to extend the
  /// default rather than replace it.
  public init(allowList: Set<String> = Redactor.defaultAllowList) {
    self.allowList = Set(allowList.map { $0.lowercased().replacingOccurrences(of: "’", with: "'") })
  }

  /// The personal data in `text`: sorted by `scalarRange.lowerBound`, non-overlapping, each range
  /// non-empty and within `text.unicodeScalars.count`, each `original` equal to the scalars in its
  /// range. When candidates overlap, the longer wins, then the earlier.
  public func findings(in text: String) -> [Redaction] {
    let scanner = PIIScanner(Array(text.unicodeScalars))
    var candidates: [PIICandidate] = []
    candidates += scanner.emails()
    candidates += scanner.urls()
    candidates += scanner.phones()
    candidates += scanner.nhsNumbers()
    candidates += scanner.niNumbers()
    candidates += scanner.postcodes()
    candidates += scanner.names(allowList: allowList)
    return resolveOverlaps(candidates, scalarCount: scanner.s.count).map {
      Redaction(kind: $0.kind, scalarRange: $0.range, original: scanner.string($0.range))
    }
  }

  /// `text` with every finding of ``findings(in:)`` replaced by its placeholder, the findings, and
  /// their counts per kind. Text outside findings is kept scalar for scalar.
  public func redact(_ text: String) -> RedactedText {
    let scalars = Array(text.unicodeScalars)
    let found = findings(in: text)
    var output = String.UnicodeScalarView()
    var counts: [RedactionKind: Int] = [:]
    var cursor = 0
    for finding in found {
      output.append(contentsOf: scalars[cursor..<finding.scalarRange.lowerBound])
      output.append(contentsOf: finding.kind.placeholder.unicodeScalars)
      cursor = finding.scalarRange.upperBound
      counts[finding.kind, default: 0] += 1
    }
    output.append(contentsOf: scalars[cursor...])
    return RedactedText(text: String(output), redactions: found, counts: counts)
  }
}

// MARK: - Overlap resolution

private struct PIICandidate {
  var kind: RedactionKind
  var range: Range<Int>
}

/// Keeps the longest candidates first (then the earliest, then by kind priority), dropping any
/// that overlap one already kept; returns the survivors in text order.
private func resolveOverlaps(_ candidates: [PIICandidate], scalarCount: Int) -> [PIICandidate] {
  let ordered = candidates
    .filter { !$0.range.isEmpty && $0.range.lowerBound >= 0 && $0.range.upperBound <= scalarCount }
    .sorted { a, b in
      if a.range.count != b.range.count { return a.range.count > b.range.count }
      if a.range.lowerBound != b.range.lowerBound { return a.range.lowerBound < b.range.lowerBound }
      return a.kind.tiePriority < b.kind.tiePriority
    }
  var taken = [Bool](repeating: false, count: scalarCount)
  var kept: [PIICandidate] = []
  for candidate in ordered where !candidate.range.contains(where: { taken[$0] }) {
    for i in candidate.range { taken[i] = true }
    kept.append(candidate)
  }
  return kept.sorted { $0.range.lowerBound < $1.range.lowerBound }
}

// MARK: - Scalar classes

extension Unicode.Scalar {
  fileprivate var isDigit09: Bool { value >= 0x30 && value <= 0x39 }
  fileprivate var isASCIILetter: Bool { (value | 0x20) >= 0x61 && (value | 0x20) <= 0x7A }
  fileprivate var isASCIIUpper: Bool { value >= 0x41 && value <= 0x5A }
  fileprivate var isMark: Bool {
    switch properties.generalCategory {
    case .nonspacingMark, .spacingMark, .enclosingMark: true
    default: false
    }
  }
  /// Letters, digits of any script and combining marks: what words are made of.
  fileprivate var isWordScalar: Bool {
    if value < 0x80 { return isDigit09 || isASCIILetter }
    return properties.isAlphabetic || properties.numericType != nil || isMark
  }
  /// Spaces that may sit inside a number or between the words of a name (no tabs or newlines).
  fileprivate var isInlineSpace: Bool {
    switch value {
    case 0x20, 0xA0, 0x2007, 0x2009, 0x202F: true
    default: false
    }
  }
  /// Upper or title case: how a name word must start.
  fileprivate var isCapital: Bool {
    properties.isUppercase || properties.generalCategory == .titlecaseLetter
  }
  fileprivate var asciiLowercased: Unicode.Scalar {
    isASCIIUpper ? Unicode.Scalar(value + 0x20)! : self
  }
}

// MARK: - Scanner

/// The detectors, over the text's scalars. Every method returns candidates whose ranges are
/// scalar offsets into `s`; overlapping candidates are fine (they are resolved later).
private struct PIIScanner {
  let s: [Unicode.Scalar]

  init(_ scalars: [Unicode.Scalar]) { s = scalars }

  var n: Int { s.count }

  func at(_ i: Int) -> Unicode.Scalar? { i >= 0 && i < s.count ? s[i] : nil }
  func isDigit(_ i: Int) -> Bool { at(i)?.isDigit09 ?? false }
  func isWord(_ i: Int) -> Bool { at(i)?.isWordScalar ?? false }
  func string(_ range: Range<Int>) -> String { String(String.UnicodeScalarView(s[range])) }

  /// Whether the ASCII `literal` occurs at `i`, ignoring ASCII case.
  func matchesCaseInsensitive(_ literal: String, at i: Int) -> Bool {
    var j = i
    for expected in literal.unicodeScalars {
      guard j < n, s[j].asciiLowercased == expected else { return false }
      j += 1
    }
    return true
  }

  /// True when the digits starting at `i` continue a number: the scalar before is a digit, or a
  /// decimal/date/time separator with a digit before it ("1.5", "12/03", "10:30", "1,500").
  func continuesNumber(before i: Int) -> Bool {
    guard let previous = at(i - 1) else { return false }
    if previous.isDigit09 { return true }
    switch previous {
    case ".", ",", "/", ":", "-": return isDigit(i - 2)
    default: return false
    }
  }

  /// True when the digit run ending at `end` runs on into a decimal part, a time, a fraction,
  /// thousands or a word ("5919.5", "10:30", "1,500", "0000th").
  func runsOn(after end: Int) -> Bool {
    guard let next = at(end) else { return false }
    if next.isWordScalar { return true }
    switch next {
    case ".", ",", "/", ":": return isDigit(end + 1)
    case "%": return true
    default: return false
    }
  }

  // MARK: E-mail

  /// `local@domain`: the local part is letters, digits and `._%+-'` (not starting with `.`, `'`,
  /// `-` or `+`, not ending with `.`, holding at least one letter or digit); the domain is two or
  /// more labels with an alphabetic top-level label of two or more letters.
  func emails() -> [PIICandidate] {
    var out: [PIICandidate] = []
    for atSign in s.indices where s[atSign] == "@" {
      var start = atSign
      while start > 0, Self.isLocalPartScalar(s[start - 1]) { start -= 1 }
      while start < atSign, [".", "'", "-", "+"].contains(s[start]) { start += 1 }
      guard start < atSign, s[atSign - 1] != ".", s[start..<atSign].contains(where: { $0.isWordScalar })
      else { continue }
      guard let end = domainEnd(from: atSign + 1) else { continue }
      out.append(PIICandidate(kind: .email, range: start..<end))
    }
    return out
  }

  static func isLocalPartScalar(_ c: Unicode.Scalar) -> Bool {
    c.isWordScalar || c == "." || c == "_" || c == "%" || c == "+" || c == "-" || c == "'"
  }

  static func isDomainLabelScalar(_ c: Unicode.Scalar) -> Bool { c.isWordScalar || c == "-" }

  /// The end of the longest valid domain starting at `start` (labels of letters, digits and inner
  /// hyphens joined by single dots; at least two labels; alphabetic last label of 2+ letters).
  func domainEnd(from start: Int) -> Int? {
    var i = start
    var labels = 0
    var best: Int? = nil
    while true {
      let labelStart = i
      while i < n, Self.isDomainLabelScalar(s[i]) { i += 1 }
      guard i > labelStart, s[labelStart] != "-", s[i - 1] != "-" else { break }
      labels += 1
      if labels >= 2, i - labelStart >= 2, s[labelStart..<i].allSatisfy({ $0.properties.isAlphabetic }) {
        best = i
      }
      guard i + 1 < n, s[i] == ".", Self.isDomainLabelScalar(s[i + 1]) else { break }
      i += 1
    }
    return best
  }

  // MARK: URLs

  /// Hosts recognised without a scheme or "www." ("facebook.com/jo.bloggs").
  static let bareSocialPrefixes = [
    "facebook.com/", "m.facebook.com/", "fb.com/", "instagram.com/", "twitter.com/",
    "mobile.twitter.com/", "x.com/", "tiktok.com/", "linkedin.com/", "uk.linkedin.com/",
    "youtube.com/", "m.youtube.com/", "threads.net/", "threads.com/",
  ]

  /// URLs start with `http://`, `https://`, `www.` or a bare social host, at a word boundary.
  /// The URL runs to white space or a character that cannot be in a URL; trailing sentence
  /// punctuation and unbalanced closing brackets are left out. Only personal URLs are kept.
  func urls() -> [PIICandidate] {
    var out: [PIICandidate] = []
    var i = 0
    while i < n {
      guard urlStarts(at: i) else {
        i += 1
        continue
      }
      let end = urlEnd(from: i)
      if end > i, PersonalURL.isPersonal(string(i..<end)) {
        out.append(PIICandidate(kind: .url, range: i..<end))
      }
      i = max(end, i + 1)
    }
    return out
  }

  func urlStarts(at i: Int) -> Bool {
    if let previous = at(i - 1) {
      if previous.isWordScalar || ".-_@/%+=&?#~".unicodeScalars.contains(previous) { return false }
    }
    let prefixes = ["https://", "http://", "www."] + Self.bareSocialPrefixes
    for prefix in prefixes where matchesCaseInsensitive(prefix, at: i) {
      let next = i + prefix.unicodeScalars.count
      if let c = at(next), Self.isURLScalar(c), c != "/" { return true }
    }
    return false
  }

  static func isURLScalar(_ c: Unicode.Scalar) -> Bool {
    if c.properties.isWhitespace { return false }
    if c.value < 0x80 {
      if c.value < 0x21 || c.value == 0x7F { return false }
      return !"<>\"`{}|\\^".unicodeScalars.contains(c)
    }
    // Outside ASCII only letters, digits and marks (internationalised paths); emoji, quotes,
    // format characters and the like end the URL.
    return c.isWordScalar
  }

  func urlEnd(from start: Int) -> Int {
    var end = start
    var opened = 0
    var closed = 0
    var openedSquare = 0
    var closedSquare = 0
    while end < n, Self.isURLScalar(s[end]) {
      switch s[end] {
      case "(": opened += 1
      case ")": closed += 1
      case "[": openedSquare += 1
      case "]": closedSquare += 1
      default: break
      }
      end += 1
    }
    while end > start {
      let last = s[end - 1]
      if ".,;:!?'*".unicodeScalars.contains(last) {
        end -= 1
      } else if last == ")", closed > opened {
        closed -= 1
        end -= 1
      } else if last == "]", closedSquare > openedSquare {
        closedSquare -= 1
        end -= 1
      } else {
        break
      }
    }
    return end
  }

  // MARK: Phone numbers

  /// One digit group of a phone candidate.
  struct DigitGroup {
    var range: Range<Int>
    /// Open brackets after this group (0 or 1).
    var depth: Int
  }

  /// Phone numbers: see ``Redactor``. Each start position proposes at most one candidate: the
  /// longest prefix (in whole digit groups) that validates.
  func phones() -> [PIICandidate] {
    var out: [PIICandidate] = []
    for i in s.indices {
      let c = s[i]
      guard c == "0" || c == "+" || c == "(" else { continue }
      if let previous = at(i - 1),
        previous.isWordScalar || previous == "+" || previous == "£" || previous == "$" || previous == "€"
      {
        continue
      }
      // Not the middle of a decimal, time or range ("1.07", "10:05", "2-0"); after "/" or ","
      // a new number may start ("020 7946 0000/020 7946 0001").
      if let previous = at(i - 1), previous == "." || previous == ":" || previous == "-", isDigit(i - 2) { continue }
      var p = i
      var plus = false
      var leadingParen = false
      if c == "(" {
        leadingParen = true
        p += 1
      }
      if at(p) == "+" {
        plus = true
        p += 1
      }
      guard let first = at(p), first.isDigit09 else { continue }
      if !plus, first != "0" { continue }
      if let candidate = phone(startingAt: i, digitsFrom: p, plus: plus, leadingParen: leadingParen) {
        out.append(candidate)
      }
    }
    return out
  }

  func phone(startingAt start: Int, digitsFrom firstDigit: Int, plus: Bool, leadingParen: Bool) -> PIICandidate? {
    var groups: [DigitGroup] = []
    var depth = leadingParen ? 1 : 0
    var p = firstDigit
    var digitCount = 0
    while true {
      var q = p
      while q < n, s[q].isDigit09 { q += 1 }
      guard q > p else { break }
      // A group joined to letters or "%" ends the candidate before it; a group followed by ",",
      // "/" or ":" and a digit (lists, alternatives, dates, times) is the candidate's last.
      var last = false
      if let next = at(q) {
        if next.isWordScalar || next == "%" { break }
        last = (next == "," || next == "/" || next == ":") && isDigit(q + 1)
      }
      digitCount += q - p
      groups.append(DigitGroup(range: p..<q, depth: depth))
      if last || digitCount > 17 { break }
      // The gap to the next group: at most three scalars of spaces (two at most), one dot or
      // dash, and brackets one deep; it must lead to a digit.
      var g = q
      var spaces = 0
      var punctuation = 0
      var gapDepth = depth
      var valid = true
      while g < n, g - q < 3 {
        let ch = s[g]
        if ch.isInlineSpace {
          spaces += 1
        } else if ch == "." || ch == "-" || ch == "\u{2010}" || ch == "\u{2013}" {
          punctuation += 1
        } else if ch == "(" {
          gapDepth += 1
        } else if ch == ")" {
          gapDepth -= 1
        } else {
          break
        }
        if spaces > 2 || punctuation > 1 || gapDepth < 0 || gapDepth > 1 {
          valid = false
          break
        }
        g += 1
      }
      guard valid, g > q, isDigit(g) else { break }
      depth = gapDepth
      p = g
    }
    guard !groups.isEmpty else { return nil }
    // Dates and lists such as "01.02.2024" or "0 1 2 3": two short groups first.
    if !plus, groups.count >= 2, groups[0].range.count <= 2, groups[1].range.count <= 2 { return nil }
    for k in stride(from: groups.count, through: 1, by: -1) {
      let used = groups[0..<k]
      var rangeStart = start
      if used.last!.depth != 0 {
        // Only the leading "(" may be left open: then it is not part of the number.
        guard leadingParen, used.last!.depth == 1, used.allSatisfy({ $0.depth == 1 }) else { continue }
        rangeStart = start + 1
      }
      let digits = used.flatMap { s[$0.range] }.map { UInt8($0.value - 0x30) }
      if Self.isPhoneNumber(digits, plus: plus) {
        return PIICandidate(kind: .phone, range: rangeStart..<used.last!.range.upperBound)
      }
    }
    return nil
  }

  /// UK: 0 then 1, 2, 3, 5, 7, 8 or 9, 10–11 digits. +44: 9–10 national digits (a trunk 0
  /// dropped) starting 1, 2, 3, 5, 7, 8 or 9. Other + numbers: 8–15 digits, no leading 0.
  static func isPhoneNumber(_ digits: [UInt8], plus: Bool) -> Bool {
    let ukSecondDigits: Set<UInt8> = [1, 2, 3, 5, 7, 8, 9]
    if plus {
      guard let first = digits.first, first != 0 else { return false }
      if digits.starts(with: [4, 4]) {
        var national = digits.dropFirst(2)
        if national.first == 0 { national = national.dropFirst() }
        guard let lead = national.first else { return false }
        return (9...10).contains(national.count) && ukSecondDigits.contains(lead)
      }
      return (8...15).contains(digits.count)
    }
    guard (10...11).contains(digits.count), digits[0] == 0 else { return false }
    return ukSecondDigits.contains(digits[1])
  }

  // MARK: NHS numbers

  /// Ten digits (plain, or 3-3-4 with single spaces or dashes used consistently) with a valid
  /// mod-11 check digit, not part of a longer number or word.
  func nhsNumbers() -> [PIICandidate] {
    var out: [PIICandidate] = []
    for i in s.indices where s[i].isDigit09 {
      if let previous = at(i - 1), previous.isWordScalar || previous == "+" { continue }
      if continuesNumber(before: i) { continue }
      var layouts: [[Int]] = []  // scalar offsets of the ten digits
      layouts.append(Array(i..<(i + 10)))
      if let sep = at(i + 3), sep.isInlineSpace || sep == "-", at(i + 7) == sep {
        layouts.append(Array(i..<(i + 3)) + Array((i + 4)..<(i + 7)) + Array((i + 8)..<(i + 12)))
      }
      for offsets in layouts {
        guard offsets.allSatisfy({ isDigit($0) }) else { continue }
        let end = offsets.last! + 1
        guard !runsOn(after: end), !isDigit(end) else { continue }
        let digits = offsets.map { Int(s[$0].value - 0x30) }
        if Self.isValidNHSNumber(digits) {
          out.append(PIICandidate(kind: .nhsNumber, range: i..<end))
        }
      }
    }
    return out
  }

  /// Mod 11: weights 10 down to 2 on the first nine digits; check = 11 − (sum mod 11), where 11
  /// means 0 and 10 means the number is invalid. Ten identical digits are refused as placeholders.
  static func isValidNHSNumber(_ digits: [Int]) -> Bool {
    guard digits.count == 10, Set(digits).count > 1 else { return false }
    var sum = 0
    for (index, digit) in digits.prefix(9).enumerated() { sum += digit * (10 - index) }
    var check = 11 - sum % 11
    if check == 11 { check = 0 }
    return check != 10 && check == digits[9]
  }

  // MARK: National Insurance numbers

  /// Two prefix letters, six digits, suffix A–D. In upper case, optional single spaces after the
  /// prefix, between digits (after the 2nd, 3rd or 4th; two at most) and before the suffix; in
  /// lower case no spaces.
  func niNumbers() -> [PIICandidate] {
    var out: [PIICandidate] = []
    for i in s.indices where s[i].isASCIILetter {
      if let previous = at(i - 1), previous.isWordScalar { continue }
      guard let second = at(i + 1), second.isASCIILetter else { continue }
      let upper = s[i].isASCIIUpper
      guard second.isASCIIUpper == upper else { continue }
      var p = i + 2
      // Spaces are allowed in upper case only: "is 123456 a" is not an NI number.
      if upper, at(p)?.isInlineSpace == true { p += 1 }
      var digits = 0
      var spaces = 0
      while digits < 6 {
        if at(p)?.isDigit09 == true {
          digits += 1
          p += 1
        } else if upper, at(p)?.isInlineSpace == true, (2...4).contains(digits), spaces < 2, isDigit(p + 1) {
          spaces += 1
          p += 1
        } else {
          break
        }
      }
      guard digits == 6, !isDigit(p) else { continue }
      if upper, at(p)?.isInlineSpace == true { p += 1 }
      guard let suffix = at(p), suffix.isASCIILetter, suffix.isASCIIUpper == upper,
        ("a"..."d").contains(suffix.asciiLowercased), !isWord(p + 1)
      else { continue }
      let prefix = String(String.UnicodeScalarView([s[i].asciiLowercased, second.asciiLowercased]))
      if Self.isValidNIPrefix(prefix) {
        out.append(PIICandidate(kind: .niNumber, range: i..<(p + 1)))
      }
    }
    return out
  }

  /// HMRC: first letter not D, F, I, Q, U, V; second not D, F, I, O, Q, U, V; and not BG, GB,
  /// KN, NK, NT, TN or ZZ. (`prefix` is lowercase.)
  static func isValidNIPrefix(_ prefix: String) -> Bool {
    let letters = Array(prefix)
    guard letters.count == 2 else { return false }
    if "dfiquv".contains(letters[0]) || "dfioquv".contains(letters[1]) { return false }
    return !["bg", "gb", "kn", "nk", "nt", "tn", "zz"].contains(prefix)
  }

  // MARK: Postcodes

  /// The UK postcode areas (plus the Crown dependencies and BF/BX, which use the same format).
  static let postcodeAreas: Set<String> = [
    "ab", "al", "b", "ba", "bb", "bd", "bf", "bh", "bl", "bn", "br", "bs", "bt", "bx", "ca", "cb",
    "cf", "ch", "cm", "co", "cr", "ct", "cv", "cw", "da", "dd", "de", "dg", "dh", "dl", "dn", "dt",
    "dy", "e", "ec", "eh", "en", "ex", "fk", "fy", "g", "gl", "gu", "gy", "ha", "hd", "hg", "hp",
    "hr", "hs", "hu", "hx", "ig", "im", "ip", "iv", "je", "ka", "kt", "kw", "ky", "l", "la", "ld",
    "le", "ll", "ln", "ls", "lu", "m", "me", "mk", "ml", "n", "ne", "ng", "nn", "np", "nr", "nw",
    "ol", "ox", "pa", "pe", "ph", "pl", "po", "pr", "rg", "rh", "rm", "s", "sa", "se", "sg", "sk",
    "sl", "sm", "sn", "so", "sp", "sr", "ss", "st", "sw", "sy", "ta", "td", "tf", "tn", "tq", "tr",
    "ts", "tw", "ub", "w", "wa", "wc", "wd", "wf", "wn", "wr", "ws", "wv", "yo", "ze",
  ]

  /// Full postcodes: outward code (area, district digits, and for A9A/AA9A a final letter from
  /// the allowed sets), an optional single space, inward code (digit, two letters not C I K M O V).
  /// Lower-case postcodes ending in an ordinal ("m6 4th", "m1 1st") are refused.
  func postcodes() -> [PIICandidate] {
    var out: [PIICandidate] = []
    for i in s.indices where s[i].isASCIILetter {
      if let previous = at(i - 1), previous.isWordScalar { continue }
      for outwardLength in [4, 3, 2] {
        if let end = postcode(at: i, outwardLength: outwardLength) {
          out.append(PIICandidate(kind: .postcode, range: i..<end))
          break
        }
      }
    }
    return out
  }

  func postcode(at i: Int, outwardLength: Int) -> Int? {
    guard i + outwardLength <= n else { return nil }
    let outward = Array(s[i..<(i + outwardLength)])
    guard outward.allSatisfy({ $0.isASCIILetter || $0.isDigit09 }) else { return nil }
    var p = i + outwardLength
    if at(p)?.isInlineSpace == true { p += 1 }
    guard p + 3 <= n else { return nil }
    let inward = Array(s[p..<(p + 3)])
    guard inward[0].isDigit09, inward[1].isASCIILetter, inward[2].isASCIILetter, !isWord(p + 3) else { return nil }
    let letters = (outward + inward).filter { $0.isASCIILetter }
    let allUpper = letters.allSatisfy { $0.isASCIIUpper }
    let allLower = letters.allSatisfy { !$0.isASCIIUpper }
    guard allUpper || allLower else { return nil }
    let outwardText = String(String.UnicodeScalarView(outward.map { $0.asciiLowercased }))
    let inwardText = String(String.UnicodeScalarView(inward.map { $0.asciiLowercased }))
    if allLower, ["1st", "2nd", "3rd"].contains(inwardText) || (inwardText.hasSuffix("th") && inwardText.first != "1") {
      return nil
    }
    if outwardText == "gir", inwardText == "0aa" { return p + 3 }
    guard Self.isOutwardCode(outwardText), !"cikmov".contains(inwardText.last!),
      !"cikmov".contains(inwardText.dropFirst().first!)
    else { return nil }
    return p + 3
  }

  /// A9, A99, AA9, AA99, A9A, AA9A with a real area (lowercase input).
  static func isOutwardCode(_ code: String) -> Bool {
    let chars = Array(code)
    var letterCount = 0
    while letterCount < chars.count, chars[letterCount].isLetter { letterCount += 1 }
    guard (1...2).contains(letterCount), postcodeAreas.contains(String(chars[0..<letterCount])) else {
      return false
    }
    let rest = chars[letterCount...]
    let digitCount = rest.prefix(while: { $0.isNumber }).count
    let tail = rest.dropFirst(digitCount)
    switch (digitCount, tail.count) {
    case (1, 0), (2, 0):
      return true
    case (1, 1):
      // A9A: the letter is one of A B C D E F G H J K P S T U W; AA9A: A B E H M N P R V W X Y.
      let allowed = letterCount == 1 ? "abcdefghjkpstuw" : "abehmnprvwxy"
      return allowed.contains(tail.first!)
    default:
      return false
    }
  }

  // MARK: Names

  struct Word {
    var range: Range<Int>
    /// Lowercased, with ’ read as '.
    var lower: String
  }

  /// Words: runs of letters, digits and marks, with inner apostrophes and hyphens.
  func words() -> [Word] {
    var out: [Word] = []
    var i = 0
    while i < n {
      guard s[i].isWordScalar else {
        i += 1
        continue
      }
      var j = i + 1
      while j < n {
        if s[j].isWordScalar {
          j += 1
        } else if ["'", "’", "-", "\u{2010}"].contains(s[j]), isWord(j + 1) {
          j += 1
        } else {
          break
        }
      }
      let lower = string(i..<j).lowercased().replacingOccurrences(of: "’", with: "'")
      out.append(Word(range: i..<j, lower: lower))
      i = j
    }
    return out
  }

  static let honorifics: Set<String> = ["mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame"]

  /// Words after which "called" or "named" introduces a name.
  static let relations: Set<String> = [
    "son", "daughter", "child", "kid", "boy", "girl", "baby", "teacher", "husband", "wife",
    "partner", "mum", "mom", "mother", "dad", "father", "brother", "sister", "grandson",
    "granddaughter", "grandchild", "nephew", "niece", "stepson", "stepdaughter", "friend",
    "colleague", "pupil", "student", "carer", "neighbour", "headteacher", "he", "she",
  ]
  /// Plural relations: the name may be followed by "and" and a second name.
  static let pluralRelations: Set<String> = [
    "sons", "daughters", "children", "kids", "boys", "girls", "twins", "grandchildren", "grandsons",
    "granddaughters", "pupils", "students",
  ]

  /// Capitalised words that are not names when they follow a trigger.
  static let stopWords: Set<String> = [
    "i", "i'm", "im", "i've", "i'd", "not", "no", "on", "in", "at", "the", "a", "an", "and", "but",
    "or", "is", "was", "irrelevant", "unimportant", "important", "withheld", "private",
    "confidential", "anonymous", "none", "nothing", "it", "it's", "here", "there", "below",
    "above", "attached", "listed", "known", "also", "still", "just", "already", "being", "given",
    "used", "mentioned", "redacted", "unknown", "hidden", "removed", "omitted", "too", "as", "of",
    "for", "to", "with", "by", "from", "my", "our", "your", "his", "her", "their", "this", "that",
    "these", "those", "we", "you", "he", "she", "they", "me", "us", "if", "so", "very", "really",
    "all", "any", "some", "every", "each", "off", "up", "yes", "ok", "okay", "please", "thanks",
    "thank", "dear", "hi", "hello", "regards", "sincerely", "when", "who", "what", "which",
    "because", "since", "after", "before", "then", "now", "today", "yesterday", "again",
    "everyone", "everybody", "both", "god", "lord", "heaps", "loads", "sorry", "writing",
    "afraid", "concerned", "worried", "angry", "happy", "sure", "glad", "responding",
    "currently", "proud", "one", "another", "new", "retired", "former", "ex", "tired", "done",
    "going", "disappointed", "appalled", "disgusted", "shocked", "grateful", "fed", "sad",
    "upset", "furious", "pleased", "delighted", "replying",
    // Identities written with a capital after "I am" / "my son is".
    "british", "english", "welsh", "scottish", "irish", "northern", "european", "american",
    "african", "asian", "black", "white", "mixed", "muslim", "christian", "jewish", "hindu",
    "sikh", "catholic", "buddhist", "polish", "romanian", "indian", "pakistani", "bangladeshi",
    "chinese", "nigerian", "ghanaian", "somali", "jamaican", "caribbean", "deaf", "autistic",
    "dyslexic", "gay", "lesbian", "bisexual", "trans", "disabled", "neurodivergent",
  ]

  /// Whether only inline spaces (at least one) lie between word `w` and word `w + 1`, after an
  /// optional single scalar from `leading` ("Mr. Smith", "daughter, named").
  func spaceGap(_ words: [Word], after w: Int, leading: Set<Unicode.Scalar> = []) -> Bool {
    guard w + 1 < words.count else { return false }
    var gap = words[w].range.upperBound..<words[w + 1].range.lowerBound
    if let first = gap.first, leading.contains(s[first]) { gap = gap.dropFirst() }
    return !gap.isEmpty && gap.allSatisfy { s[$0].isInlineSpace }
  }

  /// `spaceGap` allowing a dot first ("Mr. Smith", "J. Smith").
  func dotSpaceGap(_ words: [Word], after w: Int) -> Bool { spaceGap(words, after: w, leading: ["."]) }

  /// Whether the words from `w` spell `phrase` with only spaces between them.
  func matches(_ words: [Word], at w: Int, _ phrase: [String]) -> Bool {
    guard w + phrase.count <= words.count else { return false }
    for (k, expected) in phrase.enumerated() {
      guard words[w + k].lower == expected else { return false }
      if k + 1 < phrase.count, !spaceGap(words, after: w + k) { return false }
    }
    return true
  }

  func isCapitalised(_ word: Word) -> Bool { s[word.range.lowerBound].isCapital }

  /// The word's range without a final possessive 's / ’s.
  func withoutPossessive(_ word: Word) -> Range<Int> {
    if word.lower.hasSuffix("'s"), word.range.count > 2 {
      return word.range.lowerBound..<(word.range.upperBound - 2)
    }
    return word.range
  }

  func isHonorific(_ word: Word) -> Bool { isCapitalised(word) && Self.honorifics.contains(word.lower) }

  /// Whether every letter of the word is a capital ("MS", "SMITH").
  func isAllCaps(_ word: Word) -> Bool {
    s[word.range].allSatisfy { !$0.properties.isAlphabetic || $0.isCapital }
  }

  /// The last word of a name trigger starting at word `w`, and whether a second name may follow
  /// after "and".
  /// `weak` triggers ("I am", "I'm", sign-offs) are followed by shouting as often as by names, so
  /// a name in capitals after them only counts when the trigger is in capitals too.
  func trigger(_ words: [Word], at w: Int) -> (last: Int, plural: Bool, signOff: Bool, weak: Bool)? {
    for phrase in Self.triggerPhrases where matches(words, at: w, phrase) {
      let weak = !["called", "named", "is", "was", "name's"].contains(phrase.last!)
      return (w + phrase.count - 1, false, false, weak)
    }
    let word = words[w].lower
    // Sign-offs: "Kind regards, Sarah", "Thanks, Jo", "Thank you Sarah".
    if Self.signOffs.contains(word) || (word == "you" && w > 0 && words[w - 1].lower == "thank" && spaceGap(words, after: w - 1)) {
      return (w, false, true, true)
    }
    // "my son is Ethan", "our daughter was Amelia".
    if word == "my" || word == "our", w + 2 < words.count, Self.relations.contains(words[w + 1].lower),
      ["is", "was"].contains(words[w + 2].lower), spaceGap(words, after: w), spaceGap(words, after: w + 1)
    {
      return (w + 2, false, false, false)
    }
    var relation = word
    var next = w + 1
    if word.hasSuffix("'s"), Self.relations.contains(String(word.dropLast(2))) {
      relation = String(word.dropLast(2))  // "my son's called Jack"
    } else if Self.relations.contains(word) || Self.pluralRelations.contains(word) {
      if next < words.count, ["is", "was", "are", "were"].contains(words[next].lower), spaceGap(words, after: w) {
        next += 1
      }
    } else {
      return nil
    }
    guard next < words.count, ["called", "named"].contains(words[next].lower), spaceGap(words, after: next - 1, leading: [","])
    else {
      return nil
    }
    return (next, Self.pluralRelations.contains(relation), false, false)
  }

  /// Phrases after which a name follows, longer first ("I am called" before "I am").
  static let triggerPhrases = [
    ["my", "name", "is"], ["my", "name", "was"], ["my", "name's"], ["i", "am", "called"],
    ["i'm", "called"], ["im", "called"], ["i", "am", "named"], ["i'm", "named"], ["i", "am"],
    ["i'm"], ["im"],
  ]

  /// Words that end a message before the writer's name.
  static let signOffs: Set<String> = ["thanks", "regards", "wishes", "sincerely", "faithfully", "cheers"]

  /// The gap after a sign-off: white space (line breaks allowed), optionally after one comma.
  /// No full stop or "!": "Thanks! Keep up the good work" is not signed "Keep".
  func signOffGap(_ words: [Word], after w: Int) -> Bool {
    guard w + 1 < words.count else { return false }
    var gap = words[w].range.upperBound..<words[w + 1].range.lowerBound
    if let first = gap.first, s[first] == "," { gap = gap.dropFirst() }
    return !gap.isEmpty && gap.allSatisfy { s[$0].properties.isWhitespace }
  }

  /// A name starting at word `k`: up to two initials (single capital letters) and then up to two
  /// capitalised words, or one or two capitalised words alone; a possessive ends it. Returns the
  /// scalar range and the index of the last word used.
  /// With `allCaps`, every name word must be in capitals ("MR SMITH", but not "MS Society"); with
  /// `refuseAllCaps`, no word of two or more letters may be ("I am SICK of this").
  func name(_ words: [Word], from k: Int, allowList: Set<String>, allCaps: Bool = false, refuseAllCaps: Bool = false)
    -> (range: Range<Int>, fullWords: [Range<Int>], last: Int)?
  {
    var initials = 0
    var full: [Range<Int>] = []
    var end: Int? = nil
    var w = k
    while w < words.count {
      let word = words[w]
      guard isCapitalised(word), !allCaps || isAllCaps(word), !refuseAllCaps || word.range.count < 2 || !isAllCaps(word)
      else { break }
      let base = withoutPossessive(word)
      let baseLower = base == word.range ? word.lower : String(word.lower.dropLast(2))
      // Initials skip the stop list ("Dr A Jones"), but "I" is never an initial.
      let isInitial = word.range.count == 1 && word.lower != "i"
      let stopped = !isInitial && (Self.stopWords.contains(word.lower) || Self.stopWords.contains(baseLower))
      if stopped || allowList.contains(word.lower) || allowList.contains(baseLower) || Self.honorifics.contains(word.lower) {
        break
      }
      guard s[word.range].allSatisfy({ $0.properties.isAlphabetic || $0.isMark || ["'", "’", "-", "\u{2010}"].contains($0) })
      else { break }
      let letters = s[word.range].filter { $0.properties.isAlphabetic }.count
      if letters == 1 {
        // An initial: any capital letter but "I" ("Dr A B Jones").
        guard full.isEmpty, initials < 2 else { break }
        initials += 1
        end = word.range.upperBound
        guard dotSpaceGap(words, after: w) else {
          // "J." at the end of a sentence: keep the initial, the dot stays.
          return (words[k].range.lowerBound..<end!, full, w)
        }
      } else {
        guard full.count < 2 else { break }
        full.append(base)
        end = base.upperBound
        if base != word.range || !spaceGap(words, after: w) { return (words[k].range.lowerBound..<end!, full, w) }
      }
      w += 1
    }
    guard let end else { return nil }
    return (words[k].range.lowerBound..<end, full, w - 1)
  }

  /// Names introduced by a trigger or an honorific, then every other whole-word occurrence of
  /// the name words found (adjacent occurrences merged into one finding).
  func names(allowList: Set<String>) -> [PIICandidate] {
    let words = words()
    var out: [PIICandidate] = []
    var nameWords: Set<String> = []
    func record(_ found: (range: Range<Int>, fullWords: [Range<Int>], last: Int)) {
      out.append(PIICandidate(kind: .name, range: found.range))
      for piece in found.fullWords { nameWords.insert(string(piece)) }
    }
    for w in words.indices {
      // An honorific in capitals ("MS", "DR") only counts before a name in capitals: "MS Society"
      // is about multiple sclerosis.
      if isHonorific(words[w]), dotSpaceGap(words, after: w),
        let found = name(words, from: w + 1, allowList: allowList, allCaps: words[w].range.count > 1 && isAllCaps(words[w]))
      {
        record(found)
      }
      if let trigger = trigger(words, at: w),
        trigger.signOff ? signOffGap(words, after: trigger.last) : spaceGap(words, after: trigger.last),
        !isHonorific(words[trigger.last + 1]),
        let found = name(
          words, from: trigger.last + 1, allowList: allowList,
          refuseAllCaps: trigger.weak && !isAllCaps(words[trigger.last]))
      {
        record(found)
        // "my children are called Amir, Zainab and Yusuf": after a plural relation, more names
        // may follow ", ", " and " or ", and ".
        var last = found.last
        var listed = 1
        while trigger.plural, listed < 8 {
          var next: Int? = nil
          let comma = !spaceGap(words, after: last) && spaceGap(words, after: last, leading: [","])
          if comma || spaceGap(words, after: last) {
            if words[last + 1].lower == "and" {
              next = spaceGap(words, after: last + 1) ? last + 2 : nil
            } else if comma {
              next = last + 1
            }
          }
          guard let next, let more = name(words, from: next, allowList: allowList) else { break }
          record(more)
          last = more.last
          listed += 1
        }
      }
    }
    guard !nameWords.isEmpty else { return out }
    // Other occurrences of the same name words, matched exactly (case-sensitively); neighbouring
    // occurrences separated by spaces become one finding.
    var run: Range<Int>? = nil
    var runLastWord = -1  // the index of the run's last word, or -1 when the run cannot grow
    for (w, word) in words.enumerated() {
      let base = withoutPossessive(word)
      guard nameWords.contains(string(base)) else { continue }
      if let current = run, runLastWord == w - 1, spaceGap(words, after: w - 1) {
        run = current.lowerBound..<base.upperBound
      } else {
        if let current = run { out.append(PIICandidate(kind: .name, range: current)) }
        run = base
      }
      runLastWord = base == word.range ? w : -1  // a possessive ends a run
    }
    if let current = run { out.append(PIICandidate(kind: .name, range: current)) }
    return out
  }
}

// MARK: - Personal URLs

private enum PersonalURL {
  /// First path segments that are site pages, not profiles, on hosts where /<name> is a profile.
  static let facebookReserved: Set<String> = [
    "groups", "pages", "events", "watch", "hashtag", "help", "policies", "privacy", "login",
    "login.php", "marketplace", "gaming", "sharer", "sharer.php", "share", "share.php", "dialog",
    "legal", "about", "business", "ads", "settings", "notifications", "home.php", "search",
  ]
  static let instagramReserved: Set<String> = [
    "p", "reel", "reels", "explore", "accounts", "about", "legal", "tv", "direct", "developer", "web",
  ]
  static let twitterReserved: Set<String> = [
    "home", "search", "explore", "hashtag", "i", "intent", "share", "settings", "notifications",
    "messages", "tos", "privacy", "login", "signup", "compose", "about",
  ]
  /// Path segments followed by a person's identifier ("/user/jo", "/people/jo-bloggs").
  static let personSegments: Set<String> = ["user", "users", "u", "people", "member", "members"]
  /// Query keys (lowercased, letters only) whose value is personal.
  static let personalKeys: Set<String> = [
    "email", "mail", "emailaddress", "name", "firstname", "lastname", "surname", "fullname",
    "forename", "givenname", "familyname", "username", "user", "phone", "tel", "mobile", "telephone",
  ]

  /// Whether `url` (starting with a scheme, "www." or a bare social host) identifies a person:
  /// user info before the host; a social profile path; a path segment `~name`, `profile…`, or
  /// `user|users|u|people|member|members/<something>`; an e-mail address anywhere (also as
  /// `%40`); or a personal query key with a value.
  static func isPersonal(_ url: String) -> Bool {
    var rest = Substring(url)
    for scheme in ["https://", "http://"] where rest.lowercased().hasPrefix(scheme) {
      rest = rest.dropFirst(scheme.count)
      break
    }
    let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
    let authority = rest[..<authorityEnd]
    if authority.contains("@") { return true }
    var host = authority.lowercased()
    if let colon = host.firstIndex(of: ":") { host = String(host[..<colon]) }
    while host.hasSuffix(".") { host.removeLast() }
    var tail = rest[authorityEnd...]
    if let hash = tail.firstIndex(of: "#") { tail = tail[..<hash] }
    var path = tail
    var query: Substring = ""
    if let question = tail.firstIndex(of: "?") {
      path = tail[..<question]
      query = tail[tail.index(after: question)...]
    }
    let segments = path.split(separator: "/").map { percentDecoded(String($0)).lowercased() }

    let decoded = percentDecoded(url)
    if !PIIScanner(Array(decoded.unicodeScalars)).emails().isEmpty { return true }

    for pair in query.split(whereSeparator: { $0 == "&" || $0 == ";" }) {
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      guard parts.count == 2, !parts[1].isEmpty else { continue }
      let key = percentDecoded(String(parts[0])).lowercased().filter { $0.isLetter }
      if personalKeys.contains(key) { return true }
    }

    for (index, segment) in segments.enumerated() {
      if segment.hasPrefix("~"), segment.count > 1 { return true }
      if segment == "profile" || segment == "profiles" || segment.hasPrefix("profile.") { return true }
      if personSegments.contains(segment), index + 1 < segments.count {
        // "/u/0/" in Google Drive links is an account index, not a person.
        if segment == "u", segments[index + 1].allSatisfy(\.isNumber) { continue }
        return true
      }
    }

    func on(_ domain: String) -> Bool { host == domain || host.hasSuffix("." + domain) }
    guard let first = segments.first else { return false }
    if on("facebook.com") || on("fb.com") { return !facebookReserved.contains(first) }
    if on("instagram.com") { return !instagramReserved.contains(first) }
    if on("twitter.com") || on("x.com") { return !twitterReserved.contains(first) }
    if on("tiktok.com") || on("youtube.com") || on("threads.net") || on("threads.com") {
      return first.hasPrefix("@") && first.count > 1
    }
    if on("linkedin.com") { return (first == "in" || first == "pub") && segments.count >= 2 }
    return false
  }

  /// `%XX` escapes decoded as UTF-8 bytes (invalid sequences become U+FFFD).
  static func percentDecoded(_ text: String) -> String {
    guard text.contains("%") else { return text }
    var bytes: [UInt8] = []
    let utf8 = Array(text.utf8)
    var i = 0
    while i < utf8.count {
      if utf8[i] == UInt8(ascii: "%"), i + 2 < utf8.count, let high = hexValue(utf8[i + 1]), let low = hexValue(utf8[i + 2]) {
        bytes.append(high << 4 | low)
        i += 3
      } else {
        bytes.append(utf8[i])
        i += 1
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  static func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
    default: nil
    }
  }
}
