#if Redis
extension RESPValue {
    /// Whether this is a pub/sub message: an array or push that starts with `message` (then the
    /// channel and the payload).
    var isPubSubMessage: Bool {
        elements?.first?.string == "message"
    }

    /// Whether this is a RESP3 client-tracking invalidation: a push of `invalidate` and the
    /// changed keys (or null, for a flush).
    var isInvalidationPush: Bool {
        guard case .push(let elements) = self, elements.count == 2 else { return false }
        return elements[0].string == "invalidate"
    }
}
#endif
