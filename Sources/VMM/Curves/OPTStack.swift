/// OPT's stack (Mattson et al. 1970, the priority form): the pages ordered so that the first C are
/// exactly what OPT keeps in C frames, for every C up to `depth` at once.
///
/// A page's priority is its next use (sooner is higher), ties to the more recently used: the
/// simulator's rule, and one that does not depend on the memory size, which is what makes OPT a
/// stack algorithm. On a reference the page goes to the top, and the pages above its old place
/// shift down one by one, each position keeping the higher-priority of the page there and the one
/// carried down from above (the one carried is what the memory of that size evicts). Positions
/// below `depth` never move above it, so they are not kept. A reference costs O(its distance).
struct OPTStack {
    let depth: Int
    private var page: [Int32] = []
    private var nextUse: [Int] = []
    private var lastUse: [Int] = []
    private var tick = 0

    init(depth: Int) {
        self.depth = depth
        page.reserveCapacity(depth)
        nextUse.reserveCapacity(depth)
        lastUse.reserveCapacity(depth)
    }

    /// The stack distance of a reference to page number `number` whose next use is `next`, or
    /// `depth + 1` when the page is not within the stack (its first use, or deeper than `depth`).
    @inline(__always) mutating func reference(_ number: Int, nextUse next: Int) -> Int {
        tick += 1
        let target = Int32(truncatingIfNeeded: number)
        let count = page.count
        var found = count
        page.withUnsafeBufferPointer { page in
            for index in 0..<count where page[index] == target {
                found = index
                break
            }
        }
        if count > 0 && found > 0 {
            // Carry the top down to the page's old place (or off the bottom).
            var carried = (page[0], nextUse[0], lastUse[0])
            let end = min(found, count)
            page.withUnsafeMutableBufferPointer { page in
                nextUse.withUnsafeMutableBufferPointer { nextUse in
                    lastUse.withUnsafeMutableBufferPointer { lastUse in
                        for index in 1..<max(1, end) {
                            let here = (page[index], nextUse[index], lastUse[index])
                            // The higher priority stays: the sooner next use, then the more recent use.
                            let carriedStays = carried.1 < here.1 || (carried.1 == here.1 && carried.2 > here.2)
                            if carriedStays {
                                (page[index], nextUse[index], lastUse[index]) = carried
                                carried = here
                            }
                        }
                    }
                }
            }
            if found < count {
                (page[found], nextUse[found], lastUse[found]) = carried
            } else if count < depth {
                page.append(carried.0)
                nextUse.append(carried.1)
                lastUse.append(carried.2)
            }
        } else if count == 0 {
            page.append(target)
            nextUse.append(0)
            lastUse.append(0)
        }
        (page[0], nextUse[0], lastUse[0]) = (target, next, tick)
        return found < count ? found + 1 : depth + 1
    }

    /// Each page's position in the stack now (1: the top), by page number, for `pages` numbers;
    /// `depth + 1` for a page below the stack.
    func positions(pages: Int) -> [Int] {
        var position = [Int](repeating: depth + 1, count: pages)
        for (index, number) in page.enumerated() { position[Int(number)] = index + 1 }
        return position
    }
}
