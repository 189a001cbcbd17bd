using System;
using System.Diagnostics;
using System.Threading;
using Xunit;

namespace Segment.Runtime.Tests;

/// <summary>
/// Metadata of a temporary (<c>torch.ones(...).shape</c>): once its handle is read the tensor is
/// unreachable, so without a keep-alive the finalizer can free the native tensor while the shim
/// is still reading it. Before the fix this crashed the test host within a few seconds. The
/// same holds for an op's input when only its optional arguments were kept alive.
/// </summary>
[Collection(nameof(MemoryTests))] // forces collections: keep it away from the RSS measurements and other tests
public sealed class FinalizerRaceTests
{
    [Fact]
    public void Metadata_of_unreachable_temporaries_survives_concurrent_finalization()
    {
        bool stop = false;
        var collector = new Thread(() =>
        {
            while (!Volatile.Read(ref stop))
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
        });
        collector.Start();
        long bad = 0, n = 0;
        try
        {
            var clock = Stopwatch.StartNew();
            while (clock.ElapsedMilliseconds < 3000)
            {
                long[] s = torch.ones(1, 2, 3, 4).shape;
                int d = torch.ones(5, 6).dim;
                long numel = torch.ones(7).numel;
                bool leaf = torch.ones(2).is_leaf;
                // Ops whose success path kept only the optional tensors alive, not the input.
                using (Tensor bn = F.batch_norm(torch.ones(2, 3, 8, 8), null, null, training: true))
                using (Tensor bce = F.binary_cross_entropy_with_logits(torch.zeros(4, 64), torch.ones(4, 64)))
                {
                    if (bn.numel != 384 || Math.Abs(bce.item() - Math.Log(2)) > 1e-6)
                        bad++;
                }
                n++;
                if (s.Length != 4 || s[3] != 4 || d != 2 || numel != 7 || !leaf)
                    bad++;
            }
        }
        finally
        {
            Volatile.Write(ref stop, true);
            collector.Join();
        }
        Assert.True(bad == 0, $"{bad} of {n} metadata reads saw a freed tensor");
    }
}
