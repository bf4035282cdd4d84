"""LLM-as-a-judge against a scripted chat-completions server on loopback and the tiny local model; agreement
statistics against published values; the judge means in `ablation collect`."""

from __future__ import annotations

import csv
import json
import math
import re
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import numpy as np
import pytest

from mixbuddy_pl.judge import __main__ as judge
from mixbuddy_pl.judge.report import combine
from mixbuddy_pl.judge.rubric import CRITERIA, InvalidOutput, parse_preference, parse_scores
from mixbuddy_pl.scoring.stats import bootstrap_mean, krippendorff_alpha, pearson, rankdata, spearman

CLIENT_TIMEOUT_S = 0.3


# --- a scripted OpenAI-compatible judge ----------------------------------------------------------------------
def _scores(value: int) -> str:
    return json.dumps({c: {"score": value, "rationale": f"{c} is worth {value}."} for c in CRITERIA})


def _answer(model: str, messages: list[dict]) -> dict | None:
    """The assistant message for a request, scripted by the model name and the `@tag` in the answer under test;
    None: hang past the client's timeout."""
    question = messages[1]["content"]
    if "Two assistants answered" in question:
        if model == "biased":
            return {"content": '{"winner": "first", "rationale": "The first one reads better."}'}
        first, second = re.findall(r"<<<\n(.*?)\n>>>", question, re.DOTALL)
        winner = "first" if "GOOD" in first else "second" if "GOOD" in second else "tie"
        return {"content": json.dumps({"winner": winner, "rationale": "It names the stem, direction and amount."})}
    tag, value = re.search(r"@([a-z-]+)(\d?)", question).groups()
    if tag == "valid":
        return {"content": _scores(int(value) - (model == "strict"))}
    if tag == "malformed":  # broken JSON first, valid once told what was wrong
        return {"content": "Sure! {effectiveness: 5," if len(messages) == 2 else "```json\n" + _scores(4) + "\n```"}
    if tag == "out-of-range":
        return {"content": _scores(8)}
    if tag == "refuse-text":
        return {"content": "I'm sorry, but I can't help with rating this."}
    if tag == "refuse-field":
        return {"content": None, "refusal": "I can't assist with that request."}
    return None


class ChatHandler(BaseHTTPRequestHandler):
    def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.requests.append({"path": self.path, "auth": self.headers.get("Authorization"), **body})
        message = _answer(body["model"], body["messages"])
        if message is None:
            time.sleep(3 * CLIENT_TIMEOUT_S)
            return
        payload = json.dumps({"id": "x", "object": "chat.completion", "model": body["model"], "choices": [
            {"index": 0, "message": {"role": "assistant", **message}, "finish_reason": "stop"}]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args: object) -> None:
        pass


class ChatServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), ChatHandler)
        self.requests: list[dict] = []

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # the client hung up on a reply that came too late

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/v1"


@pytest.fixture
def server() -> Iterator[ChatServer]:
    httpd = ChatServer()
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def _row(generated: str, start_s: float = 0.0) -> dict:
    target = {"stem": "vocals", "category": "quiet", "applied_gain_db": -4.7, "direction": "increase",
              "magnitude": "moderate", "suggested_gain_db": 4.5}
    return {"variant": "anchor", "song": "song-1", "start_s": start_s, "duration_s": 10.0, "anchor": "drums",
            "targets": [target], "prompt": "Using the drums as the reference, is the vocal level right?",
            "response": "The vocals are too quiet against the drums: raise them about 4.5 dB.",
            "generated": generated, "parsed": None}


def _predictions(folder: Path, generated: list[str], stage: str = "test-epoch0") -> Path:
    path = folder / "predictions" / f"{stage}.jsonl"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(_row(g, float(i))) + "\n" for i, g in enumerate(generated)))
    return path


def _records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines()]


