using System;
using System.IO;
using System.Linq;
using Xunit;

namespace Segment.Networks.Tests.Distributed;

/// <summary>A test that runs <c>mpirun</c>: skipped, saying why, where Open MPI is not installed (scripts/setup.sh installs it).</summary>
public sealed class MpiFactAttribute : FactAttribute
{
    public MpiFactAttribute()
    {
        if (MpiRunner.Mpirun is null)
            Skip = "mpirun is not on PATH: install Open MPI (apt-get install openmpi-bin libopenmpi-dev, as scripts/setup.sh does)";
    }
}
