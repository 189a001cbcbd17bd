namespace Segment.Generator.Model;

/// <summary>The user's class as the emitters need it: where to reopen it and under which name.</summary>
/// <param name="Namespace">Containing namespace, empty for the global namespace.</param>
/// <param name="Name">Class name.</param>
/// <param name="Accessibility">"public" or "internal": the generated companion types (output, loss) follow the class.</param>
internal sealed record TypeDeclarationInfo(string Namespace, string Name, string Accessibility)
{
    /// <summary>The members the user wrote in the class (generated parts left out), to check against the generated ones.</summary>
    public EquatableArray<UserMember> Members { get; init; } = EquatableArray<UserMember>.Empty;

    /// <summary>A base class the user wrote in the base list (SEG1017); null when the generator's base is the only one.</summary>
    public ExplicitBaseClass? ExplicitBase { get; init; }

    /// <summary>The fully qualified name with <c>global::</c>, for the registry.</summary>
    public string GlobalName => Namespace.Length == 0 ? "global::" + Name : "global::" + Namespace + "." + Name;

    /// <summary>The prefix of generated file names: <c>{Namespace}.{Class}</c>.</summary>
    public string FilePrefix => Namespace.Length == 0 ? Name : Namespace + "." + Name;
}
