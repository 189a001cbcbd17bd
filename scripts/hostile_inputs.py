#!/usr/bin/env python3
"""Runs `segment` on a generated set of hostile inputs and prints one row per case and the totals.

Every case must end clean: exit 0, or exit 1 with exactly one line on stderr (a warning line is allowed with
exit 0), within 60 s, with a peak resident memory under 3 GB. The files are generated afresh (sizes, names and
seeds vary with --seed), in a scratch folder that is removed afterwards. Needs only Python's standard library
and a Release build of examples/Cli (./segment builds it).

    scripts/hostile_inputs.py [--seed N] [--keep]

Exit status: 0 when every case is clean, 1 otherwise. docs/bad-input.md describes the bounds it exercises.
"""
import argparse, os, random, resource, threading, shutil, struct, subprocess, sys, tempfile, time, zipfile, zlib, pickle, io

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DLL = os.path.join(ROOT, "examples", "Cli", "bin", "Release", "net10.0", "segment.dll")
TIME_LIMIT = 60
MEMORY_LIMIT_MB = 3 * 1024


def run(args, env=None):
    """Runs segment; returns (exit code, stdout, stderr, seconds, peak RSS in MB of that process)."""
    proc = subprocess.Popen(["dotnet", DLL] + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                            env=dict(os.environ, **(env or {})), cwd=work)
    chunks = {"out": [], "err": []}
    readers = [threading.Thread(target=lambda k, f: chunks[k].append(f.read()), args=a, daemon=True)
               for a in (("out", proc.stdout), ("err", proc.stderr))]
    for r in readers:
        r.start()
    start = time.monotonic()
    while True:
        # wait4 gives this process's own rusage, so its peak RSS (ru_maxrss, KB on Linux).
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() - start > TIME_LIMIT:
            proc.kill()
            pid, status, usage = os.wait4(proc.pid, 0)
            break
        time.sleep(0.02)
    seconds = time.monotonic() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    for r in readers:
        r.join()
    decode = lambda k: b"".join(chunks[k]).decode(errors="replace")
    return proc.returncode, decode("out"), decode("err"), seconds, usage.ru_maxrss / 1024


# ---- generators ---------------------------------------------------------------------------------------------------

def png(path, width, height, bit_depth=1, color_type=0, rows=64):
    """A PNG whose header declares width x height but whose data is a few deflated rows of zeros."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    channels = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[color_type]
    row = 1 + (width * channels * bit_depth + 7) // 8
    data = zlib.compress(b"\0" * (row * min(rows, height)), 9)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, bit_depth, color_type, 0, 0, 0))
                + chunk(b"IDAT", data) + chunk(b"IEND", b""))


def jpeg_header(path, width, height):
    """A baseline JPEG header (SOI, DQT, SOF0, DHT, SOS) declaring width x height, with almost no scan data."""
    dqt = b"\xff\xdb" + struct.pack(">H", 67) + b"\x00" + bytes([1] * 64)
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    dht = b"\xff\xc4" + struct.pack(">H", 20) + b"\x00" + bytes([1] + [0] * 15) + b"\x00"
    dht += b"\xff\xc4" + struct.pack(">H", 20) + b"\x10" + bytes([1] + [0] * 15) + b"\x00"
    sos = b"\xff\xda" + struct.pack(">HB", 8, 1) + b"\x01\x00\x00\x3f\x00"
    with open(path, "wb") as f:
        f.write(b"\xff\xd8" + dqt + sof + dht + sos + b"\x00" * 64 + b"\xff\xd9")


def gif_header(path, width, height):
    """A GIF whose logical screen and one frame declare width x height, with one LZW clear code of data."""
    body = b"GIF89a" + struct.pack("<HHBBB", width, height, 0x80, 0, 0) + b"\x00\x00\x00\xff\xff\xff"
    body += b"," + struct.pack("<HHHHB", 0, 0, width, height, 0) + b"\x02\x02\x4c\x01\x00;"
    with open(path, "wb") as f:
        f.write(body)


def bmp_header(path, width, height):
    """A 24-bit BMP header declaring width x height followed by a few bytes of pixels."""
    header = b"BM" + struct.pack("<IHHI", 54 + 64, 0, 0, 54) + struct.pack("<IiiHHIIiiII", 40, width, height, 1, 24, 0, 0, 2835, 2835, 0, 0)
    with open(path, "wb") as f:
        f.write(header + b"\0" * 64)


def deflated_zip(path, records):
    """A zip of (name, bytes or (declared generator, size)) records, deflated at level 9."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, data in records:
            z.writestr(name, data)


