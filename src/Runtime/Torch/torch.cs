using System;
using System.Collections.Generic;

#pragma warning disable CS8981 // `torch` is lower-case on purpose: the runtime mirrors PyTorch's names.

namespace Segment.Runtime;

/// <summary>PyTorch's <c>torch</c> namespace: tensor creation, joining, seeds, threads, grad modes, dispose scopes.</summary>
public static partial class torch
{
    // ---- from .NET data (copied) ----

    /// <summary>A tensor holding a copy of <paramref name="data"/>; without a shape it is 1-D.</summary>
    public static Tensor tensor(float[] data, params long[] shape) => FromArray<float>(data, ScalarType.Float32, shape, Device.CPU);
    public static Tensor tensor(double[] data, params long[] shape) => FromArray<double>(data, ScalarType.Float64, shape, Device.CPU);
    public static Tensor tensor(long[] data, params long[] shape) => FromArray<long>(data, ScalarType.Int64, shape, Device.CPU);
    public static Tensor tensor(int[] data, params long[] shape) => FromArray<int>(data, ScalarType.Int32, shape, Device.CPU);
    public static Tensor tensor(byte[] data, params long[] shape) => FromArray<byte>(data, ScalarType.UInt8, shape, Device.CPU);
    public static Tensor tensor(bool[] data, params long[] shape) => FromArray<bool>(data, ScalarType.Bool, shape, Device.CPU);
    public static Tensor tensor(Half[] data, params long[] shape) => FromArray<Half>(data, ScalarType.Float16, shape, Device.CPU);

    public static Tensor tensor(float[] data, long[] shape, Device device) => FromArray<float>(data, ScalarType.Float32, shape, device);
    public static Tensor tensor(long[] data, long[] shape, Device device) => FromArray<long>(data, ScalarType.Int64, shape, device);

    /// <summary>A tensor over a copy of <paramref name="data"/>, which must hold exactly the shape's element count.</summary>
    public static Tensor tensor<T>(ReadOnlySpan<T> data, ReadOnlySpan<long> shape, ScalarType dtype, Device? device = null) where T : unmanaged
    {
        if (dtype.ElementSize() != System.Runtime.CompilerServices.Unsafe.SizeOf<T>())
            throw new ArgumentException($"{typeof(T).Name} elements cannot hold {dtype.TorchName()}", nameof(dtype));
        return Tensor.FromSpan(data, dtype, shape, device ?? Device.CPU);
    }

    /// <summary>A 0-D float32 tensor.</summary>
    public static Tensor scalar_tensor(double value, ScalarType dtype = ScalarType.Float32, Device? device = null)
        => full(Array.Empty<long>(), value, dtype, device);

    /// <summary>A tensor from contiguous little-endian storage bytes (as in .npy and .pth files).</summary>
    public static Tensor from_raw_bytes(ReadOnlySpan<byte> bytes, ScalarType t, long[] shape, Device? device = null)
        => Tensor.FromBytes(bytes, t, shape, device ?? Device.CPU);

