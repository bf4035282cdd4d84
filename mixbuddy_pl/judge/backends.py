"""Judge backends: any OpenAI-compatible chat-completions endpoint, or a local transformers causal LM.

A backend turns chat messages into a `Reply`; it raises `BackendTimeout` or `BackendError` when no reply
came. Its `id` and `settings` identify the judge in the cache (the base URL does not: the same model served
elsewhere is the same judge).
"""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from mixbuddy_pl.errors import ConfigError


class BackendTimeout(Exception):
    """The backend did not answer within the time limit."""


class BackendError(Exception):
    """The request failed (HTTP error, refused connection, malformed response)."""


@dataclass
class Reply:
    """The judge's text, or the refusal the API reported instead of it."""

    text: str
    refusal: str | None = None


class OpenAIBackend:
    """`POST {base_url}/chat/completions` (vLLM, Ollama, llama.cpp server, OpenAI), greedy by default."""

    def __init__(self, model: str, base_url: str, api_key: str | None = None, timeout_s: float = 120.0,
                 max_tokens: int = 1024, temperature: float = 0.0) -> None:
        self.model, self.base_url, self.api_key, self.timeout_s = model, base_url.rstrip("/"), api_key, timeout_s
        self.settings = {"max_tokens": max_tokens, "temperature": temperature}
        self.id = f"openai:{model}"

    def complete(self, messages: list[dict]) -> Reply:
        """One chat completion from the OpenAI-compatible endpoint."""
        body = json.dumps({"model": self.model, "messages": messages, **self.settings}).encode()
        headers = {"Content-Type": "application/json"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        request = urllib.request.Request(f"{self.base_url}/chat/completions", body, headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout_s) as response:
                payload = json.load(response)
        except urllib.error.HTTPError as error:
            raise BackendError(f"HTTP {error.code}: {error.read()[:300].decode(errors='replace')}") from None
        except urllib.error.URLError as error:
            if isinstance(error.reason, TimeoutError):
                raise BackendTimeout(f"no answer within {self.timeout_s:g} s") from None
            raise BackendError(f"cannot reach {self.base_url}: {error.reason}") from None
        except TimeoutError:
            raise BackendTimeout(f"no answer within {self.timeout_s:g} s") from None
        except json.JSONDecodeError as error:
            raise BackendError(f"the response is not JSON: {error}") from None
        return _reply(payload)


def _reply(payload: dict) -> Reply:
    """The first choice of a chat-completions response; a `refusal` or a content filter stop is a refusal."""
    try:
        choice = payload["choices"][0]
        message = choice["message"]
    except (KeyError, IndexError, TypeError):
        raise BackendError(f"unexpected response: {json.dumps(payload)[:300]}") from None
    if message.get("refusal") or choice.get("finish_reason") == "content_filter":
        return Reply("", refusal=message.get("refusal") or "stopped by the content filter")
    return Reply(message.get("content") or "")


class TransformersBackend:
    """A local causal LM with its tokenizer's chat template, greedy; `tiny` is a random one built offline."""

    def __init__(self, model: str, max_tokens: int = 1024) -> None:
        import torch
        from transformers import AutoModelForCausalLM, AutoTokenizer

        path = tiny_judge_dir() if model == "tiny" else model
        self.device = "cuda" if torch.cuda.is_available() else "cpu"
        self.tokenizer = AutoTokenizer.from_pretrained(path)
        self.model = AutoModelForCausalLM.from_pretrained(path, dtype="auto").to(self.device).eval()
        self.settings = {"max_tokens": max_tokens, "temperature": 0.0}
        self.id = f"transformers:{model}"
        self._lock = threading.Lock()  # one generation at a time on the shared model

    def complete(self, messages: list[dict]) -> Reply:
        """One greedy chat completion from the local model (one request at a time)."""
        import torch

        inputs = self.tokenizer.apply_chat_template(messages, add_generation_prompt=True, return_tensors="pt",
                                                    return_dict=True).to(self.device)
        with self._lock, torch.inference_mode():
            out = self.model.generate(**inputs, max_new_tokens=self.settings["max_tokens"], do_sample=False,
                                      pad_token_id=self.tokenizer.pad_token_id)
        return Reply(self.tokenizer.decode(out[0, inputs["input_ids"].shape[1]:], skip_special_tokens=True))


def tiny_judge_dir() -> Path:
    """A random `Qwen2ForCausalLM` on the tiny Qwen2-Audio's text config and tokenizer, built once in the cache.

    It writes garbage: tests use it to exercise the invalid-output path of a real local model.
    """
    import torch
    from transformers import AutoConfig, AutoTokenizer, Qwen2ForCausalLM

    from mixbuddy_pl.backbones.tiny import build_once, tiny_dir

    source = tiny_dir()

    def build(staging: Path) -> None:
        with torch.random.fork_rng():
            torch.manual_seed(0)
            Qwen2ForCausalLM(AutoConfig.from_pretrained(source).text_config).save_pretrained(staging)
        AutoTokenizer.from_pretrained(source).save_pretrained(staging)

    return build_once(source.with_name(f"{source.name}-judge-lm"), build)


def make_backend(backend: str, model: str, *, base_url: str | None = None, api_key: str | None = None,
                 timeout_s: float = 120.0, max_tokens: int = 1024,
                 temperature: float = 0.0) -> OpenAIBackend | TransformersBackend:
    """A backend by name: `openai` (needs a base URL) or `transformers` (a local directory or `tiny`)."""
    if backend == "openai":
        if not base_url:
            raise ConfigError(f"judge {model!r} needs a base URL: --base-url, base_url in the judges file, or "
                             "MIXBUDDY_JUDGE_BASE_URL (e.g. http://localhost:8000/v1 for vLLM)")
        return OpenAIBackend(model, base_url, api_key, timeout_s, max_tokens, temperature)
    if backend == "transformers":
        return TransformersBackend(model, max_tokens)
    raise ConfigError(f"backend must be openai or transformers, not {backend!r}")
