using System;
using System.Collections.Generic;
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
        using Scalar half = 0.5.ToScalar();
        Tensor target = x.mean([1], keepdim: true).gt(half).to(ScalarType.Float32);

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

    [Theory]
    [InlineData("u2netp", "encode_modules.2", new long[] { 1, 64, 16, 16 })]                // En3: a stage, after two ceil poolings of 64
    [InlineData("u2netp", "decode_modules.0.decode_modules.1", new long[] { 1, 16, 4, 4 })]  // a ConvBNReLU inside De5 (RSU-4F)
    [InlineData("unet32", "down2", new long[] { 1, 128, 16, 16 })]                          // a Sequential(MaxPool2d, DoubleConv)
    [InlineData("unet32", "up1.conv", new long[] { 1, 128, 8, 8 })]
    [InlineData("unetpp-3class", "conv1_1", new long[] { 1, 32, 32, 32 })]                   // a nested VGG block
    public void A_forward_hook_on_a_child_sees_its_feature_map_and_leaves_the_output_alone(string model, string child, long[] shape)
    {
        // Feature extraction, Grad-CAM and activation statistics register hooks on stages: the generated forward
        // must call its children through call(), which runs their hooks.
        torch.manual_seed(3);
        using ISegmentationNetwork network = Segment.Examples.Networks.GeneratedNetworks.Create(model);
        var module = (nn.Module)network;
        module.eval();
        var stage = (nn.Module<Tensor, Tensor>)module.named_modules().Single(m => m.name == child).module;
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        Tensor x = torch.rand(1, 3, 64, 64);
        Tensor before = network.Predict(x);

        var seen = new List<long[]>();
        Tensor? captured = null;
        var handle = stage.register_forward_hook((_, _, output) => { seen.Add(output.shape); captured = output.clone(); return output; });
        Tensor during = network.Predict(x);
        handle.remove();
        network.Predict(x);

        Assert.Equal([shape], seen);   // once per forward, and not after remove()
        Assert.True(captured!.abs().sum().item<float>() > 0, "the hook saw an empty map");
        Assert.True(during.eq(before).all().item<bool>(), "a hook that returns its output changed the network's output");
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
