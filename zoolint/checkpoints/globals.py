"""Which imports a pickle may perform: the safe list, the known-dangerous list, and
how a configured pattern matches.

The safe list is, deliberately, what `torch.load(weights_only=True)` itself accepts
(PyTorch 2.x: tensor rebuild functions, storage and tensor classes, dtypes, quantization
schemes, `collections.OrderedDict`, a few builtins), plus the numpy names numpy arrays
and random states pickle to. Anything else makes loading the file run code that the
file chooses, which is what an upload check must refuse.

The dangerous list only decides the wording and severity class (PKL001 rather than
PKL002): names that execute commands or code, touch files or the network, or reach
arbitrary attributes. A zoo can allow more names by configuration, never these.
"""

from __future__ import annotations

import _compat_pickle
import functools
from collections.abc import Iterable

_STORAGE_TYPES = (
    "BFloat16", "Bool", "Byte", "Char", "ComplexDouble", "ComplexFloat", "Double", "Float",
    "Half", "Int", "Long", "Short",
)  # fmt: skip
_TENSOR_TYPES = ("BFloat16", "Bool", "Byte", "Char", "Double", "Float", "Half", "Int", "Long", "Short")
_DTYPES = (
    "bfloat16", "bits16", "bits1x8", "bits2x4", "bits4x2", "bits8", "bool", "complex128",
    "complex32", "complex64", "float16", "float32", "float64", "float4_e2m1fn_x2",
    "float8_e4m3fn", "float8_e4m3fnuz", "float8_e5m2", "float8_e5m2fnuz", "float8_e8m0fnu",
    "int16", "int32", "int64", "int8", "qint32", "qint8", "quint2x4", "quint4x2", "quint8",
    "uint8", "uint16", "uint32", "uint64", "half", "float", "double", "long", "int", "short",
    "cfloat", "cdouble", "chalf",
    *(f"int{bits}" for bits in range(1, 8)),
    *(f"uint{bits}" for bits in range(1, 8)),
)  # fmt: skip

SAFE_GLOBALS: frozenset[str] = frozenset(
    {
        # containers and plain values
        "collections.OrderedDict",
        "collections.Counter",
        "builtins.set",
        "builtins.frozenset",
        "builtins.bytearray",
        "builtins.complex",
        "builtins.slice",
        "builtins.range",
        "_codecs.encode",  # how protocol 2 stores bytes
        # instance creation helpers: they only call classes that are globals themselves,
        # and every global is checked on its own
        "copyreg._reconstructor",
        "copyreg.__newobj__",
        "copyreg.__newobj_ex__",
        "builtins.object",
        # tensors, parameters, storages
        "torch._utils._rebuild_tensor",
        "torch._utils._rebuild_tensor_v2",
        "torch._utils._rebuild_tensor_v3",
        "torch._utils._rebuild_parameter",
        "torch._utils._rebuild_parameter_with_state",
        "torch._utils._rebuild_qtensor",
        "torch._utils._rebuild_sparse_tensor",
        "torch._utils._rebuild_meta_tensor_no_storage",
        "torch._utils._rebuild_nested_tensor",
        "torch._utils._rebuild_wrapper_subclass",
        "torch._utils._rebuild_device_tensor_from_numpy",
        "torch._utils._rebuild_device_tensor_from_cpu_tensor",
        "torch._tensor._rebuild_from_type_v2",
        "torch.nn.parameter.Parameter",
        "torch.serialization._get_layout",
        "torch.Size",
        "torch.Tensor",
        "torch.device",
        "torch.storage.TypedStorage",
        "torch.storage.UntypedStorage",
        "torch.strided",
        "torch.sparse_coo",
        "torch.per_tensor_affine",
        "torch.per_tensor_symmetric",
        "torch.per_channel_affine",
        "torch.per_channel_symmetric",
        "torch.per_channel_affine_float_qparams",
        *(f"torch.{kind}Storage" for kind in _STORAGE_TYPES),
        *(f"torch.cuda.{kind}Storage" for kind in _STORAGE_TYPES),
        *(f"torch.Q{kind}Storage" for kind in ("Int8", "UInt8", "Int32", "UInt4x2", "UInt2x4")),
        *(f"torch.{kind}Tensor" for kind in _TENSOR_TYPES),
        *(f"torch.cuda.{kind}Tensor" for kind in _TENSOR_TYPES),
        *(f"torch.sparse.{kind}Tensor" for kind in _TENSOR_TYPES),
        *(f"torch.cuda.sparse.{kind}Tensor" for kind in _TENSOR_TYPES),
        *(f"torch.{dtype}" for dtype in _DTYPES),
        # numpy arrays, dtypes and scalars (numpy 1.x and 2.x module names)
        "numpy.ndarray",
        "numpy.dtype",
        "numpy.core.multiarray._reconstruct",
        "numpy._core.multiarray._reconstruct",
        "numpy.core.multiarray.scalar",
        "numpy._core.multiarray.scalar",
    }
)

