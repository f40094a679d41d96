import Foundation
import Testing

@testable import VerityCore

@Suite("Network rules: reserved addresses, trusted proxies")
struct NetworkRulesTests {
    @Test(
        "loopback, private, link-local, unique-local, multicast, documentation and v6 forms that carry them are reserved",
        arguments: [
            "127.0.0.1", "10.1.2.3", "192.168.0.9", "172.20.0.1", "169.254.169.254", "0.0.0.0", "100.64.0.1", "224.0.0.1", "255.255.255.255",
            "198.18.0.1", "192.0.2.10", "240.0.0.1",
            "::1", "::", "fd00::1", "fc00::1", "fe80::1", "febf::1", "fec0::1", "feff::1", "ff02::1", "ff05::2",
            "64:ff9b::808:808", "64:ff9b::a00:1", "64:ff9b:1::1", "2001:db8::1", "100::1", "2001::1",
            "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:7f00:1", "::127.0.0.1", "::10.0.0.1", "::7f00:1",
            "2002:7f00:1::1", "2002:0a00:0001::", "2002:c0a8:0101::1", "[::1]", "fe80::1%eth0",
        ])
    func reserved(_ address: String) throws {
        let parsed = try #require(IPAddress(address), "\(address) parses")
        #expect(parsed.isReserved, "\(address)")
    }

    @Test(
        "public addresses are not reserved",
        arguments: [
            "93.184.216.34", "8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "2606:4700::1111", "2a00:1450:4001:82b::200e",
            "2002:5db8:d822::1", "::ffff:8.8.8.8",
        ])
    func publicAddresses(_ address: String) throws {
        let parsed = try #require(IPAddress(address), "\(address) parses")
        #expect(!parsed.isReserved, "\(address)")
    }

    @Test(
        "addresses that hide what they are do not parse",
        arguments: ["0x7f.0.0.1", "017.0.0.1", "127.1", "2130706433", "1.2.3", "::1::", ":::", "1::2::3", "12345::", "g::1", ""])
    func obfuscated(_ text: String) {
        #expect(IPAddress(text) == nil, "\(text)")
    }

    @Test("CIDR blocks hold what they should, in both families")
    func cidr() throws {
        func address(_ text: String) throws -> IPAddress { try #require(IPAddress(text)) }
        let v4 = try #require(CIDRBlock("10.0.0.0/8"))
        let (inside, outside, mapped) = (try address("10.255.1.2"), try address("11.0.0.1"), try address("::ffff:10.0.0.1"))
        #expect(v4.contains(inside) && !v4.contains(outside) && v4.contains(mapped))
        let v6 = try #require(CIDRBlock("fd00::/8"))
        let (local, link) = (try address("fd12::1"), try address("fe80::1"))
        #expect(v6.contains(local) && !v6.contains(link))
        let single = try #require(CIDRBlock("127.0.0.1"))
        let (one, two) = (try address("127.0.0.1"), try address("127.0.0.2"))
        #expect(single.contains(one) && !single.contains(two))
        #expect(CIDRBlock("10.0.0.0/33") == nil && CIDRBlock("nonsense") == nil && CIDRBlock("::/129") == nil)
    }

    @Test("X-Forwarded-For counts only behind a trusted proxy, read from the right")
    func forwardedFor() throws {
        let proxies = [try #require(CIDRBlock("127.0.0.1")), try #require(CIDRBlock("10.0.0.0/8"))]
        // An untrusted peer's header is ignored: clients cannot choose their address.
        #expect(ClientAddress.resolve(peer: "203.0.113.9", forwardedFor: ["1.2.3.4"], trustedProxies: proxies) == "203.0.113.9")
        #expect(ClientAddress.resolve(peer: "127.0.0.1", forwardedFor: ["1.2.3.4"], trustedProxies: []) == "127.0.0.1")
        // Behind the proxy, the nearest untrusted hop; a forged leftmost entry does not win.
        #expect(
            ClientAddress.resolve(peer: "127.0.0.1", forwardedFor: ["6.6.6.6, 198.51.100.7, 10.1.1.1"], trustedProxies: proxies) == "198.51.100.7")
        #expect(ClientAddress.resolve(peer: "127.0.0.1", forwardedFor: ["198.51.100.7", "10.1.1.1"], trustedProxies: proxies) == "198.51.100.7")
        #expect(ClientAddress.resolve(peer: "127.0.0.1", forwardedFor: [], trustedProxies: proxies) == "127.0.0.1")
        #expect(ClientAddress.resolve(peer: "127.0.0.1", forwardedFor: ["junk"], trustedProxies: proxies) == "127.0.0.1")
    }

    @Test("webhook URLs in the audit trail keep scheme and host only")
    func redaction() {
        #expect(StandardWebhooks.redactedURL("https://hooks.example.com/T000/B000/secret-token?sig=abc") == "https://hooks.example.com")
        #expect(StandardWebhooks.redactedURL("http://127.0.0.1:8080/x/y") == "http://127.0.0.1:8080")
        #expect(StandardWebhooks.redactedURL("http://[::1]:9/x") == "http://[::1]:9")
    }
}

@Suite("Event cursors")
struct EventCursorTests {
    @Test("a cursor round-trips through its SSE id, and knows what it has seen")
    func roundTrip() throws {
        let cursor = EventCursor(highest: 1234, gaps: [1203, 1201, 1201, 99_999])
        #expect(cursor.encoded == "1234.1201.1203")
        #expect(EventCursor(encoded: "1234.1201.1203") == cursor)
        #expect(EventCursor(encoded: "42") == EventCursor(highest: 42))
        #expect(cursor.hasSeen(1234) && cursor.hasSeen(1202) && !cursor.hasSeen(1201) && !cursor.hasSeen(1235))
        for bad in ["", "x", "-1", "5.7", "5.0", "1.2.3.", String(repeating: "9", count: 30)] { #expect(EventCursor(encoded: bad) == nil, "\(bad)") }
        let many = EventCursor(highest: 10_000, gaps: 1..<500)
        #expect(many.gaps.count == EventCursor.maximumGaps && many.gaps.first == 500 - Int64(EventCursor.maximumGaps))
    }
}