@pytest.fixture
def judge_env(tmp_path: Path, server: ChatServer, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The common options of a run against the loopback server; the cache lives in tmp."""
    monkeypatch.setenv("MIXBUDDY_JUDGE_BASE_URL", server.url)
    monkeypatch.setenv("MIXBUDDY_JUDGE_API_KEY", "secret")
    return ["--cache-dir", str(tmp_path / "cache"), "--timeout", str(CLIENT_TIMEOUT_S), "--bootstrap", "500"]


# --- scoring ---------------------------------------------------------------------------------------------------
def test_scores_retries_refusals_summary_and_cache(tmp_path: Path, server: ChatServer, judge_env: list[str]) -> None:
    answers = ["Raise the vocals 4.5 dB. @valid5", "Vocals up. @valid6", "Vocals up 4 dB. @valid7",
               "Hmm. @malformed", "@refuse-text", "@refuse-field", "@out-of-range"]
    path = _predictions(tmp_path / "run", answers)
    judge.main(["score", str(path), "--model", "gpt-judge", "--attempts", "2", *judge_env])
    records = _records(tmp_path / "run" / "judge" / "test-epoch0.scores.jsonl")
    assert [r["ok"] for r in records] == [True] * 4 + [False] * 3
    assert records[0]["scores"] == dict.fromkeys(CRITERIA, 5) and records[0]["attempts"] == 1
    assert records[0]["rationales"]["musicality"] == "musicality is worth 5."
    assert records[3]["scores"] == dict.fromkeys(CRITERIA, 4) and records[3]["attempts"] == 2  # valid on retry
    assert [(r["reason"], r["attempts"]) for r in records[4:]] == [("refusal", 1), ("refusal", 1), ("invalid", 2)]
    assert records[5]["detail"] == "I can't assist with that request."
    assert "from 1 to 7, got 8" in records[6]["detail"] and len(records[6]["outputs"]) == 2
    assert not any("scores" in r for r in records[4:])  # a failure never carries a score

    retry = [r for r in server.requests if len(r["messages"]) == 4]
    assert len(retry) == 2 and retry[0]["messages"][3]["content"].startswith("That reply was invalid")
    first = server.requests[0]
    assert first["path"] == "/v1/chat/completions" and first["auth"] == "Bearer secret"
    assert first["model"] == "gpt-judge" and first["temperature"] == 0.0
    assert "raise them about 4.5 dB" in first["messages"][1]["content"]  # the reference answer is shown

    summary = json.loads((tmp_path / "run" / "judge" / "test-epoch0.summary.json").read_text())
    stats = summary["judges"]["gpt-judge"]
    assert summary["examples"] == 7 and (stats["scored"], stats["failed"]) == (4, 3)
    assert stats["failures"] == {"refusal": 2, "invalid": 1} and stats["judge"] == "openai:gpt-judge"
    overall = stats["criteria"]["overall"]
    assert overall["mean"] == pytest.approx(5.5) and (overall["n"], overall["n_clusters"]) == (4, 1)
    assert overall["low"] is None and overall["high"] is None  # one song: no song-level CI

    asked = len(server.requests)
    assert asked == 3 + 2 + 1 + 1 + 2  # three valid, malformed twice, two refusals, out-of-range twice
    judge.main(["score", str(path), "--model", "gpt-judge", "--attempts", "2", *judge_env])
    assert len(server.requests) == asked  # the rerun costs nothing
    again = _records(tmp_path / "run" / "judge" / "test-epoch0.scores.jsonl")
    assert all(r["cached"] for r in again) and [r.get("scores") for r in again] == [r.get("scores") for r in records]


def test_timeouts_and_connection_errors_are_failures_asked_again(tmp_path: Path, server: ChatServer,
                                                                 judge_env: list[str]) -> None:
    path = _predictions(tmp_path / "run", ["@hang", "Vocals up. @valid6"])
    judge.main(["score", str(path), "--model", "m", *judge_env])
    records = _records(tmp_path / "run" / "judge" / "test-epoch0.scores.jsonl")
    assert records[0]["ok"] is False and records[0]["reason"] == "timeout" and records[0]["attempts"] == 1
    assert records[1]["ok"] is True and len(server.requests) == 2
    judge.main(["score", str(path), "--model", "m", *judge_env])
    assert len(server.requests) == 3  # only the timed-out example is asked again
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{s.getsockname()[1]}/v1"
    judge.main(["score", str(path), "--model", "other", "--base-url", closed, *judge_env])
    failed = _records(tmp_path / "run" / "judge" / "test-epoch0.scores.jsonl")
    assert [r["reason"] for r in failed] == ["error", "error"] and "cannot reach" in failed[0]["detail"]


def test_several_judges_and_their_agreement(tmp_path: Path, server: ChatServer, judge_env: list[str]) -> None:
    panel = tmp_path / "judges.yaml"
    panel.write_text("- {name: lenient, backend: openai, model: lenient}\n"
                     "- {name: strict, backend: openai, model: strict}\n")
    path = _predictions(tmp_path / "run", ["@valid5", "@valid7", "@valid6", "@refuse-text"])
    judge.main(["score", str(path), "--judges", str(panel), *judge_env])
    summary = json.loads((tmp_path / "run" / "judge" / "test-epoch0.summary.json").read_text())
    assert summary["judges"]["lenient"]["criteria"]["effectiveness"]["mean"] == pytest.approx(6.0)
    assert summary["judges"]["strict"]["criteria"]["effectiveness"]["mean"] == pytest.approx(5.0)
    agreement = summary["agreement"]["effectiveness"]
    assert agreement["spearman"] == {"lenient vs strict": pytest.approx(1.0)}  # same order, one point apart
    expected = krippendorff_alpha([[5, 7, 6, np.nan], [4, 6, 5, np.nan]], "ordinal")
    assert agreement["krippendorff_alpha"] == pytest.approx(expected) and 0 < expected < 1


# --- pairwise --------------------------------------------------------------------------------------------------
def test_pairwise_both_orders_expose_a_position_biased_judge(tmp_path: Path, server: ChatServer,
                                                              judge_env: list[str]) -> None:
    a = _predictions(tmp_path / "a", ["GOOD: raise the vocals 4.5 dB.", "Leave it.", "GOOD: vocals up.", "x"])
    b = _predictions(tmp_path / "b", ["Lower the bass.", "GOOD: raise the vocals.", "Vocals up too."])
    out = tmp_path / "a-vs-b"
    judge.main(["compare", str(a), str(b), "--out", str(out), "--judge", "biased=openai:biased",
                "--judge", "fair=openai:fair", *judge_env])
    summary = json.loads((out / "pairwise.summary.json").read_text())
    assert summary["pairs"] == 3 and summary["unmatched"] == {"a": 1, "b": 0}
    biased, fair = summary["judges"]["biased"], summary["judges"]["fair"]
    assert (biased["a_wins"], biased["ties"], biased["b_wins"]) == (0, 3, 0)  # the swap cancels the bias
    assert biased["position_consistency"] == 0.0 and biased["first_position_rate"] == 1.0
    assert (fair["a_wins"], fair["ties"], fair["b_wins"]) == (2, 0, 1) and fair["position_consistency"] == 1.0
    assert fair["a_win_rate"] == pytest.approx(2 / 3) and fair["first_position_rate"] == pytest.approx(0.5)
    records = _records(out / "pairwise.jsonl")
    assert {(r["judge"], r["a_first"]["winner"], r["b_first"]["winner"], r["result"]) for r in records
            if r["index"] == 0} == {("biased", "first", "first", "tie"), ("fair", "first", "second", "a")}
    assert len(server.requests) == 2 * 2 * 3  # two judges, both orders, three pairs
    assert summary["agreement"]["krippendorff_alpha"] is not None


def test_combine_needs_both_orders_for_a_win() -> None:
    assert combine("first", "second") == ("a", True)
    assert combine("second", "first") == ("b", True)
    assert combine("tie", "tie") == ("tie", True)
    assert combine("first", "first") == ("tie", False)  # always the first shown: position bias
    assert combine("first", "tie") == ("tie", False)


# --- the tiny local model --------------------------------------------------------------------------------------
def test_tiny_local_model_garbage_is_a_recorded_failure(tmp_path: Path) -> None:
    path = _predictions(tmp_path / "run", ["Raise the vocals about 4.5 dB."])
    args = ["score", str(path), "--backend", "transformers", "--model", "tiny", "--max-tokens", "24",
            "--attempts", "2", "--cache-dir", str(tmp_path / "cache")]
    judge.main(args)
    (record,) = _records(tmp_path / "run" / "judge" / "test-epoch0.scores.jsonl")
    assert record["ok"] is False and record["reason"] == "invalid" and record["attempts"] == 2
    assert len(record["outputs"]) == 2 and "scores" not in record
    summary = json.loads((tmp_path / "run" / "judge" / "test-epoch0.summary.json").read_text())
    stats = summary["judges"]["tiny"]
    assert stats["scored"] == 0 and stats["failures"] == {"invalid": 1} and stats["judge"] == "transformers:tiny"
    assert stats["criteria"]["overall"] == {"mean": None, "low": None, "high": None, "n": 0, "n_clusters": 0}
    judge.main(args)
    assert _records(tmp_path / "run" / "judge" / "test-epoch0.scores.jsonl")[0]["cached"] is True


# --- strict validation -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("reply, error", [
    ("", "empty"),
    ("Scores: " + _scores(5), "not a JSON object"),
    ("[1, 2]", "not an object"),
    (json.dumps({c: {"score": 5, "rationale": "ok"} for c in list(CRITERIA)[:4]}), "missing ['helpfulness']"),
    (_scores(5)[:-1] + ', "extra": 1}', "unexpected ['extra']"),
    (_scores(5).replace('"score": 5', '"score": 5.0', 1), "integer from 1 to 7"),
    (_scores(5).replace('"score": 5', '"score": true', 1), "integer from 1 to 7"),
    (_scores(5).replace('"score": 5', '"score": "5"', 1), "integer from 1 to 7"),
    (_scores(5).replace('"score": 5', '"score": 0', 1), "integer from 1 to 7"),
    (_scores(5).replace('"rationale": "effectiveness is worth 5."', '"rationale": " "', 1), "non-empty"),
    (_scores(5).replace('is worth 5.', 'x' * 500, 1), "one sentence"),
    (_scores(5).replace('"score": 5, ', '', 1), "exactly the keys"),
])
def test_score_replies_are_validated_strictly(reply: str, error: str) -> None:
    with pytest.raises(InvalidOutput, match=re.escape(error)):
        parse_scores(reply)


def test_valid_replies_parse() -> None:
    parsed = parse_scores("```json\n" + _scores(3) + "\n```")
    assert parsed["scores"] == dict.fromkeys(CRITERIA, 3)
    assert parse_preference('{"winner": "tie", "rationale": "Both fine."}') == {"winner": "tie",
                                                                               "rationale": "Both fine."}
    for bad in ('{"winner": 1, "rationale": "x"}', '{"winner": ["first"], "rationale": "x"}',
                '{"winner": "A", "rationale": "x"}'):
        with pytest.raises(InvalidOutput, match="winner must be one of"):
            parse_preference(bad)


def test_cli_errors_name_the_fix(tmp_path: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch,
                                 judge_env: list[str]) -> None:
    monkeypatch.delenv("MIXBUDDY_JUDGE_MODEL", raising=False)
    path = _predictions(tmp_path / "run", ["@valid5"])
    (tmp_path / "predict.jsonl").write_text(json.dumps({"song": "s", "start_s": 0.0, "generated": "x"}) + "\n")
    for argv, message in ((["score", str(path), *judge_env], "--model"),
                          (["score", str(path), "--judge", "x=openai", *judge_env], "NAME=BACKEND:MODEL"),
                          (["score", str(tmp_path / "predict.jsonl"), "--model", "m", *judge_env], "targets"),
                          (["compare", str(path), str(path), "--model", "m", *judge_env], "--out"),
                          (["score", str(path), "--judge", "a=vllm:m", *judge_env], "openai or transformers"),
                          (["score", str(path), "--model", "m", "--attempts", "0", *judge_env], "--attempts")):
        with pytest.raises(SystemExit):
            judge.main(argv)
        assert message in capsys.readouterr().err


# --- ablation collect -------------------------------------------------------------------------------------------------
def test_collect_adds_judge_means(tmp_path: Path, server: ChatServer, judge_env: list[str],
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from torch.utils.tensorboard import SummaryWriter

    from mixbuddy_pl.ablation import __main__ as ablate

    monkeypatch.chdir(tmp_path)
    Path("base.yaml").write_text("{}\n")
    Path("toy.yaml").write_text("name: toy\nconfigs: [base.yaml]\ngrid: {data.anchor: [drums, bass]}\nseeds: [0]\n")
    ablate.plan("toy.yaml")
    for name, tag in (("anchor-drums_seed0", "@valid6"), ("anchor-bass_seed0", "@valid3")):
        folder = Path("logs/toy") / name / "version_0"
        path = _predictions(folder, [f"Raise the vocals. {tag}"] * 4)
        with SummaryWriter(str(folder)) as writer:
            writer.add_scalar("test/direction_acc", 0.5, 0)
        if name.startswith("anchor-drums"):
            judge.main(["score", str(path), "--model", "gpt-judge", *judge_env])
    ablate.main(["collect", "logs/toy", "--bootstrap", "50"])
    with open("logs/toy/results.csv") as f:
        rows = {(r["level"], r["name"]): r for r in csv.DictReader(f)}
    assert float(rows["arm", "anchor-drums"]["judge/gpt-judge/overall"]) == pytest.approx(6.0)
    assert float(rows["run", "anchor-drums_seed0"]["judge/gpt-judge/helpfulness"]) == pytest.approx(6.0)
    assert math.isnan(float(rows["arm", "anchor-bass"]["judge/gpt-judge/overall"]))  # not judged
    assert "judge/gpt-judge/overall" in Path("logs/toy/results.md").read_text()


# --- agreement statistics --------------------------------------------------------------------------------------
KRIPPENDORFF_2011 = [  # "Computing Krippendorff's Alpha-Reliability": 4 observers x 12 units, missing values
    [1, 2, 3, 3, 2, 1, 4, 1, 2, np.nan, np.nan, np.nan],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, np.nan, 3],
    [np.nan, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, np.nan],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, np.nan],
]


@pytest.mark.parametrize("level, expected", [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849),
                                             ("ratio", 0.797)])
def test_krippendorff_alpha_matches_published_values(level: str, expected: float) -> None:
    assert krippendorff_alpha(KRIPPENDORFF_2011, level) == pytest.approx(expected, abs=5e-4)


def test_krippendorff_alpha_second_reference_and_edge_cases() -> None:
    nan = np.nan
    data = [[nan, nan, nan, nan, nan, 3, 4, 1, 2, 1, 1, 3, 3, nan, 3],  # the `krippendorff` package's README
            [1, nan, 2, 1, 3, 3, 4, 3, nan, nan, nan, nan, nan, nan, nan],
            [nan, nan, 2, 1, 3, 4, 4, nan, 2, 1, 1, 3, 3, nan, 4]]
    assert krippendorff_alpha(data, "nominal") == pytest.approx(0.691, abs=5e-4)
    assert krippendorff_alpha(data, "interval") == pytest.approx(0.811, abs=5e-4)
    assert krippendorff_alpha([[1, 2, 3], [1, 2, 3]], "nominal") == 1.0
    assert math.isnan(krippendorff_alpha([[4, 4], [4, 4]]))  # no variation: undefined
    assert math.isnan(krippendorff_alpha([[1, nan], [nan, 2]]))  # nothing pairable
    with pytest.raises(ValueError, match="level"):
        krippendorff_alpha([[1, 2], [1, 2]], "circular")


def test_ranks_and_correlations() -> None:
    assert rankdata([3, 1, 4, 1, 5]).tolist() == [3.0, 1.5, 4.0, 1.5, 5.0]
    assert spearman([1, 2, 3, 4], [1, 3, 2, 4]) == pytest.approx(0.8)
    assert spearman([1, 2, np.nan, 4, 5], [2, 4, 0, 8, 10]) == pytest.approx(1.0)  # the NaN pair is dropped
    assert pearson([1, 2, 3, 4], [2, 4, 6, 9]) == pytest.approx(np.corrcoef([1, 2, 3, 4], [2, 4, 6, 9])[0, 1])
    assert math.isnan(pearson([1, 1, 1], [1, 2, 3])) and math.isnan(spearman([1, 2], [2, 1]))


def test_bootstrap_mean() -> None:
    assert bootstrap_mean([4] * 10) == {"mean": 4.0, "low": 4.0, "high": 4.0, "n": 10, "n_clusters": 10}
    assert bootstrap_mean([4] * 9)["low"] is None  # fewer than stats.MIN_CLUSTERS (10) clusters: no CI
    values = np.r_[np.ones(50), 7 * np.ones(50)]
    stats = bootstrap_mean(values, n_boot=2000, seed=1)
    assert stats["mean"] == 4.0 and stats["high"] - stats["low"] == pytest.approx(2 * 1.96 * 0.3, abs=0.2)
    # the same values from 10 songs (5 all-1, 5 all-7): the CI over songs is as wide as 10 draws
    songs = bootstrap_mean(values, [i // 10 for i in range(100)], n_boot=2000, seed=1)
    assert songs["n_clusters"] == 10 and songs["high"] - songs["low"] == pytest.approx(2 * 1.96 * 3 / 10 ** 0.5, abs=0.6)
