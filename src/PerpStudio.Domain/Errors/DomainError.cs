namespace PerpStudio.Domain.Errors;

/// <summary>What kind of refusal an error is; the API maps it to a status code.</summary>
public enum ErrorKind
{
    /// <summary>The input itself is wrong (gRPC INVALID_ARGUMENT): a field is missing, malformed, off tick, out of range.</summary>
    InvalidArgument,

    /// <summary>The input is well formed but the state refuses it (gRPC FAILED_PRECONDITION): margin, stale price, reduce-only.</summary>
    FailedPrecondition,

    /// <summary>Something named does not exist (gRPC NOT_FOUND): unknown market, order, position.</summary>
    NotFound,
}

/// <summary>A precise refusal: which field, a stable machine code, and a message a person can act on.</summary>
/// <param name="Kind">How the refusal is reported.</param>
/// <param name="Code">A stable snake_case code, e.g. <c>price_off_tick</c>, <c>insufficient_margin</c>.</param>
/// <param name="Field">The input field at fault (e.g. <c>price</c>), or empty when no single field is.</param>
/// <param name="Message">What is wrong, with the numbers that make it wrong.</param>
public sealed record DomainError(ErrorKind Kind, string Code, string Field, string Message)
{
    /// <inheritdoc />
    public override string ToString() => Field.Length == 0 ? $"{Code}: {Message}" : $"{Code} ({Field}): {Message}";
}
