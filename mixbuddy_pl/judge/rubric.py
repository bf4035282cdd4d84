"""The rubric: criteria, the prompts that show a judge the scenario, and strict validation of its JSON reply."""

from __future__ import annotations

import json
import re

CRITERIA: dict[str, str] = {
    "effectiveness": "Would following the advice fix what was actually wrong: the right stem(s), the right "
                     "direction and a fitting amount?",
    "actionability": "Can an engineer act on it at the fader right away: which stem, which way, roughly how "
                     "many dB?",
    "conventions": "Does it adhere to mixing conventions: balance judged relative to the anchor or reference, "
                   "sensible dB steps, no contradictory or harmful moves?",
    "musicality": "Does it serve the music (vocal presence, the drum and bass foundation) and is it phrased the "
                  "way an engineer would say it?",
    "helpfulness": "Overall, how much would this answer help a producer mixing this song?",
}
SCORES = range(1, 8)
MAX_RATIONALE = 400  # characters: one sentence, not an essay
WINNERS = {"first", "second", "tie"}

VARIANTS = {
    "anchor": "The assistant heard the anchor stem ({anchor}) and the stem(s) under test, and was asked whether "
              "their level is right relative to the anchor.",
    "no_anchor": "The assistant heard the full mix with a balance flaw and was asked how the balance is.",
    "differential": "The assistant heard a flawed mix A and a reference mix B (the intended balance) and was "
                    "asked what to change in A to get B.",
}

SYSTEM = ("You are an experienced mixing engineer who evaluates an AI assistant's gain-balancing advice on music "
          "mixes. You know exactly what was wrong with each mix. Be strict and consistent. Reply with only a JSON "
          "object, no other text.")

REFUSAL = re.compile(r"^\W*(i'?m sorry|i am sorry|sorry,|i can'?t|i cannot|i am unable|i'm unable|i won'?t|"
                     r"as an ai\b)", re.IGNORECASE)


class InvalidOutput(ValueError):
    """A judge reply that does not follow the requested JSON schema; the message says what is wrong."""


def _flaw(target: dict) -> str:
    gain = target["applied_gain_db"]
    if target["category"] == "no_error":
        return f"- {target['stem']}: at its correct level (category no_error); the right advice: leave it."
    change = f"turned {'up' if gain > 0 else 'down'} by {abs(gain):.1f} dB"
    return (f"- {target['stem']}: {change} (category {target['category']}); the right advice: "
            f"{target['direction']} it, {target['magnitude']} change, about {target['suggested_gain_db']:+.1f} dB.")


def scenario(row: dict, reference: bool = True) -> str:
    """The situation a prediction row answered: variant, excerpt, ground-truth flaws, question, reference."""
    setup = VARIANTS.get(row["variant"], "The assistant heard the mix and was asked about its balance.")
    lines = [f"Task: {setup.format(anchor=row.get('anchor'))}",
             f"Excerpt: {row['song']}, {row['start_s']:.1f}-{row['start_s'] + row['duration_s']:.1f} s.",
             "What was actually wrong (hidden from the assistant):",
             *(_flaw(t) for t in row["targets"]),
             f"Question the assistant was asked: {row['prompt']}"]
    if reference:
        lines.append(f"A correct reference answer: {row['response']}")
    return "\n".join(lines)


def _schema() -> str:
    fields = ", ".join(f'"{name}": {{"score": <integer 1-7>, "rationale": "<one sentence>"}}' for name in CRITERIA)
    return "{" + fields + "}"


def score_messages(row: dict, reference: bool = True) -> list[dict]:
    """Chat messages asking for the five 1-7 scores of `row["generated"]`."""
    criteria = "\n".join(f"- {name}: {question}" for name, question in CRITERIA.items())
    user = (f"{scenario(row, reference)}\n\nThe assistant's answer:\n<<<\n{row['generated'].strip()}\n>>>\n\n"
            f"Score the answer on each criterion from 1 (very poor) through 4 (acceptable) to 7 (excellent):\n"
            f"{criteria}\n\nReply with exactly this JSON object, all five keys, integer scores, and a one-sentence "
            f"rationale each:\n{_schema()}")
    return [{"role": "system", "content": SYSTEM}, {"role": "user", "content": user}]


