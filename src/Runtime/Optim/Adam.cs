using System;
using System.Collections.Generic;

namespace Segment.Runtime.Optim;

/// <summary>
/// torch.optim.Adam, PyTorch 1.13's single-tensor update in the same op order (so results match
/// to float rounding):
/// <code>
/// g = grad (+ weight_decay * p);  m = b1 m + (1 - b1) g;  v = b2 v + (1 - b2) g²
/// denom = sqrt(v or max(v_max, v)) / sqrt(1 - b2^t) + eps;  p -= lr / (1 - b1^t) * m / denom
/// </code>
/// </summary>
public sealed class Adam : Optimizer
{
    private readonly Tensor?[] exp_avg;
    private readonly Tensor?[] exp_avg_sq;
    private readonly Tensor?[] max_exp_avg_sq;
    private readonly long[] steps;

    public Adam(IEnumerable<Tensor> parameters, double lr = 1e-3, (double beta1, double beta2)? betas = null, double eps = 1e-8,
                double weight_decay = 0, bool amsgrad = false)
        : base(parameters, lr)
    {
        var (b1, b2) = betas ?? (0.9, 0.999);
        if (eps < 0)
            throw new ArgumentOutOfRangeException(nameof(eps), eps, "Invalid epsilon value: must be >= 0");
        if (b1 < 0 || b1 >= 1)
            throw new ArgumentOutOfRangeException(nameof(betas), b1, "Invalid beta parameter at index 0: must be in [0, 1)");
        if (b2 < 0 || b2 >= 1)
            throw new ArgumentOutOfRangeException(nameof(betas), b2, "Invalid beta parameter at index 1: must be in [0, 1)");
        if (weight_decay < 0)
            throw new ArgumentOutOfRangeException(nameof(weight_decay), weight_decay, "Invalid weight_decay value: must be >= 0");
        this.betas = (b1, b2);
        this.eps = eps;
        this.weight_decay = weight_decay;
        this.amsgrad = amsgrad;
        int n = this.parameters.Count;
        exp_avg = new Tensor?[n];
        exp_avg_sq = new Tensor?[n];
        max_exp_avg_sq = new Tensor?[n];
        steps = new long[n];
    }

    public (double beta1, double beta2) betas { get; }
    public double eps { get; }
    public double weight_decay { get; }
    public bool amsgrad { get; }

    protected override void update(int i, Tensor param, Tensor grad)
    {
        var (beta1, beta2) = betas;
        Tensor m = exp_avg[i] ??= KeepState(torch.zeros_like(param));
        Tensor v = exp_avg_sq[i] ??= KeepState(torch.zeros_like(param));
        long step = ++steps[i];

        if (weight_decay != 0)
            grad = grad.add(param, weight_decay);
        m.mul_(beta1).add_(grad, 1 - beta1);
        v.mul_(beta2).addcmul_(grad, grad, 1 - beta2);

        // Python floats: beta ** step with a float step, as PyTorch's _get_value(step_t) gives.
        double bias_correction1 = 1 - Math.Pow(beta1, step);
        double bias_correction2 = 1 - Math.Pow(beta2, step);
        double step_size = lr / bias_correction1;
        double bias_correction2_sqrt = Math.Sqrt(bias_correction2);

        Tensor second = v;
        if (amsgrad)
        {
            Tensor vmax = max_exp_avg_sq[i] ??= KeepState(torch.zeros_like(param));
            vmax.copy_(vmax.maximum(v));
            second = vmax;
        }
        Tensor denom = second.sqrt().div(bias_correction2_sqrt).add_(eps);
        param.addcdiv_(m, denom, -step_size);
    }

    protected override void Dispose(bool disposing)
    {
        if (!disposing)
            return;
        DisposeAll(exp_avg);
        DisposeAll(exp_avg_sq);
        DisposeAll(max_exp_avg_sq);
    }
}
