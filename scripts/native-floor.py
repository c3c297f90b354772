"""The native floor of scripts/bench.mts (its "native floor" column, interleaved with the page and the CLI): read
and hash every member of ONE artefact, as fast as the Python standard library does it. The bench runs one process
per side, in parallel, like the CLI's two workers, and reads the member count from the line this prints.

zipfile checks each member's CRC-32 as it reads (ZipExtFile raises BadZipFile on a mismatch), as reprodiff
does; tarfile has no per-member check, and gzip checks its trailer's CRC-32 at the end of the stream. Members
are read in 4 MiB pieces into an incremental SHA-256, so a 1.6 GiB member is never held whole. A file that is
neither a zip nor a tar (any compression tarfile reads) is hashed whole, as reprodiff hashes a plain file.

    python3 scripts/native-floor.py ARTEFACT     prints "<members> members, <bytes> bytes"
"""
import hashlib
import sys
import tarfile
import zipfile

PIECE = 4 * 1024 * 1024


def digest(stream):
    """SHA-256 of a file object read to its end, and the number of bytes read."""
    sha = hashlib.sha256()
    total = 0
    while piece := stream.read(PIECE):
        sha.update(piece)
        total += len(piece)
    return sha.digest(), total


def zip_members(path):
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            with archive.open(info) as member:
                yield digest(member)[1]


def tar_members(path):
    with tarfile.open(path, "r:*") as archive:
        for info in archive:
            if info.isfile():
                yield digest(archive.extractfile(info))[1]


def main(path):
    if zipfile.is_zipfile(path):
        sizes = list(zip_members(path))
    elif tarfile.is_tarfile(path):
        sizes = list(tar_members(path))
    else:
        with open(path, "rb") as plain:
            sizes = [digest(plain)[1]]
    print(f"{len(sizes)} members, {sum(sizes)} bytes")


if __name__ == "__main__":
    main(sys.argv[1])
