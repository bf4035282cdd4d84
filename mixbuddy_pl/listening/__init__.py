"""Listening-study kit: export a blinded rating page from prediction files, analyze the raters' answers.

  python -m mixbuddy_pl.listening export --system NAME=PREDICTIONS.jsonl ... --audio-from CONFIG --out DIR
  python -m mixbuddy_pl.listening analyze RATINGS.json ... --study DIR [--judge-scores FILE.jsonl]
"""

CRITERIA: dict[str, str] = {
    "effectiveness": "How well would this advice solve the mixing problem you hear?",
    "actionability": "Is the advice clear, specific and easy to carry out in a DAW?",
    "conventions": "Does the advice follow established mixing practice?",
    "musicality": "Is the advice musically sensible for this material?",
    "helpfulness": "How helpful would this advice be in a real mixing session?",
}
"""The rated criteria (the judge rubric's names) and the question shown to raters; 1-7 Likert scales."""

SCALE = (1, 7)
