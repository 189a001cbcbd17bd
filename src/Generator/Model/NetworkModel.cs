namespace Segment.Generator.Model;

/// <summary>
/// A network after shape inference, whatever its family: what the pipeline needs of every model (its class, its
/// command-line name). Each family's record adds what its emitters read. Records, so an unchanged model stops the
/// incremental pipeline.
/// </summary>
internal abstract record NetworkModel(TypeDeclarationInfo Type, string CliName)
{
    /// <summary>How the conv blocks are built ([Blocks]); the seeds' blocks unless the declaration says otherwise.</summary>
    public BlockOptionsModel BlockOptions { get; init; } = BlockOptionsModel.Seed;
}
