using Segment.Cli;
using Segment.Examples.Networks;

namespace Segment.Examples.Cli;

/// <summary><c>./segment</c>: every command of the command line on the networks declared in examples/Networks.</summary>
public static class Program
{
    public static int Main(string[] args) => SegmentCommandLine.Run(args, GeneratedNetworks.Catalog);
}
