using System;

namespace Segment.Runtime.NN;

/// <summary>
/// <see cref="ISegmentationPredictor"/> over a network on a TorchSharp device: eval mode, inference mode, every batch
/// checked against <see cref="MemoryBudget"/> first (a large input is refused, not left to libtorch's allocator).
/// The network stays the caller's: disposing the predictor restores its train/eval mode and nothing else.
/// </summary>
public sealed class TorchSharpPredictor : ISegmentationPredictor
{
    private readonly ISegmentationNetwork _network;
    private readonly Device _device;
    private readonly torch.nn.Module _module;
    private readonly bool _wasTraining;

    public TorchSharpPredictor(ISegmentationNetwork network, Device device)
    {
        _network = network ?? throw new ArgumentNullException(nameof(network));
        _device = device ?? throw new ArgumentNullException(nameof(device));
        _module = network as torch.nn.Module ?? throw new ArgumentException($"{network.Name} is not a module", nameof(network));
        _wasTraining = _module.training;
        _module.eval();
    }

    public int Classes => _network.Classes;

    public Tensor Probabilities(Tensor images) => Run(images, _network.Predict);

    /// <summary>The main output's logits (UNet's "out", UNet++'s last head, U²-Net's "fused"); the other outputs are disposed.</summary>
    public Tensor Scores(Tensor images) => Run(images, batch =>
    {
        var outputs = _network.ForwardNamed(batch);
        for (int i = 1; i < outputs.Count; i++)
            outputs[i].Value.Dispose();
        return outputs[0].Value;
    });

    private Tensor Run(Tensor images, Func<Tensor, Tensor> forward)
    {
        ArgumentNullException.ThrowIfNull(images);
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();   // not inference_mode: the metrics may update results in place afterwards
        Tensor batch = images.to(_device);
        MemoryBudget.ThrowIfTooLarge(_network, batch.shape);
        return forward(batch).cpu().MoveToOuterDisposeScope();
    }

    public void Dispose() => _module.train(_wasTraining);
}
