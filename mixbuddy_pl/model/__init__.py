"""The models: the scoring base (`evaluator`), the fine-tuned Qwen2-Audio (`advisor`) on its backbone (`backbone`,
`tiny`, `realwidth`, `published`), the rule-based `loudness_baseline`, and the batched-generation check (`batching`)."""
