using System;
using System.Collections.Generic;
using Segment.Runtime.Metrics;

namespace Segment.Runtime.Distributed;

/// <summary>
/// Validation split over the ranks, combined so that the metrics are those of one process, bit for bit: every
/// image's own contribution (its MAE and 255 precision / recall values; its Dice) goes into its row of a table
/// indexed by dataset position, zero elsewhere; one allreduce fills the table on every rank (adding zeros is
/// exact) and the rows are added in dataset order, the order one process adds them in. The confusion matrix
/// is counts, summed exactly (as doubles: exact below 2^53 pixels).
/// </summary>
internal sealed class ShardedMetrics
{
    private readonly ICommunicator communicator;
    private readonly int images;
    private readonly int rowLength;
    private readonly double[] rows;
    private readonly bool[] seen;

    public ShardedMetrics(ICommunicator communicator, int images, int rowLength)
    {
        this.communicator = communicator;
        this.images = images;
        this.rowLength = rowLength;
        rows = new double[checked(images * rowLength)];
        seen = new bool[images];
    }

    /// <summary>The row of dataset image <paramref name="index"/>, to fill on the rank that measured it.</summary>
    public Span<double> Row(int index)
    {
        if (seen[index])
            throw new InvalidOperationException($"image {index} measured twice: the evaluation shards overlap");
        seen[index] = true;
        return rows.AsSpan(index * rowLength, rowLength);
    }

    /// <summary>Every rank's rows on every rank, in dataset order (the images no rank measured are skipped).</summary>
    public IEnumerable<double[]> Combined()
    {
        communicator.AllReduceSum(rows);
        var present = new double[images];
        for (int i = 0; i < images; i++)
            present[i] = seen[i] ? 1 : 0;
        communicator.AllReduceSum(present);
        for (int i = 0; i < images; i++)
            if (present[i] > 0)
                yield return rows.AsSpan(i * rowLength, rowLength).ToArray();
    }

    /// <summary>The one-class metrics of all ranks' images.</summary>
    public static MaeMaxF CombineMaeMaxF(ShardedMetrics table)
    {
        var total = new MaeMaxF();
        foreach (double[] row in table.Combined())
            total.add_image_row(row);
        return total;
    }

    /// <summary>Counts summed over the ranks (exact).</summary>
    public static long[,] SumCounts(ICommunicator communicator, long[,] counts)
    {
        int n = counts.GetLength(0), m = counts.GetLength(1);
        var flat = new double[n * m];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < m; j++)
                flat[i * m + j] = counts[i, j];
        communicator.AllReduceSum(flat);
        var result = new long[n, m];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < m; j++)
                result[i, j] = checked((long)flat[i * m + j]);
        return result;
    }
}
