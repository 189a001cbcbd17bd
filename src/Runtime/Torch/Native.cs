using System;
using System.Runtime.InteropServices;
using System.Text;

namespace Segment.Runtime;

/// <summary>
/// Turns shim status codes into exceptions that name the op and the input shapes. The tensors
/// are passed to Check after the native call, which also keeps them (and their handles) alive
/// until the call has returned, so no finalizer can free a handle that is in use.
/// </summary>
internal static class Native
{
    internal static void Check(int rc, string op)
    {
        if (rc != 0) throw Error(op, default);
    }

    internal static void Check(int rc, string op, string n1, Tensor? t1)
    {
        if (rc != 0) throw Error(op, [(n1, t1)]);
    }

    internal static void Check(int rc, string op, string n1, Tensor? t1, string n2, Tensor? t2)
    {
        if (rc != 0) throw Error(op, [(n1, t1), (n2, t2)]);
    }

    internal static void Check(int rc, string op, string n1, Tensor? t1, string n2, Tensor? t2, string n3, Tensor? t3)
    {
        if (rc != 0) throw Error(op, [(n1, t1), (n2, t2), (n3, t3)]);
    }

    internal static void Check(int rc, string op, params (string name, Tensor? t)[] inputs)
    {
        if (rc != 0) throw Error(op, inputs);
    }

    /// <summary>The last error message of the calling thread, all lines.</summary>
    internal static string LastError() => Marshal.PtrToStringUTF8(NativeMethods.seg_last_error()) ?? "";

    internal static TorchException Error(string op, ReadOnlySpan<(string name, Tensor? t)> inputs)
    {
        string native = LastError();
        var sb = new StringBuilder(op).Append('(');
        bool first = true;
        foreach (var (name, t) in inputs)
        {
            if (t is null)
                continue;
            if (!first) sb.Append(", ");
            first = false;
            sb.Append(name).Append(' ').Append(t.IsDisposed ? "<disposed>" : FormatShape(t.shape));
        }
        sb.Append("): ");
        int nl = native.IndexOf('\n');
        sb.Append(nl < 0 ? native : native[..nl].TrimEnd());
        return new TorchException(sb.ToString(), native);
    }

    internal static string FormatShape(long[] shape) => "[" + string.Join(", ", shape) + "]";

    /// <summary>Handle of an optional tensor (null handle when absent).</summary>
    internal static IntPtr Opt(Tensor? t) => t is null ? IntPtr.Zero : t.Handle;
}
