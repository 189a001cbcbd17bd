using System;
using System.Collections.Generic;
using System.Globalization;

namespace Segment.Runtime.NN;

/// <summary>
/// torch.nn.Sequential: runs its children in order. Children are named "0", "1", ... unless
/// names are given. Intermediate results are disposed as soon as the next child has consumed
/// them (autograd keeps what it needs), so long chains do not wait for a scope or the GC.
/// </summary>
public class Sequential : Module<Tensor, Tensor>
{
    private readonly List<Module<Tensor, Tensor>> _steps = new();

    public Sequential(params Module<Tensor, Tensor>[] modules)
    {
        ArgumentNullException.ThrowIfNull(modules);
        foreach (var m in modules)
            append(m);
    }

    public Sequential(params (string name, Module<Tensor, Tensor> module)[] modules)
    {
        ArgumentNullException.ThrowIfNull(modules);
        foreach (var (name, m) in modules)
            _steps.Add(register_module(name, m));
    }

    public Module<Tensor, Tensor> this[int index] => _steps[index];

    public int Count => _steps.Count;

    /// <summary>Adds a module as the next numbered child.</summary>
    public Sequential append(Module<Tensor, Tensor> module)
    {
        _steps.Add(register_module(_steps.Count.ToString(CultureInfo.InvariantCulture), module));
        return this;
    }

    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        Tensor x = input;
        foreach (var step in _steps)
        {
            Tensor y = step.forward(x);
            // In-place children (ReLU(inplace)) hand back the same tensor: keep it. Never dispose the caller's input.
            if (!ReferenceEquals(x, input) && !ReferenceEquals(x, y))
                x.Dispose();
            x = y;
        }
        return x;
    }
}
