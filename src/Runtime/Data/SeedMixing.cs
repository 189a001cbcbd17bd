namespace Segment.Runtime.Data;

/// <summary>
/// Seeds for <see cref="System.Random"/> derived from (seed, epoch[, sample]) with SplitMix64's
/// finaliser, so each epoch's order and each sample's augmentation are fixed by the seed alone,
/// independent of which worker runs when.
/// </summary>
internal static class SeedMixing
{
    public static int Mix(params int[] parts)
    {
        ulong h = 0x9E3779B97F4A7C15UL;
        foreach (int p in parts)
        {
            h ^= (uint)p;
            h += 0x9E3779B97F4A7C15UL;
            h = (h ^ (h >> 30)) * 0xBF58476D1CE4E5B9UL;
            h = (h ^ (h >> 27)) * 0x94D049BB133111EBUL;
            h ^= h >> 31;
        }
        return (int)(h & 0x7FFFFFFF);
    }
}
