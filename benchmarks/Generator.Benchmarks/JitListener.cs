using System;
using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Segment.Generator.Benchmarks;

/// <summary>
/// Collects the methods the runtime JIT-compiles while <see cref="Recording"/>, with the time each took
/// (from the runtime's MethodJittingStarted to its MethodLoadVerbose event).
/// </summary>
internal sealed class JitListener : EventListener
{
    public readonly ConcurrentQueue<(string Method, double Ms)> Methods = new();
    private readonly ConcurrentDictionary<ulong, DateTime> started = new();
    public volatile bool Recording;

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
            EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x10); // JitKeyword
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (!Recording || e.EventName is null || e.Payload is null || e.PayloadNames is null)
            return;
        int id = e.PayloadNames.IndexOf("MethodID");
        if (id < 0 || e.Payload[id] is not ulong methodId)
            return;
        if (e.EventName.StartsWith("MethodJittingStarted", StringComparison.Ordinal))
        {
            started[methodId] = e.TimeStamp;
        }
        else if (e.EventName.StartsWith("MethodLoadVerbose", StringComparison.Ordinal))
        {
            int ns = e.PayloadNames.IndexOf("MethodNamespace");
            int name = e.PayloadNames.IndexOf("MethodName");
            double ms = started.TryRemove(methodId, out DateTime start) ? (e.TimeStamp - start).TotalMilliseconds : 0;
            if (ns >= 0 && name >= 0)
                Methods.Enqueue((e.Payload[ns] + "::" + e.Payload[name], ms));
        }
    }
}
