namespace Segment.Generator.Model;

/// <summary>
/// A resolved RSU / RSU-4F stage: its layers (state_dict children conv_in, encode_modules.{j},
/// decode_modules.{j}), its forward pass with shapes, and its parameter count.
/// </summary>
internal sealed record RsuStageModel(
    string Name,
    StageKind Kind,
    int Index,
    int Height,
    bool Dilated,
    int MidChannels,
    ConvSpec ConvIn,
    EquatableArray<ConvSpec> Encode,
    EquatableArray<ConvSpec> Decode,
    TensorShape InputShape,
    TensorShape OutputShape,
    ForwardProgram Forward,
    long Parameters)
{
    /// <summary>The generated nested class, e.g. <c>En1Stage</c>.</summary>
    public string ClassName => Name + "Stage";

    /// <summary>"RSU-7" or "RSU-4F", as the paper names the blocks.</summary>
    public string BlockName => Dilated ? "RSU-4F" : "RSU-" + Height;
}
