using System;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Threading;

namespace Segment.Runtime.Distributed;

/// <summary>
/// Ends the job when a collective does not complete in time: a rank that hangs (stuck in I/O, stopped, deadlocked)
/// never dies, so neither the launcher nor <see cref="DistributedFaults"/> would notice, and every other rank would wait in
/// its next allreduce forever. Each collective arms the watchdog and disarms it when it returns; if the time runs out,
/// the waiting rank prints one line naming itself, the call and the limit, and ends the job (MPI_Abort; the process
/// exits anyway 10 s later if the library does not). The limit is SEGMENT_COLLECTIVE_TIMEOUT in seconds (default 1800,
/// as PyTorch's NCCL default; 0 turns it off); the collectives stay the library's blocking ones, so it costs nothing.
/// </summary>
internal sealed class CollectiveWatchdog : IDisposable
{
    /// <summary>The variable that sets the limit, in seconds.</summary>
    public const string Variable = "SEGMENT_COLLECTIVE_TIMEOUT";

    private static readonly TimeSpan DefaultLimit = TimeSpan.FromMinutes(30);
    private readonly Timer? timer;
    private readonly Action<string> endJob;
    private string call = "";

    /// <param name="limit">How long one collective may take; null for no limit.</param>
    /// <param name="endJob">Ends the job with the cause (prints the line and aborts).</param>
    public CollectiveWatchdog(TimeSpan? limit, Action<string> endJob)
    {
        Limit = limit;
        this.endJob = endJob;
        if (limit is not null)
            timer = new Timer(_ => Expire(), null, Timeout.Infinite, Timeout.Infinite);
    }

    public TimeSpan? Limit { get; }

    /// <summary>The limit SEGMENT_COLLECTIVE_TIMEOUT gives (seconds; 0 for none), the default when it is unset.</summary>
    /// <exception cref="ArgumentException">The variable is not a non-negative number of seconds.</exception>
    public static TimeSpan? LimitFromEnvironment()
    {
        string? text = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(text))
            return DefaultLimit;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) || !(seconds >= 0) || double.IsInfinity(seconds))
            throw new ArgumentException($"{Variable}={text}: expected a number of seconds (0 for no limit)");
        return seconds == 0 ? null : TimeSpan.FromSeconds(seconds);
    }

    /// <summary>Starts timing <paramref name="name"/> (the MPI call); the returned scope stops it.</summary>
    public Scope Guard(string name)
    {
        if (timer is null)
            return default;
        call = name;
        timer.Change(Limit!.Value, Timeout.InfiniteTimeSpan);
        return new Scope(timer);
    }

    private void Expire()
    {
        // The exit comes even if aborting hangs: the launcher sees a rank end and stops the rest.
        new Thread(() =>
        {
            Thread.Sleep(TimeSpan.FromSeconds(10));
            _exit(3);
        }) { IsBackground = true }.Start();
        endJob($"{call} did not complete in {Limit!.Value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s ({Variable}): another rank is stuck or gone");
    }

    [DllImport("libc", EntryPoint = "_exit")]
    private static extern void _exit(int status);

    public void Dispose() => timer?.Dispose();

    /// <summary>Disarms the watchdog when the collective returns.</summary>
    public readonly struct Scope(Timer? timer) : IDisposable
    {
        public void Dispose() => timer?.Change(Timeout.Infinite, Timeout.Infinite);
    }
}
