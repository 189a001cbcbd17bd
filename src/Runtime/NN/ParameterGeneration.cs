using System.Threading;

namespace Segment.Runtime.NN;

/// <summary>
/// A process-wide counter bumped whenever parameters are updated in place by code that does not
/// know which modules own them (optimizer steps). Caches derived from parameters record it and
/// rebuild when it moves, so an eval-mode model that is fine-tuned stays correct.
/// </summary>
internal static class ParameterGeneration
{
    private static long current;

    public static long Current => Volatile.Read(ref current);

    public static void Bump() => Interlocked.Increment(ref current);
}