def streamed_zip(path, name_prefix, big_name, chunk, count, extra=(), head=b"\x80\x02"):
    """A checkpoint zip whose record big_name is head then chunk repeated count times (deflated, written in pieces)."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, data in extra:
            z.writestr(name_prefix + name, data)
        with z.open(name_prefix + big_name, "w", force_zip64=True) as f:
            f.write(head)
            block = chunk * max(1, (1 << 20) // len(chunk))
            written = 0
            while written + len(block) // len(chunk) <= count:
                f.write(block)
                written += len(block) // len(chunk)
            f.write(chunk * (count - written))


def npy(path, shape, values):
    header = "{'descr': '<f4', 'fortran_order': False, 'shape': (%s), }" % "".join(f"{d}, " for d in shape)
    header = header + " " * (63 - (len(header) + 10) % 64) + "\n"
    with open(path, "wb") as f:
        f.write(b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode() + struct.pack(f"<{len(values)}f", *values))


def torch_state_key(sidecar, key):
    """The storage record of a 0-d tensor in a torch.save file, found with the standard unpickler (no torch)."""
    with zipfile.ZipFile(sidecar) as z:
        pkl = next(n for n in z.namelist() if n.endswith("/data.pkl"))
        data = z.read(pkl)

    class Storage:
        def __init__(self, key):
            self.key = key

    class Unpickler(pickle.Unpickler):
        def find_class(self, module, name):
            if name == "_rebuild_tensor_v2":
                return lambda storage, *rest: storage
            if name == "OrderedDict":
                return dict
            return lambda *a, **k: None

        def persistent_load(self, pid):
            return Storage(pid[2])

    state = Unpickler(io.BytesIO(data)).load()
    return pkl[: -len("data.pkl")] + "data/" + state[key].key


def rewrite_record(src, dst, name, data):
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", compression=zipfile.ZIP_STORED) as zout:
        for item in zin.infolist():
            zout.writestr(item, data if item.filename == name else zin.read(item.filename))


# ---- the cases ----------------------------------------------------------------------------------------------------

def cases(rng):
    """(name, argument list, environment) for every case; files are generated here."""
    w = lambda name: os.path.join(work, name)
    os.makedirs(w("images"), exist_ok=True)
    out = []

    # Images whose headers declare more pixels than the bound (sizes vary with the seed).
    big = [
        ("png-1bit", lambda p, s: png(p, s, s, 1, 0)),
        ("png-rgba16", lambda p, s: png(p, s, s // 2 + 1, 16, 6)),
        ("png-palette", lambda p, s: png(p, s // 3 + 1, s, 8, 3)),
        ("jpeg", lambda p, s: jpeg_header(p, min(s, 65535), min(s, 65535))),
        ("gif", lambda p, s: gif_header(p, min(s, 65535), min(s, 65535))),
        ("bmp", lambda p, s: bmp_header(p, s, s)),
    ]
    for kind, make in big:
        side = rng.randrange(12000, 60000)
        path = w(f"images/{kind}-{side}.{ 'jpg' if kind == 'jpeg' else kind.split('-')[0] }")
        make(path, side)
        out.append((f"predict {kind} {side}px", ["predict", "--model", "u2netp", "--weights", weights, "--input", path, "--output", w("o")], None))
        out.append((f"predict --onnx {kind} {side}px", ["predict", "--onnx", model, "--input", path, "--output", w("o")], None))

    # Special files where images are expected: a predict folder, a DUTS split, a folder layout, VOC's list and masks.
    specials = {
        "fifo": lambda p: os.mkfifo(p),
        "dev-zero-link": lambda p: os.symlink("/dev/zero", p),
        "fifo-link": lambda p: (os.mkfifo(p + ".pipe"), os.symlink(p + ".pipe", p)),
        "dir-link": lambda p: os.symlink("/", p),
        "loop-link": lambda p: os.symlink(p, p),
    }
    for kind, make in specials.items():
        folder = w(f"special-{kind}")
        os.makedirs(folder)
        shutil.copy(good_image, os.path.join(folder, "a.jpg"))
        make(os.path.join(folder, "b.jpg"))
        out.append((f"predict folder with {kind}", ["predict", "--model", "u2netp", "--weights", weights, "--input", folder, "--output", w("o")], None))
        out.append((f"predict --input {kind}", ["predict", "--model", "u2netp", "--weights", weights, "--input", os.path.join(folder, "b.jpg"), "--output", w("o")], None))
        out.append((f"--weights {kind}", ["infer", "--model", "u2netp", "--weights", os.path.join(folder, "b.jpg"), "--input", good_npy, "--output", w("y.npy")], None))
        # A DUTS dataset whose training split holds the special file as an image, then as a mask.
        for role in ("Image", "Mask"):
            root = w(f"duts-{kind}-{role}")
            shutil.copytree(data, root, symlinks=True)
            ext = ".jpg" if role == "Image" else ".png"
            target = os.path.join(root, "DUTS-TE", f"DUTS-TE-{role}", "synthetic_0000" + ext)
            os.remove(target)
            make(target)
            out.append((f"eval duts {role.lower()} {kind}", ["eval", "--model", "u2netp", "--weights", weights, "--data", root, "--layout", "duts"], None))
        # VOC: the list file itself is the special file.
        voc = w(f"voc-{kind}")
        os.makedirs(os.path.join(voc, "JPEGImages"))
        os.makedirs(os.path.join(voc, "SegmentationClass"))
        os.makedirs(os.path.join(voc, "ImageSets", "Segmentation"))
        make(os.path.join(voc, "ImageSets", "Segmentation", "val.txt"))
        out.append((f"eval voc list {kind}", ["eval", "--model", "u2netp", "--weights", weights, "--data", voc, "--layout", "voc"], None))

    # Checkpoints whose records or pickle would take gigabytes from a small file.
    n = rng.randrange(200_000_000, 400_000_000)
    streamed_zip(w("pkl-none.pth"), "archive/", "data.pkl", b"N", n)
    out.append((f"--weights pickle of {n:,} NONE", ["infer", "--model", "u2netp", "--weights", w("pkl-none.pth"), "--input", good_npy, "--output", w("y.npy")], None))
    n = rng.randrange(20_000_000, 60_000_000)
    streamed_zip(w("pkl-small.pth"), "archive/", "data.pkl", b"N", n)
    out.append((f"--weights pickle of {n:,} NONE (under the size cap)", ["infer", "--model", "u2netp", "--weights", w("pkl-small.pth"), "--input", good_npy, "--output", w("y.npy")], None))
    n = rng.randrange(10_000_000, 30_000_000)
    streamed_zip(w("pkl-dup.pth"), "archive/", "data.pkl", b"2", n, head=b"\x80\x02N")
    out.append((f"--weights pickle of {n:,} DUP", ["infer", "--model", "u2netp", "--weights", w("pkl-dup.pth"), "--input", good_npy, "--output", w("y.npy")], None))
    n = rng.randrange(5_000_000, 15_000_000)
    streamed_zip(w("pkl-append.pth"), "archive/", "data.pkl", b"}a", n, head=b"\x80\x02]")
    out.append((f"--weights pickle appending {n:,} dicts", ["infer", "--model", "u2netp", "--weights", w("pkl-append.pth"), "--input", good_npy, "--output", w("y.npy")], None))
    n = rng.randrange(2_000_000, 8_000_000)
    streamed_zip(w("pkl-memo.pth"), "archive/", "data.pkl", b"N\x940", n)
    out.append((f"--weights pickle memoizing {n:,} values", ["infer", "--model", "u2netp", "--weights", w("pkl-memo.pth"), "--input", good_npy, "--output", w("y.npy")], None))
    n = rng.randrange(500_000_000, 1_500_000_000)
    streamed_zip(w("byteorder.pth"), "archive/", "byteorder", b"l", n, extra=[("data.pkl", b"\x80\x02}q\x00.")], head=b"")
    out.append((f"--weights byteorder of {n:,} bytes", ["infer", "--model", "u2netp", "--weights", w("byteorder.pth"), "--input", good_npy, "--output", w("y.npy")], None))

    # Options out of range, every command.
    huge = str(rng.choice([100000, 1 << 20, 2**31 - 1]))
    for args in (["predict", "--model", "u2netp", "--weights", weights, "--input", good_image, "--output", w("o"), "--size", huge],
                 ["predict", "--onnx", model, "--input", good_image, "--output", w("o"), "--size", huge],
                 ["synth", "--out", w("s"), "--size", huge],
                 ["train", "--model", "u2netp", "--data", data, "--layout", "duts", "--out", w("r"), "--size", huge],
                 ["eval", "--model", "u2netp", "--weights", weights, "--data", data, "--layout", "duts", "--size", huge],
                 ["bench", "--model", "u2netp", "--size", f"{huge}x{huge}"],
                 ["demo", "--out", w("d"), "--size", huge],
                 ["train", "--model", "u2netp", "--data", data, "--layout", "duts", "--out", w("r"), "--epochs", str(2**31 - 1), "--batch-size", huge],
                 ["train", "--model", "u2netp", "--data", data, "--layout", "duts", "--out", w("r"), "--workers", huge],
                 ["bench", "--model", "u2netp", "--size", "32x32", "--runs", "2000000000"],
                 ["bench", "--model", "u2netp", "--size", "32x32", "--batch", huge],
                 ["synth", "--out", w("s"), "--train-images", "2000000000"],
                 ["export", "--model", "u2netp", "--output", w("m.onnx"), "--size", f"{huge}x{huge}"],
                 ["export", "--model", "unetpp-ds", "--output", w("m.onnx"), "--head", huge]):
        out.append((" ".join(a for a in args[:1] + args[-2:]), args, None))

    # Training sizes whose activations exceed the memory available (refused before the data is read).
    side = str(rng.choice([1024, 2048, 4096, 8192]))
    out.append((f"train --size {side}", ["train", "--model", "u2netp", "--data", data, "--layout", "duts", "--out", w("r"), "--size", side], None))

    # A resume state whose epoch is 2^40 (and other counts out of range).
    for key, value in (("trainer.epoch", 2**40), ("trainer.steps_per_epoch", -1), ("trainer.seed", 2**62)):
        name = torch_state_key(sidecar, key)
        resume = w(f"resume-{key}")
        os.makedirs(resume)
        shutil.copy(weights, os.path.join(resume, "last.pth"))
        rewrite_record(sidecar, os.path.join(resume, "last.train.pth"), name, struct.pack("<q", value))
        out.append((f"train --resume with {key}={value}", ["train", "--model", "u2netp", "--data", data, "--layout", "duts", "--out", w(f"r-{key}"),
                                                            "--size", "32", "--epochs", "3", "--batch-size", "4", "--resume", os.path.join(resume, "last.pth")], None))

    # ONNX models whose metadata disagrees with the graph (same-length edits keep the protobuf valid).
    with open(model, "rb") as f:
        blob = f.read()
    for old, new in ((b"1,3,64,64", b"1,3,96,96"), (b"1,3,64,64", b"N,3,H,W,1"[:9])):
        if old in blob:
            path = w(f"edited-{len(out)}.onnx")
            with open(path, "wb") as f:
                f.write(blob.replace(old, new))
            out.append((f"predict --onnx metadata {new.decode()}", ["predict", "--onnx", path, "--input", good_image, "--output", w("o")], None))

    # NaN and Inf in an input array: a warning with the counts, exit 0.
    values = [rng.random() for _ in range(3 * 32 * 32)]
    for i in rng.sample(range(len(values)), rng.randrange(1, 50)):
        values[i] = rng.choice([float("nan"), float("inf"), float("-inf")])
    npy(w("nan.npy"), (1, 3, 32, 32), values)
    out.append(("infer NaN/Inf input", ["infer", "--model", "u2netp", "--weights", weights, "--input", w("nan.npy"), "--output", w("y.npy")], None))

    # demo --epochs 1: trains (no warmup) rather than refusing.
    out.append(("demo --epochs 1", ["demo", "--epochs", "1", "--train-images", "8", "--size", "32", "--out", w("demo")], None))
    return out


def main():
    global work, data, run_dir, weights, sidecar, model, good_image, good_npy
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--keep", action="store_true", help="keep the generated files")
    args = parser.parse_args()
    if not os.path.exists(DLL):
        subprocess.run([os.path.join(ROOT, "segment"), "--help"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    rng = random.Random(args.seed)
    work = tempfile.mkdtemp(prefix="segment-hostile-")
    try:
        # Good files the cases start from: a tiny dataset, weights trained on it for one epoch, an ONNX export.
        data, run_dir = os.path.join(work, "data"), os.path.join(work, "run")
        for setup in (["synth", "--out", data, "--size", "32", "--train-images", "8", "--test-images", "4"],
                      ["train", "--model", "u2netp", "--data", data, "--layout", "duts", "--out", run_dir, "--size", "32", "--epochs", "1", "--batch-size", "4"],
                      ["export", "--model", "u2netp", "--output", os.path.join(work, "u2netp.onnx"), "--size", "64x64"]):
            code, _, err, _, _ = run_checked(setup)
        weights, sidecar, model = os.path.join(run_dir, "last.pth"), os.path.join(run_dir, "last.train.pth"), os.path.join(work, "u2netp.onnx")
        good_image = os.path.join(data, "DUTS-TE", "DUTS-TE-Image", "synthetic_0000.jpg")
        good_npy = os.path.join(work, "x.npy")
        npy(good_npy, (1, 3, 32, 32), [rng.random() for _ in range(3 * 32 * 32)])

        all_cases = cases(rng)
        dirty, slowest, heaviest = 0, 0.0, 0.0
        print(f"{'case':60} {'exit':>4} {'lines':>5} {'s':>6} {'peak MB':>8}  verdict / stderr")
        for name, argv, env in all_cases:
            code, out, err, seconds, peak = run(argv, env)
            lines = [l for l in err.splitlines() if l.strip()]
            clean = (code == 0 or (code == 1 and len(lines) == 1)) and seconds < TIME_LIMIT and peak < MEMORY_LIMIT_MB and "   at " not in err
            dirty += not clean
            slowest, heaviest = max(slowest, seconds), max(heaviest, peak)
            print(f"{name[:60]:60} {code:>4} {len(lines):>5} {seconds:6.1f} {peak:8.0f}  {'clean' if clean else 'NOT CLEAN'}: {(lines[-1] if lines else '')[:150]}")
            sys.stdout.flush()
        print(f"{len(all_cases)} cases, {len(all_cases) - dirty} clean, {dirty} not clean; slowest {slowest:.1f} s, "
              f"largest peak RSS {heaviest:.0f} MB (limits {TIME_LIMIT} s, {MEMORY_LIMIT_MB} MB)")
        return 0 if dirty == 0 else 1
    finally:
        if args.keep:
            print("files kept in", work)
        else:
            shutil.rmtree(work, ignore_errors=True)


def run_checked(argv):
    result = run(argv)
    if result[0] != 0:
        raise SystemExit(f"set-up failed: segment {' '.join(argv)}: {result[2].strip()}")
    return result


if __name__ == "__main__":
    sys.exit(main())
