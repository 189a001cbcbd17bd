using System;

namespace Segment.Runtime.Distributed;

/// <summary>
/// The device a rank computes on: <c>cuda</c> without an index means the GPU of this rank's place on its node,
/// <c>cuda:{local rank}</c> (one process per GPU, as torchrun / DDP place them); <c>cpu</c> and an explicit
/// <c>cuda:N</c> are kept as given.
/// </summary>
public static class RankDevices
{
    public static string Resolve(string device, ICommunicator communicator)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(communicator);
        return communicator.IsDistributed() && string.Equals(device.Trim(), "cuda", StringComparison.OrdinalIgnoreCase)
            ? $"cuda:{communicator.LocalRank}"
            : device;
    }
}
