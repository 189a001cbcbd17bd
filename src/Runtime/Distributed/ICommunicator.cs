using System;

namespace Segment.Runtime.Distributed;

/// <summary>
/// The collectives data-parallel training needs, over the processes of one job (one per rank). Every rank
/// must make the same calls in the same order with the same lengths; a rank that stops calling leaves the
/// others waiting, so a failure ends the job (<see cref="Abort"/>). Buffers are host memory: a tensor on a
/// GPU goes through the host (<see cref="TensorCollectives"/>). Implementations: <see cref="SingleProcess"/>
/// (no launcher) and <see cref="MpiCommunicator"/> (Open MPI); NCCL would be a third.
/// </summary>
public interface ICommunicator : IDisposable
{
    /// <summary>This process's rank, 0 .. <see cref="Size"/> - 1; rank 0 is the one that writes files.</summary>
    int Rank { get; }

    /// <summary>Processes in the job.</summary>
    int Size { get; }

    /// <summary>This process's rank among those on its node (which GPU it takes).</summary>
    int LocalRank { get; }

    /// <summary>Processes on this node.</summary>
    int LocalSize { get; }

    /// <summary>What carries the collectives, for messages ("single process", "Open MPI 4.1.4").</summary>
    string Backend { get; }

    /// <summary>Replaces each element with its sum over all ranks.</summary>
    void AllReduceSum(Span<float> values);

    /// <inheritdoc cref="AllReduceSum(Span{float})"/>
    void AllReduceSum(Span<double> values);

    /// <summary>Replaces each element with its maximum over all ranks.</summary>
    void AllReduceMax(Span<double> values);

    /// <summary>Copies <paramref name="root"/>'s bytes into every other rank's buffer (same length everywhere).</summary>
    void Broadcast(Span<byte> bytes, int root);

    /// <summary>Waits until every rank has called it.</summary>
    void Barrier();

    /// <summary>Ends every process of the job with <paramref name="exitCode"/> (MPI_Abort); does not return.</summary>
    void Abort(int exitCode);
}

/// <summary>Helpers every communicator shares.</summary>
public static class CommunicatorExtensions
{
    /// <summary>True when more than one process takes part: the collectives then do something.</summary>
    public static bool IsDistributed(this ICommunicator communicator) => communicator.Size > 1;

    /// <summary>True on the rank that writes checkpoints, logs and reports and draws progress.</summary>
    public static bool IsWriter(this ICommunicator communicator) => communicator.Rank == 0;

    /// <summary>"rank 1 of 4", for messages.</summary>
    public static string Describe(this ICommunicator communicator) => $"rank {communicator.Rank} of {communicator.Size}";

    /// <summary>True on every rank when any rank passes true (a decision every rank must take together).</summary>
    public static bool Any(this ICommunicator communicator, bool value)
    {
        if (!communicator.IsDistributed())
            return value;
        Span<double> flag = [value ? 1 : 0];
        communicator.AllReduceMax(flag);
        return flag[0] > 0;
    }
}
