namespace Segment.Generator.Emitters;

/// <summary>
/// The members every generated TorchSharp module shares: the constructor header that names the
/// module, the registration override, and (on a network) the checked load_state_dict.
/// </summary>
internal static class ModuleWriter
{
    /// <summary>The constructor header: TorchSharp modules pass their name to the base class.</summary>
    public static string Constructor(string className, string parameters = "") =>
        $"public {className}({parameters}) : base(nameof({className}))";

    /// <summary>
    /// TorchSharp's reflective <c>RegisterComponents()</c> would register every module field again
    /// under its field name (stage fields beside encode_modules.k, backing fields of properties): the
    /// constructor has registered each child under its seed name already.
    /// </summary>
    public static void WriteRegisterComponents(IndentedWriter w)
    {
        w.Line("/// <summary>Children are registered under their state_dict names by the constructor; TorchSharp's field reflection would add them twice.</summary>");
        w.Line("protected override void RegisterComponents() { }");
    }

    /// <summary>
    /// load_state_dict with every key and shape checked first (TorchSharp's checks keys only and
    /// broadcasts a wrong shape into the weight), and the blocks' folded eval weights dropped after.
    /// </summary>
    public static void WriteLoadStateDict(IndentedWriter w)
    {
        const string list = "global::System.Collections.Generic.IList<string>";
        w.Line("/// <summary>");
        w.Line("/// Copies <paramref name=\"source\"/> into the weights after checking every key (when <paramref name=\"strict\"/>) and every shape,");
        w.Line("/// so a checkpoint that does not fit changes nothing; then drops the folded eval-mode weights.");
        w.Line("/// </summary>");
        w.Line("/// <exception cref=\"global::Segment.Runtime.Serialization.StateDictMismatchException\">Keys or shapes do not fit; the message lists them.</exception>");
        using (w.Block($"public override ({list} missing_keys, {list} unexpected_keyes) load_state_dict(global::System.Collections.Generic.Dictionary<string, {RuntimeApi.Tensor}> source, bool strict = true, {list}? skip = null)"))
        {
            w.Line($"{RuntimeApi.StateDicts}.ThrowIfIncompatible(this, source, strict, skip);");
            w.Line("var result = base.load_state_dict(source, strict, skip);");
            w.Line($"{RuntimeApi.FoldCache}.Invalidate(this);");
            w.Line("return result;");
        }
    }
}
