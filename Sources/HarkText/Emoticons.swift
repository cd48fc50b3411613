/// The ASCII emoticons the tokenizer recognises as single tokens, longest first so that `:-)`
/// wins over `:-`. A trailing `)`, `(` or `D` may repeat (`:)))`, `:DDD`).
enum Emoticons {
  static let list: [String] = [
    ":'-(", ":'-)", ">:-(", "</3", ">:(", ":-)", ":-(", ";-)", ":-D", ":-/", ":-P", ":-p", ":-|", ":-O", ":-o",
    ":-*", ":'(", ":')", "^_^", "^^", "-_-", "o_O", "O_o", "o_o", "T_T", ";_;", "=)", "=(", "=D", "=/", ":)", ":(", ";)",
    ":D", ";D", "D:", ":/", ":\\", ":P", ":p", ":|", ":O", ":o", ":*", ":@", ":S", ":s", ":]", ":[", "<3",
    "xD", "XD", "xP", "XP", ":3", "8-)", "B-)",
  ]

  static let all: [[UInt8]] = list.map { Array($0.utf8) }.sorted { $0.count > $1.count }

  /// Whether any emoticon starts with `b` (a switch, cheaper than the table for every word).
  @inline(__always)
  static func mayStart(_ b: UInt8) -> Bool {
    switch b {
    case 0x3A, 0x3B, 0x3D, 0x3C, 0x3E, 0x5E, 0x2D, 0x6F, 0x4F, 0x54, 0x44, 0x78, 0x58, 0x38, 0x42: true  // : ; = < > ^ - o O T D x X 8 B
    default: false
    }
  }

  /// Whether an emoticon may start with `b` followed by `next` (0 at the end of the text): every
  /// emoticon's second byte is visible (not a space, a control or the end), which rules out
  /// punctuation such as `word: ` or a dash between spaces; those that start with a letter or digit
  /// (`xD`, `o_O`, `D:`, `8-)`) have `_ : D P -` second, which rules out ordinary words such as
  /// "of" or "The" before the table is read.
  @inline(__always)
  static func mayStart(_ b: UInt8, next: UInt8) -> Bool {
    guard next > 0x20 && mayStart(b) else { return false }
    if b == 0x38 || (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A {
      return next == 0x5F || next == 0x3A || next == 0x44 || next == 0x50 || next == 0x2D
    }
    return true
  }

  /// The emoticons that start with each byte value, longest first.
  static let byFirstByte: [[[UInt8]]] = {
    var table = [[[UInt8]]](repeating: [], count: 256)
    for emoticon in all { table[Int(emoticon[0])].append(emoticon) }
    return table
  }()
}
