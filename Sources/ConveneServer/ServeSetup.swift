import ConveneCore
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The facilitator code kept beside the database (`convene.sqlite.serve.json`, readable by
/// its owner only), so restarting `convene serve` keeps the code facilitators were given
/// until it expires or is rotated.
public enum FacilitatorCodeFile {
    struct Stored: Codable {
        var eventId: String
        var code: FacilitatorCode
    }

    /// `convene.sqlite.serve.json` for `convene.sqlite`.
    public static func path(forDatabase path: String) -> String { path + ".serve.json" }

    /// The stored code for the event while it is valid, else a new one valid for `lifetime`
    /// (always a new one when `rotate`). `isNew` says which.
    public static func code(
        at path: String, eventId: String, rotate: Bool, now: Date, lifetime: TimeInterval
    ) throws(ConveneError) -> (code: FacilitatorCode, isNew: Bool) {
        if !rotate, let data = FileManager.default.contents(atPath: path),
            let stored = try? JSONDecoder.iso.decode(Stored.self, from: data),
            stored.eventId == eventId, stored.code.expiresAt > now, stored.code.digits.count == 8
        {
            return (stored.code, false)
        }
        let code = FacilitatorCode.random(expiresAt: now.addingTimeInterval(lifetime))
        do {
            let data = try JSONEncoder.iso.encode(Stored(eventId: eventId, code: code))
            let temporary = path + ".tmp-\(UUID().uuidString.prefix(8))"
            guard
                FileManager.default.createFile(
                    atPath: temporary, contents: data, attributes: [.posixPermissions: 0o600])
            else { throw CocoaError(.fileWriteUnknown) }
            if rename(temporary, path) != 0 {
                try? FileManager.default.removeItem(atPath: temporary)
                throw CocoaError(.fileWriteUnknown)
            }
        } catch {
            throw ConveneError.cannotCreateOutput(path: path, reason: "the facilitator code could not be saved.")
        }
        return (code, true)
    }
}

extension JSONEncoder {
    fileprivate static var iso: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return encoder
    }
}

extension JSONDecoder {
    fileprivate static var iso: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}

/// This machine's addresses on local networks, for choosing where to listen and what to print.
public enum NetworkInterfaces {
    /// IPv4 addresses of interfaces that are up, not loopback, and private (the venue Wi-Fi,
    /// a hotspot), in interface order.
    public static func privateIPv4() -> [String] {
        var result: [String] = []
        var first: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&first) == 0 else { return [] }
        defer { freeifaddrs(first) }
        var cursor = first
        while let entry = cursor {
            defer { cursor = entry.pointee.ifa_next }
            let flags = Int32(entry.pointee.ifa_flags)
            guard let address = entry.pointee.ifa_addr, address.pointee.sa_family == sa_family_t(AF_INET),
                flags & Int32(IFF_UP) != 0, flags & Int32(IFF_LOOPBACK) == 0
            else { continue }
            var host = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            guard
                getnameinfo(
                    address, socklen_t(MemoryLayout<sockaddr_in>.size), &host, socklen_t(host.count), nil, 0,
                    NI_NUMERICHOST) == 0
            else { continue }
            let text = String(decoding: host.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if NetworkAddress.isLocal(text), !text.hasPrefix("127."), !result.contains(text) { result.append(text) }
        }
        return result
    }

    /// Where to listen when no `--host` is given: the first private address, else this machine only.
    public static func defaultHost() -> String { privateIPv4().first ?? "127.0.0.1" }

    /// Whether clients on other machines of a private network, and no others, can reach `host`.
    public static func isLocalOnly(_ host: String) -> Bool {
        host == "0.0.0.0" || host == "::" || host == "localhost" || NetworkAddress.isLocal(host)
    }
}
