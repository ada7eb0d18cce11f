namespace LoadRepro.Pipeline.Processes;

/// <summary>The last lines a child printed, kept to say why it failed or exited; safe to add to from the output threads.</summary>
/// <param name="capacity">How many lines are kept.</param>
public sealed class OutputTail(int capacity)
{
    private readonly Queue<string> _lines = new();

    /// <summary>The kept lines, oldest first.</summary>
    public string[] Lines
    {
        get
        {
            lock (_lines)
            {
                return _lines.ToArray();
            }
        }
    }

    /// <summary>Keeps <paramref name="line"/>, dropping the oldest beyond the capacity.</summary>
    public void Add(string line)
    {
        lock (_lines)
        {
            _lines.Enqueue(line);
            while (_lines.Count > capacity)
            {
                _lines.Dequeue();
            }
        }
    }

    /// <summary>The last <paramref name="count"/> non-empty lines joined by " | ".</summary>
    public string Last(int count) => string.Join(" | ", Lines.TakeLast(count).Select(l => l.Trim()).Where(l => l.Length > 0));
}
