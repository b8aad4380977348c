#!/usr/bin/env python3
"""Mapping experiments outside the accuracy harness (session 5 of issue 11).

Reproduces the harness's leave-one-document-out fit (multiple-instance
logistic regression, ridge 0.05, four rounds; cutoff F1-best on the training
documents in 0.20..0.80; base rates from the training documents only) from the
JSON that the accuracy test writes with

    ACCURACY_DUMP=/tmp/dump.json ACCURACY_ABLATION=0 \
        cargo test --release --test accuracy mapping_accuracy -- --nocapture

and then tries the variants reported in docs/mapping.md ("Tried in session 5").
Every variant is refitted per fold; anything learned (base rates, pattern
precision, learned profiles) comes from the training documents only.
Usage: scripts/mapping-experiments.py /tmp/dump.json  (numpy and PyYAML).
The first line printed must equal the harness's "all rows" figures.
"""
import collections, copy, glob, json, math, re, sys
import numpy as np
import yaml

N = 13  # signals in the dump, in PerSignal order
PATTERN, CONTEXT, LEXICAL, PARAGRAPH, LENGTH, SECTION, BASE = 0, 2, 3, 8, 9, 10, 12
HAND_W = np.array([4, 1, 1, 4, 1, 2, 1, 0.5, -0.3, 0, 0.5, 0, 0], float)
SHIPPED = np.array([1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1], float)
SESSION_3 = set("apiraino-rust-compiler-team-operations ashfurrow-one-year-at-float "
                "facutuesca-pyca-asn1-update-2025-06 kittygiraudel-2019-in-review "
                "maennchen-eef-hexpm-security-update-2026-02 "
                "thespi-brain-pypi-support-specialist-year-and-a-half "
                "tomassedovic-rust-program-management-update-2025-06 "
                "woodruffw-homebrew-build-provenance-update-2024-04".split())
SESSION_4 = set("avikpal-julia-gsoc-2018-flux-convolutions bretmogilefsky-18f-cloud-gov-profile "
                "edwintorres-18f-day-in-the-life-engineer joyebertz-staffeng-story "
                "kajasantro-artsy-stepping-out-of-the-knowledge-zone "
                "pronchery-freebsd-beach-cleaning-update-2025-11 tiif-rust-maintainer-spotlight".split())


def load(path):
    rows = json.load(open(path))
    for r in rows:
        r["y"] = [l[1] for l in r["labels"]]
        kept = [c for c in r["claims"] if c["signals"] is not None]
        r["S"] = np.array([c["signals"] for c in kept], float).reshape(len(kept), len(r["y"]), N)
        r["ev"] = [c["evidence"] for c in kept]
        r["txt"] = [c["text"] for c in kept]
    return rows


def says_something(S):
    return (S[..., PATTERN] > 0) | (S[..., LEXICAL] > 0) | (S[..., CONTEXT] > 0)


def rate(rows, e):
    yes, n = 1.0, 2.0
    for t in rows:
        if t["y"][e] is not None:
            n += 1
            yes += float(t["y"][e])
    return yes / n


def primed(rows, train, held_out, hook):
    """Rows with base rates from `train` (other documents, never `held_out`), then `hook`."""
    out = []
    for r in rows:
        same = [t for t in train if t["level"] == r["level"] and t["document"] not in (r["document"], held_out)]
        q = dict(r)
        q["S"] = r["S"].copy()
        prior = np.array([rate(same, e) for e in range(len(r["y"]))])
        q["S"][..., BASE] = np.where(says_something(q["S"]), prior[None, :], 0.0)
        if hook:
            hook(q, same)
        out.append(q)
    return out


def score(m, X):
    return 1 / (1 + np.exp(-(m[0] + X @ m[1])))


def newton(X, y, ridge=0.05):
    n, d = X.shape
    Xi = np.hstack([np.ones((n, 1)), X])
    b = np.zeros(d + 1)
    for _ in range(25):
        p = 1 / (1 + np.exp(-(Xi @ b)))
        g = Xi.T @ (p - y)
        H = (Xi * (p * (1 - p))[:, None]).T @ Xi
        g[1:] += ridge * b[1:]
        H[np.arange(1, d + 1), np.arange(1, d + 1)] += ridge
        H[0, 0] += 1e-6
        step = np.linalg.lstsq(H, g, rcond=None)[0]
        b -= step
        if np.abs(step).sum() < 1e-7:
            break
    return b[0], b[1:]


