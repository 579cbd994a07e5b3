import Foundation
import HSTSCheck
public import HSTSMechanisms
import HSTSPreload
public import Hummingbird
import NIOCore

/// The HTTP endpoints: hstspreload.org's v2 API (`status`, `preloadable`, `removable`) with its paths,
/// parameters and JSON, plus what it lacks (bulk `POST /api/v2/status`, `check`, `healthz`).
///
/// One responder rather than a router: the paths are few and fixed, and it answers 405 (not 404) for a known
/// path with the wrong method, as hstspreload.org does.
public struct PreloadAPI: HTTPResponder {
    /// Hummingbird's basic context: the API keeps no per-request state.
    public typealias Context = BasicRequestContext

    /// Where each request gets its list.
    public let lists: ListProvider
    /// The preloadable and removable answers.
    public let eligibility: EligibilityAnswers
    /// Limits, CORS and logging.
    public let configuration: ServerConfiguration
    /// What `check` tells unique names from non-unique ones by (the HTTPS-Upgrades exclusion).
    public let topLevelDomains: TopLevelDomains
    let accessLog: AccessLog?

    /// The API over `lists`.
    public init(
        lists: ListProvider,
        eligibility: EligibilityAnswers,
        topLevelDomains: TopLevelDomains,
        configuration: ServerConfiguration
    ) {
        self.lists = lists
        self.eligibility = eligibility
        self.topLevelDomains = topLevelDomains
        self.configuration = configuration
        accessLog = configuration.quiet ? nil : AccessLog()
    }

    /// Answers one request: always a response (a JSON error for a refused one), never a thrown error.
    public func respond(to request: Request, context: BasicRequestContext) async throws -> Response {
        let started = ContinuousClock.now
        var response: Response
        do {
            response = try await answer(request)
        } catch let error as APIError {
            response = Self.json(error.json, status: error.status)
            if case .wrongMethod(_, let allowed) = error {
                response.headers[.allow] = allowed.joined(separator: ", ")
            }
        } catch {
            // Only APIError is thrown above; anything else is still an answer, never a dropped connection.
            response = Self.json(APIError.invalidJSON("\(error)").json, status: 400)
        }
        if let origin = configuration.corsOrigin {
            response.headers[.accessControlAllowOrigin] = origin
            response.headers[.vary] = "Origin"
        }
        accessLog?.record(request: request, status: response.status.code, started: started)
        return response
    }

    func answer(_ request: Request) async throws -> Response {
        let path = request.uri.path
        let method = request.method
        if method == .options, configuration.corsOrigin != nil, Self.paths.contains(path) {
            var response = Response(status: .noContent)
            response.headers[.accessControlAllowMethods] = "GET, POST, OPTIONS"
            response.headers[.accessControlAllowHeaders] = "Content-Type"
            return response
        }
        switch path {
        case "/api/v2/status":
            if method == .post { return try await bulkStatus(request) }
            try Self.require(method, [.get, .post])
            return Self.text(try status(QueryString(request.uri.query)), status: 200)
        case "/api/v2/preloadable":
            try Self.require(method, [.get])
            let (domain, _) = try domainParameter(QueryString(request.uri.query))
            return Self.json(try await eligibility.preloadable(domain, list: lists.list), status: 200)
        case "/api/v2/removable":
            try Self.require(method, [.get])
            let (domain, host) = try domainParameter(QueryString(request.uri.query))
            return Self.json(try await eligibility.removable(domain, host: host, list: lists.list), status: 200)
        case "/api/v2/check":
            try Self.require(method, [.get])
            return try check(QueryString(request.uri.query))
        case "/healthz":
            try Self.require(method, [.get, .head])
            return Self.json(health(), status: 200)
        default:
            throw APIError.unknownPath(String(path.prefix(200)))
        }
    }

    static let paths: Set<String> = [
        "/api/v2/status", "/api/v2/preloadable", "/api/v2/removable", "/api/v2/check", "/healthz",
    ]

    static func require(_ method: HTTPRequest.Method, _ allowed: [HTTPRequest.Method]) throws(APIError) {
        guard allowed.contains(method) else {
            throw .wrongMethod(String(method.rawValue.prefix(32)), allowed: allowed.map(\.rawValue))
        }
    }

    /// The `domain` parameter as given and as a host name.
    func domainParameter(_ query: QueryString) throws(APIError) -> (String, HostName) {
        guard let domain = try query.value(of: "domain"), !domain.isEmpty else {
            throw .missingParameter("domain")
        }
        return (domain, try hostName(domain))
    }

