using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
namespace Segment.Runtime.Training;

/// <summary>
/// One training step's report, for a progress bar: where the run is, the step's loss and learning rate,
/// throughput since this run (or resume) started, and the time left at that pace (validation excluded).
/// Epochs and steps count from 1 here, as a person reads them.
/// </summary>
public sealed record TrainingProgress(
    int Epoch,
    int Epochs,
    int Step,
    int StepsPerEpoch,
    long GlobalStep,
    long TotalSteps,
    double Loss,
    double LearningRate,
    double ImagesPerSecond,
    TimeSpan Eta);
