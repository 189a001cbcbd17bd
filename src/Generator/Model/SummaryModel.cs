using Segment.Generator.Shapes;

namespace Segment.Generator.Model;

/// <summary>One row of a generated summary: a block, its input and output shapes and its parameters.</summary>
internal sealed record SummaryRow(string Stage, string Block, string Input, string Output, long Parameters);

/// <summary>One export option of the summary and the outputs it writes.</summary>
internal sealed record SummaryExport(string Option, string Outputs);

/// <summary>The cost of a UNet++ export pruned to <see cref="Heads"/> heads.</summary>
internal sealed record ExportCost(int Heads, long Parameters, long MultiplyAddsPerCell);

/// <summary>
/// What a network's generated <c>Summary</c> class states: its totals, the per-block table, the memory estimate, the
/// ONNX exports and (UNet++) the cost of each pruned export. <see cref="Emitters.SummaryEmitter"/> writes it for every family.
/// </summary>
/// <param name="MinimumSizeDoc">Why the smallest input is what it is.</param>
/// <param name="StagesDoc">The doc of the per-block table.</param>
/// <param name="Costs">Per pruned export (UNet++); empty for the other families.</param>
/// <param name="CostsDoc">The doc lines of <c>Exports</c>, when there are costs.</param>
internal sealed record SummaryModel(
    string CliName,
    long TotalParameters,
    int MinimumSize,
    string MinimumSizeDoc,
    string Title,
    string StagesDoc,
    EquatableArray<SummaryRow> Rows,
    ActivationPeak Peak,
    EquatableArray<SummaryExport> Exports,
    EquatableArray<ExportCost> Costs,
    EquatableArray<string> CostsDoc);
