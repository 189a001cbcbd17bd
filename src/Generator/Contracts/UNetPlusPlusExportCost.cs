using System.Collections.Generic;
using System.Linq;
using Segment.Generator.Model;

namespace Segment.Generator.Contracts;

/// <summary>
/// What a UNet++ export costs per head count K (deep supervision: the network pruned to heads 1..K, the nodes
/// X(i, j) with i + j &lt;= K; without it only the whole network): trainable parameters and the convolutions'
/// multiply-adds per 2^L x 2^L cell of the input, the unit every node's map divides into exactly (X(i, j) is
/// H/2^i x W/2^i). The export prints and stores these; the UNet++ paper's point is that a pruned K is much cheaper.
/// </summary>
internal static class UNetPlusPlusExportCost
{
    public static IReadOnlyList<ExportCost> Rows(UNetPlusPlusModel m)
    {
        IEnumerable<int> counts = m.DeepSupervision ? Enumerable.Range(1, m.Levels) : new[] { m.Levels };
        return counts.Select(k => Row(m, k)).ToList();
    }

    private static ExportCost Row(UNetPlusPlusModel m, int depth)
    {
        var nodes = m.Nodes.Where(n => n.Row + n.Column <= depth).ToList();
        int heads = m.DeepSupervision ? depth : 1;
        long parameters = nodes.Sum(n => n.Parameters) + heads * m.Head.Parameters;
        // A VGG block is two 3x3 convs, in -> out and out -> out; a head is a 1x1 conv at full resolution.
        long macs = nodes.Sum(n => (9L * n.InChannels * n.OutChannels + 9L * n.OutChannels * n.OutChannels) * PositionsPerCell(m, n.Row))
                    + heads * (long)m.Head.InChannels * m.Head.OutChannels * PositionsPerCell(m, 0);
        return new ExportCost(m.DeepSupervision ? depth : 1, parameters, macs);
    }

    /// <summary>Positions of a level-<paramref name="row"/> map in one 2^L x 2^L input cell: 4^(L - row).</summary>
    private static long PositionsPerCell(UNetPlusPlusModel m, int row) => 1L << (2 * (m.Levels - row));
}
