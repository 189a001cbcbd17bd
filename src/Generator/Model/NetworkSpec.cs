namespace Segment.Generator.Model;

/// <summary>
/// A parsed declaration: everything the attributes say, as equatable values (no symbols, no syntax),
/// plus the declaration problems found while reading them. The family-specific part is one
/// derived record per family (U2Net, UNet, UNet++).
/// </summary>
internal abstract record NetworkSpec(TypeDeclarationInfo Type, InputSpec? Input, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>A U²-Net declaration: options and the stage lines in source order.</summary>
internal sealed record U2NetSpec(
    TypeDeclarationInfo Type,
    InputSpec? Input,
    EquatableArray<DiagnosticInfo> Diagnostics,
    U2NetOptions Options,
    EquatableArray<RsuStageSpec> Stages)
    : NetworkSpec(Type, Input, Diagnostics);
