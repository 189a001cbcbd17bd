using Segment.Generator.Model;

namespace Segment.Generator.Parsing;

/// <summary>The shared [Input(channels, Height, Width)] attribute, as every family reads it.</summary>
internal static class InputParser
{
    public static InputSpec? Parse(AttributeArguments? args) => args is { IsBound: true }
        ? new InputSpec(
            args.Constructor(0, 0),
            args.Named("Height", 0),
            args.Named("Width", 0),
            args.ConstructorLocation(0),
            args.NamedLocation("Height"),
            args.NamedLocation("Width"))
        : null;
}
