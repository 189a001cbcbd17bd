using System;

namespace Segment.Runtime.Distributed;

/// <summary>
/// What a failing rank does: the others are waiting in a collective for it and would wait forever, so it prints
/// one line naming itself and the cause, then ends the whole job (MPI_Abort; mpirun then stops every rank and
/// exits non-zero). A rank that is killed outright is noticed by the launcher, which ends the others the same
/// way. Checkpoints are written beside their target and renamed, so an abort never leaves one half-written.
/// </summary>
public static class DistributedFaults
{
    /// <summary>What the line names as the failing program ("segment train"); the command line sets it when a command starts.</summary>
    public static string Command { get; set; } = "segment";

    /// <summary>"segment train: rank 1 of 2: CAUSE" on stderr, then the job ends with <paramref name="exitCode"/>; with one process, returns.</summary>
    public static void AbortJob(ICommunicator? communicator, string command, string cause, int exitCode)
    {
        if (communicator is null || !communicator.IsDistributed())
            return;
        Console.Out.Flush();
        Console.Error.WriteLine($"{command}: {communicator.Describe()}: {cause}; ending the job");
        Console.Error.Flush();
        communicator.Abort(exitCode);
    }
}
