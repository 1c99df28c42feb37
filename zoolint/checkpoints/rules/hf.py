"""Hugging Face folders: JSON that parses, tokenizer and config that agree, training
and deployment configs that describe the same model, safetensors headers."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from zoolint.checkpoints.folders import Folder, content_folders, deployment_folders, main_training_folder
from zoolint.checkpoints.hf import (
    HF_JSON_FILES,
    Vocabulary,
    json_doc,
    json_object,
    special_tokens,
    tokenizer_json_vocab,
    vocab_txt,
)
from zoolint.checkpoints.rules.common import integration, locate_json_key
from zoolint.checkpoints.safetensors import load_safetensors, safetensors_files
from zoolint.diagnostics import Finding, Severity
from zoolint.io.artifact import Broken, Parsed
from zoolint.model import ModelDir
from zoolint.rules.base import RuleContext, rule

# Config keys that define the network; training and deployment must agree on them.
ARCHITECTURE_KEYS = (
    "model_type", "architectures", "vocab_size", "hidden_size", "num_hidden_layers",
    "num_attention_heads", "intermediate_size", "max_position_embeddings",
    "type_vocab_size", "id2label",
)  # fmt: skip
# `model_max_length` at or above this is the "no limit" sentinel transformers writes.
_NO_LIMIT = 10**12
# model_type -> spelling of its classes, where they differ beyond case and separators.
_CLASS_SPELLINGS = {"speech_to_text": "speech2text"}


def _present(model: ModelDir, folder: Folder, name: str) -> str | None:
    files = folder.files(model) or set()
    return folder.file_relpath(name) if name in files else None


def _is_nlp(model: ModelDir) -> bool:
    found = integration(model)
    return found is not None and found.domain == "nlp"


@rule(
    code="HF001",
    name="hf-json-invalid",
    summary="A Hugging Face JSON file does not parse.",
    severity=Severity.ERROR,
)
def hf_json_invalid(ctx: RuleContext) -> Iterator[Finding]:
    """`config.json`, `tokenizer.json`, `tokenizer_config.json`,
    `special_tokens_map.json` or `trainer_state.json` of a training or deployment
    folder is not valid JSON (line and column of the error), is empty, or is not a
    JSON object.

    The empty `deployment/config.json` of CV models: the SparseML exporter writes an
    empty `deployment/config.json` for every CV model, and the reference validator
    rejects it. zoolint accepts it, deliberately: DeepSparse's CV pipelines never read
    that file, every CV model the exporter produced has one, and an error there would
    flag every real CV upload for a file nothing uses. An empty `config.json` is an
    error wherever it is read: in a training folder, and in the deployment folder of
    an nlp model (whose config says what the network is).
    """
    nlp = _is_nlp(ctx.model)
    for folder in content_folders(ctx.model):
        for name in HF_JSON_FILES:
            relpath = _present(ctx.model, folder, name)
            if relpath is None:
                continue
            state = json_doc(ctx.model, relpath)
            if isinstance(state, Broken):
                if not state.io_level:
                    yield Finding(state.reason, path=relpath, line=state.line, column=state.column)
                continue
            if not isinstance(state, Parsed):
                continue
            if state.value.empty:
                if name == "config.json" and folder.slot == "deployment" and not nlp:
                    continue  # the CV exporter's empty config: accepted, see above
                yield Finding("is empty: a JSON object is expected", path=relpath)
            elif not isinstance(state.value.value, dict):
                kind = type(state.value.value).__name__
                yield Finding(f"holds a JSON {kind}, not an object", path=relpath, line=1, column=1)


def _vocabularies(model: ModelDir, folder: Folder) -> tuple[Vocabulary | None, Vocabulary | None]:
    tokenizer = _present(model, folder, "tokenizer.json")
    vocab = _present(model, folder, "vocab.txt")
    return (
        tokenizer_json_vocab(model, tokenizer) if tokenizer else None,
        vocab_txt(model, vocab) if vocab else None,
    )


def _model_vocab_size(model: ModelDir, relpath: str) -> int | None:
    document = json_object(model, relpath)
    body = document.get("model") if document else None
    vocab = body.get("vocab") if isinstance(body, dict) else None
    if isinstance(vocab, dict):
        ids = [v for v in vocab.values() if type(v) is int]
        return max(ids) + 1 if ids else None
    if isinstance(vocab, list):
        return len(vocab)
    return None


@rule(
    code="HF002",
    name="hf-vocab-size-mismatch",
    summary="Tokenizer and model config disagree on the vocabulary.",
    severity=Severity.ERROR,
)
def hf_vocab_size_mismatch(ctx: RuleContext) -> Iterator[Finding]:
    """In one folder: the tokenizer produces token ids the model has no embedding for
    (`tokenizer.json` ids, or `vocab.txt` lines, beyond `config.json` `vocab_size`), or
    `vocab.txt` and `tokenizer.json` describe vocabularies of different sizes.

    A `vocab_size` larger than the tokenizer's vocabulary is fine (models pad it to a
    multiple of 8); smaller is an index error at the first rare token.
    """
    for folder in content_folders(ctx.model):
        config_path = _present(ctx.model, folder, "config.json")
        config = json_object(ctx.model, config_path) if config_path else None
        vocab_size = config.get("vocab_size") if config else None
        tokenizer, vocab = _vocabularies(ctx.model, folder)
        if type(vocab_size) is int and config_path:
            for source in (tokenizer, vocab):
                if source is not None and source.size > vocab_size:
                    line, column = locate_json_key(ctx.model, config_path, "vocab_size")
                    yield Finding(
                        f"vocab_size is {vocab_size} but {source.source} has token ids up to"
                        f" {source.size - 1}: those tokens have no embedding",
                        path=config_path, line=line, column=column, key_path=("vocab_size",),
                    )  # fmt: skip
        if tokenizer is not None and vocab is not None:
            model_size = _model_vocab_size(ctx.model, tokenizer.source)
            if model_size is not None and model_size != vocab.size:
                yield Finding(
                    f"has {vocab.size} tokens but {tokenizer.source} has {model_size} in its"
                    " model vocabulary: they are not the same tokenizer",
                    path=vocab.source,
                )


@rule(
    code="HF003",
    name="hf-special-token-unknown",
    summary="A special token is missing from the vocabulary, or the tokenizer files disagree on it.",
    severity=Severity.ERROR,
)
def hf_special_token_unknown(ctx: RuleContext) -> Iterator[Finding]:
    """A special token of `special_tokens_map.json` (`[CLS]`, `<s>`, ...) is not in the
    tokenizer's vocabulary (`tokenizer.json` vocabulary and added tokens, or
    `vocab.txt`), or `tokenizer_config.json` names a different token for the same role.

    Why: the tokenizer maps an unknown special token to `[UNK]`; every input then
    starts with the wrong token and accuracy collapses without an error.
    """
    for folder in content_folders(ctx.model):
        map_path = _present(ctx.model, folder, "special_tokens_map.json")
        mapping = json_object(ctx.model, map_path) if map_path else None
        if mapping is None or map_path is None:
            continue
        tokens = special_tokens(mapping)
        tokenizer, vocab = _vocabularies(ctx.model, folder)
        known = tokenizer or vocab
        for role, token in tokens.items():
            if known is not None and token not in known.tokens:
                line, column = locate_json_key(ctx.model, map_path, role.split("[")[0])
                yield Finding(
                    f"{role} {token!r} is not in the vocabulary of {known.source}",
                    path=map_path, line=line, column=column, key_path=(role,),
                )  # fmt: skip
        config_path = _present(ctx.model, folder, "tokenizer_config.json")
        config = json_object(ctx.model, config_path) if config_path else None
        if config is None or config_path is None:
            continue
        for role, token in special_tokens(config).items():
            if role in tokens and tokens[role] != token:
                line, column = locate_json_key(ctx.model, config_path, role.split("[")[0])
                yield Finding(
                    f"{role} is {token!r} but special_tokens_map.json says {tokens[role]!r}",
                    path=config_path, line=line, column=column, key_path=(role,),
                )  # fmt: skip


def _label_count(config: dict[str, Any]) -> Any:
    labels = config.get("id2label")
    return len(labels) if isinstance(labels, dict) else labels


@rule(
    code="HF004",
    name="hf-deployment-config-differs",
    summary="deployment/config.json and the training config describe different models.",
    severity=Severity.ERROR,
)
def hf_deployment_config_differs(ctx: RuleContext) -> Iterator[Finding]:
    """`deployment/config.json` and the training folder's `config.json` disagree on a
    key that defines the network (`model_type`, `architectures`, `vocab_size`,
    `hidden_size`, `num_hidden_layers`, `num_attention_heads`, `intermediate_size`,
    `max_position_embeddings`, `type_vocab_size`, the number of labels), or their
    tokenizers have vocabularies of different sizes.

    Why: the deployed graph was exported from the training checkpoint; a config that
    describes another model breaks pre- and post-processing (labels, sequence length).
    Only keys present in both are compared.
    """
    training = main_training_folder(ctx.model)
    if training is None:
        return
    train_config_path = _present(ctx.model, training, "config.json")
    train_config = json_object(ctx.model, train_config_path) if train_config_path else None
    for folder in deployment_folders(ctx.model):
        if folder.archived:
            continue
        path = _present(ctx.model, folder, "config.json")
        config = json_object(ctx.model, path) if path else None
        if path and config and train_config:
            for key in ARCHITECTURE_KEYS:
                if key not in config or key not in train_config:
                    continue
                ours, theirs = config[key], train_config[key]
                if key == "id2label":
                    ours, theirs = _label_count(config), _label_count(train_config)
                if ours != theirs:
                    shown = "number of labels" if key == "id2label" else key
                    line, column = locate_json_key(ctx.model, path, key)
                    yield Finding(
                        f"{shown} is {ours!r} but {train_config_path} says {theirs!r}",
                        path=path, line=line, column=column, key_path=(key,),
                    )  # fmt: skip
        deployed, _ = _vocabularies(ctx.model, folder)
        trained, _ = _vocabularies(ctx.model, training)
        if deployed is not None and trained is not None and deployed.size != trained.size:
            yield Finding(
                f"has {deployed.size} tokens but {trained.source} has {trained.size}:"
                " deployment and training tokenizers differ",
                path=deployed.source,
            )


@rule(
    code="HF005",
    name="hf-max-length-exceeds-positions",
    summary="The tokenizer allows longer inputs than the model has positions for.",
    severity=Severity.WARNING,
)
def hf_max_length_exceeds_positions(ctx: RuleContext) -> Iterator[Finding]:
    """`tokenizer_config.json` `model_max_length` is larger than `config.json`
    `max_position_embeddings` in the same folder.

    Why: inputs the tokenizer lets through index past the position embeddings and fail
    (or, exported to ONNX, read garbage) only on long texts.
    """
    for folder in content_folders(ctx.model):
        config_path = _present(ctx.model, folder, "config.json")
        tok_path = _present(ctx.model, folder, "tokenizer_config.json")
        config = json_object(ctx.model, config_path) if config_path else None
        tok = json_object(ctx.model, tok_path) if tok_path else None
        if not config or not tok or tok_path is None:
            continue
        positions, length = config.get("max_position_embeddings"), tok.get("model_max_length")
        if type(positions) is int and type(length) is int and positions < length < _NO_LIMIT:
            line, column = locate_json_key(ctx.model, tok_path, "model_max_length")
            yield Finding(
                f"model_max_length is {length} but {config_path} has max_position_embeddings {positions}",
                path=tok_path, line=line, column=column, key_path=("model_max_length",),
                hint=f"set model_max_length to at most {positions}",
            )  # fmt: skip


def _compact(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


@rule(
    code="HF006",
    name="hf-architecture-model-type",
    summary="config.json names an architecture of another model type.",
    severity=Severity.WARNING,
)
def hf_architecture_model_type(ctx: RuleContext) -> Iterator[Finding]:
    """An entry of `config.json` `architectures` is not a class of its `model_type`
    (`"model_type": "bert"` with `"architectures": ["RobertaForQuestionAnswering"]`).
    Classes are named after their type (`DistilBertForQuestionAnswering` for
    `distilbert`, `XLMRobertaModel` for `xlm-roberta`).

    Why: loaders pick the configuration class by `model_type` and the model class by
    `architectures`; a mismatch loads weights into the wrong network.
    """
    for folder in content_folders(ctx.model):
        path = _present(ctx.model, folder, "config.json")
        config = json_object(ctx.model, path) if path else None
        if not config or path is None:
            continue
        model_type, architectures = config.get("model_type"), config.get("architectures")
        if not isinstance(model_type, str) or not isinstance(architectures, list):
            continue
        stem = _compact(_CLASS_SPELLINGS.get(model_type, model_type))
        for index, name in enumerate(architectures):
            if isinstance(name, str) and stem and not _compact(name).startswith(stem):
                line, column = locate_json_key(ctx.model, path, "architectures")
                yield Finding(
                    f"architectures[{index}] {name!r} is not a {model_type!r} model class",
                    path=path, line=line, column=column, key_path=("architectures", index),
                )  # fmt: skip


@rule(
    code="HF007",
    name="safetensors-invalid",
    summary="A .safetensors header is malformed or does not fit the file.",
    severity=Severity.ERROR,
)
def safetensors_invalid(ctx: RuleContext) -> Iterator[Finding]:
    """A `.safetensors` file's header (read alone: 8-byte little-endian length, then
    JSON) is malformed or does not describe the file: an unknown dtype, a shape whose
    byte size differs from its `data_offsets`, tensors that overlap or leave gaps,
    data past the end of the file (truncated), bytes after the last tensor.

    Why: safetensors refuses such files on load; a truncated upload is the usual cause.
    The tensor data is never read.
    """
    for relpath in safetensors_files(ctx.model):
        state = ctx.model.load(load_safetensors, relpath)
        if isinstance(state, Broken):
            if not state.io_level:
                yield Finding(state.reason, path=relpath)
            continue
        if not isinstance(state, Parsed):
            continue
        for message, tensor in state.value.problems:
            yield Finding(
                f"tensor {tensor!r}: {message}" if tensor else message,
                path=relpath,
                key_path=(tensor,) if tensor else None,
            )


RULES = [
    hf_json_invalid,
    hf_vocab_size_mismatch,
    hf_special_token_unknown,
    hf_deployment_config_differs,
    hf_max_length_exceeds_positions,
    hf_architecture_model_type,
    safetensors_invalid,
]
