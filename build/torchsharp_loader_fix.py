#!/usr/bin/env python3
"""Makes TorchSharp 0.107's native library load on systems whose libstdc++ predates GCC 13.

libLibTorchSharp.so (TorchSharp 0.107.0) was linked against GCC 13's libstdc++ and asks for the
symbol version GLIBCXX_3.4.32 for exactly one symbol, std::ios_base_library_init(). GCC 12's
libstdc++ (Debian 12, Ubuntu 22.04) lacks that version, so the dynamic loader refuses the library
and TorchSharp fails to initialise. For every libLibTorchSharp.so under the given folders this
script, only where the system's libstdc++ lacks the version and only once (idempotent):

1. builds libsegment_glibcxx_compat.so beside it: a one-function library that defines
   std::ios_base_library_init() (it constructs a std::ios_base::Init, which is what GCC 13's
   definition guarantees: the standard streams are initialised);
2. clears the symbol's version (patchelf --clear-symbol-version) and adds the compat library as
   a needed library (patchelf --add-needed; the library's RUNPATH already has $ORIGIN);
3. marks the GLIBCXX_3.4.32 requirement weak in the ELF version-needs table, so the loader no
   longer insists on a version that nothing refers to any more.

Usage: torchsharp_loader_fix.py DIR [DIR ...]   (exit 0 when nothing needed doing, too)
Needs patchelf and a C compiler (cc) only where the fix applies; see docs/torchsharp-loader.md.
"""
import os
import shutil
import struct
import subprocess
import sys
import tempfile

LIBRARY = "libLibTorchSharp.so"
COMPAT = "libsegment_glibcxx_compat.so"
VERSION = b"GLIBCXX_3.4.32"
SYMBOL = "_ZSt21ios_base_library_initv"
SHT_GNU_VERNEED = 0x6FFFFFFE
VER_FLG_WEAK = 0x2

COMPAT_SOURCE = r"""
/* std::ios_base_library_init() for libstdc++ older than GCC 13 (see torchsharp_loader_fix.py). */
extern void _ZNSt8ios_base4InitC1Ev(void *self);   /* std::ios_base::Init::Init() */
static char segment_ios_init[1];
void _ZSt21ios_base_library_initv(void) { _ZNSt8ios_base4InitC1Ev(segment_ios_init); }
"""


def system_libstdcxx():
    try:
        out = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True, check=False).stdout
        for line in out.splitlines():
            if "libstdc++.so.6 " in line and "x86-64" in line and "=>" in line:
                return line.split("=>", 1)[1].strip()
    except OSError:
        pass
    for candidate in ("/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib64/libstdc++.so.6"):
        if os.path.exists(candidate):
            return candidate
    return None


def verneed_entries(data):
    """Yields (offset of vna_flags, flags, name) for every version-needs aux entry of an ELF64 LE file."""
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        raise ValueError("not a 64-bit little-endian ELF file")
    e_shoff, = struct.unpack_from("<Q", data, 0x28)
    e_shentsize, e_shnum = struct.unpack_from("<HH", data, 0x3A)
    sections = [struct.unpack_from("<IIQQQQIIQQ", data, e_shoff + i * e_shentsize) for i in range(e_shnum)]
    for sh in sections:
        if sh[1] != SHT_GNU_VERNEED:
            continue
        strtab = sections[sh[6]]
        str_off = strtab[4]
        count = sh[7]  # sh_info: number of Verneed entries
        off = sh[4]
        for _ in range(count):
            _vn_version, vn_cnt, _vn_file, vn_aux, vn_next = struct.unpack_from("<HHIII", data, off)
            aux = off + vn_aux
            for _ in range(vn_cnt):
                _hash, flags, _other, name, vna_next = struct.unpack_from("<IHHII", data, aux)
                end = data.index(b"\0", str_off + name)
                yield aux + 4, flags, bytes(data[str_off + name:end])
                aux += vna_next
            if vn_next == 0:
                break
            off += vn_next


def needs_fix(lib):
    with open(lib, "rb") as f:
        data = f.read()
    return any(name == VERSION and not flags & VER_FLG_WEAK for _, flags, name in verneed_entries(data))


def mark_weak(lib):
    with open(lib, "rb") as f:
        data = bytearray(f.read())
    for flags_at, flags, name in list(verneed_entries(data)):
        if name == VERSION:
            struct.pack_into("<H", data, flags_at, flags | VER_FLG_WEAK)
    tmp = lib + ".segment-tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    shutil.copymode(lib, tmp)
    os.replace(tmp, lib)


def build_compat(folder):
    target = os.path.join(folder, COMPAT)
    if os.path.exists(target):
        return
    cc = shutil.which("cc") or shutil.which("gcc")
    if cc is None:
        sys.exit("torchsharp_loader_fix: a C compiler (cc) is needed to build %s; install one (apt-get install gcc)" % COMPAT)
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "compat.c")
        with open(src, "w") as f:
            f.write(COMPAT_SOURCE)
        out = os.path.join(tmp, COMPAT)
        # -l:libstdc++.so.6 names the runtime library itself, so no libstdc++ development package is needed.
        subprocess.run([cc, "-shared", "-fPIC", "-O2", "-o", out, src, "-l:libstdc++.so.6"], check=True)
        shutil.copy(out, target + ".segment-tmp")
        os.replace(target + ".segment-tmp", target)


def fix(lib):
    if shutil.which("patchelf") is None:
        sys.exit("torchsharp_loader_fix: patchelf is needed to make %s load on this system; install it (apt-get install patchelf)" % lib)
    folder = os.path.dirname(os.path.abspath(lib))
    build_compat(folder)
    subprocess.run(["patchelf", "--clear-symbol-version", SYMBOL, lib], check=True)
    needed = subprocess.run(["patchelf", "--print-needed", lib], capture_output=True, text=True, check=True).stdout.split()
    if COMPAT not in needed:
        subprocess.run(["patchelf", "--add-needed", COMPAT, lib], check=True)
    mark_weak(lib)
    print("torchsharp_loader_fix: patched %s for a libstdc++ without %s" % (lib, VERSION.decode()))


def main(folders):
    libs = []
    for folder in folders:
        for root, _dirs, files in os.walk(folder):
            if LIBRARY in files:
                libs.append(os.path.join(root, LIBRARY))
    pending = [lib for lib in libs if needs_fix(lib)]
    if not pending:
        return 0
    system = system_libstdcxx()
    if system is not None:
        with open(system, "rb") as f:
            if VERSION in f.read():
                return 0  # this system's libstdc++ is new enough: leave the library as shipped
    for lib in pending:
        fix(lib)
    return 0


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1:]))
