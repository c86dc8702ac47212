/// Something that happened in a ``LayeredCache``, as delivered to its listeners.
public enum LayeredCacheEvent<Key: Hashable & Sendable>: Sendable {
    /// A read found the key in the layer at `layerIndex` (0 is the fastest).
    case hit(key: Key, layerIndex: Int)
    /// A read found the key in no layer.
    case miss(key: Key)
    /// The loader produced a value for a key no layer had.
    case loaded(key: Key)
    /// A layer failed; the operation went on with the other layers.
    case layerFailed(LayerFailure<Key>)
}

/// A layer's operation that failed.
public struct LayerFailure<Key: Hashable & Sendable>: Error, Sendable, CustomStringConvertible {
    /// What the layered cache asked of the layer.
    public enum Operation: String, Hashable, Sendable {
        /// A read.
        case get
        /// A write by `set`.
        case set
        /// A write of a value found in a slower layer or loaded.
        case backfill
        /// A removal by `delete`.
        case delete
        /// A removal of everything by `clear`.
        case clear
    }

    /// The layer's position, 0 being the fastest.
    public let layerIndex: Int
    /// The layer's name.
    public let layerName: String
    /// What failed.
    public let operation: Operation
    /// The key, `nil` for `clear`.
    public let key: Key?
    /// The layer's error.
    public let error: any Error

    /// Creates a failure report.
    ///
    /// - Complexity: O(1).
    public init(layerIndex: Int, layerName: String, operation: Operation, key: Key?, error: any Error) {
        self.layerIndex = layerIndex
        self.layerName = layerName
        self.operation = operation
        self.key = key
        self.error = error
    }

    /// The layer, the operation, the key and the error.
    public var description: String {
        let subject = key.map { " of key \($0)" } ?? ""
        return "layer \(layerIndex) '\(layerName)': \(operation.rawValue)\(subject) failed: \(error)"
    }
}

/// Thrown by a write, delete or clear of a ``LayeredCache`` that some layers failed; the other
/// layers did the operation.
public struct LayeredCacheError<Key: Hashable & Sendable>: Error, Sendable, CustomStringConvertible {
    /// The layers that failed, fastest first.
    public let failures: [LayerFailure<Key>]

    /// Creates an error from failures.
    ///
    /// - Complexity: O(1).
    public init(failures: [LayerFailure<Key>]) {
        self.failures = failures
    }

    /// Every failure, one per line.
    public var description: String {
        failures.map(\.description).joined(separator: "\n")
    }
}
