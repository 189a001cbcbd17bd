using System;
using System.Collections.Generic;
using System.Linq;
using Segment.Runtime.NN;

namespace Segment.Runtime.Optim;

/// <summary>
/// torch.optim.Optimizer with a single parameter group: <see cref="step"/> updates every
/// parameter that has a gradient, in place and outside autograd; state tensors (moments,
/// momentum buffers) belong to the optimizer and are freed by <see cref="Dispose()"/>.
/// </summary>
public abstract class Optimizer : IDisposable
{
    private readonly Tensor[] _parameters;
    private double _lr;

    protected Optimizer(IEnumerable<Tensor> parameters, double lr)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _parameters = parameters.ToArray();
        if (_parameters.Length == 0)
            throw new ArgumentException("optimizer got an empty parameter list", nameof(parameters));
        if (_parameters.Any(p => p is null))
            throw new ArgumentException("optimizer got a null parameter", nameof(parameters));
        this.lr = lr;
    }

    /// <summary>The learning rate; schedulers may change it between steps.</summary>
    public double lr
    {
        get => _lr;
        set
        {
            if (value < 0 || double.IsNaN(value))
                throw new ArgumentOutOfRangeException(nameof(lr), value, "Invalid learning rate: must be >= 0");
            _lr = value;
        }
    }

    public IReadOnlyList<Tensor> parameters => _parameters;

    /// <summary>One update of every parameter that has a gradient (as PyTorch 1.13, parameters without one are skipped).</summary>
    public void step()
    {
        try
        {
            using (torch.no_grad())
            using (torch.NewDisposeScope())
            {
                for (int i = 0; i < _parameters.Length; i++)
                {
                    Tensor? grad = _parameters[i].grad;
                    if (grad is null)
                        continue;
                    update(i, _parameters[i], grad);
                }
            }
        }
        finally
        {
            // Parameters changed in place (also when a later one failed): caches derived from them
            // (folded conv+BN weights) are stale.
            ParameterGeneration.Bump();
        }
    }

    /// <summary>
    /// Updates parameter <paramref name="index"/> in place. Runs under no_grad inside a dispose
    /// scope that frees temporaries: state kept across steps must be taken out of it
    /// (<see cref="KeepState"/>).
    /// </summary>
    protected abstract void update(int index, Tensor param, Tensor grad);

    /// <summary>Takes a state tensor out of the step's dispose scope; the optimizer frees it in Dispose.</summary>
    protected static Tensor KeepState(Tensor t) => t.DetachFromDisposeScope();

    /// <summary>Zeroes the gradients (PyTorch 1.13's default) or drops them with <paramref name="set_to_none"/>.</summary>
    public void zero_grad(bool set_to_none = false) => ZeroGrad(_parameters, set_to_none);

    internal static void ZeroGrad(IEnumerable<Tensor> parameters, bool set_to_none)
    {
        foreach (Tensor p in parameters)
        {
            using Tensor? g = p.grad;
            if (g is null)
                continue;
            if (set_to_none)
            {
                p.grad = null;
                continue;
            }
            // As PyTorch: a gradient with history (create_graph) is detached before zeroing.
            if (g.requires_grad)
            {
                using Tensor fresh = torch.zeros_like(g);
                p.grad = fresh;
            }
            else
            {
                g.zero_();
            }
        }
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected abstract void Dispose(bool disposing);

    /// <summary>Frees the non-null tensors of a state array.</summary>
    protected static void DisposeAll(Tensor?[] state)
    {
        ArgumentNullException.ThrowIfNull(state);
        for (int i = 0; i < state.Length; i++)
        {
            state[i]?.Dispose();
            state[i] = null;
        }
    }
}
