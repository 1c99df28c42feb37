"""The modifier names SparseML (and its successors) register, for RCP003.

Collected from the `@PyTorchModifierYAML()` / `ModifierYAML` classes of SparseML's
PyTorch, Keras and TensorFlow integrations, its `sparseml.modifiers` framework (staged
recipes for LLMs), llm-compressor, and the real recipes published with SparseML.
A zoo declares more in `[tool.zoolint.recipes] extra-modifiers`.
"""

from __future__ import annotations

KNOWN_MODIFIERS: frozenset[str] = frozenset(
    {
        # training schedule
        "EpochRangeModifier",
        "SetLearningRateModifier",
        "LearningRateModifier",
        "LearningRateFunctionModifier",
        "SetWeightDecayModifier",
        "TrainableParamsModifier",
        "SetParamModifier",
        "GradualParamModifier",
        "SparsificationLoggingModifier",
        # pruning
        "GMPruningModifier",
        "MagnitudePruningModifier",
        "GlobalMagnitudePruningModifier",
        "ConstantPruningModifier",
        "LayerPruningModifier",
        "StructuredPruningModifier",
        "LayerThinningModifier",
        "ACDCPruningModifier",
        "MFACPruningModifier",
        "MFACGlobalPruningModifier",
        "MovementPruningModifier",
        "OBSPruningModifier",
        "SPDY_OBS_PruningModifier",
        "RigLPruningModifier",
        "TopKASTPruningModifier",
        "PowerpropagationModifier",
        "WandaPruningModifier",
        "SparseGPTModifier",
        "SparseOPTModifier",
        "SparseLlamaModifier",
        "SparseMPTModifier",
        # quantization
        "QuantizationModifier",
        "LegacyQuantizationModifier",
        "GPTQModifier",
        "SmoothQuantModifier",
        "LogarithmicEqualizationModifier",
        "AWQModifier",
        # distillation
        "DistillationModifier",
        "PerLayerDistillationModifier",
        "OutputDistillationModifier",
        "RankMimickingModifier",
    }
)
