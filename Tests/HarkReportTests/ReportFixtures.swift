import Foundation

@testable import HarkReport

/// Report fixtures shared by the renderer tests (HTML, Markdown, JSON, CSV).
///
/// `sample()` is a realistic, deterministic summary of a Big Listen–style consultation: seven themes
/// with quotes, distinctive terms and co-occurrences; two alert types; a `respondent_type` breakdown
/// (parent, teacher, headteacher, governor) whose statistics are computed from a count table, so the
/// flags are the ones the real builder would set; two campaign clusters; redaction counts; notes.
/// The text contains no URLs and nothing that needs escaping beyond `&` and curly quotes.
enum ReportFixtures {
  typealias R = SummaryReport

  /// Non-empty analysed records in the sample.
  static let nonEmpty = 2363

  /// Segment values and their record counts (they add up to `nonEmpty`).
  static let respondentTypes: [(value: String, records: Int)] = [
    ("parent", 1180), ("teacher", 720), ("headteacher", 310), ("governor", 153),
  ]

  /// Theme id, label, description and its count in each respondent type (same order as above).
  static let themeTable: [(id: String, label: String, description: String, counts: [Int])] = [
    (
      "grading", "Single-word grades",
      "Views on summarising a school’s inspection in one overall word (outstanding, good, requires improvement, inadequate).",
      [450, 290, 130, 60]
    ),
    (
      "workload_wellbeing", "Workload and wellbeing",
      "Stress, workload and the effect of inspection on the mental health of staff and leaders.", [180, 330, 170, 40]
    ),
    (
      "inspector_conduct", "Inspector conduct",
      "How inspectors behaved during the visit: courtesy, listening, fairness and professionalism.", [200, 140, 70, 25]
    ),
    (
      "notice_period", "Notice and timing",
      "How much notice schools get and when in the year inspections happen.", [110, 70, 45, 20]
    ),
    (
      "send_inclusion", "SEND and inclusion",
      "Special educational needs and disabilities, inclusion and how inspection judges provision for them.",
      [210, 80, 30, 15]
    ),
    (
      "parent_voice", "Parents’ voice",
      "Whether inspectors listen to parents and how reports are written for families.", [240, 20, 10, 12]
    ),
    (
      "consistency", "Consistency between inspectors",
      "Whether different inspection teams reach the same judgement on similar schools.", [110, 75, 40, 15]
    ),
  ]

  static func sample() -> SummaryReport {
    let themeTotals = themeTable.map { $0.counts.reduce(0, +) }
    let unclassified = R.Proportion(count: 212, total: nonEmpty)

    let themes = themeTable.enumerated().map { index, row in
      theme(index: index, id: row.id, label: row.label, description: row.description, count: themeTotals[index])
    }

    return SummaryReport(
      title: "Ofsted Big Listen — responses to the public consultation",
      dictionaries: ["big-listen"],
      totals: R.Totals(records: 2410, analysed: 2400, empty: 37, errors: 10, unclassified: unclassified),
      sentiment: sentiment(negative: 1020, positive: 610, neutral: 540, mixed: 193, mean: -0.18),
      alerts: [
        R.AlertSummary(
          id: "safeguarding", label: "Possible safeguarding concern", count: 3, ids: ["R0412", "R1877", "R2210"],
          idsTruncated: false),
        R.AlertSummary(
          id: "self_harm", label: "Possible risk of self-harm", count: 2, ids: ["R0088", "R1530"], idsTruncated: false),
      ],
      themes: themes,
      unclassified: R.UnclassifiedSummary(
        share: unclassified,
        topWords: [
          term("ofsted", 61), term("children", 44), term("school", 40), term("survey", 23), term("questions", 19),
          term("thank", 15),
        ],
        topPhrases: [
          term("this survey", 14), term("thank you", 12), term("my child", 11), term("too long", 7),
        ]),
      segments: [respondentTypeBreakdown(themeTotals: themeTotals)],
      campaigns: R.CampaignSummary(
        exactDuplicateGroups: 4, exactDuplicateRecords: 11,
        clusters: [
          R.CampaignCluster(
            id: "C1", size: 41, templateID: "R0733",
            template:
              "Single-word judgements are unfair to schools & the communities they serve. Please replace them with a report card that parents can actually understand.",
            members: [
              R.CampaignMember(id: "R0733", added: ""),
              R.CampaignMember(id: "R0741", added: "as a parent of two"),
              R.CampaignMember(id: "R0802", added: "our school was marked down … staff were in tears"),
              R.CampaignMember(id: "R0915", added: "[NAME] has said this for years"),
              R.CampaignMember(id: "R1044", added: "urgently"),
            ],
            themes: ["grading", "parent_voice"]),
          R.CampaignCluster(
            id: "C2", size: 18, templateID: "R1602",
            template:
              "Inspections must take account of teacher workload. The current framework drives good people out of the profession.",
            members: [
              R.CampaignMember(id: "R1602", added: ""),
              R.CampaignMember(id: "R1618", added: "after 22 years in teaching"),
              R.CampaignMember(id: "R1655", added: "contact me on [EMAIL]"),
            ],
            themes: ["workload_wellbeing"]),
        ],
        clustersFound: 2, recordsInClusters: 59, exact: true),
      redaction: R.RedactionSummary(enabled: true, counts: ["email": 14, "name": 31, "phone": 6, "postcode": 3]),
      notes: [
        "Quotes are capped at 3 per theme; campaign members at 5 per cluster.",
        "10 records could not be read (invalid UTF-8 or too long) and are not in any figure.",
        "Sentiment is scored by rules; sarcasm and irony are often missed.",
      ]
    )
  }

