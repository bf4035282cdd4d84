"""Training plumbing around the Trainer: safe checkpoint writes (`checkpoint_io`), callbacks (`callbacks`) and the
configuration checks that run before any weights load (`checks`)."""
