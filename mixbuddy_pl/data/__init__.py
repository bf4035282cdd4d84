"""The data pipeline, in order: songs (`songs`, `synth`, `session`) -> decoded stem cache (`cache`) -> windows
(`chunks`) -> gain flaws (`flaws`) -> task variants (`tasks`) -> examples (`dataset`) -> token batches (`collate`)
-> the LightningDataModule (`datamodule`), with log-mel features (`features`) on the training device."""
