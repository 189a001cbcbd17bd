using System;
using Xunit;

namespace Segment.Runtime.Tests;

/// <summary>A fact about file permissions: root writes anywhere, so as root the test is skipped (and says why) rather than passing without checking anything.</summary>
public sealed class NotRootFactAttribute : FactAttribute
{
    public NotRootFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
            Skip = "file modes are a Unix matter";
        else if (Environment.UserName == "root")
            Skip = "running as root, which ignores a folder's write permission";
    }
}
