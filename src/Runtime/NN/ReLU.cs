namespace Segment.Runtime.NN;

/// <summary>torch.nn.ReLU; with <c>inplace</c> it overwrites and returns its input (the seeds use inplace=True).</summary>
public sealed class ReLU : Module<Tensor, Tensor>
{
    public ReLU(bool inplace = false) => this.inplace = inplace;

    public bool inplace { get; }

    public override Tensor forward(Tensor input) => inplace ? F.relu_(input) : F.relu(input);

    public override string ToString() => inplace ? "ReLU(inplace=True)" : "ReLU()";
}
