using Xunit;

namespace Segment.Networks.Tests;

/// <summary>A test that needs a CUDA device: skipped, saying why, where torch.cuda.is_available() is false (a CPU backend, no GPU).</summary>
public sealed class CudaFactAttribute : FactAttribute
{
    public CudaFactAttribute()
    {
        if (!torch.cuda.is_available())
            Skip = "no CUDA device (the tests reference the CPU libtorch backend; a GPU machine with a CUDA backend runs this)";
    }
}

/// <summary>A test of the behaviour without a GPU (the clear error for --device cuda): skipped where CUDA is available.</summary>
public sealed class NoCudaFactAttribute : FactAttribute
{
    public NoCudaFactAttribute()
    {
        if (torch.cuda.is_available())
            Skip = "a CUDA device is available here; CudaFact tests cover it";
    }
}
