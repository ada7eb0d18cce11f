namespace LoadRepro.Load.Loop;

/// <summary>What a <see cref="LoopModel"/> asks of the event loop: start a slot's request, or retire the slot.</summary>
internal interface ILoopStarts
{
    /// <summary>Starts the next request on <paramref name="slot"/>, its latency counting from <paramref name="intendedStart"/>.</summary>
    void Start(LoopSlot slot, long intendedStart);

    /// <summary>Closes <paramref name="slot"/>'s connection for good: the load's bounds are reached.</summary>
    void Retire(LoopSlot slot);
}
