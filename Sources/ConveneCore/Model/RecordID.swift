import Foundation

/// Primary keys are lower-case UUID text, so databases kept at separate venues can be merged.
public enum RecordID {
    /// A random (version 4) UUID: for records whose id people read and type (its first 8
    /// characters), which must differ between records made in the same minute.
    public static func make() -> String {
        var bytes = (UInt64(0), UInt64(0))
        withUnsafeMutableBytes(of: &bytes) { RandomBytes.shared.fill($0) }
        return withUnsafeMutableBytes(of: &bytes) { raw in
            raw[6] = (raw[6] & 0x0F) | 0x40  // version 4
            raw[8] = (raw[8] & 0x3F) | 0x80  // RFC 9562 variant
            return text(raw)
        }
    }

    /// A time-ordered (version 7, RFC 9562) UUID: the Unix time in milliseconds, then 74
    /// random bits. For the rows written by the hundred thousand that nobody refers to by id
    /// (marks, registrations): ids made one after another sort next to each other, so each
    /// insert lands on the index page the previous one touched instead of a random page of a
    /// large index. Still a UUID, unique across venues.
    public static func timeOrdered(at date: Date = Date()) -> String {
        let milliseconds = UInt64(max(0, date.timeIntervalSince1970 * 1000))
        var bytes = (UInt64(0), UInt64(0))
        withUnsafeMutableBytes(of: &bytes) { RandomBytes.shared.fill($0) }
        return withUnsafeMutableBytes(of: &bytes) { raw in
            for index in 0..<6 { raw[index] = UInt8(truncatingIfNeeded: milliseconds >> (8 * (5 - index))) }
            raw[6] = (raw[6] & 0x0F) | 0x70  // version 7
            raw[8] = (raw[8] & 0x3F) | 0x80  // RFC 9562 variant
            return text(raw)
        }
    }

    /// The 16 bytes as 8-4-4-4-12 lower-case hex.
    private static func text(_ raw: UnsafeMutableRawBufferPointer) -> String {
        String(unsafeUninitializedCapacity: 36) { text in
            let hex: StaticString = "0123456789abcdef"
            var position = 0
            for index in 0..<16 {
                if index == 4 || index == 6 || index == 8 || index == 10 {
                    text[position] = UInt8(ascii: "-")
                    position += 1
                }
                let byte = raw[index]
                text[position] = hex.utf8Start[Int(byte >> 4)]
                text[position + 1] = hex.utf8Start[Int(byte & 0x0F)]
                position += 2
            }
            return position
        }
    }

    /// The first 8 characters: what users see and type.
    public static func short(_ id: String) -> String { String(id.prefix(8)) }
}

/// Random bytes for ids, drawn from the system 4 KiB at a time. `UUID()` reads /dev/urandom
/// on every call and glibc's `arc4random_buf` makes a `getrandom` system call on every call:
/// one per id, 94,000 for a sign-in sheet's marks. Each byte is handed out once.
final class RandomBytes: @unchecked Sendable {
    static let shared = RandomBytes()
    private static let size = 4096
    private let lock = NSLock()
    private var buffer = [UInt8](repeating: 0, count: RandomBytes.size)
    private var position = RandomBytes.size

    /// Fills `target` (at most 4 KiB) with random bytes.
    func fill(_ target: UnsafeMutableRawBufferPointer) {
        precondition(target.count <= Self.size)
        lock.lock()
        defer { lock.unlock() }
        if position + target.count > Self.size {
            buffer.withUnsafeMutableBytes { arc4random_buf($0.baseAddress!, $0.count) }
            position = 0
        }
        buffer.withUnsafeBytes { bytes in
            target.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[position..<(position + target.count)]))
        }
        position += target.count
    }
}
