from pathlib import Path

from zoolint.testing.checkpoints import write_nlp_model


def build(tree: Path) -> None:
    model = write_nlp_model(tree / "m")
    (model / "training" / "tokenizer_config.json").write_text('{\n  "do_lower_case": true,\n  "model_max_length": 16,\n}\n')
    (model / "training" / "special_tokens_map.json").write_text('["[CLS]"]\n')
    (model / "deployment" / "config.json").write_text("")
    deep = write_nlp_model(tree / "deep")
    (deep / "training" / "trainer_state.json").write_text("[" * 100_000 + "]" * 100_000)
