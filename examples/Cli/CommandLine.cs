using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Segment.Cli;

/// <summary>A bad command line or bad input: printed as one line on stderr with a non-zero exit.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>
/// The parsed <c>--name value</c> / <c>--flag</c> arguments of one command. Every option a command
/// reads is declared in its <see cref="ICommand.Options"/>, so an unknown option is an error
/// instead of being silently ignored.
/// </summary>
public sealed class ParsedArgs
{
    private readonly Dictionary<string, string?> _values;

    private ParsedArgs(Dictionary<string, string?> values) => _values = values;

    public static ParsedArgs Parse(IReadOnlyList<string> args, IReadOnlyList<OptionSpec> options)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (int i = 0; i < args.Count; i++)
        {
            string a = args[i];
            if (!a.StartsWith("--", StringComparison.Ordinal))
                throw new UsageException($"unexpected argument '{a}'");
            string name = a[2..];
            string? inline = null;
            int eq = name.IndexOf('=');
            if (eq >= 0) { inline = name[(eq + 1)..]; name = name[..eq]; }
            OptionSpec spec = options.FirstOrDefault(o => o.Name == name)
                ?? throw new UsageException($"unknown option '--{name}' (known: {string.Join(", ", options.Select(o => "--" + o.Name))})");
            if (spec.IsFlag)
            {
                values[name] = inline ?? "true";
                continue;
            }
            if (inline is null)
            {
                if (i + 1 >= args.Count)
                    throw new UsageException($"option '--{name}' needs a value ({spec.Help})");
                inline = args[++i];
            }
            values[name] = inline;
        }
        foreach (OptionSpec o in options.Where(o => o.Required && !values.ContainsKey(o.Name)))
            throw new UsageException($"missing required option '--{o.Name}' ({o.Help})");
        return new ParsedArgs(values);
    }

    public bool Has(string name) => _values.ContainsKey(name);

    public string? String(string name) => _values.TryGetValue(name, out string? v) ? v : null;

    public string Required(string name) => String(name) ?? throw new UsageException($"missing required option '--{name}'");

    public bool Flag(string name) => _values.TryGetValue(name, out string? v) && v != "false";

    public int Int(string name, int fallback, int minimum = 1)
    {
        string? v = String(name);
        if (v is null) return fallback;
        if (!int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) || n < minimum)
            throw new UsageException(minimum == 0
                ? $"option '--{name}' expects a whole number of 0 or more, got '{v}'"
                : $"option '--{name}' expects a positive whole number, got '{v}'");
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
            return (h, w);
        throw new UsageException($"option '--{name}' expects HxW such as 320x320, got '{v}'");
    }
}

/// <summary>One option of a command, for parsing and for <c>--help</c>.</summary>
public sealed record OptionSpec(string Name, string Help, bool Required = false, bool IsFlag = false);

/// <summary>A sub-command of <c>segment</c>.</summary>
public interface ICommand
{
    string Name { get; }
    string Description { get; }
    IReadOnlyList<OptionSpec> Options { get; }
    int Run(ParsedArgs args);
}
