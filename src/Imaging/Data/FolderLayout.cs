using System.Collections.Generic;
using System.IO;

namespace Segment.Imaging.Data;

/// <summary>A plain <c>images/</c> + <c>masks/</c> pair, under <c>{root}/{split}/</c> when that folder exists, else under the root.</summary>
internal static class FolderLayout
{
    public static List<SamplePaths> Find(string root, string split)
    {
        StemPairing.RequireDirectory(root);
        string set = Directory.Exists(Path.Combine(root, split)) ? Path.Combine(root, split) : root;
        return StemPairing.Pair(Path.Combine(set, "images"), Path.Combine(set, "masks"));
    }
}
