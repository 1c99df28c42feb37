"""Write valid PyTorch checkpoints without PyTorch: the pickle is hand-assembled
(protocol 2, as `torch.save` writes it) and packed in torch's zip layout:

    <archive>/data.pkl        the object, tensors as _rebuild_tensor_v2 calls
    <archive>/data/<key>      raw little-endian storage bytes, one per tensor
    <archive>/byteorder, version, .format_version, .storage_alignment

`torch.load(path, weights_only=True)` reads the result (the test suite checks this
when torch is installed). Also a tiny opcode writer (`PickleWriter`) used by the tests
to build hand-made and hostile pickles, and builders for a Hugging Face training
folder and `.safetensors` files.
"""

from __future__ import annotations

import json
import struct
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import onnx
from onnx import numpy_helper

from zoolint.testing.deterministic import write_zip

_STORAGES = {
    "float32": "FloatStorage", "float64": "DoubleStorage", "float16": "HalfStorage",
    "int64": "LongStorage", "int32": "IntStorage", "int16": "ShortStorage",
    "int8": "CharStorage", "uint8": "ByteStorage", "bool": "BoolStorage",
}  # fmt: skip

DEFAULT_RECIPE = """version: 1.1.0

modifiers:
    - !EpochRangeModifier
        start_epoch: 0.0
        end_epoch: 10.0

    - !GMPruningModifier
        params: __ALL_PRUNABLE__
        init_sparsity: 0.05
        final_sparsity: 0.8
        start_epoch: 1.0
        end_epoch: 8.0
        update_frequency: 0.5
"""


@dataclass(frozen=True)
class Global:
    """A `GLOBAL module name` opcode."""

    module: str
    name: str


@dataclass(frozen=True)
class Reduce:
    """`func(*args)` by REDUCE; `items` become SETITEMS on the result (OrderedDict)."""

    func: Any
    args: tuple[Any, ...] = ()
    items: tuple[tuple[Any, Any], ...] = ()


@dataclass(frozen=True)
class PersistentId:
    """A BINPERSID of `value` (torch storages)."""

    value: Any


@dataclass(frozen=True)
class Tensor:
    """A tensor as `torch.save` pickles it, stored at `data/<key>`."""

    key: str
    dtype: str
    shape: tuple[int, ...]
    numel: int


