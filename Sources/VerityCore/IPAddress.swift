import Foundation

/// An IPv4 or IPv6 address, parsed from its textual form without the system's resolver (pure, so the
/// rules that decide what a webhook may reach and which proxy is trusted are tested without I/O).
/// IPv4 addresses are held as IPv4-mapped IPv6 (`::ffff:a.b.c.d`), so one 16-byte form serves both.
package struct IPAddress: Sendable, Hashable, CustomStringConvertible {
    /// The 16 bytes, network order.
    package let bytes: [UInt8]
    /// Whether the text was an IPv4 dotted quad.
    package let isIPv4Text: Bool

    /// Parses `1.2.3.4`, `2001:db8::1`, `::ffff:1.2.3.4` (an IPv6 zone `%eth0` is dropped); nil otherwise.
    package init?(_ text: some StringProtocol) {
        var text = Substring(text)
        if text.hasPrefix("["), text.hasSuffix("]") { text = text.dropFirst().dropLast() }
        if let percent = text.firstIndex(of: "%") { text = text[..<percent] }
        if let v4 = Self.parseIPv4(text) {
            bytes = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF] + v4
            isIPv4Text = true
        } else if let v6 = Self.parseIPv6(text) {
            bytes = v6
            isIPv4Text = false
        } else {
            return nil
        }
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
        self.isIPv4Text = false
    }

    /// The embedded IPv4 address when this is IPv4 or IPv4-mapped (`::ffff:0:0/96`).
    package var ipv4: [UInt8]? {
        bytes[0..<10].allSatisfy { $0 == 0 } && bytes[10] == 0xFF && bytes[11] == 0xFF ? Array(bytes[12..<16]) : nil
    }

    package var description: String {
        if let v4 = ipv4 { return v4.map(String.init).joined(separator: ".") }
        var groups: [String] = []
        for i in stride(from: 0, to: 16, by: 2) { groups.append(String(UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1]), radix: 16)) }
        return groups.joined(separator: ":")
    }

    // MARK: - What a webhook may reach

    /// IPv4 ranges that are not the public internet: this network, private (RFC 1918), shared address
    /// space (RFC 6598), loopback, link-local, IETF protocol assignments, documentation, 6to4 relay
    /// anycast, benchmarking, multicast, reserved and broadcast (IANA special-purpose registry).
    static let reservedIPv4: [(prefix: [UInt8], bits: Int)] = [
        ([0, 0, 0, 0], 8), ([10, 0, 0, 0], 8), ([100, 64, 0, 0], 10), ([127, 0, 0, 0], 8), ([169, 254, 0, 0], 16),
        ([172, 16, 0, 0], 12), ([192, 0, 0, 0], 24), ([192, 0, 2, 0], 24), ([192, 88, 99, 0], 24), ([192, 168, 0, 0], 16),
        ([198, 18, 0, 0], 15), ([198, 51, 100, 0], 24), ([203, 0, 113, 0], 24), ([224, 0, 0, 0], 4), ([240, 0, 0, 0], 4),
    ]

    /// IPv6 ranges that are not the public internet (IANA special-purpose registry): unspecified and
    /// loopback, IPv4-compatible (deprecated `::/96`), NAT64 well-known and local-use prefixes, discard-only,
    /// IETF protocol assignments (Teredo among them), ORCHIDv2, documentation, unique-local, link-local,
    /// site-local (deprecated) and multicast. IPv4-mapped and 6to4 addresses are judged by the IPv4 address
    /// they carry; NAT64 (64:ff9b::/96) is refused outright, whatever it embeds, as it reaches through a
    /// translator into the IPv4 network the server sits on.
    static let reservedIPv6: [(prefix: [UInt8], bits: Int)] = [
        ([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], 96),
        ([0x00, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0], 96), ([0x00, 0x64, 0xFF, 0x9B, 0x00, 0x01], 48),
        ([0x01, 0x00, 0, 0, 0, 0, 0, 0], 64), ([0x20, 0x01, 0x00], 23), ([0x20, 0x01, 0x00, 0x20], 28), ([0x20, 0x01, 0x0D, 0xB8], 32),
        ([0x3F, 0xFF, 0x00], 20), ([0xFC], 7), ([0xFE, 0x80], 10), ([0xFE, 0xC0], 10), ([0xFF], 8),
    ]

    /// Whether this address is anything but a public unicast address: loopback, private, link-local,
    /// unique-local, multicast, documentation, unspecified, or a v6 form that carries such an IPv4 address
    /// (IPv4-mapped `::ffff:a.b.c.d`, IPv4-compatible `::a.b.c.d`, 6to4 `2002:abcd:…`).
    package var isReserved: Bool {
        if let v4 = ipv4 { return Self.matchesAny(v4, Self.reservedIPv4) }
        if bytes[0] == 0x20 && bytes[1] == 0x02 {
            // 6to4: the IPv4 address is in bits 16–47; the relay forwards to it.
            return Self.matchesAny(Array(bytes[2..<6]), Self.reservedIPv4)
        }
        return Self.matchesAny(bytes, Self.reservedIPv6)
    }

    private static func matchesAny(_ bytes: [UInt8], _ table: [(prefix: [UInt8], bits: Int)]) -> Bool {
        table.contains { Self.matches(bytes, prefix: $0.prefix, bits: $0.bits) }
    }

    static func matches(_ bytes: [UInt8], prefix: [UInt8], bits: Int) -> Bool {
        var remaining = bits
        var i = 0
        while remaining > 0 {
            let have = i < prefix.count ? prefix[i] : 0
            let mask: UInt8 = remaining >= 8 ? 0xFF : ~(0xFF >> UInt8(remaining))
            if bytes[i] & mask != have & mask { return false }
            remaining -= 8
            i += 1
        }
        return true
    }

    // MARK: - Parsing

    static func parseIPv4(_ text: Substring) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var result: [UInt8] = []
        for part in parts {
            // Decimal only: "010" and "0x7f" are how addresses sneak past naive checks, so they are not addresses here.
            guard (1...3).contains(part.count), part.allSatisfy({ $0.isASCII && $0.isNumber }), part.count == 1 || part.first != "0",
                let value = UInt8(part)
            else { return nil }
            result.append(value)
        }
        return result
    }

    static func parseIPv6(_ text: Substring) -> [UInt8]? {
        guard text.contains(":"), text.count <= 45 else { return nil }
        var head: [UInt16] = []
        var tail: [UInt16] = []
        var sawGap = false
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        func groups(_ part: String, allowV4: Bool) -> [UInt16]? {
            if part.isEmpty { return [] }
            var out: [UInt16] = []
            let fields = part.split(separator: ":", omittingEmptySubsequences: false)
            for (i, field) in fields.enumerated() {
                if allowV4 && i == fields.count - 1 && field.contains(".") {
                    guard let v4 = parseIPv4(field) else { return nil }
                    out.append(UInt16(v4[0]) << 8 | UInt16(v4[1]))
                    out.append(UInt16(v4[2]) << 8 | UInt16(v4[3]))
                    continue
                }
                guard (1...4).contains(field.count), let value = UInt16(field, radix: 16) else { return nil }
                out.append(value)
            }
            return out
        }
        if halves.count == 2 {
            sawGap = true
            guard let h = groups(halves[0], allowV4: false), let t = groups(halves[1], allowV4: true) else { return nil }
            head = h
            tail = t
        } else {
            guard let h = groups(halves[0], allowV4: true) else { return nil }
            head = h
        }
        let total = head.count + tail.count
        if sawGap ? total > 7 : total != 8 { return nil }
        let all = head + [UInt16](repeating: 0, count: 8 - total) + tail
        return all.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    }
}

