using System.Linq;
using Segment.Examples.Networks;
using Segment.Imaging.Data;
using Segment.Runtime.Data;
using Segment.Runtime.Distributed;
using Segment.Runtime.NN;
using Xunit;

namespace Segment.Training.Tests.Distributed;

/// <summary>DistributedSampler's sharding, the loader's shards, and the gradient buckets.</summary>
public sealed class ShardingTests
{
    [Fact]
    public void Training_shards_take_every_nth_position_padded_from_the_start_as_DistributedSampler()
    {
        int[] order = [7, 3, 9, 1, 4];
        // torch: total_size = ceil(5 / 3) * 3 = 6, indices += indices[:1], rank r takes indices[r:6:3].
        Assert.Equal([7, 1], Sharding.ForTraining(order, 0, 3));
        Assert.Equal([3, 4], Sharding.ForTraining(order, 1, 3));
        Assert.Equal([9, 7], Sharding.ForTraining(order, 2, 3));
        // More ranks than items: the padding wraps around as often as needed.
        Assert.Equal([3], Sharding.ForTraining([2, 3], 3, 4));
    }

    [Fact]
    public void Evaluation_shards_cover_every_item_exactly_once()
    {
        var items = Enumerable.Range(0, 11).ToList();
        var shares = Enumerable.Range(0, 4).Select(r => Sharding.ForEvaluation(items, r, 4)).ToList();
        Assert.Equal(items, shares.SelectMany(s => s).Order());
        Assert.Equal([3, 3, 3, 2], shares.Select(s => s.Count));
        Assert.Equal(shares.Select(s => s.Count), Enumerable.Range(0, 4).Select(r => Sharding.EvaluationShare(11, r, 4)));
    }

    [Fact]
    public void A_global_batch_of_two_shards_holds_the_samples_of_one_process_batch_with_the_same_augmentation()
    {
        string root = TinyDuts.Write(train: 8, val: 1, trainSize: 72, valSizes: [(64, 64)]);
        Dataset set = Dataset.Open(new DatasetOptions(DatasetLayout.Duts, root) { Split = "train" });
        var transform = TransformPresets.U2NetTrain(resize: 72, crop: 64);
        SegmentationLoader Loader(int batch, int rank, int count) => new(set, transform,
            new LoaderOptions { BatchSize = batch, Seed = 3, Workers = 1, Prefetch = 1, ShardRank = rank, ShardCount = count });
        var one = Loader(4, 0, 1).Epoch(1).ToList();
        var rank0 = Loader(2, 0, 2).Epoch(1).ToList();
        var rank1 = Loader(2, 1, 2).Epoch(1).ToList();
        Assert.Equal(one.Count, rank0.Count);
        Assert.Equal(one.Count, rank1.Count);
        for (int b = 0; b < one.Count; b++)
        {
            Assert.Equal(one[b].Indices.Order(), rank0[b].Indices.Concat(rank1[b].Indices).Order());
            for (int i = 0; i < 2; i++)
            {
                int k0 = one[b].Indices.ToList().IndexOf(rank0[b].Indices[i]);
                Assert.True(one[b].Images[k0].allclose(rank0[b].Images[i], rtol: 0, atol: 0), "a sample's augmentation depends on (seed, epoch, index) only");
            }
        }
        foreach (Batch batch in one.Concat(rank0).Concat(rank1))
            batch.Dispose();
    }

    [Fact]
    public void Gradient_buckets_hold_every_parameter_once_and_averaging_identical_ranks_keeps_the_gradient()
    {
        using ISegmentationNetwork network = GeneratedNetworks.Create("u2net-small4");
        var module = (torch.nn.Module)network;
        var parameters = module.parameters().ToList();
        long bytes = parameters.Sum(p => p.numel() * 4);
        var averager = new GradientAverager(parameters, new MirrorCommunicator(2), bucketBytes: 64 * 1024);
        Assert.Equal(bytes, averager.BytesPerStep);
        Assert.True(averager.BucketCount > 1, "small buckets split the parameters");
        Assert.Equal(1, new GradientAverager(parameters, new MirrorCommunicator(2)).BucketCount);

        using Scalar quarter = 0.25.ToScalar();
        using (torch.no_grad())
            foreach (var p in parameters)
                p.grad = torch.full_like(p, quarter);
        averager.Average();
        Assert.All(parameters, p => Assert.True(p.grad!.allclose(torch.full_like(p, quarter)), "(0.25 + 0.25) / 2"));
        Assert.Equal(1, averager.Steps);
    }
}
