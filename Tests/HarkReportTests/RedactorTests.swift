import Foundation
import Testing

@testable import HarkReport

/// One input and the text `Redactor.redact` must produce from it.
struct RedactionCase: Sendable, CustomTestStringConvertible {
  var input: String
  var expected: String
  var testDescription: String { input.debugDescription }

  init(_ input: String, _ expected: String) {
    self.input = input
    self.expected = expected
  }
}

/// A hostile input with a short label for the test report.
struct HostileText: Sendable, CustomTestStringConvertible {
  var label: String
  var text: String
  var testDescription: String { "\(label) (\(text.unicodeScalars.count) scalars)" }

  init(_ label: String, _ text: String) {
    self.label = label
    self.text = text
  }
}

/// A line of `Fixtures/redaction-cases.tsv`.
struct LabelledCase: Sendable {
  var positive: Bool
  var kind: RedactionKind
  var text: String
  var line: Int
}

/// The scalars of `text` in `range`, as a string (Python's `text[start:end]`).
func scalarSlice(_ text: String, _ range: Range<Int>) -> String {
  let scalars = Array(text.unicodeScalars)
  return String(String.UnicodeScalarView(scalars[range]))
}

/// Checks everything `findings` and `redact` promise for any input, and returns the result.
@discardableResult
func checkInvariants(_ redactor: Redactor, _ text: String, sourceLocation: SourceLocation = #_sourceLocation)
  -> RedactedText
{
  let scalars = Array(text.unicodeScalars)
  let scalarCount = scalars.count
  func slice(_ range: Range<Int>) -> String { String(String.UnicodeScalarView(scalars[range])) }
  let findings = redactor.findings(in: text)
  var previousEnd = 0
  for finding in findings {
    #expect(!finding.scalarRange.isEmpty, sourceLocation: sourceLocation)
    #expect(finding.scalarRange.lowerBound >= previousEnd, "sorted, non-overlapping", sourceLocation: sourceLocation)
    #expect(finding.scalarRange.upperBound <= scalarCount, "inside the text", sourceLocation: sourceLocation)
    if finding.scalarRange.upperBound <= scalarCount, finding.scalarRange.lowerBound >= 0 {
      #expect(slice(finding.scalarRange) == finding.original, sourceLocation: sourceLocation)
    }
    previousEnd = finding.scalarRange.upperBound
  }
  let result = redactor.redact(text)
  #expect(result.redactions == findings, sourceLocation: sourceLocation)
  #expect(result.counts.values.reduce(0, +) == findings.count, sourceLocation: sourceLocation)
  #expect(result.counts.values.allSatisfy { $0 > 0 }, sourceLocation: sourceLocation)
  for kind in RedactionKind.allCases {
    #expect(result.counts[kind, default: 0] == findings.filter { $0.kind == kind }.count, sourceLocation: sourceLocation)
  }
  for original in Set(findings.map(\.original)) {
    #expect(!result.text.contains(original), "\(original) left in the output", sourceLocation: sourceLocation)
  }
  // Rebuilding the output from the findings gives the same text: nothing else changed.
  var rebuilt = ""
  var cursor = 0
  for finding in findings {
    rebuilt += slice(cursor..<finding.scalarRange.lowerBound) + finding.kind.placeholder
    cursor = finding.scalarRange.upperBound
  }
  rebuilt += slice(cursor..<scalarCount)
  #expect(Array(result.text.unicodeScalars) == Array(rebuilt.unicodeScalars), sourceLocation: sourceLocation)
  return result
}

@Suite struct RedactorTests {
  static let redactor = Redactor()

  static let cases: [RedactionCase] = [
    // E-mail.
    .init("Contact sarah.jones@example.com today.", "Contact [email] today."),
    .init("priya+ofsted@mail.example.co.uk", "[email]"),
    .init("(j.o'brien@example.org.uk)", "([email])"),
    .init("Tag @OfstedNews or see e.g. the FAQ.", "Tag @OfstedNews or see e.g. the FAQ."),
    .init("staff@pupils and user@localhost", "staff@pupils and user@localhost"),
    // Phone.
    .init("Call 07700 900123 or 07700900456.", "Call [phone] or [phone]."),
    .init("Office: 0161 496 0000, London 020 7946 0000.", "Office: [phone], London [phone]."),
    .init("Ring (020) 7946 0000 now", "Ring [phone] now"),
    .init("+44 7700 900123 and +44 (0)20 7946 0000", "[phone] and [phone]"),
    .init("Freephone 0800 123 4567.", "Freephone [phone]."),
    .init("US: +1 202-555-0143; FR: +33 1.99.00.12.34", "US: [phone]; FR: [phone]"),
    .init("(07700 900123)", "([phone])"),
    .init("07700 900123 2019", "[phone] 2019"),
    .init("In 2019 and 2023-24 we spent £1,500,000 (12%).", "In 2019 and 2023-24 we spent £1,500,000 (12%)."),
    .init("On 12/03/2024 at 09:30, URN 100123, KS2, Year 6.", "On 12/03/2024 at 09:30, URN 100123, KS2, Year 6."),
    .init("dated 01.02.2024 10:30", "dated 01.02.2024 10:30"),
    .init("0123456788 looks like a landline", "[phone] looks like a landline"),
    // Postcode.
    .init(
      "SW1A 1AA, M1 1AE, B33 8TH, CR2 6XH, DN55 1PT, EC1A 1BB, sw1a1aa",
      "[postcode], [postcode], [postcode], [postcode], [postcode], [postcode], [postcode]"),
    .init("KS2 Y6 GCSE A1 road M6 B2B covid-19 SATs", "KS2 Y6 GCSE A1 road M6 B2B covid-19 SATs"),
    .init("GIR 0AA", "[postcode]"),
    // NHS number.
    .init("NHS number 943 476 5919.", "NHS number [NHS number]."),
    .init("9434765919 and 943-476-5919", "[NHS number] and [NHS number]"),
    .init("943 476 5918 fails the check", "943 476 5918 fails the check"),
    .init("0123456789", "[NHS number]"),  // valid check digit and a phone shape: the NHS number wins the tie
    // NI number.
    .init("NI: AB 12 34 56 C and JG103759A", "NI: [NI number] and [NI number]"),
    .init("QQ 12 34 56 C is HMRC's example", "QQ 12 34 56 C is HMRC's example"),
    .init("GB123456A NK123456A AB123456E", "GB123456A NK123456A AB123456E"),
    // URLs.
    .init("https://www.facebook.com/sarah.jones.1987 is me", "[url] is me"),
    .init("(see https://x.com/tomharris).", "(see [url])."),
    .init("www.tiktok.com/@amara and linkedin.com/in/dan-w", "[url] and [url]"),
    .init("http://www.example.ac.uk/~jbloggs/ https://example.org/users/liam", "[url] [url]"),
    .init("https://example.org/form?email=a%40example.com", "[url]"),
    .init("https://example.org/form?name=Sarah", "[url]"),
    .init("https://www.gov.uk/government/organisations/ofsted and https://www.nhs.uk/conditions/asthma/ and www.example.org",
          "https://www.gov.uk/government/organisations/ofsted and https://www.nhs.uk/conditions/asthma/ and www.example.org"),
    .init("https://example.org/share/sarah@example.com", "[url]"),
    // Names.
    .init("my name is Sarah", "my name is [name]"),
    .init("My name's John Smith, a parent.", "My name's [name], a parent."),
    .init("I am called Priya. I’m called Tom.", "I am called [name]. I’m called [name]."),
    .init("My son is called Oliver, my daughter named Isla.", "My son is called [name], my daughter named [name]."),
    .init("Mrs Patel and Dr. Aisha Khan and Mr J. Smith", "Mrs [name] and Dr. [name] and Mr [name]"),
    .init("Ask Mrs Smith's class.", "Ask Mrs [name]'s class."),
    .init("My name is Sarah Jones. Sarah has taught here; ask Jones.", "My name is [name]. [name] has taught here; ask [name]."),
    .init("The twins are called Amir and Zainab.", "The twins are called [name] and [name]."),
    .init("my name is not important; my name is on the list", "my name is not important; my name is on the list"),
    .init("a school called Oakwood, Dr Martens, Head Teacher, Mrs Ofsted", "a school called Oakwood, Dr Martens, Head Teacher, Mrs Ofsted"),
    .init("My name is Sarah I teach", "My name is [name] I teach"),
    .init("My teacher is called Mr Brown.", "My teacher is called Mr [name]."),
    .init("My children are called Amir, Zainab and Yusuf.", "My children are called [name], [name] and [name]."),
    .init("Dr A B Jones and MR SMITH, not the MS Society", "Dr [name] and MR [name], not the MS Society"),
    .init("Tel 020 7946 0000/0001 or 07700 900123,07700 900456", "Tel [phone]/0001 or [phone],[phone]"),
    .init("I'm Tomasz, dad of two. I am SICK of it. I'm British.", "I'm [name], dad of two. I am SICK of it. I'm British."),
    .init("Kind regards,\r\nSarah Lomax\r\nHeadteacher", "Kind regards,\r\n[name]\r\nHeadteacher"),
    .init("Thanks! Keep going. Thanks, I agree. Thanks, Jo", "Thanks! Keep going. Thanks, I agree. Thanks, [name]"),
    .init("My son is Ethan Hollins; my son is Autistic.", "My son is [name]; my son is Autistic."),
    // Mixed.
    .init(
      "My name is Sarah Jones (sarah.jones@example.com, 07700 900123), NHS 943 476 5919, NI AB 12 34 56 C, SW1A 1AA, https://x.com/sjones.",
      "My name is [name] ([email], [phone]), NHS [NHS number], NI [NI number], [postcode], [url]."
    ),
    .init("Mr Okafor\r\nkwame@example.com\r\n0161 496 0000", "Mr [name]\r\n[email]\r\n[phone]"),
    .init("😀 mail me: zoë@example.de 👨‍👩‍👧‍👦 or 07700 900123", "😀 mail me: [email] 👨‍👩‍👧‍👦 or [phone]"),
    .init("", ""),
  ]

  @Test(arguments: cases)
  func redactsToTheExpectedText(_ testCase: RedactionCase) {
    let result = Self.redactor.redact(testCase.input)
    #expect(result.text == testCase.expected)
  }

  @Test(arguments: cases)
  func findingsSliceTheOriginalByScalarOffsets(_ testCase: RedactionCase) {
    let findings = Self.redactor.findings(in: testCase.input)
    for finding in findings {
      #expect(scalarSlice(testCase.input, finding.scalarRange) == finding.original)
    }
    checkInvariants(Self.redactor, testCase.input)
  }

  @Test func offsetsAreUnicodeScalarOffsets() {
    // The family emoji is seven scalars, the CRLF two, "é" (e + combining acute) two.
    let text = "👨‍👩‍👧‍👦 e\u{301}\r\nsarah@example.com"
    let findings = Self.redactor.findings(in: text)
    #expect(findings == [Redaction(kind: .email, scalarRange: 12..<29, original: "sarah@example.com")])
  }

  @Test func longerFindingWinsOnOverlap() {
    // The e-mail address inside the URL is shorter than the URL.
    let text = "see www.example.net/share/jo@example.com/photos"
    let findings = Self.redactor.findings(in: text)
    #expect(findings.map(\.kind) == [.url])
    #expect(findings.first?.original == "www.example.net/share/jo@example.com/photos")
  }

  @Test func countsPerKind() {
    let result = Self.redactor.redact("a@example.com b@example.com 07700 900123 Mrs Patel")
    #expect(result.counts == [.email: 2, .phone: 1, .name: 1])
    #expect(result.redactions.map(\.kind) == [.email, .email, .phone, .name])
  }

  @Test func placeholdersRawValuesAndOrder() throws {
    #expect(RedactionKind.allCases.map(\.placeholder) == [
      "[email]", "[phone]", "[postcode]", "[NHS number]", "[NI number]", "[url]", "[name]",
    ])
    #expect(RedactionKind.nhsNumber.rawValue == "nhs_number")
    #expect(RedactionKind.niNumber.rawValue == "ni_number")
    #expect(RedactionKind.allCases.sorted() == RedactionKind.allCases)
    #expect(RedactionKind.email < RedactionKind.name)
    let encoded = try JSONEncoder().encode([RedactionKind.nhsNumber, .url])
    #expect(String(decoding: encoded, as: UTF8.self) == #"["nhs_number","url"]"#)
    #expect(try JSONDecoder().decode([RedactionKind].self, from: encoded) == [.nhsNumber, .url])
  }

  @Test func allowListIsCaseInsensitiveAndReplaceable() {
    #expect(Self.redactor.redact("Mrs Ofsted and Mrs OFSTED").text == "Mrs Ofsted and Mrs OFSTED")
    let custom = Redactor(allowList: Redactor.defaultAllowList.union(["Oakwood"]))
    #expect(custom.allowList.contains("oakwood"))
    #expect(custom.redact("Mr Oakwood and Mr Brown").text == "Mr Oakwood and Mr [name]")
    let empty = Redactor(allowList: [])
    #expect(empty.redact("Mrs Ofsted").text == "Mrs [name]")
  }

  @Test(arguments: [
    ("9434765919", true), ("7877893280", true), ("9217421804", true), ("4701746819", true),
    ("9434765918", false), ("7877893288", false), ("7436687590", false), ("7436687599", false),
    ("1111111111", false), ("0000000000", false),
  ])
  func nhsCheckDigit(_ digits: String, _ valid: Bool) {
    let found = Self.redactor.findings(in: "NHS \(digits)").contains { $0.kind == .nhsNumber }
    #expect(found == valid)
  }

  // MARK: Fixture

  static func loadFixture() throws -> [LabelledCase] {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("Fixtures").appendingPathComponent("redaction-cases.tsv")
    let contents = try String(contentsOf: url, encoding: .utf8)
    var cases: [LabelledCase] = []
    for (index, line) in contents.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = line.hasSuffix("\r") ? line.dropLast() : line
      if line.isEmpty || line.hasPrefix("#") { continue }
      let columns = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
      guard columns.count == 3, ["positive", "negative"].contains(columns[0]),
        let kind = RedactionKind(rawValue: String(columns[1]))
      else {
        Issue.record("malformed fixture line \(index + 1): \(line)")
        continue
      }
      cases.append(LabelledCase(positive: columns[0] == "positive", kind: kind, text: String(columns[2]), line: index + 1))
    }
    return cases
  }

  @Test func labelledFixture() throws {
    let cases = try Self.loadFixture()
    let positives = cases.filter(\.positive)
    let negatives = cases.filter { !$0.positive }
    var missed: [String] = []
    var falseAlarms: [String] = []
    for item in cases {
      let findings = Self.redactor.findings(in: item.text)
      checkInvariants(Self.redactor, item.text)
      if item.positive {
        if findings.isEmpty || findings.contains(where: { $0.kind != item.kind }) {
          missed.append("line \(item.line) [\(item.kind.rawValue)] \(item.text) -> \(findings.map { "\($0.kind.rawValue):\($0.original)" })")
        }
      } else if !findings.isEmpty {
        falseAlarms.append("line \(item.line) [\(item.kind.rawValue)] \(item.text) -> \(findings.map { "\($0.kind.rawValue):\($0.original)" })")
      }
    }
    #expect(missed.isEmpty, "positives not found as their kind:\n\(missed.joined(separator: "\n"))")
    #expect(falseAlarms.isEmpty, "negatives with findings:\n\(falseAlarms.joined(separator: "\n"))")
    #expect(positives.count >= 80)
    #expect(negatives.count >= 80)
    for kind in RedactionKind.allCases {
      #expect(positives.contains { $0.kind == kind }, "no positive for \(kind)")
      #expect(negatives.contains { $0.kind == kind }, "no negative for \(kind)")
    }
    let perKind = RedactionKind.allCases.map { kind in
      "\(kind.rawValue) \(positives.filter { $0.kind == kind }.count)/\(negatives.filter { $0.kind == kind }.count)"
    }
    print(
      "redaction fixture: \(positives.count) positives (\(positives.count - missed.count) found), "
        + "\(negatives.count) negatives (\(negatives.count - falseAlarms.count) clean); "
        + "positives/negatives by kind: \(perKind.joined(separator: ", "))")
  }

  // MARK: Hostile input

  /// Hostile inputs, labelled so that test names stay short.
  static let hostile: [HostileText] = [
    .init("empty", ""),
    .init("one space", " "),
    .init("lone at", "@"),
    .init("at signs", "@@@@ @.@ a@ @b.com a@b .@. ..@.."),
    .init("lone plus", "+"),
    .init("brackets and pluses", "+++ +0 +( (+ () )( (((0))) 0)"),
    .init("emoji with ZWJ", "👨‍👩‍👧‍👦 👍🏿 🏳️‍🌈 🇬🇧 call 07700 900123 ❤️‍🔥"),
    .init("emoji glued to findings", "sarah@example.com👨‍👩‍👧‍👦07700 900123👍🏿"),
    .init("combining marks", "e\u{301}\u{301}\u{301} Zalgo z\u{35B}a\u{36A} my name is Zoe\u{308} Bro\u{301}nte\u{308}"),
    .init("lone combining marks", "\u{301}\u{302} lone marks \u{301}@example.com \u{301}Mrs \u{301}Smith"),
    .init("marks and ZWJ after names", "Mrs Smith\u{301} and Mrs Jones\u{200D}"),
    .init("20k zeros", String(repeating: "0", count: 20_000)),
    .init("repeated NHS number without separators", String(repeating: "9434765919", count: 2_000)),
    .init("spaced zeros", String(repeating: "0 ", count: 10_000)),
    .init("repeated 07700", String(repeating: "07700 ", count: 5_000)),
    .init("phone between digit runs", String(repeating: "1", count: 5_000) + " 07700 900123 " + String(repeating: "2", count: 5_000)),
    .init("CRLF", "My name is Sarah\r\nCall 07700 900123\r\nNHS 943 476 5919\r\n\r\nSW1A 1AA\r\n"),
    .init("bare CR and LF", "\r\n\r\n\r"),
    .init("NUL", "a\u{0}b sarah@example.com\u{0}07700 900123\u{0}"),
    .init("invisible characters", "\u{FEFF}BOM \u{200B}zero\u{200B}width\u{200D} Mrs\u{00A0}Patel"),
    .init("bidi override", "\u{202E}07700 900123\u{202C} reversed"),
    .init("URL of open brackets", "https://" + String(repeating: "(", count: 500)),
    .init("URL of closing brackets", "https://x.com/" + String(repeating: ")", count: 5_000)),
    .init("repeated schemes", String(repeating: "https://", count: 2_000)),
    .init("repeated www", String(repeating: "www.", count: 2_000)),
    .init("long local part", String(repeating: "a+", count: 5_000) + "@b.com"),
    .init("long dotted address", String(repeating: "a.", count: 5_000) + "@" + String(repeating: "b.", count: 5_000) + "com"),
    .init("repeated honorifics", String(repeating: "Mr ", count: 3_000) + "Smith"),
    .init("repeated triggers", String(repeating: "my name is ", count: 2_000) + "Sarah"),
    .init("repeated NI prefixes", String(repeating: "AB 12 ", count: 2_000)),
    .init("repeated outward codes", String(repeating: "SW1A ", count: 2_000) + "1AA"),
    .init("full width", "ＦＵＬＬ　ｗｉｄｔｈ ０７７００ ９００１２３ ｓａｒａｈ＠ｅｘａｍｐｌｅ．ｃｏｍ"),
    .init("Arabic-Indic digits", "٠٧٧٠٠ ٩٠٠١٢٣ Arabic-Indic digits"),
    .init("mathematical letters", "𝕳𝖆𝖗𝖐 mathematical Mr 𝕾𝖒𝖎𝖙𝖍"),
    .init("Turkish I", "İstanbul Mr İlhan ıi"),
    .init("private use and replacement", "\u{E000}\u{F8FF} private use \u{FFFD}\u{FFFD}"),
  ]

  @Test(arguments: hostile)
  func invariantsHoldOnHostileInput(_ input: HostileText) {
    checkInvariants(Self.redactor, input.text)
  }

  @Test func hundredKilobyteText() {
    let paragraph = """
      My name is Sarah Jones and I have taught at Oakwood Primary since 2019. Email sarah.jones@example.com \
      or call 07700 900123 (or 0161 496 0000). NHS 943 476 5919, NI AB 12 34 56 C, postcode SW1A 1AA. \
      See https://x.com/sjones_teaches but not https://www.gov.uk/government/organisations/ofsted. \
      Mrs Patel said KS2 SATs in 2023-24 cost £1,500,000 — 12% more. 👨‍👩‍👧‍👦 e\u{301} \r\n
      """
    var text = ""
    while text.utf8.count < 100_000 { text += paragraph }
    let repeats = text.components(separatedBy: "My name is").count - 1
    let clock = ContinuousClock()
    let elapsed = clock.measure { _ = Self.redactor.redact(text) }
    print("redacting \(text.utf8.count) bytes took \(elapsed)")
    let result = checkInvariants(Self.redactor, text)
    #expect(text.utf8.count >= 100_000)
    #expect(result.counts[.email] == repeats)
    #expect(result.counts[.phone] == 2 * repeats)
    #expect(result.counts[.nhsNumber] == repeats)
    #expect(result.counts[.niNumber] == repeats)
    #expect(result.counts[.postcode] == repeats)
    #expect(result.counts[.url] == repeats)
    #expect(result.counts[.name] == 2 * repeats)
    #expect(!result.text.contains("Sarah") && !result.text.contains("Patel"))
  }

  @Test func randomNoiseKeepsTheInvariants() {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    let pieces = [
      "0", "7", "9", "1", "+", "(", ")", " ", "-", ".", "@", "/", ":", "%", "A", "B", "Q", "s", "W",
      "Mr ", "Mrs ", "my name is ", "called ", "son ", "Sarah", "Jones", "\r\n", "😀", "\u{301}",
      "\u{200D}", "https://", "www.", "x.com/", "~", "example", ".com", "com", "1AA", "SW1A", "AB",
      "12 34 56 C", "943 476 5919", "07700 900123", "é", "’s", "'", ",", "\u{A0}",
    ]
    for _ in 0..<400 {
      var text = ""
      for _ in 0..<Int(next() % 40) { text += pieces[Int(next() % UInt64(pieces.count))] }
      let findings = Self.redactor.findings(in: text)
      var previousEnd = 0
      for finding in findings {
        #expect(finding.scalarRange.lowerBound >= previousEnd && !finding.scalarRange.isEmpty, "\(text.debugDescription)")
        #expect(finding.scalarRange.upperBound <= text.unicodeScalars.count)
        #expect(scalarSlice(text, finding.scalarRange) == finding.original)
        previousEnd = finding.scalarRange.upperBound
      }
      #expect(Self.redactor.redact(text).redactions == findings)
    }
  }
}