  // MARK: - Pieces

  static func term(_ term: String, _ documents: Int) -> R.TermCount { R.TermCount(term: term, documents: documents) }

  /// A mean estimate with a plausible spread (standard deviation 0.45).
  static func mean(_ value: Double, n: Int, sd: Double = 0.45) -> R.MeanEstimate {
    guard n > 1 else { return R.MeanEstimate(n: n, mean: value, low: value, high: value) }
    let half = Statistics.z95 * sd / Double(n).squareRoot()
    return R.MeanEstimate(n: n, mean: value, low: value - half, high: value + half)
  }

  static func sentiment(negative: Int, positive: Int, neutral: Int, mixed: Int, mean value: Double) -> R.SentimentSummary {
    R.SentimentSummary(
      positive: positive, negative: negative, neutral: neutral, mixed: mixed,
      compound: mean(value, n: positive + negative + neutral + mixed))
  }

  /// Sentiment split of `count` records with the given negative, positive and mixed fractions.
  static func split(_ count: Int, negative: Double, positive: Double, mixed: Double, mean value: Double)
    -> R.SentimentSummary
  {
    let neg = Int((Double(count) * negative).rounded())
    let pos = Int((Double(count) * positive).rounded())
    let mix = Int((Double(count) * mixed).rounded())
    return sentiment(negative: neg, positive: pos, neutral: count - neg - pos - mix, mixed: mix, mean: value)
  }

  static func theme(index: Int, id: String, label: String, description: String, count: Int) -> R.ThemeSummary {
    let details = themeDetails[index]
    let themeTotals = themeTable.map { $0.counts.reduce(0, +) }
    let cooccurring = details.cooccurring.map { other, both -> R.Cooccurrence in
      let otherCount = themeTotals[themeTable.firstIndex { $0.id == other }!]
      let lift = Double(both) * Double(nonEmpty) / (Double(count) * Double(otherCount))
      return R.Cooccurrence(id: other, count: both, shareOfTheme: Double(both) / Double(count), lift: lift)
    }
    return R.ThemeSummary(
      id: id, label: label, description: description,
      share: R.Proportion(count: count, total: nonEmpty),
      countCampaignsOnce: count - details.campaignExtra,
      sentiment: split(
        count, negative: details.negative, positive: details.positive, mixed: 0.09, mean: details.mean),
      themeSentiment: mean(details.themeMean, n: count, sd: 0.5),
      cooccurring: cooccurring,
      distinctiveTerms: details.terms.map { term, z, themeDocs, otherDocs in
        R.DistinctiveTerm(term: term, z: z, logOddsRatio: z / 5.3, themeDocuments: themeDocs, otherDocuments: otherDocs)
      },
      quotes: details.quotes.map { id, text, compound in
        R.Quote(
          id: id, text: text, compound: compound,
          label: compound >= 0.05 ? "positive" : (compound <= -0.05 ? "negative" : "neutral"))
      }
    )
  }

