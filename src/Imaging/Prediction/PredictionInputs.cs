using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Segment.Imaging.Prediction;

/// <summary>The images `segment predict --input` names: one file, or every image in a folder (not recursive), sorted by name.</summary>
public static class PredictionInputs
{
    /// <summary>The extensions ImageSharp 2.1 decodes here.</summary>
    public static readonly IReadOnlyList<string> Extensions = [".jpg", ".jpeg", ".png", ".bmp", ".gif", ".tif", ".tiff"];

    /// <summary>The image files; a clear error for a missing path, a folder without images, or two inputs with one stem.</summary>
    public static IReadOnlyList<string> List(string input)
    {
        ArgumentException.ThrowIfNullOrEmpty(input);
        if (Directory.Exists(input))
        {
            var files = Directory.EnumerateFiles(input)
                .Where(f => Extensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
                .OrderBy(f => f, StringComparer.Ordinal)
                .ToList();
            if (files.Count == 0)
                throw new FileNotFoundException($"folder '{input}' holds no image ({string.Join(", ", Extensions)})");
            // Before the first prediction: a FIFO or a link to a device named like an image would block or never end.
            foreach (string file in files)
                if (Segment.IO.InputFiles.Problem(file) is { } problem)
                    throw new IOException($"'{file}' in folder '{input}' {problem}");
            // Outputs are named by stem: a.jpg and a.png would write the same a.png.
            var clash = files.GroupBy(f => Path.GetFileNameWithoutExtension(f), StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (clash is not null)
                throw new IOException($"'{string.Join("' and '", clash)}' would both write {clash.Key}.png: keep one of them in the folder");
            return files;
        }
        Segment.IO.InputFiles.RequireRegular(input, "input image");
        return [input];
    }
}
