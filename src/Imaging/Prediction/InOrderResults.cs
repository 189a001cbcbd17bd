using System;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace Segment.Imaging.Prediction;

/// <summary>
/// Results that arrive out of order (several inference streams) handed out in input order (the writer), with the
/// first failure in that order: <see cref="Take"/> of an image at or after a failed one gets the failure. At most
/// <c>capacity</c> images ahead of the next one to take are held; a stream with an image further ahead waits, so
/// memory stays bounded when writing is slower than inference.
/// </summary>
internal sealed class InOrderResults<T> : IDisposable
    where T : class
{
    private readonly object _gate = new();
    private readonly Dictionary<int, T> _ready = [];
    private readonly int _capacity;
    private readonly CancellationToken _stop;
    private readonly CancellationTokenRegistration _wakeOnStop;
    private int _next;
    private int _firstFailed = int.MaxValue;
    private ExceptionDispatchInfo? _failure;

    /// <param name="capacity">Images held ahead of the next one to take.</param>
    /// <param name="stop">Ends every wait with an <see cref="OperationCanceledException"/> (the run ended elsewhere).</param>
    public InOrderResults(int capacity, CancellationToken stop)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
        _stop = stop;
        _wakeOnStop = stop.Register(() =>
        {
            lock (_gate)
                Monitor.PulseAll(_gate);
        });
    }

    /// <summary>Whether any image has failed.</summary>
    public bool Failed
    {
        get
        {
            lock (_gate)
                return _firstFailed != int.MaxValue;
        }
    }

    /// <summary>Whether an image before <paramref name="index"/> (or it) has failed, so it will never be taken.</summary>
    public bool FailedBefore(int index)
    {
        lock (_gate)
            return _firstFailed <= index;
    }

    /// <summary>Records that image <paramref name="index"/> failed (the earliest failure wins).</summary>
    public void Fail(int index, ExceptionDispatchInfo failure)
    {
        lock (_gate)
        {
            if (index < _firstFailed)
            {
                _firstFailed = index;
                _failure = failure;
            }
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Image <paramref name="index"/>'s result; waits while it is <c>capacity</c> or more ahead of the next to take, and drops it if an earlier image failed.</summary>
    public void Put(int index, T result)
    {
        lock (_gate)
        {
            while (index - _next >= _capacity && _firstFailed > index)
                Wait();
            if (_firstFailed > index)
                _ready.Add(index, result);
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Image <paramref name="index"/>'s result (taken in order: 0, 1, 2, ...), or the failure of it or of an image before it.</summary>
    public (T? Result, ExceptionDispatchInfo? Failure) Take(int index)
    {
        lock (_gate)
        {
            if (index != _next)
                throw new InvalidOperationException($"results are taken in order: expected {_next}, asked for {index}");
            T? result;
            while (!_ready.Remove(index, out result) && _firstFailed > index)
                Wait();
            if (result is null)
                return (null, _failure);
            _next++;
            Monitor.PulseAll(_gate);
            return (result, null);
        }
    }

    /// <summary>
    /// Without waiting: the next result in order (with its index) or the failure at it, and true; false while the next
    /// image is still running.
    /// </summary>
    public bool TryTakeNext(out int index, out T? result, out ExceptionDispatchInfo? failure)
    {
        lock (_gate)
        {
            index = _next;
            failure = _firstFailed <= _next ? _failure : null;
            if (failure is null && _ready.Remove(_next, out result))
            {
                _next++;
                Monitor.PulseAll(_gate);
                return true;
            }
            result = null;
            return failure is not null;
        }
    }

    /// <summary>Whether the next result in order is there to take (and no image up to it has failed).</summary>
    public bool NextReady
    {
        get
        {
            lock (_gate)
                return _firstFailed > _next && _ready.ContainsKey(_next);
        }
    }

    /// <summary>The first failure in input order, if any.</summary>
    public ExceptionDispatchInfo? FirstFailure
    {
        get
        {
            lock (_gate)
                return _failure;
        }
    }

    public void Dispose() => _wakeOnStop.Dispose();

    private void Wait()
    {
        _stop.ThrowIfCancellationRequested();
        Monitor.Wait(_gate);
        _stop.ThrowIfCancellationRequested();
    }
}