  struct ThemeDetails {
    var negative: Double
    var positive: Double
    var mean: Double
    var themeMean: Double
    /// Members beyond the first of each campaign that carry the theme.
    var campaignExtra: Int
    var cooccurring: [(String, Int)]
    var terms: [(String, Double, Int, Int)]
    var quotes: [(String, String, Double)]
  }

  /// Per-theme details, in `themeTable` order.
  static let themeDetails: [ThemeDetails] = [
    ThemeDetails(
      negative: 0.52, positive: 0.21, mean: -0.24, themeMean: -0.33, campaignExtra: 40,
      cooccurring: [("parent_voice", 131), ("consistency", 118), ("workload_wellbeing", 204)],
      terms: [
        ("single word", 14.2, 288, 31), ("outstanding", 11.8, 301, 64), ("requires improvement", 9.6, 142, 18),
        ("judgement", 7.9, 205, 77), ("report card", 6.1, 96, 22),
      ],
      quotes: [
        (
          "R0150",
          "One word cannot sum up everything a school does. “Requires improvement” followed us around for four years.",
          -0.42
        ),
        ("R0623", "Parents rely on the grade & I don’t think we should lose that simplicity.", 0.31),
        ("R1911", "Scrap the single-word grades. Describe strengths and weaknesses instead.", -0.05),
      ]),
    ThemeDetails(
      negative: 0.71, positive: 0.08, mean: -0.52, themeMean: -0.61, campaignExtra: 17,
      cooccurring: [("grading", 204), ("inspector_conduct", 122), ("notice_period", 88)],
      terms: [
        ("stress", 15.5, 260, 40), ("workload", 13.0, 221, 35), ("mental health", 10.4, 140, 19), ("sleep", 6.6, 58, 5),
        ("leave the profession", 6.0, 49, 4),
      ],
      quotes: [
        ("R0044", "The week before the call, nobody on my staff slept properly.", -0.58),
        ("R1207", "I left teaching after our last inspection. I loved the job.", -0.36),
        ("R2291", "Our team looked after each other, but the pressure was enormous.", -0.12),
      ]),
    ThemeDetails(
      negative: 0.44, positive: 0.37, mean: -0.06, themeMean: -0.09, campaignExtra: 0,
      cooccurring: [("workload_wellbeing", 122), ("consistency", 71)],
      terms: [
        ("lead inspector", 12.1, 130, 12), ("rude", 7.4, 46, 6), ("listened", 6.8, 71, 25), ("professional", 5.9, 80, 40),
      ],
      quotes: [
        ("R0391", "The lead inspector listened carefully and was kind to my newly qualified teachers.", 0.64),
        ("R1480", "She had made up her mind before she walked in.", -0.27),
      ]),
    ThemeDetails(
      negative: 0.49, positive: 0.15, mean: -0.28, themeMean: -0.31, campaignExtra: 0,
      cooccurring: [("workload_wellbeing", 88), ("inspector_conduct", 33)],
      terms: [("notice", 13.7, 140, 9), ("phone call", 8.8, 66, 7), ("half term", 6.2, 35, 4)],
      quotes: [
        ("R0219", "A call at lunchtime on a Monday, inspectors in on Tuesday, during the week of our Christmas play.", -0.21)
      ]),
    ThemeDetails(
      negative: 0.55, positive: 0.17, mean: -0.30, themeMean: -0.37, campaignExtra: 0,
      cooccurring: [("parent_voice", 97), ("grading", 92)],
      terms: [("send", 16.3, 201, 12), ("ehcp", 11.2, 96, 3), ("inclusion", 9.0, 110, 21), ("off-rolling", 5.2, 24, 2)],
      quotes: [
        ("R0567", "My son has an EHCP and the inspectors never asked how his needs were being met.", -0.31),
        ("R1309", "Inclusive schools are punished for results they cannot control.", -0.44),
        ("R2054", "The new focus on inclusion is welcome.", 0.46),
      ]),
    ThemeDetails(
      negative: 0.38, positive: 0.30, mean: -0.05, themeMean: -0.02, campaignExtra: 40,
      cooccurring: [("grading", 131), ("send_inclusion", 97)],
      terms: [("parents", 14.9, 212, 91), ("parent view", 8.1, 41, 3), ("my child", 7.7, 90, 30)],
      quotes: [
        ("R0802", "As a parent I want a report I can read in five minutes.", 0.12),
        ("R1733", "Nobody asked the parents what we thought of the school.", -0.19),
      ]),
    ThemeDetails(
      negative: 0.58, positive: 0.10, mean: -0.33, themeMean: -0.40, campaignExtra: 0,
      cooccurring: [("grading", 118), ("inspector_conduct", 71)],
      terms: [("inconsistent", 12.5, 98, 8), ("lottery", 9.3, 52, 2), ("depends on", 7.0, 61, 30)],
      quotes: [
        ("R0305", "It is a lottery: two similar schools a mile apart got completely different grades.", -0.35),
        ("R2333", "Some teams were excellent, others were not.", 0.02),
      ]),
  ]

