using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
namespace Segment.Runtime.Training;

/// <summary>What <see cref="Trainer.Run"/> did: the epochs recorded this run, where it stopped, and whether a cancellation stopped it.</summary>
public sealed record TrainingResult(
    IReadOnlyList<EpochRecord> Epochs,
    TrainingState State,
    bool Cancelled,
    RunFiles Files);
