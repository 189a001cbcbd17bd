using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
namespace Segment.Runtime.Training;

/// <summary>
/// One validation sample for a report, at its ground truth's resolution: the network's input image
/// (as preprocessed, CHW planes), the ground truth (grey level / 255 for saliency, class indices with 255
/// ignored otherwise) and the prediction (probabilities, C x H x W planes, resized back bilinearly).
/// </summary>
public sealed record EvaluationSample(
    string Id,
    int Width,
    int Height,
    float[] Image,
    int ImageWidth,
    int ImageHeight,
    float[] Truth,
    float[] Prediction,
    int Channels);
