using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Segment.Runtime;
using Segment.Runtime.NN;
using Segment.Runtime.NN.Blocks;
using Xunit;

namespace Segment.NN.Tests;

/// <summary>
/// Each module and block against PyTorch with the same weights and statistics: a train-mode
/// forward and backward (outputs, input and parameter gradients, running statistics afterwards),
/// then eval-mode forwards both folded (no_grad) and unfolded (grad enabled).
/// </summary>
public class ForwardTests
{
    private const double Tol = 1e-5;

    // The C# twin of each case in nn_modules.py's FORWARD_CASES.
    private static readonly Dictionary<string, Func<nn.Module<Tensor, Tensor>>> Cases = new()
    {
        ["conv2d"] = () => nn.Conv2d(4, 6, 3, stride: 2, padding: 1L, dilation: 2, groups: 2),
        ["conv2d_nobias"] = () => nn.Conv2d(3, 5, (3, 1), padding: (1, 0), bias: false),
        ["conv_transpose2d"] = () => nn.ConvTranspose2d(6, 4, 2, stride: 2),
        ["conv_transpose2d_groups"] = () => nn.ConvTranspose2d(4, 6, 3, stride: 2, padding: 1, output_padding: 1, groups: 2),
        ["batchnorm2d"] = () => nn.BatchNorm2d(5),
        ["relu"] = () => nn.ReLU(),
        ["sigmoid"] = () => nn.Sigmoid(),
        ["maxpool2d_ceil"] = () => nn.MaxPool2d(2, stride: 2, ceil_mode: true),
        ["maxpool2d_pad"] = () => nn.MaxPool2d(3, stride: 2, padding: 1),
        ["convbnrelu"] = () => new ConvBnRelu(3, 8),
        ["convbnrelu_dilated"] = () => new ConvBnRelu(4, 6, 3, dilation: 2),
        ["doubleconv"] = () => new DoubleConv(3, 8, 4),
        ["doubleconv_default"] = () => new DoubleConv(4, 6),
        ["vggblock"] = () => new VggBlock(3, 5, 7),
        ["sequential_down"] = () => nn.Sequential(nn.MaxPool2d(2, stride: 2), new DoubleConv(3, 4)),
    };

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [Fact]
    public void Every_oracle_case_has_a_twin()
    {
        var names = Oracles.Json(Oracles.Modules, "forward.json").EnumerateArray().Select(c => c.GetProperty("name").GetString()!);
        Assert.Equal(names.OrderBy(n => n), Cases.Keys.OrderBy(n => n));
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Train_step_matches_pytorch(string name)
    {
        var (dir, keys, parameters) = Case(name);
        using var m = Cases[name]();
        using var scope = torch.NewDisposeScope();
        Segment.Runtime.Serialization.StateDicts.Load(m, Oracles.LoadStateDict(dir, keys, "start."));
        Assert.Equal(parameters, m.named_parameters().Select(p => p.name));

        m.train();
        Tensor x = Oracles.Load(dir, "x").requires_grad_();
        Tensor y = m.forward(x.mul(Scalars.One));
        Close.Assert(Oracles.Load(dir, "train_y"), y, Tol, Tol, $"{name} train output");
        y.mul(Oracles.Load(dir, "r")).sum().backward();
        // Gradients sum many products: allow float32 accumulation-order differences relative to their size.
        Close.Assert(Oracles.Load(dir, "train_xgrad"), x.grad!, Tol, 1e-4, $"{name} input gradient");
        foreach (var (pname, p) in m.named_parameters())
            Close.Assert(Oracles.Load(dir, "grad." + pname), p.grad!, Tol, 1e-4, $"{name} gradient of {pname}");
        foreach (var (key, value) in Segment.Runtime.Serialization.StateDicts.Ordered(m))
            Close.Assert(Oracles.Load(dir, "after." + key), value, Tol, Tol, $"{name} {key} after the train step");
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Eval_matches_pytorch_folded_and_unfolded(string name)
    {
        var (dir, keys, _) = Case(name);
        using var m = Cases[name]();
        using var scope = torch.NewDisposeScope();
        // The state after PyTorch's train step, so the statistics are the ones its eval run used.
        Segment.Runtime.Serialization.StateDicts.Load(m, Oracles.LoadStateDict(dir, keys, "after."));
        m.eval();
        Tensor x = Oracles.Load(dir, "x");
        Tensor expected = Oracles.Load(dir, "eval_y");

        Tensor folded;
        using (torch.no_grad())
            folded = m.forward(x.clone());           // blocks fold BN into their convs here
        Tensor unfolded = m.forward(x.clone());      // grad enabled, parameters require grad: conv then BN
        Close.Assert(expected, folded, Tol, Tol, $"{name} eval output (no_grad, folded)");
        Close.Assert(expected, unfolded, Tol, Tol, $"{name} eval output (grad enabled, unfolded)");
        Close.Assert(unfolded, folded, Tol, Tol, $"{name} folded vs unfolded");

        Tensor inference;
        using (torch.inference_mode())
            inference = m.forward(x.clone());
        Close.Assert(expected, inference, Tol, Tol, $"{name} eval output (inference_mode)");
    }

    private static (string Dir, string[] Keys, string[] Parameters) Case(string name)
    {
        JsonElement c = Oracles.Json(Oracles.Modules, "forward.json").EnumerateArray().Single(e => e.GetProperty("name").GetString() == name);
        string[] Strings(string p) => c.GetProperty(p).EnumerateArray().Select(k => k.GetString()!).ToArray();
        return (Path.Combine(Oracles.Modules, "forward", name), Strings("keys"), Strings("parameters"));
    }
}
