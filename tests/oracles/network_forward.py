"""Oracle for the C# network equivalence tests: run a reference network on given weights.

  network_forward.py --model NAME [--config JSON] --weights W.pth --input X.npy --outdir DIR
                     --mode eval|train [--target T.npy] [--dump-state DIR2] [--dump-grads DIR3]
                     [--dtype float32|float64]

- Loads the state_dict strictly (missing / unexpected keys or shape mismatches fail).
- eval: model.eval() under torch.no_grad(). train: model.train() with dropout layers left in eval mode
  (their random draws cannot be shared with libtorch), plain forward (BN uses
  batch statistics and updates its running statistics).
- --dtype float64 runs the model, input and float targets in float64 (train-mode comparisons across
  libtorch versions: PyTorch 1.13's own float32 train-mode outputs differ from its float64 ones by
  up to ~1e-3, so only float64 makes a 1e-4 comparison a check of the wiring, not of rounding).
- Writes every output as DIR/<name>.npy (float32, or float64 with --dtype float64):
    u2net*  train: fused, side1..sideK (logits; side order De1..De5, En6)
            eval:  prob (sigmoid(fused), what the model returns); PaddleSeg variant
                   (out_ch > 1): fused (logits, what the model returns) and prob (softmax)
    unet*   out (and aux when the model has one) -- logits, both modes
    unetpp  out; unetpp-ds: out1..out4 -- logits, both modes
- With --target: DIR/loss_<term>.npy (0-d float32) from models/losses.py:
    u2net*  loss_fused, loss_side1..K, loss_total (train mode only: eval returns no sides)
    unet*   loss_out_ce, loss_out_dice, loss_out, loss_total (CE weight from the config's
            "loss_weight" or none, ignore 255; aux_* and out + 0.5 * aux with an aux head),
            and metric_dice.npy (DiceCoefficient), metric_miou.npy, metric_iou.npy (per
            class), metric_acc_global.npy (ConfusionMatrix)
    unetpp  loss_out / loss_out1..L, loss_total: per head BCE with logits (one class; BCEDiceLoss
            with "dice": true in the config) or cross-entropy ignoring 255 (several classes),
            averaged over the heads
  Target dtypes: u2net (out_ch 1) / unetpp (1 class) float {0,1}; unet / u2net out_ch > 1 /
  unetpp (several classes) int labels with 255s.
- --dump-state DIR2: the state_dict after the forward (for train mode: running stats updated,
  num_batches_tracked + 1), one DIR2/<key>.npy per entry plus DIR2/keys.json (key order).
- --dump-grads DIR3 (train mode with --target): gradient of loss_total w.r.t. each parameter,
  DIR3/<name>.npy plus DIR3/keys.json.
Prints one line per written file.
"""
import argparse
import json
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from models.registry import build_model, family, parse_config, MODEL_NAMES  # noqa: E402
from models import losses as L  # noqa: E402


def save(folder: str, name: str, t) -> None:
    os.makedirs(folder, exist_ok=True)
    arr = t.detach().cpu().numpy() if torch.is_tensor(t) else np.asarray(t)
    path = os.path.join(folder, name + ".npy")
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        np.save(f, arr)
    os.replace(tmp, path)
    print(f"{path} {arr.dtype} {list(arr.shape)}")


def named_outputs(fam: str, model, result, mode: str):
    """The model's return value -> ordered (name, tensor) pairs."""
    if fam == "u2net":
        if mode == "train":
            return [("fused", result[0])] + [(f"side{i}", s) for i, s in enumerate(result[1:], 1)]
        if model.paddleseg:
            return [("fused", result), ("prob", F.softmax(result, dim=1))]
        return [("prob", result)]
    if fam == "unet":
        return list(result.items())
    if isinstance(result, (list, tuple)):
        return [(f"out{j}", r) for j, r in enumerate(result, 1)]
    return [("out", result)]


def loss_terms(fam: str, model, result, target: torch.Tensor, mode: str, config=None):
    if fam == "u2net":
        if mode != "train":
            raise SystemExit("u2net losses need --mode train (eval returns only the fused map)")
        return L.u2net_loss_terms(result, target)
    if fam == "unet":
        # Optional class weights of the cross-entropy: "loss_weight": [...] in --config (the DSL's ClassWeights).
        weight = getattr(model, "loss_weight", None)
        return L.unet_criterion_terms(result, target.long(), loss_weight=weight, num_classes=model.num_classes, ignore_index=255)
    # "dice": true in --config: the DSL's [UNetPlusPlus(Dice = true)] (BCEDiceLoss, one class only).
    dice = bool(parse_config(config).get("dice", False))
    return L.nested_unet_loss_terms(result, target, dice=dice, ignore_index=255)


