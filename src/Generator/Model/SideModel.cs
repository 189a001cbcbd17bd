namespace Segment.Generator.Model;

/// <summary>
/// A side output. <see cref="Number"/> is its place in the output (side1 = shallowest decoder, as the
/// seed orders them); <see cref="ModuleIndex"/> its index in side_modules (registration = stage order).
/// </summary>
internal sealed record SideModel(int Number, int ModuleIndex, string StageName, ConvSpec Conv, double LossWeight, TensorShape StageShape, TensorShape OutputShape)
{
    public string FieldName => "side_" + StageName;
}
