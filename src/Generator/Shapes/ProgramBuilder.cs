using System.Collections.Generic;
using System.Linq;
using Segment.Generator.Model;

namespace Segment.Generator.Shapes;

/// <summary>Appends steps to a forward pass while tracking each tensor's shape, so shape rules live in one place.</summary>
internal sealed class ProgramBuilder
{
    private readonly string input;
    private readonly List<Step> steps = new();
    private readonly Dictionary<string, TensorShape> shapes = new();
    private readonly HashSet<string> names = new(System.StringComparer.Ordinal);

    public ProgramBuilder(string input, TensorShape inputShape)
    {
        this.input = input;
        shapes[input] = inputShape;
        names.Add(input.TrimStart('@'));
    }

    private bool IsTaken(string name) => names.Contains(name.TrimStart('@'));

    public TensorShape ShapeOf(string tensor) => shapes[tensor];

    /// <summary>A child module producing <paramref name="outChannels"/> at the same H x W.</summary>
    public string Module(string target, string module, string from, int outChannels) =>
        Add(new Step(target, OpKind.Module, new[] { from }.ToEquatableArray(), module, shapes[from].WithChannels(outChannels)));

    public string MaxPool(string target, string from) =>
        Add(new Step(target, OpKind.MaxPool, new[] { from }.ToEquatableArray(), null, shapes[from] with { Size = shapes[from].Size.Pooled() }));

    public string ResizeLike(string target, string from, string like) =>
        Add(new Step(target, OpKind.ResizeLike, new[] { from, like }.ToEquatableArray(), null, shapes[from] with { Size = shapes[like].Size }));

    public string ResizeToInput(string target, string from) =>
        Add(new Step(target, OpKind.ResizeToInput, new[] { from }.ToEquatableArray(), null, shapes[from] with { Size = shapes[input].Size }));

    public string Concat(string target, params string[] from) =>
        Add(new Step(target, OpKind.Concat, from.ToEquatableArray(), null, shapes[from[0]].WithChannels(from.Sum(f => shapes[f].Channels))));

    public string Sum(string target, string left, string right) =>
        Add(new Step(target, OpKind.Add, new[] { left, right }.ToEquatableArray(), null, shapes[left]));

    /// <summary>A child module whose output has its own size (UNet's Down, a transposed conv).</summary>
    public string Module(string target, string module, string from, TensorShape shape) =>
        Add(new Step(target, OpKind.Module, new[] { from }.ToEquatableArray(), module, shape));

    /// <summary>A two-input child (an attention gate: the decoder map <paramref name="gate"/> on <paramref name="skip"/>), output shaped as the skip.</summary>
    public string Gate(string target, string module, string gate, string skip) =>
        Add(new Step(target, OpKind.Module, new[] { gate, skip }.ToEquatableArray(), module, shapes[skip]));

    public string MaxPoolFloor(string target, string from) =>
        Add(new Step(target, OpKind.MaxPoolFloor, new[] { from }.ToEquatableArray(), null, shapes[from] with { Size = shapes[from].Size.PooledFloor() }));

    public string Upsample(string target, string from) =>
        Add(new Step(target, OpKind.Upsample, new[] { from }.ToEquatableArray(), null, shapes[from] with { Size = shapes[from].Size.Upsampled() }));

    public string PadLike(string target, string from, string like) =>
        Add(new Step(target, OpKind.PadLike, new[] { from, like }.ToEquatableArray(), null, shapes[from] with { Size = shapes[like].Size }));

    /// <summary>A copy that can be extended without changing this one (a pruned forward ends early with its own head).</summary>
    public ProgramBuilder Clone()
    {
        var copy = new ProgramBuilder(input, shapes[input]);
        copy.steps.AddRange(steps);
        foreach (var pair in shapes)
            copy.shapes[pair.Key] = pair.Value;
        copy.names.UnionWith(names);
        return copy;
    }

    /// <summary>Ends the program with one head module on <paramref name="from"/>, its result named "logits".</summary>
    public ForwardProgram BuildWith(string module, string from, int outChannels) => Build(Module("logits", module, from, outChannels));

    public ForwardProgram Build(params string[] results) => new(input, steps.ToEquatableArray(), results.ToEquatableArray());

    /// <summary>
    /// Adds the step under a local name no earlier step uses: a name derived from one stage can equal another's
    /// (stages "Stem" and "Stem_pooled" give two "stem_pooled"), so a taken name gets the first free "_2", "_3", ...
    /// suffix. '@' only escapes a keyword, so "@var" and "var" are the same local. Callers use the returned name.
    /// </summary>
    private string Add(Step step)
    {
        if (IsTaken(step.Target))
        {
            string target = step.Target;
            for (int n = 2; ; n++)
            {
                string candidate = target + "_" + n;
                if (!IsTaken(candidate))
                {
                    step = step with { Target = candidate };
                    break;
                }
            }
        }
        steps.Add(step);
        shapes[step.Target] = step.Shape;
        names.Add(step.Target.TrimStart('@'));
        return step.Target;
    }
}
