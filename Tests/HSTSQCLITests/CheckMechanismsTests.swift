import Foundation
import Testing

/// `check`'s `list` and `mechanisms` fields, the freshness warning and the DevTools view.
@Suite struct CheckMechanismsTests {
    static func json(_ line: String) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
        return try #require(object as? [String: Any])
    }

    /// Each mechanism's `upgrade` as `"true"`, `"false"` or `"null"`.
    static func mechanisms(_ object: [String: Any]) throws -> [String: String] {
        let all = try #require(object["mechanisms"] as? [String: Any])
        var answers: [String: String] = [:]
        for (key, value) in all {
            let fields = try #require(value as? [String: Any])
            let upgrade = fields["upgrade"]
            answers[key] = upgrade is NSNull ? "null" : ((upgrade as? Bool) == true ? "true" : "false")
        }
        return answers
    }

    /// The first line of standard output as a JSON object.
    static func first(_ result: HSTSQProcess.Result) throws -> [String: Any] {
        let line = try #require(result.stdoutLines.first)
        return try json(line)
    }

    /// The `list` object of the first line.
    static func list(_ result: HSTSQProcess.Result) throws -> [String: Any] {
        let object = try first(result)
        return try #require(object["list"] as? [String: Any])
    }

    @Test func everyAnswerNamesItsList() throws {
        let result = try HSTSQProcess.run(["check", "--json", "--as-of", "2026-07-01", "figma.com", "1.2.3.4"])
        #expect(result.stderr.isEmpty)
        for line in result.stdoutLines {
            let object = try Self.json(line)
            let list = try #require(object["list"] as? [String: Any])
            #expect(list["label"] as? String == "bundled")
            #expect(list["date"] as? String == "2026-06-01")
            #expect((list["sha256"] as? String)?.count == 12)
            #expect(list["age_days"] as? Int == 30)
            #expect(list["enforced"] as? Bool == true)
        }
    }

    @Test(arguments: [("2026-08-09", 69, true), ("2026-08-10", 70, false), ("2026-08-11", 71, false)])
    func staleListWarnsOnceOnStandardError(day: String, age: Int, enforced: Bool) throws {
        let result = try HSTSQProcess.run(["check", "--json", "--as-of", day, "figma.com", "example.com"])
        let list = try Self.list(result)
        #expect(list["age_days"] as? Int == age)
        #expect(list["enforced"] as? Bool == enforced)
        let warnings = result.stderr.split(separator: "\n")
        if enforced {
            #expect(warnings.isEmpty)
        } else {
            #expect(warnings.count == 1)
            #expect(
                warnings.first?.hasPrefix("hstsq: warning: the list bundled (2026-06-01) is \(age) days old") == true
            )
            #expect(result.stderr.contains("hstsq update"))
        }
    }

    @Test func browserBuildMovesTheWindow() throws {
        let args = ["check", "--json", "--as-of", "2026-09-08", "figma.com"]
        let late = try HSTSQProcess.run(args + ["--browser-build", "2026-07-01"])
        let list = try Self.list(late)
        #expect(list["age_days"] as? Int == 99)
        #expect(list["browser_build"] as? String == "2026-07-01")
        #expect(list["enforced"] as? Bool == true)
        #expect(late.stderr.isEmpty)
        let early = try HSTSQProcess.run(args + ["--browser-build", "2026-06-30"])
        #expect(early.stderr.contains("a browser built on 2026-06-30 is past Chromium's 70-day limit"))
    }

    @Test func badDatesAreUsageErrors() throws {
        let result = try HSTSQProcess.run(["check", "--as-of", "2026-02-30", "figma.com"])
        #expect(result.status == 3)
        #expect(result.stderr == "hstsq: error: --as-of '2026-02-30': expected a day as YYYY-MM-DD\n")
    }

    @Test func compactMechanismsForEveryTarget() throws {
        let result = try HSTSQProcess.run([
            "check", "--json", "--as-of", "2026-06-02", "figma.com", "intranet", "printer.local", "ws://figma.com/",
            "http://127.0.0.1/", "example.com",
        ])
        let objects = try result.stdoutLines.map(Self.json)
        let answers = try objects.map(Self.mechanisms)
        #expect(answers.map { $0["preload"] } == ["true", "false", "false", "true", "false", "false"])
        #expect(answers.map { $0["https_upgrade"] } == ["true", "false", "false", "false", "false", "true"])
        #expect(answers.allSatisfy { $0.keys.sorted() == ["dns", "dynamic", "https_upgrade", "preload"] })
        #expect(answers.allSatisfy { $0["dynamic"] == "null" && $0["dns"] == "null" })
        // `upgrade` still means the static list.
        #expect(objects.map { ($0["upgrade"] as? Bool) == true ? "true" : "false" } == answers.map { $0["preload"] })
    }

    @Test func streamedAnswersMatchArgumentAnswers() throws {
        let targets = [
            "figma.com", "intranet", "printer.local", "example.com", "a.www.figma.com", "WWW.Figma.com.",
            "http://Sub.Figma.com:8080/x?y", "ws://figma.com/chat", "1.0.0.1", "[::1]", "bücher.de", "localhost",
            "bad..host",
        ]
        for format in [["--json"], [], ["--explain"], ["--json", "--explain"], ["--browser", "firefox"]] {
            let args = ["check"] + format + ["--as-of", "2026-06-02"]
            let direct = try HSTSQProcess.run(args + targets)
            let streamed = try HSTSQProcess.run(args + ["-"], stdin: targets.joined(separator: "\n") + "\n")
            #expect(streamed.stdout == direct.stdout)
            #expect(direct.stdout.contains("https_upgrade"))
        }
    }

    @Test func dynamicUsesAnyAncestorWithIncludeSubdomains() throws {
        let result = try HSTSQProcess.run([
            "check", "--json", "--as-of", "2026-06-02", "--sts", "example.com=max-age=31536000; includeSubDomains",
            "--sts", "www.example.com=max-age=600", "a.www.example.com", "example.org",
        ])
        let answers = try result.stdoutLines.map(Self.json).map(Self.mechanisms)
        #expect(answers.map { $0["dynamic"] } == ["true", "false"])
        #expect(answers.map { $0["preload"] } == ["false", "false"])
    }

    @Test func dynamicFromACapture() throws {
        let har = FileManager.default.temporaryDirectory.appendingPathComponent("hstsq-mech-\(UUID()).har")
        defer { try? FileManager.default.removeItem(at: har) }
        let capture = """
            {"log":{"version":"1.2","entries":[
            {"request":{"method":"GET","url":"https://learned.example/"},
             "response":{"status":200,"headers":[{"name":"Strict-Transport-Security","value":"max-age=600; includeSubDomains"}]}},
            {"request":{"method":"GET","url":"http://plain.example/"},
             "response":{"status":200,"headers":[{"name":"Strict-Transport-Security","value":"max-age=600"}]}}
            ]}}
            """
        try Data(capture.utf8).write(to: har)
        let result = try HSTSQProcess.run([
            "check", "--json", "--as-of", "2026-06-02", "--evidence", har.path, "a.learned.example", "plain.example",
        ])
        let answers = try result.stdoutLines.map(Self.json).map(Self.mechanisms)
        // A header received over plain http is ignored.
        #expect(answers.map { $0["dynamic"] } == ["true", "false"])
    }

    @Test func firefoxKnockoutKeepsAParentsIncludeSubdomains() throws {
        // A learned max-age=0 for figma.com sets aside the preloaded figma.com and www.figma.com entries in Firefox
        // (Chromium keeps them); one for sub.figma.com leaves figma.com's include_subdomains in force above it.
        let result = try HSTSQProcess.run([
            "check", "--json", "--as-of", "2026-06-02", "--browser", "firefox", "--sts",
            "figma.com=max-age=0", "--sts", "sub.figma.org=max-age=0", "a.www.figma.com", "figma.com",
        ])
        let objects = try result.stdoutLines.map(Self.json)
        let answers = try objects.map(Self.mechanisms)
        #expect(answers.map { $0["preload"] } == ["false", "false"])
        let parent = try HSTSQProcess.run([
            "check", "--json", "--as-of", "2026-06-02", "--browser", "firefox", "--sts", "sub.figma.com=max-age=0",
            "a.sub.figma.com",
        ])
        #expect(try Self.mechanisms(try Self.first(parent))["preload"] == "true")
        #expect(result.stderr.contains("Firefox's own list may differ"))
        let chromium = try HSTSQProcess.run([
            "check", "--json", "--as-of", "2026-06-02", "--sts", "figma.com=max-age=0", "figma.com",
        ])
        #expect(try Self.mechanisms(try Self.first(chromium))["preload"] == "true")
    }

    @Test func httpsRecordIsUnknownUnlessGiven() throws {
        let result = try HSTSQProcess.run([
            "check", "--json", "--as-of", "2026-06-02", "--https-rr", "example.com", "example.com", "example.org",
        ])
        let answers = try result.stdoutLines.map(Self.json).map(Self.mechanisms)
        #expect(answers.map { $0["dns"] } == ["true", "null"])
    }

    @Test func explainDescribesEachMechanism() throws {
        let result = try HSTSQProcess.run(["check", "--json", "--explain", "--as-of", "2026-06-02", "figma.com"])
        let object = try Self.first(result)
        let all = try #require(object["mechanisms"] as? [String: Any])
        let preload = try #require(all["preload"] as? [String: Any])
        #expect(preload["devtools_status_line"] as? String == "307 Internal Redirect")
        #expect(preload["non_authoritative_reason"] as? String == "HSTS")
        #expect(preload["http_fallback"] as? Bool == false)
        #expect(preload["certificate_error_click_through"] as? Bool == false)
        #expect((preload["covers"] as? [String])?.contains("POST with body") == true)
        let upgrades = try #require(all["https_upgrade"] as? [String: Any])
        #expect(upgrades["non_authoritative_reason"] as? String == "HttpsUpgrades")
        #expect(upgrades["covers"] as? [String] == ["top-level navigation"])
        #expect(upgrades["http_fallback"] as? Bool == true)
        let text = try HSTSQProcess.run(["check", "--explain", "--as-of", "2026-06-02", "figma.com"])
        #expect(text.stdout.contains("list: bundled (2026-06-01, sha256 "))
        #expect(text.stdout.contains("DevTools: 307 Internal Redirect, Non-Authoritative-Reason: HSTS"))
    }

    @Test func devToolsViewOfAPost() throws {
        let result = try HSTSQProcess.run([
            "check", "--as-of", "2026-06-02", "-X", "POST", "http://figma.com:80/login?next=1",
        ])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Request Method: POST"))
        #expect(result.stdout.contains("Status Code: 307 Internal Redirect"))
        #expect(result.stdout.contains("Location: https://figma.com/login?next=1"))
        #expect(result.stdout.contains("Non-Authoritative-Reason: HSTS"))
        #expect(result.stdout.contains("keeps the method POST and the request body"))
        // Not preloaded: a POST is not tried over https first, a GET navigation is.
        let post = try HSTSQProcess.run([
            "check", "--json", "--as-of", "2026-06-02", "-X", "post", "http://example.com/",
        ])
        let postObject = try Self.first(post)
        let postView = try #require(postObject["devtools"] as? [String: Any])
        #expect(postView["mechanism"] is NSNull)
        let get = try HSTSQProcess.run(["check", "--json", "--as-of", "2026-06-02", "-X", "GET", "http://example.com/"])
        let getObject = try Self.first(get)
        let getView = try #require(getObject["devtools"] as? [String: Any])
        #expect(getView["status_line"] as? String == "307 Temporary Redirect")
        #expect(getView["non_authoritative_reason"] as? String == "HttpsUpgrades")
        #expect(getView["location"] as? String == "https://example.com/")
    }
}
