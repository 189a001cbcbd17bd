using System;
using System.Collections.Generic;
using System.Linq;
using Segment.Runtime;
using Xunit;

namespace Segment.Runtime.Tests;

/// <summary>torch.nn.functional ops against PyTorch 1.13 (tests/oracles/ops_nn.py): outputs, gradients, running stats.</summary>
public sealed class NnOpsTests(NnOracle oracle) : IClassFixture<NnOracle>
{
    private static readonly Dictionary<string, Func<Tensor[], Tensor>> Ops = new()
    {
        ["conv2d_basic"] = t => F.conv2d(t[0], t[1], t[2], stride: 1, padding: 1),
        ["conv2d_groups_dilation"] = t => F.conv2d(t[0], t[1], null, stride: (2, 1), padding: (2, 1), dilation: (2, 1), groups: 2),
        ["conv2d_dilated"] = t => F.conv2d(t[0], t[1], null, stride: 1, padding: 2, dilation: 2),
        ["conv_transpose2d"] = t => F.conv_transpose2d(t[0], t[1], t[2], stride: 2),
        ["conv_transpose2d_output_padding"] = t => F.conv_transpose2d(t[0], t[1], null, stride: 2, padding: 1, output_padding: 1),
        ["batch_norm_train"] = t => F.batch_norm(t[0], t[3], t[4], t[1], t[2], training: true, momentum: 0.1, eps: 1e-5),
        ["batch_norm_train_momentum"] = t => F.batch_norm(t[0], t[3], t[4], t[1], t[2], training: true, momentum: 0.3, eps: 1e-3),
        ["batch_norm_eval"] = t => F.batch_norm(t[0], t[3], t[4], t[1], t[2], training: false),
        ["relu"] = t => F.relu(t[0]),
        ["sigmoid"] = t => F.sigmoid(t[0]),
        ["softmax"] = t => F.softmax(t[0], 1),
        ["log_softmax"] = t => F.log_softmax(t[0], 1),
        ["max_pool2d_ceil_odd"] = t => F.max_pool2d(t[0], 2, 2, ceil_mode: true),
        ["max_pool2d_floor_odd"] = t => F.max_pool2d(t[0], 2, 2),
        ["max_pool2d_k3_s2_p1_ceil"] = t => F.max_pool2d(t[0], 3, 2, 1, ceil_mode: true),
        ["bilinear_size_align_false"] = t => F.interpolate(t[0], size: new long[] { 8, 11 }, mode: "bilinear", align_corners: false),
        ["bilinear_size_align_true"] = t => F.interpolate(t[0], size: (9, 13), mode: "bilinear", align_corners: true),
        ["bilinear_downsize_align_false"] = t => F.interpolate(t[0], size: new long[] { 4, 6 }, mode: "bilinear", align_corners: false),
        ["bilinear_scale2_align_false"] = t => F.interpolate(t[0], scale_factor: 2, mode: "bilinear", align_corners: false),
        ["bilinear_scale2_align_true"] = t => F.interpolate(t[0], scale_factor: 2.0, mode: "bilinear", align_corners: true),
        ["bilinear_scale1p5_align_false"] = t => F.interpolate(t[0], scale_factor: 1.5, mode: "bilinear", align_corners: false),
        ["nearest_size"] = t => F.interpolate(t[0], size: (10, 3), mode: "nearest"),
        ["nearest_scale2"] = t => F.interpolate(t[0], scale_factor: 2.0),
        ["cat_dim1"] = t => torch.cat(new[] { t[0], t[1] }, 1),
        ["add_broadcast"] = t => t[0] + t[1],
        ["add_alpha"] = t => t[0].add(t[1], alpha: 2.5),
        ["pad_constant"] = t => F.pad(t[0], new long[] { 1, 2, 0, 3 }, 0.5),
        ["pad_unet_style"] = t => F.pad(t[0], new long[] { 0, 1, 1, 2 }),
        ["bce_logits_mean"] = t => F.binary_cross_entropy_with_logits(t[0], t[1]),
        ["bce_logits_sum"] = t => F.binary_cross_entropy_with_logits(t[0], t[1], reduction: "sum"),
        ["bce_logits_none"] = t => F.binary_cross_entropy_with_logits(t[0], t[1], reduction: "none"),
        ["bce_logits_weights"] = t => F.binary_cross_entropy_with_logits(t[0], t[1], weight: t[2], pos_weight: t[3]),
        ["bce_probabilities"] = t => F.binary_cross_entropy(t[0], t[1]),
        ["cross_entropy_mean"] = t => F.cross_entropy(t[0], t[1]),
        ["cross_entropy_weight_ignore_mean"] = t => F.cross_entropy(t[0], t[1], t[2], ignore_index: 255),
        ["cross_entropy_weight_ignore_sum"] = t => F.cross_entropy(t[0], t[1], t[2], ignore_index: 255, reduction: "sum"),
        ["cross_entropy_ignore_none"] = t => F.cross_entropy(t[0], t[1], ignore_index: 255, reduction: "none"),
        ["cross_entropy_2d_input"] = t => F.cross_entropy(t[0], t[1]),
        ["one_hot"] = t => F.one_hot(t[0], 5),
    };

    public static TheoryData<string> CaseNames => new(Ops.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Matches_pytorch(string name) => oracle.Check(name, Ops[name]);

    [Fact]
    public void Every_oracle_case_has_a_test() =>
        Assert.Equal(oracle.Cases.Keys.OrderBy(k => k, StringComparer.Ordinal), Ops.Keys.OrderBy(k => k, StringComparer.Ordinal));
}
