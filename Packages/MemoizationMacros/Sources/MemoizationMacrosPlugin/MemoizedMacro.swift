#if Macros
import SwiftDiagnostics
import SwiftSyntax
import SwiftSyntaxMacros

/// `@Memoized`: replaces a function's body with a cache lookup and adds, next to the function,
/// its cache, `cacheInfo()` and `cacheClear()` companions, and the original body as
/// `…Uncached`.
///
/// The peer role reports why the macro cannot apply; the body role then leaves the body as it
/// is, so that the only errors are those diagnostics.
public struct MemoizedMacro: PeerMacro, BodyMacro {
    /// Declares the cache, the `cacheInfo()` and `cacheClear()` companions and the uncached
    /// twin, or reports why the macro cannot apply.
    public static func expansion(
        of node: AttributeSyntax,
        providingPeersOf declaration: some DeclSyntaxProtocol,
        in context: some MacroExpansionContext
    ) throws -> [DeclSyntax] {
        let memoized: MemoizedDeclaration
        do {
            memoized = try MemoizedDeclaration(declaration, attribute: node, lexicalContext: context.lexicalContext)
        } catch {
            for diagnostic in error.diagnostics { context.diagnose(diagnostic) }
            return []
        }
        return [
            memoized.cacheDeclaration(arguments: node.arguments),
            memoized.cacheInfoDeclaration,
            memoized.cacheClearDeclaration,
            memoized.uncachedDeclaration,
        ]
    }

    /// The body that looks the arguments up in the cache; the original body when the macro
    /// cannot apply (the peer expansion reports why).
    public static func expansion(
        of node: AttributeSyntax,
        providingBodyFor declaration: some DeclSyntaxProtocol & WithOptionalCodeBlockSyntax,
        in context: some MacroExpansionContext
    ) throws -> [CodeBlockItemSyntax] {
        guard
            let memoized = try? MemoizedDeclaration(
                declaration,
                attribute: node,
                lexicalContext: context.lexicalContext
            )
        else {
            return Array(declaration.body?.statements ?? [])
        }
        return [memoized.memoizedBody]
    }
}
#endif
