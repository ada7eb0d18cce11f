namespace LoadRepro.Agent;

/// <summary>The last samples the agent took, numbered, for runs that pull them (<c>GET /samples?after=N</c>).</summary>
public sealed class KeptSamples
{
    private readonly Queue<AgentSample> _kept = new();
    private readonly Lock _gate = new();
    private readonly int _capacity;
    private long _seq;

    /// <summary>Keeps the newest <paramref name="capacity"/> samples.</summary>
    public KeptSamples(int capacity) => _capacity = capacity;

    /// <summary>Adds a sample taken now; returns its entry.</summary>
    public AgentSample Add(Core.Records.Sample sample, long unixMs)
    {
        lock (_gate)
        {
            var entry = new AgentSample(++_seq, unixMs, sample);
            _kept.Enqueue(entry);
            if (_kept.Count > _capacity)
            {
                _kept.Dequeue();
            }

            return entry;
        }
    }

    /// <summary>The kept samples numbered above <paramref name="after"/>, oldest first.</summary>
    public IReadOnlyList<AgentSample> After(long after)
    {
        lock (_gate)
        {
            return _kept.Where(s => s.Seq > after).ToArray();
        }
    }
}
