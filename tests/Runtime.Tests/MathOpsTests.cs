using System;
using System.Collections.Generic;
using System.Linq;
using Segment.Runtime;
using Xunit;

namespace Segment.Runtime.Tests;

/// <summary>Element-wise math, reductions, comparisons, indexing and in-place updates against PyTorch 1.13 (tests/oracles/ops_math.py).</summary>
public sealed class MathOpsTests(MathOracle oracle) : IClassFixture<MathOracle>
{
    private static readonly Dictionary<string, Func<Tensor[], Tensor>> Ops = new()
    {
        ["sub"] = t => t[0] - t[1],
        ["sub_alpha"] = t => t[0].sub(t[1], alpha: 0.5),
        ["mul_broadcast"] = t => t[0] * t[1],
        ["div"] = t => t[0] / t[1],
        ["scalar_ops"] = t => ((t[0] + 1.5) * 2.0 - 0.25) / 4.0,
        ["reverse_scalar_ops"] = t => (1.0 - t[0]) + 3.0 / t[0],
        ["pow"] = t => t[0].pow(2.5),
        ["exp"] = t => t[0].exp(),
        ["log"] = t => t[0].log(),
        ["sqrt"] = t => t[0].sqrt(),
        ["abs"] = t => t[0].abs(),
        ["neg"] = t => -t[0],
        ["clamp_both"] = t => t[0].clamp(-0.5, 0.5),
        ["clamp_min"] = t => t[0].clamp(min: 0.1),
        ["maximum"] = t => torch.maximum(t[0], t[1]),
        ["matmul"] = t => t[0].matmul(t[1]),
        ["sum_all"] = t => t[0].sum(),
        ["sum_dims_keepdim"] = t => t[0].sum(new[] { 0, 2 }, keepdim: true),
        ["mean_all"] = t => t[0].mean(),
        ["mean_dim"] = t => t[0].mean(1),
        ["max_all"] = t => t[0].max(),
        ["min_all"] = t => t[0].min(),
        ["max_dim_values"] = t => t[0].max(2).values,
        ["max_dim_indices"] = t => t[0].max(2).indices,
        ["argmax_dim1"] = t => t[0].argmax(1),
        ["argmax_keepdim"] = t => t[0].argmax(0, keepdim: true),
        ["eq"] = t => t[0].eq(t[1]),
        ["ne_scalar"] = t => t[0].ne(1.0),
        ["lt"] = t => t[0].lt(t[1]),
        ["le_scalar"] = t => t[0].le(1.0),
        ["gt_scalar"] = t => t[0].gt(0.0),
        ["ge"] = t => t[0].ge(t[1]),
        ["where"] = t => torch.where(t[0], t[1], t[2]),
        ["masked_fill"] = t => t[0].masked_fill(t[1], -2.0),
        ["logical_and_not"] = t => t[0].logical_and(t[1].logical_not()),
        ["bincount_minlength"] = t => t[0].bincount(minlength: 9),
        ["confusion_matrix"] = t => (3 * t[0] + t[1]).bincount(minlength: 9).reshape(3, 3),
        ["scatter_add"] = t => t[0].scatter_add(1, t[1], t[2]),
        ["reshape"] = t => t[0].reshape(6, 20),
        ["view"] = t => t[0].view(2, -1, 5),
        ["permute_contiguous"] = t => t[0].permute(0, 2, 3, 1).contiguous(),
        ["select"] = t => t[0].select(1, 2),
        ["select_negative"] = t => t[0].select(-1, -1),
        ["narrow"] = t => t[0].narrow(2, 1, 2),
        ["index_select"] = t => t[0].index_select(2, t[1]),
        ["squeeze_unsqueeze"] = t => t[0].squeeze(1).unsqueeze(0),
        ["flatten"] = t => t[0].flatten(1),
        ["flatten_range"] = t => t[0].flatten(1, 2),
        ["stack_dim1"] = t => torch.stack(new[] { t[0], t[1] }, 1),
        ["transpose"] = t => t[0].transpose(1, 3),
        ["to_int64"] = t => t[0].to(ScalarType.Int64),
        ["to_float16"] = t => t[0].to(ScalarType.Float16),
        ["to_float32_from_uint8"] = t => t[0].to(ScalarType.Float32),
        ["clone_detach"] = t => t[0].clone().detach() * 2,
        ["addcmul_"] = t => t[0].clone().addcmul_(t[1], t[2], value: 0.5),
        ["addcdiv_"] = t => t[0].clone().addcdiv_(t[1], t[2], value: -0.1),
        ["add_alpha_"] = t => t[0].clone().add_(t[1], alpha: 0.3),
        ["mul_scalar_"] = t => t[0].clone().mul_(0.9),
        ["sqrt_add_"] = t => t[0].clone().sqrt_().add_(1e-8),
        ["copy_broadcast"] = t => t[0].clone().copy_(t[1]),
        ["clamp_"] = t => t[0].clone().clamp_(min: -0.3),
        ["masked_fill_"] = t => t[0].clone().masked_fill_(t[1], 7.0),
        ["zero_fill_"] = t => t[0].clone().zero_() + t[0].clone().fill_(3.0),
    };

    public static TheoryData<string> CaseNames => new(Ops.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Matches_pytorch(string name) => oracle.Check(name, Ops[name]);

    [Fact]
    public void Every_oracle_case_has_a_test() =>
        Assert.Equal(oracle.Cases.Keys.OrderBy(k => k, StringComparer.Ordinal), Ops.Keys.OrderBy(k => k, StringComparer.Ordinal));
}
