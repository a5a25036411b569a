"""Properties of parse_claims: generated claim sets parse back to their structure, in linear time.

Claim structures (independent claims, dependents citing one earlier claim, an
'or' list, a range or every preceding claim) are rendered with each language's
drafting phrases, numbering styles and layouts, alone or as two language
versions in one cell, and must come back with the same numbers, kinds and refs.
"""
from __future__ import annotations

import multiprocessing
import time
from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st

from claims import parse_claims

LANGUAGES = ("en", "zh", "ja", "ko", "de", "fr", "es")
FAST = settings(max_examples=200, deadline=None, derandomize=True)


@dataclass(frozen=True)
class Spec:
    """One claim of a generated set: how it refers (None, 'single', 'or', 'range', 'preceding') and to what."""

    number: int
    how: str | None
    refs: tuple[int, ...]
    variant: int  # which of the language's phrasings renders it


@st.composite
def claim_sets(draw, max_claims: int = 14) -> tuple[Spec, ...]:
    n = draw(st.integers(1, max_claims))
    specs = []
    for k in range(1, n + 1):
        variant = draw(st.integers(0, 7))
        if k == 1 or draw(st.integers(0, 5)) == 0:
            specs.append(Spec(k, None, (), variant))
            continue
        how = draw(st.sampled_from(("single", "single", "or", "range", "preceding")))
        if how == "or" and k >= 3:
            refs = tuple(sorted(draw(st.sets(st.integers(1, k - 1), min_size=2, max_size=min(3, k - 1)))))
        elif how == "range" and k >= 3:
            a = draw(st.integers(1, k - 2))
            refs = tuple(range(a, draw(st.integers(a + 1, k - 1)) + 1))
        elif how == "preceding" and k >= 3:
            refs = tuple(range(1, k))
        else:
            how, refs = "single", (draw(st.integers(1, k - 1)),)
        specs.append(Spec(k, how, refs, variant))
    return tuple(specs)


