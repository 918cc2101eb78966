using PerpStudio.Grpc;

namespace PerpStudio.Client;

/// <summary>
/// What the client proves itself with: an API key, a session token from wallet sign-in, or nothing (sign-in only),
/// and the operator the call is for when no credential names it (sign-in).
/// </summary>
public sealed record PerpStudioCredentials
{
    /// <summary>The metadata key of API keys.</summary>
    public const string ApiKeyHeader = "x-api-key";

    /// <summary>The metadata key naming the operator.</summary>
    public const string OperatorHeader = "x-operator-id";

    /// <summary>The metadata key of session tokens.</summary>
    public const string AuthorizationHeader = "authorization";

    private Metadata? _metadata;

    private PerpStudioCredentials(string? apiKey, string? sessionToken, string? operatorId)
    {
        ApiKeyValue = apiKey;
        SessionToken = sessionToken;
        OperatorId = operatorId;
    }

    /// <summary>No credential.</summary>
    public static PerpStudioCredentials None { get; } = new(null, null, null);

    /// <summary>The API key, when that is the credential.</summary>
    public string? ApiKeyValue { get; }

    /// <summary>The session token, when that is the credential.</summary>
    public string? SessionToken { get; }

    /// <summary>The operator sent in <c>x-operator-id</c>, or null.</summary>
    public string? OperatorId { get; }

    /// <summary>An API key (sent in <c>x-api-key</c>).</summary>
    public static PerpStudioCredentials ApiKey(string apiKey, string? operatorId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        return new(apiKey, null, operatorId);
    }

    /// <summary>A session token (sent as <c>authorization: Bearer</c>).</summary>
    public static PerpStudioCredentials Session(string sessionToken, string? operatorId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sessionToken);
        return new(null, sessionToken, operatorId);
    }

    /// <summary>No credential, for the operator's sign-in.</summary>
    public static PerpStudioCredentials ForOperator(string operatorId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(operatorId);
        return new(null, null, operatorId);
    }

    /// <summary>The metadata sent with each call (built once; treat as read-only).</summary>
    public Metadata ToMetadata()
    {
        if (_metadata is { } built)
        {
            return built;
        }

        var m = new Metadata();
        if (ApiKeyValue is not null)
        {
            m.Add(ApiKeyHeader, ApiKeyValue);
        }

        if (SessionToken is not null)
        {
            m.Add(AuthorizationHeader, "Bearer " + SessionToken);
        }

        if (OperatorId is not null)
        {
            m.Add(OperatorHeader, OperatorId);
        }

        _metadata = m;
        return m;
    }

    /// <summary>Without secrets.</summary>
    public override string ToString() =>
        ApiKeyValue is not null ? $"api key for {OperatorId ?? "(its operator)"}"
        : SessionToken is not null ? $"session for {OperatorId ?? "(its operator)"}"
        : $"anonymous for {OperatorId ?? "(no operator)"}";
}
