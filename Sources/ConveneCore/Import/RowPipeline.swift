import Foundation

/// One data row read: where it is in the file, what it holds, and the notes made reading it.
struct ReadRow: Sendable {
    /// 1 for the first row after the header.
    let row: Int
    let record: CSVRecord
    let classification: RowReader.Classification
    let flags: [ImportFlag]
    /// How far into the file the reading was, for the progress line.
    let bytesRead: Int
    let totalBytes: Int
}

/// Reads and classifies an export's rows on a thread of its own, a batch at a time, while
/// the caller writes the rows before them: on two cores an import's reading (two fifths of
/// a sign-in sheet's per-row time) runs beside its writing. Rows come out in file order
/// with their notes; a reading error comes out after the rows before it, as it would have
/// reading in line. At most `capacity` batches wait, so memory stays flat.
///
/// Call `finish` once done with it, also on an error: it stops the reading thread and waits
/// for it, so nothing of the file is read after the import has ended.
final class RowPipeline: @unchecked Sendable {
    static let batchSize = 256
    static let capacity = 8

    // Shared with the reading thread, under `condition`.
    private let condition = NSCondition()
    private var batches: [[ReadRow]] = []
    /// The reader has handed over its last batch.
    private var ended = false
    private var failure: ConveneError?
    /// The caller wants no more rows.
    private var stopped = false
    private var reading = true

    // The caller's side only.
    private var current: [ReadRow] = []
    private var position = 0

    /// Starts reading `head` (records already read past the header), then the rest of `stream`.
    init(stream: consuming CSVStream, head: ArraySlice<CSVRecord>, reader: consuming RowReader) {
        // Moved to the reading thread: nothing here touches them again.
        nonisolated(unsafe) var stream = stream
        nonisolated(unsafe) var reader = reader
        let thread = Thread { [self] in
            self.read(&stream, head: head, reader: &reader)
        }
        thread.stackSize = 4 << 20
        thread.start()
    }

    /// The next row, or nil after the last; throws what reading the file threw, in its place.
    func next() throws(ConveneError) -> ReadRow? {
        while true {
            if position < current.count {
                position += 1
                return current[position - 1]
            }
            condition.lock()
            while batches.isEmpty && !ended { condition.wait() }
            guard !batches.isEmpty else {
                let failure = self.failure
                condition.unlock()
                if let failure { throw failure }
                return nil
            }
            current = batches.removeFirst()
            position = 0
            condition.broadcast()
            condition.unlock()
        }
    }

    /// Stops the reading thread and waits until it has ended.
    func finish() {
        condition.lock()
        stopped = true
        condition.broadcast()
        while reading { condition.wait() }
        condition.unlock()
    }

    private func read(_ stream: inout CSVStream, head: ArraySlice<CSVRecord>, reader: inout RowReader) {
        var head = head
        var row = 0
        var done = false
        while !done {
            var batch: [ReadRow] = []
            batch.reserveCapacity(Self.batchSize)
            var failure: ConveneError?
            while batch.count < Self.batchSize {
                let record: CSVRecord?
                if let buffered = head.popFirst() {
                    record = buffered
                } else {
                    do {
                        record = try stream.next()
                    } catch {
                        failure = error
                        done = true
                        break
                    }
                }
                guard let record else {
                    done = true
                    break
                }
                row += 1
                var flags: [ImportFlag] = []
                let classification = reader.classify(record, row: row, flags: &flags)
                batch.append(
                    ReadRow(
                        row: row, record: record, classification: classification, flags: flags,
                        bytesRead: stream.bytesRead, totalBytes: stream.totalBytes))
            }
            condition.lock()
            while batches.count >= Self.capacity && !stopped { condition.wait() }
            if stopped {
                condition.unlock()
                break
            }
            batches.append(batch)
            if let failure { self.failure = failure }
            if done { ended = true }
            condition.broadcast()
            condition.unlock()
        }
        condition.lock()
        ended = true
        reading = false
        condition.broadcast()
        condition.unlock()
    }
}
