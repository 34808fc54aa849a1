"""The choice of a QR code's mask pattern, made as segno makes it, in a fraction of the time.

segno tries each of the eight mask patterns on a symbol and keeps the one with the lowest
penalty score (ISO/IEC 18004:2015, 7.8.3). Its pure-Python loops call a function for every
module, eight times over: profiled, that was a tenth of a build with cards at 200 techniques.
Here the same patterns and the same scores are computed a row at a time (byte strings, regular
expressions, integers as bit rows), and `install()` puts this in segno's place, so the symbol
(mask, modules, SVG) is exactly the one segno would have drawn; `tests/test_qr_mask.py` checks that
against segno's own function. Micro QR symbols, which cards never use, are left to segno.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from segno import encoder

_RUN = re.compile(rb"\x00{5,}|\x01{5,}")
_FINDER_LIKE = bytes((1, 0, 1, 1, 1, 0, 1))
_DIGITS = bytes.maketrans(b"\x00\x01", b"01")
_N2, _N3, _N4 = 3, 40, 10

Matrix = Sequence[bytearray]
_segno_choice: Callable[..., tuple[int, Matrix]] = encoder.find_and_apply_best_mask  # before install() replaces it


@lru_cache(maxsize=64)
def _masks(width: int, height: int) -> tuple[int, ...]:
    """For each of the eight patterns, the symbol's modules (row by row, a byte each, as one integer) that it flips."""
    function = encoder.make_matrix(width, height)
    encoder.add_finder_patterns(function, width, height)
    encoder.add_alignment_patterns(function, width, height)
    function[-8][8] = 0x1
    patterns = encoder.get_data_mask_functions(False)
    return tuple(
        int.from_bytes(bytes(1 if function[i][j] > 0x1 and pattern(i, j) else 0
                             for i in range(height) for j in range(width)), "big")
        for pattern in patterns
    )


def _finder_like(lines: bytes, size: int) -> int:
    """Rule 3 as segno scores it, line by line (its search restarts and edge cases included).

    `lines` holds lines of `size` modules, each followed by a separator that no pattern crosses.
    """
    count = 0
    stride = size + 1
    pos = lines.find(_FINDER_LIKE)
    while pos != -1:
        start = pos - pos % stride
        idx = pos - start
        offset = idx + 7
        if (idx in (0, size - 7) or not any(lines[start + max(idx - 4, 0):start + idx])
                or not any(lines[start + offset:start + min(offset + 4, size)])):
            count += _N3
        else:
            offset = idx + 4
        pos = lines.find(_FINDER_LIKE, start + offset)
    return count


def penalty(modules: bytes, size: int) -> int:
    """The penalty score of a masked QR symbol (`modules` row by row, 0 or 1 each), as `segno.encoder.evaluate_mask`."""
    rows = [modules[i:i + size] for i in range(0, size * size, size)]
    columns = [modules[j::size] for j in range(size)]
    lines = b"\x02".join(rows + columns) + b"\x02"
    # Rule 1: a run of five or more modules of one colour scores its length minus two.
    runs = _RUN.findall(lines)
    score = sum(map(len, runs)) - 2 * len(runs)
    score += _finder_like(lines, size)
    # Rule 2: each 2 x 2 block of one colour; rows as integers, bit j = module j.
    bits = [int(row[::-1].translate(_DIGITS), 2) for row in rows]
    inner = (1 << size) - 2  # positions 1 .. size-1 (a block's right column)
    blocks = 0
    for above, below in zip(bits, bits[1:]):
        same_vertical = ~(above ^ below)
        blocks += (same_vertical & (same_vertical << 1) & ~(below ^ (below << 1)) & inner).bit_count()
    score += _N2 * blocks
    # Rule 4: the share of dark modules, in steps of 5 % away from half.
    score += _N4 * int(abs(float(modules.count(1)) / (size ** 2) * 100 - 50) / 5)
    return score


def find_and_apply_best_mask(matrix: Matrix, width: int, height: int,
                             proposed_mask: int | None = None) -> tuple[int, Matrix]:
    """segno's `find_and_apply_best_mask` (same arguments, same result) for QR symbols."""
    if width == height and width < 21:  # Micro QR: segno's own rule
        return _segno_choice(matrix, width, height, proposed_mask)
    masks = _masks(width, height)
    length = width * height
    unmasked = int.from_bytes(b"".join(matrix), "big")

    def masked(number: int) -> bytes:
        return (unmasked ^ masks[number]).to_bytes(length, "big")

    # The lowest penalty; on a tie the lower pattern number, as segno keeps the first it met.
    number = proposed_mask
    if number is None:
        number = min(range(8), key=lambda n: penalty(masked(n), width))
    modules = masked(number)
    return number, tuple(bytearray(modules[i:i + width]) for i in range(0, length, width))


def install() -> None:
    """Let segno choose masks with this module (idempotent; the symbols are unchanged)."""
    encoder.find_and_apply_best_mask = find_and_apply_best_mask
