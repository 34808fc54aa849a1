"""The faster mask choice draws exactly the QR symbols segno would: same mask, same modules, same SVG."""

from __future__ import annotations

import io
import random

import pytest
import segno
from segno import encoder

from knowledge_base.render import qr, qr_mask

ALPHABET = "abcdefghijklmnopqrstuvwxyzåäöñ0123456789/-_.?=&%"


def _urls(count: int, seed: int) -> list[tuple[str, str]]:
    """Addresses of many lengths (QR versions 2 to about 25) with each error level, from a fixed seed."""
    rnd = random.Random(seed)
    return [("https://playbook.test/" + "".join(rnd.choice(ALPHABET) for _ in range(rnd.choice((3, 20, 45, 90, 200, 500)))),
             rnd.choice("lmqh")) for _ in range(count)]


def _svg(code: segno.QRCode) -> bytes:
    out = io.BytesIO()
    code.save(out, kind="svg", border=qr.QUIET_ZONE)
    return out.getvalue()


def _made_by(choose: object, url: str, error: str, mask: int | None = None) -> segno.QRCode:
    saved = encoder.find_and_apply_best_mask
    encoder.find_and_apply_best_mask = choose
    try:
        return segno.make(url, error=error, micro=False, mask=mask)
    finally:
        encoder.find_and_apply_best_mask = saved


@pytest.mark.parametrize("url, error", _urls(160, seed=7))
def test_the_same_symbol_as_segno(url: str, error: str) -> None:
    """Every mask is scored as segno scores it, so the symbol a phone scans is the one segno would draw."""
    ours = _made_by(qr_mask.find_and_apply_best_mask, url, error)
    segnos = _made_by(qr_mask._segno_choice, url, error)
    assert (ours.version, ours.mask) == (segnos.version, segnos.mask)
    assert _svg(ours) == _svg(segnos)


def test_each_mask_scores_as_segno_scores_it() -> None:
    """The penalty of every pattern, not only the winner's (a wrong score could still pick the same mask)."""
    for url, error in _urls(12, seed=11):
        captured: list[tuple[bytearray, ...]] = []

        def keep(matrix, width, height, proposed_mask=None):  # type: ignore[no-untyped-def]
            captured.append(tuple(bytearray(row) for row in matrix))
            return qr_mask._segno_choice(matrix, width, height, proposed_mask)

        _made_by(keep, url, error)
        unmasked = captured[0]
        size = len(unmasked)
        for number in range(8):
            theirs = [row[:] for row in unmasked]
            _, chosen = qr_mask._segno_choice(theirs, size, size, number)
            modules = b"".join(bytes(row) for row in chosen)
            assert qr_mask.penalty(modules, size) == encoder.evaluate_mask(list(chosen), size, size), (url, number)


@pytest.mark.parametrize("density", (0.05, 0.3, 0.5, 0.7, 0.97))
def test_penalty_of_any_pattern_is_segnos(density: float) -> None:
    """Each rule on its own terms: module patterns far from a real symbol's (mostly dark or light, long runs)."""
    rnd = random.Random(int(density * 100))
    for size in (21, 25, 37, 57, 101):
        for _ in range(6):
            rows = [bytearray(1 if rnd.random() < density else 0 for _ in range(size)) for _ in range(size)]
            assert qr_mask.penalty(b"".join(rows), size) == encoder.evaluate_mask(rows, size, size), (size, density)


@pytest.mark.parametrize("mask", range(8))
def test_a_chosen_mask_is_applied_as_segno_applies_it(mask: int) -> None:
    url = "https://playbook.test/sv/techniques/let-them-vent/"
    assert _svg(_made_by(qr_mask.find_and_apply_best_mask, url, "m", mask)) == \
        _svg(_made_by(qr_mask._segno_choice, url, "m", mask))


def test_cards_use_the_faster_choice() -> None:
    """qr.py installs it, and the card's code is still segno's symbol of the card's address."""
    assert encoder.find_and_apply_best_mask is qr_mask.find_and_apply_best_mask
    url = "https://playbook.test/es/techniques/broken-record/"
    expected = _made_by(qr_mask._segno_choice, url, "m")
    out = io.BytesIO()
    expected.save(out, kind="svg", border=qr.QUIET_ZONE, xmldecl=False, svgns=True, omitsize=True,
                  svgclass=None, lineclass=None, dark="#000", light="#fff")
    assert qr._symbol(url) == out.getvalue().decode("ascii").rstrip("\n")
