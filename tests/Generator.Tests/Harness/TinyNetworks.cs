using System.Collections.Generic;

namespace Segment.Generator.Tests.Harness;

/// <summary>One small sound declaration per family (attributes only), for tests that vary the class around it.</summary>
internal static class TinyNetworks
{
    public static readonly IReadOnlyDictionary<string, string> Declarations = new Dictionary<string, string>
    {
        ["u2net"] = """
            [U2Net(Name = "tiny")]
            [Encoder("En1", 4, 3, 8, 16)]
            [Encoder("En2", 4, 16, 8, 16, Dilated = true, Side = true)]
            [Decoder("De1", 4, 32, 8, 16, Side = true)]
            """,
        ["unet"] = """[UNet(Channels = new[] { 8, 16, 32 }, Depth = 2, Name = "tiny")]""",
        ["unetpp"] = """[UNetPlusPlus(Filters = new[] { 8, 16, 32 }, Name = "tiny")]""",
    };
}
