using System;

namespace Segment.Runtime;

/// <summary>
/// A libtorch error surfaced as a .NET exception. The message names the op and its input
/// shapes, then libtorch's own message (first line); <see cref="NativeMessage"/> keeps it whole.
/// </summary>
public sealed class TorchException : Exception
{
    public TorchException(string message) : base(message) => NativeMessage = message;

    public TorchException(string message, string nativeMessage) : base(message) => NativeMessage = nativeMessage;

    public TorchException(string message, Exception inner) : base(message, inner) => NativeMessage = message;

    /// <summary>libtorch's full message (all lines), without the op and shapes prefix.</summary>
    public string NativeMessage { get; }
}
