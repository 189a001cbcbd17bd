using System;
using System.Text;

namespace Segment.Generator.Emitters;

/// <summary>Builds generated source line by line with four-space indentation and '\n' line ends (deterministic on every OS).</summary>
internal sealed class IndentedWriter
{
    private readonly StringBuilder text = new();
    private int depth;

    /// <summary>Writes a line at the current depth; an empty line stays empty.</summary>
    public IndentedWriter Line(string line = "")
    {
        if (line.Length > 0)
            text.Append(' ', depth * 4).Append(line);
        text.Append('\n');
        return this;
    }

    /// <summary>Writes each line of a (raw string) template at the current depth.</summary>
    public IndentedWriter Lines(string block)
    {
        foreach (string line in block.Replace("\r\n", "\n").Split('\n'))
            Line(line);
        return this;
    }

    /// <summary>Writes <paramref name="header"/> and an opening brace; disposing the result closes it.</summary>
    public IDisposable Block(string header, string closing = "}")
    {
        Line(header);
        Line("{");
        depth++;
        return new Closer(this, closing);
    }

    public override string ToString() => text.ToString();

    private sealed class Closer : IDisposable
    {
        private readonly IndentedWriter writer;
        private readonly string closing;

        public Closer(IndentedWriter writer, string closing)
        {
            this.writer = writer;
            this.closing = closing;
        }

        public void Dispose()
        {
            writer.depth--;
            writer.Line(closing);
        }
    }
}
