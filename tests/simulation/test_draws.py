"""The week's draws: compiled normal noise is numpy's own numbers, from the same stream."""

import numpy as np
import pytest

from orglearn.simulation.draws import COMPILED_FROM, standard_normal


@pytest.mark.parametrize("size", [1, COMPILED_FROM - 1, COMPILED_FROM, 5 * COMPILED_FROM + 3])
def test_compiled_normals_are_numpys_numbers_and_leave_the_stream_where_numpy_would(size):
    ours, numpys = np.random.default_rng(17), np.random.default_rng(17)
    out = np.full(size, np.nan)
    standard_normal(ours, out)
    np.testing.assert_array_equal(out, numpys.standard_normal(size))
    assert ours.standard_normal() == numpys.standard_normal()  # the next number is the same too
