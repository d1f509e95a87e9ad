import Foundation
import Synchronization

/// The code a facilitator types once: eight random digits shown as `4827-1935`, valid until
/// `expiresAt`. A phone exchanges it for a session cookie; the code itself never travels again.
public struct FacilitatorCode: Codable, Hashable, Sendable {
    /// Eight digits, no dash.
    public var digits: String
    public var expiresAt: Date

    public init(digits: String, expiresAt: Date) {
        self.digits = digits
        self.expiresAt = expiresAt
    }

    /// A new code from the system's cryptographic random source.
    public static func random(expiresAt: Date) -> FacilitatorCode {
        var generator = SystemRandomNumberGenerator()
        let number = UInt32.random(in: 0..<100_000_000, using: &generator)
        return FacilitatorCode(digits: String(format: "%08u", number), expiresAt: expiresAt)
    }

    /// `4827-1935`.
    public var display: String { "\(digits.prefix(4))-\(digits.dropFirst(4))" }

    /// Whether typed text is this code: digits only compared (a dash or spaces are fine),
    /// every digit looked at so the time taken says nothing about how much was right.
    func matches(_ typed: String) -> Bool {
        let given = Array(typed.filter(\.isASCII).filter(\.isNumber).utf8)
        let expected = Array(digits.utf8)
        guard given.count == expected.count else { return false }
        var difference: UInt8 = 0
        for (a, b) in zip(given, expected) { difference |= a ^ b }
        return difference == 0
    }
}

/// A facilitator's phone after the code was accepted: the cookie's token, the CSRF token its
/// forms and API calls carry, and a short handle that marks and the access log name.
public struct FacilitatorSession: Hashable, Sendable {
    public var token: String
    public var csrf: String
    /// `web-3f2a9c`: who marked, without a name in the log.
    public var handle: String
    /// The name the facilitator gave at login, kept with their marks; nil when none was given.
    public var name: String?
    public var expiresAt: Date

    /// What an attendance row's `markedBy` says.
    public var markedBy: String { name.map { "\($0) (\(handle))" } ?? handle }

    /// Whether `token` is this session's CSRF token.
    func acceptsCSRF(_ token: String?) -> Bool {
        guard let token else { return false }
        let given = Array(token.utf8)
        let expected = Array(csrf.utf8)
        guard given.count == expected.count else { return false }
        var difference: UInt8 = 0
        for (a, b) in zip(given, expected) { difference |= a ^ b }
        return difference == 0
    }
}

/// Codes, sessions and failed attempts, held in memory by the running server. Time comes
/// from `now`, so tests move the clock instead of waiting.
public final class FacilitatorAccess: Sendable {
    public enum LoginOutcome: Sendable, Equatable {
        case granted(FacilitatorSession)
        case wrongCode
        case expired
        /// Too many wrong codes from this client; try again after the date.
        case tooManyAttempts(retryAfter: Date)
    }

    public struct Limits: Sendable {
        /// Wrong codes a client may type within `window` before it must wait out the window.
        public var failures: Int
        public var window: TimeInterval
        /// Phones signed in at once; the oldest session goes first.
        public var sessions: Int

        public init(failures: Int = 5, window: TimeInterval = 15 * 60, sessions: Int = 500) {
            self.failures = failures
            self.window = window
            self.sessions = sessions
        }
    }

    private struct State {
        var code: FacilitatorCode
        var sessions: [String: FacilitatorSession] = [:]
        var failures: [String: [Date]] = [:]
    }

    private let state: Mutex<State>
    public let limits: Limits
    public let now: @Sendable () -> Date

    public init(code: FacilitatorCode, limits: Limits = Limits(), now: @escaping @Sendable () -> Date = Date.init) {
        self.state = Mutex(State(code: code))
        self.limits = limits
        self.now = now
    }

    public var code: FacilitatorCode { state.withLock { $0.code } }

    /// Checks a typed code from `client` (an address); a right one opens a session until the code expires.
    public func login(code typed: String, name: String?, client: String) -> LoginOutcome {
        let now = now()
        let limits = limits
        return state.withLock { state in
            let recent = state.failures[client, default: []].filter { now.timeIntervalSince($0) < limits.window }
            state.failures[client] = recent.isEmpty ? nil : recent
            if recent.count >= limits.failures {
                return .tooManyAttempts(retryAfter: recent[recent.count - limits.failures] + limits.window)
            }
            guard state.code.matches(typed) else {
                state.failures[client, default: []].append(now)
                return .wrongCode
            }
            guard now < state.code.expiresAt else { return .expired }
            let session = FacilitatorSession(
                token: Self.randomHex(bytes: 32), csrf: Self.randomHex(bytes: 32),
                handle: "web-" + Self.randomHex(bytes: 3), name: name, expiresAt: state.code.expiresAt)
            state.sessions = state.sessions.filter { $0.value.expiresAt > now }
            if state.sessions.count >= limits.sessions,
                let oldest = state.sessions.values.min(by: { $0.expiresAt < $1.expiresAt })
            {
                state.sessions[oldest.token] = nil
            }
            state.sessions[session.token] = session
            return .granted(session)
        }
    }

    /// The session a cookie's token opened, while it lasts.
    public func session(token: String?) -> FacilitatorSession? {
        guard let token else { return nil }
        let now = now()
        return state.withLock { state in
            guard let session = state.sessions[token] else { return nil }
            guard session.expiresAt > now else {
                state.sessions[token] = nil
                return nil
            }
            return session
        }
    }

    public func logout(token: String) {
        _ = state.withLock { $0.sessions.removeValue(forKey: token) }
    }

    static func randomHex(bytes count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }
}
