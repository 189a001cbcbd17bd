"""Model names shared by the oracle scripts (make_weights.py, network_forward.py,
check_param_counts.py, scripts/bench_reference.py).

name             network                                         default config (JSON overrides)
u2net            u2net_full                                      {"out_ch": 1, "paddleseg": null}
u2netp           u2net_lite                                      {"out_ch": 1, "paddleseg": null}
u2net-config     U2Net from rows (config REQUIRED)               {"encode": [...], "decode": [...], "out_ch": 1}
unet             UNet bilinear, base_c 64                        {"in_channels": 3, "num_classes": 2}
unet-transposed  UNet ConvTranspose2d, base_c 64
unet32           UNet bilinear, base_c 32
unet-config      UNet from a channel list                        {"channels": [c0..cD], "bilinear": true, ...}
unetpp           NestedUNet                                      {"num_classes": 1, "input_channels": 3}
unetpp-ds        NestedUNet with deep supervision
unetpp-config    NestedUNet from filters                         {"filters": [...], "deep_supervision": false}

Block options (every unet* and unetpp* name; all optional, the defaults give the seed networks):
  "norm": "batch" | "instance" | "group" (default "batch"), "groups": int (default 8, group only),
  "act": "relu" | "leaky_relu" | "prelu" | "elu" | "gelu" (default "relu"), "slope": float
  (leaky_relu's negative slope, default 0.01), "dropout": float p (Dropout2d after each block,
  default 0.0), "residual": bool (default false), "attention": bool (unet* only: MONAI-style
  attention gates on the skips, default false). See models/blocks.py, unet.py, unetpp.py.

Loss-only keys (read by network_forward.py, not by build_model): "loss_weight" (unet*: CE class
weights), "dice" (unetpp*: false = BCE with logits / CE, the DSL's default; true = BCEDiceLoss).
"""
import json
from typing import Optional, Union

import torch.nn as nn

from .u2net import U2Net, u2net_full, u2net_lite, u2net_from_config, apply_block_options
from .unet import UNet
from .unetpp import NestedUNet

BLOCK_OPTION_KEYS = ("norm", "groups", "act", "slope", "dropout", "residual")

MODEL_NAMES = ["u2net", "u2netp", "u2net-config", "unet", "unet-transposed", "unet32",
               "unet-config", "unetpp", "unetpp-ds", "unetpp-config"]


def family(name: str) -> str:
    if name.startswith("u2net"):
        return "u2net"
    if name.startswith("unetpp"):
        return "unetpp"
    if name.startswith("unet"):
        return "unet"
    raise ValueError(f"unknown model '{name}'; known: {', '.join(MODEL_NAMES)}")


def parse_config(config: Union[None, str, dict]) -> dict:
    """config: None, a dict, a JSON text, or a path to a JSON file."""
    if config is None:
        return {}
    if isinstance(config, dict):
        return dict(config)
    text = config.strip()
    if not text.startswith("{") and not text.startswith("["):
        with open(text) as f:
            text = f.read()
    cfg = json.loads(text)
    if isinstance(cfg, list):
        raise ValueError("config must be a JSON object, e.g. {\"encode\": [...], \"decode\": [...]}")
    return cfg


def u2net_blocks(model: nn.Module, cfg: dict) -> nn.Module:
    """A U2Net takes "norm", "groups", "act" and "slope" (its RSU layers' norm and activation); dropout and residual are refused."""
    if cfg.get("dropout", 0) or cfg.get("residual", False) or cfg.get("attention", False):
        raise ValueError("a U2Net takes norm and act only (no dropout, residual or attention)")
    return apply_block_options(model, cfg.get("norm", "batch"), int(cfg.get("groups", 8)), cfg.get("act", "relu"), float(cfg.get("slope", 0.01)))


def build_model(name: str, config: Union[None, str, dict] = None) -> nn.Module:
    cfg = parse_config(config)
    fam = family(name)
    if fam == "u2net":
        if name == "u2net-config":
            if "encode" not in cfg or "decode" not in cfg:
                raise ValueError("u2net-config needs --config with \"encode\" and \"decode\" rows")
            return u2net_blocks(u2net_from_config(cfg), cfg)
        ctor = {"u2net": u2net_full, "u2netp": u2net_lite}.get(name)
        if ctor is None:
            raise ValueError(f"unknown model '{name}'")
        return u2net_blocks(ctor(int(cfg.get("out_ch", 1)), cfg.get("paddleseg")), cfg)
    if fam == "unet":
        defaults = {"unet": dict(bilinear=True, base_c=64),
                    "unet-transposed": dict(bilinear=False, base_c=64),
                    "unet32": dict(bilinear=True, base_c=32),
                    "unet-config": dict(bilinear=True, base_c=64)}
        if name not in defaults:
            raise ValueError(f"unknown model '{name}'")
        kw = dict(in_channels=3, num_classes=2, **defaults[name])
        kw.update({k: cfg[k] for k in ("in_channels", "num_classes", "bilinear", "base_c", "channels", "aux_level")
                   + BLOCK_OPTION_KEYS + ("attention",) if k in cfg})
        if name == "unet-config" and "channels" not in kw:
            raise ValueError("unet-config needs --config with \"channels\"")
        return UNet(**kw)
    defaults = {"unetpp": dict(deep_supervision=False), "unetpp-ds": dict(deep_supervision=True),
                "unetpp-config": dict(deep_supervision=False)}
    if name not in defaults:
        raise ValueError(f"unknown model '{name}'")
    kw = dict(num_classes=1, input_channels=3, **defaults[name])
    kw.update({k: cfg[k] for k in ("num_classes", "input_channels", "deep_supervision", "filters")
               + BLOCK_OPTION_KEYS if k in cfg})
    if cfg.get("attention", False):
        raise ValueError("\"attention\" is a UNet option; UNet++ (unetpp*) has no attention gates")
    return NestedUNet(**kw)


def count_parameters(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())
