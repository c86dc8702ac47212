#if Macros
import SwiftCompilerPlugin
import SwiftSyntaxMacros

/// The compiler plugin that provides `@Memoized`.
@main
struct MemoizationMacrosPlugin: CompilerPlugin {
    let providingMacros: [any Macro.Type] = [MemoizedMacro.self]
}
#else
/// Stands in for the compiler plugin when the `Macros` trait is off, so that the target still
/// builds without swift-syntax.
@main
struct MemoizationMacrosPlugin {
    static func main() {}
}
#endif
