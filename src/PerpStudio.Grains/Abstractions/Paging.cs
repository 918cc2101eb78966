using System.Collections.Immutable;

namespace PerpStudio.Grains.Abstractions;

/// <summary>A page of a newest-first list: entries strictly older than <paramref name="Before"/> (a sequence number), at most <paramref name="Limit"/>.</summary>
/// <param name="Before">Return entries with a sequence below this; null for the newest.</param>
/// <param name="Limit">How many at most (1..500).</param>
public sealed record PageRequest(long? Before = null, int Limit = 50)
{
    /// <summary>The largest page served.</summary>
    public const int MaxLimit = 500;

    /// <summary>The limit clamped to 1..<see cref="MaxLimit"/>.</summary>
    public int EffectiveLimit => Math.Clamp(Limit, 1, MaxLimit);
}

/// <summary>One page, newest first.</summary>
/// <typeparam name="T">The entry type.</typeparam>
/// <param name="Items">The entries.</param>
/// <param name="NextBefore">Pass as <see cref="PageRequest.Before"/> for the next (older) page; null when there is none.</param>
public sealed record Page<T>(ImmutableArray<T> Items, long? NextBefore);
