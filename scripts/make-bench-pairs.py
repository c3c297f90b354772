"""Generate the large benchmark pairs of scripts/bench.mts --full from files on this machine, deterministically.

What it TAKES (read only, walked in sorted order, symlinks, unreadable files, __pycache__, site-packages and
dist-packages skipped):
  - shared objects: files whose name contains ".so" under the multiarch library directory
    (/usr/lib/<sysconfig MULTIARCH>, e.g. /usr/lib/x86_64-linux-gnu), each at most 40 MB;
  - text and data files: /usr/lib/python3* (the Python standard library Debian installs), then
    /usr/share/{doc,perl,perl5,i18n,zoneinfo,man,icons}, then the rest of /usr/share, /usr/include and /usr/lib
    (no name containing ".so" among these).
Nothing else is read and nothing outside OUT is written. The same machine gives the same bytes on every run.

What it MAKES in OUT (each pair differs ONLY in timestamps; sizes, bytes, modes and order are identical):
  big-a.zip / big-b.zip        --big-mb (305) MB of members, deflate level 6: shared objects up to 59 % of the
                               budget, then text files up to 48 KiB until --big-members (14,000) less 300, then
                               larger text files until the budget is spent (about 14,000 members by default);
  big-a.tar.gz / big-b.tar.gz  the same file list as a PAX tar, gzip level 6 (gzip header mtime 0, no name);
  small-a.zip / small-b.zip    the first --small-members (50,000) text files under 32 KiB, deflate level 6;
  tiny-a.tar.gz / tiny-b.tar.gz --tiny-members (200,000) members of 1 to 256 bytes (the first bytes of the text
                               files, cycled), PAX tar, gzip level 6;
  huge-a.whl / huge-b.whl      only with --huge: the big tree plus torch/lib/libtorch_cuda.so (--huge-member-mib,
                               1,640 MiB, over 1.6 GiB) and torch/lib/libtorch_cpu.so (512 MiB), each the tree's shared
                               objects concatenated and repeated to that size, written zip64, deflate level 6.
Every "a" member has the time 2024-01-01 00:00:00 (zip) or 1704067200 (tar); every "b" member 2020-01-01. The b
zips are copies of the a zips with the DOS time and date rewritten in every local header and central-directory
entry (so their deflate streams are the a's byte for byte). Modes are fixed: 0644 for files, owner 0/0 with no
names in tar. A pair already present with the same parameters (OUT/params.json) is kept.

    python3 scripts/make-bench-pairs.py OUT [--big-mb 305] [--small-members 50000] [--tiny-members 200000]
                                           [--huge] [--huge-member-mib 1640] [--only big,tar,small,tiny,huge] [--big-members 14000]
    quick check:  python3 scripts/make-bench-pairs.py /tmp/pairs --big-mb 10 --small-members 500 --tiny-members 2000
"""
import argparse
import glob
import gzip
import json
import os
import shutil
import struct
import sysconfig
import tarfile
import zipfile

A_TIME = (2024, 1, 1, 0, 0, 0)
B_TIME = (2020, 1, 1, 0, 0, 0)
A_EPOCH, B_EPOCH = 1704067200, 1577836800
LEVEL = 6
PIECE = 4 * 1024 * 1024
SKIP_DIRS = {"__pycache__", "site-packages", "dist-packages"}


def walk(top):
    """Regular files under top, in sorted order (os.walk with sorted directories), as (path, size)."""
    for root, dirs, files in os.walk(top):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS)
        for name in sorted(files):
            path = os.path.join(root, name)
            try:
                if os.path.islink(path) or not os.path.isfile(path) or not os.access(path, os.R_OK):
                    continue
                yield path, os.path.getsize(path)
            except OSError:
                continue


def shared_objects():
    top = os.path.join("/usr/lib", sysconfig.get_config_var("MULTIARCH") or "x86_64-linux-gnu")
    return ((p, s) for p, s in walk(top) if ".so" in os.path.basename(p) and 0 < s <= 40_000_000)