def fit(rows, mask, hand):
    m = (-3.5, hand * mask)
    bags = [(r["S"][:, e, :] * mask, y) for r in rows for e, y in enumerate(r["y"]) if y is not None and len(r["S"])]
    for _ in range(4):
        X = np.array([B[np.argmax(score(m, B))] for B, _ in bags])
        m = newton(X, np.array([float(y) for _, y in bags]))
    return m


def predict(r, m, cut, mask, k=5):
    out = np.zeros(len(r["y"]), bool)
    if len(r["S"]):
        P = score(m, r["S"] * mask)
        for i in range(P.shape[0]):
            for e in np.argsort(-P[i], kind="stable")[:k]:
                out[e] |= P[i, e] >= cut
    return out


def tally(rows, preds, keep=lambda r: True):
    tp = fp = fn = 0
    for r, p in zip(rows, preds):
        if keep(r):
            for e, y in enumerate(r["y"]):
                if y is not None:
                    tp += p[e] and y
                    fp += p[e] and not y
                    fn += (not p[e]) and y
    return tp / max(tp + fp, 1), tp / max(tp + fn, 1), 2 * tp / max(2 * tp + fp + fn, 1)


def best_cut(rows, m, mask):
    cuts = [0.2 + i * 0.025 for i in range(25)]
    return max(cuts, key=lambda c: (tally(rows, [predict(r, m, c, mask) for r in rows])[2], -c))


def lodo(rows, mask, hook=None, hand=HAND_W, cut_rule=None):
    preds = [None] * len(rows)
    for d in sorted({r["document"] for r in rows}):
        train = primed([r for r in rows if r["document"] != d], rows, d, hook)
        test = primed([r for r in rows if r["document"] == d], rows, d, hook)
        m = fit(train, mask, hand)
        c = best_cut(train, m, mask)
        held = iter(test)
        for i, r in enumerate(rows):
            if r["document"] == d:
                q = next(held)
                preds[i] = predict(q, m, cut_rule(train, q, m, mask, c) if cut_rule else c, mask)
    return preds


def report(rows, name, preds):
    f = [tally(rows, preds, k) for k in (lambda r: True, lambda r: r["document"] in SESSION_3,
                                          lambda r: r["document"] in SESSION_4)]
    print("%-52s all %.2f/%.2f/%.2f  session-3 %.2f/%.2f/%.2f  session-4 %.2f/%.2f/%.2f"
          % ((name,) + f[0] + f[1] + f[2]), flush=True)


def extended(rows, columns):
    """Rows with `columns` (functions of a row giving claims x expectations) appended."""
    out = copy.deepcopy(rows)
    for r, o in zip(rows, out):
        o["S"] = np.concatenate([r["S"]] + [c(r)[..., None] for c in columns], axis=-1)
    return out


def per_claim(r, v):
    return np.broadcast_to(np.asarray(v, float)[:, None], r["S"].shape[:2]).copy()


