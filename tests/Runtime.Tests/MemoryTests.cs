using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Segment.Runtime;
using Xunit;
using Xunit.Abstractions;

namespace Segment.Runtime.Tests;

/// <summary>Memory tests read the process's VmRSS, so nothing else may run beside them.</summary>
[CollectionDefinition(nameof(MemoryTests), DisableParallelization = true)]
public sealed class MemoryCollection;

/// <summary>A training loop inside dispose scopes keeps resident memory flat.</summary>
[Collection(nameof(MemoryTests))]
public sealed class MemoryTests(ITestOutputHelper output)
{
    private const int Warmup = 200;
    private const int Iterations = 2000;
    private const double AllowedGrowthMb = 50;

    [Fact]
    public void Two_thousand_forward_backward_steps_do_not_grow_resident_memory()
    {
        torch.manual_seed(0);
        // Two conv+bn+relu blocks and a 1x1 head with bias: every parameter needs a gradient.
        Tensor[] parameters;
        Tensor w1, g1, b1, w2, g2, b2, wh, bh, rm1, rv1, rm2, rv2;
        using (torch.no_grad())
        {
            w1 = (torch.randn(8, 3, 3, 3) * 0.2).DetachFromDisposeScope();
            w2 = (torch.randn(8, 8, 3, 3) * 0.1).DetachFromDisposeScope();
            wh = (torch.randn(1, 8, 1, 1) * 0.1).DetachFromDisposeScope();
        }
        g1 = torch.ones(8); b1 = torch.zeros(8); g2 = torch.ones(8); b2 = torch.zeros(8); bh = torch.zeros(1);
        rm1 = torch.zeros(8); rv1 = torch.ones(8); rm2 = torch.zeros(8); rv2 = torch.ones(8);
        parameters = [w1, g1, b1, w2, g2, b2, wh, bh];
        foreach (Tensor p in parameters)
            p.requires_grad = true;
        Tensor x = torch.randn(2, 3, 16, 16), target = torch.rand(2, 1, 16, 16).gt(0.5).to(ScalarType.Float32);

        double firstLoss = 0, lastLoss = 0;
        Tensor? lastLogits = null;
        void Step(int i)
        {
            using var scope = torch.NewDisposeScope();
            Tensor h = F.relu(F.batch_norm(F.conv2d(x, w1, null, padding: 1), rm1, rv1, g1, b1, training: true));
            h = F.max_pool2d(h, 2, 2, ceil_mode: true);
            h = F.relu(F.batch_norm(F.conv2d(h, w2, null, padding: 2, dilation: 2), rm2, rv2, g2, b2, training: true));
            h = F.interpolate(h, size: (16, 16), mode: "bilinear", align_corners: false);
            Tensor logits = F.conv2d(h, wh, bh);
            Tensor loss = F.binary_cross_entropy_with_logits(logits, target);
            loss.backward();
            using (torch.no_grad())
            {
                foreach (Tensor p in parameters)
                {
                    p.add_(p.grad!, alpha: -0.05);
                    p.grad = null;
                }
            }
            if (i == 0) firstLoss = loss.item();
            lastLoss = loss.item();
            lastLogits = logits;
        }

        var clock = Stopwatch.StartNew();
        for (int i = 0; i < Warmup; i++)
            Step(i);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        long afterWarmup = ResidentBytes();
        for (int i = Warmup; i < Iterations; i++)
            Step(i);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        long atEnd = ResidentBytes();
        clock.Stop();

        double growthMb = (atEnd - afterWarmup) / 1048576.0;
        output.WriteLine($"VmRSS after {Warmup} warm-up iterations: {afterWarmup / 1048576.0:F1} MB");
        output.WriteLine($"VmRSS after {Iterations} iterations:      {atEnd / 1048576.0:F1} MB");
        output.WriteLine($"growth: {growthMb:F1} MB (allowed {AllowedGrowthMb} MB); {clock.Elapsed.TotalSeconds:F1} s; loss {firstLoss:F4} -> {lastLoss:F4}");

        Assert.True(lastLogits!.IsDisposed, "the step's scope did not dispose its intermediates");
        Assert.True(lastLoss < firstLoss, $"the loop did not train: loss {firstLoss} -> {lastLoss}");
        Assert.True(growthMb < AllowedGrowthMb, $"resident memory grew {growthMb:F1} MB over {Iterations - Warmup} iterations");
        foreach (Tensor p in parameters.Concat([rm1, rv1, rm2, rv2, x, target]))
            p.Dispose();
    }

    [Fact]
    public void Disposing_a_scope_returns_a_large_tensors_memory()
    {
        // Guards the mechanism the test above relies on: a scope really frees native memory.
        var scope = torch.NewDisposeScope();
        Tensor big = torch.zeros(16, 1024, 1024); // 64 MB
        long withTensor = ResidentBytes();
        big.fill_(1);
        long touched = ResidentBytes();
        scope.Dispose();
        Assert.True(big.IsDisposed);
        long after = ResidentBytes();
        output.WriteLine($"VmRSS with a 64 MB tensor touched: {touched / 1048576.0:F1} MB; after its scope: {after / 1048576.0:F1} MB (before touching {withTensor / 1048576.0:F1} MB)");
        Assert.True(touched - after > 32L * 1048576, "disposing the scope did not return the tensor's memory");
    }

    private static long ResidentBytes()
    {
        string line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
    }
}
