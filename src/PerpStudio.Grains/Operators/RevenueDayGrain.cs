using System.Globalization;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Runtime;

namespace PerpStudio.Grains.Operators;

/// <summary>The stored revenue of one operator's UTC day.</summary>
public sealed record RevenueDayState
{
    /// <summary>The day's rows.</summary>
    public RevenueDay Day { get; init; } = new();
}

/// <summary>Keeps one UTC day of an operator's revenue rows, apart from the collector so the collector's writes stay small.</summary>
public sealed class RevenueDayGrain(
    [PersistentState("revenue-day", GrainKeys.Storage)] IPersistentState<RevenueDayState> state) : Grain, IRevenueDayGrain
{
    /// <summary>The key of an operator's day.</summary>
    public static string KeyOf(string operatorId, DateOnly day) => string.Create(CultureInfo.InvariantCulture, $"{operatorId}/{day:yyyy-MM-dd}");

    /// <inheritdoc />
    public async Task AddAsync(FeeCredit credit)
    {
        var next = state.State.Day.Add(credit);
        if (!ReferenceEquals(next, state.State.Day))
        {
            state.State = new RevenueDayState { Day = next };
            await state.WriteStateAsync();
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<RevenueRow>> GetRowsAsync() => Task.FromResult<IReadOnlyList<RevenueRow>>([.. state.State.Day.Rows.Values]);

    /// <inheritdoc />
    public async Task ClearAsync()
    {
        await state.ClearStateAsync();
        state.State = new RevenueDayState();
    }
}
