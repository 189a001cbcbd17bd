using System;
using System.Collections.Generic;

namespace Segment.Runtime.Distributed;

/// <summary>
/// How the ranks split a list of positions, as PyTorch's DistributedSampler does: rank r takes positions
/// r, r + N, r + 2N, ... of the (shuffled) order. For training the order is first padded with its own start
/// to a multiple of N, so every rank runs the same number of steps (<see cref="ForTraining"/>); evaluation and
/// prediction take every item exactly once and the ranks' shares may differ by one (<see cref="ForEvaluation"/>).
/// </summary>
public static class Sharding
{
    /// <summary>Rank <paramref name="rank"/>'s share of <paramref name="order"/>, padded: ceil(n / N) items.</summary>
    public static int[] ForTraining(IReadOnlyList<int> order, int rank, int size)
    {
        Check(rank, size);
        if (order.Count == 0)
            return [];
        int perRank = (order.Count + size - 1) / size;
        var share = new int[perRank];
        for (int k = 0; k < perRank; k++)
            share[k] = order[(rank + k * size) % order.Count];
        return share;
    }

    /// <summary>Rank <paramref name="rank"/>'s share of <paramref name="items"/> without padding: every item on exactly one rank.</summary>
    public static List<T> ForEvaluation<T>(IReadOnlyList<T> items, int rank, int size)
    {
        Check(rank, size);
        var share = new List<T>();
        for (int i = rank; i < items.Count; i += size)
            share.Add(items[i]);
        return share;
    }

    /// <summary>Items per rank in training: the padded share's length.</summary>
    public static int TrainingShare(int count, int size) => count == 0 ? 0 : (count + size - 1) / size;

    /// <summary>Items rank <paramref name="rank"/> gets in evaluation: count / N, one more for the first count mod N ranks.</summary>
    public static int EvaluationShare(int count, int rank, int size) => count / size + (rank < count % size ? 1 : 0);

    private static void Check(int rank, int size)
    {
        if (size < 1)
            throw new ArgumentOutOfRangeException(nameof(size), size, "at least one rank");
        if (rank < 0 || rank >= size)
            throw new ArgumentOutOfRangeException(nameof(rank), rank, $"a rank of 0 to {size - 1}");
    }
}