  /// The `respondent_type` breakdown, with z-tests and Bonferroni adjustment computed from the counts.
  static func respondentTypeBreakdown(themeTotals: [Int]) -> R.SegmentBreakdown {
    let tests = Double(respondentTypes.count * themeTable.count)
    let segmentSentiments = [
      split(1180, negative: 0.38, positive: 0.31, mixed: 0.08, mean: -0.06),
      split(720, negative: 0.54, positive: 0.20, mixed: 0.09, mean: -0.29),
      split(310, negative: 0.55, positive: 0.19, mixed: 0.09, mean: -0.31),
      split(153, negative: 0.36, positive: 0.33, mixed: 0.08, mean: -0.02),
    ]
    let values = respondentTypes.enumerated().map { s, segment -> R.SegmentValue in
      let rest = nonEmpty - segment.records
      let themes = themeTable.enumerated().map { t, theme -> R.SegmentTheme in
        let inSegment = theme.counts[s]
        let outside = themeTotals[t] - inSegment
        let z = Statistics.twoProportionZ(inSegment, segment.records, outside, rest)
        let adjusted = min(1, Statistics.twoSidedP(z) * tests)
        return R.SegmentTheme(
          id: theme.id, share: R.Proportion(count: inSegment, total: segment.records),
          restShare: Double(outside) / Double(rest), z: z, adjustedP: adjusted, flagged: adjusted < 0.05)
      }
      return R.SegmentValue(
        value: segment.value, share: R.Proportion(count: segment.records, total: nonEmpty),
        sentiment: segmentSentiments[s], themes: themes)
    }
    return R.SegmentBreakdown(column: "respondent_type", values: values, truncated: false)
  }

  /// A report with nothing in it: no records, themes defined but never assigned, no segments or campaigns.
  static func empty() -> SummaryReport {
    let none = R.Proportion(count: 0, total: 0)
    let zeroMean = R.MeanEstimate(n: 0, mean: 0, low: 0, high: 0)
    let noSentiment = R.SentimentSummary(positive: 0, negative: 0, neutral: 0, mixed: 0, compound: zeroMean)
    return SummaryReport(
      title: "Empty run", dictionaries: ["big-listen"],
      totals: R.Totals(records: 0, analysed: 0, empty: 0, errors: 0, unclassified: none),
      sentiment: noSentiment, alerts: [],
      themes: themeTable.prefix(2).map { row in
        R.ThemeSummary(
          id: row.id, label: row.label, description: row.description, share: none, countCampaignsOnce: 0,
          sentiment: noSentiment, themeSentiment: zeroMean, cooccurring: [], distinctiveTerms: [], quotes: [])
      },
      unclassified: R.UnclassifiedSummary(share: none, topWords: [], topPhrases: []),
      segments: [],
      campaigns: R.CampaignSummary(
        exactDuplicateGroups: 0, exactDuplicateRecords: 0, clusters: [], clustersFound: 0, recordsInClusters: 0, exact: true),
      redaction: R.RedactionSummary(enabled: true, counts: [:]),
      notes: []
    )
  }
}
