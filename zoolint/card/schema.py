"""The model card's frontmatter as a pydantic model, and the JSON Schema made from it.

Fields are those of the last schema the zoo's maintainers wrote (SPEC section 3), plus
`version`, which the maintainers' own cards carry. Older spellings are accepted (the
deprecation is a separate warning, CARD004): `sub_domain` for `task`, `dataset` for
`source_dataset`, `optimizations` as one string (`pruned95-none`).

Types are strict so that pydantic and the generated JSON Schema (`schemas/
model-card.schema.json`) accept exactly the same documents: `card_version: 1.0` (a
number) is wrong for both, `sub_architecture: 50` (an integer) is right for both.
Fields not listed here are allowed (a zoo may add its own); CARD006 notes them.
"""

from __future__ import annotations

from typing import Annotated, Any, get_args

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    GetPydanticSchema,
    ModelWrapValidatorHandler,
    StringConstraints,
    ValidationError,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError
from pydantic_core.core_schema import ErrorType

Text = Annotated[str, StringConstraints(min_length=1)]
# A key a card may leave out (the attribute is then None) that, when written, must be
# non-empty text: `null` is as wrong as a number. Validation and the JSON Schema are
# exactly those of `Text`; only the Python type admits the absent case.
OmittableText = Annotated[str | None, GetPydanticSchema(lambda _type, handler: handler(Text))]
SEMVER = r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$"

PATTERN_HINTS = {"card_version": "a semantic version (MAJOR.MINOR.PATCH, such as 1.0.0)"}

# older spelling -> current field
DEPRECATED_FIELDS = {"sub_domain": "task", "dataset": "source_dataset"}

CommandMap = dict[str, str]


class Commands(BaseModel):
    """Example commands shown with the model, by purpose, then by name."""

    model_config = ConfigDict(strict=True, extra="forbid", title="Commands")

    deploy: CommandMap | None = Field(None, description="Commands that deploy the model.")
    train: CommandMap | None = Field(None, description="Commands that (re)create the model.")
    benchmark: CommandMap | None = Field(None, description="Commands that benchmark the model.")


def _one_of(schema: dict[str, Any]) -> None:
    """The JSON Schema side of `_current_or_older`: one of each pair is required."""
    schema["allOf"] = [
        {"anyOf": [{"required": [new]}, {"required": [old]}]}
        for old, new in DEPRECATED_FIELDS.items()
    ]
    for field in schema.get("properties", {}).values():
        if field.get("default", ...) is None:
            del field["default"]
        field.pop("title", None)


class ModelCard(BaseModel):
    """The YAML frontmatter of a model card, `model.md`."""

    model_config = ConfigDict(
        strict=True,
        extra="allow",
        title="zoolint model card frontmatter",
        json_schema_extra=_one_of,
    )

    card_version: Annotated[str, StringConstraints(pattern=SEMVER)] = Field(
        description="Version of the card format, semver.", examples=["1.0.0"]
    )
    base: Text = Field(
        description="Stub of the model this one was derived from.",
        examples=["zoo:cv/classification/resnet_v1-50/pytorch/sparseml/imagenet/base-none"],
    )
    parent: str | None = Field(None, description="Stub of the immediate parent model.")
    domain: Text = Field(description="Kind of problem.", examples=["cv", "nlp"])
    task: OmittableText = Field(None, description="The task (older cards: sub_domain).")
    sub_domain: OmittableText = Field(None, description="Deprecated spelling of task.", deprecated=True)
    architecture: Text = Field(description="Network family.", examples=["resnet_v1"])
    sub_architecture: str | int | float | None = Field(
        None, description="Scale of the architecture.", examples=[50, "101_2x"]
    )
    framework: Text | None = Field(None, description="Training framework.")
    repo: Text | None = Field(None, description="Where the baseline came from.")
    source_dataset: OmittableText = Field(None, description="Dataset (older cards: dataset).")
    dataset: OmittableText = Field(
        None, description="Deprecated spelling of source_dataset.", deprecated=True
    )
    train_dataset: Text | None = Field(None, description="Defaults to source_dataset.")
    optimizations: list[str] | str = Field(
        description="What was done to the model (older cards: one string such as"
        " pruned95-none).",
        examples=[["GMP 95%", "QAT Int8"]],
    )
    display_name: Text = Field(
        description="Name shown to users.", examples=["95% Pruned ResNet-50"]
    )
    tags: list[str] = Field(description="Search tags.")
    commands: Commands | None = Field(None, description="Example commands.")
    version: str | None = Field(None, description="Free-form model version.")

    @model_validator(mode="wrap")
    @classmethod
    def _current_or_older(
        cls, data: Any, handler: ModelWrapValidatorHandler[ModelCard]
    ) -> ModelCard:
        """`task` or `sub_domain`, `source_dataset` or `dataset`: reported together
        with every other error, as JSON Schema does."""
        missing: list[InitErrorDetails] = []
        if isinstance(data, dict):
            for old, new in DEPRECATED_FIELDS.items():
                if new not in data and old not in data:
                    missing.append(
                        {
                            "type": PydanticCustomError(
                                "one_of_missing",
                                "required field '{new}' is missing (older cards: '{old}')",
                                {"new": new, "old": old},
                            ),
                            "loc": (),
                            "input": data,
                        }
                    )
        try:
            card = handler(data)
        except ValidationError as exc:
            if not missing:
                raise
            errors = [_as_init_error(error) for error in exc.errors()]
            raise ValidationError.from_exception_data(exc.title, [*errors, *missing]) from None
        if missing:
            raise ValidationError.from_exception_data(cls.__name__, missing)
        return card


def _as_init_error(error: Any) -> InitErrorDetails:
    details: dict[str, Any] = {"type": error["type"], "loc": error["loc"], "input": error["input"]}
    if "ctx" in error:
        details["ctx"] = error["ctx"]
    if error["type"] not in _BUILTIN_ERROR_TYPES:
        details["type"] = PydanticCustomError(error["type"], error["msg"])
    return details  # type: ignore[return-value]


_BUILTIN_ERROR_TYPES = frozenset(get_args(ErrorType))


KNOWN_FIELDS = frozenset(ModelCard.model_fields)


def model_card_schema() -> dict[str, Any]:
    """The JSON Schema of the card's frontmatter, as published in schemas/."""
    schema = ModelCard.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://zoolint.dev/schemas/model-card.schema.json"
    return schema
