using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Help;
using System.IO;
using System.Linq;
using Segment.Cli.Commands;
using Segment.Runtime.Distributed;
using Segment.Runtime.NN;

namespace Segment.Cli;

/// <summary>
/// The <c>segment</c> command line as a library entry point: a project that declares its own networks gets every
/// command (train, eval, predict, export, summary, bench, ...) on them with one line in its <c>Main</c>:
/// <code>public static int Main(string[] args) =&gt; SegmentCommandLine.Run(args, GeneratedNetworks.Catalog);</code>
/// <c>segment COMMAND [--option value ...] [--verbose]</c>, parsed by System.CommandLine. Any failure caused by the
/// user's input (a missing file, a wrong array shape, weights of another network, an unknown option) ends as one
/// line on stderr and exit code 1, never as a stack trace. Anything else (a bug) ends as one line naming the
/// exception and exit code 2; <c>--verbose</c> adds its stack trace. Under mpirun a failing rank prints that line
/// naming its rank and ends the whole job (<see cref="DistributedFaults"/>), since the others wait for it.
/// </summary>
public static class SegmentCommandLine
{
    private static ICommand[] Commands() =>
    [
        new SummaryCommand(),
        new InferCommand(),
        new BenchCommand(),
        new DemoCommand(),
        new ExportCommand(),
        new PredictCommand(),
        new TrainCommand(),
        new EvalCommand(),
        new SynthCommand(),
        new ConvertCommand(),
    ];

    /// <summary>Prints the stack trace of a failure; every command takes it.</summary>
    public const string VerboseFlag = "--verbose";

    /// <summary>Parses <paramref name="args"/>, runs the command on the networks of <paramref name="networks"/> and returns the exit code.</summary>
    /// <param name="args">the process's arguments, as <c>Main</c> receives them</param>
    /// <param name="networks">the networks <c>--model</c> names: an assembly's generated <c>GeneratedNetworks.Catalog</c></param>
    public static int Run(string[] args, NetworkCatalog networks)
    {
        ArgumentNullException.ThrowIfNull(args);
        Networks.Use(networks);
        // mpirun hands each rank a pseudo-terminal for its output and forwards it into its own stdout (often a pipe):
        // .NET would then write its terminal set-up sequence (keypad mode) into JSON and logs. A dumb terminal has none.
        if (Communicators.LauncherVariables.Any(name => Environment.GetEnvironmentVariable(name) is not null))
            Environment.SetEnvironmentVariable("TERM", "dumb");
        var verbose = new Option<bool>(VerboseFlag) { Description = "on failure, also print the stack trace", Recursive = true };
        var root = new RootCommand("segment: segmentation networks declared with the Segment DSL, on TorchSharp");
        root.Add(verbose);
        foreach (ICommand command in Commands())
            root.Add(Build(command, verbose));
        root.SetAction(parse =>
        {
            // No command: the usage, and a failure exit (as before: a script that forgot the command should notice).
            new HelpAction().Invoke(parse);
            return 1;
        });

        ParseResult result = root.Parse(args);
        if (result.Errors.Count > 0)
        {
            string where = result.CommandResult.Command is RootCommand ? "segment" : "segment " + result.CommandResult.Command.Name;
            Console.Error.WriteLine($"{where}: {OneLine(result.Errors[0].Message)} (see {where} --help)");
            return 1;
        }
        try
        {
            return result.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        finally
        {
            Communicators.Shutdown();   // MPI_Finalize, where a command started MPI
        }
    }

    private static Command Build(ICommand command, Option<bool> verbose)
    {
        var built = new Command(command.Name, command.Description);
        var options = new Dictionary<string, Option>(StringComparer.Ordinal);
        var specs = new Dictionary<string, OptionSpec>(StringComparer.Ordinal);
        foreach (OptionSpec spec in command.Options)
        {
            Option option = spec.ToOption();
            options[spec.Name] = option;
            specs[spec.Name] = spec;
            built.Add(option);
        }
        built.SetAction(parse => Run(command, new ParsedArgs(parse, options, specs), parse.GetValue(verbose)));
        return built;
    }

    private static int Run(ICommand command, ParsedArgs args, bool verbose)
    {
        DistributedFaults.Command = $"segment {command.Name}";
        try
        {
            return command.Run(args);
        }
        catch (Exception e) when (IsUserError(e))
        {
            string message = e is System.Runtime.InteropServices.ExternalException && !verbose ? Runtime.NativeMessages.FirstSentence(e.Message) : UserMessage(e);
            return Fail(command, OneLine(message), 1, verbose ? e : null);
        }
        catch (OutOfMemoryException e)
        {
            return Fail(command, $"out of memory ({OneLine(e.Message)}); try a smaller input or batch", 1, verbose ? e : null);
        }
        catch (Exception e)
        {
            string cause = $"unexpected {e.GetType().Name}: {OneLine(e.Message)}";
            return Fail(command, verbose ? cause : $"{cause} (rerun with {VerboseFlag} for the stack trace)", 2, verbose ? e : null);
        }
    }

    /// <summary>The one line (and with --verbose the stack trace); under mpirun the line names the rank and the job ends.</summary>
    private static int Fail(ICommand command, string cause, int exitCode, Exception? trace)
    {
        if (trace is not null)
            Console.Error.WriteLine(trace);
        DistributedFaults.AbortJob(Communicators.Started, DistributedFaults.Command, cause, exitCode);
        Console.Error.WriteLine($"segment {command.Name}: {cause}");
        return exitCode;
    }

    /// <summary>Failures the user's input causes (files, arrays, weights, options, libtorch refusing a shape).</summary>
    private static bool IsUserError(Exception e) =>
        e is UsageException or IOException or InvalidDataException or ArgumentException or UnauthorizedAccessException
            or System.Runtime.InteropServices.ExternalException or Runtime.Serialization.StateDictMismatchException
            or Imaging.DataFileException;

    /// <summary>The message without the " (Parameter 'input')" that ArgumentException appends: a C# name means nothing on the command line.</summary>
    private static string UserMessage(Exception e)
    {
        string message = e.Message;
        string suffix = e is ArgumentException { ParamName: { } name } ? $" (Parameter '{name}')" : "";
        return suffix.Length > 0 && message.EndsWith(suffix, StringComparison.Ordinal) ? message[..^suffix.Length] : message;
    }

    /// <summary>Error messages may span lines (a state-dict mismatch lists keys); the CLI prints one.</summary>
    private static string OneLine(string message) =>
        string.Join("; ", message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
