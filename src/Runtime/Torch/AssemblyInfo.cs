using System.Runtime.CompilerServices;

// The runtime tests exercise the shim's failure path directly (NativeMethods.seg_test_throw).
[assembly: InternalsVisibleTo("Segment.Runtime.Tests")]
