using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Segment.Examples.Networks;
using Segment.Runtime;
using Segment.Runtime.NN;
using Xunit;
using Xunit.Abstractions;

namespace Segment.Networks.Tests;

/// <summary>Memory tests read the process's VmRSS, so nothing else may run beside them.</summary>
[CollectionDefinition(nameof(MemoryTests), DisableParallelization = true)]
public sealed class MemoryCollection;

/// <summary>A training loop of a generated network inside dispose scopes keeps resident memory flat.</summary>
[Collection(nameof(MemoryTests))]
public sealed class MemoryTests(ITestOutputHelper output)
{
    private const int Warmup = 200;
    private const int Iterations = 2000;
    private const double AllowedGrowthMb = 50;

    [Fact]
    public void Two_thousand_train_steps_of_a_generated_network_do_not_grow_resident_memory()
    {
        torch.manual_seed(0);
        torch.set_num_threads(2);
        // unetpp-3class: filters 16/32/64, deep supervision, 130,614 parameters; the generated loss averages its heads.
        using var net = new UNetPlusPlusMultiClass();
        ISegmentationNetwork network = net;
        net.train();
        using var optimizer = torch.optim.AdamW(net.parameters(), lr: 1e-3);
        using Tensor x = torch.randn(2, 3, 32, 32);
        using Tensor target = torch.randint(0, 3, [2, 32, 32]);

        double firstLoss = 0, lastLoss = 0;
        Tensor? lastLoss_ = null;
        void Step(int i)
        {
            using var scope = torch.NewDisposeScope();
            (Tensor loss, _) = network.Loss(network.ForwardNamed(x), target);
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
            double value = loss.item<float>();
            if (i == 0) firstLoss = value;
            lastLoss = value;
            lastLoss_ = loss;
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
        output.WriteLine($"VmRSS after {Warmup} warm-up steps: {afterWarmup / 1048576.0:F1} MB");
        output.WriteLine($"VmRSS after {Iterations} steps:      {atEnd / 1048576.0:F1} MB");
        output.WriteLine($"growth: {growthMb:F1} MB (allowed {AllowedGrowthMb} MB); {clock.Elapsed.TotalSeconds:F1} s; loss {firstLoss:F4} -> {lastLoss:F4}");

        Assert.True(lastLoss_!.IsInvalid, "the step's scope did not dispose its intermediates");
        Assert.True(lastLoss < firstLoss, $"the loop did not train: loss {firstLoss} -> {lastLoss}");
        Assert.True(growthMb < AllowedGrowthMb, $"resident memory grew {growthMb:F1} MB over {Iterations - Warmup} steps");
    }

    [Fact]
    public void Disposing_a_scope_returns_a_large_tensors_memory()
    {
        // Guards the mechanism the test above relies on: a scope really frees native memory.
        var scope = torch.NewDisposeScope();
        Tensor big = torch.zeros(16, 1024, 1024); // 64 MB
        long withTensor = ResidentBytes();
        big.fill_(Scalars.One);
        long touched = ResidentBytes();
        scope.Dispose();
        Assert.True(big.IsInvalid);
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
