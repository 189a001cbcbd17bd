namespace Segment.Generator.Model;

/// <summary>A member the user wrote in the network class (a field, property, method, event or nested type) and where its name is.</summary>
internal sealed record UserMember(string Name, LocationInfo? Location, bool IsMethod);
