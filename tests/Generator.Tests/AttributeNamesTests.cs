using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Segment.Generator.Parsing;
using Segment.Generator.Tests.Harness;
using Xunit;

namespace Segment.Generator.Tests;

/// <summary>AttributeNames.Of, the parsers' cheap attribute match, agrees with comparing ToDisplayString() to the metadata names.</summary>
public sealed class AttributeNamesTests
{
    private static readonly string[] Known =
    {
        AttributeNames.U2Net, AttributeNames.Input, AttributeNames.Encoder, AttributeNames.Decoder, AttributeNames.UNet, AttributeNames.UNetPlusPlus,
    };

    [Fact]
    public void Of_knows_the_DSL_attributes_and_no_lookalike()
    {
        var compilation = GeneratorHarness.Compilation(("Attributes.cs", """
            using System;
            namespace Segment.Dsl.Inner { public sealed class InputAttribute : Attribute { } }
            namespace Segment.Dsl { public sealed class Generic<T> { public sealed class UNetAttribute : Attribute { } } }
            namespace Other.Segment.Dsl { public sealed class UNetAttribute : Attribute { } }
            namespace Other { public sealed class U2NetAttribute : Attribute { } public sealed class DecoderAttribute<T> : Attribute { } }
            namespace Demo
            {
                [Segment.Dsl.U2Net(OutChannels = 1)]
                [Segment.Dsl.Input(3)]
                [Segment.Dsl.Encoder("En1", 7, 3, 16, 64)]
                [Segment.Dsl.Decoder("De1", 7, 128, 16, 64)]
                [Segment.Dsl.UNet]
                [Segment.Dsl.UNetPlusPlus]
                [Segment.Dsl.Inner.Input]
                [Segment.Dsl.Generic<int>.UNet]
                [Other.Segment.Dsl.UNet]
                [Other.U2Net]
                [Other.Decoder<int>]
                [Missing]
                [Segment.Dsl.Missing]
                public partial class Everything { }
            }
            """));
        var classes = AttributeClasses(compilation);
        Assert.Equal(13, classes.Length);
        Assert.Equal(Known, classes.Take(6).Select(AttributeNames.Of));
        AssertAgrees(classes);
    }

    [Fact]
    public void Of_agrees_with_the_display_string_for_types_named_like_the_namespace()
    {
        // Without the Segment.Dsl reference, Segment.Dsl is a class here: its nested EncoderAttribute displays as
        // Segment.Dsl.EncoderAttribute (a match, as before), a generic Dsl<T>'s as Segment.Dsl<int>.InputAttribute (none).
        var withDsl = GeneratorHarness.Compilation(("Attributes.cs", """
            using System;
            namespace Segment { public class Dsl { public sealed class EncoderAttribute : Attribute { } } public class Dsl<T> { public sealed class InputAttribute : Attribute { } } }
            namespace Demo
            {
                [Segment.Dsl.Encoder]
                [Segment.Dsl<int>.Input]
                public partial class Everything { }
            }
            """));
        var compilation = withDsl.RemoveReferences(withDsl.References.Where(r => r.Display?.EndsWith("Segment.Dsl.dll", System.StringComparison.Ordinal) == true));
        var classes = AttributeClasses(compilation);
        Assert.Equal(2, classes.Length);
        Assert.Equal(new[] { AttributeNames.Encoder, null }, classes.Select(AttributeNames.Of));
        AssertAgrees(classes);
    }

    private static INamedTypeSymbol?[] AttributeClasses(CSharpCompilation compilation) =>
        compilation.GetTypeByMetadataName("Demo.Everything")!.GetAttributes().Select(a => a.AttributeClass).ToArray();

    private static void AssertAgrees(INamedTypeSymbol?[] classes)
    {
        foreach (INamedTypeSymbol? attributeClass in classes)
        {
            string? display = attributeClass?.ToDisplayString();
            Assert.Equal(Known.Contains(display) ? display : null, AttributeNames.Of(attributeClass));
        }
    }
}
