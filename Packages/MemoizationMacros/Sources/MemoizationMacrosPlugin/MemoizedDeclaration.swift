#if Macros
import SwiftDiagnostics
import SwiftSyntax
import SwiftSyntaxBuilder

/// What `@Memoized` needs to know about the function it is attached to, or why it cannot apply.
struct MemoizedDeclaration {
    /// Where the function lives, which decides where its cache lives.
    enum Placement {
        /// At file scope: the cache is a global constant.
        case global
        /// An instance method: the cache is a stored property, one per instance.
        case instanceMember
        /// A static or class method: the cache is a static stored property.
        case staticMember
    }

    /// One parameter, as the key and the call of the original body use it.
    struct Parameter {
        /// The argument label at call sites; `nil` for `_`.
        let label: String?
        /// The name inside the body.
        let name: String
        /// The argument's type in the cache key.
        let keyType: TypeSyntax
    }

    let function: FunctionDeclSyntax
    let baseName: String
    let parameters: [Parameter]
    let resultType: TypeSyntax
    let placement: Placement
    let isAsync: Bool
    let throwsClause: ThrowsClauseSyntax?

    /// The stored cache.
    var cacheName: String { baseName + "Cache" }
    /// The `cacheInfo()` companion.
    var cacheInfoName: String { baseName + "CacheInfo" }
    /// The `cacheClear()` companion.
    var cacheClearName: String { baseName + "CacheClear" }
    /// The original body, callable without the cache.
    var uncachedName: String { baseName + "Uncached" }

    /// Reads `declaration`, or throws the reasons `@Memoized` cannot apply to it.
    ///
    /// - Parameters:
    ///   - declaration: The declaration the attribute is attached to.
    ///   - attribute: The `@Memoized` attribute.
    ///   - lexicalContext: The enclosing declarations, innermost first.
    init(
        _ declaration: some DeclSyntaxProtocol,
        attribute: AttributeSyntax,
        lexicalContext: [Syntax]
    ) throws(DiagnosticsError) {
        let removeAttribute = Self.removeAttributeFixIt(attribute, from: declaration)
        guard let function = declaration.as(FunctionDeclSyntax.self) else {
            throw Self.error(attribute, .notAFunction, fixIts: [removeAttribute].compactMap { $0 })
        }
        let fixIts = [removeAttribute].compactMap { $0 }
        guard case .identifier = function.name.tokenKind else {
            throw Self.error(function.name, .operatorFunction, fixIts: fixIts)
        }
        guard function.body != nil else {
            throw Self.error(function.name, .missingBody, fixIts: fixIts)
        }

        var diagnostics: [Diagnostic] = []
        let placement: Placement
        do throws(DiagnosticsError) {
            placement = try Self.placement(of: function, in: lexicalContext, fixIts: fixIts)
        } catch {
            diagnostics += error.diagnostics
            placement = .global
        }
        if let generics = function.genericParameterClause {
            diagnostics.append(Diagnostic(node: generics, message: MemoizedDiagnostic.genericFunction, fixIts: fixIts))
        }
        let writtenResultType = function.signature.returnClause?.type
        if let opaque = writtenResultType?.as(SomeOrAnyTypeSyntax.self),
            opaque.someOrAnySpecifier.tokenKind == .keyword(.some)
        {
            diagnostics.append(Diagnostic(node: opaque, message: MemoizedDiagnostic.opaqueResult, fixIts: fixIts))
        }

        var parameters: [Parameter] = []
        for (index, parameter) in function.signature.parameterClause.parameters.enumerated() {
            do throws(DiagnosticsError) {
                parameters.append(try Self.parameter(parameter, position: index + 1, fixIts: fixIts))
            } catch {
                diagnostics += error.diagnostics
            }
        }
        guard diagnostics.isEmpty else { throw DiagnosticsError(diagnostics: diagnostics) }

        self.function = function
        self.baseName = function.name.text.filter { $0 != "`" }
        self.parameters = parameters
        self.resultType = writtenResultType?.trimmed ?? TypeSyntax("Void")
        self.placement = placement
        self.isAsync = function.signature.effectSpecifiers?.asyncSpecifier != nil
        self.throwsClause = function.signature.effectSpecifiers?.throwsClause?.trimmed
    }