# Per language: independent bodies (plain, with sub-clauses), a dependent body with {ref},
# and the reference phrases by kind; '{a}', '{b}', '{c}' are claim numbers, '{list}' a listed set.
PHRASES = {
    "en": {
        "independent": ("A valve assembly comprising a valve body and a valve member.",
                        "A valve assembly comprising:\na valve body;\na seal ring; and\na valve member."),
        "dependent": "The valve assembly {ref}, wherein the valve member is a ball.",
        "single": ("of claim {a}", "according to claim {a}", "as claimed in claim {a}", "as recited in claim {a}"),
        "or2": ("of claim {a} or {b}", "according to claim {a} or claim {b}"),
        "or3": ("of claim {a}, {b} or {c}", "according to any one of claims {a}, {b} and {c}"),
        "range": ("as claimed in any one of claims {a} to {b}", "of any of claims {a}-{b}",
                  "according to any one of claims {a} through {b}"),
        "preceding": ("according to any preceding claim", "as claimed in any one of the preceding claims",
                      "of any of the preceding claims"),
        "numbering": ("{n}. ", "{n} . ", "{n}.", "{n}) ", "Claim {n}: ", "[Claim {n}]\n"),
        "heading": ("What is claimed is:", "Claims"),
        "joiner": " ",
    },
    "zh": {
        "independent": ("一种阀门组件，包括阀体和阀芯。", "一种阀门组件，其特征在于，包括：\n阀体；\n密封圈；以及\n阀芯。"),
        "dependent": "{ref}的阀门组件，其特征在于，所述阀芯为球体。",
        "single": ("根据权利要求{a}所述", "如权利要求{a}所述", "按照权利要求{a}所述"),
        "or2": ("根据权利要求{a}或{b}所述", "如权利要求{a}或{b}所述"),
        "or3": ("根据权利要求{a}、{b}或{c}所述",),
        "range": ("根据权利要求{a}-{b}中任一项所述", "如权利要求{a}至{b}任一项所述", "根据权利要求{a}～{b}中任意一项所述"),
        "preceding": ("如前述任一项权利要求所述", "根据前述权利要求中任一项所述"),
        "numbering": ("{n}.", "{n}、", "{n}．", "{n}. "),
        "heading": ("权利要求书",),
        "joiner": "",
    },
    "ja": {
        "independent": ("弁体と、弁部材と、を備えるバルブ組立体。", "弁体と、\nシールリングと、\n弁部材と、\nを備えるバルブ組立体。"),
        "dependent": "前記弁部材は、球体である、{ref}に記載のバルブ組立体。",
        "single": ("請求項{a}",),
        "or2": ("請求項{a}又は{b}", "請求項{a}または請求項{b}"),
        "or3": ("請求項{a}、{b}又は{c}",),
        "range": ("請求項{a}から{b}のいずれか一項", "請求項{a}～{b}のいずれか1項", "請求項{a}乃至{b}のいずれか"),
        "preceding": ("請求項1から{last}のいずれか一項",),
        "numbering": ("【請求項{n}】\n", "【請求項{n}】 ", "{n}. "),
        "heading": ("特許請求の範囲",),
        "joiner": "",
    },
    "ko": {
        "independent": ("밸브 몸체 및 밸브 부재를 포함하는 밸브 조립체.", "밸브 몸체;\n실링 링; 및\n밸브 부재를 포함하는 밸브 조립체."),
        "dependent": "{ref}에 있어서,\n상기 밸브 부재는 구체인 밸브 조립체.",
        "single": ("제{a}항", "청구항 {a}"),
        "or2": ("제{a}항 또는 제{b}항", "청구항 {a} 또는 청구항 {b}"),
        "or3": ("제{a}항, 제{b}항 또는 제{c}항 중 어느 한 항",),
        "range": ("제{a}항 내지 제{b}항 중 어느 한 항", "청구항 {a} 내지 청구항 {b} 중 어느 한 항"),
        "preceding": ("제1항 내지 제{last}항 중 어느 한 항",),
        "numbering": ("【청구항 {n}】\n", "{n}. "),
        "heading": ("청구범위",),
        "joiner": " ",
    },
    "de": {
        "independent": ("Ventilanordnung mit einem Ventilgehäuse und einem Ventilglied.",
                        "Ventilanordnung, umfassend:\n- ein Ventilgehäuse,\n- einen Dichtring und\n- ein Ventilglied."),
        "dependent": "Ventilanordnung {ref}, wobei das Ventilglied eine Kugel ist.",
        "single": ("nach Anspruch {a}", "gemäß Anspruch {a}"),
        "or2": ("nach Anspruch {a} oder {b}", "gemäß Anspruch {a} oder {b}"),
        "or3": ("nach einem der Ansprüche {a}, {b} oder {c}",),
        "range": ("nach einem der Ansprüche {a} bis {b}", "gemäß einem der Ansprüche {a} bis {b}"),
        "preceding": ("nach einem der vorhergehenden Ansprüche", "gemäß einem der vorangehenden Ansprüche"),
        "numbering": ("{n}. ", "{n}."),
        "heading": ("Patentansprüche",),
        "joiner": " ",
    },
    "fr": {
        "independent": ("Ensemble de vanne comprenant un corps de vanne et un obturateur.",
                        "Ensemble de vanne comprenant :\n- un corps de vanne ;\n- un joint ; et\n- un obturateur."),
        "dependent": "Ensemble de vanne {ref}, dans lequel l'obturateur est une bille.",
        "single": ("selon la revendication {a}",),
        "or2": ("selon la revendication {a} ou {b}",),
        "or3": ("selon l'une quelconque des revendications {a}, {b} ou {c}",),
        "range": ("selon l'une quelconque des revendications {a} à {b}", "selon l'une des revendications {a} à {b}"),
        "preceding": ("selon l'une quelconque des revendications précédentes", "selon l'une des revendications précédentes"),
        "numbering": ("{n}. ", "{n}."),
        "heading": ("Revendications",),
        "joiner": " ",
    },
    "es": {
        "independent": ("Un conjunto de válvula que comprende un cuerpo de válvula y un obturador.",
                        "Un conjunto de válvula que comprende:\nun cuerpo de válvula;\nuna junta; y\nun obturador."),
        "dependent": "El conjunto de válvula {ref}, en el que el obturador es una bola.",
        "single": ("según la reivindicación {a}", "de acuerdo con la reivindicación {a}"),
        "or2": ("según la reivindicación {a} o {b}",),
        "or3": ("según cualquiera de las reivindicaciones {a}, {b} o {c}",),
        "range": ("según cualquiera de las reivindicaciones {a} a {b}",
                  "de acuerdo con una cualquiera de las reivindicaciones {a} a {b}"),
        "preceding": ("según una cualquiera de las reivindicaciones anteriores",
                      "según cualquiera de las reivindicaciones precedentes"),
        "numbering": ("{n}. ", "{n}."),
        "heading": ("Reivindicaciones",),
        "joiner": " ",
    },
}


