namespace PerpStudio.Runtime;

/// <summary>A timer registered by a grain; each tick runs as a turn of its activation (Orleans: <c>IGrainTimer</c>).</summary>
public interface IGrainTimer : IDisposable
{
    /// <summary>Re-schedules the timer: the next tick after <paramref name="dueTime"/>, later ticks every <paramref name="period"/>.</summary>
    /// <param name="dueTime">Delay before the next tick; <see cref="Timeout.InfiniteTimeSpan"/> stops the timer.</param>
    /// <param name="period">Delay between the end of a tick and the next; <see cref="Timeout.InfiniteTimeSpan"/> for one tick.</param>
    void Change(TimeSpan dueTime, TimeSpan period);
}
