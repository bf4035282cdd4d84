"use strict";
// Listening-study page: renders the blinded scenarios, keeps ratings in localStorage, downloads them.

const STUDY = JSON.parse(document.getElementById("study-data").textContent);
const STORE_KEY = "mixbuddy-study:" + STUDY.study_id;
const CRITERIA = Object.keys(STUDY.criteria);
const SCORES = [];
for (let s = STUDY.scale[0]; s <= STUDY.scale[1]; s++) SCORES.push(s);

function loadState() {
  try {
    const saved = JSON.parse(localStorage.getItem(STORE_KEY));
    if (saved && saved.ratings) return saved;
  } catch (e) { /* unreadable storage: start afresh */ }
  return { rater: "", ratings: {} };
}

const state = loadState();

function save() {
  localStorage.setItem(STORE_KEY, JSON.stringify(state));
  updateProgress();
}

function entry(scenario, advice) {
  const key = scenario + "/" + advice;
  if (!state.ratings[key]) state.ratings[key] = { scores: {}, comment: "" };
  return state.ratings[key];
}

function el(tag, attrs, children) {
  const node = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([name, value]) => {
    if (name === "text") node.textContent = value; else node.setAttribute(name, value);
  });
  (children || []).forEach((child) => node.appendChild(child));
  return node;
}

function likertRow(scenario, advice, criterion) {
  const name = [scenario, advice, criterion].join("/");
  const current = entry(scenario, advice).scores[criterion];
  const label = el("td", { class: "criterion" }, [
    el("strong", { text: criterion }), el("small", { text: STUDY.criteria[criterion] })]);
  const cells = SCORES.map((score) => {
    const input = el("input", { type: "radio", name: name, value: String(score),
      id: ["r", scenario, advice, criterion, score].join("-"), "aria-label": criterion + " " + score });
    input.checked = current === score;
    input.addEventListener("change", () => {
      entry(scenario, advice).scores[criterion] = score;
      save();
    });
    return el("td", {}, [el("label", {}, [input, el("div", { text: String(score) })])]);
  });
  return el("tr", {}, [label].concat(cells));
}

function adviceBlock(scenario, advice) {
  const comment = el("textarea", { id: ["c", scenario, advice.id].join("-"),
    placeholder: "Comments on this advice (optional)" });
  comment.value = entry(scenario, advice.id).comment;
  comment.addEventListener("input", () => {
    entry(scenario, advice.id).comment = comment.value;
    save();
  });
  const rows = CRITERIA.map((c) => likertRow(scenario, advice.id, c));
  return el("article", { class: "advice", id: ["a", scenario, advice.id].join("-") }, [
    el("h3", { text: "Advice " + advice.id }),
    el("p", { class: "advice-text", text: advice.text }),
    el("table", { class: "likert" }, rows),
    comment]);
}

function scenarioBlock(scenario, number) {
  const audio = scenario.audio.map((a) => el("div", { class: "audio" }, [
    el("span", { text: a.label }), el("audio", { controls: "", preload: "none", src: a.file })]));
  const header = [el("h2", { text: "Scenario " + number + " of " + STUDY.scenarios.length }),
    el("p", { text: "The question the assistant was asked:" }), el("blockquote", { text: scenario.prompt })];
  const advice = scenario.advice.map((a) => adviceBlock(scenario.id, a));
  return el("section", { class: "scenario", id: scenario.id }, header.concat(audio, advice));
}

function ratingRows() {
  const rows = [];
  STUDY.scenarios.forEach((s) => s.advice.forEach((a) => {
    const rated = state.ratings[s.id + "/" + a.id];
    if (!rated) return;
    CRITERIA.forEach((c) => {
      if (rated.scores[c] === undefined) return;
      rows.push({ rater: state.rater.trim(), study_id: STUDY.study_id, scenario: s.id, advice: a.id,
        criterion: c, score: rated.scores[c], comment: rated.comment });
    });
  }));
  return rows;
}

function updateProgress() {
  let done = 0;
  let total = 0;
  STUDY.scenarios.forEach((s) => s.advice.forEach((a) => {
    const rated = state.ratings[s.id + "/" + a.id];
    const complete = Boolean(rated) && CRITERIA.every((c) => rated.scores[c] !== undefined);
    document.getElementById(["a", s.id, a.id].join("-")).classList.toggle("done", complete);
    done += complete ? 1 : 0;
    total += 1;
  }));
  document.getElementById("progress").textContent = done + " of " + total + " pieces of advice fully rated";
}

function csvField(value) {
  const text = String(value);
  return /[",\n\r]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
}

function toCsv(rows) {
  const columns = ["rater", "study_id", "scenario", "advice", "criterion", "score", "comment"];
  const lines = [columns.join(",")].concat(rows.map((r) => columns.map((c) => csvField(r[c])).join(",")));
  return lines.join("\r\n") + "\r\n";
}

function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type: type }));
  const link = el("a", { href: url, download: name });
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

function exportRatings(kind) {
  const status = document.getElementById("status");
  if (!state.rater.trim()) {
    status.textContent = "Please enter your name first.";
    document.getElementById("rater").focus();
    return;
  }
  const rows = ratingRows();
  const base = "ratings-" + state.rater.trim().replace(/[^A-Za-z0-9_-]+/g, "_") + "-" + STUDY.study_id;
  if (kind === "json") {
    const doc = { format: "mixbuddy-study-ratings/1", study_id: STUDY.study_id, rater: state.rater.trim(),
      exported_at: new Date().toISOString(), ratings: rows };
    download(base + ".json", "application/json", JSON.stringify(doc, null, 1));
  } else {
    download(base + ".csv", "text/csv", toCsv(rows));
  }
  status.textContent = "Downloaded " + rows.length + " ratings.";
}

function init() {
  const main = document.getElementById("scenarios");
  STUDY.scenarios.forEach((s, i) => main.appendChild(scenarioBlock(s, i + 1)));
  const rater = document.getElementById("rater");
  rater.value = state.rater;
  rater.addEventListener("input", () => {
    state.rater = rater.value;
    save();
  });
  document.getElementById("export-json").addEventListener("click", () => exportRatings("json"));
  document.getElementById("export-csv").addEventListener("click", () => exportRatings("csv"));
  updateProgress();
}

init();
