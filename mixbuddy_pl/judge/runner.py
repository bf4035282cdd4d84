"""Asking judges: retries with feedback, failure records, the on-disk cache, and the two modes (scores, pairwise).

A result is `{"ok": true, <validated fields>, "attempts", "outputs"}` or `{"ok": false, "reason", "detail",
"attempts", "outputs"}` with reason `invalid` (still no valid JSON after every attempt), `refusal`, `timeout` or
`error`. A failure is recorded as such, never replaced by a score. Valid results, invalid ones and refusals are
cached by (judge, prompt hash); timeouts and errors are not, so the next run asks again.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from mixbuddy_pl.judge.backends import BackendError, BackendTimeout, Reply
from mixbuddy_pl.judge.report import combine
from mixbuddy_pl.judge.rubric import (
    InvalidOutput, looks_like_refusal, pairwise_messages, parse_preference, parse_scores, retry_message,
    score_messages,
)
from mixbuddy_pl.scoring.records import example_key

CACHED_FAILURES = ("invalid", "refusal")  # the judge's own answers; timeouts and errors are asked again


class Backend(Protocol):
    """What a judge backend offers: an id, its settings and one chat completion."""

    id: str
    settings: dict

    def complete(self, messages: list[dict]) -> Reply:
        """The reply to a list of chat messages."""


@dataclass
class Judge:
    """A named judge: its backend and how many attempts an invalid reply gets."""

    name: str
    backend: Backend
    attempts: int = 3


class Cache:
    """Results by (judge id, prompt hash), appended to `<folder>/judge-cache.jsonl` and read back at start."""

    def __init__(self, folder: Path) -> None:
        self.path = Path(folder) / "judge-cache.jsonl"
        self._lock = threading.Lock()
        self._results: dict[tuple[str, str], dict] = {}
        for line in self.path.read_text().splitlines() if self.path.is_file() else []:
            try:
                entry = json.loads(line)
            except json.JSONDecodeError:  # a line cut short by a killed run
                continue
            self._results[entry["judge"], entry["prompt"]] = entry["result"]

    def get(self, judge: str, prompt: str) -> dict | None:
        """The cached result of this judge on this prompt, if any."""
        return self._results.get((judge, prompt))

    def put(self, judge: str, prompt: str, result: dict) -> None:
        """Remember a result and append it to the cache file."""
        with self._lock:
            self._results[judge, prompt] = result
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a") as f:
                f.write(json.dumps({"judge": judge, "prompt": prompt, "result": result}) + "\n")


def prompt_hash(judge: Judge, messages: list[dict]) -> str:
    """Hash of everything that determines the judge's answer except the judge itself."""
    text = json.dumps({"messages": messages, "settings": judge.backend.settings, "attempts": judge.attempts},
                      sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


def _failure(reason: str, detail: str, attempts: int, outputs: list[str]) -> dict:
    return {"ok": False, "reason": reason, "detail": detail, "attempts": attempts, "outputs": outputs}


def _ask(judge: Judge, messages: list[dict], validate: Callable[[str], dict]) -> dict:
    """Ask until the reply validates; an invalid reply is shown to the judge with what is wrong, and asked again."""
    conversation, outputs, error = list(messages), [], ""
    for attempt in range(1, judge.attempts + 1):
        try:
            reply = judge.backend.complete(conversation)
        except BackendTimeout as exc:
            return _failure("timeout", str(exc), attempt, outputs)
        except BackendError as exc:
            return _failure("error", str(exc), attempt, outputs)
        if reply.refusal:
            return _failure("refusal", reply.refusal, attempt, outputs)
        outputs.append(reply.text)
        try:
            return {"ok": True, **validate(reply.text), "attempts": attempt, "outputs": outputs}
        except InvalidOutput as exc:
            if looks_like_refusal(reply.text):
                return _failure("refusal", reply.text.strip()[:300], attempt, outputs)
            error = str(exc)
        conversation += [{"role": "assistant", "content": reply.text}, retry_message(error)]
    return _failure("invalid", error, judge.attempts, outputs)


def ask(judge: Judge, messages: list[dict], validate: Callable[[str], dict], cache: Cache) -> dict:
    """A cached result, or a fresh one (cached unless it is a timeout or an error); `cached` says which."""
    key = prompt_hash(judge, messages)
    hit = cache.get(judge.backend.id, key)
    if hit is not None:
        return {**hit, "cached": True}
    result = _ask(judge, messages, validate)
    if result["ok"] or result["reason"] in CACHED_FAILURES:
        cache.put(judge.backend.id, key, result)
    return {**result, "cached": False}


def _example(row: dict) -> dict:
    return {"song": row["song"], "start_s": row["start_s"], "targets": row["targets"]}


def _map(function: Callable, items: list, workers: int) -> list:
    with ThreadPoolExecutor(max(1, workers)) as pool:
        return list(pool.map(function, items))


def score(rows: list[dict], judges: list[Judge], cache: Cache, reference: bool = True, workers: int = 4) -> list[dict]:
    """One record per (judge, row): the five scores with rationales, or the failure."""
    def one(item: tuple[Judge, int, dict]) -> dict:
        judge, index, row = item
        result = ask(judge, score_messages(row, reference), parse_scores, cache)
        return {"judge": judge.name, "index": index, **_example(row), **result}

    return _map(one, [(judge, i, row) for judge in judges for i, row in enumerate(rows)], workers)


def match(rows_a: list[dict], rows_b: list[dict]) -> list[tuple[dict, dict]]:
    """Rows of both systems on the same example: its content key and its occurrence number."""
    def keyed(rows: list[dict]) -> dict[tuple, dict]:
        seen: dict[tuple, int] = {}
        out = {}
        for row in rows:
            key = example_key(row)
            seen[key] = seen.get(key, 0) + 1
            out[(*key, seen[key])] = row
        return out

    in_b = keyed(rows_b)
    return [(row, in_b[key]) for key, row in keyed(rows_a).items() if key in in_b]


def compare(pairs: list[tuple[dict, dict]], judges: list[Judge], cache: Cache, reference: bool = True,
            workers: int = 4) -> list[dict]:
    """One record per (judge, pair): the verdict with A shown first, with B shown first, and the combination."""
    def one(item: tuple[Judge, int, tuple[dict, dict]]) -> dict:
        judge, index, (a, b) = item
        a_first = ask(judge, pairwise_messages(a, a["generated"], b["generated"], reference), parse_preference, cache)
        b_first = ask(judge, pairwise_messages(a, b["generated"], a["generated"], reference), parse_preference, cache)
        result, consistent = (combine(a_first["winner"], b_first["winner"]) if a_first["ok"] and b_first["ok"]
                              else (None, None))
        return {"judge": judge.name, "index": index, **_example(a), "a_first": a_first, "b_first": b_first,
                "result": result, "consistent": consistent}

    return _map(one, [(judge, i, pair) for judge in judges for i, pair in enumerate(pairs)], workers)
