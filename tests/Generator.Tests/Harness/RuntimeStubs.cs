using System.Collections.Generic;

namespace Segment.Generator.Tests.Harness;

/// <summary>
/// Minimal stand-ins for runtime contract types (docs/architecture.md) that src/Runtime does not
/// define yet, so generated code is compile-checked today. Each stub is used only while the real
/// type is missing; once the runtime has them all, this adds nothing and the real assembly is checked.
/// </summary>
internal static class RuntimeStubs
{
    private const string Conv2d = """
        namespace Segment.Runtime.NN
        {
            public sealed class Conv2d : Module<global::Segment.Runtime.Tensor, global::Segment.Runtime.Tensor>
            {
                public Conv2d(long in_channels, long out_channels, long kernel_size, long stride = 1, long padding = 0, long dilation = 1, long groups = 1, bool bias = true) { }
                public override global::Segment.Runtime.Tensor forward(global::Segment.Runtime.Tensor x) => x;
            }
        }
        """;

    private const string ConvBnRelu = """
        namespace Segment.Runtime.NN.Blocks
        {
            public sealed class ConvBnRelu : global::Segment.Runtime.NN.Module<global::Segment.Runtime.Tensor, global::Segment.Runtime.Tensor>
            {
                public ConvBnRelu(long inChannels, long outChannels, long kernelSize = 3, long dilation = 1) { }
                public override global::Segment.Runtime.Tensor forward(global::Segment.Runtime.Tensor x) => x;
            }
        }
        """;

    public static IEnumerable<string> ForMissingTypes()
    {
        var runtime = typeof(Segment.Runtime.Tensor).Assembly;
        if (runtime.GetType("Segment.Runtime.NN.Conv2d") is null)
            yield return Conv2d;
        if (runtime.GetType("Segment.Runtime.NN.Blocks.ConvBnRelu") is null)
            yield return ConvBnRelu;
    }
}
