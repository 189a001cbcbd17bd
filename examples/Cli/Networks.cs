using System;
using System.Collections.Generic;
using Segment.Examples.Networks;
using Segment.Runtime.NN;
using Segment.Runtime.Serialization;

namespace Segment.Cli;

/// <summary>Creating the example networks by name and loading their weights, shared by the commands.</summary>
public static class Networks
{
    public static IReadOnlyList<string> Names => GeneratedNetworks.Names;

    public static ISegmentationNetwork Create(string name)
    {
        try
        {
            return GeneratedNetworks.Create(name);
        }
        catch (ArgumentException)
        {
            throw new UsageException($"unknown model '{name}' (known: {string.Join(", ", Names)})");
        }
    }

    /// <summary>Loads a PyTorch state_dict into the network; every key and shape is checked before anything changes.</summary>
    public static void LoadWeights(ISegmentationNetwork network, string path)
    {
        if (!System.IO.File.Exists(path))
            throw new UsageException($"weights file '{path}' does not exist");
        try
        {
            StateDicts.Load(AsModule(network), path);
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
            return Devices.Parse(args.String("device") ?? "cpu");
        }
        catch (ArgumentException e)
        {
            throw new UsageException("--device: " + e.Message);
        }
    }

    /// <summary>The network as the TorchSharp module it is (train/eval, parameters, to(device)).</summary>
    public static nn.Module AsModule(ISegmentationNetwork network) =>
        network as nn.Module ?? throw new InvalidOperationException($"{network.Name} is not a module");
}
