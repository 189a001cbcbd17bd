using System;
using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Segment.Generator.Benchmarks;

/// <summary>Collects the methods the runtime JIT-compiles (the runtime's MethodLoadVerbose events) while enabled.</summary>
internal sealed class JitListener : EventListener
{
    public readonly ConcurrentQueue<string> Methods = new();
    public volatile bool Recording;

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
            EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x10); // JitKeyword
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (!Recording || e.EventName is null || !e.EventName.StartsWith("MethodLoadVerbose", StringComparison.Ordinal) || e.Payload is null)
            return;
        int ns = e.PayloadNames!.IndexOf("MethodNamespace");
        int name = e.PayloadNames.IndexOf("MethodName");
        if (ns >= 0 && name >= 0)
            Methods.Enqueue(e.Payload[ns] + "::" + e.Payload[name]);
    }
}