def _pick(options: tuple[str, ...], variant: int) -> str:
    return options[variant % len(options)]


def render_claim(spec: Spec, language: str, subclauses: bool) -> str:
    p = PHRASES[language]
    if spec.how is None:
        return p["independent"][1 if subclauses and spec.number == 1 else 0]
    refs = spec.refs
    if spec.how == "single":
        ref = _pick(p["single"], spec.variant).format(a=refs[0])
    elif spec.how == "or":
        key = "or2" if len(refs) == 2 else "or3"
        ref = _pick(p[key], spec.variant).format(*refs, a=refs[0], b=refs[1], c=refs[-1])
    elif spec.how == "range":
        ref = _pick(p["range"], spec.variant).format(a=refs[0], b=refs[-1])
    else:
        ref = _pick(p["preceding"], spec.variant).format(last=spec.number - 1)
    return p["dependent"].format(ref=ref)


def render(specs: tuple[Spec, ...], language: str, numbering: int, layout: str) -> str:
    """One language version of the claim set; layout is 'lines', 'one-line', 'subclauses' or 'heading'."""
    p = PHRASES[language]
    style = _pick(p["numbering"], numbering)
    claims = [style.format(n=s.number) + render_claim(s, language, layout == "subclauses") for s in specs]
    if layout == "one-line":
        return p["joiner"].join(c.replace("\n", " ") for c in claims)
    text = "\n".join(claims)
    return f"{p['heading'][numbering % len(p['heading'])]}\n{text}" if layout == "heading" else text


def structure(cell) -> list[tuple[int, str, tuple[int, ...]]]:
    return [(c.number, c.kind, c.refs) for c in cell.claims]


def expected(specs: tuple[Spec, ...]) -> list[tuple[int, str, tuple[int, ...]]]:
    return [(s.number, "dependent" if s.refs else "independent", s.refs) for s in specs]


LAYOUTS = st.sampled_from(("lines", "one-line", "subclauses", "heading"))


@FAST
@given(specs=claim_sets(), language=st.sampled_from(LANGUAGES), numbering=st.integers(0, 5), layout=LAYOUTS)
def test_a_rendered_claim_set_parses_back_to_its_structure(specs, language, numbering, layout):
    cell = parse_claims(render(specs, language, numbering, layout))
    assert structure(cell) == expected(specs)
    assert cell.language == language


@FAST
@given(
    specs=claim_sets(max_claims=10),
    other=st.sampled_from(("zh", "ja", "ko", "de", "fr", "es")),
    numbering=st.integers(0, 5),
    marker=st.sampled_from(("", "CNA", "WOA", "EPB")),
    english_first=st.booleans(),
    prefer_other=st.booleans(),
)
def test_two_language_versions_give_the_preferred_one(specs, other, numbering, marker, english_first, prefer_other):
    versions = [render(specs, "en", numbering, "lines"), render(specs, other, numbering, "lines")]
    if not english_first:
        versions.reverse()
    text = f"\n{marker}\n".join(versions) if marker else "\n".join(versions)
    prefer = (other, "en") if prefer_other else ("en", other)
    cell = parse_claims(text, prefer=prefer)
    assert cell.language == prefer[0]
    assert structure(cell) == expected(specs)
    assert sorted(v.language for v in cell.versions) == sorted(("en", other))


