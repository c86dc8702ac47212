#if Macros
import SwiftDiagnostics

/// Why `@Memoized` cannot apply to a declaration.
enum MemoizedDiagnostic: DiagnosticMessage {
    case notAFunction
    case operatorFunction
    case missingBody
    case localFunction
    case genericFunction
    case opaqueResult
    case inoutParameter(name: String)
    case unnamedParameter(position: Int)
    case notSendableParameter(name: String)
    case unhashableParameter(name: String, type: String, reason: String)
    case noStoredProperties(container: String)
    case staticMemberOfGenericType(type: String)

    var message: String {
        switch self {
        case .notAFunction:
            "@Memoized can only be applied to a function"
        case .operatorFunction:
            "@Memoized cannot be applied to an operator; memoize a named function and call it from the operator"
        case .missingBody:
            "@Memoized needs the function's body: it caches what the body computes"
        case .localFunction:
            "@Memoized cannot be applied to a local function; declare the function at file scope or in a type, "
                + "or use memoize(…) here"
        case .genericFunction:
            "@Memoized cannot key a generic function: its one cache cannot hold results for every type "
                + "the function's generic parameters may take; use memoize(…) for each type instead"
        case .opaqueResult:
            "@Memoized cannot cache an opaque result ('some …'): the cache needs the result's concrete type"
        case .inoutParameter(let name):
            "@Memoized cannot memoize a function with an 'inout' parameter ('\(name)'): a cached call would "
                + "skip the change to it"
        case .unnamedParameter(let position):
            "@Memoized needs a name for parameter \(position): every argument is part of the cache key"
        case .notSendableParameter(let name):
            "parameter '\(name)' is an 'AnyHashable', which is not Sendable and cannot be a cache key; "
                + "use 'AnySendableHashable'"
        case .unhashableParameter(let name, let type, let reason):
            "parameter '\(name)' of type '\(type)' cannot be part of the cache key: \(reason); "
                + "use memoize(key:) with a key function instead"
        case .noStoredProperties(let container):
            "@Memoized on an instance method needs a stored property for the cache, which \(container) "
                + "cannot have; declare the method in the type itself, or make it static"
        case .staticMemberOfGenericType(let type):
            "@Memoized on a static method needs a static stored property for the cache, which the generic "
                + "type '\(type)' cannot have"
        }
    }

    var diagnosticID: MessageID {
        let id: String =
            switch self {
            case .notAFunction: "notAFunction"
            case .operatorFunction: "operatorFunction"
            case .missingBody: "missingBody"
            case .localFunction: "localFunction"
            case .genericFunction: "genericFunction"
            case .opaqueResult: "opaqueResult"
            case .inoutParameter: "inoutParameter"
            case .unnamedParameter: "unnamedParameter"
            case .notSendableParameter: "notSendableParameter"
            case .unhashableParameter: "unhashableParameter"
            case .noStoredProperties: "noStoredProperties"
            case .staticMemberOfGenericType: "staticMemberOfGenericType"
            }
        return MessageID(domain: "MemoizationMacros", id: id)
    }

    var severity: DiagnosticSeverity { .error }
}

/// The fix-its `@Memoized` offers.
enum MemoizedFixIt: FixItMessage {
    case removeAttribute
    case nameParameter(String)
    case useAnySendableHashable

    var message: String {
        switch self {
        case .removeAttribute: "Remove '@Memoized'"
        case .nameParameter(let name): "Name the parameter '\(name)'"
        case .useAnySendableHashable: "Replace 'AnyHashable' with 'AnySendableHashable'"
        }
    }

    var fixItID: MessageID {
        let id: String =
            switch self {
            case .removeAttribute: "removeAttribute"
            case .nameParameter: "nameParameter"
            case .useAnySendableHashable: "useAnySendableHashable"
            }
        return MessageID(domain: "MemoizationMacros", id: id)
    }
}
#endif
