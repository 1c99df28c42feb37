"""Read a pickle's opcode stream without unpickling it.

`scan_pickle` walks `pickletools.genops` (which only decodes opcodes and their
arguments; nothing is imported, constructed or called) and replays the stack machine
symbolically: strings, numbers, tuples, lists and dicts become plain values, every
import becomes a `GlobalRef`, every call a `Call` record. That is enough to tell:

- every global the pickle would import (GLOBAL, STACK_GLOBAL, INST, EXT*), with the
  module and name STACK_GLOBAL takes from earlier string pushes or the memo;
- the structure of a PyTorch checkpoint: top-level keys, and each tensor's shape and
  dtype from its `torch._utils._rebuild_tensor_v2(storage, offset, size, stride, ...)`
  call and the storage's persistent id.

The walk is bounded (opcodes, bytes read through a `BoundedFile`, string lengths) and
never raises for a malformed stream: problems come back in `PickleScan.errors`, with
every global seen before the problem still listed (a real unpickler would already have
imported and called them by then).
"""

from __future__ import annotations

import io
import pickletools
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

from zoolint.io.bounded import ReadLimitExceeded

# Longest string kept verbatim (a recipe stored in a checkpoint is a few KB).
MAX_KEPT_STRING = 1 << 20


@dataclass(frozen=True)
class GlobalRef:
    """An import the pickle performs: `module.name`, and where (byte offset, opcode)."""

    module: str
    name: str
    pos: int
    opcode: str

    @property
    def qualname(self) -> str:
        return f"{self.module}.{self.name}"


@dataclass
class Call:
    """`func(*args)` as REDUCE/NEWOBJ/OBJ/INST would perform it; `state` from BUILD,
    `items` from SETITEMS on the result."""

    func: Any
    args: Any
    items: list[tuple[Any, Any]] = field(default_factory=list)
    state: Any = None


@dataclass
class PDict:
    """A dict (or an OrderedDict built by REDUCE) with its items in order."""

    items: list[tuple[Any, Any]] = field(default_factory=list)

    def get(self, key: str) -> Any:
        for item_key, value in self.items:
            if item_key == key:
                return value
        return None

    def keys(self) -> list[Any]:
        return [key for key, _ in self.items]


@dataclass
class PList:
    items: list[Any] = field(default_factory=list)


@dataclass(frozen=True)
class Persistent:
    """A persistent id (PyTorch's storage references)."""

    pid: Any


@dataclass(frozen=True)
class Opaque:
    """A value whose content is not kept: long strings, bytes, buffers."""

    what: str
    size: int = 0


@dataclass(frozen=True)
class TensorInfo:
    """A tensor as its rebuild call describes it. `storage_key` names `data/<key>` in a
    zip checkpoint; `storage_numel` is the storage's element count."""

    shape: tuple[int, ...]
    dtype: str | None
    storage_key: str | None
    storage_numel: int | None
    offset: int
    stride: tuple[int, ...] | None

    @property
    def extent(self) -> int:
        """Elements of the storage the tensor reaches (offset included)."""
        if not self.shape or any(dim == 0 for dim in self.shape):
            return self.offset + (0 if self.shape else 1)
        if self.stride is None or len(self.stride) != len(self.shape):
            count = 1
            for dim in self.shape:
                count *= dim
            return self.offset + count
        return self.offset + 1 + sum((dim - 1) * step for dim, step in zip(self.shape, self.stride))


class _Mark:
    def __repr__(self) -> str:
        return "MARK"


MARK = _Mark()


@dataclass
class PickleScan:
    """What the opcode stream of one pickle shows."""

    globals: list[GlobalRef] = field(default_factory=list)
    value: Any = None
    complete: bool = False
    errors: list[str] = field(default_factory=list)
    opcodes: int = 0
    end: int = 0  # offset just past STOP

    def tensors(self) -> Iterator[TensorInfo]:
        """Every tensor anywhere in the value (each shared object visited once)."""
        for item in _walk(self.value):
            if isinstance(item, TensorInfo):
                yield item


# Rebuild functions whose first arguments are (storage, offset, size, stride, ...).
_REBUILD_TENSOR = frozenset(
    {
        "torch._utils._rebuild_tensor",
        "torch._utils._rebuild_tensor_v2",
        "torch._utils._rebuild_tensor_v3",
        "torch._utils._rebuild_qtensor",
    }
)
_REBUILD_PARAMETER = frozenset(
    {"torch._utils._rebuild_parameter", "torch._utils._rebuild_parameter_with_state"}
)
_REBUILD_FROM_TYPE = "torch._tensor._rebuild_from_type_v2"
_DICT_TYPES = frozenset({"collections.OrderedDict", "builtins.dict", "__builtin__.dict"})

