using LoadRepro.Core.Scenarios;

namespace LoadRepro.Load.Http;

/// <summary>
/// The kinds of request a run sends and which one goes next. The order is fixed up front (smooth weighted round-robin over
/// one period of the weights), so picking is one atomic increment and an array read, and every stretch of the run holds
/// each kind in its share, not only the whole run on average.
/// </summary>
public sealed class RequestMix
{
    private readonly byte[] _order;
    private long _next = -1;

    /// <summary>Creates the mix of <paramref name="kinds"/> (at most <see cref="RequestDefaults.MaxKinds"/>).</summary>
    public RequestMix(IReadOnlyList<RequestSpec> kinds)
    {
        ArgumentOutOfRangeException.ThrowIfZero(kinds.Count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(kinds.Count, RequestDefaults.MaxKinds);
        Kinds = kinds;
        _order = Order(kinds.Select(k => k.Weight).ToArray());
    }

    /// <summary>The kinds, in the scenario's order; a kind's number is its index here.</summary>
    public IReadOnlyList<RequestSpec> Kinds { get; }

    /// <summary>The kinds of a load: its <c>request</c> or <c>requests</c>, else one GET of <paramref name="defaultPath"/>.</summary>
    public static RequestMix For(LoadSettings load, string defaultPath) =>
        new(load.Requests.Count > 0 ? load.Requests : [new RequestSpec { Path = defaultPath }]);

    /// <summary>The number of the kind the next request is.</summary>
    public int Next() => _order[(int)((ulong)Interlocked.Increment(ref _next) % (ulong)_order.Length)];

    /// <summary>One period of smooth weighted round-robin: each kind as often as its weight, spread out (9:1 gives 1 in every 10, not 9 then 1).</summary>
    private static byte[] Order(int[] weights)
    {
        var gcd = weights.Aggregate(0, (a, b) => (int)System.Numerics.BigInteger.GreatestCommonDivisor(a, b));
        var w = weights.Select(x => x / gcd).ToArray();
        var total = w.Sum();
        var current = new int[w.Length];
        var order = new byte[total];
        for (var i = 0; i < total; i++)
        {
            var best = 0;
            for (var k = 0; k < w.Length; k++)
            {
                current[k] += w[k];
                if (current[k] > current[best])
                {
                    best = k;
                }
            }

            current[best] -= total;
            order[i] = (byte)best;
        }

        return order;
    }
}
