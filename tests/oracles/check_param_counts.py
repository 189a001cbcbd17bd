"""Prints and asserts the parameter counts of docs/seeds.md for the reference networks.

Usage (from tests/oracles):  /usr/bin/python3 check_param_counts.py
Exit status 0 when every count matches, 1 otherwise.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from models.registry import build_model, count_parameters  # noqa: E402

EXPECTED = [
    # (label, model name, config, SPEC count)
    ("U2Net full (out_ch 1)", "u2net", None, 43_995_469),
    ("U2Net lite (out_ch 1)", "u2netp", None, 1_128_333),
    ("UNet in 3, classes 2, c=64 bilinear", "unet", None, 17_263_042),
    ("UNet in 3, classes 2, c=64 transposed", "unet-transposed", None, 31_037_698),
    ("UNet in 3, classes 2, c=32 bilinear", "unet32", None, 4_318_434),
    ("UNet++ in 3, classes 1", "unetpp", None, 9_163_329),
    ("UNet++ in 3, classes 1, deep supervision", "unetpp-ds", None, 9_163_428),
]


def main() -> int:
    failures = 0
    for label, name, cfg, expected in EXPECTED:
        got = count_parameters(build_model(name, cfg))
        ok = got == expected
        failures += not ok
        print(f"{'ok  ' if ok else 'FAIL'} {label:45s} {got:>12,d}  (SPEC {expected:,d})")
    if failures:
        print(f"{failures} parameter count(s) differ from SPEC", file=sys.stderr)
        return 1
    print("all parameter counts match SPEC")
    return 0


if __name__ == "__main__":
    sys.exit(main())
