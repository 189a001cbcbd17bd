using System;
using System.Collections.Generic;
using System.Linq;
using Segment.Runtime.Serialization;
using Segment.Runtime.Training;

namespace Segment.Runtime.Distributed;

/// <summary>
/// Same start on every rank: rank 0's weights (its fresh initialisation, or what it resumed) and, on a
/// resume, its resume position and optimizer state go to every other rank in one broadcast. Only rank 0
/// reads the run's files, so a resume works with another rank count and without a shared file system.
/// </summary>
internal static class RankZeroStart
{
    private const string Model = "model.";

    /// <summary>Every rank's module (and optimizer, with <paramref name="state"/>) as rank 0's; returns rank 0's state.</summary>
    public static TrainingState Share(ICommunicator communicator, torch.nn.Module module, torch.optim.Optimizer optimizer, TrainingState state, bool withOptimizer)
    {
        if (!communicator.IsDistributed())
            return state;
        byte[]? blob = null;
        if (communicator.IsWriter())
        {
            using var scope = torch.NewDisposeScope();
            var tensors = StateDicts.Ordered(module).Select(kv => new KeyValuePair<string, Tensor>(Model + kv.Key, kv.Value)).ToList();
            tensors.AddRange(state.ToTensors());
            if (withOptimizer)
                tensors.AddRange(OptimizerStates.ToTensors(optimizer));
            blob = TensorBlob.Pack(tensors);
        }
        blob = communicator.Broadcast(blob);
        if (communicator.IsWriter())
            return state;
        Dictionary<string, Tensor> received = TensorBlob.Unpack(blob);
        try
        {
            const string from = "rank 0's start state";
            StateDicts.Load(module, received.Where(kv => kv.Key.StartsWith(Model, StringComparison.Ordinal))
                .ToDictionary(kv => kv.Key[Model.Length..], kv => kv.Value, StringComparer.Ordinal));
            if (withOptimizer)
                OptimizerStates.Load(optimizer, received, from);
            return TrainingState.FromTensors(received, from);
        }
        finally
        {
            foreach (Tensor t in received.Values)
                t.Dispose();
        }
    }
}
