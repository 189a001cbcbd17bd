using System;
using Segment.Runtime.Distributed;

namespace Segment.Training.Tests.Distributed;

/// <summary>
/// A job of <paramref name="size"/> ranks that all hold this process's data: an allreduce-sum multiplies by the size,
/// a broadcast keeps the bytes. Collective code can then be checked in one process against the same computation
/// on the batch repeated <paramref name="size"/> times.
/// </summary>
internal sealed class MirrorCommunicator(int size) : ICommunicator
{
    public int Rank => 0;
    public int Size => size;
    public int LocalRank => 0;
    public int LocalSize => size;
    public string Backend => "mirror";
    public int AllReduceCalls { get; private set; }

    public void AllReduceSum(Span<float> values)
    {
        AllReduceCalls++;
        foreach (ref float v in values)
            v *= size;
    }

    public void AllReduceSum(Span<double> values)
    {
        AllReduceCalls++;
        foreach (ref double v in values)
            v *= size;
    }

    public void AllReduceMax(Span<double> values) => AllReduceCalls++;
    public void Broadcast(Span<byte> bytes, int root) { }
    public void Barrier() { }
    public void Abort(int exitCode) => throw new InvalidOperationException($"abort {exitCode}");
    public void Dispose() { }
}
