using System.Collections.Generic;
using System.Linq;
using Segment.Runtime.Onnx.Proto;

namespace Segment.Runtime.Onnx;

public sealed partial class OnnxGraphBuilder
{
    /// <summary>
    /// Drops the nodes no graph output depends on, and the initializers only they read. A generated export
    /// replays the whole forward and then declares the outputs it was asked for, so this is what leaves out an
    /// undeclared aux head, or a UNet++'s deeper nodes when it is exported pruned to its first heads.
    /// </summary>
    private static void RemoveDeadNodes(GraphProto graph)
    {
        var live = new HashSet<string>(graph.Output.Select(o => o.Name), System.StringComparer.Ordinal);
        var kept = new List<NodeProto>(graph.Node.Count);
        for (int i = graph.Node.Count - 1; i >= 0; i--)
        {
            NodeProto node = graph.Node[i];
            if (!node.Output.Any(live.Contains))
                continue;
            kept.Add(node);
            foreach (string input in node.Input)
                live.Add(input);
        }
        kept.Reverse();
        var initializers = graph.Initializer.Where(t => live.Contains(t.Name)).ToList();
        graph.Node.Clear();
        graph.Node.AddRange(kept);
        graph.Initializer.Clear();
        graph.Initializer.AddRange(initializers);
    }
}
