"""Block options shared by the UNet and UNet++ references (config keys "norm", "groups", "act",
"slope", "dropout", "residual"; "attention" is UNet's own, see unet.py).

  make_norm(kind, C, groups)   "batch"    nn.BatchNorm2d(C)                      keys weight, bias,
                                                                                 running_mean, running_var,
                                                                                 num_batches_tracked
                               "instance" nn.InstanceNorm2d(C, affine=True)      keys weight, bias (no
                                          (track_running_stats False: batch       running statistics)
                                          statistics in eval mode too)
                               "group"    nn.GroupNorm(groups, C) (eps 1e-5)      keys weight, bias
  make_act(kind, slope)        "relu"       nn.ReLU(inplace=True)                 no keys
                               "leaky_relu" nn.LeakyReLU(slope, inplace=True)     no keys
                               "prelu"      nn.PReLU() (one parameter, 0.25)      key weight, shape [1]
                               "elu"        nn.ELU(alpha=1.0, inplace=True)       no keys
                               "gelu"       nn.GELU() (exact, erf)                no keys

The defaults (batch, 8, relu, 0.01, 0.0, False) give the seed networks unchanged.
"""
from typing import Dict

import torch.nn as nn

NORMS = ("batch", "instance", "group")
ACTS = ("relu", "leaky_relu", "prelu", "elu", "gelu")

DEFAULT_OPTIONS = dict(norm="batch", groups=8, act="relu", slope=0.01, dropout=0.0, residual=False)


def make_norm(kind: str, channels: int, groups: int = 8) -> nn.Module:
    if kind == "batch":
        return nn.BatchNorm2d(channels)
    if kind == "instance":
        return nn.InstanceNorm2d(channels, affine=True)
    if kind == "group":
        if channels % groups != 0:
            raise ValueError(f"norm \"group\": {channels} channels are not divisible by groups={groups}")
        return nn.GroupNorm(groups, channels, eps=1e-5, affine=True)
    raise ValueError(f"unknown norm '{kind}'; known: {', '.join(NORMS)}")


def make_act(kind: str, slope: float = 0.01) -> nn.Module:
    if kind == "relu":
        return nn.ReLU(inplace=True)
    if kind == "leaky_relu":
        return nn.LeakyReLU(slope, inplace=True)
    if kind == "prelu":
        return nn.PReLU()
    if kind == "elu":
        return nn.ELU(alpha=1.0, inplace=True)
    if kind == "gelu":
        return nn.GELU()
    raise ValueError(f"unknown act '{kind}'; known: {', '.join(ACTS)}")


def check_options(norm: str = "batch", groups: int = 8, act: str = "relu", slope: float = 0.01,
                  dropout: float = 0.0, residual: bool = False) -> Dict[str, object]:
    """Validates the block options (as they come from a JSON config) and returns them normalised."""
    if norm not in NORMS:
        raise ValueError(f"unknown norm '{norm}'; known: {', '.join(NORMS)}")
    if act not in ACTS:
        raise ValueError(f"unknown act '{act}'; known: {', '.join(ACTS)}")
    if isinstance(groups, bool) or int(groups) != groups or groups < 1:
        raise ValueError(f"groups must be a positive integer, got {groups!r}")
    if isinstance(residual, bool) is False:
        raise ValueError(f"residual must be true or false, got {residual!r}")
    dropout = float(dropout)
    if not 0.0 <= dropout < 1.0:
        raise ValueError(f"dropout must be in [0, 1), got {dropout}")
    slope = float(slope)
    if act == "leaky_relu" and slope < 0:
        # in-place LeakyReLU has no backward for a negative slope
        raise ValueError(f"leaky_relu needs slope >= 0, got {slope}")
    return dict(norm=norm, groups=int(groups), act=act, slope=slope, dropout=dropout, residual=residual)


def is_default(opts: Dict[str, object]) -> bool:
    """True when the options build the seed block: batch norm, ReLU, no dropout, no residual
    ("groups" and "slope" only matter for group norm / leaky_relu)."""
    return (opts["norm"] == "batch" and opts["act"] == "relu" and opts["dropout"] == 0.0
            and not opts["residual"])
