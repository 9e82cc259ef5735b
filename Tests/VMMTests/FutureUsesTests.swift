import Testing

@testable import VMM

@Suite struct FutureUsesTests {
    /// The next use of every page from every position, against a scan of the script: for pages
    /// close together (found by direct index) and far apart (found by binary search).
    @Test(arguments: [8, 100_000])
    func theNextUseIsTheFirstTouchAtOrAfter(spread: Int) {
        var random = SeededGenerator(seed: UInt64(spread))
        let pageSize = 256
        let pages = (0..<40).map { _ in 3 + random.index(below: spread) }
        let script: [Operation] = (0..<400).map { _ in
            let address = pages[random.index(below: pages.count)] * pageSize + random.index(below: pageSize)
            return switch random.index(below: 3) {
            case 0: .write(address: address, value: 1)
            case 1: .read(address: address)
            default: .sync(file: 0)
            }
        }
        let future = FutureUses(script, pageSize: pageSize)
        #expect(future.pageCount == Set(script.compactMap { $0.accessedAddress.map { $0 / pageSize } }).count)
        for page in Set(pages).union([0, 2, spread + 10, -1]) {
            for from in stride(from: 0, through: script.count + 1, by: 7) {
                let scanned = (from..<max(from, script.count)).first { script[$0].accessedAddress.map { $0 / pageSize } == page }
                #expect(future.nextUse(of: page, from: from) == scanned, "page \(page) from \(from)")
            }
        }
    }
}
