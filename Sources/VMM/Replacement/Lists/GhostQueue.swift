/// Pages that have left memory, remembered for a while by name only (ARC's B1 and B2, 2Q's
/// A1out, S3-FIFO's ghost queue, Linux's shadow entries): a FIFO of at most `capacity` pages
/// with a hash from page to place, so asking whether a page is there, taking it out, adding one
/// and dropping the oldest are each O(1) (amortized), with no scan of the queue. Each entry can
/// carry a number (Linux's shadow entry keeps the eviction count at which its page left).
struct GhostQueue<Page: Hashable & Sendable>: Hashable, Sendable {
    struct Entry: Hashable, Sendable {
        var sequence: Int
        var page: Page
    }

    /// The most pages it holds; adding one more drops the oldest. 0 keeps none.
    let capacity: Int
    /// Each page's place in the queue and its number.
    private var places: [Page: (sequence: Int, value: Int)] = [:]
    /// Entries oldest first from `start`; one whose page has left or come again later is stale
    /// and skipped (its sequence no longer matches), and stale ones are dropped in bulk.
    private var order: [Entry] = []
    private var start = 0
    private var nextSequence = 0

    init(capacity: Int) { self.capacity = max(capacity, 0) }

    var count: Int { places.count }
    var isEmpty: Bool { places.isEmpty }

    /// Whether `page` is remembered.
    @inline(__always) func contains(_ page: Page) -> Bool { places[page] != nil }

    /// Takes `page` out, giving its number and how many entries were added after it; nil when it is not there.
    @inline(__always) mutating func remove(_ page: Page) -> (value: Int, since: Int)? {
        guard let place = places.removeValue(forKey: page) else { return nil }
        compactIfStale()
        return (place.value, nextSequence - 1 - place.sequence)
    }

    /// Remembers `page` as the newest entry, dropping the oldest when full; gives the page dropped.
    @discardableResult
    mutating func append(_ page: Page, value: Int = 0) -> Page? {
        guard capacity > 0 else { return nil }
        var dropped: Page?
        if places.count >= capacity { dropped = dropOldest() }
        places[page] = (nextSequence, value)
        order.append(Entry(sequence: nextSequence, page: page))
        nextSequence += 1
        return dropped
    }

    /// Forgets the oldest page and gives it; nil when empty.
    @discardableResult
    mutating func dropOldest() -> Page? {
        while start < order.count {
            let entry = order[start]
            start += 1
            if places[entry.page]?.sequence == entry.sequence {
                places[entry.page] = nil
                compactIfStale()
                return entry.page
            }
        }
        return nil
    }

    /// The number kept with `page` (nil: not remembered).
    func value(of page: Page) -> Int? { places[page]?.value }

    /// The pages remembered, oldest first: for the ghost pane.
    var pages: [Page] { order[start...].filter { places[$0.page]?.sequence == $0.sequence }.map(\.page) }

    private mutating func compactIfStale() {
        guard order.count - start > 2 * places.count + 32 else { return }
        let places = self.places
        order = order[start...].filter { places[$0.page]?.sequence == $0.sequence }
        start = 0
    }

    static func == (a: GhostQueue, b: GhostQueue) -> Bool {
        a.capacity == b.capacity && a.pages == b.pages && a.pages.allSatisfy { a.places[$0]?.value == b.places[$0]?.value }
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(capacity)
        hasher.combine(places.count)
    }
}
