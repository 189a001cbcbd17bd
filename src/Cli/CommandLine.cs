using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.Linq;

namespace Segment.Cli;

/// <summary>A bad command line or bad input: printed as one line on stderr with a non-zero exit.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>
/// The values of one command's options, as System.CommandLine parsed them. Every option a command reads is
/// declared in its <see cref="ICommand.Options"/> (System.CommandLine rejects any other), and the typed
/// accessors here give the command line's own messages for a bad number or size.
/// </summary>
public sealed class ParsedArgs
{
    private readonly ParseResult _result;
    private readonly IReadOnlyDictionary<string, Option> _options;
    private readonly IReadOnlyDictionary<string, OptionSpec> _specs;

    public ParsedArgs(ParseResult result, IReadOnlyDictionary<string, Option> options, IReadOnlyDictionary<string, OptionSpec> specs)
    {
        _result = result;
        _options = options;
        _specs = specs;
    }

    /// <summary>True if the user gave the option.</summary>
    public bool Has(string name) => _result.GetResult(Declared(name)) is { Implicit: false };

    public string? String(string name) => Declared(name) is Option<string> o ? _result.GetValue(o) : null;

    public string Required(string name) => String(name) ?? throw new UsageException($"missing required option '--{name}'");

    public bool Flag(string name) => Declared(name) is Option<bool> o && _result.GetValue(o);

    /// <summary>A whole number from <paramref name="minimum"/> to the option's <see cref="OptionSpec.Maximum"/>.</summary>
    public int Int(string name, int fallback, int minimum = 1)
    {
        string? v = String(name);
        if (v is null) return fallback;
        if (!int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) || n < minimum)
            throw new UsageException(minimum == 0
                ? $"option '--{name}' expects a whole number of 0 or more, got '{v}'"
                : $"option '--{name}' expects a positive whole number, got '{v}'");
        int maximum = _specs[name].Maximum;
        if (n > maximum)
            throw new UsageException($"option '--{name}' is at most {maximum}, got '{v}'{OptionSpec.WhyBounded(name)}");
        return n;
    }

    /// <summary>Parses <c>HxW</c> (e.g. <c>320x320</c>).</summary>
    public (int H, int W)? Size(string name)
    {
        string? v = String(name);
        if (v is null) return null;
        string[] parts = v.ToLowerInvariant().Split('x');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out int h)
            && int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out int w)
            && h > 0 && w > 0)
        {
            int maximum = _specs[name].Maximum;
            return h <= maximum && w <= maximum
                ? (h, w)
                : throw new UsageException($"option '--{name}' takes sides of at most {maximum}, got '{v}'{OptionSpec.WhyBounded(name)}");
        }
        throw new UsageException($"option '--{name}' expects HxW such as 320x320, got '{v}'");
    }

    private Option Declared(string name) =>
        _options.TryGetValue(name, out Option? o) ? o : throw new InvalidOperationException($"option '--{name}' is read but not declared by the command");
}

/// <summary>
/// One option of a command: System.CommandLine builds it (<see cref="ToOption"/>), and --help prints its help.
/// <paramref name="Max"/> bounds a number (a size: each side); 0 takes the bound every command shares for the name
/// (<see cref="Maximum"/>), so an out-of-range value is refused in one place, as bad input, before any work.
/// </summary>
public sealed record OptionSpec(string Name, string Help, bool Required = false, bool IsFlag = false, int Max = 0)
{
    /// <summary>An image side: the side of the largest image decoded by default (Segment.Imaging.ImageLimits).</summary>
    public const int MaxSide = 8192;

    /// <summary>The largest value the option takes.</summary>
    public int Maximum => Max > 0 ? Max : Name switch
    {
        "size" or "crop" => MaxSide,
        "epochs" or "warmup-epochs" => 100_000,
        "batch" or "batch-size" => 4096,
        "train-images" or "test-images" => 100_000,
        "runs" or "warmup" => 1_000_000,
        "workers" => 256,
        "head" => 64,
        _ => int.MaxValue,
    };

    /// <summary>Why a bound is what it is, for the message; empty where the number says it.</summary>
    internal static string WhyBounded(string name) => name is "size" or "crop" ? " (larger inputs do not fit in memory)" : "";

    /// <summary>A string option (commands parse numbers and sizes themselves, with their own messages) or a bool flag.</summary>
    public Option ToOption() => IsFlag
        ? new Option<bool>("--" + Name) { Description = Help }
        : new Option<string>("--" + Name) { Description = Help, Required = Required, HelpName = HelpNameOf(Name) };

    private static string HelpNameOf(string name) => name switch
    {
        "size" => "HxW",
        "model" => "NAME",
        "device" => "cpu|cuda",
        _ => name.ToUpperInvariant().Replace('-', '_'),
    };
}

/// <summary>A sub-command of <c>segment</c>.</summary>
public interface ICommand
{
    string Name { get; }
    string Description { get; }
    IReadOnlyList<OptionSpec> Options { get; }
    int Run(ParsedArgs args);
}
