using System;
using System.IO;
using System.Linq;
using Segment.Examples.Networks;
using Segment.Runtime.NN;
using Segment.TestSupport;
using Xunit;

namespace Segment.Networks.Tests;

/// <summary>
/// A generated network is a TorchSharp module like any other: it trains with TorchSharp's own optimizers on
/// parameters(), saves and loads with TorchSharp's module.save()/load(), moves with to(), runs through call()
/// (hooks included), and lists the seeds' keys in state_dict(). Nothing of the project's runtime is used here.
/// </summary>
public sealed class TorchSharpApiTests
{
    [Fact]
    public void Trains_with_AdamW_saves_loads_and_moves_through_TorchSharp_alone()
    {
        torch.manual_seed(0);
        using var net = new U2NetSmall4();
        using var scope = torch.NewDisposeScope();
        Tensor x = torch.rand(2, 3, 64, 64);
        Tensor target = x.mean([1], keepdim: true).gt(0.5).to(ScalarType.Float32);

        net.train();
        using var optimizer = torch.optim.AdamW(net.parameters(), lr: 1e-2, weight_decay: 0.01);
        double first = 0, last = 0;
        for (int step = 0; step < 8; step++)
        {
            using var stepScope = torch.NewDisposeScope();
            optimizer.zero_grad();
            using U2NetSmall4Output y = net.call(x);
            Tensor loss = F.binary_cross_entropy_with_logits(y.Fused, target);
            loss.backward();
            optimizer.step();
            last = loss.item<float>();
            if (step == 0) first = last;
        }
        Assert.True(last < first, $"AdamW steps did not lower the loss: {first} -> {last}");

        // TorchSharp's own file format, both ways.
        string path = Path.Combine(RepoPaths.NewTempDirectory("torchsharp-save"), "small4.dat");
        net.eval();
        net.save(path);
        using var copy = new U2NetSmall4();
        copy.load(path);
        copy.eval();
        using (torch.no_grad())
        {
            Tensor a = net.call(x).Probabilities!, b = copy.call(x).Probabilities!;
            Assert.True(a.allclose(b, rtol: 0, atol: 0), "a loaded copy gives other probabilities");
        }

        // to(): dtype and device through TorchSharp's extension methods; the blocks refold for the new dtype.
        net.to(ScalarType.Float64).to(torch.CPU);
        Assert.All(net.parameters(), p => Assert.Equal(ScalarType.Float64, p.dtype));
        using (torch.no_grad())
        {
            Tensor p64 = net.call(x.to(ScalarType.Float64)).Probabilities!;
            Tensor p32 = copy.call(x).Probabilities!;
            Assert.True(p64.to(ScalarType.Float32).allclose(p32, rtol: 1e-4, atol: 1e-5), "float64 and float32 probabilities differ");
        }

        Assert.Contains("encode_modules.0.conv_in.conv.weight", net.state_dict().Keys);
        Assert.Contains("decode_modules.2.decode_modules.0.bn.running_var", net.state_dict().Keys);
        Assert.Contains("out_conv.bias", net.state_dict().Keys);
        Assert.DoesNotContain(net.state_dict().Keys, k => k.StartsWith("En1.", StringComparison.Ordinal)); // no field-name duplicates
    }

    [Fact]
    public void Forward_hooks_run_through_call()
    {
        using var net = new U2NetSmall4();
        net.eval();
        int calls = 0;
        var handle = net.register_forward_hook((_, _, output) => { calls++; return output; });
        using (torch.no_grad())
        using (var scope = torch.NewDisposeScope())
            net.call(torch.rand(1, 3, 64, 64));
        Assert.Equal(1, calls);
        handle.remove();
    }

    [CudaFact]
    public void On_cuda_the_network_gives_the_cpu_probabilities()
    {
        torch.manual_seed(0);
        using var net = new U2NetSmall4();
        net.eval();
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        Tensor x = torch.rand(2, 3, 64, 64);
        Tensor cpu = net.call(x).Probabilities!;
        net.to(Devices.Parse("cuda"));
        Tensor gpu = net.call(x.cuda()).Probabilities!.cpu();
        Assert.True(gpu.allclose(cpu, rtol: 1e-3, atol: 1e-4), "CUDA and CPU probabilities differ");
    }

    [NoCudaFact]
    public void Asking_for_cuda_without_a_gpu_is_a_clear_error()
    {
        var e = Assert.Throws<ArgumentException>(() => Devices.Parse("cuda"));
        Assert.Contains("CUDA is not available", e.Message);
        Assert.Throws<ArgumentException>(() => Devices.Parse("tpu"));
        Assert.Equal(DeviceType.CPU, Devices.Parse("cpu").type);
    }
}