class PickleWriter:
    """Assemble protocol-2 pickles opcode by opcode (no pickler, nothing imported).

    `compact_ints=False` writes every int as a 4-byte BININT (as `modeldir`'s
    checkpoints, committed in the demo zoo, were first written); the default picks
    the shortest opcode, as Python's pickler does."""

    def __init__(self, *, compact_ints: bool = True) -> None:
        self.out = bytearray(b"\x80\x02")
        self.compact_ints = compact_ints

    def value(self, value: Any) -> PickleWriter:  # noqa: C901 - one branch per kind
        out = self.out
        if value is None:
            out += b"N"
        elif value is True or value is False:
            out += b"\x88" if value else b"\x89"
        elif isinstance(value, int):
            if 0 <= value < 256 and self.compact_ints:
                out += b"K" + bytes([value])
            elif 0 <= value < 65536 and self.compact_ints:
                out += b"M" + struct.pack("<H", value)
            elif -(2**31) <= value < 2**31:
                out += b"J" + struct.pack("<i", value)
            else:
                raw = value.to_bytes((value.bit_length() + 8) // 8, "little", signed=True)
                out += b"\x8a" + bytes([len(raw)]) + raw
        elif isinstance(value, float):
            out += b"G" + struct.pack(">d", value)
        elif isinstance(value, str):
            raw = value.encode("utf-8")
            out += b"X" + struct.pack("<I", len(raw)) + raw
        elif isinstance(value, tuple):
            if not value:
                out += b")"
            else:
                out += b"("
                for item in value:
                    self.value(item)
                out += b"t"
        elif isinstance(value, list):
            out += b"]"
            if value:
                out += b"("
                for item in value:
                    self.value(item)
                out += b"e"
        elif isinstance(value, dict):
            out += b"}"
            self._items(value.items())
        elif isinstance(value, Global):
            out += b"c" + f"{value.module}\n{value.name}\n".encode()
        elif isinstance(value, Reduce):
            self.value(value.func)
            self.value(tuple(value.args))
            out += b"R"
            self._items(value.items)
        elif isinstance(value, PersistentId):
            self.value(value.value)
            out += b"Q"
        elif isinstance(value, Tensor):
            self.value(tensor_call(value))
        else:
            raise TypeError(f"cannot write {type(value).__name__}")
        return self

    def _items(self, items: Any) -> None:
        items = list(items)
        if items:
            self.out += b"("
            for key, item in items:
                self.value(key)
                self.value(item)
            self.out += b"u"

    def raw(self, data: bytes) -> PickleWriter:
        """Append opcodes as bytes (for malformed streams in tests)."""
        self.out += data
        return self

    def finish(self) -> bytes:
        return bytes(self.out + b".")


def ordered_dict(items: Mapping[str, Any] | Sequence[tuple[str, Any]]) -> Reduce:
    pairs = tuple(items.items()) if isinstance(items, Mapping) else tuple(items)
    return Reduce(Global("collections", "OrderedDict"), (), pairs)


def pickled_module(cls: str, weight: Tensor | None = None) -> Reduce:
    """A whole `nn.Module` object as `torch.save(model)` pickles it (YOLOv5 style):
    `copyreg._reconstructor` of the class, with a `weight` parameter if given."""
    module, name = cls.rsplit(".", 1)
    params = {"weight": weight} if weight is not None else {}
    return Reduce(
        Global("copyreg", "_reconstructor"),
        (Global(module, name), Global("builtins", "object"), None),
        (("_parameters", Reduce(Global("collections", "OrderedDict"), (), tuple(params.items()))),),
    )


def tensor_call(tensor: Tensor) -> Reduce:
    """`torch._utils._rebuild_tensor_v2(storage, 0, size, stride, False, OrderedDict())`."""
    strides = []
    step = 1
    for dim in reversed(tensor.shape):
        strides.append(step)
        step *= max(dim, 1)
    storage = PersistentId(
        ("storage", Global("torch", _STORAGES[tensor.dtype]), tensor.key, "cpu", tensor.numel)
    )
    return Reduce(
        Global("torch._utils", "_rebuild_tensor_v2"),
        (storage, 0, tensor.shape, tuple(reversed(strides)), False, ordered_dict({})),
    )


def checkpoint_pickle(
    state_dict: Mapping[str, np.ndarray],
    *,
    extra: Mapping[str, Any] | None = None,
    bare: bool = False,
    compact_ints: bool = True,
) -> tuple[bytes, dict[str, bytes]]:
    """The data.pkl of a checkpoint and its storages (key -> bytes).

    `bare`: the object is the state dict itself (Hugging Face `pytorch_model.bin`);
    otherwise `{"state_dict": ..., **extra}` as SparseML saves it. `compact_ints`: see
    `PickleWriter`."""
    storages: dict[str, bytes] = {}
    entries = []
    for index, (name, array) in enumerate(state_dict.items()):
        array = np.asarray(array)
        key = str(index)
        storages[key] = array.astype(array.dtype.newbyteorder("<")).tobytes()
        entries.append((name, Tensor(key, array.dtype.name, tuple(array.shape), array.size)))
    weights = ordered_dict(entries)
    obj: Any = weights if bare else {"state_dict": weights, **(extra or {})}
    return PickleWriter(compact_ints=compact_ints).value(obj).finish(), storages


def write_torch_zip(
    path: Path,
    data_pkl: bytes,
    storages: Mapping[str, bytes],
    archive: str | None = None,
    *,
    minimal: bool = False,
) -> Path:
    """Pack a data.pkl and its storages the way `torch.save` does (with fixed zip
    timestamps, so a committed fixture rebuilds byte for byte). `minimal` leaves out
    `.format_version`, `.storage_alignment` and `.data/serialization_id`, which older
    torch versions did not write (and `modeldir`'s committed checkpoints lack)."""
    prefix = archive or path.name.split(".")[0] or "archive"
    members = [
        (f"{prefix}/data.pkl", data_pkl),
        (f"{prefix}/.format_version", b"1"),
        (f"{prefix}/.storage_alignment", b"64"),
        (f"{prefix}/byteorder", b"little"),
        *((f"{prefix}/data/{key}", data) for key, data in storages.items()),
        (f"{prefix}/version", b"3\n"),
        (f"{prefix}/.data/serialization_id", b"0" * 40),
    ]
    if minimal:
        optional = (".format_version", ".storage_alignment", ".data/serialization_id")
        members = [(name, data) for name, data in members if not name.endswith(optional)]
    return write_zip(path, members)


def state_dict_from_graph(model: onnx.ModelProto) -> dict[str, np.ndarray]:
    """The graph's initializers as a state dict: the checkpoint the graph came from."""
    return {init.name: numpy_helper.to_array(init) for init in model.graph.initializer}


def write_checkpoint(
    path: Path,
    state_dict: Mapping[str, np.ndarray],
    *,
    epoch: int = 10,
    arch_key: str = "tiny_classifier",
    recipe: str | None = DEFAULT_RECIPE,
    bare: bool = False,
) -> Path:
    """A SparseML-style checkpoint (`{"state_dict", "epoch", "arch_key", "recipe"}`),
    or with `bare` a plain state dict, as a torch zip at `path`."""
    extra: dict[str, Any] = {"epoch": epoch, "arch_key": arch_key}
    if recipe is not None:
        extra["recipe"] = recipe
    data, storages = checkpoint_pickle(state_dict, extra=extra, bare=bare)
    return write_torch_zip(path, data, storages)


def write_safetensors(path: Path, tensors: Mapping[str, np.ndarray]) -> Path:
    """A valid `.safetensors` file."""
    codes = {"float32": "F32", "float64": "F64", "float16": "F16", "int64": "I64",
             "int32": "I32", "int8": "I8", "uint8": "U8", "bool": "BOOL"}  # fmt: skip
    header: dict[str, Any] = {"__metadata__": {"format": "pt"}}
    blobs = []
    offset = 0
    for name, array in tensors.items():
        raw = np.asarray(array).tobytes()
        header[name] = {
            "dtype": codes[array.dtype.name],
            "shape": list(array.shape),
            "data_offsets": [offset, offset + len(raw)],
        }
        blobs.append(raw)
        offset += len(raw)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(struct.pack("<Q", len(text)) + text + b"".join(blobs))
    return path


HF_SPECIAL_TOKENS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]


