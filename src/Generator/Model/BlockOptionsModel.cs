using System.Globalization;

namespace Segment.Generator.Model;

/// <summary>The [Blocks] choices for the norm of a block; the values are Segment.Dsl.Norm's and the runtime's NormKind's.</summary>
internal enum NormChoice
{
    Batch,
    Instance,
    Group,
}

/// <summary>The [Blocks] choices for the activation; the values are Segment.Dsl.Activation's and the runtime's ActivationKind's.</summary>
internal enum ActivationChoice
{
    ReLU,
    LeakyReLU,
    PReLU,
    ELU,
    GELU,
}

/// <summary>
/// The [Blocks] values a sound declaration builds its conv blocks with: the runtime's <c>BlockOptions</c>, which this
/// record writes as a C# expression (<see cref="Expression"/>), counts the parameters of (<see cref="TwoConvParameters"/>)
/// and describes (<see cref="ToString"/>). <see cref="Seed"/> is the seeds' blocks, which the generated code
/// passes nothing for.
/// </summary>
internal sealed record BlockOptionsModel(NormChoice Norm, int Groups, ActivationChoice Activation, double NegativeSlope, double Dropout, bool Residual)
{
    public static BlockOptionsModel Seed { get; } = new(NormChoice.Batch, 8, ActivationChoice.ReLU, 0.01, 0, false);

    /// <summary>Blocks as the seeds build them: BatchNorm, ReLU, no dropout, no shortcut (Groups and the slope then do nothing).</summary>
    public bool IsSeed => Norm == NormChoice.Batch && Activation == ActivationChoice.ReLU && Dropout == 0 && !Residual;

    /// <summary>The runtime's BlockOptions with the values that differ from its defaults.</summary>
    public string Expression()
    {
        const string blocks = "global::Segment.Runtime.NN.Blocks";
        var members = new System.Collections.Generic.List<string>();
        if (Norm != NormChoice.Batch)
            members.Add($"Norm = {blocks}.NormKind.{Norm}");
        if (Norm == NormChoice.Group)
            members.Add($"Groups = {Groups}");
        if (Activation != ActivationChoice.ReLU)
            members.Add($"Activation = {blocks}.ActivationKind.{Activation}");
        if (Activation == ActivationChoice.LeakyReLU)
            members.Add($"NegativeSlope = {Number(NegativeSlope)}");
        if (Dropout != 0)
            members.Add($"Dropout = {Number(Dropout)}");
        if (Residual)
            members.Add("Residual = true");
        return $"new {blocks}.BlockOptions {{ {string.Join(", ", members)} }}";
    }

    /// <summary>
    /// Parameters of a DoubleConv / VGG block from <paramref name="inChannels"/> through <paramref name="mid"/> to
    /// <paramref name="outChannels"/>: two 3x3 convs (with or without bias), two affine norms (2 per channel whichever the
    /// kind), a PReLU's slope per activation, and a residual unit's projection (1x1 conv without bias and a norm) where
    /// the channels change.
    /// </summary>
    public long TwoConvParameters(int inChannels, int mid, int outChannels, bool bias)
    {
        long parameters = 9L * inChannels * mid + 9L * mid * outChannels + 2L * mid + 2L * outChannels + (bias ? mid + outChannels : 0);
        if (Activation == ActivationChoice.PReLU)
            parameters += 2;
        if (Residual && inChannels != outChannels)
            parameters += (long)inChannels * outChannels + 2L * outChannels;
        return parameters;
    }

    /// <summary>"GroupNorm(8), PReLU, Dropout2d(0.1), residual": what the generated summary and doc comments say.</summary>
    public override string ToString()
    {
        string norm = Norm == NormChoice.Group ? $"GroupNorm({Groups})" : Norm + "Norm";
        string act = Activation == ActivationChoice.LeakyReLU ? $"LeakyReLU({Number(NegativeSlope)})" : Activation.ToString();
        string dropout = Dropout > 0 ? $", Dropout2d({Number(Dropout)})" : "";
        return $"{norm}, {act}{dropout}{(Residual ? ", residual" : "")}";
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>The [Blocks] attribute as written: its values and where each is written (the attribute when it is not; Groups: the Norm argument).</summary>
internal sealed record BlockOptionsSpec(
    BlockOptionsModel Values,
    LocationInfo? Attribute,
    LocationInfo? Norm,
    LocationInfo? Groups,
    LocationInfo? Activation,
    LocationInfo? NegativeSlope,
    LocationInfo? Dropout,
    LocationInfo? Residual);
