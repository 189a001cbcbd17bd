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
        var actual = net.state_dict().Select(kv => $"{kv.Key} [{string.Join(", ", kv.Value.shape)}] {kv.Value.dtype.TorchName()}").ToArray();
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Named_parameters_buffers_and_modules_equal_pytorch()
    {
        using var net = new TinyNet();
        JsonElement e = Expected;
        Assert.Equal(e.GetProperty("parameters").EnumerateArray().Select(x => x.GetString()!), net.named_parameters().Select(p => p.name));
        Assert.Equal(e.GetProperty("buffers").EnumerateArray().Select(x => x.GetString()!), net.named_buffers().Select(b => b.name));
        // The oracle leaves out ReLU children (stateless; ConvBnRelu and VggBlock apply relu functionally).
        Assert.Equal(e.GetProperty("modules").EnumerateArray().Select(x => x.GetString()!),
                     net.named_modules().Where(m => m.module is not ReLU).Select(m => m.name));
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

    [Fact]
    public void Lookup_by_dotted_path_finds_nested_tensors_and_modules()
    {
        using var net = new TinyNet();
        Assert.Same(net.stem.conv.weight, net.get_parameter("stem.conv.weight"));
        Assert.Same(net.stem.bn.running_var, net.get_buffer("stem.bn.running_var"));
        Assert.Same(net.down, net.get_submodule("down"));
        Assert.IsType<Runtime.NN.Blocks.DoubleConv>(net.get_submodule("down.1"));
        Assert.Null(net.find_parameter("stem.conv.bias"));
        var e = Assert.Throws<System.Collections.Generic.KeyNotFoundException>(() => net.get_parameter("stem.nope.weight"));
        Assert.Contains("stem.nope.weight", e.Message);
    }
}
