using System;

namespace Segment.Imaging.Data;

/// <summary>The split names the layouts share: "train", and "val" / "test" for held-out data.</summary>
internal static class Splits
{
    public static bool IsTrain(string split) => string.Equals(split, "train", StringComparison.OrdinalIgnoreCase);

    public static bool IsHeldOut(string split) =>
        string.Equals(split, "val", StringComparison.OrdinalIgnoreCase) || string.Equals(split, "test", StringComparison.OrdinalIgnoreCase);

    public static ArgumentException Unknown(string split, string layout) =>
        new($"unknown split '{split}' for the {layout} layout: expected train or val (test)", nameof(split));
}
