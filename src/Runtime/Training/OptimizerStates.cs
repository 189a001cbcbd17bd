using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using TorchSharp.Modules;

namespace Segment.Runtime.Training;

/// <summary>
/// A TorchSharp optimizer's per-parameter state as flat named tensors, so it goes into a <c>torch.save</c>
/// file the project's checkpoint writer writes and <c>torch.load</c> reads. TorchSharp 0.107 exposes the
/// state through <c>OptimizerHelper.state_dict()</c>: one <c>OptimizerState</c> per parameter in
/// parameter-group order, with public fields (<c>Adam.State</c> / <c>AdamW.State</c>: step, exp_avg,
/// exp_avg_sq, max_exp_avg_sq; <c>SGD.State</c>: momentum_buffer, null until the first step). Its own
/// <c>save_state_dict</c> writes a TorchSharp-only binary stream that PyTorch cannot read, hence this.
/// Keys: <c>optimizer.state.{i}.{field}</c> (PyTorch's names), the step as an int64 scalar.
/// </summary>
public static class OptimizerStates
{
    private const string Prefix = "optimizer.state.";

    /// <summary>Copies of the state tensors on the CPU (the caller disposes them).</summary>
    public static List<KeyValuePair<string, Tensor>> ToTensors(torch.optim.Optimizer optimizer)
    {
        var result = new List<KeyValuePair<string, Tensor>>();
        var states = States(optimizer);
        for (int i = 0; i < states.Count; i++)
        {
            string key = Prefix + i + ".";
            void Add(string field, Tensor? t)
            {
                if (t is not null)
                    result.Add(new(key + field, t.detach().cpu().clone()));
            }
            switch (states[i])
            {
                case AdamW.State s:
                    result.Add(new(key + "step", torch.tensor(s.step)));
                    Add("exp_avg", s.exp_avg); Add("exp_avg_sq", s.exp_avg_sq); Add("max_exp_avg_sq", s.max_exp_avg_sq);
                    break;
                case Adam.State s:
                    result.Add(new(key + "step", torch.tensor(s.step)));
                    Add("exp_avg", s.exp_avg); Add("exp_avg_sq", s.exp_avg_sq); Add("max_exp_avg_sq", s.max_exp_avg_sq);
                    break;
                case SGD.State s:
                    Add("momentum_buffer", s.momentum_buffer);
                    break;
                default:
                    throw new NotSupportedException($"saving the state of {optimizer.GetType().Name} is not supported (Adam, AdamW, SGD are)");
            }
        }
        return result;
    }

    /// <summary>
    /// Restores state written by <see cref="ToTensors"/> into an optimizer built the same way over the
    /// same parameters; every tensor's shape is checked first, so a mismatch changes nothing.
    /// </summary>
    /// <exception cref="InvalidDataException">A missing entry or a shape that does not fit.</exception>
    public static void Load(torch.optim.Optimizer optimizer, IReadOnlyDictionary<string, Tensor> source, string file)
    {
        var states = States(optimizer);
        var parameters = optimizer.parameters().ToList();
        if (parameters.Count != states.Count)
            throw new InvalidOperationException($"{states.Count} optimizer states for {parameters.Count} parameters");
        int stored = source.Keys.Where(k => k.StartsWith(Prefix, StringComparison.Ordinal)).Select(k => k[Prefix.Length..].Split('.')[0]).Distinct().Count();
        if (stored > states.Count)
            throw new InvalidDataException($"{file}: optimizer state for {stored} parameters, but the optimizer has {states.Count}");

        Tensor? Get(int i, string field, bool required)
        {
            if (source.TryGetValue(Prefix + i + "." + field, out Tensor? t))
            {
                if (field != "step" && !t.shape.SequenceEqual(parameters[i].shape))
                    throw new InvalidDataException($"{file}: {Prefix}{i}.{field} has shape [{string.Join(", ", t.shape)}], the parameter [{string.Join(", ", parameters[i].shape)}]");
                return t;
            }
            if (required)
                throw new InvalidDataException($"{file}: no {Prefix}{i}.{field} (was it written by another optimizer?)");
            return null;
        }

        // Check everything, then change.
        var plan = new List<Action>();
        for (int i = 0; i < states.Count; i++)
        {
            // A copy per iteration: the changes run after the loop, when i has moved on.
            Parameter parameter = parameters[i];
            Tensor Moved(Tensor t) => t.to(parameter.dtype).to(parameter.device).clone().DetachFromDisposeScope();
            switch (states[i])
            {
                case AdamW.State s:
                {
                    Tensor step = Get(i, "step", true)!, m = Get(i, "exp_avg", true)!, v = Get(i, "exp_avg_sq", true)!;
                    Tensor? max = Get(i, "max_exp_avg_sq", s.max_exp_avg_sq is not null);
                    plan.Add(() => { s.step = step.ToInt64(); Replace(ref s.exp_avg, Moved(m)); Replace(ref s.exp_avg_sq, Moved(v)); if (max is not null) { s.max_exp_avg_sq?.Dispose(); s.max_exp_avg_sq = Moved(max); } });
                    break;
                }
                case Adam.State s:
                {
                    Tensor step = Get(i, "step", true)!, m = Get(i, "exp_avg", true)!, v = Get(i, "exp_avg_sq", true)!;
                    Tensor? max = Get(i, "max_exp_avg_sq", s.max_exp_avg_sq is not null);
                    plan.Add(() => { s.step = step.ToInt64(); Replace(ref s.exp_avg, Moved(m)); Replace(ref s.exp_avg_sq, Moved(v)); if (max is not null) { s.max_exp_avg_sq?.Dispose(); s.max_exp_avg_sq = Moved(max); } });
                    break;
                }
                case SGD.State s:
                {
                    Tensor? buffer = Get(i, "momentum_buffer", false);
                    plan.Add(() => { if (buffer is not null) Replace(ref s.momentum_buffer, Moved(buffer)); });
                    break;
                }
                default:
                    throw new NotSupportedException($"loading the state of {optimizer.GetType().Name} is not supported (Adam, AdamW, SGD are)");
            }
        }
        foreach (Action change in plan)
            change();
    }

    private static List<OptimizerState> States(torch.optim.Optimizer optimizer) =>
        optimizer is OptimizerHelper helper
            ? helper.state_dict().State
            : throw new NotSupportedException($"{optimizer.GetType().Name} keeps its state in native code; Adam, AdamW and SGD are supported");

    private static void Replace(ref Tensor field, Tensor value)
    {
        field?.Dispose();
        field = value;
    }
}
