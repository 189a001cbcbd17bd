namespace Segment.Runtime.Serialization;

/// <summary>
/// Everything in a pickle that could run code goes through here, so the reader itself can never
/// import or call anything: the resolver decides which globals exist and what calling them means.
/// Implementations throw <see cref="System.IO.InvalidDataException"/> to refuse.
/// </summary>
public interface IPickleResolver
{
    /// <summary>GLOBAL / STACK_GLOBAL: returns a stand-in for <c>module.name</c>, or throws if it is not allowed.</summary>
    object ResolveGlobal(string module, string name);

    /// <summary>REDUCE: the result of calling <paramref name="callable"/> with <paramref name="args"/>.</summary>
    object? Reduce(object? callable, PickleTuple args);

    /// <summary>BUILD: applies <paramref name="state"/> to <paramref name="target"/>; returns the object left on the stack.</summary>
    object? Build(object? target, object? state);

    /// <summary>BINPERSID: the object a persistent id stands for (torch: a storage).</summary>
    object? PersistentLoad(object? pid);
}
