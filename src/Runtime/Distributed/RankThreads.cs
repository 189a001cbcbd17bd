using System;

namespace Segment.Runtime.Distributed;

/// <summary>
/// libtorch's intra-op threads per rank: each process would otherwise take every core of the node, and N ranks
/// on one node would run N times too many threads. Under a launcher the default is the node's cores shared out
/// between its ranks; alone, libtorch's own choice (null).
/// </summary>
public static class RankThreads
{
    public static int? Default(ICommunicator? communicator) =>
        communicator is { } c && c.IsDistributed() ? Math.Max(1, Environment.ProcessorCount / Math.Max(1, c.LocalSize)) : null;
}
