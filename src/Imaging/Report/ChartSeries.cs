using System.Collections.Generic;

namespace Segment.Imaging.Report;

/// <summary>One curve of a chart: its legend name and its (epoch, value) points, in epoch order.</summary>
internal sealed record ChartSeries(string Name, IReadOnlyList<(int Epoch, double Value)> Points);
