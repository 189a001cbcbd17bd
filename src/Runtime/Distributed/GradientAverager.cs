using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using TorchSharp.Modules;

namespace Segment.Runtime.Distributed;

/// <summary>
/// Averages the gradients over the ranks after each backward pass, as DDP does: the parameters are grouped in
/// reverse registration order (the order backward finishes them) into buckets of about
/// <see cref="DefaultBucketBytes"/>, each bucket's gradients are copied into one flat host tensor, summed with a
/// single allreduce, divided by the rank count and copied back. A parameter without a gradient takes part with
/// zeros, so every rank sends the same lengths. TorchSharp 0.107 has no tensor or post-accumulate-grad hooks, so
/// the allreduce runs after backward rather than overlapped with it.
/// </summary>
public sealed class GradientAverager
{
    /// <summary>DDP's bucket_cap_mb (25 MB).</summary>
    public const long DefaultBucketBytes = 25L * 1024 * 1024;

    private readonly ICommunicator communicator;
    private readonly List<Parameter[]> buckets = [];
    private readonly Stopwatch clock = new();

    public GradientAverager(IEnumerable<Parameter> parameters, ICommunicator communicator, long bucketBytes = DefaultBucketBytes)
    {
        this.communicator = communicator ?? throw new ArgumentNullException(nameof(communicator));
        if (bucketBytes < 1)
            throw new ArgumentOutOfRangeException(nameof(bucketBytes), bucketBytes, "a bucket holds at least one byte");
        var current = new List<Parameter>();
        long bytes = 0;
        foreach (Parameter p in parameters.Where(p => p.requires_grad).Reverse())
        {
            if (p.dtype != ScalarType.Float32)
                throw new NotSupportedException($"gradient averaging takes float32 parameters, not {p.dtype}");
            if (current.Count > 0 && bytes + p.numel() * 4 > bucketBytes)
            {
                buckets.Add([.. current]);
                current.Clear();
                bytes = 0;
            }
            current.Add(p);
            bytes += p.numel() * 4;
        }
        if (current.Count > 0)
            buckets.Add([.. current]);
        BytesPerStep = buckets.Sum(b => b.Sum(p => p.numel() * 4));
    }

    /// <summary>Buckets, each one allreduce per step.</summary>
    public int BucketCount => buckets.Count;

    /// <summary>Bytes of gradient each rank sends into the allreduce per step (4 per parameter).</summary>
    public long BytesPerStep { get; }

    /// <summary>Steps averaged so far and the wall time spent in them (copies and allreduce).</summary>
    public long Steps { get; private set; }

    public TimeSpan Elapsed => clock.Elapsed;

    /// <summary>Replaces every parameter's gradient with its mean over the ranks.</summary>
    public void Average()
    {
        if (!communicator.IsDistributed())
            return;
        clock.Start();
        using (torch.NewDisposeScope())
        using (torch.no_grad())
        {
            foreach (Parameter[] bucket in buckets)
            {
                Tensor flat = torch.cat(bucket.Select(p => (p.grad ?? torch.zeros_like(p)).detach().reshape(-1).cpu()).ToArray());
                communicator.AllReduceSum_(flat);
                using (Scalar ranks = communicator.Size.ToScalar())
                    flat.div_(ranks);
                long offset = 0;
                foreach (Parameter p in bucket)
                {
                    long n = p.numel();
                    p.grad?.copy_(flat.narrow(0, offset, n).view_as(p));
                    offset += n;
                }
            }
        }
        Steps++;
        clock.Stop();
    }
}
