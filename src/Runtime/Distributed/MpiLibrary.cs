using System;
using System.Runtime.InteropServices;

namespace Segment.Runtime.Distributed;

/// <summary>
/// A thin binding of the MPI C API for the two ABIs in use:
/// <list type="bullet">
/// <item>Open MPI's libmpi.so.40 (Debian's openmpi-bin / libopenmpi-dev 4.1): its predefined handles are the addresses
/// of exported globals (its mpi.h: <c>#define MPI_COMM_WORLD OMPI_PREDEFINED_GLOBAL(MPI_Comm, ompi_mpi_comm_world)</c>,
/// the same for <c>ompi_mpi_float</c>, <c>ompi_mpi_op_sum</c>, ...), each looked up once as a symbol address;
/// <c>MPI_IN_PLACE</c> is <c>(void *) 1</c> and <c>MPI_COMM_TYPE_SHARED</c> 0.</item>
/// <item>MPICH's libmpich.so.12 (and the MPICH ABI of Intel MPI, MVAPICH and Cray MPICH): handles are 32-bit integer
/// constants of its mpi.h (<c>MPI_COMM_WORLD</c> 0x44000000, <c>MPI_FLOAT</c> 0x4c00040a, <c>MPI_SUM</c>
/// 0x58000003, ...); <c>MPI_IN_PLACE</c> is <c>(void *) -1</c> and <c>MPI_COMM_TYPE_SHARED</c> 1. The calls take the
/// same pointer-sized arguments: an int handle travels in the low half of its register (x86-64 and AArch64 pass
/// each argument in a register of its own), and a handle MPICH writes through a pointer fills the low half of a
/// zeroed IntPtr (little-endian).</item>
/// </list>
/// The library is opened with RTLD_GLOBAL because Open MPI's components (dlopened plugins) resolve their
/// symbols against it. Nothing here is touched unless a launcher started the process.
/// </summary>
internal sealed unsafe class MpiLibrary
{
    public const int ThreadSerialized = 2;   // MPI_THREAD_SERIALIZED (both ABIs): one thread at a time calls MPI

    private const int RtldNow = 0x2, RtldGlobal = 0x100;

    [DllImport("libc.so.6", EntryPoint = "dlopen")]
    private static extern IntPtr dlopen(string file, int mode);

    [DllImport("libc.so.6", EntryPoint = "dlerror")]
    private static extern IntPtr dlerror();

    /// <summary>"Open MPI" or "MPICH": which ABI the handles follow.</summary>
    public readonly string Abi;

    public readonly IntPtr CommWorld, Float, Double, Byte, Sum, Max, InfoNull, InPlace;

    /// <summary>MPI_COMM_TYPE_SHARED: the processes of one node.</summary>
    public readonly int CommTypeShared;
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

    private MpiLibrary(IntPtr handle, string path)
    {
        IntPtr Symbol(string name) => NativeLibrary.TryGetExport(handle, name, out IntPtr address)
            ? address
            : throw new DllNotFoundException($"{path} has no symbol {name}: it is not an MPI library (Open MPI's libmpi.so.40 or MPICH's libmpich.so.12)");
        GetLibraryVersion = (delegate* unmanaged<byte*, int*, int>)Symbol("MPI_Get_library_version");
        ErrorString = (delegate* unmanaged<int, byte*, int*, int>)Symbol("MPI_Error_string");
        if (NativeLibrary.TryGetExport(handle, "ompi_mpi_comm_world", out IntPtr world))
        {
            Abi = "Open MPI";
            CommWorld = world;
            Float = Symbol("ompi_mpi_float");
            Double = Symbol("ompi_mpi_double");
            Byte = Symbol("ompi_mpi_byte");
            Sum = Symbol("ompi_mpi_op_sum");
            Max = Symbol("ompi_mpi_op_max");
            InfoNull = Symbol("ompi_mpi_info_null");
            InPlace = 1;
            CommTypeShared = 0;
        }
        else
        {
            // MPI_Get_library_version may be called before MPI_Init: refuse an ABI other than MPICH's before using its constants.
            string version = Version();
            if (!Array.Exists(MpichFamily, name => version.Contains(name, StringComparison.OrdinalIgnoreCase)))
                throw new DllNotFoundException($"{path} is neither Open MPI nor of the MPICH ABI ({version}); set SEGMENT_MPI_LIBRARY to one that is");
            Abi = "MPICH";
            CommWorld = 0x44000000;
            Float = 0x4c00040a;
            Double = 0x4c00080b;
            Byte = 0x4c00010d;
            Sum = 0x58000003;
            Max = 0x58000001;
            InfoNull = 0x1c000000;
            InPlace = -1;
            CommTypeShared = 1;
        }
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
    }

    /// <summary>The version strings of MPI_Get_library_version that name a library of the MPICH ABI.</summary>
    private static readonly string[] MpichFamily = ["MPICH", "Intel(R) MPI", "MVAPICH", "CRAY MPICH"];

    /// <summary>
    /// Opens <paramref name="path"/>; by default SEGMENT_MPI_LIBRARY, else the library of the launcher that started
    /// the process: Open MPI's libmpi.so.40 under its mpirun (OMPI_* variables), MPICH's libmpich.so.12 otherwise
    /// (Hydra's mpiexec and Slurm set PMI_* / PMIX_*), each falling back to the other.
    /// </summary>
    /// <exception cref="DllNotFoundException">No such library, or neither ABI.</exception>
    public static MpiLibrary Open(string? path = null)
    {
        string[] candidates = path is not null ? [path]
            : Environment.GetEnvironmentVariable("SEGMENT_MPI_LIBRARY") is { Length: > 0 } chosen ? [chosen]
            : Environment.GetEnvironmentVariable("OMPI_COMM_WORLD_SIZE") is { Length: > 0 } ? ["libmpi.so.40", "libmpich.so.12"]
            : ["libmpich.so.12", "libmpi.so.40"];
        var reasons = new System.Collections.Generic.List<string>();
        foreach (string candidate in candidates)
        {
            IntPtr handle = dlopen(candidate, RtldNow | RtldGlobal);
            if (handle != IntPtr.Zero)
                return new MpiLibrary(handle, candidate);
            reasons.Add($"{candidate}: {Marshal.PtrToStringUTF8(dlerror()) ?? "not found"}");
        }
        throw new DllNotFoundException($"the process runs under an MPI launcher but no MPI library loads ({string.Join("; ", reasons)}); install Open MPI (apt-get install openmpi-bin) or MPICH (apt-get install mpich), or set SEGMENT_MPI_LIBRARY");
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

    /// <summary>The library's name and version on one line: "Open MPI v4.1.4", "MPICH Version: 4.0.2".</summary>
    public string Version()
    {
        byte* text = stackalloc byte[8192];   // MPI_MAX_LIBRARY_VERSION_STRING: 256 in Open MPI, 8192 in MPICH
        int length = 0;
        Check(GetLibraryVersion(text, &length), "MPI_Get_library_version");
        string first = Marshal.PtrToStringUTF8((IntPtr)text, length).Split('\n')[0].Split(',')[0];
        return System.Text.RegularExpressions.Regex.Replace(first, @"\s+", " ").Trim();
    }
}
