namespace Segment.Generator.Model;

/// <summary>Which half of the outer U a stage belongs to.</summary>
internal enum StageKind
{
    Encoder,
    Decoder,
}
