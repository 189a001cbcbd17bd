using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Segment.Runtime.Onnx.Proto;

namespace Segment.Runtime.Onnx;

/// <summary>
/// Builds one ONNX model, op by op, in the order a network's forward runs. Every op method takes
/// the names of its input values and returns the name of the value it produces, so generated
/// code reads like the forward it mirrors:
/// <code>
/// var g = new OnnxGraphBuilder("u2net", opset: 11);
/// string x = g.Input("input", ScalarType.Float32, new OnnxDim[] { "batch", 3, "height", "width" });
/// x = g.ConvBn(x, conv.weight, null, bn.weight, bn.bias, bn.running_mean, bn.running_var, 1e-5, "encode_modules.0.conv_in.conv", padding: (1, 1));
/// x = g.Relu(x);
/// g.Output("output", g.Sigmoid(x));
/// g.Save("u2net.onnx");
/// </code>
/// Weights become initializers named after the module's state_dict keys. The file is a pure
/// function of the calls made: no timestamps, no random names, insertion order everywhere.
/// The ops are split over OnnxGraphBuilder.*.cs by kind.
/// </summary>
public sealed partial class OnnxGraphBuilder
{
    /// <summary>What the builder knows about a value: enough to type graph outputs and to pick op forms.</summary>
    private readonly record struct ValueMeta(ScalarType Type, int? Rank);

    private readonly GraphProto _graph = new();
    private readonly Dictionary<string, ValueMeta> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _nodeNames = new(StringComparer.Ordinal);
    private readonly HashSet<string> _initializers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _outputs = new(StringComparer.Ordinal);
    // Values renamed by Output(): the old name keeps working for ops added afterwards.
    private readonly Dictionary<string, string> _aliases = new(StringComparer.Ordinal);
    // Which node produces each value, to rename it in place.
    private readonly Dictionary<string, NodeProto> _producers = new(StringComparer.Ordinal);
    private readonly List<StringStringEntryProto> _metadata = new();

    /// <param name="graphName">The graph's name (the network's, e.g. "u2net").</param>
    /// <param name="opset">ONNX opset, 11 to 17; <see cref="ArgumentOutOfRangeException"/> otherwise.</param>
    public OnnxGraphBuilder(string graphName, int opset = OnnxOpset.Default)
    {
        if (string.IsNullOrWhiteSpace(graphName))
            throw new ArgumentException("the graph needs a name, e.g. the network's", nameof(graphName));
        OnnxOpset.Check(opset);
        Opset = opset;
        IrVersion = OnnxOpset.IrVersionFor(opset);
        _graph.Name = graphName;
    }

    public string GraphName => _graph.Name;

    public int Opset { get; }

    /// <summary>The IR version written for <see cref="Opset"/> (11 -> 6, 12..14 -> 7, 15..17 -> 8).</summary>
    public long IrVersion { get; }

    /// <summary>"segment": the producer_name written into every model.</summary>
    public const string ProducerName = "segment";

    /// <summary>Declares a graph input. Symbolic dims ("batch", "height") make that axis dynamic.</summary>
    /// <returns>The value name to pass to ops (<paramref name="name"/> itself).</returns>
    public string Input(string name, ScalarType type, IReadOnlyList<OnnxDim> shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ClaimValueName(name, nameof(name));
        _graph.Input.Add(OnnxProto.ValueInfo(name, type, shape));
        _values[name] = new ValueMeta(type, shape.Count);
        return name;
    }

    /// <summary>
    /// Adds a named constant (a weight). The name should be the state_dict key it comes from.
    /// </summary>
    /// <returns>The value name (<paramref name="name"/> itself).</returns>
    public string Initializer(string name, OnnxTensorData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        ClaimValueName(name, nameof(name));
        _graph.Initializer.Add(OnnxProto.Tensor(name, data));
        _values[name] = new ValueMeta(data.DType, data.Rank);
        _initializers.Add(name);
        return name;
    }

    /// <summary>
    /// Declares <paramref name="value"/> a graph output called <paramref name="name"/>. When the value
    /// comes from an op it is renamed in place (no extra node); the old name stays usable.
    /// <paramref name="shape"/> optionally declares the output's shape; left out, the output is written
    /// with its rank and unknown dims, which readers infer.
    /// </summary>
    public void Output(string name, string value, IReadOnlyList<OnnxDim>? shape = null)
    {
        string source = Resolve(value, nameof(value));
        if (_outputs.Contains(name))
            throw new ArgumentException($"graph output '{name}' is already declared", nameof(name));
        ValueMeta meta = _values[source];
        if (shape is not null && meta.Rank is int r && r != shape.Count)
            throw new ArgumentException($"output '{name}' is declared with {shape.Count} dims but '{value}' has rank {r}", nameof(shape));

        if (name != source)
        {
            if (_producers.TryGetValue(source, out NodeProto? producer) && !_outputs.Contains(source))
                RenameValue(source, name, producer);
            else
                // A graph input, an initializer or an output already: ONNX needs a node to give it a second name.
                AddNode("Identity", name, new[] { source }, Array.Empty<AttributeProto>(), outputName: name);
        }
        ValueMeta outMeta = _values[name];
        if (shape is null && outMeta.Rank is null)
            throw new ArgumentException($"the rank of '{value}' is unknown: give output '{name}' a shape", nameof(shape));
        _graph.Output.Add(shape is not null
            ? OnnxProto.ValueInfo(name, outMeta.Type, shape)
            : OnnxProto.ValueInfoOfRank(name, outMeta.Type, outMeta.Rank!.Value));
        _outputs.Add(name);
    }