def main(path):
    rows = load(path)
    report(rows, "shipped (replica of the harness)", lodo(rows, SHIPPED))
    one = np.concatenate([SHIPPED, [1.0]])
    hand1 = np.concatenate([HAND_W, [0.0]])
    zero = lambda r: np.zeros(r["S"].shape[:2])

    # A document prior: the share of the level's other expectations that
    # some claim of the document matches by pattern (label-free).
    def breadth(r):
        hit = (r["S"][..., PATTERN] > 0).any(0).astype(float)
        b = (hit.sum() - hit) / max(len(hit) - 1, 1)
        return np.where(says_something(r["S"]), b[None, :], 0.0)
    report(rows, "+ pattern breadth of the document", lodo(extended(rows, [breadth]), one, hand=hand1))

    # The ceiling of any document prior: the row's own true addressed rate.
    def oracle(r):
        y = [v for v in r["y"] if v is not None]
        return np.where(says_something(r["S"]), np.mean(y), 0.0)
    report(rows, "+ oracle: the row's true rate (a ceiling)", lodo(extended(rows, [oracle]), one, hand=hand1))

    # The base rate split by whether a pattern matched.
    def split(q, same):
        q["S"][..., N] = q["S"][..., BASE] * (q["S"][..., PATTERN] > 0)
        q["S"][..., BASE] *= q["S"][..., PATTERN] == 0
    report(rows, "base rate split: with a pattern / without", lodo(extended(rows, [zero]), one, split, hand1))

    def by_length(q, same):
        q["S"][..., N] = q["S"][..., BASE] * q["S"][..., LENGTH]
    report(rows, "+ base rate x claim length", lodo(extended(rows, [zero]), one, by_length, hand1))

    def pattern_by_length(q, same):
        q["S"][..., N] = q["S"][..., PATTERN] * q["S"][..., LENGTH]
    report(rows, "+ pattern x claim length", lodo(extended(rows, [zero]), one, pattern_by_length, hand1))

    # How often an expectation is addressed where its patterns match, on the
    # training documents: a learned reliability of its patterns.
    def pattern_precision(q, same):
        for e in range(len(q["y"])):
            hits = [t for t in same if t["y"][e] is not None and len(t["S"]) and (t["S"][:, e, PATTERN] > 0).any()]
            p = (1 + sum(t["y"][e] for t in hits)) / (2 + len(hits))
            q["S"][:, e, N] = q["S"][:, e, PATTERN] * p
    report(rows, "+ pattern precision per expectation (learned)",
           lodo(extended(rows, [zero]), one, pattern_precision, hand1))

    # Whose work: first person, and impersonal paragraphs.
    me = re.compile(r"(?i)(?<![\w'])(i|me|my|mine|myself)(?!\w)|\bi['’](m|ve|d|ll)\b")
    we = re.compile(r"(?i)\b(we|our|us|ours)\b")
    impersonal = lambda r: per_claim(r, [(not me.search(t)) and (not we.search(t)) for t in r["txt"]]) \
        * r["S"][..., PARAGRAPH]
    report(rows, "+ paragraph with no I/we (a signal)", lodo(extended(rows, [impersonal]), one, hand=hand1))
    def not_claims(name, drop):
        dropped = copy.deepcopy(rows)
        for r in dropped:
            keep = np.array([not drop(r, i, t) for i, t in enumerate(r["txt"])], bool)
            r["S"] = r["S"][keep] if len(keep) else r["S"]
        report(rows, name, lodo(dropped, SHIPPED))
    not_claims("paragraphs with no I/we not claims (a filter)",
               lambda r, i, t: not me.search(t) and not we.search(t) and r["S"][i, 0, PARAGRAPH] > 0)
    n_words = lambda t: len(re.findall(r"\w+", t))
    not_claims("lead-ins ending in a colon up to 25 words (not 12)",
               lambda r, i, t: t.strip().endswith(":") and n_words(t) <= 25)
    plan = re.compile(r"(?i)^\W*((the|my|our) (main |primary )?(goal|plan|aim|objective) (is|was|will be) to"
                      r"|(it|this|that|the \w+) is (expected|estimated|scheduled|planned) to)\b")
    not_claims("'The goal is to', 'is expected to' are plans", lambda r, i, t: bool(plan.search(t)))
    interviewer = re.compile(r"(?i)\b(we|i) (interviewed|spoke with|talked (to|with)|sat down with)\b")
    not_claims("an interviewer's introduction is not a claim",
               lambda r, i, t: bool(interviewer.search(t)) and n_words(t) < 40)

    # A single word matched vs a phrase of two or more words.
    files = {}
    for f in glob.glob("rules/*/*.yaml"):
        d = yaml.safe_load(open(f))
        if isinstance(d, dict) and "level" in d:
            files[f"{d['ladder']}/{d['level']}"] = {
                e["id"]: [re.compile(p, re.I) for p in e.get("patterns") or []] for e in d["expectations"]}
    def phrase(r):
        ids = [l[0] for l in r["labels"]]
        out = np.zeros(r["S"].shape[:2])
        for i, t in enumerate(r["txt"]):
            for e, id_ in enumerate(ids):
                if r["S"][i, e, PATTERN] > 0 and any(re.search(r"\s", m.group(0))
                                                     for p in files[r["level"]][id_] for m in p.finditer(t)):
                    out[i, e] = 1
        return out
    report(rows, "+ a phrase (not one word) matched", lodo(extended(rows, [phrase]), one, hand=hand1))

    # A second, document-level reading: per (row, expectation) the best,
    # second and third claim scores and how many claims score 0.3 or more,
    # combined by a logistic fit on the training rows.
    def two_stage(cols):
        preds = [None] * len(rows)
        for d in sorted({r["document"] for r in rows}):
            train = primed([r for r in rows if r["document"] != d], rows, d, None)
            test = primed([r for r in rows if r["document"] == d], rows, d, None)
            m = fit(train, SHIPPED, HAND_W)
            def features(r):
                ne = len(r["y"])
                if not len(r["S"]):
                    return np.zeros((ne, 4))
                P = score(m, r["S"] * SHIPPED)
                Q = np.zeros_like(P)
                for i in range(P.shape[0]):
                    top = np.argsort(-P[i], kind="stable")[:5]
                    Q[i, top] = P[i, top]
                Qs = np.vstack([-np.sort(-Q, axis=0), np.zeros((3, ne))])
                return np.stack([Qs[0], Qs[1], Qs[2], np.log1p((Q >= 0.3).sum(0))], 1)[:, cols]
            X = [features(r)[e] for r in train for e, y in enumerate(r["y"]) if y is not None]
            Y = [float(y) for r in train for y in r["y"] if y is not None]
            a, w = newton(np.array(X), np.array(Y))
            p_train = [1 / (1 + np.exp(-(a + features(r) @ w))) for r in train]
            cut = max(np.arange(0.1, 0.9, 0.025), key=lambda c: tally(train, [p >= c for p in p_train])[2])
            held = iter(test)
            for i, r in enumerate(rows):
                if r["document"] == d:
                    preds[i] = 1 / (1 + np.exp(-(a + features(next(held)) @ w))) >= cut
        return preds
    report(rows, "document-level second stage: best claim only", two_stage([0]))
    report(rows, "second stage: best, 2nd, 3rd claims, count >= 0.3", two_stage([0, 1, 2, 3]))

    # Per-level cutoffs, and a profile learned from training documents' best claims.
    def level_cut(train, q, m, mask, c):
        same = [t for t in train if t["level"] == q["level"]]
        return (best_cut(same, m, mask) * len(same) + c * 10) / (len(same) + 10)
    report(rows, "cutoff per level (shrunk to the global one)", lodo(rows, SHIPPED, cut_rule=level_cut))

    stop = set("the and for with that this from into have has had was were are been being our their they "
               "them its his her you your about also which when what where while who will would could "
               "should can not but all any some more most other than then there these those such very "
               "just over only out per via using use used new one two three first last each many much "
               "make made work worked working team teams".split())
    def words(t):
        out = set()
        for w in re.findall(r"[a-z][a-z\-]+", t.lower()):
            if len(w) >= 3 and w not in stop:
                for suffix in ("ings", "ing", "ed", "es", "s"):
                    if w.endswith(suffix) and len(w) - len(suffix) >= 4:
                        w = w[: -len(suffix)]
                        break
                out.add(w)
        return out
    hand_model = (-3.5, HAND_W * SHIPPED)
    for r in rows:
        r["words"] = [words(t) for t in r["txt"]]
        r["best"] = np.argmax(score(hand_model, r["S"] * SHIPPED), axis=0) if len(r["S"]) else None
    def learned_profile(q, same):
        same = [t for t in same if len(t["S"])]
        df = collections.Counter(w for t in same for ws in t["words"] for w in ws)
        n = sum(len(t["words"]) for t in same)
        idf = lambda w: math.log(1 + n / (df.get(w, 0) + 1))
        for e in range(len(q["y"])):
            profile = collections.Counter()
            for t in same:
                if t["y"][e]:
                    for w in t["words"][t["best"][e]]:
                        profile[w] += idf(w)
            norm = math.sqrt(sum(v * v for v in profile.values())) or 1
            for i, ws in enumerate(q["words"]):
                shared = [w for w in ws if w in profile]
                if len(shared) >= 2:
                    cn = math.sqrt(sum(idf(w) ** 2 for w in ws)) or 1
                    q["S"][i, e, N] = sum(profile[w] * idf(w) for w in shared) / (norm * cn)
    report(rows, "+ profile of training positives' best claims",
           lodo(extended(rows, [zero]), one, learned_profile, hand1))


if __name__ == "__main__":
    main(sys.argv[1])
