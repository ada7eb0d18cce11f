namespace LoadRepro;

/// <summary>
/// Assertions for test frameworks: each throws <see cref="LoadReproAssertionException"/> (no dependency on a test framework)
/// with a message a person can act on.
/// </summary>
public static class LoadReproAssert
{
    /// <summary>Asserts that every gate of <paramref name="run"/> held and that it ran to its end.</summary>
    /// <exception cref="LoadReproAssertionException">A gate failed or the run was interrupted.</exception>
    public static void Holds(RunOutcome run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (!run.Passed)
        {
            throw new LoadReproAssertionException("expected every gate to hold, but " + run);
        }
    }

    /// <summary>
    /// Asserts that <paramref name="run"/> ran to its end and at least one gate failed: the leak is reproduced. With
    /// <paramref name="diagnosis"/>, also that the diagnosis is that one (e.g. <c>close-wait-leak</c>).
    /// </summary>
    /// <exception cref="LoadReproAssertionException">Every gate held, the diagnosis differs, or the run was interrupted.</exception>
    public static void Fails(RunOutcome run, string? diagnosis = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Interrupted)
        {
            throw new LoadReproAssertionException("expected a gate to fail, but the run was interrupted: " + run);
        }

        if (run.Passed)
        {
            throw new LoadReproAssertionException("expected a gate to fail, but " + run);
        }

        if (diagnosis is not null && run.Diagnosis != diagnosis)
        {
            throw new LoadReproAssertionException($"expected the diagnosis {diagnosis}, but " + run);
        }
    }

    /// <summary>Asserts that the fix holds: both runs complete and every gate on B held.</summary>
    /// <exception cref="LoadReproAssertionException">It does not hold, or a run was cancelled.</exception>
    public static void FixHolds(ComparisonOutcome comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        if (!comparison.Holds)
        {
            throw new LoadReproAssertionException("expected the fix to hold, but " + comparison);
        }
    }
}
