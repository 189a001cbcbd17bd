namespace Segment.Generator.Model;

/// <summary>The operations a generated forward pass is written in; every emitter (TorchSharp, ONNX) maps each one.</summary>
internal enum OpKind
{
    /// <summary>Call the child module named by <see cref="Step.Module"/> on the inputs (one, or two for an attention gate).</summary>
    Module,

    /// <summary>max_pool2d(kernel 2, stride 2, ceil_mode) as the seed.</summary>
    MaxPool,

    /// <summary>Bilinear resize (align_corners false) of input 0 to the H x W of input 1.</summary>
    ResizeLike,

    /// <summary>Bilinear resize (align_corners false) of input 0 to the network input's H x W.</summary>
    ResizeToInput,

    /// <summary>Concatenate the inputs on channels.</summary>
    Concat,

    /// <summary>Element-wise sum of the two inputs (RSU residual).</summary>
    Add,

    /// <summary>max_pool2d(kernel 2, stride 2) in floor mode (UNet++'s pool).</summary>
    MaxPoolFloor,

    /// <summary>Bilinear x2 upsampling with align_corners true (UNet's and UNet++'s nn.Upsample).</summary>
    Upsample,

    /// <summary>Zero-pad input 0 to the H x W of input 1, half of the difference before (UNet's Up: diff/2 left and top).</summary>
    PadLike,
}
