using System.Linq;
using System.Text.Json;
using Segment.Runtime;
using Segment.Runtime.NN;
using Xunit;

namespace Segment.NN.Tests;

/// <summary>State-dict keys, order, shapes and dtypes, and the other name listings, equal PyTorch's for a model using every module and block.</summary>
public class StructureTests
{
    private static JsonElement Expected => Oracles.Json(Oracles.Modules, "structure.json");

    [Fact]
    public void State_dict_keys_order_shapes_and_dtypes_equal_pytorch()
    {
        using var net = new TinyNet();
        var expected = Expected.GetProperty("state_dict").EnumerateArray()
            .Select(e => $"{e[0].GetString()} [{string.Join(", ", e[1].EnumerateArray().Select(d => d.GetInt64()))}] {e[2].GetString()}")
            .ToArray();
        using var scope = torch.NewDisposeScope();
        var actual = Segment.Runtime.Serialization.StateDicts.Ordered(net).Select(kv => $"{kv.Key} [{string.Join(", ", kv.Value.shape)}] {kv.Value.dtype.TorchName()}").ToArray();
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Named_parameters_buffers_and_modules_equal_pytorch()
    {
        using var net = new TinyNet();
        JsonElement e = Expected;
        Assert.Equal(e.GetProperty("parameters").EnumerateArray().Select(x => x.GetString()!), net.named_parameters().Select(p => p.name));
        Assert.Equal(e.GetProperty("buffers").EnumerateArray().Select(x => x.GetString()!), net.named_buffers().Select(b => b.name));
        // The oracle leaves out ReLU children (stateless; ConvBnRelu and VggBlock apply relu functionally). TorchSharp's
        // named_modules() lists the children before the grandchildren and leaves out the module itself (PyTorch's
        // is depth-first from ""): the same set of modules, in another order.
        Assert.Equal(e.GetProperty("modules").EnumerateArray().Select(x => x.GetString()!).Where(n => n.Length > 0).OrderBy(n => n, System.StringComparer.Ordinal),
                     net.named_modules().Where(m => m.module is not TorchSharp.Modules.ReLU).Select(m => m.name).OrderBy(n => n, System.StringComparer.Ordinal));
    }

    [Fact]
    public void Parameter_count_equals_pytorch()
    {
        using var net = new TinyNet();
        Assert.Equal(Expected.GetProperty("parameter_count").GetInt64(), net.parameter_count());
    }

    [Fact]
    public void Parameters_require_grad_and_buffers_do_not()
    {
        using var net = new TinyNet();
        Assert.All(net.parameters(), p => Assert.True(p.requires_grad));
        Assert.All(net.buffers(), b => Assert.False(b.requires_grad));
    }

    [Fact]
    public void Train_and_eval_reach_every_descendant()
    {
        using var net = new TinyNet();
        Assert.All(net.modules(), m => Assert.True(m.training));
        net.eval();
        Assert.All(net.modules(), m => Assert.False(m.training));
        net.train();
        Assert.All(net.modules(), m => Assert.True(m.training));
    }
}