    func hostName(_ domain: String) throws(APIError) -> HostName {
        guard domain.utf8.count <= configuration.maximumDomainBytes else {
            throw .invalidDomain(
                input: domain,
                reason: "\(domain.utf8.count) bytes; a domain name has at most 253"
            )
        }
        do {
            return try HostName(domain)
        } catch {
            throw .invalidDomain(input: domain, reason: error.description)
        }
    }

    func status(_ query: QueryString) throws(APIError) -> String {
        let (_, host) = try domainParameter(query)
        let served = lists.list
        return DomainStatus(of: host, in: served).indentedJSON(list: served)
    }

    /// `POST /api/v2/status` with a JSON array of names: one status object each, in the same order; a name that
    /// is not a domain gets `{"name":…,"error":{"code","message"}}` in its place.
    func bulkStatus(_ request: Request) async throws -> Response {
        let limit = configuration.maximumBodyBytes
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limit {
            throw APIError.bodyTooLarge(limit: limit)
        }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: limit)
        } catch {
            throw APIError.bodyTooLarge(limit: limit)
        }
        let domains: [String]
        do {
            domains = try JSONDecoder().decode([String].self, from: Data(body.readableBytesView))
        } catch {
            throw APIError.invalidJSON(Self.describe(error))
        }
        guard domains.count <= configuration.maximumBulkDomains else {
            throw APIError.tooManyDomains(count: domains.count, limit: configuration.maximumBulkDomains)
        }
        let served = lists.list
        var answers: [JSONOutput] = []
        answers.reserveCapacity(domains.count)
        for domain in domains {
            do throws(APIError) {
                guard !domain.isEmpty else { throw .missingParameter("domain") }
                answers.append(DomainStatus(of: try hostName(domain), in: served).json(list: served))
            } catch {
                answers.append(
                    .object([
                        ("name", .string(String(domain.prefix(configuration.maximumDomainBytes)))),
                        (
                            "error",
                            .object([("code", .string(error.code)), ("message", .string(error.description))])
                        ),
                    ])
                )
            }
        }
        return Self.json(.array(answers), status: 200)
    }

    /// `GET /api/v2/check?target=T[&browser=B][&semantics=S][&as_of=YYYY-MM-DD]`: the line `hstsq check --json`
    /// prints for T with the same options (400 with the same object when T is not a valid target, as `check` exits 3).
    func check(_ query: QueryString) throws(APIError) -> Response {
        guard let target = try query.value(of: "target"), !target.isEmpty else { throw .missingParameter("target") }
        guard target.utf8.count <= 8192 else {
            throw .invalidDomain(input: target, reason: "\(target.utf8.count) bytes; targets are at most 8192")
        }
        var browser = Browser.chromium
        if let name = try query.value(of: "browser") {
            guard let named = Browser(rawValue: name) else {
                throw .invalidParameter(name: "browser", value: name, reason: "expected chromium, firefox or safari")
            }
            browser = named
        }
        var semantics: MatchingSemantics = browser == .firefox ? .anyAncestor : .chromium
        if let name = try query.value(of: "semantics") {
            guard let named = MatchingSemantics(rawValue: name) else {
                throw .invalidParameter(name: "semantics", value: name, reason: "expected chromium or any-ancestor")
            }
            semantics = named
        }
        var asOf = Int64(Date().timeIntervalSince1970)
        if let text = try query.value(of: "as_of") {
            guard let day = CalendarDay.parse(text) else {
                throw .invalidParameter(name: "as_of", value: text, reason: "expected a day as YYYY-MM-DD")
            }
            asOf = day
        }
        let context = CheckContext(
            answering: lists.list.answering,
            browser: browser,
            semantics: semantics,
            asOf: asOf,
            topLevelDomains: topLevelDomains
        )
        let parsed: LookupTarget
        do {
            parsed = try LookupTarget(parsing: target)
        } catch {
            return Self.text(CheckAnswer.invalidJSON(input: target, reason: error.description) + "\n", status: 400)
        }
        return Self.text(
            CheckAnswer(input: target, target: parsed, context: context).json(explain: false) + "\n",
            status: 200
        )
    }

    func health() -> JSONOutput {
        let served = lists.list
        return .object([
            ("status", .string("ok")),
            ("listVersion", .optional(served.version)),
            ("listSHA256", .string(served.sourceSHA256)),
            ("entries", .int(served.list.entryCount)),
        ])
    }

    static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            context.debugDescription
        case DecodingError.dataCorrupted(let context):
            context.debugDescription
        default:
            "not JSON"
        }
    }

    static func json(_ value: JSONOutput, status: Int) -> Response {
        text(value.indented, status: status)
    }

    static func text(_ body: String, status: Int) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(
            status: HTTPResponse.Status(code: status),
            headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(string: body))
        )
    }
}
