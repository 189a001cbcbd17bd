using Segment.Runtime.Onnx;

namespace Segment.Runtime.NN.Blocks;

/// <summary>
/// Attention U-Net's gate (Oktay et al. 2018, as MONAI's AttentionBlock) on a skip <c>x</c> with the decoder's map <c>g</c>
/// at x's size: <c>x * psi(relu(W_g(g) + W_x(x)))</c>, where <c>W_g = conv1x1(F_g -> F_int) + BatchNorm</c>,
/// <c>W_x = conv1x1(F_l -> F_int) + BatchNorm</c> and <c>psi = conv1x1(F_int -> 1) + BatchNorm + sigmoid</c> (convs with
/// bias; the norms are BatchNorm whatever [Blocks] says, as MONAI's). Children W_g.{0,1}, W_x.{0,1}, psi.{0,1,2}, relu.
/// </summary>
public sealed class AttentionGate : torch.nn.Module<Tensor, Tensor, Tensor>, IOnnxGate
{
    private readonly Conv2d gConv;
    private readonly BatchNorm2d gNorm;
    private readonly Conv2d xConv;
    private readonly BatchNorm2d xNorm;
    private readonly Conv2d psiConv;
    private readonly BatchNorm2d psiNorm;

    /// <param name="gateChannels">F_g, the decoder map's channels.</param>
    /// <param name="skipChannels">F_l, the skip's channels.</param>
    /// <param name="innerChannels">F_int (the UNet's gates use F_l / 2).</param>
    public AttentionGate(long gateChannels, long skipChannels, long innerChannels) : base(nameof(AttentionGate))
    {
        gConv = torch.nn.Conv2d(gateChannels, innerChannels, 1);
        gNorm = torch.nn.BatchNorm2d(innerChannels);
        xConv = torch.nn.Conv2d(skipChannels, innerChannels, 1);
        xNorm = torch.nn.BatchNorm2d(innerChannels);
        psiConv = torch.nn.Conv2d(innerChannels, 1, 1);
        psiNorm = torch.nn.BatchNorm2d(1);
        register_module("W_g", torch.nn.Sequential(("0", gConv), ("1", gNorm)));
        register_module("W_x", torch.nn.Sequential(("0", xConv), ("1", xNorm)));
        register_module("psi", torch.nn.Sequential(("0", psiConv), ("1", psiNorm), ("2", torch.nn.Sigmoid())));
        register_module("relu", torch.nn.ReLU());
    }

    /// <summary>The gated skip: <paramref name="x"/> scaled per pixel by the attention coefficients computed from <paramref name="g"/> and <paramref name="x"/>.</summary>
    public override Tensor forward(Tensor g, Tensor x)
    {
        using Tensor fromGate = ConvNorm.Normalized(null, gConv, gNorm, g);
        using Tensor fromSkip = ConvNorm.Normalized(null, xConv, xNorm, x);
        using Tensor joined = fromGate.add_(fromSkip, Scalars.One).relu_();
        using Tensor logits = ConvNorm.Normalized(null, psiConv, psiNorm, joined);
        using Tensor psi = logits.sigmoid();
        return x * psi;
    }

    /// <inheritdoc/>
    public string Export(OnnxNetworkExport onnx, string g, string x, string name)
    {
        string fromGate = onnx.ConvNorm(g, gConv, gNorm, name + ".W_g.0", name + ".W_g.1");
        string fromSkip = onnx.ConvNorm(x, xConv, xNorm, name + ".W_x.0", name + ".W_x.1");
        string joined = onnx.Graph.Relu(onnx.Graph.Add(fromGate, fromSkip));
        string psi = onnx.Graph.Sigmoid(onnx.ConvNorm(joined, psiConv, psiNorm, name + ".psi.0", name + ".psi.1"));
        return onnx.Graph.Mul(x, psi);
    }

    /// <summary>Children are registered by the constructor under MONAI's names; TorchSharp's reflection would add the fields again.</summary>
    protected override void RegisterComponents() { }
}
