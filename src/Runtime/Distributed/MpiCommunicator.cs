using System;

namespace Segment.Runtime.Distributed;

/// <summary>
/// The job over MPI_COMM_WORLD (Open MPI or MPICH through <see cref="MpiLibrary"/>): MPI_Init_thread with
/// MPI_THREAD_SERIALIZED (the training thread and libtorch's autograd thread may both call, never at once),
/// the node's ranks from MPI_Comm_split_type(MPI_COMM_TYPE_SHARED), in-place MPI_Allreduce and MPI_Bcast.
/// Large buffers go in pieces of at most 2^30 elements (MPI counts are ints). <see cref="Dispose"/> calls
/// MPI_Finalize; <see cref="Abort"/> MPI_Abort, which ends every rank of the job. Every collective is timed by a
/// <see cref="CollectiveWatchdog"/>, so a rank that hangs ends the job instead of leaving the others waiting.
/// </summary>
public sealed unsafe class MpiCommunicator : ICommunicator
{
    private const int Piece = 1 << 30;
    private readonly MpiLibrary mpi;
    private readonly object gate = new();
    private readonly CollectiveWatchdog watchdog;
    private bool finalized;

    /// <summary>Initialises MPI (once per process) and reads this rank's place in the job.</summary>
    public MpiCommunicator(string? library = null)
    {
        mpi = MpiLibrary.Open(library);
        int initialized = 0, provided = 0, rank = 0, size = 0, localRank = 0, localSize = 0;
        mpi.Check(mpi.Initialized(&initialized), "MPI_Initialized");
        if (initialized == 0)
            mpi.Check(mpi.InitThread(IntPtr.Zero, IntPtr.Zero, MpiLibrary.ThreadSerialized, &provided), "MPI_Init_thread");
        mpi.Check(mpi.CommRank(mpi.CommWorld, &rank), "MPI_Comm_rank");
        mpi.Check(mpi.CommSize(mpi.CommWorld, &size), "MPI_Comm_size");
        IntPtr node = IntPtr.Zero;
        mpi.Check(mpi.CommSplitType(mpi.CommWorld, mpi.CommTypeShared, rank, mpi.InfoNull, &node), "MPI_Comm_split_type");
        mpi.Check(mpi.CommRank(node, &localRank), "MPI_Comm_rank");
        mpi.Check(mpi.CommSize(node, &localSize), "MPI_Comm_size");
        mpi.Check(mpi.CommFree(&node), "MPI_Comm_free");
        (Rank, Size, LocalRank, LocalSize) = (rank, size, localRank, localSize);
        Backend = mpi.Version();   // "Open MPI v4.1.4", "MPICH Version: 4.0.2"
        watchdog = new CollectiveWatchdog(CollectiveWatchdog.LimitFromEnvironment(),
            cause => DistributedFaults.AbortJob(this, DistributedFaults.Command, cause, exitCode: 1));
    }

    public int Rank { get; }
    public int Size { get; }
    public int LocalRank { get; }
    public int LocalSize { get; }
    public string Backend { get; }

    public void AllReduceSum(Span<float> values) => AllReduce(values, mpi.Float, mpi.Sum);
    public void AllReduceSum(Span<double> values) => AllReduce(values, mpi.Double, mpi.Sum);
    public void AllReduceMax(Span<double> values) => AllReduce(values, mpi.Double, mpi.Max);

    private void AllReduce<T>(Span<T> values, IntPtr type, IntPtr op) where T : unmanaged
    {
        lock (gate)
        using (watchdog.Guard("MPI_Allreduce"))
        {
            fixed (T* start = values)
                for (int offset = 0; offset < values.Length; offset += Piece)
                {
                    int count = Math.Min(Piece, values.Length - offset);
                    mpi.Check(mpi.Allreduce(mpi.InPlace, (IntPtr)(start + offset), count, type, op, mpi.CommWorld), "MPI_Allreduce");
                }
        }
    }

    public void Broadcast(Span<byte> bytes, int root)
    {
        if (root < 0 || root >= Size)
            throw new ArgumentOutOfRangeException(nameof(root), root, $"the job has ranks 0 to {Size - 1}");
        lock (gate)
        using (watchdog.Guard("MPI_Bcast"))
        {
            fixed (byte* start = bytes)
                for (int offset = 0; offset < bytes.Length; offset += Piece)
                    mpi.Check(mpi.Bcast((IntPtr)(start + offset), Math.Min(Piece, bytes.Length - offset), mpi.Byte, root, mpi.CommWorld), "MPI_Bcast");
        }
    }

    public void Barrier()
    {
        lock (gate)
        using (watchdog.Guard("MPI_Barrier"))
            mpi.Check(mpi.Barrier(mpi.CommWorld), "MPI_Barrier");
    }

    public void Abort(int exitCode)
    {
        mpi.Abort(mpi.CommWorld, exitCode);
        Environment.Exit(exitCode);   // MPI_Abort does not return; this only runs if the library let it
    }

    public void Dispose()
    {
        lock (gate)
        {
            if (finalized)
                return;
            finalized = true;
            watchdog.Dispose();
            int done = 0;
            mpi.Check(mpi.Finalized(&done), "MPI_Finalized");
            if (done == 0)
                mpi.Check(mpi.Finalize(), "MPI_Finalize");
        }
    }
}
