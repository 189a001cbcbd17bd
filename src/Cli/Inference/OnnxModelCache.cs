using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using Segment.Runtime.NN;
using Segment.Runtime.Onnx;

namespace Segment.Cli.Inference;

/// <summary>
/// The ONNX exports <c>predict</c> and <c>eval</c> run in ONNX Runtime, kept in the user's cache folder
/// (<c>$SEGMENT_CACHE_DIR</c>, else <c>$XDG_CACHE_HOME/segment</c>, else <c>~/.cache/segment</c>) under <c>onnx/</c>, never
/// beside the weights. A model's name is the network's plus a hash of everything the export depends on: the weights
/// file's bytes, the export options, and the builds of the exporter and of the network's generated code, so new
/// weights or a new build export again. A cache that cannot be written costs only the reuse: the model stays in memory.
/// </summary>
public static class OnnxModelCache
{
    public const string DirectoryVariable = "SEGMENT_CACHE_DIR";

    /// <summary>The folder the exports go to.</summary>
    public static string Folder
    {
        get
        {
            if (Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } own)
                return Path.Combine(own, "onnx");
            string root = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg ? xdg
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
            return Path.Combine(root, "segment", "onnx");
        }
    }

    /// <summary>
    /// The export options of the engine: BatchNorm folded, the newest opset, the run's normalisation in the metadata; a
    /// static <paramref name="size"/> when every input has it (U²-Net's 320 x 320: ONNX Runtime plans a static graph
    /// once), else any size the network takes; a static <paramref name="batch"/> when every run has it (predict's one
    /// image or tile), else any batch.
    /// </summary>
    public static OnnxExportOptions Options(ISegmentationNetwork network, float[]? mean, float[]? std, (int Height, int Width)? size = null, int? batch = null) => new()
    {
        Opset = OnnxOpset.Max,
        DynamicBatch = batch is null,
        BatchSize = batch ?? 1,
        DynamicSize = size is null && network.FixedInputSize is null,
        Height = size?.Height,
        Width = size?.Width,
        FoldBatchNorm = true,
        InputMean = network.InputChannels == 3 ? mean : null,
        InputStd = network.InputChannels == 3 ? std : null,
    };

    /// <summary>
    /// The model of <paramref name="network"/> (loaded with <paramref name="weightsPath"/>'s weights): read from the cache,
    /// else exported and stored there. Returns the model's bytes and where it is cached (null when the cache could not be written).
    /// </summary>
    public static (byte[] Model, string? CachedAt) Get(ISegmentationNetwork network, string weightsPath, OnnxExportOptions options)
    {
        ArgumentNullException.ThrowIfNull(network);
        string path = Path.Combine(Folder, $"{network.Name}-{Key(network, weightsPath, options)}.onnx");
        if (File.Exists(path))
            return (File.ReadAllBytes(path), path);
        byte[] model = network.BuildOnnx(options).ToBytes();
        try
        {
            Directory.CreateDirectory(Folder);
            Segment.IO.OutputFiles.Write(path, model);   // a temporary file renamed: a reader never sees half a model
            return (model, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"note: the ONNX export is not cached ({e.Message}); set {DirectoryVariable} to a writable folder to reuse it");
            return (model, null);
        }
    }

    /// <summary>Hex of SHA-256 over the weights' bytes, the options and the two builds (their module version ids).</summary>
    public static string Key(ISegmentationNetwork network, string weightsPath, OnnxExportOptions options)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using (FileStream weights = File.OpenRead(weightsPath))
        {
            byte[] buffer = new byte[1 << 20];
            for (int n; (n = weights.Read(buffer)) > 0;)
                hash.AppendData(buffer, 0, n);
        }
        string described = string.Join("|", network.Name, network.GetType().FullName, options.Opset, options.DynamicBatch, options.DynamicSize,
            options.FoldBatchNorm, options.BatchSize, options.Height, options.Width, options.Outputs, options.Head,
            Floats(options.InputMean), Floats(options.InputStd),
            typeof(OnnxGraphBuilder).Assembly.ManifestModule.ModuleVersionId, network.GetType().Assembly.ManifestModule.ModuleVersionId);
        hash.AppendData(Encoding.UTF8.GetBytes(described));
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..24];
    }

    private static string Floats(float[]? values) =>
        values is null ? "-" : string.Join(",", Array.ConvertAll(values, v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
}
