using System;
using System.Runtime.InteropServices;

namespace Segment.Runtime.Distributed;

/// <summary>
/// Collectives on tensors: the communicator works on host memory, so a tensor that is not a contiguous CPU
/// tensor goes through a host copy (a GPU tensor included: the Open MPI build Debian ships is not CUDA-aware).
/// Spans over a tensor's memory hold at most 2^31 - 1 bytes, so large tensors go in pieces.
/// </summary>
public static class TensorCollectives
{
    private const long PieceElements = 1L << 27;

    /// <summary>Sums <paramref name="tensor"/> (float32 or float64) over all ranks, in place.</summary>
    public static void AllReduceSum_(this ICommunicator communicator, Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (!communicator.IsDistributed())
            return;
        if (tensor.dtype != ScalarType.Float32 && tensor.dtype != ScalarType.Float64)
            throw new ArgumentException($"allreduce takes float32 or float64 tensors, not {tensor.dtype}", nameof(tensor));
        using var noGrad = torch.no_grad();
        bool direct = tensor.device_type == DeviceType.CPU && tensor.is_contiguous();
        Tensor host = direct ? tensor.detach() : tensor.detach().cpu().contiguous();
        try
        {
            using Tensor flat = host.view(-1);
            for (long offset = 0; offset < flat.numel(); offset += PieceElements)
            {
                using Tensor piece = flat.narrow(0, offset, Math.Min(PieceElements, flat.numel() - offset));
                if (tensor.dtype == ScalarType.Float32)
                    communicator.AllReduceSum(MemoryMarshal.Cast<byte, float>(piece.bytes));
                else
                    communicator.AllReduceSum(MemoryMarshal.Cast<byte, double>(piece.bytes));
            }
            if (!direct)
                tensor.copy_(host);
        }
        finally
        {
            host.Dispose();
        }
    }

    /// <summary>The sum of <paramref name="tensor"/> over all ranks, as a new tensor (the input unchanged).</summary>
    public static Tensor AllReduceSum(this ICommunicator communicator, Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        Tensor sum = tensor.detach().clone();
        communicator.AllReduceSum_(sum);
        return sum;
    }

    /// <summary>
    /// <paramref name="root"/>'s bytes on every rank: the length first, then the bytes. Other ranks pass null
    /// (what they pass is ignored) and get a new array.
    /// </summary>
    public static byte[] Broadcast(this ICommunicator communicator, byte[]? bytes, int root = 0)
    {
        if (communicator.Rank == root)
            ArgumentNullException.ThrowIfNull(bytes);
        if (!communicator.IsDistributed())
            return bytes!;
        Span<byte> length = stackalloc byte[sizeof(long)];
        if (communicator.Rank == root)
            MemoryMarshal.Write(length, (long)bytes!.Length);
        communicator.Broadcast(length, root);
        byte[] result = communicator.Rank == root ? bytes! : new byte[checked((int)MemoryMarshal.Read<long>(length))];
        communicator.Broadcast(result, root);
        return result;
    }
}