    /// <summary>Adds a metadata_props entry (e.g. the input normalisation); kept in call order.</summary>
    public void AddMetadata(string key, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        if (_metadata.Any(e => e.Key == key))
            throw new ArgumentException($"metadata key '{key}' is already set", nameof(key));
        _metadata.Add(new StringStringEntryProto { Key = key, Value = value });
    }

    /// <summary>The graph outputs declared so far, in order.</summary>
    public IReadOnlyList<string> OutputNames => _graph.Output.Select(o => o.Name).ToArray();

    /// <summary>The metadata_props entries added so far, in call order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Metadata =>
        _metadata.Select(e => new KeyValuePair<string, string>(e.Key, e.Value)).ToArray();

    /// <summary>The model message, without the nodes and initializers no output needs; every call returns an equal one.</summary>
    internal ModelProto Build()
    {
        if (_graph.Output.Count == 0)
            throw new InvalidOperationException($"graph '{GraphName}' has no outputs: declare them with Output(name, value)");
        var model = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = ProducerName,
            ProducerVersion = ProducerVersionString,
            Graph = _graph.Clone(),
        };
        RemoveDeadNodes(model.Graph);
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
        model.MetadataProps.AddRange(_metadata.Select(e => e.Clone()));
        return model;
    }

    // The assembly's version, not its informational version: that one carries a commit hash, and a
    // model must not change bytes just because the exporter was rebuilt from another commit.
    private static string ProducerVersionString =>
        typeof(OnnxGraphBuilder).Assembly.GetName().Version is { } v
            ? string.Create(CultureInfo.InvariantCulture, $"{v.Major}.{v.Minor}.{v.Build}")
            : "0.0.0";

    /// <summary>
    /// Adds a node with one output and returns that output's name. <paramref name="name"/> is the
    /// node's name (made unique) and the output's unless <paramref name="outputName"/> is given;
    /// <paramref name="outputMeta"/> is the output's type and rank, by default the first input's.
    /// </summary>
    private string AddNode(string opType, string? name, IReadOnlyList<string> inputs, IReadOnlyList<AttributeProto> attributes,
        ValueMeta? outputMeta = null, string? outputName = null)
    {
        var node = new NodeProto { OpType = opType };
        foreach (string input in inputs)
            node.Input.Add(input.Length == 0 ? "" : Resolve(input, nameof(inputs)));   // "" = optional input left out
        node.Name = UniqueNodeName(name ?? opType);
        string output = outputName ?? UniqueValueName(node.Name);
        ClaimValueName(output, nameof(outputName));
        node.Output.Add(output);
        node.Attribute.AddRange(attributes);
        _graph.Node.Add(node);
        _values[output] = outputMeta ?? _values[node.Input[0]];
        _producers[output] = node;
        return output;
    }

    private string Resolve(string value, string paramName)
    {
        ArgumentNullException.ThrowIfNull(value, paramName);
        while (_aliases.TryGetValue(value, out string? renamed))
            value = renamed;
        if (!_values.ContainsKey(value))
            throw new ArgumentException(
                $"'{value}' is not a value of graph '{GraphName}': pass a name returned by Input, Initializer or an op", paramName);
        return value;
    }

    private void RenameValue(string from, string to, NodeProto producer)
    {
        ClaimValueName(to, "name");
        for (int i = 0; i < producer.Output.Count; i++)
            if (producer.Output[i] == from)
                producer.Output[i] = to;
        foreach (NodeProto n in _graph.Node)
            for (int i = 0; i < n.Input.Count; i++)
                if (n.Input[i] == from)
                    n.Input[i] = to;
        _values[to] = _values[from];
        _values.Remove(from);
        _producers.Remove(from);
        _producers[to] = producer;
        _aliases[from] = to;
    }

    private void ClaimValueName(string name, string paramName)
    {
        if (string.IsNullOrEmpty(name))
            throw new ArgumentException("a value needs a non-empty name", paramName);
        if (_values.ContainsKey(name) || _aliases.ContainsKey(name))
            throw new ArgumentException($"graph '{GraphName}' already has a value named '{name}'", paramName);
    }

    // Node and value names get the same deterministic suffix rule: first free of name, name_1, name_2, ...
    private string UniqueNodeName(string name)
    {
        string candidate = name;
        for (int i = 1; !_nodeNames.Add(candidate); i++)
            candidate = $"{name}_{i}";
        return candidate;
    }

    private string UniqueValueName(string name)
    {
        string candidate = name;
        for (int i = 1; _values.ContainsKey(candidate) || _aliases.ContainsKey(candidate); i++)
            candidate = $"{name}_{i}";
        return candidate;
    }
}
