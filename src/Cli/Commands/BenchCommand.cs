using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using Segment.Runtime.NN;

namespace Segment.Cli.Commands;

/// <summary>
/// <c>segment bench --model NAME [--size HxW] [--threads N] [--batch B] [--runs R] [--warmup W] [--train] [--onnxruntime]</c>:
/// the median inference latency (eval mode, inference mode, default initialisation) after warm-up (with --onnxruntime
/// also that of the same network exported to ONNX and run in ONNX Runtime, on a line of its own), or with
/// --train the median time of one training step (train mode, forward, the generated loss against a random
/// mask or labels, backward, Adam step). scripts/bench-vs-pytorch.sh runs this and the PyTorch reference side
/// by side and prints the ratio.
/// </summary>
public sealed class BenchCommand : ICommand
{
    public string Name => "bench";
    public string Description => "median inference latency of a network (compare: scripts/bench-vs-pytorch.sh)";
    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("model", "network name: " + string.Join(", ", Networks.Names), Required: true),
        new("size", "input HxW (default 320x320, or the network's fixed size)"),
        Networks.ThreadsOption("2"),
        new("batch", "batch size (default 1)"),
        new("runs", "timed runs (default 20)"),
        new("warmup", "untimed runs first (default 3)"),
        new("train", "time a training step (forward, loss, backward, Adam) instead of inference", IsFlag: true),
        new("onnxruntime", "also time the network exported to ONNX in ONNX Runtime (CPU, same threads), on a second line", IsFlag: true),
        new("int8", "with --onnxruntime: also time its int8 QDQ form (calibrated on the timed input: speed only; export --quantize int8 measures accuracy), on a third line", IsFlag: true),
        Networks.DeviceOption,
    ];

    public int Run(ParsedArgs args)
    {
        int threads = Networks.ApplyThreads(args, Math.Min(2, Environment.ProcessorCount))!.Value;
        int batch = args.Int("batch", 1);
        int runs = args.Int("runs", 20);
        int warmup = args.Int("warmup", 3, minimum: 0);
        torch.manual_seed(0);
        Device device = Networks.Device(args);
        bool onnxRuntime = args.Flag("onnxruntime");
        if (onnxRuntime && (args.Flag("train") || device.type != DeviceType.CPU))
            throw new UsageException("--onnxruntime times CPU inference: leave out --train and --device");

        using ISegmentationNetwork network = Networks.Create(args.Required("model"));
        (int h, int w) = args.Size("size") ?? network.FixedInputSize ?? (320, 320);
        Networks.AsModule(network).to(device);
        MemoryBudget.ThrowIfTooLarge(network, [batch, network.InputChannels, h, w]);
        using Tensor input = torch.rand(batch, network.InputChannels, h, w, device: device);
        bool train = args.Flag("train");
        List<double> times = train ? TrainSteps(network, input, warmup, runs) : Inference(network, input, warmup, runs);
        double median = Median(times);
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"segment{(train ? "-train" : "")} {network.Name} {h}x{w} device={device} threads={threads} batch={batch} runs={runs} malloc_tuning={(Runtime.MallocTuning.Enabled ? "on" : "off")} median_ms={median:F1} min_ms={times.Min():F1} peak_rss_mb={PeakResidentMb():F0}"));
        if (args.Flag("int8") && !onnxRuntime)
            throw new UsageException("--int8 times ONNX Runtime's int8 model beside its fp32 one: add --onnxruntime");
        if (onnxRuntime)
        {
            (byte[] fp32, byte[] int8) = OnnxRuntimeBench.Models(network, input, threads, args.Flag("int8"));
            // No peak_rss_mb on these lines: the process also held the TorchSharp run.
            void Time(string engine, byte[] model)
            {
                List<double> t = OnnxRuntimeBench.Inference(model, input, threads, warmup, runs);
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{engine} {network.Name} {h}x{w} opset={OnnxRuntimeBench.Opset} threads={threads} batch={batch} runs={runs} median_ms={Median(t):F1} min_ms={t.Min():F1}"));
            }
            Time("onnxruntime", fp32);
            if (int8.Length > 0)
                Time("onnxruntime-int8", int8);
        }
        return 0;
    }

    /// <summary>The process's peak resident memory (VmHWM), the figure the PyTorch side prints as ru_maxrss; 0 where /proc is absent.</summary>
    private static double PeakResidentMb()
    {
        const string status = "/proc/self/status";
        if (!System.IO.File.Exists(status))
            return 0;
        string? line = System.IO.File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
    }

    private static List<double> Inference(ISegmentationNetwork network, Tensor input, int warmup, int runs)
    {
        Networks.AsModule(network).eval();
        var times = new List<double>(runs);
        using (torch.inference_mode())
        {
            for (int i = 0; i < warmup + runs; i++)
            {
                long start = Stopwatch.GetTimestamp();
                using (torch.NewDisposeScope())
                    network.Predict(input);
                if (i >= warmup)
                    times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        }
        return times;
    }

    // What the PyTorch side (scripts/bench_reference.py --train) times: zero_grad, forward, loss, backward, Adam step.
    private static List<double> TrainSteps(ISegmentationNetwork network, Tensor input, int warmup, int runs)
    {
        nn.Module module = Networks.AsModule(network);
        module.train();
        long n = input.size(0), h = input.size(2), w = input.size(3);
        using Scalar half = 0.5.ToScalar();
        using Tensor target = network.Classes == 1
            ? torch.rand(n, 1, h, w, device: input.device).gt(half).to(ScalarType.Float32)
            : torch.randint(0, network.Classes, [n, h, w], device: input.device);
        using var optimizer = torch.optim.Adam(module.parameters(), lr: 1e-3);
        var times = new List<double>(runs);
        for (int i = 0; i < warmup + runs; i++)
        {
            long start = Stopwatch.GetTimestamp();
            using (torch.NewDisposeScope())
            {
                optimizer.zero_grad();
                (Tensor loss, _) = network.Loss(network.ForwardNamed(input), target);
                loss.backward();
                optimizer.step();
            }
            if (i >= warmup)
                times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        return times;
    }

    public static double Median(IReadOnlyList<double> values)
    {
        double[] sorted = values.OrderBy(v => v).ToArray();
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