def pairwise_messages(row: dict, first: str, second: str, reference: bool = True) -> list[dict]:
    """Chat messages asking which of two answers to the scenario of `row` is better overall (ties allowed)."""
    user = (f"{scenario(row, reference)}\n\nTwo assistants answered.\nFirst answer:\n<<<\n{first.strip()}\n>>>\n"
            f"Second answer:\n<<<\n{second.strip()}\n>>>\n\nWhich answer is better, judged on "
            f"{', '.join(CRITERIA)}? The order of the answers is arbitrary and must not matter. Say tie when they "
            'are equally good. Reply with exactly this JSON object:\n{"winner": "first" | "second" | "tie", '
            '"rationale": "<one sentence>"}')
    return [{"role": "system", "content": SYSTEM}, {"role": "user", "content": user}]


def retry_message(error: str) -> dict:
    """The user turn appended after an invalid reply."""
    return {"role": "user", "content": f"That reply was invalid: {error}. Reply again with only the JSON object "
                                       "in the requested form."}


def looks_like_refusal(text: str) -> bool:
    """Whether a reply opens like a refusal (recorded as such, not asked again)."""
    return bool(REFUSAL.match(text))


def _json_object(text: str) -> dict:
    """The reply as one JSON object; a single surrounding ``` fence is the only text tolerated around it."""
    body = text.strip()
    fenced = re.fullmatch(r"```(?:json)?\s*(.*?)\s*```", body, re.DOTALL)
    body = fenced.group(1) if fenced else body
    if not body:
        raise InvalidOutput("the reply is empty")
    try:
        value = json.loads(body)
    except json.JSONDecodeError as error:
        raise InvalidOutput(f"not a JSON object ({error.msg} at character {error.pos})") from None
    if not isinstance(value, dict):
        raise InvalidOutput("the JSON value is not an object")
    return value


def _rationale(value: object, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidOutput(f"{where}: rationale must be a non-empty string")
    if len(value) > MAX_RATIONALE:
        raise InvalidOutput(f"{where}: rationale longer than {MAX_RATIONALE} characters; write one sentence")
    return value.strip()


def _exact_keys(value: dict, keys: set[str] | dict, where: str) -> None:
    if set(value) != set(keys):
        missing, extra = sorted(set(keys) - set(value)), sorted(set(value) - set(keys))
        raise InvalidOutput(f"{where} must have exactly the keys {sorted(keys)}"
                            + (f"; missing {missing}" if missing else "") + (f"; unexpected {extra}" if extra else ""))


def parse_scores(text: str) -> dict:
    """{"scores": {criterion: 1..7}, "rationales": {criterion: sentence}} from a reply, or InvalidOutput."""
    value = _json_object(text)
    _exact_keys(value, CRITERIA, "the object")
    scores, rationales = {}, {}
    for name in CRITERIA:
        item = value[name]
        if not isinstance(item, dict):
            raise InvalidOutput(f"{name} must be an object with score and rationale")
        _exact_keys(item, {"score", "rationale"}, name)
        score = item["score"]
        if type(score) is not int or score not in SCORES:
            raise InvalidOutput(f"{name}: score must be an integer from 1 to 7, got {score!r}")
        scores[name], rationales[name] = score, _rationale(item["rationale"], name)
    return {"scores": scores, "rationales": rationales}


def parse_preference(text: str) -> dict:
    """{"winner": first|second|tie, "rationale": sentence} from a pairwise reply, or InvalidOutput."""
    value = _json_object(text)
    _exact_keys(value, {"winner", "rationale"}, "the object")
    if not isinstance(value["winner"], str) or value["winner"] not in WINNERS:
        raise InvalidOutput(f"winner must be one of {sorted(WINNERS)}, got {value['winner']!r}")
    return {"winner": value["winner"], "rationale": _rationale(value["rationale"], "winner")}
