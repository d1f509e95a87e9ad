import ConveneCore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// A refusal worded for a facilitator: JSON `{"error": "…"}` to the API, a page to a browser.
public struct CheckInFailure: HTTPResponseError, Sendable {
    public var status: HTTPResponse.Status
    public var message: String
    /// Seconds before trying again (429, 503).
    public var retryAfter: Int?

    public init(_ status: HTTPResponse.Status, _ message: String, retryAfter: Int? = nil) {
        self.status = status
        self.message = message
        self.retryAfter = retryAfter
    }

    /// The core's error worded for the phone: the core's words, with no flags or commands.
    public init(_ error: ConveneError) {
        self.init(Self.status(for: error), Self.message(for: error))
        if status == .serviceUnavailable { retryAfter = 2 }
    }

    static func status(for error: ConveneError) -> HTTPResponse.Status {
        switch error {
        case .notRegistered: .forbidden
        case .notFound, .unknownOrganisation: .notFound
        case .database: .serviceUnavailable
        default:
            switch error.category {
            case .badData: .unprocessableContent
            case .missing: .notFound
            case .cannotCreateOutput, .ioOrDatabase: .serviceUnavailable
            }
        }
    }

    static func message(for error: ConveneError) -> String {
        switch error {
        case .notRegistered(_, let event):
            "This person is not registered for \(event)."
        case .invalidField(let field, let reason):
            "\(field.prefix(1).uppercased() + field.dropFirst()): \(reason)"
        case .notFound(let kind, let reference, _):
            "No \(kind) matches '\(reference)'."
        case .database:
            "The database is busy; nothing was changed. Try again."
        default:
            error.localizedDescription
        }
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var response: Response
        if request.uri.path.hasPrefix("/api/") {
            let encoder = JSONEncoder()
            encoder.outputFormatting = .withoutEscapingSlashes
            let body = try encoder.encode(["error": message])
            response = Response(
                status: status, headers: [.contentType: "application/json; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: body)))
        } else {
            response = Pages.errorPage(status: status, message: message)
        }
        if let retryAfter { response.headers[.retryAfter] = String(retryAfter) }
        return response
    }
}

// MARK: - Middleware

/// Only this machine and private networks (the venue's Wi-Fi, the laptop's hotspot) are served.
struct LocalNetworkMiddleware: RouterMiddleware {
    func handle(_ request: Request, context: CheckInContext, next: (Request, CheckInContext) async throws -> Response)
        async throws -> Response
    {
        guard context.clientIsLocal else {
            throw CheckInFailure(.forbidden, "Check-in is served to the local network only.")
        }
        return try await next(request, context)
    }
}

/// Nothing cached, nothing framed, no referrer, no script but our own.
struct SecurityHeadersMiddleware: RouterMiddleware {
    static let contentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    func handle(_ request: Request, context: CheckInContext, next: (Request, CheckInContext) async throws -> Response)
        async throws -> Response
    {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        response.headers[.cacheControl] = "no-store"
        response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.init("Referrer-Policy")!] = "no-referrer"
        response.headers[.init("X-Frame-Options")!] = "DENY"
        return response
    }
}

/// Finds the facilitator the session cookie names. Routes that need one call `require`.
struct FacilitatorMiddleware: RouterMiddleware {
    static let cookieName = "convene_session"
    let access: FacilitatorAccess

    func handle(_ request: Request, context: CheckInContext, next: (Request, CheckInContext) async throws -> Response)
        async throws -> Response
    {
        var context = context
        context.facilitator = access.session(token: request.cookies[Self.cookieName]?.value)
        return try await next(request, context)
    }
}

extension CheckInContext {
    /// The signed-in facilitator, or 401: nothing is served without the code.
    func facilitatorOrRefuse() throws -> FacilitatorSession {
        guard let facilitator else {
            throw CheckInFailure(.unauthorized, "Enter the facilitator code first.")
        }
        return facilitator
    }
}

/// Private and loopback addresses: RFC 1918, link-local, carrier-grade NAT (phone hotspots), IPv6 ULA.
enum NetworkAddress {
    static func isLocal(_ address: SocketAddress) -> Bool {
        switch address {
        case .unixDomainSocket: return true
        default: return address.ipAddress.map(isLocal) ?? false
        }
    }

    static func isLocal(_ ip: String) -> Bool {
        let lowered = ip.lowercased()
        if lowered.hasPrefix("::ffff:") { return isLocal(String(lowered.dropFirst(7))) }
        if lowered.contains(":") {
            return lowered == "::1" || lowered.hasPrefix("fe80:") || lowered.hasPrefix("fc") || lowered.hasPrefix("fd")
        }
        let octets = lowered.split(separator: ".").compactMap { Int($0) }
        guard octets.count == 4 else { return false }
        switch (octets[0], octets[1]) {
        case (127, _), (10, _), (192, 168), (169, 254): return true
        case (172, 16...31): return true
        case (100, 64...127): return true
        default: return false
        }
    }
}
