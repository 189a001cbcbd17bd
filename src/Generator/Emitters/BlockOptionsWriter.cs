using Segment.Generator.Model;

namespace Segment.Generator.Emitters;

/// <summary>
/// How a generated module hands its [Blocks] to the runtime blocks: one static field holding the options, and the
/// argument every block construction adds. The seeds' blocks need neither, so a network without [Blocks] reads as before.
/// </summary>
internal static class BlockOptionsWriter
{
    private const string Field = "blockOptions";

    /// <summary>The field, for a network whose blocks are not the seeds'.</summary>
    public static void WriteField(IndentedWriter w, BlockOptionsModel options)
    {
        if (options.IsSeed)
            return;
        w.Line($"/// <summary>The declaration's [Blocks]: {options}.</summary>");
        w.Line($"private static readonly {RuntimeApi.BlockOptions} {Field} = {options.Expression()};");
        w.Line();
    }

    /// <summary>", options: blockOptions" after a block's channel arguments, or nothing for the seeds' blocks.</summary>
    public static string Argument(BlockOptionsModel options) => options.IsSeed ? "" : $", options: {Field}";
}
