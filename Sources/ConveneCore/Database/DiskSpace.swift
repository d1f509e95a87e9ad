import Foundation

/// Free space on the volume that holds a file, to word a failed write honestly.
enum DiskSpace {
    /// True when the volume holding `path` has less than 1 MiB available to this user.
    static func isNearlyFull(at path: String) -> Bool {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var stats = statvfs()
        guard statvfs(folder, &stats) == 0 else { return false }
        return UInt64(stats.f_bavail) * UInt64(stats.f_frsize) < 1 << 20
    }
}
