#if Macros
import SwiftSyntax
import SwiftSyntaxBuilder

extension MemoizedDeclaration {
    /// The stored cache, made with the attribute's arguments:
    /// `let fibonacciCache = Memoization.MemoizationCache<Int, Int>(maxSize: 200)`. A function of
    /// one argument is keyed by the argument itself, as `memoize` does (a one-element
    /// `ArgumentKey` would cost a `Hasher` run per call); others by an `ArgumentKey`.
    func cacheDeclaration(arguments: AttributeSyntax.Arguments?) -> DeclSyntax {
        let options = arguments?.as(LabeledExprListSyntax.self)?.trimmedDescription ?? ""
        let typeArguments = (parameters.map(\.keyType) + [resultType]).map(\.trimmedDescription)
        let cacheType = parameters.count == 1 ? "MemoizationCache" : "ArgumentCache"
        return """
            \(raw: peerModifiers(nonisolated: false))let \(raw: cacheName) = \
            Memoization.\(raw: cacheType)<\(raw: typeArguments.joined(separator: ", "))>(\(raw: options))
            """
    }

    /// The cache key of a call: the argument itself, or an `ArgumentKey` of all of them.
    private var keyExpression: String {
        if parameters.count == 1, let parameter = parameters.first { return parameter.name }
        return "Memoization.ArgumentKey(\(parameters.map(\.name).joined(separator: ", ")))"
    }

    /// `func fibonacciCacheInfo() -> CacheInfo`, as `lru_cache`'s `cache_info()`.
    var cacheInfoDeclaration: DeclSyntax {
        """
        \(raw: peerModifiers(nonisolated: true))func \(raw: cacheInfoName)() -> Memoization.CacheInfo {
            \(raw: cacheName).cacheInfo()
        }
        """
    }

    /// `func fibonacciCacheClear()`, as `lru_cache`'s `cache_clear()`.
    var cacheClearDeclaration: DeclSyntax {
        """
        \(raw: peerModifiers(nonisolated: true))func \(raw: cacheClearName)() {
            \(raw: cacheName).cacheClear()
        }
        """
    }

    /// The original function under the name `fibonacciUncached`, which the memoized body calls
    /// on a miss. Variadic parameters become arrays, so that the memoized body can pass them on.
    var uncachedDeclaration: DeclSyntax {
        var uncached = function
        uncached.attributes = uncached.attributes.filter { element in
            guard let attribute = element.as(AttributeSyntax.self) else { return true }
            let name = attribute.attributeName.trimmedDescription
            return name != "Memoized" && !name.hasSuffix(".Memoized")
        }
        if let index = uncached.modifiers.firstIndex(where: { $0.name.tokenKind == .keyword(.override) }) {
            let trivia = uncached.modifiers.remove(at: index).leadingTrivia
            if index != uncached.modifiers.endIndex {
                uncached.modifiers[index].leadingTrivia = trivia + uncached.modifiers[index].leadingTrivia
            } else {
                uncached.funcKeyword.leadingTrivia = trivia + uncached.funcKeyword.leadingTrivia
            }
        }
        uncached.name = .identifier(uncachedName)
        var parameters = uncached.signature.parameterClause.parameters
        for index in parameters.indices where parameters[index].ellipsis != nil {
            parameters[index].type = TypeSyntax(ArrayTypeSyntax(element: parameters[index].type.trimmed))
            parameters[index].ellipsis = nil
        }
        uncached.signature.parameterClause.parameters = parameters
        let unindented = IndentationRemover().rewrite(uncached.with(\.leadingTrivia, []).trimmed)
        return DeclSyntax(fromProtocol: unindented.cast(FunctionDeclSyntax.self))
    }

    /// The new body: look the arguments up in the cache, and run the original body on a miss.
    /// Asynchronous functions share one run among concurrent callers; their closure names
    /// `self` explicitly rather than in a capture list, which the 6.3 compiler fails to
    /// type-check inside a body macro's expansion.
    var memoizedBody: CodeBlockItemSyntax {
        let key = keyExpression
        let arguments = parameters.map { parameter in
            parameter.label.map { "\($0): \(parameter.name)" } ?? parameter.name
        }
        let call = "\(uncachedName)(\(arguments.joined(separator: ", ")))"
        let tryKeyword = throwsClause == nil ? "" : "try "
        let effects = (isAsync ? "async " : "") + (throwsClause.map { $0.trimmedDescription + " " } ?? "")
        let signature = "() \(effects)-> \(resultType.trimmedDescription)"
        guard isAsync else {
            return """
                return \(raw: tryKeyword)\(raw: cacheName).get(\(raw: key)) { \(raw: signature) in
                    \(raw: tryKeyword)\(raw: call)
                }
                """
        }
        let receiver = placement == .global ? "" : "self."
        return """
            return \(raw: tryKeyword)await \(raw: cacheName).value(forKey: \(raw: key)) { \(raw: signature) in
                \(raw: tryKeyword)await \(raw: receiver)\(raw: call)
            }
            """
    }

    /// The access level of the function (`open` becomes `public`), `static` for a static
    /// method's peers, and `nonisolated` for the companions of a type's methods, which only
    /// read the `Sendable` cache.
    private func peerModifiers(nonisolated: Bool) -> String {
        let accessLevels: [Keyword] = [.open, .public, .package, .internal, .fileprivate, .private]
        var modifiers: [String] = []
        for modifier in function.modifiers where modifier.detail == nil {
            guard case .keyword(let keyword) = modifier.name.tokenKind, accessLevels.contains(keyword) else { continue }
            modifiers.append(keyword == .open ? "public" : modifier.name.text)
        }
        if placement == .staticMember { modifiers.append("static") }
        if nonisolated && placement != .global { modifiers.append("nonisolated") }
        return modifiers.map { $0 + " " }.joined()
    }
}
/// Removes the indentation after every line break, so that a declaration copied from another
/// place is indented anew, by the formatter, where the expansion puts it.
private final class IndentationRemover: SyntaxRewriter {
    override func visit(_ token: TokenSyntax) -> TokenSyntax {
        var pieces: [TriviaPiece] = []
        var afterNewline = false
        for piece in token.leadingTrivia {
            switch piece {
            case .spaces where afterNewline, .tabs where afterNewline:
                continue
            case .newlines, .carriageReturns, .carriageReturnLineFeeds:
                afterNewline = true
            default:
                afterNewline = false
            }
            pieces.append(piece)
        }
        return token.with(\.leadingTrivia, Trivia(pieces: pieces))
    }
}
#endif
