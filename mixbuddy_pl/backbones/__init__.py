"""The weights a run starts from: where a backbone's files are (`hub`), the offline-built `tiny` and `realwidth`
Qwen2-Audio models and the 7B's published configuration (`published`). Below data and model: imports neither."""
