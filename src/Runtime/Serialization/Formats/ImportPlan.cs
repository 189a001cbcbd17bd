using System;
using System.Collections.Generic;
using System.Linq;
using Segment.Runtime.NN;

namespace Segment.Runtime.Serialization.Formats;

/// <summary>
/// How a file's tensors become a network's: its format, recognised from its keys, renames them to the seeds'
/// names and folds conv biases into BatchNorm running means. Made from keys and shapes alone, so a file that does
/// not fit is refused, in one line saying which format it resembles and why, before any storage is read.
/// </summary>
public sealed class ImportPlan
{
    private readonly IReadOnlyList<KeyRole> _roles;
    private readonly HashSet<string> _wanted;

    private ImportPlan(CheckpointFormat? format, IReadOnlyList<KeyRole> roles, HashSet<string> wanted)
    {
        Format = format;
        _roles = roles;
        _wanted = wanted;
    }

    /// <summary>The file's format; null where neither the file nor the network uses a known one (the keys then match as they are).</summary>
    public CheckpointFormat? Format { get; }

    /// <summary>The file's keys this plan reads (those that become one of the network's tensors).</summary>
    public IReadOnlySet<string> Needed => _roles.Where(Used).Select(r => r.FormatKey).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// Plans loading a file's <paramref name="found"/> keys and shapes into a network expecting <paramref name="expected"/>
    /// (seed names). Follows <c>load_state_dict</c>: missing and unexpected keys are errors only when strict.
    /// </summary>
    /// <exception cref="StateDictMismatchException">The file does not fit; for a known format the message is one line.</exception>
    public static ImportPlan Create(IReadOnlyList<(string Key, long[] Shape)> expected, IReadOnlyList<(string Key, long[] Shape)> found, bool strict)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(found);
        var wanted = expected.Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
        CheckpointFormat? format = CheckpointFormats.Recognise(found.Select(f => f.Key).ToList());
        NetworkFamily family = CheckpointFormats.FamilyOf(wanted);
        if (format is null || family == NetworkFamily.Unknown)
        {
            // Not a network this runtime knows names for: PyTorch's check and wording, keys as they are.
            StateDictValidation.ThrowIfIncompatible(expected, found, strict);
            return new ImportPlan(null, found.Select(f => KeyRole.Same(f.Key)).ToList(), wanted);
        }

        IReadOnlyList<KeyRole> roles = format.Import(found.Select(f => f.Key).ToList());
        var renamed = new List<(string Key, long[] Shape)>();
        var foldedBiases = new List<(KeyRole Role, long[] Shape)>();
        foreach (var (role, (_, shape)) in roles.Zip(found))
        {
            if (role.FoldsIntoRunningMean)
                foldedBiases.Add((role, shape));
            else
                renamed.Add((role.SeedKey ?? role.FormatKey, shape));
        }
        string Resembles() => $"{format.DisplayName} keys of {NetworkDescription.Describe(renamed)}";
        if (format.Family != family)
            throw OneLine($"{Resembles()}, but the network is {NetworkDescription.Describe(expected)}", [], [], []);
        try
        {
            StateDictValidation.ThrowIfIncompatible(expected, renamed, strict);
        }
        catch (StateDictMismatchException e)
        {
            string network = NetworkDescription.Describe(expected);
            string source = NetworkDescription.Describe(renamed);
            // The problem names the file's own keys where the file has them, so the user can find them.
            var fileKey = roles.Where(r => r.SeedKey is not null && !r.FoldsIntoRunningMean)
                               .GroupBy(r => r.SeedKey!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().FormatKey, StringComparer.Ordinal);
            string problem = FirstProblem(e, key => fileKey.GetValueOrDefault(key, key));
            string why = source != network ? $"the network is {network}: {problem}" : problem;
            throw OneLine($"{Resembles()}, but {why}", e.MissingKeys, e.UnexpectedKeys, e.ShapeMismatches);
        }
        var shapes = renamed.GroupBy(r => r.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Shape, StringComparer.Ordinal);
        foreach (var (role, shape) in foldedBiases)
        {
            if (shapes.TryGetValue(role.SeedKey!, out long[]? mean) && !mean.AsSpan().SequenceEqual(shape))
                throw OneLine($"{Resembles()}, but conv bias '{role.FormatKey}' has shape {StoredTensor.Format(shape)} and the BatchNorm after it {StoredTensor.Format(mean)}",
                              [], [], [(role.FormatKey, mean, shape)]);
        }
        return new ImportPlan(format, roles, wanted);
    }

    /// <summary>
    /// The network's tensors from the file's (keyed as in the file): renamed, conv biases folded into the running
    /// means. The result holds the given tensors and new ones (the folded means), listed in <paramref name="created"/>
    /// for the caller to dispose with the inputs.
    /// </summary>
    public IReadOnlyDictionary<string, Tensor> Apply(IReadOnlyDictionary<string, Tensor> fileTensors, out IReadOnlyList<Tensor> created)
    {
        ArgumentNullException.ThrowIfNull(fileTensors);
        var byKey = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (KeyRole role in _roles.Where(r => Used(r) && !r.FoldsIntoRunningMean))
        {
            if (fileTensors.TryGetValue(role.FormatKey, out Tensor? t) && byKey.TryAdd(role.SeedKey!, t))
                order.Add(role.SeedKey!);
        }
        var made = new List<Tensor>();
        using (torch.no_grad())
        {
            foreach (KeyRole role in _roles.Where(r => Used(r) && r.FoldsIntoRunningMean))
            {
                // BN(conv(x) + b) = BN'(conv(x)) with running_mean' = running_mean - b (one correctly rounded subtraction).
                if (fileTensors.TryGetValue(role.FormatKey, out Tensor? bias) && byKey.TryGetValue(role.SeedKey!, out Tensor? mean))
                {
                    Tensor folded = mean - bias.to(mean.dtype);
                    made.Add(folded);
                    byKey[role.SeedKey!] = folded;
                }
            }
        }
        created = made;
        var result = new OrderedStateDict();
        foreach (string key in order)
            result.Add(key, byKey[key]);
        return result;
    }

    private bool Used(KeyRole role) => role.SeedKey is { } key && _wanted.Contains(key);

    private static string FirstProblem(StateDictMismatchException e, Func<string, string> fileKey)
    {
        static string Few(IEnumerable<string> keys, int count) =>
            string.Join(", ", keys.Take(3).Select(k => $"'{k}'")) + (count > 3 ? $" and {count - 3} more" : "");
        if (e.ShapeMismatches.Count > 0)
        {
            var (key, want, got) = e.ShapeMismatches[0];
            return $"'{fileKey(key)}' has shape {StoredTensor.Format(got)} in the file and {StoredTensor.Format(want)} in the network" +
                   (e.ShapeMismatches.Count > 1 ? $" ({e.ShapeMismatches.Count} shapes differ)" : "");
        }
        if (e.MissingKeys.Count > 0)
            return $"the file lacks {e.MissingKeys.Count} of the network's keys ({Few(e.MissingKeys, e.MissingKeys.Count)})";
        return $"the file has {e.UnexpectedKeys.Count} key(s) the network lacks ({Few(e.UnexpectedKeys.Select(fileKey), e.UnexpectedKeys.Count)})";
    }

    private static StateDictMismatchException OneLine(string message, IReadOnlyList<string> missing, IReadOnlyList<string> unexpected,
                                                      IReadOnlyList<(string Key, long[] Expected, long[] Loaded)> mismatches) =>
        new(message, missing, unexpected, mismatches);
}
