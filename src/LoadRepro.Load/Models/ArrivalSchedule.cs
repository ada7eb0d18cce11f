using LoadRepro.Core.Scenarios;

namespace LoadRepro.Load.Models;

/// <summary>
/// When each arrival of the open model is due, in seconds since the load started: a constant rate, or ramp stages
/// where the rate moves in a straight line from the end of the previous stage to each stage's target.
/// </summary>
public sealed class ArrivalSchedule
{
    private readonly int _rate;
    private readonly IReadOnlyList<RateStage> _stages;
    private long _count;
    private double _at;
    private int _stage;
    private double _stageStart;
    private double _stageFrom;

    /// <summary>A constant <paramref name="rate"/> per second, or <paramref name="stages"/> starting from it when there are any.</summary>
    public ArrivalSchedule(int rate, IReadOnlyList<RateStage> stages)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rate, 1);
        _rate = rate;
        _stages = stages;
        _stageFrom = rate;
    }

    /// <summary>The time between the last two arrivals, in seconds.</summary>
    public double Interval { get; private set; }

    /// <summary>The next arrival's due time in seconds since the start; <see cref="double.PositiveInfinity"/> once the stages are over.</summary>
    public double Next()
    {
        if (_stages.Count == 0)
        {
            // Computed from the count, not summed, so a long run does not drift.
            Interval = 1.0 / _rate;
            return _count++ / (double)_rate;
        }

        var due = _at;
        var rate = RateAt(due);
        if (double.IsNaN(rate))
        {
            return double.PositiveInfinity;
        }

        // The next arrival comes one interval later at the rate halfway there, which keeps a ramp's count exact to
        // the second order.
        var mid = RateAt(due + (0.5 / rate));
        Interval = 1.0 / (double.IsNaN(mid) ? rate : mid);
        _at = due + Interval;
        return due;
    }

    /// <summary>The rate at <paramref name="t"/> seconds, or NaN after the last stage.</summary>
    private double RateAt(double t)
    {
        while (_stage < _stages.Count && t >= _stageStart + _stages[_stage].Duration.TotalSeconds)
        {
            _stageStart += _stages[_stage].Duration.TotalSeconds;
            _stageFrom = _stages[_stage].Rate;
            _stage++;
        }

        if (_stage >= _stages.Count)
        {
            return double.NaN;
        }

        var s = _stages[_stage];
        var f = (t - _stageStart) / s.Duration.TotalSeconds;
        return _stageFrom + ((s.Rate - _stageFrom) * f);
    }
}
