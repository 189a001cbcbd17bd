using System;

namespace Segment.Runtime.Distributed;

/// <summary>
/// The job of one process (no launcher): rank 0 of 1, every collective leaves its buffer as it is. Training,
/// evaluation and prediction then behave exactly as they do without any distributed code, and no MPI library
/// is loaded.
/// </summary>
public sealed class SingleProcess : ICommunicator
{
    public static SingleProcess Instance { get; } = new();

    private SingleProcess() { }

    public int Rank => 0;
    public int Size => 1;
    public int LocalRank => 0;
    public int LocalSize => 1;
    public string Backend => "single process";

    public void AllReduceSum(Span<float> values) { }
    public void AllReduceSum(Span<double> values) { }
    public void AllReduceMax(Span<double> values) { }
    public void Broadcast(Span<byte> bytes, int root) => CheckRoot(root);
    public void Barrier() { }

    public void Abort(int exitCode) => Environment.Exit(exitCode);

    public void Dispose() { }

    private static void CheckRoot(int root)
    {
        if (root != 0)
            throw new ArgumentOutOfRangeException(nameof(root), root, "a single process has only rank 0");
    }
}
