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

    public ProgramBuilder(string input, TensorShape inputShape)
    {
        this.input = input;
        shapes[input] = inputShape;
    }

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

    public ForwardProgram Build(params string[] results) => new(input, steps.ToEquatableArray(), results.ToEquatableArray());

    private string Add(Step step)
    {
        steps.Add(step);
        shapes[step.Target] = step.Shape;
        return step.Target;
    }
}