    // MARK: Reading the parts

    /// Where the cache goes, from the enclosing declaration.
    private static func placement(
        of function: FunctionDeclSyntax,
        in lexicalContext: [Syntax],
        fixIts: [FixIt]
    ) throws(DiagnosticsError) -> Placement {
        let isStatic = function.modifiers.contains {
            $0.name.tokenKind == .keyword(.static) || $0.name.tokenKind == .keyword(.class)
        }
        guard let container = lexicalContext.first else { return .global }
        let typeName: String
        let isGeneric: Bool
        if let type = container.as(ClassDeclSyntax.self) {
            (typeName, isGeneric) = (type.name.text, type.genericParameterClause != nil)
        } else if let type = container.as(StructDeclSyntax.self) {
            (typeName, isGeneric) = (type.name.text, type.genericParameterClause != nil)
        } else if let type = container.as(ActorDeclSyntax.self) {
            (typeName, isGeneric) = (type.name.text, type.genericParameterClause != nil)
        } else if let type = container.as(EnumDeclSyntax.self) {
            guard isStatic else {
                throw error(function.name, .noStoredProperties(container: "an enum"), fixIts: fixIts)
            }
            (typeName, isGeneric) = (type.name.text, type.genericParameterClause != nil)
        } else if container.is(ExtensionDeclSyntax.self) {
            guard isStatic else {
                throw error(function.name, .noStoredProperties(container: "an extension"), fixIts: fixIts)
            }
            return .staticMember
        } else if container.is(ProtocolDeclSyntax.self) {
            throw error(function.name, .noStoredProperties(container: "a protocol"), fixIts: fixIts)
        } else {
            throw error(function.name, .localFunction, fixIts: fixIts)
        }
        guard isStatic else { return .instanceMember }
        guard !isGeneric else {
            throw error(function.name, .staticMemberOfGenericType(type: typeName), fixIts: fixIts)
        }
        return .staticMember
    }

    /// A parameter's label, name and key type.
    private static func parameter(
        _ parameter: FunctionParameterSyntax,
        position: Int,
        fixIts: [FixIt]
    ) throws(DiagnosticsError) -> Parameter {
        let label = parameter.firstName.tokenKind == .wildcard ? nil : parameter.firstName.text
        let nameToken = parameter.secondName ?? parameter.firstName
        let displayName = nameToken.tokenKind == .wildcard ? "#\(position)" : nameToken.text
        // Diagnostics point into the written declaration, so the checks read its own nodes.
        var type = parameter.type
        if let attributed = type.as(AttributedTypeSyntax.self) {
            let isInout = attributed.specifiers.contains {
                if case .simpleTypeSpecifier(let specifier) = $0 {
                    return specifier.specifier.tokenKind == .keyword(.inout)
                }
                return false
            }
            if isInout {
                throw error(parameter, .inoutParameter(name: displayName), fixIts: fixIts)
            }
            type = attributed.baseType
        }
        try checkHashable(type, of: parameter, named: displayName, fixIts: fixIts)
        guard nameToken.tokenKind != .wildcard else {
            let name = "argument\(position)"
            let named = parameter.with(\.firstName, .wildcardToken(trailingTrivia: .space))
                .with(\.secondName, .identifier(name))
            throw error(
                parameter,
                .unnamedParameter(position: position),
                fixIts: [
                    FixIt(
                        message: MemoizedFixIt.nameParameter(name),
                        changes: [.replace(oldNode: Syntax(parameter), newNode: Syntax(named))]
                    )
                ]
            )
        }
        type = type.trimmed
        if let implicitlyUnwrapped = type.as(ImplicitlyUnwrappedOptionalTypeSyntax.self) {
            type = TypeSyntax(OptionalTypeSyntax(wrappedType: implicitlyUnwrapped.wrappedType.trimmed))
        }
        if parameter.ellipsis != nil {
            type = TypeSyntax(ArrayTypeSyntax(element: type))
        }
        return Parameter(label: label, name: nameToken.text, keyType: type)
    }

