using System;
using System.Collections.Generic;

namespace Segment.Runtime.Optim;

/// <summary>
/// torch.optim.SGD, PyTorch 1.13's single-tensor update:
/// <code>
/// g = grad (+ weight_decay * p)
/// momentum: buf = g (first step) else momentum * buf + (1 - dampening) * g;  g = nesterov ? g + momentum * buf : buf
/// p -= lr * g
/// </code>
/// </summary>
public sealed class SGD : Optimizer
{
    private readonly Tensor?[] momentum_buffer;

    public SGD(IEnumerable<Tensor> parameters, double lr, double momentum = 0, double weight_decay = 0, double dampening = 0, bool nesterov = false)
        : base(parameters, lr)
    {
        if (momentum < 0)
            throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "Invalid momentum value: must be >= 0");
        if (weight_decay < 0)
            throw new ArgumentOutOfRangeException(nameof(weight_decay), weight_decay, "Invalid weight_decay value: must be >= 0");
        if (nesterov && (momentum <= 0 || dampening != 0))
            throw new ArgumentException("Nesterov momentum requires a momentum and zero dampening", nameof(nesterov));
        this.momentum = momentum;
        this.weight_decay = weight_decay;
        this.dampening = dampening;
        this.nesterov = nesterov;
        momentum_buffer = new Tensor?[this.parameters.Count];
    }

    public double momentum { get; }
    public double weight_decay { get; }
    public double dampening { get; }
    public bool nesterov { get; }

    protected override void update(int i, Tensor param, Tensor grad)
    {
        Tensor d_p = grad;
        if (weight_decay != 0)
            d_p = d_p.add(param, weight_decay);
        if (momentum != 0)
        {
            Tensor? buf = momentum_buffer[i];
            if (buf is null)
            {
                buf = momentum_buffer[i] = KeepState(d_p.clone().detach());
            }
            else
            {
                buf.mul_(momentum).add_(d_p, 1 - dampening);
            }
            d_p = nesterov ? d_p.add(buf, momentum) : buf;
        }
        param.add_(d_p, -lr);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            DisposeAll(momentum_buffer);
    }
}
