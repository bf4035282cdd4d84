# Two commands for a new user:  `make quickstart`  and  `make test`  (then `make study` / `make variants`: small studies).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
RUN    := logs/quickstart/version_0
TINY   := --config configs/anchor.yaml --config configs/overlays/tiny.yaml \
          --trainer.logger.init_args.save_dir logs --trainer.logger.init_args.name quickstart \
          --trainer.logger.init_args.version 0

.PHONY: install install-core quickstart study variants demo test test-fast

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --upgrade pip

install: $(BIN)/activate
	$(BIN)/pip install -e ".[dev,demo]"

# What training and testing need, without the test tools and the advice page (`install` adds them).
install-core: $(BIN)/activate
	$(BIN)/pip install -e .

# Install, train the tiny Qwen2-Audio on the embedded synthetic songs (anchor variant, CPU), then test it
# as configured and under the controls (anchor silenced, both clips -10/+10 dB), next to chance.
quickstart: install-core
	rm -rf $(RUN)
	$(BIN)/python -m mixbuddy_pl fit $(TINY) --trainer.check_val_every_n_epoch 8  # 3 validations, not 24
	$(BIN)/python -m mixbuddy_pl.controls $(TINY) --ckpt_path $(RUN)/checkpoints/last.ckpt --json $(RUN)/controls.json
	@echo "Run folder (config, checkpoints, predictions): $(RUN)"
	@echo "TensorBoard: $(BIN)/tensorboard --logdir logs/quickstart"

# The shipped laptop studies: `make study` (heard vs blind on the tiny overlay) and `make variants` (anchor,
# no_anchor and differential, each checkpoint under its controls): plan, run here (Ctrl-C, then the same target
# again resumes), collect. Their runs go 2 at a time, one thread each.
STUDY_PARALLEL ?= 2
STUDY_FILE_study := tiny_controls
STUDY_FILE_variants := tiny_variants
study variants: install
	$(BIN)/python -m mixbuddy_pl.ablation plan ablations/$(STUDY_FILE_$@).yaml
	OMP_NUM_THREADS=1 $(BIN)/python -m mixbuddy_pl.ablation run logs/$(STUDY_FILE_$@) --parallel $(STUDY_PARALLEL)
	$(BIN)/python -m mixbuddy_pl.ablation collect logs/$(STUDY_FILE_$@)
	@echo "Table: logs/$(STUDY_FILE_$@)/results.md   Plot: logs/$(STUDY_FILE_$@)/results.png"
	@echo "TensorBoard: $(BIN)/tensorboard --logdir logs/$(STUDY_FILE_$@)   (tab Custom Scalars)"

# The advice page on the quickstart's checkpoint, at http://127.0.0.1:7860 (run `make quickstart` first).
demo: install
	@test -f $(RUN)/checkpoints/last.ckpt || { echo "no $(RUN)/checkpoints/last.ckpt: run make quickstart first"; exit 2; }
	$(BIN)/python -m mixbuddy_pl.demo --ckpt_path $(RUN)/checkpoints/last.ckpt

# Install, then the whole suite (unit + slow integration, SLURM included when its daemons are installed).
test: install
	$(BIN)/python -m pytest -q --durations=15

# Install, then the unit tier only (no training runs, no subprocess CLI runs, under 2 minutes on 2 cores).
test-fast: install
	$(BIN)/python -m pytest -q tests/unit