    private static Tensor FromArray<T>(T[] data, ScalarType dtype, long[] shape, Device device) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(data);
        ReadOnlySpan<long> s = shape is { Length: > 0 } ? shape : [data.LongLength];
        return Tensor.FromSpan<T>(data, dtype, s, device);
    }

    // ---- factories ----

    private static unsafe Tensor Create(delegate*<long*, int, int, int, int, out IntPtr, int> fn, string op, long[] shape, ScalarType dtype, Device? device)
    {
        ArgumentNullException.ThrowIfNull(shape);
        Device d = device ?? Device.CPU;
        d.EnsureAvailable();
        int rc;
        IntPtr r;
        fixed (long* p = shape)
            rc = fn(p, shape.Length, (int)dtype, (int)d.Type, d.Index, out r);
        if (rc != 0)
            throw new TorchException($"{op}(shape {Native.FormatShape(shape)}, {dtype.TorchName()}, {d}): {FirstLine(Native.LastError())}", Native.LastError());
        return new Tensor(r);
    }

    private delegate int DeviceFactory(int dtype, int deviceType, int deviceIndex, out IntPtr result);

    /// <summary>Runs a native factory whose last arguments are dtype and device, on <paramref name="device"/> (CPU by default) once it is available.</summary>
    private static Tensor CreateOnDevice(string op, ScalarType dtype, Device? device, DeviceFactory fn)
    {
        Device d = device ?? Device.CPU;
        d.EnsureAvailable();
        Native.Check(fn((int)dtype, (int)d.Type, d.Index, out IntPtr r), op);
        return new Tensor(r);
    }

    private static string FirstLine(string s) => s.IndexOf('\n') is int i and >= 0 ? s[..i] : s;

    public static unsafe Tensor zeros(long[] shape, ScalarType dtype = ScalarType.Float32, Device? device = null) => Create(&NativeMethods.seg_zeros, "zeros", shape, dtype, device);
    public static unsafe Tensor ones(long[] shape, ScalarType dtype = ScalarType.Float32, Device? device = null) => Create(&NativeMethods.seg_ones, "ones", shape, dtype, device);
    public static unsafe Tensor empty(long[] shape, ScalarType dtype = ScalarType.Float32, Device? device = null) => Create(&NativeMethods.seg_empty, "empty", shape, dtype, device);
    /// <summary>Standard normal samples from the global generator (see <see cref="manual_seed"/>).</summary>
    public static unsafe Tensor randn(long[] shape, ScalarType dtype = ScalarType.Float32, Device? device = null) => Create(&NativeMethods.seg_randn, "randn", shape, dtype, device);
    /// <summary>Uniform [0, 1) samples from the global generator.</summary>
    public static unsafe Tensor rand(long[] shape, ScalarType dtype = ScalarType.Float32, Device? device = null) => Create(&NativeMethods.seg_rand, "rand", shape, dtype, device);

    public static Tensor zeros(params long[] shape) => zeros(shape, ScalarType.Float32);
    public static Tensor ones(params long[] shape) => ones(shape, ScalarType.Float32);
    public static Tensor empty(params long[] shape) => empty(shape, ScalarType.Float32);
    public static Tensor randn(params long[] shape) => randn(shape, ScalarType.Float32);
    public static Tensor rand(params long[] shape) => rand(shape, ScalarType.Float32);

    public static unsafe Tensor full(long[] shape, double value, ScalarType dtype = ScalarType.Float32, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(shape);
        Device d = device ?? Device.CPU;
        d.EnsureAvailable();
        int rc;
        IntPtr r;
        fixed (long* p = shape)
            rc = NativeMethods.seg_full(p, shape.Length, value, (int)dtype, (int)d.Type, d.Index, out r);
        if (rc != 0)
            throw new TorchException($"full(shape {Native.FormatShape(shape)}, {value}, {dtype.TorchName()}): {FirstLine(Native.LastError())}", Native.LastError());
        return new Tensor(r);
    }

    /// <summary>Integers uniform in [low, high).</summary>
    public static unsafe Tensor randint(long low, long high, long[] shape, ScalarType dtype = ScalarType.Int64, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(shape);
        Device d = device ?? Device.CPU;
        d.EnsureAvailable();
        int rc;
        IntPtr r;
        fixed (long* p = shape)
            rc = NativeMethods.seg_randint(low, high, p, shape.Length, (int)dtype, (int)d.Type, d.Index, out r);
        Native.Check(rc, "randint");
        return new Tensor(r);
    }

    /// <summary>A random permutation of 0..n-1.</summary>
    public static Tensor randperm(long n, ScalarType dtype = ScalarType.Int64, Device? device = null)
        => CreateOnDevice("randperm", dtype, device, (int t, int dt, int di, out IntPtr r) => NativeMethods.seg_randperm(n, t, dt, di, out r));

    /// <summary>0, 1, ..., end-1 as int64 (PyTorch infers int64 from integer bounds).</summary>
    public static Tensor arange(long end, ScalarType dtype = ScalarType.Int64, Device? device = null) => arange(0, end, 1, dtype, device);

    public static Tensor arange(long start, long end, long step = 1, ScalarType dtype = ScalarType.Int64, Device? device = null)
        => arange((double)start, end, step, dtype, device);

    public static Tensor arange(double start, double end, double step, ScalarType dtype = ScalarType.Float32, Device? device = null)
        => CreateOnDevice("arange", dtype, device, (int t, int dt, int di, out IntPtr r) => NativeMethods.seg_arange(start, end, step, t, dt, di, out r));

    public static Tensor linspace(double start, double end, long steps, ScalarType dtype = ScalarType.Float32, Device? device = null)
        => CreateOnDevice("linspace", dtype, device, (int t, int dt, int di, out IntPtr r) => NativeMethods.seg_linspace(start, end, steps, t, dt, di, out r));

    public static Tensor eye(long n, ScalarType dtype = ScalarType.Float32, Device? device = null)
        => CreateOnDevice("eye", dtype, device, (int t, int dt, int di, out IntPtr r) => NativeMethods.seg_eye(n, t, dt, di, out r));

    public static unsafe Tensor zeros_like(Tensor t) => t.Unary(&NativeMethods.seg_zeros_like, "zeros_like");
    public static unsafe Tensor ones_like(Tensor t) => t.Unary(&NativeMethods.seg_ones_like, "ones_like");

    // ---- joining ----

    /// <summary>Concatenates along an existing dimension.</summary>
    public static Tensor cat(IReadOnlyList<Tensor> tensors, int dim = 0) => Join(tensors, dim, stack: false);

    /// <summary>Joins along a new dimension.</summary>
    public static Tensor stack(IReadOnlyList<Tensor> tensors, int dim = 0) => Join(tensors, dim, stack: true);

    private static unsafe Tensor Join(IReadOnlyList<Tensor> tensors, int dim, bool stack)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        int n = tensors.Count;
        // Small lists (the usual 2-6 skips) stay on the stack: no per-call allocation.
        Span<IntPtr> handles = n <= 16 ? stackalloc IntPtr[n] : new IntPtr[n];
        for (int i = 0; i < n; i++)
            handles[i] = (tensors[i] ?? throw new ArgumentNullException(nameof(tensors), $"tensors[{i}] is null")).Handle;
        int rc;
        IntPtr r;
        fixed (IntPtr* p = handles)
            rc = stack ? NativeMethods.seg_stack(p, n, dim, out r) : NativeMethods.seg_cat(p, n, dim, out r);
        if (rc != 0)
        {
            var inputs = new (string, Tensor?)[n];
            for (int i = 0; i < n; i++) inputs[i] = ($"tensors[{i}]", tensors[i]);
            throw Native.Error(stack ? "stack" : "cat", inputs);
        }
        GC.KeepAlive(tensors);
        return new Tensor(r);
    }

    // ---- element-wise helpers that read better as functions ----

    /// <summary>Elements of <paramref name="x"/> where <paramref name="condition"/> holds, else of <paramref name="y"/>.</summary>
    public static Tensor where(Tensor condition, Tensor x, Tensor y)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        int rc = NativeMethods.seg_where(condition.Handle, x.Handle, y.Handle, out IntPtr r);
        Native.Check(rc, "where", "condition", condition, "input", x, "other", y);
        return new Tensor(r);
    }

    public static Tensor maximum(Tensor a, Tensor b) => a.maximum(b);
    public static Tensor minimum(Tensor a, Tensor b) => a.minimum(b);
    public static Tensor sigmoid(Tensor x) => x.sigmoid();
    public static Tensor relu(Tensor x) => x.relu();
    public static Tensor exp(Tensor x) => x.exp();
    public static Tensor log(Tensor x) => x.log();
    public static Tensor sqrt(Tensor x) => x.sqrt();
    public static Tensor abs(Tensor x) => x.abs();
    public static Tensor sum(Tensor x) => x.sum();
    public static Tensor mean(Tensor x) => x.mean();
    public static Tensor argmax(Tensor x, int dim, bool keepdim = false) => x.argmax(dim, keepdim);
    public static Tensor clamp(Tensor x, double? min = null, double? max = null) => x.clamp(min, max);
    public static Tensor bincount(Tensor x, Tensor? weights = null, long minlength = 0) => x.bincount(weights, minlength);
    public static Tensor matmul(Tensor a, Tensor b) => a.matmul(b);
    public static Tensor flatten(Tensor x, int start = 0, int end = -1) => x.flatten(start, end);
    public static bool equal(Tensor a, Tensor b) => a.equal(b);
    public static bool allclose(Tensor a, Tensor b, double rtol = 1e-5, double atol = 1e-8) => a.allclose(b, rtol, atol);

    // ---- process and thread settings ----

    /// <summary>Seeds the global generators (CPU and every CUDA device), as torch.manual_seed.</summary>
    public static void manual_seed(long seed) => Native.Check(NativeMethods.seg_manual_seed(seed), "manual_seed");

    /// <summary>Intra-op threads of libtorch's CPU kernels.</summary>
    public static void set_num_threads(int n)
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), n, "the number of threads must be positive");
        Native.Check(NativeMethods.seg_set_num_threads(n), "set_num_threads");
    }

    public static int get_num_threads() => NativeMethods.seg_get_num_threads();

    /// <summary>
    /// Whether the native library raised glibc's mmap and trim thresholds when it loaded, so that
    /// freed activation buffers are reused instead of returned to the OS (see Native/src/allocator.cpp;
    /// SEGMENT_MALLOC_TUNING=0 turns it off).
    /// </summary>
    public static bool malloc_tuning_enabled() => NativeMethods.seg_malloc_tuning_enabled() != 0;

    /// <summary>Disables autograd recording on this thread until disposed: <c>using (torch.no_grad()) { ... }</c>.</summary>
    public static IDisposable no_grad() => new NoGradScope(false);

    /// <summary>Enables autograd recording on this thread until disposed (inside a no_grad block).</summary>
    public static IDisposable enable_grad() => new NoGradScope(true);

    public static IDisposable set_grad_enabled(bool enabled) => new NoGradScope(enabled);

    public static bool is_grad_enabled() => NativeMethods.seg_is_grad_enabled() != 0;

    /// <summary>libtorch's inference mode on this thread until disposed (faster than no_grad; results cannot enter autograd later).</summary>
    public static IDisposable inference_mode() => new InferenceModeScope();

    public static bool is_inference_mode_enabled() => NativeMethods.seg_is_inference_mode_enabled() != 0;

    /// <summary>Opens a scope that owns the tensors created on this thread until it is disposed.</summary>
    public static DisposeScope NewDisposeScope() => new();

    /// <summary>torch.cuda: queries answered by the libtorch build this shim was compiled against.</summary>
    public static class cuda
    {
        public static bool is_available() => NativeMethods.seg_cuda_is_available() != 0;

        public static int device_count() => NativeMethods.seg_cuda_device_count();

        public static void synchronize(int device = -1)
        {
            if (!is_available())
                throw new TorchException("cuda.synchronize: CUDA is not available (this libtorch build or machine has no CUDA device)");
            Native.Check(NativeMethods.seg_cuda_synchronize(device), "cuda.synchronize");
        }
    }
}
