using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Segment.Runtime.Serialization;

/// <summary>
/// The only globals a state-dict pickle may name, and what calling them means. Everything else
/// (os.system, builtins.eval, arbitrary classes) is refused: a checkpoint is data, never code.
/// </summary>
public sealed class TorchPickleResolver : IPickleResolver
{
    private static readonly PickleGlobal OrderedDict = new("collections", "OrderedDict");
    private static readonly PickleGlobal RebuildTensorV2 = new("torch._utils", "_rebuild_tensor_v2");
    private static readonly PickleGlobal RebuildParameter = new("torch._utils", "_rebuild_parameter");

    private readonly Func<string, CheckpointDType, long, StoredStorage> _loadStorage;
    private readonly Dictionary<string, StoredStorage> _storages = new();

    /// <param name="loadStorage">Reads record <c>data/{key}</c> for a storage of the given type and element count; called once per key.</param>
    public TorchPickleResolver(Func<string, CheckpointDType, long, StoredStorage> loadStorage) =>
        _loadStorage = loadStorage ?? throw new ArgumentNullException(nameof(loadStorage));

    /// <summary>The names accepted, for error messages.</summary>
    public static string AllowedGlobals =>
        "collections.OrderedDict, torch._utils._rebuild_tensor_v2, torch._utils._rebuild_parameter, torch.{"
        + string.Join(",", Enum.GetValues<CheckpointDType>().Select(t => t.StorageClassName())) + "}";

    public object ResolveGlobal(string module, string name)
    {
        var g = new PickleGlobal(module, name);
        if (g == OrderedDict || g == RebuildTensorV2 || g == RebuildParameter)
            return g;
        if (module == "torch" && CheckpointDTypes.TryFromStorageClassName(name, out CheckpointDType t))
            return new StorageType(t);
        throw new InvalidDataException($"global '{module}.{name}' is not allowed in a checkpoint (allowed: {AllowedGlobals})");
    }

    public object? Reduce(object? callable, PickleTuple args)
    {
        if (Equals(callable, OrderedDict))
            return NewOrderedDict(args);
        if (Equals(callable, RebuildTensorV2))
            return RebuildTensor(args);
        if (Equals(callable, RebuildParameter))
        {
            // _rebuild_parameter(data, requires_grad, backward_hooks): a Parameter is its data here.
            if (args.Count < 1 || args[0] is not StoredTensor data)
                throw new InvalidDataException($"_rebuild_parameter expects a tensor first, got ({Describe(args)})");
            return data;
        }
        throw new InvalidDataException($"cannot call {PickleValues.Describe(callable)}");
    }

    public object? Build(object? target, object? state)
    {
        // OrderedDict.__reduce__ carries instance attributes (state_dict's _metadata: per-module
        // versions) as BUILD state. Loading ignores them; only the tensors matter.
        if (target is PickleDict && state is PickleDict or PickleTuple or null)
            return target;
        throw new InvalidDataException($"BUILD on {PickleValues.Describe(target)} with {PickleValues.Describe(state)} is not supported");
    }

    public object? PersistentLoad(object? pid)
    {
        // torch.save: ('storage', torch.FloatStorage, key, location, numel); location is ignored (everything loads on the CPU).
        // The legacy format (before PyTorch 1.6) adds a sixth field, view_metadata, None for a whole storage.
        if (pid is not PickleTuple t || t.Count is not (5 or 6) || t[0] is not "storage")
            throw new InvalidDataException($"persistent id must be ('storage', type, key, location, numel), got {PickleValues.Describe(pid)}");
        if (t.Count == 6 && t[5] is not null)
            throw new InvalidDataException("legacy storage views (a persistent id with view metadata) are not supported; re-save the file with a current PyTorch");
        if (t[1] is not StorageType type || t[2] is not string key || t[3] is not string || t[4] is not long numel || numel < 0)
            throw new InvalidDataException($"persistent id has the wrong fields: ({Describe(t)})");
        if (_storages.TryGetValue(key, out StoredStorage? seen))
        {
            if (seen.DType != type.DType)
                throw new InvalidDataException($"storage '{key}' is used both as {seen.DType} and {type.DType}");
            return seen;
        }
        StoredStorage storage = _loadStorage(key, type.DType, numel);
        _storages[key] = storage;
        return storage;
    }

    private static PickleDict NewOrderedDict(PickleTuple args)
    {
        var dict = new PickleDict();
        if (args.Count == 0)
            return dict;
        // OrderedDict([(k, v), ...]) is how some older writers spell it.
        if (args.Count == 1 && args[0] is List<object?> pairs)
        {
            foreach (object? p in pairs)
            {
                if (p is not PickleTuple kv || kv.Count != 2)
                    throw new InvalidDataException($"OrderedDict item must be a (key, value) pair, got {PickleValues.Describe(p)}");
                dict.Set(kv[0], kv[1]);
            }
            return dict;
        }
        throw new InvalidDataException($"OrderedDict called with ({Describe(args)})");
    }

    private static StoredTensor RebuildTensor(PickleTuple args)
    {
        // _rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata])
        if (args.Count is < 4 or > 7 || args[0] is not StoredStorage storage || args[1] is not long offset
            || args[2] is not PickleTuple size || args[3] is not PickleTuple stride)
            throw new InvalidDataException($"_rebuild_tensor_v2 expects (storage, offset, size, stride, ...), got ({Describe(args)})");
        return new StoredTensor(storage, offset, Longs(size, "size"), Longs(stride, "stride"));
    }

    private static long[] Longs(PickleTuple t, string what) =>
        t.Items.Select(v => v as long? ?? throw new InvalidDataException($"tensor {what} holds a {PickleValues.Describe(v)}, not an int")).ToArray();

    private static string Describe(PickleTuple t) => string.Join(", ", t.Items.Select(PickleValues.Describe));

    /// <summary>Stand-in for a <c>torch.*Storage</c> class: only meaningful inside a persistent id.</summary>
    private sealed record StorageType(CheckpointDType DType)
    {
        public override string ToString() => "torch." + DType.StorageClassName();
    }
}
