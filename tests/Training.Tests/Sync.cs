using System;

namespace Segment.Training.Tests;

/// <summary>An IProgress that runs its action on the reporting thread (System.Progress posts later, on the pool).</summary>
internal sealed class Sync<T>(Action<T> action) : IProgress<T>
{
    public void Report(T value) => action(value);
}