def text_files():
    """The Python standard library, then the listed /usr/share folders, then the rest of /usr/share; no repeats."""
    seen = set()
    share = ["doc", "perl", "perl5", "i18n", "zoneinfo", "man", "icons"]
    tops = sorted(glob.glob("/usr/lib/python3*")) + [f"/usr/share/{d}" for d in share] + ["/usr/share", "/usr/include", "/usr/lib"]
    for top in tops:
        for path, size in walk(top):
            if path not in seen and size > 0 and ".so" not in os.path.basename(path):
                seen.add(path)
                yield path, size


def big_tree(budget, members):
    """(archive name, path) for the big pair: shared objects up to 59 % of the budget, then text files up to
    48 KiB until `members` less 300 are chosen, then larger text files until the budget is spent."""
    chosen, total = [], 0
    for path, size in shared_objects():
        if total + size <= budget * 0.59:
            chosen.append(path)
            total += size
    small = 48 * 1024
    large = []
    for path, size in text_files():
        if total >= budget:
            break
        if size <= small and len(chosen) < members - 300:
            chosen.append(path)
            total += size
        elif size > small and len(large) < 2000:
            large.append((path, size))
    for path, size in large:
        if total + size <= budget:
            chosen.append(path)
            total += size
    return [(path.lstrip("/"), path) for path in chosen]


def zip_info(name, date_time):
    info = zipfile.ZipInfo(name, date_time)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o100644 << 16
    info.create_system = 3
    return info


def write_zip(out, members, extra=()):
    """members: (name, path); extra: (name, size, chunk source) written zip64 in pieces."""
    with zipfile.ZipFile(out, "w", compresslevel=LEVEL, allowZip64=True) as archive:
        for name, path in members:
            with open(path, "rb") as source, archive.open(zip_info(name, A_TIME), "w", force_zip64=False) as sink:
                shutil.copyfileobj(source, sink, PIECE)
        for name, size, pieces in extra:
            with archive.open(zip_info(name, A_TIME), "w", force_zip64=True) as sink:
                for piece in pieces(size):
                    sink.write(piece)


