from pathlib import Path


def build(tree: Path) -> None:
    # A dangling link: FILE003 (broken-symlink).
    (tree / "a" / "weights.bin").symlink_to("nothing.bin")
