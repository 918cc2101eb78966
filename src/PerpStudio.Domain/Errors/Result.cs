using System.Diagnostics.CodeAnalysis;

namespace PerpStudio.Domain.Errors;

/// <summary>Either a value or the precise reason there is none. Domain operations return this instead of throwing on bad input.</summary>
/// <typeparam name="T">The value's type.</typeparam>
public readonly struct Result<T>
{
    private readonly T? _value;

    private Result(T? value, DomainError? error)
    {
        _value = value;
        Error = error;
    }

    /// <summary>The refusal, or null on success.</summary>
    public DomainError? Error { get; }

    /// <summary>True when there is a value.</summary>
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    /// <summary>The value; throws when the result is an error (a programming mistake, not bad input).</summary>
    public T Value => Error is null ? _value! : throw new InvalidOperationException($"no value: {Error}");

    /// <summary>A success.</summary>
    public static Result<T> Ok(T value) => new(value, null);

    /// <summary>A refusal.</summary>
    public static Result<T> Fail(DomainError error) => new(default, error ?? throw new ArgumentNullException(nameof(error)));

#pragma warning disable CA2225 // Ok/Fail are the named alternates
    /// <summary>Wraps a value.</summary>
    public static implicit operator Result<T>(T value) => Ok(value);

    /// <summary>Wraps a refusal.</summary>
    public static implicit operator Result<T>(DomainError error) => Fail(error);
#pragma warning restore CA2225
}
