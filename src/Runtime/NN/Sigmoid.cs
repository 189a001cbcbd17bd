namespace Segment.Runtime.NN;

/// <summary>torch.nn.Sigmoid.</summary>
public sealed class Sigmoid : Module<Tensor, Tensor>
{
    public override Tensor forward(Tensor input) => F.sigmoid(input);

    public override string ToString() => "Sigmoid()";
}
