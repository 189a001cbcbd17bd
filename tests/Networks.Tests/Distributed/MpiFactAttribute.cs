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

/// <summary>A test that runs MPICH's <c>mpiexec.mpich</c>: skipped, saying why, where MPICH is not installed (scripts/setup.sh installs it).</summary>
public sealed class MpichFactAttribute : FactAttribute
{
    public MpichFactAttribute()
    {
        if (MpiRunner.MpichExec is null)
            Skip = "mpiexec.mpich is not on PATH: install MPICH (apt-get install mpich, as scripts/setup.sh does)";
    }
}
