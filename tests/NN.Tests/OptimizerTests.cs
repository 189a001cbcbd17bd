using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Segment.Runtime;
using Segment.Runtime.Optim;
using Xunit;

namespace Segment.NN.Tests;

/// <summary>Adam and SGD against torch.optim over several steps on the same gradients (nn_optim.py).</summary>
public class OptimizerTests
{
    // The C# twin of each configuration in nn_optim.py's CONFIGS.
    private static readonly Dictionary<string, Func<IEnumerable<Tensor>, Optimizer>> Configs = new()
    {
        ["adam"] = ps => new Adam(ps, lr: 1e-2),
        ["adam_wd_betas"] = ps => new Adam(ps, lr: 3e-2, betas: (0.8, 0.99), eps: 1e-6, weight_decay: 0.1),
        ["adam_amsgrad"] = ps => new Adam(ps, lr: 1e-2, weight_decay: 0.01, amsgrad: true),
        ["sgd"] = ps => new SGD(ps, lr: 0.1),
        ["sgd_momentum"] = ps => new SGD(ps, lr: 0.05, momentum: 0.9),
        ["sgd_momentum_wd_dampening"] = ps => new SGD(ps, lr: 0.05, momentum: 0.9, weight_decay: 1e-2, dampening: 0.3),
        ["sgd_nesterov"] = ps => new SGD(ps, lr: 0.05, momentum: 0.9, weight_decay: 1e-2, nesterov: true),
    };

    public static TheoryData<string> ConfigNames => new(Configs.Keys);

    [Fact]
    public void Every_oracle_configuration_has_a_twin()
    {
        var names = Oracles.Json(Oracles.Optim, "optim.json").GetProperty("configs").EnumerateObject().Select(p => p.Name);
        Assert.Equal(names.OrderBy(n => n), Configs.Keys.OrderBy(n => n));
    }

    [Theory]
    [MemberData(nameof(ConfigNames))]
    public void Steps_match_torch_optim(string config)
    {
        string dir = Oracles.Optim;
        var meta = Oracles.Json(dir, "optim.json");
        int steps = meta.GetProperty("steps").GetInt32(), count = meta.GetProperty("params").GetInt32();
        using var scope = torch.NewDisposeScope();
        Tensor[] ps = Enumerable.Range(0, count).Select(i => Oracles.Load(dir, $"p{i}").requires_grad_()).ToArray();
        using Optimizer opt = Configs[config](ps);
        for (int step = 0; step < steps; step++)
        {
            opt.zero_grad();
            for (int i = 0; i < count; i++)
                ps[i].grad = Oracles.Load(dir, $"g{step}_{i}");
            opt.step();
            for (int i = 0; i < count; i++)
                Close.Assert(Oracles.Load(Path.Combine(dir, config), $"s{step}_{i}"), ps[i], 1e-7, 1e-6, $"{config} step {step + 1} parameter {i}");
        }
    }

    [Fact]
    public void Parameters_without_gradients_are_left_alone()
    {
        using var scope = torch.NewDisposeScope();
        Tensor a = torch.ones(3).requires_grad_(), b = torch.ones(3).requires_grad_();
        using var opt = new Adam([a, b], lr: 0.1);
        a.grad = torch.ones(3);
        opt.step();
        Assert.All(a.data<float>().ToArray(), v => Assert.True(v < 1));
        Assert.All(b.data<float>().ToArray(), v => Assert.Equal(1f, v));
    }

    [Fact]
    public void Optimizer_zero_grad_zeroes_or_drops()
    {
        using var scope = torch.NewDisposeScope();
        Tensor a = torch.ones(3).requires_grad_();
        using var opt = new SGD([a], lr: 0.1);
        a.grad = torch.ones(3);
        opt.zero_grad();
        Assert.Equal(0, a.grad!.abs().sum().ToDouble());
        opt.zero_grad(set_to_none: true);
        Assert.Null(a.grad);
    }

    [Fact]
    public void Invalid_settings_are_refused_as_pytorch_does()
    {
        using var scope = torch.NewDisposeScope();
        Tensor[] ps = [torch.ones(2).requires_grad_()];
        Assert.Throws<ArgumentException>(() => new SGD(ps, lr: 0.1, nesterov: true));
        Assert.Throws<ArgumentException>(() => new SGD(ps, lr: 0.1, momentum: 0.9, dampening: 0.1, nesterov: true));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(ps, lr: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(ps, betas: (1.0, 0.999)));
        Assert.Throws<ArgumentException>(() => new Adam(Array.Empty<Tensor>()));
    }
}
