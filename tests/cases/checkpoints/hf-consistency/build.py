import json
from pathlib import Path

from zoolint.testing.checkpoints import write_nlp_model


def _edit(path: Path, **changes: object) -> None:
    document = json.loads(path.read_text())
    document.update(changes)
    path.write_text(json.dumps(document, indent=2) + "\n")


def build(tree: Path) -> None:
    model = write_nlp_model(tree / "m")
    training = model / "training"
    _edit(training / "config.json", vocab_size=5, architectures=["RobertaForQuestionAnswering"])
    with open(training / "vocab.txt", "a") as handle:
        handle.write("extra\n")
    _edit(training / "special_tokens_map.json", mask_token="<mask>")
    _edit(training / "tokenizer_config.json", cls_token="<s>", model_max_length=512)
