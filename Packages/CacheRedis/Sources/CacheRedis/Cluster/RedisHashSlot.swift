#if Redis
/// Where Redis Cluster keeps a key: one of 16,384 hash slots, the CRC16 (XMODEM: polynomial
/// 0x1021, initial value 0, no reflection) of the key modulo 16,384.
///
/// When the key holds a `{hash tag}` — a `{` followed, further on, by a `}` with at least one
/// byte between them — only the bytes between the first `{` and the first `}` after it are
/// hashed, so `{user42}:profile` and `{user42}:sessions` share a slot. An empty tag (`{}`) does
/// not count: the whole key is hashed.
enum RedisHashSlot {
    /// The number of slots.
    static let count = 16_384

    /// The slot of `key`.
    ///
    /// - Complexity: O(*n*) in the key's length.
    static func of(_ key: some Collection<UInt8>) -> Int {
        Int(crc16(hashedPart(of: key)) % UInt16(count))
    }

    /// The slot of a string key, by its UTF-8 bytes.
    static func of(_ key: String) -> Int {
        var key = key
        return key.withUTF8 { of($0) }
    }

    /// The bytes of `key` the slot is computed from: the hash tag's content, or the whole key.
    static func hashedPart<Key: Collection<UInt8>>(of key: Key) -> Key.SubSequence {
        guard let open = key.firstIndex(of: UInt8(ascii: "{")) else { return key[...] }
        let afterOpen = key.index(after: open)
        guard let close = key[afterOpen...].firstIndex(of: UInt8(ascii: "}")), close != afterOpen else {
            return key[...]
        }
        return key[afterOpen..<close]
    }

    /// CRC16-XMODEM of `bytes`: `crc16("123456789") == 0x31C3`.
    static func crc16(_ bytes: some Sequence<UInt8>) -> UInt16 {
        var crc: UInt16 = 0
        for byte in bytes {
            crc = (crc << 8) ^ table[Int(UInt8(truncatingIfNeeded: crc >> 8) ^ byte)]
        }
        return crc
    }

    /// The CRC of every byte value, shifted into the top of the register.
    private static let table: [UInt16] = (0...255).map { byte in
        var crc = UInt16(byte) << 8
        for _ in 0..<8 {
            crc = crc & 0x8000 != 0 ? (crc << 1) ^ 0x1021 : crc << 1
        }
        return crc
    }
}
#endif
