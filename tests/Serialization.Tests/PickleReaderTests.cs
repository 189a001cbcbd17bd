using System;
using System.Collections.Generic;
using System.IO;
using Segment.Runtime.Serialization;
using Xunit;

namespace Segment.Serialization.Tests;

/// <summary>The unpickler decodes the data opcodes of protocols 2 and 4 as CPython encodes them.</summary>
public class PickleReaderTests
{
    // pickle.dumps(V, protocol=p).hex() with CPython 3, where
    // V = [0, 255, 256, 65535, 65536, -1, -2**31, 2**31, 2**63-1, -2**63, 1.5, -0.0, 'h\u00e9llo',
    //      (1,), (1,2), (1,2,3), (1,2,3,4), {'a': 1, 'b': [None, True, False]}, ()]  (+ b'xy' before () in protocol 4)
    private const string Protocol2 =
        "80025d7100284b004bff4d00014dffff4a000001004affffffff4a000000808a0500000080008a08ffffffffffffff7f8a080000000000000080473ff8000000000000478000000000000000580600000068c3a96c6c6f71014b018571024b014b028671034b014b024b03877104284b014b024b034b047471057d71062858010000006171074b0158010000006271085d7109284e8889657529652e";
    private const string Protocol4 =
        "8004958c000000000000005d94284b004bff4d00014dffff4a000001004affffffff4a000000808a0500000080008a08ffffffffffffff7f8a080000000000000080473ff80000000000004780000000000000008c0668c3a96c6c6f944b0185944b014b0286944b014b024b038794284b014b024b034b0474947d94288c0161944b018c0162945d94284e88896575430278799429652e";

    private static object? Load(byte[] pickle) =>
        new PickleReader(pickle, new TorchPickleResolver((_, _, _) => throw new InvalidDataException("no storages here"))).Load();

    [Theory]
    [InlineData(Protocol2, false)]
    [InlineData(Protocol4, true)]
    public void DecodesScalarsStringsTuplesDictsAndLists(string hex, bool hasBytes)
    {
        var list = Assert.IsType<List<object?>>(Load(Convert.FromHexString(hex)));

        Assert.Equal(new object[] { 0L, 255L, 256L, 65535L, 65536L, -1L, -(1L << 31), 1L << 31, long.MaxValue, long.MinValue }, list.GetRange(0, 10));
        Assert.Equal(1.5, list[10]);
        Assert.True(double.IsNegative((double)list[11]!) && (double)list[11]! == 0.0);
        Assert.Equal("h\u00e9llo", list[12]);
        for (int n = 1; n <= 4; n++)
        {
            var tuple = Assert.IsType<PickleTuple>(list[12 + n]);
            Assert.Equal(n, tuple.Count);
            Assert.Equal((long)n, tuple[n - 1]);
        }
        var dict = Assert.IsType<PickleDict>(list[17]);
        Assert.Equal(new object[] { "a", "b" }, new[] { dict.Items[0].Key, dict.Items[1].Key });
        Assert.Equal(1L, dict.Items[0].Value);
        Assert.Equal(new object?[] { null, true, false }, Assert.IsType<List<object?>>(dict.Items[1].Value));
        if (hasBytes)
            Assert.Equal("xy"u8.ToArray(), list[18]);
        Assert.Same(PickleTuple.Empty, list[^1]);
    }

    [Fact]
    public void LongMemoOpcodes_StoreAndRecall()
    {
        // 'x' LONG_BINPUT 300, POP, LONG_BINGET 300, DUP, TUPLE2, STOP
        byte[] p = ZipSurgery.Pickle(new byte[] { 0x80, 0x02 }, ZipSurgery.Str("x"), new byte[] { 0x72, 0x2c, 0x01, 0, 0, 0x30, 0x6a, 0x2c, 0x01, 0, 0, 0x32, 0x86, 0x2e });
        var t = Assert.IsType<PickleTuple>(Load(p));
        Assert.Equal(new object?[] { "x", "x" }, t.Items);
    }

    [Theory]
    [InlineData("8002", "without a STOP")]
    [InlineData("800258ffffff7f", "truncated")]
    [InlineData("80026805", "memo entry 5 was never stored")]
    [InlineData("8002742e", "no MARK")]
    [InlineData("800273", "stack is empty")]
    [InlineData("8002284b012e", "STOP with")]
    [InlineData("80024b0152", "stack is empty")]
    [InlineData("80025d4b01522e", "REDUCE arguments must be a tuple")]
    [InlineData("80025d4b014b02732e", "SETITEM applies to a PickleDict, found list of 0")]
    [InlineData("8002630a", "truncated inside a GLOBAL")]
    public void MalformedPickles_GiveAnInvalidDataExceptionSayingWhy(string hex, string problem)
    {
        var e = Assert.Throws<InvalidDataException>(() => Load(Convert.FromHexString(hex)));
        Assert.Contains(problem, e.Message);
        Assert.StartsWith("data.pkl: ", e.Message);
    }

    [Fact]
    public void CallingAStorageClass_IsRefused()
    {
        // torch.FloatStorage is only meaningful inside a persistent id; calling it would allocate.
        byte[] p = ZipSurgery.Pickle(new byte[] { 0x80, 0x02 }, "ctorch\nFloatStorage\n", new byte[] { 0x29, 0x52, 0x2e });
        var e = Assert.Throws<InvalidDataException>(() => Load(p));
        Assert.Contains("cannot call torch.FloatStorage", e.Message);
    }
}