def write_hf_folder(
    folder: Path,
    *,
    words: Sequence[str] = ("the", "a", "model", "##s"),
    training: bool = True,
    config: Mapping[str, Any] | None = None,
) -> Path:
    """A small but consistent Hugging Face folder (BERT-style WordPiece tokenizer):
    config.json, tokenizer.json, tokenizer_config.json, special_tokens_map.json,
    vocab.txt; with `training`, also a bare-state-dict pytorch_model.bin,
    training_args.bin, trainer_state.json and recipe.yaml."""
    folder.mkdir(parents=True, exist_ok=True)
    tokens = [*HF_SPECIAL_TOKENS, *words]
    vocab = {token: index for index, token in enumerate(tokens)}
    cfg = {
        "model_type": "bert",
        "architectures": ["BertForQuestionAnswering"],
        "vocab_size": len(tokens),
        "hidden_size": 4,
        "num_hidden_layers": 1,
        "num_attention_heads": 1,
        "intermediate_size": 8,
        "max_position_embeddings": 16,
        "type_vocab_size": 2,
        **(config or {}),
    }
    (folder / "config.json").write_text(json.dumps(cfg, indent=2) + "\n")
    (folder / "vocab.txt").write_text("".join(token + "\n" for token in tokens))
    tokenizer = {
        "version": "1.0",
        "added_tokens": [
            {"id": vocab[t], "content": t, "special": True} for t in HF_SPECIAL_TOKENS
        ],
        "model": {"type": "WordPiece", "unk_token": "[UNK]", "vocab": vocab},
    }
    (folder / "tokenizer.json").write_text(json.dumps(tokenizer, indent=2) + "\n")
    special = {"unk_token": "[UNK]", "sep_token": "[SEP]", "pad_token": "[PAD]",
               "cls_token": "[CLS]", "mask_token": "[MASK]"}  # fmt: skip
    (folder / "special_tokens_map.json").write_text(json.dumps(special, indent=2) + "\n")
    tok_config = {
        "do_lower_case": True, "model_max_length": 16, "tokenizer_class": "BertTokenizer",
        **special,
    }  # fmt: skip
    (folder / "tokenizer_config.json").write_text(json.dumps(tok_config, indent=2) + "\n")
    if training:
        rng = np.random.default_rng(0)
        embeddings = rng.standard_normal((len(tokens), 4)).astype(np.float32)
        weights = {
            "bert.embeddings.word_embeddings.weight": embeddings,
            "qa_outputs.weight": rng.standard_normal((2, 4)).astype(np.float32),
            "qa_outputs.bias": np.zeros(2, np.float32),
        }
        write_checkpoint(folder / "pytorch_model.bin", weights, bare=True)
        args = Reduce(Global("transformers.training_args", "TrainingArguments"), ())
        write_torch_zip(folder / "training_args.bin", PickleWriter().value(args).finish(), {})
        state = {"epoch": 1.0, "global_step": 10}
        (folder / "trainer_state.json").write_text(json.dumps(state) + "\n")
        (folder / "recipe.yaml").write_text(DEFAULT_RECIPE)
    return folder



