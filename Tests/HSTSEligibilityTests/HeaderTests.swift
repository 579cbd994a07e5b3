import Foundation
import HSTSEligibility
import Testing

@Suite struct HeaderTests {
    static func codes(_ value: String, policy: PreloadPolicy = .bulk1Year) -> [String] {
        HeaderRequirements.preloadable(StrictTransportSecurity(parsing: value), policy: policy).codes.map(\.rawValue)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var header: String
        var errors: [String]
        var warnings: [String]
        var testDescription: String { header.isEmpty ? "(empty)" : header }
    }

    @Test(arguments: [
        Case(header: "max-age=31536000; includeSubDomains; preload", errors: [], warnings: []),
        Case(header: "MAX-AGE=31536000; INCLUDESUBDOMAINS; PRELOAD", errors: [], warnings: []),
        Case(header: "  max-age=31536000 ;includeSubDomains;  preload  ", errors: [], warnings: []),
        Case(
            header: "",
            errors: [
                "header.preloadable.include_sub_domains.missing", "header.preloadable.preload.missing",
                "header.preloadable.max_age.missing",
            ],
            warnings: ["header.parse.empty"]
        ),
        Case(
            header: "   ",
            errors: [
                "header.preloadable.include_sub_domains.missing", "header.preloadable.preload.missing",
                "header.preloadable.max_age.missing",
            ],
            warnings: ["header.parse.empty"]
        ),
        Case(
            header: "max-age=31536000; includeSubDomains; preload;",
            errors: [],
            warnings: ["header.parse.empty_directive"]
        ),
        Case(
            header: "max-age=31536000;; includeSubDomains;; preload;",
            errors: [],
            warnings: ["header.parse.empty_directive"]
        ),
        Case(
            header: "max-age=31536000; includeSubDomains; preload; preload; preload",
            errors: [],
            warnings: ["header.parse.repeated.preload"]
        ),
        Case(
            header: "max-age=31536000; includeSubDomains; includeSubDomains; preload",
            errors: [],
            warnings: ["header.parse.repeated.include_sub_domains"]
        ),
        Case(
            header: "max-age=31536000; max-age=10; max-age=20; includeSubDomains; preload",
            errors: [],
            warnings: ["header.parse.repeated.max_age"]
        ),
        Case(
            header: "max-age=31536000; includeSubDomains; preload=1; preloadx",
            errors: ["header.preloadable.preload.missing"],
            warnings: ["header.parse.invalid.preload"]
        ),
        Case(
            header: "max-age=31536000; includeSubDomains=yes; preload",
            errors: ["header.preloadable.include_sub_domains.missing"],
            warnings: ["header.parse.invalid.include_sub_domains"]
        ),
        Case(
            header: "max-age; includeSubDomains; preload; max-age",
            errors: ["header.parse.invalid.max_age.no_value", "header.preloadable.max_age.missing"],
            warnings: []
        ),
        Case(
            header: "max-age=031536000; includeSubDomains; preload",
            errors: [],
            warnings: ["header.parse.max_age.leading_zero"]
        ),
        Case(
            header: "max-age=\"31536000\"; includeSubDomains; preload",
            errors: ["header.parse.max_age.non_digit_characters", "header.preloadable.max_age.missing"],
            warnings: []
        ),
        Case(
            header: "max-age=-1; includeSubDomains; preload",
            errors: ["header.parse.max_age.non_digit_characters", "header.preloadable.max_age.missing"],
            warnings: []
        ),
        Case(
            header: "max-age=99999999999999999999; includeSubDomains; preload",
            errors: ["header.parse.max_age.parse_int_error", "header.preloadable.max_age.missing"],
            warnings: []
        ),
        Case(
            header: "max-age=; includeSubDomains; preload",
            errors: ["header.parse.max_age.parse_int_error", "header.preloadable.max_age.missing"],
            warnings: []
        ),
        Case(
            header: "max-age=31536000; includeSubDomains; preload; report-uri=\"x\"; foo",
            errors: [],
            warnings: ["header.parse.unknown_directive", "header.parse.unknown_directive"]
        ),
        Case(
            header: "max-age=0; includeSubDomains; preload",
            errors: ["header.preloadable.max_age.zero"],
            warnings: []
        ),
        Case(
            header: "max-age=31535999; includeSubDomains; preload",
            errors: ["header.preloadable.max_age.below_1_year"],
            warnings: []
        ),
        Case(
            header: "max-age=315360001; includeSubDomains; preload",
            errors: [],
            warnings: ["header.preloadable.max_age.over_10_years"]
        ),
        Case(header: "max-age=315360000; includeSubDomains; preload", errors: [], warnings: []),
    ])
    func preloadRequirementsGiveHstspreloadOrgCodes(_ c: Case) {
        let issues = HeaderRequirements.preloadable(StrictTransportSecurity(parsing: c.header))
        #expect(issues.errors.map(\.code.rawValue) == c.errors)
        #expect(issues.warnings.map(\.code.rawValue) == c.warnings)
    }

