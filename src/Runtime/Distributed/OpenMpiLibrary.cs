using System;
using System.Runtime.InteropServices;

namespace Segment.Runtime.Distributed;

/// <summary>
/// A thin binding of the MPI C API as Open MPI's libmpi.so.40 exports it (Debian's openmpi-bin /
/// libopenmpi-dev 4.1). Open MPI's predefined handles are the addresses of exported globals (its mpi.h:
/// <c>#define MPI_COMM_WORLD OMPI_PREDEFINED_GLOBAL(MPI_Comm, ompi_mpi_comm_world)</c>, the same for
/// <c>ompi_mpi_float</c>, <c>ompi_mpi_op_sum</c>, ...), so each handle is looked up once as a symbol address;
/// <c>MPI_IN_PLACE</c> is <c>(void *) 1</c>. MPICH's handles are integers instead: it is not bound here.
/// The library is opened with RTLD_GLOBAL because Open MPI's components (dlopened plugins) resolve their
/// symbols against it. Nothing here is touched unless a launcher started the process.
/// </summary>
internal sealed unsafe class OpenMpiLibrary
{
    public const int ThreadSerialized = 2;   // MPI_THREAD_SERIALIZED: one thread at a time calls MPI
    public const int CommTypeShared = 0;     // MPI_COMM_TYPE_SHARED: the processes of one node
    public static readonly IntPtr InPlace = 1;

    private const int RtldNow = 0x2, RtldGlobal = 0x100;

    [DllImport("libc.so.6", EntryPoint = "dlopen")]
    private static extern IntPtr dlopen(string file, int mode);

    [DllImport("libc.so.6", EntryPoint = "dlerror")]
    private static extern IntPtr dlerror();

    public readonly IntPtr CommWorld, Float, Double, Byte, Sum, Max, InfoNull;
    public readonly delegate* unmanaged<int*, int> Initialized, Finalized;
    public readonly delegate* unmanaged<IntPtr, IntPtr, int, int*, int> InitThread;
    public readonly delegate* unmanaged<int> Finalize;
    public readonly delegate* unmanaged<IntPtr, int*, int> CommRank, CommSize;
    public readonly delegate* unmanaged<IntPtr, int, int, IntPtr, IntPtr*, int> CommSplitType;
    public readonly delegate* unmanaged<IntPtr*, int> CommFree;
    public readonly delegate* unmanaged<IntPtr, IntPtr, int, IntPtr, IntPtr, IntPtr, int> Allreduce;
    public readonly delegate* unmanaged<IntPtr, int, IntPtr, int, IntPtr, int> Bcast;
    public readonly delegate* unmanaged<IntPtr, int> Barrier;
    public readonly delegate* unmanaged<IntPtr, int, int> Abort;
    public readonly delegate* unmanaged<byte*, int*, int> GetLibraryVersion;
    public readonly delegate* unmanaged<int, byte*, int*, int> ErrorString;

    private OpenMpiLibrary(IntPtr handle)
    {
        IntPtr Symbol(string name) => NativeLibrary.TryGetExport(handle, name, out IntPtr address)
            ? address
            : throw new DllNotFoundException($"the MPI library has no symbol {name}: Open MPI's libmpi.so.40 is needed (MPICH is not supported)");
        CommWorld = Symbol("ompi_mpi_comm_world");
        Float = Symbol("ompi_mpi_float");
        Double = Symbol("ompi_mpi_double");
        Byte = Symbol("ompi_mpi_byte");
        Sum = Symbol("ompi_mpi_op_sum");
        Max = Symbol("ompi_mpi_op_max");
        InfoNull = Symbol("ompi_mpi_info_null");
        Initialized = (delegate* unmanaged<int*, int>)Symbol("MPI_Initialized");
        Finalized = (delegate* unmanaged<int*, int>)Symbol("MPI_Finalized");
        InitThread = (delegate* unmanaged<IntPtr, IntPtr, int, int*, int>)Symbol("MPI_Init_thread");
        Finalize = (delegate* unmanaged<int>)Symbol("MPI_Finalize");
        CommRank = (delegate* unmanaged<IntPtr, int*, int>)Symbol("MPI_Comm_rank");
        CommSize = (delegate* unmanaged<IntPtr, int*, int>)Symbol("MPI_Comm_size");
        CommSplitType = (delegate* unmanaged<IntPtr, int, int, IntPtr, IntPtr*, int>)Symbol("MPI_Comm_split_type");
        CommFree = (delegate* unmanaged<IntPtr*, int>)Symbol("MPI_Comm_free");
        Allreduce = (delegate* unmanaged<IntPtr, IntPtr, int, IntPtr, IntPtr, IntPtr, int>)Symbol("MPI_Allreduce");
        Bcast = (delegate* unmanaged<IntPtr, int, IntPtr, int, IntPtr, int>)Symbol("MPI_Bcast");
        Barrier = (delegate* unmanaged<IntPtr, int>)Symbol("MPI_Barrier");
        Abort = (delegate* unmanaged<IntPtr, int, int>)Symbol("MPI_Abort");
        GetLibraryVersion = (delegate* unmanaged<byte*, int*, int>)Symbol("MPI_Get_library_version");
        ErrorString = (delegate* unmanaged<int, byte*, int*, int>)Symbol("MPI_Error_string");
    }

    /// <summary>
    /// Opens <paramref name="path"/> (default: SEGMENT_MPI_LIBRARY, else libmpi.so.40, the soname of Open MPI 3 and 4).
    /// </summary>
    /// <exception cref="DllNotFoundException">No such library, or not Open MPI.</exception>
    public static OpenMpiLibrary Open(string? path = null)
    {
        path ??= Environment.GetEnvironmentVariable("SEGMENT_MPI_LIBRARY") is { Length: > 0 } chosen ? chosen : "libmpi.so.40";
        IntPtr handle = dlopen(path, RtldNow | RtldGlobal);
        if (handle == IntPtr.Zero)
        {
            string why = Marshal.PtrToStringUTF8(dlerror()) ?? "not found";
            throw new DllNotFoundException($"the process runs under an MPI launcher but {path} does not load ({why}); install Open MPI (apt-get install openmpi-bin) or set SEGMENT_MPI_LIBRARY");
        }
        return new OpenMpiLibrary(handle);
    }

    /// <summary>Throws with MPI's own message when a call fails (the default error handler aborts first, so this is rare).</summary>
    public void Check(int code, string call)
    {
        if (code == 0)
            return;
        byte* text = stackalloc byte[512];
        int length = 0;
        string message = ErrorString(code, text, &length) == 0 ? Marshal.PtrToStringUTF8((IntPtr)text, length) : $"error {code}";
        throw new InvalidOperationException($"{call} failed: {message}");
    }

    public string Version()
    {
        byte* text = stackalloc byte[8192];   // MPI_MAX_LIBRARY_VERSION_STRING is 256 in Open MPI; room to spare
        int length = 0;
        Check(GetLibraryVersion(text, &length), "MPI_Get_library_version");
        return Marshal.PtrToStringUTF8((IntPtr)text, length).Split(',')[0].Trim();
    }
}
