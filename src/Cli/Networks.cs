using System;
using System.Collections.Generic;
using Segment.Runtime.Distributed;
using Segment.Runtime.NN;
using Segment.Runtime.Serialization;

namespace Segment.Cli;

/// <summary>Creating the networks by name and loading their weights, shared by the commands.</summary>
public static class Networks
{
    // The command line is a process's entry point: SegmentCommandLine.Run hands it the one catalog the
    // process's commands name networks from, before any command is built.
    private static NetworkCatalog? _catalog;

    internal static void Use(NetworkCatalog catalog) => _catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));

    private static NetworkCatalog Catalog =>
        _catalog ?? throw new InvalidOperationException("SegmentCommandLine.Run sets the network catalog before any command runs");

    public static IReadOnlyList<string> Names => Catalog.Names;

    /// <summary>True if the catalog has a network of that name.</summary>
    public static bool Has(string name) => Catalog.Contains(name);

    public static ISegmentationNetwork Create(string name)
    {
        try
        {
            return Catalog.Create(name);
        }
        catch (ArgumentException)
        {
            throw new UsageException($"unknown model '{name}' (known: {string.Join(", ", Names)})");
        }
    }

    /// <summary>
    /// Loads a PyTorch state_dict into the network in any supported format (docs/checkpoints.md: the seeds', the
    /// official U²-Net's, milesial's UNet's; wrapped or DataParallel-prefixed); every key and shape is checked before
    /// anything changes. Returns the format recognised.
    /// </summary>
    public static Segment.Runtime.Serialization.Formats.CheckpointFormat? LoadWeights(ISegmentationNetwork network, string path)
    {
        Segment.IO.InputFiles.RequireRegular(path, "weights");
        try
        {
            return StateDicts.Load(AsModule(network), path);
        }
        catch (StateDictMismatchException e)
        {
            throw new UsageException($"weights '{path}' do not fit network '{network.Name}': {e.Message}");
        }
    }

    /// <summary>The summary table followed by the total, as `segment summary` and `segment demo` print it.</summary>
    public static void PrintSummary(ISegmentationNetwork network, System.IO.TextWriter output)
    {
        output.Write(network.SummaryText);
        if (!network.SummaryText.EndsWith('\n'))
            output.WriteLine();
        output.WriteLine($"Total parameters: {network.TotalParameters:N0}");
    }

    /// <summary>The --device option every running command has.</summary>
    public static OptionSpec DeviceOption => new("device", "cpu (default), cuda or cuda:N; cuda needs a CUDA libtorch backend and a GPU");

    /// <summary>The --device the user asked for, checked to exist (a clear error where CUDA is not available).</summary>
    public static Device Device(ParsedArgs args)
    {
        try
        {
            // Under mpirun "cuda" is the GPU of the rank's place on its node (cuda:{local rank}).
            return Devices.Parse(RankDevices.Resolve(args.String("device") ?? "cpu", Communicators.Started ?? SingleProcess.Instance));
        }
        catch (ArgumentException e)
        {
            throw new UsageException("--device: " + e.Message);
        }
    }

    /// <summary>The --threads option of the commands that run a network.</summary>
    public static OptionSpec ThreadsOption(string fallback) =>
        new("threads", $"intra-op threads, 1 to this machine's {Environment.ProcessorCount} logical cores (default {fallback})");

    /// <summary>
    /// Applies --threads (or <paramref name="fallback"/>; null keeps libtorch's own choice) and returns it. Bounded
    /// by the logical cores: libgomp aborts on 2^31-1 threads, hangs creating 100000, and runs 33x slower with 1000.
    /// </summary>
    public static int? ApplyThreads(ParsedArgs args, int? fallback)
    {
        int? threads = args.Has("threads") ? args.Int("threads", 1) : fallback ?? RankThreads.Default(Communicators.Started);
        if (threads is null)
            return null;
        if (threads > Environment.ProcessorCount)
            throw new UsageException($"--threads {threads} is more than this machine's {Environment.ProcessorCount} logical cores (give 1 to {Environment.ProcessorCount})");
        torch.set_num_threads(threads.Value);
        return threads;
    }

    /// <summary>The network as the TorchSharp module it is (train/eval, parameters, to(device)).</summary>
    public static nn.Module AsModule(ISegmentationNetwork network) =>
        network as nn.Module ?? throw new InvalidOperationException($"{network.Name} is not a module");
}
