"""Recipes: SparseML sparsification recipes (`.md` with YAML frontmatter, or `.yaml`).

`files` finds a directory's recipe files by layout generation, `load` parses each one
once into a `RecipeDoc` (stages, variables, modifiers, positions), `evaluate` resolves
values and `eval(...)` expressions without running any code, and `rules` checks them.
Other families read recipes through the `recipes(model)` accessor.
"""