def write_minimal_card(root: Path, domain: str, task: str, framework: str = "pytorch") -> Path:
    """A model.md with just the fields the checkpoints rules read (the card family's
    builders write complete cards)."""
    root.mkdir(parents=True, exist_ok=True)
    path = root / "model.md"
    path.write_text(
        f"---\ndomain: {domain}\ntask: {task}\nframework: {framework}\n---\n\n# Model\n",
        encoding="utf-8",
    )
    return path


def write_cv_model(
    root: Path, model: onnx.ModelProto | None = None, *, task: str = "classification"
) -> Path:
    """A cv model whose training and deployment folders pass every checkpoints rule:
    model.md, model.onnx, training/model.pth (the graph's weights), deployment/model.onnx
    and the empty deployment/config.json the exporter writes."""
    from zoolint.testing.builders import save_model, tiny_classifier

    graph = model if model is not None else tiny_classifier()
    write_minimal_card(root, "cv", task)
    save_model(graph, root / "model.onnx")
    save_model(graph, root / "deployment" / "model.onnx")
    (root / "deployment" / "config.json").write_text("")
    weights = "model.pt" if task == "detection" else "model.pth"
    write_checkpoint(root / "training" / weights, state_dict_from_graph(graph))
    return root


def write_nlp_model(root: Path, task: str = "question_answering") -> Path:
    """An nlp model whose Hugging Face training and deployment folders pass every
    checkpoints rule (no root graph: the tiny tokenizer has no matching ONNX model)."""
    from zoolint.testing.builders import save_model, tiny_classifier

    write_minimal_card(root, "nlp", task)
    write_hf_folder(root / "training")
    write_hf_folder(root / "deployment", training=False)
    save_model(tiny_classifier(), root / "deployment" / "model.onnx")
    return root
