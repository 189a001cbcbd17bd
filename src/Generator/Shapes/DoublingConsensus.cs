using System.Collections.Generic;
using System.Linq;

namespace Segment.Generator.Shapes;

/// <summary>
/// The first level a doubling channel list (c[k] = c[0] * 2^k) was meant to have, decided by its elements: each
/// element k that is a multiple of 2^k votes for c[k] / 2^k, and the value most elements vote for wins (Channels[0]'s
/// own on a tie). So one mistyped element, even the first, is the one blamed: { 23, 64, 128, 256, 512 } is
/// 32-based (four votes against one), and its diagnostic lands on the 23, not on the four values that are right.
/// </summary>
internal static class DoublingConsensus
{
    /// <summary>The agreed first level and how many elements agree with it.</summary>
    public static (int First, int Votes) Of(IReadOnlyList<int> channels)
    {
        var votes = new Dictionary<long, int>();
        for (int k = 0; k < channels.Count; k++)
        {
            long c = channels[k];
            if (c > 0 && k < 31 && c % (1L << k) == 0)
                votes[c >> k] = votes.TryGetValue(c >> k, out int n) ? n + 1 : 1;
        }
        int firstVotes = votes.TryGetValue(channels[0], out int v) ? v : 0;
        var best = votes.OrderByDescending(p => p.Value).ThenBy(p => p.Key == channels[0] ? 0 : 1).FirstOrDefault();
        // A strict majority over Channels[0]'s own base moves the blame; otherwise Channels[0] stays the reference.
        return best.Value > firstVotes ? ((int)best.Key, best.Value) : (channels[0], firstVotes);
    }
}
