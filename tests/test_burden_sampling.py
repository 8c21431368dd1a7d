"""The Monte Carlo's random numbers: stratified, reproducible, and PERT-shaped."""

from __future__ import annotations

import numpy as np
import pytest

from codecheck.burden.sampling import Sampler, pert_mean, pert_ppf, uniforms


@pytest.mark.parametrize("draws", [1, 7, 600, 6000])
def test_one_draw_in_each_stratum(draws):
    u = uniforms(20260224, "tariff_eur_per_hour", draws)
    assert u.shape == (draws,)
    assert np.all((u >= 0.0) & (u < 1.0))
    # Latin hypercube: floor(u * n) hits every stratum exactly once
    assert sorted(np.floor(u * draws).astype(int).tolist()) == list(range(draws))


def test_streams_are_reproducible_and_independent():
    a = uniforms(1, "x", 1000)
    assert np.array_equal(a, uniforms(1, "x", 1000))
    assert not np.array_equal(a, uniforms(1, "y", 1000))
    assert not np.array_equal(a, uniforms(2, "x", 1000))
    # the order is shuffled, not sorted: neighbouring draws are not neighbouring strata
    assert abs(np.corrcoef(a, uniforms(1, "y", 1000))[0, 1]) < 0.1
    assert not np.all(np.diff(a) > 0)


def test_stratified_draws_reproduce_the_pert_mean_and_percentiles_closely():
    low, central, high = 10.0, 20.0, 50.0
    values = pert_ppf(uniforms(5, "minutes", 6000), low, central, high)
    assert values.min() >= low and values.max() <= high
    assert values.mean() == pytest.approx(pert_mean(low, central, high), rel=2e-3)
    # the 5th/95th percentiles of the same PERT computed on a dense even grid of probabilities
    exact = pert_ppf(np.array([0.05, 0.95]), low, central, high)
    assert np.quantile(values, [0.05, 0.95]) == pytest.approx(exact, rel=5e-3)


def test_sampler_shares_uniform_draws_within_a_stream():
    sampler = Sampler(600, seed=3)
    a = sampler.value("minutes.a", (1.0, 2.0, 4.0), stream="family")
    b = sampler.value("minutes.b", (10.0, 20.0, 40.0), stream="family")
    assert np.corrcoef(a, b)[0, 1] > 0.99  # comonotonic
    assert Sampler(None).value("minutes.a", (1.0, 2.0, 4.0)) == 2.0
