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

  /// The emoticons that start with each byte value, longest first.
  static let byFirstByte: [[[UInt8]]] = {
    var table = [[[UInt8]]](repeating: [], count: 256)
    for emoticon in all { table[Int(emoticon[0])].append(emoticon) }
    return table
  }()
}
