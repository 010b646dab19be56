"""Backups sealed with a key from the environment (issue 12): a backup holds every identity number
and the password hashes, so it is written encrypted and authenticated, and a restore with another
key, or of a file cut short or altered, is refused before a record is read.

The file: a header (MAGIC, a random salt and nonce prefix), then the compressed backup in chunks
of AES-256-GCM, each a 4-byte length and its ciphertext. The key is scrypt of the passphrase and
the salt. Each chunk's nonce is the prefix, the chunk's number and a flag set on the last chunk only,
with the header as associated data (the STREAM construction): chunks cannot be reordered, dropped,
moved between files, and a file cut at a chunk boundary lacks its last chunk and is refused."""

import hashlib
import io
import os
import struct

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

MAGIC = b"LIANGDAI-SEALED-BACKUP-1\n"
KEY_VARIABLE = "LIANGDAI_BACKUP_KEY"
MIN_PASSPHRASE = 16
CHUNK = 1 << 20
_SALT, _PREFIX, _TAG = 16, 7, 16
_LENGTH = struct.Struct(">I")


class SealError(Exception):
    """A sealed backup that cannot be opened; the message is for the user, in Chinese."""


def passphrase_from_env() -> str | None:
    """The backup passphrase of the environment, or None if unset; too short is an error."""
    value = os.environ.get(KEY_VARIABLE, "")
    if not value:
        return None
    if len(value) < MIN_PASSPHRASE:
        raise SealError(f"环境变量 {KEY_VARIABLE} 过短：备份密钥至少 {MIN_PASSPHRASE} 个字符")
    return value


def is_sealed(head: bytes) -> bool:
    return head.startswith(MAGIC)


def _key(passphrase: str, salt: bytes) -> AESGCM:
    key = hashlib.scrypt(passphrase.encode(), salt=salt, n=1 << 15, r=8, p=1, maxmem=64 << 20, dklen=32)
    return AESGCM(key)


def _nonce(prefix: bytes, number: int, last: bool) -> bytes:
    return prefix + number.to_bytes(4, "big") + (b"\x01" if last else b"\x00")


class SealedWriter(io.RawIOBase):
    """A binary stream that seals what is written to it into `raw`; close() writes the last chunk."""

    def __init__(self, raw, passphrase: str):
        super().__init__()
        salt, self._prefix = os.urandom(_SALT), os.urandom(_PREFIX)
        self._header = MAGIC + salt + self._prefix
        self._aead, self._raw = _key(passphrase, salt), raw
        self._buffer, self._number = bytearray(), 0
        raw.write(self._header)

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self._buffer += data
        while len(self._buffer) > CHUNK:  # keep at least one byte back: the last chunk is sealed on close
            self._seal(bytes(self._buffer[:CHUNK]), last=False)
            del self._buffer[:CHUNK]
        return len(data)

    def _seal(self, plain: bytes, last: bool) -> None:
        sealed = self._aead.encrypt(_nonce(self._prefix, self._number, last), plain, self._header)
        self._raw.write(_LENGTH.pack(len(sealed)) + sealed)
        self._number += 1

    def close(self) -> None:
        if not self.closed:
            self._seal(bytes(self._buffer), last=True)
            self._buffer.clear()
        super().close()


class SealedReader(io.RawIOBase):
    """A binary stream of what `raw` (a sealed backup) holds, checked chunk by chunk."""

    def __init__(self, raw, passphrase: str):
        super().__init__()
        header = raw.read(len(MAGIC) + _SALT + _PREFIX)
        if not is_sealed(header) or len(header) < len(MAGIC) + _SALT + _PREFIX:
            raise SealError("不是本系统的加密备份文件")
        self._header, self._raw = header, raw
        self._prefix = header[len(MAGIC) + _SALT :]
        self._aead = _key(passphrase, header[len(MAGIC) : len(MAGIC) + _SALT])
        self._plain, self._at, self._number, self._done = b"", 0, 0, False
        self._next()  # a wrong key is told now, before anything is read

    def readable(self) -> bool:
        return True

    def _next(self) -> None:
        length = self._raw.read(_LENGTH.size)
        if len(length) < _LENGTH.size:
            raise SealError("备份文件不完整（缺少结尾部分），已拒绝恢复")
        (size,) = _LENGTH.unpack(length)
        sealed = self._raw.read(size)
        if size < _TAG or size > CHUNK + _TAG or len(sealed) < size:
            raise SealError("备份文件不完整或已损坏，已拒绝恢复")
        for last in (False, True):
            try:
                self._plain = self._aead.decrypt(_nonce(self._prefix, self._number, last), sealed, self._header)
            except InvalidTag:
                continue
            self._at = 0
            self._number += 1
            self._done = last
            return
        if self._number == 0:
            raise SealError(f"备份密钥不正确或文件已损坏，已拒绝恢复：请设置备份时所用的 {KEY_VARIABLE}")
        raise SealError("备份文件已被改动或损坏，已拒绝恢复")

    def readinto(self, buffer) -> int:
        while self._at == len(self._plain) and not self._done:
            self._next()
        if self._done and self._raw.read(1):
            raise SealError("备份文件结尾之后还有多余内容，已拒绝恢复")
        n = min(len(buffer), len(self._plain) - self._at)
        buffer[:n] = self._plain[self._at : self._at + n]
        self._at += n
        return n
