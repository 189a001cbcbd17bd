namespace Segment.Generator.Model;

/// <summary>A child of the network: its field (which the forward's steps call), its block and the field's doc.</summary>
internal sealed record ModuleChild(string Field, ChildBlock Block, string? Doc = null);

/// <summary>
/// Children registered together: each under its own field name (<see cref="ListName"/> null), or all in one
/// ModuleList registered under <see cref="ListName"/> (U²-Net's encode_modules, decode_modules, side_modules), so the
/// state_dict reads as the seed's.
/// </summary>
internal sealed record ChildGroup(string? ListName, EquatableArray<ModuleChild> Children);

/// <summary>A forward method beside <c>forward</c>: UNet++'s pruned forwards, returning the local <see cref="Result"/>.</summary>
internal sealed record ExtraForward(string Name, EquatableArray<string> Doc, ForwardProgram Program, string Result);

/// <summary>
/// The network's module as data, for the one module emitter: the class doc, the children in registration order, the
/// forward's doc and guard, its program and what it returns, and any other forward method. Each family builds it
/// from its model (Contracts/*Contract.cs).
/// </summary>
/// <param name="InputShape">The network's input, as the forward's first step takes it.</param>
/// <param name="Guard">The first statement of every forward, which checks the input.</param>
/// <param name="Epilogue">Statements after the program and before the return (U²-Net's eval-mode probabilities).</param>
/// <param name="Returns">The output constructor's arguments.</param>
/// <param name="Selector">UNet++'s <c>ForwardPruned(input, depth)</c> switch over the <see cref="Extras"/>; null otherwise.</param>
internal sealed record ModuleLayout(
    EquatableArray<string> Doc,
    TensorShape InputShape,
    EquatableArray<ChildGroup> Groups,
    EquatableArray<string> ForwardDoc,
    string Guard,
    ForwardProgram Forward,
    EquatableArray<string> Epilogue,
    EquatableArray<string> Returns,
    EquatableArray<ExtraForward> Extras,
    ForwardSelector? Selector = null)
{
    /// <summary>The network's trainable parameters: its children's, each counted once by its block.</summary>
    public long TotalParameters => System.Linq.Enumerable.Sum(Groups, g => System.Linq.Enumerable.Sum(g.Children, c => c.Block.Parameters));

    /// <summary>
    /// What a forward step may call, by the name the step gives (a field, or a field's member such as up1.conv): its
    /// typed block and its state_dict path (the field, or "{list}.{index}" for a child of a ModuleList group).
    /// </summary>
    public System.Collections.Generic.Dictionary<string, (ChildBlock Block, string Path)> Callables()
    {
        var callables = new System.Collections.Generic.Dictionary<string, (ChildBlock Block, string Path)>(System.StringComparer.Ordinal);
        foreach (ChildGroup group in Groups)
        {
            for (int i = 0; i < group.Children.Count; i++)
            {
                ModuleChild child = group.Children[i];
                string path = group.ListName is null ? child.Field : $"{group.ListName}.{i}";
                callables[child.Field] = (child.Block, path);
                foreach (var (member, block) in child.Block.Members)
                    callables[child.Field + "." + member] = (block, path + "." + member);
            }
        }
        return callables;
    }
}

/// <summary><c>ForwardPruned(input, depth)</c>: its summary and the message of a depth out of range.</summary>
internal sealed record ForwardSelector(string Doc, string Error);