def unet_metrics(model, result, target: torch.Tensor):
    with torch.no_grad():
        out = result["out"]
        dice = L.DiceCoefficient(num_classes=model.num_classes, ignore_index=255)
        dice.update(out, target.long())
        cm = L.ConfusionMatrix(model.num_classes)
        cm.update(target.long().flatten(), out.argmax(1).flatten())
        acc_global, _acc, iu = cm.compute()
        return {"metric_dice": dice.value.reshape(()), "metric_miou": iu.mean(),
                "metric_iou": iu, "metric_acc_global": acc_global}


def dump_tensors(folder: str, pairs) -> None:
    keys = []
    for k, t in pairs:
        save(folder, k, t)
        keys.append(k)
    with open(os.path.join(folder, "keys.json"), "w") as f:
        json.dump(keys, f, indent=1)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model", required=True, choices=MODEL_NAMES)
    p.add_argument("--config", help="JSON text or file (see models/registry.py)")
    p.add_argument("--weights", required=True)
    p.add_argument("--input", required=True)
    p.add_argument("--outdir", required=True)
    p.add_argument("--mode", choices=["eval", "train"], default="eval")
    p.add_argument("--target")
    p.add_argument("--dump-state", dest="dump_state")
    p.add_argument("--dump-grads", dest="dump_grads")
    p.add_argument("--dtype", choices=["float32", "float64"], default="float32")
    a = p.parse_args(argv)

    fam = family(a.model)
    try:
        model = build_model(a.model, a.config)
    except (ValueError, KeyError, TypeError, AssertionError, OSError) as e:
        raise SystemExit(f"network_forward: cannot build {a.model} from config {a.config!r}: {e}")
    cfg_weight = parse_config(a.config).get("loss_weight")
    if cfg_weight is not None:
        model.loss_weight = torch.tensor(cfg_weight, dtype=torch.float32)
    for path, what in ((a.weights, "--weights"), (a.input, "--input"), (a.target, "--target")):
        if path and not os.path.isfile(path):
            raise SystemExit(f"network_forward: {what} file '{path}' does not exist")
    state = torch.load(a.weights, map_location="cpu")
    try:
        model.load_state_dict(state, strict=True)
    except RuntimeError as e:
        raise SystemExit(f"network_forward: {a.weights} does not fit {a.model}: {e}")

    x = torch.from_numpy(np.load(a.input))
    if x.dtype != torch.float32 or x.dim() != 4:
        raise SystemExit(f"--input must be float32 N,C,H,W; got {x.dtype} {list(x.shape)}")
    target = torch.from_numpy(np.load(a.target)) if a.target else None
    if a.dtype == "float64":
        model = model.double()
        x = x.double()
        if target is not None and target.dtype.is_floating_point:
            target = target.double()
        if getattr(model, "loss_weight", None) is not None:
            model.loss_weight = model.loss_weight.double()
    if a.dump_grads and not (a.mode == "train" and target is not None):
        raise SystemExit("--dump-grads needs --mode train and --target")

    if a.mode == "eval":
        model.eval()
        with torch.no_grad():
            result = model(x)
            terms = loss_terms(fam, model, result, target, a.mode, a.config) if target is not None else None
    else:
        model.train()
        # Dropout draws from the framework's own generator, which libtorch and PyTorch do not share: train-mode
        # comparisons keep dropout layers in eval mode on both sides (NetworkOracle.Prepare does the same).
        for m in model.modules():
            if isinstance(m, (torch.nn.Dropout, torch.nn.Dropout2d)):
                m.eval()
        result = model(x)
        terms = loss_terms(fam, model, result, target, a.mode, a.config) if target is not None else None

    for name, t in named_outputs(fam, model, result, a.mode):
        save(a.outdir, name, t)
    if terms is not None:
        for name, t in terms.items():
            save(a.outdir, f"loss_{name}", t)
        if fam == "unet":
            for name, t in unet_metrics(model, result, target).items():
                save(a.outdir, name, t)
    if a.dump_state:
        dump_tensors(a.dump_state, model.state_dict().items())
    if a.dump_grads:
        terms["total"].backward()
        dump_tensors(a.dump_grads, [(n, p.grad) for n, p in model.named_parameters()])
    return 0


if __name__ == "__main__":
    sys.exit(main())
