"""Hugging Face folder files: the JSON documents and the vocabulary they describe.

JSON is read through `ModelDir.text` (bounded by `limits.max-json-bytes`) and parsed
with the standard library, whose errors carry line and column; deep nesting and huge
integers are parse errors, not crashes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from zoolint.io.artifact import Artifact, Broken, Parsed
from zoolint.model import ModelDir

HF_JSON_FILES = (
    "config.json",
    "tokenizer.json",
    "tokenizer_config.json",
    "special_tokens_map.json",
    "trainer_state.json",
)
SPECIAL_TOKEN_KEYS = (
    "bos_token", "eos_token", "unk_token", "sep_token", "pad_token", "cls_token", "mask_token",
)  # fmt: skip


@dataclass(frozen=True)
class JsonDoc:
    """A parsed JSON file; `empty` when the file holds nothing but whitespace."""

    value: Any
    empty: bool = False


def _json_limit(model: ModelDir) -> int | None:
    return model.config.limits.max_json_bytes if model.config else None


def load_json(model: ModelDir, relpath: str) -> Artifact[JsonDoc]:
    text = model.text(relpath, _json_limit(model))
    if not isinstance(text, Parsed):
        return text
    if not text.value.strip():
        return Parsed(relpath, JsonDoc(None, empty=True))
    try:
        return Parsed(relpath, JsonDoc(json.loads(text.value)))
    except json.JSONDecodeError as exc:
        return Broken(relpath, f"is not valid JSON: {exc.msg}", line=exc.lineno, column=exc.colno)
    except RecursionError:
        return Broken(relpath, "is not valid JSON: nested too deeply to read")
    except ValueError as exc:  # e.g. an integer with more digits than Python converts
        return Broken(relpath, f"is not valid JSON: {exc}")


def json_doc(model: ModelDir, relpath: str) -> Artifact[JsonDoc]:
    return model.load(load_json, relpath)


def json_object(model: ModelDir, relpath: str) -> dict[str, Any] | None:
    """The file's top-level object, or None when absent, broken, empty or not an object."""
    state = json_doc(model, relpath)
    if isinstance(state, Parsed) and isinstance(state.value.value, dict):
        return state.value.value
    return None


@dataclass(frozen=True)
class Vocabulary:
    """A tokenizer's vocabulary: `size` is the largest token id + 1; `tokens` the token
    strings; `source` the file it was read from."""

    size: int
    tokens: frozenset[str]
    source: str


def tokenizer_json_vocab(model: ModelDir, relpath: str) -> Vocabulary | None:
    document = json_object(model, relpath)
    if document is None:
        return None
    tokens: set[str] = set()
    ids: list[int] = []
    body = document.get("model")
    vocab = body.get("vocab") if isinstance(body, dict) else None
    if isinstance(vocab, dict):
        for token, index in vocab.items():
            tokens.add(token)
            if type(index) is int:
                ids.append(index)
    elif isinstance(vocab, list):  # Unigram: [[piece, score], ...]
        for index, item in enumerate(vocab):
            if isinstance(item, list) and item and isinstance(item[0], str):
                tokens.add(item[0])
            ids.append(index)
    else:
        return None
    added = document.get("added_tokens")
    if isinstance(added, list):
        for item in added:
            if isinstance(item, dict):
                if isinstance(item.get("content"), str):
                    tokens.add(item["content"])
                if type(item.get("id")) is int:
                    ids.append(item["id"])
    if not ids:
        return None
    return Vocabulary(max(ids) + 1, frozenset(tokens), relpath)


def vocab_txt(model: ModelDir, relpath: str) -> Vocabulary | None:
    """`vocab.txt` (WordPiece): one token per line, the line number is the id."""
    text = model.text(relpath, _json_limit(model))
    if not isinstance(text, Parsed):
        return None
    lines = text.value.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    lines = [line.rstrip("\r") for line in lines]
    return Vocabulary(len(lines), frozenset(lines), relpath)


def token_text(value: Any) -> str | None:
    """A special token as written: a string, or `{"content": ...}` (AddedToken)."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and isinstance(value.get("content"), str):
        return value["content"]
    return None


def special_tokens(document: dict[str, Any]) -> dict[str, str]:
    """Named special tokens of special_tokens_map.json or tokenizer_config.json; the
    additional ones are keyed `additional_special_tokens[i]`."""
    found: dict[str, str] = {}
    for key in SPECIAL_TOKEN_KEYS:
        text = token_text(document.get(key))
        if text is not None:
            found[key] = text
    extra = document.get("additional_special_tokens")
    if isinstance(extra, list):
        for index, item in enumerate(extra):
            text = token_text(item)
            if text is not None:
                found[f"additional_special_tokens[{index}]"] = text
    return found
