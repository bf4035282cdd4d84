# Two commands for a new user:  `make quickstart`  and  `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
RUN    := logs/quickstart/version_0
TINY   := --config configs/anchor.yaml --config configs/local/tiny.yaml \
          --trainer.logger.init_args.save_dir logs --trainer.logger.init_args.name quickstart \
          --trainer.logger.init_args.version 0

.PHONY: install quickstart test test-fast

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --upgrade pip

install: $(BIN)/activate
	$(BIN)/pip install -e ".[dev]"

# Install, train the tiny Qwen2-Audio on the embedded synthetic songs (anchor variant, CPU), then test it
# as configured and under the controls (anchor silenced, both clips -10/+10 dB), next to chance.
quickstart: install
	rm -rf $(RUN)
	$(BIN)/python -m mixbuddy_pl fit $(TINY) --trainer.check_val_every_n_epoch 5  # 3 validations, not 15
	$(BIN)/python -m mixbuddy_pl.controls $(TINY) --ckpt_path $(RUN)/checkpoints/last.ckpt --json $(RUN)/controls.json
	@echo "Run folder (config, checkpoints, predictions): $(RUN)"
	@echo "TensorBoard: $(BIN)/tensorboard --logdir logs/quickstart"

# Install, then the whole suite (unit + slow integration, SLURM included when its daemons are installed).
test: install
	$(BIN)/python -m pytest -q --durations=15

test-fast: install
	$(BIN)/python -m pytest -q -m "not slow"
