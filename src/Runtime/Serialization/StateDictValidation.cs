using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Segment.Runtime.Serialization;

/// <summary>
/// Checks a state dict against what a module expects before anything is copied, so a bad
/// checkpoint leaves the module untouched. Follows <c>nn.Module.load_state_dict</c>: missing
/// and unexpected keys are errors only when strict; a shape mismatch is always an error.
/// </summary>
public static class StateDictValidation
{
    /// <summary>How many keys of each kind (missing, unexpected, wrong shape) the message lists.</summary>
    public const int ListedPerKind = 5;

    /// <summary>Throws one <see cref="StateDictMismatchException"/> listing every problem, or returns.</summary>
    public static void ThrowIfIncompatible(IEnumerable<(string Key, long[] Shape)> expected, IReadOnlyDictionary<string, Tensor> loaded, bool strict)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        ThrowIfIncompatible(expected, loaded.Select(kv => (kv.Key, kv.Value.shape)), strict);
    }

    /// <summary>The same check on shapes alone (what the tensor overload reduces to).</summary>
    public static void ThrowIfIncompatible(IEnumerable<(string Key, long[] Shape)> expected, IEnumerable<(string Key, long[] Shape)> loaded, bool strict)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(loaded);
        var loadedList = loaded.ToList();
        var loadedShapes = new Dictionary<string, long[]>(StringComparer.Ordinal);
        foreach (var (key, shape) in loadedList)
            loadedShapes[key] = shape;
        var expectedKeys = new HashSet<string>(StringComparer.Ordinal);

        var missing = new List<string>();
        var mismatches = new List<(string, long[], long[])>();
        foreach (var (key, shape) in expected)
        {
            if (!expectedKeys.Add(key))
                continue;
            if (!loadedShapes.TryGetValue(key, out long[]? got))
                missing.Add(key);
            else if (!got.AsSpan().SequenceEqual(shape))
                mismatches.Add((key, shape, got));
        }
        var unexpected = loadedList.Select(kv => kv.Key).Where(k => !expectedKeys.Contains(k)).Distinct().ToList();
        if (!strict)
        {
            missing.Clear();
            unexpected.Clear();
        }
        if (missing.Count == 0 && unexpected.Count == 0 && mismatches.Count == 0)
            return;

        // PyTorch's wording, so the message reads the same as the error users already know; but a checkpoint of
        // another network can miss every one of hundreds of keys, so each list stops after a few (the exception
        // keeps them all).
        var sb = new StringBuilder("Error(s) in loading state_dict:");
        if (missing.Count > 0)
            sb.Append("\n  Missing key(s) in state_dict: ").Append(FirstFew(missing.Select(k => $"\"{k}\""), missing.Count)).Append('.');
        if (unexpected.Count > 0)
            sb.Append("\n  Unexpected key(s) in state_dict: ").Append(FirstFew(unexpected.Select(k => $"\"{k}\""), unexpected.Count)).Append('.');
        foreach (var (key, want, got) in mismatches.Take(ListedPerKind))
            sb.Append($"\n  size mismatch for {key}: copying a param with shape {StoredTensor.Format(got)} from checkpoint, the shape in current model is {StoredTensor.Format(want)}.");
        if (mismatches.Count > ListedPerKind)
            sb.Append($"\n  ... and {mismatches.Count - ListedPerKind} more size mismatch(es) ({mismatches.Count} in all).");
        throw new StateDictMismatchException(sb.ToString(), missing, unexpected, mismatches);
    }

    private static string FirstFew(IEnumerable<string> items, int count) =>
        string.Join(", ", items.Take(ListedPerKind)) + (count > ListedPerKind ? $", ... and {count - ListedPerKind} more ({count} in all)" : "");
}
