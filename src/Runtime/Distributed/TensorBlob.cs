using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace Segment.Runtime.Distributed;

/// <summary>
/// Named tensors as one byte array, to broadcast a whole state (weights, optimizer state, resume position)
/// in one message: per tensor its name, dtype, shape and raw little-endian data. Only between processes of
/// one job (same build): not a file format.
/// </summary>
internal static class TensorBlob
{
    public static byte[] Pack(IEnumerable<KeyValuePair<string, Tensor>> tensors)
    {
        using var memory = new MemoryStream();
        using (var writer = new BinaryWriter(memory, Encoding.UTF8, leaveOpen: true))
        {
            var list = new List<KeyValuePair<string, Tensor>>(tensors);
            writer.Write(list.Count);
            foreach ((string name, Tensor tensor) in list)
            {
                using Tensor host = tensor.detach().cpu().contiguous();
                writer.Write(name);
                writer.Write((int)host.dtype);
                writer.Write(host.dim());
                foreach (long d in host.shape)
                    writer.Write(d);
                ReadOnlySpan<byte> data = host.numel() == 0 ? [] : host.bytes;
                writer.Write(data.Length);
                writer.Write(data);
            }
        }
        return memory.ToArray();
    }

    /// <summary>New CPU tensors, the caller's to dispose, in the packed order.</summary>
    public static Dictionary<string, Tensor> Unpack(byte[] blob)
    {
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        using var reader = new BinaryReader(new MemoryStream(blob), Encoding.UTF8);
        int count = reader.ReadInt32();
        for (int i = 0; i < count; i++)
        {
            string name = reader.ReadString();
            var dtype = (ScalarType)reader.ReadInt32();
            var shape = new long[reader.ReadInt64()];
            for (int d = 0; d < shape.Length; d++)
                shape[d] = reader.ReadInt64();
            byte[] data = reader.ReadBytes(reader.ReadInt32());
            Tensor tensor = torch.empty(shape, dtype);
            if (data.Length > 0)
                tensor.bytes = data;
            result[name] = tensor;
        }
        return result;
    }
}