def _realistic_cell(size: int) -> str:
    """Numbered English claims, each citing an earlier one, up to about `size` characters."""
    parts, total, k = [], 0, 1
    while total < size:
        claim = (
            f"{k}. A valve assembly comprising a valve body and a valve member, wherein the body is 12 mm wide.\n"
            if k % 10 == 1
            else f"{k}. The valve assembly of claim {k - 1 - (k % 3 == 0)}, wherein the valve member "
            f"is a ball of 3.5 mm as shown in FIG. {k % 7} and the seal is made of PTFE.\n"
        )
        parts.append(claim)
        total += len(claim)
        k += 1
    return "".join(parts)


def _parse_seconds(text: str, queue) -> None:
    # CPU time, not wall time: other load on a shared machine should not look like superlinear growth.
    start = time.process_time()
    parse_claims(text)
    queue.put(time.process_time() - start)


def _seconds(text: str, timeout: float) -> float | None:
    """Time of one parse in a child process; None when it outlives `timeout` (the child is killed)."""
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    child = context.Process(target=_parse_seconds, args=(text, queue))
    child.start()
    child.join(timeout)
    if child.is_alive():
        child.kill()
        child.join()
        return None
    return queue.get(timeout=5)


SIZES = (4 * 1024, 64 * 1024, 1024 * 1024)
BOUND = 4.0  # a cell N times longer may take at most BOUND * N times as long
FLOOR = 0.25  # seconds: below this, timer noise dominates and anything is linear enough
PATIENCE = 5.0  # seconds a step may run beyond its linear allowance before the child is killed


def _assert_linear(make) -> None:
    """Time 16 KB, 64 KB and 1 MB cells in turn; each must stay within BOUND of linear growth."""
    previous_size, previous = None, None
    for size in SIZES:
        allowed = None if previous is None else max(BOUND * size / previous_size * previous, FLOOR)
        limit = PATIENCE if allowed is None else min(allowed * 2, allowed + PATIENCE)
        text = make(size)
        first = _seconds(text, limit)
        before = "" if previous is None else f" ({previous_size // 1024} KB took {previous:.3f} s)"
        if first is None:
            raise AssertionError(f"{size // 1024} KB did not finish within {limit:.1f} s{before}")
        seconds = min(first, _seconds(text, limit) or first)
        if allowed is not None and seconds > allowed:
            raise AssertionError(f"{size // 1024} KB took {seconds:.3f} s{before}: not linear")
        previous_size, previous = size, seconds


def _repeated(unit: str):
    return lambda size: (unit * (size // len(unit) + 1))[:size]


def test_a_one_megabyte_cell_parses_in_time_linear_in_its_length():
    _assert_linear(_realistic_cell)


PATHOLOGICAL = {
    "digits and dots": _repeated("1.23.4.567.8.9.10.11.12."),
    "1.1.1.": _repeated("1.1.1."),
    "claim claim claim": _repeated("claim "),
    "claims and numbers": _repeated("of claim 1 or claim 2 or "),
    "CJK punctuation": _repeated("。、，；：（）【】．"),
    "权利要求 numbers": _repeated("权利要求1、2、"),
    "unclosed claim brackets": _repeated("【請求項1【청구항 2[Claim 3 "),
    "number lines": _repeated("1.\n"),
    "whitespace": _repeated(" \n\t"),
}


def test_pathological_inputs_parse_in_linear_time():
    slow = []
    for name, make in PATHOLOGICAL.items():
        try:
            _assert_linear(make)
        except AssertionError as error:
            slow.append(f"{name}: {error}")
    assert not slow, "\n".join(slow)


def test_a_huge_canceled_range_does_not_expand_without_bound():
    assert _seconds("1-99999999. (Canceled)\n100000000. A valve assembly.", timeout=10.0) is not None
