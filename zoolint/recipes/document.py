"""A parsed recipe: its variables and modifiers, by stage, with positions.

SparseML's rules, as its loader applies them:
- modifier lists live under any top-level key whose name contains `modifiers`
  (`training_modifiers`, `pruning_modifiers`, ...); every other top-level key is a
  variable that `eval(...)` expressions may use;
- a recipe is *staged* when some top-level value is a mapping with such keys: each such
  mapping is a stage with its own variables and modifier groups, and the remaining
  top-level keys are global variables (a top-level modifier group is then ignored);
- a modifier is a list item with a local tag (`- !GMPruningModifier` and its
  arguments), or, in the newer framework, a mapping entry `GMPruningModifier: {...}`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from zoolint.diagnostics import KeyPath
from zoolint.io.yaml_doc import TaggedMap, YamlDoc
from zoolint.recipes.evaluate import Variables, collect_variables

GROUP_MARKER = "modifiers"


@dataclass(frozen=True)
class Modifier:
    """One modifier: its class name (None when it has no tag), its arguments as
    written, and where it is. `args` values may be `eval(...)` strings."""

    name: str | None
    args: Mapping[str, Any]
    key_path: KeyPath
    group: str
    stage: Stage | None = None

    def arg_path(self, key: str) -> KeyPath:
        return (*self.key_path, key)

    @property
    def label(self) -> str:
        return self.name or "modifier"


@dataclass(frozen=True)
class Stage:
    """The modifiers and variables of one stage; `name` is None for an unstaged recipe
    (the whole top level is its one stage)."""

    name: str | None
    key_path: KeyPath
    variables: Variables
    groups: tuple[str, ...]


@dataclass(frozen=True)
class StructureProblem:
    """Something in the recipe's shape that SparseML would skip or refuse (RCP015)."""

    message: str
    key_path: KeyPath
    hint: str | None = None
    at_key: bool = False  # point at the key (a group) rather than its value


@dataclass(frozen=True)
class RecipeDoc:
    """A parsed recipe file. `data` is its YAML mapping; `yaml` has the positions; for
    `.md` recipes, `body` is the markdown after the frontmatter, from `body_line`.
    `variables` are the top level's (a staged recipe's globals)."""

    path: str
    yaml: YamlDoc
    data: Mapping[str, Any]
    variables: Variables
    staged: bool
    stages: tuple[Stage, ...]
    modifiers: tuple[Modifier, ...]
    problems: tuple[StructureProblem, ...]
    body: str = ""
    body_line: int = 0

    def locate(self, key_path: KeyPath, prefer_key: bool = False) -> tuple[int | None, int | None]:
        return self.yaml.locate(key_path, prefer_key=prefer_key)


def is_group_key(key: object) -> bool:
    return isinstance(key, str) and GROUP_MARKER in key


def is_stage(value: object) -> bool:
    return isinstance(value, dict) and not isinstance(value, TaggedMap) and any(
        is_group_key(key) for key in value
    )


def build_document(
    path: str, yaml: YamlDoc, data: Mapping[str, Any], body: str = "", body_line: int = 0
) -> RecipeDoc:
    """Split a recipe mapping into stages, variables and modifiers."""
    problems: list[StructureProblem] = []
    staged = any(is_stage(value) for value in data.values())
    stages: list[Stage] = []
    modifiers: list[Modifier] = []
    if staged:
        global_container = {
            key: value for key, value in data.items() if not is_stage(value)
        }
        global_vars = collect_variables(global_container)
        for key in global_container:
            if is_group_key(key):
                problems.append(
                    StructureProblem(
                        f"top-level modifier group {key!r} is ignored: this recipe is staged"
                        " (it has stages holding modifier groups), and SparseML then reads"
                        " top-level keys as variables only",
                        (key,),
                        hint=f"move {key!r} into a stage",
                        at_key=True,
                    )
                )
        for key, value in data.items():
            if is_stage(value):
                stage_vars = collect_variables(value, outer=global_vars)
                stage = Stage(
                    str(key),
                    (key,),
                    stage_vars.merged_over(global_vars),
                    tuple(k for k in value if is_group_key(k)),
                )
                stages.append(stage)
                modifiers.extend(_group_modifiers(stage, value, (key,), problems))
        top = global_vars
    else:
        top = collect_variables(data)
        stage = Stage(None, (), top, tuple(k for k in data if is_group_key(k)))
        stages.append(stage)
        modifiers.extend(_group_modifiers(stage, data, (), problems))
    if not modifiers and not problems:
        problems.append(
            StructureProblem(
                "defines no modifiers: no top-level key contains 'modifiers'"
                " (for example `training_modifiers:` holding `- !EpochRangeModifier`)",
                (),
            )
        )
    return RecipeDoc(
        path,
        yaml,
        data,
        top,
        staged,
        tuple(stages),
        tuple(modifiers),
        tuple(problems),
        body,
        body_line,
    )


def _group_modifiers(
    stage: Stage, container: Mapping[Any, Any], prefix: KeyPath, problems: list[StructureProblem]
) -> Iterator[Modifier]:
    for group in stage.groups:
        value = container[group]
        group_path = (*prefix, group)
        if isinstance(value, list):
            for index, item in enumerate(value):
                yield from _list_item(stage, group, (*group_path, index), item, problems)
        elif isinstance(value, dict) and not isinstance(value, TaggedMap):
            # The newer framework's form: `GMPruningModifier: {arguments}`.
            for name, args in value.items():
                item_path = (*group_path, name)
                if isinstance(args, dict):
                    yield Modifier(str(name), args, item_path, group, stage)
                elif args is None:
                    yield Modifier(str(name), {}, item_path, group, stage)
                else:
                    problems.append(
                        StructureProblem(
                            f"{group}.{name} should map to the modifier's arguments,"
                            f" not {_describe(args)}",
                            item_path,
                        )
                    )
        elif value is None:
            problems.append(
                StructureProblem(f"modifier group {group!r} is empty", group_path, at_key=True)
            )
        else:
            problems.append(
                StructureProblem(
                    f"modifier group {group!r} should be a list of modifiers,"
                    f" not {_describe(value)}",
                    group_path,
                    hint=f"write it as `{group}:` followed by `- !SomeModifier` items",
                    at_key=True,
                )
            )


def _list_item(
    stage: Stage, group: str, path: KeyPath, item: Any, problems: list[StructureProblem]
) -> Iterator[Modifier]:
    if isinstance(item, TaggedMap):
        yield Modifier(item.tag.lstrip("!"), item, path, group, stage)
        return
    if (
        isinstance(item, dict)
        and len(item) == 1
        and isinstance(next(iter(item)), str)
        and next(iter(item)).endswith("Modifier")
        and isinstance(next(iter(item.values())), (dict, type(None)))
    ):
        name, args = next(iter(item.items()))
        yield Modifier(name, args or {}, (*path, name), group, stage)
        return
    hint = "write each modifier as `- !ModifierName` followed by its arguments"
    if isinstance(item, str) and item.strip().endswith("Modifier"):
        hint = f"a modifier is a tag: write `- !{item.strip()}` followed by its arguments"
    problems.append(
        StructureProblem(
            f"item {path[-1]} of {group!r} is not a modifier: it is {_describe(item)}"
            " without a modifier tag",
            path,
            hint=hint,
        )
    )


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None or value == "":
        return "an empty value"
    return f"the value {value!r}"
