import json
from pathlib import Path

from zoolint.testing.checkpoints import write_hf_folder, write_nlp_model


def build(tree: Path) -> None:
    model = write_nlp_model(tree / "m")
    config = model / "deployment" / "config.json"
    document = json.loads(config.read_text())
    document.update(num_hidden_layers=12, id2label={"0": "NEG", "1": "POS", "2": "NEUTRAL"})
    config.write_text(json.dumps(document, indent=2) + "\n")
    training = model / "training" / "config.json"
    document = json.loads(training.read_text())
    document.update(id2label={"0": "NEG", "1": "POS"})
    training.write_text(json.dumps(document, indent=2) + "\n")
    write_hf_folder(model / "deployment", training=False, words=("the", "a"),
                    config={"num_hidden_layers": 12, "id2label": {"0": "NEG", "1": "POS", "2": "NEUTRAL"}, "vocab_size": 9})
