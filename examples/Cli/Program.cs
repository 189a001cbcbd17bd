using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Segment.Cli.Commands;

namespace Segment.Cli;

/// <summary>
/// <c>segment COMMAND [--option value ...] [--verbose]</c>. Any failure caused by the user's input
/// (a missing file, a wrong array shape, weights of another network) ends as one line on stderr
/// and exit code 1, never as a stack trace. Anything else (a bug) ends as one line naming the
/// exception and exit code 2; <c>--verbose</c> adds its stack trace.
/// </summary>
public static class Program
{
    private static readonly ICommand[] Commands =
    [
        new SummaryCommand(),
        new InferCommand(),
        new BenchCommand(),
        new DemoCommand(),
        new ExportCommand(),
    ];

    public static int Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "--help" or "-h" or "help")
        {
            PrintHelp(Console.Out);
            return args.Length == 0 ? 1 : 0;
        }
        ICommand? command = Commands.FirstOrDefault(c => c.Name == args[0]);
        if (command is null)
        {
            Console.Error.WriteLine($"segment: unknown command '{args[0]}' (commands: {string.Join(", ", Commands.Select(c => c.Name))})");
            return 1;
        }
        if (args.Skip(1).Any(a => a is "--help" or "-h"))
        {
            PrintCommandHelp(command, Console.Out);
            return 0;
        }
        string[] options = args.Skip(1).Where(a => a != VerboseFlag).ToArray();
        bool verbose = options.Length != args.Length - 1;
        try
        {
            return command.Run(ParsedArgs.Parse(options, command.Options));
        }
        catch (Exception e) when (IsUserError(e))
        {
            Console.Error.WriteLine($"segment {command.Name}: {OneLine(UserMessage(e))}");
            if (verbose) Console.Error.WriteLine(e);
            return 1;
        }
        catch (OutOfMemoryException e)
        {
            Console.Error.WriteLine($"segment {command.Name}: out of memory ({OneLine(e.Message)}); try a smaller input or batch");
            if (verbose) Console.Error.WriteLine(e);
            return 1;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine(verbose
                ? $"segment {command.Name}: unexpected {e.GetType().Name}: {OneLine(e.Message)}\n{e}"
                : $"segment {command.Name}: unexpected {e.GetType().Name}: {OneLine(e.Message)} (rerun with {VerboseFlag} for the stack trace)");
            return 2;
        }
    }

    /// <summary>Prints the stack trace of a failure; every command takes it.</summary>
    public const string VerboseFlag = "--verbose";

    /// <summary>Failures the user's input causes (files, arrays, weights, options, libtorch refusing a shape).</summary>
    private static bool IsUserError(Exception e) =>
        e is UsageException or IOException or InvalidDataException or ArgumentException or UnauthorizedAccessException
            or System.Runtime.InteropServices.ExternalException or Runtime.Serialization.StateDictMismatchException;

    /// <summary>The message without the " (Parameter 'input')" that ArgumentException appends: a C# name means nothing on the command line.</summary>
    private static string UserMessage(Exception e)
    {
        string message = e.Message;
        string suffix = e is ArgumentException { ParamName: { } name } ? $" (Parameter '{name}')" : "";
        return suffix.Length > 0 && message.EndsWith(suffix, StringComparison.Ordinal) ? message[..^suffix.Length] : message;
    }

    /// <summary>Error messages may span lines (a state-dict mismatch lists every key); the CLI prints one.</summary>
    private static string OneLine(string message) =>
        string.Join("; ", message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static void PrintHelp(TextWriter w)
    {
        w.WriteLine("usage: segment COMMAND [options]   (segment COMMAND --help for its options)");
        w.WriteLine();
        foreach (ICommand c in Commands)
            w.WriteLine($"  {c.Name,-10} {c.Description}");
    }

    private static void PrintCommandHelp(ICommand c, TextWriter w)
    {
        w.WriteLine($"usage: segment {c.Name} [options]");
        w.WriteLine(c.Description);
        w.WriteLine();
        foreach (OptionSpec o in c.Options)
            w.WriteLine($"  --{o.Name,-14} {(o.Required ? "(required) " : "")}{o.Help}");
        w.WriteLine($"  {VerboseFlag,-16} on failure, also print the stack trace");
    }
}
