import Testing

@testable import Recording

@Suite struct JSONValueTests {
    /// Each kind the replay rules tell apart, as `JSONDecoder` reads it.
    @Test(arguments: [
        ("1", JSONValue.integer(1)),
        ("1.0", .integer(1)),
        ("-3", .integer(-3)),
        ("1.5", .fraction(1.5)),
        ("1e30", .fraction(1e30)),
        ("18446744073709551615", .unsigned(.max)),
        ("true", .boolean(true)),
        ("null", .null),
        (#""1""#, .text("1")),
        ("[1,\"a\"]", .list([.integer(1), .text("a")])),
    ])
    func valuesKeepTheirKind(_ line: String, _ expected: JSONValue) {
        #expect(JSONValue.fields(of: Array(#"{"v":\#(line)}"#.utf8))?["v"] == expected)
    }

    @Test func onlyAnObjectHasFields() {
        #expect(JSONValue.fields(of: Array("[1]".utf8)) == nil)
        #expect(JSONValue.fields(of: Array("{\"a\":".utf8)) == nil)
        #expect(JSONValue.fields(of: Array(#"{"a":{"b":false}}"#.utf8)) == ["a": .object(["b": .boolean(false)])])
    }

    @Test func wholeNumbersAreThoseWithoutAFraction() {
        #expect(ReplayRules.wholeNumber(.integer(7)) == 7)
        #expect(ReplayRules.wholeNumber(.fraction(7.5)) == nil)
        #expect(ReplayRules.wholeNumber(.boolean(true)) == nil)
        #expect(ReplayRules.wholeNumber(.text("7")) == nil)
        #expect(JSONValue.text("x").spelled == "\"x\"")
        #expect(JSONValue.list([]).spelled == "a list")
        #expect(JSONValue.fraction(2.5).spelled == "2.5")
    }

    @Test func aVersionWrittenAsOnePointZeroIsVersionOne() throws {
        let line =
            #"{"format":"lookaside-replay","program":"0.1.0","scenario_path":"x.vmm","scenario_source":"process P\n  alloc 0\n  read 0\n","seed":1,"settings":[],"type":"header","version":1.0}"#
        let replay = try Replay.parse(bytes: Array((line + "\n").utf8), path: "one.lkr")
        #expect(replay.header.version == 1)
    }
}
