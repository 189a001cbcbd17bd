using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Segment.Runtime;
using Segment.Runtime.Serialization;
using Segment.TestSupport;
using Xunit;

namespace Segment.Runtime.Tests;

/// <summary>One case written by an ops_* oracle: its input count, which inputs get gradients, which it mutates.</summary>
public sealed record OracleCase(string Name, int Inputs, int[] Grads, int[] Mutated);

/// <summary>
/// Runs one ops_* oracle script once per test class (class fixture) and reads its manifest.
/// The script writes every case's inputs, PyTorch's outputs and gradients as .npy files.
/// </summary>
public abstract class OpsOracleFixture
{
    protected OpsOracleFixture(string script)
    {
        Directory = RepoPaths.NewTempDirectory(Path.GetFileNameWithoutExtension(script));
        PythonOracle.Run(script, Directory);
        Cases = File.ReadAllLines(Path.Combine(Directory, "manifest.txt"))
            .Where(l => l.Length > 0)
            .Select(l => l.Split(' '))
            .Select(p => new OracleCase(p[0], int.Parse(p[1]), Indices(p[2]), Indices(p[3])))
            .ToDictionary(c => c.Name);
    }

    public string Directory { get; }

    public IReadOnlyDictionary<string, OracleCase> Cases { get; }

    private static int[] Indices(string s) => s == "-" ? [] : s.Split(',').Select(int.Parse).ToArray();

    /// <summary>
    /// Loads a case's inputs, runs <paramref name="op"/> with the binding, and compares the output,
    /// the input gradients after backward(upstream gradient), and the mutated inputs with PyTorch's.
    /// </summary>
    public void Check(string name, Func<Tensor[], Tensor> op)
    {
        Assert.True(Cases.TryGetValue(name, out OracleCase? c), $"the oracle wrote no case '{name}'");
        using var scope = torch.NewDisposeScope();
        Tensor Load(string file) => Npy.Load(Path.Combine(Directory, $"{name}.{file}.npy"));
        Tensor[] inputs = Enumerable.Range(0, c!.Inputs).Select(i => Load($"in{i}")).ToArray();
        foreach (int i in c.Grads)
            inputs[i].requires_grad = true;

        Tensor output = op(inputs);
        TensorAssert.Close(Load("out"), output, $"{name}: output");

        if (c.Grads.Length > 0)
        {
            Assert.True(output.requires_grad, $"{name}: the output does not require grad");
            output.backward(Load("gout"));
            foreach (int i in c.Grads)
            {
                Tensor? g = inputs[i].grad;
                Assert.True(g is not null, $"{name}: input {i} has no gradient");
                TensorAssert.Close(Load($"grad{i}"), g!, $"{name}: gradient of input {i}");
            }
        }
        foreach (int i in c.Mutated)
            TensorAssert.Close(Load($"after{i}"), inputs[i], $"{name}: input {i} after the op");
    }
}

public sealed class NnOracle() : OpsOracleFixture("ops_nn.py");

public sealed class MathOracle() : OpsOracleFixture("ops_math.py");
