"""The directory of a zip file (an `.npz`), read piecewise and bounded.

`np.load` would read the same structure, but it also unpickles when asked and reads
whole members; here only the end-of-directory record, the central directory and the
first bytes of each member are read, which is all the fast check needs. Zip64 records
(numpy writes them) are understood; encryption and compression methods other than
stored and deflate (numpy writes only those) are reported.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass
from typing import BinaryIO

EOCD_SIG = b"PK\x05\x06"
EOCD64_LOCATOR_SIG = b"PK\x06\x07"
EOCD64_SIG = b"PK\x06\x06"
CENTRAL_SIG = b"PK\x01\x02"
LOCAL_SIG = b"PK\x03\x04"

EOCD_SIZE = 22
EOCD64_LOCATOR_SIZE = 20
EOCD64_SIZE = 56
CENTRAL_SIZE = 46
LOCAL_SIZE = 30
MAX_COMMENT = 0xFFFF
STORED, DEFLATED = 0, 8
# Compressed bytes fed to the inflater at a time: a .npy header (usually 128 bytes)
# deflates to far less, so reading stops after the first chunk.
_CHUNK = 4 * 1024
# A central directory entry is at least this large: a bound on entries per byte.
_MAX_NAME = 4096


class ZipError(ValueError):
    """The bytes are not a readable zip; the message says why."""


@dataclass(frozen=True)
class ZipMember:
    name: str
    method: int
    flags: int
    compressed_size: int
    size: int
    local_offset: int


def read_directory(stream: BinaryIO, file_size: int, max_members: int) -> list[ZipMember]:
    """The members listed by the central directory, in order."""
    if file_size < EOCD_SIZE:
        raise ZipError("is not a zip archive (too short to hold its directory)")
    # numpy writes no archive comment: the record is usually the last 22 bytes. Only
    # otherwise is the longest possible comment searched.
    tail_size = EOCD_SIZE
    stream.seek(file_size - tail_size)
    tail = stream.read(tail_size)
    eocd_at = _find_eocd(tail)
    if eocd_at is None and file_size > EOCD_SIZE:
        tail_size = min(file_size, EOCD_SIZE + MAX_COMMENT)
        stream.seek(file_size - tail_size)
        tail = stream.read(tail_size)
        eocd_at = _find_eocd(tail)
    if eocd_at is None:
        raise ZipError("is not a zip archive (no end-of-directory record)")
    eocd_pos = file_size - tail_size + eocd_at
    (_, disk, cd_disk, _, count, cd_size, cd_offset, _) = struct.unpack(
        "<4s4H2LH", tail[eocd_at : eocd_at + EOCD_SIZE]
    )
    if disk != 0 or cd_disk != 0:
        raise ZipError("is a multi-volume zip archive")
    cd_end = eocd_pos
    # A zip64 end record may precede the classic one even when the classic fields are
    # not saturated (zipfile writes it as soon as any offset needs it): it then counts.
    if _has_zip64_locator(stream, eocd_pos) or 0xFFFF == count or 0xFFFFFFFF in (cd_size, cd_offset):
        count, cd_size, cd_offset, cd_end = _zip64_end(stream, eocd_pos)
    if count > max_members:
        raise ZipError(f"lists {count} arrays, over the limit of {max_members}")
    if cd_size > count * (CENTRAL_SIZE + 3 * _MAX_NAME) + CENTRAL_SIZE:
        raise ZipError("has a central directory larger than its entries can need")
    # Bytes prepended to the archive shift every offset by the same amount.
    shift = cd_end - cd_size - cd_offset
    if shift < 0:
        raise ZipError("has a central directory that does not fit the file")
    stream.seek(cd_offset + shift)
    directory = stream.read(cd_size)
    if len(directory) != cd_size:
        raise ZipError("is truncated inside its central directory")
    return _parse_central(directory, count, shift, file_size)


def _find_eocd(tail: bytes) -> int | None:
    at = tail.rfind(EOCD_SIG)
    while at != -1:
        if at + EOCD_SIZE <= len(tail):
            (comment_length,) = struct.unpack("<H", tail[at + 20 : at + 22])
            if at + EOCD_SIZE + comment_length == len(tail):
                return at
        at = tail.rfind(EOCD_SIG, 0, at)
    return None


def _has_zip64_locator(stream: BinaryIO, eocd_pos: int) -> bool:
    if eocd_pos < EOCD64_LOCATOR_SIZE:
        return False
    stream.seek(eocd_pos - EOCD64_LOCATOR_SIZE)
    return stream.read(4) == EOCD64_LOCATOR_SIG


def _zip64_end(stream: BinaryIO, eocd_pos: int) -> tuple[int, int, int, int]:
    if eocd_pos < EOCD64_LOCATOR_SIZE:
        raise ZipError("lacks the zip64 record its directory refers to")
    stream.seek(eocd_pos - EOCD64_LOCATOR_SIZE)
    locator = stream.read(EOCD64_LOCATOR_SIZE)
    if not locator.startswith(EOCD64_LOCATOR_SIG):
        raise ZipError("lacks the zip64 record its directory refers to")
    (_, _, record_offset, _) = struct.unpack("<4sLQL", locator)
    # The record sits right before its locator; trust the position over the offset
    # (prepended bytes shift the offset but not the layout).
    record_pos = eocd_pos - EOCD64_LOCATOR_SIZE - EOCD64_SIZE
    if record_pos < 0:
        raise ZipError("has a broken zip64 end record")
    stream.seek(record_pos)
    record = stream.read(EOCD64_SIZE)
    if not record.startswith(EOCD64_SIG):
        raise ZipError("has a broken zip64 end record")
    (_, _, _, _, disk, cd_disk, _, count, cd_size, cd_offset) = struct.unpack(
        "<4sQ2H2L4Q", record
    )
    del record_offset
    if disk != 0 or cd_disk != 0:
        raise ZipError("is a multi-volume zip archive")
    return count, cd_size, cd_offset, record_pos


def _parse_central(directory: bytes, count: int, shift: int, file_size: int) -> list[ZipMember]:
    members: list[ZipMember] = []
    at = 0
    for _ in range(count):
        fixed = directory[at : at + CENTRAL_SIZE]
        if len(fixed) < CENTRAL_SIZE or not fixed.startswith(CENTRAL_SIG):
            raise ZipError("has a corrupt central directory")
        fields = struct.unpack("<4s6H3L5H2L", fixed)
        flags, method = fields[3], fields[4]
        compressed, size = fields[8], fields[9]
        name_len, extra_len, comment_len = fields[10], fields[11], fields[12]
        local_offset = fields[16]
        name_raw = directory[at + CENTRAL_SIZE : at + CENTRAL_SIZE + name_len]
        extra = directory[at + CENTRAL_SIZE + name_len : at + CENTRAL_SIZE + name_len + extra_len]
        at += CENTRAL_SIZE + name_len + extra_len + comment_len
        if at > len(directory):
            raise ZipError("has a corrupt central directory")
        size, compressed, local_offset = _zip64_extra(extra, size, compressed, local_offset)
        name = name_raw.decode("utf-8" if flags & 0x800 else "cp437", "replace")
        offset = local_offset + shift
        if offset + LOCAL_SIZE > file_size or offset + compressed > file_size:
            raise ZipError(f"is truncated: member {name!r} lies past the end of the file")
        members.append(ZipMember(name, method, flags, compressed, size, offset))
    return members


def _zip64_extra(extra: bytes, size: int, compressed: int, offset: int) -> tuple[int, int, int]:
    at = 0
    while at + 4 <= len(extra):
        tag, length = struct.unpack("<HH", extra[at : at + 4])
        body = extra[at + 4 : at + 4 + length]
        at += 4 + length
        if tag != 0x0001:
            continue
        # Only the fields saturated in the fixed record are present, in this order.
        values = list(struct.unpack(f"<{len(body) // 8}Q", body[: len(body) // 8 * 8]))
        if size == 0xFFFFFFFF and values:
            size = values.pop(0)
        if compressed == 0xFFFFFFFF and values:
            compressed = values.pop(0)
        if offset == 0xFFFFFFFF and values:
            offset = values.pop(0)
    return size, compressed, offset


def read_member_head(stream: BinaryIO, member: ZipMember, count: int) -> bytes:
    """The first `count` bytes of a member's uncompressed content (fewer if shorter)."""
    if member.flags & 0x1:
        raise ZipError(f"member {member.name!r} is encrypted")
    if member.method not in (STORED, DEFLATED):
        raise ZipError(
            f"member {member.name!r} uses compression method {member.method}"
            " (numpy writes only stored or deflate)"
        )
    stream.seek(member.local_offset)
    local = stream.read(LOCAL_SIZE)
    if len(local) < LOCAL_SIZE or not local.startswith(LOCAL_SIG):
        raise ZipError(f"member {member.name!r} has no local header where the directory says")
    name_len, extra_len = struct.unpack("<HH", local[26:30])
    stream.seek(member.local_offset + LOCAL_SIZE + name_len + extra_len)
    want = min(count, member.size)
    if member.method == STORED:
        data = stream.read(min(want, member.compressed_size))
    else:
        data = _inflate_head(stream, member, want)
    if len(data) < want:
        raise ZipError(f"member {member.name!r} is truncated")
    return data


def _inflate_head(stream: BinaryIO, member: ZipMember, want: int) -> bytes:
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    out = b""
    left = member.compressed_size
    try:
        while len(out) < want and left > 0 and not inflater.eof:
            chunk = stream.read(min(_CHUNK, left))
            if not chunk:
                break
            left -= len(chunk)
            # max_length bounds the output: a bomb cannot inflate past what we asked.
            out += inflater.decompress(chunk, want - len(out))
            while len(out) < want and inflater.unconsumed_tail:
                out += inflater.decompress(inflater.unconsumed_tail, want - len(out))
    except zlib.error as exc:
        raise ZipError(f"member {member.name!r} has corrupt compressed data ({exc})") from None
    return out[:want]
