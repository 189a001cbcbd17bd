namespace Segment.Generator.Model;

/// <summary>
/// A parsed declaration: everything the attributes say, as equatable values (no symbols, no syntax),
/// plus the declaration problems found while reading them. The family-specific part is one
/// derived record per family (U2Net, UNet, UNet++).
/// </summary>
internal abstract record NetworkSpec(TypeDeclarationInfo Type, InputSpec? Input, EquatableArray<DiagnosticInfo> Diagnostics)
{
    /// <summary>The command-line name (the attribute's Name, or the class's name in lower case).</summary>
    public abstract string CliName { get; }

    /// <summary>Where the name is written (the attribute when it is not), for the registry's diagnostics.</summary>
    public abstract LocationInfo? NameLocation { get; }

    /// <summary>The class's [Blocks], or null when it has none (the seeds' blocks).</summary>
    public BlockOptionsSpec? BlockOptions { get; init; }
}

/// <summary>A U²-Net declaration: options and the stage lines in source order.</summary>
internal sealed record U2NetSpec(
    TypeDeclarationInfo Type,
    InputSpec? Input,
    EquatableArray<DiagnosticInfo> Diagnostics,
    U2NetOptions Options,
    EquatableArray<RsuStageSpec> Stages)
    : NetworkSpec(Type, Input, Diagnostics)
{
    public override string CliName => Options.CliName;

    public override LocationInfo? NameLocation => Options.NameLocation;
}
