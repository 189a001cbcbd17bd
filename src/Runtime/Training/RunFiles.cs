using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
namespace Segment.Runtime.Training;

/// <summary>
/// The files a training run keeps in its folder (docs/training.md): <c>metrics.jsonl</c> (one JSON line per
/// epoch), <c>last.pth</c> and <c>best.pth</c> (flat model state_dicts the seeds' code loads with
/// <c>model.load_state_dict(torch.load(path))</c>), and <c>last.train.pth</c> beside last.pth, the resume
/// state (optimizer tensors, counters), kept apart so that last.pth stays a plain state_dict.
/// </summary>
public sealed class RunFiles(string folder)
{
    public string Folder { get; } = folder ?? throw new ArgumentNullException(nameof(folder));
    public string Metrics => Path.Combine(Folder, "metrics.jsonl");
    public string Last => Path.Combine(Folder, "last.pth");
    public string Best => Path.Combine(Folder, "best.pth");
    public string LastState => SidecarOf(Last);

    /// <summary>The resume state beside a weights file: <c>X.pth</c> -> <c>X.train.pth</c>.</summary>
    public static string SidecarOf(string weights)
    {
        string dir = Path.GetDirectoryName(weights) ?? "";
        return Path.Combine(dir, Path.GetFileNameWithoutExtension(weights) + ".train.pth");
    }
}