def dos(date_time):
    y, mo, d, h, mi, s = date_time
    return (h << 11) | (mi << 5) | (s // 2), ((y - 1980) << 9) | (mo << 5) | d


def patch_times(source, out):
    """Copy source to out with every local header's and central-directory entry's DOS time and date set to
    B_TIME (APPNOTE 4.3.7 and 4.3.12: time at offsets 10/12 of the local header, 12/14 of the central entry).
    zipfile's infolist gives the local header offsets (zip64 extra included) and the central directory's start."""
    shutil.copyfile(source, out)
    stamp = struct.pack("<HH", *dos(B_TIME))
    with zipfile.ZipFile(source) as archive:
        infos = archive.infolist()
        central = archive.start_dir
    with open(out, "r+b") as target:
        for info in infos:
            target.seek(info.header_offset + 10)
            target.write(stamp)
        position = central
        for _ in infos:
            target.seek(position)
            fixed = target.read(46)
            if fixed[:4] != b"PK\x01\x02":
                raise SystemExit(f"{out}: central directory entry expected at {position}")
            target.seek(position + 12)
            target.write(stamp)
            name_len, extra_len, comment_len = struct.unpack("<HHH", fixed[28:34])
            position += 46 + name_len + extra_len + comment_len


def write_tar_gz(out, members, epoch):
    """members: (name, bytes or path). PAX tar, owner 0/0, mode 0644, gzip level 6 with header mtime 0."""
    with open(out, "wb") as raw, gzip.GzipFile(filename="", mode="wb", compresslevel=LEVEL, fileobj=raw, mtime=0) as zipped:
        with tarfile.open(fileobj=zipped, mode="w", format=tarfile.PAX_FORMAT) as archive:
            for name, content in members:
                info = tarfile.TarInfo(name)
                info.mtime, info.mode, info.uid, info.gid, info.uname, info.gname = epoch, 0o644, 0, 0, "", ""
                if isinstance(content, bytes):
                    info.size = len(content)
                    archive.addfile(info, _Bytes(content))
                else:
                    info.size = os.path.getsize(content)
                    with open(content, "rb") as source:
                        archive.addfile(info, source)


class _Bytes:
    def __init__(self, data):
        self.data, self.offset = data, 0

    def read(self, size=-1):
        end = len(self.data) if size < 0 else self.offset + size
        piece, self.offset = self.data[self.offset:end], min(end, len(self.data))
        return piece


def concatenated(paths):
    """A piece source: the given files' bytes, concatenated and repeated until `size` bytes."""
    def pieces(size):
        left = size
        while left > 0:
            for path in paths:
                with open(path, "rb") as source:
                    while left > 0 and (piece := source.read(min(PIECE, left))):
                        left -= len(piece)
                        yield piece
                if left <= 0:
                    return
    return pieces


def make(out_dir, kind, params, build):
    """Build one pair unless OUT/params.json says it was built with the same parameters."""
    record_path = os.path.join(out_dir, "params.json")
    record = json.load(open(record_path)) if os.path.exists(record_path) else {}
    names = {"big": "big-{}.zip", "tar": "big-{}.tar.gz", "small": "small-{}.zip", "tiny": "tiny-{}.tar.gz", "huge": "huge-{}.whl"}
    paths = [os.path.join(out_dir, names[kind].format(side)) for side in "ab"]
    if record.get(kind) == params and all(os.path.exists(p) for p in paths):
        print(f"kept  {paths[0]} {paths[1]}")
        return
    build(*[p + ".part" for p in paths])
    for path in paths:
        os.replace(path + ".part", path)
    record[kind] = params
    with open(record_path, "w") as sink:
        json.dump(record, sink, indent=1, sort_keys=True)
    sizes = ", ".join(f"{os.path.getsize(p) / 1e6:.1f} MB" for p in paths)
    print(f"made  {paths[0]} {paths[1]} ({sizes})")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out")
    parser.add_argument("--big-mb", type=float, default=305)
    parser.add_argument("--big-members", type=int, default=14_000)
    parser.add_argument("--small-members", type=int, default=50_000)
    parser.add_argument("--tiny-members", type=int, default=200_000)
    parser.add_argument("--huge", action="store_true")
    parser.add_argument("--huge-member-mib", type=int, default=1640)
    parser.add_argument("--only", default="big,tar,small,tiny,huge")
    args = parser.parse_args()
    only = set(args.only.split(","))
    os.makedirs(args.out, exist_ok=True)
    tree = big_tree(args.big_mb * 1e6, args.big_members) if only & {"big", "tar", "huge"} else []

    def zip_pair(members, extra=()):
        def build(a, b):
            write_zip(a, members, extra)
            patch_times(a, b)
        return build

    if "big" in only:
        make(args.out, "big", {"big_mb": args.big_mb, "big_members": args.big_members, "version": 2}, zip_pair(tree))
    if "tar" in only:
        make(args.out, "tar", {"big_mb": args.big_mb, "big_members": args.big_members, "version": 2},
             lambda a, b: (write_tar_gz(a, tree, A_EPOCH), write_tar_gz(b, tree, B_EPOCH)))
    texts = []
    if only & {"small", "tiny"}:
        limit = max(args.small_members, min(args.tiny_members, 100_000))
        for path, size in text_files():
            if size < 32 * 1024:
                texts.append(path)
                if len(texts) >= limit:
                    break
    if "small" in only:
        members = [(p.lstrip("/"), p) for p in texts[: args.small_members]]
        make(args.out, "small", {"members": args.small_members, "version": 2}, zip_pair(members))
    if "tiny" in only:
        def tiny():
            for index in range(args.tiny_members):
                with open(texts[index % len(texts)], "rb") as source:
                    yield f"tiny/{index // 1000:03d}/{index:06d}.txt", source.read(1 + index % 256)
        make(args.out, "tiny", {"members": args.tiny_members, "version": 2},
             lambda a, b: (write_tar_gz(a, tiny(), A_EPOCH), write_tar_gz(b, tiny(), B_EPOCH)))
    if args.huge and "huge" in only:
        objects = [path for name, path in tree if ".so" in os.path.basename(path)]
        extra = [("torch/lib/libtorch_cuda.so", args.huge_member_mib << 20, concatenated(objects)),
                 ("torch/lib/libtorch_cpu.so", 512 << 20, concatenated(objects[::-1]))]
        make(args.out, "huge", {"big_mb": args.big_mb, "big_members": args.big_members, "member_mib": args.huge_member_mib, "version": 2}, zip_pair(tree, extra))


if __name__ == "__main__":
    main()