    /// Throws when `type` is written in a form that is never `Hashable` and `Sendable`. Named
    /// types are left to the compiler, which checks the conformances in the expansion.
    private static func checkHashable(
        _ type: TypeSyntax,
        of parameter: FunctionParameterSyntax,
        named name: String,
        fixIts: [FixIt]
    ) throws(DiagnosticsError) {
        func unhashable(_ reason: String) -> DiagnosticsError {
            error(
                parameter.type,
                .unhashableParameter(name: name, type: type.trimmedDescription, reason: reason),
                fixIts: fixIts
            )
        }
        if let tuple = type.as(TupleTypeSyntax.self) {
            if tuple.elements.count == 1, let element = tuple.elements.first, element.firstName == nil {
                try checkHashable(element.type, of: parameter, named: name, fixIts: fixIts)
                return
            }
            throw unhashable("a tuple is not Hashable")
        }
        if type.is(FunctionTypeSyntax.self) {
            throw unhashable("a function is not Hashable")
        }
        if type.is(MetatypeTypeSyntax.self) {
            throw unhashable("a metatype is not Hashable (its ObjectIdentifier is)")
        }
        if type.is(CompositionTypeSyntax.self) {
            throw unhashable("an existential is not Hashable; use 'AnySendableHashable'")
        }
        if let existential = type.as(SomeOrAnyTypeSyntax.self) {
            if existential.someOrAnySpecifier.tokenKind == .keyword(.some) {
                throw error(existential, .genericFunction, fixIts: fixIts)
            }
            throw unhashable("an existential is not Hashable, even when its protocol is; use 'AnySendableHashable'")
        }
        if let identifier = type.as(IdentifierTypeSyntax.self) {
            switch identifier.name.text {
            case "Any", "AnyObject":
                throw unhashable("'\(identifier.name.text)' is not Hashable; use 'AnySendableHashable'")
            case "AnyHashable":
                let replacement = identifier.with(\.name, .identifier("AnySendableHashable"))
                throw error(
                    parameter.type,
                    .notSendableParameter(name: name),
                    fixIts: [
                        FixIt(
                            message: MemoizedFixIt.useAnySendableHashable,
                            changes: [.replace(oldNode: Syntax(identifier), newNode: Syntax(replacement))]
                        )
                    ]
                )
            default:
                return
            }
        }
    }

    // MARK: Diagnostics

    /// A diagnostic on `node`, thrown.
    private static func error(
        _ node: some SyntaxProtocol,
        _ message: MemoizedDiagnostic,
        fixIts: [FixIt]
    ) -> DiagnosticsError {
        DiagnosticsError(diagnostics: [Diagnostic(node: node, message: message, fixIts: fixIts)])
    }

    /// A fix-it that deletes `attribute` from `declaration`'s attributes.
    private static func removeAttributeFixIt(
        _ attribute: AttributeSyntax,
        from declaration: some DeclSyntaxProtocol
    ) -> FixIt? {
        guard let attributes = declaration.asProtocol((any WithAttributesSyntax).self)?.attributes else { return nil }
        guard
            let index = attributes.firstIndex(where: {
                $0.as(AttributeSyntax.self)?.trimmedDescription == attribute.trimmedDescription
            })
        else { return nil }
        var remaining = attributes
        let removed = remaining.remove(at: index)
        var changes: [FixIt.Change] = []
        if index == remaining.startIndex {
            // What followed the attribute takes its place, line break and indentation included.
            if let next = remaining.first {
                remaining[remaining.startIndex] = next.with(\.leadingTrivia, removed.leadingTrivia)
            } else if let next = attributes.lastToken(viewMode: .sourceAccurate)?.nextToken(viewMode: .sourceAccurate) {
                changes.append(.replaceLeadingTrivia(token: next, newTrivia: removed.leadingTrivia))
            }
        }
        changes.insert(.replace(oldNode: Syntax(attributes), newNode: Syntax(remaining)), at: 0)
        return FixIt(message: MemoizedFixIt.removeAttribute, changes: changes)
    }
}
#endif
