namespace Segment.Generator.Model;

/// <summary>
/// A base class the user wrote in the network class's base list (SEG1017): the generator supplies the base class
/// itself, so its generated parts cannot also declare one. The stand-in of such a class leaves its own base out and
/// completes the user's instead, so the user's base is reported once (SEG1017) and nothing else.
/// </summary>
/// <param name="Text">The base as written (<c>nn.Module&lt;Tensor, Tensor&gt;</c>).</param>
/// <param name="Location">The base list entry, where SEG1017 points and the code fix removes it.</param>
/// <param name="Constructor">How the stand-in's constructor reaches the base: "name" (a constructor taking one string,
/// as TorchSharp's modules have), "default" (a parameterless one) or "none" (no constructor written).</param>
/// <param name="AbstractMembers">The base's abstract members no class in its chain implements, as the overrides the
/// stand-in writes (bodies throwing), so the class is not abstract by accident.</param>
/// <param name="BaseMemberNames">Names the base chain already has (<c>forward</c>, <c>call</c>, ...): the stand-in does
/// not declare a member of such a name, or hides it with <c>new</c> (<c>call</c>).</param>
internal sealed record ExplicitBaseClass(
    string Text,
    LocationInfo? Location,
    string Constructor,
    EquatableArray<AbstractMember> AbstractMembers,
    EquatableArray<string> BaseMemberNames);

/// <summary>An abstract member of the user's base, as its override's declaration before the body: <c>public override T forward(U input)</c>, and whether it is a property with a setter.</summary>
internal sealed record AbstractMember(string Name, string Signature, bool IsProperty, bool HasSetter);
