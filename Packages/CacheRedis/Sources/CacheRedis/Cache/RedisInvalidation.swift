#if Redis
import NIOCore

/// What another instance changed in a ``RedisCache``'s namespace, as received from its
/// invalidation channel: drop these keys, or everything, from in-process copies.
public enum RedisInvalidation<Key: Sendable>: Sendable {
    /// These keys were written or deleted.
    case keys([Key])
    /// The namespace was cleared, or messages may have been missed (the subscription had to
    /// reconnect, or a message could not be read).
    case all
}

/// The payload published on the invalidation channel.
///
/// `<sender> *` when everything changed, or `<sender> K` followed by each key's text as
/// `<UTF-8 length>:<text>` (a netstring without its comma), so keys may hold any character:
/// `3f9c0a1b7d2e4c55 K5:alice3:bob`. `sender` identifies the ``RedisCache`` instance that
/// published, so it can skip its own messages.
struct RedisInvalidationMessage: Equatable {
    /// The publishing instance.
    let sender: String
    /// The keys' texts (after the namespace), or `nil` for everything.
    let keys: [String]?

    /// The payload.
    ///
    /// - Complexity: O(*n*) in the total length of the keys.
    var payload: ByteBuffer {
        var buffer = ByteBufferAllocator().buffer(capacity: sender.utf8.count + 2 + (keys?.count ?? 0) * 16)
        buffer.writeString(sender)
        guard let keys else {
            buffer.writeStaticString(" *")
            return buffer
        }
        buffer.writeStaticString(" K")
        for key in keys {
            buffer.writeDecimal(key.utf8.count)
            buffer.writeStaticString(":")
            buffer.writeString(key)
        }
        return buffer
    }

    /// A message.
    init(sender: String, keys: [String]?) {
        self.sender = sender
        self.keys = keys
    }

    /// The message in `payload`, or `nil` when it is not one.
    ///
    /// - Complexity: O(*n*) in the payload's length.
    init?(payload: ByteBuffer) {
        let bytes = Array(payload.readableBytesView)
        guard let space = bytes.firstIndex(of: UInt8(ascii: " ")), space + 1 < bytes.count else { return nil }
        sender = String(decoding: bytes[..<space], as: UTF8.self)
        switch bytes[space + 1] {
        case UInt8(ascii: "*") where space + 2 == bytes.count:
            keys = nil
        case UInt8(ascii: "K"):
            var keys: [String] = []
            var index = space + 2
            while index < bytes.count {
                guard let colon = bytes[index...].firstIndex(of: UInt8(ascii: ":")),
                    let length = Int(String(decoding: bytes[index..<colon], as: UTF8.self)), length >= 0,
                    length <= bytes.count - colon - 1
                else { return nil }
                keys.append(String(decoding: bytes[(colon + 1)..<(colon + 1 + length)], as: UTF8.self))
                index = colon + 1 + length
            }
            self.keys = keys
        default:
            return nil
        }
    }
}
#endif