# Storage class (legacy typed storages, as torch.save still writes them) -> dtype.
STORAGE_DTYPES = {
    "FloatStorage": "float32",
    "DoubleStorage": "float64",
    "HalfStorage": "float16",
    "BFloat16Storage": "bfloat16",
    "LongStorage": "int64",
    "IntStorage": "int32",
    "ShortStorage": "int16",
    "CharStorage": "int8",
    "ByteStorage": "uint8",
    "BoolStorage": "bool",
    "ComplexFloatStorage": "complex64",
    "ComplexDoubleStorage": "complex128",
    "QInt8Storage": "qint8",
    "QUInt8Storage": "quint8",
    "QInt32Storage": "qint32",
    "QUInt4x2Storage": "quint4x2",
    "QUInt2x4Storage": "quint2x4",
}
DTYPE_SIZES = {
    "float32": 4, "float64": 8, "float16": 2, "bfloat16": 2, "int64": 8, "int32": 4,
    "int16": 2, "int8": 1, "uint8": 1, "bool": 1, "complex64": 8, "complex128": 16,
    "qint8": 1, "quint8": 1, "qint32": 4, "quint4x2": 1, "quint2x4": 1,
}  # fmt: skip


def _walk(root: Any) -> Iterator[Any]:
    """Every value reachable from `root`, each object once (pickles can share and
    even cycle through the memo, so a naive recursion could explode)."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        item = stack.pop()
        if isinstance(item, (PDict, PList, Call, tuple, TensorInfo)):
            if id(item) in seen:
                continue
            seen.add(id(item))
        yield item
        if isinstance(item, PDict):
            for key, value in item.items:
                stack.append(value)
                stack.append(key)
        elif isinstance(item, PList):
            stack.extend(item.items)
        elif isinstance(item, tuple):
            stack.extend(item)
        elif isinstance(item, Call):
            stack.append(item.func)
            stack.append(item.args)
            stack.append(item.state)
            for key, value in item.items:
                stack.append(value)
                stack.append(key)


def _as_int_tuple(value: Any) -> tuple[int, ...] | None:
    if isinstance(value, tuple) and all(type(v) is int for v in value):
        return value
    if isinstance(value, Call) and _qualname(value.func) == "torch.Size":
        args = value.args
        return _as_int_tuple(args[0]) if isinstance(args, tuple) and args else None
    return None


def _qualname(value: Any) -> str | None:
    return value.qualname if isinstance(value, GlobalRef) else None


def _storage(pid: Any) -> tuple[str | None, str | None, int | None]:
    """(dtype, key, numel) from a torch storage persistent id:
    ('storage', <storage class>, key, location, numel[, view_metadata])."""
    if not (isinstance(pid, tuple) and len(pid) >= 5 and pid[0] == "storage"):
        return None, None, None
    kind = pid[1]
    dtype = STORAGE_DTYPES.get(kind.name) if isinstance(kind, GlobalRef) else None
    key = pid[2] if isinstance(pid[2], str) else None
    numel = pid[4] if type(pid[4]) is int else None
    return dtype, key, numel


def _tensor_from_call(func: str, args: Any) -> TensorInfo | None:
    if not isinstance(args, tuple):
        return None
    if func in _REBUILD_PARAMETER:
        return args[0] if args and isinstance(args[0], TensorInfo) else None
    if func == _REBUILD_FROM_TYPE:
        # (func, new_type, args, state): a tensor subclass around a plain rebuild
        if len(args) >= 3 and isinstance(args[2], tuple):
            inner = _qualname(args[0])
            if inner is not None:
                return _tensor_from_call(inner, args[2])
        return None
    if func in _REBUILD_TENSOR and len(args) >= 4:
        storage, offset, size, stride = args[:4]
        shape = _as_int_tuple(size)
        if shape is None:
            return None
        dtype, key, numel = (
            _storage(storage.pid) if isinstance(storage, Persistent) else (None, None, None)
        )
        return TensorInfo(
            shape=shape,
            dtype=dtype,
            storage_key=key,
            storage_numel=numel,
            offset=offset if type(offset) is int else 0,
            stride=_as_int_tuple(stride),
        )
    return None


class _Stop(Exception):
    """Ends the replay (STOP seen, or a malformed stream)."""


class _Machine:
    def __init__(self, scan: PickleScan) -> None:
        self.scan = scan
        self.stack: list[Any] = []
        self.marks: list[int] = []
        self.memo: dict[int, Any] = {}

    # --- stack helpers --------------------------------------------------------

    def pop(self) -> Any:
        if not self.stack or (self.marks and len(self.stack) == self.marks[-1]):
            raise ValueError("stack underflow")
        return self.stack.pop()

    def top(self) -> Any:
        if not self.stack:
            raise ValueError("stack underflow")
        return self.stack[-1]

    def pop_mark(self) -> list[Any]:
        if not self.marks:
            raise ValueError("no MARK to pop to")
        start = self.marks.pop()
        items = self.stack[start:]
        del self.stack[start:]
        return items

    def add_global(self, module: Any, name: Any, pos: int, opcode: str) -> Any:
        if not isinstance(module, str) or not isinstance(name, str):
            # Module or name computed at load time: it cannot be known without running
            # the pickle, which is reason enough to flag it (PKL002 names it unresolved).
            ref = GlobalRef("?", "?", pos, opcode)
            self.scan.globals.append(ref)
            return ref
        ref = GlobalRef(module, name, pos, opcode)
        self.scan.globals.append(ref)
        return ref

    def call(self, func: Any, args: Any) -> Any:
        name = _qualname(func)
        if name in _DICT_TYPES:
            if args in ((), None):
                return PDict()
            # Python 2 era: OrderedDict([[key, value], ...])
            if isinstance(args, tuple) and len(args) == 1 and isinstance(args[0], PList):
                pairs = [p for p in args[0].items if isinstance(p, (tuple, PList))]
                items = [tuple(p.items if isinstance(p, PList) else p) for p in pairs]
                return PDict([(item[0], item[1]) for item in items if len(item) >= 2])
        if name is not None:
            tensor = _tensor_from_call(name, args)
            if tensor is not None:
                return tensor
        return Call(func, args)

    # --- one opcode -------------------------------------------------------------

    # one branch per opcode family
    def step(self, name: str, arg: Any, pos: int) -> None:  # noqa: C901
        push = self.stack.append
        if name in ("PROTO", "FRAME"):
            return
        if name == "STOP":
            self.scan.value = self.pop()
            self.scan.complete = True
            raise _Stop
        if name == "MARK":
            self.marks.append(len(self.stack))
        elif name in ("INT", "BININT", "BININT1", "BININT2", "LONG", "LONG1", "LONG4",
                      "FLOAT", "BINFLOAT"):  # fmt: skip
            push(arg)
        elif name == "NONE":
            push(None)
        elif name in ("NEWTRUE", "NEWFALSE"):
            push(name == "NEWTRUE")
        elif name in ("STRING", "BINSTRING", "SHORT_BINSTRING", "UNICODE", "BINUNICODE",
                      "SHORT_BINUNICODE", "BINUNICODE8"):  # fmt: skip
            push(arg if len(arg) <= MAX_KEPT_STRING else Opaque("string", len(arg)))
        elif name in ("BINBYTES", "SHORT_BINBYTES", "BINBYTES8", "BYTEARRAY8"):
            push(Opaque("bytes", len(arg)))
        elif name in ("NEXT_BUFFER", "READONLY_BUFFER"):
            if name == "READONLY_BUFFER":
                self.pop()
            push(Opaque("buffer"))
        elif name == "EMPTY_TUPLE":
            push(())
        elif name in ("TUPLE1", "TUPLE2", "TUPLE3"):
            count = int(name[-1])
            items = [self.pop() for _ in range(count)][::-1]
            push(tuple(items))
        elif name == "TUPLE":
            push(tuple(self.pop_mark()))
        elif name == "EMPTY_LIST":
            push(PList())
        elif name == "LIST":
            push(PList(self.pop_mark()))
        elif name == "APPEND":
            value = self.pop()
            target = self.top()
            if isinstance(target, PList):
                target.items.append(value)
        elif name == "APPENDS":
            values = self.pop_mark()
            target = self.top()
            if isinstance(target, PList):
                target.items.extend(values)
        elif name == "EMPTY_DICT":
            push(PDict())
        elif name == "DICT":
            items = self.pop_mark()
            push(PDict(list(zip(items[::2], items[1::2]))))
        elif name == "SETITEM":
            value = self.pop()
            key = self.pop()
            self._set_items(self.top(), [(key, value)])
        elif name == "SETITEMS":
            items = self.pop_mark()
            self._set_items(self.top(), list(zip(items[::2], items[1::2])))
        elif name in ("EMPTY_SET",):
            push(PList())
        elif name == "ADDITEMS":
            values = self.pop_mark()
            target = self.top()
            if isinstance(target, PList):
                target.items.extend(values)
        elif name == "FROZENSET":
            push(PList(self.pop_mark()))
        elif name == "POP":
            if self.marks and len(self.stack) == self.marks[-1]:
                self.marks.pop()  # POP of a MARK is how some pickles discard it
            else:
                self.pop()
        elif name == "POP_MARK":
            self.pop_mark()
        elif name == "DUP":
            push(self.top())
        elif name in ("PUT", "BINPUT", "LONG_BINPUT"):
            self.memo[int(arg)] = self.top()
        elif name == "MEMOIZE":
            self.memo[len(self.memo)] = self.top()
        elif name in ("GET", "BINGET", "LONG_BINGET"):
            if int(arg) not in self.memo:
                raise ValueError(f"memo key {arg} read before it was written")
            push(self.memo[int(arg)])
        elif name == "GLOBAL":
            module, _, attr = str(arg).partition(" ")
            push(self.add_global(module, attr, pos, name))
        elif name == "STACK_GLOBAL":
            attr = self.pop()
            module = self.pop()
            push(self.add_global(module, attr, pos, name))
        elif name == "INST":
            module, _, attr = str(arg).partition(" ")
            ref = self.add_global(module, attr, pos, name)
            push(self.call(ref, tuple(self.pop_mark())))
        elif name == "OBJ":
            items = self.pop_mark()
            if not items:
                raise ValueError("OBJ without a class")
            push(self.call(items[0], tuple(items[1:])))
        elif name in ("EXT1", "EXT2", "EXT4"):
            push(self.add_global("copyreg._extension_registry", str(arg), pos, name))
        elif name == "REDUCE":
            args = self.pop()
            func = self.pop()
            push(self.call(func, args))
        elif name == "NEWOBJ":
            args = self.pop()
            cls = self.pop()
            push(self.call(cls, args))
        elif name == "NEWOBJ_EX":
            self.pop()  # kwargs
            args = self.pop()
            cls = self.pop()
            push(self.call(cls, args))
        elif name == "BUILD":
            state = self.pop()
            target = self.top()
            if isinstance(target, Call):
                target.state = state
        elif name == "PERSID":
            push(Persistent(arg))
        elif name == "BINPERSID":
            push(Persistent(self.pop()))
        else:  # an opcode pickletools knows and we do not model: stay honest
            raise ValueError(f"opcode {name} is not supported by the scanner")

    @staticmethod
    def _set_items(target: Any, items: list[tuple[Any, Any]]) -> None:
        if isinstance(target, PDict):
            target.items.extend(items)
        elif isinstance(target, Call):
            target.items.extend(items)


class PickleStream(Protocol):
    """What the scan reads a pickle through (a `BoundedFile`, a `BytesIO`): all that
    `pickletools.genops` calls, and `tell` for the end offset."""

    def read(self, size: int = -1, /) -> bytes: ...

    def readline(self, size: int = -1, /) -> bytes: ...

    def tell(self) -> int: ...


def scan_pickle(stream: PickleStream, max_opcodes: int) -> PickleScan:
    """Replay one pickle from `stream` (positioned at its first byte).

    Stops at STOP, at the first malformed opcode, or at `max_opcodes`; read limits of a
    `BoundedFile` stream end the scan as an error too."""
    scan = PickleScan()
    machine = _Machine(scan)
    start = stream.tell()
    try:
        # typeshed declares IO[bytes], more than genops uses (read, readline, tell)
        for opcode, arg, pos in pickletools.genops(stream):  # type: ignore[arg-type]
            scan.opcodes += 1
            if scan.opcodes > max_opcodes:
                scan.errors.append(
                    f"has more than {max_opcodes} opcodes, the scan limit; the rest was not read"
                )
                break
            machine.step(opcode.name, arg, (pos or 0) - start if pos is not None else 0)
    except _Stop:
        pass
    except ReadLimitExceeded as exc:
        scan.errors.append(f"is too large to scan: {exc}")
    except (ValueError, IndexError, KeyError, TypeError, OverflowError, EOFError,
            MemoryError) as exc:  # fmt: skip
        scan.errors.append(f"is not a well-formed pickle: {_describe(exc)}")
    scan.end = stream.tell()
    return scan


def scan_pickle_bytes(data: bytes, max_opcodes: int) -> PickleScan:
    return scan_pickle(io.BytesIO(data), max_opcodes)


def _describe(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return text if len(text) <= 200 else text[:200] + "..."
