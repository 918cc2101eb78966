using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Numerics;
using System.Reflection;

namespace PerpStudio.Runtime.Storage;

/// <summary>
/// Says whether every object reachable from a value of a type is immutable, from the type alone: each field of the
/// type and of everything it holds is read-only and of such a type, and no type on the way can be subclassed into a
/// mutable one. A state type that passes can be kept by reference in memory: no one can change what was stored.
/// </summary>
public static class ImmutableGraph
{
    private static readonly ConcurrentDictionary<Type, string?> Known = new();

    private static readonly HashSet<Type> Leaves =
    [
        typeof(string), typeof(decimal), typeof(DateTime), typeof(DateTimeOffset), typeof(TimeSpan), typeof(Guid),
        typeof(DateOnly), typeof(TimeOnly), typeof(Int128), typeof(UInt128), typeof(Half), typeof(BigInteger),
    ];

    private static readonly HashSet<Type> ImmutableCollections =
    [
        typeof(ImmutableArray<>), typeof(ImmutableList<>), typeof(ImmutableHashSet<>), typeof(ImmutableSortedSet<>),
        typeof(ImmutableQueue<>), typeof(ImmutableStack<>), typeof(ImmutableDictionary<,>), typeof(ImmutableSortedDictionary<,>),
    ];

    /// <summary>True when no object reachable from a <paramref name="type"/> can change after it is made.</summary>
    /// <param name="type">The declared type of the value.</param>
    public static bool IsDeeplyImmutable(Type type) => MutablePart(type) is null;

    /// <summary>Where a <paramref name="type"/> can change (e.g. <c>Book.Levels: List`1</c>), or null when nothing can.</summary>
    /// <param name="type">The declared type of the value.</param>
    public static string? MutablePart(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return Known.TryGetValue(type, out var known) ? known : Known.GetOrAdd(type, Check(type, []));
    }

    private static string? Check(Type type, HashSet<Type> visiting)
    {
        if (type.IsPrimitive || type.IsEnum || Leaves.Contains(type))
        {
            return null;
        }

        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Check(underlying, visiting);
        }

        if (type.IsGenericType && ImmutableCollections.Contains(type.GetGenericTypeDefinition()))
        {
            // their own fields are private and never change once built; what they hold is what matters
            return type.GetGenericArguments().Select(a => Check(a, visiting)).FirstOrDefault(p => p is not null);
        }

        // arrays, interfaces, object, delegates, pointers: their contents or their runtime type could be anything
        if (type.IsArray || type.IsInterface || type.IsPointer || type.IsByRef || type == typeof(object)
            || typeof(Delegate).IsAssignableFrom(type) || type.ContainsGenericParameters)
        {
            return type.Name;
        }

        // a subclass could add fields that change
        if (!type.IsValueType && !type.IsSealed)
        {
            return $"{type.Name} (not sealed)";
        }

        if (!visiting.Add(type))
        {
            return null; // a type that holds itself: decided by its other fields
        }

        try
        {
            for (var t = type; t is not null && t != typeof(object) && t != typeof(ValueType); t = t.BaseType)
            {
                foreach (var field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                {
                    if (!field.IsInitOnly)
                    {
                        return $"{type.Name}.{MemberName(field)} (settable)";
                    }

                    if (Check(field.FieldType, visiting) is { } part)
                    {
                        return $"{type.Name}.{MemberName(field)}: {part}";
                    }
                }
            }

            return null;
        }
        finally
        {
            visiting.Remove(type);
        }
    }

    // an auto-property's field is named <Name>k__BackingField
    private static string MemberName(FieldInfo field) =>
        field.Name.StartsWith('<') && field.Name.IndexOf('>', StringComparison.Ordinal) is > 1 and var end ? field.Name[1..end] : field.Name;
}
