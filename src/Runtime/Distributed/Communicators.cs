using System;
using System.Threading;

namespace Segment.Runtime.Distributed;

/// <summary>
/// The process's job. Under a launcher (mpirun / mpiexec set OMPI_COMM_WORLD_SIZE, MPICH-style and Slurm PMI
/// set PMI_SIZE, PMIx launchers such as <c>srun --mpi=pmix</c> set PMIX_RANK) it is an
/// <see cref="MpiCommunicator"/>, started on first use; otherwise <see cref="SingleProcess"/> and no MPI library
/// is loaded. A launcher that starts one process (<c>mpirun -np 1</c>) also gets the single process.
/// </summary>
public static class Communicators
{
    private static readonly Lock gate = new();
    private static ICommunicator? world;

    /// <summary>The environment variables that say a launcher started this process.</summary>
    public static readonly string[] LauncherVariables = ["OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK"];

    /// <summary>True when a launcher started this process as one of several (or of an unknown number).</summary>
    public static bool UnderLauncher()
    {
        foreach (string name in LauncherVariables)
        {
            string? value = Environment.GetEnvironmentVariable(name);
            if (string.IsNullOrEmpty(value))
                continue;
            // The sizes say how many; PMIX_RANK alone says nothing about the size, so MPI is asked.
            return !name.EndsWith("_SIZE", StringComparison.Ordinal) || value != "1";
        }
        return false;
    }

    /// <summary>The job this process belongs to, started (MPI_Init) on the first call.</summary>
    public static ICommunicator World
    {
        get
        {
            lock (gate)
                return world ??= UnderLauncher() ? new MpiCommunicator() : SingleProcess.Instance;
        }
    }

    /// <summary>The job if <see cref="World"/> has started it, else null (a failure path must not start MPI).</summary>
    public static ICommunicator? Started
    {
        get
        {
            lock (gate)
                return world;
        }
    }

    /// <summary>Finalises MPI if it was started (the end of the process's work).</summary>
    public static void Shutdown()
    {
        lock (gate)
            world?.Dispose();
    }
}