# Globals that TorchScript archives reference; torch.jit.load resolves them against the
# archive's own compiled classes (never by importing Python modules).
TORCHSCRIPT_PREFIXES = ("__torch__.", "torch.jit._pickle.")

# Classes and enums `training_args.bin` (Hugging Face and SparseML TrainingArguments)
# pickles: dataclasses and enums whose construction runs no code of the file's choosing.
# The default of `[tool.zoolint.checkpoints] safe-globals`.
TRAINING_ARGS_GLOBALS: tuple[str, ...] = (
    "transformers.training_args.TrainingArguments",
    "transformers.training_args.OptimizerNames",
    "transformers.training_args_seq2seq.Seq2SeqTrainingArguments",
    "transformers.trainer_utils.IntervalStrategy",
    "transformers.trainer_utils.EvaluationStrategy",
    "transformers.trainer_utils.SaveStrategy",
    "transformers.trainer_utils.SchedulerType",
    "transformers.trainer_utils.HubStrategy",
    "transformers.trainer_utils.ShardedDDPOption",
    "transformers.trainer_utils.FSDPOption",
    "transformers.debug_utils.DebugOption",
    "transformers.trainer_pt_utils.AcceleratorConfig",
    "accelerate.state.PartialState",
    "accelerate.utils.dataclasses.DistributedType",
    "sparseml.transformers.sparsification.training_args.TrainingArguments",
    "sparseml.transformers.finetune.training_args.TrainingArguments",
)

# Whole modules whose every name runs code, touches files, processes or the network.
_DANGEROUS_MODULES = (
    "os", "posix", "nt", "subprocess", "_posixsubprocess", "sys", "importlib", "runpy",
    "pty", "socket", "shutil", "pickle", "_pickle", "cPickle", "dill", "cloudpickle",
    "joblib", "marshal", "code", "codeop", "ctypes", "_ctypes", "webbrowser",
    "multiprocessing", "asyncio", "platform", "pdb", "bdb", "timeit", "tempfile", "signal",
    "urllib", "urllib2", "http", "httplib", "ftplib", "smtplib", "telnetlib", "requests",
    "io", "_io", "pathlib", "glob", "zipfile", "tarfile", "types", "_thread", "threading",
    "commands", "popen2", "pydoc", "distutils", "setuptools", "pip", "venv", "ensurepip",
    "sqlite3", "torch.hub", "numpy.testing", "numpy.f2py", "numpy.distutils",
)  # fmt: skip
_DANGEROUS_NAMES = frozenset(
    {
        *(
            f"builtins.{name}"
            for name in (
                "eval", "exec", "compile", "open", "__import__", "getattr", "setattr",
                "delattr", "globals", "locals", "vars", "input", "breakpoint", "exit",
                "quit", "help", "execfile", "file", "reload", "apply", "memoryview",
            )
        ),
        "operator.attrgetter",
        "operator.methodcaller",
        "operator.call",
        "torch.load",
        "torch.jit.load",
        "torch.jit.script",
        "torch.jit.CompilationUnit",
        "torch.serialization.load",
        "torch.storage._load_from_bytes",
        "torch._C._import_ir_module",
        "numpy.load",
        "numpy.fromfile",
        "numpy.memmap",
    }
)  # fmt: skip


def canonical(module: str, name: str) -> str:
    """`module.name` as Python 3 unpickling resolves it (py2 names are mapped)."""
    if (module, name) in _compat_pickle.NAME_MAPPING:
        module, name = _compat_pickle.NAME_MAPPING[(module, name)]
    elif module in _compat_pickle.IMPORT_MAPPING:
        module = _compat_pickle.IMPORT_MAPPING[module]
    return f"{module}.{name}"


_DANGEROUS_MODULE_SET = frozenset(_DANGEROUS_MODULES)


def is_dangerous(qualname: str) -> bool:
    if qualname in _DANGEROUS_NAMES:
        return True
    parts = qualname.split(".")
    return any(".".join(parts[:end]) in _DANGEROUS_MODULE_SET for end in range(1, len(parts)))


def matches(qualname: str, patterns: Iterable[str]) -> bool:
    """Exact names, or `module.*` for every name below `module`."""
    for pattern in patterns:
        if pattern.endswith(".*"):
            if qualname.startswith(pattern[:-1]):
                return True
        elif qualname == pattern:
            return True
    return False


def classify(
    module: str, name: str, allowed: Iterable[str], torchscript: bool = False
) -> str:
    """'safe', 'dangerous' or 'unsafe' (outside every safe list)."""
    return _classify(module, name, tuple(allowed), torchscript)


@functools.lru_cache(maxsize=4096)
def _classify(module: str, name: str, allowed: tuple[str, ...], torchscript: bool) -> str:
    raw = f"{module}.{name}"
    resolved = canonical(module, name)
    if is_dangerous(raw) or is_dangerous(resolved):
        return "dangerous"
    if resolved in SAFE_GLOBALS or matches(resolved, allowed):
        return "safe"
    if torchscript and resolved.startswith(TORCHSCRIPT_PREFIXES):
        return "safe"
    return "unsafe"
