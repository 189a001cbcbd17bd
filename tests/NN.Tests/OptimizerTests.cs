using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using TorchSharp.Modules;
using Xunit;

namespace Segment.NN.Tests;

/// <summary>
/// TorchSharp's Adam, AdamW and SGD (what trains the generated networks) against torch.optim over
/// several steps on the same gradients (nn_optim.py): the same trajectories as the seeds' training.
/// </summary>
public class OptimizerTests
{
    // The C# twin of each configuration in nn_optim.py's CONFIGS.
    private static readonly Dictionary<string, Func<IEnumerable<Parameter>, torch.optim.Optimizer>> Configs = new()
    {
        ["adam"] = ps => torch.optim.Adam(ps, lr: 1e-2),
        ["adam_wd_betas"] = ps => torch.optim.Adam(ps, lr: 3e-2, beta1: 0.8, beta2: 0.99, eps: 1e-6, weight_decay: 0.1),
        ["adam_amsgrad"] = ps => torch.optim.Adam(ps, lr: 1e-2, weight_decay: 0.01, amsgrad: true),
        // TorchSharp's AdamW defaults weight_decay to 0 (PyTorch: 0.01): give it explicitly.
        ["adamw"] = ps => torch.optim.AdamW(ps, lr: 1e-2, weight_decay: 0.05),
        ["sgd"] = ps => torch.optim.SGD(ps, 0.1),
        ["sgd_momentum"] = ps => torch.optim.SGD(ps, 0.05, momentum: 0.9),
        ["sgd_momentum_wd_dampening"] = ps => torch.optim.SGD(ps, 0.05, momentum: 0.9, weight_decay: 1e-2, dampening: 0.3),
        ["sgd_nesterov"] = ps => torch.optim.SGD(ps, 0.05, momentum: 0.9, weight_decay: 1e-2, nesterov: true),
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
        Parameter[] ps = Enumerable.Range(0, count).Select(i => new Parameter(Oracles.Load(dir, $"p{i}"))).ToArray();
        using torch.optim.Optimizer opt = Configs[config](ps);
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
}