/// An address block such as `10.0.0.0/8` or `fd00::/8`: the trusted proxies behind which the client's
/// address is read from `X-Forwarded-For`.
package struct CIDRBlock: Sendable, Hashable, CustomStringConvertible {
    package let address: IPAddress
    /// Prefix length in the 128-bit form (an IPv4 /8 is /104 here).
    package let bits: Int
    package let description: String

    /// Parses `a.b.c.d/n`, `v6/n`, or a bare address (a block of one).
    package init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let address = IPAddress(parts[0]) else { return nil }
        let width = address.isIPv4Text ? 32 : 128
        var length = width
        if parts.count == 2 {
            guard let n = Int(parts[1]), (0...width).contains(n) else { return nil }
            length = n
        }
        self.address = address
        self.bits = address.isIPv4Text ? 96 + length : length
        self.description = text
    }

    /// Whether the block holds `candidate`.
    package func contains(_ candidate: IPAddress) -> Bool {
        IPAddress.matches(candidate.bytes, prefix: address.bytes, bits: bits)
    }
}

/// The address of the client behind a request: the peer itself, or — when the peer is a trusted proxy —
/// the nearest address in `X-Forwarded-For` that is not itself a trusted proxy (each proxy appends the
/// address it received the request from, so the list is read from the right).
package enum ClientAddress {
    /// The client's address as text.
    package static func resolve(peer: String?, forwardedFor: [String], trustedProxies: [CIDRBlock]) -> String? {
        guard let peer, !trustedProxies.isEmpty, let peerAddress = IPAddress(peer), trustedProxies.contains(where: { $0.contains(peerAddress) })
        else { return peer }
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        for hop in hops.reversed() {
            // A malformed entry ends the walk: what lies left of it is whatever the client chose to send.
            guard let address = IPAddress(hop) else { return peer }
            if !trustedProxies.contains(where: { $0.contains(address) }) { return address.description }
        }
        return hops.first.flatMap { IPAddress($0)?.description } ?? peer
    }
}
