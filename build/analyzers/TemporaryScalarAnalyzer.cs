using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Segment.Build.Analyzers;

/// <summary>
/// Finds TorchSharp <c>Scalar</c>s that live only for one native call. A Scalar wraps a native
/// pointer and frees it in its finalizer, and TorchSharp passes <c>scalar.Handle</c> to libtorch
/// without keeping the Scalar alive: once the handle is read nothing references the object, so a
/// garbage collection on another thread can finalize it while libtorch is still reading it
/// (seen as "Expected false to be true" from c10::Scalar::toFloat, one run in dozens).
/// A Scalar held in a <c>using</c> local or a static field outlives the call; these rules ask for that.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TemporaryScalarAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Our code makes a Scalar (implicit conversion, cast or ToScalar()) that nothing holds.</summary>
    public static readonly DiagnosticDescriptor TemporaryScalar = new(
        "SEGDEV001",
        "TorchSharp Scalar made for one call",
        "{0} becomes a TorchSharp Scalar that nothing holds, which the garbage collector may free while libtorch reads it (hold it in a 'using Scalar' local or a field)",
        "Reliability", DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>A TorchSharp member that makes such a Scalar itself (a number operand, or add's default alpha).</summary>
    public static readonly DiagnosticDescriptor HiddenScalar = new(
        "SEGDEV002",
        "TorchSharp call makes a Scalar nothing holds",
        "{0}, which the garbage collector may free while libtorch reads it ({1})",
        "Reliability", DiagnosticSeverity.Error, isEnabledByDefault: true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(TemporaryScalar, HiddenScalar);

    public override void Initialize(AnalysisContext context)
    {
        // Generated code (the networks' loss classes) runs the same native calls.
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.EnableConcurrentExecution();
        context.RegisterOperationAction(AnalyzeConversion, OperationKind.Conversion);
        context.RegisterOperationAction(AnalyzeInvocation, OperationKind.Invocation);
        context.RegisterOperationAction(AnalyzeOperator, OperationKind.Binary, OperationKind.CompoundAssignment);
    }

    private static void AnalyzeConversion(OperationAnalysisContext context)
    {
        var conversion = (IConversionOperation)context.Operation;
        if (conversion.OperatorMethod is { } method && IsScalar(method.ReturnType) && !IsHeld(conversion))
            context.ReportDiagnostic(Diagnostic.Create(TemporaryScalar, conversion.Syntax.GetLocation(), $"'{conversion.Operand.Syntax}'"));
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context)
    {
        var invocation = (IInvocationOperation)context.Operation;
        IMethodSymbol method = invocation.TargetMethod;
        if (!IsTorchSharp(method.ContainingType))
            return;
        if (method.Name == "ToScalar" && IsScalar(method.ReturnType) && !IsHeld(invocation))
            context.ReportDiagnostic(Diagnostic.Create(TemporaryScalar, invocation.Syntax.GetLocation(), $"'{invocation.Syntax}'"));
        else if (DefaultsAlpha(method))
            context.ReportDiagnostic(Diagnostic.Create(HiddenScalar, invocation.Syntax.GetLocation(),
                $"TorchSharp's {method.Name} without an alpha passes 1 as a Scalar it makes", "pass Scalars.One as the alpha"));
    }

    private static void AnalyzeOperator(OperationAnalysisContext context)
    {
        IMethodSymbol? method = context.Operation switch
        {
            IBinaryOperation binary => binary.OperatorMethod,
            ICompoundAssignmentOperation compound => compound.OperatorMethod,
            _ => null,
        };
        if (method is null || method.ContainingType.Name != "Tensor" || !IsTorchSharp(method.ContainingType))
            return;
        foreach (IParameterSymbol parameter in method.Parameters)
        {
            if (parameter.Type.SpecialType is SpecialType.None or SpecialType.System_Boolean)
                continue;
            context.ReportDiagnostic(Diagnostic.Create(HiddenScalar, context.Operation.Syntax.GetLocation(),
                $"TorchSharp's Tensor operator turns the {parameter.Type.ToDisplayString()} operand into a Scalar it makes",
                "call the method (mul, add, div, ...) with a held Scalar"));
            return;
        }
        if (method.Name == "op_Addition" && method.Parameters.Length == 2 && method.Parameters[1].Type.Name == "Tensor")
            context.ReportDiagnostic(Diagnostic.Create(HiddenScalar, context.Operation.Syntax.GetLocation(),
                "TorchSharp's Tensor + Tensor passes alpha 1 as a Scalar it makes", "call add(other, Scalars.One)"));
    }

    /// <summary>add / add_ / addcdiv / addcdiv_ overloads that call the alpha overload with a literal 1.</summary>
    private static bool DefaultsAlpha(IMethodSymbol method)
    {
        int operands = method.Name switch
        {
            "add" or "add_" => 1,
            "addcdiv" or "addcdiv_" => 2,
            _ => -1,
        };
        if (operands < 0)
            return false;
        return method.Parameters.Length == operands + (method.IsStatic && !method.IsExtensionMethod ? 1 : 0);
    }

    /// <summary>Whether the new Scalar goes straight into a using local, a field or a property (which outlive the call).</summary>
    private static bool IsHeld(IOperation creation)
    {
        IOperation? parent = creation.Parent;
        while (parent is IConversionOperation { OperatorMethod: null } or IParenthesizedOperation)
            parent = parent.Parent;
        if (parent is IFieldInitializerOperation or IPropertyInitializerOperation)
            return true;
        // Stored in a field or property: the object holds it (a module's constant, made once).
        if (parent is ISimpleAssignmentOperation { Target: IFieldReferenceOperation or IPropertyReferenceOperation })
            return true;
        if (parent is not IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Parent: IVariableDeclarationOperation declaration } })
            return false;
        return declaration.Parent is IUsingOperation
            || declaration.Parent is IVariableDeclarationGroupOperation { Parent: IUsingOperation or IUsingDeclarationOperation };
    }

    private static bool IsScalar(ITypeSymbol type) => type.Name == "Scalar" && type.ContainingNamespace?.ToDisplayString() == "TorchSharp";

    private static bool IsTorchSharp(INamedTypeSymbol? type)
    {
        for (INamespaceSymbol? ns = type?.ContainingNamespace; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
            if (ns.ContainingNamespace is { IsGlobalNamespace: true })
                return ns.Name == "TorchSharp";
        return false;
    }
}
