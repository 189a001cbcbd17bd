using Segment.Generator.Model;

namespace Segment.Generator.Parsing;

/// <summary>The shared [Input(channels, Height = h, Width = w)] or [Input(channels, h, w)] attribute, as every family reads it.</summary>
internal static class InputParser
{
    public static InputSpec? Parse(AttributeArguments? args)
    {
        if (args is not { IsBound: true })
            return null;
        // [Input(channels, height, width)]: the size comes from the constructor (named Height/Width would set it again).
        bool sized = args.ConstructorArgumentCount == 3;
        return new InputSpec(
            args.Constructor(0, 0),
            sized ? args.Constructor(1, 0) : args.Named("Height", 0),
            sized ? args.Constructor(2, 0) : args.Named("Width", 0),
            args.ConstructorLocation(0),
            sized ? args.ConstructorLocation(1) : args.NamedLocation("Height"),
            sized ? args.ConstructorLocation(2) : args.NamedLocation("Width"));
    }
}