    @Test func eighteenWeekPolicyUsesItsOwnMinimumAndCode() {
        #expect(Self.codes("max-age=10886400; includeSubDomains; preload", policy: .bulk18Weeks).isEmpty)
        #expect(
            Self.codes("max-age=10886399; includeSubDomains; preload", policy: .bulk18Weeks) == [
                "header.preloadable.max_age.below_18_weeks"
            ]
        )
        #expect(
            Self.codes("max-age=10886400; includeSubDomains; preload") == ["header.preloadable.max_age.below_1_year"]
        )
    }

    @Test func removalDropsParseWarningsKeepsParseErrors() {
        let removable = HeaderRequirements.removable(StrictTransportSecurity(parsing: "max-age=0; foo;;"))
        #expect(removable.isEmpty)
        let stillPreloaded = HeaderRequirements.removable(StrictTransportSecurity(parsing: "max-age=31536000; preload"))
        #expect(stillPreloaded.codes.map(\.rawValue) == ["header.removable.contains.preload"])
        let noMaxAge = HeaderRequirements.removable(StrictTransportSecurity(parsing: "max-age=abc"))
        #expect(
            noMaxAge.codes.map(\.rawValue) == [
                "header.parse.max_age.non_digit_characters", "header.removable.missing.max_age",
            ]
        )
    }

    @Test func resultDoesNotDependOnDirectiveCaseOrSpacing() {
        let variants = [
            "max-age=31536000; includeSubDomains; preload; foo",
            "Max-Age=31536000;includesubdomains;PRELOAD;foo",
            " max-age=31536000 ;\tIncludeSubDomains ;  preload ; foo ",
        ]
        let results = variants.map { HeaderRequirements.preloadable(StrictTransportSecurity(parsing: $0)).codes }
        #expect(Set(results.map { $0.map(\.rawValue) }).count == 1)
    }

    struct BrowserCase: Sendable, CustomTestStringConvertible {
        var header: String
        var honored: Bool
        var testDescription: String { header }
    }

    @Test(arguments: [
        BrowserCase(header: "max-age=31536000; includeSubDomains; preload", honored: true),
        BrowserCase(header: "max-age=\"31536000\"; includeSubDomains", honored: true),
        BrowserCase(header: "MAX-AGE=10;INCLUDESUBDOMAINS", honored: true),
        BrowserCase(header: "max-age=31536000; preload; preload", honored: false),
        BrowserCase(header: "max-age=1; max-age=2", honored: false),
        BrowserCase(header: "includeSubDomains; preload", honored: false),
        BrowserCase(header: "max-age=abc", honored: false),
        BrowserCase(header: "max-age=31536000; includeSubDomains=1", honored: false),
        BrowserCase(header: "max-age=31536000; foo=\"a;b\"", honored: true),
        BrowserCase(header: "max-age=31536000; foo=\"unterminated", honored: false),
        BrowserCase(header: "max-age=31536000;;", honored: true),
    ])
    func browsersFollowRFC6797(_ c: BrowserCase) {
        let verdict = BrowserVerdict(evaluating: c.header)
        #expect(verdict.honored == c.honored)
        #expect((verdict.reason == nil) == c.honored)
    }

    @Test func theTwoViewsDifferOnPurpose() {
        // Quoted max-age: browsers accept it, the preload checker does not.
        let quoted = "max-age=\"31536000\"; includeSubDomains; preload"
        #expect(BrowserVerdict(evaluating: quoted).honored)
        #expect(!HeaderRequirements.preloadable(StrictTransportSecurity(parsing: quoted)).errors.isEmpty)
        // A repeated directive: the preload checker warns, browsers ignore the whole header.
        let repeated = "max-age=31536000; includeSubDomains; preload; preload"
        #expect(!BrowserVerdict(evaluating: repeated).honored)
        #expect(HeaderRequirements.preloadable(StrictTransportSecurity(parsing: repeated)).errors.isEmpty)
    }

    @Test func issueCodeConstantsMatchTheDocumentedTableExactly() throws {
        // The documentation itself, not a copy: the test fails if the doc is missing or disagrees with the code.
        let path = Fixtures.repositoryRoot.appendingPathComponent("docs/issue-codes.md").path
        let doc = String(decoding: try Fixtures.read(path), as: UTF8.self)
        var documented: Set<String> = []
        for line in doc.split(separator: "\n") where line.hasPrefix("| ") {
            let cell = line.split(separator: "|").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            // "a.b / c / d" lists siblings of the first code's prefix.
            let parts = cell.split(separator: "/").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let first = parts.first, first.contains(".") else { continue }
            documented.insert(first)
            let prefix = first.split(separator: ".").dropLast().joined(separator: ".")
            for sibling in parts.dropFirst() {
                documented.insert(sibling.contains(".") ? sibling : prefix + "." + sibling)
            }
        }
        let headerCodes = documented.filter { $0.hasPrefix("header.") }
        #expect(Set(IssueCode.allHeaderCodes.map(\.rawValue)) == headerCodes)
        // And the whole table: every documented code is declared, and nothing undocumented is.
        #expect(Set(IssueCode.allCodes.map(\.rawValue)) == documented)
    }
}
